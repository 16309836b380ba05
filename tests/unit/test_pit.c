/* test_pit.c: the 8254 in virtual time: IRQ 0 rate in mode 2, mode 0 one-shot, OUT2 for
 * SeaBIOS's TSC calibration through port 0x61, counter latch and read-back, gate edges,
 * the "i8254" and "pcspk" wire formats and their vmdesc against QEMU 7.2's. */
#include "dev_test.h"
#include "emu/dev/pit.h"

typedef struct Line { int level, rises; } Line;
static void line_set(void *opaque, int n, int level)
{
    Line *l = opaque;
    if (level && !l->level)
        l->rises++;
    l->level = level;
}

typedef struct Rig { Bus *bus; Clock clock; Line irq0; IrqLine line; PitState *pit; } Rig;

static Rig *rig_new(void)
{
    Rig *r = calloc(1, sizeof *r);
    r->bus = bus_new();
    clock_init(&r->clock, 0);   /* 1 ns per instruction */
    r->line = (IrqLine){ line_set, &r->irq0, 0 };
    r->pit = pit_init(r->bus, &r->line, &r->clock);
    return r;
}

static void rig_free(Rig *r)
{
    pit_free(r->pit);
    bus_free(r->bus);
    free(r);
}

static void out(Rig *r, uint16_t port, uint8_t v) { bus_io_write(r->bus, port, v, 1); }
static uint8_t in(Rig *r, uint16_t port) { return (uint8_t)bus_io_read(r->bus, port, 1); }

START_TEST(test_pit_channel0_mode2_raises_irq0_at_18_2_hz)
{
    Rig *r = rig_new();
    out(r, 0x43, 0x34); out(r, 0x40, 0x00); out(r, 0x40, 0x00);
    r->irq0.rises = 0;
    dt_run_to(&r->clock, 1000000000);                   /* one virtual second */
    ck_assert_int_eq(r->irq0.rises, 18);     /* 1193182 / 65536 = 18.2 */
    dt_run_to(&r->clock, 5000000000);
    ck_assert_int_eq(r->irq0.rises, 91);
    /* a shorter period: count 1193 -> about 1000 Hz */
    out(r, 0x43, 0x34); out(r, 0x40, 1193 & 0xff); out(r, 0x40, 1193 >> 8);
    r->irq0.rises = 0;
    dt_run_to(&r->clock, 6000000000);
    ck_assert_int_ge(r->irq0.rises, 999);
    ck_assert_int_le(r->irq0.rises, 1001);
    rig_free(r);
}
END_TEST

START_TEST(test_pit_mode0_out_goes_low_on_load_and_high_at_terminal_count)
{
    Rig *r = rig_new();
    out(r, 0x43, 0x30); out(r, 0x40, 100); out(r, 0x40, 0);
    ck_assert_int_eq(pit_get_out(r->pit, 0), 0);
    ck_assert_int_eq(r->irq0.level, 0);
    dt_run_to(&r->clock, 100 * 1000000000ll / PIT_FREQ - 10);
    ck_assert_int_eq(r->irq0.level, 0);
    dt_run_to(&r->clock, 100 * 1000000000ll / PIT_FREQ + 1000);
    ck_assert_int_eq(r->irq0.level, 1);
    ck_assert_int_eq(clock_deadline(&r->clock), CLOCK_NEVER);   /* one-shot: nothing armed */
    rig_free(r);
}
END_TEST

