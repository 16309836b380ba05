/* hmp.c: the human monitor (hmp.h), after QEMU 7.2's monitor/hmp-cmds.c,
 * migration/savevm.c (hmp_savevm, hmp_loadvm, hmp_delvm), block/monitor/block-hmp-cmds.c
 * and block/qapi.c (bdrv_snapshot_dump) for the texts. A command is a row of hmp_cmds[]
 * (name, parameters and help as 'help' prints them, handler); an info subcommand a row of
 * hmp_info_cmds[]. Not provided: QEMU's other commands. */
#include "emu/front/hmp-int.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "block/block.h"
#include "block/block.h"
#include "emu/cpu/cpu.h"
#include "emu/vmctl/progress.h"
#include "snapshot/vm/loadvm.h"
#include "snapshot/vm/savevm.h"

#define HMP_PROMPT "(qemu) "

#define HMP_HISTORY 64      /* QEMU's READLINE_MAX_CMDS */

struct Hmp {
    MonConn c;
    char *hist[HMP_HISTORY]; /* the lines typed, oldest first (info history) */
    int nhist;
};

/* ---- info snapshots ---- */

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
static void snapshot_dump(MonOut *o, const BlkSnapInfo *sn, const char *id)
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
        if ((mask & 1u << i) && blk_snapshot_find(machine_drive(m, i), name, NULL) < 0)
            return false;
    return true;
}

/* As QEMU's hmp_info_snapshots(): the snapshots of the VM-state disk present on every disk,
 * then each disk's partial ones. */
