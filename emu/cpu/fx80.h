/* fx80.h: the x87's 80-bit extended format in software, computed with integers only, so a
 * result never depends on the host's FPU (fx80.c: arithmetic, fx80_conv.c: conversions,
 * fx80_trans.c: transcendentals).
 * Every operation takes the x87 control word and returns the exception flags and the
 * condition codes it defines through an Fx80Status; nothing is global.
 *
 * Masked and unmasked exceptions (the caller raises #MF later, from the flags and masks):
 *  - IE, ZE, DE unmasked: the x87 writes no result; the value these functions return is
 *    then meaningless, only the flag that stopped the instruction is raised, and the
 *    caller keeps its condition codes as the instruction's page says, not sw's.
 *  - OE, UE unmasked on a register destination (every function returning an Fx80): the
 *    result is the exactly rounded value with its exponent biased by -24576 (overflow) or
 *    +24576 (underflow), as the x87 delivers it (SDM vol. 1, 8.5.4 and 8.5.5); UE is
 *    then raised for every tiny result, exact or not. A result still out of range after
 *    that bias (FSCALE) is an infinity (OE, PE, C1) or a zero (UE, PE), as on the x87.
 *  - OE, UE unmasked on a memory destination (fx80_to_f32, fx80_to_f64): the x87 stores
 *    nothing and does not pop; the flag is raised and the returned value is meaningless. */
#ifndef PCEMU_CPU_FX80_H
#define PCEMU_CPU_FX80_H

#include <stdbool.h>
#include <stdint.h>

typedef struct Fx80 {
    uint64_t mant;      /* significand with its explicit integer bit (bit 63) */
    uint16_t sign_exp;  /* bit 15 sign, bits 14-0 exponent biased by 16383 */
} Fx80;

/* Status-word bits, at their x87 positions. */
enum {
    FX80_IE = 1 << 0, FX80_DE = 1 << 1, FX80_ZE = 1 << 2, FX80_OE = 1 << 3, FX80_UE = 1 << 4,
    FX80_PE = 1 << 5, FX80_C0 = 1 << 8, FX80_C1 = 1 << 9, FX80_C2 = 1 << 10, FX80_C3 = 1 << 14,
};
#define FX80_EXC (FX80_IE | FX80_DE | FX80_ZE | FX80_OE | FX80_UE | FX80_PE)
#define FX80_CC (FX80_C0 | FX80_C1 | FX80_C2 | FX80_C3)

/* Control-word fields: the masks sit at the flag positions above. */
enum { FX80_RC_NEAR = 0, FX80_RC_DOWN = 1, FX80_RC_UP = 2, FX80_RC_ZERO = 3 };
enum { FX80_PC_24 = 0, FX80_PC_53 = 2, FX80_PC_64 = 3 };
#define FX80_CW(rc, pc, masks) ((uint16_t)((rc) << 10 | (pc) << 8 | 0x40 | (masks)))

typedef struct Fx80Status {
    uint16_t cw;  /* control word: masks (bits 0-5), PC (8-9; 1, reserved, acts as 64 bits
                   * as on the x87), RC (10-11); only read */
    uint16_t sw;  /* exception flags (bits 0-5): operations OR theirs in (sticky); condition
                   * codes C0-C3: each operation writes the ones it defines, listed with it */
} Fx80Status;

/* The default QNaN, "real indefinite". */
#define FX80_INDEFINITE ((Fx80){ .mant = 0xC000000000000000u, .sign_exp = 0xFFFF })

/* Arithmetic with PC and RC (FADD, FSUB, FMUL, FDIV, FSQRT and their forms). C1 = the
 * result was rounded up in magnitude. fx80_sub is a - b, fx80_div a / b. */
Fx80 fx80_add(Fx80 a, Fx80 b, Fx80Status *st);
Fx80 fx80_sub(Fx80 a, Fx80 b, Fx80Status *st);
Fx80 fx80_mul(Fx80 a, Fx80 b, Fx80Status *st);
Fx80 fx80_div(Fx80 a, Fx80 b, Fx80Status *st);
Fx80 fx80_sqrt(Fx80 a, Fx80Status *st);

