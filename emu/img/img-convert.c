/* img-convert.c: qemu-img convert for qcow2 and raw: the source is walked in qemu-img
 * 7.2's chunks (convert_iteration_sectors: runs of one block status in 512-byte sectors,
 * data runs at most 2 MiB, whole clusters when compressing), data chunks are copied
 * (all-zero clusters stay unallocated), and -p prints qemu's progress lines
 * ("    (NN.NN/100%)\r" on stdout: 0 first, then after each data chunk when it moved
 * more than 1 point or reached 100, a final 100 and a newline), computed as qemu
 * computes them (single-precision floats). */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "block/block.h"
#include "emu/img/img.h"

enum { BUF_SECTORS = (2 << 20) / 512 };

typedef struct Conv {
    ImgStat src;
    BlockDev *out;
    uint64_t size, total_sectors, cluster_sectors;
    uint64_t src_align;        /* the source's cluster in sectors (1 for raw) */
    uint64_t next_status;      /* sector where the current status run ends */
    bool data;                 /* the current run's status: data (else zero) */
    bool compress;
    bool progress;
    float last_print, current;
    uint64_t allocated, done;  /* sectors of data chunks: all, copied */
    uint8_t *buf;              /* one output cluster (or 64 KiB for raw) */
    uint64_t unit;
    Err err;
} Conv;

/* The next chunk from sector s: its length in sectors; c->data its kind. */
static int64_t next_chunk(Conv *c, uint64_t s)
{
    uint64_t n = c->total_sectors - s;
    if (c->next_status <= s) {
        unsigned st;
        uint64_t pnum, m, off = s * 512;
        if (img_block_status(&c->src, off, MIN(n * 512, c->size - off), &st, &pnum, &m,
                             &c->err) < 0)
            return -1;
        c->data = !(st & IMG_ST_ZERO);     /* no backing file: all that is not zero is data */
        n = (pnum + 511) / 512;
        /* qemu-img ends a run on a source cluster boundary when it can */
        uint64_t tail = (s + n) % c->src_align;
        if (n > tail)
            n -= tail;
        c->next_status = s + n;
    }
    n = MIN(n, c->next_status - s);
    if (c->data)        /* compressing, qemu-img's buffer is one output cluster */
        n = MIN(n, c->compress ? c->cluster_sectors : (uint64_t)BUF_SECTORS);
    if (c->compress) {
        if (n < c->cluster_sectors) {
            n = MIN(c->cluster_sectors, c->total_sectors - s);
            c->data = true;
        } else {
            n -= n % c->cluster_sectors;
        }
    }
    return (int64_t)n;
}

static void progress_print(Conv *c, float current)
{
    if (!c->progress)
        return;
    if (current - c->last_print > 1.0f || current == 100 || current == 0) {
        c->last_print = current;
        printf("    (%3.2f/100%%)\r", current);
        fflush(stdout);
    }
    c->current = current;
}

static bool all_zero(const uint8_t *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (p[i])
            return false;
    return true;
}

/* Copies guest bytes [off, end) in output-cluster pieces. */
static int copy_range(Conv *c, uint64_t off, uint64_t end)
{
    while (off < end) {
        uint64_t n = MIN(end, (off / c->unit + 1) * c->unit) - off;
        if (blk_pread(c->src.b, off, c->buf, n, &c->err) < 0)
            return -1;
        if (!all_zero(c->buf, n)) {     /* unallocated in qcow2, a hole in raw */
            int ret;
            if (c->compress) {
                memset(c->buf + n, 0, c->unit - n);
                ret = blk_write_compressed(c->out, off, c->buf, &c->err);
            } else {
                ret = blk_pwrite(c->out, off, c->buf, n, &c->err);
            }
            if (ret < 0)
                return -1;
        }
        off += n;
    }
    return 0;
}

static int convert_copy(Conv *c)
{
    c->total_sectors = (c->size + 511) / 512;
    progress_print(c, 0);
    for (uint64_t s = 0; s < c->total_sectors;) {      /* pass 1: count data sectors */
        int64_t n = next_chunk(c, s);
        if (n < 0)
            return -1;
        if (c->data)
            c->allocated += (uint64_t)n;
        s += (uint64_t)n;
    }
    c->next_status = 0;
    for (uint64_t s = 0; s < c->total_sectors;) {
        int64_t n = next_chunk(c, s);
        if (n < 0)
            return -1;
        if (c->data) {
            if (copy_range(c, s * 512, MIN((s + (uint64_t)n) * 512, c->size)) < 0)
                return -1;
            c->done += (uint64_t)n;
            progress_print(c, (float)(100.0 * (double)c->done / (double)c->allocated));
        }
        s += (uint64_t)n;
    }
    return 0;
}

static int convert(Conv *c, const char *src, const char *sfmt, bool share, const char *dst,
                   const char *ofmt, const char *opts)
{
    BlockDev *in;
    if (img_open(src, sfmt, false, share, &in, &c->err) < 0)
        return -1;
    int ret = img_stat_init(&c->src, in, src, &c->err);
    if (ret < 0) {
        blk_close(in, NULL);
        return -1;
    }
    c->size = blk_size(in);
    c->src_align = 1;
    BlkInfo inf;
    if (blk_info(in, &inf, NULL) == 0)
        c->src_align = inf.cluster_size / 512;
    ret = img_create(dst, ofmt, c->size, opts, true, &c->err);
    if (ret == 0)
        ret = img_open(dst, ofmt, true, false, &c->out, &c->err);
    c->unit = 65536;
    if (ret == 0 && blk_info(c->out, &inf, NULL) == 0)
        c->unit = inf.cluster_size;
    c->cluster_sectors = c->unit / 512;
    c->buf = xmalloc(c->unit);
    if (ret == 0)
        ret = convert_copy(c);
    if (ret == 0) {
        progress_print(c, 100);
        if (c->progress)
            printf("\n");
    }
    free(c->buf);
    img_stat_fini(&c->src);
    blk_close(in, NULL);
    if (c->out && blk_close(c->out, ret < 0 ? NULL : &c->err) < 0)
        ret = -1;
    return ret;
}

int img_cmd_convert(int argc, char **argv)
{
    static const struct option lo[] = { { "force-share", no_argument, NULL, 'U' }, { 0 } };
    const char *sfmt = NULL, *ofmt = "raw", *opts = NULL;
    bool quiet = false, share = false;
    Conv c = { .progress = false };
    int opt;
    optind = 1;
    while ((opt = getopt_long(argc, argv, "cf:O:o:qpUB:", lo, NULL)) != -1) {
        switch (opt) {
        case 'c': c.compress = true; break;
        case 'f': sfmt = optarg; break;
        case 'O': ofmt = optarg; break;
        case 'o': opts = optarg; break;
        case 'q': quiet = true; break;
        case 'p': c.progress = true; break;
        case 'U': share = true; break;
        case 'B':
            fprintf(stderr, "pcemu-img: pcemu-img does not support backing files\n");
            return 1;
        default: return img_usage("convert: bad option");
        }
    }
    if (quiet)
        c.progress = false;
    if (argc - optind != 2)
        return img_usage("Expecting a source and a destination image name");
    if (c.compress && strcmp(ofmt, "qcow2") != 0)
        return img_usage("Compression not supported for this file format");
    if (convert(&c, argv[optind], sfmt, share, argv[optind + 1], ofmt, opts) < 0)
        return img_fail(&c.err);
    return 0;
}
