#!/bin/sh
# cdrom_boot.sh: -cdrom and -boot d as on QEMU 7.2. The test CD (o/images/cdrom/grub.iso,
# made by grub-mkrescue from images/cdrom/grub.cfg) boots through SeaBIOS's El Torito
# support to GRUB, which reads grub.cfg from the CD over ATAPI and stops at its prompt.
#   1. QEMU 7.2 (-icount shift=3,sleep=off) and pcemu, both with `-cdrom ISO -boot d`, and
#      pcemu again with QEMU's long spelling `-drive file=ISO,media=cdrom,if=ide,index=2
#      -boot order=d`: the serial output up to "grub> " is the same bytes in all three;
#      pcemu stops there with exit status 0.
#   2. On the machine whose sections pcemu's equal (acpi=off, hpet=off, vmport=off, the
#      pentium2 CPU of loadvm_qemu.sh) with a scratch qcow2 disk for the snapshot, QEMU and
#      pcemu save at reset (-S) and at GRUB's prompt: their "ide" sections are equal, key
#      for key (pcemu-img vmstate dump), the CD drive's IDENTIFY data and registers too.
#   3. pcemu loads QEMU's snapshot at the prompt, and QEMU pcemu's; in each, GRUB is told
#      over the serial port to `cat (cd)/boot/grub/grub.cfg` and prints the file: the
#      loaded drive still reads the CD.
set -u
ISO=$(pwd)/$O/images/cdrom/grub.iso
[ -f "$ISO" ] || { echo "no $ISO (make images)"; exit 1; }
[ -x "$PCEMU" ] || { echo "no $PCEMU"; exit 1; }
command -v qemu-system-i386 >/dev/null || { echo "qemu-system-i386 missing"; exit 77; }
command -v qemu-img >/dev/null || { echo "qemu-img missing"; exit 77; }
cd "$TMPDIR_TEST"
exec python3 -u - "$PCEMU" "$PCEMU_IMG" "$ISO" <<'PY'
import json, os, socket, subprocess, sys, time

PCEMU, PCEMU_IMG, ISO = sys.argv[1:4]
PROMPT = b"grub> "
MARKER = b"pcemu-cdrom: GRUB read grub.cfg from the CD"
HOST_BOUND = 600   # seconds; only catches a hung emulator, however busy the host is

def fail(msg):
    print("FAIL:", msg)
    sys.exit(1)

def read(path):
    return open(path, "rb").read() if os.path.exists(path) else b""

def qemu_until(argv, path, text):
    """Runs QEMU until the file path holds text; returns QEMU's Popen, still running."""
    p = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL)
    t0 = time.time()
    while text not in read(path):
        if p.poll() is not None:
            fail("QEMU ended (status %s) before %r: %r" % (p.returncode, text, read(path)[-300:]))
        if time.time() - t0 > HOST_BOUND:
            p.kill()
            fail("QEMU did not print %r" % text)
        time.sleep(0.1)
    return p

def pcemu(argv, expect_rc=0):
    r = subprocess.run([PCEMU] + argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                       timeout=HOST_BOUND)
    out = r.stdout.decode(errors="replace")
    print("pcemu %s -> %d %s" % (" ".join(argv), r.returncode, out.strip()))
    if r.returncode != expect_rc:
        fail("pcemu exit status %d, expected %d" % (r.returncode, expect_rc))
    return out

# ---- 1. boot to GRUB's prompt, serial output compared
QEMU_PC = ["qemu-system-i386", "-M", "pc-i440fx-7.2", "-m", "128", "-nodefaults",
           "-display", "none", "-icount", "shift=3,sleep=off"]
q = qemu_until(QEMU_PC + ["-serial", "file:q-boot.txt", "-cdrom", ISO, "-boot", "d"],
               "q-boot.txt", PROMPT)
q.kill(); q.wait()
RUN = ["-run-until", "serial:grub> ", "-run-for", "300s"]
pcemu(["-M", "pc", "-m", "128", "-nodefaults", "-display", "none", "-serial", "file:p-boot.txt",
       "-cdrom", ISO, "-boot", "d"] + RUN)
pcemu(["-M", "pc", "-m", "128", "-nodefaults", "-display", "none", "-serial", "file:p-drive.txt",
       "-drive", "file=%s,media=cdrom,if=ide,index=2" % ISO, "-boot", "order=d"] + RUN)
qb = read("q-boot.txt")
print("---- QEMU's serial output\n" + qb.decode("latin-1"))
if MARKER not in qb or not qb.endswith(PROMPT):
    fail("QEMU's GRUB did not read the CD and stop at its prompt")
for f in ("p-boot.txt", "p-drive.txt"):
    if read(f) != qb:
        print("---- pcemu's (%s)\n%s" % (f, read(f).decode("latin-1")))
        fail("pcemu's serial output (%s) differs from QEMU's" % f)
print("1: serial output equal (%d bytes), -cdrom and -drive media=cdrom" % len(qb))

# ---- 2. the "ide" section at reset and at GRUB's prompt
CPU = "pentium2,-mmx,-apic,-pae,-mce,-mca,-vme,-de,-fxsr,-pse36,-hypervisor"
MACHINE = ["-M", "pc-i440fx-7.2,acpi=off,hpet=off,vmport=off", "-cpu", CPU, "-m", "32",
           "-nodefaults", "-display", "none", "-cdrom", ISO, "-boot", "d"]
