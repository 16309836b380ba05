#!/bin/sh
# monitor_qemu_cmds.sh: the monitors' commands against QEMU 7.2, both machines spelt the
# same (-M pc-i440fx-7.2,acpi=off,hpet=off,vmport=off -cpu pentium2,-mmx,...), stopped at
# the reset vector (-S) with one qcow2 IDE disk, an option ROM, a debugcon on a -chardev
# and a serial port on a file.
# 1. HMP commands through QMP's human-monitor-command: info pci, pic, irq, roms, block, chardev,
#    lapic, history, help CMD (the monitor socket's name is the one difference), errors ('Try "help p"'), and 300 x/xp/print commands with
#    random formats, sizes, counts, addresses (RAM, BIOS ROM, its low alias, the option ROM
#    area) and register expressions, seed 16: the texts must be equal; 'info cpus' and
#    'info version' differ only in the thread id and the version/package (QEMU's Debian
#    build), 'info block' only in the automatic node name.
# 2. QMP: the query commands (equal after removing what differs by design: version,
#    package, thread ids, node names, KVM "present", the machine list; also
#    query-memory-size-summary), argument and JSON
#    errors (each reply equal), snapshot-save with the node name query-block reports.
# 3. info blockstats and query-blockstats after SeaBIOS tried to boot from a floppy, the
#    disk and a CD (both running, no -S).
set -u
command -v qemu-system-i386 >/dev/null || { echo "qemu-system-i386 missing"; exit 77; }
command -v qemu-img >/dev/null || { echo "qemu-img missing"; exit 77; }
cd "$TMPDIR_TEST"
fail() { echo "FAIL: $*"; exit 1; }
qemu-img create -q -f qcow2 q.qcow2 16M
qemu-img create -q -f qcow2 p.qcow2 16M
# an option ROM: 0x55AA, 4 blocks (2 KiB), a far return
python3 -c "import sys; b=bytearray(2048); b[0:3]=b'\x55\xaa\x04'; b[3]=0xcb; b[-1]=(-sum(b))&0xff; open('rom.bin','wb').write(b)"

cat >cmp.py <<'PY'
import json, os, random, socket, subprocess, sys, time
pcemu, tmp = sys.argv[1], sys.argv[2]
MACH = ["-M", "pc-i440fx-7.2,acpi=off,hpet=off,vmport=off", "-cpu",
        "pentium2,-mmx,-apic,-pae,-mce,-mca,-vme,-de,-fxsr,-pse36,-hypervisor",
        "-m", "32", "-nodefaults", "-display", "none", "-S", "-option-rom", tmp + "/rom.bin",
        "-chardev", "file,id=dbg,path=" + tmp + "/dbg.txt", "-device",
        "isa-debugcon,iobase=0x402,chardev=dbg", "-serial", "file:" + tmp + "/ser.txt"]

