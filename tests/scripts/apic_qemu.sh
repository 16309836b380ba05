#!/bin/sh
# apic_qemu.sh: the local APIC and the I/O APIC route into it, against QEMU 7.2.
# images/devs/apic.asm (a -bios program, built here with nasm, padded to 256 KiB so that
# pc.bios has one size on both) runs with -cpu pentium2,...,+apic at -icount shift=3:
#   1. QEMU 7.2 (when installed) and pcemu print images/devs/apic.expected, line for line;
#   2. pcemu saves at points of the last, periodic-timer phase (timer armed; some inside
#      the handler with the vector in service), loads each in a new process and runs to
#      the end: output and final VM state equal the uninterrupted run's;
#   3. QEMU 7.2 loads each of those snapshots and runs to the end: its output after the
#      load equals pcemu's;
#   4. the load order: pcemu saves right after "H:", with the PIT's IRQ 0 edge held in the
#      masked I/O APIC pin 2 (its irr bit); pcemu (in a new process) and QEMU 7.2 load it
#      and deliver it as the uninterrupted run does. pcemu loads every section before it
#      drives a line (machine_post_load), and QEMU 7.2's stream puts apic and ioapic before
#      the devices (none of them has a MigrationPriority in 7.2), so neither depends on the order;
#   5. images/devs/apic_init.asm sends INIT to its own APIC (after an INIT de-assert and a
#      SIPI, both ignored): QEMU 7.2 (when installed) and pcemu print
#      images/devs/apic_init.expected, what the CPU and the APIC kept and reset;
#   6. QEMU 7.2 saves the -DPARK build parked in a timer handler (vector 0x43 in service,
#      a level vector in TMR); pcemu loads it and saves again: the 'apic' and
#      'kvm-tpr-opt' sections come out byte for byte as QEMU wrote them.
set -u
command -v nasm >/dev/null || { echo "nasm missing"; exit 77; }
command -v qemu-img >/dev/null || { echo "qemu-img missing"; exit 77; }
ROOT=$(pwd)
cd "$TMPDIR_TEST"
fail() { echo "FAIL: $*"; exit 1; }
MACH="-M pc-i440fx-7.2,acpi=off,hpet=off,vmport=off -m 8 -nodefaults -display none -rtc base=2020-01-01"
CPU="pentium2,-mmx,-pae,-mce,-mca,-vme,-de,-fxsr,-pse36,-hypervisor"
HAVE_QEMU=0
command -v qemu-system-i386 >/dev/null && HAVE_QEMU=1
build() {   # $1 = output, $2 = source in images/devs, rest = nasm options
    out=$1 src=$2; shift 2
    nasm -f bin -i "$ROOT/tests/data/" "$@" -o $out.64k "$ROOT/images/devs/$src" || fail "nasm"
    head -c 196608 /dev/zero >$out
    cat $out.64k >>$out
}
build apic.bin apic.asm
build park.bin apic.asm -DPARK
build init.bin apic_init.asm
PC="$PCEMU $MACH -cpu $CPU,+apic -icount 3 -bios $TMPDIR_TEST/apic.bin"
QM="qemu-system-i386 $MACH -cpu $CPU -accel tcg -icount shift=3,sleep=off,align=off"
icount_of() { sed -n 's/.* \([0-9][0-9]*\) instructions$/\1/p' "$1" | tail -n 1; }

