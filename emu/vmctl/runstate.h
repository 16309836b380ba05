/* runstate.h: a machine and its run state (QEMU's RunState) as the monitors see it: the
 * stop/cont transitions every monitor shares, and the machine run in slices between
 * monitor commands.
 *
 * Determinism: the machine runs in slices of VM_SLICE instructions (virtual time); monitors
 * are polled only between slices, and every command acts at that instruction boundary.
 * The complete command lines available at a boundary are handled there, in order, up to and
 * including one that starts the machine (cont, or loadvm of a running machine): the machine
 * then runs one slice before the next is read. So a command script fed at once (a pipe, a
 * file) always acts at the same instructions: 'cont' then 'savevm a' saves at VM_SLICE
 * instructions after the cont; commands typed or sent later act at the next boundary after
 * they arrive, which depends on host timing. For exact points use -S, -run-until (the
 * machine stops there and waits for commands) and stop/cont. */
#ifndef PCEMU_RUNSTATE_H
#define PCEMU_RUNSTATE_H

#include "emu/base/base.h"
#include "emu/machine/machine.h"
#include "emu/vmctl/monconn.h"

#define VM_SLICE 1000000u      /* instructions between two looks at the monitors */

typedef struct VmCtl VmCtl;
/* A monitor that reports state changes (QMP's events): name and data as QMP sends them,
 * data_json a JSON object or NULL. */
typedef void VmEventFn(void *opaque, const char *name, const char *data_json);
/* The human monitor's command runner, for QMP's human-monitor-command and gdb's monitor. */
typedef void VmHmpFn(VmCtl *vm, const char *line, MonOut *out);

/* A character device as query-chardev and info chardev show it. */
typedef struct VmChardev {
    const char *label;       /* "serial0", a -chardev id, "compat_monitor0" */
    const char *filename;    /* QEMU's: "stdio", "file", "unix:PATH,server=on", ... */
} VmChardev;

#define VM_MAX_CHARDEVS 16

/* A machine and its run state, shared by the monitors' command handlers. */
struct VmCtl {
    Machine *m;              /* replaced by loadvm */
    bool running;            /* 'cont'ed: the loop runs slices */
    bool quit;
    const char *status;      /* QEMU RunState name: "running", "paused", "prelaunch",
                                "shutdown", "restore-vm", "save-vm", "debug", "suspended" */
    MachineLimits lim;       /* the command line's stop condition, over the whole run */
    bool lim_on;             /* lim still applies (off once reached) */
    bool lim_sliced;         /* a slice of lim has run (serial text may span slices) */
    uint64_t icount0;        /* clock.icount when the run began (for lim.until_icount) */
    int64_t ns0;             /* virtual ns when the run began (for lim.run_for_ns) */
    VmEventFn *event;        /* state changes go here, or NULL */
    void *event_opaque;
    VmHmpFn *hmp;            /* NULL: no human monitor (then QMP and gdb have none either) */
    const char *name;        /* -name, or NULL */
    char fmt_format;         /* the human monitor's x/xp/print defaults (QEMU keeps the */
    int fmt_size;            /* last /fmt given): 'x' and 4 once set, 0 before */
    bool hmp_arg_error;      /* set by a human monitor command whose arguments did not
                                parse: the monitor adds QEMU's 'Try "help CMD"' line */
    VmChardev chardevs[VM_MAX_CHARDEVS];   /* in QEMU's order (query-chardev) */
    const char *node_names[MACHINE_MAX_DRIVES];  /* -drive node-name= by IDE index, or NULL */
    int n_chardevs;
};

/* The transitions (diagram in runstate.c); they report STOP, RESUME and RESET events. */
void vm_stop(VmCtl *vm, const char *status);
void vm_cont(VmCtl *vm);
/* The monitors' stop: paused, but only from running (prelaunch and debug stay, as QEMU). */
void vm_pause(VmCtl *vm);
void vm_system_reset(VmCtl *vm, bool from_qmp);
/* The power button (HMP/QMP system_powerdown): the POWERDOWN event, then the guest's ACPI
 * sees it (machine_powerdown). */
void vm_powerdown(VmCtl *vm);
/* The monitors' system_wakeup (QEMU's qmp_system_wakeup): NULL, or QEMU's error text. */
const char *vm_wakeup(VmCtl *vm);
/* QEMU's runstate_is_running(): cont'ed and not suspended (query-status's "running"). */
bool vm_is_running(const VmCtl *vm);
/* Sets the command line's stop condition (lim may be NULL: none), counted from now. */
void vm_set_limits(VmCtl *vm, const MachineLimits *lim);
/* Runs one slice: what is left of the stop condition, capped at VM_SLICE instructions.
 * Returns 0 (the slice ran), 1 (the stop condition was reached: paused), 2 (the guest
 * stopped for good: shutdown), 3 (a breakpoint or watchpoint: debug), 4 (the guest
 * powered off: shutdown, after a SHUTDOWN event) or -1 with err. */
int vm_run_slice(VmCtl *vm, Err *err);
/* Host UTC time for the snapshot table date (read here, never in the machine). */
void vm_host_time(uint32_t *sec, uint32_t *nsec);

#endif
