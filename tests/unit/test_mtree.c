/* test_mtree.c: the region tree's two listings on small trees whose QEMU 7.2 output is
 * known: gaps filled by an i/o root, a higher-priority child over part of another, an alias
 * with an offset and a read-only alias, a disabled container (its line left out, its
 * children one level deeper; shown with -D), and an address space with nothing to render. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "emu/hw/mtree.h"

typedef struct Text { char buf[8192]; size_t len; } Text;

static void put(void *opaque, const char *s)
{
    Text *t = opaque;
    size_t n = strlen(s);
    ck_assert_uint_lt(t->len + n, sizeof t->buf);
    memcpy(t->buf + t->len, s, n + 1);
    t->len += n;
}

static const char *listing(const Mtree *m, bool flat, bool disabled)
{
    static Text t;
    t.len = 0;
    t.buf[0] = 0;
    mtree_print(m, flat, disabled, put, &t);
    return t.buf;
}

START_TEST(test_mtree_io_root_fills_gaps_and_priority_wins)
{
    Mtree *m = mtree_new();
    MtreeRegion *io = mtree_region(m, "io", MTREE_IO, 0xffff);
    mtree_add(io, mtree_region(m, "pci-conf-idx", MTREE_IO, 3), 0xcf8, 0);
    mtree_add(io, mtree_region(m, "piix3-reset-control", MTREE_IO, 0), 0xcf9, 1);
    MtreeRegion *rtc = mtree_region(m, "rtc", MTREE_IO, 1);
    mtree_add(io, rtc, 0x70, 0);
    mtree_add(rtc, mtree_region(m, "rtc-index", MTREE_IO, 0), 0, 0);
    mtree_add_as(m, "I/O", io);
    ck_assert_str_eq(listing(m, true, false),
        "FlatView #0\n"
        " AS \"I/O\", root: io\n"
        " Root memory region: io\n"
        "  0000000000000000-000000000000006f (prio 0, i/o): io\n"
        "  0000000000000070-0000000000000070 (prio 0, i/o): rtc-index\n"
        "  0000000000000071-0000000000000071 (prio 0, i/o): rtc @0000000000000001\n"
        "  0000000000000072-0000000000000cf7 (prio 0, i/o): io @0000000000000072\n"
        "  0000000000000cf8-0000000000000cf8 (prio 0, i/o): pci-conf-idx\n"
        "  0000000000000cf9-0000000000000cf9 (prio 1, i/o): piix3-reset-control\n"
        "  0000000000000cfa-0000000000000cfb (prio 0, i/o): pci-conf-idx @0000000000000002\n"
        "  0000000000000cfc-000000000000ffff (prio 0, i/o): io @0000000000000cfc\n"
        "\n");
    ck_assert_str_eq(listing(m, false, false),
        "address-space: I/O\n"
        "  0000000000000000-000000000000ffff (prio 0, i/o): io\n"
        "    0000000000000070-0000000000000071 (prio 0, i/o): rtc\n"
        "      0000000000000070-0000000000000070 (prio 0, i/o): rtc-index\n"
        "    0000000000000cf8-0000000000000cfb (prio 0, i/o): pci-conf-idx\n"
        "    0000000000000cf9-0000000000000cf9 (prio 1, i/o): piix3-reset-control\n"
        "\n");
    mtree_free(m);
}
END_TEST

START_TEST(test_mtree_aliases_and_disabled_regions)
{
    Mtree *m = mtree_new();
    MtreeRegion *sys = mtree_region(m, "system", MTREE_CONTAINER, MTREE_ALL);
    MtreeRegion *ram = mtree_region(m, "pc.ram", MTREE_RAM, 0xfffff);
    mtree_add(sys, mtree_alias(m, "ram-below-4g", ram, 0, 0xfffff), 0, 0);
    MtreeRegion *rom = mtree_alias(m, "pam-rom", ram, 0xf0000, 0xffff);
    mtree_set_readonly(rom, true);
    mtree_add(sys, rom, 0xf0000, 1);
    MtreeRegion *off = mtree_alias(m, "pam-ram", ram, 0xf0000, 0xffff);
    mtree_set_enabled(off, false);
    mtree_add(sys, off, 0xf0000, 1);
    MtreeRegion *pm = mtree_region(m, "piix4-pm", MTREE_CONTAINER, 0x3f);
    mtree_add(pm, mtree_region(m, "acpi-evt", MTREE_IO, 3), 0, 0);
    mtree_set_enabled(pm, false);
    mtree_add(sys, pm, 0x600, 0);
    MtreeRegion *bm = mtree_region(m, "bus master container", MTREE_CONTAINER, MTREE_ALL);
    MtreeRegion *master = mtree_alias(m, "bus master", sys, 0, MTREE_ALL);
    mtree_set_enabled(master, false);
    mtree_add(bm, master, 0, 0);
    mtree_add_as(m, "memory", sys);
    mtree_add_as(m, "PIIX3", bm);
    ck_assert_str_eq(listing(m, true, false),
        "FlatView #0\n"
        " AS \"memory\", root: system\n"
        " Root memory region: system\n"
        "  0000000000000000-00000000000effff (prio 0, ram): pc.ram\n"
        "  00000000000f0000-00000000000fffff (prio 0, rom): pc.ram @00000000000f0000\n"
        "\n"
        "FlatView #1\n"
        " AS \"PIIX3\", root: bus master container\n"
        " Root memory region: (none)\n"
        "  No rendered FlatView\n"
        "\n");
    const char *tree =
        "address-space: memory\n"
        "  0000000000000000-ffffffffffffffff (prio 0, i/o): system\n"
        "    0000000000000000-00000000000fffff (prio 0, ram): alias ram-below-4g @pc.ram "
        "0000000000000000-00000000000fffff\n"
        "      0000000000000600-0000000000000603 (prio 0, i/o): acpi-evt\n"
        "    00000000000f0000-00000000000fffff (prio 1, ram): alias pam-rom @pc.ram "
        "00000000000f0000-00000000000fffff\n"
        "\n"
        "address-space: PIIX3\n"
        "  0000000000000000-ffffffffffffffff (prio 0, i/o): bus master container\n"
        "\n"
        "memory-region: pc.ram\n"
        "  0000000000000000-00000000000fffff (prio 0, ram): pc.ram\n"
        "\n"
        "memory-region: system\n"
        "  0000000000000000-ffffffffffffffff (prio 0, i/o): system\n"
        "    0000000000000000-00000000000fffff (prio 0, ram): alias ram-below-4g @pc.ram "
        "0000000000000000-00000000000fffff\n"
        "      0000000000000600-0000000000000603 (prio 0, i/o): acpi-evt\n"
        "    00000000000f0000-00000000000fffff (prio 1, ram): alias pam-rom @pc.ram "
        "00000000000f0000-00000000000fffff\n"
        "\n";
    ck_assert_str_eq(listing(m, false, false), tree);
    /* -D: the disabled ones too, marked; pam-ram, added last, comes first */
    const char *d = listing(m, false, true);
    ck_assert_ptr_nonnull(strstr(d,
        "    0000000000000600-000000000000063f (prio 0, i/o): piix4-pm [disabled]\n"
        "      0000000000000600-0000000000000603 (prio 0, i/o): acpi-evt\n"
        "    00000000000f0000-00000000000fffff (prio 1, ram): alias pam-ram @pc.ram "
        "00000000000f0000-00000000000fffff [disabled]\n"
        "    00000000000f0000-00000000000fffff (prio 1, ram): alias pam-rom"));
    /* the bus master enabled: the device's space renders system */
    mtree_set_enabled(master, true);
    ck_assert_ptr_nonnull(strstr(listing(m, true, false),
        " AS \"memory\", root: system\n AS \"PIIX3\", root: bus master container\n"
        " Root memory region: system\n"));
    mtree_free(m);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("mtree");
    TCase *tc = tcase_create("mtree");
    tcase_add_test(tc, test_mtree_io_root_fills_gaps_and_priority_wins);
    tcase_add_test(tc, test_mtree_aliases_and_disabled_regions);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
