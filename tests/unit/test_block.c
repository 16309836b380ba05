/* test_block.c: the block layer's driver interface (block.h), driven through the ops
 * table only: raw and qcow2 give the same bytes for the same random reads and writes
 * (fixed seeds, checked against a model), snapshot and VM-state operations on raw fail
 * with QEMU's errors while qcow2's work, probing picks the driver, and a table that lacks
 * an operation is refused at open (required ones) or answered with -ENOTSUP (optional
 * ones), never a crash. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>

#include "block/block.h"

enum { DISK = 1 << 20, NOPS = 1500, MAXLEN = 9000 };

static char raw_path[64], q_path[64];

static void setup(void)
{
    snprintf(raw_path, sizeof raw_path, "/tmp/test_block.%d.raw", (int)getpid());
    snprintf(q_path, sizeof q_path, "/tmp/test_block.%d.qcow2", (int)getpid());
}

static void teardown(void)
{
    unlink(raw_path);
    unlink(q_path);
}

static uint64_t rnd(uint64_t *s)          /* xorshift64*: fixed seeds, same on every host */
{
    *s ^= *s >> 12;
    *s ^= *s << 25;
    *s ^= *s >> 27;
    return *s * 2685821657736338717ull;
}

static BlockDev *make(const char *path, const char *fmt, uint32_t cluster_size)
{
    Err e = { 0 };
    BlkCreateOpts o = { .size = DISK, .cluster_size = cluster_size, .refcount_order = -1 };
    ck_assert_msg(blk_create(path, fmt, &o, &e) == 0, "%s", e.msg);
    BlockDev *b;
    ck_assert_msg(blk_open(path, fmt, false, &b, &e) == 0, "%s", e.msg);
    ck_assert_str_eq(blk_format(b), fmt);
    ck_assert_uint_eq(blk_size(b), DISK);
    return b;
}

static const uint64_t seeds[] = { 1, 0x9e3779b97f4a7c15ull, 20261206 };

/* Random writes (any offset and length, zeros and patterns), reads and flushes on both
 * formats and a memory model; every read of either must equal the model, and so must the
 * whole disk after closing and opening again. */
START_TEST(test_block_raw_and_qcow2_give_the_same_bytes_for_the_same_ops)
{
    uint64_t s = seeds[_i];
    BlockDev *d[2] = { make(raw_path, "raw", 0), make(q_path, "qcow2", _i == 1 ? 512 : 0) };
    uint8_t *model = calloc(DISK, 1), *buf = malloc(MAXLEN), *back = malloc(MAXLEN);
    Err e = { 0 };
    int writes = 0, reads = 0;
    for (int n = 0; n < NOPS; n++) {
        uint64_t len = rnd(&s) % MAXLEN + 1, off = rnd(&s) % (DISK - len + 1);
        unsigned kind = (unsigned)(rnd(&s) % 8);
        if (kind < 3) {
            uint8_t fill = (uint8_t)rnd(&s);
            for (uint64_t k = 0; k < len; k++)
                buf[k] = kind == 0 ? 0 : (uint8_t)(fill + k * 7 + (k >> 9));
            memcpy(model + off, buf, len);
            for (int i = 0; i < 2; i++)
                ck_assert_msg(blk_pwrite(d[i], off, buf, len, &e) == 0, "%s", e.msg);
            writes++;
        } else if (kind == 7) {
            for (int i = 0; i < 2; i++)
                ck_assert_msg(blk_flush(d[i], &e) == 0, "%s", e.msg);
        } else {
            for (int i = 0; i < 2; i++) {
                ck_assert_msg(blk_pread(d[i], off, back, len, &e) == 0, "%s", e.msg);
                ck_assert_msg(!memcmp(back, model + off, len), "%s differs at op %d (%#" PRIx64
                              "+%" PRIu64 ")", blk_format(d[i]), n, off, len);
            }
            reads++;
        }
    }
    ck_assert_int_gt(writes, NOPS / 4);
    ck_assert_int_gt(reads, NOPS / 4);
    uint8_t *all = malloc(DISK);
    for (int i = 0; i < 2; i++) {
        const char *fmt = blk_format(d[i]), *p = i ? q_path : raw_path;
        ck_assert_msg(blk_close(d[i], &e) == 0, "%s", e.msg);
        ck_assert_msg(blk_open(p, NULL, true, &d[i], &e) == 0, "%s", e.msg);
        ck_assert_str_eq(blk_format(d[i]), fmt);              /* probed */
        ck_assert_msg(blk_pread(d[i], 0, all, DISK, &e) == 0, "%s", e.msg);
        ck_assert_msg(!memcmp(all, model, DISK), "%s differs after reopening", fmt);
        ck_assert_int_eq(blk_pread(d[i], DISK - 1, all, 2, &e), -EINVAL);  /* past the end */
        ck_assert_int_eq(blk_pwrite(d[i], 0, all, 1, &e), -EPERM);         /* read-only */
        blk_close(d[i], NULL);
    }
    free(all);
    free(model);
    free(buf);
    free(back);
}
END_TEST

