/* fx80_trans.c: the x87 transcendental instructions with integers only (fx80.c,
 * invariant 1): FSIN, FCOS, FSINCOS, FPTAN, FPATAN, F2XM1, FYL2X, FYL2XP1. They are
 * computed in a wide binary format (a 128-bit significand, truncating arithmetic, so a
 * few units of 2^-126 relative error) and rounded once to 64 bits in RC; the result is
 * within one ulp of the x87's (test_fx80 measures the largest difference), not always
 * bit-identical: the x87 does not round these exactly either.
 *
 * Reference: Intel SDM vol. 2 (June 2021) FSIN, FCOS, FSINCOS, FPTAN (operands beyond
 * 2^63 set C2 and are left alone; the reduction by pi/2 uses the x87's 66-bit pi, vol. 1
 * 8.3.10, which AMD's parts share: the test checks it), FPATAN, F2XM1, FYL2X, FYL2XP1 and
 * their tables of special cases.
 * Left out: F2XM1 outside [-1, 1] and FYL2XP1 outside +-(1 - sqrt(2)/2), which the SDM
 * leaves undefined: the same series run there, deterministic but not the x87's values.
 * XXX: C1 and UE come from this rounding, not the x87's internal result: where the two
 * round the same value from different sides of it (about 1% of FSIN and FCOS results,
 * 12% of FPTAN's, in test_fx80's cases) C1 differs, and UE rarely at the underflow
 * threshold. PE and the other flags agree.
 * QEMU 7.2 computes FSIN, FCOS, FSINCOS and FPTAN through the host's double-precision
 * sin/cos/tan (53 bits, host libm), so those four cannot equal both QEMU and hardware;
 * the hardware is followed.
 *
 * Design: series in Horner form (Taylor for sine, cosine and 2^x - 1; atanh for the
 * logarithms; arctangent after reduction by a table of atan(j/8)); constants were
 * computed to 128 bits with an arbitrary-precision library. */
#include "emu/cpu/fx80_int.h"

/* (-1)^s * m * 2^(e - 127); m has bit 127 set, or is 0 for zero. */
typedef struct Wide {
    bool s;
    int32_t e;
    Fx80U128 m;
} Wide;

#define W128(hi, lo) ((Fx80U128)(hi) << 64 | (lo))
static const Wide w_ln2 = { false, -1, W128(0xB17217F7D1CF79ABu, 0xC9E3B39803F2F6AFu) };
static const Wide w_log2e = { false, 0, W128(0xB8AA3B295C17F0BBu, 0xBE87FED0691D3E88u) };
static const Wide w_pi = { false, 1, W128(0xC90FDAA22168C234u, 0xC4C6628B80DC1CD1u) };
static const Wide w_pi2 = { false, 0, W128(0xC90FDAA22168C234u, 0xC4C6628B80DC1CD1u) };
static const Wide w_pi4 = { false, -1, W128(0xC90FDAA22168C234u, 0xC4C6628B80DC1CD1u) };
static const Wide w_3pi4 = { false, 1, W128(0x96CBE3F9990E91A7u, 0x9394C9E8A0A5159Cu) };
static const Wide w_atan8[9] = {      /* atan(j / 8) */
    { false, 0, 0 },
    { false, -4, W128(0xFEADD4D5617B6E32u, 0xC897989F3E888EF7u) },
    { false, -3, W128(0xFADBAFC96406EB15u, 0x6DC79EF5F7A217E5u) },
    { false, -2, W128(0xB7B0CA0F26F78473u, 0x8AA32122DCFE4483u) },
    { false, -2, W128(0xED63382B0DDA7B45u, 0x6FE445ECBC3A8D03u) },
    { false, -1, W128(0x8F005D5EF7F59F9Bu, 0x5C835E1665C43747u) },
    { false, -1, W128(0xA4BC7D1934F70924u, 0x19A87F2A457DAC9Eu) },
    { false, -1, W128(0xB8053E2BC2319E73u, 0xCB2DA55210A4443Du) },
    { false, -1, W128(0xC90FDAA22168C234u, 0xC4C6628B80DC1CD1u) },
};
/* The x87's pi (66 bits) times 2^64: FSIN's reduction divides by it. */
static const Fx80U128 pi66 = W128(0x3u, 0x243F6A8885A308D3u);

