#!/bin/sh
# run-one.sh TEST: run one scripted test for run-scripts.sh; print its result line and
# leave NAME.pass/.skip/.fail and NAME.time in $RESULTS. A failure's log tail is printed
# with one printf, so that it stays together beside tests running at the same time.
t=$1
name=$(basename "$t" .sh)
log="$O/tests/logs/$name.log"
TMPDIR_TEST=$(mktemp -d "${TMPDIR:-/tmp}/pcemu-$name.XXXXXX"); export TMPDIR_TEST
start=$(date +%s)
sh "$t" >"$log" 2>&1 </dev/null; rc=$?
secs=$(( $(date +%s) - start ))
rm -rf "$TMPDIR_TEST"
echo "$name $secs" > "$RESULTS/$name.time"
case $rc in
    0) echo "$name" > "$RESULTS/$name.pass"; echo "PASS $name (${secs}s)" ;;
    77) echo "$name" > "$RESULTS/$name.skip"; echo "SKIP $name: $(tail -n 1 "$log")" ;;
    *) echo "$name" > "$RESULTS/$name.fail"
       printf 'FAIL %s (%ss), last lines of %s:\n%s\n' "$name" "$secs" "$log" \
           "$(tail -n 20 "$log" | sed 's/^/    /')" ;;
esac
exit 0
