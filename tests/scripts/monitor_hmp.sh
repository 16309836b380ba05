#!/bin/sh
# monitor_hmp.sh: the human monitor on stdio and on a unix socket. A command script fed at
# once acts at fixed instruction boundaries (emu/vmctl/runstate.h), so its output is fixed: info
# status through prelaunch/running/paused, savevm, info snapshots, loadvm, delvm,
# system_reset, info registers, an unknown command, quit; help and info, aliases; a bad
# -monitor after -loadvm; sendkey's scan codes. The info snapshots header and row layout are compared with QEMU
# 7.2's own (its HMP 'info snapshots' on the same kind of image), the row values with
# qemu-img snapshot -l; qemu-img check is clean throughout.
set -u
command -v qemu-img >/dev/null || { echo "qemu-img missing"; exit 77; }
cd "$TMPDIR_TEST"
export TZ=UTC
fail() { echo "FAIL: $*"; exit 1; }
PC="$PCEMU -m 32 -nodefaults -display none -rtc base=2020-01-01"

qemu-img create -q -f qcow2 p.qcow2 16M
printf '%s\n' 'info status' 'cont' 'info status' 'stop' 'info status' 'savevm s1' \
    'info snapshots' 'cont' 'savevm s2' 'loadvm s1' 'info status' 'stop' 'delvm s2' \
    'info snapshots' 'system_reset' 'info registers' 'frobnicate' 'loadvm nosuch' 'quit' |
    $PC -S -drive file=p.qcow2,if=ide,format=qcow2 -monitor stdio >hmp.raw 2>hmp.err ||
    { cat hmp.raw hmp.err; fail "pcemu exit status"; }
tr -d '\r' <hmp.raw >hmp.txt
cat hmp.txt
grep -q "^QEMU 7.2.0 monitor (pcemu) - type 'help' for more information$" hmp.txt || fail "greeting"
[ "$(grep -o '(qemu) ' hmp.txt | wc -l)" -eq 19 ] || fail "prompts (one per command)"
grep -c "VM status" hmp.txt
[ "$(grep -o 'VM status: .*' hmp.txt | tr '\n' '|')" = "VM status: paused (prelaunch)|VM status: running|VM status: paused|VM status: running|" ] ||
    fail "info status sequence"
grep -q "^(qemu) unknown command: 'frobnicate'$" hmp.txt || fail "unknown command"
grep -q "^(qemu) Error: Snapshot 'nosuch' does not exist in one or more devices$" hmp.txt || fail "loadvm nosuch"
# commands act at fixed boundaries: s1 after one slice (cont), s2 one slice later
grep -q "^--  *s1  .* 00:00:00.008    1000000$" hmp.txt || fail "s1 not at instruction 1000000"
grep -q "EAX=00000000 EBX=00000000 ECX=00000000 EDX=" hmp.txt || fail "info registers after reset"
grep -q "^EIP=0000fff0 EFL=00000002" hmp.txt || fail "info registers: reset vector"
qemu-img check p.qcow2 >/dev/null || fail "qemu-img check"
qemu-img snapshot -l p.qcow2 >list.txt
cat list.txt
grep -qw s1 list.txt || fail "s1 not listed by qemu-img"
grep -qw s2 list.txt && fail "s2 not deleted"

# layout: header as QEMU's; the s1 row equals qemu-img's but for the ID column ("--")
row=$(grep -m1 '^--  *s1 ' hmp.txt) || fail "no s1 row"
qrow=$(awk '$2 == "s1"' list.txt)
[ "$(echo "$row" | cut -c10-)" = "$(echo "$qrow" | cut -c10-)" ] ||
    fail "row differs from qemu-img's: '$row' vs '$qrow'"
if command -v qemu-system-i386 >/dev/null; then
    qemu-img create -q -f qcow2 q.qcow2 16M
    printf 'savevm s1\ninfo snapshots\nquit\n' |
        qemu-system-i386 -M pc-i440fx-7.2 -m 32 -nodefaults -display none -S \
            -drive file=q.qcow2,if=ide,format=qcow2 -monitor stdio 2>&1 |
        tr -d '\r' | sed 's/\x1b\[[0-9;]*[A-Za-z]//g' >qemu.txt
    qh=$(grep -m1 'ID  *TAG' qemu.txt | sed 's/^.*ID /ID /')
    ph=$(grep -m1 'ID  *TAG' hmp.txt | sed 's/^.*ID /ID /')
    [ -n "$qh" ] && [ "$qh" = "$ph" ] || { cat qemu.txt; fail "header differs from QEMU's: '$ph' vs '$qh'"; }
    grep -q "List of snapshots present on all disks:" qemu.txt || fail "QEMU's title not found"
    qr=$(grep -m1 -- '--  *s1 ' qemu.txt | sed 's/^.*-- /-- /')
    # same columns: ID, tag, size with unit, date, time, VM clock
    echo "$qr" | awk '{ exit !(NF == 7 && $1 == "--" && $2 == "s1") }' || fail "QEMU's row: '$qr'"
    echo "$row" | awk '{ exit !(NF == 8 && $1 == "--" && $2 == "s1") }' || fail "pcemu's row: '$row'"
    echo "QEMU:  $qr"; echo "pcemu: $row"
