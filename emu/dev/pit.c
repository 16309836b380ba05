/* pit.c: Intel 8254 programmable interval timer, ports 0x40-0x43, and the PC's port 0x61
 * (system control port B: channel 2 gate, speaker data, OUT2, refresh toggle). Channel 0
 * drives IRQ 0; channel 2 is gated by port 0x61 and read back through its bit 5.
 * Counting happens in virtual time: the counter value and OUT are computed from the
 * virtual clock and count_load_time at 1193182 Hz; only channel 0 has a timer, armed at
 * its next OUT edge. Semantics and saved state follow QEMU 7.2 (hw/timer/i8254.c,
 * i8254_common.c, hw/audio/pcspk.c: sections "i8254" v3 and "pcspk" v1).
 * Reference: Intel 82C54 datasheet (231244).
 * Not emulated: BCD counting (the BCD bit is kept and reported only), gate-low pausing in
 * modes 0, 2, 3, 4 (counting continues, as in QEMU), the speaker sound itself.
 *
 * Byte sequencing of count reads and writes (read_state / write_state), set by the
 * control word in pit_write_control():
 *
 *   rw_mode 1 (LSB)  --> PIT_RW_LSB   : every access is the low byte
 *   rw_mode 2 (MSB)  --> PIT_RW_MSB   : every access is the high byte
 *   rw_mode 3 (word) --> PIT_RW_WORD0 --pit_io_read/pit_io_write--> PIT_RW_WORD1
 *                             ^--------------pit_io_read/pit_io_write--------'
 *
 * A counter latch (pit_latch_count) freezes the value; count_latched then walks
 * WORD0 -> MSB -> 0 (or LSB -> 0, MSB -> 0) in pit_io_read. */
#include "emu/dev/pit.h"

#include <stdlib.h>

enum {
    PIT_RW_LSB = 1,
    PIT_RW_MSB = 2,
    PIT_RW_WORD0 = 3,
    PIT_RW_WORD1 = 4,
};
#define PIT_NS_PER_SEC 1000000000ull
#define PIT_MAX_LATENESS_NS 1000000000ll   /* see pit_irq_timer_cb */

static int pit_post_load(void *opaque, int version, Err *err);
static bool pit_spk_needed(void *opaque);
static int pit_spk_post_load(void *opaque, int version, Err *err);

static const VmsDesc pit_chan_vms = {
    .name = "pit channel", .version = 2, .min_version = 2,
    .fields = (const VmsField[]){
        VMS_INT32(PitChan, count),
        VMS_UINT16(PitChan, latched_count),
        VMS_UINT8(PitChan, count_latched),
        VMS_UINT8(PitChan, status_latched),
        VMS_UINT8(PitChan, status),
        VMS_UINT8(PitChan, read_state),
        VMS_UINT8(PitChan, write_state),
        VMS_UINT8(PitChan, write_latch),
        VMS_UINT8(PitChan, rw_mode),
        VMS_UINT8(PitChan, mode),
        VMS_UINT8(PitChan, bcd),
        VMS_UINT8(PitChan, gate),
        VMS_INT64(PitChan, count_load_time),
        VMS_INT64(PitChan, next_transition_time),
        VMS_END,
    },
};

const VmsDesc pit_vms = {
    .name = "i8254", .version = 3, .min_version = 2, .post_load = pit_post_load,
    .fields = (const VmsField[]){
        VMSN_UINT32_V("channels[0].irq_disabled", PitState, ch[0].irq_disabled, 3),
        VMSN_STRUCT_ARRAY("channels", PitState, ch, PitChan, 3, &pit_chan_vms),
        VMSN_INT64("channels[0].next_transition_time", PitState, ch[0].next_transition_time),
        VMS_END,
    },
};

const VmsDesc pit_spk_vms = {
    .name = "pcspk", .version = 1, .min_version = 1, .needed = pit_spk_needed,
    .post_load = pit_spk_post_load,
    .fields = (const VmsField[]){
        VMS_UINT8(PitSpk, data_on),
        VMS_UINT8(PitSpk, dummy_refresh_clock),
        VMS_END,
    },
};

/* ---- reset ---- */

static int64_t pit_next_transition(const PitChan *c, int64_t now);

