/* atapi.c: the packet commands of the ATAPI CD-ROM drive ("QEMU DVD-ROM"): the command
 * table with QEMU 7.2's flags (which commands run under a unit attention, which need a
 * medium, which send no data), the reply engine for PIO (DRQ blocks of at most the byte
 * count limit, one 2048/2352-byte block of the medium at a time) and bus-master DMA, and
 * IDENTIFY PACKET DEVICE. References: MMC-5 and SPC-3 for the commands, ATA/ATAPI-6 for
 * the packet protocol; QEMU 7.2 hw/ide/atapi.c, core.c and hw/block/cdrom.c for every
 * answer byte, sense key and additional sense code, which this mirrors.
 *
 * Packet protocol of one drive (the PIO window as in ide.c's diagram):
 *
 *   PACKET (ata.c cmd_packet) ──transfer_start(12, ATAPI_CMD)──> DRQ: guest writes the CDB
 *     ide_atapi_cmd: checks (unit attention, medium, byte count limit), then the handler:
 *       no data ─────────────────────────────────> ide_atapi_cmd_ok / _error (IRQ)
 *       reply or READ, PIO ──ide_atapi_cmd_reply_end──> DRQ block (IRQ) ─┐ guest reads it
 *                                  ^───────────── ATAPI_REPLY ───────────┘ ... last: ok
 *       reply or READ, DMA ──ide_start_dma──> (start bit) ide_atapi_dma_cb: chunks of at
 *                                             most 64 blocks to memory, then IRQ
 *
 * Every command completes inside the port write that issued it; BSY is never seen.
 *
 * Not saved (QEMU 7.2's "ide_drive/pio_state" has no field for them): lba, cd_sector_size,
 * io_buffer_index. XXX: as in QEMU, a load in the middle of a multi-block PIO reply ends
 * the rest of that reply with ILLEGAL REQUEST / LOGICAL BLOCK OUT OF RANGE (the loaded
 * drive has the reset values 0); the guest's driver retries the command. A DMA command
 * waiting for its start bit travels as IDE_RETRY_ATAPI and runs again after the load.
 *
 * The host's medium changes and eject requests come from media.c. Not emulated: audio
 * commands, READ CD subchannels and C2 errors (READ CD returns
 * user data or whole raw sectors, with zeroed EDC/ECC as QEMU), WWN. */
#include "emu/dev/ide/ide-int.h"

#include <string.h>

enum {  /* sense keys */
    SENSE_NONE = 0x00, SENSE_NOT_READY = 0x02, SENSE_ILLEGAL_REQUEST = 0x05,
    SENSE_UNIT_ATTENTION = 0x06,
};
enum {  /* additional sense codes */
    ASC_ILLEGAL_OPCODE = 0x20, ASC_LOGICAL_BLOCK_OOR = 0x21, ASC_INV_FIELD_IN_CMD_PACKET = 0x24,
    ASC_MEDIUM_MAY_HAVE_CHANGED = 0x28, ASC_INCOMPATIBLE_FORMAT = 0x30,
    ASC_SAVING_PARAMETERS_NOT_SUPPORTED = 0x39, ASC_MEDIUM_NOT_PRESENT = 0x3a,
    ASC_DATA_PHASE_ERROR = 0x4b, ASC_MEDIA_REMOVAL_PREVENTED = 0x53,
};
enum { MMC_PROFILE_CD_ROM = 0x0008, MMC_PROFILE_DVD_ROM = 0x0010 };
enum { GESN_MEDIA = 4 };
enum { MS_TRAY_OPEN = 1, MS_MEDIA_PRESENT = 2 };
enum { MEC_NO_CHANGE = 0, MEC_EJECT_REQUESTED = 1, MEC_NEW_MEDIA = 2 };
#define CD_MAX_SECTORS (80 * 60 * 75 * 2048 / 512)  /* 80 minutes; more is a DVD */
#define ATAPI_BLOCK 2048
#define ATAPI_RAW_BLOCK 2352
#define ATAPI_DMA_BLOCKS 64          /* QEMU's IDE_DMA_BUF_SECTORS / 4 per DMA round */

/* ---- helpers ---- */

/* SCSI strings: space padded, no byte swap. */
static void padstr8(uint8_t *dst, int len, const char *src)
{
    for (int i = 0; i < len; i++)
        dst[i] = *src ? (uint8_t)*src++ : ' ';
}

static void lba_to_msf(uint8_t *p, int32_t lba)
{
    lba += 150;                  /* the 2-second pregap */
    p[0] = (uint8_t)(lba / 75 / 60);
    p[1] = (uint8_t)(lba / 75 % 60);
    p[2] = (uint8_t)(lba % 75);
}

static bool media_present(const IdeDrive *s) { return !s->tray_open && s->nb_sectors > 0; }
static bool media_is_dvd(const IdeDrive *s)
{
    return media_present(s) && s->nb_sectors > CD_MAX_SECTORS;
}
static bool media_is_cd(const IdeDrive *s)
{
    return media_present(s) && s->nb_sectors <= CD_MAX_SECTORS;
}

/* 2048 bytes of user data at buf + 16 become a mode-1 raw sector: sync, header, data, EDC
 * and ECC left zero. */
