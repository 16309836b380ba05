/* hpet.c: the High Precision Event Timer of QEMU 7.2's pc machine (hw/timer/hpet.c with the
 * pc-i440fx properties: 3 timers, intcap 0x4, no MSI, hpet-offset-saved on). Reference:
 * IA-PC HPET Specification 1.0a; QEMU 7.2's behaviour where the two differ.
 *
 * Registers (32-bit accesses only, 1 KiB at 0xFED00000; other sizes read 0 and are
 * dropped, as QEMU's region refuses them):
 *   0x000 capabilities and ID (0x8086A201: 64-bit counter, legacy route capable, 3
 *         timers), 0x004 the counter period in fs (10^7: 100 MHz)
 *   0x010 general configuration: ENABLE_CNF (bit 0), LEG_RT_CNF (bit 1)
 *   0x020 general interrupt status (write 1 to clear a level timer's bit)
 *   0x0F0 main counter (writable; runs while ENABLE_CNF is set)
 *   0x100 + 0x20 n: timer n configuration and capabilities, +0x08 comparator, +0x10 FSB
 *
 * Time: the main counter is (virtual ns + hpet_offset) / 10 in 64-bit arithmetic, so it
 * runs on the machine's virtual clock (clock.h); each timer's expiry is a virtual-clock
 * Timer armed at now + 10 ns x the ticks to its comparator, as QEMU's QEMUTimer.
 *
 * Interrupts: timer n goes to GSI Tn_INT_ROUTE_CNF, or with LEG_RT_CNF timers 0 and 1 go to
 * GSI 0 (I/O APIC pin 2) and GSI 8. The PIT and the RTC drive the HPET's legacy inputs,
 * which pass on to GSI 0 and 8 only while LEG_RT_CNF is clear; setting it also stops the
 * PIT's channel 0 timer through pit_enabled, as QEMU's pc wires it. Edge timers pulse
 * their line; level timers raise it and set their status bit until the guest clears it.
 *
 * XXX: QEMU 7.2 ignores Tn_INT_ROUTE_CAP and lets a timer route anywhere; pcemu follows it
 * (a route at or above the machine's GSI lines goes nowhere). Timer registers of timers
 * 3..23 read 0 and ignore writes (QEMU reads and writes its unused timer 3 instead). FSB
 * delivery is never offered (QEMU's "msi" property is off for pc). */
#include "emu/dev/hpet.h"

#include <stdlib.h>
#include <string.h>

enum {
    HPET_ID = 0x000, HPET_PERIOD = 0x004, HPET_CFG = 0x010, HPET_STATUS = 0x020,
    HPET_COUNTER = 0x0f0, HPET_TN_BASE = 0x100, HPET_TN_STRIDE = 0x20, HPET_TN_END = 0x400,
    HPET_TN_CFG = 0x00, HPET_TN_CMP = 0x08, HPET_TN_ROUTE = 0x10,
};
#define HPET_CFG_ENABLE 0x1u
#define HPET_CFG_LEGACY 0x2u
#define HPET_CFG_WRITE_MASK 0x3u
#define HPET_TN_TYPE_LEVEL 0x002u
#define HPET_TN_ENABLE 0x004u
#define HPET_TN_PERIODIC 0x008u
#define HPET_TN_PERIODIC_CAP 0x010u
#define HPET_TN_SIZE_CAP 0x020u
#define HPET_TN_SETVAL 0x040u
#define HPET_TN_32BIT 0x100u
#define HPET_TN_INT_ROUTE_MASK 0x3e00u
#define HPET_TN_INT_ROUTE_SHIFT 9
#define HPET_TN_FSB_ENABLE 0x4000u
#define HPET_TN_CFG_WRITE_MASK 0x7f4eu
#define HPET_ID_NUM_TIM_SHIFT 8
#define HPET_FS_PER_NS 1000000u
#define HPET_RTC_GSI 8
#define HPET_HI 0xffffffff00000000ull
#define HPET_LO 0xffffffffull

static int hpet_pre_load(void *opaque, Err *err);
static int hpet_post_load(void *opaque, int version, Err *err);
static int hpet_pre_save(void *opaque, Err *err);
static bool hpet_rtc_irq_level_needed(void *opaque);
static bool hpet_offset_needed(void *opaque);
static int hpet_offset_pre_load(void *opaque, Err *err);
static bool hpet_num_timers_valid(void *opaque, int version);

