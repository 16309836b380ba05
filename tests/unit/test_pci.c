/* test_pci.c: configuration mechanism #1, the generic PCI function (masks, BARs, INTx and
 * the PIIX3 swizzle) and the PCIDevice, PCIHost and PCIBUS tables (wire bytes, loads,
 * identity checks, truncations, vmdesc against QEMU 7.2's). */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "emu/hw/bus.h"
#include "emu/hw/pci.h"
#include "dev_test.h"

typedef struct TestDev {
    PciDev dev;
    uint32_t last_off, last_val;
} TestDev;

static uint32_t bar_read(void *o, uint32_t off, unsigned size) { return 0xa0 + off; }
static void bar_write(void *o, uint32_t off, uint32_t val, unsigned size)
{
    TestDev *t = o;
    t->last_off = off;
    t->last_val = val;
}

static int pirq_level[4];
static void set_pirq(void *o, int pirq, int level) { pirq_level[pirq] = level; }

static uint32_t cfg_read(Bus *b, uint8_t devfn, uint8_t reg, unsigned size)
{
    bus_io_write(b, 0xcf8, 0x80000000u | devfn << 8 | (reg & 0xfc), 4);
    return bus_io_read(b, (uint16_t)(0xcfc + (reg & 3)), size);
}

static void cfg_write(Bus *b, uint8_t devfn, uint8_t reg, uint32_t v, unsigned size)
{
    bus_io_write(b, 0xcf8, 0x80000000u | devfn << 8 | (reg & 0xfc), 4);
    bus_io_write(b, (uint16_t)(0xcfc + (reg & 3)), v, size);
}

START_TEST(test_pci_config_mechanism_reads_and_absent_functions)
{
    Bus *b = bus_new();
    PciBus *pb = pci_bus_new(b);
    TestDev *t = xzalloc(sizeof *t);
    pci_dev_init(&t->dev, pb, PCI_DEVFN(2, 0), "test", 0x1234, 0x5678, 7, 0x010180);
    ck_assert_uint_eq(cfg_read(b, PCI_DEVFN(2, 0), 0, 4), 0x56781234);
    ck_assert_uint_eq(cfg_read(b, PCI_DEVFN(2, 0), 8, 4), 0x01018007);
    ck_assert_uint_eq(cfg_read(b, PCI_DEVFN(2, 0), 0x2e, 2), 0x1100);
    ck_assert_uint_eq(cfg_read(b, PCI_DEVFN(2, 0), 0x2d, 1), 0x1a);
    ck_assert_uint_eq(cfg_read(b, PCI_DEVFN(3, 0), 0, 4), 0xffffffff);   /* absent */
    ck_assert_uint_eq(cfg_read(b, PCI_DEVFN(3, 0), 2, 2), 0xffff);
    bus_io_write(b, 0xcf8, 0x00001000, 4);                              /* disabled */
    ck_assert_uint_eq(bus_io_read(b, 0xcfc, 4), 0xffffffff);
    ck_assert_uint_eq(bus_io_read(b, 0xcf8, 4), 0x00001000);
    bus_io_write(b, 0xcf8, 0x80000000, 4);                              /* SeaBIOS's probe */
    ck_assert_uint_eq(bus_io_read(b, 0xcf8, 4), 0x80000000);
    bus_io_write(b, 0xcf8, 0x1234, 2);                                  /* only dwords */
    ck_assert_uint_eq(bus_io_read(b, 0xcf8, 4), 0x80000000);
    ck_assert_uint_eq(bus_io_read(b, 0xcfa, 2), 0x0000);                /* QEMU: low half */
    free(t);
    pci_bus_free(pb);
    bus_free(b);
}
END_TEST

