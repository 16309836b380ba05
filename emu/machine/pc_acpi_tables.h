/* pc_acpi_tables.h: the machine's ACPI tables (-machine acpi=on) as QEMU 7.2's pc machine hands
 * them to the firmware (hw/i386/acpi-build.c acpi_setup): firmware/acpi_build.h builds the
 * three blobs; each sits in a resizable RAM block (QEMU's rom_add_blob: used size the blob
 * rounded up to pages, maximum ACPI_*_MAX) and is the fw_cfg file of the same name; the
 * 'acpi_build' section (version 1, one byte "patched": the firmware has read the tables
 * since the last reset) sits after piix4_pm. fw_cfg's acpi_mr subsection carries the
 * blobs' exact lengths.
 *
 * A load takes the snapshot's blocks at the snapshot's used sizes (snapshot/format/ram.h)
 * and the exact lengths from fw_cfg/acpi_mr; pc_acpi_tables_post_load then serves them through
 * fw_cfg, so the guest's firmware reads what the snapshot's machine offered.
 * XXX: QEMU rebuilds the tables at the first read after a reset (acpi_build_update, when
 * patched is 0); pcemu builds them once per machine, so after a load the next boot reads
 * the snapshot's tables, which equal pcemu's own for the same configuration. QEMU's very
 * first build, before the machine's first reset gives the PCI bus its hotplug number,
 * lacks the hotplug slots; the firmware never sees it (the rebuild at its first read
 * replaces it), so only a QEMU snapshot taken before the firmware ran holds it. */
#ifndef PCEMU_MACHINE_PC_ACPI_TABLES_H
#define PCEMU_MACHINE_PC_ACPI_TABLES_H

#include "emu/base/base.h"
#include "emu/dev/fwcfg.h"
#include "firmware/acpi_build.h"
#include "emu/machine/machine.h"

#define PC_ACPI_BLOCKS 3       /* tables, table-loader, rsdp: in this order */

typedef struct PcAcpiTables {
    uint8_t patched;           /* saved: 0 or 1 (checked on load); 0 after a reset: the
                                  firmware's next select of a blob builds them again */
    FwCfgState *fwcfg;         /* wiring, never saved */
    RamBlock *blocks;          /* the machine's three RamBlocks (PC_ACPI_BLOCKS) */
    AcpiConfig cfg;            /* what the tables describe (the machine's, fixed) */
    RamSection *rs;            /* the machine's RAM section, once a load set the blocks'
                                  used sizes there (pc_acpi_tables_post_load), else NULL */
} PcAcpiTables;

extern const VmsDesc pc_acpi_tables_vms;   /* "acpi_build" v1 */

/* Builds the tables for cfg (floppy presence from fdc_types: drive A's and B's CMOS
 * types, 0 = none), fills blocks[0..2] (host memory allocated at the maximum, owned by
 * the machine: free(host)) and adds the fw_cfg files. 0 or -errno with err. */
int pc_acpi_tables_init(PcAcpiTables *a, const MachineConfig *cfg, const int fdc_types[2], FwCfgState *f,
                 RamBlock blocks[PC_ACPI_BLOCKS], Err *err);
void pc_acpi_tables_reset(PcAcpiTables *a);
/* After a load: the blocks' used sizes from the ram section, the files' lengths from
 * fw_cfg/acpi_mr (each at most its block's used size: else -EINVAL naming the field). */
int pc_acpi_tables_post_load(PcAcpiTables *a, RamSection *rs, Err *err);

/* QEMU's RAM block order: largest maximum first, ties in creation order. Fills out[]
 * with the n blocks of in[] sorted so; returns n. */
int pc_ram_order(const RamBlock *in, int n, RamBlock *out);

#endif
