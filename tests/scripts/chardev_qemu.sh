#!/bin/sh
# chardev_qemu.sh: -serial pty and -serial tcp: beside QEMU 7.2: pty prints QEMU's "char
# device redirected to /dev/pts/N (label serial0)" on stdout and the guest's output comes
# out of the pty; tcp:HOST:PORT,server=on,wait=on waits for a client and sends it the
# output; tcp:HOST:PORT connects to a listener. Both emulators give the same lines on
# stdout and the same exit status (SIGTERM ends both); stderr is not compared (QEMU says
# "info: QEMU waiting for connection" there, pcemu waits silently).
set -u
T=$TMPDIR_TEST
root=$(pwd)
fails=0
command -v qemu-system-i386 >/dev/null || { echo "qemu-system-i386 not installed"; exit 77; }
[ -f "$O/images/guest.qcow2" ] || { echo "no test guest (make images)"; exit 77; }
cp "$O/images/guest.qcow2" "$T/q.qcow2"
cp "$O/images/guest.qcow2" "$T/p.qcow2"
for spec in "pty:pty" "tcp-server:tcp:127.0.0.1:@PORT@,server=on,wait=on" "tcp-client:tcp:127.0.0.1:@PORT@"; do
    mode=${spec%%:*} arg=${spec#*:}
    python3 "$root/tests/tools/chardev_peer.py" "$mode" "GUEST iter 00000001" -- qemu-system-i386 \
        -M pc -m 32 -nodefaults -display none \
        -drive file="$T/q.qcow2",format=qcow2 -serial "$arg" >"$T/qemu.out" 2>"$T/qemu.err"
    python3 "$root/tests/tools/chardev_peer.py" "$mode" "GUEST iter 00000001" -- "$PCEMU" -m 32 \
        -drive file="$T/p.qcow2",format=qcow2 -serial "$arg" >"$T/pcemu.out" 2>"$T/pcemu.err"
    if cmp -s "$T/qemu.out" "$T/pcemu.out" && grep -q "^got GUEST" "$T/pcemu.out"; then
        echo "ok: -serial $arg:"; cat "$T/pcemu.out"
    else
        echo "FAIL: -serial $arg: QEMU, pcemu:"; cat "$T/qemu.out" "$T/qemu.err" "$T/pcemu.out" "$T/pcemu.err"
        fails=$((fails + 1))
    fi
done
[ $fails = 0 ] || { echo "$fails failures"; exit 1; }
echo "pty and tcp serial ports work as QEMU's"
