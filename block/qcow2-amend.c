/* qcow2-amend.c: changing an existing image's options (qemu-img amend): the compat level
 * (0.10 <-> 1.1) and the refcount width, with QEMU 7.2's rules and messages.
 *
 * The compat level lives in the header cluster alone: a downgrade first turns zero
 * clusters into what v2 can say (a zero cluster without data becomes unallocated, which
 * reads as zero without a backing file; one with a host cluster gets zeros written there
 * first), then one write of the header cluster commits (v2 header, same extensions minus
 * the feature-name table; an upgrade writes QEMU's 112-byte v3 header and the table).
 * A refcount width change writes a complete new refcount table and blocks into clusters
 * free before and after, then one header write switches to them (design note 3 of
 * qcow2.c); the old structure's clusters are free in the new counts. */
#include <stdlib.h>
#include <string.h>

#include "block/qcow2-int.h"

enum { EXT_FEATURE_TABLE = 0x6803f857 };

/* The header cluster for `version`: fields from the open image, extensions kept except
 * the feature-name table, which v3 gets anew (as QEMU writes it, clusters over 4 KiB). */
static int build_header(Qcow2 *q, int version, uint8_t *c0, size_t *len, Err *err)
{
    uint8_t *old = xmalloc(q->cluster_size);
    int ret = q_read(q, 0, old, q->cluster_size, true, err);
    if (ret < 0) {
        free(old);
        return ret;
    }
    memset(c0, 0, q->cluster_size);
    memcpy(c0, old, 72);
    put_be32(c0 + 4, (uint32_t)version);
    size_t hl = 72;
    if (version == 3) {
        hl = 112;
        put_be64(c0 + 72, q->incompat & ~QCOW2_INCOMPAT_DIRTY);
        put_be64(c0 + 80, q->compat);
        put_be64(c0 + 88, q->autoclear);
        put_be32(c0 + 96, q->refcount_order);
        put_be32(c0 + 100, (uint32_t)hl);
        c0[104] = q->compression_type;
        if (q->cluster_size > 4096) {
            static const struct { uint8_t type, bit; const char *name; } ft[] = {
                { 0, 0, "dirty bit" }, { 0, 1, "corrupt bit" }, { 0, 2, "external data file" },
                { 0, 3, "compression type" }, { 0, 4, "extended L2 entries" },
                { 1, 0, "lazy refcounts" }, { 2, 0, "bitmaps" }, { 2, 1, "raw external data" },
            };
            put_be32(c0 + hl, EXT_FEATURE_TABLE);
            put_be32(c0 + hl + 4, (uint32_t)(48 * ARRAY_SIZE(ft)));
            for (size_t i = 0; i < ARRAY_SIZE(ft); i++) {
                c0[hl + 8 + 48 * i] = ft[i].type;
                c0[hl + 9 + 48 * i] = ft[i].bit;
                memcpy(c0 + hl + 10 + 48 * i, ft[i].name, strlen(ft[i].name));
            }
            hl += 8 + 48 * ARRAY_SIZE(ft);
        }
    }
    /* the old extensions were checked at open (parse_extensions) */
    for (uint64_t off = q->header_len; off + 8 <= q->cluster_size;) {
        uint32_t type = be32(old + off), elen = be32(old + off + 4);
        uint64_t padded = 8 + ((elen + 7ull) & ~7ull);
        if (type == 0 || padded > q->cluster_size - off)
            break;
        if (type != EXT_FEATURE_TABLE) {
            if (padded > q->cluster_size - 8 - hl) {
                free(old);
                return ERR(err, -EFBIG, "qcow2: header extensions do not fit the header cluster");
            }
            memcpy(c0 + hl, old + off, padded);
            hl += padded;
        }
        off += padded;
    }
    free(old);
    *len = hl + 8;                 /* the end-of-extensions marker */
    return 0;
}

