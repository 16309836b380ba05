#!/bin/sh
# mmx_xload.sh: snapshots taken inside MMX code and between FXSAVE and FXRSTOR cross
# between pcemu and QEMU 7.2 under the same -cpu (pentium2 with MMX and FXSR).
# tests/data/mmx_xload.asm keeps its state in MM0-MM7 and round-trips it through
# FXSAVE/FXRSTOR every round, printing the registers every 2048 rounds.
#  1. pcemu runs it through: the reference output (and QEMU's own run must equal it).
#  2. pcemu saves at 6 instruction counts a few apart (inside one round, so in the MMX
#     sequence and in the FXSAVE..FXRSTOR window); QEMU -loadvm continues each: what pcemu
#     printed before the save plus what QEMU printed after it equals the reference.
#  3. QEMU saves (HMP stop + savevm once it has printed 3 lines: wherever it stopped, the
#     check holds); pcemu -loadvm continues: QEMU's lines before plus pcemu's after equal
#     the reference.
# The steps are tests/xload.sh's.
set -u
command -v qemu-system-i386 >/dev/null || { echo "qemu-system-i386 missing"; exit 77; }
command -v nasm >/dev/null || { echo "nasm missing"; exit 77; }
ROOT=$(pwd)
. "$ROOT/tests/xload.sh"
cd "$TMPDIR_TEST"
xload_setup mmx_xload.asm pentium2,-apic,-pae,-mce,-mca,-de,-pse36,-hypervisor 200
xload_reference
xload_pcemu_to_qemu 200000 200005 200011 200016 200022 200027
xload_qemu_to_pcemu
