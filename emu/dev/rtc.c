/* rtc.c: Motorola MC146818A real-time clock and CMOS RAM at ports 0x70 (index; bit 7 is
 * the NMI mask, not stored) and 0x71 (data), interrupt on IRQ 8. Behaviour and saved state
 * follow QEMU 7.2 hw/rtc/mc146818rtc.c (section "mc146818rtc" v3): the time registers are
 * derived on demand from base_rtc + (now - last_update + offset); update-ended and alarm
 * interrupts come from update_timer once per second (or at the next alarm once UF is
 * already set); periodic interrupts from periodic_timer at the register-A rate; the
 * update-in-progress bit reads 1 during the last 244 us of each second; the divider
 * reset (register A 0x6x) and SET (register B bit 7) stop the clock.
 * Reference: MC146818A datasheet; QEMU 7.2 source for the exact register semantics.
 * Time: the RTC clock is the machine's virtual clock (QEMU's -rtc clock=vm) plus the
 * configured base; no host clock is read anywhere. XXX: QEMU's default RTC clock is the
 * host's, so QEMU loading a pcemu snapshot without -rtc clock=vm sees last_update as a
 * 1970 instant and moves the guest clock by decades; pcemu loading a host-clock stream
 * re-bases it on the saved clock registers (rtc_sync).
 * Not emulated: lost-tick reinjection (policy "discard", as QEMU's default), the square
 * wave output, daylight-saving mode (register B bit 0 is stored only), wake-up. */
#include "emu/dev/rtc.h"

#include <stdlib.h>
#include <time.h>

enum {
    RTC_SECONDS = 0x00, RTC_SECONDS_ALARM = 0x01, RTC_MINUTES = 0x02,
    RTC_MINUTES_ALARM = 0x03, RTC_HOURS = 0x04, RTC_HOURS_ALARM = 0x05,
    RTC_DAY_OF_WEEK = 0x06, RTC_DAY_OF_MONTH = 0x07, RTC_MONTH = 0x08, RTC_YEAR = 0x09,
    RTC_REG_A = 0x0a, RTC_REG_B = 0x0b, RTC_REG_C = 0x0c, RTC_REG_D = 0x0d,
    RTC_CENTURY = 0x32, RTC_IBM_PS2_CENTURY_BYTE = 0x37,

    RTC_REG_A_UIP = 0x80,
    RTC_REG_B_SET = 0x80, RTC_REG_B_PIE = 0x40, RTC_REG_B_AIE = 0x20, RTC_REG_B_UIE = 0x10,
    RTC_REG_B_SQWE = 0x08, RTC_REG_B_DM = 0x04, RTC_REG_B_24H = 0x02,
    RTC_REG_C_UF = 0x10, RTC_REG_C_IRQF = 0x80, RTC_REG_C_PF = 0x40, RTC_REG_C_AF = 0x20,
    RTC_REG_C_MASK = 0x70,
};
#define RTC_NS_PER_SEC 1000000000ll
#define RTC_CLOCK_RATE 32768
#define RTC_UIP_HOLD_LENGTH (8 * RTC_NS_PER_SEC / 32768)   /* 244 us */
#define RTC_MAX_CLOCK_JUMP (60 * RTC_NS_PER_SEC)
#define RTC_SEC_PER_MIN 60
#define RTC_MIN_PER_HOUR 60
#define RTC_HOUR_PER_DAY 24
#define RTC_SEC_PER_DAY 86400

static int rtc_pre_save(void *opaque, Err *err);
static int rtc_post_load(void *opaque, int version, Err *err);
static bool rtc_reinject_needed(void *opaque);

static const VmsDesc rtc_reinject_vms = {
    .name = "mc146818rtc/irq_reinject_on_ack_count", .version = 1, .min_version = 1,
    .needed = rtc_reinject_needed,
    .fields = (const VmsField[]){ VMS_UINT16(RtcState, irq_reinject_on_ack_count), VMS_END },
};

/* XXX: QEMU 7.2 accepts versions 1 and 2 too (time re-read from the registers); pcemu
 * accepts only the layout QEMU 7.2 writes. */
