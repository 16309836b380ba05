/* qcow2-txn.c: the metadata transaction of qcow2.c's design note 3. Callers build the new
 * refcounts, active L1 and snapshot list in a Qcow2Txn; txn_commit writes every changed
 * table to clusters free before and after, flushes, and switches the image with one write
 * of header bytes 24..71. Refcount blocks and the refcount table are relocated, never
 * edited in place, so a crash at any metadata write leaves the old or the new image. */
#include "block/qcow2-int.h"

#include <stdlib.h>
#include <string.h>

int txn_begin(Qcow2 *q, Qcow2Txn *t)
{
    memset(t, 0, sizeof *t);
    t->rc_n = q->rc_n;
    t->rc = xmalloc(MAX(t->rc_n, 1) * sizeof *t->rc);
    memcpy(t->rc, q->rc, t->rc_n * sizeof *t->rc);
    t->l1_size = q->l1_size;
    t->l1 = xmalloc(MAX(q->l1_size, 1) * 8);
    memcpy(t->l1, q->l1, q->l1_size * 8ull);
    t->nsnaps = q->nsnaps;
    t->snaps = xzalloc((size_t)MAX(q->nsnaps, 1) * sizeof *t->snaps);
    for (int i = 0; i < q->nsnaps; i++) {
        Qcow2Snap *d = &t->snaps[i];
        *d = q->snaps[i];
        /* on-disk bytes may contain NULs: copy by length, not as strings */
        d->id = xmalloc(d->id_len + 1u);
        memcpy(d->id, q->snaps[i].id, d->id_len + 1u);
        d->name = xmalloc(d->name_len + 1u);
        memcpy(d->name, q->snaps[i].name, d->name_len + 1u);
        if (d->extra_unknown_len) {
            d->extra_unknown = xmalloc(d->extra_unknown_len);
            memcpy(d->extra_unknown, q->snaps[i].extra_unknown, d->extra_unknown_len);
        }
    }
    t->size = q->size;
    return 0;
}

void q_snap_free(Qcow2Snap *s)
{
    free(s->id); free(s->name); free(s->extra_unknown);
    s->id = s->name = NULL;
    s->extra_unknown = NULL;
}

void txn_abort(Qcow2Txn *t)
{
    free(t->rc);
    free(t->l1);
    for (int i = 0; i < t->nsnaps; i++)
        q_snap_free(&t->snaps[i]);
    free(t->snaps);
    for (int i = 0; i < t->nwrites; i++)
        free(t->writes[i].buf);
    free(t->writes);
    memset(t, 0, sizeof *t);
}

int txn_rc_add(Qcow2 *q, Qcow2Txn *t, uint64_t c, int64_t delta, Err *err)
{
    uint64_t v = q_rc_at(t->rc, t->rc_n, c);
    if (delta < 0 && v < (uint64_t)-delta)
        return ERR(err, -EINVAL, "qcow2: refcount of cluster %" PRIu64 " would drop below 0 "
                   "(metadata inconsistent; run check)", c);
    if (delta > 0 && q->rc_max - v < (uint64_t)delta)
        return ERR(err, -ERANGE, "qcow2: refcount of cluster %" PRIu64 " would overflow %d "
                   "bits", c, 1 << q->refcount_order);
    if (c >= t->rc_n) {
        /* metadata pointing one cluster or more past the end of the file is corrupt */
        if (c > q_clusters_for(q, q->file_size))
            return ERR(err, -EINVAL, "qcow2: reference to cluster %" PRIu64 " past the end "
                       "of the file", c);
        q_rc_grow(&t->rc, &t->rc_n, c + 1);
    }
    t->rc[c] = v + (uint64_t)delta;
    return 0;
}

/* n contiguous clusters free before and after the transaction; refcount 1 after. */
int txn_alloc(Qcow2 *q, Qcow2Txn *t, uint64_t n, uint64_t *off, Err *err)
{
    uint64_t s = q_find_free_run(q, t->rc, t->rc_n, n);
    if (s + n > (1ull << (56 - q->cluster_bits)))
        return ERR(err, -EFBIG, "qcow2: image file would exceed 2^56 bytes");
    q_rc_grow(&t->rc, &t->rc_n, s + n);
    for (uint64_t i = s; i < s + n; i++)
        t->rc[i] = 1;
    *off = s << q->cluster_bits;
    return 0;
}

