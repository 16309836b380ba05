/* runstate.c: the run state the monitors share (runstate.h says how guest progress relates
 * to monitor input).
 *
 * Run states (QEMU's RunState names, shown by info status and query-status):
 *
 *   prelaunch --cont--> running --stop / -run-until reached--> paused --cont--> running
 *        (-S)              |  guest halted for good: shutdown    |
 *                          |  gdb breakpoint or step: debug --cont / gdb continue--> running
 *                          +--loadvm: restore-vm, savevm: save-vm, then back to what it was
 *                          |  (hmp_loadvm, hmp_savevm, QMP's snapshot jobs)
 *                          +--guest enters ACPI S3: suspended --system_wakeup (vm_wakeup),
 *                             the RTC alarm, the PM timer--> running
 *
 * In suspended the loop still runs slices (the machine's clock goes on, its timers may
 * wake it); stop and cont change nothing then, as QEMU's, and query-status says running
 * false.
 *
 * vm_stop() and vm_cont() perform the transitions and report the STOP and RESUME events;
 * vm_run_slice() stops the machine when the run reaches a stop. */
#include "emu/vmctl/runstate.h"

#include <time.h>

bool vm_is_running(const VmCtl *vm) { return vm->running && !machine_suspended(vm->m); }

void vm_stop(VmCtl *vm, const char *status)
{
    bool was = vm_is_running(vm);   /* QEMU's do_vm_stop: no STOP from suspended */
    vm->running = false;
    vm->status = status;
    if (was && vm->event)
        vm->event(vm->event_opaque, "STOP", NULL);
}

void vm_pause(VmCtl *vm)
{
    /* QEMU's do_vm_stop: a stopped (or suspended) machine keeps its state */
    if (vm->running && !machine_suspended(vm->m))
        vm_stop(vm, "paused");
}

void vm_cont(VmCtl *vm)
{
    if (vm->running)
        return;
    vm->running = true;
    vm->status = machine_suspended(vm->m) ? "suspended" : "running";
    if (vm->event && !machine_suspended(vm->m))   /* back to suspended after a savevm */
        vm->event(vm->event_opaque, "RESUME", NULL);
}

void vm_system_reset(VmCtl *vm, bool from_qmp)
{
    machine_reset(vm->m);
    if (vm->event)
        vm->event(vm->event_opaque, "RESET",
                  from_qmp ? "{\"guest\": false, \"reason\": \"host-qmp-system-reset\"}"
                           : "{\"guest\": false, \"reason\": \"host-ui\"}");
}

void vm_powerdown(VmCtl *vm)
{
    if (vm->event)
        vm->event(vm->event_opaque, "POWERDOWN", NULL);
    machine_powerdown(vm->m);
}

const char *vm_wakeup(VmCtl *vm)
{
    if (!machine_config(vm->m)->acpi)
        return "wake-up from suspend is not supported by this guest";
    if (!machine_wakeup(vm->m))
        return "Unable to wake up: guest is not in suspended state";
    vm->status = "running";   /* QEMU: at the request; the WAKEUP event after the reset */
    return NULL;
}

void vm_set_limits(VmCtl *vm, const MachineLimits *lim)
{
    Clock *clk = machine_clock(vm->m);
    vm->lim = lim ? *lim : (MachineLimits){ 0 };
    vm->lim_on = lim && (lim->serial_text || lim->until_halt || lim->until_icount ||
                         lim->run_for_ns);
    vm->lim_sliced = false;
    vm->icount0 = clk->icount;
    vm->ns0 = clock_ns(clk);
}

int vm_run_slice(VmCtl *vm, Err *err)
{
    Clock *clk = machine_clock(vm->m);
    MachineLimits l = { .until_icount = VM_SLICE };
    if (vm->lim_on) {
        l.serial_text = vm->lim.serial_text;
        l.serial_continue = vm->lim_sliced;
        l.until_halt = vm->lim.until_halt;
        if (vm->lim.until_icount) {
            uint64_t done = clk->icount - vm->icount0;
            uint64_t left = vm->lim.until_icount > done ? vm->lim.until_icount - done : 0;
            l.until_icount = MIN(left, (uint64_t)VM_SLICE);
        }
        if (vm->lim.run_for_ns) {
            int64_t left = vm->lim.run_for_ns - (clock_ns(clk) - vm->ns0);
            l.run_for_ns = MAX(left, 1);
        }
    }
    MachineStop why;
    if (vm->running && machine_suspended(vm->m))   /* loaded from a suspended snapshot */
        vm->status = "suspended";
    if (l.until_icount == 0)
        why = MACHINE_STOP_ICOUNT;
    else if (machine_run(vm->m, &l, &why, err) < 0)
        return -1;
    vm->lim_sliced = vm->lim_on;
    bool limit_hit = why == MACHINE_STOP_SERIAL || why == MACHINE_STOP_HALT ||
                     why == MACHINE_STOP_TIME || why == MACHINE_STOP_RESET ||
                     (why == MACHINE_STOP_ICOUNT && vm->lim_on && vm->lim.until_icount &&
                      clk->icount - vm->icount0 >= vm->lim.until_icount);
    if (why == MACHINE_STOP_DEAD) {
        vm_stop(vm, "shutdown");
        return 2;
    }
    if (why == MACHINE_STOP_POWEROFF) {   /* QEMU exits then, or stops with -no-shutdown */
        if (vm->event)
            vm->event(vm->event_opaque, "SHUTDOWN", "{\"guest\": true, \"reason\": \"guest-shutdown\"}");
        vm_stop(vm, "shutdown");
        return 4;
    }
    if (why == MACHINE_STOP_SUSPEND || why == MACHINE_STOP_WAKEUP) {
        bool sleep = why == MACHINE_STOP_SUSPEND;
        vm->status = sleep ? "suspended" : "running";
        if (vm->event)
            vm->event(vm->event_opaque, sleep ? "SUSPEND" : "WAKEUP", NULL);
        return 0;
    }
    if (why == MACHINE_STOP_BREAK) {
        vm_stop(vm, "debug");
        return 3;
    }
    if (why == MACHINE_STOP_RESET && !vm->lim_on) {
        vm_stop(vm, "paused");   /* -no-reboot's stop needs no other condition */
        return 1;
    }
    if (limit_hit && vm->lim_on) {
        vm->lim_on = false;
        vm_stop(vm, "paused");
        return 1;
    }
    return 0;
}

void vm_host_time(uint32_t *sec, uint32_t *nsec)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    *sec = (uint32_t)ts.tv_sec;
    *nsec = (uint32_t)ts.tv_nsec;
}
