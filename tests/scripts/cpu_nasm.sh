#!/bin/sh
# cpu_nasm.sh: run every CPU test program (images/cpu/*.asm, built by make images) on the
# CPU harness machine and compare the debug-console output with images/cpu/NAME.expected;
# when qemu-system-i386 is installed, run the same image on QEMU 7.2 TCG as a -bios image
# and require the same output there (the expected files were taken from QEMU and agree),
# except for programs marked '; qemu: no' (behaviour QEMU's TCG does not model).
# A program marked '; pcemu: machine' needs the PC around the CPU (the 8259s, port 0xF0:
# FERR# on IRQ 13), which the harness lacks: it runs on pcemu's full machine as a -bios
# image instead, its debug console (port 0xE9) in a file, until its exit32 halts with
# interrupts off (pcemu has no isa-debug-exit; the whole output, "done" line included, is
# compared).
# An expected line may start with a marker: '! ' where QEMU 7.2 is wrong against the SDM and
# '~ ' where QEMU 7.2 is only approximate (x87 transcendentals in host double precision);
# the line holds what the hardware prints and the comparison with QEMU leaves those line
# numbers out (the program's header lists them). pcemu must print a '!' line exactly
# (marker stripped); a '~' line within 1 ulp: each stN=EEEE:MMMMMMMMMMMMMMMM field may
# differ from the hardware's by one unit in the last place of the 64-bit significand (the
# SDM's bound for the transcendentals; across a power of two, the largest significand
# below it and 8000000000000000 above it count as neighbours) and sw= may differ in C1
# (0x0200, the rounding direction) only; every other field exactly. near_check tests this
# comparison on fixed pairs first (a 2-ulp difference must fail).
# The harness runs the CPU model of the program's qemu-args (-cpu: cpu_harness -c).
# Each program exits through isa-debug-exit with 0, i.e. status 1.
set -u
H="$TOOLS/cpu_harness"
[ -x "$H" ] || { echo "cpu_harness not built"; exit 1; }
QEMU=$(command -v qemu-system-i386 || true)
# near EXP OUT: 0 when OUT (pcemu's lines) equals EXP (an expected file, markers kept)
# line for line, '~' lines within the tolerance above; prints the first differences.
near() {
    awk '
    function hex(s,   i, n) {
        n = 0; s = toupper(s)
        for (i = 1; i <= length(s); i++) n = n * 16 + index("0123456789ABCDEF", substr(s, i, 1)) - 1
        return n
    }
    function nc1(w) { w = hex(w); return w - int(w / 512) % 2 * 512 }   # FSW without C1
    function sig(v) { return length(v) == 21 && v ~ /^[0-9A-F]+:[0-9A-F]+$/ && substr(v, 5, 1) == ":" }
    function ulps(a, b,   ea, eb, d) {      # distance of two EEEE:MMMMMMMMMMMMMMMM, 2 = too far
        if (a == b) return 0
        if (!sig(a) || !sig(b)) return 2
        ea = hex(substr(a, 1, 4)); eb = hex(substr(b, 1, 4))
        if (ea == eb) {                     # exact in doubles whenever the high halves are near
            d = (hex(substr(a, 6, 8)) - hex(substr(b, 6, 8))) * 4294967296 + hex(substr(a, 14, 8)) - hex(substr(b, 14, 8))
            return d == 1 || d == -1 ? 1 : 2
        }
        if (ea < eb) { d = a; a = b; b = d; d = ea; ea = eb; eb = d }
        return ea == eb + 1 && ea % 32768 != 0 && substr(a, 6) == "8000000000000000" && substr(b, 6) == "FFFFFFFFFFFFFFFF" ? 1 : 2
    }
    function same(e, o,   ne, no, fe, fo, i, k) {
        ne = split(e, fe, " "); no = split(o, fo, " ")
        if (ne != no) return 0
        for (i = 1; i <= ne; i++) {
            if (fe[i] == fo[i]) continue
            k = index(fe[i], "=")
            if (k == 0 || substr(fe[i], 1, k) != substr(fo[i], 1, k)) return 0
            if (fe[i] ~ /^sw=[0-9A-F]+$/ && fo[i] ~ /^sw=[0-9A-F]+$/ && length(fe[i]) == 7 && length(fo[i]) == 7) {
                if (nc1(substr(fe[i], 4)) != nc1(substr(fo[i], 4))) return 0
            } else if (fe[i] !~ /^st[0-7]=/ || ulps(substr(fe[i], k + 1), substr(fo[i], k + 1)) > 1)
                return 0
        }
        return 1
    }
    NR == FNR { want[FNR] = $0; n = FNR; next }
    {
        m = FNR; e = want[FNR]; ok = 1
        if (e ~ /^~ /) ok = same(substr(e, 3), $0)
        else { sub(/^! /, "", e); ok = e == $0 }
        if (!ok && bad++ < 10) printf "line %d: expected %s\n        pcemu    %s\n", FNR, want[FNR], $0
    }
    END {
        if (m != n) { printf "%d lines, expected %d\n", m, n; bad++ }
        exit bad != 0
    }' "$1" "$2"
}
# near_check: the tolerance passes what it should and only that.
near_check() {
    printf '%s\n' '~ f sw=3A20 tw=0FFF st0=3FFE:8000000000000000 st1=4000:C0000000FFFFFFFF' \
        '~ f sw=3820 st0=3FFF:8000000000000000' '! g sw=3A20 st0=3FFE:8000000000000002' > "$TMPDIR_TEST/near.exp"
    printf '%s\n' 'f sw=3820 tw=0FFF st0=3FFE:8000000000000001 st1=4000:C000000100000000' \
        'f sw=3820 st0=3FFE:FFFFFFFFFFFFFFFF' 'g sw=3A20 st0=3FFE:8000000000000002' > "$TMPDIR_TEST/near.ok"
    near "$TMPDIR_TEST/near.exp" "$TMPDIR_TEST/near.ok" > /dev/null || { echo "near: 1 ulp and C1 refused"; exit 1; }
    for bad in 'f sw=3A20 tw=0FFF st0=3FFE:8000000000000002 st1=4000:C0000000FFFFFFFF' \
        'f sw=3A20 tw=0FFF st0=3FFE:8000000000000000 st1=4000:C0000000FFFFFFFD' \
        'f sw=3A20 tw=0FFF st0=3FFE:8000000000000000 st1=4000:C0000001FFFFFFFF' \
        'f sw=3A21 tw=0FFF st0=3FFE:8000000000000000 st1=4000:C0000000FFFFFFFF' \
        'f sw=3A20 tw=1FFF st0=3FFE:8000000000000000 st1=4000:C0000000FFFFFFFF' \
        'f sw=3A20 tw=0FFF st0=BFFE:8000000000000000 st1=4000:C0000000FFFFFFFF' \
        'f sw=3A20 tw=0FFF st0=3FFE:8000000000000000 st2=4000:C0000000FFFFFFFF' \
        'f sw=3A20 tw=0FFF st0=3FFE:8000000000000000'; do
        printf '%s\n' "$bad" 'f sw=3820 st0=3FFF:8000000000000000' 'g sw=3A20 st0=3FFE:8000000000000002' > "$TMPDIR_TEST/near.bad"
        ! near "$TMPDIR_TEST/near.exp" "$TMPDIR_TEST/near.bad" > /dev/null || { echo "near: accepted $bad"; exit 1; }
    done
    printf '%s\n' 'f sw=3A20 tw=0FFF st0=3FFE:8000000000000000 st1=4000:C0000000FFFFFFFF' \
        'f sw=3820 st0=3FFF:8000000000000000' 'g sw=3820 st0=3FFE:8000000000000002' > "$TMPDIR_TEST/near.bad"
    ! near "$TMPDIR_TEST/near.exp" "$TMPDIR_TEST/near.bad" > /dev/null || { echo "near: C1 ignored on a '!' line"; exit 1; }
    echo "near: tolerance checked (1 ulp and C1 pass; 2 ulps, another flag, tag, sign, field or line fail)"
}
near_check
fail=0
for img in "$O"/images/cpu/*.bin; do
    case $(basename "$img") in bench_*) continue ;; esac
    name=$(basename "$img" .bin)
    exp="images/cpu/$name.expected"
    qargs=$(sed -n 's/^; qemu-args: //p' "images/cpu/$name.asm")
    if grep -q '^; pcemu: machine' "images/cpu/$name.asm"; then
        : > "$TMPDIR_TEST/$name.out"
        "$PCEMU" $qargs -bios "$img" -m 16 -no-reboot -chardev "file,id=dbg,path=$TMPDIR_TEST/$name.out" \
            -device isa-debugcon,chardev=dbg -run-until halt -run-for 10s 2> "$TMPDIR_TEST/$name.err"
        rc=$?
        if [ $rc != 0 ] || ! tail -1 "$TMPDIR_TEST/$name.out" | grep -q ': done$'; then
            echo "FAIL $name: pcemu exit status $rc"; cat "$TMPDIR_TEST/$name.err"; tail -5 "$TMPDIR_TEST/$name.out"; fail=1; continue
        fi
    else
        cpu=$(printf '%s\n' "$qargs" | sed -n 's/.*-cpu \([^ ]*\).*/\1/p')
        "$H" ${cpu:+-c "$cpu"} "$img" > "$TMPDIR_TEST/$name.out" 2> "$TMPDIR_TEST/$name.err"
        rc=$?
        if [ $rc != 1 ]; then
            echo "FAIL $name: harness exit status $rc"; cat "$TMPDIR_TEST/$name.err"; tail -5 "$TMPDIR_TEST/$name.out"; fail=1; continue
        fi
    fi
    skip=
    if [ -f "$exp" ]; then
        skip=$(grep -n '^[!~] ' "$exp" | sed 's/:.*/d;/' | tr -d '\n')
        if ! near "$exp" "$TMPDIR_TEST/$name.out" > "$TMPDIR_TEST/$name.diff"; then
            echo "FAIL $name: output differs from $exp"; cat "$TMPDIR_TEST/$name.diff"; fail=1; continue
        fi
    fi
    if grep -q '^; qemu: no' "images/cpu/$name.asm"; then
        echo "ok $name ($(wc -l < "$TMPDIR_TEST/$name.out") lines; not comparable with QEMU, see its header)"
    elif [ -n "$QEMU" ]; then
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
