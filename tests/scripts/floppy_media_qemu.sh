#!/bin/sh
# floppy_media_qemu.sh: floppy media changes and empty floppy drives against QEMU 7.2, on
# -M pc-i440fx-7.2,acpi=off,hpet=off,vmport=off with a Pentium II without APIC, over QMP.
# 1. Refusals and replies, both started with -S: an empty drive A (-drive if=floppy,index=0
#    without file) and drive B with a raw 1.44 MB image: query-block and info block,
#    eject, blockdev-open-tray (no tray: ignored), blockdev-close-tray (ignored),
#    blockdev-remove-medium (twice), blockdev-insert-medium, blockdev-change-medium by
#    drive name and by QOM path, with read-only-mode and format, HMP eject and change, and
#    every refusal (not found, both or neither of device and id, a missing file, a bad
#    read-only-mode), query-block after each step, info qtree (the drive types: an empty
#    drive is a 2.88 MB one) at both ends. Every reply, error (class and text)
#    and event, in order, must be equal (automatic node names and timestamps left out).
# 2. What the guest sees: images/devs/floppy_media.asm (a -bios program) prints, in rounds,
#    each drive's DIR, ST3, SEEK and RECALIBRATE results and DMA READs and a WRITE with
#    their result bytes and data checksums on port 0xE9. Drive A starts empty (so it is
#    QEMU's fallback type, 2.88 MB), drive B with a 1.44 MB image (a 1.44 MB drive);
#    between rounds the test changes media over QMP and HMP while the guest waits for a
#    key (HMP sendkey): 1.44 MB, 720 KB, 2.88 MB, read-only 1.44 MB, an odd size, 1.2 MB
#    and a one-sided 360 KB image, ejects and removals, so that each of QEMU's three
#    geometry preferences is met on both drive types. After each change HMP savevm s<k>
#    on an IDE qcow2 disk (the floppy images are qcow2 too, or read-only): the guest's
#    lines (QEMU's are images/devs/floppy_media.expected), the QMP transcripts and the
#    "fdc" section of every snapshot must be equal.
#    Then, in the machine that ran, HMP loadvm s3 with both drives emptied, and a 1.2 MB
#    disk put into drive B: the drive keeps its 1.44 MB type across the load (round 4
#    again).
# 3. Snapshots cross: each emulator loads the other's s3 (taken right after a change)
#    with the media of that moment on its command line, and runs the remaining rounds
#    with the same changes: its lines from there on must be the saver's.
# Nothing depends on host speed: the guest waits for each key, the test for each line.
set -u
command -v qemu-system-i386 >/dev/null || { echo "qemu-system-i386 missing"; exit 77; }
command -v qemu-img >/dev/null || { echo "qemu-img missing"; exit 77; }
command -v nasm >/dev/null || { echo "nasm missing"; exit 77; }
ROOT=$(pwd)
cd "$TMPDIR_TEST"
nasm -f bin -i "$ROOT/tests/data/" -o fm.64k "$ROOT/images/devs/floppy_media.asm" ||
    { echo "FAIL: nasm"; exit 1; }
head -c 196608 /dev/zero >fm.bin
cat fm.64k >>fm.bin
exec python3 -u - "$PCEMU" "$PCEMU_IMG" "$ROOT/images/devs/floppy_media.expected" \
    "$ROOT/tests/tools" <<'PY'
import json, os, random, re, shutil, socket, subprocess, sys, time
PCEMU, PCEMU_IMG, EXPECTED = sys.argv[1], sys.argv[2], sys.argv[3]
sys.path.insert(0, sys.argv[4])
from qmp_transcript import compare, ex, fail, hmp, norm
QEMU = "qemu-system-i386"
MACHINE = ["-M", "pc-i440fx-7.2,acpi=off,hpet=off,vmport=off", "-cpu",
           "pentium2,-mmx,-apic,-pae,-mce,-mca,-vme,-de,-fxsr,-pse36,-hypervisor",
           "-m", "8", "-nodefaults", "-display", "none"]
