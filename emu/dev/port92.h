/* port92.h: system control port A (0x92): fast A20 gate and fast reset. See port92.c. */
#ifndef PCEMU_DEV_PORT92_H
#define PCEMU_DEV_PORT92_H

#include "emu/hw/bus.h"
#include "emu/hw/irq.h"
#include "snapshot/format/vmstate.h"

typedef struct Port92State {
    uint8_t outport;         /* saved: bit 0 fast reset (0->1 resets), bit 1 A20 enable */
    const IrqLine *a20;      /* wiring: level = bit 1 after every write, to the CPU's A20 */
    const IrqLine *reset;    /* wiring: raised (pulsed) to request a machine reset */
} Port92State;

extern const VmsDesc port92_vms;   /* "port92" v1, instance 0 */

Port92State *port92_init(Bus *io, const IrqLine *a20, const IrqLine *reset);
void port92_free(Port92State *s);
void port92_reset(Port92State *s);

#endif
