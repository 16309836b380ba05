/* jit.c: compiles hot blocks into x86-64 host code (invariant 8 of cpu_int.h). The input
 * is the forms block_prepare chose (insn_kind.h), so every condition under which
 * block_exec runs a form inline holds here too; the compiler takes the 32-bit register and
 * memory forms of the hot loops (MOV, ALU operations, TEST, INC, DEC, NEG, NOT, IMUL, LEA,
 * shifts and rotates by an immediate or 1, SHL/SHR/SAR by CL, 16-bit SHR/SAR, MOVZX,
 * MOVSX, SETcc, CMOVcc, 8- and 16-bit MOV from and to memory, 8-bit ALU operations and
 * TEST, Jcc, JMP, PUSH and POP of a register, CALL rel32, RET, LEAVE, MUL), in runs of
 * Cpu.jit_run_min or more, and leaves the rest to block_exec (string instructions,
 * everything else with a handler);
 * but a block of Cpu.jit_chain_min compiled forms or more and no more other instructions
 * is compiled whole, those others as calls of their handlers (handler_call), so that the
 * code runs through them and chains on from the block's end.
 *
 * Compiled code keeps all eight guest registers in r8-r15 (loaded by the entry code at
 * the start of the code arena, stored back by its exit), Cpu in rbx, the JitCtx in rbp;
 * rax, rcx, rdx, rsi and rdi are scratch. Each form writes c->lf exactly as lf_set would
 * (the *_NF forms not at all), and ends with the operation itself, so that host EFLAGS
 * then holds the guest's flags (Jc.hv says which of them): a Jcc, SETcc, CMOVcc, ADC, SBB,
 * INC or DEC right after uses them directly, as the same flags of the same operation on
 * the same values. Elsewhere (after a memory access, at an entry) they are rebuilt from
 * c->lf (jit_mat). A memory operand takes mem_fast_try's path: a flat segment and a TLB
 * entry whose tag also catches a page crossing; otherwise the code returns, before any
 * write, with the instruction for its handler.
 *
 * Chaining: where a block's code leaves it for another block (a jump or CALL out, a RET,
 * its end), it goes on in that block's compiled code, with no return to block_exec, when
 * block_exec's leave would have gone on there: the block is linked from this one for the
 * target (Block.succ, Block.link_gen), and fits the budget; and it is compiled from its
 * first instruction. Each such exit has a slot (JitExit, before the block's code) that
 * remembers the successor of its last target while c->chain_gen stays the same, filled by
 * jit_chain_fill from the links when it misses. The count (JitCtx.ic0) goes on as
 * block_exec's leave counts, and JitCtx.b and .eip tell block_exec where the code returned
 * from. Hosts other than x86-64 run the interpreter only. */
#include <assert.h>
#include <stddef.h>
#include <stdlib.h>

#include "emu/cpu/cpu_int.h"
#include "emu/cpu/insn_kind.h"

#if defined(__x86_64__) && defined(__linux__)
#include <sys/mman.h>

#include "emu/cpu/jit_emit.h"

#define G(r) (H_R8 + (int)(r))          /* guest register r lives in host r8 + r */
#define C_OFF(f) ((int32_t)offsetof(Cpu, f))
#define LF(f) C_OFF(lf.f)
#define REG_OFF(r) (C_OFF(s.regs) + 4 * (int32_t)(r))
#define X_OFF(f) ((int32_t)offsetof(JitCtx, f))
#define JIT_EXIT_AT 128                 /* the exit code's offset in the code arena */
#define JIT_TRAMP 256                   /* the entry and exit code's bytes */

/* Jc.lfk besides the LFS_* values. */
enum { LFK_NONE = -1 };

/* Guest flags that host EFLAGS holds (Jc.hv). */
enum { HV_CF = 1, HV_OF = 2, HV_ZF = 4, HV_SF = 8, HV_PF = 16, HV_ALL = 31 };

/* The flags condition cc (0..15) reads. */
static unsigned cond_needs(unsigned cc)
{
    static const uint8_t need[8] = { HV_OF, HV_CF, HV_ZF, HV_CF | HV_ZF, HV_SF, HV_PF,
                                     HV_SF | HV_OF, HV_ZF | HV_SF | HV_OF };
    return need[cc >> 1];
}

#define JIT_EXITS (8 * BLOCK_MAX)
typedef struct JcOut { uint8_t *at; uint16_t ret; } JcOut;   /* a jump that returns ret */
typedef struct JcFix { uint8_t *at; uint8_t k; } JcFix;      /* a jump to instruction k */
typedef struct Jc {
    Emit e;
    const Block *b;
    unsigned hv;                    /* HV_*: the guest flags host EFLAGS holds now */
    int lfk;                        /* c->lf.op now (LFS_*) as the code on this path stored
                                       it; LFK_NONE: unknown */
    const uint8_t *exit;            /* the exit code (eax: what to return) */
    unsigned run_min;               /* c->jit_run_min */
    unsigned chain_min;             /* c->jit_chain_min */
    JitExit *exits;                 /* the block's exits to other blocks */
    unsigned nexit, maxexit;
    uint8_t *start[BLOCK_MAX];      /* where instruction k's code starts */
    bool comp[BLOCK_MAX], entry[BLOCK_MAX], target[BLOCK_MAX];
    bool hcall[BLOCK_MAX];          /* compiled as a call of its handler (handler_call) */
    JcOut out[JIT_EXITS];           /* jumps to the returns at the end */
    unsigned nout;
    JcFix fix[BLOCK_MAX];           /* jumps to start[k] */
    unsigned nfix;
} Jc;

/* A jump (e_jcc or e_jmp's `at`) that returns ret (an instruction index, | JIT_CALL). */
static void jc_out(Jc *j, uint8_t *at, uint32_t ret)
{
    if (j->nout < JIT_EXITS)
        j->out[j->nout++] = (JcOut){ at, (uint16_t)ret };
    else
        j->e.full = true;
}
static void jc_return(Jc *j, uint32_t ret) { jc_out(j, e_jmp(&j->e), ret); }

static void e_push(Emit *e, int r) { e_head(e, 0x50 + (r & 7), 0, 0, r, false, false); }
static void e_pop(Emit *e, int r) { e_head(e, 0x58 + (r & 7), 0, 0, r, false, false); }

/* Host flags from c->lf's guest flags (the arithmetic ones; the rest 0, as ABI's DF). */
static uint64_t jit_eflags(const Cpu *c)
{
    const LazyFlags *l = &c->lf;
    if (!l->op)
        return c->s.eflags & F_ARITH;
    uint32_t aux = l->op == LFS_AUX ? l->aux : lf_addsub_aux(l->op, l->res, l->op1, l->op2, lf_cf(l));
    return (aux & (F_CF | F_AF | F_OF)) | (l->res ? 0 : F_ZF) | (l->res >> 31 ? F_SF : 0) |
           (__builtin_parity(l->res & 0xff) ? 0 : F_PF);
}

/* Calls fn(c, esi) (the C ABI; the stack is 16-aligned in compiled code); rax, rcx, rdx,
 * rsi, rdi and host flags are lost. */
static void call_c(Jc *j, uintptr_t fn)
{
    Emit *e = &j->e;
    for (int r = 0; r < 4; r++)                 /* the caller-saved guest registers */
        e_push(e, G(r));
    e_rr(e, W64 | 0x89, H_BX, H_DI);            /* mov rdi, rbx */
    e_movi64(e, H_AX, fn);
    e_rr(e, 0xff, 2, H_AX);                     /* call rax */
    for (int r = 3; r >= 0; r--)
        e_pop(e, G(r));
    j->hv = 0;
    j->lfk = LFK_NONE;
}

/* c->lf.op = op, unless the code stored it already. */
static void set_op(Jc *j, uint32_t op)
{
    if (j->lfk != (int)op)
        e_movmi(&j->e, H_BX, LF(op), op);
    j->lfk = (int)op;
}

/* Host EFLAGS = the guest's (all of hv): the commonest lazy states inline (CMP and SUB
 * compare their operands again, ADD adds them again, INC and DEC redo theirs with lf.aux's
 * CF, a logic operation tests its result), jit_eflags else. */
static void jit_mat(Jc *j)
{
    Emit *e = &j->e;
    switch (j->lfk) {   /* known here: that case alone */
    case LFS_SUB32:
        e_rm(e, 0x8b, H_AX, H_BX, LF(op1));
        e_rm(e, 0x3b, H_AX, H_BX, LF(op2));
        j->hv = HV_ALL;
        return;
    case LFS_ADD32:
        e_rm(e, 0x8b, H_AX, H_BX, LF(op1));
        e_rm(e, 0x03, H_AX, H_BX, LF(op2));
        j->hv = HV_ALL;
        return;
    case LFS_LOGIC:
        e_rm(e, 0x8b, H_AX, H_BX, LF(res));
        e_rr(e, 0x85, H_AX, H_AX);
        j->hv = HV_ALL;
        return;
    default:
        break;
    }
    int lfk = j->lfk;
    e_rm(e, 0x8b, H_AX, H_BX, LF(op));
    e8(e, 0x3d), e32(e, LFS_SUB32);             /* cmp eax, LFS_SUB32 */
    uint8_t *not_sub = e_jcc(e, 5);
    e_rm(e, 0x8b, H_AX, H_BX, LF(op1));
    e_rm(e, 0x3b, H_AX, H_BX, LF(op2));
    uint8_t *done1 = e_jmp(e);
    e_patch(not_sub, e->p);
    e8(e, 0x3d), e32(e, LFS_ADD32);
    uint8_t *not_add = e_jcc(e, 5);
    e_rm(e, 0x8b, H_AX, H_BX, LF(op1));
    e_rm(e, 0x03, H_AX, H_BX, LF(op2));
    uint8_t *done3 = e_jmp(e);
    e_patch(not_add, e->p);
    /* INC and DEC: the same again on the result's predecessor (successor), CF from lf.aux */
    uint8_t *incdec[2];
    for (int d = 0; d < 2; d++) {
        e8(e, 0x3d), e32(e, d ? LFS_DEC32 : LFS_INC32);
        uint8_t *other = e_jcc(e, 5);
        e_rm(e, 0x8b, H_AX, H_BX, LF(res));
        e_rr(e, 0xff, !d, H_AX);                /* dec eax (inc eax for DEC) */
        e_rm(e, 0x0fba, 4, H_BX, LF(aux)), e8(e, 0);   /* bt dword lf.aux, 0 */
        e_rr(e, 0xff, d, H_AX);                 /* inc eax (dec eax) */
        incdec[d] = e_jmp(e);
        e_patch(other, e->p);
        e_rm(e, 0x8b, H_AX, H_BX, LF(op));     /* the op again */
    }
    e8(e, 0x3d), e32(e, LFS_LOGIC);
    uint8_t *not_logic = e_jcc(e, 5);
    e_rm(e, 0x8b, H_AX, H_BX, LF(res));
    e_rr(e, 0x85, H_AX, H_AX);                  /* test eax, eax */
    uint8_t *done2 = e_jmp(e);
    e_patch(not_logic, e->p);
    call_c(j, (uintptr_t)jit_eflags);
    e_push(e, H_AX);
    e8(e, 0x9d);                                /* popfq */
    e_patch(done1, e->p);
    e_patch(done2, e->p);
    e_patch(done3, e->p);
    e_patch(incdec[0], e->p);
    e_patch(incdec[1], e->p);
    j->hv = HV_ALL;
    j->lfk = lfk;   /* jit_eflags only reads c->lf */
}

