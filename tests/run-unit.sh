#!/bin/sh
# run-unit.sh: run each Check program given; print a total line; fail if any failed.
pass=0; fail=0; failed=""
for t in "$@"; do
    if CK_FORK=yes "$t"; then pass=$((pass + 1)); else fail=$((fail + 1)); failed="$failed $(basename "$t")"; fi
done
echo "unit: $pass passed, $fail failed"
[ -n "$failed" ] && echo "unit: failing programs:$failed"
[ $fail = 0 ]
