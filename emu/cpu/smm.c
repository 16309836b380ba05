/* smm.c: System Management Mode, as QEMU 7.2's i386 TCG enters and leaves it: the IA-32
 * state-save map (revision 0x00020000, SMBASE relocation) at SMBASE + 0x8000 + 0x7E00 ..
 * 0x7FFF, the SMM entry state (CS = SMBASE >> 4, base SMBASE, 4 GiB limits, EIP 0x8000,
 * CR0.PE/PG/EM/TS and CR4 cleared, EFLAGS 2, DR7 0x400) and RSM. Reference: Intel SDM vol.
 * 3 chapter 34; QEMU target/i386/tcg/sysemu/smm_helper.c for the map (offsets below).
 * Not emulated: the I/O instruction restart and auto-HALT restart fields (read as 0). */
#include "emu/cpu/cpu_int.h"

#define SMM_REVISION 0x00020000u

static void pw(Cpu *c, uint32_t pa, uint32_t v)
{
    pa &= (uint32_t)c->s.a20_mask;
    bus_mem_write(c->bus, pa, v, 4);
    code_invalidate_page(c, pa >> 12);
}
static uint32_t pr(Cpu *c, uint32_t pa) { return bus_mem_read(c->bus, pa & (uint32_t)c->s.a20_mask, 4); }

/* Offset of the descriptor-cache triple (flags, limit, base) of segment register i. */
static uint32_t seg_off(int i) { return i < 3 ? 0x7f84u + (uint32_t)i * 12 : 0x7f2cu + (uint32_t)(i - 3) * 12; }

void cpu_smi(Cpu *c)
{
    c->smi_pending = true;
    c->exit_flags |= EXIT_INTR;
}

void cpu_set_smm_notify(Cpu *c, void (*notify)(void *opaque, bool smm), void *opaque)
{
    c->smm_notify = notify;
    c->smm_opaque = opaque;
}

bool cpu_in_smm(const Cpu *c) { return c->s.hflags & HF_SMM; }

void smm_enter(Cpu *c)
{
    CpuState *s = &c->s;
    trace(TRACE_CPU, "cpu: SMI, SMBASE %#x", s->smbase);
    s->hflags |= HF_SMM;
    if (c->smm_notify)
        c->smm_notify(c->smm_opaque, true);
    cpu_bus_touched(c);
    tlb_flush(c);
    uint32_t sm = s->smbase + 0x8000;
    uint32_t fl = flags_get(c);
    pw(c, sm + 0x7ffc, s->cr[0]);
    pw(c, sm + 0x7ff8, s->cr[3]);
    pw(c, sm + 0x7ff4, fl);
    pw(c, sm + 0x7ff0, s->eip);
    for (int r = 0; r < 8; r++)
        pw(c, sm + 0x7fd0 + 4 * (uint32_t)r, s->regs[r]);
    pw(c, sm + 0x7fcc, s->dr[6]);
    pw(c, sm + 0x7fc8, s->dr[7]);
    pw(c, sm + 0x7fc4, s->tr.selector);
    pw(c, sm + 0x7f64, s->tr.base);
    pw(c, sm + 0x7f60, s->tr.limit);
    pw(c, sm + 0x7f5c, (s->tr.flags >> 8) & 0xf0ff);
    pw(c, sm + 0x7fc0, s->ldt.selector);
    pw(c, sm + 0x7f80, s->ldt.base);
    pw(c, sm + 0x7f7c, s->ldt.limit);
    pw(c, sm + 0x7f78, (s->ldt.flags >> 8) & 0xf0ff);
    pw(c, sm + 0x7f74, s->gdt.base);
    pw(c, sm + 0x7f70, s->gdt.limit);
    pw(c, sm + 0x7f58, s->idt.base);
    pw(c, sm + 0x7f54, s->idt.limit);
    for (int i = 0; i < 6; i++) {
        pw(c, sm + 0x7fa8 + 4 * (uint32_t)i, s->segs[i].selector);
        pw(c, sm + seg_off(i) + 8, s->segs[i].base);
        pw(c, sm + seg_off(i) + 4, s->segs[i].limit);
        pw(c, sm + seg_off(i), (s->segs[i].flags >> 8) & 0xf0ff);
    }
    pw(c, sm + 0x7f14, s->cr[4]);
    pw(c, sm + 0x7efc, SMM_REVISION);
    pw(c, sm + 0x7ef8, s->smbase);
    s->msr_smi_count++;
    if (s->hflags2 & HF2_NMI)
        s->hflags2 |= HF2_SMM_INSIDE_NMI;
    else
        s->hflags2 |= HF2_NMI;
    c->lf.op = 0;
    s->eflags = 2;
    s->eip = c->next_eip = 0x8000;
    s->cr[0] &= ~(uint32_t)(CR0_PE | CR0_EM | CR0_TS | CR0_PG);
    s->cr[4] = 0;
    s->dr[7] = 0x400;
    uint32_t f = DESC_P | DESC_S | DESC_W | DESC_G | DESC_A;
    s->segs[R_CS] = (CpuSeg){ .selector = (s->smbase >> 4) & 0xffff, .base = s->smbase, .limit = 0xffffffffu, .flags = f };
    for (int i = 0; i < 6; i++)
        if (i != R_CS)
            s->segs[i] = (CpuSeg){ .selector = 0, .base = 0, .limit = 0xffffffffu, .flags = f };
    c->cpl = 0;
    c->shadow = false;
    for (int i = 0; i < 6; i++)
        seg_update(c, i);
    mode_update(c);
    dr_update(c);
    tlb_flush(c);
    c->exit_flags |= EXIT_AGAIN;
}

