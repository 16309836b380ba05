/* cpu_int.h: the interpreter's private state and its inline fast paths. Included only by
 * the files of emu/cpu.
 *
 * NOTES ON THE DESIGN (cited as "invariant N" in the code)
 *  1. Decode once: an instruction is decoded into an Insn (handler pointer plus operands)
 *     the first time its bytes run; Insns live in Blocks of straight-line code that start
 *     at a physical address, never cross a 4 KiB page and end after any instruction that
 *     may change control flow, CS, paging, the memory map or interrupt state (flag END in
 *     opcodes.def), except a conditional jump, after which the block goes on with the
 *     instructions that follow it (the taken jump leaves the block: block_exec compares
 *     next_eip with the next instruction's EIP; an inline direct jump to an instruction
 *     of its own block goes on there, Insn.imm2). A block is keyed by (physical address,
 *     CS.D). Exception: under a
 *     32-bit CS with a 4 GiB limit a direct JMP or CALL (rel8/rel32) to the same page does
 *     not end its block, which goes on with the target's instructions (Block.follows;
 *     such a block is used only under a 4 GiB CS): the handler sets next_eip to the
 *     target, so the run loop's EIP stays exact.
 *  2. A physical page holding a block is marked in code_bitmap; the write TLB never holds
 *     a fast entry for such a page, so every write to it takes the slow path, which drops
 *     the page's blocks (cpu_code_written). Blocks are carved from an arena that is only
 *     reset when a new block is built, so the block being executed stays readable after
 *     it was unlinked by a self-modifying write; the run loop leaves it (EXIT_SMC).
 *     Blocks remember their last successors (Block.succ) with the EIP they were entered
 *     at, and c->chain_gen when they were linked (Block.link_gen, one for all); such a
 *     link is followed only while code_epoch is unchanged, the EIP and chain_gen match
 *     and the successor is still valid. chain_gen names the path from CS:EIP to a
 *     block (chain_invalidate, chain_mode): a new one whenever that path could change,
 *     at TLB flushes (paging, A20, INVLPG, bus remaps), decoded-code flushes, loads of a
 *     CS that is not flat (base 0, 4 GiB limit, 32-bit); and whenever blocks are dropped
 *     (code_invalidate_page), so that a link of the current chain_gen always names a
 *     valid block. The jump cache (Cpu.jump_cache) holds, for an EIP, the block
 *     block_lookup found there and the chain_gen then: a link from any block while
 *     chain_gen is the same. Under a flat CS the path depends only on the translation and the TLB
 *     set (supervisor or user): chain_gen is then the epoch's value for that set, so
 *     links made in the kernel stay valid across an interrupt, a system call or a return
 *     to user mode and back, while nothing else changed.
 *  3. c->s.eip is the start of the executing instruction until its handler returns;
 *     handlers that transfer control write c->next_eip, which the loop then commits.
 *     A fault therefore reports the faulting instruction, a trap the next one. The
 *     forms block_exec runs inline (exec_block.c) call nothing and cannot fault, so
 *     c->s.eip and the clock are brought up to date only before a handler runs and when
 *     the block is left: a handler always sees both exact (Insn.eoff gives each
 *     instruction's EIP from the block's entry EIP).
 *  4. Handlers do every access that can fault before they change architectural state
 *     (registers, EFLAGS, ESP); memory writes come last, and multi-part writes translate
 *     every part first (mmu.c), so a faulting instruction leaves no side effect.
 *  5. Lazy flags: inside cpu_run the arithmetic flags (CF PF AF ZF SF OF) of EFLAGS are
 *     described by c->lf unless lf.op == LFS_EFLAGS. ZF, SF and PF always come from the
 *     saved result (lf.res, sign-extended from the operand size) and CF from bit 0 of
 *     lf.aux, but after a 32-bit ADD or SUB/CMP from their operands (lf_cf), so that they
 *     record no lf.aux; AF and OF are bits in lf.aux too (LFS_AUX), or, after the
 *     commonest 32-bit operations (ADD, SUB/CMP, ADC, SBB, INC, DEC), still to be derived
 *     from the saved operands (LFS_ADD32 ... LFS_DEC32), which makes CMP+Jcc two
 *     compares; after a logic operation they are 0 (LFS_LOGIC). Reading one flag, a Jcc condition or a partial update
 *     (rotates, CLC, INC keeping CF) never needs a full fold; flags_get() folds them.
 *     Outside cpu_run c->s.eflags is complete.
 *  6. Segment caches (c->sc) hold base and the offset ranges allowed for reads and for
 *     writes, derived from c->s.segs by seg_update(); an empty range (lo > hi) means the
 *     access needs the slow check, which raises the right exception. An access that runs
 *     past offset 0xFFFFFFFF of a 4 GiB segment wraps without a fault, as on P6 parts.
 *  7. The TLB maps a linear page to a host addend per kind (read, write) and privilege
 *     (supervisor, user); it is flushed on CR0/CR3/CR4 writes, A20 changes, bus map
 *     changes, and per page by INVLPG. MMIO and unassigned pages are never entered.
 *  8. Compiled code (jit.c, x86-64 hosts): a block that block_exec has left, or jumped
 *     inside, JIT_HOT times is compiled once into host code (even while it runs: the
 *     state at an instruction boundary is the same for both), for the runs of its
 *     instructions whose forms the compiler knows (JIT_RUN_MIN or more in a row); a block
 *     with JIT_CHAIN_MIN such forms or more, and no more other instructions than those,
 *     is compiled whole, the others as calls of their handlers made as block_exec's
 *     `call` makes them (registers in c->s.regs, EIP and the count exact; a fault
 *     longjmps out of the compiled code as out of block_exec). The
 *     instructions where compiled code may be entered get Insn.kind INSN_JIT (their forms
 *     are kept in JitBlock.kind): a run's first, every target of an in-block jump, and
 *     the one after an instruction that may bail. Compiled code ends at
 *     an instruction boundary k, with every register, c->lf (as each form would have left
 *     it, the *_NF forms' too) and memory as block_exec would have them there, and either
 *     dispatches k by its form (a form not compiled, a jump that leaves the block or does
 *     not fit the budget) or runs k's handler (its memory operand is not on the TLB's fast
 *     path, or its segment is not flat), as block_exec's `call` does, or goes on after a
 *     handler it ran (an exit flag, a REP that counted, a jump, DS, ES or SS no longer
 *     flat), as block_exec does after its own call (`called`); compiled forms never
 *     fault, and bail before any write. Compiled code runs only while DS, ES and SS are
 *     flat (Cpu.jit_flat: block_exec enters it only then), so that their accesses need
 *     no segment check. Compiled code that leaves its block for a block linked
 *     from it (invariant 2) that fits the budget and is compiled from its first
 *     instruction goes on in that block's code (chaining), as block_exec's leave would go
 *     on there, and tells block_exec which block it returned from (JitCtx). Its code lives
 *     in the code arena, reset with the block arena; a dropped block's code stays until
 *     then, as its Insns do (invariant 2). */
#ifndef PCEMU_CPU_CPU_INT_H
#define PCEMU_CPU_CPU_INT_H

#include <setjmp.h>
#include <string.h>

#include "emu/cpu/cpu.h"
#include "emu/cpu/fx80.h"

#define LIKELY(x) __builtin_expect(!!(x), 1)
#define CPU_INLINE static inline __attribute__((always_inline))
#define UNLIKELY(x) __builtin_expect(!!(x), 0)

enum {
    EXC_DE = 0, EXC_DB = 1, EXC_NMI = 2, EXC_BP = 3, EXC_OF = 4, EXC_BR = 5, EXC_UD = 6,
    EXC_NM = 7, EXC_DF = 8, EXC_TS = 10, EXC_NP = 11, EXC_SS = 12, EXC_GP = 13, EXC_PF = 14,
    EXC_MF = 16, EXC_AC = 17, EXC_XM = 19,
};

enum {
    F_CF = 1 << 0, F_PF = 1 << 2, F_AF = 1 << 4, F_ZF = 1 << 6, F_SF = 1 << 7, F_TF = 1 << 8,
    F_IF = 1 << 9, F_DF = 1 << 10, F_OF = 1 << 11, F_IOPL = 3 << 12, F_NT = 1 << 14,
    F_RF = 1 << 16, F_VM = 1 << 17, F_AC = 1 << 18, F_VIF = 1 << 19, F_VIP = 1 << 20,
    F_ID = 1 << 21,
};
#define F_ARITH (F_CF | F_PF | F_AF | F_ZF | F_SF | F_OF)

