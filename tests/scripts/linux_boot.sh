#!/bin/sh
# linux_boot.sh: the Linux test guest ($O/images/linux/linux.qcow2: GRUB 2, Debian 12's
# i386 kernel, a busybox initramfs running images/linux/init) boots to its shell prompt on
# QEMU 7.2 and on pcemu, on pcemu's machine with the FPU on:
#   -M pc-i440fx-7.2,acpi=off,hpet=off,vmport=off -cpu pentium2,-mmx,...  (no -fpu)
#   -icount shift=3,sleep=off -rtc base=2024-01-01T00:00:00,clock=vm -no-reboot
# (the instruction-counted clock and a fixed RTC start make runs repeat, except for what
# CLOCK_READINGS below lists; panic=-1 in the guest and -no-reboot end a panicking run). A run ends at the prompt
# "linuxguest# "; its serial log is cut there. Checks:
#   QEMU  1. the log has the guest's results (/proc/cpuinfo with "fpu : yes", the shell's
#            sum and md5, the awk floating-point lines equal to the values below), and no
#            kernel line about a missing feature or an MSR but those EXPLAINED lists;
#         2. a second, concurrent run's log equals the first apart from clock readings
#            and the place of two lines printed by delayed work (CLOCK_READINGS, ASYNC):
#            the comparison the pcemu half uses, and the proof that the reference is
#            deterministic under -icount in all but those;
#         3. savevm mid-boot (HMP "stop; savevm mid" once "Freeing unused kernel image"
#            appears), then -loadvm mid in a new process runs on to the prompt: the two
#            logs joined equal the reference, clock readings aside.
#   pcemu 4. the log equals QEMU's, clock readings aside, and passes 1's checks (the
#            uninterrupted run, p1, saves 'end' at the prompt);
#         5. a chain of three processes: -snapshot save mid at "Freeing unused kernel
#            image"; -loadvm mid, -snapshot save work in the middle of the workload, at the
#            line its awk loop prints halfway ("LINUXGUEST awk: 150 of 300", the rest of the
#            loop still to run); -loadvm work on to the prompt, save 'end'. The joined logs
#            equal p1's byte for byte, clock readings included, and 'end' is at the same
#            instruction count with the same VM-state bytes as p1's (pcemu-img
#            vmstate-extract), the guest disks equal;
#         6. QEMU -loadvm of pcemu's mid-boot and mid-workload snapshots and pcemu -loadvm
#            of QEMU's mid-boot one run on to the prompt, the joined logs equal to the
#            reference apart from clock readings, the workload's results among them.
# A pcemu that lacks the x87 FPU fails at once: the kernel prints "x86/fpu: Giving up, no
# FPU found" (earlyprintk) and then idles for ever. Each run's wall time is printed.
# Another guest and CPU (linux_pae_boot.sh): LINUX_IMG, LINUX_CPU; LINUX_CHECKS=short
# leaves out the second QEMU run of 2 and the mid-workload save of 5 and 6.
set -u
command -v qemu-system-i386 >/dev/null || { echo "qemu-system-i386 missing"; exit 77; }
command -v qemu-img >/dev/null || { echo "qemu-img missing"; exit 77; }
ROOT=$(pwd)
IMG=$ROOT/${LINUX_IMG:-$O/images/linux/linux.qcow2}
[ -f "$IMG" ] || { echo "no $IMG (make images)"; exit 1; }
INIT_MD5=$(md5sum "$ROOT/images/linux/init" | cut -c1-32)
cd "$TMPDIR_TEST"
python3 - "$PCEMU" "$PCEMU_IMG" "$IMG" "$INIT_MD5" \
    "${LINUX_CPU:-pentium2,-mmx,-apic,-pae,-mce,-mca,-vme,-de,-fxsr,-pse36,-hypervisor}" \
    "${LINUX_CHECKS:-full}" <<'PY'
import difflib, os, re, shutil, subprocess, sys, time
pcemu, pcemu_img, img, init_md5, cpu, checks = sys.argv[1:7]
FULL = checks == "full"

MACHINE = ["-M", "pc-i440fx-7.2,acpi=off,hpet=off,vmport=off", "-cpu", cpu,
           "-m", "64", "-nodefaults", "-display", "none", "-icount", "shift=3,sleep=off",
           "-rtc", "base=2024-01-01T00:00:00,clock=vm", "-no-reboot"]
