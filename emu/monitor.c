/* monitor.c: the snapshot command-line options, the human monitor (QEMU 7.2's HMP:
 * monitor/hmp-cmds.c, block/monitor/block-hmp-cmds.c, block/qapi.c bdrv_snapshot_dump for
 * the texts) and the loop that runs the machine between monitor commands (runstate.h says
 * how guest progress relates to monitor input). Not provided: the other HMP commands;
 * monitor input while the VM runs is read only between slices. */
#include "emu/monitor.h"

#include <math.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "block/block.h"
#include "block/qcow2.h"
#include "emu/cpu/cpu.h"
#include "emu/gdbstub.h"
#include "emu/qmp.h"
#include "snapshot/loadvm.h"
#include "snapshot/savevm.h"

/* ---- options ---- */

int monitor_take_options(int *argc, char **argv, MonitorOpts *o, Err *err)
{
    memset(o, 0, sizeof *o);
    int out = 1;
    for (int i = 1; i < *argc; i++) {
        const char *a = argv[i];
        if (a[0] == '-' && a[1] == '-')
            a++;
        const char **slot = !strcmp(a, "-loadvm") ? &o->loadvm : !strcmp(a, "-monitor") ? &o->hmp
                          : !strcmp(a, "-qmp") ? &o->qmp : !strcmp(a, "-gdb") ? &o->gdb : NULL;
        if (slot) {
            if (i + 1 >= *argc)
                return ERR(err, -EINVAL, "%s: argument missing", argv[i]);
            *slot = argv[++i];
            continue;
        }
        if (!strcmp(a, "-s")) {   /* QEMU's shorthand */
            o->gdb = "tcp::1234";
            continue;
        }
        if (!strcmp(a, "-snapshot")) {
            if (i + 2 >= *argc || strcmp(argv[i + 1], "save") != 0)
                return ERR(err, -EINVAL, "-snapshot: expected 'save NAME' (pcemu always writes "
                           "its disks; -snapshot save NAME saves snapshot NAME at the stop)");
            o->save_name = argv[i + 2];
            i += 2;
            continue;
        }
        argv[out++] = argv[i];
    }
    argv[out] = NULL;
    *argc = out;
    /* stdin can feed one reader only (QEMU refuses the same) */
    int stdio_users = (o->hmp && !strcmp(o->hmp, "stdio")) + (o->qmp && !strcmp(o->qmp, "stdio"));
    for (int i = 1; stdio_users && i < *argc; i++) {
        const char *a = argv[i][0] == '-' && argv[i][1] == '-' ? argv[i] + 1 : argv[i];
        if (!strcmp(a, "-nographic") ||
            ((!strcmp(a, "-serial") || !strcmp(a, "-chardev")) && i + 1 < *argc &&
             !strncmp(argv[i + 1], "stdio", 5)))
            stdio_users++;
    }
    if (stdio_users > 1)
        return ERR(err, -EINVAL, "cannot use stdio by multiple character devices");
    size_t n = o->save_name ? strlen(o->save_name) : 1;
    if (n == 0 || n > 255)
        return ERR(err, -EINVAL, "-snapshot save: the name must be 1 to 255 bytes");
    return 0;
}

const char *monitor_usage(void)
{
    return "Snapshots and monitors:\n"
           "  -snapshot save NAME            at the stop condition save snapshot NAME into the\n"
           "                                 qcow2 disks (VM state on the first), then exit\n"
           "  -loadvm NAME                   start from snapshot NAME\n"
           "  -monitor stdio|unix:PATH,server=on,wait=off\n"
           "                                 human monitor (savevm, loadvm, delvm, info, stop,\n"
           "                                 cont, system_reset, quit)\n"
           "  -qmp unix:PATH,server=on,wait=off|stdio\n"
           "                                 QMP monitor (snapshot-save/-load/-delete jobs)\n"
           "  -gdb tcp::PORT|tcp:HOST:PORT|unix:PATH\n"
           "                                 gdb stub (target remote :PORT); -s = -gdb tcp::1234\n";
}

bool monitor_wanted(const MonitorOpts *o)
{
    return o->save_name || o->loadvm || o->hmp || o->qmp || o->gdb;
}

/* ---- HMP commands ---- */

