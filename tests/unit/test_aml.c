/* test_aml.c: the AML writer (firmware/aml.c) and the ACPI tables (firmware/acpi_build.c):
 *   - encodings against bytes worked out by hand from ACPI 6.4 chapter 20 and section 6.4
 *     (integers at every size boundary, NameStrings, PkgLength at its 1/2/3-byte
 *     boundaries, EisaId, ToUUID, resource descriptors, field units, methods);
 *   - random object trees (fixed seeds) written with the writer and parsed back by a small
 *     AML reader below, which must find the same tree and consume every byte;
 *   - the built tables, checksummed as the loader would, disassembled by Debian's iasl
 *     (acpica-tools) with no error or warning, for several machine configurations.
 * tests/scripts/acpi_tables_qemu.sh compares the blobs with QEMU 7.2's byte for byte. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "firmware/acpi_build.h"
#include "firmware/aml.h"

static void expect(Aml *a, const uint8_t *want, size_t n)
{
    if (a->len != n || memcmp(a->buf, want, n) != 0) {
        for (size_t i = 0; i < a->len; i++)
            fprintf(stderr, "%02x ", a->buf[i]);
        fprintf(stderr, "\n");
    }
    ck_assert_uint_eq(a->len, n);
    ck_assert_mem_eq(a->buf, want, n);
    aml_free(a);
    aml_init(a);
}
#define EXPECT(a, ...) expect(a, (const uint8_t[]){ __VA_ARGS__ }, sizeof((const uint8_t[]){ __VA_ARGS__ }))

START_TEST(test_aml_integers_take_the_shortest_encoding)
{
    Aml a;
    aml_init(&a);
    aml_int(&a, 0);           EXPECT(&a, 0x00);
    aml_int(&a, 1);           EXPECT(&a, 0x01);
    aml_int(&a, 2);           EXPECT(&a, 0x0A, 0x02);
    aml_int(&a, 0xFF);        EXPECT(&a, 0x0A, 0xFF);
    aml_int(&a, 0x100);       EXPECT(&a, 0x0B, 0x00, 0x01);
    aml_int(&a, 0xFFFF);      EXPECT(&a, 0x0B, 0xFF, 0xFF);
    aml_int(&a, 0x10000);     EXPECT(&a, 0x0C, 0x00, 0x00, 0x01, 0x00);
    aml_int(&a, 0xFFFFFFFF);  EXPECT(&a, 0x0C, 0xFF, 0xFF, 0xFF, 0xFF);
    aml_int(&a, 0x100000000); EXPECT(&a, 0x0E, 0, 0, 0, 0, 1, 0, 0, 0);
    aml_dword(&a, 1);         EXPECT(&a, 0x0C, 1, 0, 0, 0);
    aml_string(&a, "AB");     EXPECT(&a, 0x0D, 'A', 'B', 0);
    aml_eisaid(&a, "PNP0A03"); EXPECT(&a, 0x0C, 0x41, 0xD0, 0x0A, 0x03);
    aml_eisaid(&a, "PNP0C0F"); EXPECT(&a, 0x0C, 0x41, 0xD0, 0x0C, 0x0F);
    aml_free(&a);
}
END_TEST

START_TEST(test_aml_names_are_namestrings)
{
    Aml a;
    aml_init(&a);
    aml_namestring(&a, "PCI0");      EXPECT(&a, 'P', 'C', 'I', '0');
    aml_namestring(&a, "DBG");       EXPECT(&a, 'D', 'B', 'G', '_');
    aml_namestring(&a, "\\");        EXPECT(&a, 0x5C, 0x00);
    aml_namestring(&a, "\\_SB");     EXPECT(&a, 0x5C, '_', 'S', 'B', '_');
    aml_namestring(&a, "_SB.PCI0");  EXPECT(&a, 0x2E, '_', 'S', 'B', '_', 'P', 'C', 'I', '0');
    aml_namestring(&a, "\\_SB.PCI0.S08"); EXPECT(&a, 0x5C, 0x2F, 3, '_', 'S', 'B', '_', 'P',
                                                 'C', 'I', '0', 'S', '0', '8', '_');
    aml_namestring(&a, "^^X");       EXPECT(&a, 0x5E, 0x5E, 'X', '_', '_', '_');
    aml_local(&a, 7);                EXPECT(&a, 0x67);
    aml_arg(&a, 6);                  EXPECT(&a, 0x6E);
    aml_op(&a, AML_ACQUIRE);         EXPECT(&a, 0x5B, 0x23);
    aml_free(&a);
}
END_TEST

/* Scope (ABCD) with k filler bytes: body = 4 + k bytes. */
static void scope_of(Aml *a, size_t k)
{
    aml_scope(a, "ABCD");
    uint8_t *z = calloc(1, k + 1);
    aml_bytes(a, z, k);
    free(z);
    aml_close(a);
}

