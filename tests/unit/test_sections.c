/* test_sections.c: the section registry and stream-level savevm/loadvm (snapshot/format/sections.c):
 * byte layout, vmdesc JSON, instance ids, section ids, priority order, iterative entries,
 * and every stream-level rejection of migration-stream.md section 17. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "snapshot/format/sections.h"

typedef struct Ctx { char log[64]; } Ctx;
static void logc(Ctx *c, char ch) { size_t n = strlen(c->log); if (n < sizeof c->log - 1) c->log[n] = ch; }

typedef struct Dev { uint8_t v; uint32_t w; Ctx *ctx; char tag; bool needs_b; struct Dev *b; } Dev;
static int dev_post_load(void *o, int version, Err *err)
{
    Dev *d = o;
    logc(d->ctx, d->tag);
    /* A device whose post_load relies on B's state having been loaded already. */
    if (d->needs_b && d->b->v == 0)
        return ERR(err, -EINVAL, "%c loaded before b", d->tag);
    return 0;
}
static const VmsDesc a_vms = {
    .name = "a", .version = 2, .min_version = 1, .post_load = dev_post_load,
    .fields = (const VmsField[]){ VMS_UINT8(Dev, v), VMS_UINT32_V(Dev, w, 2), VMS_END },
};
static const VmsDesc b_vms = {
    .name = "b", .version = 1, .min_version = 1, .priority = VMS_PRI_PCI_BUS,
    .post_load = dev_post_load,
    .fields = (const VmsField[]){ VMS_UINT8(Dev, v), VMS_END },
};
static bool c_needed(void *o) { return ((Dev *)o)->v != 0; }
static const VmsDesc c_vms = {
    .name = "c", .version = 1, .min_version = 1, .needed = c_needed,
    .fields = (const VmsField[]){ VMS_UINT8(Dev, v), VMS_END },
};

/* An iterative entry sending its counter in three PART records. */
typedef struct It { uint8_t setup, parts[3], end; int sent, got; } It;
static int it_setup(void *o, Stream *s, Err *e) { stream_put_u8(s, ((It *)o)->setup); return 0; }
static int it_iter(void *o, Stream *s, Err *e)
{
    It *it = o;
    stream_put_u8(s, it->parts[it->sent++]);
    return it->sent == 3;
}
static int it_complete(void *o, Stream *s, Err *e) { stream_put_u8(s, ((It *)o)->end); return 0; }
static int it_load(void *o, Stream *s, int type, int version, Err *e)
{
    It *it = o;
    uint8_t v = stream_get_u8(s);
    if (type == SEC_START) it->setup = v;
    else if (type == SEC_PART && it->got < 3) it->parts[it->got++] = v;
    else if (type == SEC_END) it->end = v;
    else return ERR(e, -EINVAL, "it: too many parts");
    return 0;
}
static const SecIter it_ops = { it_setup, it_iter, it_complete, it_load };

typedef struct World { Ctx ctx; Dev a, b, c; It it; SecList *l; } World;

/* a registered first, then the iterative entry, a skipped id, b (higher priority), c. */
static void world_init(World *w, const char *machine)
{
    memset(w, 0, sizeof *w);
    w->a = (Dev){ .ctx = &w->ctx, .tag = 'a', .needs_b = true, .b = &w->b };
    w->b = (Dev){ .ctx = &w->ctx, .tag = 'b' };
    w->c = (Dev){ .ctx = &w->ctx, .tag = 'c' };
    w->l = sec_list_new(machine, 4096);
    ck_assert_int_eq(sec_register(w->l, "a", SEC_INSTANCE_ANY, &a_vms, &w->a, NULL), 0);
    ck_assert_int_eq(sec_register_iter(w->l, "it", 0, 1, &it_ops, &w->it, NULL), 0);
    sec_skip_id(w->l);
    ck_assert_int_eq(sec_register(w->l, "0000:00:02.0/b", SEC_INSTANCE_ANY, &b_vms, &w->b, NULL), 0);
    ck_assert_int_eq(sec_register(w->l, "c", 3, &c_vms, &w->c, NULL), 3);
}