# Loads snapshot $2 of image $1 in a new pcemu process and runs to the end: with $3 (the
# output before the save) the serial output, and the final VM state, equal the
# uninterrupted run's; QEMU 7.2 (when installed) continues it with the same output. $4
# names the case.
continue_snapshot() {
    $PC -serial file:c2.txt -drive file=$1,if=ide,format=qcow2 -loadvm $2 -run-until halt \
        -snapshot save end 2>c.err || { cat c.err; fail "$4: load and run"; }
    cat $3 c2.txt | cmp - ref.txt || fail "$4: serial output differs"
    "$PCEMU_IMG" vmstate-extract $1 end >c.vms || fail "$4: extract"
    cmp c.vms ref.vms || fail "$4: final state differs from the uninterrupted run"
    if [ $HAVE_QEMU = 1 ]; then
        # QEMU's own run is not always repeatable: once, on a loaded host, it printed
        # another checksum for G from the H snapshot (73 runs from that snapshot, loaded or
        # not, failed to repeat it). A difference is confirmed by a second run.
        for try in 1 2; do
            $QM -bios apic.bin -serial file:cq.txt -device isa-debug-exit,iobase=0xf4,iosize=4 \
                -drive file=$1,if=ide,format=qcow2 -loadvm $2
            cmp -s cq.txt c2.txt && break
            cat cq.txt
            [ $try = 2 ] && fail "$4: QEMU 7.2 continued pcemu's snapshot differently, twice"
            echo "$4: QEMU 7.2's continuation differs; once more"
        done
    fi
}

# 1. both print the expected lines
qemu-img create -q -f qcow2 ref.qcow2 16M
$PC -serial file:ref.txt -drive file=ref.qcow2,if=ide,format=qcow2 -run-until halt \
    -snapshot save end 2>ref.err || { cat ref.err; fail "pcemu run"; }
diff -u "$ROOT/images/devs/apic.expected" ref.txt || fail "pcemu's lines (+) differ from QEMU's (-)"
if [ $HAVE_QEMU = 1 ]; then
    $QM -bios apic.bin -serial file:q.txt -device isa-debug-exit,iobase=0xf4,iosize=4
    diff -u "$ROOT/images/devs/apic.expected" q.txt || fail "QEMU 7.2's lines differ from apic.expected"
    echo "ok: QEMU 7.2 and pcemu print the same $(wc -l <q.txt) lines"
fi
E=$(icount_of ref.err)
"$PCEMU_IMG" vmstate-extract ref.qcow2 end >ref.vms || fail "extract"

# 2. and 3. saves spread over the end of the run; those that land in the periodic phase G
# (timer armed, periodic, unmasked) are continued; at least 5 must, one with the vector in
# service
n_pts=0 n_isr=0
for back in 760 818 876 934 992 1050 1108 1166 1224 1282 1340 1398; do
    n=$((E - back))
    qemu-img create -q -f qcow2 p.qcow2 16M
    $PC -serial file:p1.txt -drive file=p.qcow2,if=ide,format=qcow2 -run-until icount:$n \
        -snapshot save p 2>p.err || { cat p.err; fail "$n: save"; }
    "$PCEMU_IMG" vmstate dump p.qcow2 p >p.json || fail "$n: vmstate dump"
    st=$(python3 - p.json <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
a = [v for k, v in d.items() if k.startswith("apic (")][0]
x = lambda v: int(v.split()[0], 16)   # the dump prints fields in hex, "-1" annotated
armed = x(a["timer_expiry"]) != 2**64 - 1 and x(a["lvt"][0]) == 0x20040
print("isr" if armed and x(a["isr"][2]) & 1 else "armed" if armed else "other")
PY
)
    echo "save at $n: $st"
    [ "$st" = other ] && continue
    [ "$st" = isr ] && n_isr=$((n_isr + 1))
    continue_snapshot p.qcow2 p p1.txt "$n"
    n_pts=$((n_pts + 1))
done
[ $n_pts -ge 5 ] || fail "only $n_pts save points in phase G"
[ $n_isr -ge 1 ] || fail "no save point had the timer vector in service"
echo "ok: $n_pts save points in the periodic phase ($n_isr with the vector in service)," \
     "continued exactly by pcemu$([ $HAVE_QEMU = 1 ] && echo ' and QEMU 7.2')"

