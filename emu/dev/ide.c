/* ide.c: PIIX3 IDE (82371SB function 1) with ATA hard disks on block/block.h devices.
 * Reference: ATA/ATAPI-6 (T13 1410D) for the commands, Intel 82371SB datasheet 2.4 and 2.7
 * for the bus master; QEMU 7.2 hw/ide/core.c, pci.c and piix.c for every register value,
 * IDENTIFY word, error path and the saved section, which this mirrors (checked against
 * qemu-system-i386 through qtest and real savevm streams, tests/scripts/ide_*.sh).
 *
 * Timing: every command completes inside the port write that starts it (BSY is never seen;
 * QEMU shows BSY while its I/O runs). Bus-master DMA runs to the end inside the write that
 * both issued the command and set the start bit; nothing depends on time.
 *
 * PIO data phase of one drive (QEMU's end_transfer_func; set by transfer_start):
 *
 *   command ──ide_exec_cmd──> handler ──transfer_start(len, END)──> DRQ: guest moves words
 *      ^                                                               │ window consumed
 *      │                       END = SECTOR_READ: read next block ─────┤ (ide_end_transfer)
 *      │                       END = SECTOR_WRITE: write block, next ──┤
 *      └──────── transfer_stop (DRQ off) <── END = TRANSFER_STOP ──────┘ (or count done)
 *
 * Not emulated: ATAPI (no CD-ROM), CompactFlash, SMART (those commands abort), discarding
 * on TRIM (the ranges are checked, the data stays), the
 * rerror/werror "stop" policies (an I/O error is reported to the guest as ABRT), the win2k
 * install hack. XXX: with bus mastering disabled in the PCI command register a DMA command
 * aborts; QEMU's DMA then fails to map guest memory. */
#include "emu/dev/ide.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum {  /* status */
    ERR_STAT = 0x01, DRQ_STAT = 0x08, SEEK_STAT = 0x10, READY_STAT = 0x40, BUSY_STAT = 0x80,
};
enum { ABRT_ERR = 0x04 };
enum { IDE_CTRL_HOB = 0x80, IDE_CTRL_RESET = 0x04, IDE_CTRL_DISABLE_IRQ = 0x02 };
enum {
    IDE_RETRY_DMA = 0x08, IDE_RETRY_PIO = 0x10, IDE_RETRY_READ = 0x20, IDE_RETRY_FLUSH = 0x40,
    IDE_RETRY_TRIM = 0x80, IDE_RETRY_HBA = 0x100, IDE_RETRY_MASK = 0xf8,
};
#define BM_MIGRATION_COMPAT_STATUS_BITS (IDE_RETRY_DMA | IDE_RETRY_PIO | IDE_RETRY_READ | IDE_RETRY_FLUSH)
enum { BM_STATUS_DMAING = 0x01, BM_STATUS_ERROR = 0x02, BM_STATUS_INT = 0x04 };
enum { BM_CMD_START = 0x01 };
#define ATA_DEV_ALWAYS_ON 0xa0
#define ATA_DEV_SELECT 0x10
#define ATA_DEV_LBA 0x40
#define ATA_DEV_HS 0x0f
#define BMDMA_PAGE_SIZE 4096
#define IDE_DMA_BUF 65536
#define IDE_MAX_SG 600            /* PRDs in one page (512) plus the one in progress */

/* ---- saved state ---- */

static int ide_pre_save(void *opaque, Err *err);
static void ide_post_save(void *opaque);
static int ide_pre_load(void *opaque, Err *err);
static int ide_post_load(void *opaque, int version, Err *err);
static bool ide_bmdma_current_needed(void *opaque);
static bool ide_bmdma_status_needed(void *opaque);
static bool ide_error_needed(void *opaque);
static bool ide_drive_pio_needed(void *opaque);
static bool ide_tray_needed(void *opaque);
static bool ide_gesn_needed(void *opaque);
static bool ide_identify_is_set(void *opaque, int version);

static const VmsDesc ide_bmdma_current_vms = {
    .name = "ide bmdma_current", .version = 1, .min_version = 1, .needed = ide_bmdma_current_needed,
    .fields = (const VmsField[]){
        VMS_UINT32(IdeBmdma, cur_addr), VMS_UINT32(IdeBmdma, cur_prd_last),
        VMS_UINT32(IdeBmdma, cur_prd_addr), VMS_UINT32(IdeBmdma, cur_prd_len), VMS_END,
    },
};

static const VmsDesc ide_bmdma_status_vms = {
    .name = "ide bmdma/status", .version = 1, .min_version = 1, .needed = ide_bmdma_status_needed,
    .fields = (const VmsField[]){ VMS_UINT8(IdeBmdma, status), VMS_END },
};

static const VmsDesc ide_bmdma_vms = {
    .name = "ide bmdma", .version = 3, .min_version = 0,
    .fields = (const VmsField[]){
        VMS_UINT8(IdeBmdma, cmd), VMS_UINT8(IdeBmdma, migration_compat_status),
        VMS_UINT32(IdeBmdma, addr), VMS_INT64(IdeBmdma, migration_retry_sector_num),
        VMS_UINT32(IdeBmdma, migration_retry_nsector), VMS_UINT8(IdeBmdma, migration_retry_unit),
        VMS_END,
    },
    .subsections = (const VmsDesc *const[]){ &ide_bmdma_current_vms, &ide_bmdma_status_vms, NULL },
};

static const VmsDesc ide_bus_error_vms = {
    .name = "ide_bus/error", .version = 2, .min_version = 1, .needed = ide_error_needed,
    .fields = (const VmsField[]){
        VMS_INT32(IdeChannel, error_status), VMS_INT64_V(IdeChannel, retry_sector_num, 2),
        VMS_UINT32_V(IdeChannel, retry_nsector, 2), VMS_UINT8_V(IdeChannel, retry_unit, 2),
        VMS_END,
    },
};

static const VmsDesc ide_bus_vms = {
    .name = "ide_bus", .version = 1, .min_version = 1,
    .fields = (const VmsField[]){ VMS_UINT8(IdeChannel, cmd), VMS_UINT8(IdeChannel, unit), VMS_END },
    .subsections = (const VmsDesc *const[]){ &ide_bus_error_vms, NULL },
};

