/* qcow2-snap.c: internal snapshots and the VM-state area (qcow2-snapshots.md sections 7-12):
 * reading and writing the snapshot table, create (with the VM state written straight into
 * clusters only the new snapshot references), delete, revert, and reading a snapshot's VM
 * state through its own L1 table. Every change is one transaction (qcow2.c note 3). */
#include "block/qcow2-int.h"

#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>

/* ---------------------------------------------------------------- the table */

int q_read_snapshots(Qcow2 *q, Err *err)
{
    int n = q->nsnaps;
    q->nsnaps = 0;
    q->snaps = xzalloc((size_t)MAX(n, 1) * sizeof *q->snaps);
    uint64_t pos = 0;
    uint8_t h[QCOW2_SNAP_FIXED_LEN], ex[QCOW2_SNAP_EXTRA_WRITE];
    for (int i = 0; i < n; i++) {
        pos = align_up(pos, 8);
        if (pos + QCOW2_SNAP_FIXED_LEN > QCOW2_MAX_SNAP_TABLE)
            return ERR(err, -EFBIG, "qcow2: snapshot table larger than 64 MiB");
        int ret = q_read(q, q->snaps_off + pos, h, sizeof h, false, err);
        if (ret < 0)
            return err_prefix(err, "snapshot %d", i), ret;
        Qcow2Snap *s = &q->snaps[q->nsnaps];
        uint64_t raw_l1 = be64(h + QCOW2_SNAP_L1_OFFSET);
        uint32_t raw_l1n = be32(h + QCOW2_SNAP_L1_SIZE);
        uint16_t raw_idl = be16(h + QCOW2_SNAP_ID_LEN), raw_nl = be16(h + QCOW2_SNAP_NAME_LEN);
        uint32_t raw_extra = be32(h + QCOW2_SNAP_EXTRA_SIZE);
        if (raw_extra > QCOW2_MAX_SNAP_EXTRA)
            return ERR(err, -EFBIG, "qcow2: snapshot %d: too much extra metadata (%u bytes)",
                       i, raw_extra);
        if ((raw_l1 & (q->cluster_size - 1)) || raw_l1n > QCOW2_MAX_L1_ENTRIES ||
            (raw_l1n && raw_l1 == 0) || raw_l1 > q->file_size ||
            raw_l1n * 8ull > q->file_size - raw_l1)
            return ERR(err, -EINVAL, "qcow2: snapshot %d: L1 table (%#" PRIx64 ", %u entries) "
                       "unaligned, too large or outside the file", i, raw_l1, raw_l1n);
        uint64_t end = pos + QCOW2_SNAP_FIXED_LEN + raw_extra + raw_idl + raw_nl;
        if (end > QCOW2_MAX_SNAP_TABLE)
            return ERR(err, -EFBIG, "qcow2: snapshot table larger than 64 MiB");
        s->l1_off = raw_l1;
        s->l1_size = raw_l1n;
        s->date_sec = be32(h + QCOW2_SNAP_DATE_SEC);
        s->date_nsec = be32(h + QCOW2_SNAP_DATE_NSEC);
        s->vm_clock = be64(h + QCOW2_SNAP_VM_CLOCK);
        s->vm_state_size = be32(h + QCOW2_SNAP_VM_STATE_SIZE);
        s->extra_size = raw_extra;
        s->disk_size = q->size;
        s->icount = UINT64_MAX;
        uint8_t *extra = xmalloc(MAX(raw_extra, 1));
        ret = q_read(q, q->snaps_off + pos + QCOW2_SNAP_FIXED_LEN, extra, raw_extra, false, err);
        s->id = xzalloc(raw_idl + 1u);
        s->name = xzalloc(raw_nl + 1u);
        s->id_len = raw_idl;
        s->name_len = raw_nl;
        q->nsnaps++;
        if (ret == 0)
            ret = q_read(q, q->snaps_off + pos + QCOW2_SNAP_FIXED_LEN + raw_extra, s->id, raw_idl, false, err);
        if (ret == 0)
            ret = q_read(q, q->snaps_off + pos + QCOW2_SNAP_FIXED_LEN + raw_extra + raw_idl, s->name, raw_nl,
                         false, err);
        if (ret < 0) {
            free(extra);
            return err_prefix(err, "snapshot %d", i), ret;
        }
        memset(ex, 0, sizeof ex);
        memcpy(ex, extra, MIN(raw_extra, sizeof ex));
        if (raw_extra >= QCOW2_SNAPX_VM_STATE_SIZE + 8)
            s->vm_state_size = be64(ex + QCOW2_SNAPX_VM_STATE_SIZE);
        if (raw_extra >= QCOW2_SNAPX_DISK_SIZE + 8)
            s->disk_size = be64(ex + QCOW2_SNAPX_DISK_SIZE);
        if (raw_extra >= QCOW2_SNAPX_ICOUNT + 8)
            s->icount = be64(ex + QCOW2_SNAPX_ICOUNT);
        if (s->disk_size > (1ull << 62))
            return free(extra), ERR(err, -EINVAL, "qcow2: snapshot %d: disk size absurd", i);
        if (raw_extra > QCOW2_SNAP_EXTRA_WRITE) {
            s->extra_unknown_len = raw_extra - QCOW2_SNAP_EXTRA_WRITE;
            s->extra_unknown = xmalloc(s->extra_unknown_len);
            memcpy(s->extra_unknown, extra + QCOW2_SNAP_EXTRA_WRITE, s->extra_unknown_len);
        }
        free(extra);
        pos = end;
    }
    q->snaps_size = pos;
    return 0;
}

