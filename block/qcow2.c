/* qcow2.c: the qcow2 driver: guest reads and writes, cluster allocation, refcounts.
 * Open, validation and create are in qcow2-open.c, the metadata transaction every
 * structural change goes through in qcow2-txn.c, snapshots and the VM-state area in
 * qcow2-snap.c, check and repair in qcow2-check.c; these notes cover them all. Spec:
 * qcow2-snapshots.md (sections cited as "doc N"); QEMU 7.2 decides.
 * Not implemented: backing files, encryption, external data files, writing images with
 * extended L2 entries (read-only), resizing except by snapshot revert, lazy refcounts.
 *
 * NOTES ON THE DESIGN
 * 1. Image bytes are hostile. Every offset, size and count read from the file is checked
 *    (alignment, inside the file, QEMU's limits) before use; a failed check is -EINVAL
 *    with a message, never an assertion. Open follows QEMU 7.2's rules (qcow2_do_open,
 *    qcow2_read_extensions); a read-only open, like QEMU's, also takes the L1 and refcount
 *    tables past the end of the file, where they read as zeros.
 * 2. Refcounts live in memory (q->rc, one entry per host cluster of the file) and equal
 *    the on-disk refcounts between operations. Simple changes are written in place:
 *    allocating a run of clusters whose refcount blocks exist, and freeing a cluster. A
 *    crash after such a write leaves at most leaked clusters, because of the ordering of
 *    note 4.
 * 3. Every other metadata change (snapshot create, delete, revert, new refcount blocks,
 *    repair, creation) is a transaction (Qcow2Txn): the new refcounts, active L1 and
 *    snapshot list are computed in memory; every table that changes is written to new
 *    clusters that are free both before and after, including the changed refcount blocks
 *    and a new refcount table; after a flush ONE write of header bytes 24..71 (size,
 *    L1 size and offset, refcount table offset and size, snapshot count and offset,
 *    all inside the first sector) switches the image from the old consistent state to
 *    the new one. A crash before it leaves the old image untouched (the new clusters are
 *    unreferenced and have refcount 0 in the old state: not even leaks), after it the new
 *    image complete. This is stronger than doc 10.2: refcounts and COPIED flags change
 *    together, so `qemu-img check` never sees an OFLAG_COPIED mismatch.
 * 4. Write ordering for guest writes (doc 16): refcount 1 and data are written and
 *    flushed before the L2 entry that points to them; an old cluster's refcount drops only
 *    after the entry no longer points to it and that is flushed. A cluster or an L2 table
 *    is changed in place only when its refcount is 1; otherwise it is copied (COW).
 * 5. COPIED flags in the active tables are kept exact: set iff refcount is 1. Tables
 *    reachable only from snapshots are never written.
 * 6. Data references count per path (doc 6.2): an L2 table referenced by k L1 entries
 *    gives each of its data clusters k references; txn_ref_l1/txn_ref_l2 walk that way.
 * 7. The header area (cluster 0) is never rewritten as a whole: only the field groups at
 *    24..71, the incompatible features (72) and autoclear features (88), so unknown
 *    header fields and extensions are preserved byte for byte.
 *
 *  Snapshot creation (qcow2-snap.c), states and the function that moves between them:
 *
 *   [clean] --qcow2_vmstate_begin--> [writing VM state: data clusters and L2 tables of
 *      ^                               the state allocated in place, unreferenced (leaks
 *      |                               if killed)] --qcow2_vmstate_write--> (same)
 *      |                                   |                          |
 *      +------qcow2_vmstate_abort----------+     qcow2_snapshot_create: txn_commit
 *      |       (refcounts back to 0)                                  v
 *      +--------------------------- [committed: header bytes 24..71 written] */
#include "block/qcow2-int.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>
#include <zstd.h>

/* ---------------------------------------------------------------- file I/O */

/* Reads exactly len bytes; past the end of the file: zeros when zero_past_eof, else error. */
int q_read(Qcow2 *q, uint64_t off, void *buf, size_t len, bool zero_past_eof, Err *err)
{
    uint8_t *p = buf;
    while (len) {
        ssize_t n = pread(q->fd, p, len, (off_t)off);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return ERR(err, -errno, "qcow2: read at %#" PRIx64 ": %s", off, strerror(errno));
        if (n == 0) {
            if (!zero_past_eof)
                return ERR(err, -EINVAL, "qcow2: read at %#" PRIx64 " past the end of the file",
                           off);
            memset(p, 0, len);
            return 0;
        }
        p += n; off += (uint64_t)n; len -= (size_t)n;
    }
    return 0;
}

/* Data writes (not counted as metadata writes). */
int q_write(Qcow2 *q, uint64_t off, const void *buf, size_t len, Err *err)
{
    const uint8_t *p = buf;
    uint64_t end = off + len;
    while (len) {
        ssize_t n = pwrite(q->fd, p, len, (off_t)off);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return ERR(err, n < 0 ? -errno : -EIO, "qcow2: write at %#" PRIx64 ": %s", off,
                       n < 0 ? strerror(errno) : "no progress");
        p += n; off += (uint64_t)n; len -= (size_t)n;
    }
    q->unsynced = true;
    if (end > q->file_size)
        q->file_size = end;
    q->file_wr_highest = MAX(q->file_wr_highest, end);
    return 0;
}

