#!/bin/sh
# snapshot_many.sh: QEMU's plain -snapshot (block/overlay.c) with -loadvm: many machines
# from one snapshot of one image, which stays unchanged. The guest is guest-disk.qcow2
# (images/guest.asm with DISK_WRITE): each round it reads back the sectors the previous
# round wrote (across a 64 KiB cluster mark), prints their sum with ok or BAD, and writes
# new ones.
#   1. Snapshot s1 at round 2, then s2 at round 4 (so the image's active disk holds round
#      4's sectors, not s1's).
#   2. Eight pcemu processes at once (-snapshot, one with -drive ...,snapshot=on instead)
#      -loadvm s1 and run to round 8: each one's serial output is byte for byte that of an
#      ordinary -loadvm s1 on a copy of the image (which writes that copy), every disk
#      line is ok (they read s1's sectors, then their own); the image is byte for byte as
#      before and qemu-img check is clean.
#   3. While a -snapshot -loadvm pcemu runs: qemu-img info works, qemu-img snapshot -c, a
#      QEMU without -snapshot and a pcemu without it are refused (the write lock); in its
#      monitor savevm and delvm are refused in one line, loadvm s2 works.
#   4. QEMU 7.2 itself cannot -loadvm under -snapshot (its overlay has no snapshots).
#   5. A corrupt or truncated image gets a clear one-line error and stays as it was;
#      -snapshot on a raw copy boots, writes, and leaves the file unchanged.
#   6. query-block under -snapshot, qcow2 and raw, equals QEMU's (a temporary qcow2 over
#      the image: drv qcow2, backing file, json: filename) but for node names, the
#      temporary file's name and actual sizes.
set -u
ROOT=$(pwd)
IMG=$ROOT/$O/images/guest-disk.qcow2
[ -f "$IMG" ] || { echo "no $IMG (make images)"; exit 1; }
command -v qemu-img >/dev/null || { echo "qemu-img missing"; exit 77; }
command -v qemu-system-i386 >/dev/null || { echo "qemu-system-i386 missing"; exit 77; }
cd "$TMPDIR_TEST" || exit 1
export TMPDIR="$TMPDIR_TEST"      # the overlays' temporary files, removed with the directory
PC="$PCEMU -m 32 -nodefaults -display none -rtc base=2020-01-01"
fail() { echo "FAIL: $*"; exit 1; }
clean() { qemu-img check "$1" >chk.txt 2>&1 && grep -q "No errors were found" chk.txt ||
              { cat chk.txt; fail "qemu-img check $1"; }; }

# ---- 1. two snapshots ----
cp "$IMG" g.qcow2
$PC -drive file=g.qcow2,format=qcow2 -serial file:s1.txt -run-until 'serial:GUEST iter 00000002' \
    -snapshot save s1 2>err.txt || { cat err.txt; fail "save s1"; }
$PC -drive file=g.qcow2,format=qcow2 -serial file:s2.txt -loadvm s1 \
    -run-until 'serial:GUEST iter 00000004' -snapshot save s2 2>err.txt || { cat err.txt; fail "save s2"; }
cp g.qcow2 ref.qcow2
sha256sum g.qcow2 >sum.txt
clean g.qcow2

# ---- 2. eight at once, against one ordinary continuation ----
UNTIL='serial:GUEST iter 00000008'
$PC -drive file=ref.qcow2,format=qcow2 -serial file:ref.txt -loadvm s1 -run-until "$UNTIL" \
    2>err.txt || { cat err.txt; fail "ordinary -loadvm s1"; }
