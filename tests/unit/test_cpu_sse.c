/* test_cpu_sse.c: the SSE/SSE2/SSE3 floating-point instructions (emu/cpu/ops_sse_fp.c) as
 * the guest runs them: decoding, lanes, memory operands, MXCSR, and the faults (#UD, #NM,
 * #GP for misalignment, #XM). The register forms are compared with the host's SSE unit
 * running the same instruction (inline assembly: ldmxcsr, the instruction, stmxcsr) on
 * edge-biased random lanes in every rounding mode with DAZ and FTZ on and off, exceptions
 * masked; fixed seeds. RCPPS and RSQRTPS are left out of that comparison: the hardware
 * approximates, pcemu follows QEMU 7.2 (exact 1/x, 1/sqrt(x)); a hand-written case pins
 * that down. */
#include <stdio.h>

#include "tests/unit/cpu_test.h"
#include "emu/cpu/sf.h"

#if !defined(__x86_64__)
#error "test_cpu_sse.c compares with the host's SSE unit: it needs an x86-64 host"
#endif

#define CR4_OSFXSR 0x200u
#define CR4_OSXMMEXCPT 0x400u
#define MX_DEFAULT 0x1F80u

static T *sse_new(void)
{
    T *t = t_new();
    cpu_set_sse(t->cpu, true);
    t_vectors_flat(t);
    S(t)->cr[4] = CR4_OSFXSR | CR4_OSXMMEXCPT;
    return t;
}

/* Runs code (a HLT appended) at 0x1000; returns t_run's vector or -1. */
static int run(T *t, const uint8_t *code, size_t n)
{
    uint8_t buf[64];
    ck_assert_uint_lt(n, sizeof buf);
    memcpy(buf, code, n);
    buf[n] = 0xf4;
    S(t)->halted = 0;
    t_flat(t, 0x1000, buf, n + 1);
    return t_run(t, 10);
}

typedef struct Rng { uint64_t s; } Rng;
static uint64_t rnd(Rng *r)
{
    uint64_t z = (r->s += 0x9E3779B97F4A7C15u);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
    return z ^ (z >> 31);
}

/* A lane of width bits (32 or 64) biased to the special values. */
static uint64_t gen_lane(Rng *r, int bits)
{
    int fb = bits == 32 ? 23 : 52, eb = bits == 32 ? 8 : 11;
    uint64_t emask = ((uint64_t)1 << eb) - 1, bias = emask >> 1, e, frac = rnd(r) & (((uint64_t)1 << fb) - 1);
    switch (rnd(r) % 8) {
    case 0: e = 0; break;
    case 1: e = emask; break;
    case 2: e = 1; break;
    case 3: e = emask - 1; break;
    case 4: e = bias + rnd(r) % 32; break;
    case 5: frac &= ~(((uint64_t)1 << fb) - 1) << 4 >> 4; /* fall through */
    default: e = rnd(r) % (emask + 1); break;
    }
    if (rnd(r) % 4 == 0)
        frac = rnd(r) % 3 ? 0 : (uint64_t)1 << (fb - 1);
    return (rnd(r) & 1) << (bits - 1) | e << fb | frac;
}

/* ---- the host ---- */
static const uint32_t host_default = MX_DEFAULT;
#define HOSTOP(name, insn)                                                                 \
    static void name(uint64_t d[2], const uint64_t s[2], uint32_t *csr)                   \
    {                                                                                      \
        __asm__ volatile("movups (%0), %%xmm0\n\t movups (%1), %%xmm1\n\t ldmxcsr (%2)\n\t" \
                         insn " %%xmm1, %%xmm0\n\t stmxcsr (%2)\n\t ldmxcsr (%3)\n\t"      \
                         "movups %%xmm0, (%0)"                                             \
                         : : "r"(d), "r"(s), "r"(csr), "r"(&host_default)                 \
                         : "xmm0", "xmm1", "memory");                                      \
    }
