/* fdc.c: the floppy controller of QEMU 7.2's pc machine (hw/block/fdc.c, fdc-isa.c;
 * section "fdc" v2) and its two drives, each empty or holding a raw or qcow2 image.
 * Reference: Intel 82078 datasheet (290474); QEMU 7.2's command table and results.
 *
 * Ports (base 0x3F0): +1 SRA, +2 DOR, +3 TDR, +4 MSR (read) / DSR (write), +5 FIFO,
 * +7 DIR (read: bit 7 disk change) / CCR (write).
 *
 * Command/result state machine (phase), as QEMU's:
 *
 *     COMMAND --last parameter byte (fdc_write_data)--> EXECUTION --+
 *        ^                                                          |
 *        |  no result: SPECIFY, CONFIGURE, SEEK, RECALIBRATE, ...   |
 *        +---------------- fdc_to_command_phase <-------------------+
 *        |                                                          |
 *        |  results: fdc_to_result_phase (now; from READ ID's       |
 *        |  result timer 20 ms later, fdc_result_timer; or when a   |
 *        |  data phase ends, fdc_stop_transfer)                     v
 *        +---- last result byte read (fdc_read_data) <------------ RESULT
 *
 * The data phase of READ, WRITE, VERIFY and SCAN (fdc_start_transfer) stays in EXECUTION:
 *   - DMA (DOR bit 3, the default): the controller holds DREQ 2 and the DMA controller
 *     calls fdc_dma_transfer, which moves the whole transfer at once (or what the channel's
 *     count allows) and stops it; with channel 2 masked the command waits there.
 *   - non-DMA (SPECIFY's ND bit): MSR bit 5; the guest moves each byte through the FIFO
 *     (fdc_read_data, fdc_write_data), a sector at a time to or from the image.
 * Sectors follow each other as QEMU's fdctrl_seek_to_next_sect, up to EOT or the last
 * sector of the track, on to head 1 with MT. A sector outside the image reads as zeros and
 * fails to write, as QEMU's block layer has it.
 *
 * A DOR reset (bit 2 falling then rising) or DSR bit 7 returns to COMMAND and raises
 * IRQ 6 with four SENSE INTERRUPT STATUS answers owed (reset_sensei).
 *
 * With no drive or no medium every READ/WRITE/VERIFY/SCAN/FORMAT ends at once in the
 * result phase with ST0 abnormal termination (and ST1 end-of-cylinder when only the sector
 * was out of range), as QEMU's fd_seek decides. The medium changes at run time
 * (fdc_change_medium, drive.c), which raises the disk-change line (DIR bit 7) until a
 * seek to another track with a medium in. Not emulated, as in QEMU: READ/WRITE DELETED DATA,
 * FORMAT TRACK's data phase (the command ends at once). */
#include "emu/dev/fdc/fdc-int.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

#define FD_READ_ID_NS 20000000   /* QEMU: NANOSECONDS_PER_SECOND / 50 */

static int fdc_pre_save(void *opaque, Err *err);
static int fdc_pre_load(void *opaque, Err *err);
static int fdc_post_load(void *opaque, int version, Err *err);
static int fdrive_post_load(void *opaque, int version, Err *err);
static bool fdrive_media_changed_needed(void *opaque);
static bool fdrive_media_rate_needed(void *opaque);
static bool fdrive_perpendicular_needed(void *opaque);
static bool fdc_reset_sensei_needed(void *opaque);
static bool fdc_result_timer_needed(void *opaque);
static bool fdc_phase_needed(void *opaque);
static void fdc_result_timer(void *opaque);

static const VmsDesc fdrive_media_changed_vms = {
    .name = "fdrive/media_changed", .version = 1, .min_version = 1,
    .needed = fdrive_media_changed_needed,
    .fields = (const VmsField[]){ VMS_UINT8(FdcDrive, media_changed), VMS_END },
};
static const VmsDesc fdrive_media_rate_vms = {
    .name = "fdrive/media_rate", .version = 1, .min_version = 1,
    .needed = fdrive_media_rate_needed,
    .fields = (const VmsField[]){ VMS_UINT8(FdcDrive, media_rate), VMS_END },
};
static const VmsDesc fdrive_perpendicular_vms = {
    .name = "fdrive/perpendicular", .version = 1, .min_version = 1,
    .needed = fdrive_perpendicular_needed,
    .fields = (const VmsField[]){ VMS_UINT8(FdcDrive, perpendicular), VMS_END },
};
static const VmsDesc fdrive_vms = {
    .name = "fdrive", .version = 1, .min_version = 1, .post_load = fdrive_post_load,
    .fields = (const VmsField[]){
        VMS_UINT8(FdcDrive, head),
        VMS_UINT8(FdcDrive, track),
        VMS_UINT8(FdcDrive, sect),
        VMS_END,
    },
    .subsections = (const VmsDesc *const[]){
        &fdrive_media_changed_vms, &fdrive_media_rate_vms, &fdrive_perpendicular_vms, NULL,
    },
};

