/* test_fdc_media.c: the floppy controller with a disk image in drive 0: media geometry
 * from the image size (QEMU 7.2's fd_formats), READ and WRITE by DMA and by non-DMA
 * transfer against the image's bytes, write protection, and hostile commands (sector 0,
 * sectors, tracks and heads past the medium, size codes past 7, EOT before the sector, a
 * DMA count shorter or longer than the transfer, seeded random port traffic), which must
 * end in QEMU's results or harmlessly; the drive's subsections and a save in the middle of
 * a non-DMA READ round-trip. Expected results follow QEMU 7.2's hw/block/fdc.c. */
#include "fdc_test.h"

#include <unistd.h>

typedef struct Rig {
    Bus *bus;
    Clock clock;
    IrqLine irq6;
    int level;
    FdcState *f;
    BlockDev *blk;
    char path[64];
    uint8_t mem[65536];      /* what the DMA channel reads and writes */
    int dma_size;            /* the channel's count in bytes; 0 = masked */
    int dma_pos;             /* the channel's position after the last transfer */
    int holds, releases;
} Rig;

static void irq6_set(void *opaque, int n, int level) { ((Rig *)opaque)->level = level; }

static void dma_hold(void *opaque)
{
    Rig *r = opaque;
    r->holds++;
    if (r->dma_size)
        r->dma_pos = fdc_dma_transfer(r->f, 2, 0, r->dma_size);
}
static void dma_release(void *opaque) { ((Rig *)opaque)->releases++; }
static int dma_read(void *opaque, void *buf, int pos, int len)
{
    Rig *r = opaque;
    ck_assert(pos >= 0 && len >= 0 && pos + len <= (int)sizeof r->mem);
    memcpy(buf, r->mem + pos, (size_t)len);
    return len;
}
static int dma_write(void *opaque, const void *buf, int pos, int len)
{
    Rig *r = opaque;
    ck_assert(pos >= 0 && len >= 0 && pos + len <= (int)sizeof r->mem);
    memcpy(r->mem + pos, buf, (size_t)len);
    return len;
}

/* Byte i of the image: its sector number and offset, so every sector differs. */
static uint8_t img_byte(uint64_t i) { return (uint8_t)(i / 512 * 7 + i % 512 * 3 + 1); }

/* An image of size bytes in drive 0 (ro: opened read-only). */
static Rig *rig_new(uint64_t size, bool ro)
{
    Rig *r = calloc(1, sizeof *r);
    r->bus = bus_new();
    clock_init(&r->clock, 3);
    r->irq6 = (IrqLine){ irq6_set, r, 6 };
    r->f = fdc_init(r->bus, &r->irq6, &r->clock);
    snprintf(r->path, sizeof r->path, "/tmp/test_fdc_media.XXXXXX");
    int fd = mkstemp(r->path);
    ck_assert_int_ge(fd, 0);
    uint8_t *b = malloc(size);
    for (uint64_t i = 0; i < size; i++)
        b[i] = img_byte(i);
    ck_assert_int_eq(write(fd, b, size), (ssize_t)size);
    close(fd);
    free(b);
    Err e = { 0 };
    ck_assert_msg(blk_open(r->path, "raw", ro, &r->blk, &e) == 0, "%s", e.msg);
    fdc_attach_drive(r->f, 0, r->blk, FDC_DRIVE_AUTO);
    fdc_attach_dma(r->f, &(FdcDma){ r, dma_hold, dma_release, dma_read, dma_write });
    fdc_reset(r->f);
    r->dma_size = 65536;
    return r;
}

static void rig_free(Rig *r)
{
    fdc_free(r->f);
    blk_close(r->blk, NULL);
    unlink(r->path);
    bus_free(r->bus);
    free(r);
}

static uint8_t msr(Rig *r) { return fdc_test_msr(r->bus); }
static void cmd(Rig *r, const uint8_t *b, int n) { fdc_test_cmd(r->bus, b, n); }
static void result(Rig *r, uint8_t *out, int n) { fdc_test_result(r->bus, out, n); }

