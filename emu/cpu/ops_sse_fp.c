/* ops_sse_fp.c: the SSE, SSE2 and SSE3 floating-point instructions on the XMM registers:
 * arithmetic, compares, conversions between the formats and with int32, the logical
 * operations, moves, shuffles and unpacks. Every computation goes through sf.h (the
 * host's SSE unit where it gives sf.c's bits, else integers only), and the conversions
 * with the MMX registers (CVTPI2PS and the like). Each checks
 * the CPUID bit of the extension that brought it (SSE, SSE2: the doubles, SSE3).
 * Reference: Intel SDM vol. 1 chapters 10-12 and vol. 2 for each instruction.
 *
 * Where QEMU 7.2's TCG differs and pcemu follows the SDM and the hardware (checked with a
 * probe program on qemu-system-i386 -cpu qemu32): it never sets MXCSR.DE for a denormal
 * operand, and of two NaN operands it returns the one with the larger significand (the
 * x87's rule) where SSE returns the first source's (SDM vol. 1 Table 4-7).
 *
 * NOTES ON THE DESIGN
 *  1. Checks first (sse_enter): #UD without SSE, with CR0.EM or without CR4.OSFXSR, then
 *     #NM with CR0.TS; then the memory operand (#GP for a misaligned 16-byte operand of an
 *     aligned form, page faults).
 *  2. MXCSR: an instruction computes every lane into a temporary with fresh flags; the new
 *     flags are ORed into MXCSR, and if one of them is unmasked the instruction raises
 *     #XM (CR4.OSXMMEXCPT) or #UD and writes no destination (SDM vol. 1 11.5.3). An
 *     unmasked pre-computation exception (IE, DE, ZE) in any lane stops the instruction
 *     before the computation: only the pre-computation flags of the lanes are set then.
 *  3. RCPPS, RCPSS, RSQRTPS and RSQRTSS are approximations on the hardware (within
 *     1.5 * 2^-12); pcemu gives QEMU 7.2's results, 1 / x and 1 / sqrt(x) rounded in MXCSR's
 *     mode, and like the hardware they raise no exception flags. */
#include "emu/cpu/cpu_int.h"
#include "emu/cpu/sf.h"

bool cpu_has_sse_ext(const Cpu *c, SseExt ext)
{
    if (ext == SSE_3)
        return c->model.feat[CPU_FEAT_1_ECX] & CPUID_ECX_SSE3;
    return c->model.feat[CPU_FEAT_1_EDX] & (ext == SSE_2 ? CPUID_SSE2 : CPUID_SSE);
}

void cpu_set_sse(Cpu *c, bool present)
{
    uint32_t *edx = &c->model.feat[CPU_FEAT_1_EDX], *ecx = &c->model.feat[CPU_FEAT_1_ECX];
    if (present) {
        *edx |= CPUID_FXSR | CPUID_SSE | CPUID_SSE2;   /* SSE state needs FXSR (CR4.OSFXSR) */
        *ecx |= CPUID_ECX_SSE3;
    } else {
        *edx &= ~(CPUID_SSE | CPUID_SSE2);
        *ecx &= ~CPUID_ECX_SSE3;
    }
}

/* Invariant 1; ext: the extension that brought the instruction (the CPUID bit tested). */
static void sse_enter(Cpu *c, SseExt ext)
{
    if (!cpu_has_sse_ext(c, ext) || (c->s.cr[0] & CR0_EM) || !(c->s.cr[4] & CR4_OSFXSR))
        UD(c);
    if (c->s.cr[0] & CR0_TS)
        cpu_raise_nocode(c, EXC_NM);
}

/* The packed and scalar doubles came with SSE2. */
static SseExt ext_of(SfFmt f) { return f == SF_F64 ? SSE_2 : SSE_1; }

/* Invariant 2: the flags of mx (computed from fresh ones) into MXCSR, and the fault. */
static void mx_commit(Cpu *c, uint32_t mx)
{
    uint32_t raised = mx & SF_FLAGS, unmasked = ~(c->s.mxcsr >> SF_MASK_SHIFT);
    uint32_t pre = raised & (SF_IE | SF_DE | SF_ZE);
    if (pre & unmasked)
        raised = pre;
    c->s.mxcsr |= raised;
    if (raised & unmasked)
        cpu_raise_nocode(c, (c->s.cr[4] & CR4_OSXMMEXCPT) ? EXC_XM : EXC_UD);
}

