/* fwcfg.c: QEMU's fw_cfg device (docs/specs/fw_cfg.txt of QEMU; hw/nvram/fw_cfg.c 7.2 for
 * the behaviour and the saved section). Selecting a key resets the offset; each data read
 * returns the next byte of the item, 0 past its end or for an unknown key. The DMA interface
 * reads a big-endian descriptor {u32 control, u32 length, u64 address} from guest memory,
 * performs select/read/skip, and writes the control word back as 0 (or 1 on error).
 * Items are read-only: a DMA write sets the error bit. Not emulated: the memory-mapped
 * variant, write callbacks, the legacy file order of old machine types. */
#include "emu/dev/fwcfg.h"

#include <stdlib.h>
#include <string.h>

#define FW_CFG_ENTRY_MASK 0x3fff
#define FW_CFG_DMA_SIGNATURE "QEMU CFG"
enum { DMA_CTL_ERROR = 0x01, DMA_CTL_READ = 0x02, DMA_CTL_SKIP = 0x04, DMA_CTL_SELECT = 0x08,
       DMA_CTL_WRITE = 0x10 };

static int fwcfg_post_load(void *opaque, int version, Err *err);
static bool fwcfg_is_version_1(void *opaque, int version) { return version == 1; }
static bool fwcfg_dma_needed(void *opaque);
static bool fwcfg_acpi_mr_needed(void *opaque);
static int fwcfg_acpi_mr_post_load(void *opaque, int version, Err *err);

static const VmsDesc fwcfg_dma_vms = {
    .name = "fw_cfg/dma", .version = 0, .min_version = 0, .needed = fwcfg_dma_needed,
    .fields = (const VmsField[]){ VMS_UINT64(FwCfgState, dma_addr), VMS_END },
};

static const VmsDesc fwcfg_acpi_mr_vms = {
    .name = "fw_cfg/acpi_mr", .version = 1, .min_version = 1, .needed = fwcfg_acpi_mr_needed,
    .post_load = fwcfg_acpi_mr_post_load,
    .fields = (const VmsField[]){
        VMS_UINT64(FwCfgState, table_mr_size), VMS_UINT64(FwCfgState, linker_mr_size),
        VMS_UINT64(FwCfgState, rsdp_mr_size), VMS_END,
    },
};

const VmsDesc fwcfg_vms = {     /* QEMU vmstate_fw_cfg */
    .name = "fw_cfg", .version = 2, .min_version = 1, .post_load = fwcfg_post_load,
    .fields = (const VmsField[]){
        VMS_UINT16(FwCfgState, cur_entry),
        VMSN_SCALAR_TEST("cur_offset", FwCfgState, cur_offset_v1, uint16_t, vms_info_uint16,
                         fwcfg_is_version_1),
        VMSN_UINT32_V("cur_offset[1]", FwCfgState, cur_offset, 2),
        VMS_END,
    },
    .subsections = (const VmsDesc *const[]){ &fwcfg_dma_vms, &fwcfg_acpi_mr_vms, NULL },
};

static bool fwcfg_dma_needed(void *opaque) { return ((FwCfgState *)opaque)->dma_enabled; }

/* QEMU sends the ACPI blob sizes when one is not a page multiple (the 20-byte RSDP); with
 * no blobs (all 0) it does not. The machine checks the loaded sizes against its blocks. */
static bool fwcfg_acpi_mr_needed(void *opaque)
{
    FwCfgState *s = opaque;
    return (s->table_mr_size | s->linker_mr_size | s->rsdp_mr_size) % 4096 != 0;
}

static int fwcfg_acpi_mr_post_load(void *opaque, int version, Err *err)
{
    ((FwCfgState *)opaque)->acpi_mr_loaded = true;
    return 0;
}

