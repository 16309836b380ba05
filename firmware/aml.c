/* aml.c: the AML writer (aml.h). Encodings from ACPI 6.4 chapter 20 (grammar, PkgLength,
 * NameString) and section 6.4 (resource descriptors). */
#include "firmware/aml.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

void aml_init(Aml *a) { *a = (Aml){ 0 }; }

void aml_free(Aml *a)
{
    free(a->buf);
    *a = (Aml){ 0 };
}

uint8_t *aml_take(Aml *a, size_t *len)
{
    assert(a->depth == 0);
    uint8_t *p = a->buf;
    *len = a->len;
    *a = (Aml){ 0 };
    return p;
}

static uint8_t *aml_grow(Aml *a, size_t n)
{
    if (a->len + n > a->cap) {
        a->cap = MAX(a->cap * 2, a->len + n + 256);
        a->buf = xrealloc(a->buf, a->cap);
    }
    uint8_t *p = a->buf + a->len;
    a->len += n;
    return p;
}

void aml_bytes(Aml *a, const void *p, size_t n)
{
    if (n)
        memcpy(aml_grow(a, n), p, n);
}

static void aml_u8(Aml *a, uint8_t v) { *aml_grow(a, 1) = v; }

void aml_op(Aml *a, unsigned op)
{
    if (op > 0xFF)
        aml_u8(a, (uint8_t)(op >> 8));
    aml_u8(a, (uint8_t)op);
}

void aml_int(Aml *a, uint64_t v)
{
    if (v <= 1) {
        aml_u8(a, (uint8_t)v);                /* ZeroOp, OneOp */
    } else if (v <= 0xFF) {
        aml_u8(a, AML_BYTE_PREFIX);
        aml_u8(a, (uint8_t)v);
    } else if (v <= 0xFFFF) {
        aml_u8(a, AML_WORD_PREFIX);
        put_le16(aml_grow(a, 2), (uint16_t)v);
    } else if (v <= 0xFFFFFFFF) {
        aml_dword(a, (uint32_t)v);
    } else {
        aml_u8(a, AML_QWORD_PREFIX);
        put_le64(aml_grow(a, 8), v);
    }
}

void aml_dword(Aml *a, uint32_t v)
{
    aml_u8(a, AML_DWORD_PREFIX);
    put_le32(aml_grow(a, 4), v);
}

void aml_string(Aml *a, const char *s)
{
    aml_u8(a, AML_STRING_PREFIX);
    aml_bytes(a, s, strlen(s) + 1);
}

/* One NameSeg: a lead character A-Z or '_', then A-Z, 0-9, '_', padded with '_'. */
static void aml_nameseg(Aml *a, const char *s, size_t n)
{
    assert(n >= 1 && n <= 4);
    uint8_t *p = aml_grow(a, 4);
    for (size_t i = 0; i < 4; i++) {
        char c = i < n ? s[i] : '_';
        assert((c >= 'A' && c <= 'Z') || c == '_' || (i > 0 && c >= '0' && c <= '9'));
        p[i] = (uint8_t)c;
    }
}

void aml_namestring(Aml *a, const char *path)
{
    if (*path == '\\') {
        aml_u8(a, AML_ROOT_CHAR);
        path++;
    }
    while (*path == '^') {
        aml_u8(a, AML_PARENT_PREFIX);
        path++;
    }
    int nseg = 0;
    for (const char *p = path; *p; p++)
        nseg += p == path || *p == '.';
    if (nseg == 0) {
        aml_u8(a, 0x00);                      /* NullName */
        return;
    }
    if (nseg == 2) {
        aml_u8(a, AML_DUAL_NAME_PREFIX);
    } else if (nseg > 2) {
        assert(nseg <= 255);
        aml_u8(a, AML_MULTI_NAME_PREFIX);
        aml_u8(a, (uint8_t)nseg);
    }
    while (*path) {
        const char *dot = strchr(path, '.');
        size_t n = dot ? (size_t)(dot - path) : strlen(path);
        aml_nameseg(a, path, n);
        path += n + (dot != NULL);
    }
}

void aml_local(Aml *a, int n)
{
    assert(n >= 0 && n <= 7);
    aml_u8(a, (uint8_t)(AML_LOCAL0 + n));
}

void aml_arg(Aml *a, int n)
{
    assert(n >= 0 && n <= 6);
    aml_u8(a, (uint8_t)(AML_ARG0 + n));
}

static unsigned hexval(char c)
{
    assert((c >= '0' && c <= '9') || (c >= 'A' && c <= 'F') || (c >= 'a' && c <= 'f'));
    return c <= '9' ? (unsigned)(c - '0') : (unsigned)((c | 0x20) - 'a' + 10);
}

