#!/bin/sh
# console_pcemu.sh: what pcemu says on its console where QEMU has no counterpart to compare
# with: a run that shows nothing says so once on stderr (and runs; not with a serial port,
# -nographic or -display none); a -run-until serial:TEXT stop in the middle of the guest's
# line on a terminal ends the line before "pcemu: saved snapshot"; -snapshot save without a
# stop condition is refused; -d help lists the categories -d takes.
set -u
T=$TMPDIR_TEST
root=$(pwd)
fails=0
[ -f "$O/images/guest.qcow2" ] || { echo "no test guest (make images)"; exit 77; }
"$PCEMU" -m 32 -run-for 10ms </dev/null >"$T/out" 2>"$T/err"; rc=$?
if [ $rc != 0 ] || [ "$(wc -l <"$T/err")" != 1 ] || ! grep -q "no display and no serial port.*-nographic or -serial stdio" "$T/err"; then
    echo "FAIL: silent run: exit $rc, $(cat "$T/err")"; fails=$((fails + 1))
fi
for quiet in "-serial null" "-display none" "-nographic"; do
    # shellcheck disable=SC2086
    "$PCEMU" -m 32 -run-for 10ms $quiet </dev/null >"$T/out" 2>"$T/err"
    [ ! -s "$T/err" ] || { echo "FAIL: $quiet: $(cat "$T/err")"; fails=$((fails + 1)); }
done
"$PCEMU" -m 32 -snapshot save s1 2>"$T/err" && { echo "FAIL: -snapshot save without a stop ran"; fails=$((fails + 1)); }
grep -q "no stop condition" "$T/err" || { echo "FAIL: -snapshot save refusal: $(cat "$T/err")"; fails=$((fails + 1)); }
"$PCEMU" -d help >"$T/out" || fails=$((fails + 1))
for cat in cpu int io dev block snap mmu; do
    grep -q "^$cat " "$T/out" || { echo "FAIL: -d help lacks $cat"; fails=$((fails + 1)); }
    "$PCEMU" -d "$cat" -S -m 32 2>/dev/null || { echo "FAIL: -d $cat"; fails=$((fails + 1)); }
done
# on a terminal: the guest's unfinished line ends before pcemu's message
cp "$O/images/guest.qcow2" "$T/g.qcow2"
cat >"$T/s.txt" <<'S'
end
S
python3 "$root/tests/tools/pty_drive.py" "$T/s.txt" "$PCEMU" -m 32 -drive file="$T/g.qcow2",format=qcow2 \
    -serial stdio -run-until 'serial:GUEST iter 00000002' -snapshot save s1 >"$T/pty.txt"
if grep -q 'GUEST iter 00000002\\r\\npcemu: saved snapshot' "$T/pty.txt"; then
    echo "ok: the guest's line ends before pcemu's message"
else
    echo "FAIL: on a terminal:"; cat "$T/pty.txt"; fails=$((fails + 1))
fi
[ $fails = 0 ] || { echo "$fails failures"; exit 1; }
echo "pcemu's own console messages are right"
