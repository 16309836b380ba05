/* qmp.h: the QMP monitor (-qmp), QEMU 7.2's JSON protocol (docs/interop/qmp-spec.txt)
 * with the commands scripts need around snapshots: qmp_capabilities, query-status, stop,
 * cont, quit, system_reset, human-monitor-command, snapshot-save, snapshot-load,
 * snapshot-delete (background jobs in QEMU 7.2: JOB_STATUS_CHANGE events, query-jobs,
 * job-dismiss), the removable-media commands of qmp_media.h, and events STOP, RESUME,
 * RESET, SHUTDOWN, DEVICE_TRAY_MOVED. The loop of monitor.c calls it
 * between run slices, so every command acts at an instruction boundary.
 * human-monitor-command runs the VmCtl's human monitor (runstate.h), which this file does
 * not know. */
#ifndef PCEMU_QMP_H
#define PCEMU_QMP_H

#include <jansson.h>

#include "emu/base/base.h"
#include "emu/vmctl/monconn.h"
#include "emu/vmctl/runstate.h"

/* The package string of query-version and the greeting (QEMU: the distribution's). */
#define QMP_PACKAGE "pcemu"

typedef struct Qmp Qmp;

/* spec as for -monitor ("unix:PATH,server=on,wait=off" or "stdio"); a client already there
 * (stdio) gets the greeting. NULL on error. */
Qmp *qmp_open(const char *spec, Err *err);
void qmp_close(Qmp *q);
/* The fd to poll for input, -1 none. */
int qmp_poll_fd(const Qmp *q);
/* After poll says readable: greets a new client or reads input, then qmp_lines(). */
void qmp_service(Qmp *q, VmCtl *vm);
/* Handles every complete JSON command in the connection's input, up to and including one
 * that starts the machine (the machine then runs a slice before the next: runstate.h). */
void qmp_lines(Qmp *q, VmCtl *vm);
/* Sends {"timestamp": ..., "event": name[, "data": data_json]} to the client, if any: a
 * VmEventFn (runstate.h) whose opaque is the Qmp. */
void qmp_vm_event(void *q, const char *name, const char *data_json);

/* The result of an argument-less query command ("query-block", "query-version", "query-chardev",
 * ...), as its "return" member; a new reference, NULL for another name. The human monitor
 * formats its info commands from these, as QEMU's does. */
json_t *qmp_query(VmCtl *vm, const char *cmd);
/* QEMU's name of the drive at IDE index: "ide0-hd0", or "ide1-cd0" for a CD-ROM. */
const char *qmp_drive_name(Machine *m, int index, char buf[16]);
/* QEMU's QOM path of the ide-hd device of IDE index (query-block's "qdev"), in buf. */
const char *qmp_drive_qdev(Machine *m, int index, char buf[40]);

#endif
