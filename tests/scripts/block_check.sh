#!/bin/sh
# block_check.sh: pcemu-img check prints what qemu-img check prints (stdout and stderr) and
# exits with the same status, on clean images, leaks, refcounts too low, wrong COPIED
# flags, incomplete snapshot entries and an L1 entry with offset 0; -r leaks / -r all repair as qemu-img does, and the
# repaired image is clean for qemu-img too; unknown header extensions and compatible bits
# survive pcemu's writes, autoclear bits are cleared (after a repair only "Image end offset" may
# differ: pcemu writes the new refcount structure at the end of the file). Also pcemu-img info against qemu-img info.
set -e
P=$PCEMU_IMG
# work on tmpfs when there is one: the driver flushes at every ordering point, and the
# crash tests kill the process (page-cache order is what matters), not the machine
W=$TMPDIR_TEST
[ -d /dev/shm ] && [ -w /dev/shm ] && W=$(mktemp -d /dev/shm/pcemu-block.XXXXXX) &&
    trap 'rm -rf "$W"' EXIT
cd "$W"
export TZ=UTC
fail() { echo "FAIL: $*"; exit 1; }
# poke IMG what: damage metadata of a 64 KiB-cluster image with one data cluster
poke() {
python3 - "$1" "$2" <<'PY'
import struct, sys
path, what = sys.argv[1], sys.argv[2]
f = open(path, 'r+b')
def rd(o, n): f.seek(o); return f.read(n)
def wr(o, b): f.seek(o); f.write(b)
rt, = struct.unpack('>Q', rd(48, 8)); rb, = struct.unpack('>Q', rd(rt, 8))
l1, = struct.unpack('>Q', rd(40, 8)); l1e, = struct.unpack('>Q', rd(l1, 8))
l2 = l1e & 0x00fffffffffffe00; d, = struct.unpack('>Q', rd(l2, 8)); d &= 0x00fffffffffffe00
def setrc(off, v): wr(rb + 2 * (off >> 16), struct.pack('>H', v))
if what == 'leak': setrc(d, 2)
if what == 'low': setrc(d, 0)
if what == 'copied': wr(l1, struct.pack('>Q', l1e & ~(1 << 63)))
if what == 'l1zero': wr(l1, struct.pack('>Q', 1 << 63))   # COPIED, offset 0
if what == 'eof':      # second L2 entry: a data cluster at the end of the file
    f.seek(0, 2); wr(l2 + 8, struct.pack('>Q', (1 << 63) | f.tell()))
if what == 'dirty':
    inc, = struct.unpack('>Q', rd(72, 8)); wr(72, struct.pack('>Q', inc | 1))
if what == 'extra':
    so, = struct.unpack('>Q', rd(64, 8)); wr(so + 36, struct.pack('>I', 0))
PY
}
same_check() {   # IMG [OPTS]: identical output and status, on copies
    cp "$1" q.qcow2; cp "$1" p.qcow2
    set +e
    qemu-img check $2 q.qcow2 > q.out 2> q.err; qs=$?
    $P check $2 p.qcow2 > p.out 2> p.err; ps=$?
    set -e
    sed -i 's/q\.qcow2/X/g; s/^qemu-img:/TOOL:/' q.out q.err
    sed -i 's/p\.qcow2/X/g; s/^pcemu-img:/TOOL:/' p.out p.err
    # a pcemu repair writes new refcount structures at the end of the file (one atomic
    # commit) where QEMU rewrites them in place: only the end offset may differ then
    [ -z "$2" ] || sed -i '/^Image end offset/d' q.out p.out
    # -r all rebuilds refcounts in QEMU (with its own progress lines): compare the result
    if [ "$2" = "-r all" ]; then
        sed -i '1,/^Double checking/d' q.out p.out; : > q.err; : > p.err
    fi
    cmp q.out p.out || { diff q.out p.out; fail "check $2 stdout differs on $3"; }
    cmp q.err p.err || { diff q.err p.err; fail "check $2 stderr differs on $3"; }
    [ $qs = $ps ] || fail "check $2 status $ps, qemu-img $qs ($3)"
    [ -z "$2" ] || { qemu-img check p.qcow2 > /dev/null 2>&1 && [ "$4" = clean ]; } ||
        [ "$4" != clean ] || fail "not clean after pcemu-img check $2 ($3)"
    echo "$3 $2: status $ps"
}
qemu-img create -q -f qcow2 base.qcow2 16M
qemu-io -c "write -P 1 0 64k" -c "write -P 2 1M 64k" base.qcow2 > /dev/null
same_check base.qcow2 "" clean
for what in leak low copied; do
    cp base.qcow2 $what.qcow2; poke $what.qcow2 $what
    same_check $what.qcow2 "" $what
    same_check $what.qcow2 "-r leaks" $what
    same_check $what.qcow2 "-r all" $what clean
