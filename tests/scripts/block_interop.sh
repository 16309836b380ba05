#!/bin/sh
# block_interop.sh: images created and changed by pcemu-img (v2 and v3, cluster sizes
# 512 B .. 2 MiB, refcount widths, snapshots with and without VM state, COW, compressed
# zlib/zstd) are checked by the real qemu-img (no errors, no leaks), list the same
# snapshots, and read back identically through qemu-img convert -O raw, through libqcow
# and through an independent Python VM-state reader; reverts interoperate both ways.
set -e
ROOT=$(pwd)
P=$PCEMU_IMG
LQ="$TOOLS/qcow_libqcow_read"
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
# poke IMG OFF FILE: the same write into the image (pcemu-img) and into the expected raw
poke() { $P write "$1" "$2" "$3" || fail "write $1 $2"; dd if="$3" of="$1.expect" bs=1 seek="$2" conv=notrunc status=none; }
qcheck() {   # qemu-img check must be clean: exit 0, no leaks, no errors
    qemu-img check "$1" > check.out 2>&1 || { cat check.out; fail "qemu-img check $1 ($2)"; }
    grep -q "No errors were found on the image." check.out || { cat check.out; fail "check text $1"; }
    $P check "$1" > pcheck.out 2>&1 || { cat pcheck.out; fail "pcemu-img check $1 ($2)"; }
}
same_lists() {
    qemu-img snapshot -l "$1" > l.qemu; $P snapshot -l "$1" > l.pcemu
    cmp l.qemu l.pcemu || { diff l.qemu l.pcemu; fail "snapshot lists differ for $1"; }
}
same_data() {   # guest data of IMG equals FILE through qemu-img, pcemu-img and libqcow
    qemu-img convert -O raw "$1" q.raw && cmp q.raw "$2" || fail "qemu-img reads $1 differently ($3)"
    $P convert -O raw "$1" p.raw && cmp p.raw "$2" || fail "pcemu-img reads $1 differently ($3)"
    # libqcow 20201213 predates compression_type (zstd): it refuses such images
    [ "$4" = nolibqcow ] || { "$LQ" "$1" > l.raw && cmp l.raw "$2"; } || fail "libqcow reads $1 differently ($3)"
}
pat 1 300000 d1; pat 2 100000 d2; pat 3 70000 d3; pat 4 1500000 vm1; pat 5 5000 d5

for cfg in "" "compat=0.10" "cluster_size=512" "cluster_size=2M" "refcount_bits=64" \
           "compat=0.10,cluster_size=16k,refcount_bits=16"; do
    echo "== config '${cfg:-default}'"
    rm -f a.qcow2*
    $P create -q -f qcow2 ${cfg:+-o $cfg} a.qcow2 24M
    truncate -s 24M a.qcow2.expect
    poke a.qcow2 100000 d1
    qcheck a.qcow2 "after write"
    $P snapshot -c s1 a.qcow2; cp a.qcow2.expect s1.expect
    poke a.qcow2 150000 d2                   # copy-on-write of clusters shared with s1
    poke a.qcow2 23000000 d3                 # a new L2 range
    qcheck a.qcow2 "after COW"
    $P vmstate-save --clock 1972255607 --date 1700000000 a.qcow2 vm1 vm1
    qcheck a.qcow2 "after vmstate-save"
    $P vmstate-extract a.qcow2 vm1 | cmp - vm1 || fail "pcemu reads back other VM state"
    $VMR a.qcow2 vm1 | cmp - vm1 || fail "independent reader sees other VM state"
    cp a.qcow2.expect vm1.expect
    poke a.qcow2 5000 d5
    $P snapshot -c s2 a.qcow2; cp a.qcow2.expect s2.expect
    qcheck a.qcow2 "after second snapshot"
    same_lists a.qcow2
    same_data a.qcow2 a.qcow2.expect "active"
    # revert interop: pcemu-img and qemu-img revert to the same snapshots alike
    cp a.qcow2 b.qcow2
    $P snapshot -a s1 a.qcow2; qemu-img snapshot -a s1 b.qcow2
    qcheck a.qcow2 "pcemu revert"; qcheck b.qcow2 "qemu revert"
    same_data a.qcow2 s1.expect "pcemu revert to s1"
    same_data b.qcow2 s1.expect "qemu revert to s1"
    # a snapshot qemu-img creates on a pcemu image, reverted by pcemu-img
    qemu-img snapshot -c q1 a.qcow2; cp s1.expect q1.expect
    cp s1.expect a.qcow2.expect; poke a.qcow2 200000 d3
    $P snapshot -a q1 a.qcow2
    same_data a.qcow2 q1.expect "pcemu revert to qemu's q1"
    $P snapshot -a vm1 a.qcow2
    same_data a.qcow2 vm1.expect "pcemu revert to vm1"
    # delete, then everything must still be clean and the rest intact
    $P snapshot -d s1 a.qcow2
    $P snapshot -d q1 a.qcow2
    qcheck a.qcow2 "after deletes"
    same_lists a.qcow2
    [ "$($LQ -n a.qcow2)" = 2 ] || fail "libqcow sees $($LQ -n a.qcow2) snapshots, not 2"
    $P vmstate-extract a.qcow2 vm1 | cmp - vm1 || fail "vm1 VM state lost after deletes"
    $P snapshot -a s2 a.qcow2
    same_data a.qcow2 s2.expect "revert to s2 after deletes"
    $P snapshot -d vm1 a.qcow2; $P snapshot -d s2 a.qcow2
    qcheck a.qcow2 "all snapshots deleted"
done

echo "== compressed convert (zlib, zstd) and qcow2 -> qcow2 options"
truncate -s 24M src.raw
dd if=d1 of=src.raw bs=1 seek=65536 conv=notrunc status=none
dd if=/dev/zero bs=65536 count=8 status=none | tr '\0' 'A' | dd of=src.raw bs=65536 seek=40 conv=notrunc status=none
for o in "" "compression_type=zstd" "compat=0.10" "cluster_size=4k" "cluster_size=512"; do
    rm -f c.qcow2
    $P convert -c -O qcow2 ${o:+-o $o} src.raw c.qcow2
    qcheck c.qcow2 "convert -c $o"
    lq=; [ "$o" = compression_type=zstd ] && lq=nolibqcow
    same_data c.qcow2 src.raw "convert -c $o" $lq
    qemu-img check c.qcow2 | grep -q "compressed clusters" || fail "no compressed clusters ($o)"
    [ "$(stat -c %s c.qcow2)" -lt 1000000 ] || fail "compressed image too large ($o)"
    # overwrite part of a compressed cluster: copy-on-write out of the compressed cluster
    cp src.raw c.qcow2.expect
    poke c.qcow2 70000 d5
    qcheck c.qcow2 "write into compressed ($o)"
    same_data c.qcow2 c.qcow2.expect "write into compressed ($o)" $lq
done
$P convert -O qcow2 -o compat=0.10,cluster_size=2M src.raw d.qcow2
qcheck d.qcow2 "convert v2 2M"
same_data d.qcow2 src.raw "convert v2 2M"
qemu-img info d.qcow2 | grep -q "compat: 0.10" || fail "convert -o compat=0.10 ignored"
$P convert -O qcow2 d.qcow2 e.qcow2 && same_data e.qcow2 src.raw "qcow2 -> qcow2"
echo "block_interop: all passed"
