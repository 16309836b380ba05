/* test_atapi.c: the ATAPI CD-ROM drive of the PIIX3 IDE function on a raw 64-block medium
 * (each 2048-byte block starts with its number): the signature and IDENTIFY PACKET DEVICE,
 * PIO replies cut by the byte count limit, hostile CDBs answered with QEMU 7.2's sense keys
 * and additional sense codes (tests/scripts/cdrom_boot.sh compares random ones with QEMU
 * itself), random CDBs under fixed seeds that must leave the drive usable, bus-master DMA,
 * and the "ide" section saved in the middle of a PIO reply and with a DMA packet waiting
 * for its start bit. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "emu/dev/ide/ide.h"
#include "dev_test.h"

#define BLOCKS 64
#define RAM_BYTES (4u << 20)
#define PRD_AT 0x10000u
#define BUF_AT 0x100000u
#define BM 0xc000            /* BAR4 as programmed here; the secondary channel at +8 */

typedef struct Rig { Bus *b; PciBus *pb; BlockDev *blk; IdeState *s; uint8_t *ram; char path[64]; } Rig;

static void rig(Rig *r, bool fresh_file)
{
    if (fresh_file) {
        snprintf(r->path, sizeof r->path, "/tmp/pcemu-test-atapi-%d.iso", (int)getpid());
        FILE *f = fopen(r->path, "wb");
        ck_assert(f != NULL);
        static uint8_t blk[2048];
        for (int i = 0; i < BLOCKS; i++) {
            memset(blk, 0, sizeof blk);
            put_le32(blk, (uint32_t)i);
            blk[2047] = (uint8_t)(0xa0 + i);
            fwrite(blk, 1, sizeof blk, f);
        }
        fclose(f);
    }
    Err e = { 0 };
    ck_assert_int_eq(blk_open(r->path, "raw", true, &r->blk, &e), 0);
    r->b = bus_new();
    r->ram = xzalloc(RAM_BYTES);
    bus_map_ram(r->b, 0, RAM_BYTES, r->ram);
    r->pb = pci_bus_new(r->b);
    BlockDev *drives[4] = { NULL, NULL, r->blk, NULL };
    r->s = ide_init(r->pb, r->b, r->b, drives, 1u << 2, NULL, NULL);
    pci_data_write(r->pb, 0x80000920, BM | 1, 4);   /* BAR4 */
    pci_data_write(r->pb, 0x80000904, 0x0005, 2);   /* I/O, bus master */
}

static void unrig(Rig *r, bool remove_file)
{
    ide_free(r->s);
    pci_bus_free(r->pb);
    bus_free(r->b);
    free(r->ram);
    blk_close(r->blk, NULL);
    if (remove_file)
        unlink(r->path);
}

static uint8_t status(Rig *r) { return (uint8_t)bus_io_read(r->b, 0x376, 1); }

/* PACKET with the byte count limit bcl, then the 12 CDB bytes. */
static void packet(Rig *r, const uint8_t cdb[12], uint16_t bcl, bool dma)
{
    bus_io_write(r->b, 0x176, 0xa0, 1);
    bus_io_write(r->b, 0x171, dma, 1);
    bus_io_write(r->b, 0x174, bcl & 0xff, 1);
    bus_io_write(r->b, 0x175, bcl >> 8, 1);
    bus_io_write(r->b, 0x177, 0xa0, 1);
    if (!(status(r) & 0x08))
        return;                  /* aborted */
    ck_assert_uint_eq(bus_io_read(r->b, 0x172, 1), 0x01);  /* CoD, to the device */
    for (int i = 0; i < 12; i += 2)
        bus_io_write(r->b, 0x170, (uint32_t)(cdb[i] | cdb[i + 1] << 8), 2);
}

/* Reads DRQ blocks into buf (at most max bytes kept); returns the bytes sent; sizes[] gets
 * the block sizes (up to 8). */
