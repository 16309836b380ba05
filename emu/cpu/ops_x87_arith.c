/* ops_x87_arith.c: the x87 instructions that compute on the register stack: the six basic
 * operations in every operand form, the compares (FCOM, FUCOM, FICOM, FCOMI, FUCOMI, FTST,
 * FXAM), FCMOVcc, the one-operand functions and the transcendentals. The value rules are
 * fx80's (fx80.h); this file applies the stack rules: an empty operand is a stack
 * underflow, a masked one goes on with the real indefinite, an unmasked IE, DE or ZE
 * leaves the destination and TOP as they were. */
#include "emu/cpu/cpu_int.h"

/* The operation of ModRM.reg in D8/DC/DA/DE: a op b. */
enum { FA_ADD, FA_MUL, FA_COM, FA_COMP, FA_SUB, FA_SUBR, FA_DIV, FA_DIVR };

static Fx80 arith(unsigned op, Fx80 a, Fx80 b, Fx80Status *st)
{
    switch (op) {
    case FA_ADD: return fx80_add(a, b, st);
    case FA_MUL: return fx80_mul(a, b, st);
    case FA_SUB: return fx80_sub(a, b, st);
    case FA_SUBR: return fx80_sub(b, a, st);
    case FA_DIV: return fx80_div(a, b, st);
    default: return fx80_div(b, a, st);
    }
}

/* Flags of an operation that stops on unmasked IE, DE and ZE: true when its result is to
 * be written. C1 comes from the operation (rounded up) only then. */
static bool commit(Cpu *c, const Fx80Status *st)
{
    if (fpu_unmasked(c, st->sw, FX80_IE | FX80_DE | FX80_ZE)) {
        fpu_flags(c, st->sw & (FX80_IE | FX80_DE | FX80_ZE), 0);
        return false;
    }
    fpu_flags(c, st->sw, FX80_CC);
    return true;
}

/* The relation of a compare into C3 C2 C0 (and C1 = 0), unmasked exception or not (an
 * unmasked IE still reports unordered, as on the x87). */
static void compare_flags(Cpu *c, const Fx80Status *st) { fpu_flags(c, st->sw, FX80_CC); }

static void compare(Cpu *c, Fx80 b, bool quiet, unsigned pops)
{
    Fx80Status st = fpu_status(c);
    if (fpu_empty(c, 0) || (pops == 2 && fpu_empty(c, 1))) {
        if (!fpu_stack_fault(c, false))
            return;
        fpu_flags(c, FX80_C0 | FX80_C2 | FX80_C3, FX80_CC);
    } else {
        fx80_compare(fpu_get(c, 0), b, quiet, &st);
        compare_flags(c, &st);
        if (fpu_unmasked(c, st.sw, FX80_IE | FX80_DE))
            return;
    }
    while (pops--)
        fpu_pop(c);
}

/* ST(0) op b into ST(0) (memory and ST(0),ST(i) forms; FCOM and FCOMP compare). */
static void arith_st0(Cpu *c, unsigned op, Fx80 b)
{
    if (op == FA_COM || op == FA_COMP) {
        compare(c, b, false, op == FA_COMP);
        return;
    }
    if (fpu_empty(c, 0)) {
        if (fpu_stack_fault(c, false))
            fpu_set(c, 0, FX80_INDEFINITE);
        return;
    }
    Fx80Status st = fpu_status(c);
    Fx80 r = arith(op, fpu_get(c, 0), b, &st);
    if (commit(c, &st))
        fpu_set(c, 0, r);
}

/* Memory operand formats of the arithmetic forms. */
enum { M_R32, M_R64, M_I16, M_I32 };

static Fx80 mem_operand(Cpu *c, const Insn *i, int kind, Fx80Status *st)
{
    uint32_t off = ea(c, i);
    switch (kind) {
    case M_R32: return fx80_from_f32(rd32(c, i->seg, off), st);
    case M_R64: {
        uint32_t am = (i->flags & I_A32) ? 0xffffffffu : 0xffff;
        uint64_t lo = rd32(c, i->seg, off), hi = rd32(c, i->seg, (off + 4) & am);
        return fx80_from_f64(hi << 32 | lo, st);
    }
    case M_I16: return fx80_from_int((int16_t)rd16(c, i->seg, off));
    default: return fx80_from_int((int32_t)rd32(c, i->seg, off));
    }
}

/* The memory forms: the operand's conversion raises its flags (an SNaN: IE, quieted; a
 * denormal single or double: DE, then exact in 80 bits) before the operation, which then
 * sees neither again; an unmasked one stops an arithmetic operation there. */
