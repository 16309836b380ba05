#!/bin/sh
# boot_guest_qemu.sh: the test guest (images/guest.asm) boots on the real thing, QEMU 7.2
# (TCG) with Debian's SeaBIOS, and prints what tests/scripts/boot_seabios.sh expects from
# pcemu: every step, three rounds whose RAM checksums verify, and "GUEST done".
set -u
[ -f "$O/images/guest-halt.qcow2" ] || { echo "no $O/images/guest-halt.qcow2 (make images)"; exit 1; }
command -v qemu-system-i386 >/dev/null || { echo "qemu-system-i386 missing"; exit 77; }
# a copy of its own: the scripts run in parallel, and a QEMU holds its image's write lock
IMG=$TMPDIR_TEST/guest.qcow2
cp "$O/images/guest-halt.qcow2" "$IMG"
out=$TMPDIR_TEST/serial.txt
qemu-system-i386 -M pc-i440fx-7.2 -m 32 -nodefaults -display none \
    -serial file:"$out" -drive file="$IMG",if=ide,format=qcow2 &
pid=$!
# until the guest's last line or QEMU's end; the bound (10 minutes) only catches a hung
# QEMU, however long a busy host takes to boot
i=0
until grep -q "GUEST done" "$out" 2>/dev/null || ! kill -0 $pid 2>/dev/null || [ $i -ge 6000 ]; do
    sleep 0.1; i=$((i + 1))
done
kill $pid 2>/dev/null; wait $pid 2>/dev/null
tr -d '\r' <"$out" >"$out.lf"
cat "$out.lf"
want() { grep -qx "$1" "$out.lf" || { echo "FAIL: missing line: $1"; exit 1; }; }
want "GUEST boot sector, drive 80"
want "GUEST stage 2 loaded by int 13h, real mode"
want "GUEST int 15h e801: 31 MiB"
want "GUEST int 13h lba read, data sum e9c1e989"
want "GUEST protected mode, IDT at 0x20, PIC remapped"
want "GUEST PIT 100 Hz on IRQ 0; RAM pattern at 00200000-00300000"
grep -q "^GUEST iter 00000001 ticks [0-9a-f]* sum 00000000 ok$" "$out.lf" || { echo "FAIL: iter 1"; exit 1; }
grep -q "^GUEST iter 00000002 ticks [0-9a-f]* sum 96dfcf22 ok$" "$out.lf" || { echo "FAIL: iter 2"; exit 1; }
grep -q "^GUEST iter 00000003 ticks [0-9a-f]* sum 2a53c58e ok$" "$out.lf" || { echo "FAIL: iter 3"; exit 1; }
want "GUEST done"
echo "guest boots on QEMU 7.2"
