/* sys.c: segmentation and system instructions. Segment loads with every protected-mode
 * check, far JMP/CALL/RET through call gates with privilege change and stack switch,
 * interrupt/trap/task gates, IRET in real, protected and virtual-8086 forms, TSS task
 * switches (16- and 32-bit), the I/O permission bitmap, LLDT/LTR/LAR/LSL/VERR/VERW, the
 * CR0/CR3/CR4 setters, SYSENTER/SYSEXIT. Reference: Intel SDM vol. 3, chapters 3, 5, 6, 7
 * and 20; vol. 2 for each instruction. Not emulated: CR4.VME/PVI virtual interrupt flags,
 * I/O breakpoints (they need CR4.DE, which this CPU lacks), alignment checks (#AC). The
 * instructions on GDTR/IDTR, control, debug and model-specific registers and CPUID:
 * sysreg.c (the breakpoints DR0-DR3 and DR7 define: exec.c and mmu.c); SMM entry and RSM:
 * smm.c. */
#include "emu/cpu/cpu_int.h"

#define SEL_ERR(sel) ((uint32_t)(sel) & 0xfffc)

/* System descriptor types (DESC_TYPE with DESC_S clear; SDM vol. 3, table 3-2). In a TSS
 * or gate type, DESC_T_32 marks the 32-bit form; in a TSS, DESC_T_BUSY marks it busy; in
 * an interrupt or trap gate, DESC_T_TRAP marks a trap gate (IF is left as it was). */
enum {
    DESC_T_TSS16 = 1, DESC_T_LDT = 2, DESC_T_TSS16_BUSY = 3, DESC_T_CALL16 = 4,
    DESC_T_TASK = 5, DESC_T_INT16 = 6, DESC_T_TRAP16 = 7, DESC_T_TSS32 = 9,
    DESC_T_TSS32_BUSY = 11, DESC_T_CALL32 = 12, DESC_T_INT32 = 14, DESC_T_TRAP32 = 15,
    DESC_T_TRAP = 1, DESC_T_BUSY = 2, DESC_T_32 = 8,
};

/* ---- segment caches and mode (invariant 6) ---- */

static void seg_ranges(Cpu *c, int seg)
{
    const CpuSeg *s = &c->s.segs[seg];
    SegCache *sc = &c->sc[seg];
    sc->base = s->base;
    bool pe = c->s.cr[0] & CR0_PE, vm = c->s.eflags & F_VM;
    if (!pe || vm) {
        sc->rlo = sc->wlo = 0;
        sc->rhi = sc->whi = s->limit;
        return;
    }
    uint32_t f = s->flags;
    sc->rlo = sc->wlo = 1;
    sc->rhi = sc->whi = 0;          /* empty: the slow check raises the fault */
    if (!(f & DESC_P) || !(f & DESC_S))
        return;
    uint32_t lo = 0, hi = s->limit;
    if (!(f & DESC_CODE) && (f & DESC_E)) {
        lo = s->limit + 1;
        hi = (f & DESC_B) ? 0xffffffffu : 0xffff;
        if (s->limit >= hi) { lo = 1; hi = 0; }
    }
    if (!(f & DESC_CODE) || (f & DESC_R)) { sc->rlo = lo; sc->rhi = hi; }
    if (!(f & DESC_CODE) && (f & DESC_W)) { sc->wlo = lo; sc->whi = hi; }
}

void seg_update(Cpu *c, int seg)
{
    SegCache *sc = &c->sc[seg];
    seg_ranges(c, seg);
    sc->rall = sc->rlo == 0 && sc->rhi == 0xffffffffu;
    sc->wall = sc->wlo == 0 && sc->whi == 0xffffffffu;
    c->seg_flat[seg] = (uint8_t)((sc->rall && !sc->base ? SEG_FLAT_R : 0) |
                                 (sc->wall && !sc->base ? SEG_FLAT_W : 0));
    c->jit_flat = (c->seg_flat[R_DS] & c->seg_flat[R_ES] & c->seg_flat[R_SS]) ==
                  (SEG_FLAT_R | SEG_FLAT_W);
    if (seg == R_CS)
        chain_mode(c);      /* invariant 2 */
}

void chain_invalidate(Cpu *c)
{
    c->chain_epoch += 4;
    chain_mode(c);
}

void chain_mode(Cpu *c)
{
    const CpuSeg *cs = &c->s.segs[R_CS];
    if (cs->base == 0 && cs->limit == 0xffffffffu && (cs->flags & DESC_B)) {
        c->chain_gen = c->chain_epoch + c->user_tlb;
    } else {
        c->chain_epoch += 4;
        c->chain_gen = c->chain_epoch + 2;
    }
}

void mode_update(Cpu *c)
{
    c->pe = c->s.cr[0] & CR0_PE;
    c->v86 = c->pe && (c->s.eflags & F_VM);
    if (!c->pe) c->cpl = 0;
    else if (c->v86) c->cpl = 3;
    c->code32 = (c->s.segs[R_CS].flags & DESC_B) != 0;
    c->stack32 = (c->s.segs[R_SS].flags & DESC_B) != 0;
    c->paging = c->pe && (c->s.cr[0] & CR0_PG);
    c->user_tlb = c->paging && c->cpl == 3;
    c->tlb_rd = c->tlb[c->user_tlb * 2];
    c->tlb_wr = c->tlb[c->user_tlb * 2 + 1];
    chain_mode(c);          /* invariant 2 */
}

static void all_segs_update(Cpu *c)
{
    for (int s = 0; s < 6; s++)
        seg_update(c, s);
    mode_update(c);
}

void seg_load_real(Cpu *c, int seg, uint16_t sel)
{
    CpuSeg *s = &c->s.segs[seg];
    s->selector = sel;
    s->base = (uint32_t)sel << 4;
    seg_update(c, seg);
}

/* vm86 loads from IRET and task switches: limit 64 KiB, DPL 3 data. */
static void seg_load_vm86(Cpu *c, int seg, uint16_t sel)
{
    c->s.segs[seg] = (CpuSeg){ .selector = sel, .base = (uint32_t)sel << 4, .limit = 0xffff, .flags = 0xf300 };
    seg_update(c, seg);
}

static void seg_set(Cpu *c, int seg, uint16_t sel, uint32_t lo, uint32_t hi)
{
    CpuSeg *s = &c->s.segs[seg];
    s->selector = sel;
    s->base = (lo >> 16) | ((hi & 0xff) << 16) | (hi & 0xff000000u);
    uint32_t lim = (lo & 0xffff) | (hi & 0xf0000);
    s->limit = (hi & DESC_G) ? (lim << 12) | 0xfff : lim;
    s->flags = hi;
    seg_update(c, seg);
}

static void seg_null(Cpu *c, int seg, uint16_t sel)
{
    c->s.segs[seg] = (CpuSeg){ .selector = sel };
    seg_update(c, seg);
}

/* Descriptor of sel from the GDT or LDT; false when outside the table limit. */
static bool desc_read(Cpu *c, uint16_t sel, uint32_t *lo, uint32_t *hi)
{
    const CpuSeg *t = (sel & 4) ? &c->s.ldt : &c->s.gdt;
    uint32_t idx = sel & ~7u;
    if ((sel & 4) && !(t->flags & DESC_P) && (t->selector & ~3u) == 0)
        return false;
    if (idx + 7 > t->limit)
        return false;
    *lo = sys_read(c, t->base + idx, 4);
    *hi = sys_read(c, t->base + idx + 4, 4);
    return true;
}

static void desc_set_accessed(Cpu *c, uint16_t sel, uint32_t *hi)
{
    if (*hi & DESC_A)
        return;
    const CpuSeg *t = (sel & 4) ? &c->s.ldt : &c->s.gdt;
    *hi |= DESC_A;
    sys_write(c, t->base + (sel & ~7u) + 4, *hi, 4);
}

static uint32_t desc_base(uint32_t lo, uint32_t hi) { return (lo >> 16) | ((hi & 0xff) << 16) | (hi & 0xff000000u); }
static uint32_t desc_limit(uint32_t lo, uint32_t hi)
{
    uint32_t lim = (lo & 0xffff) | (hi & 0xf0000);
    return (hi & DESC_G) ? (lim << 12) | 0xfff : lim;
}

