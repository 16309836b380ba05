/* cpu_vms.c: the CPU's saved state as QEMU 7.2's 'cpu' (version 12, minimum 11) and
 * 'cpu_common' (version 1) sections of qemu-system-i386 (qemu-pc-devices-7.2.md section
 * 3, qemu-7.2-pc-i440fx-vmdesc.json), hflags as QEMU derives them, the monitor's
 * `info registers` text in QEMU's layout, and the state hash. */
#include <stdarg.h>
#include <stdio.h>

#include "emu/cpu/cpu_int.h"

/* ---- hflags (section 3.4) ---- */

uint32_t cpu_hflags(const CpuState *s)
{
    bool pe = s->cr[0] & CR0_PE, vm = s->eflags & F_VM;
    uint32_t cs32 = (s->segs[R_CS].flags & DESC_B) ? 1 : 0, ss32 = (s->segs[R_SS].flags & DESC_B) ? 1 : 0;
    uint32_t h = 0;
    if (pe)
        h |= vm ? 3 : DESC_DPL(s->segs[R_SS].flags);
    h |= cs32 << 4 | ss32 << 5;
    if (!pe || vm || !cs32)
        h |= 1u << 6;
    else if (s->segs[R_DS].base | s->segs[R_ES].base | s->segs[R_SS].base)
        h |= 1u << 6;
    h |= (pe ? 1u : 0) << 7;
    h |= (s->cr[0] & (CR0_MP | CR0_EM | CR0_TS)) << 8;
    h |= s->hflags & HF_SMM;             /* SMM: kept in hflags itself */
    h |= ((s->cr[4] >> 9) & 1) << 22;    /* OSFXSR */
    h |= ((s->cr[4] >> 21) & 1) << 23;   /* SMAP */
    for (int k = 0; k < 4; k++)
        if (((s->dr[7] >> (2 * k)) & 3) && ((s->dr[7] >> (16 + 4 * k)) & 3) == 2)
            h |= 1u << 24;               /* IOBPT */
    h |= ((s->cr[4] >> 11) & 1) << 27;   /* UMIP */
    return h;
}

/* ---- VMS tables ---- */

static const VmsDesc seg_vms = {
    .name = "segment", .version = 1, .min_version = 1,
    .fields = (const VmsField[]){
        VMS_UINT32(CpuSeg, selector), VMS_UINT32(CpuSeg, base), VMS_UINT32(CpuSeg, limit),
        VMS_UINT32(CpuSeg, flags), VMS_END },
};

typedef struct FpTmp { CpuFpReg *parent; uint64_t tmp_mant; uint16_t tmp_exp; } FpTmp;
static int fptmp_pre_save(void *opaque, Err *err)
{
    FpTmp *t = opaque;
    t->tmp_mant = t->parent->mant;
    t->tmp_exp = t->parent->exp;
    return 0;
}
static int fptmp_post_load(void *opaque, int version, Err *err)
{
    FpTmp *t = opaque;
    t->parent->mant = t->tmp_mant;
    t->parent->exp = t->tmp_exp;
    return 0;
}
static const VmsDesc fpreg_tmp_vms = {
    .name = "fpreg_tmp", .pre_save = fptmp_pre_save, .post_load = fptmp_post_load,
    .fields = (const VmsField[]){ VMS_UINT64(FpTmp, tmp_mant), VMS_UINT16(FpTmp, tmp_exp), VMS_END },
};
static const VmsDesc fpreg_vms = {
    .name = "fpreg",
    .fields = (const VmsField[]){ VMSN_WITH_TMP("tmp", CpuFpReg, FpTmp, &fpreg_tmp_vms), VMS_END },
};
static const VmsDesc xmm_vms = {
    .name = "xmm_reg", .version = 1, .min_version = 1,
    .fields = (const VmsField[]){ VMSN_UINT64("_q_ZMMReg[0]", CpuXmm, lo), VMSN_UINT64("_q_ZMMReg[1]", CpuXmm, hi), VMS_END },
};
static const VmsDesc ymmh_vms = {
    .name = "ymmh_reg", .version = 1, .min_version = 1,
    .fields = (const VmsField[]){ VMSN_UINT64("_q_ZMMReg[2]", CpuXmm, lo), VMSN_UINT64("_q_ZMMReg[3]", CpuXmm, hi), VMS_END },
};
static const VmsDesc mtrr_var_vms = {
    .name = "mtrr_var", .version = 1, .min_version = 1,
    .fields = (const VmsField[]){ VMS_UINT64(CpuMtrrVar, base), VMS_UINT64(CpuMtrrVar, mask), VMS_END },
};

