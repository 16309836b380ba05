/* test_hpet.c: the HPET (emu/dev/hpet.c): its registers after reset, the main counter and
 * the three timers on random programming sequences against a model of the counter and of
 * the interrupts each timer must have raised (fixed seeds), legacy replacement routing of
 * the PIT and RTC lines, the "hpet" wire format and vmdesc against QEMU 7.2's, and hostile
 * loads (out-of-range fields are refused with the field named). */
#include "dev_test.h"
#include "emu/dev/hpet.h"

#define HPET_REG(r) (HPET_BASE + (r))
#define TN(n, r) (HPET_BASE + 0x100 + 0x20 * (n) + (r))

typedef struct Line { int level, rises; } Line;
static void line_set(void *opaque, int n, int level)
{
    Line *l = &((Line *)opaque)[n];
    if (level && !l->level)
        l->rises++;
    l->level = level;
}

typedef struct Rig {
    Bus *bus;
    Clock clock;
    Line gsi[16];
    IrqLine gsi_l[16];
    Line pit_enabled;
    HpetState *h;
} Rig;

static Rig *rig_new(void)
{
    Rig *r = calloc(1, sizeof *r);
    r->bus = bus_new();
    clock_init(&r->clock, 3);
    for (int i = 0; i < 16; i++)
        r->gsi_l[i] = (IrqLine){ line_set, r->gsi, i };
    r->h = hpet_init(r->bus, &r->clock, r->gsi_l, 16);
    hpet_connect_pit(r->h, (IrqLine){ line_set, &r->pit_enabled, 0 });
    hpet_reset(r->h);
    return r;
}

static void rig_free(Rig *r)
{
    hpet_free(r->h);
    bus_free(r->bus);
    free(r);
}

static uint32_t rd(Rig *r, uint32_t a) { return bus_mem_read(r->bus, a, 4); }
static void wr(Rig *r, uint32_t a, uint32_t v) { bus_mem_write(r->bus, a, v, 4); }

START_TEST(test_hpet_registers_after_reset_are_qemus)
{
    Rig *r = rig_new();
    ck_assert_uint_eq(rd(r, HPET_REG(0x00)), 0x8086a201);   /* 3 timers, legacy capable */
    ck_assert_uint_eq(rd(r, HPET_REG(0x04)), 10000000);     /* fs per tick */
    ck_assert_uint_eq(rd(r, HPET_REG(0x10)), 0);
    for (int n = 0; n < 3; n++) {
        ck_assert_uint_eq(rd(r, TN(n, 0)), 0x30);           /* periodic and 64-bit capable */
        ck_assert_uint_eq(rd(r, TN(n, 4)), 0x4);            /* route capability: pin 2 */
        ck_assert_uint_eq(rd(r, TN(n, 8)), 0xffffffff);
    }
    ck_assert_uint_eq(rd(r, TN(3, 0)), 0);                  /* no timer 3 */
    ck_assert_uint_eq(bus_mem_read(r->bus, HPET_REG(0x00), 2), 0);   /* 32-bit only */
    ck_assert_int_eq(r->pit_enabled.level, 1);
    uint8_t fw[HPET_FW_CONFIG_LEN];
    hpet_fw_config(r->h, fw);
    ck_assert_uint_eq(fw[0], 1);
    ck_assert_uint_eq(le32(fw + 1), 0x8086a201);
    ck_assert_uint_eq(le64(fw + 5), HPET_BASE);
    hpet_fw_config(NULL, fw);
    ck_assert_uint_eq(fw[0], 0xff);
    rig_free(r);
}
END_TEST

/* ---- the model ----
 * The main counter is c0 + floor((t - t_en) / 10) while enabled (t in virtual ns at the
 * register access, one instruction after the clock: clock_io_ns), c0 while halted. A
 * timer raises its line once when the counter reaches its comparator C. A periodic timer
 * with period P raises it at C + kP and, as QEMU 7.2 does, once more one tick later: its
 * callback runs exactly when the counter equals the comparator, which is not yet past
 * it, so it re-arms for the next tick before stepping the comparator. A raise at counter
 * value v happens while the counter reads v; a check at counter K counts the raises at
 * values below K and skips the check when one is at K. */
