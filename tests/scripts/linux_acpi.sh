#!/bin/sh
# linux_acpi.sh: the Linux test guest ($O/images/linux/linux.qcow2) on pcemu with
# -machine acpi=on: SeaBIOS installs QEMU's ACPI tables from the table-loader and relocates
# SMBASE through one SMI; the kernel takes them (PM timer at 0x608 as QEMU's FADT says, the
# interpreter enabled, S3/S4/S5 as QEMU's DSDT offers them), registers
# the acpi_pm clocksource without complaint, and when its shell exits, images/linux/init's
# "poweroff -f" goes through ACPI S5: pcemu must then end by itself with status 0, as QEMU
# ends on a guest poweroff. No kernel line may report an ACPI error or warning.
set -u
IMG=$O/images/linux/linux.qcow2
[ -f "$IMG" ] || { echo "no $IMG (make images)"; exit 1; }
cp "$IMG" "$TMPDIR_TEST/l.qcow2"
cd "$TMPDIR_TEST"
exec python3 -u - "$PCEMU" <<'PY'
import os, re, subprocess, sys, time

PCEMU = sys.argv[1]
CMD = [PCEMU, "-M", "pc-i440fx-7.2,acpi=on,hpet=off,vmport=off",
       "-cpu", "pentium2,-mmx,-apic,-pae,-mce,-mca,-vme,-de,-fxsr,-pse36,-hypervisor",
       "-m", "64", "-nodefaults", "-display", "none", "-icount", "3",
       "-rtc", "base=2024-01-01T00:00:00", "-no-reboot",
       "-drive", "file=l.qcow2,if=ide,format=qcow2", "-serial", "stdio"]
LIMIT_S = 1500   # a hang guard, not a measurement
WANT = [rb"ACPI: PM-Timer IO Port: 0x608", rb"ACPI: Interpreter enabled",
        rb"ACPI: PM: \(supports S0 S3 S4 S5\)", rb"clocksource: acpi_pm: mask: 0xffffff",
        rb"ACPI: PM: Preparing to enter system sleep state S5", rb"reboot: Power down"]
BAD = rb"ACPI (BIOS )?(Error|Warning)|PM-Timer (had inconsistent|running at invalid)|acpi_pm.*unstable"

def fail(msg):
    print("FAIL:", msg)
    sys.exit(1)

t0 = time.monotonic()
p = subprocess.Popen(CMD, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
os.set_blocking(p.stdout.fileno(), False)
log, sent = b"", False
while p.poll() is None and time.monotonic() - t0 < LIMIT_S:
    log += p.stdout.read() or b""
    if not sent and b"linuxguest# " in log:
        p.stdin.write(b"exit\n")      # the shell ends; init powers off
        p.stdin.flush()
        sent = True
    time.sleep(0.2)
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
print("ok: Linux ran with ACPI on pcemu (%s) and powered off through S5; pcemu exited 0 "
      "(%.0f s)" % (", ".join(w.decode().replace("\\", "") for w in WANT[:4]),
                    time.monotonic() - t0))
PY