static void arith_mem(Cpu *c, const Insn *i, int kind)
{
    if (!fpu_enter(c, i, FPU_OP))
        return;
    Fx80Status conv = fpu_status(c);
    Fx80 b = mem_operand(c, i, kind, &conv);
    bool compare = i->reg == FA_COM || i->reg == FA_COMP;
    if ((conv.sw & FX80_EXC) && !fpu_empty(c, 0)) {
        fpu_flags(c, conv.sw & FX80_EXC, 0);
        if (!compare && fpu_unmasked(c, conv.sw, FX80_IE | FX80_DE))
            return;
    }
    arith_st0(c, i->reg, b);
}

void op_farith_Mr32(Cpu *c, const Insn *i) { arith_mem(c, i, M_R32); }
void op_farith_Mr64(Cpu *c, const Insn *i) { arith_mem(c, i, M_R64); }
void op_fiarith_Mi16(Cpu *c, const Insn *i) { arith_mem(c, i, M_I16); }
void op_fiarith_Mi32(Cpu *c, const Insn *i) { arith_mem(c, i, M_I32); }

/* D8 C0-FF: ST(0) = ST(0) op ST(i); FCOM/FCOMP ST(i). */
void op_farith_ST0STi(Cpu *c, const Insn *i)
{
    if (!fpu_enter(c, i, FPU_OP))
        return;
    if (fpu_empty(c, i->rm) && !fpu_empty(c, 0)) {
        if (i->reg == FA_COM || i->reg == FA_COMP) {
            if (fpu_stack_fault(c, false)) {
                fpu_flags(c, FX80_C0 | FX80_C2 | FX80_C3, FX80_CC);
                if (i->reg == FA_COMP)
                    fpu_pop(c);
            }
        } else if (fpu_stack_fault(c, false)) {
            fpu_set(c, 0, FX80_INDEFINITE);
        }
        return;
    }
    arith_st0(c, i->reg, fpu_get(c, i->rm));
}

/* DC C0-FF and DE C0-FF: ST(i) = ST(i) op ST(0), popping for DE; the reversed forms swap
 * SUB/SUBR and DIV/DIVR (DC E0+i is FSUBR ST(i),ST(0): ST(0) - ST(i)). */
static void arith_sti(Cpu *c, const Insn *i, bool pop)
{
    if (!fpu_enter(c, i, FPU_OP))
        return;
    unsigned op = i->reg >= 4 ? i->reg ^ 1 : i->reg;
    if (fpu_empty(c, 0) || fpu_empty(c, i->rm)) {
        if (!fpu_stack_fault(c, false))
            return;
        fpu_set(c, i->rm, FX80_INDEFINITE);
    } else {
        Fx80Status st = fpu_status(c);
        Fx80 r = arith(op, fpu_get(c, i->rm), fpu_get(c, 0), &st);
        if (!commit(c, &st))
            return;
        fpu_set(c, i->rm, r);
    }
    if (pop)
        fpu_pop(c);
}
void op_farith_STiST0(Cpu *c, const Insn *i) { arith_sti(c, i, false); }
void op_farithp_STiST0(Cpu *c, const Insn *i) { arith_sti(c, i, true); }

/* FCOMPP (DE D9), FUCOM/FUCOMP (DD E0-EF), FUCOMPP (DA E9). */
static void compare_sti(Cpu *c, const Insn *i, unsigned k, bool quiet, unsigned pops)
{
    if (!fpu_enter(c, i, FPU_OP))
        return;
    if (fpu_empty(c, k) && !fpu_empty(c, 0)) {
        if (fpu_stack_fault(c, false)) {
            fpu_flags(c, FX80_C0 | FX80_C2 | FX80_C3, FX80_CC);
            while (pops--)
                fpu_pop(c);
        }
        return;
    }
    compare(c, fpu_get(c, k), quiet, pops);
}
void op_fcompp(Cpu *c, const Insn *i) { compare_sti(c, i, 1, false, 2); }
void op_fcomp_STi(Cpu *c, const Insn *i) { compare_sti(c, i, i->rm, false, 1); }
void op_fucompp(Cpu *c, const Insn *i) { compare_sti(c, i, 1, true, 2); }
void op_fucom_STi(Cpu *c, const Insn *i) { compare_sti(c, i, i->rm, true, 0); }
void op_fucomp_STi(Cpu *c, const Insn *i) { compare_sti(c, i, i->rm, true, 1); }

/* FCOMI, FUCOMI and their popping forms: ZF PF CF = the relation (111 unordered), OF SF
 * AF cleared; C1 cleared, C0 C2 C3 unchanged. */
