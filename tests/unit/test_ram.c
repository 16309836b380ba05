/* test_ram.c: the 'ram' v4 section (snapshot/format/ram.c): exact bytes of the block list and page
 * records, round trips through sections.c, zero-page detection, and every loader check. */
#include <check.h>
#include <sys/mman.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unistd.h>

#include "block/block.h"
#include "block/qcow2.h"
#include "snapshot/format/ram.h"

enum { PG = RAM_PAGE_SIZE };

static uint8_t *pages(int n)
{
    uint8_t *p = aligned_alloc(PG, (size_t)n * PG);
    memset(p, 0, (size_t)n * PG);
    return p;
}

/* Saves blocks as the bodies of START, one PART and END into one buffer (no headers). */
static uint8_t *save_bodies(RamSection *rs, size_t *len)
{
    Stream *s = stream_open_membuf();
    Err e = { 0 };
    ck_assert_int_eq(ram_sec_iter.save_setup(rs, s, &e), 0);
    ck_assert_int_eq(ram_sec_iter.save_iterate(rs, s, &e), 1);
    ck_assert_int_eq(ram_sec_iter.save_complete(rs, s, &e), 0);
    const uint8_t *p = stream_membuf(s, len);
    uint8_t *c = malloc(*len);
    memcpy(c, p, *len);
    stream_close(s, NULL);
    return c;
}

/* Loads the three bodies back with the record types START, PART, END. */
static int load_bodies(RamSection *rs, const uint8_t *p, size_t len, Err *e)
{
    Stream *s = stream_open_mem(p, len);
    int r = ram_sec_iter.load(rs, s, SEC_START, 4, e);
    if (!r)
        r = ram_sec_iter.load(rs, s, SEC_PART, 4, e);
    if (!r)
        r = ram_sec_iter.load(rs, s, SEC_END, 4, e);
    uint8_t b;
    if (!r && stream_peek(s, &b, 1))
        r = ERR(e, -EINVAL, "bytes left");
    stream_close(s, NULL);
    return r;
}

START_TEST(test_ram_save_writes_qemus_records)
{
    uint8_t *a = pages(3), *b = pages(1);
    a[PG + 5] = 0x77;                  /* page 1 of "a" is data, 0 and 2 are zero */
    memset(b, 0xab, PG);
    RamSectionBlock blocks[] = { { "a", a, 3 * PG, 0 }, { "bb", b, PG, 0 } };
    RamSection *rs = ram_section_new(blocks, 2);
    size_t len;
    uint8_t *p = save_bodies(rs, &len);
    static const uint8_t start[] = {
        0, 0, 0, 0, 0, 0, 0x40, 0x04,              /* total 0x4000 | MEM_SIZE */
        1, 'a', 0, 0, 0, 0, 0, 0, 0x30, 0x00,      /* "a", 0x3000 */
        2, 'b', 'b', 0, 0, 0, 0, 0, 0, 0x10, 0x00, /* "bb", 0x1000 */
        0, 0, 0, 0, 0, 0, 0, 0x10,                 /* EOS */
        0, 0, 0, 0, 0, 0, 0, 0x02, 1, 'a', 0,      /* a+0: ZERO, name, fill 0 */
        0, 0, 0, 0, 0, 0, 0x10, 0x28,              /* a+0x1000: PAGE|CONTINUE */
    };
    ck_assert_mem_eq(p, start, sizeof start);
    size_t at = sizeof start;
    ck_assert_mem_eq(p + at, a + PG, PG);
    at += PG;
    static const uint8_t rest[] = {
        0, 0, 0, 0, 0, 0, 0x20, 0x22, 0,            /* a+0x2000: ZERO|CONTINUE, fill */
        0, 0, 0, 0, 0, 0, 0, 0x08, 2, 'b', 'b',     /* bb+0: PAGE, name */
    };
    ck_assert_mem_eq(p + at, rest, sizeof rest);
    at += sizeof rest + PG;
    static const uint8_t tail[] = { 0, 0, 0, 0, 0, 0, 0, 0x10, 0, 0, 0, 0, 0, 0, 0, 0x10 };
    ck_assert_uint_eq(len, at + sizeof tail);
    ck_assert_mem_eq(p + at, tail, sizeof tail);

    uint8_t *a2 = pages(3), *b2 = pages(1);
    memset(a2, 0x5a, 3 * PG);          /* zero pages must be cleared on load */
    RamSectionBlock blocks2[] = { { "a", a2, 3 * PG, 0 }, { "bb", b2, PG, 0 } };
    RamSection *rs2 = ram_section_new(blocks2, 2);
    Err e = { 0 };
    ck_assert_msg(load_bodies(rs2, p, len, &e) == 0, "%s", e.msg);
    ck_assert_mem_eq(a2, a, 3 * PG);
    ck_assert_mem_eq(b2, b, PG);
    ck_assert_uint_eq(ram_section_pages_loaded(rs2, 0), 3);
    ck_assert_uint_eq(ram_section_pages_loaded(rs2, 1), 1);
    ram_section_free(rs);
    ram_section_free(rs2);
    free(p);
    free(a); free(b); free(a2); free(b2);
}
END_TEST

