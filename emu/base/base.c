/* base.c: Err records, allocation and trace output declared in base.h. */
#include "emu/base/base.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

unsigned trace_mask;
static FILE *trace_file;

int err_set(Err *e, int code, const char *func, int line, const char *fmt, ...)
{
    if (!e || e->code)
        return code;
    e->code = code;
    e->func = func;
    e->line = line;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(e->msg, sizeof e->msg, fmt, ap);
    va_end(ap);
    return code;
}

void err_prefix(Err *e, const char *fmt, ...)
{
    if (!e || !e->code)
        return;
    char head[256], old[sizeof e->msg];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(head, sizeof head, fmt, ap);
    va_end(ap);
    memcpy(old, e->msg, sizeof old);
    size_t h = strlen(head);
    if (h > sizeof e->msg - 3)
        h = sizeof e->msg - 3;
    memcpy(e->msg, head, h);
    memcpy(e->msg + h, ": ", 2);
    size_t rest = sizeof e->msg - h - 3;
    size_t n = strnlen(old, rest);
    memcpy(e->msg + h + 2, old, n);
    e->msg[h + 2 + n] = 0;
}

void err_clear(Err *e)
{
    if (e)
        memset(e, 0, sizeof *e);
}

static void *check_alloc(void *p, size_t n)
{
    if (!p && n) {
        fprintf(stderr, "pcemu: out of memory allocating %zu bytes\n", n);
        abort();
    }
    return p;
}

void *xmalloc(size_t n) { return check_alloc(malloc(n ? n : 1), n); }
void *xzalloc(size_t n) { return check_alloc(calloc(1, n ? n : 1), n); }
void *xrealloc(void *p, size_t n) { return check_alloc(realloc(p, n ? n : 1), n); }
char *xstrdup(const char *s) { return check_alloc(strdup(s), strlen(s) + 1); }

void trace_set_file(const char *path)
{
    if (trace_file && trace_file != stderr)
        fclose(trace_file);
    trace_file = path ? fopen(path, "w") : NULL;
}

int trace_parse(const char *list, unsigned *mask)
{
    static const struct { const char *name; unsigned bit; } names[] = {
        { "cpu", TRACE_CPU }, { "int", TRACE_INT }, { "io", TRACE_IO }, { "dev", TRACE_DEV },
        { "block", TRACE_BLOCK }, { "snap", TRACE_SNAP }, { "mmu", TRACE_MMU },
    };
    unsigned m = 0;
    const char *p = list;
    while (*p) {
        size_t n = strcspn(p, ",");
        bool found = false;
        for (size_t i = 0; i < ARRAY_SIZE(names); i++)
            if (strlen(names[i].name) == n && !strncmp(p, names[i].name, n)) {
                m |= names[i].bit;
                found = true;
            }
        if (!found)
            return -EINVAL;
        p += n + (p[n] == ',');
    }
    *mask = m;
    return 0;
}

void trace_printf(const char *fmt, ...)
{
    FILE *f = trace_file ? trace_file : stderr;
    va_list ap;
    va_start(ap, fmt);
    vfprintf(f, fmt, ap);
    va_end(ap);
    fputc('\n', f);
}
