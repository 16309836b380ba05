/* apic.c: the local APIC of QEMU 7.2's TCG pc machine (hw/intc/apic.c, apic_common.c;
 * section "apic" v3 with subsection "apic_sipi"), one CPU, xAPIC mode only. Reference:
 * Intel SDM vol. 3 chapter 10, and QEMU's behaviour where it differs.
 *
 * Registers (32-bit accesses only; others read 0 and are dropped, as QEMU) at offset
 * index << 4: 0x02 id, 0x03 version (0x14, 6 LVT entries), 0x08 TPR, 0x09 APR, 0x0A PPR,
 * 0x0B EOI, 0x0D LDR, 0x0E DFR, 0x0F SVR, 0x10-0x17 ISR, 0x18-0x1F TMR, 0x20-0x27 IRR,
 * 0x28 ESR, 0x30/0x31 ICR, 0x32-0x37 LVT, 0x38 initial count, 0x39 current count, 0x3E
 * divide configuration. Other indexes set ESR bit 7 (illegal register address).
 *
 * Priorities: PPR = TPR when TPR[7:4] >= the class of the highest ISR bit, else that class.
 * An IRR vector is delivered when its class is above PPR[7:4] (or PPR is 0); one that is
 * not gives the spurious vector at acknowledge time, as QEMU.
 *
 * Timer: the count runs on the virtual clock, one tick every 2^count_shift ns (divide
 * configuration: 2, 4, ..., 128, 1 for shift 1..7, 0). current = initial - elapsed
 * ticks (one-shot: 0 once elapsed >= initial; periodic: modulo initial + 1). It expires
 * (initial + 1) ticks after the load, as QEMU's apic_next_timer.
 *
 * Delivery with one APIC (QEMU's local_apics[0]): physical destination id or 0xFF, or a
 * logical destination that matches LDR in flat (DFR 0xF) or cluster (DFR 0) model.
 * Fixed, lowest priority and ExtINT set IRR; NMI and SMI go to the CPU; INIT goes to the
 * machine (ApicHost.init: after the current instruction the CPU's INIT reset, then
 * apic_init_reset, as QEMU's do_cpu_init) (INIT level de-assert only copies id to
 * arb_id); SIPI is kept for a waiting AP, and the BSP never waits.
 *
 * XXX: QEMU 7.2 does not mask the LVT entries when the SVR software-enable bit is
 * cleared, nor check reserved bits in LVT or MSR writes; pcemu follows QEMU, not the SDM.
 * kvmvapic (kvmvapic.c) hooks: once it enables a VAPICState, the TPR, the highest ISR
 * class and the highest IRR vector are mirrored there and the TPR is read back from it
 * (QEMU's apic_sync_vapic, at the same points); TPR register accesses are reported to it
 * while it asks for them.
 * Not emulated: x2APIC, TSC-deadline mode (the pentium2 model has neither). */
#include "emu/dev/apic.h"

#include <stdlib.h>

enum {
    APIC_VERSION = 0x14,
    APIC_DM_FIXED = 0, APIC_DM_LOWPRI = 1, APIC_DM_SMI = 2, APIC_DM_NMI = 4,
    APIC_DM_INIT = 5, APIC_DM_SIPI = 6, APIC_DM_EXTINT = 7,
    APIC_ESR_ILLEGAL_ADDRESS = 1 << 7,
};
#define APIC_SV_ENABLE (1u << 8)
#define APIC_SV_DIRECTED_IO (1u << 12)
#define APIC_LVT_MASKED (1u << 16)
#define APIC_LVT_LEVEL_TRIGGER (1u << 15)
#define APIC_LVT_TIMER_PERIODIC (1u << 17)

static int apic_pre_load(void *opaque, Err *err);
static int apic_post_load(void *opaque, int version, Err *err);
static bool apic_sipi_needed(void *opaque);

