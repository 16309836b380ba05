/* test_cpu_jit.c: compiled code (emu/cpu/jit.c, invariant 8 of cpu_int.h) against the
 * interpreter. Random loops built from every form the compiler takes, with forms it leaves
 * to block_exec between (random registers and immediates, memory operands on mapped pages,
 * on unassigned ones, across pages, through a segment with a base, and DS, ES and SS
 * loaded with flat segments and with based ones; forward jumps and the
 * loop's edge in the block; with paging that swaps the data pages two by two, so that an
 * access across pages is not one in host memory, and at the end of RAM), run on two
 * machines from the same state, one compiling each
 * block the first time it leaves block_exec and one interpreting, with the same drawn
 * budgets; after every cpu_run registers, EIP, EFLAGS, the lazy flags' five fields, the
 * instruction count and memory must be the same. Fixed seeds. */
#include "emu/cpu/cpu_int.h"
#include "tests/unit/cpu_test.h"

#define CODE_AT 0x1000u
#define COUNTER 0x3000u          /* the loop's count */
#define DATA 0x20000u            /* the data pages ESI and EDI point into */
#define DATA_END 0x24000u

typedef struct Rng { uint32_t x; } Rng;
static uint32_t rnd(Rng *r)
{
    r->x ^= r->x << 13;
    r->x ^= r->x >> 17;
    r->x ^= r->x << 5;
    return r->x;
}
static uint32_t pick(Rng *r, uint32_t n) { return rnd(r) % n; }

typedef struct Code {
    uint8_t b[4096];
    unsigned n;
    unsigned starts[256];       /* instruction boundaries of the loop's body */
    unsigned ninsn;
    struct { unsigned at, from, size; } jumps[64];   /* displacements to fill */
    unsigned njumps;
    uint32_t at;                /* where it is loaded */
    int imm_at;                 /* the imm32 of its last MOV r32, imm32, or -1 */
} Code;

static void put(Code *c, uint32_t v) { c->b[c->n++] = (uint8_t)v; }
static void put32(Code *c, uint32_t v)
{
    for (int k = 0; k < 4; k++)
        put(c, v >> (8 * k));
}

/* A register to write: any but ESP (the exceptions' stack). */
static unsigned dst_reg(Rng *r)
{
    unsigned g = pick(r, 7);
    return g >= 4 ? g + 1 : g;
}

/* A displacement that sometimes puts a 4-byte access across a page. */
static uint32_t disp(Rng *r)
{
    switch (pick(r, 5)) {   /* ESI is often 4 bytes before a page's end or less */
    case 0: return pick(r, 4);
    case 1: return pick(r, 64);
    case 2: return 0x1000 + pick(r, 4);
    case 3: return (uint32_t)-(int32_t)pick(r, 32);
    default: return rnd(r);
    }
}

/* ModRM (reg field reg) with a memory operand: [base + disp], [base + index * s + disp],
 * [disp32], [index * s + disp32], mostly through ESI and EDI. */
static void modrm_mem(Code *c, Rng *r, unsigned reg)
{
    static const uint8_t bases[] = { 6, 6, 6, 7, 7, 5, 4, 0, 3 };
    unsigned base = bases[pick(r, sizeof bases)];
    uint32_t d = disp(r);
    switch (pick(r, 5)) {
    case 0:   /* [disp32] */
        put(c, reg << 3 | 5);
        put32(c, DATA + pick(r, DATA_END - DATA));
        return;
    case 1: { /* [index * s + disp32] */
        unsigned index = pick(r, 2) ? 7 : dst_reg(r);
        put(c, reg << 3 | 4);
        put(c, pick(r, 4) << 6 | index << 3 | 5);
        put32(c, DATA + pick(r, 0x1000));
        return;
    }
    case 2: { /* [base + index * s + disp8] */
        unsigned index = pick(r, 2) ? 7 : pick(r, 8);
        if (index == 4)
            index = 7;
        put(c, 0x40 | reg << 3 | 4);
        put(c, pick(r, 4) << 6 | index << 3 | base);
        put(c, d);
        return;
    }
    default:  /* [base + disp8 / disp32] */
        if (pick(r, 2)) {
            put(c, 0x40 | reg << 3 | (base == 4 ? 4 : base));
            if (base == 4)
                put(c, 0x24);
            put(c, d);
        } else {
            put(c, 0x80 | reg << 3 | (base == 4 ? 4 : base));
            if (base == 4)
                put(c, 0x24);
            put32(c, d);
        }
    }
}

/* ModRM with register operands. */
static void modrm_reg(Code *c, unsigned reg, unsigned rm) { put(c, 0xc0 | reg << 3 | rm); }

