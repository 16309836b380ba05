/* block.c: the BlockDev front end (block.h): opening with QEMU-compatible image locks,
 * format probing, and the dispatch through the driver table: argument checks that hold
 * for every format (range, read-only) are made here once, and an operation the driver
 * lacks becomes QEMU's "not supported" error. The drivers are raw.c and qcow2-driver.c;
 * overlay.c puts -snapshot's temporary writes over one of them (blk_open_snapshot).
 *
 * Locking follows QEMU 7.2's file-posix driver (observed with qemu-io and /proc/locks):
 * open-file-description (OFD) byte-range locks on the image file, one byte per
 * permission. Byte 100+i held (shared) = "I use permission i"; byte 200+i held (shared) =
 * "I do not let others have permission i". Permissions: 0 consistent read, 1 write,
 * 2 write unchanged, 3 resize. A writer holds 100,101,103 and 200+{1,3}; a reader holds
 * 100 and 200+{1,3} (QEMU's readers also refuse to share write); a reader with
 * force-share (qemu-img -U) holds only 100. A conflict is another
 * description holding 200+i for a permission we take, or 100+i for one we refuse. */
#include "block/block-int.h"

#include <assert.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>

enum { LOCK_PERM_BASE = 100, LOCK_SHARED_BASE = 200 };
enum { PERM_READ = 1, PERM_WRITE = 2, PERM_WRITE_UNCHANGED = 4, PERM_RESIZE = 8 };
static const char *const perm_names[4] = { "consistent read", "write", "write unchanged", "resize" };

static int lock_byte(int fd, int type, off_t at)
{
    struct flock fl = { .l_type = (short)type, .l_whence = SEEK_SET, .l_start = at, .l_len = 1 };
    return fcntl(fd, F_OFD_SETLK, &fl);
}

/* Is byte `at` locked by another open file description? */
static bool byte_taken(int fd, off_t at)
{
    struct flock fl = { .l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = at, .l_len = 1 };
    if (fcntl(fd, F_OFD_GETLK, &fl) < 0)
        return false;
    return fl.l_type != F_UNLCK;
}

static int lock_perms(int fd, const char *path, unsigned perm, unsigned unshared, Err *err)
{
    for (int i = 0; i < 4; i++) {
        if ((perm & 1u << i) && lock_byte(fd, F_RDLCK, LOCK_PERM_BASE + i) < 0)
            return ERR(err, -EAGAIN, "%s: failed to get \"%s\" lock", path, perm_names[i]);
        if ((unshared & 1u << i) && lock_byte(fd, F_RDLCK, LOCK_SHARED_BASE + i) < 0)
            return ERR(err, -EAGAIN, "%s: failed to get shared \"%s\" lock", path, perm_names[i]);
    }
    for (int i = 0; i < 4; i++) {
        if (((perm & 1u << i) && byte_taken(fd, LOCK_SHARED_BASE + i)) ||
            ((unshared & 1u << i) && byte_taken(fd, LOCK_PERM_BASE + i)))
            return ERR(err, -EAGAIN, "%s: failed to get \"%s\" lock: is another process "
                       "using the image?", path, perm_names[i]);
    }
    return 0;
}

int blk_lock_fd(int fd, const char *path, bool read_only, Err *err)
{
    return lock_perms(fd, path, read_only ? PERM_READ : PERM_READ | PERM_WRITE | PERM_RESIZE,
                      PERM_WRITE | PERM_RESIZE, err);
}

/* The formats blk_open knows, in probing order; raw, which matches anything, last. */
static const BlockDriver *const drivers[] = { &blk_qcow2_driver, &blk_raw_driver };

static const BlockDriver *find_driver(const char *fmt)
{
    for (size_t i = 0; i < ARRAY_SIZE(drivers); i++)
        if (strcmp(fmt, drivers[i]->format_name) == 0)
            return drivers[i];
    return NULL;
}

int blk_create(const char *path, const char *fmt, const BlkCreateOpts *o, Err *err)
{
    const BlockDriver *drv = find_driver(fmt);
    if (!drv)
        return ERR(err, -ENOTSUP, "Unknown file format '%s'", fmt);
    return drv->create(path, o, err);
}

