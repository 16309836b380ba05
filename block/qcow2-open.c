/* qcow2-open.c: opening an image (the header, its extensions and every table offset
 * checked as QEMU 7.2's qcow2_do_open checks them, qcow2.c design note 1), closing,
 * qcow2_info, and creating an image as qemu-img create does. */
#include "block/qcow2-int.h"

#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *feature_name(const Qcow2 *q, int type, int bit, char *buf, size_t n)
{
    for (uint32_t i = 0; q->feature_table && i + 48 <= q->feature_table_len; i += 48) {
        const uint8_t *f = q->feature_table + i;
        if (f[0] == type && f[1] == bit) {
            size_t k = 0;
            while (k < 46 && k + 1 < n && f[2 + k] >= 0x20 && f[2 + k] < 0x7f) {
                buf[k] = (char)f[2 + k];
                k++;
            }
            buf[k] = 0;
            return buf;
        }
    }
    snprintf(buf, n, "Unknown incompatible feature: %llx", 1ull << bit);
    return buf;
}

/* The header extensions from the end of the header to end (the backing file name, else the
 * end of cluster 0), with QEMU 7.2's rules (qcow2_read_extensions): every extension,
 * the end marker included, must fit before end. */
static int parse_extensions(Qcow2 *q, const uint8_t *c0, uint64_t end, Err *err)
{
    uint64_t off = q->header_len;
    while (off < end) {
        if (end - off < 8)
            return ERR(err, -EINVAL, "qcow2: header extension at %#" PRIx64 " too large", off);
        uint32_t raw_type = be32(c0 + off), raw_len = be32(c0 + off + 4);
        off += 8;
        if (raw_len > end - off)
            return ERR(err, -EINVAL, "qcow2: header extension %#x too large (%u bytes)",
                       raw_type, raw_len);
        const uint8_t *d = c0 + off;
        switch (raw_type) {
        case 0:            /* end marker */
            return 0;
        case 0x6803f857:   /* feature name table */
            free(q->feature_table);
            q->feature_table = xmalloc(MAX(raw_len, 1));
            memcpy(q->feature_table, d, raw_len);
            q->feature_table_len = raw_len;
            break;
        case 0x0537be77:   /* only valid with LUKS, which the header's crypt_method refused */
            return ERR(err, -EINVAL, "qcow2: crypto header extension only expected with LUKS "
                       "encryption");
        case 0x44415441:   /* data file name: used only with incompatible bit 2 (refused) */
            break;
        case 0xe2792aca:
            if (raw_len >= 16)
                return ERR(err, -EINVAL, "qcow2: backing format name too long");
            break;
        case 0x23852875: { /* bitmaps: validated as QEMU does while autoclear bit 0 says
                            * they are consistent; pcemu keeps none (bit cleared on write) */
            if (raw_len != 24)
                return ERR(err, -EINVAL, "qcow2: bitmaps extension has length %u", raw_len);
            if (!(q->autoclear & QCOW2_AUTOCLEAR_BITMAPS))
                break;
            uint32_t raw_nb = be32(d), raw_resv = be32(d + 4);
            uint64_t raw_dsize = be64(d + 8), raw_doff = be64(d + 16);
            if (raw_resv)
                return ERR(err, -EINVAL, "qcow2: bitmaps extension reserved field not zero");
            if (raw_nb == 0 || raw_nb > QCOW2_MAX_BITMAPS)
                return ERR(err, -EINVAL, "qcow2: bitmaps extension with %u bitmaps", raw_nb);
            if (raw_doff & (q->cluster_size - 1))
                return ERR(err, -EINVAL, "qcow2: bitmap directory offset %#" PRIx64
                           " unaligned", raw_doff);
            if (raw_dsize > QCOW2_MAX_BITMAP_DIR)
                return ERR(err, -EINVAL, "qcow2: bitmap directory size %" PRIu64 " too large",
                           raw_dsize);
            break;
        }
        default:           /* unknown: ignored, kept in place (note 7) */
            break;
        }
        off += (raw_len + 7ull) & ~7ull;
    }
    return 0;
}