static const VmsDesc fdc_reset_sensei_vms = {
    .name = "fdc/reset_sensei", .version = 1, .min_version = 1,
    .needed = fdc_reset_sensei_needed,
    .fields = (const VmsField[]){ VMS_INT32(FdcCtrl, reset_sensei), VMS_END },
};
static const VmsDesc fdc_result_timer_vms = {
    .name = "fdc/result_timer", .version = 1, .min_version = 1,
    .needed = fdc_result_timer_needed,
    .fields = (const VmsField[]){ VMS_TIMER(FdcCtrl, result_timer), VMS_END },
};
static const VmsDesc fdc_phase_vms = {
    .name = "fdc/phase", .version = 1, .min_version = 1, .needed = fdc_phase_needed,
    .fields = (const VmsField[]){ VMS_UINT8(FdcCtrl, phase), VMS_END },
};
static const VmsDesc fdc_ctrl_vms = {   /* QEMU vmstate_fdc */
    .name = "fdc", .version = 2, .min_version = 2,
    .pre_save = fdc_pre_save, .pre_load = fdc_pre_load, .post_load = fdc_post_load,
    .fields = (const VmsField[]){
        VMS_UINT8(FdcCtrl, sra),
        VMS_UINT8(FdcCtrl, srb),
        VMS_UINT8(FdcCtrl, dor_vmstate),
        VMS_UINT8(FdcCtrl, tdr),
        VMS_UINT8(FdcCtrl, dsr),
        VMS_UINT8(FdcCtrl, msr),
        VMS_UINT8(FdcCtrl, status0),
        VMS_UINT8(FdcCtrl, status1),
        VMS_UINT8(FdcCtrl, status2),
        VMS_UINT8_ARRAY(FdcCtrl, fifo, FDC_FIFO_SIZE),   /* QEMU: VARRAY_INT32, always 512 */
        VMS_UINT32(FdcCtrl, data_pos),
        VMS_UINT32(FdcCtrl, data_len),
        VMS_UINT8(FdcCtrl, data_state),
        VMS_UINT8(FdcCtrl, data_dir),
        VMS_UINT8(FdcCtrl, eot),
        VMS_UINT8(FdcCtrl, timer0),
        VMS_UINT8(FdcCtrl, timer1),
        VMS_UINT8(FdcCtrl, precomp_trk),
        VMS_UINT8(FdcCtrl, config),
        VMS_UINT8(FdcCtrl, lock),
        VMS_UINT8(FdcCtrl, pwrd),
        VMS_UINT8_EQUAL(FdcCtrl, num_floppies),
        VMS_STRUCT_ARRAY(FdcCtrl, drives, FdcDrive, FDC_MAX_FD, &fdrive_vms),
        VMS_END,
    },
    .subsections = (const VmsDesc *const[]){
        &fdc_reset_sensei_vms, &fdc_result_timer_vms, &fdc_phase_vms, NULL,
    },
};
const VmsDesc fdc_vms = {   /* QEMU vmstate_isa_fdc */
    .name = "fdc", .version = 2, .min_version = 2,
    .fields = (const VmsField[]){
        VMS_STRUCT(FdcState, state, FdcCtrl, &fdc_ctrl_vms),
        VMS_END,
    },
};

/* ---- interrupt and phases ---- */

static void fdc_reset_irq(FdcCtrl *c)
{
    c->status0 = 0;
    if (!(c->sra & FD_SRA_INTPEND))
        return;
    irq_lower(c->irq);
    c->sra &= ~FD_SRA_INTPEND;
}

static void fdc_raise_irq(FdcCtrl *c)
{
    if (!(c->sra & FD_SRA_INTPEND)) {
        irq_raise(c->irq);
        c->sra |= FD_SRA_INTPEND;
    }
    c->reset_sensei = 0;
}

static void fdc_to_command_phase(FdcCtrl *c)
{
    c->phase = FD_PHASE_COMMAND;
    c->data_dir = FD_DIR_WRITE;
    c->data_pos = 0;
    c->data_len = 1;   /* the command byte; parameters are counted once it is known */
    c->msr &= ~(FD_MSR_CMDBUSY | FD_MSR_DIO);
    c->msr |= FD_MSR_RQM;
}

static void fdc_to_result_phase(FdcCtrl *c, uint32_t len)
{
    c->phase = FD_PHASE_RESULT;
    c->data_dir = FD_DIR_READ;
    c->data_len = len;
    c->data_pos = 0;
    c->msr |= FD_MSR_CMDBUSY | FD_MSR_RQM | FD_MSR_DIO;
}

/* The seven result bytes of a transfer command (QEMU's fdctrl_stop_transfer). */
static void fdc_stop_transfer(FdcCtrl *c, uint8_t st0, uint8_t st1, uint8_t st2)
{
    FdcDrive *d = fdc_cur_drv(c);
    c->status0 &= ~(FD_SR0_DS0 | FD_SR0_DS1 | FD_SR0_HEAD);
    c->status0 |= c->cur_drv;
    if (d->head)
        c->status0 |= FD_SR0_HEAD;
    c->status0 |= st0;
    c->fifo[0] = c->status0;
    c->fifo[1] = st1;
    c->fifo[2] = st2;
    c->fifo[3] = d->track;
    c->fifo[4] = d->head;
    c->fifo[5] = d->sect;
    c->fifo[6] = FD_SECTOR_SC;
    c->data_dir = FD_DIR_READ;
    if (c->dma.release_dreq && !(c->msr & FD_MSR_NONDMA))
        c->dma.release_dreq(c->dma.opaque);
    c->msr |= FD_MSR_RQM | FD_MSR_DIO;
    c->msr &= ~FD_MSR_NONDMA;
    fdc_to_result_phase(c, 7);
    fdc_raise_irq(c);
}

/* ---- reset ---- */

static void fdc_ctrl_reset(FdcCtrl *c, bool do_irq)
{
    fdc_reset_irq(c);
    c->sra = c->drives[1].present ? 0 : FD_SRA_NDRV2;
    c->srb = 0xc0;
    c->cur_drv = 0;
    c->dor = FD_DOR_NRESET | FD_DOR_DMAEN;   /* isa-fdc has DMA channel 2 */
    c->msr = FD_MSR_RQM;
    c->reset_sensei = 0;
    timer_del(&c->result_timer);
    c->data_pos = 0;
    c->data_len = 0;
    c->data_state = 0;
    c->data_dir = FD_DIR_WRITE;
    for (int i = 0; i < FDC_MAX_FD; i++)
        fd_seek(&c->drives[i], 0, 0, 1);   /* recalibrate */
    fdc_to_command_phase(c);
    if (do_irq) {
        c->status0 |= FD_SR0_RDYCHG;
        fdc_raise_irq(c);
        c->reset_sensei = FD_RESET_SENSEI_COUNT;
    }
}

