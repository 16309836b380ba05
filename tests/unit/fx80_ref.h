/* fx80_ref.h: the differential harness of test_fx80.c and fuzz_fx80.c: a case (an
 * operation, a control word and operands), how the host's x87 runs it (inline assembly;
 * x86-64 hosts only), how emu/cpu/fx80 runs it, and the comparison of results, exception
 * flags and the condition codes the instruction defines. Also the edge-biased generator. */
#ifndef PCEMU_TESTS_FX80_REF_H
#define PCEMU_TESTS_FX80_REF_H

#include <cpuid.h>
#include <stdio.h>
#include <string.h>

#include "emu/cpu/fx80.h"

#if !defined(__x86_64__) && !defined(__i386__)
#error "fx80_ref.h compares with the host's x87: it needs an x86 host"
#endif

typedef enum {
    FX_ADD, FX_SUB, FX_MUL, FX_DIV, FX_SQRT, FX_PREM, FX_PREM1, FX_RNDINT, FX_SCALE,
    FX_XTRACT, FX_FCOM, FX_FUCOM, FX_FXAM, FX_FIST16, FX_FIST32, FX_FIST64, FX_FISTTP16,
    FX_FISTTP32, FX_FISTTP64, FX_FST32, FX_FST64, FX_FBSTP, FX_FLD32, FX_FLD64, FX_FILD16,
    FX_FILD32, FX_FILD64, FX_FBLD,
    FX_SIN, FX_COS, FX_SINCOS, FX_PTAN, FX_PATAN, FX_F2XM1, FX_YL2X, FX_YL2XP1, FX_OP_N
} FxOp;
#define FX_EXACT_N FX_SIN   /* the operations before it are bit-identical, the rest within 1 ulp */

static const char *const fx_op_names[FX_OP_N] = {
    "fadd", "fsub", "fmul", "fdiv", "fsqrt", "fprem", "fprem1", "frndint", "fscale",
    "fxtract", "fcom", "fucom", "fxam", "fist m16", "fist m32", "fistp m64", "fisttp m16",
    "fisttp m32", "fisttp m64", "fst m32", "fst m64", "fbstp", "fld m32", "fld m64",
    "fild m16", "fild m32", "fild m64", "fbld", "fsin", "fcos", "fsincos", "fptan", "fpatan",
    "f2xm1", "fyl2x", "fyl2xp1",
};
static inline const char *fx_op_name(FxOp op) { return fx_op_names[op]; }

typedef struct FxCase {
    FxOp op;
    uint16_t cw;
    Fx80 a, b;          /* ST(0) and ST(1) */
    uint64_t mem;       /* the source of a load from an integer or binary format */
    uint8_t bcd[10];    /* the source of FBLD */
} FxCase;

typedef struct FxOut {
    Fx80 r, r2;         /* ST(0), and ST(1) of FXTRACT (the exponent) */
    uint64_t mem;       /* a store to an integer or binary format */
    uint8_t bcd[10];
    uint16_t sw;
} FxOut;

/* ---- the host's x87 ---- */
#define FX_CLOBBERS "st", "st(1)", "st(2)", "st(3)", "st(4)", "st(5)", "st(6)", "st(7)", "memory"
/* ST(0) = a, ST(1) = b, one instruction, then the status word and ST(0) (ST(1) too). */
#define FX_HOST2(insn)                                                                   \
    __asm__ volatile("fninit\n\tfldcw %[cw]\n\tfldt %[b]\n\tfldt %[a]\n\t" insn "\n\t"     \
                     "fnstsw %[sw]\n\tfnclex\n\tfstpt %[r]\n\tfstpt %[r2]\n\tfninit"      \
                     : [sw] "=m"(o->sw), [r] "=m"(o->r), [r2] "=m"(o->r2)                 \
                     : [cw] "m"(c->cw), [a] "m"(c->a), [b] "m"(c->b) : FX_CLOBBERS)
/* A store of a = ST(0) to memory. */
#define FX_HOST_ST(insn, dst)                                                            \
    __asm__ volatile("fninit\n\tfldcw %[cw]\n\tfldt %[a]\n\t" insn " %[d]\n\t"            \
                     "fnstsw %[sw]\n\tfninit"                                            \
                     : [sw] "=m"(o->sw), [d] "+m"(dst) : [cw] "m"(c->cw), [a] "m"(c->a)   \
                     : FX_CLOBBERS)