START_TEST(test_ram_zero_detection_sees_every_byte)
{
    uint8_t *p = pages(1);
    ck_assert(ram_page_is_zero(p));
    for (int i = 0; i < PG; i++) {
        p[i] = 1;
        ck_assert_msg(!ram_page_is_zero(p), "byte %d missed", i);
        p[i] = 0;
    }
    free(p);
}
END_TEST

/* A block of 4500 pages (large enough for the scan-ahead thread, ram.c) whose pages are zero,
 * data with one non-zero byte anywhere in the page, or all data: every record is ZERO or PAGE
 * as the page is, in order, CONTINUE after the first, and the bytes load back. Layout 0 mixes
 * data and zero runs longer than a scan chunk; in layout 1 all but a few pages are zero, so
 * the writer (one byte per record) reaches chunks the scanner has not (it must wait or scan
 * them itself). Each layout runs several times: the threads split the chunks differently. */
static bool scan_page_is_data(int layout, int k)
{
    if (layout == 1)
        return k == 0 || k == 2222 || k == 4499;
    return !(k >= 600 && k < 1500) && !(k >= 4000 && k < 4400) && k % 3 != 0;
}

START_TEST(test_ram_scan_ahead_block_saves_every_page_as_it_is)
{
    enum { N = 4500, HEAD = 8 + 2 + 8 + 8 };   /* MEM_SIZE, "a", size, EOS */
    int layout = _i / 4;
    uint8_t *a = pages(N);
    for (int k = 0; k < N; k++)
        if (scan_page_is_data(layout, k)) {
            if (k % 2)
                a[(size_t)k * PG + (size_t)(k * 37) % PG] = (uint8_t)(k | 1);
            else
                memset(a + (size_t)k * PG, k | 1, PG);
        }
    {
        RamSectionBlock blocks[] = { { "a", a, (uint64_t)N * PG, 0 } };
        RamSection *rs = ram_section_new(blocks, 1);
        size_t len;
        uint8_t *p = save_bodies(rs, &len);
        size_t at = HEAD;
        for (int k = 0; k < N; k++) {
            bool data = scan_page_is_data(layout, k);
            uint64_t want = (uint64_t)k * PG | (data ? RAM_FLAG_PAGE : RAM_FLAG_ZERO) |
                            (k ? RAM_FLAG_CONTINUE : 0);
            ck_assert_uint_le(at + 8, len);
            ck_assert_msg(be64(p + at) == want, "page %d: record %#llx, want %#llx", k,
                          (unsigned long long)be64(p + at), (unsigned long long)want);
            at += 8 + (k ? 0 : 2);
            if (data) {
                ck_assert_mem_eq(p + at, a + (size_t)k * PG, PG);
                at += PG;
            } else {
                ck_assert_int_eq(p[at++], 0);
            }
        }
        ck_assert_uint_eq(len, at + 16);   /* the PART's EOS and END's EOS */
        uint8_t *b = pages(N);
        RamSectionBlock back[] = { { "a", b, (uint64_t)N * PG, 0 } };
        RamSection *rb = ram_section_new(back, 1);
        Err e = { 0 };
        ck_assert_int_eq(load_bodies(rb, p, len, &e), 0);
        ck_assert_mem_eq(a, b, (size_t)N * PG);
        ram_section_free(rb);
        ram_section_free(rs);
        free(b);
        free(p);
    }
    free(a);
}
END_TEST

/* A stream of bodies for one block "m" of 2 pages, built by hand. */
typedef struct Buf { uint8_t b[3 * PG]; size_t n; } Buf;
static void w64(Buf *b, uint64_t v) { put_be64(b->b + b->n, v); b->n += 8; }
static void wstr(Buf *b, const char *s) { b->b[b->n++] = (uint8_t)strlen(s); memcpy(b->b + b->n, s, strlen(s)); b->n += strlen(s); }
static void w8(Buf *b, uint8_t v) { b->b[b->n++] = v; }
static void start_m(Buf *b)
{
    b->n = 0;
    w64(b, 2 * PG | RAM_FLAG_MEM_SIZE);
    wstr(b, "m");
    w64(b, 2 * PG);
    w64(b, RAM_FLAG_EOS);
}

static int load_m(Buf *b, Err *e)
{
    uint8_t *m = pages(2);
    RamSectionBlock blk = { "m", m, 2 * PG, 0 };
    RamSection *rs = ram_section_new(&blk, 1);
    int r = load_bodies(rs, b->b, b->n, e);
    ram_section_free(rs);
    free(m);
    return r;
}

/* A resizable block (QEMU's /rom@etc/... blobs) takes the stream's used size up to its
 * maximum: a source of 3 pages loads into a target using 1 of 4, whose used size becomes
 * 3 and whose pages equal the source's; a 5-page source (above the maximum of 4), a
 * partial page and a fixed block of another size are refused, naming the block. */