int blk_open(const char *path, const char *fmt, bool read_only, BlockDev **out, Err *err)
{
    return blk_open_share(path, fmt, read_only, false, out, err);
}

int blk_open_share(const char *path, const char *fmt, bool read_only, bool force_share,
                   BlockDev **out, Err *err)
{
    *out = NULL;
    const BlockDriver *drv = fmt ? find_driver(fmt) : NULL;
    if (fmt && !drv)
        return ERR(err, -ENOTSUP, "unknown image format '%s'", fmt);
    return blk_open_driver(path, drv, read_only, force_share, out, err);
}

/* The first driver whose probe accepts the image's first bytes, else raw. */
static const BlockDriver *probe(int fd)
{
    uint8_t head[512];
    ssize_t n = pread(fd, head, sizeof head, 0);
    for (size_t i = 0; n > 0 && i < ARRAY_SIZE(drivers); i++)
        if (drivers[i]->probe && drivers[i]->probe(head, (size_t)n))
            return drivers[i];
    return &blk_raw_driver;
}

static int check_driver(const BlockDriver *drv, Err *err)
{
    static const char *const names[] = { "create", "open", "close", "size", "pread", "pwrite",
                                         "flush" };
    const bool have[] = { drv->create, drv->open, drv->close, drv->size, drv->pread,
                          drv->pwrite, drv->flush };
    for (size_t i = 0; i < ARRAY_SIZE(names); i++)
        if (!have[i])
            return ERR(err, -EINVAL, "block driver '%s' has no %s operation",
                       drv->format_name ? drv->format_name : "?", names[i]);
    if (!drv->format_name)
        return ERR(err, -EINVAL, "block driver without a format name");
    return 0;
}

int blk_open_driver(const char *path, const BlockDriver *drv, bool read_only, bool force_share,
                    BlockDev **out, Err *err)
{
    *out = NULL;
    if (force_share && !read_only)
        return ERR(err, -EINVAL, "force-share=on can only be used with read-only images");
    int ret = drv ? check_driver(drv, err) : 0;
    if (ret < 0)
        return ret;
    int fd = open(path, (read_only ? O_RDONLY : O_RDWR) | O_CLOEXEC);
    if (fd < 0)
        return ERR(err, -errno, "Could not open '%s': %s", path, strerror(errno));
    ret = force_share ? lock_perms(fd, path, PERM_READ, 0, err)
                      : blk_lock_fd(fd, path, read_only, err);
    if (ret < 0) {
        close(fd);
        return ret;
    }
    if (!drv)
        drv = probe(fd);
    void *opaque;
    if ((ret = drv->open(fd, path, read_only, &opaque, err)) < 0)
        return ret;       /* open closed fd */
    BlockDev *b = xzalloc(sizeof *b);
    *b = (BlockDev){ .drv = drv, .opaque = opaque, .read_only = read_only,
                     .path = xstrdup(path) };
    *out = b;
    return 0;
}

int blk_close(BlockDev *b, Err *err)
{
    if (!b)
        return 0;
    int ret = b->drv->close(b->opaque, err);
    free(b->path);
    free(b);
    return ret;
}

const BlockDriver *blk_driver(const BlockDev *b) { return b->drv; }
const char *blk_format(const BlockDev *b) { return b->drv->format_name; }
uint64_t blk_file_wr_highest(const BlockDev *b)
{
    return b->drv->file_wr_highest ? b->drv->file_wr_highest(b->opaque) : 0;
}
uint64_t blk_size(const BlockDev *b) { return b->drv->size(b->opaque); }
bool blk_read_only(const BlockDev *b) { return b->read_only; }

/* QEMU's QERR_BLOCK_FORMAT_FEATURE_NOT_SUPPORTED, the device named by its path. */
static int no_feature(const BlockDev *b, const char *feature, Err *err)
{
    return ERR(err, -ENOTSUP, "Block format '%s' used by device '%s' does not support "
               "feature '%s'", b->drv->format_name, b->path, feature);
}

