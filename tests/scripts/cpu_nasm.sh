#!/bin/sh
# cpu_nasm.sh: run every CPU test program (images/cpu/*.asm, built by make images) on the
# CPU harness machine and compare the debug-console output with images/cpu/NAME.expected;
# when qemu-system-i386 is installed, run the same image on QEMU 7.2 TCG as a -bios image
# and require the same output there (the expected files were taken from QEMU and agree),
# except for programs marked '; qemu: no' (behaviour QEMU's TCG does not model).
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
    if [ -f "$exp" ] && ! cmp -s "$exp" "$TMPDIR_TEST/$name.out"; then
        echo "FAIL $name: output differs from $exp"; diff "$exp" "$TMPDIR_TEST/$name.out" | head -20; fail=1; continue
    fi
    if grep -q '^; qemu: no' "images/cpu/$name.asm"; then
        echo "ok $name ($(wc -l < "$TMPDIR_TEST/$name.out") lines; not comparable with QEMU, see its header)"
    elif [ -n "$QEMU" ]; then
        qargs=$(sed -n 's/^; qemu-args: //p' "images/cpu/$name.asm")
        timeout 600 "$QEMU" $qargs -bios "$img" -nodefaults -display none -m 16 -no-reboot \
            -debugcon "file:$TMPDIR_TEST/$name.qemu" -device isa-debug-exit,iobase=0xf4,iosize=4
        qrc=$?
        if [ $qrc != 1 ] || ! cmp -s "$TMPDIR_TEST/$name.out" "$TMPDIR_TEST/$name.qemu"; then
            echo "FAIL $name: QEMU (status $qrc) and pcemu disagree"
            diff "$TMPDIR_TEST/$name.qemu" "$TMPDIR_TEST/$name.out" | head -20; fail=1; continue
        fi
        echo "ok $name ($(wc -l < "$TMPDIR_TEST/$name.out") lines, same as QEMU)"
    else
        echo "ok $name ($(wc -l < "$TMPDIR_TEST/$name.out") lines; QEMU not installed)"
    fi
done
exit $fail