const VmsDesc rtc_vms = {
    .name = "mc146818rtc", .version = 3, .min_version = 3,
    .pre_save = rtc_pre_save, .post_load = rtc_post_load,
    .fields = (const VmsField[]){
        VMS_BUFFER(RtcState, cmos_data),
        VMS_UINT8(RtcState, cmos_index),
        VMS_UNUSED(7 * 4),
        VMS_TIMER(RtcState, periodic_timer),
        VMS_INT64(RtcState, next_periodic_time),
        VMS_UNUSED(3 * 8),
        VMS_UINT32(RtcState, irq_coalesced),
        VMS_UINT32(RtcState, period),
        VMS_UINT64(RtcState, base_rtc),
        VMS_UINT64(RtcState, last_update),
        VMS_INT64(RtcState, offset),
        VMS_TIMER(RtcState, update_timer),
        VMS_UINT64(RtcState, next_alarm_time),
        VMS_END,
    },
    .subsections = (const VmsDesc *const[]){ &rtc_reinject_vms, NULL },
};

/* ---- reset ---- */

static void rtc_check_update_timer(RtcState *s);

void rtc_reset(RtcState *s)
{
    s->cmos_data[RTC_REG_B] &= ~(RTC_REG_B_PIE | RTC_REG_B_AIE | RTC_REG_B_SQWE);
    s->cmos_data[RTC_REG_C] &= ~(RTC_REG_C_UF | RTC_REG_C_IRQF | RTC_REG_C_PF | RTC_REG_C_AF);
    rtc_check_update_timer(s);
    irq_lower(s->irq);
}

/* ---- helpers ---- */

static int64_t rtc_now(const RtcState *s) { return clock_ns(s->clock); }

static bool rtc_running(const RtcState *s)
{
    return !(s->cmos_data[RTC_REG_B] & RTC_REG_B_SET) && (s->cmos_data[RTC_REG_A] & 0x70) <= 0x20;
}

/* Guest time in ns since 1970. Unsigned: hostile saved values wrap, never overflow. */
static uint64_t rtc_guest_ns(const RtcState *s)
{
    return s->base_rtc * (uint64_t)RTC_NS_PER_SEC + (uint64_t)rtc_now(s) - s->last_update +
           (uint64_t)s->offset;
}

static int rtc_to_bcd(const RtcState *s, int a)
{
    if (a < 0)
        a = 0;
    if (s->cmos_data[RTC_REG_B] & RTC_REG_B_DM)
        return a & 0xff;
    a %= 100;
    return (a / 10) << 4 | a % 10;
}

/* -1 for a "don't care" alarm value (0xC0-0xFF). */
static int rtc_from_bcd(const RtcState *s, int a)
{
    if ((a & 0xc0) == 0xc0)
        return -1;
    if (s->cmos_data[RTC_REG_B] & RTC_REG_B_DM)
        return a;
    return (a >> 4) * 10 + (a & 0x0f);
}

static void rtc_get_tm(const RtcState *s, struct tm *tm)
{
    *tm = (struct tm){ 0 };
    tm->tm_sec = rtc_from_bcd(s, s->cmos_data[RTC_SECONDS]);
    tm->tm_min = rtc_from_bcd(s, s->cmos_data[RTC_MINUTES]);
    tm->tm_hour = rtc_from_bcd(s, s->cmos_data[RTC_HOURS] & 0x7f);
    if (!(s->cmos_data[RTC_REG_B] & RTC_REG_B_24H)) {
        tm->tm_hour %= 12;
        if (s->cmos_data[RTC_HOURS] & 0x80)
            tm->tm_hour += 12;
    }
    tm->tm_wday = rtc_from_bcd(s, s->cmos_data[RTC_DAY_OF_WEEK]) - 1;
    tm->tm_mday = rtc_from_bcd(s, s->cmos_data[RTC_DAY_OF_MONTH]);
    tm->tm_mon = rtc_from_bcd(s, s->cmos_data[RTC_MONTH]) - 1;
    tm->tm_year = rtc_from_bcd(s, s->cmos_data[RTC_YEAR]) +
                  rtc_from_bcd(s, s->cmos_data[RTC_CENTURY]) * 100 - 1900;
}

/* The guest wrote the clock registers: they become the time now. */
static void rtc_set_time(RtcState *s)
{
    struct tm tm;
    rtc_get_tm(s, &tm);
    time_t t = timegm(&tm);
    s->base_rtc = t == (time_t)-1 ? 0 : (uint64_t)t;
    s->last_update = (uint64_t)rtc_now(s);
}

