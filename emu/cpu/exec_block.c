/* exec_block.c: runs the instructions of one decoded block (invariants 1 and 3 of
 * cpu_int.h). The commonest 32-bit forms (ALU operations on registers and memory, MOV,
 * LEA, IMUL, PUSH, POP, near branches, CALL and RET, shifts, NOT, NEG) and the commonest
 * of other sizes (MOVZX, MOVSX, SETcc, CMOVcc, 8- and 16-bit MOV, 8-bit ALU operations,
 * 16-bit shifts) run inline in block_exec, chosen once per instruction by block_prepare
 * when the block is built (a TEST and the JZ or JNZ after it as one); every other
 * instruction calls its handler. An inline form
 * makes no call and cannot fault or touch a device: its memory access takes the TLB fast
 * path only (mem_fast_try: RAM pages the guest may access, never
 * a page holding code or a watchpoint), its address is 32 bits wide (a 16-bit one, which
 * wraps at 64 KiB, is left to the handler, as a 16-bit stack is), a branch target must lie
 * inside CS, and in any other case the handler runs instead. So while inline forms run, EIP and the
 * instruction count are not stored: block_exec writes both before each handler call (a
 * fault inside it reports that instruction, as before) and when the block ends. A direct
 * jump to an instruction of its own block goes on there, and a form whose flags the
 * instructions after it overwrite unseen runs without recording them (flags_dead). */
#include "emu/cpu/cpu_int.h"
#include "emu/cpu/insn_kind.h"

#if defined(__GNUC__) && !defined(__clang__)
/* keep one dispatching jump per form (threaded dispatch): gcc would merge their tails */
#pragma GCC optimize("no-crossjumping")
#endif


/* The handlers of the eight ALU operations (in opcode order: ADD OR ADC SBB AND SUB XOR
 * CMP) and of the shifts and rotates (ModRM.reg order; 6 has none) of one operand form. */
#define ALU_FNS(form) { op_add_##form, op_or_##form, op_adc_##form, op_sbb_##form, \
                        op_and_##form, op_sub_##form, op_xor_##form, op_cmp_##form }
#define SH_FNS(form) { op_rol_##form, op_ror_##form, op_rcl_##form, op_rcr_##form, \
                       op_shl_##form, op_shr_##form, NULL, op_sar_##form }

/* Which ALU operation an ALU handler does, or -1. */
static int alu_index(OpFn fn, const OpFn (*tab)[8])
{
    for (int k = 0; k < 8; k++)
        if ((*tab)[k] == fn)
            return k;
    return -1;
}

static const OpFn jcc_w[16] = { op_jo_Jw, op_jno_Jw, op_jb_Jw, op_jnb_Jw, op_jz_Jw, op_jnz_Jw,
                                op_jbe_Jw, op_jnbe_Jw, op_js_Jw, op_jns_Jw, op_jp_Jw, op_jnp_Jw,
                                op_jl_Jw, op_jnl_Jw, op_jle_Jw, op_jnle_Jw };
static const OpFn jcc_d[16] = { op_jo_Jd, op_jno_Jd, op_jb_Jd, op_jnb_Jd, op_jz_Jd, op_jnz_Jd,
                                op_jbe_Jd, op_jnbe_Jd, op_js_Jd, op_jns_Jd, op_jp_Jd, op_jnp_Jd,
                                op_jl_Jd, op_jnl_Jd, op_jle_Jd, op_jnle_Jd };

bool insn_jcc(const Insn *i)
{
    for (int k = 0; k < 16; k++)
        if (i->fn == jcc_w[k] || i->fn == jcc_d[k])
            return true;
    return false;
}

/* The form of i among those whose handler fixes the operand size, or INSN_CALL. */
static int insn_kind_sized(const Insn *i)
{
    static const struct { OpFn fn; uint8_t reg, mem; } forms[] = {
        { op_movzx_GdEb, INSN_MOVZX_B_R, INSN_MOVZX_B_M }, { op_movzx_GdEw, INSN_MOVZX_W_R, INSN_MOVZX_W_M },
        { op_movsx_GdEb, INSN_MOVSX_B_R, INSN_MOVSX_B_M }, { op_movsx_GdEw, INSN_MOVSX_W_R, INSN_MOVSX_W_M },
        { op_setcc_Eb, INSN_SETCC_R, INSN_SETCC_M }, { op_cmov_GdEd, INSN_CMOV_R, INSN_CMOV_M },
        { op_mov_EbGb, INSN_MOVB_EG_R, INSN_MOVB_EG_M }, { op_mov_GbEb, INSN_MOVB_GE_R, INSN_MOVB_GE_M },
        { op_mov_EwGw, INSN_MOVW_EG_R, INSN_MOVW_EG_M }, { op_mov_GwEw, INSN_MOVW_GE_R, INSN_MOVW_GE_M },
    };
    static const OpFn eg[8] = ALU_FNS(EbGb);
    static const OpFn ge[8] = ALU_FNS(GbEb);
    static const OpFn ai[8] = ALU_FNS(ALIb);
    static const OpFn ei[8] = ALU_FNS(EbIb);
    bool mem = i->flags & I_MEM;
    int k;
    for (size_t f = 0; f < sizeof forms / sizeof forms[0]; f++)
        if (forms[f].fn == i->fn)
            return mem ? forms[f].mem : forms[f].reg;
    if ((k = alu_index(i->fn, &ge)) >= 0) return (mem ? INSN_ALU8_GE_M : INSN_ALU8_GE) + k;
    if ((k = alu_index(i->fn, &ei)) >= 0) return (mem ? INSN_ALU8_EI_M : INSN_ALU8_EI) + k;
    if ((k = alu_index(i->fn, &ai)) >= 0) return INSN_ALU8_AI + k;
    if ((k = alu_index(i->fn, &eg)) >= 0 && !mem) return INSN_ALU8_EG + k;
    if (i->fn == op_test_EbGb && !mem) return INSN_TEST8_EG;
    if (i->fn == op_test_ALIb) return INSN_TEST8_AI;
    if (i->fn == op_test_EbIb) return mem ? INSN_TEST8_EI_M : INSN_TEST8_EI;
    static const OpFn sh16[8] = SH_FNS(EwIb);
    if ((k = alu_index(i->fn, &sh16)) >= 0 && !mem) return INSN_SH16_I + k;
    if (i->fn == op_mov_ZbIb) return INSN_MOV8_ZI;
    if (i->fn == op_nop) return INSN_NOP;
    if (i->fn == op_mov_EAXOd) return INSN_MOV_AO;
    if (i->fn == op_mov_OdEAX) return INSN_MOV_OA;
    return INSN_CALL;
}