START_TEST(test_pit_port61_out2_follows_the_seabios_tsc_calibration)
{
    Rig *r = rig_new();
    uint8_t v = in(r, 0x61);
    ck_assert_uint_eq(v, 0x30);              /* observed on QEMU: OUT2 high, refresh bit */
    ck_assert_uint_eq(in(r, 0x61), 0x20);    /* the refresh bit toggles per read */
    out(r, 0x61, (v & ~0x02) | 0x01);        /* gate on, speaker off */
    out(r, 0x43, 0xb0); out(r, 0x42, 0x00); out(r, 0x42, 0x08);
    uint8_t a = in(r, 0x61), b = in(r, 0x61);
    ck_assert_uint_eq(a & 0x21, 0x01);       /* OUT2 low once the count is loaded */
    ck_assert_uint_eq(a ^ b, 0x10);
    dt_run_to(&r->clock, 2048ll * 1000000000 / PIT_FREQ - 100);
    ck_assert_uint_eq(in(r, 0x61) & 0x20, 0);
    dt_run_to(&r->clock, 2048ll * 1000000000 / PIT_FREQ + 1000);
    ck_assert_uint_eq(in(r, 0x61) & 0x21, 0x21);   /* terminal count after 1.716 ms */
    out(r, 0x61, 0x02);
    ck_assert_uint_eq(r->pit->spk.data_on, 1);
    ck_assert_uint_eq(r->pit->ch[2].gate, 0);
    rig_free(r);
}
END_TEST

START_TEST(test_pit_latch_and_readback_freeze_the_count)
{
    Rig *r = rig_new();
    out(r, 0x43, 0x34); out(r, 0x40, 0x00); out(r, 0x40, 0x00);
    dt_run_to(&r->clock, 10000000);                     /* 10 ms = 11931 ticks */
    out(r, 0x43, 0x00);                      /* counter latch, channel 0 */
    dt_run_to(&r->clock, 20000000);
    int lo = in(r, 0x40), hi = in(r, 0x40);
    ck_assert_int_eq(hi << 8 | lo, 65536 - 11931);
    out(r, 0x43, 0xd2);                      /* read-back: latch count of channel 0 */
    dt_run_to(&r->clock, 30000000);
    lo = in(r, 0x40); hi = in(r, 0x40);
    ck_assert_int_eq(hi << 8 | lo, 65536 - 23863);
    lo = in(r, 0x40); hi = in(r, 0x40);      /* unlatched: counting on */
    ck_assert_int_eq(hi << 8 | lo, 65536 - 35795);
    out(r, 0x43, 0xe2);                      /* read-back: status of channel 0 */
    ck_assert_uint_eq(in(r, 0x40), 0x34);    /* OUT 0, rw 3, mode 2, binary */
    ck_assert_uint_eq(in(r, 0x43), 0x00);
    rig_free(r);
}
END_TEST

START_TEST(test_pit_lsb_only_and_msb_only_access_modes)
{
    Rig *r = rig_new();
    out(r, 0x43, 0x90); out(r, 0x42, 50);    /* ch2, LSB only, mode 0 */
    ck_assert_int_eq(r->pit->ch[2].count, 50);
    ck_assert_uint_eq(in(r, 0x42), 50);
    out(r, 0x43, 0xa0); out(r, 0x42, 2);     /* MSB only */
    ck_assert_int_eq(r->pit->ch[2].count, 512);
    ck_assert_uint_eq(in(r, 0x42), 2);
    rig_free(r);
}
END_TEST

START_TEST(test_pit_gate_rising_edge_restarts_mode1)
{
    Rig *r = rig_new();
    out(r, 0x43, 0xb2); out(r, 0x42, 100); out(r, 0x42, 0);   /* ch2 mode 1 */
    dt_run_to(&r->clock, 1000000);
    ck_assert_int_eq(pit_get_out(r->pit, 2), 0);   /* XXX in pit.c: QEMU's mode-1 polarity */
    out(r, 0x61, 0x01);                      /* gate rises: the one-shot starts */
    ck_assert_int_eq(pit_get_out(r->pit, 2), 1);
    ck_assert_int_eq(pit_get_count(r->pit, 2), 100);
    dt_run_to(&r->clock, 1000000 + 200000);
    ck_assert_int_eq(pit_get_out(r->pit, 2), 0);
    ck_assert_int_eq(pit_get_count(r->pit, 2), (100 - 238) & 0xffff);
    rig_free(r);
}
END_TEST

