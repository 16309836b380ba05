#!/bin/sh
# cpu_seabios.sh: Debian's SeaBIOS images (bios.bin, bios-256k.bin) on the CPU harness
# machine, which has RAM and no devices: POST must run through real mode, big real mode,
# 16- and 32-bit protected mode, relocation into high RAM and the thread scheduler up to
# the boot menu, where it waits in HLT for a timer that never comes (harness status 4).
# Two runs must end in the same state (instruction count and state hash).
set -u
H="$TOOLS/cpu_harness"
found=0
for bios in /usr/share/seabios/bios.bin /usr/share/seabios/bios-256k.bin; do
    [ -f "$bios" ] || continue
    found=1
    name=$(basename "$bios")
    "$H" -r -n 100000000 "$bios" > "$TMPDIR_TEST/$name.out" 2> "$TMPDIR_TEST/$name.err"
    rc=$?
    if [ $rc != 4 ] || ! grep -q "Press ESC for boot menu" "$TMPDIR_TEST/$name.out"; then
        echo "FAIL $name: status $rc"; tail -5 "$TMPDIR_TEST/$name.out"; cat "$TMPDIR_TEST/$name.err"; exit 1
    fi
    "$H" -r -n 100000000 "$bios" > /dev/null 2> "$TMPDIR_TEST/$name.err2"
    a=$(grep insns= "$TMPDIR_TEST/$name.err"); b=$(grep insns= "$TMPDIR_TEST/$name.err2")
    [ "$a" = "$b" ] || { echo "FAIL $name: runs differ: $a / $b"; exit 1; }
    echo "ok $name: $(grep -c . "$TMPDIR_TEST/$name.out") lines of POST output, $a"
done
[ $found = 1 ] || { echo "no SeaBIOS image in /usr/share/seabios"; exit 77; }
exit 0