void txn_write(Qcow2Txn *t, uint64_t off, uint8_t *buf, size_t len)
{
    t->writes = xrealloc(t->writes, (size_t)(t->nwrites + 1) * sizeof *t->writes);
    t->writes[t->nwrites++] = (Qcow2Write){ off, buf, len };
}

static int txn_ref_range(Qcow2 *q, Qcow2Txn *t, uint64_t off, uint64_t len, int delta, Err *err)
{
    if (!len)
        return 0;
    for (uint64_t c = off >> q->cluster_bits; c <= (off + len - 1) >> q->cluster_bits; c++) {
        int ret = txn_rc_add(q, t, c, delta, err);
        if (ret < 0)
            return ret;
    }
    return 0;
}

/* delta on every cluster one L2 table's entries reference (one path, note 6). */
int txn_ref_l2(Qcow2 *q, Qcow2Txn *t, const uint8_t *l2, int delta, Err *err)
{
    for (uint64_t i = 0; i < q->l2_entries; i++) {
        uint64_t e = be64(l2 + i * q->l2_esize);
        int ret = 0;
        if (e & QCOW2_COMPRESSED) {
            uint64_t coff, csize;
            q_compressed_range(q, e, &coff, &csize);
            ret = txn_ref_range(q, t, coff, csize, delta, err);
        } else if (e & QCOW2_L2E_OFFSET) {
            if (e & (q->cluster_size - 1) & QCOW2_L2E_OFFSET)
                return ERR(err, -EINVAL, "qcow2: unaligned data cluster in L2 entry %#" PRIx64, e);
            ret = txn_rc_add(q, t, (e & QCOW2_L2E_OFFSET) >> q->cluster_bits, delta, err);
        }
        if (ret < 0)
            return ret;
    }
    return 0;
}

/* delta on every L2 table an L1 table references and on their data (not the L1 itself). */
int txn_ref_l1(Qcow2 *q, Qcow2Txn *t, const uint64_t *l1, uint32_t n, int delta, Err *err)
{
    for (uint32_t i = 0; i < n; i++) {
        uint64_t off = l1[i] & QCOW2_L1E_OFFSET;
        if (!off)
            continue;
        uint8_t *l2;
        int ret = q_l2_get(q, off, &l2, err);
        if (ret < 0)
            return ret;
        if ((ret = txn_ref_l2(q, t, l2, delta, err)) < 0)
            return ret;
        if ((ret = txn_rc_add(q, t, off >> q->cluster_bits, delta, err)) < 0)
            return ret;
    }
    return 0;
}

/* Makes the COPIED flags of the new active tables exact (note 5). An L2 table whose
 * entries must change is copied to a new cluster (a table is never edited in place inside
 * a transaction); moving the active path from the old table to the copy leaves the data
 * refcounts unchanged. */
int txn_fix_copied(Qcow2 *q, Qcow2Txn *t, Err *err)
{
    for (uint32_t i = 0; i < t->l1_size; i++) {
        uint64_t off = t->l1[i] & QCOW2_L1E_OFFSET;
        if (!off)
            continue;
        uint8_t *l2;
        int ret = q_l2_get(q, off, &l2, err);
        if (ret < 0)
            return ret;
        uint8_t *copy = NULL;
        for (uint64_t k = 0; k < q->l2_entries; k++) {
            uint64_t e = be64(l2 + 8 * k), want = e & ~QCOW2_COPIED;
            uint64_t h = e & QCOW2_L2E_OFFSET;
            if (!(e & QCOW2_COMPRESSED) && h && q_rc_at(t->rc, t->rc_n, h >> q->cluster_bits) == 1)
                want |= QCOW2_COPIED;
            if (want != e) {
                if (!copy) {
                    copy = xmalloc(q->cluster_size);
                    memcpy(copy, l2, q->cluster_size);
                }
                put_be64(copy + 8 * k, want);
            }
        }
        if (copy) {
            uint64_t nt;
            if ((ret = txn_alloc(q, t, 1, &nt, err)) < 0 ||
                (ret = txn_rc_add(q, t, off >> q->cluster_bits, -1, err)) < 0) {
                free(copy);
                return ret;
            }
            txn_write(t, nt, copy, q->cluster_size);
            off = nt;
            t->l1_dirty = true;
        }
        uint64_t want = off | (q_rc_at(t->rc, t->rc_n, off >> q->cluster_bits) == 1 ? QCOW2_COPIED : 0);
        if (want != t->l1[i]) {
            t->l1[i] = want;
            t->l1_dirty = true;
        }
    }
    return 0;
}

