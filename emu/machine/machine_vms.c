/* machine_vms.c: the machine's own sections: 'timer' (QEMU 7.2's softmmu/cpu-timers.c
 * timers_state, with the "timer/icount" subsections -icount sends) and 'globalstate'
 * (migration/global_state.c). machine.c registers them; see machine.h. */
#include "emu/machine/machine.h"

#include <string.h>

static int timer_pre_save(void *opaque, Err *err)
{
    MachineTimers *t = opaque;
    const Clock *c = machine_clock(t->m);
    t->cpu_clock_offset = clock_ns(c);
    /* QEMU's TCG without -icount continues its TSC from here: the TSC is the clock */
    t->cpu_ticks_offset = clock_ns(c);
    /* what QEMU -icount shift=N,sleep=off sends: its clock is bias + (icount << N) */
    t->qemu_icount_bias = c->bias;
    t->qemu_icount = (int64_t)c->icount;
    return 0;
}

/* Which clock a load continues from (the guest TSC is the virtual clock, cpu_tsc(), so
 * it continues with it):
 *   - pcemu's own stream, or QEMU's with -icount ("timer/icount" present): the virtual
 *     clock is qemu_icount_bias + (qemu_icount << shift), and the TSC is that clock;
 *     cpu_clock_offset (host time in QEMU's) is not used. With the loading machine's
 *     shift, the instruction count and bias are taken as they are. The shift is in the
 *     stream only for shift=auto ("timer/icount/shift"); for a fixed shift pcemu assumes
 *     its own -icount shift, as QEMU's own loadvm needs the same -icount.
 *   - QEMU's without -icount (TCG), and pcemu's before it sent "timer/icount":
 *     cpu_clock_offset is the virtual clock at the stop and cpu_ticks_offset QEMU's TSC
 *     (host ticks while running; the instruction count in pcemu's older streams). The
 *     instruction count continues from it, and the bias puts the virtual clock (TSC, PIT,
 *     RTC, every saved deadline) exactly where it stopped. */
static int timer_pre_load(void *opaque, Err *err)
{
    MachineTimers *t = opaque;
    t->icount_loaded = false;
    t->icount_time_shift = -1;
    return 0;
}

static int timer_icount_pre_load(void *opaque, Err *err)
{
    ((MachineTimers *)opaque)->icount_loaded = true;
    return 0;
}

static int timer_post_load(void *opaque, int version, Err *err)
{
    MachineTimers *t = opaque;
    Clock *c = machine_clock(t->m);
    int64_t ticks = t->cpu_ticks_offset, now = t->cpu_clock_offset;
    if (version < 2)
        return ERR(err, -ENOTSUP, "timer: version %d has no virtual clock", version);
    if (t->icount_loaded) {
        int shift = t->icount_time_shift >= 0 ? t->icount_time_shift : c->shift;
        int64_t raw_n = t->qemu_icount, raw_bias = t->qemu_icount_bias;
        if (shift > 10 || raw_n < 0 || raw_n > (INT64_MAX >> shift) ||
            raw_bias < -(raw_n << shift) || raw_bias > INT64_MAX - (raw_n << shift))
            return ERR(err, -EINVAL, "timer/icount: %" PRId64 " instructions, bias %" PRId64
                       " ns, shift %d out of range", raw_n, raw_bias, shift);
        now = ticks = raw_bias + (raw_n << shift);
        if (shift == c->shift) {
            c->icount = (uint64_t)raw_n;
            c->bias = raw_bias;
            return 0;
        }
    }
    if (now < 0 || ticks < 0 || ticks > (INT64_MAX >> c->shift))
        return ERR(err, -EINVAL, "timer: clock %" PRId64 " ns, ticks %" PRId64 " out of range",
                   now, ticks);
    c->icount = (uint64_t)ticks;
    c->bias = now - (ticks << c->shift);
    return 0;
}

static bool timer_never_sent(void *opaque) { return false; }
/* pcemu always counts time in instructions (QEMU's -icount with a fixed shift and
 * sleep=off: no warp timer, no alignment timers, no adaptive shift) */
static bool timer_icount_needed(void *opaque) { return true; }

