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
#include "emu/cpu/simd_int.h"

static uint32_t amask_of(const Insn *i) { return (i->flags & I_A32) ? 0xffffffffu : 0xffff; }

/* The CPUID.1:EDX bit an MMX-register form needs beside MMX, by its opcode byte: the SSE
 * integer extensions (Pentium III) and SSE2's PADDQ, PSUBQ and PMULUDQ. */
static const uint32_t mmx_ext_needs[256] = {
    [0x70] = CPUID_SSE, [0xc4] = CPUID_SSE, [0xc5] = CPUID_SSE, [0xd7] = CPUID_SSE,
    [0xda] = CPUID_SSE, [0xde] = CPUID_SSE, [0xe0] = CPUID_SSE, [0xe3] = CPUID_SSE,
    [0xe4] = CPUID_SSE, [0xe7] = CPUID_SSE, [0xea] = CPUID_SSE, [0xee] = CPUID_SSE,
    [0xf6] = CPUID_SSE, [0xf7] = CPUID_SSE,
    [0xd4] = CPUID_SSE2, [0xf4] = CPUID_SSE2, [0xfb] = CPUID_SSE2,
};

/* The gates of an MMX instruction in the SDM's order, for the case mmx_enter does not
 * decide in one test: false when it waits for FERR#. */
static __attribute__((noinline)) bool mmx_gates(Cpu *c, const Insn *i, uint32_t need)
{
    if ((c->model.feat[CPU_FEAT_1_EDX] & need) != need || (c->s.cr[0] & CR0_EM))
        UD(c);
    return fpu_enter(c, i, FPU_CONTROL);
}

/* Every MMX handler starts here: false when the instruction waits for FERR# (it does
 * nothing now); else the register file is in MMX state (TOP 0, every tag valid), except
 * for EMMS (emms = true). The usual case (the extension present, CR0.EM and TS clear, an
 * x87 unit without a pending exception) takes one test. */
static inline bool mmx_enter(Cpu *c, const Insn *i, bool emms)
{
    uint32_t need = CPUID_MMX | mmx_ext_needs[i->op];
    bool usual = (c->model.feat[CPU_FEAT_1_EDX] & need) == need &&
                 !(c->s.cr[0] & (CR0_EM | CR0_TS)) && c->fpu && !(c->s.fpus & FSW_ES);
    if (UNLIKELY(!usual) && !mmx_gates(c, i, need))
        return false;
    if (!emms)
        mmx_transition(c);
    return true;
}

void mmx_transition(Cpu *c)
{
    c->s.fpus &= (uint16_t)~FSW_TOP;
    c->s.fptag = 0xff;
}

void mmx_set_q(Cpu *c, unsigned k, uint64_t v)
{
    c->s.fpregs[k & 7] = (CpuFpReg){ .mant = v, .exp = 0xffff };
}

static SimdVec mm_get(const Cpu *c, unsigned k)
{
    return (SimdVec){ .q = { c->s.fpregs[k & 7].mant, 0 } };
}

static void mm_set(Cpu *c, unsigned k, const SimdVec *v) { mmx_set_q(c, k, v->q[0]); }

/* The host address of the n bytes at the instruction's seg:off on the TLB fast path (as
 * mem_fast_at), or NULL; NULL too when the offset wraps at the address size. */
static uint8_t *simd_fast(Cpu *c, const Insn *i, uint32_t off, unsigned n, bool write)
{
    return off <= amask_of(i) - (n - 1) ? mem_fast_at(c, i->seg, off, n, write) : NULL;
}

void simd_rd(Cpu *c, const Insn *i, uint32_t off, SimdVec *v, unsigned n)
{
    const uint8_t *p = simd_fast(c, i, off, n, false);
    if (LIKELY(p)) {
        memcpy(v->b, p, n);
        return;
    }
    uint32_t am = amask_of(i);
    for (unsigned k = 0; k < n; k += 4)
        put_le32(v->b + k, rd32(c, i->seg, (off + k) & am));
}