/* After power-on at t = 0 and SeaBIOS's channel-0 programming at t = 1000 ns. */
static const uint8_t pit_bytes[108] = {
    0, 0, 0, 0,                              /* channels[0].irq_disabled */
    /* channel 0 */
    0x00, 0x01, 0x00, 0x00,                  /* count 0x10000 */
    0x00, 0x00,                              /* latched_count */
    0x00, 0x00, 0x00,                        /* count_latched, status_latched, status */
    0x03, 0x03,                              /* read_state, write_state: WORD0 */
    0x00,                                    /* write_latch */
    0x03, 0x02, 0x00, 0x01,                  /* rw_mode, mode 2, bcd, gate */
    0, 0, 0, 0, 0, 0, 0x03, 0xe8,            /* count_load_time 1000 */
    0, 0, 0, 0, 0x03, 0x46, 0x1f, 0x87,      /* next_transition_time 54927239 */
    /* channel 1 */
    0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x03, 0x00, 0x01,                  /* rw_mode 0, mode 3, bcd, gate 1 */
    0, 0, 0, 0, 0, 0, 0, 0,                  /* count_load_time 0 */
    0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, /* next_transition_time -1 */
    /* channel 2 */
    0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x03, 0x00, 0x00,                  /* gate 0 */
    0, 0, 0, 0, 0, 0, 0, 0,
    0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
    0, 0, 0, 0, 0x03, 0x46, 0x1f, 0x87,      /* channels[0].next_transition_time */
};

START_TEST(test_pit_wire_format_round_trips_and_truncation_fails)
{
    Rig *r = rig_new(), *r2 = rig_new();
    dt_run_to(&r->clock, 1000);
    out(r, 0x43, 0x34); out(r, 0x40, 0x00); out(r, 0x40, 0x00);
    dt_check_bytes(&pit_vms, r->pit, pit_bytes, sizeof pit_bytes);
    Err e = { 0 };
    ck_assert_int_eq(dt_load(&pit_vms, r2->pit, pit_bytes, sizeof pit_bytes, &e), 0);
    ck_assert_int_eq(r2->pit->ch[0].mode, 2);
    ck_assert_int_eq(r2->pit->ch[0].count_load_time, 1000);
    ck_assert_int_eq(r2->pit->irq_timer.expire, 54927239);   /* re-armed by post_load */
    dt_check_bytes(&pit_vms, r2->pit, pit_bytes, sizeof pit_bytes);
    dt_check_truncations(&pit_vms, r2->pit, pit_bytes, sizeof pit_bytes);

    static const uint8_t spk_bytes[2] = {
        0x01,  /* data_on */
        0x10,  /* dummy_refresh_clock */
    };
    out(r, 0x61, 0x02);
    in(r, 0x61);
    dt_check_bytes(&pit_spk_vms, &r->pit->spk, spk_bytes, 2);
    ck_assert_int_eq(dt_load(&pit_spk_vms, &r2->pit->spk, spk_bytes, 2, &e), 0);
    ck_assert_uint_eq(r2->pit->spk.dummy_refresh_clock, 0x10);
    dt_check_truncations(&pit_spk_vms, &r2->pit->spk, spk_bytes, 2);
    static const uint8_t bad_spk[2] = { 0x02, 0x10 };
    ck_assert_int_eq(dt_load(&pit_spk_vms, &r2->pit->spk, bad_spk, 2, &e), -EINVAL);
    rig_free(r);
    rig_free(r2);
}
END_TEST

