#!/bin/sh
# console_debugcon_echr.sh: -debugcon and -echr as QEMU 7.2 does them.
#   1. -debugcon file:F (QEMU's shorthand for an isa-debugcon at 0xE9 on a chardev
#      labelled "debugcon"): the CPU test program real.bin, run as -bios, writes its report
#      to port 0xE9; F holds the same bytes on both (QEMU stops at isa-debug-exit, pcemu at
#      the HLT after it). `info chardev` lists the "debugcon" chardev on both, and a second
#      -debugcon or a bad back end is refused with status 1 on both.
#   2. -echr N with -serial mon:stdio: the escape byte's help (C-t, or "Escape-Char" with
#      its code), the escape twice, exit, and QEMU's "Bad argument to echr": stdout is the
#      same bytes and the exit status the same for each key sequence.
set -u
T=$TMPDIR_TEST
fails=0
command -v qemu-system-i386 >/dev/null || { echo "qemu-system-i386 missing"; exit 77; }
BIN=$(pwd)/$O/images/cpu/real.bin
[ -f "$BIN" ] || { echo "no $BIN (make images)"; exit 77; }
cd "$T"
ok() { echo "ok: $*"; }
bad() { echo "FAIL: $*"; fails=$((fails + 1)); }

# ---- 1. -debugcon
"$PCEMU" -bios "$BIN" -m 16 -no-reboot -debugcon file:p.txt -run-until halt -run-for 10s
prc=$?
timeout 600 qemu-system-i386 -bios "$BIN" -nodefaults -display none -m 16 -no-reboot \
    -debugcon file:q.txt -device isa-debug-exit,iobase=0xf4,iosize=4
qrc=$?
if [ $prc = 0 ] && [ $qrc = 1 ] && cmp -s p.txt q.txt && grep -q "^real: done" p.txt; then
    ok "-debugcon file: $(wc -c < p.txt) bytes on port 0xE9, equal"
else
    bad "-debugcon file: pcemu $prc, QEMU $qrc"; diff q.txt p.txt | head
fi
for emu in qemu-system-i386 "$PCEMU"; do
    printf "info chardev\nquit\n" | timeout 600 "$emu" -M pc -nodefaults -display none -S -monitor stdio \
        -debugcon file:d.txt -serial file:s.txt 2>&1 | tr -d '\r' | grep -a "filename=" |
        sed 's/.*\(debugcon\|serial0\): /\1: /' | grep -a "^debugcon\|^serial0" | sort > "$(basename "$emu").chardev"
done
if cmp -s qemu-system-i386.chardev pcemu.chardev && grep -q "^debugcon: filename=file$" pcemu.chardev; then
    ok "info chardev: $(tr '\n' ' ' < pcemu.chardev)"
else
    bad "info chardev differs"; cat qemu-system-i386.chardev pcemu.chardev
fi
for args in "-debugcon file:a -debugcon file:b" "-debugcon bogus"; do
    timeout 600 qemu-system-i386 -M pc -nodefaults -display none -S $args </dev/null 2>q.err; qrc=$?
    "$PCEMU" -M pc -nodefaults -display none -S $args </dev/null 2>p.err; prc=$?
    if [ $qrc = 1 ] && [ $prc = 1 ] && [ -s p.err ]; then
        ok "$args: refused on both: $(cat p.err)"
    else
        bad "$args: QEMU $qrc, pcemu $prc"; cat q.err p.err
    fi
done

# ---- 2. -echr: keys in, stdout compared. QEMU does not end at the end of its input, so a
# sequence without a working exit key ("runs") is killed after 5 s there; its output
# (none) is complete long before.
while IFS='|' read -r echr keys ends; do
    t=600
    [ "$ends" = ends ] || t=5
    printf "$keys" | timeout $t qemu-system-i386 -M pc -nodefaults -display none -S \
        -serial mon:stdio -echr "$echr" >q.out 2>/dev/null; qrc=$?
    printf "$keys" | "$PCEMU" -M pc -nodefaults -display none -S -serial mon:stdio \
        -echr "$echr" >p.out 2>/dev/null; prc=$?
    [ $t = 5 ] && [ $qrc = 124 ] && qrc=0   # QEMU still waiting for input: pcemu ends at EOF
    if [ $qrc = $prc ] && cmp -s q.out p.out; then
        ok "-echr $echr, keys '$keys': $(wc -c < p.out) bytes, status $prc"
    else
        bad "-echr $echr, keys '$keys': QEMU $qrc, pcemu $prc"; od -c q.out | head -5; od -c p.out | head -5
    fi
done <<'KEYS'
0x14|\024h\024x|ends
20|\024h\024\024\024x|ends
024|\024x|ends
40|(h(((x|ends
0x28|\001x(x|ends
300|\001x|runs
foo|\000h\000x|ends
1|\001h\001x|ends
KEYS
[ $fails = 0 ] || { echo "$fails failures"; exit 1; }
echo "console_debugcon_echr: all checks passed"
