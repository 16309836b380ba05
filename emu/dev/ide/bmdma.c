/* bmdma.c: PIIX3 bus-master IDE DMA (82371SB datasheet 2.7): PRD walks, transfers between
 * the disk and guest memory, and the BAR4 registers. */
#include "emu/dev/ide/ide-int.h"

#include <stdlib.h>

/* ---- bus-master DMA ---- */

void ide_set_inactive(IdeDrive *s, bool more)
{
    IdeBmdma *bm = bmdma_of(s->bus);
    ide_clear_retry(s);
    bm->dma_pending = false;
    if (more)
        bm->status |= BM_STATUS_DMAING;
    else
        bm->status &= (uint8_t)~BM_STATUS_DMAING;
}

void ide_dma_error(IdeDrive *s)
{
    ide_abort_command(s);
    ide_set_inactive(s, false);
    ide_set_irq(s->bus);
}

typedef struct SgEntry { uint32_t addr, len; } SgEntry;

/* Loads the next PRD of the table into cur_prd_*; false at the end of the table (the last
 * PRD was used, or a page of them, QEMU's fail safe). A length of 0 means 64 KiB. */
static bool ide_next_prd(IdeDrive *s, IdeBmdma *bm)
{
    if (bm->cur_prd_last || bm->cur_addr - bm->addr >= BMDMA_PAGE_SIZE)
        return false;
    uint8_t prd[8];
    bus_mem_rw(s->bus->ide->mem, bm->cur_addr, prd, 8, false);
    bm->cur_addr += 8;
    uint32_t len = le32(prd + 4) & 0xfffe;
    bm->cur_prd_len = len ? len : 0x10000;
    bm->cur_prd_addr = le32(prd);
    bm->cur_prd_last = le32(prd + 4) & 0x80000000u;
    return true;
}

/* QEMU's bmdma_prepare_buf: walks PRDs (at most one page of them) for up to limit bytes;
 * returns the bytes gathered in sg; io_buffer_size gets all the bytes the PRDs described. */
static uint32_t ide_prepare_buf(IdeDrive *s, uint32_t limit, SgEntry *sg, int *nsg)
{
    IdeBmdma *bm = bmdma_of(s->bus);
    uint32_t size = 0;
    *nsg = 0;
    s->io_buffer_size = 0;
    for (;;) {
        if (bm->cur_prd_len == 0 && !ide_next_prd(s, bm))
            return size;
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

/* QEMU's bmdma_rw_buf towards guest memory: unlike ide_prepare_buf it may stop inside a
 * PRD, and the next call goes on from there. XXX: with bus mastering disabled the bytes
 * still reach memory; QEMU's writes then fail silently. */
bool ide_bmdma_to_memory(IdeDrive *s)
{
    IdeBmdma *bm = bmdma_of(s->bus);
    while (s->io_buffer_index < s->io_buffer_size) {
        if (bm->cur_prd_len == 0 && !ide_next_prd(s, bm))
            return false;
        uint32_t l = MIN((uint32_t)(s->io_buffer_size - s->io_buffer_index), bm->cur_prd_len);
        bus_mem_rw(s->bus->ide->mem, bm->cur_prd_addr, s->io_buffer + s->io_buffer_index, l, true);
        bm->cur_prd_addr += l;
        bm->cur_prd_len -= l;
        s->io_buffer_index += (int32_t)l;
    }
    return true;
}

/* The DMA callback of the command that waits: a PACKET command's or an ATA one's. */
static void ide_dma_go(IdeDrive *s)
{
    if (s->dma_cmd == IDE_DMA_ATAPI)
        ide_atapi_dma_cb(s);
    else
        ide_dma_run(s);
}

void ide_start_dma(IdeDrive *s)
{
    IdeBmdma *bm = bmdma_of(s->bus);
    s->io_buffer_index = 0;
    ide_set_retry(s);
    bm->dma_pending = true;
    bm->cur_prd_last = 0;
    bm->cur_prd_addr = 0;
    bm->cur_prd_len = 0;
    if (bm->status & BM_STATUS_DMAING)
        ide_dma_go(s);
}

void ide_sector_start_dma(IdeDrive *s, int dma_cmd)
{
    s->status = READY_STAT | SEEK_STAT | DRQ_STAT;
    s->io_buffer_size = 0;
    s->dma_cmd = dma_cmd;
    /* QEMU accounts a DMA command once, for all its sectors */
    if (dma_cmd == IDE_DMA_READ || dma_cmd == IDE_DMA_WRITE)
        ide_account(&s->stats, dma_cmd == IDE_DMA_WRITE, (uint64_t)ide_get_sector(s) * 512,
                    (uint64_t)s->nsector * 512);
    ide_start_dma(s);
}

/* BAR4: per channel 8 bytes: command (+0), status (+2), PRD address (+4..+7). */
uint32_t ide_bmdma_read(void *opaque, uint32_t off, unsigned size)
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
                ide_dma_go(active_if(&s->bus[ch]));
        }
    }
    bm->cmd = val & 0x09;
}

void ide_bmdma_write(void *opaque, uint32_t off, uint32_t val, unsigned size)
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
