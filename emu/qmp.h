/* qmp.h: the QMP monitor (-qmp), QEMU 7.2's JSON protocol (docs/interop/qmp-spec.txt)
 * with the commands scripts need around snapshots: qmp_capabilities, query-status, stop,
 * cont, quit, system_reset, human-monitor-command, snapshot-save, snapshot-load,
 * snapshot-delete (background jobs in QEMU 7.2: JOB_STATUS_CHANGE events, query-jobs,
 * job-dismiss), and events STOP, RESUME, RESET, SHUTDOWN. The loop of monitor.c calls it
 * between run slices, so every command acts at an instruction boundary. human-monitor-command
 * runs the VmCtl's human monitor (runstate.h), which this file does not know. */
#ifndef PCEMU_QMP_H
#define PCEMU_QMP_H

#include "emu/base.h"
#include "emu/monconn.h"
#include "emu/runstate.h"

typedef struct Qmp Qmp;

/* spec as for -monitor ("unix:PATH,server=on,wait=off" or "stdio"). NULL on error. */
Qmp *qmp_open(const char *spec, Err *err);
void qmp_close(Qmp *q);
MonConn *qmp_conn(Qmp *q);
/* The greeting, sent to each new client. */
void qmp_greet(Qmp *q);
/* Handles every complete JSON command in the connection's input. */
void qmp_lines(Qmp *q, VmCtl *vm);
/* Sends {"timestamp": ..., "event": name[, "data": data_json]} to the client, if any: a
 * VmEventFn (runstate.h) whose opaque is the Qmp. */
void qmp_vm_event(void *q, const char *name, const char *data_json);

#endif