static uint32_t mx_fresh(const Cpu *c) { return c->s.mxcsr & ~SF_FLAGS; }

/* ---- lanes ---- */
static unsigned lanes(SfFmt f) { return f == SF_F32 ? 4 : 2; }
static unsigned lane_bytes(SfFmt f) { return f == SF_F32 ? 4 : 8; }

static uint64_t lane(const CpuXmm *x, SfFmt f, unsigned k)
{
    if (f == SF_F64)
        return k ? x->hi : x->lo;
    uint64_t q = (k & 2) ? x->hi : x->lo;
    return (k & 1) ? q >> 32 : (uint32_t)q;
}

static void set_lane(CpuXmm *x, SfFmt f, unsigned k, uint64_t v)
{
    if (f == SF_F64) {
        *(k ? &x->hi : &x->lo) = v;
        return;
    }
    uint64_t *q = (k & 2) ? &x->hi : &x->lo;
    unsigned sh = (k & 1) * 32;
    *q = (*q & ~((uint64_t)0xFFFFFFFFu << sh)) | (uint64_t)(uint32_t)v << sh;
}

/* ---- operands ---- */
/* The ModRM r/m operand: an XMM register, or bytes (4, 8 or 16) of memory into the low
 * end of the result; aligned: a 16-byte operand must be 16-byte aligned (#GP(0)). */
static CpuXmm read_w(Cpu *c, const Insn *i, unsigned bytes, bool aligned)
{
    if (!(i->flags & I_MEM))
        return c->s.xmm[i->rm];
    uint32_t lin = seg_rd(c, i->seg, ea(c, i), bytes);
    if (aligned && (lin & 15))
        GP0(c);
    const uint8_t *p = tlb_host(c, lin, bytes, false);
    if (LIKELY(p)) {
        uint8_t b[16] = { 0 };
        memcpy(b, p, bytes);
        return (CpuXmm){ .lo = le64(b), .hi = le64(b + 8) };
    }
    uint32_t d[4] = { 0 };
    for (unsigned k = 0; k < bytes / 4; k++)
        d[k] = lin_read(c, lin + 4 * k, 4);
    return (CpuXmm){ .lo = (uint64_t)d[1] << 32 | d[0], .hi = (uint64_t)d[3] << 32 | d[2] };
}

/* Stores the low bytes (4, 8 or 16) of v at the memory operand, all or nothing. */
static void write_m(Cpu *c, const Insn *i, CpuXmm v, unsigned bytes, bool aligned)
{
    uint32_t lin = seg_wr(c, i->seg, ea(c, i), bytes);
    if (aligned && (lin & 15))
        GP0(c);
    uint8_t *p = tlb_host(c, lin, bytes, true);
    if (LIKELY(p)) {
        uint8_t b[16];
        put_le64(b, v.lo);
        put_le64(b + 8, v.hi);
        memcpy(p, b, bytes);
        return;
    }
    mmu_probe_write(c, lin, 1, c->user_tlb);
    mmu_probe_write(c, lin + bytes - 1, 1, c->user_tlb);
    uint32_t d[4] = { (uint32_t)v.lo, (uint32_t)(v.lo >> 32), (uint32_t)v.hi,
                      (uint32_t)(v.hi >> 32) };
    for (unsigned k = 0; k < bytes / 4; k++)
        lin_write(c, lin + 4 * k, d[k], 4);
}

/* ---- arithmetic ---- */
typedef uint64_t (*SfBinFn)(SfFmt f, uint64_t a, uint64_t b, uint32_t *mxcsr);

/* dest = dest op src in every lane (packed) or the low one (scalar); a packed operation
 * (op, SF_OP_NONE for none) first as one on the host (sf_packed). Inlined into each
 * instruction's handler: the operation, format and lane count are constants there. */