void fdc_reset(FdcState *s) { fdc_ctrl_reset(&s->state, false); }

/* ---- commands (QEMU's handlers; each runs once its last parameter byte is in) ---- */

typedef void FdcCmdFn(FdcCtrl *c);

/* QEMU's fdctrl_seek_to_next_sect: false at the end of the transfer's last track (EOT
 * or the track's last sector, after head 1 with MT on a two-sided medium). */
static bool fdc_seek_to_next_sect(FdcCtrl *c, FdcDrive *d)
{
    uint8_t head = d->head, track = d->track, sect = d->sect;
    bool more = true;
    if (sect >= d->last_sect || sect == c->eot) {
        sect = 1;
        if (c->data_state & FD_STATE_MULTI) {
            if (head == 0 && d->dbl_sides) {
                head = 1;
            } else {
                head = 0;
                track++;
                c->status0 |= FD_SR0_SEEK;
                if (!d->dbl_sides)
                    more = false;
            }
        } else {
            c->status0 |= FD_SR0_SEEK;
            track++;
            more = false;
        }
    } else {
        sect++;
    }
    fd_seek(d, head, track, sect);
    return more;
}

/* A transfer command that ends before its data phase: the result names the sector the
 * command asked for. */
static void fdc_abort_transfer(FdcCtrl *c, uint8_t st1, uint8_t kt, uint8_t kh, uint8_t ks)
{
    fdc_stop_transfer(c, FD_SR0_ABNTERM, st1, 0x00);
    c->fifo[3] = kt;
    c->fifo[4] = kh;
    c->fifo[5] = ks;
}

/* QEMU's fdctrl_transfer_handler: the DMA data phase (and VERIFY's, without DMA), from
 * FIFO position data_pos to at most dma_len bytes (or data_len, if less), a sector at a
 * time, then the result phase. Returns the bytes moved, or on an error the size of the
 * chunk it stopped in, as QEMU's does (the DMA channel takes it as its new position). */
static int fdc_transfer(FdcCtrl *c, int dma_len)
{
    if (c->msr & FD_MSR_RQM) {
        trace(TRACE_DEV, "fdc: DMA transfer outside a DMA data phase");
        return 0;
    }
    FdcDrive *d = fdc_cur_drv(c);
    bool scan = c->data_dir >= FD_DIR_SCANE && c->data_dir <= FD_DIR_SCANH;
    uint8_t st2 = scan ? FD_SR2_SNS : 0x00;
    if (dma_len < 0 || (uint32_t)dma_len > c->data_len)
        dma_len = (int)MIN(c->data_len, (uint32_t)INT32_MAX);
    if (!d->present) {
        fdc_stop_transfer(c, FD_SR0_ABNTERM | (c->data_dir == FD_DIR_WRITE ? FD_SR0_SEEK : 0),
                          0x00, 0x00);
        return 0;
    }
    uint32_t start = c->data_pos, rel = c->data_pos % FD_SECTOR_LEN;
    while (c->data_pos < (uint32_t)dma_len) {
        int len = (int)((uint32_t)dma_len - c->data_pos);
        if ((uint32_t)len + rel > FD_SECTOR_LEN)
            len = (int)(FD_SECTOR_LEN - rel);
        int pos = (int)c->data_pos;
        if (c->data_dir != FD_DIR_WRITE || len < FD_SECTOR_LEN || rel != 0)
            fd_read_sector(d, c->fifo);   /* READ, SCAN, and a WRITE's partial sector */
        if (c->data_dir == FD_DIR_READ) {
            if (c->dma.write_memory)
                c->dma.write_memory(c->dma.opaque, c->fifo + rel, pos, len);
        } else if (c->data_dir == FD_DIR_WRITE) {
            if (d->ro) {   /* as a real drive: nothing moves, nothing is written */
                fdc_stop_transfer(c, FD_SR0_ABNTERM | FD_SR0_SEEK, FD_SR1_NW, 0x00);
                return len;
            }
            if (c->dma.read_memory)
                c->dma.read_memory(c->dma.opaque, c->fifo + rel, pos, len);
            if (!fd_write_sector(d, c->fifo)) {
                fdc_stop_transfer(c, FD_SR0_ABNTERM | FD_SR0_SEEK, 0x00, 0x00);
                return len;
            }
        } else if (c->data_dir != FD_DIR_VERIFY) {   /* SCAN EQUAL, LOW, HIGH */
            uint8_t mem[FD_SECTOR_LEN] = { 0 };
            if (c->dma.read_memory)
                c->dma.read_memory(c->dma.opaque, mem, pos, len);
            int cmp = memcmp(mem, c->fifo + rel, (size_t)len);
            if (cmp == 0 || (cmp < 0 && c->data_dir == FD_DIR_SCANL) ||
                (cmp > 0 && c->data_dir == FD_DIR_SCANH))
                break;
        }
        c->data_pos += (uint32_t)len;
        rel = c->data_pos % FD_SECTOR_LEN;
        if (rel == 0 && !fdc_seek_to_next_sect(c, d))
            break;
    }
    uint32_t moved = c->data_pos - start;
    if (scan)
        st2 = FD_SR2_SEH;   /* XXX: as QEMU, whatever the comparison found */
    c->data_len -= moved;
    fdc_stop_transfer(c, 0x00, 0x00, st2);
    return (int)moved;
}

/* The implied seek of a transfer command to the sector ID C kt, H kh, R ks: false when it
 * ended the command (no medium, track or head outside it: ST0 abnormal termination; sector
 * outside the track: ST1 end of cylinder too). */
static bool fdc_seek_to_id(FdcCtrl *c, FdcDrive *d, uint8_t kt, uint8_t kh, uint8_t ks)
{
    switch (fd_seek(d, kh, kt, ks)) {
    case 2:
        fdc_abort_transfer(c, 0x00, kt, kh, ks);
        return false;
    case 3:
        fdc_abort_transfer(c, FD_SR1_EC, kt, kh, ks);
        return false;
    case 1:
        c->status0 |= FD_SR0_SEEK;
        return true;
    default:
        return true;
    }
}

