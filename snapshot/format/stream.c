/* stream.c: the buffered savevm byte stream declared in stream.h.
 *
 * One buffer serves both directions. Writing: bytes collect in buf[0..fill) and go to the
 * backend at backend offset `boff` when the buffer is full or on close; a put larger than
 * what is left tops the buffer up, flushes it and sends whole buffers' worth straight from
 * the caller's memory (invariant 5). A writer whose backend has a writev (fd, qcow2 VM
 * state) also takes RAM pages by reference and writes them from guest memory (invariant 4). Reading: buf[pos..fill) holds
 * bytes read from the backend but not yet consumed; a large get reads straight into the
 * caller's memory once the buffer is drained; a reader whose backend has readv also lends
 * its read position to stream_peek_direct, which fills the caller's iovecs from the
 * buffered bytes and then the backend without consuming (stream_consume_direct moves pos,
 * then boff, past what the caller accepted). The borrowed-memory reader uses the caller's
 * buffer as `buf` with fill = len and never refills; the membuf writer grows `buf` instead
 * of flushing.
 *
 * Invariants:
 *   1. `err` is 0 until the first failure; after it, puts do nothing and gets return zeros.
 *   2. `tell` = bytes put or consumed so far = boff + fill (writer) / boff - (fill - pos)
 *      (reader); kept as its own counter so that it is exact in every mode.
 *   3. No byte is read from buf outside [pos, fill); fill <= cap (writer), fill < cap +
 *      STREAM_ALIGN (reader, 6).
 *   4. Writer with borrowed pieces: the bytes still to be written are iov[0..niov) then
 *      buf[seg..fill), in stream order; buf is not reused before they are written.
 *   5. Writer without borrowed pieces: every backend write but the last is a multiple of cap
 *      bytes at a multiple of cap, so a qcow2 VM-state writer gets whole, cluster-aligned
 *      pieces that it writes without a copy.
 *   6. Reader: buf[pos] holds the byte at backend offset boff - (fill - pos), and
 *      (boff - (fill - pos)) % STREAM_ALIGN == pos % STREAM_ALIGN after every refill, so the
 *      kernel's copy into buf and our copies out of it see the same cache-line phase as the
 *      page cache (a misaligned copy costs up to 3x on x86). buf has cap + STREAM_ALIGN
 *      bytes; a refill reads at most cap bytes of new and kept data together. */
#include "snapshot/format/stream.h"

#include "block/block.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/uio.h>
#include <unistd.h>

enum {
    STREAM_BUF = 256 * 1024, STREAM_READ_BUF = 64 * 1024, STREAM_PEEK_MAX = 256 + 8,
    STREAM_IOV = 1024, STREAM_REF_MIN = 512,
    STREAM_ALIGN = 64, STREAM_FIRST_READ = 16 * 1024,
};

typedef enum { MODE_OPS, MODE_MEM, MODE_MEMBUF } StreamMode;

struct Stream {
    StreamMode mode;
    bool writing;
    const StreamOps *ops;   /* MODE_OPS */
    void *opaque;
    uint8_t *buf;           /* MODE_OPS: mem rounded up to STREAM_ALIGN; MODE_MEMBUF: mem;
                               MODE_MEM: borrowed, read-only */
    uint8_t *mem;           /* owned allocation behind buf (NULL for MODE_MEM) */
    size_t cap, pos, fill;  /* invariant 3 */
    uint64_t boff;          /* backend offset of the next backend read / write */
    uint64_t tell;          /* invariant 2 */
    bool eof;               /* reader: the backend returned a short read */
    size_t ramp;            /* reader: bytes the next refill reads at most (but what the
                               caller needs): STREAM_FIRST_READ, doubling up to cap, so a
                               short read (loadvm's head check) faults in no more of buf */
    int err;                /* invariant 1 */
    char msg[512];
    /* writer with ops->writev: pending output as an iovec list of buffer segments and
     * borrowed caller memory (stream_put_buf_ref), written on flush; buf[seg..fill) is the
     * buffer part not yet listed. */
    struct iovec *iov;
    int niov;
    size_t seg;
    StreamProgressFn *progress;   /* told the backend offset after each transfer, or NULL */
    void *progress_opaque;
};