void pit_reset(PitState *s)
{
    int64_t now = clock_ns(s->clock);
    for (int i = 0; i < 3; i++) {
        PitChan *c = &s->ch[i];
        *c = (PitChan){ .mode = 3, .gate = i != 2, .count = 0x10000, .count_load_time = now,
                        .next_transition_time = -1 };
    }
    s->spk = (PitSpk){ 0 };
    /* As QEMU: arm channel 0 at its first edge without driving IRQ 0 now. */
    s->ch[0].next_transition_time = pit_next_transition(&s->ch[0], now);
    timer_mod(&s->irq_timer, s->ch[0].next_transition_time);
}

/* ---- helpers ---- */

static uint64_t pit_muldiv(uint64_t a, uint64_t b, uint64_t c)
{
    return (uint64_t)((unsigned __int128)a * b / c);
}

/* Input clock ticks since counting started; a load time in the future counts as 0. */
static uint64_t pit_ticks(const PitChan *c, int64_t now)
{
    if (now <= c->count_load_time)
        return 0;
    return pit_muldiv((uint64_t)now - (uint64_t)c->count_load_time, PIT_FREQ, PIT_NS_PER_SEC);
}

/* Modes 6 and 7 are 2 and 3 with a don't-care bit (datasheet table 1). */
static int pit_mode(const PitChan *c) { return c->mode > 5 ? c->mode - 4 : c->mode; }

static int pit_chan_count(const PitChan *c, int64_t now)
{
    uint64_t d = pit_ticks(c, now), count = (uint64_t)c->count;
    switch (pit_mode(c)) {
    case 0: case 1: case 4: case 5:
        return (int)((count - d) & 0xffff);
    case 3:
        /* XXX: for odd counts hardware spends (N+1)/2 and (N-1)/2 per half; QEMU's value */
        return (int)(count - ((2 * d) % count));
    default:
        return (int)(count - (d % count));
    }
}

/* OUT at time now. XXX: modes 1 and 2 are reported as QEMU does: mode 1 high while the
 * one-shot runs (hardware: low until terminal count), mode 2 a high pulse at each
 * terminal count (hardware: low for one clock); the edge per period the PIC sees in mode
 * 2 is the same. */
static int pit_chan_out(const PitChan *c, int64_t now)
{
    uint64_t d = pit_ticks(c, now), count = (uint64_t)c->count;
    switch (pit_mode(c)) {
    default:
    case 0: return d >= count;
    case 1: return d < count;
    case 2: return d % count == 0 && d != 0;
    case 3: return d % count < ((count + 1) >> 1);
    case 4: case 5: return d == count;
    }
}

/* Virtual ns of the next OUT transition after now, or -1 when there is none. */
static int64_t pit_next_transition(const PitChan *c, int64_t now)
{
    uint64_t d = pit_ticks(c, now), count = (uint64_t)c->count, next, base;
    switch (pit_mode(c)) {
    default:
    case 0: case 1:
        if (d >= count)
            return -1;
        next = count;
        break;
    case 2:
        base = d / count * count;
        next = (d - base == 0 && d != 0) ? base + count : base + count + 1;
        break;
    case 3:
        base = d / count * count;
        next = d - base < ((count + 1) >> 1) ? base + ((count + 1) >> 1) : base + count;
        break;
    case 4: case 5:
        if (d < count)
            next = count;
        else if (d == count)
            next = count + 1;
        else
            return -1;
        break;
    }
    uint64_t t = (uint64_t)c->count_load_time + pit_muldiv(next, PIT_NS_PER_SEC, PIT_FREQ);
    if ((int64_t)t <= now)   /* rounding: never schedule in the past */
        t = (uint64_t)now + 1;
    return (int64_t)t;
}

/* Channel 0: drive IRQ 0 from OUT at `now` and arm the timer at the next edge. */
static void pit_irq_timer_update(PitState *s, int64_t now)
{
    PitChan *c = &s->ch[0];
    if (c->irq_disabled)
        return;
    int64_t expire = pit_next_transition(c, now);
    irq_set(s->irq0, pit_chan_out(c, now));
    c->next_transition_time = expire;
    if (expire != -1)
        timer_mod(&s->irq_timer, expire);
    else
        timer_del(&s->irq_timer);
}

/* The edge is computed from the deadline, not from now, so that IRQ 0 keeps its exact
 * rate. A deadline far in the past (a stream saved on another clock) would replay every
 * missed edge one callback at a time; beyond a second late, resume from now. */
static void pit_irq_timer_cb(void *opaque)
{
    PitState *s = opaque;
    int64_t now = clock_ns(s->clock), t = s->ch[0].next_transition_time;
    pit_irq_timer_update(s, t < now - PIT_MAX_LATENESS_NS ? now : t);
}