enum { CR0_PE = 1, CR0_MP = 2, CR0_EM = 4, CR0_TS = 8, CR0_ET = 16, CR0_NE = 32,
       CR0_WP = 1 << 16, CR0_AM = 1 << 18, CR0_NW = 1 << 29, CR0_CD = 1 << 30, CR0_PG = 1u << 31 };
enum { CR4_VME = 1, CR4_PVI = 2, CR4_TSD = 4, CR4_DE = 8, CR4_PSE = 16, CR4_PAE = 32,
       CR4_MCE = 64, CR4_PGE = 128, CR4_PCE = 256, CR4_OSFXSR = 512, CR4_OSXMMEXCPT = 1024 };

/* Descriptor high-dword bits (CpuSeg.flags). */
enum { DESC_A = 1 << 8, DESC_W = 1 << 9, DESC_R = 1 << 9, DESC_E = 1 << 10, DESC_C = 1 << 10,
       DESC_CODE = 1 << 11, DESC_S = 1 << 12, DESC_P = 1 << 15, DESC_B = 1 << 22, DESC_G = 1 << 23 };
#define DESC_DPL(f) (((f) >> 13) & 3)
#define DESC_TYPE(f) (((f) >> 8) & 15)

/* Lazy flag operations (invariant 5), the op argument of lf_set(). */
enum { LF_NONE, LF_ADD, LF_ADC, LF_SUB, LF_SBB, LF_LOGIC, LF_INC, LF_DEC, LF_SHL, LF_SHR,
       LF_SAR, LF_MUL };
/* Where the arithmetic flags are (LazyFlags.op, invariant 5). ADD, SUB (and CMP, NEG),
 * ADC and SBB each have their own: CF of ADD and SUB comes from the operands, as
 * CMP+Jcc compares LFS_SUB32's; ADC's and SBB's, which depends on the carry in, from
 * lf.aux. */
enum { LFS_EFLAGS, LFS_AUX, LFS_ADD32, LFS_SUB32, LFS_ADC32, LFS_SBB32, LFS_INC32,
       LFS_DEC32, LFS_LOGIC };
typedef struct LazyFlags {
    uint32_t op;        /* LFS_*; LFS_EFLAGS (0): the arithmetic flags are in eflags */
    uint32_t res;       /* last result, sign-extended from its size: ZF, SF, PF */
    uint32_t aux;       /* CF in bit 0 whatever op is but LFS_EFLAGS, LFS_ADD32 and
                           LFS_SUB32 (which leave it as it was: lf_cf), so that ADC,
                           SBB, INC and DEC read it in one load; LFS_AUX: also F_AF and
                           F_OF at their EFLAGS positions; else the rest is 0 (LFS_LOGIC:
                           CF, AF and OF are 0) */
    uint32_t op1, op2;  /* LFS_ADD32 ... LFS_SBB32: the operands */
} LazyFlags;

/* CF (0 or 1) of a lazy state but LFS_EFLAGS: the carry of op1 + op2 (ADD), the borrow
 * of op1 - op2 (SUB), else bit 0 of aux. */
CPU_INLINE uint32_t lf_cf(const LazyFlags *l)
{
    return l->op == LFS_ADD32 ? l->res < l->op1 : l->op == LFS_SUB32 ? l->op1 < l->op2 : l->aux & 1;
}

/* Decode flags of opcodes.def rows. */
enum {
    D_M = 1 << 0, D_MEM = 1 << 1, D_MODREG = 1 << 2, D_R = 1 << 3, D_IB = 1 << 4, D_IBS = 1 << 5,
    D_IW = 1 << 6, D_IZ = 1 << 7, D_IA = 1 << 8, D_IO = 1 << 9, D_IWB = 1 << 10, D_JB = 1 << 11,
    D_JZ = 1 << 12, D_LK = 1 << 13, D_END = 1 << 14,
};
/* Form selectors of opcodes.def F rows: a mask (high half) and the value the decode key
 * must have under it (low half), so that selectors combine with |. The key (decode.c):
 * bits 0-2 ModRM.rm, 3-5 ModRM.reg, 6 mod == 3, 7-8 the mandatory prefix (0 none, 1 66,
 * 2 F3, 3 F2). */
#define S_SEL(mask, val) ((uint32_t)(mask) << 16 | (uint32_t)(val))
#define S_ANY 0u
#define S_REG(n) S_SEL(0x38, (n) << 3)
#define S_MEM S_SEL(0x40, 0)
#define S_MOD3 S_SEL(0x40, 0x40)
#define S_MODRM(b) S_SEL(0x7f, 0x40 | ((b) & 0x3f))
#define S_NP S_SEL(0x180, 0)
#define S_66 S_SEL(0x180, 0x080)
#define S_F3 S_SEL(0x180, 0x100)
#define S_F2 S_SEL(0x180, 0x180)

typedef struct Insn Insn;
typedef void (*OpFn)(Cpu *c, const Insn *i);

/* One decoded instruction (invariant 1). */
/* I_END: the instruction ends a block (invariant 1). */
enum { I_O32 = 1, I_A32 = 2, I_MEM = 4, I_REP = 8, I_REPNE = 16, I_LOCK = 32, I_SEGOVR = 64,
       I_END = 128 };
#define EA_NONE 8       /* CpuState.regs[EA_NONE] is 0 */
struct Insn {
    OpFn fn;
    uint32_t disp;      /* EA displacement, or moffs */
    uint32_t imm;       /* immediate (sign-extended where the encoding says so) */
    uint16_t imm2;      /* far pointer selector, ENTER level; an inline direct jump
                           (exec_block.c): its index + 1 minus that of its target in its
                           block (int16_t), or JUMP_OUT */
    uint8_t len;        /* bytes, 1..15 */
    uint8_t flags;      /* I_* */
    uint8_t reg;        /* ModRM reg field, or the register in the opcode */
    uint8_t rm;         /* ModRM rm (the register when !I_MEM) */
    uint8_t base, index; /* EA registers or EA_NONE */
    uint8_t scale;      /* 0..3 */
    uint8_t seg;        /* segment of the memory operand (default or override) */
    uint8_t op;         /* low opcode byte, for handlers shared by a row of encodings */
    uint8_t kind;       /* the form block_exec runs inline (exec_block.c), 0: it calls fn;
                           set by block_build (invariant 3) */
    uint16_t row;       /* its opcodes.def row, for cpu_insn_name: opcode << 6 | form (decode.c) */
    int16_t eoff;       /* EIP of the instruction minus the EIP its block was entered at */
};
_Static_assert(sizeof ((CpuState *)0)->regs == (EA_NONE + 1) * 4, "regs[EA_NONE] exists");
_Static_assert(sizeof(Insn) <= 32, "Insn: 32 bytes, so that a block's are indexed by shifts");

/* Instructions per block at most (Cpu.block_max). Where a budget ends does not depend on
 * it: a block is entered only when it fits the rest of the budget, and a REP that counted
 * several iterations (string_op) leaves its block (block_exec, block_exec_n), so every
 * run ends exactly at its budget or at an exit. 64 holds the loops of lib/mpi whole. */
#define BLOCK_MAX 64
#define JUMP_OUT 0x8000 /* Insn.imm2 of a direct jump whose target is not in its block */
#define BLOCK_SUCC 4    /* links per block: the exits of its conditional jumps and its end */
#define LINK_NONE 3     /* Block.link_gen before the first link: never a chain_gen */
typedef struct Block {
    struct Block *hnext;    /* hash chain */
    struct Block *pnext;    /* page chain */
    struct Block *succ[BLOCK_SUCC];  /* taken successors, the latest linked first
                                        (invariant 2) */
    uint32_t succ_eip[BLOCK_SUCC];   /* the EIP succ[k] was entered at */
    uint64_t link_gen;      /* c->chain_gen when succ was linked: all of succ is stale
                               when it differs (a slot never linked repeats another) */
    uint32_t paddr;         /* physical address of the first byte */
    uint16_t bytes;         /* code bytes from paddr on (up to the first followed jump) */
    uint8_t code32, n;
    bool valid;
    bool follows;           /* goes on at the target of a direct JMP/CALL (invariant 1) */
    uint16_t heat;          /* times block_exec may still leave it or jump inside it
                               before it is compiled (invariant 8) */
    struct JitBlock *jit;   /* its compiled code, or NULL */
    Insn insn[];            /* n instructions and an end mark (insn_set_stop) */
} Block;

