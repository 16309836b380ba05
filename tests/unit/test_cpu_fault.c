/* test_cpu_fault.c: exceptions on a bare CPU + RAM machine (cpu_test.h): #UD for opcodes
 * pcemu does not implement (no MMX/SSE/SYSCALL/FXSR/XSAVE on this CPU) and for LOCK on
 * instructions the SDM does not list as lockable, #NM for x87 opcodes under CR0.EM/TS, and
 * faults that leave registers and memory as before the faulting instruction (a REP MOVSB
 * restarts where the fault stopped it). Expected values follow the SDM. XXX: QEMU 7.2 TCG
 * runs EMMS without MMX, 0F 0D (a prefetch on later CPUs) and LOCK MOV / LOCK BT instead of
 * raising #UD (checked as -bios images); pcemu follows the SDM there. */
#include "cpu_test.h"

/* Runs insn (then HLT) in flat 32-bit CPL 0 with EDI = 0x3100; returns the vector taken. */
static int run_flat(T *t, const uint8_t *insn, size_t n)
{
    uint8_t code[16];
    ck_assert_uint_lt(n, sizeof code);
    memcpy(code, insn, n);
    code[n] = 0xf4;
    t_vectors_flat(t);
    t_flat(t, 0x1000, code, n + 1);
    S(t)->regs[R_EAX] = 0x11111111;
    S(t)->regs[R_EDI] = 0x3100;
    t_wr32(t, 0x3100, 0x5a5a5a5a);
    return t_run(t, 100);
}

/* The #UD/#NM/#GP frame at CPL 0 without error code: EIP = the faulting instruction. */
static void check_fault_at_start(T *t)
{
    ck_assert_uint_eq(S(t)->regs[R_ESP], 0x80000 - 12);
    ck_assert_uint_eq(t_rd32(t, 0x80000 - 12), 0x1000);
    ck_assert_uint_eq(S(t)->regs[R_EAX], 0x11111111);
    ck_assert_uint_eq(t_rd32(t, 0x3100), 0x5a5a5a5a);
}

typedef struct Op { uint8_t b[8]; uint8_t n; const char *what; } Op;

