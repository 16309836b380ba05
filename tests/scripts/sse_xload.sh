#!/bin/sh
# sse_xload.sh: snapshots taken inside SSE code and between FXSAVE and FXRSTOR cross
# between pcemu and QEMU 7.2 under the same -cpu (qemu32 with SSE, SSE2 and SSE3).
# tests/data/sse_xload.asm keeps its state in XMM0-XMM7 and MXCSR (RC up, FTZ, DAZ) and
# round-trips it through FXSAVE/FXRSTOR every round, printing MXCSR and the registers
# every 1024 rounds.
#  1. pcemu runs it through: the reference output (and QEMU's own run must equal it).
#  2. pcemu saves at 6 instruction counts a few apart (across one round of 28
#     instructions, so in the SSE sequence and in the FXSAVE..FXRSTOR window); QEMU
#     -loadvm continues each: pcemu's lines before the save plus QEMU's after it equal the
#     reference. For the first, QEMU also saves right after its load: the cpu section's
#     SSE fields (XMM registers, MXCSR, CR4, the x87/MMX registers and words) equal the
#     ones pcemu wrote.
#  3. QEMU saves (HMP stop + savevm once it has printed 3 lines: wherever it stopped, the
#     check holds); pcemu -loadvm continues: QEMU's lines before plus pcemu's after equal
#     the reference; pcemu also saves right after its load, and the same fields equal
#     QEMU's.
set -u
command -v qemu-system-i386 >/dev/null || { echo "qemu-system-i386 missing"; exit 77; }
command -v nasm >/dev/null || { echo "nasm missing"; exit 77; }
ROOT=$(pwd)
cd "$TMPDIR_TEST"
CPU=qemu32,-apic,-pae,-mce,-de,-hypervisor
fail() { echo "FAIL: $*"; exit 1; }
# same_sse A.qcow2 SNAP_A B.qcow2 SNAP_B: the SSE fields of the two cpu sections agree
same_sse() {
    "$PCEMU_IMG" vmstate dump "$1" "$2" >a.json && "$PCEMU_IMG" vmstate dump "$3" "$4" >b.json ||
        fail "vmstate dump"
    python3 - a.json b.json <<'PY'
import json, sys
a, b = (json.load(open(f)) for f in sys.argv[1:3])
cpu = lambda d: [v for k, v in d.items() if k.startswith("cpu (")][0]
ca, cb = cpu(a), cpu(b)
fields = ("env.mxcsr", "env.xmm_regs[0]", "env.xmm_regs[1]", "env.cr[4]", "env.fpregs",
          "env.fpuc", "env.fpus_vmstate", "env.fptag_vmstate")
for f in fields:
    assert ca[f] == cb[f], "%s:\n  %s\n  %s" % (f, ca[f], cb[f])
assert int(ca["env.mxcsr"], 16) & 0xffc0 == 0xdfc0, "not the guest's MXCSR: %s" % ca["env.mxcsr"]
PY
}
nasm -f bin -i "$ROOT/images/cpu/" -DLINES=200 -o x.bin "$ROOT/tests/data/sse_xload.asm" || fail nasm
head -c 196608 /dev/zero >x256.bin
cat x.bin >>x256.bin     # 256 KiB: pc.bios is the same size for both
BIOS=$(pwd)/x256.bin
PC="$PCEMU -M pc-i440fx-7.2,acpi=off,hpet=off,vmport=off -m 32 -nodefaults -display none -cpu $CPU -bios $BIOS"
Q="qemu-system-i386 -M pc-i440fx-7.2,acpi=off,hpet=off,vmport=off -m 32 -nodefaults -display none -cpu $CPU -bios $BIOS -device isa-debug-exit,iobase=0xf4,iosize=4"
$PC -chardev file,id=dbg,path=ref -device isa-debugcon,chardev=dbg -run-until halt 2>ref.err || { cat ref.err; fail "pcemu run"; }
[ "$(tail -1 ref)" = done ] || fail "pcemu's run did not finish"
timeout 600 $Q -chardev file,id=dbg,path=qref -device isa-debugcon,chardev=dbg
cmp -s ref qref || { diff ref qref | head -5; fail "QEMU's and pcemu's runs differ"; }
echo "ok: reference run, $(wc -l <ref) lines, the same on QEMU"
for n in 300000 300006 300012 300019 300025 300031; do
    rm -f s$n.qcow2
    qemu-img create -q -f qcow2 s$n.qcow2 16M
    $PC -chardev file,id=dbg,path=a$n -device isa-debugcon,chardev=dbg \
        -drive file=s$n.qcow2,if=ide,format=qcow2 -run-until icount:$n -snapshot save p 2>a$n.err ||
        { cat a$n.err; fail "pcemu save at $n"; }
    timeout 600 $Q -chardev file,id=dbg,path=b$n -device isa-debugcon,chardev=dbg \
        -drive file=s$n.qcow2,if=ide,format=qcow2 -loadvm p 2>b$n.err
    [ $? = 1 ] || { cat b$n.err; fail "QEMU did not finish after loading pcemu's snapshot at $n"; }
    cat a$n b$n >ab$n
    cmp -s ab$n ref || { diff ref ab$n | head -5; fail "pcemu -> QEMU at icount $n: output differs"; }
    echo "ok: pcemu saved at instruction $n ($(wc -l <a$n) lines printed), QEMU continued to the same end"
