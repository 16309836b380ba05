/* vmsbench.c: vmsbench MIB DIR [split]. Times savevm and loadvm of MIB MiB of RAM blocks (half
 * zero pages, half random data, interleaved) through sections.c + ram.c, to a file and to a
 * qcow2 snapshot's VM-state area, beside a plain write and read of the same stream bytes in
 * the same run (write(2)/read(2) on a file; qcow2_vmstate_write/read on an image). Files
 * live in DIR (page cache, no fsync on either side). Loads and plain reads both go into
 * fresh (untouched) memory, as loadvm loads into a new machine. Best of 3 for the file
 * figures. Prints seconds and ratios. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "block/block.h"
#include "block/qcow2.h"
#include "snapshot/ram.h"
#include "snapshot/sections.h"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static void check(int r, const Err *e, const char *what)
{
    if (r < 0) {
        fprintf(stderr, "vmsbench: %s: %s\n", what, e->msg);
        exit(1);
    }
}

typedef struct Mem { uint8_t *ram, *bios; uint64_t ram_size, bios_size; RamSection *rs; SecList *l; } Mem;

static void mem_init(Mem *m, uint64_t mib)
{
    m->bios_size = 256 << 10;
    m->ram_size = (mib << 20) - m->bios_size;
    m->ram = calloc(1, m->ram_size);    /* untouched zero memory, as a fresh machine's */
    m->bios = calloc(1, m->bios_size);
    RamSectionBlock b[2] = { { "pc.ram", m->ram, m->ram_size }, { "pc.bios", m->bios, m->bios_size } };
    m->rs = ram_section_new(b, 2);
    m->l = sec_list_new("pc-i440fx-7.2", 4096);
    Err e = { 0 };
    check(sec_register_iter(m->l, "ram", 0, 4, &ram_sec_iter, m->rs, &e), &e, "register");
}

static void mem_free(Mem *m)
{
    sec_list_free(m->l);
    ram_section_free(m->rs);
    free(m->ram);
    free(m->bios);
}

static bool split_layout;   /* zero pages as the first half of each block, not every other */

static void mem_fill(Mem *m)
{
    uint64_t x = 0x9e3779b97f4a7c15ull;
    uint8_t *blocks[2] = { m->ram, m->bios };
    uint64_t sizes[2] = { m->ram_size, m->bios_size };
    for (int b = 0; b < 2; b++)
        for (uint64_t p = 0; p < sizes[b] / RAM_PAGE_SIZE; p++) {
            if (split_layout ? p < sizes[b] / RAM_PAGE_SIZE / 2 : p % 2 == 0)
                continue;   /* half the pages stay zero */
            uint64_t *w = (uint64_t *)(void *)(blocks[b] + p * RAM_PAGE_SIZE);
            for (size_t i = 0; i < RAM_PAGE_SIZE / 8; i++) {
                x ^= x << 13; x ^= x >> 7; x ^= x << 17;
                w[i] = x;
            }
        }
}

static int qcow2_w(void *opaque, uint64_t off, const void *buf, size_t len, Err *err)
{
    return qcow2_vmstate_write(opaque, off, buf, len, err);
}