class Vm:
    """An emulator with QMP on a socket; log keeps every message after the greeting."""
    def __init__(self, exe, args, tag):
        self.exe, self.log, self.out = exe, [], tag + ".out"
        sock = tag + ".sock"
        for f in (sock, self.out):
            if os.path.exists(f):
                os.unlink(f)
        open(self.out, "w").close()
        self.p = subprocess.Popen([exe] + MACHINE + args +
                                  ["-qmp", "unix:%s,server=on,wait=off" % sock],
                                  stderr=open(tag + ".err", "w"))
        for _ in range(6000):   # 10 minutes: only a hung emulator, however busy the host
            try:
                self.s = socket.socket(socket.AF_UNIX); self.s.connect(sock); break
            except OSError:
                if self.p.poll() is not None:
                    fail("%s exited: %s" % (exe, open(tag + ".err").read()))
                time.sleep(0.1)
        else:
            fail(exe + ": no QMP socket")
        self.f = self.s.makefile("rwb", buffering=0)
        self.f.readline()
        self.cmd({"execute": "qmp_capabilities"})

    def cmd(self, c):
        self.f.write((json.dumps(c) + "\n").encode())
        self.log.append(["sent", c])
        while True:
            line = self.f.readline()
            if not line:
                fail("%s closed the connection after %s" % (self.exe, c))
            m = norm(json.loads(line))
            self.log.append(m)
            if "return" in m or "error" in m:
                return m

    def wait_line(self, text, count=1):
        """Until the guest printed the line text count times (10 minutes at most: a hung
        guest)."""
        for _ in range(12000):
            if open(self.out).read().split("\n").count(text) >= count:
                return
            if self.p.poll() is not None:
                break
            time.sleep(0.05)
        fail("%s: no line %r; the guest printed:\n%s" % (self.exe, text, open(self.out).read()))

    def quit(self):
        self.cmd(ex("quit"))
        self.p.wait()

def image(name, size, seed, fmt="qcow2"):
    """A floppy image of size bytes, every sector different (seeded)."""
    data = random.Random(seed).randbytes(size)
    open(name + ".raw", "wb").write(data)
    if fmt == "raw":
        os.rename(name + ".raw", name)
        return
    subprocess.run(["qemu-img", "convert", "-q", "-f", "raw", "-O", "qcow2", name + ".raw",
                    name], check=True)
    os.unlink(name + ".raw")

# ---- 1. refusals and replies ----
image("b1.img", 1474560, 1, "raw")
image("m1.img", 737280, 2, "raw")
image("m2.qcow2", 2949120, 3)
FD0, FD1 = "/machine/unattached/device[11]", "/machine/unattached/device[12]"
cmds = [
    ex("query-block"), hmp("info block"), ex("query-blockstats"), hmp("info qtree"),
    ex("eject", device="floppy0"), ex("eject", device="nosuch"), ex("eject", id="nosuch"),
    ex("eject"), ex("eject", device="floppy0", id=FD0),
    ex("blockdev-open-tray", device="floppy0"), ex("blockdev-open-tray", id=FD1),
    ex("blockdev-open-tray", device="floppy1", force=True),
    ex("blockdev-close-tray", device="floppy0"), ex("blockdev-close-tray", id=FD1),
    ex("blockdev-close-tray", device="nosuch"), ex("query-block"),
    ex("blockdev-remove-medium", id=FD1), ex("query-block"),
    ex("blockdev-remove-medium", id=FD1), ex("blockdev-remove-medium", id="nosuch"),
    ex("blockdev-insert-medium", id=FD1, **{"node-name": "nosuch"}),
    ex("blockdev-change-medium", device="floppy0", filename="m1.img", format="raw"),
    ex("query-block"), hmp("info block"),
    ex("blockdev-insert-medium", id=FD0, **{"node-name": "nosuch"}),
    ex("blockdev-change-medium", id=FD1, filename="m2.qcow2",
       **{"read-only-mode": "read-only"}),
    ex("query-block"),
    ex("blockdev-change-medium", device="floppy1", filename="b1.img", format="raw",
       **{"read-only-mode": "bogus"}),
    ex("blockdev-change-medium", device="floppy1", filename="nosuch.img"),
    ex("blockdev-change-medium", device="floppy1", filename="b1.img", format="raw",
       force=True, **{"read-only-mode": "read-write"}),
    ex("query-block"), ex("eject", id=FD0, force=True), ex("query-block"),
    hmp("eject floppy1"), hmp("eject -f floppy1"), hmp("eject floppy9"),
    hmp("change floppy0"), hmp("change floppy0 nosuch.img"),
    hmp("change floppy0 m2.qcow2 qcow2 bogus"), hmp("change floppy0 m2.qcow2 qcow2 read-only"),
    hmp("info block"), hmp("change floppy1 -f m1.img raw"), ex("query-block"),
    ex("system_reset"), ex("query-block"), ex("query-blockstats"), hmp("info qtree"),
]
args = ["-S", "-drive", "if=floppy,index=0", "-drive", "if=floppy,index=1,file=b1.img,format=raw"]
logs = []
for exe, tag in ((QEMU, "q1"), (PCEMU, "p1")):
    vm = Vm(exe, args, tag)
    for c in cmds:
        vm.cmd(c)
    vm.quit()
    logs.append(vm.log)