class Session:
    def __init__(self, exe, disk, sock):
        self.sock = sock
        self.p = subprocess.Popen([exe] + MACH + ["-drive", "file=%s,if=ide,format=qcow2" % disk,
                                  "-qmp", "unix:%s,server=on,wait=off" % sock],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for _ in range(6000):   # 10 minutes: only a hung emulator, however busy the host
            try:
                self.s = socket.socket(socket.AF_UNIX); self.s.connect(sock); break
            except OSError:
                time.sleep(0.1)
        else:
            sys.exit("cannot connect to " + sock)
        self.f = self.s.makefile("rwb", buffering=0)
        self.read()
    def read(self):
        while True:
            m = json.loads(self.f.readline())
            if "event" not in m:
                return m
    def raw(self, line):
        self.f.write(line.encode() + b"\n")
        return self.read()
    def cmd(self, name, args=None):
        req = {"execute": name}
        if args is not None:
            req["arguments"] = args
        return self.raw(json.dumps(req))
    def hmp(self, line):
        m = self.cmd("human-monitor-command", {"command-line": line})
        return m.get("return", m.get("error"))
    def quit(self):
        self.cmd("quit"); self.p.wait()

q = Session("qemu-system-i386", tmp + "/q.qcow2", tmp + "/q.sock")
p = Session(pcemu, tmp + "/p.qcow2", tmp + "/p.sock")
bad = 0
def differ(what, a, b):
    global bad
    bad += 1
    print("DIFFERENT:", what); print("  QEMU: ", repr(a)); print("  pcemu:", repr(b))

# before negotiation, then the greeting's capabilities
for line in ['{"execute":"query-status"}', '{"execute":"qmp_capabilities","arguments":{"x":1}}',
             '{"execute":"qmp_capabilities"}']:
    a, b = q.raw(line), p.raw(line)
    if a != b:
        differ(line, a, b)

# 1. HMP
cmds = ["info pci", "info pic", "info irq", "info roms", "info lapic", "info chardev", "help x",
        "help info pci", "help nosuch", "help print", "info status x", "p $foo", "x /4z 0",
        "p 10/0", "print 1 +", "info history", "p $cs", "p $cs.base", "p $pc", "p /x $edx",
        "p /d $eflags", "p (1+2)*3-4/2%3", "p ~0 & 0xff | 0x100 ^ 1", "p 'A'", "p -1"]
rng = random.Random(16)
areas = [(0, 0x2000), (0xf0000, 0x10000), (0xfffc0000, 0x40000), (0xc0000, 0x1000)]
for _ in range(300):
    base, size = rng.choice(areas)
    addr = base + rng.randrange(size - 128)
    fmt = "/" + (str(rng.randrange(1, 40)) if rng.random() < 0.8 else "") + \
          rng.choice(["", "x", "d", "u", "o", "c"]) + rng.choice(["", "b", "h", "w", "g"])
    kind = rng.choice(["x", "xp", "p"])
    if kind == "p":
        cmds.append("p %s %s" % (fmt.lstrip("/0123456789") and "/" + fmt.lstrip("/0123456789") or "",
                                 rng.choice(["$eax", "$edx", "$eip", "$pc", "$ss", "-5",
                                             hex(addr), "$edx*3+7"])))
    else:
        cmds.append("%s %s %s" % (kind, fmt if fmt != "/" else "", hex(addr)))
n_same = 0
for c in cmds:
    a, b = q.hmp(c), p.hmp(c).replace("p.sock", "q.sock")
    if a == b:
        n_same += 1
    else:
        differ(c, a, b)
a, b = q.hmp("info cpus"), p.hmp("info cpus")
if a.split("=")[0] != b.split("=")[0]:
    differ("info cpus", a, b)
a, b = q.hmp("info block"), p.hmp("info block")
strip = lambda t: t.split(")", 1)[1].replace(tmp + "/q.qcow2", "DISK").replace(tmp + "/p.qcow2", "DISK")
if strip(a) != strip(b):
    differ("info block", a, b)
print("HMP: %d of %d commands print the same text" % (n_same, len(cmds)))

# 2. QMP queries
def norm(name, r):
    r = r["return"]
    if name == "query-version":
        return sorted(r["qemu"])
    if name == "query-cpus-fast":
        for c in r: c.pop("thread-id")
    if name == "query-block":
        for d in r:
            d["inserted"].pop("node-name"); d["inserted"]["file"] = "DISK"
            d["inserted"]["image"]["filename"] = "DISK"; d["inserted"]["image"].pop("actual-size")
    if name == "query-kvm":
        r.pop("present")   # QEMU's build has KVM; pcemu has none (present false)
    if name == "query-chardev":
        for c in r: c["filename"] = c["filename"].replace("q.sock", "X").replace("p.sock", "X")
    if name == "query-machines":   # pcemu's types must be among QEMU's
        return sorted(m["name"] for m in r)
    if name == "query-commands":
        return sorted(c["name"] for c in r)
    return r
for name in ["query-version", "query-name", "query-kvm", "query-target", "query-chardev",
             "query-cpus-fast", "query-block", "query-status", "query-memory-size-summary"]:
    a, b = norm(name, q.cmd(name)), norm(name, p.cmd(name))
    if a != b:
        differ(name, a, b)
mq, mp = norm("query-machines", q.cmd("query-machines")), norm("query-machines", p.cmd("query-machines"))
if not set(mp) <= set(mq):
    differ("query-machines (pcemu's not all QEMU's)", mq, mp)
cq, cp = norm("query-commands", q.cmd("query-commands")), norm("query-commands", p.cmd("query-commands"))
if not set(cp) <= set(cq) or "query-block" not in cp:
    differ("query-commands (pcemu's not all QEMU's)", cq, cp)

# argument checking and JSON errors: each reply equal
errs = ['{"execute":"query-status","arguments":{"x":1}}', '{"execute":"query-status","foo":1}',
        '{"execute":"human-monitor-command"}', '{"id":1}', '[1,2]', '"abc"',
        '{"execute":"human-monitor-command","arguments":{"command-line":5}}',
        '{"execute":"human-monitor-command","arguments":{"command-line":"p 1","cpu-index":"a"}}',
        '{"execute":"human-monitor-command","arguments":{"command-line":"p 1","zz":0}}',
        '{"execute":"query-status","arguments":[]}', '{"execute":5}', '{"foo":1}',
        '{"execute":"query-status","arguments":null}', '{"execute":"query-status","id":{"a":1}}',
        '{"execute":"stop","id":"x","arguments":{}}', '{"execute":"query-status",}',
        '{"execute":"query-status" "x"}', '{"execute":"query-status","arguments"}',
        '{"execute":"query-status","arguments":}', '{"execute" 1}', '{1:2}',
        '{"execute":"query-status","arguments":{"a":[1,}}}',
        '{"execute":"query-status","arguments":{"a":[1 2]}}',
        '{"execute":"query-status","arguments":{"a":tru}}',
        '{"execute":"query-status","arguments":{"a":"\\x"}}',
        '{"execute":"snapshot-save","arguments":{"job-id":"j","tag":"t"}}',
        '{"execute":"snapshot-save","arguments":{"tag":"t","zz":1}}',
        '{"execute":"snapshot-delete","arguments":{"job-id":"j","tag":"t","devices":["x"],"vmstate":"x"}}',
        '{"execute":"job-dismiss","arguments":{"id":"nosuch"}}', '{"execute":"no-such-command"}']
for line in errs:
    a, b = q.raw(line), p.raw(line)
    if a != b:
        differ(line, a, b)
print("QMP: %d error cases compared" % len(errs))

# snapshot-save with the node name query-block reports, then the job's outcome
def save(s):
    node = s.cmd("query-block")["return"][0]["inserted"]["node-name"]
    r = s.cmd("snapshot-save", {"job-id": "j1", "tag": "s1", "vmstate": node, "devices": [node]})
    for _ in range(6000):
        jobs = s.cmd("query-jobs")["return"]
        if jobs and jobs[0]["status"] == "concluded":
            return r, jobs
        time.sleep(0.1)
    return r, jobs
a, b = save(q), save(p)
if a != b:
    differ("snapshot-save with query-block's node name", a, b)
q.quit(); p.quit()
sys.exit(1 if bad else 0)
PY
python3 cmp.py "$PCEMU" "$TMPDIR_TEST" || fail "pcemu's monitors differ from QEMU's"

# 3. info blockstats and query-blockstats once SeaBIOS has tried the empty floppy, disk
#    and CD (a data CD without El Torito) and given up ("No bootable device" on its debug
#    port): the same counts (the times are host time on QEMU, 0 on pcemu)
python3 -c "open('fd.img', 'wb').write(bytes(1474560))"
python3 -c "open('cd.iso', 'wb').write(bytes(range(256)) * 8 * 64)"
cat >stats.py <<'PY'
import json, os, re, socket, subprocess, sys, time
pcemu, tmp = sys.argv[1], sys.argv[2]
def run(exe, tag):
    sock, log, disk = ["%s/bs%s.%s" % (tmp, tag, x) for x in ("sock", "log", "qcow2")]
    subprocess.run(["qemu-img", "create", "-q", "-f", "qcow2", disk, "16M"], check=True)
    p = subprocess.Popen([exe, "-M", "pc-i440fx-7.2,acpi=off,hpet=off,vmport=off", "-cpu",
                          "pentium2,-mmx,-apic,-pae,-mce,-mca,-vme,-de,-fxsr,-pse36,-hypervisor",
                          "-m", "32", "-nodefaults", "-display", "none",
                          "-drive", "file=%s,if=ide,format=qcow2" % disk,
                          "-cdrom", tmp + "/cd.iso", "-drive",
                          "file=%s/fd.img,if=floppy,format=raw" % tmp,
                          "-chardev", "file,id=dbg,path=" + log,
                          "-device", "isa-debugcon,iobase=0x402,chardev=dbg",
                          "-qmp", "unix:%s,server=on,wait=off" % sock])
    for _ in range(6000):   # 10 minutes: only a hung emulator, however busy the host
        try:
            s = socket.socket(socket.AF_UNIX); s.connect(sock); break
        except OSError:
            time.sleep(0.1)
    f = s.makefile("rwb", buffering=0)
    def cmd(x):
        f.write((json.dumps(x) + "\n").encode())
        while True:
            m = json.loads(f.readline())
            if "event" not in m:
                return m
    f.readline(); cmd({"execute": "qmp_capabilities"})
    for _ in range(6000):
        if os.path.exists(log) and "No bootable device" in open(log, errors="replace").read():
            break
        time.sleep(0.1)
    else:
        sys.exit(exe + ": SeaBIOS never gave up booting")
    r = cmd({"execute": "human-monitor-command", "arguments": {"command-line": "info blockstats"}})
    j = cmd({"execute": "query-blockstats"})["return"]
    cmd({"execute": "quit"}); p.wait()
    for d in j:
        d.pop("node-name")   # QEMU's automatic names differ from run to run
        d["parent"].pop("node-name")
        for k in d["stats"]:
            if k.endswith("time_ns"):
                d["stats"][k] = "T"   # host time on QEMU, 0 on pcemu
    return re.sub(r"(time_ns)=\d+", r"\1=T", r["return"]), j
(a, ja), (b, jb) = run("qemu-system-i386", "q"), run(pcemu, "p")
print("QEMU: ", a, "pcemu:", b)
print("query-blockstats, QEMU:", json.dumps(ja, sort_keys=True))
ok = a == b and "rd_operations=1 " in a and ja == jb and len(ja) == 3
if ja != jb:
    print("query-blockstats differs; pcemu's:", json.dumps(jb, sort_keys=True))
sys.exit(0 if ok else 1)
PY
python3 stats.py "$PCEMU" "$TMPDIR_TEST" || fail "info blockstats differs from QEMU's"
for i in q p; do
    qemu-img snapshot -l $i.qcow2 | grep -qw s1 || fail "$i.qcow2: snapshot s1 missing"
done
echo "monitor commands as QEMU 7.2's"