void seg_load(Cpu *c, int seg, uint16_t sel)
{
    if (!c->pe || c->v86) {
        seg_load_real(c, seg, sel);
        if (seg == R_SS) mode_update(c);
        return;
    }
    if (!(sel & ~3u)) {
        if (seg == R_SS)
            GP0(c);
        seg_null(c, seg, sel);
        return;
    }
    uint32_t lo, hi;
    if (!desc_read(c, sel, &lo, &hi))
        cpu_raise(c, EXC_GP, SEL_ERR(sel));
    unsigned rpl = sel & 3, dpl = DESC_DPL(hi);
    if (seg == R_SS) {
        if (rpl != c->cpl || dpl != c->cpl || !(hi & DESC_S) || (hi & DESC_CODE) || !(hi & DESC_W))
            cpu_raise(c, EXC_GP, SEL_ERR(sel));
        if (!(hi & DESC_P))
            cpu_raise(c, EXC_SS, SEL_ERR(sel));
    } else {
        if (!(hi & DESC_S) || ((hi & DESC_CODE) && !(hi & DESC_R)))
            cpu_raise(c, EXC_GP, SEL_ERR(sel));
        if (!((hi & DESC_CODE) && (hi & DESC_C)) && (dpl < c->cpl || dpl < rpl))
            cpu_raise(c, EXC_GP, SEL_ERR(sel));
        if (!(hi & DESC_P))
            cpu_raise(c, EXC_NP, SEL_ERR(sel));
    }
    desc_set_accessed(c, sel, &hi);
    seg_set(c, seg, sel, lo, hi);
    if (seg == R_SS)
        mode_update(c);
}

static void set_cs(Cpu *c, uint16_t sel, uint32_t lo, uint32_t hi, unsigned cpl)
{
    seg_set(c, R_CS, (uint16_t)((sel & ~3u) | cpl), lo, hi);
    c->cpl = (uint8_t)cpl;
    mode_update(c);
}

/* Data segment registers that the new (outer) privilege level may not use become null. */
static void validate_segs(Cpu *c)
{
    static const int segs[4] = { R_ES, R_DS, R_FS, R_GS };
    for (int k = 0; k < 4; k++) {
        CpuSeg *s = &c->s.segs[segs[k]];
        uint32_t f = s->flags;
        bool conf_code = (f & DESC_CODE) && (f & DESC_C);
        if ((s->selector & ~3u) && !conf_code && DESC_DPL(f) < c->cpl)
            seg_null(c, segs[k], 0);
        else if (!(s->selector & ~3u) && (f & DESC_P) && c->pe && DESC_DPL(f) < c->cpl)
            seg_null(c, segs[k], 0);
    }
}

/* ---- TSS helpers ---- */

static void tss_stack(Cpu *c, unsigned dpl, uint16_t *ss, uint32_t *esp)
{
    bool t32 = DESC_TYPE(c->s.tr.flags) & DESC_T_32;
    uint32_t off = t32 ? dpl * 8 + 4 : dpl * 4 + 2;
    uint32_t n = t32 ? 8 : 4;
    if (off + n - 1 > c->s.tr.limit)
        cpu_raise(c, EXC_TS, SEL_ERR(c->s.tr.selector));
    if (t32) {
        *esp = sys_read(c, c->s.tr.base + off, 4);
        *ss = (uint16_t)sys_read(c, c->s.tr.base + off + 4, 2);
    } else {
        *esp = sys_read(c, c->s.tr.base + off, 2);
        *ss = (uint16_t)sys_read(c, c->s.tr.base + off + 2, 2);
    }
}

/* Checks for a new inner stack segment (call gates, interrupts); raises #TS/#SS. */
static void check_new_ss(Cpu *c, uint16_t ss, unsigned dpl, uint32_t *lo, uint32_t *hi)
{
    if (!(ss & ~3u))
        cpu_raise(c, EXC_TS, 0);
    if ((ss & 3) != dpl || !desc_read(c, ss, lo, hi))
        cpu_raise(c, EXC_TS, SEL_ERR(ss));
    if (DESC_DPL(*hi) != dpl || !(*hi & DESC_S) || (*hi & DESC_CODE) || !(*hi & DESC_W))
        cpu_raise(c, EXC_TS, SEL_ERR(ss));
    if (!(*hi & DESC_P))
        cpu_raise(c, EXC_SS, SEL_ERR(ss));
}

/* Writes on a stack not yet loaded: base, mask, running offset, privilege of the access. */
typedef struct NewStack { uint32_t base, mask, sp; bool user; } NewStack;
static void ns_push(Cpu *c, NewStack *s, uint32_t v, unsigned n)
{
    s->sp -= n;
    uint32_t lin = s->base + (s->sp & s->mask);
    if (s->user && c->paging) mmu_write_slow(c, lin, v, n, true);
    else if (!c->paging) sys_write(c, lin, v, n);
    else mmu_write_slow(c, lin, v, n, false);
}
static void set_esp_masked(Cpu *c, uint32_t v, uint32_t mask)
{
    c->s.regs[R_ESP] = (c->s.regs[R_ESP] & ~mask) | (v & mask);
}

/* ---- task switch ---- */

enum { TS_JMP, TS_CALL, TS_IRET, TS_INT };

/* The last step of a task switch: the new task's LDT, then (outside virtual-8086 mode) CS,
 * SS and the data segments from its selectors, each checked as the SDM's task-switch list
 * says (#TS on a bad selector, #NP / #SS when not present); faults belong to the new task. */
static void task_load_segs(Cpu *c, uint32_t nldt, const uint32_t nsegs[6])
{
    if (nldt & ~3u) {
        uint32_t llo, lhi;
        if ((nldt & 4) || !desc_read(c, (uint16_t)nldt, &llo, &lhi) || (lhi & DESC_S) || DESC_TYPE(lhi) != DESC_T_LDT)
            cpu_raise(c, EXC_TS, SEL_ERR(nldt));
        if (!(lhi & DESC_P))
            cpu_raise(c, EXC_TS, SEL_ERR(nldt));
        c->s.ldt = (CpuSeg){ .selector = nldt, .base = desc_base(llo, lhi), .limit = desc_limit(llo, lhi), .flags = lhi };
    }
    if (!(c->s.eflags & F_VM)) {
        /* CS first, then SS, then data segments, each with #TS on a bad selector */
        uint16_t cs = (uint16_t)nsegs[R_CS];
        uint32_t clo, chi;
        if (!(cs & ~3u) || !desc_read(c, cs, &clo, &chi) || !(chi & DESC_S) || !(chi & DESC_CODE))
            cpu_raise(c, EXC_TS, SEL_ERR(cs));
        if (((chi & DESC_C) ? DESC_DPL(chi) > (cs & 3u) : DESC_DPL(chi) != (cs & 3u)))
            cpu_raise(c, EXC_TS, SEL_ERR(cs));
        if (!(chi & DESC_P))
            cpu_raise(c, EXC_NP, SEL_ERR(cs));
        desc_set_accessed(c, cs, &chi);
        set_cs(c, cs, clo, chi, cs & 3);
        uint16_t ss = (uint16_t)nsegs[R_SS];
        uint32_t slo, shi;
        if (!(ss & ~3u) || (ss & 3u) != c->cpl || !desc_read(c, ss, &slo, &shi) ||
            DESC_DPL(shi) != c->cpl || !(shi & DESC_S) || (shi & DESC_CODE) || !(shi & DESC_W))
            cpu_raise(c, EXC_TS, SEL_ERR(ss));
        if (!(shi & DESC_P))
            cpu_raise(c, EXC_SS, SEL_ERR(ss));
        desc_set_accessed(c, ss, &shi);
        seg_set(c, R_SS, ss, slo, shi);
        static const int ds[4] = { R_ES, R_DS, R_FS, R_GS };
        for (int k = 0; k < 4; k++) {
            uint16_t s = (uint16_t)nsegs[ds[k]];
            if (!(s & ~3u)) { seg_null(c, ds[k], s); continue; }
            uint32_t dlo, dhi;
            if (!desc_read(c, s, &dlo, &dhi) || !(dhi & DESC_S) || ((dhi & DESC_CODE) && !(dhi & DESC_R)))
                cpu_raise(c, EXC_TS, SEL_ERR(s));
            if (!((dhi & DESC_CODE) && (dhi & DESC_C)) && (DESC_DPL(dhi) < c->cpl || DESC_DPL(dhi) < (s & 3u)))
                cpu_raise(c, EXC_TS, SEL_ERR(s));
            if (!(dhi & DESC_P))
                cpu_raise(c, EXC_NP, SEL_ERR(s));
            desc_set_accessed(c, s, &dhi);
            seg_set(c, ds[k], s, dlo, dhi);
        }
    }
}