/* Host flags that hold condition cc's guest flags. */
static void need_cond(Jc *j, unsigned cc)
{
    if ((j->hv & cond_needs(cc)) != cond_needs(cc))
        jit_mat(j);
}

/* Host CF = the guest's CF of ADD (LFS_ADD32: res < op1) or SUB (op1 < op2): a
 * compare, with edx. */
static void cf_of_addsub(Jc *j, bool add)
{
    e_rm(&j->e, 0x8b, H_DX, H_BX, add ? LF(res) : LF(op1));
    e_rm(&j->e, 0x3b, H_DX, H_BX, add ? LF(op1) : LF(op2));
}

/* edx = the guest's CF (0 or 1), and host CF the same (flag_cf). */
static void load_cf(Jc *j)
{
    Emit *e = &j->e;
    if (!(j->hv & HV_CF)) {
        if (j->lfk == LFS_ADD32 || j->lfk == LFS_SUB32) {
            cf_of_addsub(j, j->lfk == LFS_ADD32);
        } else {
            uint8_t *done[2] = { NULL, NULL };
            if (j->lfk == LFK_NONE) {   /* ADD or SUB: CF from the operands */
                for (int add = 0; add < 2; add++) {
                    e_rm(e, 0x81, 7, H_BX, LF(op)), e32(e, add ? LFS_ADD32 : LFS_SUB32);
                    uint8_t *other = e_jcc(e, 5);
                    cf_of_addsub(j, add);
                    done[add] = e_jmp(e);
                    e_patch(other, e->p);
                }
            }
            e_rm(e, 0x8b, H_DX, H_BX, LF(aux));
            e_rm(e, 0x83, 7, H_BX, LF(op)), e8(e, 0);  /* cmp dword lf.op, 0 */
            e_rm(e, 0x0f44, H_DX, H_BX, C_OFF(s.eflags));   /* cmove edx, eflags */
            e_rr(e, 0x0fba, 4, H_DX), e8(e, 0);        /* bt edx, 0 */
            e_patch(done[0], e->p);
            e_patch(done[1], e->p);
        }
        j->hv = HV_CF;
    }
    e_rr8(e, 0x0f92, 0, H_DX);                  /* setc dl */
    e_rr8(e, 0x0fb6, H_DX, H_DX);               /* movzx edx, dl */
}

/* After an operation whose host CF is the guest's: lf.op = op, and lf.aux = CF but for
 * ADD and SUB (lf_cf: from their operands). The whole dword: readers load it whole, which
 * a byte store would stall. */
static void store_cf_op(Jc *j, uint32_t op)
{
    Emit *e = &j->e;
    if (op != LFS_ADD32 && op != LFS_SUB32) {
        e_rr8(e, 0x0f92, 0, H_DX);
        e_rr8(e, 0x0fb6, H_DX, H_DX);
        e_rm(e, 0x89, H_DX, H_BX, LF(aux));
    }
    set_op(j, op);
}

/* ALU operation op (ADD OR ADC SBB AND SUB XOR CMP; 8: TEST) on host registers: d = d op
 * s, or op imm when s is H_NONE; nf: without recording the flags (the *_NF forms). */
static void alu32(Jc *j, unsigned op, int d, int s, uint32_t imm, bool nf)
{
    Emit *e = &j->e;
    bool arith = op == 0 || op == 2 || op == 3 || op == 5 || op == 7;
    int x = d;
    if (op >= 7) {                              /* CMP, TEST: on a copy */
        e_rr(e, 0x89, d, H_DI);
        x = H_DI;
    }
    unsigned hop = op == 8 ? 4 : op == 7 ? 5 : op;   /* the copy gets the result */
    if (op == 2 || op == 3)
        load_cf(j);   /* first: an ADD's or SUB's CF comes from the operands they saved */
    if (!nf && arith) {
        e_rm(e, 0x89, d, H_BX, LF(op1));
        if (s == H_NONE)
            e_movmi(e, H_BX, LF(op2), imm);
        else
            e_rm(e, 0x89, s, H_BX, LF(op2));
    }
    if (s == H_NONE)
        e_rr(e, 0x81, (int)hop, x), e32(e, imm);
    else
        e_rr(e, hop << 3 | 1, s, x);
    j->hv = nf ? 0 : HV_ALL;
    if (nf)
        return;
    e_rm(e, 0x89, x, H_BX, LF(res));
    if (arith) {
        store_cf_op(j, op == 0 ? LFS_ADD32 : op == 2 ? LFS_ADC32 : op == 3 ? LFS_SBB32 : LFS_SUB32);
    } else {
        e_movmi(e, H_BX, LF(aux), 0);
        set_op(j, LFS_LOGIC);
    }
}

/* INC (dec false) or DEC of host register d. */
static void incdec(Jc *j, int d, bool dec, bool nf)
{
    Emit *e = &j->e;
    if (nf) {
        e_rr(e, 0xff, dec, d);
        j->hv = 0;
        return;
    }
    load_cf(j);                                 /* edx: the CF INC and DEC keep */
    e_rr(e, 0xff, dec, d);
    e_rm(e, 0x89, d, H_BX, LF(res));
    e_rm(e, 0x89, H_DX, H_BX, LF(aux));
    set_op(j, dec ? LFS_DEC32 : LFS_INC32);
    j->hv = HV_ALL;
}

/* Shift kind (SH_SHL, SH_SHR, SH_SAR) of host register d by cnt (1..31). */
static void shift(Jc *j, int kind, int d, unsigned cnt, bool nf)
{
    Emit *e = &j->e;
    int ext = kind == SH_SHL ? 4 : kind == SH_SHR ? 5 : 7;
    if (nf) {
        e_rr(e, 0xc1, ext, d), e8(e, cnt);
        j->hv = 0;
        return;
    }
    /* aux as lf_set has it, from a copy first: then the shift itself sets host flags */
    if (kind == SH_SHL) {                       /* CF | OF (MSB of the result != CF) */
        e_rr(e, 0x89, d, H_AX);
        e_rr(e, 0xc1, 4, H_AX), e8(e, cnt);
        e_rr8(e, 0x0f92, 0, H_DX);
        e_rr8(e, 0x0fb6, H_DX, H_DX);
        e_rr(e, 0xc1, 5, H_AX), e8(e, 31);
        e_rr(e, 0x31, H_DX, H_AX);              /* xor eax, edx */
        e_rr(e, 0xc1, 4, H_AX), e8(e, 11);
        e_rr(e, 0x09, H_DX, H_AX);              /* or eax, edx */
        e_rm(e, 0x89, H_AX, H_BX, LF(aux));
        e_rr(e, 0xc1, ext, d), e8(e, cnt);
    } else {   /* CF, | OF = the operand's MSB for SHR by 1 (lf_set's OFB) */
        if (kind == SH_SHR && cnt == 1) {
            e_rr(e, 0x89, d, H_AX);
            e_rr(e, 0xc1, 5, H_AX), e8(e, 20);
            e_rr(e, 0x81, 4, H_AX), e32(e, F_OF);
        } else {
            e_movi(e, H_AX, 0);
        }
        e_rr(e, 0xc1, ext, d), e8(e, cnt);
        e_rr8(e, 0x0f92, 0, H_DX);
        e_rr8(e, 0x0fb6, H_DX, H_DX);
        e_ea(e, 0x8d, H_AX, H_AX, H_DX, 0, 0);  /* lea eax, [eax + edx]: flags kept */
        e_rm(e, 0x89, H_AX, H_BX, LF(aux));
    }
    e_rm(e, 0x89, d, H_BX, LF(res));
    set_op(j, LFS_AUX);
    /* the host's OF of a shift by more than 1 is undefined */
    j->hv = HV_CF | HV_ZF | HV_SF | HV_PF | (cnt == 1 ? HV_OF : 0);
}

/* CF and OF of a rotate (set_cf_of), the other flags kept. */
static void jit_rot_flags(Cpu *c, uint32_t v)
{
    flags_set_cao(c, v, F_CF | F_OF);
}

/* ROL (left) or ROR of host register d by cnt (1..31), with set_cf_of's flags: CF the bit
 * that went round, OF ROL: MSB XOR CF, ROR: the two top bits XORed. */
static void rotate(Jc *j, bool left, int d, unsigned cnt)
{
    Emit *e = &j->e;
    e_rr(e, 0xc1, left ? 0 : 1, d), e8(e, cnt);
    e_rr(e, 0x89, d, H_SI);
    e_rr(e, 0x89, d, H_AX);
    if (left) {
        e_rr(e, 0xc1, 5, H_SI), e8(e, 31);      /* esi = MSB */
        e_rr(e, 0x83, 4, H_AX), e8(e, 1);       /* eax = CF */
    } else {
        e_rr(e, 0xc1, 5, H_SI), e8(e, 30);
        e_rr(e, 0xc1, 5, H_AX), e8(e, 31);      /* eax = CF = MSB */
    }
    e_rr(e, 0x31, H_AX, H_SI);                  /* xor esi, eax: OF in bit 0 */
    e_rr(e, 0x83, 4, H_SI), e8(e, 1);
    e_rr(e, 0xc1, 4, H_SI), e8(e, 11);
    e_rr(e, 0x09, H_AX, H_SI);                  /* esi = CF | OF */
    call_c(j, (uintptr_t)jit_rot_flags);
}

