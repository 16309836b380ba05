#!/bin/sh
# console_qemu.sh: the terminal of -nographic, driven through a pty beside QEMU 7.2: Ctrl-A h
# prints the same help, Ctrl-A c switches to the monitor and back (the monitor answers
# there), Ctrl-A x ends both with "QEMU: Terminated" and status 0; Ctrl-C on a plain
# -serial stdio terminal and SIGTERM/SIGHUP end both with "terminating on signal N" and
# the same status; -pidfile writes the pid and removes the file; -name process= names the
# process. The outputs are compared after the program name and the versions are masked.
set -u
T=$TMPDIR_TEST
root=$(pwd)
DRIVE="python3 $root/tests/tools/pty_drive.py"
fails=0
command -v qemu-system-i386 >/dev/null || { echo "qemu-system-i386 not installed"; exit 77; }
QEMU="qemu-system-i386 -M pc -m 32 -net none -vga none"
PC="$PCEMU -m 32"
# mask: the program name, QEMU's version in the banner, pids
# and what is known to differ: QEMU's readline redraws the line as it is typed and its
# banner ends in CR CR LF (the monitor's own texts are hmp.c's); what the guest or the
# monitor prints between the last wait and the signal's report depends on timing
mask() { sed -e 's/qemu-system-i386: /PROG: /g; s/pcemu: /PROG: /g' \
             -e "s/QEMU [0-9.]* monitor[^-]*- /QEMU monitor - /" -e 's/pid [0-9]*/pid N/g' \
             -e 's/information\\r\\r\\n/information\\r\\n/' -e "s/^b'.*info status\\\\x1b\\[K/b'info status/" \
             -e "s/^b'.*PROG: terminating/b'PROG: terminating/"; }
# compare NAME SCRIPT ARGS...: the same session on both; only the sections after the first
# 'mark' are compared (the firmware's boot text before it differs in the boot order)
compare() {
    name=$1 script=$2; shift 2
    # shellcheck disable=SC2086
    (cd "$T" && $DRIVE "$script" $QEMU "$@" >"$T/$name.qemu" 2>&1)
    # shellcheck disable=SC2086
    (cd "$T" && $DRIVE "$script" $PC "$@" >"$T/$name.pcemu" 2>&1)
    # the sections are joined into one byte string: where a read ends between two marks
    # depends on host timing (a CR may arrive before or after a mark), the bytes do not;
    # the line end of the firmware's last line (before the first mark) may fall on either
    # side of it, so leading CR/LF bytes are dropped
    for w in qemu pcemu; do sed -n '/^---$/,$p' "$T/$name.$w" | mask | python3 -c '
import ast, sys
out, other = b"", []
for line in sys.stdin.read().splitlines():
    if line[:2] in ("b\x27", "b\""):
        out += ast.literal_eval(line)
    elif line != "---":
        other.append(line)
print(repr(out.lstrip(b"\r\n"))); print("\n".join(other))' >"$T/$name.$w.cmp"; done
    # a wait that ran into pty_drive's hang guard is a failure even when both did (a wait
    # for text that never comes would else pass, 120 s later)
    if grep -q "^TIMEOUT waiting" "$T/$name.qemu" "$T/$name.pcemu"; then
        echo "FAIL: $name: a wait timed out:"; grep -h "^TIMEOUT waiting" "$T/$name.qemu" "$T/$name.pcemu"
        fails=$((fails + 1))
    elif cmp -s "$T/$name.qemu.cmp" "$T/$name.pcemu.cmp"; then
        echo "ok: $name: same output and status"; cat "$T/$name.pcemu.cmp"
    else
        echo "FAIL: $name differs (QEMU, pcemu):"; diff "$T/$name.qemu.cmp" "$T/$name.pcemu.cmp"
        fails=$((fails + 1))
    fi
}
# (the firmware's line end is waited for too: when it came after the first mark, it fell
# into the help's section on QEMU and not on pcemu, or the other way)
cat >"$T/mux.txt" <<'S'
wait No bootable device.\r\r\n
mark
send \x01h
wait C-a C-a  sends C-a
mark
send \x01c
wait (qemu) 
mark
send info status\r
wait VM status: running
wait (qemu) 
mark
send \x01c
wait \n
mark
send \x01x
end
S
compare mux "$T/mux.txt" -nographic
# a plain -serial stdio on a terminal: the guest's output (SeaBIOS's serial console is off
# without -nographic), then Ctrl-C
[ -f "$O/images/guest.qcow2" ] || { echo "no test guest (make images)"; exit 77; }
cp "$O/images/guest.qcow2" "$T/c.qcow2"
cat >"$T/ctrlc.txt" <<'S'
wait GUEST iter 00000001
mark
send \x03
end
S
compare ctrl_c "$T/ctrlc.txt" -serial stdio -drive file="$T/c.qcow2",format=qcow2
for sig in 15 1; do
    cat >"$T/sig.txt" <<S
wait No bootable device.
mark
kill $sig
end
S
    compare "signal_$sig" "$T/sig.txt" -nographic
done
# -pidfile and -name process=: the file holds the pid while the program runs and is gone
# after; the process is named. The signal goes once the guest runs (QEMU writes its pid
# file before it installs its signal handlers).
[ -f "$O/images/guest.qcow2" ] || { echo "no test guest (make images)"; exit 77; }
for w in qemu pcemu; do
    if [ $w = qemu ]; then cmd=$QEMU; else cmd=$PC; fi
    cp "$O/images/guest.qcow2" "$T/$w.qcow2"
    # shellcheck disable=SC2086
    $cmd -display none -pidfile "$T/$w.pid" -name g,process=pcemu-test -drive file="$T/$w.qcow2",format=qcow2 \
        -serial file:"$T/$w.serial" </dev/null >/dev/null 2>"$T/$w.err" &
    p=$!
    n=0
    until grep -q "GUEST iter 00000001" "$T/$w.serial" 2>/dev/null || [ $n -ge 1200 ]; do sleep 0.1; n=$((n + 1)); done   # hang guard only
    [ "$(cat "$T/$w.pid")" = "$p" ] || { echo "FAIL: $w -pidfile holds '$(cat "$T/$w.pid")', not $p"; fails=$((fails + 1)); }
    [ "$(stat -c %a "$T/$w.pid")" = 600 ] || { echo "FAIL: $w -pidfile mode $(stat -c %a "$T/$w.pid")"; fails=$((fails + 1)); }
    [ "$(cat /proc/$p/comm)" = pcemu-test ] || { echo "FAIL: $w -name process=: $(cat /proc/$p/comm)"; fails=$((fails + 1)); }
    kill -TERM $p; wait $p; rc=$?
    [ $rc = 0 ] || { echo "FAIL: $w after SIGTERM: status $rc"; fails=$((fails + 1)); }
    [ ! -e "$T/$w.pid" ] || { echo "FAIL: $w left its pid file"; fails=$((fails + 1)); }
    mask <"$T/$w.err" >"$T/$w.err.cmp"
done
cmp -s "$T/qemu.err.cmp" "$T/pcemu.err.cmp" || { echo "FAIL: SIGTERM lines differ:"; cat "$T/qemu.err.cmp" "$T/pcemu.err.cmp"; fails=$((fails + 1)); }
[ $fails = 0 ] || { echo "$fails failures"; exit 1; }
echo "the console behaves as QEMU's"
