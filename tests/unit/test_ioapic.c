/* test_ioapic.c: the I/O APIC as QEMU 7.2's: reset values and the version register, id
 * and arbitration, redirection entries with their read-only bits, edge and level inputs
 * (irr, remote IRR, masking), the interrupt message written to 0xFEE0xxxx (caught here by
 * a stand-in MMIO page where a local APIC would be), EOI through +0x40, ISA IRQ 0 taken
 * as pin 2, ExtINT taking its vector from the 8259 acknowledge; the "ioapic" section
 * against the 206 bytes QEMU 7.2 saved, its vmdesc, version 1 streams, truncations and
 * flipped bytes. */
#include "dev_test.h"
#include "emu/dev/ioapic.h"

typedef struct Rig {
    Bus *bus;
    Clock clock;
    IoapicState *io;
    int msgs;                 /* interrupt messages seen at 0xFEE00000 */
    uint32_t addr, data;      /* the last one */
    int acks;
} Rig;

static uint32_t lapic_read(void *opaque, uint32_t off, unsigned size) { return 0; }
static void lapic_write(void *opaque, uint32_t off, uint32_t val, unsigned size)
{
    Rig *r = opaque;
    r->msgs++;
    r->addr = 0xFEE00000u + off;
    r->data = val;
}
static int pic_ack_stub(void *opaque)
{
    Rig *r = opaque;
    r->acks++;
    return 0x68;
}

static Rig *rig_new(bool lapic)
{
    Rig *r = calloc(1, sizeof *r);
    r->bus = bus_new();
    clock_init(&r->clock, 3);
    r->io = ioapic_init(r->bus, &r->clock);
    ioapic_set_extint_ack(r->io, pic_ack_stub, r);
    if (lapic)
        bus_map_mmio(r->bus, 0xFEE00000u, 0x100000, r, lapic_read, lapic_write, IO_SIZE_ALL);
    return r;
}

static void rig_free(Rig *r)
{
    ioapic_free(r->io);
    bus_free(r->bus);
    free(r);
}

static uint32_t reg_read(Rig *r, uint8_t reg)
{
    bus_mem_write(r->bus, IOAPIC_BASE, reg, 4);
    return bus_mem_read(r->bus, IOAPIC_BASE + 0x10, 4);
}
static void reg_write(Rig *r, uint8_t reg, uint32_t v)
{
    bus_mem_write(r->bus, IOAPIC_BASE, reg, 4);
    bus_mem_write(r->bus, IOAPIC_BASE + 0x10, v, 4);
}

START_TEST(test_ioapic_reset_values_id_and_version_are_qemus)
{
    Rig *r = rig_new(false);
    ck_assert_uint_eq(reg_read(r, 0x01), 0x00170020);      /* 24 entries, version 0x20 */
    ck_assert_uint_eq(reg_read(r, 0x00), 0);
    for (int i = 0; i < IOAPIC_NUM_PINS; i++) {
        ck_assert_uint_eq(reg_read(r, (uint8_t)(0x10 + 2 * i)), 0x00010000);   /* masked */
        ck_assert_uint_eq(reg_read(r, (uint8_t)(0x11 + 2 * i)), 0);
    }
    reg_write(r, 0x00, 0xFF000000);
    ck_assert_uint_eq(reg_read(r, 0x00), 0x0F000000);      /* 4-bit id */
    ck_assert_uint_eq(reg_read(r, 0x02), 0x0F000000);      /* arbitration = id */
    reg_write(r, 0x01, 0);                                 /* version: read only */
    ck_assert_uint_eq(reg_read(r, 0x01), 0x00170020);
    ck_assert_uint_eq(reg_read(r, 0x40), 0);               /* past the table: 0 */
    bus_mem_write(r->bus, IOAPIC_BASE, 0x22, 1);           /* IOREGSEL: any size */
    ck_assert_uint_eq(bus_mem_read(r->bus, IOAPIC_BASE, 1), 0x22);
    ck_assert_uint_eq(bus_mem_read(r->bus, IOAPIC_BASE + 0x10, 2), 0);   /* IOWIN: 32-bit only */
    ioapic_reset(r->io);
    ck_assert_uint_eq(reg_read(r, 0x00), 0);
    rig_free(r);
}
END_TEST

