/* test_uart.c: the 16550A: reset values, SeaBIOS's COM probe, transmit to the Chardev,
 * THR-empty and receive interrupts, overrun, FIFOs with trigger level and character
 * timeout, loopback, input polling, the "serial" wire format with subsections, and the
 * vmdesc against QEMU 7.2's (-serial variant). */
#include "dev_test.h"
#include "emu/dev/uart.h"

typedef struct Line { int level; } Line;
static void line_set(void *opaque, int n, int level) { ((Line *)opaque)->level = level; }

typedef struct Host { uint8_t out[256]; size_t nout; const char *in; size_t nin; } Host;
static void host_write(void *opaque, const uint8_t *buf, size_t len)
{
    Host *h = opaque;
    for (size_t i = 0; i < len && h->nout < sizeof h->out; i++)
        h->out[h->nout++] = buf[i];
}
static size_t host_read(void *opaque, uint8_t *buf, size_t len)
{
    Host *h = opaque;
    size_t n = 0;
    while (n < len && h->in && h->in[h->nin])
        buf[n++] = (uint8_t)h->in[h->nin++];
    return n;
}

typedef struct Rig {
    Bus *bus; Clock clock; Line irq4; IrqLine line; Host host; Chardev chr; UartState *uart;
} Rig;

static Rig *rig_new(void)
{
    Rig *r = calloc(1, sizeof *r);
    r->bus = bus_new();
    clock_init(&r->clock, 0);
    r->line = (IrqLine){ line_set, &r->irq4, 4 };
    r->chr = (Chardev){ host_write, host_read, &r->host };
    r->uart = uart_init(r->bus, 0x3f8, &r->line, &r->clock, &r->chr);
    return r;
}

static void rig_free(Rig *r)
{
    uart_free(r->uart);
    bus_free(r->bus);
    free(r);
}

static void out(Rig *r, int reg, uint8_t v) { bus_io_write(r->bus, (uint16_t)(0x3f8 + reg), v, 1); }
static uint8_t in(Rig *r, int reg) { return (uint8_t)bus_io_read(r->bus, (uint16_t)(0x3f8 + reg), 1); }

START_TEST(test_uart_reset_values_and_divisor_latch)
{
    Rig *r = rig_new();
    ck_assert_uint_eq(in(r, 2), 0x01);
    ck_assert_uint_eq(in(r, 4), 0x08);
    ck_assert_uint_eq(in(r, 5), 0x60);
    ck_assert_uint_eq(in(r, 6), 0xb0);
    out(r, 3, 0x83);                         /* DLAB, 8N1 */
    ck_assert_uint_eq(in(r, 0), 0x0c);
    ck_assert_uint_eq(in(r, 1), 0x00);
    out(r, 0, 0x01);                         /* 115200 baud */
    out(r, 3, 0x03);
    ck_assert_uint_eq(r->uart->divider, 1);
    ck_assert_int_eq(r->uart->char_transmit_time, 86805);   /* 10 bits of 8680.6 ns */
    out(r, 7, 0x5a);
    ck_assert_uint_eq(in(r, 7), 0x5a);
    rig_free(r);
}
END_TEST

START_TEST(test_uart_seabios_probe_sees_thr_empty_interrupt)
{
    Rig *r = rig_new();
    out(r, 1, 0x02);
    ck_assert_uint_eq(in(r, 1), 0x02);
    ck_assert_int_eq(r->irq4.level, 1);
    ck_assert_uint_eq(in(r, 2) & 0x3f, 0x02);
    ck_assert_int_eq(r->irq4.level, 0);      /* reading IIR acknowledged THRE */
    ck_assert_uint_eq(in(r, 2), 0x01);
    out(r, 1, 0x00);
    rig_free(r);
}
END_TEST

START_TEST(test_uart_transmit_reaches_the_chardev_and_rearms_thre)
{
    Rig *r = rig_new();
    out(r, 1, 0x02);
    in(r, 2);
    out(r, 0, 'h'); out(r, 0, 'i');
    ck_assert_uint_eq(r->host.nout, 2);
    ck_assert_mem_eq(r->host.out, "hi", 2);
    ck_assert_uint_eq(in(r, 5) & 0x60, 0x60);
    ck_assert_int_eq(r->irq4.level, 1);
    ck_assert_uint_eq(in(r, 2), 0x02);
    rig_free(r);
}
END_TEST

START_TEST(test_uart_receive_without_fifo_sets_dr_and_overrun)
{
    Rig *r = rig_new();
    out(r, 1, 0x05);                         /* RDI and RLSI */
    ck_assert_uint_eq(uart_can_receive(r->uart), 1);
    uart_receive(r->uart, (const uint8_t *)"a", 1);
    ck_assert_uint_eq(uart_can_receive(r->uart), 0);
    ck_assert_uint_eq(in(r, 2), 0x04);
    ck_assert_int_eq(r->irq4.level, 1);
    uart_receive(r->uart, (const uint8_t *)"b", 1);
    ck_assert_uint_eq(in(r, 2), 0x06);       /* line status: overrun */
    ck_assert_uint_eq(in(r, 5), 0x63);       /* OE | DR, then OE clears */
    ck_assert_uint_eq(in(r, 0), 'b');
    ck_assert_uint_eq(in(r, 5), 0x60);
    ck_assert_int_eq(r->irq4.level, 0);
    rig_free(r);
}
END_TEST

