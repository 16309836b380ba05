/* block.h: the block layer's interface to the rest of pcemu: a disk image opened in one
 * of the formats below behind one interface. Guest data is addressed in bytes of the
 * virtual disk. Functions return 0 (or a count) or a negative errno with err filled.
 * Image bytes are hostile: every failure is an error, never a crash.
 *
 * Each format is a BlockDriver, a table of operations (QEMU's BlockDriver, TinyEMU's
 * BlockDevice): qcow2 (qcow2-driver.c) and raw (raw.c). Callers use the blk_* functions
 * only; they dispatch through the table, and an operation a format leaves NULL fails with
 * -ENOTSUP and QEMU's "does not support feature" wording. Callers that choose what to
 * offer ask blk_driver(b) whether an operation is there, as QEMU asks its drivers.
 *
 * ---- savevm: the exact call sequence (snapshot/vm/savevm.c) ----
 *   blk_flush(b)                         guest disk writes durable first
 *   blk_vmstate_begin(b, &w)             no image change visible yet
 *   blk_vmstate_write(w, off, buf, n)    repeatedly, off = bytes written so far (append only;
 *                                        a StreamOps.write callback can call it directly)
 *   on any failure: blk_vmstate_abort(w) the image is as before (at worst leaked clusters
 *                                        if the process dies in between)
 *   else: blk_snapshot_create(b, &sn, w) consumes w, also on error; commits the snapshot
 *                                        (and replaces a same-named one when sn.replace)
 *
 * ---- loadvm: the exact call sequence (snapshot/vm/loadvm.c) ----
 *   i = blk_snapshot_find(b, name, err)      by name (QEMU's loadvm rule)
 *   blk_snapshot_info(b, i, &info)           info.vm_state_size == 0: disk-only snapshot
 *   blk_vmstate_read(b, i, off, buf, n)      any offsets; returns bytes read, short at
 *                                            vm_state_size
 *   ... load into a fresh machine; only when that succeeded:
 *   blk_snapshot_goto(b, i, err)             reverts the disk (atomic commit)
 * Snapshot indices are valid until the next snapshot create/delete/goto. */
#ifndef PCEMU_BLOCK_BLOCK_H
#define PCEMU_BLOCK_BLOCK_H

#include <stdio.h>

#include "emu/base/base.h"

typedef struct BlockDev BlockDev;
typedef struct BlkVmWriter BlkVmWriter;
struct iovec;

/* ---- what the operations exchange ---- */
typedef struct BlkSnapInfo {
    char id[128];                 /* QEMU shows at most 127 bytes of ID */
    char name[256];               /* and 255 of name */
    uint32_t date_sec, date_nsec; /* UTC seconds since the epoch, nanoseconds */
    uint64_t vm_clock_nsec;       /* guest virtual clock */
    uint64_t vm_state_size;       /* bytes of VM state; 0 = disk-only snapshot */
    uint64_t disk_size;           /* virtual disk size when taken */
    uint64_t icount;              /* UINT64_MAX = none (-1) */
    uint64_t l1_table_offset;     /* qcow2: the snapshot's L1 table */
    uint32_t l1_size;
} BlkSnapInfo;

typedef struct BlkSnapNew {
    const char *name;             /* 1..255 bytes, no NUL; validated */
    uint32_t date_sec, date_nsec;
    uint64_t vm_clock_nsec;
    uint64_t icount;              /* UINT64_MAX = none, as QEMU savevm writes */
    bool replace;                 /* delete a same-named snapshot in the same commit
                                     (savevm); false: a duplicate name is an error unless
                                     allow_duplicate (qemu-img snapshot -c allows them) */
    bool allow_duplicate;
} BlkSnapNew;

/* Creation and amend options (qemu-img create/amend -o); the fields are qcow2's, the only
 * format with options. */
typedef struct BlkCreateOpts {
    uint64_t size;            /* virtual disk size, bytes (multiple of 512 is not required) */
    int version;              /* 2 (compat 0.10) or 3 (compat 1.1); 0 = 3 */
    uint32_t cluster_size;    /* 512 .. 2 MiB, power of two; 0 = 65536 */
    int compression_type;     /* 0 zlib, 1 zstd (v3 only) */
    int refcount_order;       /* 0..6; v2 requires 4; -1 = 4 */
} BlkCreateOpts;