START_TEST(test_cpu_unimplemented_opcodes_raise_ud)
{
    static const Op ops[] = {
        { { 0x0f, 0x0b }, 2, "ud2" },
        { { 0x0f, 0xff, 0x07 }, 3, "ud0" },
        { { 0x0f, 0xb9, 0x07 }, 3, "ud1" },
        { { 0x0f, 0x05 }, 2, "syscall (no SYSCALL in CPUID)" },
        { { 0x0f, 0x07 }, 2, "sysret" },
        { { 0x0f, 0x77 }, 2, "emms (no MMX)" },
        { { 0x0f, 0x6f, 0xc1 }, 3, "movq mm0, mm1 (no MMX)" },
        { { 0x0f, 0x10, 0xc1 }, 3, "movups xmm0, xmm1 (no SSE)" },
        { { 0x0f, 0x38, 0x00, 0xc1 }, 4, "pshufb (no SSSE3)" },
        { { 0x0f, 0xae, 0x07 }, 3, "fxsave [edi] (no FXSR)" },
        { { 0x0f, 0x01, 0xd0 }, 3, "xgetbv (no XSAVE)" },
        { { 0x0f, 0x0f, 0xc1, 0x00 }, 4, "3DNow!" },
        { { 0x0f, 0x0d, 0x07 }, 3, "0F 0D (prefetch on later CPUs)" },
        { { 0x0f, 0xa6 }, 2, "0F A6" },
        { { 0x0f, 0x37 }, 2, "getsec" },
        { { 0x0f, 0xc7, 0xc9 }, 3, "cmpxchg8b with a register operand" },
        { { 0x8d, 0xc1 }, 2, "lea eax, ecx" },
        { { 0x8c, 0xf0 }, 2, "mov eax, seg 6" },
        { { 0x8e, 0xc8 }, 2, "mov cs, eax" },
        { { 0xc4, 0xc1 }, 2, "les eax, ecx" },
        { { 0xc5, 0xc1 }, 2, "lds eax, ecx" },
        { { 0x0f, 0xb2, 0xc1 }, 3, "lss eax, ecx" },
        { { 0xff, 0xd8 }, 2, "call far eax" },
        { { 0xff, 0xff }, 2, "ff /7" },
        { { 0xfe, 0xd0 }, 2, "fe /2" },
        { { 0x0f, 0x00, 0xf0 }, 3, "0f 00 /6" },
        { { 0x0f, 0x01, 0xe8 }, 3, "0f 01 /5 (register)" },
        { { 0x0f, 0x20, 0xc8 }, 3, "mov eax, cr1" },
        { { 0x0f, 0x22, 0xe8 }, 3, "mov cr5, eax" },
        { { 0x0f, 0x21, 0xe0 }, 3, "mov eax, dr4 (CR4.DE = 0: reads DR6)" },
    };
    /* the last one is not #UD without CR4.DE: it reads DR6, checked below */
    size_t n_ud = sizeof ops / sizeof ops[0] - 1;
    for (size_t k = 0; k < n_ud; k++) {
        T *t = t_new();
        ck_assert_msg(run_flat(t, ops[k].b, ops[k].n) == 6, "%s: no #UD", ops[k].what);
        check_fault_at_start(t);
        t_free(t);
    }
    T *t = t_new();
    ck_assert_int_eq(run_flat(t, ops[n_ud].b, ops[n_ud].n), -1);
    ck_assert_uint_eq(S(t)->regs[R_EAX], 0xffff0ff0);
    t_free(t);
    /* ARPL is #UD outside protected mode */
    t = t_new();
    t_vectors_real(t);
    static const uint8_t arpl[] = { 0x63, 0xc1, 0xf4 };
    t_real(t, 0x1000, arpl, sizeof arpl);
    ck_assert_int_eq(t_run(t, 10), 6);
    ck_assert_uint_eq(t_rd16(t, 0xf000 - 6), 0x1000);
    t_free(t);
}
END_TEST

START_TEST(test_cpu_lock_prefix_only_on_lockable_memory_forms)
{
    static const Op bad[] = {
        { { 0xf0, 0x90 }, 2, "lock nop" },
        { { 0xf0, 0x89, 0x07 }, 3, "lock mov [edi], eax" },
        { { 0xf0, 0x0f, 0xa3, 0x07 }, 4, "lock bt [edi], eax" },
        { { 0xf0, 0x40 }, 2, "lock inc eax" },
        { { 0xf0, 0x01, 0xc0 }, 3, "lock add eax, eax" },
        { { 0xf0, 0x39, 0x07 }, 3, "lock cmp [edi], eax" },
        { { 0xf0, 0x85, 0x07 }, 3, "lock test [edi], eax" },
        { { 0xf0, 0x8b, 0x07 }, 3, "lock mov eax, [edi]" },
    };
    for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++) {
        T *t = t_new();
        ck_assert_msg(run_flat(t, bad[k].b, bad[k].n) == 6, "%s: no #UD", bad[k].what);
        check_fault_at_start(t);
        t_free(t);
    }
    static const struct { Op op; uint32_t mem; } good[] = {
        { { { 0xf0, 0x01, 0x07 }, 3, "lock add [edi], eax" }, 0x6b6b6b6b },
        { { { 0xf0, 0x0f, 0xab, 0x07 }, 4, "lock bts [edi], eax (bit 17)" }, 0x5a5a5a5a | 1u << 17 },
        { { { 0xf0, 0x87, 0x07 }, 3, "lock xchg [edi], eax" }, 0x11111111 },
        { { { 0xf0, 0xff, 0x07 }, 3, "lock inc dword [edi]" }, 0x5a5a5a5b },
        { { { 0xf0, 0xf7, 0x17 }, 3, "lock not dword [edi]" }, 0xa5a5a5a5 },
        { { { 0xf0, 0x0f, 0xc1, 0x07 }, 4, "lock xadd [edi], eax" }, 0x6b6b6b6b },
        { { { 0xf0, 0x0f, 0xb1, 0x07 }, 4, "lock cmpxchg [edi], eax (not equal)" }, 0x5a5a5a5a },
        { { { 0xf0, 0x83, 0x37, 0x0f }, 4, "lock xor dword [edi], 15" }, 0x5a5a5a55 },
    };
    for (size_t k = 0; k < sizeof good / sizeof good[0]; k++) {
        T *t = t_new();
        ck_assert_msg(run_flat(t, good[k].op.b, good[k].op.n) == -1, "%s faulted", good[k].op.what);
        ck_assert_msg(t_rd32(t, 0x3100) == good[k].mem, "%s: %08x", good[k].op.what, t_rd32(t, 0x3100));
        t_free(t);
    }
}
END_TEST

