#!/bin/sh
# acpi_tables_qemu.sh: pcemu's ACPI tables (-machine acpi=on) against QEMU 7.2's, from snapshots of
# both taken once SeaBIOS has booted to "No bootable device." (pcemu-img vmstate dump
# --extract gives every RAM block and the decoded sections):
#   1. on -M pc-i440fx-7.2,acpi=on,hpet=off,vmport=off at several -m, with and without
#      COM1, one of them with two floppy drives (a 1.44 MB medium, and a drive without one,
#      so QEMU's fallback 2.88 MB type: the DSDT's FLPA and FLPB with their _FDI): the RAM block list (names, used sizes, order) is QEMU's; the blocks
#      /rom@etc/acpi/tables, /rom@etc/table-loader and /rom@etc/acpi/rsdp are QEMU's byte
#      for byte; in each pc.ram the RSDP SeaBIOS placed in the F segment leads through the
#      RSDT to every table, every checksum holds, the tables are QEMU's byte for byte at
#      QEMU's addresses, iasl disassembles pcemu's without an error or a warning and the
#      disassemblies of pcemu's and QEMU's DSDT, FADT and MADT do not differ; the
#      acpi_build section (patched) and fw_cfg/acpi_mr equal QEMU's. The RSDP's address may
#      differ for a reason of its own: QEMU's machine has the PIIX4 PM function (00:01.3,
#      INTA), so SeaBIOS's MP table has one interrupt entry more and the F segment
#      allocations after it (SMBIOS, RSDP) move down 16 bytes; the test requires exactly
#      that shift per missing entry, so equal addresses once the MP tables are equal;
#   2. QEMU's own -M pc (HPET on): its three blobs equal what firmware/acpi_build.c builds
#      for that machine (tests/tools/acpi_blobs --hpet), as pcemu's machine has no HPET yet;
#   3. snapshots cross: QEMU -loadvm of pcemu's snapshot (from 1.) takes its ACPI blocks
#      and runs on; pcemu -loadvm of QEMU's takes QEMU's RAM blocks at QEMU's sizes and
#      loads, or, while pcemu lacks the PIIX4 PM function and SMBus (branch acpipm), stops
#      at their sections (i2c_bus, piix4_pm) and at nothing before them.
#   4. the tables are built again at the firmware's first read after a reset, as QEMU's
#      acpi_build_reset and acpi_build_update do: pcemu loads QEMU's snapshot of a machine
#      not yet started (-S: acpi_build patched 0, QEMU's first build in the blocks) and boots
#      on: the blocks and installed tables become those of QEMU's boot in 1.; pcemu loads
#      its own booted snapshot, system_reset, boots again and saves: the same blocks and
#      tables, patched 1, and QEMU 7.2 loads that snapshot and runs on.
# Both are taken after the firmware read the tables: QEMU builds them again at that read
# (its first build, before a reset assigned the PCI hotplug bus numbers, lacks the slots).
set -u
command -v qemu-system-i386 >/dev/null || { echo "qemu-system-i386 missing"; exit 77; }
command -v qemu-img >/dev/null || { echo "qemu-img missing"; exit 77; }
command -v iasl >/dev/null || { echo "iasl missing (acpica-tools, install-deps.sh)"; exit 1; }
[ -x "$TOOLS/acpi_blobs" ] || { echo "no $TOOLS/acpi_blobs (make $O/tests/tools/acpi_blobs)"; exit 1; }
cd "$TMPDIR_TEST"
exec python3 -u - "$PCEMU" "$PCEMU_IMG" "$TOOLS/acpi_blobs" <<'PY'
import json, os, struct, subprocess, sys, time

PCEMU, PCEMU_IMG, BLOBS = sys.argv[1:4]
CPU = ["-cpu", "pentium2,-mmx,-apic,-pae,-mce,-mca,-vme,-de,-fxsr,-pse36,-hypervisor"]
MACHINE = ["-M", "pc-i440fx-7.2,acpi=on,hpet=off,vmport=off"] + CPU
OPTS = ["-nodefaults", "-display", "none"]
FILES = ["rom@etc/acpi/tables", "rom@etc/table-loader", "rom@etc/acpi/rsdp"]

def fail(msg):
    print("FAIL:", msg)
    sys.exit(1)

def run(cmd):
    r = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if r.returncode != 0:
        fail("%s: %s" % (" ".join(cmd), r.stdout.strip()))
    return r.stdout

