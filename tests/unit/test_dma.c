/* test_dma.c: the 8237A pair: SeaBIOS's POST writes, address/count programming through
 * the flip-flop, page registers, 8- and 16-bit transfers into memory with terminal
 * count, decrement mode, the "dma" wire format and its vmdesc against QEMU 7.2's. */
#include "dev_test.h"
#include "emu/dev/dma.h"

typedef struct Rig { Bus *io, *mem; uint8_t *ram; DmaState *dma; } Rig;

#define RAM_SIZE (2u << 20)

static Rig *rig_new(void)
{
    Rig *r = calloc(1, sizeof *r);
    r->io = bus_new();
    r->mem = bus_new();
    r->ram = calloc(1, RAM_SIZE);
    bus_map_ram(r->mem, 0, RAM_SIZE, r->ram);
    r->dma = dma_init(r->io, r->mem);
    return r;
}

static void rig_free(Rig *r)
{
    dma_free(r->dma);
    bus_free(r->io);
    bus_free(r->mem);
    free(r->ram);
    free(r);
}

static void out(Rig *r, uint16_t port, uint8_t v) { bus_io_write(r->io, port, v, 1); }
static uint8_t in(Rig *r, uint16_t port) { return (uint8_t)bus_io_read(r->io, port, 1); }

/* A device that writes an ascending pattern, chunk bytes per call. */
typedef struct Dev { DmaState *dma; int chunk, calls; } Dev;
static int dev_transfer(void *opaque, int nchan, int pos, int size)
{
    Dev *d = opaque;
    uint8_t buf[64];
    int n = MIN(d->chunk, size - pos);
    for (int i = 0; i < n; i++)
        buf[i] = (uint8_t)(pos + i);
    dma_write_memory(d->dma, nchan, buf, pos, n);
    d->calls++;
    return pos + n;
}

START_TEST(test_dma_seabios_post_writes_leave_channel4_unmasked)
{
    Rig *r = rig_new();
    out(r, 0x0d, 0); out(r, 0xda, 0); out(r, 0xd6, 0xc0); out(r, 0xd4, 0);
    ck_assert_uint_eq(r->dma->ctl[0].mask, 0xff);
    ck_assert_uint_eq(r->dma->ctl[1].mask, 0xfe);
    ck_assert_uint_eq(r->dma->ctl[1].regs[0].mode, 0xc0);
    ck_assert_uint_eq(in(r, 0x80), 0xff);    /* port 0x80 is not a page register */
    rig_free(r);
}
END_TEST

START_TEST(test_dma_address_and_count_through_the_flip_flop)
{
    Rig *r = rig_new();
    out(r, 0x0c, 0);                         /* clear flip-flop */
    out(r, 0x04, 0x34); out(r, 0x04, 0x12);  /* channel 2 address 0x1234 */
    out(r, 0x05, 0xff); out(r, 0x05, 0x01);  /* count 0x1ff: 512 bytes */
    out(r, 0x81, 0x05);                      /* page 5 */
    ck_assert_uint_eq(r->dma->ctl[0].regs[2].base[0], 0x1234);
    ck_assert_uint_eq(r->dma->ctl[0].regs[2].base[1], 0x1ff);
    ck_assert_uint_eq(in(r, 0x81), 0x05);
    out(r, 0x0c, 0);
    ck_assert_uint_eq(in(r, 0x04), 0x34);
    ck_assert_uint_eq(in(r, 0x04), 0x12);
    ck_assert_uint_eq(in(r, 0x05), 0xff);
    ck_assert_uint_eq(in(r, 0x05), 0x01);
    out(r, 0x87, 0x09);                      /* channel 0 page, 0x83 channel 1 */
    out(r, 0x83, 0x0a);
    out(r, 0x8f, 0x0b);                      /* channel 4 page */
    ck_assert_uint_eq(r->dma->ctl[0].regs[0].page, 0x09);
    ck_assert_uint_eq(r->dma->ctl[0].regs[1].page, 0x0a);
    ck_assert_uint_eq(r->dma->ctl[1].regs[0].page, 0x0b);
    rig_free(r);
}
END_TEST