static const VmsDesc hpet_timer_vms = {
    .name = "hpet_timer", .version = 1, .min_version = 1,
    .fields = (const VmsField[]){
        VMS_UINT8(HpetTimer, tn),
        VMS_UINT64(HpetTimer, config),
        VMS_UINT64(HpetTimer, cmp),
        VMS_UINT64(HpetTimer, fsb),
        VMS_UINT64(HpetTimer, period),
        VMS_UINT8(HpetTimer, wrap_flag),
        VMSN_TIMER("qemu_timer", HpetTimer, timer),
        VMS_END,
    },
};
static const VmsDesc hpet_rtc_irq_level_vms = {
    .name = "hpet/rtc_irq_level", .version = 1, .min_version = 1,
    .needed = hpet_rtc_irq_level_needed,
    .fields = (const VmsField[]){ VMS_UINT8(HpetState, rtc_irq_level), VMS_END },
};
static const VmsDesc hpet_offset_vms = {
    .name = "hpet/offset", .version = 1, .min_version = 1,
    .needed = hpet_offset_needed, .pre_load = hpet_offset_pre_load,
    .fields = (const VmsField[]){ VMS_UINT64(HpetState, hpet_offset), VMS_END },
};
const VmsDesc hpet_vms = {
    .name = "hpet", .version = 2, .min_version = 1,
    .pre_save = hpet_pre_save, .pre_load = hpet_pre_load, .post_load = hpet_post_load,
    .fields = (const VmsField[]){
        VMS_UINT64(HpetState, config),
        VMS_UINT64(HpetState, isr),
        VMS_UINT64(HpetState, hpet_counter),
        VMS_UINT8_V(HpetState, num_timers, 2),
        VMSN_VALIDATE("num_timers in range", hpet_num_timers_valid),
        VMSN_STRUCT_VARRAY_U8("timer", HpetState, timer, HpetTimer, HPET_NUM_TIMERS,
                              &hpet_timer_vms, num_timers),
        VMS_END,
    },
    .subsections = (const VmsDesc *const[]){ &hpet_rtc_irq_level_vms, &hpet_offset_vms, NULL },
};

/* ---- helpers ---- */

static bool hpet_enabled(const HpetState *s) { return s->config & HPET_CFG_ENABLE; }
static bool hpet_legacy(const HpetState *s) { return s->config & HPET_CFG_LEGACY; }
static bool timer_periodic(const HpetTimer *t) { return t->config & HPET_TN_PERIODIC; }
static bool timer_32bit(const HpetTimer *t) { return t->config & HPET_TN_32BIT; }

/* Main counter at virtual time now (ns): clock_io_ns in a register access, clock_ns in a
 * timer callback. */
static uint64_t hpet_get_ticks(const HpetState *s, uint64_t now)
{
    return (now + s->hpet_offset) / HPET_CLK_PERIOD_NS;
}

/* Ticks from current to the comparator, at least 1 (a comparator already passed fires at
 * the next tick), in the timer's width. */
static uint64_t hpet_calculate_diff(const HpetTimer *t, uint64_t current)
{
    if (timer_32bit(t)) {
        uint32_t diff = (uint32_t)t->cmp - (uint32_t)current;
        return (int32_t)diff > 0 ? diff : 1;
    }
    uint64_t diff = t->cmp - current;
    return (int64_t)diff > 0 ? diff : 1;
}

/* Arms t ticks from now; an expiry beyond what the clock can hold stops it instead (QEMU
 * 7.2.1's "Fix expiration time overflow": the wrapped deadline would fire at once, and a
 * periodic timer would then re-arm without end). */
static void hpet_arm(HpetTimer *t, uint64_t now, uint64_t ticks)
{
    if (ticks < (uint64_t)(INT64_MAX / 2) / HPET_CLK_PERIOD_NS)
        timer_mod(&t->timer, (int64_t)(now + ticks * HPET_CLK_PERIOD_NS));
    else
        timer_del(&t->timer);
}

