/* ata.c: the ATA command set of the PIIX3 IDE drives: task-file helpers, IDENTIFY
 * DEVICE, PIO sector transfers and the command table, with the few ATA commands a CD-ROM
 * drive takes (PACKET, IDENTIFY PACKET DEVICE, DEVICE RESET; atapi.c runs the packets).
 * ide.c has the design notes. */
#include "emu/dev/ide/ide-int.h"

#include <string.h>

/* ---- helpers ---- */

void ide_set_irq(IdeChannel *c)
{
    if (c->cmd & IDE_CTRL_DISABLE_IRQ)
        return;
    bmdma_of(c)->status |= BM_STATUS_INT;   /* QEMU's bmdma_irq sees every raise */
    irq_raise(&c->irq);
}

int64_t ide_get_sector(const IdeDrive *s)
{
    if (s->select & ATA_DEV_LBA) {
        if (!s->lba48)
            return (int64_t)(s->select & 0x0f) << 24 | s->hcyl << 16 | s->lcyl << 8 | s->sector;
        return (int64_t)s->hob_hcyl << 40 | (int64_t)s->hob_lcyl << 32 |
               (int64_t)s->hob_sector << 24 | (int64_t)s->hcyl << 16 | s->lcyl << 8 | s->sector;
    }
    /* CHS; a sector number of 0 gives -1, which the range check refuses, as in QEMU */
    return ((int64_t)(s->hcyl << 8 | s->lcyl) * s->heads + (s->select & 0x0f)) * s->sectors +
           (s->sector - 1);
}

void ide_set_sector(IdeDrive *s, int64_t n)
{
    if (s->select & ATA_DEV_LBA) {
        if (!s->lba48) {
            s->select = (uint8_t)((s->select & 0xf0) | ((n >> 24) & 0x0f));
            s->hcyl = (uint8_t)(n >> 16);
            s->lcyl = (uint8_t)(n >> 8);
            s->sector = (uint8_t)n;
        } else {
            s->sector = (uint8_t)n;
            s->lcyl = (uint8_t)(n >> 8);
            s->hcyl = (uint8_t)(n >> 16);
            s->hob_sector = (uint8_t)(n >> 24);
            s->hob_lcyl = (uint8_t)(n >> 32);
            s->hob_hcyl = (uint8_t)(n >> 40);
        }
    } else if (s->heads && s->sectors) {
        uint32_t hs = s->heads * s->sectors;
        uint32_t cyl = (uint32_t)(n / hs), r = (uint32_t)(n % hs);
        s->hcyl = (uint8_t)(cyl >> 8);
        s->lcyl = (uint8_t)cyl;
        s->select = (uint8_t)((s->select & 0xf0) | ((r / s->sectors) & 0x0f));
        s->sector = (uint8_t)(r % s->sectors + 1);
    }
}

bool ide_sect_range_ok(const IdeDrive *s, int64_t sector, int64_t n)
{
    uint64_t total = (uint64_t)s->nb_sectors;
    return sector >= 0 && (uint64_t)sector <= total && (uint64_t)n <= total - (uint64_t)sector;
}

void ide_set_retry(IdeDrive *s)
{
    s->bus->retry_unit = s->unit;
    s->bus->retry_sector_num = ide_get_sector(s);
    s->bus->retry_nsector = s->nsector;
}

void ide_clear_retry(IdeDrive *s)
{
    s->bus->retry_unit = 0xff;      /* QEMU stores -1 in a uint8_t */
    s->bus->retry_sector_num = 0;
    s->bus->retry_nsector = 0;
}

/* Opens the PIO window io_buffer[off, off + len) and sets DRQ; end_fn runs when the guest
 * has moved it. Trusted: off + len <= IDE_IO_BUFFER_LEN. */