static void rtc_set_cmos_time(RtcState *s, const struct tm *tm)
{
    s->cmos_data[RTC_SECONDS] = (uint8_t)rtc_to_bcd(s, tm->tm_sec);
    s->cmos_data[RTC_MINUTES] = (uint8_t)rtc_to_bcd(s, tm->tm_min);
    if (s->cmos_data[RTC_REG_B] & RTC_REG_B_24H) {
        s->cmos_data[RTC_HOURS] = (uint8_t)rtc_to_bcd(s, tm->tm_hour);
    } else {
        int h = tm->tm_hour % 12 ? tm->tm_hour % 12 : 12;
        s->cmos_data[RTC_HOURS] = (uint8_t)rtc_to_bcd(s, h);
        if (tm->tm_hour >= 12)
            s->cmos_data[RTC_HOURS] |= 0x80;
    }
    s->cmos_data[RTC_DAY_OF_WEEK] = (uint8_t)rtc_to_bcd(s, tm->tm_wday + 1);
    s->cmos_data[RTC_DAY_OF_MONTH] = (uint8_t)rtc_to_bcd(s, tm->tm_mday);
    s->cmos_data[RTC_MONTH] = (uint8_t)rtc_to_bcd(s, tm->tm_mon + 1);
    int year = tm->tm_year + 1900;   /* base year 0: QEMU pc's base_year 2000 maps to 0 */
    s->cmos_data[RTC_YEAR] = (uint8_t)rtc_to_bcd(s, year % 100);
    s->cmos_data[RTC_CENTURY] = (uint8_t)rtc_to_bcd(s, year / 100);
}

/* Bring the clock registers up to the guest time now (unless SET freezes them). */
static void rtc_update_time(RtcState *s)
{
    int64_t guest_sec = (int64_t)rtc_guest_ns(s) / RTC_NS_PER_SEC;
    time_t t = (time_t)guest_sec;
    struct tm tm;
    if (!gmtime_r(&t, &tm))
        tm = (struct tm){ .tm_mday = 1, .tm_year = 70 };
    if (!(s->cmos_data[RTC_REG_B] & RTC_REG_B_SET))
        rtc_set_cmos_time(s, &tm);
}

static uint32_t rtc_periodic_clock_ticks(const RtcState *s)
{
    if (!(s->cmos_data[RTC_REG_B] & RTC_REG_B_PIE))
        return 0;
    int code = s->cmos_data[RTC_REG_A] & 0x0f;
    if (!code)
        return 0;
    if (code <= 2)
        code += 7;
    return 1u << (code - 1);   /* in 32768 Hz ticks */
}

/* Re-arm the periodic timer from current_time. old_period with period_change: the rate
 * changed, so the tick already under way counts toward the new period (QEMU's
 * periodic_timer_update without reinjection). */
static void rtc_periodic_update(RtcState *s, int64_t current_time, uint32_t old_period,
                                bool period_change)
{
    uint32_t period = rtc_periodic_clock_ticks(s);
    s->period = period;
    if (!period) {
        s->irq_coalesced = 0;
        timer_del(&s->periodic_timer);
        return;
    }
    int64_t cur_clock = (int64_t)((__int128)current_time * RTC_CLOCK_RATE / RTC_NS_PER_SEC);
    int64_t lost_clock = 0;
    if (old_period && period_change) {
        int64_t next_clock =
            (int64_t)((__int128)s->next_periodic_time * RTC_CLOCK_RATE / RTC_NS_PER_SEC);
        lost_clock = cur_clock - (next_clock - old_period);
    }
    lost_clock = MAX(0, MIN(lost_clock, (int64_t)period));   /* hostile times clamp here */
    int64_t next_irq_clock = cur_clock + period - lost_clock;
    s->next_periodic_time =
        (int64_t)((__int128)next_irq_clock * RTC_NS_PER_SEC / RTC_CLOCK_RATE) + 1;
    timer_mod(&s->periodic_timer, s->next_periodic_time);
}

