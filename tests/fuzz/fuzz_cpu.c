/* fuzz_cpu: random instruction bytes at every privilege level and mode must end in guest
 * exceptions or defined results, never an emulator crash, hang or sanitizer report; and the
 * CPU that compiles blocks (emu/cpu/jit.c, here the first time a block leaves) must end
 * every run exactly where the one that only interprets does: registers, flags, lazy flags,
 * instruction count and RAM (a difference aborts).
 * Input: byte 0 selects the mode (real, 16-bit or 32-bit protected at ring 0, ring 3,
 * virtual-8086, paging on or off); bytes 1..64 become part of the GDT (after fixed valid
 * descriptors) and the IDT's first vectors; the rest is code at 0x10000. */
#include <stdlib.h>
#include <string.h>

#include "emu/hw/bus.h"
#include "emu/hw/clock.h"
#include "emu/cpu/cpu_int.h"

#define RAM (2u << 20)
#define GDT 0x800
#define IDT 0x0
#define PD 0x20000
#define CODE 0x10000

static void hook(void *o, uint32_t pa, uint32_t len) { cpu_code_written(o, pa, len); }
static uint32_t io_rd(void *o, uint32_t off, unsigned size) { return 0x12345678u; }
static void io_wr(void *o, uint32_t off, uint32_t v, unsigned size) { }
static int ack(void *o) { return 0x20; }

static void desc(uint8_t *p, uint32_t base, uint32_t limit, uint8_t access, uint8_t flags)
{
    p[0] = (uint8_t)limit; p[1] = (uint8_t)(limit >> 8);
    p[2] = (uint8_t)base; p[3] = (uint8_t)(base >> 8); p[4] = (uint8_t)(base >> 16);
    p[5] = access;
    p[6] = (uint8_t)(((limit >> 16) & 15) | (flags << 4));
    p[7] = (uint8_t)(base >> 24);
}

/* One machine per CPU kind (a fuzzer-only shortcut: creating the CPU's 8 MiB decode arena
 * per input would dominate); each input starts from reset and clean RAM. */
typedef struct Fm {
    Bus *bus;
    Clock clock;
    uint8_t *ram;
    Cpu *c;
} Fm;

static void fm_init(Fm *m, bool jit)
{
    m->bus = bus_new();
    clock_init(&m->clock, 0);
    m->ram = calloc(1, RAM);
    bus_map_ram(m->bus, 0, RAM, m->ram);
    bus_map_io(m->bus, 0, 0x10000, NULL, io_rd, io_wr, IO_SIZE_ALL);
    m->c = cpu_new(m->bus, &m->clock);
    bus_set_write_hook(m->bus, hook, m->c);
    cpu_set_intr_ack(m->c, ack, NULL);
    m->c->jit = m->c->jit && jit;
    m->c->jit_hot = 1;
    m->c->jit_run_min = 1;
}