START_TEST(test_aml_pkglength_switches_size_at_its_boundaries)
{
    Aml a;
    aml_init(&a);
    scope_of(&a, 58);            /* 62 bytes + itself = 63: the largest one-byte length */
    ck_assert_uint_eq(a.len, 64);
    ck_assert_uint_eq(a.buf[1], 0x3F);
    aml_free(&a);
    scope_of(&a, 59);            /* 63 + 2 = 65 = 0x41: lead 0x41 (1 byte follows, nibble 1) */
    ck_assert_uint_eq(a.len, 66);
    ck_assert_uint_eq(a.buf[1], 0x41);
    ck_assert_uint_eq(a.buf[2], 0x04);
    ck_assert_mem_eq(a.buf + 3, "ABCD", 4);
    aml_free(&a);
    scope_of(&a, 0xFFD - 4);     /* 0xFFD + 2 = 0xFFF: the largest two-byte length */
    ck_assert_uint_eq(a.buf[1], 0x4F);
    ck_assert_uint_eq(a.buf[2], 0xFF);
    aml_free(&a);
    scope_of(&a, 0xFFE - 4);     /* 0xFFE + 3 = 0x1001: three bytes */
    ck_assert_uint_eq(a.buf[1], 0x81);
    ck_assert_uint_eq(a.buf[2], 0x00);
    ck_assert_uint_eq(a.buf[3], 0x01);
    ck_assert_uint_eq(a.len, 1 + 3 + 0xFFE);
    aml_free(&a);
    scope_of(&a, 0xFFFFC - 4);   /* 0xFFFFC + 3 = 0xFFFFF: the largest three-byte length */
    ck_assert_uint_eq(a.buf[1], 0x8F);
    ck_assert_uint_eq(a.buf[2], 0xFF);
    ck_assert_uint_eq(a.buf[3], 0xFF);
    aml_free(&a);
    scope_of(&a, 0xFFFFD - 4);   /* 0xFFFFD + 4 = 0x100001: four bytes */
    ck_assert_uint_eq(a.buf[1], 0xC1);
    ck_assert_uint_eq(a.buf[2], 0x00);
    ck_assert_uint_eq(a.buf[3], 0x00);
    ck_assert_uint_eq(a.buf[4], 0x01);
    aml_free(&a);
}
END_TEST

