# xload.sh: the cross-loading steps of tests/scripts/mmx_xload.sh and sse_xload.sh, sourced
# by them from $TMPDIR_TEST (ROOT: the project root; PCEMU set by run-scripts.sh).
#   xload_setup ASM CPU LINES   builds tests/data/ASM for LINES lines as a 256 KiB -bios
#                               image (pc.bios the same size for both) and sets PC and Q,
#                               the two emulators' command lines under -cpu CPU
#   xload_reference             pcemu runs it through: ref (QEMU's own run must equal it)
#   xload_pcemu_to_qemu N...    pcemu saves snapshot p into sN.qcow2 at instruction N; QEMU
#                               -loadvm continues: pcemu's lines before plus QEMU's after
#                               equal ref
#   xload_qemu_to_pcemu         QEMU saves snapshot q into q.qcow2 (HMP stop + savevm once
#                               it has printed 3 lines: wherever it stopped, the check
#                               holds); pcemu -loadvm continues to the same end
fail() { echo "FAIL: $*"; exit 1; }
xload_setup() {
    nasm -f bin -i "$ROOT/images/cpu/" -DLINES="$3" -o x.bin "$ROOT/tests/data/$1" || fail nasm
    head -c 196608 /dev/zero >x256.bin
    cat x.bin >>x256.bin
    BIOS=$(pwd)/x256.bin
    M="-M pc-i440fx-7.2,acpi=off,hpet=off,vmport=off -m 32 -nodefaults -display none -cpu $2 -bios $BIOS"
    PC="$PCEMU $M"
    Q="qemu-system-i386 $M -device isa-debug-exit,iobase=0xf4,iosize=4"
}
xload_reference() {
    $PC -chardev file,id=dbg,path=ref -device isa-debugcon,chardev=dbg -run-until halt 2>ref.err ||
        { cat ref.err; fail "pcemu run"; }
    [ "$(tail -1 ref)" = done ] || fail "pcemu's run did not finish"
    timeout 600 $Q -chardev file,id=dbg,path=qref -device isa-debugcon,chardev=dbg
    cmp -s ref qref || { diff ref qref | head -5; fail "QEMU's and pcemu's runs differ"; }
    echo "ok: reference run, $(wc -l <ref) lines, the same on QEMU"
}
xload_pcemu_to_qemu() {
    for n in "$@"; do
        rm -f s$n.qcow2
        qemu-img create -q -f qcow2 s$n.qcow2 16M
        $PC -chardev file,id=dbg,path=a$n -device isa-debugcon,chardev=dbg \
            -drive file=s$n.qcow2,if=ide,format=qcow2 -run-until icount:$n -snapshot save p 2>a$n.err ||
            { cat a$n.err; fail "pcemu save at $n"; }
        timeout 600 $Q -chardev file,id=dbg,path=b$n -device isa-debugcon,chardev=dbg \
            -drive file=s$n.qcow2,if=ide,format=qcow2 -loadvm p 2>b$n.err
        [ $? = 1 ] || { cat b$n.err; fail "QEMU did not finish after loading pcemu's snapshot at $n"; }
        cat a$n b$n >ab$n
        cmp -s ab$n ref || { diff ref ab$n | head -5; fail "pcemu -> QEMU at icount $n: output differs"; }
        echo "ok: pcemu saved at instruction $n ($(wc -l <a$n) lines printed), QEMU continued to the same end"
    done
}
xload_qemu_to_pcemu() {
    qemu-img create -q -f qcow2 q.qcow2 16M
    python3 - "$Q" <<'PY' || fail "QEMU save"
import subprocess, sys, time, os
q = sys.argv[1].split() + ["-chardev", "file,id=dbg,path=qa", "-device", "isa-debugcon,chardev=dbg",
    "-drive", "file=q.qcow2,if=ide,format=qcow2", "-monitor", "stdio"]
p = subprocess.Popen(q, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
deadline = time.time() + 600
while time.time() < deadline:
    if os.path.exists("qa") and open("qa").read().count("\n") >= 3:
        break
    time.sleep(0.01)
p.stdin.write(b"stop\nsavevm q\nquit\n")
p.stdin.close()
p.wait(timeout=600)
PY
    tail -1 qa | grep -q done && fail "QEMU finished before the save (the guest is too short for this host)"
    $PC -chardev file,id=dbg,path=qb -device isa-debugcon,chardev=dbg \
        -drive file=q.qcow2,if=ide,format=qcow2 -loadvm q -run-until halt 2>qb.err ||
        { cat qb.err; fail "pcemu -loadvm q"; }
    cat qa qb >qab
    cmp -s qab ref || { diff ref qab | head -5; fail "QEMU -> pcemu: output differs"; }
    echo "ok: QEMU saved after $(wc -l <qa) lines, pcemu continued to the same end"
}