compare("media commands", logs[0], logs[1])
errors = sum(1 for m in logs[0] if isinstance(m, dict) and "error" in m)
events = sum(1 for m in logs[0] if isinstance(m, dict) and m.get("event") == "DEVICE_TRAY_MOVED")
if errors < 8 or events != 0:
    fail("QEMU's transcript has %d errors and %d events: not the session meant" % (errors, events))
print("ok: %d messages equal, %d errors, no tray events" % (len(logs[0]), errors))

# ---- 2. what the guest sees, in rounds ----
MEDIA = [("a", 1474560, 11, "qcow2"), ("a1", 1474560, 12, "qcow2"), ("b0", 737280, 13, "qcow2"),
         ("b1", 737280, 20, "qcow2"),
         ("c0", 2949120, 14, "qcow2"), ("c1", 2949120, 15, "qcow2"),
         ("r", 1474560, 16, "raw"), ("d", 1024000, 17, "qcow2"), ("e", 1228800, 18, "qcow2"),
         ("s", 368640, 19, "qcow2"), ("e2", 1228800, 21, "qcow2"),
         ("b2", 737280, 22, "qcow2")]
for name, size, seed, fmt in MEDIA:
    image(name + ".orig", size, seed, fmt)
def fresh(prefix):
    for name, size, seed, fmt in MEDIA:
        shutil.copy(name + ".orig", prefix + name)
    subprocess.run(["qemu-img", "create", "-q", "-f", "qcow2", prefix + "hd.qcow2", "16M"],
                   check=True)

def changes(k, pre):
    """The media changes after round k (the guest waits for key k + 1 meanwhile)."""
    return [
        [ex("blockdev-change-medium", device="floppy0", filename=pre + "a", format="qcow2"),
         hmp("change floppy1 %sb1 qcow2" % pre)],
        [ex("blockdev-change-medium", id=FD0n, filename=pre + "b0"), hmp("eject floppy1")],
        [ex("eject", device="floppy0"),
         ex("blockdev-change-medium", device="floppy1", filename=pre + "c1", format="qcow2")],
        [ex("blockdev-change-medium", device="floppy0", filename=pre + "c0", format="qcow2"),
         ex("blockdev-change-medium", device="floppy1", filename=pre + "r", format="raw",
            **{"read-only-mode": "read-only"})],
        [hmp("change floppy0 %sd qcow2 read-write" % pre),
         ex("blockdev-change-medium", device="floppy1", filename=pre + "e", format="qcow2",
            **{"read-only-mode": "read-write"})],
        [ex("blockdev-remove-medium", id=FD0n),
         ex("blockdev-change-medium", device="floppy1", filename=pre + "s", format="qcow2")],
    ][k]
FD0n = "/machine/unattached/device[11]"   # the IDE disk is realized after the floppy drives
ROUNDS = 7
GUEST = ["-bios", os.path.abspath("fm.bin"), "-icount", "shift=3,sleep=off", "-debugcon"]

def media_args(pre, k):
    """The command line's floppy drives: at start (k None), or as they are after change k."""
    if k is None:
        return ["-drive", "if=floppy,index=0",
                "-drive", "if=floppy,index=1,file=%sa1,format=qcow2" % pre]
    assert k == 3
    return ["-drive", "if=floppy,index=0,file=%sc0,format=qcow2" % pre,
            "-drive", "if=floppy,index=1,file=%sr,format=raw,readonly=on" % pre]

def run_rounds(exe, tag, pre, first, extra, save):
    """Runs the guest from round first on: the changes and, with save, savevm s<k>, then
    reload()."""
    vm = Vm(exe, ["-drive", "file=%shd.qcow2,if=ide,index=0,format=qcow2" % pre] +
            GUEST + ["file:%s.out" % tag] + extra, tag)
    for k in range(first, ROUNDS - 1):
        if k > first or first == 0:
            vm.wait_line("E%d" % k)
            for c in changes(k, pre):
                vm.cmd(c)
                vm.cmd(ex("query-block"))
            if save:
                vm.cmd(hmp("savevm s%d" % k))
        vm.cmd(hmp("sendkey %d" % (k + 1)))
    vm.wait_line("done")
    if save:
        reload(vm, pre)
    vm.quit()
    return vm

