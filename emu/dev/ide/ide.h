/* ide.h: PIIX3 IDE function (00:01.1, 8086:7010) in legacy mode with ATA hard disks and
 * ATAPI CD-ROM drives:
 * primary channel 0x1F0-0x1F7/0x3F6 on ISA IRQ 14, secondary 0x170-0x177/0x376 on IRQ 15,
 * bus-master DMA through BAR4. Field names and meanings follow QEMU's IDEState, IDEBus and
 * BMDMAState (hw/ide/internal.h) because the saved section must be QEMU's. */
#ifndef PCEMU_DEV_IDE_IDE_H
#define PCEMU_DEV_IDE_IDE_H

#include "block/block.h"
#include "emu/base/base.h"
#include "emu/hw/bus.h"
#include "emu/hw/irq.h"
#include "emu/hw/pci.h"
#include "snapshot/format/vmstate.h"

#define IDE_IO_BUFFER_LEN (256 * 512 + 4)   /* QEMU's io_buffer_total_len: 131076 */
#define IDE_MAX_MULT_SECTORS 16

typedef struct IdeChannel IdeChannel;
typedef struct IdeState IdeState;
/* Told when the guest opens (open) or closes the tray of CD-ROM drive index 0..3 with
 * START STOP UNIT (QEMU's blk_eject, which sends DEVICE_TRAY_MOVED). */
typedef void IdeTrayFn(void *opaque, int index, bool open);

/* End-of-transfer actions, numbered as QEMU's transfer_end_table (end_transfer_fn_idx). */
enum {
    IDE_END_SECTOR_READ = 0, IDE_END_SECTOR_WRITE = 1, IDE_END_TRANSFER_STOP = 2,
    IDE_END_ATAPI_REPLY = 3, IDE_END_ATAPI_CMD = 4, IDE_END_DUMMY_STOP = 5, IDE_END_COUNT = 6,
};
enum { IDE_DMA_READ = 0, IDE_DMA_WRITE = 1, IDE_DMA_TRIM = 2, IDE_DMA_ATAPI = 3 };

/* The accounting QEMU keeps per drive (block_acct_*: 'info blockstats'): completed guest
 * requests, a PIO block or a whole DMA command each, and the end of the highest write
 * (bytes). Never saved, not reset. */
typedef struct IdeStats {
    uint64_t rd_bytes, wr_bytes, rd_ops, wr_ops, flush_ops, wr_highest_offset;
} IdeStats;

