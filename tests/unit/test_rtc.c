/* test_rtc.c: the MC146818 in virtual time: clock registers from the base, advancing
 * with the virtual clock, BCD/binary and 12/24-hour formats, SET, update-in-progress,
 * update-ended, alarm and periodic interrupts, CMOS RAM, the "mc146818rtc" wire format,
 * re-basing a host-clock stream, and the vmdesc against QEMU 7.2's. */
#include "dev_test.h"
#include "emu/dev/rtc.h"

#define BASE 1795299267ll   /* 2026-11-21 22:14:27 UTC, a Saturday (QEMU's sample) */
#define SEC 1000000000ll

typedef struct Line { int level, rises; } Line;
static void line_set(void *opaque, int n, int level)
{
    Line *l = opaque;
    if (level && !l->level)
        l->rises++;
    l->level = level;
}

typedef struct Rig { Bus *bus; Clock clock; Line irq8; IrqLine line; RtcState *rtc; } Rig;

static Rig *rig_new(int64_t base)
{
    Rig *r = calloc(1, sizeof *r);
    r->bus = bus_new();
    clock_init(&r->clock, 0);
    r->line = (IrqLine){ line_set, &r->irq8, 8 };
    r->rtc = rtc_init(r->bus, &r->line, &r->clock, base);
    return r;
}

static void rig_free(Rig *r)
{
    rtc_free(r->rtc);
    bus_free(r->bus);
    free(r);
}

static uint8_t cmos(Rig *r, uint8_t idx)
{
    bus_io_write(r->bus, 0x70, 0x80 | idx, 1);   /* NMI off, as SeaBIOS writes it */
    return (uint8_t)bus_io_read(r->bus, 0x71, 1);
}

static void cmos_set(Rig *r, uint8_t idx, uint8_t v)
{
    bus_io_write(r->bus, 0x70, 0x80 | idx, 1);
    bus_io_write(r->bus, 0x71, v, 1);
}

START_TEST(test_rtc_registers_show_the_base_time_in_bcd)
{
    Rig *r = rig_new(BASE);
    static const uint8_t want[14] = { 0x27, 0x00, 0x14, 0x00, 0x22, 0x00, 0x07, 0x21, 0x11,
                                      0x26, 0x26, 0x02, 0x00, 0x80 };
    for (int i = 0; i < 14; i++)
        ck_assert_msg(cmos(r, i) == want[i], "reg %#x = %#x", i, cmos(r, i));
    ck_assert_uint_eq(cmos(r, 0x32), 0x20);           /* century */
    ck_assert_uint_eq(bus_io_read(r->bus, 0x70, 1), 0xff);
    rig_free(r);
}
END_TEST

START_TEST(test_rtc_time_advances_with_the_virtual_clock)
{
    Rig *r = rig_new(BASE);
    dt_run_to(&r->clock, 61 * SEC + SEC / 2);
    ck_assert_uint_eq(cmos(r, 0x00), 0x28);
    ck_assert_uint_eq(cmos(r, 0x02), 0x15);
    dt_run_to(&r->clock, (2 * 3600 - 867) * SEC);          /* past midnight: Sunday the 22nd */
    ck_assert_uint_eq(cmos(r, 0x04), 0x00);
    ck_assert_uint_eq(cmos(r, 0x06), 0x01);
    ck_assert_uint_eq(cmos(r, 0x07), 0x22);
    ck_assert_int_eq(rtc_guest_time(r->rtc), BASE + 2 * 3600 - 867);
    rig_free(r);
}
END_TEST

START_TEST(test_rtc_binary_and_12_hour_formats)
{
    Rig *r = rig_new(BASE);
    cmos_set(r, 0x0b, 0x04);                          /* binary, 12-hour */
    ck_assert_uint_eq(cmos(r, 0x00), 27);
    ck_assert_uint_eq(cmos(r, 0x04), 0x80 | 10);      /* 10 pm */
    ck_assert_uint_eq(cmos(r, 0x09), 26);
    rig_free(r);
}
END_TEST