void ide_transfer_start_at(IdeDrive *s, uint32_t off, uint32_t len, uint8_t end_fn)
{
    s->data_ptr = off;
    s->data_end = off + len;
    ide_set_retry(s);
    if (!(s->status & ERR_STAT))
        s->status |= DRQ_STAT;
    s->end_fn = end_fn;
}

static void ide_transfer_start(IdeDrive *s, uint32_t len, uint8_t end_fn)
{
    ide_transfer_start_at(s, 0, len, end_fn);
}

void ide_transfer_halt(IdeDrive *s)
{
    s->end_fn = IDE_END_TRANSFER_STOP;
    s->data_ptr = s->data_end = 0;
    s->status &= (uint8_t)~DRQ_STAT;
}

void ide_transfer_stop(IdeDrive *s) { ide_transfer_halt(s); }

void ide_abort_command(IdeDrive *s)
{
    ide_transfer_stop(s);
    s->status = READY_STAT | ERR_STAT;
    s->error = ABRT_ERR;
}

static void ide_rw_error(IdeDrive *s)
{
    ide_abort_command(s);
    ide_set_irq(s->bus);
}

void ide_dummy_transfer_stop(IdeDrive *s)
{
    s->data_ptr = s->data_end = 0;
    memset(s->io_buffer, 0xff, 4);
}

void ide_set_signature(IdeDrive *s)
{
    s->select &= (uint8_t)~ATA_DEV_HS;
    s->nsector = 1;
    s->sector = 1;
    if (s->is_cd) {              /* the ATAPI signature: 0xEB14 in the cylinder registers */
        s->lcyl = 0x14;
        s->hcyl = 0xeb;
    } else {
        s->lcyl = s->hcyl = s->blk ? 0x00 : 0xff;
    }
}

/* LBA48 commands take the count from hob_nsector:nsector; 0 means 256 or 65536. */
static void ide_cmd_lba48_transform(IdeDrive *s, bool lba48)
{
    s->lba48 = lba48;
    if (!lba48) {
        if (!s->nsector)
            s->nsector = 256;
    } else if (!s->nsector && !s->hob_nsector) {
        s->nsector = 65536;
    } else {
        s->nsector = (uint32_t)s->hob_nsector << 8 | (s->nsector & 0xff);
    }
}

void ide_put_word(uint8_t *p, int w, unsigned v) { put_le16(p + 2 * w, (uint16_t)v); }

void ide_padstr(uint8_t *dst, const char *src, int len)
{
    for (int i = 0; i < len; i++)
        dst[i ^ 1] = *src ? (uint8_t)*src++ : ' ';
}

/* The words IDENTIFY DEVICE and IDENTIFY PACKET DEVICE share: serial number, buffer type
 * and size, ECC bytes, firmware version, model. */
void ide_identify_strings(const IdeDrive *s, uint8_t *p)
{
    ide_padstr(p + 20, s->serial, 20);
    ide_put_word(p, 20, 3);
    ide_put_word(p, 21, 512);
    ide_put_word(p, 22, 4);
    ide_padstr(p + 46, s->version, 8);
    ide_padstr(p + 54, s->model, 40);
}