/* QEMU's size_to_str(): three significant digits, binary units. */
static void size_str(uint64_t v, char *buf, size_t n)
{
    static const char *const suffixes[] = { "B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB" };
    int e;
    frexp((double)v / (1000.0 / 1024.0), &e);
    int i = (e - 1) / 10;
    if (i < 0)
        i = 0;
    snprintf(buf, n, "%0.3g %s", (double)v / (double)(1ull << (i * 10)), suffixes[i]);
}

/* bdrv_snapshot_dump(): one row (sn) or the header (sn NULL), no newline. */
static void snapshot_dump(MonOut *o, const Qcow2SnapInfo *sn, const char *id)
{
    if (!sn) {
        monout_printf(o, "%-10s%-17s%8s%20s%13s%11s", "ID", "TAG", "VM SIZE", "DATE", "VM CLOCK",
                      "ICOUNT");
        return;
    }
    char date[32], clk[64], size[32], icount[32] = "";
    time_t t = sn->date_sec;
    struct tm tm;
    localtime_r(&t, &tm);
    strftime(date, sizeof date, "%Y-%m-%d %H:%M:%S", &tm);
    uint64_t secs = sn->vm_clock_nsec / 1000000000;
    snprintf(clk, sizeof clk, "%02d:%02d:%02d.%03d", (int)(secs / 3600), (int)((secs / 60) % 60),
             (int)(secs % 60), (int)((sn->vm_clock_nsec / 1000000) % 1000));
    size_str(sn->vm_state_size, size, sizeof size);
    if (sn->icount != UINT64_MAX)
        snprintf(icount, sizeof icount, "%" PRId64, (int64_t)sn->icount);
    monout_printf(o, "%-9s %-16s %8s%20s%13s%11s", id ? id : sn->id, sn->name, size, date, clk,
                  icount);
}

static bool on_all_disks(Machine *m, unsigned mask, const char *name)
{
    for (int i = 0; i < MACHINE_MAX_DRIVES; i++)
        if ((mask & 1u << i) && qcow2_snapshot_find(blk_qcow2(machine_drive(m, i)), name, NULL) < 0)
            return false;
    return true;
}

/* hmp_info_snapshots(): the snapshots of the VM-state disk present on every disk, then each
 * disk's partial ones. */
static void info_snapshots(VmCtl *vm, MonOut *o)
{
    Machine *m = vm->m;
    unsigned mask;
    Err e = { 0 };
    char nm[16];
    if (savevm_pick_disks(m, NULL, &mask, &e) < 0 || !mask) {
        monout_printf(o, "%s\n", e.code ? e.msg : "No block device can accept snapshots");
        return;
    }
    int vmi = 0;
    while (!(mask & 1u << vmi))
        vmi++;
    bool any = false;
    for (int i = 0; i < MACHINE_MAX_DRIVES; i++)
        if ((mask & 1u << i) && qcow2_snapshot_count(blk_qcow2(machine_drive(m, i))) > 0)
            any = true;
    if (!any) {
        monout_printf(o, "There is no snapshot available.\n");
        return;
    }
    Qcow2 *vq = blk_qcow2(machine_drive(m, vmi));
    int n = qcow2_snapshot_count(vq), total = 0;
    monout_printf(o, "List of snapshots present on all disks:\n");
    for (int pass = 0; pass < 2; pass++) {
        for (int k = 0; k < n; k++) {
            Qcow2SnapInfo sn;
            if (qcow2_snapshot_info(vq, k, &sn) < 0 || !on_all_disks(m, mask, sn.name))
                continue;
            if (pass == 0) {
                total++;
                continue;
            }
            snapshot_dump(o, &sn, "--");
            monout_printf(o, "\n");
        }
        if (pass == 0 && total > 0) {
            snapshot_dump(o, NULL, NULL);
            monout_printf(o, "\n");
        }
    }
    if (total == 0)
        monout_printf(o, "None\n");
    for (int i = 0; i < MACHINE_MAX_DRIVES; i++) {
        if (!(mask & 1u << i))
            continue;
        Qcow2 *q = blk_qcow2(machine_drive(m, i));
        bool header = false;
        for (int k = 0; k < qcow2_snapshot_count(q); k++) {
            Qcow2SnapInfo sn;
            if (qcow2_snapshot_info(q, k, &sn) < 0 || on_all_disks(m, mask, sn.name))
                continue;
            if (!header) {
                monout_printf(o, "\nList of partial (non-loadable) snapshots on '%s':\n",
                              savevm_drive_name(i, nm));
                snapshot_dump(o, NULL, NULL);
                monout_printf(o, "\n");
                header = true;
            }
            snapshot_dump(o, &sn, NULL);
            monout_printf(o, "\n");
        }
    }
}

