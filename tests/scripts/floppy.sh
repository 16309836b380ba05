#!/bin/sh
# floppy.sh: floppy drives (-fda, -fdb, -drive if=floppy) and -boot a, beside QEMU 7.2.
# The guest is images/floppy/fdboot.asm on a FAT12 image made by mkfs.fat and filled by
# mcopy: SeaBIOS boots it from drive A, it reads every root-directory file through int 13h
# (FAT12 chains), overwrites WRITE.TXT's first sector through int 13h, reads three sectors
# by programming the controller for non-DMA transfers, and prints it all on COM1.
#   1. Five media (1.44 MB, 720 KB, 2.88 MB, 1.2 MB, 360 KB; the drive type and geometry
#      come from the image size): the file, write and PIO lines must be what Python
#      computes from the files and sectors mcopy put there; the write must land in the
#      image (mtype reads the pattern back, fsck.fat finds the file system clean), and
#      QEMU (-icount shift=3,sleep=off) must print the same lines (the int 13h drive
#      parameters and the error for a sector past the track included), exit as pcemu
#      does (0, on the guest's reset under -no-reboot) and leave a byte-identical image.
#   2. The same through -drive if=floppy,format=qcow2 (image converted back: identical),
#      readonly=on (the write fails with status 03, write protected, on both), and with a
#      second drive (-fdb: two drives in the CMOS and int 13h AH=08).
#   3. Snapshots (the floppy read-only beside a qcow2 disk that takes the snapshot; a
#      writable raw floppy refuses the save with QEMU's message): the "fdc", "dma" sections
#      and the CMOS bytes equal QEMU's right after reset; gdb stops both emulators at the
#      guest's pio_mid (700 of 1536 bytes into a non-DMA READ, after SeaBIOS's reads) and
#      `monitor savevm`: the "fdc" and "dma" sections are equal, and each emulator loads
#      the other's snapshot and finishes the transfer: output before the save followed by
#      the output after the load equals an uninterrupted run's.
# Nothing depends on host speed: guests poll, runs end on the guest's reset, and the
# timeouts only end a hung run.
set -u
for t in nasm mkfs.fat mcopy mtype fsck.fat qemu-img; do
    command -v $t >/dev/null || { echo "$t missing"; exit 77; }
done
ROOT=$(pwd)
QEMU=$(command -v qemu-system-i386 || true)
GDB=$(command -v gdb || true)
cd "$TMPDIR_TEST"
fail() { echo "FAIL: $*"; exit 1; }
MACH="-M pc-i440fx-7.2,acpi=off,hpet=off,vmport=off
      -cpu pentium2,-mmx,-apic,-pae,-mce,-mca,-vme,-de,-fxsr,-pse36,-hypervisor
      -m 32 -nodefaults -display none -no-reboot -boot a -icount shift=3,sleep=off
      -rtc base=2020-01-01,clock=vm"
nasm -f bin -l fdboot.lst -o fdboot.bin "$ROOT/images/floppy/fdboot.asm" || fail "nasm"
off=$(awk '$4 == "pio_mid:" { print $2 }' fdboot.lst)
[ -n "$off" ] || fail "pio_mid not found in the listing"
MID=$(printf '0x%x' $((0x7c00 + 0x$off)))

# The files (fixed contents and dates, so every image of one size is the same).
printf 'Hello from a FAT floppy\r\n' > HELLO.TXT
python3 -c 'import random; open("RANDOM.BIN", "wb").write(random.Random(16).randbytes(20000))'
python3 -c 'open("WRITE.TXT", "wb").write(b"." * 1000)'
: > EMPTY.TXT
touch -d 2020-01-01 HELLO.TXT RANDOM.BIN WRITE.TXT EMPTY.TXT

mkimg() {   # NAME KB: a FAT12 image with the boot program and the files
    rm -f "$1"
    mkfs.fat -C -R 8 -i 12345678 -n PCEMUFD "$1" "$2" >/dev/null || fail "mkfs.fat $1"
    python3 - "$1" <<'PY' || fail "boot sector into $1"
import sys
img = bytearray(open(sys.argv[1], "rb").read())
boot = open("fdboot.bin", "rb").read()
img[0:3] = boot[0:3]                    # the jump; mkfs.fat's parameter block stays
img[0x3e:len(boot)] = boot[0x3e:]       # boot code, signature, second stage (reserved)
open(sys.argv[1], "wb").write(img)
PY
    mcopy -m -i "$1" HELLO.TXT RANDOM.BIN WRITE.TXT EMPTY.TXT :: || fail "mcopy into $1"
}

