/* block.h: the block layer's interface to the rest of pcemu: a disk image opened as qcow2
 * or raw behind one interface. Guest data is addressed in bytes of the virtual disk.
 * Functions return 0 or a negative errno with err filled. Image bytes are hostile: every
 * failure is an error, never a crash. The qcow2 snapshot and VM-state API is in qcow2.h. */
#ifndef PCEMU_BLOCK_BLOCK_H
#define PCEMU_BLOCK_BLOCK_H

#include "emu/base/base.h"

typedef struct BlockDev BlockDev;
typedef struct Qcow2 Qcow2;

/* fmt: "qcow2", "raw", or NULL to probe (qcow2 magic, else raw). Takes QEMU-compatible
 * image locks (shared for read-only, exclusive for writing). */
int blk_open(const char *path, const char *fmt, bool read_only, BlockDev **out, Err *err);
/* The same; force_share (read-only only, qemu-img -U) takes the read lock alone and so
 * opens an image another process is writing. */
int blk_open_share(const char *path, const char *fmt, bool read_only, bool force_share,
                   BlockDev **out, Err *err);
int blk_close(BlockDev *b, Err *err);            /* flushes; frees b even on error */
uint64_t blk_size(const BlockDev *b);            /* virtual disk size in bytes */
bool blk_read_only(const BlockDev *b);
const char *blk_format(const BlockDev *b);       /* "qcow2" or "raw" */
int blk_pread(BlockDev *b, uint64_t off, void *buf, size_t len, Err *err);
int blk_pwrite(BlockDev *b, uint64_t off, const void *buf, size_t len, Err *err);
int blk_flush(BlockDev *b, Err *err);
Qcow2 *blk_qcow2(BlockDev *b);                   /* NULL for raw */
/* Takes QEMU-compatible image locks on an open file (what blk_open does); for code that
 * creates or truncates images itself. -EAGAIN when another process holds conflicting locks. */
int blk_lock_fd(int fd, const char *path, bool read_only, Err *err);

#endif
