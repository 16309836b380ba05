/* test_overlay.c: the -snapshot overlay (block/overlay.c) through the block API only:
 * random reads and writes at any offset and length (partial granules, across the
 * image's clusters, the disk's last bytes) against a memory model, with fixed seeds, on
 * qcow2 (512-byte and 64 KiB clusters) and raw images; a goto makes a snapshot's disk the
 * view and drops the writes; the image file is byte for byte as before afterwards and
 * checks clean. Also: the locks (a writer is refused, readers and more overlays are not),
 * savevm/delvm refused in one line, and failures (a corrupt image, no place for the
 * temporary file) reported without leaving a lock behind. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "block/block.h"

enum { DISK = 4 << 20, NOPS = 2500, MAXLEN = 17000, RAW_TAIL = 1536 };

static char q_path[64], raw_path[64];

static void setup(void)
{
    snprintf(q_path, sizeof q_path, "/tmp/test_overlay.%d.qcow2", (int)getpid());
    snprintf(raw_path, sizeof raw_path, "/tmp/test_overlay.%d.raw", (int)getpid());
}

static void teardown(void)
{
    unlink(q_path);
    unlink(raw_path);
}

static uint64_t rnd(uint64_t *s)          /* xorshift64*: fixed seeds, same on every host */
{
    *s ^= *s >> 12;
    *s ^= *s << 25;
    *s ^= *s >> 27;
    return *s * 2685821657736338717ull;
}

static uint8_t *file_bytes(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    ck_assert_ptr_nonnull(f);
    fseek(f, 0, SEEK_END);
    *n = (size_t)ftell(f);
    rewind(f);
    uint8_t *p = malloc(*n + 1);
    ck_assert_uint_eq(fread(p, 1, *n, f), *n);
    fclose(f);
    return p;
}

/* n random writes of random bytes or zeros into b and model. */
static void scribble(BlockDev *b, uint8_t *model, uint64_t size, uint64_t *s, int n)
{
    uint8_t *buf = malloc(MAXLEN);
    Err e = { 0 };
    for (int k = 0; k < n; k++) {
        uint64_t len = rnd(s) % MAXLEN + 1, off = rnd(s) % (size - len + 1);
        bool zero = rnd(s) % 4 == 0;
        for (uint64_t i = 0; i < len; i++)
            buf[i] = zero ? 0 : (uint8_t)rnd(s);
        ck_assert_msg(blk_pwrite(b, off, buf, len, &e) == 0, "%s", e.msg);
        memcpy(model + off, buf, len);
    }
    free(buf);
}

/* Random writes, reads (some at the disk's very end) and flushes against the model. */
static void exercise(BlockDev *b, uint8_t *model, uint64_t size, uint64_t *s, int nops)
{
    uint8_t *buf = malloc(MAXLEN), *back = malloc(MAXLEN);
    Err e = { 0 };
    int reads = 0, writes = 0;
    for (int n = 0; n < nops; n++) {
        uint64_t len = rnd(s) % MAXLEN + 1, off = rnd(s) % (size - len + 1);
        unsigned kind = (unsigned)(rnd(s) % 8);
        if (kind == 0)
            off = size - len;
        if (kind < 3) {
            uint8_t fill = (uint8_t)rnd(s);
            for (uint64_t k = 0; k < len; k++)
                buf[k] = (uint8_t)(fill + k * 13 + (k >> 8));
            ck_assert_msg(blk_pwrite(b, off, buf, len, &e) == 0, "%s", e.msg);
            memcpy(model + off, buf, len);
            writes++;
        } else if (kind == 7) {
            ck_assert_msg(blk_flush(b, &e) == 0, "%s", e.msg);
        } else {
            ck_assert_msg(blk_pread(b, off, back, len, &e) == 0, "%s", e.msg);
            ck_assert_msg(!memcmp(back, model + off, len), "read %#" PRIx64 "+%" PRIu64
                          " differs from the model at op %d", off, len, n);
            reads++;
        }
    }
    ck_assert_int_gt(writes, nops / 5);
    ck_assert_int_gt(reads, nops / 5);
    free(buf);
    free(back);
}

