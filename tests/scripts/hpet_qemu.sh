#!/bin/sh
# hpet_qemu.sh: the HPET (-machine hpet=on) against QEMU 7.2, on the long spelling with only
# the HPET switched on. images/devs/hpet.asm (a -bios program, built here with nasm, padded
# to 256 KiB so that pc.bios has one size on both) runs at -icount shift=3:
#   0. a machine just reset (-S): the 'hpet', 'i8259' and 'ioapic' sections and the i8254's
#      channel 0 that pcemu saves equal QEMU's (the HPET drives the PIT's enable input and
#      its IRQ 0 at reset);
#   1. QEMU 7.2 and pcemu print images/devs/hpet.expected, line for line;
#   2. pcemu saves at points of the last, periodic phase (timer 0 armed), loads each in a
#      new process and runs to the end: output and final VM state equal the uninterrupted
#      run's;
#   3. QEMU 7.2 loads each of those snapshots and runs to the end: its output after the
#      load equals pcemu's;
#   4. QEMU 7.2 saves the -DPARK build somewhere in its endless periodic stretch
#      (host-timed); QEMU and pcemu each load that snapshot and print the same next 24
#      lines; and pcemu's save right after its load gives QEMU's 'hpet' section back.
set -u
command -v nasm >/dev/null || { echo "nasm missing"; exit 77; }
command -v qemu-img >/dev/null || { echo "qemu-img missing"; exit 77; }
ROOT=$(pwd)
cd "$TMPDIR_TEST"
fail() { echo "FAIL: $*"; exit 1; }
MACH="-M pc-i440fx-7.2,acpi=off,hpet=on,vmport=off -m 8 -nodefaults -display none -rtc base=2020-01-01"
CPU="pentium2,-mmx,-apic,-pae,-mce,-mca,-vme,-de,-fxsr,-pse36,-hypervisor"
HAVE_QEMU=0
command -v qemu-system-i386 >/dev/null && HAVE_QEMU=1
build() {   # $1 = output, rest = nasm options
    out=$1; shift
    nasm -f bin -i "$ROOT/tests/data/" "$@" -o $out.64k "$ROOT/images/devs/hpet.asm" || fail "nasm"
    head -c 196608 /dev/zero >$out
    cat $out.64k >>$out
}
build hpet.bin
build park.bin -DPARK
PC="$PCEMU $MACH -cpu $CPU -icount 3 -bios $TMPDIR_TEST/hpet.bin"
QM="qemu-system-i386 $MACH -cpu $CPU -accel tcg -icount shift=3,sleep=off,align=off"
icount_of() { sed -n 's/.* \([0-9][0-9]*\) instructions$/\1/p' "$1" | tail -n 1; }
pick() {   # $1 = vmstate dump JSON, $2 = section name: the section's fields as JSON
    python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(json.dumps([v for k, v in d.items() if k.startswith(sys.argv[2] + " (")][0], sort_keys=True))' "$1" "$2"
}

# 0. just reset
if [ $HAVE_QEMU = 1 ]; then
    qemu-img create -q -f qcow2 r0q.qcow2 16M
    qemu-img create -q -f qcow2 r0p.qcow2 16M
    printf 'savevm s\nquit\n' | $QM -bios hpet.bin -S -drive file=r0q.qcow2,if=ide,format=qcow2 \
        -monitor stdio >r0.monitor 2>&1
    $PC -drive file=r0p.qcow2,if=ide,format=qcow2 -S -snapshot save s 2>r0.err ||
        { cat r0.err; fail "pcemu -S save"; }
    "$PCEMU_IMG" vmstate dump r0q.qcow2 s >r0q.json && "$PCEMU_IMG" vmstate dump r0p.qcow2 s >r0p.json ||
        fail "vmstate dump"
    for sec in hpet i8259 ioapic; do
        [ "$(pick r0q.json $sec)" = "$(pick r0p.json $sec)" ] ||
            { pick r0q.json $sec; pick r0p.json $sec; fail "just reset: section $sec differs from QEMU's"; }
    done
    # the i8254's channel 0 and irq_disabled (channels 1 and 2 carry a next_transition_time
    # QEMU never uses: 0 in QEMU's, -1 in pcemu's, HPET or not)
    python3 - r0q.json r0p.json <<'PY' || fail "just reset: i8254 channel 0 differs from QEMU's"
import json, sys
q, p = ([v for k, v in json.load(open(f)).items() if k.startswith("i8254 (")][0] for f in sys.argv[1:3])
for k in ("channels[0].irq_disabled", "channels[0].next_transition_time"):
    assert q[k] == p[k], (k, q[k], p[k])
assert q["channels"][0] == p["channels"][0], (q["channels"][0], p["channels"][0])
PY
    echo "ok: a machine just reset saves QEMU's hpet, i8259 and ioapic sections and i8254 channel 0"
fi

# 1. both print the expected lines
qemu-img create -q -f qcow2 ref.qcow2 16M
$PC -serial file:ref.txt -drive file=ref.qcow2,if=ide,format=qcow2 -run-until halt \
    -snapshot save end 2>ref.err || { cat ref.err; fail "pcemu run"; }
diff -u "$ROOT/images/devs/hpet.expected" ref.txt || fail "pcemu's lines (+) differ from QEMU's (-)"
if [ $HAVE_QEMU = 1 ]; then
    $QM -bios hpet.bin -serial file:q.txt -device isa-debug-exit,iobase=0xf4,iosize=4
    diff -u "$ROOT/images/devs/hpet.expected" q.txt || fail "QEMU 7.2's lines differ from hpet.expected"
    echo "ok: QEMU 7.2 and pcemu print the same $(wc -l <q.txt) lines"
fi
E=$(icount_of ref.err)
"$PCEMU_IMG" vmstate-extract ref.qcow2 end >ref.vms || fail "extract"

