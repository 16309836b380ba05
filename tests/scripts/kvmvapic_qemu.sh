#!/bin/sh
# kvmvapic_qemu.sh: the kvmvapic device beside the APIC (-cpu pentium2, APIC on), against
# QEMU 7.2. SeaBIOS runs the option ROM genroms/kvmvapic.bin, which reports itself on port
# 0x7E. The test guest boots on both to its first "GUEST iter" line and each saves:
#   1. the 'kvm-tpr-opt' sections are equal (state 2 = STANDBY, the ROM's table at
#      0xC0020), and so is pc.ram's option ROM area 0xC0000-0xDFFFF: the ROM where SeaBIOS
#      put it, with its two vmcall hypercalls rewritten to "nop; out 0x7E, eax". (SeaBIOS's
#      stack in the E segment is left out: how deep it is depends on QEMU's save moment.)
#   2. pcemu loads QEMU's snapshot, runs two more rounds (the guest checks its own sums:
#      "ok") and saves: 'kvm-tpr-opt' comes out as QEMU wrote it; QEMU loads pcemu's
#      snapshot and runs two more rounds.
#   3. hostile 'kvm-tpr-opt' fields in pcemu's stream (state 3, the ROM table past the end
#      of RAM, a ROM address whose size byte is 0) are refused in one line, image unchanged.
#   4. without the APIC (-cpu pentium2,-apic) there is no section, no ROM in 0xC0000 and
#      port 0x7E reads as nothing.
#   5. images/devs/kvmvapic.asm, a guest laid out as 32-bit Windows XP (kernel code at
#      0x8000xxxx, a KPCR at FS base, the APIC mapped at 0xFFFE0000), runs each TPR
#      access form twice: both print the same lines (the bytes patched into each, what the
#      ROM's handlers return, the VAPICState, the relocated ROM table); each saves once the
#      device is ACTIVE ('kvm-tpr-opt' equal), and each continues the other's snapshot (and
#      pcemu its own) to the same end. The guest waits 3 s of PIT ticks after the first
#      form, in which the monitor saves QEMU's run.
# (fwcfg_qemu.sh compares the fw_cfg directory, genroms/kvmvapic.bin included.)
set -u
ROOT=$(pwd)
IMG=$ROOT/$O/images/guest.qcow2
[ -f "$IMG" ] || { echo "no $IMG (make images)"; exit 1; }
command -v qemu-system-i386 >/dev/null || { echo "qemu-system-i386 missing"; exit 77; }
command -v qemu-img >/dev/null || { echo "qemu-img missing"; exit 77; }
command -v nasm >/dev/null || { echo "nasm missing"; exit 77; }
[ -f /usr/share/qemu/kvmvapic.bin ] || { echo "kvmvapic.bin missing"; exit 77; }
cd "$TMPDIR_TEST"
fail() { echo "FAIL: $*"; exit 1; }
MACH="-M pc-i440fx-7.2,acpi=off,hpet=off,vmport=off -m 32 -nodefaults -display none -rtc base=2020-01-01"
CPU="pentium2"
# QEMU runs until its serial output has $3, then the monitor gets $4 and quits.
qemu_until() {   # $1 = image, $2 = serial file, $3 = text, $4 = monitor command, rest = options
    img=$1 out=$2 text=$3 cmd=$4; shift 4
    : >"$out"
    ( i=0
      while ! grep -q "$text" "$out" && [ $i -lt 1200 ]; do sleep 0.05; i=$((i + 1)); done
      printf '%s\nquit\n' "$cmd" ) |
        qemu-system-i386 $MACH -cpu $CPU -accel tcg -drive file=$img,if=ide,format=qcow2 \
            -serial file:"$out" -monitor stdio "$@" >"$out.mon" 2>&1
    grep -q "$text" "$out" || { cat "$out.mon"; fail "QEMU never printed '$text'"; }
}
section() {   # $1 = image, $2 = snapshot, $3 = section name: its JSON
    "$PCEMU_IMG" vmstate dump "$1" "$2" >"$1.$2.json" || fail "vmstate dump $1 $2"
    python3 - "$1.$2.json" "$3" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
s = [v for k, v in d.items() if k.startswith(sys.argv[2] + " (")]
print(json.dumps(s[0], sort_keys=True) if s else "none")
PY
}

# 1. after SeaBIOS ran the ROM
cp "$IMG" q.qcow2
cp "$IMG" p.qcow2
qemu_until q.qcow2 q.txt "GUEST iter 00000001" "savevm s"
$PCEMU $MACH -cpu $CPU -drive file=p.qcow2,if=ide,format=qcow2 -serial file:p.txt \
    -run-until "serial:GUEST iter 00000001" -snapshot save s 2>p.err || { cat p.err; fail "pcemu boot"; }
