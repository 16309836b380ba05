/* fx80.c: x87 extended-precision arithmetic with integers only: FADD, FSUB, FMUL, FDIV,
 * FSQRT, FPREM, FPREM1, FRNDINT, FSCALE, FXTRACT, FCOM/FUCOM and FXAM, bit-identical in
 * results, exception flags and condition codes to a real x87 (tests/unit/test_fx80.c
 * compares every operation with the host's). Conversions are in fx80_conv.c, the
 * transcendental instructions in fx80_trans.c.
 *
 * Reference: Intel SDM vol. 1 (June 2021): 4.2.2 and 4.8 (formats, special values,
 * Table 4-3 real indefinite), 4.8.3.5 and Table 4-7 (QNaN and SNaN rules, which NaN is
 * returned), 4.9.1 (the numeric exceptions), 8.1.5 (PC, RC), 8.2.2 (unsupported encodings:
 * pseudo-NaN, pseudo-infinity, unnormal; pseudo-denormals are read as denormals),
 * 4.9.2 (exception priority), 8.4 and 8.5 (x87 exceptions, masked and unmasked responses,
 * the biased results of 8.5.4 and 8.5.5); vol. 2 for each instruction's special cases.
 * Left out: stack faults (empty and full registers, the tag word) and #MF: the caller's.
 *
 * NOTES ON THE DESIGN (cited as "invariant N")
 *  1. No host floating point: significands are integers, with unsigned __int128 for the
 *     double-width products, quotients and square roots, so a result is the same on every
 *     host and a snapshot goes on bit-identically anywhere.
 *  2. One rounding routine, fx80_round, takes the exact result as a 128-bit significand
 *     (at worst with a sticky bit in bit 0 below 64 guard bits) and an exponent, and
 *     applies PC (through the format), RC, the destination's exponent range, denormals,
 *     overflow and underflow with the masked and unmasked responses. Tininess is detected
 *     after rounding, as the x87 does: a result is tiny when, rounded to the precision with
 *     an unbounded exponent, it is below the smallest normal (masked or not).
 *  3. Operand checks come in the x87's priority order (SDM vol. 1 4.9.2): unsupported
 *     encodings and SNaNs (IE), QNaN propagation, denormal operands (DE, which stops the
 *     operation when unmasked), then the arithmetic. Where the hardware differs from that
 *     list it is followed: x / 0 raises ZE and not DE, FSQRT of a negative denormal IE and not DE,
 *     the stores (FST, FIST, FBSTP) never raise DE.
 *  4. The x87 reads a denormal or pseudo-denormal with exponent 1: fx80_normalize gives
 *     every finite operand a significand with bit 63 set and an exponent that may go
 *     below 1; results always come out canonical (a pseudo-denormal becomes a normal). */
#include "emu/cpu/fx80_int.h"

#define FX80_REG_EMAX 0x7FFE

static Fx80 invalid(Fx80Status *st)
{
    fx80_raise(st, FX80_IE);
    return FX80_INDEFINITE;
}

static unsigned rounding(const Fx80Status *st) { return st->cw >> 10 & 3; }

/* Whether rounding v (normalized) to prec bits increases its magnitude; *rem gets the
 * bits rounded off. */
static bool rounds_up(unsigned rc, bool sign, Fx80U128 v, int prec, Fx80U128 *rem)
{
    Fx80U128 ulp = (Fx80U128)1 << (128 - prec), half = ulp >> 1;
    *rem = v & (ulp - 1);
    if (!*rem)
        return false;
    return rc == FX80_RC_NEAR ? *rem > half || (*rem == half && (v & ulp))
         : rc == FX80_RC_DOWN ? sign : rc == FX80_RC_UP ? !sign : false;
}