static int insn_kind(const Insn *i, bool code32)
{
    static const OpFn eg[8] = ALU_FNS(EdGd);
    static const OpFn ge[8] = ALU_FNS(GdEd);
    static const OpFn ei[8] = ALU_FNS(EdId);
    static const OpFn ai[8] = ALU_FNS(EAXId);
    OpFn fn = i->fn;
    int k;
    /* a memory operand under 16-bit addressing wraps at 64 KiB: its handler computes it */
    if ((i->flags & I_LOCK) || ((i->flags & (I_MEM | I_A32)) == I_MEM && fn != op_lea_GdM))
        return INSN_CALL;
    if ((k = insn_kind_sized(i)) != INSN_CALL || !(i->flags & I_O32))
        return k;
    bool mem = i->flags & I_MEM;
    if (!mem) {
        if ((k = alu_index(fn, &eg)) >= 0) return INSN_ALU_EG + k;
        if ((k = alu_index(fn, &ge)) >= 0) return INSN_ALU_GE + k;
        if ((k = alu_index(fn, &ei)) >= 0) return INSN_ALU_EI + k;
        if (fn == op_test_EdGd) return INSN_TEST_EG;
        if (fn == op_test_EdId) return INSN_TEST_EI;
        if (fn == op_mov_EdGd) return INSN_MOV_EG_R;
        if (fn == op_mov_GdEd) return INSN_MOV_GE_R;
        if (fn == op_mov_EdId) return INSN_MOV_EI_R;
        if (fn == op_imul_GdEd) return INSN_IMUL_GE_R;
        if (fn == op_imul_GdEdId) return INSN_IMUL_GEI_R;
        static const OpFn shi[8] = SH_FNS(EdIb);
        static const OpFn sh1[8] = SH_FNS(Ed1);
        if ((k = alu_index(fn, &shi)) >= 0) return INSN_SH_I + k;
        if ((k = alu_index(fn, &sh1)) >= 0) return INSN_SH_1 + k;
        static const OpFn shcl[8] = SH_FNS(EdCL);
        if ((k = alu_index(fn, &shcl)) >= 0) return INSN_SH_CL + k;
        if (fn == op_not_Ed) return INSN_NOT;
        if (fn == op_neg_Ed) return INSN_NEG;
    } else {
        bool based = (i->flags & I_A32) && i->base != EA_NONE && i->index == EA_NONE;
        if (fn == op_lea_GdM && (i->flags & I_A32) && i->base != EA_NONE)
            return i->index == EA_NONE ? INSN_LEA_B : INSN_LEA_BI;
        if ((k = alu_index(fn, &ge)) >= 0) return INSN_ALU_GE_M + k;
        if ((k = alu_index(fn, &eg)) >= 0) return INSN_ALU_EG_M + k;
        if ((k = alu_index(fn, &ei)) >= 0) return INSN_ALU_EI_M + k;
        if (fn == op_inc_Ed) return INSN_INC_M;
        if (fn == op_dec_Ed) return INSN_DEC_M;
        if (fn == op_mov_GdEd) return based ? INSN_MOV_GE_MB : INSN_MOV_GE_M;
        if (fn == op_mov_EdGd) return based ? INSN_MOV_EG_MB : INSN_MOV_EG_M;
        if (fn == op_mov_EdId) return INSN_MOV_EI_M;
        if (fn == op_lea_GdM) return INSN_LEA;
    }
    if ((k = alu_index(fn, &ai)) >= 0) return INSN_ALU_AI + k;
    if (fn == op_test_EAXId) return INSN_TEST_AI;
    if (fn == op_inc_Zd) return INSN_INC;
    if (fn == op_dec_Zd) return INSN_DEC;
    if (fn == op_mov_ZdId) return INSN_MOV_ZI;
    if (fn == op_push_Zd) return INSN_PUSH;
    if (fn == op_pop_Zd) return INSN_POP;
    if (fn == op_ret_d) return INSN_RET;
    if (!code32)
        return INSN_CALL;   /* below: Insn.disp holds the target minus the entry EIP */
    if (fn == op_jmp_Jd) return INSN_JMP;
    if (fn == op_call_Jd) return INSN_CALLREL;
    for (k = 0; k < 16; k++)
        if (fn == jcc_d[k])
            return (i->op & 15) == k ? INSN_JCC + k : INSN_CALL;
    return INSN_CALL;
}

void insn_set_stop(Insn *i, int eoff)
{
    memset(i, 0, sizeof *i);
    i->kind = INSN_STOP;
    i->eoff = (int16_t)eoff;
}