static uint8_t *world_save(World *w, size_t *len)
{
    w->a.v = 0x11; w->a.w = 0x22334455; w->b.v = 0x66; w->c.v = 0;
    w->it = (It){ .setup = 0xa1, .parts = { 0xb1, 0xb2, 0xb3 }, .end = 0xc1 };
    Stream *s = stream_open_membuf();
    Err e = { 0 };
    ck_assert_msg(sec_save(w->l, s, &e) == 0, "%s", e.msg);
    const uint8_t *p = stream_membuf(s, len);
    uint8_t *copy = malloc(*len);
    memcpy(copy, p, *len);
    stream_close(s, NULL);
    return copy;
}

static const char world_json[] =
    "{\"page_size\": 4096, \"devices\": ["
    "{\"name\": \"0000:00:02.0/b\", \"instance_id\": 0, \"vmsd_name\": \"b\", \"version\": 1, "
    "\"fields\": [{\"name\": \"v\", \"type\": \"uint8\", \"size\": 1}]}, "
    "{\"name\": \"a\", \"instance_id\": 0, \"vmsd_name\": \"a\", \"version\": 2, \"fields\": ["
    "{\"name\": \"v\", \"type\": \"uint8\", \"size\": 1}, "
    "{\"name\": \"w\", \"type\": \"uint32\", \"size\": 4}]}]}";

static const uint8_t world_head[] = {
    'Q', 'E', 'V', 'M', 0, 0, 0, 3,                   /* magic, version 3 */
    0x07, 0, 0, 0, 4, 't', 'e', 's', 't',             /* configuration "test" */
    0x01, 0, 0, 0, 1, 2, 'i', 't', 0, 0, 0, 0, 0, 0, 0, 1, 0xa1, 0x7e, 0, 0, 0, 1, /* START it */
    0x02, 0, 0, 0, 1, 0xb1, 0x7e, 0, 0, 0, 1,         /* PART x3 */
    0x02, 0, 0, 0, 1, 0xb2, 0x7e, 0, 0, 0, 1,
    0x02, 0, 0, 0, 1, 0xb3, 0x7e, 0, 0, 0, 1,
    0x03, 0, 0, 0, 1, 0xc1, 0x7e, 0, 0, 0, 1,         /* END */
    0x04, 0, 0, 0, 3, 14, '0', '0', '0', '0', ':', '0', '0', ':', '0', '2', '.', '0', '/', 'b',
    0, 0, 0, 0, 0, 0, 0, 1, 0x66, 0x7e, 0, 0, 0, 3,   /* FULL b first: higher priority */
    0x04, 0, 0, 0, 0, 1, 'a', 0, 0, 0, 0, 0, 0, 0, 2, 0x11, 0x22, 0x33, 0x44, 0x55,
    0x7e, 0, 0, 0, 0,                                 /* FULL a; c not needed: absent */
    0x00,                                             /* EOF */
};

START_TEST(test_sections_save_layout_priority_order_and_vmdesc)
{
    World w;
    world_init(&w, "test");
    size_t len;
    uint8_t *p = world_save(&w, &len);
    size_t jl = strlen(world_json);
    ck_assert_uint_eq(len, sizeof world_head + 5 + jl);
    for (size_t i = 0; i < sizeof world_head; i++)
        ck_assert_msg(p[i] == world_head[i], "byte %zu: %02x want %02x", i, p[i], world_head[i]);
    ck_assert_uint_eq(p[sizeof world_head], 0x06);
    ck_assert_uint_eq(be32(p + sizeof world_head + 1), jl);
    ck_assert_mem_eq(p + sizeof world_head + 5, world_json, jl);
    free(p);
    sec_list_free(w.l);
}
END_TEST

