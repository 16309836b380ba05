/* uart.h: National Semiconductor 16550A UART (COM1: 0x3F8, IRQ 4). See uart.c. */
#ifndef PCEMU_DEV_UART_H
#define PCEMU_DEV_UART_H

#include "emu/hw/bus.h"
#include "emu/hw/chardev.h"
#include "emu/hw/clock.h"
#include "emu/hw/irq.h"
#include "snapshot/format/vmstate.h"

#define UART_FIFO_LENGTH 16

/* QEMU's Fifo8 with capacity 16: a ring of data[head .. head+num). */
typedef struct UartFifo {
    uint8_t data[UART_FIFO_LENGTH];
    uint32_t head;           /* index of the oldest byte, 0..15; checked on load */
    uint32_t num;            /* bytes held, 0..16; checked on load */
} UartFifo;

/* Field names and order are QEMU 7.2's "serial" v3 (nested in the ISA "serial" section). */
typedef struct UartState {
    uint16_t divider;        /* baud divisor (DLL/DLM), 0x000C = 9600 baud after reset */
    uint8_t rbr;             /* receive buffer (FIFO off) */
    uint8_t ier;             /* interrupt enable, bits 0..3 */
    uint8_t iir;             /* interrupt identification; bits 6-7 = FIFO enabled */
    uint8_t lcr;             /* line control; bit 7 DLAB */
    uint8_t mcr;             /* modem control, bits 0..4; bit 4 loopback */
    uint8_t lsr;             /* line status */
    uint8_t msr;             /* modem status: CTS, DSR, DCD set (no modem lines) */
    uint8_t scr;             /* scratch */
    uint8_t fcr;             /* FIFO control as written (sticky bits 0xC9) */
    uint8_t fcr_vmstate;     /* fcr as saved (pre_save copies; post_load applies) */
    uint8_t thr;             /* transmit holding register (FIFO off) */
    uint8_t tsr;             /* transmit shift register */
    uint32_t tsr_retry;      /* transmit retries pending; always 0 (chardevs never refuse) */
    int32_t thr_ipending;    /* THR-empty interrupt pending, 0/1 (-1 while loading) */
    int32_t timeout_ipending; /* character-timeout interrupt pending, 0/1 */
    int32_t poll_msl;        /* modem-status polling, -1 = off (no host modem lines) */
    UartFifo recv_fifo, xmit_fifo;
    Timer fifo_timeout_timer; /* character timeout: 4 character times after the last byte */
    Timer modem_status_poll; /* never armed (poll_msl -1); saved in "serial/poll" only */
    uint8_t recv_fifo_itl;   /* receive trigger level 1/4/8/14, derived from fcr */
    int64_t char_transmit_time; /* ns per character, derived from divider and lcr */
    const IrqLine *irq;      /* wiring, never saved */
    const Chardev *chr;
    Clock *clock;
} UartState;

/* QEMU's ISA wrapper around the UART; uart_init allocates one and returns &isa->state,
 * so the UartState pointer is also the wrapper's address. */
typedef struct UartIsa {
    UartState state;         /* first member */
} UartIsa;

/* "serial" v3 with one field, struct "state" of the inner "serial" v3. machine.c registers
 * uart_isa_vms for the UartState pointer uart_init returned, instance 0 (only when a
 * serial port is configured: QEMU adds the section only then). */
extern const VmsDesc uart_isa_vms;
extern const VmsDesc uart_vms;

/* Maps base..base+7 (COM1: 0x3F8, irq = ISA IRQ 4); output goes to chr. */
UartState *uart_init(Bus *io, uint16_t base, const IrqLine *irq, Clock *clock, const Chardev *chr);
void uart_free(UartState *s);
void uart_reset(UartState *s);
/* Input: how many bytes the UART takes now, and delivery of up to that many. */
size_t uart_can_receive(const UartState *s);
void uart_receive(UartState *s, const uint8_t *buf, size_t len);
/* Pulls what the chardev has (its read callback) into the UART, as much as it takes.
 * The machine calls this from its run loop; returns the bytes taken. */
size_t uart_poll_input(UartState *s);

#endif