static uint32_t drain(Rig *r, uint8_t *buf, uint32_t max, uint32_t *sizes)
{
    uint32_t total = 0;
    for (int blk = 0; status(r) & 0x08; blk++) {
        ck_assert_uint_eq(bus_io_read(r->b, 0x172, 1) & 3, 0x02);   /* IO, data */
        uint32_t n = bus_io_read(r->b, 0x174, 1) | bus_io_read(r->b, 0x175, 1) << 8;
        if (sizes && blk < 8)
            sizes[blk] = n;
        for (uint32_t i = 0; i < n; i += 2) {
            uint32_t w = bus_io_read(r->b, 0x170, 2);
            if (buf && total + i + 1 < max) {
                buf[total + i] = (uint8_t)w;
                buf[total + i + 1] = (uint8_t)(w >> 8);
            }
        }
        total += n;
        ck_assert_uint_lt(blk, 100000);
    }
    return total;
}

/* REQUEST SENSE: sense key << 8 | additional sense code. */
static unsigned sense(Rig *r)
{
    static const uint8_t cdb[12] = { 0x03, 0, 0, 0, 18 };
    uint8_t b[18] = { 0 };
    packet(r, cdb, 18, false);
    ck_assert_uint_eq(drain(r, b, sizeof b, NULL), 18);
    ck_assert_uint_eq(b[0], 0xf0);
    ck_assert_uint_eq(status(r), 0x50);
    return (unsigned)(b[2] << 8 | b[12]);
}

START_TEST(test_atapi_signature_and_identify_packet_are_qemus)
{
    Rig r;
    rig(&r, true);
    ck_assert_uint_eq(bus_io_read(r.b, 0x174, 1), 0x14);
    ck_assert_uint_eq(bus_io_read(r.b, 0x175, 1), 0xeb);
    bus_io_write(r.b, 0x177, 0xec, 1);                          /* IDENTIFY DEVICE */
    ck_assert_uint_eq(status(&r), 0x41);
    ck_assert_uint_eq(bus_io_read(r.b, 0x171, 1), 0x04);
    ck_assert_uint_eq(bus_io_read(r.b, 0x175, 1), 0xeb);       /* the signature again */
    bus_io_write(r.b, 0x177, 0xa1, 1);
    ck_assert_uint_eq(status(&r), 0x58);
    uint16_t id[256];
    for (int i = 0; i < 256; i++)
        id[i] = (uint16_t)bus_io_read(r.b, 0x170, 2);
    ck_assert_uint_eq(id[0], 0x85c0);
    ck_assert_uint_eq(id[10], ('Q' << 8) | 'M');               /* serial QM00003 */
    ck_assert_uint_eq(id[13], ('3' << 8) | ' ');
    ck_assert_uint_eq(id[27], ('Q' << 8) | 'E');               /* QEMU DVD-ROM */
    ck_assert_uint_eq(id[31], ('-' << 8) | 'R');
    ck_assert_uint_eq(id[49], 0x0300);
    ck_assert_uint_eq(id[80], 0x1e);
    ck_assert_uint_eq(id[88], 0x203f);
    bus_io_write(r.b, 0x177, 0x90, 1);                          /* DIAGNOSTIC: status 0 */
    ck_assert_uint_eq(status(&r), 0x00);
    ck_assert_uint_eq(bus_io_read(r.b, 0x171, 1), 0x01);
    bus_io_write(r.b, 0x177, 0x08, 1);                          /* DEVICE RESET */
    ck_assert_uint_eq(status(&r), 0x00);
    bus_io_write(r.b, 0x177, 0xc8, 1);                          /* READ DMA: a disk's */
    ck_assert_uint_eq(status(&r), 0x41);
    unrig(&r, true);
}
END_TEST

