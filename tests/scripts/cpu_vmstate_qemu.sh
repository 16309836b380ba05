#!/bin/sh
# cpu_vmstate_qemu.sh: the 'cpu' section (and 'cpu_common', 'kvm-tpr-opt', 'apic') that
# pcemu saves for a CPU model equals QEMU 7.2's, field for field, for models with the
# features this branch implemented: bare pentium2 (PAE, PSE-36, PAT, DE, MCE/MCA: MCG_CAP
# 0x100010a, MCG_CTL and the ten MCi_CTL all-ones, as QEMU's mce_init sets them), without
# MCA (no banks), and without the APIC and hypervisor bit. Each emulator saves the machine
# at reset (-S, HMP savevm) into an empty qcow2; pcemu-img vmstate dump decodes both.
set -u
command -v qemu-system-i386 >/dev/null || { echo "qemu-system-i386 missing"; exit 77; }
command -v qemu-img >/dev/null || { echo "qemu-img missing"; exit 77; }
cd "$TMPDIR_TEST"
MACH="-M pc-i440fx-7.2,acpi=off,hpet=off,vmport=off -m 32 -nodefaults -display none -S -monitor stdio"
fail=0
for spec in pentium2 pentium2,-mca pentium2,-apic,-hypervisor; do
    for emu in qemu-system-i386 "$PCEMU"; do
        name=$(basename "$emu")
        qemu-img create -q -f qcow2 "$name.qcow2" 16M
        printf 'savevm s\nquit\n' | $emu $MACH -cpu "$spec" -drive "file=$name.qcow2,if=ide,format=qcow2" \
            > "$name.mon" 2>&1
        "$PCEMU_IMG" vmstate dump "$name.qcow2" s > "$name.json" 2> "$name.err" ||
            { echo "FAIL $spec: $name saved nothing"; cat "$name.mon" "$name.err"; fail=1; continue 2; }
    done
    if ! python3 - qemu-system-i386.json pcemu.json <<'PY'
import json, re, sys
def cpu_sections(path):
    d = json.load(open(path))
    return {re.sub(r" \(\d+\)$", "", k): v for k, v in d.items()
            if re.sub(r" \(\d+\)$", "", k) in ("cpu_common", "cpu", "kvm-tpr-opt", "apic")}
q, p = cpu_sections(sys.argv[1]), cpu_sections(sys.argv[2])
if q != p or "cpu" not in q:
    for name in sorted(set(q) | set(p)):
        a, b = q.get(name, {}), p.get(name, {})
        for f in sorted(set(a) | set(b)):
            if a.get(f) != b.get(f):
                print("%s.%s: QEMU %s, pcemu %s" % (name, f, a.get(f), b.get(f)))
    sys.exit(1)
print("%d fields, mcg_cap %s" % (sum(len(v) for v in q.values()), q["cpu"]["env.mcg_cap"]))
PY
    then
        echo "FAIL -cpu $spec: sections differ"
        fail=1
    else
        echo "ok -cpu $spec: cpu, cpu_common, kvm-tpr-opt and apic as QEMU 7.2 saves them"
    fi
done
exit $fail