START_TEST(test_pit_load_rejects_zero_count_and_bad_states)
{
    Rig *r = rig_new();
    uint8_t b[108];
    Err e = { 0 };
    memcpy(b, pit_bytes, sizeof b);
    b[4] = b[5] = 0;                         /* channel 0 count 0: a divisor */
    ck_assert_int_eq(dt_load(&pit_vms, r->pit, b, sizeof b, &e), -EINVAL);
    memcpy(b, pit_bytes, sizeof b);
    b[4 + 32 + 13] = 9;                      /* channel 1 mode 9 */
    err_clear(&e);
    ck_assert_int_eq(dt_load(&pit_vms, r->pit, b, sizeof b, &e), -EINVAL);
    memcpy(b, pit_bytes, sizeof b);
    b[4 + 64 + 9] = 5;                       /* channel 2 read_state 5 */
    err_clear(&e);
    ck_assert_int_eq(dt_load(&pit_vms, r->pit, b, sizeof b, &e), -EINVAL);
    rig_free(r);
}
END_TEST

START_TEST(test_pit_vmdesc_equals_qemu_7_2)
{
    Rig *r = rig_new();
    dt_check_vmdesc(&pit_vms, r->pit, "i8254", 0);
    dt_check_vmdesc(&pit_spk_vms, &r->pit->spk, "pcspk", 0);
    rig_free(r);
}
END_TEST

static void pit_exercise(void *opaque)
{
    Rig *r = opaque;
    for (int i = 0; i < 3; i++) {
        in(r, 0x40); in(r, 0x41); in(r, 0x42);
    }
    in(r, 0x61);
    out(r, 0x43, 0xde); in(r, 0x40); in(r, 0x41); in(r, 0x42);
    out(r, 0x61, 0x01);
    dt_run_to(&r->clock, clock_ns(&r->clock) + 10000000);
    out(r, 0x43, 0x00); in(r, 0x40);
}

START_TEST(test_pit_hostile_bytes_load_cleanly_or_fail)
{
    Rig *r = rig_new();
    dt_flip_every_byte(&pit_vms, r->pit, pit_bytes, sizeof pit_bytes, pit_exercise, r);
    rig_free(r);
}
END_TEST

START_TEST(test_pit_deadline_far_in_the_past_does_not_replay_every_edge)
{
    Rig *r = rig_new();
    uint8_t b[108];
    memcpy(b, pit_bytes, sizeof b);
    b[4 + 1] = 0; b[4 + 3] = 2;              /* channel 0 count 2: an edge every 1.7 us */
    memset(b + 4 + 24, 0, 8);                /* next_transition_time 0 */
    memset(b + 100, 0, 8);
    clock_warp(&r->clock, 1000000000000000ll);   /* the clock is 11 days on, timers not run */
    Err e = { 0 };
    ck_assert_int_eq(dt_load(&pit_vms, r->pit, b, sizeof b, &e), 0);
    r->irq0.rises = 0;
    dt_run_to(&r->clock, clock_ns(&r->clock) + 1000000);
    ck_assert_int_le(r->irq0.rises, 600000); /* 1 s of catch-up at most, not 11 days */
    ck_assert_int_ge(r->irq0.rises, 500);
    rig_free(r);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("pit");
    TCase *tc = tcase_create("pit");
    tcase_add_test(tc, test_pit_channel0_mode2_raises_irq0_at_18_2_hz);
    tcase_add_test(tc, test_pit_mode0_out_goes_low_on_load_and_high_at_terminal_count);
    tcase_add_test(tc, test_pit_port61_out2_follows_the_seabios_tsc_calibration);
    tcase_add_test(tc, test_pit_latch_and_readback_freeze_the_count);
    tcase_add_test(tc, test_pit_lsb_only_and_msb_only_access_modes);
    tcase_add_test(tc, test_pit_gate_rising_edge_restarts_mode1);
    tcase_add_test(tc, test_pit_wire_format_round_trips_and_truncation_fails);
    tcase_add_test(tc, test_pit_load_rejects_zero_count_and_bad_states);
    tcase_add_test(tc, test_pit_vmdesc_equals_qemu_7_2);
    tcase_add_test(tc, test_pit_hostile_bytes_load_cleanly_or_fail);
    tcase_add_test(tc, test_pit_deadline_far_in_the_past_does_not_replay_every_edge);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
