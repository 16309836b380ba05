#!/bin/sh
# boot_seabios.sh: pcemu boots Debian's SeaBIOS and the test guest (o/images/guest-halt.qcow2)
# the way QEMU 7.2 does. Both run here on the same image with SeaBIOS's debug console
# (port 0x402) captured through -chardev file + -device isa-debugcon; the device discovery
# and boot-path lines of the two logs must be equal and in the same order, pcemu's log must
# show no timeout, and the guest's serial output must match QEMU's (apart from the tick
# counts and the E801 size, see below). pcemu stops at the guest's final CLI;HLT.
set -u
[ -f "$O/images/guest-halt.qcow2" ] || { echo "no $O/images/guest-halt.qcow2 (make images)"; exit 1; }
[ -x "$PCEMU" ] || { echo "no $PCEMU"; exit 1; }
command -v qemu-system-i386 >/dev/null || { echo "qemu-system-i386 missing"; exit 77; }
T=$TMPDIR_TEST
# a copy of its own: the scripts run in parallel, and QEMU and pcemu hold their image's
# write lock
IMG=$T/guest.qcow2
cp "$O/images/guest-halt.qcow2" "$IMG"

# QEMU 7.2 (TCG): stopped by this script once the guest printed its last line. -icount with
# sleep=off makes SeaBIOS's threads interleave in virtual time, as on pcemu: without it the
# order of lines from concurrent threads (the lpt and serial probes) followed host timing
# and a busy host reordered them.
qemu-system-i386 -M pc-i440fx-7.2 -m 32 -nodefaults -display none -icount shift=3,sleep=off \
    -chardev file,id=dbg,path="$T/qemu-debug.txt" -device isa-debugcon,iobase=0x402,chardev=dbg \
    -serial file:"$T/qemu-serial.txt" -drive file="$IMG",if=ide,format=qcow2 &
qpid=$!
# until the guest's last line or QEMU's end; the bound (10 minutes) only catches a hung
# QEMU, however long a busy host takes to boot
i=0
until grep -q "GUEST done" "$T/qemu-serial.txt" 2>/dev/null || ! kill -0 $qpid 2>/dev/null ||
    [ $i -ge 6000 ]; do
    sleep 0.1; i=$((i + 1))
done
kill $qpid 2>/dev/null; wait $qpid 2>/dev/null
grep -q "GUEST done" "$T/qemu-serial.txt" || { echo "FAIL: QEMU did not boot the guest"; exit 1; }

# pcemu: the same command line, plus the deterministic stop. -run-for bounds virtual time
# (SeaBIOS's longest wait is seconds); timeout bounds host time.
start=$(date +%s%N)
timeout 600 "$PCEMU" -M pc -m 32 -display none \
    -chardev file,id=dbg,path="$T/pcemu-debug.txt" -device isa-debugcon,iobase=0x402,chardev=dbg \
    -serial file:"$T/pcemu-serial.txt" -drive file="$IMG",format=qcow2,if=ide \
    -run-until halt -run-for 60s
rc=$?
end=$(date +%s%N)
echo "pcemu exit status $rc after $(( (end - start) / 1000000 )) ms"
echo "---- pcemu SeaBIOS log"; cat "$T/pcemu-debug.txt"; echo
echo "---- pcemu serial"; tr -d '\r' <"$T/pcemu-serial.txt"
[ $rc = 0 ] || { echo "FAIL: pcemu exit status $rc (0 = stopped at the guest's HLT)"; exit 1; }

# The lines that describe device discovery and the boot path. Left out on purpose: lines
# about devices pcemu does not have (PIIX4 ACPI and its PM timer, APIC, ACPI tables, the
# kvmvapic option ROM, HPET), addresses that depend on SeaBIOS's heap layout, e820 lines
# (QEMU's ACPI tables reserve the top 128 KiB of RAM). "PS2 keyboard initialized" comes from
# SeaBIOS's keyboard thread, which runs beside the disk threads: on QEMU its place among
# their lines depends on host timing, so it is checked for presence, not order.
relevant() {
    tr -d '\r' <"$1" | grep -E \
      -e '^SeaBIOS \(version' -e '^Running on QEMU' -e '^Found QEMU fw_cfg' \
      -e '^QEMU fw_cfg DMA' -e '^qemu/e820: addr' -e '^=== PCI' \
      -e '^PCI: map device bdf=00:01\.1 ' -e '^PCI: init bdf=00:0[01]\.[01] ' \
      -e '^PIIX3/PIIX4 init' -e '^ATA controller' -e '^Found [0-9]+ (lpt|serial) ports' \
      -e '^ata[01]-[01]:' -e '^Searching bootorder for: /pci' -e "^Searching bios-geometry for: /pci" \
      -e '^drive 0x[0-9a-f]+: PCHS' -e '^All threads complete' -e '^Booting from' |
    sed 's/^drive 0x[0-9a-f]*:/drive:/'
}
relevant "$T/qemu-debug.txt" >"$T/qemu-relevant.txt"
relevant "$T/pcemu-debug.txt" >"$T/pcemu-relevant.txt"
echo "---- relevant lines, QEMU vs pcemu"
if ! diff -u "$T/qemu-relevant.txt" "$T/pcemu-relevant.txt"; then
    echo "FAIL: SeaBIOS's discovery and boot path differ from QEMU 7.2's"; exit 1
fi
cat "$T/pcemu-relevant.txt"
for f in qemu pcemu; do
    grep -q '^PS2 keyboard initialized' "$T/$f-debug.txt" || { echo "FAIL: $f: no PS2 keyboard line"; exit 1; }
done
[ "$(wc -l <"$T/pcemu-relevant.txt")" -ge 20 ] || { echo "FAIL: too few relevant lines"; exit 1; }
if grep -i 'timeout' "$T/pcemu-debug.txt"; then
    echo "FAIL: SeaBIOS reported a timeout under pcemu"; exit 1
fi

# Guest output: equal to QEMU's except the tick counts (QEMU's TCG runs on host time) and
# the E801 size (QEMU's ACPI tables take the top 128 KiB of RAM from it).
norm() { tr -d '\r' <"$1" | sed -e 's/ ticks [0-9a-f]* / ticks - /' -e 's/e801: [0-9]* MiB/e801: - MiB/'; }
norm "$T/qemu-serial.txt" >"$T/qemu-guest.txt"
norm "$T/pcemu-serial.txt" >"$T/pcemu-guest.txt"
diff -u "$T/qemu-guest.txt" "$T/pcemu-guest.txt" || { echo "FAIL: guest output differs"; exit 1; }
grep -q "GUEST done" "$T/pcemu-guest.txt" || { echo "FAIL: no GUEST done"; exit 1; }
echo "pcemu boots SeaBIOS and the guest as QEMU 7.2 does"