static int fwcfg_post_load(void *opaque, int version, Err *err)
{
    FwCfgState *s = opaque;
    if (version == 1)
        s->cur_offset = s->cur_offset_v1;
    if (s->cur_entry != FW_CFG_INVALID && (s->cur_entry & FW_CFG_ENTRY_MASK) >= FW_CFG_MAX_ENTRY)
        return ERR(err, -EINVAL, "fw_cfg: selected key %#x out of range", s->cur_entry);
    return 0;
}

/* ---- items ---- */

static FwCfgEntry *fwcfg_cur(FwCfgState *s)
{
    if (s->cur_entry == FW_CFG_INVALID)
        return NULL;
    return &s->entries[(s->cur_entry & FW_CFG_ARCH_LOCAL) ? 1 : 0][s->cur_entry & FW_CFG_ENTRY_MASK];
}

/* The item becomes a copy of data, or data itself when borrow is set. */
static void fwcfg_set(FwCfgEntry *e, const void *data, uint32_t len, bool borrow)
{
    if (!e->borrowed)
        free(e->data);
    e->borrowed = borrow;
    if (borrow) {
        e->data = (uint8_t *)data;
    } else {
        e->data = xmalloc(len ? len : 1);
        if (len)
            memcpy(e->data, data, len);
    }
    e->len = len;
}

int fwcfg_add_bytes(FwCfgState *s, uint16_t key, const void *data, uint32_t len, Err *err)
{
    uint16_t idx = key & FW_CFG_ENTRY_MASK;
    if ((key & FW_CFG_WRITE_CHANNEL) || idx >= FW_CFG_MAX_ENTRY ||
        (!(key & FW_CFG_ARCH_LOCAL) && (idx == FW_CFG_FILE_DIR || idx >= FW_CFG_FILE_FIRST)))
        return ERR(err, -EINVAL, "fw_cfg: key %#x is not a plain item", key);
    fwcfg_set(&s->entries[(key & FW_CFG_ARCH_LOCAL) ? 1 : 0][idx], data, len, false);
    return 0;
}

int fwcfg_add_i16(FwCfgState *s, uint16_t key, uint16_t v, Err *err)
{
    uint8_t b[2];
    put_le16(b, v);
    return fwcfg_add_bytes(s, key, b, 2, err);
}

int fwcfg_add_i32(FwCfgState *s, uint16_t key, uint32_t v, Err *err)
{
    uint8_t b[4];
    put_le32(b, v);
    return fwcfg_add_bytes(s, key, b, 4, err);
}

int fwcfg_add_i64(FwCfgState *s, uint16_t key, uint64_t v, Err *err)
{
    uint8_t b[8];
    put_le64(b, v);
    return fwcfg_add_bytes(s, key, b, 8, err);
}

int fwcfg_add_string(FwCfgState *s, uint16_t key, const char *str, Err *err)
{
    return fwcfg_add_bytes(s, key, str, (uint32_t)strlen(str) + 1, err);
}

/* Directory: be32 count, then per file be32 size, be16 key, be16 reserved, name[56]. */
static void fwcfg_build_dir(FwCfgState *s)
{
    uint32_t len = 4 + 64 * (uint32_t)s->nfiles;
    uint8_t *dir = xzalloc(len);
    put_be32(dir, (uint32_t)s->nfiles);
    for (int i = 0; i < s->nfiles; i++) {
        uint8_t *e = dir + 4 + 64 * i;
        put_be32(e, s->entries[0][FW_CFG_FILE_FIRST + i].len);
        put_be16(e + 4, (uint16_t)(FW_CFG_FILE_FIRST + i));
        memcpy(e + 8, s->file_names[i], strlen(s->file_names[i]));
    }
    FwCfgEntry *d = &s->entries[0][FW_CFG_FILE_DIR];
    free(d->data);
    d->data = dir;
    d->len = len;
}

int fwcfg_add_file(FwCfgState *s, const char *name, const void *data, uint32_t len, Err *err)
{
    return fwcfg_add_file_cb(s, name, data, len, NULL, NULL, err);
}

