#!/bin/sh
# monitor_mtree_qemu.sh: HMP `info mtree`, `info mtree -f`, `info mtree -D`, a bad option and
# `info qtree` against QEMU 7.2 on the same command line, for two machines, each with a
# qcow2 IDE disk, a CD, a floppy, a serial port and a debugcon:
#  - reduced: -M pc-i440fx-7.2,acpi=off,hpet=off,vmport=off -cpu pentium2 without the APIC;
#  - full: -M pc-i440fx-7.2,acpi=on,hpet=on,vmport=on -cpu pentium2 (APIC, PIIX4 PM, SMBus).
# Each is listed at the reset vector (-S) and again once SeaBIOS has given up booting ("No
# bootable device" on the debug port; the machines are stopped first): by then it has
# programmed PAM, SMRAM, the PM and SMBus bases and the IDE BAR. QEMU prints its address
# spaces and flat views in hash-table order, so the listings compare as sets of blocks.
# With the APIC, QEMU's kvmvapic shows: its ports 0x7e-0x7f and, once SeaBIOS has run its
# ROM, the kvmvapic-rom alias over 0xc0000-0xc2fff (which splits the flat view's pc.ram).
set -u
command -v qemu-system-i386 >/dev/null || { echo "qemu-system-i386 missing"; exit 77; }
command -v qemu-img >/dev/null || { echo "qemu-img missing"; exit 77; }
cd "$TMPDIR_TEST"
python3 -c "open('cd.iso', 'wb').write(bytes(range(256)) * 8 * 64)"
python3 -c "open('fd.img', 'wb').write(bytes(1474560))"

cat >mtree.py <<'PY'
import json, os, re, socket, subprocess, sys, time
pcemu, tmp = sys.argv[1], sys.argv[2]
MACHINES = {
    "reduced": ["-M", "pc-i440fx-7.2,acpi=off,hpet=off,vmport=off", "-cpu",
                "pentium2,-mmx,-apic,-pae,-mce,-mca,-vme,-de,-fxsr,-pse36,-hypervisor"],
    "full": ["-M", "pc-i440fx-7.2,acpi=on,hpet=on,vmport=on", "-cpu", "pentium2"],
}
CMDS = ["info mtree", "info mtree -f", "info mtree -D", "info mtree -x", "info qtree"]

class Session:
    def __init__(self, exe, mach, tag):
        sock, self.log, disk = ["%s/%s.%s" % (tmp, tag, x) for x in ("sock", "log", "qcow2")]
        subprocess.run(["qemu-img", "create", "-q", "-f", "qcow2", disk, "16M"], check=True)
        self.p = subprocess.Popen([exe] + MACHINES[mach] + [
            "-m", "32", "-nodefaults", "-display", "none", "-S",
            "-drive", "file=%s,if=ide,format=qcow2" % disk, "-cdrom", tmp + "/cd.iso",
            "-drive", "file=%s/fd.img,if=floppy,format=raw,readonly=on" % tmp,
            "-serial", "file:%s/%s.ser" % (tmp, tag),
            "-chardev", "file,id=dbg,path=" + self.log,
            "-device", "isa-debugcon,iobase=0x402,chardev=dbg",
            "-qmp", "unix:%s,server=on,wait=off" % sock],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for _ in range(6000):   # 10 minutes: only a hung emulator, however busy the host
            try:
                s = socket.socket(socket.AF_UNIX); s.connect(sock); break
            except OSError:
                time.sleep(0.1)
        else:
            sys.exit("cannot connect to " + sock)
        self.f = s.makefile("rwb", buffering=0)
        self.f.readline()
        self.cmd("qmp_capabilities")
    def cmd(self, name, args=None):
        req = {"execute": name}
        if args is not None:
            req["arguments"] = args
        self.f.write((json.dumps(req) + "\n").encode())
        while True:
            m = json.loads(self.f.readline())
            if "event" not in m:
                return m
    def hmp(self, line):
        return self.cmd("human-monitor-command", {"command-line": line})["return"]
    def boot(self):
        self.cmd("cont")
        for _ in range(6000):
            if os.path.exists(self.log) and "No bootable device" in open(self.log, errors="replace").read():
                break
            time.sleep(0.1)
        else:
            sys.exit("SeaBIOS never gave up booting")
        self.cmd("stop")
    def quit(self):
        self.cmd("quit"); self.p.wait()

def overlaps(line, lo, hi):
    m = re.match(r"\s*([0-9a-f]{16})-([0-9a-f]{16}) ", line)
    return m and int(m.group(1), 16) <= hi and int(m.group(2), 16) >= lo

def blocks(text, mach):
    """The listing as a sorted list of blocks (a flat view without its number)."""
    out = []
    for b in text.replace("\r\n", "\n").split("\n\n"):
        lines = [l for l in b.split("\n") if l]
        if not lines:
            continue
        if lines[0].startswith("FlatView #"):
            lines = lines[1:]
        out.append("\n".join(lines))
    return sorted(out)

bad = 0
for mach in MACHINES:
    q, p = Session("qemu-system-i386", mach, "q" + mach), Session(pcemu, mach, "p" + mach)
    for when in ("reset", "boot"):
        if when == "boot":
            q.boot(); p.boot()
        for c in CMDS:
            a, b = q.hmp(c), p.hmp(c)
            ba, bb = blocks(a, mach), blocks(b, mach)
            print("%s %s %r: QEMU %d lines in %d blocks" % (mach, when, c, a.count("\n"), len(ba)))
            if c == "info qtree" and not all(d in a for d in ("dev: floppy", "dev: ide-cd")):
                bad += 1
                print("QEMU's tree lacks the floppy or the CD: the case tests less than it says")
            if ba != bb:
                bad += 1
                open("%s/%s.%s.%s.q" % (tmp, mach, when, c.replace(" ", "_")), "w").write("\n\n".join(ba))
                open("%s/%s.%s.%s.p" % (tmp, mach, when, c.replace(" ", "_")), "w").write("\n\n".join(bb))
                print("DIFFERENT; QEMU's:\n" + "\n\n".join(ba) + "\npcemu's:\n" + "\n\n".join(bb))
    q.quit(); p.quit()
sys.exit(1 if bad else 0)
PY
python3 mtree.py "$PCEMU" "$TMPDIR_TEST" || { echo "FAIL: info mtree or qtree differs from QEMU's"; exit 1; }
echo "PASS"