/* A load from memory into ST(0). */
#define FX_HOST_LD(insn, src)                                                            \
    __asm__ volatile("fninit\n\tfldcw %[cw]\n\t" insn " %[s]\n\t"                         \
                     "fnstsw %[sw]\n\tfnclex\n\tfstpt %[r]\n\tfninit"                     \
                     : [sw] "=m"(o->sw), [r] "=m"(o->r) : [cw] "m"(c->cw), [s] "m"(src)   \
                     : FX_CLOBBERS)

static inline void fx_host(const FxCase *c, FxOut *o)
{
    uint16_t m16 = 0x5A5A;
    uint32_t m32 = 0x5A5A5A5A;
    memset(o, 0x5A, sizeof *o);
    const uint16_t s16 = (uint16_t)c->mem;
    const uint32_t s32 = (uint32_t)c->mem;
    switch (c->op) {
    case FX_ADD: FX_HOST2("fadd %%st(1), %%st"); break;
    case FX_SUB: FX_HOST2("fsub %%st(1), %%st"); break;
    case FX_MUL: FX_HOST2("fmul %%st(1), %%st"); break;
    case FX_DIV: FX_HOST2("fdiv %%st(1), %%st"); break;
    case FX_SQRT: FX_HOST2("fsqrt"); break;
    case FX_PREM: FX_HOST2("fprem"); break;
    case FX_PREM1: FX_HOST2("fprem1"); break;
    case FX_RNDINT: FX_HOST2("frndint"); break;
    case FX_SCALE: FX_HOST2("fscale"); break;
    case FX_XTRACT: FX_HOST2("fxtract"); break;
    case FX_FCOM: FX_HOST2("fcom %%st(1)"); break;
    case FX_FUCOM: FX_HOST2("fucom %%st(1)"); break;
    case FX_FXAM: FX_HOST2("fxam"); break;
    case FX_FIST16: FX_HOST_ST("fists", m16); o->mem = (uint64_t)(int64_t)(int16_t)m16; break;
    case FX_FIST32: FX_HOST_ST("fistl", m32); o->mem = (uint64_t)(int64_t)(int32_t)m32; break;
    case FX_FIST64: FX_HOST_ST("fistpll", o->mem); break;
    case FX_FISTTP16: FX_HOST_ST("fisttps", m16); o->mem = (uint64_t)(int64_t)(int16_t)m16; break;
    case FX_FISTTP32: FX_HOST_ST("fisttpl", m32); o->mem = (uint64_t)(int64_t)(int32_t)m32; break;
    case FX_FISTTP64: FX_HOST_ST("fisttpll", o->mem); break;
    case FX_FST32: FX_HOST_ST("fsts", m32); o->mem = m32; break;
    case FX_FST64: FX_HOST_ST("fstl", o->mem); break;
    case FX_FBSTP: FX_HOST_ST("fbstp", o->bcd); break;
    case FX_FLD32: FX_HOST_LD("flds", s32); break;
    case FX_FLD64: FX_HOST_LD("fldl", c->mem); break;
    case FX_FILD16: FX_HOST_LD("filds", s16); break;
    case FX_FILD32: FX_HOST_LD("fildl", s32); break;
    case FX_FILD64: FX_HOST_LD("fildll", c->mem); break;
    case FX_FBLD: FX_HOST_LD("fbld", c->bcd); break;
    case FX_SIN: FX_HOST2("fsin"); break;
    case FX_COS: FX_HOST2("fcos"); break;
    case FX_SINCOS: FX_HOST2("fsincos"); break;
    case FX_PTAN: FX_HOST2("fptan"); break;
    case FX_PATAN: FX_HOST2("fpatan"); break;
    case FX_F2XM1: FX_HOST2("f2xm1"); break;
    case FX_YL2X: FX_HOST2("fyl2x"); break;
    case FX_YL2XP1: FX_HOST2("fyl2xp1"); break;
    case FX_OP_N: break;
    }
}