static inline __attribute__((always_inline)) void arith(Cpu *c, const Insn *i, SfBinFn fn, SfOp op,
                                                        SfFmt f, bool scalar)
{
    sse_enter(c, ext_of(f));
    CpuXmm b = read_w(c, i, scalar ? lane_bytes(f) : 16, !scalar);
    CpuXmm r = c->s.xmm[i->reg];
    uint32_t mx = mx_fresh(c);
    uint64_t d[2] = { r.lo, r.hi };
    if (!scalar && op != SF_OP_NONE && sf_packed(op, f, d, (const uint64_t[2]){ b.lo, b.hi }, &mx)) {
        mx_commit(c, mx);
        c->s.xmm[i->reg] = (CpuXmm){ d[0], d[1] };
        return;
    }
    for (unsigned k = 0; k < (scalar ? 1 : lanes(f)); k++)
        set_lane(&r, f, k, fn(f, lane(&r, f, k), lane(&b, f, k), &mx));
    mx_commit(c, mx);
    c->s.xmm[i->reg] = r;
}

#define ARITH(name, fn, op)                                                                  \
    void op_##name##ps_VW(Cpu *c, const Insn *i) { arith(c, i, fn, op, SF_F32, false); }  \
    void op_##name##ss_VW(Cpu *c, const Insn *i) { arith(c, i, fn, op, SF_F32, true); }   \
    void op_##name##pd_VW(Cpu *c, const Insn *i) { arith(c, i, fn, op, SF_F64, false); }  \
    void op_##name##sd_VW(Cpu *c, const Insn *i) { arith(c, i, fn, op, SF_F64, true); }
ARITH(add, sf_add, SF_OP_ADD)
ARITH(sub, sf_sub, SF_OP_SUB)
ARITH(mul, sf_mul, SF_OP_MUL)
ARITH(div, sf_div, SF_OP_DIV)
ARITH(min, sf_min, SF_OP_MIN)
ARITH(max, sf_max, SF_OP_MAX)

static uint64_t sqrt2(SfFmt f, uint64_t a, uint64_t b, uint32_t *mxcsr)
{
    (void)a;
    return sf_sqrt(f, b, mxcsr);
}
ARITH(sqrt, sqrt2, SF_OP_SQRT)

/* Invariant 3: the flags go to a copy that is dropped. */
static uint64_t rcp(SfFmt f, uint64_t a, uint64_t b, uint32_t *mxcsr)
{
    uint32_t scratch = *mxcsr;
    (void)a;
    return sf_div(f, 0x3F800000u, b, &scratch);
}

static uint64_t rsqrt(SfFmt f, uint64_t a, uint64_t b, uint32_t *mxcsr)
{
    uint32_t scratch = *mxcsr;
    (void)a;
    return sf_div(f, 0x3F800000u, sf_sqrt(f, b, &scratch), &scratch);
}

void op_rcpps_VW(Cpu *c, const Insn *i) { arith(c, i, rcp, SF_OP_NONE, SF_F32, false); }
void op_rcpss_VW(Cpu *c, const Insn *i) { arith(c, i, rcp, SF_OP_NONE, SF_F32, true); }
void op_rsqrtps_VW(Cpu *c, const Insn *i) { arith(c, i, rsqrt, SF_OP_NONE, SF_F32, false); }
void op_rsqrtss_VW(Cpu *c, const Insn *i) { arith(c, i, rsqrt, SF_OP_NONE, SF_F32, true); }

/* SSE3 ADDSUB: lane k subtracts when k is even, adds when odd. HADD and HSUB: the pairs of
 * dest, then the pairs of src, each combined first element op second. */
static void addsub(Cpu *c, const Insn *i, SfFmt f)
{
    sse_enter(c, SSE_3);
    CpuXmm b = read_w(c, i, 16, true), r = c->s.xmm[i->reg];
    uint32_t mx = mx_fresh(c);
    for (unsigned k = 0; k < lanes(f); k++) {
        SfBinFn fn = (k & 1) ? sf_add : sf_sub;
        set_lane(&r, f, k, fn(f, lane(&r, f, k), lane(&b, f, k), &mx));
    }
    mx_commit(c, mx);
    c->s.xmm[i->reg] = r;
}

void op_addsubps_VW(Cpu *c, const Insn *i) { addsub(c, i, SF_F32); }
void op_addsubpd_VW(Cpu *c, const Insn *i) { addsub(c, i, SF_F64); }

