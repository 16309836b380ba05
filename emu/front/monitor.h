/* monitor.h: what pcemu does around a running machine: -loadvm, -snapshot save, and the
 * loop that runs the machine between the commands of the human monitor (-monitor,
 * emu/front/hmp.h), the QMP monitor (-qmp, emu/remote/qmp.h) and the gdb stub (-gdb, -s, emu/remote/gdbstub.h).
 * The run state and how guest progress relates to monitor input: runstate.h. */
#ifndef PCEMU_MONITOR_H
#define PCEMU_MONITOR_H

#include "emu/base/base.h"
#include "emu/machine/machine.h"
#include "emu/vmctl/runstate.h"

/* The snapshot and monitor options of the command line (cmdline.c fills them). */
typedef struct MonitorOpts {
    const char *save_name;   /* -snapshot save NAME: run to the stop condition, save, exit */
    const char *loadvm;      /* -loadvm NAME: start from snapshot NAME */
    const char *hmp;         /* -monitor stdio | unix:PATH,server=on,wait=off */
    const char *qmp;         /* -qmp unix:PATH,server=on,wait=off | stdio */
    const char *gdb;         /* -gdb tcp::PORT | tcp:HOST:PORT | unix:PATH; -s = tcp::1234 */
    /* the command line's character devices for query-chardev: the -chardev ones, then
     * the serial port ("serial0", last); filenames as QEMU writes them */
    VmChardev chardevs[VM_MAX_CHARDEVS];
    char chardev_files[VM_MAX_CHARDEVS][280];
    int n_chardevs;
    const char *node_names[MACHINE_MAX_DRIVES];   /* -drive node-name=, by drive index */
    bool no_shutdown;        /* -no-shutdown: a guest poweroff stops the machine, pcemu stays */
} MonitorOpts;

/* True when any of the options was given (main then hands the run to monitor_main). */
bool monitor_wanted(const MonitorOpts *o);

/* The whole run for main: -loadvm, then either the monitors' loop or a plain run to the
 * stop condition, then -snapshot save. paused = -S. Returns the exit status (0, 1 on an
 * error reported on stderr, 2 when the guest stopped for good before the condition). */
int monitor_main(Machine **m, const MachineLimits *lim, bool paused, const MonitorOpts *o);

#endif