PROMPT = b"linuxguest# "
MID = b"Freeing unused kernel image"
WORK = b"LINUXGUEST awk: 150 of 300"   # images/linux/init's awk loop, halfway
NO_FPU = b"x86/fpu: Giving up, no FPU found"
# A hang guard, not a measurement: far above a run's time on a loaded 2-core machine.
LIMIT_S = 1500
# What the guest must print: the awk lines are the exact values of the series in
# images/linux/init (computed in doubles; the same on the host's awk).
WANT = [
    b"fpu\t\t: yes",
    WORK + b"\r\n",
    b"LINUXGUEST sh: sum of squares 1..300 = 9045050, md5 of /init " + init_md5.encode(),
    b"LINUXGUEST awk: sqrt 3472.556389 sin 0.435590 exp 94.546979 log 1414.905850 "
    b"harmonic 6.282664",
    b"LINUXGUEST awk: sqrt(2) 1.414213562 exp(10) 2.202647e+04 1/3 0.333333333333 "
    b"int(-7.5) -7",
    b"LINUXGUEST workload done",
]


def fail(msg):
    print("FAIL: " + msg)
    sys.exit(1)


def read(path):
    try:
        with open(path, "rb") as f:
            return f.read()
    except FileNotFoundError:
        return b""


def disk(name, src=img):
    shutil.copyfile(src, name)
    return name


class Qemu:
    """qemu-system-i386 on pcemu's machine, serial to LOG, HMP on stdin. Stops (quit) at
    the prompt; with save_at, stops the machine and saves snapshot 'mid' once that text is
    on the serial port, then quits."""
    def __init__(self, name, drive, save_at=None, loadvm=None):
        self.name, self.log, self.save_at = name, name + ".log", save_at
        argv = ["qemu-system-i386"] + MACHINE + [
            "-serial", "file:" + self.log, "-monitor", "stdio",
            "-drive", "file=%s,if=ide,format=qcow2" % drive]
        if loadvm:
            argv += ["-loadvm", loadvm]
        self.mon = open(name + ".monitor", "wb")
        self.t0 = time.monotonic()
        self.p = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=self.mon,
                                  stderr=subprocess.STDOUT)
        self.done = False

    def poll(self):
        data = read(self.log)
        stop = self.save_at if self.save_at else PROMPT
        if stop in data:
            cmds = b"stop\nsavevm mid\nquit\n" if self.save_at else b"quit\n"
            self.p.stdin.write(cmds)
            self.p.stdin.flush()
            self.p.wait()
            self.secs = time.monotonic() - self.t0
            self.done = True
            return
        if self.p.poll() is not None:
            fail("%s: QEMU exited (status %d) before %r; last lines:\n%s\nmonitor:\n%s" % (
                self.name, self.p.returncode, stop, tail(data),
                read(self.name + ".monitor").decode("latin-1")))
        if time.monotonic() - self.t0 > LIMIT_S:
            self.p.kill()
            fail("%s: no %r after %d s; last lines:\n%s" % (self.name, stop, LIMIT_S, tail(data)))


class Pcemu:
    """pcemu on the same machine, stopping by itself once STOP is on the serial port and
    saving the snapshot SAVE there (if given). A kernel that found no FPU would idle for
    ever: the run is ended at that line and fails."""
    def __init__(self, name, drive, stop=PROMPT, save=None, loadvm=None):
        self.name, self.log = name, name + ".log"
        argv = [pcemu] + MACHINE + [
            "-serial", "file:" + self.log, "-drive", "file=%s,if=ide,format=qcow2" % drive,
            "-run-until", "serial:" + stop.decode()]
        if save:
            argv += ["-snapshot", "save", save]
        if loadvm:
            argv += ["-loadvm", loadvm]
        self.err = open(name + ".stderr", "wb")
        self.t0 = time.monotonic()
        self.p = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=self.err,
                                  stderr=subprocess.STDOUT)
        self.done = False

    def poll(self):
        if self.p.poll() is None:
            no_fpu = NO_FPU in read(self.log)
            if no_fpu or time.monotonic() - self.t0 > LIMIT_S:
                self.p.kill()
                self.p.wait()
                fail("%s: %s; last lines:\n%s" % (
                    self.name, "the kernel found no FPU" if no_fpu else
                    "pcemu still running after %d s" % LIMIT_S, tail(read(self.log))))
            return
        self.secs = time.monotonic() - self.t0
        self.done = True
        if self.p.returncode != 0:
            fail("%s: pcemu exited %d: %s" % (self.name, self.p.returncode,
                                             read(self.name + ".stderr").decode("latin-1")))


