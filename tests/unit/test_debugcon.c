/* test_debugcon.c: isa-debugcon: bytes written reach the Chardev in order, wider writes
 * are split into bytes by the bus, reads return 0xE9 (SeaBIOS keeps logging only then), any port. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "emu/hw/bus.h"
#include "emu/dev/debugcon.h"

typedef struct Log { char buf[64]; size_t n; } Log;
static void log_write(void *opaque, const uint8_t *b, size_t len)
{
    Log *l = opaque;
    for (size_t i = 0; i < len && l->n < sizeof l->buf - 1; i++)
        l->buf[l->n++] = (char)b[i];
}

START_TEST(test_debugcon_bytes_reach_the_chardev_and_reads_give_e9)
{
    Bus *bus = bus_new();
    Log log = { { 0 }, 0 };
    Chardev chr = { log_write, NULL, &log };
    DebugconState *d = debugcon_init(bus, DEBUGCON_SEABIOS_IOBASE, &chr);
    const char *msg = "SeaBIOS (version 1.16.2)\n";
    for (const char *p = msg; *p; p++)
        bus_io_write(bus, 0x402, (uint8_t)*p, 1);
    ck_assert_str_eq(log.buf, msg);
    ck_assert_uint_eq(bus_io_read(bus, 0x402, 1), 0xe9);
    bus_io_write(bus, 0x402, 0x6968, 2);   /* split into bytes: 'h' here, 'i' to port 0x403 */
    ck_assert_uint_eq(log.n, strlen(msg) + 1);
    ck_assert_int_eq(log.buf[strlen(msg)], 'h');
    ck_assert_uint_eq(bus_io_read(bus, 0x403, 1), 0xff);   /* one port only */
    debugcon_free(d);
    bus_free(bus);
}
END_TEST

START_TEST(test_debugcon_without_chardev_drops_output_and_other_ports_work)
{
    Bus *bus = bus_new();
    DebugconState *d = debugcon_init(bus, DEBUGCON_DEFAULT_IOBASE, NULL);
    bus_io_write(bus, 0xe9, 'x', 1);
    ck_assert_uint_eq(bus_io_read(bus, 0xe9, 1), 0xe9);
    debugcon_free(d);
    bus_free(bus);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("debugcon");
    TCase *tc = tcase_create("debugcon");
    tcase_add_test(tc, test_debugcon_bytes_reach_the_chardev_and_reads_give_e9);
    tcase_add_test(tc, test_debugcon_without_chardev_drops_output_and_other_ports_work);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
