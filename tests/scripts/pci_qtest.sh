#!/bin/sh
# pci_qtest.sh: pcemu's PCI functions against QEMU 7.2 itself. The same qtest command
# sequences go to qemu-system-i386 -M pc-i440fx-7.2 -qtest and to o/tests/tools/pci_qtest
# (pcemu's pci bus, i440fx, piix3, ide and fw_cfg on one Bus), each with its own copy of the
# same disk image, and every answer must be equal: configuration space of every function
# after reset and after guest writes (masks, write-1-to-clear, BAR sizing, disabled and
# absent functions, odd sizes and offsets at 0xCF8-0xCFF), PAM and SMRAM decode of
# 0xA0000-0xFFFFF, PIRQ routing and 0xCF9, the ATA task file and commands (IDENTIFY, PIO
# and multiple-sector reads and writes in CHS, LBA28 and LBA48, bus-master DMA with PRD
# tables, SET FEATURES/MULTIPLE, INITIALIZE DEVICE PARAMETERS, aborts, soft reset, empty
# channel and absent slave) and fw_cfg (selector, data, DMA). Afterwards both disks must hold
# the same data (qemu-img compare) and pcemu's qcow2 must pass qemu-img check.
set -e
command -v qemu-system-i386 >/dev/null || { echo "qemu-system-i386 missing"; exit 77; }
command -v qemu-img >/dev/null || { echo "qemu-img missing"; exit 77; }
cd "$TMPDIR_TEST"
python3 -u - "$TOOLS/pci_qtest" <<'PY'
import random, subprocess, sys, time

def disk(name, fmt):
    subprocess.check_call(["qemu-img", "create", "-q", "-f", fmt, name, "16M"])
    # every sector starts with its number, so reads show which sector came back
    data = bytearray(16 << 20)
    for s in range(0, 32768):
        data[s * 512:s * 512 + 4] = s.to_bytes(4, "little")
        data[s * 512 + 4] = (s * 7) & 0xff
    raw = name + ".raw"
    open(raw, "wb").write(data)
    subprocess.check_call(["qemu-img", "convert", "-q", "-f", "raw", "-O", fmt, raw, name])

class Peer:
    def __init__(self, argv):
        self.p = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                  text=True, bufsize=1)
    def cmd(self, c):
        self.last = c
        self.p.stdin.write(c + "\n")
        self.p.stdin.flush()
        while True:
            l = self.p.stdout.readline()
            if not l:
                raise SystemExit("peer died at: " + c)
            l = l.strip()
            if l.startswith(("OK", "ERR", "FAIL")):
                return l
    def close(self):
        # pci_qtest ends at EOF; QEMU's qtest does not: SIGTERM makes it flush and quit
        self.p.stdin.close()
        try:
            self.p.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.p.terminate()
            self.p.wait(timeout=600)

fails = 0
count = 0
def run(qemu, pc, lines):
    global fails, count
    for i, c in enumerate(lines):
        if c.startswith("poll "):          # poll PORT MASK WANT: wait for DMA/BSY to settle
            _, port, mask, want = c.split()
            for peer, who in ((qemu, "qemu"), (pc, "pcemu")):
                # QEMU's disk I/O completes in its own time (a loaded host can take long)
                t0 = time.time()
                while int(peer.cmd("inb " + port).split()[1], 16) & int(mask, 0) != int(want, 0):
                    if time.time() - t0 > 600:   # only a device that never settles
                        fails += 1
                        print("DIFF %s: %s never settled (command %d of the scenario)" % (c, who, i))
                        break
                    time.sleep(0.001)
            continue
        a, b = qemu.cmd(c), pc.cmd(c)
        count += 1
        if a != b:
            fails += 1
            if fails <= 60:
                print("DIFF %-28s qemu %-24s pcemu %s (command %d of the scenario)" % (c, a, b, i))

def cfg_dump(devfns):
    out = []
    for d in devfns:
        for r in range(0, 256, 4):
            out += ["outl 0xcf8 0x%x" % (0x80000000 | d << 8 | r), "inl 0xcfc"]
    return out

def cfgw(devfn, reg, val, size):
    sz = {1: "b", 2: "w", 4: "l"}[size]
    return ["outl 0xcf8 0x%x" % (0x80000000 | devfn << 8 | (reg & 0xfc)),
            "out%s 0x%x 0x%x" % (sz, 0xcfc + (reg & 3), val)]

def cfgr(devfn, reg, size):
    sz = {1: "b", 2: "w", 4: "l"}[size]
    return ["outl 0xcf8 0x%x" % (0x80000000 | devfn << 8 | (reg & 0xfc)),
            "in%s 0x%x" % (sz, 0xcfc + (reg & 3))]

