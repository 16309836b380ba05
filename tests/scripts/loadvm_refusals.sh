#!/bin/sh
# loadvm_refusals.sh: pcemu -loadvm refuses, with one clear line and exit status 1, a
# missing snapshot, a disk-only snapshot (made by qemu-img), a RAM size other than the
# snapshot's, a firmware larger than the snapshot's pc.bios block, a corrupt or truncated VM state (a
# bad record header deep in the RAM section, a bad device section after it) and the
# other machine type; after each refusal the image is byte for byte what it was and
# qemu-img check is clean. savevm on a raw disk fails with QEMU's message. delvm via the
# monitor and qemu-img snapshot -d leave a clean image.
set -u
ROOT=$(pwd)
IMG=$ROOT/$O/images/guest.qcow2
[ -f "$IMG" ] || { echo "no $IMG (make images)"; exit 1; }
command -v qemu-img >/dev/null || { echo "qemu-img missing"; exit 77; }
cd "$TMPDIR_TEST"
PC="$PCEMU -nodefaults -display none -rtc base=2020-01-01"
fail() { echo "FAIL: $*"; exit 1; }

cp "$IMG" g.qcow2
$PC -m 32 -drive file=g.qcow2,if=ide,format=qcow2 -run-until icount:500000 -snapshot save good \
    2>save.err || { cat save.err; fail "save"; }
qemu-img snapshot -c diskonly g.qcow2
"$PCEMU_IMG" vmstate-extract g.qcow2 good >good.vms || fail "extract"
size=$(wc -c <good.vms)
head -c $((size / 2)) good.vms >half.vms
"$PCEMU_IMG" vmstate-save g.qcow2 half half.vms || fail "vmstate-save half"
python3 -c "
import sys
b = bytearray(open('good.vms', 'rb').read())
b[0] ^= 0xff
open('magic.vms', 'wb').write(b)
" || fail "python"
"$PCEMU_IMG" vmstate-save g.qcow2 magic magic.vms || fail "vmstate-save magic"
# deep.vms: the last pc.ram record's header gets an unknown flag combination (the whole
# RAM section before it is good); pit.vms: the i8254 section (after the RAM) claims
# version 99. Both must be refused before the machine starts, as the truncated one.
python3 -c "
import struct
b = bytearray(open('good.vms', 'rb').read())
top = 32 * 1024 * 1024 - 4096
at = max(b.rfind(struct.pack('>Q', top | f)) for f in (0x22, 0x28))
assert at > len(b) // 2, at
b[at + 7] = 0x23
open('deep.vms', 'wb').write(b)
b = bytearray(open('good.vms', 'rb').read())
at = b.find(bytes([5]) + b'i8254')
assert at > 0
b[at + 10:at + 14] = struct.pack('>I', 99)
open('pit.vms', 'wb').write(b)
" || fail "python deep/pit"
"$PCEMU_IMG" vmstate-save g.qcow2 deep deep.vms || fail "vmstate-save deep"
"$PCEMU_IMG" vmstate-save g.qcow2 pit pit.vms || fail "vmstate-save pit"
qemu-img check g.qcow2 >/dev/null || fail "check before"

refuse() {   # $1 = expected text, rest = pcemu options
    want=$1; shift
    sum0=$(md5sum <g.qcow2)
    $PC "$@" -drive file=g.qcow2,if=ide,format=qcow2 -run-until icount:1000 >out.txt 2>err.txt
    rc=$?
    cat err.txt
    [ $rc = 1 ] || fail "exit status $rc for: $*"
    grep -qF "$want" err.txt || fail "message lacks '$want'"
    [ "$(wc -l <err.txt)" = 1 ] || fail "more than one line"
    [ "$(md5sum <g.qcow2)" = "$sum0" ] || fail "the image changed after a refused load ($*)"
    qemu-img check g.qcow2 >/dev/null || fail "qemu-img check after: $*"
}
refuse "Snapshot 'nosuch' does not exist in one or more devices" -m 32 -loadvm nosuch
refuse "This is a disk-only snapshot. Revert to it  offline using qemu-img" -m 32 -loadvm diskonly
refuse "RAM size mismatch: pc.ram is 32 MiB (0x2000000) in the snapshot and 64 MiB (0x4000000) here (-m)" -m 64 -loadvm good
head -c 300000 /dev/zero >big.bin
cat /usr/share/seabios/bios.bin >>big.bin
refuse "pc.bios is 0x40000 bytes in the snapshot; this firmware needs 0x693e0" -m 32 -bios "$TMPDIR_TEST/big.bin" -loadvm good
refuse "while loading VM state" -m 32 -loadvm half
refuse "not a migration stream" -m 32 -loadvm magic
refuse "ram: unknown combination of flags 0x23" -m 32 -loadvm deep
refuse "i8254" -m 32 -loadvm pit
if $PCEMU -M help | grep -q pc-i440fx-6.0; then
    refuse "machine type received is 'pc-i440fx-7.2' and local is 'pc-i440fx-6.0'" -M pc-i440fx-6.0 -m 32 -loadvm good
fi
# and the good one loads
$PC -m 32 -drive file=g.qcow2,if=ide,format=qcow2 -loadvm good -run-until icount:1000 || fail "good load"

# savevm on a raw disk: QEMU's message, nothing written
cp "$ROOT/$O/images/guest.raw" g.raw
sum0=$(md5sum <g.raw)
$PC -m 32 -drive file=g.raw,if=ide,format=raw -run-until icount:1000 -snapshot save x 2>err.txt
rc=$?
cat err.txt
[ $rc = 1 ] || fail "raw savevm exit status $rc"
grep -qF "Device 'ide0-hd0' is writable but does not support snapshots" err.txt || fail "raw message"
[ "$(md5sum <g.raw)" = "$sum0" ] || fail "raw image changed"

# delete: via the monitor, then qemu-img; clean each time
printf 'delvm half\ninfo snapshots\nquit\n' | $PC -m 32 -drive file=g.qcow2,if=ide,format=qcow2 -S \
    -monitor stdio >mon.txt 2>&1 || { cat mon.txt; fail "monitor delvm"; }
qemu-img check g.qcow2 || fail "check after delvm"
qemu-img snapshot -l g.qcow2 | grep -qw half && fail "delvm left 'half'"
qemu-img snapshot -d magic g.qcow2
qemu-img check g.qcow2 || fail "check after qemu-img snapshot -d"
echo "refusals leave the image untouched"
