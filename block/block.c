/* block.c: the BlockDev front end (block.h): opening with QEMU-compatible image locks,
 * format probing, and the raw driver. The qcow2 driver is qcow2.c.
 *
 * Locking follows QEMU 7.2's file-posix driver (observed with qemu-io and /proc/locks):
 * open-file-description (OFD) byte-range locks on the image file, one byte per
 * permission. Byte 100+i held (shared) = "I use permission i"; byte 200+i held (shared) =
 * "I do not let others have permission i". Permissions: 0 consistent read, 1 write,
 * 2 write unchanged, 3 resize. A writer holds 100,101,103 and 200+{1,3}; a reader holds
 * 100 and 200+{1,3} (QEMU's readers also refuse to share write); a reader with
 * force-share (qemu-img -U) holds only 100. A conflict is another
 * description holding 200+i for a permission we take, or 100+i for one we refuse. */
#include "block/block.h"

#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "block/qcow2.h"

enum { LOCK_PERM_BASE = 100, LOCK_SHARED_BASE = 200 };
enum { PERM_READ = 1, PERM_WRITE = 2, PERM_WRITE_UNCHANGED = 4, PERM_RESIZE = 8 };
static const char *const perm_names[4] = { "consistent read", "write", "write unchanged", "resize" };

struct BlockDev {
    int fd;               /* raw: the file; qcow2: owned by q */
    bool read_only;
    uint64_t size;        /* raw: file size at open */
    Qcow2 *q;             /* NULL for raw */
};

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

int blk_open(const char *path, const char *fmt, bool read_only, BlockDev **out, Err *err)
{
    return blk_open_share(path, fmt, read_only, false, out, err);
}

int blk_open_share(const char *path, const char *fmt, bool read_only, bool force_share,
                   BlockDev **out, Err *err)
{
    *out = NULL;
    if (force_share && !read_only)
        return ERR(err, -EINVAL, "force-share=on can only be used with read-only images");
    if (fmt && strcmp(fmt, "qcow2") != 0 && strcmp(fmt, "raw") != 0)
        return ERR(err, -ENOTSUP, "unknown image format '%s'", fmt);
    int fd = open(path, (read_only ? O_RDONLY : O_RDWR) | O_CLOEXEC);
    if (fd < 0)
        return ERR(err, -errno, "Could not open '%s': %s", path, strerror(errno));
    int ret = force_share ? lock_perms(fd, path, PERM_READ, 0, err)
                          : blk_lock_fd(fd, path, read_only, err);
    if (ret < 0) {
        close(fd);
        return ret;
    }
    bool is_qcow2;
    if (fmt) {
        is_qcow2 = strcmp(fmt, "qcow2") == 0;
    } else {
        uint8_t magic[4];
        is_qcow2 = pread(fd, magic, 4, 0) == 4 && be32(magic) == 0x514649fb;
    }
    BlockDev *b = xzalloc(sizeof *b);
    b->read_only = read_only;
    b->fd = fd;
    if (is_qcow2) {
        ret = qcow2_open_fd(fd, path, read_only, &b->q, err);
        if (ret < 0) {
            free(b);
            return ret;   /* qcow2_open_fd closed fd */
        }
        b->size = qcow2_size(b->q);
    } else {
        struct stat st;
        if (fstat(fd, &st) < 0) {
            ret = ERR(err, -errno, "%s: stat: %s", path, strerror(errno));
            close(fd);
            free(b);
            return ret;
        }
        b->size = (uint64_t)st.st_size;
    }
    *out = b;
    return 0;
}

int blk_close(BlockDev *b, Err *err)
{
    if (!b)
        return 0;
    int ret;
    if (b->q) {
        ret = qcow2_close(b->q, err);
    } else {
        ret = b->read_only ? 0 : blk_flush(b, err);
        close(b->fd);
    }
    free(b);
    return ret;
}

uint64_t blk_size(const BlockDev *b) { return b->q ? qcow2_size(b->q) : b->size; }
bool blk_read_only(const BlockDev *b) { return b->read_only; }
const char *blk_format(const BlockDev *b) { return b->q ? "qcow2" : "raw"; }
Qcow2 *blk_qcow2(BlockDev *b) { return b->q; }

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
    if (ret < 0)
        return ret;
    if (b->q)
        return qcow2_pread(b->q, off, buf, len, err);
    uint8_t *p = buf;
    while (len) {
        ssize_t n = pread(b->fd, p, len, (off_t)off);
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

int blk_pwrite(BlockDev *b, uint64_t off, const void *buf, size_t len, Err *err)
{
    if (b->read_only)
        return ERR(err, -EPERM, "image opened read-only");
    int ret = check_range(b, off, len, err);
    if (ret < 0)
        return ret;
    if (b->q)
        return qcow2_pwrite(b->q, off, buf, len, err);
    const uint8_t *p = buf;
    while (len) {
        ssize_t n = pwrite(b->fd, p, len, (off_t)off);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return ERR(err, n < 0 ? -errno : -EIO, "raw write at %#" PRIx64 ": %s", off,
                       n < 0 ? strerror(errno) : "no progress");
        p += n; off += (uint64_t)n; len -= (size_t)n;
    }
    return 0;
}

int blk_flush(BlockDev *b, Err *err)
{
    if (b->read_only)
        return 0;
    if (b->q)
        return qcow2_flush(b->q, err);
    if (fdatasync(b->fd) < 0)
        return ERR(err, -errno, "flush: %s", strerror(errno));
    return 0;
}