START_TEST(test_dma_8bit_transfer_fills_memory_and_sets_terminal_count)
{
    Rig *r = rig_new();
    Dev dev = { r->dma, 64, 0 };
    dma_register_channel(r->dma, 2, dev_transfer, &dev);
    out(r, 0x0c, 0);
    out(r, 0x04, 0x00); out(r, 0x04, 0x10);  /* 0x51000 */
    out(r, 0x05, 0xff); out(r, 0x05, 0x00);  /* 256 bytes */
    out(r, 0x81, 0x05);
    out(r, 0x0b, 0x46);                      /* single, write to memory, channel 2 */
    dma_hold_dreq(r->dma, 2);
    ck_assert_int_eq(dev.calls, 0);          /* masked after reset */
    out(r, 0x0a, 0x02);                      /* unmask channel 2: it runs */
    while (!(r->dma->ctl[0].status & 0x04))
        dma_run(r->dma);
    ck_assert_int_eq(dev.calls, 4);
    for (int i = 0; i < 256; i++)
        ck_assert_uint_eq(r->ram[0x51000 + i], (uint8_t)i);
    ck_assert_uint_eq(r->ram[0x51100], 0);
    ck_assert_uint_eq(in(r, 0x08) & 0x0f, 0x04);   /* terminal count, cleared by the read */
    ck_assert_uint_eq(in(r, 0x08) & 0x0f, 0x00);
    out(r, 0x0c, 0);
    ck_assert_uint_eq(in(r, 0x04), 0x00);    /* current address 0x1100 */
    ck_assert_uint_eq(in(r, 0x04), 0x11);
    rig_free(r);
}
END_TEST

START_TEST(test_dma_16bit_channel_counts_words_and_decrement_mode_runs_down)
{
    Rig *r = rig_new();
    Dev dev = { r->dma, 64, 0 };
    dma_register_channel(r->dma, 5, dev_transfer, &dev);
    out(r, 0xd8, 0);                         /* clear flip-flop (controller 1) */
    out(r, 0xc4, 0x00); out(r, 0xc4, 0x08);  /* word address 0x800 = byte 0x1000 */
    out(r, 0xc6, 0x0f); out(r, 0xc6, 0x00);  /* 16 words */
    out(r, 0x8b, 0x02);                      /* channel 5 page */
    out(r, 0xd4, 0x01);                      /* unmask channel 5 */
    dma_hold_dreq(r->dma, 5);
    ck_assert_uint_eq(r->ram[0x21000 + 31], 31);
    ck_assert_uint_eq(r->ram[0x21000 + 32], 0);

    Dev dev2 = { r->dma, 8, 0 };
    dma_register_channel(r->dma, 1, dev_transfer, &dev2);
    out(r, 0x0c, 0);
    out(r, 0x02, 0x0f); out(r, 0x02, 0x00);  /* channel 1 address 0x000f */
    out(r, 0x03, 0x03); out(r, 0x03, 0x00);  /* 4 bytes */
    out(r, 0x83, 0x03);
    out(r, 0x0b, 0x65);                      /* decrement, write, channel 1 */
    out(r, 0x0a, 0x01);
    dma_hold_dreq(r->dma, 1);
    ck_assert_uint_eq(r->ram[0x3000f], 0);
    ck_assert_uint_eq(r->ram[0x3000e], 1);
    ck_assert_uint_eq(r->ram[0x3000c], 3);
    rig_free(r);
}
END_TEST

static const uint8_t dma1_bytes[75] = {
    0x00,        /* command */
    0xfe,        /* mask: channel 4 (cascade) unmasked */
    0x00,        /* flip_flop */
    0, 0, 0, 1,  /* dshift */
    /* regs[0]: now[0], now[1], base[0], base[1], mode, page, pageh, dack, eop */
    0, 0, 0, 0,  0, 0, 0, 0,  0, 0,  0, 0,  0xc0, 0, 0, 0, 0,
    0, 0, 0, 0,  0, 0, 0, 0,  0, 0,  0, 0,  0x00, 0, 0, 0, 0,   /* regs[1] */
    0, 0, 0, 0,  0, 0, 0, 0,  0, 0,  0, 0,  0x00, 0, 0, 0, 0,   /* regs[2] */
    0, 0, 0, 0,  0, 0, 0, 0,  0, 0,  0, 0,  0x00, 0, 0, 0, 0,   /* regs[3] */
};

