#!/bin/sh
# machine_determinism.sh: the same machine and inputs give the same run. The test guest is
# booted through SeaBIOS three times to the same stop; the serial output (tick counts
# included, which follow the virtual clock) must be byte for byte equal, and a stop at an
# instruction count or a virtual duration must fall at the same point each time.
set -u
T=$TMPDIR_TEST
# a copy of its own: the scripts run in parallel, and pcemu holds its image's write lock
IMG=$T/guest.qcow2
cp "$O/images/guest.qcow2" "$IMG"
run() {  # run NAME ARGS...: serial output of one run into $T/NAME
    name=$1; shift
    timeout 600 "$PCEMU" -m 32 -display none -serial file:"$T/$name" \
        -drive file="$IMG",format=qcow2,if=ide -rtc base=2020-01-01 "$@" \
        || { echo "FAIL: pcemu $* exit $?"; exit 1; }
}
run a -run-until "serial:GUEST iter 00000004"
run b -run-until "serial:GUEST iter 00000004"
run c -run-until "serial:GUEST iter 00000004" -icount shift=3
cmp "$T/a" "$T/b" && cmp "$T/a" "$T/c" || { echo "FAIL: serial output differs between runs"; exit 1; }
tail -c 60 "$T/a" | grep -q "GUEST iter 00000004$" || { echo "FAIL: did not stop right after the text"; cat "$T/a"; exit 1; }
run d -run-for 700ms
run e -run-for 700ms
cmp "$T/d" "$T/e" || { echo "FAIL: -run-for stops differ"; exit 1; }
run f -run-until icount:30000000
run g -run-until icount:30000000
cmp "$T/f" "$T/g" || { echo "FAIL: -run-until icount stops differ"; exit 1; }
# A different clock rate changes the tick counts (time is virtual), not the program's work.
run h -run-until "serial:GUEST iter 00000004" -icount shift=1
sed 's/ ticks [0-9a-f]*//' "$T/a" >"$T/a.n"; sed 's/ ticks [0-9a-f]*//' "$T/h" >"$T/h.n"
cmp "$T/a.n" "$T/h.n" || { echo "FAIL: shift=1 changed more than the ticks"; exit 1; }
tr -d '\r' <"$T/a"; tr -d '\r' <"$T/h" | tail -n 2
echo "runs are deterministic"
