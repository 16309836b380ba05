/* drive.c: the floppy drives of the ISA floppy controller (fdc.c): the media formats
 * QEMU 7.2's hw/block/fdc.c knows (fd_formats), the geometry picked from an image's size,
 * the head's seek and the sectors moved between the image and the controller's FIFO. */
#include "emu/dev/fdc/fdc-int.h"

#include <assert.h>
#include <string.h>

/* QEMU's fd_formats: media by drive type, first match wins; a 1.44 MB drive is the
 * default type, 2.88 MB the fallback for an image of no known size. */
typedef struct FdcFormat {
    uint8_t drive;           /* FdcDriveType */
    uint8_t last_sect, max_track, max_head;
    uint8_t rate;            /* FD_RATE_* */
} FdcFormat;

static const FdcFormat fd_formats[] = {
    { FDC_DRIVE_144, 18, 80, 1, FD_RATE_500K },   /* 1.44 MB 3.5" */
    { FDC_DRIVE_144, 20, 80, 1, FD_RATE_500K },
    { FDC_DRIVE_144, 21, 80, 1, FD_RATE_500K },
    { FDC_DRIVE_144, 21, 82, 1, FD_RATE_500K },
    { FDC_DRIVE_144, 21, 83, 1, FD_RATE_500K },
    { FDC_DRIVE_144, 22, 80, 1, FD_RATE_500K },
    { FDC_DRIVE_144, 23, 80, 1, FD_RATE_500K },
    { FDC_DRIVE_144, 24, 80, 1, FD_RATE_500K },
    { FDC_DRIVE_288, 36, 80, 1, FD_RATE_1M },     /* 2.88 MB 3.5" */
    { FDC_DRIVE_288, 39, 80, 1, FD_RATE_1M },
    { FDC_DRIVE_288, 40, 80, 1, FD_RATE_1M },
    { FDC_DRIVE_288, 44, 80, 1, FD_RATE_1M },
    { FDC_DRIVE_288, 48, 80, 1, FD_RATE_1M },
    { FDC_DRIVE_144, 9, 80, 1, FD_RATE_250K },    /* 720 KB 3.5" */
    { FDC_DRIVE_144, 10, 80, 1, FD_RATE_250K },
    { FDC_DRIVE_144, 10, 82, 1, FD_RATE_250K },
    { FDC_DRIVE_144, 10, 83, 1, FD_RATE_250K },
    { FDC_DRIVE_144, 13, 80, 1, FD_RATE_250K },
    { FDC_DRIVE_144, 14, 80, 1, FD_RATE_250K },
    { FDC_DRIVE_120, 15, 80, 1, FD_RATE_500K },   /* 1.2 MB 5.25" */
    { FDC_DRIVE_120, 18, 80, 1, FD_RATE_500K },
    { FDC_DRIVE_120, 18, 82, 1, FD_RATE_500K },
    { FDC_DRIVE_120, 18, 83, 1, FD_RATE_500K },
    { FDC_DRIVE_120, 20, 80, 1, FD_RATE_500K },
    { FDC_DRIVE_120, 9, 80, 1, FD_RATE_250K },    /* 720 KB 5.25" */
    { FDC_DRIVE_120, 11, 80, 1, FD_RATE_250K },
    { FDC_DRIVE_120, 9, 40, 1, FD_RATE_300K },    /* 360 KB 5.25" */
    { FDC_DRIVE_120, 9, 40, 0, FD_RATE_300K },
    { FDC_DRIVE_120, 10, 41, 1, FD_RATE_300K },
    { FDC_DRIVE_120, 10, 42, 1, FD_RATE_300K },
    { FDC_DRIVE_120, 8, 40, 1, FD_RATE_250K },    /* 320 KB 5.25" */
    { FDC_DRIVE_120, 8, 40, 0, FD_RATE_250K },
    { FDC_DRIVE_144, 9, 80, 0, FD_RATE_250K },    /* 360 KB 3.5" */
};
#define FD_FALLBACK FDC_DRIVE_288   /* isa-fdc's "fallback" property */

void fdc_drive_empty(FdcDrive *d)
{
    d->last_sect = 0;
    d->max_track = 0;
    d->dbl_sides = false;
    d->ro = true;
    d->drive = FDC_DRIVE_NONE;
}

/* QEMU's drive_size: 3.5" drives take each other's media formats, 5.25" stand alone. */
static bool fd_same_size(uint8_t a, uint8_t b)
{
    return (a == FDC_DRIVE_120) == (b == FDC_DRIVE_120);
}