static void check_result(Rig *r, uint8_t st0, uint8_t st1, uint8_t c, uint8_t h, uint8_t s)
{
    uint8_t b[7];
    result(r, b, 7);
    ck_assert_msg(b[0] == st0 && b[1] == st1 && b[2] == 0 && b[3] == c && b[4] == h && b[5] == s &&
                  b[6] == 2, "result %02x %02x %02x %02x %02x %02x %02x, want %02x %02x 00 %02x %02x %02x 02",
                  b[0], b[1], b[2], b[3], b[4], b[5], b[6], st0, st1, c, h, s);
}

static void check_mem(Rig *r, int off, uint64_t lba, int len)
{
    for (int i = 0; i < len; i++)
        ck_assert_msg(r->mem[off + i] == img_byte(lba * 512 + (uint64_t)i),
                      "byte %d of the transfer (lba %" PRIu64 ")", i, lba);
}

START_TEST(test_fdc_media_geometry_follows_the_image_size_as_qemu)
{
    static const struct { uint64_t size; int cmos, sect, tracks, heads, rate; } t[] = {
        { 1474560, 4, 18, 80, 2, 0 },   /* 1.44 MB */
        { 2949120, 5, 36, 80, 2, 3 },   /* 2.88 MB */
        { 737280, 4, 9, 80, 2, 2 },     /* 720 KB, in a 3.5" drive */
        { 1228800, 2, 15, 80, 2, 0 },   /* 1.2 MB */
        { 368640, 2, 9, 40, 2, 1 },     /* 360 KB, 5.25" */
        { 163840, 2, 8, 40, 1, 2 },     /* 160 KB: one side */
        { 1720320, 4, 21, 80, 2, 0 },   /* 1.68 MB DMF */
        { 1000000, 5, 36, 80, 2, 3 },   /* no format: the 2.88 MB fallback */
        { 512, 5, 36, 80, 2, 3 },
    };
    for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
        Rig *r = rig_new(t[i].size, false);
        const FdcDrive *d = &r->f->state.drives[0];
        ck_assert_int_eq(fdc_drive_cmos_type(r->f, 0), t[i].cmos);
        ck_assert_int_eq(fdc_drive_cmos_type(r->f, 1), 0);
        ck_assert_int_eq(d->last_sect, t[i].sect);
        ck_assert_int_eq(d->max_track, t[i].tracks);
        ck_assert_int_eq(d->dbl_sides, t[i].heads == 2);
        ck_assert_int_eq(d->media_rate, t[i].rate);
        ck_assert_int_eq(bus_io_read(r->bus, 0x3F7, 1), 0x80);   /* disk changed, until a seek */
        ck_assert_int_eq(r->f->state.sra & 0x40, 0x40);   /* no drive 1 (SRA: no port reads it) */
        rig_free(r);
    }
}
END_TEST

START_TEST(test_fdc_media_dma_read_and_write_reach_the_image)
{
    Rig *r = rig_new(1474560, false);
    /* READ, MT: C 2 H 1 R 17 N 2 EOT 18: two sectors, then the next track's head 0 */
    static const uint8_t rd[] = { 0xc6, 0x04, 2, 1, 17, 2, 18, 0x1b, 0xff };
    r->dma_size = 4 * 512;
    cmd(r, rd, 9);
    ck_assert_int_eq(r->dma_pos, 4 * 512);
    ck_assert_int_eq(r->level, 1);
    ck_assert_int_eq(r->releases, 1);
    check_mem(r, 0, (2 * 2 + 1) * 18 + 16, 2 * 512);       /* C 2 H 1 S 17, 18 */
    check_mem(r, 1024, (3 * 2 + 0) * 18 + 0, 2 * 512);     /* C 3 H 0 S 1, 2 */
    check_result(r, 0x20, 0, 3, 0, 3);   /* SEEK (the track changed), now on head 0 */
    ck_assert_int_eq(bus_io_read(r->bus, 0x3F7, 1), 0x00);   /* a seek cleared the line */

    /* WRITE C 79 H 1 R 18 (the last sector), one sector from memory */
    for (int i = 0; i < 512; i++)
        r->mem[i] = (uint8_t)(0xa5 ^ i);
    static const uint8_t wr[] = { 0x45, 0x04, 79, 1, 18, 2, 18, 0x1b, 0xff };
    r->dma_size = 512;
    cmd(r, wr, 9);
    ck_assert_int_eq(r->dma_pos, 512);
    uint8_t got[512];
    Err e = { 0 };
    ck_assert_int_eq(blk_pread(r->blk, 1474560 - 512, got, 512, &e), 0);
    for (int i = 0; i < 512; i++)
        ck_assert_int_eq(got[i], (uint8_t)(0xa5 ^ i));
    uint8_t b[7];
    result(r, b, 7);
    ck_assert_int_eq(b[0] & 0xc0, 0);
    rig_free(r);
}
END_TEST

