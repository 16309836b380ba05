#!/bin/sh
# block_qemu_images.sh: images made by QEMU read correctly through pcemu: qemu-img-created
# v2, v3, zlib and zstd compressed, extended L2, 512 B and 2 MiB clusters, refcount widths,
# with snapshots from qemu-img snapshot -c, a dirty image left by an aborted QEMU: guest data identical to qemu-img convert -O raw,
# snapshot tables identical; a real qemu-system-i386 `savevm` (HMP over stdio): pcemu's
# VM-state bytes identical to the independent reader's; the VM state pcemu writes is
# loaded by QEMU's `loadvm` (and junk written the same way is refused by it).
set -e
ROOT=$(pwd)
P=$PCEMU_IMG
VMR="python3 $ROOT/tests/tools/qcow_vmstate.py"
# work on tmpfs when there is one: the driver flushes at every ordering point, and the
# crash tests kill the process (page-cache order is what matters), not the machine
W=$TMPDIR_TEST
[ -d /dev/shm ] && [ -w /dev/shm ] && W=$(mktemp -d /dev/shm/pcemu-block.XXXXXX) &&
    trap 'rm -rf "$W"' EXIT
cd "$W"
export TZ=UTC
fail() { echo "FAIL: $*"; exit 1; }
pat() { python3 -c "import random,sys; r=random.Random($1); sys.stdout.buffer.write(r.randbytes($2))" > "$3"; }
pat 7 200000 d7
compare() {    # IMG: same guest data and snapshot list through qemu-img and pcemu-img
    qemu-img convert -O raw "$1" q.raw
    $P convert -O raw "$1" p.raw
    cmp q.raw p.raw || fail "guest data of $1 differs ($2)"
    qemu-img snapshot -l "$1" > l.qemu; $P snapshot -l "$1" > l.pcemu
    cmp l.qemu l.pcemu || { diff l.qemu l.pcemu; fail "snapshot list of $1 differs ($2)"; }
}
for o in compat=0.10 compat=1.1 cluster_size=512 cluster_size=2M extended_l2=on \
         extended_l2=on,cluster_size=2M refcount_bits=1 refcount_bits=2 refcount_bits=32; do
    rm -f q.qcow2
    qemu-img create -q -f qcow2 -o $o q.qcow2 16M
    qemu-io -c "write -P 0x5a 4096 200k" -c "write -P 0x11 9M 3k" q.qcow2 > /dev/null
    case $o in refcount_bits=1) ;; *) qemu-img snapshot -c first q.qcow2 ;; esac
    qemu-io -c "write -P 0x77 100k 64k" -c "write -z 9M 4k" -c "discard 4096 4096" q.qcow2 > /dev/null
    case $o in refcount_bits=1|extended_l2*) ;; *) qemu-img snapshot -c second q.qcow2 ;; esac
    compare q.qcow2 "$o"
    case $o in extended_l2*|refcount_bits=1) continue ;; esac
    if [ $o = refcount_bits=2 ]; then   # a third reference overflows 2 bits: both refuse
        cp q.qcow2 r.qcow2
        ! $P snapshot -a first r.qcow2 2> ovf.err || fail "revert past refcount 3 accepted"
        grep -q overflow ovf.err || fail "no overflow message: $(cat ovf.err)"
        cmp q.qcow2 r.qcow2 || fail "failed revert changed the image"
        continue
    fi
    # pcemu reverts qemu's snapshot as qemu does
    cp q.qcow2 r.qcow2
    qemu-img snapshot -a first q.qcow2; $P snapshot -a first r.qcow2
    qemu-img check -q r.qcow2 || fail "check after pcemu revert ($o)"
    compare q.qcow2 "$o reverted"; qemu-img convert -O raw r.qcow2 r.raw; cmp r.raw q.raw || fail "revert differs ($o)"
done
# a hole between two clusters that are adjacent in the file: the read keeps each
# chunk at its guest place (a read once merged the two data clusters across the hole)
for cs in 512 4096 65536; do
    rm -f h.qcow2
    qemu-img create -q -f qcow2 -o cluster_size=$cs h.qcow2 1M
    qemu-io -c "write -P 0xaa 0 $cs" -c "write -P 0xbb $((2 * cs)) $cs" h.qcow2 > /dev/null
    qemu-img convert -O raw h.qcow2 q.raw
    $P read h.qcow2 0 $((3 * cs)) | cmp - q.raw -n $((3 * cs)) || fail "hole between adjacent clusters ($cs)"
    $P convert -O qcow2 -o cluster_size=65536 h.qcow2 h2.qcow2
    qemu-img compare -q h.qcow2 h2.qcow2 || fail "convert across a hole ($cs)"
done
# compressed images from qemu-img convert -c
truncate -s 8M src.raw
dd if=d7 of=src.raw bs=1 seek=12345 conv=notrunc status=none
for ct in zlib zstd; do
    for cs in 512 65536 2M; do
        qemu-img convert -c -O qcow2 -o compression_type=$ct,cluster_size=$cs src.raw c.qcow2
        $P convert -O raw c.qcow2 p.raw; cmp p.raw src.raw || fail "compressed $ct $cs read"
        $P read c.qcow2 12345 200000 | cmp - d7 || fail "compressed $ct $cs partial read"
    done