def run(*runs):
    """Runs side by side until each has stopped; prints their wall times."""
    while not all(r.done for r in runs):
        for r in runs:
            if not r.done:
                r.poll()
        time.sleep(0.05)
    for r in runs:
        print("%s: %.1f s wall" % (r.name, r.secs))


def tail(data, n=15):
    return "\n".join(data.decode("latin-1").replace("\r", "").splitlines()[-n:])


def upto_prompt(name, data, text=PROMPT):
    """The log up to and including the prompt (what follows it, the shell's terminal
    query, depends on when the run was stopped), or up to TEXT."""
    i = data.find(text)
    if i < 0:
        fail("%s: no %r; last lines:\n%s" % (name, text, tail(data)))
    return data[:i + len(text)]


# What QEMU 7.2 under -icount (without record/replay) does not repeat exactly: its
# virtual-clock timers are run by the main-loop thread, so an interrupt can land a few
# instructions apart from one run to the next. Seen in two runs of this guest: clock
# readings (the kernel's [seconds] prefix, sched_clock's nanoseconds when it marks itself
# stable, the audit record's seconds.milliseconds, one jiffy apart) and where the delayed
# work that switches to the TSC clocksource prints its two lines among the initcalls'; on
# a busy host also where the audit record lands (the kauditd thread prints it, when it is
# scheduled: QEMU -cpu qemu32 put it one line later, after a thermal governor's, in one run
# while a second emulator loaded both cores). So clock readings are masked, and those
# three lines are compared apart from the rest (present, same text, any position); every
# other line must be equal and in order.
CLOCK_READINGS = [
    (re.compile(rb"^\[ *[0-9]+\.[0-9]+\] ", re.M), rb"[T] "),
    (re.compile(rb"(sched_clock: Marking stable) \(-?[0-9]+, -?[0-9]+\)->\(-?[0-9]+, -?[0-9]+\)"),
     rb"\1 (T)"),
    (re.compile(rb"(audit\()[0-9]+\.[0-9]+(:[0-9]+\))"), rb"\1T\2"),
    # the RTC second the kernel reads at boot: QEMU's own runs read 23, 25 and 26 s (its
    # disk I/O completes in host time even under -icount, so the kernel starts at a
    # varying virtual time); the RTC state itself is the same on both emulators
    (re.compile(rb"(rtc_cmos rtc_cmos: setting system clock to )\S+ UTC \([0-9]+\)"),
     rb"\1T"),
]
ASYNC = re.compile(rb"^\[T\] (clocksource: (tsc: mask: |Switched to clocksource tsc$)|"
                   rb"audit: type=2000 audit\(T:1\): state=initialized )")


def untimed(data):
    data = data.replace(b"\r\n", b"\n")
    for pattern, repl in CLOCK_READINGS:
        data = pattern.sub(repl, data)
    lines = data.split(b"\n")
    moved = sorted(l for l in lines if ASYNC.match(l))
    return b"\n".join([l for l in lines if not ASYNC.match(l)] + [b"(async:)"] + moved)


def same(what, ref, got, timed=False):
    """Fails with a diff unless the logs are equal (clock readings aside unless timed)."""
    a, b = (ref, got) if timed else (untimed(ref), untimed(got))
    if a == b:
        return
    d = difflib.unified_diff(a.decode("latin-1").splitlines(), b.decode("latin-1").splitlines(),
                             "reference", what, lineterm="", n=2)
    fail("%s differs from the reference%s:\n%s" % (
        what, "" if timed else " (clock readings aside)", "\n".join(list(d)[:80])))


# Kernel lines naming a missing feature or an MSR problem (SUSPECT) must be among these,
# each a fact of the machine both emulators model, printed by QEMU 7.2 alike:
EXPLAINED = [
    # NX came after the P6: the kernel notes its absence on any such CPU
    rb"Notice: NX \(Execute Disable\) protection missing in CPU!",
    # QEMU's pentium2 model has no PAT in CPUID.1:EDX
    rb"x86/PAT: PAT not supported by the CPU\.",
    # the kernel writes P6 PERFCTR1 (MSR 0xC2) and reads it back: QEMU 7.2's TCG has no
    # performance counters (the write is dropped, the read gives 0), and pcemu answers MSRs
    # as QEMU's TCG does (images/cpu/msr.asm); perf falls back to software events
    rb"Failed to access perfctr msr \(MSR c2 is 0\)",
    # SeaBIOS's PnP BIOS has no dev_node_info
    rb"PnPBIOS: dev_node_info: function not supported on this system",
    # intel_pstate drives P-states of later CPUs only
    rb"intel_pstate: CPU model not supported",
]
SUSPECT = re.compile(rb"MSR|msr|not supported|unsupported|missing|no FPU")


