#!/bin/sh
# loadvm_lazy.sh: the lazy -loadvm (snapshot/vm/loadvm.h) from the command line, on a guest
# that fills 24 MiB of its 32 with a known pattern (tests/bench/lazy_fill.asm: page k from
# 1 MiB up holds the dword 0x12345678 + k * 0x9E3779B9) and then prints a checksum line
# after each pass over its first MiB above 1 MiB. tests/unit/test_loadvm_lazy.c has the
# cases that need the machine's insides (DMA, an injected read error, seeded corruptions).
#   1. Continuation: from a snapshot at FILLED, -loadvm and run M instructions, then save:
#      the serial lines and the VM state bytes equal those of one uninterrupted run of
#      K + M instructions (K = the snapshot's instruction count).
#   2. gdb reads pages no one has touched since the load (-loadvm -S -gdb): the pattern,
#      also across a page boundary and in a page beyond the filled RAM (zeros).
#   3. savevm under the loaded snapshot's own name before any page was touched (monitor
#      script): the new VM state is the same bytes as the old.
#   4. Truncated snapshots (in the RAM pages, in the device sections just before the vmdesc
#      JSON of about 25 KB, one byte short) are
#      refused before the guest runs: exit 1 with a message, no serial output, the image
#      file unchanged, qemu-img check clean.
set -u
command -v nasm >/dev/null || { echo "nasm missing"; exit 77; }
command -v gdb >/dev/null || { echo "gdb missing"; exit 77; }
command -v qemu-img >/dev/null || { echo "qemu-img missing"; exit 77; }
ROOT=$(pwd)
cd "$TMPDIR_TEST"
fail() { echo "FAIL: $*"; exit 1; }
nasm -f bin -i "$ROOT/tests/data/" -DFILL_MIB=24 -o fill.bin "$ROOT/tests/bench/lazy_fill.asm" ||
    fail "nasm"
M="-m 32 -nodefaults -display none -bios $TMPDIR_TEST/fill.bin -rtc base=2020-01-01"
qemu-img create -q -f qcow2 g.qcow2 16M
$PCEMU $M -serial file:s0.txt -drive file=g.qcow2,format=qcow2 -run-until serial:FILLED \
    -snapshot save s1 2>save.txt || { cat save.txt; fail "save at FILLED"; }
K=$(sed -n 's/.*, \([0-9]*\) instructions$/\1/p' save.txt)
[ -n "$K" ] || { cat save.txt; fail "no instruction count in the save message"; }
echo "snapshot s1 at instruction $K"

# ---- 1. continuation ----
N=3000000
cp g.qcow2 ref.qcow2
$PCEMU $M -serial file:lazy.txt -drive file=g.qcow2,format=qcow2 -loadvm s1 \
    -run-until icount:$N -snapshot save after 2>err.txt || { cat err.txt; fail "lazy run"; }
$PCEMU $M -serial file:ref.txt -drive file=ref.qcow2,format=qcow2 \
    -run-until icount:$((K + N)) -snapshot save after 2>err.txt || { cat err.txt; fail "reference run"; }
lines=$(wc -l <lazy.txt)
[ "$lines" -ge 3 ] || fail "the loaded guest printed $lines lines in $N instructions"
# the snapshot was taken right after "FILLED" (before its newline): the reference's
# output past those 6 bytes is the loaded guest's
tail -c +7 ref.txt | cmp -s - lazy.txt || { diff ref.txt lazy.txt | head; fail "serial output differs"; }
$PCEMU_IMG vmstate-extract g.qcow2 after >lazy.bin && $PCEMU_IMG vmstate-extract ref.qcow2 after >ref.bin ||
    fail "vmstate-extract"
cmp -s lazy.bin ref.bin || fail "the VM state after the lazy load and $N instructions differs from the uninterrupted run's"
echo "continuation: $lines lines, $(wc -c <lazy.bin) bytes of VM state, identical"

