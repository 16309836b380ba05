/* qmp.c: the QMP monitor (qmp.h), after QEMU 7.2's monitor/qmp.c, qapi/qmp-dispatch.c,
 * migration/savevm.c (snapshot-save/-load/-delete jobs) and job.c (job states).
 *
 * Input is a byte stream of JSON objects; qmp_lines() cuts it into complete top-level
 * values (strings and escapes respected) and parses each with jansson. Every byte from the
 * client is hostile: a malformed value gets a GenericError reply, never more.
 *
 * Snapshot jobs run to the end at the boundary where their command arrived (QEMU runs them
 * in a bottom half of the main loop, also with the guest stopped). Job states, each
 * announced by a JOB_STATUS_CHANGE event (job_state_transition in job.c):
 *
 *   created -> running -> waiting -> pending -> concluded --job-dismiss--> null
 *                  \---(error)--> aborting --/
 *
 * qmp_job_run() performs the whole sequence; query-jobs shows concluded jobs until they
 * are dismissed (QEMU creates snapshot jobs with manual dismiss). */
#include "emu/remote/qmp.h"

#include <ctype.h>
#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "block/block.h"
#include "emu/dev/ide/ide.h"
#include "emu/remote/qmp_media.h"
#include "snapshot/vm/loadvm.h"
#include "snapshot/vm/savevm.h"

#define QMP_MAX_JOBS 16

typedef struct QmpJob {
    char id[128];
    const char *type;        /* "snapshot-save", "snapshot-load", "snapshot-delete" */
    char error[512];         /* "" = success */
} QmpJob;

struct Qmp {
    MonConn c;
    bool negotiated;
    QmpJob jobs[QMP_MAX_JOBS];   /* concluded, not yet dismissed, oldest first */
    int njobs;
    const char *cmd;             /* the command being run (a row of qmp_cmds[]) */
};

static void qmp_greet(Qmp *q);

Qmp *qmp_open(const char *spec, Err *err)
{
    Qmp *q = xzalloc(sizeof *q);
    if (monconn_open(&q->c, spec, err) < 0) {
        free(q);
        return NULL;
    }
    if (q->c.in_fd >= 0)
        qmp_greet(q);
    return q;
}

void qmp_close(Qmp *q)
{
    if (!q)
        return;
    monconn_close(&q->c);
    free(q);
}

int qmp_poll_fd(const Qmp *q)
{
    return monconn_poll_fd(&q->c);
}

/* Writes one JSON value and "\r\n" (QEMU's line ending); consumes v. */
static void send_json(Qmp *q, json_t *v)
{
    char *s = json_dumps(v, JSON_PRESERVE_ORDER);
    json_decref(v);
    if (!s)
        return;
    monconn_write(&q->c, s, strlen(s));
    monconn_write(&q->c, "\r\n", 2);
    free(s);
}

/* The greeting, sent to each new client. */
static void qmp_greet(Qmp *q)
{
    q->negotiated = false;
    send_json(q, json_pack("{s:{s:{s:{s:i,s:i,s:i},s:s},s:[s]}}", "QMP", "version", "qemu",
                           "micro", 0, "minor", 2, "major", 7, "package", QMP_PACKAGE, "capabilities",
                           "oob"));
}

static void qmp_event(Qmp *q, const char *name, const char *data_json)
{
    if (q->c.out_fd < 0 || !q->negotiated)
        return;
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    json_t *ev = json_pack("{s:{s:I,s:I},s:s}", "timestamp", "seconds", (json_int_t)ts.tv_sec,
                           "microseconds", (json_int_t)(ts.tv_nsec / 1000), "event", name);
    if (data_json) {
        json_t *d = json_loads(data_json, 0, NULL);
        if (d)
            json_object_set_new(ev, "data", d);
    }
    send_json(q, ev);
}

void qmp_vm_event(void *q, const char *name, const char *data_json)
{
    qmp_event(q, name, data_json);
}

static void job_event(Qmp *q, const char *id, const char *status)
{
    json_t *d = json_pack("{s:s,s:s}", "status", status, "id", id);
    char *s = json_dumps(d, JSON_PRESERVE_ORDER);
    json_decref(d);
    qmp_event(q, "JOB_STATUS_CHANGE", s);
    free(s);
}

static void reply(Qmp *q, json_t *id, json_t *ret)
{
    json_t *r = json_pack("{s:o}", "return", ret);
    if (id)
        json_object_set(r, "id", id);
    send_json(q, r);
}

static void reply_error(Qmp *q, json_t *id, const char *cls, const char *fmt, ...) PRINTF_LIKE(4, 5);
static void reply_error(Qmp *q, json_t *id, const char *cls, const char *fmt, ...)
{
    char desc[640];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(desc, sizeof desc, fmt, ap);
    va_end(ap);
    json_t *r = json_object();   /* QEMU puts the id first in an error reply */
    if (id)
        json_object_set(r, "id", id);
    json_object_set_new(r, "error", json_pack("{s:s,s:s}", "class", cls, "desc", desc));
    send_json(q, r);
}

/* ---- arguments ----
 * Each command declares its arguments; qmp_check_args() checks a request against them as
 * QEMU's generated unmarshalling does: the declared members in order (missing, wrong
 * type), then anything left over ("Parameter 'x' is unexpected"). */

typedef struct QmpArg {
    const char *name;
    char type;               /* 's' string, 'i' integer, 'b' boolean, 'S' list of strings */
    bool optional;
} QmpArg;

#define QMP_MAX_ARGS 6

static const char *arg_type_name(char t)
{
    return t == 's' ? "string" : t == 'i' ? "integer" : t == 'b' ? "boolean" : "array";
}

static bool arg_type_ok(char t, json_t *v)
{
    return t == 's' ? json_is_string(v) : t == 'i' ? json_is_integer(v)
           : t == 'b' ? json_is_boolean(v) : json_is_array(v);
}