static uint32_t extra_written(const Qcow2Snap *s)
{
    return QCOW2_SNAP_EXTRA_WRITE + s->extra_unknown_len;
}

/* Serializes a complete table (doc 7.2); every entry 8-byte aligned, extra data >= 24. */
uint8_t *q_snapshot_table(const Qcow2 *q, const Qcow2Snap *s, int n, size_t *len)
{
    size_t size = 0;
    for (int i = 0; i < n; i++)
        size = align_up(size, 8) + QCOW2_SNAP_FIXED_LEN + extra_written(&s[i]) + s[i].id_len + s[i].name_len;
    uint8_t *b = xzalloc(MAX(size, 1));
    size_t pos = 0;
    for (int i = 0; i < n; i++) {
        pos = align_up(pos, 8);
        uint8_t *e = b + pos, *x = e + QCOW2_SNAP_FIXED_LEN;
        put_be64(e + QCOW2_SNAP_L1_OFFSET, s[i].l1_off);
        put_be32(e + QCOW2_SNAP_L1_SIZE, s[i].l1_size);
        put_be16(e + QCOW2_SNAP_ID_LEN, s[i].id_len);
        put_be16(e + QCOW2_SNAP_NAME_LEN, s[i].name_len);
        put_be32(e + QCOW2_SNAP_DATE_SEC, s[i].date_sec);
        put_be32(e + QCOW2_SNAP_DATE_NSEC, s[i].date_nsec);
        put_be64(e + QCOW2_SNAP_VM_CLOCK, s[i].vm_clock);
        put_be32(e + QCOW2_SNAP_VM_STATE_SIZE, s[i].vm_state_size > UINT32_MAX ? 0 : (uint32_t)s[i].vm_state_size);
        put_be32(e + QCOW2_SNAP_EXTRA_SIZE, extra_written(&s[i]));
        put_be64(x + QCOW2_SNAPX_VM_STATE_SIZE, s[i].vm_state_size);
        put_be64(x + QCOW2_SNAPX_DISK_SIZE, s[i].disk_size);
        put_be64(x + QCOW2_SNAPX_ICOUNT, s[i].icount);
        if (s[i].extra_unknown_len)
            memcpy(x + QCOW2_SNAP_EXTRA_WRITE, s[i].extra_unknown, s[i].extra_unknown_len);
        uint8_t *p = x + extra_written(&s[i]);
        memcpy(p, s[i].id, s[i].id_len);
        memcpy(p + s[i].id_len, s[i].name, s[i].name_len);
        pos += QCOW2_SNAP_FIXED_LEN + extra_written(&s[i]) + s[i].id_len + s[i].name_len;
    }
    (void)q;
    *len = pos;
    return b;
}

int qcow2_snapshot_count(const Qcow2 *q) { return q->nsnaps; }

int qcow2_snapshot_info(const Qcow2 *q, int i, Qcow2SnapInfo *o)
{
    if (i < 0 || i >= q->nsnaps)
        return -ENOENT;
    const Qcow2Snap *s = &q->snaps[i];
    memset(o, 0, sizeof *o);
    snprintf(o->id, sizeof o->id, "%s", s->id);
    snprintf(o->name, sizeof o->name, "%s", s->name);
    o->date_sec = s->date_sec;
    o->date_nsec = s->date_nsec;
    o->vm_clock_nsec = s->vm_clock;
    o->vm_state_size = s->vm_state_size;
    o->disk_size = s->disk_size;
    o->icount = s->icount;
    o->l1_table_offset = s->l1_off;
    o->l1_size = s->l1_size;
    return 0;
}

int qcow2_snapshot_find(const Qcow2 *q, const char *name, Err *err)
{
    for (int i = 0; i < q->nsnaps; i++)
        if (strcmp(q->snaps[i].name, name) == 0)
            return i;
    return ERR(err, -ENOENT, "snapshot '%s' not found", name);
}

int qcow2_snapshot_find_id_or_name(const Qcow2 *q, const char *key, Err *err)
{
    for (int i = 0; i < q->nsnaps; i++)
        if (strcmp(q->snaps[i].id, key) == 0)
            return i;
    return qcow2_snapshot_find(q, key, err);
}

/* A snapshot's L1 table, cached for VM-state reads. */
static int snap_l1(Qcow2 *q, const Qcow2Snap *s, uint64_t **out, Err *err)
{
    if (q->snap_l1 && q->snap_l1_off == s->l1_off && q->snap_l1_n == s->l1_size && s->l1_off) {
        *out = q->snap_l1;
        return 0;
    }
    free(q->snap_l1);
    q->snap_l1 = xmalloc(MAX(s->l1_size, 1) * 8ull);
    q->snap_l1_off = 0;
    uint8_t *raw = xmalloc(MAX(s->l1_size, 1) * 8ull);
    int ret = q_read(q, s->l1_off, raw, s->l1_size * 8ull, false, err);
    for (uint32_t i = 0; ret == 0 && i < s->l1_size; i++) {
        uint64_t raw_e = be64(raw + 8 * i);
        if (raw_e & QCOW2_L1E_RESERVED)
            ret = ERR(err, -EINVAL, "qcow2: snapshot '%s': L1 entry %u has reserved bits set",
                      s->name, i);
        q->snap_l1[i] = raw_e;
    }
    free(raw);
    if (ret < 0)
        return ret;
    q->snap_l1_off = s->l1_off;
    q->snap_l1_n = s->l1_size;
    *out = q->snap_l1;
    return 0;
}