static uint8_t rtc_convert_hour(const RtcState *s, int hour)
{
    if (!(s->cmos_data[RTC_REG_B] & RTC_REG_B_24H)) {
        hour %= 12;
        if (s->cmos_data[RTC_HOURS] & 0x80)
            hour += 12;
    }
    return (uint8_t)hour;
}

/* Seconds from the current second to the next alarm match, 1..86400. */
static int rtc_next_alarm_sec(RtcState *s)
{
    rtc_update_time(s);
    int alarm_sec = rtc_from_bcd(s, s->cmos_data[RTC_SECONDS_ALARM]);
    int alarm_min = rtc_from_bcd(s, s->cmos_data[RTC_MINUTES_ALARM]);
    int alarm_hour = rtc_from_bcd(s, s->cmos_data[RTC_HOURS_ALARM]);
    alarm_hour = alarm_hour == -1 ? -1 : rtc_convert_hour(s, alarm_hour);
    int cur_sec = rtc_from_bcd(s, s->cmos_data[RTC_SECONDS]);
    int cur_min = rtc_from_bcd(s, s->cmos_data[RTC_MINUTES]);
    int cur_hour = rtc_convert_hour(s, rtc_from_bcd(s, s->cmos_data[RTC_HOURS]));

    if (alarm_hour == -1) {
        alarm_hour = cur_hour;
        if (alarm_min == -1) {
            alarm_min = cur_min;
            if (alarm_sec == -1)
                alarm_sec = cur_sec + 1;
            else if (cur_sec > alarm_sec)
                alarm_min++;
        } else if (cur_min == alarm_min) {
            if (alarm_sec == -1)
                alarm_sec = cur_sec + 1;
            else if (cur_sec > alarm_sec)
                alarm_hour++;
            if (alarm_sec == RTC_SEC_PER_MIN) {
                alarm_sec = 0;   /* minutes are not don't-care: wrap to the next hour */
                alarm_hour++;
            }
        } else if (cur_min > alarm_min) {
            alarm_hour++;
        }
    } else if (cur_hour == alarm_hour) {
        if (alarm_min == -1) {
            alarm_min = cur_min;
            if (alarm_sec == -1)
                alarm_sec = cur_sec + 1;
            else if (cur_sec > alarm_sec)
                alarm_min++;
            if (alarm_sec == RTC_SEC_PER_MIN) {
                alarm_sec = 0;
                alarm_min++;
            }
            alarm_min %= RTC_MIN_PER_HOUR;   /* hour is not don't-care: next day */
        } else if (cur_min == alarm_min) {
            if (alarm_sec == -1)
                alarm_sec = cur_sec + 1;
            alarm_sec %= RTC_SEC_PER_MIN;
        }
    }
    if (alarm_min == -1)
        alarm_min = 0;
    if (alarm_sec == -1)
        alarm_sec = 0;
    if (alarm_sec == RTC_SEC_PER_MIN) {
        alarm_sec = 0;
        alarm_min++;
    }
    if (alarm_min == RTC_MIN_PER_HOUR) {
        alarm_min = 0;
        alarm_hour++;
    }
    alarm_hour %= RTC_HOUR_PER_DAY;
    /* Garbage in the registers (non-BCD digits) must not push the result out of a day. */
    int sec = ((alarm_hour - cur_hour) * RTC_MIN_PER_HOUR + alarm_min - cur_min) *
              RTC_SEC_PER_MIN + alarm_sec - cur_sec;
    sec %= RTC_SEC_PER_DAY;
    return sec <= 0 ? sec + RTC_SEC_PER_DAY : sec;
}

/* Arm update_timer at the next second boundary, or at the next alarm when UF is already
 * set and only AF can still change, or not at all when nothing can change. */
static void rtc_check_update_timer(RtcState *s)
{
    if ((s->cmos_data[RTC_REG_A] & 0x60) == 0x60) {   /* divider reset: no interrupts */
        s->cmos_data[RTC_REG_A] &= ~RTC_REG_A_UIP;
        timer_del(&s->update_timer);
        return;
    }
    uint64_t guest_nsec = rtc_guest_ns(s) % RTC_NS_PER_SEC;
    uint64_t next_update_time = (uint64_t)rtc_now(s) + RTC_NS_PER_SEC - guest_nsec;
    int next_alarm_sec = rtc_next_alarm_sec(s);
    s->next_alarm_time = next_update_time + (uint64_t)(next_alarm_sec - 1) * RTC_NS_PER_SEC;
    if (!(s->cmos_data[RTC_REG_A] & RTC_REG_A_UIP) && (s->cmos_data[RTC_REG_C] & RTC_REG_C_UF)) {
        if ((s->cmos_data[RTC_REG_B] & RTC_REG_B_SET) || (s->cmos_data[RTC_REG_C] & RTC_REG_C_AF)) {
            timer_del(&s->update_timer);
            return;
        }
        next_update_time = s->next_alarm_time;
    }
    timer_mod(&s->update_timer, (int64_t)MIN(next_update_time, (uint64_t)INT64_MAX - 1));
}

