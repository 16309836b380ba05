/* img-query.c: the read-only subcommands that walk the block status, in qemu-img 7.2's
 * spelling, output and exit codes: map (human and JSON: merged extents), compare (exit 0
 * identical, 1 different, 2 error; -s also requires the same allocation), measure (the
 * size a qcow2 or raw image of a given size or content needs: QEMU's
 * qcow2_calc_prealloc_size arithmetic, data clusters counted from the input's status). */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "block/block.h"
#include "emu/img/img.h"

_Static_assert((int)IMG_ST_DATA == (int)BLK_ST_DATA && (int)IMG_ST_ZERO == (int)BLK_ST_ZERO &&
               (int)IMG_ST_OFFSET == (int)BLK_ST_OFFSET, "block status bits are QEMU's");

enum { OPT_OUTPUT = 256, OPT_START, OPT_MAXLEN, OPT_SIZE, OPT_SHRINK };
enum { IO_BUF = 2 << 20 };           /* qemu-img's IO_BUF_SIZE */

/* ---------------------------------------------------------------- map */

typedef struct MapEntry {
    uint64_t start, length, offset;
    unsigned flags;                  /* IMG_ST_* */
} MapEntry;

static bool entry_mergeable(const MapEntry *c, const MapEntry *n)
{
    unsigned mask = IMG_ST_DATA | IMG_ST_ZERO | IMG_ST_ALLOCATED | IMG_ST_OFFSET;
    if (c->length == 0 || (c->flags & mask) != (n->flags & mask))
        return false;
    return !(c->flags & IMG_ST_OFFSET) || c->offset + c->length == n->offset;
}

static int dump_entry(bool json, const MapEntry *e, bool more, const char *path)
{
    bool data = e->flags & IMG_ST_DATA, zero = e->flags & IMG_ST_ZERO;
    bool has_off = e->flags & IMG_ST_OFFSET;
    if (!json) {
        if (data && !has_off) {
            fprintf(stderr, "pcemu-img: File contains external, encrypted or compressed "
                    "clusters.\n");
            return -1;
        }
        if (data && !zero) {
            char a[24], b[24], c[24];
            snprintf(a, sizeof a, "%#" PRIx64, e->start);
            snprintf(b, sizeof b, "%#" PRIx64, e->length);
            snprintf(c, sizeof c, "%#" PRIx64, e->offset);
            printf("%-16s%-16s%-16s%s\n", a, b, c, path);
        }
        return 0;
    }
    printf("{ \"start\": %" PRIu64 ", \"length\": %" PRIu64 ", \"depth\": 0, \"present\": %s, "
           "\"zero\": %s, \"data\": %s", e->start, e->length,
           (e->flags & IMG_ST_ALLOCATED) ? "true" : "false", zero ? "true" : "false",
           data ? "true" : "false");
    if (has_off)
        printf(", \"offset\": %" PRIu64, e->offset);
    putchar('}');
    if (more)
        puts(",");
    return 0;
}

static int map_walk(ImgStat *st, const char *path, bool json, uint64_t start, uint64_t end,
                    Err *err)
{
    MapEntry cur = { 0 };
    if (json)
        putchar('[');
    else
        printf("%-16s%-16s%-16s%s\n", "Offset", "Length", "Mapped to", "File");
    for (uint64_t off = start; off < end;) {
        MapEntry next = { .start = off };
        int ret = img_block_status(st, off, end - off, &next.flags, &next.length, &next.offset,
                                   err);
        if (ret < 0)
            return ret;
        off += next.length;
        if (entry_mergeable(&cur, &next)) {
            cur.length += next.length;
            continue;
        }
        if (cur.length && dump_entry(json, &cur, true, path) < 0)
            return -1;
        cur = next;
    }
    if (dump_entry(json, &cur, false, path) < 0)
        return -1;
    if (json)
        puts("]");
    return 0;
}

