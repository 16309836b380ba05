#!/bin/sh
# monitor_progress.sh: the progress line of a save and a load (emu/vmctl/progress.h) on a
# terminal, never on a pipe, and never a change to the stream. pcemu runs SeaBIOS for 3
# million instructions and saves (-snapshot save), then loads (-loadvm), with stderr on a
# pty and the delay forced to 0 (PCEMU_PROGRESS_AFTER_MS=0), so the test does not depend
# on how fast the host is: the line shows 100% and exactly the bytes pcemu reports saving;
# with a delay no save reaches (10^9 ms) the pty gets no line; with stderr on a pipe none
# either, whatever the delay; and the VM-state bytes of the snapshots saved with and
# without the display are identical (read back by tests/tools/qcow_vmstate.py).
set -u
command -v qemu-img >/dev/null || { echo "qemu-img missing"; exit 77; }
ROOT=$(pwd)
cd "$TMPDIR_TEST"
fail() { echo "FAIL: $*"; exit 1; }
qemu-img create -q -f qcow2 d.qcow2 16M
PC="$PCEMU -m 32 -nodefaults -display none -rtc base=2020-01-01 -drive file=d.qcow2,if=ide,format=qcow2"

cat >onpty.py <<'PY'
# onpty.py OUT ENV_DELAY ARGV...: runs ARGV with stderr on a pty; OUT gets what it printed there.
import os, pty, subprocess, sys
out, delay, argv = sys.argv[1], sys.argv[2], sys.argv[3:]
m, s = pty.openpty()
env = dict(os.environ)
if delay != "-":
    env["PCEMU_PROGRESS_AFTER_MS"] = delay
p = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=s, env=env)
os.close(s)
data = b""
while True:
    try:
        d = os.read(m, 65536)
    except OSError:   # EIO: the last writer closed
        break
    if not d:
        break
    data += d
open(out, "wb").write(data)
sys.exit(p.wait())
PY

python3 onpty.py save.tty 0 $PC -run-until icount:3000000 -snapshot save s1 || fail "save on a pty"
tr '\r' '\n' <save.tty | sed 's/\x1b\[K//' >save.txt
cat save.txt
bytes=$(sed -n "s/^pcemu: saved snapshot 's1': \([0-9]*\) bytes.*/\1/p" save.txt)
[ -n "$bytes" ] || fail "no 'saved snapshot' line"
kb=$((bytes / 1024))
grep -q "^savevm 's1': 100%, transferred $kb of $kb kbytes, throughput [0-9.]* mbps$" save.txt ||
    fail "no final progress line for $bytes bytes"

python3 onpty.py load.tty 0 $PC -loadvm s1 -run-until icount:1000 || fail "load on a pty"
tr '\r' '\n' <load.tty | sed 's/\x1b\[K//' >load.txt
cat load.txt
grep -q "^loadvm 's1': 100%, transferred $kb of $kb kbytes, throughput [0-9.]* mbps$" load.txt ||
    fail "no final load progress line"

# a delay no save reaches: nothing on the terminal
python3 onpty.py late.tty 1000000000 $PC -run-until icount:3000000 -snapshot save s2 || fail "save s2"
grep -q "transferred" late.tty && fail "progress shown before its delay"
# a pipe: nothing, even with the delay forced to 0
PCEMU_PROGRESS_AFTER_MS=0 $PC -run-until icount:3000000 -snapshot save s3 2>pipe.err ||
    fail "save s3"
cat pipe.err
grep -q "transferred" pipe.err && fail "progress shown on a pipe"
[ "$(wc -l <pipe.err)" = 1 ] || fail "stderr on a pipe: one line expected"

# the stream is the same with and without the display
python3 "$ROOT/tests/tools/qcow_vmstate.py" d.qcow2 s1 >s1.vm
python3 "$ROOT/tests/tools/qcow_vmstate.py" d.qcow2 s3 >s3.vm
[ "$(wc -c <s1.vm)" = "$bytes" ] || fail "s1: $(wc -c <s1.vm) bytes of VM state, pcemu said $bytes"
cmp s1.vm s3.vm || fail "the progress display changed the stream"
echo "progress on a terminal only; stream unchanged ($bytes bytes)"
