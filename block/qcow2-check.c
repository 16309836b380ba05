/* qcow2-check.c: consistency check and repair with qemu-img check's rules and wording
 * (qcow2-snapshots.md sections 6.2 and 14; QEMU 7.2 qcow2-refcount.c behaviour): every
 * reference is recounted from the header, the active and snapshot L1/L2 tables, the
 * refcount structure and the snapshot table, compared with the stored refcounts, and the
 * COPIED flags of the active tables are checked against them. Repairs are one
 * transaction (qcow2.c note 3). */
#include "block/qcow2-int.h"

#include <stdarg.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

typedef struct Check {
    Qcow2 *q;
    FILE *log;
    Qcow2CheckResult *res;
    int repair;             /* QCOW2_REPAIR_* */
    bool rebuild;           /* a finding only a new refcount structure fixes (QEMU's rule) */
    bool *eio;              /* per refcount table entry: QEMU cannot read the block (its
                             * offset is unaligned or past 2^63), so its refcounts are
                             * read errors there, not zeros */
    uint64_t eio_n;
    uint64_t *ref;          /* computed references per cluster */
    uint64_t nref;
    uint64_t next_contig;   /* fragmentation statistics of the active L2 table walked */
    char why[256];          /* the first finding a repair cannot fix, for messages */
} Check;

static void say(Check *c, const char *fmt, ...) PRINTF_LIKE(2, 3);
static void say(Check *c, const char *fmt, ...)
{
    if (!c->log)
        return;
    va_list ap;
    va_start(ap, fmt);
    vfprintf(c->log, fmt, ap);
    va_end(ap);
}

/* A finding no repair fixes (a corruption, or with io an internal error): logged, counted,
 * and the first one kept in c->why. */
static void bad(Check *c, bool io, const char *fmt, ...) PRINTF_LIKE(3, 4);
static void bad(Check *c, bool io, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    if (c->log) {
        va_list aq;
        va_copy(aq, ap);
        vfprintf(c->log, fmt, aq);
        va_end(aq);
    }
    if (!c->why[0]) {
        vsnprintf(c->why, sizeof c->why, fmt, ap);
        c->why[strcspn(c->why, "\n")] = 0;
    }
    va_end(ap);
    if (io)
        c->res->check_errors++;
    else
        c->res->corruptions++;
}

/* Whether QEMU fails to read the refcount of cluster k (see Check.eio). */
static bool rc_unreadable(const Check *c, uint64_t k)
{
    uint64_t b = k / c->q->rb_entries;
    return b < c->eio_n && c->eio[b];
}

static void inc_refs(Check *c, uint64_t off, uint64_t size)
{
    Qcow2 *q = c->q;
    if (!size)
        return;
    uint64_t end = off + size;
    if (end < off || (end > q->file_size && end - q->file_size >= q->cluster_size)) {
        bad(c, false, "ERROR: counting reference for region exceeding the end of the file by "
            "one cluster or more: offset 0x%" PRIx64 " size 0x%" PRIx64 "\n", off, size);
        return;
    }
    for (uint64_t k = off >> q->cluster_bits; k <= (end - 1) >> q->cluster_bits; k++) {
        if (k >= c->nref) {
            uint64_t nn = MAX(k + 1, c->nref * 2);
            c->ref = xrealloc(c->ref, nn * sizeof *c->ref);
            memset(c->ref + c->nref, 0, (nn - c->nref) * sizeof *c->ref);
            c->nref = nn;
        }
        if (c->ref[k] == q->rc_max) {
            bad(c, false, "ERROR: overflow cluster offset=0x%" PRIx64 "\nUse qemu-img amend "
                "to increase the refcount entry width or qemu-img convert to create a clean "
                "copy if the image cannot be opened for writing\n", k << q->cluster_bits);
            continue;
        }
        c->ref[k]++;
    }
}