/* 16-bit SHR or SAR (sar) of the low half of host register d by cnt (1..15; the host's CF
 * is undefined from 16 on): lf_set's operand size 1, res sign-extended, aux CF (| OF =
 * the operand's MSB for SHR by 1). */
static void shift16(Jc *j, bool sar, int d, unsigned cnt)
{
    Emit *e = &j->e;
    if (!sar && cnt == 1) {
        e_rr(e, 0x0fb7, H_AX, d);               /* movzx eax, d16 */
        e_rr(e, 0xc1, 5, H_AX), e8(e, 4);
        e_rr(e, 0x81, 4, H_AX), e32(e, F_OF);
    } else {
        e_movi(e, H_AX, 0);
    }
    e8(e, 0x66), e_rr(e, 0xc1, sar ? 7 : 5, d), e8(e, cnt);
    e_rr8(e, 0x0f92, 0, H_DX);
    e_rr8(e, 0x0fb6, H_DX, H_DX);
    e_ea(e, 0x8d, H_AX, H_AX, H_DX, 0, 0);      /* lea eax, [eax + edx]: flags kept */
    e_rm(e, 0x89, H_AX, H_BX, LF(aux));
    e_rr(e, 0x0fbf, H_AX, d);                   /* movsx eax, d16 */
    e_rm(e, 0x89, H_AX, H_BX, LF(res));
    set_op(j, LFS_AUX);
    j->hv = HV_CF | HV_ZF | HV_SF | HV_PF | (cnt == 1 ? HV_OF : 0);
}

/* SHL, SHR or SAR of host register d by CL (guest ECX & 31; 0 changes nothing): aux as
 * lf_set has it from a copy (SHR: the operand shifted by one less), then the shift. */
static void shift_cl(Jc *j, int kind, int d)
{
    Emit *e = &j->e;
    int ext = kind == SH_SHL ? 4 : kind == SH_SHR ? 5 : 7;
    e_rr(e, 0x89, G(R_ECX), H_CX);
    e_rr(e, 0x83, 4, H_CX), e8(e, 31);
    uint8_t *zero = e_jcc(e, 4);
    e_rr(e, 0x89, d, H_AX);
    if (kind == SH_SHL) {                       /* CF | OF (MSB of the result != CF) */
        e_rr(e, 0xd3, 4, H_AX);
        e_rr8(e, 0x0f92, 0, H_DX);
        e_rr8(e, 0x0fb6, H_DX, H_DX);
        e_rr(e, 0xc1, 5, H_AX), e8(e, 31);
        e_rr(e, 0x31, H_DX, H_AX);
    } else {                                    /* eax = the operand >> (count - 1) */
        e_rr(e, 0xff, 1, H_CX);
        e_rr(e, 0xd3, ext, H_AX);
        e_rr(e, 0xff, 0, H_CX);
        e_rr(e, 0x89, H_AX, H_DX);
        e_rr(e, 0x83, 4, H_DX), e8(e, 1);      /* edx = CF */
        e_rr(e, 0xc1, 5, H_AX), e8(e, 31);     /* eax = its MSB: OF of SHR */
        if (kind == SH_SAR)
            e_movi(e, H_AX, 0);
    }
    e_rr(e, 0xc1, 4, H_AX), e8(e, 11);
    e_rr(e, 0x09, H_DX, H_AX);
    e_rm(e, 0x89, H_AX, H_BX, LF(aux));
    e_rr(e, 0xd3, ext, d);
    e_rm(e, 0x89, d, H_BX, LF(res));
    set_op(j, LFS_AUX);
    e_patch(zero, e->p);
    j->hv = 0;
    j->lfk = LFK_NONE;   /* a count of 0 changed nothing */
}

/* set_reg8 (store) or reg8 of guest byte register r with [rax], flags kept: AL..BL are the
 * low bytes of r8-r11, AH..BH go through DH. */
static void mem8(Jc *j, unsigned r, bool store)
{
    Emit *e = &j->e;
    if (r < 4) {
        e_rm(e, store ? 0x88 : 0x8a, G(r), H_AX, 0);
        return;
    }
    e_rr(e, 0x89, G(r & 3), H_DX);
    e_rm(e, store ? 0x88 : 0x8a, 6, H_AX, 0);   /* DH: no REX */
    if (!store)
        e_rr(e, 0x89, H_DX, G(r & 3));
}

/* eax (or host register r) = the memory operand's 32-bit address (ea). */
static void addr_to(Jc *j, const Insn *i, int r)
{
    int base = i->base == EA_NONE ? H_NONE : G(i->base);
    int index = i->index == EA_NONE ? H_NONE : G(i->index);
    if (base == H_NONE && index == H_NONE)
        e_movi(&j->e, r, i->disp);
    else
        e_ea(&j->e, 0x8d, r, base, index, i->scale, i->disp);
}

/* rax = the host address of n bytes at the memory operand of instruction k (mem_fast_try),
 * or a return to run k's handler. Uses rsi and rdi; host flags are lost. */
static void mem_at(Jc *j, unsigned k, int seg, unsigned n, bool write);
static void mem(Jc *j, unsigned k, unsigned n, bool write)
{
    const Insn *i = &j->b->insn[k];
    addr_to(j, i, H_AX);
    mem_at(j, k, i->seg, n, write);
}

/* The same for n bytes at offset eax of segment seg: flat (an offset is its linear
 * address: DS, ES and SS always are while compiled code runs, Cpu.jit_flat), or, FS and
 * GS (Linux's per-CPU data, a thread's TLS), every offset allowed and the base added. */
static void mem_at(Jc *j, unsigned k, int seg, unsigned n, bool write)
{
    Emit *e = &j->e;
    if (seg == R_FS || seg == R_GS) {
        int32_t sc = C_OFF(sc) + seg * (int32_t)sizeof(SegCache);
        e_rm(e, 0x80, 7, H_BX, sc + (int32_t)(write ? offsetof(SegCache, wall) : offsetof(SegCache, rall)));
        e8(e, 0);                               /* cmp byte rall / wall, 0 */
        jc_out(j, e_jcc(e, 4), k | JIT_CALL);   /* je: a limit to check */
        e_rm(e, 0x03, H_AX, H_BX, sc + (int32_t)offsetof(SegCache, base));
    } else if (seg == R_CS) {
        e_rm(e, 0xf6, 0, H_BX, C_OFF(seg_flat) + seg), e8(e, write ? SEG_FLAT_W : SEG_FLAT_R);
        jc_out(j, e_jcc(e, 4), k | JIT_CALL);   /* jz: not flat */
    }
    e_rr(e, 0x89, H_AX, H_SI);
    e_rr(e, 0xc1, 5, H_SI), e8(e, 8);
    e_rr(e, 0x81, 4, H_SI), e32(e, (TLB_SIZE - 1) * (uint32_t)sizeof(TlbEnt));
    e_rm(e, W64 | 0x03, H_SI, H_BX, write ? C_OFF(tlb_wr) : C_OFF(tlb_rd));
    e_rm(e, 0x8d, H_DI, H_AX, (int32_t)n - 1);
    e_rr(e, 0x81, 4, H_DI), e32(e, ~0xfffu);
    e_rm(e, 0x3b, H_DI, H_SI, (int32_t)offsetof(TlbEnt, tag));
    jc_out(j, e_jcc(e, 5), k | JIT_CALL);       /* jne: a miss or a page crossing */
    e_rm(e, W64 | 0x03, H_AX, H_SI, (int32_t)offsetof(TlbEnt, addend));
    j->hv = 0;
}

/* Fills exit x for a jump to target from its block as block_link finds the successor (a
 * link, or the jump cache): returns NULL when there is none of the current chain_gen for
 * target. Called by compiled code when x is stale. */
static JitExit *jit_chain_fill(Cpu *c, uint32_t target, JitExit *x)
{
    const Block *b = x->from, *s = NULL;
    if (b->link_gen == c->chain_gen)
        for (int k = 0; k < BLOCK_SUCC && !s; k++)
            if (b->succ_eip[k] == target)
                s = b->succ[k];
    const JumpCache *jc = &c->jump_cache[jump_cache_at(target)];
    if (!s && jc->eip == target && jc->gen == c->chain_gen)
        s = jc->b;
    if (!s)
        return NULL;
    x->gen = c->chain_gen;
    x->jit_blocks = c->jit_blocks;
    x->code = s->jit ? s->jit->entry[0] : NULL;
    c->jit_links += x->code != NULL;
    x->eip = target;
    x->n = s->n;
    return x;
}

/* CALL (instruction k) pushes its return address: ESP - 4 on the stack's fast path. */
static void push_ret(Jc *j, unsigned k)
{
    Emit *e = &j->e;
    const Insn *i = &j->b->insn[k];
    e_rm(e, 0x8d, H_AX, G(R_ESP), -4);
    mem_at(j, k, R_SS, 4, true);
    e_rm(e, 0x8b, H_SI, H_BP, X_OFF(eip));
    e_rr(e, 0x81, 0, H_SI), e32(e, (uint32_t)(int32_t)i->eoff + i->len);
    e_rm(e, 0x89, H_SI, H_AX, 0);
    e_rr(e, 0x83, 5, G(R_ESP)), e8(e, 4);
}

/* What an exit does before it goes on in its successor (nothing changes before). */
enum { COMMIT_NONE, COMMIT_RET, COMMIT_CALL };

/* The successor's entry, common to chain_exit's ways to it: unless the count rcx (the
 * successor's JitCtx.ic0) plus its Block.n, in host register sum, passes the budget (a
 * return of ret then, nothing changed), instruction k's commit, and JitCtx.ic0 and .eip
 * (the target in eax) for the successor. COMMIT_CALL loses rdx, rsi and rdi. */
