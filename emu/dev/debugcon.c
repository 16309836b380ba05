/* debugcon.c: QEMU's isa-debugcon (hw/char/debugcon.c): every byte written to the port
 * goes to a Chardev, a read returns the readback value 0xE9, which is how SeaBIOS decides
 * to keep logging to port 0x402. Wider accesses are split into bytes by the bus.
 * No saved state, as in QEMU. */
#include "emu/dev/debugcon.h"

#include <stdlib.h>

/* ---- I/O handlers ---- */

static uint32_t debugcon_read(void *opaque, uint32_t off, unsigned size)
{
    DebugconState *s = opaque;
    return s->readback;
}

static void debugcon_write(void *opaque, uint32_t off, uint32_t val, unsigned size)
{
    DebugconState *s = opaque;
    uint8_t ch = (uint8_t)val;
    chardev_write(s->chr, &ch, 1);
}

/* ---- init ---- */

DebugconState *debugcon_init(Bus *io, uint16_t iobase, const Chardev *chr)
{
    DebugconState *s = xzalloc(sizeof *s);
    s->readback = DEBUGCON_DEFAULT_READBACK;
    s->chr = chr;
    bus_map_io_named(io, "isa-debugcon", iobase, 1, s, debugcon_read, debugcon_write, IO_SIZE8);
    return s;
}

void debugcon_free(DebugconState *s) { free(s); }