static void check_l2(Check *c, const uint8_t *l2, bool active)
{
    Qcow2 *q = c->q;
    c->next_contig = 0;     /* as QEMU: fragmentation is counted within each L2 table */
    for (uint64_t i = 0; i < q->l2_entries; i++) {
        uint64_t e = be64(l2 + i * q->l2_esize);
        uint64_t bitmap = q->ext_l2 ? be64(l2 + i * 16 + 8) : 0;
        if (e & QCOW2_COMPRESSED) {
            if (e & QCOW2_COPIED)
                bad(c, false, "ERROR: coffset=0x%" PRIx64 ": copied flag must never be set "
                    "for compressed clusters\n", e & q->coff_mask);
            if (bitmap)
                bad(c, false, "ERROR compressed cluster %" PRIu64 " with non-zero subcluster "
                    "allocation bitmap, entry=0x%" PRIx64 "\n", i, e);
            uint64_t coff, csize;
            q_compressed_range(q, e, &coff, &csize);
            inc_refs(c, coff, csize);
            if (active) {
                c->res->allocated_clusters++;
                c->res->compressed_clusters++;
                c->res->fragmented_clusters++;
            }
            continue;
        }
        uint64_t off = e & QCOW2_L2E_OFFSET;
        if (e & (QCOW2_L2E_STD_RESERVED | (q->ext_l2 ? QCOW2_ZERO : 0)))
            bad(c, false, "ERROR found l2 entry with reserved bits set: %" PRIx64 "\n", e);
        if (!off) {
            /* unallocated, or (without subclusters) a plain zero cluster */
            if (q->ext_l2 && (bitmap & 0xffffffffull))
                bad(c, false, "ERROR: Unallocated cluster has non-zero subcluster allocation "
                    "bitmap\n");
            continue;
        }
        if (q->ext_l2 && ((bitmap >> 32) & bitmap))
            bad(c, false, "ERROR offset=%" PRIx64 ": Allocated cluster has corrupted "
                "subcluster allocation bitmap\n", off);
        if (off & (q->cluster_size - 1)) {
            /* as QEMU: the entry still counts a reference to the cluster it points into */
            bool data = q->ext_l2 ? (bitmap & 0xffffffffull) != 0 : !(e & QCOW2_ZERO);
            bad(c, false, "ERROR offset=%" PRIx64 ": %s cluster is not properly aligned; L2 "
                "entry corrupted.\n", off, data ? "Data" : "Preallocated");
        }
        if (active) {
            c->res->allocated_clusters++;
            if (c->next_contig && off != c->next_contig)
                c->res->fragmented_clusters++;
            c->next_contig = off + q->cluster_size;
        }
        inc_refs(c, off, q->cluster_size);
    }
}

/* Reads n L1 entries at off; past the end of the file they read as zeros, as QEMU's
 * reads do. */
static int read_l1(Qcow2 *q, uint64_t off, uint32_t n, uint64_t **out, Err *err)
{
    uint8_t *raw = xmalloc(MAX(n, 1) * 8ull);
    *out = xmalloc(MAX(n, 1) * 8ull);
    int ret = q_read(q, off, raw, n * 8ull, true, err);
    for (uint32_t i = 0; ret == 0 && i < n; i++)
        (*out)[i] = be64(raw + 8 * i);
    free(raw);
    return ret;
}

/* One L1 table and the L2 tables it points to, as QEMU's check_refcounts_l1: any non-zero
 * entry counts, even one whose offset is 0 (the header cluster is then read as its L2
 * table); L2 tables past the end of the file read as zeros. */
static void check_l1(Check *c, uint64_t l1_off, uint32_t n, bool active)
{
    Qcow2 *q = c->q;
    if (!n)
        return;
    inc_refs(c, l1_off, n * 8ull);
    uint64_t *l1;
    Err e1 = { 0 };
    if (read_l1(q, l1_off, n, &l1, &e1) < 0) {
        bad(c, true, "ERROR: I/O error in check_refcounts_l1: %s\n", e1.msg);
        free(l1);
        return;
    }
    uint8_t *l2 = xmalloc(q->cluster_size);
    for (uint32_t i = 0; i < n; i++) {
        uint64_t e = l1[i], off = e & QCOW2_L1E_OFFSET;
        if (!e)
            continue;
        if (e & QCOW2_L1E_RESERVED)
            bad(c, false, "ERROR found L1 entry with reserved bits set: %" PRIx64 "\n", e);
        inc_refs(c, off, q->cluster_size);
        if (off & (q->cluster_size - 1))
            bad(c, false, "ERROR l2_offset=%" PRIx64 ": Table is not cluster aligned; L1 entry "
                "corrupted\n", off);
        Err e2 = { 0 };
        if (q_read(q, off, l2, q->cluster_size, true, &e2) < 0) {
            bad(c, true, "ERROR: I/O error in check_refcounts_l2: %s\n", e2.msg);
            continue;
        }
        check_l2(c, l2, active);
    }
    free(l2);
    free(l1);
}

