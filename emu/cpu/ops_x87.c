/* ops_x87.c: the x87 FPU's machinery (the register stack, tags, the stack fault, exception
 * flags and their summary, the instruction and data pointers, #NM, #MF and FERR#) and its
 * control instructions (FNINIT, FNCLEX, FLDCW, FNSTCW, FNSTSW, FLDENV, FNSTENV, FRSTOR,
 * FNSAVE, FWAIT). Arithmetic, loads and stores: ops_x87_arith.c, ops_x87_ldst.c. Every
 * value goes through fx80 (no host floating point).
 *
 * State (CpuState, in QEMU's terms so that the 'cpu' section carries it unchanged): fpuc;
 * fpus, the status word with TOP in bits 11-13 (QEMU's fpus_vmstate); fptag, one bit per
 * physical register, set when the register is in use (QEMU's fptag_vmstate); fpregs[]
 * indexed by physical register (ST(i) is fpregs[(TOP + i) & 7]); fpop, fpip, fpdp. The
 * selectors FCS and FDS are not in QEMU 7.2's stream: Cpu.fpcs, Cpu.fpds. */
#include "emu/cpu/cpu_int.h"

/* ---- #NM, #MF, FERR# ---- */

void cpu_set_fpu(Cpu *c, bool present)
{
    c->fpu = present;
    if (present)
        c->model.feat[CPU_FEAT_1_EDX] |= CPUID_FPU;
    else
        c->model.feat[CPU_FEAT_1_EDX] &= ~CPUID_FPU;
}

void cpu_set_ferr(Cpu *c, void (*ferr)(void *opaque, bool level), void *opaque)
{
    c->ferr = ferr;
    c->ferr_opaque = opaque;
}

void cpu_ignne(Cpu *c)
{
    c->s.hflags2 |= HF2_IGNNE;
    if (c->ferr)
        c->ferr(c->ferr_opaque, false);
}

/* A waiting instruction finds an unmasked exception pending (ES): #MF when CR0.NE is set.
 * Else, unless IGNNE# holds it off, the P6 asserts FERR# (IRQ 13 on the PC) and freezes
 * before the instruction until an interrupt comes (SDM vol. 1, D.2.1.3): the instruction
 * is retried, so the IRQ 13 handler returns to it, and it runs once the handler has
 * cleared the exception (FNCLEX) or asserted IGNNE# (port 0xF0). Returns true when the
 * instruction is to wait. QEMU 7.2 raises IRQ 13 and goes on (fpu_raise_exception). */
static bool fpu_pending(Cpu *c)
{
    if (c->s.cr[0] & CR0_NE)
        cpu_raise_nocode(c, EXC_MF);
    if (c->s.hflags2 & HF2_IGNNE)
        return false;
    if (c->ferr)
        c->ferr(c->ferr_opaque, true);
    c->next_eip = c->s.eip;
    c->exit_flags |= EXIT_AGAIN;   /* interrupts are looked at before the retry */
    return true;
}

void op_fwait(Cpu *c, const Insn *i)
{
    if ((c->s.cr[0] & (CR0_MP | CR0_TS)) == (CR0_MP | CR0_TS))
        cpu_raise_nocode(c, EXC_NM);
    if (c->fpu && (c->s.fpus & FSW_ES))
        fpu_pending(c);
}

/* ModRM.mod of a memory form, from what the decoder kept: the shortest encoding of the
 * displacement, which is what assemblers emit (FOP records it; only its low bits differ
 * from the x87's for a displacement encoded longer than needed). */
static unsigned fop_mod(const Insn *i)
{
    bool absolute = i->base == EA_NONE && ((i->flags & I_A32) || i->index == EA_NONE);
    bool bp_only = !(i->flags & I_A32) && i->rm == 6;
    if (absolute || (i->disp == 0 && !bp_only && !((i->flags & I_A32) && i->base == R_EBP)))
        return 0;
    int32_t d = (i->flags & I_A32) ? (int32_t)i->disp : (int16_t)i->disp;
    return d >= -128 && d <= 127 ? 1 : 2;
}

bool fpu_enter(Cpu *c, const Insn *i, int kind)
{
    if (c->s.cr[0] & (CR0_EM | CR0_TS))
        cpu_raise_nocode(c, EXC_NM);
    if (!c->fpu)
        return false;
    if (kind != FPU_NOWAIT && (c->s.fpus & FSW_ES) && fpu_pending(c))
        return false;
    if (kind == FPU_OP) {
        unsigned mod = (i->flags & I_MEM) ? fop_mod(i) : 3;
        c->s.fpop = (uint16_t)((i->op & 7) << 8 | mod << 6 | i->reg << 3 | i->rm);
        c->s.fpip = c->s.eip;
        c->fpcs = (uint16_t)c->s.segs[R_CS].selector;
        if (i->flags & I_MEM) {
            c->s.fpdp = ea(c, i);
            c->fpds = (uint16_t)c->s.segs[i->seg].selector;
        }
    }
    return true;
}

