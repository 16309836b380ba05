/* sysreg.c: the system registers as instructions see them: GDTR and IDTR (LGDT, SGDT,
 * LIDT, SIDT), the MSW (LMSW, SMSW, CLTS), MOV to and from CR0-CR4 (the CR setters, which
 * refresh segment caches and the TLB, are in sys.c) and DR0-DR7 with DR7.GD, INVLPG,
 * WBINVD, CPUID, RDTSC, RDPMC, RDMSR and WRMSR. Reference: Intel SDM vol. 2 for each
 * instruction, vol. 3 chapters 2.4-2.5, 11.11 (MTRRs) and 17.2 (debug registers). Not
 * emulated: performance counters (RDPMC reads 0), caches (WBINVD does nothing), machine
 * checks. */
#include "emu/cpu/cpu_int.h"

/* CPL 0 only (virtual-8086 mode runs at CPL 3). */
static void need_ring0(Cpu *c)
{
    if (c->cpl || c->v86)
        GP0(c);
}

/* ---- descriptor table registers, MSW, TLB and cache control ---- */

static void store_dt(Cpu *c, const Insn *i, const CpuSeg *t)
{
    uint32_t off = ea(c, i);
    uint32_t am = (i->flags & I_A32) ? ~0u : 0xffff;
    uint32_t base = (i->flags & I_O32) ? t->base : t->base & 0x00ffffffu;
    seg_wr(c, i->seg, (off + 2) & am, 4);
    wr16(c, i->seg, off, t->limit);
    wr32(c, i->seg, (off + 2) & am, base);
}
static void load_dt(Cpu *c, const Insn *i, CpuSeg *t)
{
    if (c->pe && c->cpl) GP0(c);
    if (c->v86) GP0(c);
    uint32_t off = ea(c, i);
    uint32_t am = (i->flags & I_A32) ? ~0u : 0xffff;
    uint32_t lim = rd16(c, i->seg, off), base = rd32(c, i->seg, (off + 2) & am);
    if (!(i->flags & I_O32)) base &= 0x00ffffffu;
    t->base = base;
    t->limit = lim;
}
void op_sgdt(Cpu *c, const Insn *i) { store_dt(c, i, &c->s.gdt); }
void op_sidt(Cpu *c, const Insn *i) { store_dt(c, i, &c->s.idt); }
void op_lgdt(Cpu *c, const Insn *i) { load_dt(c, i, &c->s.gdt); }
void op_lidt(Cpu *c, const Insn *i) { load_dt(c, i, &c->s.idt); }
void op_smsw(Cpu *c, const Insn *i)
{
    if ((i->flags & I_MEM)) wr16(c, i->seg, ea(c, i), c->s.cr[0]);
    else if (i->flags & I_O32) R(c, i->rm) = c->s.cr[0];
    else set_reg16(c, i->rm, (uint16_t)c->s.cr[0]);
}
void op_lmsw(Cpu *c, const Insn *i)
{
    if (c->pe && c->cpl) GP0(c);
    uint16_t v = (i->flags & I_MEM) ? (uint16_t)rd16(c, i->seg, ea(c, i)) : reg16(c, i->rm);
    /* PE can be set but not cleared */
    cpu_set_cr0(c, (c->s.cr[0] & ~0xeu) | (v & 0xf) | (c->s.cr[0] & 1));
}
void op_clts(Cpu *c, const Insn *i) { need_ring0(c); c->s.cr[0] &= ~CR0_TS; }
void op_invlpg(Cpu *c, const Insn *i)
{
    need_ring0(c);
    tlb_flush_page(c, c->sc[i->seg].base + ea(c, i));
    c->exit_flags |= EXIT_AGAIN;
}
void op_wbinvd(Cpu *c, const Insn *i) { need_ring0(c); }

/* ---- control and debug registers ---- */

void op_mov_RdCd(Cpu *c, const Insn *i)
{
    need_ring0(c);
    if (i->reg == 1 || i->reg > 4) UD(c);
    R(c, i->rm) = c->s.cr[i->reg];
}
void op_mov_CdRd(Cpu *c, const Insn *i)
{
    need_ring0(c);
    uint32_t v = R(c, i->rm);
    switch (i->reg) {
    case 0: cpu_set_cr0(c, v); break;
    case 2: c->s.cr[2] = v; break;
    case 3: cpu_set_cr3(c, v); break;
    case 4: cpu_set_cr4(c, v); break;
    default: UD(c);
    }
    c->exit_flags |= EXIT_AGAIN;
}
/* DR7.GD: any MOV to or from a debug register faults with #DB, DR6.BD set and GD cleared
 * (so that the handler can use them). XXX: QEMU 7.2's TCG does not model GD. */
