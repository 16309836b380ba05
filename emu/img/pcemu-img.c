/* pcemu-img.c: the image tool, in qemu-img's spelling, output formats and exit codes:
 * create, info, check, snapshot here; convert (img-convert.c), map, compare, measure
 * (img-query.c), resize, amend (img-change.c); plus helpers for tests and scripts: write,
 * read (guest data), vmstate-save and vmstate-extract (a snapshot's VM-state bytes).
 * What pcemu-img leaves out (backing files, bitmaps, dd, encryption) says so in one line.
 * Subcommands are rows of `commands` below; other parts of pcemu add their own rows there
 * (the snapshot stream analyzer hooks in as "vmstate"). */
#include <fcntl.h>
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "block/block.h"
#include "emu/base/base.h"
#include "emu/img/img.h"
#include "snapshot/format/analyze.h"

#define PCEMU_IMG_VERSION "0.1"    /* as pcemu's (emu/front/main.c) */

enum { OPT_OUTPUT = 256, OPT_BACKING_CHAIN };

/* What pcemu-img leaves out gets one line that says so, not a usage error. */
static int unsupported(const char *what)
{
    fprintf(stderr, "pcemu-img: pcemu-img does not support %s\n", what);
    return 1;
}

static int cmd_create(int argc, char **argv)
{
    const char *fmt = "raw", *opts = NULL;
    bool quiet = false;
    int c;
    optind = 1;
    while ((c = getopt(argc, argv, "f:o:qb:F:u")) != -1) {
        switch (c) {
        case 'b': case 'F': case 'u':
            return unsupported("backing files");
        case 'f': fmt = optarg; break;
        case 'o': opts = optarg; break;
        case 'q': quiet = true; break;
        default: return img_usage("create: bad option");
        }
    }
    if (optind >= argc)
        return img_usage("Expecting image file name");
    const char *path = argv[optind];
    uint64_t size = 0;
    if (optind + 1 >= argc && !(opts && strstr(opts, "size="))) {
        fprintf(stderr, "pcemu-img: %s: Image creation needs a size parameter\n", path);
        return 1;
    }
    if (optind + 1 < argc && img_parse_size(argv[optind + 1], &size) < 0) {
        fprintf(stderr, "pcemu-img: Invalid image size specified. You may use k, M, G, T, P "
                "or E suffixes for\npcemu-img: kilobytes, megabytes, gigabytes, terabytes, "
                "petabytes and exabytes.\n");
        return 1;
    }
    Err err = { 0 };
    if (img_create(path, fmt, size, opts, quiet, &err) < 0)
        return img_fail(&err);
    return 0;
}

static void print_snapshot_header(void)
{
    printf("%-10s%-17s%8s%20s%13s%11s\n", "ID", "TAG", "VM SIZE", "DATE", "VM CLOCK", "ICOUNT");
}