# 4. an interrupt pending in the I/O APIC at the save
qemu-img create -q -f qcow2 h.qcow2 16M
$PC -serial file:h1.txt -drive file=h.qcow2,if=ide,format=qcow2 -run-until serial:H: \
    -snapshot save h 2>h.err || { cat h.err; fail "H: save"; }
"$PCEMU_IMG" vmstate dump h.qcow2 h >h.json || fail "H: vmstate dump"
python3 - h.json <<'PY' || fail "H: the save has no edge held in I/O APIC pin 2"
import json, sys
d = json.load(open(sys.argv[1]))
io = [v for k, v in d.items() if k.startswith("ioapic (")][0]
assert int(io["irr"], 16) == 4 and int(io["ioredtbl"][2], 16) == 0x10041, io
PY
continue_snapshot h.qcow2 h h1.txt H
echo "ok: the PIT edge held in I/O APIC pin 2 at the save is delivered after the load as in" \
     "the uninterrupted run, by pcemu$([ $HAVE_QEMU = 1 ] && echo ' and QEMU 7.2')"

# 5. INIT
$PCEMU $MACH -cpu $CPU,+apic -icount 3 -bios "$TMPDIR_TEST/init.bin" -serial file:init.txt \
    -run-until halt 2>init.err || { cat init.err; fail "pcemu INIT run"; }
diff -u "$ROOT/images/devs/apic_init.expected" init.txt || fail "INIT: pcemu's lines (+) differ"
if [ $HAVE_QEMU = 1 ]; then
    $QM -bios init.bin -serial file:qinit.txt -device isa-debug-exit,iobase=0xf4,iosize=4
    diff -u "$ROOT/images/devs/apic_init.expected" qinit.txt || fail "INIT: QEMU 7.2's lines differ"
fi
echo "ok: INIT to the BSP's own APIC: the CPU restarts at the reset vector keeping the x87," \
     "SYSENTER and PAT and the APIC resets, $(wc -l <init.txt) lines as QEMU 7.2's"

# 6. QEMU's parked state into pcemu and out again
[ $HAVE_QEMU = 1 ] || { echo "QEMU 7.2 missing: QEMU -> pcemu not tested"; exit 0; }
qemu-img create -q -f qcow2 q.qcow2 16M
: >park.txt
( i=0
  while ! grep -q "APIC parked" park.txt && [ $i -lt 600 ]; do sleep 0.1; i=$((i + 1)); done
  printf 'savevm s\nquit\n' ) |
    $QM -bios park.bin -serial file:park.txt -drive file=q.qcow2,if=ide,format=qcow2 \
        -monitor stdio >park.monitor 2>&1
grep -q "APIC parked" park.txt || fail "QEMU did not park"
$PCEMU $MACH -cpu $CPU,+apic -icount 3 -bios "$TMPDIR_TEST/park.bin" -serial null \
    -drive file=q.qcow2,if=ide,format=qcow2 -loadvm s -S -snapshot save again 2>l.err ||
    { cat l.err; fail "pcemu did not load QEMU's snapshot"; }
"$PCEMU_IMG" vmstate dump q.qcow2 s >qs.json && "$PCEMU_IMG" vmstate dump q.qcow2 again >ps.json ||
    fail "vmstate dump"
python3 - qs.json ps.json <<'PY' || fail "sections differ after pcemu's load and save"
import json, sys
q, p = (json.load(open(f)) for f in sys.argv[1:3])
pick = lambda d, n: [v for k, v in d.items() if k.startswith(n + " (")][0]
for n in ("apic", "kvm-tpr-opt"):
    assert pick(q, n) == pick(p, n), "%s:\n QEMU  %s\n pcemu %s" % (n, pick(q, n), pick(p, n))
a = pick(q, "apic")
assert int(a["isr"][2], 16) & 8, "QEMU's snapshot has no vector 0x43 in service: %s" % a
print("ok: QEMU 7.2's apic and kvm-tpr-opt sections (0x43 in service) load and save back unchanged")
PY