static void task_switch(Cpu *c, uint16_t sel, uint32_t lo, uint32_t hi, int src, uint32_t next_eip,
                        bool has_code, uint32_t code)
{
    unsigned type = DESC_TYPE(hi);
    if (src == TS_IRET ? !(type == DESC_T_TSS16_BUSY || type == DESC_T_TSS32_BUSY)
                       : !(type == DESC_T_TSS16 || type == DESC_T_TSS32))
        cpu_raise(c, EXC_GP, SEL_ERR(sel));
    if (!(hi & DESC_P))
        cpu_raise(c, EXC_NP, SEL_ERR(sel));
    bool n32 = type & DESC_T_32;
    uint32_t nbase = desc_base(lo, hi), nlimit = desc_limit(lo, hi);
    if (nlimit < (n32 ? 103u : 43u))
        cpu_raise(c, EXC_TS, SEL_ERR(sel));
    trace(TRACE_CPU, "cpu: task switch to %#x (%s)", sel, src == TS_JMP ? "jmp" : src == TS_CALL ? "call" : src == TS_IRET ? "iret" : "int");
    /* read the new state first */
    uint32_t ncr3 = 0, neip, nfl, nregs[8], nsegs[6], nldt;
    if (n32) {
        ncr3 = sys_read(c, nbase + 0x1c, 4);
        neip = sys_read(c, nbase + 0x20, 4);
        nfl = sys_read(c, nbase + 0x24, 4);
        for (int r = 0; r < 8; r++) nregs[r] = sys_read(c, nbase + 0x28 + 4 * r, 4);
        for (int s = 0; s < 6; s++) nsegs[s] = sys_read(c, nbase + 0x48 + 4 * s, 2);
        nldt = sys_read(c, nbase + 0x60, 2);
    } else {
        neip = sys_read(c, nbase + 0x0e, 2);
        nfl = sys_read(c, nbase + 0x10, 2);
        for (int r = 0; r < 8; r++) nregs[r] = 0xffff0000u | sys_read(c, nbase + 0x12 + 2 * r, 2);
        for (int s = 0; s < 4; s++) nsegs[s] = sys_read(c, nbase + 0x22 + 2 * s, 2);
        nsegs[R_FS] = nsegs[R_GS] = 0;
        nldt = sys_read(c, nbase + 0x2a, 2);
    }
    /* check the old TSS can be written, then save the current state into it */
    const CpuSeg *otr = &c->s.tr;
    bool o32 = DESC_TYPE(otr->flags) & DESC_T_32;
    if (otr->limit < (o32 ? 103u : 43u))
        cpu_raise(c, EXC_TS, SEL_ERR(otr->selector));
    uint32_t fl = flags_get(c);
    if (src == TS_IRET) fl &= ~F_NT;
    if (o32) {
        sys_write(c, otr->base + 0x20, next_eip, 4);
        sys_write(c, otr->base + 0x24, fl, 4);
        for (int r = 0; r < 8; r++) sys_write(c, otr->base + 0x28 + 4 * r, c->s.regs[r], 4);
        for (int s = 0; s < 6; s++) sys_write(c, otr->base + 0x48 + 4 * s, c->s.segs[s].selector, 2);
    } else {
        sys_write(c, otr->base + 0x0e, next_eip, 2);
        sys_write(c, otr->base + 0x10, fl, 2);
        for (int r = 0; r < 8; r++) sys_write(c, otr->base + 0x12 + 2 * r, c->s.regs[r], 2);
        for (int s = 0; s < 4; s++) sys_write(c, otr->base + 0x22 + 2 * s, c->s.segs[s].selector, 2);
    }
    /* busy bits and back link */
    if (src == TS_JMP || src == TS_IRET) {
        uint32_t olo, ohi;
        if (desc_read(c, (uint16_t)otr->selector, &olo, &ohi))
            sys_write(c, c->s.gdt.base + (otr->selector & ~7u) + 4, ohi & ~((uint32_t)DESC_T_BUSY << 8), 4);
    }
    if (src == TS_CALL || src == TS_INT) {
        sys_write(c, nbase, otr->selector, 2);
        nfl |= F_NT;
    }
    if (src != TS_IRET) {
        hi |= (uint32_t)DESC_T_BUSY << 8;
        sys_write(c, c->s.gdt.base + (sel & ~7u) + 4, hi, 4);
    }
    /* load the new task: from here on faults belong to the new task */
    c->s.tr = (CpuSeg){ .selector = sel, .base = nbase, .limit = nlimit, .flags = hi };
    c->s.cr[0] |= CR0_TS;
    if (c->s.dr[7] & 0x55) {   /* the local breakpoint enables L0-L3 belong to the old task */
        c->s.dr[7] &= ~0x55u;
        dr_update(c);
    }
    if (n32 && (c->s.cr[0] & CR0_PG) && ncr3 != c->s.cr[3])
        cpu_set_cr3(c, ncr3);
    c->lf.op = 0;
    c->s.eflags = (nfl & 0x3f7fd5) | 2;
    if (!n32) c->s.eflags &= 0xffff;
    dbg_sync(c);
    for (int r = 0; r < 8; r++)
        c->s.regs[r] = n32 ? nregs[r] : (c->s.regs[r] & 0xffff0000u) | (nregs[r] & 0xffff);
    c->s.eip = c->next_eip = n32 ? neip : (neip & 0xffff);
    /* LDT */
    c->s.ldt = (CpuSeg){ .selector = nldt };
    for (int s = 0; s < 6; s++)
        c->s.segs[s].selector = nsegs[s];
    if (c->s.eflags & F_VM) {
        c->cpl = 3;
        for (int s = 0; s < 6; s++)
            seg_load_vm86(c, s, (uint16_t)nsegs[s]);
    } else {
        c->cpl = nsegs[R_CS] & 3;
    }
    mode_update(c);
    task_load_segs(c, nldt, nsegs);
    mode_update(c);
    tlb_flush(c);
    c->exit_flags |= EXIT_AGAIN;
    if (c->s.eip > c->s.segs[R_CS].limit)
        GP0(c);
    if (has_code) {
        unsigned n = n32 ? 4 : 2;
        push(c, code, n);
    }
}

/* ---- far transfers ---- */


/* A far JMP or CALL whose selector names an available TSS or a task gate: present check,
 * the gate's TSS selector checked, then the task switch. */
static void far_to_task(Cpu *c, uint16_t sel, uint32_t lo, uint32_t hi, int how)
{
    if (!(hi & DESC_P))
        cpu_raise(c, EXC_NP, SEL_ERR(sel));
    if (DESC_TYPE(hi) == DESC_T_TASK) {
        uint16_t tsel = (uint16_t)(lo >> 16);
        uint32_t tlo, thi;
        if ((tsel & 4) || !desc_read(c, tsel, &tlo, &thi) || (thi & DESC_S))
            cpu_raise(c, EXC_GP, SEL_ERR(tsel));
        task_switch(c, tsel, tlo, thi, how, c->next_eip, false, 0);
    } else {
        task_switch(c, sel, lo, hi, how, c->next_eip, false, 0);
    }
}
/* The descriptor a protected-mode far JMP or CALL names: true for a code segment that
 * passed every check for a direct transfer to off (the caller loads CS), false for a system
 * descriptor whose DPL admits the caller (a gate or TSS, dispatched by type). */