static void hmp_info_snapshots(VmCtl *vm, const char *arg, MonOut *o)
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
        if ((mask & 1u << i) && blk_snapshot_count(machine_drive(m, i)) > 0)
            any = true;
    if (!any) {
        monout_printf(o, "There is no snapshot available.\n");
        return;
    }
    BlockDev *vb = machine_drive(m, vmi);
    int n = blk_snapshot_count(vb), total = 0;
    monout_printf(o, "List of snapshots present on all disks:\n");
    for (int pass = 0; pass < 2; pass++) {
        for (int k = 0; k < n; k++) {
            BlkSnapInfo sn;
            if (blk_snapshot_info(vb, k, &sn, NULL) < 0 || !on_all_disks(m, mask, sn.name))
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
        BlockDev *b = machine_drive(m, i);
        bool header = false;
        for (int k = 0; k < blk_snapshot_count(b); k++) {
            BlkSnapInfo sn;
            if (blk_snapshot_info(b, k, &sn, NULL) < 0 || on_all_disks(m, mask, sn.name))
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

/* ---- commands ---- */

typedef struct HmpCmd {
    const char *name;        /* "name" or "name|alias" */
    const char *params;      /* as help shows them, "" for none */
    const char *help;
    void (*fn)(VmCtl *vm, const char *arg, MonOut *out);   /* arg: the first word after
                                                              the name, or NULL */
} HmpCmd;

static void hmp_info_status(VmCtl *vm, const char *arg, MonOut *out)
{
    bool run = vm->running;
    monout_printf(out, "VM status: %s", run ? "running" : "paused");
    if (!run && strcmp(vm->status, "paused") != 0)
        monout_printf(out, " (%s)", vm->status);
    monout_printf(out, "\n");
}

static void hmp_info_registers(VmCtl *vm, const char *arg, MonOut *out)
{
    char regs[4096];
    cpu_format_registers(machine_cpu(vm->m), regs, sizeof regs);
    monout_printf(out, "%s", regs);
}

/* In alphabetical order, as QEMU lists them; the texts are QEMU's. */
static const HmpCmd hmp_info_cmds[] = {
    { "block", "[-n] [-v] [device]", "show info of one block device or all block devices "
      "(-n: show named nodes; -v: show details)", hmp_info_block },
    { "blockstats", "", "show block device statistics", hmp_info_blockstats },
    { "chardev", "", "show the character devices", hmp_info_chardev },
    { "cpus", "", "show infos for each CPU", hmp_info_cpus },
    { "history", "", "show the command line history", NULL },   /* hmp_run: per monitor */
    { "irq", "", "show the interrupts statistics (if available)", hmp_info_irq },
    { "lapic", "[apic-id]", "show local apic state (apic-id: local apic to read, default is "
      "which of current CPU)", hmp_info_lapic },
    { "mtree", "[-f][-d][-o][-D]", "show memory tree (-f: dump flat view for address spaces;-d: "
      "dump dispatch tree, valid with -f only);-o: dump region owners/parents;-D: dump "
      "disabled regions", hmp_info_mtree },
    { "pci", "", "show PCI info", hmp_info_pci },
    { "pic", "", "show PIC state", hmp_info_pic },
    { "qtree", "", "show device tree", hmp_info_qtree },
    { "registers", "[-a|vcpu]", "show the cpu registers (-a: show register info for all cpus; "
      "vcpu: specific vCPU to query; show the current CPU's registers if no argument is "
      "specified)", hmp_info_registers },
    { "roms", "", "show roms", hmp_info_roms },
    { "snapshots", "", "show the currently saved VM snapshots", hmp_info_snapshots },
    { "status", "", "show the current VM status (running|paused)", hmp_info_status },
    { "version", "", "show the version of QEMU", hmp_info_version },
};

/* QEMU 7.2's other commands and info subcommands: named, so that each is refused in one
 * line that says pcemu lacks it, not as an unknown command. */
static const char qemu_only_cmds[] =
    " announce_self balloon block_job_cancel block_job_complete block_job_pause"
    " block_job_resume block_job_set_speed block_resize block_set_io_throttle block_stream"
    " boot_set calc_dirty_rate cancel_vcpu_dirty_limit change chardev-add chardev-change"
    " chardev-remove chardev-send-break client_migrate_info closefd commit cpu device_add"
    " device_del drive_add drive_backup drive_del drive_mirror dump-guest-memory dumpdtb eject"
    " exit_preconfig expire_password gdbserver getfd gpa2hpa gpa2hva gva2gpa hostfwd_add"
    " hostfwd_remove i log logfile mce memsave migrate migrate_cancel migrate_continue"
    " migrate_incoming migrate_pause migrate_recover migrate_set_capability"
    " migrate_set_parameter migrate_start_postcopy mouse_button mouse_move mouse_set"
    " nbd_server_add nbd_server_remove nbd_server_start nbd_server_stop netdev_add netdev_del"
    " nmi o object_add object_del pcie_aer_inject_error pmemsave qemu-io qom-get qom-list"
    " qom-set replay_break replay_delete_break replay_seek ringbuf_read ringbuf_write"
    " screendump set_link set_password set_vcpu_dirty_limit singlestep snapshot_blkdev"
    " snapshot_blkdev_internal snapshot_delete_blkdev_internal stopcapture sum sync-profile"
    " system_wakeup trace-event watchdog_action wavcapture"
    " x_colo_lost_heartbeat ";
static const char qemu_only_info[] =
    " balloon block-jobs capture dirty_rate dump hotpluggable-cpus iothreads jit"
    " kvm mem memdev memory-devices memory_size_summary mice migrate migrate_capabilities"
    " migrate_parameters name network numa opcount profile qdm qom-tree ramblock"
    " rdma replay rocker rocker-of-dpa-flows rocker-of-dpa-groups rocker-ports sev sgx spice"
    " stats sync-profile tlb tpm trace-events usb usbhost usernet uuid vcpu_dirty_limit virtio"
    " virtio-queue-element virtio-queue-status virtio-status virtio-vhost-queue-status"
    " vm-generation-id vnc ";

/* The one line for a QEMU command pcemu lacks. */
static void not_provided(MonOut *out, const char *prefix, const char *name)
{
    monout_printf(out, "'%s%s' is a QEMU command that pcemu does not provide\n", prefix, name);
}

static bool in_list(const char *list, const char *word)
{
    char key[64];
    size_t n = strlen(word);
    if (n > sizeof key - 3)
        return false;
    key[0] = ' ';
    memcpy(key + 1, word, n);
    memcpy(key + 1 + n, " ", 2);
    return strstr(list, key) != NULL;
}


static void hmp_savevm(VmCtl *vm, const char *arg, MonOut *out)
{
    char autoname[32];
    Err e = { 0 };
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
    Progress pr;
    progress_start(&pr, progress_save_total(vm->m), "savevm '%s'", arg);
    o.progress = progress_update;
    o.progress_opaque = &pr;
    int r = savevm(vm->m, arg, &o, NULL, &e);
    progress_end(&pr);
    if (r < 0)
        monout_printf(out, "Error: %s\n", e.msg);
    vm->status = status;
    if (was)
        vm_cont(vm);
}

static void hmp_loadvm(VmCtl *vm, const char *arg, MonOut *out)
{
    Err e = { 0 };
    if (!arg) {
        monout_printf(out, "Parameter 'name' is missing\n");
        return;
    }
    bool was = vm->running;
    const char *status = vm->status;
    vm_stop(vm, "restore-vm");
    Progress pr;
    progress_start(&pr, progress_load_total(vm->m, arg), "loadvm '%s'", arg);
    int r = loadvm_watch(&vm->m, arg, NULL, NULL, progress_update, &pr, &e);
    progress_end(&pr);
    if (r < 0) {
        monout_printf(out, "Error: %s\n", e.msg);
        vm->status = status;
    } else if (!was && !strcmp(status, "prelaunch")) {
        vm->status = "paused";
    } else {
        vm->status = status;
    }
    if (was)
        vm_cont(vm);
}

static void hmp_delvm(VmCtl *vm, const char *arg, MonOut *out)
{
    Err e = { 0 };
    if (!arg) {
        monout_printf(out, "Parameter 'name' is missing\n");
        return;
    }
    if (delvm(vm->m, arg, NULL, NULL, &e) < 0)
        monout_printf(out, "Error: %s\n", e.msg);
}

static void hmp_stop(VmCtl *vm, const char *arg, MonOut *out) { vm_pause(vm); }
static void hmp_cont(VmCtl *vm, const char *arg, MonOut *out) { vm_cont(vm); }
static void hmp_system_reset(VmCtl *vm, const char *arg, MonOut *out)
{
    vm_system_reset(vm, false);
}
static void hmp_system_powerdown(VmCtl *vm, const char *arg, MonOut *out) { vm_powerdown(vm); }
static void hmp_quit(VmCtl *vm, const char *arg, MonOut *out) { vm->quit = true; }
static void hmp_help(VmCtl *vm, const char *arg, MonOut *out);
static void hmp_info(VmCtl *vm, const char *arg, MonOut *out);

/* In alphabetical order, as QEMU's help lists them; the texts are QEMU's. */
static const HmpCmd hmp_cmds[] = {
    { "cont|c", "", "resume emulation", hmp_cont },
    { "delvm", "tag", "delete a VM snapshot from its tag", hmp_delvm },
    { "help|?", "[cmd]", "show the help", hmp_help },
    { "info", "[subcommand]", "show various information about the system state", hmp_info },
    { "loadvm", "tag", "restore a VM snapshot from its tag", hmp_loadvm },
    { "print|p", "/fmt expr", "print expression value (use $reg for CPU register access)",
      hmp_print },
    { "quit|q", "", "quit the emulator", hmp_quit },
    { "savevm", "tag", "save a VM snapshot. If no tag is provided, a new snapshot is created",
      hmp_savevm },
    { "sendkey", "keys [hold_ms]", "send keys to the VM (e.g. 'sendkey ctrl-alt-f1', default "
      "hold time=100 ms)", hmp_sendkey },
    { "stop|s", "", "stop emulation", hmp_stop },
    { "system_powerdown", "", "send system power down event", hmp_system_powerdown },
    { "system_reset", "", "reset the system", hmp_system_reset },
    { "x", "/fmt addr", "virtual memory dump starting at 'addr'", hmp_x },
    { "xp", "/fmt addr", "physical memory dump starting at 'addr'", hmp_xp },
};

/* The row whose name or alias is word, or NULL. */
static const HmpCmd *hmp_find(const HmpCmd *t, size_t n, const char *word)
{
    size_t len = strlen(word);
    for (size_t i = 0; i < n; i++) {
        const char *p = t[i].name;
        for (;;) {
            size_t k = strcspn(p, "|");
            if (k == len && !strncmp(p, word, k))
                return &t[i];
            if (!p[k])
                break;
            p += k + 1;
        }
    }
    return NULL;
}

/* QEMU's help_cmd: "name params -- help", one line a command ("info " before a subcommand). */
static void hmp_list(MonOut *out, const char *prefix, const HmpCmd *t, size_t n)
{
    for (size_t i = 0; i < n; i++)
        monout_printf(out, "%s%s %s -- %s\n", prefix, t[i].name, t[i].params, t[i].help);
}

/* QEMU's help_cmd: everything, the info list ("help info"), or one command's line. */
static void hmp_help(VmCtl *vm, const char *arg, MonOut *out)
{
    char w1[64] = "", w2[64] = "";
    if (arg)
        sscanf(arg, "%63s %63s", w1, w2);
    if (!w1[0]) {
        hmp_list(out, "", hmp_cmds, ARRAY_SIZE(hmp_cmds));
        return;
    }
    const HmpCmd *c = hmp_find(hmp_cmds, ARRAY_SIZE(hmp_cmds), w1);
    if (c && c->fn == hmp_info) {
        if (!w2[0]) {
            hmp_list(out, "info ", hmp_info_cmds, ARRAY_SIZE(hmp_info_cmds));
            return;
        }
        const HmpCmd *i = hmp_find(hmp_info_cmds, ARRAY_SIZE(hmp_info_cmds), w2);
        if (i)
            hmp_list(out, "info ", i, 1);
        else if (in_list(qemu_only_info, w2))
            not_provided(out, "info ", w2);
        else
            monout_printf(out, "unknown command: 'info %s'\n", w2);
    } else if (c) {
        hmp_list(out, "", c, 1);
    } else if (in_list(qemu_only_cmds, w1)) {
        not_provided(out, "", w1);
    } else {
        monout_printf(out, "unknown command: '%s'\n", w1);
    }
}

static void hmp_info(VmCtl *vm, const char *arg, MonOut *out)
{
    char sub[64] = "";
    if (arg)
        sscanf(arg, "%63s", sub);
    if (!sub[0]) {
        hmp_list(out, "info ", hmp_info_cmds, ARRAY_SIZE(hmp_info_cmds));
        return;
    }
    const HmpCmd *c = hmp_find(hmp_info_cmds, ARRAY_SIZE(hmp_info_cmds), sub);
    if (c && c->fn)
        c->fn(vm, NULL, out);
    else if (in_list(qemu_only_info, sub))
        not_provided(out, "info ", sub);
    else
        monout_printf(out, "unknown command: 'info %s'\n", sub);
}

/* Commands that take the rest of the line (a format and an expression); the others take
 * one word at most, as QEMU parses their arguments. */
static bool takes_rest(const HmpCmd *c)
{
    return c->fn == hmp_x || c->fn == hmp_xp || c->fn == hmp_print || c->fn == hmp_help ||
           c->fn == hmp_sendkey;
}

/* Runs one command line; h (NULL from QMP's human-monitor-command) owns the history. */
static void hmp_run(VmCtl *vm, Hmp *h, const char *line, MonOut *out)
{
    char buf[1024], cmd[64] = "", word[256] = "", extra[8] = "";
    snprintf(buf, sizeof buf, "%s", line);
    buf[strcspn(buf, "\r\n")] = 0;
    int n = 0;
    sscanf(buf, " %63s%n", cmd, &n);
    if (!cmd[0])
        return;
    const char *rest = buf + n;
    while (*rest == ' ' || *rest == '\t')
        rest++;
    const HmpCmd *c = hmp_find(hmp_cmds, ARRAY_SIZE(hmp_cmds), cmd);
    if (!c) {
        if (in_list(qemu_only_cmds, cmd))
            not_provided(out, "", cmd);
        else
            monout_printf(out, "unknown command: '%s'\n", cmd);
        return;
    }
    if (takes_rest(c)) {
        vm->hmp_arg_error = false;
        c->fn(vm, *rest ? rest : NULL, out);
        if (vm->hmp_arg_error)
            monout_printf(out, "Try \"help %s\" for more information\n", cmd);
        return;
    }
    sscanf(rest, "%255s %7s", word, extra);
    if (c->fn == hmp_info && !strcmp(word, "mtree")) {   /* the info command with options */
        hmp_info_mtree(vm, rest + strlen("mtree"), out);
        return;
    }
    if (extra[0]) {   /* for info, the subcommand has the extra word */
        bool info = c->fn == hmp_info;
        monout_printf(out, "%s: extraneous characters at the end of line\n"
                      "Try \"help %s%s\" for more information\n", info ? word : cmd,
                      info ? "info " : "", info ? word : cmd);
        return;
    }
    if (c->fn == hmp_info && !strcmp(word, "history")) {
        for (int i = 0; h && i < h->nhist; i++)
            monout_printf(out, "%d: '%s'\n", i, h->hist[i]);
        return;
    }
    c->fn(vm, word[0] ? word : NULL, out);
}

void hmp_execute(VmCtl *vm, const char *line, MonOut *out)
{
    hmp_run(vm, NULL, line, out);
}

/* QEMU's readline_hist_add: a line already in the history moves to its end; the oldest
 * goes when it is full. */
static void hist_add(Hmp *h, const char *line)
{
    if (!line[strspn(line, " \t\r")])
        return;
    for (int i = 0; i < h->nhist; i++) {
        if (!strcmp(h->hist[i], line)) {
            char *keep = h->hist[i];
            memmove(h->hist + i, h->hist + i + 1, (size_t)(h->nhist - i - 1) * sizeof *h->hist);
            h->hist[h->nhist - 1] = keep;
            return;
        }
    }
    if (h->nhist == HMP_HISTORY) {
        free(h->hist[0]);
        memmove(h->hist, h->hist + 1, (HMP_HISTORY - 1) * sizeof *h->hist);
        h->nhist--;
    }
    h->hist[h->nhist++] = xstrdup(line);
}

/* ---- the connection ---- */

static void hmp_greet(Hmp *h)
{
    static const char hello[] = "QEMU 7.2.0 monitor (pcemu) - type 'help' for more information\n"
                                HMP_PROMPT;
    monconn_write(&h->c, hello, sizeof hello - 1);
}

Hmp *hmp_open(const char *spec, Err *err)
{
    Hmp *h = xzalloc(sizeof *h);
    if (monconn_open(&h->c, spec, err) < 0) {
        free(h);
        return NULL;
    }
    if (h->c.in_fd >= 0)
        hmp_greet(h);
    return h;
}

void hmp_close(Hmp *h)
{
    if (!h)
        return;
    monconn_close(&h->c);
    for (int i = 0; i < h->nhist; i++)
        free(h->hist[i]);
    free(h);
}

int hmp_poll_fd(const Hmp *h)
{
    return monconn_poll_fd(&h->c);
}

void hmp_lines(Hmp *h, VmCtl *vm)
{
    MonConn *c = &h->c;
    char *nl;
    while (!vm->quit && (nl = memchr(c->in, '\n', c->in_len))) {
        *nl = 0;
        MonOut out = { 0 };
        bool was = vm->running;
        char *cr = strchr(c->in, '\r');
        if (cr)
            *cr = 0;
        hist_add(h, c->in);
        hmp_run(vm, h, c->in, &out);
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

void hmp_service(Hmp *h, VmCtl *vm)
{
    int s = monconn_service(&h->c);
    if (s == 1)
        hmp_greet(h);
    hmp_lines(h, vm);
    if (s == 2 && h->c.listen_fd < 0 && h->c.in_len == 0)
        vm->quit = true;   /* stdio monitor input ended: quit, as a script's end */
}