/* ---- emu/cpu/fx80 ---- */
static inline void fx_soft(const FxCase *c, FxOut *o)
{
    Fx80Status st = { .cw = c->cw, .sw = 0 };
    memset(o, 0x5A, sizeof *o);
    switch (c->op) {
    case FX_ADD: o->r = fx80_add(c->a, c->b, &st); break;
    case FX_SUB: o->r = fx80_sub(c->a, c->b, &st); break;
    case FX_MUL: o->r = fx80_mul(c->a, c->b, &st); break;
    case FX_DIV: o->r = fx80_div(c->a, c->b, &st); break;
    case FX_SQRT: o->r = fx80_sqrt(c->a, &st); break;
    case FX_PREM: o->r = fx80_prem(c->a, c->b, &st); break;
    case FX_PREM1: o->r = fx80_prem1(c->a, c->b, &st); break;
    case FX_RNDINT: o->r = fx80_rndint(c->a, &st); break;
    case FX_SCALE: o->r = fx80_scale(c->a, c->b, &st); break;
    case FX_XTRACT: fx80_xtract(c->a, &o->r2, &o->r, &st); break;
    case FX_FCOM: fx80_compare(c->a, c->b, false, &st); break;
    case FX_FUCOM: fx80_compare(c->a, c->b, true, &st); break;
    case FX_FXAM: fx80_classify(c->a, &st); break;
    case FX_FIST16: o->mem = (uint64_t)fx80_to_int(c->a, 16, false, &st); break;
    case FX_FIST32: o->mem = (uint64_t)fx80_to_int(c->a, 32, false, &st); break;
    case FX_FIST64: o->mem = (uint64_t)fx80_to_int(c->a, 64, false, &st); break;
    case FX_FISTTP16: o->mem = (uint64_t)fx80_to_int(c->a, 16, true, &st); break;
    case FX_FISTTP32: o->mem = (uint64_t)fx80_to_int(c->a, 32, true, &st); break;
    case FX_FISTTP64: o->mem = (uint64_t)fx80_to_int(c->a, 64, true, &st); break;
    case FX_FST32: o->mem = fx80_to_f32(c->a, &st); break;
    case FX_FST64: o->mem = fx80_to_f64(c->a, &st); break;
    case FX_FBSTP: fx80_to_bcd(c->a, o->bcd, &st); break;
    case FX_FLD32: o->r = fx80_from_f32((uint32_t)c->mem, &st); break;
    case FX_FLD64: o->r = fx80_from_f64(c->mem, &st); break;
    case FX_FILD16: o->r = fx80_from_int((int16_t)c->mem); break;
    case FX_FILD32: o->r = fx80_from_int((int32_t)c->mem); break;
    case FX_FILD64: o->r = fx80_from_int((int64_t)c->mem); break;
    case FX_FBLD: o->r = fx80_from_bcd(c->bcd); break;
    case FX_SIN: o->r = fx80_sin(c->a, &st); break;
    case FX_COS: o->r = fx80_cos(c->a, &st); break;
    case FX_SINCOS:
        fx80_sincos(c->a, &o->r2, &o->r, &st);
        if (st.sw & FX80_C2)            /* nothing pushed */
            o->r2 = c->b;
        break;
    case FX_PTAN:                       /* pushes 1.0 after a number, the NaN again */
        o->r2 = fx80_tan(c->a, &st);
        o->r = (o->r2.sign_exp & 0x7FFF) == 0x7FFF && o->r2.mant << 1
             ? o->r2 : (Fx80){ 0x8000000000000000u, 0x3FFF };
        if (st.sw & FX80_C2)
            o->r = c->a, o->r2 = c->b;
        break;
    case FX_PATAN: o->r = fx80_atan(c->b, c->a, &st); break;
    case FX_F2XM1: o->r = fx80_2xm1(c->a, &st); break;
    case FX_YL2X: o->r = fx80_yl2x(c->b, c->a, &st); break;
    case FX_YL2XP1: o->r = fx80_yl2xp1(c->b, c->a, &st); break;
    case FX_OP_N: break;
    }
    o->sw = st.sw;
}

/* ---- comparison ---- */
static inline bool fx_eq(Fx80 x, Fx80 y) { return x.mant == y.mant && x.sign_exp == y.sign_exp; }

/* How many representable values apart x and y are (0 when equal; large when they are
 * not both finite with one sign, unless identical). */
