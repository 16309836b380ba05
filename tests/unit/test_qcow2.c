/* test_qcow2.c: the qcow2 driver against hostile images (one case per rejection path,
 * built from a small valid sample image kept as an array) and its API contracts: reads,
 * copy-on-write, VM-state round trips, snapshot name rules, refcount overflow, failed
 * savevm, dirty-bit repair. Every failing open must leave the file byte for byte as it was. */
#include <check.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "block/block.h"
#include "block/qcow2.h"

/* The sample: v3, 512-byte clusters, 64 KiB disk, 16-bit refcounts.
 *   cluster 0 header (112 bytes) + end of extensions   cluster 3 L1 (2 entries)
 *   cluster 1 refcount table -> cluster 2               cluster 4 L2: entry 0 -> cluster 5
 *   cluster 2 refcount block: clusters 0..5 = 1         cluster 5 data "hello" */
enum { CS = 512, NCL = 6, IMG = CS * NCL };
static uint8_t sample[IMG];

static void build_sample(void)
{
    memset(sample, 0, sizeof sample);
    uint8_t *h = sample;
    put_be32(h, 0x514649fb);
    put_be32(h + 4, 3);
    put_be32(h + 20, 9);                 /* cluster_bits */
    put_be64(h + 24, 65536);             /* size */
    put_be32(h + 36, 2);                 /* l1_size */
    put_be64(h + 40, 3 * CS);            /* l1_table_offset */
    put_be64(h + 48, 1 * CS);            /* refcount_table_offset */
    put_be32(h + 56, 1);                 /* refcount_table_clusters */
    put_be32(h + 96, 4);                 /* refcount_order */
    put_be32(h + 100, 112);              /* header_length */
    put_be64(sample + CS, 2 * CS);       /* reftable[0] */
    for (int i = 0; i < NCL; i++)
        put_be16(sample + 2 * CS + 2 * i, 1);
    put_be64(sample + 3 * CS, 4 * CS | 1ull << 63);
    put_be64(sample + 4 * CS, 5 * CS | 1ull << 63);
    memcpy(sample + 5 * CS, "hello", 5);
}

static char path[64];

static void write_file(const uint8_t *b, size_t n)
{
    FILE *f = fopen(path, "wb");
    ck_assert_ptr_nonnull(f);
    ck_assert_uint_eq(fwrite(b, 1, n, f), n);
    fclose(f);
}

static uint8_t *read_file(size_t *n)
{
    struct stat st;
    ck_assert_int_eq(stat(path, &st), 0);
    uint8_t *b = malloc((size_t)st.st_size + 1);
    FILE *f = fopen(path, "rb");
    *n = fread(b, 1, (size_t)st.st_size, f);
    fclose(f);
    return b;
}

static void setup(void)
{
    snprintf(path, sizeof path, "/tmp/test_qcow2.%d.qcow2", (int)getpid());
    build_sample();
}

static void teardown(void) { unlink(path); }

/* Opens img read-write; expects failure code with msg in the message and no byte changed. */
static void expect_open_fails(const uint8_t *img, size_t n, bool ro, int code, const char *msg)
{
    write_file(img, n);
    BlockDev *b = NULL;
    Err err = { 0 };
    int ret = blk_open(path, "qcow2", ro, &b, &err);
    ck_assert_msg(ret == code, "expected %d, got %d (%s)", code, ret, err.msg);
    ck_assert_ptr_null(b);
    ck_assert_msg(strstr(err.msg, msg), "message '%s' lacks '%s'", err.msg, msg);
    size_t m;
    uint8_t *after = read_file(&m);
    ck_assert_uint_eq(m, n);
    ck_assert_msg(memcmp(after, img, n) == 0, "failed open changed the file");
    free(after);
}

START_TEST(test_qcow2_sample_opens_and_reads)
{
    write_file(sample, sizeof sample);
    BlockDev *b;
    Err err = { 0 };
    ck_assert_int_eq(blk_open(path, NULL, false, &b, &err), 0);
    ck_assert_str_eq(blk_format(b), "qcow2");
    ck_assert_uint_eq(blk_size(b), 65536);
    char buf[600];
    ck_assert_int_eq(blk_pread(b, 0, buf, sizeof buf, &err), 0);
    ck_assert_int_eq(memcmp(buf, "hello", 5), 0);
    ck_assert_int_eq(buf[599], 0);
    ck_assert_int_eq(blk_pread(b, 65536 - 10, buf, 11, &err), -EINVAL);
    Qcow2CheckResult r;
    ck_assert_int_eq(qcow2_check(qcow2_of(b), 0, &r, NULL, &err), 0);
    ck_assert_uint_eq(r.corruptions + r.leaks, 0);
    ck_assert_int_eq(blk_close(b, &err), 0);
}
END_TEST