static const VmsDesc apic_sipi_vms = {
    .name = "apic_sipi", .version = 1, .min_version = 1, .needed = apic_sipi_needed,
    .fields = (const VmsField[]){
        VMS_INT32(ApicState, sipi_vector),
        VMS_INT32(ApicState, wait_for_sipi),
        VMS_END,
    },
};
const VmsDesc apic_vms = {   /* QEMU vmstate_apic_common */
    .name = "apic", .version = 3, .min_version = 3,
    .pre_load = apic_pre_load, .post_load = apic_post_load,
    .fields = (const VmsField[]){
        VMS_UINT32(ApicState, apicbase),
        VMS_UINT8(ApicState, id),
        VMS_UINT8(ApicState, arb_id),
        VMS_UINT8(ApicState, tpr),
        VMS_UINT32(ApicState, spurious_vec),
        VMS_UINT8(ApicState, log_dest),
        VMS_UINT8(ApicState, dest_mode),
        VMS_UINT32_ARRAY(ApicState, isr, 8),
        VMS_UINT32_ARRAY(ApicState, tmr, 8),
        VMS_UINT32_ARRAY(ApicState, irr, 8),
        VMS_UINT32_ARRAY(ApicState, lvt, APIC_LVT_NB),
        VMS_UINT32(ApicState, esr),
        VMS_UINT32_ARRAY(ApicState, icr, 2),
        VMS_UINT32(ApicState, divide_conf),
        VMS_INT32(ApicState, count_shift),
        VMS_UINT32(ApicState, initial_count),
        VMS_INT64(ApicState, initial_count_load_time),
        VMS_INT64(ApicState, next_time),
        VMS_INT64(ApicState, timer_expiry),
        VMS_END,
    },
    .subsections = (const VmsDesc *const[]){ &apic_sipi_vms, NULL },
};

static bool apic_sipi_needed(void *opaque) { return ((ApicState *)opaque)->wait_for_sipi != 0; }

/* QEMU's apic_pre_load: a stream without the subsection means "not waiting". */
static int apic_pre_load(void *opaque, Err *err)
{
    ApicState *s = opaque;
    s->wait_for_sipi = 0;
    return 0;
}

/* count_shift sizes a shift of the virtual time; the rest is used masked. */
static int apic_post_load(void *opaque, int version, Err *err)
{
    ApicState *s = opaque;
    if (s->count_shift < 0 || s->count_shift > 7)
        return ERR(err, -EINVAL, "apic: count_shift %d is not 0..7", (int)s->count_shift);
    if (s->sipi_vector < 0 || s->sipi_vector > 0xff)
        return ERR(err, -EINVAL, "apic: sipi_vector %d is not 0..255", (int)s->sipi_vector);
    if (s->timer_expiry < -1 || s->next_time < 0 || s->initial_count_load_time < 0)
        return ERR(err, -EINVAL, "apic: negative time (timer_expiry %lld, next_time %lld, "
                   "initial_count_load_time %lld)", (long long)s->timer_expiry,
                   (long long)s->next_time, (long long)s->initial_count_load_time);
    return 0;   /* timer and INTR: apic_sync, from machine_post_load */
}

/* ---- reset ---- */

void apic_init_reset(ApicState *s)
{
    s->tpr = 0;
    s->spurious_vec = 0xff;
    s->log_dest = 0;
    s->dest_mode = 0xf;
    for (int i = 0; i < 8; i++)
        s->isr[i] = s->tmr[i] = s->irr[i] = 0;
    for (int i = 0; i < APIC_LVT_NB; i++)
        s->lvt[i] = APIC_LVT_MASKED;
    s->esr = 0;
    s->icr[0] = s->icr[1] = 0;
    s->divide_conf = 0;
    s->count_shift = 0;
    s->initial_count = 0;
    s->initial_count_load_time = 0;
    s->next_time = 0;
    s->wait_for_sipi = 0;   /* the one CPU is the BSP */
    timer_del(&s->timer);
    s->timer_expiry = -1;
}