/* IDENTIFY DEVICE as QEMU 7.2 answers for an IDE hard disk; built once (identify_set). */
static void ide_identify(IdeDrive *s)
{
    uint8_t *p = s->identify_data;
    if (!s->identify_set) {
        memset(p, 0, 512);
        ide_put_word(p, 0, 0x0040);
        ide_put_word(p, 1, s->cylinders);
        ide_put_word(p, 3, s->heads);
        ide_put_word(p, 4, 512 * s->sectors);
        ide_put_word(p, 5, 512);
        ide_put_word(p, 6, s->sectors);
        ide_identify_strings(s, p);
        ide_put_word(p, 47, 0x8000 | IDE_MAX_MULT_SECTORS);
        ide_put_word(p, 48, 1);
        ide_put_word(p, 49, 1 << 11 | 1 << 9 | 1 << 8);
        ide_put_word(p, 51, 0x200);
        ide_put_word(p, 52, 0x200);
        ide_put_word(p, 53, 1 | 1 << 1 | 1 << 2);
        ide_put_word(p, 54, s->cylinders);
        ide_put_word(p, 55, s->heads);
        ide_put_word(p, 56, s->sectors);
        uint32_t oldsize = s->cylinders * s->heads * s->sectors;
        ide_put_word(p, 57, oldsize);
        ide_put_word(p, 58, oldsize >> 16);
        if (s->mult_sectors)
            ide_put_word(p, 59, 0x100 | (unsigned)s->mult_sectors);
        ide_put_word(p, 62, 0x07);
        ide_put_word(p, 63, 0x07);
        ide_put_word(p, 64, 0x03);
        for (int w = 65; w <= 68; w++)
            ide_put_word(p, w, 120);
        ide_put_word(p, 69, 1 << 14);            /* deterministic data after TRIM */
        ide_put_word(p, 80, 0xf0);
        ide_put_word(p, 81, 0x16);
        ide_put_word(p, 82, 1 << 14 | 1 << 5 | 1);
        ide_put_word(p, 83, 1 << 14 | 1 << 13 | 1 << 12 | 1 << 10);
        ide_put_word(p, 84, 1 << 14);
        ide_put_word(p, 85, s->write_cache ? (1 << 14 | 1 << 5 | 1) : (1 << 14 | 1));
        ide_put_word(p, 86, 1 << 13 | 1 << 12 | 1 << 10);
        ide_put_word(p, 87, 1 << 14);
        ide_put_word(p, 88, 0x3f | 1 << 13);
        ide_put_word(p, 93, 1 | 1 << 14 | 0x2000);
        ide_put_word(p, 106, 0x6000);            /* 512-byte physical sectors */
        ide_put_word(p, 169, 1);                 /* DATA SET MANAGEMENT: TRIM */
        int64_t lba28 = s->nb_sectors >= (1 << 28) ? (1 << 28) - 1 : s->nb_sectors;
        ide_put_word(p, 60, (unsigned)lba28);
        ide_put_word(p, 61, (unsigned)(lba28 >> 16));
        for (int i = 0; i < 4; i++)
            ide_put_word(p, 100 + i, (unsigned)(s->nb_sectors >> (16 * i)));
        s->identify_set = 1;
    }
    memcpy(s->io_buffer, p, 512);
}

/* ---- PIO sectors ---- */

static int ide_disk_io(IdeDrive *s, int64_t sector, uint8_t *buf, uint32_t n, bool write)
{
    Err e = { 0 };
    int r = write ? blk_pwrite(s->blk, (uint64_t)sector * 512, buf, (size_t)n * 512, &e)
                  : blk_pread(s->blk, (uint64_t)sector * 512, buf, (size_t)n * 512, &e);
    if (r < 0)
        trace(TRACE_DEV, "ide: %s error at sector %" PRId64 ": %s", write ? "write" : "read",
              sector, e.msg);
    else
        ide_account(&s->stats, write, (uint64_t)sector * 512, (uint64_t)n * 512);
    return r;
}

void ide_sector_read(IdeDrive *s)
{
    s->status = READY_STAT | SEEK_STAT;
    s->error = 0;
    int64_t sector = ide_get_sector(s);
    uint32_t n = s->nsector;
    if (n == 0) {
        ide_transfer_stop(s);
        return;
    }
    if (n > (uint32_t)s->req_nb_sectors)
        n = (uint32_t)s->req_nb_sectors;
    if (!ide_sect_range_ok(s, sector, n)) {
        ide_rw_error(s);
        return;
    }
    if (ide_disk_io(s, sector, s->io_buffer, n, false) < 0) {
        ide_rw_error(s);
        return;
    }
    ide_set_sector(s, sector + n);
    s->nsector -= n;
    ide_transfer_start(s, n * 512, IDE_END_SECTOR_READ);
    ide_set_irq(s->bus);
}