static void rtc_periodic_timer_cb(void *opaque)
{
    RtcState *s = opaque;
    int64_t now = rtc_now(s), t = s->next_periodic_time;
    /* as pit.c: never replay more than a second of missed ticks one by one */
    rtc_periodic_update(s, t < now - RTC_NS_PER_SEC ? now : t, s->period, false);
    s->cmos_data[RTC_REG_C] |= RTC_REG_C_PF;
    if (s->cmos_data[RTC_REG_B] & RTC_REG_B_PIE) {
        s->cmos_data[RTC_REG_C] |= RTC_REG_C_IRQF;
        irq_raise(s->irq);
    }
}

static void rtc_update_timer_cb(void *opaque)
{
    RtcState *s = opaque;
    uint8_t irqs = RTC_REG_C_UF;
    if ((s->cmos_data[RTC_REG_A] & 0x60) == 0x60)
        return;   /* cannot be armed in divider reset; a loaded deadline may be stale */
    rtc_update_time(s);
    s->cmos_data[RTC_REG_A] &= ~RTC_REG_A_UIP;
    if ((uint64_t)rtc_now(s) >= s->next_alarm_time)
        irqs |= RTC_REG_C_AF;
    uint8_t new_irqs = irqs & ~s->cmos_data[RTC_REG_C];
    s->cmos_data[RTC_REG_C] |= irqs;
    if (new_irqs & s->cmos_data[RTC_REG_B]) {
        s->cmos_data[RTC_REG_C] |= RTC_REG_C_IRQF;
        irq_raise(s->irq);
    }
    rtc_check_update_timer(s);
}

/* UIP reads 1 in the last 244 us before each update, latched until the update fires. */
static bool rtc_update_in_progress(RtcState *s)
{
    if (!rtc_running(s))
        return false;
    if (timer_pending(&s->update_timer) &&
        rtc_now(s) >= s->update_timer.expire - RTC_UIP_HOLD_LENGTH) {
        s->cmos_data[RTC_REG_A] |= RTC_REG_A_UIP;
        return true;
    }
    return rtc_guest_ns(s) % RTC_NS_PER_SEC >= (uint64_t)(RTC_NS_PER_SEC - RTC_UIP_HOLD_LENGTH);
}

/* ---- I/O handlers ---- */

static void rtc_write_reg_a(RtcState *s, uint8_t data)
{
    bool update_periodic = (s->cmos_data[RTC_REG_A] ^ data) & 0x0f;
    uint32_t old_period = rtc_periodic_clock_ticks(s);
    if ((data & 0x60) == 0x60) {
        if (rtc_running(s))
            rtc_update_time(s);
        s->cmos_data[RTC_REG_A] &= ~RTC_REG_A_UIP;
    } else if ((s->cmos_data[RTC_REG_A] & 0x60) == 0x60 && (data & 0x70) <= 0x20) {
        /* leaving divider reset: the first update comes half a second later */
        if (!(s->cmos_data[RTC_REG_B] & RTC_REG_B_SET)) {
            s->offset = 500000000;
            rtc_set_time(s);
        }
        s->cmos_data[RTC_REG_A] &= ~RTC_REG_A_UIP;
    }
    s->cmos_data[RTC_REG_A] = (data & ~RTC_REG_A_UIP) | (s->cmos_data[RTC_REG_A] & RTC_REG_A_UIP);
    if (update_periodic)
        rtc_periodic_update(s, rtc_now(s), old_period, true);
    rtc_check_update_timer(s);
}

