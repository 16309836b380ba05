/* test_cpu_decode.c: the decoder's row selection (opcodes.def's FORMS blocks: ModRM.reg,
 * mod, whole ModRM byte, mandatory prefix, the 0F 38 and 0F 3A maps) on a table of its own,
 * test_cpu_decode.def, over which decode.c is compiled here a second time (as tdec_*); and
 * the real table's x87 escape forms and instruction names. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>

#include "emu/cpu/cpu_int.h"

#define CPU_OPCODES_DEF "tests/unit/test_cpu_decode.def"
#define cpu_decode tdec_decode
#define cpu_insn_name tdec_insn_name
int tdec_decode(Insn *i, const uint8_t *buf, unsigned avail, bool code32);
const char *tdec_insn_name(const Insn *i);
#include "emu/cpu/decode.c"
#undef cpu_decode
#undef cpu_insn_name

typedef struct Case {
    uint8_t b[8];
    unsigned n;             /* bytes given to the decoder */
    int len;                /* cpu_decode's result */
    const char *name;
    OpFn fn;                /* NULL: do not check */
} Case;

static void check(const Case *k, bool code32, bool own_table)
{
    Insn i;
    int len = own_table ? tdec_decode(&i, k->b, k->n, code32) : cpu_decode(&i, k->b, k->n, code32);
    char hex[40] = "";
    for (unsigned j = 0; j < k->n; j++)
        snprintf(hex + 3 * j, 4, "%02x ", k->b[j]);
    ck_assert_msg(len == k->len, "%s: length %d, want %d", hex, len, k->len);
    if (len <= 0)
        return;
    const char *name = own_table ? tdec_insn_name(&i) : cpu_insn_name(&i);
    ck_assert_msg(strcmp(name, k->name) == 0, "%s: %s, want %s", hex, name, k->name);
    ck_assert_msg(!k->fn || i.fn == k->fn, "%s (%s): another handler", hex, name);
}

START_TEST(test_cpu_decode_forms_by_modrm_first_match_wins)
{
    static const Case cases[] = {
        { { 0xd9, 0x00 }, 2, 2, "fld_m32", op_esc },             /* mem, reg 0 */
        { { 0xd9, 0xe8 }, 2, 2, "fld1", op_esc },                /* whole byte, before reg 5 */
        { { 0xd9, 0xe9 }, 2, 2, "reg5", op_esc },
        { { 0xd9, 0xc3 }, 2, 2, "fld_st", op_esc },              /* mod 3, reg 0, any rm */
        { { 0xd9, 0x38, 0xab }, 3, 3, "any7_ib", op_nop },       /* the form's own imm8 */
        { { 0xd9, 0xf8, 0xab }, 3, 3, "any7_ib", op_nop },
        { { 0xd9, 0x0e, 0x34, 0x12 }, 4, 4, "(bad)", op_ud },    /* no form: #UD, EA read */
        { { 0xd9, 0xc8 }, 2, 2, "(bad)", op_ud },
        { { 0xd9, 0x38 }, 2, 0, NULL, NULL },                    /* imm8 still to come */
        { { 0x90 }, 1, 1, "nop", op_nop },                       /* no ModRM: prefix only */
        { { 0xf3, 0x90 }, 2, 2, "pause", op_nop },
        { { 0x66, 0x90 }, 2, 2, "nop", op_nop },
        { { 0x01, 0x00 }, 2, 2, "add", op_add_EwGw },            /* an X row */
        { { 0x66, 0x01, 0x00 }, 3, 3, "add", op_add_EdGd },
        { { 0xf0, 0x01, 0xc0 }, 3, 3, "add", op_ud },            /* LOCK without memory */
    };
    for (unsigned k = 0; k < sizeof cases / sizeof cases[0]; k++)
        check(&cases[k], false, true);
}
END_TEST