void ide_sector_write(IdeDrive *s)
{
    s->status = READY_STAT | SEEK_STAT;
    int64_t sector = ide_get_sector(s);
    uint32_t n = MIN(s->nsector, (uint32_t)s->req_nb_sectors);
    if (!ide_sect_range_ok(s, sector, n) || ide_disk_io(s, sector, s->io_buffer, n, true) < 0) {
        ide_rw_error(s);
        return;
    }
    s->nsector -= n;
    ide_set_sector(s, ide_get_sector(s) + n);
    if (s->nsector == 0)
        ide_transfer_stop(s);
    else
        ide_transfer_start(s, MIN(s->nsector, (uint32_t)s->req_nb_sectors) * 512, IDE_END_SECTOR_WRITE);
    ide_set_irq(s->bus);
}

void ide_end_transfer(IdeDrive *s)
{
    switch (s->end_fn) {
    case IDE_END_SECTOR_READ: ide_sector_read(s); break;
    case IDE_END_SECTOR_WRITE: ide_sector_write(s); break;
    case IDE_END_ATAPI_REPLY: ide_atapi_cmd_reply_end(s); break;
    case IDE_END_ATAPI_CMD: ide_atapi_cmd(s); break;
    case IDE_END_DUMMY_STOP: ide_dummy_transfer_stop(s); break;
    default: ide_transfer_stop(s); break;
    }
}

/* PIO out = device to host (QEMU's ide_is_pio_out). */
bool ide_is_pio_out(const IdeDrive *s)
{
    return s->end_fn != IDE_END_SECTOR_WRITE && s->end_fn != IDE_END_ATAPI_CMD;
}

void ide_flush_cache(IdeDrive *s)
{
    if (s->blk) {
        ide_set_retry(s);
        Err e = { 0 };
        if (blk_flush(s->blk, &e) < 0) {
            trace(TRACE_DEV, "ide: flush failed: %s", e.msg);
            ide_rw_error(s);
            return;
        }
        s->stats.flush_ops++;
    }
    s->status = READY_STAT | SEEK_STAT;
    ide_set_irq(s->bus);
}

/* ---- commands ---- */

typedef bool (*IdeCmdFn)(IdeDrive *s, uint8_t cmd);  /* true: done, set DSC/raise IRQ */

static bool cmd_nop(IdeDrive *s, uint8_t cmd) { return true; }

static bool cmd_read_pio(IdeDrive *s, uint8_t cmd)
{
    if (s->is_cd) {              /* ATA-4 8.27.5.2: a packet device answers with its signature */
        ide_set_signature(s);
        ide_abort_command(s);
        return true;
    }
    if (!s->blk) {
        ide_abort_command(s);
        return true;
    }
    ide_cmd_lba48_transform(s, cmd == 0x24);
    s->req_nb_sectors = 1;
    ide_sector_read(s);
    return false;
}

static bool cmd_write_pio(IdeDrive *s, uint8_t cmd)
{
    if (!s->blk) {
        ide_abort_command(s);
        return true;
    }
    ide_cmd_lba48_transform(s, cmd == 0x34);
    s->req_nb_sectors = 1;
    s->status = SEEK_STAT | READY_STAT;
    ide_transfer_start(s, 512, IDE_END_SECTOR_WRITE);
    return false;
}

static bool cmd_read_multiple(IdeDrive *s, uint8_t cmd)
{
    if (!s->blk || !s->mult_sectors) {
        ide_abort_command(s);
        return true;
    }
    ide_cmd_lba48_transform(s, cmd == 0x29);
    s->req_nb_sectors = s->mult_sectors;
    ide_sector_read(s);
    return false;
}

