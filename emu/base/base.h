/* base.h: what every pcemu file may use. Byte order helpers, the Err record with ERR(),
 * checked arithmetic, allocation that never returns NULL, run-time trace categories.
 * libc only; includable from every layer (style.md section 1). */
#ifndef PCEMU_BASE_H
#define PCEMU_BASE_H

#include <errno.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define MIN(a, b) ((a) < (b) ? (a) : (b))
#define MAX(a, b) ((a) > (b) ? (a) : (b))
#define PRINTF_LIKE(f, a) __attribute__((format(printf, f, a)))

/* ---- byte order: decode from and encode into byte arrays, never by laying structs ---- */
static inline uint16_t be16(const uint8_t *p) { return (uint16_t)(p[0] << 8 | p[1]); }
static inline uint32_t be32(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}
static inline uint64_t be64(const uint8_t *p) { return (uint64_t)be32(p) << 32 | be32(p + 4); }
static inline void put_be16(uint8_t *p, uint16_t v) { p[0] = v >> 8; p[1] = (uint8_t)v; }
static inline void put_be32(uint8_t *p, uint32_t v)
{
    p[0] = v >> 24; p[1] = (uint8_t)(v >> 16); p[2] = (uint8_t)(v >> 8); p[3] = (uint8_t)v;
}
static inline void put_be64(uint8_t *p, uint64_t v) { put_be32(p, v >> 32); put_be32(p + 4, (uint32_t)v); }
static inline uint16_t le16(const uint8_t *p) { return (uint16_t)(p[0] | p[1] << 8); }
static inline uint32_t le32(const uint8_t *p)
{
    return p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}
static inline uint64_t le64(const uint8_t *p) { return le32(p) | (uint64_t)le32(p + 4) << 32; }
static inline void put_le16(uint8_t *p, uint16_t v) { p[0] = (uint8_t)v; p[1] = v >> 8; }
static inline void put_le32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)v; p[1] = (uint8_t)(v >> 8); p[2] = (uint8_t)(v >> 16); p[3] = v >> 24;
}
static inline void put_le64(uint8_t *p, uint64_t v) { put_le32(p, (uint32_t)v); put_le32(p + 4, v >> 32); }

/* ---- errors ----
 * Bad input is reported as a negative errno plus an Err filled by ERR(), which records
 * where it was raised. The first error set is kept: the innermost function knows most,
 * callers add context with err_prefix(). Err may be NULL when the caller does not care. */
typedef struct Err {
    int code;           /* 0 = no error, else a negative errno */
    const char *func;   /* where the first error was raised */
    int line;
    char msg[512];      /* one line, no trailing newline */
} Err;

int err_set(Err *e, int code, const char *func, int line, const char *fmt, ...) PRINTF_LIKE(5, 6);
void err_prefix(Err *e, const char *fmt, ...) PRINTF_LIKE(2, 3);
void err_clear(Err *e);
/* Returns code (a negative errno), so `return ERR(err, -EINVAL, "...")` reads naturally. */
#define ERR(e, code, ...) err_set((e), (code), __func__, __LINE__, __VA_ARGS__)

/* ---- checked arithmetic: true when the result overflowed ---- */
#define ADD_OVERFLOWS(a, b, res) __builtin_add_overflow((a), (b), (res))
#define MUL_OVERFLOWS(a, b, res) __builtin_mul_overflow((a), (b), (res))
static inline bool is_pow2(uint64_t v) { return v && !(v & (v - 1)); }
static inline uint64_t align_up(uint64_t v, uint64_t a) { return (v + a - 1) & ~(a - 1); }

/* ---- allocation: abort on exhaustion (not on input: callers cap sizes first) ---- */
void *xmalloc(size_t n);
void *xzalloc(size_t n);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);

/* ---- tracing: run-time categories, off by default (pcemu -d CAT,CAT) ---- */
enum {
    TRACE_CPU = 1u << 0,   /* exceptions, mode switches */
    TRACE_INT = 1u << 1,   /* interrupts taken */
    TRACE_IO = 1u << 2,    /* port accesses nobody claims */
    TRACE_DEV = 1u << 3,   /* device register oddities */
    TRACE_BLOCK = 1u << 4, /* qcow2 metadata decisions */
    TRACE_SNAP = 1u << 5,  /* savevm/loadvm sections */
    TRACE_MMU = 1u << 6,   /* page faults */
};
extern unsigned trace_mask;  /* process-wide logging switch, not machine state */
void trace_set_file(const char *path);  /* -D; NULL = stderr */
int trace_parse(const char *list, unsigned *mask);  /* "cpu,int" -> mask; -EINVAL on a bad name */
void trace_printf(const char *fmt, ...) PRINTF_LIKE(1, 2);
#define trace(cat, ...) \
    do { if (trace_mask & (cat)) trace_printf(__VA_ARGS__); } while (0)

#endif