/* ---------------------------------------------------------------- VM state */

typedef struct Run { uint64_t off, n; } Run;

struct Qcow2VmWriter {
    Qcow2 *q;
    uint64_t pos;                 /* stream bytes accepted */
    uint64_t nclusters;           /* stream clusters written */
    uint8_t *cbuf;                /* the partial stream cluster */
    size_t cfill;
    uint64_t run_off, run_left;   /* allocated, not yet used data clusters */
    Run *runs;                    /* everything allocated (for abort) */
    size_t nruns;
    uint64_t *l2s;                /* host offsets of the finished VM-state L2 tables */
    uint64_t nl2;
    uint8_t *l2;                  /* the L2 table being filled (index nl2) */
    bool l2_used;
    uint64_t vm_index;            /* L1 index of VM-state byte 0 */
    uint64_t wb_start, wb_end;    /* data written since the last writeback kick (host bytes) */
    bool failed;
};

enum { VM_WB_CHUNK = 8 << 20, VM_IOV_MAX = 1024 };

/* Starts writeback of the data clusters written so far, in VM_WB_CHUNK pieces, so that the
 * disk works while the rest of the state is produced and the fdatasync of the commit
 * (same flushes as before, note 4) waits only for the tail. Advisory: a failure here
 * shows up in that fdatasync. */
static void kick_writeback(Qcow2VmWriter *w, uint64_t host, uint64_t n)
{
    if (host != w->wb_end) {
        if (w->wb_end > w->wb_start)
            sync_file_range(w->q->fd, (off64_t)w->wb_start, (off64_t)(w->wb_end - w->wb_start),
                            SYNC_FILE_RANGE_WRITE);
        w->wb_start = host;
    }
    w->wb_end = host + n;
    if (w->wb_end - w->wb_start >= VM_WB_CHUNK) {
        sync_file_range(w->q->fd, (off64_t)w->wb_start, (off64_t)(w->wb_end - w->wb_start),
                        SYNC_FILE_RANGE_WRITE);
        w->wb_start = w->wb_end;
    }
}

/* A read position in a caller's iovec list. */
typedef struct IovPos { const struct iovec *iov; int n; size_t off; } IovPos;

static void iov_copy_out(IovPos *p, uint8_t *dst, size_t len)
{
    while (len) {
        size_t m = MIN(len, p->iov->iov_len - p->off);
        memcpy(dst, (const uint8_t *)p->iov->iov_base + p->off, m);
        dst += m; len -= m; p->off += m;
        if (p->off == p->iov->iov_len) {
            p->iov++; p->n--; p->off = 0;
        }
    }
}

/* Writes the next len bytes of p to host offset `host` with pwritev, straight from the
 * caller's memory. */
static int write_iov(Qcow2 *q, uint64_t host, IovPos *p, size_t len, Err *err)
{
    struct iovec v[VM_IOV_MAX];
    uint64_t end = host + len;
    while (len) {
        int k = 0;
        size_t got = 0;
        IovPos t = *p;
        while (k < VM_IOV_MAX && got < len) {
            while (t.iov->iov_len == t.off) {
                t.iov++; t.n--; t.off = 0;
            }
            size_t m = MIN(len - got, t.iov->iov_len - t.off);
            v[k++] = (struct iovec){ (uint8_t *)t.iov->iov_base + t.off, m };
            got += m; t.off += m;
        }
        ssize_t r = pwritev(q->fd, v, k, (off_t)host);
        q->unsynced = true;
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            return ERR(err, r < 0 ? -errno : -EIO, "qcow2: write at %#" PRIx64 ": %s", host,
                       r < 0 ? strerror(errno) : "no progress");
        /* advance p by r bytes (a short write resumes inside a segment) */
        for (size_t left = (size_t)r; left;) {
            while (p->iov->iov_len == p->off) {
                p->iov++; p->n--; p->off = 0;
            }
            size_t m = MIN(left, p->iov->iov_len - p->off);
            p->off += m; left -= m;
        }
        host += (uint64_t)r; len -= (size_t)r;
    }
    if (end > q->file_size)
        q->file_size = end;
    q->file_wr_highest = MAX(q->file_wr_highest, end);
    return 0;
}

static void add_run(Qcow2VmWriter *w, uint64_t off, uint64_t n)
{
    w->runs = xrealloc(w->runs, (w->nruns + 1) * sizeof *w->runs);
    w->runs[w->nruns++] = (Run){ off, n };
}

int qcow2_vmstate_begin(Qcow2 *q, Qcow2VmWriter **out, Err *err)
{
    *out = NULL;
    if (q->read_only)
        return ERR(err, -EPERM, "qcow2: image opened read-only");
    if (q->incompat & QCOW2_INCOMPAT_CORRUPT)
        return ERR(err, -EPERM, "qcow2: image is marked corrupt");
    int ret = q_load_refcounts(q, false, err);
    if (ret < 0)
        return ret;
    Qcow2VmWriter *w = xzalloc(sizeof *w);
    w->q = q;
    w->cbuf = xmalloc(q->cluster_size);
    w->l2 = xzalloc(q->cluster_size);
    w->vm_index = q_vm_state_index(q, q->size);
    *out = w;
    return 0;
}

