/* test_stream.c: the savevm byte stream (snapshot/format/stream.c): big-endian put/get, the sticky
 * error, bounded reads, peek, and the fd, memory, growing-buffer and callback backends. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/uio.h>
#include <unistd.h>

#include "block/block.h"
#include "block/qcow2.h"
#include "snapshot/format/stream.h"

START_TEST(test_stream_membuf_then_mem_round_trips_every_width)
{
    Stream *w = stream_open_membuf();
    stream_put_u8(w, 0xab);
    stream_put_be16(w, 0x1234);
    stream_put_be32(w, 0xdeadbeef);
    stream_put_be64(w, 0x0102030405060708ull);
    stream_put_str8(w, "ram");
    stream_put_buf(w, "xyz", 3);
    size_t len;
    const uint8_t *p = stream_membuf(w, &len);
    static const uint8_t want[] = { 0xab, 0x12, 0x34, 0xde, 0xad, 0xbe, 0xef, 1, 2, 3, 4, 5, 6, 7, 8,
                                    3, 'r', 'a', 'm', 'x', 'y', 'z' };
    ck_assert_uint_eq(len, sizeof want);
    ck_assert_mem_eq(p, want, sizeof want);
    ck_assert_uint_eq(stream_tell(w), sizeof want);

    Stream *r = stream_open_mem(p, len);
    ck_assert_uint_eq(stream_get_u8(r), 0xab);
    ck_assert_uint_eq(stream_get_be16(r), 0x1234);
    ck_assert_uint_eq(stream_get_be32(r), 0xdeadbeef);
    ck_assert_uint_eq(stream_get_be64(r), 0x0102030405060708ull);
    ck_assert_uint_eq(stream_get_u8(r), 3);
    char s[7] = { 0 };
    stream_get_buf(r, s, 6);
    ck_assert_str_eq(s, "ramxyz");
    ck_assert_int_eq(stream_error(r), 0);
    ck_assert_uint_eq(stream_tell(r), len);
    ck_assert_int_eq(stream_close(r, NULL), 0);
    ck_assert_int_eq(stream_close(w, NULL), 0);
}
END_TEST

START_TEST(test_stream_read_past_end_is_sticky_and_returns_zeros)
{
    static const uint8_t data[] = { 1, 2, 3 };
    Stream *r = stream_open_mem(data, sizeof data);
    ck_assert_uint_eq(stream_get_be16(r), 0x0102);
    ck_assert_uint_eq(stream_get_be32(r), 0);   /* only one byte left */
    ck_assert_int_eq(stream_error(r), -EINVAL);
    ck_assert_ptr_nonnull(strstr(stream_error_msg(r), "unexpected end of data at offset 2"));
    ck_assert_uint_eq(stream_get_u8(r), 0);     /* the 3 is not handed out after the error */
    stream_set_error(r, -EIO, "later");
    ck_assert_int_eq(stream_error(r), -EINVAL); /* first error wins */
    Err e = { 0 };
    ck_assert_int_eq(stream_close(r, &e), -EINVAL);
    ck_assert_ptr_nonnull(strstr(e.msg, "offset 2"));
}
END_TEST

START_TEST(test_stream_skip_and_peek_are_bounded)
{
    static const uint8_t data[] = { 5, 6, 7, 8 };
    Stream *r = stream_open_mem(data, sizeof data);
    uint8_t b[8];
    ck_assert_uint_eq(stream_peek(r, b, 2), 2);
    ck_assert_uint_eq(b[0], 5);
    ck_assert_uint_eq(stream_tell(r), 0);
    ck_assert_uint_eq(stream_peek(r, b, 8), 4);   /* fewer at the end */
    stream_skip(r, 3);
    ck_assert_uint_eq(stream_get_u8(r), 8);
    ck_assert_int_eq(stream_error(r), 0);
    stream_skip(r, UINT64_MAX);
    ck_assert_int_eq(stream_error(r), -EINVAL);
    stream_close(r, NULL);
}
END_TEST