/* ---- the register stack ---- */

unsigned fpu_top(const Cpu *c) { return (c->s.fpus >> 11) & 7; }
static unsigned phys(const Cpu *c, unsigned k) { return (fpu_top(c) + k) & 7; }
bool fpu_empty(const Cpu *c, unsigned k) { return !(c->s.fptag >> phys(c, k) & 1); }

Fx80 fpu_get(const Cpu *c, unsigned k)
{
    const CpuFpReg *r = &c->s.fpregs[phys(c, k)];
    return (Fx80){ .mant = r->mant, .sign_exp = r->exp };
}

void fpu_set(Cpu *c, unsigned k, Fx80 v)
{
    unsigned p = phys(c, k);
    c->s.fpregs[p] = (CpuFpReg){ .mant = v.mant, .exp = v.sign_exp };
    c->s.fptag |= (uint16_t)(1u << p);
}

static void set_top(Cpu *c, unsigned top)
{
    c->s.fpus = (uint16_t)((c->s.fpus & ~FSW_TOP) | (top & 7) << 11);
}

void fpu_pop(Cpu *c)
{
    c->s.fptag &= (uint16_t)~(1u << phys(c, 0));
    set_top(c, fpu_top(c) + 1);
}

void fpu_push(Cpu *c, Fx80 v)
{
    set_top(c, fpu_top(c) - 1);
    fpu_set(c, 0, v);
}

/* Raises the flags of sw (exceptions OR in, ES and B when one is unmasked) and writes the
 * condition codes in cc_mask from sw. */
void fpu_flags(Cpu *c, uint16_t sw, uint16_t cc_mask)
{
    uint16_t s = (uint16_t)((c->s.fpus & ~cc_mask) | (sw & cc_mask) | (sw & (FX80_EXC | FSW_SF)));
    if (s & ~c->s.fpuc & FX80_EXC)
        s |= FSW_ES | FSW_B;
    c->s.fpus = s;
}

bool fpu_unmasked(const Cpu *c, uint16_t sw, uint16_t which)
{
    return (sw & which & ~c->s.fpuc) != 0;
}

/* The stack fault: IE with SF, C1 = 1 for an overflow (a push onto a register in use), 0
 * for an underflow (an empty source). Returns true when IE is masked: the instruction
 * then goes on with the real indefinite. */
bool fpu_stack_fault(Cpu *c, bool overflow)
{
    fpu_flags(c, (uint16_t)(FX80_IE | FSW_SF | (overflow ? FX80_C1 : 0)), FX80_C1);
    return c->s.fpuc & FX80_IE;
}

bool fpu_push_check(Cpu *c)
{
    if (fpu_empty(c, 7))
        return true;
    if (!fpu_stack_fault(c, true))
        return false;
    fpu_push(c, FX80_INDEFINITE);
    return false;
}

Fx80Status fpu_status(const Cpu *c)
{
    return (Fx80Status){ .cw = c->s.fpuc, .sw = (uint16_t)(c->s.fpus & FX80_CC) };
}

/* ---- FNINIT, FNCLEX, control and status words ---- */

static void fpu_init_state(Cpu *c)
{
    c->s.fpuc = 0x37f;
    c->s.fpus = 0;
    c->s.fptag = 0;
    c->s.fpop = 0;
    c->s.fpip = c->s.fpdp = 0;
    c->fpcs = c->fpds = 0;
    c->s.hflags2 &= ~HF2_IGNNE;
}

void op_fninit(Cpu *c, const Insn *i)
{
    if (fpu_enter(c, i, FPU_NOWAIT))
        fpu_init_state(c);
}

void op_fnclex(Cpu *c, const Insn *i)
{
    if (!fpu_enter(c, i, FPU_NOWAIT))
        return;
    c->s.fpus &= (uint16_t)(FX80_CC | FSW_TOP);
    c->s.hflags2 &= ~HF2_IGNNE;
}

/* FNENI, FNDISI (8087) and FNSETPM (287) do nothing on the P6. */
void op_fnop_control(Cpu *c, const Insn *i) { fpu_enter(c, i, FPU_NOWAIT); }

