#!/bin/sh
# run-bench.sh: run each benchmark script; they print their own figures and ratios.
O=${O:-o}
root=$(pwd)
export O PCEMU="$root/$O/bin/pcemu" PCEMU_IMG="$root/$O/bin/pcemu-img" TOOLS="$root/$O/tests/tools"
rc=0
for b in "$@"; do
    [ -f "$b" ] || continue
    TMPDIR_TEST=$(mktemp -d "${TMPDIR:-/tmp}/pcemu-bench.XXXXXX"); export TMPDIR_TEST
    echo "== $(basename "$b" .sh)"
    sh "$b" || { echo "bench $(basename "$b") failed"; rc=1; }
    rm -rf "$TMPDIR_TEST"
done
exit $rc
