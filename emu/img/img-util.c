/* img-util.c: the image tool's shared pieces: messages in qemu-img's shape, sizes as
 * qemu-img reads and prints them, qcow2 -o options, opening an image. */
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "emu/img/img.h"

int img_fail(const Err *e)
{
    fprintf(stderr, "pcemu-img: %s\n", e->msg);
    return 1;
}

int img_usage(const char *msg)
{
    fprintf(stderr, "pcemu-img: %s\nTry 'pcemu-img help' for more information.\n", msg);
    return 1;
}

/* qemu's size_to_str(): three significant digits, binary units. */
void img_size_str(uint64_t v, char *buf, size_t n)
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
int img_parse_size(const char *s, uint64_t *out)
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
int img_parse_qcow2_opts(const char *opts, BlkCreateOpts *o, Err *err)
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
            if (img_parse_size(v, &n) < 0 || n > UINT32_MAX)
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
            if (img_parse_size(v, &n) < 0 || !is_pow2(n) || n > 64)
                ret = ERR(err, -EINVAL, "Refcount width must be a power of two and may not "
                          "exceed 64 bits");
            else
                o->refcount_order = __builtin_ctzll(n);
        } else if (strcmp(kv, "size") == 0) {
            if (img_parse_size(v, &o->size) < 0)
                ret = ERR(err, -EINVAL, "Invalid size '%s'", v);
        } else if (strcmp(kv, "lazy_refcounts") == 0 || strcmp(kv, "extended_l2") == 0) {
            if (strcmp(v, "off") != 0)
                ret = ERR(err, -ENOTSUP, "%s=%s is not supported by pcemu", kv, v);
        } else if (!strcmp(kv, "backing_file") || !strcmp(kv, "backing_fmt")) {
            ret = ERR(err, -ENOTSUP, "pcemu-img does not support backing files");
        } else if (!strcmp(kv, "encryption") || !strncmp(kv, "encrypt.", 8)) {
            ret = ERR(err, -ENOTSUP, "pcemu-img does not support encryption");
        } else if (!strcmp(kv, "data_file") || !strcmp(kv, "data_file_raw")) {
            ret = ERR(err, -ENOTSUP, "pcemu-img does not support external data files");
        } else {
            ret = ERR(err, -EINVAL, "Invalid parameter '%s'", kv);
        }
    }
    free(dup);
    return ret;
}

int img_open(const char *path, const char *fmt, bool rw, bool force_share, BlockDev **b,
             Err *err)
{
    int ret = blk_open_share(path, fmt, !rw, force_share, b, err);
    if (ret < 0)
        err_prefix(err, "Could not open '%s'", path);
    return ret;
}

int img_output_format(const char *arg)
{
    if (!strcmp(arg, "human"))
        return 0;
    if (!strcmp(arg, "json"))
        return 1;
    fprintf(stderr, "pcemu-img: --output must be used with human or json as argument.\n");
    return -1;
}

int img_create(const char *path, const char *fmt, uint64_t size, const char *opts,
                        bool quiet, Err *err)
{
    BlkCreateOpts o = { .size = size, .version = 3, .cluster_size = 65536,
                        .refcount_order = -1 };
    if (strcmp(fmt, "raw") == 0) {
        if (opts)
            return ERR(err, -EINVAL, "raw images take no -o options");
        int ret = blk_create(path, fmt, &o, err);
        if (ret == 0 && !quiet)
            printf("Formatting '%s', fmt=raw size=%" PRIu64 "\n", path, size);
        return ret;
    }
    if (strcmp(fmt, "qcow2") != 0)
        return ERR(err, -ENOTSUP, "Unknown file format '%s'", fmt);
    int ret = img_parse_qcow2_opts(opts, &o, err);
    if (ret < 0)
        return ret;
    if (!quiet)
        printf("Formatting '%s', fmt=qcow2 cluster_size=%u extended_l2=off compression_type=%s "
               "size=%" PRIu64 "%s lazy_refcounts=off refcount_bits=%d\n", path, o.cluster_size,
               o.compression_type ? "zstd" : "zlib", o.size,
               o.version == 2 ? " compat=0.10" : "", 1 << (o.refcount_order < 0 ? 4 : o.refcount_order));
    return blk_create(path, fmt, &o, err);
}