HOSTOP(h_addps, "addps") HOSTOP(h_addss, "addss") HOSTOP(h_addpd, "addpd") HOSTOP(h_addsd, "addsd")
HOSTOP(h_subps, "subps") HOSTOP(h_subss, "subss") HOSTOP(h_subpd, "subpd") HOSTOP(h_subsd, "subsd")
HOSTOP(h_mulps, "mulps") HOSTOP(h_mulss, "mulss") HOSTOP(h_mulpd, "mulpd") HOSTOP(h_mulsd, "mulsd")
HOSTOP(h_divps, "divps") HOSTOP(h_divss, "divss") HOSTOP(h_divpd, "divpd") HOSTOP(h_divsd, "divsd")
HOSTOP(h_minps, "minps") HOSTOP(h_minss, "minss") HOSTOP(h_minpd, "minpd") HOSTOP(h_minsd, "minsd")
HOSTOP(h_maxps, "maxps") HOSTOP(h_maxss, "maxss") HOSTOP(h_maxpd, "maxpd") HOSTOP(h_maxsd, "maxsd")
HOSTOP(h_sqrtps, "sqrtps") HOSTOP(h_sqrtss, "sqrtss") HOSTOP(h_sqrtpd, "sqrtpd") HOSTOP(h_sqrtsd, "sqrtsd")
HOSTOP(h_cmpltps, "cmpps $1,") HOSTOP(h_cmpunordss, "cmpss $3,") HOSTOP(h_cmpnlepd, "cmppd $6,")
HOSTOP(h_cmpeqsd, "cmpsd $0,")
HOSTOP(h_cvtps2pd, "cvtps2pd") HOSTOP(h_cvtpd2ps, "cvtpd2ps") HOSTOP(h_cvtss2sd, "cvtss2sd")
HOSTOP(h_cvtsd2ss, "cvtsd2ss") HOSTOP(h_cvtdq2ps, "cvtdq2ps") HOSTOP(h_cvtps2dq, "cvtps2dq")
HOSTOP(h_cvttps2dq, "cvttps2dq") HOSTOP(h_cvtdq2pd, "cvtdq2pd") HOSTOP(h_cvtpd2dq, "cvtpd2dq")
HOSTOP(h_cvttpd2dq, "cvttpd2dq")
HOSTOP(h_addsubps, "addsubps") HOSTOP(h_addsubpd, "addsubpd") HOSTOP(h_haddps, "haddps")
HOSTOP(h_haddpd, "haddpd") HOSTOP(h_hsubps, "hsubps") HOSTOP(h_hsubpd, "hsubpd")
HOSTOP(h_andps, "andps") HOSTOP(h_andnpd, "andnpd") HOSTOP(h_orps, "orps") HOSTOP(h_xorpd, "xorpd")
HOSTOP(h_unpcklps, "unpcklps") HOSTOP(h_unpckhps, "unpckhps") HOSTOP(h_unpcklpd, "unpcklpd")
HOSTOP(h_unpckhpd, "unpckhpd") HOSTOP(h_shufps, "shufps $0x1b,") HOSTOP(h_shufpd, "shufpd $1,")
HOSTOP(h_movss, "movss") HOSTOP(h_movsd, "movsd") HOSTOP(h_movhlps, "movhlps")
HOSTOP(h_movlhps, "movlhps") HOSTOP(h_movsldup, "movsldup") HOSTOP(h_movshdup, "movshdup")
HOSTOP(h_movddup, "movddup") HOSTOP(h_movaps, "movaps") HOSTOP(h_movupd, "movupd")

typedef struct Form {
    const char *name;
    uint8_t code[6];    /* the instruction with ModRM C1 (xmm0, xmm1) */
    uint8_t len;
    int bits;           /* lane width for the generator */
    void (*host)(uint64_t d[2], const uint64_t s[2], uint32_t *csr);
} Form;

