/* i440fx.c: Intel 82441FX host bridge (PMC), function 00:00.0: PCI identity 8086:1237 rev 2,
 * the PAM registers that switch 0xC0000-0xFFFFF between the ROM side and RAM, and the SMRAM
 * register. Reference: Intel 440FX PCIset datasheet (290549) 3.2.18-3.2.19; QEMU 7.2
 * hw/pci-host/i440fx.c and pam.c, whose behaviour this follows:
 *  - PAM attribute per region: 0 decodes to PCI (reads the ROM side, writes dropped), 1
 *    reads RAM and drops writes, 2 and 3 are RAM. XXX: hardware reads mode 2 from the ROM
 *    side; QEMU 7.2 maps it as RAM (measured), and pcemu does as QEMU.
 *  - SMRAM (0x72): reset 0x02, kept but not acted on (no SMM). 0xA0000-0xBFFFF shows RAM
 *    whatever D_OPEN says: with D_OPEN clear QEMU shows the PCI side there, but with no VGA
 *    that side is an empty container, through which QEMU's pc.ram shows (`info mtree -f`
 *    on -nodefaults: pc.ram 0-0xbffff). Linux's vgacon finds its scratch words at 0xB8000
 *    there and prints "colour VGA+"; unassigned, it fell back to the dummy console.
 *  - A system reset clears only the generic PCI bits: PAM and SMRAM keep their values, as
 *    QEMU 7.2 measured through qtest (the guest's BIOS reprograms them).
 * Not emulated: DRAM timing and row registers (plain storage), error reporting. */
#include "emu/dev/i440fx.h"

#include <stdlib.h>

enum { PAM_ATTR_PCI = 0, PAM_ATTR_RAM_RO = 1, PAM_ATTR_PCI_W = 2, PAM_ATTR_RAM = 3 };
#define SMRAM_BASE 0xa0000u
#define SMRAM_SIZE 0x20000u
#define SMRAM_D_OPEN 0x40u
#define SMRAM_G_SMRAME 0x08u

static void i440fx_config_write(PciDev *d, uint32_t addr, uint32_t val, unsigned len);
static void i440fx_config_loaded(PciDev *d);

const VmsDesc i440fx_vms = {   /* QEMU vmstate_i440fx */
    .name = "I440FX", .version = 3, .min_version = 3,
    .fields = (const VmsField[]){
        VMSN_PCI_DEVICE("parent_obj", I440fxState, dev),
        VMS_UNUSED(1),                  /* was smm_enabled */
        VMS_END,
    },
};

/* Region i: 0 = 0xF0000-0xFFFFF (PAM0 high nibble), 1..12 = 16 KiB blocks from 0xC0000
 * (PAM1 low nibble, PAM1 high, PAM2 low, ...). */
static uint32_t pam_base(int i) { return i == 0 ? 0xf0000u : 0xc0000u + (uint32_t)(i - 1) * 0x4000u; }
static uint32_t pam_size(int i) { return i == 0 ? 0x10000u : 0x4000u; }

static uint8_t *pam_rom(I440fxState *s, uint32_t addr)
{
    uint8_t *rom = addr < 0xe0000 ? s->rom_c0000 : s->rom_e0000;
    return rom ? rom + (addr & 0x1ffff) : NULL;
}

/* QEMU's init_pam and the SMRAM windows of i440fx_realize, as `info mtree` names them. */
static void i440fx_init_regions(I440fxState *s, uint64_t ram_size)
{
    Mtree *t = bus_mtree(s->mem);
    MtreeRegion *sys = bus_mem_root(s->mem), *ram = mtree_find(t, "pc.ram");
    MtreeRegion *pci = mtree_find(t, "pci");
    if (!ram)   /* a bridge without the pc machine's regions (unit tests): its own targets */
        ram = mtree_region(t, "pc.ram", MTREE_RAM, ram_size - 1);
    if (!pci)
        pci = mtree_region(t, "pci", MTREE_CONTAINER, MTREE_ALL);
    s->smram_region = mtree_alias(t, "smram-region", pci, SMRAM_BASE, SMRAM_SIZE - 1);
    mtree_add(sys, s->smram_region, SMRAM_BASE, 1);
    s->smram = mtree_region(t, "smram", MTREE_CONTAINER, 0xffffffffu);
    MtreeRegion *low = mtree_alias(t, "smram-low", ram, SMRAM_BASE, SMRAM_SIZE - 1);
    mtree_add(s->smram, low, SMRAM_BASE, 0);
    for (int i = 0; i < I440FX_PAM_REGIONS; i++) {
        uint32_t base = pam_base(i), last = pam_size(i) - 1;
        MtreeRegion **a = s->pam_alias[i];
        a[PAM_ATTR_PCI] = mtree_alias(t, "pam-pci", pci, base, last);
        a[PAM_ATTR_RAM_RO] = mtree_alias(t, "pam-rom", ram, base, last);
        mtree_set_readonly(a[PAM_ATTR_RAM_RO], true);
        a[PAM_ATTR_PCI_W] = mtree_alias(t, "pam-pci", ram, base, last);
        a[PAM_ATTR_RAM] = mtree_alias(t, "pam-ram", ram, base, last);
        for (int k = 0; k < 4; k++) {
            mtree_set_enabled(a[k], false);
            mtree_add(sys, a[k], base, 1);
        }
    }
}

