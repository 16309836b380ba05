#!/bin/sh
# savevm_nofpu.sh: a snapshot taken on the CPU without an x87 (-cpu pentium2,-fpu, pcemu's
# only CPU before issue 13) still loads into the reduced machine's CPU, which has one (a
# stream does not say which CPU saved it, in QEMU as in pcemu). The test guest (SeaBIOS,
# then images/guest.asm's protected-mode loop, which runs no x87 instruction) is saved on
# the no-FPU CPU at instruction N, loaded in a new process with that CPU and its FPU and run
# on to instruction E, where it saves 'end'. Its serial output joined to the saving run's
# equals one uninterrupted no-FPU run's to E, and so do the VM-state bytes at E (the FPU
# registers and status the stream brought in included) and the disk.
set -u
command -v qemu-img >/dev/null || { echo "qemu-img missing"; exit 77; }
ROOT=$(pwd)
IMG=$ROOT/$O/images/guest.qcow2
[ -f "$IMG" ] || { echo "no $IMG (make images)"; exit 1; }
cd "$TMPDIR_TEST"
fail() { echo "FAIL: $*"; exit 1; }
CPU=pentium2,-mmx,-apic,-pae,-mce,-mca,-vme,-de,-fxsr,-pse36,-hypervisor
PC="$PCEMU -M pc-i440fx-7.2,acpi=off,hpet=off,vmport=off -m 32 -nodefaults -display none -rtc base=2020-01-01"
N=30000000   # in the guest's PIT loop (its 6th round, about 450 ms of virtual time)
E=60000000

cp "$IMG" ref.qcow2
$PC -cpu "$CPU,-fpu" -serial file:ref.txt -drive file=ref.qcow2,if=ide,format=qcow2 \
    -run-until icount:$E -snapshot save end 2>ref.err || { cat ref.err; fail "uninterrupted run"; }
cp "$IMG" p.qcow2
$PC -cpu "$CPU,-fpu" -serial file:p1.txt -drive file=p.qcow2,if=ide,format=qcow2 \
    -run-until icount:$N -snapshot save old 2>p1.err || { cat p1.err; fail "save without an FPU"; }
grep -q "GUEST iter" p1.txt || fail "the save at $N is not in the guest's loop: $(tail -n 1 p1.txt)"
$PC -cpu "$CPU" -serial file:p2.txt -drive file=p.qcow2,if=ide,format=qcow2 -loadvm old \
    -run-until icount:$((E - N)) -snapshot save end 2>p2.err ||
    { cat p2.err; fail "the CPU with an FPU does not load the snapshot taken without one"; }
cat p1.txt p2.txt | cmp -s - ref.txt || fail "serial output differs from the uninterrupted run's"
[ -s p2.txt ] || fail "the loaded guest printed nothing between $N and $E"
"$PCEMU_IMG" vmstate-extract ref.qcow2 end >ref.vms || fail "extract ref"
"$PCEMU_IMG" vmstate-extract p.qcow2 end >p.vms || fail "extract end"
cmp -s ref.vms p.vms || fail "VM state at instruction $E differs from the uninterrupted run's"
qemu-img compare -q ref.qcow2 p.qcow2 || fail "the disks differ"
echo "ok: saved without an FPU at $N, loaded with one, at $E the same serial output ($(wc -l <ref.txt) lines), VM state and disk as without a break"
