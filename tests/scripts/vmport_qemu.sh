#!/bin/sh
# vmport_qemu.sh: the VMware backdoor and vmmouse (-machine vmport=on) against QEMU 7.2, on
# the long spelling with only vmport switched on. images/devs/vmport.asm (a -bios program,
# padded to 256 KiB) runs on both:
#   1. QEMU 7.2 and pcemu print images/devs/vmport.expected, line for line;
#   2. a machine just reset (-S): pcemu's 'vmmouse' section equals QEMU's;
#   3. at the program's end (CLI;HLT) each saves: the 'vmmouse' sections are equal (a word
#      queued, the mouse disabled by a read of too much), each loads the other's snapshot,
#      and pcemu's save right after loading QEMU's gives QEMU's section back.
set -u
command -v nasm >/dev/null || { echo "nasm missing"; exit 77; }
command -v qemu-img >/dev/null || { echo "qemu-img missing"; exit 77; }
command -v qemu-system-i386 >/dev/null || { echo "qemu-system-i386 missing"; exit 77; }
ROOT=$(pwd)
cd "$TMPDIR_TEST"
fail() { echo "FAIL: $*"; exit 1; }
MACH="-M pc-i440fx-7.2,acpi=off,hpet=off,vmport=on -m 8 -nodefaults -display none -rtc base=2020-01-01"
CPU="pentium2,-mmx,-apic,-pae,-mce,-mca,-vme,-de,-fxsr,-pse36,-hypervisor"
nasm -f bin -i "$ROOT/tests/data/" -o v.64k "$ROOT/images/devs/vmport.asm" || fail "nasm"
head -c 196608 /dev/zero >v.bin
cat v.64k >>v.bin
PC="$PCEMU $MACH -cpu $CPU -icount 3 -bios $TMPDIR_TEST/v.bin"
QM="qemu-system-i386 $MACH -cpu $CPU -accel tcg -icount shift=3,sleep=off,align=off -bios v.bin"
pick() {   # $1 = vmstate dump JSON, $2 = section name: the section's fields as JSON
    python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(json.dumps([v for k, v in d.items() if k.startswith(sys.argv[2] + " (")][0], sort_keys=True))' "$1" "$2"
}
qsave() {   # $1 = image, rest = QEMU options: savevm s once "VMPORT done" is printed
    img=$1; shift
    : >q.txt
    ( i=0
      while ! grep -q "VMPORT done" q.txt && [ $i -lt 600 ]; do sleep 0.1; i=$((i + 1)); done
      printf 'savevm s\nquit\n' ) |
        $QM -serial file:q.txt -drive file=$img,if=ide,format=qcow2 "$@" -monitor stdio >q.monitor 2>&1
}

# 1. and 3.
qemu-img create -q -f qcow2 q.qcow2 16M
qsave q.qcow2
diff -u "$ROOT/images/devs/vmport.expected" q.txt || fail "QEMU 7.2's lines differ from vmport.expected"
qemu-img create -q -f qcow2 p.qcow2 16M
$PC -serial file:p.txt -drive file=p.qcow2,if=ide,format=qcow2 -run-until halt -snapshot save s \
    2>p.err || { cat p.err; fail "pcemu run"; }
diff -u "$ROOT/images/devs/vmport.expected" p.txt || fail "pcemu's lines (+) differ from QEMU's (-)"
echo "ok: QEMU 7.2 and pcemu print the same $(wc -l <p.txt) lines"
"$PCEMU_IMG" vmstate dump q.qcow2 s >qs.json && "$PCEMU_IMG" vmstate dump p.qcow2 s >ps.json ||
    fail "vmstate dump"
[ "$(pick qs.json vmmouse)" = "$(pick ps.json vmmouse)" ] ||
    { pick qs.json vmmouse | cut -c1-300; pick ps.json vmmouse | cut -c1-300; fail "vmmouse sections differ at the end"; }
$PC -serial null -drive file=q.qcow2,if=ide,format=qcow2 -loadvm s -S -snapshot save again 2>l.err ||
    { cat l.err; fail "pcemu did not load QEMU's snapshot"; }
"$PCEMU_IMG" vmstate dump q.qcow2 again >pa.json || fail "vmstate dump"
[ "$(pick qs.json vmmouse)" = "$(pick pa.json vmmouse)" ] || fail "vmmouse differs after pcemu's load and save"
printf 'info registers\nquit\n' | $QM -serial null -drive file=p.qcow2,if=ide,format=qcow2 \
    -loadvm s -S -monitor stdio >ql.txt 2>&1
grep -q "EAX=" ql.txt || { cat ql.txt; fail "QEMU 7.2 did not load pcemu's snapshot"; }
echo "ok: the vmmouse sections at the end are equal; each loads the other's snapshot"

# 2. just reset
qemu-img create -q -f qcow2 r0q.qcow2 16M
qemu-img create -q -f qcow2 r0p.qcow2 16M
printf 'savevm s\nquit\n' | $QM -S -drive file=r0q.qcow2,if=ide,format=qcow2 -monitor stdio >r0.monitor 2>&1
$PC -drive file=r0p.qcow2,if=ide,format=qcow2 -S -snapshot save s 2>r0.err || { cat r0.err; fail "pcemu -S save"; }
"$PCEMU_IMG" vmstate dump r0q.qcow2 s >r0q.json && "$PCEMU_IMG" vmstate dump r0p.qcow2 s >r0p.json ||
    fail "vmstate dump"
[ "$(pick r0q.json vmmouse)" = "$(pick r0p.json vmmouse)" ] || fail "just reset: vmmouse differs"
echo "ok: a machine just reset saves QEMU's vmmouse section"
