#!/bin/sh
# run-unit.sh: run each Check program given; print a total line; fail if any failed.
# Check's per-test timeouts (4 s by default, more where a suite sets them) are hang guards,
# not measurements: a busy 2-core host running ASan builds once took a pure parsing test
# past 4 s. Scale them all tenfold unless the caller chose otherwise.
export CK_TIMEOUT_MULTIPLIER=${CK_TIMEOUT_MULTIPLIER:-10}
pass=0; fail=0; failed=""
for t in "$@"; do
    if CK_FORK=yes "$t"; then pass=$((pass + 1)); else fail=$((fail + 1)); failed="$failed $(basename "$t")"; fi
done
echo "unit: $pass passed, $fail failed"
[ -n "$failed" ] && echo "unit: failing programs:$failed"
[ $fail = 0 ]