/* The whole file at path, malloc'd. */
static uint8_t *file_bytes(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    ck_assert_ptr_nonnull(f);
    fseek(f, 0, SEEK_END);
    *len = (size_t)ftell(f);
    rewind(f);
    uint8_t *b = malloc(*len ? *len : 1);
    ck_assert_uint_eq(fread(b, 1, *len, f), *len);
    fclose(f);
    return b;
}

static void expect_raw_error(int ret, const char *feature, const Err *e)
{
    char want[256];
    snprintf(want, sizeof want, "Block format 'raw' used by device '%s' does not support "
             "feature '%s'", raw_path, feature);
    ck_assert_int_eq(ret, -ENOTSUP);
    ck_assert_str_eq(e->msg, want);
}

/* The same snapshot and VM-state calls: qcow2 does them, raw answers with QEMU's wording. */
START_TEST(test_block_snapshot_ops_on_raw_fail_with_the_named_error)
{
    BlockDev *raw = make(raw_path, "raw", 0), *q = make(q_path, "qcow2", 0);
    const uint8_t data[] = "VM state bytes";
    BlkSnapNew sn = { .name = "s1", .icount = UINT64_MAX };
    Err e = { 0 };

    ck_assert_int_eq(blk_snapshot_count(raw), 0);
    ck_assert(!blk_driver(raw)->snapshot_create && blk_driver(q)->snapshot_create);
    expect_raw_error(blk_snapshot_find(raw, "s1", &e), "internal snapshots", &e);
    err_clear(&e);
    expect_raw_error(blk_snapshot_find_id_or_name(raw, "1", &e), "internal snapshots", &e);
    err_clear(&e);
    expect_raw_error(blk_snapshot_create(raw, &sn, NULL, &e), "internal snapshots", &e);
    err_clear(&e);
    expect_raw_error(blk_snapshot_delete(raw, 0, &e), "internal snapshots", &e);
    err_clear(&e);
    expect_raw_error(blk_snapshot_goto(raw, 0, &e), "internal snapshots", &e);
    err_clear(&e);
    BlkSnapInfo info;
    expect_raw_error(blk_snapshot_info(raw, 0, &info, &e), "internal snapshots", &e);
    err_clear(&e);
    BlkVmWriter *w;
    expect_raw_error(blk_vmstate_begin(raw, &w, &e), "vmstate", &e);
    ck_assert_ptr_null(w);
    err_clear(&e);
    uint8_t back[64];
    expect_raw_error((int)blk_vmstate_read(raw, 0, 0, back, sizeof back, &e), "vmstate", &e);
    err_clear(&e);
    BlkCheckResult r;
    ck_assert_int_eq(blk_check(raw, BLK_REPAIR_NONE, &r, NULL, &e), -ENOTSUP);
    ck_assert_str_eq(e.msg, "This image format does not support checks");
    err_clear(&e);
    BlkCreateOpts o = { .size = DISK };
    ck_assert_int_eq(blk_amend(raw, &o, &e), -ENOTSUP);
    ck_assert_str_eq(e.msg, "Format driver 'raw' does not support option amendment");
    err_clear(&e);
    BlkInfo in;
    ck_assert_int_eq(blk_info(raw, &in, NULL), -ENOTSUP);

    /* qcow2: disk data "A", snapshot with VM state, data "B", revert: "A" again */
    ck_assert_int_eq(blk_pwrite(q, 4096, "A", 1, &e), 0);
    ck_assert_msg(blk_vmstate_begin(q, &w, &e) == 0, "%s", e.msg);
    ck_assert_int_eq(blk_vmstate_write(w, 0, data, sizeof data, &e), 0);
    ck_assert_msg(blk_snapshot_create(q, &sn, w, &e) == 0, "%s", e.msg);
    ck_assert_int_eq(blk_snapshot_count(q), 1);
    int i = blk_snapshot_find(q, "s1", &e);
    ck_assert_int_eq(i, 0);
    ck_assert_int_eq(blk_snapshot_find_id_or_name(q, "1", &e), 0);
    ck_assert_int_eq(blk_snapshot_info(q, i, &info, &e), 0);
    ck_assert_uint_eq(info.vm_state_size, sizeof data);
    ck_assert_int_eq(blk_snapshot_info(q, 5, &info, NULL), -ENOENT);
    ck_assert_int_eq(blk_vmstate_read(q, i, 0, back, sizeof back, &e), (long)sizeof data);
    ck_assert(!memcmp(back, data, sizeof data));
    /* a revert right after the save finds the snapshot's table active: the file stays
     * byte for byte as it is (a revert that did the work would write a new L1 table and
     * switch the header) */
    size_t n0, n1;
    uint8_t *f0 = file_bytes(q_path, &n0);
    ck_assert_msg(blk_snapshot_goto(q, i, &e) == 0, "%s", e.msg);
    uint8_t *f1 = file_bytes(q_path, &n1);
    ck_assert(n0 == n1 && !memcmp(f0, f1, n0));
    free(f0);
    free(f1);
    ck_assert_int_eq(blk_pwrite(q, 4096, "B", 1, &e), 0);
    ck_assert_msg(blk_snapshot_goto(q, i, &e) == 0, "%s", e.msg);
    ck_assert_int_eq(blk_pread(q, 4096, back, 1, &e), 0);
    ck_assert_int_eq(back[0], 'A');
    ck_assert_int_eq(blk_check(q, BLK_REPAIR_NONE, &r, NULL, &e), 0);
    ck_assert_uint_eq(r.corruptions + r.leaks + r.check_errors, 0);
    ck_assert_int_eq(blk_info(q, &in, &e), 0);
    ck_assert_int_eq(in.nb_snapshots, 1);
    ck_assert_int_eq(blk_snapshot_delete(q, i, &e), 0);
    ck_assert_int_eq(blk_snapshot_find(q, "s1", NULL), -ENOENT);
    blk_close(raw, NULL);
    blk_close(q, NULL);
}
END_TEST