static void enter_succ(Jc *j, unsigned k, unsigned ret, int commit, int sum)
{
    Emit *e = &j->e;
    e_rm(e, W64 | 0x3b, sum, H_BP, X_OFF(end));
    jc_out(j, e_jcc(e, 7), ret);                            /* ja: the budget ends first */
    if (commit == COMMIT_RET) {
        e_rr(e, 0x83, 0, G(R_ESP)), e8(e, 4);
    } else if (commit == COMMIT_CALL) {
        e_rr(e, 0x89, H_AX, H_DX);
        push_ret(j, k);
        e_rr(e, 0x89, H_DX, H_AX);
    }
    e_rm(e, W64 | 0x89, H_CX, H_BP, X_OFF(ic0));
    e_rm(e, 0x89, H_AX, H_BP, X_OFF(eip));   /* JitCtx.b: when the successor returns */
}

/* chain_exit's look in the jump cache for the target in eax, as jit_chain_fill's: on in
 * the block found there when it is of the current chain_gen, compiled from its first
 * instruction and fits the budget (else a return of ret); falls through on a miss. */
static void jump_cache_probe(Jc *j, unsigned k, unsigned ret, unsigned adv, int commit)
{
    Emit *e = &j->e;
    int32_t jc = C_OFF(jump_cache);
    e_rr(e, 0x89, H_AX, H_SI);
    e_rr(e, 0xc1, 5, H_SI), e8(e, 12);
    e_rr(e, 0x31, H_AX, H_SI);
    e_rr(e, 0x81, 4, H_SI), e32(e, JUMP_CACHE - 1);         /* jump_cache_at */
    _Static_assert(sizeof(JumpCache) == 24, "an entry is 3 << 3 bytes");
    e_ea(e, 0x8d, H_SI, H_SI, H_SI, 1, 0);                  /* esi *= 3 */
    e_rr(e, W64 | 0xc1, 4, H_SI), e8(e, 3);
    e_rr(e, W64 | 0x01, H_BX, H_SI);                        /* rsi + jc: the entry */
    e_rm(e, 0x3b, H_AX, H_SI, jc + (int32_t)offsetof(JumpCache, eip));
    uint8_t *miss1 = e_jcc(e, 5);
    e_rm(e, W64 | 0x8b, H_CX, H_BX, C_OFF(chain_gen));
    e_rm(e, W64 | 0x3b, H_CX, H_SI, jc + (int32_t)offsetof(JumpCache, gen));
    uint8_t *miss2 = e_jcc(e, 5);
    e_rm(e, W64 | 0x8b, H_SI, H_SI, jc + (int32_t)offsetof(JumpCache, b));
    e_rm(e, W64 | 0x8b, H_DX, H_SI, (int32_t)offsetof(Block, jit));
    e_rr(e, W64 | 0x85, H_DX, H_DX);
    uint8_t *miss3 = e_jcc(e, 4);
    e_rm(e, W64 | 0x8b, H_DX, H_DX, (int32_t)offsetof(JitBlock, entry));
    e_rr(e, W64 | 0x85, H_DX, H_DX);
    uint8_t *miss4 = e_jcc(e, 4);
    e_rm(e, 0x0fb6, H_SI, H_SI, (int32_t)offsetof(Block, n));
    e_rm(e, W64 | 0x8b, H_CX, H_BP, X_OFF(ic0));
    e_rr(e, W64 | 0x81, 0, H_CX), e32(e, adv);              /* rcx: the successor's ic0 */
    e_rr(e, W64 | 0x01, H_CX, H_SI);
    enter_succ(j, k, ret, commit, H_SI);                    /* not a CALL: rdx kept */
    e_rm(e, W64 | 0xff, 0, H_BX, C_OFF(jit_links));         /* inc qword jit_links */
    e_rr(e, 0xff, 4, H_DX);                                 /* jmp rdx */
    e_patch(miss1, e->p);
    e_patch(miss2, e->p);
    e_patch(miss3, e->p);
    e_patch(miss4, e->p);
}

/* An exit of instruction k to the target in eax, the count going on by adv (block_exec's
 * leave): on in the successor's compiled code when exit slot x says it is linked from
 * this block for the target, compiled from its first instruction and fits the budget (as
 * block_link); else, with nothing changed, back to block_exec with ret (k, whose form
 * then runs, or at the end the end mark's index). commit is what k does before it goes
 * on: COMMIT_RET pops the return address, COMMIT_CALL pushes one. */
static void chain_exit(Jc *j, unsigned k, unsigned ret, unsigned adv, int commit)
{
    Emit *e = &j->e;
    if (j->nexit == j->maxexit) {
        jc_return(j, ret);
        return;
    }
    JitExit *x = &j->exits[j->nexit++];
    *x = (JitExit){ .gen = UINT64_MAX, .from = j->b };
    uint8_t *look = e->p;
    e_rip(e, 0x3b, H_AX, &x->eip, 0);                       /* cmp eax, x->eip */
    uint8_t *miss1 = e_jcc(e, 5);
    e_rm(e, W64 | 0x8b, H_CX, H_BX, C_OFF(chain_gen));
    e_rip(e, W64 | 0x3b, H_CX, &x->gen, 0);
    uint8_t *miss2 = e_jcc(e, 5);
    e_rip(e, W64 | 0x83, 7, &x->code, 1), e8(e, 0);         /* cmp qword x->code, 0 */
    uint8_t *none = e_jcc(e, 4);
    e_rm(e, W64 | 0x8b, H_CX, H_BP, X_OFF(ic0));
    e_rr(e, W64 | 0x81, 0, H_CX), e32(e, adv);              /* rcx: the successor's ic0 */
    e_rip(e, 0x8b, H_DX, &x->n, 0);
    e_rr(e, W64 | 0x01, H_CX, H_DX);
    enter_succ(j, k, ret, commit, H_DX);
    e_rip(e, 0xff, 4, &x->code, 0);                         /* jmp x->code */
    e_patch(none, e->p);   /* not compiled: until a block is */
    e_rm(e, W64 | 0x8b, H_CX, H_BX, C_OFF(jit_blocks));
    e_rip(e, W64 | 0x3b, H_CX, &x->jit_blocks, 0);
    jc_out(j, e_jcc(e, 4), ret);
    e_patch(miss1, e->p);
    e_patch(miss2, e->p);
    if (commit != COMMIT_CALL)   /* a RET's targets vary: the jump cache first, inline */
        jump_cache_probe(j, k, ret, adv, commit);
    e_rm(e, 0x89, H_AX, H_BP, X_OFF(target));
    e_rr(e, 0x89, H_AX, H_SI);
    e_rip(e, W64 | 0x8d, H_DX, x, 0);                       /* lea rdx, x */
    call_c(j, (uintptr_t)jit_chain_fill);
    e_rr(e, W64 | 0x85, H_AX, H_AX);
    jc_out(j, e_jcc(e, 4), ret);                            /* jz: not linked */
    e_rm(e, 0x8b, H_AX, H_BP, X_OFF(target));
    e_patch(e_jmp(e), look);
    j->hv = 0;
}

/* eax = the EIP of the block's entry plus off (instruction offsets from block_prepare). */
static void eip_plus(Jc *j, uint32_t off)
{
    e_rm(&j->e, 0x8b, H_AX, H_BP, X_OFF(eip));
    e_rr(&j->e, 0x81, 0, H_AX), e32(&j->e, off);
}

/* Instruction k by its handler, as block_exec's `call` runs it: the guest registers in
 * c->s.regs around the call, EIP, the next EIP, the count and c->cur_block exact before
 * it (c->lf is: every compiled form keeps it). A fault longjmps to cpu_run from inside,
 * as from block_exec. After it, compiled code goes on at k + 1 when block_exec would go
 * on there without looking (no exit flag, single step or breakpoint, no REP that counted,
 * the next EIP k + 1's) and DS, ES and SS are still flat (Cpu.jit_flat); else it returns
 * k | JIT_DONE, JitCtx.ic0 as before the call, and
 * block_exec decides (`called`). The last instruction of a block leaves for the next EIP
 * by chain_exit. */
static void handler_call(Jc *j, unsigned k)
{
    Emit *e = &j->e;
    const Insn *i = &j->b->insn[k];
    for (int r = 0; r < 8; r++)
        e_rm(e, 0x89, G(r), H_BX, REG_OFF(r));
    eip_plus(j, (uint32_t)(int32_t)i->eoff);
    e_rm(e, 0x89, H_AX, H_BX, C_OFF(s.eip));
    e_rm(e, 0x8d, H_AX, H_AX, i->len);
    e_rm(e, 0x89, H_AX, H_BX, C_OFF(next_eip));
    e_rm(e, W64 | 0x8b, H_AX, H_BP, X_OFF(ic0));
    e_rm(e, W64 | 0x8d, H_AX, H_AX, (int32_t)k);
    e_rm(e, W64 | 0x8b, H_CX, H_BX, C_OFF(clock));
    e_rm(e, W64 | 0x89, H_AX, H_CX, (int32_t)offsetof(Clock, icount));
    e_movi64(e, H_AX, (uintptr_t)j->b);
    e_rm(e, W64 | 0x89, H_AX, H_BX, C_OFF(cur_block));
    e_rr(e, W64 | 0x89, H_BX, H_DI);            /* mov rdi, rbx */
    e_movi64(e, H_SI, (uintptr_t)i);
    e_movi64(e, H_AX, (uintptr_t)i->fn);
    e_rr(e, 0xff, 2, H_AX);                     /* call rax */
    for (int r = 0; r < 8; r++)
        e_rm(e, 0x8b, G(r), H_BX, REG_OFF(r));
    j->hv = 0;
    j->lfk = LFK_NONE;
    unsigned done = k | JIT_DONE;
    e_rm(e, 0x8b, H_AX, H_BX, C_OFF(exit_flags));
    e_rm(e, 0x0b, H_AX, H_BX, C_OFF(dbg_start));
    jc_out(j, e_jcc(e, 5), done);
    e_rm(e, 0x80, 7, H_BX, C_OFF(jit_flat)), e8(e, 0);     /* it loaded DS, ES or SS */
    jc_out(j, e_jcc(e, 4), done);
    e_rm(e, 0xf7, 0, H_BX, C_OFF(s.eflags)), e32(e, F_TF);
    jc_out(j, e_jcc(e, 5), done);
    e_rm(e, W64 | 0x8b, H_CX, H_BX, C_OFF(clock));
    e_rm(e, W64 | 0x8b, H_AX, H_CX, (int32_t)offsetof(Clock, icount));
    e_rm(e, W64 | 0x2b, H_AX, H_BP, X_OFF(ic0));
    e_rr(e, W64 | 0x81, 7, H_AX), e32(e, k);
    jc_out(j, e_jcc(e, 5), done);               /* a REP counted its iterations */
    e_rm(e, 0x8b, H_AX, H_BX, C_OFF(next_eip));
    if (k + 1 == j->b->n) {
        chain_exit(j, k, done, k + 1, COMMIT_NONE);
        return;
    }
    e_rm(e, 0x8b, H_DX, H_BP, X_OFF(eip));
    e_rr(e, 0x81, 0, H_DX), e32(e, (uint32_t)(int32_t)i[1].eoff);
    e_rr(e, 0x3b, H_AX, H_DX);
    jc_out(j, e_jcc(e, 5), done);
}

