/* test_analyze.c: the stream analyzer (snapshot/format/analyze.c) on streams written by sections.c:
 * the exact dump text, and every rejection (leftover bytes, footers, subsection names,
 * hostile vmdesc JSON), with every truncation and byte flip run under ASan. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "snapshot/format/analyze.h"
#include "snapshot/format/ram.h"
#include "snapshot/format/sections.h"

typedef struct Pt { int16_t x; uint32_t y; } Pt;
static const VmsDesc pt_vms = {
    .name = "pt", .version = 1,
    .fields = (const VmsField[]){ VMS_INT16(Pt, x), VMS_UINT32(Pt, y), VMS_END },
};
typedef struct Dev { bool on; int32_t neg; uint8_t buf[3]; Pt pts[2]; uint8_t extra; } Dev;
static const VmsDesc dev_extra_vms = {
    .name = "dev/extra", .version = 1,
    .fields = (const VmsField[]){ VMS_UINT8(Dev, extra), VMS_END },
};
static const VmsDesc dev_vms = {
    .name = "dev", .version = 3,
    .fields = (const VmsField[]){ VMS_BOOL(Dev, on), VMS_INT32(Dev, neg), VMS_BUFFER(Dev, buf),
                                  VMS_STRUCT_ARRAY(Dev, pts, Pt, 2, &pt_vms), VMS_END },
    .subsections = (const VmsDesc *const[]){ &dev_extra_vms, NULL },
};

static uint8_t *make_stream(size_t *len, uint8_t *ram)
{
    static Dev d = { true, -2, { 1, 2, 0xff }, { { -1, 7 }, { 3, 0x10000 } }, 9 };
    memset(ram, 0, 2 * RAM_PAGE_SIZE);
    ram[RAM_PAGE_SIZE + 1] = 0x42;
    RamSectionBlock b = { "mem", ram, 2 * RAM_PAGE_SIZE, 0 };
    RamSection *rs = ram_section_new(&b, 1);
    SecList *l = sec_list_new("m", 4096);
    sec_register(l, "dev", 1, &dev_vms, &d, NULL);
    sec_register_iter(l, "ram", 0, 4, &ram_sec_iter, rs, NULL);
    Stream *s = stream_open_membuf();
    ck_assert_int_eq(sec_save(l, s, NULL), 0);
    const uint8_t *p = stream_membuf(s, len);
    uint8_t *c = malloc(*len);
    memcpy(c, p, *len);
    stream_close(s, NULL);
    sec_list_free(l);
    ram_section_free(rs);
    return c;
}

static const char want[] =
    "{\n"
    "    \"ram (1)\": {\n"
    "        \"section sizes\": {\n"
    "            \"mem\": \"0x0000000000002000\"\n"
    "        },\n"
    "        \"page counts\": {\n"
    "            \"mem\": {\n"
    "                \"pages\": 2,\n"
    "                \"zero\": 1\n"
    "            }\n"
    "        }\n"
    "    },\n"
    "    \"dev (0)\": {\n"
    "        \"on\": true,\n"
    "        \"neg\": \"0xfffffffe (-2)\",\n"
    "        \"buf\": \"01 02 ff\",\n"
    "        \"pts\": [\n"
    "            {\n"
    "                \"x\": \"0xffff (-1)\",\n"
    "                \"y\": \"0x00000007\"\n"
    "            },\n"
    "            {\n"
    "                \"x\": \"0x0003\",\n"
    "                \"y\": \"0x00010000\"\n"
    "            }\n"
    "        ],\n"
    "        \"dev/extra\": {\n"
    "            \"extra\": \"0x09\"\n"
    "        }\n"
    "    }\n"
    "}";

START_TEST(test_analyze_dump_matches_the_expected_text)
{
    static uint8_t ram[2 * RAM_PAGE_SIZE] __attribute__((aligned(8)));
    size_t len;
    uint8_t *p = make_stream(&len, ram);
    char *out;
    Err e = { 0 };
    ck_assert_msg(vms_dump(p, len, NULL, &out, &e) == 0, "%s", e.msg);
    ck_assert_str_eq(out, want);
    free(out);
    ck_assert_int_eq(vms_dump_desc(p, len, &out, &e), 0);
    ck_assert_ptr_nonnull(strstr(out, "\"vmsd_name\": \"dev\""));
    free(out);
    ck_assert_int_eq(vms_dump_desc(p, 20, &out, &e), -EINVAL);
    ck_assert_ptr_nonnull(strstr(e.msg, "no vmdesc record"));
    free(p);
}
END_TEST

START_TEST(test_analyze_rejects_leftovers_footers_and_bad_descriptions)
{
    static uint8_t ram[2 * RAM_PAGE_SIZE] __attribute__((aligned(8)));
    size_t len;
    uint8_t *p = make_stream(&len, ram);
    uint8_t *q = malloc(len + 64);
    char *out;
    Err e;
    /* Find the dev section's footer: 7e 00 00 00 00 right before EOF 00 06. */
    size_t eof = 0;
    for (size_t i = 0; i + 1 < len; i++)
        if (p[i] == 0 && p[i + 1] == 0x06 && be32(p + i + 2) == len - i - 6)
            eof = i;
    ck_assert_uint_ne(eof, 0);
    /* Wrong footer id. */
    memcpy(q, p, len);
    q[eof - 1] = 9;
    err_clear(&e);
    ck_assert_int_eq(vms_dump(q, len, NULL, &out, &e), -EINVAL);
    ck_assert_ptr_nonnull(strstr(e.msg, "bad footer"));
    /* A stray byte between EOF and the vmdesc: reported as left over. */
    memcpy(q, p, eof + 1);
    q[eof + 1] = 0x55;
    memcpy(q + eof + 2, p + eof + 1, len - eof - 1);
    err_clear(&e);
    ck_assert_int_eq(vms_dump(q, len + 1, NULL, &out, &e), -EINVAL);
    ck_assert_ptr_nonnull(strstr(e.msg, "1 bytes between EOF"));
    /* The subsection name differs from the vmdesc's. */
    memcpy(q, p, len);
    uint8_t *sub = memmem(q, len, "dev/extra", 9);
    ck_assert_ptr_nonnull(sub);
    sub[8] = 'b';
    err_clear(&e);
    ck_assert_int_eq(vms_dump(q, len, NULL, &out, &e), -EINVAL);
    ck_assert_ptr_nonnull(strstr(e.msg, "subsection dev/extra not found"));
    /* A vmdesc that is not JSON. */
    memcpy(q, p, len);
    q[eof + 6] = '[';
    err_clear(&e);
    ck_assert_int_eq(vms_dump(q, len, NULL, &out, &e), -EINVAL);
    ck_assert_ptr_nonnull(strstr(e.msg, "vmdesc"));
    /* A vmdesc listing a device the stream lacks. */
    char *dj = malloc(len);
    size_t jl = len - eof - 6;
    memcpy(dj, p + eof + 6, jl);
    dj[jl] = 0;
    char *dev = strstr(dj, "{\"name\": \"dev\"");
    ck_assert_ptr_nonnull(dev);
    char dup[4096];
    size_t dl = jl - (size_t)(dev - dj) - 2;   /* the dev object, without the closing "]}" */
    snprintf(dup, sizeof dup, "%.*s, %.*s]}", (int)(dev - dj + dl), dj, (int)dl, dev);
    memcpy(q, p, eof + 2);
    put_be32(q + eof + 2, (uint32_t)strlen(dup));
    q = realloc(q, eof + 6 + strlen(dup));
    memcpy(q + eof + 6, dup, strlen(dup));
    err_clear(&e);
    ck_assert_int_eq(vms_dump(q, eof + 6 + strlen(dup), NULL, &out, &e), -EINVAL);
    ck_assert_ptr_nonnull(strstr(e.msg, "the vmdesc describes 2 sections, the stream has 1"));
    free(dj);
    /* No vmdesc at all: RAM decodes, the device cannot be described. */
    err_clear(&e);
    ck_assert_int_eq(vms_dump(p, eof + 1, NULL, &out, &e), -EINVAL);
    ck_assert_ptr_nonnull(strstr(e.msg, "not described by the vmdesc"));
    free(q);
    free(p);
}
END_TEST

