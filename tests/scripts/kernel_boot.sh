#!/bin/sh
# kernel_boot.sh: -kernel/-initrd/-append on pcemu and on QEMU 7.2, on linux_boot.sh's
# machine (-M pc-i440fx-7.2,acpi=off,hpet=off,vmport=off, pcemu's -cpu string):
#   1. errors: each bad command line (-initrd/-append without -kernel, missing or empty
#      files, a kernel too old for an initrd, a setup larger than the file, an initrd over
#      initrd_addr_max, a bad vga=, bad multiboot addresses, a missing module) fails on
#      both with exit status 1 and the same one-line message (after "qemu: ",
#      "qemu-system-i386: " or "pcemu: "); an ELF multiboot kernel, which pcemu does not
#      load, fails with one line saying so;
#   2. fw_cfg: tests/data/fwcfg_dump.asm as -bios prints the file directory (bootorder,
#      genroms/linuxboot_dma.bin or multiboot_dma.bin) and the kernel items (values, sizes
#      and checksums of kernel, setup, initrd and command line): equal on both for the
#      Linux guest's kernel, the multiboot kernel with modules, and 16 kernels made from
#      seed 1612 (setup header protocol 0 to 2.15, load flags, setup sectors, initrd
#      limits, initrds, command lines with vga=, RAM sizes; some of them errors, compared
#      as in 1);
#   3. multiboot: images/multiboot/mbinfo.asm prints the magic, the MBI, its modules (two,
#      one with ",," in its name and arguments) and the memory map: equal on both;
#   4. Linux: the guest's kernel and initramfs ($O/images/linux/vmlinuz, initrd.img) with
#      -append as GRUB's grub.cfg gives it boot to the prompt with the same workload
#      results as through GRUB (linux_boot.sh's values), on QEMU (savevm "mid" at the
#      initramfs's first line, then -loadvm on to the prompt) and on pcemu (-snapshot save
#      there, then -loadvm); the logs are equal, clock readings aside (as linux_boot.sh);
#      both snapshots hold the same RAM blocks (the option ROM lives in pc.ram, as on
#      QEMU), and QEMU -loadvm of pcemu's snapshot and pcemu -loadvm of QEMU's run on to
#      the prompt with the same log.
set -u
command -v qemu-system-i386 >/dev/null || { echo "qemu-system-i386 missing"; exit 77; }
command -v qemu-img >/dev/null || { echo "qemu-img missing"; exit 77; }
command -v nasm >/dev/null || { echo "nasm missing"; exit 77; }
ROOT=$(pwd)
LINUX=$ROOT/$O/images/linux
MBINFO=$ROOT/$O/images/multiboot/mbinfo.bin
for f in "$LINUX/vmlinuz" "$LINUX/initrd.img" "$MBINFO"; do
    [ -f "$f" ] || { echo "no $f (make images)"; exit 1; }
done
cd "$TMPDIR_TEST"
nasm -f bin -i "$ROOT/tests/data/" -o fw.bin "$ROOT/tests/data/fwcfg_dump.asm" || { echo "FAIL: nasm"; exit 1; }
head -c 196608 /dev/zero >fw256.bin
cat fw.bin >>fw256.bin
exec python3 -u - "$PCEMU" "$PCEMU_IMG" "$LINUX" "$MBINFO" <<'PY'
import json, os, random, re, shutil, struct, subprocess, sys, time
PCEMU, PCEMU_IMG, LINUX, MBINFO = sys.argv[1:5]
BASE = ["-M", "pc-i440fx-7.2,acpi=off,hpet=off,vmport=off",
        "-cpu", "pentium2,-mmx,-apic,-pae,-mce,-mca,-vme,-de,-fxsr,-pse36,-hypervisor",
        "-nodefaults", "-display", "none"]
MACHINE = BASE + ["-m", "64", "-icount", "shift=3,sleep=off",
                  "-rtc", "base=2024-01-01T00:00:00,clock=vm", "-no-reboot"]
APPEND = "console=ttyS0 earlyprintk=serial,ttyS0,115200 nokaslr panic=-1"   # grub.cfg's
LIMIT_S = 1500          # hang guard only, far above any run's time on a loaded machine


def fail(msg):
    print("FAIL: " + msg)
    sys.exit(1)


def read(path):
    try:
        with open(path, "rb") as f:
            return f.read()
    except FileNotFoundError:
        return b""


def message(err):
    """The one line an emulator printed, without its program prefix."""
    lines = err.decode("utf-8", "replace").strip().splitlines()
    if len(lines) != 1:
        return None
    return re.sub(r"^(qemu-system-i386: |qemu: |pcemu: )", "", lines[0])