/* Metadata writes count down q->crash_after: the crash tests' kill points. */
int q_meta_write(Qcow2 *q, uint64_t off, const void *buf, size_t len, Err *err)
{
    if (q->crash_after == 0)
        _exit(99);
    if (q->crash_after > 0)
        q->crash_after--;
    return q_write(q, off, buf, len, err);
}

int q_barrier(Qcow2 *q, Err *err)
{
    if (fdatasync(q->fd) < 0)
        return ERR(err, -errno, "qcow2: flush: %s", strerror(errno));
    q->unsynced = false;
    return 0;
}

void qcow2_set_crash_after(Qcow2 *q, long n) { q->crash_after = n; }
void qcow2_set_vmstate_read_fail_after(Qcow2 *q, int64_t bytes) { q->vm_read_budget = bytes; }

/* ---------------------------------------------------------------- geometry */

uint64_t q_clusters_for(const Qcow2 *q, uint64_t bytes)
{
    return (bytes + q->cluster_size - 1) >> q->cluster_bits;
}

void q_geometry(Qcow2 *q)
{
    q->cluster_size = 1ull << q->cluster_bits;
    q->l2_esize = q->ext_l2 ? 16 : 8;
    q->l2_entries = q->cluster_size / q->l2_esize;
    q->l2_bits = q->cluster_bits - (q->ext_l2 ? 4 : 3);
    q->csize_shift = 62 - (q->cluster_bits - 8);
    q->csize_mask = (1ull << (q->cluster_bits - 8)) - 1;
    q->coff_mask = (1ull << q->csize_shift) - 1;
    q->rb_entries = q->cluster_size * 8 >> q->refcount_order;
    q->rc_max = q->refcount_order == 6 ? UINT64_MAX : (1ull << (1u << q->refcount_order)) - 1;
}

uint64_t q_l1_entries_for(const Qcow2 *q, uint64_t size)
{
    uint64_t cover_bits = q->cluster_bits + q->l2_bits;
    return (size >> cover_bits) + !!(size & ((1ull << cover_bits) - 1));   /* no overflow */
}

uint64_t q_vm_state_index(const Qcow2 *q, uint64_t disk_size)
{
    return q_l1_entries_for(q, disk_size);
}

uint64_t qcow2_vmstate_offset(const Qcow2 *q, uint64_t disk_size)
{
    return q_vm_state_index(q, disk_size) << (q->cluster_bits + q->l2_bits);
}

uint64_t qcow2_size(const Qcow2 *q) { return q->size; }
uint64_t qcow2_file_wr_highest(const Qcow2 *q) { return q->file_wr_highest; }

void q_compressed_range(const Qcow2 *q, uint64_t entry, uint64_t *coff, uint64_t *csize)
{
    *coff = entry & q->coff_mask;
    uint64_t nb = ((entry >> q->csize_shift) & q->csize_mask) + 1;
    *csize = nb * 512 - (*coff & 511);
}

/* ---------------------------------------------------------------- refcounts */

static uint64_t rb_get(const uint8_t *blk, uint64_t i, unsigned order)
{
    switch (order) {
    case 3: return blk[i];
    case 4: return be16(blk + 2 * i);
    case 5: return be32(blk + 4 * i);
    case 6: return be64(blk + 8 * i);
    default: {
        unsigned bits = 1u << order;
        return (blk[i * bits / 8] >> (i * bits % 8)) & ((1u << bits) - 1);
    }
    }
}

void q_rb_put(uint8_t *blk, uint64_t i, unsigned order, uint64_t v)
{
    switch (order) {
    case 3: blk[i] = (uint8_t)v; break;
    case 4: put_be16(blk + 2 * i, (uint16_t)v); break;
    case 5: put_be32(blk + 4 * i, (uint32_t)v); break;
    case 6: put_be64(blk + 8 * i, v); break;
    default: {
        unsigned bits = 1u << order, sh = (unsigned)(i * bits % 8);
        uint8_t m = (uint8_t)(((1u << bits) - 1) << sh);
        blk[i * bits / 8] = (uint8_t)((blk[i * bits / 8] & ~m) | ((v << sh) & m));
    }
    }
}

void q_rc_grow(uint64_t **rc, uint64_t *n, uint64_t need)
{
    if (need <= *n)
        return;
    uint64_t nn = MAX(need, *n + *n / 2 + 64);
    *rc = xrealloc(*rc, nn * sizeof **rc);
    memset(*rc + *n, 0, (nn - *n) * sizeof **rc);
    *n = nn;
}

/* Loads the refcount table and blocks. tolerant (check): invalid refcount-table entries
 * are dropped from memory (the repair then writes new blocks) instead of failing. */
