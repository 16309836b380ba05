#!/bin/sh
# linux.sh: wall time from process start to the Linux test guest's shell prompt
# ("linuxguest# " on COM1; $O/images/linux/linux.qcow2: GRUB 2, Debian 12's i386 kernel,
# the busybox initramfs running its floating-point workload), QEMU 7.2 and pcemu in the
# same run, one boot each, on the machine tests/scripts/linux_boot.sh uses (pcemu's machine
# with the FPU on, a fixed RTC). QEMU runs as users run it, TCG without -icount: that is
# the figure the ratio compares; a second QEMU line is TCG with -icount shift=3,sleep=off,
# the instruction-counted clock pcemu always has (slower on QEMU: it ends each TB to count).
# A second pcemu boot runs with PCEMU_JIT=0, the interpreter alone, to show what the
# compiled code (emu/cpu/jit.c) gives in the same run.
# The serial file is polled every 10 ms. pcemu stops by itself at the prompt; a kernel that
# finds no FPU gives up early ("no FPU found", then idles), which ends that run. Each
# process's CPU seconds are printed too, and their ratio: on a busy machine the wall times
# stretch with the load, the CPU times much less. A last table splits each boot at serial
# lines (the first time each shows in the polled file): GRUB loading the kernel and initrd,
# the kernel's XZ decompression and early set-up until its console starts, the kernel's init
# up to "evm: HMAC attrs", the multi-precision arithmetic (lib/mpi) that follows up to
# "clk: Disabling unused clocks", and the rest to the prompt.
set -u
IMG=$O/images/linux/linux.qcow2
[ -f "$IMG" ] || { echo "no $IMG (make images)"; exit 1; }
python3 - "$PCEMU" "$IMG" "$TMPDIR_TEST" <<'PY'
import os, resource, shutil, subprocess, sys, time
pcemu, img, tmp = sys.argv[1:4]
out = os.path.join(tmp, "serial.txt")
drive = os.path.join(tmp, "linux.qcow2")
PROMPT = b"linuxguest# "
# Phase boundaries: (name of the phase that ends there, its serial text).
MARKS = [("firmware + GRUB menu", b"Booting `"),
         ("GRUB loads kernel + initrd", b"KASLR disabled"),
         ("XZ decompression + early set-up", b"Linux version"),
         ("kernel init to evm", b"evm: HMAC attrs"),
         ("lib/mpi phase to clk", b"clk: Disabling unused clocks"),
         ("rest to the prompt", PROMPT)]
NO_FPU = "x86/fpu: Giving up, no FPU found"   # then the kernel idles for ever
MACHINE = ["-M", "pc-i440fx-7.2,acpi=off,hpet=off,vmport=off",
           "-cpu", "pentium2,-mmx,-apic,-pae,-mce,-mca,-vme,-de,-fxsr,-pse36,-hypervisor",
           "-m", "64", "-nodefaults", "-display", "none",
           "-rtc", "base=2024-01-01T00:00:00,clock=vm", "-no-reboot",
           "-serial", "file:" + out, "-drive", "file=%s,if=ide,format=qcow2" % drive]
ICOUNT = ["-icount", "shift=3,sleep=off"]


def serial():
    try:
        with open(out, "rb") as f:
            return f.read()
    except FileNotFoundError:
        return b""


def to_prompt(argv, env=None):
    """Seconds to the prompt (None if it never came), the process's CPU seconds, the log,
    and the seconds at which each of MARKS first showed; env: extra environment."""
    shutil.copyfile(img, drive)
    if os.path.exists(out):
        os.unlink(out)
    r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.monotonic()
    p = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                         stderr=subprocess.DEVNULL, env=dict(os.environ, **(env or {})))
    secs = None
    seen = {}
    while time.monotonic() - t0 < 1500:
        data = serial()
        for name, text in MARKS:
            if name not in seen and text in data:
                seen[name] = time.monotonic() - t0
        if PROMPT in data:
            secs = time.monotonic() - t0
            break
        if NO_FPU.encode() in data:
            break
        if p.poll() is not None:
            break
        time.sleep(0.01)
    if p.poll() is None:
        p.kill()
    p.wait()
    r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)
    return secs, cpu, serial(), seen


def last_line(log):
    lines = log.decode("latin-1").replace("\r", "").strip().splitlines()
    return lines[-1] if lines else "(no serial output)"


q, q_cpu, q_log, q_seen = to_prompt(["qemu-system-i386"] + MACHINE)
if q is None:
    sys.exit("QEMU did not reach the prompt; last serial line: " + last_line(q_log))
qi, qi_cpu, qi_log, _ = to_prompt(["qemu-system-i386"] + MACHINE + ICOUNT)
if qi is None:
    sys.exit("QEMU -icount did not reach the prompt; last serial line: " + last_line(qi_log))
p, p_cpu, p_log, p_seen = to_prompt([pcemu] + MACHINE + ICOUNT +
                            ["-run-until", "serial:" + PROMPT.decode()])
if p is None:
    sys.exit("pcemu did not reach the prompt; last serial line: " + last_line(p_log))
print("Linux boot to the shell prompt (one boot each): pcemu %.1f s (CPU %.1f s), "
      "QEMU 7.2 TCG %.1f s (CPU %.1f s); ratio QEMU/pcemu %.2f, in CPU time %.2f "
      "(above 1: pcemu faster)" % (p, p_cpu, q, q_cpu, q / p, q_cpu / p_cpu))
print("  QEMU 7.2 TCG -icount shift=3,sleep=off (pcemu's clock): %.1f s (CPU %.1f s); "
      "ratio QEMU/pcemu %.2f, in CPU time %.2f" % (qi, qi_cpu, qi / p, qi_cpu / p_cpu))
pi, pi_cpu, pi_log, pi_seen = to_prompt([pcemu] + MACHINE + ICOUNT +
                                ["-run-until", "serial:" + PROMPT.decode()], {"PCEMU_JIT": "0"})
if pi is None:
    sys.exit("pcemu PCEMU_JIT=0 did not reach the prompt; last serial line: " + last_line(pi_log))
print("  pcemu without its JIT (PCEMU_JIT=0, the interpreter alone): %.1f s (CPU %.1f s); "
      "ratio QEMU/pcemu %.2f, in CPU time %.2f" % (pi, pi_cpu, q / pi, q_cpu / pi_cpu))


def phases(seen):
    """Each phase's seconds, None where a boundary did not show."""
    out, last = [], 0.0
    for name, _ in MARKS:
        t = seen.get(name)
        out.append(None if t is None or last is None else t - last)
        last = t
    return out


print("  phases (s, wall, polled every 10 ms)       QEMU    pcemu   QEMU/pcemu   PCEMU_JIT=0")
for (name, _), dq, dp, di in zip(MARKS, phases(q_seen), phases(p_seen), phases(pi_seen)):
    if dq is None or dp is None or di is None:
        print("    %-36s  (a boundary did not show)" % name)
    else:
        print("    %-36s %6.2f  %7.2f   %5.2f      %7.2f" % (name, dq, dp, dq / dp if dp > 0 else 0.0,
                                                          di))
PY
