/* main.c: the pcemu program: parse the command line (cmdline.c), build the machine
 * (machine.c), run it to the requested stop, report. Every error is one line on stderr,
 * "pcemu: ...", and exit status 1; a guest that stops for good before the requested
 * condition exits with 2 (see cmdline_usage()). */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "emu/front/cmdline.h"
#include "emu/machine/machine.h"
#include "emu/front/monitor.h"
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
        printf("%-20s %s\n", t->name, t->desc);
    }
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
    case CMDLINE_CPU_HELP:
        cpu_model_print_list(stdout);
        cmdline_free(&c);
        return 0;
    default:
        break;
    }
    trace_mask = c.trace_mask;
    if (c.trace_file)
        trace_set_file(c.trace_file);
    c.mc.rtc_base = rtc_start(c.rtc, c.mc.rtc_base);
    if (cmdline_open_chardevs(&c, &e) < 0) {
        cmdline_free(&c);
        return fail(&e);
    }

    Machine *m = NULL;
    int status = 0;
    if (machine_new(&c.mc, &m, &e) < 0) {
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
        MachineStop why;
        if (machine_run(m, &c.limits, &why, &e) < 0) {
            status = fail(&e);
        } else if (why == MACHINE_STOP_DEAD) {
            const Clock *clk = machine_clock(m);
            fprintf(stderr, "pcemu: the guest %s (virtual time %" PRId64 " ns)\n",
                    machine_stop_name(why), clock_ns(clk));
            status = 2;
        }
    }
    machine_free(m);
    cmdline_free(&c);
    return status;
}