static void dr_general_detect(Cpu *c)
{
    if (!(c->s.dr[7] & 0x2000))
        return;
    c->s.dr[6] |= 0x2000;
    c->s.dr[7] &= ~0x2000u;
    cpu_raise_nocode(c, EXC_DB);
}

void op_mov_RdDd(Cpu *c, const Insn *i)
{
    need_ring0(c);
    unsigned r = i->reg;
    if (r == 4 || r == 5) {
        if (c->s.cr[4] & CR4_DE) UD(c);
        r += 2;
    }
    dr_general_detect(c);
    R(c, i->rm) = c->s.dr[r];
}
void op_mov_DdRd(Cpu *c, const Insn *i)
{
    need_ring0(c);
    unsigned r = i->reg;
    if (r == 4 || r == 5) {
        if (c->s.cr[4] & CR4_DE) UD(c);
        r += 2;
    }
    dr_general_detect(c);
    uint32_t v = R(c, i->rm);
    if (r == 6) v = (v & 0xf00f) | 0xffff0ff0u;
    else if (r == 7) v = (v & 0xffff2bffu) | 0x400;
    c->s.dr[r] = v;
    dr_update(c);
    c->exit_flags |= EXIT_AGAIN;   /* the new breakpoints apply from the next instruction */
}

/* ---- CPUID, TSC, MSRs ---- */

#define MCG_CTL_P      (1u << 8)
#define MCG_SER_P      (1u << 24)
#define MCE_BANKS      10u   /* QEMU 7.2's MCE_BANKS_DEF */

/* Also sets up machine-check architecture as QEMU 7.2's mce_init does when the CPU is
 * created: with MCE and MCA on a family 6 model, MCG_CAP reports 10 banks, MCG_CTL_P and
 * MCG_SER_P, and MCG_CTL and every MCi_CTL start all-ones; otherwise there are none. */
void cpu_set_model(Cpu *c, const CpuModel *m)
{
    c->model = *m;
    c->fpu = (m->feat[CPU_FEAT_1_EDX] & CPUID_FPU) != 0;
    CpuState *s = &c->s;
    s->mcg_cap = s->mcg_ctl = 0;
    memset(s->mce_banks, 0, sizeof s->mce_banks);
    if (((m->signature >> 8) & 15) >= 6 &&
        (m->feat[CPU_FEAT_1_EDX] & (CPUID_MCE | CPUID_MCA)) == (CPUID_MCE | CPUID_MCA)) {
        s->mcg_cap = MCG_CTL_P | MCG_SER_P | MCE_BANKS;
        s->mcg_ctl = ~0ull;
        for (unsigned k = 0; k < MCE_BANKS; k++)
            s->mce_banks[4 * k] = ~0ull;
    }
}

/* CPUID as QEMU 7.2's cpu_x86_cpuid for the model (cpu_model.h): a basic leaf above the
 * model's level, and an extended one above its xlevel, answers as the highest basic leaf
 * (with the same ECX), but for QEMU's TCG leaves 0x40000000 and 0x40000001. Leaf 2 and
 * leaf 4 are QEMU's fixed cache descriptors, leaf 3 (the processor serial number, off)
 * zero; images/cpu/cpuid_dump.asm compares them all. */
static const uint32_t cpuid_leaf4[4][4] = {   /* L1d, L1i, L2, L3 */
    { 0x121, 0x01c0003f, 0x3f, 1 }, { 0x122, 0x01c0003f, 0x3f, 1 },
    { 0x143, 0x03c0003f, 0xfff, 1 }, { 0x163, 0x03c0003f, 0x3fff, 6 },
};

