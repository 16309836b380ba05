/* fuzz_x87: random x87 instruction sequences on random register files must end in defined
 * results or guest exceptions, never an emulator crash or sanitizer report, and two runs
 * of one input must leave the same state (registers, status, memory): nothing may depend
 * on the host. Input: byte 0 the mode (bit 0: 16-bit real mode, else 32-bit flat
 * protected) and CR0.MP/EM/TS/NE (bits 1-4), bytes 1-2 the control word, byte 3 the tags,
 * byte 4 TOP, bytes 5-84 the eight registers, bytes 85-212 the memory operands; then
 * instructions, three bytes each: the escape (0xD8 + low 3 bits, or FWAIT when the top 5
 * bits are set), the ModRM byte (a memory form addresses the operand area at the
 * displacement third byte * 8) and the displacement. */
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
    uint32_t p = CODE;
    for (size_t k = HDR; k + 3 <= size && p < CODE + 0x4000; k += 3) {
        uint8_t a = data[k], m = data[k + 1], d = data[k + 2];
        if (a >= 0xf8) {
            ram[p++] = 0x9b;
            continue;
        }
        ram[p++] = (uint8_t)(0xd8 | (a & 7));
        if (m >= 0xc0) {
            ram[p++] = m;
            continue;
        }
        uint32_t disp = DATA + d * 8u;
        ram[p++] = (uint8_t)((m & 0x38) | (real ? 6 : 5));
        ram[p++] = (uint8_t)disp;
        ram[p++] = (uint8_t)(disp >> 8);
        if (!real) {
            ram[p++] = 0;
            ram[p++] = 0;
        }
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
    s->fpuc = (uint16_t)(data[1] | data[2] << 8);
    s->fptag = data[3];
    s->fpus = (uint16_t)((data[4] & 7) << 11);
    fuzz_load_fpregs(s, data + 5);
    memcpy(ram + DATA, data + 85, 128);
    assemble(data, size, real);
    /* every vector: a HLT at 0x9000 (real mode IVT, or a flat IDT) */
    if (real) {
        ram[0x9000] = 0xf4;
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
        cpu_set_fpu(cpu, true);
        bus_set_write_hook(bus, hook, cpu);
    }
    static CpuState a, b;
    static uint8_t ma[0x1000], mb[0x1000];
    run_once(data, size, &a, ma);
    run_once(data, size, &b, mb);
    if (!fuzz_same_x87(&a, &b) || a.eip != b.eip || memcmp(a.regs, b.regs, sizeof a.regs) ||
        memcmp(ma, mb, sizeof ma))
        abort();
    char buf[4096];
    cpu_format_registers(cpu, buf, sizeof buf);
    return 0;
}
