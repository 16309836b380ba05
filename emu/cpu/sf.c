/* sf.c: IEEE single and double precision for the SSE/SSE2 instructions with integers only,
 * bit-identical in results and MXCSR flags to the hardware (tests/unit/test_sf.c compares
 * every operation with the host's SSE unit).
 *
 * Reference: Intel SDM vol. 1 (June 2021): 4.8.3 and Table 4-7 (NaN rules: for SSE the
 * first source's NaN wins), 10.2.3 (MXCSR: RC, DAZ, FTZ), 11.5 (SIMD floating-point
 * exceptions, their priority in 11.5.2 and 4.9.2); vol. 2 for MINPS/MAXPS, CMPPS, COMISS
 * and the CVT* pages.
 *
 * NOTES ON THE DESIGN
 *  1. The x87 soft-float's rounding core (fx80_round, fx80_int.h) does the rounding: an
 *     operand is unpacked into fx80's shape (a significand normalized to bit 63, an
 *     exponent biased as the extended format), the exact result goes to fx80_round with a
 *     format of 24 or 53 bits and the single or double exponent range, and is packed back.
 *     MXCSR's RC and flag positions are the x87 control word's, so the translation is a
 *     shift. Tininess is detected after rounding, as on the hardware.
 *  2. FTZ: a tiny result with UE masked becomes a zero of its sign with UE and PE, exact
 *     or not. fx80_round reports every tiny result when UE is unmasked, so FTZ asks it
 *     with UE unmasked and flushes.
 *  3. DAZ reads a denormal operand as a zero of its sign before anything else: no DE.
 *  4. Priority (SDM vol. 1 11.5.2): an SNaN operand (IE), a QNaN (propagated), then the
 *     invalid operations, denormal operands (DE) and division by zero (ZE).
 *  5. A result whose exponent is in f's normal range before rounding, and below its
 *     largest one so that rounding up cannot overflow, is rounded here (round_normal):
 *     it can raise PE only, and neither FTZ nor an unmasked UE or OE concerns it. The
 *     others go to fx80_round (invariant 1). */
#include "emu/cpu/sf.h"

#include "emu/cpu/fx80_int.h"

typedef struct SfInfo {
    int bits, fbits, bias;
    Fx80Fmt fmt;
    uint64_t indefinite;
} SfInfo;

static const SfInfo sf_info[2] = {
    [SF_F32] = { 32, 23, 127, { 24, FX80_BIAS - 126, FX80_BIAS + 127, false }, SF_F32_INDEFINITE },
    [SF_F64] = { 64, 52, 1023, { 53, FX80_BIAS - 1022, FX80_BIAS + 1023, false },
                 SF_F64_INDEFINITE },
};

/* An unpacked operand (invariant 1): finite nonzero values have mant's bit 63 set. */
typedef struct SfVal {
    bool sign;
    Fx80Kind kind;
    uint64_t mant;
    int32_t exp;
    uint64_t raw;
} SfVal;

static uint64_t frac_mask(const SfInfo *in) { return ((uint64_t)1 << in->fbits) - 1; }
static uint64_t quiet_bit(const SfInfo *in) { return (uint64_t)1 << (in->fbits - 1); }
static uint64_t sign_bit(const SfInfo *in) { return (uint64_t)1 << (in->bits - 1); }

static inline __attribute__((always_inline)) SfVal unpack(SfFmt f, uint64_t raw, uint32_t mxcsr)
{
    const SfInfo *in = &sf_info[f];
    uint32_t emask = (1u << (in->bits - 1 - in->fbits)) - 1;
    uint32_t e = (uint32_t)(raw >> in->fbits) & emask;
    uint64_t frac = raw & frac_mask(in);
    SfVal v = { .sign = raw >> (in->bits - 1) & 1, .raw = raw };
    if (e == emask) {
        v.kind = !frac ? FX80_K_INF : (frac & quiet_bit(in)) ? FX80_K_QNAN : FX80_K_SNAN;
    } else if (e == 0) {
        v.kind = (!frac || (mxcsr & SF_DAZ)) ? FX80_K_ZERO : FX80_K_DENORMAL;
        if (v.kind == FX80_K_DENORMAL) {
            uint64_t m = frac << (63 - in->fbits);
            int n = __builtin_clzll(m);
            v.mant = m << n;
            v.exp = FX80_BIAS - in->bias + 1 - n;
        }
    } else {
        v.kind = FX80_K_NORMAL;
        v.mant = (frac | (uint64_t)1 << in->fbits) << (63 - in->fbits);
        v.exp = (int32_t)e - in->bias + FX80_BIAS;
    }
    return v;
}

