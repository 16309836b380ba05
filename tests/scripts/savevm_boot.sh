#!/bin/sh
# savevm_boot.sh: boot-save-restore with SeaBIOS and the test guest (images/guest.asm).
# Save points: during SeaBIOS POST (an instruction count), in the boot sector (right after
# its first serial line), in the middle of the int 13h disk read (halfway between the
# lines before and after it), in protected mode with PIT interrupts (after the first
# round). For each point P, at instruction count N:
#   1. pcemu runs N instructions and saves P (-snapshot save); qemu-img check is clean and
#      qemu-img snapshot -l lists P with ICOUNT N;
#   2. a new process loads P (-loadvm) and runs to the common end E, saves 'end': its VM
#      state bytes equal those of one uninterrupted run to E, the serial output before and
#      after the load together equals the uninterrupted run's, the disks compare equal;
#   3. a new process loads P and saves it again at once (-S): the VM state bytes equal P's;
#   4. the analyzer (pcemu-img vmstate dump) decodes P with the vmdesc pcemu wrote, and
#      with QEMU 7.2's reference descriptions put in place of pcemu's for every section
#      QEMU's pc-i440fx-7.2 also has (../shared/docs/qemu-7.2-pc-i440fx-serial-vmdesc.json;
#      a vmdesc lists exactly the subsections in the stream, so those QEMU's sample state
#      did not send keep pcemu's description).
# The guest points need the guest to boot (IDE); when it does not, the POST point is still
# checked and the test reports a skip naming what was missing.
set -u
ROOT=$(pwd)
IMG=$ROOT/$O/images/guest.qcow2
DOCS=${DOCS:-/work/shared/docs}
REFDESC=$DOCS/qemu-7.2-pc-i440fx-serial-vmdesc.json
[ -f "$IMG" ] || { echo "no $IMG (make images)"; exit 1; }
command -v qemu-img >/dev/null || { echo "qemu-img missing"; exit 77; }
cd "$TMPDIR_TEST"
PC="$PCEMU -m 32 -nodefaults -display none -rtc base=2020-01-01"
fail() { echo "FAIL: $*"; exit 1; }
icount_of() { sed -n 's/.* \([0-9][0-9]*\) instructions$/\1/p' "$1" | tail -n 1; }

# The instruction count at which the guest's serial output first contains $1 ("" = never).
probe() {
    cp "$IMG" probe.qcow2
    $PC -serial file:probe.txt -drive file=probe.qcow2,if=ide,format=qcow2 \
        -run-until "serial:$1" -run-until icount:200000000 -snapshot save probe 2>probe.err || return 0
    grep -q "$1" probe.txt && icount_of probe.err
}

check_image() {
    qemu-img check "$1" >check.out 2>&1 || { cat check.out; fail "qemu-img check $1"; }
}

# Replaces the vmdesc of stream $1 by one where every section QEMU 7.2 also has is
# described by QEMU's own entry from $2; writes $3. Prints how many were replaced.
refdesc() {
    python3 - "$1" "$2" "$3" <<'PY'
import json, struct, sys
b = open(sys.argv[1], "rb").read()
p = len(b) - 5
while p > 0 and not (b[p] == 6 and b[p - 1] == 0 and struct.unpack(">I", b[p + 1:p + 5])[0] == len(b) - p - 5):
    p -= 1
assert p > 0, "no vmdesc record"
mine = json.loads(b[p + 5:])
ref = {(d["name"], d["instance_id"]): d for d in json.load(open(sys.argv[2]))["devices"]}
def shape(fields):
    # which fields travel, without sizes: fields with a presence test (IDE identify_data
    # once the guest issued IDENTIFY) make the set depend on the machine's state
    return [(f["name"], f.get("index"), f["type"], f.get("array_len"),
             shape(f["struct"]["fields"]) if "struct" in f else None) for f in fields]
n = 0
kept = []
for i, d in enumerate(mine["devices"]):
    key = (d["name"], d["instance_id"])
    if key in ref and shape(ref[key]["fields"]) != shape(d["fields"]):
        kept.append(d["name"])
    elif key in ref:
        # QEMU's fields; for each subsection pcemu wrote, QEMU's description of it when
        # QEMU's sample has it (a vmdesc lists exactly the subsections in the stream)
        q = dict(ref[key])
        qs = {x["vmsd_name"]: x for x in ref[key].get("subsections", [])}
        subs = [qs.get(x["vmsd_name"], x) for x in d.get("subsections", [])]
        q.pop("subsections", None)
        if subs:
            q["subsections"] = subs
        mine["devices"][i] = q
        n += 1
j = json.dumps(mine).encode()
open(sys.argv[3], "wb").write(b[:p + 1] + struct.pack(">I", len(j)) + j)
print("QEMU's descriptions for %d of %d sections" % (n, len(mine["devices"])))
if kept:
    print("state-dependent field set differs from QEMU's sample, pcemu's kept: " + " ".join(kept))
    open(sys.argv[3] + ".kept", "w").write(" ".join(kept))
PY
}