static void hpet_gsi(HpetState *s, int route, int level)
{
    if (route < s->ngsi)
        irq_set(&s->gsi[route], level);
    else
        trace(TRACE_DEV, "hpet: route %d is not connected", route);
}

/* QEMU's update_irq: set = 0 deasserts (and clears the status bit), set = 1 fires. */
static void hpet_update_irq(HpetTimer *t, int set)
{
    HpetState *s = t->s;
    int route = t->tn <= 1 && hpet_legacy(s) ? (t->tn == 0 ? 0 : HPET_RTC_GSI)
              : (int)((t->config & HPET_TN_INT_ROUTE_MASK) >> HPET_TN_INT_ROUTE_SHIFT);
    uint64_t mask = 1ull << t->tn;
    if (!set || !(t->config & HPET_TN_ENABLE) || !hpet_enabled(s)) {
        s->isr &= ~mask;
        if (!(t->config & HPET_TN_FSB_ENABLE))
            hpet_gsi(s, route, 0);
    } else if (t->config & HPET_TN_FSB_ENABLE) {
        trace(TRACE_DEV, "hpet: timer %u FSB delivery is not offered; dropped", t->tn);
    } else if (t->config & HPET_TN_TYPE_LEVEL) {
        s->isr |= mask;
        hpet_gsi(s, route, 1);
    } else {
        s->isr &= ~mask;
        hpet_gsi(s, route, 1);
        hpet_gsi(s, route, 0);
    }
}

/* Arms t for its comparator (or, 32-bit one-shot, for the counter's wrap if that comes
 * first: the specification's extra interrupt at the wrap). */
static void hpet_set_timer(HpetTimer *t, uint64_t now)
{
    uint64_t cur = hpet_get_ticks(t->s, now);
    t->wrap_flag = 0;
    uint64_t diff = hpet_calculate_diff(t, cur);
    if (timer_32bit(t) && !timer_periodic(t)) {
        uint32_t wrap_diff = 0xffffffffu - (uint32_t)cur;
        if (wrap_diff < (uint32_t)diff) {
            diff = wrap_diff;
            t->wrap_flag = 1;
        }
    }
    hpet_arm(t, now, diff);
}

static void hpet_del_timer(HpetTimer *t)
{
    timer_del(&t->timer);
    hpet_update_irq(t, 0);
}

/* Expiry: a periodic timer steps its comparator past the counter and re-arms; a 32-bit
 * one-shot that stopped at the wrap re-arms for its comparator. Then it fires. */
static void hpet_timer_cb(void *opaque)
{
    HpetTimer *t = opaque;
    uint64_t now = (uint64_t)clock_ns(t->s->clock), cur = hpet_get_ticks(t->s, now);
    if (timer_periodic(t) && t->period != 0) {
        if (timer_32bit(t)) {
            while ((int32_t)((uint32_t)t->cmp - (uint32_t)cur) < 0)
                t->cmp = (uint32_t)(t->cmp + t->period);
        } else {
            while ((int64_t)(t->cmp - cur) < 0)
                t->cmp += t->period;
        }
        hpet_arm(t, now, hpet_calculate_diff(t, cur));
    } else if (timer_32bit(t) && !timer_periodic(t) && t->wrap_flag) {
        hpet_arm(t, now, hpet_calculate_diff(t, cur));
        t->wrap_flag = 0;
    }
    hpet_update_irq(t, 1);
}

/* ---- reset ---- */

void hpet_reset(HpetState *s)
{
    for (int i = 0; i < HPET_NUM_TIMERS; i++) {
        HpetTimer *t = &s->timer[i];
        hpet_del_timer(t);
        t->cmp = ~0ull;
        t->config = HPET_TN_PERIODIC_CAP | HPET_TN_SIZE_CAP | (uint64_t)HPET_INTCAP_PIIX << 32;
        t->period = 0;
        t->wrap_flag = 0;
    }
    irq_raise(&s->pit_enabled);
    s->hpet_counter = 0;
    s->hpet_offset = 0;
    s->config = 0;
    s->isr = 0;
    s->rtc_irq_level = 0;   /* the RTC lowers its output on reset too */
}

/* ---- registers ---- */

