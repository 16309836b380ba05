/* pc_mtree.c: the machine's own regions in QEMU 7.2's names (hw/i386/pc.c pc_memory_init,
 * x86.c x86_bios_rom_init, target/i386/tcg/sysemu/tcg-cpu.c for the SMM view); see
 * pc_mtree.h. The RAM above 4 GiB (ram-above-4g) never exists: pcemu's RAM ends below the
 * PCI hole. */
#include "emu/machine/pc_mtree.h"

#define ISA_BIOS_MAX 0x20000u   /* the low window shows at most the firmware's last 128 KiB */

void pc_mtree_memory(Bus *b, uint64_t ram_size, uint64_t bios_size, uint64_t rom_size)
{
    Mtree *t = bus_mtree(b);
    MtreeRegion *sys = bus_mem_root(b);
    MtreeRegion *ram = mtree_region(t, "pc.ram", MTREE_RAM, ram_size - 1);
    mtree_add(sys, mtree_alias(t, "ram-below-4g", ram, 0, ram_size - 1), 0, 0);
    MtreeRegion *pci = mtree_region(t, "pci", MTREE_CONTAINER, MTREE_ALL);
    mtree_add(sys, pci, 0, -1);
    MtreeRegion *bios = mtree_region(t, "pc.bios", MTREE_ROM, bios_size - 1);
    uint64_t isa = MIN(bios_size, ISA_BIOS_MAX);
    mtree_add(pci, mtree_alias(t, "isa-bios", bios, bios_size - isa, isa - 1), 0x100000 - isa, 1);
    mtree_add(pci, bios, 0x100000000ull - bios_size, 0);
    mtree_add(pci, mtree_region(t, "pc.rom", MTREE_ROM, rom_size - 1), 0xc0000, 1);
    /* QEMU's POST code port: reads all-ones and drops writes, as an unclaimed port does */
    bus_name_io(b, "ioport80", 0x80, 1, 0);
}

void pc_mtree_spaces(Bus *b)
{
    Mtree *t = bus_mtree(b);
    MtreeRegion *sys = bus_mem_root(b), *smram = mtree_find(t, "smram");
    mtree_add_as(t, "I/O", bus_io_root(b));
    mtree_add_as(t, "memory", sys);
    mtree_add_as(t, "cpu-memory-0", sys);
    MtreeRegion *smm = mtree_region(t, "memory", MTREE_CONTAINER, MTREE_ALL);
    mtree_add(smm, mtree_alias(t, "memory", sys, 0, MTREE_ALL), 0, 0);
    if (smram)
        mtree_add(smm, mtree_alias(t, "smram", smram, 0, 0xffffffffu), 0, 1);
    mtree_add_as(t, "cpu-smm-0", smm);
}
