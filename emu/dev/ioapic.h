/* ioapic.h: the Intel 82093AA I/O APIC of QEMU's pc machine at 0xFEC00000, 24 inputs
 * (GSI 0-23). See ioapic.c. */
#ifndef PCEMU_DEV_IOAPIC_H
#define PCEMU_DEV_IOAPIC_H

#include "emu/hw/bus.h"
#include "emu/hw/clock.h"
#include "snapshot/format/vmstate.h"

#define IOAPIC_NUM_PINS 24
#define IOAPIC_BASE 0xFEC00000u

/* Field names and order are QEMU 7.2's "ioapic" v3 section. */
typedef struct IoapicState {
    uint8_t id;                          /* IOAPIC id, bits 27:24 of register 0; 0..15 when
                                            written by the guest, any value from a stream */
    uint8_t ioregsel;                    /* IOREGSEL: register IOWIN reaches, any value */
    uint32_t irr;                        /* bit n: input n requests service (edge: latched
                                            until serviced; level: follows the input) */
    uint64_t ioredtbl[IOAPIC_NUM_PINS];  /* redirection entries in the 64-bit register
                                            format; bit 16 mask, 14 remote IRR, 12 delivery
                                            status (read only), 15 trigger mode */
    /* not saved, as in QEMU */
    uint8_t version;                     /* 0x20 (QEMU's default for 7.2 machines) */
    uint32_t irq_eoi[IOAPIC_NUM_PINS];   /* EOIs in a row that found the level input still
                                            asserted; at 10000 the next service is delayed */
    Timer delayed_service;               /* that delay; QEMU does not save it either */
    Bus *mem;                            /* wiring: where the interrupt message is written */
    int (*extint_ack)(void *opaque);     /* wiring: ExtINT entries take their vector from
                                            the 8259 (an interrupt acknowledge); NULL = 0 */
    void *extint_opaque;
    /* the monitor's 'info irq', never saved (QEMU's ioapic_stat_update_irq): rising edges
     * of each input as it arrives (ISA IRQ 0 counted as input 0) */
    uint64_t irq_count[IOAPIC_NUM_PINS];
    uint32_t stat_level;     /* input levels as last counted */
} IoapicState;

extern const VmsDesc ioapic_vms;   /* "ioapic" v3 (minimum 1), instance 0 */

/* Maps the 4 KiB register window at IOAPIC_BASE in mem. Delivery writes the interrupt
 * message (address 0xFEE0xxxx, data = vector and mode) into mem as QEMU does, where the
 * local APIC, if the machine has one, receives it. */
IoapicState *ioapic_init(Bus *mem, Clock *clock);
void ioapic_free(IoapicState *s);
void ioapic_reset(IoapicState *s);
/* IrqLine receiver for input n (0..23). As QEMU's ioapic_set_irq, input 0 (ISA IRQ 0)
 * is taken as pin 2: the MP/ACPI tables' IRQ0 -> GSI2 override. */
void ioapic_set_irq(void *opaque, int n, int level);
/* QEMU's ioapic_eoi_broadcast: the local APIC's EOI of a level-triggered vector (0..255;
 * any other value matches nothing). */
void ioapic_eoi_broadcast(IoapicState *s, int vector);
/* The 8259 acknowledge used for ExtINT entries (machine.c: pic_ack). */
void ioapic_set_extint_ack(IoapicState *s, int (*ack)(void *opaque), void *opaque);

#endif
