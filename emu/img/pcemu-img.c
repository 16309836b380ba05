/* pcemu-img.c: the image tool, in qemu-img's spelling, output formats and exit codes:
 * create, info, check, snapshot, convert; plus helpers for tests and scripts: write, read
 * (guest data), vmstate-save and vmstate-extract (a snapshot's VM-state bytes).
 * Subcommands are rows of `commands` below; other parts of pcemu add their own rows there
 * (the snapshot stream analyzer hooks in as "vmstate"). */
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "block/block.h"
#include "block/qcow2.h"
#include "emu/base/base.h"
#include "snapshot/format/analyze.h"

static int fail(const Err *e)
{
    fprintf(stderr, "pcemu-img: %s\n", e->msg);
    return 1;
}

static int usage(const char *msg)
{
    fprintf(stderr, "pcemu-img: %s\nTry 'pcemu-img help' for more information.\n", msg);
    return 1;
}

/* qemu's size_to_str(): three significant digits, binary units. */
static void size_str(uint64_t v, char *buf, size_t n)
{
    static const char *const sfx[] = { "", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei" };
    int i;
    frexp((double)v / (1000.0 / 1024.0), &i);
    i = (i - 1) / 10;
    if (i < 0)
        i = 0;
    snprintf(buf, n, "%0.3g %sB", (double)v / (double)(1ull << (i * 10)), sfx[i]);
}

/* Sizes as qemu-img reads them: a number with an optional k/M/G/T/P/E (binary) suffix. */
static int parse_size(const char *s, uint64_t *out)
{
    char *end;
    errno = 0;
    double d = strtod(s, &end);
    if (errno || end == s || d < 0)
        return -EINVAL;
    uint64_t mul = 1;
    switch (*end) {
    case 0: case 'b': case 'B': break;
    case 'k': case 'K': mul = 1ull << 10; break;
    case 'm': case 'M': mul = 1ull << 20; break;
    case 'g': case 'G': mul = 1ull << 30; break;
    case 't': case 'T': mul = 1ull << 40; break;
    case 'p': case 'P': mul = 1ull << 50; break;
    case 'e': case 'E': mul = 1ull << 60; break;
    default: return -EINVAL;
    }
    if (*end && end[1])
        return -EINVAL;
    if (d * (double)mul >= 18446744073709551615.0)
        return -ERANGE;
    *out = (uint64_t)(d * (double)mul);
    return 0;
}

/* -o key=value,key=value for qcow2 creation. */
static int parse_create_opts(const char *opts, Qcow2CreateOpts *o, Err *err)
{
    if (!opts)
        return 0;
    char *dup = xstrdup(opts), *save = NULL;
    int ret = 0;
    for (char *kv = strtok_r(dup, ",", &save); kv && ret == 0; kv = strtok_r(NULL, ",", &save)) {
        char *v = strchr(kv, '=');
        if (!v) {
            ret = ERR(err, -EINVAL, "Invalid option '%s'", kv);
            break;
        }
        *v++ = 0;
        uint64_t n;
        if (strcmp(kv, "compat") == 0) {
            if (!strcmp(v, "0.10") || !strcmp(v, "v2"))
                o->version = 2;
            else if (!strcmp(v, "1.1") || !strcmp(v, "v3"))
                o->version = 3;
            else
                ret = ERR(err, -EINVAL, "Invalid compat version '%s'", v);
        } else if (strcmp(kv, "cluster_size") == 0) {
            if (parse_size(v, &n) < 0 || n > UINT32_MAX)
                ret = ERR(err, -EINVAL, "Invalid cluster_size '%s'", v);
            else
                o->cluster_size = (uint32_t)n;
        } else if (strcmp(kv, "compression_type") == 0) {
            if (!strcmp(v, "zlib"))
                o->compression_type = 0;
            else if (!strcmp(v, "zstd"))
                o->compression_type = 1;
            else
                ret = ERR(err, -EINVAL, "Invalid compression_type '%s'", v);
        } else if (strcmp(kv, "refcount_bits") == 0) {
            if (parse_size(v, &n) < 0 || !is_pow2(n) || n > 64)
                ret = ERR(err, -EINVAL, "Refcount width must be a power of two and may not "
                          "exceed 64 bits");
            else
                o->refcount_order = __builtin_ctzll(n);
        } else if (strcmp(kv, "size") == 0) {
            if (parse_size(v, &o->size) < 0)
                ret = ERR(err, -EINVAL, "Invalid size '%s'", v);
        } else if (strcmp(kv, "lazy_refcounts") == 0 || strcmp(kv, "extended_l2") == 0) {
            if (strcmp(v, "off") != 0)
                ret = ERR(err, -ENOTSUP, "%s=%s is not supported by pcemu", kv, v);
        } else {
            ret = ERR(err, -EINVAL, "Invalid parameter '%s'", kv);
        }
    }
    free(dup);
    return ret;
}

static int create_image(const char *path, const char *fmt, uint64_t size, const char *opts,
                        bool quiet, Err *err)
{
    if (strcmp(fmt, "raw") == 0) {
        if (opts)
            return ERR(err, -EINVAL, "raw images take no -o options");
        int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
        if (fd < 0)
            return ERR(err, -errno, "Could not create '%s': %s", path, strerror(errno));
        if (blk_lock_fd(fd, path, false, err) < 0) {
            close(fd);
            return -EAGAIN;
        }
        int r = ftruncate(fd, 0) < 0 ? -1 : ftruncate(fd, (off_t)size);
        close(fd);
        if (r < 0)
            return ERR(err, -errno, "Could not resize '%s': %s", path, strerror(errno));
        if (!quiet)
            printf("Formatting '%s', fmt=raw size=%" PRIu64 "\n", path, size);
        return 0;
    }
    if (strcmp(fmt, "qcow2") != 0)
        return ERR(err, -ENOTSUP, "Unknown file format '%s'", fmt);
    Qcow2CreateOpts o = { .size = size, .version = 3, .cluster_size = 65536,
                          .refcount_order = -1 };
    int ret = parse_create_opts(opts, &o, err);
    if (ret < 0)
        return ret;
    if (!quiet)
        printf("Formatting '%s', fmt=qcow2 cluster_size=%u extended_l2=off compression_type=%s "
               "size=%" PRIu64 "%s lazy_refcounts=off refcount_bits=%d\n", path, o.cluster_size,
               o.compression_type ? "zstd" : "zlib", o.size,
               o.version == 2 ? " compat=0.10" : "", 1 << (o.refcount_order < 0 ? 4 : o.refcount_order));
    return qcow2_create(path, &o, err);
}

static int cmd_create(int argc, char **argv)
{
    const char *fmt = "raw", *opts = NULL;
    bool quiet = false;
    int c;
    optind = 1;
    while ((c = getopt(argc, argv, "f:o:q")) != -1) {
        switch (c) {
        case 'f': fmt = optarg; break;
        case 'o': opts = optarg; break;
        case 'q': quiet = true; break;
        default: return usage("create: bad option");
        }
    }
    if (optind >= argc)
        return usage("Expecting image file name");
    const char *path = argv[optind];
    uint64_t size = 0;
    if (optind + 1 < argc && parse_size(argv[optind + 1], &size) < 0) {
        fprintf(stderr, "pcemu-img: Invalid image size specified. You may use k, M, G, T, P "
                "or E suffixes for\npcemu-img: kilobytes, megabytes, gigabytes, terabytes, "
                "petabytes and exabytes.\n");
        return 1;
    }
    Err err = { 0 };
    if (create_image(path, fmt, size, opts, quiet, &err) < 0)
        return fail(&err);
    return 0;
}

static int open_image(const char *path, const char *fmt, bool rw, BlockDev **b, Err *err)
{
    int ret = blk_open(path, fmt, !rw, b, err);
    if (ret < 0)
        err_prefix(err, "Could not open '%s'", path);
    return ret;
}

static void print_snapshot_header(void)
{
    printf("%-10s%-17s%8s%20s%13s%11s\n", "ID", "TAG", "VM SIZE", "DATE", "VM CLOCK", "ICOUNT");
}

static void print_snapshot(const Qcow2SnapInfo *s)
{
    char size[32], date[32] = "", clock[32], icount[32] = "";
    size_str(s->vm_state_size, size, sizeof size);
    time_t t = (time_t)s->date_sec;
    struct tm tm;
    if (localtime_r(&t, &tm))
        strftime(date, sizeof date, "%Y-%m-%d %H:%M:%S", &tm);
    uint64_t secs = s->vm_clock_nsec / 1000000000;
    snprintf(clock, sizeof clock, "%02d:%02d:%02d.%03d", (int)(secs / 3600),
             (int)((secs / 60) % 60), (int)(secs % 60),
             (int)((s->vm_clock_nsec / 1000000) % 1000));
    if (s->icount != UINT64_MAX)
        snprintf(icount, sizeof icount, "%" PRId64, (int64_t)s->icount);
    printf("%-9s %-16s %8s%20s%13s%11s\n", s->id, s->name, size, date, clock, icount);
}

static void print_snapshot_list(Qcow2 *q)
{
    print_snapshot_header();
    for (int i = 0; i < qcow2_snapshot_count(q); i++) {
        Qcow2SnapInfo s;
        qcow2_snapshot_info(q, i, &s);
        print_snapshot(&s);
    }
}

static int cmd_info(int argc, char **argv)
{
    const char *fmt = NULL;
    int c;
    optind = 1;
    while ((c = getopt(argc, argv, "f:U")) != -1) {
        switch (c) {
        case 'f': fmt = optarg; break;
        case 'U': break;
        default: return usage("info: bad option");
        }
    }
    if (optind >= argc)
        return usage("Expecting one image file name");
    const char *path = argv[optind];
    Err err = { 0 };
    BlockDev *b;
    if (open_image(path, fmt, false, &b, &err) < 0)
        return fail(&err);
    struct stat st;
    char vs[32], ds[32];
    size_str(blk_size(b), vs, sizeof vs);
    size_str(stat(path, &st) == 0 ? (uint64_t)st.st_blocks * 512 : 0, ds, sizeof ds);
    printf("image: %s\nfile format: %s\nvirtual size: %s (%" PRIu64 " bytes)\ndisk size: %s\n",
           path, blk_format(b), vs, blk_size(b), ds);
    Qcow2 *q = blk_qcow2(b);
    if (q) {
        Qcow2Info in;
        qcow2_info(q, &in);
        printf("cluster_size: %u\n", in.cluster_size);
        if (in.nb_snapshots) {
            printf("Snapshot list:\n");
            print_snapshot_list(q);
        }
        printf("Format specific information:\n    compat: %s\n    compression type: %s\n",
               in.version == 2 ? "0.10" : "1.1", in.compression_type ? "zstd" : "zlib");
        if (in.version >= 3)
            printf("    lazy refcounts: %s\n", in.lazy_refcounts ? "true" : "false");
        printf("    refcount bits: %d\n", in.refcount_bits);
        if (in.version >= 3)
            printf("    corrupt: %s\n    extended l2: %s\n", in.corrupt ? "true" : "false",
                   in.extended_l2 ? "true" : "false");
    }
    blk_close(b, NULL);
    return 0;
}

static void print_check_result(const Qcow2CheckResult *r, bool repaired_view)
{
    (void)repaired_view;
    uint64_t corr = r->corruptions - r->corruptions_fixed, leaks = r->leaks - r->leaks_fixed;
    if (r->check_errors == 0 && corr == 0 && leaks == 0)
        printf("No errors were found on the image.\n");
    if (corr)
        printf("\n%" PRIu64 " errors were found on the image.\nData may be corrupted, or "
               "further writes to the image may corrupt it.\n", corr);
    if (leaks)
        printf("\n%" PRIu64 " leaked clusters were found on the image.\nThis means waste of "
               "disk space, but no harm to data.\n", leaks);
    if (r->check_errors)
        printf("\n%" PRIu64 " internal errors have occurred during the check.\n", r->check_errors);
    if (r->total_clusters && r->allocated_clusters)
        printf("%" PRIu64 "/%" PRIu64 " = %0.2f%% allocated, %0.2f%% fragmented, %0.2f%% "
               "compressed clusters\n", r->allocated_clusters, r->total_clusters,
               r->allocated_clusters * 100.0 / r->total_clusters,
               r->fragmented_clusters * 100.0 / r->allocated_clusters,
               r->compressed_clusters * 100.0 / r->allocated_clusters);
    if (r->image_end_offset)
        printf("Image end offset: %" PRIu64 "\n", r->image_end_offset);
}

static int cmd_check(int argc, char **argv)
{
    const char *fmt = NULL;
    int repair = QCOW2_REPAIR_NONE, c;
    bool quiet = false;
    optind = 1;
    while ((c = getopt(argc, argv, "f:r:qU")) != -1) {
        switch (c) {
        case 'f': fmt = optarg; break;
        case 'r':
            if (!strcmp(optarg, "leaks"))
                repair = QCOW2_REPAIR_LEAKS;
            else if (!strcmp(optarg, "all"))
                repair = QCOW2_REPAIR_ALL;
            else
                return usage("Unknown option value for -r (expecting 'leaks' or 'all')");
            break;
        case 'q': quiet = true; break;
        case 'U': break;
        default: return usage("check: bad option");
        }
    }
    if (optind >= argc)
        return usage("Expecting one image file name");
    const char *path = argv[optind];
    Err err = { 0 };
    BlockDev *b;
    if (open_image(path, fmt, repair != QCOW2_REPAIR_NONE, &b, &err) < 0)
        return fail(&err);
    Qcow2 *q = blk_qcow2(b);
    if (!q) {
        fprintf(stderr, "pcemu-img: This image format does not support checks\n");
        blk_close(b, NULL);
        return 63;
    }
    Qcow2CheckResult r;
    FILE *log = quiet ? NULL : stderr;
    if (qcow2_check(q, repair, &r, log, &err) < 0) {
        blk_close(b, NULL);
        fprintf(stderr, "pcemu-img: Check failed: %s\n", err.msg);
        return 1;
    }
    if (repair && (r.leaks_fixed || r.corruptions_fixed)) {
        if (!quiet)
            printf("The following inconsistencies were found and repaired:\n\n"
                   "    %" PRIu64 " leaked clusters\n    %" PRIu64 " corruptions\n\n"
                   "Double checking the fixed image now...\n", r.leaks_fixed, r.corruptions_fixed);
        Qcow2CheckResult r2;
        if (qcow2_check(q, QCOW2_REPAIR_NONE, &r2, log, &err) < 0) {
            blk_close(b, NULL);
            fprintf(stderr, "pcemu-img: Check failed: %s\n", err.msg);
            return 1;
        }
        r = r2;
    }
    if (!quiet)
        print_check_result(&r, false);
    if (blk_close(b, &err) < 0)
        return fail(&err);
    if (r.check_errors)
        return 1;
    if (r.corruptions - r.corruptions_fixed)
        return 2;
    if (r.leaks - r.leaks_fixed)
        return 3;
    return 0;
}

static int cmd_snapshot(int argc, char **argv)
{
    int c;
    char op = 0;
    const char *name = NULL, *fmt = NULL;
    bool quiet = false;
    optind = 1;
    while ((c = getopt(argc, argv, "lc:a:d:f:qU")) != -1) {
        switch (c) {
        case 'l': case 'c': case 'a': case 'd':
            if (op)
                return usage("Cannot mix '-l', '-a', '-c', '-d'");
            op = (char)c;
            name = optarg;
            break;
        case 'f': fmt = optarg; break;
        case 'q': quiet = true; break;
        case 'U': break;
        default: return usage("snapshot: bad option");
        }
    }
    if (optind >= argc)
        return usage("Expecting one image file name");
    if (!op)
        op = 'l';
    const char *path = argv[optind];
    Err err = { 0 };
    BlockDev *b;
    if (open_image(path, fmt, op != 'l', &b, &err) < 0)
        return fail(&err);
    Qcow2 *q = blk_qcow2(b);
    int ret = 0;
    if (!q) {
        ret = ERR(&err, -ENOTSUP, "Block format 'raw' used by device '' does not support "
                  "internal snapshots");
    } else if (op == 'l') {
        if (qcow2_snapshot_count(q)) {
            printf("Snapshot list:\n");
            print_snapshot_list(q);
        }
    } else if (op == 'c') {
        struct timespec ts;
        clock_gettime(CLOCK_REALTIME, &ts);
        Qcow2SnapNew sn = { .name = name, .date_sec = (uint32_t)ts.tv_sec,
                            .date_nsec = (uint32_t)(ts.tv_nsec / 1000 * 1000), .icount = 0,
                            .allow_duplicate = true };
        if ((ret = qcow2_snapshot_create(q, &sn, NULL, &err)) < 0)
            err_prefix(&err, "Could not create snapshot '%s'", name);
    } else if (op == 'a') {
        int i = qcow2_snapshot_find_id_or_name(q, name, &err);
        if (i < 0 || (ret = qcow2_snapshot_apply(q, i, &err)) < 0) {
            ret = -1;
            err_prefix(&err, "Could not apply snapshot '%s'", name);
        }
    } else {
        int i = qcow2_snapshot_find(q, name, &err);
        if (i < 0 || (ret = qcow2_snapshot_delete(q, i, &err)) < 0) {
            ret = -1;
            err_prefix(&err, "Could not delete snapshot '%s'", name);
        }
    }
    (void)quiet;
    int cret = blk_close(b, ret < 0 ? NULL : &err);
    if (ret < 0 || cret < 0)
        return fail(&err);
    return 0;
}

static bool all_zero(const uint8_t *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (p[i])
            return false;
    return true;
}

static int cmd_convert(int argc, char **argv)
{
    const char *sfmt = NULL, *ofmt = "raw", *opts = NULL;
    bool compress = false, quiet = false;
    int c;
    optind = 1;
    while ((c = getopt(argc, argv, "cf:O:o:qpU")) != -1) {
        switch (c) {
        case 'c': compress = true; break;
        case 'f': sfmt = optarg; break;
        case 'O': ofmt = optarg; break;
        case 'o': opts = optarg; break;
        case 'q': quiet = true; break;
        case 'p': case 'U': break;
        default: return usage("convert: bad option");
        }
    }
    (void)quiet;
    if (argc - optind != 2)
        return usage("Expecting a source and a destination image name");
    const char *src = argv[optind], *dst = argv[optind + 1];
    if (compress && strcmp(ofmt, "qcow2") != 0)
        return usage("Compression not supported for this file format");
    Err err = { 0 };
    BlockDev *in, *out = NULL;
    if (open_image(src, sfmt, false, &in, &err) < 0)
        return fail(&err);
    uint64_t size = blk_size(in);
    int ret = create_image(dst, ofmt, size, opts, true, &err);
    if (ret == 0)
        ret = open_image(dst, ofmt, true, &out, &err);
    size_t chunk = 65536;
    Qcow2 *oq = out ? blk_qcow2(out) : NULL;
    if (oq) {
        Qcow2Info inf;
        qcow2_info(oq, &inf);
        chunk = inf.cluster_size;
    }
    uint8_t *buf = xmalloc(chunk);
    for (uint64_t off = 0; ret == 0 && off < size; off += chunk) {
        size_t n = (size_t)MIN((uint64_t)chunk, size - off);
        if ((ret = blk_pread(in, off, buf, n, &err)) < 0)
            break;
        if (all_zero(buf, n))
            continue;          /* unallocated in qcow2, a hole in raw: reads as zeros */
        if (compress) {
            memset(buf + n, 0, chunk - n);
            ret = qcow2_write_compressed(oq, off, buf, &err);
        } else {
            ret = blk_pwrite(out, off, buf, n, &err);
        }
    }
    free(buf);
    blk_close(in, NULL);
    if (out && blk_close(out, ret < 0 ? NULL : &err) < 0 && ret == 0)
        ret = -1;
    return ret < 0 ? fail(&err) : 0;
}

/* write FILE OFFSET INFILE: copies INFILE's bytes into the guest disk at OFFSET. */
static int cmd_write(int argc, char **argv)
{
    if (argc != 4)
        return usage("usage: pcemu-img write FILE OFFSET INFILE");
    uint64_t off;
    if (parse_size(argv[2], &off) < 0)
        return usage("bad offset");
    FILE *f = fopen(argv[3], "rb");
    if (!f)
        return usage("cannot open input file");
    Err err = { 0 };
    BlockDev *b;
    if (open_image(argv[1], NULL, true, &b, &err) < 0) {
        fclose(f);
        return fail(&err);
    }
    uint8_t *buf = xmalloc(1 << 20);
    size_t n;
    int ret = 0;
    while (ret == 0 && (n = fread(buf, 1, 1 << 20, f)) > 0) {
        ret = blk_pwrite(b, off, buf, n, &err);
        off += n;
    }
    fclose(f);
    free(buf);
    if (blk_close(b, ret < 0 ? NULL : &err) < 0 && ret == 0)
        ret = -1;
    return ret < 0 ? fail(&err) : 0;
}

/* read FILE OFFSET LENGTH: guest bytes to standard output. */
static int cmd_read(int argc, char **argv)
{
    uint64_t off, len;
    if (argc != 4 || parse_size(argv[2], &off) < 0 || parse_size(argv[3], &len) < 0)
        return usage("usage: pcemu-img read FILE OFFSET LENGTH");
    Err err = { 0 };
    BlockDev *b;
    if (open_image(argv[1], NULL, false, &b, &err) < 0)
        return fail(&err);
    uint8_t *buf = xmalloc(1 << 20);
    int ret = 0;
    while (ret == 0 && len) {
        size_t n = (size_t)MIN(len, (uint64_t)1 << 20);
        if ((ret = blk_pread(b, off, buf, n, &err)) == 0 && fwrite(buf, 1, n, stdout) != n)
            ret = ERR(&err, -EIO, "write to stdout failed");
        off += n; len -= n;
    }
    free(buf);
    blk_close(b, NULL);
    return ret < 0 ? fail(&err) : 0;
}

/* vmstate-save [--clock NS] [--date SEC] FILE NAME INFILE: a snapshot whose VM state is
 * INFILE's bytes (replacing a same-named one, like savevm). */
static int cmd_vmstate_save(int argc, char **argv)
{
    uint64_t clock = 0, date = (uint64_t)time(NULL);
    int i = 1;
    for (; i + 1 < argc && argv[i][0] == '-'; i += 2) {
        if (!strcmp(argv[i], "--clock"))
            clock = strtoull(argv[i + 1], NULL, 0);
        else if (!strcmp(argv[i], "--date"))
            date = strtoull(argv[i + 1], NULL, 0);
        else
            return usage("vmstate-save: bad option");
    }
    if (argc - i != 3)
        return usage("usage: pcemu-img vmstate-save [--clock NS] [--date SEC] FILE NAME INFILE");
    FILE *f = fopen(argv[i + 2], "rb");
    if (!f)
        return usage("cannot open input file");
    Err err = { 0 };
    BlockDev *b;
    if (open_image(argv[i], "qcow2", true, &b, &err) < 0) {
        fclose(f);
        return fail(&err);
    }
    Qcow2 *q = blk_qcow2(b);
    Qcow2VmWriter *w;
    int ret = qcow2_vmstate_begin(q, &w, &err);
    uint8_t *buf = xmalloc(4 << 20);
    uint64_t pos = 0;
    size_t n;
    while (ret == 0 && (n = fread(buf, 1, 4 << 20, f)) > 0) {
        ret = qcow2_vmstate_write(w, pos, buf, n, &err);
        pos += n;
    }
    fclose(f);
    free(buf);
    if (ret < 0) {
        qcow2_vmstate_abort(w);
    } else {
        Qcow2SnapNew sn = { .name = argv[i + 1], .date_sec = (uint32_t)date,
                            .vm_clock_nsec = clock, .icount = UINT64_MAX, .replace = true };
        ret = qcow2_snapshot_create(q, &sn, w, &err);
    }
    if (blk_close(b, ret < 0 ? NULL : &err) < 0 && ret == 0)
        ret = -1;
    return ret < 0 ? fail(&err) : 0;
}

/* vmstate-extract FILE NAME: the snapshot's VM-state bytes to standard output. */
static int cmd_vmstate_extract(int argc, char **argv)
{
    if (argc != 3)
        return usage("usage: pcemu-img vmstate-extract FILE NAME");
    Err err = { 0 };
    BlockDev *b;
    if (open_image(argv[1], "qcow2", false, &b, &err) < 0)
        return fail(&err);
    Qcow2 *q = blk_qcow2(b);
    int i = qcow2_snapshot_find(q, argv[2], &err);
    long n = 0;
    uint64_t off = 0;
    uint8_t *buf = xmalloc(4 << 20);
    while (i >= 0 && (n = qcow2_vmstate_read(q, i, off, buf, 4 << 20, &err)) > 0) {
        if (fwrite(buf, 1, (size_t)n, stdout) != (size_t)n) {
            n = ERR(&err, -EIO, "write to stdout failed");
            break;
        }
        off += (uint64_t)n;
    }
    free(buf);
    blk_close(b, NULL);
    return (i < 0 || n < 0) ? fail(&err) : 0;
}

static const struct {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *help;
} commands[] = {
    { "create", cmd_create, "create [-f fmt] [-o options] filename [size]" },
    { "info", cmd_info, "info [-f fmt] filename" },
    { "check", cmd_check, "check [-f fmt] [-r leaks|all] [-q] filename" },
    { "snapshot", cmd_snapshot, "snapshot [-l | -a snapshot | -c snapshot | -d snapshot] filename" },
    { "convert", cmd_convert, "convert [-c] [-f fmt] [-O output_fmt] [-o options] filename "
                              "output_filename" },
    { "write", cmd_write, "write filename offset infile (guest bytes from a file)" },
    { "read", cmd_read, "read filename offset length (guest bytes to stdout)" },
    { "vmstate-save", cmd_vmstate_save, "vmstate-save [--clock ns] [--date sec] filename "
                                        "snapshot infile" },
    { "vmstate-extract", cmd_vmstate_extract, "vmstate-extract filename snapshot (to stdout)" },
    { "vmstate", vms_dump_main, "vmstate dump [--extract dir] filename snapshot | streamfile" },
};

int main(int argc, char **argv)
{
    if (argc < 2 || !strcmp(argv[1], "help") || !strcmp(argv[1], "--help") ||
        !strcmp(argv[1], "-h")) {
        printf("usage: pcemu-img COMMAND [options]\nCommands:\n");
        for (size_t i = 0; i < ARRAY_SIZE(commands); i++)
            printf("  %s\n", commands[i].help);
        return argc < 2 ? 1 : 0;
    }
    for (size_t i = 0; i < ARRAY_SIZE(commands); i++)
        if (!strcmp(argv[1], commands[i].name))
            return commands[i].run(argc - 1, argv + 1);
    fprintf(stderr, "pcemu-img: Command not found: %s\n", argv[1]);
    return 1;
}
