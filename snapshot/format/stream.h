/* stream.h: a buffered byte stream for QEMU's savevm format, for writing or for reading,
 * over a file descriptor, a memory buffer or a block device snapshot's VM-state area.
 * All multi-byte integers are big-endian. The error is sticky: the first failure is kept
 * (code and message), later puts are dropped and later gets return zeros, so callers test
 * stream_error() after each group of fields. Reads are bounded: a read past the end of the
 * data is an error, never an out-of-bounds access. (migration-stream.md sections 1, 10.) */
#ifndef PCEMU_SNAPSHOT_STREAM_H
#define PCEMU_SNAPSHOT_STREAM_H

#include "emu/base/base.h"

typedef struct Stream Stream;
struct iovec;

/* Where the bytes go or come from: pwrite/pread-like callbacks at a byte offset.
 * Return 0 or a negative errno (filling err); read returns the bytes read (short = EOF). */
typedef struct StreamOps {
    int (*write)(void *opaque, uint64_t off, const void *buf, size_t len, Err *err);
    long (*read)(void *opaque, uint64_t off, void *buf, size_t len, Err *err);
    int (*close)(void *opaque, Err *err);   /* flushes the backend; may be NULL */
    /* Optional: writes all bytes of iov[0..n) at off. With it, stream_put_buf_ref pieces
     * go to the backend straight from the caller's memory. */
    int (*writev)(void *opaque, uint64_t off, const struct iovec *iov, int n, Err *err);
    /* Optional: reads into iov[0..n) from off; returns the bytes read, which may be fewer
     * than asked anywhere (not only at the end). Enables stream_peek_direct. */
    long (*readv)(void *opaque, uint64_t off, const struct iovec *iov, int n, Err *err);
    /* Optional: the bytes from off in place (blk_vmstate_view's contract): up to len of
     * them in *view, *got bytes (0: none). Enables stream_peek_view. */
    int (*view)(void *opaque, uint64_t off, size_t len, const uint8_t **view, size_t *got,
                Err *err);
} StreamOps;

Stream *stream_open_ops(const StreamOps *ops, void *opaque, bool writing);
Stream *stream_open_fd(int fd, bool writing);                 /* fd stays owned by the caller */
Stream *stream_open_mem(const uint8_t *buf, size_t len);      /* reading a borrowed buffer */
Stream *stream_open_membuf(void);                             /* writing into a growing buffer */
const uint8_t *stream_membuf(const Stream *s, size_t *len);   /* contents so far (membuf) */
/* A snapshot's VM-state area (block/block.h). Reading: the VM state of snapshot `index`
 * of b, ending at its vm_state_size. Writing: through a writer from blk_vmstate_begin();
 * stream_close() flushes the last bytes but neither commits nor aborts: the caller then
 * calls blk_snapshot_create() (success) or blk_vmstate_abort() (stream_close returned an
 * error). Both borrow b / w. */
typedef struct BlockDev BlockDev;
typedef struct BlkVmWriter BlkVmWriter;
Stream *stream_open_vmstate_read(BlockDev *b, int index);
Stream *stream_open_vmstate_write(BlkVmWriter *w);
/* Flushes (writers), frees; returns the sticky error, or the flush/close error. */
int stream_close(Stream *s, Err *err);

void stream_put_u8(Stream *s, uint8_t v);
void stream_put_be16(Stream *s, uint16_t v);
void stream_put_be32(Stream *s, uint32_t v);
void stream_put_be64(Stream *s, uint64_t v);
void stream_put_buf(Stream *s, const void *buf, size_t len);
void stream_put_str8(Stream *s, const char *str);  /* length byte + bytes; longer than 255: error */
/* Like stream_put_buf, but a writer whose backend has writev (fd, qcow2 VM state) may keep
 * a reference instead of copying: buf must stay valid and unchanged until the stream is
 * closed (guest RAM of a stopped VM). */
void stream_put_buf_ref(Stream *s, const void *buf, size_t len);

uint8_t stream_get_u8(Stream *s);
uint16_t stream_get_be16(Stream *s);
uint32_t stream_get_be32(Stream *s);
uint64_t stream_get_be64(Stream *s);
void stream_get_buf(Stream *s, void *buf, size_t len);
void stream_skip(Stream *s, uint64_t len);
/* Copies up to n bytes ahead of the read position without consuming them; returns how many
 * were available (fewer at end of data). n is at most 256 + 8. */
size_t stream_peek(Stream *s, uint8_t *buf, size_t n);
/* The bytes ahead of the read position, in place: *avail of them (at least min(n, 256
 * KiB) unless the data ends first; 0 after an error) at the returned pointer, valid until
 * the next call on s. Consumes nothing (stream_skip does). For record scans that would
 * otherwise copy every record out. */
const uint8_t *stream_view(Stream *s, size_t n, size_t *avail);

/* Direct reads, for RAM pages: a reader whose backend has readv (qcow2 VM state) can fill
 * iov[0..n) (n <= 1024) with the bytes ahead without consuming them: the buffered bytes
 * first, the rest straight from the backend into the caller's memory. Returns how many
 * were placed (0 when the stream cannot; fewer at the end of data or when the backend
 * stops early, never an error: the normal gets then read on and report). The caller then
 * consumes the first m <= that many with stream_consume_direct. */
bool stream_direct_ok(const Stream *s);
size_t stream_buffered(const Stream *s);   /* reader: bytes read ahead, not yet consumed */
size_t stream_peek_direct(Stream *s, const struct iovec *iov, int n);
void stream_consume_direct(Stream *s, size_t m);
/* The next bytes of a reader in place, without a copy, when it has nothing buffered and
 * its backend can show them (StreamOps.view): up to len of them, *got bytes, valid until
 * the next call on the stream; NULL (and *got 0) otherwise, never an error. Consumed, like
 * stream_peek_direct's, by stream_consume_direct. */
const uint8_t *stream_peek_view(Stream *s, size_t len, size_t *got);

/* Progress of a long save or load (the monitors' display): fn gets the bytes written to or
 * read from the backend so far, after each transfer. Changes no byte of the stream. */
typedef void StreamProgressFn(void *opaque, uint64_t bytes);
void stream_set_progress(Stream *s, StreamProgressFn *fn, void *opaque);

uint64_t stream_tell(const Stream *s);     /* bytes written or consumed so far */
int stream_error(const Stream *s);         /* 0 or the first negative errno */
const char *stream_error_msg(const Stream *s);
/* Records an error found by a caller (a bad value, not an I/O failure); the first one wins.
 * Returns code. */
int stream_set_error(Stream *s, int code, const char *fmt, ...) PRINTF_LIKE(3, 4);

#endif
