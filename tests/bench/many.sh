#!/bin/sh
# many.sh (make bench): issue 17 item 5, many machines from one snapshot. The guest is
# tests/bench/lazy_fill.asm at -m 512 using 96 MiB (as lazy.sh's "line"), saved at FILLED.
#   pcemu: eight processes started at once with -snapshot -loadvm s1 on ONE image, each
#          run until it printed LINES lines of its own (it reads its first MiB above 1 MiB
#          once per line);
#   QEMU:  QEMU 7.2 cannot -loadvm under -snapshot (its temporary overlay has no
#          snapshots), so eight sequential -loadvm s1 runs on eight copies of the image
#          (copying not counted), each to the same line.
# Reported: the total wall time from the first start to the last machine's line, and the
# RSS of each machine when it reached its line, summed; pcemu's CPU time beside (load on
# the shared host does not inflate it). One run each: eight machines are already eight
# samples.
set -u
command -v qemu-system-i386 >/dev/null || { echo "qemu-system-i386 missing"; exit 77; }
command -v nasm >/dev/null || { echo "nasm missing"; exit 77; }
ROOT=$(pwd)
PCEMU=${PCEMU:-$ROOT/o/bin/pcemu}
W=$(mktemp -d "${TMPDIR:-/tmp}/pcemu-bench-many.XXXXXX")
trap 'rm -rf "$W"' EXIT
export TMPDIR="$W"                # the overlays' temporary files
nasm -f bin -i "$ROOT/tests/data/" -DFILL_MIB=95 -o "$W/fill.bin" "$ROOT/tests/bench/lazy_fill.asm" ||
    exit 1
python3 - "$PCEMU" "$W" <<'PY'
import os, resource, shutil, subprocess, sys, time
pcemu, w = sys.argv[1:3]
N, LINES, MIB = 8, 4, 512
COMMON = ["-m", str(MIB), "-nodefaults", "-display", "none", "-bios", w + "/fill.bin"]
Q = ["qemu-system-i386", "-M", "pc-i440fx-7.2"] + COMMON
P = [pcemu] + COMMON

def lines_in(path):
    try:
        with open(path, "rb") as f:
            return f.read().count(b"\n")
    except FileNotFoundError:
        return 0

def vm_rss_mib(pid):
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0

def run_all(argvs, outs, at_once):
    """Starts the machines (all at once, or each after the previous reached its line),
    waits until each has printed LINES lines, records its RSS then and ends it. Returns
    the wall time from the first start to the last line and the summed RSS."""
    for o in outs:
        if os.path.exists(o):
            os.unlink(o)
    t0 = time.monotonic()
    rss = 0.0
    groups = [list(range(len(argvs)))] if at_once else [[i] for i in range(len(argvs))]
    for g in groups:
        procs = {i: subprocess.Popen(argvs[i], stdin=subprocess.DEVNULL,
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                 for i in g}
        while procs:
            if time.monotonic() - t0 > 600:
                sys.exit("machines did not reach line %d" % LINES)
            for i, p in list(procs.items()):
                if lines_in(outs[i]) >= LINES:
                    rss += vm_rss_mib(p.pid)
                    p.kill()
                    p.wait()
                    del procs[i]
                elif p.poll() is not None:
                    sys.exit("machine %d exited with %d" % (i, p.returncode))
            time.sleep(0.0005)
    return time.monotonic() - t0, rss

# the snapshots: pcemu's by -snapshot save at FILLED, QEMU's by its monitor
subprocess.run(["qemu-img", "create", "-q", "-f", "qcow2", w + "/p.qcow2", "64M"], check=True)
subprocess.run(P + ["-serial", "file:%s/ps.txt" % w, "-drive", "file=%s/p.qcow2,format=qcow2" % w,
                    "-run-until", "serial:FILLED", "-snapshot", "save", "s1"],
               stderr=subprocess.DEVNULL, check=True)
subprocess.run(["qemu-img", "create", "-q", "-f", "qcow2", w + "/q.qcow2", "64M"], check=True)
qs = subprocess.Popen(Q + ["-serial", "file:%s/qs.txt" % w, "-drive",
                           "file=%s/q.qcow2,format=qcow2" % w, "-monitor", "stdio"],
                      stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
while lines_in(w + "/qs.txt") < 1:
    time.sleep(0.001)
qs.communicate(b"stop\nsavevm s1\nquit\n")
for i in range(N):
    shutil.copyfile(w + "/q.qcow2", "%s/q%d.qcow2" % (w, i))

outs = ["%s/out%d.txt" % (w, i) for i in range(N)]
qemu = [Q + ["-serial", "file:" + outs[i], "-drive", "file=%s/q%d.qcow2,format=qcow2" % (w, i),
             "-loadvm", "s1"] for i in range(N)]
mine = [P + ["-snapshot", "-serial", "file:" + outs[i], "-drive",
             "file=%s/p.qcow2,format=qcow2" % w, "-loadvm", "s1"] for i in range(N)]
before = os.stat(w + "/p.qcow2").st_mtime_ns
qt, qr = run_all(qemu, outs, False)
c0 = resource.getrusage(resource.RUSAGE_CHILDREN)
pt, pr = run_all(mine, outs, True)
c1 = resource.getrusage(resource.RUSAGE_CHILDREN)
cpu = (c1.ru_utime + c1.ru_stime) - (c0.ru_utime + c0.ru_stime)
if os.stat(w + "/p.qcow2").st_mtime_ns != before:
    sys.exit("the -snapshot image was written")
print("many    -m %d, %d machines from one snapshot to their line %d: QEMU (sequential, %d "
      "copies) %6.2f s, RSS %6.0f MiB   pcemu (at once, -snapshot, one image) %6.2f s "
      "(CPU %5.2f s), RSS %6.0f MiB   ratio %.2f time, %.2f RSS" %
      (MIB, N, LINES, N, qt, qr, pt, cpu, pr, pt / qt, pr / qr))
PY