static int finish_l2(Qcow2VmWriter *w, Err *err)
{
    Qcow2 *q = w->q;
    uint64_t off;
    int ret = q_alloc_run(q, 1, &off, err);
    if (ret < 0)
        return ret;
    add_run(w, off, 1);
    if ((ret = q_meta_write(q, off, w->l2, q->cluster_size, err)) < 0)
        return ret;
    w->l2s = xrealloc(w->l2s, (w->nl2 + 1) * sizeof *w->l2s);
    w->l2s[w->nl2++] = off;
    memset(w->l2, 0, q->cluster_size);
    w->l2_used = false;
    return 0;
}

/* Data clusters [host, host + n clusters) hold the next n stream clusters. */
static int record(Qcow2VmWriter *w, uint64_t host, uint64_t n, Err *err)
{
    Qcow2 *q = w->q;
    for (uint64_t k = 0; k < n; k++) {
        uint64_t idx = w->nclusters++;
        uint64_t table = idx >> q->l2_bits;
        if (table > w->nl2) {
            int ret = finish_l2(w, err);
            if (ret < 0)
                return ret;
        }
        if (w->vm_index + table + 1 > QCOW2_MAX_L1_ENTRIES)
            return ERR(err, -EFBIG, "qcow2: VM state too large for the L1 table limit");
        put_be64(w->l2 + (idx & (q->l2_entries - 1)) * 8, host + (k << q->cluster_bits));
        w->l2_used = true;
    }
    return 0;
}

static int take_clusters(Qcow2VmWriter *w, uint64_t want, uint64_t *host, uint64_t *got, Err *err)
{
    Qcow2 *q = w->q;
    if (!w->run_left) {
        /* allocate in batches of up to 32 MiB: one refcount write per batch */
        uint64_t batch = MAX(1, MIN(MAX(want, 16), (32ull << 20) >> q->cluster_bits));
        int ret = q_alloc_run(q, batch, &w->run_off, err);
        if (ret < 0)
            return ret;
        add_run(w, w->run_off, batch);
        w->run_left = batch;
    }
    *got = MIN(want, w->run_left);
    *host = w->run_off;
    w->run_off += *got << q->cluster_bits;
    w->run_left -= *got;
    return 0;
}

int qcow2_vmstate_writev(Qcow2VmWriter *w, uint64_t off, const struct iovec *iov, int niov,
                         Err *err)
{
    Qcow2 *q = w->q;
    if (w->failed)
        return ERR(err, -EIO, "qcow2: VM-state writer failed earlier");
    if (off != w->pos)
        return ERR(err, -EINVAL, "qcow2: VM-state writes must be sequential (at %" PRIu64
                   ", not %" PRIu64 ")", w->pos, off);
    uint64_t len = 0;
    for (int i = 0; i < niov; i++)
        len += iov[i].iov_len;
    IovPos p = { iov, niov, 0 };
    int ret = 0;
    while (len && ret == 0) {
        if (w->cfill == 0 && len >= q->cluster_size) {
            /* whole clusters straight from the caller's memory, at most VM_WB_CHUNK at a
             * time so that writeback starts at the same pace whatever the callers' sizes */
            uint64_t host, got;
            uint64_t want = MAX(1, MIN(len, (uint64_t)VM_WB_CHUNK) >> q->cluster_bits);
            if ((ret = take_clusters(w, want, &host, &got, err)) < 0)
                break;
            size_t bytes = (size_t)(got << q->cluster_bits);
            if ((ret = write_iov(q, host, &p, bytes, err)) < 0)
                break;
            kick_writeback(w, host, bytes);
            ret = record(w, host, got, err);
            len -= bytes; w->pos += bytes;
            continue;
        }
        size_t m = (size_t)MIN(len, q->cluster_size - w->cfill);
        iov_copy_out(&p, w->cbuf + w->cfill, m);
        w->cfill += m; len -= m; w->pos += m;
        if (w->cfill == q->cluster_size) {
            uint64_t host, got;
            if ((ret = take_clusters(w, 1, &host, &got, err)) < 0)
                break;
            ret = q_write(q, host, w->cbuf, q->cluster_size, err);
            if (ret == 0) {
                kick_writeback(w, host, q->cluster_size);
                ret = record(w, host, 1, err);
            }
            w->cfill = 0;
        }
    }
    if (ret < 0)
        w->failed = true;
    return ret;
}

int qcow2_vmstate_write(Qcow2VmWriter *w, uint64_t off, const void *buf, size_t len, Err *err)
{
    struct iovec v = { (void *)buf, len };
    return qcow2_vmstate_writev(w, off, &v, 1, err);
}

static void writer_free(Qcow2VmWriter *w)
{
    free(w->cbuf); free(w->l2); free(w->l2s); free(w->runs);
    free(w);
}

void qcow2_vmstate_abort(Qcow2VmWriter *w)
{
    if (!w)
        return;
    /* give back every cluster (refcount 1, never referenced) */
    for (size_t i = 0; i < w->nruns; i++)
        for (uint64_t c = 0; c < w->runs[i].n; c++)
            q_rc_add_in_place(w->q, (w->runs[i].off >> w->q->cluster_bits) + c, -1, NULL);
    q_barrier(w->q, NULL);
    writer_free(w);
}

/* Writes the partial cluster and the last L2 table; flushes. */
static int writer_finish(Qcow2VmWriter *w, Err *err)
{
    Qcow2 *q = w->q;
    int ret = 0;
    if (w->cfill) {
        memset(w->cbuf + w->cfill, 0, q->cluster_size - w->cfill);
        uint64_t host, got;
        if ((ret = take_clusters(w, 1, &host, &got, err)) < 0)
            return ret;
        if ((ret = q_meta_write(q, host, w->cbuf, q->cluster_size, err)) < 0 ||
            (ret = record(w, host, 1, err)) < 0)
            return ret;
        w->cfill = 0;
    }
    if (w->l2_used && (ret = finish_l2(w, err)) < 0)
        return ret;
    return q_barrier(q, err);
}