static void cd_data_to_raw(uint8_t *buf, int32_t lba)
{
    buf[0] = 0x00;
    memset(buf + 1, 0xff, 10);
    buf[11] = 0x00;
    lba_to_msf(buf + 12, lba);
    buf[15] = 0x01;
    memset(buf + 16 + ATAPI_BLOCK, 0, ATAPI_RAW_BLOCK - 16 - ATAPI_BLOCK);
}

/* Reads n 2048-byte blocks from lba into dst, accounted as one request as QEMU's
 * cd_read_sector and DMA callback do; -EIO for blocks outside the medium (QEMU's block
 * layer refuses such a request whole). */
static int cd_read(IdeDrive *s, int32_t lba, uint32_t n, uint8_t *dst)
{
    uint64_t blocks = (uint64_t)s->nb_sectors / 4;
    if (lba < 0 || (uint64_t)lba > blocks || n > blocks - (uint64_t)lba)
        return -EIO;
    Err e = { 0 };
    int r = blk_pread(s->blk, (uint64_t)lba * ATAPI_BLOCK, dst, (size_t)n * ATAPI_BLOCK, &e);
    if (r < 0)
        trace(TRACE_DEV, "atapi: read error at block %d: %s", (int)lba, e.msg);
    else
        ide_account(&s->stats, false, (uint64_t)lba * ATAPI_BLOCK, (uint64_t)n * ATAPI_BLOCK);
    return r < 0 ? -EIO : 0;
}

static void ide_atapi_cmd_ok(IdeDrive *s)
{
    s->error = 0;
    s->status = READY_STAT | SEEK_STAT;
    s->nsector = (s->nsector & ~7u) | ATAPI_INT_REASON_IO | ATAPI_INT_REASON_CD;
    ide_transfer_stop(s);
    ide_set_irq(s->bus);
}

static void ide_atapi_cmd_error(IdeDrive *s, uint8_t sense_key, uint8_t asc)
{
    trace(TRACE_DEV, "atapi: command %#x: sense %#x asc %#x", s->io_buffer[0], sense_key, asc);
    s->error = (uint8_t)(sense_key << 4);
    s->status = READY_STAT | ERR_STAT;
    s->nsector = (s->nsector & ~7u) | ATAPI_INT_REASON_IO | ATAPI_INT_REASON_CD;
    s->sense_key = sense_key;
    s->asc = asc;
    ide_transfer_stop(s);
    ide_set_irq(s->bus);
}

static void ide_atapi_io_error(IdeDrive *s)
{
    ide_atapi_cmd_error(s, SENSE_ILLEGAL_REQUEST, ASC_LOGICAL_BLOCK_OOR);
}

/* The byte count limit the host wrote in the cylinder registers; 0xFFFF counts as 0xFFFE. */
static uint32_t atapi_byte_count_limit(const IdeDrive *s)
{
    uint32_t bcl = (uint32_t)s->hcyl << 8 | s->lcyl;
    return bcl == 0xffff ? 0xfffe : bcl;
}

/* A command that sends data over PIO needs a non-zero limit; else the ATA command aborts. */
static bool validate_bcl(IdeDrive *s)
{
    if (s->atapi_dma || atapi_byte_count_limit(s))
        return true;
    ide_abort_command(s);
    return false;
}

/* ---- the reply engine ---- */

/* One DRQ block of the reply, or the end of the command (QEMU's ide_atapi_cmd_reply_end):
 * called at the start and whenever the guest has read the previous block. The saved
 * sizes and the unsaved position may disagree after a load: every window is checked. */
void ide_atapi_cmd_reply_end(IdeDrive *s)
{
    if (s->packet_transfer_size <= 0) {
        ide_atapi_cmd_ok(s);
        return;
    }
    if (s->lba != -1 && s->io_buffer_index >= s->cd_sector_size) {
        bool raw = s->cd_sector_size == ATAPI_RAW_BLOCK;
        if ((!raw && s->cd_sector_size != ATAPI_BLOCK) ||
            cd_read(s, s->lba, 1, s->io_buffer + (raw ? 16 : 0)) < 0) {
            ide_atapi_io_error(s);
            return;
        }
        if (raw)
            cd_data_to_raw(s->io_buffer, s->lba);
        s->lba++;
        s->io_buffer_index = 0;
    }
    int32_t size;
    bool new_block = s->elementary_transfer_size <= 0;
    if (!new_block) {            /* the rest of a DRQ block that crossed a medium block */
        size = MIN(s->cd_sector_size - s->io_buffer_index, s->elementary_transfer_size);
    } else {
        s->nsector = (s->nsector & ~7u) | ATAPI_INT_REASON_IO;
        int32_t bcl = (int32_t)atapi_byte_count_limit(s);
        size = s->packet_transfer_size;
        if (size > bcl)
            size = bcl & ~1;     /* an odd limit is rounded down when it splits the reply */
        s->lcyl = (uint8_t)size;
        s->hcyl = (uint8_t)(size >> 8);
        s->elementary_transfer_size = size;
        if (s->lba != -1 && size > s->cd_sector_size - s->io_buffer_index)
            size = s->cd_sector_size - s->io_buffer_index;   /* one medium block at a time */
    }
    if (size < 0 || s->io_buffer_index < 0 || s->io_buffer_index > IDE_IO_BUFFER_LEN ||
        size > IDE_IO_BUFFER_LEN - s->io_buffer_index) {
        ide_atapi_io_error(s);   /* only a loaded state gets here */
        return;
    }
    s->packet_transfer_size -= size;
    s->elementary_transfer_size -= size;
    s->io_buffer_index += size;
    ide_transfer_start_at(s, (uint32_t)(s->io_buffer_index - size), (uint32_t)size,
                          IDE_END_ATAPI_REPLY);
    if (new_block)
        ide_set_irq(s->bus);
}

