#!/bin/sh
# gdbstub.sh: the gdb stub (-gdb, emu/remote/gdbstub.h) driven by the real gdb, beside QEMU 7.2's.
#   1. One gdb script (connect, breakpoints on two labels of tests/data/gdb_guest.asm,
#      continue, registers, memory through paging at 0x40000000 (read, and written by
#      `restore`, bytes the protocol escapes among them), stepi, a register write,
#      a write watchpoint, a read watchpoint that is never hit, monitor info status, kill) runs against pcemu and against qemu-system-i386 started
#      the same way (-S, pcemu's machine spelled for QEMU). gdb's output must be the same,
#      but for the line of `monitor info status`, which QEMU's gdb stub answers too.
#   2. A debugger changes nothing: a run of savevm_pit.asm (PIT interrupts, STI;HLT) stopped
#      at breakpoints and stepped under gdb, then detached (the machine runs on to its halt
#      and saves), ends in the same serial output and the same VM state bytes (clock and
#      instruction count included) as a run without.
#   3. The protocol edges, from a raw client: a bad checksum gets '-', an unknown packet the
#      empty reply, Ctrl-C (0x03) stops a running guest with SIGINT (T02), a dead guest
#      (halted with interrupts off) answers a continue with SIGQUIT (T03), a memory read of
#      an unmapped page (paging on) gets E14.
set -u
command -v gdb >/dev/null || { echo "gdb missing"; exit 77; }
command -v nasm >/dev/null || { echo "nasm missing"; exit 77; }
command -v qemu-img >/dev/null || { echo "qemu-img missing"; exit 77; }
ROOT=$(pwd)
cd "$TMPDIR_TEST"
fail() { echo "FAIL: $*"; exit 1; }
nasm -f bin -i "$ROOT/tests/data/" -l g.lst -o g.bin "$ROOT/tests/data/gdb_guest.asm" || fail "nasm"
addr() {   # linear address of a label: the image is at 0xF0000
    off=$(awk -v l="$1:" '$4 == l { print $2 }' g.lst)
    [ -n "$off" ] && printf '0x%08x\n' $((0xF0000 + 0x$off))
}
COUNT=$(addr count)
PRINTED=$(addr printed)
[ -n "$COUNT" ] && [ -n "$PRINTED" ] || fail "labels not found in the listing"
. "$ROOT/tests/gdbport.sh"   # free_port, wait_port
# the reduced PC: g.bin leaves the local APIC as reset and, like savevm_pit.asm, gets no PIT
# tick beside the default CPU's APIC, on QEMU 7.2 as on pcemu
REDUCED="-M pc-i440fx-7.2,acpi=off,hpet=off,vmport=off -cpu pentium2,-mmx,-apic,-pae,-mce,-mca,-vme,-de,-fxsr,-pse36,-hypervisor"
MACH="$REDUCED -m 8 -nodefaults -display none -bios $TMPDIR_TEST/g.bin -rtc base=2020-01-01"
PC="$PCEMU $MACH"

# A probe connection counts as gdb attaching (and stops the machine, as in QEMU): the
# stubs are started with -S, so it changes nothing.

# ---- 1. the same gdb session on pcemu and QEMU ----
printf '\001}#$*\377\000\052' >blob.bin   # bytes gdb must escape in X packets
cat >session.gdb <<EOF
set pagination off
info registers eip cs
break *$COUNT
continue
info registers eax ebx ecx edx esp eip eflags cs ss ds es
continue
info registers
info registers float
info registers eax ebx ecx
x/s 0x40000000
x/4xw $COUNT
restore $TMPDIR_TEST/blob.bin binary 0x40000100
x/8xb 0x40000100
stepi
info registers eip ebx
stepi
stepi
info registers eip eax ecx eflags
delete
break *$PRINTED
continue
p \$ecx
delete
watch *(int *)0x40000010
continue
info registers eip ebx
delete
rwatch *(int *)0x40000000
break *$PRINTED
set var \$ebx = 9
continue
info registers ebx eip
delete
monitor info status
kill
EOF
session() {   # $1 = name, then the emulator's command line
    name=$1
    shift
    port=$(free_port)
    timeout 600 "$@" -gdb tcp:127.0.0.1:$port -S 2>"$name.err" &
    pid=$!
    wait_port "$port" "$name.err" $pid
    timeout 600 gdb -batch -nx -ex "target remote 127.0.0.1:$port" -x session.gdb \
        >"$name.out" 2>&1 || { cat "$name.out"; fail "$name: gdb failed"; }
    wait $pid || { cat "$name.err"; fail "$name: exit status $? after gdb's kill"; }
}
session pcemu $PC -serial file:p1.txt
cat pcemu.out
grep -q "^Breakpoint 1, $COUNT" pcemu.out || fail "breakpoint 1 not reported"
grep -q '0x40000000:.*"pcemu-gdb"' pcemu.out || fail "memory through paging"
grep -q '^0x40000100:.*0x01.*0x7d.*0x23.*0x24.*0x2a.*0xff.*0x00.*0x2a' pcemu.out ||
    fail "restore (memory writes) through paging"