/* True when args (NULL: none given) fit decl; else the error reply is sent. */
static bool qmp_check_args(Qmp *q, json_t *id, json_t *args, const QmpArg *decl)
{
    for (int i = 0; i < QMP_MAX_ARGS && decl[i].name; i++) {
        json_t *v = args ? json_object_get(args, decl[i].name) : NULL;
        if (!v) {
            if (decl[i].optional)
                continue;
            reply_error(q, id, "GenericError", "Parameter '%s' is missing", decl[i].name);
            return false;
        }
        if (!arg_type_ok(decl[i].type, v)) {
            reply_error(q, id, "GenericError", "Invalid parameter type for '%s', expected: %s",
                        decl[i].name, arg_type_name(decl[i].type));
            return false;
        }
        for (size_t k = 0; decl[i].type == 'S' && k < json_array_size(v); k++) {
            if (!json_is_string(json_array_get(v, k))) {
                reply_error(q, id, "GenericError", "Invalid parameter type for '%s[%zu]', "
                            "expected: string", decl[i].name, k);
                return false;
            }
        }
    }
    const char *key;
    json_t *v;
    json_object_foreach(args, key, v) {
        int i = 0;
        while (i < QMP_MAX_ARGS && decl[i].name && strcmp(decl[i].name, key) != 0)
            i++;
        if (i == QMP_MAX_ARGS || !decl[i].name) {
            reply_error(q, id, "GenericError", "Parameter '%s' is unexpected", key);
            return false;
        }
    }
    return true;
}

/* A checked string argument, or NULL when it was optional and not given. */
static const char *arg_str(json_t *args, const char *name)
{
    return json_string_value(args ? json_object_get(args, name) : NULL);
}

/* ---- block devices and their node names ----
 * QEMU 7.2 gives the format node of a plain -drive an automatic name ("#block183") that
 * changes from run to run, so a portable script reads it from query-block. pcemu's are
 * fixed per IDE index, and its snapshot commands take them as well as the drive names. */

/* The node name query-block reports for IDE index: -drive node-name=, else an automatic
 * "#blockNNN" as QEMU's (whose numbers are not portable: scripts read them). */
static const char *qmp_node_name(const VmCtl *vm, int index, char buf[16])
{
    if (vm->node_names[index])
        return vm->node_names[index];   /* -drive node-name= */
    snprintf(buf, 16, "#block%u", 101u + 2u * ((unsigned)index & 7u));
    return buf;
}

/* The drive name ("ide0-hd0") for a drive or node name; other names unchanged. */
static const char *drive_of(const VmCtl *vm, const char *name, char buf[16])
{
    for (int i = 0; i < MACHINE_MAX_DRIVES; i++)
        if (!strcmp(name, qmp_node_name(vm, i, buf)))
            return savevm_drive_name(i, buf);
    return name;
}

/* 'devices' as savevm wants them: drive names, NULL-terminated. names[] holds the buffers. */
static void arg_devices(const VmCtl *vm, json_t *args, const char *out[SAVEVM_MAX_DEVICES],
                        char names[SAVEVM_MAX_DEVICES][16])
{
    json_t *v = json_object_get(args, "devices");
    memset(out, 0, sizeof(const char *) * SAVEVM_MAX_DEVICES);
    for (size_t i = 0; i < json_array_size(v) && i < SAVEVM_MAX_DEVICES; i++)
        out[i] = drive_of(vm, json_string_value(json_array_get(v, i)), names[i]);
}

/* query-block's "format-specific" for a qcow2 image with these properties. */
static json_t *qcow2_specific(int version, bool zstd, bool lazy, int refcount_bits, bool corrupt,
                              bool ext_l2)
{
    return json_pack("{s:s,s:{s:s,s:s,s:b,s:i,s:b,s:b}}", "type", "qcow2", "data",
                     "compat", version == 2 ? "0.10" : "1.1", "compression-type",
                     zstd ? "zstd" : "zlib", "lazy-refcounts", lazy, "refcount-bits",
                     refcount_bits, "corrupt", corrupt, "extended-l2", ext_l2);
}

/* QEMU's ImageInfo of image b opened from file (bdrv_query_image_info). */
static json_t *image_info(BlockDev *b, const char *file)
{
    struct stat st;
    json_int_t actual = stat(file, &st) == 0 ? (json_int_t)st.st_blocks * 512 : 0;
    json_t *image = json_pack("{s:I,s:s,s:s,s:I}", "virtual-size", (json_int_t)blk_size(b),
                              "filename", file, "format", blk_format(b), "actual-size", actual);
    BlkInfo in;
    if (!strcmp(blk_format(b), "qcow2") && blk_info(b, &in, NULL) == 0) {
        json_object_set_new(image, "cluster-size", json_integer(in.cluster_size));
        json_object_set_new(image, "format-specific", qcow2_specific(
            in.version, in.compression_type, in.lazy_refcounts, in.refcount_bits, in.corrupt,
            in.extended_l2));
        json_object_set_new(image, "dirty-flag", json_boolean(in.dirty));
    } else {
        json_object_set_new(image, "dirty-flag", json_false());   /* QEMU's for raw too */
    }
    json_t *snaps = json_array();   /* QEMU's SnapshotInfo list, when there are any */
    BlkSnapInfo si;
    for (int k = 0; k < blk_snapshot_count(b) && blk_snapshot_info(b, k, &si, NULL) == 0; k++) {
        json_t *one = json_pack("{s:s,s:s,s:I,s:I,s:I,s:I,s:I}", "id", si.id, "name", si.name,
                                "vm-state-size", (json_int_t)si.vm_state_size, "date-sec",
                                (json_int_t)si.date_sec, "date-nsec", (json_int_t)si.date_nsec,
                                "vm-clock-sec", (json_int_t)(si.vm_clock_nsec / 1000000000),
                                "vm-clock-nsec", (json_int_t)(si.vm_clock_nsec % 1000000000));
        if (si.icount != UINT64_MAX)
            json_object_set_new(one, "icount", json_integer((json_int_t)si.icount));
        json_array_append_new(snaps, one);
    }
    if (json_array_size(snaps))
        json_object_set_new(image, "snapshots", snaps);
    else
        json_decref(snaps);
    return image;
}

/* Under -snapshot QEMU 7.2 puts a temporary qcow2 (64 KiB clusters, compat 1.1, in
 * /var/tmp) over the image and reports that node: drv "qcow2", the image as its backing
 * file, a json: filename naming both, flushes ignored. pcemu's overlay (block/overlay.c)
 * is not a qcow2, but the drive is described as QEMU's, with the overlay file's name.
 * XXX: actual-size is 0 (the file is unlinked); QEMU's is the temporary file's. */
