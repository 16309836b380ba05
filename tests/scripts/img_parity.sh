#!/bin/sh
# img_parity.sh: pcemu-img against qemu-img 7.2, side by side on the same images: stdout,
# stderr (program name replaced) and exit status must be equal for info/check
# --output=json, check -q, map (human and JSON), compare (-s), measure, resize, amend,
# -U while another process holds the write lock, convert -p's progress lines, the image
# end offset after check -r leaks, create without a size. Images: hand-made cases plus
# random ones written by qemu-io from fixed seeds (cluster sizes 512 B..2 MiB, v2 and v3,
# raw, zero clusters, discards, compressed clusters, snapshots). Unsupported features
# must say "pcemu-img does not support".
set -e
[ -n "$IMG_PARITY_TRACE" ] && set -x
P=$PCEMU_IMG
cd "$TMPDIR_TEST"
export TZ=UTC
command -v qemu-img >/dev/null && command -v qemu-io >/dev/null ||
    { echo "qemu-img/qemu-io missing"; exit 77; }
fail() { echo "FAIL: $*"; exit 1; }
n=0
# same ARGS...: both tools, same files; outputs compared with the tool name masked
same() {
    set +e
    qemu-img "$@" > q.out 2> q.err; qs=$?
    "$P" "$@" > p.out 2> p.err; ps=$?
    set -e
    sed -i 's/^qemu-img: /TOOL: /' q.err
    sed -i 's/^pcemu-img: /TOOL: /' p.err
    cmp -s q.out p.out || { diff q.out p.out | head -20; fail "stdout of '$*'"; }
    cmp -s q.err p.err || { diff q.err p.err | head -20; fail "stderr of '$*'"; }
    [ $qs = $ps ] || fail "status of '$*': qemu-img $qs, pcemu-img $ps"
    n=$((n + 1))
}
# same_mod SRC ARGS...: on two copies of SRC (IMG in ARGS names the copy); then the two
# results must be the same disk (qemu-img compare -s on contents and size) and clean
same_mod() {
    src=$1; shift
    cp "$src" q.img; cp "$src" p.img
    a=""; b=""
    set +e
    qemu-img $(echo "$@" | sed 's/IMG/q.img/g') > q.out 2> q.err; qs=$?
    "$P" $(echo "$@" | sed 's/IMG/p.img/g') > p.out 2> p.err; ps=$?
    set -e
    sed -i 's/^qemu-img: /TOOL: /; s/q\.img/IMG/g' q.err q.out
    sed -i 's/^pcemu-img: /TOOL: /; s/p\.img/IMG/g' p.err p.out
    cmp -s q.out p.out || { diff q.out p.out | head; fail "stdout of '$*' on $src"; }
    cmp -s q.err p.err || { diff q.err p.err | head; fail "stderr of '$*' on $src"; }
    [ $qs = $ps ] || fail "status of '$*' on $src: qemu-img $qs, pcemu-img $ps"
    qemu-img compare -q q.img p.img || fail "'$*' on $src: the images differ"
    [ "$(qemu-img info --output=json q.img | grep virtual-size)" = \
      "$(qemu-img info --output=json p.img | grep virtual-size)" ] || fail "'$*': sizes"
    case $(head -c 4 p.img | od -An -tx1) in
        *51*49*fb*) qemu-img check -q p.img || fail "'$*' on $src: pcemu's result not clean" ;;
    esac
    n=$((n + 1))
}
queries() {     # IMG [FMT]: every read-only query on one image
    f=${2:+-f $2}
    same info --output=json $f "$1"
    same map $f "$1"
    same map --output=json $f "$1"
    same map --output=json --start-offset=64k --max-length=1M $f "$1"
    same measure -O qcow2 $f "$1"
    same measure -O qcow2 --output=json -o cluster_size=4k,refcount_bits=1 $f "$1"
    same measure -O raw $f "$1"
    same compare $f -F ${2:-qcow2} "$1" "$1"
    if [ "${2:-qcow2}" = qcow2 ]; then
        same check "$1"
        same check --output=json "$1"
        same check -q "$1"
    fi
}

# ---- hand-made images
qemu-img create -q -f qcow2 a.qcow2 10M
qemu-io -c 'write -P 1 0 64k' -c 'write -z 1M 64k' -c 'write -P 3 2M 100k' a.qcow2 >/dev/null
qemu-img snapshot -c s1 a.qcow2
queries a.qcow2
qemu-img create -q -f qcow2 -o compat=0.10 v2.qcow2 1G
queries v2.qcow2
qemu-img create -q -f raw r.raw 4M
qemu-io -f raw -c 'write -P 7 1M 12k' r.raw >/dev/null
queries r.raw raw
# a raw file whose size is not whole sectors: the disk is rounded up, the tail reads as zeros
head -c 196616 r.raw > odd.raw
queries odd.raw raw
same info odd.raw
qemu-img convert -O qcow2 odd.raw q-conv.qcow2
"$P" convert -O qcow2 odd.raw p-conv.qcow2
qemu-img compare -s q-conv.qcow2 p-conv.qcow2 >/dev/null || fail "convert of odd.raw differs"
# probing: the qcow2 magic with version 0 is a raw disk for QEMU, version 1 its older qcow
# format (pcemu refuses it), a file shorter than the version field raw
cp a.qcow2 v0.qcow2; printf '\0\0\0\0' | dd of=v0.qcow2 bs=1 seek=4 conv=notrunc 2>/dev/null
same info v0.qcow2
same check v0.qcow2
printf 'QFI\373\0\0' > short.img
same info --output=json short.img
cp a.qcow2 v1.qcow2; printf '\0\0\0\1' | dd of=v1.qcow2 bs=1 seek=4 conv=notrunc 2>/dev/null
"$P" info v1.qcow2 > /dev/null 2>&1 && fail "pcemu-img info opened a qcow (version 1) image"
qemu-img convert -c -O qcow2 a.qcow2 c.qcow2
queries c.qcow2                                   # compressed: map refuses, JSON has no offset
"$P" snapshot -c s2 a.qcow2                       # pcemu's own snapshot (icount -1: no key)
same info --output=json a.qcow2