/* A jump from this instruction to a later boundary of the body (filled in by loop_code). */
static void jump_fwd(Code *c, Rng *r, bool near)
{
    if (c->njumps == 64) {
        put(c, 0x90);
        return;
    }
    unsigned cc = pick(r, 17);
    if (cc == 16) {
        put(c, 0xe9);   /* JMP rel32 */
    } else if (near) {
        put(c, 0x0f);
        put(c, 0x80 | cc);
    } else {
        put(c, 0x70 | cc);
    }
    c->jumps[c->njumps].at = c->n;
    c->jumps[c->njumps].from = c->ninsn - 1;   /* this jump's index in the body */
    c->jumps[c->njumps++].size = near || cc == 16 ? 4 : 1;
    if (near || cc == 16)
        put32(c, 0);
    else
        put(c, 0);
}

static void insn_one(Code *c, Rng *r);

/* One random instruction of the body, sometimes with an FS or GS prefix (segments with a
 * base: machine_set), sometimes with PUSHF and a POP after it, which put every flag it
 * left into a register. */
static void insn(Code *c, Rng *r)
{
    if (!pick(r, 6))
        put(c, pick(r, 2) ? 0x64 : 0x65);
    insn_one(c, r);
    if (!pick(r, 6)) {
        put(c, 0x9c);
        put(c, 0x58 + dst_reg(r));
    }
}