# ---- scenario 1: configuration space ----
pci = []
pci += cfg_dump([0, 8, 9, 10, 12, 16, 0x88])   # 00:01.3 (PIIX4 PM) is not emulated
for sz, port in (("b", 0xcf8), ("w", 0xcf8), ("b", 0xcfa), ("w", 0xcfa), ("b", 0xcfb), ("l", 0xcf8)):
    pci += ["outl 0xcf8 0x80000804", "in%s 0x%x" % (sz, port)]
pci += ["outl 0xcf8 0x00000000", "inl 0xcfc", "inw 0xcfe", "inb 0xcfd"]       # disabled
pci += ["outl 0xcf8 0x80010000", "inl 0xcfc"]                                 # bus 1
pci += ["outw 0xcf8 0x1234", "inl 0xcf8", "outb 0xcfb 0x55", "inl 0xcf8"]    # short writes
for d in (0, 8, 9):                       # every byte written with all-ones, then zeros
    for r in range(0, 256, 4):
        pci += cfgw(d, r, 0xffffffff, 4) + cfgr(d, r, 4)
    pci += cfg_dump([d])
    for r in range(0, 256, 4):
        pci += cfgw(d, r, 0, 4) + cfgr(d, r, 4)
pci += cfg_dump([0, 8, 9])
for d in (0, 8, 9):                       # odd sizes and offsets
    for r in (0x3c, 0x3d, 0x0d, 0x41, 0x5a, 0x62, 0x21):
        pci += cfgw(d, r, 0xa5, 1) + cfgr(d, r, 1) + cfgr(d, r & ~1, 2)
    pci += cfgw(d, 0x06, 0xffff, 2) + cfgr(d, 0x04, 4)                      # w1c status
# IDE BAR sizing and mapping
pci += cfgw(9, 0x20, 0xffffffff, 4) + cfgr(9, 0x20, 4) + cfgw(9, 0x20, 0xc000, 4) + cfgr(9, 0x20, 4)
pci += cfgw(9, 0x30, 0xfffff800, 4) + cfgr(9, 0x30, 4)
pci += ["inb 0xc002", "inl 0xc004"]
pci += cfgw(9, 0x04, 0x0001, 2) + ["outl 0xc004 0x12345677", "inl 0xc004", "inw 0xc006", "inb 0xc005",
                                   "outw 0xc006 0xabcd", "inl 0xc004", "inb 0xc000", "inb 0xc001",
                                   "inb 0xc002", "inb 0xc003", "inw 0xc000", "outb 0xc002 0x66",
                                   "inb 0xc002", "inb 0xc00a"]
pci += cfgw(9, 0x20, 0xd001, 4) + ["inb 0xc002", "inb 0xd002"]
pci += cfgw(9, 0x04, 0x0000, 2) + ["inb 0xd002"]
# PIIX3 routing, reset control
pci += cfgw(8, 0x60, 0x0b0b0a0a, 4) + cfgr(8, 0x60, 4) + cfgw(8, 0x61, 0x8f, 1) + cfgr(8, 0x60, 4)
pci += ["inb 0xcf9", "outb 0xcf9 0x02", "inb 0xcf9", "outb 0xcf9 0xff" if False else "outb 0xcf9 0x0a",
        "inb 0xcf9", "inw 0xcf8", "inl 0xcf8"]

# ---- scenario 2: PAM and SMRAM ----
pam = ["readl 0xc0000", "readl 0xe0000", "readl 0xffff0", "readl 0xf0000"]
# qtest writes ignore QEMU's read-only aliases (a CPU store is dropped, a qtest write is not),
# so memory is written only while every region is RAM (0x33) and read in every mode.
def pam_set(val):
    return cfgw(0, 0x58, val << 24 | val << 8, 4) + \
           cfgw(0, 0x5c, val << 24 | val << 16 | val << 8 | val, 4) + cfgw(0, 0x5a, val << 8 | val, 2)
PAM_ADDRS = (0xc0000, 0xc4000, 0xcc000, 0xdc000, 0xe0000, 0xe8000, 0xec000, 0xf0000, 0xfffe0)
for val in (0x00, 0x11, 0x22, 0x33, 0x31, 0x13, 0x10, 0x03):
    pam += pam_set(0x33) + ["writel 0x%x 0x%x" % (a, a ^ val) for a in PAM_ADDRS] + pam_set(val)
    for addr in PAM_ADDRS:
        pam += ["readl 0x%x" % addr, "readb 0x%x" % (addr + 3)]
