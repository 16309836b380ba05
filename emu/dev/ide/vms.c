/* vms.c: the saved IDE section, QEMU 7.2's "ide" (vmstate_ide_pci), its save/load hooks,
 * and the disk geometry (QEMU hw/block/hd-geometry.c). */
#include "emu/dev/ide/ide-int.h"

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

/* ---- save/load hooks ---- */

static int ide_dma_cmd_to_retry(int dma_cmd)
{
    switch (dma_cmd) {
    case IDE_DMA_READ: return IDE_RETRY_DMA | IDE_RETRY_READ;
    case IDE_DMA_WRITE: return IDE_RETRY_DMA;
    case IDE_DMA_ATAPI: return IDE_RETRY_ATAPI;
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
            if (d->cdrom_changed > 2)
                return ERR(err, -EINVAL, "ide: drive %d.%d cdrom_changed %u", i, u, d->cdrom_changed);
            if (d->end_transfer_fn_idx == 0xff)
                continue;        /* no pio_state: the data window stays as reset left it */
            int32_t off = d->cur_io_buffer_offset, len = d->cur_io_buffer_len;
            if (d->end_transfer_fn_idx >= IDE_END_COUNT)
                return ERR(err, -EINVAL, "ide: drive %d.%d end_transfer_fn_idx %u", i, u,
                           d->end_transfer_fn_idx);
            if ((d->end_transfer_fn_idx == IDE_END_ATAPI_REPLY ||
                 d->end_transfer_fn_idx == IDE_END_ATAPI_CMD) && !d->is_cd)
                return ERR(err, -EINVAL, "ide: drive %d.%d is in an ATAPI transfer but is no CD-ROM",
                           i, u);
            if (off < 0 || len < 0 || off > IDE_IO_BUFFER_LEN || len > IDE_IO_BUFFER_LEN - off)
                return ERR(err, -EINVAL, "ide: drive %d.%d PIO window %d+%d outside the buffer",
                           i, u, off, len);
            if (d->req_nb_sectors < 0 || d->req_nb_sectors > 256)
                return ERR(err, -EINVAL, "ide: drive %d.%d req_nb_sectors %d", i, u, d->req_nb_sectors);
            d->data_ptr = (uint32_t)off;
            d->data_end = (uint32_t)(off + len);
            d->end_fn = d->end_transfer_fn_idx;
            d->atapi_dma = d->feature & 1;   /* as cmd_packet set it */
            if (d->atapi_dma && d->is_cd)
                d->dma_cmd = IDE_DMA_ATAPI;
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
        } else if ((st & IDE_RETRY_MASK) == IDE_RETRY_ATAPI) {
            /* the packet waited for the start bit: run it again from io_buffer, as QEMU
             * (which holds the CDB for a READ, the reply for the others) */
            s->bmdma[i].cur_addr = s->bmdma[i].addr;
            if (d->is_cd && d->end_fn == IDE_END_ATAPI_CMD)
                ide_atapi_cmd(d);
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

void ide_drive_geometry(IdeDrive *s)
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
    if (!d->blk || d->is_cd)
        return -ENOENT;
    *cyls = d->cylinders;
    *heads = d->drive_heads;
    *secs = d->drive_sectors;
    *trans = d->chs_trans;
    return 0;
}

int ide_get_stats(const IdeState *s, int index, IdeStats *out)
{
    if (index < 0 || index > 3 || !drive_present(&s->bus[index / 2].ifs[index % 2]))
        return -ENOENT;
    *out = s->bus[index / 2].ifs[index % 2].stats;
    return 0;
}