static void insn_one(Code *c, Rng *r)
{
    unsigned op = pick(r, 8), d = dst_reg(r), s = pick(r, 8), cc = pick(r, 16);
    switch (pick(r, 38)) {
    case 0: put(c, op << 3 | 1); modrm_reg(c, s, d); break;            /* ALU Ed, Gd */
    case 1: put(c, op << 3 | 3); modrm_reg(c, d, s); break;            /* ALU Gd, Ed */
    case 2: put(c, 0x81); modrm_reg(c, op, d); put32(c, rnd(r)); break;
    case 3: put(c, 0x83); modrm_reg(c, op, d); put(c, rnd(r)); break;
    case 4: put(c, op << 3 | 5); put32(c, pick(r, 2) ? rnd(r) : pick(r, 4)); break;
    case 5: put(c, 0x85); modrm_reg(c, s, d); break;                   /* TEST */
    case 6: if (pick(r, 2)) { put(c, 0xf7); modrm_reg(c, 0, d); put32(c, rnd(r)); }
            else { put(c, 0xa9); put32(c, rnd(r)); }
            break;
    case 7: put(c, (pick(r, 2) ? 0x40 : 0x48) + d); break;             /* INC, DEC */
    case 8: put(c, pick(r, 2) ? 0x89 : 0x8b); if (c->b[c->n - 1] == 0x89) modrm_reg(c, s, d);
            else modrm_reg(c, d, s);
            break;
    case 9: if (pick(r, 2)) { put(c, 0xb8 + d); c->imm_at = (int)c->n; put32(c, rnd(r)); }
            else { put(c, 0xc7); modrm_reg(c, 0, d); put32(c, rnd(r)); }
            break;
    case 10: put(c, 0x8d); modrm_mem(c, r, d); break;                  /* LEA */
    case 11: if (pick(r, 2)) { put(c, 0x0f); put(c, 0xaf); modrm_reg(c, d, s); }
             else if (pick(r, 2)) { put(c, 0x69); modrm_reg(c, d, s); put32(c, rnd(r)); }
             else { put(c, 0x6b); modrm_reg(c, d, s); put(c, rnd(r)); }
             break;
    case 12: case 13: {   /* shifts and rotates by an immediate, 0, 1 and over 31 too */
        static const uint8_t counts[] = { 0, 1, 1, 2, 5, 11, 31, 32, 33 };
        put(c, 0xc1);
        modrm_reg(c, pick(r, 8), d);
        put(c, pick(r, 2) ? counts[pick(r, sizeof counts)] : rnd(r));
        break;
    }
    case 14: put(c, 0xf7); modrm_reg(c, pick(r, 2) ? 2 : 3, d); break; /* NOT, NEG */
    case 15: put(c, 0x0f); put(c, 0xb6 + pick(r, 2) + 8 * pick(r, 2));   /* MOVZX, MOVSX */
             if (pick(r, 2)) modrm_reg(c, d, s); else modrm_mem(c, r, d);
             break;
    case 16: put(c, 0x0f); put(c, 0x90 | cc);                          /* SETcc */
             if (pick(r, 3)) modrm_reg(c, 0, pick(r, 8) == 4 ? 0 : dst_reg(r) & 7);
             else modrm_mem(c, r, 0);
             break;
    case 17: put(c, 0x0f); put(c, 0x40 | cc);                          /* CMOVcc */
             if (pick(r, 2)) modrm_reg(c, d, s); else modrm_mem(c, r, d);
             break;
    case 18: put(c, 0x8b); modrm_mem(c, r, d); break;                  /* MOV loads, stores */
    case 19: put(c, 0x89); modrm_mem(c, r, s); break;
    case 20: put(c, 0xc7); modrm_mem(c, r, 0); put32(c, rnd(r)); break;
    case 21: put(c, pick(r, 2) ? 0xa1 : 0xa3); put32(c, DATA + pick(r, DATA_END - DATA)); break;
    case 22: put(c, op << 3 | 3); modrm_mem(c, r, d); break;           /* ALU Gd, memory */
    case 23: put(c, op << 3 | 1); modrm_mem(c, r, s); break;           /* ALU memory, Gd */
    case 24: {   /* ALU memory, Id or Ib */
        bool wide = pick(r, 2);
        put(c, wide ? 0x81 : 0x83);
        modrm_mem(c, r, op);
        if (wide) put32(c, rnd(r)); else put(c, rnd(r));
        break;
    }
    case 25: put(c, 0xff); modrm_mem(c, r, pick(r, 2)); break;         /* INC, DEC memory */
    case 26: case 27: jump_fwd(c, r, pick(r, 2)); break;
    case 28: case 29: {   /* forms the compiler leaves to their handlers */
        static const uint8_t one[] = { 0x99, 0x98, 0x90, 0xf5, 0xf8, 0xf9, 0x9c };
        switch (pick(r, 15)) {
        case 13:   /* DS, ES or SS loaded, flat (0x10) or with a base (0x18): compiled
                      code must not go on after it (Cpu.jit_flat) */
            put(c, 0x6a), put(c, pick(r, 2) ? 0x10 : 0x18);   /* push imm8 */
            put(c, pick(r, 3) == 0 ? 0x17 : pick(r, 2) ? 0x1f : 0x07);   /* pop ss, ds, es */
            break;
        case 6: put(c, 0xf7);                                           /* MUL, IMUL */
                if (pick(r, 3)) modrm_reg(c, 4 + pick(r, 2), s); else modrm_mem(c, r, 4 + pick(r, 2));
                break;
        case 7: put(c, 0x31); modrm_reg(c, R_EDX, R_EDX);                /* DIV: #DE by 0 */
                put(c, 0xf7); modrm_reg(c, 6, s);
                break;
        case 8:   /* BT BTS BTR BTC by an immediate, or of a register by one; two in a row */
            for (unsigned n = 1 + pick(r, 2), m = 0; m < n; m++) {
                if (pick(r, 3)) {
                    put(c, 0x0f); put(c, 0xba);
                    if (pick(r, 2)) modrm_reg(c, 4 + pick(r, 4), d); else modrm_mem(c, r, 4 + pick(r, 4));
                    put(c, rnd(r));
                } else {
                    put(c, 0x0f); put(c, 0xa3 + 8 * pick(r, 4));
                    modrm_reg(c, s, d);
                }
            }
            if (pick(r, 2)) {   /* a SETcc of any condition right after: only CF is BT's */
                put(c, 0x0f); put(c, 0x90 | cc);
                modrm_reg(c, 0, pick(r, 8));
            }
            break;
        case 9: put(c, 0xb9); put32(c, pick(r, 7));                      /* a REP that counts */
                put(c, 0xf3); put(c, 0xac);
                break;
        case 10: put(c, 0x0f); put(c, 0xb1); modrm_reg(c, s, d); break;  /* CMPXCHG */
        case 11: put(c, 0x87); modrm_mem(c, r, d); break;                /* XCHG memory */
        case 12:   /* writes its own code: the imm32 of an earlier MOV (add byte [abs], ib) */
            if (c->imm_at >= 0) {
                put(c, 0x80), put(c, 0x05);
                put32(c, c->at + (uint32_t)c->imm_at + pick(r, 4));
                put(c, rnd(r));
            }
            break;
        case 0: put(c, one[pick(r, sizeof one)]); if (c->b[c->n - 1] == 0x9c) put(c, 0x58 + d); break;
        case 1: put(c, 0x50 + s); put(c, 0x58 + d); break;                  /* PUSH, POP */
        case 2: put(c, op << 3 | 0); modrm_reg(c, s, pick(r, 8)); break;    /* 8-bit ALU */
        case 3: put(c, 0xd1); modrm_reg(c, pick(r, 8), d); break;           /* by 1 */
        case 4: put(c, 0x0f); put(c, 0xc8 + d); break;                      /* BSWAP */
        default: put(c, 0x66); put(c, 0x89); modrm_reg(c, s, d); break;     /* 16-bit MOV */
        }
        break;
    }
    case 30: put(c, 0xd3); modrm_reg(c, pick(r, 8), d); break;          /* shifts by CL */
    case 31: put(c, 0x66); put(c, pick(r, 2) ? 0x89 : 0x8b);            /* 16-bit MOV */
             if (pick(r, 2)) modrm_mem(c, r, s); else modrm_reg(c, s, d);
             break;
    case 32: put(c, pick(r, 2) ? 0x88 : 0x8a); modrm_mem(c, r, pick(r, 8)); break;   /* 8-bit */
    case 33: put(c, 0xb0 + pick(r, 8)); put(c, rnd(r)); break;         /* MOV r8, imm8 */
    case 34: {   /* 16-bit shifts and rotates by an immediate */
        static const uint8_t counts[] = { 0, 1, 1, 2, 7, 15, 16, 17, 31 };
        put(c, 0x66), put(c, 0xc1);
        modrm_reg(c, pick(r, 8), d);
        put(c, pick(r, 2) ? counts[pick(r, sizeof counts)] : rnd(r));
        break;
    }
    case 35: case 36:   /* 8-bit ALU operations and TEST, AH..BH too */
        switch (pick(r, 7)) {
        case 0: put(c, op << 3); modrm_reg(c, pick(r, 8), pick(r, 8)); break;       /* EbGb */
        case 1: put(c, op << 3 | 2); modrm_reg(c, pick(r, 8), pick(r, 8)); break;   /* GbEb */
        case 2: put(c, op << 3 | 2); modrm_mem(c, r, pick(r, 8)); break;
        case 3: put(c, op << 3 | 4); put(c, rnd(r)); break;                        /* AL, Ib */
        case 4: put(c, 0x80); modrm_reg(c, op, pick(r, 8)); put(c, rnd(r)); break; /* EbIb */
        case 5: put(c, 0x80); modrm_mem(c, r, op); put(c, rnd(r)); break;
        default:
            switch (pick(r, 4)) {
            case 0: put(c, 0x84); modrm_reg(c, pick(r, 8), pick(r, 8)); break;
            case 1: put(c, 0xa8); put(c, rnd(r)); break;
            case 2: put(c, 0xf6); modrm_reg(c, 0, pick(r, 8)); put(c, rnd(r)); break;
            default: put(c, 0xf6); modrm_mem(c, r, 0); put(c, rnd(r)); break;
            }
        }
        break;
    default: put(c, 0x0f); put(c, 0xaf); modrm_mem(c, r, d); break;    /* IMUL Gd, memory */
    }
}