/* Sends the first size bytes of io_buffer, at most max_size (the CDB's allocation length). */
static void ide_atapi_cmd_reply(IdeDrive *s, int32_t size, int32_t max_size)
{
    if (size > max_size)
        size = max_size;
    s->lba = -1;
    s->packet_transfer_size = size;
    s->io_buffer_size = size;    /* DMA: the reply as one chunk */
    s->elementary_transfer_size = 0;
    if (s->atapi_dma) {
        s->status = READY_STAT | SEEK_STAT | DRQ_STAT;
        ide_start_dma(s);
    } else {
        s->status = READY_STAT | SEEK_STAT;
        s->io_buffer_index = 0;
        ide_atapi_cmd_reply_end(s);
    }
}

static void ide_atapi_cmd_read(IdeDrive *s, int32_t lba, int32_t nb_sectors, int32_t sector_size)
{
    trace(TRACE_DEV, "atapi: read %s lba %d count %d", s->atapi_dma ? "dma" : "pio",
          (int)lba, (int)nb_sectors);
    s->lba = lba;
    /* XXX: QEMU multiplies in int: a count of 2^20 blocks or more wraps, and a size <= 0
     * ends the command at once with no data; the same wrap here gives the same answer */
    s->packet_transfer_size = (int32_t)((uint32_t)nb_sectors * (uint32_t)sector_size);
    s->cd_sector_size = sector_size;
    if (s->atapi_dma) {
        s->io_buffer_size = 0;
        s->status = READY_STAT | SEEK_STAT | DRQ_STAT | BUSY_STAT;
        ide_start_dma(s);
    } else {
        s->elementary_transfer_size = 0;
        s->io_buffer_index = sector_size;   /* forces the first block read */
        ide_atapi_cmd_reply_end(s);
    }
}

/* QEMU's ide_atapi_cmd_read_dma_cb, looped: each round moves what the previous one
 * buffered, then buffers at most 64 blocks (one raw block) of the medium. Ends with the
 * interrupt, with an ATAPI error, or silently when the PRDs run out. */
void ide_atapi_dma_cb(IdeDrive *s)
{
    for (;;) {
        if (s->io_buffer_size > 0) {
            if (s->lba != -1) {
                if (s->cd_sector_size == ATAPI_RAW_BLOCK) {
                    cd_data_to_raw(s->io_buffer, s->lba);
                    s->lba++;
                } else {
                    s->lba += s->io_buffer_size >> 11;
                }
            }
            s->packet_transfer_size -= s->io_buffer_size;
            if (!ide_bmdma_to_memory(s))
                break;
        }
        if (s->packet_transfer_size <= 0) {
            s->status = READY_STAT | SEEK_STAT;
            s->nsector = (s->nsector & ~7u) | ATAPI_INT_REASON_IO | ATAPI_INT_REASON_CD;
            ide_set_irq(s->bus);
            break;
        }
        s->io_buffer_index = 0;
        uint32_t n;
        int r;
        if (s->cd_sector_size == ATAPI_RAW_BLOCK) {
            n = 1;
            s->io_buffer_size = ATAPI_RAW_BLOCK;
            r = cd_read(s, s->lba, 1, s->io_buffer + 16);
        } else {
            n = MIN((uint32_t)s->packet_transfer_size >> 11, ATAPI_DMA_BLOCKS);
            s->io_buffer_size = (int32_t)n * ATAPI_BLOCK;
            r = s->cd_sector_size == ATAPI_BLOCK ? cd_read(s, s->lba, n, s->io_buffer) : -EIO;
        }
        if (r < 0) {
            ide_atapi_io_error(s);
            break;
        }
    }
    ide_set_inactive(s, false);
}

/* ---- commands: each gets the CDB in buf (= io_buffer) and answers in place ---- */

static void cmd_test_unit_ready(IdeDrive *s, uint8_t *buf)
{
    ide_atapi_cmd_ok(s);         /* not-ready was handled by ide_atapi_cmd */
}

static void cmd_request_sense(IdeDrive *s, uint8_t *buf)
{
    int32_t max_len = buf[4];
    memset(buf, 0, 18);
    buf[0] = 0x70 | 0x80;        /* current error, valid */
    buf[2] = s->sense_key;
    buf[7] = 10;
    buf[12] = s->asc;
    if (s->sense_key == SENSE_UNIT_ATTENTION)
        s->sense_key = SENSE_NONE;
    ide_atapi_cmd_reply(s, 18, max_len);
}