void op_rsm(Cpu *c, const Insn *i)
{
    CpuState *s = &c->s;
    if (!(s->hflags & HF_SMM))
        UD(c);
    uint32_t sm = s->smbase + 0x8000;
    s->cr[0] = pr(c, sm + 0x7ffc) | CR0_ET;
    s->cr[3] = pr(c, sm + 0x7ff8);
    c->lf.op = 0;
    s->eflags = (pr(c, sm + 0x7ff4) & 0x3f7fd5) | 2;
    s->eip = c->next_eip = pr(c, sm + 0x7ff0);
    for (int r = 0; r < 8; r++)
        s->regs[r] = pr(c, sm + 0x7fd0 + 4 * (uint32_t)r);
    s->dr[6] = pr(c, sm + 0x7fcc);
    s->dr[7] = pr(c, sm + 0x7fc8);
    s->tr = (CpuSeg){ .selector = pr(c, sm + 0x7fc4) & 0xffff, .base = pr(c, sm + 0x7f64),
                      .limit = pr(c, sm + 0x7f60), .flags = (pr(c, sm + 0x7f5c) & 0xf0ff) << 8 };
    s->ldt = (CpuSeg){ .selector = pr(c, sm + 0x7fc0) & 0xffff, .base = pr(c, sm + 0x7f80),
                       .limit = pr(c, sm + 0x7f7c), .flags = (pr(c, sm + 0x7f78) & 0xf0ff) << 8 };
    s->gdt.base = pr(c, sm + 0x7f74);
    s->gdt.limit = pr(c, sm + 0x7f70) & 0xffff;
    s->idt.base = pr(c, sm + 0x7f58);
    s->idt.limit = pr(c, sm + 0x7f54) & 0xffff;
    for (int k = 0; k < 6; k++)
        s->segs[k] = (CpuSeg){ .selector = pr(c, sm + 0x7fa8 + 4 * (uint32_t)k) & 0xffff,
                               .base = pr(c, sm + seg_off(k) + 8), .limit = pr(c, sm + seg_off(k) + 4),
                               .flags = (pr(c, sm + seg_off(k)) & 0xf0ff) << 8 };
    s->cr[4] = pr(c, sm + 0x7f14) & cpu_cr4_allowed(c);
    if (pr(c, sm + 0x7efc) & 0x20000)
        s->smbase = pr(c, sm + 0x7ef8);
    if (!(s->hflags2 & HF2_SMM_INSIDE_NMI))
        s->hflags2 &= ~HF2_NMI;
    s->hflags2 &= ~HF2_SMM_INSIDE_NMI;
    s->hflags &= ~HF_SMM;
    bool pe = s->cr[0] & CR0_PE;
    c->cpl = !pe ? 0 : (s->eflags & F_VM) ? 3 : (uint8_t)DESC_DPL(s->segs[R_SS].flags);
    if (c->smm_notify)
        c->smm_notify(c->smm_opaque, false);
    cpu_bus_touched(c);
    for (int k = 0; k < 6; k++)
        seg_update(c, k);
    mode_update(c);
    mmu_pdptes_reload(c);
    dr_update(c);
    tlb_flush(c);
    trace(TRACE_CPU, "cpu: RSM to %04x:%08x, SMBASE %#x", s->segs[R_CS].selector, s->eip, s->smbase);
    c->exit_flags |= EXIT_AGAIN;
}