/* FPREM (truncated quotient) and FPREM1 (IEEE, quotient rounded to even) of a = ST(0) by
 * b = ST(1). A complete remainder clears C2 and reports the quotient's low bits in C0 (Q2),
 * C3 (Q1), C1 (Q0); a partial one (exponent difference of 64 or more) sets C2, clears the
 * others and reduces the exponent by 32 to 63. */
Fx80 fx80_prem(Fx80 a, Fx80 b, Fx80Status *st);
Fx80 fx80_prem1(Fx80 a, Fx80 b, Fx80Status *st);

/* FRNDINT in RC at 64 bits, C1 = rounded up; FSCALE of a = ST(0) by trunc(b = ST(1)),
 * C1 = rounded up; FXTRACT of a into *sig (the new ST(0)) and *exp (ST(1)), C1 = 0. */
Fx80 fx80_rndint(Fx80 a, Fx80Status *st);
Fx80 fx80_scale(Fx80 a, Fx80 b, Fx80Status *st);
void fx80_xtract(Fx80 a, Fx80 *exp, Fx80 *sig, Fx80Status *st);

/* FCOM (quiet = false: IE for any NaN) and FUCOM (quiet: IE for SNaNs only) of a = ST(0)
 * with b: sets C3 C2 C0 as FCOM does (C1 = 0) and returns the relation, for FCOMI too. */
typedef enum { FX80_GT = 0, FX80_LT = 1, FX80_EQ = 2, FX80_UNORDERED = 3 } Fx80Rel;
Fx80Rel fx80_compare(Fx80 a, Fx80 b, bool quiet, Fx80Status *st);

/* FXAM of a full register: C3 C2 C0 give the class, C1 the sign; an empty register is the
 * caller's (C3 C2 C0 = 101). */
void fx80_classify(Fx80 a, Fx80Status *st);

/* Transcendentals (fx80_trans.c): within one ulp of the x87, not bit-identical; C1 =
 * rounded up. FSIN, FCOS, FSINCOS and FPTAN clear C2, or set it and return a unchanged
 * when |a| >= 2^63; FPTAN's caller then pushes nothing, else 1.0 after a number and the
 * NaN again after a NaN. fx80_atan is FPATAN, the angle of
 * (x = ST(0), y = ST(1)); fx80_yl2x is y * log2(x), fx80_yl2xp1 y * log2(x + 1). */
Fx80 fx80_sin(Fx80 a, Fx80Status *st);
Fx80 fx80_cos(Fx80 a, Fx80Status *st);
void fx80_sincos(Fx80 a, Fx80 *sin, Fx80 *cos, Fx80Status *st);
Fx80 fx80_tan(Fx80 a, Fx80Status *st);
Fx80 fx80_atan(Fx80 y, Fx80 x, Fx80Status *st);
Fx80 fx80_2xm1(Fx80 a, Fx80Status *st);
Fx80 fx80_yl2x(Fx80 y, Fx80 x, Fx80Status *st);
Fx80 fx80_yl2xp1(Fx80 y, Fx80 x, Fx80Status *st);

/* Conversions (fx80_conv.c). Loads are exact and define no condition codes (C1 = 0).
 * fx80_to_int stores an integer of 16, 32 or 64 bits (the return value sign-extended),
 * rounding in RC or, for FISTTP, toward zero; NaN, infinity and out-of-range values raise
 * IE and give the integer indefinite (the most negative value). C1 = rounded up. */
Fx80 fx80_from_int(int64_t v);
int64_t fx80_to_int(Fx80 a, unsigned bits, bool truncate, Fx80Status *st);
Fx80 fx80_from_f32(uint32_t f, Fx80Status *st);
Fx80 fx80_from_f64(uint64_t f, Fx80Status *st);
uint32_t fx80_to_f32(Fx80 a, Fx80Status *st);
uint64_t fx80_to_f64(Fx80 a, Fx80Status *st);

/* FBLD and FBSTP: 18 packed BCD digits, least significant byte first, sign in bit 7 of
 * byte 9. FBSTP rounds in RC; NaN, infinity and |value| > 10^18 - 1 raise IE and store
 * the BCD indefinite (FF FF C0 00 ... 00, most significant byte first). C1 = rounded up. */
Fx80 fx80_from_bcd(const uint8_t bcd[10]);
void fx80_to_bcd(Fx80 a, uint8_t bcd[10], Fx80Status *st);

#endif
