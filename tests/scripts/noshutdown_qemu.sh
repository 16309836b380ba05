#!/bin/sh
# noshutdown_qemu.sh: -no-reboot and -no-shutdown beside QEMU 7.2, on SeaBIOS with no disk
# and -boot reboot-timeout=0 (it asks for a reset at once): with -no-reboot alone both end
# by themselves with status 0; with -no-shutdown too both stay, the machine stopped at the
# reset (SeaBIOS does not start again after its "hard reboot" line), until SIGTERM ends them with "terminating on signal 15" and
# status 0.
set -u
T=$TMPDIR_TEST
fails=0
command -v qemu-system-i386 >/dev/null || { echo "qemu-system-i386 not installed"; exit 77; }
for w in qemu pcemu; do
    if [ $w = qemu ]; then cmd="qemu-system-i386 -M pc -nodefaults"; else cmd=$PCEMU; fi
    dbg="-chardev file,id=d,path=$T/$w.log -device isa-debugcon,iobase=0x402,chardev=d"
    # shellcheck disable=SC2086
    timeout 300 $cmd -m 32 -display none -no-reboot -boot reboot-timeout=0 \
        -chardev file,id=d,path="$T/$w.first.log" -device isa-debugcon,iobase=0x402,chardev=d \
        </dev/null 2>"$T/$w.err"; rc=$?
    [ $rc = 0 ] || { echo "FAIL: $w -no-reboot: status $rc, $(cat "$T/$w.err")"; fails=$((fails + 1)); }
    # shellcheck disable=SC2086
    $cmd -m 32 -display none -no-reboot -no-shutdown -boot reboot-timeout=0 $dbg </dev/null 2>"$T/$w.err" &
    p=$!
    n=0   # hang guard only: SeaBIOS's last words before the reset
    until grep -q "reboot" "$T/$w.log" 2>/dev/null || [ $n -ge 1200 ]; do sleep 0.1; n=$((n + 1)); done
    if ! kill -TERM $p 2>/dev/null; then
        echo "FAIL: $w -no-shutdown: it had already ended"; fails=$((fails + 1))
    fi
    wait $p; rc=$?
    boots=$(sed -n '/hard reboot/,$p' "$T/$w.log" | grep -c "^SeaBIOS (version")
    sed -e "s/^[a-z0-9-]*: //" -e 's/pid [0-9]*/pid N/' "$T/$w.err" >"$T/$w.err.cmp"
    echo "$w: status $rc, SeaBIOS started $boots time(s) after the reset, stderr: $(cat "$T/$w.err")"
    [ $rc = 0 ] && [ "$boots" = 0 ] || { echo "FAIL: $w -no-shutdown"; fails=$((fails + 1)); }
done
cmp -s "$T/qemu.err.cmp" "$T/pcemu.err.cmp" || { echo "FAIL: the SIGTERM lines differ"; fails=$((fails + 1)); }
[ $fails = 0 ] || { echo "$fails failures"; exit 1; }
echo "-no-reboot and -no-shutdown end and stay as QEMU's"
