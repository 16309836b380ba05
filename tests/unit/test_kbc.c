/* test_kbc.c: the 8042 with PS/2 keyboard and mouse: SeaBIOS's initialisation sequence
 * (self-test 0x55, interface test, keyboard reset FA AA, scan-code set, translation),
 * IRQ 1 and 12, reply ordering, mouse commands and IntelliMouse detection, A20 and reset
 * through the output port, the "pckbd", "ps2kbd", "ps2mouse" wire formats and their
 * vmdesc against QEMU 7.2's. */
#include "dev_test.h"
#include "emu/dev/kbc.h"

typedef struct Line { int level, rises; } Line;
static void line_set(void *opaque, int n, int level)
{
    Line *l = opaque;
    if (level && !l->level)
        l->rises++;
    l->level = level;
}

typedef struct Rig {
    Bus *bus;
    Line kbd, mouse, a20, reset;
    IrqLine l_kbd, l_mouse, l_a20, l_reset;
    KbcState *kbc;
} Rig;

static Rig *rig_new(void)
{
    Rig *r = calloc(1, sizeof *r);
    r->bus = bus_new();
    r->l_kbd = (IrqLine){ line_set, &r->kbd, 1 };
    r->l_mouse = (IrqLine){ line_set, &r->mouse, 12 };
    r->l_a20 = (IrqLine){ line_set, &r->a20, 0 };
    r->l_reset = (IrqLine){ line_set, &r->reset, 0 };
    r->kbc = kbc_init(r->bus, &r->l_kbd, &r->l_mouse, &r->l_a20, &r->l_reset);
    return r;
}

static void rig_free(Rig *r)
{
    kbc_free(r->kbc);
    bus_free(r->bus);
    free(r);
}

static void cmd(Rig *r, uint8_t v) { bus_io_write(r->bus, 0x64, v, 1); }
static void data(Rig *r, uint8_t v) { bus_io_write(r->bus, 0x60, v, 1); }
static uint8_t status(Rig *r) { return (uint8_t)bus_io_read(r->bus, 0x64, 1); }
static uint8_t rd(Rig *r) { return (uint8_t)bus_io_read(r->bus, 0x60, 1); }

/* Reads one byte that must be there (OBF set) and must be want. */
static void expect(Rig *r, uint8_t want)
{
    ck_assert_msg(status(r) & 0x01, "OBF clear, expected %#x", want);
    uint8_t got = rd(r);
    ck_assert_msg(got == want, "read %#x, expected %#x", got, want);
}

/* A keyboard command the way SeaBIOS wraps it (seabios-hardware.md 6.7). */
static void kbd_command(Rig *r, uint8_t ctr_saved, uint8_t byte)
{
    cmd(r, 0x60); data(r, (uint8_t)((ctr_saved | 0x30) & ~0x03));
    cmd(r, 0x60); data(r, (uint8_t)(((ctr_saved | 0x30) & ~0x03) & ~0x10));
    data(r, byte);
}

static void seabios_init(Rig *r)
{
    while (status(r) & 0x01)
        rd(r);
    cmd(r, 0xad);
    cmd(r, 0xa7);
    cmd(r, 0xaa);
    expect(r, 0x55);
    cmd(r, 0xab);
    expect(r, 0x00);
    kbd_command(r, 0x30, 0xff);
    expect(r, 0xfa);
    expect(r, 0xaa);
    cmd(r, 0x60); data(r, 0x30);
    kbd_command(r, 0x30, 0xf5);
    expect(r, 0xfa);
    kbd_command(r, 0x30, 0xf0);
    expect(r, 0xfa);
    data(r, 0x02);
    expect(r, 0xfa);
    cmd(r, 0x60); data(r, 0x30);
    kbd_command(r, 0x61, 0xf4);
    expect(r, 0xfa);
    cmd(r, 0x60); data(r, 0x61);
}