void simd_wr(Cpu *c, const Insn *i, uint32_t off, const SimdVec *v, unsigned n)
{
    uint8_t *p = simd_fast(c, i, off, n, true);
    if (LIKELY(p)) {
        memcpy(p, v->b, n);
        return;
    }
    uint32_t am = amask_of(i);
    uint32_t first = seg_wr(c, i->seg, off, 1), last = seg_wr(c, i->seg, (off + n - 1) & am, 1);
    mmu_probe_write(c, first, 1, c->user_tlb);
    mmu_probe_write(c, last, 1, c->user_tlb);
    for (unsigned k = 0; k < n; k += 4)
        wr32(c, i->seg, (off + k) & am, le32(v->b + k));
}

/* PMOVMSKB: the top bit of each of n bytes. */
static uint32_t movmsk(const SimdVec *s, unsigned n)
{
    uint32_t m = 0;
    for (unsigned k = 0; k < n; k++)
        m |= (uint32_t)(s->b[k] >> 7) << k;
    return m;
}

/* MASKMOVQ and MASKMOVDQU: the bytes of v whose mask byte in m has its top bit set go to
 * DS:(E)DI (segment override allowed); every byte is checked before any is written. */
static void maskmov(Cpu *c, const Insn *i, const SimdVec *v, const SimdVec *m, unsigned n)
{
    uint32_t am = amask_of(i), off = R(c, R_EDI) & am;
    for (unsigned k = 0; k < n; k++)
        if (m->b[k] & 0x80)
            mmu_probe_write(c, seg_wr(c, i->seg, (off + k) & am, 1), 1, c->user_tlb);
    for (unsigned k = 0; k < n; k++)
        if (m->b[k] & 0x80)
            wr8(c, i->seg, (off + k) & am, v->b[k]);
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

/* The two-operand operations: mm = mm OP mm/m64, the quadwords in registers (a register
 * source without mm_src's copy). */
void op_mmx_PqQq(Cpu *c, const Insn *i)
{
    if (!mmx_enter(c, i, false))
        return;
    uint64_t s = LIKELY(!(i->flags & I_MEM)) ? c->s.fpregs[i->rm & 7].mant : mm_src(c, i).q[0];
    uint64_t d = c->s.fpregs[i->reg & 7].mant;
    SimdMmxFn *fn = simd_mmx_ops[i->op];
    mmx_set_q(c, i->reg, fn ? fn(d, s) : d);
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
    R(c, i->reg) = movmsk(&s, 8);
}

void op_maskmovq_PqNq(Cpu *c, const Insn *i)
{
    if (!mmx_enter(c, i, false))
        return;
    SimdVec v = mm_get(c, i->reg), m = mm_get(c, i->rm);
    maskmov(c, i, &v, &m, 8);
}

/* ---- the SSE2 integer forms on XMM registers (66, F3 and F2 prefixes) ---- */

/* Every XMM integer handler starts here: #UD without SSE2, under CR0.EM or without
 * CR4.OSFXSR; #NM under CR0.TS. The x87 state is not touched. */
static void xmm_enter(Cpu *c)
{
    if (!(c->model.feat[CPU_FEAT_1_EDX] & CPUID_SSE2) || (c->s.cr[0] & CR0_EM) ||
        !(c->s.cr[4] & CR4_OSFXSR))
        UD(c);
    if (c->s.cr[0] & CR0_TS)
        cpu_raise_nocode(c, EXC_NM);
}

static SimdVec xmm_get(const Cpu *c, unsigned k)
{
    return (SimdVec){ .q = { c->s.xmm[k & 7].lo, c->s.xmm[k & 7].hi } };
}

static void xmm_set(Cpu *c, unsigned k, const SimdVec *v)
{
    c->s.xmm[k & 7] = (CpuXmm){ .lo = v->q[0], .hi = v->q[1] };
}

/* The memory operand of a 128-bit form: #GP(0) unless its linear address is 16-byte
 * aligned (aligned = false: MOVDQU). */
static uint32_t xmm_ea(Cpu *c, const Insn *i, bool aligned)
{
    uint32_t off = ea(c, i);
    if (aligned && ((c->s.segs[i->seg].base + off) & 15))
        GP0(c);
    return off;
}

/* The source operand Wdq: an XMM register or 16 aligned bytes of memory. */
static SimdVec xmm_src(Cpu *c, const Insn *i, bool aligned)
{
    SimdVec v;
    if (!(i->flags & I_MEM))
        return xmm_get(c, i->rm);
    simd_rd(c, i, xmm_ea(c, i, aligned), &v, 16);
    return v;
}

/* The two-operand operations: xmm = xmm OP xmm/m128 (PUNPCKLQDQ and PUNPCKHQDQ too). */
void op_sse2_VdqWdq(Cpu *c, const Insn *i)
{
    xmm_enter(c);
    SimdVec s = xmm_src(c, i, true), d = xmm_get(c, i->reg);
    simd_int_op(i->op, &d, &s, 16);
    xmm_set(c, i->reg, &d);
}

/* PSRLW/D/Q, PSRAW/D, PSLLW/D/Q xmm, imm8, and PSRLDQ/PSLLDQ (0F 73 /3 /7: bytes). */
void op_sse2_shift_UdqIb(Cpu *c, const Insn *i)
{
    xmm_enter(c);
    SimdVec d = xmm_get(c, i->rm), r = { 0 };
    unsigned n = i->imm & 0xff;
    if (i->reg == 3 || i->reg == 7) {
        for (unsigned k = 0; k < 16; k++) {
            unsigned from = i->reg == 3 ? k + n : k - n;   /* out of range when it wraps */
            r.b[k] = from < 16 ? d.b[from] : 0;
        }
        d = r;
    } else {
        simd_shift(&d, 1u << (i->op - 0x70), i->reg == 2 ? 'r' : i->reg == 4 ? 'a' : 'l', n, 16);
    }
    xmm_set(c, i->rm, &d);
}

/* MOVDQA (aligned) and MOVDQU loads; the stores, MOVNTDQ with them. */
void op_movdqa_VdqWdq(Cpu *c, const Insn *i)
{
    xmm_enter(c);
    SimdVec v = xmm_src(c, i, true);
    xmm_set(c, i->reg, &v);
}
void op_movdqu_VdqWdq(Cpu *c, const Insn *i)
{
    xmm_enter(c);
    SimdVec v = xmm_src(c, i, false);
    xmm_set(c, i->reg, &v);
}
static void movdq_store(Cpu *c, const Insn *i, bool aligned)
{
    xmm_enter(c);
    SimdVec v = xmm_get(c, i->reg);
    if (i->flags & I_MEM)
        simd_wr(c, i, xmm_ea(c, i, aligned), &v, 16);
    else
        xmm_set(c, i->rm, &v);
}
void op_movdqa_WdqVdq(Cpu *c, const Insn *i) { movdq_store(c, i, true); }
void op_movdqu_WdqVdq(Cpu *c, const Insn *i) { movdq_store(c, i, false); }

/* MOVD xmm, r/m32 (zero-extended) and MOVD r/m32, xmm. */
void op_movd_VdqEd(Cpu *c, const Insn *i)
{
    xmm_enter(c);
    SimdVec v = { 0 };
    put_le32(v.b, (i->flags & I_MEM) ? rd32(c, i->seg, ea(c, i)) : R(c, i->rm));
    xmm_set(c, i->reg, &v);
}
void op_movd_EdVdq(Cpu *c, const Insn *i)
{
    xmm_enter(c);
    uint32_t v = (uint32_t)c->s.xmm[i->reg].lo;
    if (i->flags & I_MEM)
        wr32(c, i->seg, ea(c, i), v);
    else
        R(c, i->rm) = v;
}

/* MOVQ xmm, xmm/m64 (F3 0F 7E: the high quadword cleared) and MOVQ xmm/m64, xmm (66 0F
 * D6: a register destination's high quadword cleared too). */
void op_movq_VdqWq(Cpu *c, const Insn *i)
{
    xmm_enter(c);
    SimdVec v = { 0 };
    if (i->flags & I_MEM)
        simd_rd(c, i, ea(c, i), &v, 8);
    else
        put_le64(v.b, c->s.xmm[i->rm].lo);
    xmm_set(c, i->reg, &v);
}
void op_movq_WqVdq(Cpu *c, const Insn *i)
{
    xmm_enter(c);
    SimdVec v = { 0 };
    put_le64(v.b, c->s.xmm[i->reg].lo);
    if (i->flags & I_MEM)
        simd_wr(c, i, ea(c, i), &v, 8);
    else
        xmm_set(c, i->rm, &v);
}

/* MOVQ2DQ xmm, mm and MOVDQ2Q mm, xmm: SSE2 instructions that are also MMX ones (the x87
 * state goes to MMX state). */
void op_movq2dq_VdqNq(Cpu *c, const Insn *i)
{
    xmm_enter(c);
    if (!mmx_enter(c, i, false))
        return;
    SimdVec v = { 0 };
    put_le64(v.b, c->s.fpregs[i->rm].mant);
    xmm_set(c, i->reg, &v);
}
void op_movdq2q_PqUdq(Cpu *c, const Insn *i)
{
    xmm_enter(c);
    if (!mmx_enter(c, i, false))
        return;
    SimdVec v = { 0 };
    put_le64(v.b, c->s.xmm[i->rm].lo);
    mm_set(c, i->reg, &v);
}

/* PSHUFD (66), PSHUFHW (F3), PSHUFLW (F2) xmm, xmm/m128, imm8. */
void op_pshufd_VdqWdqIb(Cpu *c, const Insn *i)
{
    xmm_enter(c);
    SimdVec s = xmm_src(c, i, true), d = s;
    for (unsigned k = 0; k < 4; k++)
        memcpy(d.b + 4 * k, s.b + 4 * ((i->imm >> (2 * k)) & 3), 4);
    xmm_set(c, i->reg, &d);
}
static void pshuf_half(Cpu *c, const Insn *i, unsigned base)
{
    xmm_enter(c);
    SimdVec s = xmm_src(c, i, true), d = s;
    for (unsigned k = 0; k < 4; k++)
        memcpy(d.b + base + 2 * k, s.b + base + 2 * ((i->imm >> (2 * k)) & 3), 2);
    xmm_set(c, i->reg, &d);
}
void op_pshufhw_VdqWdqIb(Cpu *c, const Insn *i) { pshuf_half(c, i, 8); }
void op_pshuflw_VdqWdqIb(Cpu *c, const Insn *i) { pshuf_half(c, i, 0); }

void op_pinsrw_VdqEdIb(Cpu *c, const Insn *i)
{
    xmm_enter(c);
    uint32_t w = (i->flags & I_MEM) ? rd16(c, i->seg, ea(c, i)) : R(c, i->rm);
    SimdVec d = xmm_get(c, i->reg);
    put_le16(d.b + 2 * (i->imm & 7), (uint16_t)w);
    xmm_set(c, i->reg, &d);
}
void op_pextrw_GdUdqIb(Cpu *c, const Insn *i)
{
    xmm_enter(c);
    SimdVec s = xmm_get(c, i->rm);
    R(c, i->reg) = le16(s.b + 2 * (i->imm & 7));
}
void op_pmovmskb_GdUdq(Cpu *c, const Insn *i)
{
    xmm_enter(c);
    SimdVec s = xmm_get(c, i->rm);
    R(c, i->reg) = movmsk(&s, 16);
}

void op_maskmovdqu_VdqUdq(Cpu *c, const Insn *i)
{
    xmm_enter(c);
    SimdVec v = xmm_get(c, i->reg), m = xmm_get(c, i->rm);
    maskmov(c, i, &v, &m, 16);
}
