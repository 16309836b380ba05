/* pic.c: the PC's two cascaded Intel 8259A programmable interrupt controllers: master at
 * 0x20/0x21 (IR2 = slave INT), slave at 0xA0/0xA1, and the PIIX3 edge/level control
 * registers (ELCR) at 0x4D0/0x4D1. Behaviour and saved state follow QEMU 7.2's
 * hw/intc/i8259.c (section "i8259", one per chip): edge or level triggering per ELCR bit,
 * specific and non-specific EOI, automatic EOI with optional rotation, priority rotation
 * (OCW2), poll mode and special mask mode (OCW3), special fully nested mode on the master.
 * Reference: Intel 8259A datasheet (231468), PIIX3 datasheet section 2.4.
 * Not emulated: ICW1.LTIM (level mode for all inputs; QEMU 7.2 has nowhere to save it, so
 * level mode comes only from the ELCR), MCS-80 call mode, buffered mode. */
#include "emu/dev/pic.h"

#include <stdlib.h>

enum {
    PIC_ICW1 = 0x10,          /* command port bit 4: initialisation */
    PIC_OCW3 = 0x08,          /* command port bit 3 (with bit 4 clear): OCW3, else OCW2 */
    PIC_ICW1_IC4 = 0x01,
    PIC_ICW1_SNGL = 0x02,
    PIC_ICW1_LTIM = 0x08,
    PIC_ELCR_MASK_MASTER = 0xf8,  /* IRQ 0, 1, 2 are always edge triggered */
    PIC_ELCR_MASK_SLAVE = 0xde,   /* IRQ 8 and 13 likewise */
    PIC_NO_IRQ = 8,           /* get_priority(): nothing requested */
};

static int pic_post_load(void *opaque, int version, Err *err);

const VmsDesc pic_vms = {
    .name = "i8259", .version = 1, .min_version = 1, .post_load = pic_post_load,
    .fields = (const VmsField[]){
        VMS_UINT8(PicChip, last_irr),
        VMS_UINT8(PicChip, irr),
        VMS_UINT8(PicChip, imr),
        VMS_UINT8(PicChip, isr),
        VMS_UINT8(PicChip, priority_add),
        VMS_UINT8(PicChip, irq_base),
        VMS_UINT8(PicChip, read_reg_select),
        VMS_UINT8(PicChip, poll),
        VMS_UINT8(PicChip, special_mask),
        VMS_UINT8(PicChip, init_state),
        VMS_UINT8(PicChip, auto_eoi),
        VMS_UINT8(PicChip, rotate_on_auto_eoi),
        VMS_UINT8(PicChip, special_fully_nested_mode),
        VMS_UINT8(PicChip, init4),
        VMS_UINT8(PicChip, single_mode),
        VMS_UINT8(PicChip, elcr),
        VMS_END,
    },
};

/* ---- reset ---- */

/* What ICW1 resets (QEMU's pic_reset_common): everything but the ELCR; level-triggered
 * requests stay. */
static void pic_chip_init_reset(PicChip *c)
{
    c->last_irr = 0;
    c->irr &= c->elcr;
    c->imr = 0;
    c->isr = 0;
    c->priority_add = 0;
    c->irq_base = 0;
    c->read_reg_select = 0;
    c->poll = 0;
    c->special_mask = 0;
    c->init_state = 0;
    c->auto_eoi = 0;
    c->rotate_on_auto_eoi = 0;
    c->special_fully_nested_mode = 0;
    c->init4 = 0;
    c->single_mode = 0;
}

static void pic_update(PicState *s);

void pic_reset(PicState *s)
{
    for (int i = 0; i < 2; i++) {
        s->chip[i].elcr = 0;
        s->chip[i].irr = 0;
        pic_chip_init_reset(&s->chip[i]);
    }
    pic_update(s);
}

/* ---- helpers ---- */

/* Priority (0 = highest) of the best request in mask, PIC_NO_IRQ when mask is 0. */
static int pic_get_priority(const PicChip *c, int mask)
{
    if (mask == 0)
        return PIC_NO_IRQ;
    int priority = 0;
    while (!(mask & (1 << ((priority + c->priority_add) & 7))))
        priority++;
    return priority;
}

/* The IRQ (0..7) this chip would deliver now, or -1. */
static int pic_get_irq(const PicChip *c)
{
    int priority = pic_get_priority(c, c->irr & ~c->imr);
    if (priority == PIC_NO_IRQ)
        return -1;
    /* In special mask mode, masked in-service levels do not block lower priorities; in
     * special fully nested mode the master lets the slave interrupt its own service. */
    int mask = c->isr;
    if (c->special_mask)
        mask &= ~c->imr;
    if (c->special_fully_nested_mode && c->master)
        mask &= ~(1 << 2);
    int cur_priority = pic_get_priority(c, mask);
    return priority < cur_priority ? (priority + c->priority_add) & 7 : -1;
}

