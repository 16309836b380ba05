/* acpi_build.h: the ACPI tables QEMU 7.2 gives its pc machine (hw/i386/acpi-build.c with
 * PIIX4 power management), built in C, and the table-loader commands that tell SeaBIOS
 * how to install them (QEMU's bios-linker-loader, SeaBIOS's romfile_loader):
 *   etc/acpi/tables  FACS, DSDT, FADT (revision 1), MADT, HPET (with an HPET), WAET, RSDT,
 *                    in that order, padded with zeros to a multiple of 128 KiB; pointer
 *                    fields hold offsets into this blob and every checksum is 0: the
 *                    loader's commands patch them in guest memory;
 *   etc/acpi/rsdp    the 20-byte revision 0 RSDP;
 *   etc/table-loader ALLOCATE, ADD_POINTER and ADD_CHECKSUM commands of 128 bytes each,
 *                    padded with zeros (no command) to 4 KiB.
 * The bytes equal QEMU's for the same machine (tests/scripts/acpi_tables_qemu.sh compares them
 * with a QEMU 7.2 snapshot's blocks). The hardware they describe: PIIX4 PM at 0x600, GPE0 at
 * 0xAFE0, SCI on IRQ 9, SMI command port 0xB2 (enable 0xF1, disable 0xF0), PCI and CPU
 * hotplug registers at 0xAE00 and 0xAF00, fw_cfg at 0x510, one CPU. */
#ifndef PCEMU_FIRMWARE_ACPI_BUILD_H
#define PCEMU_FIRMWARE_ACPI_BUILD_H

#include "emu/base/base.h"

#define ACPI_TABLES_FILE "etc/acpi/tables"
#define ACPI_RSDP_FILE "etc/acpi/rsdp"
#define ACPI_LOADER_FILE "etc/table-loader"
/* The RAM blocks QEMU gives the three blobs can grow to these (acpi_add_rom_blob). */
#define ACPI_TABLES_MAX 0x200000u
#define ACPI_LOADER_MAX 0x10000u
#define ACPI_RSDP_MAX 0x1000u
#define ACPI_TABLES_ALIGN 0x20000u   /* etc/acpi/tables is padded to a multiple of this */
#define ACPI_LOADER_ALIGN 0x1000u

typedef struct AcpiConfig {
    uint64_t ram_size;        /* bytes, all below 4 GiB: the PCI window starts there */
    bool hpet;                /* an HPET at 0xFED00000: the HPET table and \_SB.HPET */
    bool serial;              /* COM1 at 0x3F8, IRQ 4 */
    uint8_t floppy[2];        /* drives A and B: CMOS type (0 none, 2 = 1.2 MB, 4 = 1.44 MB,
                                 5 = 2.88 MB): _FDE's flags and each FLPx device's _FDI */
} AcpiConfig;

typedef struct AcpiBlob {
    uint8_t *data;            /* malloc'd */
    uint32_t len;             /* bytes, zero padding included */
    uint32_t data_len;        /* bytes before the zero padding */
} AcpiBlob;

typedef struct AcpiTables {
    AcpiBlob tables, rsdp, loader;
} AcpiTables;

/* Builds all three blobs; the configuration is the machine's own (trusted). */
void acpi_build(const AcpiConfig *cfg, AcpiTables *out);
void acpi_tables_free(AcpiTables *t);

/* The DSDT's AML (acpi_dsdt.c): a complete table, header included, checksum 0. */
uint8_t *acpi_build_dsdt(const AcpiConfig *cfg, uint32_t *len);

/* The table header of every table but the FACS and the RSDP (ACPI 6.4 5.2.6), with
 * QEMU's OEM fields ("BOCHS ", "BXPC    ", revision 1, creator "BXPC" 1) and checksum 0. */
#define ACPI_HEADER_LEN 36
void acpi_header(uint8_t *p, const char *sig, uint32_t len, uint8_t rev);

#endif
