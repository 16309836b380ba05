/* fuzz_sse: random sequences of the SSE/SSE2/SSE3 floating-point opcodes (the 0F rows of
 * ops_sse_fp.c, with every mandatory prefix) on random XMM registers, MXCSR and memory must
 * end in defined results or guest exceptions (#UD, #NM, #GP, #XM), never an emulator crash
 * or sanitizer report, and two runs of one input must leave the same state: nothing may
 * depend on the host. 32-bit flat protected mode at ring 0, every vector a HLT.
 * Input: byte 0 CR0.EM/TS (bits 2-3) and CR4.OSFXSR/OSXMMEXCPT (bits 0-1, inverted: 0
 * enables), bytes 1-2 MXCSR, bytes 3-130 XMM0-7, bytes 131-258 the memory operands; then
 * instructions, four bytes each: the prefix (low 2 bits: none, 66, F3, F2) and opcode
 * (the rest, an index into the table), the ModRM byte (a memory form addresses the
 * operand area at the displacement, so misaligned operands come up), the displacement,
 * and an imm8 for CMPPS and SHUFPS. */
#include <stdlib.h>
#include <string.h>

#include "emu/hw/bus.h"
#include "emu/hw/clock.h"
#include "emu/cpu/cpu.h"
#include "tests/fuzz/fuzz_flat.h"

#define RAM (1u << 20)
#define CODE 0x10000
#define DATA 0x3000
#define HDR 259

static const uint8_t opcodes[] = {
    0x10, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17, 0x28, 0x29, 0x2a, 0x2b, 0x2c, 0x2d, 0x2e,
    0x2f, 0x50, 0x51, 0x52, 0x53, 0x54, 0x55, 0x56, 0x57, 0x58, 0x59, 0x5a, 0x5b, 0x5c, 0x5d,
    0x5e, 0x5f, 0x7c, 0x7d, 0xc2, 0xc6, 0xd0, 0xe6, 0xf0,
};
static const uint8_t prefixes[] = { 0x90, 0x66, 0xf3, 0xf2 };   /* 0x90: NOP, no prefix */

static Bus *bus;
static Clock clock;
static uint8_t *ram;
static Cpu *cpu;

static void hook(void *o, uint32_t pa, uint32_t len) { cpu_code_written(o, pa, len); }

static void assemble(const uint8_t *data, size_t size)
{
    uint32_t p = CODE;
    for (size_t k = HDR; k + 4 <= size && p < CODE + 0x4000; k += 4) {
        uint8_t a = data[k], m = data[k + 1];
        uint8_t op = opcodes[(a >> 2) % sizeof opcodes];
        ram[p++] = prefixes[a & 3];
        ram[p++] = 0x0f;
        ram[p++] = op;
        if (m >= 0xc0) {
            ram[p++] = m;
        } else {
            uint32_t disp = DATA + data[k + 2] / 2u;
            ram[p++] = (uint8_t)((m & 0x38) | 5);
            memcpy(ram + p, &disp, 4);
            p += 4;
        }
        if (op == 0xc2 || op == 0xc6)
            ram[p++] = data[k + 3];
    }
    ram[p] = 0xf4;
}

static void run_once(const uint8_t *data, size_t size, CpuState *out, uint8_t *mem)
{
    memset(ram, 0, RAM);
    cpu_reset(cpu);
    cpu_set_a20(cpu, true);
    CpuState *s = cpu_state(cpu);
    s->cr[0] |= (uint32_t)(data[0] & 0xc);
    s->cr[4] = (uint32_t)(~data[0] & 3) << 9;
    s->mxcsr = (uint32_t)(data[1] | data[2] << 8);
    memcpy(s->xmm, data + 3, 128);
    memcpy(ram + DATA, data + 131, 128);
    assemble(data, size);
    fuzz_flat32(ram, s, CODE);
    cpu_flush_all(cpu);
    cpu_run(cpu, 20000);
    *out = *s;
    memcpy(mem, ram + DATA, 0x1000);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < HDR)
        return 0;
    if (!bus) {   /* one machine for the run: the CPU's decode arena is large */
        bus = bus_new();
        clock_init(&clock, 0);
        ram = calloc(1, RAM);
        bus_map_ram(bus, 0, RAM, ram);
        cpu = cpu_new(bus, &clock);
        cpu_set_sse(cpu, true);
        bus_set_write_hook(bus, hook, cpu);
    }
    static CpuState a, b;
    static uint8_t ma[0x1000], mb[0x1000];
    run_once(data, size, &a, ma);
    run_once(data, size, &b, mb);
    if (memcmp(a.xmm, b.xmm, sizeof a.xmm) || a.mxcsr != b.mxcsr || a.eip != b.eip ||
        memcmp(a.regs, b.regs, sizeof a.regs) || a.eflags != b.eflags || memcmp(ma, mb, sizeof ma))
        abort();
    char buf[4096];
    cpu_format_registers(cpu, buf, sizeof buf);
    return 0;
}