static const VmsDesc timer_icount_warp_vms = {
    .name = "timer/icount/warp_timer", .version = 1, .min_version = 1,
    .needed = timer_never_sent,
    .fields = (const VmsField[]){
        VMS_INT64(MachineTimers, vm_clock_warp_start),
        VMS_INT64(MachineTimers, icount_warp_timer),
        VMS_END,
    },
};
static const VmsDesc timer_icount_timers_vms = {
    .name = "timer/icount/timers", .version = 1, .min_version = 1,
    .needed = timer_never_sent,
    .fields = (const VmsField[]){
        VMS_INT64(MachineTimers, icount_rt_timer),
        VMS_INT64(MachineTimers, icount_vm_timer),
        VMS_END,
    },
};
static const VmsDesc timer_icount_shift_vms = {
    .name = "timer/icount/shift", .version = 2, .min_version = 2,
    .needed = timer_never_sent,
    .fields = (const VmsField[]){
        VMS_INT16(MachineTimers, icount_time_shift),
        VMS_INT64(MachineTimers, last_delta),
        VMS_END,
    },
};
static const VmsDesc timer_icount_vms = {
    .name = "timer/icount", .version = 1, .min_version = 1,
    .needed = timer_icount_needed, .pre_load = timer_icount_pre_load,
    .fields = (const VmsField[]){
        VMS_INT64(MachineTimers, qemu_icount_bias),
        VMS_INT64(MachineTimers, qemu_icount),
        VMS_END,
    },
    .subsections = (const VmsDesc *const[]){
        &timer_icount_warp_vms, &timer_icount_timers_vms, &timer_icount_shift_vms, NULL,
    },
};

const VmsDesc machine_timer_vms = {
    .name = "timer", .version = 2, .min_version = 1,
    .pre_save = timer_pre_save, .pre_load = timer_pre_load, .post_load = timer_post_load,
    .fields = (const VmsField[]){
        VMS_INT64(MachineTimers, cpu_ticks_offset),
        VMS_UNUSED(8),
        VMS_INT64_V(MachineTimers, cpu_clock_offset, 2),
        VMS_END,
    },
    .subsections = (const VmsDesc *const[]){ &timer_icount_vms, NULL },
};

static int globalstate_pre_save(void *opaque, Err *err)
{
    MachineGlobalState *g = opaque;
    const char *state = g->m && machine_suspended(g->m) ? "suspended" : "running";
    memset(g->runstate, 0, sizeof g->runstate);
    memcpy(g->runstate, state, strlen(state));
    g->size = (uint32_t)strlen(state) + 1;
    return 0;
}

static int globalstate_post_load(void *opaque, int version, Err *err)
{
    MachineGlobalState *g = opaque;
    g->runstate[sizeof g->runstate - 1] = 0;   /* as QEMU: the name ends inside the buffer */
    const char *name = (const char *)g->runstate;
    /* QEMU's RunState names a saved VM can carry; pcemu resumes all of them as running,
     * except "suspended", which stays in S3 (machine_post_load). XXX: QEMU 7.2 runs the CPU
     * of a loaded "suspended" snapshot on from its S3 request without a wake-up (later
     * QEMUs keep it suspended, as pcemu). */
    g->suspended = !strcmp(name, "suspended");
    static const char *const known[] = {
        "debug", "inmigrate", "internal-error", "io-error", "paused", "postmigrate",
        "prelaunch", "finish-migrate", "restore-vm", "running", "save-vm", "shutdown",
        "suspended", "watchdog", "guest-panicked", "colo", NULL,
    };
    for (int i = 0; known[i]; i++)
        if (!strcmp(name, known[i]))
            return 0;
    return ERR(err, -EINVAL, "globalstate: unknown run state '%.32s'", name);
}

const VmsDesc machine_globalstate_vms = {
    .name = "globalstate", .version = 1, .min_version = 1,
    .pre_save = globalstate_pre_save, .post_load = globalstate_post_load,
    .fields = (const VmsField[]){
        VMS_UINT32(MachineGlobalState, size),
        VMS_BUFFER(MachineGlobalState, runstate),
        VMS_END,
    },
};