static json_t *overlay_image(BlockDev *b, BlockDev *base, const char *file, char **json_name)
{
    json_t *name = json_pack("{s:{s:s,s:{s:s,s:s}},s:s,s:{s:s,s:s}}", "backing", "driver",
                             blk_format(base), "file", "driver", "file", "filename", file,
                             "driver", "qcow2", "file", "driver", "file", "filename",
                             blk_snapshot_temp(b));
    char *dump = json_dumps(name, JSON_PRESERVE_ORDER);
    json_decref(name);
    size_t n = strlen(dump) + 6;
    *json_name = xmalloc(n);
    snprintf(*json_name, n, "json:%s", dump);
    free(dump);
    return json_pack("{s:o,s:I,s:s,s:i,s:s,s:i,s:o,s:b}", "backing-image",
                     image_info(base, file), "virtual-size", (json_int_t)blk_size(b),
                     "filename", *json_name, "cluster-size", 65536, "format", "qcow2",
                     "actual-size", 0, "format-specific",
                     qcow2_specific(3, false, false, 16, false, false), "dirty-flag", 0);
}

static json_t *block_inserted(const VmCtl *vm, int i);

/* QEMU's query-block entry for drive i (qmp_query_block, bdrv_block_device_info). */
static json_t *block_info(const VmCtl *vm, int i)
{
    Machine *m = vm->m;
    char nm[16], qdev[40];
    bool cd = machine_config(m)->drives[i].cdrom, floppy = i >= MACHINE_FLOPPY0;
    json_t *r = json_pack("{s:s,s:s,s:s,s:b,s:b}", "device", qmp_drive_name(m, i, nm), "qdev",
                          qmp_drive_qdev(m, i, qdev), "type", "unknown", "removable",
                          cd || floppy, "locked", cd && qmp_cd_locked(m, i));
    if (!floppy)   /* QEMU's floppy drive has no I/O status */
        json_object_set_new(r, "io-status", json_string("ok"));
    if (machine_drive(m, i))
        json_object_set_new(r, "inserted", block_inserted(vm, i));
    if (cd)
        json_object_set_new(r, "tray_open", json_boolean(qmp_cd_tray_open(m, i)));
    return r;
}

/* query-block's "inserted" member: the medium of drive i (under -snapshot, QEMU's view
 * of its temporary overlay: overlay_image). */
static json_t *block_inserted(const VmCtl *vm, int i)
{
    Machine *m = vm->m;
    char node[16], *json_name = NULL;
    BlockDev *b = machine_drive(m, i), *base = blk_snapshot_base(b);
    const char *file = machine_config(m)->drives[i].file;
    json_t *image = base ? overlay_image(b, base, file, &json_name) : image_info(b, file);
    json_t *ins = json_pack("{s:s,s:s,s:b,s:s,s:i,s:b,s:o,s:{s:b,s:b,s:b},s:s}",
                            "file", base ? json_name : file, "node-name",
                            qmp_node_name(vm, i, node), "ro", blk_read_only(b), "drv",
                            base ? "qcow2" : blk_format(b), "backing_file_depth", base != NULL,
                            "encrypted", 0, "image", image, "cache", "writeback", 1, "direct", 0,
                            "no-flush", base != NULL, "detect_zeroes", "off");
    if (base)
        json_object_set_new(ins, "backing_file", json_string(file));
    free(json_name);
    const char *zero[] = { "bps", "bps_rd", "bps_wr", "iops", "iops_rd", "iops_wr",
                           "write_threshold" };
    for (size_t k = 0; k < ARRAY_SIZE(zero); k++)
        json_object_set_new(ins, zero[k], json_integer(0));
    return ins;
}

/* The "stats" member of a query-blockstats entry: the device's accounts (st) and the
 * node's highest write; QEMU accounts invalid and failed requests at the device only. */
static json_t *stats_json(const IdeStats *st, uint64_t wr_highest, bool device)
{
    json_t *stats = json_pack("{s:I,s:I,s:I,s:I,s:I,s:I,s:b,s:b,s:[]}",
                              "rd_bytes", (json_int_t)st->rd_bytes, "wr_bytes",
                              (json_int_t)st->wr_bytes, "rd_operations", (json_int_t)st->rd_ops,
                              "wr_operations", (json_int_t)st->wr_ops, "flush_operations",
                              (json_int_t)st->flush_ops, "wr_highest_offset",
                              (json_int_t)wr_highest, "account_invalid", device,
                              "account_failed", device, "timed_stats");
    static const char *const zero[] = {
        "unmap_bytes", "unmap_operations", "unmap_merged", "rd_merged", "wr_merged",
        "rd_total_time_ns", "wr_total_time_ns", "flush_total_time_ns", "unmap_total_time_ns",
        "failed_rd_operations", "failed_wr_operations", "failed_flush_operations",
        "failed_unmap_operations", "invalid_rd_operations", "invalid_wr_operations",
        "invalid_flush_operations", "invalid_unmap_operations",
    };
    for (size_t k = 0; k < ARRAY_SIZE(zero); k++)
        json_object_set_new(stats, zero[k], json_integer(0));
    if (st->rd_ops + st->wr_ops + st->flush_ops)
        json_object_set_new(stats, "idle_time_ns", json_integer(0));
    return stats;
}

/* QEMU's query-blockstats entry for drive i (bdrv_query_bds_stats of the device's root
 * node), with "parent", the image file's node under the format's: no requests of its
 * own counted (QEMU counts them at the device), its highest write that of the file,
 * metadata included. The times are 0 (no host clock reaches the devices), so
 * idle_time_ns is 0 once the drive has seen a request. The floppy controller keeps no
 * accounts, as QEMU's. */