typedef struct TlbEnt {
    uint32_t tag;           /* linear page address; TLB_INVALID when empty */
    uint32_t ppage;         /* physical page address */
    uintptr_t addend;       /* host = addend + linear */
} TlbEnt;
#define TLB_SIZE 256
#define TLB_INVALID 1u
_Static_assert(sizeof(TlbEnt) == 16, "TlbEnt: 16 bytes, so that tlb_ent indexes by a mask");

typedef struct SegCache {
    uint32_t base;
    uint32_t rlo, rhi;      /* allowed read offsets, inclusive (invariant 6) */
    uint32_t wlo, whi;      /* allowed write offsets */
    bool rall, wall;        /* every offset may be read / written (0..0xFFFFFFFF, wrapping) */
} SegCache;
/* Cpu.seg_flat[seg]: rall / wall and base 0, an offset is its linear address */
enum { SEG_FLAT_R = 1, SEG_FLAT_W = 2 };

/* One remembered result of insn_kind (exec_block.c), a pure function of the handler, the
 * opcode byte and the decode flags it reads (key); fn NULL: empty. */
typedef struct KindMemo {
    OpFn fn;
    uint16_t key;
    uint8_t kind;
} KindMemo;
#define KIND_MEMO 1024

/* exit_flags: reasons to leave the current block after this instruction. */
enum { EXIT_REQ = 1, EXIT_INTR = 2, EXIT_SMC = 4, EXIT_STEP = 8, EXIT_AGAIN = 16, EXIT_WATCH = 32 };
enum { DBG_RF_CLEAR = 1u << 16 };   /* Cpu.dbg_after */

#define BLK_HASH 8192
/* The block found last at an EIP (block_lookup), valid while chain_gen is gen: a link from
 * any block (invariant 2), for the targets that Block.succ's four slots miss (a RET of a
 * function called from many places, an indirect jump). Direct-mapped by EIP. */
#define JUMP_CACHE 4096
typedef struct JumpCache {
    uint64_t gen;
    struct Block *b;
    uint32_t eip;
} JumpCache;
CPU_INLINE unsigned jump_cache_at(uint32_t eip) { return (eip ^ eip >> 12) & (JUMP_CACHE - 1); }
#define PAGE_HASH 4096
#define ARENA_BYTES (8u << 20)

struct Cpu {
    CpuState s;
    LazyFlags lf;
    uint32_t next_eip;
    SegCache sc[6];
    uint8_t seg_flat[6];    /* SEG_FLAT_* of sc[seg], one byte test (seg_update) */
    bool jit_flat;          /* DS, ES and SS flat for reads and writes: compiled code runs
                               only then (invariant 8; seg_update) */
    uint8_t cpl;            /* current privilege level (CS.RPL in protected mode, 3 in V86) */
    bool code32, stack32;   /* CS.D, SS.B */
    bool pe, v86, paging;
    bool user_tlb;          /* the TLB set used for ordinary accesses (cpl == 3) */
    Bus *bus;
    Clock *clock;
    jmp_buf jb;
    int exc_vec;            /* exception being raised */
    uint32_t exc_code;
    bool exc_has_code;
    int in_delivery;        /* vector being delivered, -1 none (double fault logic) */
    int exc_first;          /* first fault of a delivery chain, -1 none */
    int exit_flags;          /* EXIT_*; set by handlers and device callbacks (same thread) */
    bool shadow;            /* interrupt shadow after STI / MOV SS / POP SS */
    bool intr;              /* INTR input level */
    bool nmi_pending;
    bool smi_pending;
    void (*smm_notify)(void *opaque, bool smm);
    void *smm_opaque;
    bool shutdown;
    bool apic;              /* CPUID.1:EDX.APIC (cpu_set_apic) */
    uint64_t (*apicbase_get)(void *opaque);   /* MSR 0x1B when the machine has an APIC */
    void (*apicbase_set)(void *opaque, uint64_t v);
    void *apicbase_opaque;
    bool fpu;               /* the x87 is there (cpu_set_fpu); else its opcodes do nothing */
    CpuModel model;         /* CPUID and the instruction sets (cpu_set_model) */
    uint16_t fpcs, fpds;    /* x87 FCS and FDS: not in QEMU 7.2's stream (ops_x87.c) */
    void (*ferr)(void *opaque, bool level);   /* FERR# (cpu_set_ferr) */
    void *ferr_opaque;
    int (*ack)(void *opaque);
    void *ack_opaque;
    uint64_t bus_gen;
    uint64_t insn_end;      /* icount at which cpu_run's budget ends */
    TlbEnt tlb[4][TLB_SIZE]; /* [user*2 + write] */
    uint64_t pdpte[4];      /* PAE's PDPTE registers (mmu_pdptes_load); not saved: QEMU has
                               none, and a load reloads them from CR3 (cpu_flush_all) */
    TlbEnt *tlb_rd, *tlb_wr; /* tlb[user_tlb * 2], tlb[user_tlb * 2 + 1] (mode_update) */
    uint8_t block_max;      /* BLOCK_MAX; test_cpu_block lowers it to show that the
                               timing does not depend on it */
    Block *cur_block;
    Block *last_block;      /* the block run last, for linking; NULL after an arena reset */
    uint64_t code_epoch;    /* incremented when the arena is reset (invariant 2) */
    uint64_t chain_gen;     /* validity of block links (invariant 2) */
    uint64_t chain_epoch;   /* chain_gen's base: chain_gen is epoch + 0 or 1 under a flat
                               CS (supervisor or user TLB), epoch + 2 under another;
                               it steps by 4, and never names a link (Block.link_gen
                               starts at 0) */
    Block *scratch;         /* one-instruction block for straddling instructions */
    KindMemo kind_memo[KIND_MEMO];  /* block_prepare's forms by handler, direct-mapped:
                                       finding one takes hundreds of compares */
    Block *blk_hash[BLK_HASH];
    JumpCache jump_cache[JUMP_CACHE];
    Block *page_hash[PAGE_HASH];
    uint8_t *arena;
    size_t arena_used;
    bool jit;               /* compile hot blocks (invariant 8); PCEMU_JIT=0 turns it off */
    bool jit_full;          /* the code arena is full: reset both arenas at the next build */
    uint16_t jit_hot;       /* JIT_HOT; test_cpu_jit lowers it */
    uint8_t jit_run_min;    /* JIT_RUN_MIN; test_cpu_jit lowers it to compile every form */
    uint8_t jit_chain_min;  /* JIT_CHAIN_MIN: the same for a block compiled whole */
    uint8_t *jit_code;      /* the code arena (mmap'd, executable), JIT_BYTES */
    size_t jit_used;        /* bytes of it in use */
    uint64_t jit_blocks;    /* blocks compiled, for tests */
    uint64_t jit_links;     /* exits of compiled code that found their successor compiled
                               (jit_chain_fill, or the jump cache inline), for tests */
    uint8_t *code_bitmap;   /* 1 bit per 4 KiB physical page (invariant 2) */
    uint64_t smc_page;      /* page being invalidated, for EXIT_SMC */
    int nbp;                /* debugger breakpoints (cpu_set_breakpoints) */
    uint32_t bp[CPU_MAX_BREAKPOINTS];
    int nwp;                /* debugger watchpoints (cpu_set_watchpoints) */
    CpuWatch wp[CPU_MAX_WATCHPOINTS];
    /* The guest's DR0-DR3 as DR7 enables them (dr_update): instruction breakpoints and data
     * ranges (CpuWatch.kind: CPU_WATCH_WRITE or CPU_WATCH_ACCESS; dr_wp_reg: which DRn). */
    int dr_nibp, dr_nwp;
    uint32_t dbg_start;     /* nonzero: breakpoints exist or EFLAGS.RF may be set, and the
                               run loop calls dbg_block_start (dbg_sync, flags_set) */
    uint32_t dr_ibp[4];
    int dr_ibp_reg[4];
    CpuWatch dr_wp[4];
    int dr_wp_reg[4];
    uint32_t dbg_after;     /* after the block (with an exit flag set): DR6 B0-B3 of data
                               breakpoints the last instruction hit, DBG_RF_CLEAR when it
                               ran with EFLAGS.RF */
    bool wp_hit;            /* this run touched one: wp_hit_w at wp_hit_lin */
    CpuWatch wp_hit_w;
    uint32_t wp_hit_lin;
};

