/* raw.c: the raw format driver: the image file is the disk, byte for byte. It has no
 * snapshots, no VM-state area and no image-tool operations; those stay NULL in its table,
 * which block.c turns into QEMU's "not supported" errors. */
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "block/block.h"

typedef struct Raw {
    int fd;               /* owned */
    bool read_only;
    uint64_t size;        /* file size at open rounded up to 512 bytes, as QEMU's block
                             layer counts a disk in sectors (the tail reads as zeros) */
    uint64_t wr_highest;  /* end of the highest write since open, bytes */
} Raw;

static int raw_create(const char *path, const BlkCreateOpts *o, Err *err)
{
    int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0)
        return ERR(err, -errno, "Could not create '%s': %s", path, strerror(errno));
    if (blk_lock_fd(fd, path, false, err) < 0) {
        close(fd);
        return -EAGAIN;
    }
    int r = ftruncate(fd, 0) < 0 ? -1 : ftruncate(fd, (off_t)o->size);
    int e = errno;
    close(fd);
    if (r < 0)
        return ERR(err, -e, "Could not resize '%s': %s", path, strerror(e));
    return 0;
}

static int raw_open(int fd, const char *path, bool read_only, void **out, Err *err)
{
    struct stat st;
    if (fstat(fd, &st) < 0) {
        int ret = ERR(err, -errno, "%s: stat: %s", path, strerror(errno));
        close(fd);
        return ret;
    }
    Raw *r = xzalloc(sizeof *r);
    *r = (Raw){ .fd = fd, .read_only = read_only, .size = ((uint64_t)st.st_size + 511) & ~(uint64_t)511 };
    *out = r;
    return 0;
}

static int raw_flush(void *s, Err *err)
{
    Raw *r = s;
    if (fdatasync(r->fd) < 0)
        return ERR(err, -errno, "flush: %s", strerror(errno));
    return 0;
}

static int raw_close(void *s, Err *err)
{
    Raw *r = s;
    int ret = r->read_only ? 0 : raw_flush(r, err);
    close(r->fd);
    free(r);
    return ret;
}

static uint64_t raw_size(const void *s)
{
    return ((const Raw *)s)->size;
}

static int raw_pread(void *s, uint64_t off, void *buf, size_t len, Err *err)
{
    Raw *r = s;
    uint8_t *p = buf;
    while (len) {
        ssize_t n = pread(r->fd, p, len, (off_t)off);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return ERR(err, -errno, "raw read at %#" PRIx64 ": %s", off, strerror(errno));
        if (n == 0) {          /* the file shrank under us: reads as zeros */
            memset(p, 0, len);
            break;
        }
        p += n; off += (uint64_t)n; len -= (size_t)n;
    }
    return 0;
}

static int raw_pwrite(void *s, uint64_t off, const void *buf, size_t len, Err *err)
{
    Raw *r = s;
    const uint8_t *p = buf;
    while (len) {
        ssize_t n = pwrite(r->fd, p, len, (off_t)off);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return ERR(err, n < 0 ? -errno : -EIO, "raw write at %#" PRIx64 ": %s", off,
                       n < 0 ? strerror(errno) : "no progress");
        p += n; off += (uint64_t)n; len -= (size_t)n;
    }
    r->wr_highest = MAX(r->wr_highest, off);
    return 0;
}

static uint64_t raw_file_wr_highest(const void *s) { return ((const Raw *)s)->wr_highest; }

const BlockDriver blk_raw_driver = {
    .format_name = "raw",
    .create = raw_create, .open = raw_open, .close = raw_close, .size = raw_size,
    .pread = raw_pread, .pwrite = raw_pwrite, .flush = raw_flush,
    .file_wr_highest = raw_file_wr_highest,
};
