/* cpu_test.h: a bare x86 machine for the CPU unit tests (test_cpu.c, test_cpu_*.c): 2 MiB
 * of RAM at 0, one I/O port (0x80) that reads 0x5a and records writes, the INTR line driven
 * by T.pending, and the bus write hook that invalidates decoded code.
 *
 * Exception catching (t_vectors_real / t_vectors_flat): vector v goes to 0x2000 + v, where
 * a HLT sits, so after cpu_run() returns CPU_EXIT_HALT, t_vector() names the vector taken
 * (EIP = 0x2000 + v + 1) or -1 when the program's own HLT stopped it. Real mode: the IVT
 * at 0; protected mode: a flat GDT at 0x500 (0x08 code, 0x10 data, both 4 GiB, DPL 0) and
 * 32-bit interrupt gates in an IDT at 0x600. Code under test lives at 0x1000, scratch
 * memory at 0x3000, the real-mode stack below 0xF000, the flat one below 0x80000.
 * Everything is static inline so each test program takes only what it uses. */
#ifndef PCEMU_TESTS_UNIT_CPU_TEST_H
#define PCEMU_TESTS_UNIT_CPU_TEST_H

#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "emu/hw/bus.h"
#include "emu/hw/clock.h"
#include "emu/cpu/cpu.h"

#define RAM_SIZE 0x200000u
#define T_VEC_BASE 0x2000u   /* vector v's handler: a HLT at T_VEC_BASE + v */
#define T_IDT 0x600u
#define T_GDT 0x500u

/* EFLAGS bits (cpu_int.h has them too, for a test that includes it first) */
#ifndef PCEMU_CPU_CPU_INT_H
#define F_CF 0x001u
#define F_PF 0x004u
#define F_AF 0x010u
#define F_ZF 0x040u
#define F_SF 0x080u
#define F_TF 0x100u
#define F_IF 0x200u
#define F_DF 0x400u
#define F_OF 0x800u
#define F_ARITH (F_CF | F_PF | F_AF | F_ZF | F_SF | F_OF)
#endif

typedef struct T {
    Bus *bus;
    Clock clock;
    Cpu *cpu;
    uint8_t *ram;
    int pending;            /* vector for the INTR line, -1 none */
    uint64_t io_icount;     /* clock->icount seen by the port handler */
    uint32_t io_last;       /* last value written to port 0x80 */
} T;

static inline uint32_t t_port_rd(void *o, uint32_t off, unsigned size) { return 0x5a; }
static inline void t_port_wr(void *o, uint32_t off, uint32_t v, unsigned size)
{
    T *t = o;
    t->io_icount = t->clock.icount;
    t->io_last = v;
}
static inline int t_ack(void *o)
{
    T *t = o;
    int v = t->pending;
    t->pending = -1;
    cpu_set_intr(t->cpu, false);
    return v;
}
static inline void t_hook(void *o, uint32_t pa, uint32_t len) { cpu_code_written(((T *)o)->cpu, pa, len); }

static inline T *t_new(void)
{
    T *t = calloc(1, sizeof *t);
    t->bus = bus_new();
    clock_init(&t->clock, 0);
    t->ram = calloc(1, RAM_SIZE);
    bus_map_ram(t->bus, 0, RAM_SIZE, t->ram);
    t->cpu = cpu_new(t->bus, &t->clock);
    t->pending = -1;
    bus_map_io(t->bus, 0x80, 1, t, t_port_rd, t_port_wr, IO_SIZE_ALL);
    bus_set_write_hook(t->bus, t_hook, t);
    cpu_set_intr_ack(t->cpu, t_ack, t);
    return t;
}
static inline void t_free(T *t)
{
    cpu_free(t->cpu);
    bus_free(t->bus);
    free(t->ram);
    free(t);
}
static inline CpuState *S(T *t) { return cpu_state(t->cpu); }

/* Real mode, CS = 0, code at addr (< 64 KiB), SS:SP = 0:0xF000. */
static inline void t_real(T *t, uint32_t addr, const void *code, size_t n)
{
    memcpy(t->ram + addr, code, n);
    CpuState *s = cpu_state(t->cpu);
    s->segs[R_CS].selector = 0;
    s->segs[R_CS].base = 0;
    s->eip = addr;
    s->regs[R_ESP] = 0xf000;
    cpu_flush_all(t->cpu);
}