static bool far_code_target(Cpu *c, uint16_t sel, uint32_t off, uint32_t *lo, uint32_t *hi)
{
    if (!(sel & ~3u))
        GP0(c);
    if (!desc_read(c, sel, lo, hi))
        cpu_raise(c, EXC_GP, SEL_ERR(sel));
    unsigned dpl = DESC_DPL(*hi), rpl = sel & 3;
    if (!(*hi & DESC_S)) {
        if (dpl < c->cpl || dpl < rpl)
            cpu_raise(c, EXC_GP, SEL_ERR(sel));
        return false;
    }
    if (!(*hi & DESC_CODE))
        cpu_raise(c, EXC_GP, SEL_ERR(sel));
    if ((*hi & DESC_C) ? dpl > c->cpl : (rpl > c->cpl || dpl != c->cpl))
        cpu_raise(c, EXC_GP, SEL_ERR(sel));
    if (!(*hi & DESC_P))
        cpu_raise(c, EXC_NP, SEL_ERR(sel));
    if (off > desc_limit(*lo, *hi))
        GP0(c);
    return true;
}

/* The code segment a call gate leads to. */
typedef struct GateTarget {
    uint16_t sel;          /* the gate's code segment selector */
    uint32_t off;          /* the gate's entry offset */
    uint32_t lo, hi;       /* the code segment's descriptor */
    bool g32;              /* a 32-bit gate: CALL pushes 4-byte values */
    unsigned params;       /* CALL: stack words copied on a privilege change */
} GateTarget;

/* The system descriptor (lo, hi) a protected-mode far JMP or CALL (how) names, once
 * far_code_target has checked its DPL: a TSS or task gate switches tasks and returns false;
 * a call gate and its code segment are checked (SDM vol. 2, JMP and CALL) and *g filled,
 * true; the caller checks the offset against the limit and transfers. A JMP keeps CPL, so
 * the code segment's DPL must equal CPL (at most CPL when conforming); a CALL takes any
 * DPL up to CPL (more privileged and not conforming: a stack switch). */
static bool far_gate(Cpu *c, uint16_t sel, uint32_t lo, uint32_t hi, int how, GateTarget *g)
{
    unsigned type = DESC_TYPE(hi);
    if (type == DESC_T_TSS16 || type == DESC_T_TSS32 || type == DESC_T_TASK) {
        far_to_task(c, sel, lo, hi, how);
        return false;
    }
    if (type != DESC_T_CALL16 && type != DESC_T_CALL32)
        cpu_raise(c, EXC_GP, SEL_ERR(sel));
    if (!(hi & DESC_P))
        cpu_raise(c, EXC_NP, SEL_ERR(sel));
    g->g32 = type == DESC_T_CALL32;
    g->params = hi & 31;
    g->sel = (uint16_t)(lo >> 16);
    g->off = g->g32 ? (hi & 0xffff0000u) | (lo & 0xffff) : (lo & 0xffff);
    if (!(g->sel & ~3u))
        GP0(c);
    if (!desc_read(c, g->sel, &g->lo, &g->hi) || !(g->hi & DESC_S) || !(g->hi & DESC_CODE))
        cpu_raise(c, EXC_GP, SEL_ERR(g->sel));
    unsigned dpl = DESC_DPL(g->hi);
    if (dpl > c->cpl || (how == TS_JMP && !(g->hi & DESC_C) && dpl != c->cpl))
        cpu_raise(c, EXC_GP, SEL_ERR(g->sel));
    if (!(g->hi & DESC_P))
        cpu_raise(c, EXC_NP, SEL_ERR(g->sel));
    return true;
}

void far_jump(Cpu *c, uint16_t sel, uint32_t off, bool o32)
{
    if (!o32) off &= 0xffff;
    if (!c->pe || c->v86) {
        if (off > c->s.segs[R_CS].limit && c->pe)
            GP0(c);
        seg_load_real(c, R_CS, sel);
        mode_update(c);
        c->next_eip = off;
        return;
    }
    uint32_t lo, hi;
    if (far_code_target(c, sel, off, &lo, &hi)) {
        desc_set_accessed(c, sel, &hi);
        set_cs(c, sel, lo, hi, c->cpl);
        c->next_eip = off;
        return;
    }
    GateTarget g;
    if (!far_gate(c, sel, lo, hi, TS_JMP, &g))
        return;
    if (g.off > desc_limit(g.lo, g.hi))
        GP0(c);
    desc_set_accessed(c, g.sel, &g.hi);
    set_cs(c, g.sel, g.lo, g.hi, c->cpl);
    c->next_eip = g.off;
}

void far_call(Cpu *c, uint16_t sel, uint32_t off, bool o32)
{
    unsigned n = o32 ? 4 : 2;
    if (!o32) off &= 0xffff;
    if (!c->pe || c->v86) {
        uint32_t sp = R(c, R_ESP), m = sp_mask(c);
        wrn(c, R_SS, (sp - n) & m, c->s.segs[R_CS].selector, n);
        wrn(c, R_SS, (sp - 2 * n) & m, c->next_eip, n);
        set_sp(c, sp - 2 * n);
        seg_load_real(c, R_CS, sel);
        mode_update(c);
        c->next_eip = off;
        return;
    }
    uint32_t lo, hi;
    if (far_code_target(c, sel, off, &lo, &hi)) {
        uint32_t sp = R(c, R_ESP), m = sp_mask(c);
        wrn(c, R_SS, (sp - n) & m, c->s.segs[R_CS].selector, n);
        wrn(c, R_SS, (sp - 2 * n) & m, c->next_eip, n);
        desc_set_accessed(c, sel, &hi);
        set_sp(c, sp - 2 * n);
        set_cs(c, sel, lo, hi, c->cpl);
        c->next_eip = off;
        return;
    }
    GateTarget g;
    if (!far_gate(c, sel, lo, hi, TS_CALL, &g))
        return;
    unsigned gn = g.g32 ? 4 : 2, cdpl = DESC_DPL(g.hi);
    if (!(g.hi & DESC_C) && cdpl < c->cpl) {
        /* more privileged: stack switch, parameters copied */
        uint16_t nss;
        uint32_t nesp, slo, shi;
        tss_stack(c, cdpl, &nss, &nesp);
        check_new_ss(c, nss, cdpl, &slo, &shi);
        NewStack st = { desc_base(slo, shi), (shi & DESC_B) ? 0xffffffffu : 0xffff, nesp, cdpl == 3 };
        uint32_t osp = R(c, R_ESP), om = sp_mask(c);
        ns_push(c, &st, c->s.segs[R_SS].selector, gn);
        ns_push(c, &st, osp, gn);
        for (int k = (int)g.params - 1; k >= 0; k--)
            ns_push(c, &st, rdn(c, R_SS, (osp + (uint32_t)k * gn) & om, gn), gn);
        ns_push(c, &st, c->s.segs[R_CS].selector, gn);
        ns_push(c, &st, c->next_eip, gn);
        if (g.off > desc_limit(g.lo, g.hi))
            GP0(c);
        desc_set_accessed(c, nss, &shi);
        seg_set(c, R_SS, nss, slo, shi);
        desc_set_accessed(c, g.sel, &g.hi);
        set_cs(c, g.sel, g.lo, g.hi, cdpl);
        set_esp_masked(c, st.sp, st.mask);
    } else {
        uint32_t sp = R(c, R_ESP), m = sp_mask(c);
        if (g.off > desc_limit(g.lo, g.hi))
            GP0(c);
        wrn(c, R_SS, (sp - gn) & m, c->s.segs[R_CS].selector, gn);
        wrn(c, R_SS, (sp - 2 * gn) & m, c->next_eip, gn);
        set_sp(c, sp - 2 * gn);
        desc_set_accessed(c, g.sel, &g.hi);
        set_cs(c, g.sel, g.lo, g.hi, c->cpl);
    }
    c->next_eip = g.off;
}

