#!/bin/sh
# install-deps.sh: install the Debian packages pcemu builds and tests with, when missing.
# Runs apt-get as root (or through sudo); does nothing when everything is present.
# The Linux test guest (images/linux/build.sh) also needs dpkg's i386 architecture: its
# kernel and busybox are i386 packages, fetched with apt-get download and unpacked, never
# installed; grub-pc-bin (GRUB for BIOS PCs) installs on amd64 as an ordinary tool.
set -e
PKGS="build-essential pkg-config clang nasm python3 zlib1g-dev libzstd-dev check libqcow-dev
      libqcow-utils libjansson-dev qemu-utils qemu-system-x86 seabios bochs bochsbios
      bochs-x xvfb xauth gdb grub-pc-bin e2fsprogs man-db xorriso mtools dosfstools
      acpica-tools"
missing=""
for p in $PKGS; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing="$missing $p"
done
add_i386=""
dpkg --print-foreign-architectures | grep -qx i386 || add_i386=yes
[ -z "$missing" ] && [ -z "$add_i386" ] && exit 0
SUDO=""
[ "$(id -u)" = 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
if [ -n "$add_i386" ]; then
    echo "install-deps: adding the i386 architecture to dpkg"
    $SUDO dpkg --add-architecture i386
fi
# An index that fails to download (a mirror in sync) is reported and the older one kept;
# what is then missing fails in apt-get install or apt-get download, by name.
$SUDO apt-get update -qq || echo "install-deps: apt-get update reported errors (see above)"
[ -z "$missing" ] && exit 0
echo "install-deps: installing$missing"
$SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
