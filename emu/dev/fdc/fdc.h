/* fdc.h: the ISA floppy disk controller of QEMU's pc machine (isa-fdc, an Intel 82078 at
 * 0x3F0, IRQ 6, DMA 2) and its two drive slots: no drive, a drive without a medium, or a
 * drive holding a disk image that can be changed at run time.
 * See fdc.c. */
#ifndef PCEMU_DEV_FDC_FDC_H
#define PCEMU_DEV_FDC_FDC_H

#include "block/block.h"
#include "emu/hw/bus.h"
#include "emu/hw/clock.h"
#include "emu/hw/irq.h"
#include "snapshot/format/vmstate.h"

#define FDC_MAX_FD 2               /* drives per controller, QEMU's MAX_FD */
#define FDC_FIFO_SIZE 512          /* one sector */

/* Drive types as QEMU's FloppyDriveType (the CMOS nibble is fdc_drive_cmos_type's);
 * FDC_DRIVE_AUTO (0, QEMU's "auto") asks for the type the medium's size picks. */
typedef enum FdcDriveType {
    FDC_DRIVE_AUTO, FDC_DRIVE_144, FDC_DRIVE_288, FDC_DRIVE_120, FDC_DRIVE_NONE,
} FdcDriveType;

/* A medium's geometry as QEMU's pick_geometry chooses it (fdc_pick_geometry). */
typedef struct FdcGeometry {
    uint8_t last_sect;       /* sectors per track */
    uint8_t max_track;       /* tracks */
    bool dbl_sides;          /* two heads */
    uint8_t rate;            /* data rate, 0..3 (0 = 500 kb/s, 1 = 300, 2 = 250, 3 = 1 Mb/s) */
    uint8_t disk;            /* FdcDriveType of the format */
} FdcGeometry;

/* One drive slot; saved fields as QEMU 7.2's "fdrive" v1 and its subsections. A slot is
 * in one of three states, as QEMU's FDrive:
 *   - no drive (!present): no geometry; nothing moves its head off track 0 but the SEEK
 *     family within that (empty) geometry and the RESTORE command;
 *   - a drive without a medium (present, no blk): every transfer fails, but SEEKs move the
 *     head over 255 tracks of 255 sectors (QEMU's fd_empty_seek_hack);
 *   - a drive with a medium (present, blk): the geometry fdc_pick_geometry chose for the
 *     drive's type and the image's size.
 * fdc_change_medium moves a drive between the last two. */
typedef struct FdcDrive {
    uint8_t head;            /* selected head, 0/1 */
    uint8_t track;           /* cylinder under the head */
    uint8_t sect;            /* sector under the head, 1-based; 0 before any seek */
    uint8_t media_changed;   /* 1 = disk-change line (DIR bit 7) set, until a seek to another
                                track; "fdrive/media_changed", sent for a drive (with
                                or without a medium) when not 1 */
    uint8_t media_rate;      /* data rate of the medium, 0..3; "fdrive/media_rate", always
                                sent (check_media_rate is on) */
    uint8_t perpendicular;   /* PERPENDICULAR MODE setting, 0..7 (RESTORE: 0..15);
                                "fdrive/perpendicular", sent when not 0 */
    /* not saved: the medium and its geometry, from the image size when it went in (QEMU's
       pick_geometry); a load keeps the loading machine's, as QEMU's fd_revalidate does.
       XXX: QEMU's loadvm in a running machine keeps its own, a FORMAT's sectors per track
       and an empty drive's heads from its last disk included; pcemu loads into a fresh
       machine (loadvm.c), whose drives have them from their present media */
    uint8_t last_sect;       /* sectors per track; 0 = no drive, 0xFF = no medium (FORMAT
                                and RESTORE set it) */
    uint8_t max_track;       /* tracks; 0 = no drive, 0xFF = no medium */
    bool dbl_sides;          /* two heads; kept from the last medium while there is none */
    bool ro;                 /* write protected: always, with no medium */
    uint8_t drive;           /* FdcDriveType of the drive, fixed once attached;
                                FDC_DRIVE_NONE for no drive */
    bool present;            /* a drive is in the slot (QEMU: its BlockBackend exists) */
    BlockDev *blk;           /* the disk image, NULL = no medium; borrowed from the machine */
} FdcDrive;

/* The ISA DMA channel the controller requests (QEMU's IsaDmaClass for channel 2), given
 * by the machine: devices do not include each other. */
typedef struct FdcDma {
    void *opaque;
    void (*hold_dreq)(void *opaque);
    void (*release_dreq)(void *opaque);
    int (*read_memory)(void *opaque, void *buf, int pos, int len);
    int (*write_memory)(void *opaque, const void *buf, int pos, int len);
} FdcDma;

/* The controller; field names and order are QEMU 7.2's "fdc" v2 (the struct inside the
 * isa "fdc" section). Phases: 1 command, 2 execution, 3 result (fdc.c's diagram). */