void block_exec_n(Cpu *c, Block *b, unsigned n, uint32_t eip, uint32_t ipmask)
{
    uint64_t ic = c->clock->icount;
    for (const Insn *i = b->insn; i < b->insn + n; i++) {
        uint32_t ip = (eip + (uint32_t)(int32_t)i->eoff) & ipmask;
        c->s.eip = ip;
        c->next_eip = (ip + i->len) & ipmask;
        i->fn(c, i);
        c->s.eip = c->next_eip;
        /* a REP that counted several iterations leaves: n no longer fits the budget */
        if (++c->clock->icount != ++ic || c->exit_flags ||
            c->next_eip != ((eip + (uint32_t)(int32_t)i[1].eoff) & ipmask))
            break;
    }
    c->last_block = b;
}

/* Whether kind k (of i) writes all six arithmetic flags and reads none: ALU operations
 * and TEST on registers but ADC and SBB, NEG, IMUL, SHL, SHR and SAR by a nonzero
 * immediate count. */
static bool kind_sets_flags(int k, const Insn *i)
{
    if (k >= INSN_ALU_EG && k < INSN_ALU_AI + 8)
        return ((k - INSN_ALU_EG) & 7) != 2 && ((k - INSN_ALU_EG) & 7) != 3;
    if (k >= INSN_SH_I && k < INSN_SH_I + 8)
        return (k - INSN_SH_I == SH_SHL || k - INSN_SH_I == SH_SHR || k - INSN_SH_I == SH_SAR) &&
               (i->imm & 31);
    return (k >= INSN_TEST_EG && k <= INSN_TEST_AI) || k == INSN_IMUL_GE_R ||
           k == INSN_IMUL_GEI_R || k == INSN_NEG;
}

/* Whether kind k neither reads nor writes the flags and always goes on to the next
 * instruction: register MOVs, LEA, NOT, MOVZX and MOVSX of registers. */
static bool kind_keeps_flags(int k)
{
    switch (k) {
    case INSN_MOV_EG_R: case INSN_MOV_GE_R: case INSN_MOV_ZI: case INSN_MOV_EI_R:
    case INSN_LEA: case INSN_LEA_B: case INSN_LEA_BI: case INSN_NOT: case INSN_NOP:
    case INSN_MOVZX_B_R: case INSN_MOVZX_W_R: case INSN_MOVSX_B_R: case INSN_MOVSX_W_R:
    case INSN_MOVB_EG_R: case INSN_MOVB_GE_R: case INSN_MOVW_EG_R: case INSN_MOVW_GE_R:
    case INSN_MOV8_ZI:
        return true;
    default:
        return false;
    }
}

/* The form of kind k that leaves the flags alone, or k itself when there is none. */
static int kind_no_flags(int k)
{
    if (k >= INSN_ALU_EG && k < INSN_ALU_AI + 8)
        return ((k - INSN_ALU_EG) & 7) == 7 ? INSN_NOP : k - INSN_ALU_EG + INSN_ALU_EG_NF;
    if (k >= INSN_TEST_EG && k <= INSN_TEST_AI)
        return INSN_NOP;
    if (k == INSN_SH_I + SH_SHL || k == INSN_SH_I + SH_SHR || k == INSN_SH_I + SH_SAR)
        return k - INSN_SH_I - 4 + INSN_SH_I_NF;
    switch (k) {
    case INSN_INC: return INSN_INC_NF;
    case INSN_DEC: return INSN_DEC_NF;
    case INSN_IMUL_GE_R: return INSN_IMUL_GE_R_NF;
    case INSN_IMUL_GEI_R: return INSN_IMUL_GEI_R_NF;
    case INSN_NEG: return INSN_NEG_NF;
    default: return k;
    }
}

/* Flags that no one sees are not recorded: an inline form whose flags the instructions
 * after it overwrite before any reads them, with only forms between that neither touch
 * the flags nor can leave the block, call a handler or fault (so no exception, interrupt,
 * exit or debugger sees the flags in between), runs its form that computes the result
 * only. Block_exec_n, which runs handlers, records them all. */
static void flags_dead(Block *b)
{
    bool dead = false;   /* the flags before insn[j + 1] are overwritten unseen */
    for (int j = b->n - 1; j >= 0; j--) {
        Insn *i = &b->insn[j];
        int k = i->kind;
        if (dead)
            i->kind = (uint8_t)kind_no_flags(k);
        dead = kind_sets_flags(k, i) || (dead && kind_keeps_flags(k));
    }
}

/* insn_kind through c->kind_memo. */
static int insn_kind_memo(Cpu *c, const Insn *i, bool code32)
{
    /* what insn_kind reads besides the handler: the flags in bits 0-2 and 5, the rest in
     * bits those leave free */
    uint16_t key = (uint16_t)(i->op << 8 | (i->flags & (I_LOCK | I_MEM | I_A32 | I_O32)) |
                              code32 << 3 | (i->base == EA_NONE) << 6 |
                              (i->index == EA_NONE) << 7);
    _Static_assert(((I_LOCK | I_MEM | I_A32 | I_O32) & (1 << 3 | 1 << 6 | 1 << 7)) == 0,
                   "the key's bits do not overlap");
    uintptr_t h = (uintptr_t)i->fn >> 4;
    KindMemo *m = &c->kind_memo[(h ^ h >> 10 ^ key * 0x9e37u) & (KIND_MEMO - 1)];
    if (m->fn != i->fn || m->key != key)
        *m = (KindMemo){ .fn = i->fn, .key = key, .kind = (uint8_t)insn_kind(i, code32) };
    return m->kind;
}

