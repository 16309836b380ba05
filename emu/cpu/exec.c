/* exec.c: the run loop, decoded-block cache, lazy flags, exception and interrupt
 * sampling, breakpoints (the guest's DR0-DR3/DR7 and the debugger's, cpu.h), reset and the
 * public entry points of cpu.h. Design notes: cpu_int.h. Reference: Intel SDM vol. 3,
 * chapters 6 (interrupts, double fault classes), 9 (reset) and 17 (debug registers: an
 * instruction breakpoint faults before its instruction unless EFLAGS.RF, a data
 * breakpoint traps after the access's instruction, a REP string instruction after the
 * iteration; DR6 B0-B3 replaced on each #DB, as QEMU 7.2). */
#include <assert.h>
#include <stdlib.h>

#include "emu/cpu/cpu_int.h"

/* ---- lazy flags (invariant 5) ---- */

uint32_t flags_get(Cpu *c)
{
    lf_settle(c);
    if (c->lf.op) {
        uint32_t res = c->lf.res;
        uint32_t f = c->lf.aux | (res ? 0 : F_ZF) | (res & 0x80000000u ? F_SF : 0) |
                     (__builtin_parity(res & 0xff) ? 0 : F_PF);
        c->s.eflags = (c->s.eflags & ~F_ARITH) | f;
        c->lf.op = 0;
    }
    return c->s.eflags | 2;
}

void flags_set(Cpu *c, uint32_t v, uint32_t mask)
{
    flags_get(c);
    c->s.eflags = ((c->s.eflags & ~mask) | (v & mask)) | 2;
    if (c->s.eflags & F_RF)
        c->dbg_start |= F_RF;   /* IRET loaded RF: the next instruction skips breakpoints */
}

/* ---- exceptions ---- */

static bool exc_has_code(int v) { return v == EXC_DF || (v >= EXC_TS && v <= EXC_PF) || v == EXC_AC; }

_Noreturn void cpu_raise(Cpu *c, int vec, uint32_t code)
{
    c->exc_vec = vec;
    c->exc_code = code;
    c->exc_has_code = exc_has_code(vec);
    longjmp(c->jb, 1);
}

_Noreturn void cpu_raise_nocode(Cpu *c, int vec) { cpu_raise(c, vec, 0); }

static bool exc_contributory(int v) { return v == EXC_DE || (v >= EXC_TS && v <= EXC_GP); }

#define DELIVERY_BENIGN 256

/* ---- decoded blocks (invariants 1 and 2) ---- */

static inline unsigned blk_hash(uint32_t paddr) { return (paddr ^ (paddr >> 13)) & (BLK_HASH - 1); }

/* Every block comes from the arena (block_build), so an empty arena means empty tables:
 * a fresh or just-flushed CPU skips the memsets, which would fault in their 224 KiB. */
static void code_flush(Cpu *c)
{
    if (c->arena_used) {
        memset(c->blk_hash, 0, sizeof c->blk_hash);
        memset(c->page_hash, 0, sizeof c->page_hash);
        memset(c->code_bitmap, 0, (1u << 20) / 8);
    }
    c->arena_used = 0;
    jit_flush(c);
    c->code_epoch++;
    chain_invalidate(c);
    c->last_block = NULL;
}

static bool code_page_marked(const Cpu *c, uint32_t ppage)
{
    return c->code_bitmap[ppage >> 3] & (1u << (ppage & 7));
}

void code_invalidate_page(Cpu *c, uint32_t ppage)
{
    if (!code_page_marked(c, ppage))
        return;
    c->code_bitmap[ppage >> 3] &= (uint8_t)~(1u << (ppage & 7));
    chain_invalidate(c);   /* links to the blocks dropped here die (block_exec follows them unchecked) */
    Block **pp = &c->page_hash[ppage & (PAGE_HASH - 1)];
    while (*pp) {
        Block *b = *pp;
        if (b->paddr >> 12 != ppage) {
            pp = &b->pnext;
            continue;
        }
        *pp = b->pnext;
        b->valid = false;
        for (Block **hp = &c->blk_hash[blk_hash(b->paddr)]; *hp; hp = &(*hp)->hnext)
            if (*hp == b) {
                *hp = b->hnext;
                break;
            }
        if (b == c->cur_block)
            c->exit_flags |= EXIT_SMC;
    }
}