static void rtc_write_reg_b(RtcState *s, uint8_t data)
{
    bool update_periodic = (s->cmos_data[RTC_REG_B] ^ data) & RTC_REG_B_PIE;
    uint32_t old_period = rtc_periodic_clock_ticks(s);
    if (data & RTC_REG_B_SET) {
        if (rtc_running(s))
            rtc_update_time(s);   /* freeze the registers at the time SET was written */
        s->cmos_data[RTC_REG_A] &= ~RTC_REG_A_UIP;
        data &= ~RTC_REG_B_UIE;
    } else if ((s->cmos_data[RTC_REG_B] & RTC_REG_B_SET) &&
               (s->cmos_data[RTC_REG_A] & 0x70) <= 0x20) {
        s->offset = (int64_t)(rtc_guest_ns(s) % RTC_NS_PER_SEC);
        rtc_set_time(s);
    }
    /* an enable whose flag is already set interrupts at once */
    if (data & s->cmos_data[RTC_REG_C] & RTC_REG_C_MASK) {
        s->cmos_data[RTC_REG_C] |= RTC_REG_C_IRQF;
        irq_raise(s->irq);
    } else {
        s->cmos_data[RTC_REG_C] &= ~RTC_REG_C_IRQF;
        irq_lower(s->irq);
    }
    s->cmos_data[RTC_REG_B] = data;
    if (update_periodic)
        rtc_periodic_update(s, rtc_now(s), old_period, true);
    rtc_check_update_timer(s);
}

static void rtc_io_write(void *opaque, uint32_t off, uint32_t val, unsigned size)
{
    RtcState *s = opaque;
    uint8_t data = (uint8_t)val;
    if (off == 0) {
        s->cmos_index = data & 0x7f;
        return;
    }
    switch (s->cmos_index) {
    case RTC_SECONDS_ALARM:
    case RTC_MINUTES_ALARM:
    case RTC_HOURS_ALARM:
        s->cmos_data[s->cmos_index] = data;
        rtc_check_update_timer(s);
        break;
    case RTC_IBM_PS2_CENTURY_BYTE:
        s->cmos_index = RTC_CENTURY;
        /* fall through */
    case RTC_CENTURY: case RTC_SECONDS: case RTC_MINUTES: case RTC_HOURS:
    case RTC_DAY_OF_WEEK: case RTC_DAY_OF_MONTH: case RTC_MONTH: case RTC_YEAR:
        s->cmos_data[s->cmos_index] = data;
        if (rtc_running(s)) {   /* in SET mode the time is taken when SET is cleared */
            rtc_set_time(s);
            rtc_check_update_timer(s);
        }
        break;
    case RTC_REG_A:
        rtc_write_reg_a(s, data);
        break;
    case RTC_REG_B:
        rtc_write_reg_b(s, data);
        break;
    case RTC_REG_C:
    case RTC_REG_D:
        trace(TRACE_DEV, "rtc: write %#x to read-only register %#x", data, s->cmos_index);
        break;
    default:
        s->cmos_data[s->cmos_index] = data;
        break;
    }
}

static uint32_t rtc_io_read(void *opaque, uint32_t off, unsigned size)
{
    RtcState *s = opaque;
    uint8_t ret;
    if (off == 0)
        return 0xff;   /* the index port is write-only; QEMU reads 0xFF */
    switch (s->cmos_index) {
    case RTC_IBM_PS2_CENTURY_BYTE:
        s->cmos_index = RTC_CENTURY;
        /* fall through */
    case RTC_CENTURY: case RTC_SECONDS: case RTC_MINUTES: case RTC_HOURS:
    case RTC_DAY_OF_WEEK: case RTC_DAY_OF_MONTH: case RTC_MONTH: case RTC_YEAR:
        if (rtc_running(s))
            rtc_update_time(s);
        ret = s->cmos_data[s->cmos_index];
        break;
    case RTC_REG_A:
        ret = s->cmos_data[RTC_REG_A];
        if (rtc_update_in_progress(s))
            ret |= RTC_REG_A_UIP;
        break;
    case RTC_REG_C:
        ret = s->cmos_data[RTC_REG_C];
        irq_lower(s->irq);
        s->cmos_data[RTC_REG_C] = 0;
        if (ret & (RTC_REG_C_UF | RTC_REG_C_AF))
            rtc_check_update_timer(s);
        break;
    default:
        ret = s->cmos_data[s->cmos_index];
        break;
    }
    return ret;
}

