/* test_fdc_change.c: the floppy drives' media at run time and empty drives, as QEMU 7.2's
 * hw/block/fdc.c has them: the geometry pick_geometry chooses for each drive type and
 * image size (a hand-made table of QEMU's picks over every size in its format table, the
 * sizes two types share, and sizes in no format), a drive without a medium (the fallback
 * type, write protected, SEEKs over 255 tracks, transfers refused, the disk-change line
 * stuck), a medium inserted into it and changed (the drive keeps its type; the line goes
 * up, and down at a seek), and the "fdrive/media_changed" rule for a drive without a
 * medium. tests/scripts/floppy_media_qemu.sh compares the same with QEMU itself. */
#include "fdc_test.h"

#include <unistd.h>

START_TEST(test_fdc_change_geometry_is_qemus_pick_for_each_type_and_size)
{
    enum { A = FDC_DRIVE_AUTO, T144 = FDC_DRIVE_144, T288 = FDC_DRIVE_288, T120 = FDC_DRIVE_120 };
    static const struct {
        int drive;
        uint64_t sectors;
        int sect, tracks, heads, rate, disk;   /* QEMU's pick */
    } t[] = {
        /* auto: the first format of exactly the size, else the 2.88 MB fallback's first */
        { A, 2880, 18, 80, 2, 0, T144 },     /* 1.44 MB: the 3.5" row comes first */
        { A, 3200, 20, 80, 2, 0, T144 },
        { A, 3360, 21, 80, 2, 0, T144 },     /* 1.68 MB DMF */
        { A, 3444, 21, 82, 2, 0, T144 },
        { A, 3486, 21, 83, 2, 0, T144 },
        { A, 3520, 22, 80, 2, 0, T144 },
        { A, 3680, 23, 80, 2, 0, T144 },
        { A, 3840, 24, 80, 2, 0, T144 },
        { A, 5760, 36, 80, 2, 3, T288 },
        { A, 6240, 39, 80, 2, 3, T288 },
        { A, 6400, 40, 80, 2, 3, T288 },
        { A, 7040, 44, 80, 2, 3, T288 },
        { A, 7680, 48, 80, 2, 3, T288 },
        { A, 1440, 9, 80, 2, 2, T144 },      /* 720 KB: 3.5" before 5.25" */
        { A, 1600, 10, 80, 2, 2, T144 },
        { A, 1640, 10, 82, 2, 2, T144 },
        { A, 1660, 10, 83, 2, 2, T144 },
        { A, 2080, 13, 80, 2, 2, T144 },
        { A, 2240, 14, 80, 2, 2, T144 },
        { A, 2400, 15, 80, 2, 0, T120 },     /* 1.2 MB */
        { A, 2952, 18, 82, 2, 0, T120 },
        { A, 2988, 18, 83, 2, 0, T120 },
        { A, 1760, 11, 80, 2, 2, T120 },
        { A, 720, 9, 40, 2, 1, T120 },       /* 360 KB: the 5.25" two-sided row first */
        { A, 360, 9, 40, 1, 1, T120 },
        { A, 820, 10, 41, 2, 1, T120 },
        { A, 840, 10, 42, 2, 1, T120 },
        { A, 640, 8, 40, 2, 2, T120 },
        { A, 320, 8, 40, 1, 2, T120 },
        { A, 0, 36, 80, 2, 3, T288 },        /* no format: the fallback */
        { A, 1953, 36, 80, 2, 3, T288 },
        /* 1.44 MB drive: (1) its own rows, (2) 2.88 MB rows (3.5" too), (3) 18/80 */
        { T144, 2880, 18, 80, 2, 0, T144 },
        { T144, 1440, 9, 80, 2, 2, T144 },
        { T144, 720, 9, 80, 1, 2, T144 },    /* (1): the last row, a one-sided 3.5" disk */
        { T144, 3200, 20, 80, 2, 0, T144 },
        { T144, 5760, 36, 80, 2, 3, T288 },  /* (2) */
        { T144, 7680, 48, 80, 2, 3, T288 },  /* (2) */
        { T144, 2400, 18, 80, 2, 0, T144 },  /* a 5.25" size: (3), QEMU only warns */
        { T144, 1760, 18, 80, 2, 0, T144 },  /* (3) */
        { T144, 360, 18, 80, 2, 0, T144 },   /* (3) */
        { T144, 1953, 18, 80, 2, 0, T144 },  /* (3) */
        { T144, 0, 18, 80, 2, 0, T144 },
        /* 2.88 MB drive: (2) takes the 1.44 MB drive's rows */
        { T288, 5760, 36, 80, 2, 3, T288 },
        { T288, 6400, 40, 80, 2, 3, T288 },
        { T288, 2880, 18, 80, 2, 0, T144 },  /* (2) */
        { T288, 1440, 9, 80, 2, 2, T144 },   /* (2) */
        { T288, 720, 9, 80, 1, 2, T144 },    /* (2): the 3.5" row, not the 5.25" before it */
        { T288, 2400, 36, 80, 2, 3, T288 },  /* (3) */
        { T288, 1953, 36, 80, 2, 3, T288 },  /* (3) */
        /* 1.2 MB drive: its own rows even where a 3.5" row of the size comes first */
        { T120, 2400, 15, 80, 2, 0, T120 },
        { T120, 2880, 18, 80, 2, 0, T120 },  /* (1) over the 1.44 MB row before it */
        { T120, 3200, 20, 80, 2, 0, T120 },
        { T120, 1440, 9, 80, 2, 2, T120 },
        { T120, 720, 9, 40, 2, 1, T120 },
        { T120, 360, 9, 40, 1, 1, T120 },
        { T120, 5760, 15, 80, 2, 0, T120 },  /* a 3.5" size: (3) */
        { T120, 1600, 15, 80, 2, 0, T120 },  /* (3) */
        { T120, 1953, 15, 80, 2, 0, T120 },  /* (3) */
    };
    for (size_t i = 0; i < ARRAY_SIZE(t); i++) {
        FdcGeometry g = fdc_pick_geometry((FdcDriveType)t[i].drive, t[i].sectors);
        ck_assert_msg(g.last_sect == t[i].sect && g.max_track == t[i].tracks &&
                      g.dbl_sides == (t[i].heads == 2) && g.rate == t[i].rate &&
                      g.disk == t[i].disk,
                      "row %zu (type %d, %" PRIu64 " sectors): %u/%u/%d rate %u type %u", i,
                      t[i].drive, t[i].sectors, g.last_sect, g.max_track, g.dbl_sides, g.rate,
                      g.disk);
    }
}
END_TEST

