#!/bin/sh
# mmx_xload.sh: snapshots taken inside MMX code and between FXSAVE and FXRSTOR cross
# between pcemu and QEMU 7.2 under the same -cpu (pentium2 with MMX and FXSR).
# tests/data/mmx_xload.asm keeps its state in MM0-MM7 and round-trips it through
# FXSAVE/FXRSTOR every round, printing the registers every 2048 rounds.
#  1. pcemu runs it through: the reference output (and QEMU's own run must equal it).
#  2. pcemu saves at 6 instruction counts a few apart (inside one round, so in the MMX
#     sequence and in the FXSAVE..FXRSTOR window); QEMU -loadvm continues each: what pcemu
#     printed before the save plus what QEMU printed after it equals the reference.
#  3. QEMU saves (HMP stop + savevm once it has printed 3 lines: wherever it stopped, the
#     check holds); pcemu -loadvm continues: QEMU's lines before plus pcemu's after equal
#     the reference.
set -u
command -v qemu-system-i386 >/dev/null || { echo "qemu-system-i386 missing"; exit 77; }
command -v nasm >/dev/null || { echo "nasm missing"; exit 77; }
ROOT=$(pwd)
cd "$TMPDIR_TEST"
CPU=pentium2,-apic,-pae,-mce,-mca,-de,-pse36,-hypervisor
fail() { echo "FAIL: $*"; exit 1; }
nasm -f bin -i "$ROOT/images/cpu/" -DLINES=200 -o x.bin "$ROOT/tests/data/mmx_xload.asm" || fail nasm
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
for n in 200000 200005 200011 200016 200022 200027; do
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
