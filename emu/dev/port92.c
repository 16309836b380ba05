/* port92.c: PS/2 system control port A at 0x92: bit 1 gates address line 20, a 0->1
 * transition of bit 0 resets the machine. Follows QEMU 7.2 hw/i386/port92.c (section
 * "port92" v1). Reference: IBM PS/2 hardware interface technical reference, port 0x92.
 * The A20 level goes out on an IrqLine the machine wires to the CPU; as in QEMU it is
 * not driven again after a load (the CPU's saved A20 mask is authoritative). Not
 * emulated: the other bits (hard-disk activity light, watchdog, security lock). */
#include "emu/dev/port92.h"

#include <stdlib.h>

enum {
    PORT92_RESET = 0x01,
    PORT92_A20 = 0x02,
};

const VmsDesc port92_vms = {
    .name = "port92", .version = 1, .min_version = 1,
    .fields = (const VmsField[]){ VMS_UINT8(Port92State, outport), VMS_END },
};

/* ---- reset ---- */

/* A reset leaves the A20 bit as it was (QEMU's port92_reset); power-on is 0. */
void port92_reset(Port92State *s) { s->outport &= ~PORT92_RESET; }

/* ---- I/O handlers ---- */

static uint32_t port92_read(void *opaque, uint32_t off, unsigned size)
{
    Port92State *s = opaque;
    return s->outport;
}

static void port92_write(void *opaque, uint32_t off, uint32_t val, unsigned size)
{
    Port92State *s = opaque;
    uint8_t old = s->outport;
    s->outport = (uint8_t)val;
    irq_set(s->a20, (val & PORT92_A20) != 0);
    if ((val & PORT92_RESET) && !(old & PORT92_RESET))
        irq_pulse(s->reset);
}

/* ---- init ---- */

Port92State *port92_init(Bus *io, const IrqLine *a20, const IrqLine *reset)
{
    Port92State *s = xzalloc(sizeof *s);
    s->a20 = a20;
    s->reset = reset;
    bus_map_io_named(io, "port92", 0x92, 1, s, port92_read, port92_write, IO_SIZE8);
    return s;   /* machine.c: port92_vms for s, instance 0 */
}

void port92_free(Port92State *s) { free(s); }