START_TEST(test_kbc_seabios_init_sequence_gets_every_answer_at_once)
{
    Rig *r = rig_new();
    ck_assert_uint_eq(status(r), 0x18);
    seabios_init(r);
    ck_assert_uint_eq(status(r), 0x1c);      /* QEMU's sample: self-test flag set */
    ck_assert_uint_eq(r->kbc->ctl.mode, 0x61);
    ck_assert_int_eq(r->kbc->kbd.translate, 1);
    ck_assert_int_eq(r->kbc->kbd.scan_enabled, 1);
    ck_assert_int_eq(r->kbc->kbd.scancode_set, 2);
    ck_assert_uint_eq(r->kbc->kbd.ps2.data[254], 0xfa);   /* stale replies, as QEMU */
    ck_assert_uint_eq(r->kbc->kbd.ps2.data[255], 0xfa);
    rig_free(r);
}
END_TEST

START_TEST(test_kbc_keyboard_data_raises_irq1_and_read_lowers_it)
{
    Rig *r = rig_new();
    seabios_init(r);
    ck_assert_int_eq(r->kbd.level, 0);
    kbc_put_kbd_bytes(r->kbc, (const uint8_t *)"\x1e\x9e", 2);   /* 'a' down, up (set 1) */
    ck_assert_int_eq(r->kbd.level, 1);
    ck_assert_uint_eq(status(r) & 0x21, 0x01);
    ck_assert_uint_eq(rd(r), 0x1e);
    ck_assert_int_eq(r->kbd.rises, 2);       /* the second byte re-raised the line */
    ck_assert_uint_eq(rd(r), 0x9e);
    ck_assert_int_eq(r->kbd.level, 0);
    ck_assert_uint_eq(rd(r), 0x9e);          /* nothing new: the last byte again */
    cmd(r, 0xad);                            /* keyboard port disabled: data waits */
    kbc_put_kbd_bytes(r->kbc, (const uint8_t *)"\x1f", 1);
    ck_assert_uint_eq(status(r) & 0x01, 0);
    cmd(r, 0xae);
    ck_assert_uint_eq(status(r) & 0x01, 0x01);
    ck_assert_uint_eq(rd(r), 0x1f);
    rig_free(r);
}
END_TEST

START_TEST(test_kbc_command_byte_and_controller_replies)
{
    Rig *r = rig_new();
    cmd(r, 0x20);
    ck_assert_int_eq(r->kbd.level, 1);       /* a controller reply raises IRQ 1 too */
    expect(r, 0x03);                         /* reset command byte: both IRQs enabled */
    ck_assert_int_eq(r->kbd.level, 0);
    cmd(r, 0xc0);
    expect(r, 0x80);
    cmd(r, 0xd0);
    expect(r, 0xcf);                         /* output port: reset line high, A20 on */
    cmd(r, 0xd2); data(r, 0x42);
    expect(r, 0x42);
    cmd(r, 0xd3); data(r, 0x43);
    ck_assert_uint_eq(status(r) & 0x21, 0x21);   /* as if from the mouse */
    ck_assert_int_eq(r->mouse.level, 1);
    expect(r, 0x43);
    cmd(r, 0xa9);
    expect(r, 0x00);
    kbc_put_kbd_bytes(r->kbc, (const uint8_t *)"\x10", 1);
    cmd(r, 0x20);                            /* the reply overtakes the queued scan code */
    ck_assert_uint_eq(rd(r), 0x10);          /* ... unless the buffer was already full */
    expect(r, 0x03);
    rig_free(r);
}
END_TEST

START_TEST(test_kbc_keyboard_identify_echo_leds_and_resend)
{
    Rig *r = rig_new();
    seabios_init(r);
    data(r, 0xf2);
    expect(r, 0xfa); expect(r, 0xab); expect(r, 0x41);   /* MF2, translated */
    data(r, 0xee);
    expect(r, 0xee);
    data(r, 0xed); expect(r, 0xfa);
    data(r, 0x07); expect(r, 0xfa);
    ck_assert_int_eq(r->kbc->kbd.ledstate, 7);
    data(r, 0xf0); expect(r, 0xfa);
    data(r, 0x00); expect(r, 0xfa); expect(r, 0x41);     /* set 2 reported translated */
    data(r, 0xf0); expect(r, 0xfa);
    data(r, 0x07); expect(r, 0xfe);                      /* no set 7 */
    data(r, 0x99);
    expect(r, 0xfe);
    rig_free(r);
}
END_TEST