START_TEST(test_pci_masks_w1c_and_bar_sizing)
{
    Bus *b = bus_new();
    PciBus *pb = pci_bus_new(b);
    TestDev *t = xzalloc(sizeof *t);
    uint8_t fn = PCI_DEVFN(1, 1);
    pci_dev_init(&t->dev, pb, fn, "test", 0x8086, 0x7010, 0, 0x010180);
    pci_register_bar_io(&t->dev, 4, 16, t, bar_read, bar_write, IO_SIZE_ALL);
    cfg_write(b, fn, 0, 0xffffffff, 4);                  /* identity is read-only */
    ck_assert_uint_eq(cfg_read(b, fn, 0, 4), 0x70108086);
    cfg_write(b, fn, 0x04, 0xffff, 2);
    ck_assert_uint_eq(cfg_read(b, fn, 0x04, 2), 0x0507);
    t->dev.config[PCI_STATUS + 1] = 0xfa;                /* errors latched */
    cfg_write(b, fn, 0x06, 0x1000, 2);                   /* clear one by writing 1 */
    ck_assert_uint_eq(cfg_read(b, fn, 0x06, 2), 0xea00);
    cfg_write(b, fn, 0x10, 0xffffffff, 4);               /* unimplemented BAR reads 0 */
    ck_assert_uint_eq(cfg_read(b, fn, 0x10, 4), 0);
    cfg_write(b, fn, 0x20, 0xffffffff, 4);
    ck_assert_uint_eq(cfg_read(b, fn, 0x20, 4), 0xfffffff1);
    cfg_write(b, fn, 0x20, 0xc000, 4);
    ck_assert_uint_eq(cfg_read(b, fn, 0x20, 4), 0xc001);
    ck_assert_uint_eq(bus_io_read(b, 0xc004, 1), 0xa4);  /* I/O on: mapped */
    cfg_write(b, fn, 0x04, 0, 2);
    ck_assert_uint_eq(bus_io_read(b, 0xc004, 1), 0xff);  /* I/O off: gone */
    cfg_write(b, fn, 0x04, 1, 2);
    bus_io_write(b, 0xc00f, 0x5a, 1);
    ck_assert_uint_eq(t->last_off, 15);
    cfg_write(b, fn, 0x20, 0xd000, 4);
    ck_assert_uint_eq(bus_io_read(b, 0xc004, 1), 0xff);
    ck_assert_uint_eq(bus_io_read(b, 0xd004, 1), 0xa4);
    for (int i = 0; i < 600; i++)                        /* remapping never runs out */
        cfg_write(b, fn, 0x20, 0x1000u + 16u * (uint32_t)i, 4);
    ck_assert_uint_eq(bus_io_read(b, 0x1000 + 16 * 599, 1), 0xa0);
    cfg_write(b, fn, 0x3c, 0xff0b, 2);                   /* line writable, pin not */
    ck_assert_uint_eq(cfg_read(b, fn, 0x3c, 2), 0x000b);
    pci_dev_reset(&t->dev);
    ck_assert_uint_eq(cfg_read(b, fn, 0x20, 4), 0x1);
    ck_assert_uint_eq(cfg_read(b, fn, 0x04, 2), 0);
    ck_assert_uint_eq(cfg_read(b, fn, 0x3c, 1), 0);
    free(t);
    pci_bus_free(pb);
    bus_free(b);
}
END_TEST