typedef struct Rig {
    FdcRig c;                /* first: the controller's rig */
    Bus *bus;                /* c's, shorter */
    FdcState *f;
    int nimg;
    BlockDev *blk[4];
    char path[4][64];
} Rig;

static Rig *rig_new(void)
{
    Rig *r = calloc(1, sizeof *r);
    fdc_rig_init(&r->c);
    r->bus = r->c.bus;
    r->f = r->c.f;
    return r;
}

/* An image of size bytes (byte i of sector n is n + i), opened read-only or not. */
static BlockDev *rig_image(Rig *r, uint64_t size, bool ro)
{
    ck_assert_int_lt(r->nimg, 4);
    char *path = r->path[r->nimg];
    snprintf(path, 64, "/tmp/test_fdc_change.XXXXXX");
    int fd = mkstemp(path);
    ck_assert_int_ge(fd, 0);
    uint8_t *b = malloc(size);
    for (uint64_t i = 0; i < size; i++)
        b[i] = (uint8_t)(i / 512 + i % 512);
    ck_assert_int_eq(write(fd, b, size), (ssize_t)size);
    close(fd);
    free(b);
    Err e = { 0 };
    ck_assert_msg(blk_open(path, "raw", ro, &r->blk[r->nimg], &e) == 0, "%s", e.msg);
    return r->blk[r->nimg++];
}

static void rig_free(Rig *r)
{
    fdc_rig_fini(&r->c);
    for (int i = 0; i < r->nimg; i++) {
        blk_close(r->blk[i], NULL);
        unlink(r->path[i]);
    }
    free(r);
}

