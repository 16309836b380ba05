/* ops_x87_ldst.c: x87 loads and stores of every format (single, double, extended, 16/32/64
 * bit integers, packed BCD), the register moves (FLD ST(i), FST ST(i), FXCH), the
 * constants, FFREE/FFREEP, FINCSTP/FDECSTP and FNOP. A store converts first, writes the
 * memory next (the only access that can fault) and changes the FPU state last; an
 * unmasked IE (any store), OE or UE (single and double) stores nothing and does not pop
 * (fx80.h). */
#include "emu/cpu/cpu_int.h"

static uint32_t amask_of(const Insn *i) { return (i->flags & I_A32) ? 0xffffffffu : 0xffff; }

static uint64_t rd64(Cpu *c, const Insn *i, uint32_t off)
{
    uint64_t lo = rd32(c, i->seg, off);
    return (uint64_t)rd32(c, i->seg, (off + 4) & amask_of(i)) << 32 | lo;
}

/* Writes n bytes of v (little-endian) at off, every page translated first. */
static void wr_bytes(Cpu *c, const Insn *i, uint32_t off, const uint8_t *v, unsigned n)
{
    uint32_t am = amask_of(i);
    uint32_t first = seg_wr(c, i->seg, off, 1), last = seg_wr(c, i->seg, (off + n - 1) & am, 1);
    mmu_probe_write(c, first, 1, c->user_tlb);
    mmu_probe_write(c, last, 1, c->user_tlb);
    for (unsigned k = 0; k < n; k++)
        wr8(c, i->seg, (off + k) & am, v[k]);
}

/* ---- loads ---- */

/* Pushes v after the flags of its conversion; an unmasked IE (an SNaN) pushes nothing,
 * while a denormal single or double is loaded even with DE unmasked, as on the x87. */
static void push_loaded(Cpu *c, Fx80 v, const Fx80Status *st)
{
    if (fpu_unmasked(c, st->sw, FX80_IE)) {
        fpu_flags(c, st->sw & FX80_EXC, 0);
        return;
    }
    if (!fpu_push_check(c))
        return;
    fpu_flags(c, st->sw & FX80_EXC, FX80_C1);
    fpu_push(c, v);
}

void op_fld_Mr32(Cpu *c, const Insn *i)
{
    if (!fpu_enter(c, i, FPU_OP))
        return;
    Fx80Status st = fpu_status(c);
    Fx80 v = fx80_from_f32(rd32(c, i->seg, ea(c, i)), &st);
    push_loaded(c, v, &st);
}

void op_fld_Mr64(Cpu *c, const Insn *i)
{
    if (!fpu_enter(c, i, FPU_OP))
        return;
    Fx80Status st = fpu_status(c);
    Fx80 v = fx80_from_f64(rd64(c, i, ea(c, i)), &st);
    push_loaded(c, v, &st);
}

/* FLD m80 takes the bits as they are: no exception, not even for an SNaN. */
void op_fld_Mr80(Cpu *c, const Insn *i)
{
    if (!fpu_enter(c, i, FPU_OP))
        return;
    uint32_t off = ea(c, i);
    Fx80 v = { .mant = rd64(c, i, off), .sign_exp = (uint16_t)rd16(c, i->seg, (off + 8) & amask_of(i)) };
    Fx80Status st = fpu_status(c);
    push_loaded(c, v, &st);
}

static void fild(Cpu *c, const Insn *i, int64_t v)
{
    Fx80Status st = fpu_status(c);
    push_loaded(c, fx80_from_int(v), &st);
}
void op_fild_Mi16(Cpu *c, const Insn *i)
{
    if (fpu_enter(c, i, FPU_OP))
        fild(c, i, (int16_t)rd16(c, i->seg, ea(c, i)));
}
void op_fild_Mi32(Cpu *c, const Insn *i)
{
    if (fpu_enter(c, i, FPU_OP))
        fild(c, i, (int32_t)rd32(c, i->seg, ea(c, i)));
}
void op_fild_Mi64(Cpu *c, const Insn *i)
{
    if (fpu_enter(c, i, FPU_OP))
        fild(c, i, (int64_t)rd64(c, i, ea(c, i)));
}

void op_fbld(Cpu *c, const Insn *i)
{
    if (!fpu_enter(c, i, FPU_OP))
        return;
    uint8_t bcd[10];
    uint32_t off = ea(c, i);
    for (unsigned k = 0; k < 10; k++)
        bcd[k] = (uint8_t)rd8(c, i->seg, (off + k) & amask_of(i));
    Fx80Status st = fpu_status(c);
    push_loaded(c, fx80_from_bcd(bcd), &st);
}