START_TEST(test_sections_round_trip_loads_in_priority_order)
{
    World w, t;
    world_init(&w, "test");
    size_t len;
    uint8_t *p = world_save(&w, &len);
    world_init(&t, "test");
    Stream *s = stream_open_mem(p, len);
    Err e = { 0 };
    ck_assert_msg(sec_load(t.l, s, &e) == 0, "%s", e.msg);
    stream_close(s, NULL);
    ck_assert_str_eq(t.ctx.log, "ba");   /* b (priority 2) before a, whatever the registration */
    ck_assert_uint_eq(t.a.v, 0x11);
    ck_assert_uint_eq(t.a.w, 0x22334455);
    ck_assert_uint_eq(t.b.v, 0x66);
    ck_assert_uint_eq(t.it.setup, 0xa1);
    ck_assert_uint_eq(t.it.parts[2], 0xb3);
    ck_assert_uint_eq(t.it.end, 0xc1);
    /* Without the priority, a would be saved first and its post_load would fail. */
    uint8_t q[sizeof world_head];
    memcpy(q, world_head, sizeof q);
    size_t b_at = 83, a_at = b_at + 34, a_len = 25;   /* swap the two FULL records */
    ck_assert_uint_eq(q[b_at], 0x04);
    ck_assert_uint_eq(q[a_at], 0x04);
    memcpy(q + b_at, world_head + a_at, a_len);
    memcpy(q + b_at + a_len, world_head + b_at, 34);
    World u;
    world_init(&u, "test");
    s = stream_open_mem(q, sizeof q);
    err_clear(&e);
    ck_assert_int_eq(sec_load(u.l, s, &e), -EINVAL);
    ck_assert_ptr_nonnull(strstr(e.msg, "a loaded before b"));
    stream_close(s, NULL);
    free(p);
    sec_list_free(w.l);
    sec_list_free(t.l);
    sec_list_free(u.l);
}
END_TEST

START_TEST(test_sections_instance_ids_auto_and_explicit)
{
    SecList *l = sec_list_new("m", 4096);
    Dev d[4] = { 0 };
    Err e = { 0 };
    ck_assert_int_eq(sec_register(l, "dma", SEC_INSTANCE_ANY, &b_vms, &d[0], &e), 0);
    ck_assert_int_eq(sec_register(l, "dma", SEC_INSTANCE_ANY, &b_vms, &d[1], &e), 1);
    ck_assert_int_eq(sec_register(l, "dma", 5, &b_vms, &d[2], &e), 5);
    ck_assert_int_eq(sec_register(l, "dma", SEC_INSTANCE_ANY, &b_vms, &d[3], &e), 6);
    ck_assert_int_eq(sec_register(l, "dma", 1, &b_vms, &d[3], &e), -EEXIST);
    err_clear(&e);
    /* one (idstr, instance) space over both kinds; sec_entries lists the VmsDesc ones */
    It it = { 0 };
    ck_assert_int_eq(sec_register_iter(l, "dma", 6, 1, &it_ops, &it, &e), -EEXIST);
    err_clear(&e);
    ck_assert_int_eq(sec_register_iter(l, "dma", SEC_INSTANCE_ANY, 1, &it_ops, &it, &e), 7);
    ck_assert_int_eq(sec_register(l, "dma", SEC_INSTANCE_ANY, &b_vms, &d[3], &e), 8);
    int n;
    const SecEntry *en = sec_entries(l, &n);
    ck_assert_int_eq(n, 5);
    static const int inst[5] = { 0, 1, 5, 6, 8 };
    for (int i = 0; i < n; i++) {
        ck_assert_int_eq(en[i].instance_id, inst[i]);
        ck_assert_ptr_eq(en[i].vmsd, &b_vms);
        ck_assert_uint_eq(en[i].section_id, (uint32_t)(i < 4 ? i : 5));
    }
    char longname[300];
    memset(longname, 'x', 299);
    longname[299] = 0;
    ck_assert_int_eq(sec_register(l, longname, 0, &b_vms, &d[3], &e), -EINVAL);
    ck_assert_int_eq(sec_register(l, "", 0, &b_vms, &d[3], NULL), -EINVAL);
    sec_list_free(l);
}
END_TEST

