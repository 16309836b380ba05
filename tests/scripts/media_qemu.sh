#!/bin/sh
# media_qemu.sh: removable media at run time against QEMU 7.2, over QMP, both started with
# -S, -M pc-i440fx-7.2,acpi=off,hpet=off,vmport=off, one qcow2 disk and an empty CD-ROM
# drive (-drive if=ide,index=2,media=cdrom,file=):
# 1. The same session on both: query-block and info block of the empty drive, eject,
#    blockdev-open-tray/-close-tray/-remove-medium/-insert-medium/-change-medium by drive
#    name and by QOM path (id), read-only-mode, force, system_reset with the tray open,
#    query-blockstats, HMP eject and change with their argument errors, and every refusal
#    (not removable, not found, tray not open, missing file, both or neither of device and
#    id). Every reply, error (class and text) and DEVICE_TRAY_MOVED event, in order, must
#    be equal; the automatic node names ("#block123") and timestamps are left out.
# 2. A snapshot with the tray open crosses both ways: each emulator opens the tray of the
#    -cdrom drive (the disc stays in), saves with HMP savevm, and the other one loads the
#    snapshot with -loadvm: the CD's query-block entry (tray open, disc inserted) is the
#    same on all four sides.
# 3. query-block, query-blockstats and info block list the drives in command-line order
#    (an empty CD-ROM drive without file=, -fda, -cdrom, -drive index=1, -hda), as QEMU:
#    the replies are equal, the qcow2 disk's
#    list of snapshots (one saved by each emulator in 2.) included.
# 4. The drives' QOM paths ("qdev") follow the devices QEMU realizes before them: the
#    same three drives on the default machine and with the APIC, HPET, vmport and ACPI
#    each alone.
set -u
command -v qemu-system-i386 >/dev/null || { echo "qemu-system-i386 missing"; exit 77; }
command -v qemu-img >/dev/null || { echo "qemu-img missing"; exit 77; }
ROOT=$(pwd)
cd "$TMPDIR_TEST"
exec python3 -u - "$PCEMU" "$ROOT/tests/tools" <<'PY'
import json, os, socket, subprocess, sys, time
PCEMU = sys.argv[1]
sys.path.insert(0, sys.argv[2])
from qmp_transcript import compare, ex, fail, hmp, norm
MACHINE = ["-M", "pc-i440fx-7.2,acpi=off,hpet=off,vmport=off", "-cpu",
           "pentium2,-mmx,-apic,-pae,-mce,-mca,-vme,-de,-fxsr,-pse36,-hypervisor",
           "-m", "32", "-nodefaults", "-display", "none", "-S"]
def session(exe, args, cmds, tag):
    """Runs exe with QMP and sends cmds; returns every message after the greeting."""
    sock = "%s.sock" % tag
    if os.path.exists(sock):
        os.unlink(sock)
    p = subprocess.Popen([exe] + MACHINE + args + ["-qmp", "unix:%s,server=on,wait=off" % sock],
                         stderr=subprocess.DEVNULL)
    for _ in range(6000):   # 10 minutes: only a hung emulator, however busy the host
        try:
            s = socket.socket(socket.AF_UNIX); s.connect(sock); break
        except OSError:
            time.sleep(0.1)
    else:
        fail(exe + ": no QMP socket")
    f = s.makefile("rwb", buffering=0)
    f.readline()
    log = []
    for c in [{"execute": "qmp_capabilities"}] + cmds:
        f.write((json.dumps(c) + "\n").encode())
        log.append(["sent", c])
        while True:
            line = f.readline()
            if not line:
                fail("%s closed the connection after %s" % (exe, c))
            m = norm(json.loads(line))
            log.append(m)
            if "return" in m or "error" in m:
                break
    p.wait()
    return log

open("a.iso", "wb").write(bytes(range(256)) * 8 * 100)    # 100 blocks
open("b.iso", "wb").write(bytes(range(255, -1, -1)) * 8 * 200)
subprocess.run(["qemu-img", "create", "-q", "-f", "qcow2", "hd.qcow2", "16M"], check=True)
CD = "/machine/unattached/device[15]"   # the CD-ROM drive's device, as query-block says
cmds = [
    ex("query-block"), hmp("info block"), ex("query-blockstats"),
    ex("eject", device="ide0-hd0"), ex("eject", device="nosuch"), ex("eject", id="nosuch"),
    ex("eject"), ex("eject", device="ide1-cd0", id=CD),
    ex("eject", device="ide1-cd0"), ex("query-block"), ex("eject", device="ide1-cd0"),
    ex("blockdev-close-tray", device="ide1-cd0"),
    ex("blockdev-close-tray", device="ide1-cd0"),
    ex("blockdev-remove-medium", id=CD),
    ex("blockdev-remove-medium", device="ide1-cd0"),
    ex("blockdev-change-medium", device="ide1-cd0", filename="a.iso", format="raw"),
    ex("query-block"), hmp("info block"),
    ex("blockdev-open-tray", device="ide1-cd0"), ex("blockdev-open-tray", id=CD),
    ex("query-block"), hmp("info block"),
    ex("blockdev-insert-medium", id=CD, **{"node-name": "nosuch"}),
    ex("blockdev-insert-medium", id="nosuch", **{"node-name": "nosuch"}),
    ex("blockdev-remove-medium", id=CD), ex("blockdev-remove-medium", id=CD),
    ex("query-block"), ex("system_reset"), ex("query-block"),
    ex("blockdev-change-medium", id=CD, filename="b.iso", format="raw",
       **{"read-only-mode": "read-write"}),
    ex("query-block"),
    ex("blockdev-change-medium", device="ide1-cd0", filename="a.iso",
       **{"read-only-mode": "bogus"}),
    ex("blockdev-change-medium", device="ide1-cd0", filename="nosuch.iso"),
    ex("blockdev-change-medium", device="ide0-hd0", filename="a.iso", format="raw"),
    ex("blockdev-change-medium", device="ide1-cd0", filename="a.iso", format="raw", force=True,
       **{"read-only-mode": "read-only"}),
    ex("query-block"), ex("blockdev-open-tray", device="ide0-hd0"),
    ex("blockdev-close-tray", device="ide0-hd0"),
    hmp("help eject"), hmp("help change"), hmp("eject"), hmp("eject -f"),
    hmp("eject ide1-cd0 extra"), hmp("eject ide0-hd0"), hmp("eject nosuch"),
    hmp("change"), hmp("change ide1-cd0"), hmp("change nosuch b.iso"),
    hmp("change ide1-cd0 b.iso raw bogus"), hmp("change ide1-cd0 -f b.iso raw read-only"),
    hmp("info block"), hmp("eject -f ide1-cd0"), hmp("info block"), ex("query-blockstats"),
    ex("quit"),
]
args = ["-drive", "file=hd.qcow2,if=ide,index=0,format=qcow2",
        "-drive", "if=ide,index=2,media=cdrom,file="]
