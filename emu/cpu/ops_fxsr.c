/* ops_fxsr.c: FXSAVE and FXRSTOR (the 512-byte x87/MMX/SSE state image, SDM vol. 2
 * FXSAVE, 32-bit layout), LDMXCSR and STMXCSR, which CR4 bits the model allows (DE, PAE,
 * MCE and OSFXSR with those features, OSXMMEXCPT with SSE), and the cache-control
 * instructions of SSE and SSE2 (SFENCE, LFENCE, MFENCE, CLFLUSH, MOVNTI): one CPU without
 * caches or write-combining buffers orders its memory accesses anyway, so they check their
 * operands and nothing more. PREFETCHh and the MOVNT* stores are rows of the opcode table
 * with their plain forms.
 *
 * The image: 0 FCW, 2 FSW, 4 abridged FTW (bit p: physical register p in use), 6 FOP,
 * 8 FIP, 12 FCS, 16 FDP, 20 FDS, 24 MXCSR, 28 MXCSR_MASK, 32 + 16k ST(k) (10 bytes), 160 +
 * 16k XMMk. MXCSR, its mask and the XMM registers are saved and loaded only while
 * CR4.OSFXSR is set (as QEMU 7.2 does; the SDM leaves it to the implementation). Bytes
 * the layout reserves are left as they were, as QEMU 7.2 leaves them. QEMU 7.2 stores
 * zeros for FOP, FIP, FCS, FDP and FDS; pcemu stores the x87's values, as the hardware
 * (images/cpu/fxsr.asm marks the line). */
#include "emu/cpu/cpu_int.h"

/* QEMU 7.2's MXCSR_MASK: every defined bit, DAZ included. */
#define MXCSR_MASK 0x0000ffffu

static uint32_t amask_of(const Insn *i) { return (i->flags & I_A32) ? 0xffffffffu : 0xffff; }

uint32_t cpu_cr4_allowed(const Cpu *c)
{
    uint32_t ok = CR4_TSD | CR4_PSE | CR4_PGE | CR4_PCE;
    uint32_t f = c->model.feat[CPU_FEAT_1_EDX];
    ok |= (f & CPUID_DE ? CR4_DE : 0) | (f & CPUID_PAE ? CR4_PAE : 0) | (f & CPUID_MCE ? CR4_MCE : 0);
    if (c->model.feat[CPU_FEAT_1_EDX] & CPUID_FXSR)
        ok |= CR4_OSFXSR;
    if (c->model.feat[CPU_FEAT_1_EDX] & CPUID_SSE)
        ok |= CR4_OSXMMEXCPT;
    return ok;
}

/* FXSAVE and FXRSTOR: #UD without FXSR, #NM under CR0.EM or CR0.TS (no pending-exception
 * check: they do not wait), #GP(0) unless the linear address is 16-byte aligned. Returns
 * the offset of the image. */
static uint32_t fxsr_enter(Cpu *c, const Insn *i)
{
    if (!(c->model.feat[CPU_FEAT_1_EDX] & CPUID_FXSR))
        UD(c);
    if (c->s.cr[0] & (CR0_EM | CR0_TS))
        cpu_raise_nocode(c, EXC_NM);
    uint32_t off = ea(c, i);
    if ((c->s.segs[i->seg].base + off) & 15)
        GP0(c);
    return off;
}

static void put_bytes(Cpu *c, const Insn *i, uint32_t off, const uint8_t *b, unsigned n)
{
    for (unsigned k = 0; k < n; k++)
        wr8(c, i->seg, (off + k) & amask_of(i), b[k]);
}

void op_fxsave_M(Cpu *c, const Insn *i)
{
    uint32_t off = fxsr_enter(c, i), am = amask_of(i);
    bool sse = c->s.cr[4] & CR4_OSFXSR;
    /* every page of the image first: a fault leaves memory unchanged */
    for (uint32_t k = 0; k < (sse ? 288u : 160u); k += 16)
        mmu_probe_write(c, seg_wr(c, i->seg, (off + k) & am, 16), 16, c->user_tlb);
    uint8_t h[32];
    put_le16(h, c->s.fpuc);
    put_le16(h + 2, c->s.fpus);
    h[4] = (uint8_t)c->s.fptag;
    h[5] = 0;
    put_le16(h + 6, c->s.fpop);
    put_le32(h + 8, (uint32_t)c->s.fpip);
    put_le32(h + 12, c->fpcs);
    put_le32(h + 16, (uint32_t)c->s.fpdp);
    put_le32(h + 20, c->fpds);
    put_le32(h + 24, c->s.mxcsr);
    put_le32(h + 28, MXCSR_MASK);
    put_bytes(c, i, off, h, sse ? 32 : 24);
    for (unsigned k = 0; k < 8; k++) {
        Fx80 v = fpu_get(c, k);
        uint8_t r[10];
        put_le64(r, v.mant);
        put_le16(r + 8, v.sign_exp);
        put_bytes(c, i, off + 32 + 16 * k, r, 10);
    }
    if (!sse)
        return;
    for (unsigned k = 0; k < 8; k++) {
        uint8_t x[16];
        put_le64(x, c->s.xmm[k].lo);
        put_le64(x + 8, c->s.xmm[k].hi);
        put_bytes(c, i, off + 160 + 16 * k, x, 16);
    }
}