/* QEMU's fdctrl_start_transfer: READ, WRITE, READ TRACK, VERIFY, SCAN. Parameters: drive
 * and head, C, H, R, N (size code), EOT, GPL, DTL. */
static void fdc_start_transfer(FdcCtrl *c, int dir)
{
    c->cur_drv = c->fifo[1] & FD_DOR_SELMASK;
    FdcDrive *d = fdc_cur_drv(c);
    uint8_t kt = c->fifo[2], kh = c->fifo[3], ks = c->fifo[4];
    if (!fdc_seek_to_id(c, d, kt, kh, ks))
        return;
    if ((c->dsr & FD_DSR_DRATEMASK) != d->media_rate) {   /* the medium's rate only */
        fdc_abort_transfer(c, FD_SR1_MA, kt, kh, ks);
        return;
    }
    c->data_dir = (uint8_t)dir;
    c->data_pos = 0;
    if (c->fifo[0] & 0x80)
        c->data_state |= FD_STATE_MULTI;
    else
        c->data_state &= ~FD_STATE_MULTI;
    if (c->fifo[5] == 0) {
        c->data_len = c->fifo[8];   /* DTL: bytes of a 128-byte sector */
    } else {
        int n = c->fifo[6] - ks + 1;   /* sectors up to EOT */
        if (n < 0) {
            fdc_abort_transfer(c, FD_SR1_MA, kt, kh, ks);
            return;
        }
        if (c->fifo[0] & 0x80)
            n += c->fifo[6];
        c->data_len = (128u << (c->fifo[5] > 7 ? 7 : c->fifo[5])) * (uint32_t)n;
    }
    c->eot = c->fifo[6];
    if (c->dor & FD_DOR_DMAEN) {
        c->msr &= ~FD_MSR_RQM;   /* no FIFO access until the DMA transfer is done */
        if (dir == FD_DIR_VERIFY)
            fdc_transfer(c, (int)MIN(c->data_len, (uint32_t)INT32_MAX));
        else if (c->dma.hold_dreq)
            c->dma.hold_dreq(c->dma.opaque);
        return;
    }
    c->msr |= FD_MSR_NONDMA | FD_MSR_RQM;
    if (dir != FD_DIR_WRITE)
        c->msr |= FD_MSR_DIO;
    fdc_raise_irq(c);
}

static void cmd_read(FdcCtrl *c) { fdc_start_transfer(c, FD_DIR_READ); }
static void cmd_write(FdcCtrl *c) { fdc_start_transfer(c, FD_DIR_WRITE); }
static void cmd_verify(FdcCtrl *c) { fdc_start_transfer(c, FD_DIR_VERIFY); }
static void cmd_scan_equal(FdcCtrl *c) { fdc_start_transfer(c, FD_DIR_SCANE); }
static void cmd_scan_low(FdcCtrl *c) { fdc_start_transfer(c, FD_DIR_SCANL); }
static void cmd_scan_high(FdcCtrl *c) { fdc_start_transfer(c, FD_DIR_SCANH); }

/* The sector-ID bytes of a FORMAT TRACK data phase (QEMU's fdctrl_format_sector): zeros
 * the sector. Only reachable from a stream that saved the FORMAT state, since FORMAT
 * TRACK itself ends at once (as QEMU's). */
static void cmd_format_sector(FdcCtrl *c)
{
    c->cur_drv = c->fifo[1] & FD_DOR_SELMASK;
    FdcDrive *d = fdc_cur_drv(c);
    uint8_t kt = c->fifo[6], kh = c->fifo[7], ks = c->fifo[8];
    if (!fdc_seek_to_id(c, d, kt, kh, ks))
        return;
    memset(c->fifo, 0, FD_SECTOR_LEN);
    if (!fd_write_sector(d, c->fifo)) {
        fdc_stop_transfer(c, FD_SR0_ABNTERM | FD_SR0_SEEK, 0x00, 0x00);
    } else if (d->sect == d->last_sect) {
        c->data_state &= ~FD_STATE_FORMAT;
        fdc_stop_transfer(c, 0x00, 0x00, 0x00);
    } else {
        c->data_pos = 0;
        c->data_len = 4;
    }
}

static void cmd_transfer_deleted(FdcCtrl *c)
{
    fdc_stop_transfer(c, FD_SR0_ABNTERM | FD_SR0_SEEK, 0x00, 0x00);   /* as QEMU: unsupported */
}

static void cmd_invalid(FdcCtrl *c)
{
    /* an opcode the 82078 lacks: one result byte, ST0 = invalid command (as QEMU) */
    trace(TRACE_DEV, "fdc: invalid command %#x, answered ST0 0x80", c->fifo[0]);
    c->fifo[0] = FD_SR0_INVCMD;
    fdc_to_result_phase(c, 1);
}

static void cmd_seek(FdcCtrl *c)
{
    c->cur_drv = c->fifo[1] & FD_DOR_SELMASK;
    FdcDrive *d = fdc_cur_drv(c);
    fdc_to_command_phase(c);
    fd_seek(d, d->head, c->fifo[2], d->sect);
    c->status0 |= FD_SR0_SEEK;
    fdc_raise_irq(c);
}

static void cmd_sense_interrupt_status(FdcCtrl *c)
{
    FdcDrive *d = fdc_cur_drv(c);
    if (c->reset_sensei > 0) {
        c->fifo[0] = (uint8_t)(FD_SR0_RDYCHG + FD_RESET_SENSEI_COUNT - c->reset_sensei);
        c->reset_sensei--;
    } else if (!(c->sra & FD_SRA_INTPEND)) {
        c->fifo[0] = FD_SR0_INVCMD;
        fdc_to_result_phase(c, 1);
        return;
    } else {
        c->fifo[0] = (c->status0 & ~(FD_SR0_HEAD | FD_SR0_DS1 | FD_SR0_DS0)) | c->cur_drv;
    }
    c->fifo[1] = d->track;
    fdc_to_result_phase(c, 2);
    fdc_reset_irq(c);
    c->status0 = FD_SR0_RDYCHG;
}