static bool cmd_write_multiple(IdeDrive *s, uint8_t cmd)
{
    if (!s->blk || !s->mult_sectors) {
        ide_abort_command(s);
        return true;
    }
    ide_cmd_lba48_transform(s, cmd == 0x39);
    s->req_nb_sectors = s->mult_sectors;
    uint32_t n = MIN(s->nsector, (uint32_t)s->req_nb_sectors);
    s->status = SEEK_STAT | READY_STAT;
    ide_transfer_start(s, 512 * n, IDE_END_SECTOR_WRITE);
    return false;
}

static bool cmd_read_dma(IdeDrive *s, uint8_t cmd)
{
    if (!s->blk) {
        ide_abort_command(s);
        return true;
    }
    ide_cmd_lba48_transform(s, cmd == 0x25);
    ide_sector_start_dma(s, IDE_DMA_READ);
    return false;
}

static bool cmd_write_dma(IdeDrive *s, uint8_t cmd)
{
    if (!s->blk) {
        ide_abort_command(s);
        return true;
    }
    ide_cmd_lba48_transform(s, cmd == 0x35);
    ide_sector_start_dma(s, IDE_DMA_WRITE);
    return false;
}

static bool cmd_data_set_management(IdeDrive *s, uint8_t cmd)
{
    if (s->feature == 0x01 && s->blk) {   /* TRIM */
        ide_sector_start_dma(s, IDE_DMA_TRIM);
        return false;
    }
    ide_abort_command(s);
    return true;
}

static bool cmd_verify(IdeDrive *s, uint8_t cmd)
{
    ide_cmd_lba48_transform(s, cmd == 0x42);
    return true;
}

static bool cmd_read_native_max(IdeDrive *s, uint8_t cmd)
{
    if (s->nb_sectors == 0) {
        ide_abort_command(s);
        return true;
    }
    uint32_t heads = s->heads, secs = s->sectors;
    s->heads = s->drive_heads;
    s->sectors = s->drive_sectors;
    ide_cmd_lba48_transform(s, cmd == 0x27);
    ide_set_sector(s, s->nb_sectors - 1);
    s->heads = heads;
    s->sectors = secs;
    return true;
}

static bool cmd_check_power_mode(IdeDrive *s, uint8_t cmd)
{
    s->nsector = 0xff;           /* active or idle */
    return true;
}

static bool cmd_specify(IdeDrive *s, uint8_t cmd)
{
    if (s->blk) {
        s->heads = (s->select & ATA_DEV_HS) + 1u;
        s->sectors = s->nsector & 0xff;
        ide_set_irq(s->bus);
    } else {
        ide_abort_command(s);
    }
    return true;
}

static bool cmd_set_multiple_mode(IdeDrive *s, uint8_t cmd)
{
    uint32_t n = s->nsector & 0xff;
    if (n != 0 && (n > IDE_MAX_MULT_SECTORS || (s->nsector & (s->nsector - 1)) != 0))
        ide_abort_command(s);
    else
        s->mult_sectors = (int32_t)n;
    return true;
}

void ide_exec_dev_diagnostic(IdeDrive *s)
{
    ide_set_signature(s);
    s->error = 0x01;             /* device 0 passed, device 1 passed or absent */
    if (s->is_cd) {
        s->status = 0;           /* ATAPI-6 9.10: a packet device clears DRDY, no interrupt */
        return;
    }
    s->status = READY_STAT | SEEK_STAT;
    ide_set_irq(s->bus);
}

static bool cmd_exec_dev_diagnostic(IdeDrive *s, uint8_t cmd)
{
    ide_exec_dev_diagnostic(s);
    return false;
}

static bool cmd_flush_cache(IdeDrive *s, uint8_t cmd)
{
    ide_flush_cache(s);
    return false;
}

static bool cmd_identify(IdeDrive *s, uint8_t cmd)
{
    if (!s->blk || s->is_cd) {
        if (s->is_cd)
            ide_set_signature(s);
        ide_abort_command(s);
        return true;
    }
    ide_identify(s);
    s->status = READY_STAT | SEEK_STAT;
    ide_transfer_start(s, 512, IDE_END_TRANSFER_STOP);
    ide_set_irq(s->bus);
    return false;
}

