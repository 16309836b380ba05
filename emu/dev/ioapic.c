/* ioapic.c: the I/O APIC of QEMU 7.2's pc machine (hw/intc/ioapic.c, ioapic_common.c;
 * section "ioapic" v3). Reference: Intel 82093AA I/O APIC datasheet (290566), QEMU's
 * version 0x20 behaviour (the EOI register at +0x40).
 *
 * Registers, through the 4 KiB window at 0xFEC00000 (offsets masked to 8 bits, as QEMU):
 *   +0x00 IOREGSEL (any size)   +0x10 IOWIN (32-bit accesses only)   +0x40 EOI (32-bit)
 *   register 0 id (bits 27:24), 1 version (0x20 | 23 << 16), 2 arbitration (= id),
 *   0x10 + 2n / 0x11 + 2n: the low / high half of redirection entry n.
 *
 * Inputs: irr bit n latches an edge on an unmasked edge-triggered pin and follows the
 * level of a level-triggered pin. Service (ioapic_service) sends every pending unmasked
 * pin: an edge clears its irr bit, a level sets remote IRR and is not sent again until an
 * EOI (register +0x40 with the vector) clears remote IRR. Sending is a 32-bit write of the
 * MSI-format message to 0xFEE0xxxx on the memory bus, as QEMU's stl_le_phys: the local
 * APIC's window takes it (apic.c, apic_send_msi); without a local APIC (-cpu ...,-apic,
 * pcemu's default) the write lands on unassigned memory and the state changes are all
 * that remain.
 *
 * Not emulated: KVM routes, interrupt remapping (pcemu has no IOMMU). */
#include "emu/dev/ioapic.h"

#include <stdlib.h>

enum {
    IOAPIC_IOREGSEL = 0x00,
    IOAPIC_IOWIN = 0x10,
    IOAPIC_EOI = 0x40,
    IOAPIC_REG_ID = 0x00,
    IOAPIC_REG_VER = 0x01,
    IOAPIC_REG_ARB = 0x02,
    IOAPIC_REG_REDTBL = 0x10,
    IOAPIC_ID_SHIFT = 24,
    IOAPIC_ID_MASK = 0xf,
    IOAPIC_VER_ENTRIES_SHIFT = 16,
    IOAPIC_VERSION = 0x20,
    IOAPIC_DM_EXTINT = 7,
    IOAPIC_SUCCESSIVE_IRQ_MAX = 10000,
};
#define IOAPIC_LVT_DELIV_STATUS (1ull << 12)
#define IOAPIC_LVT_REMOTE_IRR (1ull << 14)
#define IOAPIC_LVT_TRIGGER_LEVEL (1ull << 15)
#define IOAPIC_LVT_MASKED (1ull << 16)
#define IOAPIC_RO_BITS (IOAPIC_LVT_REMOTE_IRR | IOAPIC_LVT_DELIV_STATUS)
#define IOAPIC_MSI_BASE 0xFEE00000u

const VmsDesc ioapic_vms = {   /* QEMU vmstate_ioapic_common */
    .name = "ioapic", .version = 3, .min_version = 1,
    .fields = (const VmsField[]){
        VMS_UINT8(IoapicState, id),
        VMS_UINT8(IoapicState, ioregsel),
        VMSN_UNUSED_V("unused", 8, 2),          /* qemu-kvm's v2 format */
        VMS_UINT32_V(IoapicState, irr, 2),
        VMS_UINT64_ARRAY(IoapicState, ioredtbl, IOAPIC_NUM_PINS),
        VMS_END,
    },
};
/* No post_load: every field is used masked or range-checked where it is read, and QEMU's
 * load neither services nor re-drives anything. */

/* ---- reset ---- */

void ioapic_reset(IoapicState *s)
{
    s->id = 0;
    s->ioregsel = 0;
    s->irr = 0;
    for (int i = 0; i < IOAPIC_NUM_PINS; i++) {
        s->ioredtbl[i] = IOAPIC_LVT_MASKED;
        s->irq_eoi[i] = 0;
    }
    timer_del(&s->delayed_service);
}

/* ---- delivery ---- */

