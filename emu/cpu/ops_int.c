/* ops_int.c: handlers for the integer instructions of the 8086..P6 (arithmetic, logic,
 * shifts and rotates, multiply/divide, BCD, bit operations, data movement, stack, near
 * control flow, string instructions, flag instructions). Reference: Intel SDM vol. 2.
 * Undefined flags follow QEMU's TCG (computed from the lazy result) so that the same
 * program gives the same EFLAGS on both. */
#include "emu/cpu/cpu_int.h"

#define INLINE static inline __attribute__((always_inline))

/* ---- operand helpers ---- */

INLINE uint32_t get_reg(Cpu *c, unsigned r, unsigned n)
{
    return n == 1 ? reg8(c, r) : n == 2 ? reg16(c, r) : c->s.regs[r];
}
INLINE void set_reg(Cpu *c, unsigned r, uint32_t v, unsigned n)
{
    if (n == 1) set_reg8(c, r, (uint8_t)v);
    else if (n == 2) set_reg16(c, r, (uint16_t)v);
    else c->s.regs[r] = v;
}
INLINE uint32_t get_E(Cpu *c, const Insn *i, unsigned n)
{
    if (!(i->flags & I_MEM))
        return get_reg(c, i->rm, n);
    return rdn(c, i->seg, ea(c, i), n);
}
INLINE void set_E(Cpu *c, const Insn *i, uint32_t v, unsigned n)
{
    if (!(i->flags & I_MEM))
        set_reg(c, i->rm, v, n);
    else
        wrn(c, i->seg, ea(c, i), v, n);
}

/* Taken branch to target (already masked to the operand size): CS limit checked here so
 * that #GP reports the branch (invariant 3). */
INLINE void branch(Cpu *c, uint32_t target)
{
    if (UNLIKELY(target > c->s.segs[R_CS].limit))
        GP0(c);
    c->next_eip = target;
}

/* A handler whose ModRM operand is a register or memory: the memory form is compiled as a
 * separate function that the register form tail-calls, so the register form runs without
 * the register saves the memory path (TLB, segment checks) needs. */