void cpu_code_written(Cpu *c, uint32_t paddr, uint32_t len)
{
    if (!len)
        return;
    uint32_t first = paddr >> 12, last = (uint32_t)(((uint64_t)paddr + len - 1) >> 12);
    for (uint32_t p = first; p <= last && p < (1u << 20); p++)
        code_invalidate_page(c, p);
}

static void code_mark_page(Cpu *c, uint32_t ppage)
{
    if (code_page_marked(c, ppage))
        return;
    c->code_bitmap[ppage >> 3] |= (uint8_t)(1u << (ppage & 7));
    for (int s = 1; s < 4; s += 2)
        for (int k = 0; k < TLB_SIZE; k++)
            if (c->tlb[s][k].tag != TLB_INVALID && c->tlb[s][k].ppage == ppage << 12)
                c->tlb[s][k].tag = TLB_INVALID;
}

/* The bytes of one instruction through CS, fetched one at a time so that only bytes the
 * instruction really has can fault (limit #GP, #PF on a following page); a byte whose page
 * the TLB holds comes from there (lin_read), as the slow path would read it. */
static void decode_slow(Cpu *c, Insn *i)
{
    uint8_t buf[16];
    const CpuSeg *cs = &c->s.segs[R_CS];
    uint32_t mask = c->code32 ? 0xffffffffu : 0xffff;
    for (unsigned k = 0; k < 15; k++) {
        uint32_t off = (c->s.eip + k) & mask;
        if (off > cs->limit)
            GP0(c);
        buf[k] = (uint8_t)lin_read(c, cs->base + off, 1);
        int n = cpu_decode(i, buf, k + 1, c->code32);
        if (n > 0)
            return;
        if (n < 0)
            break;
    }
    GP0(c);   /* longer than 15 bytes */
}

static Block *block_build(Cpu *c, uint32_t phys, const uint8_t *host)
{
    static const size_t max_bytes = sizeof(Block) + (BLOCK_MAX + 1) * sizeof(Insn);
    if (c->arena_used + max_bytes > ARENA_BYTES || c->jit_full)
        code_flush(c);
    Block *b = (Block *)(c->arena + c->arena_used);
    const CpuSeg *cs = &c->s.segs[R_CS];
    uint32_t in_page = 0x1000 - (phys & 0xfff);
    uint64_t to_limit = (uint64_t)cs->limit - c->s.eip + 1;
    if (!c->code32 && to_limit > 0x10000u - c->s.eip)
        to_limit = 0x10000u - c->s.eip;    /* IP wraps: the next block starts at 0 */
    uint32_t avail_total = (uint32_t)MIN((uint64_t)in_page, to_limit);
    /* Invariant 1: under a 4 GiB 32-bit CS a direct JMP or CALL whose target lies in the
     * same page does not end the block; decoding goes on at the target. */
    bool may_follow = c->code32 && cs->limit == 0xffffffffu;
    const uint8_t *page = host - (phys & 0xfff);
    uint32_t start = phys & 0xfff, po = start, end_po = start + avail_total, run = 0;
    bool follows = false;
    unsigned n = 0;
    while (n < c->block_max && po < end_po) {
        Insn *in = &b->insn[n];
        int len = cpu_decode(in, page + po, MIN(end_po - po, 15u), c->code32);
        if (len <= 0)
            break;
        in->eoff = (int16_t)(int32_t)(po - start);   /* |po - start| < 4096 */
        po += (uint32_t)len;
        n++;
        if (!(in->flags & I_END) || insn_jcc(in))
            continue;   /* invariant 1: a taken Jcc leaves the block in block_exec */
        if (!may_follow || (in->fn != op_jmp_Jd && in->fn != op_call_Jd))
            break;
        int64_t target = (int64_t)po + (int32_t)in->imm;
        if (target < 0 || target >= 0x1000)
            break;
        if (!follows)
            run = po - start;
        follows = true;
        po = (uint32_t)target;
        end_po = 0x1000;
    }
    if (!n)
        return NULL;
    b->paddr = phys;
    b->bytes = (uint16_t)(follows ? run : po - start);
    b->follows = follows;
    b->code32 = c->code32;
    b->n = (uint8_t)n;
    b->valid = true;
    b->heat = c->jit_hot;
    b->jit = NULL;
    b->link_gen = LINK_NONE;
    block_prepare(c, b);
    insn_set_stop(&b->insn[n], (int)po - (int)start);
    c->arena_used += (sizeof(Block) + (n + 1) * sizeof(Insn) + 15) & ~(size_t)15;
    unsigned h = blk_hash(phys);
    b->hnext = c->blk_hash[h];
    c->blk_hash[h] = b;
    b->pnext = c->page_hash[(phys >> 12) & (PAGE_HASH - 1)];
    c->page_hash[(phys >> 12) & (PAGE_HASH - 1)] = b;
    code_mark_page(c, phys >> 12);
    return b;
}

