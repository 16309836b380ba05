/* ops_mmx.c: the MMX instructions and the SSE/SSE2 integer instructions on MMX registers
 * (the operations themselves: ops_simd_int.c).
 *
 * MMX register k is the x87's physical register k: its 64-bit significand. As on the
 * hardware (SDM vol. 1, 9.5), every MMX instruction but EMMS sets TOP to 0 and every tag
 * to valid, and the register it writes gets the exponent field 0xFFFF; EMMS empties every
 * tag. QEMU 7.2 writes only the 64 bits and leaves the exponent as it was (listed in
 * images/cpu/mmx_*.asm; the programs do not print it). The gates, in the SDM's order:
 * CR0.EM #UD, CR0.TS #NM, a pending unmasked x87 exception #MF (or FERR#, as a waiting
 * x87 instruction: fpu_enter). */
#include "emu/cpu/cpu_int.h"

static uint32_t amask_of(const Insn *i) { return (i->flags & I_A32) ? 0xffffffffu : 0xffff; }

/* The CPUID.1:EDX bit an MMX-register form needs beside MMX: the SSE integer extensions
 * (Pentium III) and SSE2's PADDQ, PSUBQ and PMULUDQ. */
static uint32_t mmx_ext_needs(unsigned op)
{
    switch (op) {
    case 0x70: case 0xc4: case 0xc5: case 0xd7: case 0xda: case 0xde: case 0xe0: case 0xe3:
    case 0xe4: case 0xe7: case 0xea: case 0xee: case 0xf6: case 0xf7:
        return CPUID_SSE;
    case 0xd4: case 0xf4: case 0xfb:
        return CPUID_SSE2;
    default:
        return 0;
    }
}

/* Every MMX handler starts here: false when the instruction waits for FERR# (it does
 * nothing now); else the register file is in MMX state (TOP 0, every tag valid), except
 * for EMMS (emms = true). */
static bool mmx_enter(Cpu *c, const Insn *i, bool emms)
{
    uint32_t need = CPUID_MMX | mmx_ext_needs(i->op);
    if ((c->model.feat[CPU_FEAT_1_EDX] & need) != need || (c->s.cr[0] & CR0_EM))
        UD(c);
    if (!fpu_enter(c, i, FPU_CONTROL))
        return false;
    if (!emms) {
        c->s.fpus &= (uint16_t)~FSW_TOP;
        c->s.fptag = 0xff;
    }
    return true;
}

static SimdVec mm_get(const Cpu *c, unsigned k)
{
    SimdVec v = { 0 };
    put_le64(v.b, c->s.fpregs[k & 7].mant);
    return v;
}

static void mm_set(Cpu *c, unsigned k, const SimdVec *v)
{
    c->s.fpregs[k & 7] = (CpuFpReg){ .mant = le64(v->b), .exp = 0xffff };
}

void simd_rd(Cpu *c, const Insn *i, uint32_t off, SimdVec *v, unsigned n)
{
    uint32_t am = amask_of(i);
    for (unsigned k = 0; k < n; k += 4)
        put_le32(v->b + k, rd32(c, i->seg, (off + k) & am));
}

void simd_wr(Cpu *c, const Insn *i, uint32_t off, const SimdVec *v, unsigned n)
{
    uint32_t am = amask_of(i);
    uint32_t first = seg_wr(c, i->seg, off, 1), last = seg_wr(c, i->seg, (off + n - 1) & am, 1);
    mmu_probe_write(c, first, 1, c->user_tlb);
    mmu_probe_write(c, last, 1, c->user_tlb);
    for (unsigned k = 0; k < n; k += 4)
        wr32(c, i->seg, (off + k) & am, le32(v->b + k));
}

/* The source operand Qq: an MMX register or 8 bytes of memory (4 for PUNPCKL*, which
 * reads only the low half). */
static SimdVec mm_src(Cpu *c, const Insn *i)
{
    SimdVec v = { 0 };
    if (!(i->flags & I_MEM))
        return mm_get(c, i->rm);
    simd_rd(c, i, ea(c, i), &v, i->op >= 0x60 && i->op <= 0x62 ? 4 : 8);
    return v;
}

/* The two-operand operations: mm = mm OP mm/m64. */
void op_mmx_PqQq(Cpu *c, const Insn *i)
{
    if (!mmx_enter(c, i, false))
        return;
    SimdVec s = mm_src(c, i), d = mm_get(c, i->reg);
    simd_int_op(i->op, &d, &s, 8);
    mm_set(c, i->reg, &d);
}

