#!/bin/sh
# install-deps.sh: install the Debian packages pcemu builds and tests with, when missing.
# Runs apt-get as root (or through sudo); does nothing when everything is present.
set -e
PKGS="build-essential pkg-config clang nasm python3 zlib1g-dev libzstd-dev check libqcow-dev
      libqcow-utils libjansson-dev qemu-utils qemu-system-x86 seabios bochs bochsbios
      bochs-x xvfb xauth gdb"
missing=""
for p in $PKGS; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
echo "install-deps: installing$missing"
SUDO=""
[ "$(id -u)" = 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
