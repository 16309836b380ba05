/* rtc.h: Motorola MC146818 real-time clock with 128 bytes of CMOS RAM (ports 0x70/0x71),
 * IRQ 8. Time runs on the machine's virtual clock from a configured base. See rtc.c. */
#ifndef PCEMU_DEV_RTC_H
#define PCEMU_DEV_RTC_H

#include "emu/hw/bus.h"
#include "emu/hw/clock.h"
#include "emu/hw/irq.h"
#include "snapshot/format/vmstate.h"

#define RTC_CMOS_SIZE 128

/* Field names and order are QEMU 7.2's "mc146818rtc" v3. All times are ns of the RTC
 * clock, which in pcemu is the virtual clock (QEMU's -rtc clock=vm). */
typedef struct RtcState {
    uint8_t cmos_data[RTC_CMOS_SIZE]; /* 0x00-0x0D clock registers, 0x0E-0x7F NVRAM */
    uint8_t cmos_index;      /* register selected by port 0x70, 0..127; checked on load */
    Timer periodic_timer;    /* next periodic interrupt (register A rate, B.PIE) */
    int64_t next_periodic_time; /* ns of the next periodic tick (= periodic_timer when armed) */
    uint32_t irq_coalesced;  /* lost periodic ticks to reinject; always 0 (policy discard) */
    uint32_t period;         /* periodic interval in 32768 Hz ticks, 0 = off; derived */
    uint64_t base_rtc;       /* guest time, seconds since 1970, at the instant last_update */
    uint64_t last_update;    /* RTC-clock ns at which base_rtc was set */
    int64_t offset;          /* ns added to the guest time (sub-second phase), 0..999999999 */
    Timer update_timer;      /* next update-ended / alarm event */
    uint64_t next_alarm_time; /* RTC-clock ns of the next alarm match */
    uint16_t irq_reinject_on_ack_count; /* subsection; always 0 here */
    const IrqLine *irq;      /* wiring, never saved: IRQ 8 */
    Clock *clock;
    void (*wake)(void *opaque);   /* the alarm fired with AIE set (wakes from S3), or NULL */
    void *wake_opaque;
} RtcState;

extern const VmsDesc rtc_vms;   /* "mc146818rtc" v3, instance 0 */

/* Maps 0x70-0x71. base_sec: guest time at power-on, seconds since 1970 UTC (-rtc base=);
 * the clock registers start from it and advance with the virtual clock. */
RtcState *rtc_init(Bus *io, const IrqLine *irq, Clock *clock, int64_t base_sec);
void rtc_free(RtcState *s);
/* Who hears the alarm's wake-up request (QEMU's QEMU_WAKEUP_REASON_RTC). */
void rtc_set_wake(RtcState *s, void (*wake)(void *opaque), void *opaque);
/* System reset (not power-on): interrupt enables and flags clear; time and NVRAM stay. */
void rtc_reset(RtcState *s);
/* NVRAM access for the machine (memory size, disk and boot-order bytes). addr 0..127. */
void rtc_set_memory(RtcState *s, int addr, uint8_t val);
uint8_t rtc_get_memory(const RtcState *s, int addr);
/* Guest time now, seconds since 1970 (what the clock registers read). */
int64_t rtc_guest_time(RtcState *s);
/* After a load (the virtual clock restored): a stream saved on a host-clock RTC (QEMU's
 * default -rtc clock=host, last_update later than now) is re-based on the saved clock
 * registers; the periodic timer and update timer are re-armed as QEMU's post_load does. */
void rtc_sync(RtcState *s);

#endif