static uint64_t rc_used_n(const uint64_t *rc, uint64_t n)
{
    while (n && !rc[n - 1])
        n--;
    return n;
}

/* Where the commit puts the tables that change; owned by txn_commit. */
typedef struct TxnPlan {
    uint64_t l1_off;              /* new active L1 (the old one when unchanged) */
    uint64_t snaps_off, snaps_size;
    uint8_t *snap_tbl;            /* the new snapshot table's bytes; NULL when unchanged */
    uint64_t *rt;                 /* new refcount table entries, rt_n; NULL when none moved */
    uint64_t rt_n;
    uint64_t rt_off;
    uint32_t rt_clusters;
    bool *moved;                  /* per refcount block: relocated (written at rt[b]) */
    uint64_t max_blocks;          /* entries of moved */
    bool any_moved;
} TxnPlan;

static void plan_free(TxnPlan *p)
{
    free(p->snap_tbl); free(p->rt); free(p->moved);
}

/* Phase 1: new clusters for the active L1 and the snapshot table when they change. */
static int plan_tables(Qcow2 *q, Qcow2Txn *t, TxnPlan *p, Err *err)
{
    int ret;
    if (t->l1_dirty || t->l1_size != q->l1_size) {
        if ((ret = txn_ref_range(q, t, q->l1_off, q->l1_size * 8ull, -1, err)) < 0)
            return ret;
        p->l1_off = 0;
        if (t->l1_size &&
            (ret = txn_alloc(q, t, q_clusters_for(q, t->l1_size * 8ull), &p->l1_off, err)) < 0)
            return ret;
        t->l1_dirty = true;
    }
    if (t->snaps_dirty) {
        if ((ret = txn_ref_range(q, t, q->snaps_off, q->snaps_size, -1, err)) < 0)
            return ret;
        size_t len = 0;
        p->snaps_off = 0;
        p->snaps_size = 0;
        if (t->nsnaps) {
            p->snap_tbl = q_snapshot_table(q, t->snaps, t->nsnaps, &len);
            if (len > QCOW2_MAX_SNAP_TABLE)
                return ERR(err, -EFBIG, "qcow2: snapshot table would exceed 64 MiB");
            if ((ret = txn_alloc(q, t, q_clusters_for(q, len), &p->snaps_off, err)) < 0)
                return ret;
            p->snaps_size = len;
        }
    }
    return 0;
}

/* Grows the new refcount table to n entries, the old table's entries where it had them. */
static void plan_rt_grow(const Qcow2 *q, TxnPlan *p, uint64_t n)
{
    p->rt = xrealloc(p->rt, n * sizeof *p->rt);
    for (uint64_t k = p->rt_n; k < n; k++)
        p->rt[k] = k < q->rt_n ? q->rt[k] : 0;
    p->rt_n = n;
}

/* Phase 2: every refcount block whose contents change moves to a new cluster, and the
 * refcount table with it; each allocation changes refcounts again, so repeat until no
 * block changes (a fixed point). */
