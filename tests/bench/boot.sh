#!/bin/sh
# boot.sh: wall time from process start to the test guest's first serial line
# ("GUEST boot sector"), pcemu beside QEMU 7.2 (TCG) booting the same image with the same
# firmware (bios-256k.bin) in the same run; best of 5 each. Both write COM1 to a file that
# is polled every 0.5 ms (a stat, so the poller takes no CPU from the emulators); pcemu
# would also stop by itself at that line (-run-until serial:). Also printed: pcemu's CPU
# time for the same run, which the machine's load does not inflate.
set -u
IMG=$O/images/guest.qcow2
[ -f "$IMG" ] || { echo "no $IMG (make images)"; exit 1; }
python3 - "$PCEMU" "$IMG" "$TMPDIR_TEST" <<'PY'
import os, resource, subprocess, sys, time
pcemu, img, tmp = sys.argv[1:4]
out = os.path.join(tmp, "serial.txt")
TEXT = b"GUEST boot sector"

def first_line_ms(argv):
    if os.path.exists(out):
        os.unlink(out)
    t0 = time.monotonic()
    p = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    ms = None
    while time.monotonic() - t0 < 60:
        try:
            if os.path.getsize(out) >= len(TEXT):
                with open(out, "rb") as f:
                    if TEXT in f.read():
                        ms = (time.monotonic() - t0) * 1000
                        break
        except FileNotFoundError:
            pass
        if p.poll() is not None and ms is None:
            with open(out, "rb") as f:
                if TEXT in f.read():
                    ms = (time.monotonic() - t0) * 1000
            break
        time.sleep(0.0005)
    if p.poll() is None:
        p.kill()
    p.wait()
    if ms is None:
        sys.exit("no guest output from " + argv[0])
    return ms

pc = [pcemu, "-M", "pc", "-m", "32", "-display", "none", "-serial", "file:" + out,
      "-drive", "file=%s,format=qcow2,if=ide" % img, "-run-until", "serial:GUEST boot sector"]
qe = ["qemu-system-i386", "-M", "pc-i440fx-7.2", "-m", "32", "-nodefaults", "-display", "none",
      "-serial", "file:" + out, "-drive", "file=%s,if=ide,format=qcow2" % img]
p_ms = min(first_line_ms(pc) for _ in range(5))
q_ms = min(first_line_ms(qe) for _ in range(5))
r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
subprocess.run(pc, stdout=subprocess.DEVNULL, check=True)
r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
cpu_ms = ((r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)) * 1000
print("boot to first guest serial line (best of 5): pcemu %.0f ms, QEMU 7.2 TCG %.0f ms" % (p_ms, q_ms))
print("ratio QEMU/pcemu: %.2f (above 1: pcemu faster); pcemu CPU time for that run: %.0f ms"
      % (q_ms / p_ms, cpu_ms))
PY