START_TEST(test_stream_huge_get_on_short_data_fails_without_overrun)
{
    static const uint8_t data[] = { 1, 2 };
    Stream *r = stream_open_mem(data, sizeof data);
    uint8_t *big = malloc(1 << 20);
    memset(big, 0xcc, 1 << 20);
    stream_get_buf(r, big, 1 << 20);
    ck_assert_int_eq(stream_error(r), -EINVAL);
    ck_assert_uint_eq(big[0], 0);   /* zeros, not partial data */
    free(big);
    stream_close(r, NULL);
}
END_TEST

START_TEST(test_stream_fd_backend_round_trips_large_and_small_pieces)
{
    FILE *f = tmpfile();
    int fd = fileno(f);
    size_t big = 3 * 1024 * 1024 + 17;
    uint8_t *data = malloc(big), *back = malloc(big);
    for (size_t i = 0; i < big; i++)
        data[i] = (uint8_t)(i * 7 + (i >> 12));
    Stream *w = stream_open_fd(fd, true);
    for (int i = 0; i < 1000; i++)
        stream_put_be32(w, (uint32_t)i);
    stream_put_buf(w, data, big);   /* straight to the fd */
    stream_put_u8(w, 0x7e);
    ck_assert_uint_eq(stream_tell(w), 4000 + big + 1);
    ck_assert_int_eq(stream_close(w, NULL), 0);

    lseek(fd, 0, SEEK_SET);
    Stream *r = stream_open_fd(fd, false);
    for (int i = 0; i < 1000; i++)
        ck_assert_uint_eq(stream_get_be32(r), (uint32_t)i);
    uint8_t pk[3];
    ck_assert_uint_eq(stream_peek(r, pk, 3), 3);
    ck_assert_mem_eq(pk, data, 3);
    stream_get_buf(r, back, big);
    ck_assert_mem_eq(back, data, big);
    ck_assert_uint_eq(stream_get_u8(r), 0x7e);
    ck_assert_int_eq(stream_error(r), 0);
    stream_get_u8(r);
    ck_assert_int_eq(stream_error(r), -EINVAL);
    ck_assert_int_eq(stream_close(r, NULL), -EINVAL);
    free(data);
    free(back);
    fclose(f);
}
END_TEST

START_TEST(test_stream_fd_writer_with_borrowed_pages_keeps_order)
{
    FILE *f = tmpfile();
    int fd = fileno(f);
    enum { N = 3000, PGSZ = 4096 };
    uint8_t *pages = malloc((size_t)N * PGSZ);
    for (size_t i = 0; i < (size_t)N * PGSZ; i++)
        pages[i] = (uint8_t)(i / PGSZ * 31 + i % 251);
    Stream *w = stream_open_fd(fd, true);
    for (int i = 0; i < N; i++) {
        stream_put_be64(w, (uint64_t)i);            /* buffered */
        if (i % 7 == 3)
            stream_put_str8(w, "name");
        stream_put_buf_ref(w, pages + (size_t)i * PGSZ, PGSZ);   /* referenced, writev */
        if (i % 500 == 0)
            stream_put_buf(w, pages, 300 * 1024);   /* larger than the buffer */
    }
    stream_put_buf_ref(w, "tail", 4);               /* small: copied */
    uint64_t total = stream_tell(w);
    ck_assert_int_eq(stream_close(w, NULL), 0);
    ck_assert_int_eq(lseek(fd, 0, SEEK_END), (off_t)total);
    lseek(fd, 0, SEEK_SET);
    Stream *r = stream_open_fd(fd, false);
    uint8_t *pg = malloc(300 * 1024);
    for (int i = 0; i < N; i++) {
        ck_assert_uint_eq(stream_get_be64(r), (uint64_t)i);
        if (i % 7 == 3) {
            char nm[5] = { 0 };
            ck_assert_uint_eq(stream_get_u8(r), 4);
            stream_get_buf(r, nm, 4);
            ck_assert_str_eq(nm, "name");
        }
        stream_get_buf(r, pg, PGSZ);
        ck_assert_msg(!memcmp(pg, pages + (size_t)i * PGSZ, PGSZ), "page %d", i);
        if (i % 500 == 0) {
            stream_get_buf(r, pg, 300 * 1024);
            ck_assert(!memcmp(pg, pages, 300 * 1024));
        }
    }
    char t[4];
    stream_get_buf(r, t, 4);
    ck_assert(!memcmp(t, "tail", 4));
    ck_assert_int_eq(stream_close(r, NULL), 0);
    /* A failing writev is the stream's error. */
    int ro = open("/dev/null", O_RDONLY);
    w = stream_open_fd(ro, true);
    stream_put_be64(w, 1);
    stream_put_buf_ref(w, pages, PGSZ);
    Err e = { 0 };
    ck_assert_int_eq(stream_close(w, &e), -EBADF);
    ck_assert_ptr_nonnull(strstr(e.msg, "write failed"));
    close(ro);
    free(pg);
    free(pages);
    fclose(f);
}
END_TEST