qs=$(section q.qcow2 s kvm-tpr-opt)
ps=$(section p.qcow2 s kvm-tpr-opt)
[ "$qs" = "$ps" ] || fail "kvm-tpr-opt after the handshake: QEMU $qs, pcemu $ps"
echo "$qs" | grep -q '"state": "0x00000002"' || fail "QEMU's vapic is not in standby: $qs"
echo "$qs" | grep -q '"rom_state_paddr": "0x000c0020"' || fail "QEMU's ROM table is not at 0xc0020: $qs"
"$PCEMU_IMG" vmstate dump --extract qx q.qcow2 s >/dev/null || fail "extract QEMU's"
"$PCEMU_IMG" vmstate dump --extract px p.qcow2 s >/dev/null || fail "extract pcemu's"
python3 - qx/pc.ram px/pc.ram /usr/share/qemu/kvmvapic.bin <<'PY' || fail "option ROM area"
import sys
q, p, rom = (open(f, "rb").read() for f in sys.argv[1:4])
lo, hi = 0xC0000, 0xE0000
d = [a for a in range(lo, hi) if q[a] != p[a]]
assert not d, "%d bytes differ from %#x: QEMU %s, pcemu %s" % (len(d), d[0], q[d[0]:d[0] + 8].hex(), p[d[0]:d[0] + 8].hex())
at = q.find(rom[:0x20], lo, hi)
assert at >= 0, "kvmvapic.bin is not in 0xC0000-0xDFFFF"
patched = q[at:at + len(rom)].count(bytes.fromhex("b80100000090e77e"))
assert patched == 2, "%d hypercalls rewritten, not 2" % patched
print("ok: kvm-tpr-opt and 0xC0000-0xDFFFF equal; kvmvapic.bin at %#x, its 2 hypercalls rewritten" % at)
PY

# 2. cross loads
# QEMU's save point depends on host timing: continue from its last round, two more
last=$(grep -o "GUEST iter [0-9a-f]*" q.txt | tail -n 1 | cut -d' ' -f3)
stop=$(printf 'GUEST iter %08x' $((0x$last + 2)))
$PCEMU $MACH -cpu $CPU -drive file=q.qcow2,if=ide,format=qcow2 -serial file:pq.txt -loadvm s \
    -run-until "serial:$stop" -snapshot save back 2>pq.err ||
    { cat pq.err; fail "pcemu did not continue QEMU's snapshot"; }
tr -d "\r" <pq.txt | grep "GUEST iter" | grep -v " ok$" | grep -qv "^$stop$" && { cat pq.txt; fail "pcemu's rounds after QEMU's snapshot"; }
tr -d "\r" <pq.txt | grep -q "GUEST iter $(printf %08x $((0x$last + 1))) .* ok" || { cat pq.txt; fail "pcemu: no round after the load"; }
[ "$(section q.qcow2 back kvm-tpr-opt)" = "$qs" ] || fail "pcemu saved QEMU's kvm-tpr-opt differently"
qemu_until p.qcow2 qp.txt "GUEST iter 00000003 .* ok" "" -loadvm s
tr -d "\r" <qp.txt | grep "GUEST iter" | grep -qv " ok$" && { cat qp.txt; fail "QEMU's rounds after pcemu's snapshot"; }
echo "ok: each continues the other's snapshot (the guest's sums ok), kvm-tpr-opt saved back unchanged"

