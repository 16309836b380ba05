#!/bin/sh
# linux_s3.sh: the Linux test guest ($O/images/linux/linux.qcow2) on pcemu's reduced CPU
# with -machine acpi=on alone (linux_acpi.sh boots the default machine): SeaBIOS installs
# QEMU's ACPI tables, the kernel takes them (PM timer at 0x608, S3/S4/S5 as QEMU's DSDT
# offers them), registers the acpi_pm clocksource without complaint, and when its shell
# exits, images/linux/init's "poweroff -f" goes through ACPI S5: pcemu ends by itself with
# status 0. No kernel line may report an ACPI error or warning.
# Before that, S3 twice on the same boot: 'echo mem > /sys/power/state' suspends (QMP
# SUSPEND, query-status "suspended" and running false), a savevm is taken while suspended
# (QEMU 7.2 allows it; the stream's run state is "suspended"), QMP system_wakeup wakes it
# (WAKEUP; SeaBIOS resumes the kernel through the FACS waking vector) and the shell
# answers; then the RTC alarm (/sys/class/rtc/rtc0/wakealarm) wakes it with no command.
# The kernel's PM lines from the suspend to the resume must be S3_LINES, the round trip
# without a complaint (XXX: not compared with QEMU 7.2's: driven the same way, with the
# serial line on stdio or a socket, QEMU 7.2 printed nothing more on it after the prompt,
# though its QMP SUSPEND and WAKEUP events came as pcemu's). Last, a new process loads
# the suspended snapshot: it is suspended until system_wakeup, and the shell then answers.
set -u
IMG=$O/images/linux/linux.qcow2
[ -f "$IMG" ] || { echo "no $IMG (make images)"; exit 1; }
cp "$IMG" "$TMPDIR_TEST/l.qcow2"
cd "$TMPDIR_TEST"
exec python3 -u - "$PCEMU" <<'PY'
import json, os, re, socket, subprocess, sys, time

PCEMU = sys.argv[1]
CMD = [PCEMU, "-M", "pc-i440fx-7.2,acpi=on,hpet=off,vmport=off",
       "-cpu", "pentium2,-mmx,-apic,-pae,-mce,-mca,-vme,-de,-fxsr,-pse36,-hypervisor",
       "-m", "64", "-nodefaults", "-display", "none", "-icount", "3",
       "-rtc", "base=2024-01-01T00:00:00", "-no-reboot",
       "-drive", "file=l.qcow2,if=ide,format=qcow2", "-serial", "stdio",
       "-qmp", "unix:qmp.sock,server=on,wait=off"]
LIMIT_S = 1500   # a hang guard, not a measurement
WANT = [rb"ACPI: PM-Timer IO Port: 0x608", rb"ACPI: Interpreter enabled",
        rb"ACPI: PM: \(supports S0 S3 S4 S5\)", rb"clocksource: acpi_pm: mask: 0xffffff",
        rb"ACPI: PM: Preparing to enter system sleep state S5", rb"reboot: Power down"]
# the kernel's PM lines for one S3 round trip (timestamps dropped)
S3_LINES = ["PM: suspend entry (deep)", "ACPI: PM: Preparing to enter system sleep state S3",
            "ACPI: PM: Saving platform NVS memory", "ACPI: PM: Low-level resume complete",
            "ACPI: PM: Restoring platform NVS memory",
            "ACPI: PM: Waking up from system sleep state S3", "PM: suspend exit"]
BAD = rb"ACPI (BIOS )?(Error|Warning)|PM-Timer (had inconsistent|running at invalid)|acpi_pm.*unstable"

def fail(msg):
    print("FAIL:", msg)
    sys.exit(1)

class Vm:
    """A pcemu process: its serial output (log) and its QMP socket."""
    def __init__(self, cmd):
        self.p = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                  stderr=subprocess.STDOUT)
        os.set_blocking(self.p.stdout.fileno(), False)
        self.log = b""
        while not os.path.exists("qmp.sock"):
            if self.p.poll() is not None:
                fail("pcemu ended: %r" % self.p.stdout.read())
            time.sleep(0.05)
        self.q = socket.socket(socket.AF_UNIX)
        self.q.connect("qmp.sock")
        self.qf = self.q.makefile("rwb")
        self.events = []
        self.recv()
        self.cmd("qmp_capabilities")

    def recv(self):
        line = self.qf.readline()
        if not line:
            fail("QMP closed; serial log ends %r" % self.log[-400:])
        return json.loads(line)

    def cmd(self, name, **args):
        self.qf.write(json.dumps({"execute": name, "arguments": args}).encode() + b"\n")
        self.qf.flush()
        while True:
            r = self.recv()
            if "event" in r:
                self.events.append(r["event"])
            else:
                return r

    def event(self, name):
        while name not in self.events:
            r = self.recv()
            if "event" in r:
                self.events.append(r["event"])
        self.events.remove(name)

    def wait(self, text):
        while text not in self.log and self.p.poll() is None and time.monotonic() - t0 < LIMIT_S:
            self.log += self.p.stdout.read() or b""
            time.sleep(0.1)
        if text not in self.log:
            fail("no %r on the serial line; log ends %r" % (text, self.log[-400:]))

    def send(self, line):
        self.p.stdin.write(line)
        self.p.stdin.flush()