static int parse_header(Qcow2 *q, const uint8_t *h, size_t hlen, Err *err)
{
    if (hlen < QCOW2_HDR_V2_LEN || be32(h) != QCOW2_MAGIC)
        return ERR(err, -EINVAL, "qcow2: bad magic (not a qcow2 image)");
    uint32_t raw_version = be32(h + QCOW2_HDR_VERSION);
    if (raw_version != 2 && raw_version != 3)
        return ERR(err, -ENOTSUP, "qcow2: unsupported version %u", raw_version);
    q->version = raw_version;
    uint32_t raw_cb = be32(h + QCOW2_HDR_CLUSTER_BITS);
    if (raw_cb < 9 || raw_cb > 21)
        return ERR(err, -EINVAL, "qcow2: cluster_bits %u outside 9..21", raw_cb);
    q->cluster_bits = raw_cb;
    q->cluster_size = 1ull << raw_cb;
    if (be32(h + QCOW2_HDR_CRYPT_METHOD) != 0)
        return ERR(err, -ENOTSUP, "qcow2: encrypted images are not supported");
    q->refcount_order = 4;
    q->header_len = QCOW2_HDR_V2_LEN;
    if (q->version == 3) {
        if (hlen < QCOW2_HDR_V3_LEN)
            return ERR(err, -EINVAL, "qcow2: v3 header truncated");
        q->incompat = be64(h + QCOW2_HDR_INCOMPAT);
        q->compat = be64(h + QCOW2_HDR_COMPAT);
        q->autoclear = be64(h + QCOW2_HDR_AUTOCLEAR);
        uint32_t raw_ro = be32(h + QCOW2_HDR_REFCOUNT_ORDER), raw_hl = be32(h + QCOW2_HDR_HEADER_LENGTH);
        if (raw_ro > 6)
            return ERR(err, -EINVAL, "qcow2: refcount_order %u > 6", raw_ro);
        if (raw_hl < QCOW2_HDR_V3_LEN || raw_hl > q->cluster_size)
            return ERR(err, -EINVAL, "qcow2: header_length %u invalid", raw_hl);
        q->refcount_order = raw_ro;
        q->header_len = raw_hl;
        if (raw_hl > QCOW2_HDR_COMPRESSION_TYPE)
            q->compression_type = h[QCOW2_HDR_COMPRESSION_TYPE];
    }
    if (q->compression_type > 1)
        return ERR(err, -ENOTSUP, "qcow2: unknown compression type %u", q->compression_type);
    if (!!q->compression_type != !!(q->incompat & QCOW2_INCOMPAT_COMPRESSION))
        return ERR(err, -EINVAL, "qcow2: compression type %u does not match incompatible "
                   "bit 3", q->compression_type);
    q->ext_l2 = (q->incompat & QCOW2_INCOMPAT_EXTL2) != 0;
    if (q->ext_l2 && q->cluster_bits < 14)
        return ERR(err, -EINVAL, "qcow2: extended L2 entries need clusters of 16 KiB or more");
    q_geometry(q);
    q->size = be64(h + QCOW2_HDR_SIZE);
    uint64_t raw_bfo = be64(h + QCOW2_HDR_BACKING_OFFSET);
    uint32_t raw_bfs = be32(h + QCOW2_HDR_BACKING_SIZE);
    if (raw_bfo > q->cluster_size)
        return ERR(err, -EINVAL, "qcow2: backing file name invalid (offset %#" PRIx64 ")",
                   raw_bfo);
    if (raw_bfo && (raw_bfs > 1023 || raw_bfs > q->cluster_size - raw_bfo))
        return ERR(err, -EINVAL, "qcow2: backing file name invalid (%u bytes)", raw_bfs);
    if (raw_bfo && raw_bfs)   /* an empty name is no backing file, as in QEMU */
        return ERR(err, -ENOTSUP, "qcow2: images with a backing file are not supported");
    q->l1_size = be32(h + QCOW2_HDR_L1_SIZE);
    uint64_t raw_l1 = be64(h + QCOW2_HDR_L1_OFFSET);
    uint64_t raw_rt = be64(h + QCOW2_HDR_RT_OFFSET);
    uint32_t raw_rtc = be32(h + QCOW2_HDR_RT_CLUSTERS);
    uint32_t raw_ns = be32(h + QCOW2_HDR_NB_SNAPSHOTS);
    uint64_t raw_so = be64(h + QCOW2_HDR_SNAPSHOTS_OFFSET);
    /* as QEMU: the L1 index of the VM-state area must fit an int */
    if (q_l1_entries_for(q, q->size) > INT32_MAX)
        return ERR(err, -EFBIG, "qcow2: image is too big (virtual size %#" PRIx64 ")", q->size);
    if (q->l1_size > QCOW2_MAX_L1_ENTRIES)
        return ERR(err, -EFBIG, "qcow2: active L1 table too large (%u entries)", q->l1_size);
    if (q->l1_size < q_l1_entries_for(q, q->size))
        return ERR(err, -EINVAL, "qcow2: L1 table is too small for the disk size");
    /* QEMU's rules: tables aligned and their ends below 2^63. A read-only open (qemu-img
     * check, info) takes them anywhere else too: past the end of the file they read as
     * zeros, as in QEMU. A read-write open also needs them inside the file, the L1 table
     * off the header and the refcount table. */
    bool rw = !q->read_only;
    if ((raw_l1 & (q->cluster_size - 1)) || raw_l1 > INT64_MAX - q->l1_size * 8ull ||
        (rw && ((q->l1_size && raw_l1 == 0) || raw_l1 > q->file_size ||
                q->l1_size * 8ull > q->file_size - raw_l1)))
        return ERR(err, -EINVAL, "qcow2: L1 table outside the file (%#" PRIx64 ")", raw_l1);
    if (raw_rtc == 0 || ((uint64_t)raw_rtc << q->cluster_bits) > QCOW2_MAX_REFTABLE)
        return ERR(err, -EINVAL, "qcow2: refcount table size %u clusters invalid", raw_rtc);
    uint64_t rt_bytes = (uint64_t)raw_rtc << q->cluster_bits;
    if ((raw_rt & (q->cluster_size - 1)) || raw_rt > INT64_MAX - rt_bytes ||
        (rw && (raw_rt == 0 || raw_rt >= q->file_size)))
        return ERR(err, -EINVAL, "qcow2: refcount table outside the file (%#" PRIx64 ")",
                   raw_rt);
    if (rw && q->l1_size && raw_l1 < raw_rt + rt_bytes && raw_rt < raw_l1 + q->l1_size * 8ull)
        return ERR(err, -EINVAL, "qcow2: L1 table overlaps the refcount table");
    if (raw_ns > QCOW2_MAX_SNAPSHOTS)
        return ERR(err, -EINVAL, "qcow2: too many snapshots (%u)", raw_ns);
    if ((raw_so & (q->cluster_size - 1)) ||
        raw_so > INT64_MAX - raw_ns * (uint64_t)QCOW2_SNAP_FIXED_LEN)
        return ERR(err, -EINVAL, "qcow2: snapshot table offset invalid (%#" PRIx64 ")",
                   raw_so);   /* QEMU's rule, even without snapshots */
    if (raw_ns && ((raw_so & (q->cluster_size - 1)) || raw_so == 0 || raw_so >= q->file_size))
        return ERR(err, -EINVAL, "qcow2: snapshot table outside the file (%#" PRIx64 ")", raw_so);
    q->l1_off = raw_l1;
    q->rt_off = raw_rt;
    q->rt_clusters = raw_rtc;
    q->nsnaps = (int)raw_ns;
    q->snaps_off = raw_ns ? raw_so : 0;
    return 0;
}

