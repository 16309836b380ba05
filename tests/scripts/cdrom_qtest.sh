#!/bin/sh
# cdrom_qtest.sh: the ATAPI command layer against QEMU 7.2 itself. qemu-system-i386
# -M pc-i440fx-7.2 -qtest and o/tests/tools/pci_qtest, both with -cdrom on the same
# 300-block medium (each 2048-byte block tagged with its number), get the same seeded
# random PACKET commands: mostly the opcodes QEMU implements with fields aimed at their
# edges (LBAs around the end of the medium and 2^32-1, counts that wrap 32 bits, allocation
# lengths from 0 to 0xFFFF, every TOC format, MODE SENSE page controls, READ CD transfer
# requests), one in seven a random opcode, with a random byte count limit, a quarter of them
# over bus-master DMA with 1-3 PRDs of random lengths. For each command the transcript (the
# task-file registers after the packet phase and after each DRQ block, the PIO data up to
# 1 KiB, the bus-master status and a hash of the DMA buffer, then a REQUEST SENSE) must be
# the same from both. Seeds 1 and 2, 600 commands each. Then the host changes the medium
# (QEMU: eject, blockdev-change-medium, blockdev-open-tray/-close-tray over QMP; pci_qtest:
# the same steps through its cd_* commands), between TEST UNIT READY, GET EVENT STATUS
# NOTIFICATION, READ CAPACITY, READ, PREVENT/ALLOW MEDIUM REMOVAL and START STOP UNIT
# eject/load: each reply, sense, host command outcome and tray move the guest made
# (QEMU's DEVICE_TRAY_MOVED events) must be equal.
set -u
[ -x "$TOOLS/pci_qtest" ] || { echo "no $TOOLS/pci_qtest (make o/tests/tools/pci_qtest)"; exit 1; }
command -v qemu-system-i386 >/dev/null || { echo "qemu-system-i386 missing"; exit 77; }
cd "$TMPDIR_TEST"
exec python3 -u - "$TOOLS/pci_qtest" <<'PY'
import hashlib, os, random, subprocess, sys, time

PCI_QTEST = sys.argv[1]
BLOCKS = 300
PIO_LIMIT = 1024             # PIO data compared per command; then DEVICE RESET
HOST_BOUND = 600             # seconds: only a device that never settles

def fail(msg):
    print("FAIL:", msg)
    sys.exit(1)

class Peer:
    def __init__(self, argv):
        self.p = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                  text=True, bufsize=1)
    def cmd(self, c):
        self.p.stdin.write(c + "\n")
        self.p.stdin.flush()
        while True:
            l = self.p.stdout.readline()
            if not l:
                fail("%s died at: %s" % (self.p.args[0], c))
            l = l.strip()
            if l.startswith(("OK", "ERR", "FAIL")):
                return l
    def val(self, c):
        return int(self.cmd(c).split()[1], 16)
    def close(self):
        # pci_qtest ends at EOF; QEMU's qtest does not: SIGTERM makes it quit
        self.p.stdin.close()
        try:
            self.p.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.p.terminate()
            self.p.wait(timeout=HOST_BOUND)

def wait_while(peer, cond):
    """Polls until cond(peer) is false: QEMU's reads complete in its own time."""
    t0 = time.time()
    while cond(peer):
        if time.time() - t0 > HOST_BOUND:
            fail("%s never settled" % peer.p.args[0])
        time.sleep(0.001)

REGS = (0x376, 0x171, 0x172, 0x174, 0x175)   # status, error, reason, byte count
def regs(peer):
    return tuple(peer.val("inb 0x%x" % r) for r in REGS)

def busy(peer):
    return peer.val("inb 0x376") & 0x80