# The lines the guest must print for image $1 ($2 = rw or ro), from the files and the
# image's own sectors; the BIOS-specific lines (params, bad) are compared with QEMU only.
expect() {
    python3 - "$1" "$2" <<'PY'
import sys
img = open(sys.argv[1], "rb").read()
def sums(b):
    a = s = 0
    for x in b:
        a = (a + x) & 0xffffffff
        s = (s + a) & 0xffffffff
    return "%08X %08X" % (a, s)
print("FD boot dl=00")
for n in ["HELLO.TXT", "RANDOM.BIN", "WRITE.TXT", "EMPTY.TXT"]:
    b = open(n, "rb").read()
    base, ext = n.split(".")
    print("FD file %-8s-%-3s size %08X sum %s" % (base, ext, len(b), sums(b)))
pat = b"written by the guest through int 13h AH=03\r\n"
pat += bytes(ord("a") + i % 26 for i in range(len(pat), 512))
if sys.argv[2] == "rw":
    print("FD write ax=0000 back ax=0000 sum %s" % sums(pat))
else:
    print("FD write ax=0300 back ax=0000 sum %s" % sums(open("WRITE.TXT", "rb").read()[:512]))
print("FD pio mid")
print("FD pio sum %s st 20 00 00 00 00 03 02 " % sums(img[0:1536]))
print("FD done")
PY
}
lines() { grep -v '^FD params\|^FD bad' "$1"; }

run() {   # NAME EMULATOR ARGS...: serial to NAME.out (no CRs), exit status to NAME.rc
    name=$1; emu=$2; shift 2
    if [ "$emu" = pcemu ]; then
        timeout 600 "$PCEMU" $MACH "$@" -serial file:"$name.raw" -run-for 60s 2>"$name.err"
    else
        timeout 600 "$QEMU" $MACH "$@" -serial file:"$name.raw" 2>"$name.err"
    fi
    echo $? > "$name.rc"
    tr -d '\r' < "$name.raw" > "$name.out"
}
same_as_qemu() {   # NAME: QEMU's run NAME.q printed and exited as pcemu's NAME.p
    [ -n "$QEMU" ] || return 0
    [ "$(cat "$1.p.rc")" = "$(cat "$1.q.rc")" ] ||
        { cat "$1.q.err"; fail "$1: exit status pcemu $(cat "$1.p.rc"), QEMU $(cat "$1.q.rc")"; }
    cmp -s "$1.q.out" "$1.p.out" ||
        { diff "$1.q.out" "$1.p.out"; fail "$1: QEMU's guest printed other lines (< QEMU, > pcemu)"; }
}

# ---- 1. five media, read and written ----
for kb in 1440 720 2880 1200 360; do
    mkimg fd$kb.img $kb
    cp fd$kb.img fd$kb.orig
    expect fd$kb.img rw > fd$kb.want
    cp fd$kb.img fd$kb.q.img
    run fd$kb.p pcemu -fda fd$kb.img
    [ "$(cat fd$kb.p.rc)" = 0 ] || { cat fd$kb.p.err; fail "pcemu on $kb KB exited $(cat fd$kb.p.rc)"; }
    lines fd$kb.p.out | cmp -s fd$kb.want - ||
        { lines fd$kb.p.out | diff fd$kb.want -; fail "$kb KB: the guest printed other lines (< want)"; }
    mtype -i fd$kb.img ::WRITE.TXT > write.got || fail "$kb KB: mtype"
    python3 - write.got <<'PY' || fail "$kb KB: WRITE.TXT does not hold the guest's sector"
import sys
got = open(sys.argv[1], "rb").read()
pat = b"written by the guest through int 13h AH=03\r\n"
pat += bytes(ord("a") + i % 26 for i in range(len(pat), 512))
assert got == pat + b"." * 488, got[:80]
PY
    fsck.fat -n fd$kb.img >fsck.out 2>&1 || { cat fsck.out; fail "$kb KB: fsck.fat after the guest's write"; }
    cmp -l fd$kb.orig fd$kb.img | wc -l > changed
    [ "$(cat changed)" -gt 0 ] && [ "$(cat changed)" -le 512 ] || fail "$kb KB: $(cat changed) bytes changed"
    line="$kb KB: $(grep -c '^FD file' fd$kb.p.out) files, the write and the PIO read as computed"
    if [ -n "$QEMU" ]; then
        run fd$kb.q qemu -drive file=fd$kb.q.img,if=floppy,format=raw
        same_as_qemu fd$kb
        cmp fd$kb.q.img fd$kb.img || fail "$kb KB: QEMU's image differs from pcemu's"
        line="$line; QEMU 7.2 the same (exit $(cat fd$kb.q.rc), images identical)"
    fi
    echo "$line"