/* The block at CS:EIP; a one-instruction scratch block when the instruction straddles a
 * page, the CS limit or IP wrap, or when code runs from MMIO. */
static inline bool block_usable(const Cpu *c, const Block *b, uint32_t phys, uint32_t eip)
{
    return b->paddr == phys && b->code32 == c->code32 && b->valid &&
           (uint64_t)eip + b->bytes - 1 <= c->s.segs[R_CS].limit && (c->code32 || eip + b->bytes <= 0x10000) &&
           (!b->follows || c->s.segs[R_CS].limit == 0xffffffffu);
}

static Block *block_lookup(Cpu *c, Block *scratch, Block *prev)
{
    const CpuSeg *cs = &c->s.segs[R_CS];
    uint32_t eip = c->s.eip;
    if (eip > cs->limit)
        GP0(c);
    uint32_t lin = cs->base + eip;
    const TlbEnt *e = &c->tlb_rd[(lin >> 12) & (TLB_SIZE - 1)];
    uint32_t phys;
    const uint8_t *host = NULL;
    if (e->tag == (lin & ~0xfffu)) {
        phys = e->ppage | (lin & 0xfff);
        host = (const uint8_t *)(e->addend + lin);
    } else {
        uint64_t pa = mmu_translate(c, lin, ACC_FETCH, c->user_tlb);
        phys = (uint32_t)pa;
        if (pa >> 32)   /* no memory there (mmu.c): decoded from the bus's all-ones, not kept */
            goto slow;
        host = bus_read_ptr(c->bus, phys);
    }
    Block *b;
    for (b = c->blk_hash[blk_hash(phys)]; b; b = b->hnext)
        if (block_usable(c, b, phys, eip))
            break;
    if (!b && host) {
        uint64_t epoch = c->code_epoch;
        b = block_build(c, phys, host);
        if (epoch != c->code_epoch)
            prev = NULL;   /* the arena was reset: prev is gone */
    }
    if (b) {
        if (prev && prev != scratch) {
            /* the latest first, the oldest dropped; stale links all go at once, every
             * slot then naming the new one, so that a lookup tests no slot for empty */
            bool stale = prev->link_gen != c->chain_gen;
            for (int k = BLOCK_SUCC - 1; k > 0; k--) {
                prev->succ[k] = stale ? b : prev->succ[k - 1];
                prev->succ_eip[k] = stale ? eip : prev->succ_eip[k - 1];
            }
            prev->succ[0] = b;
            prev->succ_eip[0] = eip;
            prev->link_gen = c->chain_gen;
        }
        c->jump_cache[jump_cache_at(eip)] = (JumpCache){ .gen = c->chain_gen, .b = b, .eip = eip };
        return b;
    }
slow:
    decode_slow(c, &scratch->insn[0]);
    insn_set_stop(&scratch->insn[1], scratch->insn[0].len);
    scratch->n = 1;
    scratch->valid = true;
    scratch->paddr = phys;
    scratch->code32 = c->code32;
    return scratch;
}

