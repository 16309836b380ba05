/* monitor.c: the run for main (-loadvm, -snapshot save): a plain run to the stop condition,
 * or the loop that runs the machine in slices (runstate.h) and between them serves the
 * human monitor (hmp.c), QMP (qmp.c) and the gdb stub (gdbstub.c). Monitor input while the
 * machine runs is read only between slices. */
#include "emu/front/monitor.h"

#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "emu/remote/gdbstub.h"
#include "emu/front/hmp.h"
#include "emu/front/termsig.h"
#include "emu/remote/qmp.h"
#include "emu/remote/qmp_media.h"
#include "emu/vmctl/progress.h"
#include "snapshot/vm/loadvm.h"
#include "snapshot/vm/savevm.h"

bool monitor_wanted(const MonitorOpts *o)
{
    return o->save_name || o->loadvm || o->hmp || o->qmp || o->gdb;
}

/* ---- the run ---- */

static int save_at_exit(VmCtl *vm, const char *name)
{
    Err e = { 0 };
    SavevmOpts o = { .replace = true };
    SavevmInfo info;
    Progress pr;
    vm_host_time(&o.date_sec, &o.date_nsec);
    chardev_end_line(machine_config(vm->m)->serial);   /* the guest's line, then ours */
    progress_start(&pr, progress_save_total(vm->m), "savevm '%s'", name);
    o.progress = progress_update;
    o.progress_opaque = &pr;
    int r = savevm(vm->m, name, &o, &info, &e);
    progress_end(&pr);
    if (r < 0) {
        fprintf(stderr, "pcemu: savevm %s: %s\n", name, e.msg);
        return 1;
    }
    char nm[16];
    fprintf(stderr, "pcemu: saved snapshot '%s': %" PRIu64 " bytes of VM state on %s, %d disk(s), "
            "virtual clock %" PRId64 " ns, %" PRIu64 " instructions\n", name, info.vm_state_size,
            savevm_drive_name(info.vmstate_drive, nm), info.ndisks, info.vm_clock_ns, info.icount);
    return 0;
}

/* A run without monitors: one machine_run to the stop condition, then -snapshot save. */
static int plain_run(VmCtl *vm, const MachineLimits *lim, bool paused, const char *save_name)
{
    Err e = { 0 };
    int status = 0;
    if (!paused) {
        int r = 0;
        vm_set_limits(vm, lim);
        while (r == 0 && !termsig_pending())   /* slices: a signal ends the run between two */
            r = vm_run_slice(vm, &e);
        if (termsig_pending()) {
            return 0;   /* main reports it; nothing is saved */
        } else if (r < 0) {
            fprintf(stderr, "pcemu: %s\n", e.msg);
            status = 1;
        } else if (r == 2) {
            MachineStop why = MACHINE_STOP_DEAD;
            fprintf(stderr, "pcemu: the guest %s (virtual time %" PRId64 " ns)\n",
                    machine_stop_name(why), clock_ns(machine_clock(vm->m)));
            status = save_name ? 0 : 2;
        }
    }
    if (status != 1 && save_name)
        status = save_at_exit(vm, save_name);
    return status;
}

/* The monitors the command line asked for (NULL: not asked for). */
typedef struct Monitors {
    Hmp *hmp;
    Qmp *qmp;
    GdbStub *gdb;
    char names[2][600];      /* the monitors' chardev filename (first half) and label */
} Monitors;

static void monitors_close(Monitors *mon)
{
    gdb_close(mon->gdb);
    qmp_close(mon->qmp);
    hmp_close(mon->hmp);
}

/* A monitor's chardev as QEMU's query-chardev names it: "stdio", or the socket address
 * with server=on and without the wait option ("unix:/tmp/m.sock,server=on"). */
static void add_monitor_chardev(VmCtl *vm, const char *spec, char *buf, size_t n)
{
    if (vm->n_chardevs == VM_MAX_CHARDEVS)
        return;
    size_t len = strcspn(spec, ",");
    snprintf(buf, n, "%.*s%s", (int)len, spec, strcmp(spec, "stdio") ? ",server=on" : "");
    int k = 0;   /* monitors come before the serial port: count the ones named so far */
    for (int i = 0; i < vm->n_chardevs; i++)
        k += !strncmp(vm->chardevs[i].label, "compat_monitor", 14);
    snprintf(buf + n / 2, n / 2, "compat_monitor%d", k);
    vm->chardevs[vm->n_chardevs++] = (VmChardev){ .label = buf + n / 2, .filename = buf };
}

/* Opens -monitor, -qmp and -gdb, in that order, and wires QMP's events to vm. Returns 0,
 * or -1 after saying why on stderr. */
static int monitors_open(Monitors *mon, VmCtl *vm, const MonitorOpts *o)
{
    Err e = { 0 };
    *mon = (Monitors){ 0 };
    memcpy(vm->node_names, o->node_names, sizeof vm->node_names);
    /* QEMU creates the -chardev ones, then the monitors', then the serial port's */
    bool serial = o->n_chardevs && !strcmp(o->chardevs[o->n_chardevs - 1].label, "serial0");
    for (int i = 0; i < o->n_chardevs - serial; i++)
        vm->chardevs[vm->n_chardevs++] = o->chardevs[i];
    if (o->hmp)
        add_monitor_chardev(vm, o->hmp, mon->names[0], sizeof mon->names[0]);
    if (o->qmp)
        add_monitor_chardev(vm, o->qmp, mon->names[1], sizeof mon->names[1]);
    if (serial && vm->n_chardevs < VM_MAX_CHARDEVS)
        vm->chardevs[vm->n_chardevs++] = o->chardevs[o->n_chardevs - 1];
    if (o->hmp && !(mon->hmp = hmp_open(o->hmp, &e))) {
        fprintf(stderr, "pcemu: -monitor: %s\n", e.msg);
        return -1;
    }
    if (o->qmp) {
        if (!(mon->qmp = qmp_open(o->qmp, &e))) {
            fprintf(stderr, "pcemu: -qmp: %s\n", e.msg);
            monitors_close(mon);
            return -1;
        }
        vm->event = qmp_vm_event;
        vm->event_opaque = mon->qmp;
    }
    if (o->gdb && !(mon->gdb = gdb_open(o->gdb, &e))) {
        fprintf(stderr, "pcemu: %s\n", e.msg);
        monitors_close(mon);
        return -1;
    }
    return 0;
}