static int check_range(const BlockDev *b, uint64_t off, size_t len, Err *err)
{
    uint64_t size = blk_size(b);
    if (off > size || len > size - off)
        return ERR(err, -EINVAL, "access %#" PRIx64 "+%zu beyond the disk end %#" PRIx64,
                   off, len, size);
    return 0;
}

int blk_pread(BlockDev *b, uint64_t off, void *buf, size_t len, Err *err)
{
    int ret = check_range(b, off, len, err);
    return ret < 0 ? ret : b->drv->pread(b->opaque, off, buf, len, err);
}

int blk_pwrite(BlockDev *b, uint64_t off, const void *buf, size_t len, Err *err)
{
    if (b->read_only)
        return ERR(err, -EPERM, "image opened read-only");
    int ret = check_range(b, off, len, err);
    return ret < 0 ? ret : b->drv->pwrite(b->opaque, off, buf, len, err);
}

int blk_flush(BlockDev *b, Err *err)
{
    return b->read_only ? 0 : b->drv->flush(b->opaque, err);
}

/* ---------------------------------------------------------------- internal snapshots */

int blk_snapshot_count(const BlockDev *b)
{
    return b->drv->snapshot_count ? b->drv->snapshot_count(b->opaque) : 0;
}

int blk_snapshot_info(const BlockDev *b, int index, BlkSnapInfo *out, Err *err)
{
    if (!b->drv->snapshot_info)
        return no_feature(b, "internal snapshots", err);
    int ret = b->drv->snapshot_info(b->opaque, index, out);
    return ret < 0 ? ERR(err, ret, "%s: no snapshot with index %d", b->path, index) : ret;
}

int blk_snapshot_find(const BlockDev *b, const char *name, Err *err)
{
    if (!b->drv->snapshot_find)
        return no_feature(b, "internal snapshots", err);
    return b->drv->snapshot_find(b->opaque, name, err);
}

int blk_snapshot_find_id_or_name(const BlockDev *b, const char *id_or_name, Err *err)
{
    if (!b->drv->snapshot_find_id_or_name)
        return no_feature(b, "internal snapshots", err);
    return b->drv->snapshot_find_id_or_name(b->opaque, id_or_name, err);
}

/* A VM-state writer of b's driver; the wrapper lets callers hold it without knowing the
 * driver. */
struct BlkVmWriter {
    const BlockDriver *drv;
    void *w;                  /* the driver's writer */
};

int blk_snapshot_create(BlockDev *b, const BlkSnapNew *sn, BlkVmWriter *w, Err *err)
{
    void *dw = w ? w->w : NULL;
    assert(!w || w->drv == b->drv);
    free(w);
    if (!b->drv->snapshot_create)
        return no_feature(b, "internal snapshots", err);     /* no writer without it */
    return b->drv->snapshot_create(b->opaque, sn, dw, err);
}

int blk_snapshot_delete(BlockDev *b, int index, Err *err)
{
    if (!b->drv->snapshot_delete)
        return no_feature(b, "internal snapshots", err);
    return b->drv->snapshot_delete(b->opaque, index, err);
}

int blk_snapshot_goto(BlockDev *b, int index, Err *err)
{
    if (!b->drv->snapshot_goto)
        return no_feature(b, "internal snapshots", err);
    return b->drv->snapshot_goto(b->opaque, index, err);
}

int blk_snapshot_pread(BlockDev *b, int index, uint64_t off, void *buf, size_t len, Err *err)
{
    if (!b->drv->snapshot_pread)
        return no_feature(b, "internal snapshots", err);
    return b->drv->snapshot_pread(b->opaque, index, off, buf, len, err);
}

/* ---------------------------------------------------------------- the VM-state area */

int blk_vmstate_begin(BlockDev *b, BlkVmWriter **out, Err *err)
{
    *out = NULL;
    const BlockDriver *d = b->drv;
    if (!(d->vmstate_begin && d->snapshot_create))
        return no_feature(b, "vmstate", err);
    void *w;
    int ret = d->vmstate_begin(b->opaque, &w, err);
    if (ret < 0)
        return ret;
    assert(d->vmstate_write && d->vmstate_abort);
    *out = xmalloc(sizeof **out);
    **out = (BlkVmWriter){ d, w };
    return 0;
}