/* A bail to k's handler unless the target in eax lies inside CS (CS_CHECK). */
static void cs_check(Jc *j, unsigned k)
{
    e_rm(&j->e, 0x3b, H_AX, H_BX, C_OFF(s.segs[R_CS].limit));
    jc_out(j, e_jcc(&j->e, 7), k | JIT_CALL);               /* ja */
}

/* A bail to k's handler unless the stack is 32-bit (STACK32). */
static void stack32_check(Jc *j, unsigned k)
{
    e_rm(&j->e, 0x80, 7, H_BX, C_OFF(stack32)), e8(&j->e, 0);
    jc_out(j, e_jcc(&j->e, 4), k | JIT_CALL);               /* je */
}

/* Whether the direct CALL k goes on at the next instruction of its block (invariant 1). */
static bool call_follows(const Block *b, unsigned k)
{
    return b->insn[k].disp == (uint32_t)(int32_t)b->insn[k + 1].eoff;
}

/* PUSH, POP, CALL rel32 and RET of instruction k, as block_exec's push, pop, callrel and
 * ret (a 32-bit stack, the stack access on the fast path, the target inside CS); a CALL
 * that does not go on in its block and a RET leave it by chain_exit. */
static void stack_op(Jc *j, unsigned k, int kind)
{
    Emit *e = &j->e;
    const Insn *i = &j->b->insn[k];
    stack32_check(j, k);
    switch (kind) {
    case INSN_PUSH:
        e_rm(e, 0x8d, H_AX, G(R_ESP), -4);
        mem_at(j, k, R_SS, 4, true);
        e_rm(e, 0x89, G(i->reg), H_AX, 0);
        e_rr(e, 0x83, 5, G(R_ESP)), e8(e, 4);
        break;
    case INSN_POP:
        e_rr(e, 0x89, G(R_ESP), H_AX);
        mem_at(j, k, R_SS, 4, false);
        e_rr(e, 0x83, 0, G(R_ESP)), e8(e, 4);
        e_rm(e, 0x8b, G(i->reg), H_AX, 0);
        break;
    case INSN_CALLREL:
        eip_plus(j, i->disp);
        cs_check(j, k);
        if (!call_follows(j->b, k)) {
            chain_exit(j, k, k, k + 1, COMMIT_CALL);
            break;
        }
        push_ret(j, k);
        break;
    default:   /* RET */
        e_rr(e, 0x89, G(R_ESP), H_AX);
        mem_at(j, k, R_SS, 4, false);
        e_rm(e, 0x8b, H_AX, H_AX, 0);
        cs_check(j, k);
        chain_exit(j, k, k, k + 1, COMMIT_RET);
        break;
    }
    j->hv = 0;
}

/* A taken jump (Jcc, JMP) of instruction k: on at its target in this block when compiled
 * code starts there and the budget allows (JUMP_FORM), else block_exec runs the jump. */
static void jump_taken(Jc *j, unsigned k)
{
    Emit *e = &j->e;
    const Insn *i = &j->b->insn[k];
    int d = (int16_t)i->imm2;
    if (i->imm2 != JUMP_OUT && j->comp[k + 1 - d]) {
        unsigned t = k + 1 - (unsigned)d;
        e_rm(e, W64 | 0x8b, H_AX, H_BP, (int32_t)offsetof(JitCtx, ic0));
        e_rr(e, W64 | 0x81, 0, H_AX), e32(e, (uint32_t)d);
        e_rm(e, W64 | 0x8d, H_CX, H_AX, j->b->n);
        e_rm(e, W64 | 0x3b, H_CX, H_BP, (int32_t)offsetof(JitCtx, end));
        jc_out(j, e_jcc(e, 7), k);              /* ja: the budget ends first */
        e_rm(e, W64 | 0x89, H_AX, H_BP, (int32_t)offsetof(JitCtx, ic0));
        if (j->nfix < BLOCK_MAX)
            j->fix[j->nfix++] = (JcFix){ e_jmp(e), (uint8_t)t };
        else
            e->full = true;
        return;
    }
    if (i->imm2 == JUMP_OUT) {   /* JUMP_FORM: out of the block, to a target inside CS */
        eip_plus(j, i->disp);
        e_rm(e, 0x3b, H_AX, H_BX, C_OFF(s.segs[R_CS].limit));
        jc_out(j, e_jcc(e, 7), k);
        chain_exit(j, k, k, k + 1, COMMIT_NONE);
        return;
    }
    jc_return(j, k);
}

/* A Jcc (cc) or, cc 16, a JMP. */
static void jump(Jc *j, unsigned k, unsigned cc)
{
    const Insn *i = &j->b->insn[k];
    if (i->imm2 != JUMP_OUT && (int16_t)i->imm2 == 0)
        return;                                 /* to the next instruction either way */
    if (cc == 16) {
        jump_taken(j, k);
        return;
    }
    need_cond(j, cc);
    uint8_t *over = e_jcc(&j->e, cc ^ 1);
    unsigned hv = j->hv;
    int lfk = j->lfk;
    jump_taken(j, k);
    e_patch(over, j->e.p);
    j->hv = hv;
    j->lfk = lfk;
}

/* MOVZX or MOVSX (op 0F B6/B7/BE/BF) of register rm to guest register reg. */
static void movx_r(Jc *j, uint32_t op, unsigned reg, unsigned rm)
{
    Emit *e = &j->e;
    if ((op & 1) || rm < 4) {                   /* a word, or AL..BL */
        e_rr8(e, op, G(reg), G(rm));
        return;
    }
    e_rr(e, 0x8b, H_AX, G(rm & 3));             /* AH..BH through AH: no REX */
    e_rr(e, op, H_AX, 4);
    e_rr(e, 0x89, H_AX, G(reg));
}

/* The forms compiled by their handler (Insn.kind INSN_CALL: insn_kind has no form for
 * them): LEAVE with a 32-bit operand, MUL of a register or of memory through a 32-bit
 * address, BT BTS BTR BTC of a 32-bit register or memory (a 32-bit address, no LOCK) by
 * an immediate, and of a register by a register (is_bt: 4 + which, or 0). */
static bool is_leave(const Insn *i) { return i->fn == op_leave_d; }
static bool is_mul(const Insn *i)
{
    return i->fn == op_mul_Ed && (i->flags & (I_MEM | I_A32)) != I_MEM;
}
static void (*const bt_imm[4])(Cpu *, const Insn *) = { op_bt_EdIb, op_bts_EdIb, op_btr_EdIb, op_btc_EdIb };
static void (*const bt_reg[4])(Cpu *, const Insn *) = { op_bt_EdGd, op_bts_EdGd, op_btr_EdGd, op_btc_EdGd };
static unsigned is_bt(const Insn *i)
{
    if ((i->flags & I_LOCK) || (i->flags & (I_MEM | I_A32)) == I_MEM)
        return 0;
    for (unsigned k = 0; k < 4; k++)
        if (i->fn == bt_imm[k] || (i->fn == bt_reg[k] && !(i->flags & I_MEM)))
            return 4 + k;
    return 0;
}

/* bitop's flags: flags_set(CF), every other flag kept (lf folded into EFLAGS). */
static void jit_cf_set(Cpu *c, uint32_t cf)
{
    flags_set(c, cf, F_CF);
}

/* BT (which 4), BTS, BTR, BTC (7) of instruction k as bitop: the bit into CF, set, reset
 * or complemented in the operand; lf.op then LFS_EFLAGS, and host CF the guest's. */
static void bt(Jc *j, unsigned k, unsigned which)
{
    Emit *e = &j->e;
    const Insn *i = &j->b->insn[k];
    if (i->flags & I_MEM) {
        mem(j, k, 4, which != 4);
        e_rm(e, 0x0fba, (int)which, H_AX, 0), e8(e, i->imm);   /* bt* dword [rax], imm8 */
    } else if (i->fn == bt_imm[which - 4]) {
        e_rr(e, 0x0fba, (int)which, G(i->rm)), e8(e, i->imm);
    } else {
        static const uint32_t op[4] = { 0x0fa3, 0x0fab, 0x0fb3, 0x0fbb };
        e_rr(e, op[which - 4], G(i->reg), G(i->rm));
    }
    e_rr8(e, 0x0f92, 0, H_SI);                  /* setc sil */
    e_rr8(e, 0x0fb6, H_SI, H_SI);
    if (j->lfk == LFS_EFLAGS) {                 /* folded already: CF alone */
        e_rm(e, 0x83, 4, H_BX, C_OFF(s.eflags)), e8(e, 0xfe);   /* and dword eflags, ~1 */
        e_rm(e, 0x09, H_SI, H_BX, C_OFF(s.eflags));
    } else {
        call_c(j, (uintptr_t)jit_cf_set);
    }
    e_rm(e, 0x0fba, 4, H_BX, C_OFF(s.eflags)), e8(e, 0);   /* bt dword eflags, 0 */
    j->hv = HV_CF;
    j->lfk = LFS_EFLAGS;
}

/* LEAVE (32-bit stack): ESP = EBP + 4, EBP = the dword at SS:EBP; bails before either. */
static void leave(Jc *j, unsigned k)
{
    Emit *e = &j->e;
    stack32_check(j, k);
    e_rr(e, 0x89, G(R_EBP), H_AX);
    mem_at(j, k, R_SS, 4, false);
    e_rm(e, 0x8d, G(R_ESP), G(R_EBP), 4);
    e_rm(e, 0x8b, G(R_EBP), H_AX, 0);
}

