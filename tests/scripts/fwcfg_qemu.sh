#!/bin/sh
# fwcfg_qemu.sh: the fw_cfg device as a guest sees it, and the SMBIOS tables SeaBIOS builds
# from it, equal on pcemu and QEMU 7.2 (-M pc-i440fx-7.2,acpi=off,hpet=off,vmport=off and
# pcemu's -cpu string). 1. tests/data/fwcfg_dump.asm as -bios prints the signature, the ID
# and every file of the directory with its contents; the outputs must be equal for several
# machine types, RAM sizes and options (an option ROM: genroms/; the SMBIOS files; with the
# APIC, genroms/kvmvapic.bin). 2. SeaBIOS boots with
# an empty disk to "No bootable device."; the SMBIOS entry point it placed in the F segment
# and the tables it points at, read from pc.ram of a snapshot of each (pcemu-img vmstate dump
# --extract), must be equal, addresses included, and say "QEMU" and the machine type.
set -u
command -v qemu-system-i386 >/dev/null || { echo "qemu-system-i386 missing"; exit 77; }
command -v qemu-img >/dev/null || { echo "qemu-img missing"; exit 77; }
command -v nasm >/dev/null || { echo "nasm missing"; exit 77; }
ROOT=$(pwd)
OPTROM=$ROOT/$O/images/optrom.bin
[ -f "$OPTROM" ] || { echo "no $OPTROM (make images)"; exit 1; }
cd "$TMPDIR_TEST"
nasm -f bin -i "$ROOT/tests/data/" -o fw.bin "$ROOT/tests/data/fwcfg_dump.asm" || { echo "FAIL: nasm"; exit 1; }
head -c 196608 /dev/zero >fw256.bin
cat fw.bin >>fw256.bin     # 256 KiB: pc.bios is the same size for both
exec python3 -u - "$PCEMU" "$PCEMU_IMG" "$OPTROM" <<'PY'
import os, struct, subprocess, sys, time

PCEMU, PCEMU_IMG, OPTROM = sys.argv[1], sys.argv[2], sys.argv[3]
CPU = ["-cpu", "pentium2,-fpu,-mmx,-apic,-pae,-mce,-mca,-vme,-de,-fxsr,-pse36,-hypervisor"]
OPTS = ["-nodefaults", "-display", "none"]

def fail(msg):
    print("FAIL:", msg)
    sys.exit(1)

def machine(mt):
    return ["-M", mt + ",acpi=off,hpet=off,vmport=off"] + CPU + OPTS

def debugcon(path):
    return ["-chardev", "file,id=dbg,path=" + path, "-device", "isa-debugcon,iobase=0x402,chardev=dbg"]

def wait_for(path, text, secs=60):
    end = time.time() + secs
    while time.time() < end:
        if os.path.exists(path) and text in open(path, errors="replace").read():
            return
        time.sleep(0.005)
    fail("QEMU never wrote %r to %s" % (text, path))

# 1. the fw_cfg directory and files
cases = [("pc-i440fx-7.2", ["-m", "32"]), ("pc-i440fx-7.2", ["-m", "128"]),
         ("pc-i440fx-7.2", ["-m", "3G"]), ("pc-i440fx-7.2", ["-m", "1000M"]),
         ("pc-i440fx-6.0", ["-m", "64"]),
         ("pc-i440fx-7.2", ["-m", "32", "-boot", "menu=on,reboot-timeout=2000"]),
         ("pc-i440fx-7.2", ["-m", "32", "-option-rom", OPTROM]),
         # the APIC (the later -cpu wins) brings the kvmvapic device's genroms/kvmvapic.bin
         ("pc-i440fx-7.2", ["-m", "32", "-option-rom", OPTROM, "-cpu", CPU[1].replace("-apic,", "")])]