done
# reverting across a resize done by qemu-img: the disk size and L1 follow the snapshot
$P create -q -f qcow2 rs.qcow2 16M
$P write rs.qcow2 1000 d7
$P snapshot -c small rs.qcow2
qemu-img resize -q rs.qcow2 600M
qemu-io -c "write -P 3 590M 64k" rs.qcow2 > /dev/null
qemu-img snapshot -c big rs.qcow2
$P snapshot -a small rs.qcow2
qemu-img info rs.qcow2 | grep -q "virtual size: 16 MiB" || fail "revert did not restore 16 MiB"
qemu-img check -q rs.qcow2 || fail "check after shrinking revert"
$P read rs.qcow2 1000 200000 | cmp - d7 || fail "data after shrinking revert"
$P snapshot -a big rs.qcow2
qemu-img info rs.qcow2 | grep -q "virtual size: 600 MiB" || fail "revert did not restore 600 MiB"
qemu-img check -q rs.qcow2 || fail "check after growing revert"
[ "$($P read rs.qcow2 590M 4 | od -An -tx1 | tr -d ' ')" = 03030303 ] || fail "data after growing revert"
# a dirty image: QEMU with lazy refcounts aborted after writing (refcounts stale, dirty
# bit set, qemu-img check reports errors); pcemu's read-write open rebuilds the refcounts
qemu-img create -q -f qcow2 -o lazy_refcounts=on lz.qcow2 16M
qemu-io -c "write -P 1 0 1M" -c abort lz.qcow2 > /dev/null 2>&1 && fail "qemu-io abort returned 0"
[ "$(od -An -tx1 -j79 -N1 lz.qcow2 | tr -d ' ')" = 01 ] || fail "QEMU left no dirty bit"
qemu-img check lz.qcow2 > /dev/null 2>&1 && fail "stale lazy refcounts not reported"
$P write lz.qcow2 2000000 d7
[ "$(od -An -tx1 -j79 -N1 lz.qcow2 | tr -d ' ')" = 00 ] || fail "dirty bit not cleared"
qemu-img check -q lz.qcow2 || fail "dirty image not repaired by pcemu"
truncate -s 16M lz.expect
dd if=/dev/zero bs=1M count=1 status=none | tr '\0' '\1' | dd of=lz.expect conv=notrunc status=none
dd if=d7 of=lz.expect bs=1 seek=2000000 conv=notrunc status=none
qemu-img convert -O raw lz.qcow2 lz.raw; cmp lz.raw lz.expect || fail "data of the repaired image"
# a real savevm by qemu-system-i386
qemu-img create -q -f qcow2 sv.qcow2 64M
qemu-io -c "write -P 0x42 0 1M" sv.qcow2 > /dev/null
QEMU="qemu-system-i386 -display none -nodefaults -M pc-i440fx-7.2 -m 32 -S -monitor stdio"
printf 'cont\nsavevm s1\nsavevm s2\nquit\n' | timeout 120 $QEMU -drive file=sv.qcow2,if=ide,format=qcow2 > qemu.out 2>&1 ||
    { cat qemu.out; fail "qemu-system-i386 savevm"; }
qemu-img check -q sv.qcow2 || fail "QEMU's own image not clean"
compare sv.qcow2 "savevm"
for s in s1 s2; do
    $P vmstate-extract sv.qcow2 $s > $s.pcemu
    $VMR sv.qcow2 $s > $s.indep
    [ -s $s.pcemu ] || fail "empty VM state $s"
    cmp $s.pcemu $s.indep || fail "VM state $s differs from the independent reader's"
    [ "$(head -c 4 $s.pcemu)" = QEVM ] || fail "VM state $s does not start with QEVM"
done
# QEMU loadvm finds VM state where pcemu puts it (and rejects junk put there)
$P create -q -f qcow2 pl.qcow2 64M
$P vmstate-save --clock 10000000 pl.qcow2 mine s1.pcemu
pat 9 3000 junk; $P vmstate-save pl.qcow2 junk junk
qemu-img check -q pl.qcow2 || fail "pcemu vmstate-save image not clean"
printf 'loadvm mine\ninfo status\nquit\n' | timeout 120 $QEMU -drive file=pl.qcow2,if=ide,format=qcow2 > load.out 2>&1
grep -a -q "Error" load.out && { cat load.out; fail "QEMU could not load pcemu's VM state"; }
grep -a -q "VM status: paused" load.out || { cat load.out; fail "no status after loadvm"; }
printf 'loadvm junk\nquit\n' | timeout 120 $QEMU -drive file=pl.qcow2,if=ide,format=qcow2 > junk.out 2>&1
grep -a -q "while loading VM state" junk.out || { cat junk.out; fail "QEMU accepted junk: did it read our bytes?"; }
qemu-img check -q pl.qcow2 || fail "image not clean after QEMU loadvm"
echo "block_qemu_images: all passed"