/* The flags of a multiplication whose low half is in host register res and whose host CF
 * (and OF) says that it overflowed: LF_MUL, lf.aux CF | OF then. */
static void mul_flags(Jc *j, int res)
{
    Emit *e = &j->e;
    e_rm(e, 0x89, res, H_BX, LF(res));
    e_movi(e, H_AX, 0);
    e_movi(e, H_DX, F_CF | F_OF);
    e_rr(e, 0x0f42, H_AX, H_DX);               /* cmovc eax, edx */
    e_rm(e, 0x89, H_AX, H_BX, LF(aux));
    set_op(j, LFS_AUX);
    j->hv = HV_CF | HV_OF;
}

/* MUL r/m32: EDX:EAX = EAX * the operand, its flags as IMUL's (LF_MUL: CF and OF when
 * EDX is not 0). */
static void mul32(Jc *j, unsigned k)
{
    Emit *e = &j->e;
    const Insn *i = &j->b->insn[k];
    if (i->flags & I_MEM) {
        mem(j, k, 4, false);
        e_rm(e, 0x8b, H_CX, H_AX, 0);
        e_rr(e, 0x89, G(R_EAX), H_AX);
        e_rr(e, 0xf7, 4, H_CX);                 /* mul ecx */
    } else {
        e_rr(e, 0x89, G(R_EAX), H_AX);
        e_rr(e, 0xf7, 4, G(i->rm));             /* mul r32 */
    }
    e_rr(e, 0x89, H_AX, G(R_EAX));
    e_rr(e, 0x89, H_DX, G(R_EDX));
    mul_flags(j, G(R_EAX));
}

/* Host register h = guest byte register r (AL..BH), zero-extended for AL..BL; AH..BH
 * shifted down (bits 8 on are garbage), which loses the host flags. */
static void byte_get(Jc *j, unsigned r, int h)
{
    Emit *e = &j->e;
    if (r < 4) {
        e_rr8(e, 0x0fb6, h, G(r));              /* movzx h, r8b..r11b */
        return;
    }
    e_rr(e, 0x89, G(r & 3), h);
    e_rr(e, 0xc1, 5, h), e8(e, 8);              /* shr h, 8 */
    j->hv = 0;
}

/* Guest byte register r = DL, flags kept: AH..BH through AH. */
static void byte_put_dl(Jc *j, unsigned r)
{
    Emit *e = &j->e;
    if (r < 4) {
        e_rr8(e, 0x88, H_DX, G(r));             /* mov r8b..r11b, dl */
        return;
    }
    e_rr(e, 0x89, G(r & 3), H_AX);
    e8(e, 0x88), e8(e, 0xd4);                   /* mov ah, dl: no REX */
    e_rr(e, 0x89, H_AX, G(r & 3));
}

/* Operation o (as alu32's op; 8 TEST) of host byte register d with SIL or i's immediate. */
static void alu8_op(Jc *j, unsigned o, int d, const Insn *i, bool imm)
{
    Emit *e = &j->e;
    if (imm) {
        e_rr8(e, o == 8 ? 0xf6 : 0x80, o == 8 ? 0 : (int)o, d);
        e8(e, i->imm);
    } else {
        e_rr8(e, o == 8 ? 0x84 : o << 3, H_SI, d);
    }
}

/* The 8-bit ALU forms (INSN_ALU8_*, INSN_TEST8_*; op as in alu32, 8 TEST): the operation
 * on DL (a copy of the destination, CL) and SIL or an immediate, its flags as lf_set
 * records them for a byte (LFS_AUX, CF AF OF from host EFLAGS at their own bit positions;
 * LFS_LOGIC), the result written back (not by CMP and TEST), and host EFLAGS made the
 * guest's again by the same operation on CL (not after ADC and SBB, whose carry in is
 * gone). */
static void alu8(Jc *j, unsigned k, int kind)
{
    Emit *e = &j->e;
    const Insn *i = &j->b->insn[k];
    unsigned op;
    int dst;                                    /* guest byte register, or -1: memory */
    bool imm = false, mem_src = false, eg = false;   /* eg: the source is ModRM.reg */
    if (kind >= INSN_TEST8_EG) {
        op = 8;
        dst = kind == INSN_TEST8_AI ? R_EAX : kind == INSN_TEST8_EI_M ? -1 : (int)i->rm;
        imm = kind != INSN_TEST8_EG;
        eg = kind == INSN_TEST8_EG;
    } else {
        int form = (kind - INSN_ALU8_EG) / 8;   /* EG GE GE_M AI EI EI_M */
        op = (unsigned)(kind - INSN_ALU8_EG) % 8;
        dst = form == 0 || form == 4 ? (int)i->rm : form == 3 ? R_EAX : form == 5 ? -1 : (int)i->reg;
        imm = form >= 3;
        mem_src = form == 2;
        eg = form == 0;
    }
    bool writes = op != 7 && op != 8;
    if (dst < 0) {                              /* rax: the byte's host address */
        mem(j, k, 1, writes);
        e_rm(e, 0x0fb6, H_CX, H_AX, 0);
    } else {
        if (mem_src) {
            mem(j, k, 1, false);
            e_rm(e, 0x0fb6, H_SI, H_AX, 0);
        } else if (!imm) {
            byte_get(j, eg ? i->reg : i->rm, H_SI);
        }
        byte_get(j, (unsigned)dst, H_CX);
    }
    if (op == 2 || op == 3)
        load_cf(j);
    e_rr(e, 0x89, H_CX, H_DX);                  /* mov edx, ecx: flags kept */
    alu8_op(j, op == 8 ? 4 : op == 7 ? 5 : op, H_DX, i, imm);   /* TEST: AND, CMP: SUB */
    bool logic = op == 1 || op == 4 || op == 6 || op == 8;
    if (logic) {
        e_movmi(e, H_BX, LF(aux), 0);
    } else {
        e8(e, 0x9c);                            /* pushfq */
        e_pop(e, H_DI);
        e_rr(e, 0x81, 4, H_DI), e32(e, F_CF | F_AF | F_OF);
        e_rm(e, 0x89, H_DI, H_BX, LF(aux));
    }
    e_rr8(e, 0x0fbe, H_DI, H_DX);               /* movsx edi, dl */
    e_rm(e, 0x89, H_DI, H_BX, LF(res));
    set_op(j, logic ? LFS_LOGIC : LFS_AUX);
    if (writes) {
        if (dst < 0)
            e_rm(e, 0x88, H_DX, H_AX, 0);
        else
            byte_put_dl(j, (unsigned)dst);
    }
    j->hv = 0;
    if (op == 2 || op == 3)
        return;
    alu8_op(j, op == 4 ? 8 : op, H_CX, i, imm);  /* the same flags again: TEST for AND */
    j->hv = HV_ALL;
}

/* insn_code for the forms with a memory operand (but SETcc and CMOVcc). */
static bool insn_code_mem(Jc *j, unsigned k, int kind, bool emit)
{
    const Insn *i = &j->b->insn[k];
    Emit *e = &j->e;
    int reg = G(i->reg);
#define IF_EMIT(...) do { if (emit) { __VA_ARGS__; } return true; } while (0)
    if (kind >= INSN_ALU_GE_M && kind < INSN_ALU_GE_M + 8)
        IF_EMIT(mem(j, k, 4, false); e_rm(e, 0x8b, H_CX, H_AX, 0);
                alu32(j, kind - INSN_ALU_GE_M, reg, H_CX, 0, false));
    if (kind >= INSN_ALU_EG_M && kind < INSN_ALU_EG_M + 8)
        IF_EMIT(mem(j, k, 4, kind != INSN_ALU_EG_M + 7); e_rm(e, 0x8b, H_CX, H_AX, 0);
                alu32(j, kind - INSN_ALU_EG_M, H_CX, reg, 0, false);
                if (kind != INSN_ALU_EG_M + 7) e_rm(e, 0x89, H_CX, H_AX, 0));
    if (kind >= INSN_ALU_EI_M && kind < INSN_ALU_EI_M + 8)
        IF_EMIT(mem(j, k, 4, kind != INSN_ALU_EI_M + 7); e_rm(e, 0x8b, H_CX, H_AX, 0);
                alu32(j, kind - INSN_ALU_EI_M, H_CX, H_NONE, i->imm, false);
                if (kind != INSN_ALU_EI_M + 7) e_rm(e, 0x89, H_CX, H_AX, 0));
    switch (kind) {
    case INSN_INC_M: case INSN_DEC_M:
        IF_EMIT(mem(j, k, 4, true); e_rm(e, 0x8b, H_CX, H_AX, 0);
                incdec(j, H_CX, kind == INSN_DEC_M, false); e_rm(e, 0x89, H_CX, H_AX, 0));
    case INSN_MOV_GE_M: case INSN_MOV_GE_MB:
        IF_EMIT(mem(j, k, 4, false); e_rm(e, 0x8b, reg, H_AX, 0));
    case INSN_MOV_EG_M: case INSN_MOV_EG_MB:
        IF_EMIT(mem(j, k, 4, true); e_rm(e, 0x89, reg, H_AX, 0));
    case INSN_MOV_EI_M: IF_EMIT(mem(j, k, 4, true); e_rm(e, 0xc7, 0, H_AX, 0); e32(e, i->imm));
    case INSN_MOV_AO: IF_EMIT(mem(j, k, 4, false); e_rm(e, 0x8b, G(R_EAX), H_AX, 0));
    case INSN_MOV_OA: IF_EMIT(mem(j, k, 4, true); e_rm(e, 0x89, G(R_EAX), H_AX, 0));
    case INSN_MOVZX_B_M: IF_EMIT(mem(j, k, 1, false); e_rm(e, 0x0fb6, reg, H_AX, 0));
    case INSN_MOVZX_W_M: IF_EMIT(mem(j, k, 2, false); e_rm(e, 0x0fb7, reg, H_AX, 0));
    case INSN_MOVSX_B_M: IF_EMIT(mem(j, k, 1, false); e_rm(e, 0x0fbe, reg, H_AX, 0));
    case INSN_MOVSX_W_M: IF_EMIT(mem(j, k, 2, false); e_rm(e, 0x0fbf, reg, H_AX, 0));
    case INSN_MOVW_EG_M: IF_EMIT(mem(j, k, 2, true); e8(e, 0x66); e_rm(e, 0x89, reg, H_AX, 0));
    case INSN_MOVW_GE_M: IF_EMIT(mem(j, k, 2, false); e8(e, 0x66); e_rm(e, 0x8b, reg, H_AX, 0));
    case INSN_MOVB_EG_M: IF_EMIT(mem(j, k, 1, true); mem8(j, i->reg, true));
    case INSN_MOVB_GE_M: IF_EMIT(mem(j, k, 1, false); mem8(j, i->reg, false));
    default:
        return false;
    }
#undef IF_EMIT
}

