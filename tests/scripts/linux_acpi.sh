#!/bin/sh
# linux_acpi.sh: the Linux test guest ($O/images/linux/linux.qcow2) on the default machine,
# QEMU 7.2's `-M pc -nodefaults` (local APIC, I/O APIC, HPET, ACPI), with the plain command
# line on both emulators: -M pc -nodefaults -m 64 -drive ...,if=ide -serial mon:stdio.
#   1. pcemu boots it: SeaBIOS installs QEMU's ACPI tables from the table-loader and
#      relocates SMBASE through one SMI; the kernel takes them (PM timer at 0x608 as QEMU's
#      FADT says, the interpreter enabled, S3/S4/S5 as QEMU's DSDT offers them, the MADT's
#      local APIC and I/O APIC, the HPET table), switches to APIC mode with the timer on the
#      I/O APIC, and registers the hpet and acpi_pm clocksources without complaint; no line
#      may report an ACPI error or warning. Its boot log is QEMU's but for the lines CLOCKY
#      explains (clock readings; QEMU's TCG checks its timers against the host's clock). At the
#      prompt the guest switches its clocksource from the TSC to the HPET, gets a busy loop,
#      and both emulators save there (the monitor's savevm);
#   2. pcemu -loadvm's QEMU's snapshot and QEMU -loadvm's pcemu's: each guest answers a shell
#      command typed after the load;
#   3. each pcemu run ends with the shell's exit: images/linux/init's "poweroff -f" goes
#      through ACPI S5 and pcemu must end by itself with status 0, as QEMU does.
set -u
IMG=$O/images/linux/linux.qcow2
[ -f "$IMG" ] || { echo "no $IMG (make images)"; exit 1; }
command -v qemu-system-i386 >/dev/null || { echo "qemu-system-i386 missing"; exit 77; }
cp "$IMG" "$TMPDIR_TEST/p.qcow2"
cp "$IMG" "$TMPDIR_TEST/q.qcow2"
cd "$TMPDIR_TEST"
exec python3 -u - "$PCEMU" <<'PY'
import os, re, subprocess, sys, time

PCEMU = sys.argv[1]
PLAIN = ["-M", "pc", "-nodefaults", "-display", "none", "-m", "64", "-serial", "mon:stdio"]
LIMIT_S = 1500   # a hang guard, not a measurement
PROMPT = b"linuxguest# "
CTRL_A_C = b"\x01c"
# Kernel lines on the machine's devices, in both logs
WANT = [rb"ACPI: PM-Timer IO Port: 0x608", rb"ACPI: Interpreter enabled",
        rb"ACPI: PM: \(supports S0 S3 S4 S5\)",
        rb"IOAPIC\[0\]: apic_id 0, version 32, address 0xfec00000, GSI 0-23",
        rb"ACPI: HPET id: 0x8086a201 base: 0xfed00000", rb"hpet0: 3 comparators, 64-bit 100\.000000 MHz counter",
        rb"APIC: Switch to symmetric I/O mode setup", rb"ACPI: Using IOAPIC for interrupt routing"]
# and in pcemu's, whose time is virtual: the kernel's checks of the timer through the I/O
# APIC and of the PM timer's rate pass (QEMU's own TCG runs on the host's clock: on a busy
# host it fails them and falls back, so its log is not held to these)
WANT_PCEMU = [rb"\.\.TIMER: vector=0x30 apic1=0 pin1=2 apic2=-1 pin2=-1",
              rb"clocksource: acpi_pm: mask: 0xffffff", rb"clocksource: hpet: mask: 0xffffffff"]
# Lines that differ between the two logs, explained: clock readings and calibrations
# (TSC, BogoMIPS, the RTC's date, audit and sched_clock stamps), QEMU's timer checks on the
# host's clock (see WANT_PCEMU; on a busy host its HPET also reports lost RTC ticks, slow
# quirks and interrupts report their host time),
# and the order of lines from concurrent initcalls (the lists are compared sorted).
CLOCKY = (rb"^(tsc: |clocksource: |Calibrating delay loop|smpboot: Total of|sched_clock: |"
          rb"audit: type=2000|rtc_cmos 00:04: setting system clock|cpu MHz|bogomips|"
          rb"\.\.MP-BIOS bug|\.\.\.trying|\.\.\.\.\.|\.\.TIMER: |APIC calibration|APIC delta|"
          rb"PM-Timer running at invalid rate|hpet: Lost [0-9]+ RTC interrupts|hrtimer: interrupt took|"
          rb"sched: RT throttling|.* took [0-9]+ usecs$|linuxguest# )")
BAD = rb"ACPI (BIOS )?(Error|Warning)|PM-Timer (had inconsistent|running at invalid)|acpi_pm.*unstable|FIRMWARE BUG"
# Linux picks the TSC; the save is taken on the HPET, so that its counter must carry over
CS = b"/sys/devices/system/clocksource/clocksource0/current_clocksource"
BUSY = (b"echo hpet >" + CS + b"; (while :; do :; done) & cat " + CS + b"; echo SAVE-$((6*7))\n")
ASK = b"echo ANSWER-$((6*7))\n"

def fail(msg):
    print("FAIL:", msg)
    sys.exit(1)