# ---- 2. gdb reads of pages not loaded yet ----
rm -f gdb.sock
$PCEMU $M -serial null -drive file=g.qcow2,format=qcow2 -loadvm s1 -S -gdb unix:gdb.sock \
    2>stub.txt &
pid=$!
for _ in $(seq 6000); do [ -S gdb.sock ] && break; kill -0 $pid 2>/dev/null || break; sleep 0.1; done
[ -S gdb.sock ] || { cat stub.txt; fail "no gdb socket"; }
cat >x.gdb <<'EOF'
set pagination off
target remote gdb.sock
x/2wx 0x100000
x/2wx 0x5ffffc
x/4wx 0x13ffff8
x/2wx 0x1900000
kill
EOF
timeout 600 gdb -nx -batch -x x.gdb >gdb.txt 2>&1
wait $pid
python3 - gdb.txt <<'PY' || fail "gdb read the wrong bytes"
import re, sys
def word(a):   # the dword the guest wrote at a
    k = (a - 0x100000) // 4096
    return (0x12345678 + k * 0x9E3779B9) & 0xffffffff if 0 <= k < 24 * 256 else 0
want = {a: [word(a + 4 * i) for i in range(n)]
        for a, n in ((0x100000, 2), (0x5ffffc, 2), (0x13ffff8, 4), (0x1900000, 2))}
assert want[0x5ffffc][0] != want[0x5ffffc][1] and want[0x1900000] == [0, 0]
got = {}
for line in open(sys.argv[1]):
    m = re.match(r"0x([0-9a-f]+):\s+(.*)", line)
    if m:
        got.setdefault(int(m.group(1), 16), []).extend(int(x, 16) for x in m.group(2).split())
for a, ws in want.items():
    # gdb prints two words per line from the first address on
    have = got.get(a, []) + got.get(a + 8, [])
    if have[:len(ws)] != ws:
        sys.exit("at %#x: %s, want %s" % (a, [hex(x) for x in have], [hex(x) for x in ws]))
print("gdb reads match the pattern")
PY

# ---- 3. savevm over the loaded snapshot before any page is touched ----
$PCEMU_IMG vmstate-extract g.qcow2 s1 >s1.bin || fail "vmstate-extract s1"
printf 'savevm s1\nquit\n' | $PCEMU $M -serial null -drive file=g.qcow2,format=qcow2 -loadvm s1 -S \
    -monitor stdio >mon.txt 2>&1 || { cat mon.txt; fail "monitor savevm"; }
$PCEMU_IMG vmstate-extract g.qcow2 s1 | cmp -s - s1.bin || fail "savevm of the lazily loaded machine changed the VM state"
qemu-img check -q g.qcow2 || fail "qemu-img check after savevm"
echo "savevm while every page was pending: same VM state"

# ---- 4. truncated snapshots refused before start ----
size=$(wc -c <s1.bin)
for cut in $((size / 2)) $((size - 26000)) $((size - 1)); do
    head -c $cut s1.bin >cut.bin
    $PCEMU_IMG vmstate-save g.qcow2 cut cut.bin || fail "vmstate-save"
    sum=$(md5sum <g.qcow2)
    rm -f out.txt
    $PCEMU $M -serial file:out.txt -drive file=g.qcow2,format=qcow2 -loadvm cut \
        -run-until icount:1000 2>err.txt && fail "a snapshot cut at $cut of $size bytes loaded"
    grep -q "pcemu: -loadvm cut: " err.txt || { cat err.txt; fail "no message for the cut at $cut"; }
    [ ! -s out.txt ] || fail "the guest printed before the refusal (cut at $cut)"
    [ "$(md5sum <g.qcow2)" = "$sum" ] || fail "a refused load changed the image (cut at $cut)"
    echo "cut at $cut of $size: $(head -n 1 err.txt)"
done
qemu-img check -q g.qcow2 || fail "qemu-img check"
echo "PASS"
