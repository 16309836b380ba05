/* pc_vapic.h: the kvmvapic device (emu/dev/kvmvapic.c) wired into the pc machine: its ROM
 * in fw_cfg, its view of the CPU, the APIC and the i440FX's memory map. See pc_vapic.c. */
#ifndef PCEMU_MACHINE_PC_VAPIC_H
#define PCEMU_MACHINE_PC_VAPIC_H

#include "emu/cpu/cpu.h"
#include "emu/dev/apic.h"
#include "emu/dev/fwcfg.h"
#include "emu/dev/i440fx.h"
#include "emu/dev/kvmvapic.h"
#include "emu/hw/bus.h"
#include "emu/hw/mtree.h"

typedef struct PcVapic {
    VapicState *dev;           /* the device; section "kvm-tpr-opt" */
    Cpu *cpu;                  /* wiring, borrowed */
    ApicState *apic;
    I440fxState *i440fx;
    Bus *mem;
    MtreeRegion *rom;          /* "kvmvapic-rom" in `info mtree`, while the ROM is writable */
    uint32_t rom_base, rom_len;
} PcVapic;

/* Creates the device on port 0x7E, beside apic, as QEMU's apic_common_realize does for a
 * TCG APIC. ram_size is pc.ram's. */
PcVapic *pc_vapic_new(Bus *io, Bus *mem, uint64_t ram_size, Cpu *cpu, ApicState *apic,
                      I440fxState *i440fx);
void pc_vapic_free(PcVapic *v);   /* NULL is fine */
/* Adds genroms/kvmvapic.bin (found as the other firmware files) to fw_cfg. */
int pc_vapic_add_rom(FwCfgState *f, Err *err);

#endif