START_TEST(test_block_probe_and_format_names_pick_the_driver)
{
    blk_close(make(raw_path, "raw", 0), NULL);
    blk_close(make(q_path, "qcow2", 0), NULL);
    BlockDev *b;
    Err e = { 0 };
    ck_assert_int_eq(blk_open(q_path, NULL, true, &b, &e), 0);
    ck_assert_ptr_eq(blk_driver(b), &blk_qcow2_driver);
    blk_close(b, NULL);
    ck_assert_int_eq(blk_open(raw_path, NULL, true, &b, &e), 0);
    ck_assert_ptr_eq(blk_driver(b), &blk_raw_driver);
    blk_close(b, NULL);
    struct stat st;
    ck_assert_int_eq(stat(q_path, &st), 0);
    ck_assert_int_eq(blk_open(q_path, "raw", true, &b, &e), 0);   /* forced: the file bytes */
    ck_assert_uint_eq(blk_size(b), (uint64_t)st.st_size);
    ck_assert_uint_lt(blk_size(b), DISK);
    blk_close(b, NULL);
    ck_assert_int_eq(blk_open(raw_path, "vmdk", true, &b, &e), -ENOTSUP);
    ck_assert_str_eq(e.msg, "unknown image format 'vmdk'");
    ck_assert_ptr_null(b);
    err_clear(&e);
    BlkCreateOpts o = { .size = DISK };
    ck_assert_int_eq(blk_create(raw_path, "vmdk", &o, &e), -ENOTSUP);
    ck_assert_str_eq(e.msg, "Unknown file format 'vmdk'");
}
END_TEST

