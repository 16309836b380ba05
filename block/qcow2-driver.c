/* qcow2-driver.c: the qcow2 format's BlockDriver table (block.h): each operation is the
 * qcow2_* function of the same name (qcow2.h), its state pointer typed. */
#include "block/block-int.h"
#include "block/qcow2.h"

/* QEMU's probes: "QFI\xfb" with version 2 or more is qcow2, version 1 its older qcow format
 * (which pcemu lacks: the open refuses the version), anything else raw; a file shorter
 * than 8 bytes reads as version 0, as in QEMU's zero-filled probe buffer. */
static bool q_probe(const uint8_t *head, size_t len)
{
    return len >= 8 && be32(head) == 0x514649fb && be32(head + 4) != 0;
}

static int q_open(int fd, const char *path, bool read_only, void **s, Err *err)
{
    Qcow2 *q;
    int ret = qcow2_open_fd(fd, path, read_only, &q, err);
    *s = q;
    return ret;
}

static int q_close(void *s, Err *err) { return qcow2_close(s, err); }
static uint64_t q_size(const void *s) { return qcow2_size(s); }

static int q_pread(void *s, uint64_t off, void *buf, size_t len, Err *err)
{
    return qcow2_pread(s, off, buf, len, err);
}

static int q_pwrite(void *s, uint64_t off, const void *buf, size_t len, Err *err)
{
    return qcow2_pwrite(s, off, buf, len, err);
}

static int q_flush(void *s, Err *err) { return qcow2_flush(s, err); }
static uint64_t q_file_wr_highest(const void *s) { return qcow2_file_wr_highest(s); }
static int q_snapshot_count(const void *s) { return qcow2_snapshot_count(s); }

static int q_snapshot_info(const void *s, int index, BlkSnapInfo *out)
{
    return qcow2_snapshot_info(s, index, out);
}

static int q_snapshot_find(const void *s, const char *name, Err *err)
{
    return qcow2_snapshot_find(s, name, err);
}

static int q_snapshot_find_id_or_name(const void *s, const char *id_or_name, Err *err)
{
    return qcow2_snapshot_find_id_or_name(s, id_or_name, err);
}

static int q_snapshot_create(void *s, const BlkSnapNew *sn, void *w, Err *err)
{
    return qcow2_snapshot_create(s, sn, w, err);
}

static int q_snapshot_delete(void *s, int index, Err *err)
{
    return qcow2_snapshot_delete(s, index, err);
}

static int q_snapshot_goto(void *s, int index, Err *err)
{
    return qcow2_snapshot_apply(s, index, err);
}

static int q_snapshot_pread(void *s, int index, uint64_t off, void *buf, size_t len, Err *err)
{
    return qcow2_snapshot_pread(s, index, off, buf, len, err);
}

static int q_vmstate_begin(void *s, void **w, Err *err)
{
    Qcow2VmWriter *qw;
    int ret = qcow2_vmstate_begin(s, &qw, err);
    *w = qw;
    return ret;
}

static int q_vmstate_write(void *w, uint64_t off, const void *buf, size_t len, Err *err)
{
    return qcow2_vmstate_write(w, off, buf, len, err);
}

static int q_vmstate_writev(void *w, uint64_t off, const struct iovec *iov, int niov, Err *err)
{
    return qcow2_vmstate_writev(w, off, iov, niov, err);
}

static void q_vmstate_abort(void *w) { qcow2_vmstate_abort(w); }

static long q_vmstate_read(void *s, int index, uint64_t off, void *buf, size_t len, Err *err)
{
    return qcow2_vmstate_read(s, index, off, buf, len, err);
}

static long q_vmstate_readv(void *s, int index, uint64_t off, const struct iovec *iov, int niov,
                            Err *err)
{
    return qcow2_vmstate_readv(s, index, off, iov, niov, err);
}

static int q_vmstate_view(void *s, int index, uint64_t off, size_t len, const uint8_t **view,
                          size_t *got, Err *err)
{
    return qcow2_vmstate_view(s, index, off, len, view, got, err);
}

static void q_info(void *s, BlkInfo *out) { qcow2_info(s, out); }

static int q_check(void *s, int repair, BlkCheckResult *res, FILE *log, Err *err)
{
    return qcow2_check(s, repair, res, log, err);
}

static int q_resize(void *s, uint64_t new_size, Err *err)
{
    return qcow2_resize(s, new_size, err);
}

static int q_amend(void *s, const BlkCreateOpts *o, Err *err)
{
    return qcow2_amend(s, o, err);
}

static int q_block_status(void *s, uint64_t off, uint64_t len, unsigned *flags, uint64_t *pnum,
                          uint64_t *host, Err *err)
{
    return qcow2_block_status(s, off, len, flags, pnum, host, err);
}

static int q_count_used_clusters(void *s, uint64_t n, uint64_t stop, uint64_t *count, Err *err)
{
    return qcow2_count_used_clusters(s, n, stop, count, err);
}

static int q_write_compressed(void *s, uint64_t guest_off, const void *buf, Err *err)
{
    return qcow2_write_compressed(s, guest_off, buf, err);
}

const BlockDriver blk_qcow2_driver = {
    .format_name = "qcow2",
    .probe = q_probe, .create = qcow2_create, .open = q_open, .close = q_close, .size = q_size,
    .pread = q_pread, .pwrite = q_pwrite, .flush = q_flush,
    .file_wr_highest = q_file_wr_highest,
    .snapshot_count = q_snapshot_count, .snapshot_info = q_snapshot_info,
    .snapshot_find = q_snapshot_find, .snapshot_find_id_or_name = q_snapshot_find_id_or_name,
    .snapshot_create = q_snapshot_create, .snapshot_delete = q_snapshot_delete,
    .snapshot_goto = q_snapshot_goto, .snapshot_pread = q_snapshot_pread,
    .vmstate_begin = q_vmstate_begin, .vmstate_write = q_vmstate_write,
    .vmstate_writev = q_vmstate_writev, .vmstate_abort = q_vmstate_abort,
    .vmstate_read = q_vmstate_read, .vmstate_readv = q_vmstate_readv,
    .vmstate_view = q_vmstate_view,
    .info = q_info, .check = q_check, .resize = q_resize, .amend = q_amend,
    .block_status = q_block_status, .count_used_clusters = q_count_used_clusters,
    .write_compressed = q_write_compressed,
};

Qcow2 *qcow2_of(BlockDev *b)
{
    return b->drv == &blk_qcow2_driver ? b->opaque : NULL;
}
