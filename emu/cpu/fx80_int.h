/* fx80_int.h: what fx80.c, fx80_conv.c and the SSE soft-float (sf.c) share: operand
 * classes, 128-bit helpers and the rounding core. Included only by those files. */
#ifndef PCEMU_CPU_FX80_INT_H
#define PCEMU_CPU_FX80_INT_H

#include "emu/cpu/fx80.h"

typedef unsigned __int128 Fx80U128;

#define FX80_BIAS 16383
#define FX80_EXP_MAX 0x7FFF
#define FX80_INT_BIT 0x8000000000000000u
#define FX80_QUIET_BIT 0x4000000000000000u
#define FX80_WRAP 24576    /* exponent bias of unmasked overflow and underflow results */

/* Operand classes. FX80_K_BAD is every encoding the P6 no longer supports: pseudo-NaN,
 * pseudo-infinity (exponent 0x7FFF, integer bit 0) and unnormal (exponent 1..0x7FFE,
 * integer bit 0). Pseudo-denormals (exponent 0, integer bit 1) are FX80_K_DENORMAL. */
typedef enum {
    FX80_K_ZERO, FX80_K_DENORMAL, FX80_K_NORMAL, FX80_K_INF, FX80_K_QNAN, FX80_K_SNAN,
    FX80_K_BAD,
} Fx80Kind;

static inline bool fx80_sign(Fx80 a) { return a.sign_exp >> 15; }
static inline int32_t fx80_exp(Fx80 a) { return a.sign_exp & FX80_EXP_MAX; }
static inline Fx80 fx80_pack(bool sign, int32_t exp, uint64_t mant)
{
    return (Fx80){ .mant = mant, .sign_exp = (uint16_t)((unsigned)sign << 15 | (unsigned)exp) };
}
static inline Fx80 fx80_inf(bool sign) { return fx80_pack(sign, FX80_EXP_MAX, FX80_INT_BIT); }
static inline Fx80 fx80_zero(bool sign) { return fx80_pack(sign, 0, 0); }
static inline bool fx80_is_nan(Fx80Kind k) { return k == FX80_K_QNAN || k == FX80_K_SNAN; }

static inline Fx80Kind fx80_kind(Fx80 a)
{
    int32_t e = fx80_exp(a);
    if (e == FX80_EXP_MAX) {
        if (!(a.mant & FX80_INT_BIT))
            return FX80_K_BAD;
        if (!(a.mant << 1))
            return FX80_K_INF;
        return (a.mant & FX80_QUIET_BIT) ? FX80_K_QNAN : FX80_K_SNAN;
    }
    if (e == 0)
        return a.mant ? FX80_K_DENORMAL : FX80_K_ZERO;
    return (a.mant & FX80_INT_BIT) ? FX80_K_NORMAL : FX80_K_BAD;
}

/* A finite operand's significand normalized to bit 63 and its exponent (biased; may go
 * below 1 for denormals, which the x87 reads with exponent 1). mant != 0. */
static inline void fx80_normalize(Fx80 a, uint64_t *mant, int32_t *exp)
{
    int32_t e = fx80_exp(a) ? fx80_exp(a) : 1;
    int n = __builtin_clzll(a.mant);
    *mant = a.mant << n;
    *exp = e - n;
}

static inline Fx80U128 fx80_shr_jam(Fx80U128 v, int32_t n)
{
    if (n <= 0)
        return v;
    if (n >= 128)
        return v != 0;
    return v >> n | ((v << (128 - n)) != 0);
}

/* mant * 2^-f (f >= 1) rounded to an integer in rounding control rc (FX80_RC_*), with
 * whether that was inexact and whether it rounded up in magnitude. */
static inline uint64_t fx80_round_int(uint64_t mant, int32_t f, bool sign, unsigned rc,
                                      bool *inexact, bool *up)
{
    Fx80U128 w = fx80_shr_jam((Fx80U128)mant << 64, f);
    uint64_t i = (uint64_t)(w >> 64), frac = (uint64_t)w;
    *inexact = frac != 0;
    *up = frac && (rc == FX80_RC_NEAR ? frac > FX80_INT_BIT || (frac == FX80_INT_BIT && (i & 1))
                   : rc == FX80_RC_DOWN ? sign : rc == FX80_RC_UP ? !sign : false);
    return i + *up;
}

static inline int fx80_precision(const Fx80Status *st)
{
    unsigned pc = st->cw >> 8 & 3;
    return pc == FX80_PC_24 ? 24 : pc == FX80_PC_53 ? 53 : 64;
}

static inline void fx80_raise(Fx80Status *st, uint16_t flags) { st->sw |= flags; }
static inline bool fx80_unmasked(const Fx80Status *st, uint16_t flag) { return !(st->cw & flag); }

/* A destination format for fx80_round: significand bits, the normal exponent range
 * (biased as the extended format), and whether unmasked OE/UE deliver a wrapped result
 * (a register) or nothing (memory). */
typedef struct Fx80Fmt {
    int prec;          /* 24, 53 or 64 */
    int32_t emin, emax;
    bool reg;
} Fx80Fmt;

/* Rounds (-1)^sign * v * 2^(*exp - 16383 - 127), v != 0, to fmt in RC, raising PE, UE,
 * OE and setting C1 on a round-up. Returns the significand (bit 63 clear: a denormal of
 * fmt, or zero) and leaves the exponent in *exp (fmt.emax + 1 with FX80_INT_BIT: infinity). */
uint64_t fx80_round(Fx80Status *st, bool sign, int32_t *exp, Fx80U128 v, Fx80Fmt fmt);

/* floor(sqrt(n)) for n < 2^128, bit by bit. */
uint64_t fx80_isqrt128(Fx80U128 n);

/* The quieted NaN a, or the default NaN with IE when a is not a NaN. */
Fx80 fx80_nan1(Fx80 a, Fx80Status *st);

/* Table 4-7 for two operands: true when a NaN or an unsupported encoding decides the
 * result, which is then in *r. A QNaN beats an SNaN, else the larger significand wins,
 * and of two equal ones the positive. */
bool fx80_nan2(Fx80 a, Fx80 b, Fx80Status *st, Fx80 *r);

/* Raises DE for a denormal operand of class ka or kb; true when DE is unmasked, which
 * stops the operation (fx80.c, invariant 3). */
bool fx80_denormal_stops(Fx80Status *st, Fx80Kind ka, Fx80Kind kb);

#endif
