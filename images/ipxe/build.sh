#!/bin/sh
# build.sh OUTDIR: OUTDIR/ipxe.iso, a GRUB 2 CD (grub-mkrescue, i386-pc only) that boots
# Debian 12's ipxe.lkrn (package ipxe, architecture all) with GRUB on the serial console
# and no menu delay. The package is fetched with apt-get download into OUTDIR/debs and
# kept (a .deb already there is not fetched again), then unpacked (dpkg-deb), never
# installed.
set -eu
out=$1
GRUB_DIR=/usr/lib/grub/i386-pc
mkdir -p "$out/debs"
ls "$out"/debs/ipxe_*_all.deb >/dev/null 2>&1 || (cd "$out/debs" && apt-get download -q ipxe)
tmp="$out/build"
rm -rf "$tmp"
mkdir -p "$tmp/x" "$tmp/iso/boot/grub"
dpkg-deb --fsys-tarfile "$(ls "$out"/debs/ipxe_*_all.deb | tail -n 1)" | tar -x -C "$tmp/x" ./boot/ipxe.lkrn
cp "$tmp/x/boot/ipxe.lkrn" "$tmp/iso/boot/ipxe.lkrn"
cat >"$tmp/iso/boot/grub/grub.cfg" <<CFG
serial --unit=0 --speed=115200
terminal_input serial console
terminal_output serial console
set timeout=0
menuentry "iPXE" {
    linux16 /boot/ipxe.lkrn
}
CFG
grub-mkrescue -d "$GRUB_DIR" -o "$out/ipxe.iso.tmp" "$tmp/iso" 2>/dev/null
mv "$out/ipxe.iso.tmp" "$out/ipxe.iso"
rm -rf "$tmp"