/* No FPU (CPUID.1:EDX.FPU = 0): CR0.EM = 1 makes x87 opcodes #NM; with EM = 0, TS = 1 makes
 * them #NM too; WAIT faults only when TS and MP are both set. */
START_TEST(test_cpu_fpu_opcodes_follow_cr0_em_ts_mp)
{
    static const uint8_t fld1[] = { 0xd9, 0xe8 }, wait[] = { 0x9b };
    static const struct { const uint8_t *b; size_t n; uint32_t cr0_bits; int vec; } c[] = {
        { fld1, 2, 0x4, 7 },         /* EM */
        { fld1, 2, 0x8, 7 },         /* TS */
        { fld1, 2, 0xc, 7 },         /* EM TS */
        { wait, 1, 0xa, 7 },         /* TS MP */
        { wait, 1, 0x8, -1 },        /* TS alone: WAIT runs */
        { wait, 1, 0x4, -1 },        /* EM alone: WAIT runs */
    };
    for (size_t k = 0; k < sizeof c / sizeof c[0]; k++) {
        T *t = t_new();
        S(t)->cr[0] = (S(t)->cr[0] & ~0xeu) | c[k].cr0_bits;
        ck_assert_msg(run_flat(t, c[k].b, c[k].n) == c[k].vec, "case %zu", k);
        if (c[k].vec == 7)
            check_fault_at_start(t);
        t_free(t);
    }
}
END_TEST

/* ---- faults leave no side effect ---- */

/* Flat CPL 0 with identity paging (page 0x50 absent) and code at 0x1000. */
static T *paged(const uint8_t *code, size_t n)
{
    T *t = t_new();
    t_vectors_flat(t);
    t_map_identity(t, 3, true);
    t_flat(t, 0x1000, code, n);
    t_paging_on(t);
    return t;
}
/* The #PF frame at CPL 0: error code, EIP, CS, EFLAGS below ESP 0x80000 - pushed. */
#define check_pf(t, pushed, cr2, err, eip) check_pf_at(t, pushed, cr2, err, eip, __LINE__)
static void check_pf_at(T *t, uint32_t pushed, uint32_t cr2, uint32_t err, uint32_t eip, int line)
{
    uint32_t esp = S(t)->regs[R_ESP];
    ck_assert_uint_eq(esp, 0x80000 - pushed - 16);
    ck_assert_uint_eq(S(t)->cr[2], cr2);
    ck_assert_msg(t_rd32(t, esp) == err, "line %d: error code %u, want %u", line, t_rd32(t, esp), err);
    ck_assert_uint_eq(t_rd32(t, esp + 4), eip);
}

/* A #PF on the first byte of page 5 stops REP MOVSB after 16 iterations with ESI, EDI and
 * ECX at that point and EIP at the REP; once the page is present the same instruction
 * finishes the copy. */