static void cmd_inquiry(IdeDrive *s, uint8_t *buf)
{
    uint8_t page_code = buf[2];
    uint32_t max_len = buf[4], idx = 0, size_idx, preamble_len;
    if (buf[1] & 0x01) {         /* EVPD: vital product data page page_code */
        preamble_len = 4;
        size_idx = 3;
        buf[idx++] = 0x05;       /* CD-ROM */
        buf[idx++] = page_code;
        buf[idx++] = 0x00;
        idx++;                   /* the length, below */
        switch (page_code) {
        case 0x00:               /* supported pages */
            buf[idx++] = 0x00;
            buf[idx++] = 0x83;
            break;
        case 0x83:               /* device identification, as libata's */
            if (idx + 24 > max_len) {
                ide_atapi_cmd_error(s, SENSE_ILLEGAL_REQUEST, ASC_DATA_PHASE_ERROR);
                return;
            }
            buf[idx++] = 0x02;   /* ASCII, vendor specific: the serial */
            buf[idx++] = 0x00;
            buf[idx++] = 0x00;
            buf[idx++] = 20;
            padstr8(buf + idx, 20, s->serial);
            idx += 20;
            if (idx + 72 > max_len)
                break;
            buf[idx++] = 0x02;   /* ASCII, T10 vendor: "ATA", model, serial */
            buf[idx++] = 0x01;
            buf[idx++] = 0x00;
            buf[idx++] = 68;
            padstr8(buf + idx, 8, "ATA");
            idx += 8;
            padstr8(buf + idx, 40, s->model);
            idx += 40;
            padstr8(buf + idx, 20, s->serial);
            idx += 20;
            break;
        default:
            ide_atapi_cmd_error(s, SENSE_ILLEGAL_REQUEST, ASC_INV_FIELD_IN_CMD_PACKET);
            return;
        }
    } else {
        preamble_len = 5;
        size_idx = 4;
        buf[0] = 0x05;           /* CD-ROM */
        buf[1] = 0x80;           /* removable */
        buf[2] = 0x00;
        buf[3] = 0x21;           /* ATAPI-2 response format */
        buf[5] = buf[6] = buf[7] = 0;
        padstr8(buf + 8, 8, "QEMU");
        padstr8(buf + 16, 16, "QEMU DVD-ROM");
        padstr8(buf + 32, 4, s->version);
        idx = 36;
    }
    buf[size_idx] = (uint8_t)(idx - preamble_len);
    ide_atapi_cmd_reply(s, (int32_t)idx, (int32_t)max_len);
}

static void cmd_start_stop_unit(IdeDrive *s, uint8_t *buf)
{
    bool start = buf[4] & 1, loej = buf[4] & 2;
    if (buf[4] & 0xf0) {         /* a power condition: no load or eject */
        ide_atapi_cmd_ok(s);
        return;
    }
    if (loej) {
        if (!start && !s->tray_open && s->tray_locked) {
            ide_atapi_cmd_error(s, s->blk ? SENSE_NOT_READY : SENSE_ILLEGAL_REQUEST,
                                ASC_MEDIA_REMOVAL_PREVENTED);
            return;
        }
        if (s->tray_open != !start) {
            s->tray_open = !start;
            IdeState *ide = s->bus->ide;
            if (ide->tray_fn)
                ide->tray_fn(ide->tray_opaque, 2 * s->bus->index + s->unit, s->tray_open);
        }
    }
    ide_atapi_cmd_ok(s);
}

static void cmd_prevent_allow_medium_removal(IdeDrive *s, uint8_t *buf)
{
    s->tray_locked = buf[4] & 1;
    ide_atapi_cmd_ok(s);
}

static void cmd_read_cdvd_capacity(IdeDrive *s, uint8_t *buf)
{
    put_be32(buf, (uint32_t)(s->nb_sectors / 4 - 1));   /* the last block */
    put_be32(buf + 4, ATAPI_BLOCK);
    ide_atapi_cmd_reply(s, 8, 8);
}

/* The blocks lba to lba + n - 1 must be on the medium (QEMU's check, CVE-2020-29443). The
 * sum is 32-bit as in QEMU: a count that wraps it passes, then transfers nothing. */
static bool lba_range_ok(IdeDrive *s, uint32_t lba, uint32_t n)
{
    uint64_t blocks = (uint64_t)s->nb_sectors / 4;
    if (lba >= blocks || (uint32_t)(lba + n - 1) >= blocks) {
        ide_atapi_cmd_error(s, SENSE_ILLEGAL_REQUEST, ASC_LOGICAL_BLOCK_OOR);
        return false;
    }
    return true;
}

static void cmd_read(IdeDrive *s, uint8_t *buf)
{
    uint32_t n = buf[0] == 0x28 ? be16(buf + 7) : be32(buf + 6), lba = be32(buf + 2);
    if (n == 0) {
        ide_atapi_cmd_ok(s);
        return;
    }
    if (lba_range_ok(s, lba, n))
        ide_atapi_cmd_read(s, (int32_t)lba, (int32_t)n, ATAPI_BLOCK);
}

static void cmd_seek(IdeDrive *s, uint8_t *buf)
{
    if (be32(buf + 2) >= (uint64_t)s->nb_sectors / 4) {
        ide_atapi_cmd_error(s, SENSE_ILLEGAL_REQUEST, ASC_LOGICAL_BLOCK_OOR);
        return;
    }
    ide_atapi_cmd_ok(s);
}

