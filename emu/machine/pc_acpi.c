/* pc_acpi.c: creation, sections and reset of the pc machine's ACPI hardware (pc_acpi.h).
 * Every function accepts NULL (a machine with acpi=off) and does nothing then. */
#include "emu/machine/pc_acpi.h"

#include <assert.h>
#include <stdlib.h>

PcAcpi *pc_acpi_new(PciBus *pci, Bus *io, Clock *clock, const IrqLine *sci,
                    const Piix4PmHost *host, bool com1)
{
    static const uint8_t spd[SMBUS_EEPROM_SIZE];   /* QEMU 7.2 gives no SPD data */
    PcAcpi *a = xzalloc(sizeof *a);
    a->i2c = i2c_bus_new();
    a->pm = piix4_pm_init(pci, io, clock, a->i2c, sci, host, com1);
    for (int i = 0; i < SMBUS_EEPROM_COUNT; i++)
        a->eeprom[i] = smbus_eeprom_init(a->i2c, (uint8_t)(SMBUS_EEPROM_BASE + i), spd);
    return a;
}

static void reg(SecList *l, const char *idstr, const VmsDesc *vmsd, void *opaque)
{
    int r = sec_register(l, idstr, SEC_INSTANCE_ANY, vmsd, opaque, NULL);
    assert(r >= 0);   /* the machine's list is fixed and duplicate-free */
}

/* QEMU realizes the PM function after the IDE one: pm_smbus_init registers the bus, then
 * the function's own section follows, then smbus_eeprom_init's eight devices. */
void pc_acpi_register(PcAcpi *a, SecList *registry)
{
    if (!a)
        return;
    reg(registry, "i2c_bus", &i2c_bus_vms, a->i2c);
    reg(registry, "0000:00:01.3/piix4_pm", &piix4_pm_vms, a->pm);
    for (int i = 0; i < SMBUS_EEPROM_COUNT; i++)
        reg(registry, "smbus-eeprom", &smbus_eeprom_vms, a->eeprom[i]);
}

void pc_acpi_reset(PcAcpi *a)
{
    if (!a)
        return;
    piix4_pm_reset(a->pm);
    for (int i = 0; i < SMBUS_EEPROM_COUNT; i++)
        smbus_eeprom_reset(a->eeprom[i]);
}

void pc_acpi_post_load(PcAcpi *a)
{
    if (a)
        i2c_bus_sync(a->i2c);
}

void pc_acpi_free(PcAcpi *a)
{
    if (!a)
        return;
    for (int i = 0; i < SMBUS_EEPROM_COUNT; i++)
        smbus_eeprom_free(a->eeprom[i]);
    piix4_pm_free(a->pm);
    i2c_bus_free(a->i2c);
    free(a);
}
