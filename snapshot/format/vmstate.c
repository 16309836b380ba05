/* vmstate.c: walks VmsDesc tables (vmstate.h) to save, load and describe device state in
 * QEMU 7.2's VMState wire format (migration-stream.md sections 7, 10-13). Knows no device.
 *
 * NOTES ON THE DESIGN
 *   1. A body is its present fields in declaration order, then its needed subsections; no
 *      tags, lengths or terminators. Presence: a field with a test travels iff
 *      test(opaque, version); otherwise iff field.version <= version, where version is the
 *      section's (top level), the subsection's (from the wire) or the nested description's
 *      own (structs and tmp: struct versions are not on the wire).
 *   2. Hook order, as QEMU: save = pre_save, fields, subsections (needed() evaluated after
 *      the fields), post_save (also after a failure); load = version check, pre_load,
 *      fields, subsection loop, post_load(version).
 *   3. Nothing read from the stream is trusted: a variable array's count (a member loaded
 *      earlier in the same body) is checked against the array's capacity before any element
 *      is touched; 'equal' fields compare before storing; 'int32 le' accepts 0..local value;
 *      bools must be 0 or 1; timer deadlines must be -1 or >= 0. Every failure returns a
 *      negative errno, fills Err with the description and field name, and is also recorded
 *      as the stream's sticky error so later reads stop.
 *   4. Subsections are found by peeking (section 11): a 0x05 byte whose name starts with the
 *      parent's name is a subsection of this body and must be one of its declared ones
 *      (else -ENOENT); anything else ends the loop and is left for the caller.
 *   5. The JSON description is written with QEMU's compact JSONWriter spelling (", " between
 *      members, ": " after keys) and key order; a field's "size" is the bytes its first
 *      (compressed array) or own (indexed element) encoding took, measured with
 *      stream_tell, so it includes nested subsections. */
#include "snapshot/format/vmstate.h"

#include <assert.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { VMS_SUBSECTION = 0x05 };

/* ---- JSON text (QEMU's JSONWriter, compact form) ---- */
static void jb_append(JsonBuf *j, const char *p, size_t n)
{
    if (!j->buf || j->cap - j->len <= n) {
        size_t cap = j->cap ? j->cap : 256;
        while (cap - j->len <= n)
            cap *= 2;
        j->buf = xrealloc(j->buf, cap);
        j->cap = cap;
    }
    memcpy(j->buf + j->len, p, n);
    j->len += n;
    j->buf[j->len] = 0;
}

static void jb_puts(JsonBuf *j, const char *s) { jb_append(j, s, strlen(s)); }

void json_quoted(JsonBuf *j, const char *s, size_t n)
{
    jb_puts(j, "\"");
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        char esc[8];
        switch (c) {
        case '"': jb_puts(j, "\\\""); break;
        case '\\': jb_puts(j, "\\\\"); break;
        case '\b': jb_puts(j, "\\b"); break;
        case '\f': jb_puts(j, "\\f"); break;
        case '\n': jb_puts(j, "\\n"); break;
        case '\r': jb_puts(j, "\\r"); break;
        case '\t': jb_puts(j, "\\t"); break;
        default:
            if (c < 0x20 || c >= 0x7f) {
                /* Bytes outside printable ASCII: as QEMU does for control characters;
                 * a byte >= 0x80 stands for itself (no UTF-8 decoding). */
                snprintf(esc, sizeof esc, "\\u%04X", c);
                jb_puts(j, esc);
            } else {
                jb_append(j, (const char *)&c, 1);
            }
        }
    }
    jb_puts(j, "\"");
}

static void json_member(JsonBuf *j, const char *key)
{
    if (j->len && j->buf[j->len - 1] != '{' && j->buf[j->len - 1] != '[')
        jb_puts(j, ", ");
    if (key) {
        json_quoted(j, key, strlen(key));
        jb_puts(j, ": ");
    }
}

void json_str(JsonBuf *j, const char *key, const char *val)
{
    json_member(j, key);
    json_quoted(j, val, strlen(val));
}

