/* fdc-int.h: what the floppy controller's two files share and no other code sees: the
 * register bits and the drive functions (drive.c: media formats, geometry, seek and
 * sector I/O; fdc.c: the controller, its commands, ports and saved section). */
#ifndef PCEMU_DEV_FDC_FDC_INT_H
#define PCEMU_DEV_FDC_FDC_INT_H

#include "emu/dev/fdc/fdc.h"

enum {
    FD_REG_SRA = 0, FD_REG_SRB, FD_REG_DOR, FD_REG_TDR, FD_REG_MSR, FD_REG_FIFO,
    FD_REG_DIR = 7,
    FD_REG_DSR = FD_REG_MSR, FD_REG_CCR = FD_REG_DIR,

    FD_SRA_NDRV2 = 0x40, FD_SRA_INTPEND = 0x80,
    FD_SRB_MTR0 = 0x01, FD_SRB_MTR1 = 0x02, FD_SRB_DR0 = 0x20,
    FD_DOR_SELMASK = 0x01, FD_DOR_NRESET = 0x04, FD_DOR_DMAEN = 0x08,
    FD_DOR_MOTEN0 = 0x10, FD_DOR_MOTEN1 = 0x20,
    FD_TDR_BOOTSEL = 0x04,    /* with two drives (QEMU: 0x0c only with four) */
    FD_DSR_DRATEMASK = 0x03, FD_DSR_PWRDOWN = 0x40, FD_DSR_SWRESET = 0x80,
    FD_MSR_CMDBUSY = 0x10, FD_MSR_NONDMA = 0x20, FD_MSR_DIO = 0x40, FD_MSR_RQM = 0x80,
    FD_DIR_DSKCHG = 0x80,
    FD_CONFIG_EFIFO = 0x20, FD_CONFIG_EIS = 0x40,
    FD_SR0_HEAD = 0x04, FD_SR0_DS0 = 0x01, FD_SR0_DS1 = 0x02, FD_SR0_SEEK = 0x20,
    FD_SR0_ABNTERM = 0x40, FD_SR0_INVCMD = 0x80, FD_SR0_RDYCHG = 0xc0,
    FD_SR1_EC = 0x80, FD_SR1_NW = 0x02, FD_SR1_MA = 0x01,
    FD_SR2_SNS = 0x04, FD_SR2_SEH = 0x08,
    FD_STATE_MULTI = 0x01, FD_STATE_FORMAT = 0x02,
    FD_DIR_WRITE = 0, FD_DIR_READ, FD_DIR_SCANE, FD_DIR_SCANL, FD_DIR_SCANH, FD_DIR_VERIFY,
    FD_PHASE_RECONSTRUCT = 0, FD_PHASE_COMMAND, FD_PHASE_EXECUTION, FD_PHASE_RESULT,
    FD_RESET_SENSEI_COUNT = 4,
    FD_SECTOR_SC = 2,        /* 512-byte sectors */
    FD_SECTOR_LEN = 512,
    FD_RATE_500K = 0, FD_RATE_300K = 1, FD_RATE_250K = 2, FD_RATE_1M = 3,
    FD_VERSION = 0x90,       /* 82078 */
};

/* QEMU's drv0/drv1: the TDR boot-select bit swaps which slot answers as drive 0. */
static inline FdcDrive *fdc_drv(FdcCtrl *c, int n)
{
    int boot = (c->tdr & FD_TDR_BOOTSEL) >> 2;
    return &c->drives[n ^ boot];
}
static inline FdcDrive *fdc_cur_drv(FdcCtrl *c) { return fdc_drv(c, c->cur_drv & 1); }

/* QEMU's fd_init + fd_revalidate for an empty slot. */
void fdc_drive_empty(FdcDrive *d);
/* QEMU's fd_seek: 0 already there, 1 moved to another track, 2 track/head outside the
 * medium or no medium at all (the head moves all the same), 3 sector outside the track.
 * Reaching another track clears the disk-change line. */
int fd_seek(FdcDrive *d, uint8_t head, uint8_t track, uint8_t sect);
/* One sector between the image and the FIFO. False when the image has no such sector
 * or the host failed; a failed read leaves zeros (QEMU: "image size is too small"). */
bool fd_read_sector(FdcDrive *d, uint8_t *buf);
bool fd_write_sector(FdcDrive *d, const uint8_t *buf);

#endif
