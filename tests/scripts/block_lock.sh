#!/bin/sh
# block_lock.sh: image locking interoperates with QEMU's (OFD byte-range locks at bytes
# 100+perm and 200+perm): while QEMU writes an image pcemu cannot open it, read-only or
# read-write; while pcemu writes it, qemu-img and qemu-io are refused; two pcemu readers
# coexist; after release both sides open it again.
set -e
P=$PCEMU_IMG
HOLD="$TOOLS/blk_hold"
# work on tmpfs when there is one: the driver flushes at every ordering point, and the
# crash tests kill the process (page-cache order is what matters), not the machine
W=$TMPDIR_TEST
[ -d /dev/shm ] && [ -w /dev/shm ] && W=$(mktemp -d /dev/shm/pcemu-block.XXXXXX) &&
    trap 'rm -rf "$W"' EXIT
cd "$W"
fail() { echo "FAIL: $*"; exit 1; }
$P create -q -f qcow2 x.qcow2 8M
# QEMU holds the image for writing (qemu-io sleeps 3 s with it open)
qemu-io -c 'sleep 3000' x.qcow2 > /dev/null 2>&1 &
qpid=$!
sleep 0.5
! $P write x.qcow2 0 /dev/null 2> e1 || fail "pcemu wrote an image QEMU has open"
grep -q lock e1 || fail "no lock message: $(cat e1)"
! $P info x.qcow2 > /dev/null 2> e2 || fail "pcemu read an image QEMU writes"
cp x.qcow2 before.qcow2
! $P create -q -f qcow2 x.qcow2 8M 2> e3 || fail "pcemu re-created an image QEMU has open"
cmp x.qcow2 before.qcow2 || fail "a refused create changed the image"
wait $qpid
$P info x.qcow2 > /dev/null || fail "image still locked after QEMU exited"
# pcemu holds it for writing
mkfifo f1
"$HOLD" x.qcow2 < f1 > h1.out &
hpid=$!
exec 3> f1
for i in 1 2 3 4 5 6 7 8 9 10; do grep -q held h1.out 2>/dev/null && break; sleep 0.2; done
grep -q held h1.out || fail "blk_hold did not open"
! qemu-io -c 'write 0 512' x.qcow2 > q1 2>&1 || fail "QEMU wrote an image pcemu has open"
grep -q "lock" q1 || fail "QEMU failed without a lock message: $(cat q1)"
! qemu-img info x.qcow2 > q2 2>&1 || fail "qemu-img info opened an image pcemu writes"
exec 3>&-
wait $hpid || fail "blk_hold failed"
qemu-io -c 'write 0 512' x.qcow2 > /dev/null || fail "QEMU cannot write after pcemu released"
# two pcemu readers coexist, a writer is refused meanwhile
mkfifo f2
"$HOLD" -r x.qcow2 < f2 > h2.out &
rpid=$!
exec 4> f2
for i in 1 2 3 4 5 6 7 8 9 10; do grep -q held h2.out 2>/dev/null && break; sleep 0.2; done
$P info x.qcow2 > /dev/null || fail "second pcemu reader refused"
! $P write x.qcow2 0 /dev/null 2> /dev/null || fail "pcemu writer admitted beside a reader"
exec 4>&-
wait $rpid
echo "block_lock: all passed"