START_TEST(test_atapi_pio_read_is_cut_by_the_byte_count_limit)
{
    Rig r;
    rig(&r, true);
    static uint8_t buf[3 * 2048];
    uint32_t sizes[8] = { 0 };
    const uint8_t rd[12] = { 0x28, 0, 0, 0, 0, 5, 0, 0, 2 };    /* READ(10) 5, 2 blocks */
    packet(&r, rd, 2048, false);
    ck_assert_uint_eq(drain(&r, buf, sizeof buf, sizes), 4096);
    ck_assert_uint_eq(sizes[0], 2048);
    ck_assert_uint_eq(le32(buf), 5);
    ck_assert_uint_eq(buf[2047], 0xa5);
    ck_assert_uint_eq(le32(buf + 2048), 6);
    ck_assert_uint_eq(status(&r), 0x50);
    ck_assert_uint_eq(bus_io_read(r.b, 0x172, 1), 0x03);      /* IO, CoD: status */
    /* a limit of 1500 (odd 1501 rounds down): 1500, then the block's 548, ... */
    packet(&r, rd, 1501, false);
    memset(buf, 0, sizeof buf);
    ck_assert_uint_eq(drain(&r, buf, sizeof buf, sizes), 4096);
    ck_assert_uint_eq(sizes[0], 1500);
    ck_assert_uint_eq(sizes[1], 1500);                          /* crosses into block 6 */
    ck_assert_uint_eq(sizes[2], 1096);
    ck_assert_uint_eq(le32(buf + 2048), 6);
    /* READ CD, raw: sync, MSF 00:02:17 (block 17 + 150), mode 1, data, zero EDC/ECC */
    const uint8_t raw[12] = { 0xbe, 0, 0, 0, 0, 17, 0, 0, 1, 0xf8 };
    packet(&r, raw, 0xffff, false);
    ck_assert_uint_eq(drain(&r, buf, sizeof buf, sizes), 2352);
    ck_assert_uint_eq(sizes[0], 2352);
    ck_assert_uint_eq(buf[0], 0x00);
    ck_assert_uint_eq(buf[1], 0xff);
    ck_assert_uint_eq(buf[12], 0);
    ck_assert_uint_eq(buf[13], 2);
    ck_assert_uint_eq(buf[14], 17);
    ck_assert_uint_eq(buf[15], 1);
    ck_assert_uint_eq(le32(buf + 16), 17);
    ck_assert_uint_eq(buf[16 + 2047], 0xa0 + 17);
    ck_assert_uint_eq(buf[2351], 0);
    /* READ CAPACITY: the last block, 2048 */
    const uint8_t cap[12] = { 0x25 };
    packet(&r, cap, 8, false);
    ck_assert_uint_eq(drain(&r, buf, sizeof buf, NULL), 8);
    ck_assert_uint_eq(be32(buf), BLOCKS - 1);
    ck_assert_uint_eq(be32(buf + 4), 2048);
    unrig(&r, true);
}
END_TEST

/* CDBs that must fail, with QEMU 7.2's sense key and additional sense code. */
static const struct { uint8_t cdb[12]; unsigned sense; const char *what; } bad[] = {
    { { 0xff }, 0x0520, "unknown opcode" },
    { { 0x2a, 0, 0, 0, 0, 1, 0, 0, 1 }, 0x0520, "WRITE(10) on a DVD-ROM drive" },
    { { 0x28, 0, 0, 0, 0, BLOCKS, 0, 0, 1 }, 0x0521, "READ(10) at the first block past the end" },
    { { 0x28, 0, 0, 0, 0, BLOCKS - 1, 0, 0, 2 }, 0x0521, "READ(10) running past the end" },
    { { 0x28, 0, 0xff, 0xff, 0xff, 0xff, 0, 0, 1 }, 0x0521, "READ(10) at LBA 2^32-1" },
    { { 0xa8, 0, 0, 0, 0, 1, 0x7f, 0xff, 0xff, 0xff }, 0x0521, "READ(12) of 2^31-1 blocks" },
    { { 0xbe, 0, 0, 0, 0, BLOCKS, 0, 0, 1, 0x10 }, 0x0521, "READ CD past the end" },
    { { 0xbe, 0, 0, 0, 0, 1, 0, 0, 1, 0x50 }, 0x0524, "READ CD of C2 and header fields" },
    { { 0x2b, 0, 0, 0, 0, BLOCKS }, 0x0521, "SEEK past the end" },
    { { 0x5a, 0, 0xc1, 0, 0, 0, 0, 0, 64 }, 0x0539, "MODE SENSE of saved values" },
    { { 0x5a, 0, 0x3f, 0, 0, 0, 0, 0, 64 }, 0x0524, "MODE SENSE of all pages" },
    { { 0x5a, 0, 0x41, 0, 0, 0, 0, 0, 64 }, 0x0524, "MODE SENSE of changeable values" },
    { { 0x43, 0, 0, 0, 0, 0, 0, 0, 64, 0xc0 }, 0x0524, "READ TOC format 3" },
    { { 0x43, 0, 0, 0, 0, 0, 2, 0, 64, 0 }, 0x0524, "READ TOC from track 2" },
    { { 0x4a, 0, 0, 0, 0x10, 0, 0, 0, 8 }, 0x0524, "GET EVENT STATUS, asynchronous" },
    { { 0x46, 0, 0, 1, 0, 0, 0, 0, 64 }, 0x0524, "GET CONFIGURATION from feature 1" },
    { { 0x12, 1, 0x80, 0, 64 }, 0x0524, "INQUIRY of VPD page 0x80" },
    { { 0x12, 1, 0x83, 0, 20 }, 0x054b, "INQUIRY of VPD page 0x83 in 20 bytes" },
    { { 0xad, 0, 0, 0, 0, 0, 0, 0, 0, 64 }, 0x0530, "READ DVD STRUCTURE of a CD" },
    { { 0xad, 0, 0, 0, 0, 0, 0, 0xc0, 0, 64 }, 0x0530, "READ DVD STRUCTURE 0xC0 of a CD" },
    { { 0x51, 1, 0, 0, 0, 0, 0, 0, 34 }, 0x0524, "READ DISC INFORMATION type 1" },
};

