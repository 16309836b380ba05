/* test_cpu_x87.c: the x87's machinery on the bare CPU of cpu_test.h: the register stack
 * and its tags, the stack fault (C1, the masked indefinite), unmasked exceptions (no
 * result, ES and B, #MF at the next waiting instruction under CR0.NE, FERR# and IGNNE#
 * otherwise), #NM under CR0.EM/TS/MP, the environment and FNSAVE images in 32-bit
 * protected and 16-bit real layouts, the pointers FIP/FCS/FOP/FDP/FDS, FCOMI and FCMOVcc,
 * the integer and BCD stores, and the CPU without an FPU. Values are checked against
 * fx80 itself (its own test compares it with the host x87). */
#include "tests/unit/cpu_test.h"

#include "emu/cpu/fx80.h"
#include "snapshot/format/stream.h"

#define FSW_TOP(s) (((s) >> 11) & 7)

static T *x87_new(void)
{
    T *t = t_new();
    cpu_set_fpu(t->cpu, true);
    return t;
}

static Fx80 st_reg(T *t, unsigned k)
{
    const CpuState *s = S(t);
    const CpuFpReg *r = &s->fpregs[(FSW_TOP(s->fpus) + k) & 7];
    return (Fx80){ .mant = r->mant, .sign_exp = r->exp };
}

static Fx80 ram_fx80(T *t, uint32_t a)
{
    Fx80 v;
    memcpy(&v.mant, t->ram + a, 8);
    v.sign_exp = t_rd16(t, a + 8);
    return v;
}

#define ASSERT_FX80(v, w) do { \
    Fx80 v_ = (v), w_ = (w); \
    ck_assert_msg(v_.mant == w_.mant && v_.sign_exp == w_.sign_exp, "%04x %016llx != %04x %016llx", \
                  v_.sign_exp, (unsigned long long)v_.mant, w_.sign_exp, (unsigned long long)w_.mant); \
} while (0)

START_TEST(test_x87_arithmetic_pushes_pops_and_tags)
{
    T *t = x87_new();
    static const uint8_t code[] = {
        0xdb, 0xe3,                           /* fninit */
        0xd9, 0xe8,                           /* fld1 */
        0xd9, 0xeb,                           /* fldpi */
        0xde, 0xc1,                           /* faddp st1, st0 */
        0xd9, 0xc0,                           /* fld st0 */
        0xd8, 0xc8,                           /* fmul st0, st0 */
        0xdb, 0x3d, 0x00, 0x31, 0x00, 0x00,   /* fstp tword [0x3100] */
        0xdd, 0x1d, 0x10, 0x31, 0x00, 0x00,   /* fstp qword [0x3110] */
        0xf4,
    };
    t_flat(t, 0x1000, code, sizeof code);
    ck_assert_int_eq(t_run(t, 100), -1);
    Fx80Status st = { .cw = 0x37f };
    Fx80 pi = { .mant = 0xc90fdaa22168c235u, .sign_exp = 0x4000 };
    Fx80 sum = fx80_add(fx80_from_int(1), pi, &st);
    ASSERT_FX80(ram_fx80(t, 0x3100), fx80_mul(sum, sum, &st));
    uint64_t d;
    memcpy(&d, t->ram + 0x3110, 8);
    ck_assert_uint_eq(d, fx80_to_f64(sum, &st));
    ck_assert_uint_eq(S(t)->fptag, 0);            /* everything popped */
    ck_assert_uint_eq(FSW_TOP(S(t)->fpus), 0);
    ck_assert_uint_eq(S(t)->fpus & 0x3f, FX80_PE);
    t_free(t);
}
END_TEST

