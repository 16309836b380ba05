/* ide.c: PIIX3 IDE (82371SB function 1) with ATA hard disks and ATAPI CD-ROM drives on
 * block/block.h devices.
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
 * Not emulated: CompactFlash, SMART (those commands abort), discarding
 * on TRIM (the ranges are checked, the data stays), the
 * rerror/werror "stop" policies (an I/O error is reported to the guest as ABRT), the win2k
 * install hack. XXX: with bus mastering disabled in the PCI command register a DMA command
 * aborts; QEMU's DMA then fails to map guest memory.
 *
 * The files: ide.c (this: reset, the task-file ports, init), ata.c (the ATA command set,
 * PIO sectors, IDENTIFY), atapi.c (the CD-ROM's packet commands), bmdma.c (bus-master DMA
 * and BAR4), vms.c (the saved section, its hooks, the geometry); ide-int.h is what they
 * share. */
#include "emu/dev/ide/ide-int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- reset ---- */

void ide_drive_reset(IdeDrive *s)
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
    s->io_buffer_index = s->cd_sector_size = 0;
    s->atapi_dma = false;
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
    ide_exec_dev_diagnostic(s);  /* its result is the reset's */
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

/* ---- init ---- */

IdeState *ide_init(PciBus *pb, Bus *io, Bus *mem, BlockDev *const drives[4], unsigned cd_mask,
                   const IrqLine *irq14, const IrqLine *irq15)
{
    static const uint16_t base[2] = { 0x1f0, 0x170 }, ctl[2] = { 0x3f6, 0x376 };
    IdeState *s = xzalloc(sizeof *s);
    pci_dev_init(&s->dev, pb, PCI_DEVFN(1, 1), "piix3-ide", 0x8086, 0x7010, 0x00, 0x010180);
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
            d->is_cd = d->blk && (cd_mask >> (2 * i + u) & 1);
            /* QEMU numbers its drive positions 1..4 in this order: serial QM0000n */
            snprintf(d->serial, sizeof d->serial, "QM%05d", 2 * i + u + 1);
            snprintf(d->model, sizeof d->model, d->is_cd ? "QEMU DVD-ROM" : "QEMU HARDDISK");
            snprintf(d->version, sizeof d->version, "2.5+");
            if (d->blk)
                d->nb_sectors = (int64_t)(blk_size(d->blk) / 512);
            if (d->blk && !d->is_cd)
                ide_drive_geometry(d);
        }
        bus_map_io(io, base[i], 1, c, ide_data_read, ide_data_write, IO_SIZE_ALL);
        bus_map_io(io, (uint16_t)(base[i] + 1), 7, c, ide_regs_read, ide_regs_write, IO_SIZE8);
        bus_map_io(io, ctl[i], 1, c, ide_status_read, ide_ctrl_write, IO_SIZE8);
        bus_name_io(io, "ide", base[i], 8, 0);   /* QEMU: data and registers are one region */
        bus_name_io(io, "ide", ctl[i], 1, 0);
    }
    pci_register_bar_io(&s->dev, 4, 16, s, ide_bmdma_read, ide_bmdma_write, IO_SIZE_ALL);
    /* QEMU's bmdma_init_ops: per channel its extra registers and its address register */
    Mtree *t = bus_mtree(io);
    MtreeRegion *bar = mtree_region(t, "piix-bmdma-container", MTREE_CONTAINER, 15);
    for (unsigned i = 0; i < 2; i++) {
        mtree_add(bar, mtree_region(t, "piix-bmdma", MTREE_IO, 3), 8 * i, 0);
        mtree_add(bar, mtree_region(t, "bmdma", MTREE_IO, 3), 8 * i + 4, 0);
    }
    s->dev.bars[4].region = bar;
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
