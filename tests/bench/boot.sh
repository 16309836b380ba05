#!/bin/sh
# boot.sh: wall time from process start to the test guest's first serial line
# ("GUEST boot sector"), pcemu beside QEMU 7.2 (TCG) booting the same image with the same
# firmware in the same run. Best of 3 each. pcemu stops by itself at that line
# (-run-until serial:); QEMU's serial file is polled every millisecond.
set -u
IMG=$O/images/guest.qcow2
T=$TMPDIR_TEST
now() { date +%s%N; }
best() { sort -n | head -n 1; }

for i in 1 2 3; do
    s=$(now)
    "$PCEMU" -M pc -m 32 -display none -serial file:"$T/p.txt" \
        -drive file="$IMG",format=qcow2,if=ide -run-until "serial:GUEST boot sector" -run-for 60s \
        || { echo "pcemu failed"; exit 1; }
    echo $(( ($(now) - s) / 1000000 ))
done >"$T/pcemu.ms"

for i in 1 2 3; do
    rm -f "$T/q.txt"
    s=$(now)
    qemu-system-i386 -M pc-i440fx-7.2 -m 32 -nodefaults -display none -serial file:"$T/q.txt" \
        -drive file="$IMG",if=ide,format=qcow2 &
    pid=$!
    until grep -q "GUEST boot sector" "$T/q.txt" 2>/dev/null; do sleep 0.001; done
    echo $(( ($(now) - s) / 1000000 ))
    kill $pid; wait $pid 2>/dev/null
done >"$T/qemu.ms"

p=$(best <"$T/pcemu.ms"); q=$(best <"$T/qemu.ms")
echo "boot to first guest serial line: pcemu ${p} ms, QEMU 7.2 TCG ${q} ms (best of 3)"
awk -v p="$p" -v q="$q" 'BEGIN { if (p > 0) printf "ratio QEMU/pcemu: %.2f (above 1: pcemu faster)\n", q / p }'