def disk(name):
    subprocess.run(["qemu-img", "create", "-q", "-f", "qcow2", name, "16M"], check=True)
    return ["-drive", "file=%s,if=ide,format=qcow2" % name]
def ide_section(img, snap):
    r = subprocess.run([PCEMU_IMG, "vmstate", "dump", img, snap], stdout=subprocess.PIPE)
    if r.returncode != 0:
        fail("vmstate dump %s %s" % (img, snap))
    secs = [v for k, v in json.loads(r.stdout).items() if k.startswith("0000:00:01.1/ide ")]
    if len(secs) != 1:
        fail("%s %s: %d ide sections" % (img, snap, len(secs)))
    return secs[0]
def same_ide(qimg, pimg, snap):
    qs, ps = ide_section(qimg, snap), ide_section(pimg, snap)
    if qs != ps:
        for k in qs:
            if qs.get(k) != ps.get(k):
                print("QEMU  %s: %s\npcemu %s: %s" % (k, json.dumps(qs[k])[:2000], k,
                                                     json.dumps(ps.get(k))[:2000]))
        fail("%s: the ide sections differ" % snap)
    cd = qs["bus[1].ifs"][0]
    print("2: %s: ide sections equal; CD drive status %s, identify_set %s" %
          (snap, cd["status"], cd["identify_set"]))

monitor = ["-monitor", "stdio"]
qd, pd = disk("q.qcow2"), disk("p.qcow2")
r = subprocess.run(["qemu-system-i386"] + MACHINE + qd + ["-S"] + monitor,
                   input=b"savevm s0\nquit\n", stdout=subprocess.DEVNULL, timeout=HOST_BOUND)
r2 = subprocess.run([PCEMU] + MACHINE + pd + ["-S"] + monitor,
                    input=b"savevm s0\nquit\n", stdout=subprocess.DEVNULL, timeout=HOST_BOUND)
if r.returncode or r2.returncode:
    fail("savevm at reset: QEMU %d, pcemu %d" % (r.returncode, r2.returncode))
same_ide("q.qcow2", "p.qcow2", "s0")
q = qemu_until(["qemu-system-i386"] + MACHINE + qd +
               ["-icount", "shift=3,sleep=off", "-serial", "file:q-snap.txt"] + monitor,
               "q-snap.txt", PROMPT)
q.stdin.write(b"stop\nsavevm s1\nquit\n")
q.stdin.close()
q.wait(timeout=HOST_BOUND)
pcemu(MACHINE + pd + ["-serial", "file:p-snap.txt", "-snapshot", "save", "s1"] + RUN)
same_ide("q.qcow2", "p.qcow2", "s1")

# ---- 3. each loads the other's snapshot at the prompt and reads the CD again
def cat_after_load(emu, img):
    sock = os.path.abspath("serial-%s.sock" % os.path.basename(emu))
    argv = [emu] + MACHINE + ["-drive", "file=%s,if=ide,format=qcow2" % img,
                              "-serial", "unix:%s,server=on,wait=off" % sock, "-loadvm", "s1"]
    p = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    t0 = time.time()
    while not os.path.exists(sock):
        if p.poll() is not None or time.time() - t0 > HOST_BOUND:
            fail("%s -loadvm: %r" % (emu, p.communicate()[0][-500:]))
        time.sleep(0.1)
    # The server may drop a connection made while it sets up the loaded machine: connect
    # until an Enter is answered by a fresh prompt (bounded by host time only).
    while True:
        if p.poll() is not None or time.time() - t0 > HOST_BOUND:
            fail("%s -loadvm: %r" % (emu, p.communicate()[0][-500:]))
        s = socket.socket(socket.AF_UNIX)
        try:
            s.connect(sock)
            s.settimeout(5)
            s.send(b"\r")
            got = b""
            while PROMPT not in got:
                more = s.recv(4096)
                if not more:
                    raise OSError("connection closed")
                got += more
            break
        except OSError:
            s.close()
            time.sleep(0.2)
    # Nothing reads while the keys go out: GRUB's echo queues in the socket, and once the
    # queue is full the emulator waits for the reader below (chardev_slow_reader.sh).
    for ch in b"cat (cd)/boot/grub/grub.cfg\r":   # GRUB polls the UART: a key at a time
        s.send(bytes([ch]))
        time.sleep(0.02)
    out = bytearray()
    s.settimeout(HOST_BOUND)
    while MARKER + b'"' not in out:
        try:
            more = s.recv(4096)
        except OSError:
            more = b""
        if not more:
            p.kill()
            fail("%s after loading %s: GRUB printed %r" % (emu, img, bytes(out[-500:])))
        out.extend(more)
    p.kill(); p.wait(); s.close()
    print("3: %s -loadvm s1 of %s: GRUB read the CD again" % (os.path.basename(emu), img))

cat_after_load(PCEMU, "q.qcow2")
cat_after_load("qemu-system-i386", "p.qcow2")
print("cdrom_boot: all checks passed")
PY