static inline Block *block_get(Cpu *c, Block *scratch, Block *prev)
{
    uint32_t eip = c->s.eip;
    /* invariant 2: a link needs no translation or limit check (the scratch block has no
     * links) */
    if (prev && prev != scratch && prev->link_gen == c->chain_gen) {
        for (int k = 0; k < BLOCK_SUCC; k++) {
            Block *s = prev->succ[k];
            if (prev->succ_eip[k] == eip && s->valid)
                return s;
        }
    }
    return block_lookup(c, scratch, prev);
}

void cpu_flush_all(Cpu *c)
{
    dr_update(c);
    tlb_flush(c);
    code_flush(c);
    c->bus_gen = bus_generation(c->bus);
    for (int s = 0; s < 6; s++)
        seg_update(c, s);
    mode_update(c);
    mmu_pdptes_reload(c);   /* after a load, reset or debugger write of CR3 */
}

/* ---- the run loop ---- */

static void take_exception(Cpu *c)
{
    int vec = c->exc_vec;
    uint32_t code = c->exc_code;
    bool has = c->exc_has_code;
    if (c->in_delivery >= 0) {
        int first = c->in_delivery;
        if (first == EXC_DF) {
            trace(TRACE_CPU, "cpu: triple fault (exception %d during #DF)", vec);
            c->shutdown = true;
            return;
        }
        if ((exc_contributory(first) && exc_contributory(vec)) ||
            (first == EXC_PF && (exc_contributory(vec) || vec == EXC_PF))) {
            trace(TRACE_CPU, "cpu: double fault (%d then %d)", first, vec);
            vec = EXC_DF;
            code = 0;
            has = true;
        }
    }
    if (trace_mask & TRACE_CPU) {
        uint32_t lin = c->s.segs[R_CS].base + c->s.eip;
        uint8_t b[15] = { 0 };
        const char *what = "?";     /* the bytes are read only without paging */
        Insn in;
        if (!c->paging) {
            bus_mem_rw(c->bus, lin & (uint32_t)c->s.a20_mask, b, sizeof b, false);
            if (cpu_decode(&in, b, sizeof b, c->code32) > 0)
                what = cpu_insn_name(&in);
        }
        trace_printf("cpu: exception %d code %#x at %04x:%08x (%s: bytes %02x %02x %02x %02x %02x %02x)",
                     vec, code, c->s.segs[R_CS].selector, c->s.eip, what, b[0], b[1], b[2], b[3],
                     b[4], b[5]);
    }
    c->in_delivery = vec;
    c->exc_first = vec;
    do_interrupt(c, vec, has, code, c->s.eip, false);
    c->in_delivery = -1;
}

/* How many of the n instructions of b from eip run before one whose linear address is in
 * list[0..nlist) (n when none is). */
static unsigned bp_clip(const Cpu *c, const uint32_t *list, int nlist, const Block *b,
                        uint32_t eip, uint32_t ipmask, unsigned n)
{
    uint32_t base = c->s.segs[R_CS].base;
    for (unsigned k = 0; k < n; k++) {
        for (int j = 0; j < nlist; j++)
            if (list[j] == base + eip)
                return k;
        eip = (eip + b->insn[k].len) & ipmask;
    }
    return n;
}

