/* fuzz_flat.h: what fuzz_x87, fuzz_sse and fuzz_simd share: 32-bit flat protected mode at ring 0 with
 * every vector 0-31 a HLT at 0x9000 (a flat GDT at 0x800, the IDT at 0x400), code at
 * code, ESP 0x70000. */
#ifndef PCEMU_TESTS_FUZZ_FLAT_H
#define PCEMU_TESTS_FUZZ_FLAT_H

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

#endif