static void pit_load_count(PitState *s, PitChan *c, int val)
{
    if (val == 0)
        val = 0x10000;
    c->count_load_time = clock_ns(s->clock);
    c->count = val;
    if (c == &s->ch[0])
        pit_irq_timer_update(s, c->count_load_time);
}

static void pit_latch_count(PitState *s, PitChan *c)
{
    if (!c->count_latched) {   /* a second latch before the read is ignored */
        c->latched_count = (uint16_t)pit_chan_count(c, clock_ns(s->clock));
        c->count_latched = c->rw_mode;
    }
}

/* ---- I/O handlers ---- */

static void pit_write_control(PitState *s, uint8_t val)
{
    int channel = val >> 6;
    if (channel == 3) {   /* read-back command; bits 1..3 select channels */
        for (int i = 0; i < 3; i++) {
            PitChan *c = &s->ch[i];
            if (!(val & (2 << i)))
                continue;
            if (!(val & 0x20))
                pit_latch_count(s, c);
            if (!(val & 0x10) && !c->status_latched) {
                /* XXX: the null-count bit (6) is always 0 */
                c->status = (uint8_t)(pit_chan_out(c, clock_ns(s->clock)) << 7 |
                                      c->rw_mode << 4 | c->mode << 1 | c->bcd);
                c->status_latched = 1;
            }
        }
        return;
    }
    PitChan *c = &s->ch[channel];
    int access = (val >> 4) & 3;
    if (access == 0) {
        pit_latch_count(s, c);
    } else {
        c->rw_mode = (uint8_t)access;
        c->read_state = (uint8_t)access;
        c->write_state = (uint8_t)access;
        c->mode = (val >> 1) & 7;
        c->bcd = val & 1;
        if (c->bcd)
            trace(TRACE_DEV, "pit: ch%d BCD counting not emulated", channel);
    }
}

static void pit_write_count(PitState *s, PitChan *c, uint8_t val)
{
    switch (c->write_state) {
    default:
    case PIT_RW_LSB:
        pit_load_count(s, c, val);
        break;
    case PIT_RW_MSB:
        pit_load_count(s, c, val << 8);
        break;
    case PIT_RW_WORD0:
        c->write_latch = val;
        c->write_state = PIT_RW_WORD1;
        break;
    case PIT_RW_WORD1:
        pit_load_count(s, c, c->write_latch | val << 8);
        c->write_state = PIT_RW_WORD0;
        break;
    }
}

static void pit_io_write(void *opaque, uint32_t off, uint32_t val, unsigned size)
{
    PitState *s = opaque;
    if (off == 3)
        pit_write_control(s, (uint8_t)val);
    else
        pit_write_count(s, &s->ch[off], (uint8_t)val);
}

static uint32_t pit_io_read(void *opaque, uint32_t off, unsigned size)
{
    PitState *s = opaque;
    if (off == 3)
        return 0;   /* the control register is write-only (QEMU reads 0) */
    PitChan *c = &s->ch[off];
    int ret;
    if (c->status_latched) {
        c->status_latched = 0;
        return c->status;
    }
    if (c->count_latched) {
        switch (c->count_latched) {
        default:
        case PIT_RW_LSB:
            ret = c->latched_count & 0xff;
            c->count_latched = 0;
            break;
        case PIT_RW_MSB:
            ret = c->latched_count >> 8;
            c->count_latched = 0;
            break;
        case PIT_RW_WORD0:
            ret = c->latched_count & 0xff;
            c->count_latched = PIT_RW_MSB;
            break;
        }
        return (uint32_t)ret;
    }
    int count = pit_chan_count(c, clock_ns(s->clock));
    switch (c->read_state) {
    default:
    case PIT_RW_LSB:
        ret = count & 0xff;
        break;
    case PIT_RW_MSB:
        ret = (count >> 8) & 0xff;
        break;
    case PIT_RW_WORD0:
        ret = count & 0xff;
        c->read_state = PIT_RW_WORD1;
        break;
    case PIT_RW_WORD1:
        ret = (count >> 8) & 0xff;
        c->read_state = PIT_RW_WORD0;
        break;
    }
    return (uint32_t)ret;
}

/* Port 0x61 (QEMU's pcspk): bit 0 gate 2, bit 1 speaker data, bit 4 refresh toggle,
 * bit 5 OUT2. Bits 2, 3 (parity/channel check enables) and 6, 7 are not modelled. */
static uint32_t pit_port61_read(void *opaque, uint32_t off, unsigned size)
{
    PitState *s = opaque;
    s->spk.dummy_refresh_clock ^= 1 << 4;
    return s->ch[2].gate | s->spk.data_on << 1 | s->spk.dummy_refresh_clock |
           pit_get_out(s, 2) << 5;
}

