/* stream.c: the buffered savevm byte stream declared in stream.h.
 *
 * One buffer serves both directions. Writing: bytes collect in buf[0..fill) and go to the
 * backend at backend offset `boff` when the buffer is full or on close; a put larger than
 * the buffer goes straight to the backend after a flush (RAM pages are written from guest
 * memory without a copy). Reading: buf[pos..fill) holds bytes read from the backend but not
 * yet consumed; a large get reads straight into the caller's memory once the buffer is
 * drained. The borrowed-memory reader uses the caller's buffer as `buf` with fill = len and
 * never refills; the membuf writer grows `buf` instead of flushing.
 *
 * Invariants:
 *   1. `err` is 0 until the first failure; after it, puts do nothing and gets return zeros.
 *   2. `tell` = bytes put or consumed so far = boff + fill (writer) / boff - (fill - pos)
 *      (reader); kept as its own counter so that it is exact in every mode.
 *   3. No byte is read from buf outside [pos, fill); fill <= cap. */
#include "snapshot/stream.h"

#include "block/qcow2.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum { STREAM_BUF = 256 * 1024, STREAM_PEEK_MAX = 256 + 8 };

typedef enum { MODE_OPS, MODE_MEM, MODE_MEMBUF } StreamMode;

struct Stream {
    StreamMode mode;
    bool writing;
    const StreamOps *ops;   /* MODE_OPS */
    void *opaque;
    uint8_t *buf;           /* owned, except MODE_MEM (borrowed, read-only) */
    size_t cap, pos, fill;  /* invariant 3 */
    uint64_t boff;          /* backend offset of the next backend read / write */
    uint64_t tell;          /* invariant 2 */
    bool eof;               /* reader: the backend returned a short read */
    int err;                /* invariant 1 */
    char msg[512];
};

static Stream *stream_new(StreamMode mode, bool writing)
{
    Stream *s = xzalloc(sizeof *s);
    s->mode = mode;
    s->writing = writing;
    return s;
}

Stream *stream_open_ops(const StreamOps *ops, void *opaque, bool writing)
{
    Stream *s = stream_new(MODE_OPS, writing);
    s->ops = ops;
    s->opaque = opaque;
    s->cap = STREAM_BUF;
    s->buf = xmalloc(s->cap);
    return s;
}