/* Compares COPIED flags in the active tables with refcounts rc (doc 14). */
static void check_copied(Check *c, const uint64_t *rc, uint64_t rc_n, bool fix)
{
    Qcow2 *q = c->q;
    for (uint32_t i = 0; i < q->l1_size; i++) {
        uint64_t e = q->l1[i], off = e & QCOW2_L1E_OFFSET;
        if (!off || (off & (q->cluster_size - 1)))
            continue;
        uint64_t r = (off >> q->cluster_bits) < rc_n ? rc[off >> q->cluster_bits] : 0;
        if (!rc_unreadable(c, off >> q->cluster_bits) && (r == 1) != !!(e & QCOW2_COPIED)) {
            say(c, "%s OFLAG_COPIED L2 cluster: l1_index=%u l1_entry=%" PRIx64
                " refcount=%" PRIu64 "\n", fix ? "Repairing" : "ERROR", i, e, r);
            c->res->corruptions++;
        }
        uint8_t *l2;
        if (q_l2_get(q, off, &l2, NULL) < 0)
            continue;
        for (uint64_t k = 0; k < q->l2_entries; k++) {
            uint64_t x = be64(l2 + k * q->l2_esize), h = x & QCOW2_L2E_OFFSET;
            if ((x & QCOW2_COMPRESSED) || !h || (h & (q->cluster_size - 1)))
                continue;
            uint64_t rr = (h >> q->cluster_bits) < rc_n ? rc[h >> q->cluster_bits] : 0;
            if (!rc_unreadable(c, h >> q->cluster_bits) && (rr == 1) != !!(x & QCOW2_COPIED)) {
                say(c, "%s OFLAG_COPIED data cluster: l2_entry=%" PRIx64 " refcount=%"
                    PRIu64 "\n", fix ? "Repairing" : "ERROR", x, rr);
                c->res->corruptions++;
            }
        }
    }
}

/* A bad refcount-table entry or block: the tolerant load dropped it, or the block is shared;
 * a full repair, which writes a new refcount structure, fixes it. */
static void reftable_bad(Check *c)
{
    c->rebuild = true;
    c->res->corruptions++;
    if ((c->repair & QCOW2_REPAIR_ALL) == QCOW2_REPAIR_ALL)
        c->res->corruptions_fixed++;
}

static void count_all(Check *c)
{
    Qcow2 *q = c->q;
    inc_refs(c, 0, q->cluster_size);
    check_l1(c, q->l1_off, q->l1_size, true);
    for (int i = 0; i < q->nsnaps; i++) {
        Qcow2Snap *s = &q->snaps[i];
        if (q->version >= 3 && s->extra_size < 16)
            bad(c, false, "ERROR snapshot table entry %d is incomplete\n", i);
        check_l1(c, s->l1_off, s->l1_size, false);
    }
    inc_refs(c, q->snaps_off, q->snaps_size);
    inc_refs(c, q->rt_off, (uint64_t)q->rt_clusters << q->cluster_bits);
    for (uint64_t b = 0; b < q->rt_n; b++) {
        if (!q->rt[b])
            continue;
        inc_refs(c, q->rt[b], q->cluster_size);
        uint64_t k = q->rt[b] >> q->cluster_bits, r = k < c->nref ? c->ref[k] : 0;
        if (r != 1) {
            /* the block shares its cluster with something counted before it */
            say(c, "ERROR refcount block %" PRIu64 " refcount=%" PRIu64 "\n", b, r);
            reftable_bad(c);
        }
    }
}

/* Refcount-table entries the tolerant load dropped are reported here. */
static void check_reftable(Check *c)
{
    Qcow2 *q = c->q;
    uint64_t bytes = (uint64_t)q->rt_clusters << q->cluster_bits;
    uint8_t *raw = xmalloc(bytes);
    c->eio_n = bytes / 8;
    c->eio = xzalloc(MAX(c->eio_n, 1) * sizeof *c->eio);
    if (q_read(q, q->rt_off, raw, bytes, true, NULL) == 0) {
        for (uint64_t b = 0; b < bytes / 8; b++) {
            uint64_t e = be64(raw + 8 * b), off = e & QCOW2_RT_OFFSET;
            c->eio[b] = off && ((off & (q->cluster_size - 1)) ||
                                off > (1ull << 63) - (1ull << 30) - q->cluster_size);
            if (e & QCOW2_RT_RESERVED) {
                say(c, "ERROR refcount table entry %" PRIu64 " has reserved bits set\n", b);
                reftable_bad(c);
            } else if (off && (off & (q->cluster_size - 1))) {
                say(c, "ERROR refcount block %" PRIu64 " is not cluster aligned; refcount "
                    "table entry corrupted\n", b);
                reftable_bad(c);
            } else if (off && off >= q->file_size) {
                say(c, "ERROR refcount block %" PRIu64 " is outside image\n", b);
                reftable_bad(c);
            }
        }
    }
    free(raw);
}