#define NP(op) { 0x0f, op, 0xc1 }, 3
#define P(pfx, op) { pfx, 0x0f, op, 0xc1 }, 4
#define PI(pfx, op, ib) { pfx, 0x0f, op, 0xc1, ib }, 5
static const Form forms[] = {
    { "addps", NP(0x58), 32, h_addps }, { "addss", P(0xf3, 0x58), 32, h_addss },
    { "addpd", P(0x66, 0x58), 64, h_addpd }, { "addsd", P(0xf2, 0x58), 64, h_addsd },
    { "subps", NP(0x5c), 32, h_subps }, { "subss", P(0xf3, 0x5c), 32, h_subss },
    { "subpd", P(0x66, 0x5c), 64, h_subpd }, { "subsd", P(0xf2, 0x5c), 64, h_subsd },
    { "mulps", NP(0x59), 32, h_mulps }, { "mulss", P(0xf3, 0x59), 32, h_mulss },
    { "mulpd", P(0x66, 0x59), 64, h_mulpd }, { "mulsd", P(0xf2, 0x59), 64, h_mulsd },
    { "divps", NP(0x5e), 32, h_divps }, { "divss", P(0xf3, 0x5e), 32, h_divss },
    { "divpd", P(0x66, 0x5e), 64, h_divpd }, { "divsd", P(0xf2, 0x5e), 64, h_divsd },
    { "minps", NP(0x5d), 32, h_minps }, { "minss", P(0xf3, 0x5d), 32, h_minss },
    { "minpd", P(0x66, 0x5d), 64, h_minpd }, { "minsd", P(0xf2, 0x5d), 64, h_minsd },
    { "maxps", NP(0x5f), 32, h_maxps }, { "maxss", P(0xf3, 0x5f), 32, h_maxss },
    { "maxpd", P(0x66, 0x5f), 64, h_maxpd }, { "maxsd", P(0xf2, 0x5f), 64, h_maxsd },
    { "sqrtps", NP(0x51), 32, h_sqrtps }, { "sqrtss", P(0xf3, 0x51), 32, h_sqrtss },
    { "sqrtpd", P(0x66, 0x51), 64, h_sqrtpd }, { "sqrtsd", P(0xf2, 0x51), 64, h_sqrtsd },
    { "cmpltps", { 0x0f, 0xc2, 0xc1, 1 }, 4, 32, h_cmpltps },
    { "cmpunordss", PI(0xf3, 0xc2, 3), 32, h_cmpunordss },
    { "cmpnlepd", PI(0x66, 0xc2, 6), 64, h_cmpnlepd }, { "cmpeqsd", PI(0xf2, 0xc2, 0), 64, h_cmpeqsd },
    { "cvtps2pd", NP(0x5a), 32, h_cvtps2pd }, { "cvtpd2ps", P(0x66, 0x5a), 64, h_cvtpd2ps },
    { "cvtss2sd", P(0xf3, 0x5a), 32, h_cvtss2sd }, { "cvtsd2ss", P(0xf2, 0x5a), 64, h_cvtsd2ss },
    { "cvtdq2ps", NP(0x5b), 32, h_cvtdq2ps }, { "cvtps2dq", P(0x66, 0x5b), 32, h_cvtps2dq },
    { "cvttps2dq", P(0xf3, 0x5b), 32, h_cvttps2dq }, { "cvtdq2pd", P(0xf3, 0xe6), 32, h_cvtdq2pd },
    { "cvtpd2dq", P(0xf2, 0xe6), 64, h_cvtpd2dq }, { "cvttpd2dq", P(0x66, 0xe6), 64, h_cvttpd2dq },
    { "addsubps", P(0xf2, 0xd0), 32, h_addsubps }, { "addsubpd", P(0x66, 0xd0), 64, h_addsubpd },
    { "haddps", P(0xf2, 0x7c), 32, h_haddps }, { "haddpd", P(0x66, 0x7c), 64, h_haddpd },
    { "hsubps", P(0xf2, 0x7d), 32, h_hsubps }, { "hsubpd", P(0x66, 0x7d), 64, h_hsubpd },
    { "andps", NP(0x54), 32, h_andps }, { "andnpd", P(0x66, 0x55), 64, h_andnpd },
    { "orps", NP(0x56), 32, h_orps }, { "xorpd", P(0x66, 0x57), 64, h_xorpd },
    { "unpcklps", NP(0x14), 32, h_unpcklps }, { "unpckhps", NP(0x15), 32, h_unpckhps },
    { "unpcklpd", P(0x66, 0x14), 64, h_unpcklpd }, { "unpckhpd", P(0x66, 0x15), 64, h_unpckhpd },
    { "shufps", { 0x0f, 0xc6, 0xc1, 0x1b }, 4, 32, h_shufps }, { "shufpd", PI(0x66, 0xc6, 1), 64, h_shufpd },
    { "movss", P(0xf3, 0x10), 32, h_movss }, { "movsd", P(0xf2, 0x10), 64, h_movsd },
    { "movhlps", NP(0x12), 32, h_movhlps }, { "movlhps", NP(0x16), 32, h_movlhps },
    { "movsldup", P(0xf3, 0x12), 32, h_movsldup }, { "movshdup", P(0xf3, 0x16), 32, h_movshdup },
    { "movddup", P(0xf2, 0x12), 64, h_movddup }, { "movaps", NP(0x28), 32, h_movaps },
    { "movupd", P(0x66, 0x10), 64, h_movupd },
};
#define N_FORMS (int)(sizeof forms / sizeof forms[0])