static const char *const hmp_help[] = {
    "cont|c  -- resume emulation",
    "delvm tag -- delete a VM snapshot from its tag",
    "help|? [cmd] -- show the help",
    "info [subcommand] -- show various information about the system state",
    "loadvm tag -- restore a VM snapshot from its tag",
    "quit|q  -- quit the emulator",
    "savevm [tag] -- save a VM snapshot. If no tag is provided, a new snapshot is created",
    "stop|s  -- stop emulation",
    "system_reset  -- reset the system",
    NULL,
};

static const char *const hmp_info_help[] = {
    "info registers [-a|vcpu] -- show the cpu registers (-a: all - show register info for all cpus; vcpu: specific vCPU to query; show the current CPU's registers if omitted)",
    "info snapshots  -- show the currently saved VM snapshots",
    "info status  -- show the current VM status (running|paused)",
    NULL,
};

void hmp_execute(VmCtl *vm, const char *line, MonOut *out)
{
    char buf[1024];
    snprintf(buf, sizeof buf, "%s", line);
    char *save = NULL;
    char *cmd = strtok_r(buf, " \t\r\n", &save);
    char *arg = strtok_r(NULL, " \t\r\n", &save);
    Err e = { 0 };
    if (!cmd)
        return;
    if (!strcmp(cmd, "info")) {
        if (!arg) {
            for (int i = 0; hmp_info_help[i]; i++)
                monout_printf(out, "%s\n", hmp_info_help[i]);
        } else if (!strcmp(arg, "status")) {
            bool run = vm->running;
            monout_printf(out, "VM status: %s", run ? "running" : "paused");
            if (!run && strcmp(vm->status, "paused") != 0)
                monout_printf(out, " (%s)", vm->status);
            monout_printf(out, "\n");
        } else if (!strcmp(arg, "registers")) {
            char regs[4096];
            cpu_format_registers(machine_cpu(vm->m), regs, sizeof regs);
            monout_printf(out, "%s", regs);
        } else if (!strcmp(arg, "snapshots")) {
            info_snapshots(vm, out);
        } else {
            monout_printf(out, "unknown command: 'info %s'\n", arg);
        }
    } else if (!strcmp(cmd, "savevm")) {
        char autoname[32];
        SavevmOpts o = { .replace = true };
        vm_host_time(&o.date_sec, &o.date_nsec);
        if (!arg) {   /* QEMU: vm-YYYYMMDDHHMMSS, local time */
            time_t t = o.date_sec;
            struct tm tm;
            localtime_r(&t, &tm);
            strftime(autoname, sizeof autoname, "vm-%Y%m%d%H%M%S", &tm);
            arg = autoname;
        }
        bool was = vm->running;   /* QEMU's save_snapshot(): vm_stop, save, vm_start */
        const char *status = vm->status;
        vm_stop(vm, "save-vm");
        if (savevm(vm->m, arg, &o, NULL, &e) < 0)
            monout_printf(out, "Error: %s\n", e.msg);
        vm->status = status;
        if (was)
            vm_cont(vm);
    } else if (!strcmp(cmd, "loadvm")) {
        if (!arg) {
            monout_printf(out, "Parameter 'name' is missing\n");
            return;
        }
        bool was = vm->running;
        const char *status = vm->status;
        vm_stop(vm, "restore-vm");
        if (loadvm(&vm->m, arg, &e) < 0) {
            monout_printf(out, "Error: %s\n", e.msg);
            vm->status = status;
        } else if (!was && !strcmp(status, "prelaunch")) {
            vm->status = "paused";
        } else {
            vm->status = status;
        }
        if (was)
            vm_cont(vm);
    } else if (!strcmp(cmd, "delvm")) {
        if (!arg) {
            monout_printf(out, "Parameter 'name' is missing\n");
            return;
        }
        if (delvm(vm->m, arg, NULL, NULL, &e) < 0)
            monout_printf(out, "Error: %s\n", e.msg);
    } else if (!strcmp(cmd, "stop") || !strcmp(cmd, "s")) {
        vm_stop(vm, "paused");
    } else if (!strcmp(cmd, "cont") || !strcmp(cmd, "c")) {
        vm_cont(vm);
    } else if (!strcmp(cmd, "system_reset")) {
        vm_system_reset(vm, false);
    } else if (!strcmp(cmd, "quit") || !strcmp(cmd, "q")) {
        vm->quit = true;
    } else if (!strcmp(cmd, "help") || !strcmp(cmd, "?")) {
        for (int i = 0; hmp_help[i]; i++)
            monout_printf(out, "%s\n", hmp_help[i]);
    } else {
        monout_printf(out, "unknown command: '%s'\n", cmd);
    }
}