START_TEST(test_stream_over_a_qcow2_vmstate_area_round_trips)
{
    char path[] = "/tmp/pcemu-test-stream-XXXXXX";
    int tfd = mkstemp(path);
    ck_assert_int_ge(tfd, 0);
    close(tfd);
    Err e = { 0 };
    Qcow2CreateOpts co = { .size = 16 << 20 };
    ck_assert_msg(qcow2_create(path, &co, &e) == 0, "%s", e.msg);
    BlockDev *b;
    ck_assert_msg(blk_open(path, "qcow2", false, &b, &e) == 0, "%s", e.msg);
    size_t n = 700 * 1024 + 3;
    uint8_t *data = malloc(n), *back = malloc(n);
    for (size_t i = 0; i < n; i++)
        data[i] = (uint8_t)(i * 13 + (i >> 16));
    BlkVmWriter *w;
    ck_assert_int_eq(blk_vmstate_begin(b, &w, &e), 0);
    Stream *s = stream_open_vmstate_write(w);
    stream_put_be32(s, 0x5145564d);
    stream_put_buf(s, data, n);
    stream_put_buf_ref(s, data, 4096);   /* not an fd: copied */
    ck_assert_int_eq(stream_close(s, &e), 0);
    BlkSnapNew sn = { .name = "s", .icount = UINT64_MAX };
    ck_assert_msg(blk_snapshot_create(b, &sn, w, &e) == 0, "%s", e.msg);
    int idx = blk_snapshot_find(b, "s", &e);
    ck_assert_int_ge(idx, 0);
    BlkSnapInfo info;
    blk_snapshot_info(b, idx, &info, NULL);
    ck_assert_uint_eq(info.vm_state_size, 4 + n + 4096);
    s = stream_open_vmstate_read(b, idx);
    ck_assert_uint_eq(stream_get_be32(s), 0x5145564d);
    stream_get_buf(s, back, n);
    ck_assert(!memcmp(back, data, n));
    stream_get_buf(s, back, 4096);
    ck_assert(!memcmp(back, data, 4096));
    ck_assert_int_eq(stream_error(s), 0);
    stream_get_u8(s);                    /* the VM state ends at vm_state_size */
    ck_assert_int_eq(stream_error(s), -EINVAL);
    stream_close(s, NULL);
    blk_close(b, NULL);
    unlink(path);
    free(data);
    free(back);
}
END_TEST