void op_fld_STi(Cpu *c, const Insn *i)
{
    if (!fpu_enter(c, i, FPU_OP))
        return;
    if (fpu_empty(c, i->rm)) {
        if (fpu_stack_fault(c, false) && fpu_push_check(c))
            fpu_push(c, FX80_INDEFINITE);
        return;
    }
    Fx80 v = fpu_get(c, i->rm);
    Fx80Status st = fpu_status(c);
    push_loaded(c, v, &st);
}

/* The constants, rounded to 64 bits in RC as the x87 does: value, and the last
 * significand bit's correction when rounding toward zero or down (d) or up (u). */
typedef struct FConst { uint16_t se; uint64_t mant; int8_t down, up; } FConst;
static const FConst fconsts[7] = {
    { 0x3fff, 0x8000000000000000u, 0, 0 },    /* 1 */
    { 0x4000, 0xd49a784bcd1b8afeu, 0, 1 },    /* log2(10) */
    { 0x3fff, 0xb8aa3b295c17f0bcu, -1, 0 },   /* log2(e) */
    { 0x4000, 0xc90fdaa22168c235u, -1, 0 },   /* pi */
    { 0x3ffd, 0x9a209a84fbcff799u, -1, 0 },   /* log10(2) */
    { 0x3ffe, 0xb17217f7d1cf79acu, -1, 0 },   /* ln(2) */
    { 0, 0, 0, 0 },                           /* +0 */
};

void op_fldconst(Cpu *c, const Insn *i)
{
    if (!fpu_enter(c, i, FPU_OP) || !fpu_push_check(c))
        return;
    const FConst *k = &fconsts[i->rm == 7 ? 6 : i->rm];
    unsigned rc = (c->s.fpuc >> 10) & 3;
    int8_t adj = rc == FX80_RC_UP ? k->up : rc == FX80_RC_NEAR ? 0 : k->down;
    fpu_flags(c, 0, FX80_C1);
    fpu_push(c, (Fx80){ .mant = k->mant + (uint64_t)(int64_t)adj, .sign_exp = k->se });
}

/* ---- stores ---- */

/* ST(0) for a store: an empty register is a stack underflow, which stores the format's
 * indefinite when IE is masked (returns false when nothing is to be stored). */
static bool store_source(Cpu *c, Fx80 *v)
{
    if (!fpu_empty(c, 0)) {
        *v = fpu_get(c, 0);
        return true;
    }
    if (!fpu_stack_fault(c, false))
        return false;
    *v = FX80_INDEFINITE;
    return true;
}

/* After the memory write: the conversion's flags, C1, and the pop. */
static void store_done(Cpu *c, const Fx80Status *st, bool pop)
{
    fpu_flags(c, st->sw, FX80_C1);
    if (pop)
        fpu_pop(c);
}

/* False when an unmasked exception forbids the store (its flags are raised). */
static bool store_allowed(Cpu *c, const Fx80Status *st, uint16_t stops)
{
    if (!fpu_unmasked(c, st->sw, stops))
        return true;
    fpu_flags(c, st->sw & FX80_EXC, 0);
    return false;
}

static void fst_real(Cpu *c, const Insn *i, unsigned bits, bool pop)
{
    Fx80 v;
    if (!fpu_enter(c, i, FPU_OP) || !store_source(c, &v))
        return;
    Fx80Status st = fpu_status(c);
    uint64_t r = bits == 32 ? fx80_to_f32(v, &st) : fx80_to_f64(v, &st);
    if (!store_allowed(c, &st, FX80_IE | FX80_DE | FX80_OE | FX80_UE))
        return;
    uint8_t b[8];
    put_le64(b, r);
    wr_bytes(c, i, ea(c, i), b, bits / 8);
    store_done(c, &st, pop);
}
void op_fst_Mr32(Cpu *c, const Insn *i) { fst_real(c, i, 32, false); }
void op_fstp_Mr32(Cpu *c, const Insn *i) { fst_real(c, i, 32, true); }
void op_fst_Mr64(Cpu *c, const Insn *i) { fst_real(c, i, 64, false); }
void op_fstp_Mr64(Cpu *c, const Insn *i) { fst_real(c, i, 64, true); }

void op_fstp_Mr80(Cpu *c, const Insn *i)
{
    Fx80 v;
    if (!fpu_enter(c, i, FPU_OP) || !store_source(c, &v))
        return;
    uint8_t b[10];
    put_le64(b, v.mant);
    put_le16(b + 8, v.sign_exp);
    wr_bytes(c, i, ea(c, i), b, 10);
    Fx80Status st = fpu_status(c);
    st.sw &= (uint16_t)~FX80_C1;
    store_done(c, &st, true);
}