def wait_text(p, path, text, what):
    """Waits until the file holds text; fails if p exits first or the guard expires."""
    t0 = time.monotonic()
    while text not in read(path):
        if p.poll() is not None:
            return False
        if time.monotonic() - t0 > LIMIT_S:
            p.kill()
            fail("%s: no %r after %d s" % (what, text, LIMIT_S))
        time.sleep(0.02)
    return True


def qemu_until(args, path, text, what):
    """QEMU with args, stopped once path holds text. Returns (None, None), or (status,
    stderr) when QEMU exited first (a start-up error)."""
    p = subprocess.Popen(["qemu-system-i386"] + args, stdin=subprocess.DEVNULL,
                         stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    if wait_text(p, path, text, what):
        p.kill()
        p.wait()
        return None, None
    return p.returncode, p.stderr.read()


def same_errors(what, q, p):
    """QEMU's (status, stderr) and pcemu's: exit 1 and the same message."""
    mq, mp = message(q[1]), message(p[1])
    if q[0] != 1 or p[0] != 1 or mq is None or mq != mp:
        fail("%s: QEMU exit %s %r, pcemu exit %s %r" % (what, q[0], q[1], p[0], p[1]))
    return mq


def pcemu(args):
    r = subprocess.run([PCEMU] + args, stdin=subprocess.DEVNULL, capture_output=True)
    return r.returncode, r.stderr


# ---- 1. errors ----
def header(img, protocol=0x20f, setup_sects=4, loadflags=1, initrd_max=0x7fffffff, xlf=0):
    """Sets the setup header fields QEMU reads (those inside the image)."""
    for off, fmt, v in ((0x1f1, "<B", setup_sects), (0x202, "<4s", b"HdrS" if protocol else b"none"),
                        (0x206, "<H", protocol), (0x211, "<B", loadflags),
                        (0x22c, "<I", initrd_max), (0x236, "<H", xlf)):
        if off + struct.calcsize(fmt) <= len(img):
            struct.pack_into(fmt, img, off, v)
    return bytes(img)


def kernel(**fields):
    return header(bytearray(8192), **fields)


def write(name, data):
    with open(name, "wb") as f:
        f.write(data)
    return name


mb = bytearray(read(MBINFO))
assert struct.unpack_from("<I", mb, 0)[0] == 0x1BADB002
def multiboot(**fields):
    """mbinfo.bin with header fields changed (flags keep the checksum valid)."""
    m = bytearray(mb)
    for name, v in fields.items():
        off = {"flags": 4, "header_addr": 12, "load_addr": 16, "load_end": 20, "bss_end": 24}[name]
        struct.pack_into("<I", m, off, v)
    struct.pack_into("<I", m, 8, (-(0x1BADB002 + struct.unpack_from("<I", m, 4)[0])) & 0xffffffff)
    return bytes(m)


write("k", kernel())
write("old", kernel(protocol=0x1ff))
write("badsetup", kernel(setup_sects=60))
write("tiny", b"abc")
write("empty", b"")
write("big", bytes(8 << 20))
load = struct.unpack_from("<I", mb, 16)[0]
write("mb_loadaddr", multiboot(load_addr=load + 0x1000))
write("mb_headeraddr", multiboot(header_addr=load + 0x2000))
write("mb_loadend", multiboot(load_end=load - 4))
write("mb_bss", multiboot(bss_end=load + 4))
write("mb_elf", multiboot(flags=0x3))
ERRORS = [
    ["-initrd", "k"], ["-append", "x y"], ["-initrd", "k", "-append", "x"],
    ["-kernel", "missing"], ["-kernel", "empty"], ["-kernel", "old", "-initrd", "k"],
    ["-kernel", "badsetup"], ["-kernel", "tiny"], ["-kernel", "k", "-initrd", "missing"],
    ["-kernel", "k", "-initrd", "big"], ["-kernel", "k", "-append", "quiet vga=foo"],
    ["-kernel", "k", "-append", "vga=0x31x"], ["-kernel", "mb_loadaddr"],
    ["-kernel", "mb_headeraddr"], ["-kernel", "mb_loadend"], ["-kernel", "mb_bss"],
    ["-kernel", MBINFO, "-initrd", "k,missing"],
]
for extra in ERRORS:
    args = BASE + ["-m", "8"] + extra
    q = subprocess.run(["qemu-system-i386"] + args + ["-S"], stdin=subprocess.DEVNULL,
                       capture_output=True, timeout=LIMIT_S)
    m = same_errors(" ".join(extra), (q.returncode, q.stderr), pcemu(args + ["-S"]))
    print("ok: %s: both exit 1: %s" % (" ".join(extra), m))
q = subprocess.run(["qemu-system-i386"] + BASE + ["-kernel", "mb_elf", "-S"],
                   stdin=subprocess.DEVNULL, capture_output=True, timeout=LIMIT_S)
p = pcemu(BASE + ["-kernel", "mb_elf", "-S"])
if q.returncode != 1 or p[0] != 1 or message(p[1]) is None or "ELF" not in message(p[1]):
    fail("ELF multiboot kernel: QEMU exit %d, pcemu exit %d %r" % (q.returncode, p[0], p[1]))
print("ok: an ELF multiboot kernel: QEMU fails (%s), pcemu says %s" % (
    message(q.stderr), message(p[1])))

# ---- 2. fw_cfg as the guest sees it ----
def fwcfg_case(name, mem, extra, mask=None):
    """Dumps fw_cfg on both; equal dumps (lines matching mask aside), or equal errors.
    Returns the dump or None."""
    args = BASE + ["-m", mem, "-bios", os.path.abspath("fw256.bin")] + extra
    q, p = name + ".q", name + ".p"
    dbg = lambda f: ["-chardev", "file,id=dbg,path=" + f, "-device",
                     "isa-debugcon,iobase=0x402,chardev=dbg"]
    qerr = qemu_until(args + dbg(q), q, b"end\n", "QEMU " + name)
    perr = pcemu(args + dbg(p) + ["-run-until", "halt"])
    if qerr[0] is not None:
        m = same_errors(name, qerr, perr)
        print("ok: %s: both refuse it: %s" % (name, m))
        return None
    if perr[0] != 0:
        fail("%s: pcemu exit %d: %r" % (name, perr[0], perr[1]))
    if mask:
        for f in (q, p):
            write(f, re.sub(mask, b"(masked)", read(f)))
    if read(q) != read(p):
        subprocess.run(["diff", q, p])
        fail("%s: fw_cfg differs (QEMU -, pcemu +)" % name)
    return read(p).decode()


d = fwcfg_case("linux", "128", ["-kernel", LINUX + "/vmlinuz", "-initrd", LINUX + "/initrd.img",
                                "-append", APPEND + " vga=ask"])
for want in ("file 00000026 00000600 genroms/linuxboot_dma.bin", "key 07 00100000",
             "key 16 00010000", "key 13 00020000"):
    if want not in d:
        fail("linux: no %r in the fw_cfg dump" % want)
if "2f726f6d4067656e726f6d732f6c696e7578626f6f745f646d612e62696e00" not in d:
    fail("linux: bootorder is not /rom@genroms/linuxboot_dma.bin")
print("ok: the Linux guest's kernel, initramfs and command line: fw_cfg equal to QEMU's")
write("mod1.txt", b"hello module one\n")
write("m,2.bin", b"\x01\x02\x03")
MODS = "mod1.txt one two,m,,2.bin"
# The multiboot buffer's padding (after the bss, after each module, up to the next page)
# is uninitialised heap in QEMU (g_realloc; malloc's chunk sizes show through) and zero in
# pcemu, so its checksum is left out; part 3 shows what the kernel gets.
d = fwcfg_case("multiboot", "32", ["-kernel", MBINFO, "-initrd", MODS, "-append", "hello"],
               mask=rb"(?m)^key 11 size .*$")
if "genroms/multiboot_dma.bin" not in d or "key 10 " + "%08x" % struct.unpack_from("<I", mb, 28)[0] not in d:
    fail("multiboot: no multiboot_dma.bin or entry point in fw_cfg:\n" + d)
print("ok: the multiboot kernel and modules: fw_cfg equal to QEMU's (the buffer's checksum aside)")

rng = random.Random(1612)
dumps = errors = 0
for n in range(16):
    protocol = rng.choice([0, 0x1ff, 0x200, 0x201, 0x202, 0x203, 0x20a, 0x20c, 0x20f])
    sects = rng.choice([0, 1, 4, 15, 30])
    setup = ((sects or 4) + 1) * 512
    size = setup + rng.randrange(0, 100000) if rng.random() < 0.9 else rng.randrange(1, setup)
    img = header(bytearray(rng.getrandbits(8) for _ in range(size)), protocol, sects,
                 rng.choice([0, 1, 0x81]),
                 rng.choice([0x37ffffff, 0x7fffffff, 0x1000000, rng.getrandbits(32)]),
                 rng.choice([0, 2]))
    write("r%d" % n, bytes(img))
    extra = ["-kernel", "r%d" % n, "-append",
             rng.choice(["", "console=ttyS0", "vga=ask quiet", "a vga=0x317 b", "vga=791",
                         "vga=normal", "x" * 300])]
    if rng.random() < 0.6:
        write("r%d.initrd" % n, bytes(rng.getrandbits(8) for _ in range(rng.randrange(0, 300000))))
        extra += ["-initrd", "r%d.initrd" % n]
    d = fwcfg_case("random %d" % n, rng.choice(["16", "32", "64"]), extra)
    dumps, errors = dumps + (d is not None), errors + (d is None)
print("ok: %d random kernels (seed 1612): %d fw_cfg dumps equal, %d equal errors" % (
    dumps + errors, dumps, errors))
if dumps < 8 or errors < 1:
    fail("the random cases cover too little (%d dumps, %d errors)" % (dumps, errors))

# ---- 3. multiboot: what the kernel was handed ----
args = BASE + ["-m", "32", "-no-reboot", "-kernel", MBINFO, "-initrd", MODS, "-append", "hello world"]
DONE = b"MBINFO done"
qerr = qemu_until(args + ["-serial", "file:mq.log"], "mq.log", DONE, "QEMU multiboot")
if qerr[0] is not None:
    fail("QEMU multiboot: exit %d %r" % qerr)
r = pcemu(args + ["-serial", "file:mp.log", "-run-until", "serial:" + DONE.decode()])
if r[0] != 0:
    fail("pcemu multiboot: exit %d %r" % r)
mq, mp = read("mq.log"), read("mp.log")
mq = mq[:mq.find(DONE) + len(DONE)]
if mq != mp:
    fail("multiboot output differs:\nQEMU:\n%s\npcemu:\n%s" % (mq.decode(), mp.decode()))
for want in (b"MBINFO magic 2badb002 mbi 00009500", b'cmdline "%s hello world"' % MBINFO.encode(),
             b'boot_loader "qemu"', b"mods 00000002", b'"mod1.txt one two" data 68656c6c6f',
             b'"m,2.bin" data 010203\n', b"bss zero"):
    if want not in mp:
        fail("multiboot: no %r in:\n%s" % (want, mp.decode()))
print("ok: the multiboot kernel prints the same %d lines on both (MBI, modules, memory map)"
      % mp.count(b"\n"))

# ---- 4. Linux through -kernel/-initrd/-append ----
PROMPT = b"linuxguest# "
MID = b"LINUXGUEST init: "
WANT = [b"Kernel command line: " + APPEND.encode(), b"fpu\t\t: yes",
        b"LINUXGUEST sh: sum of squares 1..300 = 9045050",
        b"LINUXGUEST awk: sqrt 3472.556389 sin 0.435590 exp 94.546979 log 1414.905850 "
        b"harmonic 6.282664", b"LINUXGUEST workload done"]
KERNEL = ["-kernel", LINUX + "/vmlinuz", "-initrd", LINUX + "/initrd.img", "-append", APPEND]
# Clock readings QEMU does not repeat under -icount, and two lines delayed work prints at
# a varying place (linux_boot.sh says why): numbers masked there, those lines sorted last.
VARIABLE = re.compile(rb"^\[T\] (sched_clock: Marking stable|audit: |rtc_cmos rtc_cmos: setting|"
                      rb"clocksource: (tsc: mask|Switched to clocksource tsc))")


def untimed(data):
    lines = re.sub(rb"(?m)^\[ *[0-9]+\.[0-9]+\] ", b"[T] ", data.replace(b"\r\n", b"\n")).split(b"\n")
    var = sorted(re.sub(rb"[0-9]+", b"N", l) for l in lines if VARIABLE.match(l))
    return [l for l in lines if not VARIABLE.match(l)] + [b"(variable:)"] + var


def upto_prompt(name, data):
    i = data.find(PROMPT)
    if i < 0:
        fail("%s: no prompt; last lines:\n%s" % (name, data[-1500:].decode("latin-1")))
    return data[:i + len(PROMPT)]


def same(name, ref, got):
    a, b = untimed(ref), untimed(got)
    if a != b:
        import difflib
        d = difflib.unified_diff([l.decode("latin-1") for l in a], [l.decode("latin-1") for l in b],
                                 "QEMU", name, lineterm="", n=2)
        fail("%s differs from QEMU's log (clock readings aside):\n%s" % (name, "\n".join(list(d)[:60])))


class Run:
    """QEMU (HMP on stdin: 'stop; savevm mid' at MID with save, else quit at the prompt)
    or pcemu (-run-until and -snapshot save itself) on disk with -kernel, serial to
    NAME.log."""
    def __init__(self, emu, name, disk, save=False, loadvm=None):
        self.log, self.qemu, self.save = name + ".log", emu == "qemu", save
        argv = MACHINE + KERNEL + ["-serial", "file:" + self.log,
                                   "-drive", "file=%s,if=ide,format=qcow2" % disk]
        if self.qemu:
            argv = ["qemu-system-i386"] + argv + ["-monitor", "stdio"]
        else:
            argv = [PCEMU] + argv + (["-run-until", "serial:" + MID.decode(), "-snapshot",
                                      "save", "mid"] if save else
                                     ["-run-until", "serial:" + PROMPT.decode()])
        if loadvm:
            argv += ["-loadvm", loadvm]
        self.p = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
                                  stderr=subprocess.PIPE)
        self.told = not self.qemu

    def done(self):
        if not self.told and (MID if self.save else PROMPT) in read(self.log):
            self.p.stdin.write(b"stop\nsavevm mid\nquit\n" if self.save else b"quit\n")
            self.p.stdin.flush()
            self.told = True
        if self.p.poll() is None:
            return False
        if self.p.returncode != 0 or not self.told:
            fail("%s: exit %d: %s" % (self.log, self.p.returncode, self.p.stderr.read().decode()))
        return True