typedef struct ModelTimer { int kind; uint64_t c, p; int base; } ModelTimer;   /* kind 0 off, 1 one-shot, 2 periodic */
typedef struct Model { bool en; uint64_t c0; int64_t t_en; ModelTimer t[3]; } Model;
enum { ROUTE0 = 5 };

static uint64_t model_counter(const Model *m, int64_t t)
{
    return m->en ? m->c0 + (uint64_t)((t - m->t_en) / 10) : m->c0;
}

/* Raises timer mt must have made by counter k; -1 when one is due exactly at k. */
static int model_raises(const ModelTimer *mt, uint64_t k)
{
    if (mt->kind == 0)
        return mt->base;
    if (mt->kind == 1)
        return mt->c == k ? -1 : mt->base + (mt->c < k);
    if (k <= mt->c)
        return k == mt->c ? -1 : mt->base;
    uint64_t periods = (k - mt->c) / mt->p, off = (k - mt->c) % mt->p;
    if (off <= 1)
        return -1;
    return mt->base + (int)(2 * (periods + 1));
}

static uint32_t rnd(uint32_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 17;
    *s ^= *s << 5;
    return *s;
}

static int64_t io_now(Rig *r) { return clock_io_ns(&r->clock); }

static void check_raises(Rig *r, const Model *m, uint32_t seed, int step)
{
    uint64_t k = model_counter(m, clock_ns(&r->clock));
    for (int n = 0; n < 3; n++) {
        int want = model_raises(&m->t[n], k);
        if (want >= 0)
            ck_assert_msg(r->gsi[ROUTE0 + n].rises == want, "seed %u step %d: timer %d raised %d "
                          "times, model %d (counter %#llx, cmp %#llx)", seed, step, n,
                          r->gsi[ROUTE0 + n].rises, want, (unsigned long long)k,
                          (unsigned long long)m->t[n].c);
    }
}

static void disable_timer(Rig *r, Model *m, int n, uint32_t seed, int step)
{
    check_raises(r, m, seed, step);
    wr(r, TN(n, 0), (ROUTE0 + n) << 9);
    m->t[n] = (ModelTimer){ .base = r->gsi[ROUTE0 + n].rises };
}

START_TEST(test_hpet_random_programming_matches_the_model)
{
    static const uint32_t seeds[] = { 1, 2, 3, 0x1234, 0xbeef, 77, 4096, 0xdeadbeef };
    int checks = 0;
    for (size_t si = 0; si < sizeof seeds / sizeof seeds[0]; si++) {
        uint32_t s = seeds[si];
        Rig *r = rig_new();
        Model m = { 0 };
        for (int n = 0; n < 3; n++)
            disable_timer(r, &m, n, seeds[si], -1);
        for (int step = 0; step < 400; step++) {
            switch (rnd(&s) % 6) {
            case 0:   /* time passes */
                dt_run_to(&r->clock, clock_ns(&r->clock) + 1 + rnd(&s) % 40000);
                break;
            case 1: {   /* the counter reads as the model says */
                uint64_t want = model_counter(&m, io_now(r));
                uint32_t lo = rd(r, HPET_REG(0xf0));
                ck_assert_msg(lo == (uint32_t)want, "seed %u step %d: counter %#x, model %#llx",
                              seeds[si], step, lo, (unsigned long long)want);
                checks++;
                break;
            }
            case 2:   /* halted, every timer off: a new counter value */
                if (m.en || m.t[0].kind || m.t[1].kind || m.t[2].kind)
                    break;
                m.c0 = rnd(&s) % 0x40000000u;
                wr(r, HPET_REG(0xf0), (uint32_t)m.c0);
                wr(r, HPET_REG(0xf4), 0);
                break;
            case 3:   /* the main counter on or off, with every timer off */
                for (int n = 0; n < 3; n++)
                    disable_timer(r, &m, n, seeds[si], step);
                if (m.en)
                    m.c0 = model_counter(&m, io_now(r));
                else
                    m.t_en = io_now(r);
                m.en = !m.en;
                wr(r, HPET_REG(0x10), m.en);
                break;
            default: {   /* timer n reprogrammed, one-shot or periodic, on route 5 + n */
                if (!m.en)
                    break;
                int n = (int)(rnd(&s) % 3);
                disable_timer(r, &m, n, seeds[si], step);
                uint32_t route = (uint32_t)(ROUTE0 + n) << 9;
                uint64_t c = model_counter(&m, io_now(r)) + 2 + rnd(&s) % 3000;
                if (rnd(&s) & 1) {
                    wr(r, TN(n, 0xc), 0);
                    wr(r, TN(n, 8), (uint32_t)c);
                    wr(r, TN(n, 0), route | 0x4);
                    m.t[n].kind = 1;
                } else {
                    uint64_t p = 50 + rnd(&s) % 2000;
                    wr(r, TN(n, 0), route | 0x48);        /* periodic, SETVAL */
                    wr(r, TN(n, 0xc), 0);                  /* the comparator's high half */
                    wr(r, TN(n, 0), route | 0x48);
                    wr(r, TN(n, 8), (uint32_t)c);          /* comparator and period */
                    wr(r, TN(n, 8), (uint32_t)p);          /* the period alone */
                    wr(r, TN(n, 0), route | 0x4c);
                    m.t[n].kind = 2;
                    m.t[n].p = p;
                }
                m.t[n].c = c;
                ck_assert_uint_eq(rd(r, TN(n, 8)), (uint32_t)c);
                break;
            }
            }
            check_raises(r, &m, seeds[si], step);
        }
        rig_free(r);
    }
    ck_assert_int_gt(checks, 300);
}
END_TEST