/* The summary bits follow the flags and the masks (FLDCW, FLDENV, FRSTOR). */
static void fpu_summary(Cpu *c)
{
    if (c->s.fpus & ~c->s.fpuc & FX80_EXC)
        c->s.fpus |= FSW_ES | FSW_B;
    else
        c->s.fpus &= (uint16_t)~(FSW_ES | FSW_B);
}

/* The control word's reserved bits: 6 reads as 1, 7 and 13-15 as 0, as on the x87. */
static uint16_t cw_value(uint32_t v) { return (uint16_t)((v & 0x1f3f) | 0x40); }

void op_fldcw(Cpu *c, const Insn *i)
{
    if (!fpu_enter(c, i, FPU_CONTROL))
        return;
    uint32_t v = rd16(c, i->seg, ea(c, i));
    c->s.fpuc = cw_value(v);
    fpu_summary(c);
}

void op_fnstcw(Cpu *c, const Insn *i)
{
    if (fpu_enter(c, i, FPU_NOWAIT))
        wr16(c, i->seg, ea(c, i), c->s.fpuc);
}

void op_fnstsw_Mw(Cpu *c, const Insn *i)
{
    if (fpu_enter(c, i, FPU_NOWAIT))
        wr16(c, i->seg, ea(c, i), c->s.fpus);
}

void op_fnstsw_AX(Cpu *c, const Insn *i)
{
    if (fpu_enter(c, i, FPU_NOWAIT))
        set_reg16(c, R_EAX, c->s.fpus);
}

/* ---- environment and state images (SDM vol. 1, figures 8-9 to 8-12) ---- */

/* The full tag word: 00 valid, 01 zero, 10 special (NaN, infinity, denormal,
 * unsupported), 11 empty, per physical register. */
uint16_t fpu_tag_word(const Cpu *c)
{
    uint16_t tw = 0;
    for (unsigned p = 0; p < 8; p++) {
        const CpuFpReg *r = &c->s.fpregs[p];
        unsigned t, e = r->exp & 0x7fff;
        if (!(c->s.fptag >> p & 1))
            t = 3;
        else if (e == 0x7fff || !(r->mant >> 63) != !e)
            t = 2;
        else if (e == 0 && r->mant == 0)
            t = 1;
        else
            t = e == 0 ? 2 : 0;
        tw |= (uint16_t)(t << (2 * p));
    }
    return tw;
}

static uint32_t amask_of(const Insn *i) { return (i->flags & I_A32) ? 0xffffffffu : 0xffff; }

/* Translates every page of a len-byte write at seg:off first (invariant 4). */
static void probe_write(Cpu *c, const Insn *i, uint32_t off, unsigned len)
{
    uint32_t am = amask_of(i);
    for (unsigned k = 0; k < len; k += 4) {
        unsigned n = len - k < 4 ? len - k : 4;
        uint32_t lin = seg_wr(c, i->seg, (off + k) & am, n);
        if (k == 0 || (lin & 0xfff) < 4)
            mmu_probe_write(c, lin, n, c->user_tlb);
    }
}

static bool env_real(const Cpu *c) { return !c->pe || c->v86; }

/* Writes the environment (14 or 28 bytes) at off; returns its size. */
static unsigned store_env(Cpu *c, const Insn *i, uint32_t off)
{
    bool o32 = i->flags & I_O32, real = env_real(c);
    uint32_t am = amask_of(i), w[7];
    uint32_t ip = (uint32_t)c->s.fpip, dp = (uint32_t)c->s.fpdp;
    if (real) {
        ip += (uint32_t)c->fpcs << 4;
        dp += (uint32_t)c->fpds << 4;
    }
    w[0] = c->s.fpuc;
    w[1] = c->s.fpus;
    w[2] = fpu_tag_word(c);
    if (real) {
        w[3] = ip & 0xffff;
        w[4] = (o32 ? (ip >> 16) << 12 : ((ip >> 16) & 0xf) << 12) | (c->s.fpop & 0x7ff);
        w[5] = dp & 0xffff;
        w[6] = o32 ? (dp >> 16) << 12 : ((dp >> 16) & 0xf) << 12;
    } else {
        w[3] = ip;
        w[4] = c->fpcs | (o32 ? (uint32_t)(c->s.fpop & 0x7ff) << 16 : 0);
        w[5] = dp;
        w[6] = c->fpds;
    }
    /* 32-bit images: the reserved upper halves (CW, SW, TW, then FIP and FDP in real
     * mode, FDS in protected mode) are written as ones, as the x87 writes them */
    unsigned n = o32 ? 4 : 2, ones = real ? 0x2f : 0x47;
    for (unsigned k = 0; k < 7; k++) {
        uint32_t v = w[k];
        if (o32 && (ones >> k & 1))
            v |= 0xffff0000u;
        wrn(c, i->seg, (off + k * n) & am, o32 ? v : v & 0xffff, n);
    }
    return 7 * n;
}