/* ---- interface ---- */

void rtc_set_memory(RtcState *s, int addr, uint8_t val)
{
    if (addr >= 0 && addr < RTC_CMOS_SIZE)
        s->cmos_data[addr] = val;
}

uint8_t rtc_get_memory(const RtcState *s, int addr)
{
    return addr >= 0 && addr < RTC_CMOS_SIZE ? s->cmos_data[addr] : 0xff;
}

int64_t rtc_guest_time(RtcState *s) { return (int64_t)rtc_guest_ns(s) / RTC_NS_PER_SEC; }

void rtc_sync(RtcState *s)
{
    int64_t now = rtc_now(s);
    if (s->last_update > (uint64_t)now) {
        /* Saved on another clock domain: continue from the saved registers (which
         * pre_save brought up to date), as QEMU does for old versions. */
        rtc_set_time(s);
        s->offset = 0;
        rtc_check_update_timer(s);
    }
    s->period = rtc_periodic_clock_ticks(s);
    /* XXX: QEMU re-phases the periodic timer from now on every load; pcemu keeps a
     * deadline that is plausible on this clock (within one period ahead), so that a
     * restored run ticks exactly as the uninterrupted one, and re-arms only the others. */
    int64_t period_ns = (int64_t)s->period * RTC_NS_PER_SEC / RTC_CLOCK_RATE;
    bool plausible = s->period ? timer_pending(&s->periodic_timer) &&
                                 s->periodic_timer.expire == s->next_periodic_time &&
                                 s->next_periodic_time > now - RTC_NS_PER_SEC &&
                                 s->next_periodic_time <= now + period_ns + 1
                               : !timer_pending(&s->periodic_timer);
    if (!plausible)
        rtc_periodic_update(s, now, s->period, false);
}

/* ---- pre_save, post_load ---- */

static bool rtc_reinject_needed(void *opaque)
{
    const RtcState *s = opaque;
    return s->irq_reinject_on_ack_count != 0;
}

static int rtc_pre_save(void *opaque, Err *err)
{
    rtc_update_time(opaque);   /* the saved clock registers show the save instant */
    return 0;
}

static int rtc_post_load(void *opaque, int version, Err *err)
{
    RtcState *s = opaque;
    if (s->cmos_index >= RTC_CMOS_SIZE)
        return ERR(err, -EINVAL, "mc146818rtc: cmos_index %u out of range", s->cmos_index);
    if (s->offset < 0 || s->offset >= RTC_NS_PER_SEC)
        return ERR(err, -EINVAL, "mc146818rtc: offset %" PRId64 " ns out of range", s->offset);
    s->period = rtc_periodic_clock_ticks(s);
    return 0;   /* clock-domain check and timer re-arming: rtc_sync(), from machine_post_load() */
}

/* ---- init ---- */

RtcState *rtc_init(Bus *io, const IrqLine *irq, Clock *clock, int64_t base_sec)
{
    RtcState *s = xzalloc(sizeof *s);
    s->irq = irq;
    s->clock = clock;
    timer_init(&s->periodic_timer, clock, rtc_periodic_timer_cb, s);
    timer_init(&s->update_timer, clock, rtc_update_timer_cb, s);
    s->cmos_data[RTC_REG_A] = 0x26;   /* 32768 Hz divider, 1024 Hz periodic rate */
    s->cmos_data[RTC_REG_B] = RTC_REG_B_24H;
    s->cmos_data[RTC_REG_C] = 0x00;
    s->cmos_data[RTC_REG_D] = 0x80;   /* valid RAM and time */
    s->base_rtc = (uint64_t)base_sec;
    s->last_update = (uint64_t)rtc_now(s);
    s->offset = 0;
    rtc_update_time(s);
    rtc_check_update_timer(s);
    MtreeRegion *r = bus_map_io_named(io, "rtc", 0x70, 2, s, rtc_io_read, rtc_io_write, IO_SIZE8);
    mtree_add(r, mtree_region(bus_mtree(io), "rtc-index", MTREE_IO, 0), 0, 0);
    return s;   /* machine.c: rtc_vms for s, instance 0; NVRAM via rtc_set_memory() */
}

void rtc_free(RtcState *s) { free(s); }
