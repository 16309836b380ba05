/* block-int.h: what block.c and the drivers share beyond block.h: the BlockDev itself.
 * Only files in block/ include it. */
#ifndef PCEMU_BLOCK_BLOCK_INT_H
#define PCEMU_BLOCK_BLOCK_INT_H

#include "block/block.h"

struct BlockDev {
    const BlockDriver *drv;   /* the format; never NULL */
    void *opaque;             /* the driver's state from drv->open */
    bool read_only;
    char *path;               /* as opened; names the device in messages */
};

#endif