int q_load_refcounts(Qcow2 *q, bool tolerant, Err *err)
{
    if (q->rc_loaded)
        return 0;
    uint64_t rt_bytes = (uint64_t)q->rt_clusters << q->cluster_bits;
    uint8_t *raw_rt = xmalloc(rt_bytes);
    int ret = q_read(q, q->rt_off, raw_rt, rt_bytes, true, err);
    if (ret < 0) {
        free(raw_rt);
        return ret;
    }
    q->rt_n = rt_bytes / 8;
    q->rt = xzalloc(q->rt_n * sizeof *q->rt);
    q->rc_n = q_clusters_for(q, q->file_size) + 1;
    q->rc = xzalloc(q->rc_n * sizeof *q->rc);
    uint8_t *blk = xmalloc(q->cluster_size);
    for (uint64_t b = 0; b < q->rt_n; b++) {
        uint64_t raw_e = be64(raw_rt + 8 * b);
        uint64_t raw_off = raw_e & QCOW2_RT_OFFSET;
        if (!raw_off)
            continue;
        if ((raw_e & QCOW2_RT_RESERVED) || (raw_off & (q->cluster_size - 1)) ||
            raw_off >= q->file_size) {
            if (tolerant)
                continue;
            ret = ERR(err, -EINVAL, "qcow2: refcount block %" PRIu64 " at %#" PRIx64
                      " is invalid or outside the file", b, raw_e);
            break;
        }
        q->rt[b] = raw_off;
        if (b * q->rb_entries >= q->rc_n)
            continue;       /* describes only clusters past the end of the file */
        /* only the entries of clusters inside the file: a small image's one block is
         * mostly past its end, and reading it whole would touch 16 fresh pages */
        uint64_t n = MIN(q->rb_entries, q->rc_n - b * q->rb_entries);
        ret = q_read(q, raw_off, blk, (size_t)((n << q->refcount_order) + 7) / 8, true, err);
        if (ret < 0)
            break;
        for (uint64_t i = 0; i < n; i++)
            q->rc[b * q->rb_entries + i] = rb_get(blk, i, q->refcount_order);
    }
    free(blk);
    free(raw_rt);
    if (ret < 0) {
        free(q->rt); free(q->rc);
        q->rt = q->rc = NULL;
        q->rt_n = q->rc_n = 0;
        return ret;
    }
    q->rc_loaded = true;
    q->free_hint = 1;
    return 0;
}


/* Writes the in-memory refcounts of clusters [c0, c1) into their existing blocks. */
static int rc_write_range(Qcow2 *q, uint64_t c0, uint64_t c1, Err *err)
{
    unsigned order = q->refcount_order;
    uint8_t *blk = q->tmp;
    while (c0 < c1) {
        uint64_t b = c0 / q->rb_entries;
        uint64_t i0 = c0 % q->rb_entries;
        uint64_t i1 = MIN(q->rb_entries, i0 + (c1 - c0));
        if (b >= q->rt_n || !q->rt[b])
            return ERR(err, -EIO, "qcow2: internal: no refcount block for cluster %" PRIu64, c0);
        /* byte range covering entries i0..i1-1; neighbours sharing a byte come from memory */
        uint64_t byte0 = (i0 << order) / 8, byte1 = ((i1 << order) + 7) / 8;
        uint64_t e0 = (byte0 * 8) >> order, e1 = MIN(q->rb_entries, ((byte1 * 8) >> order) + 1);
        memset(blk, 0, q->cluster_size);
        for (uint64_t i = e0; i < e1; i++)
            q_rb_put(blk, i, order, q_rc_at(q->rc, q->rc_n, b * q->rb_entries + i));
        int ret = q_meta_write(q, q->rt[b] + byte0, blk + byte0, byte1 - byte0, err);
        if (ret < 0)
            return ret;
        c0 = b * q->rb_entries + i1;
    }
    return 0;
}

static bool rc_blocks_exist(const Qcow2 *q, uint64_t c0, uint64_t c1)
{
    for (uint64_t b = c0 / q->rb_entries; b <= (c1 - 1) / q->rb_entries; b++)
        if (b >= q->rt_n || !q->rt[b])
            return false;
    return true;
}

uint64_t q_find_free_run(const Qcow2 *q, const uint64_t *other, uint64_t other_n, uint64_t n)
{
    uint64_t start = MAX(q->free_hint, 1), run = 0;
    for (uint64_t i = start;; i++) {
        bool used = q_rc_at(q->rc, q->rc_n, i) || (other && q_rc_at(other, other_n, i)) ||
                    (q->avoid && q_rc_at(q->avoid, q->avoid_n, i));
        if (used) {
            run = 0;
            start = i + 1;
        } else if (++run == n) {
            return start;
        }
    }
}

/* Allocates n contiguous clusters with refcount 1 written (not yet flushed). */
int q_alloc_run(Qcow2 *q, uint64_t n, uint64_t *off, Err *err)
{
    int ret = q_load_refcounts(q, false, err);
    if (ret < 0)
        return ret;
    uint64_t s = q_find_free_run(q, NULL, 0, n);
    if ((s + n) > (1ull << (56 - q->cluster_bits)))
        return ERR(err, -EFBIG, "qcow2: image file would exceed 2^56 bytes");
    if (rc_blocks_exist(q, s, s + n)) {
        q_rc_grow(&q->rc, &q->rc_n, s + n);
        for (uint64_t i = s; i < s + n; i++)
            q->rc[i] = 1;
        ret = rc_write_range(q, s, s + n, err);
    } else {
        Qcow2Txn t;
        txn_begin(q, &t);
        q_rc_grow(&t.rc, &t.rc_n, s + n);
        for (uint64_t i = s; i < s + n; i++)
            t.rc[i] = 1;
        ret = txn_commit(q, &t, err);
    }
    if (ret < 0)
        return ret;
    if (s == q->free_hint)
        q->free_hint = s + n;
    *off = s << q->cluster_bits;
    return 0;
}

