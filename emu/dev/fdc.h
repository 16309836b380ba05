/* fdc.h: the ISA floppy disk controller of QEMU's pc machine (isa-fdc, an Intel 82078 at
 * 0x3F0, IRQ 6, DMA 2) with no drives attached. See fdc.c. */
#ifndef PCEMU_DEV_FDC_H
#define PCEMU_DEV_FDC_H

#include "emu/hw/bus.h"
#include "emu/hw/clock.h"
#include "emu/hw/irq.h"
#include "snapshot/format/vmstate.h"

#define FDC_MAX_FD 2               /* drives per controller, QEMU's MAX_FD */
#define FDC_FIFO_SIZE 512          /* one sector */

/* One drive slot; saved fields as QEMU 7.2's "fdrive" v1 and its subsections. With no
 * drive attached, nothing moves the head off track 0 but the SEEK family within the
 * (empty) geometry and the RESTORE command. */
typedef struct FdcDrive {
    uint8_t head;            /* selected head, 0/1 */
    uint8_t track;           /* cylinder under the head */
    uint8_t sect;            /* sector under the head, 1-based; 0 before any seek */
    uint8_t media_changed;   /* 1 = disk-change line (DIR bit 7) set; "fdrive/media_changed",
                                sent only for a drive with a medium: never here */
    uint8_t media_rate;      /* data rate of the medium, 0..3; "fdrive/media_rate", always
                                sent (check_media_rate is on) */
    uint8_t perpendicular;   /* PERPENDICULAR MODE setting, 0..7 (RESTORE: 0..15);
                                "fdrive/perpendicular", sent when not 0 */
    /* not saved: the geometry of the medium, recomputed on load as QEMU's fd_revalidate */
    uint8_t last_sect;       /* sectors per track; 0 = no medium (FORMAT and RESTORE set it) */
    uint8_t max_track;       /* tracks; 0 = no medium */
    bool ro;                 /* write protected: always, with no medium */
} FdcDrive;

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
} FdcCtrl;

typedef struct FdcState {
    FdcCtrl state;           /* the isa "fdc" section is one struct field named "state" */
} FdcState;

extern const VmsDesc fdc_vms;   /* "fdc" v2 (minimum 2), instance 0 */

/* Maps 0x3F1-0x3F5 and 0x3F7 (0x3F0 and 0x3F6, the IDE alternate status, are not the
 * controller's, as on QEMU). */
FdcState *fdc_init(Bus *io, const IrqLine *irq, Clock *clock);
void fdc_free(FdcState *s);
/* Power-on / RESET# (QEMU's fdctrl_external_reset_isa): no interrupt. */
void fdc_reset(FdcState *s);

#endif