START_TEST(test_kbc_mouse_reset_identify_and_intellimouse_knock)
{
    Rig *r = rig_new();
    cmd(r, 0x60); data(r, 0x03);             /* both IRQs, both ports enabled */
    cmd(r, 0xd4); data(r, 0xff);
    ck_assert_uint_eq(status(r) & 0x21, 0x21);
    ck_assert_int_eq(r->mouse.level, 1);
    expect(r, 0xfa); expect(r, 0xaa); expect(r, 0x00);
    ck_assert_int_eq(r->mouse.level, 0);
    static const uint8_t knock[3] = { 200, 100, 80 };
    for (int i = 0; i < 3; i++) {
        cmd(r, 0xd4); data(r, 0xf3); expect(r, 0xfa);
        cmd(r, 0xd4); data(r, knock[i]); expect(r, 0xfa);
    }
    cmd(r, 0xd4); data(r, 0xf2);
    expect(r, 0xfa); expect(r, 0x03);        /* IntelliMouse */
    cmd(r, 0xd4); data(r, 0xe9);
    expect(r, 0xfa); expect(r, 0x00); expect(r, 0x02); expect(r, 80);
    cmd(r, 0xd4); data(r, 0xeb);             /* poll: ACK and a 4-byte packet */
    expect(r, 0xfa); expect(r, 0x08); expect(r, 0x00); expect(r, 0x00); expect(r, 0x00);
    cmd(r, 0xd4); data(r, 0xee); expect(r, 0xfa);   /* wrap mode echoes */
    cmd(r, 0xd4); data(r, 0x55); expect(r, 0x55);
    cmd(r, 0xd4); data(r, 0xec); expect(r, 0xfa);
    rig_free(r);
}
END_TEST

START_TEST(test_kbc_a20_and_reset_through_the_output_port)
{
    Rig *r = rig_new();
    cmd(r, 0xdd);
    ck_assert_int_eq(r->a20.level, 0);
    cmd(r, 0xdf);
    ck_assert_int_eq(r->a20.level, 1);
    cmd(r, 0xd1); data(r, 0x01);             /* A20 off via the output port */
    ck_assert_int_eq(r->a20.level, 0);
    ck_assert_int_eq(r->reset.rises, 0);
    cmd(r, 0xd1); data(r, 0x02);             /* reset line low */
    ck_assert_int_eq(r->reset.rises, 1);
    cmd(r, 0xfe);
    ck_assert_int_eq(r->reset.rises, 2);
    cmd(r, 0xff);                            /* pulse nothing */
    ck_assert_int_eq(r->reset.rises, 2);
    rig_free(r);
}
END_TEST

/* pckbd after SeaBIOS's init: QEMU's sample (status 0x1C, mode 0x61, obsrc 1, 0xFA). */
static const uint8_t pckbd_bytes[40] = {
    0x00,        /* kbd.write_cmd */
    0x1c,        /* kbd.status */
    0x61,        /* kbd.mode */
    0x00,        /* kbd.pending_tmp */
    0x05, 20, 'p', 'c', 'k', 'b', 'd', '/', 'e', 'x', 't', 'e', 'n', 'd', 'e', 'd', '_',
    's', 't', 'a', 't', 'e',   /* subsection pckbd/extended_state */
    0, 0, 0, 0,  /* its version 0 */
    0, 0, 0, 0,  /* migration_flags */
    0, 0, 0, 1,  /* obsrc: keyboard */
    0xfa,        /* obdata */
    0x00,        /* cbdata: the interface test's answer */
};