int img_cmd_map(int argc, char **argv)
{
    static const struct option lo[] = {
        { "format", required_argument, NULL, 'f' }, { "output", required_argument, NULL, OPT_OUTPUT },
        { "force-share", no_argument, NULL, 'U' }, { "start-offset", required_argument, NULL, OPT_START },
        { "max-length", required_argument, NULL, OPT_MAXLEN }, { 0 } };
    const char *fmt = NULL;
    int json = 0, c;
    bool share = false;
    uint64_t start = 0, maxlen = UINT64_MAX;
    optind = 1;
    while ((c = getopt_long(argc, argv, "f:U", lo, NULL)) != -1) {
        switch (c) {
        case 'f': fmt = optarg; break;
        case 'U': share = true; break;
        case OPT_OUTPUT:
            if ((json = img_output_format(optarg)) < 0)
                return 1;
            break;
        case OPT_START:
            if (img_parse_size(optarg, &start) < 0)
                return img_usage("Invalid start offset specified! You may use k, M, G, T, P "
                                 "or E suffixes for");
            break;
        case OPT_MAXLEN:
            if (img_parse_size(optarg, &maxlen) < 0)
                return img_usage("Invalid length specified! You may use k, M, G, T, P or E "
                                 "suffixes for");
            break;
        default: return img_usage("map: bad option");
        }
    }
    if (optind != argc - 1)
        return img_usage("Expecting one image file name");
    const char *path = argv[optind];
    Err err = { 0 };
    BlockDev *b;
    if (img_open(path, fmt, false, share, &b, &err) < 0)
        return img_fail(&err);
    ImgStat st;
    int ret = img_stat_init(&st, b, path, &err);
    if (ret == 0) {
        uint64_t size = blk_size(b);
        uint64_t end = maxlen < size - MIN(start, size) ? start + maxlen : size;
        ret = map_walk(&st, path, json, MIN(start, size), end, &err);
        img_stat_fini(&st);
    }
    blk_close(b, NULL);
    if (ret < 0 && err.msg[0])
        img_fail(&err);
    return ret < 0 ? 1 : 0;
}

/* ---------------------------------------------------------------- compare */

/* First 512-byte sector (from 0) that is not all zero, or -1 (qemu-img find_nonzero). */
static int64_t find_nonzero(const uint8_t *p, uint64_t n)
{
    for (uint64_t i = 0; i < n; i++)
        if (p[i])
            return (int64_t)(i / 512 * 512);
    return -1;
}

/* First sector where a and b differ, or -1 (qemu-img compare_buffers). */
static int64_t find_diff(const uint8_t *a, const uint8_t *b, uint64_t n)
{
    for (uint64_t i = 0; i < n; i += 512)
        if (memcmp(a + i, b + i, MIN(512, n - i)))
            return (int64_t)i;
    return -1;
}

typedef struct Cmp {
    ImgStat st[2];
    const char *path[2];
    uint8_t *buf[2];
    bool quiet;
    bool progress;             /* -p: qemu's progress lines, single-precision as qemu's */
    float current, last_print;
    uint64_t base;             /* the larger disk size: 100% */
    Err err;
} Cmp;

/* qemu_progress_print(delta, 100) with compare's 2-point minimum step. */
static void cmp_progress(Cmp *c, float delta)
{
    if (!c->progress)
        return;
    c->current = c->current + delta / 100 * 100;
    if (c->current > c->last_print + 2.0f || c->current < c->last_print - 2.0f ||
        c->current == 0 || c->current == 100) {
        c->last_print = c->current;
        printf("    (%3.2f/100%%)\r", c->current);
        fflush(stdout);
    }
}

static void cmp_step(Cmp *c, uint64_t chunk)
{
    cmp_progress(c, ((float)chunk / (float)c->base) * 100);
}

#define CMP_SAY(c, ...) do { if (!(c)->quiet) printf(__VA_ARGS__); } while (0)

/* Is [off, off+n) of image i all zero? 0 yes, 1 no (said where), -1 read error. */
static int check_empty(Cmp *c, int i, uint64_t off, uint64_t n)
{
    if (blk_pread(c->st[i].b, off, c->buf[i], n, &c->err) < 0) {
        err_prefix(&c->err, "Error while reading offset %" PRIu64 " of %s", off, c->path[i]);
        return -1;
    }
    int64_t nz = find_nonzero(c->buf[i], n);
    if (nz < 0)
        return 0;
    CMP_SAY(c, "Content mismatch at offset %" PRIu64 "!\n", off + (uint64_t)nz);
    return 1;
}

