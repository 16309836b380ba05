#!/bin/sh
# lazy.sh (make bench): issue 17 items 3-7, pcemu beside QEMU 7.2 (TCG) in the same run,
# with the same -bios program (tests/bench/lazy_fill.asm: fills 95 MiB above 1 MiB, so the
# guest uses 96 MiB, prints FILLED, then prints a line each time it has summed its first
# MiB above 1 MiB; FILL_MIB=0 gives an idle guest that touches nothing). Times are wall
# time, best of 3 (the host is shared); pcemu's CPU time beside, which load does not
# inflate. RSS is VmRSS from /proc. Lines:
#   start:   a new process with -loadvm to its first guest instruction (pcemu: -run-until
#            icount:1, exec to exit; QEMU: -loadvm -S answering a monitor 'quit'), for
#            -m 32 (idle), 512 and 3072 (96 MiB used). Target: pcemu <= 15 ms.
#   line:    a new process with -loadvm to the guest's next serial line (both poll the
#            serial file), -m 512 with 96 MiB used; RSS at that line. Target: <= 0.25x QEMU.
#   idle:    savevm (QMP snapshot-save, timed to the job's end) of an idle -m 1024 guest,
#            and RSS before and after. Target: <= 0.1 s, RSS does not grow.
#   partial: savevm of a guest using 96 MiB of 512, without and with a sync(1) before.
#            Target: <= 0.5x QEMU.
#   rss:     RSS of the running 96-MiB-of-512 guest. Target: <= 96 MiB + 16 MiB.
set -u
command -v qemu-system-i386 >/dev/null || { echo "qemu-system-i386 missing"; exit 77; }
command -v nasm >/dev/null || { echo "nasm missing"; exit 77; }
ROOT=$(pwd)
PCEMU=${PCEMU:-$ROOT/o/bin/pcemu}
W=$(mktemp -d "${TMPDIR:-/tmp}/pcemu-bench-lazy.XXXXXX")
trap 'rm -rf "$W"' EXIT
for f in 95 16 0; do
    nasm -f bin -i "$ROOT/tests/data/" -DFILL_MIB=$f -o "$W/fill$f.bin" \
        "$ROOT/tests/bench/lazy_fill.asm" || exit 1
done
python3 - "$PCEMU" "$W" <<'PY'
import json, os, resource, socket, subprocess, sys, time
pcemu, w = sys.argv[1:3]
Q = ["qemu-system-i386", "-M", "pc-i440fx-7.2", "-nodefaults", "-display", "none"]
P = [pcemu, "-nodefaults", "-display", "none"]

def cpu_children():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime

def rss_mib(pid):
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0

def wait_text(path, text, t0, limit=120):
    while time.monotonic() - t0 < limit:
        try:
            if os.path.getsize(path) >= len(text):
                with open(path, "rb") as f:
                    if text in f.read():
                        return time.monotonic() - t0
        except FileNotFoundError:
            pass
        time.sleep(0.0005)
    sys.exit("no %r in %s" % (text, path))

def img(path):
    subprocess.run(["qemu-img", "create", "-q", "-f", "qcow2", path, "64M"], check=True)