/* Fills the jumps from jump0 on: each to a random later instruction or the end (starts[]
 * up to ninsn); a short one that cannot reach goes to the next instruction. */
static void fill_jumps(Code *c, Rng *r, unsigned jump0)
{
    for (unsigned k = jump0; k < c->njumps; k++) {
        unsigned from = c->jumps[k].from;
        unsigned to = from + 1 + pick(r, c->ninsn - from);
        unsigned end = c->jumps[k].at + c->jumps[k].size;
        int32_t rel = (int32_t)c->starts[to] - (int32_t)end;
        if (c->jumps[k].size == 1 && rel > 127)
            rel = 0;
        if (c->jumps[k].size == 1)
            c->b[c->jumps[k].at] = (uint8_t)rel;
        else
            memcpy(&c->b[c->jumps[k].at], &rel, 4);
    }
}

/* mov dword [COUNTER], iters; l: body; dec dword [COUNTER]; jnz l; hlt */
static void loop_code(Code *c, Rng *r, unsigned len, unsigned iters)
{
    c->n = c->ninsn = c->njumps = 0;
    c->at = CODE_AT;
    c->imm_at = -1;
    put(c, 0xc7), put(c, 0x05), put32(c, COUNTER), put32(c, iters);
    unsigned top = c->n;
    for (unsigned k = 0; k < len; k++) {
        c->starts[c->ninsn++] = c->n;
        insn(c, r);
    }
    c->starts[c->ninsn] = c->n;   /* the DEC: a jump may go there */
    put(c, 0xff), put(c, 0x0d), put32(c, COUNTER);
    put(c, 0x0f), put(c, 0x85), put32(c, (uint32_t)(top - (c->n + 4)));
    put(c, 0xf4);
    fill_jumps(c, r, 0);
}

/* The state both machines start from: segbase, DS with a base; paging, the data pages
 * swapped two by two (page tables at 0x10000, t_map_identity). */
static void machine_set(T *t, const Code *code, uint32_t seed, bool segbase, bool paging)
{
    Rng r = { seed * 0x9e3779b9u | 1 };
    t_flat(t, CODE_AT, code->b, code->n);
    t_vectors_flat(t);
    t_gdt_set(t, 0x18, 0x100, 0xfffff, 0x93, 0xc0);   /* data with a base (insn_one) */
    for (uint32_t a = DATA; a < DATA_END; a += 4)
        t_wr32(t, a, rnd(&r));
    for (int k = 0; k < 8; k++)
        S(t)->regs[k] = rnd(&r);
    S(t)->regs[R_ESP] = 0x80000 - 4 * pick(&r, 64);
    S(t)->regs[R_ESI] = DATA + (pick(&r, 2) ? pick(&r, 0x3000) : 0xffc + 0x1000 * pick(&r, 3));
    if (!pick(&r, 8))   /* accesses across the end of RAM */
        S(t)->regs[R_ESI] = RAM_SIZE - 64 + pick(&r, 64);
    S(t)->regs[R_EDI] = pick(&r, 0x800);
    if (pick(&r, 2))
        S(t)->regs[R_EBP] = DATA + pick(&r, 0x3000);
    S(t)->eflags = 2 | (rnd(&r) & F_ARITH);
    if (segbase)   /* DS not flat: every access through it takes the handler */
        S(t)->segs[R_DS].base = 0x100;
    /* FS with a base (as Linux's per-CPU data): compiled with the base added; GS with
     * one too (wrapping past 4 GiB), or for some seeds a limit in the middle of the data
     * pages, which the accesses past it fault on (#GP), though the TLB holds their pages */
    S(t)->segs[R_FS].base = 0x40 * pick(&r, 4);
    S(t)->segs[R_GS].base = (uint32_t)-0x1000 * pick(&r, 2) + 8 * pick(&r, 4);
    if (!pick(&r, 4)) {
        S(t)->segs[R_GS].base = 0;
        S(t)->segs[R_GS].limit = DATA + 0x1fff;
    }
    cpu_flush_all(t->cpu);
    if (paging) {
        t_map_identity(t, 7, false);
        for (uint32_t p = DATA >> 12; p < DATA_END >> 12; p++)
            t_wr32(t, 0x11000 + 4 * p, (p ^ 1) << 12 | 7);
        t_paging_on(t);
    }
}

