#!/bin/sh
# loadvm_qemu.sh: pcemu loads snapshots that QEMU 7.2 itself wrote. QEMU runs the test
# guest (images/guest.asm) as
#   qemu-system-i386 -M pc-i440fx-7.2,acpi=off,hpet=off,vmport=off -cpu pentium2,-mmx,...
#       -m 32 -nodefaults -display none -drive file=X.qcow2,if=ide,format=qcow2
# (the machine whose section list pcemu's equals) and is stopped by its monitor and told
# `savevm` at these points: twice during SeaBIOS POST (once its log on port 0x402 says
# "Relocating init", and once it says "CPU Mhz=": SeaBIOS then times its waits with a TSC
# rate measured on QEMU), right after the guest's first serial line (real mode, boot
# sector), and after its second protected-mode round (PIT interrupts running). QEMU runs
# on real time, so where exactly it stops varies; every check below holds wherever it is:
#   1. `info registers` of pcemu -loadvm -S equals QEMU's own after its -loadvm -S;
#   2. pcemu -loadvm runs on: QEMU's serial output before the save followed by pcemu's
#      after the load is the guest's complete output, equal line for line to an
#      uninterrupted pcemu run's except for the tick counts (interrupts seen in a round,
#      which depend on how fast the machine ran) -- the RAM checksums prove memory and
#      the round numbers prove nothing was lost or repeated;
#   1a. at the boot-sector point, QEMU's CMOS contents equal pcemu's (clock bytes aside);
#   2a. an immediate re-save by pcemu has QEMU's VM CLOCK in the snapshot table (the
#      mapping of QEMU's 'timer' section onto pcemu's instruction-count clock);
#   3. pcemu saves again after two more rounds; QEMU -loadvm of pcemu's snapshot runs on
#      and prints the following rounds, again equal to the uninterrupted run's, and the
#      image passes qemu-img check.
# Done with -serial file (all checks) and without a serial port (1 and 3's register dump),
# and with QEMU run under -icount (shift=3 as pcemu's, and shift=auto). Last, a -bios
# program (devstate.asm, below) leaves the I/O APIC and the floppy controller far from
# reset, and their sections must survive QEMU -> pcemu -> QEMU byte for byte (see the end).
set -u
command -v qemu-system-i386 >/dev/null || { echo "qemu-system-i386 missing"; exit 77; }
command -v qemu-img >/dev/null || { echo "qemu-img missing"; exit 77; }
ROOT=$(pwd)
IMG=$ROOT/$O/images/guest.qcow2
[ -f "$IMG" ] || { echo "no $IMG (make images)"; exit 1; }
command -v nasm >/dev/null || { echo "nasm missing"; exit 77; }
cd "$TMPDIR_TEST"
cat >devstate.asm <<'ASM'
; devstate.asm: a 64 KiB -bios program that leaves the I/O APIC and the floppy controller
; in a state far from reset, then writes "R" to port 0x402 and spins.
%include "bios_pm.inc"
        BIOS_PM_ENTRY