/* Loads world_head (+ optional tail) with one edit; returns the error text. */
static int load_bytes(const uint8_t *p, size_t len, Err *e)
{
    World t;
    world_init(&t, "test");
    Stream *s = stream_open_mem(p, len);
    int r = sec_load(t.l, s, e);
    stream_close(s, NULL);
    sec_list_free(t.l);
    return r;
}

static int load_patched(size_t at, uint8_t v, Err *e)
{
    uint8_t q[sizeof world_head];
    memcpy(q, world_head, sizeof q);
    q[at] = v;
    return load_bytes(q, sizeof q, e);
}

START_TEST(test_sections_load_rejects_bad_streams_with_clear_errors)
{
    static const struct { size_t at; uint8_t v; const char *msg; } cases[] = {
        { 0, 'X', "not a migration stream" },
        { 7, 2, "unsupported migration stream version 2" },
        { 8, 0x04, "configuration section missing" },
        { 12, 5, "machine type received is 'test?' and local is 'test'" },
        { 16, 'x', "machine type received is 'tesx'" },
        { 23, 'j', "unknown savevm section or instance 'jt' 0" },
        { 28, 1, "unknown savevm section or instance 'it' 1" },
        { 32, 2, "section it instance 0: unsupported version 2" },
        { 32, 0, "section it instance 0: version 0 is too old" },
        { 34, 0x7f, "section it instance 0: missing section footer" },
        { 38, 9, "section it instance 0: mismatched section id in footer: read 0x9 expected 0x1" },
        { 43, 7, "PART record for section id 7 that no START introduced" },
        { 39, 0x09, "unknown savevm section type 9" },
        { 39, 0x08, "unknown savevm section type 8" },
        { 39, 0x05, "unknown savevm section type 5" },
        { 83, 0x01, "START record for a non-iterative section" },
        { 17, 0x04, "FULL record for an iterative section" },
    };
    for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
        Err e = { 0 };
        int r = load_patched(cases[i].at, cases[i].v, &e);
        ck_assert_msg(r < 0, "case %zu accepted", i);
        ck_assert_msg(strstr(e.msg, cases[i].msg) != NULL, "case %zu: %s", i, e.msg);
    }
}
END_TEST

START_TEST(test_sections_load_checks_versions_duplicates_and_the_tail)
{
    Err e = { 0 };
    /* a at version 1 (min 1): w is absent, the body is 1 byte, then the footer. */
    uint8_t q[sizeof world_head + 32];
    size_t a_at = 117;
    memcpy(q, world_head, a_at);
    static const uint8_t a_v1[] = { 0x04, 0, 0, 0, 0, 1, 'a', 0, 0, 0, 0, 0, 0, 0, 1, 0x11,
                                    0x7e, 0, 0, 0, 0, 0x00 };
    memcpy(q + a_at, a_v1, sizeof a_v1);
    ck_assert_msg(load_bytes(q, a_at + sizeof a_v1, &e) == 0, "%s", e.msg);
    /* a at version 3: newer than local. */
    q[a_at + 14] = 3;
    ck_assert_int_eq(load_bytes(q, a_at + sizeof a_v1, &e), -EINVAL);
    ck_assert_ptr_nonnull(strstr(e.msg, "section a instance 0: unsupported version 3"));
    /* a twice. */
    err_clear(&e);
    memcpy(q, world_head, sizeof world_head);
    memcpy(q + sizeof world_head - 1, world_head + a_at, 25);
    q[sizeof world_head - 1 + 25] = 0;
    ck_assert_int_eq(load_bytes(q, sizeof world_head + 25, &e), -EINVAL);
    ck_assert_ptr_nonnull(strstr(e.msg, "section a instance 0 appears twice"));
    /* Trailing bytes after EOF that are not a vmdesc. */
    err_clear(&e);
    memcpy(q, world_head, sizeof world_head);
    q[sizeof world_head] = 0x42;
    ck_assert_int_eq(load_bytes(q, sizeof world_head + 1, &e), -EINVAL);
    ck_assert_ptr_nonnull(strstr(e.msg, "data after EOF"));
    /* vmdesc lengths of 2^31 and 2^32-1, and a short one. */
    static const uint32_t lens[] = { 0x80000000u, 0xffffffffu, 3 };
    for (size_t i = 0; i < ARRAY_SIZE(lens); i++) {
        err_clear(&e);
        q[sizeof world_head] = 0x06;
        put_be32(q + sizeof world_head + 1, lens[i]);
        ck_assert_int_eq(load_bytes(q, sizeof world_head + 5 + 2, &e), -EINVAL);
        ck_assert_ptr_nonnull(strstr(e.msg, "vmdesc"));
    }
    /* A vmdesc followed by more data. */
    err_clear(&e);
    put_be32(q + sizeof world_head + 1, 1);
    q[sizeof world_head + 5] = '{';
    q[sizeof world_head + 6] = 0;
    ck_assert_int_eq(load_bytes(q, sizeof world_head + 7, &e), -EINVAL);
    ck_assert_ptr_nonnull(strstr(e.msg, "data after the vmdesc"));
    /* The stream without a vmdesc is fine. */
    ck_assert_int_eq(load_bytes(world_head, sizeof world_head, &e), 0);
}
END_TEST