/* ---------------------------------------------------------------- create, delete, revert */

static int check_name(const char *name, Err *err)
{
    size_t n = strlen(name);
    if (n == 0 || n > 255)
        return ERR(err, -EINVAL, "snapshot name must be 1 to 255 bytes (got %zu)", n);
    bool digits = true;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)name[i];
        if (c < 0x20 || c == 0x7f)
            return ERR(err, -EINVAL, "snapshot name contains control characters");
        digits &= c >= '0' && c <= '9';
    }
    if (digits)
        return ERR(err, -EINVAL, "snapshot name '%s' is all digits: it would be taken for "
                   "an ID", name);
    return 0;
}

/* Removes snapshot i from the transaction: its L1 references and L1 table go. */
static int txn_drop_snapshot(Qcow2 *q, Qcow2Txn *t, int i, Err *err)
{
    Qcow2Snap *s = &t->snaps[i];
    uint64_t *l1;
    int ret = snap_l1(q, s, &l1, err);
    if (ret < 0)
        return ret;
    uint64_t *copy = xmalloc(MAX(s->l1_size, 1) * 8ull);
    memcpy(copy, l1, s->l1_size * 8ull);
    ret = txn_ref_l1(q, t, copy, s->l1_size, -1, err);
    free(copy);
    if (ret < 0)
        return ret;
    if (s->l1_size) {
        for (uint64_t c = s->l1_off >> q->cluster_bits;
             c <= (s->l1_off + s->l1_size * 8ull - 1) >> q->cluster_bits; c++)
            if ((ret = txn_rc_add(q, t, c, -1, err)) < 0)
                return ret;
    }
    q_snap_free(s);
    memmove(s, s + 1, (size_t)(t->nsnaps - i - 1) * sizeof *s);
    t->nsnaps--;
    t->snaps_dirty = true;
    return 0;
}

int qcow2_snapshot_create(Qcow2 *q, const Qcow2SnapNew *sn, Qcow2VmWriter *w, Err *err)
{
    int ret;
    Qcow2Txn t;
    bool in_txn = false;
    uint64_t *sl1 = NULL;
    if (q->read_only) {
        ret = ERR(err, -EPERM, "qcow2: image opened read-only");
        goto out;
    }
    if (w && w->failed) {
        ret = ERR(err, -EIO, "qcow2: VM-state writer failed earlier: no snapshot taken");
        goto out;
    }
    if ((ret = check_name(sn->name, err)) < 0)
        goto out;
    if ((ret = q_load_refcounts(q, false, err)) < 0)
        goto out;
    int dup = -1;
    for (int i = 0; i < q->nsnaps; i++)
        if (strcmp(q->snaps[i].name, sn->name) == 0)
            dup = i;
    if (dup >= 0 && !sn->replace && !sn->allow_duplicate) {
        ret = ERR(err, -EEXIST, "snapshot '%s' already exists", sn->name);
        goto out;
    }
    if (!sn->replace)
        dup = -1;
    if (q->nsnaps - (dup >= 0) >= QCOW2_MAX_SNAPSHOTS) {
        ret = ERR(err, -EFBIG, "qcow2: too many snapshots (65536)");
        goto out;
    }
    if (w && (ret = writer_finish(w, err)) < 0)
        goto out;
    txn_begin(q, &t);
    in_txn = true;
    uint64_t next_id = 0;
    for (int i = 0; i < q->nsnaps; i++) {
        uint64_t v = strtoull(q->snaps[i].id, NULL, 10);
        next_id = MAX(next_id, v);
    }
    next_id++;
    if (dup >= 0 && (ret = txn_drop_snapshot(q, &t, dup, err)) < 0)
        goto out;
    uint64_t V = q_vm_state_index(q, q->size);
    uint64_t nl2 = w ? w->nl2 : 0;
    uint64_t sl1_n = MAX((uint64_t)q->l1_size, nl2 ? V + nl2 : 0);
    if (sl1_n > QCOW2_MAX_L1_ENTRIES) {
        ret = ERR(err, -EFBIG, "qcow2: snapshot L1 table would exceed 32 MiB");
        goto out;
    }
    sl1 = xzalloc(MAX(sl1_n, 1) * 8);
    uint64_t disk_n = MIN(V, (uint64_t)q->l1_size);
    for (uint64_t i = 0; i < disk_n; i++)
        sl1[i] = q->l1[i] & ~QCOW2_COPIED;
    for (uint64_t i = 0; i < nl2; i++)
        sl1[V + i] = w->l2s[i];
    /* the snapshot's disk part: one more path to every active table and cluster */
    if ((ret = txn_ref_l1(q, &t, q->l1, (uint32_t)disk_n, +1, err)) < 0)
        goto out;
    /* active entries past the disk (VM state left by a revert in QEMU) are dropped */
    if (q->l1_size > V) {
        if ((ret = txn_ref_l1(q, &t, q->l1 + V, (uint32_t)(q->l1_size - V), -1, err)) < 0)
            goto out;
        for (uint64_t i = V; i < q->l1_size; i++)
            t.l1[i] = 0;
        t.l1_dirty = true;
    }
    /* unused clusters of the last data batch are released by the same commit */
    for (uint64_t c = 0; w && c < w->run_left; c++)
        t.rc[(w->run_off >> q->cluster_bits) + c] = 0;
    uint64_t sl1_off = 0;
    if (sl1_n) {
        if ((ret = txn_alloc(q, &t, (sl1_n * 8 + q->cluster_size - 1) >> q->cluster_bits,
                             &sl1_off, err)) < 0)
            goto out;
        uint8_t *b = xmalloc(sl1_n * 8);
        for (uint64_t i = 0; i < sl1_n; i++)
            put_be64(b + 8 * i, sl1[i]);
        txn_write(&t, sl1_off, b, sl1_n * 8);
    }
    t.snaps = xrealloc(t.snaps, (size_t)(t.nsnaps + 1) * sizeof *t.snaps);
    Qcow2Snap *s = &t.snaps[t.nsnaps++];
    memset(s, 0, sizeof *s);
    char idbuf[24];
    snprintf(idbuf, sizeof idbuf, "%" PRIu64, next_id);
    s->id = xstrdup(idbuf);
    s->id_len = (uint16_t)strlen(idbuf);
    s->name = xstrdup(sn->name);
    s->name_len = (uint16_t)strlen(sn->name);
    s->l1_off = sl1_off;
    s->l1_size = (uint32_t)sl1_n;
    s->date_sec = sn->date_sec;
    s->date_nsec = sn->date_nsec;
    s->vm_clock = sn->vm_clock_nsec;
    s->vm_state_size = w ? w->pos : 0;
    s->disk_size = q->size;
    s->icount = sn->icount;
    s->extra_size = QCOW2_SNAP_EXTRA_WRITE;
    t.snaps_dirty = true;
    if ((ret = txn_fix_copied(q, &t, err)) < 0)
        goto out;
    in_txn = false;
    ret = txn_commit(q, &t, err);
    if (ret == 0 && w) {
        writer_free(w);
        w = NULL;
    }
out:
    if (in_txn)
        txn_abort(&t);
    free(sl1);
    if (w)
        qcow2_vmstate_abort(w);
    return ret;
}

