/* fuzz_simd: random MMX, SIMD-integer and FXSAVE/FXRSTOR instruction sequences (the 0F
 * rows of ops_mmx.c and ops_fxsr.c, under every mandatory prefix, register and memory
 * forms, with immediates) on random MMX registers must end in defined results or guest
 * exceptions, never an emulator crash or sanitizer report, and two runs of one input must
 * leave the same state: nothing may depend on the host. The CPU is QEMU's pentium2 with
 * MMX and FXSR, and SSE/SSE2 set in its CPUID words. Input: byte 0 the mode (bit 0: 16-bit real mode, else 32-bit flat
 * protected) and CR0.MP/EM/TS/NE (bits 1-4), byte 1 bit 0 CR4.OSFXSR, bytes 5-84 the
 * eight x87/MMX registers (bytes 2-4 unused: fuzz_x87's layout), bytes 85-212 the memory
 * operands; then instructions, four bytes each: the
 * 0F opcode's second byte (one of the SIMD rows' opcodes, by the byte's value mod 0x53),
 * the prefix (low 2 bits: none, 66, F3, F2), the ModRM byte (a
 * memory form addresses the operand area at imm8 * 8, so 16-byte aligned half the time)
 * and the imm8. */
#include <stdlib.h>
#include <string.h>

#include "emu/hw/bus.h"
#include "emu/hw/clock.h"
#include "emu/cpu/cpu.h"
#include "tests/fuzz/fuzz_flat.h"

#define RAM (1u << 20)
#define CODE 0x10000
#define DATA 0x3000
#define HDR 213

static Bus *bus;
static Clock clock;
static uint8_t *ram;
static Cpu *cpu;

static void hook(void *o, uint32_t pa, uint32_t len) { cpu_code_written(o, pa, len); }

/* Builds the program for data at CODE; returns its end. */
static uint32_t assemble(const uint8_t *data, size_t size, bool real)
{
    static const uint8_t pfx[4] = { 0, 0x66, 0xf3, 0xf2 };
    /* the 0F opcodes of the SIMD rows (and their undefined neighbours), never RDTSC and
     * the like, whose results are the host run's clock */
    static uint8_t ops[0x53];
    for (unsigned k = 0; k < 0x20; k++)
        ops[k] = (uint8_t)(0x60 + k);
    for (unsigned k = 0; k < 0x30; k++)
        ops[0x20 + k] = (uint8_t)(0xd0 + k);
    ops[0x50] = 0xae; ops[0x51] = 0xc4; ops[0x52] = 0xc5;
    uint32_t p = CODE;
    for (size_t k = HDR; k + 4 <= size && p < CODE + 0x4000; k += 4) {
        uint8_t op = ops[data[k] % 0x53], f = data[k + 1], m = data[k + 2], d = data[k + 3];
        if (f & 3)
            ram[p++] = pfx[f & 3];
        ram[p++] = 0x0f;
        ram[p++] = op;
        if (m >= 0xc0) {
            ram[p++] = m;
        } else {
            uint32_t disp = DATA + d * 8u;
            ram[p++] = (uint8_t)((m & 0x38) | (real ? 6 : 5));
            ram[p++] = (uint8_t)disp;
            ram[p++] = (uint8_t)(disp >> 8);
            if (!real) {
                ram[p++] = 0;
                ram[p++] = 0;
            }
        }
        ram[p++] = d;   /* the imm8 of the forms that have one; else the next opcode's prefix */
    }
    ram[p++] = 0xf4;
    return p;
}

static void run_once(const uint8_t *data, size_t size, CpuState *out, uint8_t *mem)
{
    memset(ram, 0, RAM);
    cpu_reset(cpu);
    cpu_set_a20(cpu, true);
    bool real = data[0] & 1;
    CpuState *s = cpu_state(cpu);
    s->cr[0] |= (uint32_t)(data[0] & 0x1e);
    s->cr[4] = (data[1] & 1) ? 0x200 : 0;
    fuzz_load_fpregs(s, data + 5);
    memcpy(ram + DATA, data + 85, 128);
    assemble(data, size, real);
    /* every vector: a HLT at 0x9000 (real mode IVT, or a flat IDT) */
    ram[0x9000] = 0xf4;
    if (real) {
        for (int v = 0; v < 32; v++) {
            ram[v * 4 + 0] = 0x00; ram[v * 4 + 1] = 0x90;
            ram[v * 4 + 2] = 0; ram[v * 4 + 3] = 0;
        }
        s->segs[R_CS] = (CpuSeg){ .selector = CODE >> 4, .base = CODE, .limit = 0xffff, .flags = 0x9b00 };
        s->eip = 0;
        s->regs[R_ESP] = 0x7000;
    } else {
        fuzz_flat32(ram, s, CODE);
    }
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
        CpuModel m;
        if (cpu_model_parse("pentium2,-apic,-pae,-mce,-mca,-de,-pse36,-hypervisor", &m, NULL) < 0)
            abort();
        /* SSE and SSE2 on, which no -cpu can give before pcemu has their floating point:
         * the SSE integer forms on MMX and the SSE2 forms on XMM registers run too */
        m.feat[CPU_FEAT_1_EDX] |= CPUID_SSE | CPUID_SSE2;
        cpu_set_model(cpu, &m);
        bus_set_write_hook(bus, hook, cpu);
    }
    static CpuState a, b;
    static uint8_t ma[0x1000], mb[0x1000];
    run_once(data, size, &a, ma);
    run_once(data, size, &b, mb);
    if (!fuzz_same_x87(&a, &b) || a.eip != b.eip || memcmp(a.regs, b.regs, sizeof a.regs) ||
        memcmp(a.xmm, b.xmm, sizeof a.xmm) || a.mxcsr != b.mxcsr || memcmp(ma, mb, sizeof ma))
        abort();
    char buf[4096];
    cpu_format_registers(cpu, buf, sizeof buf);
    return 0;
}
