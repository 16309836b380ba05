#!/bin/sh
# check-layers.sh: fail on any #include that points up the layer list of style.md section 1.
# Ranks: base 0; block 1; snapshot/stream 2; snapshot tables, RAM section, analyzer 3;
# bus, irq, clock, memory, PCI, chardev, firmware 4; cpu and devices 5 (never each other,
# a device only its own header); machine 6; savevm/loadvm 7; the monitors' connections and
# run state 8; QMP and the gdb stub 9 (they reach the human monitor only through the run
# state); the human monitor 10; command line, the monitors' loop, mains 11.
rank() {
    case "$1" in
        emu/base.[ch]) echo 0 ;;
        block/*) echo 1 ;;
        snapshot/stream.[ch]) echo 2 ;;
        snapshot/savevm.[ch]|snapshot/loadvm.[ch]) echo 7 ;;
        snapshot/*) echo 3 ;;
        emu/cpu/*|emu/dev/*) echo 5 ;;
        emu/machine*) echo 6 ;;
        emu/monconn*|emu/runstate*) echo 8 ;;
        emu/qmp*|emu/gdbstub*) echo 9 ;;
        emu/hmp*) echo 10 ;;
        emu/main.c|emu/pcemu-img.c|emu/monitor*|emu/cmdline*) echo 11 ;;
        firmware/*|emu/*) echo 4 ;;
        *) echo 12 ;;
    esac
}
bad=0
for f in $(git ls-files -co --exclude-standard 'emu/*.[ch]' 'emu/**/*.[ch]' 'snapshot/*.[ch]' 'block/*.[ch]' 'firmware/*.[ch]' | sort -u); do
    [ -f "$f" ] || continue
    rf=$(rank "$f")
    for inc in $(sed -n 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*"\([^"]*\)".*/\1/p' "$f"); do
        ri=$(rank "$inc")
        if [ "$ri" -gt "$rf" ]; then
            echo "check-layers: $f (layer $rf) includes $inc (layer $ri)"; bad=1
        fi
        case "$f:$inc" in
            emu/cpu/*:emu/dev/*|emu/dev/*:emu/cpu/*)
                echo "check-layers: $f includes $inc: CPU and devices meet only at the bus"; bad=1 ;;
            emu/dev/*:emu/dev/*)
                [ "${f%.*}" = "${inc%.*}" ] || { echo "check-layers: $f includes another device, $inc"; bad=1; } ;;
        esac
    done
done
[ $bad = 0 ] && echo "check-layers: ok"
exit $bad
