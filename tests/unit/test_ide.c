/* test_ide.c: the PIIX3 IDE function on a raw image: identity, IDENTIFY, PIO reads and
 * writes through the ports, the empty secondary channel, and the "ide" section: QEMU's 942
 * bytes and vmdesc, a save taken in the middle of a PIO transfer (pio_state subsection with
 * the 131076-byte buffer) that resumes after a load, and hostile loads. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "emu/dev/ide/ide.h"
#include "dev_test.h"

typedef struct Rig { Bus *b; PciBus *pb; BlockDev *blk; IdeState *s; char path[64]; } Rig;

static void rig(Rig *r, bool fresh_file)
{
    if (fresh_file) {
        snprintf(r->path, sizeof r->path, "/tmp/pcemu-test-ide-%d.raw", (int)getpid());
        FILE *f = fopen(r->path, "wb");
        ck_assert(f != NULL);
        static uint8_t sec[512];
        for (int i = 0; i < 2048; i++) {   /* 1 MiB: each sector starts with its number */
            memset(sec, 0, sizeof sec);
            put_le32(sec, (uint32_t)i);
            fwrite(sec, 1, 512, f);
        }
        fclose(f);
    }
    Err e = { 0 };
    ck_assert_int_eq(blk_open(r->path, "raw", false, &r->blk, &e), 0);
    r->b = bus_new();
    r->pb = pci_bus_new(r->b);
    BlockDev *drives[4] = { r->blk, NULL, NULL, NULL };
    r->s = ide_init(r->pb, r->b, r->b, drives, 0, NULL, NULL);
}

static void unrig(Rig *r, bool remove_file)
{
    ide_free(r->s);
    pci_bus_free(r->pb);
    bus_free(r->b);
    blk_close(r->blk, NULL);
    if (remove_file)
        unlink(r->path);
}

static void ata(Bus *b, uint8_t count, uint32_t lba, uint8_t cmd)
{
    bus_io_write(b, 0x1f2, count, 1);
    bus_io_write(b, 0x1f3, lba & 0xff, 1);
    bus_io_write(b, 0x1f4, (lba >> 8) & 0xff, 1);
    bus_io_write(b, 0x1f5, (lba >> 16) & 0xff, 1);
    bus_io_write(b, 0x1f6, 0xe0 | ((lba >> 24) & 0xf), 1);
    bus_io_write(b, 0x1f7, cmd, 1);
}

START_TEST(test_ide_identify_and_pio_read_write)
{
    Rig r;
    rig(&r, true);
    ck_assert_uint_eq(pci_data_read(r.pb, 0x80000900, 4), 0x70108086);
    ck_assert_uint_eq(pci_data_read(r.pb, 0x80000908, 4), 0x01018000);
    ck_assert_uint_eq(bus_io_read(r.b, 0x1f7, 1), 0x50);
    ck_assert_uint_eq(bus_io_read(r.b, 0x177, 1), 0x00);        /* empty channel */
    ata(r.b, 0, 0, 0xa1);                                       /* IDENTIFY PACKET: abort */
    ck_assert_uint_eq(bus_io_read(r.b, 0x1f7, 1), 0x41);
    ck_assert_uint_eq(bus_io_read(r.b, 0x1f1, 1), 0x04);
    ata(r.b, 0, 0, 0xec);
    ck_assert_uint_eq(bus_io_read(r.b, 0x1f7, 1), 0x58);
    uint16_t id[256];
    for (int i = 0; i < 256; i++)
        id[i] = (uint16_t)bus_io_read(r.b, 0x1f0, 2);
    ck_assert_uint_eq(bus_io_read(r.b, 0x1f7, 1), 0x50);
    ck_assert_uint_eq(id[0], 0x0040);
    ck_assert_uint_eq(id[1], 2);                                /* 1 MiB: 2 cylinders min */
    ck_assert_uint_eq(id[10], ('Q' << 8) | 'M');                /* serial QM00001 */
    ck_assert_uint_eq(id[27], ('Q' << 8) | 'E');                /* model QEMU HARDDISK */
    ck_assert_uint_eq(id[23], ('2' << 8) | '.');                /* firmware 2.5+ */
    ck_assert_uint_eq(id[60], 2048);
    ck_assert_uint_eq(id[93], 0x6001);
    ata(r.b, 2, 7, 0x20);
    ck_assert_uint_eq(bus_io_read(r.b, 0x1f0, 4), 7);           /* dword access too */
    for (int i = 0; i < 127; i++)
        bus_io_read(r.b, 0x1f0, 4);
    ck_assert_uint_eq(bus_io_read(r.b, 0x1f0, 2), 8);
    for (int i = 1; i < 256; i++)
        bus_io_read(r.b, 0x1f0, 2);
    ck_assert_uint_eq(bus_io_read(r.b, 0x1f7, 1), 0x50);
    ck_assert_uint_eq(bus_io_read(r.b, 0x1f3, 1), 9);           /* next sector */
    ata(r.b, 1, 100, 0x30);
    ck_assert_uint_eq(bus_io_read(r.b, 0x1f7, 1), 0x58);
    for (int i = 0; i < 256; i++)
        bus_io_write(r.b, 0x1f0, 0xbeef, 2);
    ck_assert_uint_eq(bus_io_read(r.b, 0x1f7, 1), 0x50);
    uint8_t buf[2];
    Err e = { 0 };
    ck_assert_int_eq(blk_pread(r.blk, 100 * 512, buf, 2, &e), 0);
    ck_assert_uint_eq(le16(buf), 0xbeef);
    ata(r.b, 1, 5000, 0x20);                                    /* beyond the disk */
    ck_assert_uint_eq(bus_io_read(r.b, 0x1f7, 1), 0x41);
    ata(r.b, 0, 0, 0x50);                                       /* unknown command */
    ck_assert_uint_eq(bus_io_read(r.b, 0x1f7, 1), 0x41);
    unrig(&r, true);
}
END_TEST

