/* blk_bench.c DIR MIB [REPS]: times a MIB-MiB VM-state payload written (qcow2_vmstate_* plus the
 * snapshot commit, flushed) and read back through pcemu's qcow2 layer, and the same
 * payload written (fdatasync) and read through a plain raw file. Prints four lines
 * "name seconds" for tests/bench/block.sh, each the best of REPS runs (default 3).
 * Host time is fine here: this is a benchmark. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "block/block.h"
#include "block/qcow2.h"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static int die(const char *what, const Err *e)
{
    fprintf(stderr, "blk_bench: %s: %s\n", what, e ? e->msg : "failed");
    return 1;
}

static int run(const char *dir, size_t n, double *t);

int main(int argc, char **argv)
{
    if (argc != 3 && argc != 4)
        return fprintf(stderr, "usage: blk_bench DIR MIB [REPS]\n"), 2;
    int reps = argc == 4 ? atoi(argv[3]) : 3;
    double best[4] = { 1e9, 1e9, 1e9, 1e9 };
    for (int r = 0; r < reps; r++) {
        double t[4];
        if (run(argv[1], (size_t)atoi(argv[2]), t))
            return 1;
        for (int i = 0; i < 4; i++)
            best[i] = t[i] < best[i] ? t[i] : best[i];
    }
    printf("pcemu_write %.4f\npcemu_read %.4f\nraw_write %.4f\nraw_read %.4f\n",
           best[0], best[1], best[2], best[3]);
    return 0;
}

static int run(const char *dir, size_t n, double *t)
{
    size_t chunk = 1 << 20;
    uint8_t *buf = malloc(chunk), *back = malloc(chunk);
    for (size_t i = 0; i < chunk; i++)
        buf[i] = (uint8_t)(i * 131 + (i >> 12));
    char img[512], raw[512];
    snprintf(img, sizeof img, "%s/bench.qcow2", dir);
    snprintf(raw, sizeof raw, "%s/bench.raw", dir);
    Err err = { 0 };
    if (qcow2_create(img, &(Qcow2CreateOpts){ .size = 64 << 20, .refcount_order = -1 }, &err) < 0)
        return die("create", &err);
    BlockDev *b;
    if (blk_open(img, "qcow2", false, &b, &err) < 0)
        return die("open", &err);
    Qcow2 *q = qcow2_of(b);
    double t0 = now();
    Qcow2VmWriter *w;
    if (qcow2_vmstate_begin(q, &w, &err) < 0)
        return die("vmstate_begin", &err);
    for (size_t i = 0; i < n; i++) {
        buf[0] = (uint8_t)i;
        if (qcow2_vmstate_write(w, i * chunk, buf, chunk, &err) < 0)
            return die("vmstate_write", &err);
    }
    if (qcow2_snapshot_create(q, &(Qcow2SnapNew){ .name = "bench", .icount = UINT64_MAX }, w,
                              &err) < 0)
        return die("snapshot_create", &err);
    double t1 = now();
    for (size_t i = 0; i < n; i++) {
        if (qcow2_vmstate_read(q, 0, i * chunk, back, chunk, &err) != (long)chunk)
            return die("vmstate_read", &err);
        buf[0] = (uint8_t)i;
        if (memcmp(back, buf, chunk))
            return die("vmstate_read: wrong data", NULL);
    }
    double t2 = now();
    blk_close(b, NULL);
    int fd = open(raw, O_RDWR | O_CREAT | O_TRUNC, 0644);
    double t3 = now();
    for (size_t i = 0; i < n; i++) {
        buf[0] = (uint8_t)i;
        if (pwrite(fd, buf, chunk, (off_t)(i * chunk)) != (ssize_t)chunk)
            return die("raw write", NULL);
    }
    fdatasync(fd);
    double t4 = now();
    for (size_t i = 0; i < n; i++)
    {
        if (pread(fd, back, chunk, (off_t)(i * chunk)) != (ssize_t)chunk)
            return die("raw read", NULL);
        buf[0] = (uint8_t)i;
        if (memcmp(back, buf, chunk))      /* verified like the qcow2 read above */
            return die("raw read: wrong data", NULL);
    }
    double t5 = now();
    close(fd);
    t[0] = t1 - t0; t[1] = t2 - t1; t[2] = t4 - t3; t[3] = t5 - t4;
    unlink(img);
    unlink(raw);
    free(buf);
    free(back);
    return 0;
}