static void same_state(T *a, T *b, uint32_t seed, unsigned run)
{
    const Cpu *x = a->cpu, *y = b->cpu;
    for (int k = 0; k < 8; k++)
        ck_assert_msg(x->s.regs[k] == y->s.regs[k], "seed %u run %u: reg %d %08x, interpreter %08x",
                      seed, run, k, x->s.regs[k], y->s.regs[k]);
    ck_assert_msg(x->s.eip == y->s.eip, "seed %u run %u: eip %08x, interpreter %08x", seed, run,
                  x->s.eip, y->s.eip);
    ck_assert_msg(x->s.eflags == y->s.eflags, "seed %u run %u: eflags %08x, interpreter %08x",
                  seed, run, x->s.eflags, y->s.eflags);
    ck_assert_msg(!memcmp(&x->lf, &y->lf, sizeof x->lf),
                  "seed %u run %u: lf %u %08x %08x %08x %08x, interpreter %u %08x %08x %08x %08x",
                  seed, run, x->lf.op, x->lf.res, x->lf.aux, x->lf.op1, x->lf.op2, y->lf.op,
                  y->lf.res, y->lf.aux, y->lf.op1, y->lf.op2);
    ck_assert_msg(a->clock.icount == b->clock.icount, "seed %u run %u: icount %llu, interpreter %llu",
                  seed, run, (unsigned long long)a->clock.icount, (unsigned long long)b->clock.icount);
    ck_assert_msg(!memcmp(a->ram, b->ram, 0x30000) && !memcmp(a->ram + 0x70000, b->ram + 0x70000, 0x10000),
                  "seed %u run %u: memory differs", seed, run);
}

/* Runs both machines in random budgets (1-40 or 1-2000 instructions) until they halt
 * (400 budgets at most), comparing their states after each and their memory at the end. */
static void run_both(T *a, T *b, Rng *r, uint32_t seed)
{
    for (unsigned run = 0; run < 400; run++) {
        uint64_t budget = pick(r, 4) ? 1 + pick(r, 40) : 1 + pick(r, 2000);
        int ra = cpu_run(a->cpu, budget), rb = cpu_run(b->cpu, budget);
        ck_assert_int_eq(ra, rb);
        same_state(a, b, seed, run);
        if (ra == CPU_EXIT_HALT)
            break;
    }
    ck_assert_msg(!memcmp(a->ram, b->ram, RAM_SIZE), "seed %u: memory differs", seed);
}

/* Runs both machines in budgets of 1 to max instructions drawn from seed, comparing their
 * states after each, until they halt. */
static void run_to_halt(T *a, T *b, uint32_t seed, uint32_t max)
{
    Rng r = { seed };
    for (unsigned run = 0; run < 100000; run++) {
        uint64_t budget = 1 + pick(&r, max);
        int ra = cpu_run(a->cpu, budget), rb = cpu_run(b->cpu, budget);
        ck_assert_int_eq(ra, rb);
        same_state(a, b, 0, run);
        if (ra == CPU_EXIT_HALT)
            break;
    }
}

/* One loop from seed on both machines (a compiles, after hot leaves, b interprets; reset
 * here), budgets drawn from it; returns the blocks a compiled. */
static uint64_t jit_case(T *a, T *b, uint32_t seed, unsigned hot)
{
    static Code code;
    Rng r = { seed * 0x85ebca6bu | 1 };
    loop_code(&code, &r, 4 + pick(&r, 40), 1 + pick(&r, 60));
    bool segbase = pick(&r, 8) == 0, paging = pick(&r, 3) == 0;
    uint64_t blocks = a->cpu->jit_blocks;
    a->cpu->jit_hot = (uint16_t)hot;
    a->cpu->jit_run_min = (uint8_t)(1 + seed % 4);   /* every form, in runs of any length */
    /* for some seeds no block compiled whole: runs of compiled forms with block_exec's
     * forms and handlers between */
    a->cpu->jit_chain_min = (uint8_t)(seed % 3 ? JIT_CHAIN_MIN : 255);
    for (int m = 0; m < 2; m++) {
        T *t = m ? b : a;
        memset(t->ram, 0, 0x90000);   /* code, tables, data and stack */
        cpu_reset(t->cpu);
        machine_set(t, &code, seed, segbase, paging);
    }
    run_both(a, b, &r, seed);
    return a->cpu->jit_blocks - blocks;
}