void json_int(JsonBuf *j, const char *key, int64_t val)
{
    char num[24];
    json_member(j, key);
    snprintf(num, sizeof num, "%" PRId64, val);
    jb_puts(j, num);
}

void json_raw(JsonBuf *j, const char *key, const char *text)
{
    json_member(j, key);
    jb_puts(j, text);
}

void json_open(JsonBuf *j, const char *key, char bracket)
{
    json_member(j, key);
    jb_append(j, &bracket, 1);
}

void json_close(JsonBuf *j, char bracket) { jb_append(j, &bracket, 1); }

void json_free(JsonBuf *j)
{
    free(j->buf);
    *j = (JsonBuf){ 0 };
}

/* ---- element codecs ---- */
static int stream_fail(Stream *s, Err *err)
{
    return ERR(err, stream_error(s), "%s", stream_error_msg(s));
}

#define VMS_INT_CODEC(nm, T, wt, getter, putter)                                            \
    static int get_##nm(Stream *s, void *elem, size_t size, const VmsField *f, Err *err)   \
    {                                                                                       \
        T v = (T)getter(s);                                                                 \
        if (stream_error(s))                                                                \
            return stream_fail(s, err);                                                     \
        *(T *)elem = v;                                                                     \
        return 0;                                                                           \
    }                                                                                       \
    static int put_##nm(Stream *s, const void *elem, size_t size, const VmsField *f,        \
                        Err *err)                                                           \
    {                                                                                       \
        putter(s, (wt)*(const T *)elem);                                                    \
        return 0;                                                                           \
    }

VMS_INT_CODEC(int8, int8_t, uint8_t, stream_get_u8, stream_put_u8)
VMS_INT_CODEC(uint8, uint8_t, uint8_t, stream_get_u8, stream_put_u8)
VMS_INT_CODEC(int16, int16_t, uint16_t, stream_get_be16, stream_put_be16)
VMS_INT_CODEC(uint16, uint16_t, uint16_t, stream_get_be16, stream_put_be16)
VMS_INT_CODEC(int32, int32_t, uint32_t, stream_get_be32, stream_put_be32)
VMS_INT_CODEC(uint32, uint32_t, uint32_t, stream_get_be32, stream_put_be32)
VMS_INT_CODEC(int64, int64_t, uint64_t, stream_get_be64, stream_put_be64)
VMS_INT_CODEC(uint64, uint64_t, uint64_t, stream_get_be64, stream_put_be64)

#define VMS_EQUAL_CODEC(nm, T, getter, fmt)                                                 \
    static int get_##nm##_equal(Stream *s, void *elem, size_t size, const VmsField *f,     \
                                Err *err)                                                   \
    {                                                                                       \
        T v = (T)getter(s);                                                                 \
        if (stream_error(s))                                                                \
            return stream_fail(s, err);                                                     \
        if (v != *(const T *)elem)                                                          \
            return ERR(err, -EINVAL, "%s: value %" fmt " in the stream, this machine has %" \
                       fmt, f->name, v, *(const T *)elem);                                  \
        return 0;                                                                           \
    }

VMS_EQUAL_CODEC(uint8, uint8_t, stream_get_u8, PRIu8)
VMS_EQUAL_CODEC(uint16, uint16_t, stream_get_be16, PRIu16)
VMS_EQUAL_CODEC(int32, int32_t, stream_get_be32, PRId32)
VMS_EQUAL_CODEC(uint32, uint32_t, stream_get_be32, PRIu32)
VMS_EQUAL_CODEC(uint64, uint64_t, stream_get_be64, PRIu64)

static int get_bool(Stream *s, void *elem, size_t size, const VmsField *f, Err *err)
{
    uint8_t raw_v = stream_get_u8(s);
    if (stream_error(s))
        return stream_fail(s, err);
    if (raw_v > 1)
        return ERR(err, -EINVAL, "%s: bool byte %u is neither 0 nor 1", f->name, raw_v);
    *(bool *)elem = raw_v;
    return 0;
}

static int put_bool(Stream *s, const void *elem, size_t size, const VmsField *f, Err *err)
{
    stream_put_u8(s, *(const bool *)elem ? 1 : 0);
    return 0;
}

