#!/bin/sh
# devs_probe.sh: the ISA chips' register behaviour against QEMU 7.2. tests/devs/probe.asm,
# booted as the firmware (-bios, no SeaBIOS), programs the PICs, 8042 (keyboard and mouse
# commands), UART (loopback, FIFO, overrun), DMA, RTC, PIT/port 0x61 and port 0x92 and
# reports what it reads on the debug console. pcemu's report must equal QEMU's from the
# same run and the copy QEMU produced when the test was written (tests/devs/probe.expected).
set -e
ROOT=$(pwd)
case $O in /*) ;; *) O="$ROOT/$O" ;; esac
PROBE="$O/tests/devs/probe.bin"
[ -f "$PROBE" ] || { echo "$PROBE not built"; exit 1; }
cd "$TMPDIR_TEST"
timeout 60 "$PCEMU" -m 32 -bios "$PROBE" -serial null -display none \
    -chardev file,id=dbg,path=probe.pcemu -device isa-debugcon,iobase=0x402,chardev=dbg \
    -run-until halt
cmp probe.pcemu "$ROOT/tests/devs/probe.expected" ||
    { echo "pcemu differs from tests/devs/probe.expected:"; diff "$ROOT/tests/devs/probe.expected" probe.pcemu; exit 1; }
if command -v qemu-system-i386 >/dev/null; then
    timeout 60 qemu-system-i386 -M pc-i440fx-7.2 -m 32 -nodefaults -display none -accel tcg \
        -bios "$PROBE" -serial null \
        -chardev file,id=dbg,path=probe.qemu -device isa-debugcon,iobase=0x402,chardev=dbg \
        -device isa-debug-exit,iobase=0xf4,iosize=4 || true   # debug-exit: status 3
    cmp probe.qemu probe.pcemu || { echo "pcemu differs from QEMU:"; diff probe.qemu probe.pcemu; exit 1; }
    echo "devs_probe: $(wc -c < probe.pcemu) bytes of register reads, pcemu = QEMU 7.2"
else
    echo "devs_probe: pcemu = tests/devs/probe.expected (QEMU not installed)"
fi
