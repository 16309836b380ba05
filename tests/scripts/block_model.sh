#!/bin/sh
# block_model.sh: the model-based differential test of the qcow2 driver (issue 11). For
# each starting layout, tests/tools/qcow2_model runs a seeded random sequence of writes
# (random, patterned, compressible, all zero; unaligned; across clusters, L2 tables and
# L1 entries), compressed writes, reads, snapshot create/apply/delete with and without
# VM state, VM-state reads and reopens through pcemu's driver, comparing every read with
# an in-memory model, and reads the result through libqcow. Then the real tools judge
# the image: qemu-img check is clean (no errors, no leaks), qemu-img convert -O raw
# equals the model's disk, qemu-img snapshot -l and info list the model's snapshots
# (IDs, names, VM-state sizes, dates, clocks), each snapshot converted by qemu-img equals
# the model's copy taken at create, and each VM state read by the independent Python
# reader equals the bytes written.
# Layouts: pcemu-img create at every cluster size 512 B .. 2 MiB (v3; v2 at four); every
# refcount width 1..64; zstd; images written by qemu-io (holes between clusters that are
# adjacent in the file, compressed clusters beside normal ones, v3 zero clusters, with a
# qemu-img snapshot taken between), qemu-img convert -c and pcemu-img convert -c images
# (one with 1-bit refcounts), and extended-L2 images from qemu-io (read only: pcemu does
# not write them).
# The seeds are fixed: the same sequences every run. The summary line gives the figures.
set -e
T=$TOOLS/qcow2_model
P=$PCEMU_IMG
# Debian's python3 itself: a version manager's shim in front of it costs more than the test
PY=python3; [ -x /usr/bin/python3 ] && PY=/usr/bin/python3
VMR="$PY $(pwd)/tests/tools/qcow_vmstate.py"
# tmpfs when there is one: the driver flushes at every ordering point
W=$TMPDIR_TEST
[ -d /dev/shm ] && [ -w /dev/shm ] && W=$(mktemp -d /dev/shm/pcemu-model.XXXXXX) &&
    trap 'rm -rf "$W"' EXIT
cd "$W"
export TZ=UTC
fail() { echo "FAIL: $*"; exit 1; }
$T pattern 77 4093 > pat

# size CLUSTER: a disk of two and a half L1 entries (what one L2 table maps), at least 4 MiB
size() { c=$1; s=$((c * c / 8 * 5 / 2)); [ $s -ge 4194304 ] || s=4194304; echo $s; }
# bytes 2M: a size in bytes
bytes() { case $1 in *M) echo $((${1%M} * 1048576)) ;; *k) echo $((${1%k} * 1024)) ;; *) echo $1 ;; esac; }
# qio IMG SEED SIZE CLUSTER [nozero]: a random qemu-io script run on IMG; with a
# qemu-img snapshot 'first' in the middle unless the image has extended L2 entries
qio() {
    $T qemu-io $2 $3 $4 pat $5 > qio.cmds
    sed '/^snapshot$/,$d' qio.cmds | qemu-io "$1" > qio.out 2>&1 || { cat qio.out; fail "qemu-io ($layout)"; }
    [ "$6" = nosnap ] || qemu-img snapshot -c first "$1"
    sed '1,/^snapshot$/d' qio.cmds | qemu-io "$1" >> qio.out 2>&1 || { cat qio.out; fail "qemu-io ($layout)"; }
    ! grep -i -E "error|fail" qio.out || fail "a qemu-io command failed ($layout)"
}
# ops CLUSTER: fewer operations where each copies megabytes
ops() {
    if [ $1 -ge 1048576 ]; then echo 16; elif [ $1 -ge 131072 ]; then echo 40
    elif [ $1 -ge 32768 ]; then echo 120; else echo 200; fi
}

# judge IMG: what the real tools see equals the model the last run wrote to m.*
judge() {
    qemu-img check "$1" > check.out 2>&1 || { cat check.out; fail "qemu-img check $1 ($layout)"; }
    grep -q "No errors were found on the image." check.out || { cat check.out; fail "check $1 ($layout)"; }
    qemu-img convert -O raw "$1" q.raw
    $T cmp q.raw m.raw || fail "qemu-img convert differs from the model ($layout)"
    qemu-img snapshot -l "$1" | awk 'NR > 2 { print $1, $2 }' > l.qemu
    awk '{ print $1, $2 }' m.snaps > l.model
    cmp l.qemu l.model || { diff l.qemu l.model; fail "qemu-img snapshot -l differs ($layout)"; }
    qemu-img info --output=json "$1" | $PY -c '
import json, sys
for s in json.load(sys.stdin).get("snapshots", []):
    print(s["id"], s["name"], s["vm-state-size"], s["date-sec"],
          s["vm-clock-sec"] * 1000000000 + s["vm-clock-nsec"])' > i.qemu
    cmp i.qemu m.snaps || { diff i.qemu m.snaps; fail "qemu-img info snapshots differ ($layout)"; }
    while read -r id name vms rest; do
        qemu-img convert -l snapshot.id=$id -O raw "$1" s.raw
        $T cmp s.raw m.$id.raw || fail "snapshot $id '$name' differs from the model ($layout)"
        nsnaps=$((nsnaps + 1))
        # the Python reader finds VM state by name: only names used once
        if [ "$vms" != 0 ] && [ "$(awk -v n="$name" '$2 == n' m.snaps | wc -l)" = 1 ]; then
            $VMR "$1" "$name" | cmp - m.$id.vm || fail "VM state of '$name' ($layout)"
            nvms=$((nvms + 1))
        fi
    done < m.snaps
}
# run IMG SEED OPS [ARGS]: one sequence, its figures added up, then judged
run() {
    img=$1 seed=$2 n=$3; shift 3
    rm -f m.*
    $T run -s "$seed" -n "$n" -o m "$@" "$img" > run.out || fail "sequence $seed on $layout"
    cat run.out
    grep -q "libqcow same" run.out && nlibqcow=$((nlibqcow + 1))
    echo "$layout" >> layouts
    judge "$img"
    cat run.out >> figures
}
nsnaps=0; nvms=0; nlibqcow=0
: > layouts; : > figures