static int get_int32_le(Stream *s, void *elem, size_t size, const VmsField *f, Err *err)
{
    int32_t v = (int32_t)stream_get_be32(s);
    int32_t *cur = elem;
    if (stream_error(s))
        return stream_fail(s, err);
    if (v < 0 || v > *cur)
        return ERR(err, -EINVAL, "%s: value %" PRId32 " in the stream, this machine accepts 0..%"
                   PRId32, f->name, v, *cur);
    *cur = v;
    return 0;
}

static int get_buffer(Stream *s, void *elem, size_t size, const VmsField *f, Err *err)
{
    stream_get_buf(s, elem, size);
    return stream_error(s) ? stream_fail(s, err) : 0;
}

static int put_buffer(Stream *s, const void *elem, size_t size, const VmsField *f, Err *err)
{
    stream_put_buf(s, elem, size);
    return 0;
}

static int get_unused(Stream *s, void *elem, size_t size, const VmsField *f, Err *err)
{
    stream_skip(s, size);
    return stream_error(s) ? stream_fail(s, err) : 0;
}

static int put_unused(Stream *s, const void *elem, size_t size, const VmsField *f, Err *err)
{
    static const uint8_t zeros[256];
    while (size) {
        size_t n = MIN(size, sizeof zeros);
        stream_put_buf(s, zeros, n);
        size -= n;
    }
    return 0;
}

static int get_timer(Stream *s, void *elem, size_t size, const VmsField *f, Err *err)
{
    int64_t raw_t = (int64_t)stream_get_be64(s);
    if (stream_error(s))
        return stream_fail(s, err);
    if (raw_t < -1)
        return ERR(err, -EINVAL, "%s: timer deadline %" PRId64 " is negative", f->name, raw_t);
    *(int64_t *)elem = raw_t;   /* a Timer begins with its int64 deadline */
    return 0;
}

static int put_timer(Stream *s, const void *elem, size_t size, const VmsField *f, Err *err)
{
    int64_t t = *(const int64_t *)elem;
    stream_put_be64(s, (uint64_t)(t >= 0 ? t : -1));
    return 0;
}

const VmsInfo vms_info_bool = { "bool", get_bool, put_bool };
const VmsInfo vms_info_int8 = { "int8", get_int8, put_int8 };
const VmsInfo vms_info_uint8 = { "uint8", get_uint8, put_uint8 };
const VmsInfo vms_info_int16 = { "int16", get_int16, put_int16 };
const VmsInfo vms_info_uint16 = { "uint16", get_uint16, put_uint16 };
const VmsInfo vms_info_int32 = { "int32", get_int32, put_int32 };
const VmsInfo vms_info_uint32 = { "uint32", get_uint32, put_uint32 };
const VmsInfo vms_info_int64 = { "int64", get_int64, put_int64 };
const VmsInfo vms_info_uint64 = { "uint64", get_uint64, put_uint64 };
const VmsInfo vms_info_uint8_equal = { "uint8 equal", get_uint8_equal, put_uint8 };
const VmsInfo vms_info_uint16_equal = { "uint16 equal", get_uint16_equal, put_uint16 };
const VmsInfo vms_info_int32_equal = { "int32 equal", get_int32_equal, put_int32 };
const VmsInfo vms_info_uint32_equal = { "uint32 equal", get_uint32_equal, put_uint32 };
const VmsInfo vms_info_uint64_equal = { "int64 equal", get_uint64_equal, put_uint64 };
const VmsInfo vms_info_int32_le = { "int32 le", get_int32_le, put_int32 };
const VmsInfo vms_info_cpudouble = { "CPU_Double_U", get_uint64, put_uint64 };
const VmsInfo vms_info_buffer = { "buffer", get_buffer, put_buffer };
const VmsInfo vms_info_unused = { "unused_buffer", get_unused, put_unused };
const VmsInfo vms_info_timer = { "timer", get_timer, put_timer };