static json_t *block_stats(const VmCtl *vm, int i)
{
    char nm[16], node[16], qdev[40];
    IdeStats st = { 0 }, none = { 0 };
    const IdeState *ide = machine_section_state(vm->m, "0000:00:01.1/ide", 0);
    BlockDev *b = machine_drive(vm->m, i);
    if (i < MACHINE_IDE_DRIVES && ide)
        ide_get_stats(ide, i, &st);
    json_t *stats = stats_json(&st, st.wr_highest_offset, true);
    json_t *r = json_pack("{s:s,s:s,s:o}", "device", qmp_drive_name(vm->m, i, nm), "qdev",
                          qmp_drive_qdev(vm->m, i, qdev), "stats", stats);
    if (!b)   /* an empty drive has no node */
        return r;
    json_object_set_new(r, "node-name", json_string(qmp_node_name(vm, i, node)));
    snprintf(node, sizeof node, "#block%u", 100u + 2u * ((unsigned)i & 7u));
    json_object_set_new(r, "parent", json_pack(
        "{s:s,s:o,s:{s:s,s:i,s:i,s:i}}", "node-name", node, "stats",
        stats_json(&none, blk_file_wr_highest(b), false), "driver-specific", "driver", "file",
        "discard-nb-ok", 0, "discard-nb-failed", 0, "discard-bytes-ok", 0));
    return r;
}

const char *qmp_drive_name(Machine *m, int index, char buf[16])
{
    if (index >= MACHINE_IDE_DRIVES || !machine_config(m)->drives[index].cdrom)
        return savevm_drive_name(index, buf);
    snprintf(buf, 16, "ide%d-cd%d", (index / 2) & 1, index % 2);   /* QEMU's name for a CD */
    return buf;
}

const char *qmp_drive_qdev(Machine *m, int index, char buf[40])
{
    /* QEMU's pc-i440fx-7.2 realizes the floppy drives after 11 devices, the kvmvapic (with
     * an APIC), the HPET and the serial port's isa-serial, and the IDE drives, in drive
     * order, after 3 more, vmport's two (vmport, vmmouse) and the floppy drives; ACPI adds
     * none before them (checked with QEMU 7.2 for each property alone) */
    const MachineConfig *c = machine_config(m);
    int n = (c->serial != NULL) + machine_has_apic(c) + c->hpet, floppies = 0;
    for (int i = MACHINE_FLOPPY0; i < MACHINE_MAX_DRIVES; i++)
        floppies += machine_has_drive(m, i);
    if (index >= MACHINE_FLOPPY0) {
        for (int i = MACHINE_FLOPPY0; i < index; i++)
            n += machine_has_drive(m, i);
        snprintf(buf, 40, "/machine/unattached/device[%d]", 11 + n);
        return buf;
    }
    n += 2 * c->vmport;
    for (int i = 0; i < index; i++)
        n += machine_has_drive(m, i);
    snprintf(buf, 40, "/machine/unattached/device[%d]", 14 + floppies + n);
    return buf;
}

/* ---- jobs ---- */

static QmpJob *job_find(Qmp *q, const char *id)
{
    for (int i = 0; i < q->njobs; i++)
        if (!strcmp(q->jobs[i].id, id))
            return &q->jobs[i];
    return NULL;
}

/* snapshot-save / snapshot-load / snapshot-delete as one job (see the diagram). */
static void qmp_job_run(Qmp *q, VmCtl *vm, json_t *id, json_t *args, const char *type)
{
    const char *job_id = arg_str(args, "job-id"), *tag = arg_str(args, "tag");
    char vmbuf[16], names[SAVEVM_MAX_DEVICES][16];
    const char *vmstate = arg_str(args, "vmstate");
    if (vmstate)
        vmstate = drive_of(vm, vmstate, vmbuf);
    const char *devices[SAVEVM_MAX_DEVICES];
    if (json_array_size(json_object_get(args, "devices")) > SAVEVM_MAX_DEVICES) {
        reply_error(q, id, "GenericError", "too many devices (%zu)",
                    json_array_size(json_object_get(args, "devices")));
        return;
    }
    arg_devices(vm, args, devices, names);
    if (job_find(q, job_id)) {
        reply_error(q, id, "GenericError", "Job ID '%s' already in use", job_id);
        return;
    }
    if (strlen(job_id) >= sizeof q->jobs[0].id || q->njobs == QMP_MAX_JOBS) {
        reply_error(q, id, "GenericError", "Job ID '%.64s': too long, or too many jobs not "
                    "dismissed", job_id);
        return;
    }
    QmpJob *j = &q->jobs[q->njobs++];
    /* type points into the request, which dies with it: keep a static copy */
    *j = (QmpJob){ .type = !strcmp(type, "snapshot-save") ? "snapshot-save"
                           : !strcmp(type, "snapshot-load") ? "snapshot-load" : "snapshot-delete" };
    snprintf(j->id, sizeof j->id, "%s", job_id);
    job_event(q, j->id, "created");
    job_event(q, j->id, "running");
    reply(q, id, json_object());

    Err e = { 0 };
    bool was = vm->running;
    const char *status = vm->status;
    int r;
    if (!strcmp(type, "snapshot-save")) {
        vm_stop(vm, "save-vm");
        SavevmOpts o = { .replace = false, .vmstate = vmstate };
        memcpy(o.devices, devices, sizeof o.devices);
        vm_host_time(&o.date_sec, &o.date_nsec);
        r = savevm(vm->m, tag, &o, NULL, &e);
    } else if (!strcmp(type, "snapshot-load")) {
        vm_stop(vm, "restore-vm");
        r = loadvm_from(&vm->m, tag, vmstate, devices, &e);
    } else {
        r = delvm(vm->m, tag, devices, NULL, &e);
    }
    vm->status = status;
    if (was)
        vm_cont(vm);
    if (r < 0) {
        snprintf(j->error, sizeof j->error, "%s", e.msg);
        job_event(q, j->id, "aborting");
    } else {
        job_event(q, j->id, "waiting");
        job_event(q, j->id, "pending");
    }
    job_event(q, j->id, "concluded");
}

/* ---- commands ---- */

typedef struct QmpCmd {
    const char *name;
    QmpArg args[QMP_MAX_ARGS];
    /* the checked arguments (NULL: none given); sends the reply */
    void (*fn)(Qmp *q, VmCtl *vm, json_t *id, json_t *args);
} QmpCmd;

