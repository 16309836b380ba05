#!/bin/sh
# block_mutate.sh: the mutation campaign against the qcow2 open, check and repair paths
# (tests/tools/qcow_mutate.py says what it does to each mutant and what must hold). Base
# images from qemu-img/qemu-io and from pcemu-img: v2 and v3, 512 B to 64 KiB clusters,
# refcount widths 1 to 64 bits, snapshots (with VM state), compressed clusters (zlib and
# zstd), extended L2 entries, an unknown header extension. pcemu-img and the read-only
# reader run under ASan/UBSan (o/asan, built by make check-scripts). Fixed seed, bounded:
# MUTANTS per base image (default 7; make fuzz runs more), SEED (default 1).
set -e
root=$(pwd)
AIMG=$root/o/asan/bin/pcemu-img
READER=$root/o/asan/tests/tools/qcow_read_all
for b in "$AIMG" "$READER"; do
    [ -x "$b" ] || { echo "FAIL: $b missing (make MODE=asan o/asan/bin/pcemu-img o/asan/tests/tools/qcow_read_all)"; exit 1; }
done
P=$PCEMU_IMG
W=$TMPDIR_TEST
[ -d /dev/shm ] && [ -w /dev/shm ] && W=$(mktemp -d /dev/shm/pcemu-mutate.XXXXXX) &&
    trap 'rm -rf "$W"' EXIT
cd "$W"
mkdir base work
q() {   # NAME SIZE OPTIONS: a qemu-img image with data in two places
    qemu-img create -q -f qcow2 -o "$3" base/$1.qcow2 $2
    qemu-io -c "write -P 0x11 0 3k" -c "write -P 0x22 40k 1k" base/$1.qcow2 > /dev/null
}
q v3-512 128k cluster_size=512
qemu-img snapshot -c s1 base/v3-512.qcow2
qemu-io -c "write -P 0x33 1k 1k" base/v3-512.qcow2 > /dev/null
q v2-4k 256k compat=0.10,cluster_size=4k
qemu-img snapshot -c s1 base/v2-4k.qcow2
q v3-64k 1M cluster_size=64k
q rc1 64k cluster_size=1k,refcount_bits=1
q rc8 64k cluster_size=1k,refcount_bits=8
q rc64 64k cluster_size=1k,refcount_bits=64
qemu-img snapshot -c s1 base/rc64.qcow2
q lazy 64k cluster_size=2k,lazy_refcounts=on
q extl2 256k cluster_size=16k,extended_l2=on
qemu-img convert -c -O qcow2 -o cluster_size=1k base/v3-512.qcow2 base/zlib.qcow2
qemu-img convert -c -O qcow2 -o cluster_size=1k,compression_type=zstd base/v3-512.qcow2 base/zstd.qcow2
# pcemu-img's own: a snapshot with VM state, data written after it
$P create -f qcow2 -o cluster_size=1k base/pcemu.qcow2 64k > /dev/null
head -c 3000 /dev/zero | tr '\0' 'a' > data
$P write base/pcemu.qcow2 0 data
head -c 5000 /dev/zero | tr '\0' 'v' > vm
$P vmstate-save base/pcemu.qcow2 s1 vm
$P write base/pcemu.qcow2 2048 data
$P snapshot -c s2 base/pcemu.qcow2
# an unknown header extension after the feature table
qemu-img create -q -f qcow2 -o cluster_size=512 base/ext.qcow2 32k
python3 - base/ext.qcow2 <<'PY'
import struct, sys
f = open(sys.argv[1], 'r+b')
d = f.read(512); off = 112
while struct.unpack('>I', d[off:off + 4])[0]:
    off += 8 + (struct.unpack('>I', d[off + 4:off + 8])[0] + 7 & ~7)
assert off + 24 <= 512
f.seek(off); f.write(struct.pack('>II', 0x0badcafe, 3) + b'abc' + bytes(5) + bytes(8))
PY
for f in base/*.qcow2; do qemu-img check -q "$f" || { echo "FAIL: base image $f not clean"; exit 1; }; done
python3 "$root/tests/tools/qcow_mutate.py" --seed "${SEED:-1}" --per-image "${MUTANTS:-7}" \
    --img "$AIMG" --reader "$READER" --work work base/*.qcow2