/* ---- exceptions (exec.c) ---- */
_Noreturn void cpu_raise(Cpu *c, int vec, uint32_t code);
_Noreturn void cpu_raise_nocode(Cpu *c, int vec);
#define GP0(c) cpu_raise((c), EXC_GP, 0)
#define UD(c) cpu_raise_nocode((c), EXC_UD)

/* ---- flags (exec.c) ---- */
uint32_t flags_get(Cpu *c);                 /* complete EFLAGS (folds c->lf) */
void flags_set(Cpu *c, uint32_t v, uint32_t mask);  /* write the bits in mask */
/* Records the flags of an operation (LF_*, constant at every call site so the switch
 * folds) on operands of size index sz (0 = 8, 1 = 16, 2 = 32 bits); aux is the carry in
 * (ADC/SBB), the old CF (INC/DEC), the last bit shifted out (shifts) or the overflow
 * (MUL). Undefined flags are those QEMU's TCG computes for the same operation. */
CPU_INLINE void lf_set(Cpu *c, unsigned op, unsigned sz, uint32_t res, uint32_t a, uint32_t b,
                       uint32_t aux)
{
    unsigned bits = 8u << sz;
    uint32_t mask = sz == 2 ? 0xffffffffu : (1u << bits) - 1, sign = 1u << (bits - 1);
    uint32_t r = res & mask;
    a &= mask;
    b &= mask;
    if (sz == 2 && (op == LF_ADD || op == LF_SUB || op == LF_ADC || op == LF_SBB)) {
        c->lf.op = op == LF_ADD ? LFS_ADD32 : op == LF_SUB ? LFS_SUB32 : op == LF_ADC ? LFS_ADC32 : LFS_SBB32;
        c->lf.res = r;
        c->lf.op1 = a;
        c->lf.op2 = b;
        /* ADC and SBB: the carry out of the 33-bit sum, the borrow as the difference's
         * sign, without a branch on the carry in (ADD and SUB: lf_cf) */
        if (op == LF_ADC)
            c->lf.aux = (uint32_t)(((uint64_t)a + b + (aux != 0)) >> 32);
        else if (op == LF_SBB)
            c->lf.aux = (uint32_t)(((uint64_t)a - b - (aux != 0)) >> 63);
        return;
    }
    if (sz == 2 && (op == LF_INC || op == LF_DEC)) {
        c->lf.op = op == LF_INC ? LFS_INC32 : LFS_DEC32;
        c->lf.res = r;
        c->lf.aux = aux != 0;
        return;
    }
    /* OFB: the operand's sign bit of x moved to OF's position (bit 11); AF is bit 4 of
     * a ^ b ^ r, already in place */
#define OFB(x) (bits > 12 ? ((x) >> (bits - 12)) & F_OF : ((x) << (12 - bits)) & F_OF)
    if (op == LF_LOGIC) {
        c->lf.op = LFS_LOGIC;
        c->lf.res = sz == 0 ? (uint32_t)(int8_t)r : sz == 1 ? (uint32_t)(int16_t)r : r;
        c->lf.aux = 0;
        return;
    }
    uint32_t f = 0;
    switch (op) {
    case LF_ADD: f = (r < a) | OFB((a ^ r) & (b ^ r)) | ((a ^ b ^ r) & F_AF); break;
    case LF_ADC: f = (aux ? r <= a : r < a) | OFB((a ^ r) & (b ^ r)) | ((a ^ b ^ r) & F_AF); break;
    case LF_SUB: f = (a < b) | OFB((a ^ b) & (a ^ r)) | ((a ^ b ^ r) & F_AF); break;
    case LF_SBB: f = (aux ? a <= b : a < b) | OFB((a ^ b) & (a ^ r)) | ((a ^ b ^ r) & F_AF); break;
    case LF_INC: f = (aux != 0) | (r == sign ? F_OF : 0) | ((r & 0xf) == 0 ? F_AF : 0); break;
    case LF_DEC: f = (aux != 0) | (r == sign - 1 ? F_OF : 0) | ((r & 0xf) == 0xf ? F_AF : 0); break;
    case LF_SHL: f = (aux != 0) | (((r & sign) != 0) != (aux != 0) ? F_OF : 0); break;
    case LF_SHR: f = (aux != 0) | OFB(a); break;
    case LF_SAR: f = aux != 0; break;
    case LF_MUL: f = aux ? F_CF | F_OF : 0; break;
    }
#undef OFB
    c->lf.op = LFS_AUX;
    c->lf.res = sz == 0 ? (uint32_t)(int8_t)r : sz == 1 ? (uint32_t)(int16_t)r : r;
    c->lf.aux = f;
}

/* CF, AF and OF of an operation still to be derived (op LFS_ADD32 ... LFS_LOGIC)
 * from its result r, operands a and b and CF cf, as lf_set computes them for LFS_AUX. */
CPU_INLINE uint32_t lf_addsub_aux(uint32_t op, uint32_t r, uint32_t a, uint32_t b, uint32_t cf)
{
    switch (op) {
    case LFS_ADD32: case LFS_ADC32:
        return cf | ((((a ^ r) & (b ^ r)) >> 20) & F_OF) | ((a ^ b ^ r) & F_AF);
    case LFS_SUB32: case LFS_SBB32:
        return cf | ((((a ^ b) & (a ^ r)) >> 20) & F_OF) | ((a ^ b ^ r) & F_AF);
    case LFS_INC32: return cf | (r == 0x80000000u ? F_OF : 0) | ((r & 0xf) == 0 ? F_AF : 0);
    case LFS_DEC32: return cf | (r == 0x7fffffffu ? F_OF : 0) | ((r & 0xf) == 0xf ? F_AF : 0);
    default: return 0;   /* LFS_LOGIC */
    }
}

/* Turns LFS_ADD32 ... LFS_LOGIC into LFS_AUX. */
CPU_INLINE void lf_settle(Cpu *c)
{
    if (c->lf.op >= LFS_ADD32) {
        c->lf.aux = lf_addsub_aux(c->lf.op, c->lf.res, c->lf.op1, c->lf.op2, lf_cf(&c->lf));
        c->lf.op = LFS_AUX;
    }
}

CPU_INLINE bool flag_cf(Cpu *c)
{
    return c->lf.op ? lf_cf(&c->lf) : c->s.eflags & F_CF;
}

/* Writes the bits of mask (a subset of CF, AF and OF) without folding the other flags. */
CPU_INLINE void flags_set_cao(Cpu *c, uint32_t v, uint32_t mask)
{
    lf_settle(c);
    if (c->lf.op)
        c->lf.aux = (c->lf.aux & ~mask) | (v & mask);
    else
        c->s.eflags = (c->s.eflags & ~mask) | (v & mask);
}