void apic_reset(ApicState *s)
{
    s->apicbase = APIC_BASE_DEFAULT | APIC_MSR_BSP | APIC_MSR_ENABLE;
    s->id = 0;
    s->arb_id = 0;
    s->sipi_vector = 0;
    s->vapic_paddr = 0;
    apic_init_reset(s);
}

/* ---- 256-bit registers ---- */

static bool bit_get(const uint32_t *t, int v) { return (t[v >> 5] >> (v & 31)) & 1; }
static void bit_set(uint32_t *t, int v) { t[v >> 5] |= 1u << (v & 31); }
static void bit_clear(uint32_t *t, int v) { t[v >> 5] &= ~(1u << (v & 31)); }

/* The highest set vector, or -1. */
static int highest(const uint32_t *t)
{
    for (int i = 7; i >= 0; i--)
        if (t[i])
            return i * 32 + 31 - __builtin_clz(t[i]);
    return -1;
}

/* ---- the kvmvapic mirror ---- */

/* QEMU's VAPICState: tpr, isr (class << 4), zero, irr (vector), enabled. */
enum { VAPIC_TPR = 0, VAPIC_ISR = 1, VAPIC_IRR = 3, VAPIC_ENABLED = 4, VAPIC_LEN = 5 };
enum { SYNC_FROM = 1, SYNC_TO = 2, SYNC_ISR_IRR = 4 };

/* QEMU's apic_sync_vapic: SYNC_FROM takes the TPR the guest's patched code keeps there;
 * SYNC_TO writes all of it, SYNC_ISR_IRR only isr, zero and irr. */
static void apic_sync_vapic(ApicState *s, int how)
{
    if (!s->vapic_paddr)
        return;
    uint8_t v[VAPIC_LEN];
    if (how & SYNC_FROM) {
        bus_mem_rw(s->mem, s->vapic_paddr, v, 1, false);
        s->tpr = v[VAPIC_TPR];
    }
    if (!(how & (SYNC_TO | SYNC_ISR_IRR)))
        return;
    int isrv = highest(s->isr), irrv = highest(s->irr);
    v[VAPIC_TPR] = s->tpr;
    v[VAPIC_ISR] = (uint8_t)(isrv < 0 ? 0 : isrv & 0xf0);
    v[VAPIC_ISR + 1] = 0;
    v[VAPIC_IRR] = (uint8_t)(irrv < 0 ? 0 : irrv);
    v[VAPIC_ENABLED] = 1;
    if (how & SYNC_TO)
        bus_mem_rw(s->mem, s->vapic_paddr, v, VAPIC_LEN, true);
    else
        bus_mem_rw(s->mem, s->vapic_paddr + VAPIC_ISR, v + VAPIC_ISR, VAPIC_ENABLED - VAPIC_ISR, true);
}

/* ---- priorities and the CPU's INTR ---- */

static int apic_ppr(const ApicState *s)
{
    int isrv = highest(s->isr);
    int cls = isrv < 0 ? 0 : isrv >> 4;
    return (s->tpr >> 4) >= cls ? s->tpr : cls << 4;
}

/* QEMU's apic_irq_pending: the vector to deliver (> 0), -1 when one is pending but masked
 * by PPR, 0 when none. */
static int apic_irq_pending(const ApicState *s)
{
    if (!(s->spurious_vec & APIC_SV_ENABLE))
        return 0;
    int irrv = highest(s->irr);
    if (irrv < 0)
        return 0;
    int ppr = apic_ppr(s);
    if (ppr && (irrv & 0xf0) <= (ppr & 0xf0))
        return -1;
    return irrv;
}

bool apic_accept_pic_intr(const ApicState *s)
{
    return !(s->apicbase & APIC_MSR_ENABLE) || !(s->lvt[APIC_LVT_LINT0] & APIC_LVT_MASKED);
}

static bool pic_output(const ApicState *s) { return s->host.pic_output && s->host.pic_output(s->host.opaque); }
static void set_intr(const ApicState *s, bool level) { if (s->host.set_intr) s->host.set_intr(s->host.opaque, level); }

