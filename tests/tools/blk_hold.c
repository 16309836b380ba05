/* blk_hold.c: opens an image through pcemu's block layer (rw, or ro with -r), prints
 * "held" and keeps it open (with its QEMU-compatible locks) until standard input ends.
 * Exit 1 with the block layer's message when the open fails. For block_lock.sh. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "block/block.h"

int main(int argc, char **argv)
{
    bool ro = argc == 3 && strcmp(argv[1], "-r") == 0;
    if (argc != 2 && !ro) {
        fprintf(stderr, "usage: blk_hold [-r] IMAGE\n");
        return 2;
    }
    Err err = { 0 };
    BlockDev *b;
    if (blk_open(argv[argc - 1], NULL, ro, &b, &err) < 0) {
        fprintf(stderr, "blk_hold: %s\n", err.msg);
        return 1;
    }
    printf("held\n");
    fflush(stdout);
    char c;
    while (read(0, &c, 1) > 0)
        ;
    return blk_close(b, &err) < 0;
}