#define expect_disk(b, m, s) expect_disk_at(b, m, s, __LINE__)
static void expect_disk_at(BlockDev *b, const uint8_t *model, uint64_t size, int line)
{
    uint8_t *all = malloc(size);
    Err e = { 0 };
    ck_assert_msg(blk_pread(b, 0, all, size, &e) == 0, "%s", e.msg);
    uint64_t k = 0;
    while (k < size && all[k] == model[k])
        k++;
    ck_assert_msg(k == size, "line %d: the whole disk differs from the model at %#" PRIx64, line, k);
    free(all);
}

static const uint64_t seeds[] = { 7, 0x9e3779b97f4a7c15ull, 20261206 };

/* A qcow2 image with snapshot "a" of disk A (and a VM state) and an active disk B. */
static void make_qcow2(uint32_t cluster, uint8_t *a, uint8_t *b, uint64_t *s)
{
    Err e = { 0 };
    BlkCreateOpts o = { .size = DISK, .cluster_size = cluster, .refcount_order = -1 };
    ck_assert_msg(blk_create(q_path, "qcow2", &o, &e) == 0, "%s", e.msg);
    BlockDev *q;
    ck_assert_msg(blk_open(q_path, "qcow2", false, &q, &e) == 0, "%s", e.msg);
    scribble(q, a, DISK, s, 300);
    BlkVmWriter *w;
    ck_assert_msg(blk_vmstate_begin(q, &w, &e) == 0, "%s", e.msg);
    ck_assert_int_eq(blk_vmstate_write(w, 0, "VMSTATE", 7, &e), 0);
    BlkSnapNew sn = { .name = "a", .icount = UINT64_MAX };
    ck_assert_msg(blk_snapshot_create(q, &sn, w, &e) == 0, "%s", e.msg);
    memcpy(b, a, DISK);
    scribble(q, b, DISK, s, 300);
    ck_assert_int_eq(blk_close(q, &e), 0);
}

/* The guest sees B and its own writes; after goto "a", A and its own writes; the image
 * file never changes. Loop index: seed x cluster size (512, 64 KiB). */
START_TEST(test_overlay_reads_its_writes_over_the_image_and_the_snapshot_view)
{
    uint64_t s = seeds[_i / 2];
    uint8_t *a = calloc(DISK, 1), *b = calloc(DISK, 1);
    make_qcow2(_i % 2 ? 65536 : 512, a, b, &s);
    size_t n0, n1;
    uint8_t *before = file_bytes(q_path, &n0);
    BlockDev *o;
    Err e = { 0 };
    ck_assert_msg(blk_open_snapshot(q_path, NULL, &o, &e) == 0, "%s", e.msg);
    ck_assert_ptr_eq(blk_driver(o), &blk_overlay_driver);
    ck_assert(!blk_read_only(o));
    ck_assert_uint_eq(blk_size(o), DISK);
    expect_disk(o, b, DISK);
    uint8_t *b2 = malloc(DISK);
    memcpy(b2, b, DISK);
    exercise(o, b2, DISK, &s, NOPS);
    expect_disk(o, b2, DISK);

    ck_assert_int_eq(blk_snapshot_count(o), 1);
    int i = blk_snapshot_find(o, "a", &e);
    ck_assert_int_eq(i, 0);
    ck_assert_int_eq(blk_snapshot_find_id_or_name(o, "1", &e), 0);
    BlkSnapInfo info;
    ck_assert_int_eq(blk_snapshot_info(o, i, &info, &e), 0);
    ck_assert_uint_eq(info.vm_state_size, 7);
    ck_assert_msg(blk_snapshot_goto(o, i, &e) == 0, "%s", e.msg);
    expect_disk(o, a, DISK);                         /* the overlay's writes are gone */
    uint8_t *a2 = malloc(DISK);
    memcpy(a2, a, DISK);
    exercise(o, a2, DISK, &s, NOPS);
    expect_disk(o, a2, DISK);
    char vm[16] = { 0 };
    ck_assert_int_eq(blk_vmstate_read(o, i, 0, vm, sizeof vm, &e), 7);
    ck_assert_str_eq(vm, "VMSTATE");
    ck_assert_msg(blk_snapshot_goto(o, i, &e) == 0, "%s", e.msg);   /* again: A again */
    expect_disk(o, a, DISK);
    ck_assert_int_eq(blk_close(o, &e), 0);

    uint8_t *after = file_bytes(q_path, &n1);
    ck_assert_uint_eq(n0, n1);
    ck_assert_msg(!memcmp(before, after, n0), "the image file changed");
    BlockDev *q;
    ck_assert_int_eq(blk_open(q_path, NULL, true, &q, &e), 0);
    expect_disk(q, b, DISK);
    BlkCheckResult r;
    ck_assert_int_eq(blk_check(q, BLK_REPAIR_NONE, &r, NULL, &e), 0);
    ck_assert_uint_eq(r.corruptions + r.leaks + r.check_errors, 0);
    blk_close(q, NULL);
    free(a); free(a2); free(b); free(b2); free(before); free(after);
}
END_TEST

