#!/bin/sh
# cpu.sh: guest instructions per second of the interpreter on three loops (ALU, memory
# copy, branchy; images/cpu/bench_*.asm), beside QEMU 7.2 TCG and Bochs running the same
# -bios images in the same run. The instruction count of each loop comes from pcemu's
# harness (-r prints insns=N); QEMU and Bochs are timed over the same program, minus their
# start-up time measured on an image that exits at once (images/cpu/cpuid.bin).
set -u
H="$TOOLS/cpu_harness"
QEMU=$(command -v qemu-system-i386 || true)
BOCHS=$(command -v bochs || true)
now() { date +%s.%N; }
secs() { echo "$2 - $1" | bc -l; }
qemu_run() {
    timeout 120 "$QEMU" -bios "$1" -nodefaults -display none -m 16 -no-reboot \
        -debugcon "file:$TMPDIR_TEST/q.out" -device isa-debug-exit,iobase=0xf4,iosize=4
}
# Bochs: the term display is the only one Debian ships headless; it needs a pty.
bochs_run() {
    cat > "$TMPDIR_TEST/bochsrc" <<EOR
romimage: file=$1, address=0xf0000
vgaromimage: file=$1
megs: 16
cpu: count=1, reset_on_triple_fault=0
port_e9_hack: enabled=1
display_library: term
log: $TMPDIR_TEST/bochs.log
speaker: enabled=0
sound: waveoutdrv=dummy, waveindrv=dummy, midioutdrv=dummy
vga: extension=none
panic: action=fatal
EOR
    TERM=xterm timeout 20 script -qec "$BOCHS -q -f $TMPDIR_TEST/bochsrc" /dev/null \
        </dev/null >"$TMPDIR_TEST/bochs.out" 2>&1
    grep -aq "done\|00000652" "$TMPDIR_TEST/bochs.out"
}
# Probe Bochs once on a short program; skip it for the loops when it cannot run here.
bochs_ok=0
if [ -n "$BOCHS" ] && bochs_run "$O/images/cpu/cpuid.bin" 2>/dev/null; then bochs_ok=1; fi
[ -n "$BOCHS" ] && [ $bochs_ok = 0 ] && echo "bochs: did not run headless here (term display needs a terminal); not compared"
base_q=0
if [ -n "$QEMU" ]; then
    t0=$(now); qemu_run "$O/images/cpu/cpuid.bin"; t1=$(now); base_q=$(secs "$t0" "$t1")
fi
for b in alu copy branch; do
    img="$O/images/cpu/bench_$b.bin"
    t0=$(now)
    n=$("$H" -r "$img" 2>&1 >/dev/null | sed -n 's/.*insns=\([0-9]*\).*/\1/p')
    t1=$(now)
    tp=$(secs "$t0" "$t1")
    ips_p=$(echo "$n / $tp / 1000000" | bc -l)
    line=$(printf "%-7s %10d insns  pcemu %7.1f M/s" "$b" "$n" "$ips_p")
    if [ -n "$QEMU" ]; then
        tq=999
        for k in 1 2; do   # the faster of two runs: the machine is shared
            t0=$(now); qemu_run "$img"; t1=$(now)
            tk=$(echo "$(secs "$t0" "$t1") - $base_q" | bc -l)
            [ "$(echo "$tk < $tq" | bc -l)" = 1 ] && tq=$tk
        done
        ips_q=$(echo "$n / $tq / 1000000" | bc -l)
        line="$line  qemu-tcg $(printf %7.1f "$ips_q") M/s (pcemu/qemu $(printf %.2f "$(echo "$ips_p / $ips_q" | bc -l)"))"
    fi
    if [ -n "$BOCHS" ] && [ "$bochs_ok" = 1 ]; then
        t0=$(now)
        if bochs_run "$img"; then
            t1=$(now)
            tb=$(secs "$t0" "$t1")
            ips_b=$(echo "$n / $tb / 1000000" | bc -l)
            line="$line  bochs $(printf %7.1f "$ips_b") M/s (pcemu/bochs $(printf %.2f "$(echo "$ips_p / $ips_b" | bc -l)"))"
        fi
    fi
    echo "$line"
done