/* A table without a required operation is refused before the file is touched. */
START_TEST(test_block_driver_without_a_required_op_is_refused_at_open)
{
    blk_close(make(raw_path, "raw", 0), NULL);
    static const char *const names[] = { "create", "open", "close", "size", "pread", "pwrite",
                                         "flush" };
    BlockDriver d = blk_raw_driver;
    switch (_i) {
    case 0: d.create = NULL; break;
    case 1: d.open = NULL; break;
    case 2: d.close = NULL; break;
    case 3: d.size = NULL; break;
    case 4: d.pread = NULL; break;
    case 5: d.pwrite = NULL; break;
    default: d.flush = NULL; break;
    }
    BlockDev *b;
    Err e = { 0 };
    ck_assert_int_eq(blk_open_driver(raw_path, &d, true, false, &b, &e), -EINVAL);
    ck_assert_ptr_null(b);
    char want[96];
    snprintf(want, sizeof want, "block driver 'raw' has no %s operation", names[_i]);
    ck_assert_str_eq(e.msg, want);
    err_clear(&e);
    d = blk_raw_driver;
    d.format_name = NULL;
    ck_assert_int_eq(blk_open_driver(raw_path, &d, true, false, &b, &e), -EINVAL);
    ck_assert_str_eq(e.msg, "block driver without a format name");
}
END_TEST

/* Optional operations left out: the call fails with -ENOTSUP naming the format, and the
 * vectored VM-state calls fall back to the plain ones with the same bytes. */
START_TEST(test_block_driver_without_optional_ops_answers_not_supported)
{
    blk_close(make(q_path, "qcow2", 0), NULL);
    BlockDriver d = blk_qcow2_driver;
    d.snapshot_goto = NULL;
    d.vmstate_writev = NULL;
    d.vmstate_readv = NULL;
    d.check = NULL;
    d.resize = NULL;
    d.write_compressed = NULL;
    d.block_status = NULL;
    d.count_used_clusters = NULL;
    BlockDev *b;
    Err e = { 0 };
    ck_assert_msg(blk_open_driver(q_path, &d, false, false, &b, &e) == 0, "%s", e.msg);
    BlkVmWriter *w;
    ck_assert_msg(blk_vmstate_begin(b, &w, &e) == 0, "%s", e.msg);
    uint8_t part[3][700], back[2200];
    for (int k = 0; k < 3; k++)
        memset(part[k], 'a' + k, sizeof part[k]);
    struct iovec iov[3] = { { part[0], 700 }, { part[1], 0 }, { part[2], 700 } };
    ck_assert_int_eq(blk_vmstate_writev(w, 0, iov, 3, &e), 0);
    ck_assert_int_eq(blk_vmstate_write(w, 1400, part[1], 700, &e), 0);
    BlkSnapNew sn = { .name = "s", .icount = UINT64_MAX };
    ck_assert_msg(blk_snapshot_create(b, &sn, w, &e) == 0, "%s", e.msg);
    struct iovec rv[2] = { { back, 1000 }, { back + 1000, 1200 } };
    long n = blk_vmstate_readv(b, 0, 0, rv, 2, &e);
    ck_assert(n > 0 && n <= 2100);
    ck_assert_int_eq(blk_vmstate_read(b, 0, 0, back, sizeof back, &e), 2100);
    ck_assert(!memcmp(back, part[0], 700) && !memcmp(back + 700, part[2], 700) &&
              !memcmp(back + 1400, part[1], 700));
    char want[256];
    snprintf(want, sizeof want, "Block format 'qcow2' used by device '%s' does not support "
             "feature 'internal snapshots'", q_path);
    ck_assert_int_eq(blk_snapshot_goto(b, 0, &e), -ENOTSUP);
    ck_assert_str_eq(e.msg, want);
    err_clear(&e);
    BlkCheckResult r;
    ck_assert_int_eq(blk_check(b, BLK_REPAIR_NONE, &r, NULL, &e), -ENOTSUP);
    ck_assert_int_eq(blk_resize(b, 2 * DISK, NULL), -ENOTSUP);
    ck_assert_int_eq(blk_write_compressed(b, 0, back, NULL), -ENOTSUP);
    unsigned fl;
    uint64_t pnum, host, cnt;
    ck_assert_int_eq(blk_block_status(b, 0, 512, &fl, &pnum, &host, NULL), -ENOTSUP);
    ck_assert_int_eq(blk_count_used_clusters(b, 1, 1, &cnt, NULL), -ENOTSUP);
    ck_assert_uint_eq(blk_size(b), DISK);                       /* nothing changed */
    ck_assert_int_eq(blk_snapshot_count(b), 1);
    ck_assert_int_eq(blk_close(b, &e), 0);
}
END_TEST