static Wide w_norm(bool s, int32_t e, Fx80U128 m)
{
    if (!m)
        return (Wide){ s, 0, 0 };
    uint64_t hi = (uint64_t)(m >> 64);
    int n = hi ? __builtin_clzll(hi) : 64 + __builtin_clzll((uint64_t)m);
    return (Wide){ s, e - n, m << n };
}

static Wide w_int(int64_t v)
{
    uint64_t u = v < 0 ? 0 - (uint64_t)v : (uint64_t)v;
    return w_norm(v < 0, 127, u);
}

static Wide w_from(Fx80 a)
{
    int32_t e = fx80_exp(a) ? fx80_exp(a) : 1;
    return w_norm(fx80_sign(a), e - FX80_BIAS - 63 + 127, a.mant);
}

static Wide w_neg(Wide a)
{
    a.s = !a.s;
    return a;
}

static Wide w_mul(Wide a, Wide b)
{
    if (!a.m || !b.m)
        return (Wide){ a.s ^ b.s, 0, 0 };
    uint64_t ah = (uint64_t)(a.m >> 64), al = (uint64_t)a.m;
    uint64_t bh = (uint64_t)(b.m >> 64), bl = (uint64_t)b.m;
    Fx80U128 mid1 = (Fx80U128)ah * bl, mid2 = (Fx80U128)al * bh;
    Fx80U128 low = ((Fx80U128)al * bl) >> 64;
    Fx80U128 carry = ((mid1 & ~(uint64_t)0) + (mid2 & ~(uint64_t)0) + low) >> 64;
    Fx80U128 hi = (Fx80U128)ah * bh + (mid1 >> 64) + (mid2 >> 64) + carry;
    return w_norm(a.s ^ b.s, a.e + b.e + 1, hi);
}

static Wide w_add(Wide a, Wide b)
{
    if (!b.m)
        return a;
    if (!a.m)
        return b;
    if (a.e < b.e || (a.e == b.e && a.m < b.m)) {
        Wide t = a;
        a = b;
        b = t;
    }
    int32_t d = a.e - b.e;
    Fx80U128 am = a.m >> 1, bm = d + 1 >= 128 ? 0 : b.m >> (d + 1);
    return w_norm(a.s, a.e + 1, a.s == b.s ? am + bm : am - bm);
}

static Wide w_sub(Wide a, Wide b) { return w_add(a, w_neg(b)); }

static Wide w_div(Wide a, Wide b)
{
    if (!a.m)
        return (Wide){ a.s ^ b.s, 0, 0 };
    Fx80U128 r = a.m, q = 0;
    for (int i = 0; i < 128; i++) {
        bool carry = i && r >> 127;
        if (i)
            r <<= 1;
        q <<= 1;
        if (carry || r >= b.m) {
            r -= b.m;
            q |= 1;
        }
    }
    return w_norm(a.s ^ b.s, a.e - b.e, q);
}

static Fx80 invalid(Fx80Status *st)
{
    fx80_raise(st, FX80_IE);
    return FX80_INDEFINITE;
}

/* Rounded to 64 bits in RC (PC does not apply to these instructions). */
static Fx80 w_round(Fx80Status *st, Wide a)
{
    if (!a.m)
        return fx80_zero(a.s);
    Fx80Fmt fmt = { .prec = 64, .emin = 1, .emax = 0x7FFE, .reg = true };
    int32_t e = a.e + FX80_BIAS;
    uint64_t m = fx80_round(st, a.s, &e, a.m | 1, fmt);   /* bit 0: the truncated rest */
    return fx80_pack(a.s, (m & FX80_INT_BIT) ? e : 0, m);
}