int qcow2_snapshot_delete(Qcow2 *q, int index, Err *err)
{
    if (q->read_only)
        return ERR(err, -EPERM, "qcow2: image opened read-only");
    if (index < 0 || index >= q->nsnaps)
        return ERR(err, -ENOENT, "snapshot index %d does not exist", index);
    int ret = q_load_refcounts(q, false, err);
    if (ret < 0)
        return ret;
    Qcow2Txn t;
    txn_begin(q, &t);
    if ((ret = txn_drop_snapshot(q, &t, index, err)) < 0 ||
        (ret = txn_fix_copied(q, &t, err)) < 0) {
        txn_abort(&t);
        return ret;
    }
    return txn_commit(q, &t, err);
}

/* Sets *same when the L2 tables at a and b map every cluster alike (entries equal but for
 * the COPIED flag). Standard L2 entries only: with extended L2, only a == b counts. */
static int same_l2(Qcow2 *q, uint64_t a, uint64_t b, bool *same, Err *err)
{
    *same = a == b;
    if (*same || q->ext_l2)
        return 0;
    uint8_t *l2, *copy = xmalloc(q->cluster_size);
    int ret = q_l2_get(q, a, &l2, err);
    if (ret == 0) {
        memcpy(copy, l2, q->cluster_size);
        ret = q_l2_get(q, b, &l2, err);
    }
    *same = ret == 0;
    for (uint64_t k = 0; *same && k < q->l2_entries; k++)
        *same = (be64(copy + 8 * k) & ~QCOW2_COPIED) == (be64(l2 + 8 * k) & ~QCOW2_COPIED);
    free(copy);
    return ret;
}

/* Sets *nothing when the active disk already is snapshot s's: the same disk size and L1
 * size, and every active L1 entry maps its clusters as s's disk entry does (0 past them;
 * the same L2 table, or one with the same entries, COPIED flags aside). Then the apply
 * would only trade tables that say the same thing, so there is nothing to write: loadvm
 * right after savevm, or after a run that wrote no disk, allocates nothing, switches no
 * header and syncs nothing. */
static int apply_changes_nothing(Qcow2 *q, const Qcow2Snap *s, const uint64_t *sl1,
                                 uint64_t disk_n, uint64_t n, bool *nothing, Err *err)
{
    *nothing = q->size == s->disk_size && n == q->l1_size;
    for (uint64_t i = 0; *nothing && i < n; i++) {
        uint64_t want = i < MIN(disk_n, (uint64_t)s->l1_size) ? sl1[i] & QCOW2_L1E_OFFSET : 0;
        uint64_t have = q->l1[i] & QCOW2_L1E_OFFSET;
        int ret = want && have ? same_l2(q, have, want, nothing, err) : 0;
        if (ret < 0)
            return ret;
        *nothing = *nothing && (want && have ? true : want == have);
    }
    return 0;
}