grep -q "^ebx *0x9 " pcemu.out || fail "the register write did not take"
grep -q "^New value = 3" pcemu.out || fail "write watchpoint"
grep -q "VM status: paused (debug)" pcemu.out || fail "monitor command"
printf 'round 01\nround 02\nround 09\n' | cmp - p1.txt || fail "guest output under gdb"
if command -v qemu-system-i386 >/dev/null; then
    session qemu qemu-system-i386 $MACH -serial file:q1.txt
    grep -v "^VM status" pcemu.out >p.cmp
    grep -v "^VM status" qemu.out >q.cmp
    diff q.cmp p.cmp || fail "gdb's view of pcemu differs from QEMU's (< QEMU, > pcemu)"
    cmp p1.txt q1.txt || fail "guest output differs from QEMU's under the same session"
    echo "ok: the gdb session reads the same on QEMU and pcemu"
else
    echo "qemu-system-i386 missing: the comparison with QEMU's stub is skipped"
fi

# ---- 2. a debugger changes nothing ----
# tests/data/savevm_pit.asm: PIT interrupts at 100 Hz, STI;HLT waits, a RAM window
# rewritten each tick; breakpoints in the tick handler and at the wait, steps through
# STI and HLT (the step waits for the interrupt, as an undisturbed run does), a write
# watchpoint in the middle of the window (the tick handler's REP STOSD stops after that
# element's iteration, twice) and a read watchpoint on the tick counter at 0x2000
nasm -f bin -i "$ROOT/tests/data/" -DROUNDS=3 -l pit.lst -o pit.bin \
    "$ROOT/tests/data/savevm_pit.asm" || fail "nasm pit"
paddr() { off=$(awk -v l="$1:" '$4 == l { print $2 }' pit.lst); printf '0x%08x' $((0xF0000 + 0x$off)); }
PIT="$PCEMU $REDUCED -m 8 -nodefaults -display none -bios $TMPDIR_TEST/pit.bin -rtc base=2020-01-01"
qemu-img create -q -f qcow2 ref.qcow2 16M
$PIT -serial file:ref.txt -drive file=ref.qcow2,if=ide,format=qcow2 -run-until halt \
    -snapshot save end 2>ref.err || { cat ref.err; fail "reference run"; }
grep -q "PIT done" ref.txt || fail "reference run did not finish"
"$PCEMU_IMG" vmstate-extract ref.qcow2 end >ref.vms || fail "extract"
cat >detach.gdb <<EOF
break *$(paddr tick)
continue
continue
stepi
stepi
stepi
stepi
delete
break *$(paddr .wait)
continue
stepi
stepi
stepi
continue
stepi
delete
watch *(int *)0x108000
continue
info registers ecx
stepi
continue
rwatch *(int *)$((0x2000))
continue
delete
detach
EOF
qemu-img create -q -f qcow2 dbg.qcow2 16M
port=$(free_port)
timeout 600 $PIT -serial file:dbg.txt -drive file=dbg.qcow2,if=ide,format=qcow2 -run-until halt \
    -snapshot save end -gdb tcp:127.0.0.1:$port -S 2>dbg.err &
pid=$!
wait_port "$port" dbg.err $pid
timeout 600 gdb -batch -nx -ex "target remote 127.0.0.1:$port" -x detach.gdb >dbg.out 2>&1 ||
    { cat dbg.out; fail "gdb (detach session)"; }