START_TEST(test_x87_stack_overflow_and_underflow_set_sf_c1_and_the_indefinite)
{
    T *t = x87_new();
    uint8_t code[64];
    size_t n = 0;
    code[n++] = 0xdb; code[n++] = 0xe3;          /* fninit */
    for (int k = 0; k < 9; k++) {                /* fld1 x 9: the ninth overflows */
        code[n++] = 0xd9; code[n++] = 0xe8;
    }
    code[n++] = 0xf4;
    t_flat(t, 0x1000, code, n);
    ck_assert_int_eq(t_run(t, 100), -1);
    ck_assert_uint_eq(S(t)->fpus & (FX80_IE | 0x40 | FX80_C1), FX80_IE | 0x40 | FX80_C1);
    ck_assert_uint_eq(S(t)->fptag, 0xff);
    ASSERT_FX80(st_reg(t, 0), FX80_INDEFINITE);   /* masked: the indefinite was pushed */
    ASSERT_FX80(st_reg(t, 1), fx80_from_int(1));
    ck_assert_uint_eq(FSW_TOP(S(t)->fpus), 7);    /* 9 pushes from 0 */
    t_free(t);

    t = x87_new();
    static const uint8_t under[] = {
        0xdb, 0xe3,                           /* fninit */
        0xd9, 0xe8,                           /* fld1 */
        0xd8, 0xc1,                           /* fadd st0, st1: ST(1) is empty */
        0xf4,
    };
    t_flat(t, 0x1000, under, sizeof under);
    ck_assert_int_eq(t_run(t, 100), -1);
    ck_assert_uint_eq(S(t)->fpus & (FX80_IE | 0x40 | FX80_C1), FX80_IE | 0x40);
    ASSERT_FX80(st_reg(t, 0), FX80_INDEFINITE);
    ck_assert_uint_eq(S(t)->fpus & 0x8080, 0);   /* masked: no ES, no B */
    t_free(t);
}
END_TEST

/* FLDCW unmasks ZE; FDIV by zero leaves the stack alone and sets ES and B; the next
 * waiting instruction takes #MF with CR0.NE, while FNSTSW (non-waiting) does not. */
START_TEST(test_x87_unmasked_exception_raises_mf_at_the_next_waiting_instruction)
{
    T *t = x87_new();
    t_vectors_flat(t);
    t_wr16(t, 0x3000, 0x037b);                    /* ZE unmasked */
    static const uint8_t code[] = {
        0xdb, 0xe3,                           /* fninit */
        0xd9, 0x2d, 0x00, 0x30, 0x00, 0x00,   /* fldcw [0x3000] */
        0xd9, 0xe8,                           /* fld1 */
        0xd9, 0xee,                           /* fldz */
        0xde, 0xf9,                           /* fdivp st1, st0: 1 / 0 */
        0xdf, 0xe0,                           /* fnstsw ax */
        0x9b,                                 /* fwait: #MF */
        0xf4,
    };
    t_flat(t, 0x1000, code, sizeof code);
    S(t)->cr[0] |= 0x20;                          /* NE */
    ck_assert_int_eq(t_run(t, 100), 16);
    ck_assert_uint_eq(S(t)->regs[R_EAX] & 0xffff, S(t)->fpus);
    ck_assert_uint_eq(S(t)->fpus & 0x80bf, 0x8000 | 0x80 | FX80_ZE);
    ck_assert_uint_eq(FSW_TOP(S(t)->fpus), 6);    /* not popped */
    ASSERT_FX80(st_reg(t, 0), ((Fx80){ 0, 0 }));
    ck_assert_uint_eq(S(t)->fpop, 0x6f9);         /* DE F9 */
    ck_assert_uint_eq(S(t)->fpip, 0x1000 + 12);
    t_free(t);
}
END_TEST

static int ferr_level, ferr_calls;
static void t_ferr(void *o, bool level)
{
    ferr_level = level;
    ferr_calls++;
}

/* CR0.NE = 0: FERR# rises at the next waiting instruction, which waits (retried: the
 * P6's freeze until an interrupt); IGNNE# (port 0xF0 on the PC) drops FERR# and lets it
 * run; FNCLEX releases IGNNE#. */
START_TEST(test_x87_ferr_without_ne_waits_until_ignne)
{
    T *t = x87_new();
    t_vectors_flat(t);
    cpu_set_ferr(t->cpu, t_ferr, t);
    ferr_level = ferr_calls = 0;
    t_wr16(t, 0x3000, 0x037b);
    static const uint8_t code[] = {
        0xdb, 0xe3,                           /* fninit */
        0xd9, 0x2d, 0x00, 0x30, 0x00, 0x00,   /* fldcw [0x3000] */
        0xd9, 0xe8,                           /* fld1 */
        0xd9, 0xee,                           /* fldz */
        0xde, 0xf9,                           /* fdivp st1, st0 */
        0xf4,
        0xd9, 0xe8,                           /* fld1: waits with FERR# */
        0xdb, 0xe2,                           /* fnclex */
        0xf4,
    };
    t_flat(t, 0x1000, code, sizeof code);
    ck_assert_int_eq(t_run(t, 100), -1);
    ck_assert_int_eq(ferr_calls, 0);              /* the faulting instruction itself: none */
    S(t)->halted = 0;
    ck_assert_int_eq(cpu_run(t->cpu, 50), CPU_EXIT_BUDGET);
    ck_assert_int_eq(ferr_level, 1);
    ck_assert_uint_eq(S(t)->eip, 0x1000 + 15);    /* still at the FLD1 */
    ck_assert_uint_eq(FSW_TOP(S(t)->fpus), 6);
    cpu_ignne(t->cpu);
    ck_assert_int_eq(ferr_level, 0);
    int calls = ferr_calls;
    ck_assert_int_eq(t_run(t, 100), -1);
    ck_assert_int_eq(ferr_calls, calls);
    ck_assert_uint_eq(FSW_TOP(S(t)->fpus), 5);    /* the FLD1 ran */
    ck_assert_uint_eq(S(t)->fpus & 0x80ff, 0);    /* FNCLEX */
    ck_assert_uint_eq(S(t)->hflags2 & 0x80, 0);   /* IGNNE# released */
    t_free(t);
}
END_TEST

