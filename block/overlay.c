/* overlay.c: QEMU's -snapshot: temporary guest writes over an image that stays unchanged
 * (block.h, blk_open_snapshot). QEMU 7.2 puts a temporary qcow2 with the image as its
 * backing file on top; pcemu keeps a map from disk granules to slots of an unlinked
 * temporary file, which is all that needs: the overlay lives as long as the process, and
 * no other program reads it.
 *
 * Design:
 *   1. The image (base) is opened read-only with a reader's locks (block.c): QEMU's
 *      backing-file permissions, consistent read, sharing only read and "write unchanged".
 *      So qemu-img info and other readers open it meanwhile, and a writer (qemu-img
 *      snapshot -c, a QEMU without -snapshot) is refused, as with QEMU's own -snapshot.
 *   2. The disk is cut into OVL_GRANULE-byte granules. A granule the guest wrote lives
 *      in one slot of the temporary file (slot k at byte k * OVL_GRANULE), found through
 *      an open-addressing hash map; every other granule reads from the view.
 *   3. The view is the image's active disk, or after blk_snapshot_goto the disk of that
 *      snapshot, read through the snapshot's own L1 table (snapshot_pread): loadvm under
 *      -snapshot reverts the guest's disk without writing the image. A goto drops every
 *      slot, as a revert drops the writes made since.
 *   4. A slot always holds a whole granule: the first write to a granule copies the
 *      view's bytes around the written ones (copy on write); later writes go in place.
 *      The map changes only after the slot's write succeeded, so a failed write leaves
 *      the disk as before.
 *   5. Snapshots are the image's: listed and loaded, never created or deleted (that
 *      would change the image). QEMU 7.2 would create them in its temporary qcow2 and
 *      lose them at exit; pcemu refuses with one line instead. */
#include "block/block-int.h"

#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum { OVL_GRANULE = 4096 };   /* the guest's page and the host's: IDE writes whole sectors */

typedef struct Overlay {
    BlockDev *base;       /* the image, read-only (invariant 1); owned */
    int view;             /* -1: the image's active disk; else the snapshot index (3) */
    uint64_t size;        /* bytes of the disk the guest sees: the view's */
    int fd;               /* the unlinked temporary file */
    uint64_t *keys;       /* granule + 1 per map cell; 0 = empty (2) */
    uint64_t *slots;      /* the slot of the granule in the same cell */
    uint64_t cap;         /* map cells: 0 or a power of two, at most half used */
    uint64_t used;        /* granules in the overlay = slots in the file */
    uint8_t *cow;         /* one granule, for the copy on write (4) */
    char *temp;           /* the temporary file's name, for query-block (it is unlinked) */
} Overlay;

static uint64_t cell_of(const Overlay *o, uint64_t g)
{
    return (g * 0x9e3779b97f4a7c15ull) >> 17 & (o->cap - 1);
}

/* The slot of granule g; false when the granule is not in the overlay. */
static bool map_find(const Overlay *o, uint64_t g, uint64_t *slot)
{
    if (!o->cap)
        return false;
    for (uint64_t c = cell_of(o, g);; c = (c + 1) & (o->cap - 1)) {
        if (!o->keys[c])
            return false;
        if (o->keys[c] == g + 1) {
            *slot = o->slots[c];
            return true;
        }
    }
}

static void map_put(Overlay *o, uint64_t g, uint64_t slot)
{
    if ((o->used + 1) * 2 > o->cap) {
        uint64_t *keys = o->keys, *slots = o->slots, cap = o->cap;
        o->cap = cap ? cap * 2 : 1024;
        o->keys = xzalloc(o->cap * sizeof *o->keys);
        o->slots = xmalloc(o->cap * sizeof *o->slots);
        o->used = 0;
        for (uint64_t i = 0; i < cap; i++)
            if (keys[i])
                map_put(o, keys[i] - 1, slots[i]);
        free(keys);
        free(slots);
    }
    uint64_t c = cell_of(o, g);
    while (o->keys[c])
        c = (c + 1) & (o->cap - 1);
    o->keys[c] = g + 1;
    o->slots[c] = slot;
    o->used++;
}

/* Bytes [off, off+len) of the view (invariant 3). */
static int view_read(Overlay *o, uint64_t off, void *buf, size_t len, Err *err)
{
    if (o->view < 0)
        return blk_pread(o->base, off, buf, len, err);
    return blk_snapshot_pread(o->base, o->view, off, buf, len, err);
}