q = session("qemu-system-i386", args, cmds, "q")
p = session(PCEMU, args, cmds, "p")
compare("media commands", q, p)
events = sum(1 for m in q if isinstance(m, dict) and m.get("event") == "DEVICE_TRAY_MOVED")
errors = sum(1 for m in q if isinstance(m, dict) and "error" in m)
if events < 10 or errors < 12:
    fail("QEMU's transcript has %d tray events and %d errors: not the session meant" % (events, errors))
print("ok: %d messages equal, %d DEVICE_TRAY_MOVED events, %d errors" % (len(q), events, errors))

# 2. the tray open across a snapshot, both ways
def cd_entry(log):
    blocks = [m["return"] for m in log if isinstance(m, dict) and isinstance(m.get("return"), list)]
    return [d for d in blocks[-1] if d["device"] == "ide1-cd0"][0]
args = ["-drive", "file=hd.qcow2,if=ide,index=0,format=qcow2", "-cdrom", "a.iso"]
seen = []
for saver, loader in (("qemu-system-i386", PCEMU), (PCEMU, "qemu-system-i386")):
    tag = "p" if saver == PCEMU else "q"
    s = session(saver, args, [ex("blockdev-open-tray", device="ide1-cd0"),
                              hmp("savevm t" + tag), ex("query-block"), ex("quit")], tag + "s")
    l = session(loader, args + ["-loadvm", "t" + tag], [ex("query-block"), ex("quit")],
                tag + "l")
    a, b = cd_entry(s), cd_entry(l)
    if not a.get("tray_open") or a != b:
        print("saved: ", json.dumps(a, sort_keys=True))
        print("loaded:", json.dumps(b, sort_keys=True))
        fail("%s's snapshot with the tray open, loaded by %s" % (saver, loader))
    seen.append(a)
if seen[0] != seen[1]:
    fail("the CD's query-block entries of QEMU and pcemu differ: %s" % seen)
print("ok: a snapshot with the tray open crosses both ways")

# 3. the drives in command-line order, as QEMU lists its block devices
open("fd.img", "wb").write(bytes(1474560))
args = ["-drive", "if=ide,index=3,media=cdrom", "-fda", "fd.img", "-cdrom", "a.iso",
        "-drive", "file=hd.qcow2,if=ide,index=1,format=qcow2", "-hda", "b.iso"]
cmds = [ex("query-block"), ex("query-blockstats"), hmp("info block"), ex("quit")]
q = session("qemu-system-i386", args, cmds, "q")
p = session(PCEMU, args, cmds, "p")
compare("drive order", q, p)
order = [d["device"] for d in q[3]["return"]]
if order != ["ide1-cd1", "floppy0", "ide1-cd0", "ide0-hd1", "ide0-hd0"]:
    fail("QEMU's order is %s: not the command line meant" % order)
print("ok: query-block, query-blockstats and info block list", " ".join(order))

# 4. the QOM paths on other machines
args = ["-drive", "file=hd.qcow2,if=ide,format=qcow2", "-cdrom", "a.iso", "-fda", "fd.img",
        "-serial", "null"]
for machine in (["-M", "pc"],   # the default: ACPI, HPET, vmport, qemu32 with its APIC
                ["-M", "pc,acpi=off,hpet=off,vmport=off", "-cpu", "pentium2"],   # the APIC
                ["-M", "pc,acpi=off,hpet=on,vmport=off", "-cpu", "pentium2,-apic"],
                ["-M", "pc,acpi=off,hpet=off,vmport=on", "-cpu", "pentium2,-apic"],
                ["-M", "pc,acpi=on,hpet=off,vmport=off", "-cpu", "pentium2,-apic"]):
    MACHINE = machine + ["-m", "32", "-nodefaults", "-display", "none", "-S"]
    q = session("qemu-system-i386", args, [ex("query-block"), ex("quit")], "q")
    p = session(PCEMU, args, [ex("query-block"), ex("quit")], "p")
    qdev = lambda log: [(d["device"], d["qdev"]) for d in log[3]["return"]]
    if qdev(q) != qdev(p):
        fail("%s: QOM paths %s, QEMU's %s" % (" ".join(machine), qdev(p), qdev(q)))
    print("ok: %s: %s" % (" ".join(machine), " ".join(d[1].split("/")[-1] for d in qdev(q))))
PY