START_TEST(test_hpet_legacy_routing_takes_irq0_and_irq8)
{
    Rig *r = rig_new();
    const IrqLine *pit = hpet_legacy_in(r->h, HPET_LEGACY_PIT_IN);
    const IrqLine *rtc = hpet_legacy_in(r->h, HPET_LEGACY_RTC_IN);
    irq_raise(pit);
    irq_raise(rtc);
    ck_assert_int_eq(r->gsi[0].level, 1);   /* passed on while LEG_RT_CNF is clear */
    ck_assert_int_eq(r->gsi[8].level, 1);
    wr(r, HPET_REG(0x10), 3);
    ck_assert_int_eq(r->gsi[0].level, 0);   /* legacy: both lowered, the PIT stopped */
    ck_assert_int_eq(r->gsi[8].level, 0);
    ck_assert_int_eq(r->pit_enabled.level, 0);
    irq_lower(pit);
    irq_raise(pit);
    ck_assert_int_eq(r->gsi[0].rises, 1);   /* swallowed */
    /* timer 0 one-shot fires on GSI 0 whatever its route; timer 1 level on GSI 8 */
    wr(r, TN(0, 0xc), 0);
    wr(r, TN(0, 8), 100);
    wr(r, TN(0, 0), (9u << 9) | 0x4);
    wr(r, TN(1, 0xc), 0);
    wr(r, TN(1, 8), 200);
    wr(r, TN(1, 0), (9u << 9) | 0x6);
    dt_run_to(&r->clock, 3000);
    ck_assert_int_eq(r->gsi[0].rises, 2);
    ck_assert_int_eq(r->gsi[9].rises, 0);
    ck_assert_int_eq(r->gsi[8].level, 1);
    ck_assert_uint_eq(rd(r, HPET_REG(0x20)), 2);   /* level: status bit 1 until cleared */
    wr(r, HPET_REG(0x20), 2);
    ck_assert_int_eq(r->gsi[8].level, 0);
    ck_assert_uint_eq(rd(r, HPET_REG(0x20)), 0);
    wr(r, HPET_REG(0x10), 1);               /* legacy off: the RTC's level comes back */
    ck_assert_int_eq(r->pit_enabled.level, 1);
    ck_assert_int_eq(r->gsi[8].level, 1);
    rig_free(r);
}
END_TEST