void block_prepare(Cpu *c, Block *b)
{
    bool code32 = b->code32;
    for (Insn *i = b->insn; i < b->insn + b->n; i++) {
        i->kind = (uint8_t)insn_kind_memo(c, i, code32);
        if (i->kind == INSN_JMP || i->kind == INSN_CALLREL || (i->kind >= INSN_JCC && i->kind < INSN_JCC + 16))
            i->disp = (uint32_t)(int32_t)i->eoff + i->len + i->imm;
        if (i->kind != INSN_JMP && (i->kind < INSN_JCC || i->kind >= INSN_JCC + 16))
            continue;
        /* a jump to an instruction of its own block (a loop's edge, or over a few of
         * them) goes on there; the same EIP holds the same decoded bytes */
        i->imm2 = JUMP_OUT;
        for (const Insn *t = b->insn; t < b->insn + b->n; t++)
            if ((uint32_t)(int32_t)t->eoff == i->disp) {
                i->imm2 = (uint16_t)(int16_t)(i + 1 - t);
                break;
            }
        /* to the next instruction either way (a JMP the block followed, a Jcc over
         * nothing): nothing to do */
        if (i->imm2 == 0)
            i->kind = INSN_NOP;
    }
    /* a loop's DEC and JNZ run as one: the JNZ tests DEC's result */
    for (Insn *i = b->insn; i + 1 < b->insn + b->n; i++)
        if (i->kind == INSN_DEC && i[1].kind == INSN_JCC + 5)
            i->kind = INSN_DEC_JNZ;
    flags_dead(b);
    /* a TEST and the JZ or JNZ that reads its ZF run as one (after flags_dead: the jump
     * reads the flags, so the TEST records them) */
    for (Insn *i = b->insn; i + 1 < b->insn + b->n; i++)
        if (i->kind >= INSN_TEST_EG && i->kind <= INSN_TEST_AI &&
            (i[1].kind == INSN_JCC + 4 || i[1].kind == INSN_JCC + 5))
            i->kind = (uint8_t)(i->kind - INSN_TEST_EG + INSN_TESTJ_EG);
}

/* The block linked from b for entry at eip (invariant 2), or else the jump cache's for eip,
 * that may run whole within the budget from count ic, or NULL. A link of the current
 * chain_gen names a valid block of the same CS (code_invalidate_page and CS loads change
 * chain_gen), so EIP's mask holds. */
static inline Block *block_link(const Cpu *c, const Block *b, uint32_t eip, uint64_t ic,
                                uint64_t end)
{
    if (b->link_gen == c->chain_gen) {
#pragma GCC unroll 4
        for (int k = 0; k < BLOCK_SUCC; k++)
            if (b->succ_eip[k] == eip)
                return ic + b->succ[k]->n <= end ? b->succ[k] : NULL;
    }
    const JumpCache *j = &c->jump_cache[jump_cache_at(eip)];
    if (j->eip == eip && j->gen == c->chain_gen)
        return ic + j->b->n <= end ? j->b : NULL;
    return NULL;
}

/* Threaded dispatch: each form jumps straight to the next instruction's (labels as values,
 * a GNU C extension that gcc and clang both have). */
#define DISPATCH() goto *go[i->kind]
#define NEXT() do { i++; DISPATCH(); } while (0)
/* p: the host address of a memory operand on the TLB fast path; else the handler runs
 * (MEM_EA: the instruction's own operand, whose address is 32 bits wide: insn_kind) */
#define MEM(p, seg, off, n, write) \
    uint8_t *p; if (UNLIKELY(!mem_fast_try(c, seg, off, n, write, &p))) goto call
#define MEM_EA(p, n, write) MEM(p, i->seg, i->disp + r[i->base] + (r[i->index] << i->scale), n, write)
#define ALU_LABELS(pfx) &&pfx##0, &&pfx##1, &&pfx##2, &&pfx##3, &&pfx##4, &&pfx##5, &&pfx##6, &&pfx##7
#define ALU_FORMS(pfx, dst, src, ...) \
    pfx##0: { __VA_ARGS__; dst = alu_add(c, dst, src, 4); NEXT(); } \
    pfx##1: { __VA_ARGS__; dst = alu_or(c, dst, src, 4); NEXT(); } \
    pfx##2: { __VA_ARGS__; dst = alu_adc(c, dst, src, 4); NEXT(); } \
    pfx##3: { __VA_ARGS__; dst = alu_sbb(c, dst, src, 4); NEXT(); } \
    pfx##4: { __VA_ARGS__; dst = alu_and(c, dst, src, 4); NEXT(); } \
    pfx##5: { __VA_ARGS__; dst = alu_sub(c, dst, src, 4); NEXT(); } \
    pfx##6: { __VA_ARGS__; dst = alu_xor(c, dst, src, 4); NEXT(); } \
    pfx##7: { __VA_ARGS__; alu_sub(c, dst, src, 4); NEXT(); }   /* CMP */
/* the read-modify-write forms: p from the write TLB (a page writable there is readable) */
#define ALU_MEM_FORM(op, src) { MEM_EA(p, 4, true); put_le32(p, op(c, le32(p), src, 4)); NEXT(); }
#define ALU_MEM_FORMS(pfx, src) \
    pfx##0: ALU_MEM_FORM(alu_add, src) pfx##1: ALU_MEM_FORM(alu_or, src) \
    pfx##2: ALU_MEM_FORM(alu_adc, src) pfx##3: ALU_MEM_FORM(alu_sbb, src) \
    pfx##4: ALU_MEM_FORM(alu_and, src) pfx##5: ALU_MEM_FORM(alu_sub, src) \
    pfx##6: ALU_MEM_FORM(alu_xor, src) \
    pfx##7: { MEM_EA(p, 4, false); alu_sub(c, le32(p), src, 4); NEXT(); }   /* CMP */