static bool cmd_set_features(IdeDrive *s, uint8_t cmd)
{
    uint8_t *id = s->identify_data;
    if (!s->blk) {
        ide_abort_command(s);
        return true;
    }
    switch (s->feature) {
    case 0x02:                   /* write cache on */
        s->write_cache = true;
        ide_put_word(id, 85, 1 << 14 | 1 << 5 | 1);
        return true;
    case 0x82:                   /* write cache off: flush */
        s->write_cache = false;
        ide_put_word(id, 85, 1 << 14 | 1);
        ide_flush_cache(s);
        return false;
    case 0xcc:
        s->reset_reverts = true;
        return true;
    case 0x66:
        s->reset_reverts = false;
        return true;
    case 0xaa: case 0x55: case 0x05: case 0x85: case 0x69: case 0x67: case 0x96: case 0x9a:
    case 0x42: case 0xc2:
        return true;
    case 0x03: {                 /* transfer mode: reflected in IDENTIFY 62/63/88 */
        unsigned val = s->nsector & 7;
        unsigned w62 = 0x07, w63 = 0x07, w88 = 0x3f;
        switch (s->nsector >> 3) {
        case 0x00: case 0x01: break;
        case 0x02: w62 |= 1u << (val + 8); break;
        case 0x04: w63 |= 1u << (val + 8); break;
        case 0x08: w88 |= 1u << (val + 8); break;
        default: ide_abort_command(s); return true;
        }
        ide_put_word(id, 62, w62);
        ide_put_word(id, 63, w63);
        ide_put_word(id, 88, w88);
        return true;
    }
    default:
        ide_abort_command(s);
        return true;
    }
}

static bool cmd_identify_packet(IdeDrive *s, uint8_t cmd)
{
    ide_atapi_identify(s);
    s->status = READY_STAT | SEEK_STAT;
    ide_transfer_start(s, 512, IDE_END_TRANSFER_STOP);
    ide_set_irq(s->bus);
    return false;
}

/* PACKET: the 12 command bytes come as PIO data; ide_atapi_cmd runs them. */
static bool cmd_packet(IdeDrive *s, uint8_t cmd)
{
    if (s->feature & 0x02) {     /* overlapped commands */
        ide_abort_command(s);
        return true;
    }
    s->status = READY_STAT | SEEK_STAT;
    s->atapi_dma = s->feature & 1;
    if (s->atapi_dma)
        s->dma_cmd = IDE_DMA_ATAPI;
    s->nsector = 1;              /* interrupt reason: CoD, host to device */
    ide_transfer_start(s, ATAPI_PACKET_SIZE, IDE_END_ATAPI_CMD);
    return false;
}

/* DEVICE RESET: the drive alone, accepted even while BSY or DRQ; status 0 and no
 * interrupt, as QEMU (ATA8-ACS 7.10.4). A DMA cannot be in flight here: DMA runs inside
 * the port write that starts it. */
static bool cmd_device_reset(IdeDrive *s, uint8_t cmd)
{
    ide_transfer_halt(s);
    ide_drive_reset(s);
    s->status = 0;
    return false;
}

static bool cmd_wear_level(IdeDrive *s, uint8_t cmd)
{
    s->nsector = 0;              /* 0xF5, SECURITY FREEZE LOCK for a disk */
    return true;
}

/* HD: a hard disk takes the command, CD: a CD-ROM drive does (QEMU's HD_OK, CD_OK); the
 * others abort it. */