/* QEMU's apic_update_irq: raise INTR for a deliverable vector; drop it unless the 8259
 * still drives it through LINT0. */
static void apic_update_irq(ApicState *s)
{
    if (apic_irq_pending(s) > 0)
        set_intr(s, true);
    else if (!apic_accept_pic_intr(s) || !pic_output(s))
        set_intr(s, false);
}

static void apic_set_irq(ApicState *s, int vector, bool level)
{
    bit_set(s->irr, vector);
    if (level)
        bit_set(s->tmr, vector);
    else
        bit_clear(s->tmr, vector);
    if (s->vapic_paddr) {   /* the new IRR out first, then the guest's current TPR in */
        apic_sync_vapic(s, SYNC_ISR_IRR);
        apic_sync_vapic(s, SYNC_FROM);
    }
    apic_update_irq(s);
}

/* An LVT entry fires (timer, LINT0, LINT1, ...). */
static void apic_local_deliver(ApicState *s, int n)
{
    uint32_t lvt = s->lvt[n];
    if (lvt & APIC_LVT_MASKED)
        return;
    switch ((lvt >> 8) & 7) {
    case APIC_DM_SMI: if (s->host.smi) s->host.smi(s->host.opaque); break;
    case APIC_DM_NMI: if (s->host.nmi) s->host.nmi(s->host.opaque); break;
    case APIC_DM_EXTINT: set_intr(s, true); break;
    case APIC_DM_FIXED: {
        bool level = (n == APIC_LVT_LINT0 || n == APIC_LVT_LINT1) && (lvt & APIC_LVT_LEVEL_TRIGGER);
        apic_set_irq(s, lvt & 0xff, level);
        break;
    }
    default:
        trace(TRACE_DEV, "apic: LVT %d delivery mode %u ignored", n, (lvt >> 8) & 7);
        break;
    }
}

void apic_deliver_pic_intr(ApicState *s, bool level)
{
    if (level) {
        apic_local_deliver(s, APIC_LVT_LINT0);
        return;
    }
    uint32_t lvt = s->lvt[APIC_LVT_LINT0];
    switch ((lvt >> 8) & 7) {
    case APIC_DM_FIXED:
        if (!(lvt & APIC_LVT_LEVEL_TRIGGER))
            break;
        bit_clear(s->irr, lvt & 0xff);
        apic_update_irq(s);
        break;
    case APIC_DM_EXTINT:
        apic_update_irq(s);
        break;
    }
}

/* QEMU's apic_check_pic: an 8259 request through LINT0 goes first. */
static bool apic_check_pic(ApicState *s)
{
    if (!apic_accept_pic_intr(s) || !pic_output(s))
        return false;
    apic_deliver_pic_intr(s, true);
    return true;
}

int apic_get_interrupt(ApicState *s)
{
    if (!(s->spurious_vec & APIC_SV_ENABLE))
        return -1;
    apic_sync_vapic(s, SYNC_FROM);
    int v = apic_irq_pending(s);
    if (v == 0 || apic_check_pic(s)) {
        apic_sync_vapic(s, SYNC_TO);
        return -1;
    }
    if (v < 0) {
        apic_sync_vapic(s, SYNC_TO);
        return s->spurious_vec & 0xff;
    }
    bit_clear(s->irr, v);
    bit_set(s->isr, v);
    apic_sync_vapic(s, SYNC_TO);
    apic_update_irq(s);
    return v;
}

static void apic_eoi(ApicState *s)
{
    int v = highest(s->isr);
    if (v < 0)
        return;
    bit_clear(s->isr, v);
    if (!(s->spurious_vec & APIC_SV_DIRECTED_IO) && bit_get(s->tmr, v) && s->host.eoi_broadcast)
        s->host.eoi_broadcast(s->host.opaque, v);
    apic_sync_vapic(s, SYNC_FROM | SYNC_TO);
    apic_update_irq(s);
}

/* ---- interrupt messages ---- */