START_TEST(test_x87_nm_rules)
{
    static const uint8_t fld1[] = { 0xd9, 0xe8, 0xf4 }, fwait[] = { 0x9b, 0xf4 };
    static const struct { uint32_t cr0; const uint8_t *code; size_t n; int vec; } cases[] = {
        { 0x08, fld1, 3, 7 },   /* TS */
        { 0x04, fld1, 3, 7 },   /* EM */
        { 0x02, fld1, 3, -1 },  /* MP alone */
        { 0x08, fwait, 2, -1 }, /* WAIT: TS alone */
        { 0x04, fwait, 2, -1 }, /* WAIT: EM is not looked at */
        { 0x0a, fwait, 2, 7 },  /* WAIT: MP and TS */
    };
    for (size_t k = 0; k < ARRAY_SIZE(cases); k++) {
        T *t = x87_new();
        t_vectors_flat(t);
        t_flat(t, 0x1000, cases[k].code, cases[k].n);
        S(t)->cr[0] |= cases[k].cr0;
        cpu_flush_all(t->cpu);
        ck_assert_msg(t_run(t, 10) == cases[k].vec, "case %zu", k);
        t_free(t);
    }
}
END_TEST

/* FNSTENV, 32-bit protected mode: CW SW TW with their reserved halves set, FIP, FCS and
 * FOP, FDP, FDS; then every exception masked. */
START_TEST(test_x87_fnstenv_32bit_protected_layout)
{
    T *t = x87_new();
    t_wr32(t, 0x3100, 0x40490fdb);                /* pi as a single */
    static const uint8_t code[] = {
        0xdb, 0xe3,                           /* fninit */
        0xd9, 0x05, 0x00, 0x31, 0x00, 0x00,   /* fld dword [0x3100] */
        0xd9, 0xee,                           /* fldz */
        0xd9, 0x35, 0x00, 0x32, 0x00, 0x00,   /* fnstenv [0x3200] */
        0xf4,
    };
    t_flat(t, 0x1000, code, sizeof code);
    ck_assert_int_eq(t_run(t, 100), -1);
    ck_assert_uint_eq(t_rd32(t, 0x3200), 0xffff037f);
    ck_assert_uint_eq(t_rd32(t, 0x3204), 0xffff0000u | S(t)->fpus);
    ck_assert_uint_eq(t_rd32(t, 0x3208), 0xffff1fffu);   /* ST0 zero (reg 6: 01), ST1 valid (7: 00) */
    ck_assert_uint_eq(t_rd32(t, 0x320c), 0x1008);                 /* FIP: the FLDZ */
    ck_assert_uint_eq(t_rd32(t, 0x3210), 0x01ee0008);             /* FOP D9 EE, FCS 8 */
    ck_assert_uint_eq(t_rd32(t, 0x3214), 0x3100);                 /* FDP: FLDZ has none, the FLD's stays */
    ck_assert_uint_eq(t_rd32(t, 0x3218) & 0xffff, 0x10);          /* FDS */
    ck_assert_uint_eq(S(t)->fpuc, 0x37f);
    t_free(t);
}
END_TEST

/* FNSAVE in 16-bit real mode: the 94-byte image with the 20-bit linear FIP, then FNINIT's
 * state; FRSTOR brings the registers and TOP back. */