START_TEST(test_atapi_hostile_cdbs_get_qemus_sense)
{
    Rig r;
    rig(&r, true);
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        packet(&r, bad[i].cdb, 0x800, false);
        ck_assert_msg(drain(&r, NULL, 0, NULL) == 0, "%s: data", bad[i].what);
        ck_assert_msg(status(&r) == 0x41, "%s: status %#x", bad[i].what, status(&r));
        ck_assert_uint_eq(bus_io_read(r.b, 0x171, 1), (bad[i].sense >> 8) << 4);
        ck_assert_uint_eq(bus_io_read(r.b, 0x172, 1), 0x03);
        unsigned got = sense(&r);
        ck_assert_msg(got == bad[i].sense, "%s: sense %#x, QEMU answers %#x", bad[i].what, got,
                      bad[i].sense);
    }
    /* a data command with byte count limit 0 over PIO aborts the ATA command */
    const uint8_t inq[12] = { 0x12, 0, 0, 0, 36 };
    packet(&r, inq, 0, false);
    ck_assert_uint_eq(status(&r), 0x41);
    ck_assert_uint_eq(bus_io_read(r.b, 0x171, 1), 0x04);
    /* READ(12) counts that wrap QEMU's 32-bit sums and products: no data, no error */
    const uint8_t wrap[12] = { 0xa8, 0, 0, 0, 0, 2, 0xff, 0xff, 0xff, 0xff };
    packet(&r, wrap, 0x800, false);
    ck_assert_uint_eq(drain(&r, NULL, 0, NULL), 0);
    ck_assert_uint_eq(status(&r), 0x50);
    /* the tray: open it, then a medium command is NOT READY / MEDIUM NOT PRESENT; locked,
     * it does not open (NOT READY / MEDIA REMOVAL PREVENTED) */
    const uint8_t eject[12] = { 0x1b, 0, 0, 0, 0x02 }, load[12] = { 0x1b, 0, 0, 0, 0x03 };
    const uint8_t tur[12] = { 0x00 }, lock[12] = { 0x1e, 0, 0, 0, 1 };
    packet(&r, eject, 0, false);
    ck_assert_uint_eq(status(&r), 0x50);
    packet(&r, tur, 0, false);
    ck_assert_uint_eq(status(&r), 0x41);
    ck_assert_uint_eq(sense(&r), 0x023a);
    packet(&r, load, 0, false);
    packet(&r, tur, 0, false);
    ck_assert_uint_eq(status(&r), 0x50);
    packet(&r, lock, 0, false);
    packet(&r, eject, 0, false);
    ck_assert_uint_eq(status(&r), 0x41);
    ck_assert_uint_eq(sense(&r), 0x0253);
    unrig(&r, true);
}
END_TEST

