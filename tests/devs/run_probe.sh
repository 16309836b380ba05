# run_probe.sh: sourced by tests/scripts/devs_probe.sh and devs_irq.sh (from the project
# root, with O, PCEMU, TMPDIR_TEST set). Runs tests/devs/probe.asm's image as the firmware
# on pcemu (report in $TMPDIR_TEST/probe.pcemu) and, when installed, on QEMU 7.2
# (probe.qemu; HAVE_QEMU=1). ROOT is the project root afterwards; the cwd is TMPDIR_TEST.
# Both run at one instruction per virtual ns (QEMU: -icount shift=0,sleep=off, the RTC on
# the virtual clock) from the same RTC base, so that even counter values, polling-loop
# iteration counts and the RTC's update cycle must agree.
ROOT=$(pwd)
case $O in /*) ;; *) O="$ROOT/$O" ;; esac
PROBE="$O/tests/devs/probe.bin"
[ -f "$PROBE" ] || { echo "$PROBE not built"; exit 1; }
cd "$TMPDIR_TEST"
timeout 60 "$PCEMU" -m 32 -bios "$PROBE" -serial null -display none \
    -icount 0 -rtc base=2026-11-21T22:14:27 \
    -chardev file,id=dbg,path=probe.pcemu -device isa-debugcon,iobase=0x402,chardev=dbg \
    -run-until halt
HAVE_QEMU=0
if command -v qemu-system-i386 >/dev/null; then
    HAVE_QEMU=1
    # isa-debug-exit ends QEMU with status 3
    timeout 60 qemu-system-i386 -M pc-i440fx-7.2 -m 32 -nodefaults -display none -accel tcg \
        -icount shift=0,sleep=off,align=off -rtc base=2026-11-21T22:14:27,clock=vm \
        -bios "$PROBE" -serial null \
        -chardev file,id=dbg,path=probe.qemu -device isa-debugcon,iobase=0x402,chardev=dbg \
        -device isa-debug-exit,iobase=0xf4,iosize=4 || [ $? = 3 ]
fi