static bool poll_control_needed(void *o) { return ((Cpu *)o)->s.poll_control_msr != 1; }
static bool fpop_needed(void *o) { const CpuState *s = &((Cpu *)o)->s; return s->fpop || s->fpip || s->fpdp; }
static bool misc_enable_needed(void *o) { return ((Cpu *)o)->s.msr_ia32_misc_enable != 1; }
static bool smi_count_needed(void *o) { return ((Cpu *)o)->s.msr_smi_count != 0; }
static bool efer_needed(void *o) { return ((Cpu *)o)->s.efer != 0; }

static const VmsDesc sub_poll = {
    .name = "cpu/poll_control_msr", .version = 1, .min_version = 1, .needed = poll_control_needed,
    .fields = (const VmsField[]){ VMSN_UINT64("env.poll_control_msr", Cpu, s.poll_control_msr), VMS_END },
};
static const VmsDesc sub_fpop = {
    .name = "cpu/fpop_ip_dp", .version = 1, .min_version = 1, .needed = fpop_needed,
    .fields = (const VmsField[]){ VMSN_UINT16("env.fpop", Cpu, s.fpop), VMSN_UINT64("env.fpip", Cpu, s.fpip),
                                  VMSN_UINT64("env.fpdp", Cpu, s.fpdp), VMS_END },
};
static const VmsDesc sub_misc = {
    .name = "cpu/msr_ia32_misc_enable", .version = 1, .min_version = 1, .needed = misc_enable_needed,
    .fields = (const VmsField[]){ VMSN_UINT64("env.msr_ia32_misc_enable", Cpu, s.msr_ia32_misc_enable), VMS_END },
};
static const VmsDesc sub_smi = {
    .name = "cpu/msr_smi_count", .version = 1, .min_version = 1, .needed = smi_count_needed,
    .fields = (const VmsField[]){ VMSN_UINT64("env.msr_smi_count", Cpu, s.msr_smi_count), VMS_END },
};
static const VmsDesc sub_efer = {
    .name = "cpu/efer32", .version = 1, .min_version = 1, .needed = efer_needed,
    .fields = (const VmsField[]){ VMSN_UINT64("env.efer", Cpu, s.efer), VMS_END },
};

static int cpu_pre_save(void *opaque, Err *err)
{
    Cpu *c = opaque;
    c->s.eflags = flags_get(c);
    c->s.hflags = cpu_hflags(&c->s) | (c->shadow ? 1u << 3 : 0);
    return 0;
}

static int cpu_post_load(void *opaque, int version, Err *err)
{
    Cpu *c = opaque;
    CpuState *s = &c->s;
    if (s->fpregs_format != 0)
        return ERR(err, -EINVAL, "cpu: fpregs_format %u is not 0 (80-bit)", s->fpregs_format);
    s->fptag &= 0xff;   /* QEMU reads the low 8 bits only, one per physical register */
    if (s->a20_mask != -1 && s->a20_mask != (int32_t)0xffefffff)
        return ERR(err, -EINVAL, "cpu: a20_mask %#x is neither 0xffffffff nor 0xffefffff", (uint32_t)s->a20_mask);
    if ((s->mcg_cap & 0xff) * 4 > sizeof s->mce_banks / sizeof s->mce_banks[0])
        return ERR(err, -EINVAL, "cpu: mcg_cap %#" PRIx64 " has more MC banks than mce_banks",
                   s->mcg_cap);
    if (s->efer)
        return ERR(err, -ENOTSUP, "cpu: EFER %#" PRIx64 " set (pcemu has no EFER features)", s->efer);
    if (s->cr[4] & ~cpu_cr4_allowed(c))
        return ERR(err, -ENOTSUP, "cpu: CR4 %#x has features pcemu lacks", s->cr[4]);
    if ((s->cr[0] & CR0_PG) && !(s->cr[0] & CR0_PE))
        return ERR(err, -EINVAL, "cpu: CR0 %#x has PG without PE", s->cr[0]);
    bool pe = s->cr[0] & CR0_PE;
    if (!pe && DESC_DPL(s->segs[R_CS].flags) != 0)
        for (int k = 0; k < 6; k++)
            s->segs[k].flags &= ~(3u << 13);
    s->eflags |= 2;
    c->lf.op = 0;
    c->cpl = !pe ? 0 : (s->eflags & F_VM) ? 3 : (uint8_t)DESC_DPL(s->segs[R_SS].flags);
    c->shadow = (s->hflags >> 3) & 1;
    s->hflags = (s->hflags & ~3u) | c->cpl;
    for (int k = 0; k < 6; k++)
        seg_update(c, k);
    mode_update(c);
    return 0;
}