START_TEST(test_pci_intx_swizzles_to_pirq_and_counts)
{
    Bus *b = bus_new();
    PciBus *pb = pci_bus_new(b);
    pci_bus_set_pirq_handler(pb, set_pirq, NULL);
    TestDev *t1 = xzalloc(sizeof *t1), *t2 = xzalloc(sizeof *t2);
    pci_dev_init(&t1->dev, pb, PCI_DEVFN(1, 3), "a", 1, 1, 0, 0);
    pci_dev_init(&t2->dev, pb, PCI_DEVFN(3, 0), "b", 1, 2, 0, 0);
    memset(pirq_level, 0, sizeof pirq_level);
    pci_set_irq(&t1->dev, 0, 1);                         /* slot 1 INTA -> PIRQA */
    ck_assert_int_eq(pirq_level[0], 1);
    ck_assert_uint_eq(t1->dev.config[PCI_STATUS] & PCI_STATUS_INTERRUPT, PCI_STATUS_INTERRUPT);
    pci_set_irq(&t2->dev, 2, 1);                         /* slot 3 INTC -> PIRQA */
    ck_assert_int_eq(pb->irq_count[0], 2);
    pci_set_irq(&t1->dev, 0, 0);
    ck_assert_int_eq(pirq_level[0], 1);
    pci_set_irq(&t2->dev, 1, 1);                         /* slot 3 INTB -> PIRQD */
    ck_assert_int_eq(pirq_level[3], 1);
    cfg_write(b, PCI_DEVFN(3, 0), 0x04, 0x400, 2);       /* INTx disable drops both */
    ck_assert_int_eq(pirq_level[0], 0);
    ck_assert_int_eq(pirq_level[3], 0);
    cfg_write(b, PCI_DEVFN(3, 0), 0x04, 0, 2);
    ck_assert_int_eq(pb->irq_count[0], 1);
    ck_assert_int_eq(pb->irq_count[3], 1);
    free(t1);
    free(t2);
    pci_bus_free(pb);
    bus_free(b);
}
END_TEST

typedef struct Wrap {
    PciDev dev;
} Wrap;
static const VmsDesc wrap_vms = {
    .name = "wrap", .version = 1, .min_version = 1,
    .fields = (const VmsField[]){ VMSN_PCI_DEVICE("parent_obj", Wrap, dev), VMS_END },
};

START_TEST(test_pci_device_table_wire_bytes_and_checks)
{
    Bus *b = bus_new();
    PciBus *pb = pci_bus_new(b);
    Wrap *w = xzalloc(sizeof *w);
    pci_dev_init(&w->dev, pb, PCI_DEVFN(1, 1), "ide", 0x8086, 0x7010, 0, 0x010180);
    pci_register_bar_io(&w->dev, 4, 16, w, bar_read, bar_write, IO_SIZE_ALL);
    w->dev.config[0x04] = 0x01;
    pci_set_long(w->dev.config + 0x20, 0xc001);
    w->dev.irq_state[1] = 1;
    uint8_t want[276] = { 0 };
    want[3] = 2;                                   /* version_id, int32 le: be32 2 */
    memcpy(want + 4, w->dev.config, 256);          /* config as is */
    want[4 + 256 + 7] = 1;                         /* irq_state[1] = be32 1 */
    ck_assert_uint_eq(want[4 + 0x20], 0x01);
    dt_check_bytes(&wrap_vms, w, want, sizeof want);

    Wrap *fresh = xzalloc(sizeof *fresh);
    PciBus *pb2 = pci_bus_new(b);
    pci_dev_init(&fresh->dev, pb2, PCI_DEVFN(1, 1), "ide", 0x8086, 0x7010, 0, 0x010180);
    pci_register_bar_io(&fresh->dev, 4, 16, fresh, bar_read, bar_write, IO_SIZE_ALL);
    Err e = { 0 };
    ck_assert_int_eq(dt_load(&wrap_vms, fresh, want, sizeof want, &e), 0);
    ck_assert_mem_eq(fresh->dev.config, w->dev.config, 256);
    ck_assert_int_eq(fresh->dev.irq_state[1], 1);
    ck_assert_uint_eq(fresh->dev.bars[4].addr, 0xc000);     /* BAR remapped on load */

    uint8_t bad[276];
    memcpy(bad, want, sizeof bad);
    bad[4 + 2] = 0x11;                              /* device id */
    ck_assert_int_lt(dt_load(&wrap_vms, fresh, bad, sizeof bad, &e), 0);
    ck_assert(strstr(e.msg, "bad config data at 0x2") != NULL);
    memcpy(bad, want, sizeof bad);
    bad[4 + 0x20] = 0x00;                           /* BAR type bit is identity */
    ck_assert_int_lt(dt_load(&wrap_vms, fresh, bad, sizeof bad, &e), 0);
    memcpy(bad, want, sizeof bad);
    bad[4 + 256 + 3] = 2;                           /* irq state must be 0 or 1 */
    err_clear(&e);
    ck_assert_int_lt(dt_load(&wrap_vms, fresh, bad, sizeof bad, &e), 0);
    ck_assert(strstr(e.msg, "must be 0 or 1") != NULL);
    memcpy(bad, want, sizeof bad);
    bad[3] = 3;                                     /* version_id above ours */
    ck_assert_int_lt(dt_load(&wrap_vms, fresh, bad, sizeof bad, &e), 0);
    dt_check_truncations(&wrap_vms, fresh, want, sizeof want);
    free(w);
    free(fresh);
    pci_bus_free(pb);
    pci_bus_free(pb2);
    bus_free(b);
}
END_TEST