static bool entry_level(uint64_t e) { return (e & IOAPIC_LVT_TRIGGER_LEVEL) != 0; }

/* The message QEMU's ioapic_entry_parse builds for entry e: MSI address and data. */
static void ioapic_send(IoapicState *s, uint64_t e)
{
    uint32_t dest_idx = (uint32_t)(e >> 48) & 0xffff;
    uint32_t dest_mode = (uint32_t)(e >> 11) & 1;
    uint32_t mode = (uint32_t)(e >> 8) & 7;
    uint32_t vector = (uint32_t)e & 0xff;
    if (mode == IOAPIC_DM_EXTINT)
        vector = s->extint_ack ? (uint32_t)s->extint_ack(s->extint_opaque) & 0xff : 0;
    uint32_t addr = IOAPIC_MSI_BASE | dest_idx << 4 | dest_mode << 2;
    uint32_t data = vector | (uint32_t)entry_level(e) << 15 | mode << 8;
    bus_mem_write(s->mem, addr, data, 4);
}

static void ioapic_service(IoapicState *s)
{
    for (int i = 0; i < IOAPIC_NUM_PINS; i++) {
        uint32_t mask = 1u << i;
        if (!(s->irr & mask) || (s->ioredtbl[i] & IOAPIC_LVT_MASKED))
            continue;
        uint64_t e = s->ioredtbl[i];
        if (!entry_level(e)) {
            s->irr &= ~mask;
        } else {
            bool coalesce = (e & IOAPIC_LVT_REMOTE_IRR) != 0;
            s->ioredtbl[i] |= IOAPIC_LVT_REMOTE_IRR;
            if (coalesce)
                continue;   /* the guest has not EOIed the previous one */
        }
        ioapic_send(s, e);
    }
}

static void ioapic_delayed_service_cb(void *opaque) { ioapic_service(opaque); }

void ioapic_set_irq(void *opaque, int n, int level)
{
    IoapicState *s = opaque;
    if (n >= 0 && n < IOAPIC_NUM_PINS && !!(s->stat_level & 1u << n) != !!level) {
        s->stat_level ^= 1u << n;
        s->irq_count[n] += level != 0;
    }
    if (n == 0)
        n = 2;   /* ISA IRQ 0 is GSI 2 (QEMU's ioapic_set_irq) */
    if (n < 0 || n >= IOAPIC_NUM_PINS)
        return;
    uint32_t mask = 1u << n;
    uint64_t e = s->ioredtbl[n];
    if (entry_level(e)) {
        if (level) {
            s->irr |= mask;
            if (!(e & IOAPIC_LVT_REMOTE_IRR))
                ioapic_service(s);
        } else {
            s->irr &= ~mask;
        }
    } else if (level && !(e & IOAPIC_LVT_MASKED)) {
        /* 82093AA: edges on a masked pin are ignored */
        s->irr |= mask;
        ioapic_service(s);
    }
}

/* QEMU's ioapic_eoi_broadcast for one IOAPIC: every level entry for vector with remote
 * IRR set gets it cleared and is sent again if its input is still asserted; after
 * IOAPIC_SUCCESSIVE_IRQ_MAX such re-sends in a row the next one waits 10 ms of virtual
 * time (QEMU's interrupt-storm guard). */
void ioapic_eoi_broadcast(IoapicState *s, int vector)
{
    for (int i = 0; i < IOAPIC_NUM_PINS; i++) {
        uint64_t e = s->ioredtbl[i];
        if ((int)(e & 0xff) != vector || !entry_level(e) || !(e & IOAPIC_LVT_REMOTE_IRR))
            continue;
        s->ioredtbl[i] = e & ~IOAPIC_LVT_REMOTE_IRR;
        if (!(e & IOAPIC_LVT_MASKED) && (s->irr & (1u << i))) {
            if (++s->irq_eoi[i] >= IOAPIC_SUCCESSIVE_IRQ_MAX) {
                s->irq_eoi[i] = 0;
                int64_t when = clock_ns(s->delayed_service.clock) + 10000000;
                if (!timer_pending(&s->delayed_service) || s->delayed_service.expire > when)
                    timer_mod(&s->delayed_service, when);
            } else {
                ioapic_service(s);
            }
        } else {
            s->irq_eoi[i] = 0;
        }
    }
}