START_TEST(test_ram_resizable_block_takes_the_streams_size_up_to_its_maximum)
{
    uint8_t *src = pages(5), *dst = pages(4);
    for (int i = 0; i < 5 * PG; i++)
        src[i] = (uint8_t)(i / PG + 1);
    for (uint64_t used = 1; used <= 5; used++) {
        RamSectionBlock sb = { "/rom@etc/acpi/tables", src, used * PG, 0 };
        RamSection *rs = ram_section_new(&sb, 1);
        size_t len;
        uint8_t *p = save_bodies(rs, &len);
        memset(dst, 0, 4 * PG);
        RamSectionBlock db = { "/rom@etc/acpi/tables", dst, PG, 4 * PG };
        RamSection *rd = ram_section_new(&db, 1);
        Err e = { 0 };
        int r = load_bodies(rd, p, len, &e);
        if (used <= 4) {
            ck_assert_msg(r == 0, "%s", e.msg);
            ck_assert_uint_eq(ram_section_block_size(rd, "/rom@etc/acpi/tables"), used * PG);
            ck_assert_mem_eq(dst, src, used * PG);
        } else {
            ck_assert_int_eq(r, -EINVAL);
            ck_assert_msg(strstr(e.msg, "/rom@etc/acpi/tables: 0x5000 in the stream, a "
                                 "resizable block of whole pages up to 0x4000") != NULL, "%s", e.msg);
        }
        ram_section_free(rs);
        ram_section_free(rd);
        free(p);
    }
    /* the same 2-page stream into a fixed block of 1 page: refused as before */
    RamSectionBlock sb = { "x", src, 2 * PG, 0 }, fb = { "x", dst, PG, 0 };
    RamSection *rs = ram_section_new(&sb, 1), *rf = ram_section_new(&fb, 1);
    size_t len;
    uint8_t *p = save_bodies(rs, &len);
    Err e = { 0 };
    ck_assert_int_eq(load_bodies(rf, p, len, &e), -EINVAL);
    ck_assert_ptr_nonnull(strstr(e.msg, "size mismatch: x: 0x2000 in the stream, 0x1000 here"));
    /* a used size that is not whole pages: patch the MEM_SIZE record's block length */
    RamSectionBlock rb = { "x", dst, PG, 4 * PG };
    RamSection *rr = ram_section_new(&rb, 1);
    put_be64(p, (3 * PG) | RAM_FLAG_MEM_SIZE);      /* the total keeps its flag bits clear */
    put_be64(p + 8 + 2, 2 * PG + 8);
    e = (Err){ 0 };
    ck_assert_int_eq(load_bodies(rr, p, len, &e), -EINVAL);
    ck_assert_ptr_nonnull(strstr(e.msg, "resizable block of whole pages"));
    ck_assert_uint_eq(ram_section_block_size(rr, "x"), PG);
    ram_section_free(rs);
    ram_section_free(rf);
    ram_section_free(rr);
    free(p);
    free(src);
    free(dst);
}
END_TEST

/* ram_section_resize_block (the ACPI blobs built again): a resizable block takes any whole
 * number of pages up to its maximum, and a save then writes that used size; a fixed block,
 * 0, a partial page, more than the maximum or an unknown name change nothing. */
START_TEST(test_ram_resize_block_sets_a_resizable_blocks_used_size_only)
{
    uint8_t *a = pages(4), *b = pages(1);
    RamSectionBlock bl[2] = { { "r", a, PG, 4 * PG }, { "f", b, PG, 0 } };
    RamSection *rs = ram_section_new(bl, 2);
    ck_assert(ram_section_resize_block(rs, "r", 3 * PG));
    ck_assert_uint_eq(ram_section_block_size(rs, "r"), 3 * PG);
    ck_assert(!ram_section_resize_block(rs, "r", 5 * PG));
    ck_assert(!ram_section_resize_block(rs, "r", 0));
    ck_assert(!ram_section_resize_block(rs, "r", PG + 8));
    ck_assert(!ram_section_resize_block(rs, "f", 2 * PG));
    ck_assert(!ram_section_resize_block(rs, "nope", PG));
    ck_assert_uint_eq(ram_section_block_size(rs, "r"), 3 * PG);
    ck_assert_uint_eq(ram_section_block_size(rs, "f"), PG);
    size_t len;
    uint8_t *p = save_bodies(rs, &len);
    ck_assert_uint_eq(be64(p) & ~(uint64_t)(PG - 1), 4 * PG);   /* MEM_SIZE: 3 + 1 pages */
    ram_section_free(rs);
    free(p);
    free(a);
    free(b);
}
END_TEST

