/* jit_emit.h: an x86-64 instruction writer for jit.c, only the encodings it uses: ModRM
 * with a register, with [base + disp] and with a guest address [base + index * scale +
 * disp] under the address-size prefix (32-bit wrap, as the guest's), each in its shortest
 * form (no displacement, 8 or 32 bits; a SIB byte only for an index or a base of RSP's or
 * R12's number, which ModRM cannot name; RBP's and R13's number need a displacement).
 * Reference: Intel SDM vol. 2, chapter 2 (instruction format, REX). A full buffer sets
 * Emit.full and writes nothing. */
#ifndef PCEMU_CPU_JIT_EMIT_H
#define PCEMU_CPU_JIT_EMIT_H

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

typedef struct Emit {
    uint8_t *p, *end;
    bool full;              /* the code did not fit: nothing of it may run */
} Emit;

/* Host registers by number (RSP 4 is never an operand here). */
enum { H_AX, H_CX, H_DX, H_BX, H_SP, H_BP, H_SI, H_DI, H_R8 };
#define H_NONE (-1)         /* no base or no index in a guest address */

/* Opcodes: up to two bytes, the high one first (0x0FAF); W64 asks for REX.W. */
#define W64 0x10000u

static inline void e8(Emit *e, uint32_t v)
{
    if (e->p < e->end)
        *e->p++ = (uint8_t)v;
    else
        e->full = true;
}
static inline void e32(Emit *e, uint32_t v)
{
    for (int k = 0; k < 4; k++)
        e8(e, v >> (8 * k));
}

/* Prefix 0x67 when a32, REX when needed (byte registers 4-7 need one to be SPL..DIL, which
 * is what `byte` asks for), then the opcode bytes. */
static inline void e_head(Emit *e, uint32_t op, int reg, int x, int b, bool a32, bool byte)
{
    if (a32)
        e8(e, 0x67);
    unsigned rex = (op & W64 ? 8 : 0) | (reg >= 8 ? 4 : 0) | (x >= 8 ? 2 : 0) | (b >= 8 ? 1 : 0);
    if (rex || (byte && ((reg >= 4 && reg < 8) || (b >= 4 && b < 8))))
        e8(e, 0x40 | rex);
    if (op & 0xff00)
        e8(e, op >> 8);
    e8(e, op);
}

/* op reg, rm (both registers; for a one-operand group, reg is the /digit). */
static inline void e_rr(Emit *e, uint32_t op, int reg, int rm)
{
    e_head(e, op, reg, 0, rm, false, false);
    e8(e, 0xc0 | (reg & 7) << 3 | (rm & 7));
}
/* The same for an opcode whose rm is a byte register (SETcc, MOVZX r32, r8). */
static inline void e_rr8(Emit *e, uint32_t op, int reg, int rm)
{
    e_head(e, op, reg, 0, rm, false, true);
    e8(e, 0xc0 | (reg & 7) << 3 | (rm & 7));
}

/* ModRM (and SIB, displacement) of reg with [base + index << scale + disp]: base a host
 * register; index H_NONE or a host register, not RSP's number. */
static inline void e_modrm(Emit *e, int reg, int base, int index, unsigned scale, int32_t disp)
{
    unsigned mod = disp == 0 && (base & 7) != 5 ? 0x00 : disp == (int8_t)disp ? 0x40 : 0x80;
    if (index == H_NONE && (base & 7) != 4) {
        e8(e, mod | (reg & 7) << 3 | (base & 7));
    } else {
        e8(e, mod | (reg & 7) << 3 | 4);
        e8(e, scale << 6 | (index == H_NONE ? 4 : index & 7) << 3 | (base & 7));
    }
    if (mod == 0x40)
        e8(e, (uint32_t)disp);
    else if (mod == 0x80)
        e32(e, (uint32_t)disp);
}

/* op reg, [base + disp] (base a host register). */
static inline void e_rm(Emit *e, uint32_t op, int reg, int base, int32_t disp)
{
    e_head(e, op, reg, 0, base, false, false);
    e_modrm(e, reg, base, H_NONE, 0, disp);
}

/* op reg, [base + index << scale + disp] with 32-bit address arithmetic; base or index may
 * be H_NONE, not both. */
static inline void e_ea(Emit *e, uint32_t op, int reg, int base, int index, unsigned scale,
                        uint32_t disp)
{
    e_head(e, op, reg, index == H_NONE ? 0 : index, base == H_NONE ? 0 : base, true, false);
    if (base != H_NONE) {
        e_modrm(e, reg, base, index, scale, (int32_t)disp);
        return;
    }
    e8(e, (reg & 7) << 3 | 4);                  /* [index << scale + disp32] */
    e8(e, scale << 6 | (index & 7) << 3 | 5);
    e32(e, disp);
}

/* op reg, [rip + disp32] addressing target, with imm bytes of immediate after the
 * displacement (RIP is the end of the instruction). */
static inline void e_rip(Emit *e, uint32_t op, int reg, const void *target, unsigned imm)
{
    e_head(e, op, reg, 0, 0, false, false);
    e8(e, (reg & 7) << 3 | 5);
    e32(e, (uint32_t)(int32_t)((const uint8_t *)target - (e->p + 4 + imm)));
}

/* mov r32, imm32 */
static inline void e_movi(Emit *e, int reg, uint32_t v)
{
    e_head(e, 0xb8 + (reg & 7), 0, 0, reg, false, false);
    e32(e, v);
}
/* mov r64, imm64 (a host pointer); reg one of the first eight */
static inline void e_movi64(Emit *e, int reg, uint64_t v)
{
    e8(e, 0x48), e8(e, 0xb8 + (reg & 7));
    e32(e, (uint32_t)v), e32(e, (uint32_t)(v >> 32));
}
/* mov dword [base + disp], imm32 */
static inline void e_movmi(Emit *e, int base, int32_t disp, uint32_t v)
{
    e_rm(e, 0xc7, 0, base, disp);
    e32(e, v);
}
/* A jump or Jcc with a 32-bit displacement still to be set (e_patch): returns where. */
static inline uint8_t *e_jcc(Emit *e, unsigned cc)
{
    e8(e, 0x0f);
    e8(e, 0x80 | cc);
    uint8_t *at = e->p;
    e32(e, 0);
    return e->full ? NULL : at;
}
static inline uint8_t *e_jmp(Emit *e)
{
    e8(e, 0xe9);
    uint8_t *at = e->p;
    e32(e, 0);
    return e->full ? NULL : at;
}
/* Points the displacement at `at` (from e_jcc or e_jmp) to target. */
static inline void e_patch(uint8_t *at, const uint8_t *target)
{
    if (!at)
        return;
    int32_t rel = (int32_t)(target - (at + 4));
    memcpy(at, &rel, 4);
}

#endif
