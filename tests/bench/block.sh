#!/bin/sh
# block.sh: a 256 MiB VM-state payload (BLOCK_BENCH_MIB to change) written and read back
# through pcemu's qcow2 layer (tests/tools/blk_bench, in-process: vmstate writer, snapshot
# commit and flush included), through qemu-io in the same run (write -b + flush, read -b:
# QEMU's VM-state area; process time minus the time of an idle qemu-io on the same image),
# and as a plain raw file (pwrite + fdatasync, pread). Best of 3 runs each.
# Target: pcemu faster than qemu-io, within 1.5x of the raw file.
set -e
MIB=${BLOCK_BENCH_MIB:-256}
cd "$TMPDIR_TEST"
"$TOOLS/blk_bench" . "$MIB" 3 > pcemu.out
now() { date +%s.%N; }
best() { awk '$1 != "" && (m == "" || $1 < m) { m = $1 } END { printf "%.4f\n", m }'; }
qemu-img create -q -f qcow2 q.qcow2 64M
for i in 1 2 3; do
    rm -f q.qcow2; qemu-img create -q -f qcow2 q.qcow2 64M
    a=$(now); qemu-io -c flush q.qcow2; b=$(now)
    qemu-io -c "write -b -P 0x5a 0 ${MIB}M" -c flush q.qcow2 > qw.out; c=$(now)
    qemu-io -c "read -b -P 0x5a 0 ${MIB}M" q.qcow2 > qr.out; d=$(now)
    grep -q "^read $((MIB * 1048576))/" qr.out || { cat qr.out; exit 1; }
    echo "$a $b $c $d" | awk '{ print $3 - $2 - ($2 - $1), $4 - $3 - ($2 - $1) }' >> q.times
    # qemu-io's own figure for the request alone ("... ops; 00.35 sec ..."; 10 ms steps)
    own() { sed -n 's/.*ops; \([0-9:.]*\) sec.*/\1/p' "$1" | awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; print s }'; }
    echo "$(own qw.out) $(own qr.out)" >> q.own
done
echo "qemu-io's own request times (no start-up, no flush), best of 3: write $(cut -d' ' -f1 q.own | best) s, read $(cut -d' ' -f2 q.own | best) s"
qw=$(cut -d' ' -f1 q.times | best); qr=$(cut -d' ' -f2 q.times | best)
awk -v mib="$MIB" -v qw="$qw" -v qr="$qr" '
    { t[$1] = $2 }
    END {
        pw = t["pcemu_write"]; pr = t["pcemu_read"]; rw = t["raw_write"]; rr = t["raw_read"]
        printf "payload %d MiB (best of 3)\n", mib
        printf "%-30s %8.3f s %8.1f MiB/s\n", "pcemu qcow2 write+commit", pw, mib / pw
        printf "%-30s %8.3f s %8.1f MiB/s\n", "qemu-io write -b + flush", qw, mib / qw
        printf "%-30s %8.3f s %8.1f MiB/s\n", "raw file write+fdatasync", rw, mib / rw
        printf "%-30s %8.3f s %8.1f MiB/s\n", "pcemu qcow2 read", pr, mib / pr
        printf "%-30s %8.3f s %8.1f MiB/s\n", "qemu-io read -b", qr, mib / qr
        printf "%-30s %8.3f s %8.1f MiB/s\n", "raw file read", rr, mib / rr
        printf "ratio write pcemu/qemu-io %.2f (target < 1), pcemu/raw %.2f (target <= 1.5)\n", pw / qw, pw / rw
        printf "ratio read  pcemu/qemu-io %.2f (target < 1), pcemu/raw %.2f (target <= 1.5)\n", pr / qr, pr / rr
        printf "ratio total pcemu/qemu-io %.2f, pcemu/raw %.2f\n", (pw + pr) / (qw + qr), (pw + pr) / (rw + rr)
    }' pcemu.out