START_TEST(test_fdc_media_nondma_read_and_write_move_bytes_through_the_fifo)
{
    Rig *r = rig_new(737280, false);
    bus_io_write(r->bus, 0x3F7, 2, 1);                 /* 250 kb/s: the 720 KB medium's */
    static const uint8_t specify[] = { 0x03, 0xaf, 0x03 };   /* ND */
    cmd(r, specify, 3);
    static const uint8_t rd[] = { 0x46, 0x00, 1, 0, 8, 2, 9, 0x1b, 0xff };   /* C 1 R 8, 9 */
    cmd(r, rd, 9);
    ck_assert_int_eq(r->holds, 0);
    for (int i = 0; i < 1024; i++) {
        ck_assert_int_eq(msr(r) & 0xe0, 0xe0);         /* RQM, DIO, non-DMA */
        ck_assert_int_eq(bus_io_read(r->bus, 0x3F5, 1), img_byte((18 + 7) * 512 + (uint64_t)i));
    }
    check_result(r, 0x20, 0, 1, 0, 9);
    static const uint8_t wr[] = { 0x45, 0x00, 0, 0, 3, 2, 3, 0x1b, 0xff };
    cmd(r, wr, 9);
    for (int i = 0; i < 512; i++) {
        ck_assert_int_eq(msr(r) & 0xe0, 0xa0);         /* RQM, non-DMA, to the controller */
        bus_io_write(r->bus, 0x3F5, (uint32_t)(i * 5), 1);
    }
    uint8_t got[512];
    Err e = { 0 };
    ck_assert_int_eq(blk_pread(r->blk, 2 * 512, got, 512, &e), 0);
    for (int i = 0; i < 512; i++)
        ck_assert_int_eq(got[i], (uint8_t)(i * 5));
    /* XXX: as QEMU, a non-DMA WRITE whose last sector is EOT stops at the end of the
     * track without a result phase (fdctrl_write_data's break): RQM stays clear. */
    ck_assert_int_eq(msr(r) & 0x80, 0);
    rig_free(r);
}
END_TEST

START_TEST(test_fdc_media_write_protected_disk_is_not_written)
{
    Rig *r = rig_new(1474560, true);
    static const uint8_t sense[] = { 0x04, 0x00 };
    cmd(r, sense, 2);
    uint8_t b[1];
    result(r, b, 1);
    ck_assert_int_eq(b[0] & 0x40, 0x40);               /* ST3 write protect */
    memset(r->mem, 0xee, 512);
    static const uint8_t wr[] = { 0x45, 0x00, 0, 0, 1, 2, 18, 0x1b, 0xff };
    r->dma_size = 512;
    cmd(r, wr, 9);
    check_result(r, 0x60, 0x02, 0, 0, 1);              /* abnormal + seek, not writable */
    uint8_t got[512];
    Err e = { 0 };
    ck_assert_int_eq(blk_pread(r->blk, 0, got, 512, &e), 0);
    ck_assert_int_eq(got[0], img_byte(0));
    rig_free(r);
}
END_TEST