/* Waits for monitor input (not at all while the machine runs) and handles what came.
 * Returns false when every monitor's input has ended and nothing runs, or poll failed. */
static bool monitors_poll(Monitors *mon, VmCtl *vm)
{
    struct pollfd p[3];
    int np = 0, hi = -1, qi = -1, gi = -1;
    if (mon->hmp && hmp_poll_fd(mon->hmp) >= 0) {
        hi = np;
        p[np++] = (struct pollfd){ .fd = hmp_poll_fd(mon->hmp), .events = POLLIN };
    }
    if (mon->qmp && qmp_poll_fd(mon->qmp) >= 0) {
        qi = np;
        p[np++] = (struct pollfd){ .fd = qmp_poll_fd(mon->qmp), .events = POLLIN };
    }
    if (mon->gdb && gdb_poll_fd(mon->gdb) >= 0) {
        gi = np;
        p[np++] = (struct pollfd){ .fd = gdb_poll_fd(mon->gdb), .events = POLLIN };
    }
    if (np == 0 && !vm->running)
        return false;
    int pr = termsig_poll(p, (nfds_t)np, vm->running ? 0 : -1);
    if (pr < 0 && errno != EINTR)
        return false;
    const short ready = POLLIN | POLLHUP | POLLERR;
    if (hi >= 0 && (p[hi].revents & ready))
        hmp_service(mon->hmp, vm);
    if (qi >= 0 && !vm->quit && (p[qi].revents & ready))
        qmp_service(mon->qmp, vm);
    if (gi >= 0 && !vm->quit && (p[gi].revents & ready))
        gdb_service(mon->gdb, vm);
    return true;
}

/* The monitors' loop: a slice of the run, then the monitors' input (runstate.h). Returns
 * 0, or 1 after a run error reported on stderr. */
static int monitors_run(Monitors *mon, VmCtl *vm, const MonitorOpts *o)
{
    Err e = { 0 };
    while (!vm->quit && !termsig_pending()) {
        if (vm->running) {
            if (mon->gdb)
                gdb_prepare(mon->gdb, vm);
            qmp_media_watch(vm);   /* the guest's tray moves reach QMP */
            int r = vm_run_slice(vm, &e);
            if (r < 0) {
                fprintf(stderr, "pcemu: %s\n", e.msg);
                return 1;
            }
            if (r == 4 && !o->no_shutdown)
                return 0;   /* guest poweroff: QEMU exits with status 0 */
            if (r == 1 && o->save_name)
                break;   /* -snapshot save with a monitor: save at the stop condition */
            /* -nographic's monitor on the shared terminal: the run ends as without it */
            bool muxed = o->hmp && !strcmp(o->hmp, "mon:stdio");
            if (muxed && r == 2)
                fprintf(stderr, "pcemu: the guest %s (virtual time %" PRId64 " ns)\n",
                        machine_stop_name(MACHINE_STOP_DEAD), clock_ns(machine_clock(vm->m)));
            if (muxed && (r == 1 || r == 2))
                return r == 2 ? 2 : 0;
        }
        if (mon->hmp)
            hmp_lines(mon->hmp, vm);   /* lines left after a cont, now one slice later */
        if (mon->qmp && !vm->quit)
            qmp_lines(mon->qmp, vm);
        if (mon->gdb && !vm->running)
            gdb_stopped(mon->gdb, vm);
        if (vm->quit || !monitors_poll(mon, vm))
            break;
    }
    return 0;
}

/* -loadvm: vm->m was just built by main; on failure main frees it and exits. */
static int load_with_progress(VmCtl *vm, const char *name, Err *e)
{
    Progress pr;
    progress_start(&pr, progress_load_total(vm->m, name), "loadvm '%s'", name);
    int r = loadvm_start(&vm->m, name, progress_update, &pr, e);
    progress_end(&pr);
    return r;
}

int monitor_main(Machine **mp, const MachineLimits *lim, bool paused, const MonitorOpts *o)
{
    Err e = { 0 };
    VmCtl vm = { .m = *mp, .status = paused ? "prelaunch" : "running", .running = !paused,
                 .hmp = hmp_execute };
    Monitors mon;
    int status;
    if (o->loadvm && load_with_progress(&vm, o->loadvm, &e) < 0) {
        fprintf(stderr, "pcemu: -loadvm %s: %s\n", o->loadvm, e.msg);
        status = 1;
    } else if (!o->hmp && !o->qmp && !o->gdb) {
        status = plain_run(&vm, lim, paused, o->save_name);
    } else {
        vm_set_limits(&vm, lim);
        status = 1;
        if (monitors_open(&mon, &vm, o) == 0) {
            status = monitors_run(&mon, &vm, o);
            if (status == 0 && o->save_name && !termsig_pending())
                status = save_at_exit(&vm, o->save_name);
            monitors_close(&mon);
        }
    }
    *mp = vm.m;   /* loadvm replaced the machine (the old one is freed) */
    return status;
}