void cpu_cpuid(Cpu *c, uint32_t leaf, uint32_t r[4])
{
    const CpuModel *m = &c->model;
    uint32_t sub = R(c, R_ECX);
    bool tcg = leaf == 0x40000000u || leaf == 0x40000001u;   /* QEMU's TCG leaves, below */
    if (!tcg && (leaf >= 0x80000000u ? leaf > m->xlevel : leaf > m->level))
        leaf = m->level;
    memset(r, 0, 4 * sizeof r[0]);
    switch (leaf) {
    case 0:
    case 0x80000000:
        r[0] = leaf ? m->xlevel : m->level;
        r[1] = 0x756e6547; r[2] = 0x6c65746e; r[3] = 0x49656e69;   /* "GenuineIntel" */
        break;
    case 1:
        r[0] = m->signature;
        r[1] = 0x800;   /* CLFLUSH line size field, as QEMU fills it */
        r[2] = m->feat[CPU_FEAT_1_ECX];
        r[3] = (m->feat[CPU_FEAT_1_EDX] & ~CPUID_APIC) | (c->apic ? CPUID_APIC : 0);   /* MSR_APICBASE can disable it */
        break;
    case 2:
        r[0] = 1; r[2] = 0x4d; r[3] = 0x002c307d;
        break;
    case 4:
        if (sub < 4)
            memcpy(r, cpuid_leaf4[sub], 4 * sizeof r[0]);
        break;
    case 0x40000000:   /* QEMU 7.2 under TCG answers these with or without the hypervisor bit */
        r[0] = 0x40000001;
        r[1] = 0x54474354; r[2] = 0x43544743; r[3] = 0x47435447;   /* "TCGTCGTCGTCG" */
        break;
    case 0x80000001:
        r[0] = m->signature;
        r[2] = m->feat[CPU_FEAT_X1_ECX];
        r[3] = m->feat[CPU_FEAT_X1_EDX];
        break;
    case 0x80000002: case 0x80000003: case 0x80000004:
        for (int k = 0; k < 16; k++)
            r[k / 4] |= (uint32_t)(uint8_t)m->brand[(leaf - 0x80000002) * 16 + k] << (k % 4 * 8);
        break;
    }
}
void op_cpuid(Cpu *c, const Insn *i)
{
    uint32_t r[4];
    cpu_cpuid(c, R(c, R_EAX), r);
    R(c, R_EAX) = r[0]; R(c, R_EBX) = r[1]; R(c, R_ECX) = r[2]; R(c, R_EDX) = r[3];
}

/* The TSC is the virtual clock in nanoseconds, as QEMU 7.2 under -icount: helper_rdtsc
 * returns cpu_get_tsc() + env.tsc_offset, and cpu_get_tsc() is the accelerator's elapsed
 * ticks, icount_get(), i.e. qemu_icount_bias + (qemu_icount << shift) = clock_ns(). So
 * the TSC runs at 1 GHz of virtual time, moves on over a HLT's warp, and continues after
 * a load from the clock the 'timer' section restores. tsc_offset is SVM's (0 here, but
 * saved). CPU reset does not restart it; a WRMSR to 0x10 does not move it (QEMU's TCG
 * ignores the write and reads 0 from the MSR, see op_rdmsr). */
uint64_t cpu_tsc(Cpu *c) { return (uint64_t)clock_ns(c->clock) + c->s.tsc_offset; }

void op_rdtsc(Cpu *c, const Insn *i)
{
    if ((c->s.cr[4] & CR4_TSD) && c->cpl && c->pe) GP0(c);
    /* under -icount QEMU ends a translation block at RDTSC and has counted the RDTSC
     * itself when it reads the clock; pcemu counts an instruction after it ran.
     * XXX: the same holds for QEMU's port I/O, which pcemu's devices see one instruction
     * earlier (8 ns at shift 3); tests/scripts/time_tsc.sh measures the difference. */
    uint64_t t = cpu_tsc(c) + ((uint64_t)1 << c->clock->shift);
    R(c, R_EAX) = (uint32_t)t;
    R(c, R_EDX) = (uint32_t)(t >> 32);
}
void op_rdpmc(Cpu *c, const Insn *i)
{
    if (!(c->s.cr[4] & CR4_PCE) && c->cpl && c->pe) GP0(c);
    if (R(c, R_ECX) > 1) GP0(c);
    R(c, R_EAX) = 0;
    R(c, R_EDX) = 0;
}

/* The MSRs as QEMU 7.2's TCG has them for this model (helper_rdmsr and helper_wrmsr in
 * target/i386/tcg/sysemu/misc_helper.c for qemu-system-i386, with MTRR in CPUID, no MCE
 * banks and 32 physical address bits; images/cpu/msr.asm compares every one below and a
 * sample of the rest with QEMU). RDMSR never raises #GP: an MSR QEMU does not know reads 0
 * and a write to it is dropped. XXX: a P6 raises #GP for an MSR it lacks; Linux reads
 * 0x8B and others unguarded and QEMU answers, so pcemu answers as QEMU does. WRMSR raises
 * #GP only for PKRS with its high half set and for a VM_HSAVE_PA not page-aligned or
 * above 4 GiB. */
#define MSR_UCODE_REV  0x100000000ull   /* QEMU's default for an Intel model */
#define MSR_PERF_STATUS ((4ull << 40) | 1000)   /* QEMU: bus ratio 4, 1000 per tick */
#define MSR_CORE_THREADS 0x10001u       /* one core, one thread */
#define MSR_MTRRCAP    0x508u           /* 8 variable ranges, fixed ranges, WC */
#define MSR_MC0_CTL    0x400u