static uint32_t hpet_timer_read(const HpetTimer *t, uint32_t reg)
{
    switch (reg) {
    case HPET_TN_CFG: return (uint32_t)t->config;
    case HPET_TN_CFG + 4: return (uint32_t)(t->config >> 32);
    case HPET_TN_CMP: return (uint32_t)t->cmp;
    case HPET_TN_CMP + 4: return (uint32_t)(t->cmp >> 32);
    case HPET_TN_ROUTE: return (uint32_t)t->fsb;
    case HPET_TN_ROUTE + 4: return (uint32_t)(t->fsb >> 32);
    default: return 0;
    }
}

static uint32_t hpet_reg_read(HpetState *s, uint32_t off, uint64_t now)
{
    if (off >= HPET_TN_BASE) {
        uint32_t n = (off - HPET_TN_BASE) / HPET_TN_STRIDE;
        return n < HPET_NUM_TIMERS ? hpet_timer_read(&s->timer[n], (off - HPET_TN_BASE) % HPET_TN_STRIDE) : 0;
    }
    switch (off) {
    case HPET_ID: return (uint32_t)s->capability;
    case HPET_PERIOD: return (uint32_t)(s->capability >> 32);
    case HPET_CFG: return (uint32_t)s->config;
    case HPET_STATUS: return (uint32_t)s->isr;
    case HPET_COUNTER:
    case HPET_COUNTER + 4: {
        uint64_t c = hpet_enabled(s) ? hpet_get_ticks(s, now) : s->hpet_counter;
        return off == HPET_COUNTER ? (uint32_t)c : (uint32_t)(c >> 32);
    }
    default: return 0;
    }
}

static uint32_t hpet_mmio_read(void *opaque, uint32_t off, unsigned size)
{
    if (size != 4 || (off & 3) || off >= HPET_TN_END) {
        trace(TRACE_DEV, "hpet: %u-byte read at +%#x reads 0", size, off);
        return 0;
    }
    HpetState *s = opaque;
    return hpet_reg_read(s, off, (uint64_t)clock_io_ns(s->clock));
}

/* The periodic half of a comparator write: the period, limited to the timer's width less
 * its top bit (QEMU's clamp). */
static uint64_t hpet_period_bits(const HpetTimer *t, uint64_t v)
{
    return v & ((timer_32bit(t) ? 0xffffffffull : ~0ull) >> 1);
}

static void hpet_timer_write(HpetState *s, HpetTimer *t, uint32_t reg, uint64_t old, uint64_t v,
                             uint64_t now)
{
    switch (reg) {
    case HPET_TN_CFG:
        if (!(old & HPET_TN_FSB_ENABLE) && (v & HPET_TN_FSB_ENABLE))
            hpet_update_irq(t, 0);
        t->config = (t->config & HPET_HI) | (v & HPET_TN_CFG_WRITE_MASK) | (old & ~HPET_TN_CFG_WRITE_MASK);
        if (v & HPET_TN_32BIT) {
            t->cmp = (uint32_t)t->cmp;
            t->period = (uint32_t)t->period;
        }
        if (!(old & HPET_TN_ENABLE) && (v & HPET_TN_ENABLE) && hpet_enabled(s))
            hpet_set_timer(t, now);
        else if ((old & HPET_TN_ENABLE) && !(v & HPET_TN_ENABLE))
            hpet_del_timer(t);
        break;
    case HPET_TN_CMP:
    case HPET_TN_CMP + 4: {
        bool hi = reg == HPET_TN_CMP + 4;
        /* a periodic timer takes a new comparator only with SETVAL; otherwise the write is
         * its period (QEMU: the low half sets both when SETVAL is on) */
        bool to_cmp = !timer_periodic(t) || (t->config & HPET_TN_SETVAL);
        if (to_cmp)
            t->cmp = hi ? (t->cmp & HPET_LO) | v << 32 : (t->cmp & HPET_HI) | v;
        if (timer_periodic(t) && (!hi || !to_cmp))
            t->period = hi ? (t->period & HPET_LO) | hpet_period_bits(t, v) << 32
                           : (t->period & HPET_HI) | hpet_period_bits(t, v);
        t->config &= ~(uint64_t)HPET_TN_SETVAL;
        if (hpet_enabled(s))
            hpet_set_timer(t, now);
        break;
    }
    case HPET_TN_ROUTE: t->fsb = (t->fsb & HPET_HI) | v; break;
    case HPET_TN_ROUTE + 4: t->fsb = (t->fsb & HPET_LO) | v << 32; break;
    default: trace(TRACE_DEV, "hpet: timer %u write to +%#x ignored", t->tn, reg); break;
    }
}