static int file_io(Overlay *o, bool write, uint64_t at, void *buf, size_t len, Err *err)
{
    ssize_t n = write ? pwrite(o->fd, buf, len, (off_t)at) : pread(o->fd, buf, len, (off_t)at);
    if (n == (ssize_t)len)
        return 0;
    return ERR(err, n < 0 ? -errno : -EIO, "-snapshot: %s the temporary overlay of '%s' "
               "failed: %s", write ? "writing" : "reading", o->base->path,
               n < 0 ? strerror(errno) : "short transfer");
}

static int ovl_pread(void *s, uint64_t off, void *buf, size_t len, Err *err)
{
    Overlay *o = s;
    uint8_t *p = buf;
    uint64_t run_off = off;     /* a run of granules not in the overlay, read in one go */
    size_t run_len = 0;
    while (len) {
        uint64_t g = off / OVL_GRANULE, in = off % OVL_GRANULE, slot;
        size_t n = (size_t)MIN((uint64_t)len, OVL_GRANULE - in);
        if (map_find(o, g, &slot)) {
            int r = run_len ? view_read(o, run_off, p - run_len, run_len, err) : 0;
            if (r < 0 || (r = file_io(o, false, slot * OVL_GRANULE + in, p, n, err)) < 0)
                return r;
            run_len = 0;
        } else {
            if (!run_len)
                run_off = off;
            run_len += n;
        }
        p += n; off += n; len -= n;
    }
    return run_len ? view_read(o, run_off, p - run_len, run_len, err) : 0;
}

static int ovl_pwrite(void *s, uint64_t off, const void *buf, size_t len, Err *err)
{
    Overlay *o = s;
    const uint8_t *p = buf;
    while (len) {
        uint64_t g = off / OVL_GRANULE, in = off % OVL_GRANULE, slot;
        size_t n = (size_t)MIN((uint64_t)len, OVL_GRANULE - in);
        int r;
        if (map_find(o, g, &slot)) {
            r = file_io(o, true, slot * OVL_GRANULE + in, (void *)p, n, err);
        } else {
            /* invariant 4: the whole granule, the view's bytes around the new ones (the
               last granule of a disk whose size is not a multiple reads zeros past it) */
            uint64_t start = g * OVL_GRANULE;
            size_t have = (size_t)MIN((uint64_t)OVL_GRANULE, o->size - start);
            memset(o->cow + have, 0, OVL_GRANULE - have);
            r = n == OVL_GRANULE ? 0 : view_read(o, start, o->cow, have, err);
            memcpy(o->cow + in, p, n);
            if (r == 0 && (r = file_io(o, true, o->used * OVL_GRANULE, o->cow, OVL_GRANULE,
                                       err)) == 0)
                map_put(o, g, o->used);
        }
        if (r < 0)
            return r;
        p += n; off += n; len -= n;
    }
    return 0;
}

/* The overlay's bytes are lost at exit whatever happens, so making them durable would
 * only cost time. */
static int ovl_flush(void *s, Err *err) { return 0; }
static uint64_t ovl_size(const void *s) { return ((const Overlay *)s)->size; }

static void map_clear(Overlay *o)
{
    free(o->keys);
    free(o->slots);
    o->keys = o->slots = NULL;
    o->cap = o->used = 0;
}

static int ovl_close(void *s, Err *err)
{
    Overlay *o = s;
    close(o->fd);
    map_clear(o);
    free(o->cow);
    int r = blk_close(o->base, err);
    free(o->temp);
    free(o);
    return r;
}

static int ovl_snapshot_count(const void *s) { return blk_snapshot_count(((const Overlay *)s)->base); }

static int ovl_snapshot_info(const void *s, int index, BlkSnapInfo *out)
{
    return blk_snapshot_info(((const Overlay *)s)->base, index, out, NULL);
}

static int ovl_snapshot_find(const void *s, const char *name, Err *err)
{
    return blk_snapshot_find(((const Overlay *)s)->base, name, err);
}

static int ovl_snapshot_find_id_or_name(const void *s, const char *id_or_name, Err *err)
{
    return blk_snapshot_find_id_or_name(((const Overlay *)s)->base, id_or_name, err);
}

/* Invariant 3: the snapshot's disk becomes the view; the guest's writes are dropped. */
static int ovl_snapshot_goto(void *s, int index, Err *err)
{
    Overlay *o = s;
    BlkSnapInfo info;
    int r = blk_snapshot_info(o->base, index, &info, err);
    if (r < 0)
        return r;
    if (!o->base->drv->snapshot_pread)
        return ERR(err, -ENOTSUP, "-snapshot: '%s' cannot read a snapshot's disk",
                   o->base->path);
    if (ftruncate(o->fd, 0) < 0)
        return ERR(err, -errno, "-snapshot: emptying the temporary overlay of '%s' failed: "
                   "%s", o->base->path, strerror(errno));
    map_clear(o);
    o->view = index;
    o->size = info.disk_size;
    return 0;
}