#define DEF_RM(name, body) \
    static __attribute__((noinline)) void name##_mem(Cpu *c, const Insn *i) \
    { if (!(i->flags & I_MEM)) __builtin_unreachable(); body } \
    void name(Cpu *c, const Insn *i) { if (i->flags & I_MEM) { name##_mem(c, i); return; } body }

/* DEF_RM with a third form for a memory operand the fast path reaches (mem_fast, n bytes,
 * written when write): fast runs with p, the host address, and makes no calls, so the
 * common case needs no register saves; anything else goes to the general memory form. */
#define DEF_RM_FAST(name, n, write, fast, body) \
    static __attribute__((noinline)) void name##_mem(Cpu *c, const Insn *i) \
    { if (!(i->flags & I_MEM)) __builtin_unreachable(); body } \
    void name(Cpu *c, const Insn *i) \
    { \
        if (i->flags & I_MEM) { \
            uint8_t *p = mem_fast(c, i, n, write); \
            if (LIKELY(p)) { fast } else name##_mem(c, i); \
            return; \
        } \
        body \
    }

/* ---- ALU ---- */

typedef uint32_t (*AluFn)(Cpu *c, uint32_t a, uint32_t b, unsigned n);
#define alu_cmp alu_sub
#define alu_test alu_and

INLINE void e_op(Cpu *c, const Insn *i, unsigned n, uint32_t b, AluFn f, bool wb)
{
    if (!(i->flags & I_MEM)) {
        uint32_t r = f(c, get_reg(c, i->rm, n), b, n);
        if (wb) set_reg(c, i->rm, r, n);
        return;
    }
    uint32_t off = ea(c, i);
    if (wb) {
        uint32_t r = f(c, rmw_rd(c, i->seg, off, n), b, n);
        wrn(c, i->seg, off, r, n);
    } else {
        f(c, rdn(c, i->seg, off, n), b, n);
    }
}
INLINE void g_op(Cpu *c, const Insn *i, unsigned n, AluFn f, bool wb)
{
    uint32_t r = f(c, get_reg(c, i->reg, n), get_E(c, i, n), n);
    if (wb) set_reg(c, i->reg, r, n);
}
INLINE void a_op(Cpu *c, const Insn *i, unsigned n, AluFn f, bool wb)
{
    uint32_t r = f(c, get_reg(c, R_EAX, n), i->imm, n);
    if (wb) set_reg(c, R_EAX, r, n);
}

#define ALU(nm, wb) \
    DEF_RM(op_##nm##_EbGb, e_op(c, i, 1, reg8(c, i->reg), alu_##nm, wb);) \
    DEF_RM(op_##nm##_EwGw, e_op(c, i, 2, reg16(c, i->reg), alu_##nm, wb);) \
    DEF_RM_FAST(op_##nm##_EdGd, 4, wb, \
        { uint32_t r = alu_##nm(c, le32(p), R(c, i->reg), 4); if (wb) put_le32(p, r); }, \
        e_op(c, i, 4, R(c, i->reg), alu_##nm, wb);) \
    DEF_RM(op_##nm##_GbEb, g_op(c, i, 1, alu_##nm, wb);) \
    DEF_RM(op_##nm##_GwEw, g_op(c, i, 2, alu_##nm, wb);) \
    DEF_RM_FAST(op_##nm##_GdEd, 4, false, \
        { uint32_t r = alu_##nm(c, R(c, i->reg), le32(p), 4); if (wb) R(c, i->reg) = r; }, \
        g_op(c, i, 4, alu_##nm, wb);) \
    void op_##nm##_ALIb(Cpu *c, const Insn *i) { a_op(c, i, 1, alu_##nm, wb); } \
    void op_##nm##_AXIw(Cpu *c, const Insn *i) { a_op(c, i, 2, alu_##nm, wb); } \
    void op_##nm##_EAXId(Cpu *c, const Insn *i) { a_op(c, i, 4, alu_##nm, wb); } \
    DEF_RM(op_##nm##_EbIb, e_op(c, i, 1, i->imm, alu_##nm, wb);) \
    DEF_RM(op_##nm##_EwIw, e_op(c, i, 2, i->imm, alu_##nm, wb);) \
    DEF_RM_FAST(op_##nm##_EdId, 4, wb, \
        { uint32_t r = alu_##nm(c, le32(p), i->imm, 4); if (wb) put_le32(p, r); }, \
        e_op(c, i, 4, i->imm, alu_##nm, wb);)
ALU(add, true) ALU(or, true) ALU(adc, true) ALU(sbb, true)
ALU(and, true) ALU(sub, true) ALU(xor, true) ALU(cmp, false)

DEF_RM(op_test_EbGb, e_op(c, i, 1, reg8(c, i->reg), alu_test, false);)
DEF_RM(op_test_EwGw, e_op(c, i, 2, reg16(c, i->reg), alu_test, false);)
DEF_RM(op_test_EdGd, e_op(c, i, 4, R(c, i->reg), alu_test, false);)
void op_test_ALIb(Cpu *c, const Insn *i) { a_op(c, i, 1, alu_test, false); }
void op_test_AXIw(Cpu *c, const Insn *i) { a_op(c, i, 2, alu_test, false); }
void op_test_EAXId(Cpu *c, const Insn *i) { a_op(c, i, 4, alu_test, false); }
DEF_RM(op_test_EbIb, e_op(c, i, 1, i->imm, alu_test, false);)
DEF_RM(op_test_EwIw, e_op(c, i, 2, i->imm, alu_test, false);)
DEF_RM(op_test_EdId, e_op(c, i, 4, i->imm, alu_test, false);)

INLINE uint32_t alu_not(Cpu *c, uint32_t a, uint32_t b, unsigned n) { return ~a; }
INLINE uint32_t alu_neg(Cpu *c, uint32_t a, uint32_t b, unsigned n)
{ uint32_t r = 0 - a; lf_set(c, LF_SUB, n >> 1, r, 0, a, 0); return r; }

void op_inc_Zw(Cpu *c, const Insn *i) { set_reg16(c, i->reg, (uint16_t)alu_inc(c, reg16(c, i->reg), 0, 2)); }
void op_inc_Zd(Cpu *c, const Insn *i) { R(c, i->reg) = alu_inc(c, R(c, i->reg), 0, 4); }
void op_dec_Zw(Cpu *c, const Insn *i) { set_reg16(c, i->reg, (uint16_t)alu_dec(c, reg16(c, i->reg), 0, 2)); }
void op_dec_Zd(Cpu *c, const Insn *i) { R(c, i->reg) = alu_dec(c, R(c, i->reg), 0, 4); }
#define UNARY(nm) \
    DEF_RM(op_##nm##_Eb, e_op(c, i, 1, 0, alu_##nm, true);) \
    DEF_RM(op_##nm##_Ew, e_op(c, i, 2, 0, alu_##nm, true);) \
    DEF_RM(op_##nm##_Ed, e_op(c, i, 4, 0, alu_##nm, true);)
UNARY(inc) UNARY(dec) UNARY(not) UNARY(neg)

/* ---- multiply and divide ---- */

void op_mul_Eb(Cpu *c, const Insn *i)
{
    uint32_t r = reg8(c, R_EAX) * get_E(c, i, 1);
    set_reg16(c, R_EAX, (uint16_t)r);
    lf_set(c, LF_MUL, 0, r, 0, 0, r >> 8);
}
void op_mul_Ew(Cpu *c, const Insn *i)
{
    uint32_t r = reg16(c, R_EAX) * get_E(c, i, 2);
    set_reg16(c, R_EAX, (uint16_t)r);
    set_reg16(c, R_EDX, (uint16_t)(r >> 16));
    lf_set(c, LF_MUL, 1, r, 0, 0, r >> 16);
}
void op_mul_Ed(Cpu *c, const Insn *i)
{
    uint64_t r = (uint64_t)R(c, R_EAX) * get_E(c, i, 4);
    R(c, R_EAX) = (uint32_t)r;
    R(c, R_EDX) = (uint32_t)(r >> 32);
    lf_set(c, LF_MUL, 2, (uint32_t)r, 0, 0, (uint32_t)(r >> 32));
}
void op_imul_Eb(Cpu *c, const Insn *i)
{
    int32_t r = (int8_t)reg8(c, R_EAX) * (int8_t)get_E(c, i, 1);
    set_reg16(c, R_EAX, (uint16_t)r);
    lf_set(c, LF_MUL, 0, (uint32_t)r, 0, 0, r != (int8_t)r);
}
void op_imul_Ew(Cpu *c, const Insn *i)
{
    int32_t r = (int16_t)reg16(c, R_EAX) * (int16_t)get_E(c, i, 2);
    set_reg16(c, R_EAX, (uint16_t)r);
    set_reg16(c, R_EDX, (uint16_t)((uint32_t)r >> 16));
    lf_set(c, LF_MUL, 1, (uint32_t)r, 0, 0, r != (int16_t)r);
}
void op_imul_Ed(Cpu *c, const Insn *i)
{
    int64_t r = (int64_t)(int32_t)R(c, R_EAX) * (int32_t)get_E(c, i, 4);
    R(c, R_EAX) = (uint32_t)r;
    R(c, R_EDX) = (uint32_t)((uint64_t)r >> 32);
    lf_set(c, LF_MUL, 2, (uint32_t)r, 0, 0, r != (int32_t)r);
}
INLINE void imul3(Cpu *c, const Insn *i, uint32_t a, uint32_t b, unsigned n)
{
    int64_t r = (int64_t)sx(a, n) * sx(b, n);
    set_reg(c, i->reg, (uint32_t)r, n);
    lf_set(c, LF_MUL, n >> 1, (uint32_t)r, 0, 0, r != sx((uint32_t)r, n));
}
DEF_RM(op_imul_GwEwIw, imul3(c, i, get_E(c, i, 2), i->imm, 2);)
DEF_RM(op_imul_GdEdId, imul3(c, i, get_E(c, i, 4), i->imm, 4);)
DEF_RM(op_imul_GwEw, imul3(c, i, reg16(c, i->reg), get_E(c, i, 2), 2);)
DEF_RM(op_imul_GdEd, imul3(c, i, R(c, i->reg), get_E(c, i, 4), 4);)

void op_div_Eb(Cpu *c, const Insn *i)
{
    uint32_t d = get_E(c, i, 1), a = reg16(c, R_EAX);
    if (!d || a / d > 0xff) cpu_raise_nocode(c, EXC_DE);
    set_reg16(c, R_EAX, (uint16_t)((a % d) << 8 | (a / d)));
}
void op_div_Ew(Cpu *c, const Insn *i)
{
    uint32_t d = get_E(c, i, 2), a = (uint32_t)reg16(c, R_EDX) << 16 | reg16(c, R_EAX);
    if (!d || a / d > 0xffff) cpu_raise_nocode(c, EXC_DE);
    set_reg16(c, R_EAX, (uint16_t)(a / d));
    set_reg16(c, R_EDX, (uint16_t)(a % d));
}
void op_div_Ed(Cpu *c, const Insn *i)
{
    uint64_t d = get_E(c, i, 4), a = (uint64_t)R(c, R_EDX) << 32 | R(c, R_EAX);
    if (!d || a / d > 0xffffffffu) cpu_raise_nocode(c, EXC_DE);
    R(c, R_EAX) = (uint32_t)(a / d);
    R(c, R_EDX) = (uint32_t)(a % d);
}
void op_idiv_Eb(Cpu *c, const Insn *i)
{
    int32_t d = (int8_t)get_E(c, i, 1), a = (int16_t)reg16(c, R_EAX);
    if (!d) cpu_raise_nocode(c, EXC_DE);
    int32_t q = a / d, r = a % d;
    if (q != (int8_t)q) cpu_raise_nocode(c, EXC_DE);
    set_reg16(c, R_EAX, (uint16_t)(((uint32_t)r & 0xff) << 8 | ((uint32_t)q & 0xff)));
}
void op_idiv_Ew(Cpu *c, const Insn *i)
{
    int32_t d = (int16_t)get_E(c, i, 2);
    int32_t a = (int32_t)((uint32_t)reg16(c, R_EDX) << 16 | reg16(c, R_EAX));
    if (!d) cpu_raise_nocode(c, EXC_DE);
    int64_t q = (int64_t)a / d, r = (int64_t)a % d;
    if (q != (int16_t)q) cpu_raise_nocode(c, EXC_DE);
    set_reg16(c, R_EAX, (uint16_t)q);
    set_reg16(c, R_EDX, (uint16_t)r);
}
void op_idiv_Ed(Cpu *c, const Insn *i)
{
    int64_t d = (int32_t)get_E(c, i, 4);
    int64_t a = (int64_t)((uint64_t)R(c, R_EDX) << 32 | R(c, R_EAX));
    if (!d || (a == INT64_MIN && d == -1)) cpu_raise_nocode(c, EXC_DE);
    int64_t q = a / d, r = a % d;
    if (q != (int32_t)q) cpu_raise_nocode(c, EXC_DE);
    R(c, R_EAX) = (uint32_t)q;
    R(c, R_EDX) = (uint32_t)r;
}

/* ---- shifts and rotates ---- */

INLINE void sh_op(Cpu *c, const Insn *i, int kind, unsigned n, unsigned cnt)
{
    if (!(i->flags & I_MEM)) {
        set_reg(c, i->rm, alu_shift(c, kind, get_reg(c, i->rm, n), cnt, n), n);
        return;
    }
    uint32_t off = ea(c, i);
    uint32_t a = rmw_rd(c, i->seg, off, n);   /* write access checked: the store cannot fault */
    if (cnt & 31)
        wrn(c, i->seg, off, alu_shift(c, kind, a, cnt, n), n);
}
#define SHIFT(nm, K) \
    DEF_RM(op_##nm##_EbIb, sh_op(c, i, K, 1, i->imm);) \
    DEF_RM(op_##nm##_EwIb, sh_op(c, i, K, 2, i->imm);) \
    DEF_RM(op_##nm##_EdIb, sh_op(c, i, K, 4, i->imm);) \
    DEF_RM(op_##nm##_Eb1, sh_op(c, i, K, 1, 1);) \
    DEF_RM(op_##nm##_Ew1, sh_op(c, i, K, 2, 1);) \
    DEF_RM(op_##nm##_Ed1, sh_op(c, i, K, 4, 1);) \
    DEF_RM(op_##nm##_EbCL, sh_op(c, i, K, 1, reg8(c, R_ECX));) \
    DEF_RM(op_##nm##_EwCL, sh_op(c, i, K, 2, reg8(c, R_ECX));) \
    DEF_RM(op_##nm##_EdCL, sh_op(c, i, K, 4, reg8(c, R_ECX));)
SHIFT(rol, SH_ROL) SHIFT(ror, SH_ROR) SHIFT(rcl, SH_RCL) SHIFT(rcr, SH_RCR)
SHIFT(shl, SH_SHL) SHIFT(shr, SH_SHR) SHIFT(sar, SH_SAR)

/* SHLD/SHRD: SF ZF PF from the result, CF the last bit out, AF 0, OF as below. */
static void dshift(Cpu *c, const Insn *i, unsigned n, unsigned cnt, bool left)
{
    cnt &= 31;
    uint32_t off = 0, a;
    if (i->flags & I_MEM) {
        off = ea(c, i);
        a = rmw_rd(c, i->seg, off, n);
    } else {
        a = get_reg(c, i->rm, n);
    }
    if (!cnt)
        return;
    uint32_t b = get_reg(c, i->reg, n), r;
    bool cf;
    if (n == 4) {
        uint64_t v = left ? ((uint64_t)a << 32 | b) << cnt : ((uint64_t)b << 32 | a) >> cnt;
        r = left ? (uint32_t)(v >> 32) : (uint32_t)v;
        cf = left ? (a >> (32 - cnt)) & 1 : (a >> (cnt - 1)) & 1;
    } else {
        /* 16 bits: counts above 16 shift in a again, as QEMU's TCG does */
        if (left) {
            uint64_t v = (uint64_t)a << 32 | (uint64_t)b << 16 | a;
            r = (uint32_t)((v << cnt) >> 32) & 0xffff;
            cf = ((v << (cnt - 1)) >> 47) & 1;
        } else {
            uint64_t w = (uint64_t)a << 32 | (uint64_t)b << 16 | a;
            r = (uint32_t)(w >> cnt) & 0xffff;
            cf = (w >> (cnt - 1)) & 1;
        }
    }
    if (i->flags & I_MEM)
        wrn(c, i->seg, off, r, n);
    else
        set_reg(c, i->rm, r, n);
    /* OF: MSB of the destination before the last step XOR MSB of the result; the SDM
     * defines it for a count of 1 only. Above that, QEMU 7.2's qemu-system-i386 takes for
     * SHRD the destination alone shifted right by count - 1 (b:a for 16 bits, zeros
     * above), so that is what pcemu computes; for SHLD that is CF. */
    uint32_t before = left ? (cf ? sgn(n) : 0) : (n == 4 ? a : (b << 16 | a)) >> (cnt - 1);
    lf_set(c, LF_LOGIC, n >> 1, r, 0, 0, 0);
    set_cf_of(c, cf, ((before ^ r) & sgn(n)) != 0);
}
void op_shld_EwGwIb(Cpu *c, const Insn *i) { dshift(c, i, 2, i->imm, true); }
void op_shld_EdGdIb(Cpu *c, const Insn *i) { dshift(c, i, 4, i->imm, true); }
void op_shld_EwGwCL(Cpu *c, const Insn *i) { dshift(c, i, 2, reg8(c, R_ECX), true); }
void op_shld_EdGdCL(Cpu *c, const Insn *i) { dshift(c, i, 4, reg8(c, R_ECX), true); }
void op_shrd_EwGwIb(Cpu *c, const Insn *i) { dshift(c, i, 2, i->imm, false); }
void op_shrd_EdGdIb(Cpu *c, const Insn *i) { dshift(c, i, 4, i->imm, false); }
void op_shrd_EwGwCL(Cpu *c, const Insn *i) { dshift(c, i, 2, reg8(c, R_ECX), false); }
void op_shrd_EdGdCL(Cpu *c, const Insn *i) { dshift(c, i, 4, reg8(c, R_ECX), false); }

/* ---- bit operations ---- */

enum { BT_TEST, BT_SET, BT_RESET, BT_COMP };
static void bitop(Cpu *c, const Insn *i, unsigned n, int32_t bit, bool from_reg, int kind)
{
    unsigned bits = 8 * n;
    uint32_t v, off = 0;
    if (i->flags & I_MEM) {
        off = ea(c, i);
        if (from_reg) {
            int32_t words = bit >= 0 ? bit / (int32_t)bits : -((-(int64_t)bit + bits - 1) / bits);
            off += (uint32_t)words * n;
            if (!(i->flags & I_A32))
                off &= 0xffff;
        }
        v = kind == BT_TEST ? rdn(c, i->seg, off, n) : rmw_rd(c, i->seg, off, n);
    } else {
        v = get_reg(c, i->rm, n);
    }
    unsigned b = (uint32_t)bit & (bits - 1);
    bool cf = (v >> b) & 1;
    uint32_t r = kind == BT_SET ? v | (1u << b) : kind == BT_RESET ? v & ~(1u << b) : v ^ (1u << b);
    if (kind != BT_TEST) {
        if (i->flags & I_MEM) wrn(c, i->seg, off, r, n);
        else set_reg(c, i->rm, r, n);
    }
    flags_set(c, cf ? F_CF : 0, F_CF);
}
#define BITOP(nm, K) \
    void op_##nm##_EwGw(Cpu *c, const Insn *i) { bitop(c, i, 2, (int16_t)reg16(c, i->reg), true, K); } \
    void op_##nm##_EdGd(Cpu *c, const Insn *i) { bitop(c, i, 4, (int32_t)R(c, i->reg), true, K); } \
    void op_##nm##_EwIb(Cpu *c, const Insn *i) { bitop(c, i, 2, (int32_t)(i->imm & 15), false, K); } \
    void op_##nm##_EdIb(Cpu *c, const Insn *i) { bitop(c, i, 4, (int32_t)(i->imm & 31), false, K); }
BITOP(bt, BT_TEST) BITOP(bts, BT_SET) BITOP(btr, BT_RESET) BITOP(btc, BT_COMP)

static void bscan(Cpu *c, const Insn *i, unsigned n, bool rev)
{
    uint32_t v = get_E(c, i, n);
    /* the SDM defines only ZF (source zero); the rest are QEMU 7.2's: the flags of a logic
     * operation on the source (SF its MSB, PF its low byte's parity, CF OF AF 0); a zero
     * source leaves the destination as it was */
    lf_set(c, LF_LOGIC, n >> 1, v, 0, 0, 0);
    if (v)
        set_reg(c, i->reg, rev ? 31 - (unsigned)__builtin_clz(v) : (unsigned)__builtin_ctz(v), n);
}
void op_bsf_GwEw(Cpu *c, const Insn *i) { bscan(c, i, 2, false); }
void op_bsf_GdEd(Cpu *c, const Insn *i) { bscan(c, i, 4, false); }
void op_bsr_GwEw(Cpu *c, const Insn *i) { bscan(c, i, 2, true); }
void op_bsr_GdEd(Cpu *c, const Insn *i) { bscan(c, i, 4, true); }

/* ---- data movement ---- */

DEF_RM_FAST(op_mov_EbGb, 1, true, *p = reg8(c, i->reg);, set_E(c, i, reg8(c, i->reg), 1);)
DEF_RM(op_mov_EwGw, set_E(c, i, reg16(c, i->reg), 2);)
DEF_RM_FAST(op_mov_EdGd, 4, true, put_le32(p, R(c, i->reg));, set_E(c, i, R(c, i->reg), 4);)
DEF_RM_FAST(op_mov_GbEb, 1, false, set_reg8(c, i->reg, *p);, set_reg8(c, i->reg, (uint8_t)get_E(c, i, 1));)
DEF_RM(op_mov_GwEw, set_reg16(c, i->reg, (uint16_t)get_E(c, i, 2));)
DEF_RM_FAST(op_mov_GdEd, 4, false, R(c, i->reg) = le32(p);, R(c, i->reg) = get_E(c, i, 4);)
DEF_RM(op_mov_EbIb, set_E(c, i, i->imm, 1);)
DEF_RM(op_mov_EwIw, set_E(c, i, i->imm, 2);)
DEF_RM(op_mov_EdId, set_E(c, i, i->imm, 4);)
void op_mov_ZbIb(Cpu *c, const Insn *i) { set_reg8(c, i->reg, (uint8_t)i->imm); }
void op_mov_ZwIw(Cpu *c, const Insn *i) { set_reg16(c, i->reg, (uint16_t)i->imm); }
void op_mov_ZdId(Cpu *c, const Insn *i) { R(c, i->reg) = i->imm; }
void op_mov_ALOb(Cpu *c, const Insn *i) { set_reg8(c, R_EAX, (uint8_t)rd8(c, i->seg, ea(c, i))); }
void op_mov_AXOw(Cpu *c, const Insn *i) { set_reg16(c, R_EAX, (uint16_t)rd16(c, i->seg, ea(c, i))); }
void op_mov_EAXOd(Cpu *c, const Insn *i) { R(c, R_EAX) = rd32(c, i->seg, ea(c, i)); }
void op_mov_ObAL(Cpu *c, const Insn *i) { wr8(c, i->seg, ea(c, i), reg8(c, R_EAX)); }
void op_mov_OwAX(Cpu *c, const Insn *i) { wr16(c, i->seg, ea(c, i), reg16(c, R_EAX)); }
void op_mov_OdEAX(Cpu *c, const Insn *i) { wr32(c, i->seg, ea(c, i), R(c, R_EAX)); }
void op_lea_GwM(Cpu *c, const Insn *i) { set_reg16(c, i->reg, (uint16_t)ea(c, i)); }
void op_lea_GdM(Cpu *c, const Insn *i) { R(c, i->reg) = ea(c, i); }
DEF_RM(op_movzx_GwEb, set_reg16(c, i->reg, (uint16_t)get_E(c, i, 1));)
DEF_RM(op_movzx_GdEb, R(c, i->reg) = get_E(c, i, 1);)
DEF_RM(op_movzx_GwEw, set_reg16(c, i->reg, (uint16_t)get_E(c, i, 2));)
DEF_RM(op_movzx_GdEw, R(c, i->reg) = get_E(c, i, 2);)
DEF_RM(op_movsx_GwEb, set_reg16(c, i->reg, (uint16_t)(int8_t)get_E(c, i, 1));)
DEF_RM(op_movsx_GdEb, R(c, i->reg) = (uint32_t)(int8_t)get_E(c, i, 1);)
DEF_RM(op_movsx_GwEw, set_reg16(c, i->reg, (uint16_t)get_E(c, i, 2));)
DEF_RM(op_movsx_GdEw, R(c, i->reg) = (uint32_t)(int16_t)get_E(c, i, 2);)
void op_cmov_GwEw(Cpu *c, const Insn *i)
{
    uint32_t v = get_E(c, i, 2);
    if (cpu_cond(c, i->op & 15)) set_reg16(c, i->reg, (uint16_t)v);
}
void op_cmov_GdEd(Cpu *c, const Insn *i)
{
    uint32_t v = get_E(c, i, 4);
    if (cpu_cond(c, i->op & 15)) R(c, i->reg) = v;
}
void op_setcc_Eb(Cpu *c, const Insn *i) { set_E(c, i, cpu_cond(c, i->op & 15), 1); }

INLINE void xchg(Cpu *c, const Insn *i, unsigned n)
{
    uint32_t b = get_reg(c, i->reg, n);
    if (!(i->flags & I_MEM)) {
        uint32_t a = get_reg(c, i->rm, n);
        set_reg(c, i->rm, b, n);
        set_reg(c, i->reg, a, n);
        return;
    }
    uint32_t off = ea(c, i);
    uint32_t a = rmw_rd(c, i->seg, off, n);
    wrn(c, i->seg, off, b, n);
    set_reg(c, i->reg, a, n);
}
void op_xchg_EbGb(Cpu *c, const Insn *i) { xchg(c, i, 1); }
void op_xchg_EwGw(Cpu *c, const Insn *i) { xchg(c, i, 2); }
void op_xchg_EdGd(Cpu *c, const Insn *i) { xchg(c, i, 4); }
void op_xchg_ZwAX(Cpu *c, const Insn *i)
{
    uint16_t t = reg16(c, i->reg);
    set_reg16(c, i->reg, reg16(c, R_EAX));
    set_reg16(c, R_EAX, t);
}
void op_xchg_ZdEAX(Cpu *c, const Insn *i)
{
    uint32_t t = R(c, i->reg);
    R(c, i->reg) = R(c, R_EAX);
    R(c, R_EAX) = t;
}

INLINE void xadd(Cpu *c, const Insn *i, unsigned n)
{
    uint32_t b = get_reg(c, i->reg, n);
    if (!(i->flags & I_MEM)) {
        uint32_t a = get_reg(c, i->rm, n);
        uint32_t r = alu_add(c, a, b, n);
        set_reg(c, i->reg, a, n);
        set_reg(c, i->rm, r, n);
        return;
    }
    uint32_t off = ea(c, i);
    uint32_t a = rmw_rd(c, i->seg, off, n);
    wrn(c, i->seg, off, a + b, n);
    alu_add(c, a, b, n);
    set_reg(c, i->reg, a, n);
}
void op_xadd_EbGb(Cpu *c, const Insn *i) { xadd(c, i, 1); }
void op_xadd_EwGw(Cpu *c, const Insn *i) { xadd(c, i, 2); }
void op_xadd_EdGd(Cpu *c, const Insn *i) { xadd(c, i, 4); }

INLINE void cmpxchg(Cpu *c, const Insn *i, unsigned n)
{
    uint32_t acc = get_reg(c, R_EAX, n), src = get_reg(c, i->reg, n), off = 0, d;
    if (i->flags & I_MEM) {
        off = ea(c, i);
        d = rmw_rd(c, i->seg, off, n);
        wrn(c, i->seg, off, (acc & msk(n)) == d ? src : d, n);   /* the write cycle always happens */
    } else {
        d = get_reg(c, i->rm, n);
        if ((acc & msk(n)) == d)
            set_reg(c, i->rm, src, n);
    }
    alu_sub(c, acc, d, n);
    if ((acc & msk(n)) != d)
        set_reg(c, R_EAX, d, n);
}
void op_cmpxchg_EbGb(Cpu *c, const Insn *i) { cmpxchg(c, i, 1); }
void op_cmpxchg_EwGw(Cpu *c, const Insn *i) { cmpxchg(c, i, 2); }
void op_cmpxchg_EdGd(Cpu *c, const Insn *i) { cmpxchg(c, i, 4); }
void op_cmpxchg8b(Cpu *c, const Insn *i)
{
    uint32_t off = ea(c, i);
    uint32_t lo = rmw_rd(c, i->seg, off, 4);
    uint32_t hi = rmw_rd(c, i->seg, (off + 4) & ((i->flags & I_A32) ? ~0u : 0xffff), 4);
    bool eq = lo == R(c, R_EAX) && hi == R(c, R_EDX);
    uint32_t nlo = eq ? R(c, R_EBX) : lo, nhi = eq ? R(c, R_ECX) : hi;
    wr32(c, i->seg, off, nlo);
    wr32(c, i->seg, (off + 4) & ((i->flags & I_A32) ? ~0u : 0xffff), nhi);
    if (!eq) {
        R(c, R_EAX) = lo;
        R(c, R_EDX) = hi;
    }
    flags_set(c, eq ? F_ZF : 0, F_ZF);
}
void op_bswap_Zd(Cpu *c, const Insn *i) { R(c, i->reg) = __builtin_bswap32(R(c, i->reg)); }

void op_cbw(Cpu *c, const Insn *i) { set_reg16(c, R_EAX, (uint16_t)(int8_t)reg8(c, R_EAX)); }
void op_cwde(Cpu *c, const Insn *i) { R(c, R_EAX) = (uint32_t)(int16_t)reg16(c, R_EAX); }
void op_cwd(Cpu *c, const Insn *i) { set_reg16(c, R_EDX, (reg16(c, R_EAX) & 0x8000) ? 0xffff : 0); }
void op_cdq(Cpu *c, const Insn *i) { R(c, R_EDX) = (R(c, R_EAX) & 0x80000000u) ? 0xffffffffu : 0; }
void op_xlat(Cpu *c, const Insn *i)
{
    uint32_t off = R(c, R_EBX) + reg8(c, R_EAX);
    if (!(i->flags & I_A32)) off &= 0xffff;
    set_reg8(c, R_EAX, (uint8_t)rd8(c, i->seg, off));
}
void op_nop(Cpu *c, const Insn *i) { }

/* ---- flag instructions ---- */

void op_clc(Cpu *c, const Insn *i) { flags_set(c, 0, F_CF); }
void op_stc(Cpu *c, const Insn *i) { flags_set(c, F_CF, F_CF); }
void op_cmc(Cpu *c, const Insn *i) { flags_set(c, flags_get(c) ^ F_CF, F_CF); }
void op_cld(Cpu *c, const Insn *i) { c->s.eflags &= ~F_DF; }
void op_std(Cpu *c, const Insn *i) { c->s.eflags |= F_DF; }
void op_lahf(Cpu *c, const Insn *i) { set_reg8(c, 4, (uint8_t)(flags_get(c) & 0xd5) | 2); }
void op_sahf(Cpu *c, const Insn *i) { flags_set(c, reg8(c, 4), F_CF | F_PF | F_AF | F_ZF | F_SF); }
void op_salc(Cpu *c, const Insn *i) { set_reg8(c, R_EAX, flag_cf(c) ? 0xff : 0); }

/* ---- BCD ---- */

void op_daa(Cpu *c, const Insn *i)
{
    uint32_t f = flags_get(c);
    uint8_t al = reg8(c, R_EAX), old = al;
    bool cf = f & F_CF, af = false;
    bool old_cf = cf;
    cf = false;
    if ((al & 0xf) > 9 || (f & F_AF)) { cf = old_cf || al > 0xf9; al += 6; af = true; }
    if (old > 0x99 || old_cf) { al += 0x60; cf = true; }
    set_reg8(c, R_EAX, al);
    lf_set(c, LF_LOGIC, 0, al, 0, 0, 0);
    flags_set(c, (cf ? F_CF : 0) | (af ? F_AF : 0), F_CF | F_AF);
}
void op_das(Cpu *c, const Insn *i)
{
    uint32_t f = flags_get(c);
    uint8_t al = reg8(c, R_EAX), old = al;
    bool cf = f & F_CF, af = false;
    bool old_cf = cf;
    cf = false;
    if ((al & 0xf) > 9 || (f & F_AF)) { cf = old_cf || al < 6; al -= 6; af = true; }
    if (old > 0x99 || old_cf) { al -= 0x60; cf = true; }
    set_reg8(c, R_EAX, al);
    lf_set(c, LF_LOGIC, 0, al, 0, 0, 0);
    flags_set(c, (cf ? F_CF : 0) | (af ? F_AF : 0), F_CF | F_AF);
}
static void aaa_aas(Cpu *c, bool sub)
{
    uint32_t f = flags_get(c);
    uint16_t ax = reg16(c, R_EAX);
    bool adj = (ax & 0xf) > 9 || (f & F_AF);
    if (adj) {
        if (sub) { ax = (uint16_t)(ax - 6); ax = (uint16_t)((ax & 0xff) | ((ax & 0xff00) - 0x100)); }
        else { ax = (uint16_t)(((ax + 0x106) & 0xff00) | ((ax + 6) & 0xff)); }
    }
    set_reg16(c, R_EAX, ax & 0xff0f);
    flags_set(c, adj ? F_CF | F_AF : 0, F_CF | F_AF);
}
void op_aaa(Cpu *c, const Insn *i) { aaa_aas(c, false); }
void op_aas(Cpu *c, const Insn *i) { aaa_aas(c, true); }
void op_aam(Cpu *c, const Insn *i)
{
    uint8_t base = (uint8_t)i->imm, al = reg8(c, R_EAX);
    if (!base) cpu_raise_nocode(c, EXC_DE);
    set_reg16(c, R_EAX, (uint16_t)((al / base) << 8 | (al % base)));
    lf_set(c, LF_LOGIC, 0, al % base, 0, 0, 0);
}
void op_aad(Cpu *c, const Insn *i)
{
    uint8_t al = (uint8_t)(reg8(c, R_EAX) + reg8(c, 4) * (uint8_t)i->imm);
    set_reg16(c, R_EAX, al);
    lf_set(c, LF_LOGIC, 0, al, 0, 0, 0);
}

/* ---- stack ---- */

void op_push_Zw(Cpu *c, const Insn *i) { push(c, reg16(c, i->reg), 2); }
void op_push_Zd(Cpu *c, const Insn *i) { push(c, R(c, i->reg), 4); }
void op_pop_Zw(Cpu *c, const Insn *i) { uint32_t v = pop(c, 2); set_reg16(c, i->reg, (uint16_t)v); }
void op_pop_Zd(Cpu *c, const Insn *i) { uint32_t v = pop(c, 4); R(c, i->reg) = v; }
void op_push_Iw(Cpu *c, const Insn *i) { push(c, i->imm, 2); }
void op_push_Id(Cpu *c, const Insn *i) { push(c, i->imm, 4); }
void op_push_Ew(Cpu *c, const Insn *i) { push(c, get_E(c, i, 2), 2); }
void op_push_Ed(Cpu *c, const Insn *i) { push(c, get_E(c, i, 4), 4); }
static void pop_E(Cpu *c, const Insn *i, unsigned n)
{
    uint32_t v = stack_peek(c, 0, n);
    if (!(i->flags & I_MEM)) {
        set_sp(c, R(c, R_ESP) + n);
        set_reg(c, i->rm, v, n);
        return;
    }
    uint32_t old = R(c, R_ESP);
    set_sp(c, old + n);            /* the address is computed with the incremented ESP */
    uint32_t off = ea(c, i);
    R(c, R_ESP) = old;
    wrn(c, i->seg, off, v, n);
    set_sp(c, old + n);
}
void op_pop_Ew(Cpu *c, const Insn *i) { pop_E(c, i, 2); }
void op_pop_Ed(Cpu *c, const Insn *i) { pop_E(c, i, 4); }

#define PUSHSEG(S) \
    void op_push_##S##w(Cpu *c, const Insn *i) { push(c, c->s.segs[R_##S].selector, 2); } \
    void op_push_##S##d(Cpu *c, const Insn *i) { push(c, c->s.segs[R_##S].selector & 0xffff, 4); }
PUSHSEG(ES) PUSHSEG(CS) PUSHSEG(SS) PUSHSEG(DS) PUSHSEG(FS) PUSHSEG(GS)
static void pop_seg(Cpu *c, int seg, unsigned n)
{
    uint16_t sel = (uint16_t)stack_peek(c, 0, n);
    uint32_t m = sp_mask(c), esp = (R(c, R_ESP) & ~m) | ((R(c, R_ESP) + n) & m);
    seg_load(c, seg, sel);
    R(c, R_ESP) = esp;   /* advanced by the old stack's size: POP SS may change it */
    if (seg == R_SS) {
        c->shadow = true;
        c->exit_flags |= EXIT_AGAIN;
    }
}
#define POPSEG(S) \
    void op_pop_##S##w(Cpu *c, const Insn *i) { pop_seg(c, R_##S, 2); } \
    void op_pop_##S##d(Cpu *c, const Insn *i) { pop_seg(c, R_##S, 4); }
POPSEG(ES) POPSEG(SS) POPSEG(DS) POPSEG(FS) POPSEG(GS)

static void pusha(Cpu *c, unsigned n)
{
    uint32_t sp = R(c, R_ESP), m = sp_mask(c);
    for (unsigned r = 0; r < 8; r++)
        wrn(c, R_SS, (sp - n * (r + 1)) & m, c->s.regs[r], n);
    set_sp(c, sp - 8 * n);
}
static void popa(Cpu *c, unsigned n)
{
    uint32_t sp = R(c, R_ESP), m = sp_mask(c), v[8];
    for (unsigned r = 0; r < 8; r++)
        v[7 - r] = rdn(c, R_SS, (sp + n * r) & m, n);
    for (unsigned r = 0; r < 8; r++)
        if (r != R_ESP)
            set_reg(c, r, v[r], n);
    set_sp(c, sp + 8 * n);
}
void op_pushaw(Cpu *c, const Insn *i) { pusha(c, 2); }
void op_pushad(Cpu *c, const Insn *i) { pusha(c, 4); }
void op_popaw(Cpu *c, const Insn *i) { popa(c, 2); }
void op_popad(Cpu *c, const Insn *i) { popa(c, 4); }

static void enter(Cpu *c, const Insn *i, unsigned n)
{
    uint32_t m = sp_mask(c), sp = R(c, R_ESP), bp = R(c, R_EBP);
    unsigned level = i->imm2 & 31;
    sp -= n;
    wrn(c, R_SS, sp & m, bp, n);
    /* FrameTemp is (E)SP after the push: a 16-bit stack wraps SP and keeps ESP's upper
     * word, which a 32-bit operand then copies into EBP */
    uint32_t frame = (R(c, R_ESP) & ~m) | (sp & m);
    if (level) {
        for (unsigned k = 1; k < level; k++) {
            bp -= n;
            sp -= n;
            wrn(c, R_SS, sp & m, rdn(c, R_SS, bp & m, n), n);
        }
        sp -= n;
        wrn(c, R_SS, sp & m, frame, n);
    }
    sp -= i->imm;
    /* ENTER ends with a write check of one operand at the final SP, segment and page (as
     * on hardware; nothing is written there) */
    mmu_probe_write(c, seg_wr(c, R_SS, sp & m, n), n, c->user_tlb);
    set_reg(c, R_EBP, frame, n);
    set_sp(c, sp);
}
void op_enter_w(Cpu *c, const Insn *i) { enter(c, i, 2); }
void op_enter_d(Cpu *c, const Insn *i) { enter(c, i, 4); }
static void leave(Cpu *c, unsigned n)
{
    uint32_t m = sp_mask(c);
    uint32_t v = rdn(c, R_SS, R(c, R_EBP) & m, n);
    set_sp(c, R(c, R_EBP) + n);
    set_reg(c, R_EBP, v, n);
}
void op_leave_w(Cpu *c, const Insn *i) { leave(c, 2); }
void op_leave_d(Cpu *c, const Insn *i) { leave(c, 4); }

/* ---- near control flow ---- */

void op_jmp_Jw(Cpu *c, const Insn *i) { branch(c, (c->next_eip + i->imm) & 0xffff); }
void op_jmp_Jd(Cpu *c, const Insn *i) { branch(c, c->next_eip + i->imm); }
/* One handler per condition, so that cpu_cond's tests fold to the one the opcode names. */
#define JCC(nm, cc) \
    void op_##nm##_Jw(Cpu *c, const Insn *i) { if (cpu_cond(c, cc)) branch(c, (c->next_eip + i->imm) & 0xffff); } \
    void op_##nm##_Jd(Cpu *c, const Insn *i) { if (cpu_cond(c, cc)) branch(c, c->next_eip + i->imm); }
JCC(jo, 0) JCC(jno, 1) JCC(jb, 2) JCC(jnb, 3) JCC(jz, 4) JCC(jnz, 5) JCC(jbe, 6) JCC(jnbe, 7)
JCC(js, 8) JCC(jns, 9) JCC(jp, 10) JCC(jnp, 11) JCC(jl, 12) JCC(jnl, 13) JCC(jle, 14) JCC(jnle, 15)
void op_call_Jw(Cpu *c, const Insn *i)
{
    uint32_t t = (c->next_eip + i->imm) & 0xffff;
    if (t > c->s.segs[R_CS].limit) GP0(c);
    push(c, c->next_eip, 2);
    c->next_eip = t;
}
void op_call_Jd(Cpu *c, const Insn *i)
{
    uint32_t t = c->next_eip + i->imm;
    if (t > c->s.segs[R_CS].limit) GP0(c);
    push(c, c->next_eip, 4);
    c->next_eip = t;
}
void op_call_Ew(Cpu *c, const Insn *i)
{
    uint32_t t = get_E(c, i, 2);
    if (t > c->s.segs[R_CS].limit) GP0(c);
    push(c, c->next_eip, 2);
    c->next_eip = t;
}
void op_call_Ed(Cpu *c, const Insn *i)
{
    uint32_t t = get_E(c, i, 4);
    if (t > c->s.segs[R_CS].limit) GP0(c);
    push(c, c->next_eip, 4);
    c->next_eip = t;
}
void op_jmp_Ew(Cpu *c, const Insn *i) { branch(c, get_E(c, i, 2)); }
void op_jmp_Ed(Cpu *c, const Insn *i) { branch(c, get_E(c, i, 4)); }
static void ret_near(Cpu *c, unsigned n, uint32_t imm)
{
    uint32_t t = stack_peek(c, 0, n);
    branch(c, t);
    set_sp(c, R(c, R_ESP) + n + imm);
}
void op_ret_w(Cpu *c, const Insn *i) { ret_near(c, 2, 0); }
void op_ret_d(Cpu *c, const Insn *i) { ret_near(c, 4, 0); }
void op_ret_Iw_w(Cpu *c, const Insn *i) { ret_near(c, 2, i->imm); }
void op_ret_Iw_d(Cpu *c, const Insn *i) { ret_near(c, 4, i->imm); }

static inline uint32_t count_reg(Cpu *c, const Insn *i) { return (i->flags & I_A32) ? R(c, R_ECX) : reg16(c, R_ECX); }
static inline void set_count(Cpu *c, const Insn *i, uint32_t v)
{
    if (i->flags & I_A32) R(c, R_ECX) = v; else set_reg16(c, R_ECX, (uint16_t)v);
}
static inline uint32_t jmask(const Insn *i) { return (i->flags & I_O32) ? 0xffffffffu : 0xffff; }
static void loop(Cpu *c, const Insn *i, int kind)
{
    uint32_t cnt = count_reg(c, i) - 1;
    bool take = cnt != 0;
    if (kind == 1) take = take && !cpu_cond(c, 4);
    if (kind == 2) take = take && cpu_cond(c, 4);
    if (take) branch(c, (c->next_eip + i->imm) & jmask(i));
    set_count(c, i, cnt);
}
void op_loop_w(Cpu *c, const Insn *i) { loop(c, i, 0); }
void op_loop_d(Cpu *c, const Insn *i) { loop(c, i, 0); }
void op_loopne_w(Cpu *c, const Insn *i) { loop(c, i, 1); }
void op_loopne_d(Cpu *c, const Insn *i) { loop(c, i, 1); }
void op_loope_w(Cpu *c, const Insn *i) { loop(c, i, 2); }
void op_loope_d(Cpu *c, const Insn *i) { loop(c, i, 2); }
void op_jcxz_w(Cpu *c, const Insn *i) { if (!count_reg(c, i)) branch(c, (c->next_eip + i->imm) & 0xffff); }
void op_jcxz_d(Cpu *c, const Insn *i) { if (!count_reg(c, i)) branch(c, c->next_eip + i->imm); }

/* ---- string instructions ---- */

/* Iterations a REP instruction may run now: the rest of the budget, so that every
 * iteration counts as one retired instruction and interrupts are sampled in between. */
static inline uint32_t rep_budget(Cpu *c)
{
    uint64_t left = c->insn_end > c->clock->icount ? c->insn_end - c->clock->icount : 1;
    return left > 4096 ? 4096 : (uint32_t)left;
}

static inline uint32_t amask(const Insn *i) { return (i->flags & I_A32) ? 0xffffffffu : 0xffff; }
static inline void adv(Cpu *c, const Insn *i, int r, int32_t d)
{
    if (i->flags & I_A32) R(c, r) += (uint32_t)d; else set_reg16(c, r, (uint16_t)(reg16(c, r) + d));
}

typedef enum { S_MOVS, S_CMPS, S_STOS, S_LODS, S_SCAS, S_INS, S_OUTS } StrKind;

/* Host pointer for [off, off + len) of segment seg when the whole range is inside the
 * segment's allowed range and one TLB-mapped page; NULL otherwise (the slow loop then
 * does the next iteration, faulting or filling the TLB). */
static uint8_t *str_ptr(Cpu *c, int seg, uint32_t off, uint32_t len, bool write)
{
    const SegCache *sc = &c->sc[seg];
    uint32_t lo = write ? sc->wlo : sc->rlo, hi = write ? sc->whi : sc->rhi;
    if (off < lo || off > hi || hi - off < len - 1)
        return NULL;
    uint32_t lin = sc->base + off;
    if ((lin & 0xfff) + len > 0x1000)
        return NULL;
    const TlbEnt *e = &c->tlb[c->user_tlb * 2 + write][(lin >> 12) & (TLB_SIZE - 1)];
    return e->tag == (lin & ~0xfffu) ? (uint8_t *)(e->addend + lin) : NULL;
}

/* REP MOVS/STOS going up: whole runs of iterations inside one page of each operand go
 * straight to host memory (write TLB entries exist only for pages without decoded code,
 * invariant 2). Returns the iterations done, each a retired instruction. */
static uint32_t rep_fast(Cpu *c, const Insn *i, bool movs, unsigned n, uint32_t limit)
{
    uint32_t am = amask(i), done = 0;
    while (done < limit) {
        uint32_t cnt = count_reg(c, i);
        if (!cnt)
            break;
        uint32_t di = R(c, R_EDI) & am, si = R(c, R_ESI) & am;
        uint32_t k = MIN(cnt, limit - done);
        k = MIN(k, (0x1000 - ((c->sc[R_ES].base + di) & 0xfff)) / n);
        if (movs)
            k = MIN(k, (0x1000 - ((c->sc[i->seg].base + si) & 0xfff)) / n);
        if (!(i->flags & I_A32)) {
            k = MIN(k, (0x10000 - di) / n);
            if (movs)
                k = MIN(k, (0x10000 - si) / n);
        }
        if (!k)
            break;
        uint8_t *dst = str_ptr(c, R_ES, di, k * n, true);
        const uint8_t *src = movs ? str_ptr(c, i->seg, si, k * n, false) : NULL;
        if (!dst || (movs && !src))
            break;
        if (!movs) {
            uint32_t v = get_reg(c, R_EAX, n);
            if (n == 1) memset(dst, (int)v, k);
            else for (uint32_t j = 0; j < k; j++) (n == 2 ? put_le16(dst + 2 * j, (uint16_t)v) : put_le32(dst + 4 * j, v));
        } else if (dst > src && dst < src + k * n) {
            for (uint32_t j = 0; j < k * n; j++)   /* overlapping forward copy repeats bytes */
                dst[j] = src[j];
        } else {
            memmove(dst, src, (size_t)k * n);
        }
        if (movs)
            adv(c, i, R_ESI, (int32_t)(k * n));
        adv(c, i, R_EDI, (int32_t)(k * n));
        set_count(c, i, cnt - k);
        done += k;
    }
    return done;
}

static void string_op(Cpu *c, const Insn *i, StrKind k, unsigned n)
{
    bool rep = i->flags & (I_REP | I_REPNE);
    uint32_t am = amask(i);
    int32_t d = (c->s.eflags & F_DF) ? -(int32_t)n : (int32_t)n;
    if ((k == S_INS || k == S_OUTS) && c->pe && (c->cpl > ((c->s.eflags >> 12) & 3) || c->v86))
        io_allowed(c, reg16(c, R_EDX), n);
    uint32_t iters = 0, limit = rep ? rep_budget(c) : 1;
    bool fast = rep && d > 0 && (k == S_MOVS || k == S_STOS);
    for (;;) {
        if (fast) {   /* again after each slow iteration, which filled the TLB */
            iters += rep_fast(c, i, k == S_MOVS, n, limit - iters);
            if (iters >= limit && count_reg(c, i)) {
                c->next_eip = c->s.eip;
                c->exit_flags |= EXIT_AGAIN;
                break;
            }
        }
        if (rep && !count_reg(c, i))
            break;
        switch (k) {
        case S_MOVS: {
            uint32_t v = rdn(c, i->seg, R(c, R_ESI) & am, n);
            wrn(c, R_ES, R(c, R_EDI) & am, v, n);
            adv(c, i, R_ESI, d); adv(c, i, R_EDI, d);
            break;
        }
        case S_CMPS: {
            uint32_t a = rdn(c, i->seg, R(c, R_ESI) & am, n);
            uint32_t b = rdn(c, R_ES, R(c, R_EDI) & am, n);
            alu_sub(c, a, b, n);
            adv(c, i, R_ESI, d); adv(c, i, R_EDI, d);
            break;
        }
        case S_STOS:
            wrn(c, R_ES, R(c, R_EDI) & am, get_reg(c, R_EAX, n), n);
            adv(c, i, R_EDI, d);
            break;
        case S_LODS:
            set_reg(c, R_EAX, rdn(c, i->seg, R(c, R_ESI) & am, n), n);
            adv(c, i, R_ESI, d);
            break;
        case S_SCAS:
            alu_sub(c, get_reg(c, R_EAX, n), rdn(c, R_ES, R(c, R_EDI) & am, n), n);
            adv(c, i, R_EDI, d);
            break;
        case S_INS: {
            uint32_t lin = seg_wr(c, R_ES, R(c, R_EDI) & am, n);
            mmu_probe_write(c, lin, n, c->user_tlb);
            uint32_t v = bus_io_read(c->bus, reg16(c, R_EDX), n);
            cpu_bus_touched(c);
            lin_write(c, lin, v, n);
            adv(c, i, R_EDI, d);
            break;
        }
        case S_OUTS: {
            uint32_t v = rdn(c, i->seg, R(c, R_ESI) & am, n);
            bus_io_write(c->bus, reg16(c, R_EDX), v, n);
            cpu_bus_touched(c);
            adv(c, i, R_ESI, d);
            break;
        }
        }
        if (!rep)
            return;
        set_count(c, i, count_reg(c, i) - 1);
        iters++;
        if ((k == S_CMPS || k == S_SCAS) && cpu_cond(c, 4) != !(i->flags & I_REPNE))
            break;
        if (!count_reg(c, i))
            break;
        if (iters >= limit || c->exit_flags) {
            c->next_eip = c->s.eip;   /* not done: run the instruction again */
            c->exit_flags |= EXIT_AGAIN;
            break;
        }
    }
    if (iters > 1)
        c->clock->icount += iters - 1;   /* every iteration retires; cpu_run counts one */
}
#define STR(nm, K) \
    void op_##nm##b(Cpu *c, const Insn *i) { string_op(c, i, K, 1); } \
    void op_##nm##w(Cpu *c, const Insn *i) { string_op(c, i, K, 2); } \
    void op_##nm##d(Cpu *c, const Insn *i) { string_op(c, i, K, 4); }
STR(movs, S_MOVS) STR(cmps, S_CMPS) STR(stos, S_STOS) STR(lods, S_LODS) STR(scas, S_SCAS)
STR(ins, S_INS) STR(outs, S_OUTS)

/* ---- I/O ---- */

static uint32_t io_in(Cpu *c, uint16_t port, unsigned n)
{
    if (c->pe && (c->cpl > ((c->s.eflags >> 12) & 3) || c->v86))
        io_allowed(c, port, n);
    uint32_t v = bus_io_read(c->bus, port, n);
    cpu_bus_touched(c);
    return v;
}
static void io_out(Cpu *c, uint16_t port, uint32_t v, unsigned n)
{
    if (c->pe && (c->cpl > ((c->s.eflags >> 12) & 3) || c->v86))
        io_allowed(c, port, n);
    bus_io_write(c->bus, port, v, n);
    cpu_bus_touched(c);
}
void op_in_ALIb(Cpu *c, const Insn *i) { set_reg8(c, R_EAX, (uint8_t)io_in(c, (uint16_t)i->imm, 1)); }
void op_in_AXIb(Cpu *c, const Insn *i) { set_reg16(c, R_EAX, (uint16_t)io_in(c, (uint16_t)i->imm, 2)); }
void op_in_EAXIb(Cpu *c, const Insn *i) { R(c, R_EAX) = io_in(c, (uint16_t)i->imm, 4); }
void op_in_ALDX(Cpu *c, const Insn *i) { set_reg8(c, R_EAX, (uint8_t)io_in(c, reg16(c, R_EDX), 1)); }
void op_in_AXDX(Cpu *c, const Insn *i) { set_reg16(c, R_EAX, (uint16_t)io_in(c, reg16(c, R_EDX), 2)); }
void op_in_EAXDX(Cpu *c, const Insn *i) { R(c, R_EAX) = io_in(c, reg16(c, R_EDX), 4); }
void op_out_IbAL(Cpu *c, const Insn *i) { io_out(c, (uint16_t)i->imm, reg8(c, R_EAX), 1); }
void op_out_IbAX(Cpu *c, const Insn *i) { io_out(c, (uint16_t)i->imm, reg16(c, R_EAX), 2); }
void op_out_IbEAX(Cpu *c, const Insn *i) { io_out(c, (uint16_t)i->imm, R(c, R_EAX), 4); }
void op_out_DXAL(Cpu *c, const Insn *i) { io_out(c, reg16(c, R_EDX), reg8(c, R_EAX), 1); }
void op_out_DXAX(Cpu *c, const Insn *i) { io_out(c, reg16(c, R_EDX), reg16(c, R_EAX), 2); }
void op_out_DXEAX(Cpu *c, const Insn *i) { io_out(c, reg16(c, R_EDX), R(c, R_EAX), 4); }

/* ---- misc ---- */

void op_bound_GwMa(Cpu *c, const Insn *i)
{
    uint32_t off = ea(c, i);
    int16_t lo = (int16_t)rd16(c, i->seg, off), hi = (int16_t)rd16(c, i->seg, (off + 2) & amask(i));
    int16_t v = (int16_t)reg16(c, i->reg);
    if (v < lo || v > hi) cpu_raise_nocode(c, EXC_BR);
}
void op_bound_GdMa(Cpu *c, const Insn *i)
{
    uint32_t off = ea(c, i);
    int32_t lo = (int32_t)rd32(c, i->seg, off), hi = (int32_t)rd32(c, i->seg, (off + 4) & amask(i));
    int32_t v = (int32_t)R(c, i->reg);
    if (v < lo || v > hi) cpu_raise_nocode(c, EXC_BR);
}
void op_ud(Cpu *c, const Insn *i) { UD(c); }
/* x87 escape without a coprocessor (-cpu pentium2,-fpu): #NM when CR0.EM or CR0.TS, else
 * nothing happens (an empty socket answers nothing; FNSTSW leaves its operand unchanged).
 * With the FPU, the handlers of ops_x87*.c do the same first (fpu_enter). */
void op_esc(Cpu *c, const Insn *i)
{
    if (c->s.cr[0] & (CR0_EM | CR0_TS))
        cpu_raise_nocode(c, EXC_NM);
}
