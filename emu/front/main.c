/* main.c: the pcemu program: parse the command line (cmdline.c), build the machine
 * (machine.c), run it to the requested stop, report. Every error is one line on stderr,
 * "pcemu: ...", and exit status 1; a guest that stops for good before the requested
 * condition exits with 2 (see cmdline_usage()). */
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <time.h>
#include <unistd.h>

#include "emu/front/cmdline.h"
#include "emu/machine/machine.h"
#include "emu/front/monitor.h"
#include "emu/front/termsig.h"
#include "emu/vmctl/runstate.h"
#include "snapshot/format/stream.h"
#include "snapshot/format/vmstate.h"

#define PCEMU_VERSION "0.1"

static int fail(const Err *e)
{
    fprintf(stderr, "pcemu: %s\n", e->msg[0] ? e->msg : "error");
    return 1;
}

/* The VM description every savevm ends with (migration-stream.md 7): page size and, per
 * section in stream order, its name, instance and table, with the sizes one save of the
 * machine's current state produces. */
static int dump_vmstate(Machine *m, const char *path, Err *err)
{
    JsonBuf j = { 0 };
    Stream *s = stream_open_membuf();
    int n, r = 0;
    const MachineSection *sec = machine_sections(m, &n);
    json_open(&j, NULL, '{');
    json_int(&j, "page_size", BUS_PAGE_SIZE);
    json_open(&j, "devices", '[');
    for (int i = 0; i < n && r == 0; i++) {
        if (sec[i].vmsd->needed && !sec[i].vmsd->needed(sec[i].opaque))
            continue;   /* not sent in this state (an SPD EEPROM nobody read) */
        json_open(&j, NULL, '{');
        json_str(&j, "name", sec[i].idstr);
        json_int(&j, "instance_id", sec[i].instance_id);
        r = vms_save(s, sec[i].vmsd, sec[i].opaque, &j, err);
        json_close(&j, '}');
    }
    json_close(&j, ']');
    json_close(&j, '}');
    stream_close(s, NULL);
    if (r < 0) {
        json_free(&j);
        return r;
    }
    FILE *f = strcmp(path, "-") ? fopen(path, "w") : stdout;
    if (!f) {
        r = ERR(err, -errno, "-dump-vmstate %s: %s", path, strerror(errno));
    } else {
        fwrite(j.buf, 1, j.len, f);
        fputc('\n', f);
        if ((f == stdout ? fflush(f) : fclose(f)) != 0)
            r = ERR(err, -EIO, "-dump-vmstate %s: write failed", path);
    }
    json_free(&j);
    return r;
}

static void print_machines(void)
{
    printf("Supported machines are:\n");
    for (const MachineType *t = machine_types; t->name; t++) {
        if (t->alias)
            printf("%-20s %s (alias of %s)\n", t->alias, t->desc, t->name);
        printf("%-20s %s%s\n", t->name, t->desc, t == machine_types ? " (default)" : "");
    }
    printf("Each is QEMU's -nodefaults machine with ACPI, HPET and vmport (cpu qemu32 with its APIC);\n"
           "-M pc-i440fx-7.2,acpi=off,hpet=off,vmport=off -cpu pentium2,-apic,... is the reduced PC\n"
           "(-cpu help names its CPU).\n");
}

/* -rtc base=utc|localtime: the host's time now, read once at start-up; the machine itself
 * never reads a host clock. */
static int64_t rtc_start(CmdlineRtc mode, int64_t fixed)
{
    if (mode == CMDLINE_RTC_FIXED)
        return fixed;
    time_t now = time(NULL);
    if (mode == CMDLINE_RTC_LOCALTIME) {
        struct tm tm;
        localtime_r(&now, &tm);
        return (int64_t)now + tm.tm_gmtoff;
    }
    return (int64_t)now;
}

/* -pidfile: created, locked and written as QEMU does (mode 0600, the lock refuses a second
 * pcemu on the same file). Returns the open file, kept for the lock, or -1 after err. */
static int pidfile_write(const char *path, Err *err)
{
    int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0)
        return ERR(err, -errno, "cannot create PID file: Cannot open pid file: %s", strerror(errno));
    if (lockf(fd, F_TLOCK, 0) < 0) {
        int e = errno;
        close(fd);
        return ERR(err, -e, "cannot create PID file: Cannot lock pid file: %s", strerror(e));
    }
    char buf[32];
    int n = snprintf(buf, sizeof buf, "%d\n", (int)getpid());
    if (ftruncate(fd, 0) < 0 || write(fd, buf, (size_t)n) != n) {
        int e = errno;
        close(fd);
        unlink(path);
        return ERR(err, -e, "cannot create PID file: Failed to write pid file: %s", strerror(e));
    }
    return fd;
}

/* QEMU's trace categories are its -d items; pcemu's are its own trace() groups. */
static void print_trace_help(void)
{
    printf("Log items (comma separated):\n"
           "cpu             exceptions and CPU mode switches\n"
           "int             interrupts taken\n"
           "io              port accesses no device claims\n"
           "dev             device register oddities\n"
           "block           qcow2 metadata decisions\n"
           "snap            savevm/loadvm sections\n"
           "mmu             page faults\n");
}

