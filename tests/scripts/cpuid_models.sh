#!/bin/sh
# cpuid_models.sh: CPUID under each CPU model pcemu offers and a few feature combinations,
# against QEMU 7.2 started with the same -cpu string: images/cpu/cpuid_dump.asm prints
# leaves 0-4, 0x80000000-0x80000005 (above the maximum too), 0x40000000-0x40000002 on cpu_harness -c SPEC and as
# QEMU's -bios, and the lines must be equal. Then the specs pcemu must refuse (a feature
# it lacks left on, a model with one by default) must fail with the feature named. Last,
# pcemu's default machine against QEMU's, neither given -M or -cpu.
set -u
command -v nasm >/dev/null || { echo "nasm missing"; exit 77; }
command -v qemu-system-i386 >/dev/null || { echo "qemu-system-i386 missing"; exit 77; }
H="$TOOLS/cpu_harness"
[ -x "$H" ] || { echo "cpu_harness not built"; exit 1; }
ROOT=$(pwd)
P2=-apic,-pae,-mce,-mca,-de,-pse36,-hypervisor
cd "$TMPDIR_TEST"
nasm -f bin -i "$ROOT/images/cpu/" -o d.bin "$ROOT/images/cpu/cpuid_dump.asm" || { echo "FAIL: nasm"; exit 1; }
fail=0
n=0
for spec in \
    "pentium2,-mmx,-apic,-pae,-mce,-mca,-vme,-de,-fxsr,-pse36,-hypervisor" \
    "pentium2,$P2" "pentium2,$P2,-fpu" "pentium2,$P2,+vme,mmx=off,fpu=on" \
    "pentium3,$P2" "pentium3,$P2,-sse" "pentium3,$P2,-sse,-mmx,-cmov,-pat" "pentium3,$P2,+sse2,+pni" \
    "qemu32,-apic,-pae,-mce,-de,-hypervisor" "qemu32,-apic,-pae,-mce,-de,-hypervisor,+clflush,-sse3" \
    "pentium2,-apic" "pentium2,-apic,-de,-pse36,-mca" "pentium3,-apic" "qemu32,-apic" \
    "qemu32,-apic,-pae,-mce,-de,-fxsr,-sse,-sse2,-sse3,-hypervisor" \
    "qemu32,-apic,-pae,-mce,-de,-fxsr,-sse,-sse2,pni=off,hypervisor=off,-mmx,-sep" ; do
    n=$((n + 1))
    "$H" -c "$spec" d.bin > p$n.out 2> p$n.err
    rc=$?
    [ $rc = 1 ] || { echo "FAIL $spec: harness exit status $rc"; cat p$n.err; fail=1; continue; }
    timeout 120 qemu-system-i386 -cpu "$spec" -bios d.bin -nodefaults -display none -m 16 -no-reboot \
        -debugcon file:q$n.out -device isa-debug-exit,iobase=0xf4,iosize=4 2> q$n.err
    rc=$?
    [ $rc = 1 ] || { echo "FAIL $spec: QEMU exit status $rc"; cat q$n.err; fail=1; continue; }
    [ "$(wc -l < q$n.out)" = 17 ] || { echo "FAIL $spec: QEMU printed $(wc -l < q$n.out) lines"; fail=1; continue; }
    if ! cmp -s q$n.out p$n.out; then
        echo "FAIL $spec: CPUID differs (< QEMU, > pcemu)"
        diff q$n.out p$n.out | head -10
        fail=1
        continue
    fi
    echo "ok $spec: 17 leaves as QEMU's"
done
for bad in "pentium3,$P2,+ssse3:(-ssse3)" \
           "qemu32,+monitor:(-monitor)" "pentium2,$P2,+nx:(-nx)" "pentium2,$P2,+xyz:unknown feature" "k6:unknown CPU model"; do
    spec=${bad%%:*}
    want=${bad#*:}
    if "$H" -c "$spec" d.bin > b.out 2> b.err; then
        echo "FAIL $spec: accepted"; fail=1
    elif ! grep -qF -- "$want" b.err; then
        echo "FAIL $spec: message without '$want':"; cat b.err; fail=1
    else
        echo "ok $spec: refused ($want)"
    fi
done
# pcemu's default machine, with neither -M nor -cpu, answers as QEMU 7.2's default (qemu32
# with its APIC), both booting the program as firmware
"$PCEMU" -bios "$PWD/d.bin" -m 16 -no-reboot -chardev file,id=dbg,path=pd.out \
    -device isa-debugcon,chardev=dbg -run-until halt -run-for 10s 2> pd.err ||
    { echo "FAIL default: pcemu"; cat pd.err; fail=1; }
timeout 120 qemu-system-i386 -bios d.bin -nodefaults -display none -m 16 -no-reboot \
    -debugcon file:qd.out -device isa-debug-exit,iobase=0xf4,iosize=4 2> qd.err
if [ "$(wc -l < qd.out)" = 17 ] && cmp -s qd.out pd.out; then
    echo "ok default machine: 17 leaves as QEMU's default CPU's"
else
    echo "FAIL default machine: CPUID differs (< QEMU, > pcemu)"; diff qd.out pd.out; fail=1
fi
exit $fail