static const VmsDesc ide_drive_pio_vms = {
    .name = "ide_drive/pio_state", .version = 1, .min_version = 1, .needed = ide_drive_pio_needed,
    .fields = (const VmsField[]){
        VMS_INT32(IdeDrive, req_nb_sectors),
        VMSN_VARRAY_I32("io_buffer", IdeDrive, io_buffer, uint8_t, IDE_IO_BUFFER_LEN,
                        vms_info_uint8, io_buffer_total_len),
        VMS_INT32(IdeDrive, cur_io_buffer_offset), VMS_INT32(IdeDrive, cur_io_buffer_len),
        VMS_UINT8(IdeDrive, end_transfer_fn_idx), VMS_INT32(IdeDrive, elementary_transfer_size),
        VMS_INT32(IdeDrive, packet_transfer_size), VMS_END,
    },
};

static const VmsDesc ide_drive_tray_vms = {
    .name = "ide_drive/tray_state", .version = 1, .min_version = 1, .needed = ide_tray_needed,
    .fields = (const VmsField[]){ VMS_BOOL(IdeDrive, tray_open), VMS_BOOL(IdeDrive, tray_locked), VMS_END },
};

static const VmsDesc ide_drive_gesn_vms = {
    .name = "ide_drive/atapi/gesn_state", .version = 1, .min_version = 1, .needed = ide_gesn_needed,
    .fields = (const VmsField[]){
        VMSN_BOOL("events.new_media", IdeDrive, new_media),
        VMSN_BOOL("events.eject_request", IdeDrive, eject_request), VMS_END,
    },
};

static const VmsDesc ide_drive_vms = {
    .name = "ide_drive", .version = 3, .min_version = 0,
    .fields = (const VmsField[]){
        VMS_INT32(IdeDrive, mult_sectors), VMS_INT32(IdeDrive, identify_set),
        VMS_BUFFER_TEST(IdeDrive, identify_data, ide_identify_is_set),
        VMS_UINT8(IdeDrive, feature), VMS_UINT8(IdeDrive, error), VMS_UINT32(IdeDrive, nsector),
        VMS_UINT8(IdeDrive, sector), VMS_UINT8(IdeDrive, lcyl), VMS_UINT8(IdeDrive, hcyl),
        VMS_UINT8(IdeDrive, hob_feature), VMS_UINT8(IdeDrive, hob_sector),
        VMS_UINT8(IdeDrive, hob_nsector), VMS_UINT8(IdeDrive, hob_lcyl),
        VMS_UINT8(IdeDrive, hob_hcyl), VMS_UINT8(IdeDrive, select), VMS_UINT8(IdeDrive, status),
        VMS_UINT8(IdeDrive, lba48), VMS_UINT8(IdeDrive, sense_key), VMS_UINT8(IdeDrive, asc),
        VMS_UINT8_V(IdeDrive, cdrom_changed, 3), VMS_END,
    },
    .subsections = (const VmsDesc *const[]){ &ide_drive_pio_vms, &ide_drive_tray_vms,
                                             &ide_drive_gesn_vms, NULL },
};

const VmsDesc ide_vms = {      /* QEMU vmstate_ide_pci */
    .name = "ide", .version = 3, .min_version = 0,
    .pre_save = ide_pre_save, .post_save = ide_post_save,
    .pre_load = ide_pre_load, .post_load = ide_post_load,
    .fields = (const VmsField[]){
        VMSN_PCI_DEVICE("parent_obj", IdeState, dev),
        VMS_STRUCT_ARRAY(IdeState, bmdma, IdeBmdma, 2, &ide_bmdma_vms),
        VMS_STRUCT_ARRAY(IdeState, bus, IdeChannel, 2, &ide_bus_vms),
        VMSN_STRUCT_ARRAY("bus[0].ifs", IdeState, bus[0].ifs, IdeDrive, 2, &ide_drive_vms),
        VMSN_STRUCT_ARRAY("bus[1].ifs", IdeState, bus[1].ifs, IdeDrive, 2, &ide_drive_vms),
        VMS_END,
    },
};

static bool ide_bmdma_current_needed(void *opaque) { return ((IdeBmdma *)opaque)->cur_prd_len != 0; }
static bool ide_bmdma_status_needed(void *opaque)
{
    return (((IdeBmdma *)opaque)->status & BM_MIGRATION_COMPAT_STATUS_BITS) != 0;
}
static bool ide_error_needed(void *opaque) { return ((IdeChannel *)opaque)->error_status != 0; }
static bool ide_drive_pio_needed(void *opaque)
{
    IdeDrive *d = opaque;
    return (d->status & DRQ_STAT) || (d->bus->error_status & IDE_RETRY_PIO);
}
static bool ide_tray_needed(void *opaque)
{
    IdeDrive *d = opaque;
    return d->tray_open || d->tray_locked;
}
static bool ide_gesn_needed(void *opaque)
{
    IdeDrive *d = opaque;
    return d->new_media || d->eject_request;
}
static bool ide_identify_is_set(void *opaque, int version) { return ((IdeDrive *)opaque)->identify_set != 0; }

/* ---- helpers ---- */

static IdeDrive *active_if(IdeChannel *c) { return &c->ifs[c->unit]; }
static IdeBmdma *bmdma_of(IdeChannel *c) { return &c->ide->bmdma[c->index]; }
static bool bus_empty(const IdeChannel *c) { return !c->ifs[0].blk && !c->ifs[1].blk; }

static void ide_set_irq(IdeChannel *c)
{
    if (c->cmd & IDE_CTRL_DISABLE_IRQ)
        return;
    bmdma_of(c)->status |= BM_STATUS_INT;   /* QEMU's bmdma_irq sees every raise */
    irq_raise(&c->irq);
}

static void ide_clear_hob(IdeChannel *c) { c->cmd &= (uint8_t)~IDE_CTRL_HOB; }

static int64_t ide_get_sector(const IdeDrive *s)
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

static void ide_set_sector(IdeDrive *s, int64_t n)
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

static bool ide_sect_range_ok(const IdeDrive *s, int64_t sector, int64_t n)
{
    uint64_t total = (uint64_t)s->nb_sectors;
    return sector >= 0 && (uint64_t)sector <= total && (uint64_t)n <= total - (uint64_t)sector;
}

static void ide_set_retry(IdeDrive *s)
{
    s->bus->retry_unit = s->unit;
    s->bus->retry_sector_num = ide_get_sector(s);
    s->bus->retry_nsector = s->nsector;
}

static void ide_clear_retry(IdeDrive *s)
{
    s->bus->retry_unit = 0xff;      /* QEMU stores -1 in a uint8_t */
    s->bus->retry_sector_num = 0;
    s->bus->retry_nsector = 0;
}