START_TEST(test_stream_qcow2_writer_with_borrowed_pages_writes_the_copied_bytes)
{
    /* RAM-like output: headers of odd sizes between borrowed pages, over 8 MiB (several
     * writeback kicks, cluster boundaries inside pages and headers), then a direct writev
     * with an empty segment; the VM state read back equals the same puts into memory. */
    char path[] = "/tmp/pcemu-test-stream-XXXXXX";
    int tfd = mkstemp(path);
    ck_assert_int_ge(tfd, 0);
    close(tfd);
    Err e = { 0 };
    Qcow2CreateOpts co = { .size = 16 << 20 };
    ck_assert_msg(qcow2_create(path, &co, &e) == 0, "%s", e.msg);
    BlockDev *b;
    ck_assert_msg(blk_open(path, "qcow2", false, &b, &e) == 0, "%s", e.msg);
    enum { NPAGES = 2300 };
    uint8_t *ram = malloc((size_t)NPAGES * 4096);
    for (size_t i = 0; i < (size_t)NPAGES * 4096; i++)
        ram[i] = (uint8_t)(i * 7 + (i >> 12));
    BlkVmWriter *w;
    ck_assert_int_eq(blk_vmstate_begin(b, &w, &e), 0);
    Stream *s = stream_open_vmstate_write(w), *m = stream_open_membuf();
    for (int p = 0; p < NPAGES; p++) {
        Stream *t[2] = { s, m };
        for (int k = 0; k < 2; k++) {
            stream_put_be64(t[k], (uint64_t)p << 12 | 0x28);
            if (p % 3 == 0)
                stream_put_u8(t[k], (uint8_t)p);
            stream_put_buf_ref(t[k], ram + (size_t)p * 4096, 4096);
        }
    }
    uint64_t before = stream_tell(s);
    ck_assert_int_eq(stream_close(s, &e), 0);
    struct iovec v[3] = { { ram, 5 }, { ram, 0 }, { ram + 4096, 70000 } };
    ck_assert_msg(blk_vmstate_writev(w, before, v, 3, &e) == 0, "%s", e.msg);
    stream_put_buf(m, ram, 5);
    stream_put_buf(m, ram + 4096, 70000);
    BlkSnapNew sn = { .name = "s", .icount = UINT64_MAX };
    ck_assert_msg(blk_snapshot_create(b, &sn, w, &e) == 0, "%s", e.msg);
    size_t len;
    const uint8_t *want = stream_membuf(m, &len);
    uint8_t *back = malloc(len + 1);
    int idx = blk_snapshot_find(b, "s", &e);
    ck_assert_int_ge(idx, 0);
    ck_assert_int_eq(blk_vmstate_read(b, idx, 0, back, len + 1, &e), (long)len);
    ck_assert(!memcmp(back, want, len));
    stream_close(m, NULL);
    blk_close(b, NULL);
    unlink(path);
    free(ram);
    free(back);
}
END_TEST

typedef struct FailAfter { uint64_t limit; int writes; } FailAfter;
static int fail_write(void *opaque, uint64_t off, const void *buf, size_t len, Err *err)
{
    FailAfter *fa = opaque;
    fa->writes++;
    if (off + len > fa->limit)
        return ERR(err, -ENOSPC, "test backend full at %" PRIu64, off);
    return 0;
}
static const StreamOps fail_ops = { .write = fail_write };

START_TEST(test_stream_backend_write_error_is_kept_and_reported_once)
{
    FailAfter fa = { .limit = 1000 };
    Stream *w = stream_open_ops(&fail_ops, &fa, true);
    static uint8_t chunk[300 * 1024];
    stream_put_buf(w, chunk, sizeof chunk);    /* larger than the buffer: written at once */
    ck_assert_int_eq(stream_error(w), -ENOSPC);
    int writes = fa.writes;
    stream_put_buf(w, chunk, sizeof chunk);
    stream_put_be64(w, 1);
    ck_assert_int_eq(fa.writes, writes);       /* dropped after the error */
    Err e = { 0 };
    ck_assert_int_eq(stream_close(w, &e), -ENOSPC);
    ck_assert_ptr_nonnull(strstr(e.msg, "test backend full"));
}
END_TEST