/* ---- the table walker ---- */
static bool field_present(const VmsField *f, void *opaque, int version)
{
    if (f->test)
        return f->test(opaque, version);
    return f->version <= version;
}

/* Element count of f in opaque (note 3: a counted array is checked against its capacity). */
static int field_count(const VmsDesc *d, const VmsField *f, const void *opaque, uint32_t *n,
                       Err *err)
{
    const uint8_t *p = (const uint8_t *)opaque + f->count_off;
    int64_t raw_n;
    switch (f->count) {
    case VMS_COUNT_FIXED: *n = f->num; return 0;
    case VMS_COUNT_U8: raw_n = *p; break;
    case VMS_COUNT_U16: { uint16_t v; memcpy(&v, p, 2); raw_n = v; break; }
    case VMS_COUNT_I32: { int32_t v; memcpy(&v, p, 4); raw_n = v; break; }
    default: {
        assert(f->count == VMS_COUNT_U32);   /* the tables are the program's own */
        uint32_t v;
        memcpy(&v, p, 4);
        raw_n = v;
    }
    }
    if (raw_n < 0 || raw_n > f->num)
        return ERR(err, -EINVAL, "%s/%s: element count %" PRId64 " outside 0..%" PRIu32,
                   d->name, f->name, raw_n, f->num);
    *n = (uint32_t)raw_n;
    return 0;
}

/* QEMU's vmsd_can_compress: one JSON object may stand for all elements. */
static bool can_compress(const VmsField *f)
{
    if (f->test)
        return false;
    if (f->kind == VMS_K_STRUCT) {
        for (const VmsField *sf = f->vmsd->fields; sf->kind != VMS_K_END; sf++)
            if (!can_compress(sf))
                return false;
        if (f->vmsd->subsections)
            return false;
    }
    return true;
}

/* JSON field name: the declared name, with "[k]" when the name occurs more than once in
 * the declared list (k = its position among the same-named entries). */
static void field_json_name(const VmsDesc *d, const VmsField *f, char *out, size_t n)
{
    int same = 0, k = 0;
    for (const VmsField *g = d->fields; g->kind != VMS_K_END; g++) {
        if (strcmp(g->name, f->name) != 0)
            continue;
        if (g < f)
            k++;
        same++;
    }
    if (same > 1)
        snprintf(out, n, "%s[%d]", f->name, k);
    else
        snprintf(out, n, "%s", f->name);
}

static int save_body(Stream *s, const VmsDesc *d, void *opaque, int version, JsonBuf *json,
                     Err *err);

static int save_elem(Stream *s, const VmsField *f, void *opaque, uint8_t *elem, JsonBuf *jl,
                     Err *err)
{
    switch (f->kind) {
    case VMS_K_ELEM:
        return f->info->put(s, elem, f->size, f, err);
    case VMS_K_STRUCT:
        return save_body(s, f->vmsd, elem, f->vmsd->version, jl, err);
    default: {
        assert(f->kind == VMS_K_TMP);
        void *tmp = xzalloc(f->size);
        *(void **)tmp = opaque;
        int r = save_body(s, f->vmsd, tmp, f->vmsd->version, jl, err);
        free(tmp);
        return r;
    }
    }
}

static int save_field(Stream *s, const VmsDesc *d, const VmsField *f, void *opaque,
                      JsonBuf *json, Err *err)
{
    uint32_t n;
    int r = field_count(d, f, opaque, &n, err);
    if (r < 0)
        return r;
    char name[300];
    if (json)
        field_json_name(d, f, name, sizeof name);
    JsonBuf *jl = json;
    bool compress = can_compress(f);
    for (uint32_t i = 0; i < n; i++) {
        uint8_t *elem = (uint8_t *)opaque + f->offset + (size_t)i * f->size;
        if (jl) {
            json_open(jl, NULL, '{');
            json_str(jl, "name", name);
            if (n > 1)
                json_int(jl, compress ? "array_len" : "index", compress ? n : i);
            json_str(jl, "type", f->kind == VMS_K_STRUCT ? "struct" : f->kind == VMS_K_TMP ? "tmp" :
                                 f->info->name ? f->info->name : "unknown");
            if (f->kind == VMS_K_STRUCT)
                json_open(jl, "struct", '{');
        }
        uint64_t t0 = stream_tell(s);
        r = save_elem(s, f, opaque, elem, jl, err);
        if (!r && stream_error(s))
            r = stream_fail(s, err);
        if (r < 0) {
            err_prefix(err, n > 1 ? "%s/%s element %u" : "%s/%s", d->name, f->name, i);
            return r;
        }
        if (jl) {
            if (f->kind == VMS_K_STRUCT)
                json_close(jl, '}');
            json_int(jl, "size", (int64_t)(stream_tell(s) - t0));
            json_close(jl, '}');
            if (compress)
                jl = NULL;
        }
    }
    return 0;
}