cmp -s ref.qcow2 g.qcow2 && fail "the ordinary run did not write its disk"
[ "$(grep -c '^GUEST disk [0-9a-f]* ok' ref.txt)" = 6 ] || { cat ref.txt; fail "reference disk lines"; }
grep -q BAD ref.txt && { cat ref.txt; fail "the reference run saw BAD"; }
pids=""
for i in 1 2 3 4 5 6 7 8; do
    if [ $i = 8 ]; then
        $PC -drive file=g.qcow2,format=qcow2,snapshot=on -serial file:run$i.txt -loadvm s1 \
            -run-until "$UNTIL" 2>err$i.txt &
    else
        $PC -snapshot -drive file=g.qcow2,format=qcow2 -serial file:run$i.txt -loadvm s1 \
            -run-until "$UNTIL" 2>err$i.txt &
    fi
    pids="$pids $!"
done
i=0
for p in $pids; do
    i=$((i + 1))
    wait "$p" || { cat err$i.txt; fail "machine $i: exit status"; }
    [ -s err$i.txt ] && { cat err$i.txt; fail "machine $i wrote to stderr"; }
    cmp -s ref.txt run$i.txt || { diff ref.txt run$i.txt | head; fail "machine $i: serial output differs"; }
done
echo "eight machines from s1: $(wc -l <ref.txt) lines each, equal to the ordinary run's"
sha256sum -c sum.txt >/dev/null || fail "the image changed"
clean g.qcow2
echo "the image is unchanged and clean"

# ---- 3. the locks and the monitor while one runs ----
rm -f in
mkfifo in
$PC -snapshot -drive file=g.qcow2,format=qcow2 -serial null -loadvm s1 -S -monitor stdio \
    <in >mon.raw 2>mon.err &
pid=$!
exec 3>in
for _ in $(seq 3000); do grep -q '(qemu)' mon.raw && break; kill -0 $pid 2>/dev/null || break; sleep 0.1; done
grep -q '(qemu)' mon.raw || { exec 3>&-; cat mon.raw mon.err; fail "no monitor prompt"; }
qemu-img info g.qcow2 >info.txt 2>&1 || { cat info.txt; fail "qemu-img info while pcemu runs"; }
grep -q "file format: qcow2" info.txt || fail "qemu-img info output"
qemu-img snapshot -c x g.qcow2 >w.txt 2>&1 && fail "qemu-img snapshot -c was let in"
grep -q 'Failed to get "write" lock' w.txt || { cat w.txt; fail "qemu-img snapshot -c: message"; }
timeout 120 qemu-system-i386 -M pc -m 32 -nodefaults -display none -S -monitor none \
    -drive file=g.qcow2,format=qcow2 >q.txt 2>&1 && fail "a QEMU writer was let in"
grep -q 'Failed to get "write" lock' q.txt || { cat q.txt; fail "QEMU writer: message"; }
$PC -drive file=g.qcow2,format=qcow2 -S -run-until halt >p.txt 2>&1 && fail "a pcemu writer was let in"
grep -q 'lock' p.txt || { cat p.txt; fail "pcemu writer: message"; }
echo "while pcemu -snapshot runs: qemu-img info works; $(head -n 1 w.txt)"
printf '%s\n' 'savevm x' 'delvm s1' 'loadvm s2' 'info status' 'quit' >&3
exec 3>&-
wait $pid || { cat mon.raw mon.err; fail "the monitor run's exit status"; }
tr -d '\r' <mon.raw >mon.txt
cat mon.txt
n=$(grep -c "g.qcow2' is opened with -snapshot: its snapshots can be loaded but not created or deleted" mon.txt)
[ "$n" = 2 ] || fail "savevm and delvm under -snapshot: $n refusals"
[ "$(grep -c 'Error:' mon.txt)" = 2 ] || fail "loadvm s2 failed (only savevm and delvm may)"
sha256sum -c sum.txt >/dev/null || fail "the image changed in the monitor run"

# ---- 4. QEMU cannot do it ----
timeout 120 qemu-system-i386 -M pc -m 32 -nodefaults -display none -S -monitor none -snapshot \
    -drive file=g.qcow2,format=qcow2 -loadvm s1 >q.txt 2>&1 && fail "QEMU loaded s1 under -snapshot"
echo "QEMU 7.2: $(cat q.txt)"