START_TEST(test_ioapic_edge_input_sends_message_and_masked_edges_are_lost)
{
    Rig *r = rig_new(true);
    ioapic_set_irq(r->io, 4, 1);                           /* masked: ignored */
    ioapic_set_irq(r->io, 4, 0);
    ck_assert_uint_eq(r->io->irr, 0);
    reg_write(r, 0x11 + 2 * 4, 0x03000000);                /* destination 3 */
    reg_write(r, 0x10 + 2 * 4, 0x00000831);                /* vector 0x31, logical, fixed */
    ck_assert_int_eq(r->msgs, 0);
    ioapic_set_irq(r->io, 4, 1);
    ck_assert_int_eq(r->msgs, 1);
    ck_assert_uint_eq(r->addr, 0xFEE03004);                /* dest << 12, logical bit 2 */
    ck_assert_uint_eq(r->data, 0x31);
    ck_assert_uint_eq(r->io->irr, 0);                      /* edge: cleared once sent */
    ioapic_set_irq(r->io, 0, 1);                           /* ISA IRQ 0 is pin 2 */
    ioapic_set_irq(r->io, 0, 0);
    reg_write(r, 0x10 + 2 * 2, 0x00000020);                /* unmask pin 2: nothing latched */
    ck_assert_int_eq(r->msgs, 1);
    ioapic_set_irq(r->io, 0, 1);
    ck_assert_int_eq(r->msgs, 2);
    ck_assert_uint_eq(r->data, 0x20);
    rig_free(r);
}
END_TEST

START_TEST(test_ioapic_level_input_waits_for_eoi_and_keeps_read_only_bits)
{
    Rig *r = rig_new(true);
    reg_write(r, 0x10 + 2 * 9, 0x0000A041);                /* level, active low, vector 0x41 */
    ioapic_set_irq(r->io, 9, 1);
    ck_assert_int_eq(r->msgs, 1);
    ck_assert_uint_eq(r->data, 0x8041);                    /* trigger bit in the message */
    ck_assert_uint_eq(reg_read(r, 0x10 + 2 * 9), 0x0000E041);   /* remote IRR set */
    ck_assert_uint_eq(r->io->irr, 1u << 9);
    ioapic_set_irq(r->io, 9, 1);                           /* still in service: coalesced */
    ck_assert_int_eq(r->msgs, 1);
    reg_write(r, 0x10 + 2 * 9, 0x0000B041);                /* guest writes remote IRR... */
    ck_assert_uint_eq(reg_read(r, 0x10 + 2 * 9), 0x0000E041);   /* ...read only */
    bus_mem_write(r->bus, IOAPIC_BASE + 0x40, 0x141, 4);   /* not this vector */
    ck_assert_int_eq(r->msgs, 1);
    bus_mem_write(r->bus, IOAPIC_BASE + 0x40, 0x41, 4);    /* EOI, input still high: again */
    ck_assert_int_eq(r->msgs, 2);
    ioapic_set_irq(r->io, 9, 0);
    bus_mem_write(r->bus, IOAPIC_BASE + 0x40, 0x41, 4);    /* EOI, input low: done */
    ck_assert_int_eq(r->msgs, 2);
    ck_assert_uint_eq(reg_read(r, 0x10 + 2 * 9), 0x0000A041);
    ck_assert_uint_eq(r->io->irr, 0);
    /* switching an entry to edge clears a stale remote IRR (QEMU's fix_edge_remote_irr) */
    ioapic_set_irq(r->io, 9, 1);
    ck_assert_uint_eq(reg_read(r, 0x10 + 2 * 9) & 0x4000, 0x4000);
    reg_write(r, 0x10 + 2 * 9, 0x00012041);                /* edge, masked */
    ck_assert_uint_eq(reg_read(r, 0x10 + 2 * 9), 0x00012041);
    rig_free(r);
}
END_TEST

START_TEST(test_ioapic_extint_takes_the_8259_vector_and_no_lapic_drops_the_message)
{
    Rig *r = rig_new(true);
    ioapic_set_irq(r->io, 5, 0);
    ck_assert_int_eq(r->acks, 0);
    reg_write(r, 0x10 + 2 * 5, 0x00000700);                /* pin 5: ExtINT, edge */
    ioapic_set_irq(r->io, 5, 1);
    ck_assert_int_eq(r->acks, 1);
    ck_assert_uint_eq(r->data, 0x0768);                    /* the 8259's vector, mode 7 */
    rig_free(r);
    Rig *n = rig_new(false);                               /* pcemu's machine: no LAPIC */
    reg_write(n, 0x10 + 2 * 5, 0x00000030);
    ioapic_set_irq(n->io, 5, 1);
    ck_assert_uint_eq(n->io->irr, 0);                      /* sent (to unassigned memory) */
    rig_free(n);
}
END_TEST