static int plan_refcounts(Qcow2 *q, Qcow2Txn *t, TxnPlan *p, Err *err)
{
    uint64_t rbe = q->rb_entries, rt_used = 0;
    bool rt_alloc = false;
    int ret;
    for (uint64_t b = 0; b < q->rt_n; b++)
        if (q->rt[b])
            rt_used = b + 1;
    for (int round = 0;; round++) {
        bool changed = false;
        uint64_t used = MAX(rc_used_n(t->rc, t->rc_n), rc_used_n(q->rc, q->rc_n));
        uint64_t nblocks = (used + rbe - 1) / rbe;
        if (nblocks > p->max_blocks) {
            p->moved = xrealloc(p->moved, nblocks * sizeof *p->moved);
            memset(p->moved + p->max_blocks, 0, (nblocks - p->max_blocks) * sizeof *p->moved);
            p->max_blocks = nblocks;
        }
        for (uint64_t b = 0; b < nblocks; b++) {
            if (p->moved[b])
                continue;
            bool dirty = false;
            for (uint64_t i = b * rbe; i < (b + 1) * rbe && !dirty; i++)
                dirty = q_rc_at(t->rc, t->rc_n, i) != q_rc_at(q->rc, q->rc_n, i);
            if (!dirty)
                continue;
            uint64_t nb;
            if ((ret = txn_alloc(q, t, 1, &nb, err)) < 0)
                return ret;
            if (b < q->rt_n && q->rt[b] &&
                (ret = txn_rc_add(q, t, q->rt[b] >> q->cluster_bits, -1, err)) < 0)
                return ret;
            if (b >= p->rt_n)
                plan_rt_grow(q, p, MAX(b + 1, MAX(q->rt_n, p->rt_n)));
            p->rt[b] = nb;
            p->moved[b] = true;
            p->any_moved = changed = true;
        }
        if (p->any_moved) {
            uint64_t need = MAX(p->max_blocks, rt_used);
            if (!p->rt || p->rt_n < need)
                plan_rt_grow(q, p, need);
            uint64_t cap = ((uint64_t)p->rt_clusters << q->cluster_bits) / 8;
            if (!rt_alloc || cap < MAX(need, p->rt_n)) {
                if (rt_alloc) {
                    for (uint64_t c = 0; c < p->rt_clusters; c++)
                        t->rc[(p->rt_off >> q->cluster_bits) + c] = 0;
                } else if (q->rt_clusters &&
                           (ret = txn_ref_range(q, t, q->rt_off,
                                                (uint64_t)q->rt_clusters << q->cluster_bits,
                                                -1, err)) < 0) {
                    return ret;
                }
                /* the old size when it suffices; else room for a quarter more blocks */
                uint64_t n_ent = MAX(need, p->rt_n);
                uint64_t want = MAX((uint64_t)q->rt_clusters,
                                    cap >= n_ent ? 0 : q_clusters_for(q, (n_ent + n_ent / 4 + 8) * 8));
                if (want << q->cluster_bits > QCOW2_MAX_REFTABLE)
                    return ERR(err, -EFBIG, "qcow2: refcount table would exceed 8 MiB");
                if ((ret = txn_alloc(q, t, want, &p->rt_off, err)) < 0)
                    return ret;
                p->rt_clusters = (uint32_t)want;
                rt_alloc = changed = true;
            }
        }
        if (!changed)
            return 0;
        if (round > 1000)
            return ERR(err, -EIO, "qcow2: internal: refcount relocation does not converge");
    }
}

/* Phase 3: every new structure to its new clusters (none of them is referenced yet). */
static int write_new_structures(Qcow2 *q, const Qcow2Txn *t, const TxnPlan *p, Err *err)
{
    int ret = 0;
    for (int i = 0; i < t->nwrites && ret == 0; i++)
        ret = q_meta_write(q, t->writes[i].off, t->writes[i].buf, t->writes[i].len, err);
    if (ret == 0 && t->l1_dirty && t->l1_size) {
        uint8_t *b = xmalloc(t->l1_size * 8ull);
        for (uint32_t i = 0; i < t->l1_size; i++)
            put_be64(b + 8 * i, t->l1[i]);
        ret = q_meta_write(q, p->l1_off, b, t->l1_size * 8ull, err);
        free(b);
    }
    if (ret == 0 && p->snap_tbl)
        ret = q_meta_write(q, p->snaps_off, p->snap_tbl, p->snaps_size, err);
    if (ret < 0 || !p->any_moved)
        return ret;
    uint64_t rbe = q->rb_entries;
    uint8_t *blk = xmalloc(q->cluster_size);
    for (uint64_t b = 0; b < p->max_blocks && ret == 0; b++) {
        if (!p->moved[b])
            continue;
        memset(blk, 0, q->cluster_size);
        for (uint64_t i = 0; i < rbe; i++)
            q_rb_put(blk, i, q->refcount_order, q_rc_at(t->rc, t->rc_n, b * rbe + i));
        ret = q_meta_write(q, p->rt[b], blk, q->cluster_size, err);
    }
    free(blk);
    if (ret < 0)
        return ret;
    uint64_t bytes = (uint64_t)p->rt_clusters << q->cluster_bits;
    uint8_t *rtb = xzalloc(bytes);
    for (uint64_t b = 0; b < p->rt_n; b++)
        put_be64(rtb + 8 * b, p->rt[b]);
    ret = q_meta_write(q, p->rt_off, rtb, bytes, err);
    free(rtb);
    return ret;
}