/* Jcc/SETcc/CMOVcc condition cc (0..15, the low nibble of the opcode). */
CPU_INLINE bool cpu_cond(Cpu *c, unsigned cc)
{
    const LazyFlags *l = &c->lf;
    bool cf, zf, sf, of, pf, r;
    if (LIKELY(l->op)) {
        /* CF is bit 0 of aux and ZF, SF, PF come from res in every lazy state: only the
         * conditions on OF need the operation */
        uint32_t res = l->res;
        switch (cc >> 1) {
        case 1: return lf_cf(l) ^ (cc & 1);
        case 2: return (res == 0) ^ (cc & 1);
        case 3: return (lf_cf(l) || res == 0) ^ (cc & 1);
        case 4: return (res >> 31) ^ (cc & 1);
        case 5: return !__builtin_parity(res & 0xff) ^ (cc & 1);
        default: break;
        }
        if (l->op == LFS_SUB32) {   /* CMP/SUB: compare the operands */
            uint32_t a = l->op1, b = l->op2;
            switch (cc >> 1) {
            case 6: r = (int32_t)a < (int32_t)b; break;
            case 7: r = (int32_t)a <= (int32_t)b; break;
            default: r = (((a ^ b) & (a ^ res)) >> 31) != 0; break;
            }
            return r ^ (cc & 1);
        }
        cf = lf_cf(l);
        uint32_t aux = l->op == LFS_AUX ? l->aux : lf_addsub_aux(l->op, res, l->op1, l->op2, cf);
        of = aux & F_OF; zf = res == 0; sf = res >> 31;
        pf = !__builtin_parity(res & 0xff);
    } else {
        uint32_t f = c->s.eflags;
        cf = f & F_CF; of = f & F_OF; zf = f & F_ZF; sf = f & F_SF; pf = f & F_PF;
    }
    switch (cc >> 1) {
    case 0: r = of; break;
    case 1: r = cf; break;
    case 2: r = zf; break;
    case 3: r = cf || zf; break;
    case 4: r = sf; break;
    case 5: r = pf; break;
    case 6: r = sf != of; break;
    default: r = zf || sf != of; break;
    }
    return r ^ (cc & 1);
}

/* After a device access (port I/O, MMIO, SMM notification): a device may have remapped
 * memory (PAM, SMRAM); the run loop then leaves the block and events() flushes the TLB and
 * decoded blocks before the next instruction. The run loop does not poll the bus
 * otherwise. */
static inline void cpu_bus_touched(Cpu *c)
{
    if (UNLIKELY(c->bus_gen != bus_generation(c->bus)))
        c->exit_flags |= EXIT_AGAIN;
}

/* ---- registers ---- */
#define R(c, n) ((c)->s.regs[n])
static inline uint8_t reg8(Cpu *c, unsigned r) { return (uint8_t)(c->s.regs[r & 3] >> ((r & 4) << 1)); }
static inline void set_reg8(Cpu *c, unsigned r, uint8_t v)
{
    unsigned sh = (r & 4) << 1;
    c->s.regs[r & 3] = (c->s.regs[r & 3] & ~(0xffu << sh)) | (uint32_t)v << sh;
}
static inline uint16_t reg16(Cpu *c, unsigned r) { return (uint16_t)c->s.regs[r]; }
static inline void set_reg16(Cpu *c, unsigned r, uint16_t v) { c->s.regs[r] = (c->s.regs[r] & 0xffff0000u) | v; }

/* ---- memory (mmu.c): slow paths, page walks ---- */
enum { ACC_READ = 0, ACC_WRITE = 1, ACC_FETCH = 2 };
uint32_t mmu_read_slow(Cpu *c, uint32_t lin, unsigned size, bool user);
void mmu_write_slow(Cpu *c, uint32_t lin, uint32_t val, unsigned size, bool user);
/* Checks that [lin, lin+size) is writable (faulting like a write would) without writing. */
void mmu_probe_write(Cpu *c, uint32_t lin, unsigned size, bool user);
/* Linear to physical for acc, raising #PF; fills the TLB when the target is host memory.
 * The result may lie above 4 GiB (PAE, PSE-36), where nothing is (mmu.c). */
uint64_t mmu_translate(Cpu *c, uint32_t lin, int acc, bool user);
/* PAE: loads the four PDPTEs at CR3 value cr3 into c->pdpte; false, loading nothing, when
 * a present one has a reserved bit (the caller raises #GP(0)). */
bool mmu_pdptes_load(Cpu *c, uint32_t cr3);
/* Before MOV CR0, CR3 or CR4 commits (cr0, cr3, cr4 the new values): loads the PDPTEs when
 * the result is PAE paging and the write is one that loads them (SDM 4.4.1: pdpte_event),
 * raising #GP(0), with nothing changed, when a present one has a reserved bit. */
void mmu_cr_write(Cpu *c, uint32_t cr0, uint32_t cr3, uint32_t cr4, bool pdpte_event);
/* Reloads them from CR3, unchecked, under PAE paging (after a load or RSM, which cannot
 * raise #GP: a reserved bit then faults at the walk, as QEMU's TCG does). */
void mmu_pdptes_reload(Cpu *c);
void tlb_flush(Cpu *c);
void tlb_flush_page(Cpu *c, uint32_t lin);
void seg_fault(Cpu *c, int seg, uint32_t off, unsigned size, bool write);
/* System (supervisor) accesses to linear memory: descriptor tables, TSS, IDT. */
uint32_t sys_read(Cpu *c, uint32_t lin, unsigned size);
void sys_write(Cpu *c, uint32_t lin, uint32_t val, unsigned size);
void code_invalidate_page(Cpu *c, uint32_t ppage);
/* Debugger watchpoints and the guest's data breakpoints (mmu.c): does the page of lin hold
 * one; note an access of kind. */
bool watch_on_page(const Cpu *c, uint32_t lin);
void watch_access(Cpu *c, uint32_t lin, unsigned size, int kind);
/* Derives the guest's breakpoint lists from DR0-DR3 and DR7 (exec.c); after any change of
 * those registers. Flushes the TLB when the data ranges change. */
void dr_update(Cpu *c);
/* Recomputes Cpu.dbg_start (after the breakpoint lists or EFLAGS.RF change). */
CPU_INLINE void dbg_sync(Cpu *c)
{
    c->dbg_start = (uint32_t)(c->nbp + c->dr_nibp) | (c->s.eflags & F_RF);
}

/* The entry of tlb (TLB_SIZE of them) for the page of lin: the page number times the
 * entry's size in one mask. */
CPU_INLINE const TlbEnt *tlb_ent(const TlbEnt *tlb, uint32_t lin)
{
    return (const TlbEnt *)((const uint8_t *)tlb +
                            ((lin >> 8) & ((TLB_SIZE - 1) * (uint32_t)sizeof(TlbEnt))));
}

CPU_INLINE uint32_t lin_read(Cpu *c, uint32_t lin, unsigned size)
{
    const TlbEnt *e = tlb_ent(c->tlb_rd, lin);
    if (LIKELY(e->tag == (lin & ~0xfffu) && (lin & 0xfff) <= 0x1000 - size)) {
        const uint8_t *p = (const uint8_t *)(e->addend + lin);
        return size == 1 ? *p : size == 2 ? le16(p) : le32(p);
    }
    return mmu_read_slow(c, lin, size, c->user_tlb);
}
CPU_INLINE void lin_write(Cpu *c, uint32_t lin, uint32_t v, unsigned size)
{
    const TlbEnt *e = tlb_ent(c->tlb_wr, lin);
    if (LIKELY(e->tag == (lin & ~0xfffu) && (lin & 0xfff) <= 0x1000 - size)) {
        uint8_t *p = (uint8_t *)(e->addend + lin);
        if (size == 1) *p = (uint8_t)v; else if (size == 2) put_le16(p, (uint16_t)v); else put_le32(p, v);
        return;
    }
    mmu_write_slow(c, lin, v, size, c->user_tlb);
}