int main(int argc, char **argv)
{
    if (argc != 3 && !(argc == 4 && !strcmp(argv[3], "split"))) {
        fprintf(stderr, "usage: vmsbench MIB DIR [split]\n");
        return 2;
    }
    split_layout = argc == 4;
    uint64_t mib = strtoull(argv[1], NULL, 10);
    char path[4096], img[4096], img2[4096];
    snprintf(path, sizeof path, "%s/stream.bin", argv[2]);
    snprintf(img, sizeof img, "%s/vm.qcow2", argv[2]);
    snprintf(img2, sizeof img2, "%s/plain.qcow2", argv[2]);
    Mem src, dst;
    mem_init(&src, mib);
    mem_init(&dst, mib);
    mem_fill(&src);
    Err e = { 0 };

    /* savevm to a file (best of 3, each into a new file) */
    double t0, t_save = 1e9, t_pw = 1e9, t_pr = 1e9, t_load = 1e9;
    int fd = -1;
    Stream *s;
    for (int rep = 0; rep < 3; rep++) {
        unlink(path);
        fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0644);
        t0 = now();
        s = stream_open_fd(fd, true);
        check(sec_save(src.l, s, &e), &e, "save");
        check(stream_close(s, &e), &e, "save close");
        t_save = MIN(t_save, now() - t0);
        if (rep < 2)
            close(fd);
    }
    off_t len = lseek(fd, 0, SEEK_END);
    uint8_t *bytes = aligned_alloc(4096, ((size_t)len + 4095) / 4096 * 4096);
    if (pread(fd, bytes, (size_t)len, 0) != len)
        return 1;
    close(fd);

    /* plain write and read of the same bytes (best of 3; the read buffer is touched first,
     * as the guest RAM a load goes into is) */
    uint8_t *back = NULL;
    for (int rep = 0; rep < 3; rep++) {
        /* Both sides read into fresh memory: loadvm always loads into a new machine. */
        free(back);
        back = calloc(1, (size_t)len);
        mem_free(&dst);
        mem_init(&dst, mib);
        ram_section_assume_zero(dst.rs);
        unlink(path);
        fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0644);
        t0 = now();
        for (off_t o = 0; o < len;) {
            ssize_t n = write(fd, bytes + o, (size_t)(len - o));
            if (n <= 0)
                return 1;
            o += n;
        }
        t_pw = MIN(t_pw, now() - t0);
        lseek(fd, 0, SEEK_SET);
        t0 = now();
        for (off_t o = 0; o < len;) {
            ssize_t n = read(fd, back + o, (size_t)(len - o));
            if (n <= 0)
                return 1;
            o += n;
        }
        t_pr = MIN(t_pr, now() - t0);
        /* loadvm from the file */
        lseek(fd, 0, SEEK_SET);
        t0 = now();
        s = stream_open_fd(fd, false);
        check(sec_load(dst.l, s, &e), &e, "load");
        stream_close(s, NULL);
        t_load = MIN(t_load, now() - t0);
        close(fd);
    }
    if (memcmp(src.ram, dst.ram, src.ram_size) || memcmp(src.bios, dst.bios, src.bios_size)) {
        fprintf(stderr, "vmsbench: loaded RAM differs\n");
        return 1;
    }

    /* savevm into a qcow2 VM-state area, and loadvm from it */
    Qcow2CreateOpts co = { .size = 64 << 20 };
    check(qcow2_create(img, &co, &e), &e, "create");
    check(qcow2_create(img2, &co, &e), &e, "create");
    BlockDev *b;
    check(blk_open(img, "qcow2", false, &b, &e), &e, "open");
    Qcow2 *q = blk_qcow2(b);
    Qcow2VmWriter *w;
    t0 = now();
    check(qcow2_vmstate_begin(q, &w, &e), &e, "vmstate begin");
    s = stream_open_vmstate_write(w);
    check(sec_save(src.l, s, &e), &e, "qcow2 save");
    check(stream_close(s, &e), &e, "qcow2 save close");
    Qcow2SnapNew sn = { .name = "s1", .icount = UINT64_MAX };
    check(qcow2_snapshot_create(q, &sn, w, &e), &e, "snapshot create");
    check(blk_flush(b, &e), &e, "flush");
    double t_qsave = now() - t0;
    mem_free(&dst);
    mem_init(&dst, mib);
    ram_section_assume_zero(dst.rs);
    t0 = now();
    int idx = qcow2_snapshot_find(q, "s1", &e);
    check(idx, &e, "find");
    s = stream_open_vmstate_read(q, idx);
    check(sec_load(dst.l, s, &e), &e, "qcow2 load");
    stream_close(s, NULL);
    double t_qload = now() - t0;
    blk_close(b, NULL);
    if (memcmp(src.ram, dst.ram, src.ram_size)) {
        fprintf(stderr, "vmsbench: RAM loaded from qcow2 differs\n");
        return 1;
    }

    /* plain write and read of the same bytes through the VM-state area */
    check(blk_open(img2, "qcow2", false, &b, &e), &e, "open");
    q = blk_qcow2(b);
    t0 = now();
    check(qcow2_vmstate_begin(q, &w, &e), &e, "vmstate begin");
    check(qcow2_w(w, 0, bytes, (size_t)len, &e), &e, "plain vmstate write");
    check(qcow2_snapshot_create(q, &sn, w, &e), &e, "snapshot create");
    check(blk_flush(b, &e), &e, "flush");
    double t_qpw = now() - t0;
    free(back);
    back = calloc(1, (size_t)len);
    t0 = now();
    idx = qcow2_snapshot_find(q, "s1", &e);
    long got = qcow2_vmstate_read(q, idx, 0, back, (size_t)len, &e);
    double t_qpr = now() - t0;
    blk_close(b, NULL);
    if (got != len || memcmp(back, bytes, (size_t)len)) {
        fprintf(stderr, "vmsbench: plain qcow2 read differs\n");
        return 1;
    }

    double mb = (double)len / (1 << 20);
    printf("stream %" PRIu64 " MiB RAM (half zero pages, %s): stream %.1f MiB\n", mib,
           split_layout ? "first half of each block" : "every other page", mb);
    printf("  file:  save %.3fs  plain write %.3fs  ratio %.2f | load %.3fs  plain read %.3fs  ratio %.2f\n",
           t_save, t_pw, t_save / t_pw, t_load, t_pr, t_load / t_pr);
    printf("  qcow2: save %.3fs  plain write %.3fs  ratio %.2f | load %.3fs  plain read %.3fs  ratio %.2f\n",
           t_qsave, t_qpw, t_qsave / t_qpw, t_qload, t_qpr, t_qload / t_qpr);
    return 0;
}
