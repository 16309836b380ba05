#!/bin/sh
# vmstate_golden.sh: the VM-state streams of deterministic saves equal streams committed
# before a refactor (tests/data/vmstate-golden/CASE.txt.gz), so a restructuring of the
# machine, the section registry, savevm or loadvm that changes one byte of what pcemu
# writes fails here. Cases: the test guest (SeaBIOS) saved right after reset (-S), inside
# SeaBIOS's POST, in the guest's protected-mode loop, on both machine types, with other
# -icount shifts; the -bios test programs savevm_pit.asm (PIT interrupts) and
# gdb_guest.asm (paging); a -loadvm of a guest snapshot run on and saved again; a loadvm
# over a machine that has been loaded already (the monitor's two-pass load in place).
#
# An expected file is text: the stream's sha256 and size, the sha256 of its vmdesc and of
# each RAM block, then `pcemu-img vmstate dump` of the stream (every section decoded, RAM
# as page counts), gzip'd. On a mismatch the test prints the diff of the two texts: a
# device field shows as its dump line, a RAM page as its block's hash.
#
# A deliberate change of the stream: regenerate with VMSTATE_GOLDEN_UPDATE=1 (the files
# are written into the source tree) and say why in the commit.
set -u
command -v qemu-img >/dev/null || { echo "qemu-img missing"; exit 77; }
command -v nasm >/dev/null || { echo "nasm missing"; exit 77; }
ROOT=$(pwd)
IMG=$ROOT/$O/images/guest.qcow2
GOLD=$ROOT/tests/data/vmstate-golden
[ -f "$IMG" ] || { echo "no $IMG (make images)"; exit 1; }
cd "$TMPDIR_TEST"
nasm -f bin -i "$ROOT/tests/data/" -o pit.bin "$ROOT/tests/data/savevm_pit.asm" || { echo "FAIL: nasm"; exit 1; }
nasm -f bin -i "$ROOT/tests/data/" -o gdb.bin "$ROOT/tests/data/gdb_guest.asm" || { echo "FAIL: nasm"; exit 1; }
# the reduced machine and its CPU (the goldens predate the default machine of QEMU's pc)
PC="$PCEMU -M pc-i440fx-7.2,acpi=off,hpet=off,vmport=off -cpu pentium2,-mmx,-apic,-pae,-mce,-mca,-vme,-de,-fxsr,-pse36,-hypervisor -nodefaults -display none -rtc base=2020-01-01"
GUEST="$PC -m 32"
PIT="$PC -m 8 -bios $TMPDIR_TEST/pit.bin"
GDB="$PC -m 8 -bios $TMPDIR_TEST/gdb.bin"
bad=0; n=0

# describe STREAM: the text an expected file holds.
describe() {
    rm -rf x && "$PCEMU_IMG" vmstate dump --extract x "$1" >/dev/null || return 1
    echo "stream $(sha256sum <"$1" | cut -c1-64) $(wc -c <"$1")"
    echo "vmdesc $(sha256sum <x/desc.json | cut -c1-64)"
    (cd x && find . -type f ! -name '*.json' | sort | while read -r f; do
        echo "ram ${f#./} $(sha256sum <"$f" | cut -c1-64)"; done)
    cat x/state.json
}

# check NAME IMAGE SNAPSHOT: the snapshot's stream against tests/data/vmstate-golden/NAME.
check() {
    n=$((n + 1))
    "$PCEMU_IMG" vmstate-extract "$2" "$3" >"$1.vms" && describe "$1.vms" >"$1.txt" ||
        { echo "FAIL: $1: extract or dump"; bad=1; return; }
    if [ "${VMSTATE_GOLDEN_UPDATE:-}" = 1 ]; then
        mkdir -p "$GOLD" && gzip -9n <"$1.txt" >"$GOLD/$1.txt.gz"
        echo "wrote $GOLD/$1.txt.gz"
        return
    fi
    [ -f "$GOLD/$1.txt.gz" ] || { echo "FAIL: $1: no $GOLD/$1.txt.gz"; bad=1; return; }
    gzip -dc "$GOLD/$1.txt.gz" >"$1.want"
    if cmp -s "$1.want" "$1.txt"; then
        echo "ok   $1: $(head -n 1 "$1.txt")"
    else
        echo "FAIL: $1: the VM-state stream differs from the committed one (- expected, + now):"
        diff -u "$1.want" "$1.txt" | sed -n '3,80p'
        bad=1
    fi
}

# save NAME DISK PCEMU-COMMAND...: a fresh copy of DISK (a qcow2 file or "blank"), one
# pcemu run that saves snapshot s, then check.
save() {
    name=$1 disk=$2; shift 2
    if [ "$disk" = blank ]; then qemu-img create -q -f qcow2 "$name.qcow2" 16M; else cp "$disk" "$name.qcow2"; fi
    "$@" -serial "file:$name.out" -drive "file=$name.qcow2,if=ide,format=qcow2" \
        -snapshot save s 2>"$name.err" || { cat "$name.err"; echo "FAIL: $name: pcemu"; bad=1; return; }
    check "$name" "$name.qcow2" s
}

save guest-reset "$IMG" $GUEST -S
save guest-post "$IMG" $GUEST -run-until icount:2000000
save guest-loop "$IMG" $GUEST -run-until "serial:GUEST iter 00000002"
save guest-6.0 "$IMG" $GUEST -M pc-i440fx-6.0 -run-until icount:12000000
save guest-6.0-reset "$IMG" $GUEST -M pc-i440fx-6.0 -S
save guest-shift1 "$IMG" $GUEST -icount shift=1 -run-until "serial:GUEST iter 00000001"
save guest-shift7 "$IMG" $GUEST -icount 7 -run-for 300ms
save pit-mid blank $PIT -run-until icount:400000
save pit-halt blank $PIT -run-until halt
save gdb-halt blank $GDB -run-until halt

# -loadvm of guest-loop's snapshot, 3 million instructions more
cp guest-loop.qcow2 loaded.qcow2
$GUEST -serial null -drive file=loaded.qcow2,if=ide,format=qcow2 -loadvm s \
    -run-until icount:3000000 -snapshot save s 2>loaded.err || { cat loaded.err; echo "FAIL: loaded"; bad=1; }
check guest-loaded loaded.qcow2 s

# the monitor's loadvm over a machine that is no longer pristine (loaded once already):
# checked in a first pass, then loaded in place; saved again, it is guest-post's state
cp guest-post.qcow2 two.qcow2
printf 'loadvm s\nloadvm s\nsavevm t\nquit\n' | $GUEST -serial null -S \
    -drive file=two.qcow2,if=ide,format=qcow2 -monitor stdio >two.out 2>&1 ||
    { cat two.out; echo "FAIL: monitor loadvm"; bad=1; }
check guest-inplace two.qcow2 t

[ $bad = 0 ] || exit 1
echo "VM-state streams: $n cases equal the committed ones"