/* The storage of an MTRR, PAT or MC bank MSR, NULL for the others. */
static uint64_t *msr_store(Cpu *c, uint32_t n)
{
    CpuState *s = &c->s;
    /* the bank count is from the stream: cpu_post_load keeps it within mce_banks */
    uint32_t banks = (uint32_t)(4 * s->mcg_cap) & 0xff;
    if (n >= 0x200 && n < 0x210) {
        CpuMtrrVar *v = &s->mtrr_var[(n - 0x200) / 2];
        return (n & 1) ? &v->mask : &v->base;
    }
    if (n >= 0x268 && n <= 0x26f) return &s->mtrr_fixed[3 + n - 0x268];
    if (n >= MSR_MC0_CTL && n - MSR_MC0_CTL < banks) return &s->mce_banks[n - MSR_MC0_CTL];
    switch (n) {
    case 0x250: return &s->mtrr_fixed[0];
    case 0x258: return &s->mtrr_fixed[1];
    case 0x259: return &s->mtrr_fixed[2];
    case 0x2ff: return &s->mtrr_deftype;
    case 0x277: return &s->pat;
    default: return NULL;
    }
}
void op_rdmsr(Cpu *c, const Insn *i)
{
    need_ring0(c);
    CpuState *s = &c->s;
    uint32_t n = R(c, R_ECX);
    uint64_t v = 0, *p;
    switch (n) {
    case 0x174: v = s->sysenter_cs; break;
    case 0x175: v = s->sysenter_esp; break;
    case 0x176: v = s->sysenter_eip; break;
    case 0x1b:   /* without an APIC, QEMU 7.2 reads only the BSP bit and drops writes (the
                    'cpu' section has no field for it: the 'apic' one has) */
        v = c->apicbase_get ? c->apicbase_get(c->apicbase_opaque) : 0x100;
        break;
    case 0x34: v = s->msr_smi_count; break;
    case 0x35: v = MSR_CORE_THREADS; break;
    case 0x8b: v = MSR_UCODE_REV; break;
    case 0xfe: v = MSR_MTRRCAP; break;
    case 0x179: v = s->mcg_cap; break;
    case 0x17a: v = s->mcg_status; break;
    case 0x17b: v = (s->mcg_cap & MCG_CTL_P) ? s->mcg_ctl : 0; break;
    case 0x198: v = MSR_PERF_STATUS; break;
    case 0x1a0: v = s->msr_ia32_misc_enable; break;
    case 0x6e1: v = s->pkrs; break;
    case 0xd90: v = s->bndcfgs; break;
    case 0xc0000080: v = s->efer; break;
    case 0xc0000081: v = s->star; break;
    case 0xc0010117: v = s->vm_hsave; break;
    default:
        if ((p = msr_store(c, n)))
            v = *p;
        break;
    }
    R(c, R_EAX) = (uint32_t)v;
    R(c, R_EDX) = (uint32_t)(v >> 32);
}
void op_wrmsr(Cpu *c, const Insn *i)
{
    need_ring0(c);
    CpuState *s = &c->s;
    uint32_t n = R(c, R_ECX);
    uint64_t v = (uint64_t)R(c, R_EDX) << 32 | R(c, R_EAX), *p;
    switch (n) {
    case 0x174: s->sysenter_cs = (uint32_t)v & 0xffff; break;
    case 0x175: s->sysenter_esp = (uint32_t)v; break;
    case 0x176: s->sysenter_eip = (uint32_t)v; break;
    case 0x17a: s->mcg_status = v; break;
    case 0x17b:
        if ((s->mcg_cap & MCG_CTL_P) && (v == 0 || v == ~0ull))
            s->mcg_ctl = v;
        break;
    case 0x1a0: s->msr_ia32_misc_enable = v; break;
    case 0x1b:
        if (c->apicbase_set)
            c->apicbase_set(c->apicbase_opaque, v);
        break;
    case 0x6e1:
        if (v >> 32) GP0(c);
        s->pkrs = v;
        break;
    case 0xd90: s->bndcfgs = v; break;   /* no MPX: nothing else changes */
    case 0xc0000081: s->star = v; break;
    case 0xc0000103: s->tsc_aux = v; break;   /* stored; RDMSR of it is 64-bit only */
    case 0xc0010117:
        if (v & (0xfff | ~0xffffffffull)) GP0(c);
        s->vm_hsave = v;
        break;
    default:   /* EFER: no writable bit without long mode, SYSCALL, NX or SVM */
        if ((p = msr_store(c, n)) && (n < MSR_MC0_CTL || (n & 3) || v == 0 || v == ~0ull))
            *p = v;
        break;
    }
}