static uint64_t pack(SfFmt f, bool sign, int32_t exp, uint64_t mant)
{
    const SfInfo *in = &sf_info[f];
    uint64_t e = (mant & FX80_INT_BIT) ? (uint64_t)(exp - FX80_BIAS + in->bias) : 0;
    return (uint64_t)sign << (in->bits - 1) | e << in->fbits |
           (mant >> (63 - in->fbits) & frac_mask(in));
}

static uint64_t zero(SfFmt f, bool sign) { return sign ? sign_bit(&sf_info[f]) : 0; }

static uint64_t inf(SfFmt f, bool sign)
{
    const SfInfo *in = &sf_info[f];
    return zero(f, sign) | (sign_bit(in) - 1 - frac_mask(in));
}

static uint64_t invalid(SfFmt f, uint32_t *mxcsr)
{
    *mxcsr |= SF_IE;
    return sf_info[f].indefinite;
}

static unsigned rc_of(uint32_t mxcsr) { return mxcsr >> SF_RC_SHIFT & 3; }

/* round_pack's usual case without fx80_round (invariant 5): false, *r unset, unless
 * the result is a normal number of f both before and after rounding. */
static inline __attribute__((always_inline)) bool round_normal(SfFmt f, uint32_t *mxcsr, bool sign, int32_t exp, Fx80U128 v, uint64_t *r)
{
    const SfInfo *in = &sf_info[f];
    uint64_t hi = (uint64_t)(v >> 64);
    int n = hi ? __builtin_clzll(hi) : 64 + __builtin_clzll((uint64_t)v), prec = in->fmt.prec;
    int32_t e = exp - n;
    if (e < in->fmt.emin || e >= in->fmt.emax)   /* tiny, or may round up past emax */
        return false;
    v <<= n;
    Fx80U128 ulp = (Fx80U128)1 << (128 - prec), rem = v & (ulp - 1);
    uint64_t m = (uint64_t)(v >> (128 - prec));
    if (rem) {
        unsigned rc = rc_of(*mxcsr);
        bool up = rc == FX80_RC_NEAR ? rem > ulp / 2 || (rem == ulp / 2 && (m & 1))
                : rc == FX80_RC_DOWN ? sign : rc == FX80_RC_UP ? !sign : false;
        *mxcsr |= SF_PE;
        if (up && (++m >> prec)) {   /* carried out of the significand */
            m >>= 1;
            e++;
        }
    }
    *r = (uint64_t)sign << (in->bits - 1) | (uint64_t)(e - FX80_BIAS + in->bias) << in->fbits |
         (m & frac_mask(in));
    return true;
}

/* Rounds (-1)^sign * v * 2^(exp - 16383 - 127), v != 0, to f through fx80_round
 * (invariants 1 and 2). */
static __attribute__((noinline)) uint64_t round_fx80(SfFmt f, uint32_t *mxcsr, bool sign, int32_t exp,
                                                     Fx80U128 v)
{
    uint16_t masks = *mxcsr >> SF_MASK_SHIFT & SF_FLAGS;
    bool ftz = (*mxcsr & SF_FTZ) && (masks & SF_UE);
    Fx80Status st = { .cw = FX80_CW(rc_of(*mxcsr), FX80_PC_64, ftz ? masks & ~SF_UE : masks) };
    int32_t exp0 = exp;
    uint64_t m = fx80_round(&st, sign, &exp, v, sf_info[f].fmt);
    if (st.sw & ~masks & (SF_OE | SF_UE)) {
        /* an unmasked overflow or underflow into a register also reports PE when the result
         * rounded with an unbounded exponent is inexact (SDM vol. 1 4.9.1.6); fx80_round
         * leaves it out, as the x87 does for a store to memory */
        Fx80Fmt unbounded = sf_info[f].fmt;
        unbounded.emin = -(1 << 24);
        unbounded.emax = 1 << 24;
        Fx80Status wide = { .cw = FX80_CW(rc_of(*mxcsr), FX80_PC_64, SF_FLAGS) };
        fx80_round(&wide, sign, &exp0, v, unbounded);
        st.sw |= wide.sw & SF_PE;
    }
    if (ftz && (st.sw & FX80_UE)) {
        *mxcsr |= SF_UE | SF_PE;
        return zero(f, sign);
    }
    *mxcsr |= st.sw & SF_FLAGS;
    return pack(f, sign, exp, m);
}