/* 8-bit: dst op src, the result written by set (SET_RM8, SET_REG8, SET_AL) */
#define SET_RM8(v) set_reg8(c, i->rm, (uint8_t)(v))
#define SET_REG8(v) set_reg8(c, i->reg, (uint8_t)(v))
#define SET_AL(v) set_reg8(c, R_EAX, (uint8_t)(v))
#define ALU8_FORMS(pfx, set, dst, src, ...) \
    pfx##0: { __VA_ARGS__; set(alu_add(c, dst, src, 1)); NEXT(); } \
    pfx##1: { __VA_ARGS__; set(alu_or(c, dst, src, 1)); NEXT(); } \
    pfx##2: { __VA_ARGS__; set(alu_adc(c, dst, src, 1)); NEXT(); } \
    pfx##3: { __VA_ARGS__; set(alu_sbb(c, dst, src, 1)); NEXT(); } \
    pfx##4: { __VA_ARGS__; set(alu_and(c, dst, src, 1)); NEXT(); } \
    pfx##5: { __VA_ARGS__; set(alu_sub(c, dst, src, 1)); NEXT(); } \
    pfx##6: { __VA_ARGS__; set(alu_xor(c, dst, src, 1)); NEXT(); } \
    pfx##7: { __VA_ARGS__; alu_sub(c, dst, src, 1); NEXT(); }   /* CMP */
#define ALU8_MEM_FORM(op, src) { MEM_EA(p, 1, true); *p = (uint8_t)op(c, *p, src, 1); NEXT(); }
#define ALU8_MEM_FORMS(pfx, src) \
    pfx##0: ALU8_MEM_FORM(alu_add, src) pfx##1: ALU8_MEM_FORM(alu_or, src) \
    pfx##2: ALU8_MEM_FORM(alu_adc, src) pfx##3: ALU8_MEM_FORM(alu_sbb, src) \
    pfx##4: ALU8_MEM_FORM(alu_and, src) pfx##5: ALU8_MEM_FORM(alu_sub, src) \
    pfx##6: ALU8_MEM_FORM(alu_xor, src) \
    pfx##7: { MEM_EA(p, 1, false); alu_sub(c, *p, src, 1); NEXT(); }   /* CMP */
/* the forms without flags (INSN_ALU_EG_NF...): ADC and SBB still read CF */
#define NF_LABELS(pfx) &&pfx##0, &&pfx##1, &&pfx##2, &&pfx##3, &&pfx##4, &&pfx##5, &&pfx##6, &&nop
#define ALU_NF_FORMS(pfx, dst, src) \
    pfx##0: dst += src; NEXT(); \
    pfx##1: dst |= src; NEXT(); \
    pfx##2: dst += src + flag_cf(c); NEXT(); \
    pfx##3: dst -= src + flag_cf(c); NEXT(); \
    pfx##4: dst &= src; NEXT(); \
    pfx##5: dst -= src; NEXT(); \
    pfx##6: dst ^= src; NEXT();
#define JCC_FORMS(cc) jcc##cc: if (cpu_cond(c, cc)) goto jump; NEXT();
#define SH_LABELS(pfx) &&pfx##0, &&pfx##1, &&pfx##2, &&pfx##3, &&pfx##4, &&pfx##5, &&call, &&pfx##7
/* of the low n bytes (4 or 2) of register rm */
#define SH_FORM(kind, cnt, n) \
    r[i->rm] = (r[i->rm] & ~msk(n)) | alu_shift(c, kind, r[i->rm], cnt, n); NEXT();
#define SH_FORMS(pfx, cnt, n) \
    pfx##0: SH_FORM(SH_ROL, cnt, n) pfx##1: SH_FORM(SH_ROR, cnt, n) \
    pfx##2: SH_FORM(SH_RCL, cnt, n) pfx##3: SH_FORM(SH_RCR, cnt, n) \
    pfx##4: SH_FORM(SH_SHL, cnt, n) pfx##5: SH_FORM(SH_SHR, cnt, n) \
    pfx##7: SH_FORM(SH_SAR, cnt, n)
#define IMUL_FORM(b2) { \
        int64_t v = (int64_t)(int32_t)r[i->rm] * (int32_t)(b2); \
        r[i->reg] = (uint32_t)v; \
        lf_set(c, LF_MUL, 2, (uint32_t)v, 0, 0, v != (int32_t)v); \
        NEXT(); \
    }
#define MORE_LABELS \
    ALU_LABELS(alu_egm), ALU_LABELS(alu_eim), &&inc_m, &&dec_m, SH_LABELS(sh_cl), &&not, &&neg, \
    &&movzx_b_r, &&movzx_b_m, &&movzx_w_r, &&movzx_w_m, &&movsx_b_r, &&movsx_b_m, &&movsx_w_r, \
    &&movsx_w_m, &&setcc_r, &&setcc_m, &&cmov_r, &&cmov_m, &&movb_eg_r, &&movb_ge_r, \
    &&movb_eg_m, &&movb_ge_m, &&movw_eg_r, &&movw_ge_r, &&movw_eg_m, &&movw_ge_m, \
    ALU_LABELS(alu8_eg), ALU_LABELS(alu8_ge), ALU_LABELS(alu8_gm), ALU_LABELS(alu8_ai), \
    ALU_LABELS(alu8_ei), ALU_LABELS(alu8_eim), &&test8_eg, &&test8_ai, &&test8_ei, &&test8_eim, \
    &&mov8_zi, &&nop, &&mov_ao, &&mov_oa, SH_LABELS(sh16_i), \
    NF_LABELS(alu_eg_nf), NF_LABELS(alu_ge_nf), NF_LABELS(alu_ei_nf), NF_LABELS(alu_ai_nf), \
    &&shl_nf, &&shr_nf, &&call, &&sar_nf, &&inc_nf, &&dec_nf, &&imul_ge_nf, &&imul_gei_nf, \
    &&neg_nf