START_TEST(test_ram_load_rejects_bad_records)
{
    static Buf b;
    Err e;
    memset(&b, 0, sizeof b);
    /* Baseline: a PART with ZERO fill 0x90 then PAGE|CONTINUE, END with EOS. */
    start_m(&b);
    w64(&b, RAM_FLAG_ZERO); wstr(&b, "m"); w8(&b, 0x90);
    w64(&b, PG | RAM_FLAG_PAGE | RAM_FLAG_CONTINUE); b.n += PG;
    w64(&b, RAM_FLAG_EOS);
    w64(&b, RAM_FLAG_EOS);
    err_clear(&e);
    ck_assert_msg(load_m(&b, &e) == 0, "%s", e.msg);

    static const struct { uint64_t word; const char *msg; } bad[] = {
        { RAM_FLAG_FULL, "unknown combination of flags 0x1" },
        { RAM_FLAG_XBZRLE, "unknown combination of flags 0x40" },
        { RAM_FLAG_HOOK, "flags 0x80" },
        { RAM_FLAG_COMPRESS_PAGE, "flags 0x100" },
        { 0x200, "flags 0x200" },
        { 0x800 | RAM_FLAG_PAGE, "flags 0x808" },
        { RAM_FLAG_ZERO | RAM_FLAG_PAGE, "flags 0xa" },
        { RAM_FLAG_MEM_SIZE | 0x1000, "block list outside the START record" },
        { RAM_FLAG_PAGE | RAM_FLAG_CONTINUE, "CONTINUE page record with no current block" },
        { 0x1000 | RAM_FLAG_EOS, "EOS record with address bits" },
        { 0, "flags 0" },
    };
    for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
        start_m(&b);
        w64(&b, bad[i].word);
        b.n += 16;
        err_clear(&e);
        ck_assert_msg(load_m(&b, &e) < 0 && strstr(e.msg, bad[i].msg), "case %zu: %s", i, e.msg);
    }
    /* Page outside the block, unknown block. */
    start_m(&b);
    w64(&b, 2 * PG | RAM_FLAG_ZERO); wstr(&b, "m"); w8(&b, 0);
    err_clear(&e);
    ck_assert(load_m(&b, &e) < 0 && strstr(e.msg, "page offset 0x2000 outside block m"));
    start_m(&b);
    w64(&b, RAM_FLAG_ZERO); wstr(&b, "n"); w8(&b, 0);
    err_clear(&e);
    ck_assert(load_m(&b, &e) < 0 && strstr(e.msg, "unknown RAM block \"n\""));
    /* Block list: size mismatch, unknown, twice, lengths over the total. */
    static const struct { uint64_t total; const char *name; uint64_t len; const char *msg; } lists[] = {
        { 4 * PG, "m", 4 * PG, "size mismatch: m: 0x4000 in the stream, 0x2000 here" },
        { 2 * PG, "foo.ram", 2 * PG, "unknown RAM block \"foo.ram\"" },
        { PG, "m", 2 * PG, "block lengths exceed the announced total" },
        { 4 * PG, "m", 2 * PG, "block \"m\" listed twice" },
    };
    for (size_t i = 0; i < ARRAY_SIZE(lists); i++) {
        b.n = 0;
        w64(&b, lists[i].total | RAM_FLAG_MEM_SIZE);
        wstr(&b, lists[i].name);
        w64(&b, lists[i].len);
        wstr(&b, lists[i].name);
        w64(&b, lists[i].len);
        w64(&b, RAM_FLAG_EOS);
        err_clear(&e);
        ck_assert_msg(load_m(&b, &e) < 0 && strstr(e.msg, lists[i].msg), "list %zu: %s", i, e.msg);
    }
    /* Version other than 4. */
    uint8_t *m = pages(2);
    RamSectionBlock blk = { "m", m, 2 * PG, 0 };
    RamSection *rs = ram_section_new(&blk, 1);
    start_m(&b);
    Stream *s = stream_open_mem(b.b, b.n);
    err_clear(&e);
    ck_assert_int_eq(ram_sec_iter.load(rs, s, SEC_START, 3, &e), -EINVAL);
    ck_assert_ptr_nonnull(strstr(e.msg, "version 3"));
    stream_close(s, NULL);
    ram_section_free(rs);
    free(m);
}
END_TEST

START_TEST(test_ram_truncation_anywhere_fails)
{
    uint8_t *a = pages(2);
    a[PG] = 1;
    RamSectionBlock blk = { "a", a, 2 * PG, 0 };
    RamSection *rs = ram_section_new(&blk, 1);
    size_t len;
    uint8_t *p = save_bodies(rs, &len);
    for (size_t n = 0; n < len; n += (n < 64 || n > len - 64) ? 1 : 97) {
        uint8_t *t = pages(2);
        RamSectionBlock tb = { "a", t, 2 * PG, 0 };
        RamSection *trs = ram_section_new(&tb, 1);
        Err e = { 0 };
        ck_assert_msg(load_bodies(trs, p, n, &e) < 0, "truncation at %zu accepted", n);
        ram_section_free(trs);
        free(t);
    }
    ram_section_free(rs);
    free(p);
    free(a);
}
END_TEST