START_TEST(test_x87_fnsave_frstor_real_mode_16bit)
{
    T *t = x87_new();
    static const uint8_t code[] = {
        0xdb, 0xe3,                           /* fninit */
        0xd9, 0xe8,                           /* fld1 */
        0xd9, 0xeb,                           /* fldpi */
        0xdd, 0x36, 0x00, 0x31,               /* fnsave [0x3100] */
        0xf4,
        0xdd, 0x26, 0x00, 0x31,               /* frstor [0x3100] */
        0xf4,
    };
    t_real(t, 0x1000, code, sizeof code);
    ck_assert_int_eq(t_run(t, 100), -1);
    ck_assert_uint_eq(t_rd16(t, 0x3100), 0x37f);
    ck_assert_uint_eq(FSW_TOP(t_rd16(t, 0x3102)), 6);
    ck_assert_uint_eq(t_rd16(t, 0x3104), 0x0fff);                 /* regs 6, 7 valid */
    ck_assert_uint_eq(t_rd16(t, 0x3106), 0x1004);                 /* FIP 15:0 (linear) */
    ck_assert_uint_eq(t_rd16(t, 0x3108), 0x01eb);                 /* FIP 19:16, FOP */
    ASSERT_FX80(ram_fx80(t, 0x3100 + 14), ((Fx80){ 0xc90fdaa22168c235u, 0x4000 }));
    ASSERT_FX80(ram_fx80(t, 0x3100 + 24), fx80_from_int(1));
    ck_assert_uint_eq(S(t)->fptag, 0);
    ck_assert_uint_eq(S(t)->fpus, 0);
    S(t)->halted = 0;
    ck_assert_int_eq(t_run(t, 100), -1);
    ck_assert_uint_eq(S(t)->fptag, 0xc0);
    ck_assert_uint_eq(FSW_TOP(S(t)->fpus), 6);
    ASSERT_FX80(st_reg(t, 1), fx80_from_int(1));
    t_free(t);
}
END_TEST

START_TEST(test_x87_fcomi_fcmov_and_integer_bcd_stores)
{
    T *t = x87_new();
    t_wr16(t, 0x3000, (uint16_t)-1234);
    static const uint8_t code[] = {
        0xdb, 0xe3,                           /* fninit */
        0xdf, 0x05, 0x00, 0x30, 0x00, 0x00,   /* fild word [0x3000] */
        0xd9, 0xe8,                           /* fld1 */
        0xdb, 0xf1,                           /* fcomi st0, st1: 1 > -1234 */
        0x9c,                                 /* pushf */
        0x58,                                 /* pop eax */
        0xda, 0xc1,                           /* fcmovb st0, st1: CF = 0, no move */
        0xdb, 0xd1,                           /* fcmovnb st0, st1: moves -1234 */
        0xdb, 0x1d, 0x10, 0x30, 0x00, 0x00,   /* fistp dword [0x3010] */
        0xdf, 0x35, 0x20, 0x30, 0x00, 0x00,   /* fbstp [0x3020] */
        0xf4,
    };
    t_flat(t, 0x1000, code, sizeof code);
    ck_assert_int_eq(t_run(t, 100), -1);
    ck_assert_uint_eq(S(t)->regs[R_EAX] & (F_ZF | F_PF | F_CF), 0);
    ck_assert_uint_eq(t_rd32(t, 0x3010), (uint32_t)-1234);
    static const uint8_t bcd[10] = { 0x34, 0x12, 0, 0, 0, 0, 0, 0, 0, 0x80 };
    ck_assert_mem_eq(t->ram + 0x3020, bcd, 10);
    ck_assert_uint_eq(S(t)->fptag, 0);
    t_free(t);
}
END_TEST

/* Without an FPU (-cpu pentium2,-fpu): nothing happens, FNSTSW leaves its operand. */
START_TEST(test_x87_absent_fpu_does_nothing)
{
    T *t = t_new();
    t_wr16(t, 0x3000, 0xbeef);
    static const uint8_t code[] = {
        0xdb, 0xe3,                           /* fninit */
        0xd9, 0xe8,                           /* fld1 */
        0xdd, 0x3d, 0x00, 0x30, 0x00, 0x00,   /* fnstsw [0x3000] */
        0xf4,
    };
    t_flat(t, 0x1000, code, sizeof code);
    ck_assert_int_eq(t_run(t, 100), -1);
    ck_assert_uint_eq(t_rd16(t, 0x3000), 0xbeef);
    ck_assert_uint_eq(S(t)->fptag, 0);
    ck_assert_uint_eq(S(t)->fpus, 0);
    t_free(t);
}
END_TEST

static uint8_t *save_cpu(Cpu *c, size_t *len)
{
    Stream *s = stream_open_membuf();
    Err e = { 0 };
    ck_assert_msg(vms_save(s, &cpu_vms, c, NULL, &e) == 0, "%s", e.msg);
    const uint8_t *p = stream_membuf(s, len);
    uint8_t *copy = malloc(*len);
    memcpy(copy, p, *len);
    stream_close(s, NULL);
    return copy;
}