/* One row per header rejection path: field offset, width, value, expected code, text. */
static const struct Hostile {
    const char *what;
    unsigned off, width;
    uint64_t value;
    int code;
    const char *msg;
} hostile[] = {
    { "bad magic", 0, 4, 0x514649fa, -EINVAL, "magic" },
    { "version 4", 4, 4, 4, -ENOTSUP, "version" },
    { "cluster_bits 8", 20, 4, 8, -EINVAL, "cluster_bits" },
    { "cluster_bits 22", 20, 4, 22, -EINVAL, "cluster_bits" },
    { "header_length 100", 100, 4, 100, -EINVAL, "header_length" },
    { "header_length beyond the cluster", 100, 4, 1024, -EINVAL, "header_length" },
    { "refcount_order 7", 96, 4, 7, -EINVAL, "refcount_order" },
    { "unknown incompatible bit", 72, 8, 1ull << 5, -ENOTSUP, "Unknown incompatible feature" },
    { "external data file", 72, 8, 1ull << 2, -ENOTSUP, "external data" },
    { "compression bit without type", 72, 8, 1ull << 3, -EINVAL, "compression type" },
    { "extended L2 with 512-byte clusters", 72, 8, 1ull << 4, -EINVAL, "extended L2" },
    { "encryption", 32, 4, 1, -ENOTSUP, "encrypted" },
    { "backing file", 8, 8, 200, -ENOTSUP, "backing file" },
    { "backing file name past the cluster", 8, 8, 4096, -EINVAL, "backing file" },
    { "virtual size past QEMU's L1 index limit", 24, 8, 1ull << 63, -EFBIG, "too big" },
    { "L1 too small for the size", 24, 8, 1ull << 30, -EINVAL, "too small" },
    { "L1 beyond 32 MiB", 36, 4, 5u << 20, -EFBIG, "too large" },
    { "L1 outside the file", 40, 8, 1ull << 40, -EINVAL, "L1 table outside" },
    { "L1 unaligned", 40, 8, 3 * CS + 8, -EINVAL, "L1 table outside" },
    { "L1 at offset 0", 40, 8, 0, -EINVAL, "L1 table outside" },
    { "L1 overlapping the refcount table", 40, 8, 1 * CS, -EINVAL, "overlaps" },
    { "refcount table of 0 clusters", 56, 4, 0, -EINVAL, "refcount table size" },
    { "refcount table over 8 MiB", 56, 4, 20000, -EINVAL, "refcount table size" },
    { "refcount table outside the file", 48, 8, 1ull << 41, -EINVAL, "refcount table outside" },
    { "refcount table in the header cluster", 48, 8, 0, -EINVAL, "refcount table outside" },
    { "too many snapshots", 60, 4, 70000, -EINVAL, "too many snapshots" },
    { "snapshot table outside the file", 60, 4, 1, -EINVAL, "snapshot table outside" },
    { "snapshot table unaligned, no snapshots", 64, 8, 3 * CS + 8, -EINVAL, "offset invalid" },
    { "snapshot table past 2^63, no snapshots", 64, 8, 1ull << 63, -EINVAL, "offset invalid" },
};

static void put_field(uint8_t *img, unsigned off, unsigned width, uint64_t v)
{
    if (width == 4)
        put_be32(img + off, (uint32_t)v);
    else
        put_be64(img + off, v);
}

START_TEST(test_qcow2_hostile_header_fields_are_rejected)
{
    const struct Hostile *h = &hostile[_i];
    uint8_t img[IMG];
    memcpy(img, sample, sizeof img);
    put_field(img, h->off, h->width, h->value);
    if (h->off == 60)      /* the snapshot rows also need an offset */
        put_be64(img + 64, h->value == 1 ? 1ull << 40 : 5 * CS);
    if (h->off == 8)
        put_be32(img + 16, 10);
    write_file(img, sizeof img);
    BlockDev *b = NULL;
    Err err = { 0 };
    ck_assert_msg(blk_open(path, "qcow2", false, &b, &err) == h->code && strstr(err.msg, h->msg),
                  "%s: got '%s'", h->what, err.msg);
    expect_open_fails(img, sizeof img, false, h->code, h->msg);
}
END_TEST