def unexplained(log):
    """The kernel lines ('[' time stamp) that SUSPECT matches and EXPLAINED does not."""
    return [l for l in log.replace(b"\r", b"").split(b"\n")
            if l.startswith(b"[") and SUSPECT.search(l)
            and not any(re.search(e, l) for e in EXPLAINED)]


def check_results(name, log):
    for w in WANT:
        if w not in log:
            fail("%s: missing %r" % (name, w))
    bad = unexplained(log)
    if bad:
        fail("%s: kernel lines about a missing feature or an MSR:\n%s" % (
            name, b"\n".join(bad).decode("latin-1")))
    print("%s: /proc/cpuinfo has an FPU; shell and awk results as expected; no unexplained "
          "line about missing features or MSRs" % name)


def snapshot_icount(drive, name):
    """The ICOUNT column of qemu-img snapshot -l for snapshot NAME; None if there is none."""
    out = subprocess.run(["qemu-img", "snapshot", "-l", drive], capture_output=True).stdout
    for line in out.splitlines():
        if line.split()[1:2] == [name.encode()]:
            return line.split()[-1].decode()
    return None


def vm_state(drive, name):
    return subprocess.run([pcemu_img, "vmstate-extract", drive, name], capture_output=True,
                          check=True).stdout


# The comparison itself: clock readings and the asynchronous lines' place are ignored,
# anything else is not.
REF = (b"[    0.5] a\r\n[    1.0] clocksource: Switched to clocksource tsc\r\n"
       b"[    1.2] audit: type=2000 audit(1704067220.108:1): ok\r\n[    2.0] b\r\n")
assert untimed(REF) == untimed(REF.replace(b"0.5]", b"0.7]").replace(b".108:", b".112:"))
assert untimed(REF) == untimed(b"[    0.5] a\r\n[    1.2] audit: type=2000 audit(1704067220.1"
                               b"08:1): ok\r\n[    1.3] clocksource: Switched to clocksource "
                               b"tsc\r\n[    2.0] b\r\n")
assert not unexplained(b"[    0.5] x86/PAT: PAT not supported by the CPU.\r\nfpu : yes\r\n")
assert unexplained(b"[    0.2] unchecked MSR access error: RDMSR from 0x8b\r\n")
assert unexplained(b"[    0.3] x86/fpu: Giving up, no FPU found and no math emulation present\r\n")
for changed in (REF.replace(b"] a", b"] c"), REF.replace(b"type=2000", b"type=2001"),
                REF.replace(b"[    1.0] clocksource: Switched to clocksource tsc\r\n", b""),
                REF.replace(b"[    2.0] b\r\n", b"")):
    assert untimed(REF) != untimed(changed), changed
AUDIT = (b"[    1.0] thermal_sys: Registered thermal governor 'step_wise'\r\n"
         b"[    1.1] audit: type=2000 audit(1704067221.004:1): state=initialized audit_enabled=0 "
         b"res=1\r\n[    1.2] thermal_sys: Registered thermal governor 'user_space'\r\n")
moved = AUDIT.split(b"\r\n")
assert untimed(AUDIT) == untimed(b"\r\n".join([moved[0], moved[2], moved[1], b""]))
assert untimed(AUDIT) != untimed(AUDIT.replace(b"audit_enabled=0", b"audit_enabled=1"))

# ---- QEMU 7.2 ----
print("-cpu " + cpu)
run(*[Qemu("q1", disk("q1.qcow2")), Qemu("qsave", disk("qsave.qcow2"), save_at=MID)] +
    ([Qemu("q2", disk("q2.qcow2"))] if FULL else []))
q1 = upto_prompt("q1", read("q1.log"))
check_results("q1", q1)
if FULL:
    same("q2", q1, upto_prompt("q2", read("q2.log")))
    print("QEMU: two runs give the same %d-line log apart from clock readings (%s)" % (
        q1.count(b"\n"), "those equal too" if q1 == upto_prompt("q2", read("q2.log"))
        else "those differ"))