static void ide_transfer_start(IdeDrive *s, uint32_t len, uint8_t end_fn)
{
    s->data_ptr = 0;
    s->data_end = len;
    ide_set_retry(s);
    if (!(s->status & ERR_STAT))
        s->status |= DRQ_STAT;
    s->end_fn = end_fn;
}

static void ide_transfer_halt(IdeDrive *s)
{
    s->end_fn = IDE_END_TRANSFER_STOP;
    s->data_ptr = s->data_end = 0;
    s->status &= (uint8_t)~DRQ_STAT;
}

static void ide_transfer_stop(IdeDrive *s) { ide_transfer_halt(s); }

static void ide_abort_command(IdeDrive *s)
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

static void ide_dummy_transfer_stop(IdeDrive *s)
{
    s->data_ptr = s->data_end = 0;
    memset(s->io_buffer, 0xff, 4);
}

static void ide_set_signature(IdeDrive *s)
{
    s->select &= (uint8_t)~ATA_DEV_HS;
    s->nsector = 1;
    s->sector = 1;
    s->lcyl = s->hcyl = s->blk ? 0x00 : 0xff;
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

static void put_word(uint8_t *p, int w, unsigned v) { put_le16(p + 2 * w, (uint16_t)v); }

/* ATA strings: space padded, the two bytes of each word swapped. */
static void padstr(uint8_t *dst, const char *src, int len)
{
    for (int i = 0; i < len; i++)
        dst[i ^ 1] = *src ? (uint8_t)*src++ : ' ';
}

/* IDENTIFY DEVICE as QEMU 7.2 answers for an IDE hard disk; built once (identify_set). */
static void ide_identify(IdeDrive *s)
{
    uint8_t *p = s->identify_data;
    if (!s->identify_set) {
        memset(p, 0, 512);
        put_word(p, 0, 0x0040);
        put_word(p, 1, s->cylinders);
        put_word(p, 3, s->heads);
        put_word(p, 4, 512 * s->sectors);
        put_word(p, 5, 512);
        put_word(p, 6, s->sectors);
        padstr(p + 20, s->serial, 20);
        put_word(p, 20, 3);
        put_word(p, 21, 512);
        put_word(p, 22, 4);
        padstr(p + 46, s->version, 8);
        padstr(p + 54, s->model, 40);
        put_word(p, 47, 0x8000 | IDE_MAX_MULT_SECTORS);
        put_word(p, 48, 1);
        put_word(p, 49, 1 << 11 | 1 << 9 | 1 << 8);
        put_word(p, 51, 0x200);
        put_word(p, 52, 0x200);
        put_word(p, 53, 1 | 1 << 1 | 1 << 2);
        put_word(p, 54, s->cylinders);
        put_word(p, 55, s->heads);
        put_word(p, 56, s->sectors);
        uint32_t oldsize = s->cylinders * s->heads * s->sectors;
        put_word(p, 57, oldsize);
        put_word(p, 58, oldsize >> 16);
        if (s->mult_sectors)
            put_word(p, 59, 0x100 | (unsigned)s->mult_sectors);
        put_word(p, 62, 0x07);
        put_word(p, 63, 0x07);
        put_word(p, 64, 0x03);
        for (int w = 65; w <= 68; w++)
            put_word(p, w, 120);
        put_word(p, 69, 1 << 14);            /* deterministic data after TRIM */
        put_word(p, 80, 0xf0);
        put_word(p, 81, 0x16);
        put_word(p, 82, 1 << 14 | 1 << 5 | 1);
        put_word(p, 83, 1 << 14 | 1 << 13 | 1 << 12 | 1 << 10);
        put_word(p, 84, 1 << 14);
        put_word(p, 85, s->write_cache ? (1 << 14 | 1 << 5 | 1) : (1 << 14 | 1));
        put_word(p, 86, 1 << 13 | 1 << 12 | 1 << 10);
        put_word(p, 87, 1 << 14);
        put_word(p, 88, 0x3f | 1 << 13);
        put_word(p, 93, 1 | 1 << 14 | 0x2000);
        put_word(p, 106, 0x6000);            /* 512-byte physical sectors */
        put_word(p, 169, 1);                 /* DATA SET MANAGEMENT: TRIM */
        int64_t lba28 = s->nb_sectors >= (1 << 28) ? (1 << 28) - 1 : s->nb_sectors;
        put_word(p, 60, (unsigned)lba28);
        put_word(p, 61, (unsigned)(lba28 >> 16));
        for (int i = 0; i < 4; i++)
            put_word(p, 100 + i, (unsigned)(s->nb_sectors >> (16 * i)));
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
    return r;
}

static void ide_sector_read(IdeDrive *s)
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

static void ide_sector_write(IdeDrive *s)
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

static void ide_end_transfer(IdeDrive *s)
{
    switch (s->end_fn) {
    case IDE_END_SECTOR_READ: ide_sector_read(s); break;
    case IDE_END_SECTOR_WRITE: ide_sector_write(s); break;
    case IDE_END_DUMMY_STOP: ide_dummy_transfer_stop(s); break;
    default: ide_transfer_stop(s); break;
    }
}

/* PIO out = device to host (QEMU's ide_is_pio_out). */
static bool ide_is_pio_out(const IdeDrive *s)
{
    return s->end_fn != IDE_END_SECTOR_WRITE && s->end_fn != IDE_END_ATAPI_CMD;
}

static void ide_flush_cache(IdeDrive *s)
{
    if (s->blk) {
        ide_set_retry(s);
        Err e = { 0 };
        if (blk_flush(s->blk, &e) < 0) {
            trace(TRACE_DEV, "ide: flush failed: %s", e.msg);
            ide_rw_error(s);
            return;
        }
    }
    s->status = READY_STAT | SEEK_STAT;
    ide_set_irq(s->bus);
}

/* ---- bus-master DMA ---- */

static void ide_set_inactive(IdeDrive *s, bool more)
{
    IdeBmdma *bm = bmdma_of(s->bus);
    ide_clear_retry(s);
    bm->dma_pending = false;
    if (more)
        bm->status |= BM_STATUS_DMAING;
    else
        bm->status &= (uint8_t)~BM_STATUS_DMAING;
}

static void ide_dma_error(IdeDrive *s)
{
    ide_abort_command(s);
    ide_set_inactive(s, false);
    ide_set_irq(s->bus);
}

typedef struct SgEntry { uint32_t addr, len; } SgEntry;

/* QEMU's bmdma_prepare_buf: walks PRDs (at most one page of them) for up to limit bytes;
 * returns the bytes gathered in sg; io_buffer_size gets all the bytes the PRDs described. */
static uint32_t ide_prepare_buf(IdeDrive *s, uint32_t limit, SgEntry *sg, int *nsg)
{
    IdeBmdma *bm = bmdma_of(s->bus);
    uint32_t size = 0;
    *nsg = 0;
    s->io_buffer_size = 0;
    for (;;) {
        if (bm->cur_prd_len == 0) {
            if (bm->cur_prd_last || bm->cur_addr - bm->addr >= BMDMA_PAGE_SIZE)
                return size;
            uint8_t prd[8];
            bus_mem_rw(s->bus->ide->mem, bm->cur_addr, prd, 8, false);
            bm->cur_addr += 8;
            uint32_t len = le32(prd + 4) & 0xfffe;
            bm->cur_prd_len = len ? len : 0x10000;
            bm->cur_prd_addr = le32(prd);
            bm->cur_prd_last = le32(prd + 4) & 0x80000000u;
        }
        uint32_t l = bm->cur_prd_len;
        uint32_t take = MIN(limit - size, l);
        if (take && *nsg < IDE_MAX_SG) {
            sg[(*nsg)++] = (SgEntry){ bm->cur_prd_addr, take };
            size += take;
        }
        bm->cur_prd_addr += l;
        bm->cur_prd_len = 0;
        s->io_buffer_size += (int32_t)l;
    }
}

/* Moves the gathered bytes between the disk (from sector on, as one byte run: PRD lengths
 * are even, not whole sectors) and guest memory. */
static int ide_dma_transfer(IdeDrive *s, int64_t sector, const SgEntry *sg, int nsg)
{
    IdeState *ide = s->bus->ide;
    bool to_disk = s->dma_cmd == IDE_DMA_WRITE;
    uint64_t off = (uint64_t)sector * 512;
    for (int i = 0; i < nsg; i++) {
        for (uint32_t done = 0; done < sg[i].len;) {
            uint32_t n = MIN(sg[i].len - done, IDE_DMA_BUF);
            Err e = { 0 };
            int r = 0;
            if (s->dma_cmd == IDE_DMA_TRIM) {
                /* ranges: le64 each, LBA in bits 0-47, count in 48-63. The block layer has
                 * no discard: the data stays, which IDENTIFY word 69 allows (deterministic) */
                bus_mem_rw(ide->mem, sg[i].addr + done, ide->dma_buf, n, false);
                for (uint32_t k = 0; k + 8 <= n; k += 8) {
                    uint64_t entry = le64(ide->dma_buf + k);
                    uint64_t count = entry >> 48;
                    if (count && !ide_sect_range_ok(s, (int64_t)(entry & 0xffffffffffffull), (int64_t)count))
                        return -EINVAL;
                }
            } else if (to_disk) {
                bus_mem_rw(ide->mem, sg[i].addr + done, ide->dma_buf, n, false);
                r = blk_pwrite(s->blk, off, ide->dma_buf, n, &e);
            } else {
                r = blk_pread(s->blk, off, ide->dma_buf, n, &e);
                if (r == 0)
                    bus_mem_rw(ide->mem, sg[i].addr + done, ide->dma_buf, n, true);
            }
            if (r < 0) {
                trace(TRACE_DEV, "ide: DMA %s error: %s", to_disk ? "write" : "read", e.msg);
                return r;
            }
            done += n;
            off += n;
        }
    }
    return 0;
}

/* QEMU's ide_dma_cb, run to the end: each round gathers PRDs for the remaining sectors,
 * moves them, and advances; the transfer ends when the count is done (interrupt) or the
 * PRDs run short (no interrupt, active bit cleared). */
static void ide_dma_run(IdeDrive *s)
{
    SgEntry *sg = xmalloc(sizeof(SgEntry) * IDE_MAX_SG);
    for (;;) {
        bool stay_active = false;
        uint32_t n;
        if ((int64_t)s->io_buffer_size > (int64_t)s->nsector * 512) {
            n = s->nsector;
            stay_active = true;
        } else {
            n = (uint32_t)s->io_buffer_size >> 9;
        }
        int64_t sector = ide_get_sector(s);
        if (n > 0) {
            ide_set_sector(s, sector + n);
            s->nsector -= n;
        }
        if (s->nsector == 0) {
            s->status = READY_STAT | SEEK_STAT;
            ide_set_irq(s->bus);
            ide_set_inactive(s, stay_active);
            break;
        }
        n = s->nsector;
        int nsg;
        uint32_t prep = ide_prepare_buf(s, n * 512, sg, &nsg);
        if (prep < n * 512) {
            s->status = READY_STAT | SEEK_STAT;
            ide_set_inactive(s, false);
            break;
        }
        sector = ide_get_sector(s);
        if ((s->dma_cmd != IDE_DMA_TRIM && !ide_sect_range_ok(s, sector, n)) ||
            !(pci_get_word(s->bus->ide->dev.config + PCI_COMMAND) & PCI_COMMAND_MASTER) ||
            ide_dma_transfer(s, sector, sg, nsg) < 0) {
            ide_dma_error(s);
            break;
        }
        /* the next round commits these n sectors (io_buffer_size covers them) */
    }
    free(sg);
}

static void ide_start_dma(IdeDrive *s)
{
    IdeBmdma *bm = bmdma_of(s->bus);
    ide_set_retry(s);
    bm->dma_pending = true;
    bm->cur_prd_last = 0;
    bm->cur_prd_addr = 0;
    bm->cur_prd_len = 0;
    if (bm->status & BM_STATUS_DMAING)
        ide_dma_run(s);
}

static void ide_sector_start_dma(IdeDrive *s, int dma_cmd)
{
    s->status = READY_STAT | SEEK_STAT | DRQ_STAT;
    s->io_buffer_size = 0;
    s->dma_cmd = dma_cmd;
    ide_start_dma(s);
}

/* ---- commands ---- */

typedef bool (*IdeCmdFn)(IdeDrive *s, uint8_t cmd);  /* true: done, set DSC/raise IRQ */

static bool cmd_nop(IdeDrive *s, uint8_t cmd) { return true; }

static bool cmd_read_pio(IdeDrive *s, uint8_t cmd)
{
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

static bool cmd_exec_dev_diagnostic(IdeDrive *s, uint8_t cmd)
{
    ide_set_signature(s);
    s->status = READY_STAT | SEEK_STAT;
    s->error = 0x01;             /* device 0 passed, device 1 passed or absent */
    ide_set_irq(s->bus);
    return false;
}

static bool cmd_flush_cache(IdeDrive *s, uint8_t cmd)
{
    ide_flush_cache(s);
    return false;
}

static bool cmd_identify(IdeDrive *s, uint8_t cmd)
{
    if (!s->blk) {
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
        put_word(id, 85, 1 << 14 | 1 << 5 | 1);
        return true;
    case 0x82:                   /* write cache off: flush */
        s->write_cache = false;
        put_word(id, 85, 1 << 14 | 1);
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
        put_word(id, 62, w62);
        put_word(id, 63, w63);
        put_word(id, 88, w88);
        return true;
    }
    default:
        ide_abort_command(s);
        return true;
    }
}

static bool cmd_wear_level(IdeDrive *s, uint8_t cmd)
{
    s->nsector = 0;              /* 0xF5, SECURITY FREEZE LOCK for a disk */
    return true;
}

enum { SET_DSC = 1 };
static const struct { IdeCmdFn fn; uint8_t flags; } ide_cmd_table[256] = {
    [0x06] = { cmd_data_set_management, 0 },
    [0x10] = { cmd_nop, SET_DSC },                 /* RECALIBRATE */
    [0x20] = { cmd_read_pio, 0 }, [0x21] = { cmd_read_pio, 0 }, [0x24] = { cmd_read_pio, 0 },
    [0x25] = { cmd_read_dma, 0 },
    [0x27] = { cmd_read_native_max, SET_DSC },
    [0x29] = { cmd_read_multiple, 0 },
    [0x30] = { cmd_write_pio, 0 }, [0x31] = { cmd_write_pio, 0 }, [0x34] = { cmd_write_pio, 0 },
    [0x35] = { cmd_write_dma, 0 },
    [0x39] = { cmd_write_multiple, 0 },
    [0x3c] = { cmd_write_pio, 0 },                 /* WRITE VERIFY */
    [0x40] = { cmd_verify, SET_DSC }, [0x41] = { cmd_verify, SET_DSC },
    [0x42] = { cmd_verify, SET_DSC },
    [0x70] = { cmd_nop, SET_DSC },                 /* SEEK */
    [0x90] = { cmd_exec_dev_diagnostic, 0 },
    [0x91] = { cmd_specify, SET_DSC },             /* INITIALIZE DEVICE PARAMETERS */
    [0x94] = { cmd_nop, 0 }, [0x95] = { cmd_nop, 0 }, [0x96] = { cmd_nop, 0 },
    [0x97] = { cmd_nop, 0 }, [0x98] = { cmd_check_power_mode, SET_DSC }, [0x99] = { cmd_nop, 0 },
    [0xc4] = { cmd_read_multiple, 0 }, [0xc5] = { cmd_write_multiple, 0 },
    [0xc6] = { cmd_set_multiple_mode, SET_DSC },
    [0xc8] = { cmd_read_dma, 0 }, [0xc9] = { cmd_read_dma, 0 },
    [0xca] = { cmd_write_dma, 0 }, [0xcb] = { cmd_write_dma, 0 },
    [0xe0] = { cmd_nop, 0 }, [0xe1] = { cmd_nop, 0 }, [0xe2] = { cmd_nop, 0 },
    [0xe3] = { cmd_nop, 0 }, [0xe5] = { cmd_check_power_mode, SET_DSC }, [0xe6] = { cmd_nop, 0 },
    [0xe7] = { cmd_flush_cache, 0 }, [0xea] = { cmd_flush_cache, 0 },
    [0xec] = { cmd_identify, 0 },
    [0xef] = { cmd_set_features, SET_DSC },
    [0xf5] = { cmd_wear_level, SET_DSC },
    [0xf8] = { cmd_read_native_max, SET_DSC },
};

static void ide_exec_cmd(IdeChannel *c, uint8_t cmd)
{
    IdeDrive *s = active_if(c);
    if (s != &c->ifs[0] && !s->blk)
        return;                  /* no slave: nobody answers */
    if (s->status & (BUSY_STAT | DRQ_STAT))
        return;                  /* only DEVICE RESET (ATAPI) is allowed now */
    if (!ide_cmd_table[cmd].fn) {
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

/* ---- reset ---- */

static void ide_drive_reset(IdeDrive *s)
{
    if (s->reset_reverts) {
        s->reset_reverts = false;
        s->heads = s->drive_heads;
        s->sectors = s->drive_sectors;
    }
    s->mult_sectors = IDE_MAX_MULT_SECTORS;
    s->feature = s->error = 0;
    s->nsector = 0;
    s->sector = s->lcyl = s->hcyl = 0;
    s->hob_feature = s->hob_sector = s->hob_nsector = s->hob_lcyl = s->hob_hcyl = 0;
    s->select = ATA_DEV_ALWAYS_ON;
    s->status = READY_STAT | SEEK_STAT;
    s->lba48 = 0;
    s->sense_key = s->asc = s->cdrom_changed = 0;
    s->packet_transfer_size = s->elementary_transfer_size = 0;
    s->tray_open = s->tray_locked = false;
    s->io_buffer_size = 0;
    s->req_nb_sectors = 0;
    ide_set_signature(s);
    s->end_fn = IDE_END_DUMMY_STOP;
    ide_dummy_transfer_stop(s);
}

static void ide_perform_srst(IdeDrive *s)
{
    s->status |= BUSY_STAT;
    ide_transfer_halt(s);
    ide_drive_reset(s);
    ide_set_signature(s);        /* then EXECUTE DEVICE DIAGNOSTIC's result */
    s->status = READY_STAT | SEEK_STAT;
    s->error = 0x01;
    ide_set_irq(s->bus);
}

static void ide_bmdma_reset(IdeBmdma *bm)
{
    bm->dma_pending = false;
    bm->cmd = 0;
    bm->status = 0;
    bm->addr = 0;
    bm->cur_addr = bm->cur_prd_last = bm->cur_prd_addr = bm->cur_prd_len = 0;
}

void ide_reset(IdeState *s)
{
    for (int i = 0; i < 2; i++) {
        IdeChannel *c = &s->bus[i];
        c->unit = 0;
        c->cmd = 0;
        ide_drive_reset(&c->ifs[0]);
        ide_drive_reset(&c->ifs[1]);
        ide_bmdma_reset(&s->bmdma[i]);
    }
    uint8_t *cfg = s->dev.config;
    pci_set_word(cfg + PCI_COMMAND, 0);
    pci_set_word(cfg + PCI_STATUS, PCI_STATUS_DEVSEL_MEDIUM | PCI_STATUS_FAST_BACK);
    cfg[0x20] = 0x01;            /* BMIBA: I/O BAR */
    pci_dev_reset(&s->dev);
}

/* ---- I/O handlers ---- */

static uint32_t ide_ioport_read(void *opaque, uint32_t off, unsigned size)
{
    IdeChannel *c = opaque;
    IdeDrive *s = active_if(c);
    bool hob = c->cmd & IDE_CTRL_HOB, empty = bus_empty(c);
    switch (off) {
    case 0: return 0xff;         /* byte read of the data port */
    case 1: return empty || (s != &c->ifs[0] && !s->blk) ? 0 : hob ? s->hob_feature : s->error;
    case 2: return empty ? 0 : hob ? s->hob_nsector : (s->nsector & 0xff);
    case 3: return empty ? 0 : hob ? s->hob_sector : s->sector;
    case 4: return empty ? 0 : hob ? s->hob_lcyl : s->lcyl;
    case 5: return empty ? 0 : hob ? s->hob_hcyl : s->hcyl;
    case 6: return empty ? 0 : s->select;
    default: {
        uint32_t v = empty || (s != &c->ifs[0] && !s->blk) ? 0 : s->status;
        irq_lower(&c->irq);
        return v;
    }
    }
}

static void ide_ioport_write(void *opaque, uint32_t off, uint32_t val, unsigned size)
{
    IdeChannel *c = opaque;
    IdeDrive *s = active_if(c);
    if (off != 7 && (s->status & (BUSY_STAT | DRQ_STAT)))
        return;                  /* task file is locked while busy */
    uint8_t v = (uint8_t)val;
    for (int i = 0; i < 2 && off >= 1 && off <= 6; i++) {
        IdeDrive *d = &c->ifs[i];
        switch (off) {
        case 1: d->hob_feature = d->feature; d->feature = v; break;
        case 2: d->hob_nsector = (uint8_t)d->nsector; d->nsector = v; break;
        case 3: d->hob_sector = d->sector; d->sector = v; break;
        case 4: d->hob_lcyl = d->lcyl; d->lcyl = v; break;
        case 5: d->hob_hcyl = d->hcyl; d->hcyl = v; break;
        case 6: d->select = v | ATA_DEV_ALWAYS_ON; break;
        }
    }
    if (off >= 1)
        ide_clear_hob(c);
    if (off == 6)
        c->unit = (v & ATA_DEV_SELECT) ? 1 : 0;
    if (off == 7) {
        irq_lower(&c->irq);
        ide_exec_cmd(c, v);
    }
}

static uint32_t ide_data_read(void *opaque, uint32_t off, unsigned size)
{
    IdeChannel *c = opaque;
    IdeDrive *s = active_if(c);
    if (size == 1)
        return ide_ioport_read(opaque, off, size);
    if (!(s->status & DRQ_STAT) || !ide_is_pio_out(s) || s->data_ptr + size > s->data_end)
        return 0;
    uint32_t v = size == 2 ? le16(s->io_buffer + s->data_ptr) : le32(s->io_buffer + s->data_ptr);
    s->data_ptr += size;
    if (s->data_ptr >= s->data_end) {
        s->status &= (uint8_t)~DRQ_STAT;
        ide_end_transfer(s);
    }
    return v;
}

static void ide_data_write(void *opaque, uint32_t off, uint32_t val, unsigned size)
{
    IdeChannel *c = opaque;
    IdeDrive *s = active_if(c);
    if (size == 1) {
        ide_ioport_write(opaque, off, val, size);
        return;
    }
    if (!(s->status & DRQ_STAT) || ide_is_pio_out(s) || s->data_ptr + size > s->data_end)
        return;
    if (size == 2)
        put_le16(s->io_buffer + s->data_ptr, (uint16_t)val);
    else
        put_le32(s->io_buffer + s->data_ptr, val);
    s->data_ptr += size;
    if (s->data_ptr >= s->data_end) {
        s->status &= (uint8_t)~DRQ_STAT;
        ide_end_transfer(s);
    }
}

static uint32_t ide_regs_read(void *opaque, uint32_t off, unsigned size)
{
    return ide_ioport_read(opaque, off + 1, size);
}

static void ide_regs_write(void *opaque, uint32_t off, uint32_t val, unsigned size)
{
    ide_ioport_write(opaque, off + 1, val, size);
}

/* Alternate status (no interrupt acknowledge) and device control. */
static uint32_t ide_status_read(void *opaque, uint32_t off, unsigned size)
{
    IdeChannel *c = opaque;
    IdeDrive *s = active_if(c);
    return bus_empty(c) || (s != &c->ifs[0] && !s->blk) ? 0 : s->status;
}

static void ide_ctrl_write(void *opaque, uint32_t off, uint32_t val, unsigned size)
{
    IdeChannel *c = opaque;
    bool srst = !(c->cmd & IDE_CTRL_RESET) && (val & IDE_CTRL_RESET);
    c->cmd = (uint8_t)val;
    if (srst) {
        /* QEMU runs the reset from a bottom half right after this write; here at once */
        for (int i = 0; i < 2; i++)
            ide_perform_srst(&c->ifs[i]);
        c->cmd &= (uint8_t)~IDE_CTRL_RESET;
    }
}

/* BAR4: per channel 8 bytes: command (+0), status (+2), PRD address (+4..+7). */
static uint32_t ide_bmdma_read(void *opaque, uint32_t off, unsigned size)
{
    IdeState *s = opaque;
    IdeBmdma *bm = &s->bmdma[(off >> 3) & 1];
    uint32_t reg = off & 7;
    if (reg >= 4) {
        uint32_t shift = (reg - 4) * 8;
        uint32_t mask = size >= 4 ? 0xffffffffu : (1u << (size * 8)) - 1;
        return (uint32_t)((uint64_t)bm->addr >> shift) & mask;
    }
    if (size != 1)
        return size >= 4 ? 0xffffffffu : (1u << (size * 8)) - 1;
    switch (reg) {
    case 0: return bm->cmd;
    case 2: return bm->status;
    default: return 0xff;
    }
}

static void ide_bmdma_cmd_write(IdeState *s, int ch, uint8_t val)
{
    IdeBmdma *bm = &s->bmdma[ch];
    if (!(val & BM_CMD_START)) {
        bm->status &= (uint8_t)~BM_STATUS_DMAING;   /* transfers already completed */
    } else {
        bm->cur_addr = bm->addr;
        if (!(bm->status & BM_STATUS_DMAING)) {
            bm->status |= BM_STATUS_DMAING;
            if (bm->dma_pending)
                ide_dma_run(active_if(&s->bus[ch]));
        }
    }
    bm->cmd = val & 0x09;
}

static void ide_bmdma_write(void *opaque, uint32_t off, uint32_t val, unsigned size)
{
    IdeState *s = opaque;
    int ch = (off >> 3) & 1;
    IdeBmdma *bm = &s->bmdma[ch];
    uint32_t reg = off & 7;
    if (reg >= 4) {
        uint32_t shift = (reg - 4) * 8;
        uint64_t mask = (size >= 4 ? 0xffffffffull : (1ull << (size * 8)) - 1) << shift;
        uint64_t a = (bm->addr & ~mask) | (((uint64_t)val << shift) & mask & ~3ull);
        bm->addr = (uint32_t)a;
        return;
    }
    if (size != 1)
        return;
    if (reg == 0)
        ide_bmdma_cmd_write(s, ch, (uint8_t)val);
    else if (reg == 2)
        bm->status = (uint8_t)((val & 0x60) | (bm->status & BM_STATUS_DMAING) |
                               (bm->status & ~val & 0x06));
}

/* ---- save/load hooks ---- */

static int ide_dma_cmd_to_retry(int dma_cmd)
{
    switch (dma_cmd) {
    case IDE_DMA_READ: return IDE_RETRY_DMA | IDE_RETRY_READ;
    case IDE_DMA_WRITE: return IDE_RETRY_DMA;
    default: return IDE_RETRY_DMA | IDE_RETRY_TRIM;
    }
}

/* QEMU's ide_bmdma_pre_save and ide_drive_pio_pre_save: a DMA command that waits for its
 * start bit travels as a retry request; the PIO window as offsets. */
static int ide_pre_save(void *opaque, Err *err)
{
    IdeState *s = opaque;
    for (int i = 0; i < 2; i++) {
        IdeBmdma *bm = &s->bmdma[i];
        IdeChannel *c = &s->bus[i];
        c->saved_error_status = c->error_status;
        if (!(bm->status & BM_STATUS_DMAING) && bm->dma_pending)
            c->error_status = ide_dma_cmd_to_retry(active_if(c)->dma_cmd);
        bm->migration_retry_unit = c->retry_unit;
        bm->migration_retry_sector_num = c->retry_sector_num;
        bm->migration_retry_nsector = c->retry_nsector;
        bm->migration_compat_status = (uint8_t)((bm->status & ~BM_MIGRATION_COMPAT_STATUS_BITS) |
                                                (c->error_status & BM_MIGRATION_COMPAT_STATUS_BITS));
        for (int u = 0; u < 2; u++) {
            IdeDrive *d = &c->ifs[u];
            d->cur_io_buffer_offset = (int32_t)d->data_ptr;
            d->cur_io_buffer_len = (int32_t)(d->data_end - d->data_ptr);
            d->end_transfer_fn_idx = d->end_fn;
        }
    }
    return 0;
}

static void ide_post_save(void *opaque)
{
    IdeState *s = opaque;
    for (int i = 0; i < 2; i++)
        s->bus[i].error_status = s->bus[i].saved_error_status;
}

static int ide_pre_load(void *opaque, Err *err)
{
    IdeState *s = opaque;
    for (int i = 0; i < 2; i++) {
        s->bmdma[i].status = 0;
        s->bus[i].error_status = 0;
        for (int u = 0; u < 2; u++)
            s->bus[i].ifs[u].end_transfer_fn_idx = 0xff;   /* pio_state not seen yet */
    }
    return 0;
}

static int ide_post_load(void *opaque, int version, Err *err)
{
    IdeState *s = opaque;
    for (int i = 0; i < 2; i++) {
        IdeBmdma *bm = &s->bmdma[i];
        IdeChannel *c = &s->bus[i];
        if (c->unit > 1)
            return ERR(err, -EINVAL, "ide: bus %d selects unit %u", i, c->unit);
        if (bm->cur_prd_len > 0x10000)
            return ERR(err, -EINVAL, "ide: bmdma %d: PRD length %#x", i, bm->cur_prd_len);
        if (bm->status == 0) {
            bm->status = bm->migration_compat_status & (uint8_t)~BM_MIGRATION_COMPAT_STATUS_BITS;
            c->error_status |= bm->migration_compat_status & BM_MIGRATION_COMPAT_STATUS_BITS;
        }
        if (c->error_status & ~(IDE_RETRY_MASK | IDE_RETRY_HBA))
            return ERR(err, -EINVAL, "ide: bus %d error status %#x", i, c->error_status);
        /* QEMU copies these only when a retry is pending; pcemu always does, so that a
         * save after a load writes the same bytes (they are used only with error_status;
         * the unit is range-checked where it is used). */
        c->retry_sector_num = bm->migration_retry_sector_num;
        c->retry_nsector = bm->migration_retry_nsector;
        c->retry_unit = bm->migration_retry_unit;
        bm->dma_pending = false;
        for (int u = 0; u < 2; u++) {
            IdeDrive *d = &c->ifs[u];
            if (d->mult_sectors < 0 || d->mult_sectors > IDE_MAX_MULT_SECTORS)
                return ERR(err, -EINVAL, "ide: drive %d.%d mult_sectors %d", i, u, d->mult_sectors);
            if (d->end_transfer_fn_idx == 0xff)
                continue;        /* no pio_state: the data window stays as reset left it */
            int32_t off = d->cur_io_buffer_offset, len = d->cur_io_buffer_len;
            if (d->end_transfer_fn_idx >= IDE_END_COUNT)
                return ERR(err, -EINVAL, "ide: drive %d.%d end_transfer_fn_idx %u", i, u,
                           d->end_transfer_fn_idx);
            if (d->end_transfer_fn_idx == IDE_END_ATAPI_REPLY ||
                d->end_transfer_fn_idx == IDE_END_ATAPI_CMD)
                return ERR(err, -ENOTSUP, "ide: drive %d.%d is in an ATAPI transfer (no CD-ROM here)",
                           i, u);
            if (off < 0 || len < 0 || off > IDE_IO_BUFFER_LEN || len > IDE_IO_BUFFER_LEN - off)
                return ERR(err, -EINVAL, "ide: drive %d.%d PIO window %d+%d outside the buffer",
                           i, u, off, len);
            if (d->req_nb_sectors < 0 || d->req_nb_sectors > 256)
                return ERR(err, -EINVAL, "ide: drive %d.%d req_nb_sectors %d", i, u, d->req_nb_sectors);
            d->data_ptr = (uint32_t)off;
            d->data_end = (uint32_t)(off + len);
            d->end_fn = d->end_transfer_fn_idx;
        }
    }
    return 0;
}

void ide_resume(IdeState *s)
{
    for (int i = 0; i < 2; i++) {
        IdeChannel *c = &s->bus[i];
        int st = c->error_status;
        if (!st)
            continue;
        IdeDrive *d = active_if(c);
        c->error_status = 0;
        if (st & IDE_RETRY_DMA) {
            if (c->retry_unit <= 1)
                c->unit = c->retry_unit;
            d = active_if(c);
            ide_set_sector(d, c->retry_sector_num);
            d->nsector = c->retry_nsector;
            s->bmdma[i].cur_addr = s->bmdma[i].addr;
            d->io_buffer_size = 0;
            d->dma_cmd = (st & IDE_RETRY_TRIM) ? IDE_DMA_TRIM
                       : (st & IDE_RETRY_READ) ? IDE_DMA_READ : IDE_DMA_WRITE;
            if (d->dma_cmd == IDE_DMA_TRIM || !d->blk)
                ide_dma_error(d);
            else
                ide_start_dma(d);
        } else if (st & IDE_RETRY_PIO) {
            if (!d->blk)
                continue;
            if (st & IDE_RETRY_READ)
                ide_sector_read(d);
            else
                ide_sector_write(d);
        } else if (st & IDE_RETRY_FLUSH) {
            ide_flush_cache(d);
        }
    }
}

/* ---- geometry (QEMU hw/block/hd-geometry.c) ---- */

static void guess_chs_for_size(IdeDrive *s)
{
    int64_t cyls = s->nb_sectors / (16 * 63);
    s->cylinders = (uint32_t)(cyls > 16383 ? 16383 : cyls < 2 ? 2 : cyls);
    s->heads = 16;
    s->sectors = 63;
}

/* A partition table whose partitions end on cylinder boundaries tells the geometry the
 * disk was partitioned with (QEMU's guess_disk_lchs). Returns false without a usable one. */
static bool guess_disk_lchs(IdeDrive *s, uint32_t *c, uint32_t *h, uint32_t *sec)
{
    uint8_t mbr[512];
    Err e = { 0 };
    if (s->nb_sectors < 1 || blk_pread(s->blk, 0, mbr, 512, &e) < 0)
        return false;
    if (mbr[510] != 0x55 || mbr[511] != 0xaa)
        return false;
    for (int i = 0; i < 4; i++) {
        const uint8_t *p = mbr + 0x1be + 16 * i;
        uint32_t nr_sects = le32(p + 12);
        uint8_t end_head = p[5], end_sector = p[6] & 63;
        if (!nr_sects || !end_head || !end_sector)
            continue;
        int64_t cyls = s->nb_sectors / ((end_head + 1) * end_sector);
        if (cyls < 1 || cyls > 16383)
            continue;
        *h = end_head + 1u;
        *sec = end_sector;
        *c = (uint32_t)cyls;
        return true;
    }
    return false;
}

static void ide_drive_geometry(IdeDrive *s)
{
    uint32_t c, h, sec;
    if (!guess_disk_lchs(s, &c, &h, &sec)) {
        guess_chs_for_size(s);
        s->chs_trans = (s->cylinders <= 1024 && s->heads <= 16 && s->sectors <= 63) ? 0
                     : (s->cylinders * s->heads <= 131072) ? 2 : 1;
    } else if (h > 16) {
        guess_chs_for_size(s);
        s->chs_trans = s->cylinders * s->heads <= 131072 ? 2 : 1;
    } else {
        s->cylinders = c;
        s->heads = h;
        s->sectors = sec;
        s->chs_trans = 0;
    }
    s->drive_heads = s->heads;
    s->drive_sectors = s->sectors;
}

int ide_get_geometry(const IdeState *s, int index, uint32_t *cyls, uint32_t *heads,
                     uint32_t *secs, int *trans)
{
    if (index < 0 || index > 3)
        return -ENOENT;
    const IdeDrive *d = &s->bus[index / 2].ifs[index % 2];
    if (!d->blk)
        return -ENOENT;
    *cyls = d->cylinders;
    *heads = d->drive_heads;
    *secs = d->drive_sectors;
    *trans = d->chs_trans;
    return 0;
}

/* ---- init ---- */

IdeState *ide_init(PciBus *pb, Bus *io, Bus *mem, BlockDev *const drives[4],
                   const IrqLine *irq14, const IrqLine *irq15)
{
    static const uint16_t base[2] = { 0x1f0, 0x170 }, ctl[2] = { 0x3f6, 0x376 };
    IdeState *s = xzalloc(sizeof *s);
    pci_dev_init(&s->dev, pb, PCI_DEVFN(1, 1), "ide", 0x8086, 0x7010, 0x00, 0x010180);
    s->mem = mem;
    s->dma_buf = xmalloc(IDE_DMA_BUF);
    for (int i = 0; i < 2; i++) {
        IdeChannel *c = &s->bus[i];
        c->ide = s;
        c->index = i;
        const IrqLine *l = i ? irq15 : irq14;
        c->irq = l ? *l : (IrqLine){ 0 };
        for (int u = 0; u < 2; u++) {
            IdeDrive *d = &c->ifs[u];
            d->bus = c;
            d->unit = (uint8_t)u;
            d->io_buffer_total_len = IDE_IO_BUFFER_LEN;
            d->write_cache = true;
            d->blk = drives ? drives[2 * i + u] : NULL;
            /* QEMU numbers its drive positions 1..4 in this order: serial QM0000n */
            snprintf(d->serial, sizeof d->serial, "QM%05d", 2 * i + u + 1);
            snprintf(d->model, sizeof d->model, "QEMU HARDDISK");
            snprintf(d->version, sizeof d->version, "2.5+");
            if (d->blk) {
                d->nb_sectors = (int64_t)(blk_size(d->blk) / 512);
                ide_drive_geometry(d);
            }
        }
        bus_map_io(io, base[i], 1, c, ide_data_read, ide_data_write, IO_SIZE_ALL);
        bus_map_io(io, (uint16_t)(base[i] + 1), 7, c, ide_regs_read, ide_regs_write, IO_SIZE8);
        bus_map_io(io, ctl[i], 1, c, ide_status_read, ide_ctrl_write, IO_SIZE8);
    }
    pci_register_bar_io(&s->dev, 4, 16, s, ide_bmdma_read, ide_bmdma_write, IO_SIZE_ALL);
    ide_reset(s);
    return s;
}

void ide_free(IdeState *s)
{
    if (!s)
        return;
    free(s->dma_buf);
    free(s);
}