/* The same, inlined for the usual case (invariant 5). */
static inline __attribute__((always_inline)) uint64_t round_pack(SfFmt f, uint32_t *mxcsr, bool sign,
                                                                 int32_t exp, Fx80U128 v)
{
    uint64_t r;
    return round_normal(f, mxcsr, sign, exp, v, &r) ? r : round_fx80(f, mxcsr, sign, exp, v);
}

static bool is_nan(SfVal v) { return fx80_is_nan(v.kind); }

static uint64_t quiet(SfFmt f, SfVal v) { return v.raw | quiet_bit(&sf_info[f]); }

/* Invariant 4 for two operands: true when a NaN decides the result, then in *r. */
static bool nan2(SfFmt f, SfVal a, SfVal b, uint32_t *mxcsr, uint64_t *r)
{
    if (!is_nan(a) && !is_nan(b))
        return false;
    if (a.kind == FX80_K_SNAN || b.kind == FX80_K_SNAN)
        *mxcsr |= SF_IE;
    *r = quiet(f, is_nan(a) ? a : b);
    return true;
}

static void denormal(SfVal a, SfVal b, uint32_t *mxcsr)
{
    if (a.kind == FX80_K_DENORMAL || b.kind == FX80_K_DENORMAL)
        *mxcsr |= SF_DE;
}

static inline __attribute__((always_inline)) uint64_t addsub(SfFmt f, uint64_t ra, uint64_t rb, bool negate_b, uint32_t *mxcsr)
{
    SfVal a = unpack(f, ra, *mxcsr), b = unpack(f, rb, *mxcsr);
    uint64_t r;
    if (nan2(f, a, b, mxcsr, &r))
        return r;
    bool sa = a.sign, sb = b.sign ^ negate_b;
    if (a.kind == FX80_K_INF || b.kind == FX80_K_INF) {
        if (a.kind == FX80_K_INF && b.kind == FX80_K_INF && sa != sb)
            return invalid(f, mxcsr);
        denormal(a, b, mxcsr);
        return inf(f, a.kind == FX80_K_INF ? sa : sb);
    }
    denormal(a, b, mxcsr);
    if (a.kind == FX80_K_ZERO && b.kind == FX80_K_ZERO)
        return zero(f, sa == sb ? sa : rc_of(*mxcsr) == FX80_RC_DOWN);
    if (a.kind == FX80_K_ZERO)
        return round_pack(f, mxcsr, sb, b.exp, (Fx80U128)b.mant << 64);
    if (b.kind == FX80_K_ZERO)
        return round_pack(f, mxcsr, sa, a.exp, (Fx80U128)a.mant << 64);
    /* 62 bits of headroom below the larger significand, then a sticky bit */
    int32_t e = a.exp > b.exp ? a.exp : b.exp;
    Fx80U128 va = fx80_shr_jam((Fx80U128)a.mant << 62, e - a.exp);
    Fx80U128 vb = fx80_shr_jam((Fx80U128)b.mant << 62, e - b.exp), v;
    bool s = sa;
    if (sa == sb) {
        v = va + vb;
    } else if (va >= vb) {
        v = va - vb;
    } else {
        v = vb - va;
        s = sb;
    }
    if (!v)
        return zero(f, rc_of(*mxcsr) == FX80_RC_DOWN);
    return round_pack(f, mxcsr, s, e + 2, v);
}

/* sf_soft_add, sf_soft_sub and sf_soft_mul are compiled once per format, f a constant there. */
uint64_t sf_soft_add(SfFmt f, uint64_t a, uint64_t b, uint32_t *mxcsr)
{
    return f == SF_F32 ? addsub(SF_F32, a, b, false, mxcsr) : addsub(SF_F64, a, b, false, mxcsr);
}

