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
# The steps are tests/xload.sh's.
set -u
command -v qemu-system-i386 >/dev/null || { echo "qemu-system-i386 missing"; exit 77; }
command -v nasm >/dev/null || { echo "nasm missing"; exit 77; }
ROOT=$(pwd)
. "$ROOT/tests/xload.sh"
cd "$TMPDIR_TEST"
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
xload_setup sse_xload.asm qemu32,-apic,-pae,-mce,-de,-hypervisor 200
xload_reference
xload_pcemu_to_qemu 300000 300006 300012 300019 300025 300031
cp s300000.qcow2 r.qcow2
printf 'savevm again\nquit\n' | timeout 600 $Q -chardev null,id=dbg -device isa-debugcon,chardev=dbg \
    -drive file=r.qcow2,if=ide,format=qcow2 -loadvm p -S -monitor stdio >r.out 2>&1 ||
    { cat r.out; fail "QEMU load and save"; }
same_sse r.qcow2 p r.qcow2 again || fail "QEMU saved other SSE state than pcemu's, which it loaded"
echo "ok: QEMU saved back the SSE fields of pcemu's cpu section unchanged"
xload_qemu_to_pcemu
$PC -chardev null,id=dbg -device isa-debugcon,chardev=dbg -drive file=q.qcow2,if=ide,format=qcow2 \
    -loadvm q -S -snapshot save again 2>qs.err || { cat qs.err; fail "pcemu load and save"; }
same_sse q.qcow2 q q.qcow2 again || fail "pcemu saved other SSE state than QEMU's, which it loaded"
echo "ok: pcemu saved back the SSE fields of QEMU's cpu section unchanged"