pam += cfgr(0, 0x58, 4) + cfgr(0, 0x5c, 4)
pam += cfgw(0, 0x72, 0x4a, 1) + ["writel 0xa0000 0x11223344", "readl 0xa0000", "writel 0xbfffc 0x5",
                                 "readl 0xbfffc"]
pam += cfgw(0, 0x72, 0x0a, 1) + cfgr(0, 0x72, 1)
# With SMRAM closed and no VGA the empty PCI side shows pc.ram on QEMU (vgacon's scratch test)
pam += ["readl 0xa0000", "readl 0xbfffc", "writel 0xb8000 0x55aaaa55", "readl 0xb8000"]
pam += cfgw(0, 0x72, 0x4a, 1) + ["readl 0xa0000", "readl 0xbfffc"]

# ---- scenario 3: ATA ----
def ata_cmd(base, regs, cmd, settle=0x80):
    out = []
    for off, v in regs:
        out.append("outb 0x%x 0x%x" % (base + off, v))
    # QEMU's disk I/O completes asynchronously: wait until BSY clears before looking
    out += ["outb 0x%x 0x%x" % (base + 7, cmd), "poll 0x%x 0x%x 0x00" % (base + 0x206, settle),
            "inb 0x%x" % (base + 7), "inb 0x%x" % (base + 1)]
    return out

def task_file(base):
    return ["inb 0x%x" % (base + i) for i in range(1, 8)] + ["inb 0x%x" % (0x206 + base)]

def pio_in(base, words, block=256):
    # a guest waits for BSY to clear before each DRQ block (QEMU reads the next block
    # asynchronously), as SeaBIOS and Linux do
    out = []
    for i in range(words):
        if i and i % block == 0:
            out.append("poll 0x%x 0x80 0x00" % (base + 0x206))
        out.append("inw 0x%x" % base)
    return out + ["poll 0x%x 0x80 0x00" % (base + 0x206), "inb 0x%x" % (base + 7)]

def pio_out(words, block=256):
    out = []
    for i, w in enumerate(words):
        if i and i % block == 0:
            out.append("poll 0x3f6 0x80 0x00")
        out.append(w)
    return out + ["poll 0x3f6 0x80 0x00"]

P = 0x1f0
ata = []
ata += task_file(P) + task_file(0x170) + ["inb 0x3f6", "inb 0x376"]
ata += ["outb 0x1f6 0xb0"] + task_file(P) + ["outb 0x1f6 0xa0"]                 # absent slave
ata += ["outb 0x1f2 0x55", "outb 0x1f3 0xaa", "inb 0x1f2", "inb 0x1f3", "outb 0x1f6 0xb0",
        "inb 0x1f2", "inb 0x1f6", "outb 0x1f7 0xec", "inb 0x1f7", "outb 0x1f6 0xa0"]
ata += ["outb 0x176 0xa0", "outb 0x172 0x55", "inb 0x172", "inb 0x176", "outb 0x177 0xec", "inb 0x177"]
ata += ata_cmd(P, [], 0xa1) + task_file(P)                                      # IDENTIFY PACKET
ata += ata_cmd(P, [], 0xec) + pio_in(P, 256) + task_file(P)                     # IDENTIFY
ata += ata_cmd(P, [], 0xec) + ["inl 0x1f0" for _ in range(128)] + task_file(P)  # 32-bit reads
ata += ata_cmd(P, [(2, 2), (3, 5), (4, 0), (5, 0), (6, 0xe0)], 0x20) + pio_in(P, 512) + task_file(P)
ata += ata_cmd(P, [(2, 1), (3, 3), (4, 1), (5, 0), (6, 0xa2)], 0x20) + pio_in(P, 256) + task_file(P)  # CHS
ata += ata_cmd(P, [(2, 1), (3, 0), (4, 0), (5, 0), (6, 0xa0)], 0x20) + task_file(P)                 # CHS sector 0
ata += ata_cmd(P, [(2, 0), (2, 3), (3, 0x10), (3, 0x20), (4, 0), (4, 0x30), (5, 0), (5, 0), (6, 0x40)], 0x24) \
       + ["outb 0x3f6 0x80"] + task_file(P) + ["outb 0x3f6 0x00"] + pio_in(P, 256 * 3) + task_file(P)  # LBA48