done
cp s300000.qcow2 r.qcow2
printf 'savevm again\nquit\n' | timeout 600 $Q -chardev null,id=dbg -device isa-debugcon,chardev=dbg \
    -drive file=r.qcow2,if=ide,format=qcow2 -loadvm p -S -monitor stdio >r.out 2>&1 ||
    { cat r.out; fail "QEMU load and save"; }
same_sse r.qcow2 p r.qcow2 again || fail "QEMU saved other SSE state than pcemu's, which it loaded"
echo "ok: QEMU saved back the SSE fields of pcemu's cpu section unchanged"
qemu-img create -q -f qcow2 q.qcow2 16M
python3 - "$Q" <<'PY' || fail "QEMU save"
import subprocess, sys, time, os
q = sys.argv[1].split() + ["-chardev", "file,id=dbg,path=qa", "-device", "isa-debugcon,chardev=dbg",
    "-drive", "file=q.qcow2,if=ide,format=qcow2", "-monitor", "stdio"]
p = subprocess.Popen(q, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
deadline = time.time() + 600
while time.time() < deadline:
    if os.path.exists("qa") and open("qa").read().count("\n") >= 3:
        break
    time.sleep(0.01)
p.stdin.write(b"stop\nsavevm q\nquit\n")
p.stdin.close()
p.wait(timeout=600)
PY
tail -1 qa | grep -q done && fail "QEMU finished before the save (the guest is too short for this host)"
$PC -chardev file,id=dbg,path=qb -device isa-debugcon,chardev=dbg \
    -drive file=q.qcow2,if=ide,format=qcow2 -loadvm q -run-until halt 2>qb.err || { cat qb.err; fail "pcemu -loadvm q"; }
cat qa qb >qab
cmp -s qab ref || { diff ref qab | head -5; fail "QEMU -> pcemu: output differs"; }
echo "ok: QEMU saved after $(wc -l <qa) lines, pcemu continued to the same end"
$PC -chardev null,id=dbg -device isa-debugcon,chardev=dbg -drive file=q.qcow2,if=ide,format=qcow2 \
    -loadvm q -S -snapshot save again 2>qs.err || { cat qs.err; fail "pcemu load and save"; }
same_sse q.qcow2 q q.qcow2 again || fail "pcemu saved other SSE state than QEMU's, which it loaded"
echo "ok: pcemu saved back the SSE fields of QEMU's cpu section unchanged"