uint64_t fx80_round(Fx80Status *st, bool sign, int32_t *exp, Fx80U128 v, Fx80Fmt fmt)
{
    uint64_t hi = (uint64_t)(v >> 64);
    int n = hi ? __builtin_clzll(hi) : 64 + __builtin_clzll((uint64_t)v);
    int32_t e = *exp - n;
    unsigned rc = rounding(st);
    Fx80U128 ulp = (Fx80U128)1 << (128 - fmt.prec), rem;
    bool denormal = false, tiny = e < fmt.emin;
    v <<= n;
    /* tiny after rounding (invariant 2): not when rounding carries into the normal range */
    if (e == fmt.emin - 1 && rounds_up(rc, sign, v, fmt.prec, &rem) && !~(v | (ulp - 1)))
        tiny = false;
    if (tiny && fx80_unmasked(st, FX80_UE)) {
        fx80_raise(st, FX80_UE);
        if (!fmt.reg)
            return 0;
        e += FX80_WRAP;
        if (e < fmt.emin) {          /* beyond the wrap: a zero, as the x87 delivers it */
            fx80_raise(st, FX80_PE);
            return 0;
        }
    } else if (tiny) {
        v = fx80_shr_jam(v, fmt.emin - e);
        e = fmt.emin;
        denormal = true;
    }
    bool up = rounds_up(rc, sign, v, fmt.prec, &rem);
    v -= rem;
    if (up) {
        v += ulp;
        if (!v) {                                    /* carried out of the significand */
            v = (Fx80U128)1 << 127;
            e++;
        }
    }
    if (denormal && rem)
        fx80_raise(st, FX80_UE);
    if (e > fmt.emax && fx80_unmasked(st, FX80_OE)) {
        fx80_raise(st, FX80_OE);
        if (!fmt.reg)
            return 0;
        e -= FX80_WRAP;
        if (e > fmt.emax) {          /* beyond the wrap: an infinity, as the x87 delivers it */
            fx80_raise(st, FX80_PE);
            st->sw |= FX80_C1;
            *exp = fmt.emax + 1;
            return FX80_INT_BIT;
        }
    } else if (e > fmt.emax) {
        bool to_inf = rc == FX80_RC_NEAR || (rc == FX80_RC_UP && !sign) ||
                      (rc == FX80_RC_DOWN && sign);
        fx80_raise(st, FX80_OE | FX80_PE);
        if (to_inf)
            st->sw |= FX80_C1;
        *exp = to_inf ? fmt.emax + 1 : fmt.emax;
        return to_inf ? FX80_INT_BIT : ~(uint64_t)0 << (64 - fmt.prec);
    }
    if (rem) {
        fx80_raise(st, FX80_PE);
        if (up)
            st->sw |= FX80_C1;
    }
    *exp = e;
    return (uint64_t)(v >> 64);
}

/* fx80_round into a register. */
static Fx80 round_reg(Fx80Status *st, bool sign, int32_t exp, Fx80U128 v, int prec)
{
    Fx80Fmt fmt = { .prec = prec, .emin = 1, .emax = FX80_REG_EMAX, .reg = true };
    uint64_t m = fx80_round(st, sign, &exp, v, fmt);
    return fx80_pack(sign, (m & FX80_INT_BIT) ? exp : 0, m);
}

Fx80 fx80_nan1(Fx80 a, Fx80Status *st)
{
    Fx80Kind k = fx80_kind(a);
    if (!fx80_is_nan(k))
        return invalid(st);
    if (k == FX80_K_SNAN)
        fx80_raise(st, FX80_IE);
    a.mant |= FX80_QUIET_BIT;
    return a;
}