static uint64_t lanes2(Rng *r, int bits)
{
    if (bits == 64)
        return gen_lane(r, 64);
    return gen_lane(r, 32) | gen_lane(r, 32) << 32;
}

START_TEST(test_sse_register_forms_match_host)
{
    const Form *f = &forms[_i];
    T *t = sse_new();
    Rng rng = { 0x13198A2E03707344u + (uint64_t)_i };
    int fails = 0, n = 4000;
    for (int k = 0; k < n; k++) {
        uint64_t d[2] = { lanes2(&rng, f->bits), lanes2(&rng, f->bits) };
        uint64_t s[2] = { lanes2(&rng, f->bits), lanes2(&rng, f->bits) };
        uint32_t mx = MX_DEFAULT | (uint32_t)(rnd(&rng) % 4) << 13 | (rnd(&rng) & 1 ? SF_DAZ : 0) |
                      (rnd(&rng) & 1 ? SF_FTZ : 0);
        S(t)->xmm[0] = (CpuXmm){ d[0], d[1] };
        S(t)->xmm[1] = (CpuXmm){ s[0], s[1] };
        S(t)->mxcsr = mx;
        int v = run(t, f->code, f->len);
        uint64_t want[2] = { d[0], d[1] };
        uint32_t hmx = mx;
        f->host(want, s, &hmx);
        const CpuXmm *got = &S(t)->xmm[0];
        if (v != -1 || got->lo != want[0] || got->hi != want[1] || S(t)->mxcsr != hmx) {
            if (fails++ < 5)
                fprintf(stderr, "%s mxcsr %04x d %016llx:%016llx s %016llx:%016llx: host "
                        "%016llx:%016llx %04x, pcemu %016llx:%016llx %04x (vector %d)\n",
                        f->name, mx, (unsigned long long)d[1], (unsigned long long)d[0],
                        (unsigned long long)s[1], (unsigned long long)s[0],
                        (unsigned long long)want[1], (unsigned long long)want[0], hmx,
                        (unsigned long long)got->hi, (unsigned long long)got->lo,
                        S(t)->mxcsr, v);
        }
    }
    ck_assert_msg(fails == 0, "%s: %d of %d cases differ from the host", f->name, fails, n);
    t_free(t);
}
END_TEST

