#!/bin/sh
# monitor_run_until.sh: -run-until serial:TEXT stops at the same instruction with and
# without a monitor, also when TEXT is printed across monitor slices (tests/data/
# serial_span.asm prints "A", ~3 million instructions later "B"). Each run saves at the
# stop condition; the snapshots' ICOUNT (qemu-img snapshot -l) must be equal and lie after
# the spin loop.
set -u
command -v qemu-img >/dev/null || { echo "qemu-img missing"; exit 77; }
command -v nasm >/dev/null || { echo "nasm missing"; exit 77; }
ROOT=$(pwd)
cd "$TMPDIR_TEST"
fail() { echo "FAIL: $*"; exit 1; }
nasm -f bin -o span.bin "$ROOT/tests/data/serial_span.asm" || fail "nasm"
head -c 196608 /dev/zero >span256.bin
cat span.bin >>span256.bin
icount() { qemu-img snapshot -l "$1" | awk '$2 == "s" { print $NF }'; }
run() {   # $1 = image name, rest = extra options
    img=$1; shift
    qemu-img create -q -f qcow2 $img.qcow2 16M
    timeout 600 "$PCEMU" -m 32 -nodefaults -display none -bios "$TMPDIR_TEST/span256.bin" -serial file:$img.txt \
        -drive file=$img.qcow2,if=ide,format=qcow2 -run-until serial:AB -snapshot save s "$@" \
        </dev/null >$img.out 2>&1 || { cat $img.out; fail "$img: pcemu did not stop at 'AB' and save"; }
    [ "$(cat $img.txt)" = "AB" ] || fail "$img: serial output '$(cat $img.txt)'"
    qemu-img check $img.qcow2 >/dev/null || fail "$img: qemu-img check"
}
run plain
run hmp -monitor unix:"$TMPDIR_TEST/h.sock",server=on,wait=off
run qmp -qmp unix:"$TMPDIR_TEST/q.sock",server=on,wait=off
p=$(icount plain.qcow2)
[ -n "$p" ] && [ "$p" -gt 3000000 ] || fail "plain run stopped at instruction '$p', before the spin loop ended"
for i in hmp qmp; do
    [ "$(icount $i.qcow2)" = "$p" ] || fail "$i: stopped at instruction $(icount $i.qcow2), without a monitor at $p"
done
echo "ok: 'AB' across monitor slices stops at instruction $p with and without monitors"