START_TEST(test_cpu_page_fault_inside_rep_movsb_is_restartable)
{
    static const uint8_t code[] = {
        0xbe, 0x00, 0x30, 0x00, 0x00,         /* mov esi, 0x3000 */
        0xbf, 0xf0, 0x4f, 0x00, 0x00,         /* mov edi, 0x4ff0 */
        0xb9, 0x20, 0x00, 0x00, 0x00,         /* mov ecx, 0x20 */
        0xfc,                                 /* cld */
        0xf3, 0xa4,                           /* 1010: rep movsb */
        0xf4 };
    T *t = paged(code, sizeof code);
    for (int k = 0; k < 0x20; k++)
        t->ram[0x3000 + k] = (uint8_t)(0x80 + k);
    t_wr32(t, 0x11000 + 4 * 5, 0);   /* page 5 absent */
    cpu_flush_all(t->cpu);
    ck_assert_int_eq(t_run(t, 1000), 14);
    check_pf(t, 0, 0x5000, 2, 0x1010);
    ck_assert_uint_eq(S(t)->regs[R_ECX], 0x10);
    ck_assert_uint_eq(S(t)->regs[R_ESI], 0x3010);
    ck_assert_uint_eq(S(t)->regs[R_EDI], 0x5000);
    ck_assert_mem_eq(t->ram + 0x4ff0, t->ram + 0x3000, 16);
    ck_assert_uint_eq(t->ram[0x5000], 0);
    /* map page 5, "return" to the pushed EIP, run the REP again */
    t_wr32(t, 0x11000 + 4 * 5, 0x5000 | 3);
    S(t)->eip = t_rd32(t, S(t)->regs[R_ESP] + 4);
    S(t)->regs[R_ESP] += 16;
    S(t)->halted = 0;
    cpu_flush_all(t->cpu);
    ck_assert_int_eq(t_run(t, 1000), -1);
    ck_assert_uint_eq(S(t)->regs[R_ECX], 0);
    ck_assert_mem_eq(t->ram + 0x4ff0, t->ram + 0x3000, 0x20);
    t_free(t);
}
END_TEST

START_TEST(test_cpu_faulting_stack_and_memory_instructions_change_nothing)
{
    /* POP to an absent page: ESP keeps the popped slot */
    static const uint8_t pop[] = {
        0x68, 0x44, 0x33, 0x22, 0x11,         /* push dword 0x11223344 */
        0x8f, 0x05, 0xfc, 0x0f, 0x05, 0x00,   /* 1005: pop dword [0x50ffc] */
        0xf4 };
    T *t = paged(pop, sizeof pop);
    ck_assert_int_eq(t_run(t, 100), 14);
    check_pf(t, 4, 0x50ffc, 2, 0x1005);
    ck_assert_uint_eq(t_rd32(t, 0x80000 - 4), 0x11223344);
    t_free(t);
    /* PUSH from an absent page: nothing pushed */
    static const uint8_t push[] = {
        0xff, 0x35, 0x00, 0x00, 0x05, 0x00,   /* push dword [0x50000] */
        0xf4 };
    t = paged(push, sizeof push);
    ck_assert_int_eq(t_run(t, 100), 14);
    check_pf(t, 0, 0x50000, 0, 0x1000);
    t_free(t);
    /* a dword store across a page boundary into an absent page writes neither half */
    static const uint8_t split[] = {
        0xb8, 0xdd, 0xcc, 0xbb, 0xaa,         /* mov eax, 0xaabbccdd */
        0xa3, 0xfe, 0xff, 0x04, 0x00,         /* 1005: mov [0x4fffe], eax */
        0xf4 };
    t = paged(split, sizeof split);
    ck_assert_int_eq(t_run(t, 100), 14);
    check_pf(t, 0, 0x50000, 2, 0x1005);
    ck_assert_uint_eq(t_rd16(t, 0x4fffe), 0);
    t_free(t);
    /* XCHG with an absent page: the register keeps its value; XCHG with memory is a locked
     * read-modify-write, so the fault is reported as a write (W = 1) */
    static const uint8_t xchg[] = {
        0xb8, 0x78, 0x56, 0x34, 0x12,         /* mov eax, 0x12345678 */
        0x87, 0x05, 0x00, 0x00, 0x05, 0x00,   /* 1005: xchg [0x50000], eax */
        0xf4 };
    t = paged(xchg, sizeof xchg);
    ck_assert_int_eq(t_run(t, 100), 14);
    check_pf(t, 0, 0x50000, 2, 0x1005);
    ck_assert_uint_eq(S(t)->regs[R_EAX], 0x12345678);
    t_free(t);
    /* ADD to a read-only page with CR0.WP: memory and flags (CF = 1 from STC) unchanged */
    static const uint8_t add[] = {
        0xb8, 0x10, 0x00, 0x00, 0x00,         /* mov eax, 0x10 */
        0xf9,                                 /* stc */
        0x01, 0x05, 0x00, 0x40, 0x00, 0x00,   /* 1006: add [0x4000], eax */
        0xf4 };
    t = paged(add, sizeof add);
    t_wr32(t, 0x11000 + 4 * 4, 0x4000 | 1);   /* page 4 read-only */
    t_wr32(t, 0x4000, 0xfffffff0);
    S(t)->cr[0] |= 0x10000;                   /* WP */
    cpu_flush_all(t->cpu);
    ck_assert_int_eq(t_run(t, 100), 14);
    check_pf(t, 0, 0x4000, 3, 0x1006);
    ck_assert_uint_eq(t_rd32(t, 0x4000), 0xfffffff0);
    ck_assert_uint_eq(t_rd32(t, S(t)->regs[R_ESP] + 12) & F_ARITH, F_CF);
    t_free(t);
}
END_TEST