/* Segment checks (invariant 6). */
CPU_INLINE uint32_t seg_rd(Cpu *c, int seg, uint32_t off, unsigned size)
{
    const SegCache *s = &c->sc[seg];
    if (UNLIKELY(!s->rall && (off < s->rlo || off > s->rhi || (s->rhi - off < size - 1 && s->rhi != 0xffffffffu))))
        seg_fault(c, seg, off, size, false);
    return s->base + off;
}
CPU_INLINE uint32_t seg_wr(Cpu *c, int seg, uint32_t off, unsigned size)
{
    const SegCache *s = &c->sc[seg];
    if (UNLIKELY(!s->wall && (off < s->wlo || off > s->whi || (s->whi - off < size - 1 && s->whi != 0xffffffffu))))
        seg_fault(c, seg, off, size, true);
    return s->base + off;
}
CPU_INLINE uint32_t rd8(Cpu *c, int seg, uint32_t off) { return lin_read(c, seg_rd(c, seg, off, 1), 1); }
CPU_INLINE uint32_t rd16(Cpu *c, int seg, uint32_t off) { return lin_read(c, seg_rd(c, seg, off, 2), 2); }
CPU_INLINE uint32_t rd32(Cpu *c, int seg, uint32_t off) { return lin_read(c, seg_rd(c, seg, off, 4), 4); }
CPU_INLINE uint32_t rdn(Cpu *c, int seg, uint32_t off, unsigned n) { return lin_read(c, seg_rd(c, seg, off, n), n); }
CPU_INLINE void wr8(Cpu *c, int seg, uint32_t off, uint32_t v) { lin_write(c, seg_wr(c, seg, off, 1), v, 1); }
CPU_INLINE void wr16(Cpu *c, int seg, uint32_t off, uint32_t v) { lin_write(c, seg_wr(c, seg, off, 2), v, 2); }
CPU_INLINE void wr32(Cpu *c, int seg, uint32_t off, uint32_t v) { lin_write(c, seg_wr(c, seg, off, 4), v, 4); }
CPU_INLINE void wrn(Cpu *c, int seg, uint32_t off, uint32_t v, unsigned n) { lin_write(c, seg_wr(c, seg, off, n), v, n); }
/* Read for a read-modify-write: checks write permission first (invariant 4). */
CPU_INLINE uint32_t rmw_rd(Cpu *c, int seg, uint32_t off, unsigned n)
{
    uint32_t lin = seg_wr(c, seg, off, n);
    const TlbEnt *e = tlb_ent(c->tlb_wr, lin);
    if (!(e->tag == (lin & ~0xfffu) && (lin & 0xfff) <= 0x1000 - n))
        mmu_probe_write(c, lin, n, c->user_tlb);
    return lin_read(c, lin, n);
}

/* Effective address of the memory operand. */
CPU_INLINE uint32_t ea(Cpu *c, const Insn *i)
{
    uint32_t a = i->disp + c->s.regs[i->base] + (c->s.regs[i->index] << i->scale);
    return (i->flags & I_A32) ? a : (a & 0xffff);
}

/* Host address of n bytes at linear address lin when the TLB holds their page for the
 * access (invariant 7), or NULL (a miss, or the bytes cross a page). */
CPU_INLINE uint8_t *tlb_host(Cpu *c, uint32_t lin, unsigned n, bool write)
{
    const TlbEnt *e = tlb_ent(write ? c->tlb_wr : c->tlb_rd, lin);
    /* the entry of lin's page holds the page of the last byte only when it is the same
     * page: one compare tests the tag and the page crossing */
    if (e->tag != ((lin + n - 1) & ~0xfffu))
        return NULL;
    return (uint8_t *)(e->addend + lin);
}

/* Whether an access to n bytes at seg:off needs nothing but the segment check and a TLB
 * hit (invariants 6 and 7), with their host address in *p then: false when the segment
 * needs the slow check, the TLB misses or the access crosses a page; nothing is changed
 * then. A caller that branches on the result tests no host pointer for NULL. */
CPU_INLINE bool mem_fast_try(Cpu *c, int seg, uint32_t off, unsigned n, bool write, uint8_t **p)
{
    const SegCache *s = &c->sc[seg];
    uint32_t lin = off;
    if (!(c->seg_flat[seg] & (write ? SEG_FLAT_W : SEG_FLAT_R))) {
        if (!(write ? s->wall : s->rall)) {
            uint32_t lo = write ? s->wlo : s->rlo, hi = write ? s->whi : s->rhi;
            if (off < lo || off > hi || hi - off < n - 1)
                return false;
        }
        lin = s->base + off;
    }
    const TlbEnt *e = tlb_ent(write ? c->tlb_wr : c->tlb_rd, lin);
    /* the entry of lin's page holds the page of the last byte only when it is the same
     * page: one compare tests the tag and the page crossing */
    *p = (uint8_t *)(e->addend + lin);
    return e->tag == ((lin + n - 1) & ~0xfffu);
}
/* The host address of mem_fast_try, or NULL. */
CPU_INLINE uint8_t *mem_fast_at(Cpu *c, int seg, uint32_t off, unsigned n, bool write)
{
    uint8_t *p;
    return mem_fast_try(c, seg, off, n, write, &p) ? p : NULL;
}

/* mem_fast_at for the memory operand of i. */
CPU_INLINE uint8_t *mem_fast(Cpu *c, const Insn *i, unsigned n, bool write)
{
    return mem_fast_at(c, i->seg, ea(c, i), n, write);
}

/* ---- ALU operations (ops_int.c, exec_block.c): the result, with the flags recorded (invariant 5) ---- */
/* Mask, sign bit and sign extension of an n-byte operand. */
CPU_INLINE uint32_t msk(unsigned n) { return n == 4 ? 0xffffffffu : (1u << (8 * n)) - 1; }
CPU_INLINE uint32_t sgn(unsigned n) { return 1u << (8 * n - 1); }
CPU_INLINE int32_t sx(uint32_t v, unsigned n) { return n == 1 ? (int8_t)v : n == 2 ? (int16_t)v : (int32_t)v; }

CPU_INLINE uint32_t alu_add(Cpu *c, uint32_t a, uint32_t b, unsigned n)
{ uint32_t r = a + b; lf_set(c, LF_ADD, n >> 1, r, a, b, 0); return r; }
CPU_INLINE uint32_t alu_adc(Cpu *c, uint32_t a, uint32_t b, unsigned n)
{ uint32_t cf = flag_cf(c); uint32_t r = a + b + cf; lf_set(c, LF_ADC, n >> 1, r, a, b, cf); return r; }
CPU_INLINE uint32_t alu_sub(Cpu *c, uint32_t a, uint32_t b, unsigned n)
{ uint32_t r = a - b; lf_set(c, LF_SUB, n >> 1, r, a, b, 0); return r; }
CPU_INLINE uint32_t alu_sbb(Cpu *c, uint32_t a, uint32_t b, unsigned n)
{ uint32_t cf = flag_cf(c); uint32_t r = a - b - cf; lf_set(c, LF_SBB, n >> 1, r, a, b, cf); return r; }
CPU_INLINE uint32_t alu_and(Cpu *c, uint32_t a, uint32_t b, unsigned n)
{ uint32_t r = a & b; lf_set(c, LF_LOGIC, n >> 1, r, 0, 0, 0); return r; }
CPU_INLINE uint32_t alu_or(Cpu *c, uint32_t a, uint32_t b, unsigned n)
{ uint32_t r = a | b; lf_set(c, LF_LOGIC, n >> 1, r, 0, 0, 0); return r; }
CPU_INLINE uint32_t alu_xor(Cpu *c, uint32_t a, uint32_t b, unsigned n)
{ uint32_t r = a ^ b; lf_set(c, LF_LOGIC, n >> 1, r, 0, 0, 0); return r; }
CPU_INLINE uint32_t alu_inc(Cpu *c, uint32_t a, uint32_t b, unsigned n)
{ uint32_t r = a + 1; lf_set(c, LF_INC, n >> 1, r, a, 1, flag_cf(c)); return r; }
CPU_INLINE uint32_t alu_dec(Cpu *c, uint32_t a, uint32_t b, unsigned n)
{ uint32_t r = a - 1; lf_set(c, LF_DEC, n >> 1, r, a, 1, flag_cf(c)); return r; }

enum { SH_ROL, SH_ROR, SH_RCL, SH_RCR, SH_SHL, SH_SHR, SH_SAL, SH_SAR };

CPU_INLINE void set_cf_of(Cpu *c, bool cf, bool of)
{
    flags_set_cao(c, (cf ? F_CF : 0) | (of ? F_OF : 0), F_CF | F_OF);
}

/* The SDM defines OF of a rotate only for a count of 1 and leaves it undefined above;
 * pcemu computes what QEMU 7.2's TCG does for every count: ROL: MSB(result) XOR CF;
 * ROR: the result's two top bits XORed; RCL and RCR: MSB(source XOR result), which for a
 * count of 1 is the SDM's rule (RCL: MSB(result) XOR CF, RCR: MSB(source) XOR the old CF).
 * XXX: for RCL/RCR counts above 1, Bochs, which models Intel parts, takes OF from the
 * result instead (RCL: MSB XOR the new CF; RCR: the two top bits XORed). */
