/* blk_crash.c: performs one qcow2 operation as pcemu-img does, but lets only N metadata
 * writes happen (qcow2_set_crash_after): the (N+1)th exits the process with status 99, a
 * crash at that point. Status 0 when the operation completed within N writes, 1 on error.
 * For block_crash.sh and block_check.sh; the shipped programs have no such hook.
 *   blk_crash N IMAGE vmstate-save [--clock NS] [--date SEC] NAME INFILE
 *   blk_crash N IMAGE snapshot-create NAME   (disk only, as pcemu-img snapshot -c)
 *   blk_crash N IMAGE snapshot-delete NAME
 *   blk_crash N IMAGE snapshot-apply ID-OR-NAME
 *   blk_crash N IMAGE write OFFSET INFILE */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "block/block.h"
#include "block/qcow2.h"

static int usage(void)
{
    fprintf(stderr, "usage: blk_crash N IMAGE vmstate-save [--clock NS] [--date SEC] NAME "
            "INFILE | snapshot-create NAME | snapshot-delete NAME | snapshot-apply NAME | "
            "write OFFSET INFILE\n");
    return 2;
}

/* INFILE's bytes as VM state of a new snapshot NAME, replacing a same-named one. */
static int vmstate_save(Qcow2 *q, int argc, char **argv, Err *err)
{
    uint64_t clock = 0, date = (uint64_t)time(NULL);
    int i = 0;
    for (; i + 1 < argc && argv[i][0] == '-'; i += 2) {
        if (!strcmp(argv[i], "--clock"))
            clock = strtoull(argv[i + 1], NULL, 0);
        else if (!strcmp(argv[i], "--date"))
            date = strtoull(argv[i + 1], NULL, 0);
        else
            return ERR(err, -EINVAL, "vmstate-save: bad option %s", argv[i]);
    }
    if (argc - i != 2)
        return ERR(err, -EINVAL, "vmstate-save: NAME INFILE expected");
    FILE *f = fopen(argv[i + 1], "rb");
    if (!f)
        return ERR(err, -errno, "cannot open %s", argv[i + 1]);
    Qcow2VmWriter *w;
    int ret = qcow2_vmstate_begin(q, &w, err);
    uint8_t *buf = xmalloc(4 << 20);
    uint64_t pos = 0;
    size_t n;
    while (ret == 0 && (n = fread(buf, 1, 4 << 20, f)) > 0) {
        ret = qcow2_vmstate_write(w, pos, buf, n, err);
        pos += n;
    }
    fclose(f);
    free(buf);
    if (ret < 0) {
        qcow2_vmstate_abort(w);
        return ret;
    }
    Qcow2SnapNew sn = { .name = argv[i], .date_sec = (uint32_t)date, .vm_clock_nsec = clock,
                        .icount = UINT64_MAX, .replace = true };
    return qcow2_snapshot_create(q, &sn, w, err);
}

/* INFILE's bytes at guest OFFSET, through the block layer. */
static int write_file(BlockDev *b, int argc, char **argv, Err *err)
{
    if (argc != 2)
        return ERR(err, -EINVAL, "write: OFFSET INFILE expected");
    uint64_t off = strtoull(argv[0], NULL, 0);
    FILE *f = fopen(argv[1], "rb");
    if (!f)
        return ERR(err, -errno, "cannot open %s", argv[1]);
    uint8_t *buf = xmalloc(1 << 20);
    size_t n;
    int ret = 0;
    while (ret == 0 && (n = fread(buf, 1, 1 << 20, f)) > 0) {
        ret = blk_pwrite(b, off, buf, n, err);
        off += n;
    }
    fclose(f);
    free(buf);
    return ret;
}

static int snapshot_op(Qcow2 *q, const char *op, int argc, char **argv, Err *err)
{
    if (argc != 1)
        return ERR(err, -EINVAL, "%s: NAME expected", op);
    if (!strcmp(op, "snapshot-create")) {
        struct timespec ts;
        clock_gettime(CLOCK_REALTIME, &ts);
        Qcow2SnapNew sn = { .name = argv[0], .date_sec = (uint32_t)ts.tv_sec,
                            .date_nsec = (uint32_t)(ts.tv_nsec / 1000 * 1000), .icount = 0,
                            .allow_duplicate = true };
        return qcow2_snapshot_create(q, &sn, NULL, err);
    }
    bool apply = !strcmp(op, "snapshot-apply");
    int i = apply ? qcow2_snapshot_find_id_or_name(q, argv[0], err)
                  : qcow2_snapshot_find(q, argv[0], err);
    if (i < 0)
        return i;
    return apply ? qcow2_snapshot_apply(q, i, err) : qcow2_snapshot_delete(q, i, err);
}

int main(int argc, char **argv)
{
    if (argc < 4)
        return usage();
    char *end;
    long n = strtol(argv[1], &end, 10);
    const char *op = argv[3];
    if (*end || n < 0 || (strcmp(op, "vmstate-save") && strcmp(op, "write") &&
                          strcmp(op, "snapshot-create") && strcmp(op, "snapshot-delete") &&
                          strcmp(op, "snapshot-apply")))
        return usage();
    Err err = { 0 };
    BlockDev *b;
    if (blk_open(argv[2], "qcow2", false, &b, &err) < 0) {
        fprintf(stderr, "blk_crash: %s\n", err.msg);
        return 1;
    }
    Qcow2 *q = qcow2_of(b);
    qcow2_set_crash_after(q, n);
    int ret;
    if (!strcmp(op, "vmstate-save"))
        ret = vmstate_save(q, argc - 4, argv + 4, &err);
    else if (!strcmp(op, "write"))
        ret = write_file(b, argc - 4, argv + 4, &err);
    else
        ret = snapshot_op(q, op, argc - 4, argv + 4, &err);
    if (blk_close(b, ret < 0 ? NULL : &err) < 0 && ret == 0)
        ret = -1;
    if (ret < 0) {
        fprintf(stderr, "blk_crash: %s\n", err.msg);
        return 1;
    }
    return 0;
}