static void pit_port61_write(void *opaque, uint32_t off, uint32_t val, unsigned size)
{
    PitState *s = opaque;
    s->spk.data_on = (val >> 1) & 1;
    pit_set_gate(s, 2, val & 1);
}

/* ---- interface ---- */

int pit_get_out(PitState *s, int ch) { return pit_chan_out(&s->ch[ch], clock_ns(s->clock)); }
int pit_get_count(PitState *s, int ch) { return pit_chan_count(&s->ch[ch], clock_ns(s->clock)); }

void pit_irq_control(void *opaque, int n, int level)
{
    PitState *s = opaque;
    if (level) {
        s->ch[0].irq_disabled = 0;
        pit_irq_timer_update(s, clock_ns(s->clock));
    } else {
        s->ch[0].irq_disabled = 1;
        timer_del(&s->irq_timer);
    }
}

void pit_set_gate(PitState *s, int ch, int level)
{
    PitChan *c = &s->ch[ch];
    level = level != 0;
    switch (pit_mode(c)) {
    case 1: case 2: case 3: case 5:
        if (c->gate < level) {   /* a rising edge restarts counting */
            c->count_load_time = clock_ns(s->clock);
            if (ch == 0)
                pit_irq_timer_update(s, c->count_load_time);
        }
        break;
    default:   /* XXX: modes 0 and 4 should pause while the gate is low */
        break;
    }
    c->gate = (uint8_t)level;
}

/* ---- post_load ---- */

static bool pit_spk_needed(void *opaque) { return true; }   /* pcspk "migrate" is on in 7.2 */

static int pit_post_load(void *opaque, int version, Err *err)
{
    PitState *s = opaque;
    for (int i = 0; i < 3; i++) {
        const PitChan *c = &s->ch[i];
        if (c->count < 1 || c->count > 0x10000 || c->mode > 7 || c->rw_mode > 3 ||
            c->read_state > PIT_RW_WORD1 || c->write_state > PIT_RW_WORD1 ||
            c->count_latched > PIT_RW_WORD1 || c->gate > 1 || c->bcd > 1 ||
            c->status_latched > 1)
            return ERR(err, -EINVAL, "i8254: channel %d: count %" PRId32 " mode %u rw_mode %u "
                       "read/write/latch state %u/%u/%u gate %u bcd %u status_latched %u out "
                       "of range", i, c->count, c->mode, c->rw_mode, c->read_state,
                       c->write_state, c->count_latched, c->gate, c->bcd, c->status_latched);
    }
    if (version < 3)
        s->ch[0].irq_disabled = 0;
    if (s->ch[0].irq_disabled > 1)
        return ERR(err, -EINVAL, "i8254: irq_disabled %" PRIu32, s->ch[0].irq_disabled);
    /* Our own timer, as QEMU's pit_post_load: armed at the saved edge. IRQ 0's level is
     * the PIC's saved last_irr; it is not driven again here. */
    if (s->ch[0].next_transition_time != -1 && !s->ch[0].irq_disabled)
        timer_mod(&s->irq_timer, s->ch[0].next_transition_time);
    else
        timer_del(&s->irq_timer);
    return 0;
}

/* Port 0x61 is composed from these bits; anything else is not a state the port has. */
static int pit_spk_post_load(void *opaque, int version, Err *err)
{
    const PitSpk *k = opaque;
    if (k->data_on > 1 || (k->dummy_refresh_clock & ~0x10))
        return ERR(err, -EINVAL, "pcspk: data_on %u dummy_refresh_clock %#x out of range",
                   k->data_on, k->dummy_refresh_clock);
    return 0;
}

/* ---- init ---- */

PitState *pit_init(Bus *io, const IrqLine *irq0, Clock *clock)
{
    PitState *s = xzalloc(sizeof *s);
    s->irq0 = irq0;
    s->clock = clock;
    timer_init(&s->irq_timer, clock, pit_irq_timer_cb, s);
    bus_map_io_named(io, "pit", 0x40, 4, s, pit_io_read, pit_io_write, IO_SIZE8);
    bus_map_io_named(io, "pcspk", 0x61, 1, s, pit_port61_read, pit_port61_write, IO_SIZE8);
    pit_reset(s);
    return s;   /* machine.c: pit_vms for s, pit_spk_vms for &s->spk; instance 0 each */
}

void pit_free(PitState *s) { free(s); }