static void comi(Cpu *c, const Insn *i, bool quiet, bool pop)
{
    if (!fpu_enter(c, i, FPU_OP))
        return;
    uint32_t f;
    if (fpu_empty(c, 0) || fpu_empty(c, i->rm)) {
        if (!fpu_stack_fault(c, false))
            return;
        f = F_ZF | F_PF | F_CF;
    } else {
        Fx80Status st = fpu_status(c);
        Fx80Rel r = fx80_compare(fpu_get(c, 0), fpu_get(c, i->rm), quiet, &st);
        if (fpu_unmasked(c, st.sw, FX80_IE | FX80_DE)) {
            fpu_flags(c, st.sw & FX80_EXC, 0);
            return;
        }
        fpu_flags(c, st.sw & FX80_EXC, FX80_C1);
        f = r == FX80_GT ? 0 : r == FX80_LT ? F_CF : r == FX80_EQ ? F_ZF : F_ZF | F_PF | F_CF;
    }
    flags_set(c, f, F_ARITH);
    if (pop)
        fpu_pop(c);
}
void op_fcomi_STi(Cpu *c, const Insn *i) { comi(c, i, false, false); }
void op_fucomi_STi(Cpu *c, const Insn *i) { comi(c, i, true, false); }
void op_fcomip_STi(Cpu *c, const Insn *i) { comi(c, i, false, true); }
void op_fucomip_STi(Cpu *c, const Insn *i) { comi(c, i, true, true); }

void op_ftst(Cpu *c, const Insn *i)
{
    if (fpu_enter(c, i, FPU_OP))
        compare(c, (Fx80){ 0, 0 }, false, 0);
}

void op_fxam(Cpu *c, const Insn *i)
{
    if (!fpu_enter(c, i, FPU_OP))
        return;
    Fx80 a = fpu_get(c, 0);
    uint16_t c1 = (a.sign_exp & 0x8000) ? FX80_C1 : 0;
    if (fpu_empty(c, 0)) {
        fpu_flags(c, (uint16_t)(FX80_C3 | FX80_C0 | c1), FX80_CC);
        return;
    }
    Fx80Status st = fpu_status(c);
    fx80_classify(a, &st);
    fpu_flags(c, st.sw & FX80_CC, FX80_CC);
}

/* FCMOVcc: DA C0-DF (B, E, BE, U) and DB C0-DF (NB, NE, NBE, NU); an empty source or
 * destination is a stack underflow whatever the condition. */
static void fcmov(Cpu *c, const Insn *i, bool negate)
{
    static const uint8_t cc[4] = { 0x2, 0x4, 0x6, 0xa };   /* Jcc conditions B E BE P */
    if (!fpu_enter(c, i, FPU_OP))
        return;
    if (fpu_empty(c, 0) || fpu_empty(c, i->rm)) {
        if (fpu_stack_fault(c, false))
            fpu_set(c, 0, FX80_INDEFINITE);
        return;
    }
    fpu_flags(c, 0, FX80_C1);
    if (cpu_cond(c, cc[i->reg & 3] | (negate ? 1 : 0)))
        fpu_set(c, 0, fpu_get(c, i->rm));
}
void op_fcmov_STi(Cpu *c, const Insn *i) { fcmov(c, i, false); }
void op_fcmovn_STi(Cpu *c, const Insn *i) { fcmov(c, i, true); }

/* ---- one-operand functions of ST(0) ---- */

typedef Fx80 (*Fx80Fn1)(Fx80 a, Fx80Status *st);

static void unary(Cpu *c, const Insn *i, Fx80Fn1 fn)
{
    if (!fpu_enter(c, i, FPU_OP))
        return;
    if (fpu_empty(c, 0)) {
        if (fpu_stack_fault(c, false))
            fpu_set(c, 0, FX80_INDEFINITE);
        return;
    }
    Fx80Status st = fpu_status(c);
    Fx80 r = fn(fpu_get(c, 0), &st);
    if (commit(c, &st))
        fpu_set(c, 0, r);
}

static Fx80 chs(Fx80 a, Fx80Status *st)
{
    st->sw &= (uint16_t)~FX80_C1;
    a.sign_exp ^= 0x8000;
    return a;
}
static Fx80 fabs_(Fx80 a, Fx80Status *st)
{
    st->sw &= (uint16_t)~FX80_C1;
    a.sign_exp &= 0x7fff;
    return a;
}
void op_fchs(Cpu *c, const Insn *i) { unary(c, i, chs); }
void op_fabs(Cpu *c, const Insn *i) { unary(c, i, fabs_); }
void op_fsqrt(Cpu *c, const Insn *i) { unary(c, i, fx80_sqrt); }
void op_frndint(Cpu *c, const Insn *i) { unary(c, i, fx80_rndint); }
void op_f2xm1(Cpu *c, const Insn *i) { unary(c, i, fx80_2xm1); }
void op_fsin(Cpu *c, const Insn *i) { unary(c, i, fx80_sin); }
void op_fcos(Cpu *c, const Insn *i) { unary(c, i, fx80_cos); }