START_TEST(test_fdc_media_hostile_commands_end_as_qemus)
{
    Rig *r = rig_new(1474560, false);
    uint8_t b[7];
    /* sector past the track: ST1 end of cylinder; the result names the asked sector */
    static const uint8_t past_sect[] = { 0x46, 0x00, 0, 0, 19, 2, 19, 0x1b, 0xff };
    cmd(r, past_sect, 9);
    check_result(r, 0x40, 0x80, 0, 0, 19);
    /* a track past the medium, a head too, then a one-sided medium's head 1 */
    static const uint8_t past_track[] = { 0x46, 0x00, 81, 0, 1, 2, 18, 0x1b, 0xff };
    cmd(r, past_track, 9);
    check_result(r, 0x40, 0x00, 81, 0, 1);
    /* head 2 of a two-sided medium passes QEMU's fd_seek (it checks one-sided media
     * only): the transfer runs, from sector (0 * 2 + 2) * 18 */
    static const uint8_t head2[] = { 0x46, 0x04, 0, 2, 1, 2, 1, 0x1b, 0xff };
    r->dma_size = 512;
    cmd(r, head2, 9);
    check_mem(r, 0, 36, 512);
    result(r, b, 7);
    /* EOT before the sector: missing address mark */
    static const uint8_t eot[] = { 0x46, 0x00, 0, 0, 9, 2, 3, 0x1b, 0xff };
    cmd(r, eot, 9);
    result(r, b, 7);
    ck_assert_int_eq(b[1], 0x01);
    /* a data rate the medium has not */
    bus_io_write(r->bus, 0x3F7, 3, 1);
    static const uint8_t rd[] = { 0x46, 0x00, 0, 0, 1, 2, 18, 0x1b, 0xff };
    cmd(r, rd, 9);
    result(r, b, 7);
    ck_assert_int_eq(b[1], 0x01);
    bus_io_write(r->bus, 0x3F7, 0, 1);
    /* sector 0: inside the medium's range for fd_seek, before the image: reads zeros */
    memset(r->mem, 0x55, 1024);
    static const uint8_t sect0[] = { 0x46, 0x00, 0, 0, 0, 2, 0, 0x1b, 0xff };
    r->dma_size = 1024;
    cmd(r, sect0, 9);
    for (int i = 0; i < 512; i++)
        ck_assert_int_eq(r->mem[i], 0);
    result(r, b, 7);
    /* size code 0xff (QEMU caps it at 7: 16 KiB sectors) and N = 0 with DTL 0 */
    static const uint8_t big[] = { 0x46, 0x00, 0, 0, 1, 0xff, 18, 0x1b, 0xff };
    r->dma_size = 65536;
    cmd(r, big, 9);
    ck_assert_int_eq(r->dma_pos, 18 * 512);            /* up to the end of the track */
    result(r, b, 7);
    static const uint8_t dtl0[] = { 0x46, 0x00, 0, 0, 1, 0, 18, 0x1b, 0x00 };
    cmd(r, dtl0, 9);
    ck_assert_int_eq(r->dma_pos, 0);
    result(r, b, 7);
    /* a masked channel: the command waits in the execution phase, RQM clear, writes
     * refused; a DSR reset ends it */
    r->dma_size = 0;
    cmd(r, rd, 9);
    ck_assert_int_eq(msr(r) & 0x80, 0);
    bus_io_write(r->bus, 0x3F5, 0x08, 1);
    ck_assert_int_eq(msr(r) & 0x80, 0);
    bus_io_write(r->bus, 0x3F4, 0x80, 1);
    ck_assert_int_eq(msr(r) & 0xc0, 0x80);
    /* a write past the end of a short image fails: ST0 abnormal + seek */
    rig_free(r);
    r = rig_new(1000000, false);                       /* 2.88 MB geometry, 1 MB of image */
    bus_io_write(r->bus, 0x3F7, 3, 1);
    static const uint8_t wr_far[] = { 0x45, 0x00, 79, 0, 1, 2, 36, 0x1b, 0xff };
    r->dma_size = 512;
    cmd(r, wr_far, 9);
    result(r, b, 7);
    ck_assert_int_eq(b[0] & 0xe0, 0x60);
    static const uint8_t rd_far[] = { 0x46, 0x00, 79, 0, 1, 2, 36, 0x1b, 0xff };
    memset(r->mem, 0x55, 512);
    cmd(r, rd_far, 9);
    ck_assert_int_eq(r->mem[0], 0);                    /* past the image: zeros */
    result(r, b, 7);
    rig_free(r);
}
END_TEST