START_TEST(test_ram_section_round_trip_through_sections_with_continue_across_parts)
{
    uint8_t *a = pages(4);
    for (int i = 0; i < 4 * PG; i += 3)
        a[i] = (uint8_t)(i * 13);
    memset(a + 2 * PG, 0, PG);
    RamSectionBlock blk = { "pc.ram", a, 4 * PG, 0 };
    RamSection *rs = ram_section_new(&blk, 1);
    SecList *l = sec_list_new("pc-i440fx-7.2", 4096);
    ck_assert_int_eq(sec_register_iter(l, "ram", 0, 4, &ram_sec_iter, rs, NULL), 0);
    Stream *s = stream_open_membuf();
    Err e = { 0 };
    ck_assert_int_eq(sec_save(l, s, &e), 0);
    size_t len;
    const uint8_t *p = stream_membuf(s, &len);
    uint8_t *t = pages(4);
    RamSectionBlock tb = { "pc.ram", t, 4 * PG, 0 };
    RamSection *trs = ram_section_new(&tb, 1);
    SecList *tl = sec_list_new("pc-i440fx-7.2", 4096);
    sec_register_iter(tl, "ram", 0, 4, &ram_sec_iter, trs, NULL);
    Stream *r = stream_open_mem(p, len);
    ck_assert_msg(sec_load(tl, r, &e) == 0, "%s", e.msg);
    ck_assert_mem_eq(t, a, 4 * PG);
    stream_close(r, NULL);
    stream_close(s, NULL);
    /* A second PART whose first record is CONTINUE refers to the last block of the first. */
    static Buf b;
    start_m(&b);
    w64(&b, RAM_FLAG_ZERO); wstr(&b, "m"); w8(&b, 7);
    w64(&b, RAM_FLAG_EOS);
    w64(&b, PG | RAM_FLAG_ZERO | RAM_FLAG_CONTINUE); w8(&b, 9);
    w64(&b, RAM_FLAG_EOS);
    ck_assert_msg(load_m(&b, &e) == 0, "%s", e.msg);
    sec_list_free(l);
    sec_list_free(tl);
    ram_section_free(rs);
    ram_section_free(trs);
    free(a);
    free(t);
}
END_TEST

START_TEST(test_ram_assume_zero_still_clears_pages_the_stream_wrote)
{
    static Buf b;
    memset(&b, 0, sizeof b);
    start_m(&b);
    w64(&b, RAM_FLAG_PAGE); wstr(&b, "m");
    memset(b.b + b.n, 0xcc, PG); b.n += PG;                 /* page 0: data */
    w64(&b, RAM_FLAG_ZERO | RAM_FLAG_CONTINUE); w8(&b, 0);  /* page 0 again: zero */
    w64(&b, PG | RAM_FLAG_ZERO | RAM_FLAG_CONTINUE); w8(&b, 0);  /* page 1: untouched, zero */
    w64(&b, RAM_FLAG_EOS);
    w64(&b, RAM_FLAG_EOS);
    uint8_t *m = pages(2);
    RamSectionBlock blk = { "m", m, 2 * PG, 0 };
    RamSection *rs = ram_section_new(&blk, 1);
    ram_section_assume_zero(rs);
    Err e = { 0 };
    ck_assert_msg(load_bodies(rs, b.b, b.n, &e) == 0, "%s", e.msg);
    ck_assert(ram_page_is_zero(m));
    ck_assert(ram_page_is_zero(m + PG));
    ck_assert_uint_eq(ram_section_pages_loaded(rs, 0), 3);
    ram_section_free(rs);
    free(m);
}
END_TEST

START_TEST(test_ram_assume_zero_block_skips_only_that_block)
{
    static Buf b;
    memset(&b, 0, sizeof b);
    w64(&b, 2 * PG | RAM_FLAG_MEM_SIZE);
    wstr(&b, "m"); w64(&b, PG);
    wstr(&b, "n"); w64(&b, PG);
    w64(&b, RAM_FLAG_EOS);
    w64(&b, RAM_FLAG_ZERO); wstr(&b, "m"); w8(&b, 0);       /* m page 0: zero */
    w64(&b, RAM_FLAG_ZERO); wstr(&b, "n"); w8(&b, 0);       /* n page 0: zero */
    w64(&b, RAM_FLAG_EOS);
    w64(&b, RAM_FLAG_EOS);
    uint8_t *m = pages(1), *n = pages(1);
    RamSectionBlock blk[2] = { { "m", m, PG, 0 }, { "n", n, PG, 0 } };
    RamSection *rs = ram_section_new(blk, 2);
    ck_assert(ram_section_assume_zero_block(rs, "m"));
    ck_assert(!ram_section_assume_zero_block(rs, "x"));
    /* n is not declared zero: its firmware-like bytes must be cleared by the ZERO record.
     * m is declared zero (and is): skipped, still zero. */
    memset(n, 0x5a, PG);
    Err e = { 0 };
    ck_assert_msg(load_bodies(rs, b.b, b.n, &e) == 0, "%s", e.msg);
    ck_assert(ram_page_is_zero(m));
    ck_assert(ram_page_is_zero(n));
    ram_section_free(rs);
    free(m);
    free(n);
}
END_TEST