START_TEST(test_pci_host_and_bus_tables)
{
    Bus *b = bus_new();
    PciBus *pb = pci_bus_new(b);
    pb->config_reg = 0x8000005c;
    static const uint8_t host[] = { 0x80, 0x00, 0x00, 0x5c };
    dt_check_bytes(&pci_host_vms, pb, host, sizeof host);
    pb->irq_count[2] = 1;
    static const uint8_t busb[] = { 0, 0, 0, 4,  0, 0, 0, 0,  0, 0, 0, 0,  0, 0, 0, 1,  0, 0, 0, 0 };
    dt_check_bytes(&pci_bus_vms, pb, busb, sizeof busb);
    PciBus *pb2 = pci_bus_new(b);
    Err e = { 0 };
    ck_assert_int_eq(dt_load(&pci_bus_vms, pb2, busb, sizeof busb, &e), 0);
    ck_assert_int_eq(pb2->irq_count[2], 1);
    ck_assert_int_eq(dt_load(&pci_host_vms, pb2, host, sizeof host, &e), 0);
    ck_assert_uint_eq(pb2->config_reg, 0x8000005c);
    uint8_t bad[sizeof busb];
    memcpy(bad, busb, sizeof bad);
    bad[3] = 5;                                     /* nirq must equal 4 */
    ck_assert_int_lt(dt_load(&pci_bus_vms, pb2, bad, sizeof bad, &e), 0);
    memcpy(bad, busb, sizeof bad);
    bad[4] = 0x80;                                  /* negative count */
    ck_assert_int_lt(dt_load(&pci_bus_vms, pb2, bad, sizeof bad, &e), 0);
    dt_check_truncations(&pci_bus_vms, pb2, busb, sizeof busb);
    dt_check_truncations(&pci_host_vms, pb2, host, sizeof host);
    pb->irq_count[2] = 0;
    dt_check_vmdesc(&pci_host_vms, pb, "PCIHost", 0);
    dt_check_vmdesc(&pci_bus_vms, pb, "PCIBUS", 0);
    pci_bus_free(pb);
    pci_bus_free(pb2);
    bus_free(b);
}
END_TEST

int main(void)
{
    setenv("PCEMU_DEVS_VMDESC", "tests/data/pci-vmdesc.txt", 0);
    Suite *s = suite_create("pci");
    TCase *tc = tcase_create("pci");
    tcase_add_test(tc, test_pci_config_mechanism_reads_and_absent_functions);
    tcase_add_test(tc, test_pci_masks_w1c_and_bar_sizing);
    tcase_add_test(tc, test_pci_intx_swizzles_to_pirq_and_counts);
    tcase_add_test(tc, test_pci_device_table_wire_bytes_and_checks);
    tcase_add_test(tc, test_pci_host_and_bus_tables);
    suite_add_tcase(s, tc);
    SRunner *r = srunner_create(s);
    srunner_run_all(r, CK_NORMAL);
    int failed = srunner_ntests_failed(r);
    srunner_free(r);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
