/* clock.h: the machine's virtual clock and its timers (QEMU_CLOCK_VIRTUAL under -icount).
 *
 * Time is derived from retired instructions, never from the host: now = bias +
 * (icount << shift) nanoseconds. HLT with nothing to do warps time to the next deadline
 * (clock_warp), which adds to bias, so SeaBIOS's waits cost no host time and every run of
 * the same machine and inputs repeats exactly.
 *
 * Timers are registered once at device init (timer_init) and live as long as the device;
 * a timer is armed when expire >= 0. The deadline is the smallest armed expire. Since a
 * Timer begins with its int64 expire, VMS_TIMER saves and loads it directly; nothing else
 * needs rebuilding after a load. */
#ifndef PCEMU_CLOCK_H
#define PCEMU_CLOCK_H

#include "emu/base/base.h"

typedef struct Clock Clock;
typedef struct Timer {
    int64_t expire;               /* virtual ns; -1 = not armed. First member (VMS_TIMER) */
    void (*cb)(void *opaque);     /* called from clock_run_timers once expire <= now */
    void *opaque;
    Clock *clock;
} Timer;

#define CLOCK_MAX_TIMERS 32
#define CLOCK_NEVER INT64_MAX

struct Clock {
    uint64_t icount;   /* instructions retired since power-on (saved with the 'timer' section) */
    int64_t bias;      /* ns added by warps over idle time */
    int shift;         /* each instruction lasts 2^shift ns (QEMU's -icount shift=N) */
    int ntimers;
    Timer *timers[CLOCK_MAX_TIMERS];  /* every registered timer, armed or not */
    /* While the CPU runs a budget, the virtual ns where it ends; a timer armed before it
     * calls horizon_cb, which stops the run after the current instruction so that the
     * budget is recomputed (QEMU's qemu_timer_notify_cb kick under icount). 0 = no run. */
    int64_t horizon;
    void (*horizon_cb)(void *opaque);
    void *horizon_opaque;
};

void clock_init(Clock *c, int shift);
static inline int64_t clock_ns(const Clock *c) { return c->bias + (int64_t)(c->icount << c->shift); }
/* The time a device register access sees. Only CPU instructions reach the registers, and
 * QEMU's icount counts an I/O instruction as done when it accesses the device, while
 * pcemu's clock counts it afterwards: one instruction later than clock_ns. */
static inline int64_t clock_io_ns(const Clock *c) { return clock_ns(c) + ((int64_t)1 << c->shift); }
void clock_add_insns(Clock *c, uint64_t n);
/* Earliest armed expire, or CLOCK_NEVER. */
int64_t clock_deadline(const Clock *c);
/* Instructions until the deadline (at least 1), or UINT64_MAX. */
uint64_t clock_insns_to_deadline(const Clock *c);
/* Idle (HLT): jump time forward to ns if it is later than now. */
void clock_warp(Clock *c, int64_t ns);
/* Fire every timer whose expire <= now, in order of expire (ties: registration order);
 * a callback may re-arm its own or other timers. */
void clock_run_timers(Clock *c);

void timer_init(Timer *t, Clock *c, void (*cb)(void *opaque), void *opaque);
static inline void timer_mod(Timer *t, int64_t expire_ns)
{
    t->expire = expire_ns < 0 ? 0 : expire_ns;
    if (t->expire < t->clock->horizon && t->clock->horizon_cb)
        t->clock->horizon_cb(t->clock->horizon_opaque);
}
static inline void timer_del(Timer *t) { t->expire = -1; }
static inline bool timer_pending(const Timer *t) { return t->expire >= 0; }

#endif
