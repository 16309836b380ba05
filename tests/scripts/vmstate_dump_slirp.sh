#!/bin/sh
# vmstate_dump_slirp.sh: pcemu-img vmstate dump decodes a QEMU 7.2 stream with user
# networking. QEMU saves 'slirp' through old-style save_state handlers: its vmdesc entry has
# a size and one "buffer" field but neither vmsd_name nor version, and analyze-migration.py
# prints it as {"data": "<hex bytes>"} whatever its version. The test finds the section in
# the raw stream itself (header, then the vmdesc's byte count, then the footer) and checks
# that the dump shows exactly those bytes, that every section of the stream is in the dump,
# and that the e1000 and the sections after slirp decode too (a wrong length would break
# the footer check of the next section). Two streams: the machine stopped at reset, and
# after SeaBIOS ran with the NIC (its PXE ROM talks to slirp's DHCP server).
set -u
command -v qemu-system-i386 >/dev/null || { echo "qemu-system-i386 missing"; exit 77; }
command -v qemu-img >/dev/null || { echo "qemu-img missing"; exit 77; }
cd "$TMPDIR_TEST"
exec python3 -u - "$PCEMU_IMG" <<'PY'
import json, subprocess, sys

PCEMU_IMG = sys.argv[1]

def fail(msg):
    print("FAIL:", msg)
    sys.exit(1)

def qemu_snapshot(img, extra, monitor):
    subprocess.run(["qemu-img", "create", "-f", "qcow2", img, "16M"], check=True,
                   stdout=subprocess.DEVNULL)
    q = subprocess.Popen(["qemu-system-i386", "-M", "pc-i440fx-7.2,acpi=off,hpet=off,vmport=off",
                          "-m", "32", "-nodefaults", "-display", "none",
                          "-drive", "file=%s,if=ide,format=qcow2" % img,
                          "-netdev", "user,id=n", "-device", "e1000,netdev=n",
                          "-monitor", "stdio"] + extra,
                         stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    out = q.communicate(monitor.encode(), timeout=300)[0]
    if q.returncode != 0:
        fail("qemu: %r" % out[-500:])

def vmdesc(b):
    for p in range(len(b) - 5, 0, -1):
        if b[p] == 6 and int.from_bytes(b[p + 1:p + 5], "big") == len(b) - p - 5:
            return json.loads(b[p + 5:])
    fail("no vmdesc")

def check(img):
    raw = subprocess.run([PCEMU_IMG, "vmstate-extract", img, "s"], stdout=subprocess.PIPE,
                         check=True).stdout
    desc = vmdesc(raw)
    ent = [d for d in desc["devices"] if d["name"] == "slirp"]
    if len(ent) != 1 or "version" in ent[0] or ent[0]["fields"][0]["type"] != "buffer":
        fail("%s: slirp's vmdesc entry is not the old-style one: %r" % (img, ent))
    size = ent[0]["size"]
    hdr = b"\x05slirp" + (0).to_bytes(4, "big")       # idstr, instance id 0
    at = raw.find(hdr)
    if at < 5 or raw[at - 5] != 4:                      # QEMU_VM_SECTION_FULL, section id
        fail("%s: no slirp section header" % img)
    sid = int.from_bytes(raw[at - 4:at], "big")
    body = at + len(hdr) + 4                            # + version
    data = raw[body:body + size]
    footer = raw[body + size:body + size + 5]
    if footer != b"\x7e" + sid.to_bytes(4, "big"):
        fail("%s: slirp's %d bytes are not followed by its footer" % (img, size))
    r = subprocess.run([PCEMU_IMG, "vmstate", "dump", img, "s"], stdout=subprocess.PIPE,
                       stderr=subprocess.STDOUT, text=True)
    if r.returncode != 0:
        fail("%s: dump: %s" % (img, r.stdout.strip()))
    dump = json.loads(r.stdout)
    want = " ".join("%02x" % c for c in data)
    got = dump.get("slirp (%d)" % sid)
    if got != {"data": want}:
        fail("%s: slirp decoded as %r, stream holds %r" % (img, got, want[:80]))
    names = [k.rsplit(" (", 1)[0] for k in dump]
    for d in desc["devices"]:
        if d["name"] not in names:
            fail("%s: %s missing from the dump" % (img, d["name"]))
    if not any(n.endswith("/e1000") for n in names) or names[-1] != "globalstate":
        fail("%s: sections after slirp missing: %r" % (img, names))
    print("%s: slirp (%d) %d bytes, %d sections" % (img, sid, size, len(dump)))

qemu_snapshot("reset.qcow2", ["-S"], "savevm s\nquit\n")
check("reset.qcow2")
qemu_snapshot("boot.qcow2", ["-icount", "shift=3"], "savevm s\nquit\n")
check("boot.qcow2")
print("PASS")
PY