class Guest:
    def __init__(self, name, argv):
        self.name, self.log, self.t0 = name, b"", time.monotonic()
        self.p = subprocess.Popen(argv + PLAIN, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                  stderr=subprocess.STDOUT)
        os.set_blocking(self.p.stdout.fileno(), False)

    def wait(self, what, start=0):
        """Reads until what (bytes) is in the log after offset start, or the run ends."""
        while what not in self.log[start:]:
            if self.p.poll() is not None or time.monotonic() - self.t0 > LIMIT_S:
                self.p.kill()
                fail("%s: no %r; log ends %r" % (self.name, what, self.log[-500:]))
            self.log += self.p.stdout.read() or b""
            time.sleep(0.1)

    def send(self, b):
        self.p.stdin.write(b)
        self.p.stdin.flush()

    def savevm(self, tag):   # through the monitor of mon:stdio, then back to the serial port
        n = len(self.log)
        self.send(CTRL_A_C + b"savevm " + tag + b"\ninfo snapshots\n")
        self.wait(tag + b" ", n)
        self.send(CTRL_A_C)

    def end(self, what):
        """The shell exits, the guest powers off: the emulator must end with status 0."""
        self.send(b"exit\n")
        try:
            self.log += self.p.communicate(timeout=LIMIT_S)[0] or b""
        except subprocess.TimeoutExpired:
            self.p.kill()
            fail("%s: no end after the guest's poweroff; log ends %r" % (self.name, self.log[-400:]))
        open(self.name + ".log", "wb").write(self.log)
        if self.p.returncode != 0:
            fail("%s ended with status %d after the guest's poweroff (QEMU: 0); log ends %r" %
                 (self.name, self.p.returncode, self.log[-300:]))
        if b"reboot: Power down" not in self.log:
            fail("%s: no 'reboot: Power down' (%s)" % (self.name, what))

def boot_and_save(name, argv, disk, tag):
    g = Guest(name, argv + ["-drive", "file=%s,if=ide,format=qcow2" % disk])
    g.wait(PROMPT)
    n = len(g.log)
    g.send(BUSY)
    g.wait(b"SAVE-42", n)
    cs = re.search(rb"\n(\w+)\r?\nSAVE-42", g.log[n:])
    g.savevm(tag)
    return g, cs.group(1).decode() if cs else "?"

def boot_lines(log):
    """The kernel's and init's lines up to the prompt, without timestamps or CLOCKY lines."""
    lines = [re.sub(rb"^\[ *[0-9]+\.[0-9]+\] ", b"", l.rstrip(b"\r"))
             for l in log[:log.index(PROMPT)].split(b"\n")]
    # an input device's number counts allocations, and the keyboard's and the mouse's
    # probes run concurrently: QEMU's on the host's clock, so that either may come first
    lines = [re.sub(rb"/input/input[0-9]+$", b"/input/inputN", l) for l in lines]
    return sorted(l for l in lines if l and not re.match(CLOCKY, l))

def check_boot(name, log, want):
    for w in want:
        if not re.search(w, log):
            fail("%s: no kernel line %r" % (name, w.decode()))

def load_and_ask(name, argv, disk, tag):
    g = Guest(name, argv + ["-drive", "file=%s,if=ide,format=qcow2" % disk, "-loadvm", tag])
    g.send(ASK)
    g.wait(b"ANSWER-42")
    return g

# 1. boots; QEMU first, and its run ends before pcemu's starts (the host has few cores)
q, qcs = boot_and_save("qemu", ["qemu-system-i386"], "q.qcow2", b"qs")
q.end("QEMU boot")
p, pcs = boot_and_save("pcemu", [PCEMU], "p.qcow2", b"ps")
t_boot = time.monotonic() - p.t0
p.end("pcemu boot")
check_boot("pcemu", p.log, WANT + WANT_PCEMU)
check_boot("QEMU 7.2", q.log, WANT)
bad = [l for l in p.log.split(b"\n") if re.search(BAD, l)]
if bad:
    fail("pcemu: ACPI complaints: %r" % bad[:5])
lp, lq = boot_lines(p.log), boot_lines(q.log)
if lp != lq:
    only_p = [l for l in lp if l not in lq]
    only_q = [l for l in lq if l not in lp]
    fail("boot logs differ beyond the clock readings: only pcemu's %r, only QEMU's %r" %
         (only_p[:8], only_q[:8]))
print("ok: Linux booted on pcemu's default machine in %.0f s (%s), its log QEMU's (%d lines "
      "compared), saved busy at the prompt "
      "on clocksource %s (QEMU's: %s), powered off through S5, pcemu exited 0" %
      (t_boot, "; ".join(w.decode().replace("\\", "") for w in WANT[:3]), len(lp), pcs, qcs))

# 2. cross-loads, each ending with the guest's poweroff
g = load_and_ask("pcemu-loads-qemu", [PCEMU], "q.qcow2", "qs")
g.end("pcemu after QEMU's snapshot")
print("ok: pcemu -loadvm of QEMU's snapshot: the shell answers, poweroff ends pcemu with status 0")
g = load_and_ask("qemu-loads-pcemu", ["qemu-system-i386"], "p.qcow2", "ps")
g.end("QEMU after pcemu's snapshot")
print("ok: QEMU -loadvm of pcemu's snapshot: the shell answers, and powers off")
PY
