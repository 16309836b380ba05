#!/bin/sh
# run-scripts.sh: run each scripted test; exit 0 = pass, 77 = skipped, else fail.
# Each runs from the project root in its own scratch directory ($TMPDIR_TEST), with
# PCEMU, PCEMU_IMG and O set; its output is kept in $O/tests/logs/NAME.log.
O=${O:-o}
root=$(pwd)
mkdir -p "$O/tests/logs"
export O PCEMU="$root/$O/bin/pcemu" PCEMU_IMG="$root/$O/bin/pcemu-img" TOOLS="$root/$O/tests/tools"
pass=0; fail=0; skip=0; failed=""
for t in "$@"; do
    [ -f "$t" ] || continue
    name=$(basename "$t" .sh)
    log="$O/tests/logs/$name.log"
    TMPDIR_TEST=$(mktemp -d "${TMPDIR:-/tmp}/pcemu-$name.XXXXXX"); export TMPDIR_TEST
    start=$(date +%s)
    sh "$t" >"$log" 2>&1; rc=$?
    secs=$(( $(date +%s) - start ))
    rm -rf "$TMPDIR_TEST"
    case $rc in
        0) pass=$((pass + 1)); echo "PASS $name (${secs}s)" ;;
        77) skip=$((skip + 1)); echo "SKIP $name: $(tail -n 1 "$log")" ;;
        *) fail=$((fail + 1)); failed="$failed $name"; echo "FAIL $name (${secs}s), last lines of $log:"; tail -n 20 "$log" | sed 's/^/    /' ;;
    esac
done
echo "scripts: $pass passed, $fail failed, $skip skipped"
[ $fail = 0 ]