bool fx80_nan2(Fx80 a, Fx80 b, Fx80Status *st, Fx80 *r)
{
    Fx80Kind ka = fx80_kind(a), kb = fx80_kind(b);
    if (ka == FX80_K_BAD || kb == FX80_K_BAD) {
        *r = invalid(st);
        return true;
    }
    if (!fx80_is_nan(ka) && !fx80_is_nan(kb))
        return false;
    if (ka == FX80_K_SNAN || kb == FX80_K_SNAN)
        fx80_raise(st, FX80_IE);
    if (!fx80_is_nan(kb))
        *r = a;
    else if (!fx80_is_nan(ka))
        *r = b;
    else if (ka != kb)
        *r = ka == FX80_K_QNAN ? a : b;
    else if (a.mant != b.mant)
        *r = a.mant > b.mant ? a : b;
    else
        *r = fx80_sign(a) ? b : a;
    r->mant |= FX80_QUIET_BIT;
    return true;
}

bool fx80_denormal_stops(Fx80Status *st, Fx80Kind ka, Fx80Kind kb)
{
    if (ka != FX80_K_DENORMAL && kb != FX80_K_DENORMAL)
        return false;
    fx80_raise(st, FX80_DE);
    return fx80_unmasked(st, FX80_DE);
}

static int32_t exp_of(Fx80 a) { return fx80_exp(a) ? fx80_exp(a) : 1; }

static Fx80 addsub(Fx80 a, Fx80 b, bool negate_b, Fx80Status *st)
{
    Fx80 r;
    st->sw &= ~FX80_C1;
    if (fx80_nan2(a, b, st, &r))
        return r;
    Fx80Kind ka = fx80_kind(a), kb = fx80_kind(b);
    if (fx80_denormal_stops(st, ka, kb))
        return a;
    bool sa = fx80_sign(a), sb = fx80_sign(b) ^ negate_b;
    if (ka == FX80_K_INF || kb == FX80_K_INF) {
        if (ka == FX80_K_INF && kb == FX80_K_INF && sa != sb)
            return invalid(st);
        return fx80_inf(ka == FX80_K_INF ? sa : sb);
    }
    /* 62 bits of headroom below the larger significand, then a sticky bit (invariant 2) */
    int32_t ea = exp_of(a), eb = exp_of(b), e = ea > eb ? ea : eb;
    Fx80U128 va = fx80_shr_jam((Fx80U128)a.mant << 62, e - ea);
    Fx80U128 vb = fx80_shr_jam((Fx80U128)b.mant << 62, e - eb), v;
    bool s = sa;
    if (sa == sb) {
        v = va + vb;
    } else if (va >= vb) {
        v = va - vb;
    } else {
        v = vb - va;
        s = sb;
    }
    if (!v)   /* an exact zero: x + -x is +0 except when rounding down */
        return fx80_zero(sa == sb ? sa : rounding(st) == FX80_RC_DOWN);
    return round_reg(st, s, e + 2, v, fx80_precision(st));
}

Fx80 fx80_add(Fx80 a, Fx80 b, Fx80Status *st) { return addsub(a, b, false, st); }
Fx80 fx80_sub(Fx80 a, Fx80 b, Fx80Status *st) { return addsub(a, b, true, st); }

Fx80 fx80_mul(Fx80 a, Fx80 b, Fx80Status *st)
{
    Fx80 r;
    st->sw &= ~FX80_C1;
    if (fx80_nan2(a, b, st, &r))
        return r;
    Fx80Kind ka = fx80_kind(a), kb = fx80_kind(b);
    if (fx80_denormal_stops(st, ka, kb))
        return a;
    bool s = fx80_sign(a) ^ fx80_sign(b);
    if (ka == FX80_K_INF || kb == FX80_K_INF) {
        if (ka == FX80_K_ZERO || kb == FX80_K_ZERO)
            return invalid(st);
        return fx80_inf(s);
    }
    if (ka == FX80_K_ZERO || kb == FX80_K_ZERO)
        return fx80_zero(s);
    return round_reg(st, s, exp_of(a) + exp_of(b) - FX80_BIAS + 1,
                     (Fx80U128)a.mant * b.mant, fx80_precision(st));
}