void far_ret(Cpu *c, bool o32, uint16_t imm)
{
    unsigned n = o32 ? 4 : 2;
    uint32_t m = sp_mask(c), sp = R(c, R_ESP);
    uint32_t off = rdn(c, R_SS, sp & m, n);
    uint16_t sel = (uint16_t)rdn(c, R_SS, (sp + n) & m, n);
    if (!c->pe || c->v86) {
        seg_load_real(c, R_CS, sel);
        mode_update(c);
        set_sp(c, sp + 2 * n + imm);
        c->next_eip = off;
        return;
    }
    if (!(sel & ~3u))
        GP0(c);
    uint32_t lo, hi;
    unsigned rpl = sel & 3;
    if (!desc_read(c, sel, &lo, &hi))
        cpu_raise(c, EXC_GP, SEL_ERR(sel));
    if (rpl < c->cpl || !(hi & DESC_S) || !(hi & DESC_CODE) ||
        ((hi & DESC_C) ? DESC_DPL(hi) > rpl : DESC_DPL(hi) != rpl))
        cpu_raise(c, EXC_GP, SEL_ERR(sel));
    if (!(hi & DESC_P))
        cpu_raise(c, EXC_NP, SEL_ERR(sel));
    if (rpl == c->cpl) {
        if (off > desc_limit(lo, hi))
            GP0(c);
        desc_set_accessed(c, sel, &hi);
        set_cs(c, sel, lo, hi, rpl);
        set_sp(c, sp + 2 * n + imm);
        c->next_eip = off;
        return;
    }
    uint32_t nesp = rdn(c, R_SS, (sp + 2 * n + imm) & m, n);
    uint16_t nss = (uint16_t)rdn(c, R_SS, (sp + 3 * n + imm) & m, n);
    uint32_t slo, shi;
    if (!(nss & ~3u))
        GP0(c);
    if ((nss & 3) != rpl || !desc_read(c, nss, &slo, &shi) || DESC_DPL(shi) != rpl ||
        !(shi & DESC_S) || (shi & DESC_CODE) || !(shi & DESC_W))
        cpu_raise(c, EXC_GP, SEL_ERR(nss));
    if (!(shi & DESC_P))
        cpu_raise(c, EXC_SS, SEL_ERR(nss));
    if (off > desc_limit(lo, hi))
        GP0(c);
    desc_set_accessed(c, sel, &hi);
    desc_set_accessed(c, nss, &shi);
    set_cs(c, sel, lo, hi, rpl);
    seg_set(c, R_SS, nss, slo, shi);
    mode_update(c);
    if (!o32) nesp &= 0xffff;
    set_esp_masked(c, nesp + imm, sp_mask(c));
    validate_segs(c);
    c->next_eip = off;
}

/* ---- interrupts ---- */

static void int_real(Cpu *c, int vec, uint32_t ret_eip)
{
    uint32_t idx = (uint32_t)vec * 4;
    if (idx + 3 > c->s.idt.limit)
        GP0(c);
    uint32_t ent = sys_read(c, c->s.idt.base + idx, 4);
    uint32_t sp = R(c, R_ESP), m = sp_mask(c);
    wrn(c, R_SS, (sp - 2) & m, flags_get(c), 2);
    wrn(c, R_SS, (sp - 4) & m, c->s.segs[R_CS].selector, 2);
    wrn(c, R_SS, (sp - 6) & m, ret_eip, 2);
    set_sp(c, sp - 6);
    c->s.eflags &= ~(F_IF | F_TF | F_AC | F_RF);
    seg_load_real(c, R_CS, (uint16_t)(ent >> 16));
    mode_update(c);
    c->s.eip = c->next_eip = ent & 0xffff;
}

void do_interrupt(Cpu *c, int vec, bool has_code, uint32_t code, uint32_t ret_eip, bool soft)
{
    c->exit_flags |= EXIT_AGAIN;
    if (!c->pe) {
        int_real(c, vec, ret_eip);
        return;
    }
    uint32_t ext = soft ? 0 : 1;
    uint32_t idx = (uint32_t)vec * 8;
    if (idx + 7 > c->s.idt.limit)
        cpu_raise(c, EXC_GP, idx + 2 + ext);
    uint32_t lo = sys_read(c, c->s.idt.base + idx, 4), hi = sys_read(c, c->s.idt.base + idx + 4, 4);
    unsigned type = DESC_TYPE(hi), dpl = DESC_DPL(hi);
    if ((hi & DESC_S) || !(type == DESC_T_TASK || type == DESC_T_INT16 || type == DESC_T_TRAP16 ||
                           type == DESC_T_INT32 || type == DESC_T_TRAP32))
        cpu_raise(c, EXC_GP, idx + 2 + ext);
    if (soft && dpl < c->cpl)
        cpu_raise(c, EXC_GP, idx + 2);
    if (!(hi & DESC_P))
        cpu_raise(c, EXC_NP, idx + 2 + ext);
    if (type == DESC_T_TASK) {
        uint16_t tsel = (uint16_t)(lo >> 16);
        uint32_t tlo, thi;
        if ((tsel & 4) || !desc_read(c, tsel, &tlo, &thi) || (thi & DESC_S))
            cpu_raise(c, EXC_TS, SEL_ERR(tsel) + ext);
        c->next_eip = ret_eip;
        task_switch(c, tsel, tlo, thi, TS_INT, ret_eip, has_code, code);
        return;
    }
    bool g32 = type & DESC_T_32;
    unsigned gn = g32 ? 4 : 2;
    uint16_t sel = (uint16_t)(lo >> 16);
    uint32_t off = g32 ? (hi & 0xffff0000u) | (lo & 0xffff) : (lo & 0xffff);
    if (!(sel & ~3u))
        cpu_raise(c, EXC_GP, ext);
    uint32_t clo, chi;
    if (!desc_read(c, sel, &clo, &chi) || !(chi & DESC_S) || !(chi & DESC_CODE) || DESC_DPL(chi) > c->cpl)
        cpu_raise(c, EXC_GP, SEL_ERR(sel) + ext);
    if (!(chi & DESC_P))
        cpu_raise(c, EXC_NP, SEL_ERR(sel) + ext);
    unsigned cdpl = DESC_DPL(chi);
    uint32_t fl = flags_get(c);
    if (!(chi & DESC_C) && cdpl < c->cpl) {
        if (c->v86 && cdpl != 0)
            cpu_raise(c, EXC_GP, SEL_ERR(sel));
        uint16_t nss;
        uint32_t nesp, slo, shi;
        tss_stack(c, cdpl, &nss, &nesp);
        check_new_ss(c, nss, cdpl, &slo, &shi);
        NewStack st = { desc_base(slo, shi), (shi & DESC_B) ? 0xffffffffu : 0xffff, nesp, cdpl == 3 };
        if (c->v86) {   /* the data segments too, in the gate's size (a 286 gate: words) */
            ns_push(c, &st, c->s.segs[R_GS].selector, gn);
            ns_push(c, &st, c->s.segs[R_FS].selector, gn);
            ns_push(c, &st, c->s.segs[R_DS].selector, gn);
            ns_push(c, &st, c->s.segs[R_ES].selector, gn);
        }
        ns_push(c, &st, c->s.segs[R_SS].selector, gn);
        ns_push(c, &st, R(c, R_ESP), gn);
        ns_push(c, &st, fl, gn);
        ns_push(c, &st, c->s.segs[R_CS].selector, gn);
        ns_push(c, &st, ret_eip, gn);
        if (has_code)
            ns_push(c, &st, code, gn);
        if (off > desc_limit(clo, chi))
            GP0(c);
        bool was_v86 = c->v86;
        desc_set_accessed(c, nss, &shi);
        c->s.eflags &= ~(F_TF | F_VM | F_RF | F_NT | ((type & DESC_T_TRAP) ? 0 : F_IF));
        seg_set(c, R_SS, nss, slo, shi);
        desc_set_accessed(c, sel, &chi);
        set_cs(c, sel, clo, chi, cdpl);
        set_esp_masked(c, st.sp, st.mask);
        if (was_v86) {
            seg_null(c, R_ES, 0); seg_null(c, R_DS, 0); seg_null(c, R_FS, 0); seg_null(c, R_GS, 0);
        }
    } else if ((chi & DESC_C) || cdpl == c->cpl) {
        if (c->v86)
            cpu_raise(c, EXC_GP, SEL_ERR(sel));
        uint32_t sp = R(c, R_ESP), m = sp_mask(c);
        unsigned k = 0;
        wrn(c, R_SS, (sp - ++k * gn) & m, fl, gn);
        wrn(c, R_SS, (sp - ++k * gn) & m, c->s.segs[R_CS].selector, gn);
        wrn(c, R_SS, (sp - ++k * gn) & m, ret_eip, gn);
        if (has_code)
            wrn(c, R_SS, (sp - ++k * gn) & m, code, gn);
        if (off > desc_limit(clo, chi))
            GP0(c);
        set_sp(c, sp - k * gn);
        c->s.eflags &= ~(F_TF | F_VM | F_RF | F_NT | ((type & DESC_T_TRAP) ? 0 : F_IF));
        desc_set_accessed(c, sel, &chi);
        set_cs(c, sel, clo, chi, c->cpl);
    } else {
        cpu_raise(c, EXC_GP, SEL_ERR(sel) + ext);
    }
    all_segs_update(c);
    c->s.eip = c->next_eip = off;
}