def extract(src, snap=None):
    d = src + ".x"
    run([PCEMU_IMG, "vmstate", "dump", "--extract", d, src] + ([snap] if snap else []))
    state = json.load(open(os.path.join(d, "state.json")))
    return d, {k.rsplit(" (", 1)[0]: v for k, v in state.items()}

def dbg(path):
    return ["-chardev", "file,id=dbg,path=" + path, "-device", "isa-debugcon,iobase=0x402,chardev=dbg"]

def qemu_booted(args, log):
    """QEMU with its monitor on stdin, once SeaBIOS printed "No bootable device." on the
    debug port (waited for, with a hang guard far above a loaded machine's boot time)."""
    q = subprocess.Popen(["qemu-system-i386"] + args + dbg(log) + ["-monitor", "stdio"],
                         stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
                         stderr=subprocess.DEVNULL)
    end = time.time() + 120
    while not (os.path.exists(log) and "No bootable device." in open(log, errors="replace").read()):
        if time.time() > end:
            q.kill()
            fail("QEMU never reached 'No bootable device.'")
        time.sleep(0.01)
    return q

def qemu_stream(args, out, log):
    q = qemu_booted(args, log)
    q.communicate(('stop\nmigrate "exec:cat > %s"\nquit\n' % out).encode(), timeout=120)
    return extract(out)

def pcemu_snapshot(args, img, run_args):
    run(["qemu-img", "create", "-q", "-f", "qcow2", img, "16M"])
    run([PCEMU] + args + ["-drive", "file=%s,if=ide,format=qcow2" % img] + run_args +
        ["-snapshot", "save", "s"])
    return extract(img, "s")

def same_file(a, b):
    return open(a, "rb").read() == open(b, "rb").read()

