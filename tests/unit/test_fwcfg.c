/* test_fwcfg.c: fw_cfg selector/data ports, the file directory in name order, DMA reads,
 * and the fw_cfg table (wire bytes with its subsections, loads, hostile keys, vmdesc). */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "emu/dev/fwcfg.h"
#include "dev_test.h"

START_TEST(test_fwcfg_ports_items_and_directory)
{
    Bus *b = bus_new();
    uint8_t *ram = xzalloc(1 << 20);
    bus_map_ram(b, 0, 1 << 20, ram);
    FwCfgState *s = fwcfg_init(b, b, true);
    Err e = { 0 };
    ck_assert_int_eq(fwcfg_add_i16(s, FW_CFG_NB_CPUS, 1, &e), 0);
    ck_assert_int_eq(fwcfg_add_file(s, "etc/e820", "\0\0\0\0\0\0\0\0\0\0\0\2\0\0\0\0\1\0\0\0", 20, &e), 0);
    ck_assert_int_eq(fwcfg_add_file(s, "bootorder", "", 0, &e), 0);
    ck_assert_int_eq(fwcfg_add_file(s, "etc/boot-fail-wait", "\xff\xff\xff\xff", 4, &e), 0);
    ck_assert_int_lt(fwcfg_add_bytes(s, 0x20, "x", 1, &e), 0);      /* file range */
    ck_assert_int_lt(fwcfg_add_file(s, "", "x", 1, &e), 0);
    char sig[5] = { 0 };
    for (int i = 0; i < 4; i++)
        sig[i] = (char)bus_io_read(b, 0x511, 1);               /* reset selects key 0 */
    ck_assert_str_eq(sig, "QEMU");
    ck_assert_uint_eq(bus_io_read(b, 0x511, 1), 0);            /* past the end */
    bus_io_write(b, 0x510, FW_CFG_ID, 2);
    ck_assert_uint_eq(bus_io_read(b, 0x511, 1), 3);            /* traditional + DMA */
    bus_io_write(b, 0x510, 0x3000, 2);                         /* no such key */
    ck_assert_uint_eq(bus_io_read(b, 0x511, 1), 0);
    ck_assert_uint_eq(s->cur_entry, FW_CFG_INVALID);
    bus_io_write(b, 0x510, FW_CFG_FILE_DIR, 2);
    uint8_t dir[4 + 3 * 64];
    for (size_t i = 0; i < sizeof dir; i++)
        dir[i] = (uint8_t)bus_io_read(b, 0x510, 1);            /* 0x510 reads data too */
    ck_assert_uint_eq(be32(dir), 3);
    ck_assert_str_eq((char *)dir + 4 + 8, "bootorder");
    ck_assert_uint_eq(be16(dir + 4 + 64 + 4), 0x21);
    ck_assert_str_eq((char *)dir + 4 + 64 + 8, "etc/boot-fail-wait");
    ck_assert_str_eq((char *)dir + 4 + 128 + 8, "etc/e820");
    ck_assert_uint_eq(be32(dir + 4 + 128), 20);
    ck_assert_uint_eq(bus_io_read(b, 0x514, 4), 0x554d4551);   /* "QEMU" of "QEMU CFG" */
    /* DMA: select etc/e820 and read 12 bytes to 0x2000; descriptor at 0x1000 */
    put_be32(ram + 0x1000, 0x22u << 16 | 0x08 | 0x02);
    put_be32(ram + 0x1004, 12);
    put_be64(ram + 0x1008, 0x2000);
    bus_io_write(b, 0x518, __builtin_bswap32(0x1000), 4);
    ck_assert_uint_eq(be32(ram + 0x1000), 0);                  /* done, no error */
    ck_assert_uint_eq(ram[0x200b], 2);                         /* 0x2000000 bytes of RAM */
    ck_assert_uint_eq(s->cur_offset, 12);
    put_be32(ram + 0x1000, 0x10);                              /* write: refused */
    put_be32(ram + 0x1004, 4);
    bus_io_write(b, 0x518, __builtin_bswap32(0x1000), 4);
    ck_assert_uint_eq(be32(ram + 0x1000), 1);
    fwcfg_reset(s);
    ck_assert_uint_eq(s->cur_entry, 0);
    fwcfg_free(s);
    bus_free(b);
    free(ram);
}
END_TEST

/* A borrowed file reads the caller's bytes as they are at the read, survives being
 * replaced by a copy and back, and is not freed by fwcfg_free (ASan would catch either). */