/* EFLAGS written by POPF and IRET: which bits the current privilege may change. */
static uint32_t popf_mask(Cpu *c, bool o32)
{
    uint32_t m = F_ARITH | F_TF | F_DF | F_NT;
    unsigned iopl = (c->s.eflags >> 12) & 3;
    if (o32) m |= F_AC | F_ID;
    if (!c->pe || c->cpl == 0) m |= F_IOPL;
    if (!c->pe || c->cpl <= iopl) m |= F_IF;
    if (!o32) m &= 0xffff;
    return m;
}

void do_iret(Cpu *c, bool o32)
{
    unsigned n = o32 ? 4 : 2;
    uint32_t m = sp_mask(c), sp = R(c, R_ESP);
    if (!c->pe || c->v86) {
        if (c->v86 && ((c->s.eflags >> 12) & 3) < 3)
            GP0(c);
        uint32_t off = rdn(c, R_SS, sp & m, n);
        uint16_t sel = (uint16_t)rdn(c, R_SS, (sp + n) & m, n);
        uint32_t fl = rdn(c, R_SS, (sp + 2 * n) & m, n);
        if (!o32) off &= 0xffff;
        if (off > c->s.segs[R_CS].limit)
            GP0(c);
        seg_load_real(c, R_CS, sel);
        set_sp(c, sp + 3 * n);
        uint32_t mask = popf_mask(c, o32);
        if (c->v86) mask &= ~F_IOPL;
        flags_set(c, fl, mask);
        mode_update(c);
        c->next_eip = off;
        return;
    }
    if (c->s.eflags & F_NT) {
        uint16_t link = (uint16_t)sys_read(c, c->s.tr.base, 2);
        uint32_t lo, hi;
        if ((link & 4) || !desc_read(c, link, &lo, &hi) || (hi & DESC_S))
            cpu_raise(c, EXC_TS, SEL_ERR(link));
        task_switch(c, link, lo, hi, TS_IRET, c->next_eip, false, 0);
        return;
    }
    uint32_t off = rdn(c, R_SS, sp & m, n);
    uint16_t sel = (uint16_t)rdn(c, R_SS, (sp + n) & m, n);
    uint32_t fl = rdn(c, R_SS, (sp + 2 * n) & m, n);
    if (o32 && (fl & F_VM) && c->cpl == 0) {
        /* return to virtual-8086 mode */
        uint32_t nesp = rdn(c, R_SS, (sp + 12) & m, 4);
        uint16_t nss = (uint16_t)rdn(c, R_SS, (sp + 16) & m, 4);
        uint16_t es = (uint16_t)rdn(c, R_SS, (sp + 20) & m, 4), ds = (uint16_t)rdn(c, R_SS, (sp + 24) & m, 4);
        uint16_t fs = (uint16_t)rdn(c, R_SS, (sp + 28) & m, 4), gs = (uint16_t)rdn(c, R_SS, (sp + 32) & m, 4);
        c->lf.op = 0;
        c->s.eflags = (fl & 0x3f7fd5) | 2 | F_VM;
        c->cpl = 3;
        seg_load_vm86(c, R_CS, sel);
        seg_load_vm86(c, R_SS, nss);
        seg_load_vm86(c, R_ES, es);
        seg_load_vm86(c, R_DS, ds);
        seg_load_vm86(c, R_FS, fs);
        seg_load_vm86(c, R_GS, gs);
        R(c, R_ESP) = nesp;
        all_segs_update(c);
        c->next_eip = off & 0xffff;
        return;
    }
    if (!o32) off &= 0xffff;
    if (!(sel & ~3u))
        GP0(c);
    uint32_t lo, hi;
    unsigned rpl = sel & 3;
    if (!desc_read(c, sel, &lo, &hi))
        cpu_raise(c, EXC_GP, SEL_ERR(sel));
    if (rpl < c->cpl || !(hi & DESC_S) || !(hi & DESC_CODE) ||
        ((hi & DESC_C) ? DESC_DPL(hi) > rpl : DESC_DPL(hi) != rpl))
        cpu_raise(c, EXC_GP, SEL_ERR(sel));
    if (!(hi & DESC_P))
        cpu_raise(c, EXC_NP, SEL_ERR(sel));
    uint32_t mask = popf_mask(c, o32);
    if (o32) mask |= F_RF | F_VIF | F_VIP;
    if (rpl == c->cpl) {
        if (off > desc_limit(lo, hi))
            GP0(c);
        desc_set_accessed(c, sel, &hi);
        set_cs(c, sel, lo, hi, rpl);
        set_sp(c, sp + 3 * n);
        flags_set(c, fl, mask);
        c->next_eip = off;
        all_segs_update(c);
        return;
    }
    uint32_t nesp = rdn(c, R_SS, (sp + 3 * n) & m, n);
    uint16_t nss = (uint16_t)rdn(c, R_SS, (sp + 4 * n) & m, n);
    uint32_t slo, shi;
    if (!(nss & ~3u))
        GP0(c);
    if ((nss & 3) != rpl || !desc_read(c, nss, &slo, &shi) || DESC_DPL(shi) != rpl ||
        !(shi & DESC_S) || (shi & DESC_CODE) || !(shi & DESC_W))
        cpu_raise(c, EXC_GP, SEL_ERR(nss));
    if (!(shi & DESC_P))
        cpu_raise(c, EXC_SS, SEL_ERR(nss));
    if (off > desc_limit(lo, hi))
        GP0(c);
    flags_set(c, fl, mask);   /* with the old CPL's rights */
    desc_set_accessed(c, sel, &hi);
    desc_set_accessed(c, nss, &shi);
    set_cs(c, sel, lo, hi, rpl);
    seg_set(c, R_SS, nss, slo, shi);
    mode_update(c);
    if (!o32) nesp &= 0xffff;
    set_esp_masked(c, nesp, sp_mask(c));
    validate_segs(c);
    all_segs_update(c);
    c->next_eip = off;
}

bool io_allowed(Cpu *c, uint16_t port, unsigned size)
{
    const CpuSeg *tr = &c->s.tr;
    if (!(DESC_TYPE(tr->flags) & DESC_T_32) || tr->limit < 103)
        GP0(c);
    uint32_t base = sys_read(c, tr->base + 102, 2);
    uint32_t at = base + port / 8;
    if (at + 1 > tr->limit)
        GP0(c);
    uint32_t bits = sys_read(c, tr->base + at, 2);
    if ((bits >> (port & 7)) & ((1u << size) - 1))
        GP0(c);
    return true;
}

/* ---- handlers: segments and far control ---- */

