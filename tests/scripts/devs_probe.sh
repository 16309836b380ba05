#!/bin/sh
# devs_probe.sh: the ISA chips' register behaviour against QEMU 7.2. tests/devs/probe.asm,
# booted as the firmware (-bios, no SeaBIOS), programs the PICs (init, ELCR, poll, special
# mask, specific and rotating EOI), the 8042 (controller, keyboard and mouse commands,
# IntelliMouse detection), the UART (loopback, FIFO, overrun, interrupt priorities), DMA,
# RTC, PIT with port 0x61, port 0x92, and takes timer interrupts (PIT IRQ 0, RTC periodic
# and update IRQ 8, waited for with HLT); it reports what it reads on the debug console.
# Both emulators count one instruction per virtual ns, so the "C:" line also compares
# time: PIT counter values in modes 0-4, OUT2 polling loops (SeaBIOS's TSC calibration),
# the square wave, the RTC's update-in-progress window and the UART character timeout.
# pcemu's report must equal QEMU's from the same run and the copy QEMU produced when the
# test was written (tests/devs/probe.expected). The "I:" line (back-to-back interrupts)
# is devs_irq.sh's.
set -e
. tests/devs/run_probe.sh
grep -v '^I:' probe.pcemu > p.pcemu
grep -v '^I:' "$ROOT/tests/devs/probe.expected" > p.expected
cmp p.pcemu p.expected || { echo "pcemu differs from tests/devs/probe.expected:"; diff p.expected p.pcemu; exit 1; }
if [ $HAVE_QEMU = 1 ]; then
    grep -v '^I:' probe.qemu > p.qemu
    cmp p.qemu p.pcemu || { echo "pcemu differs from QEMU:"; diff p.qemu p.pcemu; exit 1; }
    echo "devs_probe: $(wc -c < p.pcemu) bytes of register reads and interrupts, pcemu = QEMU 7.2"
else
    echo "devs_probe: pcemu = tests/devs/probe.expected (QEMU not installed)"
fi