/* Wraps a vmdesc JSON text around a stream with one FULL section "d" of body bytes. */
static int dump_with_desc(const char *json, const uint8_t *body, size_t blen, Err *e)
{
    uint8_t buf[8192];
    size_t n = 0;
    static const uint8_t head[] = { 'Q', 'E', 'V', 'M', 0, 0, 0, 3, 7, 0, 0, 0, 1, 'm',
                                    4, 0, 0, 0, 0, 1, 'd', 0, 0, 0, 0, 0, 0, 0, 1 };
    memcpy(buf, head, sizeof head);
    n = sizeof head;
    memcpy(buf + n, body, blen);
    n += blen;
    static const uint8_t tail[] = { 0x7e, 0, 0, 0, 0, 0, 6 };
    memcpy(buf + n, tail, sizeof tail);
    n += sizeof tail;
    put_be32(buf + n, (uint32_t)strlen(json));
    n += 4;
    memcpy(buf + n, json, strlen(json));
    n += strlen(json);
    char *out = NULL;
    int r = vms_dump(buf, n, NULL, &out, e);
    free(out);
    return r;
}

START_TEST(test_analyze_treats_the_vmdesc_as_hostile)
{
    static const uint8_t body[4] = { 1, 2, 3, 4 };
    static const struct { const char *json; const char *msg; } cases[] = {
        { "{\"devices\": [{\"name\": \"d\", \"instance_id\": 0, \"version\": 1, \"fields\": "
          "[{\"name\": \"a\", \"type\": \"uint32\", \"size\": 3}]}]}", "integer field of 3 bytes" },
        { "{\"devices\": [{\"name\": \"d\", \"instance_id\": 0, \"version\": 1, \"fields\": "
          "[{\"name\": \"a\", \"type\": \"buffer\", \"size\": 99999999999}]}]}", "out of range" },
        { "{\"devices\": [{\"name\": \"d\", \"instance_id\": 0, \"version\": 1, \"fields\": "
          "[{\"name\": \"a\", \"type\": \"buffer\", \"size\": 50}]}]}", "unexpected end of data" },
        { "{\"devices\": [{\"name\": \"d\", \"instance_id\": 0, \"version\": 1, \"fields\": "
          "[{\"name\": \"a\", \"type\": \"buffer\", \"size\": 2}]}]}", "bad footer" },
        { "{\"devices\": [{\"name\": \"d\", \"instance_id\": 0, \"version\": 2, \"fields\": []}]}",
          "differs from the vmdesc" },
        { "{\"devices\": [{\"name\": \"d\", \"instance_id\": 0, \"version\": 1, \"fields\": "
          "[{\"name\": \"a\", \"array_len\": -1, \"type\": \"uint8\", \"size\": 1}]}]}", "bad array_len" },
        { "{\"devices\": [{\"name\": \"d\", \"instance_id\": 0, \"version\": 1, \"fields\": "
          "[{\"type\": \"uint8\", \"size\": 1}]}]}", "without name" },
        { "{\"devices\": [{\"name\": \"d\", \"instance_id\": 0, \"version\": 1, \"fields\": 5}]}",
          "without fields" },
        { "{\"devices\": [{\"name\": \"d\", \"instance_id\": 0, \"version\": 1, \"fields\": "
          "[{\"name\": \"a\", \"type\": \"struct\", \"size\": 1}]}]}", "without a struct" },
    };
    for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
        Err e = { 0 };
        ck_assert_msg(dump_with_desc(cases[i].json, body, 4, &e) < 0, "case %zu accepted", i);
        ck_assert_msg(strstr(e.msg, cases[i].msg) != NULL, "case %zu: %s", i, e.msg);
    }
    /* Deep nesting is refused, not recursed into. */
    char deep[8000];
    size_t n = 0;
    n += (size_t)sprintf(deep + n, "{\"devices\": [{\"name\": \"d\", \"instance_id\": 0, \"version\": 1, \"fields\": ");
    for (int k = 0; k < 100; k++)
        n += (size_t)sprintf(deep + n, "[{\"name\": \"s\", \"type\": \"struct\", \"size\": 4, \"struct\": {\"fields\": ");
    n += (size_t)sprintf(deep + n, "[{\"name\": \"a\", \"type\": \"uint32\", \"size\": 4}]");
    for (int k = 0; k < 100; k++)
        n += (size_t)sprintf(deep + n, "}}]");
    sprintf(deep + n, "}]}");
    Err e = { 0 };
    ck_assert_int_eq(dump_with_desc(deep, body, 4, &e), -EINVAL);
    ck_assert_ptr_nonnull(strstr(e.msg, "nested too deeply"));
}
END_TEST

