/* debugcon.h: QEMU's isa-debugcon, a write-only byte console on one I/O port (0x402 for
 * SeaBIOS's log, 0xE9 for Bochs-style). See debugcon.c. */
#ifndef PCEMU_DEV_DEBUGCON_H
#define PCEMU_DEV_DEBUGCON_H

#include "emu/hw/bus.h"
#include "emu/hw/chardev.h"

#define DEBUGCON_DEFAULT_IOBASE 0xe9     /* QEMU's iobase property default */
#define DEBUGCON_SEABIOS_IOBASE 0x402    /* where SeaBIOS writes its log */
#define DEBUGCON_DEFAULT_READBACK 0xe9

typedef struct DebugconState {
    uint8_t readback;        /* value a read returns (QEMU property readback, 0xE9) */
    const Chardev *chr;      /* wiring: where written bytes go; NULL = dropped */
} DebugconState;

/* Maps one port at iobase. The device has no saved state (QEMU has no section for it). */
DebugconState *debugcon_init(Bus *io, uint16_t iobase, const Chardev *chr);
void debugcon_free(DebugconState *s);

#endif