int qcow2_snapshot_apply(Qcow2 *q, int index, Err *err)
{
    if (q->read_only)
        return ERR(err, -EPERM, "qcow2: image opened read-only");
    if (index < 0 || index >= q->nsnaps)
        return ERR(err, -ENOENT, "snapshot index %d does not exist", index);
    const Qcow2Snap *s = &q->snaps[index];
    uint64_t disk_n = q_vm_state_index(q, s->disk_size);
    uint64_t n = MAX(disk_n, (uint64_t)q->l1_size);
    if (n > QCOW2_MAX_L1_ENTRIES)
        return ERR(err, -EFBIG, "qcow2: snapshot disk size needs an L1 table over 32 MiB");
    uint64_t *sl1;
    bool nothing;
    int ret = snap_l1(q, s, &sl1, err);
    if (ret < 0 || (ret = apply_changes_nothing(q, s, sl1, disk_n, n, &nothing, err)) < 0 ||
        nothing)
        return ret;
    if ((ret = q_load_refcounts(q, false, err)) < 0)
        return ret;
    uint64_t *nl1 = xzalloc(MAX(n, 1) * 8);
    for (uint64_t i = 0; i < MIN(disk_n, (uint64_t)s->l1_size); i++)
        nl1[i] = sl1[i] & ~QCOW2_COPIED;
    Qcow2Txn t;
    txn_begin(q, &t);
    if ((ret = txn_ref_l1(q, &t, nl1, (uint32_t)n, +1, err)) < 0 ||
        (ret = txn_ref_l1(q, &t, q->l1, q->l1_size, -1, err)) < 0) {
        free(nl1);
        txn_abort(&t);
        return ret;
    }
    free(t.l1);
    t.l1 = nl1;
    t.l1_size = (uint32_t)n;
    t.l1_dirty = true;
    t.size = s->disk_size;
    if ((ret = txn_fix_copied(q, &t, err)) < 0) {
        txn_abort(&t);
        return ret;
    }
    return txn_commit(q, &t, err);
}

/* Host offset of guest byte goff through table l1 when it lies in a plain data cluster
 * (standard L2 entry, neither compressed nor zero), else 0; with the same checks as
 * q_read_l1 (which reads every other kind). */
static int plain_host(Qcow2 *q, const uint64_t *l1, uint32_t l1_size, uint64_t goff,
                      uint64_t *host, Err *err)
{
    *host = 0;
    uint64_t gc = goff >> q->cluster_bits;
    uint64_t l1i = gc >> q->l2_bits, l2i = gc & (q->l2_entries - 1);
    if (q->ext_l2 || l1i >= l1_size || (l1[l1i] & QCOW2_L1E_RESERVED) ||
        !(l1[l1i] & QCOW2_L1E_OFFSET))
        return 0;
    uint8_t *l2;
    int ret = q_l2_get(q, l1[l1i] & QCOW2_L1E_OFFSET, &l2, err);
    if (ret < 0)
        return ret;
    uint64_t raw_e = be64(l2 + l2i * 8);
    uint64_t hoff = raw_e & QCOW2_L2E_OFFSET;
    if ((raw_e & (QCOW2_COMPRESSED | QCOW2_ZERO | QCOW2_L2E_STD_RESERVED)) || !hoff ||
        (hoff & (q->cluster_size - 1)) || hoff >= q->file_size)
        return 0;
    *host = hoff + (goff & (q->cluster_size - 1));
    return 0;
}

/* The read-error hook (qcow2_set_vmstate_read_fail_after): charges len bytes. */
static int vm_read_charge(Qcow2 *q, uint64_t off, uint64_t len, Err *err)
{
    if (q->vm_read_budget < 0)
        return 0;
    if ((uint64_t)q->vm_read_budget < len)
        return ERR(err, -EIO, "qcow2: VM-state read at %#" PRIx64 ": %s (injected)", off,
                   strerror(EIO));
    q->vm_read_budget -= (int64_t)len;
    return 0;
}

/* The longest run of contiguous plain data clusters of snapshot s's VM state from guest
 * offset g (l1: its table), at most len bytes and not past the file's end: its length in
 * *run (0: g is not in one) and its host offset in *host. */
static int plain_run(Qcow2 *q, const Qcow2Snap *s, const uint64_t *l1, uint64_t g,
                     uint64_t len, uint64_t *host, uint64_t *run, Err *err)
{
    uint64_t h2;
    int ret;
    *run = 0;
    if ((ret = plain_host(q, l1, s->l1_size, g, host, err)) < 0 || !*host)
        return ret;
    uint64_t n = MIN(len, q->cluster_size - (g & (q->cluster_size - 1)));
    while (n < len) {
        if ((ret = plain_host(q, l1, s->l1_size, g + n, &h2, err)) < 0)
            return ret;
        if (h2 != *host + n)
            break;
        n += MIN(len - n, q->cluster_size);
    }
    *run = MIN(n, q->file_size - *host);
    return 0;
}

