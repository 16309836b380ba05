/* qcow2.h: the qcow2 driver's own API: image creation, and the functions behind its
 * BlockDriver table (qcow2-driver.c), which the rest of pcemu reaches through block.h only
 * (qcow2-snapshots.md; QEMU 7.2 is the reference where they disagree). The savevm and
 * loadvm call sequences are block.h's; here they run on a Qcow2. The VM state lands at
 * QEMU's VM-state offset (qcow2_vmstate_offset) in the new snapshot's L1 table only,
 * exactly where QEMU 7.2 loadvm looks for it.
 * Also here: knobs for the driver's own tests and tools (crash points, injected read
 * errors, cluster status), which reach a Qcow2 with qcow2_of().
 * Every function returns 0 (or a count) or a negative errno with err filled. */
#ifndef PCEMU_BLOCK_QCOW2_H
#define PCEMU_BLOCK_QCOW2_H

#include <stdio.h>

#include "block/block.h"

typedef struct Qcow2 Qcow2;

/* ---- creation ---- */
typedef BlkCreateOpts Qcow2CreateOpts;
/* Creates (truncates) path as an empty qcow2 image. */
int qcow2_create(const char *path, const Qcow2CreateOpts *o, Err *err);

/* ---- information ---- */
typedef BlkInfo Qcow2Info;
void qcow2_info(Qcow2 *q, Qcow2Info *out);

/* ---- consistency check (qemu-img check rules, qcow2-snapshots.md section 14) ---- */
enum { QCOW2_REPAIR_NONE = BLK_REPAIR_NONE, QCOW2_REPAIR_LEAKS = BLK_REPAIR_LEAKS,
       QCOW2_REPAIR_ALL = BLK_REPAIR_ALL };
typedef BlkCheckResult Qcow2CheckResult;
/* Recomputes every reference and compares with the stored refcounts and COPIED flags.
 * Findings are printed to log (qemu-img's wording; may be NULL). repair needs a writable
 * image. Returns 0 when the check ran (findings are in res), negative on I/O failure. */
int qcow2_check(Qcow2 *q, int repair, Qcow2CheckResult *res, FILE *log, Err *err);

/* ---- snapshots ---- */
typedef BlkSnapInfo Qcow2SnapInfo;
int qcow2_snapshot_count(const Qcow2 *q);
int qcow2_snapshot_info(const Qcow2 *q, int index, Qcow2SnapInfo *out);
/* Index of the snapshot with this name (the first one); -ENOENT when none. */
int qcow2_snapshot_find(const Qcow2 *q, const char *name, Err *err);
/* Index by ID first, then by name (qemu-img snapshot -a's rule); -ENOENT when none. */
int qcow2_snapshot_find_id_or_name(const Qcow2 *q, const char *id_or_name, Err *err);

typedef BlkSnapNew Qcow2SnapNew;
typedef struct Qcow2VmWriter Qcow2VmWriter;
int qcow2_vmstate_begin(Qcow2 *q, Qcow2VmWriter **out, Err *err);
int qcow2_vmstate_write(Qcow2VmWriter *w, uint64_t off, const void *buf, size_t len, Err *err);
/* The same for the bytes of iov[0..niov) in order; whole clusters are written straight
 * from the caller's memory (pwritev), so RAM pages need not be copied first. */
struct iovec;
int qcow2_vmstate_writev(Qcow2VmWriter *w, uint64_t off, const struct iovec *iov, int niov,
                         Err *err);
void qcow2_vmstate_abort(Qcow2VmWriter *w);
/* w may be NULL for a disk-only snapshot (vm_state_size 0). Consumes w. */
int qcow2_snapshot_create(Qcow2 *q, const Qcow2SnapNew *sn, Qcow2VmWriter *w, Err *err);
int qcow2_snapshot_delete(Qcow2 *q, int index, Err *err);
int qcow2_snapshot_apply(Qcow2 *q, int index, Err *err);
/* Reads VM-state bytes [off, off+len) of snapshot index, clipped at its vm_state_size.
 * Returns the number of bytes read (0 at or past the end). */
long qcow2_vmstate_read(Qcow2 *q, int index, uint64_t off, void *buf, size_t len, Err *err);
/* The same into iov[0..niov) in order, straight from the file (preadv), as far as the VM
 * state lies in plain data clusters: returns the bytes read, fewer than asked at
 * vm_state_size or at the first cluster of another kind (compressed, zero, unallocated,
 * extended L2), which qcow2_vmstate_read handles. */
long qcow2_vmstate_readv(Qcow2 *q, int index, uint64_t off, const struct iovec *iov, int niov,
                         Err *err);
/* The VM-state bytes [off, off+len) of snapshot index, clipped at its vm_state_size, as far
 * as they lie in contiguous plain data clusters inside the file: a read-only mapping of
 * the file in *view, *got bytes long (0: none, read them with qcow2_vmstate_read). Costs
 * no copy: a lazy load checks its records' headers in place. The mapping stays valid until
 * the next call or qcow2_close; a write to the image may change what it shows. len 0
 * only unmaps the last view. */