START_TEST(test_ram_stale_block_ends_equal_to_a_load_into_zeroed_memory)
{
    /* page 0: data, page 1: ZERO, page 2: not in the stream, page 3: data */
    static Buf b;
    memset(&b, 0, sizeof b);
    w64(&b, 4 * PG | RAM_FLAG_MEM_SIZE); wstr(&b, "m"); w64(&b, 4 * PG);
    w64(&b, RAM_FLAG_EOS);
    w64(&b, RAM_FLAG_PAGE); wstr(&b, "m");
    memset(b.b + b.n, 0xcc, PG); b.n += PG;
    w64(&b, PG | RAM_FLAG_ZERO | RAM_FLAG_CONTINUE); w8(&b, 0);
    w64(&b, 3 * PG | RAM_FLAG_PAGE | RAM_FLAG_CONTINUE);
    memset(b.b + b.n, 0x11, PG); b.n += PG;
    w64(&b, RAM_FLAG_EOS);
    w64(&b, RAM_FLAG_EOS);
    uint8_t *m = pages(4);
    memset(m, 0xa5, 4 * PG);                               /* stale bytes everywhere */
    RamSectionBlock blk = { "m", m, 4 * PG, 0 };
    RamSection *rs = ram_section_new(&blk, 1);
    ck_assert(ram_section_stale_block(rs, "m"));
    ck_assert(!ram_section_stale_block(rs, "x"));
    Err e = { 0 };
    ck_assert_msg(load_bodies(rs, b.b, b.n, &e) == 0, "%s", e.msg);
    ck_assert(ram_page_is_zero(m + PG));                   /* ZERO written over stale bytes */
    ck_assert_uint_eq(m[2 * PG], 0xa5);                    /* not cleared before the end */
    ram_section_clear_unwritten(rs);
    for (int i = 0; i < PG; i++) {
        ck_assert_uint_eq(m[i], 0xcc);
        ck_assert_uint_eq(m[3 * PG + i], 0x11);
    }
    ck_assert(ram_page_is_zero(m + PG));
    ck_assert(ram_page_is_zero(m + 2 * PG));               /* unmentioned: cleared */
    ram_section_free(rs);
    free(m);
}
END_TEST

/* Page p, version v of the direct-load stream: never all zero. */
static void pattern(uint8_t *d, int p, int v)
{
    for (int i = 0; i < PG; i++)
        d[i] = (uint8_t)(p * 31 + v * 7 + i) | 1;
}

static void put_page(Stream *s, int p, uint32_t flags, int v)
{
    static uint8_t d[PG];
    stream_put_be64(s, (uint64_t)p * PG | flags);
    if (!(flags & RAM_FLAG_CONTINUE))
        stream_put_str8(s, "m");
    if (flags & RAM_FLAG_ZERO) {
        stream_put_u8(s, (uint8_t)v);
        return;
    }
    pattern(d, p, v);
    stream_put_buf(s, d, PG);
}

/* START, PART, END bodies for a 600-page block "m": runs of consecutive PAGE records that
 * a direct load guesses (and guesses wrong at a ZERO record, a rewritten page, a jump, a
 * fill byte, the end). */
static uint8_t *direct_stream(size_t *len)
{
    Stream *s = stream_open_membuf();
    stream_put_be64(s, 600 * PG | RAM_FLAG_MEM_SIZE);
    stream_put_str8(s, "m");
    stream_put_be64(s, 600 * PG);
    stream_put_be64(s, RAM_FLAG_EOS);
    put_page(s, 0, RAM_FLAG_PAGE, 0);
    for (int p = 1; p < 300; p++)
        put_page(s, p, RAM_FLAG_PAGE | RAM_FLAG_CONTINUE, 0);
    put_page(s, 300, RAM_FLAG_ZERO | RAM_FLAG_CONTINUE, 0);
    for (int p = 301; p <= 310; p++)
        put_page(s, p, RAM_FLAG_PAGE | RAM_FLAG_CONTINUE, 0);
    put_page(s, 305, RAM_FLAG_PAGE | RAM_FLAG_CONTINUE, 1);   /* again, other bytes */
    for (int p = 311; p <= 320; p++)
        put_page(s, p, RAM_FLAG_PAGE | RAM_FLAG_CONTINUE, 0);
    put_page(s, 321, RAM_FLAG_ZERO | RAM_FLAG_CONTINUE, 0x42);
    for (int p = 400; p < 600; p++)
        put_page(s, p, RAM_FLAG_PAGE | RAM_FLAG_CONTINUE, 0);
    put_page(s, 450, RAM_FLAG_ZERO, 0);                       /* named block again */
    stream_put_be64(s, RAM_FLAG_EOS);
    stream_put_be64(s, RAM_FLAG_EOS);
    const uint8_t *p = stream_membuf(s, len);
    uint8_t *c = malloc(*len);
    memcpy(c, p, *len);
    stream_close(s, NULL);
    return c;
}

/* load_bodies, reading the bytes from a qcow2 snapshot's VM state (which allows direct
 * loads) instead of memory. */
static int load_bodies_qcow2(RamSection *rs, const uint8_t *p, size_t len, Err *e)
{
    char path[] = "/tmp/pcemu-test-ram-XXXXXX";
    int fd = mkstemp(path);
    ck_assert_int_ge(fd, 0);
    close(fd);
    Qcow2CreateOpts co = { .size = 1 << 20 };
    ck_assert_msg(qcow2_create(path, &co, e) == 0, "%s", e->msg);
    BlockDev *b;
    ck_assert_msg(blk_open(path, "qcow2", false, &b, e) == 0, "%s", e->msg);
    BlkVmWriter *w;
    ck_assert_int_eq(blk_vmstate_begin(b, &w, e), 0);
    ck_assert_int_eq(blk_vmstate_write(w, 0, p, len, e), 0);
    BlkSnapNew sn = { .name = "s", .icount = UINT64_MAX };
    ck_assert_msg(blk_snapshot_create(b, &sn, w, e) == 0, "%s", e->msg);
    Stream *s = stream_open_vmstate_read(b, blk_snapshot_find(b, "s", e));
    ck_assert(stream_direct_ok(s));
    int r = ram_sec_iter.load(rs, s, SEC_START, 4, e);
    if (!r)
        r = ram_sec_iter.load(rs, s, SEC_PART, 4, e);
    if (!r)
        r = ram_sec_iter.load(rs, s, SEC_END, 4, e);
    uint8_t c;
    if (!r && stream_peek(s, &c, 1))
        r = ERR(e, -EINVAL, "bytes left");
    stream_close(s, NULL);
    blk_close(b, NULL);
    unlink(path);
    return r;
}