int qcow2_open_fd(int fd, const char *path, bool read_only, Qcow2 **out, Err *err)
{
    *out = NULL;
    Qcow2 *q = xzalloc(sizeof *q);
    q->fd = fd;
    q->path = xstrdup(path);
    q->read_only = read_only;
    q->crash_after = -1;
    q->vm_read_budget = -1;
    for (int i = 0; i < QCOW2_L2_CACHE; i++)
        q->l2c[i].off = UINT64_MAX;
    struct stat st;
    int ret;
    uint8_t *c0 = NULL;
    if (fstat(fd, &st) < 0) {
        ret = ERR(err, -errno, "qcow2: stat: %s", strerror(errno));
        goto fail;
    }
    q->file_size = (uint64_t)st.st_size;
    uint8_t h[112] = { 0 };
    size_t hl = (size_t)MIN((uint64_t)sizeof h, q->file_size);
    if ((ret = q_read(q, 0, h, hl, false, err)) < 0 || (ret = parse_header(q, h, hl, err)) < 0)
        goto fail;
    c0 = xmalloc(q->cluster_size);   /* q_read zeroes what lies past the end of the file */
    if ((ret = q_read(q, 0, c0, q->cluster_size, true, err)) < 0)
        goto fail;
    /* the extensions end where the backing file name starts, if there is one */
    uint64_t ext_end = be64(h + 8) ? be64(h + 8) : q->cluster_size;
    if ((ret = parse_extensions(q, c0, ext_end, err)) < 0)
        goto fail;
    free(c0);   /* now: the refcount table's buffer, as big, takes its pages again */
    c0 = NULL;
    if (q->autoclear & QCOW2_AUTOCLEAR_DATA_FILE_RAW) {   /* as QEMU */
        ret = ERR(err, -EINVAL, "qcow2: data-file-raw requires a data file");
        goto fail;
    }
    uint64_t unknown = q->incompat & ~QCOW2_INCOMPAT_KNOWN;
    if (unknown) {
        char names[400] = "", nb[64];
        for (int bit = 0; bit < 64; bit++) {
            if (!(unknown & (1ull << bit)))
                continue;
            size_t l = strlen(names);
            snprintf(names + l, sizeof names - l, "%s%s", l ? ", " : "",
                     feature_name(q, 0, bit, nb, sizeof nb));
        }
        ret = ERR(err, -ENOTSUP, "qcow2: unsupported incompatible feature(s): %s", names);
        goto fail;
    }
    if (q->incompat & QCOW2_INCOMPAT_DATA_FILE) {
        ret = ERR(err, -ENOTSUP, "qcow2: external data files are not supported");
        goto fail;
    }
    if (!read_only && (q->incompat & QCOW2_INCOMPAT_CORRUPT)) {
        ret = ERR(err, -EACCES, "qcow2: image is corrupt; cannot be opened read/write");
        goto fail;
    }
    if (!read_only && q->ext_l2) {
        ret = ERR(err, -ENOTSUP, "qcow2: images with extended L2 entries can only be read");
        goto fail;
    }
    q->l1 = xmalloc(MAX(q->l1_size, 1) * 8ull);
    if (q->l1_size) {
        uint8_t *raw = xmalloc(q->l1_size * 8ull);
        ret = q_read(q, q->l1_off, raw, q->l1_size * 8ull, true, err);
        for (uint32_t i = 0; ret == 0 && i < q->l1_size; i++)
            q->l1[i] = be64(raw + 8 * i);
        free(raw);
        if (ret < 0)
            goto fail;
    }
    if ((ret = q_read_snapshots(q, err)) < 0)
        goto fail;
    q->zbuf = xmalloc(2 * q->cluster_size + 512);
    q->dbuf = xmalloc(q->cluster_size);
    q->tmp = xmalloc(q->cluster_size);
    if (!read_only) {
        if ((ret = q_load_refcounts(q, false, err)) < 0)
            goto fail;
        if (q->incompat & QCOW2_INCOMPAT_DIRTY) {
            /* doc 15: refcounts may be stale; rebuild them before any allocation. A repair
             * that cannot fix everything would allocate its new refcount structures over
             * clusters the damaged tables still point to: it is decided before any write. */
            Qcow2CheckResult r;
            q->rc_loaded = false;
            free(q->rc); free(q->rt);
            q->rc = q->rt = NULL;
            if ((ret = q_check_repairable(q, err)) < 0 ||
                (ret = qcow2_check(q, QCOW2_REPAIR_ALL, &r, NULL, err)) < 0)
                goto fail;
            if (r.corruptions > r.corruptions_fixed) {
                ret = ERR(err, -EIO, "qcow2: could not repair dirty image");
                goto fail;
            }
        }
        uint8_t b[8];
        if (q->version == 3 && (q->incompat & QCOW2_INCOMPAT_DIRTY)) {
            put_be64(b, q->incompat & ~QCOW2_INCOMPAT_DIRTY);
            if ((ret = q_meta_write(q, QCOW2_HDR_INCOMPAT, b, 8, err)) < 0 || (ret = q_barrier(q, err)) < 0)
                goto fail;
            q->incompat &= ~QCOW2_INCOMPAT_DIRTY;
        }
        if (q->autoclear) {   /* doc 3.3: none of the autoclear features is maintained */
            put_be64(b, 0);
            if ((ret = q_meta_write(q, QCOW2_HDR_AUTOCLEAR, b, 8, err)) < 0 || (ret = q_barrier(q, err)) < 0)
                goto fail;
            q->autoclear = 0;
        }
    }
    *out = q;
    return 0;
fail:
    free(c0);
    err_prefix(err, "%s", path);
    q->fd = -1;
    qcow2_close(q, NULL);
    close(fd);
    return ret;
}