typedef struct IdeDrive {
    /* saved ("ide_drive" v3) */
    int32_t mult_sectors;        /* READ/WRITE MULTIPLE block, 0..16 */
    int32_t identify_set;        /* identify_data is built (and saved) when non-zero */
    uint8_t identify_data[512];  /* IDENTIFY DEVICE answer, kept once built */
    uint8_t feature, error;      /* task file: features / error register */
    uint32_t nsector;            /* sector count; up to 65536 after the LBA48 transform */
    uint8_t sector, lcyl, hcyl;  /* LBA 0-23 or CHS sector/cylinder */
    uint8_t hob_feature, hob_sector, hob_nsector, hob_lcyl, hob_hcyl; /* LBA48 "previous" */
    uint8_t select;              /* device/head: 0xA0 | LBA 0x40 | DEV 0x10 | head */
    uint8_t status;              /* BSY 0x80 DRDY 0x40 DSC 0x10 DRQ 0x08 ERR 0x01 */
    uint8_t lba48;
    uint8_t sense_key, asc;      /* ATAPI: REQUEST SENSE answer (IDE_SENSE_*, IDE_ASC_*) */
    uint8_t cdrom_changed;       /* ATAPI: 1, 2 = report "no medium", then "changed"; 0 */
    /* saved in subsection "ide_drive/pio_state" (while DRQ is set or a PIO retry waits) */
    int32_t req_nb_sectors;      /* sectors per DRQ block of the running command, 0..256 */
    int32_t io_buffer_total_len; /* IDE_IO_BUFFER_LEN; the count of io_buffer, not sent */
    uint8_t io_buffer[IDE_IO_BUFFER_LEN];   /* PIO data */
    int32_t cur_io_buffer_offset, cur_io_buffer_len; /* data_ptr / data_end - data_ptr */
    uint8_t end_transfer_fn_idx; /* IDE_END_*; 0xFF before a load = subsection absent */
    int32_t elementary_transfer_size; /* ATAPI: bytes left in the current DRQ block */
    int32_t packet_transfer_size;     /* ATAPI: bytes left in the whole reply */
    /* saved in "ide_drive/tray_state" and "ide_drive/atapi/gesn_state" (CD-ROM only) */
    bool tray_open, tray_locked, new_media, eject_request;
    /* not saved: PIO position, configuration and wiring */
    uint32_t data_ptr, data_end; /* offsets in io_buffer of the PIO window */
    uint8_t end_fn;              /* IDE_END_* run when the window is consumed */
    int dma_cmd;                 /* IDE_DMA_* of the pending or running DMA command */
    int32_t io_buffer_size;      /* DMA: bytes the PRDs described in the last round */
    bool write_cache;            /* IDENTIFY word 85 bit 5 (SET FEATURES 0x02/0x82) */
    bool reset_reverts;          /* SET FEATURES 0xCC: reset restores heads/sectors */
    uint8_t unit;                /* 0 master, 1 slave */
    BlockDev *blk;               /* NULL = no drive at this position */
    IdeStats stats;              /* the monitor's; never saved */
    bool is_cd;                  /* an ATAPI CD-ROM drive (QEMU's drive_kind IDE_CD) */
    int64_t nb_sectors;          /* disk or medium size in 512-byte sectors */
    /* not saved, ATAPI (QEMU does not save them either; see atapi.c) */
    int32_t lba;                 /* next 2048-byte block of a READ, -1 for a reply */
    int32_t cd_sector_size;      /* 2048 (READ) or 2352 (READ CD raw); 0 after reset */
    int32_t io_buffer_index;     /* bytes of io_buffer handed out (PIO) or moved (DMA) */
    bool atapi_dma;              /* the PACKET command asked for DMA (features bit 0) */
    uint32_t cylinders, heads, sectors;  /* current CHS translation (INITIALIZE changes it) */
    uint32_t drive_heads, drive_sectors; /* the geometry chosen at init */
    int chs_trans;               /* BIOS translation: 0 none, 1 LBA, 2 large (CMOS 0x39) */
    char serial[21], model[41], version[9];
    IdeChannel *bus;
} IdeDrive;

struct IdeChannel {
    /* saved ("ide_bus" v1) */
    uint8_t cmd;                 /* device control: nIEN 0x02, SRST 0x04, HOB 0x80 */
    uint8_t unit;                /* selected drive, 0..1 */
    /* saved in subsection "ide_bus/error" when error_status != 0 */
    int32_t error_status;        /* IDE_RETRY_* of a request to restart after a load */
    int64_t retry_sector_num;
    uint32_t retry_nsector;
    uint8_t retry_unit;
    /* drives: saved as "bus[N].ifs" of the section */
    IdeDrive ifs[2];
    /* wiring */
    IrqLine irq;                 /* ISA IRQ 14 or 15 */
    IdeState *ide;
    int index;                   /* 0 primary, 1 secondary */
    int32_t saved_error_status;  /* error_status before pre_save (post_save restores it) */
};

typedef struct IdeBmdma {
    /* saved ("ide bmdma" v3) */
    uint8_t cmd;                 /* bus-master command: start 0x01, read 0x08 (to memory) */
    uint8_t migration_compat_status; /* status with retry flags in bits 3-6 (pre_save) */
    uint32_t addr;               /* PRD table address (dword aligned) */
    int64_t migration_retry_sector_num;
    uint32_t migration_retry_nsector;
    uint8_t migration_retry_unit;
    /* saved in subsection "ide bmdma_current" (while a PRD is half used) */
    uint32_t cur_addr;           /* next PRD entry */
    uint32_t cur_prd_last;       /* non-zero: the current PRD is the last */
    uint32_t cur_prd_addr, cur_prd_len; /* rest of the current PRD, len <= 0x10000 */
    /* saved in subsection "ide bmdma/status" when status has bits 3-6 set */
    uint8_t status;              /* active 0x01, error 0x02, interrupt 0x04, bits 5-6 RW */
    /* not saved */
    bool dma_pending;            /* a DMA command waits for (or runs under) start: QEMU's
                                    dma_cb != NULL */
} IdeBmdma;

