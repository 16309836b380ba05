#!/bin/sh
# chardev_slow_reader.sh: a unix-socket serial client that reads slowly gets every byte.
# The UART sends a byte at a time, so a client that reads nothing fills its socket queue
# after a few hundred bytes (each one-byte send takes a whole buffer slot). pcemu then
# waits for the client (as QEMU's serial port waits for the socket to be writable) instead
# of dropping it. The client reads nothing until pcemu is seen waiting in poll() with no
# timeout (/proc/PID/syscall: no host timing involved); a pcemu that ends first, or whose
# bytes differ from a -serial file: run of the same guest, fails the test.
set -u
command -v python3 >/dev/null || { echo "python3 missing"; exit 77; }
[ -f "$O/images/guest.qcow2" ] || { echo "no test guest (make images)"; exit 77; }
cd "$TMPDIR_TEST"
exec python3 -u - "$PCEMU" "$(cd "$OLDPWD" && pwd)/$O/images/guest.qcow2" <<'PY'
import os, shutil, socket, subprocess, sys, time

PCEMU, GUEST = sys.argv[1:3]
STOP = "serial:GUEST iter 00000040"
HOST_BOUND = 600   # seconds; only catches a hung emulator, however busy the host is
shutil.copy(GUEST, "g1.qcow2")
shutil.copy(GUEST, "g2.qcow2")

def fail(msg):
    print("FAIL:", msg)
    sys.exit(1)

common = ["-m", "32", "-display", "none", "-run-until", STOP, "-run-for", "60s"]
def disk(n):
    return ["-drive", "file=g%d.qcow2,format=qcow2" % n]
r = subprocess.run([PCEMU] + common + disk(1) + ["-serial", "file:ref.txt"], timeout=HOST_BOUND)
ref = open("ref.txt", "rb").read()
if r.returncode != 0 or not ref.endswith(b"GUEST iter 00000040"):
    fail("reference run: status %d, %r" % (r.returncode, ref[-200:]))

sock = os.path.abspath("serial.sock")
p = subprocess.Popen([PCEMU] + common + disk(2) + ["-serial", "unix:%s,server=on,wait=on" % sock])
t0 = time.time()
while not os.path.exists(sock):
    if p.poll() is not None or time.time() - t0 > HOST_BOUND:
        fail("pcemu did not listen")
    time.sleep(0.05)
s = socket.socket(socket.AF_UNIX)
s.connect(sock)

def waiting_in_poll():
    """pcemu sleeps in poll (7) or ppoll (271) with no timeout: it waits for us."""
    try:
        f = open("/proc/%d/syscall" % p.pid).read().split()
    except OSError:
        return False
    if not f or f[0] not in ("7", "271"):
        return False
    return f[3] in ("0xffffffff", "0xffffffffffffffff") if f[0] == "7" else f[3] == "0x0"

while not waiting_in_poll():
    if p.poll() is not None:
        fail("pcemu ended (status %s) before its output filled the socket: the client was "
             "dropped" % p.returncode)
    if time.time() - t0 > HOST_BOUND:
        p.kill()
        fail("pcemu neither waited for the reader nor ended")
    time.sleep(0.05)
print("pcemu waits for the slow reader")
got = b""
s.settimeout(HOST_BOUND)
while True:
    more = s.recv(64)      # a small read at a time: pcemu fills the queue again and waits
    if not more:
        break
    got += more
rc = p.wait(timeout=HOST_BOUND)
if rc != 0:
    fail("pcemu exit status %d" % rc)
if got != ref:
    print("got %d bytes, expected %d; first difference at %d" %
          (len(got), len(ref), next((i for i in range(min(len(got), len(ref))) if got[i] != ref[i]),
                                    min(len(got), len(ref)))))
    fail("the slow reader's bytes differ from the file's")
print("chardev_slow_reader: %d bytes through the socket, equal to -serial file:" % len(got))
PY
