/* clock.c: virtual time and timers; see clock.h for the model. */
#include "emu/hw/clock.h"

#include <assert.h>
#include <string.h>

void clock_init(Clock *c, int shift)
{
    memset(c, 0, sizeof *c);
    c->shift = shift;
}

void clock_add_insns(Clock *c, uint64_t n) { c->icount += n; }

int64_t clock_deadline(const Clock *c)
{
    int64_t d = CLOCK_NEVER;
    for (int i = 0; i < c->ntimers; i++)
        if (c->timers[i]->expire >= 0 && c->timers[i]->expire < d)
            d = c->timers[i]->expire;
    return d;
}

uint64_t clock_insns_to_deadline(const Clock *c)
{
    int64_t d = clock_deadline(c);
    if (d == CLOCK_NEVER)
        return UINT64_MAX;
    int64_t now = clock_ns(c);
    if (d <= now)
        return 1;
    uint64_t n = ((uint64_t)(d - now) + (1ull << c->shift) - 1) >> c->shift;
    return n ? n : 1;
}

void clock_warp(Clock *c, int64_t ns)
{
    int64_t now = clock_ns(c);
    if (ns > now && ns != CLOCK_NEVER)
        c->bias += ns - now;
}

void clock_run_timers(Clock *c)
{
    for (;;) {
        int64_t now = clock_ns(c);
        Timer *due = NULL;
        for (int i = 0; i < c->ntimers; i++) {
            Timer *t = c->timers[i];
            if (t->expire >= 0 && t->expire <= now && (!due || t->expire < due->expire))
                due = t;
        }
        if (!due)
            return;
        due->expire = -1;
        due->cb(due->opaque);
    }
}

void timer_init(Timer *t, Clock *c, void (*cb)(void *opaque), void *opaque)
{
    assert(c->ntimers < CLOCK_MAX_TIMERS);
    *t = (Timer){ .expire = -1, .cb = cb, .opaque = opaque, .clock = c };
    c->timers[c->ntimers++] = t;
}
