#!/bin/sh
# cpu_nasm.sh: run every CPU test program (images/cpu/*.asm, built by make images) on the
# CPU harness machine and compare the debug-console output with images/cpu/NAME.expected;
# when qemu-system-i386 is installed, run the same image on QEMU 7.2 TCG as a -bios image
# and require the same output there (the expected files were taken from QEMU and agree),
# except for programs marked '; qemu: no' (behaviour QEMU's TCG does not model).
# An expected line may start with a marker: '! ' where QEMU 7.2 is wrong against the SDM and
# '~ ' where QEMU 7.2 is only approximate (x87 transcendentals in host double precision);
# the line holds what the hardware prints, pcemu must print it without the marker, and the
# comparison with QEMU leaves those line numbers out (the program's header lists them).
# Each program exits through isa-debug-exit with 0, i.e. status 1.
set -u
H="$TOOLS/cpu_harness"
[ -x "$H" ] || { echo "cpu_harness not built"; exit 1; }
QEMU=$(command -v qemu-system-i386 || true)
fail=0
for img in "$O"/images/cpu/*.bin; do
    case $(basename "$img") in bench_*) continue ;; esac
    name=$(basename "$img" .bin)
    exp="images/cpu/$name.expected"
    "$H" "$img" > "$TMPDIR_TEST/$name.out" 2> "$TMPDIR_TEST/$name.err"
    rc=$?
    if [ $rc != 1 ]; then
        echo "FAIL $name: harness exit status $rc"; cat "$TMPDIR_TEST/$name.err"; tail -5 "$TMPDIR_TEST/$name.out"; fail=1; continue
    fi
    skip=
    if [ -f "$exp" ]; then
        sed 's/^[!~] //' "$exp" > "$TMPDIR_TEST/$name.exp"
        skip=$(grep -n '^[!~] ' "$exp" | sed 's/:.*/d;/' | tr -d '\n')
        if ! cmp -s "$TMPDIR_TEST/$name.exp" "$TMPDIR_TEST/$name.out"; then
            echo "FAIL $name: output differs from $exp"; diff "$TMPDIR_TEST/$name.exp" "$TMPDIR_TEST/$name.out" | head -20; fail=1; continue
        fi
    fi
    if grep -q '^; qemu: no' "images/cpu/$name.asm"; then
        echo "ok $name ($(wc -l < "$TMPDIR_TEST/$name.out") lines; not comparable with QEMU, see its header)"
    elif [ -n "$QEMU" ]; then
        qargs=$(sed -n 's/^; qemu-args: //p' "images/cpu/$name.asm")
        timeout 600 "$QEMU" $qargs -bios "$img" -nodefaults -display none -m 16 -no-reboot \
            -debugcon "file:$TMPDIR_TEST/$name.qemu" -device isa-debug-exit,iobase=0xf4,iosize=4
        qrc=$?
        sed "$skip" "$TMPDIR_TEST/$name.qemu" > "$TMPDIR_TEST/$name.qemu.cmp"
        sed "$skip" "$TMPDIR_TEST/$name.out" > "$TMPDIR_TEST/$name.out.cmp"
        if [ $qrc != 1 ] || ! cmp -s "$TMPDIR_TEST/$name.out.cmp" "$TMPDIR_TEST/$name.qemu.cmp"; then
            echo "FAIL $name: QEMU (status $qrc) and pcemu disagree"
            diff "$TMPDIR_TEST/$name.qemu.cmp" "$TMPDIR_TEST/$name.out.cmp" | head -20; fail=1; continue
        fi
        marked=$(printf %s "$skip" | tr -cd ';' | wc -c)
        echo "ok $name ($(wc -l < "$TMPDIR_TEST/$name.out") lines, same as QEMU$([ "$marked" = 0 ] || echo " but for $marked marked"))"
    else
        echo "ok $name ($(wc -l < "$TMPDIR_TEST/$name.out") lines; QEMU not installed)"
    fi
done
exit $fail
