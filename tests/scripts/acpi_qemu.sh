#!/bin/sh
# acpi_qemu.sh: -machine acpi=on (PIIX4 power management 00:01.3, SMBus, SPD EEPROMs)
# against QEMU 7.2 on -M pc-i440fx-7.2,acpi=on,hpet=off,vmport=off with the CPU the other
# device tests spell (-apic: the SCI goes through the 8259s), at -icount shift=3.
# images/devs/acpi.asm (a -bios program, built here with nasm, padded to 256 KiB) reads the
# config space, the PM registers and timer, drives APM (one SMI into an SMM stub), takes PM
# timer SCIs, reads and writes the SPD EEPROMs over SMBus, waits for the power button
# (the monitor's system_powerdown) and enters S5:
#   1. pcemu and QEMU 7.2 print images/devs/acpi.expected and exit with status 0;
#   2. with -no-shutdown both stay, and 'info status' says "paused (shutdown)";
#   3. the sections i2c_bus and piix4_pm of a machine just reset (-S) are QEMU's, byte for
#      byte (pcemu-img vmstate dump of both snapshots);
#   4. QEMU and pcemu save at "E: wait" (PM timer armed, two EEPROMs accessed): i2c_bus,
#      piix4_pm and the two smbus-eeprom sections are equal but for the clock-derived PM
#      timer fields. QEMU's snapshot then continues on pcemu and saves back unchanged,
#      once pcemu has the /rom@etc/acpi/* RAM blocks of QEMU's acpi=on machine (the ACPI
#      tables' work; until then the test says NOT TESTED for this part);
#   5. pcemu saves at "E: wait"; QEMU 7.2 loads that and finishes the same way;
#   6. SeaBIOS with acpi=on (PM timer, SMBASE relocation through an SMI) boots the test
#      guest ($O/images/guest-halt.qcow2); pcemu's snapshot in the guest's loop continues
#      on QEMU 7.2 with the same lines as on pcemu;
#   7. hostile: piix4_pm's smb_index, an EEPROM's SMBus mode and its I2C address out of
#      range are refused with a message naming the field.
set -u
command -v nasm >/dev/null || { echo "nasm missing"; exit 77; }
command -v qemu-img >/dev/null || { echo "qemu-img missing"; exit 77; }
command -v qemu-system-i386 >/dev/null || { echo "qemu-system-i386 missing"; exit 77; }
ROOT=$(pwd)
cd "$TMPDIR_TEST"
nasm -f bin -i "$ROOT/tests/data/" -o acpi.64k "$ROOT/images/devs/acpi.asm" || { echo "FAIL: nasm"; exit 1; }
head -c 196608 /dev/zero >acpi.bin
cat acpi.64k >>acpi.bin
exec python3 -u - "$PCEMU" "$PCEMU_IMG" "$ROOT/images/devs/acpi.expected" <<'PY'
import json, os, subprocess, sys, time

PCEMU, PCEMU_IMG, EXPECTED = sys.argv[1:4]
BIOS = os.path.abspath("acpi.bin")
MACH = ["-M", "pc-i440fx-7.2,acpi=on,hpet=off,vmport=off", "-m", "8", "-nodefaults",
        "-display", "none", "-rtc", "base=2020-01-01", "-bios", BIOS,
        "-cpu", "pentium2,-mmx,-pae,-mce,-mca,-vme,-de,-fxsr,-pse36,-hypervisor,-apic"]
PC = [PCEMU] + MACH + ["-icount", "3"]
QM = ["qemu-system-i386"] + MACH + ["-accel", "tcg", "-icount", "shift=3,sleep=off,align=off",
                                    "-device", "isa-debug-exit,iobase=0xf4,iosize=4"]
want = open(EXPECTED).read()

def fail(msg):
    print("FAIL:", msg[:1500])
    sys.exit(1)

def text(path):
    return open(path, errors="replace").read() if os.path.exists(path) else ""

def wait_for(path, s, p, what):
    # waits for an event (the guest's line), not for a time: the limit only ends a hang
    end = time.monotonic() + 600
    while s not in text(path):
        if p.poll() is not None or time.monotonic() > end:
            p.kill()
            fail("%s: never printed %r (got %r)" % (what, s, text(path)[-300:]))
        time.sleep(0.05)

def img(name):
    subprocess.run(["qemu-img", "create", "-q", "-f", "qcow2", name, "16M"], check=True)
    return ["-drive", "file=%s,if=ide,format=qcow2" % name]