def packet(peer, cdb, bcl, dma, prds):
    """Runs one PACKET command on the secondary master; returns its transcript."""
    t = []
    o = peer.cmd
    if dma:
        o("memset 0x200000 0x30000 0xee")
        for i, (a, n, last) in enumerate(prds):
            o("writel 0x%x 0x%x" % (0x10000 + 8 * i, a))
            flags = (n & 0xffff) | (0x80000000 if last else 0)
            o("writel 0x%x 0x%x" % (0x10000 + 8 * i + 4, flags))
        o("outl 0xc00c 0x10000")
        o("outb 0xc00a 0x06")
    o("outb 0x176 0xa0")
    o("outb 0x171 %d" % dma)
    o("outb 0x174 %d" % (bcl & 0xff))
    o("outb 0x175 %d" % (bcl >> 8))
    o("outb 0x177 0xa0")
    wait_while(peer, busy)
    t.append(("packet", regs(peer)))
    if not peer.val("inb 0x376") & 8:
        t.append(("no drq", peer.val("inb 0x177")))
        return t
    for i in range(0, 12, 2):
        o("outw 0x170 0x%x" % (cdb[i] | cdb[i + 1] << 8))
    if dma:
        t.append(("bm before", peer.val("inb 0xc00a")))
        o("outb 0xc008 0x09")
        # a DMA reply completes inside that write on both; a READ shows BSY until QEMU's
        # read finishes or the PRDs run out (the engine stops)
        wait_while(peer, lambda p: p.val("inb 0xc00a") & 1 and busy(p))
        t.append(("dma", peer.val("inb 0xc00a")))
        o("outb 0xc008 0x08")
        t.append(("regs", regs(peer)))
        mem = o("read 0x200000 0x30000")
        t.append(("mem", hashlib.sha1(mem.encode()).hexdigest()))
        if peer.val("inb 0x376") & 0x88:
            o("outb 0x177 0x08")          # DEVICE RESET: the PRDs ran out
            t.append(("reset", regs(peer)))
        t.append(("end", peer.val("inb 0x177"), peer.val("inb 0x171")))
        return t
    total = 0
    while True:
        wait_while(peer, busy)
        r = regs(peer)
        t.append(("regs", r))
        n = r[3] | r[4] << 8
        if not (r[0] & 8):
            break
        if total + n > PIO_LIMIT:
            o("outb 0x177 0x08")          # DEVICE RESET, allowed in DRQ
            t.append(("reset", regs(peer)))
            break
        words = [peer.val("inw 0x170") for _ in range((n + 1) // 2)]
        total += n
        t.append(("data", n, words))
        if n == 0:
            break
    t.append(("end", peer.val("inb 0x177"), peer.val("inb 0x171")))
    return t

def sense(peer):
    return packet(peer, [0x03, 0, 0, 0, 18, 0, 0, 0, 0, 0, 0, 0], 18, 0, None)

OPS = [0x00, 0x03, 0x12, 0x1b, 0x1e, 0x25, 0x28, 0x2b, 0x43, 0x46, 0x4a, 0x51, 0x5a, 0xa8,
       0xad, 0xbb, 0xbd, 0xbe]
def gen(rng):
    """A random CDB, byte count limit, DMA flag and PRD list (address, length, last)."""
    op = rng.choice(OPS) if rng.random() < 0.85 else rng.randrange(256)
    cdb = [rng.randrange(256) if rng.random() < 0.3 else 0 for _ in range(12)]
    cdb[0] = op
    lba = rng.choice([0, 1, 16, BLOCKS - 2, BLOCKS - 1, BLOCKS, BLOCKS + 1, 0xffffffff,
                      rng.randrange(1 << 32), rng.randrange(BLOCKS)])
    if op in (0x28, 0xa8, 0xbe, 0x2b):
        cdb[2:6] = list(lba.to_bytes(4, "big"))
        n = rng.choice([0, 1, 2, 3, rng.randrange(40), rng.randrange(1 << 16)])
        if op == 0x28:
            cdb[7:9] = list((n & 0xffff).to_bytes(2, "big"))
        elif op == 0xa8:
            n = rng.choice([n, (1 << 20) + 1, (1 << 21) + 1, 0x80000000, 0xffffffff])
            cdb[6:10] = list(n.to_bytes(4, "big"))
        elif op == 0xbe:
            cdb[6:9] = list((n & 0xffffff).to_bytes(3, "big"))
            cdb[9] = rng.choice([0x00, 0x10, 0xf8, 0x08, rng.randrange(256)])
    if op in (0x43, 0x46, 0x4a, 0x51, 0x5a):
        alloc = rng.choice([0, 1, 4, 8, 12, 20, 100, 600, 0xffff, rng.randrange(1 << 16)])
        cdb[7:9] = list(alloc.to_bytes(2, "big"))
    if op == 0x43:
        cdb[9] = rng.choice([0x00, 0x40, 0x80, 0xc0]); cdb[6] = rng.choice([0, 1, 2, 0xaa, 5])
        cdb[1] = rng.choice([0, 2])
    if op == 0x5a:
        cdb[2] = rng.choice([0x01, 0x0e, 0x2a, 0x3f, 0x41, 0x81, 0xc1, 0xaa])
    if op == 0x4a:
        cdb[1] = rng.choice([0, 1]); cdb[4] = rng.choice([0x10, 0x00, 0xff, 0x04])
    if op in (0x03, 0x12):
        cdb[4] = rng.choice([0, 5, 18, 36, 96, 255, 24, 28])
        if op == 0x12:
            cdb[1] = rng.choice([0, 1]); cdb[2] = rng.choice([0, 0x83, 0x80])
    if op == 0x1b:
        cdb[4] = rng.choice([0, 1, 2, 3, 0x10, 0x13])
    if op == 0x1e:
        cdb[4] = rng.choice([0, 1])
    if op == 0xad:
        cdb[7] = rng.choice([0, 1, 3, 4, 0xff, 0x80, 0xc0]); cdb[1] = rng.choice([0, 0, 1])
        cdb[8:10] = list(rng.choice([0, 4, 8, 100, 2052, 0xffff]).to_bytes(2, "big"))
    if op == 0xbd:
        cdb[8:10] = list(rng.choice([0, 4, 8, 100]).to_bytes(2, "big"))
    bcl = rng.choice([0, 1, 2, 7, 8, 16, 18, 36, 511, 512, 2048, 2352, 0xfffe, 0xffff,
                      rng.randrange(1 << 16)])
    dma = 1 if rng.random() < 0.25 else 0
    prds = []
    if dma:
        k = rng.choice([1, 1, 2, 3])
        addr = 0x200000
        for i in range(k):
            n = rng.choice([2048, 4096, 700, 0x10000, 512, rng.randrange(1, 0x8000) * 2])
            prds.append((addr, n, i == k - 1))
            addr += 0x10000 if n == 0x10000 else n
    return cdb, bcl, dma, prds

medium = bytearray(BLOCKS * 2048)
for b in range(BLOCKS):
    medium[b * 2048:b * 2048 + 4] = b.to_bytes(4, "little")
    medium[b * 2048 + 2047] = b & 0xff
open("medium.iso", "wb").write(medium)
SETUP = ["outl 0xcf8 0x80000920", "outl 0xcfc 0xc001",      # BAR4 at 0xC000
         "outl 0xcf8 0x80000904", "outw 0xcfc 0x0005"]      # I/O, bus master
diffs = total = 0
for seed in (1, 2):
    qemu = Peer(["qemu-system-i386", "-M", "pc-i440fx-7.2", "-m", "32", "-nodefaults",
                 "-display", "none", "-S", "-qtest", "stdio", "-qtest-log", "/dev/null",
                 "-cdrom", "medium.iso"])
    pc = Peer([PCI_QTEST, "-cdrom", "medium.iso"])
    for c in SETUP:
        qemu.cmd(c)
        pc.cmd(c)
    rng = random.Random(seed)
    for i in range(600):
        cdb, bcl, dma, prds = gen(rng)
        a = packet(qemu, cdb, bcl, dma, prds) + sense(qemu)
        b = packet(pc, cdb, bcl, dma, prds) + sense(pc)
        total += 1
        if a != b:
            diffs += 1
            print("DIFF seed %d #%d: CDB %s, limit %#x, dma %d, PRDs %s" %
                  (seed, i, " ".join("%02x" % x for x in cdb), bcl, dma, prds))
            for x, y in zip(a, b):
                other = "" if x == y else "\n     pcemu %s" % (y,)
                print("  %s QEMU %s%s" % ("  " if x == y else "!!", x, other))
            if diffs > 5:
                fail("too many differences")
    qemu.close()
    pc.close()
    print("seed %d: 600 commands compared" % seed)
print("%d commands, %d differences" % (total, diffs))
if diffs:
    sys.exit(1)

# The host changes the medium: QEMU through QMP, pci_qtest through its cd_* steps (as
# pcemu's QMP takes them). The guest's view after each change, eject request, lock and
# START STOP UNIT must be the same.
import json, socket
class Qmp:
    def __init__(self, path):
        for _ in range(HOST_BOUND * 10):
            try:
                self.s = socket.socket(socket.AF_UNIX); self.s.connect(path); break
            except OSError:
                time.sleep(0.1)
        else:
            fail("no QMP socket")
        self.f = self.s.makefile("rwb", buffering=0)
        self.f.readline()
        self.cmd("qmp_capabilities")
    def cmd(self, name, **args):
        self.moves = ""
        self.f.write((json.dumps({"execute": name, "arguments": args}) + "\n").encode())
        while True:
            m = json.loads(self.f.readline())
            if m.get("event") == "DEVICE_TRAY_MOVED":
                self.moves += "1" if m["data"]["tray-open"] else "0"
            if "return" in m:
                return "ok"
            if "error" in m:
                return "error"
def host(peer, qmp, op, force=0, file=None):
    """One QMP media command (eject, change, open, close); returns ok or error."""
    if qmp:
        if op == "eject":
            return qmp.cmd("eject", device="ide1-cd0", force=bool(force))
        if op == "change":
            return qmp.cmd("blockdev-change-medium", device="ide1-cd0", filename=file,
                           format="raw")
        if op == "open":
            return qmp.cmd("blockdev-open-tray", device="ide1-cd0", force=bool(force))
        return qmp.cmd("blockdev-close-tray", device="ide1-cd0")
    if op == "close":
        return "ok" if peer.cmd("cd_close") == "OK" else "FAIL"
    locked = peer.val("cd_open %d" % (force if op != "change" else 0))
    if op == "open":
        return "ok"
    if locked:
        return "error"
    peer.cmd("cd_remove")
    if op == "change":
        peer.cmd("cd_insert " + file)
        peer.cmd("cd_close")
    return "ok"
def cdb(*b):
    return list(b) + [0] * (12 - len(b))
TUR, GESN = cdb(0x00), cdb(0x4a, 0x01, 0, 0, 0x10, 0, 0, 0, 8)
CAP, READ0 = cdb(0x25), cdb(0x28, 0, 0, 0, 0, 0, 0, 0, 1)
LOCK, UNLOCK = cdb(0x1e, 0, 0, 0, 1), cdb(0x1e)
EJECT, LOAD = cdb(0x1b, 0, 0, 0, 2), cdb(0x1b, 0, 0, 0, 3)
STEPS = [TUR, GESN, TUR, LOCK, ("eject", 0), GESN, TUR, EJECT, UNLOCK, ("eject", 0), TUR,
         GESN, CAP, ("close",), TUR, TUR, GESN, CAP, READ0, LOAD, TUR,
         ("change", 0, "medium2.iso"), TUR, TUR, TUR, GESN, CAP, READ0, ("open", 0), TUR, GESN,
         ("close",), TUR, TUR, GESN, LOCK, ("open", 0), GESN, TUR, ("open", 1), TUR, GESN,
         CAP, EJECT, TUR, LOAD, TUR, TUR, GESN, ("eject", 1), ("close",), TUR, TUR, GESN,
         CAP, LOCK, EJECT, ("change", 0, "medium.iso"), TUR, TUR, GESN, READ0, ("change", 0, "medium2.iso"),
         TUR, TUR, GESN, UNLOCK, EJECT, GESN, TUR, LOAD, TUR, TUR, GESN, READ0, EJECT,
         ("change", 0, "medium.iso"), TUR, LOAD, TUR]
medium2 = bytearray(200 * 2048)
for b in range(200):
    medium2[b * 2048:b * 2048 + 4] = (b + 1000).to_bytes(4, "little")
open("medium2.iso", "wb").write(medium2)
if os.path.exists("m.sock"):
    os.unlink("m.sock")
qemu = Peer(["qemu-system-i386", "-M", "pc-i440fx-7.2", "-m", "32", "-nodefaults",
             "-display", "none", "-S", "-qtest", "stdio", "-qtest-log", "/dev/null",
             "-cdrom", "medium.iso", "-qmp", "unix:m.sock,server=on,wait=off"])
qmp = Qmp("m.sock")
pc = Peer([PCI_QTEST, "-cdrom", "medium.iso"])
for c in SETUP:
    qemu.cmd(c)
    pc.cmd(c)
moved = 0
for i, step in enumerate(STEPS):
    if isinstance(step, tuple):
        a = [host(qemu, qmp, *step)]
        b = [host(pc, None, *step)]
    else:   # with the tray moves the guest made (QEMU: the events before the next reply)
        a = packet(qemu, step, 0xfffe, 0, None) + sense(qemu)
        qmp.cmd("query-status")
        a.append(("moves", qmp.moves + "-"))
        b = packet(pc, step, 0xfffe, 0, None) + sense(pc)
        b.append(("moves", pc.cmd("cd_moves").split()[1]))
        moved += len(a[-1][1]) - 1
    if a != b:
        print("DIFF media step %d %s:\n  QEMU  %s\n  pcemu %s" % (i, step, a, b))
        fail("the guest's view of a medium change differs")
qemu.close()
pc.close()
if moved < 3:
    fail("the guest moved the tray %d times: not the sequence meant" % moved)
print("media: %d steps compared, %d tray moves by the guest" % (len(STEPS), moved))
PY