/* ---- programs of short blocks: calls, returns, pushes, pops, jumps between blocks ---- */
#define FAR_AT 0x5000u          /* functions on another page: a CALL there ends its block */

typedef struct Prog {
    Code near, far;             /* at CODE_AT (the loop, then near functions) and FAR_AT */
    uint32_t fn_at[8];          /* each function's address */
    unsigned nfn;
    struct { Code *c; unsigned at, fn; } calls[256];   /* rel32s to fill */
    unsigned ncalls;
} Prog;

/* One balanced item of a body (the stack as before it at its end): an instruction (a
 * jump of insn's to a later item too), a PUSH
 * and a POP around some, a CALL of a function above fn (no recursion), a RET (in a
 * function), or a jump forward to a later item's start (jumps[], filled by body_code). */
static void item(Prog *p, Code *c, Rng *r, unsigned fn, bool in_fn)
{
    unsigned n;
    switch (pick(r, 12)) {
    case 0: case 1: case 2: case 3:
        insn(c, r);
        break;
    case 9: {   /* a frame: PUSH EBP, MOV EBP, ESP, instructions without jumps, LEAVE */
        unsigned nj = c->njumps;
        c->njumps = 64;
        put(c, 0x55), put(c, 0x89), put(c, 0xe5);
        for (n = pick(r, 3); n; n--)
            insn(c, r);
        put(c, 0xc9);
        c->njumps = nj;
        break;
    }
    case 4: case 5: {   /* PUSH (ESP too), instructions without jumps (a full list), POP */
        unsigned nj = c->njumps;
        c->njumps = 64;
        put(c, 0x50 + pick(r, 8));
        for (n = pick(r, 3); n; n--)
            insn(c, r);
        put(c, 0x58 + dst_reg(r));
        c->njumps = nj;
        break;
    }
    case 6: case 7:
        if (fn + 1 < p->nfn && p->ncalls < 256) {
            put(c, 0xe8);
            p->calls[p->ncalls].c = c;
            p->calls[p->ncalls].at = c->n;
            p->calls[p->ncalls++].fn = fn + 1 + pick(r, p->nfn - fn - 1);
            put32(c, 0);
        }
        break;
    case 8:
        if (in_fn) {
            put(c, 0xc3);
            break;
        }
        /* fall through */
    default: {   /* Jcc or JMP, rel8 or rel32 */
        if (c->njumps == 64)
            break;
        unsigned cc = pick(r, 18);
        bool near = pick(r, 2);
        if (cc >= 16)
            put(c, near ? 0xe9 : 0xeb);
        else if (near)
            put(c, 0x0f), put(c, 0x80 | cc);
        else
            put(c, 0x70 | cc);
        c->jumps[c->njumps].at = c->n;
        c->jumps[c->njumps].from = c->ninsn - 1;
        c->jumps[c->njumps++].size = near ? 4 : 1;
        if (near)
            put32(c, 0);
        else
            put(c, 0);
    }
    }
}

/* len items (starts[] their offsets), then the jumps among them filled: to a later item
 * or to the end. */
static void body_code(Prog *p, Code *c, Rng *r, unsigned len, unsigned fn, bool in_fn)
{
    unsigned first = c->ninsn, jump0 = c->njumps;
    for (unsigned k = 0; k < len && c->n < sizeof c->b - 64; k++) {
        c->starts[c->ninsn++] = c->n;
        item(p, c, r, fn, in_fn);
    }
    c->starts[c->ninsn] = c->n;   /* the end */
    fill_jumps(c, r, jump0);
    c->ninsn = first;   /* the next body's items are its own */
    c->njumps = jump0;
}

/* mov dword [COUNTER], iters; l: items; dec dword [COUNTER]; jnz l; hlt; then functions of
 * items and a RET, near (on the loop's page, where a CALL goes on in its block) or far. */
static void prog_code(Prog *p, Rng *r, unsigned len, unsigned iters)
{
    Code *c = &p->near;
    p->near.n = p->near.ninsn = p->near.njumps = 0;
    p->far.n = p->far.ninsn = p->far.njumps = 0;
    p->near.at = CODE_AT, p->far.at = FAR_AT;
    p->near.imm_at = p->far.imm_at = -1;
    p->nfn = 1 + pick(r, 7);
    p->ncalls = 0;
    put(c, 0xc7), put(c, 0x05), put32(c, COUNTER), put32(c, iters);
    unsigned top = c->n;
    body_code(p, c, r, len, 0, false);
    put(c, 0xff), put(c, 0x0d), put32(c, COUNTER);
    put(c, 0x0f), put(c, 0x85), put32(c, (uint32_t)(top - (c->n + 4)));
    put(c, 0xf4);
    for (unsigned f = 1; f < p->nfn; f++) {   /* function 0 is the loop */
        Code *fc = pick(r, 2) ? &p->near : &p->far;
        p->fn_at[f] = (fc == &p->near ? CODE_AT : FAR_AT) + fc->n;
        body_code(p, fc, r, 1 + pick(r, 8), f, true);
        put(fc, 0xc3);
    }
    for (unsigned k = 0; k < p->ncalls; k++) {
        Code *cc = p->calls[k].c;
        uint32_t from = (cc == &p->near ? CODE_AT : FAR_AT) + p->calls[k].at + 4;
        uint32_t rel = p->fn_at[p->calls[k].fn] - from;
        memcpy(&cc->b[p->calls[k].at], &rel, 4);
    }
}