START_TEST(test_qcow2_truncated_files_are_rejected)
{
    static const size_t cuts[] = { 0, 3, 50, 71, 100, 3 * CS + 4 };
    for (size_t i = 0; i < ARRAY_SIZE(cuts); i++) {
        uint8_t img[IMG];
        memcpy(img, sample, sizeof img);
        expect_open_fails(img, cuts[i], false, -EINVAL, cuts[i] < 104 ? (cuts[i] < 72 ? "magic" :
                          "truncated") : "L1 table outside");
    }
}
END_TEST

START_TEST(test_qcow2_header_extension_past_the_end_is_rejected)
{
    uint8_t img[IMG];
    memcpy(img, sample, sizeof img);
    put_be32(img + 112, 0x12345678);      /* unknown extension ... */
    put_be32(img + 116, 4000);            /* ... longer than the cluster */
    expect_open_fails(img, sizeof img, true, -EINVAL, "too large");
}
END_TEST

/* Known extensions pcemu refuses or validates: type, length, expected code, text. */
static const struct { uint32_t type, len; int code; const char *msg; } bad_ext[] = {
    { 0x0537be77, 16, -EINVAL, "crypto header" },       /* encryption header, no LUKS */
    { 0xe2792aca, 16, -EINVAL, "backing format" },      /* backing format name >= 16 */
    { 0x23852875, 20, -EINVAL, "bitmaps" },             /* bitmaps with length != 24 */
    { 0, 0xfff8, -EINVAL, "too large" },                /* end marker running past the cluster */
    { 0x12345678, CS - 120 + 1, -EINVAL, "too large" }, /* one byte past the cluster */
};

START_TEST(test_qcow2_refused_header_extensions_are_rejected)
{
    uint8_t img[IMG];
    memcpy(img, sample, sizeof img);
    put_be32(img + 112, bad_ext[_i].type);
    put_be32(img + 116, bad_ext[_i].len);
    expect_open_fails(img, sizeof img, true, bad_ext[_i].code, bad_ext[_i].msg);
}
END_TEST

/* QEMU 7.2's rules for the bitmaps extension while autoclear bit 0 says the bitmaps are
 * consistent (fields: count, reserved, directory size, directory offset), and for the
 * data-file-raw autoclear bit: one row each, then what QEMU accepts. */
static const struct { uint32_t nb, resv; uint64_t dsize, doff; int code; const char *msg; }
    bad_bitmaps[] = {
    { 0, 0, 0, 0, -EINVAL, "0 bitmaps" },
    { 65536, 0, 0, 0, -EINVAL, "65536 bitmaps" },
    { 1, 1, 0, 0, -EINVAL, "reserved" },
    { 1, 0, 1024ull * 65535 + 1, 0, -EINVAL, "directory size" },
    { 1, 0, 0, CS + 8, -EINVAL, "directory offset" },
};

START_TEST(test_qcow2_bitmaps_extension_follows_qemus_rules)
{
    uint8_t img[IMG];
    memcpy(img, sample, sizeof img);
    put_be64(img + 88, 1);                              /* autoclear: bitmaps */
    put_be32(img + 112, 0x23852875);
    put_be32(img + 116, 24);
    put_be32(img + 120, bad_bitmaps[_i].nb);
    put_be32(img + 124, bad_bitmaps[_i].resv);
    put_be64(img + 128, bad_bitmaps[_i].dsize);
    put_be64(img + 136, bad_bitmaps[_i].doff);
    expect_open_fails(img, sizeof img, true, bad_bitmaps[_i].code, bad_bitmaps[_i].msg);
}
END_TEST

static void expect_opens(const uint8_t *img, size_t n)
{
    write_file(img, n);
    BlockDev *b = NULL;
    Err err = { 0 };
    ck_assert_msg(blk_open(path, "qcow2", true, &b, &err) == 0, "%s", err.msg);
    blk_close(b, NULL);
}