static int add_file(FwCfgState *s, const char *name, const void *data, uint32_t len, bool borrow,
                    void (*select)(void *opaque), void *opaque, Err *err)
{
    size_t n = strlen(name);
    if (n == 0 || n >= FW_CFG_MAX_FILE_PATH)
        return ERR(err, -EINVAL, "fw_cfg: file name \"%s\" empty or longer than %d bytes", name,
                   FW_CFG_MAX_FILE_PATH - 1);
    int i = 0;
    while (i < s->nfiles && strcmp(s->file_names[i], name) < 0)
        i++;
    if (i < s->nfiles && strcmp(s->file_names[i], name) == 0) {
        fwcfg_set(&s->entries[0][FW_CFG_FILE_FIRST + i], data, len, borrow);
    } else {
        if (s->nfiles == FW_CFG_FILE_SLOTS)
            return ERR(err, -ENOSPC, "fw_cfg: no slot left for file \"%s\"", name);
        FwCfgEntry *e = &s->entries[0][FW_CFG_FILE_FIRST];
        memmove(e + i + 1, e + i, sizeof *e * (size_t)(s->nfiles - i));
        memmove(s->file_names[i + 1], s->file_names[i], FW_CFG_MAX_FILE_PATH * (size_t)(s->nfiles - i));
        e[i] = (FwCfgEntry){ 0 };
        memset(s->file_names[i], 0, FW_CFG_MAX_FILE_PATH);
        memcpy(s->file_names[i], name, n);
        s->nfiles++;
        fwcfg_set(&e[i], data, len, borrow);
    }
    s->entries[0][FW_CFG_FILE_FIRST + i].select = select;
    s->entries[0][FW_CFG_FILE_FIRST + i].select_opaque = opaque;
    fwcfg_build_dir(s);
    return 0;
}

int fwcfg_add_file_cb(FwCfgState *s, const char *name, const void *data, uint32_t len,
                      void (*select)(void *opaque), void *opaque, Err *err)
{
    return add_file(s, name, data, len, false, select, opaque, err);
}

int fwcfg_add_file_ref(FwCfgState *s, const char *name, const void *data, uint32_t len,
                       void (*select)(void *opaque), void *opaque, Err *err)
{
    return add_file(s, name, data, len, true, select, opaque, err);
}

/* ---- guest interface ---- */

static void fwcfg_select(FwCfgState *s, uint16_t key)
{
    s->cur_offset = 0;
    s->cur_entry = (key & FW_CFG_ENTRY_MASK) >= FW_CFG_MAX_ENTRY ? FW_CFG_INVALID : key;
    FwCfgEntry *e = fwcfg_cur(s);
    if (e && e->select)
        e->select(e->select_opaque);
}

static uint8_t fwcfg_read_byte(FwCfgState *s)
{
    FwCfgEntry *e = fwcfg_cur(s);
    if (!e || !e->data || s->cur_offset >= e->len)
        return 0;
    return e->data[s->cur_offset++];
}

/* 0x510-0x511: any byte read is a data read; a 16-bit write selects; 8-bit writes (the old
 * data write) do nothing; other sizes are invalid accesses (reads 0). */
static uint32_t fwcfg_ctl_read(void *opaque, uint32_t off, unsigned size)
{
    return size == 1 ? fwcfg_read_byte(opaque) : 0;
}

static void fwcfg_ctl_write(void *opaque, uint32_t off, uint32_t val, unsigned size)
{
    if (size == 2)
        fwcfg_select(opaque, (uint16_t)val);
    else
        trace(TRACE_DEV, "fw_cfg: ignored %u-byte write %#x at 0x%x", size, val, 0x510 + off);
}