static void horizontal(Cpu *c, const Insn *i, SfBinFn fn, SfFmt f)
{
    sse_enter(c, SSE_3);
    CpuXmm b = read_w(c, i, 16, true), a = c->s.xmm[i->reg], r = a;
    uint32_t mx = mx_fresh(c);
    unsigned half = lanes(f) / 2;
    for (unsigned k = 0; k < lanes(f); k++) {
        const CpuXmm *s = k < half ? &a : &b;
        unsigned j = 2 * (k % half);
        set_lane(&r, f, k, fn(f, lane(s, f, j), lane(s, f, j + 1), &mx));
    }
    mx_commit(c, mx);
    c->s.xmm[i->reg] = r;
}

void op_haddps_VW(Cpu *c, const Insn *i) { horizontal(c, i, sf_add, SF_F32); }
void op_haddpd_VW(Cpu *c, const Insn *i) { horizontal(c, i, sf_add, SF_F64); }
void op_hsubps_VW(Cpu *c, const Insn *i) { horizontal(c, i, sf_sub, SF_F32); }
void op_hsubpd_VW(Cpu *c, const Insn *i) { horizontal(c, i, sf_sub, SF_F64); }

/* ---- compares ---- */
static void cmp(Cpu *c, const Insn *i, SfFmt f, bool scalar)
{
    sse_enter(c, ext_of(f));
    CpuXmm b = read_w(c, i, scalar ? lane_bytes(f) : 16, !scalar);
    CpuXmm r = c->s.xmm[i->reg];
    uint32_t mx = mx_fresh(c);
    for (unsigned k = 0; k < (scalar ? 1 : lanes(f)); k++) {
        bool t = sf_cmp(f, lane(&r, f, k), lane(&b, f, k), i->imm & 7, &mx);
        set_lane(&r, f, k, t ? ~(uint64_t)0 : 0);
    }
    mx_commit(c, mx);
    c->s.xmm[i->reg] = r;
}

void op_cmpps_VWIb(Cpu *c, const Insn *i) { cmp(c, i, SF_F32, false); }
void op_cmpss_VWIb(Cpu *c, const Insn *i) { cmp(c, i, SF_F32, true); }
void op_cmppd_VWIb(Cpu *c, const Insn *i) { cmp(c, i, SF_F64, false); }
void op_cmpsd_VWIb(Cpu *c, const Insn *i) { cmp(c, i, SF_F64, true); }

/* COMISS and friends: ZF PF CF = 111 unordered, 000 greater, 001 less, 100 equal; OF, SF
 * and AF cleared. */
static void comi(Cpu *c, const Insn *i, SfFmt f, bool quiet)
{
    sse_enter(c, ext_of(f));
    CpuXmm b = read_w(c, i, lane_bytes(f), false);
    uint32_t mx = mx_fresh(c);
    SfRel rel = sf_compare(f, lane(&c->s.xmm[i->reg], f, 0), lane(&b, f, 0), quiet, &mx);
    mx_commit(c, mx);
    static const uint32_t fl[] = { [SF_LT] = F_CF, [SF_EQ] = F_ZF, [SF_GT] = 0,
                                   [SF_UNORDERED] = F_ZF | F_PF | F_CF };
    flags_set(c, fl[rel], F_ARITH);
}

void op_comiss_VW(Cpu *c, const Insn *i) { comi(c, i, SF_F32, false); }
void op_ucomiss_VW(Cpu *c, const Insn *i) { comi(c, i, SF_F32, true); }
void op_comisd_VW(Cpu *c, const Insn *i) { comi(c, i, SF_F64, false); }
void op_ucomisd_VW(Cpu *c, const Insn *i) { comi(c, i, SF_F64, true); }

/* ---- conversions ---- */
/* CVTSI2SS / CVTSI2SD xmm, r/m32. */
static void cvtsi2s(Cpu *c, const Insn *i, SfFmt f)
{
    sse_enter(c, ext_of(f));
    int32_t v = (int32_t)((i->flags & I_MEM) ? rd32(c, i->seg, ea(c, i)) : R(c, i->rm));
    uint32_t mx = mx_fresh(c);
    uint64_t r = sf_from_i32(f, v, &mx);
    mx_commit(c, mx);
    set_lane(&c->s.xmm[i->reg], f, 0, r);
}

void op_cvtsi2ss_VEd(Cpu *c, const Insn *i) { cvtsi2s(c, i, SF_F32); }
void op_cvtsi2sd_VEd(Cpu *c, const Insn *i) { cvtsi2s(c, i, SF_F64); }