START_TEST(test_sections_configuration_subsections)
{
    uint8_t q[sizeof world_head + 64];
    size_t at = 17;   /* right after the configuration record */
    memcpy(q, world_head, at);
    static const char tpb[] = "configuration/target-page-bits";
    size_t n = at;
    q[n++] = 0x05;
    q[n++] = (uint8_t)strlen(tpb);
    memcpy(q + n, tpb, strlen(tpb));
    n += strlen(tpb);
    put_be32(q + n, 1);
    put_be32(q + n + 4, 12);
    n += 8;
    memcpy(q + n, world_head + at, sizeof world_head - at);
    Err e = { 0 };
    ck_assert_msg(load_bytes(q, n + sizeof world_head - at, &e) == 0, "%s", e.msg);
    put_be32(q + n - 4, 13);
    ck_assert_int_eq(load_bytes(q, n + sizeof world_head - at, &e), -EINVAL);
    ck_assert_ptr_nonnull(strstr(e.msg, "target-page-bits: version 1 value 13"));
    q[at + 2 + 14] = 'X';   /* "configuration/Xarget-page-bits" */
    err_clear(&e);
    ck_assert_int_eq(load_bytes(q, n + sizeof world_head - at, &e), -ENOTSUP);
    ck_assert_ptr_nonnull(strstr(e.msg, "unsupported subsection 'configuration/Xarget"));
}
END_TEST

START_TEST(test_sections_every_truncation_and_byte_flip_is_handled)
{
    World w;
    world_init(&w, "test");
    size_t len;
    uint8_t *p = world_save(&w, &len);
    for (size_t n = 0; n < len; n++) {
        Err e = { 0 };
        int r = load_bytes(p, n, &e);
        if (n == sizeof world_head)
            ck_assert_msg(r == 0, "without vmdesc: %s", e.msg);   /* vmdesc is optional */
        else
            ck_assert_msg(r < 0 && e.msg[0], "truncation at %zu accepted", n);
    }
    uint8_t *q = malloc(len);
    for (size_t i = 0; i < len; i++) {
        memcpy(q, p, len);
        q[i] ^= 0xff;
        Err e = { 0 };
        int r = load_bytes(q, len, &e);
        if (i < sizeof world_head - 1 && r == 0) {
            /* Flipping a payload byte is undetectable; anything structural must fail. */
            static const size_t payload[] = { 33, 44, 55, 66, 77, 111, 132, 133, 134, 135, 136 };
            bool ok = false;
            for (size_t k = 0; k < ARRAY_SIZE(payload); k++)
                ok |= payload[k] == i;
            ck_assert_msg(ok, "flip at %zu accepted", i);
        }
        if (r < 0)
            ck_assert(e.msg[0]);
    }
    free(q);
    free(p);
    sec_list_free(w.l);
}
END_TEST