START_TEST(test_kbc_wire_formats_round_trip_and_truncation_fails)
{
    Rig *r = rig_new(), *r2 = rig_new();
    seabios_init(r);
    dt_check_bytes(&kbc_vms, r->kbc, pckbd_bytes, sizeof pckbd_bytes);
    Err e = { 0 };
    ck_assert_int_eq(dt_load(&kbc_vms, r2->kbc, pckbd_bytes, sizeof pckbd_bytes, &e), 0);
    ck_assert_uint_eq(r2->kbc->ctl.mode, 0x61);
    ck_assert_uint_eq(r2->kbc->ctl.outport, 0xcf);   /* default: no outport subsection */
    ck_assert_uint_eq(r2->kbc->ctl.obdata, 0xfa);
    dt_check_truncations(&kbc_vms, r2->kbc, pckbd_bytes, sizeof pckbd_bytes);

    uint8_t kbd_bytes[284] = { 0 };
    memset(kbd_bytes, 0xff, 4);              /* write_cmd -1; rptr, wptr, count 0 */
    kbd_bytes[16 + 254] = 0xfa;              /* queue.data: stale replies */
    kbd_bytes[16 + 255] = 0xfa;
    kbd_bytes[275] = 1;                      /* scan_enabled */
    kbd_bytes[279] = 1;                      /* translate */
    kbd_bytes[283] = 2;                      /* scancode_set */
    dt_check_bytes(&kbc_kbd_vms, &r->kbc->kbd, kbd_bytes, sizeof kbd_bytes);
    ck_assert_int_eq(dt_load(&kbc_kbd_vms, &r2->kbc->kbd, kbd_bytes, sizeof kbd_bytes, &e), 0);
    ck_assert_int_eq(r2->kbc->kbd.translate, 1);
    ck_assert_int_eq(r2->kbc->kbd.ps2.cwptr, -1);
    dt_check_truncations(&kbc_kbd_vms, &r2->kbc->kbd, kbd_bytes, sizeof kbd_bytes);

    uint8_t mouse_bytes[291] = { 0 };
    memset(mouse_bytes, 0xff, 4);            /* write_cmd -1, then all zero after reset */
    dt_check_bytes(&kbc_mouse_vms, &r->kbc->mouse, mouse_bytes, sizeof mouse_bytes);
    ck_assert_int_eq(dt_load(&kbc_mouse_vms, &r2->kbc->mouse, mouse_bytes, sizeof mouse_bytes, &e), 0);
    dt_check_truncations(&kbc_mouse_vms, &r2->kbc->mouse, mouse_bytes, sizeof mouse_bytes);
    rig_free(r);
    rig_free(r2);
}
END_TEST

START_TEST(test_kbc_pending_reply_queue_and_a20_off_travel_in_subsections)
{
    Rig *r = rig_new(), *r2 = rig_new();
    seabios_init(r);
    cmd(r, 0xdd);                            /* A20 off: outport differs from its default */
    data(r, 0xf2);                           /* three replies queued, first in the buffer */
    size_t n1, n2;
    uint8_t *b1 = dt_save(&kbc_vms, r->kbc, &n1, NULL);
    uint8_t *b2 = dt_save(&kbc_kbd_vms, &r->kbc->kbd, &n2, NULL);
    ck_assert_uint_eq(n1, 40 + 1 + 1 + 13 + 4 + 1);          /* + pckbd_outport */
    ck_assert_uint_eq(n2, 284 + 1 + 1 + 26 + 4 + 4);         /* + command_reply_queue */
    Err e = { 0 };
    ck_assert_int_eq(dt_load(&kbc_vms, r2->kbc, b1, n1, &e), 0);
    ck_assert_int_eq(dt_load(&kbc_kbd_vms, &r2->kbc->kbd, b2, n2, &e), 0);
    ck_assert_uint_eq(r2->kbc->ctl.outport & 0x02, 0);
    expect(r2, 0xfa); expect(r2, 0xab); expect(r2, 0x41);
    ck_assert_int_eq(r2->kbc->kbd.ps2.cwptr, -1);
    free(b1);
    free(b2);
    rig_free(r);
    rig_free(r2);
}
END_TEST

