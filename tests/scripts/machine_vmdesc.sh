#!/bin/sh
# machine_vmdesc.sh: every section pcemu saves is described exactly as QEMU 7.2 describes it.
# `pcemu --dump-vmstate` prints the VM description (the JSON at the end of a savevm stream);
# each of its device entries must equal the entry of the same name and instance in the
# reference written by QEMU 7.2 itself, and appear in the same relative order: the default
# machine (-M pc -serial null) against QEMU's -M pc -nodefaults (../shared/docs/
# qemu-7.2-pc-default-vmdesc.json), where every section of QEMU's must be there too; the
# reduced machine (acpi=off,hpet=off,vmport=off, the APIC-less CPU) against QEMU's
# (qemu-7.2-pc-i440fx*-vmdesc.json: without a serial port, and with -serial null), where
# sections QEMU has and pcemu lacks are listed, not failed.
# Subsections are sent only when their state needs them, so they are matched by name: one
# present in both must be equal, one present in only one of them is listed.
set -u
DOCS=${DOCS:-/work/shared/docs}
[ -f "$DOCS/qemu-7.2-pc-i440fx-vmdesc.json" ] && [ -f "$DOCS/qemu-7.2-pc-default-vmdesc.json" ] || { echo "reference JSON not found in $DOCS"; exit 77; }
T=$TMPDIR_TEST
# Described after booting the test guest to its final HLT, as QEMU's samples were taken after
# SeaBIOS had run: state-dependent fields (IDE identify_data) are then present in both.
# a copy of its own: the scripts run in parallel, and pcemu holds its image's write lock
[ -f "$O/images/guest-halt.qcow2" ] || { echo "no $O/images/guest-halt.qcow2 (make images)"; exit 1; }
IMG=$T/guest.qcow2
cp "$O/images/guest-halt.qcow2" "$IMG"
BOOT="-m 32 -drive file=$IMG,format=qcow2,if=ide -run-until halt -run-for 5s"
REDUCED="-M pc-i440fx-7.2,acpi=off,hpet=off,vmport=off -cpu pentium2,-mmx,-apic,-pae,-mce,-mca,-vme,-de,-fxsr,-pse36,-hypervisor"
# QEMU's sample of its -M pc was taken before SeaBIOS identified the disk: at reset
"$PCEMU" -M pc -m 32 -drive file=$IMG,format=qcow2,if=ide -S -serial null --dump-vmstate >"$T/default.json" || { echo "FAIL: dump (-M pc)"; exit 1; }
"$PCEMU" $REDUCED $BOOT --dump-vmstate >"$T/plain.json" || { echo "FAIL: dump (no serial)"; exit 1; }
"$PCEMU" $REDUCED $BOOT -serial null --dump-vmstate >"$T/serial.json" || { echo "FAIL: dump (-serial null)"; exit 1; }
python3 - "$T/default.json" "$DOCS/qemu-7.2-pc-default-vmdesc.json" "$T/plain.json" \
          "$DOCS/qemu-7.2-pc-i440fx-vmdesc.json" "$T/serial.json" "$DOCS/qemu-7.2-pc-i440fx-serial-vmdesc.json" <<'PY'
import json, sys
bad = 0

def same(mine, ref, path, notes):
    # Equal, except that subsections are compared by name (state decides which are sent).
    if isinstance(mine, dict) and isinstance(ref, dict):
        if set(mine) - {"subsections"} != set(ref) - {"subsections"}:
            notes.append("%s: keys %s vs %s" % (path, sorted(mine), sorted(ref)))
            return False
        ok = all(same(mine[k], ref[k], path + "/" + k, notes) for k in mine if k != "subsections")
        ms = {s["vmsd_name"]: s for s in mine.get("subsections", [])}
        rs = {s["vmsd_name"]: s for s in ref.get("subsections", [])}
        for name in ms:
            if name in rs:
                ok = same(ms[name], rs[name], path + "/" + name, notes) and ok
            else:
                print("  note: subsection %s not in QEMU's sample" % name)
        for name in rs:
            if name not in ms:
                print("  note: QEMU's sample has subsection %s (state-dependent)" % name)
        return ok
    if isinstance(mine, list) and isinstance(ref, list):
        if len(mine) != len(ref):
            notes.append("%s: %d entries vs %d" % (path, len(mine), len(ref)))
            return False
        return all(same(a, b, "%s[%d]" % (path, i), notes) for i, (a, b) in enumerate(zip(mine, ref)))
    if mine != ref:
        notes.append("%s: %r vs %r" % (path, mine, ref))
        return False
    return True

for mine_path, ref_path in ((sys.argv[1], sys.argv[2]), (sys.argv[3], sys.argv[4]), (sys.argv[5], sys.argv[6])):
    mine, ref = json.load(open(mine_path)), json.load(open(ref_path))
    print("==", mine_path.rsplit("/", 1)[-1], "against", ref_path.rsplit("/", 1)[-1])
    if mine.get("page_size") != ref["page_size"]:
        print("FAIL page_size", mine.get("page_size")); bad = 1
    refs = {(d["name"], d["instance_id"]): (i, d) for i, d in enumerate(ref["devices"])}
    last = -1
    seen = set()
    for d in mine["devices"]:
        key = (d["name"], d["instance_id"])
        seen.add(key)
        if key not in refs:
            print("FAIL: pcemu section not in QEMU's:", key); bad = 1; continue
        pos, want = refs[key]
        notes = []
        if not same(d, want, "", notes):
            print("FAIL: section differs:", key, "(pcemu vs QEMU)")
            for n in notes[:10]:
                print("   ", n)
            bad = 1
        else:
            print("ok  ", key)
        if pos < last:
            print("FAIL: section out of QEMU's order:", key); bad = 1
        last = pos
    missing = ["%s/%d" % k for k in refs if k not in seen]
    print("not in pcemu:", ", ".join(missing))
    if mine_path.endswith("default.json") and missing:
        print("FAIL: the default machine lacks sections of QEMU's -M pc -nodefaults"); bad = 1
sys.exit(bad)
PY