START_TEST(test_cpu_decode_forms_by_mandatory_prefix_f2_f3_outrank_66)
{
    static const Case cases[] = {
        { { 0x0f, 0x58, 0xc1 }, 3, 3, "addps", op_nop },
        { { 0x66, 0x0f, 0x58, 0xc1 }, 4, 4, "addpd", op_nop },
        { { 0xf3, 0x0f, 0x58, 0xc1 }, 4, 4, "addss", op_nop },
        { { 0xf2, 0x0f, 0x58, 0xc1 }, 4, 4, "addsd_reg", op_nop },
        { { 0xf2, 0x0f, 0x58, 0x01 }, 4, 4, "(bad)", op_ud },     /* F2 form takes mod 3 only */
        { { 0x66, 0xf3, 0x0f, 0x58, 0xc1 }, 5, 5, "addss", op_nop },
        { { 0xf2, 0x66, 0x0f, 0x58, 0xc1 }, 5, 5, "addsd_reg", op_nop },
        { { 0xf3, 0xf2, 0x0f, 0x58, 0xc1 }, 5, 5, "addsd_reg", op_nop },   /* the last one */
        { { 0xf2, 0xf3, 0x0f, 0x58, 0xc1 }, 5, 5, "addss", op_nop },
        { { 0x26, 0x0f, 0x58, 0x00 }, 4, 4, "addps", op_nop },    /* a segment is no prefix here */
    };
    for (unsigned k = 0; k < sizeof cases / sizeof cases[0]; k++)
        for (int code32 = 0; code32 < 2; code32++)
            check(&cases[k], code32, true);
    /* 66 keeps its operand-size meaning beside selecting a form */
    Insn i;
    static const uint8_t b[] = { 0x66, 0x0f, 0x58, 0xc1 };
    ck_assert_int_eq(tdec_decode(&i, b, sizeof b, true), 4);
    ck_assert(!(i.flags & I_O32));
}
END_TEST

START_TEST(test_cpu_decode_0f38_and_0f3a_maps_take_a_third_opcode_byte)
{
    static const Case cases[] = {
        { { 0x0f, 0x38, 0x00, 0xc1 }, 4, 4, "pshufb", op_nop },
        { { 0x0f, 0x38, 0x00, 0x06, 0x34, 0x12 }, 6, 6, "pshufb", op_nop },
        { { 0x0f, 0x38, 0x01, 0xc1 }, 4, 3, "(bad)", op_ud },     /* no row: no ModRM read */
        { { 0x0f, 0x38 }, 2, 0, NULL, NULL },                    /* the third byte is needed */
        { { 0x66, 0x0f, 0x3a, 0x0f, 0xc1, 0x08 }, 6, 6, "palignr", op_nop },
        { { 0x66, 0x0f, 0x3a, 0x0f, 0xc1 }, 5, 0, NULL, NULL },
        { { 0x0f, 0x3a, 0x0f, 0xc1, 0x08 }, 5, 4, "(bad)", op_ud },
    };
    for (unsigned k = 0; k < sizeof cases / sizeof cases[0]; k++)
        check(&cases[k], false, true);
    Insn i;
    static const uint8_t b[] = { 0x66, 0x0f, 0x3a, 0x0f, 0xc1, 0x08 };
    ck_assert_int_eq(tdec_decode(&i, b, sizeof b, false), 6);
    ck_assert_uint_eq(i.op, 0x0f);
    ck_assert_uint_eq(i.imm, 8);
    ck_assert_uint_eq(i.rm, 1);
}
END_TEST

/* Every form of every escape, memory or register, has its x87 handler (ops_x87*.c), named
 * by its own row; the reserved encodings run op_esc (#NM under CR0.EM or TS, else
 * nothing), named "esc". */
