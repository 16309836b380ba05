/* img-status.c: the block status QEMU 7.2's generic layer (block/io.c
 * bdrv_co_block_status) reports for the images pcemu-img opens, which have no backing
 * file: the format driver's status (qcow2_block_status; raw passes to the file), the
 * allocated bit for anything that is data or zero, zero for the rest, EOF at the disk
 * end; and, for qcow2 data clusters when the driver asks for it, the file's own status
 * (file-posix: SEEK_DATA/SEEK_HOLE; bytes past the file's end read as zero). QEMU's qcow2
 * asks only when it thinks the image has preallocated metadata: at least
 * max(real*10/9, real+2) clusters with a nonzero refcount, real = the file's allocated
 * bytes / cluster size (qcow2_detect_metadata_preallocation). */
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "block/block.h"
#include "emu/img/img.h"

int img_stat_init(ImgStat *s, BlockDev *b, const char *path, Err *err)
{
    *s = (ImgStat){ .b = b, .fd = open(path, O_RDONLY | O_CLOEXEC) };
    struct stat st;
    if (s->fd < 0 || fstat(s->fd, &st) < 0) {
        int e = errno;
        img_stat_fini(s);
        return ERR(err, -e, "Could not open '%s': %s", path, strerror(e));
    }
    s->file_len = ((uint64_t)st.st_size + 511) / 512 * 512;
    BlkInfo in;
    if (blk_info(b, &in, NULL) < 0)     /* raw: no clusters */
        return 0;
    uint64_t real = (uint64_t)st.st_blocks * 512 / in.cluster_size;
    uint64_t threshold = MAX(real * 10 / 9, real + 2), used;
    uint64_t end = ((uint64_t)st.st_size + in.cluster_size - 1) / in.cluster_size;
    int ret = blk_count_used_clusters(b, end, threshold, &used, err);
    if (ret < 0) {
        img_stat_fini(s);
        return ret;
    }
    s->recurse = used >= threshold;
    return 0;
}

void img_stat_fini(ImgStat *s)
{
    if (s->fd >= 0)
        close(s->fd);
    s->fd = -1;
}

/* file-posix's status of file bytes [off, off+n), off inside the file. */
static unsigned file_status(const ImgStat *s, uint64_t off, uint64_t n, uint64_t *pnum)
{
    n = MIN(n, s->file_len - off);
    off_t data = lseek(s->fd, (off_t)off, SEEK_DATA);
    if (data < 0) {
        *pnum = n;                      /* ENXIO: a trailing hole; else assume data */
        return errno == ENXIO ? IMG_ST_ZERO : IMG_ST_DATA;
    }
    if ((uint64_t)data > off) {
        *pnum = MIN(n, (uint64_t)data - off);
        return IMG_ST_ZERO;
    }
    off_t hole = lseek(s->fd, (off_t)off, SEEK_HOLE);
    *pnum = hole < 0 ? n : MIN(n, (uint64_t)hole - off);
    return IMG_ST_DATA;
}

int img_block_status(ImgStat *s, uint64_t off, uint64_t len, unsigned *flags, uint64_t *pnum,
                     uint64_t *map, Err *err)
{
    uint64_t size = blk_size(s->b);
    *flags = 0;
    *pnum = 0;
    *map = 0;
    if (off >= size)
        return 0;
    len = MIN(len, size - off);
    unsigned st;
    if (!blk_driver(s->b)->block_status) {    /* raw: the file's own status */
        if (off >= s->file_len) {       /* the file shrank under us */
            st = IMG_ST_ZERO;
            *pnum = len;
        } else {
            st = file_status(s, off, len, pnum);
        }
        st |= IMG_ST_OFFSET | IMG_ST_ALLOCATED;
        *map = off;
    } else {
        int ret = blk_block_status(s->b, off, len, &st, pnum, map, err);
        if (ret < 0)
            return ret;
        st |= (st & (IMG_ST_DATA | IMG_ST_ZERO)) ? IMG_ST_ALLOCATED : IMG_ST_ZERO;
        if (s->recurse && (st & (IMG_ST_DATA | IMG_ST_ZERO | IMG_ST_OFFSET)) ==
                          (IMG_ST_DATA | IMG_ST_OFFSET)) {
            if (*map >= s->file_len) {
                st |= IMG_ST_ZERO;
            } else {
                uint64_t fp;
                unsigned fst = file_status(s, *map, *pnum, &fp);
                if (!((fst & IMG_ST_ZERO) && *map + fp == s->file_len))
                    *pnum = fp;
                st |= fst & IMG_ST_ZERO;
            }
        }
    }
    if (off + *pnum == size)
        st |= IMG_ST_EOF;
    *flags = st;
    return 0;
}