static void hpet_cfg_write(HpetState *s, uint64_t old, uint64_t v, uint64_t now)
{
    s->config = (s->config & HPET_HI) | (v & HPET_CFG_WRITE_MASK) | (old & ~HPET_CFG_WRITE_MASK);
    if (!(old & HPET_CFG_ENABLE) && (v & HPET_CFG_ENABLE)) {
        /* the counter runs on from the value it held (or was written) while halted */
        s->hpet_offset = s->hpet_counter * HPET_CLK_PERIOD_NS - now;
        for (int i = 0; i < HPET_NUM_TIMERS; i++)
            if (s->timer[i].cmp != ~0ull)
                hpet_set_timer(&s->timer[i], now);
    } else if ((old & HPET_CFG_ENABLE) && !(v & HPET_CFG_ENABLE)) {
        s->hpet_counter = hpet_get_ticks(s, now);
        for (int i = 0; i < HPET_NUM_TIMERS; i++)
            hpet_del_timer(&s->timer[i]);
    }
    if (!(old & HPET_CFG_LEGACY) && (v & HPET_CFG_LEGACY)) {
        irq_lower(&s->pit_enabled);
        hpet_gsi(s, 0, 0);
        hpet_gsi(s, HPET_RTC_GSI, 0);
    } else if ((old & HPET_CFG_LEGACY) && !(v & HPET_CFG_LEGACY)) {
        hpet_gsi(s, 0, 0);
        irq_raise(&s->pit_enabled);
        hpet_gsi(s, HPET_RTC_GSI, s->rtc_irq_level);
    }
}

static void hpet_mmio_write(void *opaque, uint32_t off, uint32_t val, unsigned size)
{
    HpetState *s = opaque;
    if (size != 4 || (off & 3) || off >= HPET_TN_END) {
        trace(TRACE_DEV, "hpet: %u-byte write of %#x at +%#x dropped", size, val, off);
        return;
    }
    uint64_t now = (uint64_t)clock_io_ns(s->clock), old = hpet_reg_read(s, off, now), v = val;
    if (off >= HPET_TN_BASE) {
        uint32_t n = (off - HPET_TN_BASE) / HPET_TN_STRIDE;
        if (n < HPET_NUM_TIMERS)
            hpet_timer_write(s, &s->timer[n], (off - HPET_TN_BASE) % HPET_TN_STRIDE, old, v, now);
        else
            trace(TRACE_DEV, "hpet: write to timer %u, which does not exist", n);
        return;
    }
    switch (off) {
    case HPET_CFG: hpet_cfg_write(s, old, v, now); break;
    case HPET_STATUS:
        for (int i = 0; i < HPET_NUM_TIMERS; i++)
            if (v & s->isr & (1ull << i))
                hpet_update_irq(&s->timer[i], 0);
        break;
    case HPET_COUNTER:
        s->hpet_counter = (s->hpet_counter & HPET_HI) | v;   /* takes effect at ENABLE_CNF */
        break;
    case HPET_COUNTER + 4:
        s->hpet_counter = (s->hpet_counter & HPET_LO) | v << 32;
        break;
    default: trace(TRACE_DEV, "hpet: write %#x to +%#x ignored", val, off); break;
    }
}

/* IrqLine receiver for the PIT's (n = 0) and the RTC's (n = 1) outputs. */
static void hpet_legacy_irq(void *opaque, int n, int level)
{
    HpetState *s = opaque;
    if (n == HPET_LEGACY_PIT_IN) {
        if (!hpet_legacy(s))
            hpet_gsi(s, 0, level);
    } else {
        s->rtc_irq_level = level != 0;
        if (!hpet_legacy(s))
            hpet_gsi(s, HPET_RTC_GSI, level);
    }
}

/* ---- save and load ---- */

static int hpet_pre_save(void *opaque, Err *err)
{
    HpetState *s = opaque;
    if (hpet_enabled(s))   /* a save happens between instructions: clock_ns */
        s->hpet_counter = hpet_get_ticks(s, (uint64_t)clock_ns(s->clock));
    return 0;
}