static void l2c_forget(Qcow2 *q, uint64_t off);

/* Adds delta to one cluster's refcount in place (frees when it reaches 0). */
int q_rc_add_in_place(Qcow2 *q, uint64_t cluster, int64_t delta, Err *err)
{
    uint64_t v = q_rc_at(q->rc, q->rc_n, cluster);
    if ((delta < 0 && v < (uint64_t)-delta) || (delta > 0 && q->rc_max - v < (uint64_t)delta))
        return ERR(err, -EINVAL, "qcow2: refcount of cluster %" PRIu64 " would %s", cluster,
                   delta < 0 ? "drop below 0" : "overflow");
    q_rc_grow(&q->rc, &q->rc_n, cluster + 1);
    q->rc[cluster] = v + (uint64_t)(int64_t)delta;
    if (!q->rc[cluster]) {
        if (cluster < q->free_hint)
            q->free_hint = cluster;
        l2c_forget(q, cluster << q->cluster_bits);
        q->dbuf_entry = 0;
        if (q->comp_off >> q->cluster_bits == cluster)
            q->comp_off = 0;
    }
    return rc_write_range(q, cluster, cluster + 1, err);
}

/* ---------------------------------------------------------------- L2 cache */

static void l2c_forget(Qcow2 *q, uint64_t off)
{
    for (int i = 0; i < QCOW2_L2_CACHE; i++)
        if (q->l2c[i].data && q->l2c[i].off == off)
            q->l2c[i].off = UINT64_MAX;
}

void q_cache_drop(Qcow2 *q)
{
    for (int i = 0; i < QCOW2_L2_CACHE; i++)
        q->l2c[i].off = UINT64_MAX;
    q->dbuf_entry = 0;
    q->snap_l1_off = 0;
}

static uint8_t *l2c_slot(Qcow2 *q, uint64_t off)
{
    int victim = 0;
    for (int i = 0; i < QCOW2_L2_CACHE; i++) {
        if (!q->l2c[i].data) {
            q->l2c[i].data = xmalloc(q->cluster_size);
            victim = i;
            break;
        }
        if (q->l2c[i].used < q->l2c[victim].used)
            victim = i;
    }
    q->l2c[victim].off = off;
    q->l2c[victim].used = ++q->l2c_clock;
    return q->l2c[victim].data;
}

/* The L2 table at host offset off (checked: aligned, inside the file). The pointer stays
 * valid until the next cache call. */
int q_l2_get(Qcow2 *q, uint64_t off, uint8_t **out, Err *err)
{
    for (int i = 0; i < QCOW2_L2_CACHE; i++) {
        if (q->l2c[i].data && q->l2c[i].off == off) {
            q->l2c[i].used = ++q->l2c_clock;
            *out = q->l2c[i].data;
            return 0;
        }
    }
    if ((off & (q->cluster_size - 1)) || off == 0 || off >= q->file_size)
        return ERR(err, -EINVAL, "qcow2: L2 table offset %#" PRIx64 " unaligned or outside "
                   "the file", off);
    uint8_t *d = l2c_slot(q, off);
    int ret = q_read(q, off, d, q->cluster_size, true, err);
    if (ret < 0) {
        l2c_forget(q, off);
        return ret;
    }
    *out = d;
    return 0;
}

static void l2c_put(Qcow2 *q, uint64_t off, const uint8_t *data)
{
    l2c_forget(q, off);
    memcpy(l2c_slot(q, off), data, q->cluster_size);
}

/* ---------------------------------------------------------------- reading */

static int decompress_cluster(Qcow2 *q, uint64_t entry, Err *err)
{
    if (q->dbuf_entry == entry)
        return 0;
    uint64_t coff, csize;
    q_compressed_range(q, entry, &coff, &csize);
    if (coff >= q->file_size)
        return ERR(err, -EINVAL, "qcow2: compressed cluster at %#" PRIx64 " outside the file",
                   coff);
    csize = MIN(csize, q->file_size - coff);
    int ret = q_read(q, coff, q->zbuf, csize, true, err);
    if (ret < 0)
        return ret;
    q->dbuf_entry = 0;
    if (q->compression_type == 0) {
        z_stream z = { 0 };
        if (inflateInit2(&z, -15) != Z_OK)
            return ERR(err, -ENOMEM, "qcow2: inflateInit2 failed");
        z.next_in = q->zbuf;
        z.avail_in = (uInt)csize;
        z.next_out = q->dbuf;
        z.avail_out = (uInt)q->cluster_size;
        int zr = inflate(&z, Z_FINISH);
        bool ok = z.avail_out == 0 && (zr == Z_STREAM_END || zr == Z_BUF_ERROR || zr == Z_OK);
        inflateEnd(&z);
        if (!ok)
            return ERR(err, -EINVAL, "qcow2: compressed cluster at %#" PRIx64 " does not "
                       "inflate to one cluster", coff);
    } else {
        ZSTD_DCtx *d = ZSTD_createDCtx();
        if (!d)
            return ERR(err, -ENOMEM, "qcow2: ZSTD_createDCtx failed");
        ZSTD_inBuffer in = { q->zbuf, csize, 0 };
        ZSTD_outBuffer out = { q->dbuf, q->cluster_size, 0 };
        size_t zr = 1;
        while (out.pos < out.size) {
            size_t before_in = in.pos, before_out = out.pos;
            zr = ZSTD_decompressStream(d, &out, &in);
            if (ZSTD_isError(zr))
                break;
            if (in.pos == before_in && out.pos == before_out)
                break;
        }
        ZSTD_freeDCtx(d);
        if (ZSTD_isError(zr) || out.pos != out.size || zr != 0)
            return ERR(err, -EINVAL, "qcow2: compressed cluster at %#" PRIx64 " is not a "
                       "complete zstd cluster", coff);
    }
    q->dbuf_entry = entry;
    return 0;
}