IOAPIC  equ 0xFEC00000
        ; I/O APIC: id 5; pin 6 (the floppy's IRQ) level-triggered, vector 0x36, to APIC 7;
        ; pin 4 edge, vector 0x34, unmasked; pin 2 (ISA IRQ 0) edge, unmasked, vector 0x32
        mov dword [IOAPIC], 0
        mov dword [IOAPIC + 0x10], 0x05000000
        mov dword [IOAPIC], 0x10 + 2 * 6 + 1
        mov dword [IOAPIC + 0x10], 0x07000000
        mov dword [IOAPIC], 0x10 + 2 * 6
        mov dword [IOAPIC + 0x10], 0x0000A036
        mov dword [IOAPIC], 0x10 + 2 * 4
        mov dword [IOAPIC + 0x10], 0x00000034
        mov dword [IOAPIC], 0x10 + 2 * 2
        mov dword [IOAPIC + 0x10], 0x00000932
        mov dword [IOAPIC], 0x10 + 2 * 9
        mov dword [IOAPIC + 0x10], 0x00018039
        mov dword [IOAPIC], 0x13
        ; floppy controller: reset through the DOR with motor 0 on (IRQ 6 rises, four
        ; SENSE INTERRUPTs owed), SPECIFY, CONFIGURE, PERPENDICULAR, LOCK (one result byte
        ; read), data rate 1 through the CCR, TDR boot select, then READ ID on head 1,
        ; which completes 20 ms later
        mov dx, 0x3F2
        mov al, 0x08
        out dx, al
        mov al, 0x1C
        out dx, al
        mov esi, BASE + cmds
.cmd:   mov al, [esi]
        test al, al
        jz .done
        movzx ecx, al
        inc esi
.byte:  mov dx, 0x3F5
        mov al, [esi]
        out dx, al
        inc esi
        dec ecx
        jnz .byte
        jmp .cmd
.done:  mov dx, 0x3F5
        in al, dx               ; LOCK's result
        mov dx, 0x3F7
        mov al, 1
        out dx, al
        mov dx, 0x3F3
        mov al, 0x04
        out dx, al
        mov dx, 0x3F5
        mov al, 0x0A
        out dx, al
        mov al, 0x04
        out dx, al
        mov dx, 0x402
        mov al, 'R'
        out dx, al
.spin:  jmp .spin

cmds:   db 3, 0x03, 0xDF, 0x02          ; SPECIFY
        db 4, 0x13, 0x00, 0x57, 0x09    ; CONFIGURE
        db 2, 0x12, 0x82                ; PERPENDICULAR: drive 0, mode 2
        db 1, 0x94                      ; LOCK
        db 0
        BIOS_PM_TAIL
ASM
nasm -f bin -i "$ROOT/tests/data/" -o devstate.bin devstate.asm || { echo "FAIL: nasm devstate.asm"; exit 1; }
head -c 196608 /dev/zero >devstate256.bin
cat devstate.bin >>devstate256.bin     # 256 KiB: pc.bios is the same size for both
exec python3 -u - "$PCEMU" "$IMG" <<'PY'
import os, re, shutil, subprocess, sys, time

PCEMU, IMG = sys.argv[1], sys.argv[2]
CPU = "pentium2,-mmx,-apic,-pae,-mce,-mca,-vme,-de,-fxsr,-pse36,-hypervisor"
QEMU = ["qemu-system-i386", "-M", "pc-i440fx-7.2,acpi=off,hpet=off,vmport=off", "-cpu", CPU,
        "-m", "32", "-nodefaults", "-display", "none"]
PC = [PCEMU] + QEMU[1:]   # the same machine and CPU options on both

def fail(msg):
    print("FAIL:", msg)
    sys.exit(1)

def drive(img):
    return ["-drive", "file=%s,if=ide,format=qcow2" % img]

def serial(path):
    return ["-serial", "file:" + path] if path else []

class Monitor:
    """A QEMU (or pcemu) human monitor on stdio: send a command, read to the next prompt."""
    def __init__(self, argv):
        self.p = subprocess.Popen(argv + ["-monitor", "stdio"], stdin=subprocess.PIPE,
                                  stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        self.read_prompt()
    def read_prompt(self):
        buf = b""
        deadline = time.time() + 600   # only catches a hung emulator (a busy host is slow)
        while not buf.endswith(b"(qemu) "):
            c = self.p.stdout.read1(4096) if hasattr(self.p.stdout, "read1") else self.p.stdout.read(1)
            if not c:
                fail("monitor of %s ended: %r" % (self.p.args[0], buf[-300:]))
            buf += c
            if time.time() > deadline:
                fail("monitor timeout")
        text = re.sub(rb"\x1b\[[0-9;]*[A-Za-z]", b"", buf).decode("latin-1").replace("\r", "")
        return text[:-len("(qemu) ")]
    def cmd(self, c):
        self.p.stdin.write((c + "\n").encode())
        self.p.stdin.flush()
        return self.read_prompt()   # QEMU echoes the command first; pcemu does not
    def quit(self):
        self.p.stdin.write(b"quit\n")
        self.p.stdin.close()
        self.p.wait(timeout=600)

def regs(text):
    lines = text.split("\n")
    start = [i for i, l in enumerate(lines) if l.startswith("EAX=")]
    end = [i for i, l in enumerate(lines) if l.startswith("XMM06=")]
    if not start or not end:
        return None
    return "\n".join(lines[start[0]:end[-1] + 1])

def registers_after_load(argv_base, img, name, with_serial):
    m = Monitor(argv_base + (ICOUNT if argv_base is QEMU else PC_ICOUNT) + drive(img) + (["-serial", "null"] if with_serial else []) +
                ["-loadvm", name, "-S"])
    r = regs(m.cmd("info registers"))
    m.quit()
    return r

def norm(text):
    """The guest's lines with the tick counts taken out."""
    return [re.sub(r" ticks [0-9a-f]{0,8}", " ticks -", l) for l in text.split("\n") if l]

def check_output(name, what, text, n):
    """text must be the guest's output up to round n: whole lines as the reference's, the
    last one (where the run stopped) a prefix of the reference's line."""
    got = norm(text)
    whole = got[:-1] if not text.endswith("\n") else got
    part = got[-1] if not text.endswith("\n") else ""
    ok = whole == REF[:len(whole)] and REF[len(whole)].startswith(part)
    ok = ok and any(l.startswith("GUEST iter %08x" % n) for l in got)
    if not ok:
        for i, (a, b) in enumerate(zip(got, REF)):
            if a != b:
                print("  line %d: got %r, want %r" % (i + 1, a, b))
                break
        fail("%s: %s is not the guest's output to round %d" % (name, what, n))

def wait_serial(path, text, secs=600):   # (or any file QEMU writes); secs: a hung QEMU
    end = time.time() + secs
    while time.time() < end:
        if os.path.exists(path) and text in open(path, errors="replace").read():
            return
        time.sleep(0.002)
    fail("QEMU's serial output never showed %r" % text)

def last_iter(text):
    its = re.findall(r"GUEST iter ([0-9a-f]{8})", text)
    return int(its[-1], 16) if its else 0

# The reference: one uninterrupted pcemu run from power-on to round 16.
shutil.copy(IMG, "ref.qcow2")
subprocess.run(PC + drive("ref.qcow2") + serial("ref.txt") +
               ["-run-until", "serial:GUEST iter 00000010 ", "-run-until", "icount:2000000000",
                "-snapshot", "save", "ref"],
               check=True, stdout=subprocess.DEVNULL)
REF = norm(open("ref.txt").read())
if len(REF) < 20 or not REF[-1].startswith("GUEST iter 00000010"):
    fail("reference run did not reach round 16: %r" % REF[-3:])

def dump(img, snap, names=("ioapic", "fdc")):
    """The sections names of snapshot snap, decoded by pcemu-img's analyzer."""
    r = subprocess.run([os.path.join(os.path.dirname(PCEMU), "pcemu-img"), "vmstate", "dump",
                        img, snap], stdout=subprocess.PIPE, check=True)
    d = __import__("json").loads(r.stdout)
    return {k.split(" (")[0]: v for k, v in d.items() if k.split(" (")[0] in names}

def cmos(img, snap):
    return dump(img, snap, ("mc146818rtc",))["mc146818rtc"]["cmos_data"].split()

ICOUNT = PC_ICOUNT = []   # -icount for QEMU and for pcemu at the current point

def point(name, with_serial, how, icount=None):
    global ICOUNT, PC_ICOUNT
    ICOUNT = ["-icount", icount] if icount else []
    PC_ICOUNT = ["-icount", "shift=3"] if icount else []   # auto: pcemu runs at its shift
    img = name + ".qcow2"
    qtxt = name + ".q.txt" if with_serial else None
    # 1. QEMU runs to the point and saves. QEMU runs on real time while the monitor stops
    # it: on a busy host a POST point may overshoot into the boot; then it is tried again.
    dbg = name + ".dbg"                # SeaBIOS's log (port 0x402), to stop during POST
    for attempt in range(5):
        shutil.copy(IMG, img)
        for f in (qtxt, dbg):
            if f and os.path.exists(f):
                os.remove(f)
        m = Monitor(QEMU + ICOUNT + drive(img) + serial(qtxt) +
                    ["-S", "-chardev", "file,id=dbg,path=" + dbg,
                     "-device", "isa-debugcon,iobase=0x402,chardev=dbg"])
        if how.startswith("post:"):
            m.cmd("cont"); wait_serial(dbg, how[5:]); m.cmd("stop")
        elif how == "sleep":
            m.cmd("cont"); time.sleep(0.4); m.cmd("stop")
        else:
            m.cmd("cont"); wait_serial(qtxt, how); m.cmd("stop")
        before = open(qtxt, errors="replace").read() if qtxt else ""
        if how.startswith("post:") and (before or "Booting from" in open(dbg).read()):
            print("  %s: QEMU was past POST when it stopped, again" % name)
            m.quit()
            continue
        out = m.cmd("savevm " + name)
        if "rror" in out:
            fail("%s: QEMU savevm said %r" % (name, out))
        m.quit()
        break
    else:
        fail("%s: QEMU was past POST at every stop" % name)
    # 2. the same registers after either loadvm
    rq = registers_after_load(QEMU, img, name, with_serial)
    rp = registers_after_load(PC, img, name, with_serial)
    if not rq or not rp:
        fail("%s: no register dump (QEMU %s, pcemu %s)" % (name, bool(rq), bool(rp)))
    if rq != rp:
        open(name + ".regs.q", "w").write(rq); open(name + ".regs.p", "w").write(rp)
        subprocess.run(["diff", "-u", name + ".regs.q", name + ".regs.p"])
        fail("%s: registers after QEMU's loadvm (-) and pcemu's (+) differ" % name)
    eip = re.search(r"EIP=([0-9a-f]+)", rp).group(1)
    if how == "GUEST boot sector" and not icount:
        # SeaBIOS is done: QEMU's CMOS (floppy types 0x10 = 0, equipment 0x14, memory
        # sizes, disk geometry, boot order, ...) equals pcemu's, all but the clock (0-9)
        # and the status/flag registers 0xA, 0xC, 0xD that change as the clock runs
        a, b = cmos(img, name), cmos("ref.qcow2", "ref")
        diff = [i for i in range(128) if i not in (0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 13)
                and a[i] != b[i]]
        if diff:
            fail("%s: CMOS bytes differ from QEMU's at %s" % (name, [hex(i) for i in diff]))
    # the virtual clock continues where QEMU's stopped: an immediate re-save has QEMU's
    # VM CLOCK in the snapshot table (to the millisecond that qemu-img prints)
    subprocess.run(PC + PC_ICOUNT + drive(img) + (["-serial", "null"] if with_serial else []) +
                   ["-loadvm", name, "-S", "-snapshot", "save", name + "-s"], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    table = subprocess.run(["qemu-img", "snapshot", "-l", img], stdout=subprocess.PIPE,
                           text=True, check=True).stdout
    clocks = dict(re.findall(r"^\d+\s+(\S+)\s+.*?(\d+:\d\d:\d\d\.\d+)", table, re.M))
    if clocks.get(name) is None or clocks.get(name) != clocks.get(name + "-s"):
        fail("%s: VM clock after pcemu's load %s, QEMU's %s" %
             (name, clocks.get(name + "-s"), clocks.get(name)))
    # 3. pcemu runs on for two more rounds and saves again
    n = last_iter(before) + 2
    ptxt = name + ".p.txt" if with_serial else None
    stop = (["-run-until", "serial:GUEST iter %08x " % n] if with_serial else ["-run-for", "1s"])
    r = subprocess.run(PC + PC_ICOUNT + drive(img) + serial(ptxt) + ["-loadvm", name] + stop +
                       ["-run-until", "icount:2000000000", "-snapshot", "save", name + "-p"],
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if r.returncode != 0:
        fail("%s: pcemu -loadvm of QEMU's snapshot: %s" % (name, r.stdout.strip()))
    after = open(ptxt, errors="replace").read() if with_serial else ""
    if with_serial:
        check_output(name, "QEMU's output then pcemu's", before + after, n)
    # 4. QEMU loads pcemu's snapshot and runs on
    rp2 = registers_after_load(PC, img, name + "-p", with_serial)
    rq2 = registers_after_load(QEMU, img, name + "-p", with_serial)
    if rp2 != rq2:
        fail("%s: registers after loading pcemu's re-save differ (QEMU vs pcemu)" % name)
    if with_serial:
        qtxt2 = name + ".q2.txt"
        m = Monitor(QEMU + ICOUNT + drive(img) + serial(qtxt2) + ["-loadvm", name + "-p"])
        wait_serial(qtxt2, "GUEST iter %08x " % (n + 2))
        m.quit()
        check_output(name, "QEMU's, pcemu's, then QEMU's again",
                     before + after + open(qtxt2, errors="replace").read(), n + 2)
    c = subprocess.run(["qemu-img", "check", img], stdout=subprocess.PIPE, text=True)
    if c.returncode != 0:
        fail("%s: qemu-img check: %s" % (name, c.stdout))
    print("ok: %s (%s%s): QEMU saved at EIP=%s; pcemu's registers after loadvm equal QEMU's%s; "
          "QEMU loads pcemu's re-save" % (name, "serial" if with_serial else "no serial",
          ", -icount " + icount if icount else "", eip,
          "; guest output complete to round %d" % n if with_serial else ""))

point("post", True, "post:Relocating init")
point("tsc", True, "post:CPU Mhz=")       # SeaBIOS has calibrated its delays on QEMU's TSC
point("boot", True, "GUEST boot sector")
point("pmode", True, "GUEST iter 00000002 ")
point("nsp", False, "post:Relocating init")
point("nsr", False, "sleep")
# QEMU with -icount sends "timer/icount" (and with shift=auto its subsections): its
# virtual clock is then counted in instructions, and pcemu continues from that clock.
point("icount", True, "GUEST iter 00000002 ", "shift=3,sleep=off")
point("icauto", True, "post:CPU Mhz=", "shift=auto")

# The I/O APIC and the floppy controller away from reset (devstate.asm as -bios): pcemu
# loads QEMU's sections and saves them back equal, subsections included (fdc/reset_sensei,
# fdc/result_timer with READ ID pending, fdrive/perpendicular); QEMU loads pcemu's and
# saves them equal again; after both run on past the READ ID (its result, IRQ 6 into a
# level-triggered I/O APIC pin with remote IRR set), the two are still equal.

def same_devs(what, a, b):
    if a != b:
        for k in a:
            if a[k] != b.get(k):
                print("  %s, %s:\n    %s\n    %s" % (what, k, a[k], b.get(k)))
        fail("devstate: %s: ioapic/fdc sections differ" % what)

BIOS = ["-bios", os.path.abspath("devstate256.bin")]
subprocess.run(["qemu-img", "create", "-q", "-f", "qcow2", "dev.qcow2", "16M"], check=True)
m = Monitor(QEMU + BIOS + drive("dev.qcow2") + ["-S", "-chardev", "file,id=dbg,path=dev.dbg",
            "-device", "isa-debugcon,iobase=0x402,chardev=dbg"])
m.cmd("cont"); wait_serial("dev.dbg", "R"); m.cmd("stop"); m.cmd("savevm q")
m.cmd("cont"); time.sleep(0.1); m.cmd("stop"); m.cmd("savevm q-run")
m.quit()
subprocess.run(PC + BIOS + drive("dev.qcow2") + ["-loadvm", "q", "-S", "-snapshot", "save", "p"],
               check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
q, p = dump("dev.qcow2", "q"), dump("dev.qcow2", "p")
same_devs("QEMU's save (q) and pcemu's re-save (p)", q, p)
pending = "fdc/result_timer" in q["fdc"]["state"]
m = Monitor(QEMU + BIOS + drive("dev.qcow2") + ["-loadvm", "p", "-S"])
m.cmd("savevm q2")
m.quit()
same_devs("pcemu's save (p) and QEMU's re-save (q2)", p, dump("dev.qcow2", "q2"))
subprocess.run(PC + BIOS + drive("dev.qcow2") + ["-loadvm", "q", "-run-for", "100ms",
               "-snapshot", "save", "p-run"], check=True, stdout=subprocess.DEVNULL,
               stderr=subprocess.DEVNULL)
qr, pr = dump("dev.qcow2", "q-run"), dump("dev.qcow2", "p-run")
same_devs("QEMU (q-run) and pcemu (p-run) after READ ID completed", qr, pr)
if qr["fdc"]["state"]["msr"] != "0xd0":
    fail("devstate: READ ID did not complete (msr %s)" % qr["fdc"]["state"]["msr"])
print("ok: devstate: ioapic and fdc sections equal both ways%s, and after READ ID completed" %
      (" (with READ ID pending)" if pending else " (READ ID had completed before QEMU stopped)"))
print("QEMU 7.2's snapshots load in pcemu, and pcemu's re-saves in QEMU")
PY