/* *chunk: the bytes looked at (qemu-img reads at most IO_BUF at once). */
static int compare_chunk(Cmp *c, uint64_t off, uint64_t *pchunk, unsigned s0, unsigned s1)
{
    bool a0 = s0 & IMG_ST_ALLOCATED, a1 = s1 & IMG_ST_ALLOCATED;
    if (((s0 & IMG_ST_ZERO) && (s1 & IMG_ST_ZERO)) || (!a0 && !a1))
        return 0;
    uint64_t chunk = *pchunk = MIN(*pchunk, (uint64_t)IO_BUF);
    if (a0 != a1)
        return check_empty(c, a0 ? 0 : 1, off, chunk);
    for (int i = 0; i < 2; i++) {
        if (blk_pread(c->st[i].b, off, c->buf[i], chunk, &c->err) < 0) {
            err_prefix(&c->err, "Error while reading offset %" PRIu64 " of %s", off, c->path[i]);
            return -1;
        }
    }
    int64_t d = find_diff(c->buf[0], c->buf[1], chunk);
    if (d < 0)
        return 0;
    CMP_SAY(c, "Content mismatch at offset %" PRIu64 "!\n", off + (uint64_t)d);
    return 1;
}

/* 0 identical, 1 different, -1 error (in c->err). */
static int compare_images(Cmp *c, bool strict)
{
    uint64_t size0 = blk_size(c->st[0].b), size1 = blk_size(c->st[1].b);
    c->base = MAX(size0, size1);
    cmp_progress(c, 0);
    if (strict && size0 != size1) {
        CMP_SAY(c, "Strict mode: Image size mismatch!\n");
        return 1;
    }
    uint64_t total = MIN(size0, size1), off = 0;
    while (off < total) {
        unsigned s0, s1;
        uint64_t p0, p1, m;
        if (img_block_status(&c->st[0], off, total - off, &s0, &p0, &m, &c->err) < 0 ||
            img_block_status(&c->st[1], off, total - off, &s1, &p1, &m, &c->err) < 0)
            return -1;
        uint64_t chunk = MIN(p0, p1);
        if (strict && s0 != s1) {
            CMP_SAY(c, "Strict mode: Offset %" PRIu64 " block status mismatch!\n", off);
            return 1;
        }
        int ret = compare_chunk(c, off, &chunk, s0, s1);
        if (ret)
            return ret;
        off += chunk;
        cmp_step(c, chunk);
    }
    if (size0 != size1) {
        int over = size0 > size1 ? 0 : 1;
        uint64_t end = MAX(size0, size1);
        CMP_SAY(c, "Warning: Image size mismatch!\n");
        while (off < end) {
            unsigned s;
            uint64_t chunk, m;
            if (img_block_status(&c->st[over], off, end - off, &s, &chunk, &m, &c->err) < 0)
                return -1;
            if (s & IMG_ST_ALLOCATED) {
                chunk = MIN(chunk, (uint64_t)IO_BUF);
                int ret = check_empty(c, over, off, chunk);
                if (ret)
                    return ret;
            }
            off += chunk;
            cmp_step(c, chunk);
        }
    }
    CMP_SAY(c, "Images are identical.\n");
    return 0;
}