void dr_update(Cpu *c)
{
    const uint32_t *dr = c->s.dr;
    CpuWatch wp[4];
    int nw = 0;
    c->dr_nibp = 0;
    for (int r = 0; r < 4; r++) {
        if (!((dr[7] >> (2 * r)) & 3))
            continue;   /* neither Ln nor Gn */
        unsigned rw = (dr[7] >> (16 + 4 * r)) & 3, len = (dr[7] >> (18 + 4 * r)) & 3;
        if (rw == 0) {
            c->dr_ibp[c->dr_nibp] = dr[r];
            c->dr_ibp_reg[c->dr_nibp++] = r;
        } else if (rw != 2) {   /* 2: I/O, which needs CR4.DE (this CPU has no DE) */
            uint32_t size = len == 0 ? 1 : len == 1 ? 2 : len == 3 ? 4 : 8;
            wp[nw] = (CpuWatch){ dr[r] & ~(size - 1), size,
                                 rw == 1 ? CPU_WATCH_WRITE : CPU_WATCH_ACCESS };
            c->dr_wp_reg[nw++] = r;
        }
    }
    dbg_sync(c);
    if (nw != c->dr_nwp || memcmp(wp, c->dr_wp, (size_t)nw * sizeof *wp) != 0) {
        memcpy(c->dr_wp, wp, (size_t)nw * sizeof *wp);
        c->dr_nwp = nw;
        tlb_flush(c);   /* watched pages lose their TLB entries */
    }
}

/* The guest's #DB: DR6 gets B0-B3 as bits says (replacing the old ones, as QEMU) and BS
 * for a single step; then the interrupt, a fault at EIP (instruction breakpoints) or a
 * trap after the instruction (data breakpoints, single step). */
static void deliver_db(Cpu *c, uint32_t bits, bool bs)
{
    if (bits)
        c->s.dr[6] = (c->s.dr[6] & ~0xfu) | bits;
    if (bs)
        c->s.dr[6] |= 0x4000;
    flags_get(c);
    c->in_delivery = DELIVERY_BENIGN;
    do_interrupt(c, EXC_DB, false, 0, c->s.eip, false);
    c->in_delivery = -1;
}

/* Before a block when breakpoints exist or RF is set: clips *n before the first instruction
 * at a breakpoint. Returns CPU_EXIT_BREAK (a debugger breakpoint at the first instruction),
 * 0 (an instruction breakpoint of the guest's: #DB delivered as a fault) or -1 (run *n). */
__attribute__((noinline)) static int dbg_block_start(Cpu *c, const Block *b, uint32_t eip,
                                                     uint32_t ipmask, unsigned *n)
{
    if (c->nbp && (*n = bp_clip(c, c->bp, c->nbp, b, eip, ipmask, *n)) == 0) {
        c->cur_block = NULL;
        c->exit_flags |= EXIT_AGAIN;
        flags_get(c);
        return CPU_EXIT_BREAK;
    }
    if (c->s.eflags & F_RF) {   /* no instruction breakpoint for one instruction */
        c->dbg_after |= DBG_RF_CLEAR;
        c->exit_flags |= EXIT_AGAIN;   /* dbg_block_end at the top of the run loop */
        *n = 1;
    } else if (c->dr_nibp && (*n = bp_clip(c, c->dr_ibp, c->dr_nibp, b, eip, ipmask, *n)) == 0) {
        uint32_t bits = 0, lin = c->s.segs[R_CS].base + eip;
        for (int j = 0; j < c->dr_nibp; j++)
            if (c->dr_ibp[j] == lin)
                bits |= 1u << c->dr_ibp_reg[j];
        c->cur_block = NULL;
        deliver_db(c, bits, false);   /* a fault: EIP stays at the instruction */
        return 0;
    }
    dbg_sync(c);   /* RF may have been cleared since (an interrupt) */
    return -1;
}

/* After a block run under TF (step), with RF, or whose last instruction hit a data
 * breakpoint (these two set an exit flag, so the run loop calls this at its top, before
 * it looks at interrupts): RF ends, and the #DB trap (single step, data breakpoints) is
 * taken. */
__attribute__((noinline)) static void dbg_block_end(Cpu *c, bool step)
{
    uint32_t after = c->dbg_after;
    c->dbg_after = 0;
    if (after & DBG_RF_CLEAR) {
        c->s.eflags &= ~F_RF;
        dbg_sync(c);
    }
    if (step || (after & 0xf))
        deliver_db(c, after & 0xf, step);
}