done

# ---- 2. qcow2, read-only, two drives ----
cp fd1440.orig q.raw
qemu-img convert -f raw -O qcow2 q.raw fdq.qcow2 || fail "convert to qcow2"
run q.p pcemu -drive file=fdq.qcow2,if=floppy,format=qcow2
cmp -s fd1440.p.out q.p.out || { diff fd1440.p.out q.p.out; fail "qcow2 floppy: other lines than raw"; }
qemu-img convert -O raw fdq.qcow2 q.back || fail "convert back"
cmp q.back fd1440.img || fail "qcow2 floppy: the guest's write differs from the raw one's"
echo "qcow2 floppy: the same lines and the same write as raw"

expect fd1440.orig ro > ro.want
cp fd1440.orig ro.img
run ro.p pcemu -drive file=ro.img,if=floppy,format=raw,readonly=on
lines ro.p.out | cmp -s ro.want - || { lines ro.p.out | diff ro.want -; fail "readonly=on: other lines"; }
cmp ro.img fd1440.orig || fail "readonly=on: the image changed"
cp fd1440.orig b.img && cp fd1440.orig b2.img
run two.p pcemu -fda b.img -drive file=b2.img,if=floppy,index=1,format=raw
grep -q '^FD params ax=0000 bx=0004 cx=4F12 dx=0102' two.p.out || fail "two drives: $(grep params two.p.out)"
if [ -n "$QEMU" ]; then
    cp fd1440.orig ro.q.img && cp fd1440.orig bq.img && cp fd1440.orig bq2.img
    run ro.q qemu -drive file=ro.q.img,if=floppy,format=raw,readonly=on
    same_as_qemu ro
    run two.q qemu -drive file=bq.img,if=floppy,format=raw -drive file=bq2.img,if=floppy,index=1,format=raw
    same_as_qemu two
    echo "readonly=on (write status 03) and two drives (int 13h: 2 drives): as QEMU"
else
    echo "readonly=on (write status 03) and two drives (int 13h: 2 drives)"
fi

# ---- 3. snapshots ----
cp fd1440.orig s.img
qemu-img create -q -f qcow2 w.qcow2 1M
"$PCEMU" $MACH -fda s.img -hda w.qcow2 -S -snapshot save x 2>refuse.err && fail "a writable raw floppy saved"
grep -q "Device 'floppy0' is writable but does not support snapshots" refuse.err ||
    { cat refuse.err; fail "the refusal's message"; }
if [ -n "$QEMU" ]; then
    printf 'savevm x\nquit\n' | timeout 600 "$QEMU" $MACH -fda s.img -hda w.qcow2 -S -monitor stdio \
        >refuse.q 2>&1
    grep -q "Device 'floppy0' is writable but does not support snapshots" refuse.q ||
        { cat refuse.q; fail "QEMU's refusal reads otherwise"; }
fi
echo "a writable raw floppy refuses savevm (QEMU's message)"

FD="-drive file=s.img,if=floppy,format=raw,readonly=on"
sections() {   # IMAGE SNAPSHOT: the fdc and dma sections and the CMOS bytes, as JSON lines
    "$PCEMU_IMG" vmstate dump "$1" "$2" > dump.json || fail "vmstate dump $1 $2"
    python3 - dump.json <<'PY'
import json, sys
for k, v in json.load(open(sys.argv[1])).items():
    n = k.split(" (")[0]
    if n in ("fdc", "dma"):
        print(n, json.dumps(v, sort_keys=True))
    if n == "mc146818rtc":
        print("cmos", v["cmos_data"])
PY
}
qemu-img create -q -f qcow2 p0.qcow2 1M
"$PCEMU" $MACH $FD -no-fd-bootchk -hda p0.qcow2 -S -snapshot save s0 2>/dev/null || fail "pcemu save at reset"
sections p0.qcow2 s0 > p0.sec
grep -q '"media_rate": "0x00"' p0.sec || fail "no media rate 0 in pcemu's fdc section"
if [ -n "$QEMU" ]; then
    qemu-img create -q -f qcow2 q0.qcow2 1M
    printf 'savevm s0\nquit\n' | timeout 600 "$QEMU" $MACH $FD -no-fd-bootchk -hda q0.qcow2 -S -monitor stdio \
        >/dev/null 2>&1 || fail "QEMU save at reset"
    sections q0.qcow2 s0 > q0.sec
    diff q0.sec p0.sec || fail "at reset: fdc, dma or CMOS differ (< QEMU, > pcemu)"
    echo "at reset: the fdc and dma sections and the CMOS (with -no-fd-bootchk) equal QEMU's"
