#!/bin/sh
# devs_irq.sh: interrupts delivered back to back through the 8259s, against QEMU 7.2: the
# "I:" line of tests/devs/probe.asm's report. With IF = 0 the probe makes the 8042 raise
# IRQ 1 and the UART IRQ 4, then lets them in: (a) in priority order, (b) after a priority
# rotation, (c) in automatic-EOI mode, (d) through poll commands. Each handler logs its
# vector, the master ISR and the device's answer, and sends EOI before IRET, so the second
# request becomes deliverable only as the first handler returns (the CPU must re-sample
# INTR when IRET sets IF).
set -e
. tests/devs/run_probe.sh
grep '^I:' probe.pcemu > i.pcemu
grep '^I:' "$ROOT/tests/devs/probe.expected" > i.expected
[ $HAVE_QEMU = 1 ] && grep '^I:' probe.qemu > i.qemu && cmp i.qemu i.expected
if ! cmp -s i.pcemu i.expected; then
    echo "QEMU:  $(cat i.expected)"
    echo "pcemu: $(cat i.pcemu)"
    exit 1
fi
echo "devs_irq: back-to-back interrupts as QEMU 7.2"