static int ovl_snapshot_pread(void *s, int index, uint64_t off, void *buf, size_t len, Err *err)
{
    return blk_snapshot_pread(((Overlay *)s)->base, index, off, buf, len, err);
}

/* Invariant 5: one line for savevm and delvm. */
static int refuse_change(const Overlay *o, Err *err)
{
    return ERR(err, -EROFS, "'%s' is opened with -snapshot: its snapshots can be loaded but "
               "not created or deleted, as that would change the image (QEMU would keep a new "
               "one in its temporary overlay and lose it at exit)", o->base->path);
}

static int ovl_snapshot_create(void *s, const BlkSnapNew *sn, void *w, Err *err)
{
    return refuse_change(s, err);
}

static int ovl_snapshot_delete(void *s, int index, Err *err) { return refuse_change(s, err); }
static int ovl_vmstate_begin(void *s, void **w, Err *err) { return refuse_change(s, err); }

static long ovl_vmstate_read(void *s, int index, uint64_t off, void *buf, size_t len, Err *err)
{
    return blk_vmstate_read(((Overlay *)s)->base, index, off, buf, len, err);
}

static long ovl_vmstate_readv(void *s, int index, uint64_t off, const struct iovec *iov,
                              int niov, Err *err)
{
    return blk_vmstate_readv(((Overlay *)s)->base, index, off, iov, niov, err);
}

static int ovl_vmstate_view(void *s, int index, uint64_t off, size_t len, const uint8_t **view,
                            size_t *got, Err *err)
{
    return blk_vmstate_view(((Overlay *)s)->base, index, off, len, view, got, err);
}

/* Not opened by a format name (create and open are NULL): blk_open_snapshot puts it over
 * an image it opened. */
const BlockDriver blk_overlay_driver = {
    .format_name = "overlay",
    .close = ovl_close, .size = ovl_size, .pread = ovl_pread, .pwrite = ovl_pwrite,
    .flush = ovl_flush,
    .snapshot_count = ovl_snapshot_count, .snapshot_info = ovl_snapshot_info,
    .snapshot_find = ovl_snapshot_find, .snapshot_find_id_or_name = ovl_snapshot_find_id_or_name,
    .snapshot_create = ovl_snapshot_create, .snapshot_delete = ovl_snapshot_delete,
    .snapshot_goto = ovl_snapshot_goto, .snapshot_pread = ovl_snapshot_pread,
    .vmstate_begin = ovl_vmstate_begin,
    .vmstate_read = ovl_vmstate_read, .vmstate_readv = ovl_vmstate_readv,
    .vmstate_view = ovl_vmstate_view,
};

/* An unlinked file in QEMU's place for temporary images; path gets its name. */
static int temp_file(const char *image, char path[4096], Err *err)
{
    const char *dir = getenv("TMPDIR");
    snprintf(path, 4096, "%s/pcemu-snapshot.XXXXXX", dir && *dir ? dir : "/var/tmp");
    int fd = mkostemp(path, O_CLOEXEC);
    if (fd < 0)
        return ERR(err, -errno, "-snapshot: cannot create the temporary overlay for '%s' "
                   "(%s): %s", image, path, strerror(errno));
    unlink(path);
    return fd;
}

int blk_open_snapshot(const char *path, const char *fmt, BlockDev **out, Err *err)
{
    *out = NULL;
    BlockDev *base;
    int r = blk_open(path, fmt, true, &base, err);
    if (r < 0)
        return r;
    char temp[4096];
    int fd = temp_file(path, temp, err);
    if (fd < 0) {
        blk_close(base, NULL);
        return fd;
    }
    Overlay *o = xzalloc(sizeof *o);
    *o = (Overlay){ .base = base, .view = -1, .size = blk_size(base), .fd = fd,
                    .cow = xmalloc(OVL_GRANULE), .temp = xstrdup(temp) };
    BlockDev *b = xzalloc(sizeof *b);
    *b = (BlockDev){ .drv = &blk_overlay_driver, .opaque = o, .read_only = false,
                     .path = xstrdup(path) };
    *out = b;
    return 0;
}

BlockDev *blk_snapshot_base(const BlockDev *b)
{
    return b->drv == &blk_overlay_driver ? ((const Overlay *)b->opaque)->base : NULL;
}

const char *blk_snapshot_temp(const BlockDev *b)
{
    return b->drv == &blk_overlay_driver ? ((const Overlay *)b->opaque)->temp : NULL;
}