/* The part of the RAM window inside 0xC0000-0xFFFFF, as [*lo, *hi); false when empty. */
static bool window_range(const I440fxState *s, uint32_t *lo, uint32_t *hi)
{
    uint64_t end = (uint64_t)s->window_base + s->window_len;
    *lo = s->window_base < 0xc0000u ? 0xc0000u : s->window_base;
    *hi = end > 0x100000u ? 0x100000u : (uint32_t)end;
    return s->window_len && *lo < *hi;
}

static void i440fx_update_memory_mappings(I440fxState *s)
{
    const uint8_t *cfg = s->dev.config;
    bool remapped = false;
    for (int i = 0; i < I440FX_PAM_REGIONS; i++) {
        uint8_t reg = cfg[I440FX_PAM + (i + 1) / 2];
        uint8_t attr = (reg >> ((i & 1) ? 0 : 4)) & 3;
        if (attr == s->pam_mapped[i])
            continue;
        for (int k = 0; k < 4; k++)
            mtree_set_enabled(s->pam_alias[i][k], k == attr);
        s->pam_mapped[i] = attr;
        remapped = true;
        uint32_t base = pam_base(i), size = pam_size(i);
        uint8_t *ram = s->ram + base;
        switch (attr) {
        case PAM_ATTR_RAM:
        case PAM_ATTR_PCI_W:
            bus_map_ram(s->mem, base, size, ram);
            break;
        case PAM_ATTR_RAM_RO:
            bus_map_split(s->mem, base, size, ram, NULL);
            break;
        default:   /* PCI: the ROM side for reads, writes dropped */
            bus_map_split(s->mem, base, size, pam_rom(s, base), NULL);
            break;
        }
        trace(TRACE_DEV, "i440fx: PAM region %#x mode %u", base, attr);
    }
    mtree_set_enabled(s->smram_region, !(cfg[I440FX_SMRAM] & SMRAM_D_OPEN));
    mtree_set_enabled(s->smram, cfg[I440FX_SMRAM] & SMRAM_G_SMRAME);
    uint32_t lo, hi;
    if (remapped && window_range(s, &lo, &hi))
        bus_map_ram(s->mem, lo, hi - lo, s->ram + lo);
    if (!s->smram_mapped) {
        s->smram_mapped = 1;
        bus_map_ram(s->mem, SMRAM_BASE, SMRAM_SIZE, s->ram + SMRAM_BASE);
    }
}

static void i440fx_config_write(PciDev *d, uint32_t addr, uint32_t val, unsigned len)
{
    I440fxState *s = (I440fxState *)d;
    pci_default_write_config(d, addr, val, len);
    if ((addr < I440FX_PAM + I440FX_PAM_SIZE && I440FX_PAM < addr + len) ||
        (addr <= I440FX_SMRAM && I440FX_SMRAM < addr + len))
        i440fx_update_memory_mappings(s);
}

/* The mapping follows the loaded PAM/SMRAM bytes at once: it is this device's own decode. */
static void i440fx_config_loaded(PciDev *d) { i440fx_update_memory_mappings((I440fxState *)d); }

void i440fx_set_ram_window(I440fxState *s, uint32_t base, uint32_t len)
{
    uint32_t lo, hi;
    if (window_range(s, &lo, &hi))   /* the regions under the old window get PAM's back */
        for (int i = 0; i < I440FX_PAM_REGIONS; i++)
            if (pam_base(i) < hi && lo < pam_base(i) + pam_size(i))
                s->pam_mapped[i] = 0xff;
    s->window_base = base;
    s->window_len = len;
    i440fx_update_memory_mappings(s);
    if (window_range(s, &lo, &hi))
        bus_map_ram(s->mem, lo, hi - lo, s->ram + lo);
}

void i440fx_reset(I440fxState *s)
{
    pci_dev_reset(&s->dev);
    i440fx_update_memory_mappings(s);
}

I440fxState *i440fx_init(PciBus *pb, Bus *mem, uint64_t ram_size, uint8_t *ram,
                         uint8_t *rom_c0000, uint8_t *rom_e0000)
{
    I440fxState *s = xzalloc(sizeof *s);
    pci_dev_init(&s->dev, pb, PCI_DEVFN(0, 0), "i440FX", 0x8086, 0x1237, 0x02, 0x060000);
    s->dev.config_write = i440fx_config_write;
    s->dev.config_loaded = i440fx_config_loaded;
    s->dev.config[I440FX_SMRAM] = 0x02;
    uint64_t units = ram_size / (8u << 20);
    s->dev.config[I440FX_DRAMC] = (uint8_t)(units > 255 ? 255 : units);
    s->mem = mem;
    s->ram = ram;
    s->rom_c0000 = rom_c0000;
    s->rom_e0000 = rom_e0000;
    for (int i = 0; i < I440FX_PAM_REGIONS; i++)
        s->pam_mapped[i] = 0xff;
    s->smram_mapped = 0;
    i440fx_init_regions(s, ram_size);
    i440fx_reset(s);
    return s;
}

void i440fx_free(I440fxState *s) { free(s); }