START_TEST(test_ram_direct_load_equals_the_buffered_one_and_fails_cleanly_when_cut)
{
    size_t len;
    uint8_t *bytes = direct_stream(&len);
    uint8_t *a = pages(600), *b = pages(600);
    RamSectionBlock ba = { "m", a, 600 * PG, 0 }, bb = { "m", b, 600 * PG, 0 };
    RamSection *ra = ram_section_new(&ba, 1), *rb = ram_section_new(&bb, 1);
    ram_section_assume_zero(ra);
    ram_section_assume_zero(rb);
    Err e = { 0 };
    ck_assert_msg(load_bodies(ra, bytes, len, &e) == 0, "%s", e.msg);
    ck_assert_msg(load_bodies_qcow2(rb, bytes, len, &e) == 0, "%s", e.msg);
    ck_assert_msg(memcmp(a, b, 600 * PG) == 0, "direct load differs");
    ck_assert_uint_eq(ram_section_pages_loaded(rb, 0), ram_section_pages_loaded(ra, 0));
    ck_assert_uint_eq(a[305 * PG], (uint8_t)(305 * 31 + 7) | 1);
    ck_assert_uint_eq(a[321 * PG + 9], 0x42);
    ck_assert(ram_page_is_zero(a + 350 * PG));
    ram_section_free(rb);
    /* cut inside the last run (in a header, in a payload) and just before EOS */
    size_t cuts[] = { len - 17 - 40 * (PG + 8) - 3, len - 17 - 9 * (PG + 8) - 100, len - 17 };
    for (size_t k = 0; k < sizeof cuts / sizeof cuts[0]; k++) {
        memset(b, 0, 600 * PG);
        rb = ram_section_new(&bb, 1);
        ram_section_assume_zero(rb);
        ck_assert_msg(load_bodies_qcow2(rb, bytes, cuts[k], &e) < 0, "cut %zu loaded", cuts[k]);
        ram_section_free(rb);
    }
    ram_section_free(ra);
    free(a);
    free(b);
    free(bytes);
}
END_TEST

/* Runs of ZERO records, on random streams (seed _i): 1024 pages of a block "m" as ZERO fill 0
 * records, with a few random records changed: a fill byte, a PAGE record, a page repeated
 * or skipped, and in odd seeds one record with an unknown flag. The checked 64-record
 * groups of zero_run (ram.c) must end as the record-by-record rules: loaded into a zeroed
 * assume-zero block, into a stale block (then cleared where unwritten), and into a default
 * block full of other bytes (kept where no record is), the pages equal a model of the
 * records; with a bad record every load fails. */
START_TEST(test_ram_zero_runs_equal_the_records_on_random_streams)
{
    enum { N = 1024 };
    uint64_t x = 0x9e3779b97f4a7c15ull * (uint64_t)(_i + 1);
    static uint8_t model[N * PG];
    bool seen[N] = { false };                            /* the stream has a record for it */
    memset(model, 0, sizeof model);
    Stream *s = stream_open_membuf();
    stream_put_be64(s, (uint64_t)N * PG | RAM_FLAG_MEM_SIZE);
    stream_put_str8(s, "m");
    stream_put_be64(s, (uint64_t)N * PG);
    stream_put_be64(s, RAM_FLAG_EOS);
    bool bad = false;
    for (int p = 0; p < N; p++) {
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;
        int q = p, kind = (int)(x % 97), v = (int)(x >> 32 & 0xff) | 1;
        uint32_t fl = RAM_FLAG_ZERO | (p ? RAM_FLAG_CONTINUE : 0);
        if (kind == 0)
            fl = RAM_FLAG_PAGE | (p ? RAM_FLAG_CONTINUE : 0);
        else if (kind == 1 && p > 0)
            q = p - 1;                                   /* the previous page again */
        else if (kind == 2 && p + 1 < N)
            q = p + 1;                                   /* one ahead; p is left as it is */
        else if (kind == 3 && _i % 2 && !bad)
            bad = true;
        if (kind != 0 && kind != 4)
            v = 0;
        if (bad && kind == 3) {
            stream_put_be64(s, (uint64_t)q * PG | 0x23);
            stream_put_u8(s, 0);
            continue;
        }
        put_page(s, q, fl, v);
        seen[q] = true;
        if (fl & RAM_FLAG_PAGE)
            pattern(model + (size_t)q * PG, q, v);
        else
            memset(model + (size_t)q * PG, v, PG);
    }
    stream_put_be64(s, RAM_FLAG_EOS);
    stream_put_be64(s, RAM_FLAG_EOS);
    size_t len;
    const uint8_t *body = stream_membuf(s, &len);
    for (int mode = 0; mode < 3; mode++) {
        uint8_t *m = pages(N);
        if (mode)
            memset(m, 0xa5, (size_t)N * PG);
        RamSectionBlock blk = { "m", m, N * PG, 0 };
        RamSection *rs = ram_section_new(&blk, 1);
        if (mode == 0)
            ck_assert(ram_section_assume_zero_block(rs, "m"));
        else if (mode == 1)
            ck_assert(ram_section_stale_block(rs, "m"));
        Err e = { 0 };
        int r = load_bodies(rs, body, len, &e);
        if (bad) {
            ck_assert_msg(r < 0, "seed %d mode %d: a bad record loaded", _i, mode);
            ck_assert_msg(strstr(e.msg, "flags 0x23"), "%s", e.msg);
        } else {
            ck_assert_msg(r == 0, "seed %d mode %d: %s", _i, mode, e.msg);
            if (mode == 1)
                ram_section_clear_unwritten(rs);
            for (int p = 0; p < N; p++) {
                if (mode == 2 && !seen[p])                 /* a default load leaves it */
                    memset(model + (size_t)p * PG, 0xa5, PG);
                ck_assert_msg(!memcmp(m + (size_t)p * PG, model + (size_t)p * PG, PG),
                              "seed %d mode %d: page %d differs", _i, mode, p);
            }
        }
        ram_section_free(rs);
        free(m);
    }
    stream_close(s, NULL);
}
END_TEST

