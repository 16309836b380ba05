/* test_pc_acpi_tables.c: the machine with -machine acpi=on (emu/machine/pc_acpi_tables.c): its RAM blocks
 * as QEMU 7.2's `info ramblock` lists them, the fw_cfg files SeaBIOS reads, the acpi_build
 * section and its place, a snapshot whose table block is bigger than pcemu's (up to the
 * maximum: taken, served at the length fw_cfg/acpi_mr gives), and hostile snapshots (a
 * block above its maximum, patched out of range, an acpi_mr length above its block) that
 * are refused without changing anything. */
#include <check.h>

#include "tests/unit/vm_test.h"

static Machine *acpi_machine(uint64_t ram, const char *disk)
{
    MachineConfig cfg;
    vt_config(&cfg, ram, NULL, disk, NULL);
    cfg.acpi = true;
    Machine *m = NULL;
    Err e = { 0 };
    ck_assert_msg(machine_new(&cfg, &m, &e) == 0, "machine_new: %s", e.msg);
    vt_config_free(&cfg);
    return m;
}

/* QEMU 7.2 `-M pc-i440fx-7.2,acpi=on -m 32 -nodefaults`, `info ramblock`: name, used, max. */
START_TEST(test_pc_acpi_ram_blocks_are_qemus)
{
    uint64_t ram = (_i ? 128 : 32) * MIB;
    Machine *m = acpi_machine(ram, NULL);
    static const struct { const char *name; uint64_t used, max; } want[] = {
        { "pc.ram", 0, 0 },
        { "/rom@etc/acpi/tables", 0x20000, 0x200000 },
        { "pc.bios", 0x40000, 0 },
        { "pc.rom", 0x20000, 0 },
        { "/rom@etc/table-loader", 0x1000, 0x10000 },
        { "/rom@etc/acpi/rsdp", 0x1000, 0x1000 },
    };
    int n;
    RamBlock *rb = machine_ram_blocks(m, &n);
    ck_assert_int_eq(n, 6);
    for (int i = 0; i < n; i++) {
        ck_assert_str_eq(rb[i].name, want[i].name);
        ck_assert_uint_eq(rb[i].size, want[i].used ? want[i].used : ram);
        ck_assert_uint_eq(rb[i].max_size, want[i].max);
    }
    /* acpi_build once, after piix4_pm and its eight SPD EEPROMs, as QEMU registers it */
    int ns;
    const MachineSection *s = machine_sections(m, &ns);
    int at = -1;
    for (int i = 0; i < ns; i++)
        if (!strcmp(s[i].idstr, "acpi_build")) {
            ck_assert_int_eq(at, -1);
            at = i;
        }
    ck_assert_int_gt(at, 9);
    for (int i = at - 8; i < at; i++)
        ck_assert_str_eq(s[i].idstr, "smbus-eeprom");
    ck_assert_str_eq(s[at - 9].idstr, "0000:00:01.3/piix4_pm");
    ck_assert_uint_eq(s[at].version, 1);
    machine_free(m);
}
END_TEST

/* The fw_cfg file directory read through the ports as SeaBIOS does: name -> size. */
static uint32_t fwcfg_file_size(Machine *m, const char *name)
{
    Bus *b = machine_bus(m);
    bus_io_write(b, 0x510, 0x19, 2);
    uint8_t dir[4 + 64 * 32];
    for (size_t i = 0; i < sizeof dir; i++)
        dir[i] = (uint8_t)bus_io_read(b, 0x511, 1);
    for (uint32_t i = 0; i < be32(dir) && i < 32; i++)
        if (!strcmp((const char *)dir + 4 + 64 * i + 8, name))
            return be32(dir + 4 + 64 * i);
    return 0;
}

START_TEST(test_pc_acpi_fwcfg_files_have_the_blob_lengths)
{
    Machine *m = acpi_machine(32 * MIB, NULL);
    ck_assert_uint_eq(fwcfg_file_size(m, "etc/acpi/tables"), 0x20000);
    ck_assert_uint_eq(fwcfg_file_size(m, "etc/table-loader"), 0x1000);
    ck_assert_uint_eq(fwcfg_file_size(m, "etc/acpi/rsdp"), 20);
    machine_free(m);
    MachineConfig cfg;
    vt_config(&cfg, 32 * MIB, NULL, NULL, NULL);
    Err e = { 0 };
    ck_assert_int_eq(machine_new(&cfg, &m, &e), 0);     /* acpi off: none of them */
    ck_assert_uint_eq(fwcfg_file_size(m, "etc/acpi/rsdp"), 0);
    int n;
    machine_ram_blocks(m, &n);
    ck_assert_int_eq(n, 3);
    machine_free(m);
}
END_TEST