/* Phase 4: the commit itself, the one write of header bytes 24..71, flushed. */
static int switch_header(Qcow2 *q, const Qcow2Txn *t, const TxnPlan *p, Err *err)
{
    uint8_t h[QCOW2_HDR_COMMIT_LEN];
    put_be64(h + (QCOW2_HDR_SIZE - QCOW2_HDR_COMMIT), t->size);
    put_be32(h + (QCOW2_HDR_CRYPT_METHOD - QCOW2_HDR_COMMIT), 0);   /* always 0 (checked at open) */
    put_be32(h + (QCOW2_HDR_L1_SIZE - QCOW2_HDR_COMMIT), t->l1_size);
    put_be64(h + (QCOW2_HDR_L1_OFFSET - QCOW2_HDR_COMMIT), p->l1_off);
    put_be64(h + (QCOW2_HDR_RT_OFFSET - QCOW2_HDR_COMMIT), p->rt_off);
    put_be32(h + (QCOW2_HDR_RT_CLUSTERS - QCOW2_HDR_COMMIT), p->rt_clusters);
    put_be32(h + (QCOW2_HDR_NB_SNAPSHOTS - QCOW2_HDR_COMMIT), (uint32_t)t->nsnaps);
    put_be64(h + (QCOW2_HDR_SNAPSHOTS_OFFSET - QCOW2_HDR_COMMIT), p->snaps_off);
    int ret = q_meta_write(q, QCOW2_HDR_COMMIT, h, sizeof h, err);
    return ret < 0 ? ret : q_barrier(q, err);
}

/* Phase 5: committed; q takes over the transaction's tables. */
static void adopt(Qcow2 *q, Qcow2Txn *t, TxnPlan *p)
{
    free(q->rc);
    q->rc = t->rc; q->rc_n = t->rc_n; t->rc = NULL;
    free(q->l1);
    q->l1 = t->l1; q->l1_size = t->l1_size; q->l1_off = p->l1_off; t->l1 = NULL;
    for (int i = 0; i < q->nsnaps; i++)
        q_snap_free(&q->snaps[i]);
    free(q->snaps);
    q->snaps = t->snaps; q->nsnaps = t->nsnaps; t->snaps = NULL; t->nsnaps = 0;
    q->snaps_off = p->snaps_off; q->snaps_size = p->snaps_size;
    if (p->any_moved) {
        free(q->rt);
        q->rt = p->rt; q->rt_n = p->rt_n; p->rt = NULL;
        q->rt_off = p->rt_off; q->rt_clusters = p->rt_clusters;
    }
    q->size = t->size;
    q->free_hint = 1;
    q->comp_off = 0;
    q_cache_drop(q);
}

/* note 3: plan, write, flush, one header write; the transaction is consumed either way. */
int txn_commit(Qcow2 *q, Qcow2Txn *t, Err *err)
{
    TxnPlan p = { .l1_off = q->l1_off, .snaps_off = q->snaps_off, .snaps_size = q->snaps_size,
                  .rt_off = q->rt_off, .rt_clusters = q->rt_clusters };
    int ret;
    if ((ret = plan_tables(q, t, &p, err)) < 0 ||
        (ret = plan_refcounts(q, t, &p, err)) < 0 ||
        (ret = write_new_structures(q, t, &p, err)) < 0 ||
        (ret = q_barrier(q, err)) < 0 ||
        (ret = switch_header(q, t, &p, err)) < 0) {
        txn_abort(t);
        plan_free(&p);
        q_cache_drop(q);
        return ret;
    }
    adopt(q, t, &p);
    txn_abort(t);
    plan_free(&p);
    return 0;
}