/* memcpy for page-sized pieces whose two ends have different cache-line phases (the
 * stream's 8- and 9-byte record headers put every RAM page payload off its alignment on
 * one side): the stores are made 16-byte aligned after a short head and the loads take the
 * misalignment, which x86 handles at full speed where split stores (and the string
 * instructions libc and the kernel use for this size) run up to 3x slower. */
typedef uint8_t StreamV16 __attribute__((vector_size(16)));

static void copy_aligning_stores(uint8_t *d, const uint8_t *s, size_t n)
{
    size_t head = (16 - (uintptr_t)d % 16) % 16;
    if (n < 256 || head + 64 > n) {
        memcpy(d, s, n);
        return;
    }
    memcpy(d, s, head);
    d += head;
    s += head;
    n -= head;
    for (; n >= 64; d += 64, s += 64, n -= 64) {
        StreamV16 a, b, c, e;
        memcpy(&a, s, 16);
        memcpy(&b, s + 16, 16);
        memcpy(&c, s + 32, 16);
        memcpy(&e, s + 48, 16);
        memcpy(d, &a, 16);
        memcpy(d + 16, &b, 16);
        memcpy(d + 32, &c, 16);
        memcpy(d + 48, &e, 16);
    }
    memcpy(d, s, n);
}

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
    /* a reader's buffer holds only what is parsed record by record (page bytes go
     * straight to their pages), and each of its pages is a fault in a fresh process */
    s->cap = writing ? STREAM_BUF : STREAM_READ_BUF;
    s->ramp = STREAM_FIRST_READ;
    s->mem = xmalloc(s->cap + 2 * STREAM_ALIGN);
    s->buf = s->mem + (STREAM_ALIGN - (uintptr_t)s->mem % STREAM_ALIGN) % STREAM_ALIGN;
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

/* Writes iov[0..n) in full (writev, continuing after short writes). */
static int fd_writev(void *opaque, uint64_t off, const struct iovec *iov, int n, Err *err)
{
    int fd = (int)(intptr_t)opaque;
    size_t skip = 0;   /* bytes of iov[0] already written */
    while (n > 0) {
        struct iovec v[STREAM_IOV];
        int k = MIN(n, STREAM_IOV);
        memcpy(v, iov, (size_t)k * sizeof *v);
        v[0].iov_base = (uint8_t *)v[0].iov_base + skip;
        v[0].iov_len -= skip;
        ssize_t w = writev(fd, v, k);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return ERR(err, w < 0 ? -errno : -EIO, "stream: write failed at offset %" PRIu64
                       ": %s", off, w < 0 ? strerror(errno) : "no progress");
        off += (uint64_t)w;
        size_t left = (size_t)w + skip;
        while (n > 0 && left >= iov->iov_len) {
            left -= iov->iov_len;
            iov++;
            n--;
        }
        skip = left;
    }
    return 0;
}

static const StreamOps fd_ops = { .write = fd_write, .read = fd_read, .writev = fd_writev };

Stream *stream_open_fd(int fd, bool writing)
{
    return stream_open_ops(&fd_ops, (void *)(intptr_t)fd, writing);
}

/* ---- VM-state backend (block/block.h) ---- */
typedef struct VmRead { BlockDev *b; int index; } VmRead;

static long vm_read(void *opaque, uint64_t off, void *buf, size_t len, Err *err)
{
    VmRead *v = opaque;
    return blk_vmstate_read(v->b, v->index, off, buf, len, err);
}

static int vm_read_close(void *opaque, Err *err)
{
    VmRead *v = opaque;
    const uint8_t *view;
    size_t got;
    blk_vmstate_view(v->b, v->index, 0, 0, &view, &got, err);   /* releases the last view */
    free(v);
    return 0;
}

static int vm_write(void *opaque, uint64_t off, const void *buf, size_t len, Err *err)
{
    return blk_vmstate_write(opaque, off, buf, len, err);
}