START_TEST(test_uart_fifo_trigger_level_and_character_timeout)
{
    Rig *r = rig_new();
    out(r, 2, 0xc7);                         /* FIFO on, clear both, trigger 14 */
    ck_assert_uint_eq(in(r, 2), 0xc1);
    out(r, 1, 0x01);
    ck_assert_uint_eq(uart_can_receive(r->uart), 14);
    uart_receive(r->uart, (const uint8_t *)"abcd", 4);
    ck_assert_int_eq(r->irq4.level, 0);      /* below the trigger level */
    dt_run_to(&r->clock, 4 * r->uart->char_transmit_time + 10);
    ck_assert_int_eq(r->irq4.level, 1);
    ck_assert_uint_eq(in(r, 2), 0xcc);       /* character timeout */
    ck_assert_uint_eq(in(r, 0), 'a');
    ck_assert_int_eq(r->irq4.level, 0);
    ck_assert_uint_eq(in(r, 0), 'b');
    ck_assert_uint_eq(in(r, 0), 'c');
    ck_assert_uint_eq(in(r, 0), 'd');
    ck_assert_uint_eq(in(r, 5) & 0x01, 0);
    uart_receive(r->uart, (const uint8_t *)"0123456789abcdefXY", 18);
    ck_assert_uint_eq(in(r, 2), 0xc4);       /* trigger level reached */
    ck_assert_uint_eq(in(r, 5) & 0x03, 0x03);  /* 16 kept, overrun */
    ck_assert_uint_eq(r->uart->recv_fifo.num, 16);
    out(r, 2, 0xc3);                         /* clear receive FIFO */
    ck_assert_uint_eq(r->uart->recv_fifo.num, 0);
    ck_assert_uint_eq(in(r, 5) & 0x01, 0);
    rig_free(r);
}
END_TEST

START_TEST(test_uart_loopback_returns_output_as_input)
{
    Rig *r = rig_new();
    out(r, 4, 0x1b);                         /* LOOP | OUT2 | RTS | DTR */
    ck_assert_uint_eq(in(r, 6), 0xb0);       /* DCD from OUT2, CTS from RTS, DSR from DTR */
    out(r, 0, 'x');
    ck_assert_uint_eq(r->host.nout, 0);
    ck_assert_uint_eq(in(r, 5) & 0x01, 0x01);
    ck_assert_uint_eq(in(r, 0), 'x');
    ck_assert_uint_eq(uart_can_receive(r->uart), 0);
    rig_free(r);
}
END_TEST

START_TEST(test_uart_poll_input_pulls_from_the_chardev)
{
    Rig *r = rig_new();
    r->host.in = "ok";
    ck_assert_uint_eq(uart_poll_input(r->uart), 1);
    ck_assert_uint_eq(uart_poll_input(r->uart), 0);   /* RBR full, no FIFO */
    ck_assert_uint_eq(in(r, 0), 'o');
    ck_assert_uint_eq(uart_poll_input(r->uart), 1);
    ck_assert_uint_eq(in(r, 0), 'k');
    rig_free(r);
}
END_TEST

/* QEMU's sample with -serial null (qemu-pc-devices-7.2.md 4.16). */
static const uint8_t uart_bytes[11] = {
    0x00, 0x0c,  /* divider */
    0x00,        /* rbr */
    0x00,        /* ier */
    0x01,        /* iir */
    0x00,        /* lcr */
    0x08,        /* mcr */
    0x60,        /* lsr */
    0xb0,        /* msr */
    0x00,        /* scr */
    0x00,        /* fcr_vmstate */
};

START_TEST(test_uart_wire_format_round_trips_and_truncation_fails)
{
    Rig *r = rig_new(), *r2 = rig_new();
    dt_check_bytes(&uart_isa_vms, r->uart, uart_bytes, sizeof uart_bytes);
    Err e = { 0 };
    out(r2, 7, 0x77);
    ck_assert_int_eq(dt_load(&uart_isa_vms, r2->uart, uart_bytes, sizeof uart_bytes, &e), 0);
    ck_assert_uint_eq(r2->uart->scr, 0);
    ck_assert_int_eq(r2->uart->thr_ipending, 0);
    dt_check_truncations(&uart_isa_vms, r2->uart, uart_bytes, sizeof uart_bytes);
    rig_free(r);
    rig_free(r2);
}
END_TEST