/* ---- the run loop ---- */

#define HMP_PROMPT "(qemu) "

static void hmp_greet(MonConn *c)
{
    static const char hello[] = "QEMU 7.2.0 monitor (pcemu) - type 'help' for more information\n"
                                HMP_PROMPT;
    monconn_write(c, hello, sizeof hello - 1);
}

/* Handles every complete line in c's input. */
static void hmp_lines(VmCtl *vm, MonConn *c)
{
    char *nl;
    while (!vm->quit && (nl = memchr(c->in, '\n', c->in_len))) {
        *nl = 0;
        MonOut out = { 0 };
        bool was = vm->running;
        hmp_execute(vm, c->in, &out);
        if (!vm->quit)
            monout_printf(&out, HMP_PROMPT);
        MonOut crlf = { 0 };
        monout_crlf(&crlf, &out);
        monconn_write(c, crlf.buf ? crlf.buf : "", crlf.len);
        monout_free(&crlf);
        monout_free(&out);
        size_t used = (size_t)(nl + 1 - c->in);
        memmove(c->in, nl + 1, c->in_len - used);
        c->in_len -= used;
        if (!was && vm->running)
            break;   /* cont: the machine runs a slice before the next command */
    }
}

static int save_at_exit(VmCtl *vm, const char *name)
{
    Err e = { 0 };
    SavevmOpts o = { .replace = true };
    SavevmInfo info;
    vm_host_time(&o.date_sec, &o.date_nsec);
    if (savevm(vm->m, name, &o, &info, &e) < 0) {
        fprintf(stderr, "pcemu: savevm %s: %s\n", name, e.msg);
        return 1;
    }
    char nm[16];
    fprintf(stderr, "pcemu: saved snapshot '%s': %" PRIu64 " bytes of VM state on %s, %d disk(s), "
            "virtual clock %" PRId64 " ns, %" PRIu64 " instructions\n", name, info.vm_state_size,
            savevm_drive_name(info.vmstate_drive, nm), info.ndisks, info.vm_clock_ns, info.icount);
    return 0;
}

