/* img-json.c: JSON values printed byte for byte as QEMU 7.2 prints a QObject with
 * qobject_to_json_pretty(): objects and arrays open a line per member indented by 4 spaces
 * a level, strings escape quotes, backslashes, control and non-ASCII characters (\uXXXX,
 * upper-case hex, surrogate pairs; bytes that are not UTF-8 become U+FFFD). An object's
 * members come in the iteration order of QEMU's QDict: 512 buckets chosen by the TDB hash
 * of the key, a bucket's members most recent first; qemu-img's key order is exactly that. */
#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "emu/img/img.h"

enum { J_OBJ, J_ARR, J_INT, J_UINT, J_STR, J_BOOL };
enum { QDICT_BUCKETS = 512 };

struct QJson {
    int kind;
    int64_t i;
    uint64_t u;
    char *s;                  /* J_STR */
    QJson **items;             /* J_OBJ (values), J_ARR */
    char **keys;              /* J_OBJ */
    int n;
};

static QJson *node(int kind)
{
    QJson *j = xzalloc(sizeof *j);
    j->kind = kind;
    return j;
}

QJson *qjson_obj(void) { return node(J_OBJ); }
QJson *qjson_arr(void) { return node(J_ARR); }
QJson *qjson_int(int64_t v) { QJson *j = node(J_INT); j->i = v; return j; }
QJson *qjson_uint(uint64_t v) { QJson *j = node(J_UINT); j->u = v; return j; }
QJson *qjson_bool(bool v) { QJson *j = node(J_BOOL); j->i = v; return j; }

QJson *qjson_str(const char *s)
{
    QJson *j = node(J_STR);
    j->s = xstrdup(s);
    return j;
}

static void append(QJson *j, QJson *v)
{
    j->items = xrealloc(j->items, (size_t)(j->n + 1) * sizeof *j->items);
    j->items[j->n] = v;
    if (j->kind == J_OBJ)
        j->keys = xrealloc(j->keys, (size_t)(j->n + 1) * sizeof *j->keys);
    j->n++;
}

void qjson_add(QJson *arr, QJson *v)
{
    assert(arr->kind == J_ARR);
    append(arr, v);
}

void qjson_put(QJson *obj, const char *key, QJson *v)
{
    assert(obj->kind == J_OBJ);
    append(obj, v);
    obj->keys[obj->n - 1] = xstrdup(key);
}

void qjson_free(QJson *v)
{
    if (!v)
        return;
    for (int i = 0; i < v->n; i++) {
        qjson_free(v->items[i]);
        if (v->keys)
            free(v->keys[i]);
    }
    free(v->items);
    free(v->keys);
    free(v->s);
    free(v);
}

/* QEMU's qdict hash (the TDB hash), reduced to a bucket. */
static unsigned bucket(const char *key)
{
    uint32_t value = 0x238F13AFu * (uint32_t)strlen(key);
    for (unsigned i = 0; key[i]; i++)
        value += (uint32_t)(unsigned char)key[i] << (i * 5 % 24);
    return (1103515243u * value + 12345u) % QDICT_BUCKETS;
}

/* One UTF-8 sequence at p (n bytes left): its code point and length; -1 when malformed
 * (overlong, surrogate, beyond U+10FFFF, truncated). */
static int32_t utf8_next(const unsigned char *p, size_t n, size_t *len)
{
    *len = 1;
    if (p[0] < 0x80)
        return p[0];
    int extra = p[0] >= 0xf0 && p[0] < 0xf8 ? 3 : p[0] >= 0xe0 ? 2 : p[0] >= 0xc0 ? 1 : -1;
    if (extra < 0 || (size_t)extra >= n)
        return -1;
    int32_t cp = p[0] & (0x3f >> extra);
    for (int k = 1; k <= extra; k++) {
        if ((p[k] & 0xc0) != 0x80)
            return -1;
        cp = cp << 6 | (p[k] & 0x3f);
    }
    static const int32_t min[4] = { 0, 0x80, 0x800, 0x10000 };
    if (cp < min[extra] || cp > 0x10ffff || (cp >= 0xd800 && cp < 0xe000))
        return -1;
    *len = (size_t)extra + 1;
    return cp;
}

static void print_str(FILE *f, const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t n = strlen(s);
    fputc('"', f);
    while (n) {
        size_t len;
        int32_t cp = utf8_next(p, n, &len);
        p += len;
        n -= len;
        switch (cp) {
        case '"': fputs("\\\"", f); break;
        case '\\': fputs("\\\\", f); break;
        case '\b': fputs("\\b", f); break;
        case '\f': fputs("\\f", f); break;
        case '\n': fputs("\\n", f); break;
        case '\r': fputs("\\r", f); break;
        case '\t': fputs("\\t", f); break;
        default:
            if (cp < 0)
                cp = 0xfffd;
            if (cp > 0xffff)
                fprintf(f, "\\u%04X\\u%04X", 0xd800 + ((cp - 0x10000) >> 10),
                        0xdc00 + ((cp - 0x10000) & 0x3ff));
            else if (cp < 0x20 || cp >= 0x7f)
                fprintf(f, "\\u%04X", cp);
            else
                fputc(cp, f);
        }
    }
    fputc('"', f);
}

static void indent(FILE *f, int level)
{
    fprintf(f, "\n%*s", level * 4, "");
}

/* Member order of a QDict: ascending bucket, later insertions first in a bucket. */
static int *member_order(const QJson *j)
{
    int *ord = xmalloc((size_t)MAX(j->n, 1) * sizeof *ord);
    for (int i = 0; i < j->n; i++)
        ord[i] = i;
    for (int i = 1; i < j->n; i++) {         /* insertion sort: objects are small */
        int v = ord[i], k = i;
        unsigned bv = bucket(j->keys[v]);
        while (k > 0 && (bucket(j->keys[ord[k - 1]]) > bv ||
                         (bucket(j->keys[ord[k - 1]]) == bv && ord[k - 1] < v))) {
            ord[k] = ord[k - 1];
            k--;
        }
        ord[k] = v;
    }
    return ord;
}

static void print_at(FILE *f, const QJson *j, int level)
{
    switch (j->kind) {
    case J_INT: fprintf(f, "%" PRId64, j->i); return;
    case J_UINT: fprintf(f, "%" PRIu64, j->u); return;
    case J_BOOL: fputs(j->i ? "true" : "false", f); return;
    case J_STR: print_str(f, j->s); return;
    }
    bool obj = j->kind == J_OBJ;
    fputc(obj ? '{' : '[', f);
    int *ord = obj ? member_order(j) : NULL;
    for (int i = 0; i < j->n; i++) {
        int m = obj ? ord[i] : i;
        if (i)
            fputc(',', f);
        indent(f, level + 1);
        if (obj) {
            print_str(f, j->keys[m]);
            fputs(": ", f);
        }
        print_at(f, j->items[m], level + 1);
    }
    free(ord);
    if (j->n)
        indent(f, level);
    fputc(obj ? '}' : ']', f);
}

void qjson_print(FILE *f, const QJson *v)
{
    print_at(f, v, 0);
}