/* The factor t of a series 1 - r^2/k + ...: for a tiny r the terms fall below t's last
 * bit and t comes out exactly 1, though the true factor lies below it. One unit less
 * keeps that side for the rounding (w_round): round to nearest still gives the 1-factor
 * value, toward zero the next one below, as the x87 (sin 2^-16382 rounded toward zero is
 * a denormal: UE). FPTAN divides the two series and wants neither: tan(r) = r / 1 is
 * rounded as lying above r, its true side. */
static Wide below_one(Wide t, Wide r2, Wide one)
{
    return r2.m && t.e == one.e && t.m == one.m ? w_norm(false, t.e, t.m - 1) : t;
}

/* sin(r) and cos(r) for |r| <= pi/4, Taylor series to 2^-130; side: below_one applies. */
static Wide w_sin(Wide r, bool side)
{
    Wide r2 = w_mul(r, r), one = w_int(1), t = one;
    for (int n = 15; n >= 1; n--)
        t = w_sub(one, w_div(w_mul(r2, t), w_int((2 * n) * (2 * n + 1))));
    return w_mul(r, side ? below_one(t, r2, one) : t);
}

static Wide w_cos(Wide r, bool side)
{
    Wide r2 = w_mul(r, r), one = w_int(1), t = one;
    for (int n = 15; n >= 1; n--)
        t = w_sub(one, w_div(w_mul(r2, t), w_int((2 * n - 1) * (2 * n))));
    return side ? below_one(t, r2, one) : t;
}

/* Reduction of a finite |x| < 2^63 by the x87's pi/2: x = k * pi66/2 + r exactly, |r| <=
 * pi66/4; *q gets k mod 4. */
static Wide reduce(Fx80 x, unsigned *q)
{
    Wide w = w_from(x);
    *q = 0;
    if (w.e < -1)              /* below 0.5 < pi/4: nothing to reduce */
        return w;
    /* x in units of 2^-65, an integer below 2^128; pi66/2 is pi66 in those units */
    Fx80U128 xi = (Fx80U128)x.mant << (fx80_exp(x) - FX80_BIAS + 2);
    Fx80U128 k = xi / pi66, rem = xi % pi66;
    bool neg = false;
    if (rem > pi66 / 2) {
        k++;
        rem = pi66 - rem;
        neg = true;
    }
    *q = (unsigned)(k & 3);
    Wide r = w_norm(neg, 127 - 65, rem);
    if (fx80_sign(x)) {
        r.s = !r.s;
        *q = (4 - *q) & 3;
    }
    return r;
}

/* The operand checks of FSIN, FCOS, FSINCOS and FPTAN: true when they decide *r. */
static bool trig_special(Fx80 a, Fx80Status *st, Fx80 *r)
{
    Fx80Kind k = fx80_kind(a);
    st->sw &= ~(FX80_C1 | FX80_C2);
    *r = a;
    if (k == FX80_K_BAD || fx80_is_nan(k)) {
        *r = fx80_nan1(a, st);
        return true;
    }
    if (k == FX80_K_INF) {
        fx80_raise(st, FX80_IE);
        *r = FX80_INDEFINITE;
        return true;
    }
    if (k == FX80_K_ZERO || fx80_denormal_stops(st, k, k))
        return true;
    if (fx80_exp(a) - FX80_BIAS >= 63) {
        st->sw |= FX80_C2;
        return true;
    }
    return false;
}

/* sin(x) (cosine: quadrant q + 1) for x reduced to r in quadrant q. */
static Wide w_sin_q(Wide r, unsigned q)
{
    Wide v = (q & 1) ? w_cos(r, true) : w_sin(r, true);
    return (q & 2) ? w_neg(v) : v;
}

Fx80 fx80_sin(Fx80 a, Fx80Status *st)
{
    Fx80 r;
    unsigned q;
    if (trig_special(a, st, &r))
        return r;
    Wide x = reduce(a, &q);
    return w_round(st, w_sin_q(x, q));
}