/* Compiles instruction k of form kind; false when the form is not compiled. */
static bool insn_code(Jc *j, unsigned k, int kind, bool emit)
{
    const Insn *i = &j->b->insn[k];
    Emit *e = &j->e;
    int rm = G(i->rm), reg = G(i->reg);
#define IF_EMIT(...) do { if (emit) { __VA_ARGS__; } return true; } while (0)
    /* the register ALU forms: operands rm, reg, EAX or the immediate (H_NONE) */
    static const struct { uint8_t kind, n, d, s; bool nf; } alu_forms[] = {
        { INSN_ALU_EG, 8, 0, 1, false }, { INSN_ALU_GE, 8, 1, 0, false },
        { INSN_ALU_EI, 8, 0, 3, false }, { INSN_ALU_AI, 8, 2, 3, false },
        { INSN_ALU_EG_NF, 7, 0, 1, true }, { INSN_ALU_GE_NF, 7, 1, 0, true },
        { INSN_ALU_EI_NF, 7, 0, 3, true }, { INSN_ALU_AI_NF, 7, 2, 3, true },
    };
    const int opd[4] = { rm, reg, G(R_EAX), H_NONE };
    for (size_t f = 0; f < sizeof alu_forms / sizeof alu_forms[0]; f++)
        if (kind >= alu_forms[f].kind && kind < alu_forms[f].kind + alu_forms[f].n)
            IF_EMIT(alu32(j, (unsigned)(kind - alu_forms[f].kind), opd[alu_forms[f].d],
                          opd[alu_forms[f].s], i->imm, alu_forms[f].nf));
    if ((kind >= INSN_SH_I && kind < INSN_SH_I + 8) || (kind >= INSN_SH_1 && kind < INSN_SH_1 + 8)) {
        bool by1 = kind >= INSN_SH_1;
        int sh = kind - (by1 ? INSN_SH_1 : INSN_SH_I);
        unsigned cnt = by1 ? 1 : i->imm & 31;
        if (sh == SH_ROL || sh == SH_ROR)
            IF_EMIT(if (cnt) rotate(j, sh == SH_ROL, rm, cnt));
        if (sh != SH_SHL && sh != SH_SHR && sh != SH_SAR)
            return false;
        IF_EMIT(if (cnt) shift(j, sh, rm, cnt, false));
    }
    if ((kind == INSN_SH16_I + SH_SHR || kind == INSN_SH16_I + SH_SAR) && (i->imm & 31) < 16)
        IF_EMIT(if (i->imm & 31) shift16(j, kind == INSN_SH16_I + SH_SAR, rm, i->imm & 31));
    if (kind == INSN_SH_CL + SH_SHL || kind == INSN_SH_CL + SH_SHR || kind == INSN_SH_CL + SH_SAR)
        IF_EMIT(shift_cl(j, kind - INSN_SH_CL, rm));
    if (kind >= INSN_SH_I_NF && kind < INSN_SH_I_NF + 4 && kind != INSN_SH_I_NF + 2)
        IF_EMIT(if (i->imm & 31) shift(j, kind - INSN_SH_I_NF + 4, rm, i->imm & 31, true));
    if (kind >= INSN_JCC && kind < INSN_JCC + 16)
        IF_EMIT(jump(j, k, (unsigned)(kind - INSN_JCC)));
    if (insn_code_mem(j, k, kind, emit))
        return true;
    if (kind >= INSN_ALU8_EG && kind <= INSN_TEST8_EI_M)
        IF_EMIT(alu8(j, k, kind));
    switch (kind) {
    case INSN_TEST_EG: case INSN_TESTJ_EG: IF_EMIT(alu32(j, 8, rm, reg, 0, false));
    case INSN_TEST_EI: case INSN_TESTJ_EI: IF_EMIT(alu32(j, 8, rm, H_NONE, i->imm, false));
    case INSN_TEST_AI: case INSN_TESTJ_AI: IF_EMIT(alu32(j, 8, G(R_EAX), H_NONE, i->imm, false));
    case INSN_INC: case INSN_INC_NF: IF_EMIT(incdec(j, reg, false, kind == INSN_INC_NF));
    case INSN_DEC: case INSN_DEC_NF: case INSN_DEC_JNZ:
        IF_EMIT(incdec(j, reg, true, kind == INSN_DEC_NF));
    case INSN_MOV_EG_R: IF_EMIT(e_rr(e, 0x89, reg, rm));
    case INSN_MOV_GE_R: IF_EMIT(e_rr(e, 0x89, rm, reg));
    case INSN_MOV_ZI: IF_EMIT(e_movi(e, reg, i->imm));
    case INSN_MOV_EI_R: IF_EMIT(e_movi(e, rm, i->imm));
    case INSN_LEA: case INSN_LEA_B: case INSN_LEA_BI:
        IF_EMIT(addr_to(j, i, reg); if (!(i->flags & I_A32)) e_rr(e, 0x0fb7, reg, reg));
    case INSN_NOT: IF_EMIT(e_rr(e, 0xf7, 2, rm));
    case INSN_NEG: case INSN_NEG_NF:
        IF_EMIT(if (kind == INSN_NEG) { e_movmi(e, H_BX, LF(op1), 0); e_rm(e, 0x89, rm, H_BX, LF(op2)); }
                e_rr(e, 0xf7, 3, rm);
                if (kind == INSN_NEG) { e_rm(e, 0x89, rm, H_BX, LF(res)); store_cf_op(j, LFS_SUB32); }
                j->hv = kind == INSN_NEG ? HV_ALL : 0);
    case INSN_IMUL_GE_R: case INSN_IMUL_GE_R_NF: case INSN_IMUL_GEI_R: case INSN_IMUL_GEI_R_NF: {
        bool nf = kind == INSN_IMUL_GE_R_NF || kind == INSN_IMUL_GEI_R_NF;
        IF_EMIT(if (kind == INSN_IMUL_GE_R || kind == INSN_IMUL_GE_R_NF) e_rr(e, 0x0faf, reg, rm);
                else { e_rr(e, 0x69, reg, rm); e32(e, i->imm); }
                j->hv = 0;
                if (!nf)
                    mul_flags(j, reg));
    }
    case INSN_MOVW_EG_R: IF_EMIT(e8(e, 0x66); e_rr(e, 0x89, reg, rm));
    case INSN_MOVW_GE_R: IF_EMIT(e8(e, 0x66); e_rr(e, 0x89, rm, reg));
    case INSN_MOV8_ZI:
        IF_EMIT(if (i->reg < 4) { e_head(e, 0xb0 + (reg & 7), 0, 0, reg, false, false); e8(e, i->imm); }
                else { e_movi(e, H_DX, i->imm); byte_put_dl(j, i->reg); });
    case INSN_NOP: IF_EMIT((void)0);
    case INSN_JMP: IF_EMIT(jump(j, k, 16));
    case INSN_PUSH: case INSN_POP: case INSN_CALLREL: IF_EMIT(stack_op(j, k, kind));
    case INSN_RET:   /* a RET ends its block (invariant 1): its target is the next block's */
        if (k + 1 != j->b->n)
            return false;
        IF_EMIT(stack_op(j, k, kind));
    case INSN_CALL:
        if (is_leave(i))
            IF_EMIT(leave(j, k));
        if (is_mul(i))
            IF_EMIT(mul32(j, k));
        if (is_bt(i))
            IF_EMIT(bt(j, k, is_bt(i)));
        return false;
    case INSN_MOVZX_B_R: IF_EMIT(movx_r(j, 0x0fb6, i->reg, i->rm));
    case INSN_MOVZX_W_R: IF_EMIT(movx_r(j, 0x0fb7, i->reg, i->rm));
    case INSN_MOVSX_B_R: IF_EMIT(movx_r(j, 0x0fbe, i->reg, i->rm));
    case INSN_MOVSX_W_R: IF_EMIT(movx_r(j, 0x0fbf, i->reg, i->rm));
    case INSN_SETCC_R: {
        unsigned cc = i->op & 15;
        IF_EMIT(need_cond(j, cc);
                if (i->rm < 4) e_rr8(e, 0x0f90 | cc, 0, rm);
                else { e_rr8(e, 0x0f90 | cc, 0, H_DX); byte_put_dl(j, i->rm); });
    }
    case INSN_SETCC_M: {
        unsigned cc = i->op & 15;
        IF_EMIT(need_cond(j, cc); e_rr8(e, 0x0f90 | cc, 0, H_CX); mem(j, k, 1, true);
                e_rm(e, 0x88, H_CX, H_AX, 0));
    }
    case INSN_CMOV_R: {
        unsigned cc = i->op & 15;
        IF_EMIT(need_cond(j, cc); e_rr(e, 0x0f40 | cc, reg, rm));
    }
    case INSN_CMOV_M: {   /* the operand is read whatever the condition */
        unsigned cc = i->op & 15;
        IF_EMIT(need_cond(j, cc); e_rr8(e, 0x0f90 | cc, 0, H_CX); mem(j, k, 4, false);
                e_rr8(e, 0x84, H_CX, H_CX);            /* test cl, cl */
                e_rm(e, 0x0f45, reg, H_AX, 0));        /* cmovnz reg, [rax] */
    }
    default:
        return false;
    }
#undef IF_EMIT
}

