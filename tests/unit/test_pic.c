/* test_pic.c: the 8259A pair and ELCR: SeaBIOS's initialisation, cascade, edge and level
 * triggering, EOI kinds, AEOI, rotation, poll, special mask, spurious vectors, the
 * "i8259" wire format and its vmdesc against QEMU 7.2's. */
#include "dev_test.h"
#include "emu/dev/pic.h"

typedef struct Cpu { int intr; } Cpu;
static void cpu_intr(void *opaque, int n, int level) { ((Cpu *)opaque)->intr = level; }

typedef struct Rig { Bus *bus; Cpu cpu; IrqLine line; PicState *pic; } Rig;

static Rig *rig_new(void)
{
    Rig *r = calloc(1, sizeof *r);
    r->bus = bus_new();
    r->line = (IrqLine){ cpu_intr, &r->cpu, 0 };
    r->pic = pic_init(r->bus, &r->line);
    return r;
}

static void rig_free(Rig *r)
{
    pic_free(r->pic);
    bus_free(r->bus);
    free(r);
}

static void out(Rig *r, uint16_t port, uint8_t v) { bus_io_write(r->bus, port, v, 1); }
static uint8_t in(Rig *r, uint16_t port) { return (uint8_t)bus_io_read(r->bus, port, 1); }

/* SeaBIOS's pic_setup (seabios-hardware.md 6.6), then the given masks. */
static void seabios_init(Rig *r, uint8_t mask0, uint8_t mask1)
{
    out(r, 0x20, 0x11); out(r, 0xa0, 0x11);
    out(r, 0x21, 0x08); out(r, 0xa1, 0x70);
    out(r, 0x21, 0x04); out(r, 0xa1, 0x02);
    out(r, 0x21, 0x01); out(r, 0xa1, 0x01);
    out(r, 0x21, mask0); out(r, 0xa1, mask1);
}

static void irq(Rig *r, int n, int level) { pic_set_irq(r->pic, n, level); }

START_TEST(test_pic_seabios_init_delivers_irq0_at_vector_8_until_eoi)
{
    Rig *r = rig_new();
    seabios_init(r, 0xfa, 0xff);
    ck_assert_uint_eq(in(r, 0x21), 0xfa);
    ck_assert_int_eq(r->cpu.intr, 0);
    irq(r, 0, 1);
    ck_assert_int_eq(r->cpu.intr, 1);
    ck_assert_int_eq(pic_ack(r->pic), 0x08);
    ck_assert_int_eq(r->cpu.intr, 0);
    out(r, 0x20, 0x0b);                      /* OCW3: read ISR */
    ck_assert_uint_eq(in(r, 0x20), 0x01);
    irq(r, 0, 0);
    irq(r, 0, 1);                            /* a new edge while IR0 is in service */
    ck_assert_int_eq(r->cpu.intr, 0);
    out(r, 0x20, 0x20);                      /* non-specific EOI */
    ck_assert_int_eq(r->cpu.intr, 1);
    ck_assert_int_eq(pic_ack(r->pic), 0x08);
    rig_free(r);
}
END_TEST

START_TEST(test_pic_slave_irq_cascades_through_ir2)
{
    Rig *r = rig_new();
    seabios_init(r, 0xfb, 0xfe);
    irq(r, 8, 1);
    ck_assert_int_eq(r->cpu.intr, 1);
    ck_assert_int_eq(pic_ack(r->pic), 0x70);
    out(r, 0x20, 0x0b);
    out(r, 0xa0, 0x0b);
    ck_assert_uint_eq(in(r, 0x20), 0x04);    /* master: IR2 in service */
    ck_assert_uint_eq(in(r, 0xa0), 0x01);
    out(r, 0xa0, 0x20);
    out(r, 0x20, 0x20);
    ck_assert_uint_eq(in(r, 0x20), 0x00);
    ck_assert_uint_eq(in(r, 0xa0), 0x00);
    rig_free(r);
}
END_TEST