Fx80 fx80_cos(Fx80 a, Fx80Status *st)
{
    Fx80 r;
    unsigned q;
    if (fx80_kind(a) == FX80_K_ZERO) {
        st->sw &= ~(FX80_C1 | FX80_C2);
        return fx80_pack(false, FX80_BIAS, FX80_INT_BIT);
    }
    if (trig_special(a, st, &r))
        return r;
    Wide x = reduce(a, &q);
    return w_round(st, w_sin_q(x, q + 1));
}

void fx80_sincos(Fx80 a, Fx80 *sin, Fx80 *cos, Fx80Status *st)
{
    Fx80Status st_cos = *st;
    *cos = fx80_cos(a, &st_cos);
    *sin = fx80_sin(a, st);
    st->sw |= st_cos.sw & FX80_EXC;
}

Fx80 fx80_tan(Fx80 a, Fx80Status *st)
{
    Fx80 r;
    unsigned q;
    if (trig_special(a, st, &r))
        return r;
    Wide x = reduce(a, &q);
    Wide s = w_sin(x, false), c = w_cos(x, false);
    return w_round(st, (q & 1) ? w_neg(w_div(c, s)) : w_div(s, c));
}

Fx80 fx80_2xm1(Fx80 a, Fx80Status *st)
{
    Fx80Kind k = fx80_kind(a);
    st->sw &= ~FX80_C1;
    if (k == FX80_K_BAD || fx80_is_nan(k))
        return fx80_nan1(a, st);
    if (k == FX80_K_ZERO || (k == FX80_K_INF && !fx80_sign(a)))
        return a;
    if (k == FX80_K_INF)
        return fx80_pack(true, FX80_BIAS, FX80_INT_BIT);
    if (fx80_denormal_stops(st, k, k))
        return a;
    Wide y = w_mul(w_from(a), w_ln2), one = w_int(1), t = one;
    for (int n = 40; n >= 2; n--)
        t = w_add(one, w_div(w_mul(y, t), w_int(n)));
    return w_round(st, w_mul(y, t));
}

/* ln((1 + t) / (1 - t)) = 2 atanh(t) for |t| <= 0.18, to 2^-130. */
static Wide w_ln_ratio(Wide t)
{
    Wide t2 = w_mul(t, t), one = w_int(1), s = w_div(one, w_int(61));
    for (int k = 29; k >= 0; k--)
        s = w_add(w_div(one, w_int(2 * k + 1)), w_mul(t2, s));
    return w_mul(w_mul(t, s), w_int(2));
}

/* log2(x) for a finite x > 0: x = m * 2^e with m in [sqrt(2)/2, sqrt(2)). */
static Wide w_log2(Fx80 x)
{
    static const Fx80U128 sqrt2 = W128(0xB504F333F9DE6484u, 0x597D89B3754ABE9Fu);
    Wide m = w_from(x), one = w_int(1);
    int32_t e = m.e;
    m.e = 0;
    if (m.m > sqrt2) {
        m.e = -1;
        e++;
    }
    Wide t = w_div(w_sub(m, one), w_add(m, one));
    return w_add(w_int(e), w_mul(w_ln_ratio(t), w_log2e));
}

Fx80 fx80_yl2x(Fx80 y, Fx80 x, Fx80Status *st)
{
    Fx80 r;
    st->sw &= ~FX80_C1;
    if (fx80_nan2(x, y, st, &r))
        return r;
    Fx80Kind kx = fx80_kind(x), ky = fx80_kind(y);
    bool sx = fx80_sign(x), sy = fx80_sign(y);
    bool one = kx == FX80_K_NORMAL && x.mant == FX80_INT_BIT && fx80_exp(x) == FX80_BIAS;
    if ((sx && kx != FX80_K_ZERO) || (kx == FX80_K_ZERO && ky == FX80_K_ZERO) ||
        (kx == FX80_K_INF && ky == FX80_K_ZERO) || (one && ky == FX80_K_INF))
        return invalid(st);
    if (kx == FX80_K_ZERO && ky != FX80_K_INF) {         /* ZE, and not DE */
        fx80_raise(st, FX80_ZE);
        return fx80_inf(!sy);
    }
    if (fx80_denormal_stops(st, kx, ky))
        return x;
    bool below1 = fx80_exp(x) < FX80_BIAS;
    if (kx == FX80_K_ZERO)
        return fx80_inf(!sy);
    if (kx == FX80_K_INF || ky == FX80_K_INF)
        return fx80_inf(sy ^ below1);
    if (ky == FX80_K_ZERO || one)
        return fx80_zero(sy ^ below1);
    return w_round(st, w_mul(w_from(y), w_log2(x)));
}

