/* fuzz_flat.h: what fuzz_x87, fuzz_sse and fuzz_simd share: 32-bit flat protected mode at ring 0 with
 * every vector 0-31 a HLT at 0x9000 (a flat GDT at 0x800, the IDT at 0x400), code at
 * code, ESP 0x70000; the x87 registers from the input; and their comparison. */
#ifndef PCEMU_TESTS_FUZZ_FLAT_H
#define PCEMU_TESTS_FUZZ_FLAT_H

#include <stdbool.h>
#include <string.h>

#include "emu/cpu/cpu.h"

static inline void fuzz_flat32(uint8_t *ram, CpuState *s, uint32_t code)
{
    static const uint8_t gdt[24] = { 0, 0, 0, 0, 0, 0, 0, 0,
        0xff, 0xff, 0, 0, 0, 0x9b, 0xcf, 0,  0xff, 0xff, 0, 0, 0, 0x93, 0xcf, 0 };
    memcpy(ram + 0x800, gdt, sizeof gdt);
    ram[0x9000] = 0xf4;
    for (int v = 0; v < 32; v++) {
        uint8_t *g = ram + 0x400 + v * 8;
        g[0] = 0x00; g[1] = 0x90; g[2] = 0x08; g[5] = 0x8e;
    }
    s->gdt = (CpuSeg){ .base = 0x800, .limit = 23 };
    s->idt = (CpuSeg){ .base = 0x400, .limit = 32 * 8 - 1 };
    s->cr[0] |= 1;
    for (int k = 0; k < 6; k++)
        s->segs[k] = (CpuSeg){ .selector = k == R_CS ? 8 : 0x10, .base = 0, .limit = 0xffffffffu,
                               .flags = k == R_CS ? 0xcf9b00 : 0xcf9300 };
    s->eip = code;
    s->regs[R_ESP] = 0x70000;
}

/* The eight x87 registers from 80 input bytes (64-bit significand, 16-bit sign/exponent). */
static inline void fuzz_load_fpregs(CpuState *s, const uint8_t *d)
{
    for (int k = 0; k < 8; k++) {
        memcpy(&s->fpregs[k].mant, d + 10 * k, 8);
        memcpy(&s->fpregs[k].exp, d + 8 + 10 * k, 2);
    }
}

/* The x87 state of two runs is the same: field by field, since CpuFpReg's padding
 * carries no state (a memcmp of it flagged equal runs). */
static inline bool fuzz_same_x87(const CpuState *a, const CpuState *b)
{
    for (int k = 0; k < 8; k++)
        if (a->fpregs[k].mant != b->fpregs[k].mant || a->fpregs[k].exp != b->fpregs[k].exp)
            return false;
    return a->fpus == b->fpus && a->fpuc == b->fpuc && a->fptag == b->fptag;
}

#endif