# ---- 5. hostile images, raw ----
cp g.qcow2 bad.qcow2
printf '\377\377\377\377\377\377\377\000' | dd of=bad.qcow2 bs=1 seek=40 conv=notrunc status=none
sha256sum bad.qcow2 >badsum.txt
$PC -snapshot -drive file=bad.qcow2,format=qcow2 -loadvm s1 -run-until "$UNTIL" >b.txt 2>&1 &&
    fail "a bad L1 offset was accepted"
[ "$(wc -l <b.txt)" = 1 ] && grep -q "qcow2" b.txt || { cat b.txt; fail "bad L1 offset: message"; }
sha256sum -c badsum.txt >/dev/null || fail "the bad image changed"
echo "bad L1 offset: $(cat b.txt)"
head -c 300000 g.qcow2 >cut.qcow2
$PC -snapshot -drive file=cut.qcow2,format=qcow2 -loadvm s1 -run-until "$UNTIL" >b.txt 2>&1 &&
    fail "a truncated image was accepted"
[ "$(wc -l <b.txt)" = 1 ] || { cat b.txt; fail "truncated image: message"; }
[ "$(wc -c <cut.qcow2)" = 300000 ] || fail "the truncated image changed"
echo "truncated image: $(cat b.txt)"
qemu-img convert -f qcow2 -O raw "$IMG" g.raw
sha256sum g.raw >rawsum.txt
$PC -snapshot -drive file=g.raw,format=raw -serial file:raw.txt -run-until 'serial:GUEST iter 00000004' \
    2>err.txt || { cat err.txt; fail "-snapshot on raw"; }
[ "$(grep -c '^GUEST disk [0-9a-f]* ok' raw.txt)" = 4 ] || { cat raw.txt; fail "raw: disk lines"; }
sha256sum -c rawsum.txt >/dev/null || fail "the raw image changed"
echo "raw: the guest wrote and read its disk, the file is unchanged"

# ---- 6. query-block under -snapshot ----
cat >qb.py <<'PY'
import json, re, subprocess, sys
def query(argv):
    req = "".join(json.dumps({"execute": c}) + "\n" for c in ("qmp_capabilities", "query-block", "quit"))
    out = subprocess.run(argv + ["-M", "pc-i440fx-7.2,acpi=off,hpet=off,vmport=off", "-cpu",
                         "pentium2,-mmx,-apic,-pae,-mce,-mca,-vme,-de,-fxsr,-pse36,-hypervisor",
                         "-m", "32", "-nodefaults", "-display", "none", "-S", "-snapshot", "-drive",
                         "file=g.qcow2,format=qcow2,if=ide,index=0", "-drive",
                         "file=g.raw,format=raw,if=ide,index=1", "-qmp", "stdio"],
                         input=req.encode(), stdout=subprocess.PIPE, timeout=120).stdout
    r = [json.loads(l) for l in out.decode().splitlines() if l.strip()][2]["return"]
    for d in r:
        d.pop("qdev")
        ins = d["inserted"]
        ins.pop("node-name")
        ins["image"].pop("actual-size")
        ins["image"]["backing-image"].pop("actual-size")
        for v in (ins, ins["image"]):
            k = "file" if v is ins else "filename"
            v[k] = re.sub(r'"filename": "/[^"]*"', '"filename": "TEMP"', v[k])
    return r
q, p = query(["qemu-system-i386"]), query([sys.argv[1]])
if q != p:
    print("QEMU: ", json.dumps(q, indent=1, sort_keys=True))
    print("pcemu:", json.dumps(p, indent=1, sort_keys=True))
    sys.exit(1)
print("query-block under -snapshot equals QEMU's: %s" % ", ".join(
    "%s %s over %s" % (d["device"], d["inserted"]["drv"], d["inserted"]["backing_file"]) for d in q))
PY
python3 qb.py "$PCEMU" || fail "query-block under -snapshot differs from QEMU's"
echo "snapshot_many: all good"