/* ---- file descriptor backend: sequential read()/write(), so pipes work too ---- */
static int fd_write(void *opaque, uint64_t off, const void *buf, size_t len, Err *err)
{
    int fd = (int)(intptr_t)opaque;
    const uint8_t *p = buf;
    while (len) {
        ssize_t n = write(fd, p, len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return ERR(err, n < 0 ? -errno : -EIO, "stream: write failed at offset %" PRIu64 ": %s",
                       off, n < 0 ? strerror(errno) : "no progress");
        p += n;
        len -= (size_t)n;
        off += (uint64_t)n;
    }
    return 0;
}

static long fd_read(void *opaque, uint64_t off, void *buf, size_t len, Err *err)
{
    int fd = (int)(intptr_t)opaque;
    size_t got = 0;
    while (got < len) {
        ssize_t n = read(fd, (uint8_t *)buf + got, len - got);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return ERR(err, -errno, "stream: read failed at offset %" PRIu64 ": %s", off + got,
                       strerror(errno));
        if (n == 0)
            break;
        got += (size_t)n;
    }
    return (long)got;
}

static const StreamOps fd_ops = { .write = fd_write, .read = fd_read };

Stream *stream_open_fd(int fd, bool writing)
{
    return stream_open_ops(&fd_ops, (void *)(intptr_t)fd, writing);
}

/* ---- qcow2 VM-state backend (block/qcow2.h) ---- */
typedef struct VmRead { Qcow2 *q; int index; } VmRead;

static long vm_read(void *opaque, uint64_t off, void *buf, size_t len, Err *err)
{
    VmRead *v = opaque;
    return qcow2_vmstate_read(v->q, v->index, off, buf, len, err);
}

static int vm_read_close(void *opaque, Err *err)
{
    free(opaque);
    return 0;
}

static int vm_write(void *opaque, uint64_t off, const void *buf, size_t len, Err *err)
{
    return qcow2_vmstate_write(opaque, off, buf, len, err);
}

static const StreamOps vm_read_ops = { .read = vm_read, .close = vm_read_close };
static const StreamOps vm_write_ops = { .write = vm_write };

Stream *stream_open_vmstate_read(Qcow2 *q, int index)
{
    VmRead *v = xmalloc(sizeof *v);
    *v = (VmRead){ q, index };
    return stream_open_ops(&vm_read_ops, v, false);
}

Stream *stream_open_vmstate_write(Qcow2VmWriter *w)
{
    return stream_open_ops(&vm_write_ops, w, true);
}

Stream *stream_open_mem(const uint8_t *buf, size_t len)
{
    Stream *s = stream_new(MODE_MEM, false);
    s->buf = (uint8_t *)buf;   /* never written through in MODE_MEM */
    s->cap = s->fill = len;
    s->eof = true;
    return s;
}

Stream *stream_open_membuf(void)
{
    Stream *s = stream_new(MODE_MEMBUF, true);
    s->cap = 4096;
    s->buf = xmalloc(s->cap);
    return s;
}

const uint8_t *stream_membuf(const Stream *s, size_t *len)
{
    if (s->mode != MODE_MEMBUF) {
        *len = 0;
        return NULL;
    }
    *len = s->fill;
    return s->buf;
}

int stream_set_error(Stream *s, int code, const char *fmt, ...)
{
    if (s->err)
        return code;
    s->err = code < 0 ? code : -EINVAL;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(s->msg, sizeof s->msg, fmt, ap);
    va_end(ap);
    return code;
}

static void set_err_from(Stream *s, const Err *e, int code)
{
    stream_set_error(s, code, "%s", e->code ? e->msg : "stream: backend failure");
}

int stream_error(const Stream *s) { return s->err; }
const char *stream_error_msg(const Stream *s) { return s->err ? s->msg : ""; }
uint64_t stream_tell(const Stream *s) { return s->tell; }

/* ---- writing ---- */
static void backend_write(Stream *s, const void *p, size_t len)
{
    if (!len || s->err)
        return;
    Err e = { 0 };
    int r = s->ops->write(s->opaque, s->boff, p, len, &e);
    if (r < 0) {
        set_err_from(s, &e, r);
        return;
    }
    s->boff += len;
}

static void flush(Stream *s)
{
    if (s->mode == MODE_OPS && s->writing && s->fill) {
        backend_write(s, s->buf, s->fill);
        s->fill = 0;
    }
}

/* Makes room for n more bytes in the write buffer; false when the stream failed. */
static bool reserve(Stream *s, size_t n)
{
    if (s->err)
        return false;
    if (!s->writing) {
        stream_set_error(s, -EBADF, "stream: put on a stream opened for reading");
        return false;
    }
    if (n <= s->cap - s->fill)
        return true;
    if (s->mode == MODE_MEMBUF) {
        size_t need;
        if (ADD_OVERFLOWS(s->fill, n, &need) || need > SIZE_MAX / 2) {
            stream_set_error(s, -ENOMEM, "stream: memory buffer too large");
            return false;
        }
        size_t cap = s->cap;
        while (cap < need)
            cap *= 2;
        s->buf = xrealloc(s->buf, cap);
        s->cap = cap;
        return true;
    }
    flush(s);
    return !s->err;
}

void stream_put_buf(Stream *s, const void *buf, size_t len)
{
    if (s->err || !len)
        return;
    if (s->mode == MODE_OPS && s->writing && len >= s->cap) {
        flush(s);
        backend_write(s, buf, len);
        if (!s->err)
            s->tell += len;
        return;
    }
    if (!reserve(s, len))
        return;
    memcpy(s->buf + s->fill, buf, len);
    s->fill += len;
    s->tell += len;
}

void stream_put_u8(Stream *s, uint8_t v)
{
    if (!reserve(s, 1))
        return;
    s->buf[s->fill++] = v;
    s->tell++;
}

void stream_put_be16(Stream *s, uint16_t v)
{
    uint8_t b[2];
    put_be16(b, v);
    stream_put_buf(s, b, 2);
}

void stream_put_be32(Stream *s, uint32_t v)
{
    uint8_t b[4];
    put_be32(b, v);
    stream_put_buf(s, b, 4);
}

void stream_put_be64(Stream *s, uint64_t v)
{
    uint8_t b[8];
    put_be64(b, v);
    stream_put_buf(s, b, 8);
}

void stream_put_str8(Stream *s, const char *str)
{
    size_t n = strlen(str);
    if (n > 255) {
        stream_set_error(s, -EINVAL, "stream: string of %zu bytes does not fit a length byte", n);
        return;
    }
    stream_put_u8(s, (uint8_t)n);
    stream_put_buf(s, str, n);
}

/* ---- reading ---- */
/* Tries to have at least n unconsumed bytes in the buffer (n <= cap); returns how many are
 * available. Never sets the error for a plain end of data (the caller decides). */
static size_t fill_to(Stream *s, size_t n)
{
    size_t avail = s->fill - s->pos;
    if (avail >= n || s->eof || s->err || s->mode != MODE_OPS)
        return avail;
    if (s->pos) {
        memmove(s->buf, s->buf + s->pos, avail);
        s->fill = avail;
        s->pos = 0;
    }
    while (s->fill < n && !s->eof) {
        Err e = { 0 };
        long r = s->ops->read(s->opaque, s->boff, s->buf + s->fill, s->cap - s->fill, &e);
        if (r < 0) {
            set_err_from(s, &e, (int)r);
            break;
        }
        if ((size_t)r < s->cap - s->fill)
            s->eof = true;
        s->fill += (size_t)r;
        s->boff += (uint64_t)r;
    }
    return s->fill - s->pos;
}

static void truncated(Stream *s, size_t want, size_t have)
{
    stream_set_error(s, -EINVAL, "stream: unexpected end of data at offset %" PRIu64
                     " (needed %zu bytes, %zu left)", s->tell - have, want, have);
}

static bool read_ok(Stream *s)
{
    if (s->err)
        return false;
    if (s->writing) {
        stream_set_error(s, -EBADF, "stream: get on a stream opened for writing");
        return false;
    }
    return true;
}

void stream_get_buf(Stream *s, void *buf, size_t len)
{
    uint8_t *out = buf;
    if (!read_ok(s)) {
        memset(buf, 0, len);
        return;
    }
    size_t done = 0;
    while (done < len) {
        size_t avail = s->fill - s->pos;
        if (!avail) {
            size_t rest = len - done;
            if (s->mode == MODE_OPS && !s->eof && rest >= s->cap) {
                /* Large read straight into the caller's memory. */
                Err e = { 0 };
                long r = s->ops->read(s->opaque, s->boff, out + done, rest, &e);
                if (r < 0) {
                    set_err_from(s, &e, (int)r);
                    break;
                }
                if ((size_t)r < rest)
                    s->eof = true;
                s->boff += (uint64_t)r;
                s->tell += (uint64_t)r;
                done += (size_t)r;
                continue;
            }
            avail = fill_to(s, MIN(rest, s->cap));
            if (!avail)
                break;
        }
        size_t n = MIN(avail, len - done);
        memcpy(out + done, s->buf + s->pos, n);
        s->pos += n;
        s->tell += n;
        done += n;
    }
    if (done < len) {
        truncated(s, len, done);
        memset(out, 0, len);
    }
}

uint8_t stream_get_u8(Stream *s)
{
    if (!read_ok(s))
        return 0;
    if (s->pos < s->fill || fill_to(s, 1)) {
        s->tell++;
        return s->buf[s->pos++];
    }
    truncated(s, 1, 0);
    return 0;
}

uint16_t stream_get_be16(Stream *s)
{
    uint8_t b[2];
    stream_get_buf(s, b, 2);
    return be16(b);
}

uint32_t stream_get_be32(Stream *s)
{
    uint8_t b[4];
    stream_get_buf(s, b, 4);
    return be32(b);
}

uint64_t stream_get_be64(Stream *s)
{
    uint8_t b[8];
    stream_get_buf(s, b, 8);
    return be64(b);
}

void stream_skip(Stream *s, uint64_t len)
{
    if (!read_ok(s))
        return;
    uint64_t start = s->tell;
    while (len) {
        size_t avail = s->fill - s->pos;
        if (!avail)
            avail = fill_to(s, (size_t)MIN(len, (uint64_t)s->cap));
        if (!avail) {
            stream_set_error(s, -EINVAL, "stream: unexpected end of data at offset %" PRIu64
                             " (skipping %" PRIu64 " more bytes from offset %" PRIu64 ")",
                             s->tell, len, start);
            return;
        }
        size_t n = (size_t)MIN((uint64_t)avail, len);
        s->pos += n;
        s->tell += n;
        len -= n;
    }
}

size_t stream_peek(Stream *s, uint8_t *buf, size_t n)
{
    if (n > STREAM_PEEK_MAX)
        n = STREAM_PEEK_MAX;
    if (!read_ok(s))
        return 0;
    size_t avail = fill_to(s, n);
    if (avail > n)
        avail = n;
    memcpy(buf, s->buf + s->pos, avail);
    return avail;
}

int stream_close(Stream *s, Err *err)
{
    if (!s)
        return 0;
    flush(s);
    if (s->mode == MODE_OPS && s->ops->close) {
        Err e = { 0 };
        int r = s->ops->close(s->opaque, &e);
        if (r < 0)
            set_err_from(s, &e, r);
    }
    int ret = s->err;
    if (ret)
        ERR(err, ret, "%s", s->msg);
    if (s->mode != MODE_MEM)
        free(s->buf);
    free(s);
    return ret;
}