static void cmd_recalibrate(FdcCtrl *c)
{
    c->cur_drv = c->fifo[1] & FD_DOR_SELMASK;
    fd_seek(fdc_cur_drv(c), 0, 0, 1);
    fdc_to_command_phase(c);
    c->status0 |= FD_SR0_SEEK;
    fdc_raise_irq(c);
}

static void cmd_format_track(FdcCtrl *c)
{
    c->cur_drv = c->fifo[1] & FD_DOR_SELMASK;
    FdcDrive *d = fdc_cur_drv(c);
    c->data_state |= FD_STATE_FORMAT;
    if (c->fifo[0] & 0x80)
        c->data_state |= FD_STATE_MULTI;
    else
        c->data_state &= ~FD_STATE_MULTI;
    d->last_sect = c->fifo[3];
    c->data_state &= ~FD_STATE_FORMAT;   /* XXX: as QEMU, no sector IDs are taken */
    fdc_stop_transfer(c, 0x00, 0x00, 0x00);
}

static void cmd_restore(FdcCtrl *c)
{
    FdcDrive *d = fdc_cur_drv(c);
    fdc_drv(c, 0)->track = c->fifo[3];
    fdc_drv(c, 1)->track = c->fifo[4];
    c->timer0 = c->fifo[7];
    c->timer1 = c->fifo[8];
    d->last_sect = c->fifo[9];
    c->lock = c->fifo[10] >> 7;
    d->perpendicular = (c->fifo[10] >> 2) & 0xf;
    c->config = c->fifo[11];
    c->precomp_trk = c->fifo[12];
    c->pwrd = c->fifo[13];
    fdc_to_command_phase(c);
}

static void cmd_save(FdcCtrl *c)
{
    FdcDrive *d = fdc_cur_drv(c);
    c->fifo[0] = 0;
    c->fifo[1] = 0;
    c->fifo[2] = fdc_drv(c, 0)->track;
    c->fifo[3] = fdc_drv(c, 1)->track;
    c->fifo[4] = 0;
    c->fifo[5] = 0;
    c->fifo[6] = c->timer0;
    c->fifo[7] = c->timer1;
    c->fifo[8] = d->last_sect;
    c->fifo[9] = (uint8_t)(c->lock << 7 | d->perpendicular << 2);
    c->fifo[10] = c->config;
    c->fifo[11] = c->precomp_trk;
    c->fifo[12] = c->pwrd;
    c->fifo[13] = 0;
    c->fifo[14] = 0;
    fdc_to_result_phase(c, 15);
}

static void cmd_read_id(FdcCtrl *c)
{
    FdcDrive *d = fdc_cur_drv(c);
    d->head = (c->fifo[1] >> 2) & 1;
    timer_mod(&c->result_timer, clock_ns(c->result_timer.clock) + FD_READ_ID_NS);
}

static void cmd_specify(FdcCtrl *c)
{
    c->timer0 = (c->fifo[1] >> 4) & 0xf;
    c->timer1 = c->fifo[2] >> 1;
    if (c->fifo[2] & 1)
        c->dor &= ~FD_DOR_DMAEN;
    else
        c->dor |= FD_DOR_DMAEN;
    fdc_to_command_phase(c);
}

static void cmd_sense_drive_status(FdcCtrl *c)
{
    c->cur_drv = c->fifo[1] & FD_DOR_SELMASK;
    FdcDrive *d = fdc_cur_drv(c);
    d->head = (c->fifo[1] >> 2) & 1;
    c->fifo[0] = (uint8_t)(d->ro << 6 | (d->track == 0 ? 0x10 : 0x00) | d->head << 2 |
                           c->cur_drv | 0x28);
    fdc_to_result_phase(c, 1);
}

static void cmd_perpendicular_mode(FdcCtrl *c)
{
    if (c->fifo[1] & 0x80)
        fdc_cur_drv(c)->perpendicular = c->fifo[1] & 0x7;
    fdc_to_command_phase(c);
}

static void cmd_configure(FdcCtrl *c)
{
    c->config = c->fifo[2];
    c->precomp_trk = c->fifo[3];
    fdc_to_command_phase(c);
}

static void cmd_powerdown_mode(FdcCtrl *c)
{
    c->pwrd = c->fifo[1];
    c->fifo[0] = c->fifo[1];
    fdc_to_result_phase(c, 1);
}

static void cmd_option(FdcCtrl *c) { fdc_to_command_phase(c); }

/* As QEMU: ends at a parameter byte with bit 7 set; with neither ending the controller
 * stays in the execution phase until a reset. */
static void cmd_drive_specification(FdcCtrl *c)
{
    FdcDrive *d = fdc_cur_drv(c);
    uint32_t pos = (c->data_pos - 1) % FDC_FIFO_SIZE;
    if (c->fifo[pos] & 0x80) {
        if (c->fifo[pos] & 0x40) {
            c->fifo[0] = c->fifo[1];
            c->fifo[2] = 0;
            c->fifo[3] = 0;
            fdc_to_result_phase(c, 4);
        } else {
            fdc_to_command_phase(c);
        }
    } else if (c->data_len > 7) {
        c->fifo[0] = (uint8_t)(0x80 | d->head << 2 | c->cur_drv);
        fdc_to_result_phase(c, 1);
    }
}

static void cmd_relative_seek_out(FdcCtrl *c)
{
    c->cur_drv = c->fifo[1] & FD_DOR_SELMASK;
    FdcDrive *d = fdc_cur_drv(c);
    if (c->fifo[2] + d->track >= d->max_track)
        fd_seek(d, d->head, (uint8_t)(d->max_track - 1), d->sect);
    else
        fd_seek(d, d->head, (uint8_t)(d->track + c->fifo[2]), d->sect);
    fdc_to_command_phase(c);
    c->status0 |= FD_SR0_SEEK;
    fdc_raise_irq(c);
}