/* QEMU 7.2's 206-byte "ioapic" body for its fresh I/O APIC. */
static void qemu_fresh_bytes(uint8_t b[206])
{
    memset(b, 0, 206);
    /* id 0, ioregsel 0, 8 unused bytes, irr 0 (be32) */
    for (int i = 0; i < IOAPIC_NUM_PINS; i++)
        b[14 + 8 * i + 5] = 0x01;                          /* be64 0x10000: masked */
}

START_TEST(test_ioapic_section_equals_qemus_bytes_and_loads_version_1)
{
    Rig *r = rig_new(false), *r2 = rig_new(false);
    uint8_t want[206];
    qemu_fresh_bytes(want);
    dt_check_bytes(&ioapic_vms, r->io, want, sizeof want);
    dt_check_vmdesc(&ioapic_vms, r->io, "ioapic", 0);
    uint8_t b[206];
    memcpy(b, want, sizeof b);
    b[0] = 0x02;                                           /* id */
    b[1] = 0x13;                                           /* ioregsel */
    b[13] = 0x10;                                          /* irr bit 4 */
    b[14 + 8 * 4 + 6] = 0xA0; b[14 + 8 * 4 + 7] = 0x41;    /* entry 4 = level, 0x41 */
    b[14 + 8 * 4 + 5] = 0x00;
    Err e = { 0 };
    ck_assert_int_eq(dt_load(&ioapic_vms, r2->io, b, sizeof b, &e), 0);
    ck_assert_uint_eq(r2->io->id, 2);
    ck_assert_uint_eq(r2->io->irr, 0x10);
    ck_assert_uint_eq(r2->io->ioredtbl[4], 0xA041);
    dt_check_bytes(&ioapic_vms, r2->io, b, sizeof b);
    ck_assert_uint_eq(reg_read(r2, 0x18), 0xA041);
    dt_check_truncations(&ioapic_vms, r2->io, b, sizeof b);
    /* version 1 (qemu-kvm's old format): no unused bytes, no irr */
    uint8_t v1[2 + 192];
    memcpy(v1, b, 2);
    memcpy(v1 + 2, b + 14, 192);
    Stream *s = stream_open_mem(v1, sizeof v1);
    ck_assert_int_eq(vms_load(s, &ioapic_vms, r->io, 1, &e), 0);
    stream_close(s, NULL);
    ck_assert_uint_eq(r->io->ioredtbl[4], 0xA041);
    rig_free(r);
    rig_free(r2);
}
END_TEST

static void exercise(void *opaque)
{
    Rig *r = opaque;
    for (int i = 0; i < 24; i++) {
        ioapic_set_irq(r->io, i, 1);
        reg_read(r, (uint8_t)(0x10 + i));
        bus_mem_write(r->bus, IOAPIC_BASE + 0x40, (uint32_t)i * 11, 4);
        ioapic_set_irq(r->io, i, 0);
    }
    reg_read(r, r->io->ioregsel);
}

START_TEST(test_ioapic_survives_every_byte_flipped)
{
    Rig *r = rig_new(true);
    uint8_t b[206];
    qemu_fresh_bytes(b);
    dt_flip_every_byte(&ioapic_vms, r->io, b, sizeof b, exercise, r);
    rig_free(r);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("ioapic");
    TCase *tc = tcase_create("ioapic");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_ioapic_reset_values_id_and_version_are_qemus);
    tcase_add_test(tc, test_ioapic_edge_input_sends_message_and_masked_edges_are_lost);
    tcase_add_test(tc, test_ioapic_level_input_waits_for_eoi_and_keeps_read_only_bits);
    tcase_add_test(tc, test_ioapic_extint_takes_the_8259_vector_and_no_lapic_drops_the_message);
    tcase_add_test(tc, test_ioapic_section_equals_qemus_bytes_and_loads_version_1);
    tcase_add_test(tc, test_ioapic_survives_every_byte_flipped);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