/* qemu-img info's format-specific part (qcow2's fields). */
typedef struct BlkInfo {
    int version;
    uint32_t cluster_size;
    uint64_t size;                /* virtual size */
    int refcount_bits;
    int compression_type;         /* 0 zlib, 1 zstd */
    bool extended_l2, lazy_refcounts, dirty, corrupt;
    uint64_t incompatible, compatible, autoclear;
    uint64_t file_size;           /* bytes of the image file */
    int nb_snapshots;
} BlkInfo;

/* Consistency check (qemu-img check rules, qcow2-snapshots.md section 14). */
enum { BLK_REPAIR_NONE = 0, BLK_REPAIR_LEAKS = 1, BLK_REPAIR_ALL = 3 };
typedef struct BlkCheckResult {
    uint64_t corruptions, leaks, check_errors;
    uint64_t corruptions_fixed, leaks_fixed;
    uint64_t allocated_clusters, total_clusters, fragmented_clusters, compressed_clusters;
    uint64_t image_end_offset;
} BlkCheckResult;

/* Allocation status bits (qemu-img map, compare, measure), QEMU's BDRV_BLOCK_* values. */
enum { BLK_ST_DATA = 1, BLK_ST_ZERO = 2, BLK_ST_OFFSET = 4 };

/* ---- the driver table ----
 * s is the driver's state from open; w a VM-state writer from vmstate_begin. A NULL
 * operation means "not supported"; create, open, close, size, pread, pwrite and
 * flush are required. pread and pwrite get ranges inside the disk, pwrite and flush only on a
 * writable image; every other operation checks its own arguments. */
typedef struct BlockDriver {
    const char *format_name;                            /* "qcow2", "raw": -f's value */
    /* Is this the format of an image starting with head[0..len)? NULL: never probed
     * (raw is what probing falls back to). */
    bool (*probe)(const uint8_t *head, size_t len);
    /* Creates (truncates) path as an empty image of o->size bytes with o's options. */
    int (*create)(const char *path, const BlkCreateOpts *o, Err *err);
    /* Takes ownership of fd (already locked), also on failure. */
    int (*open)(int fd, const char *path, bool read_only, void **s, Err *err);
    int (*close)(void *s, Err *err);                    /* flushes; frees s even on error */
    uint64_t (*size)(const void *s);
    int (*pread)(void *s, uint64_t off, void *buf, size_t len, Err *err);
    int (*pwrite)(void *s, uint64_t off, const void *buf, size_t len, Err *err);
    int (*flush)(void *s, Err *err);

    /* internal snapshots */
    int (*snapshot_count)(const void *s);
    int (*snapshot_info)(const void *s, int index, BlkSnapInfo *out);
    int (*snapshot_find)(const void *s, const char *name, Err *err);  /* -ENOENT: none */
    int (*snapshot_find_id_or_name)(const void *s, const char *id_or_name, Err *err);
    int (*snapshot_create)(void *s, const BlkSnapNew *sn, void *w, Err *err); /* consumes w */
    int (*snapshot_delete)(void *s, int index, Err *err);
    int (*snapshot_goto)(void *s, int index, Err *err);
    /* Guest bytes of the disk as snapshot index holds it, the image unchanged (the
     * -snapshot overlay's view after a loadvm); the range lies inside its disk_size. */
    int (*snapshot_pread)(void *s, int index, uint64_t off, void *buf, size_t len, Err *err);

    /* the VM-state area of a snapshot; a driver may have vmstate_begin only to refuse
     * (the -snapshot overlay): one whose vmstate_begin succeeds has vmstate_write and
     * vmstate_abort too */
    int (*vmstate_begin)(void *s, void **w, Err *err);
    int (*vmstate_write)(void *w, uint64_t off, const void *buf, size_t len, Err *err);
    int (*vmstate_writev)(void *w, uint64_t off, const struct iovec *iov, int niov, Err *err);
    void (*vmstate_abort)(void *w);
    long (*vmstate_read)(void *s, int index, uint64_t off, void *buf, size_t len, Err *err);
    long (*vmstate_readv)(void *s, int index, uint64_t off, const struct iovec *iov, int niov,
                          Err *err);
    int (*vmstate_view)(void *s, int index, uint64_t off, size_t len, const uint8_t **view,
                        size_t *got, Err *err);   /* optional */

    /* image tools (pcemu-img) */
    void (*info)(void *s, BlkInfo *out);
    int (*check)(void *s, int repair, BlkCheckResult *res, FILE *log, Err *err);
    int (*resize)(void *s, uint64_t new_size, Err *err);
    int (*amend)(void *s, const BlkCreateOpts *o, Err *err);
    int (*block_status)(void *s, uint64_t off, uint64_t len, unsigned *flags, uint64_t *pnum,
                        uint64_t *host, Err *err);
    int (*count_used_clusters)(void *s, uint64_t n, uint64_t stop, uint64_t *count, Err *err);
    int (*write_compressed)(void *s, uint64_t guest_off, const void *buf, Err *err);
    /* The end of the highest write to the image file since open, in bytes (metadata and
     * VM state included): QEMU's wr_highest_offset of the protocol node. NULL: 0. */
    uint64_t (*file_wr_highest)(const void *s);
} BlockDriver;