Fx80 fx80_div(Fx80 a, Fx80 b, Fx80Status *st)
{
    Fx80 r;
    st->sw &= ~FX80_C1;
    if (fx80_nan2(a, b, st, &r))
        return r;
    Fx80Kind ka = fx80_kind(a), kb = fx80_kind(b);
    bool s = fx80_sign(a) ^ fx80_sign(b);
    if ((ka == FX80_K_INF && kb == FX80_K_INF) || (ka == FX80_K_ZERO && kb == FX80_K_ZERO))
        return invalid(st);
    if (kb == FX80_K_ZERO && ka != FX80_K_INF) {     /* before DE (invariant 3) */
        fx80_raise(st, FX80_ZE);
        return fx80_inf(s);
    }
    if (fx80_denormal_stops(st, ka, kb))
        return a;
    if (ka == FX80_K_INF)
        return fx80_inf(s);
    if (kb == FX80_K_INF || ka == FX80_K_ZERO)
        return fx80_zero(s);
    uint64_t ma, mb;
    int32_t ea, eb;
    fx80_normalize(a, &ma, &ea);
    fx80_normalize(b, &mb, &eb);
    /* a 64-bit quotient with bit 63 set, then 64 more bits and a sticky bit */
    bool ge = ma >= mb;
    Fx80U128 n = (Fx80U128)ma << (ge ? 63 : 64);
    uint64_t q = (uint64_t)(n / mb);
    Fx80U128 n2 = (n % mb) << 64;
    uint64_t q2 = (uint64_t)(n2 / mb) | (n2 % mb != 0);
    return round_reg(st, s, ea - eb + FX80_BIAS - !ge, (Fx80U128)q << 64 | q2,
                     fx80_precision(st));
}

uint64_t fx80_isqrt128(Fx80U128 n)
{
    uint64_t r = 0;
    for (int bit = 63; bit >= 0; bit--) {
        uint64_t t = r | (uint64_t)1 << bit;
        if ((Fx80U128)t * t <= n)
            r = t;
    }
    return r;
}

Fx80 fx80_sqrt(Fx80 a, Fx80Status *st)
{
    st->sw &= ~FX80_C1;
    Fx80Kind k = fx80_kind(a);
    if (k == FX80_K_BAD || fx80_is_nan(k))
        return fx80_nan1(a, st);
    if (k == FX80_K_ZERO)
        return a;
    if (fx80_sign(a))
        return invalid(st);
    if (fx80_denormal_stops(st, k, k))
        return a;
    if (k == FX80_K_INF)
        return a;
    uint64_t m;
    int32_t e;
    fx80_normalize(a, &m, &e);
    /* a radicand of 127 or 128 bits whose exponent is even: a 64-bit root, whose
     * remainder tells the guard bit (the root is never exactly halfway) and the rest */
    int32_t ep = e - FX80_BIAS - 63;
    int shift = (ep & 1) ? 63 : 64;
    Fx80U128 n = (Fx80U128)m << shift;
    uint64_t root = fx80_isqrt128(n);
    Fx80U128 rem = n - (Fx80U128)root * root;
    Fx80U128 v = (Fx80U128)root << 64 | (rem > root ? FX80_INT_BIT : 0) | (rem != 0);
    return round_reg(st, false, FX80_BIAS + 63 + (ep - shift) / 2, v, fx80_precision(st));
}

/* FPREM and FPREM1. The partial remainder reduces the exponent difference D to
 * N = 32 + D % 32, as AMD's manuals specify and Intel's parts do too (QEMU 7.2 the same);
 * its quotient is truncated in both. */