static void cmd_query_status(Qmp *q, VmCtl *vm, json_t *id, json_t *args)
{
    reply(q, id, json_pack("{s:s,s:b,s:b}", "status", vm->status, "singlestep", 0, "running",
                           vm_is_running(vm)));
}

static void cmd_stop(Qmp *q, VmCtl *vm, json_t *id, json_t *args)
{
    vm_pause(vm);
    reply(q, id, json_object());
}

static void cmd_cont(Qmp *q, VmCtl *vm, json_t *id, json_t *args)
{
    vm_cont(vm);             /* QEMU: the RESUME event comes before the reply */
    reply(q, id, json_object());
}

static void cmd_system_reset(Qmp *q, VmCtl *vm, json_t *id, json_t *args)
{
    vm_system_reset(vm, true);
    reply(q, id, json_object());
}

static void cmd_system_powerdown(Qmp *q, VmCtl *vm, json_t *id, json_t *args)
{
    vm_powerdown(vm);
    reply(q, id, json_object());
}

static void cmd_system_wakeup(Qmp *q, VmCtl *vm, json_t *id, json_t *args)
{
    const char *e = vm_wakeup(vm);
    if (e)
        reply_error(q, id, "GenericError", "%s", e);
    else
        reply(q, id, json_object());
}

static void cmd_quit(Qmp *q, VmCtl *vm, json_t *id, json_t *args)
{
    /* QEMU's order: SHUTDOWN, the jobs cancelled on exit, then the reply */
    qmp_event(q, "SHUTDOWN", "{\"guest\": false, \"reason\": \"host-qmp-quit\"}");
    for (int i = 0; i < q->njobs; i++)
        job_event(q, q->jobs[i].id, "null");
    q->njobs = 0;
    reply(q, id, json_object());
    vm->quit = true;
}

static void cmd_hmp(Qmp *q, VmCtl *vm, json_t *id, json_t *args)
{
    json_t *cpu = json_object_get(args, "cpu-index");
    if (!vm->hmp) {
        reply_error(q, id, "CommandNotFound", "The command %s has not been found",
                    "human-monitor-command");
        return;
    }
    if (cpu && json_integer_value(cpu) != 0) {   /* one CPU, index 0 */
        reply_error(q, id, "GenericError", "Parameter 'cpu-index' expects a CPU number");
        return;
    }
    MonOut out = { 0 }, crlf = { 0 };
    vm->hmp(vm, arg_str(args, "command-line"), &out);
    monout_crlf(&crlf, &out);
    reply(q, id, json_string(crlf.buf ? crlf.buf : ""));
    monout_free(&out);
    monout_free(&crlf);
}

static void cmd_snapshot(Qmp *q, VmCtl *vm, json_t *id, json_t *args, const char *type)
{
    qmp_job_run(q, vm, id, args, type);
}
static void cmd_snapshot_save(Qmp *q, VmCtl *vm, json_t *id, json_t *args)
{
    cmd_snapshot(q, vm, id, args, "snapshot-save");
}
static void cmd_snapshot_load(Qmp *q, VmCtl *vm, json_t *id, json_t *args)
{
    cmd_snapshot(q, vm, id, args, "snapshot-load");
}
static void cmd_snapshot_delete(Qmp *q, VmCtl *vm, json_t *id, json_t *args)
{
    cmd_snapshot(q, vm, id, args, "snapshot-delete");
}

static void cmd_query_jobs(Qmp *q, VmCtl *vm, json_t *id, json_t *args)
{
    json_t *a = json_array();
    /* QEMU lists the newest job first */
    for (int i = q->njobs - 1; i >= 0; i--) {
        json_t *j = json_pack("{s:i,s:s,s:i,s:s,s:s}", "current-progress", 1, "status",
                              "concluded", "total-progress", 1, "type", q->jobs[i].type, "id",
                              q->jobs[i].id);
        if (q->jobs[i].error[0])
            json_object_set_new(j, "error", json_string(q->jobs[i].error));
        json_array_append_new(a, j);
    }
    reply(q, id, a);
}

static void cmd_job_dismiss(Qmp *q, VmCtl *vm, json_t *id, json_t *args)
{
    QmpJob *j = job_find(q, arg_str(args, "id"));
    if (!j) {
        reply_error(q, id, "GenericError", "Job not found");
        return;
    }
    char keep[128];
    snprintf(keep, sizeof keep, "%s", j->id);
    /* keep the others in creation order */
    memmove(j, j + 1, (size_t)(q->jobs + q->njobs - (j + 1)) * sizeof *j);
    q->njobs--;
    job_event(q, keep, "null");
    reply(q, id, json_object());
}

/* ---- removable media (qmp_media.c) ---- */

/* The reply of a media command that returned r with err. */
static void media_reply(Qmp *q, json_t *id, int r, const Err *err)
{
    if (r < 0)
        reply_error(q, id, r == -ENODEV ? "DeviceNotFound" : "GenericError", "%s", err->msg);
    else
        reply(q, id, json_object());
}

static void cmd_eject(Qmp *q, VmCtl *vm, json_t *id, json_t *args)
{
    Err e = { 0 };
    int r = qmp_eject(vm, arg_str(args, "device"), arg_str(args, "id"),
                      json_is_true(json_object_get(args, "force")), &e);
    media_reply(q, id, r, &e);
}

static void cmd_open_tray(Qmp *q, VmCtl *vm, json_t *id, json_t *args)
{
    Err e = { 0 };
    int r = qmp_open_tray(vm, arg_str(args, "device"), arg_str(args, "id"),
                          json_is_true(json_object_get(args, "force")), &e);
    media_reply(q, id, r, &e);
}

static void cmd_close_tray(Qmp *q, VmCtl *vm, json_t *id, json_t *args)
{
    Err e = { 0 };
    media_reply(q, id, qmp_close_tray(vm, arg_str(args, "device"), arg_str(args, "id"), &e), &e);
}

static void cmd_remove_medium(Qmp *q, VmCtl *vm, json_t *id, json_t *args)
{
    Err e = { 0 };
    media_reply(q, id, qmp_remove_medium(vm, arg_str(args, "id"), &e), &e);
}