int monitor_main(Machine **mp, const MachineLimits *lim, bool paused, const MonitorOpts *o)
{
    Err e = { 0 };
    VmCtl vm = { .m = *mp, .status = paused ? "prelaunch" : "running", .running = !paused,
                 .hmp = hmp_execute };
    int status = 0;
    if (o->loadvm && loadvm(&vm.m, o->loadvm, &e) < 0) {
        fprintf(stderr, "pcemu: -loadvm %s: %s\n", o->loadvm, e.msg);
        *mp = vm.m;
        return 1;
    }
    vm_set_limits(&vm, lim);

    if (!o->hmp && !o->qmp && !o->gdb) {   /* a plain run: one machine_run to the stop condition */
        if (!paused) {
            MachineStop why;
            if (machine_run(vm.m, lim, &why, &e) < 0) {
                fprintf(stderr, "pcemu: %s\n", e.msg);
                status = 1;
            } else if (why == MACHINE_STOP_DEAD) {
                fprintf(stderr, "pcemu: the guest %s (virtual time %" PRId64 " ns)\n",
                        machine_stop_name(why), clock_ns(machine_clock(vm.m)));
                status = o->save_name ? 0 : 2;
            }
        }
        if (status != 1 && o->save_name)
            status = save_at_exit(&vm, o->save_name);
        *mp = vm.m;
        return status;
    }

    MonConn hmp;
    Qmp *qmp = NULL;
    bool have_hmp = false;
    if (o->hmp) {
        if (monconn_open(&hmp, o->hmp, &e) < 0) {
            fprintf(stderr, "pcemu: -monitor: %s\n", e.msg);
            return 1;
        }
        have_hmp = true;
        if (hmp.in_fd >= 0)
            hmp_greet(&hmp);
    }
    if (o->qmp) {
        if (!(qmp = qmp_open(o->qmp, &e))) {
            fprintf(stderr, "pcemu: -qmp: %s\n", e.msg);
            if (have_hmp)
                monconn_close(&hmp);
            return 1;
        }
        vm.event = qmp_vm_event;
        vm.event_opaque = qmp;
    }
    GdbStub *gdb = NULL;
    if (o->gdb && !(gdb = gdb_open(o->gdb, &e))) {
        fprintf(stderr, "pcemu: %s\n", e.msg);
        if (qmp)
            qmp_close(qmp);
        if (have_hmp)
            monconn_close(&hmp);
        return 1;
    }
    while (!vm.quit) {
        if (vm.running) {
            if (gdb)
                gdb_prepare(gdb, &vm);
            int r = vm_run_slice(&vm, &e);
            if (r < 0) {
                fprintf(stderr, "pcemu: %s\n", e.msg);
                status = 1;
                break;
            }
            if (r == 1 && o->save_name)
                break;   /* -snapshot save with a monitor: save at the stop condition */
        }
        if (have_hmp)
            hmp_lines(&vm, &hmp);   /* lines left after a cont, now one slice later */
        if (qmp && !vm.quit)
            qmp_lines(qmp, &vm);
        if (gdb && !vm.running)
            gdb_stopped(gdb, &vm);
        if (vm.quit)
            break;
        struct pollfd p[3];
        int np = 0, hi = -1, qi = -1, gi = -1;
        if (have_hmp && monconn_poll_fd(&hmp) >= 0) {
            hi = np;
            p[np++] = (struct pollfd){ .fd = monconn_poll_fd(&hmp), .events = POLLIN };
        }
        if (qmp && monconn_poll_fd(qmp_conn(qmp)) >= 0) {
            qi = np;
            p[np++] = (struct pollfd){ .fd = monconn_poll_fd(qmp_conn(qmp)), .events = POLLIN };
        }
        if (gdb && gdb_poll_fd(gdb) >= 0) {
            gi = np;
            p[np++] = (struct pollfd){ .fd = gdb_poll_fd(gdb), .events = POLLIN };
        }
        if (np == 0 && !vm.running)
            break;   /* every monitor's input ended and nothing runs: done */
        int pr = poll(p, (nfds_t)np, vm.running ? 0 : -1);
        if (pr < 0 && errno != EINTR)
            break;
        if (hi >= 0 && (p[hi].revents & (POLLIN | POLLHUP | POLLERR))) {
            int s = monconn_service(&hmp);
            if (s == 1)
                hmp_greet(&hmp);
            hmp_lines(&vm, &hmp);
            if (s == 2 && hmp.listen_fd < 0 && hmp.in_len == 0)
                vm.quit = true;   /* stdio monitor input ended: quit, as a script's end */
        }
        if (qi >= 0 && !vm.quit && (p[qi].revents & (POLLIN | POLLHUP | POLLERR))) {
            int s = monconn_service(qmp_conn(qmp));
            if (s == 1)
                qmp_greet(qmp);
            qmp_lines(qmp, &vm);
        }
        if (gi >= 0 && !vm.quit && (p[gi].revents & (POLLIN | POLLHUP | POLLERR)))
            gdb_service(gdb, &vm);
    }
    if (status == 0 && o->save_name)
        status = save_at_exit(&vm, o->save_name);
    gdb_close(gdb);
    if (qmp)
        qmp_close(qmp);
    if (have_hmp)
        monconn_close(&hmp);
    *mp = vm.m;
    return status;
}