# Reference: one uninterrupted run to E.
reference() {
    cp "$IMG" ref.qcow2
    $PC -serial file:ref.txt -drive file=ref.qcow2,if=ide,format=qcow2 \
        -run-until icount:"$E" -snapshot save end 2>ref.err || { cat ref.err; fail "reference run"; }
    "$PCEMU_IMG" vmstate-extract ref.qcow2 end >ref.vms || fail "extract ref"
}

point() {   # $1 = name, $2 = instruction count
    p=$1; n=$2
    cp "$IMG" "$p.qcow2"
    $PC -serial file:"$p.1.txt" -drive file="$p.qcow2",if=ide,format=qcow2 \
        -run-until icount:"$n" -snapshot save "$p" 2>"$p.err" || { cat "$p.err"; fail "$p: save"; }
    grep "saved snapshot '$p'" "$p.err"
    check_image "$p.qcow2"
    qemu-img snapshot -l "$p.qcow2" >"$p.list"
    awk -v p="$p" -v n="$n" '$2 == p && $NF == n { ok = 1 } END { exit !ok }' "$p.list" ||
        { cat "$p.list"; fail "$p: qemu-img snapshot -l does not list $p with ICOUNT $n"; }
    "$PCEMU_IMG" vmstate-extract "$p.qcow2" "$p" >"$p.vms" || fail "$p: extract"
    "$PCEMU_IMG" vmstate dump "$p.vms" >"$p.dump" || fail "$p: analyzer rejects pcemu's stream"
    if [ -f "$REFDESC" ]; then
        refdesc "$p.vms" "$REFDESC" "$p.qref.vms" || fail "$p: cannot put QEMU's descriptions in"
        "$PCEMU_IMG" vmstate dump "$p.qref.vms" >"$p.qdump" ||
            fail "$p: analyzer rejects pcemu's stream read with QEMU 7.2's descriptions"
        # QEMU's sample was taken after SeaBIOS identified the disk: from the boot sector
        # on, every shared section must have exactly QEMU's field set.
        if [ "$p" != post ] && [ -f "$p.qref.vms.kept" ]; then
            fail "$p: sections whose fields differ from QEMU's: $(cat "$p.qref.vms.kept")"
        fi
    else
        echo "note: $REFDESC not found, QEMU's descriptions not tried"
    fi

    # continuation in a new process
    $PC -serial file:"$p.2.txt" -drive file="$p.qcow2",if=ide,format=qcow2 -loadvm "$p" \
        -run-until icount:$((E - n)) -snapshot save end 2>"$p.err2" || { cat "$p.err2"; fail "$p: load and run"; }
    check_image "$p.qcow2"
    "$PCEMU_IMG" vmstate-extract "$p.qcow2" end >"$p.end.vms" || fail "$p: extract end"
    cmp ref.vms "$p.end.vms" || fail "$p: final state differs from the uninterrupted run"
    cat "$p.1.txt" "$p.2.txt" | cmp - ref.txt || fail "$p: serial output differs"
    qemu-img compare -q "$p.qcow2" ref.qcow2 || fail "$p: disk contents differ"
    # save, load, save
    $PC -serial null -drive file="$p.qcow2",if=ide,format=qcow2 -loadvm "$p" -S -snapshot save again \
        2>"$p.err3" || { cat "$p.err3"; fail "$p: load and save"; }
    "$PCEMU_IMG" vmstate-extract "$p.qcow2" again >"$p.again.vms" || fail "$p: extract again"
    cmp "$p.vms" "$p.again.vms" || fail "$p: save-load-save changed the VM state"
    check_image "$p.qcow2"
    echo "ok: $p at instruction $n ($(wc -c <"$p.vms") bytes of VM state)"
}

POST=1000000
BOOT=$(probe "GUEST boot sector")
if [ -z "$BOOT" ]; then
    E=$((POST + 2000000))
    reference
    point post "$POST"
    echo "the guest did not boot within 200M instructions (no disk controller?): only the POST point was checked"
    exit 77
fi
A=$(probe "GUEST int 15h e801")
B=$(probe "GUEST int 13h lba read")
PM=$(probe "GUEST iter 00000001")
[ -n "$A" ] && [ -n "$B" ] && [ -n "$PM" ] || fail "the guest booted but did not reach protected mode"
DISK=$(((A + B) / 2))
PMODE=$((PM + 50000))
E=$((PMODE + 2000000))
reference
grep -q "GUEST iter 00000001" ref.txt || fail "reference run: no guest round"
point post "$POST"
point bootsec "$BOOT"
point diskio "$DISK"
point pmode "$PMODE"
echo "boot-save-restore: 4 points, continuation and save-load-save exact"