START_TEST(test_analyze_every_truncation_and_flip_is_handled)
{
    static uint8_t ram[2 * RAM_PAGE_SIZE] __attribute__((aligned(8)));
    size_t len;
    uint8_t *p = make_stream(&len, ram);
    uint8_t *q = malloc(len);
    for (size_t n = 0; n < len; n++) {
        char *out = NULL;
        Err e = { 0 };
        int r = vms_dump(p, n, NULL, &out, &e);
        ck_assert_msg(r < 0 && e.msg[0] && !out, "truncation at %zu accepted", n);
    }
    for (size_t i = 0; i < len; i++) {
        memcpy(q, p, len);
        q[i] ^= 0xff;
        char *out = NULL;
        Err e = { 0 };
        if (vms_dump(q, len, NULL, &out, &e) < 0)
            ck_assert(e.msg[0] && !out);
        free(out);
    }
    free(q);
    free(p);
}
END_TEST

/* A stream of hand-made records after the header and configuration; no vmdesc. */
static int dump_records(const uint8_t *rec, size_t n, Err *e)
{
    uint8_t buf[512];
    static const uint8_t head[] = { 'Q', 'E', 'V', 'M', 0, 0, 0, 3, 7, 0, 0, 0, 1, 'm' };
    memcpy(buf, head, sizeof head);
    memcpy(buf + sizeof head, rec, n);
    char *out = NULL;
    int r = vms_dump(buf, sizeof head + n, NULL, &out, e);
    free(out);
    return r;
}