/* CVT(T)SS2SI / CVT(T)SD2SI r32, xmm/m. */
static void cvts2si(Cpu *c, const Insn *i, SfFmt f, bool truncate)
{
    sse_enter(c, ext_of(f));
    CpuXmm b = read_w(c, i, lane_bytes(f), false);
    uint32_t mx = mx_fresh(c);
    int32_t r = sf_to_i32(f, lane(&b, f, 0), truncate, &mx);
    mx_commit(c, mx);
    R(c, i->reg) = (uint32_t)r;
}

void op_cvtss2si_GdW(Cpu *c, const Insn *i) { cvts2si(c, i, SF_F32, false); }
void op_cvttss2si_GdW(Cpu *c, const Insn *i) { cvts2si(c, i, SF_F32, true); }
void op_cvtsd2si_GdW(Cpu *c, const Insn *i) { cvts2si(c, i, SF_F64, false); }
void op_cvttsd2si_GdW(Cpu *c, const Insn *i) { cvts2si(c, i, SF_F64, true); }

/* Format to format: n lanes of src (from) into the low lanes of dest (to); scalar keeps
 * the rest of dest, packed zeroes it. */
static void cvt_fmt(Cpu *c, const Insn *i, SfFmt to, SfFmt from, bool scalar)
{
    sse_enter(c, SSE_2);
    unsigned n = scalar ? 1 : 2;
    CpuXmm b = read_w(c, i, n * lane_bytes(from), !scalar && from == SF_F64);
    CpuXmm r = scalar ? c->s.xmm[i->reg] : (CpuXmm){ 0, 0 };
    uint32_t mx = mx_fresh(c);
    for (unsigned k = 0; k < n; k++)
        set_lane(&r, to, k, sf_convert(to, from, lane(&b, from, k), &mx));
    mx_commit(c, mx);
    c->s.xmm[i->reg] = r;
}

void op_cvtps2pd_VW(Cpu *c, const Insn *i) { cvt_fmt(c, i, SF_F64, SF_F32, false); }
void op_cvtpd2ps_VW(Cpu *c, const Insn *i) { cvt_fmt(c, i, SF_F32, SF_F64, false); }
void op_cvtss2sd_VW(Cpu *c, const Insn *i) { cvt_fmt(c, i, SF_F64, SF_F32, true); }
void op_cvtsd2ss_VW(Cpu *c, const Insn *i) { cvt_fmt(c, i, SF_F32, SF_F64, true); }

/* Packed int32 to float: CVTDQ2PS (4 lanes), CVTDQ2PD (the low 2, m64). */
static void cvtdq2p(Cpu *c, const Insn *i, SfFmt f)
{
    sse_enter(c, SSE_2);
    CpuXmm b = read_w(c, i, f == SF_F32 ? 16 : 8, f == SF_F32), r = { 0, 0 };
    uint32_t mx = mx_fresh(c);
    for (unsigned k = 0; k < lanes(f); k++)
        set_lane(&r, f, k, sf_from_i32(f, (int32_t)lane(&b, SF_F32, k), &mx));
    mx_commit(c, mx);
    c->s.xmm[i->reg] = r;
}

void op_cvtdq2ps_VW(Cpu *c, const Insn *i) { cvtdq2p(c, i, SF_F32); }
void op_cvtdq2pd_VW(Cpu *c, const Insn *i) { cvtdq2p(c, i, SF_F64); }

/* Packed float to int32: CVT(T)PS2DQ (4 lanes), CVT(T)PD2DQ (2, the high half zeroed). */
static void cvtp2dq(Cpu *c, const Insn *i, SfFmt f, bool truncate)
{
    sse_enter(c, SSE_2);
    CpuXmm b = read_w(c, i, 16, true), r = { 0, 0 };
    uint32_t mx = mx_fresh(c);
    for (unsigned k = 0; k < lanes(f); k++)
        set_lane(&r, SF_F32, k, (uint32_t)sf_to_i32(f, lane(&b, f, k), truncate, &mx));
    mx_commit(c, mx);
    c->s.xmm[i->reg] = r;
}

void op_cvtps2dq_VW(Cpu *c, const Insn *i) { cvtp2dq(c, i, SF_F32, false); }
void op_cvttps2dq_VW(Cpu *c, const Insn *i) { cvtp2dq(c, i, SF_F32, true); }
void op_cvtpd2dq_VW(Cpu *c, const Insn *i) { cvtp2dq(c, i, SF_F64, false); }
void op_cvttpd2dq_VW(Cpu *c, const Insn *i) { cvtp2dq(c, i, SF_F64, true); }