uint64_t sf_soft_sub(SfFmt f, uint64_t a, uint64_t b, uint32_t *mxcsr)
{
    return f == SF_F32 ? addsub(SF_F32, a, b, true, mxcsr) : addsub(SF_F64, a, b, true, mxcsr);
}

static inline __attribute__((always_inline)) uint64_t mul(SfFmt f, uint64_t ra, uint64_t rb,
                                                          uint32_t *mxcsr)
{
    SfVal a = unpack(f, ra, *mxcsr), b = unpack(f, rb, *mxcsr);
    uint64_t r;
    if (nan2(f, a, b, mxcsr, &r))
        return r;
    bool s = a.sign ^ b.sign;
    bool za = a.kind == FX80_K_ZERO, zb = b.kind == FX80_K_ZERO;
    bool ia = a.kind == FX80_K_INF, ib = b.kind == FX80_K_INF;
    if ((za && ib) || (ia && zb))
        return invalid(f, mxcsr);
    denormal(a, b, mxcsr);
    if (ia || ib)
        return inf(f, s);
    if (za || zb)
        return zero(f, s);
    return round_pack(f, mxcsr, s, a.exp + b.exp - FX80_BIAS + 1, (Fx80U128)a.mant * b.mant);
}

uint64_t sf_soft_mul(SfFmt f, uint64_t a, uint64_t b, uint32_t *mxcsr)
{
    return f == SF_F32 ? mul(SF_F32, a, b, mxcsr) : mul(SF_F64, a, b, mxcsr);
}

uint64_t sf_soft_div(SfFmt f, uint64_t ra, uint64_t rb, uint32_t *mxcsr)
{
    SfVal a = unpack(f, ra, *mxcsr), b = unpack(f, rb, *mxcsr);
    uint64_t r;
    if (nan2(f, a, b, mxcsr, &r))
        return r;
    bool s = a.sign ^ b.sign;
    bool za = a.kind == FX80_K_ZERO, zb = b.kind == FX80_K_ZERO;
    bool ia = a.kind == FX80_K_INF, ib = b.kind == FX80_K_INF;
    if ((za && zb) || (ia && ib))
        return invalid(f, mxcsr);
    if (zb && !ia) {                 /* ZE and not DE, as the hardware does */
        *mxcsr |= SF_ZE;
        return inf(f, s);
    }
    denormal(a, b, mxcsr);
    if (ia)
        return inf(f, s);
    if (za || ib)
        return zero(f, s);
    Fx80U128 n = (Fx80U128)a.mant << 64;
    Fx80U128 q = n / b.mant;
    return round_pack(f, mxcsr, s, a.exp - b.exp + FX80_BIAS + 63, q | (n % b.mant != 0));
}

uint64_t sf_soft_sqrt(SfFmt f, uint64_t ra, uint32_t *mxcsr)
{
    SfVal a = unpack(f, ra, *mxcsr);
    if (is_nan(a)) {
        if (a.kind == FX80_K_SNAN)
            *mxcsr |= SF_IE;
        return quiet(f, a);
    }
    if (a.kind == FX80_K_ZERO)
        return zero(f, a.sign);
    if (a.sign)
        return invalid(f, mxcsr);
    denormal(a, a, mxcsr);
    if (a.kind == FX80_K_INF)
        return ra;
    /* a = mant * 2^(e - 63) with e unbiased; scale mant by 2^s so the exponent is even */
    int32_t e = a.exp - FX80_BIAS, s = ((e - 63) & 1) ? 63 : 64;
    Fx80U128 n = (Fx80U128)a.mant << s;
    uint64_t root = fx80_isqrt128(n);
    Fx80U128 v = root | ((Fx80U128)root * root != n);
    return round_pack(f, mxcsr, false, (e - 63 - s) / 2 + FX80_BIAS + 127, v);
}

/* The order of two non-NaN operands as a signed key (zeros of both signs are equal). */
static int64_t order_key(SfFmt f, SfVal v)
{
    if (v.kind == FX80_K_ZERO)
        return 0;
    int64_t mag = (int64_t)(v.raw & (sign_bit(&sf_info[f]) - 1));
    return v.sign ? -mag : mag;
}