static void fist(Cpu *c, const Insn *i, unsigned bits, bool truncate, bool pop)
{
    Fx80 v;
    if (!fpu_enter(c, i, FPU_OP) || !store_source(c, &v))
        return;
    Fx80Status st = fpu_status(c);
    int64_t r = fx80_to_int(v, bits, truncate, &st);
    if (!store_allowed(c, &st, FX80_IE))
        return;
    uint8_t b[8];
    put_le64(b, (uint64_t)r);
    wr_bytes(c, i, ea(c, i), b, bits / 8);
    store_done(c, &st, pop);
}
void op_fist_Mi16(Cpu *c, const Insn *i) { fist(c, i, 16, false, false); }
void op_fistp_Mi16(Cpu *c, const Insn *i) { fist(c, i, 16, false, true); }
void op_fist_Mi32(Cpu *c, const Insn *i) { fist(c, i, 32, false, false); }
void op_fistp_Mi32(Cpu *c, const Insn *i) { fist(c, i, 32, false, true); }
void op_fistp_Mi64(Cpu *c, const Insn *i) { fist(c, i, 64, false, true); }

/* FISTTP (SSE3): truncates whatever RC says, then pops; without SSE3 the encoding is a
 * reserved one, as before (op_esc). */
static void fisttp(Cpu *c, const Insn *i, unsigned bits)
{
    if (!(c->model.feat[CPU_FEAT_1_ECX] & CPUID_ECX_SSE3))
        op_esc(c, i);
    else
        fist(c, i, bits, true, true);
}
void op_fisttp_Mi16(Cpu *c, const Insn *i) { fisttp(c, i, 16); }
void op_fisttp_Mi32(Cpu *c, const Insn *i) { fisttp(c, i, 32); }
void op_fisttp_Mi64(Cpu *c, const Insn *i) { fisttp(c, i, 64); }

void op_fbstp(Cpu *c, const Insn *i)
{
    Fx80 v;
    if (!fpu_enter(c, i, FPU_OP) || !store_source(c, &v))
        return;
    Fx80Status st = fpu_status(c);
    uint8_t b[10];
    fx80_to_bcd(v, b, &st);
    if (!store_allowed(c, &st, FX80_IE))
        return;
    wr_bytes(c, i, ea(c, i), b, 10);
    store_done(c, &st, true);
}

/* FST/FSTP ST(i) (and FSTP ST(0), which only pops). */
static void fst_sti(Cpu *c, const Insn *i, bool pop)
{
    Fx80 v;
    if (!fpu_enter(c, i, FPU_OP) || !store_source(c, &v))
        return;
    fpu_flags(c, 0, FX80_C1);
    fpu_set(c, i->rm, v);
    if (pop)
        fpu_pop(c);
}
void op_fst_STi(Cpu *c, const Insn *i) { fst_sti(c, i, false); }
void op_fstp_STi(Cpu *c, const Insn *i) { fst_sti(c, i, true); }

void op_fxch_STi(Cpu *c, const Insn *i)
{
    if (!fpu_enter(c, i, FPU_OP))
        return;
    Fx80 a = fpu_get(c, 0), b = fpu_get(c, i->rm);
    if (fpu_empty(c, 0) || fpu_empty(c, i->rm)) {
        if (!fpu_stack_fault(c, false))
            return;
        if (fpu_empty(c, 0))
            a = FX80_INDEFINITE;
        if (fpu_empty(c, i->rm))
            b = FX80_INDEFINITE;
    } else {
        fpu_flags(c, 0, FX80_C1);
    }
    fpu_set(c, 0, b);
    fpu_set(c, i->rm, a);
}

/* ---- tags and TOP ---- */

void op_ffree_STi(Cpu *c, const Insn *i)
{
    if (fpu_enter(c, i, FPU_OP))
        c->s.fptag &= (uint16_t)~(1u << ((fpu_top(c) + i->rm) & 7));
}

/* DF C0+i (undocumented, on the P6): FFREE ST(i), then pop. */
void op_ffreep_STi(Cpu *c, const Insn *i)
{
    if (!fpu_enter(c, i, FPU_OP))
        return;
    c->s.fptag &= (uint16_t)~(1u << ((fpu_top(c) + i->rm) & 7));
    fpu_pop(c);
}

/* FINCSTP/FDECSTP: C1 = 0; C0, C2 and C3 are undefined, cleared as QEMU 7.2 clears them
 * (the rule for undefined flags, cpu_int.h lf_set). */
static void move_top(Cpu *c, const Insn *i, unsigned delta)
{
    if (!fpu_enter(c, i, FPU_OP))
        return;
    fpu_flags(c, 0, FX80_CC);
    c->s.fpus = (uint16_t)((c->s.fpus & ~FSW_TOP) | ((fpu_top(c) + delta) & 7) << 11);
}
void op_fincstp(Cpu *c, const Insn *i) { move_top(c, i, 1); }
void op_fdecstp(Cpu *c, const Insn *i) { move_top(c, i, 7); }

void op_fnop(Cpu *c, const Insn *i) { fpu_enter(c, i, FPU_OP); }