if snapshot_icount("qsave.qcow2", "mid") is None:
    fail("QEMU saved no snapshot 'mid':\n" + read("qsave.monitor").decode("latin-1"))
shutil.copyfile("qsave.qcow2", "qsave-for-pcemu.qcow2")
qsave = read("qsave.log")
run(Qemu("qload", "qsave.qcow2", loadvm="mid"))
same("qsave + qload", q1, upto_prompt("qsave + qload", qsave + read("qload.log")))
subprocess.run(["qemu-img", "check", "-q", "qsave.qcow2"], check=True)
print("QEMU: savevm after %d log lines, -loadvm ran on to the prompt: joined logs as the "
      "reference" % qsave.count(b"\n"))

# ---- pcemu ----
run(Pcemu("p1", disk("p1.qcow2"), save="end"), Pcemu("psave", disk("psave.qcow2"), MID, "mid"))
p1 = upto_prompt("p1", read("p1.log"))
check_results("p1", p1)
same("p1 (pcemu)", q1, p1)
print("pcemu: the log equals QEMU's apart from clock readings")

shutil.copyfile("psave.qcow2", "psave-for-qemu.qcow2")
psave = read("psave.log")
run(Pcemu("pload", "psave.qcow2", *((WORK, "work") if FULL else (PROMPT, "end")), loadvm="mid"),
    Qemu("qload-p", "psave-for-qemu.qcow2", loadvm="mid"),
    Pcemu("pload-q", "qsave-for-pcemu.qcow2", loadvm="mid"))
pload = read("pload.log")
if FULL:
    if not pload.endswith(WORK) or b"LINUXGUEST awk: sqrt " in pload:
        fail("pload: the save 'work' is not halfway through the awk loop; last lines:\n" +
             tail(pload))
    shutil.copyfile("psave.qcow2", "pwork-for-qemu.qcow2")
    run(Pcemu("pwork", "psave.qcow2", save="end", loadvm="work"),
        Qemu("qload-w", "pwork-for-qemu.qcow2", loadvm="work"))
    same("psave + pload + pwork", p1, upto_prompt("pwork", psave + pload + read("pwork.log")),
         timed=True)
else:
    same("psave + pload", p1, upto_prompt("pload", psave + pload), timed=True)
n_end = snapshot_icount("p1.qcow2", "end")
if snapshot_icount("psave.qcow2", "end") != n_end:
    fail("'end' after the two loads is at instruction %s, in the uninterrupted run at %s" % (
        snapshot_icount("psave.qcow2", "end"), n_end))
if vm_state("psave.qcow2", "end") != vm_state("p1.qcow2", "end"):
    fail("the VM state at the prompt (instruction %s) after the two loads differs from the "
         "uninterrupted run's" % n_end)
subprocess.run(["qemu-img", "compare", "-q", "p1.qcow2", "psave.qcow2"], check=True)
print("pcemu: saved mid-boot after %d log lines, -loadvm%s: serial bytes and the VM state "
      "at the prompt (instruction %s) as the uninterrupted run's" % (
          psave.count(b"\n"), ", saved mid-workload after %d more, -loadvm" % pload.count(b"\n")
          if FULL else "", n_end))
same("psave + QEMU's loadvm", q1, upto_prompt("qload-p", psave + read("qload-p.log")))
print("QEMU -loadvm of pcemu's mid-boot snapshot ran on to the prompt")
if FULL:
    qwork = upto_prompt("qload-w", psave + pload + read("qload-w.log"))
    check_results("psave + pload + QEMU's loadvm", qwork)
    same("psave + pload + QEMU's loadvm", q1, qwork)
    print("QEMU -loadvm of pcemu's mid-workload snapshot ran on to the prompt")
same("qsave + pcemu's loadvm", q1, upto_prompt("pload-q", qsave + read("pload-q.log")))
print("pcemu -loadvm of QEMU's snapshot ran on to the prompt")
for d in ("p1.qcow2", "psave.qcow2", "psave-for-qemu.qcow2", "qsave-for-pcemu.qcow2") + \
        (("pwork-for-qemu.qcow2",) if FULL else ()):
    subprocess.run(["qemu-img", "check", "-q", d], check=True)
print("linux_boot: ok")
PY