/* Byte k of the VM state vm_snapshot writes with salt: no run of it repeats elsewhere. */
static uint8_t vm_byte(size_t k, unsigned salt)
{
    uint32_t x = (uint32_t)k * 2654435761u ^ salt * 0x9e3779b9u;
    return (uint8_t)(x >> 24 ^ x >> 11);
}

/* A snapshot with len bytes of VM state, byte k = vm_byte(k, salt); with split, a
 * disk write after the first half allocates 16 clusters, so that the VM state's clusters are not
 * contiguous in the file. */
static void vm_snapshot(BlockDev *b, const char *name, size_t len, unsigned salt, bool split)
{
    Err e = { 0 };
    BlkVmWriter *w;
    ck_assert_msg(blk_vmstate_begin(b, &w, &e) == 0, "%s", e.msg);
    uint8_t *buf = malloc(len);
    for (size_t k = 0; k < len; k++)
        buf[k] = vm_byte(k, salt);
    size_t half = split ? len / 2 : len;
    ck_assert_int_eq(blk_vmstate_write(w, 0, buf, half, &e), 0);
    if (split) {
        uint8_t *d = xzalloc(65536);   /* more than any hole earlier snapshots left */
        memset(d, (int)salt, 65536);
        ck_assert_int_eq(blk_pwrite(b, 65536 * (salt + 2), d, 65536, &e), 0);
        free(d);
        ck_assert_int_eq(blk_vmstate_write(w, half, buf + half, len - half, &e), 0);
    }
    free(buf);
    BlkSnapNew sn = { .name = name, .icount = UINT64_MAX };
    ck_assert_msg(blk_snapshot_create(b, &sn, w, &e) == 0, "%s", e.msg);
}

/* blk_vmstate_view shows, in place, exactly the bytes blk_vmstate_read reads, for random
 * ranges of VM states in contiguous and in scattered clusters (disk writes between
 * a VM state's pieces; another snapshot deleted), stops where the
 * clusters stop being contiguous, shows nothing past the end, and never past the end of a file cut short
 * under it (a page mapped there would fault). */