/* Reads the environment at off into the state; returns its size. */
static unsigned load_env(Cpu *c, const Insn *i, uint32_t off, uint16_t *tw)
{
    bool o32 = i->flags & I_O32, real = env_real(c);
    uint32_t am = amask_of(i), w[7];
    unsigned n = o32 ? 4 : 2;
    for (unsigned k = 0; k < 7; k++)
        w[k] = rdn(c, i->seg, (off + k * n) & am, n);
    c->s.fpuc = cw_value(w[0]);
    c->s.fpus = (uint16_t)w[1];
    *tw = (uint16_t)w[2];
    if (real) {
        uint32_t hi_ip = o32 ? (w[4] >> 12) & 0xffff : (w[4] >> 12) & 0xf;
        uint32_t hi_dp = o32 ? (w[6] >> 12) & 0xffff : (w[6] >> 12) & 0xf;
        c->s.fpip = (w[3] & 0xffff) | hi_ip << 16;
        c->s.fpdp = (w[5] & 0xffff) | hi_dp << 16;
        c->s.fpop = (uint16_t)(w[4] & 0x7ff);
        c->fpcs = c->fpds = 0;
    } else {
        c->s.fpip = w[3];
        c->fpcs = (uint16_t)w[4];
        c->s.fpop = o32 ? (uint16_t)((w[4] >> 16) & 0x7ff) : 0;
        c->s.fpdp = w[5];
        c->fpds = (uint16_t)w[6];
    }
    return 7 * n;
}

/* The tag word loaded: 11 empties a register, anything else makes it in use (the x87
 * derives the class from the contents itself). */
static void load_tags(Cpu *c, uint16_t tw)
{
    c->s.fptag = 0;
    for (unsigned p = 0; p < 8; p++)
        if (((tw >> (2 * p)) & 3) != 3)
            c->s.fptag |= (uint16_t)(1u << p);
}

void op_fnstenv(Cpu *c, const Insn *i)
{
    if (!fpu_enter(c, i, FPU_NOWAIT))
        return;
    uint32_t off = ea(c, i);
    probe_write(c, i, off, (i->flags & I_O32) ? 28 : 14);
    store_env(c, i, off);
    c->s.fpuc |= FX80_EXC;   /* FNSTENV masks every exception */
    fpu_summary(c);
}

void op_fldenv(Cpu *c, const Insn *i)
{
    if (!fpu_enter(c, i, FPU_CONTROL))
        return;
    uint16_t tw;
    load_env(c, i, ea(c, i), &tw);   /* reads every word before it changes anything */
    load_tags(c, tw);
    fpu_summary(c);
}

void op_fnsave(Cpu *c, const Insn *i)
{
    if (!fpu_enter(c, i, FPU_NOWAIT))
        return;
    uint32_t off = ea(c, i), am = amask_of(i);
    unsigned envlen = (i->flags & I_O32) ? 28 : 14;
    probe_write(c, i, off, envlen + 80);
    store_env(c, i, off);
    for (unsigned k = 0; k < 8; k++) {
        Fx80 v = fpu_get(c, k);
        uint32_t o = off + envlen + 10 * k;
        wr32(c, i->seg, o & am, (uint32_t)v.mant);
        wr32(c, i->seg, (o + 4) & am, (uint32_t)(v.mant >> 32));
        wr16(c, i->seg, (o + 8) & am, v.sign_exp);
    }
    fpu_init_state(c);
}

void op_frstor(Cpu *c, const Insn *i)
{
    if (!fpu_enter(c, i, FPU_CONTROL))
        return;
    uint32_t off = ea(c, i), am = amask_of(i);
    unsigned envlen = (i->flags & I_O32) ? 28 : 14;
    CpuFpReg r[8];
    for (unsigned k = 0; k < 8; k++) {   /* the reads that can fault, before any change */
        uint32_t o = off + envlen + 10 * k;
        uint64_t lo = rd32(c, i->seg, o & am), hi = rd32(c, i->seg, (o + 4) & am);
        r[k] = (CpuFpReg){ .mant = hi << 32 | lo, .exp = (uint16_t)rd16(c, i->seg, (o + 8) & am) };
    }
    uint16_t tw;
    load_env(c, i, off, &tw);
    for (unsigned k = 0; k < 8; k++)
        c->s.fpregs[phys(c, k)] = r[k];
    load_tags(c, tw);
    fpu_summary(c);
}