START_TEST(test_pic_level_triggered_input_stays_requested_until_lowered)
{
    Rig *r = rig_new();
    seabios_init(r, 0xfb, 0x00);
    out(r, 0x4d1, 0x0c);                     /* IRQ 10, 11 level (as SeaBIOS for PCI) */
    ck_assert_uint_eq(in(r, 0x4d1), 0x0c);
    irq(r, 10, 1);
    ck_assert_int_eq(pic_ack(r->pic), 0x72);
    out(r, 0xa0, 0x20); out(r, 0x20, 0x20);
    ck_assert_int_eq(r->cpu.intr, 1);        /* still high: requested again */
    ck_assert_int_eq(pic_ack(r->pic), 0x72);
    out(r, 0xa0, 0x20); out(r, 0x20, 0x20);
    irq(r, 10, 0);
    /* the slave's request vanished after the master latched IR2: a spurious IRQ 15,
     * as on hardware and QEMU */
    ck_assert_int_eq(r->cpu.intr, 1);
    ck_assert_int_eq(pic_ack(r->pic), 0x77);
    out(r, 0x20, 0x20);
    ck_assert_int_eq(r->cpu.intr, 0);
    /* edge-triggered IRQ 9: one request per rising edge */
    irq(r, 9, 1);
    ck_assert_int_eq(pic_ack(r->pic), 0x71);
    out(r, 0xa0, 0x20); out(r, 0x20, 0x20);
    ck_assert_int_eq(r->cpu.intr, 0);
    rig_free(r);
}
END_TEST

START_TEST(test_pic_elcr_keeps_irq_0_1_2_8_13_edge_triggered)
{
    Rig *r = rig_new();
    out(r, 0x4d0, 0xff);
    out(r, 0x4d1, 0xff);
    ck_assert_uint_eq(in(r, 0x4d0), 0xf8);
    ck_assert_uint_eq(in(r, 0x4d1), 0xde);
    out(r, 0x20, 0x11);                      /* ICW1 does not reset the ELCR */
    ck_assert_uint_eq(in(r, 0x4d0), 0xf8);
    pic_reset(r->pic);                       /* a system reset does */
    ck_assert_uint_eq(in(r, 0x4d0), 0x00);
    rig_free(r);
}
END_TEST

START_TEST(test_pic_auto_eoi_leaves_isr_clear_and_can_rotate)
{
    Rig *r = rig_new();
    out(r, 0x20, 0x11); out(r, 0x21, 0x20); out(r, 0x21, 0x04); out(r, 0x21, 0x03);
    out(r, 0x21, 0x00);
    irq(r, 3, 1);
    ck_assert_int_eq(pic_ack(r->pic), 0x23);
    out(r, 0x20, 0x0b);
    ck_assert_uint_eq(in(r, 0x20), 0x00);
    out(r, 0x20, 0x80);                      /* OCW2: rotate in AEOI mode */
    irq(r, 5, 1);
    ck_assert_int_eq(pic_ack(r->pic), 0x25);
    ck_assert_uint_eq(r->pic->chip[0].priority_add, 6);   /* IR5 now lowest */
    rig_free(r);
}
END_TEST

START_TEST(test_pic_rotation_changes_which_request_wins)
{
    Rig *r = rig_new();
    seabios_init(r, 0x00, 0xff);
    irq(r, 1, 1);
    irq(r, 6, 1);
    out(r, 0x20, 0xc5);                      /* set priority: IR5 lowest, IR6 highest */
    ck_assert_int_eq(pic_ack(r->pic), 0x0e);
    out(r, 0x20, 0xe6);                      /* rotate on specific EOI of IR6 */
    ck_assert_uint_eq(r->pic->chip[0].priority_add, 7);
    ck_assert_int_eq(pic_ack(r->pic), 0x09);
    out(r, 0x20, 0xa0);                      /* rotate on non-specific EOI: IR1 lowest */
    ck_assert_uint_eq(r->pic->chip[0].priority_add, 2);
    ck_assert_int_eq(r->cpu.intr, 0);
    rig_free(r);
}
END_TEST