/* Whether a message for dest reaches this APIC (the one in QEMU's slot 0; a self IPI
 * looks the slot up by the current id, see apic_send_ipi). */
static bool apic_match(const ApicState *s, uint8_t dest, bool logical)
{
    if (!logical)
        return dest == 0xff || dest == s->id;   /* QEMU's apic_find_dest: the current id */
    if (s->dest_mode == 0xf)
        return (dest & s->log_dest) != 0;
    if (s->dest_mode == 0)
        return (dest & 0xf0) == (s->log_dest & 0xf0) && (dest & s->log_dest & 0x0f);
    return false;
}

/* QEMU's apic_bus_deliver for a destination that includes this APIC. */
static void apic_bus_deliver(ApicState *s, int mode, uint8_t vector, bool level)
{
    switch (mode) {
    case APIC_DM_FIXED:
    case APIC_DM_LOWPRI:
    case APIC_DM_EXTINT:   /* the I/O APIC already took the vector from the 8259 */
        apic_set_irq(s, vector, level);
        break;
    case APIC_DM_SMI: if (s->host.smi) s->host.smi(s->host.opaque); break;
    case APIC_DM_NMI: if (s->host.nmi) s->host.nmi(s->host.opaque); break;
    case APIC_DM_INIT:
        if (s->host.init)
            s->host.init(s->host.opaque);
        else
            trace(TRACE_DEV, "apic: INIT dropped (the machine does not reset the CPU for it)");
        break;
    default:
        trace(TRACE_DEV, "apic: message delivery mode %d ignored", mode);
        break;
    }
}

void apic_send_msi(ApicState *s, uint32_t addr, uint32_t data)
{
    uint8_t dest = (uint8_t)(addr >> 12);
    if (apic_match(s, dest, (addr >> 2) & 1))
        apic_bus_deliver(s, (data >> 8) & 7, (uint8_t)data, (data >> 15) & 1);
}

/* An ICR low write: QEMU's apic_deliver. */
static void apic_send_ipi(ApicState *s)
{
    uint32_t lo = s->icr[0];
    int mode = (lo >> 8) & 7;
    bool self;
    switch ((lo >> 18) & 3) {
    case 0: self = apic_match(s, (uint8_t)(s->icr[1] >> 24), (lo >> 11) & 1); break;
    case 1: self = s->id == 0; break;   /* QEMU looks the APIC up by its current id */
    case 2: self = true; break;
    default: self = false; break;
    }
    if (mode == APIC_DM_INIT && !((lo >> 14) & 1) && ((lo >> 15) & 1)) {
        if (self)
            s->arb_id = s->id;   /* INIT level de-assert */
        return;
    }
    if (mode == APIC_DM_SIPI) {
        if (self && s->wait_for_sipi)
            s->sipi_vector = lo & 0xff;   /* only an AP waits; the BSP ignores it */
        return;
    }
    if (self)
        apic_bus_deliver(s, mode, (uint8_t)lo, (lo >> 15) & 1);
}

/* ---- timer ---- */

/* Ticks since the initial-count load at time now, as QEMU's signed arithmetic (negative
 * when a loaded stream puts the load in the future; wrapping, never overflowing). */
static int64_t apic_ticks(const ApicState *s, int64_t now)
{
    return (int64_t)((uint64_t)now - (uint64_t)s->initial_count_load_time) >> s->count_shift;
}

/* The time a register access sees (clock_io_ns). images/devs/apic.asm's C line shows it,
 * with the timer read one instruction into its handler. */
static int64_t apic_io_now(const ApicState *s) { return clock_io_ns(s->timer.clock); }

static uint32_t apic_current_count(const ApicState *s)
{
    int64_t d = apic_ticks(s, apic_io_now(s));
    if (s->lvt[APIC_LVT_TIMER] & APIC_LVT_TIMER_PERIODIC)
        return s->initial_count - (uint32_t)((uint64_t)d % ((uint64_t)s->initial_count + 1));
    return d >= (int64_t)s->initial_count ? 0 : s->initial_count - (uint32_t)d;
}