/* CMOVcc reads its memory operand whatever the condition (a fault comes first) */
#define MORE_FORMS \
    ALU_MEM_FORMS(alu_egm, r[i->reg]) ALU_MEM_FORMS(alu_eim, i->imm) \
    inc_m: ALU_MEM_FORM(alu_inc, 0) \
    dec_m: ALU_MEM_FORM(alu_dec, 0) \
    SH_FORMS(sh_cl, r[R_ECX], 4) \
    not: r[i->rm] = ~r[i->rm]; NEXT(); \
    neg: lf_set(c, LF_SUB, 2, 0 - r[i->rm], 0, r[i->rm], 0); r[i->rm] = 0 - r[i->rm]; NEXT(); \
    ALU8_FORMS(alu8_eg, SET_RM8, reg8(c, i->rm), reg8(c, i->reg)) \
    ALU8_FORMS(alu8_ge, SET_REG8, reg8(c, i->reg), reg8(c, i->rm)) \
    ALU8_FORMS(alu8_gm, SET_REG8, reg8(c, i->reg), *p, MEM_EA(p, 1, false)) \
    ALU8_FORMS(alu8_ai, SET_AL, reg8(c, R_EAX), i->imm) \
    ALU8_FORMS(alu8_ei, SET_RM8, reg8(c, i->rm), i->imm) \
    ALU8_MEM_FORMS(alu8_eim, i->imm) \
    test8_eg: alu_and(c, reg8(c, i->rm), reg8(c, i->reg), 1); NEXT(); \
    test8_ai: alu_and(c, reg8(c, R_EAX), i->imm, 1); NEXT(); \
    test8_ei: alu_and(c, reg8(c, i->rm), i->imm, 1); NEXT(); \
    test8_eim: { MEM_EA(p, 1, false); alu_and(c, *p, i->imm, 1); NEXT(); } \
    mov8_zi: set_reg8(c, i->reg, (uint8_t)i->imm); NEXT(); \
    nop: NEXT(); \
    mov_ao: { MEM_EA(p, 4, false); r[R_EAX] = le32(p); NEXT(); } \
    mov_oa: { MEM_EA(p, 4, true); put_le32(p, r[R_EAX]); NEXT(); } \
    SH_FORMS(sh16_i, i->imm, 2) \
    movzx_b_r: r[i->reg] = reg8(c, i->rm); NEXT(); \
    movzx_b_m: { MEM_EA(p, 1, false); r[i->reg] = *p; NEXT(); } \
    movzx_w_r: r[i->reg] = (uint16_t)r[i->rm]; NEXT(); \
    movzx_w_m: { MEM_EA(p, 2, false); r[i->reg] = le16(p); NEXT(); } \
    movsx_b_r: r[i->reg] = (uint32_t)(int8_t)reg8(c, i->rm); NEXT(); \
    movsx_b_m: { MEM_EA(p, 1, false); r[i->reg] = (uint32_t)(int8_t)*p; NEXT(); } \
    movsx_w_r: r[i->reg] = (uint32_t)(int16_t)r[i->rm]; NEXT(); \
    movsx_w_m: { MEM_EA(p, 2, false); r[i->reg] = (uint32_t)(int16_t)le16(p); NEXT(); } \
    setcc_r: set_reg8(c, i->rm, cpu_cond(c, i->op & 15)); NEXT(); \
    setcc_m: { MEM_EA(p, 1, true); *p = cpu_cond(c, i->op & 15); NEXT(); } \
    cmov_r: if (cpu_cond(c, i->op & 15)) r[i->reg] = r[i->rm]; NEXT(); \
    cmov_m: { MEM_EA(p, 4, false); if (cpu_cond(c, i->op & 15)) r[i->reg] = le32(p); NEXT(); } \
    movb_eg_r: set_reg8(c, i->rm, reg8(c, i->reg)); NEXT(); \
    movb_ge_r: set_reg8(c, i->reg, reg8(c, i->rm)); NEXT(); \
    movb_eg_m: { MEM_EA(p, 1, true); *p = reg8(c, i->reg); NEXT(); } \
    movb_ge_m: { MEM_EA(p, 1, false); set_reg8(c, i->reg, *p); NEXT(); } \
    movw_eg_r: set_reg16(c, i->rm, (uint16_t)r[i->reg]); NEXT(); \
    movw_ge_r: set_reg16(c, i->reg, (uint16_t)r[i->rm]); NEXT(); \
    movw_eg_m: { MEM_EA(p, 2, true); put_le16(p, (uint16_t)r[i->reg]); NEXT(); } \
    movw_ge_m: { MEM_EA(p, 2, false); set_reg16(c, i->reg, le16(p)); NEXT(); } \
    ALU_NF_FORMS(alu_eg_nf, r[i->rm], r[i->reg]) ALU_NF_FORMS(alu_ge_nf, r[i->reg], r[i->rm]) \
    ALU_NF_FORMS(alu_ei_nf, r[i->rm], i->imm) ALU_NF_FORMS(alu_ai_nf, r[R_EAX], i->imm) \
    shl_nf: r[i->rm] <<= i->imm & 31; NEXT(); \
    shr_nf: r[i->rm] >>= i->imm & 31; NEXT(); \
    sar_nf: r[i->rm] = (uint32_t)((int32_t)r[i->rm] >> (i->imm & 31)); NEXT(); \
    inc_nf: r[i->reg]++; NEXT(); \
    dec_nf: r[i->reg]--; NEXT(); \
    imul_ge_nf: r[i->reg] = r[i->rm] * r[i->reg]; NEXT(); \
    imul_gei_nf: r[i->reg] = r[i->rm] * i->imm; NEXT(); \
    neg_nf: r[i->rm] = 0 - r[i->rm]; NEXT();