/* pcemu has no blockdev-add: the only nodes are the drives' own media, all in use. */
static void cmd_insert_medium(Qmp *q, VmCtl *vm, json_t *id, json_t *args)
{
    const char *node = arg_str(args, "node-name"), *shown;
    char buf[16];
    Err e = { 0 };
    int r = qmp_media_drive(vm, NULL, arg_str(args, "id"), &shown, &e);
    if (r < 0) {
        media_reply(q, id, r, &e);
        return;
    }
    for (int i = 0; i < MACHINE_MAX_DRIVES; i++) {
        if (machine_drive(vm->m, i) && !strcmp(node, qmp_node_name(vm, i, buf))) {
            reply_error(q, id, "GenericError", "Node '%s' is already in use", node);
            return;
        }
    }
    reply_error(q, id, "GenericError", "Node '%s' not found", node);
}

static void cmd_change_medium(Qmp *q, VmCtl *vm, json_t *id, json_t *args)
{
    Err e = { 0 };
    QmpRoMode ro = QMP_RO_RETAIN;
    const char *mode = arg_str(args, "read-only-mode");
    if (mode && qmp_ro_mode(mode, &ro) < 0) {
        reply_error(q, id, "GenericError", "Parameter 'read-only-mode' does not accept value "
                    "'%s'", mode);
        return;
    }
    int r = qmp_change_medium(vm, arg_str(args, "device"), arg_str(args, "id"),
                              arg_str(args, "filename"), arg_str(args, "format"),
                              json_is_true(json_object_get(args, "force")), ro, &e);
    media_reply(q, id, r, &e);
}

static void cmd_query(Qmp *q, VmCtl *vm, json_t *id, json_t *args);
static void cmd_query_blockstats(Qmp *q, VmCtl *vm, json_t *id, json_t *args);

/* Argument lists: required, optional, none. */
#define ARG(n, t) { n, t, false }
#define OPT(n, t) { n, t, true }
#define NOARGS { { NULL, 0, false } }

static const QmpCmd qmp_cmds[] = {
    { "qmp_capabilities", { OPT("enable", 'S') }, NULL },
    { "query-status", NOARGS, cmd_query_status },
    { "stop", NOARGS, cmd_stop },
    { "cont", NOARGS, cmd_cont },
    { "system_powerdown", NOARGS, cmd_system_powerdown },
    { "system_reset", NOARGS, cmd_system_reset },
    { "system_wakeup", NOARGS, cmd_system_wakeup },
    { "quit", NOARGS, cmd_quit },
    { "human-monitor-command", { ARG("command-line", 's'), OPT("cpu-index", 'i') }, cmd_hmp },
    { "snapshot-save", { ARG("job-id", 's'), ARG("tag", 's'), ARG("vmstate", 's'),
                         ARG("devices", 'S') }, cmd_snapshot_save },
    { "snapshot-load", { ARG("job-id", 's'), ARG("tag", 's'), ARG("vmstate", 's'),
                         ARG("devices", 'S') }, cmd_snapshot_load },
    { "snapshot-delete", { ARG("job-id", 's'), ARG("tag", 's'), ARG("devices", 'S') },
      cmd_snapshot_delete },
    { "query-jobs", NOARGS, cmd_query_jobs },
    { "job-dismiss", { ARG("id", 's') }, cmd_job_dismiss },
    { "query-version", NOARGS, cmd_query },
    { "query-commands", NOARGS, cmd_query },
    { "query-name", NOARGS, cmd_query },
    { "query-kvm", NOARGS, cmd_query },
    { "query-target", NOARGS, cmd_query },
    { "query-machines", NOARGS, cmd_query },
    { "query-cpus-fast", NOARGS, cmd_query },
    { "query-block", NOARGS, cmd_query },
    { "query-chardev", NOARGS, cmd_query },
    { "query-blockstats", { OPT("query-nodes", 'b') }, cmd_query_blockstats },
    { "query-memory-size-summary", NOARGS, cmd_query },
    { "eject", { OPT("device", 's'), OPT("id", 's'), OPT("force", 'b') }, cmd_eject },
    { "blockdev-open-tray", { OPT("device", 's'), OPT("id", 's'), OPT("force", 'b') },
      cmd_open_tray },
    { "blockdev-close-tray", { OPT("device", 's'), OPT("id", 's') }, cmd_close_tray },
    { "blockdev-remove-medium", { ARG("id", 's') }, cmd_remove_medium },
    { "blockdev-insert-medium", { ARG("id", 's'), ARG("node-name", 's') }, cmd_insert_medium },
    { "blockdev-change-medium", { OPT("device", 's'), OPT("id", 's'), ARG("filename", 's'),
                                  OPT("format", 's'), OPT("force", 'b'),
                                  OPT("read-only-mode", 's') }, cmd_change_medium },
};

/* One entry per drive the machine has, from entry(vm, index), in command-line order as
 * QEMU lists its block devices (a configuration without an order: by index). */
static json_t *per_drive(const VmCtl *vm, json_t *(*entry)(const VmCtl *vm, int i))
{
    const MachineConfig *cfg = machine_config(vm->m);
    json_t *a = json_array();
    for (int k = 0; k <= MACHINE_MAX_DRIVES; k++)
        for (int i = 0; i < MACHINE_MAX_DRIVES; i++)
            if (machine_has_drive(vm->m, i) && cfg->drives[i].order == k)
                json_array_append_new(a, entry(vm, i));
    return a;
}