def reload(vm, pre):
    """After the last round, a loadvm into the machine that ran: drive B emptied (drive A
    is), HMP loadvm s3 (the guest waits for key 4 again, both drives still empty), a
    1.2 MB disk into drive B, which must still be a 1.44 MB drive (its 18/80 geometry;
    a 2.88 MB drive would take 36/80), a 720 KB disk into drive A (pcemu's load does not
    keep an empty drive's heads from its last disk: README), and round 4 again."""
    for c in [hmp("eject floppy1"), hmp("loadvm s3"), ex("query-block"),
              ex("blockdev-change-medium", device="floppy1", filename=pre + "e2",
                 format="qcow2"),
              ex("blockdev-change-medium", device="floppy0", filename=pre + "b2",
                 format="qcow2"), hmp("sendkey 4")]:
        vm.cmd(c)
    vm.wait_line("E4", 2)

def untimed(m):
    """m without what the savevms made differ: the images' sizes (the RAM encodings differ)
    and the snapshot lists (dates and virtual times of saves made while the guest spins)."""
    if isinstance(m, dict):
        return {k: (0 if k == "actual-size" else untimed(v)) for k, v in m.items()
                if k != "snapshots"}
    return [untimed(v) for v in m] if isinstance(m, list) else m

out, qmp_logs = {}, {}
for exe, tag in ((QEMU, "q"), (PCEMU, "p")):
    fresh(tag + "_")
    vm = run_rounds(exe, tag + "2", tag + "_", 0, media_args(tag + "_", None), True)
    out[tag] = open(vm.out).read()
    qmp_logs[tag] = [re.sub(r'\b[qp]_', 'X_', json.dumps(untimed(m), sort_keys=True))
                     for m in vm.log]
    open(tag + "2.qmp", "w").write("\n".join(qmp_logs[tag]) + "\n")
if out["q"] != open(EXPECTED).read():
    fail("QEMU 7.2's lines differ from floppy_media.expected")
if out["q"] != out["p"]:
    for a, b in zip(out["q"].split("\n"), out["p"].split("\n")):
        if a != b:
            print("QEMU: ", a)
            print("pcemu:", b)
            break
    fail("the guest's lines differ")
lines = out["q"].split("\n")
if len(lines) < 3 * ROUNDS or " 40 00 00 " not in out["q"] or "U0 D80" not in out["q"]:
    fail("QEMU's guest printed too little:\n" + out["q"])
compare("QMP during the rounds", qmp_logs["q"], qmp_logs["p"])
print("ok: %d guest lines and %d QMP messages equal over %d rounds" %
      (len(lines), len(qmp_logs["q"]), ROUNDS))

def fdc_section(pre, snap):
    dump = subprocess.run([PCEMU_IMG, "vmstate", "dump", pre + "hd.qcow2", snap],
                          capture_output=True, text=True)
    if dump.returncode:
        fail("vmstate dump %shd.qcow2 %s: %s" % (pre, snap, dump.stderr))
    d = json.loads(dump.stdout)
    return [v for k, v in d.items() if k.startswith("fdc (")]
for k in range(ROUNDS - 1):
    a, b = fdc_section("q_", "s%d" % k), fdc_section("p_", "s%d" % k)
    if not a or a != b:
        print("QEMU: ", json.dumps(a, sort_keys=True)[:2000])
        print("pcemu:", json.dumps(b, sort_keys=True)[:2000])
        fail("the fdc sections of s%d differ" % k)
print("ok: the fdc sections of %d snapshots equal" % (ROUNDS - 1))

# ---- 3. snapshots cross ----
def tail(text, k):
    """The lines from round k to "done"."""
    return text[text.index("R%d\n" % k):text.index("done\n") + 5]
for saver, exe, tag in (("q", PCEMU, "pl"), ("p", QEMU, "ql")):
    pre = tag + "_"
    fresh(pre)
    for f in ("hd.qcow2", "c0"):   # the saver's files of that moment, snapshots in them
        shutil.copy(saver + "_" + f, pre + f)
    vm = run_rounds(exe, tag, pre, 3, media_args(pre, 3) + ["-loadvm", "s3"], False)
    got = open(vm.out).read()
    if got != tail(out[saver], 4):
        print(got)
        fail("%s after loading %s's s3 printed other lines" % (exe, saver))
print("ok: s3 of each emulator, loaded by the other, goes on as the saver did")
PY
