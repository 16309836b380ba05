/* test_piix3.c: PIRQ routing to ISA IRQ lines, the reset control register at 0xCF9, reset
 * values, and the PIIX3 table with its PIIX3/rcr subsection (wire, load, vmdesc). */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "emu/dev/piix3.h"
#include "dev_test.h"

static int isa[16], resets;
static void set_isa(void *o, int n, int level) { isa[n] = level; }
static void reset_req(void *o) { resets++; }

typedef struct Dummy { PciDev dev; } Dummy;

START_TEST(test_piix3_routes_pirqs_and_resets)
{
    Bus *b = bus_new();
    PciBus *pb = pci_bus_new(b);
    IrqLine lines[16];
    for (int i = 0; i < 16; i++)
        lines[i] = (IrqLine){ set_isa, NULL, i };
    Piix3State *s = piix3_init(pb, b, lines, reset_req, NULL);
    ck_assert_uint_eq(pci_data_read(pb, 0x80000800, 4), 0x70008086);
    ck_assert_uint_eq(pci_data_read(pb, 0x8000080c, 4), 0x00800000);   /* multi-function */
    ck_assert_uint_eq(pci_data_read(pb, 0x80000860, 4), 0x80808080);
    Dummy *d = xzalloc(sizeof *d);
    pci_dev_init(&d->dev, pb, PCI_DEVFN(3, 0), "nic", 1, 1, 0, 0);
    memset(isa, 0, sizeof isa);
    pci_set_irq(&d->dev, 0, 1);                    /* slot 3 INTA -> PIRQC, unrouted */
    ck_assert_int_eq(isa[11], 0);
    pci_data_write(pb, 0x80000860, 0x0b0b0a0a, 4); /* SeaBIOS's routing */
    ck_assert_int_eq(isa[11], 1);
    pci_set_irq(&d->dev, 0, 0);
    ck_assert_int_eq(isa[11], 0);
    pci_set_irq(&d->dev, 3, 1);                    /* INTD -> PIRQB -> IRQ 10 */
    ck_assert_int_eq(isa[10], 1);
    pci_data_write(pb, 0x80000861, 0x80, 1);       /* PIRQB disabled */
    ck_assert_int_eq(isa[10], 0);
    ck_assert_uint_eq(bus_io_read(b, 0xcf9, 1), 0);
    bus_io_write(b, 0xcf9, 0x0a, 1);
    ck_assert_uint_eq(bus_io_read(b, 0xcf9, 1), 0x02);
    ck_assert_int_eq(resets, 0);
    bus_io_write(b, 0xcf9, 0x06, 1);
    ck_assert_int_eq(resets, 1);
    bus_io_write(b, 0xcf8, 0x80000000, 4);         /* 0xCF8 still a dword register */
    ck_assert_uint_eq(bus_io_read(b, 0xcf8, 4), 0x80000000);
    piix3_reset(s);
    ck_assert_uint_eq(pci_data_read(pb, 0x80000860, 4), 0x80808080);
    ck_assert_uint_eq(s->rcr, 0);
    free(d);
    piix3_free(s);
    pci_bus_free(pb);
    bus_free(b);
}
END_TEST

START_TEST(test_piix3_table_wire_subsection_and_vmdesc)
{
    Bus *b = bus_new();
    PciBus *pb = pci_bus_new(b);
    Piix3State *s = piix3_init(pb, b, NULL, NULL, NULL);
    pci_data_write(pb, 0x80000860, 0x0b0b0a0a, 4);
    size_t len;
    uint8_t *bytes = dt_save(&piix3_vms, s, &len, NULL);
    ck_assert_uint_eq(len, 292);                   /* QEMU's body size, no rcr */
    ck_assert_uint_eq(bytes[4 + 0x60], 0x0a);
    ck_assert_uint_eq(bytes[4 + 0x0e], 0x80);
    dt_check_vmdesc(&piix3_vms, s, "0000:00:01.0/PIIX3", 0);
    free(bytes);
    s->rcr = 2;
    bytes = dt_save(&piix3_vms, s, &len, NULL);
    /* subsection: 0x05, name length + "PIIX3/rcr", be32 version 1, the byte */
    ck_assert_uint_eq(len, 292 + 1 + 1 + 9 + 4 + 1);
    ck_assert_uint_eq(bytes[292], 0x05);
    ck_assert_mem_eq(bytes + 294, "PIIX3/rcr", 9);
    ck_assert_uint_eq(bytes[len - 1], 2);
    PciBus *pb2 = pci_bus_new(b);
    Piix3State *f = piix3_init(pb2, b, NULL, NULL, NULL);
    Err e = { 0 };
    ck_assert_int_eq(dt_load(&piix3_vms, f, bytes, len, &e), 0);
    ck_assert_uint_eq(f->rcr, 2);
    ck_assert_uint_eq(f->dev.config[0x61], 0x0a);
    bytes[len - 1] = 0x06;                         /* only bit 1 is ever kept */
    ck_assert_int_lt(dt_load(&piix3_vms, f, bytes, len, &e), 0);
    bytes[len - 1] = 2;
    dt_check_truncations(&piix3_vms, f, bytes, len);
    free(bytes);
    piix3_free(s);
    piix3_free(f);
    pci_bus_free(pb);
    pci_bus_free(pb2);
    bus_free(b);
}
END_TEST

int main(void)
{
    setenv("PCEMU_DEVS_VMDESC", "tests/data/pci-vmdesc.txt", 0);
    Suite *s = suite_create("piix3");
    TCase *tc = tcase_create("piix3");
    tcase_add_test(tc, test_piix3_routes_pirqs_and_resets);
    tcase_add_test(tc, test_piix3_table_wire_subsection_and_vmdesc);
    suite_add_tcase(s, tc);
    SRunner *r = srunner_create(s);
    srunner_run_all(r, CK_NORMAL);
    int failed = srunner_ntests_failed(r);
    srunner_free(r);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