/* v2 has no zero flag: rewrites every zero entry of the L2 tables of `l1` in place. */
static int expand_zero_l1(Qcow2 *q, const uint64_t *l1, uint32_t n, Err *err)
{
    for (uint32_t i = 0; i < n; i++) {
        uint64_t l2_off = l1[i] & QCOW2_L1E_OFFSET;
        if (!l2_off)
            continue;
        uint8_t *l2;
        int ret = q_l2_get(q, l2_off, &l2, err);
        if (ret < 0)
            return ret;
        uint8_t *copy = xmalloc(q->cluster_size);
        memcpy(copy, l2, q->cluster_size);
        bool dirty = false;
        for (uint64_t k = 0; k < q->l2_entries && ret == 0; k++) {
            uint64_t e = be64(copy + 8 * k);
            if ((e & QCOW2_COMPRESSED) || !(e & QCOW2_ZERO))
                continue;
            uint64_t data = e & QCOW2_L2E_OFFSET;
            if (data) {
                memset(q->tmp, 0, q->cluster_size);
                ret = q_write(q, data, q->tmp, q->cluster_size, err);
            }
            put_be64(copy + 8 * k, data ? e & ~QCOW2_ZERO : 0);
            dirty = true;
        }
        if (ret == 0 && dirty && (ret = q_barrier(q, err)) == 0)
            ret = q_meta_write(q, l2_off, copy, q->cluster_size, err);
        free(copy);
        q_cache_drop(q);
        if (ret < 0)
            return ret;
    }
    return 0;
}

static int downgrade_check(Qcow2 *q, Err *err)
{
    if (q->refcount_order != 4)
        return ERR(err, -ENOTSUP, "compat=0.10 requires refcount_bits=16");
    if (q->ext_l2)
        return ERR(err, -ENOTSUP, "Cannot downgrade an image with extended L2 entries");
    if (q->compression_type)
        return ERR(err, -ENOTSUP, "pcemu-img does not support downgrading an image with "
                   "zstd compression");
    if (q->compat & QCOW2_COMPAT_LAZY)
        return ERR(err, -ENOTSUP, "pcemu-img does not support downgrading an image with "
                   "lazy refcounts");
    if (q->incompat & ~QCOW2_INCOMPAT_DIRTY)
        return ERR(err, -ENOTSUP, "Cannot downgrade an image with incompatible features "
                   "%#llx set", (unsigned long long)(q->incompat & ~QCOW2_INCOMPAT_DIRTY));
    return 0;
}

int qcow2_set_version(Qcow2 *q, int version, Err *err)
{
    if (q->read_only)
        return ERR(err, -EPERM, "qcow2: image opened read-only");
    if ((uint32_t)version == q->version)
        return 0;
    int ret = 0;
    if (version == 2) {
        if ((ret = downgrade_check(q, err)) < 0)
            return ret;
        ret = expand_zero_l1(q, q->l1, q->l1_size, err);
        for (int i = 0; i < q->nsnaps && ret == 0; i++) {
            uint32_t n = q->snaps[i].l1_size;
            uint64_t *l1 = xmalloc(MAX(n, 1u) * 8ull);
            uint8_t *raw = xmalloc(MAX(n, 1u) * 8ull);
            ret = q_read(q, q->snaps[i].l1_off, raw, n * 8ull, false, err);
            for (uint32_t k = 0; k < n && ret == 0; k++)
                l1[k] = be64(raw + 8 * k);
            if (ret == 0)
                ret = expand_zero_l1(q, l1, n, err);
            free(l1);
            free(raw);
        }
        if (ret < 0)
            return ret;
    }
    uint8_t *c0 = xmalloc(q->cluster_size);
    size_t len = 0;
    if ((ret = build_header(q, version, c0, &len, err)) == 0 &&
        (ret = q_barrier(q, err)) == 0 && (ret = q_meta_write(q, 0, c0, len, err)) == 0 &&
        (ret = q_barrier(q, err)) == 0) {
        q->version = (uint32_t)version;
        q->header_len = version == 3 ? 112 : 72;
        if (version == 2)
            q->incompat = q->compat = q->autoclear = 0;
    }
    free(c0);
    return ret;
}