static int save_subsections(Stream *s, const VmsDesc *d, void *opaque, JsonBuf *json, Err *err)
{
    bool any = false;
    for (const VmsDesc *const *sub = d->subsections; sub && *sub; sub++) {
        const VmsDesc *sd = *sub;
        if (sd->needed && !sd->needed(opaque))
            continue;
        assert(strlen(sd->name) <= 255);   /* a table's name; the wire has one length byte */
        if (json) {
            if (!any)
                json_open(json, "subsections", '[');
            json_open(json, NULL, '{');
        }
        any = true;
        stream_put_u8(s, VMS_SUBSECTION);
        stream_put_str8(s, sd->name);
        stream_put_be32(s, (uint32_t)sd->version);
        int r = save_body(s, sd, opaque, sd->version, json, err);
        if (r < 0)
            return r;
        if (json)
            json_close(json, '}');
    }
    if (json && any)
        json_close(json, ']');
    return 0;
}

/* Appends the members vmsd_name, version, fields[, subsections] to the open JSON object. */
static int save_body(Stream *s, const VmsDesc *d, void *opaque, int version, JsonBuf *json,
                     Err *err)
{
    int r = 0;
    if (d->pre_save && (r = d->pre_save(opaque, err)) < 0) {
        ERR(err, r, "pre_save failed");
        err_prefix(err, "%s", d->name);
        return r;
    }
    if (json) {
        json_str(json, "vmsd_name", d->name);
        json_int(json, "version", version);
        json_open(json, "fields", '[');
    }
    for (const VmsField *f = d->fields; f && f->kind != VMS_K_END; f++) {
        if (f->kind == VMS_K_VALIDATE || !field_present(f, opaque, version))
            continue;
        if ((r = save_field(s, d, f, opaque, json, err)) < 0)
            break;
    }
    if (json)
        json_close(json, ']');
    if (!r)
        r = save_subsections(s, d, opaque, json, err);
    if (d->post_save)
        d->post_save(opaque);
    if (!r && stream_error(s))
        r = stream_fail(s, err);
    return r;
}

int vms_save(Stream *s, const VmsDesc *d, void *opaque, JsonBuf *json, Err *err)
{
    Err local = { 0 };
    if (!err)
        err = &local;
    if (stream_error(s))
        return stream_fail(s, err);
    bool whole = json && json->len == 0;
    if (whole)
        json_open(json, NULL, '{');
    int r = save_body(s, d, opaque, d->version, json, err);
    if (whole)
        json_close(json, '}');
    if (r < 0 && !stream_error(s))
        stream_set_error(s, r, "%s", err->msg);
    return r;
}

static int load_body(Stream *s, const VmsDesc *d, void *opaque, int version, Err *err);

static int load_elem(Stream *s, const VmsField *f, void *opaque, uint8_t *elem, Err *err)
{
    switch (f->kind) {
    case VMS_K_ELEM:
        return f->info->get(s, elem, f->size, f, err);
    case VMS_K_STRUCT:
        return load_body(s, f->vmsd, elem, f->vmsd->version, err);
    default: {
        assert(f->kind == VMS_K_TMP);
        void *tmp = xzalloc(f->size);
        *(void **)tmp = opaque;
        int r = load_body(s, f->vmsd, tmp, f->vmsd->version, err);
        free(tmp);
        return r;
    }
    }
}