int img_cmd_compare(int argc, char **argv)
{
    static const struct option lo[] = { { "force-share", no_argument, NULL, 'U' }, { 0 } };
    const char *fmt[2] = { NULL, NULL };
    bool strict = false, share = false;
    Cmp c = { .quiet = false };
    int opt;
    optind = 1;
    while ((opt = getopt_long(argc, argv, "f:F:pqsU", lo, NULL)) != -1) {
        switch (opt) {
        case 'f': fmt[0] = optarg; break;
        case 'F': fmt[1] = optarg; break;
        case 'p': c.progress = true; break;
        case 'q': c.quiet = true; break;
        case 's': strict = true; break;
        case 'U': share = true; break;
        default: img_usage("compare: bad option"); return 2;
        }
    }
    if (optind != argc - 2) {
        img_usage("Expecting two image file names");
        return 2;
    }
    BlockDev *b[2] = { NULL, NULL };
    int ret = 0, n = 0;
    for (; n < 2 && ret == 0; n++) {
        c.path[n] = argv[optind + n];
        if ((ret = img_open(c.path[n], fmt[n], false, share, &b[n], &c.err)) == 0 &&
            (ret = img_stat_init(&c.st[n], b[n], c.path[n], &c.err)) < 0) {
            blk_close(b[n], NULL);
            b[n] = NULL;
        }
    }
    c.progress &= !c.quiet;
    if (ret == 0) {
        c.buf[0] = xmalloc(IO_BUF);
        c.buf[1] = xmalloc(IO_BUF);
        ret = compare_images(&c, strict);
        free(c.buf[0]);
        free(c.buf[1]);
    }
    if (c.progress)
        printf("\n");
    for (int i = 0; i < 2; i++) {
        if (b[i]) {
            img_stat_fini(&c.st[i]);
            blk_close(b[i], NULL);
        }
    }
    if (ret < 0) {
        img_fail(&c.err);
        return 2;
    }
    return ret;
}

/* ---------------------------------------------------------------- measure */

/* Bytes of refcount table and blocks covering `clusters` clusters and themselves. */
static uint64_t refcount_metadata_size(uint64_t clusters, uint64_t cs, int order)
{
    uint64_t per_table = cs / 8, per_block = cs * 8 >> order;
    uint64_t table = 0, blocks = 0, n = 0, last;
    do {
        last = n;
        blocks = (clusters + table + blocks + per_block - 1) / per_block;
        table = (blocks + per_table - 1) / per_table;
        n = clusters + blocks + table;
    } while (n != last);
    return (blocks + table) * cs;
}

/* The file size of a fully allocated qcow2 image of `size` bytes (qcow2_calc_prealloc_size). */
static uint64_t prealloc_size(uint64_t size, uint64_t cs, int order)
{
    uint64_t aligned = (size + cs - 1) / cs * cs, meta = cs;   /* the header cluster */
    uint64_t per_l2 = cs / 8;
    uint64_t nl2e = (aligned / cs + per_l2 - 1) / per_l2 * per_l2;
    meta += nl2e * 8;
    uint64_t nl1e = (nl2e * 8 / cs + per_l2 - 1) / per_l2 * per_l2;
    meta += nl1e * 8;
    meta += refcount_metadata_size((meta + aligned) / cs, cs, order);
    return meta + aligned;
}

/* Bytes of data clusters the content of `in` occupies in a qcow2 image of cluster size cs. */
static int count_data(ImgStat *st, uint64_t cs, uint64_t *required, Err *err)
{
    uint64_t size = blk_size(st->b), pnum, m;
    *required = 0;
    for (uint64_t off = 0; off < size; off += pnum) {
        unsigned s;
        if (img_block_status(st, off, size - off, &s, &pnum, &m, err) < 0)
            return -1;
        if (s & IMG_ST_ZERO)
            continue;                    /* no backing file: a zero region needs nothing */
        if ((s & (IMG_ST_DATA | IMG_ST_ALLOCATED)) == (IMG_ST_DATA | IMG_ST_ALLOCATED)) {
            pnum = (off + pnum + cs - 1) / cs * cs - off;
            *required += off % cs + pnum;
        }
    }
    return 0;
}

typedef struct Measure {
    const char *fmt, *ofmt, *opts, *path;
    bool have_size, share;
    int json;
    uint64_t size;
} Measure;