#define RAM_START 1, 0, 0, 0, 2, 3, 'r', 'a', 'm', 0, 0, 0, 0, 0, 0, 0, 4
#define WORD(v) 0, 0, 0, 0, 0, 0, (uint8_t)((v) >> 8), (uint8_t)(v)
#define FOOT 0x7e, 0, 0, 0, 2

START_TEST(test_analyze_rejects_bad_ram_records)
{
    static const uint8_t twice[] = { RAM_START, WORD(0x2004), 1, 'a', WORD(0x1000), 1, 'a',
                                     WORD(0x1000), WORD(0x10), FOOT, 0 };
    static const uint8_t cont[] = { RAM_START, WORD(0x1004), 1, 'a', WORD(0x1000), WORD(0x10), FOOT,
                                    2, 0, 0, 0, 2, WORD(0x22), 0, WORD(0x10), FOOT, 0 };
    static const uint8_t unlisted[] = { RAM_START, WORD(0x1004), 1, 'a', WORD(0x1000), WORD(0x10),
                                        FOOT, 2, 0, 0, 0, 2, WORD(0x02), 1, 'b', 0, WORD(0x10), FOOT, 0 };
    static const uint8_t outside[] = { RAM_START, WORD(0x1004), 1, 'a', WORD(0x1000), WORD(0x10),
                                       FOOT, 2, 0, 0, 0, 2, WORD(0x1002), 1, 'a', 0, WORD(0x10), FOOT, 0 };
    static const uint8_t badflags[] = { RAM_START, WORD(0x1004), 1, 'a', WORD(0x1000), WORD(0x10),
                                        FOOT, 2, 0, 0, 0, 2, WORD(0x40), WORD(0x10), FOOT, 0 };
    static const uint8_t version3[] = { 1, 0, 0, 0, 2, 3, 'r', 'a', 'm', 0, 0, 0, 0, 0, 0, 0, 3,
                                        WORD(0x10), FOOT, 0 };
    static const uint8_t notstarted[] = { 2, 0, 0, 0, 2, WORD(0x10), FOOT, 0 };
    static const uint8_t twostarts[] = { RAM_START, WORD(0x10), FOOT, RAM_START, WORD(0x10), FOOT, 0 };
    static const uint8_t otherstart[] = { 1, 0, 0, 0, 2, 1, 'x', 0, 0, 0, 0, 0, 0, 0, 1, FOOT, 0 };
    static const uint8_t badtype[] = { 9 };
    static const uint8_t lenbig[] = { RAM_START, WORD(0x1004), 1, 'a', WORD(0x3000), WORD(0x10), FOOT, 0 };
    static const struct { const uint8_t *p; size_t n; const char *msg; } cases[] = {
        { twice, sizeof twice, "block a listed twice" },
        { cont, sizeof cont, "CONTINUE with no current block" },
        { unlisted, sizeof unlisted, "page of unlisted block b" },
        { outside, sizeof outside, "page 0x1000 outside block a" },
        { badflags, sizeof badflags, "unknown flags 0x40" },
        { version3, sizeof version3, "unknown RAM version 3" },
        { notstarted, sizeof notstarted, "section id 2 at offset 0xe was not started" },
        { twostarts, sizeof twostarts, "ram (2) appears twice" },
        { otherstart, sizeof otherstart, "START record for a section without a decoder" },
        { badtype, sizeof badtype, "unknown section type 9" },
        { lenbig, sizeof lenbig, "length 0x3000" },
    };
    for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
        Err e = { 0 };
        ck_assert_msg(dump_records(cases[i].p, cases[i].n, &e) < 0, "case %zu accepted", i);
        ck_assert_msg(strstr(e.msg, cases[i].msg) != NULL, "case %zu: %s", i, e.msg);
    }
}
END_TEST

static Suite *analyze_suite(void)
{
    Suite *s = suite_create("analyze");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_analyze_dump_matches_the_expected_text);
    tcase_add_test(tc, test_analyze_rejects_leftovers_footers_and_bad_descriptions);
    tcase_add_test(tc, test_analyze_treats_the_vmdesc_as_hostile);
    tcase_add_test(tc, test_analyze_every_truncation_and_flip_is_handled);
    tcase_add_test(tc, test_analyze_rejects_bad_ram_records);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(analyze_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
