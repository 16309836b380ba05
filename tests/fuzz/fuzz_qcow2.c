/* fuzz_qcow2.c: libFuzzer target for the qcow2 reader: the input is an image file. It is
 * opened read-only (header, extensions, snapshot table, L1), read through the active and
 * snapshot L1/L2 tables, checked; then opened read-write on a copy, repaired (check -r
 * all), written and snapshotted. Any crash, hang, sanitizer report or leak is a bug, and
 * so is a refused read-write open that changed the file (other than clearing autoclear
 * bits, as QEMU does). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sys/uio.h>

#include "block/block.h"
#include "block/qcow2.h"

static void put_file(const char *path, const uint8_t *data, size_t size)
{
    FILE *f = fopen(path, "wb");
    if (!f)
        abort();
    if (size && fwrite(data, 1, size, f) != size)
        abort();
    fclose(f);
}

static void exercise(BlockDev *b)
{
    uint8_t buf[8192];
    Err err = { 0 };
    uint64_t size = blk_size(b);
    blk_pread(b, 0, buf, (size_t)MIN(size, sizeof buf), &err);
    if (size > sizeof buf) {
        err_clear(&err);
        blk_pread(b, size - sizeof buf, buf, sizeof buf, &err);
    }
    Qcow2 *q = qcow2_of(b);
    if (!q)
        return;
    for (int i = 0; i < qcow2_snapshot_count(q) && i < 4; i++) {
        err_clear(&err);
        qcow2_vmstate_read(q, i, 0, buf, sizeof buf, &err);
        err_clear(&err);
        struct iovec v[3] = { { buf, 8 }, { buf + 8, 0 }, { buf + 8, sizeof buf - 8 } };
        qcow2_vmstate_readv(q, i, 5, v, 3, &err);
        /* a view shows the bytes a read gives, and every one of them can be touched */
        err_clear(&err);
        const uint8_t *view;
        size_t got;
        qcow2_vmstate_view(q, i, 3, sizeof buf, &view, &got, &err);
        if (got > sizeof buf || (got && !view))
            abort();
        if (got) {
            static uint8_t copy[sizeof buf];
            memcpy(copy, view, got);
            err_clear(&err);
            if (qcow2_vmstate_read(q, i, 3, buf, got, &err) != (long)got ||
                memcmp(copy, buf, got))
                abort();
        }
    }
    Qcow2CheckResult r;
    err_clear(&err);
    qcow2_check(q, QCOW2_REPAIR_NONE, &r, NULL, &err);
}

/* The file at path is data, but for autoclear bits (header bytes 88..95) cleared. */
static bool unchanged_but_autoclear(const char *path, const uint8_t *data, size_t size)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        abort();
    uint8_t *now = malloc(size + 1);
    size_t n = fread(now, 1, size + 1, f);
    fclose(f);
    bool same = n == size;
    for (size_t i = 0; same && i < size; i++) {
        if (i >= 88 && i < 96)
            same = (now[i] & ~data[i]) == 0;
        else
            same = now[i] == data[i];
    }
    free(now);
    return same;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > (1 << 20))
        return 0;
    char path[64];
    /* tmpfs: the driver flushes at every ordering point */
    snprintf(path, sizeof path, "/dev/shm/fuzz_qcow2.%d", (int)getpid());
    put_file(path, data, size);
    BlockDev *b;
    Err err = { 0 };
    if (blk_open(path, "qcow2", true, &b, &err) == 0) {
        exercise(b);
        blk_close(b, NULL);
        err_clear(&err);
        if (blk_open(path, "qcow2", false, &b, &err) == 0) {
            Qcow2 *q = qcow2_of(b);
            Qcow2CheckResult r;
            qcow2_check(q, QCOW2_REPAIR_ALL, &r, NULL, &err);
            err_clear(&err);
            if (blk_size(b) >= 512)
                blk_pwrite(b, 0, data, MIN(size, 512), &err);
            err_clear(&err);
            qcow2_snapshot_create(q, &(Qcow2SnapNew){ .name = "fz", .replace = true }, NULL, &err);
            err_clear(&err);
            if (qcow2_snapshot_count(q))
                qcow2_snapshot_apply(q, 0, &err);
            blk_close(b, NULL);
        } else if (!unchanged_but_autoclear(path, data, size)) {
            abort();        /* a refused open wrote */
        }
    }
    unlink(path);
    return 0;
}