static inline uint64_t fx_ulps(Fx80 x, Fx80 y)
{
    if (fx_eq(x, y))
        return 0;
    if ((x.sign_exp ^ y.sign_exp) & 0x8000 || (x.sign_exp & 0x7FFF) == 0x7FFF ||
        (y.sign_exp & 0x7FFF) == 0x7FFF)
        return UINT64_MAX;
    unsigned __int128 kx = (unsigned __int128)(x.sign_exp & 0x7FFF) << 63 |
                           (x.mant & ~0x8000000000000000u);
    unsigned __int128 ky = (unsigned __int128)(y.sign_exp & 0x7FFF) << 63 |
                           (y.mant & ~0x8000000000000000u);
    unsigned __int128 d = kx > ky ? kx - ky : ky - kx;
    return d > UINT64_MAX ? UINT64_MAX : (uint64_t)d;
}

/* The transcendentals: IE, DE, ZE and C2 identical; results within one ulp. The largest
 * distance seen goes to *max_ulps. */
static inline bool fx_close(const FxCase *c, const FxOut *want, const FxOut *got,
                            uint64_t *max_ulps, char *why, size_t n)
{
    uint16_t mask = FX80_IE | FX80_DE | FX80_ZE | FX80_C2;
    bool ok = (want->sw & mask) == (got->sw & mask);
    bool stopped = want->sw & ~c->cw & (FX80_IE | FX80_ZE | FX80_DE);
    uint64_t d = stopped ? 0 : fx_ulps(want->r, got->r);
    if (!stopped && (c->op == FX_SINCOS || c->op == FX_PTAN)) {
        uint64_t d2 = fx_ulps(want->r2, got->r2);
        d = d2 > d ? d2 : d;
    }
    if (d <= 1 && d > *max_ulps)
        *max_ulps = d;
    ok = ok && d <= 1;
    if (!ok)
        snprintf(why, n, "%s cw %04x a %04x:%016llx b %04x:%016llx: host sw %04x r %04x:%016llx "
                 "r2 %04x:%016llx; fx80 sw %04x r %04x:%016llx r2 %04x:%016llx",
                 fx_op_name(c->op), c->cw, c->a.sign_exp, (unsigned long long)c->a.mant,
                 c->b.sign_exp, (unsigned long long)c->b.mant, want->sw, want->r.sign_exp,
                 (unsigned long long)want->r.mant, want->r2.sign_exp,
                 (unsigned long long)want->r2.mant, got->sw, got->r.sign_exp,
                 (unsigned long long)got->r.mant, got->r2.sign_exp,
                 (unsigned long long)got->r2.mant);
    return ok;
}

/* Whether the outputs agree, else a description of the case in why. An unmasked IE, ZE
 * or DE leaves no result; an unmasked OE or UE none in memory either. */
/* Whether the host x87 is an Intel part (CPUID vendor GenuineIntel). */
static inline bool fx_host_intel(void)
{
    unsigned a = 0, b = 0, c = 0, d = 0;
    return __get_cpuid(0, &a, &b, &c, &d) && b == 0x756e6547 && d == 0x49656e69 &&
           c == 0x6c65746e;
}

/* A corner where Intel's and AMD's x87 differ, so that an Intel host is no reference for
 * fx80, which follows AMD's: a denormal operand delivered unchanged as the result (FPREM
 * and FPREM1 by an infinity, FSCALE by a zero) with underflow unmasked. AMD raises UE and
 * delivers it scaled by 2^24576; Intel (a Xeon, 2026) raises DE only and delivers it as it
 * is. */
static inline bool fx_vendor_corner(const FxCase *c)
{
    bool denormal = (c->a.sign_exp & 0x7FFF) == 0 && c->a.mant;
    bool b_inf = (c->b.sign_exp & 0x7FFF) == 0x7FFF && c->b.mant == 0x8000000000000000u;
    bool b_zero = (c->b.sign_exp & 0x7FFF) == 0 && c->b.mant == 0;
    return denormal && !(c->cw & FX80_UE) &&
           (((c->op == FX_PREM || c->op == FX_PREM1) && b_inf) || (c->op == FX_SCALE && b_zero));
}