/* addps xmm0, [0x3008]: misaligned; movaps [0x3000] aligned; movups [0x3008] fine. */
START_TEST(test_sse_faults)
{
    static const uint8_t addps_m[] = { 0x0f, 0x58, 0x05, 0x08, 0x30, 0x00, 0x00 };
    static const uint8_t movups_m[] = { 0x0f, 0x10, 0x05, 0x08, 0x30, 0x00, 0x00 };
    static const uint8_t divss[] = { 0xf3, 0x0f, 0x5e, 0xc1 };
    T *t = sse_new();
    ck_assert_int_eq(run(t, addps_m, sizeof addps_m), 13);            /* #GP: alignment */
    ck_assert_int_eq(run(t, movups_m, sizeof movups_m), -1);
    S(t)->cr[0] |= 8;                                                  /* TS: #NM */
    ck_assert_int_eq(run(t, divss, sizeof divss), 7);
    S(t)->cr[0] |= 4;                                                  /* EM: #UD first */
    ck_assert_int_eq(run(t, divss, sizeof divss), 6);
    S(t)->cr[0] &= ~12u;
    S(t)->cr[4] = 0;                                                   /* no OSFXSR: #UD */
    ck_assert_int_eq(run(t, divss, sizeof divss), 6);
    S(t)->cr[4] = CR4_OSFXSR | CR4_OSXMMEXCPT;
    /* 1 / 0 with ZE unmasked: #XM, the destination unchanged, ZE set */
    S(t)->xmm[0] = (CpuXmm){ 0x3F800000u, 0 };
    S(t)->xmm[1] = (CpuXmm){ 0, 0 };
    S(t)->mxcsr = MX_DEFAULT & ~(SF_ZE << SF_MASK_SHIFT);
    ck_assert_int_eq(run(t, divss, sizeof divss), 19);
    ck_assert_uint_eq(S(t)->xmm[0].lo, 0x3F800000u);
    ck_assert_uint_eq(S(t)->mxcsr & SF_FLAGS, SF_ZE);
    S(t)->cr[4] = CR4_OSFXSR;                                          /* no OSXMMEXCPT: #UD */
    ck_assert_int_eq(run(t, divss, sizeof divss), 6);
    /* masked: the infinity */
    S(t)->mxcsr = MX_DEFAULT;
    ck_assert_int_eq(run(t, divss, sizeof divss), -1);
    ck_assert_uint_eq(S(t)->xmm[0].lo, 0x7F800000u);
    ck_assert_uint_eq(S(t)->mxcsr, MX_DEFAULT | SF_ZE);
    cpu_set_sse(t->cpu, false);                                        /* no SSE: #UD */
    ck_assert_int_eq(run(t, divss, sizeof divss), 6);
    t_free(t);
}
END_TEST

START_TEST(test_sse_memory_gpr_and_flags_forms)
{
    T *t = sse_new();
    /* movaps [0x3000], xmm1; movss xmm2, [0x3004]; cvttss2si eax, xmm2; comiss xmm2, xmm1;
     * movmskps ecx, xmm1; cvtsi2sd xmm3, edx */
    static const uint8_t code[] = {
        0x0f, 0x29, 0x0d, 0x00, 0x30, 0x00, 0x00, 0xf3, 0x0f, 0x10, 0x15, 0x04, 0x30, 0x00, 0x00,
        0xf3, 0x0f, 0x2c, 0xc2, 0x0f, 0x2f, 0xd1, 0x0f, 0x50, 0xc9, 0xf2, 0x0f, 0x2a, 0xda,
    };
    S(t)->xmm[1] = (CpuXmm){ 0xC0490FDB3F800000u, 0x00000000BF000000u };  /* 1, -pi, -0.5, 0 */
    S(t)->regs[R_EDX] = (uint32_t)-7;
    S(t)->mxcsr = MX_DEFAULT;
    ck_assert_int_eq(run(t, code, sizeof code), -1);
    ck_assert_uint_eq(t_rd32(t, 0x3004), 0xC0490FDBu);
    ck_assert_uint_eq(S(t)->xmm[2].lo, 0xC0490FDBu);
    ck_assert_uint_eq(S(t)->xmm[2].hi, 0);
    ck_assert_uint_eq(S(t)->regs[R_EAX], (uint32_t)-3);
    ck_assert_uint_eq(S(t)->eflags & F_ARITH, F_CF);                   /* -pi < 1 */
    ck_assert_uint_eq(S(t)->regs[R_ECX], 0x6);
    ck_assert_uint_eq(S(t)->xmm[3].lo, 0xC01C000000000000u);
    ck_assert_uint_eq(S(t)->mxcsr, MX_DEFAULT | SF_PE);
    t_free(t);
}
END_TEST