json_t *qmp_query(VmCtl *vm, const char *cmd)
{
    if (!strcmp(cmd, "query-version"))
        return json_pack("{s:{s:i,s:i,s:i},s:s}", "qemu", "micro", 0, "minor", 2, "major", 7,
                         "package", QMP_PACKAGE);
    if (!strcmp(cmd, "query-commands")) {
        json_t *a = json_array();
        for (size_t i = 0; i < ARRAY_SIZE(qmp_cmds); i++)
            json_array_append_new(a, json_pack("{s:s}", "name", qmp_cmds[i].name));
        return a;
    }
    if (!strcmp(cmd, "query-name"))   /* no -name: QEMU's empty object */
        return vm->name ? json_pack("{s:s}", "name", vm->name) : json_object();
    if (!strcmp(cmd, "query-kvm"))    /* pcemu has no KVM support at all: not present */
        return json_pack("{s:b,s:b}", "enabled", 0, "present", 0);
    if (!strcmp(cmd, "query-target"))
        return json_pack("{s:s}", "arch", "i386");
    if (!strcmp(cmd, "query-machines")) {
        /* as QEMU's for these types, but one CPU, pcemu's only model, no hotplug */
        json_t *a = json_array();
        for (const MachineType *t = machine_types; t->name; t++) {
            json_t *e = json_pack("{s:b,s:s,s:b,s:s,s:i,s:b,s:s}", "hotpluggable-cpus", 0,
                                  "name", t->name, "numa-mem-supported", 0, "default-cpu-type",
                                  "pentium2-i386-cpu", "cpu-max", 1, "deprecated", 0,
                                  "default-ram-id", "pc.ram");
            if (t->alias)
                json_object_set_new(e, "alias", json_string(t->alias));
            if (t == machine_types)
                json_object_set_new(e, "is-default", json_true());
            json_array_append_new(a, e);
        }
        return a;
    }
    if (!strcmp(cmd, "query-cpus-fast"))
        return json_pack("[{s:I,s:{s:i,s:i,s:i},s:s,s:i,s:s}]", "thread-id",
                         (json_int_t)gettid(), "props", "core-id", 0, "thread-id", 0,
                         "socket-id", 0, "qom-path", "/machine/unattached/device[0]",
                         "cpu-index", 0, "target", "i386");
    if (!strcmp(cmd, "query-block"))
        return per_drive(vm, block_info);
    if (!strcmp(cmd, "query-blockstats"))
        return per_drive(vm, block_stats);
    if (!strcmp(cmd, "query-memory-size-summary"))   /* no memory hotplug */
        return json_pack("{s:I,s:i}", "base-memory", (json_int_t)machine_config(vm->m)->ram_size,
                         "plugged-memory", 0);
    if (!strcmp(cmd, "query-chardev")) {
        json_t *a = json_array();
        for (int i = 0; i < vm->n_chardevs; i++)
            json_array_append_new(a, json_pack("{s:b,s:s,s:s}", "frontend-open", 1, "filename",
                                               vm->chardevs[i].filename, "label",
                                               vm->chardevs[i].label));
        return a;
    }
    return NULL;
}

static void cmd_query(Qmp *q, VmCtl *vm, json_t *id, json_t *args)
{
    reply(q, id, qmp_query(vm, q->cmd));
}

/* query-nodes=true lists QEMU's block graph nodes, which pcemu does not keep apart from
 * its drives: refused in one line rather than answered with the devices' list. */
static void cmd_query_blockstats(Qmp *q, VmCtl *vm, json_t *id, json_t *args)
{
    if (json_is_true(json_object_get(args, "query-nodes")))
        reply_error(q, id, "GenericError", "pcemu has no separate block nodes: "
                    "query-nodes is not supported");
    else
        reply(q, id, qmp_query(vm, "query-blockstats"));
}

/* QEMU's qmp_dispatch_check_obj(): the request's own members. */
static bool check_request(Qmp *q, json_t *req, json_t *id)
{
    const char *key;
    json_t *v;
    json_object_foreach(req, key, v) {
        if (!strcmp(key, "execute")) {
            if (!json_is_string(v)) {
                reply_error(q, id, "GenericError", "QMP input member 'execute' must be a string");
                return false;
            }
        } else if (!strcmp(key, "arguments")) {
            if (!json_is_object(v)) {
                reply_error(q, id, "GenericError",
                            "QMP input member 'arguments' must be an object");
                return false;
            }
        } else if (strcmp(key, "id") != 0) {
            reply_error(q, id, "GenericError", "QMP input member '%s' is unexpected", key);
            return false;
        }
    }
    if (!json_object_get(req, "execute")) {
        reply_error(q, id, "GenericError", "QMP input lacks member 'execute'");
        return false;
    }
    return true;
}

static void dispatch(Qmp *q, VmCtl *vm, json_t *req)
{
    json_t *id = json_is_object(req) ? json_object_get(req, "id") : NULL;
    if (!json_is_object(req)) {
        reply_error(q, NULL, "GenericError", "QMP input must be a JSON object");
        return;
    }
    if (!check_request(q, req, id))
        return;
    json_t *args = json_object_get(req, "arguments");
    const char *cmd = json_string_value(json_object_get(req, "execute"));
    const QmpCmd *c = NULL;
    for (size_t i = 0; i < ARRAY_SIZE(qmp_cmds) && !c; i++)
        if (!strcmp(qmp_cmds[i].name, cmd))
            c = &qmp_cmds[i];
    if (!q->negotiated) {
        if (c && !c->fn) {
            if (qmp_check_args(q, id, args, c->args)) {
                q->negotiated = true;
                reply(q, id, json_object());
            }
        } else {
            reply_error(q, id, "CommandNotFound",
                        "Expecting capabilities negotiation with 'qmp_capabilities'");
        }
        return;
    }
    if (c && !c->fn) {
        reply_error(q, id, "CommandNotFound",
                    "Capabilities negotiation is already complete, command ignored");
    } else if (!c) {
        reply_error(q, id, "CommandNotFound", "The command %s has not been found", cmd);
    } else if (qmp_check_args(q, id, args, c->args)) {
        q->cmd = c->name;
        c->fn(q, vm, id, args);
    }
}

/* ---- JSON syntax ----
 * A request that is not valid JSON gets QEMU's parser message (qobject/json-parser.c and
 * its lexer), found by this check before jansson parses the value. */

typedef struct JsonChk {
    const char *p, *end;
    char msg[128];           /* "" while no error */
} JsonChk;

static bool jc_fail(JsonChk *c, const char *fmt, ...) PRINTF_LIKE(2, 3);
static bool jc_fail(JsonChk *c, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(c->msg, sizeof c->msg, fmt, ap);
    va_end(ap);
    return false;
}

static int jc_peek(JsonChk *c)
{
    while (c->p < c->end && (*c->p == ' ' || *c->p == '\t' || *c->p == '\r' || *c->p == '\n'))
        c->p++;
    return c->p < c->end ? (unsigned char)*c->p : -1;
}