static inline bool fx_same(const FxCase *c, const FxOut *want, const FxOut *got, char *why,
                           size_t n)
{
    uint16_t cc;
    switch (c->op) {
    case FX_PREM: case FX_PREM1: case FX_FCOM: case FX_FUCOM: case FX_FXAM: cc = FX80_CC; break;
    default: cc = FX80_C1; break;
    }
    uint16_t mask = FX80_EXC | cc;
    uint16_t stopped = want->sw & ~c->cw & (FX80_IE | FX80_ZE | FX80_DE);
    bool to_mem = c->op >= FX_FIST16 && c->op <= FX_FBSTP;
    if (stopped || (to_mem && (want->sw & ~c->cw & (FX80_OE | FX80_UE))))
        mask = FX80_EXC;   /* no result, and what the caller does with C0-C3 is its own */
    bool ok = (want->sw & mask) == (got->sw & mask);
    if (ok && !(mask & cc) && (stopped || to_mem))
        return true;
    switch (c->op) {
    case FX_FCOM: case FX_FUCOM: case FX_FXAM:
        break;
    case FX_XTRACT:
        ok = ok && fx_eq(want->r, got->r) && fx_eq(want->r2, got->r2);
        break;
    case FX_FIST16: case FX_FIST32: case FX_FIST64: case FX_FISTTP16: case FX_FISTTP32:
    case FX_FISTTP64: case FX_FST32: case FX_FST64:
        ok = ok && want->mem == got->mem;
        break;
    case FX_FBSTP:
        ok = ok && !memcmp(want->bcd, got->bcd, 10);
        break;
    default:
        ok = ok && fx_eq(want->r, got->r);
        break;
    }
    if (!ok)
        snprintf(why, n, "%s cw %04x a %04x:%016llx b %04x:%016llx mem %016llx: host sw %04x "
                 "r %04x:%016llx r2 %04x:%016llx mem %016llx; fx80 sw %04x r %04x:%016llx "
                 "r2 %04x:%016llx mem %016llx", fx_op_name(c->op), c->cw, c->a.sign_exp,
                 (unsigned long long)c->a.mant, c->b.sign_exp, (unsigned long long)c->b.mant,
                 (unsigned long long)c->mem, want->sw & mask, want->r.sign_exp,
                 (unsigned long long)want->r.mant, want->r2.sign_exp,
                 (unsigned long long)want->r2.mant, (unsigned long long)want->mem,
                 got->sw & mask, got->r.sign_exp, (unsigned long long)got->r.mant,
                 got->r2.sign_exp, (unsigned long long)got->r2.mant,
                 (unsigned long long)got->mem);
    return ok;
}

/* ---- the generator ---- */
#define ARRAY_LEN_FX(a) (sizeof(a) / sizeof((a)[0]))
typedef struct FxRng { uint64_t s; } FxRng;

static inline uint64_t fx_rnd(FxRng *g)   /* xorshift64* */
{
    g->s ^= g->s >> 12;
    g->s ^= g->s << 25;
    g->s ^= g->s >> 27;
    return g->s * 0x2545F4914F6CDD1Du;
}
static inline uint32_t fx_below(FxRng *g, uint32_t n) { return (uint32_t)(fx_rnd(g) % n); }

/* A significand pattern: random, short (trailing zeros), runs of ones, single bits, and
 * values at, just below and just above a rounding position of 24, 53 or 64 bits. */
static inline uint64_t fx_gen_mant(FxRng *g)
{
    static const int cut[] = { 40, 11, 0, 39, 10, 32, 63 };
    uint64_t m = fx_rnd(g);
    int p = cut[fx_below(g, 7)];
    switch (fx_below(g, 8)) {
    case 0: return m & ~(uint64_t)0 << fx_below(g, 64);
    case 1: return m | (((uint64_t)1 << fx_below(g, 64)) - 1);
    case 2: return ~(uint64_t)0 << fx_below(g, 3);
    case 3: return (uint64_t)1 << fx_below(g, 64);
    case 4: return p ? (m & ~(uint64_t)0 << p) | (uint64_t)1 << (p - 1) : m;
    case 5:
        return p ? (m & ~(uint64_t)0 << p) | (((uint64_t)1 << (p - 1)) + (fx_rnd(g) & 1 ? 1 : -1))
                 : m;
    default: return m;
    }
}

/* Interesting exponents: the format limits, the single and double limits (stores),
 * the integer ranges (FIST, FBSTP), 1 (rounding to integer). */