/* The half-register and scalar memory forms: movlps xmm4, [0x3100]; movhps [0x3110], xmm4;
 * cvtps2pd xmm5, [0x3101] (m64, no alignment); addss xmm6, [0x3103]; movss [0x3121], xmm6. */
START_TEST(test_sse_partial_memory_forms)
{
    static const uint8_t code[] = {
        0x0f, 0x12, 0x25, 0x00, 0x31, 0x00, 0x00, 0x0f, 0x17, 0x25, 0x10, 0x31, 0x00, 0x00,
        0x0f, 0x5a, 0x2d, 0x08, 0x31, 0x00, 0x00, 0xf3, 0x0f, 0x58, 0x35, 0x03, 0x31, 0x00, 0x00,
        0xf3, 0x0f, 0x11, 0x35, 0x21, 0x31, 0x00, 0x00,
    };
    T *t = sse_new();
    S(t)->xmm[4] = (CpuXmm){ 1, 0x1122334455667788u };
    S(t)->xmm[6] = (CpuXmm){ 0xAAAAAAAA3F800000u, 7 };                  /* 1.0 */
    uint64_t q = 0x4000000040400000u;                                     /* 3.0f, 2.0f */
    memcpy(t->ram + 0x3100, &q, 8);
    memcpy(t->ram + 0x3108, &q, 8);
    S(t)->mxcsr = MX_DEFAULT;
    ck_assert_int_eq(run(t, code, sizeof code), -1);
    ck_assert_uint_eq(S(t)->xmm[4].lo, q);
    ck_assert_uint_eq(S(t)->xmm[4].hi, 0x1122334455667788u);
    ck_assert_uint_eq(t_rd32(t, 0x3110), 0x55667788u);
    ck_assert_uint_eq(S(t)->xmm[5].lo, 0x4008000000000000u);             /* 3.0 */
    ck_assert_uint_eq(S(t)->xmm[5].hi, 0x4000000000000000u);             /* 2.0 */
    uint32_t m3;                                                           /* bytes 0x3103.. */
    memcpy(&m3, t->ram + 0x3103, 4);
    uint32_t mx = MX_DEFAULT;
    uint64_t sum = sf_add(SF_F32, 0x3F800000u, m3, &mx);
    ck_assert_uint_eq(S(t)->xmm[6].lo, 0xAAAAAAAA00000000u | sum);
    ck_assert_uint_eq(S(t)->xmm[6].hi, 7);
    ck_assert_uint_eq(t_rd32(t, 0x3121), (uint32_t)sum);
    ck_assert_uint_eq(S(t)->mxcsr, mx);
    t_free(t);
}
END_TEST

/* A packed operation where one lane raises an unmasked exception: #XM, no lane written,
 * the flags of every lane in MXCSR (SDM vol. 1 11.5.3.2). divps of (1, 1, 0, 3) by
 * (0, 3, 0, 1): ZE, PE, IE. */
START_TEST(test_sse_packed_unmasked_exception_writes_nothing)
{
    static const uint8_t divps[] = { 0x0f, 0x5e, 0xc1 };
    T *t = sse_new();
    CpuXmm a = { 0x3F8000003F800000u, 0x4040000000000000u };
    S(t)->xmm[0] = a;
    S(t)->xmm[1] = (CpuXmm){ 0x4040000000000000u, 0x3F80000000000000u };
    S(t)->mxcsr = MX_DEFAULT & ~(SF_PE << SF_MASK_SHIFT);
    ck_assert_int_eq(run(t, divps, sizeof divps), 19);
    ck_assert(S(t)->xmm[0].lo == a.lo && S(t)->xmm[0].hi == a.hi);
    ck_assert_uint_eq(S(t)->mxcsr & SF_FLAGS, SF_ZE | SF_PE | SF_IE);
    /* ZE unmasked: a pre-computation exception stops it before PE is looked for */
    S(t)->mxcsr = MX_DEFAULT & ~(SF_ZE << SF_MASK_SHIFT);
    ck_assert_int_eq(run(t, divps, sizeof divps), 19);
    ck_assert(S(t)->xmm[0].lo == a.lo && S(t)->xmm[0].hi == a.hi);
    ck_assert_uint_eq(S(t)->mxcsr & SF_FLAGS, SF_ZE | SF_IE);
    t_free(t);
}
END_TEST