void op_mov_EwSw(Cpu *c, const Insn *i)
{
    if (i->reg > 5) UD(c);
    uint16_t v = (uint16_t)c->s.segs[i->reg].selector;
    if (i->flags & I_MEM) wr16(c, i->seg, ea(c, i), v);
    else set_reg16(c, i->rm, v);
}
void op_mov_EdSw(Cpu *c, const Insn *i)
{
    if (i->reg > 5) UD(c);
    uint16_t v = (uint16_t)c->s.segs[i->reg].selector;
    if (i->flags & I_MEM) wr16(c, i->seg, ea(c, i), v);
    else R(c, i->rm) = v;
}
void op_mov_SwEw(Cpu *c, const Insn *i)
{
    if (i->reg > 5 || i->reg == R_CS) UD(c);
    uint16_t v = (i->flags & I_MEM) ? (uint16_t)rd16(c, i->seg, ea(c, i)) : reg16(c, i->rm);
    seg_load(c, i->reg, v);
    if (i->reg == R_SS) {
        c->shadow = true;
        c->exit_flags |= EXIT_AGAIN;
    }
}
static void load_far_ptr(Cpu *c, const Insn *i, int seg, unsigned n)
{
    uint32_t off = ea(c, i);
    uint32_t v = rdn(c, i->seg, off, n);
    uint16_t sel = (uint16_t)rd16(c, i->seg, (off + n) & ((i->flags & I_A32) ? ~0u : 0xffff));
    seg_load(c, seg, sel);
    if (n == 2) set_reg16(c, i->reg, (uint16_t)v); else R(c, i->reg) = v;
}
void op_les_w(Cpu *c, const Insn *i) { load_far_ptr(c, i, R_ES, 2); }
void op_les_d(Cpu *c, const Insn *i) { load_far_ptr(c, i, R_ES, 4); }
void op_lds_w(Cpu *c, const Insn *i) { load_far_ptr(c, i, R_DS, 2); }
void op_lds_d(Cpu *c, const Insn *i) { load_far_ptr(c, i, R_DS, 4); }
void op_lss_w(Cpu *c, const Insn *i) { load_far_ptr(c, i, R_SS, 2); }
void op_lss_d(Cpu *c, const Insn *i) { load_far_ptr(c, i, R_SS, 4); }
void op_lfs_w(Cpu *c, const Insn *i) { load_far_ptr(c, i, R_FS, 2); }
void op_lfs_d(Cpu *c, const Insn *i) { load_far_ptr(c, i, R_FS, 4); }
void op_lgs_w(Cpu *c, const Insn *i) { load_far_ptr(c, i, R_GS, 2); }
void op_lgs_d(Cpu *c, const Insn *i) { load_far_ptr(c, i, R_GS, 4); }

void op_jmpf_Aw(Cpu *c, const Insn *i) { far_jump(c, i->imm2, i->imm, false); }
void op_jmpf_Ad(Cpu *c, const Insn *i) { far_jump(c, i->imm2, i->imm, true); }
void op_callf_Aw(Cpu *c, const Insn *i) { far_call(c, i->imm2, i->imm, false); }
void op_callf_Ad(Cpu *c, const Insn *i) { far_call(c, i->imm2, i->imm, true); }
static void far_mem(Cpu *c, const Insn *i, unsigned n, bool call)
{
    uint32_t off = ea(c, i);
    uint32_t v = rdn(c, i->seg, off, n);
    uint16_t sel = (uint16_t)rd16(c, i->seg, (off + n) & ((i->flags & I_A32) ? ~0u : 0xffff));
    if (call) far_call(c, sel, v, n == 4);
    else far_jump(c, sel, v, n == 4);
}
void op_jmpf_Mw(Cpu *c, const Insn *i) { far_mem(c, i, 2, false); }
void op_jmpf_Md(Cpu *c, const Insn *i) { far_mem(c, i, 4, false); }
void op_callf_Mw(Cpu *c, const Insn *i) { far_mem(c, i, 2, true); }
void op_callf_Md(Cpu *c, const Insn *i) { far_mem(c, i, 4, true); }
void op_retf_w(Cpu *c, const Insn *i) { far_ret(c, false, (uint16_t)(i->op == 0xca ? i->imm : 0)); }
void op_retf_d(Cpu *c, const Insn *i) { far_ret(c, true, (uint16_t)(i->op == 0xca ? i->imm : 0)); }
/* IRET may set IF with INTR already high (the handler's EOI let the next request through
 * while IF was 0): look at the interrupt lines again after it, as POPF does. */
void op_iret_w(Cpu *c, const Insn *i) { do_iret(c, false); c->s.hflags2 &= ~HF2_NMI; c->exit_flags |= EXIT_AGAIN; }
void op_iret_d(Cpu *c, const Insn *i) { do_iret(c, true); c->s.hflags2 &= ~HF2_NMI; c->exit_flags |= EXIT_AGAIN; }
void op_int3(Cpu *c, const Insn *i) { do_interrupt(c, EXC_BP, false, 0, c->next_eip, true); }
void op_int1(Cpu *c, const Insn *i) { do_interrupt(c, EXC_DB, false, 0, c->next_eip, false); }
/* In virtual-8086 mode only INT n is IOPL-sensitive; INT3 and INTO go to their gates,
 * whose DPL check still applies (as in QEMU 7.2 and Bochs). */
void op_int_Ib(Cpu *c, const Insn *i)
{
    if (c->v86 && ((c->s.eflags >> 12) & 3) < 3)
        GP0(c);
    do_interrupt(c, (int)(i->imm & 0xff), false, 0, c->next_eip, true);
}
void op_into(Cpu *c, const Insn *i)
{
    if (flags_get(c) & F_OF)
        do_interrupt(c, EXC_OF, false, 0, c->next_eip, true);
}

/* ---- flags with privilege ---- */

void op_pushfw(Cpu *c, const Insn *i)
{
    if (c->v86 && ((c->s.eflags >> 12) & 3) < 3) GP0(c);
    push(c, flags_get(c) & 0xffff, 2);
}
void op_pushfd(Cpu *c, const Insn *i)
{
    if (c->v86 && ((c->s.eflags >> 12) & 3) < 3) GP0(c);
    push(c, flags_get(c) & ~(F_VM | F_RF), 4);
}
static void popf(Cpu *c, bool o32)
{
    if (c->v86 && ((c->s.eflags >> 12) & 3) < 3) GP0(c);
    uint32_t v = stack_peek(c, 0, o32 ? 4 : 2);
    uint32_t mask = popf_mask(c, o32);
    if (c->v86) mask &= ~F_IOPL;
    set_sp(c, R(c, R_ESP) + (o32 ? 4 : 2));
    flags_set(c, v, mask);
    c->exit_flags |= EXIT_AGAIN;
}
void op_popfw(Cpu *c, const Insn *i) { popf(c, false); }
void op_popfd(Cpu *c, const Insn *i) { popf(c, true); }
static bool iopl_ok(Cpu *c) { return !c->pe || c->cpl <= ((c->s.eflags >> 12) & 3); }
void op_cli(Cpu *c, const Insn *i)
{
    if (!iopl_ok(c)) GP0(c);
    c->s.eflags &= ~F_IF;
}
void op_sti(Cpu *c, const Insn *i)
{
    if (!iopl_ok(c)) GP0(c);
    if (!(c->s.eflags & F_IF))
        c->shadow = true;
    c->s.eflags |= F_IF;
    c->exit_flags |= EXIT_AGAIN;
}
void op_hlt(Cpu *c, const Insn *i)
{
    if (c->cpl) GP0(c);
    c->s.halted = 1;
    c->exit_flags |= EXIT_AGAIN;
}
void op_arpl_EwGw(Cpu *c, const Insn *i)
{
    if (!c->pe || c->v86) UD(c);
    uint32_t off = 0;
    uint16_t d;
    /* a plain read: the write, and its segment and page checks, come only when the RPL
     * changes (a read-only segment or page is fine otherwise) */
    if (i->flags & I_MEM) { off = ea(c, i); d = (uint16_t)rd16(c, i->seg, off); }
    else d = reg16(c, i->rm);
    uint16_t s = reg16(c, i->reg);
    if ((d & 3) < (s & 3)) {
        d = (uint16_t)((d & ~3) | (s & 3));
        if (i->flags & I_MEM) wr16(c, i->seg, off, d); else set_reg16(c, i->rm, d);
        flags_set(c, F_ZF, F_ZF);
    } else {
        flags_set(c, 0, F_ZF);
    }
}

/* ---- LDT, TR, descriptor checks (GDTR, IDTR: sysreg.c) ---- */

static uint16_t get_Ew(Cpu *c, const Insn *i)
{
    return (i->flags & I_MEM) ? (uint16_t)rd16(c, i->seg, ea(c, i)) : reg16(c, i->rm);
}
static void put_Ew_sel(Cpu *c, const Insn *i, uint16_t v)
{
    if (i->flags & I_MEM) wr16(c, i->seg, ea(c, i), v);
    else if (i->flags & I_O32) R(c, i->rm) = v;
    else set_reg16(c, i->rm, v);
}
static void need_pm(Cpu *c) { if (!c->pe || c->v86) UD(c); }
static void need_cpl0(Cpu *c) { if (c->cpl) GP0(c); }