static void cmd_relative_seek_in(FdcCtrl *c)
{
    c->cur_drv = c->fifo[1] & FD_DOR_SELMASK;
    FdcDrive *d = fdc_cur_drv(c);
    if (c->fifo[2] > d->track)
        fd_seek(d, d->head, 0, d->sect);
    else
        fd_seek(d, d->head, (uint8_t)(d->track - c->fifo[2]), d->sect);
    fdc_to_command_phase(c);
    c->status0 |= FD_SR0_SEEK;
    fdc_raise_irq(c);
}

static void cmd_lock(FdcCtrl *c)
{
    c->lock = (c->fifo[0] & 0x80) ? 1 : 0;
    c->fifo[0] = (uint8_t)(c->lock << 4);
    fdc_to_result_phase(c, 1);
}

static void cmd_dumpreg(FdcCtrl *c)
{
    FdcDrive *d = fdc_cur_drv(c);
    c->fifo[0] = fdc_drv(c, 0)->track;
    c->fifo[1] = fdc_drv(c, 1)->track;
    c->fifo[2] = 0;
    c->fifo[3] = 0;
    c->fifo[4] = c->timer0;
    c->fifo[5] = (uint8_t)(c->timer1 << 1 | ((c->dor & FD_DOR_DMAEN) ? 1 : 0));
    c->fifo[6] = d->last_sect;
    c->fifo[7] = (uint8_t)(c->lock << 7 | d->perpendicular << 2);
    c->fifo[8] = c->config;
    c->fifo[9] = c->precomp_trk;
    fdc_to_result_phase(c, 10);
}

static void cmd_version(FdcCtrl *c)
{
    c->fifo[0] = FD_VERSION;
    fdc_to_result_phase(c, 1);
}

static void cmd_part_id(FdcCtrl *c)
{
    c->fifo[0] = 0x41;   /* stepping 1 */
    fdc_to_result_phase(c, 1);
}

/* QEMU's command table: the first row whose mask/value matches the command byte wins;
 * the last row matches everything. */
typedef struct FdcCmd {
    uint8_t value, mask;
    uint8_t parameters;      /* bytes after the command byte */
    FdcCmdFn *fn;
} FdcCmd;

static const FdcCmd fdc_cmds[] = {
    { 0x06, 0x1f, 8, cmd_read },                    /* READ */
    { 0x05, 0x3f, 8, cmd_write },                   /* WRITE */
    { 0x0f, 0xff, 2, cmd_seek },
    { 0x08, 0xff, 0, cmd_sense_interrupt_status },
    { 0x07, 0xff, 1, cmd_recalibrate },
    { 0x0d, 0xbf, 5, cmd_format_track },
    { 0x02, 0xbf, 8, cmd_read },                    /* READ TRACK */
    { 0x4e, 0xff, 17, cmd_restore },                /* part of READ DELETED DATA */
    { 0x2e, 0xff, 0, cmd_save },                    /* part of READ DELETED DATA */
    { 0x0c, 0x1f, 8, cmd_transfer_deleted },        /* READ DELETED DATA */
    { 0x11, 0x1f, 8, cmd_scan_equal },                /* SCAN EQUAL */
    { 0x16, 0x1f, 8, cmd_verify },                  /* VERIFY */
    { 0x19, 0x1f, 8, cmd_scan_low },                /* SCAN LOW OR EQUAL */
    { 0x1d, 0x1f, 8, cmd_scan_high },                /* SCAN HIGH OR EQUAL */
    { 0x09, 0x3f, 8, cmd_transfer_deleted },        /* WRITE DELETED DATA */
    { 0x0a, 0xbf, 1, cmd_read_id },
    { 0x03, 0xff, 2, cmd_specify },
    { 0x04, 0xff, 1, cmd_sense_drive_status },
    { 0x12, 0xff, 1, cmd_perpendicular_mode },
    { 0x13, 0xff, 3, cmd_configure },
    { 0x17, 0xff, 2, cmd_powerdown_mode },
    { 0x33, 0xff, 1, cmd_option },
    { 0x8e, 0xff, 5, cmd_drive_specification },
    { 0x8f, 0xff, 2, cmd_relative_seek_out },
    { 0xcd, 0xff, 10, cmd_invalid },                /* FORMAT AND WRITE: QEMU has none */
    { 0xcf, 0xff, 2, cmd_relative_seek_in },
    { 0x14, 0x7f, 0, cmd_lock },
    { 0x0e, 0xff, 0, cmd_dumpreg },
    { 0x10, 0xff, 0, cmd_version },
    { 0x18, 0xff, 0, cmd_part_id },
    { 0x05, 0x1f, 8, cmd_write },                   /* WRITE (BeOS 4.5 bug) */
    { 0x00, 0x00, 0, cmd_invalid },
};

static const FdcCmd *fdc_cmd(uint8_t b)
{
    const FdcCmd *t = fdc_cmds;
    while ((b & t->mask) != t->value)
        t++;
    return t;   /* the last row matches every byte */
}

static void fdc_result_timer(void *opaque)
{
    FdcCtrl *c = opaque;
    FdcDrive *d = fdc_cur_drv(c);
    if (d->last_sect != 0)
        d->sect = (uint8_t)(d->sect % d->last_sect + 1);   /* pretend the disk spins */
    if ((c->dsr & FD_DSR_DRATEMASK) != d->media_rate)
        fdc_stop_transfer(c, FD_SR0_ABNTERM, FD_SR1_MA, 0x00);
    else
        fdc_stop_transfer(c, 0x00, 0x00, 0x00);
}

/* ---- I/O handlers ---- */

/* The FIFO read: result bytes, or a non-DMA READ's data, a sector read from the image
 * each time the position crosses 512. A state QEMU asserts never happens (a stream can
 * make any) is traced and reads 0. */