const VmsDesc cpu_vms = {
    .name = "cpu", .version = 12, .min_version = 11,
    .pre_save = cpu_pre_save, .post_load = cpu_post_load,
    .fields = (const VmsField[]){
        VMSN_UINT32_ARRAY("env.regs", Cpu, s.gprs, 8),
        VMSN_UINT32("env.eip", Cpu, s.eip),
        VMSN_UINT32("env.eflags", Cpu, s.eflags),
        VMSN_UINT32("env.hflags", Cpu, s.hflags),
        VMSN_UINT16("env.fpuc", Cpu, s.fpuc),
        VMSN_UINT16("env.fpus_vmstate", Cpu, s.fpus),
        VMSN_UINT16("env.fptag_vmstate", Cpu, s.fptag),
        VMSN_UINT16("env.fpregs_format_vmstate", Cpu, s.fpregs_format),
        VMSN_STRUCT_ARRAY("env.fpregs", Cpu, s.fpregs, CpuFpReg, 8, &fpreg_vms),
        VMSN_STRUCT_ARRAY("env.segs", Cpu, s.segs, CpuSeg, 6, &seg_vms),
        VMSN_STRUCT("env.ldt", Cpu, s.ldt, CpuSeg, &seg_vms),
        VMSN_STRUCT("env.tr", Cpu, s.tr, CpuSeg, &seg_vms),
        VMSN_STRUCT("env.gdt", Cpu, s.gdt, CpuSeg, &seg_vms),
        VMSN_STRUCT("env.idt", Cpu, s.idt, CpuSeg, &seg_vms),
        VMSN_UINT32("env.sysenter_cs", Cpu, s.sysenter_cs),
        VMSN_UINT32("env.sysenter_esp", Cpu, s.sysenter_esp),
        VMSN_UINT32("env.sysenter_eip", Cpu, s.sysenter_eip),
        VMSN_UINT32("env.cr[0]", Cpu, s.cr[0]),
        VMSN_UINT32("env.cr[2]", Cpu, s.cr[2]),
        VMSN_UINT32("env.cr[3]", Cpu, s.cr[3]),
        VMSN_UINT32("env.cr[4]", Cpu, s.cr[4]),
        VMSN_UINT32_ARRAY("env.dr", Cpu, s.dr, 8),
        VMSN_INT32("env.a20_mask", Cpu, s.a20_mask),
        VMSN_UINT32("env.mxcsr", Cpu, s.mxcsr),
        VMSN_STRUCT_ARRAY("env.xmm_regs[0]", Cpu, s.xmm, CpuXmm, 8, &xmm_vms),
        VMSN_UINT32("env.smbase", Cpu, s.smbase),
        VMSN_UINT64("env.pat", Cpu, s.pat),
        VMSN_UINT32("env.hflags2", Cpu, s.hflags2),
        VMSN_UINT64("env.vm_hsave", Cpu, s.vm_hsave),
        VMSN_UINT64("env.vm_vmcb", Cpu, s.vm_vmcb),
        VMSN_UINT64("env.tsc_offset", Cpu, s.tsc_offset),
        VMSN_UINT64("env.intercept", Cpu, s.intercept),
        VMSN_UINT16("env.intercept_cr_read", Cpu, s.intercept_cr_read),
        VMSN_UINT16("env.intercept_cr_write", Cpu, s.intercept_cr_write),
        VMSN_UINT16("env.intercept_dr_read", Cpu, s.intercept_dr_read),
        VMSN_UINT16("env.intercept_dr_write", Cpu, s.intercept_dr_write),
        VMSN_UINT32("env.intercept_exceptions", Cpu, s.intercept_exceptions),
        VMSN_UINT8("env.v_tpr", Cpu, s.v_tpr),
        VMSN_UINT64_ARRAY("env.mtrr_fixed", Cpu, s.mtrr_fixed, 11),
        VMSN_UINT64("env.mtrr_deftype", Cpu, s.mtrr_deftype),
        VMSN_STRUCT_ARRAY("env.mtrr_var", Cpu, s.mtrr_var, CpuMtrrVar, 8, &mtrr_var_vms),
        VMSN_INT32("env.interrupt_injected", Cpu, s.interrupt_injected),
        VMSN_UINT32("env.mp_state", Cpu, s.mp_state),
        VMSN_UINT64("env.tsc", Cpu, s.tsc),
        VMSN_INT32("env.exception_nr", Cpu, s.exception_nr),
        VMSN_UINT8("env.soft_interrupt", Cpu, s.soft_interrupt),
        VMSN_UINT8("env.nmi_injected", Cpu, s.nmi_injected),
        VMSN_UINT8("env.nmi_pending", Cpu, s.nmi_pending),
        VMSN_UINT8("env.has_error_code", Cpu, s.has_error_code),
        VMSN_UINT32("env.sipi_vector", Cpu, s.sipi_vector),
        VMSN_UINT64("env.mcg_cap", Cpu, s.mcg_cap),
        VMSN_UINT64("env.mcg_status", Cpu, s.mcg_status),
        VMSN_UINT64("env.mcg_ctl", Cpu, s.mcg_ctl),
        VMSN_UINT64_ARRAY("env.mce_banks", Cpu, s.mce_banks, 40),
        VMSN_UINT64("env.tsc_aux", Cpu, s.tsc_aux),
        VMSN_UINT64("env.system_time_msr", Cpu, s.system_time_msr),
        VMSN_UINT64("env.wall_clock_msr", Cpu, s.wall_clock_msr),
        VMSN_UINT64_V("env.xcr0", Cpu, s.xcr0, 12),
        VMSN_UINT64_V("env.xstate_bv", Cpu, s.xstate_bv, 12),
        { .name = "env.xmm_regs[1]", .kind = VMS_K_STRUCT, .vmsd = &ymmh_vms,
          .offset = offsetof(Cpu, s.ymmh) + VMS__CHECK_ARRAY(Cpu, s.ymmh, CpuXmm, 8),
          .size = sizeof(CpuXmm), .num = 8, .version = 12 },
        VMS_END },
    .subsections = (const VmsDesc *const[]){ &sub_poll, &sub_fpop, &sub_misc, &sub_smi, &sub_efer, NULL },
};