/* QEMU's apic_next_timer and apic_timer_update: arm for the next expiry after now. */
static void apic_timer_update(ApicState *s, int64_t now)
{
    s->timer_expiry = -1;
    timer_del(&s->timer);
    if (s->lvt[APIC_LVT_TIMER] & APIC_LVT_MASKED)
        return;
    int64_t ticks = apic_ticks(s, now);
    uint64_t d, period = (uint64_t)s->initial_count + 1;
    if (s->lvt[APIC_LVT_TIMER] & APIC_LVT_TIMER_PERIODIC) {
        if (!s->initial_count)
            return;
        d = ((uint64_t)ticks / period + 1) * period;   /* unsigned division, as QEMU's */
    } else {
        if (ticks >= (int64_t)s->initial_count)
            return;
        d = period;
    }
    /* unsigned: a hostile load time must not overflow; QEMU's values stay far below */
    s->next_time = (int64_t)((uint64_t)s->initial_count_load_time + (d << s->count_shift));
    s->timer_expiry = s->next_time;
    timer_mod(&s->timer, s->next_time);
}

static void apic_timer_cb(void *opaque)
{
    ApicState *s = opaque;
    int64_t fired = s->next_time;
    apic_local_deliver(s, APIC_LVT_TIMER);
    apic_timer_update(s, fired);
    if (s->timer_expiry != -1 && s->timer_expiry <= fired) {
        /* only a loaded load time in the future gets here (QEMU would spin): stop */
        trace(TRACE_DEV, "apic: timer makes no progress at %lld, stopped", (long long)fired);
        s->timer_expiry = -1;
        timer_del(&s->timer);
    }
}

/* ---- MSR ---- */

uint64_t apic_get_base(const ApicState *s) { return s->apicbase; }

void apic_set_base(ApicState *s, uint64_t val)
{
    s->apicbase = ((uint32_t)val & 0xfffff000u) | (s->apicbase & (APIC_MSR_BSP | APIC_MSR_ENABLE));
    if (!(val & APIC_MSR_ENABLE)) {
        s->apicbase &= ~APIC_MSR_ENABLE;
        s->spurious_vec &= ~APIC_SV_ENABLE;
        if (s->host.disable)
            s->host.disable(s->host.opaque);
    }
}

/* ---- MMIO ---- */

static uint32_t apic_read(void *opaque, uint32_t off, unsigned size)
{
    ApicState *s = opaque;
    if (size != 4)
        return 0;
    int index = (off >> 4) & 0xff;
    switch (index) {
    case 0x02: return (uint32_t)s->id << 24;
    case 0x03: return APIC_VERSION | (APIC_LVT_NB - 1) << 16;
    case 0x08:
        apic_sync_vapic(s, SYNC_FROM);
        if (s->tpr_report && s->tpr_access)
            s->tpr_access(s->tpr_opaque, false);
        return s->tpr;
    case 0x09: return 0;   /* XXX: APR; QEMU 7.2 does no arbitration and reads 0 */
    case 0x0a: return (uint32_t)apic_ppr(s);
    case 0x0b: return 0;
    case 0x0d: return (uint32_t)s->log_dest << 24;
    case 0x0e: return (uint32_t)s->dest_mode << 28 | 0xfffffff;
    case 0x0f: return s->spurious_vec;
    case 0x28: return s->esr;
    case 0x30: case 0x31: return s->icr[index & 1];
    case 0x38: return s->initial_count;
    case 0x39: return apic_current_count(s);
    case 0x3e: return s->divide_conf;
    default:
        if (index >= 0x10 && index < 0x28)
            return (index < 0x18 ? s->isr : index < 0x20 ? s->tmr : s->irr)[index & 7];
        if (index >= 0x32 && index < 0x32 + APIC_LVT_NB)
            return s->lvt[index - 0x32];
        s->esr |= APIC_ESR_ILLEGAL_ADDRESS;
        return 0;
    }
}