START_TEST(test_qcow2_header_rules_follow_qemu)
{
    uint8_t img[IMG];
    memcpy(img, sample, sizeof img);
    put_be64(img + 88, 2);                              /* data-file-raw, no data file */
    expect_open_fails(img, sizeof img, true, -EINVAL, "data-file-raw");
    /* accepted as QEMU accepts them: bitmaps extension while autoclear bit 0 is clear (the
     * bitmaps are stale), a data file name without incompatible bit 2, a header length that
     * is not a multiple of 8, a backing file name offset with an empty name (no backing
     * file) */
    memcpy(img, sample, sizeof img);
    put_be32(img + 112, 0x23852875);
    put_be32(img + 116, 24);
    expect_opens(img, sizeof img);
    put_be64(img + 88, 1);
    put_be32(img + 120, 1);
    put_be64(img + 128, 64);
    put_be64(img + 136, 4 * CS);
    expect_opens(img, sizeof img);
    memcpy(img, sample, sizeof img);
    put_be32(img + 112, 0x44415441);
    put_be32(img + 116, 4);
    memcpy(img + 120, "data", 4);
    expect_opens(img, sizeof img);
    memcpy(img, sample, sizeof img);
    put_be32(img + 100, 108);
    expect_opens(img, sizeof img);
    memcpy(img, sample, sizeof img);
    put_be64(img + 8, 200);                             /* backing file name of 0 bytes */
    expect_opens(img, sizeof img);
}
END_TEST

START_TEST(test_qcow2_unknown_compression_type_is_rejected)
{
    uint8_t img[IMG];
    memcpy(img, sample, sizeof img);
    img[104] = 2;
    put_be64(img + 72, 1ull << 3);
    expect_open_fails(img, sizeof img, true, -ENOTSUP, "compression type 2");
}
END_TEST

/* Metadata inconsistencies found while writing: an error, the image marked corrupt. */
START_TEST(test_qcow2_clusters_in_use_with_refcount_0_stop_writes)
{
    static const struct { unsigned cluster; const char *msg; } rows[] = {
        { 5, "data cluster" }, { 4, "L2 table" },
    };
    for (size_t i = 0; i < ARRAY_SIZE(rows); i++) {
        uint8_t img[IMG];
        memcpy(img, sample, sizeof img);
        put_be16(img + 2 * CS + 2 * rows[i].cluster, 0);
        write_file(img, sizeof img);
        BlockDev *b;
        Err err = { 0 };
        ck_assert_int_eq(blk_open(path, NULL, false, &b, &err), 0);
        ck_assert_int_eq(blk_pwrite(b, 0, "x", 1, &err), -EIO);
        ck_assert_msg(strstr(err.msg, rows[i].msg) && strstr(err.msg, "refcount 0"), "%s", err.msg);
        Qcow2Info in;
        qcow2_info(qcow2_of(b), &in);
        ck_assert(in.corrupt);
        blk_close(b, NULL);
    }
}
END_TEST

START_TEST(test_qcow2_snapshot_of_a_reference_past_the_file_end_fails_cleanly)
{
    uint8_t img[IMG];
    memcpy(img, sample, sizeof img);
    put_be64(img + 4 * CS + 8, 64 * CS | 1ull << 63);  /* guest cluster 1 -> far past the end */
    write_file(img, sizeof img);
    BlockDev *b;
    Err err = { 0 };
    ck_assert_int_eq(blk_open(path, NULL, false, &b, &err), 0);
    ck_assert_int_eq(qcow2_snapshot_create(qcow2_of(b), &(Qcow2SnapNew){ .name = "s" }, NULL,
                                           &err), -EINVAL);
    ck_assert_ptr_nonnull(strstr(err.msg, "past the end"));
    ck_assert_int_eq(qcow2_snapshot_count(qcow2_of(b)), 0);
    blk_close(b, NULL);
    size_t n;
    uint8_t *after = read_file(&n);
    ck_assert_int_eq(memcmp(after, img, sizeof img), 0);
    free(after);
}
END_TEST

START_TEST(test_qcow2_corrupt_bit_refuses_writing_not_reading)
{
    uint8_t img[IMG];
    memcpy(img, sample, sizeof img);
    put_be64(img + 72, 2);
    expect_open_fails(img, sizeof img, false, -EACCES, "corrupt");
    BlockDev *b;
    Err err = { 0 };
    ck_assert_int_eq(blk_open(path, "qcow2", true, &b, &err), 0);
    blk_close(b, NULL);
}
END_TEST

START_TEST(test_qcow2_refcount_block_outside_the_file_is_rejected_for_writing)
{
    uint8_t img[IMG];
    memcpy(img, sample, sizeof img);
    put_be64(img + CS, 1ull << 40);
    expect_open_fails(img, sizeof img, false, -EINVAL, "refcount block");
}
END_TEST