ata += ata_cmd(P, [(2, 4), (3, 0xff), (4, 0x7f), (5, 0), (6, 0xe0)], 0x20) + pio_in(P, 256 * 2) + task_file(P)  # past end
ata += ata_cmd(P, [(2, 0x08)], 0xc6) + task_file(P) + ata_cmd(P, [(2, 3)], 0xc6) + task_file(P)
ata += ata_cmd(P, [(2, 0x20)], 0xc6) + task_file(P)
ata += ata_cmd(P, [(2, 4)], 0xc6) + ata_cmd(P, [(2, 10), (3, 40), (4, 0), (5, 0), (6, 0xe0)], 0xc4) \
       + pio_in(P, 256 * 10, 1024) + task_file(P)                               # READ MULTIPLE
wr = []
for i in range(256 * 3):
    wr.append("outw 0x1f0 0x%x" % ((i * 2654435761) & 0xffff))
ata += ata_cmd(P, [(2, 3), (3, 100), (4, 0), (5, 0), (6, 0xe0)], 0x30) + pio_out(wr) + task_file(P)  # WRITE
ata += ata_cmd(P, [(2, 3), (3, 100), (4, 0), (5, 0), (6, 0xe0)], 0x20) + pio_in(P, 256 * 3)
ata += ata_cmd(P, [(2, 5), (3, 200), (4, 0), (5, 0), (6, 0xe0)], 0xc5) + pio_out(wr[:256 * 4], 1024) + task_file(P) \
       + pio_out(wr[:256]) + task_file(P)                                        # WRITE MULTIPLE
ata += ata_cmd(P, [(2, 0), (2, 2), (3, 0), (3, 150), (4, 0), (4, 0), (5, 0), (5, 0), (6, 0x40)], 0x34) + pio_out(wr[:512]) + task_file(P)
ata += ata_cmd(P, [(2, 0), (2, 1), (3, 0), (3, 0x10), (4, 0), (4, 0), (5, 1), (5, 0), (6, 0x40)], 0x24) + task_file(P)  # LBA48 beyond
for f, n in ((0x02, 0), (0x82, 0), (0x03, 0x0c), (0x03, 0x22), (0x03, 0x45), (0x03, 0x80), (0xaa, 0), (0x77, 0), (0xcc, 0)):
    ata += ata_cmd(P, [(1, f), (2, n)], 0xef) + task_file(P)
ata += ata_cmd(P, [], 0xec) + pio_in(P, 256)
for c in (0x10, 0x70, 0x40, 0x42, 0xe5, 0x98, 0xe0, 0xe7, 0xea, 0xf8, 0x27, 0xb0, 0x06, 0x08, 0xa0, 0xf5, 0x00, 0xff, 0x22, 0x50):
    ata += ata_cmd(P, [(2, 7), (3, 9), (4, 1), (5, 2), (6, 0xe1)], c) + task_file(P)
ata += ata_cmd(P, [(2, 17), (6, 0xa3)], 0x91) + task_file(P)                     # INITIALIZE: 4 heads, 17 sectors
ata += ata_cmd(P, [(2, 1), (3, 1), (4, 2), (5, 0), (6, 0xa1)], 0x20) + pio_in(P, 256) + task_file(P)
ata += ata_cmd(P, [(2, 1), (3, 1), (4, 0), (5, 0), (6, 0xa0)], 0x90) + task_file(P)   # DIAGNOSE
ata += ["outb 0x3f6 0x0e", "poll 0x3f6 0x80 0x00", "outb 0x3f6 0x0a"] + task_file(P) + \
       ["outb 0x3f6 0x08"]                                                       # SRST
ata += ata_cmd(P, [(2, 1), (3, 1), (4, 2), (5, 0), (6, 0xa1)], 0x20) + pio_in(P, 256) + task_file(P)
ata += ata_cmd(P, [(2, 2), (3, 0), (4, 0), (5, 0), (6, 0xe0)], 0x20) + ["inw 0x1f0", "outb 0x1f7 0xec",
       "inb 0x1f7", "outb 0x1f2 9", "inb 0x1f2"] + pio_in(P, 511, 255) + task_file(P)  # busy task file

# bus-master DMA: BAR4 at 0xc000, bus master on, PRDs at 0x10000
dma = cfgw(9, 0x20, 0xc001, 4) + cfgw(9, 0x04, 0x0005, 2)
def prd(addr, entries):
    out = []
    for i, (a, n, last) in enumerate(entries):
        out.append("writel 0x%x 0x%x" % (addr + 8 * i, a))
        out.append("writel 0x%x 0x%x" % (addr + 8 * i + 4, (n & 0xffff) | (0x80000000 if last else 0)))
    return out
