/* fwcfg.h: QEMU's firmware configuration device (fw_cfg), I/O interface of the pc machine:
 * selector 0x510 (16-bit write), data 0x511 (8-bit read), DMA address 0x514/0x518 (32-bit
 * big-endian writes). The machine fills in the items SeaBIOS reads (seabios-hardware.md 6.2)
 * with the fwcfg_add_* calls below before the guest runs; items are copied. */
#ifndef PCEMU_DEV_FWCFG_H
#define PCEMU_DEV_FWCFG_H

#include "emu/base/base.h"
#include "emu/hw/bus.h"
#include "snapshot/format/vmstate.h"

/* Item keys (QEMU include/standard-headers/linux/qemu_fw_cfg.h). */
enum {
    FW_CFG_SIGNATURE = 0x00, FW_CFG_ID = 0x01, FW_CFG_UUID = 0x02, FW_CFG_RAM_SIZE = 0x03,
    FW_CFG_NOGRAPHIC = 0x04, FW_CFG_NB_CPUS = 0x05, FW_CFG_MACHINE_ID = 0x06,
    FW_CFG_KERNEL_ADDR = 0x07, FW_CFG_KERNEL_SIZE = 0x08, FW_CFG_KERNEL_CMDLINE = 0x09,
    FW_CFG_INITRD_ADDR = 0x0a, FW_CFG_INITRD_SIZE = 0x0b, FW_CFG_BOOT_DEVICE = 0x0c,
    FW_CFG_NUMA = 0x0d, FW_CFG_BOOT_MENU = 0x0e, FW_CFG_MAX_CPUS = 0x0f,
    FW_CFG_KERNEL_ENTRY = 0x10, FW_CFG_KERNEL_DATA = 0x11, FW_CFG_INITRD_DATA = 0x12,
    FW_CFG_CMDLINE_ADDR = 0x13, FW_CFG_CMDLINE_SIZE = 0x14, FW_CFG_CMDLINE_DATA = 0x15,
    FW_CFG_SETUP_ADDR = 0x16, FW_CFG_SETUP_SIZE = 0x17, FW_CFG_SETUP_DATA = 0x18,
    FW_CFG_FILE_DIR = 0x19, FW_CFG_FILE_FIRST = 0x20,
    FW_CFG_WRITE_CHANNEL = 0x4000, FW_CFG_ARCH_LOCAL = 0x8000,
    FW_CFG_ACPI_TABLES = 0x8000, FW_CFG_SMBIOS_ENTRIES = 0x8001, FW_CFG_IRQ0_OVERRIDE = 0x8002,
    FW_CFG_E820_TABLE = 0x8003, FW_CFG_HPET = 0x8004,
    FW_CFG_INVALID = 0xffff,
};
#define FW_CFG_FILE_SLOTS 0x20      /* QEMU's default x-file-slots */
#define FW_CFG_MAX_ENTRY (FW_CFG_FILE_FIRST + FW_CFG_FILE_SLOTS)
#define FW_CFG_MAX_FILE_PATH 56     /* name bytes in a directory entry, NUL included */
#define FW_CFG_CTL_PORT 0x510
#define FW_CFG_DMA_PORT 0x514

typedef struct FwCfgEntry {
    uint8_t *data;                  /* owned copy, or borrowed; NULL = no item (reads 0) */
    uint32_t len;
    bool borrowed;                  /* data is the caller's (fwcfg_add_file_ref): not freed */
    void (*select)(void *opaque);   /* called when the guest selects the item, or NULL */
    void *select_opaque;
} FwCfgEntry;

typedef struct FwCfgState {
    uint16_t cur_entry;             /* saved: selected key, FW_CFG_INVALID when none */
    uint32_t cur_offset;            /* saved ("cur_offset[1]"): read position in the item */
    uint16_t cur_offset_v1;         /* version 1 streams' 16-bit offset (load only) */
    uint64_t dma_addr;              /* saved (fw_cfg/dma): descriptor address being written */
    uint64_t table_mr_size, linker_mr_size, rsdp_mr_size; /* saved (fw_cfg/acpi_mr): the
                                       lengths of the ACPI blobs (emu/machine/pc_acpi_tables.c);
                                       0 without ACPI */
    bool acpi_mr_loaded;            /* the last load carried fw_cfg/acpi_mr */
    /* configuration, set up by the machine; never saved */
    bool dma_enabled;
    FwCfgEntry entries[2][FW_CFG_MAX_ENTRY]; /* [arch-local][key & 0x3FFF] */
    int nfiles;
    char file_names[FW_CFG_FILE_SLOTS][FW_CFG_MAX_FILE_PATH]; /* sorted by name */
    Bus *mem;                       /* DMA target */
} FwCfgState;

extern const VmsDesc fwcfg_vms;     /* "fw_cfg" v2 */

/* Maps 0x510-0x511 and, when dma is set (QEMU's pc machine: yes), 0x514-0x51B; adds the
 * signature "QEMU", the ID (bit 0 traditional, bit 1 DMA) and the file directory. */
FwCfgState *fwcfg_init(Bus *io, Bus *mem, bool dma);
void fwcfg_free(FwCfgState *s);
void fwcfg_reset(FwCfgState *s);

/* Items by key. The data is copied; a key already present is replaced. Returns 0 or
 * -EINVAL (key out of range or in the file range). */
int fwcfg_add_bytes(FwCfgState *s, uint16_t key, const void *data, uint32_t len, Err *err);
int fwcfg_add_i16(FwCfgState *s, uint16_t key, uint16_t v, Err *err);  /* little-endian */
int fwcfg_add_i32(FwCfgState *s, uint16_t key, uint32_t v, Err *err);
int fwcfg_add_i64(FwCfgState *s, uint16_t key, uint64_t v, Err *err);
int fwcfg_add_string(FwCfgState *s, uint16_t key, const char *str, Err *err); /* with NUL */
/* Named files, kept in name order with keys from 0x20 (as QEMU 7.2 for new machine types);
 * the directory (key 0x19) follows. Adding a name already present replaces its data.
 * Returns 0, -EINVAL (empty or too long name) or -ENOSPC (32 files already). */
int fwcfg_add_file(FwCfgState *s, const char *name, const void *data, uint32_t len, Err *err);
/* The same, and select(opaque) runs each time the guest selects the file (QEMU's
 * select_cb), before the first byte is read. */
int fwcfg_add_file_cb(FwCfgState *s, const char *name, const void *data, uint32_t len,
                      void (*select)(void *opaque), void *opaque, Err *err);
/* fwcfg_add_file_cb without the copy, as QEMU's fw_cfg over a RAM block: the file reads
 * data as it is when the guest reads it. data stays valid, and the caller's, until the file
 * is replaced or s is freed. */
int fwcfg_add_file_ref(FwCfgState *s, const char *name, const void *data, uint32_t len,
                       void (*select)(void *opaque), void *opaque, Err *err);

#endif
