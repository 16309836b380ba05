/* pc_acpi.h: the ACPI hardware of the pc machine with -machine acpi=on, as QEMU 7.2's
 * pc_piix creates it: the PIIX4 power management function 00:01.3 (SCI on GSI 9, SMI to
 * the CPU), its SMBus with eight SPD EEPROMs at 0x50-0x57 (zeroed, as QEMU's), and their
 * sections in QEMU's registration order: i2c_bus, 0000:00:01.3/piix4_pm, then eight
 * smbus-eeprom (sent only once accessed). machine.c calls these with NULL when acpi=off. */
#ifndef PCEMU_PC_ACPI_H
#define PCEMU_PC_ACPI_H

#include "emu/dev/piix4_pm.h"
#include "emu/dev/smbus_eeprom.h"
#include "snapshot/format/sections.h"

typedef struct PcAcpi {
    I2cBus *i2c;
    Piix4PmState *pm;
    SmbusEeprom *eeprom[SMBUS_EEPROM_COUNT];
} PcAcpi;

PcAcpi *pc_acpi_new(PciBus *pci, Bus *io, Clock *clock, const IrqLine *sci,
                    const Piix4PmHost *host, bool com1);
void pc_acpi_register(PcAcpi *a, SecList *registry);   /* right after the IDE section */
void pc_acpi_reset(PcAcpi *a);
void pc_acpi_post_load(PcAcpi *a);   /* an I2C transfer in progress goes on */
void pc_acpi_free(PcAcpi *a);

#endif