/* 32-bit flat protected mode at CPL 0 (no GDT needed until a segment is loaded). */
static inline void t_flat(T *t, uint32_t addr, const void *code, size_t n)
{
    memcpy(t->ram + addr, code, n);
    CpuState *s = cpu_state(t->cpu);
    s->cr[0] |= 1;
    for (int k = 0; k < 6; k++)
        s->segs[k] = (CpuSeg){ .selector = k == R_CS ? 8 : 0x10, .base = 0, .limit = 0xffffffffu,
                               .flags = k == R_CS ? 0xcf9b00 : 0xcf9300 };
    s->eip = addr;
    s->regs[R_ESP] = 0x80000;
    cpu_flush_all(t->cpu);
}

/* A 32-bit interrupt gate (DPL 0, selector 0x08) for vector vec in the IDT at idt. */
static inline void t_idt_gate(T *t, uint32_t idt, int vec, uint32_t handler)
{
    uint8_t *g = t->ram + idt + vec * 8;
    g[0] = (uint8_t)handler; g[1] = (uint8_t)(handler >> 8);
    g[2] = 0x08; g[3] = 0;
    g[4] = 0; g[5] = 0x8e;
    g[6] = (uint8_t)(handler >> 16); g[7] = (uint8_t)(handler >> 24);
}
/* Null, flat code 0x08, flat data 0x10 at gdt; GDTR points there. */
static inline void t_gdt_flat(T *t, uint32_t gdt)
{
    static const uint8_t d[24] = { 0, 0, 0, 0, 0, 0, 0, 0,
        0xff, 0xff, 0, 0, 0, 0x9b, 0xcf, 0,  0xff, 0xff, 0, 0, 0, 0x93, 0xcf, 0 };
    memcpy(t->ram + gdt, d, sizeof d);
    S(t)->gdt.base = gdt;
    S(t)->gdt.limit = 23;
}

/* Writes the 8-byte descriptor base/limit/access/flags (flags: G D/B in the high nibble)
 * into GDT slot sel >> 3 at T_GDT, growing the GDT limit to cover it. */
static inline void t_gdt_set(T *t, uint16_t sel, uint32_t base, uint32_t limit, uint8_t access,
                             uint8_t flags)
{
    uint8_t *d = t->ram + T_GDT + (sel & ~7u);
    d[0] = (uint8_t)limit; d[1] = (uint8_t)(limit >> 8);
    d[2] = (uint8_t)base; d[3] = (uint8_t)(base >> 8); d[4] = (uint8_t)(base >> 16);
    d[5] = access;
    d[6] = (uint8_t)((flags & 0xf0) | ((limit >> 16) & 0x0f));
    d[7] = (uint8_t)(base >> 24);
    if (S(t)->gdt.limit < (sel & ~7u) + 7u)
        S(t)->gdt.limit = (sel & ~7u) + 7u;
}

/* Real mode: every vector 0..31 -> 0:T_VEC_BASE + v (a HLT). */
static inline void t_vectors_real(T *t)
{
    for (uint32_t v = 0; v < 32; v++) {
        uint32_t h = T_VEC_BASE + v;
        t->ram[v * 4] = (uint8_t)h; t->ram[v * 4 + 1] = (uint8_t)(h >> 8);
        t->ram[v * 4 + 2] = 0; t->ram[v * 4 + 3] = 0;
        t->ram[h] = 0xf4;
    }
}
/* Protected mode: flat GDT at T_GDT, IDT at T_IDT with every vector 0..31 -> T_VEC_BASE + v. */
static inline void t_vectors_flat(T *t)
{
    t_gdt_flat(t, T_GDT);
    for (uint32_t v = 0; v < 32; v++) {
        t_idt_gate(t, T_IDT, (int)v, T_VEC_BASE + v);
        t->ram[T_VEC_BASE + v] = 0xf4;
    }
    S(t)->idt.base = T_IDT;
    S(t)->idt.limit = 32 * 8 - 1;
}

/* Runs up to max instructions; requires a HLT stop. Returns the vector whose handler
 * halted (see the header), or -1 for the program's own HLT. */
