#!/bin/sh
# savevm_machine_types.sh: versioned machine types. QEMU 7.2 itself shows the fact pcemu
# follows: its i8042 "extended-state" property is off for pc-i440fx-6.0 and older
# (hw_compat_6_0; pc-i440fx-6.1 and 6.2 already send the subsection, checked here too),
# so a 6.0 snapshot lacks the "pckbd/extended_state" subsection a 7.2 one has. pcemu's two
# types write the same, and a pc-i440fx-6.0 snapshot loads in this pcemu and continues
# exactly like an uninterrupted 6.0 run. (The other direction, a 7.2 snapshot refused by a
# pcemu without the subsection, is test_savevm's compat test.)
set -u
command -v qemu-img >/dev/null || { echo "qemu-img missing"; exit 77; }
cd "$TMPDIR_TEST"
fail() { echo "FAIL: $*"; exit 1; }
has_ext() { grep -q 'extended_state' "$1"; }

if command -v qemu-system-i386 >/dev/null; then
    for t in 6.0 7.2; do
        qemu-img create -q -f qcow2 q$t.qcow2 16M
        printf 'savevm s1\nquit\n' | qemu-system-i386 -M pc-i440fx-$t -m 32 -nodefaults \
            -display none -S -drive file=q$t.qcow2,if=ide,format=qcow2 -monitor stdio >/dev/null 2>&1
        "$PCEMU_IMG" vmstate dump q$t.qcow2 s1 >q$t.dump || fail "dump QEMU $t"
    done
    has_ext q6.0.dump && fail "QEMU's pc-i440fx-6.0 snapshot has pckbd/extended_state"
    qemu-img create -q -f qcow2 q6.1.qcow2 16M
    printf 'savevm s1\nquit\n' | qemu-system-i386 -M pc-i440fx-6.1 -m 32 -nodefaults \
        -display none -S -drive file=q6.1.qcow2,if=ide,format=qcow2 -monitor stdio >/dev/null 2>&1
    "$PCEMU_IMG" vmstate dump q6.1.qcow2 s1 >q6.1.dump || fail "dump QEMU 6.1"
    has_ext q6.1.dump || fail "QEMU's pc-i440fx-6.1 snapshot lacks pckbd/extended_state"
    has_ext q7.2.dump || fail "QEMU's pc-i440fx-7.2 snapshot lacks pckbd/extended_state"
    echo "QEMU 7.2: pckbd/extended_state absent for pc-i440fx-6.0, present for 6.1 and 7.2"
fi

PC="$PCEMU -m 32 -nodefaults -display none -rtc base=2020-01-01"
for t in 6.0 7.2; do
    qemu-img create -q -f qcow2 p$t.qcow2 16M
    $PC -M pc-i440fx-$t -drive file=p$t.qcow2,if=ide,format=qcow2 -run-until icount:800000 \
        -snapshot save s1 2>/dev/null || fail "pcemu $t save"
    "$PCEMU_IMG" vmstate dump p$t.qcow2 s1 >p$t.dump || fail "dump pcemu $t"
    grep -q "pc-i440fx-$t" p$t.dump || "$PCEMU_IMG" vmstate-extract p$t.qcow2 s1 | grep -q "pc-i440fx-$t" ||
        fail "pcemu $t: machine type not in the stream"
done
has_ext p6.0.dump && fail "pcemu's pc-i440fx-6.0 snapshot has pckbd/extended_state"
has_ext p7.2.dump || fail "pcemu's pc-i440fx-7.2 snapshot lacks pckbd/extended_state"

# the 6.0 snapshot loads and continues exactly
qemu-img create -q -f qcow2 ref.qcow2 16M
$PC -M pc-i440fx-6.0 -drive file=ref.qcow2,if=ide,format=qcow2 -run-until icount:1600000 \
    -snapshot save end 2>/dev/null || fail "reference"
$PC -M pc-i440fx-6.0 -drive file=p6.0.qcow2,if=ide,format=qcow2 -loadvm s1 \
    -run-until icount:800000 -snapshot save end 2>/dev/null || fail "pcemu loads the 6.0 snapshot"
"$PCEMU_IMG" vmstate-extract ref.qcow2 end >a.vms
"$PCEMU_IMG" vmstate-extract p6.0.qcow2 end >b.vms
cmp a.vms b.vms || fail "6.0 continuation differs"
# and the 7.2 type refuses it by name
$PC -M pc-i440fx-7.2 -drive file=p6.0.qcow2,if=ide,format=qcow2 -loadvm s1 2>err.txt && fail "7.2 loaded a 6.0 snapshot"
grep -q "machine type received is 'pc-i440fx-6.0' and local is 'pc-i440fx-7.2'" err.txt || { cat err.txt; fail "message"; }
qemu-img check p6.0.qcow2 >/dev/null || fail "check"
echo "machine types: 6.0 and 7.2 as QEMU's, 6.0 snapshot loads and continues exactly"
