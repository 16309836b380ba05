/* vmsbench.c: vmsbench MIB DIR [split]. Times savevm and loadvm of MIB MiB of RAM blocks
 * ("pc.ram" and a 256 KiB "pc.bios"; half zero pages, half random data, every other page or,
 * with `split`, the first half of each block zero) through sections.c + ram.c, to a file and
 * to a qcow2 snapshot's VM-state area, beside a plain write and read of the same stream
 * bytes in the same run (write(2)/read(2) of one buffer on a file; one blk_vmstate_write /
 * blk_vmstate_read call on an image). Prints the best of several runs and the ratios.
 *
 * Both sides are treated alike:
 *   - RAM is page-aligned anonymous memory (mmap), as a machine's; the zero pages of the
 *     source are written (resident zero memory, as a guest's freed pages), so save must
 *     read them. The plain write's source buffer is resident too.
 *   - Every write goes to a new file or image; every read comes from the page cache (the
 *     file was just written) into fresh memory that faults in as it is written: a plain read
 *     into a new mapping, a load into a new set of blocks (loadvm loads into a new machine,
 *     ram_section_assume_zero).
 *   - Runs alternate between the two sides (plain, ours, plain, ours, ...), so that noise
 *     from other processes hits both; each figure is the best of its runs. Before each
 *     timed write, sync(2) (untimed) drains what earlier runs left dirty, so that no run
 *     competes with the writeback of another's bytes.
 *   - qcow2: "stream" is begin + writes (+ the stream's close); "commit" adds
 *     blk_snapshot_create and blk_flush (fdatasync), the same calls on both sides.
 *   - Each figure is the best wall-clock time; the ratio of the best CPU times (user +
 *     system, less disturbed by other processes on a shared host) is printed beside it.
 * Every load is checked against the source RAM (outside the timing). */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include "block/block.h"
#include "block/qcow2.h"
#include "snapshot/format/ram.h"
#include "snapshot/format/sections.h"

enum { FILE_RUNS = 7, QCOW2_RUNS = 7, BIOS_SIZE = 256 << 10 };

static double clock_s(clockid_t id)
{
    struct timespec ts;
    clock_gettime(id, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* A figure: best wall-clock time and best CPU time (user + system of this process, which
 * other processes on a busy host disturb less) over the runs. */
typedef struct Fig { double wall, cpu, w0, c0; } Fig;
#define FIG_INIT { 1e9, 1e9, 0, 0 }

static void fig_start(Fig *f)
{
    f->w0 = clock_s(CLOCK_MONOTONIC);
    f->c0 = clock_s(CLOCK_PROCESS_CPUTIME_ID);
}

static void fig_stop(Fig *f)
{
    double w = clock_s(CLOCK_MONOTONIC) - f->w0, c = clock_s(CLOCK_PROCESS_CPUTIME_ID) - f->c0;
    f->wall = MIN(f->wall, w);
    f->cpu = MIN(f->cpu, c);
}

/* "save 0.123s  plain write 0.100s  ratio 1.23 (cpu 1.20)" */
static void fig_print(const char *ours, const Fig *a, const char *plain, const Fig *b)
{
    printf("%s %.3fs  %s %.3fs  ratio %.2f (cpu %.3fs %.3fs %.2f)", ours, a->wall, plain,
           b->wall, a->wall / b->wall, a->cpu, b->cpu, a->cpu / b->cpu);
}

static void check(int r, const Err *e, const char *what)
{
    if (r < 0) {
        fprintf(stderr, "vmsbench: %s: %s\n", what, e->msg);
        exit(1);
    }
}

/* Before a timed write: nothing dirty left from earlier runs. */
static void settle(void)
{
    sync();
}

static void *map_fresh(size_t len)
{
    void *p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) {
        perror("vmsbench: mmap");
        exit(1);
    }
    return p;
}

typedef struct Mem {
    uint8_t *ram, *bios;
    uint64_t ram_size;
    RamSection *rs;
    SecList *l;
} Mem;

static void mem_init(Mem *m, uint64_t mib)
{
    m->ram_size = (mib << 20) - BIOS_SIZE;
    m->ram = map_fresh(m->ram_size);
    m->bios = map_fresh(BIOS_SIZE);
    RamSectionBlock b[2] = { { "pc.ram", m->ram, m->ram_size, 0 }, { "pc.bios", m->bios, BIOS_SIZE, 0 } };
    m->rs = ram_section_new(b, 2);
    m->l = sec_list_new("pc-i440fx-7.2", 4096);
    Err e = { 0 };
    check(sec_register_iter(m->l, "ram", 0, 4, &ram_sec_iter, m->rs, &e), &e, "register");
}

static void mem_free(Mem *m)
{
    sec_list_free(m->l);
    ram_section_free(m->rs);
    munmap(m->ram, m->ram_size);
    munmap(m->bios, BIOS_SIZE);
}

/* A new, untouched target (a fresh machine before loadvm). */
static void mem_fresh(Mem *m, uint64_t mib)
{
    mem_free(m);
    mem_init(m, mib);
    ram_section_assume_zero(m->rs);
}

static void mem_fill(Mem *m, bool split)
{
    uint64_t x = 0x9e3779b97f4a7c15ull;
    uint8_t *blocks[2] = { m->ram, m->bios };
    uint64_t sizes[2] = { m->ram_size, BIOS_SIZE };
    for (int b = 0; b < 2; b++)
        for (uint64_t p = 0; p < sizes[b] / RAM_PAGE_SIZE; p++) {
            uint64_t *w = (uint64_t *)(void *)(blocks[b] + p * RAM_PAGE_SIZE);
            bool zero = split ? p < sizes[b] / RAM_PAGE_SIZE / 2 : p % 2 == 0;
            for (size_t i = 0; i < RAM_PAGE_SIZE / 8; i++) {
                x ^= x << 13; x ^= x >> 7; x ^= x << 17;
                w[i] = zero ? 0 : x;
            }
        }
}

static void mem_compare(const Mem *a, const Mem *b, const char *what)
{
    if (memcmp(a->ram, b->ram, a->ram_size) || memcmp(a->bios, b->bios, BIOS_SIZE)) {
        fprintf(stderr, "vmsbench: RAM loaded from %s differs\n", what);
        exit(1);
    }
}

static int open_new(const char *path)
{
    unlink(path);
    int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0644);
    if (fd < 0) {
        perror(path);
        exit(1);
    }
    return fd;
}

