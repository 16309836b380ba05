#!/bin/sh
# snap_qemu.sh: real QEMU 7.2 savevm streams (qemu-system-i386 -M pc-i440fx-7.2 -m 32
# -nodefaults, SeaBIOS, an IDE qcow2 disk, `savevm` through the HMP monitor; once plain and
# once with -serial null) through pcemu's snapshot/ code:
#   - pcemu-img vmstate dump decodes every section, field and subsection, no byte left
#     over, and its RAM block names and sizes equal QEMU's `info ramblock`;
#   - --extract writes each RAM block as a file of the block's size;
#   - vmsreencode loads the stream with pcemu's loader into tables built from the stream's
#     vmdesc and saves it again with pcemu's writer: the bytes equal QEMU's exactly;
#   - vmsreencode --hostile (ASan/UBSan build): byte flips, truncations at every section
#     boundary, huge lengths, unknown sections/subsections, bad footers, wrong machine type.
set -e
command -v qemu-system-i386 >/dev/null || { echo "qemu-system-i386 missing"; exit 77; }
command -v qemu-img >/dev/null || { echo "qemu-img missing"; exit 77; }
cd "$TMPDIR_TEST"
HOSTILE="${TOOLS%/tests/tools}/asan/tests/tools/vmsreencode"
[ -x "$HOSTILE" ] || HOSTILE="$TOOLS/vmsreencode"

run_case() {   # $1 = name, rest = extra QEMU options
    name=$1; shift
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

run_case plain
run_case serial -serial null
grep -q '"serial (' serial.dump.json || { echo "no serial section with -serial null"; exit 1; }
echo "snap_qemu: ok"