CPU_INLINE uint32_t alu_shift(Cpu *c, int kind, uint32_t a, unsigned cnt, unsigned n)
{
    unsigned bits = 8 * n;
    uint32_t m = msk(n), sb = sgn(n);
    a &= m;
    cnt &= 31;
    if (!cnt)
        return a;
    uint32_t r;
    bool cf;
    switch (kind) {
    case SH_ROL: {
        unsigned k = cnt & (bits - 1);
        r = k ? ((a << k) | (a >> (bits - k))) & m : a;
        cf = r & 1;
        set_cf_of(c, cf, ((r & sb) != 0) ^ cf);
        return r;
    }
    case SH_ROR: {
        unsigned k = cnt & (bits - 1);
        r = k ? ((a >> k) | (a << (bits - k))) & m : a;
        cf = (r & sb) != 0;
        set_cf_of(c, cf, cf ^ ((r & (sb >> 1)) != 0));
        return r;
    }
    case SH_RCL: {
        unsigned k = bits < 32 ? cnt % (bits + 1) : cnt;
        uint64_t v = (uint64_t)a | (uint64_t)flag_cf(c) << bits;   /* bits+1 wide */
        for (unsigned s = 0; s < k; s++)
            v = ((v << 1) | (v >> bits)) & ((2ull << bits) - 1);
        r = (uint32_t)v & m;
        cf = (v >> bits) & 1;
        if (k)
            set_cf_of(c, cf, ((a ^ r) & sb) != 0);
        return r;
    }
    case SH_RCR: {
        unsigned k = bits < 32 ? cnt % (bits + 1) : cnt;
        uint64_t v = (uint64_t)a | (uint64_t)flag_cf(c) << bits;
        for (unsigned s = 0; s < k; s++)
            v = ((v >> 1) | ((v & 1) << bits)) & ((2ull << bits) - 1);
        r = (uint32_t)v & m;
        cf = (v >> bits) & 1;
        if (k)
            set_cf_of(c, cf, ((a ^ r) & sb) != 0);
        return r;
    }
    case SH_SHL: case SH_SAL:
        r = (uint32_t)((uint64_t)a << cnt) & m;
        cf = ((uint64_t)a << cnt >> bits) & 1;
        lf_set(c, LF_SHL, n >> 1, r, a, cnt, cf);
        return r;
    case SH_SHR:
        r = (uint32_t)((uint64_t)a >> cnt);
        cf = ((uint64_t)a >> (cnt - 1)) & 1;
        /* OF: MSB of the operand before the last step, as QEMU 7.2 computes it (for a
         * count of 1 the SDM's MSB of the original; 0 for more, which the SDM leaves
         * undefined) */
        lf_set(c, LF_SHR, n >> 1, r, (uint32_t)((uint64_t)a >> (cnt - 1)), cnt, cf);
        return r;
    default: {
        int64_t s = sx(a, n);
        r = (uint32_t)(s >> cnt) & m;
        cf = (s >> (cnt - 1)) & 1;
        lf_set(c, LF_SAR, n >> 1, r, a, cnt, cf);
        return r;
    }
    }
}

/* ---- stack ---- */
CPU_INLINE uint32_t sp_mask(Cpu *c) { return c->stack32 ? 0xffffffffu : 0xffff; }
CPU_INLINE void set_sp(Cpu *c, uint32_t v)
{
    if (c->stack32) c->s.regs[R_ESP] = v; else set_reg16(c, R_ESP, (uint16_t)v);
}
CPU_INLINE void push(Cpu *c, uint32_t v, unsigned n)
{
    uint32_t sp = (c->s.regs[R_ESP] - n) & sp_mask(c);
    wrn(c, R_SS, sp, v, n);
    set_sp(c, sp);
}
CPU_INLINE uint32_t pop(Cpu *c, unsigned n)
{
    uint32_t v = rdn(c, R_SS, c->s.regs[R_ESP] & sp_mask(c), n);
    set_sp(c, c->s.regs[R_ESP] + n);
    return v;
}
/* Value at SP + off without popping. */
CPU_INLINE uint32_t stack_peek(Cpu *c, uint32_t off, unsigned n)
{
    return rdn(c, R_SS, (c->s.regs[R_ESP] + off) & sp_mask(c), n);
}

/* ---- segments and system (sys.c) ---- */
void seg_update(Cpu *c, int seg);          /* refresh c->sc[seg] (invariant 6) */
void mode_update(Cpu *c);                   /* cpl/code32/stack32/pe/v86/paging/user_tlb */
/* Invariant 2: every link dies (a new epoch); chain_mode: chain_gen for the current CS and
 * TLB set, after a CS load or a mode change. */
void chain_invalidate(Cpu *c);
void chain_mode(Cpu *c);
void seg_load_real(Cpu *c, int seg, uint16_t sel);
void seg_load(Cpu *c, int seg, uint16_t sel);  /* MOV/POP/LxS: any mode, every check */
void far_jump(Cpu *c, uint16_t sel, uint32_t off, bool o32);
void far_call(Cpu *c, uint16_t sel, uint32_t off, bool o32);
void far_ret(Cpu *c, bool o32, uint16_t imm);
void do_iret(Cpu *c, bool o32);
/* Interrupt/exception delivery; ret_eip is pushed; soft = INT n/INT3/INTO (DPL check). */
void do_interrupt(Cpu *c, int vec, bool has_code, uint32_t code, uint32_t ret_eip, bool soft);
bool io_allowed(Cpu *c, uint16_t port, unsigned size);   /* raises #GP when not */
void cpu_set_cr0(Cpu *c, uint32_t v);
void cpu_set_cr3(Cpu *c, uint32_t v);
void cpu_set_cr4(Cpu *c, uint32_t v);
uint64_t cpu_tsc(Cpu *c);
#define HF_SMM (1u << 19)          /* hflags: in System Management Mode */
#define HF2_NMI (1u << 2)          /* hflags2: NMI blocked */
#define HF2_SMM_INSIDE_NMI (1u << 4)
#define HF2_IGNNE (1u << 7)        /* hflags2: IGNNE# asserted (port 0xF0 write, QEMU's bit) */
void smm_enter(Cpu *c);            /* smm.c */

/* ---- x87 (ops_x87.c) ---- */
/* Status word bits beside fx80's flags and condition codes. */
enum { FSW_SF = 1 << 6, FSW_ES = 1 << 7, FSW_TOP = 7 << 11, FSW_B = 1 << 15 };
/* What an x87 instruction is for fpu_enter: a non-control instruction (records FIP, FCS,
 * FOP and, with a memory operand, FDP and FDS), a waiting control instruction (FLDCW,
 * FLDENV, FRSTOR) or a non-waiting one (FNINIT, FNCLEX, FNSTCW, FNSTSW, FNSTENV, FNSAVE). */
enum { FPU_OP, FPU_CONTROL, FPU_NOWAIT };
/* Every x87 handler starts here: #NM when CR0.EM or CR0.TS; false when the CPU has no FPU
 * or the instruction waits for FERR#'s interrupt (it then does nothing now); a waiting
 * instruction delivers a pending unmasked exception (#MF with CR0.NE, else FERR#). */
bool fpu_enter(Cpu *c, const Insn *i, int kind);
unsigned fpu_top(const Cpu *c);
bool fpu_empty(const Cpu *c, unsigned k);   /* ST(k) is empty */
Fx80 fpu_get(const Cpu *c, unsigned k);     /* ST(k)'s bits, empty or not */
void fpu_set(Cpu *c, unsigned k, Fx80 v);   /* ST(k) = v, in use */
void fpu_push(Cpu *c, Fx80 v);
void fpu_pop(Cpu *c);
/* Before a push: true when ST(7) is empty; else the stack overflow, which (masked) pushes
 * the indefinite, and false. */
bool fpu_push_check(Cpu *c);
/* The stack fault (overflow: C1 = 1; underflow: C1 = 0): true when IE is masked. */
bool fpu_stack_fault(Cpu *c, bool overflow);
/* ORs sw's exception flags (and SF) into the status word with the ES/B summary, and writes
 * the condition codes of cc_mask from sw. */
void fpu_flags(Cpu *c, uint16_t sw, uint16_t cc_mask);
bool fpu_unmasked(const Cpu *c, uint16_t sw, uint16_t which);
Fx80Status fpu_status(const Cpu *c);        /* for an fx80 call: CW, and the current CC */
uint16_t fpu_tag_word(const Cpu *c);        /* the full 2-bit tag word (FNSTENV) */

