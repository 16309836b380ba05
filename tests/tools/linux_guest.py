"""linux_guest.py: run the Linux test guest ($O/images/linux/linux.qcow2) on an emulator,
type one shell command at its prompt and keep the serial log up to an end line, for the
scripted tests that have the guest read a device (floppy_linux.sh, cdrom_linux.sh).
Input goes in only after the prompt is seen and the run ends at the end line, so nothing
depends on host speed (HANG only ends a hung run)."""
import os, select, shutil, subprocess, sys, time

# The machine whose sections pcemu's equal, with the clock and RTC that make runs repeat.
MACHINE = ["-M", "pc-i440fx-7.2,acpi=off,hpet=off,vmport=off",
           "-cpu", "pentium2,-mmx,-apic,-pae,-mce,-mca,-vme,-de,-fxsr,-pse36,-hypervisor",
           "-m", "64", "-nodefaults", "-display", "none", "-icount", "shift=3,sleep=off",
           "-rtc", "base=2024-01-01T00:00:00,clock=vm", "-no-reboot"]
PROMPT = b"linuxguest# "
HANG = 1800   # seconds: a hang guard, far above a run on a loaded 2-core host


class GuestFailed(Exception):
    pass


def run(name, argv, img, command, end):
    """Boots argv (emulator and options, MACHINE included by the caller) with a copy of
    img as the IDE disk and the serial port on stdio, types command (bytes, ending in a
    newline) at the first prompt and returns the serial log (bytes) up to end (bytes, a
    whole line), also written to NAME.log; raises GuestFailed when the guest stops first."""
    shutil.copy(img, name + ".qcow2")   # QEMU's IDE disks cannot be read-only
    argv = argv + ["-drive", "file=%s.qcow2,if=ide,format=qcow2" % name]
    err = open(name + ".err", "wb")
    p = subprocess.Popen(argv + ["-serial", "stdio"], stdin=subprocess.PIPE,
                         stdout=subprocess.PIPE, stderr=err)
    log, sent = b"", False
    while end + b"\r\n" not in log:
        ready, _, _ = select.select([p.stdout], [], [], HANG)
        d = os.read(p.stdout.fileno(), 65536) if ready else b""
        if not d:
            p.kill()
            raise GuestFailed("%s: the guest stopped before %s (exit %s: %s); log ends %r" %
                              (name, end.decode(), p.wait(),
                               open(name + ".err", "rb").read().decode(errors="replace"),
                               log[-400:]))
        log += d
        if not sent and PROMPT in log:
            p.stdin.write(command)
            p.stdin.flush()
            sent = True
    p.kill()
    p.wait()
    open(name + ".log", "wb").write(log)
    return log


def fail(msg):
    print("FAIL: " + msg)
    sys.exit(1)


def on_both(run, pcemu, qemu, machine, what):
    """run(name, argv) on pcemu, then on QEMU when qemu is not empty: the two results
    (what names them) must be equal."""
    p = run("pcemu", [pcemu] + machine)
    if not qemu:
        print("qemu-system-i386 missing: the QEMU run is skipped")
        return
    q = run("qemu", [qemu] + machine)
    if p != q:
        fail("the %s differ: pcemu %r, QEMU %r" % (what, p, q))
    print("QEMU 7.2: the same sums and the same %s" % what)


def run_lines(name, argv, img, command, end):
    """run(), its log as stripped text lines and the seconds it took; a guest that stops
    first fails the test."""
    start = time.time()
    try:
        log = run(name, argv, img, command, end)
    except GuestFailed as e:
        fail(str(e))
    return [l.strip() for l in log.decode(errors="replace").splitlines()], time.time() - start