/* PUSH at CPL 3 onto an absent page: #PF (user, write, not present) taken on the ring-0
 * stack from the TSS, with the ring-3 ESP in the frame unchanged. */
START_TEST(test_cpu_push_at_cpl3_to_an_absent_page_keeps_esp)
{
    static const uint8_t code[] = {
        0xbc, 0x00, 0x10, 0x05, 0x00,         /* 1800: mov esp, 0x51000 */
        0xb8, 0x05, 0x00, 0x00, 0x00,         /* mov eax, 5 */
        0x50 };                               /* 180a: push eax */
    T *t = t_new();
    t_map_identity(t, 7, true);
    t_paging_on(t);
    ck_assert_int_eq(t_ring3_run(t, code, sizeof code, 0x2), 14);
    t_check_ring3_fault(t, 6, 0x180a, 0x51000);
    ck_assert_uint_eq(S(t)->cr[2], 0x50ffc);
    t_free(t);
}
END_TEST

/* A far CALL to a not-present code segment: #NP with the selector as error code, before
 * anything is pushed. */
START_TEST(test_cpu_far_call_to_a_not_present_segment_raises_np_and_pushes_nothing)
{
    static const uint8_t code[] = {
        0x9a, 0x00, 0x20, 0x00, 0x00, 0x38, 0x00,   /* call 0x38:0x2000 */
        0xf4 };
    T *t = t_new();
    t_vectors_flat(t);
    t_gdt_set(t, 0x38, 0, 0xfffff, 0x1b, 0xc0);   /* code, DPL 0, P = 0 */
    t_flat(t, 0x1000, code, sizeof code);
    ck_assert_int_eq(t_run(t, 100), 11);
    ck_assert_uint_eq(S(t)->regs[R_ESP], 0x80000 - 16);
    ck_assert_uint_eq(t_rd32(t, 0x80000 - 16), 0x38);
    ck_assert_uint_eq(t_rd32(t, 0x80000 - 12), 0x1000);
    ck_assert_uint_eq(t_rd32(t, 0x80000 - 8), 0x08);
    t_free(t);
}
END_TEST

/* Segment register loads check the descriptor before anything changes: the fault's error
 * code is the selector (0 for a null SS) and the register keeps its old value. */