int qcow2_vmstate_view(Qcow2 *q, int index, uint64_t off, size_t len, const uint8_t **view,
                       size_t *got, Err *err);
/* Reads guest bytes [off, off+len) of the disk as snapshot index holds it (its L1 table,
 * read only; the image is not changed): what the disk would read after
 * qcow2_snapshot_apply. The range must lie inside the snapshot's disk_size. */
int qcow2_snapshot_pread(Qcow2 *q, int index, uint64_t off, void *buf, size_t len, Err *err);
/* Guest offset of VM-state byte 0 for a disk of disk_size bytes (section 8). */
uint64_t qcow2_vmstate_offset(const Qcow2 *q, uint64_t disk_size);

/* ---- compressed writes (pcemu-img convert -c) ----
 * Writes one whole cluster at a cluster-aligned guest offset compressed with the image's
 * compression type (zlib: raw deflate, 4 KiB window as QEMU reads; zstd). The cluster
 * must be unallocated. Falls back to a normal cluster when compression does not help. */
int qcow2_write_compressed(Qcow2 *q, uint64_t guest_off, const void *buf, Err *err);

/* ---- allocation status (qemu-img map, compare, measure; qcow2-map.c) ---- */
enum { QCOW2_ST_DATA = BLK_ST_DATA, QCOW2_ST_ZERO = BLK_ST_ZERO, QCOW2_ST_OFFSET = BLK_ST_OFFSET };
/* The status of guest bytes from off, as QEMU 7.2's qcow2 driver reports it: *pnum bytes
 * (1..len, within one L2 table; 0 at or past the disk end) share *flags (QCOW2_ST_*: data,
 * reads as zero, stored at host offsets *host.. contiguously). Unallocated: flags 0;
 * compressed: DATA without OFFSET. */
int qcow2_block_status(Qcow2 *q, uint64_t off, uint64_t len, unsigned *flags, uint64_t *pnum,
                       uint64_t *host, Err *err);
/* How many of host clusters 0..n-1 have a nonzero refcount; counting stops at stop. */
int qcow2_count_used_clusters(Qcow2 *q, uint64_t n, uint64_t stop, uint64_t *count, Err *err);

/* ---- size changes and option changes (qcow2-resize.c) ---- */
/* Sets the virtual size (qemu-img resize): growing extends the L1 table; shrinking drops
 * the clusters past the new end from the active table (snapshots keep theirs) and
 * truncates the file after its last used cluster, as QEMU 7.2 does. new_size must be a
 * multiple of 512. One atomic commit. */
int qcow2_resize(Qcow2 *q, uint64_t new_size, Err *err);
/* qemu-img amend (qcow2-amend.c): compat level 2 (0.10) or 3 (1.1); a downgrade needs
 * 16-bit refcounts, zlib, no lazy refcounts or extended L2, and turns zero clusters into
 * v2 entries. */
int qcow2_set_version(Qcow2 *q, int version, Err *err);
/* Refcount width 2^order bits (v3 only); refused when a refcount would not fit. */
int qcow2_set_refcount_order(Qcow2 *q, unsigned order, Err *err);
/* qemu-img amend -o: what differs between o and the image, in QEMU's order: a compat
 * upgrade, the refcount width (o->refcount_order >= 0), a compat downgrade, the size.
 * cluster_size and compression_type are creation-only and ignored here. */
int qcow2_amend(Qcow2 *q, const Qcow2CreateOpts *o, Err *err);

/* ---- helpers for tools and tests ---- */
/* Sets how many more metadata writes may happen before the process exits with status 99
 * (crash tests); negative = unlimited. */
void qcow2_set_crash_after(Qcow2 *q, long n);
/* Tests of read-error paths: VM-state reads fail with -EIO once `bytes` more bytes have been
 * read; bytes < 0 (the default) lifts the limit. */
void qcow2_set_vmstate_read_fail_after(Qcow2 *q, int64_t bytes);
/* Is the guest cluster containing off allocated (data, compressed, or zero-allocated)?
 * *zero is set when it reads as zeros without data. */
int qcow2_cluster_status(Qcow2 *q, uint64_t off, bool *allocated, bool *zero, Err *err);
/* b's Qcow2, NULL when b is not qcow2: for the driver's own tests and tools only. */
Qcow2 *qcow2_of(BlockDev *b);
/* Lower-level open, used by the driver table: takes ownership of fd (already locked). */
int qcow2_open_fd(int fd, const char *path, bool read_only, Qcow2 **out, Err *err);
int qcow2_close(Qcow2 *q, Err *err);
uint64_t qcow2_size(const Qcow2 *q);
/* The end of the highest write to the image file since open (BlockDriver.file_wr_highest). */
uint64_t qcow2_file_wr_highest(const Qcow2 *q);
int qcow2_pread(Qcow2 *q, uint64_t off, void *buf, size_t len, Err *err);
int qcow2_pwrite(Qcow2 *q, uint64_t off, const void *buf, size_t len, Err *err);
int qcow2_flush(Qcow2 *q, Err *err);

#endif