static bool jc_string(JsonChk *c)
{
    char quote = *c->p++;    /* QEMU also takes single-quoted strings */
    while (c->p < c->end && *c->p != quote) {
        if (*c->p++ != '\\')
            continue;
        char e = c->p < c->end ? *c->p++ : 0;
        if (e == 'u') {
            for (int i = 0; i < 4; i++, c->p++)
                if (c->p >= c->end || !isxdigit((unsigned char)*c->p))
                    return jc_fail(c, "invalid escape sequence in string");
        } else if (!e || !strchr("\"'\\/bfnrt", e)) {
            return jc_fail(c, "invalid escape sequence in string");
        }
    }
    if (c->p >= c->end)
        return jc_fail(c, "expecting value");
    c->p++;
    return true;
}

static bool jc_number(JsonChk *c)
{
    const char *s = c->p;
    bool ok = true;
    if (*c->p == '-')
        c->p++;
    if (c->p < c->end && *c->p == '0') {
        c->p++;
    } else {
        ok = c->p < c->end && isdigit((unsigned char)*c->p);
        while (c->p < c->end && isdigit((unsigned char)*c->p))
            c->p++;
    }
    if (ok && c->p < c->end && *c->p == '.') {
        c->p++;
        ok = c->p < c->end && isdigit((unsigned char)*c->p);
        while (c->p < c->end && isdigit((unsigned char)*c->p))
            c->p++;
    }
    if (ok && c->p < c->end && (*c->p == 'e' || *c->p == 'E')) {
        c->p++;
        if (c->p < c->end && (*c->p == '+' || *c->p == '-'))
            c->p++;
        ok = c->p < c->end && isdigit((unsigned char)*c->p);
        while (c->p < c->end && isdigit((unsigned char)*c->p))
            c->p++;
    }
    if (!ok)   /* the lexer's error token runs through the offending character */
        return jc_fail(c, "stray '%.*s'", (int)MIN(c->p + 1 - s, 64), s);
    return true;
}

static bool jc_value(JsonChk *c, int depth)
{
    int ch = jc_peek(c);
    if (depth > 1024)
        return jc_fail(c, "JSON nesting depth limit exceeded");
    if (ch == '"' || ch == '\'')
        return jc_string(c);
    if (ch == '-' || isdigit(ch))
        return jc_number(c);
    if (ch >= 'a' && ch <= 'z') {
        const char *s = c->p;
        while (c->p < c->end && *c->p >= 'a' && *c->p <= 'z')
            c->p++;
        int n = (int)(c->p - s);
        if ((n == 4 && (!memcmp(s, "true", 4) || !memcmp(s, "null", 4))) ||
            (n == 5 && !memcmp(s, "false", 5)))
            return true;
        return jc_fail(c, "invalid keyword '%.*s'", MIN(n, 64), s);
    }
    if (ch == '{' || ch == '[') {
        bool obj = ch == '{';
        char close = obj ? '}' : ']';
        c->p++;
        if (jc_peek(c) == close) {
            c->p++;
            return true;
        }
        for (;;) {
            if (obj) {
                ch = jc_peek(c);
                if (ch == '}' || ch < 0)
                    return jc_fail(c, "expecting value");
                if (ch != '"' && ch != '\'')
                    return jc_fail(c, "key is not a string in object");
                if (!jc_string(c))
                    return false;
                if (jc_peek(c) != ':')
                    return jc_fail(c, "missing : in object pair");
                c->p++;
            }
            ch = jc_peek(c);
            if (ch == '}' || ch == ']' || ch == ',' || ch < 0)
                return jc_fail(c, "expecting value");
            if (!jc_value(c, depth + 1))
                return false;
            ch = jc_peek(c);
            c->p++;
            if (ch == close)
                return true;
            if (ch != ',')
                return jc_fail(c, "expected separator in %s", obj ? "dict" : "list");
        }
    }
    if (ch < 0 || ch == '}' || ch == ']' || ch == ',' || ch == ':')
        return jc_fail(c, "expecting value");
    return jc_fail(c, "stray '%c'", ch);
}

/* Length of the first complete top-level JSON value in buf (leading whitespace included),
 * 0 when incomplete. */
static size_t json_value_len(const char *buf, size_t n)
{
    int depth = 0;
    bool str = false, esc = false, started = false;
    for (size_t i = 0; i < n; i++) {
        char ch = buf[i];
        if (str) {
            if (esc)
                esc = false;
            else if (ch == '\\')
                esc = true;
            else if (ch == '"')
                str = false;
            continue;
        }
        if (ch == '"') {
            str = started = true;
        } else if (ch == '{' || ch == '[') {
            depth++;
            started = true;
        } else if (ch == '}' || ch == ']') {
            depth--;
            if (depth <= 0)
                return i + 1;
        } else if (ch == '\n' && started && depth == 0) {
            return i + 1;   /* a bare scalar line: let the parser reject it */
        } else if (ch != ' ' && ch != '\t' && ch != '\r' && ch != '\n') {
            started = true;
        }
    }
    return 0;
}

void qmp_lines(Qmp *q, VmCtl *vm)
{
    size_t len;
    bool was = vm->running;
    /* as the human monitor: after a command that starts the machine, it runs a slice */
    while (!vm->quit && !(!was && vm->running) && (len = json_value_len(q->c.in, q->c.in_len)) > 0) {
        json_error_t jerr;
        JsonChk chk = { .p = q->c.in, .end = q->c.in + len };
        json_t *req = jc_value(&chk, 0) ? json_loadb(q->c.in, len, JSON_DECODE_ANY, &jerr) : NULL;
        memmove(q->c.in, q->c.in + len, q->c.in_len - len);
        q->c.in_len -= len;
        if (!req) {
            reply_error(q, NULL, "GenericError", "JSON parse error, %s",
                        chk.msg[0] ? chk.msg : jerr.text);
            continue;
        }
        dispatch(q, vm, req);
        json_decref(req);
    }
}

void qmp_service(Qmp *q, VmCtl *vm)
{
    if (monconn_service(&q->c) == 1)
        qmp_greet(q);
    qmp_lines(q, vm);
}