/* CVTPI2PS (SSE) and CVTPI2PD (SSE2) xmm, mm/m64: two int32 into the low two lanes; PS
 * keeps dest's high half, PD fills the register. An MMX source takes a pending x87
 * exception first and makes the x87-to-MMX transition once the conversion has passed
 * #XM; a memory source does neither (SDM vol. 2 CVTPI2PS). */
static void cvtpi2p(Cpu *c, const Insn *i, SfFmt f)
{
    sse_enter(c, ext_of(f));
    bool mm = !(i->flags & I_MEM);
    if (mm && !fpu_enter(c, i, FPU_CONTROL))
        return;
    uint64_t src = mm ? c->s.fpregs[i->rm].mant : read_w(c, i, 8, false).lo;
    CpuXmm r = f == SF_F32 ? c->s.xmm[i->reg] : (CpuXmm){ 0, 0 };
    uint32_t mx = mx_fresh(c);
    for (unsigned k = 0; k < 2; k++)
        set_lane(&r, f, k, sf_from_i32(f, (int32_t)(src >> (32 * k)), &mx));
    mx_commit(c, mx);
    if (mm)
        mmx_transition(c);
    c->s.xmm[i->reg] = r;
}

void op_cvtpi2ps_VQ(Cpu *c, const Insn *i) { cvtpi2p(c, i, SF_F32); }
void op_cvtpi2pd_VQ(Cpu *c, const Insn *i) { cvtpi2p(c, i, SF_F64); }

/* CVT(T)PS2PI mm, xmm/m64 and CVT(T)PD2PI mm, xmm/m128 (aligned): the low two lanes to
 * int32 in an MMX register, always with the x87-to-MMX transition (after #XM). */
static void cvtp2pi(Cpu *c, const Insn *i, SfFmt f, bool truncate)
{
    sse_enter(c, ext_of(f));
    if (!fpu_enter(c, i, FPU_CONTROL))
        return;
    CpuXmm b = read_w(c, i, f == SF_F32 ? 8 : 16, f == SF_F64);
    uint32_t mx = mx_fresh(c);
    uint64_t r = 0;
    for (unsigned k = 0; k < 2; k++)
        r |= (uint64_t)(uint32_t)sf_to_i32(f, lane(&b, f, k), truncate, &mx) << (32 * k);
    mx_commit(c, mx);
    mmx_transition(c);
    mmx_set_q(c, i->reg, r);
}

void op_cvtps2pi_PW(Cpu *c, const Insn *i) { cvtp2pi(c, i, SF_F32, false); }
void op_cvttps2pi_PW(Cpu *c, const Insn *i) { cvtp2pi(c, i, SF_F32, true); }
void op_cvtpd2pi_PW(Cpu *c, const Insn *i) { cvtp2pi(c, i, SF_F64, false); }
void op_cvttpd2pi_PW(Cpu *c, const Insn *i) { cvtp2pi(c, i, SF_F64, true); }

/* ---- logic ---- */
static void logic(Cpu *c, const Insn *i, int op, SseExt ext)
{
    sse_enter(c, ext);
    CpuXmm b = read_w(c, i, 16, true), *d = &c->s.xmm[i->reg];
    switch (op) {
    case 0: d->lo &= b.lo; d->hi &= b.hi; break;
    case 1: d->lo = ~d->lo & b.lo; d->hi = ~d->hi & b.hi; break;
    case 2: d->lo |= b.lo; d->hi |= b.hi; break;
    default: d->lo ^= b.lo; d->hi ^= b.hi; break;
    }
}

void op_andps_VW(Cpu *c, const Insn *i) { logic(c, i, 0, SSE_1); }
void op_andnps_VW(Cpu *c, const Insn *i) { logic(c, i, 1, SSE_1); }
void op_orps_VW(Cpu *c, const Insn *i) { logic(c, i, 2, SSE_1); }
void op_xorps_VW(Cpu *c, const Insn *i) { logic(c, i, 3, SSE_1); }
void op_andpd_VW(Cpu *c, const Insn *i) { logic(c, i, 0, SSE_2); }
void op_andnpd_VW(Cpu *c, const Insn *i) { logic(c, i, 1, SSE_2); }
void op_orpd_VW(Cpu *c, const Insn *i) { logic(c, i, 2, SSE_2); }
void op_xorpd_VW(Cpu *c, const Insn *i) { logic(c, i, 3, SSE_2); }