Fx80 fx80_yl2xp1(Fx80 y, Fx80 x, Fx80Status *st)
{
    Fx80 r;
    st->sw &= ~FX80_C1;
    if (fx80_nan2(x, y, st, &r))
        return r;
    Fx80Kind kx = fx80_kind(x), ky = fx80_kind(y);
    bool s = fx80_sign(x) ^ fx80_sign(y);
    if ((kx == FX80_K_INF && (fx80_sign(x) || ky == FX80_K_ZERO)) ||
        (kx == FX80_K_ZERO && ky == FX80_K_INF))
        return invalid(st);
    if (fx80_denormal_stops(st, kx, ky))
        return x;
    if (kx == FX80_K_INF)           /* outside the domain, but the x87 reads it as log2 */
        return fx80_inf(fx80_sign(y));
    if (ky == FX80_K_INF)
        return fx80_inf(s);
    if (kx == FX80_K_ZERO || ky == FX80_K_ZERO)
        return fx80_zero(s);
    /* ln(1 + x) = 2 atanh(x / (2 + x)) */
    Wide wx = w_from(x), t = w_div(wx, w_add(w_int(2), wx));
    return w_round(st, w_mul(w_from(y), w_mul(w_ln_ratio(t), w_log2e)));
}

/* atan(z) for 0 <= z <= 1: atan(j/8) + atan(u), u = (z - j/8) / (1 + z j/8), |u| < 1/16. */
static Wide w_atan01(Wide z)
{
    int shift = 127 - (z.e + 3);
    unsigned j = !z.m || shift > 127 ? 0 : (unsigned)(((z.m >> (shift - 1)) + 1) >> 1);
    Wide c = w_div(w_int(j), w_int(8)), one = w_int(1);
    Wide u = w_div(w_sub(z, c), w_add(one, w_mul(z, c)));
    Wide u2 = w_mul(u, u), s = w_div(one, w_int(41));
    for (int k = 19; k >= 0; k--)
        s = w_sub(w_div(one, w_int(2 * k + 1)), w_mul(u2, s));
    return w_add(w_atan8[j], w_mul(u, s));
}

Fx80 fx80_atan(Fx80 y, Fx80 x, Fx80Status *st)
{
    Fx80 r;
    st->sw &= ~FX80_C1;
    if (fx80_nan2(x, y, st, &r))
        return r;
    Fx80Kind kx = fx80_kind(x), ky = fx80_kind(y);
    bool sx = fx80_sign(x), sy = fx80_sign(y);
    if (fx80_denormal_stops(st, kx, ky))
        return x;
    Wide a;
    if (ky == FX80_K_ZERO) {
        if (!sx)
            return y;
        a = w_pi;
    } else if (kx == FX80_K_ZERO) {
        a = w_pi2;
    } else if (ky == FX80_K_INF) {
        a = kx != FX80_K_INF ? w_pi2 : sx ? w_3pi4 : w_pi4;
    } else if (kx == FX80_K_INF) {
        if (!sx)
            return fx80_zero(sy);
        a = w_pi;
    } else {
        Wide ax = w_from(x), ay = w_from(y);
        ax.s = ay.s = false;
        bool swap = ay.e > ax.e || (ay.e == ax.e && ay.m > ax.m);
        a = w_atan01(swap ? w_div(ax, ay) : w_div(ay, ax));
        if (swap)
            a = w_sub(w_pi2, a);
        if (sx)
            a = w_sub(w_pi, a);
    }
    a.s = sy;
    return w_round(st, a);
}