/* Reads guest bytes through an L1 table (the active one or a snapshot's). */
int q_read_l1(Qcow2 *q, const uint64_t *l1, uint32_t l1_size, uint64_t goff, uint8_t *buf,
              size_t len, Err *err)
{
    uint64_t pend_host = 0, pend_len = 0;
    uint8_t *pend_buf = NULL;
    int ret = 0;
    while (len) {
        uint64_t in = goff & (q->cluster_size - 1);
        size_t n = (size_t)MIN(len, q->cluster_size - in);
        uint64_t gc = goff >> q->cluster_bits;
        uint64_t l1i = gc >> q->l2_bits, l2i = gc & (q->l2_entries - 1);
        uint64_t host = 0;      /* host offset of this chunk when it is plain data */
        bool zero = true;
        if (l1i < l1_size) {
            uint64_t raw_l1e = l1[l1i];
            if (raw_l1e & QCOW2_L1E_RESERVED) {
                ret = ERR(err, -EINVAL, "qcow2: L1 entry %" PRIu64 " has reserved bits set "
                          "(%#" PRIx64 ")", l1i, raw_l1e);
                break;
            }
            uint64_t l2off = raw_l1e & QCOW2_L1E_OFFSET;
            if (l2off) {
                uint8_t *l2;
                if ((ret = q_l2_get(q, l2off, &l2, err)) < 0)
                    break;
                uint64_t raw_e = be64(l2 + l2i * q->l2_esize);
                uint64_t raw_bm = q->ext_l2 ? be64(l2 + l2i * 16 + 8) : 0;
                if (raw_e & QCOW2_COMPRESSED) {
                    if (pend_len) {
                        if ((ret = q_read(q, pend_host, pend_buf, pend_len, true, err)) < 0)
                            break;
                        pend_len = 0;
                    }
                    if ((ret = decompress_cluster(q, raw_e, err)) < 0)
                        break;
                    memcpy(buf, q->dbuf + in, n);
                    zero = false;
                } else {
                    uint64_t hoff = raw_e & QCOW2_L2E_OFFSET;
                    uint64_t resv = QCOW2_L2E_STD_RESERVED | (q->ext_l2 ? QCOW2_ZERO : 0);
                    if (raw_e & resv) {
                        ret = ERR(err, -EINVAL, "qcow2: L2 entry %#" PRIx64 " has reserved "
                                  "bits set", raw_e);
                        break;
                    }
                    if (hoff && ((hoff & (q->cluster_size - 1)) || hoff >= q->file_size)) {
                        ret = ERR(err, -EINVAL, "qcow2: data cluster %#" PRIx64 " unaligned "
                                  "or outside the file", hoff);
                        break;
                    }
                    if (q->ext_l2) {
                        uint32_t alloc = (uint32_t)raw_bm, zeros = (uint32_t)(raw_bm >> 32);
                        if ((alloc & zeros) || (alloc && !hoff)) {
                            ret = ERR(err, -EINVAL, "qcow2: invalid subcluster bitmap "
                                      "%#" PRIx64, raw_bm);
                            break;
                        }
                        if (alloc == 0xffffffffu) {
                            host = hoff + in;
                            zero = false;
                        } else if (alloc) {
                            /* mixed cluster: subcluster by subcluster */
                            if (pend_len) {
                                if ((ret = q_read(q, pend_host, pend_buf, pend_len, true, err)) < 0)
                                    break;
                                pend_len = 0;
                            }
                            uint64_t scs = q->cluster_size / 32;
                            for (uint64_t o = in; o < in + n;) {
                                uint64_t sc = o / scs, m = MIN(in + n, (sc + 1) * scs) - o;
                                if (alloc & (1u << sc))
                                    ret = q_read(q, hoff + o, buf + (o - in), m, true, err);
                                else
                                    memset(buf + (o - in), 0, m);
                                if (ret < 0)
                                    break;
                                o += m;
                            }
                            if (ret < 0)
                                break;
                            zero = false;
                            host = 0;
                            goto next;
                        }
                    } else if (hoff && !(raw_e & QCOW2_ZERO)) {
                        host = hoff + in;
                        zero = false;
                    }
                }
            }
        }
        if (host) {
            /* one read covers both only when the guest bytes are adjacent too: a zero
               or compressed chunk between them keeps its own place in buf */
            if (pend_len && pend_host + pend_len == host && pend_buf + pend_len == buf) {
                pend_len += n;
            } else {
                if (pend_len && (ret = q_read(q, pend_host, pend_buf, pend_len, true, err)) < 0)
                    break;
                pend_host = host; pend_buf = buf; pend_len = n;
            }
        } else if (zero) {
            memset(buf, 0, n);
        }
    next:
        buf += n; goff += n; len -= n;
    }
    if (ret == 0 && pend_len)
        ret = q_read(q, pend_host, pend_buf, pend_len, true, err);
    return ret;
}