/* One program from seed on both machines, as jit_case; returns the exits a chained. */
static uint64_t chain_case(T *a, T *b, uint32_t seed, unsigned hot)
{
    static Prog prog;
    Rng r = { seed * 0x27d4eb2du | 1 };
    prog_code(&prog, &r, 2 + pick(&r, 30), 1 + pick(&r, 60));
    bool paging = pick(&r, 3) == 0;
    uint64_t links = a->cpu->jit_links;
    a->cpu->jit_hot = (uint16_t)hot;
    a->cpu->jit_run_min = (uint8_t)(1 + pick(&r, 10));
    a->cpu->jit_chain_min = (uint8_t)(1 + pick(&r, 3));   /* whole blocks, shorter */
    for (int m = 0; m < 2; m++) {
        T *t = m ? b : a;
        memset(t->ram, 0, 0x90000);
        cpu_reset(t->cpu);
        memcpy(t->ram + FAR_AT, prog.far.b, prog.far.n);
        machine_set(t, &prog.near, seed, false, paging);
    }
    run_both(a, b, &r, seed);
    return a->cpu->jit_links - links;
}

/* Thousands of random programs of short blocks: compiled code that goes from block to
 * block (chaining) leaves the machine as the interpreter does after every run, and it
 * did chain. */
START_TEST(test_cpu_jit_random_chains_match_the_interpreter)
{
    uint64_t links = 0;
    unsigned cases = 800;
    T *a = t_new(), *b = t_new();
    b->cpu->jit = false;
    for (unsigned k = 0; k < cases; k++)
        links += chain_case(a, b, _i * cases + k + 1, 1 + (k % 3));
    ck_assert_uint_ge(links, cases);
    t_free(a);
    t_free(b);
}
END_TEST

/* A loop that calls a function on another page and then rewrites the function's
 * immediate: compiled code must not chain to the function's old code (chain_gen). */
START_TEST(test_cpu_jit_chain_follows_rewritten_code)
{
    static const uint8_t code[] = {
        0xb9, 0x00, 0x02, 0x00, 0x00,          /* mov ecx, 512 */
        0x31, 0xdb,                            /* xor ebx, ebx */
        0xe8, 0xf4, 0x3f, 0x00, 0x00,          /* l: call FAR_AT (0x5000) */
        0x01, 0xc3,                            /* add ebx, eax */
        0xf6, 0xc1, 0x03,                      /* test cl, 3 */
        0x75, 0x06,                            /* jnz over */
        0xff, 0x05, 0x01, 0x50, 0x00, 0x00,    /* inc dword [FAR_AT + 1]: the immediate */
        0x49,                                  /* over: dec ecx */
        0x75, 0xeb,                            /* jnz l */
        0xf4,                                  /* hlt */
    };
    static const uint8_t fn[] = {
        0xb8, 0x01, 0x00, 0x00, 0x00,          /* mov eax, 1 */
        0x01, 0xc2,                            /* add edx, eax */
        0xc3,                                  /* ret */
    };
    T *a = t_new(), *b = t_new();
    b->cpu->jit = false;
    a->cpu->jit_hot = 1;
    a->cpu->jit_run_min = 1;
    for (int m = 0; m < 2; m++) {
        T *t = m ? b : a;
        memcpy(t->ram + FAR_AT, fn, sizeof fn);
        t_flat(t, CODE_AT, code, sizeof code);
    }
    run_to_halt(a, b, 99, 50);
    ck_assert_uint_eq(S(a)->regs[R_ECX], 0);
    ck_assert_uint_gt(a->cpu->jit_links, 0);
    t_free(a);
    t_free(b);
}
END_TEST

/* A compiled block in which a handler (an 8-bit ADD to memory, compiled as a call of it)
 * rewrites, every fourth time round, the immediate of a MOV later in the same block:
 * compiled code must leave there (EXIT_SMC), so that the MOV runs with its new immediate,
 * as interpreted. */