static void apic_write(void *opaque, uint32_t off, uint32_t val, unsigned size)
{
    ApicState *s = opaque;
    if (size != 4) {
        trace(TRACE_DEV, "apic: %u-byte write to +%#x ignored", size, off);
        return;
    }
    int index = (off >> 4) & 0xff;
    if (off > 0xfff || index == 0) {
        apic_send_msi(s, APIC_BASE_DEFAULT + off, val);
        return;
    }
    switch (index) {
    case 0x02: s->id = (uint8_t)(val >> 24); break;
    case 0x08:
        if (s->tpr_report && s->tpr_access)
            s->tpr_access(s->tpr_opaque, true);
        s->tpr = (uint8_t)val;
        apic_sync_vapic(s, SYNC_TO);
        apic_update_irq(s);
        break;
    case 0x0b: apic_eoi(s); break;
    case 0x0d: s->log_dest = (uint8_t)(val >> 24); break;
    case 0x0e: s->dest_mode = (uint8_t)(val >> 28); break;
    case 0x0f: s->spurious_vec = val & 0x1ff; apic_update_irq(s); break;
    case 0x30: s->icr[0] = val; apic_send_ipi(s); break;
    case 0x31: s->icr[1] = val; break;
    case 0x38:
        s->initial_count = val;
        s->initial_count_load_time = apic_io_now(s);
        apic_timer_update(s, s->initial_count_load_time);
        break;
    case 0x3e: {
        s->divide_conf = val & 0xb;
        int v = (s->divide_conf & 3) | ((s->divide_conf >> 1) & 4);
        s->count_shift = (v + 1) & 7;
        break;
    }
    default:
        if (index >= 0x32 && index < 0x32 + APIC_LVT_NB) {
            int n = index - 0x32;
            s->lvt[n] = val;
            if (n == APIC_LVT_TIMER)
                apic_timer_update(s, apic_io_now(s));
            else if (n == APIC_LVT_LINT0 && apic_check_pic(s))
                apic_update_irq(s);
        } else if (!(index == 0x03 || index == 0x09 || index == 0x0a || index == 0x39 ||
                     (index >= 0x10 && index <= 0x28))) {
            s->esr |= APIC_ESR_ILLEGAL_ADDRESS;
        }
        break;
    }
}

/* ---- after a load ---- */

void apic_sync(ApicState *s)
{
    if (s->timer_expiry != -1)
        timer_mod(&s->timer, s->timer_expiry);
    else
        timer_del(&s->timer);
    apic_update_irq(s);
}

/* ---- kvmvapic ---- */

void apic_enable_vapic(ApicState *s, uint32_t paddr)
{
    s->vapic_paddr = paddr;
    apic_sync_vapic(s, SYNC_TO);
}

void apic_set_tpr_access(ApicState *s, void (*tpr_access)(void *opaque, bool write), void *opaque)
{
    s->tpr_access = tpr_access;
    s->tpr_opaque = opaque;
}

void apic_enable_tpr_reporting(ApicState *s, bool on) { s->tpr_report = on; }

void apic_poll_irq(ApicState *s)
{
    apic_sync_vapic(s, SYNC_FROM);
    apic_update_irq(s);
}

/* ---- init ---- */

ApicState *apic_init(Bus *mem, Clock *clock, const ApicHost *host)
{
    ApicState *s = xzalloc(sizeof *s);
    s->host = *host;
    s->mem = mem;
    timer_init(&s->timer, clock, apic_timer_cb, s);
    bus_map_mmio(mem, APIC_BASE_DEFAULT, APIC_SPACE_SIZE, s, apic_read, apic_write, IO_SIZE_ALL);
    bus_name_mmio(mem, "apic-msi", APIC_BASE_DEFAULT, 0x100000, 4096);   /* QEMU: MSI window */
    apic_reset(s);
    return s;   /* machine.c: apic_vms, instance 0, after the kvmvapic device's section */
}

void apic_free(ApicState *s) { free(s); }