/* A load into an anonymous block (ram_section_anon_block) does not read the pages that the
 * process never touched for their ZERO records (reading faults them in), and still clears
 * every page that has bytes: the block is not page-aligned (as malloc'd blocks are), so a
 * byte in the tail of a block page lies in the next process page. */
START_TEST(test_ram_load_skips_untouched_pages_of_an_anon_block_only)
{
    enum { N = 8 };
    uint8_t *raw = mmap(NULL, (N + 1) * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
                        -1, 0);
    ck_assert(raw != MAP_FAILED);
    uint8_t *m = raw + 16;
    m[3 * PG - 1] = 0x77;                  /* block page 2's tail: process page 3 */
    m[5 * PG] = 0x55;                      /* block page 5's head: process page 5 */
    static Buf b;
    memset(&b, 0, sizeof b);
    w64(&b, N * PG | RAM_FLAG_MEM_SIZE); wstr(&b, "m"); w64(&b, N * PG);
    w64(&b, RAM_FLAG_EOS);
    w64(&b, 7 * PG | RAM_FLAG_PAGE); wstr(&b, "m");       /* page 7: data, then zero again */
    memset(b.b + b.n, 0xcc, PG); b.n += PG;
    for (int p = 1; p < N; p++) {
        w64(&b, (uint64_t)p * PG | RAM_FLAG_ZERO | RAM_FLAG_CONTINUE); w8(&b, 0);
    }
    w64(&b, RAM_FLAG_EOS);
    w64(&b, RAM_FLAG_EOS);
    RamSectionBlock blk = { "m", m, N * PG, 0 };
    RamSection *rs = ram_section_new(&blk, 1);
    ck_assert(ram_section_anon_block(rs, "m"));
    Err e = { 0 };
    ck_assert_msg(load_bodies(rs, b.b, b.n, &e) == 0, "%s", e.msg);
    unsigned char in[N + 1];
    ck_assert_int_eq(mincore(raw, (N + 1) * PG, in), 0);
    /* block page 1 (process pages 1 and 2) was skipped; page 2 (2 and 3) was read */
    ck_assert_msg(!(in[1] & 1), "an untouched page was read");
    ck_assert(in[2] & 1);
    for (int p = 0; p < N; p++)
        ck_assert_msg(ram_page_is_zero(m + (size_t)p * PG), "page %d not cleared", p);
    ram_section_free(rs);
    munmap(raw, (N + 1) * PG);
}
END_TEST

static Suite *ram_suite(void)
{
    Suite *s = suite_create("ram");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, test_ram_save_writes_qemus_records);
    tcase_add_test(tc, test_ram_zero_detection_sees_every_byte);
    tcase_add_loop_test(tc, test_ram_scan_ahead_block_saves_every_page_as_it_is, 0, 8);
    tcase_add_test(tc, test_ram_load_rejects_bad_records);
    tcase_add_test(tc, test_ram_resizable_block_takes_the_streams_size_up_to_its_maximum);
    tcase_add_test(tc, test_ram_resize_block_sets_a_resizable_blocks_used_size_only);
    tcase_add_test(tc, test_ram_truncation_anywhere_fails);
    tcase_add_test(tc, test_ram_assume_zero_still_clears_pages_the_stream_wrote);
    tcase_add_test(tc, test_ram_assume_zero_block_skips_only_that_block);
    tcase_add_test(tc, test_ram_stale_block_ends_equal_to_a_load_into_zeroed_memory);
    tcase_add_test(tc, test_ram_direct_load_equals_the_buffered_one_and_fails_cleanly_when_cut);
    tcase_add_test(tc, test_ram_section_round_trip_through_sections_with_continue_across_parts);
    tcase_add_loop_test(tc, test_ram_zero_runs_equal_the_records_on_random_streams, 0, 16);
    tcase_add_test(tc, test_ram_load_skips_untouched_pages_of_an_anon_block_only);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(ram_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
