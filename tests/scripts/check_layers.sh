#!/bin/sh
# check_layers.sh: tests/check-layers.sh passes on the tree and catches each kind of bad
# include, planted in a copy of the tree: upward, between folders of one rank, a device
# including another device, the IDE folder and the other chips or the CPU including each
# other, and a file in a folder tests/layers.txt does not list.
set -e
ROOT=$(pwd)
fail() { echo "FAIL: $*"; exit 1; }
tests/check-layers.sh > "$TMPDIR_TEST/ok.out" || { cat "$TMPDIR_TEST/ok.out"; fail "the tree itself fails the check"; }
plant() {    # NAME FILE LINE EXPECTED-TEXT: the check fails on a copy with LINE added to FILE
    rm -rf "$TMPDIR_TEST/t"; mkdir -p "$TMPDIR_TEST/t/tests"
    cp -r emu snapshot block firmware "$TMPDIR_TEST/t/"; cp tests/layers.txt "$TMPDIR_TEST/t/tests/"
    mkdir -p "$TMPDIR_TEST/t/$(dirname "$2")"
    echo "$3" >> "$TMPDIR_TEST/t/$2"
    if ROOT="$TMPDIR_TEST/t" LAYERS="$TMPDIR_TEST/t/tests/layers.txt" tests/check-layers.sh > "$TMPDIR_TEST/$1.out"; then
        fail "$1: the check passed"
    fi
    grep -q "$4" "$TMPDIR_TEST/$1.out" || { cat "$TMPDIR_TEST/$1.out"; fail "$1: no '$4' in the check's output"; }
    echo "caught: $(head -n 1 "$TMPDIR_TEST/$1.out")"
}
plant upward block/qcow2.c '#include "emu/machine/machine.h"' upward
plant snapshot_up snapshot/format/stream.c '#include "snapshot/vm/savevm.h"' upward
plant cpu_dev emu/cpu/exec.c '#include "emu/dev/pic.h"' 'share rank'
plant dev_dev emu/dev/pit.c '#include "emu/dev/pic.h"' 'only its own header'
plant ide_dev emu/dev/ide/ata.c '#include "emu/dev/pic.h"' 'share rank'
plant dev_ide emu/dev/pit.c '#include "emu/dev/ide/ide-int.h"' 'share rank'
plant ide_cpu emu/dev/ide/bmdma.c '#include "emu/cpu/cpu.h"' 'share rank'
plant qmp_hmp emu/remote/qmp.c '#include "emu/front/hmp.h"' upward
plant unlisted emu/newdir/x.c '#include "emu/base/base.h"' 'does not list'
echo "check_layers: ok"