/* ---------------------------------------------------------------- refcount width */

static void rb_store(uint8_t *blk, uint64_t i, unsigned order, uint64_t v)
{
    unsigned bits = 1u << order;
    if (bits < 8) {
        uint8_t *b = blk + (i * bits) / 8;
        unsigned shift = (unsigned)((i * bits) % 8);
        *b = (uint8_t)((*b & ~(((1u << bits) - 1) << shift)) | (v << shift));
        return;
    }
    for (unsigned k = 0; k < bits / 8; k++)
        blk[i * (bits / 8) + k] = (uint8_t)(v >> (bits - 8 - 8 * k));
}

static uint64_t first_free(const uint64_t *rc, uint64_t n, uint64_t from)
{
    while (from < n && rc[from])
        from++;
    return from;
}

/* Allocates in rc (growing it) clusters for refcount blocks covering every used cluster
 * at width `order` and a table for them: blocks[0..nb) and table_n clusters at
 * table_off. */
static void plan_refcounts(Qcow2 *q, uint64_t **rc, uint64_t *rc_n, unsigned order,
                           uint64_t **blocks, uint64_t *nb, uint64_t *table_off,
                           uint32_t *table_n)
{
    uint64_t per_block = q->cluster_size * 8 >> order, per_table = q->cluster_size / 8;
    *nb = 0;
    *blocks = NULL;
    *table_n = 0;
    uint64_t table_c = 0;
    for (;;) {
        uint64_t used = *rc_n;
        while (used && !(*rc)[used - 1])
            used--;
        uint64_t need_b = (used + per_block - 1) / per_block;
        uint64_t need_t = (need_b + per_table - 1) / per_table;
        if (need_b <= *nb && need_t <= *table_n)
            break;
        /* grow: a fresh table run each time it must grow (the old run is released) */
        uint64_t want_b = need_b + 1, want_t = (want_b + per_table - 1) / per_table;
        *blocks = xrealloc(*blocks, want_b * sizeof **blocks);
        for (uint64_t b = *nb; b < want_b; b++) {
            uint64_t c = first_free(*rc, *rc_n, 1);
            if (c >= *rc_n) {
                *rc = xrealloc(*rc, (c + 1) * sizeof **rc);
                (*rc)[c] = 0;
                *rc_n = c + 1;
            }
            (*rc)[c] = 1;
            (*blocks)[b] = c << q->cluster_bits;
        }
        *nb = want_b;
        if (want_t > *table_n) {
            for (uint64_t k = 0; k < *table_n; k++)
                (*rc)[table_c + k] = 0;
            uint64_t s = 1;
            for (;;) {                       /* a free run of want_t clusters */
                s = first_free(*rc, *rc_n, s);
                uint64_t k = 0;
                while (k < want_t && (s + k >= *rc_n || !(*rc)[s + k]))
                    k++;
                if (k == want_t)
                    break;
                s += k;
            }
            if (s + want_t > *rc_n) {
                *rc = xrealloc(*rc, (s + want_t) * sizeof **rc);
                memset(*rc + *rc_n, 0, (s + want_t - *rc_n) * sizeof **rc);
                *rc_n = s + want_t;
            }
            for (uint64_t k = 0; k < want_t; k++)
                (*rc)[s + k] = 1;
            table_c = s;
            *table_n = (uint32_t)want_t;
        }
    }
    *table_off = table_c << q->cluster_bits;
}