/* A CPU saved in the middle of x87 work: the 'cpu' section holds fpus with TOP, the
 * abridged tag byte (bit per physical register in use), the registers by physical number
 * (80 bits, big-endian mantissa then exponent, as QEMU's fpreg tmp) and the fpop_ip_dp
 * subsection; loaded into another CPU, the program finishes with the same results. */
START_TEST(test_x87_state_saves_as_qemu_and_goes_on_after_a_load)
{
    T *a = x87_new(), *b = x87_new();
    static const uint8_t code[] = {
        0xdb, 0xe3,                           /* fninit */
        0xd9, 0xeb,                           /* fldpi */
        0xd9, 0xe8,                           /* fld1 */
        0xf4,
        0xde, 0xf9,                           /* fdivp st1, st0 */
        0xd9, 0xfa,                           /* fsqrt */
        0xdd, 0x1d, 0x00, 0x31, 0x00, 0x00,   /* fstp qword [0x3100] */
        0xf4,
    };
    t_flat(a, 0x1000, code, sizeof code);
    t_flat(b, 0x1000, code, sizeof code);
    ck_assert_int_eq(t_run(a, 100), -1);
    size_t len;
    uint8_t *p = save_cpu(a->cpu, &len);
    ck_assert_uint_eq(p[46] << 8 | p[47], S(a)->fpus);        /* fpus_vmstate */
    ck_assert_uint_eq((p[46] >> 3) & 7, 6);                  /* TOP */
    ck_assert_uint_eq(p[48] << 8 | p[49], 0xc0);             /* fptag_vmstate: regs 6, 7 */
    ck_assert_uint_eq(p[50] << 8 | p[51], 0);                /* fpregs_format: 80-bit */
    static const uint8_t one[10] = { 0x80, 0, 0, 0, 0, 0, 0, 0, 0x3f, 0xff };
    ck_assert_mem_eq(p + 52 + 6 * 10, one, 10);              /* fpregs[6] = ST(0) = 1.0 */
    Stream *s = stream_open_mem(p, len);
    Err e = { 0 };
    ck_assert_msg(vms_load(s, &cpu_vms, b->cpu, cpu_vms.version, &e) == 0, "%s", e.msg);
    stream_close(s, NULL);
    cpu_flush_all(b->cpu);
    ck_assert_uint_eq(S(b)->fpop, S(a)->fpop);               /* the subsection came along */
    ck_assert_uint_eq(S(b)->fpip, 0x1004);
    S(a)->halted = S(b)->halted = 0;
    ck_assert_int_eq(t_run(a, 100), -1);
    ck_assert_int_eq(t_run(b, 100), -1);
    ck_assert_mem_eq(a->ram + 0x3100, b->ram + 0x3100, 8);
    ck_assert_uint_eq(S(a)->fpus, S(b)->fpus);
    ck_assert_uint_eq(S(a)->fptag, S(b)->fptag);
    Fx80Status st = { .cw = 0x37f };
    Fx80 pi = { .mant = 0xc90fdaa22168c235u, .sign_exp = 0x4000 };
    uint64_t want = fx80_to_f64(fx80_sqrt(fx80_div(pi, fx80_from_int(1), &st), &st), &st), got;
    memcpy(&got, b->ram + 0x3100, 8);
    ck_assert_uint_eq(got, want);
    free(p);
    t_free(a);
    t_free(b);
}
END_TEST

static Suite *x87_suite(void)
{
    Suite *s = suite_create("cpu_x87");
    TCase *tc = tcase_create("x87");
    tcase_add_test(tc, test_x87_arithmetic_pushes_pops_and_tags);
    tcase_add_test(tc, test_x87_stack_overflow_and_underflow_set_sf_c1_and_the_indefinite);
    tcase_add_test(tc, test_x87_unmasked_exception_raises_mf_at_the_next_waiting_instruction);
    tcase_add_test(tc, test_x87_ferr_without_ne_waits_until_ignne);
    tcase_add_test(tc, test_x87_nm_rules);
    tcase_add_test(tc, test_x87_fnstenv_32bit_protected_layout);
    tcase_add_test(tc, test_x87_fnsave_frstor_real_mode_16bit);
    tcase_add_test(tc, test_x87_fcomi_fcmov_and_integer_bcd_stores);
    tcase_add_test(tc, test_x87_absent_fpu_does_nothing);
    tcase_add_test(tc, test_x87_state_saves_as_qemu_and_goes_on_after_a_load);
    suite_add_tcase(s, tc);
    return s;
}

int main(void) { return t_main(x87_suite()); }