START_TEST(test_hpet_wire_format_and_vmdesc)
{
    Rig *r = rig_new(), *r2 = rig_new();
    uint8_t want[151];
    memset(want, 0, sizeof want);
    want[24] = 3;                                       /* num_timers */
    for (int n = 0; n < 3; n++) {
        uint8_t *t = want + 25 + 42 * n;
        t[0] = (uint8_t)n;                              /* tn */
        put_be64(t + 1, 0x0000000400000030ull);         /* config: caps, route cap pin 2 */
        put_be64(t + 9, ~0ull);                         /* cmp */
        put_be64(t + 34, ~0ull);                        /* qemu_timer: not armed */
    }
    dt_check_bytes(&hpet_vms, r->h, want, sizeof want);
    dt_check_truncations(&hpet_vms, r2->h, want, sizeof want);
    dt_check_vmdesc(&hpet_vms, r->h, "hpet", 0);
    /* running: the counter is captured and "hpet/offset" follows; a load elsewhere in
     * time keeps the counter where it was */
    wr(r, HPET_REG(0x10), 1);
    wr(r, TN(0, 0xc), 0);
    wr(r, TN(0, 8), 5000);
    wr(r, TN(0, 0), 0x4c);
    wr(r, TN(0, 8), 700);
    dt_run_to(&r->clock, 120000);
    size_t len;
    uint8_t *b = dt_save(&hpet_vms, r->h, &len, NULL);
    ck_assert_uint_eq(len, 151 + 1 + 1 + 11 + 4 + 8);   /* + "hpet/offset" subsection */
    Err e = { 0 };
    dt_run_to(&r2->clock, 120000);
    ck_assert_int_eq(dt_load(&hpet_vms, r2->h, b, len, &e), 0);
    ck_assert_uint_eq(hpet_counter_now(r2->h), hpet_counter_now(r->h));
    ck_assert_int_eq(r2->h->timer[0].timer.expire, r->h->timer[0].timer.expire);
    dt_run_to(&r->clock, 500000);
    dt_run_to(&r2->clock, 500000);
    ck_assert_uint_eq(hpet_counter_now(r2->h), hpet_counter_now(r->h));
    ck_assert_uint_eq(rd(r2, TN(0, 8)), rd(r, TN(0, 8)));
    free(b);
    rig_free(r);
    rig_free(r2);
}
END_TEST

static void exercise(void *rig)
{
    Rig *r = rig;
    for (int i = 0; i < 0x120; i += 4)
        rd(r, HPET_REG(i));
    wr(r, HPET_REG(0x10), 3);
    wr(r, HPET_REG(0x20), 7);
    dt_run_to(&r->clock, clock_ns(&r->clock) + 50000);
    wr(r, HPET_REG(0x10), 0);
}

START_TEST(test_hpet_hostile_fields_are_refused_by_name)
{
    Rig *r = rig_new(), *r2 = rig_new();
    size_t len;
    uint8_t *b = dt_save(&hpet_vms, r->h, &len, NULL);
    uint8_t *bad = malloc(len);
    static const struct { size_t off; uint8_t v; const char *name; } cases[] = {
        { 24, 4, "num_timers" },           /* QEMU's "num_timers in range" check */
        { 24, 0, "num_timers" },
        { 25 + 42, 0, "tn" },              /* timer 1 saying it is timer 0 */
        { 25 + 33, 2, "wrap_flag" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        memcpy(bad, b, len);
        bad[cases[i].off] = cases[i].v;
        Err e = { 0 };
        ck_assert_int_lt(dt_load(&hpet_vms, r2->h, bad, len, &e), 0);
        ck_assert_msg(strstr(e.msg, cases[i].name), "case %zu: '%s' does not name %s", i,
                      e.msg, cases[i].name);
    }
    dt_flip_every_byte(&hpet_vms, r2->h, b, len, exercise, r2);
    free(bad);
    free(b);
    rig_free(r);
    rig_free(r2);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("hpet");
    TCase *tc = tcase_create("hpet");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, test_hpet_registers_after_reset_are_qemus);
    tcase_add_test(tc, test_hpet_random_programming_matches_the_model);
    tcase_add_test(tc, test_hpet_legacy_routing_takes_irq0_and_irq8);
    tcase_add_test(tc, test_hpet_wire_format_and_vmdesc);
    tcase_add_test(tc, test_hpet_hostile_fields_are_refused_by_name);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