fi

if [ -z "$GDB" ]; then
    echo "gdb missing: the mid-transfer saves are skipped"
    echo "floppy: ok"
    exit 0
fi
. "$ROOT/tests/gdbport.sh"   # free_port, wait_port
printf 'break *%s\ncontinue\nmonitor savevm mid\nkill\n' "$MID" > mid.gdb
save_mid() {   # NAME EMULATOR: runs to pio_mid under gdb, saves "mid" into NAME.qcow2
    qemu-img create -q -f qcow2 "$1.qcow2" 1M
    port=$(free_port)
    if [ "$2" = pcemu ]; then emu=$PCEMU; else emu=$QEMU; fi
    timeout 600 "$emu" $MACH $FD -hda "$1.qcow2" -serial file:"$1.pre" \
        -gdb tcp:127.0.0.1:$port -S 2>"$1.err" &
    pid=$!
    wait_port $port "$1.err" $pid
    timeout 600 "$GDB" -batch -nx -ex "target remote 127.0.0.1:$port" -x mid.gdb >"$1.gdb" 2>&1 ||
        { cat "$1.gdb"; fail "$1: gdb"; }
    wait $pid
    grep -q "^Breakpoint 1, $(printf '0x%08x' $MID) in" "$1.gdb" || { cat "$1.gdb"; fail "$1: not stopped at pio_mid"; }
    qemu-img snapshot -l "$1.qcow2" | grep -q " mid " || { cat "$1.gdb" "$1.err"; fail "$1: no snapshot"; }
    tr -d '\r' < "$1.pre" > "$1.txt" && mv "$1.txt" "$1.pre"
}
loadvm() {   # NAME EMULATOR IMAGE: -loadvm mid from IMAGE, the guest's output to NAME.post
    if [ "$2" = pcemu ]; then
        timeout 600 "$PCEMU" $MACH $FD -hda "$3" -loadvm mid -serial file:"$1.post" -run-for 60s \
            2>"$1.err" || { cat "$1.err"; fail "$1: pcemu -loadvm"; }
    else
        timeout 600 "$QEMU" $MACH $FD -hda "$3" -loadvm mid -serial file:"$1.post" 2>"$1.err" ||
            { cat "$1.err"; fail "$1: QEMU -loadvm"; }
    fi
    tr -d '\r' < "$1.post" > "$1.txt" && mv "$1.txt" "$1.post"
}
run full.p pcemu $FD
mv full.p.out full.txt
save_mid pmid pcemu
sections pmid.qcow2 mid | grep -v '^cmos' > pmid.sec   # QEMU's RTC follows the host clock
grep -q '"data_pos": "0x000002bd"' pmid.sec || fail "pcemu's save is not 701 bytes into the transfer"
cp pmid.qcow2 pmid-load.qcow2
loadvm pp pcemu pmid-load.qcow2
cat pmid.pre pp.post | cmp -s full.txt - || { cat pmid.pre pp.post | diff full.txt -; fail "pcemu -> pcemu"; }
echo "pcemu saved 701 bytes into a non-DMA READ and went on from there"
if [ -n "$QEMU" ]; then
    save_mid qmid qemu
    sections qmid.qcow2 mid | grep -v '^cmos' > qmid.sec
    diff qmid.sec pmid.sec || fail "mid-transfer: fdc or dma differ (< QEMU, > pcemu)"
    cp qmid.qcow2 qmid-load.qcow2
    loadvm qp pcemu qmid-load.qcow2
    cat qmid.pre qp.post | cmp -s full.txt - || { cat qmid.pre qp.post | diff full.txt -; fail "QEMU -> pcemu"; }
    loadvm pq qemu pmid.qcow2
    cat pmid.pre pq.post | cmp -s full.txt - || { cat pmid.pre pq.post | diff full.txt -; fail "pcemu -> QEMU"; }
    echo "mid-transfer: fdc and dma equal QEMU's; QEMU -> pcemu and pcemu -> QEMU finish the transfer"
fi
echo "floppy: ok"