def suspended(vm, how):
    vm.event("SUSPEND")
    st = vm.cmd("query-status")["return"]
    if st["status"] != "suspended" or st["running"]:
        fail("%s: query-status %r while suspended (QEMU: suspended, running false)" % (how, st))

def s3_lines(log, after):
    kern = [re.sub(r"^\[[ 0-9.]*\] ", "", l) for l in log[after:].decode("latin-1").split("\n")]
    return [l.strip() for l in kern if l.strip() in S3_LINES]

t0 = time.monotonic()
vm = Vm(CMD)
p = vm.p
vm.wait(b"linuxguest# ")
mark = len(vm.log)
vm.send(b"echo mem > /sys/power/state; echo RESUMED-$((6*7))\n")
suspended(vm, "echo mem")
r = vm.cmd("human-monitor-command", **{"command-line": "savevm asleep"})
if r.get("return"):
    fail("savevm while suspended: %r (QEMU 7.2 saves)" % r)
if vm.cmd("query-status")["return"]["status"] != "suspended":
    fail("not suspended after the savevm")
vm.cmd("system_wakeup")
vm.event("WAKEUP")
vm.wait(b"RESUMED-42")
got = s3_lines(vm.log, mark)
if got != S3_LINES:
    fail("S3 round trip: kernel lines %r, expected %r" % (got, S3_LINES))
r = vm.cmd("system_wakeup")
if r.get("error", {}).get("desc") != "Unable to wake up: guest is not in suspended state":
    fail("system_wakeup while running: %r (QEMU's error)" % r)
mark = len(vm.log)
vm.send(b"echo +2 > /sys/class/rtc/rtc0/wakealarm; echo mem > /sys/power/state; echo RTC-$((6*7))\n")
vm.event("SUSPEND")   # no query-status: the alarm may have woken it already
vm.event("WAKEUP")
vm.wait(b"RTC-42")
if s3_lines(vm.log, mark) != S3_LINES:
    fail("RTC wake-up: kernel lines %r" % s3_lines(vm.log, mark))
vm.wait(b"linuxguest# ")
vm.send(b"exit\n")      # the shell ends; init powers off
sent = True
while p.poll() is None and time.monotonic() - t0 < LIMIT_S:
    vm.log += p.stdout.read() or b""
    time.sleep(0.2)
log = vm.log
if p.poll() is None:
    p.kill()
    fail("no poweroff within %d s; log ends %r" % (LIMIT_S, log[-400:]))
log += p.stdout.read() or b""
open("serial.log", "wb").write(log)
if not sent:
    fail("never reached the shell prompt; log ends %r" % log[-400:])
if p.returncode != 0:
    fail("pcemu ended with status %d after the guest's poweroff (QEMU: 0); log ends %r" %
         (p.returncode, log[-300:]))
for w in WANT:
    if not re.search(w, log):
        fail("no kernel line %r" % w.decode())
bad = [l for l in log.split(b"\n") if re.search(BAD, l)]
if bad:
    fail("ACPI complaints: %r" % bad[:5])

# the suspended snapshot in a new process: suspended until system_wakeup
os.unlink("qmp.sock")
vm = Vm(CMD + ["-loadvm", "asleep"])
st = vm.cmd("query-status")["return"]
if st["status"] != "suspended":
    vm.cmd("quit")
    fail("the snapshot taken while suspended loads as %r" % st)
vm.cmd("system_wakeup")
vm.event("WAKEUP")
vm.wait(b"RESUMED-42")
vm.cmd("quit")
vm.p.wait()
print("ok: Linux ran with ACPI on pcemu (%s), went to S3 and back twice (system_wakeup, the "
      "RTC alarm) with the kernel's PM lines, a snapshot taken while suspended loads "
      "suspended, and it powered off through S5; pcemu exited 0 (%.0f s)"
      % (", ".join(w.decode().replace("\\", "") for w in WANT[:4]), time.monotonic() - t0))
PY