def finish(*runs):
    t0 = time.monotonic()
    while not all(r.done() for r in runs):
        if time.monotonic() - t0 > LIMIT_S:
            fail("no end after %d s: %s" % (LIMIT_S, [r.log for r in runs]))
        time.sleep(0.05)


for d in ("q.qcow2", "p.qcow2"):
    subprocess.run(["qemu-img", "create", "-q", "-f", "qcow2", d, "16M"], check=True)
t0 = time.monotonic()
finish(Run("qemu", "qsave", "q.qcow2", save=True), Run("pcemu", "psave", "p.qcow2", save=True))
print("QEMU and pcemu booted the kernel to %r and saved: %.1f s wall" % (MID, time.monotonic() - t0))
shutil.copyfile("q.qcow2", "q-for-pcemu.qcow2")
shutil.copyfile("p.qcow2", "p-for-qemu.qcow2")


def blocks(disk):
    r = subprocess.run([PCEMU_IMG, "vmstate", "dump", disk, "mid"], capture_output=True)
    if r.returncode != 0:
        fail("vmstate dump %s: %s" % (disk, r.stderr.decode()))
    return [v["section sizes"] for k, v in json.loads(r.stdout).items() if k.startswith("ram ")]


if blocks("q.qcow2") != blocks("p.qcow2"):
    fail("RAM blocks: QEMU %s, pcemu %s" % (blocks("q.qcow2"), blocks("p.qcow2")))