START_TEST(test_rtc_set_bit_freezes_and_sets_the_time)
{
    Rig *r = rig_new(BASE);
    cmos_set(r, 0x0b, 0x82);                          /* SET, 24-hour, BCD */
    cmos_set(r, 0x04, 0x05);
    cmos_set(r, 0x02, 0x30);
    cmos_set(r, 0x00, 0x00);
    dt_run_to(&r->clock, 10 * SEC);
    ck_assert_uint_eq(cmos(r, 0x00), 0x00);           /* frozen while SET */
    cmos_set(r, 0x0b, 0x02);
    dt_run_to(&r->clock, 13 * SEC);
    ck_assert_uint_eq(cmos(r, 0x04), 0x05);
    ck_assert_uint_eq(cmos(r, 0x02), 0x30);
    ck_assert_uint_eq(cmos(r, 0x00), 0x03);
    rig_free(r);
}
END_TEST

START_TEST(test_rtc_uip_reads_set_only_just_before_the_update)
{
    Rig *r = rig_new(BASE);
    dt_run_to(&r->clock, SEC / 2);
    ck_assert_uint_eq(cmos(r, 0x0a), 0x26);
    dt_run_to(&r->clock, SEC - 100000);                          /* 100 us before the second ends */
    ck_assert_uint_eq(cmos(r, 0x0a), 0xa6);
    dt_run_to(&r->clock, SEC + 1000);
    ck_assert_uint_eq(cmos(r, 0x0a), 0x26);
    cmos_set(r, 0x0a, 0x66);                          /* divider reset: no UIP, no updates */
    dt_run_to(&r->clock, 2 * SEC - 100000);
    ck_assert_uint_eq(cmos(r, 0x0a), 0x66);
    rig_free(r);
}
END_TEST

START_TEST(test_rtc_update_ended_interrupt_and_register_c_clear_on_read)
{
    Rig *r = rig_new(BASE);
    cmos_set(r, 0x0b, 0x12);                          /* UIE */
    dt_run_to(&r->clock, SEC + 1);
    ck_assert_int_eq(r->irq8.level, 1);
    ck_assert_uint_eq(cmos(r, 0x0c), 0x90);           /* IRQF | UF */
    ck_assert_int_eq(r->irq8.level, 0);
    ck_assert_uint_eq(cmos(r, 0x0c), 0x00);
    dt_run_to(&r->clock, 2 * SEC + 1);
    ck_assert_int_eq(r->irq8.rises, 2);
    rig_free(r);
}
END_TEST

START_TEST(test_rtc_alarm_interrupt_fires_at_the_alarm_time)
{
    Rig *r = rig_new(BASE);
    cmos_set(r, 0x01, 0x30);                          /* alarm 22:14:30 */
    cmos_set(r, 0x03, 0x14);
    cmos_set(r, 0x05, 0x22);
    cmos_set(r, 0x0b, 0x22);                          /* AIE */
    dt_run_to(&r->clock, 2 * SEC + SEC / 2);
    ck_assert_int_eq(r->irq8.level, 0);
    dt_run_to(&r->clock, 3 * SEC + 1);
    ck_assert_int_eq(r->irq8.level, 1);
    ck_assert_uint_eq(cmos(r, 0x0c) & 0xa0, 0xa0);    /* IRQF | AF */
    rig_free(r);
}
END_TEST

START_TEST(test_rtc_periodic_interrupt_runs_at_1024_hz)
{
    Rig *r = rig_new(BASE);
    cmos_set(r, 0x0b, 0x42);                          /* PIE, rate 0x6 = 1024 Hz */
    int pf = 0;
    for (int i = 1; i <= 1024; i++) {
        dt_run_to(&r->clock, (int64_t)i * SEC / 1024 + 1000);
        if (cmos(r, 0x0c) & 0x40)
            pf++;
    }
    ck_assert_int_ge(pf, 1023);
    ck_assert_int_le(pf, 1024);
    cmos_set(r, 0x0b, 0x02);
    ck_assert_int_eq(r->rtc->periodic_timer.expire, -1);
    rig_free(r);
}
END_TEST

START_TEST(test_rtc_cmos_ram_through_ports_and_machine_interface)
{
    Rig *r = rig_new(BASE);
    cmos_set(r, 0x34, 0x01);
    rtc_set_memory(r->rtc, 0x5f, 0x00);
    rtc_set_memory(r->rtc, 0x3d, 0x12);
    ck_assert_uint_eq(cmos(r, 0x34), 0x01);
    ck_assert_uint_eq(cmos(r, 0x3d), 0x12);
    ck_assert_uint_eq(rtc_get_memory(r->rtc, 0x34), 0x01);
    cmos_set(r, 0x0c, 0xff);                          /* C and D are read-only */
    cmos_set(r, 0x0d, 0x00);
    ck_assert_uint_eq(cmos(r, 0x0d), 0x80);
    rig_free(r);
}
END_TEST

