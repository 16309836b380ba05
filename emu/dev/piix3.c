/* piix3.c: Intel 82371SB PIIX3 PCI-to-ISA bridge, function 00:01.0: identity 8086:7000
 * (header type 0x80: the IDE function 00:01.1 follows), the PIRQ route control registers
 * 0x60-0x63 that steer PCI INTx (PIRQ A-D) to ISA IRQs, and the reset control register at
 * port 0xCF9. Reference: Intel 82371FB/SB datasheet (290550) 2.2.9 and 4.1.17; QEMU 7.2
 * hw/isa/piix3.c for the reset values and saved state (checked through qtest).
 * The ELCR (0x4D0/0x4D1) lives with the PICs. Not emulated: the ISA/X-bus, DMA, SMI and
 * APIC registers beyond plain storage, the top-of-memory register's effect. */
#include "emu/dev/piix3.h"

#include <stdlib.h>

static int piix3_pre_save(void *opaque, Err *err);
static int piix3_post_load(void *opaque, int version, Err *err);
static bool piix3_rcr_needed(void *opaque);

static const VmsDesc piix3_rcr_vms = {
    .name = "PIIX3/rcr", .version = 1, .min_version = 1, .needed = piix3_rcr_needed,
    .fields = (const VmsField[]){ VMS_UINT8(Piix3State, rcr), VMS_END },
};

const VmsDesc piix3_vms = {    /* QEMU vmstate_piix3 */
    .name = "PIIX3", .version = 3, .min_version = 2,
    .pre_save = piix3_pre_save, .post_load = piix3_post_load,
    .fields = (const VmsField[]){
        VMSN_PCI_DEVICE("dev", Piix3State, dev),
        VMSN_ARRAY_V("pci_irq_levels_vmstate", Piix3State, pci_irq_levels_vmstate, int32_t,
                     PIIX3_NUM_PIRQS, vms_info_int32, 3),
        VMS_END,
    },
    .subsections = (const VmsDesc *const[]){ &piix3_rcr_vms, NULL },
};

static bool piix3_rcr_needed(void *opaque) { return ((Piix3State *)opaque)->rcr != 0; }

static int piix3_pre_save(void *opaque, Err *err)
{
    Piix3State *s = opaque;
    for (int i = 0; i < PIIX3_NUM_PIRQS; i++)
        s->pci_irq_levels_vmstate[i] = pci_bus_irq_level(s->dev.bus, i);
    return 0;
}

/* ---- routing ---- */

static void piix3_set_level_internal(Piix3State *s, int pirq, int level)
{
    uint8_t pic_irq = s->dev.config[PIIX3_PIRQRC + pirq];
    if (pic_irq >= PIIX3_NUM_PIC_IRQS)
        return;                      /* bit 7: routing disabled */
    uint64_t mask = 1ull << (pic_irq * PIIX3_NUM_PIRQS + pirq);
    s->pic_levels = (s->pic_levels & ~mask) | (level ? mask : 0);
}

static void piix3_drive_pic(Piix3State *s, int pic_irq)
{
    uint64_t all = ((1ull << PIIX3_NUM_PIRQS) - 1) << (pic_irq * PIIX3_NUM_PIRQS);
    irq_set(&s->isa_irq[pic_irq], (s->pic_levels & all) != 0);
}

static void piix3_set_pirq(void *opaque, int pirq, int level)
{
    Piix3State *s = opaque;
    uint8_t pic_irq = s->dev.config[PIIX3_PIRQRC + pirq];
    if (pic_irq >= PIIX3_NUM_PIC_IRQS)
        return;
    piix3_set_level_internal(s, pirq, level);
    piix3_drive_pic(s, pic_irq);
}

static void piix3_recompute_levels(Piix3State *s)
{
    s->pic_levels = 0;
    for (int pirq = 0; pirq < PIIX3_NUM_PIRQS; pirq++)
        piix3_set_level_internal(s, pirq, pci_bus_irq_level(s->dev.bus, pirq));
}

static void piix3_config_write(PciDev *d, uint32_t addr, uint32_t val, unsigned len)
{
    Piix3State *s = (Piix3State *)d;
    pci_default_write_config(d, addr, val, len);
    if (addr < PIIX3_PIRQRC + 4 && PIIX3_PIRQRC < addr + len) {
        piix3_recompute_levels(s);
        for (int irq = 0; irq < PIIX3_NUM_PIC_IRQS; irq++)
            piix3_drive_pic(s, irq);
    }
}