/* Offset of the first byte after `key` (a length-prefixed string) in the stream. */
static size_t after(const uint8_t *b, size_t n, const char *key)
{
    size_t k = strlen(key);
    for (size_t i = 0; i + k + 1 <= n; i++)
        if (b[i] == k && !memcmp(b + i + 1, key, k))
            return i + 1 + k;
    ck_abort_msg("%s not in the stream", key);
    return 0;
}

/* Sets the MEM_SIZE record's length of block `name` to len (and the total with it). */
static void set_block_len(uint8_t *b, size_t n, const char *name, uint64_t len)
{
    size_t total = after(b, n, "pc.ram") - 7 - 8;
    size_t at = after(b, n, name);
    uint64_t old = be64(b + at);
    put_be64(b + at, len);
    put_be64(b + total, be64(b + total) - old + len);
}

START_TEST(test_pc_acpi_snapshot_blocks_load_at_their_sizes_and_bad_ones_are_refused)
{
    vt_make_qcow2("a.qcow2");
    Machine *m = acpi_machine(32 * MIB, "a.qcow2");
    vt_run(m, 8000000);                 /* SeaBIOS has read the tables */
    size_t n;
    uint8_t *good = vt_state(m, &n), *bad = xmalloc(n);
    /* patched is 1: the firmware selected the files */
    size_t patched = after(good, n, "acpi_build") + 8;
    ck_assert_uint_eq(good[patched], 1);
    size_t mr = after(good, n, "fw_cfg/acpi_mr") + 4;
    ck_assert_uint_eq(be64(good + mr), 0x20000);
    ck_assert_uint_eq(be64(good + mr + 8), 0x1000);
    ck_assert_uint_eq(be64(good + mr + 16), 20);

    /* a bigger used size, up to the maximum: taken; the file keeps acpi_mr's length */
    memcpy(bad, good, n);
    set_block_len(bad, n, "/rom@etc/acpi/tables", 0x40000);
    vt_put_snapshot(m, "bigger", bad, n);
    Err e = { 0 };
    ck_assert_msg(loadvm(&m, "bigger", &e) == 0, "%s", e.msg);
    int nb;
    RamBlock *rb = machine_ram_blocks(m, &nb);
    ck_assert_str_eq(rb[1].name, "/rom@etc/acpi/tables");
    ck_assert_uint_eq(rb[1].size, 0x40000);
    ck_assert_uint_eq(fwcfg_file_size(m, "etc/acpi/tables"), 0x20000);
    size_t n2;
    uint8_t *again = vt_state(m, &n2);   /* saved as loaded: the bigger block */
    ck_assert_uint_eq(n2, n + 0x20 * 9); /* 0x20 more pages, each a ZERO record */
    ck_assert_uint_eq(be64(again + after(again, n2, "/rom@etc/acpi/tables")), 0x40000);
    free(again);
    vt_run(m, 1000);

    memcpy(bad, good, n);
    set_block_len(bad, n, "/rom@etc/acpi/tables", 0x400000);
    vt_put_snapshot(m, "toobig", bad, n);
    vt_expect_load_fails(&m, "toobig", "size mismatch: /rom@etc/acpi/tables: 0x400000 in the "
                         "stream, a resizable block of whole pages up to 0x200000 here");
    memcpy(bad, good, n);
    set_block_len(bad, n, "/rom@etc/acpi/rsdp", 0x2000);
    vt_put_snapshot(m, "rsdp", bad, n);
    vt_expect_load_fails(&m, "rsdp", "/rom@etc/acpi/rsdp: 0x2000 in the stream, a resizable "
                         "block of whole pages up to 0x1000 here");
    memcpy(bad, good, n);
    bad[patched] = 2;
    vt_put_snapshot(m, "patched", bad, n);
    vt_expect_load_fails(&m, "patched", "acpi_build: patched 2 is not 0 or 1");
    memcpy(bad, good, n);
    put_be64(bad + mr + 16, 0x1001);
    vt_put_snapshot(m, "mr", bad, n);
    vt_expect_load_fails(&m, "mr", "fw_cfg/acpi_mr: rsdp_mr_size 0x1001 does not fit block "
                         "/rom@etc/acpi/rsdp (0x1000 bytes used)");
    free(good);
    free(bad);
    vt_free_machine(m);
}
END_TEST

static Suite *pc_acpi_suite(void)
{
    Suite *s = suite_create("pc_acpi");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 120);
    tcase_add_checked_fixture(tc, vt_setup, vt_teardown);
    tcase_add_loop_test(tc, test_pc_acpi_ram_blocks_are_qemus, 0, 2);
    tcase_add_test(tc, test_pc_acpi_fwcfg_files_have_the_blob_lengths);
    tcase_add_test(tc, test_pc_acpi_snapshot_blocks_load_at_their_sizes_and_bad_ones_are_refused);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(pc_acpi_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
