/* irq.h: an interrupt line from a device output to a controller input (QEMU's qemu_irq).
 * The receiver's set() gets the level; edges are the receiver's business. Lines are wired
 * in emu/machine/machine.c; devices only raise and lower the lines they were given. */
#ifndef PCEMU_IRQ_H
#define PCEMU_IRQ_H

#include "emu/base/base.h"

typedef struct IrqLine {
    void (*set)(void *opaque, int n, int level);  /* receiver; NULL = line not connected */
    void *opaque;
    int n;                                        /* receiver's input number */
} IrqLine;

static inline void irq_set(const IrqLine *l, int level)
{
    if (l && l->set)
        l->set(l->opaque, l->n, level);
}
static inline void irq_raise(const IrqLine *l) { irq_set(l, 1); }
static inline void irq_lower(const IrqLine *l) { irq_set(l, 0); }
static inline void irq_pulse(const IrqLine *l) { irq_set(l, 1); irq_set(l, 0); }

#endif