static inline int32_t fx_gen_exp(FxRng *g)
{
    static const int32_t centre[] = {
        0x3FFF, 0x3FFF, 0x3FFF, 1, 0x7FFE, 0x3FFF + 127, 0x3FFF - 126, 0x3FFF - 149,
        0x3FFF + 1023, 0x3FFF - 1022, 0x3FFF - 1074, 0x3FFF + 15, 0x3FFF + 31, 0x3FFF + 63,
        0x3FFF + 59, 0x3FFF - 16382 + 63,
    };
    int32_t e = centre[fx_below(g, ARRAY_LEN_FX(centre))] + (int32_t)fx_below(g, 9) - 4;
    if (fx_below(g, 4) == 0)
        e = (int32_t)fx_below(g, 0x7FFE) + 1;
    return e < 1 ? 1 : e > 0x7FFE ? 0x7FFE : e;
}
static inline Fx80 fx_gen(FxRng *g)
{
    uint16_t sign = fx_below(g, 2) ? 0x8000 : 0;
    uint64_t m = fx_gen_mant(g), top = 0x8000000000000000u;
    Fx80 r;
    switch (fx_below(g, 32)) {
    case 0: case 1: r = (Fx80){ 0, 0 }; break;                                 /* zero */
    case 2: case 3: r = (Fx80){ (m >> 1) | !m, 0 }; break;                     /* denormal */
    case 4: r = (Fx80){ m | top, 0 }; break;                                   /* pseudo-denormal */
    case 5: r = (Fx80){ m & ~top, (uint16_t)fx_gen_exp(g) }; break;            /* unnormal */
    case 6: case 7: r = (Fx80){ top, 0x7FFF }; break;                          /* infinity */
    case 8: case 9: r = (Fx80){ m | top | (top >> 1), 0x7FFF }; break;         /* QNaN */
    case 10: case 11: r = (Fx80){ ((m & ~(top >> 1)) | top | 1), 0x7FFF }; break; /* SNaN */
    case 12: r = (Fx80){ m & ~top, 0x7FFF }; break;                            /* pseudo-NaN/inf */
    default: r = (Fx80){ m | top, (uint16_t)fx_gen_exp(g) }; break;
    }
    r.sign_exp |= sign;
    return r;
}

/* A second operand near the first: close exponent, 1-ulp neighbours, the same value. */
static inline Fx80 fx_gen_near(FxRng *g, Fx80 a)
{
    Fx80 b = a;
    int32_t e = a.sign_exp & 0x7FFF;
    switch (fx_below(g, 6)) {
    case 0: b.mant += fx_rnd(g) & 1 ? 1 : -1; break;
    case 1: break;
    case 2: b.sign_exp ^= 0x8000; break;
    default:
        e += (int32_t)fx_below(g, 141) - 70;
        if (fx_below(g, 4) == 0)
            e -= (int32_t)fx_below(g, 400);
        e = e < 1 ? 1 : e > 0x7FFE ? 0x7FFE : e;
        b = (Fx80){ fx_gen_mant(g) | 0x8000000000000000u,
                    (uint16_t)(e | (fx_rnd(g) & 0x8000)) };
        break;
    }
    return b;
}

/* a = b * k / 2 for an odd k: the quotient is halfway, FPREM1's tie (b normal). */
static inline void fx_gen_half_multiple(FxRng *g, FxCase *c)
{
    uint64_t bm = (fx_rnd(g) & ~(uint64_t)0 << 40) | 0x8000000000000000u;
    unsigned __int128 p = (unsigned __int128)bm * (2 * fx_below(g, 1024) + 3);   /* >= 2^64 */
    int len = 128 - __builtin_clzll((uint64_t)(p >> 64));
    int32_t eb = (int32_t)fx_below(g, 0x7000) + 0x400;
    c->b = (Fx80){ bm, (uint16_t)(eb | (fx_rnd(g) & 0x8000)) };
    c->a = (Fx80){ (uint64_t)(p >> (len - 64)),
                   (uint16_t)((eb + len - 64 - 1) | (fx_rnd(g) & 0x8000)) };
}

/* Operands inside a transcendental's domain: |x| < 2^64 for the trigonometric ones (a
 * few beyond 2^63), |x| <= 1 for F2XM1, |x| < 0.29 for FYL2XP1, x > 0 for FYL2X. */