/* 19.6.35: three letters in 5 bits each (big-endian 16 bits), then four hex digits. */
void aml_eisaid(Aml *a, const char *id)
{
    assert(strlen(id) == 7);
    unsigned v = (unsigned)((id[0] - '@') & 0x1f) << 10 | (unsigned)((id[1] - '@') & 0x1f) << 5 |
                 (unsigned)((id[2] - '@') & 0x1f);
    uint8_t b[4] = { (uint8_t)(v >> 8), (uint8_t)v,
                     (uint8_t)(hexval(id[3]) << 4 | hexval(id[4])),
                     (uint8_t)(hexval(id[5]) << 4 | hexval(id[6])) };
    aml_dword(a, le32(b));
}

/* 19.6.142: the first three groups are little-endian, the last two in string order. */
void aml_uuid(Aml *a, const char *uuid)
{
    static const uint8_t at[16] = { 6, 4, 2, 0, 11, 9, 16, 14, 19, 21, 24, 26, 28, 30, 32, 34 };
    assert(strlen(uuid) == 36);
    uint8_t b[16];
    for (int i = 0; i < 16; i++)
        b[i] = (uint8_t)(hexval(uuid[at[i]]) << 4 | hexval(uuid[at[i] + 1]));
    aml_buffer(a, b, sizeof b);
}

void aml_open(Aml *a, unsigned op)
{
    assert(a->depth < AML_MAX_DEPTH);
    aml_op(a, op);
    a->open[a->depth++] = a->len;
}

/* 20.2.4 PkgLength: the length counts its own bytes; bits 7-6 of the lead byte give the
 * number of bytes that follow; with any, the lead byte holds only the low 4 bits. */
void aml_close(Aml *a)
{
    assert(a->depth > 0);
    size_t at = a->open[--a->depth];
    size_t body = a->len - at;
    size_t n = body + 1 <= 0x3F ? 1 : body + 2 <= 0xFFF ? 2 : body + 3 <= 0xFFFFF ? 3 : 4;
    size_t v = body + n;
    assert(v <= 0xFFFFFFF);
    aml_grow(a, n);
    memmove(a->buf + at + n, a->buf + at, body);
    uint8_t *p = a->buf + at;
    if (n == 1) {
        p[0] = (uint8_t)v;
        return;
    }
    p[0] = (uint8_t)((n - 1) << 6 | (v & 0xF));
    for (size_t i = 1; i < n; i++)
        p[i] = (uint8_t)(v >> (4 + 8 * (i - 1)));
}

void aml_scope(Aml *a, const char *name)
{
    aml_open(a, AML_SCOPE);
    aml_namestring(a, name);
}

void aml_device(Aml *a, const char *name)
{
    aml_open(a, AML_DEVICE);
    aml_namestring(a, name);
}

void aml_method(Aml *a, const char *name, int nargs, bool serialized)
{
    assert(nargs >= 0 && nargs <= 7);
    aml_open(a, AML_METHOD);
    aml_namestring(a, name);
    aml_u8(a, (uint8_t)(nargs | serialized << 3));
}

void aml_package(Aml *a, uint8_t n)
{
    aml_open(a, AML_PACKAGE);
    aml_u8(a, n);
}

void aml_processor(Aml *a, const char *name, uint8_t id, uint32_t pblk, uint8_t pblk_len)
{
    aml_open(a, AML_PROCESSOR);
    aml_namestring(a, name);
    aml_u8(a, id);
    put_le32(aml_grow(a, 4), pblk);
    aml_u8(a, pblk_len);
}

void aml_buffer(Aml *a, const void *data, size_t n)
{
    aml_open(a, AML_BUFFER);
    aml_int(a, n);
    aml_bytes(a, data, n);
    aml_close(a);
}

void aml_name(Aml *a, const char *name)
{
    aml_u8(a, AML_NAME);
    aml_namestring(a, name);
}

void aml_op_region(Aml *a, const char *name, uint8_t space, uint64_t off, uint64_t len)
{
    aml_op(a, AML_OP_REGION);
    aml_namestring(a, name);
    aml_u8(a, space);
    aml_int(a, off);
    aml_int(a, len);
}

void aml_mutex(Aml *a, const char *name, uint8_t sync_level)
{
    aml_op(a, AML_MUTEX);
    aml_namestring(a, name);
    aml_u8(a, sync_level);
}

void aml_field(Aml *a, const char *region, uint8_t flags)
{
    aml_open(a, AML_FIELD);
    aml_namestring(a, region);
    aml_u8(a, flags);
}