struct IdeState {
    PciDev dev;                  /* saved ("parent_obj") */
    IdeBmdma bmdma[2];           /* saved ("bmdma") */
    IdeChannel bus[2];           /* saved ("bus", then "bus[0].ifs", "bus[1].ifs") */
    /* wiring */
    Bus *mem;                    /* bus-master DMA */
    uint8_t *dma_buf;            /* bounce buffer for DMA, 64 KiB */
    IdeTrayFn *tray_fn;          /* the guest moved a tray; NULL: nobody listens */
    void *tray_opaque;
};

extern const VmsDesc ide_vms;    /* "ide" v3: section 0000:00:01.1/ide */

/* Plugs the function into devfn 9 (00:01.1), maps the legacy ports on io and BAR4's
 * handlers. drives[0..3] (primary master, primary slave, secondary master, secondary slave)
 * may be NULL; they stay owned by the caller. Bit i of cd_mask makes drive i an ATAPI
 * CD-ROM drive with drives[i] as its medium (read only; NULL: the drive is empty).
 * irq14/irq15 are copied. */
IdeState *ide_init(PciBus *pb, Bus *io, Bus *mem, BlockDev *const drives[4], unsigned cd_mask,
                   const IrqLine *irq14, const IrqLine *irq15);
void ide_reset(IdeState *s);
void ide_free(IdeState *s);
/* After a load (machine_post_load, RAM loaded): restart a request the stream marked for
 * retry (QEMU's ide_restart_bh): a DMA waiting for its start bit, a PIO block, a flush. */
void ide_resume(IdeState *s);
/* Geometry of drive index 0..3 for CMOS (QEMU's ide_get_geometry/ide_get_bios_chs_trans):
 * returns -ENOENT when there is no hard disk there; trans: 0 none, 1 LBA, 2 large. */
int ide_get_geometry(const IdeState *s, int index, uint32_t *cyls, uint32_t *heads,
                     uint32_t *secs, int *trans);
/* The statistics of drive index 0..3; -ENOENT when there is no drive. */
int ide_get_stats(const IdeState *s, int index, IdeStats *out);

/* ---- the CD-ROM drive's medium, as the host changes it (media.c) ----
 * index 0..3 must be a CD-ROM drive (ide_is_cd). The monitor's eject and change are the
 * sequence open the tray, take the medium out, put one in, close the tray (QEMU's
 * blockdev.c); only the tray moves reach the guest. */
bool ide_is_cd(const IdeState *s, int index);
bool ide_cd_tray_open(const IdeState *s, int index);
bool ide_cd_locked(const IdeState *s, int index);
/* The guest's driver is asked to unlock and open the tray (GET EVENT STATUS NOTIFICATION
 * reports an eject request); force also unlocks it at once. */
void ide_cd_eject_request(IdeState *s, int index, bool force);
/* The tray opens (load false) or closes (load true) under the guest: the medium then in
 * the drive is the one it sees, announced as NOT READY once, then UNIT ATTENTION, and as
 * a new medium by GET EVENT STATUS NOTIFICATION. Raises the channel's interrupt. */
void ide_cd_change(IdeState *s, int index, bool load);
/* Puts blk (borrowed; NULL: none) in the drive, unseen until the next ide_cd_change. */
void ide_cd_set_medium(IdeState *s, int index, BlockDev *blk);
/* fn (NULL: none) hears of the tray moves the guest makes. */
void ide_cd_set_tray_fn(IdeState *s, IdeTrayFn *fn, void *opaque);

#endif