enum { SET_DSC = 1, HD = 2, CD = 4 };
static const struct { IdeCmdFn fn; uint8_t flags; } ide_cmd_table[256] = {
    [0x06] = { cmd_data_set_management, HD },
    [0x08] = { cmd_device_reset, CD },
    [0x10] = { cmd_nop, HD | SET_DSC },            /* RECALIBRATE */
    [0x20] = { cmd_read_pio, HD | CD },
    [0x21] = { cmd_read_pio, HD }, [0x24] = { cmd_read_pio, HD },
    [0x25] = { cmd_read_dma, HD },
    [0x27] = { cmd_read_native_max, HD | SET_DSC },
    [0x29] = { cmd_read_multiple, HD },
    [0x30] = { cmd_write_pio, HD }, [0x31] = { cmd_write_pio, HD }, [0x34] = { cmd_write_pio, HD },
    [0x35] = { cmd_write_dma, HD },
    [0x39] = { cmd_write_multiple, HD },
    [0x3c] = { cmd_write_pio, HD },                /* WRITE VERIFY */
    [0x40] = { cmd_verify, HD | SET_DSC }, [0x41] = { cmd_verify, HD | SET_DSC },
    [0x42] = { cmd_verify, HD | SET_DSC },
    [0x70] = { cmd_nop, HD | SET_DSC },            /* SEEK */
    [0x90] = { cmd_exec_dev_diagnostic, HD | CD },
    [0x91] = { cmd_specify, HD | SET_DSC },        /* INITIALIZE DEVICE PARAMETERS */
    [0x94] = { cmd_nop, HD }, [0x95] = { cmd_nop, HD }, [0x96] = { cmd_nop, HD },
    [0x97] = { cmd_nop, HD }, [0x98] = { cmd_check_power_mode, HD | SET_DSC },
    [0x99] = { cmd_nop, HD },
    [0xa0] = { cmd_packet, CD }, [0xa1] = { cmd_identify_packet, CD },
    [0xc4] = { cmd_read_multiple, HD }, [0xc5] = { cmd_write_multiple, HD },
    [0xc6] = { cmd_set_multiple_mode, HD | SET_DSC },
    [0xc8] = { cmd_read_dma, HD }, [0xc9] = { cmd_read_dma, HD },
    [0xca] = { cmd_write_dma, HD }, [0xcb] = { cmd_write_dma, HD },
    [0xe0] = { cmd_nop, HD }, [0xe1] = { cmd_nop, HD }, [0xe2] = { cmd_nop, HD },
    [0xe3] = { cmd_nop, HD }, [0xe5] = { cmd_check_power_mode, HD | SET_DSC },
    [0xe6] = { cmd_nop, HD },
    [0xe7] = { cmd_flush_cache, HD | CD }, [0xea] = { cmd_flush_cache, HD },
    [0xec] = { cmd_identify, HD | CD },
    [0xef] = { cmd_set_features, HD | CD | SET_DSC },
    [0xf5] = { cmd_wear_level, HD | SET_DSC },
    [0xf8] = { cmd_read_native_max, HD | SET_DSC },
};

void ide_exec_cmd(IdeChannel *c, uint8_t cmd)
{
    IdeDrive *s = active_if(c);
    if (s != &c->ifs[0] && !drive_present(s))
        return;                  /* no slave: nobody answers */
    if ((s->status & (BUSY_STAT | DRQ_STAT)) && (cmd != 0x08 || !s->is_cd))
        return;                  /* only DEVICE RESET to a packet device is allowed now */
    if (!(ide_cmd_table[cmd].flags & (s->is_cd ? CD : HD))) {
        trace(TRACE_DEV, "ide: command %#x aborted", cmd);
        ide_abort_command(s);
        ide_set_irq(c);
        return;
    }
    s->status = READY_STAT | BUSY_STAT;
    s->error = 0;
    if (ide_cmd_table[cmd].fn(s, cmd)) {
        s->status &= (uint8_t)~BUSY_STAT;
        if ((ide_cmd_table[cmd].flags & SET_DSC) && !s->error)
            s->status |= SEEK_STAT;
        ide_set_irq(c);
    }
}