/* Between instructions: returns a CPU_EXIT_* to leave cpu_run, or -1 to go on. */
static int events(Cpu *c)
{
    int fl = c->exit_flags;
    c->exit_flags = 0;
    if (fl & EXIT_REQ)
        return CPU_EXIT_REQUEST;
    if (fl & EXIT_WATCH)
        return CPU_EXIT_WATCH;
    if (c->bus_gen != bus_generation(c->bus))
        cpu_flush_all(c);
    /* the budget ended right after STI, MOV SS or POP SS: the shadow stays for the
     * instruction that comes next, in the next run (QEMU keeps HF_INHIBIT_IRQ across) */
    if (c->shadow && c->clock->icount >= c->insn_end && !c->s.halted)
        return CPU_EXIT_BUDGET;
    if (c->shadow) {
        c->shadow = false;
        c->exit_flags |= EXIT_AGAIN;   /* one instruction without interrupts, then look again */
    } else if (c->smi_pending && !(c->s.hflags & HF_SMM)) {
        c->smi_pending = false;
        c->s.halted = 0;
        smm_enter(c);
    } else if (c->nmi_pending && !(c->s.hflags2 & HF2_NMI)) {
        c->nmi_pending = false;
        c->s.halted = 0;
        c->s.hflags2 |= HF2_NMI;
        c->in_delivery = DELIVERY_BENIGN;
        do_interrupt(c, EXC_NMI, false, 0, c->s.eip, false);
        c->in_delivery = -1;
    } else if (c->intr && (flags_get(c) & F_IF)) {
        int v = c->ack ? c->ack(c->ack_opaque) : -1;
        if (v >= 0) {
            trace(TRACE_INT, "cpu: interrupt %#x at %04x:%08x", v, c->s.segs[R_CS].selector, c->s.eip);
            c->s.halted = 0;
            c->in_delivery = DELIVERY_BENIGN;
            do_interrupt(c, v & 0xff, false, 0, c->s.eip, false);
            c->in_delivery = -1;
        }
    }
    if (c->bus_gen != bus_generation(c->bus))
        cpu_flush_all(c);   /* SMM entry or an interrupt acknowledge remapped memory */
    if (c->s.halted)
        return CPU_EXIT_HALT;
    if (c->clock->icount >= c->insn_end)
        return CPU_EXIT_BUDGET;
    return -1;
}

int cpu_run(Cpu *c, uint64_t max_insns)
{
    Clock *clk = c->clock;
    Block *scratch = c->scratch;
    c->last_block = NULL;
    c->insn_end = clk->icount + max_insns;
    c->in_delivery = -1;
    c->exit_flags |= EXIT_AGAIN;
    c->shutdown = false;
    c->wp_hit = false;
    if (setjmp(c->jb)) {
        c->cur_block = NULL;
        c->dbg_after = 0;   /* the instruction did not complete: it hits them again */
        take_exception(c);
        if (c->shutdown)
            goto out;
        clk->icount++;   /* the faulting instruction ends in its handler: it counts once */
    }
    for (;;) {
        if (c->exit_flags) {
            if (UNLIKELY(c->dbg_after))
                dbg_block_end(c, false);   /* the last instruction's RF or data breakpoint */
            int r = events(c);
            if (r >= 0) {
                c->exit_flags |= EXIT_AGAIN;   /* re-sample when cpu_run is entered again */
                if (r == CPU_EXIT_REQUEST)
                    c->exit_flags &= ~EXIT_REQ;
                flags_get(c);
                return r;
            }
        } else if (UNLIKELY(clk->icount >= c->insn_end)) {
            break;
        }
        bool step = c->s.eflags & F_TF;   /* TF before the instruction: #DB trap after it */
        Block *b = block_get(c, scratch, c->last_block);
        c->last_block = b;
        c->cur_block = b;
        uint64_t left = c->insn_end - clk->icount;
        unsigned n = b->n;
        if (step || c->exit_flags)
            n = 1;
        else if (left < n)
            n = (unsigned)left;
        uint32_t ipmask = b->code32 ? 0xffffffffu : 0xffff;
        uint32_t eip = c->s.eip;
        if (UNLIKELY(c->dbg_start)) {
            int r = dbg_block_start(c, b, eip, ipmask, &n);
            if (r == CPU_EXIT_BREAK)
                return r;
            if (r == 0)
                continue;   /* #DB delivered: on with its handler */
        }
        if (n < b->n)
            block_exec_n(c, b, n, eip, ipmask);
        else
            block_exec(c, b, eip, ipmask);
        c->cur_block = NULL;   /* c->last_block: the block run last */
        if (UNLIKELY(step))
            dbg_block_end(c, true);
    }
out:
    c->cur_block = NULL;
    flags_get(c);
    if (c->shutdown) {
        c->exit_flags |= EXIT_AGAIN;
        return CPU_EXIT_SHUTDOWN;
    }
    c->exit_flags |= EXIT_AGAIN;
    return CPU_EXIT_BUDGET;
}