/* ---- moves ---- */
/* MOVAPS/MOVUPS (and PD, LDDQU) loads: the whole register. */
static void mov_load(Cpu *c, const Insn *i, bool aligned, SseExt ext)
{
    sse_enter(c, ext);
    c->s.xmm[i->reg] = read_w(c, i, 16, aligned);
}

static void mov_store(Cpu *c, const Insn *i, bool aligned, SseExt ext)
{
    sse_enter(c, ext);
    if (i->flags & I_MEM)
        write_m(c, i, c->s.xmm[i->reg], 16, aligned);
    else
        c->s.xmm[i->rm] = c->s.xmm[i->reg];
}

void op_movaps_VW(Cpu *c, const Insn *i) { mov_load(c, i, true, SSE_1); }
void op_movups_VW(Cpu *c, const Insn *i) { mov_load(c, i, false, SSE_1); }
void op_movaps_WV(Cpu *c, const Insn *i) { mov_store(c, i, true, SSE_1); }
void op_movups_WV(Cpu *c, const Insn *i) { mov_store(c, i, false, SSE_1); }
void op_movapd_VW(Cpu *c, const Insn *i) { mov_load(c, i, true, SSE_2); }
void op_movupd_VW(Cpu *c, const Insn *i) { mov_load(c, i, false, SSE_2); }
void op_movapd_WV(Cpu *c, const Insn *i) { mov_store(c, i, true, SSE_2); }
void op_movupd_WV(Cpu *c, const Insn *i) { mov_store(c, i, false, SSE_2); }
void op_lddqu_VM(Cpu *c, const Insn *i) { mov_load(c, i, false, SSE_3); }

/* MOVSS/MOVSD: register to register moves the low lane; a load zeroes the rest. */
static void movs_load(Cpu *c, const Insn *i, SfFmt f)
{
    sse_enter(c, ext_of(f));
    if (i->flags & I_MEM)
        c->s.xmm[i->reg] = read_w(c, i, lane_bytes(f), false);
    else
        set_lane(&c->s.xmm[i->reg], f, 0, lane(&c->s.xmm[i->rm], f, 0));
}

static void movs_store(Cpu *c, const Insn *i, SfFmt f)
{
    sse_enter(c, ext_of(f));
    if (i->flags & I_MEM)
        write_m(c, i, c->s.xmm[i->reg], lane_bytes(f), false);
    else
        set_lane(&c->s.xmm[i->rm], f, 0, lane(&c->s.xmm[i->reg], f, 0));
}

void op_movss_VW(Cpu *c, const Insn *i) { movs_load(c, i, SF_F32); }
void op_movsd_VW(Cpu *c, const Insn *i) { movs_load(c, i, SF_F64); }
void op_movss_WV(Cpu *c, const Insn *i) { movs_store(c, i, SF_F32); }
void op_movsd_WV(Cpu *c, const Insn *i) { movs_store(c, i, SF_F64); }

/* MOVLPS/MOVLPD and MOVHPS/MOVHPD: one quadword between memory and the low or high half;
 * the register forms of 0F 12 and 0F 16 are MOVHLPS and MOVLHPS. */
static void movq_half(Cpu *c, const Insn *i, bool high, bool store, SseExt ext)
{
    sse_enter(c, ext);
    CpuXmm *x = &c->s.xmm[i->reg];
    if (store) {
        write_m(c, i, (CpuXmm){ high ? x->hi : x->lo, 0 }, 8, false);
        return;
    }
    uint64_t v = (i->flags & I_MEM) ? read_w(c, i, 8, false).lo
                                    : (high ? c->s.xmm[i->rm].lo : c->s.xmm[i->rm].hi);
    *(high ? &x->hi : &x->lo) = v;
}