START_TEST(test_aml_objects_and_resources_encode_as_the_spec_says)
{
    Aml a;
    aml_init(&a);
    aml_method(&a, "_STA", 0, false);
    aml_op(&a, AML_RETURN);
    aml_int(&a, 1);
    aml_close(&a);
    EXPECT(&a, 0x14, 0x08, '_', 'S', 'T', 'A', 0x00, 0xA4, 0x01);
    aml_method(&a, "M", 3, true);
    aml_close(&a);
    EXPECT(&a, 0x14, 0x06, 'M', '_', '_', '_', 0x0B);
    aml_device(&a, "KBD");
    aml_close(&a);
    EXPECT(&a, 0x5B, 0x82, 0x05, 'K', 'B', 'D', '_');
    aml_package(&a, 2);
    aml_int(&a, 1);
    aml_string(&a, "");
    aml_close(&a);
    EXPECT(&a, 0x12, 0x05, 0x02, 0x01, 0x0D, 0x00);
    aml_uuid(&a, "e5c937d0-3553-4d7a-9117-ea4d19c3434d");
    EXPECT(&a, 0x11, 0x13, 0x0A, 0x10, 0xD0, 0x37, 0xC9, 0xE5, 0x53, 0x35, 0x7A, 0x4D, 0x91,
           0x17, 0xEA, 0x4D, 0x19, 0xC3, 0x43, 0x4D);
    aml_op_region(&a, "DBG", AML_SYSTEM_IO, 0x402, 1);
    EXPECT(&a, 0x5B, 0x80, 'D', 'B', 'G', '_', 0x01, 0x0B, 0x02, 0x04, 0x01);
    aml_field(&a, "PRST", AML_BYTE_ACC | AML_WRITE_AS_ZEROS);
    aml_field_unit(&a, NULL, 32);
    aml_field_unit(&a, "CPEN", 1);
    aml_field_unit(&a, "BIG", 0x40);
    aml_close(&a);
    EXPECT(&a, 0x5B, 0x81, 0x13, 'P', 'R', 'S', 'T', 0x41, 0x00, 0x20, 'C', 'P', 'E', 'N', 0x01,
           'B', 'I', 'G', '_', 0x40, 0x04);
    aml_processor(&a, "C000", 0, 0, 0);
    aml_close(&a);
    EXPECT(&a, 0x5B, 0x83, 0x0B, 'C', '0', '0', '0', 0, 0, 0, 0, 0, 0);

    AmlRes r = { 0 };
    aml_res_io(&r, 0x3F8, 0x3F8, 0, 8);
    aml_res_irq_noflags(&r, 1u << 4);
    aml_res_dma(&r, 0, 1u << 2);
    aml_res_interrupt(&r, AML_RES_CONSUMER | AML_RES_SHARED, (const uint32_t[]){ 5, 10 }, 2);
    aml_res_memory32_fixed(&r, false, 0xFED00000, 0x400);
    aml_res_buffer(&a, &r);
    EXPECT(&a, 0x11, 0x2C, 0x0A, 0x29,
           0x47, 0x01, 0xF8, 0x03, 0xF8, 0x03, 0x00, 0x08,             /* IO */
           0x22, 0x10, 0x00,                                           /* IRQNoFlags {4} */
           0x2A, 0x04, 0x00,                                           /* DMA {2} */
           0x89, 0x0A, 0x00, 0x09, 0x02, 5, 0, 0, 0, 10, 0, 0, 0,      /* Interrupt */
           0x86, 0x09, 0x00, 0x00, 0x00, 0x00, 0xD0, 0xFE, 0x00, 0x04, 0x00, 0x00,
           0x79, 0x00);                                                /* end tag */
    r = (AmlRes){ 0 };
    aml_res_word(&r, 2, AML_RES_MIN_FIXED | AML_RES_MAX_FIXED, 0, 0, 0xFF);
    ck_assert_uint_eq(r.len, 16);
    ck_assert_mem_eq(r.d, ((const uint8_t[]){ 0x88, 0x0D, 0x00, 0x02, 0x0C, 0x00, 0, 0, 0x00,
                                              0x00, 0xFF, 0x00, 0, 0, 0x00, 0x01 }), 16);
    r = (AmlRes){ 0 };
    aml_res_dword(&r, 0, AML_RES_MIN_FIXED | AML_RES_MAX_FIXED, 3, 0xA0000, 0xBFFFF);
    ck_assert_uint_eq(r.len, 26);
    ck_assert_uint_eq(r.d[0], 0x87);
    ck_assert_uint_eq(le32(r.d + 22), 0x20000);
    r = (AmlRes){ 0 };
    aml_res_qword(&r, 0, AML_RES_MIN_FIXED | AML_RES_MAX_FIXED, 3, 1ull << 32, (3ull << 31) - 1);
    ck_assert_uint_eq(r.len, 46);
    ck_assert_uint_eq(le64(r.d + 38), 1ull << 31);
    aml_free(&a);
}
END_TEST

