#!/bin/sh
# devs_qemu.sh: the ISA chips against real QEMU 7.2 savevm streams. QEMU
# (qemu-system-i386 -M pc-i440fx-7.2 -m 32 -nodefaults, SeaBIOS, an empty IDE disk) runs
# until SeaBIOS tries to boot the disk (its debug console says so), so that it has
# programmed the PICs, PIT, RTC, 8042 and DMA however long that takes, then `savevm`
# through the monitor; once plain and once with -serial null. For each stream:
#   - devs_qemu_load loads every chip section (i8259 x2, i8254, pcspk, mc146818rtc,
#     serial, ps2kbd, ps2mouse, pckbd, dma x2, port92) into pcemu's devices with their own
#     tables, checks each load ends at the section footer, saves again and requires QEMU's
#     bytes (the RTC's host-clock fields excepted, they are re-based);
#   - the vmdesc JSON pcemu writes for each of those sections equals the entry QEMU wrote
#     into the same stream.
set -e
command -v qemu-system-i386 >/dev/null || { echo "qemu-system-i386 missing"; exit 77; }
command -v qemu-img >/dev/null || { echo "qemu-img missing"; exit 77; }
cd "$TMPDIR_TEST"

run_case() {   # $1 = name, rest = extra QEMU options
    name=$1; shift
    qemu-img create -q -f qcow2 "$name.qcow2" 16M
    # the bound (10 minutes) only catches a QEMU that never gets there
    { i=0
      until grep -q "Booting from Hard Disk" "$name.dbg" 2>/dev/null || [ $i -ge 6000 ]; do
          sleep 0.1; i=$((i + 1))
      done
      printf 'savevm s1\nquit\n'; } |
        qemu-system-i386 -M pc-i440fx-7.2 -m 32 -nodefaults -display none -accel tcg \
            -drive file="$name.qcow2",if=ide,format=qcow2 "$@" -monitor stdio \
            -chardev file,id=dbg,path="$name.dbg" -device isa-debugcon,iobase=0x402,chardev=dbg \
            > "$name.monitor" 2>&1
    grep -q "Booting from Hard Disk" "$name.dbg" || { echo "$name: SeaBIOS did not boot"; exit 1; }
    "$PCEMU_IMG" vmstate-extract "$name.qcow2" s1 > "$name.stream"
    "$TOOLS/devs_qemu_load" "$name.stream" > "$name.pcemu.txt" 2> "$name.state"
    cat "$name.state"
    # the point of the wait: the PICs carry SeaBIOS's vector bases (a save after a fixed
    # host time on a busy host had them at reset, 0/0)
    grep -q "PIC bases 0x8/0x70 " "$name.state" || { echo "$name: saved before SeaBIOS set up the PICs"; exit 1; }
    python3 - "$name.stream" "$name.pcemu.txt" <<'PY'
import json, sys
raw = open(sys.argv[1], "rb").read()
at = raw.rfind(b'{"page_size"')
assert at > 5 and raw[at - 5] == 0x06, "no vmdesc record at the end of the stream"
n = int.from_bytes(raw[at - 4:at], "big")
desc = json.loads(raw[at:at + n])
qemu = {(d["name"], d["instance_id"]): {k: v for k, v in d.items() if k not in ("name", "instance_id")}
        for d in desc["devices"]}
count = 0
for line in open(sys.argv[2]):
    idstr, inst, js = line.split(" ", 2)
    key = (idstr, int(inst))
    assert key in qemu, "QEMU's vmdesc has no %s %s" % key
    ours = json.loads(js)
    assert ours == qemu[key], "%s %s: vmdesc differs\n pcemu %s\n QEMU  %s" % (idstr, inst, ours, qemu[key])
    count += 1
print("vmdesc: %d sections equal QEMU's" % count)
PY
    echo "$name: sections loaded, re-saved byte for byte"
}

run_case plain
run_case serial -serial null
grep -q '^serial 0 ' serial.pcemu.txt || { echo "no serial section with -serial null"; exit 1; }
echo "devs_qemu: ok"