void op_movlps_VM(Cpu *c, const Insn *i) { movq_half(c, i, false, false, SSE_1); }
void op_movhps_VM(Cpu *c, const Insn *i) { movq_half(c, i, true, false, SSE_1); }
void op_movlps_MV(Cpu *c, const Insn *i) { movq_half(c, i, false, true, SSE_1); }
void op_movhps_MV(Cpu *c, const Insn *i) { movq_half(c, i, true, true, SSE_1); }
void op_movlpd_VM(Cpu *c, const Insn *i) { movq_half(c, i, false, false, SSE_2); }
void op_movhpd_VM(Cpu *c, const Insn *i) { movq_half(c, i, true, false, SSE_2); }
void op_movlpd_MV(Cpu *c, const Insn *i) { movq_half(c, i, false, true, SSE_2); }
void op_movhpd_MV(Cpu *c, const Insn *i) { movq_half(c, i, true, true, SSE_2); }

/* SSE3 MOVSLDUP, MOVSHDUP (the even or odd singles twice), MOVDDUP (the low double). */
static void movdup(Cpu *c, const Insn *i, int which)
{
    sse_enter(c, SSE_3);
    CpuXmm b = read_w(c, i, which == 2 ? 8 : 16, which != 2), r = { 0, 0 };
    if (which == 2) {
        r = (CpuXmm){ b.lo, b.lo };
    } else {
        for (unsigned k = 0; k < 4; k++)
            set_lane(&r, SF_F32, k, lane(&b, SF_F32, (k & ~1u) + (unsigned)which));
    }
    c->s.xmm[i->reg] = r;
}

void op_movsldup_VW(Cpu *c, const Insn *i) { movdup(c, i, 0); }
void op_movshdup_VW(Cpu *c, const Insn *i) { movdup(c, i, 1); }
void op_movddup_VW(Cpu *c, const Insn *i) { movdup(c, i, 2); }

/* MOVMSKPS/MOVMSKPD r32, xmm: the lanes' sign bits. */
static void movmsk(Cpu *c, const Insn *i, SfFmt f)
{
    sse_enter(c, ext_of(f));
    uint32_t m = 0;
    for (unsigned k = 0; k < lanes(f); k++)
        m |= (uint32_t)(lane(&c->s.xmm[i->rm], f, k) >> (8 * lane_bytes(f) - 1)) << k;
    R(c, i->reg) = m;
}

void op_movmskps_GdU(Cpu *c, const Insn *i) { movmsk(c, i, SF_F32); }
void op_movmskpd_GdU(Cpu *c, const Insn *i) { movmsk(c, i, SF_F64); }

/* ---- shuffles and unpacks ---- */
void op_shufps_VWIb(Cpu *c, const Insn *i)
{
    sse_enter(c, SSE_1);
    CpuXmm b = read_w(c, i, 16, true), a = c->s.xmm[i->reg], r = { 0, 0 };
    for (unsigned k = 0; k < 4; k++)
        set_lane(&r, SF_F32, k, lane(k < 2 ? &a : &b, SF_F32, i->imm >> (2 * k) & 3));
    c->s.xmm[i->reg] = r;
}

void op_shufpd_VWIb(Cpu *c, const Insn *i)
{
    sse_enter(c, SSE_2);
    CpuXmm b = read_w(c, i, 16, true), a = c->s.xmm[i->reg];
    c->s.xmm[i->reg] = (CpuXmm){ (i->imm & 1) ? a.hi : a.lo, (i->imm & 2) ? b.hi : b.lo };
}

/* UNPCKLPS/UNPCKHPS (and PD): the low or high lanes of dest and src interleaved. */
static void unpck(Cpu *c, const Insn *i, SfFmt f, bool high)
{
    sse_enter(c, ext_of(f));
    CpuXmm b = read_w(c, i, 16, true), a = c->s.xmm[i->reg], r = { 0, 0 };
    unsigned base = high ? lanes(f) / 2 : 0;
    for (unsigned k = 0; k < lanes(f); k++)
        set_lane(&r, f, k, lane((k & 1) ? &b : &a, f, base + k / 2));
    c->s.xmm[i->reg] = r;
}

void op_unpcklps_VW(Cpu *c, const Insn *i) { unpck(c, i, SF_F32, false); }
void op_unpckhps_VW(Cpu *c, const Insn *i) { unpck(c, i, SF_F32, true); }
void op_unpcklpd_VW(Cpu *c, const Insn *i) { unpck(c, i, SF_F64, false); }
void op_unpckhpd_VW(Cpu *c, const Insn *i) { unpck(c, i, SF_F64, true); }