# pcemu-made: every cluster size in v3, some in v2
seed=100
for cb in 9 10 11 12 13 14 15 16 17 18 19 20 21; do
    cs=$((1 << cb))
    for v in 1.1 0.10; do
        case $v,$cb in 0.10,9|0.10,12|0.10,16|0.10,21|1.1,*) ;; *) continue ;; esac
        layout="pcemu-img create cluster_size=$cs compat=$v"
        rm -f a.qcow2
        $P create -q -f qcow2 -o cluster_size=$cs,compat=$v a.qcow2 $(size $cs)
        seed=$((seed + 1)); run a.qcow2 $seed $(ops $cs)
    done
done
# every refcount width (1 and 2 bits: snapshots and reverts refused where a refcount
# would overflow), and zstd
cs=512
for rb in 1 2 4 8 16 32 64; do
    layout="pcemu-img create cluster_size=$cs refcount_bits=$rb"
    rm -f a.qcow2
    $P create -q -f qcow2 -o cluster_size=$cs,refcount_bits=$rb a.qcow2 $(size $cs)
    seed=$((seed + 1)); run a.qcow2 $seed $(ops $cs)
    cs=$((cs == 512 ? 65536 : 512))
done
for cs in 512 65536; do
    layout="pcemu-img create cluster_size=$cs compression_type=zstd"
    rm -f a.qcow2
    $P create -q -f qcow2 -o cluster_size=$cs,compression_type=zstd a.qcow2 $(size $cs)
    seed=$((seed + 1)); run a.qcow2 $seed $(ops $cs)
done

# qemu-made: qemu-io writes, a qemu-img snapshot, more qemu-io writes, then pcemu
for o in cluster_size=512 cluster_size=512,compat=0.10 cluster_size=1024,refcount_bits=8 \
         cluster_size=4096 cluster_size=4096,compat=0.10 cluster_size=65536 \
         cluster_size=65536,compat=0.10 cluster_size=65536,compression_type=zstd \
         cluster_size=16384,refcount_bits=64 cluster_size=2M; do
    cs=${o#cluster_size=}; cs=$(bytes ${cs%%,*})
    sz=$(size $cs)
    layout="qemu-io on qemu-img create $o"
    nz=; case $o in *compat=0.10*) nz=nozero ;; esac
    rm -f a.qcow2
    qemu-img create -q -f qcow2 -o $o a.qcow2 $sz
    seed=$((seed + 1))
    qio a.qcow2 $seed $sz $cs "$nz"
    qemu-img check -q a.qcow2 || fail "qemu-io made an unclean image ($layout)"
    qemu-img convert -O raw a.qcow2 init.raw
    qemu-img convert -l snapshot.name=first -O raw a.qcow2 first.raw
    run a.qcow2 $seed $(ops $cs) -i init.raw -S first=first.raw
done
# compressed images: qemu-img convert -c and pcemu-img convert -c of the same disk
# (refcount_bits=1: each compressed cluster gets a host cluster of its own)
for o in cluster_size=512 cluster_size=512,refcount_bits=1 cluster_size=65536 \
         cluster_size=65536,compression_type=zstd cluster_size=4096,compat=0.10; do
    cs=${o#cluster_size=}; cs=${cs%%,*}; sz=$(size $cs)
    rm -f src.raw
    truncate -s $sz src.raw
    $T pattern $seed 300000 > d; dd if=d of=src.raw bs=512 seek=7 conv=notrunc status=none
    yes pcemu | head -c 200000 |
        dd of=src.raw bs=4096 seek=$((sz - 250000)) oflag=seek_bytes conv=notrunc status=none
    for tool in qemu-img $P; do
        layout="$(basename $tool) convert -c $o"
        rm -f a.qcow2
        $tool convert -c -O qcow2 -o $o src.raw a.qcow2
        seed=$((seed + 1)); run a.qcow2 $seed $(ops $cs) -i src.raw
    done
done
# extended L2 entries (subclusters) written by qemu-io: read only
for cs in 16384 65536 2097152; do
    sz=$(size $cs)
    layout="qemu-io on qemu-img create extended_l2=on cluster_size=$cs (read only)"
    rm -f a.qcow2
    qemu-img create -q -f qcow2 -o extended_l2=on,cluster_size=$cs a.qcow2 $sz
    seed=$((seed + 1))
    qio a.qcow2 $seed $sz $cs "" nosnap
    qemu-img convert -O raw a.qcow2 init.raw
    run a.qcow2 $seed $(ops $cs) -r -i init.raw
done

awk '{ for (i = 2; i < NF; i += 2) t[$i] += $(i + 1); n++ }
     END { printf "block_model: %d sequences:", n
           split("ops reads writes zero compressed creates applies deletes refusals reopens vmreads checks mib_written", k, " ")
           for (i = 1; i in k; i++) printf " %s %d", k[i], t[k[i]]; printf "\n" }' figures
echo "block_model: $(sort -u layouts | wc -l) layouts, $nlibqcow read through libqcow too," \
     "$nsnaps snapshots judged by qemu-img, $nvms VM states by the independent reader"
echo "block_model: all passed"