/* A machine without a display, a serial port, a debug console or a monitor shows nothing:
 * say so once, as a QEMU user expects to see the guest (not after -display none, which
 * asks for exactly that). */
static void warn_if_silent(const Cmdline *c)
{
    if (c->paused || c->serial || c->mc.nographic || c->mc.n_debugcon || c->mon.hmp ||
        c->mon.qmp || c->mon.gdb || c->display_none)
        return;
    fprintf(stderr, "pcemu: no display and no serial port: the guest's output is not shown "
            "(pcemu has no graphics; -nographic or -serial stdio puts COM1 on this terminal)\n");
}

/* The run without monitors: slices to the stop condition, so that a signal ends it at a
 * slice boundary (termsig.h). Returns the exit status. */
static int plain_run(Machine *m, const Cmdline *c)
{
    Err e = { 0 };
    VmCtl vm = { .m = m, .status = "running", .running = true };
    vm_set_limits(&vm, &c->limits);
    int r = 0;
    while (r == 0 && !termsig_pending())
        r = vm_run_slice(&vm, &e);
    if (r < 0)
        return fail(&e);
    while (r == 4 && c->no_shutdown && !termsig_pending())   /* guest poweroff: QEMU stays */
        termsig_poll(NULL, 0, -1);
    if (r == 2) {
        fprintf(stderr, "pcemu: the guest %s (virtual time %" PRId64 " ns)\n",
                machine_stop_name(MACHINE_STOP_DEAD), clock_ns(machine_clock(m)));
        return 2;
    }
    /* -no-shutdown -no-reboot without another stop condition: the run stopped at the
     * guest's reset request, and the machine stays stopped; with nothing to resume it,
     * only a signal ends pcemu, as QEMU without a monitor. */
    const MachineLimits *l = &c->limits;
    bool reset_only = !l->serial_text && !l->until_halt && !l->until_icount && !l->run_for_ns;
    while (r == 1 && c->no_shutdown && c->mc.no_reboot && reset_only && !termsig_pending())
        termsig_poll(NULL, 0, -1);
    return 0;
}

int main(int argc, char **argv)
{
    Cmdline c;
    Err e = { 0 };
    signal(SIGPIPE, SIG_IGN);   /* a closed stdout or socket is an error, not a kill */
    if (cmdline_parse(argc, argv, &c, &e) < 0) {
        cmdline_free(&c);
        return fail(&e);
    }
    switch (c.action) {
    case CMDLINE_HELP:
        fputs(cmdline_usage(), stdout);
        cmdline_free(&c);
        return 0;
    case CMDLINE_VERSION:
        printf("pcemu version " PCEMU_VERSION " (machine %s, QEMU 7.2 savevm format)\n",
               machine_types[0].name);
        cmdline_free(&c);
        return 0;
    case CMDLINE_MACHINE_HELP:
        print_machines();
        cmdline_free(&c);
        return 0;
    case CMDLINE_TRACE_HELP:
        print_trace_help();
        cmdline_free(&c);
        return 0;
    case CMDLINE_CPU_HELP:
        cpu_model_print_list(stdout);
        cmdline_free(&c);
        return 0;
    default:
        break;
    }
    termsig_install();
    int pid_fd = -1;
    char *pidfile = c.pidfile ? xstrdup(c.pidfile) : NULL;   /* outlives cmdline_free */
    if (pidfile && (pid_fd = pidfile_write(pidfile, &e)) < 0) {
        free(pidfile);
        cmdline_free(&c);
        return fail(&e);
    }
    if (c.process_name)
        prctl(PR_SET_NAME, c.process_name);
    trace_mask = c.trace_mask;
    if (c.trace_file)
        trace_set_file(c.trace_file);
    c.mc.rtc_base = rtc_start(c.rtc, c.mc.rtc_base);

    Machine *m = NULL;
    int status = 0;
    if (cmdline_open_chardevs(&c, &e) < 0 || machine_new(&c.mc, &m, &e) < 0) {
        status = fail(&e);
    } else if (c.action == CMDLINE_DUMP_VMSTATE) {
        /* With a -run-until/-run-for, describe the state at that stop: fields and
         * subsections that QEMU sends only in some states (IDE's identify_data after an
         * IDENTIFY) then appear as after the same boot on QEMU. */
        MachineStop why;
        bool run = c.limits.serial_text || c.limits.until_halt || c.limits.until_icount ||
                   c.limits.run_for_ns;
        if ((run && machine_run(m, &c.limits, &why, &e) < 0) ||
            dump_vmstate(m, c.dump_vmstate, &e) < 0)
            status = fail(&e);
    } else if (monitor_wanted(&c.mon)) {
        status = monitor_main(&m, &c.limits, c.paused, &c.mon);
    } else if (!c.paused) {
        warn_if_silent(&c);
        status = plain_run(m, &c);
    }
    chardev_end_line(c.mc.serial);   /* a stop in the middle of the guest's line */
    machine_free(m);
    cmdline_free(&c);
    if (termsig_pending()) {
        termsig_report();
        status = 0;   /* QEMU's status after a terminating signal */
    }
    if (pid_fd >= 0) {
        unlink(pidfile);
        close(pid_fd);
    }
    free(pidfile);
    return status;
}
