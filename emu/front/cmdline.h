/* cmdline.h: the pcemu command line, in QEMU's spelling where QEMU has the option.
 * cmdline_parse() turns argv into a Cmdline (a MachineConfig, the snapshot and monitor
 * options of monitor.h, and what main does with them)
 * without touching anything outside it; cmdline_open_chardevs() then opens the -serial and
 * -chardev back ends and fills the config's Chardev pointers. Every error is one line in
 * err naming the option and what was wrong. The options are listed in cmdline_usage(). */
#ifndef PCEMU_CMDLINE_H
#define PCEMU_CMDLINE_H

#include "emu/base/base.h"
#include "emu/hw/chardev.h"
#include "emu/machine/machine.h"
#include "emu/front/monitor.h"

#define CMDLINE_MAX_CHARDEVS 8
#define CMDLINE_MAX_STRINGS 128

typedef enum CmdlineAction {
    CMDLINE_RUN = 0,
    CMDLINE_HELP,             /* -help, -h */
    CMDLINE_VERSION,          /* -version */
    CMDLINE_MACHINE_HELP,     /* -M help */
    CMDLINE_CPU_HELP,         /* -cpu help */
    CMDLINE_DUMP_VMSTATE,     /* -dump-vmstate FILE, --dump-vmstate (stdout) */
    CMDLINE_TRACE_HELP,       /* -d help */
} CmdlineAction;

typedef enum CmdlineRtc {
    CMDLINE_RTC_UTC = 0,      /* base=utc (default): host UTC time at start-up */
    CMDLINE_RTC_LOCALTIME,    /* base=localtime: host local time at start-up */
    CMDLINE_RTC_FIXED,        /* base=YYYY-MM-DD[THH:MM:SS]: rtc_base holds it */
} CmdlineRtc;

typedef struct CmdlineChardev {
    const char *id;
    ChardevOpts opts;
    Chardev *chr;             /* opened by cmdline_open_chardevs */
} CmdlineChardev;

typedef struct Cmdline {
    CmdlineAction action;
    MachineConfig mc;         /* Chardev pointers filled by cmdline_open_chardevs */
    MachineLimits limits;
    bool paused;              /* -S: build and reset the machine, do not run it */
    MonitorOpts mon;          /* -snapshot save, -loadvm, -monitor, -qmp, -gdb, -s */
    const char *serial;       /* -serial spec; NULL = none given */
    CmdlineChardev chardevs[CMDLINE_MAX_CHARDEVS];
    int n_chardevs;
    Chardev *serial_chr;      /* an anonymous -serial back end (owned here) */
    const char *debugcon_chardev[MACHINE_MAX_DEBUGCON];  /* chardev= of each -device one */
    const char *debugcon_spec;  /* -debugcon SPEC: an isa-debugcon at 0xE9 on SPEC; NULL = none */
    Chardev *debugcon_chr;      /* its back end (owned here), label "debugcon" as in QEMU */
    int echr;                 /* -echr: the multiplexer's escape byte (QEMU's term_escape_char;
                                 any int, only 0..255 can match a byte) */
    CmdlineRtc rtc;
    unsigned trace_mask;      /* -d */
    const char *trace_file;   /* -D */
    const char *dump_vmstate; /* file, or "-" for stdout */
    const char *name;         /* -name guest=NAME; NULL = none */
    const char *process_name; /* -name process=NAME: the thread name main sets */
    const char *pidfile;      /* -pidfile FILE: main writes the pid there, removes it at exit */
    bool no_shutdown;         /* -no-shutdown: a -no-reboot reset pauses, pcemu stays */
    bool display_none;        /* -display none: no display asked for, so none is missed */
    bool monitor_none;        /* -monitor none: no human monitor, not even -nographic's */
    char *strings[CMDLINE_MAX_STRINGS];  /* every string above, freed by cmdline_free */
    int n_strings;
} Cmdline;

/* Parses argv[1..argc) into c (initialised here). Returns 0 or -EINVAL with err. */
int cmdline_parse(int argc, char **argv, Cmdline *c, Err *err);
/* Opens the back ends named by -serial and -chardev and fills c->mc.serial and
 * c->mc.debugcon[].chr. */
int cmdline_open_chardevs(Cmdline *c, Err *err);
/* Closes the back ends and frees the strings. */
void cmdline_free(Cmdline *c);
/* The -help text. */
const char *cmdline_usage(void);

/* Value parsers, exposed for tests. */
int cmdline_parse_size(const char *s, uint64_t *bytes, Err *err);          /* -m: MiB default */
int cmdline_parse_duration(const char *s, int64_t *ns, Err *err);          /* 1.5s, 200ms, 10us, 5ns */
int cmdline_parse_date(const char *s, int64_t *secs, Err *err);            /* UTC */
/* Options parsed in other files (cmdline_chardev.c). -echr: the argument as QEMU 7.2
 * reads it (strtol, base 0: 20, 0x14, 024); no number is QEMU's "Bad argument to echr" on
 * stdout and escape 0, not an error. */
int cmdline_opt_echr(Cmdline *c, const char *v, Err *err);

#endif
