/* pc_vapic.c: the kvmvapic device in the pc machine. QEMU 7.2's pc_cpus_init realizes the
 * APIC, and with it the kvmvapic device, which puts kvmvapic.bin first in its option_rom
 * list; pc_memory_init then adds that list to fw_cfg as genroms/ files (no RAM block:
 * the pc machine's option ROMs have no memory region, SeaBIOS copies them into pc.ram).
 * fw_cfg keeps files sorted by name, so only the name decides the selector. */
#include "emu/machine/pc_vapic.h"

#include <stdlib.h>

#include "firmware/firmware.h"

static void vapic_regs(void *opaque, uint32_t *eip, uint32_t *cs_base, uint32_t *esp,
                       uint32_t *fs_base)
{
    const CpuState *c = cpu_state(((PcVapic *)opaque)->cpu);   /* exact inside cpu_run:
                                                                  invariant 3 of cpu_int.h */
    *eip = c->eip;
    *cs_base = c->segs[R_CS].base;
    *esp = c->regs[R_ESP];
    *fs_base = c->segs[R_FS].base;
}

static bool vapic_translate(void *opaque, uint32_t lin, uint32_t *phys)
{
    return cpu_debug_translate(((PcVapic *)opaque)->cpu, lin, phys);
}

/* The ROM's pages as writable pc.ram, and QEMU's alias for them (vapic_map_rom_writable:
 * "kvmvapic-rom", priority 1000 in system memory) in the tree `info mtree` prints. */
static void vapic_map_ram(void *opaque, uint32_t paddr, uint32_t len)
{
    PcVapic *v = opaque;
    i440fx_set_ram_window(v->i440fx, paddr, len);
    if (v->rom && v->rom_base == paddr && v->rom_len == len)
        return;
    if (v->rom)
        mtree_del(v->rom);
    v->rom = NULL;
    MtreeRegion *ram = mtree_find(bus_mtree(v->mem), "pc.ram");
    if (!len || !ram)
        return;
    v->rom = mtree_alias(bus_mtree(v->mem), "kvmvapic-rom", ram, paddr, len - 1);
    mtree_add(bus_mem_root(v->mem), v->rom, paddr, 1000);
    v->rom_base = paddr;
    v->rom_len = len;
}

static void vapic_enable(void *opaque, uint32_t paddr) { apic_enable_vapic(((PcVapic *)opaque)->apic, paddr); }
static void vapic_reporting(void *opaque, bool on) { apic_enable_tpr_reporting(((PcVapic *)opaque)->apic, on); }
static void vapic_poll(void *opaque) { apic_poll_irq(((PcVapic *)opaque)->apic); }
static void vapic_tpr_access(void *opaque, bool write) { vapic_report_tpr_access(((PcVapic *)opaque)->dev, write); }

PcVapic *pc_vapic_new(Bus *io, Bus *mem, uint64_t ram_size, Cpu *cpu, ApicState *apic,
                      I440fxState *i440fx)
{
    PcVapic *v = xzalloc(sizeof *v);
    *v = (PcVapic){ .cpu = cpu, .apic = apic, .i440fx = i440fx, .mem = mem };
    v->dev = vapic_init(io, mem, ram_size, &(VapicHost){
        .regs = vapic_regs, .translate = vapic_translate, .map_ram = vapic_map_ram,
        .enable_vapic = vapic_enable, .tpr_reporting = vapic_reporting, .poll_irq = vapic_poll,
        .opaque = v });
    apic_set_tpr_access(apic, vapic_tpr_access, v);
    return v;
}

void pc_vapic_free(PcVapic *v)
{
    if (!v)
        return;
    vapic_free(v->dev);
    free(v);
}

int pc_vapic_add_rom(FwCfgState *f, Err *err)
{
    char *path = NULL;
    uint8_t *rom = NULL;
    uint32_t n;
    int r = firmware_find(VAPIC_ROM_FILE, &path, err);
    if (!r)
        r = firmware_read_file(path, FIRMWARE_ROM_SIZE, &rom, &n, err);
    if (!r)
        r = fwcfg_add_file(f, "genroms/" VAPIC_ROM_FILE, rom, n, err);
    free(rom);
    free(path);
    return r;
}