START_TEST(test_cpu_jit_handler_rewrites_its_own_block)
{
    static const uint8_t code[] = {
        0xb9, 0x00, 0x01, 0x00, 0x00,          /* mov ecx, 256 */
        0x31, 0xf6,                            /* xor esi, esi */
        0x01, 0xd8,                            /* l: add eax, ebx */
        0x01, 0xc3,                            /* add ebx, eax */
        0x31, 0xc5,                            /* xor ebp, eax */
        0xf6, 0xc1, 0x03,                      /* test cl, 3 */
        0x75, 0x07,                            /* jnz over */
        0x80, 0x05, 0x1a, 0x10, 0x00, 0x00, 0x01,   /* add byte [CODE_AT + 26], 1 */
        0xba, 0x00, 0x00, 0x00, 0x00,          /* over: mov edx, imm32 (at CODE_AT + 26) */
        0x01, 0xd6,                            /* add esi, edx */
        0x49,                                  /* dec ecx */
        0x75, 0xe4,                            /* jnz l */
        0xf4,                                  /* hlt */
    };
    T *a = t_new(), *b = t_new();
    b->cpu->jit = false;
    a->cpu->jit_hot = 1;
    for (int m = 0; m < 2; m++)
        t_flat(m ? b : a, CODE_AT, code, sizeof code);
    run_to_halt(a, b, 7, 100);
    uint32_t sum = 0, imm = 0;
    for (uint32_t ecx = 256; ecx; ecx--)
        sum += imm += (ecx & 3) == 0;
    ck_assert_uint_eq(S(a)->regs[R_ESI], sum);
    ck_assert_uint_gt(a->cpu->jit_blocks, 0);
    t_free(a);
    t_free(b);
}
END_TEST

/* Thousands of random loops: the compiled machine is the interpreting one after every run,
 * and it did compile. */
START_TEST(test_cpu_jit_random_loops_match_the_interpreter)
{
    uint64_t compiled = 0;
    unsigned cases = 800;
    T *a = t_new(), *b = t_new();
    ck_assert(a->cpu->jit);
    b->cpu->jit = false;
    for (unsigned k = 0; k < cases; k++)
        compiled += jit_case(a, b, _i * cases + k + 1, 1 + (k % 3));
    ck_assert_uint_ge(compiled, cases);
    t_free(a);
    t_free(b);
}
END_TEST

/* lib/mpi's mpihelp_addmul_1 loop (MUL and ADC left to block_exec between compiled MOV,
 * ADD, ADC with memory, LEA-free INC and the loop's JNZ): the same sums as interpreted. */
START_TEST(test_cpu_jit_mpi_loop_matches_the_interpreter)
{
    static const uint8_t code[] = {
        0xb9, 0x00, 0xfc, 0xff, 0xff,          /* mov ecx, -1024 */
        0xbe, 0x00, 0x30, 0x01, 0x00,          /* mov esi, 0x13000: the source end */
        0xbf, 0x00, 0x20, 0x01, 0x00,          /* mov edi, 0x12000: the sums' end */
        0x31, 0xdb,                            /* xor ebx, ebx: the carry limb */
        0x8b, 0x04, 0x8e,                      /* l: mov eax, [esi + ecx*4] */
        0xf7, 0xe5,                            /* mul ebp */
        0x01, 0xd8,                            /* add eax, ebx */
        0x83, 0xd2, 0x00,                      /* adc edx, 0 */
        0x01, 0x04, 0x8f,                      /* add [edi + ecx*4], eax */
        0x83, 0xd2, 0x00,                      /* adc edx, 0 */
        0x89, 0xd3,                            /* mov ebx, edx */
        0x41,                                  /* inc ecx */
        0x75, 0xeb,                            /* jnz l */
        0xf4,                                  /* hlt */
    };
    T *a = t_new(), *b = t_new();
    a->cpu->jit_run_min = 1;   /* the run between MULs is short */
    b->cpu->jit = false;
    Rng r = { 12345 };
    uint32_t ebp = rnd(&r);
    for (int m = 0; m < 2; m++) {
        T *t = m ? b : a;
        t_flat(t, CODE_AT, code, sizeof code);
        Rng d = { 777 };
        for (uint32_t x = 0x11000; x < 0x13000; x += 4)
            t_wr32(t, x, rnd(&d));
        S(t)->regs[R_EBP] = ebp;
    }
    for (int run = 0; run < 10000; run++) {
        int ra = cpu_run(a->cpu, 97), rb = cpu_run(b->cpu, 97);
        ck_assert_int_eq(ra, rb);
        same_state(a, b, 0, (unsigned)run);
        if (ra == CPU_EXIT_HALT)
            break;
    }
    ck_assert_uint_eq(S(a)->regs[R_ECX], 0);
    ck_assert_uint_gt(a->cpu->jit_blocks, 0);
    t_free(a);
    t_free(b);
}
END_TEST

static Suite *cpu_jit_suite(void)
{
    Suite *s = suite_create("cpu_jit");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 600);
    tcase_add_loop_test(tc, test_cpu_jit_random_loops_match_the_interpreter, 0, 8);
    tcase_add_test(tc, test_cpu_jit_mpi_loop_matches_the_interpreter);
    tcase_add_loop_test(tc, test_cpu_jit_random_chains_match_the_interpreter, 0, 8);
    tcase_add_test(tc, test_cpu_jit_chain_follows_rewritten_code);
    tcase_add_test(tc, test_cpu_jit_handler_rewrites_its_own_block);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *r = srunner_create(cpu_jit_suite());
    srunner_run_all(r, CK_NORMAL);
    int failed = srunner_ntests_failed(r);
    srunner_free(r);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