typedef struct FdcCtrl {
    uint8_t sra;             /* status register A; bit 7 interrupt pending = IRQ 6 level */
    uint8_t srb;             /* status register B: motor and drive-select echoes */
    uint8_t dor_vmstate;     /* DOR with the selected drive in bit 0 (pre_save) */
    uint8_t tdr;             /* tape drive register: boot select bit 2 (two drives) */
    uint8_t dsr;             /* data-rate select: bits 1:0 rate, 6 power down, 7 reset */
    uint8_t msr;             /* main status: 7 RQM, 6 DIO, 5 non-DMA, 4 command busy */
    uint8_t status0, status1, status2;   /* ST0..ST2 of the last command */
    uint8_t fifo[FDC_FIFO_SIZE];         /* command bytes in, result bytes out */
    uint32_t data_pos;       /* next FIFO byte (modulo 512) */
    uint32_t data_len;       /* bytes in this phase; any value from a stream */
    uint8_t data_state;      /* bit 0x01 multi-track, 0x02 FORMAT */
    uint8_t data_dir;        /* 0 write, 1 read, 2-4 scan, 5 verify */
    uint8_t eot;             /* end of track of the last transfer command */
    uint8_t timer0, timer1;  /* SPECIFY step rate / head unload, head load time */
    uint8_t precomp_trk;     /* CONFIGURE precompensation track */
    uint8_t config;          /* CONFIGURE byte; 0x60 (implied seek, FIFO) after power-on */
    uint8_t lock;            /* LOCK bit, 0/1 */
    uint8_t pwrd;            /* POWERDOWN MODE byte */
    uint8_t num_floppies;    /* FDC_MAX_FD; the stream must say the same */
    FdcDrive drives[FDC_MAX_FD];
    int32_t reset_sensei;    /* SENSE INTERRUPT STATUS answers owed after a reset, 0..4;
                                "fdc/reset_sensei" when not 0 */
    Timer result_timer;      /* READ ID completes when it fires; "fdc/result_timer" */
    uint8_t phase;           /* 1..3; "fdc/phase" when the registers do not imply it */
    /* not saved */
    uint8_t dor;             /* DOR without the drive select */
    uint8_t cur_drv;         /* selected drive, 0..1 */
    const IrqLine *irq;      /* wiring: ISA IRQ 6 */
    FdcDma dma;              /* wiring: channel 2; all NULL = no DMA controller (unit tests) */
} FdcCtrl;

typedef struct FdcState {
    FdcCtrl state;           /* the isa "fdc" section is one struct field named "state" */
} FdcState;

extern const VmsDesc fdc_vms;   /* "fdc" v2 (minimum 2), instance 0 */

/* Maps 0x3F1-0x3F5 and 0x3F7 (0x3F0 and 0x3F6, the IDE alternate status, are not the
 * controller's, as on QEMU). */
FdcState *fdc_init(Bus *io, const IrqLine *irq, Clock *clock);
void fdc_free(FdcState *s);
/* Puts a drive of type drive in slot unit 0..1, before the first reset, holding the disk
 * image blk (borrowed until fdc_change_medium replaces it; NULL: no medium), as QEMU's
 * floppy_drive_realize: FDC_DRIVE_AUTO takes the type of the format the image's size
 * picks, or the fallback type (2.88 MB) without a medium. */
void fdc_attach_drive(FdcState *s, int unit, BlockDev *blk, FdcDriveType drive);
/* The medium in drive unit (attached) becomes blk (NULL: none), as QEMU's fd_change_cb
 * for a removal (load = false) and an insertion: the disk-change line goes up, and the
 * geometry is picked for the drive's fixed type. Seen by the guest at once: a floppy
 * drive has no tray. */
void fdc_change_medium(FdcState *s, int unit, BlockDev *blk);
/* The drive type of slot unit: FDC_DRIVE_NONE without a drive. */
FdcDriveType fdc_drive_type(const FdcState *s, int unit);
/* QEMU's pick_geometry for a medium of nb_sectors 512-byte sectors in a drive of type
 * drive, first match in QEMU's format table wins: (1) the drive's type (any, for
 * FDC_DRIVE_AUTO) and exactly nb_sectors; (2) a format of the same physical size (3.5":
 * 1.44 and 2.88 MB; 5.25": 1.2 MB) and exactly nb_sectors; (3) the first format of the
 * drive's type (for FDC_DRIVE_AUTO: of the fallback type, 2.88 MB). */
FdcGeometry fdc_pick_geometry(FdcDriveType drive, uint64_t nb_sectors);
/* The CMOS 0x10 nibble of drive unit: 0 none, 2 = 1.2 MB, 4 = 1.44 MB, 5 = 2.88 MB. */
int fdc_drive_cmos_type(const FdcState *s, int unit);
void fdc_attach_dma(FdcState *s, const FdcDma *dma);
/* The DMA controller's transfer callback for channel 2 (a DmaTransferFn, opaque = the
 * FdcState): moves up to size bytes from position pos; returns the new position. */
int fdc_dma_transfer(void *opaque, int nchan, int pos, int size);
/* Power-on / RESET# (QEMU's fdctrl_external_reset_isa): no interrupt. */
void fdc_reset(FdcState *s);

#endif