static int common_pre_save(void *opaque, Err *err)
{
    Cpu *c = opaque;
    c->s.interrupt_request = (c->intr ? 0x2u : 0) | (c->nmi_pending ? 0x200u : 0) |
                             (c->smi_pending ? 0x40u : 0);
    return 0;
}
static int common_post_load(void *opaque, int version, Err *err)
{
    Cpu *c = opaque;
    if (c->s.halted > 1)
        return ERR(err, -EINVAL, "cpu_common: halted %u is not 0 or 1", c->s.halted);
    c->s.interrupt_request &= ~1u;
    if (c->s.interrupt_request & ~(0x2u | 0x200u | 0x40u | 0x4u | 0x10u | 0x20u))
        return ERR(err, -ENOTSUP, "cpu_common: interrupt_request %#x has requests pcemu cannot take",
                   c->s.interrupt_request);
    c->intr = c->s.interrupt_request & 0x2;
    c->nmi_pending = c->s.interrupt_request & 0x200;
    c->smi_pending = c->s.interrupt_request & 0x40;
    c->exit_flags |= EXIT_AGAIN;
    return 0;
}
const VmsDesc cpu_common_vms = {
    .name = "cpu_common", .version = 1, .min_version = 1,
    .pre_save = common_pre_save, .post_load = common_post_load,
    .fields = (const VmsField[]){ VMSN_UINT32("halted", Cpu, s.halted),
                                  VMSN_UINT32("interrupt_request", Cpu, s.interrupt_request), VMS_END },
};

