/* fx80_conv.c: x87 conversions with integers only (fx80.c, invariant 1): FILD, FIST(P),
 * FISTTP, FLD and FST(P) of single and double precision, FBLD and FBSTP.
 *
 * Reference: Intel SDM vol. 1 (June 2021): 4.2.1 and 4.8 (single and double formats,
 * the integer and BCD indefinites, Table 4-3), 4.7 (packed BCD), 4.8.3.5 (SNaN loads and
 * stores), 4.9.1.5, 8.5.4 and 8.5.5 (underflow and overflow to a memory destination:
 * unmasked, nothing is stored); vol. 2 FIST/FISTP, FISTTP, FBLD, FBSTP, FST/FSTP.
 * FBLD of digits above 9 (the SDM leaves the result undefined) counts them at their nibble
 * value, as the x87 test_fx80 compares with does; bits 0-6 of the sign byte are ignored. */
#include "emu/cpu/fx80_int.h"

Fx80 fx80_from_int(int64_t v)
{
    if (!v)
        return fx80_zero(false);
    bool s = v < 0;
    uint64_t m = s ? 0 - (uint64_t)v : (uint64_t)v;
    int n = __builtin_clzll(m);
    return fx80_pack(s, FX80_BIAS + 63 - n, m << n);
}

int64_t fx80_to_int(Fx80 a, unsigned bits, bool truncate, Fx80Status *st)
{
    int64_t indefinite = (int64_t)(~(uint64_t)0 << (bits - 1));
    st->sw &= ~FX80_C1;
    Fx80Kind k = fx80_kind(a);
    if (k == FX80_K_ZERO)
        return 0;
    if (k != FX80_K_NORMAL && k != FX80_K_DENORMAL) {
        fx80_raise(st, FX80_IE);
        return indefinite;
    }
    bool s = fx80_sign(a), inexact = false, up = false;
    int32_t f = FX80_BIAS + 63 - (fx80_exp(a) ? fx80_exp(a) : 1);
    uint64_t i = a.mant;
    if (f > 0)
        i = fx80_round_int(a.mant, f, s, truncate ? FX80_RC_ZERO : st->cw >> 10 & 3,
                           &inexact, &up);
    uint64_t limit = ((uint64_t)1 << (bits - 1)) - !s;
    if (f < 0 || i > limit) {
        fx80_raise(st, FX80_IE);
        return indefinite;
    }
    if (inexact)
        fx80_raise(st, FX80_PE);
    if (up)
        st->sw |= FX80_C1;
    return (int64_t)(s ? 0 - i : i);
}

/* FLD of a binary format with fbits fraction bits and ebits exponent bits. */
static Fx80 from_float(uint64_t f, int fbits, int ebits, Fx80Status *st)
{
    int32_t emax = (1 << ebits) - 1, bias = emax >> 1, e = (int32_t)(f >> fbits) & emax;
    uint64_t frac = f & (((uint64_t)1 << fbits) - 1);
    bool s = f >> (fbits + ebits) & 1;
    st->sw &= ~FX80_C1;
    if (e == emax) {
        if (!frac)
            return fx80_inf(s);
        Fx80 r = fx80_pack(s, FX80_EXP_MAX, FX80_INT_BIT | frac << (63 - fbits));
        if (!(r.mant & FX80_QUIET_BIT))
            fx80_raise(st, FX80_IE);
        r.mant |= FX80_QUIET_BIT;
        return r;
    }
    if (e == 0) {
        if (!frac)
            return fx80_zero(s);
        fx80_raise(st, FX80_DE);
        int n = __builtin_clzll(frac);
        return fx80_pack(s, FX80_BIAS - bias + 64 - n - fbits, frac << n);
    }
    return fx80_pack(s, e - bias + FX80_BIAS, FX80_INT_BIT | frac << (63 - fbits));
}

Fx80 fx80_from_f32(uint32_t f, Fx80Status *st) { return from_float(f, 23, 8, st); }
Fx80 fx80_from_f64(uint64_t f, Fx80Status *st) { return from_float(f, 52, 11, st); }