int qcow2_pread(Qcow2 *q, uint64_t off, void *buf, size_t len, Err *err)
{
    if (off > q->size || len > q->size - off)
        return ERR(err, -EINVAL, "qcow2: read beyond the disk end");
    return q_read_l1(q, q->l1, q->l1_size, off, buf, len, err);
}

int qcow2_cluster_status(Qcow2 *q, uint64_t off, bool *allocated, bool *zero, Err *err)
{
    *allocated = false;
    *zero = true;
    uint64_t gc = off >> q->cluster_bits;
    uint64_t l1i = gc >> q->l2_bits, l2i = gc & (q->l2_entries - 1);
    if (l1i >= q->l1_size || !(q->l1[l1i] & QCOW2_L1E_OFFSET))
        return 0;
    uint8_t *l2;
    int ret = q_l2_get(q, q->l1[l1i] & QCOW2_L1E_OFFSET, &l2, err);
    if (ret < 0)
        return ret;
    uint64_t e = be64(l2 + l2i * q->l2_esize);
    if (e & QCOW2_COMPRESSED) {
        *allocated = true;
        *zero = false;
    } else if (q->ext_l2) {
        uint64_t bm = be64(l2 + l2i * 16 + 8);
        *allocated = (uint32_t)bm != 0;
        *zero = !*allocated;
    } else {
        *allocated = (e & QCOW2_L2E_OFFSET) != 0;
        *zero = !*allocated || (e & QCOW2_ZERO);
    }
    return 0;
}

/* ---------------------------------------------------------------- writing */

int q_mark_corrupt(Qcow2 *q, Err *err)
{
    if (q->version < 3 || (q->incompat & QCOW2_INCOMPAT_CORRUPT))
        return 0;
    uint8_t b[8];
    put_be64(b, q->incompat | QCOW2_INCOMPAT_CORRUPT);
    int ret = q_meta_write(q, QCOW2_HDR_INCOMPAT, b, 8, err);
    if (ret == 0)
        q->incompat |= QCOW2_INCOMPAT_CORRUPT;
    return ret;
}

/* Does host cluster c hold metadata other than an L2 table (header, L1 tables, refcount
 * structure, snapshot table)? Checked before writing a cluster in place, as QEMU's overlap
 * check does: a hostile image can point guest data at its own metadata. */
static bool overlaps(uint64_t off, uint64_t len, uint64_t o, uint64_t olen)
{
    return len && olen && o < off + len && off < o + olen;
}

static bool is_metadata(const Qcow2 *q, uint64_t c)
{
    uint64_t off = c << q->cluster_bits, cs = q->cluster_size;
    if (c == 0 || overlaps(off, cs, q->l1_off, q->l1_size * 8ull) ||
        overlaps(off, cs, q->rt_off, (uint64_t)q->rt_clusters << q->cluster_bits) ||
        overlaps(off, cs, q->snaps_off, q->snaps_size))
        return true;
    for (int i = 0; i < q->nsnaps; i++)
        if (overlaps(off, cs, q->snaps[i].l1_off, q->snaps[i].l1_size * 8ull))
            return true;
    for (uint64_t b = 0; b < q->rt_n; b++)
        if (q->rt[b] == off)
            return true;
    return false;
}

static int overlap_error(Qcow2 *q, uint64_t off, Err *err)
{
    q_mark_corrupt(q, NULL);
    return ERR(err, -EIO, "qcow2: write to %#" PRIx64 " would overwrite metadata; image marked "
               "corrupt", off);
}

/* Makes active L1 entry l1i point to an L2 table owned by the active image alone
 * (refcount 1): allocates a new one or copies a shared one (doc 4.3). */
static int l2_make_writable(Qcow2 *q, uint64_t l1i, uint64_t *l2off, Err *err)
{
    uint64_t old = q->l1[l1i] & QCOW2_L1E_OFFSET;
    if (old && q_rc_at(q->rc, q->rc_n, old >> q->cluster_bits) == 1) {
        if (is_metadata(q, old >> q->cluster_bits))
            return overlap_error(q, old, err);
        *l2off = old;
        return 0;
    }
    if (old && q_rc_at(q->rc, q->rc_n, old >> q->cluster_bits) == 0) {
        q_mark_corrupt(q, NULL);
        return ERR(err, -EIO, "qcow2: L2 table %#" PRIx64 " in use has refcount 0; image "
                   "marked corrupt", old);
    }
    uint8_t *tbl = xzalloc(q->cluster_size);
    int ret = 0;
    if (old) {
        uint8_t *src;
        if ((ret = q_l2_get(q, old, &src, err)) < 0)
            goto out;
        memcpy(tbl, src, q->cluster_size);
        for (uint64_t i = 0; i < q->l2_entries; i++)
            put_be64(tbl + 8 * i, be64(tbl + 8 * i) & ~QCOW2_COPIED);
    }
    uint64_t nt;
    if ((ret = q_alloc_run(q, 1, &nt, err)) < 0)
        goto out;
    if ((ret = q_meta_write(q, nt, tbl, q->cluster_size, err)) < 0 ||
        (ret = q_barrier(q, err)) < 0)
        goto out;
    l2c_put(q, nt, tbl);
    q->l1[l1i] = nt | QCOW2_COPIED;
    uint8_t e[8];
    put_be64(e, q->l1[l1i]);
    if ((ret = q_meta_write(q, q->l1_off + 8 * l1i, e, 8, err)) < 0)
        goto out;
    if (old) {
        if ((ret = q_barrier(q, err)) < 0 ||
            (ret = q_rc_add_in_place(q, old >> q->cluster_bits, -1, err)) < 0)
            goto out;
    }
    *l2off = nt;
out:
    free(tbl);
    return ret;
}

