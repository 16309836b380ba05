#!/bin/sh
# time_tsc.sh: the TSC as the guest reads it, across HLT and across save and load, on pcemu
# and on QEMU 7.2 -icount shift=3,sleep=off (pcemu's clock). tests/data/tsc_hlt.asm (a
# -bios program, PIT at about 1 kHz) prints the TSC before and after each HLT. Checked:
#   1. QEMU's lines equal pcemu's: the first TSC (before the first HLT) is the same value;
#      XXX: every later one is 8 ns (one instruction at shift 3) later on QEMU, because
#      QEMU's PIT sees the OUT that loads its count one instruction later than pcemu's
#      devices do (QEMU -icount counts an I/O instruction before it runs), which moves
#      every tick by 8 ns; the times between ticks are the same;
#   2. pcemu saves at tick 10 and loads in a new process: its output is the uninterrupted
#      run's;
#   3. QEMU -icount loads pcemu's snapshot and runs on: its lines equal pcemu's exactly
#      (the PIT's phase is pcemu's, the clock continues from "timer/icount");
#   4. QEMU saves somewhere after tick 10, pcemu loads that and runs on: QEMU's output
#      then pcemu's equals QEMU's uninterrupted run (the phase is QEMU's now).
set -u
command -v qemu-system-i386 >/dev/null || { echo "qemu-system-i386 missing"; exit 77; }
command -v qemu-img >/dev/null || { echo "qemu-img missing"; exit 77; }
command -v nasm >/dev/null || { echo "nasm missing"; exit 77; }
ROOT=$(pwd)
cd "$TMPDIR_TEST"
nasm -f bin -i "$ROOT/tests/data/" -o tsc.bin "$ROOT/tests/data/tsc_hlt.asm" || { echo "FAIL: nasm"; exit 1; }
head -c 196608 /dev/zero >tsc256.bin
cat tsc.bin >>tsc256.bin     # 256 KiB: pc.bios is the same size for both
exec python3 -u - "$PCEMU" <<'PY'
import os, re, subprocess, sys, time

PCEMU = sys.argv[1]
M = ["-M", "pc-i440fx-7.2,acpi=off,hpet=off,vmport=off", "-cpu",
     "pentium2,-fpu,-mmx,-apic,-pae,-mce,-mca,-vme,-de,-fxsr,-pse36,-hypervisor",
     "-m", "32", "-nodefaults", "-display", "none", "-bios", os.path.abspath("tsc256.bin")]
QEMU = ["qemu-system-i386"] + M + ["-icount", "shift=3,sleep=off"]
PC = [PCEMU] + M
N = 40   # ticks compared

def fail(msg):
    print("FAIL:", msg)
    sys.exit(1)

def drive(img):
    return ["-drive", "file=%s,if=ide,format=qcow2" % img]

def new_img(name):
    subprocess.run(["qemu-img", "create", "-q", "-f", "qcow2", name, "16M"], check=True)

def lines(path):
    """The complete 'tick' lines of a serial log, parsed: (tick, tsc, after)."""
    out = []
    for l in open(path, errors="replace").read().split("\n")[:-1]:
        m = re.fullmatch(r"tick ([0-9a-f]{8}) tsc ([0-9a-f]{8}):([0-9a-f]{8}) after ([0-9a-f]{8})", l)
        if not m:
            fail("%s: unexpected line %r" % (path, l))
        out.append((int(m.group(1), 16), int(m.group(2) + m.group(3), 16), int(m.group(4), 16)))
    return out