START_TEST(test_pic_poll_command_acknowledges_the_best_request)
{
    Rig *r = rig_new();
    seabios_init(r, 0x00, 0xff);
    out(r, 0x20, 0x0c);                      /* OCW3 poll, nothing pending */
    ck_assert_uint_eq(in(r, 0x20), 0x00);
    irq(r, 4, 1);
    out(r, 0x20, 0x0c);
    ck_assert_uint_eq(in(r, 0x20), 0x84);
    out(r, 0x20, 0x0b);
    ck_assert_uint_eq(in(r, 0x20), 0x10);    /* IR4 in service after the poll */
    out(r, 0x20, 0x0a);                      /* back to reading IRR */
    ck_assert_uint_eq(in(r, 0x20), 0x00);
    rig_free(r);
}
END_TEST

START_TEST(test_pic_special_mask_lets_lower_priorities_through)
{
    Rig *r = rig_new();
    seabios_init(r, 0x00, 0xff);
    irq(r, 3, 1);
    ck_assert_int_eq(pic_ack(r->pic), 0x0b);
    irq(r, 5, 1);
    ck_assert_int_eq(r->cpu.intr, 0);        /* IR3 in service blocks IR5 */
    out(r, 0x21, 0x08);                      /* mask IR3 */
    out(r, 0x20, 0x68);                      /* OCW3: set special mask mode */
    ck_assert_int_eq(r->cpu.intr, 1);
    ck_assert_int_eq(pic_ack(r->pic), 0x0d);
    rig_free(r);
}
END_TEST

START_TEST(test_pic_spurious_ack_gives_irq7_and_irq15_vectors)
{
    Rig *r = rig_new();
    seabios_init(r, 0x00, 0x00);
    ck_assert_int_eq(pic_ack(r->pic), 0x0f);
    irq(r, 12, 1);
    irq(r, 12, 0);
    pic_set_irq(r->pic, 12, 1);
    r->pic->chip[1].irr = 0;                 /* the slave request vanished before INTA */
    ck_assert_int_eq(pic_ack(r->pic), 0x77);
    rig_free(r);
}
END_TEST

/* The state SeaBIOS leaves (seabios-hardware.md 6.6), with IRQ 0 seen and acknowledged. */
static const uint8_t pic_master_bytes[16] = {
    0x01,  /* last_irr: IR0 high */
    0x00,  /* irr */
    0xb8,  /* imr */
    0x01,  /* isr: IR0 in service */
    0x00,  /* priority_add */
    0x08,  /* irq_base */
    0x00,  /* read_reg_select */
    0x00,  /* poll */
    0x00,  /* special_mask */
    0x00,  /* init_state */
    0x00,  /* auto_eoi */
    0x00,  /* rotate_on_auto_eoi */
    0x00,  /* special_fully_nested_mode */
    0x01,  /* init4 */
    0x00,  /* single_mode */
    0x00,  /* elcr */
};

START_TEST(test_pic_wire_format_round_trips_and_truncation_fails)
{
    Rig *r = rig_new(), *r2 = rig_new();
    seabios_init(r, 0xb8, 0x8e);
    out(r, 0x4d1, 0x0c);
    irq(r, 0, 1);
    ck_assert_int_eq(pic_ack(r->pic), 0x08);
    dt_check_bytes(&pic_vms, &r->pic->chip[0], pic_master_bytes, sizeof pic_master_bytes);
    Err e = { 0 };
    ck_assert_int_eq(dt_load(&pic_vms, &r2->pic->chip[0], pic_master_bytes, 16, &e), 0);
    size_t n;
    uint8_t *slave = dt_save(&pic_vms, &r->pic->chip[1], &n, NULL);
    ck_assert_uint_eq(n, 16);
    ck_assert_uint_eq(slave[5], 0x70);
    ck_assert_uint_eq(slave[15], 0x0c);
    ck_assert_int_eq(dt_load(&pic_vms, &r2->pic->chip[1], slave, n, &e), 0);
    for (int i = 0; i < 2; i++) {
        PicChip *a = &r->pic->chip[i], *b = &r2->pic->chip[i];
        ck_assert_mem_eq(a, b, offsetof(PicChip, elcr) + 1);
    }
    pic_sync(r2->pic);
    ck_assert_int_eq(r2->cpu.intr, 0);       /* IR0 in service: nothing to deliver */
    out(r2, 0x20, 0x20);
    irq(r2, 0, 0); irq(r2, 0, 1);
    ck_assert_int_eq(pic_ack(r2->pic), 0x08);
    dt_check_truncations(&pic_vms, &r2->pic->chip[0], pic_master_bytes, 16);
    free(slave);
    rig_free(r);
    rig_free(r2);
}
END_TEST

