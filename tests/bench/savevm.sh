#!/bin/sh
# savevm.sh (make bench): savevm and loadvm wall time and snapshot size, pcemu beside QEMU
# 7.2 (TCG) in the same run, for -m 128 and -m 512 guests whose RAM is filled: the same
# -bios program (tests/bench/savevm_fill.asm, built here with nasm) fills every page above
# 1 MiB with a different non-zero pattern and halts. Both are driven through QMP the same
# way: stop, then three rounds of snapshot-save (timed from the command to the job's
# "concluded" event), snapshot-load (likewise), snapshot-delete; the best round is shown
# (the host is shared), and beside it the first round's load. Both load over the running
# guest's RAM (pcemu after a first pass that checks the stream, snapshot/vm/loadvm.h). Sizes are the snapshot's vm-state-size (qemu-img info). Last, per size: a new
# process started from the last snapshot (-loadvm NAME -S on the command line, then quit),
# wall time from exec to exit, best of 3. SAVEVM_MIB="128" limits the sizes.
set -u
command -v qemu-system-i386 >/dev/null || { echo "qemu-system-i386 missing"; exit 77; }
command -v nasm >/dev/null || { echo "nasm missing"; exit 77; }
ROOT=$(pwd)
PCEMU=${PCEMU:-$ROOT/o/bin/pcemu}
W=$(mktemp -d "${TMPDIR:-/tmp}/pcemu-bench-savevm.XXXXXX")
trap 'rm -rf "$W"' EXIT
nasm -f bin -i "$ROOT/tests/data/" -o "$W/fill.bin" "$ROOT/tests/bench/savevm_fill.asm" || exit 1

cat >"$W/drive.py" <<'PY'
import json, socket, sys, time
sock, serial, dev = sys.argv[1], sys.argv[2], sys.argv[3]
t0 = time.time()
while True:
    try:
        if b"FILLED" in open(serial, "rb").read():
            break
    except OSError:
        pass
    if time.time() - t0 > 600:
        sys.exit("guest did not fill its RAM")
    time.sleep(0.05)
s = socket.socket(socket.AF_UNIX); s.connect(sock)
f = s.makefile("rwb", buffering=0)
def rd():
    return json.loads(f.readline())
def cmd(name, args=None, job=None):
    req = {"execute": name}
    if args:
        req["arguments"] = args
    f.write((json.dumps(req) + "\n").encode())
    replied = done = False
    while not (replied and (job is None or done)):
        m = rd()
        if "error" in m:
            sys.exit("%s: %s" % (name, m["error"]["desc"]))
        replied = replied or "return" in m
        if m.get("event") == "JOB_STATUS_CHANGE" and m["data"]["id"] == job and m["data"]["status"] == "concluded":
            done = True
    if job:
        r = [j for j in cmd("query-jobs")["return"] if j["id"] == job]
        if r and "error" in r[0]:
            sys.exit("%s: %s" % (name, r[0]["error"]))
        cmd("job-dismiss", {"id": job})
    return m
rd()
cmd("qmp_capabilities")
cmd("stop")
save = load = 1e9
first = None
for k in range(3):   # the best of three: the host is shared, single runs are noisy
    t = time.time()
    cmd("snapshot-save", {"job-id": "s%d" % k, "tag": "b%d" % k, "vmstate": dev, "devices": [dev]}, job="s%d" % k)
    save = min(save, time.time() - t)
    t = time.time()
    cmd("snapshot-load", {"job-id": "l%d" % k, "tag": "b%d" % k, "vmstate": dev, "devices": [dev]}, job="l%d" % k)
    load = min(load, time.time() - t)
    first = first if first is not None else time.time() - t
    if k < 2:
        cmd("snapshot-delete", {"job-id": "d%d" % k, "tag": "b%d" % k, "devices": [dev]}, job="d%d" % k)
cmd("quit")
print("%.3f %.3f %.3f" % (save, load, first))
PY

size_of() {
    qemu-img info --output=json "$1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["snapshots"][0]["vm-state-size"])'
}

printf '%-6s %-6s %10s %10s %14s %14s\n' "RAM" "who" "savevm s" "loadvm s" "VM state bytes" "1st loadvm s"
for mib in ${SAVEVM_MIB:-128 512}; do
    qemu-img create -q -f qcow2 "$W/q.qcow2" 64M
    qemu-img create -q -f qcow2 "$W/p.qcow2" 64M
    rm -f "$W/q.txt" "$W/p.txt"
    qemu-system-i386 -M pc-i440fx-7.2 -m $mib -nodefaults -display none -bios "$W/fill.bin" \
        -serial file:"$W/q.txt" -drive file="$W/q.qcow2",if=ide,format=qcow2,node-name=disk0 \
        -qmp unix:"$W/q.sock",server=on,wait=off >"$W/q.out" 2>&1 &
    qpid=$!
    q=$(python3 "$W/drive.py" "$W/q.sock" "$W/q.txt" disk0) || { kill $qpid; cat "$W/q.out"; exit 1; }
    wait $qpid
    "$PCEMU" -m $mib -nodefaults -display none -bios "$W/fill.bin" -serial file:"$W/p.txt" \
        -drive file="$W/p.qcow2",if=ide,format=qcow2 \
        -qmp unix:"$W/p.sock",server=on,wait=off >"$W/p.out" 2>&1 &
    ppid=$!
    p=$(python3 "$W/drive.py" "$W/p.sock" "$W/p.txt" ide0-hd0) || { kill $ppid; cat "$W/p.out"; exit 1; }
    wait $ppid
    qs=$(size_of "$W/q.qcow2"); ps=$(size_of "$W/p.qcow2")
    set -- $q $p
    printf '%-6s %-6s %10s %10s %14s %14s\n' "${mib}M" QEMU "$1" "$2" "$qs" "$3"
    printf '%-6s %-6s %10s %10s %14s %14s\n' "${mib}M" pcemu "$4" "$5" "$ps" "$6"
    python3 -c "import sys; a=[float(x) for x in sys.argv[1:7]]; print('%-6s ratio  save %.2f  load %.2f  size %.3f  1st load %.2f (pcemu/QEMU; target <= 0.5 for times)' % ('${mib}M', a[3]/a[0], a[4]/a[1], $ps/$qs, a[5]/a[2]))" $q $p
    # A new process started from the snapshot (-loadvm on the command line, -S, then quit):
    # wall time from exec to exit, best of 3, for both.
    cold() {
        best=1000
        for k in 1 2 3; do
            t0=$(date +%s%N)
            "$@" >"$W/cold.out" 2>&1 </dev/null || { cat "$W/cold.out" >&2; exit 1; }
            t1=$(date +%s%N)
            best=$(python3 -c "print(min($best, ($t1 - $t0) / 1e9))")
        done
        echo "$best"
    }
    cq=$(cold sh -c "echo quit | qemu-system-i386 -M pc-i440fx-7.2 -m $mib -nodefaults -display none \
        -bios '$W/fill.bin' -serial null -drive file='$W/q.qcow2',if=ide,format=qcow2 -loadvm b2 -S -monitor stdio") || exit 1
    cp=$(cold "$PCEMU" -m $mib -nodefaults -display none -bios "$W/fill.bin" -serial null \
        -drive file="$W/p.qcow2",if=ide,format=qcow2 -loadvm b2 -S) || exit 1
    python3 -c "import sys; q, p = float(sys.argv[1]), float(sys.argv[2]); print('%-6s -loadvm in a new process (start, load, quit): QEMU %.3f s  pcemu %.3f s  ratio %.2f' % ('${mib}M', q, p, p / q))" $cq $cp
done
