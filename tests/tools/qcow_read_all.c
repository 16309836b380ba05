/* qcow_read_all.c: the read-only pass of the block mutation test (block_mutate.sh): opens
 * an image read-only through pcemu's driver, reads the guest disk (all of it up to 64 MiB;
 * of a larger disk the first 64 MiB and the last MiB) and the first 64 KiB of every
 * snapshot's VM state, and prints a checksum of what it read. Exit 0 when everything read,
 * 1 when the open was refused, 2 when a read failed (the error on stderr). Built under
 * ASan/UBSan by the test, so any memory error in these paths is a report. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "block/block.h"
#include "block/qcow2.h"

enum { CHUNK = 1 << 20, HEAD = 64 << 20, VMSTATE = 64 << 10 };

static uint64_t sum_bytes(uint64_t h, const uint8_t *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        h = (h ^ p[i]) * 0x100000001b3ull;      /* FNV-1a */
    return h;
}

static int read_range(BlockDev *b, uint64_t off, uint64_t len, uint8_t *buf, uint64_t *h)
{
    Err err = { 0 };
    while (len) {
        size_t n = (size_t)MIN(len, (uint64_t)CHUNK);
        if (blk_pread(b, off, buf, n, &err) < 0) {
            fprintf(stderr, "qcow_read_all: read at %#llx: %s\n", (unsigned long long)off,
                    err.msg);
            return -1;
        }
        *h = sum_bytes(*h, buf, n);
        off += n; len -= n;
    }
    return 0;
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: qcow_read_all IMAGE\n");
        return 2;
    }
    BlockDev *b;
    Err err = { 0 };
    if (blk_open(argv[1], "qcow2", true, &b, &err) < 0) {
        fprintf(stderr, "qcow_read_all: %s\n", err.msg);
        return 1;
    }
    uint8_t *buf = xmalloc(CHUNK);
    uint64_t h = 0xcbf29ce484222325ull, size = blk_size(b);
    int ret = read_range(b, 0, MIN(size, (uint64_t)HEAD), buf, &h);
    if (ret == 0 && size > HEAD)
        ret = read_range(b, MAX(HEAD, size - CHUNK), size - MAX(HEAD, size - CHUNK), buf, &h);
    Qcow2 *q = qcow2_of(b);
    for (int i = 0; ret == 0 && i < qcow2_snapshot_count(q); i++) {
        long n = qcow2_vmstate_read(q, i, 0, buf, VMSTATE, &err);
        if (n < 0) {
            fprintf(stderr, "qcow_read_all: VM state of snapshot %d: %s\n", i, err.msg);
            ret = -1;
        } else {
            h = sum_bytes(h, buf, (size_t)n);
        }
    }
    printf("%016llx\n", (unsigned long long)h);
    free(buf);
    blk_close(b, NULL);
    return ret < 0 ? 2 : 0;
}