static uint8_t fdc_read_data(FdcCtrl *c)
{
    FdcDrive *d = fdc_cur_drv(c);
    c->dsr &= ~FD_DSR_PWRDOWN;
    if (!(c->msr & FD_MSR_RQM) || !(c->msr & FD_MSR_DIO)) {
        trace(TRACE_DEV, "fdc: FIFO read while not ready (msr %#x)", c->msr);
        return 0;
    }
    uint32_t pos = c->data_pos % FDC_FIFO_SIZE;
    bool nondma = c->msr & FD_MSR_NONDMA;
    if (c->phase == FD_PHASE_EXECUTION && nondma) {
        if (pos == 0) {
            if (c->data_pos != 0 && !fdc_seek_to_next_sect(c, d))
                return 0;   /* as QEMU: past the last track, the position stays */
            fd_read_sector(d, c->fifo);
        }
        if (++c->data_pos == c->data_len) {
            c->msr &= ~FD_MSR_RQM;
            fdc_stop_transfer(c, 0x00, 0x00, 0x00);
        }
    } else if (c->phase == FD_PHASE_RESULT && !nondma) {
        if (++c->data_pos == c->data_len) {
            c->msr &= ~FD_MSR_RQM;
            fdc_to_command_phase(c);
            fdc_reset_irq(c);
        }
    } else {
        trace(TRACE_DEV, "fdc: FIFO read in phase %u, msr %#x", c->phase, c->msr);
        return 0;
    }
    return c->fifo[pos];   /* after a stop: the result byte now there, as QEMU */
}

/* A non-DMA WRITE's data byte: each full sector (or the last byte) goes to the image. */
static void fdc_write_exec(FdcCtrl *c, uint32_t pos)
{
    FdcDrive *d = fdc_cur_drv(c);
    if (pos == FD_SECTOR_LEN - 1 || c->data_pos == c->data_len) {
        /* as QEMU: a failed write or the end of the track leaves the phase running */
        if (!fd_write_sector(d, c->fifo) || !fdc_seek_to_next_sect(c, d))
            return;
    }
    if (c->data_pos == c->data_len)
        fdc_stop_transfer(c, 0x00, 0x00, 0x00);
}

static void fdc_write_data(FdcCtrl *c, uint8_t val)
{
    if (!(c->dor & FD_DOR_NRESET)) {
        trace(TRACE_DEV, "fdc: FIFO write %#x in reset", val);
        return;
    }
    if (!(c->msr & FD_MSR_RQM) || (c->msr & FD_MSR_DIO)) {
        trace(TRACE_DEV, "fdc: FIFO write %#x while not ready (msr %#x)", val, c->msr);
        return;
    }
    bool nondma = c->msr & FD_MSR_NONDMA;
    bool exec = c->phase == FD_PHASE_EXECUTION && nondma;
    if (!exec && (c->phase != FD_PHASE_COMMAND || nondma || c->data_pos >= FDC_FIFO_SIZE)) {
        trace(TRACE_DEV, "fdc: FIFO write %#x in phase %u, msr %#x", val, c->phase, c->msr);
        return;
    }
    c->dsr &= ~FD_DSR_PWRDOWN;
    uint32_t pos = c->data_pos++ % FDC_FIFO_SIZE;
    c->fifo[pos] = val;
    if (c->data_pos == c->data_len)
        c->msr &= ~FD_MSR_RQM;
    if (exec) {
        fdc_write_exec(c, pos);
        return;
    }
    if (pos == 0) {
        const FdcCmd *cmd = fdc_cmd(val);
        c->data_len = cmd->parameters + 1u;
        if (cmd->parameters)
            c->msr |= FD_MSR_RQM;
        c->msr |= FD_MSR_CMDBUSY;
    }
    if (c->data_pos == c->data_len) {
        c->phase = FD_PHASE_EXECUTION;
        if (c->data_state & FD_STATE_FORMAT)
            cmd_format_sector(c);
        else
            fdc_cmd(c->fifo[0])->fn(c);
    }
}

static uint32_t fdc_io_read(void *opaque, uint32_t off, unsigned size)
{
    FdcCtrl *c = &((FdcState *)opaque)->state;
    switch ((off + 1) & 7) {   /* the first range starts at +1 */
    case FD_REG_SRA: return c->sra;
    case FD_REG_SRB: return c->srb;
    case FD_REG_DOR: return c->dor | c->cur_drv;
    case FD_REG_TDR: return c->tdr;
    case FD_REG_MSR:
        c->dsr &= ~FD_DSR_PWRDOWN;
        c->dor |= FD_DOR_NRESET;
        return c->msr;
    case FD_REG_FIFO: return fdc_read_data(c);
    default: return 0xff;
    }
}

static void fdc_io_write(void *opaque, uint32_t off, uint32_t val, unsigned size)
{
    FdcCtrl *c = &((FdcState *)opaque)->state;
    uint8_t v = (uint8_t)val;
    switch ((off + 1) & 7) {
    case FD_REG_DOR:
        c->srb = (uint8_t)((c->srb & ~(FD_SRB_MTR0 | FD_SRB_MTR1 | FD_SRB_DR0)) |
                           ((v & FD_DOR_MOTEN0) ? FD_SRB_MTR0 : 0) |
                           ((v & FD_DOR_MOTEN1) ? FD_SRB_MTR1 : 0) |
                           ((v & 1) ? FD_SRB_DR0 : 0));
        if ((v & FD_DOR_NRESET) && !(c->dor & FD_DOR_NRESET)) {
            fdc_ctrl_reset(c, true);   /* leaving reset */
            c->dsr &= ~FD_DSR_PWRDOWN;
        }
        c->cur_drv = v & FD_DOR_SELMASK;
        c->dor = v;
        break;
    case FD_REG_TDR:
        if (c->dor & FD_DOR_NRESET)
            c->tdr = v & FD_TDR_BOOTSEL;
        break;
    case FD_REG_DSR:
        if (!(c->dor & FD_DOR_NRESET))
            break;
        if (v & FD_DSR_SWRESET) {
            c->dor &= ~FD_DOR_NRESET;
            fdc_ctrl_reset(c, true);
            c->dor |= FD_DOR_NRESET;
        }
        if (v & FD_DSR_PWRDOWN)
            fdc_ctrl_reset(c, true);
        c->dsr = v;
        break;
    case FD_REG_FIFO:
        fdc_write_data(c, v);
        break;
    case FD_REG_CCR:
        if (c->dor & FD_DOR_NRESET)
            c->dsr = (c->dsr & ~FD_DSR_DRATEMASK) | (v & FD_DSR_DRATEMASK);
        break;
    default:
        trace(TRACE_DEV, "fdc: write %#x to read-only register %u", v, (off + 1) & 7);
        break;
    }
}

