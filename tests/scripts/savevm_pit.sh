#!/bin/sh
# savevm_pit.sh: save and restore in 32-bit protected mode with PIT interrupts running,
# without SeaBIOS or a disk controller: tests/data/savevm_pit.asm (built here with nasm) as
# -bios remaps the 8259s, runs PIT channel 0 at 100 Hz, rewrites a RAM window each tick and
# prints a checksum every 10 ticks. Reference: one run until it halts. Saves at six
# instruction counts (one while the IDT is built, five spread over the ticking run, where
# the tick handler's REP STOSD takes most instructions); each is loaded
# in a new process and run until the halt: the serial output before and after equals the
# reference's, the final VM state bytes equal the reference's, and save-load-save gives
# the same bytes. qemu-img check is clean after every save.
set -u
command -v nasm >/dev/null || { echo "nasm missing"; exit 77; }
command -v qemu-img >/dev/null || { echo "qemu-img missing"; exit 77; }
ROOT=$(pwd)
cd "$TMPDIR_TEST"
fail() { echo "FAIL: $*"; exit 1; }
nasm -f bin -i "$ROOT/tests/data/" -o pit.bin "$ROOT/tests/data/savevm_pit.asm" || fail "nasm"
# the reduced PC: the program leaves the local APIC as reset, and with the default CPU's APIC
# it gets no PIT tick, on QEMU 7.2 as on pcemu (with -cpu qemu32,-apic it does)
PC="$PCEMU -M pc-i440fx-7.2,acpi=off,hpet=off,vmport=off -cpu pentium2,-mmx,-apic,-pae,-mce,-mca,-vme,-de,-fxsr,-pse36,-hypervisor -m 8 -nodefaults -display none -bios $TMPDIR_TEST/pit.bin -rtc base=2020-01-01"
icount_of() { sed -n 's/.* \([0-9][0-9]*\) instructions$/\1/p' "$1" | tail -n 1; }

qemu-img create -q -f qcow2 ref.qcow2 16M
$PC -serial file:ref.txt -drive file=ref.qcow2,if=ide,format=qcow2 -run-until halt \
    -snapshot save end 2>ref.err || { cat ref.err; fail "reference run"; }
grep -q "PIT done" ref.txt || { cat ref.txt; fail "reference run did not finish"; }
grep -q BAD ref.txt && fail "reference run: RAM window check failed"
E=$(icount_of ref.err)
"$PCEMU_IMG" vmstate-extract ref.qcow2 end >ref.vms || fail "extract"
echo "reference: $E instructions, $(grep -c 'PIT tick' ref.txt) lines"

n_pts=0
for n in 2500 $((E / 7)) $((E / 3 + 1)) $((E / 2 + 3)) $((2 * E / 3 + 5)) $((E - 2000)); do
    qemu-img create -q -f qcow2 p.qcow2 16M
    $PC -serial file:p1.txt -drive file=p.qcow2,if=ide,format=qcow2 -run-until icount:$n \
        -snapshot save p 2>p.err || { cat p.err; fail "$n: save"; }
    qemu-img check p.qcow2 >/dev/null || fail "$n: qemu-img check"
    $PC -serial file:p2.txt -drive file=p.qcow2,if=ide,format=qcow2 -loadvm p -run-until halt \
        -snapshot save end 2>p.err2 || { cat p.err2; fail "$n: load and run"; }
    cat p1.txt p2.txt | cmp - ref.txt || fail "$n: serial output differs"
    "$PCEMU_IMG" vmstate-extract p.qcow2 end >p.vms || fail "$n: extract"
    cmp p.vms ref.vms || fail "$n: final state differs from the uninterrupted run"
    [ "$(icount_of p.err2)" = "$E" ] || fail "$n: halted at instruction $(icount_of p.err2), not $E"
    $PC -serial null -drive file=p.qcow2,if=ide,format=qcow2 -loadvm p -S -snapshot save again \
        2>/dev/null || fail "$n: load and save"
    "$PCEMU_IMG" vmstate-extract p.qcow2 p >a.vms && "$PCEMU_IMG" vmstate-extract p.qcow2 again >b.vms ||
        fail "$n: extract"
    cmp a.vms b.vms || fail "$n: save-load-save changed the VM state"
    qemu-img check p.qcow2 >/dev/null || fail "$n: qemu-img check"
    echo "ok: saved at instruction $n, continuation exact"
    n_pts=$((n_pts + 1))
done
echo "protected mode with PIT interrupts: $n_pts save points exact"