/* Leaks only: refcounts drop in place to fixed[], as QEMU repairs them, so no refcount
 * block moves and the image ends where qemu-img's repair leaves it; a crash in between
 * leaves some leaks, never a refcount below the references. */
static int repair_leaks_in_place(Qcow2 *q, const uint64_t *fixed, uint64_t n, Err *err)
{
    int ret = 0;
    for (uint64_t i = 0; i < n && ret == 0; i++) {
        uint64_t stored = i < q->rc_n ? q->rc[i] : 0;
        for (uint64_t d = stored - fixed[i]; d && ret == 0; d -= MIN(d, (uint64_t)INT64_MAX))
            ret = q_rc_add_in_place(q, i, -(int64_t)MIN(d, (uint64_t)INT64_MAX), err);
    }
    return ret == 0 ? q_barrier(q, err) : ret;
}

/* Errors (and COPIED flags when copied_errors): one transaction sets the stored refcounts
 * to fixed[] and rewrites the flags. Clusters still referenced (unrepaired errors) must not
 * be allocated: they are pinned by raising the "before" view through the avoid list. A
 * repair that leaves nothing wrong clears the dirty and corrupt bits, as QEMU's -r all. */
static int repair_rewrite(Check *c, const uint64_t *fixed, uint64_t n, uint64_t copied_errors,
                          Err *err)
{
    Qcow2 *q = c->q;
    Qcow2CheckResult *res = c->res;
    Qcow2Txn t;
    txn_begin(q, &t);
    free(t.rc);
    t.rc = xmalloc(MAX(n, 1) * sizeof *t.rc);
    memcpy(t.rc, fixed, n * sizeof *t.rc);
    t.rc_n = n;
    q->avoid = c->ref;
    q->avoid_n = c->nref;
    int ret = 0;
    if (copied_errors) {
        ret = txn_fix_copied(q, &t, err);
        if (ret == 0)
            res->corruptions_fixed += copied_errors;
    }
    if (ret == 0) {
        ret = txn_commit(q, &t, err);
    } else {
        txn_abort(&t);
    }
    q->avoid = NULL;
    q->avoid_n = 0;
    if (ret == 0 && (c->repair & QCOW2_REPAIR_ALL) == QCOW2_REPAIR_ALL &&
        res->corruptions == res->corruptions_fixed && q->version >= 3 &&
        (q->incompat & (QCOW2_INCOMPAT_DIRTY | QCOW2_INCOMPAT_CORRUPT))) {
        uint8_t b[8];
        uint64_t v = q->incompat & ~(QCOW2_INCOMPAT_DIRTY | QCOW2_INCOMPAT_CORRUPT);
        put_be64(b, v);
        if ((ret = q_meta_write(q, QCOW2_HDR_INCOMPAT, b, 8, err)) == 0 &&
            (ret = q_barrier(q, err)) == 0)
            q->incompat = v;
    }
    return ret;
}

/* The check; with plan, a repair is only counted (what it would fix), nothing is written,
 * and why receives the first finding it would not fix. */