/* ---- SIMD (ops_simd_int.c, ops_mmx.c, ops_sse_fp.c, ops_sse_mmx.c) ---- */
/* The extension that brought a SIMD instruction: without its CPUID bit it is #UD. */
typedef enum { SSE_1, SSE_2, SSE_3 } SseExt;
bool cpu_has_sse_ext(const Cpu *c, SseExt ext);
/* The x87-to-MMX transition (SDM vol. 1, 9.5.1): TOP 0, every tag valid. The caller has
 * passed fpu_enter (a pending x87 exception is delivered first). */
void mmx_transition(Cpu *c);
/* MMX register k = v; its x87 exponent field becomes 0xFFFF, as the hardware's. */
void mmx_set_q(Cpu *c, unsigned k, uint64_t v);
/* An MMX (8 bytes used) or XMM register: its bytes, little-endian, or the same as two
 * quadwords, q[0] the low one (the host is little-endian: ops_simd_int.c). */
typedef union SimdVec { uint8_t b[16]; uint64_t q[2]; } SimdVec;
/* d = d OP s over n bytes (8 or 16) for the packed-integer operation of opcode 0F op. */
void simd_int_op(unsigned op, SimdVec *d, const SimdVec *s, unsigned n);
/* Shifts d's elements of e bytes by count: kind 'l' left, 'r' logical right, 'a'
 * arithmetic right (a count past the width clears, or fills with the sign). */
void simd_shift(SimdVec *d, unsigned e, int kind, uint64_t count, unsigned n);
/* n bytes (a multiple of 4) at the instruction's seg:off; a write translates both ends
 * first. */
void simd_rd(Cpu *c, const Insn *i, uint32_t off, SimdVec *v, unsigned n);
void simd_wr(Cpu *c, const Insn *i, uint32_t off, const SimdVec *v, unsigned n);

/* The CR4 bits the CPU model allows (ops_fxsr.c): MOV CR4 #GP and a load refuse others. */
uint32_t cpu_cr4_allowed(const Cpu *c);

/* ---- block executor (exec_block.c) ---- */
/* Sets Insn.kind of the n instructions of b, the form block_exec runs each in, once they
 * are decoded and their eoff set, in a block of 32-bit code (b->code32) or not; a direct
 * jump or call in 32-bit code gets its target minus the block's entry EIP in Insn.disp,
 * which the handlers of those do not use. */
void block_prepare(Cpu *c, Block *b);
bool insn_jcc(const Insn *i);   /* a conditional jump (70-7F, 0F 80-8F) */
/* Makes i the end mark that follows the last instruction of a block (Block.insn[n]), eoff
 * the EIP after it minus the block's entry EIP. */
void insn_set_stop(Insn *i, int eoff);
/* Runs b, entered at eip (invariant 3), until an instruction leaves it or sets an exit
 * flag, and then on through the blocks linked from it (invariant 2) while each may run
 * whole (no exit flag, single step or breakpoint, enough budget). Returns the block run
 * last (also c->cur_block and c->last_block). On return c->s.eip is the next
 * instruction's and the clock counts those run; a fault longjmps out with c->s.eip at the
 * faulting instruction and the clock counting those before it. */
Block *block_exec(Cpu *c, Block *b, uint32_t eip, uint32_t ipmask);
/* The same for the first n instructions of b only (budget, single step, breakpoints),
 * each by its handler, without following links; it stops early after a REP that counted
 * several iterations. */
void block_exec_n(Cpu *c, Block *b, unsigned n, uint32_t eip, uint32_t ipmask);

/* ---- compiled code (jit.c, invariant 8) ---- */
#define JIT_HOT 32                  /* block_exec leaves before a block is compiled */
#define JIT_RUN_MIN 10              /* compiled instructions in a row at least: a shorter
                                       run costs more to enter and leave than it saves
                                       (Linux's kernel init) */
#define JIT_CHAIN_MIN 4             /* the same for a whole block, which compiled code
                                       enters and leaves by chaining (branch loop: 4
                                       needed; Linux's boot: 1 slower, 4 as 10 within
                                       the host's noise) */
#define JIT_BYTES (32u << 20)       /* the code arena */
/* What compiled code returns: the index of the instruction to go on at, and JIT_CALL when
 * its handler runs (else it is dispatched by its form, JitBlock.kind); or the index of an
 * instruction whose handler compiled code ran, and JIT_DONE: block_exec goes on as after
 * its own call of that handler. */
#define JIT_INDEX 0xff
#define JIT_CALL 0x100
#define JIT_DONE 0x200
/* Compiled code runs from block to block (chaining, jit.c): JitCtx says where it is. */
typedef struct JitCtx {
    uint64_t ic0;           /* block_exec's count at b's first instruction */
    uint64_t end;           /* block_exec's end of the budget (0: no jump, no chaining) */
    struct Block *b;        /* the block compiled code returned from (its return sets it) */
    uint32_t eip;           /* the EIP b was entered at */
    uint32_t target;        /* scratch: an exit's target across a call */
} JitCtx;
/* The entry code, at the start of the code arena: loads the guest registers and jumps to
 * entry; its exit stores them and returns what the code returned. */
typedef uint32_t (*JitEnter)(Cpu *c, JitCtx *x, const void *entry);
/* An exit of a compiled block to a target in another block (a jump or call out of it, its
 * end, a RET): the successor it chains to, filled when the exit first misses. Valid while
 * gen is c->chain_gen (the successor is then a valid block: invariant 2) and eip the
 * target; code NULL: the successor is not compiled from its first instruction (valid
 * while jit_blocks is c->jit_blocks too). A slot may outlive its link when Block.succ
 * drops it (four at most); the block it names is still the one at that EIP in this
 * chain_gen, which cpu_run would look up and run next: the run is the same. */
typedef struct JitExit {
    uint64_t gen;
    uint64_t jit_blocks;
    const void *code;               /* the successor's compiled entry[0], or NULL */
    const struct Block *from;       /* the block of the exit (set when compiled) */
    uint32_t eip;                   /* the target */
    uint32_t n;                     /* the successor's Block.n */
} JitExit;
typedef struct JitBlock {
    const void *entry[BLOCK_MAX];   /* where instruction k's code starts, NULL: none */
    uint8_t kind[BLOCK_MAX + 1];    /* the forms block_prepare chose (Insn.kind), and the
                                       end mark's */
    JitExit exit[];                 /* its exits to other blocks */
} JitBlock;
/* Sets up the code arena when the host and PCEMU_JIT allow (c->jit), and frees it. */
void jit_init(Cpu *c);
void jit_free(Cpu *c);
/* Forgets every compiled block, with the block arena (code_flush). */
void jit_flush(Cpu *c);
/* b left block_exec or jumped inside it c->jit_hot times: compiles it (nothing when
 * c->jit is off, b is not valid 32-bit code, or the code arena is full, which sets
 * c->jit_full). */
void jit_block_hot(Cpu *c, Block *b);
/* Runs the compiled code of b from instruction k (Insn.kind INSN_JIT), and of the blocks
 * it chains to; x->b and x->eip say where it returned. */
CPU_INLINE uint32_t jit_run(Cpu *c, const Block *b, unsigned k, JitCtx *x)
{
    return ((JitEnter)(uintptr_t)c->jit_code)(c, x, b->jit->entry[k]);
}

/* ---- decoder (decode.c) ---- */
/* Decodes one instruction from buf (avail bytes). Returns its length, 0 when more bytes
 * are needed than avail, or -1 when it is longer than 15 bytes. */
int cpu_decode(Insn *i, const uint8_t *buf, unsigned avail, bool code32);
const char *cpu_insn_name(const Insn *i);

/* Handlers of the opcode table. */
#define OP_DECL(name) void name(Cpu *c, const Insn *i);
#define X(opc, name, fl, h16, h32) OP_DECL(h16) OP_DECL(h32)
#define FORMS(opc, fl)
#define F(sel, name, fl, h16, h32) OP_DECL(h16) OP_DECL(h32)
#define FORMS_END
#include "emu/cpu/opcodes.def"
#undef X
#undef FORMS
#undef F
#undef FORMS_END

#endif
