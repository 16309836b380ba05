#!/bin/sh
# monitor_qmp.sh: the same QMP session against QEMU 7.2 and pcemu (both started with -S and
# one qcow2 IDE disk named node-name=disk0, QMP on a unix socket): greeting, commands before and after
# negotiation, query-status, cont/stop, snapshot-save/-load/-delete jobs with query-jobs
# and job-dismiss, a duplicate save (a failed job), human-monitor-command, system_powerdown, system_reset,
# quit; HMP savevm/loadvm/delvm through human-monitor-command while running and while
# stopped (the STOP/RESUME events they cause). The transcripts, reduced to what must agree (reply kinds and values, error classes,
# event names and job states in order; no timestamps, versions or free texts), are equal.
# Afterwards qemu-img check is clean and the snapshot list is empty on both images.
set -u
command -v qemu-system-i386 >/dev/null || { echo "qemu-system-i386 missing"; exit 77; }
command -v qemu-img >/dev/null || { echo "qemu-img missing"; exit 77; }
cd "$TMPDIR_TEST"
fail() { echo "FAIL: $*"; exit 1; }

cat >client.py <<'PY'
import json, socket, sys, time
path, dev, out = sys.argv[1], sys.argv[2], sys.argv[3]
for _ in range(6000):   # 10 minutes: only a hung emulator, however busy the host
    try:
        s = socket.socket(socket.AF_UNIX); s.connect(path); break
    except OSError:
        time.sleep(0.1)
else:
    sys.exit("cannot connect to " + path)
f = s.makefile("rwb", buffering=0)
log = []
def rd():
    line = f.readline()
    if not line:
        raise SystemExit("connection closed")
    return json.loads(line)
def note(m):
    if "event" in m:
        d = m.get("data", {})
        log.append(["event", m["event"], d.get("status"), d.get("reason")])
    elif "return" in m:
        r = m["return"]
        if isinstance(r, list):
            r = [{k: v for k, v in j.items() if k != "error"} | {"failed": "error" in j} for j in r]
        elif isinstance(r, str):
            r = "text" if r.endswith("\r\n") else "text without CRLF"
        log.append(["return", r])
    elif "error" in m:
        log.append(["error", m["error"]["class"]])
        print("error:", m["error"]["desc"])
    elif "QMP" in m:
        log.append(["greeting", m["QMP"]["version"]["qemu"]["major"], m["QMP"]["version"]["qemu"]["minor"], m["QMP"]["capabilities"]])
def cmd(name, args=None, event=None, status=None):
    """Sends a command; reads until its reply and, when asked, the event (with the job
    status) it triggers, whichever comes first."""
    req = {"execute": name}
    if args is not None:
        req["arguments"] = args
    f.write((json.dumps(req) + "\n").encode())
    replied = seen = False
    while not (replied and (event is None or seen)):
        m = rd(); note(m)
        if "return" in m or "error" in m:
            replied = True
            if "error" in m and status:
                return
        if m.get("event") == event and (status is None or m["data"]["status"] == status):
            seen = True
note(rd())
cmd("query-status")
cmd("qmp_capabilities")
cmd("qmp_capabilities")
cmd("query-status")
cmd("cont", event="RESUME")
cmd("human-monitor-command", {"command-line": "savevm h1"})
cmd("human-monitor-command", {"command-line": "loadvm h1"})
cmd("human-monitor-command", {"command-line": "delvm h1"})
cmd("stop", event="STOP")
cmd("human-monitor-command", {"command-line": "savevm h2"})
cmd("human-monitor-command", {"command-line": "delvm h2"})
cmd("query-status")
cmd("no-such-command")
cmd("snapshot-save", {"job-id": "j1", "tag": "s1", "vmstate": dev, "devices": [dev]}, event="JOB_STATUS_CHANGE", status="concluded")
cmd("query-jobs")
cmd("job-dismiss", {"id": "j1"})
cmd("snapshot-save", {"job-id": "j2", "tag": "s1", "vmstate": dev, "devices": [dev]}, event="JOB_STATUS_CHANGE", status="concluded")
cmd("query-jobs")
cmd("job-dismiss", {"id": "j2"})
cmd("human-monitor-command", {"command-line": "info status"})
cmd("snapshot-load", {"job-id": "j3", "tag": "s1", "vmstate": dev, "devices": [dev]}, event="JOB_STATUS_CHANGE", status="concluded")
cmd("query-status")
cmd("job-dismiss", {"id": "j3"})
cmd("snapshot-delete", {"job-id": "j4", "tag": "s1", "devices": [dev]}, event="JOB_STATUS_CHANGE", status="concluded")
cmd("job-dismiss", {"id": "j4"})
cmd("snapshot-save", {"job-id": "j5", "tag": "s2"})
cmd("system_powerdown", event="POWERDOWN")
cmd("system_reset", event="RESET")
cmd("quit", event="SHUTDOWN")
json.dump(log, open(out, "w"), indent=1)
PY

qemu-img create -q -f qcow2 q.qcow2 16M
qemu-img create -q -f qcow2 p.qcow2 16M
qemu-system-i386 -M pc-i440fx-7.2 -m 32 -nodefaults -display none -S \
    -drive file=q.qcow2,if=ide,format=qcow2,node-name=disk0 \
    -qmp unix:"$TMPDIR_TEST/q.sock",server=on,wait=off >qemu.out 2>&1 &
qpid=$!
python3 client.py "$TMPDIR_TEST/q.sock" disk0 qemu.json || { kill $qpid; cat qemu.out; fail "QEMU session"; }
wait $qpid
"$PCEMU" -m 32 -nodefaults -display none -S -drive file=p.qcow2,if=ide,format=qcow2,node-name=disk0 \
    -qmp unix:"$TMPDIR_TEST/p.sock",server=on,wait=off >pcemu.out 2>&1 &
ppid=$!
python3 client.py "$TMPDIR_TEST/p.sock" disk0 pcemu.json || { kill $ppid; cat pcemu.out; fail "pcemu session"; }
wait $ppid || { cat pcemu.out; fail "pcemu exit status"; }
diff -u qemu.json pcemu.json || fail "QMP transcripts differ (QEMU 7.2 -, pcemu +)"
for i in q p; do
    qemu-img check $i.qcow2 >/dev/null || fail "qemu-img check $i.qcow2"
    [ -z "$(qemu-img snapshot -l $i.qcow2)" ] || fail "$i.qcow2 still has snapshots"
done
echo "QMP session identical to QEMU 7.2's ($(grep -c '"event"' pcemu.json) events)"