START_TEST(test_kbc_load_caps_queues_and_rejects_bad_values)
{
    Rig *r = rig_new();
    uint8_t kbd_bytes[284] = { 0 };
    memset(kbd_bytes, 0xff, 4);
    put_be32(kbd_bytes + 4, 1000);           /* rptr out of the ring: masked */
    put_be32(kbd_bytes + 12, 300);           /* count: capped at 16 */
    kbd_bytes[283] = 2;
    Err e = { 0 };
    ck_assert_int_eq(dt_load(&kbc_kbd_vms, &r->kbc->kbd, kbd_bytes, sizeof kbd_bytes, &e), 0);
    ck_assert_int_eq(r->kbc->kbd.ps2.rptr, 1000 & 255);
    ck_assert_int_eq(r->kbc->kbd.ps2.count, 16);
    ck_assert_int_eq(r->kbc->kbd.ps2.wptr, ((1000 & 255) + 16) & 255);
    kbd_bytes[283] = 4;                      /* scancode_set 4 */
    ck_assert_int_eq(dt_load(&kbc_kbd_vms, &r->kbc->kbd, kbd_bytes, sizeof kbd_bytes, &e), -EINVAL);
    uint8_t b[40];
    memcpy(b, pckbd_bytes, sizeof b);
    b[37] = 0x08;                            /* obsrc 8 */
    err_clear(&e);
    ck_assert_int_eq(dt_load(&kbc_vms, r->kbc, b, sizeof b, &e), -EINVAL);
    rig_free(r);
}
END_TEST

START_TEST(test_kbc_vmdesc_equals_qemu_7_2)
{
    Rig *r = rig_new();
    seabios_init(r);
    dt_check_vmdesc(&kbc_vms, r->kbc, "pckbd", 0);
    dt_check_vmdesc(&kbc_kbd_vms, &r->kbc->kbd, "ps2kbd", 0);
    dt_check_vmdesc(&kbc_mouse_vms, &r->kbc->mouse, "ps2mouse", 0);
    rig_free(r);
}
END_TEST

static void kbc_exercise(void *opaque)
{
    Rig *r = opaque;
    for (int i = 0; i < 4; i++) {
        status(r);
        rd(r);
    }
    data(r, 0xf2);
    cmd(r, 0x20);
    cmd(r, 0xd4); data(r, 0xe9);
    kbc_put_kbd_bytes(r->kbc, (const uint8_t *)"\x1e\x9e", 2);
    for (int i = 0; i < 12; i++)
        rd(r);
}

START_TEST(test_kbc_hostile_bytes_load_cleanly_or_fail)
{
    Rig *r = rig_new(), *r2 = rig_new();
    seabios_init(r2);
    cmd(r2, 0xdd);
    data(r2, 0xf2);
    size_t n;
    uint8_t *b = dt_save(&kbc_vms, r2->kbc, &n, NULL);
    dt_flip_every_byte(&kbc_vms, r->kbc, b, n, kbc_exercise, r);
    free(b);
    b = dt_save(&kbc_kbd_vms, &r2->kbc->kbd, &n, NULL);
    dt_flip_every_byte(&kbc_kbd_vms, &r->kbc->kbd, b, n, kbc_exercise, r);
    free(b);
    b = dt_save(&kbc_mouse_vms, &r2->kbc->mouse, &n, NULL);
    dt_flip_every_byte(&kbc_mouse_vms, &r->kbc->mouse, b, n, kbc_exercise, r);
    free(b);
    rig_free(r);
    rig_free(r2);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("kbc");
    TCase *tc = tcase_create("kbc");
    tcase_add_test(tc, test_kbc_seabios_init_sequence_gets_every_answer_at_once);
    tcase_add_test(tc, test_kbc_keyboard_data_raises_irq1_and_read_lowers_it);
    tcase_add_test(tc, test_kbc_command_byte_and_controller_replies);
    tcase_add_test(tc, test_kbc_keyboard_identify_echo_leds_and_resend);
    tcase_add_test(tc, test_kbc_mouse_reset_identify_and_intellimouse_knock);
    tcase_add_test(tc, test_kbc_a20_and_reset_through_the_output_port);
    tcase_add_test(tc, test_kbc_wire_formats_round_trip_and_truncation_fails);
    tcase_add_test(tc, test_kbc_pending_reply_queue_and_a20_off_travel_in_subsections);
    tcase_add_test(tc, test_kbc_load_caps_queues_and_rejects_bad_values);
    tcase_add_test(tc, test_kbc_vmdesc_equals_qemu_7_2);
    tcase_add_test(tc, test_kbc_hostile_bytes_load_cleanly_or_fail);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
