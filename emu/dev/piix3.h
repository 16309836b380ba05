/* piix3.h: Intel 82371SB PIIX3 PCI-to-ISA bridge, function 00:01.0 of the pc machine. */
#ifndef PCEMU_DEV_PIIX3_H
#define PCEMU_DEV_PIIX3_H

#include "emu/base/base.h"
#include "emu/hw/bus.h"
#include "emu/hw/irq.h"
#include "emu/hw/pci.h"
#include "snapshot/format/vmstate.h"

enum {
    PIIX3_PIRQRC = 0x60,        /* PIRQRC[A..D]: 0x60..0x63, bit 7 = routing disabled */
    PIIX3_NUM_PIRQS = 4,
    PIIX3_NUM_PIC_IRQS = 16,
    PIIX3_RCR_PORT = 0xcf9,
};

typedef struct Piix3State {
    PciDev dev;                          /* saved ("dev") */
    int32_t pci_irq_levels_vmstate[PIIX3_NUM_PIRQS]; /* saved: PIRQ levels, filled by pre_save */
    uint8_t rcr;                         /* saved (subsection PIIX3/rcr): reset control, bit 1
                                            = hard reset type; bit 2 writes reset the system */
    uint64_t pic_levels;                 /* bit irq * 4 + pirq: PIRQ pirq asserts ISA irq;
                                            derived from the bus, never saved */
    /* wiring, set by piix3_init; never saved */
    IrqLine isa_irq[PIIX3_NUM_PIC_IRQS]; /* the ISA IRQ inputs of the PICs (ELCR is the PIC's) */
    void (*reset_request)(void *opaque); /* system reset (RCR bit 2) */
    void *reset_opaque;
} Piix3State;

extern const VmsDesc piix3_vms;      /* "PIIX3" v3: section 0000:00:01.0/PIIX3 */

/* Plugs the bridge into devfn 8 (00:01.0, multi-function), maps the reset control register
 * at 0xCF9 and takes the bus's PIRQ lines. isa_irq: 16 lines (copied). */
Piix3State *piix3_init(PciBus *pb, Bus *io, const IrqLine isa_irq[PIIX3_NUM_PIC_IRQS],
                       void (*reset_request)(void *opaque), void *reset_opaque);
void piix3_reset(Piix3State *s);
/* After a load (machine_post_load): recompute which ISA IRQs the PIRQs assert, from the PCI
 * bus's irq_count, and drive those lines. */
void piix3_sync_irqs(Piix3State *s);
void piix3_free(Piix3State *s);

#endif
