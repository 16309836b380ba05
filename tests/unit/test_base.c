/* test_base.c: Err, byte order, the virtual clock and the bus. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "emu/base/base.h"
#include "emu/hw/bus.h"
#include "emu/hw/clock.h"

START_TEST(test_err_keeps_first_error_and_prefixes)
{
    Err e = { 0 };
    ck_assert_int_eq(ERR(&e, -EINVAL, "bad %d", 1), -EINVAL);
    ERR(&e, -EIO, "second");
    err_prefix(&e, "ctx");
    ck_assert_str_eq(e.msg, "ctx: bad 1");
    ck_assert_int_eq(e.code, -EINVAL);
}
END_TEST

START_TEST(test_byte_order_round_trips)
{
    uint8_t b[8];
    put_be64(b, 0x0102030405060708ull);
    ck_assert_uint_eq(b[0], 1);
    ck_assert_uint_eq(be64(b), 0x0102030405060708ull);
    put_le32(b, 0xaabbccdd);
    ck_assert_uint_eq(b[0], 0xdd);
    ck_assert_uint_eq(le32(b), 0xaabbccdd);
}
END_TEST

static int fired;
static void count_cb(void *o) { (void)o; fired++; }

START_TEST(test_clock_timers_fire_at_deadline_and_warp)
{
    Clock c;
    Timer t;
    clock_init(&c, 2);
    timer_init(&t, &c, count_cb, NULL);
    fired = 0;
    ck_assert_int_eq(clock_deadline(&c), CLOCK_NEVER);
    timer_mod(&t, 100);
    ck_assert_uint_eq(clock_insns_to_deadline(&c), 25);
    clock_add_insns(&c, 24);
    clock_run_timers(&c);
    ck_assert_int_eq(fired, 0);
    clock_add_insns(&c, 1);
    clock_run_timers(&c);
    ck_assert_int_eq(fired, 1);
    ck_assert(!timer_pending(&t));
    timer_mod(&t, 1000);
    clock_warp(&c, clock_deadline(&c));
    ck_assert_int_eq(clock_ns(&c), 1000);
}
END_TEST

static uint32_t last_off, last_val;
static unsigned last_size;
static uint32_t rd(void *o, uint32_t off, unsigned size) { (void)o; return 0x10 + off + size; }
static void wr(void *o, uint32_t off, uint32_t val, unsigned size) { (void)o; last_off = off; last_val = val; last_size = size; }

START_TEST(test_bus_splits_wide_port_access_and_unclaimed_reads_ones)
{
    Bus *b = bus_new();
    bus_map_io(b, 0x40, 4, NULL, rd, wr, IO_SIZE8);
    ck_assert_uint_eq(bus_io_read(b, 0x41, 1), 0x12);
    ck_assert_uint_eq(bus_io_read(b, 0x40, 2), 0x1211);
    bus_io_write(b, 0x42, 0xbeef, 2);
    ck_assert_uint_eq(last_off, 3);
    ck_assert_uint_eq(last_val, 0xbe);
    ck_assert_uint_eq(bus_io_read(b, 0x300, 2), 0xffff);
    bus_free(b);
}
END_TEST

START_TEST(test_bus_ram_rom_and_split_pages)
{
    Bus *b = bus_new();
    uint8_t *ram = calloc(1, 2 * BUS_PAGE_SIZE), *rom = calloc(1, BUS_PAGE_SIZE);
    rom[0] = 0x5a;
    bus_map_ram(b, 0, 2 * BUS_PAGE_SIZE, ram);
    bus_map_rom(b, 0xfffff000u, BUS_PAGE_SIZE, rom);
    bus_mem_write(b, BUS_PAGE_SIZE - 2, 0x11223344, 4);   /* crosses a page */
    ck_assert_uint_eq(bus_mem_read(b, BUS_PAGE_SIZE - 2, 4), 0x11223344);
    bus_mem_write(b, 0xfffff000u, 0, 1);                  /* ROM ignores writes */
    ck_assert_uint_eq(bus_mem_read(b, 0xfffff000u, 1), 0x5a);
    ck_assert_uint_eq(bus_mem_read(b, 0x100000, 4), 0xffffffffu);
    uint64_t g = bus_generation(b);
    bus_map_split(b, 0, BUS_PAGE_SIZE, rom, ram);          /* read ROM, write RAM */
    ck_assert_uint_gt(bus_generation(b), g);
    bus_mem_write(b, 0, 0x77, 1);
    ck_assert_uint_eq(bus_mem_read(b, 0, 1), 0x5a);
    ck_assert_uint_eq(ram[0], 0x77);
    bus_free(b);
    free(ram);
    free(rom);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("base");
    TCase *tc = tcase_create("base");
    tcase_add_test(tc, test_err_keeps_first_error_and_prefixes);
    tcase_add_test(tc, test_byte_order_round_trips);
    tcase_add_test(tc, test_clock_timers_fire_at_deadline_and_warp);
    tcase_add_test(tc, test_bus_splits_wide_port_access_and_unclaimed_reads_ones);
    tcase_add_test(tc, test_bus_ram_rom_and_split_pages);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