/* Input n of chip c changed to level (QEMU's pic_set_irq on one chip). */
static void pic_chip_input(PicChip *c, int n, int level)
{
    int mask = 1 << n;
    if (c->elcr & mask) {
        if (level) {
            c->irr |= mask;
            c->last_irr |= mask;
        } else {
            c->irr &= ~mask;
            c->last_irr &= ~mask;
        }
    } else {
        if (level) {
            if (!(c->last_irr & mask))
                c->irr |= mask;
            c->last_irr |= mask;
        } else {
            c->last_irr &= ~mask;
        }
    }
}

/* Propagate the slave's INT into master IR2, then the master's INT to the CPU. */
/* Counts a rising edge of input n (0..15) for 'info irq'. */
static void pic_stat(PicState *s, int n, int level)
{
    uint16_t bit = (uint16_t)(1u << n);
    if (!!(s->stat_level & bit) == !!level)
        return;
    s->stat_level ^= bit;
    if (level)
        s->irq_count[n]++;
}

static void pic_update(PicState *s)
{
    int cascade = pic_get_irq(&s->chip[1]) >= 0;
    pic_stat(s, 2, cascade);
    pic_chip_input(&s->chip[0], 2, cascade);
    irq_set(s->intr, pic_get_irq(&s->chip[0]) >= 0);
}

/* Acknowledge irq on chip c: set ISR (unless AEOI), clear an edge request. */
static void pic_chip_intack(PicChip *c, int irq)
{
    if (c->auto_eoi) {
        if (c->rotate_on_auto_eoi)
            c->priority_add = (irq + 1) & 7;
    } else {
        c->isr |= 1 << irq;
    }
    if (!(c->elcr & (1 << irq)))   /* a level request stays until the device drops it */
        c->irr &= ~(1 << irq);
}

/* ---- I/O handlers ---- */

static void pic_write_command(PicState *s, PicChip *c, uint8_t val)
{
    if (val & PIC_ICW1) {
        pic_chip_init_reset(c);
        c->init_state = 1;
        c->init4 = val & PIC_ICW1_IC4;
        c->single_mode = val & PIC_ICW1_SNGL;
        if (val & PIC_ICW1_LTIM)
            trace(TRACE_DEV, "pic: ICW1 level-triggered mode %#x not supported", val);
    } else if (val & PIC_OCW3) {
        if (val & 0x04)
            c->poll = 1;
        if (val & 0x02)
            c->read_reg_select = val & 1;
        if (val & 0x40)
            c->special_mask = (val >> 5) & 1;
    } else {
        int cmd = val >> 5, irq, priority;
        switch (cmd) {
        case 0:   /* rotate in AEOI mode: clear */
        case 4:   /* rotate in AEOI mode: set */
            c->rotate_on_auto_eoi = (uint8_t)(cmd >> 2);
            break;
        case 1:   /* non-specific EOI */
        case 5:   /* rotate on non-specific EOI */
            priority = pic_get_priority(c, c->isr);
            if (priority != PIC_NO_IRQ) {
                irq = (priority + c->priority_add) & 7;
                c->isr &= ~(1 << irq);
                if (cmd == 5)
                    c->priority_add = (irq + 1) & 7;
            }
            break;
        case 3:   /* specific EOI */
            c->isr &= ~(1 << (val & 7));
            break;
        case 6:   /* set priority */
            c->priority_add = (val + 1) & 7;
            break;
        case 7:   /* rotate on specific EOI */
            irq = val & 7;
            c->isr &= ~(1 << irq);
            c->priority_add = (irq + 1) & 7;
            break;
        default:  /* 2: no operation */
            break;
        }
    }
    pic_update(s);
}

static void pic_write_data(PicState *s, PicChip *c, uint8_t val)
{
    switch (c->init_state) {
    case 0:   /* OCW1 */
        c->imr = val;
        pic_update(s);
        break;
    case 1:   /* ICW2 */
        c->irq_base = val & 0xf8;
        c->init_state = c->single_mode ? (c->init4 ? 3 : 0) : 2;
        break;
    case 2:   /* ICW3: the cascade wiring is fixed on a PC */
        c->init_state = c->init4 ? 3 : 0;
        break;
    default:  /* ICW4 */
        c->special_fully_nested_mode = (val >> 4) & 1;
        c->auto_eoi = (val >> 1) & 1;
        c->init_state = 0;
        break;
    }
}

