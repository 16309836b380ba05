/* test_chardev.c: the chardev back ends (file, null, unix sockets) and -serial parsing. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "emu/hw/chardev.h"

static char *temp_name(const char *stem)
{
    char *p = xmalloc(128);
    snprintf(p, 128, "/tmp/pcemu-cd-%s-%d", stem, (int)getpid());
    return p;
}

static size_t slurp(const char *path, char *buf, size_t cap)
{
    FILE *f = fopen(path, "rb");
    ck_assert_ptr_nonnull(f);
    size_t n = fread(buf, 1, cap, f);
    fclose(f);
    return n;
}

START_TEST(test_chardev_file_receives_output_and_truncates)
{
    char *path = temp_name("file");
    FILE *f = fopen(path, "w");
    fputs("old contents that must go", f);
    fclose(f);
    char spec[160];
    snprintf(spec, sizeof spec, "file:%s", path);
    Err e = { 0 };
    Chardev *c = chardev_open_spec(spec, &e);
    ck_assert_ptr_nonnull(c);
    chardev_write(c, (const uint8_t *)"hello ", 6);
    chardev_write(c, (const uint8_t *)"world", 5);
    uint8_t in[4];
    ck_assert_uint_eq(chardev_read(c, in, sizeof in), 0);
    chardev_close(c);
    char buf[64];
    size_t n = slurp(path, buf, sizeof buf);
    ck_assert_uint_eq(n, 11);
    ck_assert_mem_eq(buf, "hello world", 11);
    unlink(path);
    free(path);
}
END_TEST

START_TEST(test_chardev_null_drops_output)
{
    Err e = { 0 };
    Chardev *c = chardev_open_spec("null", &e);
    ck_assert_ptr_nonnull(c);
    chardev_write(c, (const uint8_t *)"x", 1);
    uint8_t b;
    ck_assert_uint_eq(chardev_read(c, &b, 1), 0);
    chardev_close(c);
}
END_TEST

START_TEST(test_chardev_bad_specs_fail_with_a_message)
{
    Err e = { 0 };
    ck_assert_ptr_null(chardev_open_spec("vc", &e));
    ck_assert_ptr_nonnull(strstr(e.msg, "'vc'"));
    err_clear(&e);
    ck_assert_ptr_null(chardev_open_spec("file:/nonexistent-dir/x", &e));
    ck_assert_ptr_nonnull(strstr(e.msg, "/nonexistent-dir/x"));
    err_clear(&e);
    ck_assert_ptr_null(chardev_open_spec("unix:/tmp/pcemu-no-such-socket-here", &e));
    ck_assert_ptr_nonnull(strstr(e.msg, "connect"));
    err_clear(&e);
    ck_assert_ptr_null(chardev_open_spec("unix:/tmp/x,server,bogus", &e));
    ck_assert_ptr_nonnull(strstr(e.msg, "bogus"));
    err_clear(&e);
    ck_assert_ptr_null(chardev_open_spec("file:", &e));
    ck_assert_int_eq(e.code, -EINVAL);
}
END_TEST

START_TEST(test_chardev_unix_server_talks_both_ways_and_drops_without_client)
{
    char *path = temp_name("sock");
    char spec[160];
    snprintf(spec, sizeof spec, "unix:%s,server,nowait", path);
    Err e = { 0 };
    Chardev *c = chardev_open_spec(spec, &e);
    ck_assert_msg(c != NULL, "%s", e.msg);
    chardev_write(c, (const uint8_t *)"lost", 4);   /* no client yet: dropped */

    int cl = socket(AF_UNIX, SOCK_STREAM, 0);
    struct sockaddr_un sa = { .sun_family = AF_UNIX };
    strcpy(sa.sun_path, path);
    ck_assert_int_eq(connect(cl, (struct sockaddr *)&sa, sizeof sa), 0);
    chardev_write(c, (const uint8_t *)"to guest peer", 13);
    char buf[32] = { 0 };
    ck_assert_int_eq(read(cl, buf, sizeof buf), 13);
    ck_assert_str_eq(buf, "to guest peer");
    ck_assert_int_eq(write(cl, "kbd", 3), 3);
    uint8_t in[8];
    size_t got = 0;
    for (int i = 0; i < 1000 && got < 3; i++)
        got += chardev_read(c, in + got, sizeof in - got);
    ck_assert_uint_eq(got, 3);
    ck_assert_mem_eq(in, "kbd", 3);
    close(cl);
    chardev_close(c);
    ck_assert_int_ne(access(path, F_OK), 0);   /* the server removes its socket */
    free(path);
}
END_TEST

static Suite *chardev_suite(void)
{
    Suite *s = suite_create("chardev");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, test_chardev_file_receives_output_and_truncates);
    tcase_add_test(tc, test_chardev_null_drops_output);
    tcase_add_test(tc, test_chardev_bad_specs_fail_with_a_message);
    tcase_add_test(tc, test_chardev_unix_server_talks_both_ways_and_drops_without_client);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(chardev_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