/* A TOC address: reserved byte and MSF, or the LBA; returns the byte after it. */
static uint8_t *put_address(uint8_t *q, bool msf, int32_t lba)
{
    if (msf) {
        q[0] = 0;
        lba_to_msf(q + 1, lba);
    } else {
        put_be32(q, (uint32_t)lba);
    }
    return q + 4;
}

/* READ TOC format 0: one data track at 0, the lead-out at the end. */
static int32_t cdrom_read_toc(int32_t nb_sectors, uint8_t *buf, bool msf, int start_track)
{
    if (start_track > 1 && start_track != 0xaa)
        return -1;
    uint8_t *q = buf + 2;
    *q++ = 1;                    /* first track */
    *q++ = 1;                    /* last track */
    if (start_track <= 1) {
        *q++ = 0;
        *q++ = 0x14;             /* ADR 1, data track */
        *q++ = 1;
        *q++ = 0;
        q = put_address(q, msf, 0);
    }
    *q++ = 0;                    /* lead-out */
    *q++ = 0x16;
    *q++ = 0xaa;
    *q++ = 0;
    q = put_address(q, msf, nb_sectors);
    int32_t len = (int32_t)(q - buf);
    put_be16(buf, (uint16_t)(len - 2));
    return len;
}

/* READ TOC format 2 (raw): points A0, A1, A2 and track 1 of the one session. */
static int32_t cdrom_read_toc_raw(int32_t nb_sectors, uint8_t *buf, bool msf)
{
    uint8_t *q = buf + 2;
    *q++ = 1;                    /* first session */
    *q++ = 1;                    /* last session */
    static const uint8_t points[3][7] = {
        { 1, 0x14, 0, 0xa0, 0, 0, 0 },   /* first track ... */
        { 1, 0x14, 0, 0xa1, 0, 0, 0 },   /* last track ... */
        { 1, 0x14, 0, 0xa2, 0, 0, 0 },   /* lead-out at ... */
    };
    for (int i = 0; i < 2; i++) {
        memcpy(q, points[i], 7);
        q += 7;
        *q++ = 0;
        *q++ = 1;                /* track 1, CD-ROM disc type */
        *q++ = 0;
        *q++ = 0;
    }
    memcpy(q, points[2], 7);
    q += 7;
    q = put_address(q, msf, nb_sectors);
    static const uint8_t track1[7] = { 1, 0x14, 0, 1, 0, 0, 0 };
    memcpy(q, track1, 7);
    q += 7;
    q = put_address(q, msf, 0);
    int32_t len = (int32_t)(q - buf);
    put_be16(buf, (uint16_t)(len - 2));
    return len;
}

static void cmd_read_toc_pma_atip(IdeDrive *s, uint8_t *buf)
{
    int32_t max_len = (int32_t)be16(buf + 7), len = -1;
    int32_t blocks = (int32_t)(s->nb_sectors / 4);
    bool msf = (buf[1] >> 1) & 1;
    switch (buf[9] >> 6) {
    case 0:
        len = cdrom_read_toc(blocks, buf, msf, buf[6]);
        break;
    case 1:                      /* multi-session: the one session */
        memset(buf, 0, 12);
        buf[1] = 0x0a;
        buf[2] = 0x01;
        buf[3] = 0x01;
        len = 12;
        break;
    case 2:
        len = cdrom_read_toc_raw(blocks, buf, msf);
        break;
    }
    if (len < 0)
        ide_atapi_cmd_error(s, SENSE_ILLEGAL_REQUEST, ASC_INV_FIELD_IN_CMD_PACKET);
    else
        ide_atapi_cmd_reply(s, len, max_len);
}

/* The profile list: DVD-ROM and CD-ROM, the medium's one flagged current. */
static void set_profile(uint8_t *buf, uint8_t *index, uint16_t profile)
{
    uint8_t *p = buf + 12 + 4 * *index;
    put_be16(p, profile);
    p[2] = p[0] == buf[6] && p[1] == buf[7];
    (*index)++;
    buf[11] += 4;
}

static void cmd_get_configuration(IdeDrive *s, uint8_t *buf)
{
    if (buf[2] != 0 || buf[3] != 0) {   /* only from feature 0 */
        ide_atapi_cmd_error(s, SENSE_ILLEGAL_REQUEST, ASC_INV_FIELD_IN_CMD_PACKET);
        return;
    }
    int32_t max_len = MIN((int32_t)be16(buf + 7), 512);
    memset(buf, 0, (size_t)max_len);
    if (media_is_dvd(s))
        put_be16(buf + 6, MMC_PROFILE_DVD_ROM);
    else if (media_is_cd(s))
        put_be16(buf + 6, MMC_PROFILE_CD_ROM);
    buf[10] = 0x02 | 0x01;       /* persistent, current */
    uint8_t index = 0;
    set_profile(buf, &index, MMC_PROFILE_DVD_ROM);
    set_profile(buf, &index, MMC_PROFILE_CD_ROM);
    uint32_t len = 12 + 4u * index;
    put_be32(buf, len - 4);
    ide_atapi_cmd_reply(s, (int32_t)len, max_len);
}