START_TEST(test_dma_wire_format_round_trips_and_truncation_fails)
{
    Rig *r = rig_new(), *r2 = rig_new();
    out(r, 0x0d, 0); out(r, 0xda, 0); out(r, 0xd6, 0xc0); out(r, 0xd4, 0);
    dt_check_bytes(&dma_vms, &r->dma->ctl[1], dma1_bytes, sizeof dma1_bytes);
    Err e = { 0 };
    ck_assert_int_eq(dt_load(&dma_vms, &r2->dma->ctl[1], dma1_bytes, sizeof dma1_bytes, &e), 0);
    ck_assert_uint_eq(r2->dma->ctl[1].mask, 0xfe);
    ck_assert_uint_eq(r2->dma->ctl[1].regs[0].mode, 0xc0);
    dt_check_truncations(&dma_vms, &r2->dma->ctl[1], dma1_bytes, sizeof dma1_bytes);
    /* the 16-bit controller's bytes do not fit the 8-bit one */
    err_clear(&e);
    ck_assert_int_eq(dt_load(&dma_vms, &r2->dma->ctl[0], dma1_bytes, sizeof dma1_bytes, &e), -EINVAL);
    ck_assert_ptr_nonnull(strstr(e.msg, "dshift"));
    uint8_t b[75];
    memcpy(b, dma1_bytes, sizeof b);
    b[7] = 0x80;                             /* regs[0].now[0] negative */
    err_clear(&e);
    ck_assert_int_eq(dt_load(&dma_vms, &r2->dma->ctl[1], b, sizeof b, &e), -EINVAL);
    rig_free(r);
    rig_free(r2);
}
END_TEST

START_TEST(test_dma_vmdesc_equals_qemu_7_2)
{
    Rig *r = rig_new();
    dt_check_vmdesc(&dma_vms, &r->dma->ctl[0], "dma", 0);
    dt_check_vmdesc(&dma_vms, &r->dma->ctl[1], "dma", 1);
    rig_free(r);
}
END_TEST

static Dev fuzz_dev;

static void dma_exercise(void *opaque)
{
    Rig *r = opaque;
    for (int p = 0; p < 16; p++)
        in(r, (uint16_t)p);
    for (int p = 0xc0; p < 0xe0; p++)
        in(r, (uint16_t)p);
    for (int c = 0; c < 8; c++)
        dma_hold_dreq(r->dma, c);
    out(r, 0x0f, 0x00);
    out(r, 0xde, 0x00);
    for (int c = 0; c < 8; c++)
        dma_release_dreq(r->dma, c);
}

START_TEST(test_dma_hostile_bytes_load_cleanly_or_fail)
{
    Rig *r = rig_new();
    fuzz_dev = (Dev){ r->dma, 64, 0 };
    for (int c = 0; c < 8; c++)
        dma_register_channel(r->dma, c, dev_transfer, &fuzz_dev);
    dt_flip_every_byte(&dma_vms, &r->dma->ctl[1], dma1_bytes, sizeof dma1_bytes, dma_exercise, r);
    rig_free(r);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("dma");
    TCase *tc = tcase_create("dma");
    tcase_add_test(tc, test_dma_seabios_post_writes_leave_channel4_unmasked);
    tcase_add_test(tc, test_dma_address_and_count_through_the_flip_flop);
    tcase_add_test(tc, test_dma_8bit_transfer_fills_memory_and_sets_terminal_count);
    tcase_add_test(tc, test_dma_16bit_channel_counts_words_and_decrement_mode_runs_down);
    tcase_add_test(tc, test_dma_wire_format_round_trips_and_truncation_fails);
    tcase_add_test(tc, test_dma_vmdesc_equals_qemu_7_2);
    tcase_add_test(tc, test_dma_hostile_bytes_load_cleanly_or_fail);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