static int write_refcounts(Qcow2 *q, const uint64_t *rc, uint64_t rc_n, unsigned order,
                           const uint64_t *blocks, uint64_t nb, uint64_t table_off,
                           uint32_t table_n, Err *err)
{
    uint64_t per_block = q->cluster_size * 8 >> order;
    uint8_t *blk = xmalloc(q->cluster_size);
    int ret = 0;
    for (uint64_t b = 0; b < nb && ret == 0; b++) {
        memset(blk, 0, q->cluster_size);
        for (uint64_t i = 0; i < per_block && b * per_block + i < rc_n; i++)
            rb_store(blk, i, order, rc[b * per_block + i]);
        ret = q_meta_write(q, blocks[b], blk, q->cluster_size, err);
    }
    free(blk);
    if (ret < 0)
        return ret;
    uint64_t bytes = (uint64_t)table_n << q->cluster_bits;
    uint8_t *t = xzalloc(bytes);
    for (uint64_t b = 0; b < nb; b++)
        put_be64(t + 8 * b, blocks[b]);
    ret = q_meta_write(q, table_off, t, bytes, err);
    free(t);
    return ret;
}

int qcow2_set_refcount_order(Qcow2 *q, unsigned order, Err *err)
{
    if (q->read_only)
        return ERR(err, -EPERM, "qcow2: image opened read-only");
    if (order == q->refcount_order)
        return 0;
    if (q->version < 3)
        return ERR(err, -ENOTSUP, "Different refcount widths than 16 bits require "
                   "compatibility level 1.1 or above (use compat=1.1 or greater)");
    int ret = q_load_refcounts(q, false, err);
    if (ret < 0)
        return ret;
    uint64_t max = order == 6 ? UINT64_MAX : (1ull << (1u << order)) - 1;
    for (uint64_t i = 0; i < q->rc_n; i++)
        if (q->rc[i] > max)
            return ERR(err, -EINVAL, "Cannot decrease refcount entry width to %u bits: "
                       "Cluster at offset %#" PRIx64 " has a refcount of %" PRIu64,
                       1u << order, i << q->cluster_bits, q->rc[i]);
    uint64_t rc_n = q->rc_n, *rc = xmalloc(MAX(rc_n, 1) * sizeof *rc);
    memcpy(rc, q->rc, rc_n * sizeof *rc);
    uint64_t *blocks, nb, table_off;
    uint32_t table_n;
    plan_refcounts(q, &rc, &rc_n, order, &blocks, &nb, &table_off, &table_n);
    /* after the switch the old table and blocks are free */
    for (uint64_t k = 0; k < q->rt_clusters; k++)
        rc[(q->rt_off >> q->cluster_bits) + k] = 0;
    for (uint64_t b = 0; b < q->rt_n; b++)
        if (q->rt[b])
            rc[q->rt[b] >> q->cluster_bits] = 0;
    ret = write_refcounts(q, rc, rc_n, order, blocks, nb, table_off, table_n, err);
    uint8_t h[104];
    if (ret == 0 && (ret = q_barrier(q, err)) == 0)
        ret = q_read(q, 0, h, sizeof h, false, err);
    if (ret == 0) {
        put_be64(h + 48, table_off);
        put_be32(h + 56, table_n);
        put_be32(h + 96, order);
        if ((ret = q_meta_write(q, 0, h, sizeof h, err)) == 0)
            ret = q_barrier(q, err);
    }
    if (ret < 0) {
        free(rc);
        free(blocks);
        return ret;
    }
    free(q->rc);
    q->rc = rc;
    q->rc_n = rc_n;
    free(q->rt);
    q->rt = blocks;
    q->rt_n = nb;
    q->rt_off = table_off;
    q->rt_clusters = table_n;
    q->refcount_order = order;
    q->rb_entries = q->cluster_size * 8 >> order;
    q->rc_max = max;
    q->free_hint = 1;
    return 0;
}

int qcow2_amend(Qcow2 *q, const Qcow2CreateOpts *o, Err *err)
{
    int ret = 0, from = (int)q->version;
    if (o->version > from)
        ret = qcow2_set_version(q, o->version, err);
    if (ret == 0 && o->refcount_order >= 0)
        ret = qcow2_set_refcount_order(q, (unsigned)o->refcount_order, err);
    if (ret == 0 && o->version < from)
        ret = qcow2_set_version(q, o->version, err);
    if (ret == 0 && o->size != q->size)
        ret = qcow2_resize(q, o->size, err);
    return ret;
}