/* A raw image whose size is no multiple of the overlay's granule: the last, short granule
 * reads and writes like the others; a whole-disk write fills every granule (the map
 * grows past its first size) and reads back. */
START_TEST(test_overlay_on_raw_with_a_short_last_granule)
{
    uint64_t s = seeds[_i], size = DISK + RAW_TAIL;
    Err e = { 0 };
    BlkCreateOpts co = { .size = size };
    ck_assert_int_eq(blk_create(raw_path, "raw", &co, &e), 0);
    uint8_t *m = calloc(size, 1);
    BlockDev *o;
    ck_assert_int_eq(blk_open(raw_path, "raw", false, &o, &e), 0);
    scribble(o, m, size, &s, 200);
    blk_close(o, NULL);
    size_t n0, n1;
    uint8_t *before = file_bytes(raw_path, &n0);
    ck_assert_msg(blk_open_snapshot(raw_path, "raw", &o, &e) == 0, "%s", e.msg);
    ck_assert_uint_eq(blk_size(o), size);
    exercise(o, m, size, &s, NOPS);
    for (uint64_t k = 0; k < size; k++)
        m[k] = (uint8_t)(k * 31 + (k >> 12));
    for (uint64_t off = 0; off < size; off += 65536)
        ck_assert_int_eq(blk_pwrite(o, off, m + off, MIN(65536, size - off), &e), 0);
    expect_disk(o, m, size);
    ck_assert_int_eq(blk_snapshot_goto(o, 0, &e), -ENOTSUP);    /* raw has no snapshots */
    ck_assert_int_eq(blk_close(o, &e), 0);
    uint8_t *after = file_bytes(raw_path, &n1);
    ck_assert(n0 == n1 && !memcmp(before, after, n0));
    free(m); free(before); free(after);
}
END_TEST

/* QEMU's locks for a -snapshot image: readers and other overlays may open it, a writer
 * may not; savevm's and delvm's operations are refused in one line. */
START_TEST(test_overlay_locks_the_image_as_a_reader_and_refuses_snapshot_changes)
{
    uint64_t s = 1;
    uint8_t *a = calloc(DISK, 1), *b = calloc(DISK, 1);
    make_qcow2(0, a, b, &s);
    BlockDev *o, *o2, *r, *w;
    Err e = { 0 };
    ck_assert_int_eq(blk_open_snapshot(q_path, "qcow2", &o, &e), 0);
    ck_assert_int_eq(blk_open_snapshot(q_path, "qcow2", &o2, &e), 0);
    ck_assert_int_eq(blk_open(q_path, NULL, true, &r, &e), 0);
    ck_assert_int_eq(blk_open(q_path, NULL, false, &w, &e), -EAGAIN);
    ck_assert_ptr_null(w);
    err_clear(&e);
    ck_assert_int_eq(blk_pwrite(o, 100, "x", 1, &e), 0);       /* o2 does not see it */
    char c;
    ck_assert_int_eq(blk_pread(o2, 100, &c, 1, &e), 0);
    ck_assert_int_eq(c, b[100]);

    char want[512];
    snprintf(want, sizeof want, "'%s' is opened with -snapshot: its snapshots can be loaded "
             "but not created or deleted, as that would change the image (QEMU would keep a "
             "new one in its temporary overlay and lose it at exit)", q_path);
    BlkVmWriter *vw;
    ck_assert_int_eq(blk_vmstate_begin(o, &vw, &e), -EROFS);
    ck_assert_ptr_null(vw);
    ck_assert_str_eq(e.msg, want);
    err_clear(&e);
    BlkSnapNew sn = { .name = "b", .icount = UINT64_MAX };
    ck_assert_int_eq(blk_snapshot_create(o, &sn, NULL, &e), -EROFS);
    ck_assert_str_eq(e.msg, want);
    err_clear(&e);
    ck_assert_int_eq(blk_snapshot_delete(o, 0, &e), -EROFS);
    ck_assert_str_eq(e.msg, want);
    ck_assert_int_eq(blk_snapshot_goto(o, 3, NULL), -ENOENT);
    ck_assert_int_eq(blk_snapshot_count(r), 1);
    blk_close(o, NULL);
    blk_close(o2, NULL);
    blk_close(r, NULL);
    ck_assert_int_eq(blk_open(q_path, NULL, false, &w, &e), 0);   /* no lock left */
    blk_close(w, NULL);
    free(a); free(b);
}
END_TEST