class Qmp:
    def __init__(self, argv, sock, serial):
        if os.path.exists(serial):
            os.unlink(serial)
        self.p = subprocess.Popen(argv + ["-qmp", "unix:%s,server=on,wait=off" % sock],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wait_text(serial, b"FILLED", time.monotonic())
        self.s = socket.socket(socket.AF_UNIX)
        self.s.connect(sock)
        self.f = self.s.makefile("rwb", buffering=0)
        self.rd()
        self.cmd("qmp_capabilities")
    def rd(self):
        return json.loads(self.f.readline())
    def cmd(self, name, args=None, job=None):
        req = {"execute": name}
        if args:
            req["arguments"] = args
        self.f.write((json.dumps(req) + "\n").encode())
        replied = done = False
        while not (replied and (job is None or done)):
            m = self.rd()
            if "error" in m:
                sys.exit("%s: %s" % (name, m["error"]["desc"]))
            replied = replied or "return" in m
            if (m.get("event") == "JOB_STATUS_CHANGE" and m["data"]["id"] == job and
                    m["data"]["status"] == "concluded"):
                done = True
        if job:
            self.cmd("job-dismiss", {"id": job})
    def save(self, tag, dev):
        t = time.monotonic()
        self.cmd("snapshot-save", {"job-id": "s" + tag, "tag": tag, "vmstate": dev,
                                   "devices": [dev]}, job="s" + tag)
        return time.monotonic() - t
    def delete(self, tag, dev):
        self.cmd("snapshot-delete", {"job-id": "d" + tag, "tag": tag, "devices": [dev]},
                 job="d" + tag)
    def quit(self):
        self.cmd("quit")
        self.p.wait()

def machine(who, mib, fill, disk):
    base = Q if who == "QEMU" else P
    return base + ["-m", str(mib), "-bios", "%s/fill%d.bin" % (w, fill), "-serial",
                   "file:%s/%s.txt" % (w, who), "-drive",
                   "file=%s,if=ide,format=qcow2%s" % (disk, ",node-name=disk0" if who == "QEMU" else "")]

DEV = {"QEMU": "disk0", "pcemu": "ide0-hd0"}

def snapshot(who, mib, fill, disk):
    """Runs the guest to FILLED, stops it and saves snapshot s1 (QMP, both)."""
    img(disk)
    q = Qmp(machine(who, mib, fill, disk), "%s/%s.sock" % (w, who), "%s/%s.txt" % (w, who))
    q.cmd("stop")
    q.save("s1", DEV[who])
    q.quit()

def best(f, n=3):
    rs = [f() for _ in range(n)]
    return min(rs, key=lambda r: r[0])

def ratio(p, q):
    return p / q if q else float("inf")

# ---- start: -loadvm to the first guest instruction ----
for mib, fill in ((32, 16), (512, 95), (3072, 95)):
    dq, dp = "%s/q%d.qcow2" % (w, mib), "%s/p%d.qcow2" % (w, mib)
    snapshot("QEMU", mib, fill, dq)
    snapshot("pcemu", mib, fill, dp)
    def qemu_start():
        t = time.monotonic()
        subprocess.run(machine("QEMU", mib, fill, dq) + ["-loadvm", "s1", "-S", "-monitor", "stdio"],
                       input=b"quit\n", stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                       check=True)
        return (time.monotonic() - t, 0)
    def pcemu_start(extra):
        c0 = cpu_children()
        t = time.monotonic()
        subprocess.run(machine("pcemu", mib, fill, dp) + extra + ["-run-until", "icount:1"],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        return (time.monotonic() - t, cpu_children() - c0)
    q = best(qemu_start)
    p = best(lambda: pcemu_start(["-loadvm", "s1"]))
    b = best(lambda: pcemu_start([]))
    print("start   -m %-5d QEMU %7.1f ms   pcemu %6.1f ms (CPU %5.1f ms; without -loadvm %5.1f ms, "
          "CPU %5.1f ms)  ratio %.2f  (target: pcemu <= 15 ms)" %
          (mib, q[0] * 1e3, p[0] * 1e3, p[1] * 1e3, b[0] * 1e3, b[1] * 1e3, ratio(p[0], q[0])))

# ---- line: -loadvm to the next guest output line, and RSS there ----
def next_line(who, disk, extra=()):
    out = "%s/%s.txt" % (w, who)
    if os.path.exists(out):
        os.unlink(out)
    c0 = cpu_children()
    t0 = time.monotonic()
    p = subprocess.Popen(machine(who, 512, 95, disk) + ["-loadvm", "s1"] + list(extra),
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    t = wait_text(out, b"\n", t0)
    rss = rss_mib(p.pid)
    p.kill()
    p.wait()
    return (t, rss, cpu_children() - c0)

q = best(lambda: next_line("QEMU", "%s/q512.qcow2" % w))
p = best(lambda: next_line("pcemu", "%s/p512.qcow2" % w))
print("line    -m 512  QEMU %7.1f ms (RSS %5.0f MiB)   pcemu %6.1f ms (RSS %5.0f MiB, CPU %5.1f ms)  "
      "ratio %.2f  (target <= 0.25)" % (q[0] * 1e3, q[1], p[0] * 1e3, p[1], p[2] * 1e3,
                                        ratio(p[0], q[0])))

# ---- idle: savevm of an idle 1 GiB guest, RSS before and after ----
for who in ("QEMU", "pcemu"):
    disk = "%s/idle-%s.qcow2" % (w, who)
    img(disk)
    m = Qmp(machine(who, 1024, 0, disk), "%s/%s.sock" % (w, who), "%s/%s.txt" % (w, who))
    m.cmd("stop")
    r0 = rss_mib(m.p.pid)
    t = min(m.save("i%d" % k, DEV[who]) for k in range(3))
    r1 = rss_mib(m.p.pid)
    m.quit()
    print("idle    -m 1024 %-5s savevm %6.3f s   RSS %6.0f -> %6.0f MiB%s" %
          (who, t, r0, r1, "  (target: <= 0.1 s, RSS does not grow)" if who == "pcemu" else ""))

# ---- partial: savevm of 96 MiB used of 512, without and with a sync; rss ----
res = {}
for who in ("QEMU", "pcemu"):
    disk = "%s/part-%s.qcow2" % (w, who)
    img(disk)
    m = Qmp(machine(who, 512, 95, disk), "%s/%s.sock" % (w, who), "%s/%s.txt" % (w, who))
    m.cmd("stop")
    res[who, "rss"] = rss_mib(m.p.pid)
    for sync in (False, True):
        ts = []
        for k in range(3):
            if sync:
                os.sync()
            ts.append(m.save("p%d" % k, DEV[who]))
            m.delete("p%d" % k, DEV[who])
        res[who, sync] = min(ts)
    m.quit()
for sync in (False, True):
    q, p = res["QEMU", sync], res["pcemu", sync]
    print("partial -m 512  96 MiB used, %-10s QEMU %6.3f s   pcemu %6.3f s   ratio %.2f  "
          "(target <= 0.5)" % ("sync first" if sync else "no sync", q, p, ratio(p, q)))
print("rss     -m 512  96 MiB used, running: QEMU %5.0f MiB   pcemu %5.0f MiB  "
      "(target: pcemu <= 96 + 16 MiB)" % (res["QEMU", "rss"], res["pcemu", "rss"]))

PY