static bool hpet_rtc_irq_level_needed(void *opaque) { return ((HpetState *)opaque)->rtc_irq_level != 0; }
static bool hpet_offset_needed(void *opaque) { return hpet_enabled(opaque); }

/* A version 1 stream has no num_timers: QEMU's 3. The counter's offset is recomputed from
 * hpet_counter unless "hpet/offset" brings it (a stream from a QEMU with hpet-offset-saved
 * off, or the HPET disabled). */
static int hpet_pre_load(void *opaque, Err *err)
{
    HpetState *s = opaque;
    s->num_timers = HPET_NUM_TIMERS;
    s->offset_loaded = false;
    return 0;
}

static int hpet_offset_pre_load(void *opaque, Err *err)
{
    ((HpetState *)opaque)->offset_loaded = true;
    return 0;
}

static bool hpet_num_timers_valid(void *opaque, int version)
{
    return ((HpetState *)opaque)->num_timers == HPET_NUM_TIMERS;
}

static int hpet_post_load(void *opaque, int version, Err *err)
{
    HpetState *s = opaque;
    if (s->rtc_irq_level > 1)
        return ERR(err, -EINVAL, "hpet: rtc_irq_level %u out of range", s->rtc_irq_level);
    for (int i = 0; i < HPET_NUM_TIMERS; i++) {
        const HpetTimer *t = &s->timer[i];
        if (t->tn != i || t->wrap_flag > 1)
            return ERR(err, -EINVAL, "hpet: timer %d: tn %u wrap_flag %u out of range", i,
                       t->tn, t->wrap_flag);
    }
    if (!s->offset_loaded)
        s->hpet_offset = s->hpet_counter * HPET_CLK_PERIOD_NS - (uint64_t)clock_ns(s->clock);
    return 0;   /* the timers' deadlines came with them; no line is driven, as QEMU */
}

/* ---- init ---- */

void hpet_fw_config(const HpetState *s, uint8_t out[HPET_FW_CONFIG_LEN])
{
    memset(out, 0, HPET_FW_CONFIG_LEN);
    out[0] = s ? 1 : 0xff;
    if (s) {
        put_le32(out + 1, (uint32_t)s->capability);
        put_le64(out + 5, HPET_BASE);
    }
}

const IrqLine *hpet_legacy_in(HpetState *s, int n) { return &s->legacy_in[n]; }
uint64_t hpet_counter_now(HpetState *s)
{
    return hpet_enabled(s) ? hpet_get_ticks(s, (uint64_t)clock_ns(s->clock)) : s->hpet_counter;
}

void hpet_connect_pit(HpetState *s, IrqLine pit_enabled) { s->pit_enabled = pit_enabled; }

HpetState *hpet_init(Bus *mem, Clock *clock, const IrqLine *gsi, int ngsi)
{
    HpetState *s = xzalloc(sizeof *s);
    s->clock = clock;
    s->gsi = gsi;
    s->ngsi = ngsi;
    s->num_timers = HPET_NUM_TIMERS;
    s->capability = 0x8086a001ull | (HPET_NUM_TIMERS - 1) << HPET_ID_NUM_TIM_SHIFT |
                    (uint64_t)(HPET_CLK_PERIOD_NS * HPET_FS_PER_NS) << 32;
    for (int i = 0; i < HPET_NUM_TIMERS; i++) {
        s->timer[i].tn = (uint8_t)i;
        s->timer[i].s = s;
        timer_init(&s->timer[i].timer, clock, hpet_timer_cb, &s->timer[i]);
    }
    for (int n = 0; n < 2; n++)
        s->legacy_in[n] = (IrqLine){ .set = hpet_legacy_irq, .opaque = s, .n = n };
    bus_map_mmio(mem, HPET_BASE, BUS_PAGE_SIZE, s, hpet_mmio_read, hpet_mmio_write, IO_SIZE_ALL);
    bus_name_mmio(mem, "hpet", HPET_BASE, 0x400, 0);
    hpet_reset(s);
    return s;   /* machine: hpet_vms for s, instance 0, after "ioapic" */
}

void hpet_free(HpetState *s) { free(s); }