static inline int t_run(T *t, uint64_t max)
{
    ck_assert_int_eq(cpu_run(t->cpu, max), CPU_EXIT_HALT);
    uint32_t eip = S(t)->eip;
    if (S(t)->segs[R_CS].base == 0 && eip > T_VEC_BASE && eip <= T_VEC_BASE + 32)
        return (int)(eip - T_VEC_BASE - 1);
    return -1;
}

static inline void t_wr32(T *t, uint32_t a, uint32_t v);
/* Identity paging of 0-4 MiB: page directory at 0x10000, page table at 0x11000, every PTE
 * with pte_flags; page 0x50 (0x50000) not present when absent50. Paging is not enabled. */
static inline void t_map_identity(T *t, uint32_t pte_flags, bool absent50)
{
    t_wr32(t, 0x10000, 0x11000 | pte_flags);
    for (uint32_t k = 0; k < 1024; k++)
        t_wr32(t, 0x11000 + 4 * k, k << 12 | pte_flags);
    if (absent50)
        t_wr32(t, 0x11000 + 4 * 0x50, 0);
}
/* Turns paging on with CR3 = 0x10000 (see t_map_identity). */
static inline void t_paging_on(T *t)
{
    S(t)->cr[3] = 0x10000;
    S(t)->cr[0] |= 0x80000000u;
    cpu_flush_all(t->cpu);
}

static inline uint32_t t_rd32(T *t, uint32_t a)
{
    return t->ram[a] | t->ram[a + 1] << 8 | t->ram[a + 2] << 16 | (uint32_t)t->ram[a + 3] << 24;
}
static inline uint16_t t_rd16(T *t, uint32_t a) { return (uint16_t)(t->ram[a] | t->ram[a + 1] << 8); }
static inline void t_wr32(T *t, uint32_t a, uint32_t v)
{
    for (int k = 0; k < 4; k++)
        t->ram[a + k] = (uint8_t)(v >> 8 * k);
}
static inline void t_wr16(T *t, uint32_t a, uint16_t v)
{
    t->ram[a] = (uint8_t)v;
    t->ram[a + 1] = (uint8_t)(v >> 8);
}

/* Ring 3 harness. GDT: 0x08/0x10 ring-0 flat code/data, 0x1B/0x23 ring-3 flat code/data,
 * 0x28 a 32-bit TSS at 0x4100 (ESP0 0x70000, SS0 0x10) whose I/O bitmap (offset 0x68)
 * covers ports 0-0xFF and allows only port 0x80. The ring-0 code at 0x1000 loads TR and
 * IRETs to 0x1800 at CPL 3 with EFLAGS = eflags; there the instructions under test run,
 * then UD2. Paging, if wanted, is set up before. Returns the vector taken (6: the UD2
 * reached; 13: #GP; 14: #PF). */
/* The ring-3 harness's tables: the flat GDT and vectors, 0x1B/0x23 ring-3 flat code/data,
 * 0x28 the TSS at 0x4100 (limit tss_limit) with ESP0 0x70000 and SS0 0x10. */
