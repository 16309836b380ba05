#!/bin/sh
# machine_cmdline.sh: the pcemu program's start-up errors are one line on stderr and a
# non-zero exit (bad options, missing or empty or oversized firmware, a bad disk image,
# an unusable chardev), and -version, -help, -M help, -S work.
set -u
T=$TMPDIR_TEST
fails=0
# expect_error TEXT ARGS...: pcemu must exit non-zero with one stderr line containing TEXT.
expect_error() {
    text=$1; shift
    "$PCEMU" "$@" >"$T/out" 2>"$T/err" </dev/null
    rc=$?
    lines=$(wc -l <"$T/err")
    if [ $rc = 0 ] || [ "$lines" != 1 ] || ! grep -qF -- "$text" "$T/err"; then
        echo "FAIL: pcemu $* -> exit $rc, stderr:"; cat "$T/err"; fails=$((fails + 1))
    else
        echo "ok: pcemu $* -> $(cat "$T/err")"
    fi
}
expect_error "unknown option" -frobnicate
expect_error "requires an argument" -m
expect_error "unknown machine type 'q35'" -M q35
expect_error "bios-none.bin: not found" -bios bios-none.bin
: >"$T/empty.bin"
expect_error "empty" -bios "$T/empty.bin"
head -c 20000000 /dev/zero >"$T/huge.bin"
expect_error "larger than the 16777216-byte pc.bios block" -bios "$T/huge.bin"
expect_error "$T/nodisk.qcow2" -drive file="$T/nodisk.qcow2",format=qcow2
printf 'QFI\373garbage' >"$T/bad.qcow2"
expect_error "drive 0" -drive file="$T/bad.qcow2",format=qcow2
expect_error "-serial" -serial file:/nonexistent-dir/x
expect_error "chardev 'x' not found" -device isa-debugcon,chardev=x
expect_error "expected serial:TEXT" -run-until nothing

"$PCEMU" -version | grep -q "pcemu version" || { echo "FAIL: -version"; fails=$((fails + 1)); }
"$PCEMU" -help | grep -q -- "-run-until" || { echo "FAIL: -help"; fails=$((fails + 1)); }
"$PCEMU" -M help | grep -q "pc-i440fx-7.2" || { echo "FAIL: -M help"; fails=$((fails + 1)); }
"$PCEMU" -S -m 32 || { echo "FAIL: -S"; fails=$((fails + 1)); }
[ $fails = 0 ] || { echo "$fails failures"; exit 1; }
echo "all start-up errors are one clear line"
