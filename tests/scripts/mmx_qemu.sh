#!/bin/sh
# mmx_qemu.sh: randomized comparison of pcemu's MMX with QEMU 7.2's. tests/data/mmx_rand.asm,
# built here for seeds 1-12, runs 400 operations drawn from every two-operand MMX
# operation and the register/memory-count shifts (memory and register forms) on random
# operands pushed to the saturation edges, and prints operands and result of each;
# cpu_harness and qemu-system-i386 run the same image under the same -cpu (pentium2 with
# MMX and what pcemu lacks turned off) and must print the same 400 lines.
set -u
command -v nasm >/dev/null || { echo "nasm missing"; exit 77; }
command -v qemu-system-i386 >/dev/null || { echo "qemu-system-i386 missing"; exit 77; }
H="$TOOLS/cpu_harness"
[ -x "$H" ] || { echo "cpu_harness not built"; exit 1; }
ROOT=$(pwd)
CPU=pentium2,-apic,-pae,-mce,-mca,-de,-fxsr,-pse36,-hypervisor
STEPS=400
fail=0
cd "$TMPDIR_TEST"
for seed in $(seq 1 12); do
    nasm -f bin -i "$ROOT/images/cpu/" -DSEED=$seed -DSTEPS=$STEPS -o r$seed.bin \
        "$ROOT/tests/data/mmx_rand.asm" || { echo "FAIL: nasm"; exit 1; }
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
        echo "FAIL seed $seed: pcemu and QEMU differ (< QEMU, > pcemu; columns: step/op, A, B, result)"
        diff r$seed.q r$seed.pc | head -10
        fail=1
        continue
    fi
    echo "ok seed $seed: $STEPS operations, the same on QEMU"
done
exit $fail