FdcGeometry fdc_pick_geometry(FdcDriveType drive, uint64_t nb_sectors)
{
    bool magic = drive == FDC_DRIVE_AUTO;
    int match = -1, type_match = -1;
    for (int i = 0; i < (int)ARRAY_SIZE(fd_formats); i++) {
        const FdcFormat *p = &fd_formats[i];
        if ((uint64_t)(p->max_head + 1) * p->max_track * p->last_sect == nb_sectors) {
            if (magic || p->drive == drive) {
                match = i;   /* (1) */
                break;
            }
            if (match < 0 && fd_same_size(p->drive, drive))
                match = i;   /* (2); the other size's formats never win (QEMU warns) */
        } else if (type_match < 0 && p->drive == (magic ? FD_FALLBACK : drive)) {
            type_match = i;  /* (3) */
        }
    }
    const FdcFormat *f = &fd_formats[match >= 0 ? match : type_match];
    return (FdcGeometry){ .last_sect = f->last_sect, .max_track = f->max_track,
                          .dbl_sides = f->max_head != 0, .rate = f->rate, .disk = f->drive };
}

/* QEMU's fd_revalidate of a drive (present): without a medium, bounds wide enough for any
 * SEEK (fd_empty_seek_hack); with one, the geometry for the drive's type. */
static void fd_revalidate(FdcDrive *d)
{
    d->ro = !d->blk || blk_read_only(d->blk);
    if (!d->blk) {
        d->last_sect = 0xFF;
        d->max_track = 0xFF;
        return;
    }
    FdcGeometry g = fdc_pick_geometry((FdcDriveType)d->drive, blk_size(d->blk) / 512);
    d->last_sect = g.last_sect;
    d->max_track = g.max_track;
    d->dbl_sides = g.dbl_sides;
    d->media_rate = g.rate;
}

static int fd_sector_calc(uint8_t head, uint8_t track, uint8_t sect, uint8_t last_sect,
                          bool dbl_sides)
{
    return ((track * (dbl_sides ? 2 : 1) + head) * last_sect) + sect - 1;
}

/* The byte offset of the sector under the head: negative for sector 0, which a command
 * or a stream may name and no image holds. */
static int64_t fd_offset(const FdcDrive *d)
{
    return (int64_t)fd_sector_calc(d->head, d->track, d->sect, d->last_sect, d->dbl_sides) * 512;
}

int fd_seek(FdcDrive *d, uint8_t head, uint8_t track, uint8_t sect)
{
    if (track > d->max_track || (head != 0 && !d->dbl_sides))
        return 2;
    if (sect > d->last_sect)
        return 3;
    int r = 0;
    if (fd_sector_calc(head, track, sect, d->last_sect, d->dbl_sides) !=
        fd_sector_calc(d->head, d->track, d->sect, d->last_sect, d->dbl_sides)) {
        d->head = head;
        if (d->track != track) {
            if (d->blk)
                d->media_changed = 0;
            r = 1;
        }
        d->track = track;
        d->sect = sect;
    }
    return d->blk ? r : 2;
}

bool fd_read_sector(FdcDrive *d, uint8_t *buf)
{
    int64_t off = fd_offset(d);
    Err e = { 0 };
    if (d->blk && off >= 0 && blk_pread(d->blk, (uint64_t)off, buf, FD_SECTOR_LEN, &e) == 0)
        return true;
    trace(TRACE_DEV, "fdc: sector at %" PRId64 " not read: %s", off, e.msg);
    memset(buf, 0, FD_SECTOR_LEN);
    return false;
}

bool fd_write_sector(FdcDrive *d, const uint8_t *buf)
{
    int64_t off = fd_offset(d);
    Err e = { 0 };
    if (d->blk && off >= 0 && blk_pwrite(d->blk, (uint64_t)off, buf, FD_SECTOR_LEN, &e) == 0)
        return true;
    trace(TRACE_DEV, "fdc: sector at %" PRId64 " not written: %s", off, e.msg);
    return false;
}

/* ---- drives of the machine ---- */

void fdc_attach_drive(FdcState *s, int unit, BlockDev *blk, FdcDriveType drive)
{
    assert(unit >= 0 && unit < FDC_MAX_FD && drive != FDC_DRIVE_NONE);
    FdcDrive *d = &s->state.drives[unit];
    d->present = true;
    d->blk = blk;
    if (drive == FDC_DRIVE_AUTO)   /* QEMU's pick_drive_type */
        drive = blk ? (FdcDriveType)fdc_pick_geometry(drive, blk_size(blk) / 512).disk
                    : FD_FALLBACK;
    d->drive = (uint8_t)drive;
    fd_revalidate(d);
}

void fdc_change_medium(FdcState *s, int unit, BlockDev *blk)
{
    assert(unit >= 0 && unit < FDC_MAX_FD && s->state.drives[unit].present);
    FdcDrive *d = &s->state.drives[unit];
    d->blk = blk;
    d->media_changed = 1;
    fd_revalidate(d);
}

FdcDriveType fdc_drive_type(const FdcState *s, int unit)
{
    return (FdcDriveType)s->state.drives[unit & 1].drive;
}

int fdc_drive_cmos_type(const FdcState *s, int unit)
{
    switch (s->state.drives[unit & 1].drive) {
    case FDC_DRIVE_144: return 4;
    case FDC_DRIVE_288: return 5;
    case FDC_DRIVE_120: return 2;
    default: return 0;
    }
}
