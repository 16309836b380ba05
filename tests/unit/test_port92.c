/* test_port92.c: port 0x92: A20 follows bit 1, a 0->1 write of bit 0 requests a reset,
 * bit 0 reads back and is cleared by a reset; the "port92" wire format and its vmdesc
 * against QEMU 7.2's. */
#include "dev_test.h"
#include "emu/dev/port92.h"

typedef struct Line { int level, rises; } Line;
static void line_set(void *opaque, int n, int level)
{
    Line *l = opaque;
    if (level && !l->level)
        l->rises++;
    l->level = level;
}

typedef struct Rig { Bus *bus; Line a20, reset; IrqLine l_a20, l_reset; Port92State *p; } Rig;

static Rig *rig_new(void)
{
    Rig *r = calloc(1, sizeof *r);
    r->bus = bus_new();
    r->l_a20 = (IrqLine){ line_set, &r->a20, 0 };
    r->l_reset = (IrqLine){ line_set, &r->reset, 0 };
    r->p = port92_init(r->bus, &r->l_a20, &r->l_reset);
    return r;
}

static void rig_free(Rig *r)
{
    port92_free(r->p);
    bus_free(r->bus);
    free(r);
}

START_TEST(test_port92_a20_follows_bit1_and_bit0_rising_resets)
{
    Rig *r = rig_new();
    ck_assert_uint_eq(bus_io_read(r->bus, 0x92, 1), 0x00);
    uint8_t v = (uint8_t)bus_io_read(r->bus, 0x92, 1);
    bus_io_write(r->bus, 0x92, v | 0x02, 1);           /* SeaBIOS's read-modify-write */
    ck_assert_int_eq(r->a20.level, 1);
    ck_assert_uint_eq(bus_io_read(r->bus, 0x92, 1), 0x02);
    ck_assert_int_eq(r->reset.rises, 0);
    bus_io_write(r->bus, 0x92, 0x03, 1);
    ck_assert_int_eq(r->reset.rises, 1);
    bus_io_write(r->bus, 0x92, 0x03, 1);                /* no new edge */
    ck_assert_int_eq(r->reset.rises, 1);
    port92_reset(r->p);
    ck_assert_uint_eq(bus_io_read(r->bus, 0x92, 1), 0x02);   /* A20 bit survives */
    bus_io_write(r->bus, 0x92, 0x00, 1);
    ck_assert_int_eq(r->a20.level, 0);
    rig_free(r);
}
END_TEST

START_TEST(test_port92_wire_format_and_vmdesc)
{
    Rig *r = rig_new(), *r2 = rig_new();
    static const uint8_t bytes[1] = { 0x02 /* outport: A20 on */ };
    bus_io_write(r->bus, 0x92, 0x02, 1);
    dt_check_bytes(&port92_vms, r->p, bytes, 1);
    Err e = { 0 };
    ck_assert_int_eq(dt_load(&port92_vms, r2->p, bytes, 1, &e), 0);
    ck_assert_uint_eq(r2->p->outport, 0x02);
    ck_assert_int_eq(r2->a20.level, 0);                 /* not re-driven on load (QEMU) */
    ck_assert_int_lt(dt_load(&port92_vms, r2->p, bytes, 0, &e), 0);
    dt_check_vmdesc(&port92_vms, r->p, "port92", 0);
    rig_free(r);
    rig_free(r2);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("port92");
    TCase *tc = tcase_create("port92");
    tcase_add_test(tc, test_port92_a20_follows_bit1_and_bit0_rising_resets);
    tcase_add_test(tc, test_port92_wire_format_and_vmdesc);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