/* A field unit's width is a PkgLength that does not count itself (20.2.5.2). */
void aml_field_unit(Aml *a, const char *name, uint32_t bits)
{
    if (name)
        aml_nameseg(a, name, strlen(name));
    else
        aml_u8(a, 0x00);                      /* ReservedField */
    assert(bits <= 0xFFFFFFF);
    if (bits <= 0x3F) {
        aml_u8(a, (uint8_t)bits);
        return;
    }
    size_t n = bits <= 0xFFF ? 2 : bits <= 0xFFFFF ? 3 : 4;
    uint8_t *p = aml_grow(a, n);
    p[0] = (uint8_t)((n - 1) << 6 | (bits & 0xF));
    for (size_t i = 1; i < n; i++)
        p[i] = (uint8_t)(bits >> (4 + 8 * (i - 1)));
}

/* ---- resource templates ---- */

static uint8_t *res_put(AmlRes *r, size_t n)
{
    assert(r->len + n <= sizeof r->d);
    uint8_t *p = r->d + r->len;
    r->len += n;
    return p;
}

/* 6.4.2.5 I/O Port Descriptor, 16-bit decode. */
void aml_res_io(AmlRes *r, uint16_t min, uint16_t max, uint8_t align, uint8_t len)
{
    uint8_t *p = res_put(r, 8);
    p[0] = 0x47;
    p[1] = 0x01;
    put_le16(p + 2, min);
    put_le16(p + 4, max);
    p[6] = align;
    p[7] = len;
}

/* 6.4.2.1 IRQ Descriptor without its information byte. */
void aml_res_irq_noflags(AmlRes *r, uint16_t mask)
{
    uint8_t *p = res_put(r, 3);
    p[0] = 0x22;
    put_le16(p + 1, mask);
}

/* 6.4.2.2 DMA Descriptor. */
void aml_res_dma(AmlRes *r, uint8_t flags, uint8_t mask)
{
    uint8_t *p = res_put(r, 3);
    p[0] = 0x2A;
    p[1] = mask;
    p[2] = flags;
}

/* 6.4.3.4 32-Bit Fixed Memory Range Descriptor. */
void aml_res_memory32_fixed(AmlRes *r, bool rw, uint32_t base, uint32_t len)
{
    uint8_t *p = res_put(r, 12);
    p[0] = 0x86;
    put_le16(p + 1, 9);
    p[3] = rw;
    put_le32(p + 4, base);
    put_le32(p + 8, len);
}

/* 6.4.3.6 Extended Interrupt Descriptor, no resource source. */
void aml_res_interrupt(AmlRes *r, uint8_t flags, const uint32_t *irqs, int n)
{
    assert(n >= 1 && n <= 255);
    uint8_t *p = res_put(r, 5 + 4 * (size_t)n);
    p[0] = 0x89;
    put_le16(p + 1, (uint16_t)(2 + 4 * n));
    p[3] = flags;
    p[4] = (uint8_t)n;
    for (int i = 0; i < n; i++)
        put_le32(p + 5 + 4 * i, irqs[i]);
}

/* 6.4.3.5 Address Space Descriptors: tag, then granularity, minimum, maximum, translation
 * and length of w bytes each (granularity and translation 0). */
static void res_address(AmlRes *r, uint8_t tag, size_t w, uint8_t type, uint8_t gflags,
                        uint8_t tflags, uint64_t min, uint64_t max)
{
    uint8_t *p = res_put(r, 6 + 5 * w);
    memset(p, 0, 6 + 5 * w);
    p[0] = tag;
    put_le16(p + 1, (uint16_t)(3 + 5 * w));
    p[3] = type;
    p[4] = gflags;
    p[5] = tflags;
    uint64_t v[3] = { min, max, max - min + 1 };
    static const size_t at[3] = { 1, 2, 4 };     /* in units of w after the 6-byte head */
    for (int i = 0; i < 3; i++)
        for (size_t k = 0; k < w; k++)
            p[6 + at[i] * w + k] = (uint8_t)(v[i] >> (8 * k));
}

void aml_res_word(AmlRes *r, uint8_t type, uint8_t gflags, uint8_t tflags, uint16_t min,
                  uint16_t max)
{
    res_address(r, 0x88, 2, type, gflags, tflags, min, max);
}

void aml_res_dword(AmlRes *r, uint8_t type, uint8_t gflags, uint8_t tflags, uint32_t min,
                   uint32_t max)
{
    res_address(r, 0x87, 4, type, gflags, tflags, min, max);
}

void aml_res_qword(AmlRes *r, uint8_t type, uint8_t gflags, uint8_t tflags, uint64_t min,
                   uint64_t max)
{
    res_address(r, 0x8A, 8, type, gflags, tflags, min, max);
}

/* 6.4.2.9 End Tag. */
void aml_res_buffer(Aml *a, const AmlRes *r)
{
    aml_open(a, AML_BUFFER);
    aml_int(a, r->len + 2);
    aml_bytes(a, r->d, r->len);
    aml_bytes(a, (const uint8_t[]){ 0x79, 0x00 }, 2);
    aml_close(a);
}