/* Snapshot table rows: a table in cluster 6 with one entry whose fields are hostile. */
static size_t with_snapshot(uint8_t *img, uint32_t extra, uint64_t l1off, uint32_t l1n)
{
    memcpy(img, sample, IMG);
    memset(img + IMG, 0, 2 * CS);
    put_be32(img + 60, 1);
    put_be64(img + 64, 6 * CS);
    uint8_t *e = img + 6 * CS;
    put_be64(e, l1off);
    put_be32(e + 8, l1n);
    put_be16(e + 12, 1);
    put_be16(e + 14, 1);
    put_be32(e + 36, extra);
    e[40 + (extra > 1000 ? 0 : extra)] = '1';
    return IMG + 2 * CS;
}

START_TEST(test_qcow2_hostile_snapshot_entries_are_rejected)
{
    uint8_t img[IMG + 2 * CS];
    size_t n = with_snapshot(img, 2000, 3 * CS, 2);
    expect_open_fails(img, n, true, -EFBIG, "extra metadata");
    n = with_snapshot(img, 24, 1ull << 40, 2);
    expect_open_fails(img, n, true, -EINVAL, "outside the file");
    n = with_snapshot(img, 24, 3 * CS + 1, 2);
    expect_open_fails(img, n, true, -EINVAL, "unaligned");
    n = with_snapshot(img, 24, 3 * CS, 5u << 20);
    expect_open_fails(img, n, true, -EINVAL, "too large");
    n = with_snapshot(img, 24, 3 * CS, 2);
    expect_open_fails(img, n - 2 * CS + 20, true, -EINVAL, "past the end");
}
END_TEST

START_TEST(test_qcow2_absurd_snapshot_disk_size_is_rejected)
{
    uint8_t img[IMG + 2 * CS];
    size_t n = with_snapshot(img, 24, 3 * CS, 2);
    put_be64(img + 6 * CS + 48, 1ull << 63);             /* extra: disk_size */
    expect_open_fails(img, n, true, -EINVAL, "disk size absurd");
}
END_TEST


/* Tables that are only reached while reading: the read fails, nothing crashes. */
static void expect_read_fails(const uint8_t *img, size_t n, const char *msg)
{
    write_file(img, n);
    BlockDev *b;
    Err err = { 0 };
    ck_assert_int_eq(blk_open(path, "qcow2", true, &b, &err), 0);
    char buf[CS];
    int ret = blk_pread(b, 0, buf, sizeof buf, &err);
    ck_assert_int_lt(ret, 0);
    ck_assert_msg(strstr(err.msg, msg), "message '%s' lacks '%s'", err.msg, msg);
    blk_close(b, NULL);
}

START_TEST(test_qcow2_hostile_l1_and_l2_entries_fail_reads)
{
    uint8_t img[IMG];
    memcpy(img, sample, sizeof img);
    put_be64(img + 3 * CS, 1ull << 40);                 /* L2 outside the file */
    expect_read_fails(img, sizeof img, "L2 table offset");
    memcpy(img, sample, sizeof img);
    put_be64(img + 3 * CS, 4 * CS + 1);                 /* L1 entry reserved bit */
    expect_read_fails(img, sizeof img, "reserved");
    memcpy(img, sample, sizeof img);
    put_be64(img + 4 * CS, 1ull << 40);                 /* data outside the file */
    expect_read_fails(img, sizeof img, "outside the file");
    memcpy(img, sample, sizeof img);
    put_be64(img + 4 * CS, 5 * CS | 2);                 /* L2 entry reserved bit */
    expect_read_fails(img, sizeof img, "reserved");
    memcpy(img, sample, sizeof img);
    put_be64(img + 4 * CS, 1ull << 62 | 5 * CS);        /* compressed garbage */
    expect_read_fails(img, sizeof img, "inflate");
}
END_TEST

static BlockDev *open_new(const Qcow2CreateOpts *o)
{
    Err err = { 0 };
    ck_assert_int_eq(qcow2_create(path, o, &err), 0);
    BlockDev *b;
    ck_assert_msg(blk_open(path, NULL, false, &b, &err) == 0, "%s", err.msg);
    return b;
}

static void assert_clean(BlockDev *b)
{
    Qcow2CheckResult r;
    Err err = { 0 };
    ck_assert_int_eq(qcow2_check(qcow2_of(b), 0, &r, stderr, &err), 0);
    ck_assert_uint_eq(r.corruptions, 0);
    ck_assert_uint_eq(r.leaks, 0);
}

