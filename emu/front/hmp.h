/* hmp.h: the human monitor (-monitor), QEMU 7.2's HMP with the commands scripts need around
 * snapshots: savevm, loadvm, delvm, info snapshots|registers|status, stop, cont,
 * system_reset, quit, help. QEMU's output texts, the "(qemu) " prompt, lines ending in
 * CRLF. The loop of monitor.c calls it between run slices (runstate.h). */
#ifndef PCEMU_HMP_H
#define PCEMU_HMP_H

#include "emu/base/base.h"
#include "emu/vmctl/monconn.h"
#include "emu/vmctl/runstate.h"

typedef struct Hmp Hmp;

/* spec as monconn_open takes it. A client already there (stdio) is greeted. NULL on error. */
Hmp *hmp_open(const char *spec, Err *err);
void hmp_close(Hmp *h);
/* The fd to poll for input, -1 none (stdio input ended). */
int hmp_poll_fd(const Hmp *h);
/* After poll says readable: greets a new client or reads input, then hmp_lines(). The end
 * of stdio input quits (vm->quit), as the end of a command script does. */
void hmp_service(Hmp *h, VmCtl *vm);
/* Handles every complete line of input, up to and including one that starts the machine
 * (the machine then runs a slice before the next line: runstate.h). */
void hmp_lines(Hmp *h, VmCtl *vm);
/* One command line, output appended to out (QEMU's text, "Error: ..." on failure). A
 * VmHmpFn (runstate.h): QMP's human-monitor-command and gdb's monitor come here. */
void hmp_execute(VmCtl *vm, const char *line, MonOut *out);

#endif
