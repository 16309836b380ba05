#!/bin/sh
# machine_default_qemu.sh: pcemu's default machine is QEMU 7.2's `-M pc -nodefaults` (ACPI,
# HPET, vmport, CPU qemu32 with its local APIC), checked against qemu-system-i386 itself:
#   1. a machine just reset (-S, -m 32, -serial null, the RTC on the virtual clock), saved on both: the same sections with
#      the same section ids in the same order, the same RAM blocks at the same sizes, and
#      every section equal field by field (pcemu-img vmstate dump) but for the fields of
#      KNOWN below, each with its reason;
#   2. QEMU's ordinary snapshot of the test guest ($O/images/guest.qcow2), taken with the
#      plain command line (-M pc -nodefaults -m 32 -drive ...,if=ide -serial file:...) in the
#      guest's protected-mode loop: pcemu -loadvm's it with the same command line and the
#      guest's lines continue where QEMU's stopped; pcemu's snapshot after two more rounds
#      goes back into QEMU, whose lines continue from pcemu's.
# The Linux guest's cross-load on this machine is linux_acpi.sh's.
set -u
command -v qemu-system-i386 >/dev/null || { echo "qemu-system-i386 missing"; exit 77; }
command -v qemu-img >/dev/null || { echo "qemu-img missing"; exit 77; }
IMG=$(pwd)/$O/images/guest.qcow2
[ -f "$IMG" ] || { echo "no $IMG (make images)"; exit 1; }
cd "$TMPDIR_TEST"
exec python3 -u - "$PCEMU" "$PCEMU_IMG" "$IMG" <<'PY'
import json, os, re, shutil, subprocess, sys, time

PCEMU, PCEMU_IMG, GUEST = sys.argv[1:4]
PLAIN = ["-M", "pc", "-nodefaults", "-display", "none"]
QEMU = ["qemu-system-i386"] + PLAIN
PC = [PCEMU] + PLAIN
# Fields of a machine just reset that differ, and why.
KNOWN = [
    # QEMU's virtual clock at -S: cpu_clock_offset follows the host clock it started on;
    # pcemu's starts at 0 (its clock counts instructions).
    "timer/cpu_clock_offset",
    # pcemu's clock is QEMU's -icount: its timer section carries the subsection QEMU sends
    # with -icount only.
    "timer/timer/icount",
    # 0x10, CPU_INTERRUPT_POLL: QEMU's APIC reset runs outside the vCPU thread and asks it
    # to poll the APIC; pcemu's CPU looks at its APIC between instructions and has no flag.
    "cpu_common/interrupt_request",
    # channels 1 and 2 drive no timer: QEMU never sets the field (0 from the start), pcemu
    # says "none" (-1); neither reads it (the reduced machine's streams have the same -1)
    "i8254/channels[1]/next_transition_time", "i8254/channels[2]/next_transition_time",
    # QEMU saved a machine that never ran ("prelaunch"); pcemu's -snapshot save records the
    # state the snapshot resumes in ("running")
    "globalstate/runstate", "globalstate/size",
]

def fail(msg):
    print("FAIL:", msg[:2000])
    sys.exit(1)

def blank(name):
    subprocess.run(["qemu-img", "create", "-q", "-f", "qcow2", name, "16M"], check=True)
    return ["-drive", "file=%s,if=ide,format=qcow2" % name]

def dump(qcow, snap):
    r = subprocess.run([PCEMU_IMG, "vmstate", "dump", qcow, snap], stdout=subprocess.PIPE,
                       stderr=subprocess.STDOUT, text=True)
    if r.returncode:
        fail("vmstate dump %s %s: %s" % (qcow, snap, r.stdout))
    return json.loads(r.stdout)

def monitor(argv, cmds, what):
    r = subprocess.run(argv + ["-monitor", "stdio"], input=cmds, stdout=subprocess.PIPE,
                       stderr=subprocess.STDOUT, text=True, timeout=900)
    if r.returncode:
        fail("%s: status %d: %s" % (what, r.returncode, r.stdout[-500:]))
    return r.stdout