/* Random traffic on every port with a medium and DMA, fixed seeds: nothing may crash,
 * read outside the FIFO or the DMA buffer (ASan, dma_read/dma_write's asserts), and the
 * controller must come back to the command phase after a DSR reset. */
START_TEST(test_fdc_media_survives_seeded_random_port_traffic)
{
    for (uint32_t seed = 1; seed <= 8; seed++) {
        Rig *r = rig_new(seed & 1 ? 1474560 : 368640, seed > 6);
        uint32_t x = seed * 2654435761u;
        for (int i = 0; i < 40000; i++) {
            x = x * 1103515245u + 12345u;
            uint32_t v = x >> 16;
            uint16_t port = (uint16_t)(0x3F1 + (v & 7));
            if (port == 0x3F6)
                port = 0x3F5;
            r->dma_size = (int)((v >> 3) & 3) * 4096;
            if ((v >> 5) & 1)
                bus_io_read(r->bus, port, 1);
            else
                bus_io_write(r->bus, port, (v >> 8) & 0xff, 1);
            if ((i & 4095) == 0) {
                clock_warp(&r->clock, clock_ns(&r->clock) + 30000000);
                clock_run_timers(&r->clock);
            }
        }
        bus_io_write(r->bus, 0x3F2, 0x0c, 1);
        bus_io_write(r->bus, 0x3F4, 0x80, 1);
        ck_assert_int_eq(msr(r) & 0xc0, 0x80);
        rig_free(r);
    }
}
END_TEST

START_TEST(test_fdc_media_save_mid_nondma_read_goes_on_after_load)
{
    Rig *r = rig_new(1474560, false);
    static const uint8_t specify[] = { 0x03, 0xaf, 0x03 };
    cmd(r, specify, 3);
    static const uint8_t rd[] = { 0x46, 0x00, 3, 0, 1, 2, 2, 0x1b, 0xff };   /* C 3 R 1, 2 */
    cmd(r, rd, 9);
    for (int i = 0; i < 700; i++)
        ck_assert_int_eq(bus_io_read(r->bus, 0x3F5, 1), img_byte(3 * 36 * 512 + (uint64_t)i));
    size_t n;
    uint8_t *b = dt_save(&fdc_vms, r->f, &n, NULL);
    Rig *r2 = rig_new(1474560, false);
    Err e = { 0 };
    ck_assert_msg(dt_load(&fdc_vms, r2->f, b, n, &e) == 0, "%s", e.msg);
    dt_check_bytes(&fdc_vms, r2->f, b, n);
    dt_check_truncations(&fdc_vms, r2->f, b, n);
    ck_assert_msg(dt_load(&fdc_vms, r2->f, b, n, &e) == 0, "%s", e.msg);
    ck_assert_int_eq(r2->f->state.drives[0].media_changed, 0);   /* subsection travelled */
    for (int i = 700; i < 1024; i++)
        ck_assert_int_eq(bus_io_read(r2->bus, 0x3F5, 1), img_byte(3 * 36 * 512 + (uint64_t)i));
    check_result(r2, 0x20, 0, 3, 0, 2);
    free(b);
    rig_free(r2);
    rig_free(r);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("fdc_media");
    TCase *tc = tcase_create("fdc_media");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_fdc_media_geometry_follows_the_image_size_as_qemu);
    tcase_add_test(tc, test_fdc_media_dma_read_and_write_reach_the_image);
    tcase_add_test(tc, test_fdc_media_nondma_read_and_write_move_bytes_through_the_fifo);
    tcase_add_test(tc, test_fdc_media_write_protected_disk_is_not_written);
    tcase_add_test(tc, test_fdc_media_hostile_commands_end_as_qemus);
    tcase_add_test(tc, test_fdc_media_survives_seeded_random_port_traffic);
    tcase_add_test(tc, test_fdc_media_save_mid_nondma_read_goes_on_after_load);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
