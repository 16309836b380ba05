/* qcow2-resize.c: changing the virtual size of a qcow2 image (qemu-img resize), with QEMU
 * 7.2's rules: the size is a multiple of 512; a v2 image with snapshots cannot change size;
 * growing extends the active L1 table; shrinking drops every cluster of the active table
 * past the new end (rounded up to a cluster), snapshots keep theirs, and the file is cut
 * after its last used cluster. Everything is one transaction (qcow2.c, design note 3). */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "block/qcow2-int.h"

/* The part of L2 table index l1i from entry `first` on leaves the active table: the table
 * loses the active table's reference (snapshots keep theirs) and so do the dropped
 * entries' clusters; the kept entries go to a new copy. first == 0 drops the table. */
static int cut_l2(Qcow2 *q, Qcow2Txn *t, uint64_t l1i, uint64_t first, Err *err)
{
    uint64_t l2_off = t->l1[l1i] & QCOW2_L1E_OFFSET;
    uint64_t l2c = l2_off >> q->cluster_bits;
    uint8_t *l2;
    int ret = q_l2_get(q, l2_off, &l2, err);
    if (ret < 0)
        return ret;
    size_t bytes = (size_t)q->cluster_size, cut = (size_t)(first * q->l2_esize);
    uint8_t *kept = xzalloc(bytes), *dropped = xzalloc(bytes);
    memcpy(kept, l2, cut);
    memcpy(dropped + cut, l2 + cut, bytes - cut);
    /* every L1 table that reaches a data cluster holds a reference to it (snapshots raise
     * them all), so the active table's references to the dropped entries go, the kept
     * ones move to the copy; the copy's entries are COPIED only when not shared */
    bool shared = t->rc[l2c] > 1;
    ret = txn_ref_l2(q, t, dropped, -1, err);
    for (uint64_t i = 0; shared && i < first; i++)
        put_be64(kept + i * q->l2_esize, be64(kept + i * q->l2_esize) & ~QCOW2_COPIED);
    free(dropped);
    if (ret == 0)
        ret = txn_rc_add(q, t, l2c, -1, err);
    if (ret == 0 && first == 0) {
        t->l1[l1i] = 0;
        free(kept);
        return 0;
    }
    uint64_t noff;
    if (ret == 0)
        ret = txn_alloc(q, t, 1, &noff, err);
    if (ret < 0) {
        free(kept);
        return ret;
    }
    txn_write(t, noff, kept, bytes);
    t->l1[l1i] = noff | QCOW2_COPIED;
    return 0;
}

static int shrink_table(Qcow2 *q, Qcow2Txn *t, uint64_t new_size, Err *err)
{
    uint64_t cut = (new_size + q->cluster_size - 1) >> q->cluster_bits;  /* first guest cluster dropped */
    for (uint64_t l1i = cut >> q->l2_bits; l1i < t->l1_size; l1i++) {
        if (!(t->l1[l1i] & QCOW2_L1E_OFFSET))
            continue;
        uint64_t first = l1i == cut >> q->l2_bits ? cut & (q->l2_entries - 1) : 0;
        int ret = cut_l2(q, t, l1i, first, err);
        if (ret < 0)
            return ret;
    }
    t->l1_dirty = true;
    return 0;
}

/* After a shrink, QEMU cuts the file after its last cluster in use. */
static int truncate_tail(Qcow2 *q, Err *err)
{
    uint64_t last = 0;
    for (uint64_t i = 0; i < q->rc_n; i++)
        if (q->rc[i])
            last = i;
    uint64_t end = (last + 1) << q->cluster_bits;
    if (end >= q->file_size)
        return 0;
    q->unsynced = true;
    if (ftruncate(q->fd, (off_t)end) < 0)
        return ERR(err, -errno, "qcow2: cannot truncate the image file: %s", strerror(errno));
    q->file_size = end;
    return 0;
}

int qcow2_resize(Qcow2 *q, uint64_t new_size, Err *err)
{
    if (q->read_only)
        return ERR(err, -EPERM, "qcow2: image opened read-only");
    if (new_size % 512)
        return ERR(err, -EINVAL, "The new size must be a multiple of 512");
    if (q->nsnaps && q->version < 3)
        return ERR(err, -ENOTSUP, "Can't resize a v2 image which has snapshots");
    uint64_t clusters = (new_size + q->cluster_size - 1) >> q->cluster_bits;
    uint64_t l1_need = (clusters + q->l2_entries - 1) >> q->l2_bits;
    if (l1_need > QCOW2_MAX_L1_ENTRIES)
        return ERR(err, -EFBIG, "Failed to grow the L1 table: File too large");
    int ret = q_load_refcounts(q, false, err);
    if (ret < 0)
        return ret;
    Qcow2Txn t;
    txn_begin(q, &t);
    bool shrink = new_size < q->size;
    if (shrink) {
        ret = shrink_table(q, &t, new_size, err);
    } else if (l1_need > t.l1_size) {
        t.l1 = xrealloc(t.l1, l1_need * 8);
        memset(t.l1 + t.l1_size, 0, (l1_need - t.l1_size) * 8);
        t.l1_size = (uint32_t)l1_need;
        t.l1_dirty = true;
    }
    t.size = new_size;
    if (ret < 0) {
        txn_abort(&t);
        return ret;
    }
    if ((ret = txn_commit(q, &t, err)) < 0)
        return ret;
    return shrink ? truncate_tail(q, err) : 0;
}