void op_sldt(Cpu *c, const Insn *i) { need_pm(c); put_Ew_sel(c, i, (uint16_t)c->s.ldt.selector); }
void op_str(Cpu *c, const Insn *i) { need_pm(c); put_Ew_sel(c, i, (uint16_t)c->s.tr.selector); }
void op_lldt(Cpu *c, const Insn *i)
{
    need_pm(c); need_cpl0(c);
    uint16_t sel = get_Ew(c, i);
    if (!(sel & ~3u)) {
        c->s.ldt = (CpuSeg){ .selector = sel };
        return;
    }
    uint32_t lo, hi;
    if ((sel & 4) || !desc_read(c, sel, &lo, &hi) || (hi & DESC_S) || DESC_TYPE(hi) != DESC_T_LDT)
        cpu_raise(c, EXC_GP, SEL_ERR(sel));
    if (!(hi & DESC_P))
        cpu_raise(c, EXC_NP, SEL_ERR(sel));
    c->s.ldt = (CpuSeg){ .selector = sel, .base = desc_base(lo, hi), .limit = desc_limit(lo, hi), .flags = hi };
}
void op_ltr(Cpu *c, const Insn *i)
{
    need_pm(c); need_cpl0(c);
    uint16_t sel = get_Ew(c, i);
    if (!(sel & ~3u))
        GP0(c);
    uint32_t lo, hi;
    if ((sel & 4) || !desc_read(c, sel, &lo, &hi) || (hi & DESC_S) ||
        (DESC_TYPE(hi) != DESC_T_TSS16 && DESC_TYPE(hi) != DESC_T_TSS32))
        cpu_raise(c, EXC_GP, SEL_ERR(sel));
    if (!(hi & DESC_P))
        cpu_raise(c, EXC_NP, SEL_ERR(sel));
    /* The descriptor in memory becomes busy; the hidden part keeps the type as read
     * (available), as QEMU 7.2's LTR caches it: QEMU's interrupt path refuses a cached busy
     * type ("invalid tss type"), so a snapshot taken after LTR must carry the available one. */
    CpuSeg tr = { .selector = sel, .base = desc_base(lo, hi), .limit = desc_limit(lo, hi), .flags = hi };
    sys_write(c, c->s.gdt.base + (sel & ~7u) + 4, hi | (uint32_t)DESC_T_BUSY << 8, 4);
    c->s.tr = tr;
}
/* LAR/LSL/VERR/VERW: ZF reports whether the descriptor is visible at CPL/RPL. */
static bool desc_visible(Cpu *c, uint16_t sel, uint32_t *lo, uint32_t *hi)
{
    if (!(sel & ~3u) || !desc_read(c, sel, lo, hi))
        return false;
    bool conf = (*hi & DESC_S) && (*hi & DESC_CODE) && (*hi & DESC_C);
    return conf || (DESC_DPL(*hi) >= c->cpl && DESC_DPL(*hi) >= (sel & 3u));
}
static void lar_lsl(Cpu *c, const Insn *i, bool lsl)
{
    need_pm(c);
    uint16_t sel = get_Ew(c, i);
    uint32_t lo, hi;
    bool ok = desc_visible(c, sel, &lo, &hi);
    if (ok && !(hi & DESC_S)) {
        static const uint8_t lar_ok[16] = { 0, 1, 1, 1, 1, 1, 0, 0, 0, 1, 0, 1, 1, 0, 0, 0 };
        static const uint8_t lsl_ok[16] = { 0, 1, 1, 1, 0, 0, 0, 0, 0, 1, 0, 1, 0, 0, 0, 0 };
        ok = (lsl ? lsl_ok : lar_ok)[DESC_TYPE(hi)];
    }
    if (ok) {
        uint32_t v = lsl ? desc_limit(lo, hi) : (hi & 0x00f0ff00u);
        if (i->flags & I_O32) R(c, i->reg) = v; else set_reg16(c, i->reg, (uint16_t)v);
    }
    flags_set(c, ok ? F_ZF : 0, F_ZF);
}
void op_lar_GwEw(Cpu *c, const Insn *i) { lar_lsl(c, i, false); }
void op_lar_GdEw(Cpu *c, const Insn *i) { lar_lsl(c, i, false); }
void op_lsl_GwEw(Cpu *c, const Insn *i) { lar_lsl(c, i, true); }
void op_lsl_GdEw(Cpu *c, const Insn *i) { lar_lsl(c, i, true); }
static void verrw(Cpu *c, const Insn *i, bool w)
{
    need_pm(c);
    uint16_t sel = get_Ew(c, i);
    uint32_t lo, hi;
    bool ok = desc_visible(c, sel, &lo, &hi) && (hi & DESC_S);
    if (ok)
        ok = w ? !(hi & DESC_CODE) && (hi & DESC_W) : !(hi & DESC_CODE) || (hi & DESC_R);
    flags_set(c, ok ? F_ZF : 0, F_ZF);
}
void op_verr(Cpu *c, const Insn *i) { verrw(c, i, false); }
void op_verw(Cpu *c, const Insn *i) { verrw(c, i, true); }

/* ---- control registers (the MOV CRn handlers: sysreg.c) ---- */

void cpu_set_cr0(Cpu *c, uint32_t v)
{
    v |= CR0_ET;
    v &= CR0_PE | CR0_MP | CR0_EM | CR0_TS | CR0_ET | CR0_NE | CR0_WP | CR0_AM | CR0_NW | CR0_CD | CR0_PG;
    if ((v & CR0_PG) && !(v & CR0_PE))
        GP0(c);
    if ((v & CR0_NW) && !(v & CR0_CD))
        GP0(c);
    uint32_t old = c->s.cr[0];
    mmu_cr_write(c, v, c->s.cr[3], c->s.cr[4], (old ^ v) & (CR0_PG | CR0_CD | CR0_NW));
    c->s.cr[0] = v;
    if ((old ^ v) & (CR0_PE | CR0_PG | CR0_WP)) {
        tlb_flush(c);
        all_segs_update(c);
    }
    c->exit_flags |= EXIT_AGAIN;
}
void cpu_set_cr3(Cpu *c, uint32_t v)
{
    mmu_cr_write(c, c->s.cr[0], v, c->s.cr[4], true);
    c->s.cr[3] = v;
    tlb_flush(c);
}
void cpu_set_cr4(Cpu *c, uint32_t v)
{
    if (v & ~cpu_cr4_allowed(c))
        GP0(c);
    mmu_cr_write(c, c->s.cr[0], c->s.cr[3], v, (c->s.cr[4] ^ v) & (CR4_PAE | CR4_PGE | CR4_PSE));
    c->s.cr[4] = v;
    tlb_flush(c);
}

/* ---- SYSENTER, SYSEXIT ---- */

void op_sysenter(Cpu *c, const Insn *i)
{
    if (!c->pe || !(c->s.sysenter_cs & 0xfffc)) GP0(c);
    c->s.eflags &= ~(F_VM | F_IF | F_RF);
    uint16_t cs = (uint16_t)(c->s.sysenter_cs & 0xfffc);
    c->s.segs[R_CS] = (CpuSeg){ .selector = cs, .base = 0, .limit = 0xffffffffu, .flags = 0xcf9b00 };
    c->s.segs[R_SS] = (CpuSeg){ .selector = (uint16_t)(cs + 8), .base = 0, .limit = 0xffffffffu, .flags = 0xcf9300 };
    c->cpl = 0;
    all_segs_update(c);
    R(c, R_ESP) = c->s.sysenter_esp;
    c->next_eip = c->s.sysenter_eip;
}
void op_sysexit(Cpu *c, const Insn *i)
{
    if (!c->pe || c->v86 || c->cpl || !(c->s.sysenter_cs & 0xfffc)) GP0(c);
    uint16_t cs = (uint16_t)((c->s.sysenter_cs + 16) | 3);
    c->s.segs[R_CS] = (CpuSeg){ .selector = cs, .base = 0, .limit = 0xffffffffu, .flags = 0xcffb00 };
    c->s.segs[R_SS] = (CpuSeg){ .selector = (uint16_t)(cs + 8), .base = 0, .limit = 0xffffffffu, .flags = 0xcff300 };
    c->cpl = 3;
    all_segs_update(c);
    R(c, R_ESP) = R(c, R_ECX);
    c->next_eip = R(c, R_EDX);
}