START_TEST(test_uart_fifo_contents_travel_in_subsections)
{
    Rig *r = rig_new(), *r2 = rig_new();
    out(r, 2, 0x87);                         /* FIFO, trigger 8 */
    out(r, 1, 0x01);
    uart_receive(r->uart, (const uint8_t *)"xyz", 3);
    in(r, 0);
    size_t n;
    uint8_t *b = dt_save(&uart_isa_vms, r->uart, &n, NULL);
    /* 11 bytes, serial/recv_fifo (1 + 1 + 16 + 4 + 16 + 4 + 4), serial/fifo_timeout_timer
     * (1 + 1 + 25 + 4 + 8) */
    ck_assert_uint_eq(n, 11 + 46 + 39);
    ck_assert_uint_eq(b[10], 0x81);          /* fcr_vmstate */
    ck_assert_uint_eq(b[11], 0x05);
    ck_assert_mem_eq(b + 13, "serial/recv_fifo", 16);
    Err e = { 0 };
    ck_assert_int_eq(dt_load(&uart_isa_vms, r2->uart, b, n, &e), 0);
    ck_assert_uint_eq(r2->uart->recv_fifo.num, 2);
    ck_assert_uint_eq(r2->uart->recv_fifo_itl, 8);
    ck_assert_int_eq(r2->uart->fifo_timeout_timer.expire, r->uart->fifo_timeout_timer.expire);
    ck_assert_uint_eq(in(r2, 0), 'y');
    ck_assert_uint_eq(in(r2, 0), 'z');
    dt_check_truncations(&uart_isa_vms, r2->uart, b, n);
    b[11 + 1 + 16 + 4 + 16 + 3] = 16;        /* recv_fifo.head 16 */
    err_clear(&e);
    ck_assert_int_eq(dt_load(&uart_isa_vms, r2->uart, b, n, &e), -EINVAL);
    free(b);
    rig_free(r);
    rig_free(r2);
}
END_TEST

START_TEST(test_uart_load_rejects_inconsistent_transmitter)
{
    Rig *r = rig_new();
    uint8_t b[11];
    memcpy(b, uart_bytes, sizeof b);
    b[7] = 0x20;                             /* TEMT clear with no transmit pending */
    Err e = { 0 };
    ck_assert_int_eq(dt_load(&uart_isa_vms, r->uart, b, sizeof b, &e), -EINVAL);
    ck_assert_ptr_nonnull(strstr(e.msg, "inconsistent"));
    rig_free(r);
}
END_TEST

START_TEST(test_uart_vmdesc_equals_qemu_7_2)
{
    Rig *r = rig_new();
    dt_check_vmdesc(&uart_isa_vms, r->uart, "serial", 0);
    rig_free(r);
}
END_TEST

static void uart_exercise(void *opaque)
{
    Rig *r = opaque;
    for (int i = 0; i < 8; i++)
        in(r, i);
    out(r, 0, 'a');
    uart_receive(r->uart, (const uint8_t *)"0123456789abcdefgh", 18);
    dt_run_to(&r->clock, clock_ns(&r->clock) + 1000000);
    for (int i = 0; i < 20; i++)
        in(r, 0);
    out(r, 2, 0x07);
    r->host.nout = 0;
}

START_TEST(test_uart_hostile_bytes_load_cleanly_or_fail)
{
    Rig *r = rig_new(), *r2 = rig_new();
    dt_flip_every_byte(&uart_isa_vms, r->uart, uart_bytes, sizeof uart_bytes, uart_exercise, r);
    out(r2, 2, 0x87);
    out(r2, 1, 0x0f);
    uart_receive(r2->uart, (const uint8_t *)"xyz", 3);
    size_t n;
    uint8_t *b = dt_save(&uart_isa_vms, r2->uart, &n, NULL);
    dt_flip_every_byte(&uart_isa_vms, r->uart, b, n, uart_exercise, r);
    free(b);
    rig_free(r);
    rig_free(r2);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("uart");
    TCase *tc = tcase_create("uart");
    tcase_add_test(tc, test_uart_reset_values_and_divisor_latch);
    tcase_add_test(tc, test_uart_seabios_probe_sees_thr_empty_interrupt);
    tcase_add_test(tc, test_uart_transmit_reaches_the_chardev_and_rearms_thre);
    tcase_add_test(tc, test_uart_receive_without_fifo_sets_dr_and_overrun);
    tcase_add_test(tc, test_uart_fifo_trigger_level_and_character_timeout);
    tcase_add_test(tc, test_uart_loopback_returns_output_as_input);
    tcase_add_test(tc, test_uart_poll_input_pulls_from_the_chardev);
    tcase_add_test(tc, test_uart_wire_format_round_trips_and_truncation_fails);
    tcase_add_test(tc, test_uart_fifo_contents_travel_in_subsections);
    tcase_add_test(tc, test_uart_load_rejects_inconsistent_transmitter);
    tcase_add_test(tc, test_uart_vmdesc_equals_qemu_7_2);
    tcase_add_test(tc, test_uart_hostile_bytes_load_cleanly_or_fail);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
