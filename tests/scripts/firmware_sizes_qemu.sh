#!/bin/sh
# firmware_sizes_qemu.sh: pc.bios is sized as QEMU 7.2 sizes it (the firmware file), so
# that snapshots cross both ways by default with Debian's 128 KiB bios.bin as with
# bios-256k.bin; -machine pcemu-bios-pad=on keeps pcemu's padded block. For each firmware:
#   1. pcemu saves during SeaBIOS's POST; QEMU 7.2 loads the snapshot and its `info
#      registers` equals pcemu's own after loading it;
#   2. QEMU 7.2 saves once SeaBIOS tries to boot the (empty) disk; pcemu loads it, its
#      `info registers` equals QEMU's own after loading it, and it runs on from there;
# and with bios.bin and pcemu-bios-pad=on:
#   3. the snapshot's pc.bios is 0x40000 bytes; it loads back on pcemu with the property
#      and without it (a block that holds the firmware is taken as it is, and the
#      snapshot's copy of the firmware runs), and QEMU refuses it naming pc.bios.
set -u
command -v qemu-system-i386 >/dev/null || { echo "qemu-system-i386 missing"; exit 77; }
command -v qemu-img >/dev/null || { echo "qemu-img missing"; exit 77; }
cd "$TMPDIR_TEST"
fail() { echo "FAIL: $*"; exit 1; }
MACH="-M pc-i440fx-7.2,acpi=off,hpet=off,vmport=off -m 32 -nodefaults -display none"
CPU="-cpu pentium2,-mmx,-apic,-pae,-mce,-mca,-vme,-de,-fxsr,-pse36,-hypervisor"
regs() {   # the register dump out of a monitor transcript on stdin
    tr -d '\r' | sed 's/\x1b\[[0-9;]*[A-Za-z]//g; s/^.*(qemu) //' |
        sed -n '/^EAX=/,/XMM07=/p'
}
pregs() {   # $1 = image, $2 = snapshot, rest = options: pcemu's registers after -loadvm
    img=$1 snap=$2; shift 2
    printf 'info registers\nquit\n' | "$PCEMU" $MACH $CPU "$@" \
        -drive file=$img,if=ide,format=qcow2 -loadvm $snap -S -monitor stdio 2>&1 | regs
}
qregs() {   # the same from QEMU 7.2
    img=$1 snap=$2; shift 2
    printf 'info registers\nquit\n' | qemu-system-i386 $MACH $CPU "$@" \
        -drive file=$img,if=ide,format=qcow2 -loadvm $snap -S -monitor stdio 2>&1 | regs
}
bios_block() {   # $1 = image, $2 = snapshot: the pc.bios size its stream records
    "$PCEMU_IMG" vmstate-extract "$1" "$2" >blk.vms || fail "extract"
    python3 - blk.vms <<'PY'
import sys
b = open(sys.argv[1], "rb").read()
i = b.find(b"\x07pc.bios")
assert i > 0, "no pc.bios in the RAM section"
print(hex(int.from_bytes(b[i + 8:i + 16], "big")))
PY
}