/* ---- random trees, written and read back ---- */

enum { N_INT, N_STR, N_BUF, N_PKG, N_NAME, N_SCOPE, N_DEVICE, N_METHOD };
#define MAX_KIDS 6

typedef struct Node {
    int kind;
    char name[5];              /* N_NAME, N_SCOPE, N_DEVICE, N_METHOD */
    uint64_t v;                /* N_INT; N_METHOD: flags; N_BUF: length */
    char str[16];              /* N_STR */
    uint8_t *buf;              /* N_BUF */
    int n;
    struct Node *kid[MAX_KIDS];   /* N_PKG elements, N_NAME's value, a scope's objects,
                                     a method's returned value */
} Node;

static uint64_t rng;
static uint64_t rnd(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

static void rand_name(char *out)
{
    static const char lead[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ_";
    static const char rest[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ_0123456789";
    out[0] = lead[rnd() % 27];
    for (int i = 1; i < 4; i++)
        out[i] = rest[rnd() % 37];
    out[4] = 0;
}

static uint64_t rand_int(void)
{
    static const uint64_t edge[] = { 0, 1, 2, 0xFF, 0x100, 0xFFFF, 0x10000, 0xFFFFFFFF,
                                     0x100000000ull, ~0ull };
    switch (rnd() % 3) {
    case 0: return edge[rnd() % 10];
    case 1: return rnd() >> (rnd() % 64);
    default: return rnd() % 300;
    }
}

static Node *gen_data(int depth);

static Node *gen_data(int depth)
{
    Node *n = calloc(1, sizeof *n);
    int k = (int)(rnd() % (depth < 3 ? 4 : 3));
    n->kind = k == 0 ? N_INT : k == 1 ? N_STR : k == 2 ? N_BUF : N_PKG;
    if (n->kind == N_INT) {
        n->v = rand_int();
    } else if (n->kind == N_STR) {
        int len = (int)(rnd() % 15);
        for (int i = 0; i < len; i++)
            n->str[i] = (char)(0x20 + rnd() % 0x5F);
    } else if (n->kind == N_BUF) {
        n->v = rnd() % 8 == 0 ? rnd() % 5000 : rnd() % 80;   /* long ones: 2- and 3-byte lengths */
        n->buf = malloc(n->v + 1);
        for (uint64_t i = 0; i < n->v; i++)
            n->buf[i] = (uint8_t)rnd();
    } else {
        n->n = (int)(rnd() % MAX_KIDS);
        for (int i = 0; i < n->n; i++)
            n->kid[i] = gen_data(depth + 1);
    }
    return n;
}

static Node *gen_obj(int depth)
{
    Node *n = calloc(1, sizeof *n);
    rand_name(n->name);
    int k = (int)(rnd() % (depth < 4 ? 4 : 2));
    n->kind = k == 0 ? N_NAME : k == 1 ? N_METHOD : k == 2 ? N_SCOPE : N_DEVICE;
    if (n->kind == N_NAME) {
        n->n = 1;
        n->kid[0] = gen_data(0);
    } else if (n->kind == N_METHOD) {
        n->v = rnd() % 16;
        n->n = 1;
        n->kid[0] = gen_data(2);
    } else {
        n->n = (int)(rnd() % MAX_KIDS);
        for (int i = 0; i < n->n; i++)
            n->kid[i] = gen_obj(depth + 1);
    }
    return n;
}

static void free_node(Node *n)
{
    for (int i = 0; i < n->n; i++)
        free_node(n->kid[i]);
    free(n->buf);
    free(n);
}

static void write_node(Aml *a, const Node *n)
{
    switch (n->kind) {
    case N_INT: aml_int(a, n->v); break;
    case N_STR: aml_string(a, n->str); break;
    case N_BUF: aml_buffer(a, n->buf, n->v); break;
    case N_PKG:
        aml_package(a, (uint8_t)n->n);
        for (int i = 0; i < n->n; i++)
            write_node(a, n->kid[i]);
        aml_close(a);
        break;
    case N_NAME:
        aml_name(a, n->name);
        write_node(a, n->kid[0]);
        break;
    case N_METHOD:
        aml_method(a, n->name, (int)(n->v & 7), n->v & 8);
        aml_op(a, AML_RETURN);
        write_node(a, n->kid[0]);
        aml_close(a);
        break;
    default:
        if (n->kind == N_SCOPE)
            aml_scope(a, n->name);
        else
            aml_device(a, n->name);
        for (int i = 0; i < n->n; i++)
            write_node(a, n->kid[i]);
        aml_close(a);
    }
}

/* The reader: p..end is what the object may use; returns where it ended, or NULL. */
typedef struct Rd {
    const uint8_t *p, *end;
} Rd;

static bool rd_pkglen(Rd *r, const uint8_t **obj_end)
{
    const uint8_t *start = r->p;
    if (r->p >= r->end)
        return false;
    uint8_t lead = *r->p++;
    int follow = lead >> 6;
    uint64_t v = follow ? lead & 0x0F : lead & 0x3F;
    if (follow && (lead & 0x30))
        return false;
    for (int i = 0; i < follow; i++) {
        if (r->p >= r->end)
            return false;
        v |= (uint64_t)*r->p++ << (4 + 8 * i);
    }
    if (v > (uint64_t)(r->end - start))
        return false;
    *obj_end = start + v;
    return true;
}

static bool rd_name(Rd *r, char *out)
{
    if (r->end - r->p < 4)
        return false;
    memcpy(out, r->p, 4);
    out[4] = 0;
    r->p += 4;
    return true;
}

static Node *rd_data(Rd *r);

static Node *rd_data(Rd *r)
{
    if (r->p >= r->end)
        return NULL;
    Node *n = calloc(1, sizeof *n);
    uint8_t op = *r->p++;
    const uint8_t *end;
    static const int width[] = { [0x0A] = 1, [0x0B] = 2, [0x0C] = 4, [0x0E] = 8 };
    if (op <= 1) {
        n->kind = N_INT;
        n->v = op;
    } else if (op == 0x0A || op == 0x0B || op == 0x0C || op == 0x0E) {
        n->kind = N_INT;
        if (r->end - r->p < width[op])
            goto bad;
        for (int i = 0; i < width[op]; i++)
            n->v |= (uint64_t)*r->p++ << (8 * i);
        /* shortest: a value that fits a smaller form must not use this one */
        if ((op == 0x0A && n->v <= 1) || (op == 0x0B && n->v <= 0xFF) ||
            (op == 0x0C && n->v <= 0xFFFF) || (op == 0x0E && n->v <= 0xFFFFFFFF))
            goto bad;
    } else if (op == 0x0D) {
        n->kind = N_STR;
        const uint8_t *z = memchr(r->p, 0, (size_t)(r->end - r->p));
        if (!z || z - r->p >= (long)sizeof n->str)
            goto bad;
        memcpy(n->str, r->p, (size_t)(z - r->p));
        r->p = z + 1;
    } else if (op == 0x11) {
        n->kind = N_BUF;
        if (!rd_pkglen(r, &end))
            goto bad;
        Rd in = { r->p, end };
        Node *size = rd_data(&in);
        if (!size || size->kind != N_INT || size->v != (uint64_t)(end - in.p)) {
            if (size)
                free_node(size);
            goto bad;
        }
        n->v = size->v;
        free_node(size);
        n->buf = malloc(n->v + 1);
        memcpy(n->buf, in.p, n->v);
        r->p = end;
    } else if (op == 0x12) {
        n->kind = N_PKG;
        if (!rd_pkglen(r, &end) || r->p >= end)
            goto bad;
        Rd in = { r->p + 1, end };
        int count = *r->p;
        while (in.p < end && n->n < MAX_KIDS)
            if (!(n->kid[n->n++] = rd_data(&in)))
                goto bad;
        if (in.p != end || n->n != count)
            goto bad;
        r->p = end;
    } else {
        goto bad;
    }
    return n;
bad:
    free_node(n);
    return NULL;
}

static Node *rd_obj(Rd *r)
{
    if (r->p >= r->end)
        return NULL;
    Node *n = calloc(1, sizeof *n);
    const uint8_t *end;
    uint8_t op = *r->p++;
    if (op == 0x08) {
        n->kind = N_NAME;
        n->n = 1;
        if (!rd_name(r, n->name) || !(n->kid[0] = rd_data(r)))
            goto bad;
        return n;
    }
    if (op == 0x14) {
        n->kind = N_METHOD;
        if (!rd_pkglen(r, &end))
            goto bad;
        Rd in = { r->p, end };
        if (!rd_name(&in, n->name) || in.p + 2 > end || in.p[1] != AML_RETURN)
            goto bad;
        n->v = in.p[0];
        in.p += 2;
        n->n = 1;
        if (!(n->kid[0] = rd_data(&in)) || in.p != end)
            goto bad;
        r->p = end;
        return n;
    }
    if (op == 0x10 || (op == 0x5B && r->p < r->end && *r->p == 0x82)) {
        n->kind = op == 0x10 ? N_SCOPE : N_DEVICE;
        r->p += op != 0x10;
        if (!rd_pkglen(r, &end))
            goto bad;
        Rd in = { r->p, end };
        if (!rd_name(&in, n->name))
            goto bad;
        while (in.p < end && n->n < MAX_KIDS)
            if (!(n->kid[n->n++] = rd_obj(&in)))
                goto bad;
        if (in.p != end)
            goto bad;
        r->p = end;
        return n;
    }
bad:
    free_node(n);
    return NULL;
}

static bool same_node(const Node *a, const Node *b)
{
    if (a->kind != b->kind || a->n != b->n || strcmp(a->name, b->name) ||
        strcmp(a->str, b->str) || a->v != b->v)
        return false;
    if (a->kind == N_BUF && a->v && memcmp(a->buf, b->buf, a->v))
        return false;
    for (int i = 0; i < a->n; i++)
        if (!same_node(a->kid[i], b->kid[i]))
            return false;
    return true;
}

START_TEST(test_aml_random_trees_read_back_the_same)
{
    rng = 0x9E3779B97F4A7C15ull * (uint64_t)(_i + 1);
    for (int t = 0; t < 50; t++) {
        Node *root = calloc(1, sizeof *root);
        root->kind = N_SCOPE;
        memcpy(root->name, "\\___", 5);
        root->n = 1 + (int)(rnd() % (MAX_KIDS - 1));
        for (int i = 0; i < root->n; i++)
            root->kid[i] = gen_obj(0);
        Aml a;
        aml_init(&a);
        for (int i = 0; i < root->n; i++)
            write_node(&a, root->kid[i]);
        Rd r = { a.buf, a.buf + a.len };
        Node *back = calloc(1, sizeof *back);
        back->kind = N_SCOPE;
        memcpy(back->name, "\\___", 5);
        while (r.p < r.end) {
            ck_assert_int_lt(back->n, MAX_KIDS);
            back->kid[back->n] = rd_obj(&r);
            ck_assert_ptr_nonnull(back->kid[back->n]);
            back->n++;
        }
        ck_assert(same_node(root, back));
        free_node(root);
        free_node(back);
        aml_free(&a);
    }
}
END_TEST

/* ---- the tables through iasl ---- */

static void checksum(uint8_t *p, uint32_t len, uint32_t at)
{
    uint8_t sum = 0;
    for (uint32_t i = 0; i < len; i++)
        sum = (uint8_t)(sum + p[i]);
    p[at] = (uint8_t)(p[at] - sum);
}

/* Writes each table of the tables blob, checksummed, to dir/SIG.dat (the loader's
 * ADD_CHECKSUM commands say where: their start and length are each table). */
static int write_tables(const AcpiTables *t, const char *dir)
{
    int n = 0;
    for (uint32_t off = 0; off + 128 <= t->loader.len; off += 128) {
        const uint8_t *e = t->loader.data + off;
        if (le32(e) != 3 || strcmp((const char *)e + 4, ACPI_TABLES_FILE))
            continue;
        uint32_t at = le32(e + 60), start = le32(e + 64), len = le32(e + 68);
        ck_assert_uint_le(start + len, t->tables.len);
        ck_assert_uint_eq(at, start + 9);
        uint8_t *tab = malloc(len);
        memcpy(tab, t->tables.data + start, len);
        checksum(tab, len, 9);
        char path[256];
        snprintf(path, sizeof path, "%s/%.4s.dat", dir, (const char *)tab);
        FILE *f = fopen(path, "wb");
        ck_assert_ptr_nonnull(f);
        ck_assert_uint_eq(fwrite(tab, 1, len, f), len);
        fclose(f);
        free(tab);
        n++;
    }
    return n;
}

START_TEST(test_acpi_tables_disassemble_cleanly_with_iasl)
{
    if (system("command -v iasl >/dev/null 2>&1") != 0)
        ck_abort_msg("iasl not found (Debian package acpica-tools, install-deps.sh)");
    AcpiConfig cfg = { .ram_size = (_i & 1 ? 3072ull : 32ull) << 20, .hpet = _i & 2,
                       .serial = _i & 4, .floppy = { _i & 1 ? 4 : 0, _i & 2 ? 5 : 0 } };
    AcpiTables t;
    acpi_build(&cfg, &t);
    ck_assert_uint_eq(t.tables.len % ACPI_TABLES_ALIGN, 0);
    ck_assert_uint_eq(t.loader.len, ACPI_LOADER_ALIGN);
    ck_assert_uint_eq(t.rsdp.len, 20);
    char dir[] = "/tmp/test_aml.XXXXXX";
    ck_assert_ptr_nonnull(mkdtemp(dir));
    int n = write_tables(&t, dir);
    ck_assert_int_eq(n, (cfg.hpet ? 6 : 5));   /* DSDT FACP APIC [HPET] WAET RSDT */
    char cmd[512];
    snprintf(cmd, sizeof cmd, "cd %s && for f in *.dat; do iasl -d $f || echo FAILED $f; "
             "done >log 2>&1; grep -q -i -E 'warning|error|FAILED' log && exit 1; "
             "grep -c -E 'Disassembly completed|Table .* decoded' log", dir);
    FILE *p = popen(cmd, "r");
    char line[128] = "";
    ck_assert_ptr_nonnull(fgets(line, sizeof line, p));
    int rc = pclose(p);
    if (rc != 0 || atoi(line) != n) {
        snprintf(cmd, sizeof cmd, "cat %s/log >&2", dir);
        ck_assert_int_eq(system(cmd), 0);
    }
    ck_assert_int_eq(rc, 0);
    ck_assert_int_eq(atoi(line), n);
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    ck_assert_int_eq(system(cmd), 0);
    acpi_tables_free(&t);
}
END_TEST

static Suite *aml_suite(void)
{
    Suite *s = suite_create("aml");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, test_aml_integers_take_the_shortest_encoding);
    tcase_add_test(tc, test_aml_names_are_namestrings);
    tcase_add_test(tc, test_aml_pkglength_switches_size_at_its_boundaries);
    tcase_add_test(tc, test_aml_objects_and_resources_encode_as_the_spec_says);
    tcase_add_loop_test(tc, test_aml_random_trees_read_back_the_same, 0, 8);
    tcase_add_loop_test(tc, test_acpi_tables_disassemble_cleanly_with_iasl, 0, 8);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(aml_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