/* The machine of the input, in mode data[0], and its run; returns the last exit. */
static int fm_run(Fm *m, const uint8_t *data, size_t size)
{
    uint8_t mode = data[0];
    uint8_t *ram = m->ram;
    Cpu *c = m->c;
    memset(ram, 0, RAM);
    cpu_reset(c);
    cpu_set_intr(c, false);
    cpu_set_a20(c, true);
    size_t hdr = MIN(size - 1, (size_t)64);
    /* IDT: fuzz bytes for the first vectors, then gates to a HLT at 0x9000 */
    for (int v = 0; v < 256; v++) {
        uint8_t *g = ram + IDT + v * 8;
        g[0] = 0x00; g[1] = 0x90; g[2] = 0x08; g[3] = 0; g[4] = 0; g[5] = 0xee; g[6] = 0; g[7] = 0;
    }
    memcpy(ram + IDT, data + 1, hdr / 2);
    ram[0x9000] = 0xf4;
    /* GDT: null, code32, data32, code16, data16, code32 DPL3, data32 DPL3, TSS, then fuzz */
    desc(ram + GDT + 0x08, 0, 0xfffff, 0x9a, 0xc);
    desc(ram + GDT + 0x10, 0, 0xfffff, 0x92, 0xc);
    desc(ram + GDT + 0x18, 0, 0xffff, 0x9a, 0x0);
    desc(ram + GDT + 0x20, 0, 0xffff, 0x92, 0x0);
    desc(ram + GDT + 0x28, 0, 0xfffff, 0xfa, 0xc);
    desc(ram + GDT + 0x30, 0, 0xfffff, 0xf2, 0xc);
    desc(ram + GDT + 0x38, 0x3000, 0x2068, 0x89, 0x0);
    memcpy(ram + GDT + 0x40, data + 1 + hdr / 2, hdr - hdr / 2);
    uint32_t *tss = (uint32_t *)(ram + 0x3000);
    tss[1] = 0x8000; tss[2] = 0x10;
    memcpy(ram + CODE, data + 1 + hdr, size - 1 - hdr);
    CpuState *s = cpu_state(c);
    s->gdt.base = GDT; s->gdt.limit = 0x40 + (uint32_t)(hdr - hdr / 2) - 1;
    s->idt.base = IDT; s->idt.limit = (mode & 0x40) ? 0x3ff : 0x7ff;
    s->tr = (CpuSeg){ .selector = 0x38, .base = 0x3000, .limit = 0x2068, .flags = 0x8b00 };
    s->regs[R_ESP] = 0x7000;
    switch (mode & 7) {
    case 0: case 1:   /* real mode (1: big real) */
        s->segs[R_CS] = (CpuSeg){ .selector = CODE >> 4, .base = CODE, .limit = 0xffff, .flags = 0x9b00 };
        if (mode & 1) s->segs[R_DS].limit = 0xffffffffu;
        s->eip = 0;
        break;
    case 2: case 3: case 4: case 5: {   /* protected: 32-bit ring 0, 16-bit ring 0, 32-bit ring 3, paging */
        bool r3 = (mode & 7) == 4, b16 = (mode & 7) == 3;
        s->cr[0] |= 1;
        uint32_t cf = b16 ? 0x9b00 : (r3 ? 0xcffb00 : 0xcf9b00), df = b16 ? 0x9300 : (r3 ? 0xcff300 : 0xcf9300);
        for (int k = 0; k < 6; k++)
            s->segs[k] = (CpuSeg){ .selector = k == R_CS ? (b16 ? 0x18 : r3 ? 0x2b : 0x08) : (b16 ? 0x20 : r3 ? 0x33 : 0x10),
                                   .base = 0, .limit = b16 ? 0xffff : 0xffffffffu, .flags = k == R_CS ? cf : df };
        s->eip = CODE;
        if ((mode & 7) == 5) {
            uint32_t *pd = (uint32_t *)(ram + PD);
            pd[0] = 0x87;                         /* 4 MiB page, user, writable */
            pd[1] = (PD + 0x1000) | 7;            /* a page table of fuzz-derived entries */
            for (int k = 0; k < 1024; k++)
                ((uint32_t *)(ram + PD + 0x1000))[k] = (uint32_t)k * 0x1000 * (data[k % size] & 1) | (data[(k * 7) % size] & 7);
            s->cr[4] = 0x10;
            s->cr[3] = PD;
            s->cr[0] |= 0x80000000u | ((mode & 8) ? 0x10000 : 0);
        }
        break;
    }
    default:   /* virtual-8086 */
        s->cr[0] |= 1;
        s->eflags |= 0x20000 | ((mode & 8) ? 0x3000 : 0);
        for (int k = 0; k < 6; k++)
            s->segs[k] = (CpuSeg){ .selector = CODE >> 4, .base = CODE, .limit = 0xffff, .flags = 0xf300 };
        s->eip = 0;
        break;
    }
    if (mode & 0x80)
        s->eflags |= 0x200;
    cpu_flush_all(c);
    if (mode & 0x20)
        cpu_set_intr(c, true);
    int r = 0;
    for (int k = 0; k < 4; k++) {
        r = cpu_run(c, 200);
        if (r == CPU_EXIT_SHUTDOWN || r == CPU_EXIT_HALT)
            break;
    }
    return r;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2)
        return 0;
    static Fm m[2];
    if (!m[0].bus) {
        fm_init(&m[0], true);
        fm_init(&m[1], false);
    }
    int r0 = fm_run(&m[0], data, size), r1 = fm_run(&m[1], data, size);
    const Cpu *a = m[0].c, *b = m[1].c;
    if (r0 != r1 || memcmp(&a->s, &b->s, sizeof a->s) || memcmp(&a->lf, &b->lf, sizeof a->lf) ||
        m[0].clock.icount != m[1].clock.icount || memcmp(m[0].ram, m[1].ram, RAM))
        abort();   /* the compiled code went elsewhere than the interpreter */
    char buf[4096];
    cpu_format_registers(m[0].c, buf, sizeof buf);
    return 0;
}