/* Drops one reference held by an L2 entry (after the entry stopped pointing there). */
static int unref_entry(Qcow2 *q, uint64_t e, Err *err)
{
    if (e & QCOW2_COMPRESSED) {
        uint64_t coff, csize;
        q_compressed_range(q, e, &coff, &csize);
        for (uint64_t c = coff >> q->cluster_bits; c <= (coff + csize - 1) >> q->cluster_bits; c++) {
            int ret = q_rc_add_in_place(q, c, -1, err);
            if (ret < 0)
                return ret;
        }
        return 0;
    }
    uint64_t off = e & QCOW2_L2E_OFFSET;
    return off ? q_rc_add_in_place(q, off >> q->cluster_bits, -1, err) : 0;
}

/* Writes guest bytes that lie inside one L2 table's range. */
static int write_in_l2(Qcow2 *q, uint64_t goff, const uint8_t *buf, size_t len, Err *err)
{
    uint64_t gc0 = goff >> q->cluster_bits, gc1 = (goff + len - 1) >> q->cluster_bits;
    uint64_t l1i = gc0 >> q->l2_bits;
    uint64_t l2off;
    int ret = l2_make_writable(q, l1i, &l2off, err);
    if (ret < 0)
        return ret;
    uint8_t *l2;
    if ((ret = q_l2_get(q, l2off, &l2, err)) < 0)
        return ret;
    uint64_t n = gc1 - gc0 + 1;
    uint64_t *olde = xmalloc(n * sizeof *olde);
    bool *in_place = xmalloc(n * sizeof *in_place);
    uint64_t *newe = xmalloc(n * sizeof *newe);
    uint64_t nalloc = 0;
    for (uint64_t k = 0; k < n; k++) {
        uint64_t e = be64(l2 + ((gc0 + k) & (q->l2_entries - 1)) * 8);
        olde[k] = e;
        uint64_t h = e & QCOW2_L2E_OFFSET;
        if (!(e & QCOW2_COMPRESSED) && h && q_rc_at(q->rc, q->rc_n, h >> q->cluster_bits) == 0) {
            q_mark_corrupt(q, NULL);
            ret = ERR(err, -EIO, "qcow2: data cluster %#" PRIx64 " in use has refcount 0; "
                      "image marked corrupt", h);
            goto out;
        }
        in_place[k] = !(e & (QCOW2_COMPRESSED | QCOW2_ZERO)) && h &&
                      q_rc_at(q->rc, q->rc_n, h >> q->cluster_bits) == 1;
        if (in_place[k] && (is_metadata(q, h >> q->cluster_bits) || h == l2off)) {
            ret = overlap_error(q, h, err);
            goto out;
        }
        nalloc += !in_place[k];
    }
    uint64_t host0 = 0;
    if (nalloc && (ret = q_alloc_run(q, nalloc, &host0, err)) < 0)
        goto out;
    uint64_t k_alloc = 0;
    const uint8_t *p = buf;
    uint64_t g = goff;
    for (uint64_t k = 0; k < n; k++) {
        uint64_t in = g & (q->cluster_size - 1);
        size_t m = (size_t)MIN((uint64_t)(goff + len - g), q->cluster_size - in);
        uint64_t e = olde[k], h = e & QCOW2_L2E_OFFSET;
        newe[k] = e;
        if (in_place[k]) {
            ret = q_write(q, h + in, p, m, err);
        } else {
            uint64_t nh = host0 + (k_alloc++ << q->cluster_bits);
            if (m == q->cluster_size) {
                ret = q_write(q, nh, p, m, err);
            } else {
                uint8_t *cl = xmalloc(q->cluster_size);
                ret = q_read_l1(q, q->l1, q->l1_size, g - in, cl, q->cluster_size, err);
                if (ret == 0) {
                    memcpy(cl + in, p, m);
                    ret = q_write(q, nh, cl, q->cluster_size, err);
                }
                free(cl);
            }
            newe[k] = nh | QCOW2_COPIED;
        }
        if (ret < 0)
            break;
        p += m; g += m;
    }
    if (ret == 0 && nalloc) {
        /* note 4: refcounts and data durable before the entries point at them */
        if ((ret = q_barrier(q, err)) < 0)
            goto out;
        if ((ret = q_l2_get(q, l2off, &l2, err)) < 0)
            goto out;
        uint64_t i0 = gc0 & (q->l2_entries - 1);
        for (uint64_t k = 0; k < n; k++)
            put_be64(l2 + (i0 + k) * 8, newe[k]);
        if ((ret = q_meta_write(q, l2off + i0 * 8, l2 + i0 * 8, n * 8, err)) < 0)
            goto out;
        bool freeing = false;
        for (uint64_t k = 0; k < n; k++)
            freeing |= newe[k] != olde[k] && (olde[k] & (QCOW2_COMPRESSED | QCOW2_L2E_OFFSET));
        if (freeing && (ret = q_barrier(q, err)) < 0)
            goto out;
        for (uint64_t k = 0; k < n && ret == 0; k++)
            if (newe[k] != olde[k])
                ret = unref_entry(q, olde[k], err);
    }
out:
    free(newe);
    free(in_place);
    free(olde);
    return ret;
}