fi

# stdin feeds one reader only
$PC -S -serial stdio -monitor stdio </dev/null >/dev/null 2>two.err && fail "two stdio users accepted"
grep -q "cannot use stdio by multiple character devices" two.err || fail "two stdio users: message"

# help and info print the command tables in QEMU's format; aliases work
printf '%s\n' 'help' 'info' '?' 's' 'info status' 'c' 'info status' 'q' |
    $PC -S -monitor stdio 2>&1 | tr -d '\r' >help.txt || fail "help: exit status"
cat help.txt
[ "$(grep -c '^(qemu) change device \[-f\] filename \[format \[read-only-mode\]\] -- ' help.txt)" = 2 ] ||
    fail "help, ?"
for line in 'cont|c  -- resume emulation' 'eject \[-f\] device -- eject a removable medium (use -f to force it)' \
    'savevm tag -- save a VM snapshot. If no tag is provided, a new snapshot is created' \
    'system_reset  -- reset the system' 'info snapshots  -- show the currently saved VM snapshots'; do
    grep -q "^$line$" help.txt || fail "help line '$line'"
done
# 's' in prelaunch keeps prelaunch, as QEMU's do_vm_stop
[ "$(grep -o 'VM status: .*' help.txt | tr '\n' '|')" = "VM status: paused (prelaunch)|VM status: running|" ] ||
    fail "s, c"
[ "$(grep -o '(qemu) ' help.txt | wc -l)" -eq 8 ] || fail "prompts: one per command but q"

# a monitor that cannot open after -loadvm loaded: one error line, exit 1 (the loaded
# machine was once freed twice on this path)
$PC -S -drive file=p.qcow2,if=ide,format=qcow2 -loadvm s1 -monitor bogus: </dev/null \
    >bad.out 2>bad.err
rc=$?
[ $rc = 1 ] && [ "$(wc -l <bad.err)" = 1 ] && grep -q "^pcemu: -monitor: 'bogus:'" bad.err ||
    { cat bad.err; fail "-loadvm, then a bad -monitor: exit $rc"; }

# sendkey: set-2 make and break codes (0xe048 is the up arrow's set-1 code) (the keyboard's state before the BIOS sets it up)
# in the PS/2 queue, as the saved "ps2kbd" section shows; keys sent while stopped are
# dropped (QEMU's input layer), an unknown key is named
qemu-img create -q -f qcow2 k.qcow2 16M
printf '%s\n' 'sendkey a' 'cont' 'sendkey ctrl-alt-f1' 'sendkey 0xe048' 'sendkey foo' \
    'stop' 'sendkey b' 'savevm k' 'quit' |
    $PC -S -drive file=k.qcow2,if=ide,format=qcow2 -monitor stdio 2>&1 | tr -d '\r' >key.txt ||
    fail "sendkey: exit status"
grep -q "(qemu) invalid parameter: foo$" key.txt || { cat key.txt; fail "sendkey foo"; }
"$PCEMU_IMG" vmstate dump k.qcow2 k >k.dump || fail "vmstate dump"
q=$(grep -A8 '"ps2kbd' k.dump | sed -n 's/.*"queue.data": "\(.*\)".*/\1/p' | cut -c1-65)
grep -A12 '"ps2kbd' k.dump | grep -q '"scancode_set": "0x00000002"' || fail "keyboard not in set 2"
[ "$q" = "14 11 05 f0 05 f0 11 f0 14 e0 75 e0 f0 75 00 00 00 00 00 00 00 00" ] ||
    fail "sendkey queue: '$q'"

# the same monitor on a unix socket, two clients one after the other
$PC -S -drive file=p.qcow2,if=ide,format=qcow2 \
    -monitor unix:"$TMPDIR_TEST/m.sock",server=on,wait=off >sock.out 2>&1 &
pid=$!
python3 - "$TMPDIR_TEST/m.sock" <<'PY' || { kill $pid; fail "socket monitor"; }
import socket, sys, time
def session(cmds):
    for _ in range(6000):   # 10 minutes: only a hung pcemu, however busy the host
        try:
            s = socket.socket(socket.AF_UNIX); s.connect(sys.argv[1]); break
        except OSError:
            time.sleep(0.1)
    out = b""
    for c in cmds:
        s.sendall(c.encode() + b"\n")
    s.shutdown(socket.SHUT_WR)
    while True:
        d = s.recv(65536)
        if not d:
            break
        out += d
        if c == "quit" and out.count(b"(qemu) ") > len(cmds) - 1:
            break
    s.close()
    return out.decode().replace("\r\n", "\n")
a = session(["info status", "loadvm s1", "info status"])
print(a)
assert "VM status: paused (prelaunch)" in a and a.count("(qemu) ") >= 3, a
b = session(["info snapshots", "quit"])
print(b)
assert "s1" in b, b
PY
wait $pid || fail "pcemu (socket monitor) exit status"
echo "human monitor ok"