def dma_read(lba, n, entries, cmd=0xc8, start_first=False):
    out = ["memset 0x200000 0x40000 0xee"] + prd(0x10000, entries)
    out += ["outl 0xc004 0x10000", "outb 0xc002 0x06", "inb 0xc002"]
    regs = [(2, n & 0xff), (3, lba & 0xff), (4, (lba >> 8) & 0xff), (5, (lba >> 16) & 0xff), (6, 0xe0)]
    if start_first:
        out += ["outb 0xc000 0x09"] + ata_cmd(P, regs, cmd, settle=0x88)  # DMA runs at once
    else:
        out += ata_cmd(P, regs, cmd) + ["inb 0xc002", "outb 0xc000 0x09"]
    out += ["poll 0x3f6 0x88 0x00", "inb 0xc002", "outb 0xc000 0x08"] + task_file(P)
    out += ["read 0x200000 %d" % (512 * n + 64), "read 0x220000 64", "inb 0xc002"]
    return out
dma += dma_read(5, 4, [(0x200000, 2048, True)])
dma += dma_read(9, 3, [(0x200000, 700, False), (0x200400, 836, True)])
dma += dma_read(12, 2, [(0x200000, 512, True)])                                  # PRDs too short
dma += dma_read(20, 2, [(0x200000, 4096, True)], start_first=True)              # PRDs longer
dma += ["memset 0x200000 0x1000 0x5a"] + prd(0x10000, [(0x200000, 1024, True)]) + \
       ["outl 0xc004 0x10000", "outb 0xc002 0x06"] + ata_cmd(P, [(2, 2), (3, 60), (4, 0), (5, 0), (6, 0xe0)], 0xca) + \
       ["outb 0xc000 0x01", "poll 0x3f6 0x88 0x00", "inb 0xc002", "outb 0xc000 0x00"] + task_file(P)
dma += ata_cmd(P, [(2, 2), (3, 60), (4, 0), (5, 0), (6, 0xe0)], 0x20) + pio_in(P, 512)
dma += ["outb 0xc00a 0x06", "inb 0xc00a", "inb 0xc00b"]

# ---- scenario 4: fw_cfg ----
fw = ["outw 0x510 0x0000"] + ["inb 0x511" for _ in range(6)] + ["inb 0x510"]
fw += ["outw 0x510 0x0001"] + ["inb 0x511" for _ in range(5)]
fw += ["outw 0x510 0x4000", "inb 0x511", "outw 0x510 0x7fff", "inb 0x511"]
fw += ["inb 0x514", "inb 0x515", "inw 0x516", "inl 0x518", "inl 0x514", "inw 0x510", "inl 0x510"]
fw += ["writel 0x30000 0x0a000000", "writel 0x30004 0x04000000", "writel 0x30008 0", "writel 0x3000c 0x00300400",
       "outl 0x518 0x00000300", "read 0x30000 16", "read 0x40030 8"]               # DMA select 0 + read 4
fw += ["writel 0x30000 0x02000000", "writel 0x30004 0x04000000", "outl 0x518 0x00000300", "read 0x30000 4",
       "read 0x40030 8"]                                                          # read past the end
fw += ["writel 0x30000 0x10000000", "writel 0x30004 0x04000000", "outl 0x518 0x00000300", "read 0x30000 4"]
fw += ["writel 0x30000 0x08000100", "writel 0x30004 0x04000000", "outl 0x518 0x00000300", "read 0x30000 4",
       "inb 0x511"]

for name, fmt in (("qcow2", "qcow2"),):
    disk("q." + name, fmt)
    disk("p." + name, fmt)
    qemu = Peer(["qemu-system-i386", "-M", "pc-i440fx-7.2", "-m", "32", "-nodefaults", "-display", "none",
                 "-S", "-qtest", "stdio", "-qtest-log", "/dev/null",
                 "-drive", "file=q.%s,if=ide,format=%s,index=0" % (name, fmt)])
    pc = Peer([sys.argv[1], "-hda", "p." + name])
    n0 = count
    for scen in (pci, pam, ata, dma, fw):
        f0 = fails
        run(qemu, pc, scen)
        print("  %s: scenario of %d commands, %d differences" % (name, len(scen), fails - f0))
    qemu.close()
    pc.close()
    print("%s: %d answers compared" % (name, count - n0))
    r = subprocess.call(["qemu-img", "compare", "-q", "-f", fmt, "-F", fmt, "q." + name, "p." + name])
    if r != 0:
        print("%s: disk contents differ after the same writes" % name)
        fails += 1
    if fmt == "qcow2":
        r = subprocess.call(["qemu-img", "check", "-q", "p." + name])
        if r != 0:
            print("qemu-img check failed on pcemu's image")
            fails += 1
print("%d differences" % fails)
sys.exit(1 if fails else 0)
PY
