#!/bin/sh
# stream.sh: savevm/loadvm of 128 MiB and 512 MiB of RAM blocks (half zero pages, half
# random data; zero pages interleaved with data pages, then as one contiguous half) to a
# file and to a qcow2 VM-state area, beside a plain write/read of the same stream bytes
# measured in the same run (tests/tools/vmsbench.c: page-aligned RAM, resident zero pages,
# alternating runs, best of 7, sync(2) before each timed write, every load checked). Each
# line prints the wall-clock ratio and, in brackets, the ratio of CPU times (steadier on a
# shared host; save's CPU time includes its zero-scan thread).
# Target (issue 3): ratios within 1.5.
set -e
for mib in 128 512; do
    for layout in "" split; do
        "$TOOLS/vmsbench" "$mib" "$TMPDIR_TEST" $layout
        rm -f "$TMPDIR_TEST"/*
    done
done
