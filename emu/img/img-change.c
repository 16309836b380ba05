/* img-change.c: the subcommands that change an image's shape, in qemu-img 7.2's spelling,
 * messages and exit codes: resize (grow; shrink only with --shrink; raw by truncating the
 * file, qcow2 through qcow2_resize) and amend (compat, refcount_bits, size; what pcemu
 * cannot change is refused with a message that says so). */
#include <fcntl.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "emu/img/img.h"

enum { OPT_SHRINK = 256, OPT_PREALLOC };

static int resize_raw(const char *path, uint64_t size, Err *err)
{
    BlockDev *b;
    if (img_open(path, "raw", true, false, &b, err) < 0)
        return -1;
    blk_close(b, NULL);
    /* the lock is QEMU's advisory one, so the file is opened and locked again to cut it */
    int fd = open(path, O_RDWR | O_CLOEXEC);
    if (fd < 0)
        return ERR(err, -errno, "Could not open '%s': %s", path, strerror(errno));
    int ret = blk_lock_fd(fd, path, false, err);
    if (ret == 0 && ftruncate(fd, (off_t)size) < 0)
        ret = ERR(err, -errno, "Failed to resize '%s': %s", path, strerror(errno));
    close(fd);
    return ret;
}

static int do_resize(const char *path, const char *fmt, const char *arg, bool shrink, Err *err)
{
    int rel = arg[0] == '+' ? 1 : arg[0] == '-' ? -1 : 0;
    uint64_t n;
    if (img_parse_size(arg + (rel != 0), &n) < 0)
        return ERR(err, -EINVAL, "Parameter 'size' expects a non-negative number below 2^64\n"
                   "Optional suffix k, M, G, T, P or E means kilo-, mega-, giga-, tera-, peta-\n"
                   "and exabytes, respectively.");
    BlockDev *b;
    if (img_open(path, fmt, true, false, &b, err) < 0)
        return -1;
    uint64_t cur = blk_size(b);
    /* qemu-img's sizes are int64: one past INT64_MAX wraps negative */
    int64_t total = rel ? (int64_t)cur + rel * (int64_t)n : (int64_t)n;
    int ret = 0;
    if (total <= 0 || n > INT64_MAX) {
        ret = ERR(err, -EINVAL, "New image size must be positive");
    } else if ((uint64_t)total < cur && !shrink) {
        ret = ERR(err, -EINVAL, "Use the --shrink option to perform a shrink operation.\n"
                  "pcemu-img: warning: Shrinking an image will delete all data beyond the "
                  "shrunken image's end. Before performing such an operation, make sure "
                  "there is no important data there.");
    } else if (blk_driver(b)->resize) {
        ret = blk_resize(b, (uint64_t)total, err);
    }
    bool raw = !blk_driver(b)->resize;      /* the file's size is the disk's */
    if (blk_close(b, ret < 0 ? NULL : err) < 0 && ret == 0)
        ret = -1;
    if (ret == 0 && raw)
        ret = resize_raw(path, (uint64_t)total, err);
    return ret;
}

int img_cmd_resize(int argc, char **argv)
{
    static const struct option lo[] = {
        { "shrink", no_argument, NULL, OPT_SHRINK },
        { "preallocation", required_argument, NULL, OPT_PREALLOC }, { 0 } };
    const char *fmt = NULL;
    bool quiet = false, shrink = false;
    int c;
    optind = 1;
    /* "-" leads negative sizes, so options end at the file name (qemu-img: "resize FILE -1G") */
    while ((c = getopt_long(argc, argv, "+f:q", lo, NULL)) != -1) {
        switch (c) {
        case 'f': fmt = optarg; break;
        case 'q': quiet = true; break;
        case OPT_SHRINK: shrink = true; break;
        case OPT_PREALLOC:
            if (strcmp(optarg, "off") != 0) {
                fprintf(stderr, "pcemu-img: pcemu-img does not support preallocation\n");
                return 1;
            }
            break;
        default: return img_usage("resize: bad option");
        }
    }
    if (argc - optind == 3 && !strcmp(argv[optind + 1], "--")) {
        argv[optind + 1] = argv[optind];
        optind++;
    }
    if (argc - optind != 2)
        return img_usage("Expecting image file name and size");
    Err err = { 0 };
    if (do_resize(argv[optind], fmt, argv[optind + 1], shrink, &err) < 0)
        return img_fail(&err);
    if (!quiet)
        printf("Image resized.\n");
    return 0;
}