/* ---- debugger ---- */

void cpu_set_breakpoints(Cpu *c, const uint32_t *lin, int n)
{
    assert(n >= 0 && n <= CPU_MAX_BREAKPOINTS);
    memcpy(c->bp, lin, (size_t)n * sizeof *lin);
    c->nbp = n;
    dbg_sync(c);
}

void cpu_set_watchpoints(Cpu *c, const CpuWatch *w, int n)
{
    assert(n >= 0 && n <= CPU_MAX_WATCHPOINTS);
    if (n == c->nwp && !memcmp(c->wp, w, (size_t)n * sizeof *w))
        return;
    memcpy(c->wp, w, (size_t)n * sizeof *w);
    c->nwp = n;
    tlb_flush(c);   /* watched pages lose their TLB entries */
}

bool cpu_watch_hit(const Cpu *c, CpuWatch *w, uint32_t *lin)
{
    if (!c->wp_hit)
        return false;
    *w = c->wp_hit_w;
    *lin = c->wp_hit_lin;
    return true;
}

/* ---- public entry points ---- */

Cpu *cpu_new(Bus *bus, Clock *clock)
{
    Cpu *c = xzalloc(sizeof *c);
    c->bus = bus;
    c->clock = clock;
    c->arena = xmalloc(ARENA_BYTES);
    c->block_max = BLOCK_MAX;
    c->code_bitmap = xzalloc((1u << 20) / 8);
    c->scratch = xzalloc(sizeof(Block) + 2 * sizeof(Insn));
    jit_init(c);
    cpu_model_reduced(&c->model);   /* until the machine gives its own (cpu_set_model) */
    cpu_set_fpu(c, false);   /* no x87 until the machine gives one (cpu_set_fpu, cpu_set_model) */
    cpu_reset(c);
    return c;
}

void cpu_free(Cpu *c)
{
    if (!c)
        return;
    free(c->arena);
    jit_free(c);
    free(c->code_bitmap);
    free(c->scratch);
    free(c);
}

void cpu_reset(Cpu *c)
{
    CpuState *s = &c->s;
    CpuState keep = *s;   /* the MC banks' setup survives a reset, as QEMU's (cpu_set_model) */
    memset(s, 0, sizeof *s);
    s->mcg_cap = keep.mcg_cap;
    s->mcg_ctl = keep.mcg_ctl;
    memcpy(s->mce_banks, keep.mce_banks, sizeof s->mce_banks);
    memset(&c->lf, 0, sizeof c->lf);
    s->eflags = 2;
    s->eip = 0xfff0;
    s->regs[R_EDX] = c->model.signature;   /* CPUID.1 EAX: family, model, stepping */
    for (int k = 0; k < 6; k++)
        s->segs[k] = (CpuSeg){ .selector = 0, .base = 0, .limit = 0xffff, .flags = 0x9300 };
    s->segs[R_CS] = (CpuSeg){ .selector = 0xf000, .base = 0xffff0000u, .limit = 0xffff, .flags = 0x9b00 };
    s->ldt = (CpuSeg){ .limit = 0xffff, .flags = 0x8200 };
    s->tr = (CpuSeg){ .limit = 0xffff, .flags = 0x8b00 };
    s->gdt.limit = 0xffff;
    s->idt.limit = 0xffff;
    s->cr[0] = 0x60000010;
    s->dr[6] = 0xffff0ff0;
    s->dr[7] = 0x400;
    s->fpuc = 0x37f;          /* x87 as QEMU resets it: FNINIT's state, every register empty */
    c->fpcs = c->fpds = 0;
    s->mxcsr = 0x1f80;
    s->a20_mask = -1;
    s->smbase = 0x30000;
    s->pat = 0x0007040600070406ull;
    s->hflags2 = 0x101;
    s->interrupt_injected = -1;
    s->exception_nr = -1;
    s->xcr0 = 1;
    s->msr_ia32_misc_enable = 1;
    c->cpl = 0;
    c->shadow = false;
    c->nmi_pending = false;
    c->smi_pending = false;
    c->dbg_after = 0;
    cpu_flush_all(c);
    s->hflags = cpu_hflags(s);
}