wait $pid || { cat dbg.err; fail "pcemu after detach"; }
[ "$(grep -c '^Breakpoint [12],' dbg.out)" = 4 ] || { cat dbg.out; fail "breakpoints not hit"; }
[ "$(grep -c '^Hardware watchpoint 3: ' dbg.out)" = 3 ] || { cat dbg.out; fail "write watchpoint"; }
grep -q "^ecx *0x1fff " dbg.out || { cat dbg.out; fail "write watchpoint: REP STOSD did not stop right after element 0x2000"; }
grep -q "^Value = " dbg.out || { cat dbg.out; fail "read watchpoint"; }
cmp ref.txt dbg.txt || fail "serial output under the debugger differs"
"$PCEMU_IMG" vmstate-extract dbg.qcow2 end >dbg.vms || fail "extract"
cmp ref.vms dbg.vms || fail "the VM state after a debugged run differs from the plain run's"
qemu-img check -q dbg.qcow2 || fail "qemu-img check"
echo "ok: breakpoints, steps and detach leave the run bit-identical"

# ---- 3. protocol edges from a raw client ----
port=$(free_port)
port2=$(free_port)
timeout 600 $PCEMU -m 8 -nodefaults -display none -gdb tcp:127.0.0.1:$port -S 2>raw.err &
pid=$!
timeout 600 $PC -gdb tcp:127.0.0.1:$port2 -S 2>raw2.err &
pid2=$!
wait_port "$port" raw.err $pid
wait_port "$port2" raw2.err $pid2
python3 - "$port" "$port2" "$COUNT" <<'PY' || fail "raw protocol"
import socket, sys, time
def frame(d):
    return b"$" + d + b"#%02x" % (sum(d) & 0xff)
class Conn:
    def __init__(self, port):
        self.s = socket.create_connection(("127.0.0.1", port))
        self.s.settimeout(300)
        self.buf = b""
    def reply(self):
        while True:
            i = self.buf.find(b"$")
            j = self.buf.find(b"#", i)
            if i >= 0 and j >= 0 and len(self.buf) >= j + 3:
                d, self.buf = self.buf[i + 1:j], self.buf[j + 3:]
                return d
            self.buf += self.s.recv(4096)
    def ask(self, d):
        self.s.sendall(frame(d))
        return self.reply()
def check(what, got, want):
    if got != want:
        sys.exit("%s: got %r, want %r" % (what, got, want))
a = Conn(int(sys.argv[1]))      # SeaBIOS with no disk: runs on for ever
a.s.sendall(b"$?#00")           # bad checksum
time.sleep(0.2)
check("bad checksum", a.s.recv(16)[:1], b"-")
check("unknown packet", a.ask(b"qNoSuchThing"), b"")
check("short register write", a.ask(b"P8=12"), b"E22")
a.s.sendall(frame(b"c"))
time.sleep(0.5)
a.s.sendall(b"\x03")
check("Ctrl-C", a.reply(), b"T02thread:01;")
check("registers", len(a.ask(b"g")), 2 * (25 * 4 + 8 * 10 + 8 * 4 + 8 * 16 + 4))
a.s.sendall(frame(b"k"))
b = Conn(int(sys.argv[2]))      # gdb_guest.asm: paging on at `count`, ends halted, IF = 0
bp = b"%x" % int(sys.argv[3], 16)
check("breakpoint", b.ask(b"Z0," + bp + b",1"), b"OK")
check("continue to it", b.ask(b"c"), b"T05thread:01;")
check("mapped memory", b.ask(b"m40000000,9"), b"pcemu-gdb".hex().encode())
check("unmapped memory", b.ask(b"m80000000,4"), b"E14")
check("breakpoint removed", b.ask(b"z0," + bp + b",1"), b"OK")
check("dead guest", b.ask(b"c"), b"T03thread:01;")
b.s.sendall(frame(b"k"))
PY
wait $pid || { cat raw.err; fail "pcemu after kill"; }
wait $pid2 || { cat raw2.err; fail "pcemu after kill (second)"; }
echo "ok: protocol edges"