def pcemu(args):
    r = subprocess.run(PC + args, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if r.returncode != 0:
        fail("pcemu %s: %s" % (" ".join(args), r.stdout.strip()))

class Qemu:
    """QEMU with its human monitor on stdio."""
    def __init__(self, args):
        self.p = subprocess.Popen(QEMU + args + ["-monitor", "stdio"], stdin=subprocess.PIPE,
                                  stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        self.prompt()
    def prompt(self):
        buf = b""
        end = time.time() + 60
        while not buf.endswith(b"(qemu) "):
            c = self.p.stdout.read1(4096)
            if not c or time.time() > end:
                fail("QEMU monitor: %r" % buf[-300:])
            buf += c
        return buf.decode("latin-1")
    def cmd(self, c):
        self.p.stdin.write((c + "\n").encode())
        self.p.stdin.flush()
        return self.prompt()
    def quit(self):
        self.p.stdin.write(b"quit\n")
        self.p.stdin.close()
        self.p.wait(timeout=60)

def wait_serial(path, text):
    end = time.time() + 60
    while time.time() < end:
        if os.path.exists(path) and text in open(path, errors="replace").read():
            return
        time.sleep(0.002)
    fail("QEMU's serial output never showed %r" % text)

def qemu_until(args, path, n):
    q = Qemu(args + ["-serial", "file:" + path])
    wait_serial(path, "tick %08x " % n)
    q.quit()

def same(what, got, want):
    if len(got) < len(want):
        fail("%s: %d lines, want %d" % (what, len(got), len(want)))
    for g, w in zip(got, want):
        if g != w:
            fail("%s: %s, want %s" % (what, g, w))

# 1. uninterrupted runs
new_img("ref.qcow2")
pcemu(drive("ref.qcow2") + ["-serial", "file:ref.txt", "-run-until", "serial:tick %08x " % (N + 1)])
ref = lines("ref.txt")[:N]
if [t for t, _, _ in ref] != list(range(1, N + 1)):
    fail("pcemu: ticks %s" % [t for t, _, _ in ref])
if any(a < 900000 or a > 1100000 for _, _, a in ref):   # 1193 PIT counts: 999847 ns
    fail("pcemu: a HLT did not move the TSC by about 1 ms: %s" % ref)
new_img("q.qcow2")
qemu_until(drive("q.qcow2"), "qref.txt", N + 1)
qref = lines("qref.txt")[:N]
for k, (p, q) in enumerate(zip(ref, qref)):
    if p[0] != q[0] or q[1] != p[1] + 8 or q[2] != p[2] + (8 if k == 0 else 0):
        fail("tick %d: QEMU tsc %#x after %#x, pcemu tsc %#x after %#x" % (k + 1, q[1], q[2], p[1], p[2]))
print("ok: %d ticks: the first TSC equals QEMU's, every later one is QEMU's - 8 ns" % N)

# 2. pcemu saves at tick 10 and loads
new_img("p.qcow2")
pcemu(drive("p.qcow2") + ["-serial", "file:p1.txt", "-run-until", "serial:tick 0000000a ",
                          "-snapshot", "save", "s"])
pcemu(drive("p.qcow2") + ["-serial", "file:p2.txt", "-loadvm", "s",
                          "-run-until", "serial:tick %08x " % (N + 1)])
open("p12.txt", "w").write(open("p1.txt").read() + open("p2.txt").read())
same("pcemu save and load", lines("p12.txt"), ref)
print("ok: pcemu's snapshot at tick 10 continues with the same TSC values")

# 3. QEMU loads pcemu's snapshot
qemu_until(drive("p.qcow2") + ["-loadvm", "s"], "q3.txt", N + 1)
open("pq.txt", "w").write(open("p1.txt").read() + open("q3.txt").read())
same("QEMU after loading pcemu's snapshot", lines("pq.txt"), ref)
print("ok: QEMU -icount loads pcemu's snapshot and reads the same TSC values as pcemu")

# 4. QEMU saves, pcemu loads
new_img("q4.qcow2")
q = Qemu(drive("q4.qcow2") + ["-serial", "file:q4.txt"])
wait_serial("q4.txt", "tick 0000000a ")
q.cmd("stop")
q.cmd("savevm s")
q.quit()
pcemu(drive("q4.qcow2") + ["-serial", "file:p4.txt", "-loadvm", "s",
                           "-run-until", "serial:tick %08x " % (N + 1)])
open("qp.txt", "w").write(open("q4.txt").read() + open("p4.txt").read())
got = lines("qp.txt")
same("pcemu after loading QEMU's snapshot", got, qref)
print("ok: pcemu loads QEMU's snapshot (saved after tick %d) and reads the TSC values QEMU "
      "reads uninterrupted" % lines("q4.txt")[-1][0])
PY