/* ---- monitor text (QEMU's x86_cpu_dump_state with CPU_DUMP_FPU, i386 target) ---- */

typedef struct Out { char *buf; size_t n, len; } Out;
static void PRINTF_LIKE(2, 3) outf(Out *o, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    size_t room = o->len < o->n ? o->n - o->len : 0;
    int k = vsnprintf(o->buf + (o->len < o->n ? o->len : o->n - 1), room ? room : 1, fmt, ap);
    va_end(ap);
    if (k > 0) o->len += (size_t)k;
}

static void dump_seg(Out *o, const CpuState *s, const char *name, const CpuSeg *sc)
{
    outf(o, "%-3s=%04x %08x %08x %08x", name, sc->selector & 0xffff, sc->base, sc->limit, sc->flags & 0x00ffff00);
    if ((s->cr[0] & CR0_PE) && (sc->flags & DESC_P)) {
        outf(o, " DPL=%u ", DESC_DPL(sc->flags));
        if (sc->flags & DESC_S) {
            if (sc->flags & DESC_CODE) {
                outf(o, "%s", (sc->flags & DESC_B) ? "CS32" : "CS16");
                outf(o, " [%c%c", (sc->flags & DESC_C) ? 'C' : '-', (sc->flags & DESC_R) ? 'R' : '-');
            } else {
                outf(o, "%s", (sc->flags & DESC_B) ? "DS  " : "DS16");
                outf(o, " [%c%c", (sc->flags & DESC_E) ? 'E' : '-', (sc->flags & DESC_W) ? 'W' : '-');
            }
            outf(o, "%c]", (sc->flags & DESC_A) ? 'A' : '-');
        } else {
            static const char *const sys[16] = {
                "Reserved", "TSS16-avl", "LDT", "TSS16-busy", "CallGate16", "TaskGate", "IntGate16",
                "TrapGate16", "Reserved", "TSS32-avl", "Reserved", "TSS32-busy", "CallGate32",
                "Reserved", "IntGate32", "TrapGate32" };
            outf(o, "%s", sys[DESC_TYPE(sc->flags)]);
        }
    }
    outf(o, "\n");
}

