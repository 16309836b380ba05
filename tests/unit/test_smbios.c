/* test_smbios.c: the SMBIOS structures and entry point (firmware/smbios.c) taken apart:
 * every structure's header, handle and string set, the entry point's counts, and the
 * memory structures' sizes at the ends of pcemu's RAM range. (tests/scripts/fwcfg_qemu.sh
 * compares the bytes with QEMU's.) */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "firmware/smbios.h"

typedef struct Parsed {
    int n;
    const uint8_t *fmt[16];          /* formatted areas */
    const char *str[16][4];          /* their strings, 1-based in the fields */
    int nstr[16];
    uint32_t max_size;
} Parsed;

/* Splits the structures; fails the test on any malformed one. */
static void parse(const uint8_t *b, uint32_t len, Parsed *p)
{
    memset(p, 0, sizeof *p);
    uint32_t off = 0;
    while (off < len) {
        ck_assert_int_lt(p->n, 16);
        ck_assert_uint_ge(len - off, 4);
        const uint8_t *s = b + off;
        ck_assert_uint_ge(s[1], 4);
        ck_assert_uint_le(s[1], len - off);
        ck_assert_uint_eq(s[2] | s[3] << 8, (uint32_t)s[0] << 8);   /* handle = type << 8 */
        uint32_t o = off + s[1], start = off;
        if (b[o] == 0 && b[o + 1] == 0) {
            o += 2;
        } else {
            while (b[o]) {
                ck_assert_int_lt(p->nstr[p->n], 4);
                p->str[p->n][p->nstr[p->n]++] = (const char *)b + o;
                o += (uint32_t)strlen((const char *)b + o) + 1;
            }
            o++;
        }
        p->fmt[p->n++] = s;
        if (o - start > p->max_size)
            p->max_size = o - start;
        off = o;
    }
    ck_assert_uint_eq(off, len);
}


START_TEST(test_smbios_structures_strings_and_entry_point_agree)
{
    static const uint64_t sizes[] = { 1u << 20, 32u << 20, 1000u << 20, 3ull << 30 };
    static const uint8_t types[] = { 1, 3, 4, 16, 17, 19, 32, 127 };
    SmbiosConfig cfg = { .product = "Standard PC (i440FX + PIIX, 1996)",
                         .version = "pc-i440fx-7.2", .cpuid_version = 0x652,
                         .cpuid_features = 0x1b938 };
    cfg.ram_size = sizes[_i];
    uint8_t *t, a[SMBIOS_ANCHOR_LEN];
    uint32_t len;
    smbios_build(&cfg, &t, &len, a);
    Parsed p;
    parse(t, len, &p);
    ck_assert_int_eq(p.n, 8);
    for (int k = 0; k < 8; k++)
        ck_assert_uint_eq(p.fmt[k][0], types[k]);
    ck_assert_str_eq(p.str[0][0], "QEMU");
    ck_assert_str_eq(p.str[0][1], cfg.product);
    ck_assert_str_eq(p.str[0][2], cfg.version);
    ck_assert_str_eq(p.str[2][0], "CPU 0");
    ck_assert_uint_eq(le32(p.fmt[2] + 8), 0x652);
    ck_assert_uint_eq(le32(p.fmt[2] + 12), 0x1b938);
    ck_assert_uint_eq(le32(p.fmt[3] + 7), cfg.ram_size >> 10);          /* capacity, KiB */
    ck_assert_uint_eq(le16(p.fmt[4] + 12), cfg.ram_size >> 20);         /* DIMM, MiB */
    ck_assert_uint_eq(le32(p.fmt[5] + 4), 0);                           /* start, KiB */
    ck_assert_uint_eq(le32(p.fmt[5] + 8), (cfg.ram_size >> 10) - 1);    /* end, KiB */
    ck_assert_int_eq(memcmp(a, "_SM_", 4), 0);
    ck_assert_int_eq(memcmp(a + 16, "_DMI_", 5), 0);
    ck_assert_uint_eq(a[5], SMBIOS_ANCHOR_LEN);
    ck_assert_uint_eq(le16(a + 8), p.max_size);
    ck_assert_uint_eq(p.max_size, 81);                 /* type 1 with its three strings */
    ck_assert_uint_eq(le16(a + 22), len);
    ck_assert_uint_eq(le16(a + 28), 8);
    ck_assert_uint_eq(a[4] | a[21] | le32(a + 24), 0);   /* checksums, address: SeaBIOS's */
    free(t);
}
END_TEST

static Suite *smbios_suite(void)
{
    Suite *s = suite_create("smbios");
    TCase *tc = tcase_create("core");
    tcase_add_loop_test(tc, test_smbios_structures_strings_and_entry_point_agree, 0, 4);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(smbios_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