/* GET EVENT STATUS NOTIFICATION, polled, media class only. */
static void cmd_get_event_status_notification(IdeDrive *s, uint8_t *buf)
{
    int32_t max_len = (int32_t)be16(buf + 7);
    uint8_t class_req = buf[4];
    if (!(buf[1] & 0x01)) {      /* asynchronous mode */
        ide_atapi_cmd_error(s, SENSE_ILLEGAL_REQUEST, ASC_INV_FIELD_IN_CMD_PACKET);
        return;
    }
    buf[3] = 1 << GESN_MEDIA;    /* supported classes */
    int32_t used_len;
    if (class_req & (1 << GESN_MEDIA)) {
        buf[2] = GESN_MEDIA;
        uint8_t media_status = s->tray_open ? MS_TRAY_OPEN : s->blk ? MS_MEDIA_PRESENT : 0;
        uint8_t code = MEC_NO_CHANGE;
        if (media_status != MS_TRAY_OPEN) {
            if (s->new_media) {
                code = MEC_NEW_MEDIA;
                s->new_media = false;
            } else if (s->eject_request) {
                code = MEC_EJECT_REQUESTED;
                s->eject_request = false;
            }
        }
        buf[4] = code;
        buf[5] = media_status;
        buf[6] = buf[7] = 0;
        used_len = 8;
    } else {
        buf[2] = 0x80;           /* no event available */
        used_len = 4;
    }
    put_be16(buf, (uint16_t)(used_len - 4));
    ide_atapi_cmd_reply(s, used_len, max_len);
}

static void cmd_read_disc_information(IdeDrive *s, uint8_t *buf)
{
    int32_t max_len = (int32_t)be16(buf + 7);
    if (buf[1] & 7) {            /* types 1 and 2 are for Blu-ray */
        ide_atapi_cmd_error(s, SENSE_ILLEGAL_REQUEST, ASC_INV_FIELD_IN_CMD_PACKET);
        return;
    }
    memset(buf, 0, 34);
    buf[1] = 32;
    buf[2] = 0x0e;               /* last session complete, disc finalised */
    buf[3] = 1;                  /* first track */
    buf[4] = 1;                  /* sessions */
    buf[5] = 1;                  /* first track of the last session */
    buf[6] = 1;                  /* last track of the last session */
    buf[7] = 0x20;               /* unrestricted use */
    ide_atapi_cmd_reply(s, 34, max_len);
}

static void mode_header(uint8_t *buf, unsigned len, uint8_t page)
{
    put_be16(buf, (uint16_t)(len - 2));
    buf[2] = 0x70;               /* medium type, as QEMU answers */
    memset(buf + 3, 0, 5);
    buf[8] = page;
    buf[9] = (uint8_t)(len - 10);
}

static void cmd_mode_sense(IdeDrive *s, uint8_t *buf)
{
    int32_t max_len = (int32_t)be16(buf + 7);
    unsigned action = buf[2] >> 6, code = buf[2] & 0x3f;
    if (action == 3) {           /* saved values */
        ide_atapi_cmd_error(s, SENSE_ILLEGAL_REQUEST, ASC_SAVING_PARAMETERS_NOT_SUPPORTED);
        return;
    }
    if (action != 0 || (code != 0x01 && code != 0x0e && code != 0x2a)) {
        ide_atapi_cmd_error(s, SENSE_ILLEGAL_REQUEST, ASC_INV_FIELD_IN_CMD_PACKET);
        return;
    }
    switch (code) {
    case 0x01:                   /* read/write error recovery */
        mode_header(buf, 16, 0x01);
        buf[10] = 0x00;
        buf[11] = 0x05;          /* read retry count */
        memset(buf + 12, 0, 4);
        ide_atapi_cmd_reply(s, 16, max_len);
        break;
    case 0x0e:                   /* CD audio control: volumes 0 */
        mode_header(buf, 24, 0x0e);
        buf[17] = buf[19] = buf[21] = buf[23] = 0;
        ide_atapi_cmd_reply(s, 24, max_len);
        break;
    default:                     /* capabilities and mechanical status */
        mode_header(buf, 30, 0x2a);
        buf[10] = 0x3b;          /* reads CD-R, CD-RW, DVD-ROM, DVD-R, DVD-RAM */
        buf[11] = 0x00;
        buf[12] = 0x71;          /* plays audio (Linux looks for it to automount) */
        buf[13] = 3 << 5;
        buf[14] = (1 << 0) | (1 << 3) | (1 << 5) | (s->tray_locked ? 1 << 1 : 0);
        buf[15] = 0x00;
        put_be16(buf + 16, 704); /* 4x */
        buf[18] = 0;
        buf[19] = 2;             /* two volume levels */
        put_be16(buf + 20, 512); /* 512 KiB buffer */
        put_be16(buf + 22, 704);
        memset(buf + 24, 0, 6);
        ide_atapi_cmd_reply(s, 30, max_len);
        break;
    }
}

