/* test_i440fx.c: the host bridge's identity, PAM decode of 0xC0000-0xFFFFF, the SMRAM window,
 * reset behaviour (PAM kept, as QEMU 7.2) and the I440FX table (wire, load, vmdesc). */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "emu/dev/i440fx.h"
#include "dev_test.h"

#define RAM (2u << 20)

typedef struct Rig { Bus *b; PciBus *pb; uint8_t *ram, *rom_lo, *rom_hi; I440fxState *s; } Rig;

static Rig rig(void)
{
    Rig r = { bus_new(), NULL, xzalloc(RAM), xzalloc(128 << 10), xzalloc(128 << 10), NULL };
    memset(r.rom_hi, 0xb1, 128 << 10);
    memset(r.rom_lo, 0xc1, 128 << 10);
    r.pb = pci_bus_new(r.b);
    bus_map_ram(r.b, 0, 0xa0000, r.ram);
    r.s = i440fx_init(r.pb, r.b, 32u << 20, r.ram, r.rom_lo, r.rom_hi);
    return r;
}

static void unrig(Rig *r)
{
    i440fx_free(r->s);
    pci_bus_free(r->pb);
    bus_free(r->b);
    free(r->ram);
    free(r->rom_lo);
    free(r->rom_hi);
}

static void cfgw(Rig *r, uint8_t reg, uint32_t v, unsigned size)
{
    bus_io_write(r->b, 0xcf8, 0x80000000u | (reg & 0xfcu), 4);
    bus_io_write(r->b, (uint16_t)(0xcfc + (reg & 3)), v, size);
}

START_TEST(test_i440fx_identity_and_reset_values)
{
    Rig r = rig();
    ck_assert_uint_eq(pci_data_read(r.pb, 0x80000000, 4), 0x12378086);
    ck_assert_uint_eq(pci_data_read(r.pb, 0x80000008, 4), 0x06000002);
    ck_assert_uint_eq(r.s->dev.config[I440FX_SMRAM], 0x02);
    ck_assert_uint_eq(r.s->dev.config[I440FX_DRAMC], 4);     /* 32 MiB in 8 MiB units */
    unrig(&r);
}
END_TEST

START_TEST(test_i440fx_pam_switches_rom_and_ram)
{
    Rig r = rig();
    ck_assert_uint_eq(bus_mem_read(r.b, 0xffff0, 1), 0xb1);       /* reset: ROM side */
    ck_assert_uint_eq(bus_mem_read(r.b, 0xc0000, 1), 0xc1);
    bus_mem_write(r.b, 0xf0000, 0x55, 1);
    ck_assert_uint_eq(r.ram[0xf0000], 0);                         /* write dropped */
    uint64_t gen = bus_generation(r.b);
    cfgw(&r, 0x58, 0x00003000, 4);                                /* PAM0 high: RAM */
    ck_assert_uint_gt(bus_generation(r.b), gen);
    bus_mem_write(r.b, 0xf0000, 0x55, 1);
    ck_assert_uint_eq(bus_mem_read(r.b, 0xf0000, 1), 0x55);
    cfgw(&r, 0x58, 0x00001000, 4);                                /* read-only RAM */
    bus_mem_write(r.b, 0xf0000, 0x66, 1);
    ck_assert_uint_eq(bus_mem_read(r.b, 0xf0000, 1), 0x55);
    cfgw(&r, 0x5a, 0x03, 1);                                      /* 0xC0000 only */
    bus_mem_write(r.b, 0xc0000, 0x77, 1);
    bus_mem_write(r.b, 0xc4000, 0x77, 1);
    ck_assert_uint_eq(r.ram[0xc0000], 0x77);
    ck_assert_uint_eq(bus_mem_read(r.b, 0xc4000, 1), 0xc1);
    cfgw(&r, 0x5a, 0x20, 1);                                      /* mode 2 is RAM (QEMU) */
    bus_mem_write(r.b, 0xc4000, 0x78, 1);
    ck_assert_uint_eq(bus_mem_read(r.b, 0xc4000, 1), 0x78);
    i440fx_reset(r.s);                                            /* PAM survives reset */
    ck_assert_uint_eq(bus_mem_read(r.b, 0xf0000, 1), 0x55);
    unrig(&r);
}
END_TEST

/* No VGA: QEMU's empty PCI side shows pc.ram at 0xA0000-0xBFFFF with D_OPEN set or clear. */
START_TEST(test_i440fx_vga_window_is_ram_whatever_smram_says)
{
    Rig r = rig();
    r.ram[0xa0000] = 0x42;
    ck_assert_uint_eq(bus_mem_read(r.b, 0xa0000, 1), 0x42);
    cfgw(&r, 0x72, 0x4a, 1);
    ck_assert_uint_eq(bus_mem_read(r.b, 0xa0000, 1), 0x42);
    cfgw(&r, 0x72, 0x0a, 1);
    bus_mem_write(r.b, 0xb8000, 0xaa55, 2);
    ck_assert_uint_eq(r.ram[0xb8000], 0x55);
    ck_assert_uint_eq(bus_mem_read(r.b, 0xb8000, 2), 0xaa55);
    unrig(&r);
}
END_TEST

START_TEST(test_i440fx_table_wire_load_and_vmdesc)
{
    Rig r = rig();
    cfgw(&r, 0x58, 0x33331000, 4);
    size_t len;
    uint8_t *bytes = dt_save(&i440fx_vms, r.s, &len, NULL);
    ck_assert_uint_eq(len, 277);                  /* QEMU's body size */
    ck_assert_uint_eq(bytes[3], 2);               /* PCIDevice version_id */
    ck_assert_uint_eq(bytes[4 + 0x59], 0x10);
    ck_assert_uint_eq(bytes[4 + 0x5a], 0x33);
    ck_assert_uint_eq(bytes[4 + 0x72], 0x02);
    ck_assert_uint_eq(bytes[276], 0);             /* unused (old smm_enabled) */
    Rig f = rig();
    Err e = { 0 };
    ck_assert_int_eq(dt_load(&i440fx_vms, f.s, bytes, len, &e), 0);
    ck_assert_uint_eq(bus_mem_read(f.b, 0xf0000, 1), 0);          /* RAM mapped after load */
    ck_assert_uint_eq(bus_mem_read(f.b, 0xd0000, 1), 0xc1);       /* PAM3 still PCI */
    bytes[4 + 0x0b] = 0x05;                                       /* wrong class */
    ck_assert_int_lt(dt_load(&i440fx_vms, f.s, bytes, len, &e), 0);
    bytes[4 + 0x0b] = 0x06;
    dt_check_truncations(&i440fx_vms, f.s, bytes, len);
    dt_check_vmdesc(&i440fx_vms, r.s, "0000:00:00.0/I440FX", 0);
    free(bytes);
    unrig(&f);
    unrig(&r);
}
END_TEST

int main(void)
{
    setenv("PCEMU_DEVS_VMDESC", "tests/data/pci-vmdesc.txt", 0);
    Suite *s = suite_create("i440fx");
    TCase *tc = tcase_create("i440fx");
    tcase_add_test(tc, test_i440fx_identity_and_reset_values);
    tcase_add_test(tc, test_i440fx_pam_switches_rom_and_ram);
    tcase_add_test(tc, test_i440fx_vga_window_is_ram_whatever_smram_says);
    tcase_add_test(tc, test_i440fx_table_wire_load_and_vmdesc);
    suite_add_tcase(s, tc);
    SRunner *r = srunner_create(s);
    srunner_run_all(r, CK_NORMAL);
    int failed = srunner_ntests_failed(r);
    srunner_free(r);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
