#!/bin/sh
# floppy_linux.sh: the Linux test guest ($O/images/linux/linux.qcow2) reads a FAT floppy
# in drive A with its own floppy driver (floppy.ko, in the initramfs as
# /lib/modules/floppy.ko), on pcemu and on QEMU 7.2 with the same command line:
#   -M pc-i440fx-7.2,acpi=off,hpet=off,vmport=off -cpu pentium2,-mmx,... -m 64
#   -icount shift=3,sleep=off -rtc base=2024-01-01T00:00:00,clock=vm -no-reboot
#   -drive file=fd.img,if=floppy,format=raw,readonly=on   (a 1.44 MB mkfs.fat image)
# At the guest's shell prompt the test types: load the module, print the md5 of the first
# 36 sectors of /dev/fd0 (two tracks: the driver's DMA reads, a seek, both heads) and of
# the whole disk. Both sums must be the image's, on both emulators, and the driver's
# "Floppy drive(s): fd0 is 1.44M" line must be there. Input goes in only after the prompt
# is seen, and each run ends at the guest's "FDEND" line, so nothing depends on host speed
# (the timeouts only end a hung run).
set -u
for t in mkfs.fat mcopy; do command -v $t >/dev/null || { echo "$t missing"; exit 77; }; done
ROOT=$(pwd)
IMG=$ROOT/$O/images/linux/linux.qcow2
[ -f "$IMG" ] || { echo "no $IMG (make images)"; exit 1; }
QEMU=$(command -v qemu-system-i386 || true)
cd "$TMPDIR_TEST"
mkfs.fat -C -i 12345678 -n LINUXFD fd.img 1440 >/dev/null || { echo "FAIL: mkfs.fat"; exit 1; }
python3 -c 'import random; open("big.bin", "wb").write(random.Random(5).randbytes(300000))'
printf 'a floppy read by Linux\n' > note.txt
mcopy -i fd.img note.txt big.bin :: || { echo "FAIL: mcopy"; exit 1; }
python3 - "$PCEMU" "$QEMU" "$IMG" "$ROOT/tests/tools" <<'PY'
import hashlib, sys
pcemu, qemu, img = sys.argv[1:4]
sys.path.insert(0, sys.argv[4])
import linux_guest
fd = open("fd.img", "rb").read()
want = ["FDSUM %s" % hashlib.md5(fd[:36 * 512]).hexdigest(),
        "FDALL %s" % hashlib.md5(fd).hexdigest()]
MACHINE = linux_guest.MACHINE + ["-drive", "file=fd.img,if=floppy,format=raw,readonly=on"]
COMMAND = (b"insmod /lib/modules/floppy.ko; "
           b"echo FDSUM $(dd if=/dev/fd0 bs=512 count=36 2>/dev/null | md5sum | cut -c1-32); "
           b"echo FDALL $(md5sum < /dev/fd0 | cut -c1-32); echo FD''END\n")

fail = linux_guest.fail

def run(name, argv):
    lines, secs = linux_guest.run_lines(name, argv, img, COMMAND, b"FDEND")
    got = [l for l in lines if l.startswith(("FDSUM ", "FDALL "))]
    drives = [l for l in lines if "Floppy drive(s):" in l]
    print("%s: %s; %s (%.0f s)" % (name, drives[0] if drives else "no 'Floppy drive(s)' line",
                                   ", ".join(got), secs))
    if got != want:
        fail("%s: the guest read %s, the image is %s" % (name, got, want))
    if not drives or "fd0 is 1.44M" not in drives[0]:
        fail("%s: the driver did not find a 1.44M drive A" % name)
    return drives[0].split("] ", 1)[-1]

linux_guest.on_both(run, pcemu, qemu, MACHINE, "driver's drive lines")
PY
[ $? = 0 ] || exit 1
echo "floppy_linux: ok"