/* the stack forms take a 32-bit stack (SS.B); a 16-bit one's SP wraps in its handler */
#define STACK32() if (UNLIKELY(!c->stack32)) goto call
#define CS_CHECK(t) if (UNLIKELY((t) > c->s.segs[R_CS].limit)) goto call   /* #GP there */

/* A direct jump in 32-bit code, whose offsets compare as the EIPs would. To an instruction
 * of this block, which lies in CS (block_usable): the count goes on by the instructions
 * from the target to here, and the rest of the block from the target must fit the budget,
 * as for a linked block. Else (the end mark's EIP too: leaving is what it does) it leaves. */
#define JUMP_FORM \
    jump: \
    if (i->imm2 != JUMP_OUT) { \
        uint64_t ic = ic0 + (uint64_t)(int64_t)(int16_t)i->imm2; \
        if (LIKELY(ic + b->n <= end)) { \
            ic0 = ic; \
            i += 1 - (int16_t)i->imm2; \
            if (UNLIKELY(--b->heat == 0)) /* a loop that does not leave */ \
                jit_block_hot(c, b); \
            DISPATCH(); \
        } \
        target = eip + i->disp; \
        if (i->imm2) \
            goto leave; \
        i++;   /* to the next instruction */ \
        DISPATCH(); \
    } \
    target = eip + i->disp; \
    CS_CHECK(target); \
    goto leave;

Block *block_exec(Cpu *c, Block *b, uint32_t eip, uint32_t ipmask)
{
    static const void *const go[] = {
        &&call, &&stop, ALU_LABELS(alu_eg), ALU_LABELS(alu_ge), ALU_LABELS(alu_ei), ALU_LABELS(alu_ai),
        &&test_eg, &&test_ei, &&test_ai, &&inc, &&dec,
        &&mov_eg_r, &&mov_ge_r, &&mov_zi, &&mov_ei_r, &&mov_ge_m, &&mov_eg_m, &&mov_ei_m,
        &&lea, &&imul_ge_r, &&imul_gei_r, &&push, &&pop, &&jump, &&callrel, &&ret,
        &&jcc0, &&jcc1, &&jcc2, &&jcc3, &&jcc4, &&jcc5, &&jcc6, &&jcc7,
        &&jcc8, &&jcc9, &&jcc10, &&jcc11, &&jcc12, &&jcc13, &&jcc14, &&jcc15,
        SH_LABELS(sh_i), SH_LABELS(sh_1), &&mov_ge_mb, &&mov_eg_mb, ALU_LABELS(alu_gm),
        &&lea_b, &&lea_bi, &&dec_jnz, MORE_LABELS, &&testj_eg, &&testj_ei, &&testj_ai, &&jit
    };
    _Static_assert(sizeof go / sizeof go[0] == INSN_KINDS, "a label for each Insn.kind");
    const Insn *first = b->insn, *i = first;
    uint64_t *icount = &c->clock->icount, ic0 = *icount;   /* the count at first */
    /* exit flags, single step and breakpoints change only in handlers: looked at after
     * each, they say whether the next block (or this one again, by a jump) may be entered
     * without cpu_run; when not, end is 0 and no block fits the budget (a count plus a
     * block's size is never 0) */
    uint64_t end = c->exit_flags | c->dbg_start | (c->s.eflags & F_TF) ? 0 : c->insn_end;
    uint32_t *r = c->s.regs;
    uint32_t target;
    DISPATCH();

call: {
        uint32_t ip = (eip + (uint32_t)(int32_t)i->eoff) & ipmask;
        c->s.eip = ip;
        c->next_eip = (ip + i->len) & ipmask;
        uint64_t ic = ic0 + (uint64_t)(i - first);
        *icount = ic;
        i->fn(c, i);
        goto called;
    }
called: {   /* i's handler ran (here or in compiled code), entered with count ic0 + (i - first) */
        uint64_t ic = ic0 + (uint64_t)(i - first);
        ic0 = *icount - (uint64_t)(i - first);
        target = c->next_eip;
        if (UNLIKELY(c->exit_flags | c->dbg_start | (c->s.eflags & F_TF))) {
            end = 0;
            if (c->exit_flags)
                goto leave;
        }
        /* a REP counted its iterations (string_op): the rest of the block may not fit the
         * budget any more, so it leaves, and the next block is entered only if it fits */
        if (UNLIKELY(*icount != ic))
            goto leave;
        goto taken;
    }
jit: {   /* compiled code from here (invariant 8), while DS, ES and SS are flat */
        if (UNLIKELY(!c->jit_flat))
            goto *go[b->jit->kind[i - first]];
        JitCtx x = { .ic0 = ic0, .end = end, .b = b, .eip = eip };
        uint32_t k = jit_run(c, b, (unsigned)(i - first), &x);
        ic0 = x.ic0;
        c->cur_block = b = x.b;   /* it may have gone on in blocks linked from b */
        first = b->insn;
        eip = x.eip;
        i = first + (k & JIT_INDEX);
        if (k & JIT_CALL)
            goto call;
        if (k & JIT_DONE)
            goto called;
        goto *go[b->jit->kind[k & JIT_INDEX]];
    }
    ALU_FORMS(alu_eg, r[i->rm], r[i->reg])
    ALU_FORMS(alu_ge, r[i->reg], r[i->rm])
    ALU_FORMS(alu_ei, r[i->rm], i->imm)
    ALU_FORMS(alu_ai, r[R_EAX], i->imm)
    ALU_FORMS(alu_gm, r[i->reg], le32(p), MEM_EA(p, 4, false))   /* memory source */
test_eg: alu_and(c, r[i->rm], r[i->reg], 4); NEXT();
test_ei: alu_and(c, r[i->rm], i->imm, 4); NEXT();
test_ai: alu_and(c, r[R_EAX], i->imm, 4); NEXT();
inc: r[i->reg] = alu_inc(c, r[i->reg], 0, 4); NEXT();
dec: r[i->reg] = alu_dec(c, r[i->reg], 0, 4); NEXT();
mov_eg_r: r[i->rm] = r[i->reg]; NEXT();
mov_ge_r: r[i->reg] = r[i->rm]; NEXT();
mov_zi: r[i->reg] = i->imm; NEXT();
mov_ei_r: r[i->rm] = i->imm; NEXT();
mov_ge_m: { MEM_EA(p, 4, false); r[i->reg] = le32(p); NEXT(); }
mov_eg_m: { MEM_EA(p, 4, true); put_le32(p, r[i->reg]); NEXT(); }
mov_ge_mb: { MEM(p, i->seg, r[i->base] + i->disp, 4, false); r[i->reg] = le32(p); NEXT(); }
mov_eg_mb: { MEM(p, i->seg, r[i->base] + i->disp, 4, true); put_le32(p, r[i->reg]); NEXT(); }
mov_ei_m: { MEM_EA(p, 4, true); put_le32(p, i->imm); NEXT(); }
lea: r[i->reg] = ea(c, i); NEXT();
lea_b: r[i->reg] = r[i->base] + i->disp; NEXT();
lea_bi: r[i->reg] = r[i->base] + (r[i->index] << i->scale) + i->disp; NEXT();
imul_ge_r: IMUL_FORM(r[i->reg])
imul_gei_r: IMUL_FORM(i->imm)
/* TEST, then its JZ or JNZ (cc 4 or 5: taken when ZF differs from the cc's low bit) */
#define TESTJ_FORM(v) { \
        uint32_t t = alu_and(c, v, 0xFFFFFFFFu, 4); \
        if ((t == 0) ^ ((++i)->op & 1)) \
            goto jump; \
        NEXT(); \
    }
