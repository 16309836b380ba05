/* smbios.c: the SMBIOS structures of QEMU 7.2's pc machine (smbios.h). Each structure is
 * its formatted area (type, length, handle = type << 8, fields) followed by its strings,
 * each NUL-terminated, and one more NUL (two when there are no strings). Field values are
 * QEMU's defaults; the comments name the DSP0134 field. */
#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "firmware/smbios.h"

#define SMBIOS_MAX_TABLES 1024      /* far above the eight structures built */

typedef struct Buf {
    uint8_t data[SMBIOS_MAX_TABLES];
    uint32_t len;
    uint32_t start;                 /* offset of the structure being built */
    uint16_t count, max_size;       /* structures, largest one with its strings */
} Buf;

static uint8_t *put(Buf *b, uint32_t n)
{
    assert(b->len + n <= sizeof b->data);
    uint8_t *p = b->data + b->len;
    memset(p, 0, n);
    b->len += n;
    return p;
}

/* Starts a structure of formatted length len: returns its bytes, header filled. */
static uint8_t *begin(Buf *b, uint8_t type, uint8_t len)
{
    b->start = b->len;
    uint8_t *p = put(b, len);
    p[0] = type;
    p[1] = len;
    put_le16(p + 2, (uint16_t)(type << 8));
    return p;
}

/* Ends the structure with its strings (NULL-terminated list). */
static void end(Buf *b, const char *const *strs)
{
    bool any = false;
    for (; *strs; strs++) {
        size_t n = strlen(*strs) + 1;
        memcpy(put(b, (uint32_t)n), *strs, n);
        any = true;
    }
    put(b, any ? 1 : 2);
    uint32_t size = b->len - b->start;
    if (size > b->max_size)
        b->max_size = (uint16_t)size;
    b->count++;
}

void smbios_build(const SmbiosConfig *cfg, uint8_t **tables, uint32_t *len,
                  uint8_t anchor[SMBIOS_ANCHOR_LEN])
{
    Buf *b = xzalloc(sizeof *b);
    uint8_t *p;
    uint64_t kib = cfg->ram_size / 1024, mib = (cfg->ram_size + (1u << 20) - 1) >> 20;
    assert(cfg->ram_size >= 1024 && cfg->ram_size <= 0xffffffffu && mib < 0x7fff);

    p = begin(b, 1, 27);            /* system information */
    p[4] = 1;                       /* manufacturer */
    p[5] = 2;                       /* product name */
    p[6] = 3;                       /* version */
    p[24] = 6;                      /* wake-up type: power switch; UUID (8-23) unset */
    end(b, (const char *const[]){ "QEMU", cfg->product, cfg->version, NULL });

    p = begin(b, 3, 22);            /* system enclosure */
    p[4] = 1;                       /* manufacturer */
    p[5] = 1;                       /* type: other */
    p[6] = 2;                       /* version */
    p[9] = 3;                       /* boot-up state: safe */
    p[10] = 3;                      /* power supply state: safe */
    p[11] = 3;                      /* thermal state: safe */
    p[12] = 2;                      /* security status: unknown */
    end(b, (const char *const[]){ "QEMU", cfg->version, NULL });

    p = begin(b, 4, 42);            /* processor */
    p[4] = 1;                       /* socket designation */
    p[5] = 3;                       /* type: central processor */
    p[6] = 1;                       /* family: other */
    p[7] = 2;                       /* manufacturer */
    put_le32(p + 8, cfg->cpuid_version);    /* processor id */
    put_le32(p + 12, cfg->cpuid_features);
    p[16] = 3;                      /* version */
    put_le16(p + 20, 2000);         /* max speed, MHz: QEMU's default */
    put_le16(p + 22, 2000);         /* current speed */
    p[24] = 0x41;                   /* status: socket populated, CPU enabled */
    p[25] = 1;                      /* upgrade: other */
    put_le16(p + 26, 0xffff);       /* L1, L2, L3 cache handles: none */
    put_le16(p + 28, 0xffff);
    put_le16(p + 30, 0xffff);
    p[35] = 1;                      /* core count */
    p[36] = 1;                      /* cores enabled */
    p[37] = 1;                      /* thread count */
    put_le16(p + 38, 2);            /* characteristics: unknown */
    put_le16(p + 40, 1);            /* family 2: other */
    end(b, (const char *const[]){ "CPU 0", "QEMU", cfg->version, NULL });

    p = begin(b, 16, 23);           /* physical memory array */
    p[4] = 1;                       /* location: other */
    p[5] = 3;                       /* use: system memory */
    p[6] = 6;                       /* error correction: multi-bit ECC */
    put_le32(p + 7, (uint32_t)kib); /* maximum capacity, KiB */
    put_le16(p + 11, 0xfffe);       /* error information handle: not provided */
    put_le16(p + 13, 1);            /* memory devices */
    end(b, (const char *const[]){ NULL });

    p = begin(b, 17, 40);           /* memory device: one DIMM (QEMU's are up to 16 GiB) */
    put_le16(p + 4, 16 << 8);       /* the type 16 array */
    put_le16(p + 6, 0xfffe);        /* error information handle: not provided */
    put_le16(p + 8, 0xffff);        /* total width: unknown */
    put_le16(p + 10, 0xffff);       /* data width: unknown */
    put_le16(p + 12, (uint16_t)mib);    /* size, MiB */
    p[14] = 9;                      /* form factor: DIMM */
    p[16] = 1;                      /* device locator */
    p[18] = 7;                      /* type: RAM */
    put_le16(p + 19, 2);            /* type detail: other */
    p[23] = 2;                      /* manufacturer */
    end(b, (const char *const[]){ "DIMM 0", "QEMU", NULL });

    p = begin(b, 19, 31);           /* memory array mapped address */
    put_le32(p + 8, (uint32_t)(kib - 1));   /* ending address, KiB; starting at 0 */
    put_le16(p + 12, 16 << 8);      /* the type 16 array */
    p[14] = 1;                      /* partition width */
    end(b, (const char *const[]){ NULL });

    begin(b, 32, 11);               /* system boot information: no errors */
    end(b, (const char *const[]){ NULL });

    begin(b, 127, 4);               /* end of table */
    end(b, (const char *const[]){ NULL });

    memset(anchor, 0, SMBIOS_ANCHOR_LEN);
    memcpy(anchor, "_SM_", 4);      /* checksums and the table address: SeaBIOS's */
    anchor[5] = SMBIOS_ANCHOR_LEN;
    anchor[6] = 2;                  /* version 2.8 */
    anchor[7] = 8;
    put_le16(anchor + 8, b->max_size);
    memcpy(anchor + 16, "_DMI_", 5);
    put_le16(anchor + 22, (uint16_t)b->len);
    put_le16(anchor + 28, b->count);
    anchor[30] = 0x28;              /* BCD revision */

    *len = b->len;
    *tables = xzalloc(b->len);
    memcpy(*tables, b->data, b->len);
    free(b);
}