/* A memory backend that records how the stream calls it. */
typedef struct MemBack {
    uint8_t *data;
    size_t len, cap;
    int writes, unaligned_writes, reads;
    uint64_t last_write_len;
    bool phase_set, phase_broken, big_read;
    uintptr_t phase;   /* (buffer address - backend offset) % 64 of every buffered read */
    size_t first_read; /* bytes asked by the first read */
} MemBack;
enum { TEST_STREAM_BUF = 256 * 1024 };   /* stream.c's buffer size */
static int mb_write(void *opaque, uint64_t off, const void *buf, size_t len, Err *err)
{
    MemBack *m = opaque;
    ck_assert_uint_eq(off, m->len);
    ck_assert_uint_le(off + len, m->cap);
    if (m->writes > 0 && m->last_write_len % TEST_STREAM_BUF)
        m->unaligned_writes++;   /* only the last write may be partial */
    if (off % TEST_STREAM_BUF)
        m->unaligned_writes++;
    memcpy(m->data + off, buf, len);
    m->len += len;
    m->writes++;
    m->last_write_len = len;
    return 0;
}
static long mb_read(void *opaque, uint64_t off, void *buf, size_t len, Err *err)
{
    MemBack *m = opaque;
    uintptr_t ph = ((uintptr_t)buf - (uintptr_t)off) % 64;
    if (m->big_read)   /* straight into the caller's memory */
        ph = m->phase;
    if (m->phase_set && ph != m->phase)
        m->phase_broken = true;
    m->phase = ph;
    m->phase_set = true;
    if (!m->reads++)
        m->first_read = len;
    size_t n = off >= m->len ? 0 : (size_t)MIN((uint64_t)len, m->len - off);
    memcpy(buf, m->data + off, n);
    return (long)n;
}
static const StreamOps mb_ops = { .write = mb_write, .read = mb_read };

START_TEST(test_stream_backend_sees_whole_buffers_and_reads_keep_the_cache_line_phase)
{
    MemBack m = { .cap = 16u << 20 };
    m.data = malloc(m.cap);
    size_t big = 600 * 1024 + 5;
    uint8_t *data = malloc(big), *back = malloc(big);
    for (size_t i = 0; i < big; i++)
        data[i] = (uint8_t)(i * 13 + (i >> 9));
    /* Writing: odd-sized pieces, one larger than the buffer, across many buffer boundaries. */
    Stream *w = stream_open_ops(&mb_ops, &m, true);
    uint64_t x = 1;
    for (int i = 0; i < 3000; i++) {
        x = x * 6364136223846793005ull + 1442695040888963407ull;
        size_t n = (size_t)(x >> 33) % 4105;
        stream_put_u8(w, (uint8_t)i);
        stream_put_buf(w, data + (size_t)i * 17 % 4096, n);
    }
    stream_put_buf(w, data, big);
    stream_put_be64(w, 0x0102030405060708ull);
    uint64_t total = stream_tell(w);
    ck_assert_int_eq(stream_close(w, NULL), 0);
    ck_assert_uint_eq(m.len, total);
    ck_assert_int_gt(m.writes, 10);
    ck_assert_int_eq(m.unaligned_writes, 0);

    /* Reading the same pieces back, with peeks in between: the bytes are right and every
     * buffered read lands at the same cache-line phase as its backend offset. */
    Stream *r = stream_open_ops(&mb_ops, &m, false);
    x = 1;
    uint8_t piece[4105], pk[8];
    for (int i = 0; i < 3000; i++) {
        x = x * 6364136223846793005ull + 1442695040888963407ull;
        size_t n = (size_t)(x >> 33) % 4105;
        ck_assert_uint_eq(stream_get_u8(r), (uint8_t)i);
        if (n)
            ck_assert_uint_eq(stream_peek(r, pk, 1), 1);
        stream_get_buf(r, piece, n);
        ck_assert_mem_eq(piece, data + (size_t)i * 17 % 4096, n);
    }
    m.big_read = true;
    stream_get_buf(r, back, big);
    m.big_read = false;
    ck_assert_mem_eq(back, data, big);
    ck_assert_uint_eq(stream_get_be64(r), 0x0102030405060708ull);
    ck_assert_int_eq(stream_error(r), 0);
    ck_assert_int_gt(m.reads, 10);
    ck_assert(!m.phase_broken);
    ck_assert_int_eq(stream_close(r, NULL), 0);
    free(data);
    free(back);
    free(m.data);
}
END_TEST