static Fx80 prem(Fx80 a, Fx80 b, bool ieee, Fx80Status *st)
{
    Fx80 r;
    st->sw &= ~FX80_CC;
    if (fx80_nan2(a, b, st, &r))
        return r;
    Fx80Kind ka = fx80_kind(a), kb = fx80_kind(b);
    if (ka == FX80_K_INF || kb == FX80_K_ZERO)
        return invalid(st);
    if (fx80_denormal_stops(st, ka, kb))
        return a;
    if (ka == FX80_K_ZERO)
        return a;
    if (kb == FX80_K_INF)
        return round_reg(st, fx80_sign(a), exp_of(a), (Fx80U128)a.mant << 64, 64);
    bool s = fx80_sign(a);
    uint64_t ma, mb;
    int32_t ea, eb;
    fx80_normalize(a, &ma, &ea);
    fx80_normalize(b, &mb, &eb);
    int32_t d = ea - eb;
    bool partial = d >= 64;
    if (partial) {
        eb += d - (32 + d % 32);
        d = 32 + d % 32;
        ieee = false;
    }
    if (d < -1 || (d == -1 && !ieee))
        return round_reg(st, s, ea, (Fx80U128)ma << 64, 64);
    /* in units of half the divisor's last bit: a = num, b = den */
    Fx80U128 num = (Fx80U128)ma << (d + 1), den = (Fx80U128)mb << 1;
    Fx80U128 q = num / den, rm = num % den;
    if (ieee && (2 * rm > den || (2 * rm == den && (q & 1)))) {
        q++;
        rm = den - rm;
        s = !s;
    }
    if (partial)
        st->sw |= FX80_C2;
    else
        st->sw |= (q & 4 ? FX80_C0 : 0) | (q & 2 ? FX80_C3 : 0) | (q & 1 ? FX80_C1 : 0);
    if (!rm)
        return fx80_zero(fx80_sign(a));
    return round_reg(st, s, eb + 63, rm, 64);
}

Fx80 fx80_prem(Fx80 a, Fx80 b, Fx80Status *st) { return prem(a, b, false, st); }
Fx80 fx80_prem1(Fx80 a, Fx80 b, Fx80Status *st) { return prem(a, b, true, st); }

Fx80 fx80_rndint(Fx80 a, Fx80Status *st)
{
    st->sw &= ~FX80_C1;
    Fx80Kind k = fx80_kind(a);
    if (k == FX80_K_BAD || fx80_is_nan(k))
        return fx80_nan1(a, st);
    if (k == FX80_K_INF || k == FX80_K_ZERO)
        return a;
    if (fx80_denormal_stops(st, k, k))
        return a;
    int32_t f = FX80_BIAS + 63 - exp_of(a);
    if (f <= 0)
        return a;
    bool s = fx80_sign(a), inexact, up;
    uint64_t i = fx80_round_int(a.mant, f, s, rounding(st), &inexact, &up);
    if (inexact)
        fx80_raise(st, FX80_PE);
    if (up)
        st->sw |= FX80_C1;
    if (!i)
        return fx80_zero(s);
    int n = __builtin_clzll(i);
    return fx80_pack(s, FX80_BIAS + 63 - n, i << n);
}

Fx80 fx80_scale(Fx80 a, Fx80 b, Fx80Status *st)
{
    Fx80 r;
    st->sw &= ~FX80_C1;
    if (fx80_nan2(a, b, st, &r))
        return r;
    Fx80Kind ka = fx80_kind(a), kb = fx80_kind(b);
    bool sb = fx80_sign(b);
    if ((ka == FX80_K_INF && kb == FX80_K_INF && sb) ||
        (ka == FX80_K_ZERO && kb == FX80_K_INF && !sb))
        return invalid(st);
    if (fx80_denormal_stops(st, ka, kb))
        return a;
    if (ka == FX80_K_INF || ka == FX80_K_ZERO)
        return a;
    if (kb == FX80_K_INF)
        return sb ? fx80_zero(fx80_sign(a)) : fx80_inf(fx80_sign(a));
    /* |n| beyond 2^16 over- or underflows whatever a is */
    int32_t n = 0, eb = fx80_exp(b) - FX80_BIAS;
    if (kb == FX80_K_NORMAL && eb >= 0)
        n = eb >= 16 ? 1 << 16 : (int32_t)(b.mant >> (63 - eb));
    return round_reg(st, fx80_sign(a), exp_of(a) + (sb ? -n : n),
                     (Fx80U128)a.mant << 64, 64);
}

