/* img.h: what the parts of the image tool (pcemu-img.c and emu/img/img-*.c) share: messages,
 * sizes, opening, QEMU's JSON output and the block status QEMU's generic block layer
 * reports. The subcommands themselves are declared at the end. */
#ifndef PCEMU_EMU_IMG_H
#define PCEMU_EMU_IMG_H

#include <stdio.h>

#include "block/block.h"
#include "emu/base/base.h"

int img_fail(const Err *e);                       /* "pcemu-img: MSG", returns 1 */
int img_usage(const char *msg);                   /* the same plus the help hint */
void img_size_str(uint64_t v, char *buf, size_t n);   /* qemu's size_to_str() */
int img_parse_size(const char *s, uint64_t *out); /* k/M/G/T/P/E suffixes; -EINVAL/-ERANGE */
/* -o key=value,... for qcow2 images into o (compat, cluster_size, compression_type,
 * refcount_bits, size; lazy_refcounts and extended_l2 only off). */
int img_parse_qcow2_opts(const char *opts, BlkCreateOpts *o, Err *err);
/* Creates path as an empty image of fmt ("qcow2" with opts, or "raw"), printing qemu-img's
 * "Formatting ..." line unless quiet. */
int img_create(const char *path, const char *fmt, uint64_t size, const char *opts, bool quiet,
               Err *err);
/* blk_open_share() with qemu-img's "Could not open 'PATH': " prefix on failure. */
int img_open(const char *path, const char *fmt, bool rw, bool force_share, BlockDev **b,
             Err *err);
/* --output=human|json; returns 0 human, 1 json, -1 (message printed) otherwise */
int img_output_format(const char *arg);

/* ---- JSON as QEMU 7.2 prints QObjects (qobject_to_json_pretty): 4-space indents, and an
 * object's members in the order of QEMU's hash table (bucket of the key's hash, later
 * insertions first within a bucket), which is what makes qemu-img's key order. ---- */
typedef struct QJson QJson;
QJson *qjson_obj(void);
QJson *qjson_arr(void);
QJson *qjson_int(int64_t v);
QJson *qjson_uint(uint64_t v);
QJson *qjson_str(const char *s);
QJson *qjson_bool(bool v);
void qjson_put(QJson *obj, const char *key, QJson *v);   /* takes v */
void qjson_add(QJson *arr, QJson *v);                    /* takes v */
void qjson_print(FILE *f, const QJson *v);              /* no trailing newline */
void qjson_free(QJson *v);

/* ---- block status, as QEMU's bdrv_block_status_above() returns it for an image without a
 * backing file (qcow2 and raw over a plain file), flags with QEMU's values ---- */
enum { IMG_ST_DATA = 1, IMG_ST_ZERO = 2, IMG_ST_OFFSET = 4, IMG_ST_ALLOCATED = 0x10,
       IMG_ST_EOF = 0x20 };
typedef struct ImgStat {
    BlockDev *b;
    int fd;                /* the image file, for its holes (SEEK_DATA/SEEK_HOLE) */
    uint64_t file_len;     /* rounded up to 512 B, as QEMU sees a file's length */
    bool recurse;          /* qcow2 asks the file about its data clusters (QEMU's metadata
                              preallocation heuristic) */
} ImgStat;
int img_stat_init(ImgStat *s, BlockDev *b, const char *path, Err *err);
void img_stat_fini(ImgStat *s);
/* Status of bytes [off, off+len) of the disk: *pnum bytes (>= 1 when off < size) share
 * *flags; *map is the file offset of byte off when IMG_ST_OFFSET is set. */
int img_block_status(ImgStat *s, uint64_t off, uint64_t len, unsigned *flags, uint64_t *pnum,
                     uint64_t *map, Err *err);

/* ---- subcommands (argv[0] is the subcommand name) ---- */
int img_cmd_map(int argc, char **argv);
int img_cmd_compare(int argc, char **argv);
int img_cmd_measure(int argc, char **argv);
int img_cmd_resize(int argc, char **argv);
int img_cmd_amend(int argc, char **argv);
int img_cmd_convert(int argc, char **argv);

#endif