static uint8_t pic_read(PicState *s, PicChip *c, uint32_t off)
{
    if (c->poll) {
        /* Poll: acknowledge the best request as an INTA would, answer 0x80 | irq. */
        c->poll = 0;
        int irq = pic_get_irq(c);
        if (irq < 0)
            return 0;
        pic_chip_intack(c, irq);
        pic_update(s);
        return (uint8_t)(0x80 | irq);
    }
    if (off == 0)
        return c->read_reg_select ? c->isr : c->irr;
    return c->imr;
}

static uint32_t pic_master_read(void *opaque, uint32_t off, unsigned size)
{
    PicState *s = opaque;
    return pic_read(s, &s->chip[0], off);
}

static uint32_t pic_slave_read(void *opaque, uint32_t off, unsigned size)
{
    PicState *s = opaque;
    return pic_read(s, &s->chip[1], off);
}

static void pic_write(PicState *s, PicChip *c, uint32_t off, uint8_t val)
{
    if (off == 0)
        pic_write_command(s, c, val);
    else
        pic_write_data(s, c, val);
}

static void pic_master_write(void *opaque, uint32_t off, uint32_t val, unsigned size)
{
    PicState *s = opaque;
    pic_write(s, &s->chip[0], off, (uint8_t)val);
}

static void pic_slave_write(void *opaque, uint32_t off, uint32_t val, unsigned size)
{
    PicState *s = opaque;
    pic_write(s, &s->chip[1], off, (uint8_t)val);
}

static uint32_t pic_elcr_read(void *opaque, uint32_t off, unsigned size)
{
    PicState *s = opaque;
    return s->chip[off & 1].elcr;
}

static void pic_elcr_write(void *opaque, uint32_t off, uint32_t val, unsigned size)
{
    PicState *s = opaque;
    PicChip *c = &s->chip[off & 1];
    c->elcr = (uint8_t)val & c->elcr_mask;
}

/* ---- interface ---- */

void pic_set_irq(void *opaque, int n, int level)
{
    PicState *s = opaque;
    if (n < 0 || n > 15 || n == 2) {   /* IRQ 2 is the cascade input: a wiring bug */
        trace(TRACE_DEV, "pic: set_irq on invalid input %d", n);
        return;
    }
    pic_stat(s, n, level);
    pic_chip_input(&s->chip[n >> 3], n & 7, level);
    pic_update(s);
}

int pic_ack(PicState *s)
{
    PicChip *m = &s->chip[0], *sl = &s->chip[1];
    int irq = pic_get_irq(m), vector;
    if (irq < 0) {
        vector = m->irq_base + 7;      /* spurious IRQ 7 */
    } else if (irq == 2) {
        int irq2 = pic_get_irq(sl);
        if (irq2 >= 0)
            pic_chip_intack(sl, irq2);
        else
            irq2 = 7;                  /* spurious IRQ 15 */
        vector = sl->irq_base + irq2;
        pic_chip_intack(m, irq);
    } else {
        vector = m->irq_base + irq;
        pic_chip_intack(m, irq);
    }
    pic_update(s);
    return vector & 0xff;
}

bool pic_intr(const PicState *s) { return pic_get_irq(&s->chip[0]) >= 0; }

void pic_sync(PicState *s) { pic_update(s); }

/* ---- post_load ---- */

static int pic_post_load(void *opaque, int version, Err *err)
{
    PicChip *c = opaque;
    if (c->priority_add > 7 || c->init_state > 3)
        return ERR(err, -EINVAL, "i8259: priority_add %u init_state %u out of range",
                   c->priority_add, c->init_state);
    return 0;   /* INT output: pic_sync(), from machine_post_load() */
}

/* ---- init ---- */

PicState *pic_init(Bus *io, const IrqLine *intr)
{
    PicState *s = xzalloc(sizeof *s);
    s->intr = intr;
    s->chip[0].master = true;
    s->chip[0].elcr_mask = PIC_ELCR_MASK_MASTER;
    s->chip[1].elcr_mask = PIC_ELCR_MASK_SLAVE;
    bus_map_io_named(io, "pic", 0x20, 2, s, pic_master_read, pic_master_write, IO_SIZE8);
    bus_map_io_named(io, "pic", 0xa0, 2, s, pic_slave_read, pic_slave_write, IO_SIZE8);
    bus_map_io(io, 0x4d0, 2, s, pic_elcr_read, pic_elcr_write, IO_SIZE8);
    bus_name_io(io, "elcr", 0x4d0, 1, 0);   /* QEMU: one region per PIC */
    bus_name_io(io, "elcr", 0x4d1, 1, 0);
    pic_reset(s);
    return s;   /* machine.c: pic_vms for &s->chip[0] (instance 0) and &s->chip[1] (1) */
}

void pic_free(PicState *s) { free(s); }