# ---- random images from qemu-io, fixed seeds
for seed in 1 2 3 4 5 6 7 8; do
    python3 - "$seed" > cmds <<'PY'
import random, sys
r = random.Random(int(sys.argv[1]))
cs = r.choice([512, 4096, 65536, 65536, 2 << 20])
size = r.choice([1, 3, 17]) << 20
print(cs, size, r.choice(['1.1', '1.1', '0.10']))
for _ in range(r.randint(1, 25)):
    off = r.randrange(0, size // 512) * 512
    ln = min(r.choice([512, 4096, 65536, 300000]), size - off)
    kind = r.choice(['write -P %d' % r.randint(1, 255), 'write -P %d' % r.randint(1, 255),
                     'write -z', 'discard'])
    print("%s %d %d" % (kind, off, ln))
PY
    read cs size compat < cmds
    img=r$seed.qcow2
    qemu-img create -q -f qcow2 -o cluster_size=$cs,compat=$compat $img $size
    tail -n +2 cmds | sed 's/^/-c\n/' | tr '\n' '\0' | xargs -0 qemu-io $img >/dev/null
    queries $img
    qemu-img convert -O raw $img r$seed.raw
    queries r$seed.raw raw
    same compare -f qcow2 -F raw $img r$seed.raw
    same compare -s -f qcow2 -F raw $img r$seed.raw
    # change one byte: compare names the sector
    cp r$seed.raw m.raw
    printf 'X' | dd of=m.raw bs=1 seek=$(( (seed * 7919 * 512 + 300) % size )) conv=notrunc 2>/dev/null
    same compare -f raw -F raw r$seed.raw m.raw
    same compare -f qcow2 -F raw $img m.raw
    same_mod $img resize IMG +1M
    same_mod $img resize --shrink IMG $((size / 2 + 512 * seed))
    same_mod $img resize IMG $((size / 2))
    same_mod $img convert -p -O qcow2 IMG IMG.out
    same_mod $img convert -p -O raw IMG IMG.out
    same_mod $img convert -p -c -O qcow2 IMG IMG.out
done
same compare -f qcow2 -F qcow2 r1.qcow2 r2.qcow2
qemu-img create -q -f qcow2 big.qcow2 20M
qemu-io -c 'write -P 5 12M 64k' big.qcow2 >/dev/null
for pair in "r1.qcow2 r1.raw" "r1.qcow2 r2.qcow2" "r3.qcow2 r3.raw" "a.qcow2 big.qcow2" \
            "big.qcow2 a.qcow2" "r5.qcow2 r6.qcow2" "r7.qcow2 r7.raw" "r8.raw m.raw"; do
    same compare -p $pair
    same compare -p -s $pair
done
same compare -q -f qcow2 -F qcow2 r1.qcow2 r2.qcow2
same compare -s -f qcow2 -F qcow2 r3.qcow2 r3.qcow2
same compare -f qcow2 -F qcow2 a.qcow2 big.qcow2
same compare -s -f qcow2 -F qcow2 a.qcow2 big.qcow2
same compare -f qcow2 -F qcow2 big.qcow2 a.qcow2
same compare -f qcow2 -F qcow2 a.qcow2 missing.qcow2

# ---- measure without an image
for s in 0 1M 10G 1T 1000001536; do
    same measure --size $s -O qcow2
    same measure --output=json --size $s -O qcow2 -o cluster_size=512
    same measure --size $s -O qcow2 -o compat=0.10,cluster_size=2M
    same measure --size $s
done
same measure -O qcow2
same measure --size 1M -O qcow2 a.qcow2

# ---- resize refusals and raw
same_mod a.qcow2 resize IMG 5M
same_mod a.qcow2 resize IMG 1000
same_mod a.qcow2 resize --shrink IMG 5M
same_mod r.raw resize -f raw IMG 1M
same_mod r.raw resize -f raw --shrink IMG 1M
same_mod r.raw resize -f raw IMG +3M
qemu-img create -q -f qcow2 -o compat=0.10 s2.qcow2 1M
qemu-img snapshot -c s s2.qcow2
same_mod s2.qcow2 resize IMG 2M
qemu-img create -q -f qcow2 -o cluster_size=512 h.qcow2 1M
for s in 1E 100T 8E 0 x1M; do
    same_mod h.qcow2 resize IMG $s
done
same_mod h.qcow2 resize --shrink IMG -- -2M
same_mod h.qcow2 resize IMG -- -512

# ---- amend: compat both ways (zero clusters, snapshots), refcount width, size, refusals;
# the results must also have the same format-specific information
amend() {       # SRC OPTS
    case "$(qemu-img info "$1" | grep cluster_size):$2" in
    *2097152:*refcount_bits=[1248]*)
        # qemu-img 7.2 never finishes a refcount width change with 2 MiB clusters: pcemu's
        # result alone must be clean and hold the same disk
        # result alone must be clean and hold the same disk (refusals are compared below)
        cp "$1" p.img
        if "$P" amend -o "$2" p.img 2>/dev/null; then
            qemu-img check -q p.img && qemu-img compare -q "$1" p.img || fail "amend -o $2 on $1"
            n=$((n + 1))
            return
        fi ;;
    esac
    same_mod "$1" amend -o "$2" IMG
    [ "$(qemu-img info --output=json q.img | sed -n '/format-specific/,/^    }/p')" = \
      "$(qemu-img info --output=json p.img | sed -n '/format-specific/,/^    }/p')" ] ||
        fail "amend -o $2 on $1: format-specific information differs"
}
qemu-img create -q -f qcow2 -o refcount_bits=8 rb8.qcow2 3M
qemu-io -c 'write -P 9 0 200k' -c 'write -z 1M 64k' rb8.qcow2 >/dev/null
for img in a.qcow2 v2.qcow2 rb8.qcow2 r1.qcow2 r4.qcow2 r5.qcow2 c.qcow2; do
    for o in compat=1.1 compat=0.10 compat=v2 refcount_bits=1 refcount_bits=2 refcount_bits=8 \
             refcount_bits=64 compat=0.10,refcount_bits=16 compat=1.1,refcount_bits=4 \
             size=20M compat=0.9 refcount_bits=3 cluster_size=4k compression_type=zlib; do
        amend $img $o
    done
