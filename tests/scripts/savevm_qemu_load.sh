#!/bin/sh
# savevm_qemu_load.sh: QEMU 7.2 itself loads pcemu's snapshots. pcemu saves (during
# SeaBIOS POST with a qcow2 disk; in protected mode with PIT interrupts running, with
# tests/data/savevm_pit.asm as a 256 KiB -bios); qemu-system-i386 -M pc-i440fx-7.2
# -loadvm takes the snapshot from the same image (its devices that pcemu lacks keep their
# reset state) and its `info registers` equals pcemu's own after -loadvm, line for line.
set -u
command -v qemu-system-i386 >/dev/null || { echo "qemu-system-i386 missing"; exit 77; }
command -v nasm >/dev/null || { echo "nasm missing"; exit 77; }
ROOT=$(pwd)
cd "$TMPDIR_TEST"
fail() { echo "FAIL: $*"; exit 1; }
regs() {   # the register dump out of a monitor transcript on stdin
    tr -d '\r' | sed 's/\x1b\[[0-9;]*[A-Za-z]//g; s/^.*(qemu) //' |
        sed -n '/^EAX=/,/XMM07=/p'
}
case_() {   # $1 = name, $2 = icount, rest = machine options shared by both
    name=$1; n=$2; shift 2
    qemu-img create -q -f qcow2 $name.qcow2 16M
    "$PCEMU" -m 32 -nodefaults -display none "$@" -drive file=$name.qcow2,if=ide,format=qcow2 \
        -run-until icount:$n -snapshot save p 2>$name.err || { cat $name.err; fail "$name: save"; }
    printf 'info registers\nquit\n' | "$PCEMU" -m 32 -nodefaults -display none "$@" \
        -drive file=$name.qcow2,if=ide,format=qcow2 -loadvm p -S -monitor stdio 2>&1 | regs >$name.p
    printf 'info registers\nquit\n' | qemu-system-i386 -M pc-i440fx-7.2 -m 32 -nodefaults \
        -display none "$@" -drive file=$name.qcow2,if=ide,format=qcow2 -loadvm p -S \
        -monitor stdio 2>&1 | regs >$name.q
    [ "$(wc -l <$name.p)" -ge 20 ] || { cat $name.p; fail "$name: no pcemu register dump"; }
    [ "$(wc -l <$name.q)" -ge 20 ] || { cat $name.q; fail "$name: QEMU did not load pcemu's snapshot"; }
    diff -u $name.q $name.p || fail "$name: registers after QEMU's loadvm (-) and pcemu's (+) differ"
    qemu-img check $name.qcow2 >/dev/null || fail "$name: qemu-img check"
    echo "ok: $name: QEMU 7.2 loads pcemu's snapshot, $(sed -n 's/^\(EIP=[0-9a-f]*\).*/\1/p' $name.p)"
}
case_ post 1000000
nasm -f bin -i "$ROOT/tests/data/" -o pit.bin "$ROOT/tests/data/savevm_pit.asm" || fail "nasm"
head -c 196608 /dev/zero >pit256.bin
cat pit.bin >>pit256.bin     # 256 KiB: pc.bios is the same size for both
# the reduced PC: savevm_pit.asm gets no PIT tick beside the default CPU's APIC (QEMU as pcemu)
case_ pit 3000001 -bios "$TMPDIR_TEST/pit256.bin" -M pc-i440fx-7.2,acpi=off,hpet=off,vmport=off -cpu pentium2,-mmx,-apic,-pae,-mce,-mca,-vme,-de,-fxsr,-pse36,-hypervisor