done
# an L1 entry with only COPIED set (offset 0): QEMU counts it and reads the header cluster as
# its L2 table; -r leaks repairs the leaks and leaves the errors
cp base.qcow2 l1zero.qcow2; poke l1zero.qcow2 l1zero
same_check l1zero.qcow2 "" "L1 entry COPIED, offset 0"
cp l1zero.qcow2 q.qcow2; cp l1zero.qcow2 p.qcow2
set +e; qemu-img check -r leaks q.qcow2 > /dev/null 2>&1; qs=$?
$P check -r leaks p.qcow2 > /dev/null 2>&1; ps=$?; set -e
[ $qs = 2 ] && [ $ps = 2 ] || fail "check -r leaks of L1 entry offset 0: status $ps, qemu-img $qs"
# a dirty image whose repair cannot succeed (an L2 entry past the end of the file): a
# read-write open is refused, says why and leaves every byte as it was
cp base.qcow2 dirty.qcow2; poke dirty.qcow2 eof; poke dirty.qcow2 dirty; cp dirty.qcow2 dirty.before
$P snapshot -c t dirty.qcow2 2> dirty.err && fail "snapshot of an unrepairable dirty image"
grep -q "could not repair dirty image (left unchanged): counting reference for region" dirty.err ||
    fail "refusal does not say why: $(cat dirty.err)"
cmp dirty.qcow2 dirty.before || fail "a refused dirty-image repair changed the image"
$PCEMU -drive file=dirty.qcow2,format=qcow2 -S -display none 2> dirty.err &&
    fail "pcemu ran on an unrepairable dirty image"
grep -q "could not repair dirty image (left unchanged)" dirty.err || fail "pcemu: $(cat dirty.err)"
cmp dirty.qcow2 dirty.before || fail "pcemu's refused dirty-image repair changed the image"
same_check dirty.qcow2 "" "dirty, L2 entry past the end"
# a dirty image with a leak is repaired on open
cp base.qcow2 dleak.qcow2; poke dleak.qcow2 leak; poke dleak.qcow2 dirty
$P snapshot -c t dleak.qcow2 || fail "snapshot of a repairable dirty image"
qemu-img check -q dleak.qcow2 || fail "repaired dirty image not clean"
cp base.qcow2 extra.qcow2; qemu-img snapshot -c s extra.qcow2; poke extra.qcow2 extra
same_check extra.qcow2 "" "incomplete snapshot entry"
# leaks left by a crashed pcemu snapshot
cp base.qcow2 crash.qcow2
head -c 300000 /dev/zero | tr '\0' 'v' > vm
"$TOOLS/blk_crash" 4 crash.qcow2 vmstate-save s vm || true
same_check crash.qcow2 "" "crash leaks"
same_check crash.qcow2 "-r leaks" "crash leaks" clean
# info, on several kinds of image
qemu-img snapshot -c s1 base.qcow2
qemu-img create -q -f qcow2 -o compat=0.10,cluster_size=4k v2.qcow2 3M
qemu-img create -q -f qcow2 -o extended_l2=on,compression_type=zstd x.qcow2 1G
qemu-img create -q -f raw r.raw 5M
for f in base.qcow2 v2.qcow2 x.qcow2 r.raw; do
    qemu-img info $f > qi.out; $P info $f > pi.out
    cmp qi.out pi.out || { diff qi.out pi.out; fail "info differs on $f"; }
done
# unknown header extension, unknown compatible bit and an autoclear bit, added by hand to
# a qemu-img image: pcemu keeps the extension and the compatible bit byte for byte through
# writes, snapshots and deletes, and clears the autoclear bits before its first write
qemu-img create -q -f qcow2 ext.qcow2 16M
python3 - ext.qcow2 <<'PY'
import struct, sys
f = open(sys.argv[1], 'r+b')
f.seek(0x1f8); assert f.read(8) == bytes(8)          # end of extensions after the feature table
f.seek(0x1f8); f.write(struct.pack('>II', 0x0badcafe, 5) + b'hello' + bytes(3) + bytes(8))
f.seek(80); f.write(struct.pack('>QQ', 1 << 7, 1 << 9))   # compatible bit 7, autoclear bit 9
PY
dd if=ext.qcow2 bs=1 skip=504 count=16 status=none > ext.before
$P write ext.qcow2 0 /etc/hostname
$P snapshot -c e1 ext.qcow2; $P snapshot -c e2 ext.qcow2; $P snapshot -d e1 ext.qcow2
dd if=ext.qcow2 bs=1 skip=504 count=16 status=none | cmp - ext.before || fail "unknown extension lost"
[ "$(od -An -tx1 -j80 -N16 ext.qcow2 | tr -d ' \n')" = 00000000000000800000000000000000 ] ||
    fail "compatible bit lost or autoclear bit kept: $(od -An -tx1 -j80 -N16 ext.qcow2)"
qemu-img check -q ext.qcow2 || fail "image with an unknown extension not clean"
echo "block_check: all passed"