static uint64_t minmax(SfFmt f, uint64_t ra, uint64_t rb, bool max, uint32_t *mxcsr)
{
    SfVal a = unpack(f, ra, *mxcsr), b = unpack(f, rb, *mxcsr);
    SfVal r = b;
    if (is_nan(a) || is_nan(b)) {
        *mxcsr |= SF_IE;
    } else {
        denormal(a, b, mxcsr);
        int64_t ka = order_key(f, a), kb = order_key(f, b);
        if (max ? ka > kb : ka < kb)
            r = a;
    }
    /* with DAZ the hardware returns the zero it read a denormal as (invariant 3) */
    return r.kind == FX80_K_ZERO ? zero(f, r.sign) : r.raw;
}

uint64_t sf_soft_min(SfFmt f, uint64_t a, uint64_t b, uint32_t *mxcsr)
{
    return minmax(f, a, b, false, mxcsr);
}

uint64_t sf_soft_max(SfFmt f, uint64_t a, uint64_t b, uint32_t *mxcsr)
{
    return minmax(f, a, b, true, mxcsr);
}

SfRel sf_soft_compare(SfFmt f, uint64_t ra, uint64_t rb, bool quiet_nan, uint32_t *mxcsr)
{
    SfVal a = unpack(f, ra, *mxcsr), b = unpack(f, rb, *mxcsr);
    if (is_nan(a) || is_nan(b)) {
        if (!quiet_nan || a.kind == FX80_K_SNAN || b.kind == FX80_K_SNAN)
            *mxcsr |= SF_IE;
        return SF_UNORDERED;
    }
    denormal(a, b, mxcsr);
    int64_t ka = order_key(f, a), kb = order_key(f, b);
    return ka < kb ? SF_LT : ka > kb ? SF_GT : SF_EQ;
}

uint64_t sf_soft_from_i32(SfFmt f, int32_t v, uint32_t *mxcsr)
{
    if (!v)
        return 0;
    uint64_t mag = v < 0 ? -(uint64_t)v : (uint64_t)v;
    return round_pack(f, mxcsr, v < 0, FX80_BIAS + 127, mag);
}

int32_t sf_soft_to_i32(SfFmt f, uint64_t ra, bool truncate, uint32_t *mxcsr)
{
    SfVal a = unpack(f, ra, *mxcsr);
    if (is_nan(a) || a.kind == FX80_K_INF || a.exp - FX80_BIAS >= 63) {
        *mxcsr |= SF_IE;
        return SF_INT_INDEFINITE;
    }
    if (a.kind == FX80_K_ZERO)
        return 0;
    bool inexact, up;
    unsigned rc = truncate ? FX80_RC_ZERO : rc_of(*mxcsr);
    uint64_t i = fx80_round_int(a.mant, 63 - (a.exp - FX80_BIAS), a.sign, rc, &inexact, &up);
    if (i > (a.sign ? 0x80000000u : 0x7FFFFFFFu)) {
        *mxcsr |= SF_IE;
        return SF_INT_INDEFINITE;
    }
    if (inexact)
        *mxcsr |= SF_PE;
    return (int32_t)(a.sign ? -(uint32_t)i : (uint32_t)i);
}

uint64_t sf_soft_convert(SfFmt to, SfFmt from, uint64_t ra, uint32_t *mxcsr)
{
    SfVal a = unpack(from, ra, *mxcsr);
    const SfInfo *ti = &sf_info[to], *fi = &sf_info[from];
    switch (a.kind) {
    case FX80_K_SNAN:
    case FX80_K_QNAN: {
        if (a.kind == FX80_K_SNAN)
            *mxcsr |= SF_IE;
        uint64_t payload = (ra & frac_mask(fi)) << (63 - fi->fbits) >> (63 - ti->fbits);
        return inf(to, a.sign) | quiet_bit(ti) | payload;
    }
    case FX80_K_INF:
        return inf(to, a.sign);
    case FX80_K_ZERO:
        return zero(to, a.sign);
    default:
        denormal(a, a, mxcsr);
        return round_pack(to, mxcsr, a.sign, a.exp, (Fx80U128)a.mant << 64);
    }
}