done
same_mod r.raw amend -f raw -o size=1M IMG
# ---- check -r leaks: the image ends where qemu-img's repair leaves it
qemu-img create -q -f qcow2 k.qcow2 4M
qemu-io -c 'write 0 128k' k.qcow2 >/dev/null
truncate -s 786432 k.qcow2
python3 - k.qcow2 <<'PY'
import struct, sys
f = open(sys.argv[1], 'r+b'); f.seek(48); rt, = struct.unpack('>Q', f.read(8))
f.seek(rt); rb, = struct.unpack('>Q', f.read(8))
for c in (7, 11): f.seek(rb + 2 * c); f.write(struct.pack('>H', 1))
PY
same check k.qcow2
same check -q k.qcow2
same check --output=json k.qcow2
same_mod k.qcow2 check -r leaks IMG
same_mod k.qcow2 check --output=json -r leaks IMG

# ---- -U: another process holds the image for writing
qemu-img create -q -f qcow2 u.qcow2 4M
mkfifo hold
qemu-io u.qcow2 < hold > /dev/null 2>&1 &
holder=$!
exec 9> hold
# wait (without timing, and without taking a lock that would race with its open) until
# qemu-io holds its "no other writer" byte, 201, on the image; it leaves when we close 9
ino=$(stat -c %i u.qcow2)
until grep -q ":$ino 201 201\$" /proc/locks; do
    kill -0 $holder 2>/dev/null || fail "qemu-io did not start"
done
same info -U u.qcow2
same info --force-share --output=json u.qcow2
same check -U u.qcow2
same map -U u.qcow2
same snapshot -l -U u.qcow2
same_mod u.qcow2 convert -U -p -O raw IMG IMG.out
same measure -U -O qcow2 u.qcow2
same compare -U u.qcow2 u.qcow2
"$P" info u.qcow2 > /dev/null 2>&1 && fail "info without -U opened a locked image"
same check -r leaks -U u.qcow2
exec 9>&-
wait

# ---- create without a size; what pcemu-img leaves out
same create -f qcow2 nosize.qcow2
same create -f raw nosize.raw
for c in "rebase -b x a.qcow2" "commit a.qcow2" "bitmap --add a.qcow2 b" "dd if=a.qcow2 of=b" \
         "create -f qcow2 -b a.qcow2 -F qcow2 bk.qcow2" \
         "create -f qcow2 -o encryption=on e.qcow2 1M" "info --backing-chain a.qcow2"; do
    set +e; "$P" $c > u.out 2>&1; s=$?; set -e
    [ $s = 1 ] && grep -q 'pcemu-img does not support' u.out || { cat u.out; fail "'$c'"; }
    n=$((n + 1))
done
"$P" --version | head -n 1 | grep -q '^pcemu-img version [0-9.]* (' || fail "--version"
[ "$("$P" --version | wc -l)" = "$(qemu-img --version | wc -l)" ] || fail "--version lines"
echo "img_parity: $n comparisons with qemu-img, all equal"