static int check_writable(Qcow2 *q, Err *err)
{
    if (q->read_only)
        return ERR(err, -EPERM, "qcow2: image opened read-only");
    if (q->incompat & QCOW2_INCOMPAT_CORRUPT)
        return ERR(err, -EPERM, "qcow2: image is marked corrupt; repair it with "
                   "'pcemu-img check -r all'");
    return q_load_refcounts(q, false, err);
}

int qcow2_pwrite(Qcow2 *q, uint64_t off, const void *buf, size_t len, Err *err)
{
    int ret = check_writable(q, err);
    if (ret < 0)
        return ret;
    if (off > q->size || len > q->size - off)
        return ERR(err, -EINVAL, "qcow2: write beyond the disk end");
    const uint8_t *p = buf;
    uint64_t cover = 1ull << (q->cluster_bits + q->l2_bits);
    while (len) {
        size_t n = (size_t)MIN(len, cover - (off & (cover - 1)));
        if ((ret = write_in_l2(q, off, p, n, err)) < 0)
            return ret;
        p += n; off += n; len -= n;
    }
    return 0;
}

int qcow2_flush(Qcow2 *q, Err *err)
{
    return q->read_only ? 0 : q_barrier(q, err);
}

int qcow2_write_compressed(Qcow2 *q, uint64_t goff, const void *buf, Err *err)
{
    int ret = check_writable(q, err);
    if (ret < 0)
        return ret;
    if ((goff & (q->cluster_size - 1)) || goff >= q->size)
        return ERR(err, -EINVAL, "qcow2: compressed write must be one aligned cluster");
    bool alloc, zero;
    if ((ret = qcow2_cluster_status(q, goff, &alloc, &zero, err)) < 0)
        return ret;
    if (alloc)
        return ERR(err, -EINVAL, "qcow2: compressed write to an allocated cluster");
    size_t cap = q->cluster_size - 1, clen = 0;
    uint8_t *out = xmalloc(q->cluster_size);
    bool ok = false;
    if (q->compression_type == 0) {
        z_stream z = { 0 };
        /* window 2^12: QEMU inflates compressed clusters with windowBits -12 */
        if (deflateInit2(&z, Z_DEFAULT_COMPRESSION, Z_DEFLATED, -12, 9, Z_DEFAULT_STRATEGY) == Z_OK) {
            z.next_in = (Bytef *)buf;
            z.avail_in = (uInt)q->cluster_size;
            z.next_out = out;
            z.avail_out = (uInt)cap;
            ok = deflate(&z, Z_FINISH) == Z_STREAM_END;
            clen = cap - z.avail_out;
            deflateEnd(&z);
        }
    } else {
        size_t r = ZSTD_compress(out, cap, buf, q->cluster_size, 1);
        ok = !ZSTD_isError(r);
        clen = ok ? r : 0;
    }
    if (!ok) {
        free(out);
        return qcow2_pwrite(q, goff, buf, q->cluster_size, err);
    }
    /* Packed byte-granular like QEMU: the current compressed host cluster takes the data
     * when it fits and its refcount can take one more (refcount +1 per compressed cluster
     * stored, doc 5.2; at 1 or 2 refcount bits it soon cannot: QEMU then starts a new
     * cluster too), else a new one. Data never crosses a host cluster boundary here. */
    uint64_t host, used = q->comp_off & (q->cluster_size - 1);
    uint64_t comp_rc = q_rc_at(q->rc, q->rc_n, q->comp_off >> q->cluster_bits);
    if (q->comp_off && used && clen <= q->cluster_size - used && comp_rc > 0 &&
        comp_rc < q->rc_max) {
        host = q->comp_off;
        ret = q_rc_add_in_place(q, host >> q->cluster_bits, 1, err);
    } else {
        ret = q_alloc_run(q, 1, &host, err);
    }
    if (ret < 0)
        goto out;
    q->comp_off = host + clen;
    if ((ret = q_write(q, host, out, clen, err)) < 0 || (ret = q_barrier(q, err)) < 0)
        goto out;
    uint64_t l1i = (goff >> q->cluster_bits) >> q->l2_bits;
    uint64_t l2off;
    if ((ret = l2_make_writable(q, l1i, &l2off, err)) < 0)
        goto out;
    uint8_t *l2;
    if ((ret = q_l2_get(q, l2off, &l2, err)) < 0)
        goto out;
    uint64_t nb = (host + clen - 1) / 512 - host / 512;
    uint64_t e = QCOW2_COMPRESSED | (nb << q->csize_shift) | host;
    uint64_t i = (goff >> q->cluster_bits) & (q->l2_entries - 1);
    put_be64(l2 + i * 8, e);
    ret = q_meta_write(q, l2off + i * 8, l2 + i * 8, 8, err);
out:
    free(out);
    return ret;
}