static int vm_writev(void *opaque, uint64_t off, const struct iovec *iov, int n, Err *err)
{
    return blk_vmstate_writev(opaque, off, iov, n, err);
}

static long vm_readv(void *opaque, uint64_t off, const struct iovec *iov, int n, Err *err)
{
    VmRead *v = opaque;
    return blk_vmstate_readv(v->b, v->index, off, iov, n, err);
}

static int vm_view(void *opaque, uint64_t off, size_t len, const uint8_t **view, size_t *got,
                   Err *err)
{
    VmRead *v = opaque;
    return blk_vmstate_view(v->b, v->index, off, len, view, got, err);
}

static const StreamOps vm_read_ops = { .read = vm_read, .close = vm_read_close,
                                       .readv = vm_readv, .view = vm_view };
static const StreamOps vm_write_ops = { .write = vm_write, .writev = vm_writev };

Stream *stream_open_vmstate_read(BlockDev *b, int index)
{
    VmRead *v = xmalloc(sizeof *v);
    *v = (VmRead){ b, index };
    return stream_open_ops(&vm_read_ops, v, false);
}

Stream *stream_open_vmstate_write(BlkVmWriter *w)
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
    s->buf = s->mem = xmalloc(s->cap);
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

void stream_set_progress(Stream *s, StreamProgressFn *fn, void *opaque)
{
    s->progress = fn;
    s->progress_opaque = opaque;
}

/* The backend transferred n more bytes at boff. */
static void advance(Stream *s, uint64_t n)
{
    s->boff += n;
    if (s->progress)
        s->progress(s->progress_opaque, s->boff);
}

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
    advance(s, len);
}

static void flush(Stream *s)
{
    if (s->mode != MODE_OPS || !s->writing)
        return;
    if (s->niov) {
        if (s->fill > s->seg)
            s->iov[s->niov++] = (struct iovec){ s->buf + s->seg, s->fill - s->seg };
        uint64_t len = 0;
        for (int i = 0; i < s->niov; i++)
            len += s->iov[i].iov_len;
        Err e = { 0 };
        int r = s->err ? 0 : s->ops->writev(s->opaque, s->boff, s->iov, s->niov, &e);
        if (r < 0)
            set_err_from(s, &e, r);
        else
            advance(s, len);
        s->niov = 0;
    } else if (s->fill) {
        backend_write(s, s->buf, s->fill);
    }
    s->fill = s->seg = 0;
}