# 3. hostile fields
"$PCEMU_IMG" vmstate-extract p.qcow2 s >good.vms || fail "extract"
mutate() {   # $1 = name, $2 = field offset in the section body, $3 = u32 value
    python3 - good.vms "$1.vms" "$2" "$3" <<'PY' || fail "mutate $1"
import struct, sys
b = bytearray(open(sys.argv[1], "rb").read())
at = b.index(b"\x0bkvm-tpr-opt") + 12 + 8   # idstr, instance and version ids
struct.pack_into(">I", b, at + int(sys.argv[3]), int(sys.argv[4], 0))
open(sys.argv[2], "wb").write(b)
PY
    "$PCEMU_IMG" vmstate-save p.qcow2 "$1" "$1.vms" || fail "vmstate-save $1"
}
mutate state 124 3
mutate past 140 0x7fff0020
mutate nosize 140 0x01f00020
for c in "state:state 3 is not 0..2" "past:outside the 32 MiB of RAM" "nosize:no option ROM at 0x1f00000"; do
    name=${c%%:*} want=${c#*:}
    sum0=$(md5sum <p.qcow2)
    $PCEMU $MACH -cpu $CPU -drive file=p.qcow2,if=ide,format=qcow2 -serial null -loadvm $name \
        -run-until icount:1000 >h.out 2>h.err
    rc=$?
    [ $rc = 1 ] || { cat h.err; fail "$name: exit status $rc"; }
    grep -qF "$want" h.err || { cat h.err; fail "$name: message lacks '$want'"; }
    [ "$(wc -l <h.err)" = 1 ] || { cat h.err; fail "$name: more than one line"; }
    [ "$(md5sum <p.qcow2)" = "$sum0" ] || fail "$name: the image changed"
    echo "ok: $name refused: $(cat h.err)"
done

# 4. no APIC, no kvmvapic
cp "$IMG" n.qcow2
$PCEMU $MACH -cpu $CPU,-apic -drive file=n.qcow2,if=ide,format=qcow2 -serial file:n.txt \
    -run-until "serial:GUEST iter 00000001" -snapshot save s 2>n.err || { cat n.err; fail "pcemu -apic"; }
[ "$(section n.qcow2 s kvm-tpr-opt)" = none ] || fail "-apic: a kvm-tpr-opt section"
"$PCEMU_IMG" vmstate dump --extract nx n.qcow2 s >/dev/null || fail "extract -apic"
python3 - nx/pc.ram /usr/share/qemu/kvmvapic.bin <<'PY' || fail "-apic: the ROM is there"
import sys
ram, rom = (open(f, "rb").read() for f in sys.argv[1:3])
assert ram.find(rom[:0x20], 0xC0000, 0xE0000) < 0
PY
echo "ok: -apic: no kvm-tpr-opt, no ROM"

# 5. TPR patching in a Windows-like kernel
nasm -f bin -i "$ROOT/tests/data/" -o kv.raw "$ROOT/images/devs/kvmvapic.asm" || fail "nasm"
qemu-img convert -f raw -O qcow2 kv.raw kq.qcow2
cp kq.qcow2 kp.qcow2
cp kq.qcow2 kr.qcow2
$PCEMU $MACH -cpu $CPU -drive file=kr.qcow2,if=ide,format=qcow2 -serial file:kr.txt \
    -run-until "serial:VAPIC done" 2>kr.err || { cat kr.err; fail "pcemu: the Windows-like guest"; }
printf '\n' >>kr.txt   # -run-until stops right after the text
qemu_until kq.qcow2 kq.txt "VAPIC patched" "savevm act"
$PCEMU $MACH -cpu $CPU -drive file=kp.qcow2,if=ide,format=qcow2 -serial file:kp.txt \
    -run-until "serial:VAPIC patched" -snapshot save act 2>kp.err || { cat kp.err; fail "pcemu save act"; }
grep -q "^c7 " kr.txt || { cat kr.txt; fail "pcemu's guest did not get through the forms"; }
cmp kq.txt kr.txt 2>/dev/null || [ "$(head -c $(wc -c <kq.txt) kr.txt)" = "$(cat kq.txt)" ] ||
    { diff kq.txt kr.txt; fail "TPR patching: QEMU's lines (-) and pcemu's (+) differ"; }
sed '1,/^VAPIC patched$/d' kr.txt >rest.txt
{ echo; cat rest.txt; } >kp.rest   # pcemu's save came right after the text, before its newline
qs=$(section kq.qcow2 act kvm-tpr-opt)
ps=$(section kp.qcow2 act kvm-tpr-opt)
[ "$qs" = "$ps" ] || fail "kvm-tpr-opt when ACTIVE: QEMU $qs, pcemu $ps"
echo "$qs" | grep -q '"state": "0x00000001"' || fail "QEMU's vapic is not ACTIVE: $qs"
for from in kq kp; do
    cp $from.qcow2 x.qcow2
    $PCEMU $MACH -cpu $CPU -drive file=x.qcow2,if=ide,format=qcow2 -serial file:x.txt -loadvm act \
        -run-until "serial:VAPIC done" 2>x.err || { cat x.err; fail "pcemu -loadvm $from act"; }
    printf '\n' >>x.txt
    want=rest.txt
    [ $from = kp ] && want=kp.rest
    cmp x.txt $want || { diff $want x.txt; fail "pcemu continued $from's ACTIVE snapshot differently"; }
done
qemu_until kp.qcow2 qx.txt "VAPIC done" "" -loadvm act
cmp qx.txt kp.rest || { diff kp.rest qx.txt; fail "QEMU continued pcemu's ACTIVE snapshot differently"; }
echo "ok: TPR patching: $(grep -c '^[0-9a-f][0-9a-f] ' kr.txt) accesses in 6 forms and the ROM table as QEMU's;" \
     "ACTIVE snapshots cross both ways"
