#!/bin/sh
# build.sh OUTDIR [FLAVOUR DEBS]: the Linux test guest, OUTDIR/linux.qcow2, from Debian 12
# packages and without root (no loop device, no mount):
#   - DEBS (default OUTDIR/debs): the i386 kernel of FLAVOUR (686, the default, or
#     686-pae: the linux-image-6.1.0-*-FLAVOUR that apt's linux-image-FLAVOUR depends on)
#     and busybox-static, fetched with apt-get download (the i386 architecture is added by
#     install-deps.sh) and kept: a .deb already there is not fetched again;
#   - the kernel image taken out of its package (dpkg-deb; the modules are not needed:
#     the serial port, devtmpfs and the initramfs are built into Debian's kernel), and an
#     initramfs of busybox, images/linux/init (mkdisk.py initramfs) and, in /lib/modules/,
#     the floppy driver module, floppy.ko, which tests/scripts/floppy_linux.sh loads, and
#     the CD-ROM's, which tests/scripts/cdrom_linux.sh loads in this order (each after
#     what it depends on, modinfo's depends=): scsi_common, scsi_mod, libata, ata_piix
#     (the PIIX3 IDE), cdrom, sr_mod (/dev/sr0), isofs;
#   - an ext2 partition image populated from a directory (mke2fs -d) with the kernel, the
#     initramfs and grub.cfg (serial console, no menu delay, console=ttyS0);
#   - GRUB 2's core.img for i386-pc (grub-mkimage, from grub-pc-bin) with the modules that
#     read that partition and boot Linux, then the disk (mkdisk.py disk) and its qcow2;
#   - OUTDIR/vmlinuz and OUTDIR/initrd.img: the same kernel and initramfs as files.
set -eu
out=$1
flavour=${2:-686}
debs=${3:-$out/debs}
here=$(cd "$(dirname "$0")" && pwd)
GRUB_DIR=/usr/lib/grub/i386-pc
mkdir -p "$out" "$debs"

# $1 = package (arch included); leaves its .deb in debs/ unless one is there already.
fetch() {
    stem=${1%:i386}
    ls "$debs/${stem}"_*_i386.deb >/dev/null 2>&1 && return 0
    echo "build.sh: apt-get download $1"
    (cd "$debs" && apt-get download -q "$1")
}
deb_of() { ls "$debs/$1"_*_i386.deb | tail -n 1; }

kernel=$(ls "$debs" | sed -n "s/^\(linux-image-6\.1\.0-[0-9]*-$flavour\)_.*_i386\.deb\$/\1/p" | tail -n 1)
if [ -z "$kernel" ]; then
    kernel=$(apt-cache show --no-all-versions "linux-image-$flavour:i386" |
        sed -En "s/^Depends:.*(linux-image-6\.1\.0-[0-9]+-$flavour)( .*|,.*|)\$/\1/p" | head -n 1)
    [ -n "$kernel" ] || { echo "build.sh: apt offers no linux-image-$flavour:i386 (run ./install-deps.sh)" >&2; exit 1; }
fi
fetch "$kernel:i386"
fetch busybox-static:i386

tmp="$out/build"
rm -rf "$tmp"
mkdir -p "$tmp/x" "$tmp/root/boot/grub"
modules="drivers/block/floppy drivers/scsi/scsi_common drivers/scsi/scsi_mod drivers/ata/libata
    drivers/ata/ata_piix drivers/cdrom/cdrom drivers/scsi/sr_mod fs/isofs/isofs"
kdeb=$(deb_of "$kernel")
set -f   # the members' wildcards are tar's
dpkg-deb --fsys-tarfile "$kdeb" | tar -x -C "$tmp/x" --wildcards './boot/vmlinuz-*' \
    $(for m in $modules; do echo "./lib/modules/*/kernel/$m.ko"; done)
set +f
dpkg-deb --fsys-tarfile "$(deb_of busybox-static)" | tar -x -C "$tmp/x" ./bin/busybox
mv "$tmp"/x/boot/vmlinuz-* "$tmp/root/boot/vmlinuz"
python3 "$here/mkdisk.py" initramfs "$tmp/initrd.cpio" "$here/init" "$tmp/x/bin/busybox" \
    $(for m in $modules; do echo "$tmp"/x/lib/modules/*/kernel/$m.ko; done)
gzip -n -9 <"$tmp/initrd.cpio" >"$tmp/root/boot/initrd.img"

# No menu and no delay (timeout 0): the console output is the same on every boot. The
# kernel: console on COM1, and earlyprintk there too, so that what the kernel says
# before its console starts (such as "x86/fpu: Giving up, no FPU found") is seen;
# nokaslr, so that no RDTSC-seeded random placement enters the boot; panic=-1 reboots at
# once on a panic, which -no-reboot turns into the end of the run instead of a hang.
# The crypto self-tests stay on (about 25 of the ~33 virtual seconds to the prompt, but
# mostly idle, so little wall time): they check a lot of CPU arithmetic against known
# answers.
cat >"$tmp/root/boot/grub/grub.cfg" <<CFG
serial --unit=0 --speed=115200
terminal_input serial
terminal_output serial
set timeout=0
menuentry "Debian 12 $kernel, busybox initramfs" {
    linux /boot/vmlinuz console=ttyS0 earlyprintk=serial,ttyS0,115200 nokaslr panic=-1
    initrd /boot/initrd.img
}
CFG

# 16 MiB of ext2 with a fixed UUID, hash seed and creation time (nothing random in the
# superblock; the inodes keep the files' times, so two builds' images still differ
# there); 4 KiB blocks, because GRUB reads a file a block at a time through the BIOS
# (1 KiB blocks made the load of kernel and initramfs several times slower).
E2FSPROGS_FAKE_TIME=1 mke2fs -q -F -t ext2 -b 4096 -L linuxguest \
    -U 6c696e75-7867-7565-7374-000000000001 \
    -E hash_seed=6c696e75-7867-7565-7374-000000000002,root_owner=0:0 \
    -d "$tmp/root" "$tmp/part.img" 16M >/dev/null
grub-mkimage -O i386-pc -d "$GRUB_DIR" -o "$tmp/core.img" -p '(hd0,msdos1)/boot/grub' \
    biosdisk part_msdos ext2 normal linux serial terminal
python3 "$here/mkdisk.py" disk "$tmp/disk.raw" "$GRUB_DIR/boot.img" "$tmp/core.img" "$tmp/part.img"
qemu-img convert -f raw -O qcow2 "$tmp/disk.raw" "$out/linux.qcow2.tmp"
# The kernel and initramfs also stay beside the disk, for -kernel/-initrd boots
# (tests/scripts/kernel_boot.sh); the disk goes last, so make's target is newest.
cp "$tmp/root/boot/vmlinuz" "$out/vmlinuz"
cp "$tmp/root/boot/initrd.img" "$out/initrd.img"
mv "$out/linux.qcow2.tmp" "$out/linux.qcow2"
echo "$kernel" >"$out/kernel.txt"
rm -rf "$tmp"