static uint8_t msr(Rig *r) { return fdc_test_msr(r->bus); }
static uint8_t dir(Rig *r) { return (uint8_t)bus_io_read(r->bus, 0x3F7, 1); }
static void cmd(Rig *r, const uint8_t *b, int n) { fdc_test_cmd(r->bus, b, n); }
static void result(Rig *r, uint8_t *out, int n) { fdc_test_result(r->bus, out, n); }

/* SEEK drive 0 to track, then SENSE INTERRUPT STATUS: returns the track it reports. */
static uint8_t seek(Rig *r, uint8_t track)
{
    uint8_t b[2];
    cmd(r, (const uint8_t[]){ 0x0f, 0x00, track }, 3);
    cmd(r, (const uint8_t[]){ 0x08 }, 1);
    result(r, b, 2);
    ck_assert_int_eq(b[0], 0x20);   /* seek end, drive 0 */
    return b[1];
}

/* ST3 of SENSE DRIVE STATUS for drive 0 */
static uint8_t st3(Rig *r)
{
    uint8_t b;
    cmd(r, (const uint8_t[]){ 0x04, 0x00 }, 2);
    result(r, &b, 1);
    return b;
}

/* READ of C0 H0 R1 on drive 0 with the controller in non-DMA mode: the ST0 it ends with
 * at once, or 0 when it starts a data phase (then left by a reset). */
static uint8_t read_st0(Rig *r)
{
    cmd(r, (const uint8_t[]){ 0x03, 0xdf, 0x03 }, 3);   /* SPECIFY: non-DMA */
    cmd(r, (const uint8_t[]){ 0x46, 0x00, 0, 0, 1, 2, 1, 0x1b, 0xff }, 9);
    if ((msr(r) & 0xe0) == 0xe0) {   /* data phase */
        bus_io_write(r->bus, 0x3F4, 0x80, 1);   /* DSR software reset */
        uint8_t b[2];
        for (int i = 0; i < 4; i++) {
            cmd(r, (const uint8_t[]){ 0x08 }, 1);
            result(r, b, 2);
        }
        return 0;
    }
    uint8_t b[7];
    result(r, b, 7);
    return b[0];
}

START_TEST(test_fdc_change_empty_drive_is_the_fallback_type_and_seeks_anywhere)
{
    Rig *r = rig_new();
    fdc_attach_drive(r->f, 0, NULL, FDC_DRIVE_AUTO);
    fdc_reset(r->f);
    ck_assert_int_eq(fdc_drive_type(r->f, 0), FDC_DRIVE_288);
    ck_assert_int_eq(fdc_drive_cmos_type(r->f, 0), 5);
    ck_assert_int_eq(fdc_drive_type(r->f, 1), FDC_DRIVE_NONE);
    ck_assert_int_eq(r->f->state.sra & 0x40, 0x40);   /* SRA (no port reads it): no drive 1 */
    ck_assert_int_eq(dir(r), 0x80);
    ck_assert_int_eq(st3(r), 0x78);   /* write protected, track 0, two sides + ready */
    ck_assert_int_eq(seek(r, 200), 200);   /* fd_empty_seek_hack: 255 tracks */
    ck_assert_int_eq(seek(r, 255), 255);
    ck_assert_int_eq(dir(r), 0x80);   /* no medium: the line stays up */
    ck_assert_int_eq(read_st0(r), 0x40);   /* abnormal termination: no medium */
    rig_free(r);

    /* a drive without a medium in slot 1 is a drive: SRA says so */
    r = rig_new();
    fdc_attach_drive(r->f, 1, NULL, FDC_DRIVE_144);
    fdc_reset(r->f);
    ck_assert_int_eq(r->f->state.sra & 0x40, 0);
    ck_assert_int_eq(fdc_drive_cmos_type(r->f, 1), 4);
    rig_free(r);
}
END_TEST