static void cmd_mechanism_status(IdeDrive *s, uint8_t *buf)
{
    int32_t max_len = (int32_t)be16(buf + 8);
    put_be16(buf, 0);
    buf[2] = buf[3] = buf[4] = 0;  /* no current LBA */
    buf[5] = 1;                  /* one slot */
    put_be16(buf + 6, 0);
    ide_atapi_cmd_reply(s, 8, max_len);
}

/* READ DVD STRUCTURE for a DVD-ROM medium: returns the reply length, or -ASC. The layer
 * is read from buf after the caller cleared it, as QEMU does (so it is 0 unless the
 * allocation length is below 7). */
static int32_t dvd_read_structure(IdeDrive *s, uint8_t format, uint8_t *buf)
{
    switch (format) {
    case 0x00: {                 /* physical format */
        uint64_t blocks = (uint64_t)s->nb_sectors / 4;
        if (buf[6] != 0)
            return -ASC_INV_FIELD_IN_CMD_PACKET;
        if (blocks == 0)
            return -ASC_MEDIUM_NOT_PRESENT;
        buf[4] = 1;              /* DVD-ROM, part version 1 */
        buf[5] = 0xf;            /* 120 mm */
        buf[6] = 1;              /* one layer, read only */
        buf[7] = 0;
        put_be32(buf + 8, 0);
        put_be32(buf + 12, (uint32_t)(blocks - 1));
        put_be32(buf + 16, (uint32_t)(blocks - 1));
        put_be16(buf, 2048 + 2);
        return 2048 + 4;
    }
    case 0x01:                   /* copyright: none, no region */
        buf[4] = buf[5] = 0;
        put_be16(buf, 4 + 2);
        return 4 + 4;
    case 0x04:                   /* manufacturing information: empty */
        put_be16(buf, 2048 + 2);
        return 2048 + 4;
    case 0xff: {                 /* the list of the structures above */
        static const uint8_t list[16] = {
            0x00, 0x40, (2048 + 4) >> 8, (2048 + 4) & 0xff,
            0x01, 0x40, 0, 4 + 4,
            0x03, 0x40, 0, 188 + 4,
            0x04, 0x40, (2048 + 4) >> 8, (2048 + 4) & 0xff,
        };
        memcpy(buf + 4, list, sizeof list);
        put_be16(buf, 16 + 2);
        return 16 + 4;
    }
    default:                     /* 0x03 BCA: none; beyond DVD-ROM: not emulated */
        return -ASC_INV_FIELD_IN_CMD_PACKET;
    }
}

static void cmd_read_dvd_structure(IdeDrive *s, uint8_t *buf)
{
    int32_t max_len = (int32_t)be16(buf + 8);
    uint8_t media = buf[1], format = buf[7];
    if (format < 0xff) {
        if (media_is_cd(s)) {
            ide_atapi_cmd_error(s, SENSE_ILLEGAL_REQUEST, ASC_INCOMPATIBLE_FORMAT);
            return;
        }
        if (!media_present(s)) {
            ide_atapi_cmd_error(s, SENSE_ILLEGAL_REQUEST, ASC_INV_FIELD_IN_CMD_PACKET);
            return;
        }
    }
    memset(buf, 0, (size_t)MIN(max_len, 256 * 512 + 4));
    int32_t r = -ASC_INV_FIELD_IN_CMD_PACKET;
    if ((format < 0x80 || format == 0xff) && media == 0)
        r = dvd_read_structure(s, format, buf);
    if (r < 0)
        ide_atapi_cmd_error(s, SENSE_ILLEGAL_REQUEST, (uint8_t)-r);
    else
        ide_atapi_cmd_reply(s, r, max_len);
}

static void cmd_read_cd(IdeDrive *s, uint8_t *buf)
{
    uint32_t n = (uint32_t)(buf[6] << 16 | buf[7] << 8 | buf[8]), lba = be32(buf + 2);
    uint8_t transfer_request = buf[9] & 0xf8;
    if (n == 0) {
        ide_atapi_cmd_ok(s);
        return;
    }
    if (!lba_range_ok(s, lba, n))
        return;
    if (transfer_request == 0x00) {
        ide_atapi_cmd_ok(s);
        return;
    }
    if (!validate_bcl(s))
        return;
    switch (transfer_request) {
    case 0x10:                   /* user data */
        ide_atapi_cmd_read(s, (int32_t)lba, (int32_t)n, ATAPI_BLOCK);
        break;
    case 0xf8:                   /* everything: the raw sector */
        ide_atapi_cmd_read(s, (int32_t)lba, (int32_t)n, ATAPI_RAW_BLOCK);
        break;
    default:
        ide_atapi_cmd_error(s, SENSE_ILLEGAL_REQUEST, ASC_INV_FIELD_IN_CMD_PACKET);
        break;
    }
}

static void cmd_set_speed(IdeDrive *s, uint8_t *buf)
{
    ide_atapi_cmd_ok(s);
}

enum {
    ALLOW_UA = 0x01,     /* runs under a unit attention condition (MMC-5 4.1.6.1) */
    CHECK_READY = 0x02,  /* needs a medium, else NOT READY (MMC-5 4.1.8) */
    NONDATA = 0x04,      /* never sends data: a byte count limit of 0 is fine */
    CONDDATA = 0x08,     /* sends data only for some fields: the handler checks the limit */
};