static uint32_t fdc_dir_read(void *opaque, uint32_t off, unsigned size)
{
    FdcCtrl *c = &((FdcState *)opaque)->state;
    return fdc_cur_drv(c)->media_changed ? FD_DIR_DSKCHG : 0;
}

static void fdc_dir_write(void *opaque, uint32_t off, uint32_t val, unsigned size)
{
    fdc_io_write(opaque, FD_REG_CCR - 1, val, size);
}

/* ---- snapshot hooks ---- */

static bool fdrive_media_changed_needed(void *opaque)
{
    const FdcDrive *d = opaque;
    return d->present && d->media_changed != 1;   /* a drive without a medium too */
}
static bool fdrive_media_rate_needed(void *opaque) { return true; }       /* check_media_rate */
static bool fdrive_perpendicular_needed(void *opaque)
{
    return ((FdcDrive *)opaque)->perpendicular != 0;
}
static bool fdc_reset_sensei_needed(void *opaque) { return ((FdcCtrl *)opaque)->reset_sensei != 0; }
static bool fdc_result_timer_needed(void *opaque)
{
    return timer_pending(&((FdcCtrl *)opaque)->result_timer);
}

/* The phase QEMU 2.3 implied from the MSR, used when "fdc/phase" is absent (migration
 * ABI: never to change). */
static uint8_t fdc_reconstruct_phase(const FdcCtrl *c)
{
    if (c->msr & FD_MSR_NONDMA)
        return FD_PHASE_EXECUTION;
    if (!(c->msr & FD_MSR_RQM))
        return FD_PHASE_EXECUTION;
    return (c->msr & FD_MSR_DIO) ? FD_PHASE_RESULT : FD_PHASE_COMMAND;
}
static bool fdc_phase_needed(void *opaque)
{
    const FdcCtrl *c = opaque;
    return fdc_reconstruct_phase(c) != c->phase;
}

static int fdc_pre_save(void *opaque, Err *err)
{
    FdcCtrl *c = opaque;
    c->dor_vmstate = c->dor | c->cur_drv;
    return 0;
}

/* As QEMU: only the phase is reset; a stream without "fdc/reset_sensei" or
 * "fdc/result_timer" keeps the fresh machine's (none owed, not armed). */
static int fdc_pre_load(void *opaque, Err *err)
{
    ((FdcCtrl *)opaque)->phase = FD_PHASE_RECONSTRUCT;
    return 0;
}

/* QEMU's fd_revalidate: no drive, no geometry; a drive keeps the one the loading machine
 * found for its medium or its lack of one (a FORMAT's or RESTORE's sectors per track do
 * not travel). */
static int fdrive_post_load(void *opaque, int version, Err *err)
{
    FdcDrive *d = opaque;
    if (!d->present)
        fdc_drive_empty(d);
    return 0;
}

static int fdc_post_load(void *opaque, int version, Err *err)
{
    FdcCtrl *c = opaque;
    c->cur_drv = c->dor_vmstate & FD_DOR_SELMASK;
    c->dor = c->dor_vmstate & ~FD_DOR_SELMASK;
    if (c->phase == FD_PHASE_RECONSTRUCT)
        c->phase = fdc_reconstruct_phase(c);
    if (c->phase < FD_PHASE_COMMAND || c->phase > FD_PHASE_RESULT)
        return ERR(err, -EINVAL, "fdc: phase %u is not command, execution or result", c->phase);
    if (c->phase == FD_PHASE_COMMAND && c->data_pos >= FDC_FIFO_SIZE)
        return ERR(err, -EINVAL, "fdc: command phase at FIFO byte %" PRIu32, c->data_pos);
    return 0;
}

/* ---- init ---- */

FdcState *fdc_init(Bus *io, const IrqLine *irq, Clock *clock)
{
    FdcState *s = xzalloc(sizeof *s);
    FdcCtrl *c = &s->state;
    c->irq = irq;
    c->config = FD_CONFIG_EIS | FD_CONFIG_EFIFO;   /* power-on; a reset keeps CONFIGURE */
    c->num_floppies = FDC_MAX_FD;
    timer_init(&c->result_timer, clock, fdc_result_timer, c);
    for (int i = 0; i < FDC_MAX_FD; i++) {
        c->drives[i].media_changed = 1;
        fdc_drive_empty(&c->drives[i]);
    }
    bus_map_io_named(io, "fdc", 0x3F1, 5, s, fdc_io_read, fdc_io_write, IO_SIZE8);
    bus_map_io_named(io, "fdc", 0x3F7, 1, s, fdc_dir_read, fdc_dir_write, IO_SIZE8);
    fdc_ctrl_reset(c, false);
    return s;   /* machine.c: fdc_vms for s, instance 0 */
}

void fdc_free(FdcState *s) { free(s); }


void fdc_attach_dma(FdcState *s, const FdcDma *dma) { s->state.dma = *dma; }

int fdc_dma_transfer(void *opaque, int nchan, int pos, int size)
{
    return fdc_transfer(&((FdcState *)opaque)->state, size);
}
