#!/bin/sh
# run-scripts.sh: run each scripted test; exit 0 = pass, 77 = skipped, else fail.
# Each runs from the project root in its own scratch directory ($TMPDIR_TEST), with
# PCEMU, PCEMU_IMG and O set; its output is kept in $O/tests/logs/NAME.log.
# JOBS tests run at once (default 2, the CI machine's cores): the tests do not depend on
# host speed or load, so running them side by side is also a check of that. The slowest
# tests of the previous run ($O/tests/logs/times) start first, so that they overlap the rest.
O=${O:-o}
JOBS=${JOBS:-2}
root=$(pwd)
mkdir -p "$O/tests/logs"; touch "$O/tests/logs/times"
export O PCEMU="$root/$O/bin/pcemu" PCEMU_IMG="$root/$O/bin/pcemu-img" TOOLS="$root/$O/tests/tools"
results=$(mktemp -d "${TMPDIR:-/tmp}/pcemu-results.XXXXXX")
times="$O/tests/logs/times"
# slowest first by the last run's seconds; tests not in it keep their order, before the rest
for t in "$@"; do
    [ -f "$t" ] || continue
    name=$(basename "$t" .sh)
    secs=$(awk -v n="$name" '$1 == n { print $2 }' "$times" 2>/dev/null)
    echo "${secs:-100000} $t"
done | sort -s -k1,1nr | cut -d' ' -f2- |
    RESULTS=$results xargs -P "$JOBS" -n 1 sh tests/run-one.sh
pass=$(cat "$results"/*.pass 2>/dev/null | wc -l)
skip=$(cat "$results"/*.skip 2>/dev/null | wc -l)
fail=$(cat "$results"/*.fail 2>/dev/null | wc -l)
# this run's seconds, and the last run's for tests not run this time
cat "$results"/*.time 2>/dev/null | awk 'NR == FNR { t[$1] = $2; next } !($1 in t) { t[$1] = $2 }
    END { for (n in t) print n, t[n] }' - "$times" | sort > "$times.new"
mv "$times.new" "$times"
rm -rf "$results"
echo "scripts: $pass passed, $fail failed, $skip skipped"
[ "$fail" = 0 ]