/* amend -o on a qcow2 image (the only format with options): checked here, applied by
 * blk_amend in QEMU's order. cluster_size and compression_type are creation-only. */
static int amend_qcow2(BlockDev *b, const char *opts, Err *err)
{
    static const char *const create_only[] = { "cluster_size", "compression_type" };
    for (size_t i = 0; i < ARRAY_SIZE(create_only); i++) {
        const char *k = strstr(opts, create_only[i]);
        if (k && (k == opts || k[-1] == ','))
            return ERR(err, -EINVAL, "Invalid parameter '%s'\nThis option is only supported "
                       "for image creation", create_only[i]);
    }
    const char *cv = strstr(opts, "compat=");
    if (cv && (cv == opts || cv[-1] == ',')) {
        size_t l = strcspn(cv + 7, ",");
        static const char *const ok[] = { "0.10", "v2", "1.1", "v3" };
        bool known = false;
        for (size_t i = 0; i < ARRAY_SIZE(ok); i++)
            known |= strlen(ok[i]) == l && !strncmp(cv + 7, ok[i], l);
        if (!known)
            return ERR(err, -EINVAL, "Unknown compatibility level %.*s", (int)l, cv + 7);
    }
    BlkInfo in;
    if (blk_info(b, &in, err) < 0)
        return -1;
    BlkCreateOpts o = { .size = in.size, .version = in.version,
                        .cluster_size = in.cluster_size,
                        .compression_type = in.compression_type,
                        .refcount_order = __builtin_ctz((unsigned)in.refcount_bits) };
    if (img_parse_qcow2_opts(opts, &o, err) < 0)
        return -1;
    if (o.version == 2 && o.refcount_order != 4)
        return ERR(err, -EINVAL, cv ? "compat=0.10 requires refcount_bits=16"
                   : "Refcount widths other than 16 bits require compatibility level 1.1 "
                     "or above (use compat=1.1 or greater)");
    return blk_amend(b, &o, err);
}

int img_cmd_amend(int argc, char **argv)
{
    static const struct option lo[] = { { "force", no_argument, NULL, 'F' }, { 0 } };
    const char *fmt = NULL;
    char *opts = NULL;             /* -o options, several joined with ',' as qemu-img does */
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "f:o:qp", lo, NULL)) != -1) {
        switch (c) {
        case 'f': fmt = optarg; break;
        case 'o': {
            size_t l = opts ? strlen(opts) : 0;
            opts = xrealloc(opts, l + strlen(optarg) + 2);
            snprintf(opts + l, strlen(optarg) + 2, "%s%s", l ? "," : "", optarg);
            break;
        }
        case 'q': case 'p': case 'F': break;
        default: return img_usage("amend: bad option");
        }
    }
    if (!opts) {
        fprintf(stderr, "pcemu-img: Must specify options (-o)\n");
        return 1;
    }
    if (optind != argc - 1) {
        free(opts);
        return img_usage("Expecting one image file name");
    }
    const char *path = argv[optind];
    Err err = { 0 };
    BlockDev *b;
    if (img_open(path, fmt, true, false, &b, &err) < 0) {
        free(opts);
        return img_fail(&err);
    }
    int ret = blk_driver(b)->amend ? amend_qcow2(b, opts, &err) : blk_amend(b, NULL, &err);
    free(opts);
    if (blk_close(b, ret < 0 ? NULL : &err) < 0 && ret == 0)
        ret = -1;
    return ret < 0 ? img_fail(&err) : 0;
}