extern const BlockDriver blk_qcow2_driver;      /* qcow2-driver.c */
extern const BlockDriver blk_raw_driver;        /* raw.c */
extern const BlockDriver blk_overlay_driver;    /* overlay.c: -snapshot's temporary writes */

/* ---- creating and opening ---- */
/* fmt: a driver's format_name; -ENOTSUP for others. */
int blk_create(const char *path, const char *fmt, const BlkCreateOpts *o, Err *err);
/* fmt: a driver's format_name, or NULL to probe (qcow2 magic, else raw). Takes
 * QEMU-compatible image locks (shared for read-only, exclusive for writing). */
int blk_open(const char *path, const char *fmt, bool read_only, BlockDev **out, Err *err);
/* The same; force_share (read-only only, qemu-img -U) takes the read lock alone and so
 * opens an image another process is writing. */
int blk_open_share(const char *path, const char *fmt, bool read_only, bool force_share,
                   BlockDev **out, Err *err);
/* The same with a driver table instead of a format name (NULL: probe); a table without
 * a format name or a required operation is refused with -EINVAL (tests of the dispatch). */
int blk_open_driver(const char *path, const BlockDriver *drv, bool read_only, bool force_share,
                    BlockDev **out, Err *err);
int blk_close(BlockDev *b, Err *err);            /* flushes; frees b even on error */
/* QEMU's -snapshot (overlay.c): opens the image read-only with a reader's locks (as
 * blk_open) and puts a temporary overlay in an unlinked file over it: the BlockDev is
 * writable, guest writes land in the overlay and are lost at close, reads come from the
 * overlay where written, else from the image. The image's snapshots can be listed, their
 * VM state read and loadvm'd (blk_snapshot_goto makes the snapshot's disk the view, read
 * only); creating or deleting one is refused. The overlay file goes in $TMPDIR, else
 * /var/tmp, as QEMU's. */
int blk_open_snapshot(const char *path, const char *fmt, BlockDev **out, Err *err);
/* For a BlockDev from blk_open_snapshot: the image beneath the overlay, and the name the
 * overlay's temporary file had (it is unlinked at once); NULL for any other BlockDev. So
 * query-block can describe the drive as QEMU's -snapshot does (a temporary qcow2 whose
 * backing file is the image). */
BlockDev *blk_snapshot_base(const BlockDev *b);
const char *blk_snapshot_temp(const BlockDev *b);
/* Takes QEMU-compatible image locks on an open file (what blk_open does); for code that
 * creates or truncates images itself. -EAGAIN when another process holds conflicting locks. */
int blk_lock_fd(int fd, const char *path, bool read_only, Err *err);

/* ---- guest data ---- */
const BlockDriver *blk_driver(const BlockDev *b);
const char *blk_format(const BlockDev *b);       /* the driver's format_name */
uint64_t blk_file_wr_highest(const BlockDev *b); /* the driver's file_wr_highest, or 0 */
uint64_t blk_size(const BlockDev *b);            /* virtual disk size in bytes */
bool blk_read_only(const BlockDev *b);
int blk_pread(BlockDev *b, uint64_t off, void *buf, size_t len, Err *err);
int blk_pwrite(BlockDev *b, uint64_t off, const void *buf, size_t len, Err *err);
int blk_flush(BlockDev *b, Err *err);

