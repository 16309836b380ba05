/* i440fx.h: Intel 82441FX PCI and memory controller, function 00:00.0 of the pc machine. */
#ifndef PCEMU_DEV_I440FX_H
#define PCEMU_DEV_I440FX_H

#include "emu/base/base.h"
#include "emu/hw/bus.h"
#include "emu/hw/pci.h"
#include "snapshot/format/vmstate.h"

enum {
    I440FX_DRAMC = 0x57,        /* QEMU puts the RAM size in 8 MiB units here (coreboot) */
    I440FX_PAM = 0x59,          /* PAM0..PAM6: 0x59..0x5F */
    I440FX_PAM_SIZE = 7,
    I440FX_SMRAM = 0x72,
    I440FX_SMRAM_D_OPEN = 0x40, I440FX_SMRAM_D_CLS = 0x20, I440FX_SMRAM_D_LCK = 0x10,
    I440FX_SMRAM_G_SMRAME = 0x08,
    I440FX_PAM_REGIONS = 13,    /* 0xF0000 (64 KiB), then twelve 16 KiB blocks from 0xC0000 */
};

typedef struct I440fxState {
    PciDev dev;                  /* saved ("parent_obj") */
    /* wiring, set by i440fx_init; never saved */
    Bus *mem;
    uint8_t *ram;                /* guest RAM at physical 0 (at least 1 MiB) */
    uint8_t *rom_c0000;          /* 128 KiB read at 0xC0000-0xDFFFF when PAM decodes to PCI
                                    (QEMU's read-only pc.rom); NULL = unassigned */
    uint8_t *rom_e0000;          /* 128 KiB read at 0xE0000-0xFFFFF when PAM decodes to PCI
                                    (the BIOS's low alias, isa-bios); NULL = unassigned */
    uint8_t pam_mapped[I440FX_PAM_REGIONS]; /* attribute now on the bus; 0xFF = none yet */
    int smram_mapped;            /* 1 once 0xA0000-0xBFFFF is pc.ram on the bus */
    /* QEMU's regions for `info mtree` (pam.c, i440fx.c), switched with the mapping: per PAM
     * region the aliases pam-pci, pam-rom, pam-pci (RAM), pam-ram, one enabled at a time */
    MtreeRegion *pam_alias[I440FX_PAM_REGIONS][4];
    MtreeRegion *smram_region;   /* 0xA0000 shows the PCI side: enabled while !D_OPEN */
    MtreeRegion *smram;          /* SMM's view of low SMRAM: enabled while G_SMRAME */
    uint32_t window_base, window_len; /* pc.ram over PAM there (i440fx_set_ram_window) */
} I440fxState;

extern const VmsDesc i440fx_vms;   /* "I440FX" v3: section 0000:00:00.0/I440FX */

/* The PAM and SMRAM aliases show the bus's region tree's "pc.ram" and "pci" (pc_mtree.h),
 * created before i440fx_init (else regions of its own, unattached). Plugs the host bridge into devfn 0 of pb and maps PAM (all PCI: ROM reads, writes
 * dropped) and the SMRAM window (0xA0000-0xBFFFF: RAM only while D_OPEN). ram_size sets
 * register 0x57 as QEMU does. The pointers stay owned by the machine. */
I440fxState *i440fx_init(PciBus *pb, Bus *mem, uint64_t ram_size, uint8_t *ram,
                         uint8_t *rom_c0000, uint8_t *rom_e0000);
void i440fx_reset(I440fxState *s);
/* Maps pc.ram at [base, base + len) (page-aligned) whatever the PAM registers say, until
 * the next call; len 0 gives the PAM mapping back (QEMU's kvmvapic "kvmvapic-rom" alias,
 * which overlaps PAM with a higher priority). Only 0xC0000-0xFFFFF is affected. */
void i440fx_set_ram_window(I440fxState *s, uint32_t base, uint32_t len);
void i440fx_free(I440fxState *s);

#endif