# 1. the blocks, and what SeaBIOS installs from them
def tables(ram):
    """The RSDP in the F segment and every table it leads to: {sig: (address, bytes)}."""
    rs = [a for a in range(0xE0000, 0x100000, 16) if ram[a:a + 8] == b"RSD PTR "]
    if len(rs) != 1 or sum(ram[rs[0]:rs[0] + 20]) & 0xFF:
        fail("RSDP: %d candidates, checksum %#x" % (len(rs), sum(ram[rs[0]:rs[0] + 20]) & 0xFF if rs else 0))
    out = {"RSDP": (rs[0], ram[rs[0]:rs[0] + 20])}
    def take(a):
        sig = ram[a:a + 4].decode("latin1")
        n, = struct.unpack_from("<I", ram, a + 4)
        if sig != "FACS" and sum(ram[a:a + n]) & 0xFF:
            fail("%s at %#x: checksum" % (sig, a))
        out[sig] = (a, ram[a:a + n])
        return sig
    rsdt, = struct.unpack_from("<I", ram, rs[0] + 16)
    take(rsdt)
    for i in range((len(out["RSDT"][1]) - 36) // 4):
        a, = struct.unpack_from("<I", ram, rsdt + 36 + 4 * i)
        if take(a) == "FACP":
            take(struct.unpack_from("<I", ram, a + 36)[0])
            take(struct.unpack_from("<I", ram, a + 40)[0])
    return out

def mp_entries(ram):
    fp = [a for a in range(0xF0000, 0x100000, 16) if ram[a:a + 4] == b"_MP_"]
    cfg, = struct.unpack_from("<I", ram, fp[0] + 4)
    return struct.unpack_from("<H", ram, cfg + 34)[0]

def disassemble(who, sig, data):
    d = "%s_%s" % (who, sig)
    os.makedirs(d)
    open(os.path.join(d, sig + ".dat"), "wb").write(data)
    r = subprocess.run(["iasl", "-d", sig + ".dat"], cwd=d, stdout=subprocess.PIPE,
                       stderr=subprocess.STDOUT, text=True)
    if r.returncode != 0 or "warning" in r.stdout.lower() or "error" in r.stdout.lower():
        fail("iasl -d %s's %s:\n%s" % (who, sig, r.stdout))
    # the header comment names the file and the date: left out of the comparison
    return [l for l in open(os.path.join(d, sig + ".dsl")) if not l.startswith(" *")]

open("f144.img", "wb").truncate(1474560)
FLOPPIES = ["-drive", "file=f144.img,if=floppy,index=0,format=raw,readonly=on",
            "-drive", "if=floppy,index=1"]
booted = []   # QEMU's booted machines, by configuration
for n, extra in enumerate((["-m", "32", "-serial", "null"], ["-m", "128"] + FLOPPIES,
                           ["-m", "512", "-serial", "null"])):
    what = " ".join(extra)
    args = MACHINE + OPTS + extra
    run(["qemu-img", "create", "-q", "-f", "qcow2", "q%d.qcow2" % n, "16M"])
    qd, qs = qemu_stream(args + ["-drive", "file=q%d.qcow2,if=ide,format=qcow2" % n],
                         "qboot%d.vm" % n, "qlog%d.txt" % n)
    pd, ps = pcemu_snapshot(args + dbg("plog%d.txt" % n), "p%d.qcow2" % n, ["-run-for", "3s"])
    booted.append(qd)
    if "No bootable device." not in open("plog%d.txt" % n, errors="replace").read():
        fail("pcemu %s: SeaBIOS did not reach 'No bootable device.'" % what)
    qb, pb = list(qs["ram"]["section sizes"].items()), list(ps["ram"]["section sizes"].items())
    if qb != pb:
        fail("%s: RAM blocks differ: QEMU %s, pcemu %s" % (what, qb, pb))
    for f in FILES:
        if not same_file(os.path.join(qd, f), os.path.join(pd, f)):
            fail("%s: block /%s differs from QEMU's" % (what, f))
    print("ok: %s: RAM blocks %s and the three ACPI blocks equal to QEMU's"
          % (what, ", ".join("%s %#x" % (k, int(v, 16)) for k, v in pb)))
    qram = open(os.path.join(qd, "pc.ram"), "rb").read()
    pram = open(os.path.join(pd, "pc.ram"), "rb").read()
    qt, pt = tables(qram), tables(pram)
    if sorted(qt) != sorted(pt):
        fail("%s: tables: QEMU %s, pcemu %s" % (what, sorted(qt), sorted(pt)))
    for sig in sorted(pt):
        qa, qb = qt[sig]
        pa, pb = pt[sig]
        if qb != pb:
            fail("%s: %s differs from QEMU's" % (what, sig))
        if sig == "RSDP":
            shift = 16 * (mp_entries(qram) - mp_entries(pram))
            if qa + shift != pa:
                fail("%s: RSDP at %#x, QEMU's at %#x (MP tables: %d and %d entries)"
                     % (what, pa, qa, mp_entries(pram), mp_entries(qram)))
            print("ok: RSDP at %#x (QEMU: %#x; MP table entries %d vs %d)"
                  % (pa, qa, mp_entries(pram), mp_entries(qram)))
            continue
        if qa != pa:
            fail("%s: %s at %#x, QEMU's at %#x" % (what, sig, pa, qa))
        if sig != "FACS":
            pl = disassemble("pcemu%d" % n, sig, pb)
            if sig in ("DSDT", "FACP", "APIC"):
                ql = disassemble("qemu%d" % n, sig, qb)
                if ql != pl:
                    fail("%s: %s: iasl disassemblies differ" % (what, sig))
        print("ok: %s at %#x, %d bytes, equal to QEMU's%s" % (sig, pa, len(pb),
              ", iasl -d clean" if sig != "FACS" else ""))
    for sec, key in (("acpi_build", None), ("fw_cfg", "fw_cfg/acpi_mr")):
        q, p = qs[sec], ps[sec]
        if key:
            q, p = q[key], p[key]
        if q != p:
            fail("%s: %s: QEMU %s, pcemu %s" % (what, key or sec, q, p))
        print("ok: %s equal to QEMU's: %s" % (key or sec, p))

# 2. QEMU's own -M pc, with its HPET, against the builder
for mem in ("32", "256"):
    qd, qs = qemu_stream(["-M", "pc", "-m", mem, "-serial", "null"] + OPTS, "qpc%s.vm" % mem,
                         "qpc%s.txt" % mem)
    os.makedirs("b" + mem)
    run([BLOBS, "--hpet", "--serial", mem, "b" + mem])
    for f in FILES:
        q, b = open(os.path.join(qd, f), "rb").read(), open(os.path.join("b" + mem, f.rsplit("/", 1)[-1]), "rb").read()
        if q != b + bytes(len(q) - len(b)):     # the block: the blob, then zeros
            fail("-M pc -m %s: %s built differs from QEMU's" % (mem, f))
    print("ok: -M pc -m %s (HPET): the three blobs built equal QEMU's" % mem)
# 3. snapshots cross
args = MACHINE + OPTS + ["-m", "32", "-serial", "null"]
q = subprocess.run(["qemu-system-i386"] + args + ["-drive", "file=p0.qcow2,if=ide,format=qcow2",
                    "-loadvm", "s", "-monitor", "stdio"], input=b"cont\ninfo status\nquit\n",
                   stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=120)
out = q.stdout.decode(errors="replace")
if q.returncode != 0 or "VM status: running" not in out:
    fail("QEMU -loadvm of pcemu's snapshot: %s" % out[-2000:])
print("ok: QEMU 7.2 loads pcemu's acpi=on snapshot and runs on")
run(["qemu-img", "create", "-q", "-f", "qcow2", "ql.qcow2", "16M"])
qm = qemu_booted(args + ["-drive", "file=ql.qcow2,if=ide,format=qcow2"], "ql.txt")
qm.communicate(b"stop\nsavevm s\nquit\n", timeout=120)
r = subprocess.run([PCEMU] + args + ["-drive", "file=ql.qcow2,if=ide,format=qcow2", "-loadvm", "s",
                    "-run-for", "1s"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
if r.returncode == 0:
    print("ok: pcemu loads QEMU 7.2's acpi=on snapshot and runs on")
elif "unknown savevm section or instance 'i2c_bus'" in r.stdout or "'piix4_pm'" in r.stdout:
    print("ok: pcemu takes QEMU's RAM blocks and stops at the PIIX4 functions it lacks yet: %s"
          % r.stdout.strip())
else:
    fail("pcemu -loadvm of QEMU's snapshot: %s" % r.stdout.strip())

# 4. built again after a reset
def same_tables(what, d):
    for f in FILES:
        if not same_file(os.path.join(booted[0], f), os.path.join(d, f)):
            fail("%s: block /%s is not QEMU's after its boot" % (what, f))
    ram = lambda x: open(os.path.join(x, "pc.ram"), "rb").read()
    qt, pt = tables(ram(booted[0])), tables(ram(d))
    if {k: v[1] for k, v in qt.items()} != {k: v[1] for k, v in pt.items()}:
        fail("%s: the installed tables are not QEMU's" % what)

run(["qemu-img", "create", "-q", "-f", "qcow2", "qs.qcow2", "16M"])
subprocess.run(["qemu-system-i386"] + args + ["-drive", "file=qs.qcow2,if=ide,format=qcow2", "-S",
                "-monitor", "stdio"], input=b"savevm s\nquit\n", stdout=subprocess.DEVNULL,
               stderr=subprocess.STDOUT, timeout=120)
sd, ss = extract("qs.qcow2", "s")
if ss["acpi_build"]["patched"] != "0x00" or same_file(os.path.join(sd, FILES[0]),
                                                      os.path.join(booted[0], FILES[0])):
    fail("QEMU's snapshot before the firmware: patched %s, and its first build should differ "
         "from the booted one" % ss["acpi_build"]["patched"])
run([PCEMU] + args + dbg("rlog.txt") + ["-drive", "file=qs.qcow2,if=ide,format=qcow2", "-loadvm", "s",
    "-run-for", "3s", "-snapshot", "save", "b"])
bd, bs = extract("qs.qcow2", "b")
same_tables("QEMU's -S snapshot booted on pcemu", bd)
print("ok: pcemu builds the tables again at SeaBIOS's read after loading QEMU's snapshot "
      "taken before it (patched 0): the blocks and installed tables become QEMU's")
p = subprocess.Popen([PCEMU] + args + ["-drive", "file=p0.qcow2,if=ide,format=qcow2", "-loadvm", "s",
                      "-S", "-run-for", "3s", "-snapshot", "save", "r", "-monitor", "stdio"],
                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
p.stdin.write(b"system_reset\ncont\n")
p.stdin.flush()
out = p.stdout.read().decode(errors="replace")   # ends when pcemu has saved and exited
if p.wait() != 0:
    fail("pcemu system_reset and save: %s" % out[-2000:])
rd, rs = extract("p0.qcow2", "r")
if rs["acpi_build"]["patched"] != "0x01":
    fail("after the reset and boot: acpi_build %s" % rs["acpi_build"])
same_tables("pcemu after system_reset", rd)
q = subprocess.run(["qemu-system-i386"] + args + ["-drive", "file=p0.qcow2,if=ide,format=qcow2",
                    "-loadvm", "r", "-monitor", "stdio"], input=b"cont\ninfo status\nquit\n",
                   stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=120)
if q.returncode != 0 or "VM status: running" not in q.stdout.decode(errors="replace"):
    fail("QEMU -loadvm of pcemu's snapshot after the reset: %s" % q.stdout.decode()[-2000:])
print("ok: after system_reset pcemu's SeaBIOS reads the same tables (blocks and installed "
      "tables QEMU's) and QEMU 7.2 loads the snapshot taken then")
PY
