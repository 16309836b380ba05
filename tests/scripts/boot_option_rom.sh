#!/bin/sh
# boot_option_rom.sh: -option-rom FILE reaches the guest as on QEMU 7.2: SeaBIOS runs the
# ROM (o/images/optrom.bin prints "GUEST option rom" on COM1) before it boots the disk. The
# ROM is also placed at the start of pc.rom. Both emulators must print the same first lines.
set -u
ROM=$O/images/optrom.bin T=$TMPDIR_TEST
[ -f "$ROM" ] && [ -f "$O/images/guest.qcow2" ] || { echo "no $ROM or guest.qcow2 (make images)"; exit 1; }
# a copy of its own: the scripts run in parallel, and QEMU and pcemu hold their image's
# write lock
IMG=$T/guest.qcow2
cp "$O/images/guest.qcow2" "$IMG"
command -v qemu-system-i386 >/dev/null || { echo "qemu-system-i386 missing"; exit 77; }
qemu-system-i386 -M pc-i440fx-7.2 -m 32 -nodefaults -display none -serial file:"$T/q.txt" \
    -option-rom "$ROM" -drive file="$IMG",if=ide,format=qcow2 &
pid=$!
# until the line or QEMU's end; the bound (10 minutes) only catches a hung QEMU
i=0
until grep -q "stage 2" "$T/q.txt" 2>/dev/null || ! kill -0 $pid 2>/dev/null || [ $i -ge 6000 ]; do
    sleep 0.1; i=$((i + 1))
done
kill $pid 2>/dev/null; wait $pid 2>/dev/null
timeout 600 "$PCEMU" -M pc -m 32 -serial file:"$T/p.txt" -option-rom "$ROM" \
    -drive file="$IMG",format=qcow2,if=ide -run-until "serial:stage 2" -run-for 30s || { echo "FAIL: pcemu exit $?"; exit 1; }
head -n 2 "$T/q.txt" | tr -d '\r' >"$T/q2.txt"
head -n 2 "$T/p.txt" | tr -d '\r' >"$T/p2.txt"
cat "$T/p2.txt"
diff -u "$T/q2.txt" "$T/p2.txt" || { echo "FAIL: first lines differ from QEMU's"; exit 1; }
[ "$(head -n 1 "$T/p2.txt")" = "GUEST option rom" ] || { echo "FAIL: the ROM did not run first"; exit 1; }
"$PCEMU" -m 32 -option-rom "$O/images/guest.bin" -S 2>"$T/err" && { echo "FAIL: a disk image taken as an option ROM"; exit 1; }
grep -q "55 AA" "$T/err" || { echo "FAIL: message: $(cat "$T/err")"; exit 1; }
echo "option ROMs run as on QEMU"