def powerdown_run(cmd, out, what, loaded):
    """Runs cmd with a monitor on stdin; system_powerdown once the guest waits for it (at
    once for a machine loaded in that wait). Returns (exit status, monitor output)."""
    if os.path.exists(out):
        os.remove(out)
    p = subprocess.Popen(cmd + ["-serial", "file:" + out, "-monitor", "stdio"],
                         stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    if not loaded:
        wait_for(out, "E: wait", p, what)
    p.stdin.write(b"system_powerdown\n")
    p.stdin.flush()
    try:
        mon = p.communicate(timeout=600)[0]
    except subprocess.TimeoutExpired:
        p.kill()
        fail("%s: did not exit after the guest's poweroff: %r" % (what, text(out)))
    return p.returncode, mon

def check_run(cmd, out, what, tail=None):
    rc, mon = powerdown_run(cmd, out, what, tail is not None)
    got = text(out)
    exp = want if tail is None else want[want.index(tail):]
    if got != exp:
        fail("%s printed\n%s\ninstead of\n%s" % (what, got, exp))
    if rc != 0:
        fail("%s: exit status %d after the guest's poweroff (QEMU's is 0): %r" % (what, rc, mon[-300:]))

def sections(qcow, snap, names):
    r = subprocess.run([PCEMU_IMG, "vmstate", "dump", qcow, snap], stdout=subprocess.PIPE,
                       stderr=subprocess.STDOUT, text=True)
    if r.returncode:
        fail("vmstate dump %s %s: %s" % (qcow, snap, r.stdout))
    d = json.loads(r.stdout)
    return [(k.rsplit(" (", 1)[0], v) for k, v in d.items() if k.rsplit(" (", 1)[0] in names]

def same_sections(a, b, names, what):
    sa, sb = sections(*a, names), sections(*b, names)
    if [n for n, _ in sa] != [n for n, _ in sb]:
        fail("%s: sections %s vs QEMU's %s" % (what, [n for n, _ in sa], [n for n, _ in sb]))
    for (n, va), (_, vb) in zip(sa, sb):
        if va != vb:
            diff = {f: (va.get(f), vb.get(f)) for f in vb if va.get(f) != vb.get(f)}
            fail("%s: %s differs from QEMU's: %s" % (what, n, str(diff)[:800]))
    return [n for n, _ in sa]

# 1. the program's lines and exit status
check_run(PC, "p.txt", "pcemu")
check_run(QM, "q.txt", "QEMU 7.2")
print("ok: pcemu and QEMU 7.2 print acpi.expected (%d lines) and exit 0 at S5" % want.count("\n"))

# 2. -no-shutdown: the machine stops, the process stays
for name, cmd in (("pcemu", PC), ("QEMU 7.2", QM)):
    out = "ns.txt"
    if os.path.exists(out):
        os.remove(out)
    p = subprocess.Popen(cmd + ["-no-shutdown", "-serial", "file:" + out, "-monitor", "stdio"],
                         stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    wait_for(out, "E: wait", p, name + " -no-shutdown")
    p.stdin.write(b"system_powerdown\n")
    p.stdin.flush()
    wait_for(out, "ACPI done", p, name + " -no-shutdown")
    mon = b""
    for _ in range(600):   # until the stop is seen: the monitor answers between slices
        p.stdin.write(b"info status\n")
        p.stdin.flush()
        time.sleep(0.1)
        if p.poll() is not None:
            fail("%s -no-shutdown: exited (status %d) at the guest's poweroff" % (name, p.returncode))
        os.set_blocking(p.stdout.fileno(), False)
        mon += p.stdout.read() or b""
        if b"paused (shutdown)" in mon:
            break
    else:
        fail("%s -no-shutdown: status never 'paused (shutdown)': %r" % (name, mon[-300:]))
    p.stdin.write(b"quit\n")
    p.stdin.flush()
    p.wait(timeout=600)
print("ok: with -no-shutdown both stay, paused (shutdown)")

# 3. a machine just reset
for name, cmd, q in (("pcemu", PC, "r-p.qcow2"), ("QEMU", QM, "r-q.qcow2")):
    p = subprocess.run(cmd + img(q) + ["-S", "-monitor", "stdio"], input=b"savevm s\nquit\n",
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=600)
    if p.returncode:
        fail("%s -S savevm: %r" % (name, p.stdout[-300:]))
n = same_sections(("r-p.qcow2", "s"), ("r-q.qcow2", "s"), ("i2c_bus", "0000:00:01.3/piix4_pm",
                  "smbus-eeprom"), "just reset")
print("ok: just reset, %s equal QEMU's" % n)

# 4. QEMU's snapshot at "E: wait": its sections equal pcemu's at the same point (apart from
# the clock-derived PM timer fields), and it continues on pcemu
p = subprocess.Popen(QM + img("q.qcow2") + ["-serial", "file:qs.txt", "-monitor", "stdio"],
                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
wait_for("qs.txt", "E: wait", p, "QEMU to E")
out = p.communicate(b"stop\nsavevm s\nquit\n", timeout=600)[0]
if p.returncode:
    fail("QEMU savevm: %r" % out[-300:])
r = subprocess.run(PC + img("p.qcow2") + ["-serial", "file:ps.txt", "-run-until", "serial:E: wait\n",
                                          "-snapshot", "save", "s"],
                   stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=600)
if r.returncode or "E: wait" not in text("ps.txt"):
    fail("pcemu save at E: %r" % r.stdout[-300:])
NAMES = ("i2c_bus", "0000:00:01.3/piix4_pm", "smbus-eeprom")
TIMED = ("ar.tmr.timer", "ar.tmr.overflow_time", "ar.pm1.evt.sts")   # when QEMU stopped
sq, sp = sections("q.qcow2", "s", NAMES), sections("p.qcow2", "s", NAMES)
for (n, v) in sq + sp:
    if n.endswith("piix4_pm"):
        # the overflow SCI armed, or just raised (QEMU may stop between the two)
        armed = v["ar.tmr.timer"] != "ff ff ff ff ff ff ff ff" or int(v["ar.pm1.evt.sts"], 16) & 1
        if not armed or v["ar.pm1.evt.en"] != "0x0101":
            fail("the snapshot at E has no PM timer SCI coming: en %s timer %s" %
                 (v["ar.pm1.evt.en"], v["ar.tmr.timer"]))
        for f in TIMED:
            v.pop(f)
if [n for n, _ in sq] != [n for n, _ in sp] or [n for n, _ in sq].count("smbus-eeprom") != 2:
    fail("sections at E: pcemu %s, QEMU %s (the two EEPROMs read)" % ([n for n, _ in sp],
                                                                     [n for n, _ in sq]))
for (n, vq), (_, vp) in zip(sq, sp):
    if vq != vp:
        fail("at E, %s differs: %s" % (n, {f: (vp.get(f), vq[f]) for f in vq if vp.get(f) != vq[f]}))
print("ok: at E, %s equal QEMU's (but for %s)" % ([n for n, _ in sq], ", ".join(TIMED)))
r = subprocess.run(PC + ["-serial", "null", "-drive", "file=q.qcow2,if=ide,format=qcow2",
                         "-loadvm", "s", "-S"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                   text=True, timeout=600)
if 'unknown RAM block "/rom@etc/acpi/tables"' in r.stdout:
    # QEMU's acpi=on machine carries its ACPI tables in RAM blocks that pcemu gets with
    # the ACPI tables themselves; until then this direction cannot load
    print("NOT TESTED: QEMU -> pcemu with acpi=on (pcemu has no /rom@etc/acpi/* blocks yet)")
else:
    check_run(PC + ["-drive", "file=q.qcow2,if=ide,format=qcow2", "-loadvm", "s"], "ql.txt",
              "pcemu from QEMU's snapshot", tail="E: 0100")
    r = subprocess.run(PC + ["-serial", "null", "-drive", "file=q.qcow2,if=ide,format=qcow2",
                             "-loadvm", "s", "-S", "-snapshot", "save", "again"],
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=600)
    if r.returncode:
        fail("pcemu load and save of QEMU's snapshot: %r" % r.stdout[-300:])
    same_sections(("q.qcow2", "again"), ("q.qcow2", "s"), NAMES,
                  "QEMU's snapshot loaded and saved by pcemu")
    print("ok: QEMU 7.2's snapshot continues on pcemu and saves back unchanged")

# 5. pcemu's snapshot at "E: wait" into QEMU
check_run(QM + ["-drive", "file=p.qcow2,if=ide,format=qcow2", "-loadvm", "s"], "pl.txt",
          "QEMU 7.2 from pcemu's snapshot", tail="E: 0100")
print("ok: pcemu's snapshot continues on QEMU 7.2")

# 6. after SeaBIOS: it finds the PM function (PM timer at 0xB008: no table-loader on pcemu
# yet), relocates SMBASE with one SMI and boots the test guest; pcemu's snapshot in the
# middle of the guest's loop continues on QEMU 7.2 as on pcemu
GUEST = os.path.join(os.path.dirname(PCEMU), "..", "images", "guest-halt.qcow2")
if not os.path.exists(GUEST):
    fail("no %s (make images)" % GUEST)
subprocess.run(["cp", GUEST, "g.qcow2"], check=True)
GM = ["-M", "pc-i440fx-7.2,acpi=on,hpet=off,vmport=off", "-m", "32", "-nodefaults",
      "-display", "none", "-rtc", "base=2020-01-01", "-cpu", MACH[MACH.index("-cpu") + 1],
      "-drive", "file=g.qcow2,if=ide,format=qcow2"]
r = subprocess.run([PCEMU] + GM + ["-icount", "3", "-serial", "file:g1.txt", "-chardev",
                    "file,id=d,path=g.log", "-device", "isa-debugcon,iobase=0x402,chardev=d",
                    "-run-until", "serial:GUEST iter 00000001", "-snapshot", "save", "g"],
                   stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=600)
if r.returncode or "Using pmtimer, ioport 0x608" not in text("g.log"):   # QEMU's FADT: PM at 0x600
    fail("SeaBIOS with acpi=on on pcemu: %r %r" % (r.stdout[-300:], text("g.log")[-300:]))
cpu = [v for n, v in sections("g.qcow2", "g", ("cpu",))][0]
if cpu["env.smbase"] != "0x000a0000":
    fail("SeaBIOS did not relocate SMBASE (the SMI through APM): %s" % cpu["env.smbase"])
r = subprocess.run([PCEMU] + GM + ["-icount", "3", "-serial", "file:g2.txt", "-loadvm", "g",
                                   "-run-until", "halt"],
                   stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=600)
if r.returncode or "GUEST done" not in text("g2.txt"):
    fail("pcemu continuing its own snapshot: %r %r" % (r.stdout[-300:], text("g2.txt")[-200:]))
p = subprocess.Popen(["qemu-system-i386"] + GM + ["-accel", "tcg", "-icount",
                     "shift=3,sleep=off,align=off", "-serial", "file:g3.txt", "-loadvm", "g"],
                     stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
wait_for("g3.txt", "GUEST done", p, "QEMU 7.2 from pcemu's snapshot after SeaBIOS")
p.kill()
p.wait()
if text("g3.txt") != text("g2.txt"):
    fail("after SeaBIOS, QEMU continued pcemu's snapshot with\n%s\npcemu with\n%s" %
         (text("g3.txt"), text("g2.txt")))
print("ok: after SeaBIOS (pmtimer, SMM), pcemu's snapshot continues on QEMU 7.2 as on pcemu "
      "(%d lines)" % text("g2.txt").count("\n"))

# 7. hostile fields: patched copies of pcemu's stream, each refused with the field's name
raw = subprocess.run([PCEMU_IMG, "vmstate-extract", "p.qcow2", "s"], stdout=subprocess.PIPE,
                     check=True).stdout

def body(idstr, inst=0):
    h = bytes([len(idstr)]) + idstr.encode() + inst.to_bytes(4, "big")
    at = raw.find(h)
    if at < 0:
        fail("no section %s/%d in pcemu's stream" % (idstr, inst))
    return at + len(h) + 4

pm = body("0000:00:01.3/piix4_pm")
ee = body("smbus-eeprom", 1)
cases = [("smb_index", pm + 276 + 6 + 2 + 6, (99).to_bytes(4, "big")),
         ("mode", ee + 1, (7).to_bytes(4, "big")),
         ("address", ee, b"\x33")]
for field, off, patch in cases:
    bad = raw[:off] + patch + raw[off + len(patch):]
    open("bad.vms", "wb").write(bad)
    subprocess.run([PCEMU_IMG, "vmstate-save", "p.qcow2", "bad", "bad.vms"], check=True,
                   stdout=subprocess.DEVNULL)
    r = subprocess.run(PC + ["-serial", "null", "-drive", "file=p.qcow2,if=ide,format=qcow2",
                             "-loadvm", "bad", "-S"], stdout=subprocess.PIPE,
                       stderr=subprocess.STDOUT, text=True, timeout=600)
    if r.returncode == 0 or field not in r.stdout:
        fail("%s out of range: %s (status %d)" % (field, r.stdout.strip()[-300:], r.returncode))
    print("ok: refused: %s" % r.stdout.strip().splitlines()[-1])
print("PASS")
PY
