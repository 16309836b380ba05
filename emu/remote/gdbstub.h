/* gdbstub.h: a GDB remote serial protocol stub for the guest, as QEMU 7.2's (-gdb DEV, -s):
 * gdb's `target remote :1234` reads and writes the registers and memory, sets breakpoints,
 * continues, steps and interrupts (Ctrl-C), and `monitor CMD` runs a human monitor command
 * (the VmCtl's, runstate.h; without one the packet is unsupported).
 *
 * What gdb sees: an i386 target (the target description names the architecture and the
 * core registers eax..gs, then the x87 registers, which read as their reset values: the
 * CPU has no FPU). Addresses are linear (CS base + EIP for breakpoints, paging applied for
 * memory, as QEMU does; segment bases are not added). Breakpoints (Z0 and Z1) and
 * watchpoints (Z2 write, Z3 read, Z4 access: the stop comes after the instruction that
 * touched the range) live in the emulator, not in guest memory.
 *
 * Determinism: a debugger never changes what the guest does. Breakpoints stop the machine
 * at an instruction boundary, a step runs exactly one instruction with interrupts taken as
 * in an undisturbed run (QEMU masks them while stepping), and memory or register writes are
 * the debugger's own changes. gdb connecting stops the machine, as in QEMU; `detach`
 * resumes it; `kill` quits pcemu. */
#ifndef PCEMU_GDBSTUB_H
#define PCEMU_GDBSTUB_H

#include "emu/base/base.h"
#include "emu/vmctl/runstate.h"

typedef struct GdbStub GdbStub;

/* spec: "tcp::PORT" (every address, as QEMU), "tcp:HOST:PORT" or "unix:PATH"; a server that
 * does not wait for gdb. NULL with err on a bad spec or a socket error. */
GdbStub *gdb_open(const char *spec, Err *err);
void gdb_close(GdbStub *g);
/* The fd to poll for input, -1 none. */
int gdb_poll_fd(const GdbStub *g);
/* After poll says readable: accepts gdb or reads its input and acts on every complete
 * packet (vm stops, continues, steps, quits). */
void gdb_service(GdbStub *g, VmCtl *vm);
/* Before the machine runs: puts the breakpoints and watchpoints into vm's CPU (again after
 * a loadvm has replaced the machine). */
void gdb_prepare(GdbStub *g, VmCtl *vm);
/* The machine is not running: a continue that gdb is waiting on gets its stop reply, with
 * QEMU's signal for vm->status (debug: SIGTRAP, with the watchpoint touched if any;
 * shutdown: SIGQUIT; else SIGINT). */
void gdb_stopped(GdbStub *g, VmCtl *vm);

/* Fuzzing and tests: a stub without a connection that takes bytes as if gdb had sent them;
 * its replies go to out_fd (-1: dropped). */
GdbStub *gdb_new_unconnected(int out_fd);
void gdb_input(GdbStub *g, VmCtl *vm, const void *buf, size_t len);

#endif