typedef void (*AtapiCmdFn)(IdeDrive *s, uint8_t *buf);
static const struct { AtapiCmdFn fn; uint8_t flags; } atapi_cmd_table[256] = {
    [0x00] = { cmd_test_unit_ready, CHECK_READY | NONDATA },
    [0x03] = { cmd_request_sense, ALLOW_UA },
    [0x12] = { cmd_inquiry, ALLOW_UA },
    [0x1b] = { cmd_start_stop_unit, NONDATA },
    [0x1e] = { cmd_prevent_allow_medium_removal, NONDATA },
    [0x25] = { cmd_read_cdvd_capacity, CHECK_READY },
    [0x28] = { cmd_read, CHECK_READY },                  /* READ (10) */
    [0x2b] = { cmd_seek, CHECK_READY | NONDATA },
    [0x43] = { cmd_read_toc_pma_atip, CHECK_READY },
    [0x46] = { cmd_get_configuration, ALLOW_UA },
    [0x4a] = { cmd_get_event_status_notification, ALLOW_UA },
    [0x51] = { cmd_read_disc_information, CHECK_READY },
    [0x5a] = { cmd_mode_sense, 0 },                      /* MODE SENSE (10) */
    [0xa8] = { cmd_read, CHECK_READY },                  /* READ (12) */
    [0xad] = { cmd_read_dvd_structure, CHECK_READY },
    [0xbb] = { cmd_set_speed, NONDATA },
    [0xbd] = { cmd_mechanism_status, 0 },
    [0xbe] = { cmd_read_cd, CHECK_READY | CONDDATA },
};

/* Runs the packet in io_buffer[0..11] (the end of the PACKET command's data phase). The
 * CDB is guest data: every field is range-checked by its handler. */
void ide_atapi_cmd(IdeDrive *s)
{
    uint8_t *buf = s->io_buffer;
    uint8_t op = buf[0], flags = atapi_cmd_table[op].flags;
    trace(TRACE_DEV, "atapi: command %#x limit %u", op, (unsigned)(s->hcyl << 8 | s->lcyl));
    if (s->sense_key == SENSE_UNIT_ATTENTION && !(flags & ALLOW_UA)) {
        s->error = MC_ERR | (SENSE_UNIT_ATTENTION << 4);   /* CHECK CONDITION */
        s->status = ERR_STAT;
        s->nsector = 0;
        ide_set_irq(s->bus);
        return;
    }
    /* A changed medium shows as "no medium" once, then as "medium may have changed",
     * for guests that do not poll GET EVENT STATUS NOTIFICATION (an empty drive: only
     * "no medium", below). */
    if (!(flags & ALLOW_UA) && !s->tray_open && s->blk && s->cdrom_changed) {
        if (s->cdrom_changed == 1) {
            ide_atapi_cmd_error(s, SENSE_NOT_READY, ASC_MEDIUM_NOT_PRESENT);
            s->cdrom_changed = 2;
        } else {
            ide_atapi_cmd_error(s, SENSE_UNIT_ATTENTION, ASC_MEDIUM_MAY_HAVE_CHANGED);
            s->cdrom_changed = 0;
        }
        return;
    }
    if ((flags & CHECK_READY) && !media_present(s)) {
        ide_atapi_cmd_error(s, SENSE_NOT_READY, ASC_MEDIUM_NOT_PRESENT);
        return;
    }
    if (!atapi_cmd_table[op].fn) {
        ide_atapi_cmd_error(s, SENSE_ILLEGAL_REQUEST, ASC_ILLEGAL_OPCODE);
        return;
    }
    if (!(flags & (NONDATA | CONDDATA)) && !validate_bcl(s))
        return;
    atapi_cmd_table[op].fn(s, buf);
}

/* ---- IDENTIFY PACKET DEVICE ---- */

/* As QEMU 7.2 answers for its CD-ROM drive (built once, identify_set). */
void ide_atapi_identify(IdeDrive *s)
{
    uint8_t *p = s->identify_data;
    if (!s->identify_set) {
        memset(p, 0, 512);
        /* ATAPI, CD-ROM, removable, 50 us to DRQ, 12-byte packets */
        ide_put_word(p, 0, 2u << 14 | 5u << 8 | 1u << 7 | 2u << 5);
        ide_identify_strings(s, p);
        ide_put_word(p, 48, 1);
        ide_put_word(p, 49, 1 << 9 | 1 << 8);    /* LBA, DMA */
        ide_put_word(p, 53, 7);
        ide_put_word(p, 62, 7);
        ide_put_word(p, 63, 7);
        ide_put_word(p, 64, 3);                  /* PIO 3-4 */
        ide_put_word(p, 65, 0xb4);
        ide_put_word(p, 66, 0xb4);
        ide_put_word(p, 67, 0x12c);
        ide_put_word(p, 68, 0xb4);
        ide_put_word(p, 71, 30);
        ide_put_word(p, 72, 30);
        ide_put_word(p, 80, 0x1e);               /* ATA/ATAPI-1 to -4 */
        ide_put_word(p, 88, 0x3f | 1 << 13);     /* UDMA 0-5, 5 selected */
        s->identify_set = 1;
    }
    memcpy(s->io_buffer, p, 512);
}
