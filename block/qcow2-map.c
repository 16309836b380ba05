/* qcow2-map.c: the allocation status of guest ranges, as QEMU 7.2's qcow2 driver reports
 * it to the generic block layer (qcow2_co_block_status): what `pcemu-img map`, `compare`
 * and `measure` walk. The generic layer's part (allocated bit, the file's holes, EOF) is
 * the tool's (emu/img/img-status.c); this file knows only L1/L2 entries and refcounts. */
#include <stdlib.h>
#include <string.h>

#include "block/qcow2-int.h"

/* Status of (sub)cluster `sub` of the guest cluster whose L2 entry is at e (l2_esize bytes;
 * NULL = no L2 table). *host is the host offset of the (sub)cluster's start when
 * QCOW2_ST_OFFSET is set. Subclusters exist only with extended L2 entries. */
static unsigned entry_status(const Qcow2 *q, const uint8_t *e, unsigned sub, uint64_t *host)
{
    if (!e)
        return 0;
    uint64_t raw = be64(e), off = raw & QCOW2_L2E_OFFSET;
    if (raw & QCOW2_COMPRESSED)
        return QCOW2_ST_DATA;         /* no host offset: the bytes are not stored plainly */
    unsigned st = 0;
    if (q->ext_l2) {
        uint64_t bm = be64(e + 8);
        uint64_t sub_size = q->cluster_size / 32;
        if (bm >> (32 + sub) & 1)
            st = QCOW2_ST_ZERO;
        else if (bm >> sub & 1)
            st = QCOW2_ST_DATA;
        *host = off + sub * sub_size;
    } else {
        if (off)
            st = (raw & QCOW2_ZERO) ? QCOW2_ST_ZERO : QCOW2_ST_DATA;
        else if (raw & QCOW2_ZERO)
            st = QCOW2_ST_ZERO;
        *host = off;
    }
    if (off)
        st |= QCOW2_ST_OFFSET;
    return st;
}

int qcow2_block_status(Qcow2 *q, uint64_t off, uint64_t len, unsigned *flags, uint64_t *pnum,
                       uint64_t *host, Err *err)
{
    *flags = 0;
    *pnum = 0;
    *host = 0;
    if (off >= q->size || len == 0)
        return 0;
    len = MIN(len, q->size - off);
    uint64_t unit = q->ext_l2 ? q->cluster_size / 32 : q->cluster_size;
    uint64_t pos = off, first_host = 0;
    unsigned first = 0;
    /* runs of one status whose host bytes (if any) are contiguous; stays within one L2
     * table, as QEMU's walk does */
    uint64_t gc0 = off >> q->cluster_bits;
    uint64_t l1i = gc0 >> q->l2_bits;
    uint64_t table_end = (l1i + 1) << (q->l2_bits + q->cluster_bits);
    uint8_t *l2 = NULL;
    if (l1i < q->l1_size && (q->l1[l1i] & QCOW2_L1E_OFFSET)) {
        int ret = q_l2_get(q, q->l1[l1i] & QCOW2_L1E_OFFSET, &l2, err);
        if (ret < 0)
            return ret;
    }
    while (pos < off + len && pos < table_end) {
        uint64_t gc = pos >> q->cluster_bits;
        const uint8_t *e = l2 ? l2 + (gc & (q->l2_entries - 1)) * q->l2_esize : NULL;
        unsigned sub = (unsigned)((pos & (q->cluster_size - 1)) / unit);
        uint64_t h = 0;
        unsigned st = entry_status(q, e, sub, &h);
        uint64_t unit_start = pos & ~(unit - 1);
        if (st & QCOW2_ST_OFFSET)
            h += pos - unit_start;
        if (pos == off) {
            first = st;
            first_host = h;
        } else if (st != first ||
                   ((st & QCOW2_ST_OFFSET) && h != first_host + (pos - off))) {
            break;
        }
        pos = unit_start + unit;
    }
    *flags = first;
    *pnum = MIN(pos, off + len) - off;
    *host = first_host;
    return 0;
}

int qcow2_count_used_clusters(Qcow2 *q, uint64_t n, uint64_t stop, uint64_t *count, Err *err)
{
    int ret = q_load_refcounts(q, true, err);
    if (ret < 0)
        return ret;
    uint64_t c = 0;
    for (uint64_t i = 0; i < n && i < q->rc_n && c < stop; i++)
        c += q->rc[i] != 0;
    *count = c;
    return 0;
}