print("ok: both snapshots hold the RAM blocks %s" % list(blocks("p.qcow2")[0]))
t0 = time.monotonic()
finish(Run("qemu", "qload", "q.qcow2", loadvm="mid"), Run("pcemu", "pload", "p.qcow2", loadvm="mid"),
       Run("qemu", "qload-p", "p-for-qemu.qcow2", loadvm="mid"),
       Run("pcemu", "pload-q", "q-for-pcemu.qcow2", loadvm="mid"))
print("four -loadvm runs on to the prompt: %.1f s wall" % (time.monotonic() - t0))
ref = upto_prompt("QEMU", read("qsave.log") + read("qload.log"))
for w in WANT:
    if w not in ref:
        fail("QEMU: no %r in the log" % w)
print("ok: QEMU boots the kernel and initramfs through -kernel/-initrd/-append to the prompt "
      "with the workload results of the GRUB boot (%d lines)" % ref.count(b"\n"))
same("pcemu", ref, upto_prompt("pcemu", read("psave.log") + read("pload.log")))
print("ok: pcemu's log (saved at the initramfs's first line, loaded on) equals QEMU's, clock "
      "readings aside")
same("pcemu's snapshot on QEMU", ref, upto_prompt("qload-p", read("psave.log") + read("qload-p.log")))
print("ok: QEMU -loadvm of pcemu's snapshot runs on to the prompt")
same("QEMU's snapshot on pcemu", ref, upto_prompt("pload-q", read("qsave.log") + read("pload-q.log")))
print("ok: pcemu -loadvm of QEMU's snapshot runs on to the prompt")
for d in ("q.qcow2", "p.qcow2", "q-for-pcemu.qcow2", "p-for-qemu.qcow2"):
    subprocess.run(["qemu-img", "check", "-q", d], check=True)
print("kernel_boot: ok")
PY