static inline void fx_gen_domain(FxRng *g, FxCase *c)
{
    int32_t top = c->op == FX_F2XM1 ? 0 : c->op == FX_YL2XP1 ? -2 : 64;
    int32_t e = 0x3FFF + top - 1 - (int32_t)fx_below(g, fx_below(g, 4) ? 70 : 16000);
    c->a = (Fx80){ fx_gen_mant(g) | 0x8000000000000000u,
                   (uint16_t)((e < 1 ? 1 : e) | (fx_rnd(g) & 0x8000)) };
    if (c->op == FX_F2XM1 && fx_below(g, 16) == 0)
        c->a = (Fx80){ 0x8000000000000000u, (uint16_t)(0x3FFF | (c->a.sign_exp & 0x8000)) };
    if (c->op == FX_YL2X) {
        c->a.sign_exp &= 0x7FFF;
        if (fx_below(g, 4) == 0)     /* near 1 */
            c->a.sign_exp = (uint16_t)(0x3FFF - fx_below(g, 2));
    }
}

/* F2XM1 beyond [-1, 1] and FYL2XP1 beyond +-(1 - sqrt(2)/2): undefined in the SDM. */
static inline bool fx_out_of_domain(const FxCase *c)
{
    int32_t e = c->a.sign_exp & 0x7FFF;
    if (e == 0x7FFF || !(c->a.mant >> 63))
        return false;
    if (c->op == FX_F2XM1)
        return e > 0x3FFF || (e == 0x3FFF && c->a.mant != 0x8000000000000000u);
    return e >= 0x3FFD && (e > 0x3FFD || c->a.mant >= 0x95F619980C4336F7u);
}

static inline void fx_gen_case(FxRng *g, FxOp op, FxCase *c)
{
    static const uint16_t pc[] = { FX80_PC_24, 1, FX80_PC_53, FX80_PC_64, FX80_PC_64 };
    memset(c, 0, sizeof *c);
    c->op = op;
    c->cw = FX80_CW(fx_below(g, 4), pc[fx_below(g, 5)],
                    fx_below(g, 8) ? 0x3F : (uint16_t)fx_below(g, 64));
    c->a = fx_gen(g);
    c->b = fx_below(g, 2) ? fx_gen(g) : fx_gen_near(g, c->a);
    if (op == FX_SCALE && fx_below(g, 2))   /* a scale factor of a useful size */
        c->b = fx80_from_int((int32_t)fx_below(g, 2 * 16500) - 16500);
    if (op == FX_PREM || op == FX_PREM1) {
        if (fx_below(g, 2))
            c->b = fx_gen_near(g, c->a);
        if (fx_below(g, 4) == 0)
            c->a.sign_exp = (uint16_t)((c->a.sign_exp & 0x8000) |
                                       ((c->b.sign_exp & 0x7FFF) + fx_below(g, 200)) % 0x7FFF);
        if (fx_below(g, 4) == 0)
            fx_gen_half_multiple(g, c);
    }
    if (op >= FX_SIN && fx_below(g, 4) != 0)
        fx_gen_domain(g, c);
    if ((op == FX_F2XM1 || op == FX_YL2XP1) && fx_out_of_domain(c))
        fx_gen_domain(g, c);
    uint64_t m = fx_gen_mant(g);
    switch (fx_below(g, 6)) {
    case 0: c->mem = m; break;
    case 1: c->mem = fx_rnd(g) & (((uint64_t)1 << fx_below(g, 64)) - 1); break;
    case 2: c->mem = (fx_rnd(g) & 0x807FFFFFu) | (fx_below(g, 2) ? 0x7F800000u : 0); break;
    case 3: c->mem = (m & 0x800FFFFFFFFFFFFFu) | (fx_below(g, 2) ? 0x7FF0000000000000u : 0); break;
    case 4: c->mem = -(uint64_t)(fx_rnd(g) & (((uint64_t)1 << fx_below(g, 64)) - 1)); break;
    default: c->mem = fx_rnd(g); break;
    }
    bool digits = fx_below(g, 8) != 0;         /* else nibbles above 9 and sign-byte noise */
    for (int i = 0; i < 9; i++)
        c->bcd[i] = (uint8_t)(digits ? fx_below(g, 10) << 4 | fx_below(g, 10) : fx_rnd(g));
    c->bcd[9] = (uint8_t)(digits ? (fx_below(g, 2) ? 0x80 : 0) : fx_rnd(g));
}

#endif
