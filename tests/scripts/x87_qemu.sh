#!/bin/sh
# x87_qemu.sh: randomized comparison of pcemu's x87 with QEMU 7.2's on the basic
# operations. tests/data/x87_rand.asm, built here for seeds 1-16, runs 400 operations drawn
# from its table on small random integers (rounding modes changing on the way) and prints
# the status, tag word and register stack after each; cpu_harness (pcemu's CPU with its
# FPU) and qemu-system-i386 run the same image and must print the same 400 lines.
# Exceptions, listed once here and in the program's header: FSW is printed without C1
# and DE, which QEMU 7.2 does not set as the x87 does (README, CPU paragraph); the table
# holds no operation whose result QEMU 7.2 computes differently from the hardware
# (FPREM1, FSQRT of a negative number, the transcendentals: images/cpu/x87_*.asm check
# those against hardware values) and keeps the stack depth in range, since QEMU 7.2 has
# no stack faults.
set -u
command -v nasm >/dev/null || { echo "nasm missing"; exit 77; }
command -v qemu-system-i386 >/dev/null || { echo "qemu-system-i386 missing"; exit 77; }
H="$TOOLS/cpu_harness"
[ -x "$H" ] || { echo "cpu_harness not built"; exit 1; }
ROOT=$(pwd)
STEPS=400
fail=0
cd "$TMPDIR_TEST"
for seed in $(seq 1 16); do
    nasm -f bin -i "$ROOT/tests/data/" -DSEED=$seed -DSTEPS=$STEPS -o r$seed.bin \
        "$ROOT/tests/data/x87_rand.asm" || { echo "FAIL: nasm"; exit 1; }
    "$H" r$seed.bin > r$seed.pc 2> r$seed.err
    rc=$?
    [ $rc = 1 ] || { echo "FAIL seed $seed: harness exit status $rc"; cat r$seed.err; fail=1; continue; }
    timeout 600 qemu-system-i386 -cpu pentium2,-mmx,-apic,-pae,-mce,-mca,-vme,-de,-fxsr,-pse36,-hypervisor \
        -bios r$seed.bin -nodefaults -display none -m 16 -no-reboot \
        -debugcon file:r$seed.q -device isa-debug-exit,iobase=0xf4,iosize=4
    rc=$?
    [ $rc = 1 ] || { echo "FAIL seed $seed: QEMU exit status $rc"; fail=1; continue; }
    n=$(wc -l < r$seed.pc)
    [ "$n" = $STEPS ] || { echo "FAIL seed $seed: pcemu printed $n lines, not $STEPS"; fail=1; continue; }
    if ! cmp -s r$seed.q r$seed.pc; then
        echo "FAIL seed $seed: pcemu and QEMU differ (< QEMU, > pcemu; columns: step, op, FSW, FTW, flags, int, ST0..)"
        diff r$seed.q r$seed.pc | head -10
        fail=1
        continue
    fi
    echo "ok seed $seed: $STEPS operations, the same on QEMU"
done
exit $fail
