#!/bin/sh
# stream.sh: savevm/loadvm of 128 MiB and 512 MiB of RAM blocks (half zero pages, half
# random data) to a file and to a qcow2 VM-state area, beside a plain write/read of the
# same stream bytes measured in the same run (tests/tools/vmsbench.c). Target: ratios
# within 1.5.
set -e
for mib in 128 512; do
    "$TOOLS/vmsbench" "$mib" "$TMPDIR_TEST"
    rm -f "$TMPDIR_TEST"/*
done