size_t cpu_format_registers(Cpu *c, char *buf, size_t n)
{
    const CpuState *s = &c->s;
    Out o = { buf, n, 0 };
    if (!n)
        return 0;
    buf[0] = 0;
    uint32_t f = s->eflags | 2;
    uint32_t h = cpu_hflags(s) | (c->shadow ? 8u : 0);
    outf(&o, "EAX=%08x EBX=%08x ECX=%08x EDX=%08x\n", s->regs[R_EAX], s->regs[R_EBX], s->regs[R_ECX], s->regs[R_EDX]);
    outf(&o, "ESI=%08x EDI=%08x EBP=%08x ESP=%08x\n", s->regs[R_ESI], s->regs[R_EDI], s->regs[R_EBP], s->regs[R_ESP]);
    outf(&o, "EIP=%08x EFL=%08x [%c%c%c%c%c%c%c] CPL=%u II=%u A20=%u SMM=%u HLT=%u\n", s->eip, f,
         (f & F_DF) ? 'D' : '-', (f & F_OF) ? 'O' : '-', (f & F_SF) ? 'S' : '-', (f & F_ZF) ? 'Z' : '-',
         (f & F_AF) ? 'A' : '-', (f & F_PF) ? 'P' : '-', (f & F_CF) ? 'C' : '-', h & 3, (h >> 3) & 1,
         ((uint32_t)s->a20_mask >> 20) & 1, (h >> 19) & 1, s->halted);
    static const char *const names[6] = { "ES", "CS", "SS", "DS", "FS", "GS" };
    for (int k = 0; k < 6; k++)
        dump_seg(&o, s, names[k], &s->segs[k]);
    dump_seg(&o, s, "LDT", &s->ldt);
    dump_seg(&o, s, "TR", &s->tr);
    outf(&o, "GDT=     %08x %08x\n", s->gdt.base, s->gdt.limit);
    outf(&o, "IDT=     %08x %08x\n", s->idt.base, s->idt.limit);
    outf(&o, "CR0=%08x CR2=%08x CR3=%08x CR4=%08x\n", s->cr[0], s->cr[2], s->cr[3], s->cr[4]);
    for (int k = 0; k < 4; k++)
        outf(&o, "DR%d=%08x ", k, s->dr[k]);
    outf(&o, "\nDR6=%08x DR7=%08x\n", s->dr[6], s->dr[7]);
    outf(&o, "EFER=%016" PRIx64 "\n", s->efer);
    outf(&o, "FCW=%04x FSW=%04x [ST=%d] FTW=%02x MXCSR=%08x\n", s->fpuc, s->fpus, (s->fpus >> 11) & 7,
         s->fptag & 0xff, s->mxcsr);
    for (int k = 0; k < 8; k++)
        outf(&o, "FPR%d=%016" PRIx64 " %04x%s", k, s->fpregs[k].mant, s->fpregs[k].exp, (k & 1) ? "\n" : " ");
    for (int k = 0; k < 8; k++)
        outf(&o, "XMM%02d=%016" PRIx64 " %016" PRIx64 "%s", k, s->xmm[k].hi, s->xmm[k].lo, (k & 1) ? "\n" : " ");
    return MIN(o.len, n - 1);
}

/* ---- state hash ---- */

static uint64_t fnv(uint64_t h, uint64_t v, int bytes)
{
    for (int k = 0; k < bytes; k++) {
        h ^= (v >> (8 * k)) & 0xff;
        h *= 0x100000001b3ull;
    }
    return h;
}
static uint64_t fnv_seg(uint64_t h, const CpuSeg *s)
{
    h = fnv(h, s->selector, 4); h = fnv(h, s->base, 4); h = fnv(h, s->limit, 4);
    return fnv(h, s->flags, 4);
}

uint64_t cpu_state_hash(Cpu *c)
{
    const CpuState *s = &c->s;
    uint64_t h = 0xcbf29ce484222325ull;
    for (int k = 0; k < 8; k++) h = fnv(h, s->regs[k], 4);
    h = fnv(h, s->eip, 4);
    h = fnv(h, s->eflags | 2, 4);
    for (int k = 0; k < 6; k++) h = fnv_seg(h, &s->segs[k]);
    h = fnv_seg(h, &s->ldt); h = fnv_seg(h, &s->tr);
    h = fnv(h, s->gdt.base, 4); h = fnv(h, s->gdt.limit, 4);
    h = fnv(h, s->idt.base, 4); h = fnv(h, s->idt.limit, 4);
    for (int k = 0; k < 5; k++) h = fnv(h, s->cr[k], 4);
    for (int k = 0; k < 8; k++) h = fnv(h, s->dr[k], 4);
    h = fnv(h, (uint32_t)s->a20_mask, 4);
    h = fnv(h, s->sysenter_cs, 4); h = fnv(h, s->sysenter_esp, 4); h = fnv(h, s->sysenter_eip, 4);
    h = fnv(h, s->pat, 8);
    for (int k = 0; k < 11; k++) h = fnv(h, s->mtrr_fixed[k], 8);
    h = fnv(h, s->mtrr_deftype, 8);
    for (int k = 0; k < 8; k++) { h = fnv(h, s->mtrr_var[k].base, 8); h = fnv(h, s->mtrr_var[k].mask, 8); }
    h = fnv(h, s->smbase, 4);
    h = fnv(h, s->halted, 4);
    h = fnv(h, s->hflags2, 4);
    h = fnv(h, c->cpl, 1);
    h = fnv(h, c->shadow, 1);
    return h;
}
