/* pic.h: the two cascaded Intel 8259A interrupt controllers of a PC (master at 0x20,
 * slave at 0xA0) with the PIIX3 ELCR (0x4D0/0x4D1). See pic.c. */
#ifndef PCEMU_DEV_PIC_H
#define PCEMU_DEV_PIC_H

#include "emu/hw/bus.h"
#include "emu/hw/irq.h"
#include "snapshot/format/vmstate.h"

/* One 8259A; field names and order are QEMU 7.2's "i8259" section. */
typedef struct PicChip {
    uint8_t last_irr;        /* input levels at the last update (edge detection), bit n = IRn */
    uint8_t irr;             /* interrupt request register */
    uint8_t imr;             /* interrupt mask register (OCW1) */
    uint8_t isr;             /* in-service register */
    uint8_t priority_add;    /* rotation: IRQ with highest priority, 0..7; checked on load */
    uint8_t irq_base;        /* vector of IR0 from ICW2 (bits 7..3) */
    uint8_t read_reg_select; /* OCW3 RIS: 0 = command port reads IRR, 1 = ISR */
    uint8_t poll;            /* 1 = next read is a poll (OCW3 P) */
    uint8_t special_mask;    /* OCW3 special mask mode, 0/1 */
    uint8_t init_state;      /* 0 ready, 1 expecting ICW2, 2 ICW3, 3 ICW4; checked on load */
    uint8_t auto_eoi;        /* ICW4 AEOI, 0/1 */
    uint8_t rotate_on_auto_eoi; /* OCW2 rotate in AEOI mode, 0/1 */
    uint8_t special_fully_nested_mode; /* ICW4 SFNM, 0/1 */
    uint8_t init4;           /* ICW1 IC4: ICW4 follows, 0/1 */
    uint8_t single_mode;     /* ICW1 SNGL, stored as QEMU does: 0 or 2 */
    uint8_t elcr;            /* ELCR: bit n = IRn level triggered; not reset by ICW1 */
    uint8_t elcr_mask;       /* writable ELCR bits (0xF8 master, 0xDE slave); not saved */
    bool master;             /* chip 0; not saved */
} PicChip;

typedef struct PicState {
    PicChip chip[2];         /* saved: chip[0] as "i8259" instance 0, chip[1] instance 1 */
    const IrqLine *intr;     /* master INT output to the CPU; wiring, never saved */
    /* the monitor's 'info irq', never saved (QEMU's pic_stat_update_irq): rising edges
     * of each input, IRQ 2 being the slave's output */
    uint64_t irq_count[16];
    uint16_t stat_level;     /* input levels as last counted, bit n = IRQ n */
} PicState;

/* "i8259" v1: one chip. machine.c registers it twice, for &s->chip[0] (instance 0) and
 * &s->chip[1] (instance 1). */
extern const VmsDesc pic_vms;

/* Maps 0x20-0x21, 0xA0-0xA1 and 0x4D0-0x4D1; intr receives the INT output (level). */
PicState *pic_init(Bus *io, const IrqLine *intr);
void pic_free(PicState *s);
void pic_reset(PicState *s);
/* IrqLine receiver for ISA IRQ n (0..15): irq_line = { pic_set_irq, s, n }. */
void pic_set_irq(void *opaque, int n, int level);
/* Interrupt acknowledge: the vector the CPU takes (spurious 7/15 when nothing is pending). */
int pic_ack(PicState *s);
/* Level of the INT output now (true = an unmasked request outranks the in-service one). */
bool pic_intr(const PicState *s);
/* After a load: drive the INT output from the loaded registers. */
void pic_sync(PicState *s);

#endif