int qcow2_close(Qcow2 *q, Err *err)
{
    if (!q)
        return 0;
    int ret = 0;
    if (q->fd >= 0) {
        if (!q->read_only && q->unsynced)
            ret = q_barrier(q, err);
        close(q->fd);
    }
    if (q->view)
        munmap(q->view, q->view_len);
    for (int i = 0; q->snaps && i < q->nsnaps; i++)
        q_snap_free(&q->snaps[i]);
    free(q->snaps);
    for (int i = 0; i < QCOW2_L2_CACHE; i++)
        free(q->l2c[i].data);
    free(q->l1); free(q->rc); free(q->rt); free(q->feature_table);
    free(q->zbuf); free(q->dbuf); free(q->tmp); free(q->snap_l1); free(q->path);
    free(q);
    return ret;
}

void qcow2_info(Qcow2 *q, Qcow2Info *o)
{
    *o = (Qcow2Info){
        .version = (int)q->version, .cluster_size = (uint32_t)q->cluster_size, .size = q->size,
        .refcount_bits = 1 << q->refcount_order, .compression_type = q->compression_type,
        .extended_l2 = q->ext_l2, .lazy_refcounts = (q->compat & QCOW2_COMPAT_LAZY) != 0,
        .dirty = (q->incompat & QCOW2_INCOMPAT_DIRTY) != 0,
        .corrupt = (q->incompat & QCOW2_INCOMPAT_CORRUPT) != 0,
        .incompatible = q->incompat, .compatible = q->compat, .autoclear = q->autoclear,
        .file_size = q->file_size, .nb_snapshots = q->nsnaps,
    };
}