START_TEST(test_sections_iterative_records_out_of_order_fail)
{
    Err e = { 0 };
    /* A PART after the END of the same section. */
    uint8_t q[sizeof world_head + 16];
    size_t end_at = 72, full_at = 83;
    memcpy(q, world_head, full_at);
    memcpy(q + full_at, world_head + 39, 11);          /* one more PART */
    memcpy(q + full_at + 11, world_head + full_at, sizeof world_head - full_at);
    ck_assert_uint_eq(q[end_at], 0x03);
    ck_assert_int_eq(load_bytes(q, sizeof world_head + 11, &e), -EINVAL);
    ck_assert_ptr_nonnull(strstr(e.msg, "section it: PART record after its END"));
    /* A second END. */
    memcpy(q + full_at, world_head + end_at, 11);
    err_clear(&e);
    ck_assert_int_eq(load_bytes(q, sizeof world_head + 11, &e), -EINVAL);
    ck_assert_ptr_nonnull(strstr(e.msg, "END record after its END"));
    /* A second START for the same section. */
    memcpy(q + full_at, world_head + 17, 22);
    err_clear(&e);
    ck_assert_int_eq(load_bytes(q, sizeof world_head + 22, &e), -EINVAL);
    ck_assert_ptr_nonnull(strstr(e.msg, "section it instance 0 appears twice"));
    /* Negative explicit instance ids are refused at registration. */
    SecList *l = sec_list_new("m", 4096);
    Dev d = { 0 };
    err_clear(&e);
    ck_assert_int_eq(sec_register(l, "x", -5, &b_vms, &d, &e), -EINVAL);
    ck_assert_ptr_nonnull(strstr(e.msg, "bad instance id -5"));
    sec_list_free(l);
}
END_TEST

START_TEST(test_sections_two_iterative_entries_may_not_share_an_id)
{
    It a = { 0 }, b = { 0 };
    SecList *l = sec_list_new("test", 4096);
    sec_register_iter(l, "it", 0, 1, &it_ops, &a, NULL);
    sec_register_iter(l, "it2", 0, 1, &it_ops, &b, NULL);
    uint8_t q[64];
    size_t n = 0;
    memcpy(q, world_head, 39);                          /* header, config, START it (id 1) */
    n = 39;
    static const uint8_t start2[] = { 0x01, 0, 0, 0, 1, 3, 'i', 't', '2', 0, 0, 0, 0, 0, 0, 0, 1,
                                      0xa2, 0x7e, 0, 0, 0, 1 };
    memcpy(q + n, start2, sizeof start2);
    n += sizeof start2;
    q[n++] = 0;
    Stream *s = stream_open_mem(q, n);
    Err e = { 0 };
    ck_assert_int_eq(sec_load(l, s, &e), -EINVAL);
    ck_assert_ptr_nonnull(strstr(e.msg, "section it2: section id 1 already used by it"));
    stream_close(s, NULL);
    sec_list_free(l);
}
END_TEST

static Suite *sections_suite(void)
{
    Suite *s = suite_create("sections");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, test_sections_save_layout_priority_order_and_vmdesc);
    tcase_add_test(tc, test_sections_round_trip_loads_in_priority_order);
    tcase_add_test(tc, test_sections_instance_ids_auto_and_explicit);
    tcase_add_test(tc, test_sections_load_rejects_bad_streams_with_clear_errors);
    tcase_add_test(tc, test_sections_load_checks_versions_duplicates_and_the_tail);
    tcase_add_test(tc, test_sections_configuration_subsections);
    tcase_add_test(tc, test_sections_every_truncation_and_byte_flip_is_handled);
    tcase_add_test(tc, test_sections_iterative_records_out_of_order_fail);
    tcase_add_test(tc, test_sections_two_iterative_entries_may_not_share_an_id);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(sections_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