void fx80_xtract(Fx80 a, Fx80 *exp, Fx80 *sig, Fx80Status *st)
{
    st->sw &= ~FX80_C1;
    Fx80Kind k = fx80_kind(a);
    if (k == FX80_K_BAD || fx80_is_nan(k)) {
        *exp = *sig = fx80_nan1(a, st);
        return;
    }
    *sig = a;
    if (k == FX80_K_INF) {
        *exp = fx80_inf(false);
        return;
    }
    if (k == FX80_K_ZERO) {
        fx80_raise(st, FX80_ZE);
        *exp = fx80_inf(true);
        return;
    }
    *exp = a;
    if (fx80_denormal_stops(st, k, k))
        return;
    uint64_t m;
    int32_t e;
    fx80_normalize(a, &m, &e);
    *sig = fx80_pack(fx80_sign(a), FX80_BIAS, m);
    *exp = fx80_from_int(e - FX80_BIAS);
}

/* |a| against |b| (-1, 0, 1) for values that are not NaNs. */
static int mag_cmp(Fx80 a, Fx80 b)
{
    uint64_t ma = 0, mb = 0;
    int32_t ea = INT32_MIN, eb = INT32_MIN;
    if (a.mant)
        fx80_normalize(a, &ma, &ea);
    if (b.mant)
        fx80_normalize(b, &mb, &eb);
    if (ea != eb)
        return ea < eb ? -1 : 1;
    return ma < mb ? -1 : ma > mb;
}

Fx80Rel fx80_compare(Fx80 a, Fx80 b, bool quiet, Fx80Status *st)
{
    Fx80Kind ka = fx80_kind(a), kb = fx80_kind(b);
    Fx80Rel rel;
    st->sw &= ~FX80_CC;
    if (ka == FX80_K_BAD || kb == FX80_K_BAD || fx80_is_nan(ka) || fx80_is_nan(kb)) {
        if (ka == FX80_K_BAD || kb == FX80_K_BAD || ka == FX80_K_SNAN || kb == FX80_K_SNAN ||
            !quiet)
            fx80_raise(st, FX80_IE);
        rel = FX80_UNORDERED;
    } else {
        fx80_denormal_stops(st, ka, kb);
        bool sa = fx80_sign(a), sb = fx80_sign(b);
        int c = mag_cmp(a, b);
        if (ka == FX80_K_ZERO && kb == FX80_K_ZERO)
            rel = FX80_EQ;
        else if (sa != sb)
            rel = sa ? FX80_LT : FX80_GT;
        else
            rel = c == 0 ? FX80_EQ : (c < 0) != sa ? FX80_LT : FX80_GT;
    }
    static const uint16_t cc[] = {
        [FX80_GT] = 0, [FX80_LT] = FX80_C0, [FX80_EQ] = FX80_C3,
        [FX80_UNORDERED] = FX80_C3 | FX80_C2 | FX80_C0,
    };
    st->sw |= cc[rel];
    return rel;
}

void fx80_classify(Fx80 a, Fx80Status *st)
{
    static const uint16_t cc[] = {
        [FX80_K_ZERO] = FX80_C3, [FX80_K_DENORMAL] = FX80_C3 | FX80_C2,
        [FX80_K_NORMAL] = FX80_C2, [FX80_K_INF] = FX80_C2 | FX80_C0,
        [FX80_K_QNAN] = FX80_C0, [FX80_K_SNAN] = FX80_C0, [FX80_K_BAD] = 0,
    };
    st->sw = (uint16_t)((st->sw & ~FX80_CC) | cc[fx80_kind(a)] | (fx80_sign(a) ? FX80_C1 : 0));
}
