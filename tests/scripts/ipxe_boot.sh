#!/bin/sh
# ipxe_boot.sh: Debian's iPXE (ipxe.lkrn, $O/images/ipxe/ipxe.iso: GRUB 2 on a CD, -cdrom)
# on pcemu's machine with bare -cpu pentium2 and -nographic, on QEMU 7.2 and on pcemu.
# iPXE's start-up uses FXSAVE (it raised #UD on a model without FXSR, and iPXE looped);
# each run must print iPXE's lines from "iPXE initialising devices...ok" to its
# "Features:" line, the same on both, and go on to "No more network devices" (no NIC on
# -net none). The runs stop at that line: pcemu by -run-until, QEMU when a poll of its
# output finds it (the hang guard, LIMIT polls a second apart, is not a measurement).
set -u
command -v qemu-system-i386 >/dev/null || { echo "qemu-system-i386 missing"; exit 77; }
ISO=$(pwd)/$O/images/ipxe/ipxe.iso
[ -f "$ISO" ] || { echo "no $ISO (make images)"; exit 1; }
END="No more network devices"
LIMIT=900
ARGS="-M pc-i440fx-7.2,acpi=off,hpet=off,vmport=off -cpu pentium2 -m 64 -nographic -net none -no-reboot"
cd "$TMPDIR_TEST"
# iPXE's banner lines, carriage returns and escapes dropped
banner() { tr -d '\r' < "$1" | sed 's/\x1b\[[0-9;]*m//g' | sed -n '/^iPXE initialising devices/,/^Features:/p'; }

qemu-system-i386 $ARGS -cdrom "$ISO" < /dev/null > q.out 2> q.err &
qpid=$!
n=0
while ! grep -q "$END" q.out; do
    kill -0 $qpid 2>/dev/null || { echo "FAIL: QEMU exited before '$END'"; cat q.err; tail -c 600 q.out; exit 1; }
    n=$((n + 1))
    [ $n -lt $LIMIT ] || { kill $qpid; echo "FAIL: QEMU: no '$END' after $LIMIT polls"; exit 1; }
    sleep 1
done
kill $qpid
wait $qpid 2>/dev/null
"$PCEMU" $ARGS -cdrom "$ISO" -run-until "serial:$END" < /dev/null > p.out 2> p.err
rc=$?
[ $rc = 0 ] || { echo "FAIL: pcemu exit status $rc"; cat p.err; tail -c 600 p.out; exit 1; }
grep -q "$END" p.out || { echo "FAIL: pcemu: no '$END'"; tail -c 600 p.out; exit 1; }
banner q.out > q.banner
banner p.out > p.banner
[ "$(wc -l < q.banner)" -ge 3 ] || { echo "FAIL: QEMU printed no iPXE banner"; tail -c 600 q.out; exit 1; }
if ! cmp -s q.banner p.banner; then
    echo "FAIL: iPXE's lines differ (< QEMU, > pcemu)"
    diff q.banner p.banner
    exit 1
fi
echo "ok: iPXE initialised its devices and printed the same $(wc -l < p.banner) lines on QEMU and pcemu, then '$END'"
cat p.banner