START_TEST(test_fdc_change_medium_keeps_the_drive_type_and_raises_disk_change)
{
    Rig *r = rig_new();
    BlockDev *a = rig_image(r, 1474560, false), *c = rig_image(r, 2949120, true);
    BlockDev *e = rig_image(r, 1228800, false);
    fdc_attach_drive(r->f, 0, a, FDC_DRIVE_AUTO);
    fdc_reset(r->f);
    const FdcDrive *d = &r->f->state.drives[0];
    ck_assert_int_eq(fdc_drive_type(r->f, 0), FDC_DRIVE_144);
    ck_assert_int_eq(st3(r), 0x38);   /* writable */
    ck_assert_int_eq(seek(r, 79), 79);
    ck_assert_int_eq(dir(r), 0x00);   /* a seek to another track with a medium in */
    ck_assert_int_eq(seek(r, 80), 80);   /* QEMU lets a seek reach max_track itself */
    ck_assert_int_eq(seek(r, 81), 80);   /* past it: the head stays */

    fdc_change_medium(r->f, 0, c);   /* 2.88 MB into the 1.44 MB drive: (2) */
    ck_assert_int_eq(dir(r), 0x80);
    ck_assert_int_eq(fdc_drive_type(r->f, 0), FDC_DRIVE_144);
    ck_assert_int_eq(fdc_drive_cmos_type(r->f, 0), 4);
    ck_assert_int_eq(d->last_sect, 36);
    ck_assert_int_eq(d->media_rate, 3);
    ck_assert_int_eq(st3(r) & 0x40, 0x40);   /* opened read-only */
    ck_assert_int_eq(seek(r, 80), 80);   /* the same track: the line stays up */
    ck_assert_int_eq(dir(r), 0x80);
    ck_assert_int_eq(seek(r, 3), 3);
    ck_assert_int_eq(dir(r), 0x00);

    fdc_change_medium(r->f, 0, NULL);   /* removed */
    ck_assert_int_eq(dir(r), 0x80);
    ck_assert_int_eq(d->last_sect, 0xff);
    ck_assert_int_eq(d->max_track, 0xff);
    ck_assert(d->dbl_sides);   /* as QEMU: the last medium's */
    ck_assert_int_eq(st3(r) & 0x40, 0x40);
    ck_assert_int_eq(seek(r, 150), 150);
    ck_assert_int_eq(dir(r), 0x80);
    ck_assert_int_eq(read_st0(r), 0x40);

    fdc_change_medium(r->f, 0, e);   /* 1.2 MB into a 3.5" drive: (3), 18/80 */
    ck_assert_int_eq(d->last_sect, 18);
    ck_assert_int_eq(d->max_track, 80);
    ck_assert_int_eq(d->media_rate, 0);
    ck_assert_int_eq(st3(r) & 0x40, 0);
    ck_assert_int_eq(read_st0(r), 0);   /* the data phase starts */
    rig_free(r);
}
END_TEST

/* "fdrive/media_changed" goes with a drive, medium or not, whose line is down; a medium
 * inserted raises it again, so a drive without a medium sends it only from a stream. */
START_TEST(test_fdc_change_media_changed_subsection_follows_the_drive_not_the_medium)
{
    Rig *r = rig_new();
    BlockDev *a = rig_image(r, 1474560, false);
    fdc_attach_drive(r->f, 0, a, FDC_DRIVE_AUTO);
    fdc_reset(r->f);
    size_t n_up, n_down, n_empty, n_empty_down;
    free(dt_save(&fdc_vms, r->f, &n_up, NULL));
    seek(r, 5);
    free(dt_save(&fdc_vms, r->f, &n_down, NULL));
    ck_assert_uint_gt(n_down, n_up);   /* the subsection is sent */
    fdc_change_medium(r->f, 0, NULL);
    free(dt_save(&fdc_vms, r->f, &n_empty, NULL));
    ck_assert_uint_eq(n_empty, n_up);   /* removal raised the line: not sent */
    r->f->state.drives[0].media_changed = 0;   /* as a stream may leave it */
    free(dt_save(&fdc_vms, r->f, &n_empty_down, NULL));
    ck_assert_uint_eq(n_empty_down, n_down);
    rig_free(r);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("fdc_change");
    TCase *tc = tcase_create("fdc_change");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_fdc_change_geometry_is_qemus_pick_for_each_type_and_size);
    tcase_add_test(tc, test_fdc_change_empty_drive_is_the_fallback_type_and_seeks_anywhere);
    tcase_add_test(tc, test_fdc_change_medium_keeps_the_drive_type_and_raises_disk_change);
    tcase_add_test(tc, test_fdc_change_media_changed_subsection_follows_the_drive_not_the_medium);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