static void print_snapshot(const BlkSnapInfo *s)
{
    char size[32], date[32] = "", clock[32], icount[32] = "";
    img_size_str(s->vm_state_size, size, sizeof size);
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

static void print_snapshot_list(BlockDev *b)
{
    print_snapshot_header();
    for (int i = 0; i < blk_snapshot_count(b); i++) {
        BlkSnapInfo s;
        blk_snapshot_info(b, i, &s, NULL);
        print_snapshot(&s);
    }
}

/* qemu-img info --output=json: ImageInfo as QEMU 7.2 fills it for these images. */
static QJson *info_json(BlockDev *b, const char *path, uint64_t actual)
{
    QJson *j = qjson_obj();
    BlkInfo in;
    bool specific = blk_info(b, &in, NULL) == 0;    /* qcow2's format-specific part */
    qjson_put(j, "virtual-size", qjson_uint(blk_size(b)));
    qjson_put(j, "filename", qjson_str(path));
    if (specific)
        qjson_put(j, "cluster-size", qjson_uint(in.cluster_size));
    qjson_put(j, "format", qjson_str(blk_format(b)));
    qjson_put(j, "actual-size", qjson_uint(actual));
    qjson_put(j, "dirty-flag", qjson_bool(in.dirty));
    if (!specific)
        return j;
    QJson *d = qjson_obj(), *fs = qjson_obj();
    qjson_put(d, "compat", qjson_str(in.version == 2 ? "0.10" : "1.1"));
    if (in.version >= 3) {
        qjson_put(d, "lazy-refcounts", qjson_bool(in.lazy_refcounts));
        qjson_put(d, "corrupt", qjson_bool(in.corrupt));
        qjson_put(d, "extended-l2", qjson_bool(in.extended_l2));
    }
    qjson_put(d, "refcount-bits", qjson_int(in.refcount_bits));
    qjson_put(d, "compression-type", qjson_str(in.compression_type ? "zstd" : "zlib"));
    qjson_put(fs, "type", qjson_str("qcow2"));
    qjson_put(fs, "data", d);
    qjson_put(j, "format-specific", fs);
    if (in.nb_snapshots) {
        QJson *list = qjson_arr();
        for (int i = 0; i < in.nb_snapshots; i++) {
            BlkSnapInfo si;
            blk_snapshot_info(b, i, &si, NULL);
            QJson *e = qjson_obj();
            qjson_put(e, "id", qjson_str(si.id));
            qjson_put(e, "name", qjson_str(si.name));
            qjson_put(e, "vm-state-size", qjson_uint(si.vm_state_size));
            qjson_put(e, "date-sec", qjson_int(si.date_sec));
            qjson_put(e, "date-nsec", qjson_int(si.date_nsec));
            qjson_put(e, "vm-clock-sec", qjson_int((int64_t)(si.vm_clock_nsec / 1000000000)));
            qjson_put(e, "vm-clock-nsec", qjson_int((int64_t)(si.vm_clock_nsec % 1000000000)));
            if (si.icount != UINT64_MAX)
                qjson_put(e, "icount", qjson_uint(si.icount));
            qjson_add(list, e);
        }
        qjson_put(j, "snapshots", list);
    }
    return j;
}

static void info_human(BlockDev *b, const char *path, uint64_t actual)
{
    char vs[32], ds[32];
    img_size_str(blk_size(b), vs, sizeof vs);
    img_size_str(actual, ds, sizeof ds);
    printf("image: %s\nfile format: %s\nvirtual size: %s (%" PRIu64 " bytes)\ndisk size: %s\n",
           path, blk_format(b), vs, blk_size(b), ds);
    BlkInfo in;
    if (blk_info(b, &in, NULL) < 0)
        return;
    printf("cluster_size: %u\n", in.cluster_size);
    if (in.nb_snapshots) {
        printf("Snapshot list:\n");
        print_snapshot_list(b);
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

static const struct option common_lo[] = {
    { "output", required_argument, NULL, OPT_OUTPUT }, { "force-share", no_argument, NULL, 'U' },
    { "backing-chain", no_argument, NULL, OPT_BACKING_CHAIN }, { 0 } };

static int cmd_info(int argc, char **argv)
{
    const char *fmt = NULL;
    int c, json = 0;
    bool share = false;
    optind = 1;
    while ((c = getopt_long(argc, argv, "f:U", common_lo, NULL)) != -1) {
        switch (c) {
        case 'f': fmt = optarg; break;
        case 'U': share = true; break;
        case OPT_OUTPUT:
            if ((json = img_output_format(optarg)) < 0)
                return 1;
            break;
        case OPT_BACKING_CHAIN: return unsupported("backing files");
        default: return img_usage("info: bad option");
        }
    }
    if (optind != argc - 1)
        return img_usage("Expecting one image file name");
    const char *path = argv[optind];
    Err err = { 0 };
    BlockDev *b;
    if (img_open(path, fmt, false, share, &b, &err) < 0)
        return img_fail(&err);
    struct stat st;
    uint64_t actual = stat(path, &st) == 0 ? (uint64_t)st.st_blocks * 512 : 0;
    if (json) {
        QJson *j = info_json(b, path, actual);
        qjson_print(stdout, j);
        putchar('\n');
        qjson_free(j);
    } else {
        info_human(b, path, actual);
    }
    blk_close(b, NULL);
    return 0;
}

static void print_check_result(const BlkCheckResult *r)
{
    uint64_t corr = r->corruptions, leaks = r->leaks;
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

/* ImageCheck as qemu-img check --output=json prints it: counts only when nonzero. */
static void print_check_json(const BlkCheckResult *r, const char *path)
{
    QJson *j = qjson_obj();
    qjson_put(j, "filename", qjson_str(path));
    qjson_put(j, "format", qjson_str("qcow2"));
    qjson_put(j, "check-errors", qjson_uint(r->check_errors));
    const struct { const char *key; uint64_t v; } opt[] = {
        { "image-end-offset", r->image_end_offset }, { "corruptions", r->corruptions },
        { "leaks", r->leaks }, { "corruptions-fixed", r->corruptions_fixed },
        { "leaks-fixed", r->leaks_fixed }, { "total-clusters", r->total_clusters },
        { "allocated-clusters", r->allocated_clusters },
        { "fragmented-clusters", r->fragmented_clusters },
        { "compressed-clusters", r->compressed_clusters } };
    for (size_t i = 0; i < ARRAY_SIZE(opt); i++)
        if (opt[i].v)
            qjson_put(j, opt[i].key, qjson_uint(opt[i].v));
    qjson_print(stdout, j);
    putchar('\n');
    qjson_free(j);
}

/* Runs the check (and the repair and the double check after it, as qemu-img does); the
 * per-cluster findings always go to stderr, also with -q. r holds what is reported. */
static int run_check(BlockDev *b, int repair, bool human, BlkCheckResult *r, Err *err)
{
    if (blk_check(b, repair, r, stderr, err) < 0)
        return -1;
    if (!repair || !(r->leaks_fixed || r->corruptions_fixed))
        return 0;
    uint64_t lf = r->leaks_fixed, cf = r->corruptions_fixed;
    if (human)
        printf("The following inconsistencies were found and repaired:\n\n"
               "    %" PRIu64 " leaked clusters\n    %" PRIu64 " corruptions\n\n"
               "Double checking the fixed image now...\n", lf, cf);
    if (blk_check(b, BLK_REPAIR_NONE, r, stderr, err) < 0)
        return -1;
    r->leaks_fixed = lf;
    r->corruptions_fixed = cf;
    return 0;
}

static int cmd_check(int argc, char **argv)
{
    const char *fmt = NULL;
    int repair = BLK_REPAIR_NONE, c, json = 0;
    bool quiet = false, share = false;
    optind = 1;
    while ((c = getopt_long(argc, argv, "f:r:qU", common_lo, NULL)) != -1) {
        switch (c) {
        case 'f': fmt = optarg; break;
        case 'r':
            if (!strcmp(optarg, "leaks"))
                repair = BLK_REPAIR_LEAKS;
            else if (!strcmp(optarg, "all"))
                repair = BLK_REPAIR_ALL;
            else
                return img_usage("Unknown option value for -r (expecting 'leaks' or 'all'): "
                                 "bad value");
            break;
        case 'q': quiet = true; break;
        case 'U': share = true; break;
        case OPT_OUTPUT:
            if ((json = img_output_format(optarg)) < 0)
                return 1;
            break;
        default: return img_usage("check: bad option");
        }
    }
    if (optind != argc - 1)
        return img_usage("Expecting one image file name");
    const char *path = argv[optind];
    Err err = { 0 };
    BlockDev *b;
    if (img_open(path, fmt, repair != BLK_REPAIR_NONE, share, &b, &err) < 0)
        return img_fail(&err);
    if (!blk_driver(b)->check) {
        fprintf(stderr, "pcemu-img: This image format does not support checks\n");
        blk_close(b, NULL);
        return 63;
    }
    BlkCheckResult r;
    if (run_check(b, repair, !json && !quiet, &r, &err) < 0) {
        blk_close(b, NULL);
        fprintf(stderr, "pcemu-img: Check failed: %s\n", err.msg);
        return 1;
    }
    if (json)
        print_check_json(&r, path);
    else if (!quiet)
        print_check_result(&r);
    if (blk_close(b, &err) < 0)
        return img_fail(&err);
    if (r.check_errors)
        return 1;
    if (r.corruptions)
        return 2;
    if (r.leaks)
        return 3;
    return 0;
}

static int cmd_snapshot(int argc, char **argv)
{
    int c;
    char op = 0;
    const char *name = NULL, *fmt = NULL;
    bool quiet = false, share = false;
    optind = 1;
    while ((c = getopt(argc, argv, "lc:a:d:f:qU")) != -1) {
        switch (c) {
        case 'l': case 'c': case 'a': case 'd':
            if (op)
                return img_usage("Cannot mix '-l', '-a', '-c', '-d'");
            op = (char)c;
            name = optarg;
            break;
        case 'f': fmt = optarg; break;
        case 'q': quiet = true; break;
        case 'U': share = true; break;
        default: return img_usage("snapshot: bad option");
        }
    }
    if (optind >= argc)
        return img_usage("Expecting one image file name");
    if (!op)
        op = 'l';
    const char *path = argv[optind];
    Err err = { 0 };
    BlockDev *b;
    if (img_open(path, fmt, op != 'l', share, &b, &err) < 0)
        return img_fail(&err);
    int ret = 0;
    if (!blk_driver(b)->snapshot_create) {
        ret = ERR(&err, -ENOTSUP, "Block format 'raw' used by device '' does not support "
                  "internal snapshots");
    } else if (op == 'l') {
        if (blk_snapshot_count(b)) {
            printf("Snapshot list:\n");
            print_snapshot_list(b);
        }
    } else if (op == 'c') {
        struct timespec ts;
        clock_gettime(CLOCK_REALTIME, &ts);
        BlkSnapNew sn = { .name = name, .date_sec = (uint32_t)ts.tv_sec,
                            .date_nsec = (uint32_t)(ts.tv_nsec / 1000 * 1000), .icount = 0,
                            .allow_duplicate = true };
        if ((ret = blk_snapshot_create(b, &sn, NULL, &err)) < 0)
            err_prefix(&err, "Could not create snapshot '%s'", name);
    } else if (op == 'a') {
        int i = blk_snapshot_find_id_or_name(b, name, &err);
        if (i < 0 || (ret = blk_snapshot_goto(b, i, &err)) < 0) {
            ret = -1;
            err_prefix(&err, "Could not apply snapshot '%s'", name);
        }
    } else {
        int i = blk_snapshot_find(b, name, &err);
        if (i < 0 || (ret = blk_snapshot_delete(b, i, &err)) < 0) {
            ret = -1;
            err_prefix(&err, "Could not delete snapshot '%s'", name);
        }
    }
    (void)quiet;
    int cret = blk_close(b, ret < 0 ? NULL : &err);
    if (ret < 0 || cret < 0)
        return img_fail(&err);
    return 0;
}

/* write FILE OFFSET INFILE: copies INFILE's bytes into the guest disk at OFFSET. */
static int cmd_write(int argc, char **argv)
{
    if (argc != 4)
        return img_usage("usage: pcemu-img write FILE OFFSET INFILE");
    uint64_t off;
    if (img_parse_size(argv[2], &off) < 0)
        return img_usage("bad offset");
    FILE *f = fopen(argv[3], "rb");
    if (!f)
        return img_usage("cannot open input file");
    Err err = { 0 };
    BlockDev *b;
    if (img_open(argv[1], NULL, true, false, &b, &err) < 0) {
        fclose(f);
        return img_fail(&err);
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
    return ret < 0 ? img_fail(&err) : 0;
}

/* read FILE OFFSET LENGTH: guest bytes to standard output. */
static int cmd_read(int argc, char **argv)
{
    uint64_t off, len;
    if (argc != 4 || img_parse_size(argv[2], &off) < 0 || img_parse_size(argv[3], &len) < 0)
        return img_usage("usage: pcemu-img read FILE OFFSET LENGTH");
    Err err = { 0 };
    BlockDev *b;
    if (img_open(argv[1], NULL, false, false, &b, &err) < 0)
        return img_fail(&err);
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
    return ret < 0 ? img_fail(&err) : 0;
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
            return img_usage("vmstate-save: bad option");
    }
    if (argc - i != 3)
        return img_usage("usage: pcemu-img vmstate-save [--clock NS] [--date SEC] FILE NAME INFILE");
    FILE *f = fopen(argv[i + 2], "rb");
    if (!f)
        return img_usage("cannot open input file");
    Err err = { 0 };
    BlockDev *b;
    if (img_open(argv[i], "qcow2", true, false, &b, &err) < 0) {
        fclose(f);
        return img_fail(&err);
    }
    BlkVmWriter *w;
    int ret = blk_vmstate_begin(b, &w, &err);
    uint8_t *buf = xmalloc(4 << 20);
    uint64_t pos = 0;
    size_t n;
    while (ret == 0 && (n = fread(buf, 1, 4 << 20, f)) > 0) {
        ret = blk_vmstate_write(w, pos, buf, n, &err);
        pos += n;
    }
    fclose(f);
    free(buf);
    if (ret < 0) {
        blk_vmstate_abort(w);
    } else {
        BlkSnapNew sn = { .name = argv[i + 1], .date_sec = (uint32_t)date,
                            .vm_clock_nsec = clock, .icount = UINT64_MAX, .replace = true };
        ret = blk_snapshot_create(b, &sn, w, &err);
    }
    if (blk_close(b, ret < 0 ? NULL : &err) < 0 && ret == 0)
        ret = -1;
    return ret < 0 ? img_fail(&err) : 0;
}

/* vmstate-extract FILE NAME: the snapshot's VM-state bytes to standard output. */
static int cmd_vmstate_extract(int argc, char **argv)
{
    if (argc != 3)
        return img_usage("usage: pcemu-img vmstate-extract FILE NAME");
    Err err = { 0 };
    BlockDev *b;
    if (img_open(argv[1], "qcow2", false, false, &b, &err) < 0)
        return img_fail(&err);
    int i = blk_snapshot_find(b, argv[2], &err);
    long n = 0;
    uint64_t off = 0;
    uint8_t *buf = xmalloc(4 << 20);
    while (i >= 0 && (n = blk_vmstate_read(b, i, off, buf, 4 << 20, &err)) > 0) {
        if (fwrite(buf, 1, (size_t)n, stdout) != (size_t)n) {
            n = ERR(&err, -EIO, "write to stdout failed");
            break;
        }
        off += (uint64_t)n;
    }
    free(buf);
    blk_close(b, NULL);
    return (i < 0 || n < 0) ? img_fail(&err) : 0;
}

static int cmd_unsupported(int argc, char **argv)
{
    (void)argc;
    return unsupported(!strcmp(argv[0], "dd") || !strcmp(argv[0], "bitmap") ? argv[0]
                       : "backing files");
}

static const struct {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *help;
} commands[] = {
    { "create", cmd_create, "create [-q] [-f fmt] [-o options] filename size" },
    { "info", cmd_info, "info [-f fmt] [--output=human|json] [-U] filename" },
    { "check", cmd_check, "check [-f fmt] [--output=human|json] [-r leaks|all] [-q] [-U] filename" },
    { "snapshot", cmd_snapshot, "snapshot [-l | -a snapshot | -c snapshot | -d snapshot] [-U] filename" },
    { "convert", img_cmd_convert, "convert [-c] [-p] [-q] [-U] [-f fmt] [-O output_fmt] [-o options] "
                                  "filename output_filename" },
    { "map", img_cmd_map, "map [-f fmt] [--output=human|json] [--start-offset=OFFSET] "
                          "[--max-length=LEN] [-U] filename" },
    { "compare", img_cmd_compare, "compare [-f fmt] [-F fmt] [-q] [-s] [-U] filename1 filename2" },
    { "resize", img_cmd_resize, "resize [-f fmt] [-q] [--shrink] filename [+ | -]size" },
    { "measure", img_cmd_measure, "measure [--output=human|json] [-O output_fmt] [-o options] "
                                  "[--size N | [-f fmt] [-U] filename]" },
    { "amend", img_cmd_amend, "amend [-f fmt] [-q] -o options filename" },
    { "rebase", cmd_unsupported, "rebase, commit: not supported (backing files)" },
    { "commit", cmd_unsupported, NULL },
    { "bitmap", cmd_unsupported, "bitmap, dd: not supported" },
    { "dd", cmd_unsupported, NULL },
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
            if (commands[i].help)
                printf("  %s\n", commands[i].help);
        return argc < 2 ? 1 : 0;
    }
    if (!strcmp(argv[1], "--version") || !strcmp(argv[1], "-V")) {
        /* qemu-img's two lines: version (build), copyright */
        printf("pcemu-img version " PCEMU_IMG_VERSION " (qemu-img 7.2 compatible)\n"
               "Copyright (c) the pcemu developers\n");
        return 0;
    }
    for (size_t i = 0; i < ARRAY_SIZE(commands); i++)
        if (!strcmp(argv[1], commands[i].name))
            return commands[i].run(argc - 1, argv + 1);
    fprintf(stderr, "pcemu-img: Command not found: %s\n", argv[1]);
    return 1;
}