int blk_vmstate_write(BlkVmWriter *w, uint64_t off, const void *buf, size_t len, Err *err)
{
    return w->drv->vmstate_write(w->w, off, buf, len, err);
}

int blk_vmstate_writev(BlkVmWriter *w, uint64_t off, const struct iovec *iov, int niov,
                       Err *err)
{
    if (w->drv->vmstate_writev)
        return w->drv->vmstate_writev(w->w, off, iov, niov, err);
    const struct iovec *v = iov;
    for (int i = 0; i < niov; off += v[i].iov_len, i++) {
        int ret = w->drv->vmstate_write(w->w, off, v[i].iov_base, v[i].iov_len, err);
        if (ret < 0)
            return ret;
    }
    return 0;
}

void blk_vmstate_abort(BlkVmWriter *w)
{
    if (!w)
        return;
    w->drv->vmstate_abort(w->w);
    free(w);
}

long blk_vmstate_read(BlockDev *b, int index, uint64_t off, void *buf, size_t len, Err *err)
{
    if (!b->drv->vmstate_read)
        return no_feature(b, "vmstate", err);
    return b->drv->vmstate_read(b->opaque, index, off, buf, len, err);
}

long blk_vmstate_readv(BlockDev *b, int index, uint64_t off, const struct iovec *iov, int niov,
                       Err *err)
{
    if (b->drv->vmstate_readv)
        return b->drv->vmstate_readv(b->opaque, index, off, iov, niov, err);
    return niov > 0 ? blk_vmstate_read(b, index, off, iov[0].iov_base, iov[0].iov_len, err) : 0;
}

int blk_vmstate_view(BlockDev *b, int index, uint64_t off, size_t len, const uint8_t **view,
                     size_t *got, Err *err)
{
    *view = NULL;
    *got = 0;
    return b->drv->vmstate_view ? b->drv->vmstate_view(b->opaque, index, off, len, view, got, err)
                                : 0;
}

/* ---------------------------------------------------------------- image tools */

int blk_info(BlockDev *b, BlkInfo *out, Err *err)
{
    memset(out, 0, sizeof *out);
    if (!b->drv->info)
        return no_feature(b, "format-specific information", err);
    b->drv->info(b->opaque, out);
    return 0;
}

int blk_check(BlockDev *b, int repair, BlkCheckResult *res, FILE *log, Err *err)
{
    memset(res, 0, sizeof *res);
    if (!b->drv->check)
        return ERR(err, -ENOTSUP, "This image format does not support checks");
    return b->drv->check(b->opaque, repair, res, log, err);
}

int blk_resize(BlockDev *b, uint64_t new_size, Err *err)
{
    if (!b->drv->resize)
        return no_feature(b, "resize", err);
    return b->drv->resize(b->opaque, new_size, err);
}

int blk_amend(BlockDev *b, const BlkCreateOpts *o, Err *err)
{
    if (!b->drv->amend)
        return ERR(err, -ENOTSUP, "Format driver '%s' does not support option amendment",
                   b->drv->format_name);
    return b->drv->amend(b->opaque, o, err);
}

int blk_block_status(BlockDev *b, uint64_t off, uint64_t len, unsigned *flags, uint64_t *pnum,
                     uint64_t *host, Err *err)
{
    if (!b->drv->block_status)
        return no_feature(b, "block status", err);
    return b->drv->block_status(b->opaque, off, len, flags, pnum, host, err);
}

int blk_count_used_clusters(BlockDev *b, uint64_t n, uint64_t stop, uint64_t *count, Err *err)
{
    if (!b->drv->count_used_clusters)
        return no_feature(b, "cluster refcounts", err);
    return b->drv->count_used_clusters(b->opaque, n, stop, count, err);
}

int blk_write_compressed(BlockDev *b, uint64_t guest_off, const void *buf, Err *err)
{
    if (!b->drv->write_compressed)
        return no_feature(b, "compressed writes", err);
    return b->drv->write_compressed(b->opaque, guest_off, buf, err);
}
