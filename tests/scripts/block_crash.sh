#!/bin/sh
# block_crash.sh: crash safety. tests/tools/blk_crash N performs one operation as pcemu-img
# does but exits (status 99) instead of performing its (N+1)th metadata write. Snapshot create (with VM
# state), disk-only create, delete, revert and copy-on-write guest writes are killed at
# every point in turn; each resulting image must pass the real qemu-img check without
# corruption (exit 0, or 3 for leaked clusters only), keep every earlier snapshot with its
# data and VM state, and show either the old or the new state of the operation.
set -e
ROOT=$(pwd)
P=$PCEMU_IMG
CRASH="$TOOLS/blk_crash"
# work on tmpfs when there is one: the driver flushes at every ordering point, and the
# crash tests kill the process (page-cache order is what matters), not the machine
W=$TMPDIR_TEST
[ -d /dev/shm ] && [ -w /dev/shm ] && W=$(mktemp -d /dev/shm/pcemu-block.XXXXXX) &&
    trap 'rm -rf "$W"' EXIT
cd "$W"
export TZ=UTC
fail() { echo "FAIL: $*"; exit 1; }
pat() { python3 -c "import random,sys; r=random.Random($1); sys.stdout.buffer.write(r.randbytes($2))" > "$3"; }
pat 11 400000 d1; pat 12 150000 d2; pat 13 900000 vmA; pat 14 1200000 vmB
for cfg in "" "compat=0.10,cluster_size=4k"; do
    echo "== config '${cfg:-default}'"
    rm -f base.qcow2
    $P create -q -f qcow2 ${cfg:+-o $cfg} base.qcow2 32M
    $P write base.qcow2 0 d1
    $P vmstate-save --clock 5 --date 1700000000 base.qcow2 keep vmA
    qemu-img convert -O raw base.qcow2 keep.raw
    $P write base.qcow2 300000 d2
    $P snapshot -c gone base.qcow2
    $P write base.qcow2 1000000 d2
    qemu-img convert -O raw base.qcow2 active.raw
    qemu-img check -q base.qcow2 || fail "base image not clean"
    for op in vmstate snapshot delete apply write; do
        n=0
        while :; do
            cp base.qcow2 c.qcow2
            set +e
            case $op in
            vmstate) $CRASH $n c.qcow2 vmstate-save --date 1700000001 new vmB ;;
            snapshot) $CRASH $n c.qcow2 snapshot-create new ;;
            delete) $CRASH $n c.qcow2 snapshot-delete gone ;;
            apply) $CRASH $n c.qcow2 snapshot-apply keep ;;
            write) $CRASH $n c.qcow2 write 200000 d1 ;;
            esac
            rc=$?
            qemu-img check c.qcow2 > check.out 2>&1; crc=$?
            set -e
            [ $rc = 0 ] || [ $rc = 99 ] || fail "$op crash point $n: exit $rc"
            case $crc in 0|3) ;; *) cat check.out; fail "$op killed after $n writes: qemu-img check exit $crc" ;; esac
            grep -q "ERROR" check.out && { cat check.out; fail "$op point $n: errors"; }
            [ $rc = 0 ] && [ $crc != 0 ] && { cat check.out; fail "$op completed but image not clean"; }
            # the earlier snapshot and its VM state are intact
            $P vmstate-extract c.qcow2 keep | cmp -s - vmA || fail "$op point $n: VM state of 'keep' lost"
            cp c.qcow2 k.qcow2; qemu-img snapshot -a keep k.qcow2
            qemu-img convert -O raw k.qcow2 k.raw; cmp -s k.raw keep.raw || fail "$op point $n: disk of 'keep' changed"
            # old or new state, nothing in between
            qemu-img convert -O raw c.qcow2 c.raw
            case $op in
            vmstate)
                if $P snapshot -l c.qcow2 | grep -q " new "; then
                    $P vmstate-extract c.qcow2 new | cmp -s - vmB || fail "point $n: new VM state incomplete"
                fi
                cmp -s c.raw active.raw || fail "point $n: disk changed by vmstate-save" ;;
            snapshot) cmp -s c.raw active.raw || fail "point $n: disk changed by snapshot -c" ;;
            delete)
                if ! $P snapshot -l c.qcow2 | grep -q " gone "; then :; else
                    cp c.qcow2 g.qcow2; qemu-img snapshot -a gone g.qcow2; fi
                cmp -s c.raw active.raw || fail "point $n: disk changed by delete" ;;
            apply) cmp -s c.raw active.raw || cmp -s c.raw keep.raw || fail "point $n: revert half done" ;;
            write) ;;
            esac
            if [ $rc = 0 ]; then
                echo "$op: killed at $n points, each image clean or leaking only"
                break
            fi
            n=$((n + 1))
            [ $n -lt 400 ] || fail "$op never completes"
        done
        # leaks from a crash are repaired by pcemu-img check -r leaks
        if [ $op = vmstate ]; then
            cp base.qcow2 c.qcow2
            $CRASH 3 c.qcow2 vmstate-save new vmB || true
            $P check -r leaks c.qcow2 > /dev/null 2>&1 || true
            qemu-img check c.qcow2 > check.out 2>&1 || { cat check.out; fail "repair of leaks incomplete"; }
        fi
    done
done
echo "block_crash: all passed"
