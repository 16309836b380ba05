/* pc_acpi_tables.c: the ACPI table blobs in resizable RAM blocks and fw_cfg files, and the
 * 'acpi_build' section (pc_acpi_tables.h). */
#include "emu/machine/pc_acpi_tables.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "firmware/acpi_build.h"

static int pc_acpi_tables_vms_post_load(void *opaque, int version, Err *err);

const VmsDesc pc_acpi_tables_vms = {       /* QEMU vmstate_acpi_build */
    .name = "acpi_build", .version = 1, .min_version = 1, .post_load = pc_acpi_tables_vms_post_load,
    .fields = (const VmsField[]){ VMS_UINT8(PcAcpiTables, patched), VMS_END },
};

static int pc_acpi_tables_vms_post_load(void *opaque, int version, Err *err)
{
    PcAcpiTables *a = opaque;
    if (a->patched > 1)
        return ERR(err, -EINVAL, "acpi_build: patched %u is not 0 or 1", a->patched);
    return 0;
}

static const struct {
    const char *file, *block;
    uint32_t max;
} pc_acpi_tables_files[PC_ACPI_BLOCKS] = {
    { ACPI_TABLES_FILE, "/rom@" ACPI_TABLES_FILE, ACPI_TABLES_MAX },
    { ACPI_LOADER_FILE, "/rom@" ACPI_LOADER_FILE, ACPI_LOADER_MAX },
    { ACPI_RSDP_FILE, "/rom@" ACPI_RSDP_FILE, ACPI_RSDP_MAX },
};

/* QEMU's acpi_build_update: the firmware reads the tables. */
static void pc_acpi_tables_selected(void *opaque);

static uint64_t *pc_acpi_tables_mr_size(FwCfgState *f, int i)
{
    return i == 0 ? &f->table_mr_size : i == 1 ? &f->linker_mr_size : &f->rsdp_mr_size;
}

/* The file i serves the first len bytes of block i, as they are when the guest reads them
 * (the block's memory, not a copy, as in QEMU: a load needs no new copy). */
static int pc_acpi_tables_serve(PcAcpiTables *a, int i, uint32_t len, Err *err)
{
    *pc_acpi_tables_mr_size(a->fwcfg, i) = len;
    return fwcfg_add_file_ref(a->fwcfg, pc_acpi_tables_files[i].file, a->blocks[i].host, len,
                              pc_acpi_tables_selected, a, err);
}

/* QEMU's acpi_build_update: the first select of a blob since the reset (or a load with
 * patched 0, such as QEMU's snapshot of a machine whose firmware has not read them, whose
 * blocks hold QEMU's first build, without the PCI hotplug slots) builds the tables again
 * into the three blocks, at the new lengths (QEMU's acpi_ram_update). */
static void pc_acpi_tables_selected(void *opaque)
{
    PcAcpiTables *a = opaque;
    if (a->patched)
        return;
    a->patched = 1;
    AcpiTables t;
    acpi_build(&a->cfg, &t);
    const AcpiBlob *blob[PC_ACPI_BLOCKS] = { &t.tables, &t.loader, &t.rsdp };
    for (int i = 0; i < PC_ACPI_BLOCKS; i++) {
        RamBlock *b = &a->blocks[i];
        assert(blob[i]->len <= b->max_size);
        memcpy(b->host, blob[i]->data, blob[i]->len);
        b->size = align_up(blob[i]->len, RAM_PAGE_SIZE);
        bool ok = !a->rs || ram_section_resize_block(a->rs, b->name, b->size);
        Err e = { 0 };
        ok = ok && pc_acpi_tables_serve(a, i, blob[i]->len, &e) == 0;
        assert(ok);   /* a whole-page size within the maximum; the file exists */
    }
    acpi_tables_free(&t);
}

int pc_acpi_tables_init(PcAcpiTables *a, const MachineConfig *cfg, const int fdc_types[2], FwCfgState *f,
                 RamBlock blocks[PC_ACPI_BLOCKS], Err *err)
{
    AcpiConfig ac = { .ram_size = cfg->ram_size, .hpet = cfg->hpet, .serial = cfg->serial != NULL,
                      .floppy = { (uint8_t)fdc_types[0], (uint8_t)fdc_types[1] } };
    AcpiTables t;
    acpi_build(&ac, &t);
    const AcpiBlob *blob[PC_ACPI_BLOCKS] = { &t.tables, &t.loader, &t.rsdp };
    *a = (PcAcpiTables){ .fwcfg = f, .blocks = blocks, .cfg = ac };
    int r = 0;
    for (int i = 0; i < PC_ACPI_BLOCKS; i++) {
        uint32_t max = pc_acpi_tables_files[i].max;
        assert(blob[i]->len <= max);
        blocks[i] = (RamBlock){ .name = pc_acpi_tables_files[i].block, .host = xzalloc(max),
                                .size = align_up(blob[i]->len, RAM_PAGE_SIZE), .max_size = max };
        memcpy(blocks[i].host, blob[i]->data, blob[i]->data_len);   /* the rest is zero */
        if (!r)
            r = pc_acpi_tables_serve(a, i, blob[i]->len, err);
    }
    acpi_tables_free(&t);
    if (r < 0)
        err_prefix(err, "ACPI tables");
    return r;
}

void pc_acpi_tables_reset(PcAcpiTables *a) { a->patched = 0; }

int pc_acpi_tables_post_load(PcAcpiTables *a, RamSection *rs, Err *err)
{
    FwCfgState *f = a->fwcfg;
    a->rs = rs;
    for (int i = 0; i < PC_ACPI_BLOCKS; i++)
        a->blocks[i].size = ram_section_block_size(rs, a->blocks[i].name);
    for (int i = 0; i < PC_ACPI_BLOCKS; i++) {
        uint64_t used = a->blocks[i].size, *len = pc_acpi_tables_mr_size(f, i);
        if (!f->acpi_mr_loaded)
            *len = used;     /* QEMU sends no acpi_mr when every length is whole pages */
        static const char *const field[PC_ACPI_BLOCKS] = { "table_mr_size", "linker_mr_size",
                                                           "rsdp_mr_size" };
        if (*len > used || *len == 0)
            return ERR(err, -EINVAL, "fw_cfg/acpi_mr: %s %#" PRIx64 " does not fit block %s "
                       "(%#" PRIx64 " bytes used)", field[i], *len, a->blocks[i].name, used);
    }
    for (int i = 0; i < PC_ACPI_BLOCKS; i++) {
        int r = pc_acpi_tables_serve(a, i, (uint32_t)*pc_acpi_tables_mr_size(f, i), err);
        if (r < 0)
            return r;
    }
    return 0;
}

int pc_ram_order(const RamBlock *in, int n, RamBlock *out)
{
    for (int i = 0; i < n; i++) {
        uint64_t max = in[i].max_size ? in[i].max_size : in[i].size;
        int j = i;
        while (j > 0 && (out[j - 1].max_size ? out[j - 1].max_size : out[j - 1].size) < max) {
            out[j] = out[j - 1];
            j--;
        }
        out[j] = in[i];
    }
    return n;
}