/* ---- internal snapshots (see the call sequences above) ---- */
/* 0 for a format without snapshots, as qemu-img snapshot -l lists none. */
int blk_snapshot_count(const BlockDev *b);
int blk_snapshot_info(const BlockDev *b, int index, BlkSnapInfo *out, Err *err);
/* Index of the snapshot with this name (the first one); -ENOENT when none. */
int blk_snapshot_find(const BlockDev *b, const char *name, Err *err);
/* Index by ID first, then by name (qemu-img snapshot -a's rule); -ENOENT when none. */
int blk_snapshot_find_id_or_name(const BlockDev *b, const char *id_or_name, Err *err);
/* w may be NULL for a disk-only snapshot (vm_state_size 0). Consumes w. */
int blk_snapshot_create(BlockDev *b, const BlkSnapNew *sn, BlkVmWriter *w, Err *err);
int blk_snapshot_delete(BlockDev *b, int index, Err *err);
int blk_snapshot_goto(BlockDev *b, int index, Err *err);
/* Guest bytes [off, off+len) of the disk as snapshot index holds it, without changing the
 * image; the range must lie inside the snapshot's disk_size. */
int blk_snapshot_pread(BlockDev *b, int index, uint64_t off, void *buf, size_t len, Err *err);

/* ---- the VM-state area ---- */
int blk_vmstate_begin(BlockDev *b, BlkVmWriter **out, Err *err);
int blk_vmstate_write(BlkVmWriter *w, uint64_t off, const void *buf, size_t len, Err *err);
/* The same for the bytes of iov[0..niov) in order (qcow2 writes whole clusters straight
 * from the caller's memory). */
int blk_vmstate_writev(BlkVmWriter *w, uint64_t off, const struct iovec *iov, int niov,
                       Err *err);
void blk_vmstate_abort(BlkVmWriter *w);
/* Reads VM-state bytes [off, off+len) of snapshot index, clipped at its vm_state_size.
 * Returns the number of bytes read (0 at or past the end). */
long blk_vmstate_read(BlockDev *b, int index, uint64_t off, void *buf, size_t len, Err *err);
/* The same into iov[0..niov); may return fewer bytes than asked before the end (qcow2: at
 * the first cluster that is not plain data), which blk_vmstate_read then reads. */
long blk_vmstate_readv(BlockDev *b, int index, uint64_t off, const struct iovec *iov, int niov,
                       Err *err);
/* The bytes [off, off+len) in place, without a copy, as far as the driver can show them
 * (qcow2_vmstate_view): a read-only view in *view, *got bytes long, valid until the next
 * call on b, a write to b or its close; *got 0 (and 0 returned) where it cannot: read them
 * instead. Negative on an error that a read would report too. len 0 only releases the
 * last view (its pages count in the process's RSS while it is mapped). */
int blk_vmstate_view(BlockDev *b, int index, uint64_t off, size_t len, const uint8_t **view,
                     size_t *got, Err *err);

/* ---- image tools ---- */
int blk_info(BlockDev *b, BlkInfo *out, Err *err);
/* Findings are printed to log (qemu-img's wording; may be NULL). repair needs a writable
 * image. Returns 0 when the check ran (findings are in res), negative on I/O failure. */
int blk_check(BlockDev *b, int repair, BlkCheckResult *res, FILE *log, Err *err);
int blk_resize(BlockDev *b, uint64_t new_size, Err *err);
/* qemu-img amend: changes what differs between o and the image, in QEMU's order. */
int blk_amend(BlockDev *b, const BlkCreateOpts *o, Err *err);
/* The status of guest bytes from off: *pnum bytes (1..len; 0 at or past the disk end)
 * share *flags (BLK_ST_*), stored from host offset *host on when BLK_ST_OFFSET. */
int blk_block_status(BlockDev *b, uint64_t off, uint64_t len, unsigned *flags, uint64_t *pnum,
                     uint64_t *host, Err *err);
/* How many of host clusters 0..n-1 are in use; counting stops at stop. */
int blk_count_used_clusters(BlockDev *b, uint64_t n, uint64_t stop, uint64_t *count, Err *err);
/* One whole cluster at a cluster-aligned guest offset, compressed (pcemu-img convert -c). */
int blk_write_compressed(BlockDev *b, uint64_t guest_off, const void *buf, Err *err);

#endif