static void write_all(int fd, const uint8_t *p, size_t len)
{
    for (size_t o = 0; o < len;) {
        ssize_t n = write(fd, p + o, len - o);
        if (n <= 0) {
            perror("vmsbench: write");
            exit(1);
        }
        o += (size_t)n;
    }
}

static void read_all(int fd, uint8_t *p, size_t len)
{
    for (size_t o = 0; o < len;) {
        ssize_t n = read(fd, p + o, len - o);
        if (n <= 0) {
            fprintf(stderr, "vmsbench: short read\n");
            exit(1);
        }
        o += (size_t)n;
    }
}

/* A new qcow2 image, opened. */
static BlockDev *qcow2_new(const char *path)
{
    Err e = { 0 };
    BlockDev *b;
    unlink(path);
    Qcow2CreateOpts co = { .size = 64 << 20 };
    check(qcow2_create(path, &co, &e), &e, "qcow2 create");
    check(blk_open(path, "qcow2", false, &b, &e), &e, "qcow2 open");
    return b;
}

static void qcow2_commit(BlockDev *b, BlkVmWriter *w)
{
    Err e = { 0 };
    BlkSnapNew sn = { .name = "s1", .icount = UINT64_MAX };
    check(blk_snapshot_create(b, &sn, w, &e), &e, "snapshot create");
    check(blk_flush(b, &e), &e, "flush");
}

/* The figures of one side: plain write/read, save/load through the stream, and (qcow2)
 * both writes again with the snapshot's commit. */
typedef struct Figs {
    Fig pw, save, pr, load, pwc, savec;
} Figs;

/* File: plain write, save, plain read, load; alternating, best of FILE_RUNS. */
static void bench_file(Mem *src, Mem *dst, uint64_t mib, const uint8_t *bytes, size_t len,
                       const char *plain, const char *path, Figs *f)
{
    Stream *s;
    Err e = { 0 };
    for (int rep = 0; rep < FILE_RUNS; rep++) {
        int fd = open_new(plain);
        settle();
        fig_start(&f->pw);
        write_all(fd, bytes, len);
        fig_stop(&f->pw);
        close(fd);

        fd = open_new(path);
        settle();
        fig_start(&f->save);
        s = stream_open_fd(fd, true);
        check(sec_save(src->l, s, &e), &e, "save");
        check(stream_close(s, &e), &e, "save close");
        fig_stop(&f->save);
        if (rep == 0) {
            uint8_t *back = map_fresh(len);
            if (pread(fd, back, len, 0) != (ssize_t)len || memcmp(back, bytes, len)) {
                fprintf(stderr, "vmsbench: saved file differs from the stream bytes\n");
                exit(1);
            }
            munmap(back, len);
        }
        close(fd);

        fd = open(plain, O_RDONLY);
        uint8_t *back = map_fresh(len);
        fig_start(&f->pr);
        read_all(fd, back, len);
        fig_stop(&f->pr);
        munmap(back, len);
        close(fd);

        mem_fresh(dst, mib);
        fd = open(path, O_RDONLY);
        fig_start(&f->load);
        s = stream_open_fd(fd, false);
        check(sec_load(dst->l, s, &e), &e, "load");
        stream_close(s, NULL);
        fig_stop(&f->load);
        close(fd);
        mem_compare(src, dst, "the file");
    }
    unlink(plain);
    unlink(path);

}