START_TEST(test_qcow2_vmstate_round_trips_and_reads_stop_at_its_size)
{
    BlockDev *b = open_new(&(Qcow2CreateOpts){ .size = 1 << 20, .cluster_size = 4096,
                                                .refcount_order = -1 });
    Qcow2 *q = qcow2_of(b);
    Err err = { 0 };
    uint8_t *st = malloc(100000);
    for (int i = 0; i < 100000; i++)
        st[i] = (uint8_t)(i * 7 + (i >> 9));
    Qcow2VmWriter *w;
    ck_assert_int_eq(qcow2_vmstate_begin(q, &w, &err), 0);
    ck_assert_int_eq(qcow2_vmstate_write(w, 0, st, 777, &err), 0);
    ck_assert_int_eq(qcow2_vmstate_write(w, 0, st, 10, &err), -EINVAL);   /* not sequential */
    err_clear(&err);
    ck_assert_int_eq(qcow2_vmstate_write(w, 777, st + 777, 100000 - 777, &err), 0);
    Qcow2SnapNew sn = { .name = "s1", .vm_clock_nsec = 5, .icount = UINT64_MAX };
    ck_assert_int_eq(qcow2_snapshot_create(q, &sn, w, &err), 0);
    int i = qcow2_snapshot_find(q, "s1", &err);
    ck_assert_int_eq(i, 0);
    Qcow2SnapInfo in;
    ck_assert_int_eq(qcow2_snapshot_info(q, i, &in), 0);
    ck_assert_uint_eq(in.vm_state_size, 100000);
    ck_assert_uint_eq(in.disk_size, 1 << 20);
    uint8_t *back = calloc(1, 100010);
    ck_assert_int_eq(qcow2_vmstate_read(q, i, 0, back, 100010, &err), 100000);
    ck_assert_int_eq(memcmp(back, st, 100000), 0);
    ck_assert_int_eq(qcow2_vmstate_read(q, i, 99990, back, 100, &err), 10);
    ck_assert_int_eq(qcow2_vmstate_read(q, i, 100000, back, 100, &err), 0);
    ck_assert_uint_eq(qcow2_vmstate_offset(q, 1 << 20), 2u << 20);  /* 4 KiB: 2 MiB per L2 */
    assert_clean(b);
    free(st);
    free(back);
    blk_close(b, NULL);
}
END_TEST

START_TEST(test_qcow2_snapshot_names_follow_the_rules)
{
    BlockDev *b = open_new(&(Qcow2CreateOpts){ .size = 1 << 20, .refcount_order = -1 });
    Qcow2 *q = qcow2_of(b);
    Err err = { 0 };
    char lng[300];
    memset(lng, 'a', sizeof lng - 1);
    lng[sizeof lng - 1] = 0;
    const char *bad[] = { "", "123", lng, "a\nb" };
    for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
        err_clear(&err);
        ck_assert_int_eq(qcow2_snapshot_create(q, &(Qcow2SnapNew){ .name = bad[i] }, NULL, &err),
                         -EINVAL);
    }
    ck_assert_int_eq(qcow2_snapshot_create(q, &(Qcow2SnapNew){ .name = "x" }, NULL, &err), 0);
    ck_assert_int_eq(qcow2_snapshot_create(q, &(Qcow2SnapNew){ .name = "x" }, NULL, &err), -EEXIST);
    err_clear(&err);
    ck_assert_int_eq(qcow2_snapshot_create(q, &(Qcow2SnapNew){ .name = "x", .replace = true },
                                           NULL, &err), 0);
    ck_assert_int_eq(qcow2_snapshot_count(q), 1);
    Qcow2SnapInfo in;
    qcow2_snapshot_info(q, 0, &in);
    ck_assert_str_eq(in.id, "2");        /* QEMU's rule: max existing ID + 1 */
    ck_assert_int_eq(qcow2_snapshot_find(q, "nope", &err), -ENOENT);
    assert_clean(b);
    blk_close(b, NULL);
}
END_TEST

