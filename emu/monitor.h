/* monitor.h: what pcemu does around a running machine: the snapshot options of the command
 * line (-snapshot save NAME, -loadvm NAME), the human monitor (-monitor, QEMU's HMP
 * commands and output), the QMP monitor (-qmp, emu/qmp.h) and the gdb stub (-gdb, -s,
 * emu/gdbstub.h), and the loop that runs the machine between monitor commands.
 *
 * Determinism: the machine runs in slices of MONITOR_SLICE instructions (virtual time);
 * monitors are polled only between slices, and every command acts at that instruction
 * boundary. The complete command lines available at a boundary are handled there, in
 * order, up to and including one that starts the machine (cont, or loadvm of a running
 * machine): the machine then runs one slice before the next is read. So a command script
 * fed at once (a pipe, a file) always acts at the same instructions: 'cont' then
 * 'savevm a' saves at MONITOR_SLICE instructions after the cont; commands typed or sent later act at the next
 * boundary after they arrive, which depends on host timing. For exact points use -S,
 * -run-until (the machine stops there and waits for commands) and stop/cont. */
#ifndef PCEMU_MONITOR_H
#define PCEMU_MONITOR_H

#include "emu/base.h"
#include "emu/machine.h"

#define MONITOR_SLICE 1000000u      /* instructions between two looks at the monitors */

/* The options this file owns, taken out of argv before cmdline_parse sees it. */
typedef struct MonitorOpts {
    const char *save_name;   /* -snapshot save NAME: run to the stop condition, save, exit */
    const char *loadvm;      /* -loadvm NAME: start from snapshot NAME */
    const char *hmp;         /* -monitor stdio | unix:PATH,server=on,wait=off */
    const char *qmp;         /* -qmp unix:PATH,server=on,wait=off | stdio */
    const char *gdb;         /* -gdb tcp::PORT | tcp:HOST:PORT | unix:PATH; -s = tcp::1234 */
} MonitorOpts;

/* Removes the options above from argv (argc updated, argv stays NULL-terminated).
 * Returns 0 or -EINVAL with err (a missing argument, -snapshot without 'save'). */
int monitor_take_options(int *argc, char **argv, MonitorOpts *o, Err *err);
/* The -help lines of these options. */
const char *monitor_usage(void);
/* True when any of the options was given (main then hands the run to monitor_main). */
bool monitor_wanted(const MonitorOpts *o);

/* A machine and its run state, shared by the HMP and QMP command handlers. */
typedef struct VmCtl {
    Machine *m;              /* replaced by loadvm */
    bool running;            /* 'cont'ed: the loop runs slices */
    bool quit;
    const char *status;      /* QEMU RunState name: "running", "paused", "prelaunch",
                                "shutdown", "restore-vm" */
    MachineLimits lim;       /* the command line's stop condition, over the whole run */
    bool lim_on;             /* lim still applies (off once reached) */
    bool lim_sliced;         /* a slice of lim has run (serial text may span slices) */
    uint64_t icount0;        /* clock.icount when the run began (for lim.until_icount) */
    int64_t ns0;             /* virtual ns when the run began (for lim.run_for_ns) */
    struct Qmp *qmp;         /* for events, or NULL */
} VmCtl;

/* A growing text buffer for command output. */
typedef struct MonOut { char *buf; size_t len, cap; } MonOut;
void monout_printf(MonOut *o, const char *fmt, ...) PRINTF_LIKE(2, 3);
void monout_free(MonOut *o);

/* One HMP command line, output appended to out (QEMU's text, "Error: ..." on failure). */
void hmp_execute(VmCtl *vm, const char *line, MonOut *out);
/* The VM state changes the monitors share (they also emit QMP events). */
void vm_stop(VmCtl *vm, const char *status);
void vm_cont(VmCtl *vm);
void vm_system_reset(VmCtl *vm, bool from_qmp);
/* Host UTC time for the snapshot table date (read here, never in the machine). */
void monitor_host_time(uint32_t *sec, uint32_t *nsec);

/* The whole run for main: -loadvm, then either the monitors' loop or a plain run to the
 * stop condition, then -snapshot save. paused = -S. Returns the exit status (0, 1 on an
 * error reported on stderr, 2 when the guest stopped for good before the condition). */
int monitor_main(Machine **m, const MachineLimits *lim, bool paused, const MonitorOpts *o);

/* ---- transport, shared with qmp.c: stdio or a unix socket server ---- */
typedef struct MonConn {
    int listen_fd;           /* -1 for stdio */
    int in_fd, out_fd;       /* -1 while no client is connected */
    char in[65536];          /* received, not yet handled */
    size_t in_len;
    bool eof;                /* stdio: input ended */
} MonConn;
/* spec: "stdio", "unix:PATH[,server=on|,server][,wait=off|,nowait]" or the same with
 * "tcp:[HOST]:PORT" (no HOST: every address) (server required). */
int monconn_open(MonConn *c, const char *spec, Err *err);
void monconn_close(MonConn *c);
/* The fd to poll for input (a client, or the listening socket), -1 none. */
int monconn_poll_fd(const MonConn *c);
/* After poll says readable: accepts a client (returns 1 = new client) or reads input
 * (0; a closed client returns 2). */
int monconn_service(MonConn *c);
void monconn_write(MonConn *c, const char *buf, size_t len);

#endif