/* Random CDBs (seeded): whatever the bytes, each command ends with the drive idle, or is
 * cut by DEVICE RESET, and REQUEST SENSE still answers. Run under ASan in make check. */
START_TEST(test_atapi_random_cdbs_leave_the_drive_usable)
{
    static const uint8_t ops[] = { 0x00, 0x03, 0x12, 0x1b, 0x1e, 0x25, 0x28, 0x2b, 0x43, 0x46,
                                   0x4a, 0x51, 0x5a, 0xa8, 0xad, 0xbb, 0xbd, 0xbe };
    Rig r;
    rig(&r, true);
    unsigned seed = 20261206;
    for (int n = 0; n < 3000; n++) {
        uint8_t cdb[12];
        for (int i = 0; i < 12; i++)
            cdb[i] = (uint8_t)(rand_r(&seed) >> 7);
        if (rand_r(&seed) % 8)
            cdb[0] = ops[rand_r(&seed) % sizeof ops];
        if (cdb[0] == 0x28 || cdb[0] == 0xa8 || cdb[0] == 0xbe) {   /* mostly on the medium */
            cdb[2] = cdb[3] = cdb[4] = 0;
            cdb[5] = (uint8_t)(rand_r(&seed) % (BLOCKS + 4));
            cdb[6] = cdb[7] = 0;
        }
        uint16_t bcl = (uint16_t)(rand_r(&seed) % 3 ? rand_r(&seed) : 2048);
        packet(&r, cdb, bcl, false);
        uint32_t total = 0;
        while (status(&r) & 0x08 && total < 8192) {
            uint32_t blk = bus_io_read(r.b, 0x174, 1) | bus_io_read(r.b, 0x175, 1) << 8;
            ck_assert_uint_le(blk, 0xfffe);
            for (uint32_t i = 0; i < blk; i += 2)
                bus_io_read(r.b, 0x170, 2);
            total += blk ? blk : 1;
        }
        if (status(&r) & 0x08)
            bus_io_write(r.b, 0x177, 0x08, 1);                  /* DEVICE RESET */
        ck_assert_uint_eq(status(&r) & 0x88, 0);
        sense(&r);
        if (cdb[0] == 0x1b)                                     /* keep the tray shut */
            packet(&r, (const uint8_t[12]){ 0x1b, 0, 0, 0, 0x03 }, 0, false);
        if (cdb[0] == 0x1e)
            packet(&r, (const uint8_t[12]){ 0x1e }, 0, false);
    }
    unrig(&r, true);
}
END_TEST

static void prd(Rig *r, uint32_t addr, uint32_t len, bool last)
{
    put_le32(r->ram + PRD_AT, addr);
    put_le32(r->ram + PRD_AT + 4, (len & 0xffff) | (last ? 0x80000000u : 0));
    bus_io_write(r->b, BM + 12, PRD_AT, 4);
    bus_io_write(r->b, BM + 10, 0x06, 1);
}

START_TEST(test_atapi_dma_read_and_a_save_waiting_for_the_start_bit)
{
    Rig r;
    rig(&r, true);
    const uint8_t rd[12] = { 0x28, 0, 0, 0, 0, 9, 0, 0, 3 };    /* blocks 9-11 */
    prd(&r, BUF_AT, 3 * 2048, true);
    packet(&r, rd, 0, true);                                    /* limit 0 is fine with DMA */
    ck_assert_uint_eq(status(&r), 0xd8);                        /* BSY DRQ: waits for start */
    size_t len;
    uint8_t *bytes = dt_save(&ide_vms, r.s, &len, NULL);
    bus_io_write(r.b, BM + 8, 0x09, 1);
    ck_assert_uint_eq(status(&r), 0x50);
    ck_assert_uint_eq(bus_io_read(r.b, BM + 10, 1), 0x04);     /* interrupt, inactive */
    ck_assert_uint_eq(le32(r.ram + BUF_AT), 9);
    ck_assert_uint_eq(le32(r.ram + BUF_AT + 4096), 11);
    ck_assert_uint_eq(r.ram[BUF_AT + 3 * 2048 - 1], 0xa0 + 11);
    /* the saved machine: the packet travels as IDE_RETRY_ATAPI (0x20 in the bmdma status
     * byte) and runs again after the load, then waits for the start bit */
    Rig f;
    memcpy(f.path, r.path, sizeof f.path);
    unrig(&r, false);
    rig(&f, false);
    prd(&f, BUF_AT, 3 * 2048, true);
    Err e = { 0 };
    ck_assert_int_eq(dt_load(&ide_vms, f.s, bytes, len, &e), 0);
    ide_resume(f.s);
    ck_assert_uint_eq(status(&f), 0xd8);
    bus_io_write(f.b, BM + 8, 0x09, 1);
    ck_assert_uint_eq(status(&f), 0x50);
    ck_assert_uint_eq(le32(f.ram + BUF_AT + 2048), 10);
    free(bytes);
    /* PRDs shorter than the reply: the engine stops, the drive stays busy, as QEMU */
    prd(&f, BUF_AT, 1024, true);
    packet(&f, rd, 0, true);
    bus_io_write(f.b, BM + 8, 0x09, 1);
    ck_assert_uint_eq(bus_io_read(f.b, BM + 10, 1) & 1, 0);
    ck_assert_uint_eq(status(&f), 0xd8);
    unrig(&f, true);
}
END_TEST

