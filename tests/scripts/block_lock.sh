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
[ -r /proc/locks ] || { echo "no /proc/locks"; exit 77; }
# qemu_locks FILE: QEMU holds FILE for writing: OFD locks on byte 101 (it writes) and on
# 201 and 203 (it shares neither writing nor resizing; 203 is the last one it takes)
qemu_locks() {
    ino=$(stat -c %i "$1")
    for b in 101 201 203; do
        awk -v ino="$ino" -v b=$b '$2 == "OFDLCK" && $6 ~ ":" ino "$" && $7 <= b && b <= $8 { f = 1 }
            END { exit !f }' /proc/locks || return 1
    done
}
# waits (a holder that is alive) until COMMAND succeeds; the bound, 10 minutes, only
# catches a holder that hangs, however long a busy host takes to start it
wait_until() {   # PID WHAT COMMAND...
    pid=$1 what=$2; shift 2; i=0
    until "$@"; do
        kill -0 "$pid" 2>/dev/null || fail "$what: the holder exited"
        [ $i -lt 6000 ] || fail "$what: not held after 10 minutes"
        sleep 0.1; i=$((i + 1))
    done
}
$P create -q -f qcow2 x.qcow2 8M
# QEMU holds the image for writing: qemu-io sleeps with it open until killed below (a
# fixed sleep would race both ways on a busy host: opened too late, or closed too early)
qemu-io -c 'sleep 3600000' x.qcow2 > /dev/null 2>&1 &
qpid=$!
wait_until $qpid qemu-io qemu_locks x.qcow2
! $P write x.qcow2 0 /dev/null 2> e1 || fail "pcemu wrote an image QEMU has open"
grep -q lock e1 || fail "no lock message: $(cat e1)"
! $P info x.qcow2 > /dev/null 2> e2 || fail "pcemu read an image QEMU writes"
cp x.qcow2 before.qcow2
! $P create -q -f qcow2 x.qcow2 8M 2> e3 || fail "pcemu re-created an image QEMU has open"
cmp x.qcow2 before.qcow2 || fail "a refused create changed the image"
kill $qpid; wait $qpid 2>/dev/null || :   # killed: status 143
$P info x.qcow2 > /dev/null || fail "image still locked after QEMU exited"
# pcemu holds it for writing
mkfifo f1
"$HOLD" x.qcow2 < f1 > h1.out &
hpid=$!
exec 3> f1
wait_until $hpid blk_hold grep -q held h1.out
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
wait_until $rpid "blk_hold -r" grep -q held h2.out
$P info x.qcow2 > /dev/null || fail "second pcemu reader refused"
! $P write x.qcow2 0 /dev/null 2> /dev/null || fail "pcemu writer admitted beside a reader"
exec 4>&-
wait $rpid
echo "block_lock: all passed"