START_TEST(test_ide_section_layout_matches_qemu)
{
    Rig r;
    rig(&r, true);
    ata(r.b, 0, 0, 0xec);
    for (int i = 0; i < 256; i++)
        bus_io_read(r.b, 0x1f0, 2);
    size_t len;
    uint8_t *bytes = dt_save(&ide_vms, r.s, &len, NULL);
    ck_assert_uint_eq(len, 942);                 /* QEMU's body with IDENTIFY on 0.0 */
    ck_assert_uint_eq(bytes[4 + 0x20], 0x01);    /* BAR4 I/O */
    ck_assert_uint_eq(bytes[318 + 7], 1);        /* bus[0].ifs[0].identify_set */
    ck_assert_uint_eq(bytes[318 + 8 + 20], 'M'); /* identify_data: serial, swapped */
    dt_check_vmdesc(&ide_vms, r.s, "0000:00:01.1/ide", 0);
    Rig f;
    f.b = NULL;
    memcpy(f.path, r.path, sizeof f.path);
    unrig(&r, false);
    rig(&f, false);
    Err e = { 0 };
    ck_assert_int_eq(dt_load(&ide_vms, f.s, bytes, len, &e), 0);
    ck_assert_int_eq(f.s->bus[0].ifs[0].identify_set, 1);
    size_t len2;
    uint8_t *again = dt_save(&ide_vms, f.s, &len2, NULL);
    ck_assert_uint_eq(len2, len);
    ck_assert_mem_eq(again, bytes, len);
    free(again);
    uint8_t keep = bytes[315];
    bytes[315] = 2;                              /* bus[0].unit must be 0 or 1 */
    ck_assert_int_lt(dt_load(&ide_vms, f.s, bytes, len, &e), 0);
    bytes[315] = keep;
    dt_check_truncations(&ide_vms, f.s, bytes, len);
    free(bytes);
    unrig(&f, true);
}
END_TEST

START_TEST(test_ide_save_mid_pio_transfer_resumes_after_load)
{
    Rig r;
    rig(&r, true);
    ata(r.b, 3, 40, 0x20);
    for (int i = 0; i < 100; i++)
        bus_io_read(r.b, 0x1f0, 2);
    size_t len;
    uint8_t *bytes = dt_save(&ide_vms, r.s, &len, NULL);
    /* pio_state: header (1 + 1 + 19 + 4) and 4 + 131076 + 4 + 4 + 1 + 4 + 4 bytes */
    ck_assert_uint_eq(len, 942 - 512 + 25 + 131097);
    Rig f;
    memcpy(f.path, r.path, sizeof f.path);
    unrig(&r, false);
    rig(&f, false);
    Err e = { 0 };
    ck_assert_int_eq(dt_load(&ide_vms, f.s, bytes, len, &e), 0);
    for (int i = 100; i < 256; i++)
        bus_io_read(f.b, 0x1f0, 2);
    ck_assert_uint_eq(bus_io_read(f.b, 0x1f0, 2), 41);          /* next sector follows */
    /* hostile: end_transfer_fn_idx 9, and a window beyond the buffer */
    size_t idx_at = 318 + 28 + 25 + 4 + 131076 + 8;
    ck_assert_uint_eq(bytes[idx_at], 0);                        /* IDE_END_SECTOR_READ */
    bytes[idx_at] = 9;
    ck_assert_int_lt(dt_load(&ide_vms, f.s, bytes, len, &e), 0);
    bytes[idx_at] = 0;
    bytes[idx_at - 8] = 0x7f;                                   /* cur_io_buffer_offset */
    ck_assert_int_lt(dt_load(&ide_vms, f.s, bytes, len, &e), 0);
    free(bytes);
    unrig(&f, true);
}
END_TEST

int main(void)
{
    setenv("PCEMU_DEVS_VMDESC", "tests/data/pci-vmdesc.txt", 0);
    Suite *s = suite_create("ide");
    TCase *tc = tcase_create("ide");
    tcase_set_timeout(tc, 30);
    tcase_add_test(tc, test_ide_identify_and_pio_read_write);
    tcase_add_test(tc, test_ide_section_layout_matches_qemu);
    tcase_add_test(tc, test_ide_save_mid_pio_transfer_resumes_after_load);
    suite_add_tcase(s, tc);
    SRunner *r = srunner_create(s);
    srunner_run_all(r, CK_NORMAL);
    int failed = srunner_ntests_failed(r);
    srunner_free(r);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
