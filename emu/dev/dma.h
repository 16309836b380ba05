/* dma.h: the PC's two Intel 8237A DMA controllers: 8-bit channels 0-3 (ports 0x00-0x0F,
 * pages 0x81-0x87) and 16-bit channels 4-7 (ports 0xC0-0xDF, pages 0x89-0x8F; channel 4
 * cascades the first controller). See dma.c. */
#ifndef PCEMU_DEV_DMA_H
#define PCEMU_DEV_DMA_H

#include "emu/hw/bus.h"
#include "snapshot/format/vmstate.h"

/* A device's transfer callback (QEMU's IsaDma transfer handler): called while its channel
 * requests service and is unmasked; pos = bytes already moved, size = bytes in the whole
 * transfer; moves data with dma_read_memory/dma_write_memory and returns the new pos. */
typedef int (*DmaTransferFn)(void *opaque, int nchan, int pos, int size);

/* One channel; field names and order are QEMU 7.2's "dma_regs" v1. */
typedef struct DmaRegs {
    int32_t now[2];          /* [0] current address in bytes (base << dshift), [1] bytes moved */
    uint16_t base[2];        /* base address and base count (count - 1) as programmed */
    uint8_t mode;            /* mode register: 2-3 type, 4 auto-init, 5 decrement, 6-7 mode */
    uint8_t page;            /* page register: address bits 16-23 */
    uint8_t pageh;           /* high page (bits 24-30); no ports on the PC, stays 0 */
    uint8_t dack, eop;       /* QEMU saves them, never uses them; kept */
    DmaTransferFn handler;   /* wiring, never saved */
    void *handler_opaque;
} DmaRegs;

/* One controller; fields as QEMU 7.2's "dma" v1. */
typedef struct DmaCtl {
    uint8_t command;         /* command register (only 0 and the supported bits accepted) */
    uint8_t mask;            /* bit n = channel n masked; 0xFF after reset */
    uint8_t flip_flop;       /* byte pointer: 0 = low byte next */
    int32_t dshift;          /* 0 for channels 0-3, 1 for 4-7 (word addressing); checked */
    DmaRegs regs[4];
    uint8_t status;          /* bits 0-3 terminal count, 4-7 request; not saved (QEMU) */
    bool running;            /* dma_run re-entry guard */
    Bus *mem;                /* wiring: where transfers go */
    int32_t dshift_cfg;      /* the controller's real width, compared on load */
} DmaCtl;

typedef struct DmaState {
    DmaCtl ctl[2];           /* saved: ctl[0] "dma" instance 0, ctl[1] instance 1 */
} DmaState;

/* "dma" v1: one controller; machine.c registers it for &s->ctl[0] (instance 0) and
 * &s->ctl[1] (instance 1). */
extern const VmsDesc dma_vms;

/* io: the port space; mem: the physical memory transfers read and write. */
DmaState *dma_init(Bus *io, Bus *mem);
void dma_free(DmaState *s);
void dma_reset(DmaState *s);
/* The device side, nchan 0..7. */
void dma_register_channel(DmaState *s, int nchan, DmaTransferFn fn, void *opaque);
void dma_hold_dreq(DmaState *s, int nchan);
void dma_release_dreq(DmaState *s, int nchan);
int dma_read_memory(DmaState *s, int nchan, void *buf, int pos, int len);
int dma_write_memory(DmaState *s, int nchan, const void *buf, int pos, int len);
bool dma_has_autoinit(const DmaState *s, int nchan);
/* Give every requesting, unmasked channel one turn (after a register write or DREQ
 * change this happens by itself; the machine may call it to continue long transfers). */
void dma_run(DmaState *s);

#endif