START_TEST(test_cpu_decode_every_x87_form_has_its_handler)
{
    unsigned named = 0;
    for (unsigned op = 0xd8; op <= 0xdf; op++)
        for (unsigned modrm = 0; modrm < 256; modrm++)
            for (int code32 = 0; code32 < 2; code32++) {
                uint8_t b[8] = { (uint8_t)op, (uint8_t)modrm, 0x04, 0, 0, 0, 0, 0 };
                Insn i;
                int len = cpu_decode(&i, b, sizeof b, code32);
                ck_assert_msg(len >= 2, "%02x %02x: %d", op, modrm, len);
                bool is_named = strcmp(cpu_insn_name(&i), "esc") != 0;
                ck_assert_msg(is_named == (i.fn != op_esc), "%02x %02x: %s", op, modrm, cpu_insn_name(&i));
                named += is_named;
            }
    /* 1860 of the 2048 ModRM bytes of D8-DF have a form of their own (memory forms: 60 reg
     * values x 24 bytes; register forms: 48 reg values x 8 bytes, the P6's aliases FSTP1,
     * FCOM2, FCOMP3, FXCH4, FCOMP5, FFREEP, FXCH7, FSTP8, FSTP9 included, + 36 whole
     * bytes), in each mode; the reserved ones (D9 /1 memory, D9 D1, DF E1, ...) take their
     * escape's last row */
    ck_assert_uint_eq(named, 2 * (60 * 24 + 48 * 8 + 36));
    static const Case cases[] = {
        { { 0xd9, 0x06, 0x00, 0x30 }, 4, 4, "fld", op_fld_Mr32 },
        { { 0xd9, 0xc1 }, 2, 2, "fld", op_fld_STi },
        { { 0xd9, 0xe8 }, 2, 2, "fld1", op_fldconst },
        { { 0xd9, 0xee }, 2, 2, "fldz", op_fldconst },
        { { 0xd9, 0xd1 }, 2, 2, "esc", op_esc },
        { { 0xd9, 0x0e, 0x00, 0x30 }, 4, 4, "esc", op_esc },
        { { 0xdb, 0xe3 }, 2, 2, "fninit", op_fninit },
        { { 0xdb, 0x2e, 0x00, 0x30 }, 4, 4, "fld", op_fld_Mr80 },
        { { 0xdd, 0x3e, 0x00, 0x30 }, 4, 4, "fnstsw", op_fnstsw_Mw },
        { { 0xdf, 0xe0 }, 2, 2, "fnstsw", op_fnstsw_AX },
        { { 0xdf, 0xe1 }, 2, 2, "esc", op_esc },
        { { 0xdf, 0xc1 }, 2, 2, "ffreep", op_ffreep_STi },
        { { 0xde, 0xd9 }, 2, 2, "fcompp", op_fcompp },
        { { 0xdc, 0xf8 }, 2, 2, "fdiv", op_farith_STiST0 },
        { { 0xdc, 0xf0 }, 2, 2, "fdivr", op_farith_STiST0 },
    };
    for (unsigned k = 0; k < sizeof cases / sizeof cases[0]; k++)
        check(&cases[k], false, false);
}
END_TEST

START_TEST(test_cpu_decode_names_come_from_the_decoded_row)
{
    static const Case cases[] = {
        { { 0x81, 0xc0, 1, 0 }, 4, 4, "add", op_add_EwIw },
        { { 0x81, 0xf8, 1, 0 }, 4, 4, "cmp", op_cmp_EwIw },
        { { 0xc0, 0xf0, 1 }, 3, 3, "sal", op_shl_EbIb },
        { { 0x8f, 0xc8 }, 2, 2, "(bad)", op_ud },                 /* 8F /1 */
        { { 0x0f, 0xa2 }, 2, 2, "cpuid", op_cpuid },
        { { 0x0f, 0x01, 0x38 }, 3, 3, "invlpg", op_invlpg },
        { { 0x0f, 0x01, 0xf8 }, 3, 3, "invlpg", op_ud },          /* its row, #UD: D_MEM */
        { { 0x0f, 0x0b }, 2, 2, "ud2", op_ud },
        { { 0x0f, 0xff }, 2, 2, "(bad)", op_ud },
        { { 0x0f, 0x38, 0x00, 0xc1 }, 4, 2, "(bad)", op_ud },     /* no 0F 38 rows yet */
        { { 0x0f, 0x38 }, 2, 2, "(bad)", op_ud },
        { { 0x0f, 0x3a, 0x0f, 0xc1, 0x08 }, 5, 2, "(bad)", op_ud },
        { { 0xf3, 0x90 }, 2, 2, "nop", op_nop },
    };
    for (unsigned k = 0; k < sizeof cases / sizeof cases[0]; k++)
        check(&cases[k], false, false);
}
END_TEST

static Suite *cpu_decode_suite(void)
{
    Suite *s = suite_create("cpu_decode");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, test_cpu_decode_forms_by_modrm_first_match_wins);
    tcase_add_test(tc, test_cpu_decode_forms_by_mandatory_prefix_f2_f3_outrank_66);
    tcase_add_test(tc, test_cpu_decode_0f38_and_0f3a_maps_take_a_third_opcode_byte);
    tcase_add_test(tc, test_cpu_decode_every_x87_form_has_its_handler);
    tcase_add_test(tc, test_cpu_decode_names_come_from_the_decoded_row);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *r = srunner_create(cpu_decode_suite());
    srunner_run_all(r, CK_NORMAL);
    int failed = srunner_ntests_failed(r);
    srunner_free(r);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