/* ---- functions of ST(0) and ST(1) ---- */

typedef Fx80 (*Fx80Fn2)(Fx80 a, Fx80 b, Fx80Status *st);

/* dest (0 or 1) = fn(ST(0), ST(1)) or fn(ST(1), ST(0)) (swap); pop afterwards for the
 * logarithms and FPATAN. */
static void binary(Cpu *c, const Insn *i, Fx80Fn2 fn, bool swap, unsigned dest, bool pop)
{
    if (!fpu_enter(c, i, FPU_OP))
        return;
    if (fpu_empty(c, 0) || fpu_empty(c, 1)) {
        if (!fpu_stack_fault(c, false))
            return;
        fpu_set(c, dest, FX80_INDEFINITE);
    } else {
        Fx80Status st = fpu_status(c);
        Fx80 a = fpu_get(c, 0), b = fpu_get(c, 1);
        Fx80 r = swap ? fn(b, a, &st) : fn(a, b, &st);
        if (!commit(c, &st))
            return;
        fpu_set(c, dest, r);
    }
    if (pop)
        fpu_pop(c);
}
void op_fprem(Cpu *c, const Insn *i) { binary(c, i, fx80_prem, false, 0, false); }
void op_fprem1(Cpu *c, const Insn *i) { binary(c, i, fx80_prem1, false, 0, false); }
void op_fscale(Cpu *c, const Insn *i) { binary(c, i, fx80_scale, false, 0, false); }
void op_fyl2x(Cpu *c, const Insn *i) { binary(c, i, fx80_yl2x, true, 1, true); }
void op_fyl2xp1(Cpu *c, const Insn *i) { binary(c, i, fx80_yl2xp1, true, 1, true); }
void op_fpatan(Cpu *c, const Insn *i) { binary(c, i, fx80_atan, true, 1, true); }

/* ---- functions that push a second result ---- */

/* FXTRACT, FSINCOS, FPTAN: ST(0) becomes first, then second is pushed. A full ST(7) is a
 * stack overflow (nothing computed); FSINCOS and FPTAN push nothing for |x| >= 2^63
 * (C2 set). */
enum { PUSH_XTRACT, PUSH_SINCOS, PUSH_TAN };
static void push2(Cpu *c, const Insn *i, int what)
{
    if (!fpu_enter(c, i, FPU_OP))
        return;
    if (fpu_empty(c, 0)) {
        if (fpu_stack_fault(c, false)) {
            fpu_set(c, 0, FX80_INDEFINITE);
            fpu_push(c, FX80_INDEFINITE);
        }
        return;
    }
    if (!fpu_empty(c, 7)) {
        if (fpu_stack_fault(c, true)) {
            fpu_set(c, 0, FX80_INDEFINITE);
            fpu_push(c, FX80_INDEFINITE);
        }
        return;
    }
    Fx80Status st = fpu_status(c);
    Fx80 a = fpu_get(c, 0), first, second;
    if (what == PUSH_XTRACT) {
        fx80_xtract(a, &first, &second, &st);
    } else if (what == PUSH_SINCOS) {
        fx80_sincos(a, &first, &second, &st);
    } else {
        /* A NaN result means a NaN or invalid operand (an infinity, an unsupported
         * format): the x87 then pushes that NaN again in place of 1.0 (host x87,
         * images/cpu/x87_trans.asm: FPTAN +inf leaves two QNaN indefinites). */
        first = fx80_tan(a, &st);
        second = (first.sign_exp & 0x7fff) == 0x7fff && (first.mant << 1) ? first
                                                                           : fx80_from_int(1);
    }
    if (!commit(c, &st))
        return;
    fpu_set(c, 0, first);
    if (what != PUSH_XTRACT && (st.sw & FX80_C2))
        return;
    fpu_push(c, second);
}
void op_fxtract(Cpu *c, const Insn *i) { push2(c, i, PUSH_XTRACT); }
void op_fsincos(Cpu *c, const Insn *i) { push2(c, i, PUSH_SINCOS); }
void op_fptan(Cpu *c, const Insn *i) { push2(c, i, PUSH_TAN); }