void stream_put_buf_ref(Stream *s, const void *buf, size_t len)
{
    if (s->err || !len)
        return;
    if (s->mode != MODE_OPS || !s->writing || !s->ops->writev || len < STREAM_REF_MIN) {
        stream_put_buf(s, buf, len);
        return;
    }
    if (!s->iov)
        s->iov = xmalloc(STREAM_IOV * sizeof *s->iov);
    if (s->niov + 3 > STREAM_IOV)   /* two here, one more in flush */
        flush(s);
    if (s->fill > s->seg) {
        s->iov[s->niov++] = (struct iovec){ s->buf + s->seg, s->fill - s->seg };
        s->seg = s->fill;
    }
    s->iov[s->niov++] = (struct iovec){ (void *)buf, len };
    s->tell += len;
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
        s->buf = s->mem = xrealloc(s->mem, cap);
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
    if (s->mode != MODE_OPS || !s->writing) {
        if (!reserve(s, len))
            return;
        memcpy(s->buf + s->fill, buf, len);
        s->fill += len;
        s->tell += len;
        return;
    }
    /* Backend writes are whole buffers (invariant 5): top the buffer up, flush it, write
     * whole buffers' worth straight from the caller's memory, keep the rest. */
    const uint8_t *p = buf;
    size_t n = MIN(len, s->cap - s->fill);
    copy_aligning_stores(s->buf + s->fill, p, n);
    s->fill += n;
    s->tell += n;
    p += n;
    len -= n;
    if (!len)
        return;
    flush(s);
    if (s->err)
        return;
    size_t direct = len - len % s->cap;
    if (direct) {
        backend_write(s, p, direct);
        if (s->err)
            return;
        s->tell += direct;
        p += direct;
        len -= direct;
    }
    copy_aligning_stores(s->buf, p, len);
    s->fill = len;
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
    /* Keep the unconsumed bytes at the cache-line phase of their backend offset (6). */
    size_t k = (size_t)((s->boff - avail) % STREAM_ALIGN);
    if (s->pos != k) {
        memmove(s->buf + k, s->buf + s->pos, avail);
        s->pos = k;
        s->fill = k + avail;
    }
    size_t end = k + MIN(s->cap, MAX(n, s->ramp));   /* <= cap + STREAM_ALIGN - 1 */
    s->ramp = MIN(s->ramp * 2, s->cap);
    while (s->fill - s->pos < n && !s->eof) {
        Err e = { 0 };
        size_t want = end - s->fill;
        long r = s->ops->read(s->opaque, s->boff, s->buf + s->fill, want, &e);
        if (r < 0) {
            set_err_from(s, &e, (int)r);
            break;
        }
        if ((size_t)r < want)
            s->eof = true;
        s->fill += (size_t)r;
        advance(s, (uint64_t)r);
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
                advance(s, (uint64_t)r);
                s->tell += (uint64_t)r;
                done += (size_t)r;
                continue;
            }
            avail = fill_to(s, MIN(rest, s->cap));
            if (!avail)
                break;
        }
        size_t n = MIN(avail, len - done);
        copy_aligning_stores(out + done, s->buf + s->pos, n);
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

bool stream_direct_ok(const Stream *s)
{
    return s->mode == MODE_OPS && !s->writing && s->ops->readv && !s->err;
}

size_t stream_buffered(const Stream *s)
{
    return s->writing ? 0 : s->fill - s->pos;
}

size_t stream_peek_direct(Stream *s, const struct iovec *iov, int n)
{
    if (!stream_direct_ok(s) || n > STREAM_IOV)
        return 0;
    size_t avail = s->fill - s->pos, done = 0;
    int i = 0;
    size_t in = 0;   /* bytes of iov[i] filled */
    while (i < n && done < avail) {
        size_t m = MIN(avail - done, iov[i].iov_len - in);
        memcpy((uint8_t *)iov[i].iov_base + in, s->buf + s->pos + done, m);
        done += m; in += m;
        if (in == iov[i].iov_len) {
            i++;
            in = 0;
        }
    }
    if (i == n || s->eof)
        return done;
    struct iovec v[STREAM_IOV];
    int k = 0;
    for (; i < n; i++, in = 0)
        if (iov[i].iov_len > in)
            v[k++] = (struct iovec){ (uint8_t *)iov[i].iov_base + in, iov[i].iov_len - in };
    Err e = { 0 };
    long r = s->ops->readv(s->opaque, s->boff, v, k, &e);
    return r > 0 ? done + (size_t)r : done;
}

const uint8_t *stream_peek_view(Stream *s, size_t len, size_t *got)
{
    const uint8_t *v = NULL;
    *got = 0;
    if (!stream_direct_ok(s) || !s->ops->view || s->fill != s->pos || s->eof)
        return NULL;
    Err e = { 0 };
    if (s->ops->view(s->opaque, s->boff, len, &v, got, &e) < 0 || !v)
        *got = 0;
    err_clear(&e);
    return *got ? v : NULL;
}

void stream_consume_direct(Stream *s, size_t m)
{
    size_t avail = s->fill - s->pos;
    if (m <= avail) {
        s->pos += m;
    } else {
        s->pos = s->fill;
        advance(s, m - avail);
    }
    s->tell += m;
}

const uint8_t *stream_view(Stream *s, size_t n, size_t *avail)
{
    *avail = 0;
    if (!read_ok(s))
        return NULL;
    *avail = fill_to(s, MIN(n, s->cap));
    return s->buf + s->pos;
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
    free(s->mem);
    free(s->iov);
    free(s);
    return ret;
}
