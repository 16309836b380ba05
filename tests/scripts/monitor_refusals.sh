#!/bin/sh
# monitor_refusals.sh: every HMP command and `info` subcommand that QEMU 7.2 lists in its
# own `help` and `info` output either exists in pcemu (pcemu's `help`/`info` list it) or is
# refused in exactly one line that names it ("'X' is a QEMU command that pcemu does not
# provide"), never as an unknown command; a refusal changes nothing (the machine stays in
# prelaunch, the monitor answers the next command). pcemu lists no command QEMU lacks.
# The lists come from the real QEMU at test time, so a command pcemu gains or drops
# needs no edit here.
set -u
QEMU=$(command -v qemu-system-i386) || { echo "qemu-system-i386 missing"; exit 77; }
cd "$TMPDIR_TEST"
exec python3 - "$PCEMU" "$QEMU" <<'PY'
import re, subprocess, sys
PCEMU, QEMU = sys.argv[1:3]
ARGS = ["-M", "pc-i440fx-7.2,acpi=off,hpet=off,vmport=off", "-m", "8", "-nodefaults",
        "-display", "none", "-S", "-monitor", "stdio"]

def fail(msg):
    print("FAIL:", msg)
    sys.exit(1)

def monitor(prog, lines):
    r = subprocess.run([prog] + ARGS, input="".join(l + "\n" for l in lines + ["quit"]),
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=600)
    return re.sub(r"\x1b\[[0-9;]*[A-Za-z]", "", r.stdout).replace("\r", "")

def names(text):
    """Command names (aliases too) and info subcommands of a `help` + `info` listing."""
    cmds, infos = set(), set()
    for line in text.split("\n"):
        if line.startswith("(qemu) "):   # a reply starts after the prompt (QEMU's echo of
            line = line[7:]              # the typed line has no " -- ")
        if not line or line[0].isspace() or " -- " not in line:
            continue
        words = line.split()
        if words[0] == "info" and not words[1].startswith("["):
            infos.add(words[1].split("|")[0])
        elif re.match(r"[a-z][a-z0-9_|-]*$", words[0]):   # not a wrapped continuation
            cmds.update(words[0].split("|"))
    return cmds, infos

qc, qi = names(monitor(QEMU, ["help", "info"]))
pc, pi = names(monitor(PCEMU, ["help", "info"]))
if len(qc) < 100 or len(qi) < 50:
    fail("QEMU's listing parsed to %d commands, %d info subcommands" % (len(qc), len(qi)))
if len(pc) < 10 or len(pi) < 10:
    fail("pcemu's listing parsed to %d commands, %d info subcommands" % (len(pc), len(pi)))
if pc - qc or pi - qi:
    fail("pcemu lists what QEMU 7.2 lacks: %s" % sorted((pc - qc) | {"info " + i for i in pi - qi}))

missing = sorted(qc - pc) + sorted("info " + i for i in qi - pi)
out = monitor(PCEMU, missing + ["info status"])
replies = out.split("(qemu) ")[1:]      # one reply per command, then quit's empty one
if len(replies) != len(missing) + 2:
    fail("%d replies for %d commands:\n%s" % (len(replies), len(missing) + 2, out))
for cmd, reply in zip(missing, replies):
    want = "'%s' is a QEMU command that pcemu does not provide\n" % cmd
    if reply != want:
        fail("%r: %r, want %r" % (cmd, reply, want))
if replies[len(missing)] != "VM status: paused (prelaunch)\n":
    fail("after the refusals: %r" % replies[len(missing)])
print("QEMU 7.2 lists %d commands and %d info subcommands; pcemu provides %d and %d,"
      % (len(qc), len(qi), len(qc & pc), len(qi & pi)))
print("and refuses the other %d in one line each, the machine untouched" % len(missing))
print("monitor_refusals: ok")
PY