/* RCPSS and RSQRTSS give QEMU 7.2's exact 1/x and 1/sqrt(x), no flags. */
START_TEST(test_sse_rcp_rsqrt_are_exact)
{
    static const uint8_t rcpss[] = { 0xf3, 0x0f, 0x53, 0xc1 };
    static const uint8_t rsqrtss[] = { 0xf3, 0x0f, 0x52, 0xc1 };
    T *t = sse_new();
    S(t)->xmm[1] = (CpuXmm){ 0x40400000u, 0 };    /* 3 */
    S(t)->mxcsr = MX_DEFAULT;
    ck_assert_int_eq(run(t, rcpss, sizeof rcpss), -1);
    ck_assert_uint_eq(S(t)->xmm[0].lo & 0xFFFFFFFFu, 0x3EAAAAABu);
    S(t)->xmm[1] = (CpuXmm){ 0x40800000u, 0 };    /* 4 */
    ck_assert_int_eq(run(t, rsqrtss, sizeof rsqrtss), -1);
    ck_assert_uint_eq(S(t)->xmm[0].lo & 0xFFFFFFFFu, 0x3F000000u);
    ck_assert_uint_eq(S(t)->mxcsr, MX_DEFAULT);
    t_free(t);
}
END_TEST

/* FISTTP m32 of -2.75 in round-to-nearest: -2, popped; without SSE3 a reserved x87
 * encoding that does nothing (the FLD still pushes). */
START_TEST(test_sse3_fisttp_truncates_and_pops)
{
    static const uint8_t code[] = { 0xdd, 0x05, 0x00, 0x30, 0x00, 0x00,    /* fld qword [0x3000] */
                                    0xdb, 0x0d, 0x10, 0x30, 0x00, 0x00 };  /* fisttp dword [0x3010] */
    T *t = sse_new();
    cpu_set_fpu(t->cpu, true);
    uint64_t v = 0xC006000000000000u;                  /* -2.75 */
    memcpy(t->ram + 0x3000, &v, 8);
    ck_assert_int_eq(run(t, code, sizeof code), -1);
    ck_assert_uint_eq(t_rd32(t, 0x3010), (uint32_t)-2);
    ck_assert_uint_eq(S(t)->fptag, 0);
    ck_assert_uint_eq(S(t)->fpus & 0x3f, 0x20);       /* PE */
    cpu_set_sse(t->cpu, false);
    t_wr32(t, 0x3010, 0);
    ck_assert_int_eq(run(t, code, sizeof code), -1);
    ck_assert_uint_eq(t_rd32(t, 0x3010), 0);
    ck_assert_uint_ne(S(t)->fptag, 0);
    t_free(t);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("cpu_sse");
    TCase *tc = tcase_create("cpu_sse");
    tcase_set_timeout(tc, 300);
    tcase_add_loop_test(tc, test_sse_register_forms_match_host, 0, N_FORMS);
    tcase_add_test(tc, test_sse_faults);
    tcase_add_test(tc, test_sse_memory_gpr_and_flags_forms);
    tcase_add_test(tc, test_sse_rcp_rsqrt_are_exact);
    tcase_add_test(tc, test_sse_partial_memory_forms);
    tcase_add_test(tc, test_sse_packed_unmasked_exception_writes_nothing);
    tcase_add_test(tc, test_sse3_fisttp_truncates_and_pops);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