long qcow2_vmstate_readv(Qcow2 *q, int index, uint64_t off, const struct iovec *iov, int niov,
                         Err *err)
{
    if (index < 0 || index >= q->nsnaps)
        return ERR(err, -ENOENT, "snapshot index %d does not exist", index);
    const Qcow2Snap *s = &q->snaps[index];
    uint64_t total = 0;
    for (int i = 0; i < niov; i++)
        total += iov[i].iov_len;
    if (off >= s->vm_state_size)
        return 0;
    uint64_t len = MIN(total, s->vm_state_size - off);
    len = MIN(len, (uint64_t)LONG_MAX);
    int ret = vm_read_charge(q, off, len, err);
    if (ret < 0)
        return ret;
    uint64_t g;
    if (ADD_OVERFLOWS(qcow2_vmstate_offset(q, s->disk_size), off, &g) || g + len < g)
        return ERR(err, -EINVAL, "qcow2: VM-state offset overflows");
    uint64_t *l1;
    if ((ret = snap_l1(q, s, &l1, err)) < 0)
        return ret;
    IovPos p = { iov, niov, 0 };
    uint64_t done = 0;
    while (done < len) {
        uint64_t host, run;
        if ((ret = plain_run(q, s, l1, g + done, len - done, &host, &run, err)) < 0)
            return ret;
        if (!run)
            break;
        struct iovec v[VM_IOV_MAX];
        const struct iovec *pv = v;
        int k = 0;
        size_t got = 0;
        IovPos t = p;
        if (run == total && niov <= VM_IOV_MAX) {
            pv = p.iov;   /* all of it in one run (a lazy load's scan): the caller's list */
            k = p.n;
        }
        while (pv == v && k < VM_IOV_MAX && got < run) {
            while (t.iov->iov_len == t.off) {
                t.iov++; t.n--; t.off = 0;
            }
            size_t m = (size_t)MIN(run - got, t.iov->iov_len - t.off);
            v[k++] = (struct iovec){ (uint8_t *)t.iov->iov_base + t.off, m };
            got += m; t.off += m;
        }
        ssize_t r = preadv(q->fd, pv, k, (off_t)host);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0)
            return ERR(err, -errno, "qcow2: read at %#" PRIx64 ": %s", host, strerror(errno));
        if (r == 0)
            break;
        if ((uint64_t)r == total)
            return (long)r;
        for (size_t left = (size_t)r; left;) {
            while (p.iov->iov_len == p.off) {
                p.iov++; p.n--; p.off = 0;
            }
            size_t m = MIN(left, p.iov->iov_len - p.off);
            p.off += m; left -= m;
        }
        done += (uint64_t)r;
    }
    return (long)done;
}

int qcow2_vmstate_view(Qcow2 *q, int index, uint64_t off, size_t len, const uint8_t **view,
                       size_t *got, Err *err)
{
    *view = NULL;
    *got = 0;
    if (q->view)   /* the file pages it mapped would count in the process's RSS */
        munmap(q->view, q->view_len);
    q->view = NULL;
    if (!len)
        return 0;
    if (index < 0 || index >= q->nsnaps)
        return ERR(err, -ENOENT, "snapshot index %d does not exist", index);
    const Qcow2Snap *s = &q->snaps[index];
    if (off >= s->vm_state_size)
        return 0;
    uint64_t g, host, run;
    if (ADD_OVERFLOWS(qcow2_vmstate_offset(q, s->disk_size), off, &g))
        return ERR(err, -EINVAL, "qcow2: VM-state offset overflows");
    uint64_t *l1;
    int ret = snap_l1(q, s, &l1, err);
    if (ret < 0 || (ret = plain_run(q, s, l1, g, MIN((uint64_t)len, s->vm_state_size - off),
                                    &host, &run, err)) < 0 || !run)
        return ret;
    /* the file as it is now: a page mapped past its end would fault (SIGBUS) */
    struct stat st;
    if (fstat(q->fd, &st) < 0 || st.st_size < 0 || host >= (uint64_t)st.st_size)
        return 0;
    run = MIN(run, (uint64_t)st.st_size - host);
    if ((ret = vm_read_charge(q, off, run, err)) < 0)
        return ret;
    uint64_t at = host & ~(uint64_t)(sysconf(_SC_PAGESIZE) - 1);
    void *m = mmap(NULL, (size_t)(host + run - at), PROT_READ, MAP_SHARED, q->fd, (off_t)at);
    if (m == MAP_FAILED)
        return 0;   /* the caller reads instead */
    q->view = m;
    q->view_len = (size_t)(host + run - at);
    *view = (const uint8_t *)m + (host - at);
    *got = (size_t)run;
    return 0;
}

long qcow2_vmstate_read(Qcow2 *q, int index, uint64_t off, void *buf, size_t len, Err *err)
{
    if (index < 0 || index >= q->nsnaps)
        return ERR(err, -ENOENT, "snapshot index %d does not exist", index);
    const Qcow2Snap *s = &q->snaps[index];
    if (off >= s->vm_state_size)
        return 0;
    len = (size_t)MIN((uint64_t)len, s->vm_state_size - off);
    len = MIN(len, (size_t)LONG_MAX);
    uint64_t base = qcow2_vmstate_offset(q, s->disk_size), g;
    if (ADD_OVERFLOWS(base, off, &g) || g + len < g)
        return ERR(err, -EINVAL, "qcow2: VM-state offset overflows");
    int ret = vm_read_charge(q, off, len, err);
    if (ret < 0)
        return ret;
    uint64_t *l1;
    if ((ret = snap_l1(q, s, &l1, err)) < 0)
        return ret;
    ret = q_read_l1(q, l1, s->l1_size, g, buf, len, err);
    return ret < 0 ? ret : (long)len;
}

int qcow2_snapshot_pread(Qcow2 *q, int index, uint64_t off, void *buf, size_t len, Err *err)
{
    if (index < 0 || index >= q->nsnaps)
        return ERR(err, -ENOENT, "snapshot index %d does not exist", index);
    const Qcow2Snap *s = &q->snaps[index];
    if (off > s->disk_size || len > s->disk_size - off)
        return ERR(err, -EINVAL, "qcow2: read beyond the disk end of snapshot '%s'", s->name);
    uint64_t *l1;
    int ret = snap_l1(q, s, &l1, err);
    /* entries from the VM-state index on hold the VM state, not the disk (as
       qcow2_snapshot_apply copies them): a read below disk_size never reaches them */
    return ret < 0 ? ret : q_read_l1(q, l1, s->l1_size, off, buf, len, err);
}