/* A printable copy of an untrusted name for messages. */
static void printable(char *out, const uint8_t *raw, size_t n)
{
    for (size_t i = 0; i < n; i++)
        out[i] = raw[i] >= 0x20 && raw[i] < 0x7f ? (char)raw[i] : '?';
    out[n] = 0;
}

/* Note 4: QEMU's peek algorithm. */
static int load_subsections(Stream *s, const VmsDesc *d, void *opaque, Err *err)
{
    size_t plen = strlen(d->name);
    for (;;) {
        uint8_t pk[2 + 255];
        if (stream_peek(s, pk, 2) < 2 || pk[0] != VMS_SUBSECTION)
            return 0;
        size_t len = pk[1];
        if (len < plen + 1 || stream_peek(s, pk, 2 + len) < 2 + len ||
            memcmp(pk + 2, d->name, plen) != 0)
            return 0;
        const VmsDesc *sd = NULL;
        for (const VmsDesc *const *sub = d->subsections; sub && *sub; sub++)
            if (strlen((*sub)->name) == len && memcmp((*sub)->name, pk + 2, len) == 0)
                sd = *sub;
        if (!sd) {
            char name[256];
            printable(name, pk + 2, len);
            return ERR(err, -ENOENT, "%s: unknown subsection '%s'", d->name, name);
        }
        stream_skip(s, 2 + len);
        uint32_t raw_v = stream_get_be32(s);
        if (stream_error(s)) {
            stream_fail(s, err);
            err_prefix(err, "%s: subsection %s", d->name, sd->name);
            return err->code;
        }
        if (raw_v > INT_MAX)
            return ERR(err, -EINVAL, "%s: version %" PRIu32 " out of range", sd->name, raw_v);
        int r = load_body(s, sd, opaque, (int)raw_v, err);
        if (r < 0)
            return r;
    }
}

static int load_body(Stream *s, const VmsDesc *d, void *opaque, int version, Err *err)
{
    if (version > d->version)
        return ERR(err, -EINVAL, "%s: version %d is newer than this machine's %d", d->name,
                   version, d->version);
    if (version < d->min_version)
        return ERR(err, -EINVAL, "%s: version %d is older than the oldest accepted, %d",
                   d->name, version, d->min_version);
    int r;
    if (d->pre_load && (r = d->pre_load(opaque, err)) < 0) {
        ERR(err, r, "pre_load failed");
        err_prefix(err, "%s", d->name);
        return r;
    }
    for (const VmsField *f = d->fields; f && f->kind != VMS_K_END; f++) {
        if (f->kind == VMS_K_VALIDATE) {
            if (!f->test(opaque, version))
                return ERR(err, -EINVAL, "Input validation failed: %s/%s", d->name, f->name);
            continue;
        }
        if (!field_present(f, opaque, version))
            continue;
        uint32_t n;
        if ((r = field_count(d, f, opaque, &n, err)) < 0)
            return r;
        for (uint32_t i = 0; i < n; i++) {
            uint8_t *elem = (uint8_t *)opaque + f->offset + (size_t)i * f->size;
            r = load_elem(s, f, opaque, elem, err);
            if (!r && stream_error(s))
                r = stream_fail(s, err);
            if (r < 0) {
                err_prefix(err, n > 1 ? "%s/%s element %u" : "%s/%s", d->name, f->name, i);
                return r;
            }
        }
    }
    if ((r = load_subsections(s, d, opaque, err)) < 0)
        return r;
    if (d->post_load && (r = d->post_load(opaque, version, err)) < 0) {
        ERR(err, r, "post_load failed");
        err_prefix(err, "%s", d->name);
        return r;
    }
    return 0;
}

int vms_load(Stream *s, const VmsDesc *d, void *opaque, int version, Err *err)
{
    Err local = { 0 };
    if (!err)
        err = &local;
    if (stream_error(s))
        return stream_fail(s, err);
    int r = load_body(s, d, opaque, version, err);
    if (r < 0 && !stream_error(s))
        stream_set_error(s, r, "%s", err->msg);
    return r;
}
