/* machine_types.c: the machine types pcemu offers, as a table of properties (machine.h),
 * and QEMU's defaults for a configuration. Only QEMU 7.2's pc-i440fx-7.2 exists; a later
 * type that changes a property (a larger pc.bios minimum, a new default) is a new row, so
 * that snapshots of the old type keep loading. */
#include "emu/machine/machine.h"

#include <string.h>

const MachineType machine_types[] = {
    {
        .name = "pc-i440fx-7.2",
        .alias = "pc",
        .desc = "Standard PC (i440FX + PIIX, 1996) (QEMU 7.2's pc-i440fx-7.2)",
        /* QEMU 7.2 loads bios-256k.bin for this type: a 256 KiB pc.bios block, which a
         * QEMU snapshot's RAM section requires, whatever firmware pcemu runs. */
        .bios_min = 256 * 1024,
        .default_ram = 128ull << 20,
        /* All RAM sits below 3 GiB; above that QEMU splits RAM around the PCI hole. */
        .max_ram = 3072ull << 20,
        .kbc_extended_state = true,
    },
    {
        /* QEMU 7.2's pc-i440fx-6.0. Of its compat properties (hw_compat_7_1..6_0) pcemu
         * models the i8042's "extended-state", off from 6.0 down (6.1 has it on, checked
         * with QEMU 7.2): its snapshots lack the "pckbd/extended_state" subsection. */
        .name = "pc-i440fx-6.0",
        .desc = "Standard PC (i440FX + PIIX, 1996) (QEMU 7.2's pc-i440fx-6.0)",
        .bios_min = 256 * 1024,
        .default_ram = 128ull << 20,
        .max_ram = 3072ull << 20,
        .kbc_extended_state = false,
    },
    { .name = NULL },
};

const MachineType *machine_type_find(const char *name)
{
    for (const MachineType *t = machine_types; t->name; t++)
        if (!strcmp(name, t->name) || (t->alias && !strcmp(name, t->alias)))
            return t;
    return NULL;
}

void machine_config_init(MachineConfig *c, const MachineType *type)
{
    memset(c, 0, sizeof *c);
    c->type = type ? type : &machine_types[0];
    c->ram_size = c->type->default_ram;
    c->boot_reboot_timeout_ms = -1;
    c->icount_shift = MACHINE_DEFAULT_ICOUNT_SHIFT;
    /* QEMU 7.2's `-M pc -nodefaults`: ACPI, HPET and vmport (auto: on) with the qemu32 CPU
     * and its APIC. acpi=off,hpet=off,vmport=off and -cpu ...,-apic give the reduced PC. */
    c->acpi = c->hpet = c->vmport = true;
    cpu_model_default(&c->cpu);
}

void machine_config_reduced(MachineConfig *c)
{
    c->acpi = c->hpet = c->vmport = false;
    cpu_model_reduced(&c->cpu);
}