START_TEST(test_fwcfg_file_ref_reads_the_callers_bytes_live)
{
    Bus *b = bus_new();
    FwCfgState *s = fwcfg_init(b, b, true);
    Err e = { 0 };
    uint8_t *blob = xzalloc(8);
    memcpy(blob, "abcd", 4);
    ck_assert_int_eq(fwcfg_add_file_ref(s, "etc/x", blob, 4, NULL, NULL, &e), 0);
    blob[1] = 'B';                                             /* after the add */
    bus_io_write(b, 0x510, FW_CFG_FILE_FIRST, 2);
    char got[5] = { 0 };
    for (int i = 0; i < 4; i++)
        got[i] = (char)bus_io_read(b, 0x511, 1);
    ck_assert_str_eq(got, "aBcd");
    ck_assert_int_eq(fwcfg_add_file(s, "etc/x", "wxyz", 4, &e), 0);   /* a copy now */
    blob[0] = 'Z';
    bus_io_write(b, 0x510, FW_CFG_FILE_FIRST, 2);
    for (int i = 0; i < 4; i++)
        got[i] = (char)bus_io_read(b, 0x511, 1);
    ck_assert_str_eq(got, "wxyz");
    ck_assert_int_eq(fwcfg_add_file_ref(s, "etc/x", blob, 2, NULL, NULL, &e), 0);
    bus_io_write(b, 0x510, FW_CFG_FILE_FIRST, 2);
    ck_assert_uint_eq(bus_io_read(b, 0x511, 1), 'Z');
    ck_assert_uint_eq(bus_io_read(b, 0x511, 1), 'B');
    ck_assert_uint_eq(bus_io_read(b, 0x511, 1), 0);            /* its length is 2 */
    fwcfg_free(s);
    ck_assert_uint_eq(blob[2], 'c');                           /* still the caller's */
    free(blob);
    bus_free(b);
}
END_TEST

START_TEST(test_fwcfg_table_wire_and_vmdesc)
{
    Bus *b = bus_new();
    FwCfgState *s = fwcfg_init(b, b, true);
    s->cur_entry = 0x19;
    s->cur_offset = 0x44;
    static const uint8_t want[] = {
        0x00, 0x19,                          /* cur_entry */
        0x00, 0x00, 0x00, 0x44,              /* cur_offset[1] */
        0x05, 10, 'f', 'w', '_', 'c', 'f', 'g', '/', 'd', 'm', 'a', 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0,              /* dma_addr */
    };
    dt_check_bytes(&fwcfg_vms, s, want, sizeof want);
    FwCfgState *f = fwcfg_init(b, b, true);
    Err e = { 0 };
    ck_assert_int_eq(dt_load(&fwcfg_vms, f, want, sizeof want, &e), 0);
    ck_assert_uint_eq(f->cur_entry, 0x19);
    ck_assert_uint_eq(f->cur_offset, 0x44);
    uint8_t bad[sizeof want];
    memcpy(bad, want, sizeof bad);
    bad[1] = 0x77;                           /* key beyond the table */
    ck_assert_int_lt(dt_load(&fwcfg_vms, f, bad, sizeof bad, &e), 0);
    dt_check_truncations(&fwcfg_vms, f, want, sizeof want);
    s->table_mr_size = 0x20000;              /* QEMU's ACPI blob sizes: subsection sent */
    s->linker_mr_size = 0x1000;
    s->rsdp_mr_size = 0x14;
    dt_check_vmdesc(&fwcfg_vms, s, "fw_cfg", 0);
    fwcfg_free(s);
    fwcfg_free(f);
    bus_free(b);
}
END_TEST

int main(void)
{
    setenv("PCEMU_DEVS_VMDESC", "tests/data/pci-vmdesc.txt", 0);
    Suite *s = suite_create("fwcfg");
    TCase *tc = tcase_create("fwcfg");
    tcase_add_test(tc, test_fwcfg_ports_items_and_directory);
    tcase_add_test(tc, test_fwcfg_file_ref_reads_the_callers_bytes_live);
    tcase_add_test(tc, test_fwcfg_table_wire_and_vmdesc);
    suite_add_tcase(s, tc);
    SRunner *r = srunner_create(s);
    srunner_run_all(r, CK_NORMAL);
    int failed = srunner_ntests_failed(r);
    srunner_free(r);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