/* ---- MMIO handlers ---- */

static uint32_t ioapic_read(void *opaque, uint32_t off, unsigned size)
{
    IoapicState *s = opaque;
    switch (off & 0xff) {
    case IOAPIC_IOREGSEL:
        return s->ioregsel;
    case IOAPIC_IOWIN:
        if (size != 4) {
            trace(TRACE_DEV, "ioapic: %u-byte read of IOWIN reads 0", size);
            return 0;
        }
        switch (s->ioregsel) {
        case IOAPIC_REG_ID:
        case IOAPIC_REG_ARB:
            return (uint32_t)s->id << IOAPIC_ID_SHIFT;
        case IOAPIC_REG_VER:
            return s->version | (IOAPIC_NUM_PINS - 1) << IOAPIC_VER_ENTRIES_SHIFT;
        default: {
            int index = (s->ioregsel - IOAPIC_REG_REDTBL) >> 1;
            if (index < 0 || index >= IOAPIC_NUM_PINS)
                return 0;
            uint64_t e = s->ioredtbl[index];
            return (s->ioregsel & 1) ? (uint32_t)(e >> 32) : (uint32_t)e;
        }
        }
    default:
        return 0;
    }
}

static void ioapic_write(void *opaque, uint32_t off, uint32_t val, unsigned size)
{
    IoapicState *s = opaque;
    switch (off & 0xff) {
    case IOAPIC_IOREGSEL:
        s->ioregsel = (uint8_t)val;
        break;
    case IOAPIC_IOWIN: {
        if (size != 4) {
            trace(TRACE_DEV, "ioapic: %u-byte write of IOWIN ignored", size);
            break;
        }
        if (s->ioregsel == IOAPIC_REG_ID) {
            s->id = (val >> IOAPIC_ID_SHIFT) & IOAPIC_ID_MASK;
            break;
        }
        int index = (s->ioregsel - IOAPIC_REG_REDTBL) >> 1;
        if (s->ioregsel < IOAPIC_REG_REDTBL || index >= IOAPIC_NUM_PINS)
            break;   /* version, arbitration and holes are read only */
        uint64_t e = s->ioredtbl[index], ro = e & IOAPIC_RO_BITS;
        if (s->ioregsel & 1)
            e = (e & 0xffffffffull) | (uint64_t)val << 32;
        else
            e = (e & ~0xffffffffull) | val;
        e = (e & ~IOAPIC_RO_BITS) | ro;
        if (!entry_level(e))
            e &= ~IOAPIC_LVT_REMOTE_IRR;   /* QEMU's ioapic_fix_edge_remote_irr */
        s->ioredtbl[index] = e;
        s->irq_eoi[index] = 0;
        ioapic_service(s);
        break;
    }
    case IOAPIC_EOI:
        if (size == 4 && s->version == IOAPIC_VERSION)
            ioapic_eoi_broadcast(s, val > 0xff ? -1 : (int)val);   /* -1 matches no entry */
        break;
    default:
        trace(TRACE_DEV, "ioapic: write %#x to +%#x ignored", val, off);
        break;
    }
}

/* ---- init ---- */

IoapicState *ioapic_init(Bus *mem, Clock *clock)
{
    IoapicState *s = xzalloc(sizeof *s);
    s->mem = mem;
    s->version = IOAPIC_VERSION;
    timer_init(&s->delayed_service, clock, ioapic_delayed_service_cb, s);
    bus_map_mmio(mem, IOAPIC_BASE, 0x1000, s, ioapic_read, ioapic_write, IO_SIZE_ALL);
    bus_name_mmio(mem, "ioapic", IOAPIC_BASE, 0x1000, 0);
    ioapic_reset(s);
    return s;   /* machine.c: ioapic_vms for s, instance 0 */
}

void ioapic_set_extint_ack(IoapicState *s, int (*ack)(void *opaque), void *opaque)
{
    s->extint_ack = ack;
    s->extint_opaque = opaque;
}

void ioapic_free(IoapicState *s) { free(s); }