testj_eg: TESTJ_FORM(r[i->rm] & r[i->reg])
testj_ei: TESTJ_FORM(r[i->rm] & i->imm)
testj_ai: TESTJ_FORM(r[R_EAX] & i->imm)
dec_jnz: r[i->reg] = alu_dec(c, r[i->reg], 0, 4);
    if (r[(i++)->reg])   /* on to the JNZ, which is taken */
        goto jump;
    NEXT();
push: { STACK32(); MEM(p, R_SS, r[R_ESP] - 4, 4, true); put_le32(p, r[i->reg]);
        r[R_ESP] -= 4; NEXT(); }
pop: { STACK32(); MEM(p, R_SS, r[R_ESP], 4, false); r[R_ESP] += 4; r[i->reg] = le32(p);
        NEXT(); }
    JCC_FORMS(0) JCC_FORMS(1) JCC_FORMS(2) JCC_FORMS(3) JCC_FORMS(4) JCC_FORMS(5) JCC_FORMS(6) JCC_FORMS(7)
    JCC_FORMS(8) JCC_FORMS(9) JCC_FORMS(10) JCC_FORMS(11) JCC_FORMS(12) JCC_FORMS(13) JCC_FORMS(14) JCC_FORMS(15)
    SH_FORMS(sh_i, i->imm, 4) SH_FORMS(sh_1, 1, 4)
    MORE_FORMS
    JUMP_FORM
callrel: {
        STACK32();
        target = eip + i->disp;
        CS_CHECK(target);
        MEM(p, R_SS, r[R_ESP] - 4, 4, true);
        put_le32(p, eip + (uint32_t)(int32_t)i->eoff + i->len);
        r[R_ESP] -= 4;
        goto taken;
    }
ret: {
        STACK32();
        MEM(p, R_SS, r[R_ESP], 4, false);
        target = le32(p);
        CS_CHECK(target);
        r[R_ESP] += 4;
        goto taken;
    }
taken:   /* on in this block when it goes on at the target (invariant 1) */
    if (target != ((eip + (uint32_t)(int32_t)i[1].eoff) & ipmask))
        goto leave;
    i++;
    DISPATCH();
stop:   /* past the last instruction, which did not leave the block */
    target = (eip + (uint32_t)(int32_t)i->eoff) & ipmask;
    i--;
leave:
    ic0 += (uint64_t)(i - first) + 1;
    if (UNLIKELY(--b->heat == 0))
        jit_block_hot(c, b);
    Block *s = block_link(c, b, target, ic0, end);
    if (s) {   /* blocks linked directly: the next runs here */
        c->cur_block = b = s;
        first = i = b->insn;
        eip = target;
        DISPATCH();
    }
    c->s.eip = target;
    *icount = ic0;
    c->last_block = b;
    return b;
}