/* QEMU's do_cpu_init keeps what CPUX86State holds between start_init_save and
 * end_init_save: the x87 and SSE state, SYSENTER and the other MSRs listed, SMBASE. */
#define INIT_KEEP(f) { offsetof(CpuState, f), sizeof ((CpuState *)0)->f }
static const struct { size_t off, len; } cpu_init_keep[] = {
    INIT_KEEP(fpuc), INIT_KEEP(fpus), INIT_KEEP(fptag), INIT_KEEP(fpregs_format),
    INIT_KEEP(fpregs), INIT_KEEP(fpop), INIT_KEEP(fpip), INIT_KEEP(fpdp), INIT_KEEP(mxcsr),
    INIT_KEEP(xmm), INIT_KEEP(ymmh), INIT_KEEP(sysenter_cs), INIT_KEEP(sysenter_esp),
    INIT_KEEP(sysenter_eip), INIT_KEEP(star), INIT_KEEP(vm_hsave), INIT_KEEP(tsc_aux),
    INIT_KEEP(xcr0), INIT_KEEP(mcg_status), INIT_KEEP(msr_ia32_misc_enable), INIT_KEEP(pat),
    INIT_KEEP(smbase), INIT_KEEP(msr_smi_count), INIT_KEEP(pkrs),
};

void cpu_init_reset(Cpu *c)
{
    CpuState k = c->s;
    uint16_t fpcs = c->fpcs, fpds = c->fpds;
    cpu_reset(c);
    for (size_t i = 0; i < ARRAY_SIZE(cpu_init_keep); i++)
        memcpy((char *)&c->s + cpu_init_keep[i].off, (const char *)&k + cpu_init_keep[i].off,
               cpu_init_keep[i].len);
    c->fpcs = fpcs;
    c->fpds = fpds;
}

void cpu_request_exit(Cpu *c) { c->exit_flags |= EXIT_REQ; }

void cpu_set_intr(Cpu *c, bool level)
{
    c->intr = level;
    if (level)
        c->exit_flags |= EXIT_INTR;
}

void cpu_set_intr_ack(Cpu *c, int (*ack)(void *opaque), void *opaque)
{
    c->ack = ack;
    c->ack_opaque = opaque;
}

void cpu_nmi(Cpu *c)
{
    c->nmi_pending = true;
    c->exit_flags |= EXIT_INTR;
}

void cpu_set_a20(Cpu *c, bool enabled)
{
    int32_t m = enabled ? -1 : (int32_t)0xffefffff;
    if (m != c->s.a20_mask) {
        c->s.a20_mask = m;
        tlb_flush(c);
        c->exit_flags |= EXIT_AGAIN;
    }
}

void cpu_set_apic(Cpu *c, bool present) { c->apic = present; }

void cpu_set_apicbase_msr(Cpu *c, uint64_t (*get)(void *opaque), void (*set)(void *opaque, uint64_t v),
                          void *opaque)
{
    c->apicbase_get = get;
    c->apicbase_set = set;
    c->apicbase_opaque = opaque;
}

CpuState *cpu_state(Cpu *c) { return &c->s; }
