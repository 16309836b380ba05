/* insn_kind.h: the forms block_exec runs inline (Insn.kind; exec_block.c), shared with the
 * compiler of hot blocks (jit.c), which takes them as its input. */
#ifndef PCEMU_CPU_INSN_KIND_H
#define PCEMU_CPU_INSN_KIND_H

/* The inline forms (Insn.kind). Every one has a 32-bit operand (I_O32); _R forms have a
 * register operand in ModRM.rm, _M forms a memory one. */
enum {
    INSN_CALL,                                      /* i->fn */
    INSN_STOP,                                      /* the end mark after a block's last */
    /* ALU op (ADD OR ADC SBB AND SUB XOR CMP, in opcode order) with a destination
     * register: rm = rm op reg (EdGd), reg = reg op rm (GdEd), rm = rm op imm (EdId, EdIb
     * sign-extended), EAX = EAX op imm (EAXId) */
    INSN_ALU_EG = 2, INSN_ALU_GE = 10, INSN_ALU_EI = 18, INSN_ALU_AI = 26,
    INSN_TEST_EG = 34, INSN_TEST_EI, INSN_TEST_AI,
    INSN_INC, INSN_DEC,                             /* 40+r, 48+r */
    INSN_MOV_EG_R, INSN_MOV_GE_R, INSN_MOV_ZI, INSN_MOV_EI_R,
    INSN_MOV_GE_M, INSN_MOV_EG_M, INSN_MOV_EI_M,    /* load, store, store immediate */
    INSN_LEA, INSN_IMUL_GE_R, INSN_IMUL_GEI_R,
    INSN_PUSH, INSN_POP,                            /* 50+r, 58+r */
    INSN_JMP, INSN_CALLREL, INSN_RET,               /* rel8/rel32, and RET without imm */
    INSN_JCC,                                       /* + the condition (0..15) */
    /* shift or rotate (SH_*, ModRM.reg) of a register by an immediate count (EdIb) or 1
     * (Ed1) */
    INSN_SH_I = INSN_JCC + 16, INSN_SH_1 = INSN_SH_I + 8,
    INSN_MOV_GE_MB = INSN_SH_1 + 8, INSN_MOV_EG_MB,  /* MOV load/store at [base + disp32] */
    INSN_ALU_GE_M,                                  /* + op: reg = reg op memory */
    INSN_LEA_B = INSN_ALU_GE_M + 8, INSN_LEA_BI,    /* LEA of [base+disp], [base+index*s+disp] */
    INSN_DEC_JNZ,                                   /* DEC reg and the JNZ after it */
    /* + op: memory = memory op reg (EdGd), memory = memory op imm (EdId, EdIb); INC and
     * DEC of memory */
    INSN_ALU_EG_M, INSN_ALU_EI_M = INSN_ALU_EG_M + 8, INSN_INC_M = INSN_ALU_EI_M + 8, INSN_DEC_M,
    INSN_SH_CL, INSN_NOT = INSN_SH_CL + 8, INSN_NEG,   /* shift or rotate by CL, NOT, NEG: of a register */
    /* forms of any operand size (insn_kind_sized): MOVZX and MOVSX to a 32-bit register,
     * SETcc, 32-bit CMOVcc, 8-bit MOV, 16-bit MOV; _R register, _M memory operand */
    INSN_MOVZX_B_R, INSN_MOVZX_B_M, INSN_MOVZX_W_R, INSN_MOVZX_W_M,
    INSN_MOVSX_B_R, INSN_MOVSX_B_M, INSN_MOVSX_W_R, INSN_MOVSX_W_M,
    INSN_SETCC_R, INSN_SETCC_M, INSN_CMOV_R, INSN_CMOV_M,
    INSN_MOVB_EG_R, INSN_MOVB_GE_R, INSN_MOVB_EG_M, INSN_MOVB_GE_M,
    INSN_MOVW_EG_R, INSN_MOVW_GE_R, INSN_MOVW_EG_M, INSN_MOVW_GE_M,
    /* + op: 8-bit ALU operations: EbGb, GbEb, GbEb from memory, AL,Ib, EbIb, EbIb on memory */
    INSN_ALU8_EG, INSN_ALU8_GE = INSN_ALU8_EG + 8, INSN_ALU8_GE_M = INSN_ALU8_GE + 8,
    INSN_ALU8_AI = INSN_ALU8_GE_M + 8, INSN_ALU8_EI = INSN_ALU8_AI + 8,
    INSN_ALU8_EI_M = INSN_ALU8_EI + 8,
    INSN_TEST8_EG = INSN_ALU8_EI_M + 8, INSN_TEST8_AI, INSN_TEST8_EI, INSN_TEST8_EI_M,
    INSN_MOV8_ZI, INSN_NOP, INSN_MOV_AO, INSN_MOV_OA,   /* MOV r8,imm; NOP; MOV EAX,moffs and back */
    INSN_SH16_I,                                    /* + SH_*: 16-bit register by an immediate */
    /* the result only, for a form whose flags no one sees (block_prepare, flags_dead):
     * + op: ALU_EG, ALU_GE, ALU_EI, ALU_AI (CMP: INSN_NOP); + SH_* - 4: SHL, SHR, SAR by
     * an immediate; INC, DEC, IMUL_GE_R, IMUL_GEI_R, NEG */
    INSN_ALU_EG_NF = INSN_SH16_I + 8, INSN_ALU_GE_NF = INSN_ALU_EG_NF + 8,
    INSN_ALU_EI_NF = INSN_ALU_GE_NF + 8, INSN_ALU_AI_NF = INSN_ALU_EI_NF + 8,
    INSN_SH_I_NF = INSN_ALU_AI_NF + 8, INSN_INC_NF = INSN_SH_I_NF + 4, INSN_DEC_NF,
    INSN_IMUL_GE_R_NF, INSN_IMUL_GEI_R_NF, INSN_NEG_NF,
    /* TEST (EG, EI, AI) and the JZ or JNZ after it, run as one */
    INSN_TESTJ_EG, INSN_TESTJ_EI, INSN_TESTJ_AI,
    INSN_JIT,                                       /* compiled code (jit.c, invariant 8) */
    INSN_KINDS
};
_Static_assert(INSN_KINDS <= 256, "Insn.kind is a byte");

#endif