/* PSRLW/D/Q, PSRAW/D, PSLLW/D/Q mm, imm8 (0F 71-73 /2 /4 /6). */
void op_mmx_shift_NqIb(Cpu *c, const Insn *i)
{
    if (!mmx_enter(c, i, false))
        return;
    SimdVec d = mm_get(c, i->rm);
    unsigned e = 1u << (i->op - 0x70);   /* 71: words, 72: doublewords, 73: the quadword */
    simd_shift(&d, e, i->reg == 2 ? 'r' : i->reg == 4 ? 'a' : 'l', i->imm & 0xff, 8);
    mm_set(c, i->rm, &d);
}

void op_movd_PqEd(Cpu *c, const Insn *i)
{
    if (!mmx_enter(c, i, false))
        return;
    SimdVec v = { 0 };
    put_le32(v.b, (i->flags & I_MEM) ? rd32(c, i->seg, ea(c, i)) : R(c, i->rm));
    mm_set(c, i->reg, &v);
}

void op_movd_EdPq(Cpu *c, const Insn *i)
{
    if (!mmx_enter(c, i, false))
        return;
    uint32_t v = (uint32_t)c->s.fpregs[i->reg].mant;
    if (i->flags & I_MEM)
        wr32(c, i->seg, ea(c, i), v);
    else
        R(c, i->rm) = v;
}

void op_movq_PqQq(Cpu *c, const Insn *i)
{
    if (!mmx_enter(c, i, false))
        return;
    SimdVec v = mm_src(c, i);
    mm_set(c, i->reg, &v);
}

/* MOVQ mm/m64, mm and MOVNTQ m64, mm (the non-temporal hint means nothing here). */
void op_movq_QqPq(Cpu *c, const Insn *i)
{
    if (!mmx_enter(c, i, false))
        return;
    SimdVec v = mm_get(c, i->reg);
    if (i->flags & I_MEM)
        simd_wr(c, i, ea(c, i), &v, 8);
    else
        mm_set(c, i->rm, &v);
}

void op_emms(Cpu *c, const Insn *i)
{
    if (mmx_enter(c, i, true))
        c->s.fptag = 0;
}

/* PSHUFW mm, mm/m64, imm8: word k of the result is the source's word imm[2k+1:2k]. */
void op_pshufw_PqQqIb(Cpu *c, const Insn *i)
{
    if (!mmx_enter(c, i, false))
        return;
    SimdVec s = mm_src(c, i), d;
    for (unsigned k = 0; k < 4; k++)
        memcpy(d.b + 2 * k, s.b + 2 * ((i->imm >> (2 * k)) & 3), 2);
    mm_set(c, i->reg, &d);
}

void op_pinsrw_PqEdIb(Cpu *c, const Insn *i)
{
    if (!mmx_enter(c, i, false))
        return;
    uint32_t w = (i->flags & I_MEM) ? rd16(c, i->seg, ea(c, i)) : R(c, i->rm);
    SimdVec d = mm_get(c, i->reg);
    put_le16(d.b + 2 * (i->imm & 3), (uint16_t)w);
    mm_set(c, i->reg, &d);
}

void op_pextrw_GdNqIb(Cpu *c, const Insn *i)
{
    if (!mmx_enter(c, i, false))
        return;
    SimdVec s = mm_get(c, i->rm);
    R(c, i->reg) = le16(s.b + 2 * (i->imm & 3));
}

void op_pmovmskb_GdNq(Cpu *c, const Insn *i)
{
    if (!mmx_enter(c, i, false))
        return;
    SimdVec s = mm_get(c, i->rm);
    uint32_t m = 0;
    for (unsigned k = 0; k < 8; k++)
        m |= (uint32_t)(s.b[k] >> 7) << k;
    R(c, i->reg) = m;
}

/* MASKMOVQ mm1, mm2: the bytes of mm1 whose mask byte in mm2 has its top bit set go to
 * DS:(E)DI (segment override allowed). Every byte is checked before any is written. */
void op_maskmovq_PqNq(Cpu *c, const Insn *i)
{
    if (!mmx_enter(c, i, false))
        return;
    SimdVec v = mm_get(c, i->reg), m = mm_get(c, i->rm);
    uint32_t am = amask_of(i), off = R(c, R_EDI) & am;
    for (unsigned k = 0; k < 8; k++)
        if (m.b[k] & 0x80)
            mmu_probe_write(c, seg_wr(c, i->seg, (off + k) & am, 1), 1, c->user_tlb);
    for (unsigned k = 0; k < 8; k++)
        if (m.b[k] & 0x80)
            wr8(c, i->seg, (off + k) & am, v.b[k]);
}
