#!/bin/sh
# snap_qemu.sh: real QEMU 7.2 savevm streams (qemu-system-i386 -M pc-i440fx-7.2 -m 32
# -nodefaults, SeaBIOS, an IDE qcow2 disk, `savevm` through the HMP monitor; once plain and
# once with -serial null) through pcemu's snapshot/ code:
#   - pcemu-img vmstate dump decodes every section, field and subsection, no byte left
#     over, and its RAM block names and sizes equal QEMU's `info ramblock`;
#   - --extract writes each RAM block as a file of the block's size;
#   - vmsreencode loads the stream with pcemu's loader into tables built from the stream's
#     vmdesc and saves it again with pcemu's writer: the bytes equal QEMU's exactly. QEMU
#     ends a RAM PART record after 50 ms of host time, so a busy host splits the pages over
#     more PARTs; the re-encoder splits its pages at the same records, so the comparison
#     holds whatever QEMU's timing was;
#   - vmsreencode --hostile (ASan/UBSan build): byte flips, truncations at every section
#     boundary, huge lengths, unknown sections/subsections, bad footers, wrong machine type;
#   - QEMU loads a stream written by pcemu's writer whose RAM pcemu changed (one byte of a
#     zero page, so a ZERO record becomes a PAGE record), stored as a new snapshot: QEMU shows
#     the byte and the saved EIP after loadvm (started with -S, so the VM stays stopped).
set -e
command -v qemu-system-i386 >/dev/null || { echo "qemu-system-i386 missing"; exit 77; }
command -v qemu-img >/dev/null || { echo "qemu-img missing"; exit 77; }
cd "$TMPDIR_TEST"
HOSTILE="${TOOLS%/tests/tools}/asan/tests/tools/vmsreencode"
[ -x "$HOSTILE" ] || HOSTILE="$TOOLS/vmsreencode"

DOCS=${DOCS:-/work/shared/docs}
run_case() {   # $1 = name, $2 = reference vmdesc, rest = extra QEMU options
    name=$1; ref=$2; shift 2
    qemu-img create -q -f qcow2 "$name.qcow2" 64M
    printf 'savevm s1\ninfo ramblock\nquit\n' |
        qemu-system-i386 -M pc-i440fx-7.2 -m 32 -nodefaults -display none -accel tcg \
            -drive file="$name.qcow2",if=ide,format=qcow2 "$@" -monitor stdio \
            > "$name.monitor" 2>&1
    tr -d '\r' < "$name.monitor" | sed 's/\x1b\[[0-9;]*[A-Za-z]//g' |
        awk '$1 ~ /^(pc\.|\/rom@)/ && $5 ~ /^0x/ { print $1, $5 }' > "$name.ramblock"
    [ -s "$name.ramblock" ] || { echo "$name: no info ramblock output"; cat "$name.monitor"; exit 1; }

    "$PCEMU_IMG" vmstate dump "$name.qcow2" s1 > "$name.dump.json"
    python3 - "$name.dump.json" "$name.ramblock" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
ram = [v for k, v in d.items() if k.startswith("ram (")]
assert len(ram) == 1, "no ram section"
sizes = {k: int(v, 16) for k, v in ram[0]["section sizes"].items()}
qemu = {}
for line in open(sys.argv[2]):
    n, used = line.split()
    qemu[n] = int(used, 16)
assert sizes == qemu, "RAM blocks differ: %s vs QEMU %s" % (sizes, qemu)
pages = ram[0]["page counts"]
for n, sz in sizes.items():
    assert pages[n]["pages"] == sz // 4096, "block %s: %d pages" % (n, pages[n]["pages"])
print("dump: %d sections, RAM blocks as QEMU's info ramblock: %s" % (len(d), ", ".join(sorted(sizes))))
PY
    # The device list (names, instance ids, vmsd names, versions, in order) equals the
    # reference description in shared/docs (same machine, same command line).
    "$PCEMU_IMG" vmstate dump --desc "$name.qcow2" s1 > "$name.desc.json"
    if [ -f "$ref" ]; then
        python3 - "$name.desc.json" "$ref" <<'PY'
import json, sys
key = lambda d: [(x["name"], x["instance_id"], x["vmsd_name"], x["version"]) for x in d["devices"]]
got, ref = key(json.load(open(sys.argv[1]))), key(json.load(open(sys.argv[2])))
assert got == ref, "device list differs from the reference:\n%s\n%s" % (got, ref)
print("vmdesc: %d devices, as in %s" % (len(got), sys.argv[2].split("/")[-1]))
PY
    fi
    # The stream itself, from the image, through the block layer.
    "$PCEMU_IMG" vmstate-extract "$name.qcow2" s1 > "$name.stream"
    "$PCEMU_IMG" vmstate dump "$name.stream" > "$name.dump2.json"
    cmp "$name.dump.json" "$name.dump2.json"
    mkdir "$name.x"
    "$PCEMU_IMG" vmstate dump --extract "$name.x" "$name.stream" > "$name.extract.log"
    while read -r n used; do
        f="$name.x/${n#/}"
        [ "$(stat -c %s "$f")" -eq "$((used))" ] || { echo "extract: $f has the wrong size"; exit 1; }
    done < "$name.ramblock"
    [ -s "$name.x/state.json" ] && [ -s "$name.x/desc.json" ]

    "$TOOLS/vmsreencode" "$name.stream" "$name.re"
    cmp "$name.stream" "$name.re"
    echo "$name: re-encoded with pcemu tables: $(stat -c %s "$name.re") bytes identical to QEMU's"
    # the tool keeps its generated tables to the end: leak checking is for the unit tests
    ASAN_OPTIONS=detect_leaks=0 "$HOSTILE" --hostile "$name.stream"
}

run_case plain "$DOCS/qemu-7.2-pc-i440fx-vmdesc.json"
run_case serial "$DOCS/qemu-7.2-pc-i440fx-serial-vmdesc.json" -serial null

# QEMU loads what pcemu writes.
"$TOOLS/vmsreencode" --poke pc.ram:0x7000:0x5a plain.stream poked.stream
cmp -s plain.stream poked.stream && { echo "poke changed nothing"; exit 1; }
"$PCEMU_IMG" vmstate-save plain.qcow2 s2 poked.stream
qemu-img check -q plain.qcow2
printf 'loadvm s2\nxp /1bx 0x7000\ninfo registers\nquit\n' |
    qemu-system-i386 -S -M pc-i440fx-7.2 -m 32 -nodefaults -display none -accel tcg \
        -drive file=plain.qcow2,if=ide,format=qcow2 -monitor stdio 2>&1 |
    tr -d '\r' | sed 's/\x1b\[[0-9;]*[A-Za-z]//g' > poked.monitor
grep -a -q '^0000000000007000: 0x5a' poked.monitor || { echo "QEMU does not show the poked byte"; cat poked.monitor; exit 1; }
eip=$(python3 -c 'import json,sys; d=json.load(open("plain.dump.json")); print([v for k,v in d.items() if k.startswith("cpu (")][0]["env.eip"][2:].lower())')
grep -a -q "EIP=$eip" poked.monitor || { echo "QEMU's EIP after loadvm is not the saved $eip"; grep -a EIP poked.monitor; exit 1; }
grep -a -i -q "error" poked.monitor && { echo "QEMU reported an error"; cat poked.monitor; exit 1; }
echo "QEMU 7.2 loaded the pcemu-written stream: poked byte 0x5a at 0x7000, EIP=$eip"

grep -q '"serial (' serial.dump.json || { echo "no serial section with -serial null"; exit 1; }
echo "snap_qemu: ok"