static int check_run(Qcow2 *q, int repair, bool plan, Qcow2CheckResult *res, FILE *log,
                     char *why, size_t why_n, Err *err)
{
    memset(res, 0, sizeof *res);
    if (repair && q->read_only)
        return ERR(err, -EPERM, "qcow2: repair needs the image opened read/write");
    int ret = q_load_refcounts(q, true, err);
    if (ret < 0)
        return ret;
    Check c = { .q = q, .log = log, .res = res, .repair = repair };
    c.nref = q->rc_n;
    c.ref = xzalloc(MAX(c.nref, 1) * sizeof *c.ref);
    check_reftable(&c);
    count_all(&c);
    uint64_t n = MAX(c.nref, q->rc_n);
    uint64_t file_clusters = (q->file_size + q->cluster_size - 1) >> q->cluster_bits;
    uint64_t highest = 0;
    bool any = false;
    uint64_t *fixed = xmalloc(MAX(n, 1) * sizeof *fixed);
    for (uint64_t i = 0; i < n; i++) {
        uint64_t stored = i < q->rc_n ? q->rc[i] : 0, r = i < c.nref ? c.ref[i] : 0;
        fixed[i] = stored;
        if (i >= file_clusters && r == 0) {
            /* refcounts past the end of the file are not compared (as QEMU); a repair
             * drops them, since the file may grow over them */
            if (repair & QCOW2_REPAIR_LEAKS)
                fixed[i] = 0;
            continue;
        }
        if (rc_unreadable(&c, i)) {
            say(&c, "Can't get refcount for cluster %" PRIu64 ": Input/output error\n", i);
            res->check_errors++;
            continue;
        }
        if (stored || r) {
            highest = i;
            any = true;
        }
        if (stored > r) {
            say(&c, "Leaked cluster %" PRIu64 " refcount=%" PRIu64 " reference=%" PRIu64 "\n",
                i, stored, r);
            res->leaks++;
            if (repair & QCOW2_REPAIR_LEAKS) {
                fixed[i] = r;
                res->leaks_fixed++;
            }
        } else if (stored < r) {
            if (stored == 0)
                c.rebuild = true;
            say(&c, "ERROR cluster %" PRIu64 " refcount=%" PRIu64 " reference=%" PRIu64 "\n",
                i, stored, r);
            res->corruptions++;
            if ((repair & QCOW2_REPAIR_ALL) == QCOW2_REPAIR_ALL) {
                fixed[i] = r;
                res->corruptions_fixed++;
            }
        }
    }
    if (repair == QCOW2_REPAIR_LEAKS && c.rebuild) {
        /* as QEMU: a referenced cluster with refcount 0, or a bad refcount table entry or
         * block, needs a rebuild, which -r leaks is not; other errors stay unrepaired */
        say(&c, "ERROR need to rebuild refcount structures\n");
        free(fixed);
        free(c.ref);
        free(c.eio);
        return ERR(err, -EIO, "Input/output error");
    }
    /* second pass, as qemu-img prints it: errors rebuild the refcounts, leaks are repaired
     * one by one */
    if (res->corruptions_fixed)
        say(&c, "Rebuilding refcount structure\n");
    for (uint64_t i = 0; i < n && res->leaks_fixed; i++) {
        uint64_t stored = i < q->rc_n ? q->rc[i] : 0, r = i < c.nref ? c.ref[i] : 0;
        if (stored > r && fixed[i] == r && (i < file_clusters || r))
            say(&c, "Repairing cluster %" PRIu64 " refcount=%" PRIu64 " reference=%" PRIu64
                "\n", i, stored, r);
    }
    uint64_t before = res->corruptions;
    /* as QEMU: -r all always repairs COPIED flags, -r leaks when nothing else remains */
    bool fix_copied = (repair & QCOW2_REPAIR_ALL) == QCOW2_REPAIR_ALL ||
                      (repair && !res->check_errors && res->corruptions == res->corruptions_fixed &&
                       res->leaks == res->leaks_fixed);
    check_copied(&c, fixed, n, fix_copied);
    uint64_t copied_errors = res->corruptions - before;
    res->image_end_offset = any ? (highest + 1) << q->cluster_bits : 0;
    res->total_clusters = (q->size + q->cluster_size - 1) >> q->cluster_bits;
    bool beyond = false;
    for (uint64_t i = file_clusters; i < n && !beyond; i++)
        beyond = fixed[i] != (i < q->rc_n ? q->rc[i] : 0);
    bool need = res->leaks_fixed || res->corruptions_fixed || beyond ||
                (copied_errors && fix_copied);
    if (plan) {
        if (fix_copied)
            res->corruptions_fixed += copied_errors;
        if (why)
            snprintf(why, why_n, "%s", c.why);
    } else if (repair && need && !res->corruptions_fixed && !(copied_errors && fix_copied)) {
        ret = repair_leaks_in_place(q, fixed, n, err);
    } else if (repair && need) {
        ret = repair_rewrite(&c, fixed, n, fix_copied ? copied_errors : 0, err);
    }
    free(fixed);
    free(c.ref);
    free(c.eio);
    return ret;
}

int qcow2_check(Qcow2 *q, int repair, Qcow2CheckResult *res, FILE *log, Err *err)
{
    return check_run(q, repair, false, res, log, NULL, 0, err);
}

int q_check_repairable(Qcow2 *q, Err *err)
{
    Qcow2CheckResult r;
    char why[256];
    int ret = check_run(q, QCOW2_REPAIR_ALL, true, &r, NULL, why, sizeof why, err);
    if (ret < 0)
        return ret;
    if (r.check_errors || r.corruptions > r.corruptions_fixed) {
        const char *w = why + (strncmp(why, "ERROR", 5) ? 0 : 5);
        w += strspn(w, ": ");
        return ERR(err, -EIO, "qcow2: could not repair dirty image (left unchanged): %s", w);
    }
    return 0;
}
