/* pc_mtree.h: the regions of QEMU 7.2's pc machine that belong to no chip, for HMP
 * `info mtree` (mtree.h): the RAM, firmware and PCI windows of pc_memory_init, the POST
 * code port, and the address spaces of the CPU. The chips name their own regions. */
#ifndef PCEMU_PC_MTREE_H
#define PCEMU_PC_MTREE_H

#include "emu/hw/bus.h"

/* pc.ram (ram_size bytes) and its window ram-below-4g in system; the pci container under
 * it (priority -1) holding pc.bios (bios_size bytes, at the top of 4 GiB), its low window
 * isa-bios and pc.rom (rom_size bytes at 0xC0000); port 0x80. Before the chips. */
void pc_mtree_memory(Bus *b, uint64_t ram_size, uint64_t bios_size, uint64_t rom_size);
/* The address spaces I/O, memory and cpu-memory-0, and cpu-smm-0 whose root "memory" shows
 * the i440FX's smram (if any) over system. After the chips. */
void pc_mtree_spaces(Bus *b);

#endif