START_TEST(test_qcow2_refcount_overflow_fails_and_changes_nothing)
{
    /* 1-bit refcounts: the first snapshot of a written cluster would need refcount 2 */
    BlockDev *b = open_new(&(Qcow2CreateOpts){ .size = 1 << 20, .refcount_order = 0 });
    Err err = { 0 };
    ck_assert_int_eq(blk_pwrite(b, 0, "data", 4, &err), 0);
    blk_close(b, NULL);
    size_t n1, n2;
    uint8_t *before = read_file(&n1);
    ck_assert_int_eq(blk_open(path, NULL, false, &b, &err), 0);
    ck_assert_int_eq(qcow2_snapshot_create(qcow2_of(b), &(Qcow2SnapNew){ .name = "s" }, NULL,
                                           &err), -ERANGE);
    ck_assert_ptr_nonnull(strstr(err.msg, "overflow"));
    blk_close(b, NULL);
    uint8_t *after = read_file(&n2);
    ck_assert_uint_eq(n1, n2);
    ck_assert_int_eq(memcmp(before, after, n1), 0);
    free(before);
    free(after);
}
END_TEST

START_TEST(test_qcow2_aborted_savevm_leaves_a_clean_image)
{
    BlockDev *b = open_new(&(Qcow2CreateOpts){ .size = 1 << 20, .cluster_size = 512,
                                                .refcount_order = -1 });
    Qcow2 *q = qcow2_of(b);
    Err err = { 0 };
    Qcow2VmWriter *w;
    uint8_t st[5000] = { 1 };
    ck_assert_int_eq(qcow2_vmstate_begin(q, &w, &err), 0);
    ck_assert_int_eq(qcow2_vmstate_write(w, 0, st, sizeof st, &err), 0);
    qcow2_vmstate_abort(w);
    ck_assert_int_eq(qcow2_snapshot_count(q), 0);
    assert_clean(b);
    blk_close(b, NULL);
}
END_TEST

START_TEST(test_qcow2_dirty_image_is_repaired_on_write_open)
{
    uint8_t img[IMG];
    memcpy(img, sample, sizeof img);
    put_be64(img + 72, 1);                     /* dirty */
    put_be16(img + 2 * CS + 2 * 5, 0);         /* data cluster refcount lost: 0 */
    write_file(img, sizeof img);
    BlockDev *b;
    Err err = { 0 };
    ck_assert_msg(blk_open(path, NULL, false, &b, &err) == 0, "%s", err.msg);
    Qcow2Info in;
    qcow2_info(qcow2_of(b), &in);
    ck_assert(!in.dirty);
    assert_clean(b);
    char buf[5];
    ck_assert_int_eq(blk_pread(b, 0, buf, 5, &err), 0);
    ck_assert_int_eq(memcmp(buf, "hello", 5), 0);
    blk_close(b, NULL);
}
END_TEST

START_TEST(test_qcow2_check_finds_leaks_and_errors_and_repairs_them)
{
    uint8_t img[IMG + CS];
    memcpy(img, sample, IMG);
    memset(img + IMG, 0, CS);
    put_be16(img + 2 * CS + 2 * 6, 1);         /* cluster 6: refcount 1, unused: a leak */
    put_be16(img + 2 * CS + 2 * 4, 0);         /* L2 table refcount 0: an error */
    write_file(img, sizeof img);
    BlockDev *b;
    Err err = { 0 };
    ck_assert_int_eq(blk_open(path, NULL, true, &b, &err), 0);
    Qcow2CheckResult r;
    ck_assert_int_eq(qcow2_check(qcow2_of(b), 0, &r, NULL, &err), 0);
    ck_assert_uint_eq(r.leaks, 1);
    ck_assert_uint_eq(r.corruptions, 2);       /* refcount 0 < 1, and then COPIED mismatch */
    ck_assert_int_eq(qcow2_check(qcow2_of(b), QCOW2_REPAIR_ALL, &r, NULL, &err), -EPERM);
    blk_close(b, NULL);
    ck_assert_int_eq(blk_open(path, NULL, false, &b, &err), 0);
    err_clear(&err);
    ck_assert_int_eq(qcow2_check(qcow2_of(b), QCOW2_REPAIR_ALL, &r, NULL, &err), 0);
    ck_assert_uint_eq(r.leaks_fixed, 1);
    assert_clean(b);
    blk_close(b, NULL);
}
END_TEST