/* FST to a binary format with fbits fraction bits and ebits exponent bits. */
static uint64_t to_float(Fx80 a, int fbits, int ebits, Fx80Status *st)
{
    int32_t emax = (1 << ebits) - 1, bias = emax >> 1;
    uint64_t sbit = (uint64_t)fx80_sign(a) << (fbits + ebits), inf = (uint64_t)emax << fbits;
    uint64_t quiet = (uint64_t)1 << (fbits - 1), fmask = ((uint64_t)1 << fbits) - 1;
    st->sw &= ~FX80_C1;
    switch (fx80_kind(a)) {
    case FX80_K_BAD:
        fx80_raise(st, FX80_IE);
        return (uint64_t)1 << (fbits + ebits) | inf | quiet;
    case FX80_K_SNAN:
        fx80_raise(st, FX80_IE);
        /* fall through */
    case FX80_K_QNAN:
        return sbit | inf | quiet | (a.mant << 1 >> (64 - fbits));
    case FX80_K_INF:
        return sbit | inf;
    case FX80_K_ZERO:
        return sbit;
    case FX80_K_DENORMAL:
    case FX80_K_NORMAL:
        break;
    }
    Fx80Fmt fmt = { .prec = fbits + 1, .emin = FX80_BIAS - bias + 1, .emax = FX80_BIAS + bias,
                    .reg = false };
    int32_t e = fx80_exp(a) ? fx80_exp(a) : 1;
    uint64_t m = fx80_round(st, fx80_sign(a), &e, (Fx80U128)a.mant << 64, fmt) >> (63 - fbits);
    if (e > fmt.emax)
        return sbit | inf;
    if (!(m >> fbits))
        return sbit | m;
    return sbit | (uint64_t)(e - FX80_BIAS + bias) << fbits | (m & fmask);
}

uint32_t fx80_to_f32(Fx80 a, Fx80Status *st) { return (uint32_t)to_float(a, 23, 8, st); }
uint64_t fx80_to_f64(Fx80 a, Fx80Status *st) { return to_float(a, 52, 11, st); }

Fx80 fx80_from_bcd(const uint8_t bcd[10])
{
    uint64_t v = 0;
    for (int i = 8; i >= 0; i--)
        v = v * 100 + (uint64_t)(bcd[i] >> 4) * 10 + (bcd[i] & 15);
    Fx80 r = fx80_from_int((int64_t)v);
    r.sign_exp |= (uint16_t)((bcd[9] & 0x80) << 8);
    return r;
}

void fx80_to_bcd(Fx80 a, uint8_t bcd[10], Fx80Status *st)
{
    static const uint64_t max = 999999999999999999u;
    Fx80Kind k = fx80_kind(a);
    bool s = fx80_sign(a), inexact = false, up = false;
    uint64_t i = 0;
    st->sw &= ~FX80_C1;
    for (int j = 0; j < 10; j++)
        bcd[j] = 0;
    int32_t f = FX80_BIAS + 63 - (fx80_exp(a) ? fx80_exp(a) : 1);
    if (k == FX80_K_NORMAL || k == FX80_K_DENORMAL)
        i = f > 0 ? fx80_round_int(a.mant, f, s, st->cw >> 10 & 3, &inexact, &up) : ~(uint64_t)0;
    if (k != FX80_K_ZERO && (k == FX80_K_INF || k == FX80_K_QNAN || k == FX80_K_SNAN ||
                             k == FX80_K_BAD || i > max)) {
        fx80_raise(st, FX80_IE);
        bcd[9] = bcd[8] = 0xFF;
        bcd[7] = 0xC0;
        return;
    }
    if (inexact)
        fx80_raise(st, FX80_PE);
    if (up)
        st->sw |= FX80_C1;
    for (int j = 0; j < 9; j++, i /= 100)
        bcd[j] = (uint8_t)(i % 10 | (i / 10 % 10) << 4);
    bcd[9] = (uint8_t)(s << 7);
}