/* ---------------------------------------------------------------- create */

int qcow2_create(const char *path, const Qcow2CreateOpts *o, Err *err)
{
    int version = o->version ? o->version : 3;
    uint32_t cs = o->cluster_size ? o->cluster_size : 65536;
    int order = o->refcount_order < 0 ? 4 : o->refcount_order;
    if (version != 2 && version != 3)
        return ERR(err, -EINVAL, "qcow2: version must be 2 or 3");
    if (!is_pow2(cs) || cs < 512 || cs > 2u * 1024 * 1024)
        return ERR(err, -EINVAL, "Cluster size must be a power of two between 512 and 2048k");
    if (order > 6 || (version == 2 && order != 4))
        return ERR(err, -EINVAL, "qcow2: refcount_bits %d not possible for this version",
                   1 << order);
    if (o->compression_type < 0 || o->compression_type > 1 ||
        (o->compression_type && version == 2))
        return ERR(err, -EINVAL, "qcow2: compression type needs compat=1.1 (v3)");
    if (o->size > (1ull << 62))
        return ERR(err, -EINVAL, "qcow2: image size too large");
    int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0)
        return ERR(err, -errno, "could not create '%s': %s", path, strerror(errno));
    /* lock before truncating: never clobber an image QEMU (or pcemu) has open */
    int lret = blk_lock_fd(fd, path, false, err);
    if (lret == 0 && ftruncate(fd, 0) < 0)
        lret = ERR(err, -errno, "could not truncate '%s': %s", path, strerror(errno));
    if (lret < 0) {
        close(fd);
        return lret;
    }
    Qcow2 *q = xzalloc(sizeof *q);
    q->fd = fd;
    q->crash_after = -1;
    q->vm_read_budget = -1;
    q->version = (uint32_t)version;
    q->cluster_bits = (unsigned)__builtin_ctz(cs);
    q->refcount_order = (unsigned)order;
    q->compression_type = (uint8_t)o->compression_type;
    q->size = o->size;
    q_geometry(q);
    for (int i = 0; i < QCOW2_L2_CACHE; i++)
        q->l2c[i].off = UINT64_MAX;
    uint64_t l1n = q_l1_entries_for(q, q->size);
    int ret = 0;
    if (l1n > QCOW2_MAX_L1_ENTRIES) {
        ret = ERR(err, -EFBIG, "qcow2: image size needs an L1 table over 32 MiB");
        goto out;
    }
    uint8_t *c0 = xzalloc(cs);
    size_t hl = version == 3 ? 112 : 72;
    put_be32(c0, QCOW2_MAGIC);
    put_be32(c0 + QCOW2_HDR_VERSION, (uint32_t)version);
    put_be32(c0 + QCOW2_HDR_CLUSTER_BITS, q->cluster_bits);
    put_be64(c0 + QCOW2_HDR_SIZE, q->size);
    if (version == 3) {
        put_be64(c0 + QCOW2_HDR_INCOMPAT, o->compression_type ? QCOW2_INCOMPAT_COMPRESSION : 0);
        put_be32(c0 + QCOW2_HDR_REFCOUNT_ORDER, (uint32_t)order);
        put_be32(c0 + QCOW2_HDR_HEADER_LENGTH, (uint32_t)hl);
        c0[QCOW2_HDR_COMPRESSION_TYPE] = (uint8_t)o->compression_type;
        if (cs > 4096) {   /* QEMU writes the feature name table for clusters > 4 KiB */
            static const struct { uint8_t type, bit; const char *name; } ft[] = {
                { 0, 0, "dirty bit" }, { 0, 1, "corrupt bit" }, { 0, 2, "external data file" },
                { 0, 3, "compression type" }, { 0, 4, "extended L2 entries" },
                { 1, 0, "lazy refcounts" }, { 2, 0, "bitmaps" }, { 2, 1, "raw external data" },
            };
            put_be32(c0 + hl, 0x6803f857);
            put_be32(c0 + hl + 4, (uint32_t)(48 * ARRAY_SIZE(ft)));
            for (size_t i = 0; i < ARRAY_SIZE(ft); i++) {
                uint8_t *f = c0 + hl + 8 + 48 * i;
                f[0] = ft[i].type;
                f[1] = ft[i].bit;
                memcpy(f + 2, ft[i].name, strlen(ft[i].name));
            }
            hl += 8 + 48 * ARRAY_SIZE(ft);
        }
    }
    /* end-of-extensions marker: 8 zero bytes at hl */
    ret = q_write(q, 0, c0, hl + 8, err);
    free(c0);
    if (ret < 0)
        goto out;
    /* empty state: header cluster in use; the transaction adds the L1 table, refcount
     * blocks and table, and commits them with the header write (note 3) */
    q->rc_loaded = true;
    q->rc_n = 1;
    q->rc = xzalloc(sizeof *q->rc);
    q->l1 = xzalloc(8);
    Qcow2Txn t;
    txn_begin(q, &t);
    t.rc[0] = 1;
    free(t.l1);
    t.l1 = xzalloc(MAX(l1n, 1) * 8);
    t.l1_size = (uint32_t)l1n;
    t.l1_dirty = true;
    ret = txn_commit(q, &t, err);
    if (ret == 0)
        ret = q_barrier(q, err);
out:
    q->fd = -1;
    qcow2_close(q, NULL);
    close(fd);
    if (ret < 0)
        err_prefix(err, "%s", path);
    return ret;
}