# 1. just reset
# the RTC on the virtual clock from a fixed date, so that its registers and timers compare
RESET = ["-m", "32", "-S", "-serial", "null", "-rtc", "base=2020-01-01,clock=vm"]
monitor(QEMU + RESET + blank("qr.qcow2"), "savevm s\nquit\n", "QEMU savevm at reset")
r = subprocess.run(PC + RESET + ["-snapshot", "save", "s"] +
                   blank("pr.qcow2"), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
if r.returncode:
    fail("pcemu save at reset: %s" % r.stdout)
q, p = dump("qr.qcow2", "s"), dump("pr.qcow2", "s")
if list(q) != list(p):
    fail("sections and ids differ:\n QEMU  %s\n pcemu %s" % (list(q), list(p)))
if q["ram (2)"]["section sizes"] != p["ram (2)"]["section sizes"]:
    fail("RAM blocks differ: QEMU %s, pcemu %s" % (q["ram (2)"]["section sizes"],
                                                   p["ram (2)"]["section sizes"]))
def leaves(v, path, out):
    if isinstance(v, dict):
        for k in v:
            leaves(v[k], path + "/" + k, out)
    elif isinstance(v, list):
        for i, x in enumerate(v):
            leaves(x, "%s[%d]" % (path, i), out)
    else:
        out[path] = v
    return out

known = []
for sec in q:
    if sec.startswith("ram ("):
        continue
    name = sec.rsplit(" (", 1)[0]
    lq, lp = leaves(q[sec], name, {}), leaves(p[sec], name, {})
    for f in sorted(set(lq) | set(lp)):
        if lq.get(f) == lp.get(f):
            continue
        k = next((k for k in KNOWN if f.startswith(k)), None)
        if not k:
            fail("%s: %s: QEMU %s, pcemu %s" % (sec, f, lq.get(f), lp.get(f)))
        if k not in known:
            known.append(k)
print("ok: at reset %d sections, ids and RAM blocks equal QEMU's (%s); equal field by field "
      "but for %s" % (len(q), ", ".join("%s %s" % kv for kv in q["ram (2)"]["section sizes"].items()),
                      ", ".join(known) or "nothing"))

# 2. the test guest: QEMU -> pcemu -> QEMU
def text(path):
    return open(path, errors="replace").read().replace("\r", "") if os.path.exists(path) else ""

def run_to(argv, out, line, what):
    """Runs argv with a monitor on stdin until out shows line, then stops the machine,
    saves it as snapshot 'x' and quits. Returns the serial text at the stop."""
    p = subprocess.Popen(argv + ["-serial", "file:" + out, "-monitor", "stdio"],
                         stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    end = time.monotonic() + 900   # a hang guard only
    while line not in text(out):
        if p.poll() is not None or time.monotonic() > end:
            p.kill()
            fail("%s: never printed %r: %r" % (what, line, text(out)[-300:]))
        time.sleep(0.05)
    mon = p.communicate(b"stop\nsavevm x\nquit\n", timeout=900)[0].decode(errors="replace")
    if p.returncode or "Error" in mon:
        fail("%s: savevm: status %d, %s" % (what, p.returncode, mon[-400:]))
    return text(out)

def rounds(s):
    return [int(n, 16) for n in re.findall(r"GUEST iter ([0-9a-f]{8})", s)]

shutil.copy(GUEST, "g.qcow2")
drive = ["-m", "32", "-drive", "file=g.qcow2,if=ide,format=qcow2"]
def after(s, n):
    """The line of the n-th round after the last one in s: the monitor's stop lands some
    rounds after the line it waited for (host timing), so each run waits for rounds
    counted from where the previous one really stopped."""
    return "GUEST iter %08x" % (rounds(s)[-1] + n)

q1 = run_to(QEMU + drive, "q1.txt", "GUEST iter 00000001", "QEMU")
p2 = run_to(PC + drive + ["-loadvm", "x"], "p2.txt", after(q1, 2), "pcemu after QEMU")
q3 = run_to(QEMU + drive + ["-loadvm", "x"], "q3.txt", after(p2, 2), "QEMU after pcemu")
a, b, c = rounds(q1), rounds(p2), rounds(q3)
if not b or b[0] != a[-1] + 1 or b != list(range(b[0], b[-1] + 1)):
    fail("pcemu did not continue QEMU's rounds: QEMU %s, pcemu %s" % (a, b))
if not c or c[0] != b[-1] + 1 or c != list(range(c[0], c[-1] + 1)):
    fail("QEMU did not continue pcemu's rounds: pcemu %s, QEMU %s" % (b, c))
if "boot sector" in p2 or "boot sector" in q3:
    fail("a loaded run booted again instead of continuing: %r, %r" % (p2[:200], q3[:200]))
print("ok: test guest QEMU (rounds %s) -> pcemu (%s) -> QEMU (%s)" % (a, b, c))
PY