/* Whether instruction k's code may return to run its handler (a memory operand). */
static bool insn_bails(const Insn *i, int kind)
{
    if (kind == INSN_CALL)
        return is_leave(i) || ((is_mul(i) || is_bt(i)) && (i->flags & I_MEM));
    return (kind >= INSN_ALU_GE_M && kind < INSN_ALU_GE_M + 8) ||
           (kind >= INSN_ALU_EG_M && kind < INSN_ALU_EI_M + 8) ||
           kind == INSN_INC_M || kind == INSN_DEC_M || kind == INSN_MOV_GE_M ||
           kind == INSN_MOV_GE_MB || kind == INSN_MOV_EG_M || kind == INSN_MOV_EG_MB ||
           kind == INSN_MOV_EI_M || kind == INSN_MOV_AO || kind == INSN_MOV_OA ||
           kind == INSN_MOVZX_B_M || kind == INSN_MOVZX_W_M || kind == INSN_MOVSX_B_M ||
           kind == INSN_MOVSX_W_M || kind == INSN_SETCC_M || kind == INSN_CMOV_M ||
           kind == INSN_MOVW_EG_M || kind == INSN_MOVW_GE_M || kind == INSN_MOVB_EG_M ||
           kind == INSN_MOVB_GE_M || kind == INSN_PUSH || kind == INSN_POP ||
           (kind >= INSN_ALU8_GE_M && kind < INSN_ALU8_GE_M + 8) ||
           (kind >= INSN_ALU8_EI_M && kind < INSN_ALU8_EI_M + 8) || kind == INSN_TEST8_EI_M ||
           kind == INSN_CALLREL || kind == INSN_RET;
}

/* Which instructions are compiled and where code may be entered (invariant 8). */
static void plan(Jc *j, const uint8_t *kind)
{
    const Block *b = j->b;
    unsigned native = 0;
    for (unsigned k = 0; k < b->n; k++) {
        j->comp[k] = insn_code(j, k, kind[k], false);
        native += j->comp[k];
        const Insn *i = &b->insn[k];
        bool jmp = kind[k] == INSN_JMP || (kind[k] >= INSN_JCC && kind[k] < INSN_JCC + 16);
        int d = (int16_t)i->imm2;
        if (jmp && i->imm2 != JUMP_OUT && d != 0)
            j->target[k + 1 - (unsigned)d] = true;
    }
    /* a block of chain_min compiled forms or more, and no more handlers than those, is
     * compiled whole, its other instructions as calls of their handlers: one entry and
     * exit, by chaining, where block_exec would have entered it at each run */
    if (native >= j->chain_min && b->n - native <= native) {
        for (unsigned k = 0; k < b->n; k++)
            if (!j->comp[k])
                j->comp[k] = j->hcall[k] = true;
    }
    /* a run shorter than c->jit_run_min costs more to enter and leave than it saves; but
     * not the whole block, which compiled code enters and leaves by chaining: one of
     * chain_min forms or more, or any made of compiled forms alone (as a PIC thunk's
     * MOV and RET, between compiled callers and callees) */
    for (unsigned k = 0, len = 0; k <= b->n; k++) {
        if (k < b->n && j->comp[k]) {
            len++;
            continue;
        }
        if (len < j->run_min && !(len == b->n && (len >= j->chain_min || native == b->n)))
            for (unsigned m = k - len; m < k; m++)
                j->comp[m] = false;
        len = 0;
    }
    for (unsigned k = 0; k < b->n; k++) {
        j->entry[k] = j->comp[k] && (k == 0 || !j->comp[k - 1] || insn_bails(&b->insn[k - 1], kind[k - 1]) ||
                                     j->target[k]);
        /* exits to other blocks: jumps and calls out, RET, and the end */
        bool out = kind[k] == INSN_JMP || (kind[k] >= INSN_JCC && kind[k] < INSN_JCC + 16) ||
                   kind[k] == INSN_CALLREL || kind[k] == INSN_RET || k + 1 == b->n;
        if (j->comp[k] && out)
            j->maxexit++;
    }
}

/* The entry code at the start of the code arena (JitEnter: the C ABI, rdi Cpu, rsi
 * JitCtx, rdx where to start), which loads all eight guest registers, so that every
 * block's code finds them where it chains to, and at JIT_EXIT_AT the exit (eax: what to
 * return), which stores them all back. */
static void emit_enter_leave(Cpu *c)
{
    static const int saved[6] = { H_BX, H_BP, G(4), G(5), G(6), G(7) };
    Emit x = { .p = c->jit_code, .end = c->jit_code + JIT_EXIT_AT }, *e = &x;
    for (int k = 0; k < 6; k++)
        e_push(e, saved[k]);
    e_rr(e, W64 | 0x83, 5, H_SP), e8(e, 8);    /* calls see the stack 16-aligned */
    e_rr(e, W64 | 0x89, H_DI, H_BX);
    e_rr(e, W64 | 0x89, H_SI, H_BP);
    for (int r = 0; r < 8; r++)
        e_rm(e, 0x8b, G(r), H_BX, REG_OFF(r));
    e_rr(e, 0xff, 4, H_DX);                     /* jmp rdx */
    assert(!x.full);
    x = (Emit){ .p = c->jit_code + JIT_EXIT_AT, .end = c->jit_code + JIT_TRAMP };
    for (int r = 0; r < 8; r++)
        e_rm(e, 0x89, G(r), H_BX, REG_OFF(r));
    e_rr(e, W64 | 0x83, 0, H_SP), e8(e, 8);
    for (int k = 5; k >= 0; k--)
        e_pop(e, saved[k]);
    e8(e, 0xc3);
    assert(!x.full);
}

/* The code of the block's instructions, then the exits they jump to. */
static void emit_block(Jc *j, const uint8_t *kind)
{
    const Block *b = j->b;
    Emit *e = &j->e;
    for (unsigned k = 0; k < b->n; k++) {
        if (!j->comp[k])
            continue;
        /* host flags are lost at every entry; c->lf.op is known after an instruction
         * that may bail too: its handler leaves c->lf as its code would have */
        if (j->entry[k])
            j->hv = 0;
        if (k == 0 || !j->comp[k - 1] || j->target[k])
            j->lfk = LFK_NONE;
        j->start[k] = e->p;
        if (j->hcall[k]) {
            handler_call(j, k);   /* the last leaves by itself */
            if (k + 1 < b->n && !j->comp[k + 1])
                jc_return(j, k + 1);
            continue;
        }
        insn_code(j, k, kind[k], true);
        if (k + 1 == b->n) {   /* the end: on at the next block */
            eip_plus(j, (uint32_t)(int32_t)b->insn[b->n].eoff);
            chain_exit(j, k, b->n, b->n, COMMIT_NONE);
        } else if (!j->comp[k + 1]) {
            jc_return(j, k + 1);
        }
    }
    for (unsigned f = 0; f < j->nfix; f++)
        e_patch(j->fix[f].at, j->start[j->fix[f].k]);
    /* one return sequence per value, at the end, through JitCtx.b = this block */
    const uint8_t *exit = e->p;
    e_movi64(e, H_DX, (uintptr_t)b);
    e_rm(e, W64 | 0x89, H_DX, H_BP, X_OFF(b));
    e_patch(e_jmp(e), j->exit);
    for (unsigned o = 0; o < j->nout; o++) {
        if (!j->out[o].at)
            continue;
        uint8_t *ret = e->p;
        e_movi(e, H_AX, j->out[o].ret);
        e_patch(e_jmp(e), exit);
        for (unsigned p = o; p < j->nout; p++)
            if (j->out[p].ret == j->out[o].ret && j->out[p].at) {
                e_patch(j->out[p].at, ret);
                j->out[p].at = NULL;
            }
    }
}

void jit_block_hot(Cpu *c, Block *b)
{
    static const size_t max = sizeof(JitBlock) + 64 * 1024;
    if (!c->jit || !b->valid || !b->code32 || b->jit || b == c->scratch)
        return;
    if (c->jit_used + max > JIT_BYTES) {
        c->jit_full = true;
        return;
    }
    JitBlock *jb = (JitBlock *)(c->jit_code + c->jit_used);
    Jc *j = xzalloc(sizeof *j);
    j->b = b;
    j->lfk = LFK_NONE;
    j->run_min = c->jit_run_min;
    j->chain_min = c->jit_chain_min;
    for (unsigned k = 0; k <= b->n; k++)
        jb->kind[k] = b->insn[k].kind;
    plan(j, jb->kind);
    bool any = false;
    for (unsigned k = 0; k < b->n; k++)
        any |= j->comp[k];
    if (!any) {   /* nothing to compile: block_exec runs it as before */
        free(j);
        return;
    }
    j->exits = jb->exit;
    j->exit = c->jit_code + JIT_EXIT_AT;
    j->e = (Emit){ .p = (uint8_t *)(jb->exit + j->maxexit),
                   .end = c->jit_code + c->jit_used + max };
    emit_block(j, jb->kind);
    if (!j->e.full) {
        for (unsigned k = 0; k < b->n; k++) {
            jb->entry[k] = j->entry[k] ? j->start[k] : NULL;
            if (j->entry[k])
                b->insn[k].kind = INSN_JIT;
        }
        b->jit = jb;
        c->jit_used = ((size_t)(j->e.p - c->jit_code) + 63) & ~(size_t)63;
        c->jit_blocks++;
    }
    free(j);
}

void jit_init(Cpu *c)
{
    const char *env = getenv("PCEMU_JIT");
    c->jit_hot = JIT_HOT;
    c->jit_run_min = JIT_RUN_MIN;
    c->jit_chain_min = JIT_CHAIN_MIN;
    if (env && !strcmp(env, "0"))
        return;
    void *p = mmap(NULL, JIT_BYTES, PROT_READ | PROT_WRITE | PROT_EXEC,
                   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED)
        return;
    c->jit_code = p;
    c->jit = true;
    emit_enter_leave(c);
    c->jit_used = JIT_TRAMP;
}

void jit_free(Cpu *c)
{
    if (c->jit_code)
        munmap(c->jit_code, JIT_BYTES);
    c->jit_code = NULL;
    c->jit = false;
}

void jit_flush(Cpu *c)
{
    c->jit_used = JIT_TRAMP;   /* the entry and exit code stay */
    c->jit_full = false;
}

#else   /* no compiler for this host: block_exec interprets everything */

void jit_init(Cpu *c)
{
    c->jit_hot = JIT_HOT;
    c->jit_run_min = JIT_RUN_MIN;
    c->jit_chain_min = JIT_CHAIN_MIN;
}
void jit_free(Cpu *c) { (void)c; }
void jit_flush(Cpu *c) { (void)c; }
void jit_block_hot(Cpu *c, Block *b) { (void)c; (void)b; }

#endif