/* Failures leave nothing open: a corrupt image gets the qcow2 driver's error, and a
 * temporary directory that does not exist a line that names it. */
START_TEST(test_overlay_open_failures_are_clear_and_release_the_image)
{
    FILE *f = fopen(q_path, "wb");
    uint8_t hdr[512] = { 0x51, 0x46, 0x49, 0xfb, 0, 0, 0, 3 };
    hdr[23] = 99;                                               /* cluster_bits */
    fwrite(hdr, 1, sizeof hdr, f);
    fclose(f);
    BlockDev *o = (BlockDev *)1;
    Err e = { 0 };
    ck_assert_int_lt(blk_open_snapshot(q_path, NULL, &o, &e), 0);
    ck_assert_ptr_null(o);
    ck_assert_msg(strstr(e.msg, "qcow2") && strstr(e.msg, "cluster"), "%s", e.msg);
    err_clear(&e);

    uint64_t s = 2;
    uint8_t *a = calloc(DISK, 1), *b = calloc(DISK, 1);
    make_qcow2(0, a, b, &s);
    const char *old = getenv("TMPDIR");
    char *keep = old ? strdup(old) : NULL;
    setenv("TMPDIR", "/nonexistent-pcemu-dir", 1);
    int r = blk_open_snapshot(q_path, NULL, &o, &e);
    if (keep)
        setenv("TMPDIR", keep, 1);
    else
        unsetenv("TMPDIR");
    free(keep);
    ck_assert_int_eq(r, -ENOENT);
    ck_assert_ptr_null(o);
    ck_assert_msg(strstr(e.msg, "cannot create the temporary overlay") &&
                  strstr(e.msg, "/nonexistent-pcemu-dir/pcemu-snapshot."), "%s", e.msg);
    BlockDev *w;
    ck_assert_int_eq(blk_open(q_path, NULL, false, &w, &e), 0);  /* no lock left */
    blk_close(w, NULL);
    free(a); free(b);
}
END_TEST

static Suite *overlay_suite(void)
{
    Suite *s = suite_create("overlay");
    TCase *t = tcase_create("core");
    tcase_add_checked_fixture(t, setup, teardown);
    tcase_set_timeout(t, 120);
    tcase_add_loop_test(t, test_overlay_reads_its_writes_over_the_image_and_the_snapshot_view,
                        0, 2 * (int)ARRAY_SIZE(seeds));
    tcase_add_loop_test(t, test_overlay_on_raw_with_a_short_last_granule, 0,
                        (int)ARRAY_SIZE(seeds));
    tcase_add_test(t, test_overlay_locks_the_image_as_a_reader_and_refuses_snapshot_changes);
    tcase_add_test(t, test_overlay_open_failures_are_clear_and_release_the_image);
    suite_add_tcase(s, t);
    return s;
}

int main(void)
{
    SRunner *r = srunner_create(overlay_suite());
    srunner_run_all(r, CK_NORMAL);
    int failed = srunner_ntests_failed(r);
    srunner_free(r);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