for fw in bios.bin bios-256k.bin; do
    size=$(printf '%#x' "$(stat -c %s /usr/share/seabios/$fw)")
    # 1. pcemu -> QEMU
    qemu-img create -q -f qcow2 p.qcow2 16M
    "$PCEMU" $MACH $CPU -bios $fw -drive file=p.qcow2,if=ide,format=qcow2 \
        -run-until icount:1000000 -snapshot save p 2>p.err || { cat p.err; fail "$fw: pcemu save"; }
    [ "$(bios_block p.qcow2 p)" = "$size" ] || fail "$fw: pcemu's pc.bios is $(bios_block p.qcow2 p), not $size"
    pregs p.qcow2 p -bios $fw >p.regs
    qregs p.qcow2 p -bios $fw >q.regs
    [ "$(wc -l <p.regs)" -ge 20 ] || fail "$fw: no pcemu register dump"
    [ "$(wc -l <q.regs)" -ge 20 ] || fail "$fw: QEMU 7.2 did not load pcemu's snapshot"
    diff -u q.regs p.regs || fail "$fw: registers after QEMU's loadvm (-) and pcemu's (+) differ"
    echo "ok: $fw: pc.bios $size; QEMU 7.2 loads pcemu's snapshot"

    # 2. QEMU -> pcemu
    qemu-img create -q -f qcow2 q.qcow2 16M
    : >q.dbg
    { i=0
      until grep -q "Booting from Hard Disk" q.dbg 2>/dev/null || [ $i -ge 6000 ]; do
          sleep 0.1; i=$((i + 1))
      done
      printf 'savevm s\nquit\n'; } |
        qemu-system-i386 $MACH $CPU -bios $fw -drive file=q.qcow2,if=ide,format=qcow2 \
            -chardev file,id=dbg,path=q.dbg -device isa-debugcon,iobase=0x402,chardev=dbg \
            -monitor stdio >q.monitor 2>&1
    grep -q "Booting from Hard Disk" q.dbg || fail "$fw: SeaBIOS did not boot on QEMU"
    [ "$(bios_block q.qcow2 s)" = "$size" ] || fail "$fw: QEMU's pc.bios is $(bios_block q.qcow2 s)"
    qregs q.qcow2 s -bios $fw >q2.regs
    pregs q.qcow2 s -bios $fw >p2.regs
    [ "$(wc -l <p2.regs)" -ge 20 ] || fail "$fw: pcemu did not load QEMU's snapshot"
    diff -u q2.regs p2.regs || fail "$fw: registers after QEMU's loadvm (-) and pcemu's (+) differ"
    "$PCEMU" $MACH $CPU -bios $fw -drive file=q.qcow2,if=ide,format=qcow2 -loadvm s \
        -run-for 50ms 2>c.err || { cat c.err; fail "$fw: pcemu did not run on from QEMU's snapshot"; }
    echo "ok: $fw: pcemu loads QEMU 7.2's snapshot and runs on"
done

# 3. the padded property
qemu-img create -q -f qcow2 pad.qcow2 16M
PAD="-M pc-i440fx-7.2,acpi=off,hpet=off,vmport=off,pcemu-bios-pad=on"
"$PCEMU" $MACH $PAD $CPU -bios bios.bin -drive file=pad.qcow2,if=ide,format=qcow2 \
    -run-until icount:1000000 -snapshot save p 2>pad.err || { cat pad.err; fail "padded save"; }
[ "$(bios_block pad.qcow2 p)" = 0x40000 ] || fail "padded pc.bios is $(bios_block pad.qcow2 p)"
pregs pad.qcow2 p $PAD -bios bios.bin >pad1.regs
pregs pad.qcow2 p -bios bios.bin >pad2.regs
[ "$(wc -l <pad1.regs)" -ge 20 ] || fail "the padded snapshot does not load with the property"
cmp pad1.regs pad2.regs || fail "the padded snapshot loads differently without the property"
"$PCEMU" $MACH $CPU -bios bios.bin -drive file=pad.qcow2,if=ide,format=qcow2 -loadvm p \
    -run-until icount:2000000 -snapshot save p2 2>pad3.err || { cat pad3.err; fail "padded snapshot: no run on"; }
[ "$(bios_block pad.qcow2 p2)" = 0x40000 ] || fail "the loaded block did not stay the snapshot's"
printf 'quit\n' | qemu-system-i386 $MACH $CPU -bios bios.bin -drive file=pad.qcow2,if=ide,format=qcow2 \
    -loadvm p -S -monitor stdio >padq.txt 2>&1
grep -q "pc.bios" padq.txt || { cat padq.txt; fail "QEMU did not refuse the padded block naming pc.bios"; }
echo "ok: pcemu-bios-pad=on saves a 0x40000 pc.bios with bios.bin, which loads back on pcemu" \
     "with and without the property; QEMU refuses it: $(grep -o 'Size mismatch[^\r]*' padq.txt | head -1)"
