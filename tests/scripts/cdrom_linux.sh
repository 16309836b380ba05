#!/bin/sh
# cdrom_linux.sh: the Linux test guest ($O/images/linux/linux.qcow2) reads an ISO given with
# -cdrom through its own drivers (ata_piix, sr_mod, isofs and what they need, in the
# initramfs's /lib/modules, images/linux/build.sh), on pcemu and on QEMU 7.2 with the same
# command line (tests/tools/linux_guest.py's machine plus -cdrom cd.iso). At the guest's
# prompt the test types: load the modules, print the md5 of the whole of /dev/sr0 and,
# after mounting it as iso9660, of a 300000-byte file on it. Both sums must be the ISO's
# and the file's on both emulators, and the kernel's line for the drive ("sr 1:0:0:0:
# [sr0] ... cd/rw ...") the same. The guest runs to its "CDEND" line (linux_guest.py:
# nothing depends on host speed).
set -u
command -v xorriso >/dev/null || { echo "xorriso missing"; exit 77; }
ROOT=$(pwd)
IMG=$ROOT/$O/images/linux/linux.qcow2
[ -f "$IMG" ] || { echo "no $IMG (make images)"; exit 1; }
QEMU=$(command -v qemu-system-i386 || true)
cd "$TMPDIR_TEST"
mkdir iso
python3 -c 'import random; open("iso/big.bin", "wb").write(random.Random(7).randbytes(300000))'
printf 'a CD read by Linux\n' > iso/note.txt
xorriso -as mkisofs -quiet -V LINUXCD -o cd.iso iso || { echo "FAIL: xorriso"; exit 1; }
python3 - "$PCEMU" "$QEMU" "$IMG" "$ROOT/tests/tools" <<'PY'
import hashlib, sys
pcemu, qemu, img = sys.argv[1:4]
sys.path.insert(0, sys.argv[4])
import linux_guest
iso = open("cd.iso", "rb").read()
want = ["CDALL %s" % hashlib.md5(iso).hexdigest(),
        "CDFILE %s" % hashlib.md5(open("iso/big.bin", "rb").read()).hexdigest()]
MACHINE = linux_guest.MACHINE + ["-cdrom", "cd.iso"]
COMMAND = (b"for m in scsi_common scsi_mod libata ata_piix cdrom sr_mod isofs; do "
           b"insmod /lib/modules/$m.ko; done; "
           b"echo CDALL $(md5sum < /dev/sr0 | cut -c1-32); "
           b"mount -t iso9660 -o ro /dev/sr0 /tmp && "
           b"echo CDFILE $(md5sum < /tmp/big.bin | cut -c1-32); echo CD''END\n")

fail = linux_guest.fail

def run(name, argv):
    lines, secs = linux_guest.run_lines(name, argv, img, COMMAND, b"CDEND")
    got = [l for l in lines if l.startswith(("CDALL ", "CDFILE "))]
    drive = [l.split("] ", 1)[-1] for l in lines if "[sr0]" in l]
    print("%s: %s; %s (%.0f s)" % (name, drive, ", ".join(got), secs))
    if got != want:
        fail("%s: the guest read %s, the ISO is %s" % (name, got, want))
    if not drive:
        fail("%s: the kernel named no sr0" % name)
    return drive

linux_guest.on_both(run, pcemu, qemu, MACHINE, "kernel's sr0 lines")
PY
[ $? = 0 ] || exit 1
echo "cdrom_linux: ok"
