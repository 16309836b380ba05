/* test_stream.c: the savevm byte stream (snapshot/stream.c): big-endian put/get, the sticky
 * error, bounded reads, peek, and the fd, memory, growing-buffer and callback backends. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "snapshot/stream.h"

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
    tcase_add_test(tc, test_stream_backend_write_error_is_kept_and_reported_once);
    tcase_add_test(tc, test_stream_wrong_direction_and_long_string_fail);
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