START_TEST(test_atapi_save_mid_pio_reply_loads_as_qemu)
{
    Rig r;
    rig(&r, true);
    const uint8_t rd[12] = { 0x28, 0, 0, 0, 0, 20, 0, 0, 2 };   /* blocks 20-21 */
    packet(&r, rd, 2048, false);
    for (int i = 0; i < 100; i++)
        bus_io_read(r.b, 0x170, 2);
    size_t len;
    uint8_t *bytes = dt_save(&ide_vms, r.s, &len, NULL);
    Rig f;
    memcpy(f.path, r.path, sizeof f.path);
    unrig(&r, false);
    rig(&f, false);
    Err e = { 0 };
    ck_assert_int_eq(dt_load(&ide_vms, f.s, bytes, len, &e), 0);
    ide_resume(f.s);
    /* the rest of the DRQ block comes from the saved buffer ... */
    for (int i = 100; i < 1023; i++)
        bus_io_read(f.b, 0x170, 2);
    ck_assert_uint_eq(bus_io_read(f.b, 0x170, 2), (0xa0 + 20) << 8);
    /* ... but the position in the medium is not in QEMU's section: the next block fails
     * with ILLEGAL REQUEST / LOGICAL BLOCK OUT OF RANGE, as on QEMU 7.2 */
    ck_assert_uint_eq(status(&f), 0x41);
    ck_assert_uint_eq(sense(&f), 0x0521);
    /* hostile: an ATAPI transfer on a drive position that has no CD-ROM */
    Rig d;
    memcpy(d.path, f.path, sizeof d.path);
    d.b = bus_new();
    d.ram = xzalloc(RAM_BYTES);
    d.pb = pci_bus_new(d.b);
    ck_assert_int_eq(blk_open(d.path, "raw", true, &d.blk, &e), 0);
    BlockDev *disk[4] = { NULL, NULL, d.blk, NULL };
    d.s = ide_init(d.pb, d.b, d.b, disk, 0, NULL, NULL);
    ck_assert_int_lt(dt_load(&ide_vms, d.s, bytes, len, &e), 0);
    unrig(&d, false);
    free(bytes);
    unrig(&f, true);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("atapi");
    TCase *tc = tcase_create("atapi");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_atapi_signature_and_identify_packet_are_qemus);
    tcase_add_test(tc, test_atapi_pio_read_is_cut_by_the_byte_count_limit);
    tcase_add_test(tc, test_atapi_hostile_cdbs_get_qemus_sense);
    tcase_add_test(tc, test_atapi_random_cdbs_leave_the_drive_usable);
    tcase_add_test(tc, test_atapi_dma_read_and_a_save_waiting_for_the_start_bit);
    tcase_add_test(tc, test_atapi_save_mid_pio_reply_loads_as_qemu);
    suite_add_tcase(s, tc);
    SRunner *r = srunner_create(s);
    srunner_run_all(r, CK_NORMAL);
    int failed = srunner_ntests_failed(r);
    srunner_free(r);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