void piix3_sync_irqs(Piix3State *s)
{
    piix3_recompute_levels(s);
    for (int irq = 0; irq < PIIX3_NUM_PIC_IRQS; irq++)
        piix3_drive_pic(s, irq);
}

/* ---- reset control register, port 0xCF9 ---- */

static uint32_t piix3_rcr_read(void *opaque, uint32_t off, unsigned size)
{
    return ((Piix3State *)opaque)->rcr;
}

static void piix3_rcr_write(void *opaque, uint32_t off, uint32_t val, unsigned size)
{
    Piix3State *s = opaque;
    if (val & 4) {
        trace(TRACE_DEV, "piix3: reset through 0xcf9 (%#x)", val);
        if (s->reset_request)
            s->reset_request(s->reset_opaque);
        return;
    }
    s->rcr = val & 2;                /* only the reset type is kept */
}

/* Post-load touches nothing outside this device: the ISA lines are driven again by
 * piix3_sync_irqs() from machine_post_load(), once the PICs are loaded. */
static int piix3_post_load(void *opaque, int version, Err *err)
{
    Piix3State *s = opaque;
    if (s->rcr & ~2u)
        return ERR(err, -EINVAL, "PIIX3: reset control register %#x has bits besides 1", s->rcr);
    s->pic_levels = 0;
    return 0;
}

void piix3_reset(Piix3State *s)
{
    static const struct { uint8_t reg, val; } init[] = {   /* QEMU piix3_reset */
        { 0x04, 0x07 }, { 0x05, 0x00 }, { 0x06, 0x00 }, { 0x07, 0x02 }, { 0x4c, 0x4d },
        { 0x4e, 0x03 }, { 0x4f, 0x00 }, { 0x60, 0x80 }, { 0x61, 0x80 }, { 0x62, 0x80 },
        { 0x63, 0x80 }, { 0x69, 0x02 }, { 0x70, 0x80 }, { 0x76, 0x0c }, { 0x77, 0x0c },
        { 0x78, 0x02 }, { 0x79, 0x00 }, { 0x80, 0x00 }, { 0x82, 0x00 }, { 0xa0, 0x08 },
        { 0xa2, 0x00 }, { 0xa3, 0x00 }, { 0xa4, 0x00 }, { 0xa5, 0x00 }, { 0xa6, 0x00 },
        { 0xa7, 0x00 }, { 0xa8, 0x0f }, { 0xaa, 0x00 }, { 0xab, 0x00 }, { 0xac, 0x00 },
        { 0xae, 0x00 },
    };
    for (size_t i = 0; i < ARRAY_SIZE(init); i++)
        s->dev.config[init[i].reg] = init[i].val;
    s->pic_levels = 0;
    s->rcr = 0;
    pci_dev_reset(&s->dev);          /* then the generic part clears command to 0 */
}

Piix3State *piix3_init(PciBus *pb, Bus *io, const IrqLine isa_irq[PIIX3_NUM_PIC_IRQS],
                       void (*reset_request)(void *opaque), void *reset_opaque)
{
    Piix3State *s = xzalloc(sizeof *s);
    pci_dev_init(&s->dev, pb, PCI_DEVFN(1, 0), "PIIX3", 0x8086, 0x7000, 0x00, 0x060100);
    s->dev.config[PCI_HEADER_TYPE] = PCI_HEADER_TYPE_MULTI_FUNCTION;
    s->dev.config_write = piix3_config_write;
    for (int i = 0; i < PIIX3_NUM_PIC_IRQS; i++)
        s->isa_irq[i] = isa_irq ? isa_irq[i] : (IrqLine){ 0 };
    s->reset_request = reset_request;
    s->reset_opaque = reset_opaque;
    pci_bus_set_pirq_handler(pb, piix3_set_pirq, s);
    bus_map_io(io, PIIX3_RCR_PORT, 1, s, piix3_rcr_read, piix3_rcr_write, IO_SIZE8);
    bus_name_io(io, "piix3-reset-control", PIIX3_RCR_PORT, 1, 1);   /* over pci-conf-idx */
    piix3_reset(s);
    return s;
}

void piix3_free(Piix3State *s) { free(s); }