/* qcow2 VM-state area: the same, best of QCOW2_RUNS. */
static void bench_qcow2(Mem *src, Mem *dst, uint64_t mib, const uint8_t *bytes, size_t len,
                        const char *img, const char *img2, Figs *f)
{
    Stream *s;
    Err e = { 0 };
    for (int rep = 0; rep < QCOW2_RUNS; rep++) {
        BlockDev *b = qcow2_new(img2);
        BlkVmWriter *w;
        settle();
        fig_start(&f->pw);
        f->pwc.w0 = f->pw.w0;
        f->pwc.c0 = f->pw.c0;
        check(blk_vmstate_begin(b, &w, &e), &e, "vmstate begin");
        check(blk_vmstate_write(w, 0, bytes, len, &e), &e, "plain vmstate write");
        fig_stop(&f->pw);
        qcow2_commit(b, w);
        fig_stop(&f->pwc);
        BlockDev *b2 = qcow2_new(img);
        settle();
        fig_start(&f->save);
        f->savec.w0 = f->save.w0;
        f->savec.c0 = f->save.c0;
        check(blk_vmstate_begin(b2, &w, &e), &e, "vmstate begin");
        s = stream_open_vmstate_write(w);
        check(sec_save(src->l, s, &e), &e, "qcow2 save");
        check(stream_close(s, &e), &e, "qcow2 save close");
        fig_stop(&f->save);
        qcow2_commit(b2, w);
        fig_stop(&f->savec);

        uint8_t *back = map_fresh(len);
        fig_start(&f->pr);
        int idx = blk_snapshot_find(b, "s1", &e);
        check(idx, &e, "find");
        long got = blk_vmstate_read(b, idx, 0, back, len, &e);
        fig_stop(&f->pr);
        if (got != (long)len || memcmp(back, bytes, len)) {
            fprintf(stderr, "vmsbench: plain qcow2 read differs\n");
            exit(1);
        }
        munmap(back, len);

        mem_fresh(dst, mib);
        fig_start(&f->load);
        idx = blk_snapshot_find(b2, "s1", &e);
        check(idx, &e, "find");
        s = stream_open_vmstate_read(b2, idx);
        check(sec_load(dst->l, s, &e), &e, "qcow2 load");
        stream_close(s, NULL);
        fig_stop(&f->load);
        mem_compare(src, dst, "qcow2");
        blk_close(b, NULL);
        blk_close(b2, NULL);
    }
    unlink(img);
    unlink(img2);

}

int main(int argc, char **argv)
{
    if (argc != 3 && !(argc == 4 && !strcmp(argv[3], "split"))) {
        fprintf(stderr, "usage: vmsbench MIB DIR [split]\n");
        return 2;
    }
    bool split = argc == 4;
    uint64_t mib = strtoull(argv[1], NULL, 10);
    if (mib < 1 || mib > 65536) {
        fprintf(stderr, "vmsbench: MIB must be 1..65536\n");
        return 2;
    }
    char path[4096], plain[4096], img[4096], img2[4096];
    snprintf(path, sizeof path, "%s/stream.bin", argv[2]);
    snprintf(plain, sizeof plain, "%s/plain.bin", argv[2]);
    snprintf(img, sizeof img, "%s/vm.qcow2", argv[2]);
    snprintf(img2, sizeof img2, "%s/plain.qcow2", argv[2]);
    Mem src, dst;
    mem_init(&src, mib);
    mem_init(&dst, mib);
    mem_fill(&src, split);
    Err e = { 0 };

    /* The stream bytes, for the plain side. */
    Stream *s = stream_open_membuf();
    check(sec_save(src.l, s, &e), &e, "save to memory");
    size_t len;
    const uint8_t *mb = stream_membuf(s, &len);
    uint8_t *bytes = map_fresh(len);
    memcpy(bytes, mb, len);
    stream_close(s, NULL);

    Figs ft = { FIG_INIT, FIG_INIT, FIG_INIT, FIG_INIT, FIG_INIT, FIG_INIT };
    Figs fq = ft;
    bench_file(&src, &dst, mib, bytes, len, plain, path, &ft);
    bench_qcow2(&src, &dst, mib, bytes, len, img, img2, &fq);

    printf("ram %" PRIu64 " MiB, half zero pages (%s): stream %.1f MiB; best of %d (file), %d (qcow2)\n",
           mib, split ? "first half of each block" : "every other page",
           (double)len / (1 << 20), FILE_RUNS, QCOW2_RUNS);
    printf("  file          ");
    fig_print("save", &ft.save, "plain write", &ft.pw);
    fig_print(" | load", &ft.load, "plain read", &ft.pr);
    printf("\n  qcow2 stream  ");
    fig_print("save", &fq.save, "plain write", &fq.pw);
    fig_print(" | load", &fq.load, "plain read", &fq.pr);
    printf("\n  qcow2 commit  ");
    fig_print("save", &fq.savec, "plain write", &fq.pwc);
    printf("  (+ snapshot create, fdatasync)\n");
    mem_free(&src);
    mem_free(&dst);
    munmap(bytes, len);
    return 0;
}