/* mc146818rtc body right after power-on at t = 0 with the base above. */
static uint8_t rtc_bytes[245];
static void rtc_bytes_init(void)
{
    static const uint8_t clock_regs[16] = {
        0x27, 0x00, 0x14, 0x00, 0x22, 0x00, 0x07, 0x21,   /* time, alarms, date (BCD) */
        0x11, 0x26, 0x26, 0x02, 0x00, 0x80, 0x00, 0x00 }; /* month, year, A, B, C, D */
    uint8_t *p = rtc_bytes;
    memset(rtc_bytes, 0, sizeof rtc_bytes);
    memcpy(p, clock_regs, 16);
    p[0x32] = 0x20;                                   /* cmos_data: century at 0x32 */
    p += 128;
    *p++ = 0x00;                                      /* cmos_index */
    p += 28;                                          /* unused[0] */
    memset(p, 0xff, 8); p += 8;                       /* periodic_timer: not armed */
    p += 8;                                           /* next_periodic_time 0 */
    p += 24;                                          /* unused[1] */
    p += 4;                                           /* irq_coalesced */
    p += 4;                                           /* period */
    put_be64(p, BASE); p += 8;                        /* base_rtc */
    p += 8;                                           /* last_update 0 */
    p += 8;                                           /* offset 0 */
    put_be64(p, SEC); p += 8;                         /* update_timer: next second */
    put_be64(p, 6333 * SEC); p += 8;                  /* next_alarm_time: 00:00:00 */
    ck_assert_int_eq(p - rtc_bytes, 245);
}

START_TEST(test_rtc_wire_format_round_trips_and_truncation_fails)
{
    rtc_bytes_init();
    Rig *r = rig_new(BASE), *r2 = rig_new(0);
    dt_check_bytes(&rtc_vms, r->rtc, rtc_bytes, sizeof rtc_bytes);
    Err e = { 0 };
    ck_assert_int_eq(dt_load(&rtc_vms, r2->rtc, rtc_bytes, sizeof rtc_bytes, &e), 0);
    rtc_sync(r2->rtc);
    ck_assert_int_eq(rtc_guest_time(r2->rtc), BASE);
    ck_assert_int_eq(r2->rtc->update_timer.expire, SEC);
    dt_check_bytes(&rtc_vms, r2->rtc, rtc_bytes, sizeof rtc_bytes);
    dt_check_truncations(&rtc_vms, r2->rtc, rtc_bytes, sizeof rtc_bytes);
    rig_free(r);
    rig_free(r2);
}
END_TEST

START_TEST(test_rtc_host_clock_stream_is_rebased_on_its_registers)
{
    rtc_bytes_init();
    uint8_t b[245];
    memcpy(b, rtc_bytes, sizeof b);
    put_be64(b + 213, 0x18EA2F2BD3348650ull);        /* last_update: QEMU host-clock ns */
    put_be64(b + 229, 0x18EA2F2BD3348650ull + SEC);  /* update_timer likewise */
    Rig *r = rig_new(0);
    dt_run_to(&r->clock, 5 * SEC);
    Err e = { 0 };
    ck_assert_int_eq(dt_load(&rtc_vms, r->rtc, b, sizeof b, &e), 0);
    rtc_sync(r->rtc);
    ck_assert_int_eq(rtc_guest_time(r->rtc), BASE);   /* continues from 22:14:27 */
    ck_assert_int_le(r->rtc->update_timer.expire, 6 * SEC);
    dt_run_to(&r->clock, 7 * SEC);
    ck_assert_uint_eq(cmos(r, 0x00), 0x29);
    rig_free(r);
}
END_TEST

START_TEST(test_rtc_load_rejects_index_and_offset_out_of_range)
{
    rtc_bytes_init();
    uint8_t b[245];
    Rig *r = rig_new(0);
    Err e = { 0 };
    memcpy(b, rtc_bytes, sizeof b);
    b[128] = 0x80;                                    /* cmos_index 128 */
    ck_assert_int_eq(dt_load(&rtc_vms, r->rtc, b, sizeof b, &e), -EINVAL);
    memcpy(b, rtc_bytes, sizeof b);
    put_be64(b + 221, (uint64_t)SEC);                 /* offset one whole second */
    err_clear(&e);
    ck_assert_int_eq(dt_load(&rtc_vms, r->rtc, b, sizeof b, &e), -EINVAL);
    rig_free(r);
}
END_TEST