static int measure_run(const Measure *m, Err *err)
{
    BlkCreateOpts o = { .size = m->size, .version = 3, .cluster_size = 65536,
                          .refcount_order = 4 };
    bool qcow2 = strcmp(m->ofmt, "qcow2") == 0;
    if (!qcow2 && strcmp(m->ofmt, "raw") != 0)
        return ERR(err, -ENOTSUP, "Unknown file format '%s'", m->ofmt);
    if (m->opts && (!qcow2 ? ERR(err, -EINVAL, "Invalid parameter '%s'", m->opts)
                           : img_parse_qcow2_opts(m->opts, &o, err)) < 0)
        return -1;
    if (o.refcount_order < 0)
        o.refcount_order = 4;
    BlockDev *b = NULL;
    ImgStat st;
    uint64_t data = 0, vsize = m->have_size ? m->size : o.size;
    if (m->path) {
        if (img_open(m->path, m->fmt, false, m->share, &b, err) < 0)
            return -1;
        vsize = blk_size(b);
        if (qcow2 && img_stat_init(&st, b, m->path, err) == 0) {
            int ret = count_data(&st, o.cluster_size, &data, err);
            img_stat_fini(&st);
            if (ret < 0)
                vsize = UINT64_MAX;
        } else if (qcow2) {
            vsize = UINT64_MAX;
        }
    }
    /* QEMU shows the bitmaps' size when both images could hold persistent bitmaps */
    bool bitmaps = false;
    BlkInfo in;
    if (qcow2 && o.version >= 3 && b && blk_info(b, &in, NULL) == 0)
        bitmaps = in.version >= 3;
    blk_close(b, NULL);
    if (vsize == UINT64_MAX)
        return -1;
    uint64_t required, full;
    if (qcow2) {
        uint64_t cs = o.cluster_size, aligned = (vsize + cs - 1) / cs * cs;
        if ((aligned / cs + cs / 8 - 1) / (cs / 8) * 8 > 32u << 20)
            return ERR(err, -EINVAL, "The image size is too large (try using a larger cluster "
                       "size)");
        full = prealloc_size(aligned, cs, o.refcount_order);
        required = full - aligned + data;
    } else {
        required = full = m->path ? vsize : (vsize + 511) / 512 * 512;
    }
    if (m->json) {
        QJson *j = qjson_obj();
        qjson_put(j, "required", qjson_uint(required));
        qjson_put(j, "fully-allocated", qjson_uint(full));
        if (bitmaps)
            qjson_put(j, "bitmaps", qjson_uint(0));
        qjson_print(stdout, j);
        putchar('\n');
        qjson_free(j);
    } else {
        printf("required size: %" PRIu64 "\nfully allocated size: %" PRIu64 "\n", required, full);
        if (bitmaps)
            printf("bitmaps size: 0\n");
    }
    return 0;
}

int img_cmd_measure(int argc, char **argv)
{
    static const struct option lo[] = {
        { "output", required_argument, NULL, OPT_OUTPUT }, { "size", required_argument, NULL, OPT_SIZE },
        { "force-share", no_argument, NULL, 'U' }, { 0 } };
    Measure m = { .ofmt = "raw" };
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "f:O:o:U", lo, NULL)) != -1) {
        switch (c) {
        case 'f': m.fmt = optarg; break;
        case 'O': m.ofmt = optarg; break;
        case 'o': m.opts = optarg; break;
        case 'U': m.share = true; break;
        case OPT_OUTPUT:
            if ((m.json = img_output_format(optarg)) < 0)
                return 1;
            break;
        case OPT_SIZE:
            if (img_parse_size(optarg, &m.size) < 0 || m.size > INT64_MAX) {
                fprintf(stderr, "pcemu-img: Invalid image size specified. Must be between 0 "
                        "and %" PRId64 ".\n", INT64_MAX);
                return 1;
            }
            m.have_size = true;
            break;
        default: return img_usage("measure: bad option");
        }
    }
    if (optind < argc)
        m.path = argv[optind];
    if (optind < argc - 1)
        return img_usage("Expecting one image file name");
    if (m.path && m.have_size) {
        fprintf(stderr, "pcemu-img: --size N cannot be used together with a filename.\n");
        return 1;
    }
    if (!m.path && !m.have_size) {
        fprintf(stderr, "pcemu-img: Either --size N or one filename must be specified.\n");
        return 1;
    }
    Err err = { 0 };
    return measure_run(&m, &err) < 0 ? img_fail(&err) : 0;
}
