#!/bin/sh
# sse_qemu.sh: randomized comparison of pcemu's SSE/SSE2/SSE3 floating point with QEMU
# 7.2's (-cpu qemu32, which has SSE, SSE2 and SSE3). tests/data/sse_rand.asm, built here
# for seeds 1-16, runs 400 operations drawn from its table on random normal operands and
# prints XMM0 after each; cpu_harness and qemu-system-i386 run the same image under the
# same -cpu (qemu32 with what pcemu lacks turned off) and must print the same 400 lines. The program's header lists what is left out and why (NaN operands: QEMU
# 7.2 picks the x87's NaN where SSE returns the first source's).
set -u
command -v nasm >/dev/null || { echo "nasm missing"; exit 77; }
command -v qemu-system-i386 >/dev/null || { echo "qemu-system-i386 missing"; exit 77; }
H="$TOOLS/cpu_harness"
[ -x "$H" ] || { echo "cpu_harness not built"; exit 1; }
ROOT=$(pwd)
CPU=qemu32,-apic,-pae,-mce,-de,-hypervisor
STEPS=400
fail=0
cd "$TMPDIR_TEST"
for seed in $(seq 1 16); do
    nasm -f bin -i "$ROOT/tests/data/" -DSEED=$seed -DSTEPS=$STEPS -o r$seed.bin \
        "$ROOT/tests/data/sse_rand.asm" || { echo "FAIL: nasm"; exit 1; }
    "$H" -c $CPU r$seed.bin > r$seed.pc 2> r$seed.err
    rc=$?
    [ $rc = 1 ] || { echo "FAIL seed $seed: harness exit status $rc"; cat r$seed.err; fail=1; continue; }
    timeout 600 qemu-system-i386 -cpu $CPU -bios r$seed.bin -nodefaults -display none -m 16 \
        -no-reboot -debugcon file:r$seed.q -device isa-debug-exit,iobase=0xf4,iosize=4
    rc=$?
    [ $rc = 1 ] || { echo "FAIL seed $seed: QEMU exit status $rc"; fail=1; continue; }
    n=$(wc -l < r$seed.pc)
    [ "$n" = $STEPS ] || { echo "FAIL seed $seed: pcemu printed $n lines, not $STEPS"; fail=1; continue; }
    if ! cmp -s r$seed.q r$seed.pc; then
        echo "FAIL seed $seed: pcemu and QEMU differ (< QEMU, > pcemu; columns: step, op, XMM0)"
        diff r$seed.q r$seed.pc | head -10
        fail=1
        continue
    fi
    echo "ok seed $seed: $STEPS operations, the same on QEMU"
done
exit $fail