START_TEST(test_rtc_vmdesc_equals_qemu_7_2)
{
    Rig *r = rig_new(BASE);
    dt_check_vmdesc(&rtc_vms, r->rtc, "mc146818rtc", 0);
    rig_free(r);
}
END_TEST

static void rtc_exercise(void *opaque)
{
    Rig *r = opaque;
    rtc_sync(r->rtc);
    for (int i = 0; i < 0x40; i++)
        cmos(r, (uint8_t)i);
    dt_run_to(&r->clock, clock_ns(&r->clock) + 5000000);
    cmos_set(r, 0x0b, 0x72);
    dt_run_to(&r->clock, clock_ns(&r->clock) + 5000000);
    cmos(r, 0x0c);
}

START_TEST(test_rtc_hostile_bytes_load_cleanly_or_fail)
{
    rtc_bytes_init();
    Rig *r = rig_new(BASE);
    dt_flip_every_byte(&rtc_vms, r->rtc, rtc_bytes, sizeof rtc_bytes, rtc_exercise, r);
    rig_free(r);
}
END_TEST

START_TEST(test_rtc_pcemu_stream_keeps_the_periodic_phase)
{
    Rig *r = rig_new(BASE), *r2 = rig_new(0);
    cmos_set(r, 0x0a, 0x2f);                          /* 2 Hz */
    cmos_set(r, 0x0b, 0x42);
    dt_run_to(&r->clock, 3 * SEC + 123456);
    int64_t next = r->rtc->periodic_timer.expire;
    ck_assert_int_gt(next, 3 * SEC + 123456);
    size_t n;
    uint8_t *b = dt_save(&rtc_vms, r->rtc, &n, NULL);
    clock_warp(&r2->clock, 3 * SEC + 123456);         /* the 'timer' section's work */
    Err e = { 0 };
    ck_assert_int_eq(dt_load(&rtc_vms, r2->rtc, b, n, &e), 0);
    rtc_sync(r2->rtc);
    ck_assert_int_eq(r2->rtc->periodic_timer.expire, next);
    ck_assert_int_eq(r2->rtc->update_timer.expire, r->rtc->update_timer.expire);
    ck_assert_int_eq(rtc_guest_time(r2->rtc), rtc_guest_time(r->rtc));
    dt_run_to(&r->clock, 10 * SEC);
    dt_run_to(&r2->clock, 10 * SEC);
    ck_assert_int_eq(r2->rtc->periodic_timer.expire, r->rtc->periodic_timer.expire);
    ck_assert_int_eq(r2->rtc->update_timer.expire, r->rtc->update_timer.expire);
    ck_assert_mem_eq(r2->rtc->cmos_data, r->rtc->cmos_data, 128);
    free(b);
    rig_free(r);
    rig_free(r2);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("rtc");
    TCase *tc = tcase_create("rtc");
    tcase_add_test(tc, test_rtc_registers_show_the_base_time_in_bcd);
    tcase_add_test(tc, test_rtc_time_advances_with_the_virtual_clock);
    tcase_add_test(tc, test_rtc_binary_and_12_hour_formats);
    tcase_add_test(tc, test_rtc_set_bit_freezes_and_sets_the_time);
    tcase_add_test(tc, test_rtc_uip_reads_set_only_just_before_the_update);
    tcase_add_test(tc, test_rtc_update_ended_interrupt_and_register_c_clear_on_read);
    tcase_add_test(tc, test_rtc_alarm_interrupt_fires_at_the_alarm_time);
    tcase_add_test(tc, test_rtc_periodic_interrupt_runs_at_1024_hz);
    tcase_add_test(tc, test_rtc_cmos_ram_through_ports_and_machine_interface);
    tcase_add_test(tc, test_rtc_wire_format_round_trips_and_truncation_fails);
    tcase_add_test(tc, test_rtc_host_clock_stream_is_rebased_on_its_registers);
    tcase_add_test(tc, test_rtc_load_rejects_index_and_offset_out_of_range);
    tcase_add_test(tc, test_rtc_vmdesc_equals_qemu_7_2);
    tcase_add_test(tc, test_rtc_hostile_bytes_load_cleanly_or_fail);
    tcase_add_test(tc, test_rtc_pcemu_stream_keeps_the_periodic_phase);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