/* A short read (loadvm's head check) asks the backend for 16 KiB, not the 64 KiB buffer;
 * stream_view lends the bytes ahead in place without consuming them, up to what is left
 * and at most a buffer. */
START_TEST(test_stream_first_read_is_small_and_view_lends_bytes_in_place)
{
    MemBack m = { .cap = 600 * 1024, .len = 600 * 1024 };
    m.data = malloc(m.cap);
    for (size_t i = 0; i < m.len; i++)
        m.data[i] = (uint8_t)(i * 7 + (i >> 11));
    Stream *r = stream_open_ops(&mb_ops, &m, false);
    ck_assert_uint_eq(stream_get_be32(r), be32(m.data));
    ck_assert_uint_eq(m.first_read, 16 * 1024);
    size_t avail;
    const uint8_t *v = stream_view(r, 200 * 1024, &avail);
    ck_assert_uint_eq(avail, 64 * 1024);    /* a reader's buffer: 64 KiB */
    ck_assert_mem_eq(v, m.data + 4, 64 * 1024);
    ck_assert_uint_eq(stream_tell(r), 4);   /* nothing consumed */
    stream_skip(r, 200 * 1024);
    ck_assert_uint_eq(stream_get_u8(r), m.data[4 + 200 * 1024]);
    stream_skip(r, m.len - 100 - stream_tell(r));
    v = stream_view(r, 4096, &avail);     /* near the end: what is left */
    ck_assert_uint_eq(avail, 100);
    ck_assert_mem_eq(v, m.data + m.len - 100, 100);
    stream_skip(r, 100);
    stream_view(r, 1, &avail);
    ck_assert_uint_eq(avail, 0);
    ck_assert_int_eq(stream_error(r), 0);   /* a view past the end is no error */
    ck_assert_int_eq(stream_close(r, NULL), 0);
    Stream *w = stream_open_membuf();
    ck_assert_ptr_null(stream_view(w, 1, &avail));   /* a writer lends nothing */
    ck_assert_uint_eq(avail, 0);
    stream_close(w, NULL);
    free(m.data);
}
END_TEST

START_TEST(test_stream_wrong_direction_and_long_string_fail)
{
    Stream *w = stream_open_membuf();
    stream_get_u8(w);
    ck_assert_int_eq(stream_error(w), -EBADF);
    stream_close(w, NULL);
    w = stream_open_membuf();
    char name[300];
    memset(name, 'a', sizeof name - 1);
    name[sizeof name - 1] = 0;
    stream_put_str8(w, name);
    ck_assert_int_eq(stream_error(w), -EINVAL);
    stream_close(w, NULL);
    static const uint8_t one[] = { 1 };
    Stream *r = stream_open_mem(one, 1);
    stream_put_u8(r, 1);
    ck_assert_int_eq(stream_error(r), -EBADF);
    stream_close(r, NULL);
}
END_TEST

static Suite *stream_suite(void)
{
    Suite *s = suite_create("stream");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, test_stream_membuf_then_mem_round_trips_every_width);
    tcase_add_test(tc, test_stream_read_past_end_is_sticky_and_returns_zeros);
    tcase_add_test(tc, test_stream_skip_and_peek_are_bounded);
    tcase_add_test(tc, test_stream_huge_get_on_short_data_fails_without_overrun);
    tcase_add_test(tc, test_stream_fd_backend_round_trips_large_and_small_pieces);
    tcase_add_test(tc, test_stream_fd_writer_with_borrowed_pages_keeps_order);
    tcase_add_test(tc, test_stream_over_a_qcow2_vmstate_area_round_trips);
    tcase_add_test(tc, test_stream_qcow2_writer_with_borrowed_pages_writes_the_copied_bytes);
    tcase_add_test(tc, test_stream_backend_write_error_is_kept_and_reported_once);
    tcase_add_test(tc, test_stream_wrong_direction_and_long_string_fail);
    tcase_add_test(tc, test_stream_first_read_is_small_and_view_lends_bytes_in_place);
    tcase_add_test(tc, test_stream_backend_sees_whole_buffers_and_reads_keep_the_cache_line_phase);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(stream_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