START_TEST(test_block_vmstate_view_shows_what_a_read_gives)
{
    BlockDev *b = make(q_path, "qcow2", 4096);
    Err e = { 0 };
    vm_snapshot(b, "a", 40000, 1, false);
    uint8_t d[4096];
    memset(d, 0x5a, sizeof d);
    ck_assert_int_eq(blk_pwrite(b, 8192, d, sizeof d, &e), 0);   /* a cluster in between */
    vm_snapshot(b, "b", 60000, 2, true);
    vm_snapshot(b, "c", 200000, 3, true);
    ck_assert_int_eq(blk_snapshot_delete(b, blk_snapshot_find(b, "a", NULL), &e), 0);
    uint64_t s = 20261207;
    uint8_t *want = malloc(1 << 18);
    int cut_short = 0;
    for (int idx = 0; idx < blk_snapshot_count(b); idx++) {
        BlkSnapInfo in;
        ck_assert_int_eq(blk_snapshot_info(b, idx, &in, NULL), 0);
        for (int k = 0; k < 400; k++) {
            uint64_t off = rnd(&s) % (in.vm_state_size + 100);
            size_t len = 1 + rnd(&s) % 70000;
            const uint8_t *v;
            size_t got;
            ck_assert_msg(blk_vmstate_view(b, idx, off, len, &v, &got, &e) == 0, "%s", e.msg);
            long n = blk_vmstate_read(b, idx, off, want, len, &e);
            ck_assert_int_ge(n, 0);
            ck_assert_uint_le(got, (size_t)n);
            ck_assert(got == 0 || !memcmp(v, want, got));
            ck_assert(off >= in.vm_state_size || got > 0);   /* all of it is plain clusters */
            cut_short += got < (size_t)n;
        }
        const uint8_t *v;
        size_t got;
        ck_assert_int_eq(blk_vmstate_view(b, idx, in.vm_state_size, 10, &v, &got, &e), 0);
        ck_assert(got == 0 && !v);
    }
    ck_assert_int_gt(cut_short, 0);   /* "c" lies in two runs of clusters */
    /* the file cut short under the open image, 50000 bytes into c's VM state (found by
     * its bytes): views end at the file's new end */
    FILE *f = fopen(q_path, "rb");
    ck_assert_ptr_nonnull(f);
    uint8_t *file = malloc(1 << 20);
    size_t flen = fread(file, 1, 1 << 20, f);
    fclose(f);
    uint8_t head[64];
    for (size_t k = 0; k < sizeof head; k++)
        head[k] = vm_byte(k, 3);
    const uint8_t *at = memmem(file, flen, head, sizeof head);
    ck_assert_ptr_nonnull(at);
    ck_assert_int_eq(truncate(q_path, (off_t)(at - file) + 50000), 0);
    free(file);
    int c = blk_snapshot_find(b, "c", NULL);
    for (uint64_t off = 0; off < 50000; off += 997) {
        const uint8_t *v;
        size_t got;
        ck_assert_int_eq(blk_vmstate_view(b, c, off, 200000 - off, &v, &got, &e), 0);
        ck_assert_uint_eq(got, 50000 - off);
        for (size_t k = 0; k < got; k++)   /* every byte shown can be read */
            ck_assert_uint_eq(((const volatile uint8_t *)v)[k], vm_byte(off + k, 3));
    }
    free(want);
    blk_close(b, NULL);
}
END_TEST

static Suite *block_suite(void)
{
    Suite *s = suite_create("block");
    TCase *t = tcase_create("core");
    tcase_add_checked_fixture(t, setup, teardown);
    tcase_set_timeout(t, 60);
    tcase_add_loop_test(t, test_block_raw_and_qcow2_give_the_same_bytes_for_the_same_ops, 0,
                        (int)ARRAY_SIZE(seeds));
    tcase_add_test(t, test_block_snapshot_ops_on_raw_fail_with_the_named_error);
    tcase_add_test(t, test_block_probe_and_format_names_pick_the_driver);
    tcase_add_loop_test(t, test_block_driver_without_a_required_op_is_refused_at_open, 0, 7);
    tcase_add_test(t, test_block_driver_without_optional_ops_answers_not_supported);
    tcase_add_test(t, test_block_vmstate_view_shows_what_a_read_gives);
    suite_add_tcase(s, t);
    return s;
}

int main(void)
{
    SRunner *r = srunner_create(block_suite());
    srunner_run_all(r, CK_NORMAL);
    int failed = srunner_ntests_failed(r);
    srunner_free(r);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