void op_fxrstor_M(Cpu *c, const Insn *i)
{
    uint32_t off = fxsr_enter(c, i), am = amask_of(i);
    bool sse = c->s.cr[4] & CR4_OSFXSR;
    uint8_t img[288];
    for (unsigned k = 0; k < (sse ? 288u : 160u); k += 4)
        put_le32(img + k, rd32(c, i->seg, (off + k) & am));
    uint32_t mxcsr = le32(img + 24);
    if (sse && (mxcsr & ~MXCSR_MASK))
        GP0(c);
    c->s.fpuc = le16(img);
    c->s.fpus = le16(img + 2);
    c->s.fptag = img[4];
    c->s.fpop = le16(img + 6) & 0x7ff;
    c->s.fpip = le32(img + 8);
    c->fpcs = le16(img + 12);
    c->s.fpdp = le32(img + 16);
    c->fpds = le16(img + 20);
    unsigned top = fpu_top(c);
    for (unsigned k = 0; k < 8; k++)
        c->s.fpregs[(top + k) & 7] = (CpuFpReg){ .mant = le64(img + 32 + 16 * k),
                                                 .exp = le16(img + 40 + 16 * k) };
    if (!sse)
        return;
    c->s.mxcsr = mxcsr;
    for (unsigned k = 0; k < 8; k++)
        c->s.xmm[k] = (CpuXmm){ .lo = le64(img + 160 + 16 * k), .hi = le64(img + 168 + 16 * k) };
}

/* LDMXCSR and STMXCSR: #UD without SSE, without CR4.OSFXSR or under CR0.EM, #NM under
 * CR0.TS; LDMXCSR #GP(0) for a reserved bit. */
static void mxcsr_enter(Cpu *c)
{
    if (!(c->model.feat[CPU_FEAT_1_EDX] & CPUID_SSE) || !(c->s.cr[4] & CR4_OSFXSR) ||
        (c->s.cr[0] & CR0_EM))
        UD(c);
    if (c->s.cr[0] & CR0_TS)
        cpu_raise_nocode(c, EXC_NM);
}

void op_ldmxcsr_Md(Cpu *c, const Insn *i)
{
    mxcsr_enter(c);
    uint32_t v = rd32(c, i->seg, ea(c, i));
    if (v & ~MXCSR_MASK)
        GP0(c);
    c->s.mxcsr = v;
}

void op_stmxcsr_Md(Cpu *c, const Insn *i)
{
    mxcsr_enter(c);
    wr32(c, i->seg, ea(c, i), c->s.mxcsr);
}

/* SFENCE (SSE), LFENCE and MFENCE (SSE2), 0F AE /7, /5, /6 with a register ModRM: no
 * CR0 or CR4 condition. */
void op_fence(Cpu *c, const Insn *i)
{
    if (!cpu_has_sse_ext(c, i->reg == 7 ? SSE_1 : SSE_2))
        UD(c);
}

/* CLFLUSH m8: #UD without CPUID.CLFSH; the byte is checked as a read would be (segment
 * limit, page fault) without reading it, which a device's register would notice. */
void op_clflush_Mb(Cpu *c, const Insn *i)
{
    if (!(c->model.feat[CPU_FEAT_1_EDX] & CPUID_CLFLUSH))
        UD(c);
    mmu_translate(c, seg_rd(c, i->seg, ea(c, i), 1), ACC_READ, c->user_tlb);
}

/* MOVNTI m32, r32 (SSE2): a 32-bit store, a 66 prefix or not (QEMU 7.2 and the SDM give
 * no 16-bit form). */
void op_movnti_MdGd(Cpu *c, const Insn *i)
{
    if (!cpu_has_sse_ext(c, SSE_2))
        UD(c);
    wr32(c, i->seg, ea(c, i), R(c, i->reg));
}