for n, (mt, extra) in enumerate(cases):
    args = machine(mt) + extra + ["-bios", os.path.abspath("fw256.bin")]
    q, p = "q%d.txt" % n, "p%d.txt" % n
    qp = subprocess.Popen(["qemu-system-i386"] + args + debugcon(q))
    wait_for(q, "end\n")
    qp.kill()
    qp.wait()
    r = subprocess.run([PCEMU] + args + debugcon(p) + ["-run-until", "halt"],
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if r.returncode != 0:
        fail("pcemu %s: %s" % (" ".join(extra), r.stdout.strip()))
    qt, pt = open(q).read(), open(p).read()
    if qt != pt:
        subprocess.run(["diff", q, p])
        fail("%s %s: fw_cfg differs (QEMU -, pcemu +)" % (mt, " ".join(extra)))
    if "etc/smbios/smbios-tables" not in pt:
        fail("no SMBIOS tables in fw_cfg")
    if ("-cpu" in extra) != ("genroms/kvmvapic.bin" in pt):
        fail("%s: genroms/kvmvapic.bin should be there exactly with the APIC" % " ".join(extra))
    print("ok: %s %s: fw_cfg equal to QEMU's (%d files)" % (mt, " ".join(extra), pt.count("\nfile ")))

# 2. the SMBIOS tables SeaBIOS builds, out of a snapshot's pc.ram
def smbios(img):
    d = img + ".x"
    r = subprocess.run([PCEMU_IMG, "vmstate", "dump", "--extract", d, img, "s"],
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    if r.returncode != 0:
        fail("vmstate dump --extract %s: %s" % (img, r.stderr.strip()))
    ram = open(os.path.join(d, "pc.ram"), "rb").read()
    ep = [a for a in range(0xF0000, 0x100000, 16) if ram[a:a + 4] == b"_SM_"]
    if len(ep) != 1:
        fail("%s: %d SMBIOS entry points in the F segment" % (img, len(ep)))
    a = ep[0]
    length, = struct.unpack_from("<H", ram, a + 0x16)
    addr, = struct.unpack_from("<I", ram, a + 0x18)
    if sum(ram[a:a + 0x1f]) & 0xff or sum(ram[a + 0x10:a + 0x1f]) & 0xff:
        fail("%s: entry point checksum" % img)
    return a, ram[a:a + 0x1f], addr, ram[addr:addr + length]

for mt, mem in (("pc-i440fx-7.2", "32"), ("pc-i440fx-6.0", "256")):
    args = machine(mt) + ["-m", mem]
    for who in ("q", "p"):
        subprocess.run(["qemu-img", "create", "-q", "-f", "qcow2", who + ".qcow2", "16M"], check=True)
    drive = lambda who: ["-drive", "file=%s.qcow2,if=ide,format=qcow2" % who]
    qm = subprocess.Popen(["qemu-system-i386"] + args + drive("q") + debugcon("qlog.txt") +
                          ["-monitor", "stdio"], stdin=subprocess.PIPE,
                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wait_for("qlog.txt", "No bootable device.")
    qm.communicate(b"stop\nsavevm s\nquit\n", timeout=60)
    r = subprocess.run([PCEMU] + args + drive("p") + ["-run-for", "3s", "-snapshot", "save", "s"],
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if r.returncode != 0:
        fail("pcemu boot and save: %s" % r.stdout.strip())
    q, p = smbios("q.qcow2"), smbios("p.qcow2")
    if q != p:
        fail("%s -m %s: SMBIOS differs: QEMU entry %#x %s table %#x %s, pcemu entry %#x %s "
             "table %#x %s" % (mt, mem, q[0], q[1].hex(), q[2], q[3].hex(), p[0], p[1].hex(),
                               p[2], p[3].hex()))
    for s in (b"QEMU\0", b"Standard PC (i440FX + PIIX, 1996)\0", mt.encode() + b"\0"):
        if s not in p[3]:
            fail("%s: %r not in the SMBIOS tables" % (mt, s))
    os.remove("qlog.txt")
    print("ok: %s -m %s: SeaBIOS's SMBIOS entry point at %#x and %d bytes of tables at %#x "
          "equal to QEMU's" % (mt, mem, p[0], len(p[3]), p[2]))
PY