# 2. and 3. saves spread over the end of the run; those in phase G (timer 0 enabled,
# periodic, legacy routing on) are continued; at least 5 must be
n_pts=0
for back in 2000 20000 38000 56000 74000 92000 110000 128000 146000 164000 182000 200000; do
    n=$((E - back))
    qemu-img create -q -f qcow2 p.qcow2 16M
    $PC -serial file:p1.txt -drive file=p.qcow2,if=ide,format=qcow2 -run-until icount:$n \
        -snapshot save p 2>p.err || { cat p.err; fail "$n: save"; }
    "$PCEMU_IMG" vmstate dump p.qcow2 p >p.json || fail "$n: vmstate dump"
    st=$(python3 - p.json <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
h = [v for k, v in d.items() if k.startswith("hpet (")][0]
x = lambda v: int(v.split()[0], 16)
t0 = h["timer"][0]
armed = x(h["config"]) == 3 and x(t0["config"]) & 0xc == 0xc and t0["qemu_timer"] != "ff " * 7 + "ff"
print("armed" if armed else "other")
PY
)
    echo "save at $n: $st"
    [ "$st" = armed ] || continue
    $PC -serial file:p2.txt -drive file=p.qcow2,if=ide,format=qcow2 -loadvm p -run-until halt \
        -snapshot save end 2>p.err2 || { cat p.err2; fail "$n: load and run"; }
    cat p1.txt p2.txt | cmp - ref.txt || fail "$n: serial output differs"
    "$PCEMU_IMG" vmstate-extract p.qcow2 end >p.vms || fail "$n: extract"
    cmp p.vms ref.vms || fail "$n: final state differs from the uninterrupted run"
    if [ $HAVE_QEMU = 1 ]; then
        $QM -bios hpet.bin -serial file:pq.txt -device isa-debug-exit,iobase=0xf4,iosize=4 \
            -drive file=p.qcow2,if=ide,format=qcow2 -loadvm p
        cmp pq.txt p2.txt || { cat pq.txt; fail "$n: QEMU 7.2 continued pcemu's snapshot differently"; }
    fi
    n_pts=$((n_pts + 1))
done
[ $n_pts -ge 5 ] || fail "only $n_pts save points in phase G"
echo "ok: $n_pts save points with the periodic timer armed, continued exactly by pcemu" \
     "$([ $HAVE_QEMU = 1 ] && echo 'and QEMU 7.2')"

# 4. QEMU's snapshot in the parked stretch, continued by both
[ $HAVE_QEMU = 1 ] || { echo "QEMU 7.2 missing: QEMU -> pcemu not tested"; exit 0; }
qemu-img create -q -f qcow2 q.qcow2 16M
: >park.txt
( i=0
  while ! grep -q "HPET parked" park.txt && [ $i -lt 600 ]; do sleep 0.1; i=$((i + 1)); done
  printf 'savevm s\nquit\n' ) |
    $QM -bios park.bin -serial file:park.txt -drive file=q.qcow2,if=ide,format=qcow2 \
        -monitor stdio >park.monitor 2>&1
grep -q "HPET parked" park.txt || fail "QEMU did not park"
"$PCEMU_IMG" vmstate dump q.qcow2 s >qs.json || fail "vmstate dump"
python3 - qs.json <<'PY' || fail "QEMU's snapshot has no armed HPET timer"
import json, sys
d = json.load(open(sys.argv[1]))
h = [v for k, v in d.items() if k.startswith("hpet (")][0]
assert h["timer"][0]["qemu_timer"] != "ff ff ff ff ff ff ff ff", h
PY
# the guest prints for good: compare the first 24 lines each prints after the load (QEMU's
# run is stopped once it has them; the bound only catches a QEMU that never gets there)
$QM -bios park.bin -serial file:cq.txt -drive file=q.qcow2,if=ide,format=qcow2 -loadvm s &
qpid=$!
i=0
plines() { cat "$1" 2>/dev/null | grep -c '^P:'; }
while [ "$(plines cq.txt)" -lt 24 ] && [ $i -lt 1200 ]; do sleep 0.1; i=$((i + 1)); done
kill $qpid 2>/dev/null; wait $qpid 2>/dev/null
$PCEMU $MACH -cpu $CPU -icount 3 -bios "$TMPDIR_TEST/park.bin" -serial file:cp.txt \
    -drive file=q.qcow2,if=ide,format=qcow2 -loadvm s -run-for 60ms 2>c.err ||
    { cat c.err; fail "pcemu did not load and continue QEMU's snapshot"; }
[ "$(plines cq.txt)" -ge 24 ] || fail "QEMU's continuation printed fewer than 24 P lines"
grep '^P:' cq.txt | head -n 24 >cq24.txt
grep '^P:' cp.txt | head -n 24 >cp24.txt
cmp cq24.txt cp24.txt || { diff cq24.txt cp24.txt; fail "pcemu continued QEMU's snapshot differently"; }
$PCEMU $MACH -cpu $CPU -icount 3 -bios "$TMPDIR_TEST/park.bin" -serial null \
    -drive file=q.qcow2,if=ide,format=qcow2 -loadvm s -S -snapshot save again 2>l.err ||
    { cat l.err; fail "pcemu did not load QEMU's snapshot"; }
"$PCEMU_IMG" vmstate dump q.qcow2 again >ps.json || fail "vmstate dump"
[ "$(pick qs.json hpet)" = "$(pick ps.json hpet)" ] ||
    { pick qs.json hpet; pick ps.json hpet; fail "the hpet section differs after pcemu's load and save"; }
echo "ok: QEMU 7.2's snapshot with the timer armed continues the same 24 P lines on both," \
     "and its hpet section saves back unchanged"