START_TEST(test_cpu_segment_loads_fault_with_the_selector_and_change_nothing)
{
    static const struct { uint16_t sel; uint8_t modrm; int vec; uint32_t err; } c[] = {
        { 0x38, 0xd8, 11, 0x38 },     /* mov ds: data, not present: #NP */
        { 0x40, 0xd8, 13, 0x40 },     /* mov ds: execute-only code: #GP */
        { 0x1000, 0xd8, 13, 0x1000 }, /* mov ds: beyond the GDT limit */
        { 0x43, 0xd8, -1, 0 },        /* mov ds: readable code, RPL 3 <= DPL 3: loads */
        { 0x00, 0xd8, -1, 0 },        /* mov ds: null loads */
        { 0x00, 0xd0, 13, 0 },        /* mov ss: null: #GP(0) */
        { 0x48, 0xd0, 13, 0x48 },     /* mov ss: read-only data */
        { 0x50, 0xd0, 12, 0x50 },     /* mov ss: writable data, not present: #SS */
        { 0x5b, 0xd0, 13, 0x58 },     /* mov ss: DPL 3 data at CPL 0 (RPL 3) */
    };
    for (size_t k = 0; k < sizeof c / sizeof c[0]; k++) {
        uint8_t code[] = {
            0x66, 0xb8, (uint8_t)c[k].sel, (uint8_t)(c[k].sel >> 8),   /* mov ax, sel */
            0x8e, c[k].modrm,                                         /* 1004: mov ds/ss, ax */
            0xf4 };
        T *t = t_new();
        t_vectors_flat(t);
        t_gdt_set(t, 0x38, 0, 0xfffff, 0x13, 0xc0);   /* data, P = 0 */
        t_gdt_set(t, 0x48, 0, 0xfffff, 0x91, 0xc0);   /* data, read-only */
        t_gdt_set(t, 0x50, 0, 0xfffff, 0x13, 0xc0);   /* data, writable, P = 0 */
        t_gdt_set(t, 0x58, 0, 0xfffff, 0xf3, 0xc0);   /* data DPL 3 */
        /* code: execute-only DPL 0, or (case 0x43) readable DPL 3 */
        t_gdt_set(t, 0x40, 0, 0xfffff, c[k].sel == 0x43 ? 0xfb : 0x99, 0xc0);
        t_flat(t, 0x1000, code, sizeof code);
        int seg = c[k].modrm == 0xd8 ? R_DS : R_SS;
        ck_assert_msg(t_run(t, 10) == c[k].vec, "case %zu", k);
        if (c[k].vec < 0) {
            ck_assert_uint_eq(S(t)->segs[seg].selector, c[k].sel);
        } else {
            ck_assert_uint_eq(S(t)->segs[seg].selector, 0x10);
            ck_assert_uint_eq(S(t)->regs[R_ESP], 0x80000 - 16);
            ck_assert_msg(t_rd32(t, 0x80000 - 16) == c[k].err, "case %zu: error code %x", k,
                          t_rd32(t, 0x80000 - 16));
            ck_assert_uint_eq(t_rd32(t, 0x80000 - 12), 0x1004);
        }
        t_free(t);
    }
}
END_TEST

static Suite *fault_suite(void)
{
    Suite *s = suite_create("cpu_fault");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, test_cpu_unimplemented_opcodes_raise_ud);
    tcase_add_test(tc, test_cpu_lock_prefix_only_on_lockable_memory_forms);
    tcase_add_test(tc, test_cpu_fpu_opcodes_follow_cr0_em_ts_mp);
    tcase_add_test(tc, test_cpu_page_fault_inside_rep_movsb_is_restartable);
    tcase_add_test(tc, test_cpu_faulting_stack_and_memory_instructions_change_nothing);
    tcase_add_test(tc, test_cpu_push_at_cpl3_to_an_absent_page_keeps_esp);
    tcase_add_test(tc, test_cpu_far_call_to_a_not_present_segment_raises_np_and_pushes_nothing);
    tcase_add_test(tc, test_cpu_segment_loads_fault_with_the_selector_and_change_nothing);
    suite_add_tcase(s, tc);
    return s;
}

int main(void) { return t_main(fault_suite()); }