START_TEST(test_pic_load_rejects_out_of_range_priority_and_init_state)
{
    Rig *r = rig_new();
    uint8_t b[16];
    Err e = { 0 };
    memcpy(b, pic_master_bytes, 16);
    b[4] = 8;
    ck_assert_int_eq(dt_load(&pic_vms, &r->pic->chip[0], b, 16, &e), -EINVAL);
    ck_assert_ptr_nonnull(strstr(e.msg, "priority_add"));
    memcpy(b, pic_master_bytes, 16);
    b[9] = 4;
    err_clear(&e);
    ck_assert_int_eq(dt_load(&pic_vms, &r->pic->chip[0], b, 16, &e), -EINVAL);
    rig_free(r);
}
END_TEST

START_TEST(test_pic_vmdesc_equals_qemu_7_2)
{
    Rig *r = rig_new();
    dt_check_vmdesc(&pic_vms, &r->pic->chip[0], "i8259", 0);
    dt_check_vmdesc(&pic_vms, &r->pic->chip[1], "i8259", 1);
    rig_free(r);
}
END_TEST

static void pic_exercise(void *opaque)
{
    Rig *r = opaque;
    pic_sync(r->pic);
    for (int n = 0; n < 16; n++) {
        if (n != 2) {
            irq(r, n, 1);
            pic_ack(r->pic);
            irq(r, n, 0);
        }
    }
    in(r, 0x20); in(r, 0x21); in(r, 0xa0); in(r, 0xa1);
    out(r, 0x20, 0x20); out(r, 0xa0, 0x60); out(r, 0x21, 0x00);
}

START_TEST(test_pic_hostile_bytes_load_cleanly_or_fail)
{
    Rig *r = rig_new();
    dt_flip_every_byte(&pic_vms, &r->pic->chip[0], pic_master_bytes, 16, pic_exercise, r);
    dt_flip_every_byte(&pic_vms, &r->pic->chip[1], pic_master_bytes, 16, pic_exercise, r);
    rig_free(r);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("pic");
    TCase *tc = tcase_create("pic");
    tcase_add_test(tc, test_pic_seabios_init_delivers_irq0_at_vector_8_until_eoi);
    tcase_add_test(tc, test_pic_slave_irq_cascades_through_ir2);
    tcase_add_test(tc, test_pic_level_triggered_input_stays_requested_until_lowered);
    tcase_add_test(tc, test_pic_elcr_keeps_irq_0_1_2_8_13_edge_triggered);
    tcase_add_test(tc, test_pic_auto_eoi_leaves_isr_clear_and_can_rotate);
    tcase_add_test(tc, test_pic_rotation_changes_which_request_wins);
    tcase_add_test(tc, test_pic_poll_command_acknowledges_the_best_request);
    tcase_add_test(tc, test_pic_special_mask_lets_lower_priorities_through);
    tcase_add_test(tc, test_pic_spurious_ack_gives_irq7_and_irq15_vectors);
    tcase_add_test(tc, test_pic_wire_format_round_trips_and_truncation_fails);
    tcase_add_test(tc, test_pic_load_rejects_out_of_range_priority_and_init_state);
    tcase_add_test(tc, test_pic_vmdesc_equals_qemu_7_2);
    tcase_add_test(tc, test_pic_hostile_bytes_load_cleanly_or_fail);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
