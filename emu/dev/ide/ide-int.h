/* ide-int.h: what the files of the PIIX3 IDE function share and no other code sees: the
 * register bits, the limits of the bus-master scatter list, and the functions one file
 * calls in another (ata.c: the ATA command set, PIO sectors, IDENTIFY; atapi.c: the ATAPI
 * packet commands of the CD-ROM drive; bmdma.c: bus-master DMA and BAR4; vms.c: the saved
 * section, its hooks and the disk geometry; ide.c: reset, the task-file ports and init). */
#ifndef PCEMU_DEV_IDE_INT_H
#define PCEMU_DEV_IDE_INT_H

#include "emu/dev/ide/ide.h"

enum {  /* status */
    ERR_STAT = 0x01, DRQ_STAT = 0x08, SEEK_STAT = 0x10, READY_STAT = 0x40, BUSY_STAT = 0x80,
};
enum { ABRT_ERR = 0x04, MC_ERR = 0x20 };
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
#define ATAPI_PACKET_SIZE 12
enum { ATAPI_INT_REASON_CD = 0x01, ATAPI_INT_REASON_IO = 0x02 };  /* in nsector */
/* IDE_RETRY_* of a PACKET command waiting for the DMA start bit: QEMU's IDE_RETRY_ATAPI
 * reuses the READ bit alone (IS_IDE_RETRY_ATAPI tests the masked status for equality) */
#define IDE_RETRY_ATAPI IDE_RETRY_READ

static inline IdeDrive *active_if(IdeChannel *c) { return &c->ifs[c->unit]; }
static inline IdeBmdma *bmdma_of(IdeChannel *c) { return &c->ide->bmdma[c->index]; }
/* A drive is at the position: a hard disk (always with its image) or a CD-ROM drive,
 * with or without a medium. */
static inline bool drive_present(const IdeDrive *s) { return s->blk || s->is_cd; }
static inline bool bus_empty(const IdeChannel *c)
{
    return !drive_present(&c->ifs[0]) && !drive_present(&c->ifs[1]);
}
static inline void ide_clear_hob(IdeChannel *c) { c->cmd &= (uint8_t)~IDE_CTRL_HOB; }

/* ata.c */
void ide_set_irq(IdeChannel *c);
int64_t ide_get_sector(const IdeDrive *s);
void ide_set_sector(IdeDrive *s, int64_t n);
bool ide_sect_range_ok(const IdeDrive *s, int64_t sector, int64_t n);
void ide_set_retry(IdeDrive *s);
void ide_clear_retry(IdeDrive *s);
void ide_transfer_halt(IdeDrive *s);
void ide_abort_command(IdeDrive *s);
void ide_dummy_transfer_stop(IdeDrive *s);
void ide_set_signature(IdeDrive *s);
void ide_sector_read(IdeDrive *s);
void ide_sector_write(IdeDrive *s);
void ide_end_transfer(IdeDrive *s);
bool ide_is_pio_out(const IdeDrive *s);
void ide_flush_cache(IdeDrive *s);
void ide_exec_cmd(IdeChannel *c, uint8_t cmd);
void ide_exec_dev_diagnostic(IdeDrive *s);
void ide_put_word(uint8_t *p, int w, unsigned v);        /* IDENTIFY word w, little endian */
void ide_padstr(uint8_t *dst, const char *src, int len); /* ATA string: space padded, bytes
                                                            of each word swapped */
void ide_identify_strings(const IdeDrive *s, uint8_t *p);

/* ide.c */
void ide_drive_reset(IdeDrive *s);

void ide_transfer_start_at(IdeDrive *s, uint32_t off, uint32_t len, uint8_t end_fn);
void ide_transfer_stop(IdeDrive *s);

/* atapi.c */
void ide_atapi_identify(IdeDrive *s);
void ide_atapi_cmd(IdeDrive *s);               /* the 12-byte packet is in io_buffer */
void ide_atapi_cmd_reply_end(IdeDrive *s);
void ide_atapi_dma_cb(IdeDrive *s);            /* QEMU's ide_atapi_cmd_read_dma_cb, ret 0 */

/* bmdma.c */
void ide_set_inactive(IdeDrive *s, bool more);
void ide_dma_error(IdeDrive *s);
void ide_start_dma(IdeDrive *s);
/* QEMU's bmdma_rw_buf towards memory: moves io_buffer[io_buffer_index, io_buffer_size)
 * through the PRDs; false when they ran out first. */
bool ide_bmdma_to_memory(IdeDrive *s);
void ide_sector_start_dma(IdeDrive *s, int dma_cmd);
uint32_t ide_bmdma_read(void *opaque, uint32_t off, unsigned size);
void ide_bmdma_write(void *opaque, uint32_t off, uint32_t val, unsigned size);

/* vms.c */
void ide_drive_geometry(IdeDrive *s);

/* One completed request of len bytes at byte offset off in the drive's statistics. */
static inline void ide_account(IdeStats *st, bool write, uint64_t off, uint64_t len)
{
    if (write) {
        st->wr_ops++;
        st->wr_bytes += len;
        st->wr_highest_offset = MAX(st->wr_highest_offset, off + len);
    } else {
        st->rd_ops++;
        st->rd_bytes += len;
    }
}

#endif
