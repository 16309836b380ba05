/* test_base.c: Err, byte order, the virtual clock and the bus (against a byte model too). */
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

/* A byte model of the memory bus for test_bus_random_accesses_match_a_byte_model: page 0-1
 * RAM, 2 ROM, 3 read from ROM and written to RAM (split), 4 MMIO (a byte per offset, any
 * access size), 5 unassigned. */
enum { MP = 6 };
static uint8_t m_mmio[BUS_PAGE_SIZE], m_hooked[MP * BUS_PAGE_SIZE];
static uint32_t mmio_rd(void *o, uint32_t off, unsigned size)
{
    (void)o;
    uint32_t v = 0;
    for (unsigned k = 0; k < size; k++)
        v |= (uint32_t)m_mmio[off + k] << (8 * k);
    return v;
}
static void mmio_wr(void *o, uint32_t off, uint32_t val, unsigned size)
{
    (void)o;
    for (unsigned k = 0; k < size; k++)
        m_mmio[off + k] = (uint8_t)(val >> (8 * k));
}
static void hook(void *o, uint32_t paddr, uint32_t len)
{
    (void)o;
    memset(m_hooked + paddr, 1, len);
}

/* Random reads and writes of 1, 2 and 4 bytes, many across a page, through every kind of
 * page: bus_mem_read and bus_mem_write (their one-look-up path for RAM inside a page too)
 * give what the byte model gives, and the write hook hears of exactly the written RAM
 * bytes. */
START_TEST(test_bus_random_accesses_match_a_byte_model)
{
    static uint8_t ram[3 * BUS_PAGE_SIZE], rom[2 * BUS_PAGE_SIZE];   /* ram page 2: split's */
    static uint8_t x_ram[sizeof ram], x_mmio[BUS_PAGE_SIZE], x_hooked[sizeof m_hooked];
    uint64_t r = 0x9e3779b97f4a7c15u;
#define RND() (r ^= r << 13, r ^= r >> 7, r ^= r << 17, r)
    for (size_t k = 0; k < sizeof ram; k++)
        x_ram[k] = ram[k] = (uint8_t)RND();
    for (size_t k = 0; k < sizeof rom; k++)
        rom[k] = (uint8_t)RND();
    for (size_t k = 0; k < BUS_PAGE_SIZE; k++)
        x_mmio[k] = m_mmio[k] = (uint8_t)RND();
    memset(m_hooked, 0, sizeof m_hooked);
    memset(x_hooked, 0, sizeof x_hooked);
    Bus *b = bus_new();
    bus_map_ram(b, 0, 2 * BUS_PAGE_SIZE, ram);
    bus_map_rom(b, 2 * BUS_PAGE_SIZE, BUS_PAGE_SIZE, rom);
    bus_map_split(b, 3 * BUS_PAGE_SIZE, BUS_PAGE_SIZE, rom + BUS_PAGE_SIZE, ram + 2 * BUS_PAGE_SIZE);
    bus_map_mmio(b, 4 * BUS_PAGE_SIZE, BUS_PAGE_SIZE, NULL, mmio_rd, mmio_wr, IO_SIZE_ALL);
    bus_set_write_hook(b, hook, NULL);
    for (int n = 0; n < 200000; n++) {
        unsigned size = 1u << (RND() % 3);
        uint32_t page = (uint32_t)(RND() % MP), off = (uint32_t)(RND() % 2 ? RND() % BUS_PAGE_SIZE
                                                                      : BUS_PAGE_SIZE - 1 - RND() % 4);
        uint32_t a = page * BUS_PAGE_SIZE + off, val = (uint32_t)RND(), want = 0;
        bool write = RND() % 2;
        for (unsigned k = 0; k < size; k++) {
            uint32_t ak = a + k, pg = ak / BUS_PAGE_SIZE, o = ak % BUS_PAGE_SIZE;
            uint8_t v = (uint8_t)(val >> (8 * k)), got = 0xff;
            switch (pg) {
            case 0: case 1: if (write) x_ram[ak] = v, x_hooked[ak] = 1; else got = x_ram[ak]; break;
            case 2: if (!write) got = rom[o]; break;
            case 3: if (write) x_ram[2 * BUS_PAGE_SIZE + o] = v, x_hooked[ak] = 1;
                    else got = rom[BUS_PAGE_SIZE + o];
                    break;
            case 4: if (write) x_mmio[o] = v; else got = x_mmio[o]; break;
            default: break;
            }
            want |= (uint32_t)got << (8 * k);
        }
        if (write) {
            bus_mem_write(b, a, val, size);
        } else {
            uint32_t got = bus_mem_read(b, a, size);
            ck_assert_msg(got == want, "read %u at %#x: %#x, model %#x", size, a, got, want);
        }
    }
#undef RND
    ck_assert(!memcmp(ram, x_ram, sizeof ram));
    ck_assert(!memcmp(m_mmio, x_mmio, sizeof x_mmio));
    ck_assert(!memcmp(m_hooked, x_hooked, sizeof x_hooked));
    bus_free(b);
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
    tcase_add_test(tc, test_bus_random_accesses_match_a_byte_model);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