START_TEST(test_qcow2_guest_write_into_metadata_is_refused)
{
    uint8_t img[IMG];
    memcpy(img, sample, sizeof img);
    put_be64(img + 4 * CS, 1 * CS | 1ull << 63);   /* guest cluster 0 -> the refcount table */
    write_file(img, sizeof img);
    BlockDev *b;
    Err err = { 0 };
    ck_assert_int_eq(blk_open(path, NULL, false, &b, &err), 0);
    ck_assert_int_eq(blk_pwrite(b, 0, "overwrite", 9, &err), -EIO);
    ck_assert_ptr_nonnull(strstr(err.msg, "metadata"));
    blk_close(b, NULL);
    size_t n;
    uint8_t *after = read_file(&n);
    ck_assert_int_eq(memcmp(after + CS, img + CS, CS), 0);     /* refcount table intact */
    ck_assert_uint_eq(be64(after + 72) & 2, 2);                /* and the image marked corrupt */
    free(after);
}
END_TEST

START_TEST(test_raw_reads_writes_and_bounds)
{
    FILE *f = fopen(path, "wb");
    ck_assert_int_eq(ftruncate(fileno(f), 4096), 0);
    fclose(f);
    BlockDev *b;
    Err err = { 0 };
    ck_assert_int_eq(blk_open(path, NULL, false, &b, &err), 0);
    ck_assert_str_eq(blk_format(b), "raw");
    ck_assert_ptr_null(qcow2_of(b));
    ck_assert_int_eq(blk_pwrite(b, 4090, "abcdef", 6, &err), 0);
    ck_assert_int_eq(blk_pwrite(b, 4091, "abcdef", 6, &err), -EINVAL);
    char buf[6];
    ck_assert_int_eq(blk_pread(b, 4090, buf, 6, &err), 0);
    ck_assert_int_eq(memcmp(buf, "abcdef", 6), 0);
    blk_close(b, NULL);
}
END_TEST

static Suite *qcow2_suite(void)
{
    Suite *s = suite_create("qcow2");
    TCase *t = tcase_create("core");
    tcase_add_checked_fixture(t, setup, teardown);
    tcase_set_timeout(t, 60);
    tcase_add_test(t, test_qcow2_sample_opens_and_reads);
    tcase_add_loop_test(t, test_qcow2_hostile_header_fields_are_rejected, 0, (int)ARRAY_SIZE(hostile));
    tcase_add_test(t, test_qcow2_truncated_files_are_rejected);
    tcase_add_test(t, test_qcow2_header_extension_past_the_end_is_rejected);
    tcase_add_loop_test(t, test_qcow2_refused_header_extensions_are_rejected, 0, (int)ARRAY_SIZE(bad_ext));
    tcase_add_loop_test(t, test_qcow2_bitmaps_extension_follows_qemus_rules, 0, (int)ARRAY_SIZE(bad_bitmaps));
    tcase_add_test(t, test_qcow2_header_rules_follow_qemu);
    tcase_add_test(t, test_qcow2_unknown_compression_type_is_rejected);
    tcase_add_test(t, test_qcow2_absurd_snapshot_disk_size_is_rejected);
    tcase_add_test(t, test_qcow2_clusters_in_use_with_refcount_0_stop_writes);
    tcase_add_test(t, test_qcow2_snapshot_of_a_reference_past_the_file_end_fails_cleanly);
    tcase_add_test(t, test_qcow2_corrupt_bit_refuses_writing_not_reading);
    tcase_add_test(t, test_qcow2_refcount_block_outside_the_file_is_rejected_for_writing);
    tcase_add_test(t, test_qcow2_hostile_snapshot_entries_are_rejected);
    tcase_add_test(t, test_qcow2_hostile_l1_and_l2_entries_fail_reads);
    tcase_add_test(t, test_qcow2_vmstate_round_trips_and_reads_stop_at_its_size);
    tcase_add_test(t, test_qcow2_snapshot_names_follow_the_rules);
    tcase_add_test(t, test_qcow2_refcount_overflow_fails_and_changes_nothing);
    tcase_add_test(t, test_qcow2_aborted_savevm_leaves_a_clean_image);
    tcase_add_test(t, test_qcow2_dirty_image_is_repaired_on_write_open);
    tcase_add_test(t, test_qcow2_check_finds_leaks_and_errors_and_repairs_them);
    tcase_add_test(t, test_qcow2_guest_write_into_metadata_is_refused);
    tcase_add_test(t, test_raw_reads_writes_and_bounds);
    suite_add_tcase(s, t);
    return s;
}

int main(void)
{
    SRunner *r = srunner_create(qcow2_suite());
    srunner_run_all(r, CK_NORMAL);
    int failed = srunner_ntests_failed(r);
    srunner_free(r);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