static inline void t_ring3_tables(T *t, uint32_t tss_limit)
{
    t_vectors_flat(t);
    t_gdt_set(t, 0x18, 0, 0xfffff, 0xfb, 0xc0);
    t_gdt_set(t, 0x20, 0, 0xfffff, 0xf3, 0xc0);
    t_gdt_set(t, 0x28, 0x4100, tss_limit, 0x89, 0x00);
    t_wr32(t, 0x4100 + 4, 0x70000);
    t_wr32(t, 0x4100 + 8, 0x10);
}
static inline int t_ring3_run(T *t, const uint8_t *insn, size_t n, uint32_t eflags)
{
    static const uint8_t ring0[] = {
        0x66, 0xb9, 0x28, 0x00,               /* mov cx, 0x28 */
        0x0f, 0x00, 0xd9,                     /* ltr cx */
        0x6a, 0x23,                           /* push dword 0x23 */
        0x68, 0x00, 0x00, 0x06, 0x00,         /* push dword 0x60000 */
        0xff, 0x35, 0xfc, 0x3f, 0x00, 0x00,   /* push dword [0x3ffc] */
        0x6a, 0x1b,                           /* push dword 0x1b */
        0x68, 0x00, 0x18, 0x00, 0x00,         /* push dword 0x1800 */
        0xcf };                               /* iretd */
    t_ring3_tables(t, 0x68 + 32);
    t_wr16(t, 0x4100 + 0x66, 0x68);
    memset(t->ram + 0x4100 + 0x68, 0xff, 33);
    t->ram[0x4100 + 0x68 + 0x80 / 8] = 0xfe;
    t_wr32(t, 0x3ffc, eflags);
    memcpy(t->ram + 0x1800, insn, n);
    t->ram[0x1800 + n] = 0x0f;
    t->ram[0x1800 + n + 1] = 0x0b;
    t_flat(t, 0x1000, ring0, sizeof ring0);
    return t_run(t, 1000);
}
/* The ring-0 frame after a fault at CPL 3: error code, EIP, CS, EFLAGS, ESP, SS. */
static inline void t_check_ring3_fault(T *t, uint32_t err, uint32_t eip, uint32_t esp3)
{
    uint32_t esp = S(t)->regs[R_ESP];
    ck_assert_uint_eq(esp, 0x70000 - 24);
    ck_assert_uint_eq(t_rd32(t, esp), err);
    ck_assert_uint_eq(t_rd32(t, esp + 4), eip);
    ck_assert_uint_eq(t_rd32(t, esp + 8), 0x1b);
    ck_assert_uint_eq(t_rd32(t, esp + 16), esp3);
    ck_assert_uint_eq(t_rd32(t, esp + 20), 0x23);
}

/* A result record: programs built on records end each case with
 * "pushfd; stosd; xchg eax, edx; stosd; pop eax; stosd", storing EAX, EDX and EFLAGS as
 * 12 bytes at ES:(E)DI (T_REC16 / T_REC32: those bytes for 16- / 32-bit code). Each mask selects the bits the SDM defines for that case (flags the
 * SDM leaves undefined are masked out). */
#define T_REC16 0x66, 0x9c, 0x66, 0xab, 0x66, 0x92, 0x66, 0xab, 0x66, 0x58, 0x66, 0xab
#define T_REC32 0x9c, 0xab, 0x92, 0xab, 0x58, 0xab
typedef struct TRec {
    uint32_t eax_mask, eax, edx_mask, edx, flags_mask, flags;
    const char *what;   /* the case's instructions, for the failure message */
} TRec;
static inline void t_check_recs(T *t, uint32_t at, const TRec *r, size_t n)
{
    for (size_t k = 0; k < n; k++, at += 12) {
        uint32_t eax = t_rd32(t, at), edx = t_rd32(t, at + 4), fl = t_rd32(t, at + 8);
        ck_assert_msg((eax & r[k].eax_mask) == r[k].eax && (edx & r[k].edx_mask) == r[k].edx &&
                      (fl & r[k].flags_mask) == r[k].flags,
                      "case %zu (%s): EAX %08x EDX %08x EFLAGS %08x, want %08x/%08x %08x/%08x %08x/%08x",
                      k, r[k].what, eax, edx, fl, r[k].eax, r[k].eax_mask, r[k].edx, r[k].edx_mask,
                      r[k].flags, r[k].flags_mask);
    }
}

/* A real-mode record program: code at 0x1000 on a fresh harness, run to its HLT, its
 * records at 0x3000 checked against want. */
static inline void t_real_recs(const uint8_t *code, size_t len, const TRec *want, size_t n)
{
    T *t = t_new();
    t_real(t, 0x1000, code, len);
    ck_assert_int_eq(t_run(t, 10000), -1);
    t_check_recs(t, 0x3000, want, n);
    t_free(t);
}

/* The same for a flat 32-bit protected-mode program (t_flat, t_vectors_flat). */
static inline void t_flat_recs(const uint8_t *code, size_t len, const TRec *want, size_t n)
{
    T *t = t_new();
    t_flat(t, 0x1000, code, len);
    t_vectors_flat(t);
    ck_assert_int_eq(t_run(t, 10000), -1);
    t_check_recs(t, 0x3000, want, n);
    t_free(t);
}

/* Runs a test program's main on one suite. */
static inline int t_main(Suite *s)
{
    SRunner *r = srunner_create(s);
    srunner_run_all(r, CK_NORMAL);
    int failed = srunner_ntests_failed(r);
    srunner_free(r);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

#endif