static void fwcfg_dma_transfer(FwCfgState *s)
{
    uint32_t desc = (uint32_t)s->dma_addr;   /* 32-bit physical addresses only */
    s->dma_addr = 0;
    uint8_t raw[16];
    bus_mem_rw(s->mem, desc, raw, 16, false);
    uint32_t control = be32(raw), length = be32(raw + 4);
    uint64_t addr = be64(raw + 8);
    if (control & DMA_CTL_SELECT)
        fwcfg_select(s, (uint16_t)(control >> 16));
    FwCfgEntry *e = fwcfg_cur(s);
    bool read = false, write = false;
    if (control & DMA_CTL_READ)
        read = true;
    else if (control & DMA_CTL_WRITE)
        write = true;
    else if (!(control & DMA_CTL_SKIP))
        length = 0;
    uint32_t result = 0;
    static const uint8_t zeros[4096];
    while (length > 0 && !(result & DMA_CTL_ERROR)) {
        uint32_t len;
        if (!e || !e->data || s->cur_offset >= e->len) {
            len = MIN(length, (uint32_t)sizeof zeros);
            if (read)
                bus_mem_rw(s->mem, (uint32_t)addr, (void *)(uintptr_t)zeros, len, true);
            if (write)
                result |= DMA_CTL_ERROR;
        } else {
            len = MIN(length, e->len - s->cur_offset);
            if (read)
                bus_mem_rw(s->mem, (uint32_t)addr, e->data + s->cur_offset, len, true);
            if (write)
                result |= DMA_CTL_ERROR;     /* no writable items */
            s->cur_offset += len;
        }
        addr += len;
        length -= len;
    }
    uint8_t out[4];
    put_be32(out, result);
    bus_mem_rw(s->mem, desc, out, 4, true);
}

/* 0x514-0x51B, a big-endian register: high half at +0, low half at +4 (the write to +4
 * starts the transfer); reads return "QEMU CFG". */
static uint32_t fwcfg_dma_read(void *opaque, uint32_t off, unsigned size)
{
    uint32_t v = 0;
    for (unsigned i = 0; i < size && off + i < 8; i++)
        v |= (uint32_t)(uint8_t)FW_CFG_DMA_SIGNATURE[off + i] << (8 * i);
    return v;
}

static void fwcfg_dma_write(void *opaque, uint32_t off, uint32_t val, unsigned size)
{
    FwCfgState *s = opaque;
    if (size != 4 || (off != 0 && off != 4)) {
        trace(TRACE_DEV, "fw_cfg: ignored %u-byte DMA register write at +%u", size, off);
        return;
    }
    uint32_t v = __builtin_bswap32(val);     /* little-endian CPU, big-endian register */
    if (off == 0) {
        s->dma_addr = (uint64_t)v << 32;
    } else {
        s->dma_addr |= v;
        fwcfg_dma_transfer(s);
    }
}

void fwcfg_reset(FwCfgState *s) { fwcfg_select(s, FW_CFG_SIGNATURE); }

FwCfgState *fwcfg_init(Bus *io, Bus *mem, bool dma)
{
    FwCfgState *s = xzalloc(sizeof *s);
    s->mem = mem;
    s->dma_enabled = dma;
    fwcfg_set(&s->entries[0][FW_CFG_SIGNATURE], "QEMU", 4, false);
    uint8_t id[4];
    put_le32(id, dma ? 3 : 1);
    fwcfg_set(&s->entries[0][FW_CFG_ID], id, 4, false);
    fwcfg_build_dir(s);
    bus_map_io_named(io, "fwcfg", FW_CFG_CTL_PORT, 2, s, fwcfg_ctl_read, fwcfg_ctl_write,
                     IO_SIZE_ALL);
    if (dma)
        bus_map_io_named(io, "fwcfg.dma", FW_CFG_DMA_PORT, 8, s, fwcfg_dma_read, fwcfg_dma_write,
                         IO_SIZE_ALL);
    fwcfg_reset(s);
    return s;
}

void fwcfg_free(FwCfgState *s)
{
    if (!s)
        return;
    for (int a = 0; a < 2; a++)
        for (int i = 0; i < FW_CFG_MAX_ENTRY; i++)
            if (!s->entries[a][i].borrowed)
                free(s->entries[a][i].data);
    free(s);
}
