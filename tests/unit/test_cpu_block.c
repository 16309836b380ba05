/* test_cpu_block.c: the block executor's own paths (emu/cpu/exec_block.c): a jump to an
 * instruction of its own block, forms that skip flags no one sees, CF kept in the lazy
 * flags for ADC, SBB, INC and DEC, conditions read from them, and the budget ending
 * anywhere in such a loop, at the same count whatever the block size, REP inside blocks
 * too. The reference is the same program run one instruction per cpu_run, which runs each
 * instruction by its handler (block_exec_n), and a REP one iteration per run. */
#include "emu/cpu/cpu_int.h"
#include "tests/unit/cpu_test.h"

/* A loop whose edge and two forward jumps stay in its block, with ALU forms whose flags
 * the next ones overwrite (ADC, XOR, IMUL, INC, NEG) beside ones read by ADC, SBB, Jcc,
 * SETcc and CMOVcc. */
static const uint8_t loop_code[] = {
    0xb9, 0x28, 0x00, 0x00, 0x00,            /* 1000: mov ecx, 40 */
    0xb8, 0x78, 0x56, 0x34, 0x12,            /* 1005: mov eax, 0x12345678 */
    0xbb, 0xf0, 0xde, 0xbc, 0x9a,            /* 100a: mov ebx, 0x9abcdef0 */
    0x31, 0xd2,                              /* 100f: xor edx, edx */
    0xbe, 0x00, 0x30, 0x00, 0x00,            /* 1011: mov esi, 0x3000 */
    0x31, 0xff,                              /* 1016: xor edi, edi */
    0x01, 0xd8,                              /* 1018: l: add eax, ebx */
    0x11, 0xc2,                              /* 101a: adc edx, eax */
    0x31, 0xc8,                              /* 101c: xor eax, ecx */
    0x69, 0xd8, 0x6d, 0x4e, 0xc6, 0x41,      /* 101e: imul ebx, eax, 0x41c64e6d */
    0x81, 0xc3, 0x39, 0x30, 0x00, 0x00,      /* 1024: add ebx, 12345 */
    0x19, 0xca,                              /* 102a: sbb edx, ecx */
    0x89, 0x14, 0x8e,                        /* 102c: mov [esi + ecx*4], edx */
    0x39, 0xc2,                              /* 102f: cmp edx, eax */
    0x72, 0x04,                              /* 1031: jb skip */
    0x47,                                    /* 1033: inc edi */
    0x83, 0xef, 0x03,                        /* 1034: sub edi, 3 */
    0x0f, 0x92, 0xc2,                        /* 1037: skip: setb dl */
    0x0f, 0x4c, 0xc3,                        /* 103a: cmovl eax, ebx */
    0x8d, 0x6c, 0x58, 0x07,                  /* 103d: lea ebp, [eax + ebx*2 + 7] */
    0xf7, 0xdd,                              /* 1041: neg ebp */
    0xc1, 0xed, 0x03,                        /* 1043: shr ebp, 3 */
    0xf7, 0xc5, 0x01, 0x00, 0x00, 0x00,      /* 1046: test ebp, 1 */
    0x75, 0x03,                              /* 104c: jnz odd */
    0xc1, 0xc8, 0x05,                        /* 104e: ror eax, 5 */
    0x49,                                    /* 1051: odd: dec ecx */
    0x75, 0xc4,                              /* 1052: jnz l */
    0x9c,                                    /* 1054: pushf */
    0x5d,                                    /* 1055: pop ebp */
    0xf4,                                    /* 1056: hlt */
};

typedef struct Snap {
    uint32_t regs[8], eip, eflags;
    uint8_t mem[41 * 4];   /* the loop's stores at 0x3000 + 4 * ECX */
} Snap;

static void snap(T *t, Snap *s)
{
    memcpy(s->regs, S(t)->regs, sizeof s->regs);
    s->eip = S(t)->eip;
    s->eflags = S(t)->eflags;
    memcpy(s->mem, t->ram + 0x3000, sizeof s->mem);
}

static void snap_eq(const Snap *a, const Snap *b, uint64_t icount)
{
    for (int k = 0; k < 8; k++)
        ck_assert_msg(a->regs[k] == b->regs[k], "icount %llu: reg %d %08x, reference %08x",
                      (unsigned long long)icount, k, a->regs[k], b->regs[k]);
    ck_assert_msg(a->eip == b->eip, "icount %llu: eip %08x, reference %08x",
                  (unsigned long long)icount, a->eip, b->eip);
    ck_assert_msg(a->eflags == b->eflags, "icount %llu: eflags %08x, reference %08x",
                  (unsigned long long)icount, a->eflags, b->eflags);
    ck_assert(!memcmp(a->mem, b->mem, sizeof a->mem));
}

#define LOOP_MAX 1200   /* instructions of loop_code to its HLT, with room */

/* The state after each instruction of code, one instruction per cpu_run; returns the
 * count. */
static unsigned loop_reference(Snap *ref, const uint8_t *code, size_t len)
{
    T *t = t_new();
    t_flat(t, 0x1000, code, len);
    snap(t, &ref[0]);
    unsigned n = 0;
    for (;;) {
        int r = cpu_run(t->cpu, 1);
        ck_assert_uint_eq(t->clock.icount, n + 1);
        ck_assert_uint_lt(++n, LOOP_MAX);
        snap(t, &ref[n]);
        if (r == CPU_EXIT_HALT)
            break;
        ck_assert_int_eq(r, CPU_EXIT_BUDGET);
    }
    t_free(t);
    return n;
}

/* Runs code (n instructions to its HLT, ref: the state after each) with blocks of at most
 * block_max instructions and budgets drawn from seed: 1 + x % small, or % large for about
 * a quarter of them (small 0: one budget for all). Every run that the HLT does not end
 * counts exactly its budget, and the state is the reference's at its count, which goes
 * into ends[k] for run k (ends NULL: not kept; at most max_runs runs). Returns the runs. */
static unsigned budget_runs(const uint8_t *code, size_t len, const Snap *ref, unsigned n,
                            unsigned block_max, uint32_t seed, unsigned small, unsigned large,
                            uint64_t *ends, unsigned max_runs)
{
    T *t = t_new();
    t->cpu->block_max = (uint8_t)block_max;
    t_flat(t, 0x1000, code, len);
    uint32_t x = seed * 0x9e3779b9u;
    unsigned k = 0;
    for (;; k++) {
        x ^= x << 13; x ^= x >> 17; x ^= x << 5;
        uint64_t budget = small ? 1 + x % (x & 0x300 ? small : large) : 100000;
        uint64_t ic0 = t->clock.icount;
        int r = cpu_run(t->cpu, budget);
        uint64_t ic = t->clock.icount;
        ck_assert_uint_le(ic, n);
        ck_assert(r == CPU_EXIT_HALT ? ic <= ic0 + budget : ic == ic0 + budget);
        ck_assert_uint_lt(k, max_runs);
        if (ends)
            ends[k] = ic;
        Snap s;
        snap(t, &s);
        snap_eq(&s, &ref[ic], ic);
        if (r == CPU_EXIT_HALT)
            break;
        ck_assert_int_eq(r, CPU_EXIT_BUDGET);
    }
    ck_assert_uint_eq(t->clock.icount, n);
    t_free(t);
    return k + 1;
}

/* Whole blocks run inline with budgets that end anywhere (fixed seeds): after every
 * cpu_run the state is the reference's at the same count. */
START_TEST(test_cpu_block_loop_matches_one_instruction_per_run_at_every_budget)
{
    static Snap ref[LOOP_MAX];
    unsigned n = loop_reference(ref, loop_code, sizeof loop_code);
    ck_assert_uint_eq(ref[n].regs[R_ECX], 0);
    ck_assert_uint_ne(ref[n].regs[R_EDI], 0);   /* both ways of the JB were taken */
    ck_assert_uint_ne(ref[n].regs[R_EDI] % 4, 0);
    unsigned checks = 0;
    /* mostly small budgets, some that take many rounds of the loop at once */
    for (uint32_t seed = 1; seed <= 40; seed++)
        checks += budget_runs(loop_code, sizeof loop_code, ref, n, BLOCK_MAX, seed,
                              seed == 1 ? 0 : 30, 300, NULL, LOOP_MAX);
    ck_assert_uint_gt(checks, 400);
}
END_TEST

/* A loop with a REP STOSD of 0 to 3 iterations between other instructions of its block. */
static const uint8_t rep_code[] = {
    0xbb, 0x14, 0x00, 0x00, 0x00,            /* 1000: mov ebx, 20 */
    0xbf, 0x00, 0x30, 0x00, 0x00,            /* 1005: mov edi, 0x3000 */
    0x31, 0xc0,                              /* 100a: xor eax, eax */
    0x89, 0xd9,                              /* 100c: l: mov ecx, ebx */
    0x83, 0xe1, 0x03,                        /* 100e: and ecx, 3 */
    0x40,                                    /* 1011: inc eax */
    0xf3, 0xab,                              /* 1012: rep stosd */
    0x01, 0xc8,                              /* 1014: add eax, ecx */
    0x83, 0xf0, 0x55,                        /* 1016: xor eax, 0x55 */
    0x4b,                                    /* 1019: dec ebx */
    0x75, 0xf0,                              /* 101a: jnz l */
    0xf4,                                    /* 101c: hlt */
};

/* The same budgets (fixed seeds) end at the same counts with blocks of at most 64, 7 and
 * 3 instructions: every run that the HLT does not end counts exactly its budget, though
 * a REP inside a block counts its iterations (the rest of the block must not run past the
 * budget), and the state is the reference's there. */
START_TEST(test_cpu_block_budget_ends_do_not_depend_on_the_block_size)
{
    static Snap ref[LOOP_MAX];
    unsigned n = loop_reference(ref, rep_code, sizeof rep_code);
    /* 8 a round; the REP counts its 30 iterations in 15 rounds, once in the 5 others */
    ck_assert_uint_eq(n, 3 + 20 * 8 + 30 - 15 + 1);
    static const unsigned sizes[] = { BLOCK_MAX, 7, 3 };
    enum { RUNS = 400 };
    static uint64_t ends[3][RUNS];
    unsigned checks = 0;
    for (uint32_t seed = 1; seed <= 20; seed++) {
        unsigned runs[3];
        for (unsigned z = 0; z < 3; z++)
            runs[z] = budget_runs(rep_code, sizeof rep_code, ref, n, sizes[z], seed, 12, 80,
                                  ends[z], RUNS);
        for (unsigned z = 1; z < 3; z++) {
            ck_assert_uint_eq(runs[z], runs[0]);
            for (unsigned k = 0; k < runs[0]; k++)
                ck_assert_uint_eq(ends[z][k], ends[0][k]);
        }
        checks += runs[0];
    }
    ck_assert_uint_gt(checks, 200);   /* budget ends, each at the three sizes */
}
END_TEST

/* ADD's flags reach a fault two instructions later, though the XOR after the load
 * overwrites them: the LEA between neither writes nor reads them, but the load may fault,
 * so ADD's form records them. */
START_TEST(test_cpu_block_flags_before_a_faulting_load_are_pushed)
{
    T *t = t_new();
    static const uint8_t code[] = {
        0xb8, 0xff, 0xff, 0xff, 0x7f,        /* 1000: mov eax, 0x7fffffff */
        0xbb, 0x01, 0x00, 0x00, 0x00,        /* 1005: mov ebx, 1 */
        0x01, 0xd8,                          /* 100a: add eax, ebx */
        0x8d, 0x50, 0x04,                    /* 100c: lea edx, [eax + 4] */
        0x8b, 0x0d, 0x00, 0x00, 0x05, 0x00,  /* 100f: mov ecx, [0x50000] */
        0x31, 0xf6,                          /* 1015: xor esi, esi */
        0xf4 };                              /* 1017: hlt */
    t_vectors_flat(t);
    t_flat(t, 0x1000, code, sizeof code);
    t_map_identity(t, 3, true);
    t_paging_on(t);
    ck_assert_int_eq(t_run(t, 100), 14);
    uint32_t sp = S(t)->regs[R_ESP];
    ck_assert_uint_eq(sp, 0x80000 - 16);
    ck_assert_uint_eq(t_rd32(t, sp + 4), 0x100f);   /* the load's EIP */
    /* 0x7fffffff + 1: OF SF AF PF, not CF ZF */
    ck_assert_uint_eq(t_rd32(t, sp + 12) & F_ARITH, F_OF | F_SF | F_AF | F_PF);
    ck_assert_uint_eq(S(t)->regs[R_EDX], 0x80000004);
    ck_assert_uint_eq(t->clock.icount, 4 + 1 + 1);   /* the load counts, as the HLT */
    t_free(t);
}
END_TEST

/* A loop that patches its own next round: its edge, a jump inside its block, must not run
 * the stale decoded instruction. */
START_TEST(test_cpu_block_loop_edge_after_a_store_into_its_block_runs_the_new_code)
{
    T *t = t_new();
    static const uint8_t code[] = {
        0xb9, 0x03, 0x00, 0x00, 0x00,              /* 1000: mov ecx, 3 */
        0x31, 0xc0,                                /* 1005: xor eax, eax */
        0x83, 0xc0, 0x01,                          /* 1007: l: add eax, 1 */
        0xc6, 0x05, 0x09, 0x10, 0x00, 0x00, 0x05,  /* 100a: mov byte [l + 2], 5 */
        0x49,                                      /* 1011: dec ecx */
        0x75, 0xf3,                                /* 1012: jnz l */
        0xf4 };                                    /* 1014: hlt */
    t_flat(t, 0x1000, code, sizeof code);
    ck_assert_int_eq(cpu_run(t->cpu, 100), CPU_EXIT_HALT);
    ck_assert_uint_eq(S(t)->regs[R_EAX], 1 + 5 + 5);
    ck_assert_uint_eq(t->clock.icount, 2 + 3 * 4 + 1);
    t_free(t);
}
END_TEST

/* Links stay valid across a change of privilege under flat code segments only for the
 * TLB set they were made under (invariant 2): a block on a user page that the kernel ran
 * forty times, jumping to a supervisor page, jumps there once more at CPL 3 after an IRET,
 * and that fetch faults (#PF, error code P | U), compiled or interpreted. */
START_TEST(test_cpu_block_kernel_links_are_not_followed_at_cpl_3)
{
    static const uint8_t ring0[] = {
        0x66, 0xb9, 0x28, 0x00,               /* 1000: mov cx, 0x28 */
        0x0f, 0x00, 0xd9,                     /* 1004: ltr cx */
        0xbe, 0x28, 0x00, 0x00, 0x00,         /* 1007: mov esi, 40 */
        0xe8, 0xef, 0x27, 0x00, 0x00,         /* 100c: k: call 0x3800 */
        0x4e,                                 /* 1011: dec esi */
        0x75, 0xf8,                           /* 1012: jnz k */
        0x6a, 0x23,                           /* push dword 0x23 */
        0x68, 0x00, 0x00, 0x06, 0x00,         /* push dword 0x60000 */
        0x6a, 0x02,                           /* push dword 2 (EFLAGS) */
        0x6a, 0x1b,                           /* push dword 0x1b */
        0x68, 0x00, 0x38, 0x00, 0x00,         /* push dword 0x3800 */
        0xcf };                               /* iretd */
    static const uint8_t user[] = { 0xe9, 0xfb, 0x17, 0x00, 0x00 };   /* 3800: jmp 0x5000 */
    for (int jit = 0; jit < 2; jit++) {
        T *t = t_new();
        t->cpu->jit = t->cpu->jit && jit;
        t->cpu->jit_hot = 1;
        t_ring3_tables(t, 0x67);
        memcpy(t->ram + 0x3800, user, sizeof user);
        t->ram[0x5000] = 0xc3;                /* ret, on a supervisor page */
        t_flat(t, 0x1000, ring0, sizeof ring0);
        t_map_identity(t, 7, false);
        t_wr32(t, 0x11000 + 4 * 5, 0x5000 | 3);
        t_paging_on(t);
        ck_assert_int_eq(t_run(t, 1000), 14);
        ck_assert_uint_eq(S(t)->cr[2], 0x5000);
        t_check_ring3_fault(t, 5, 0x5000, 0x60000);
        t_free(t);
    }
}
END_TEST

/* Memory operands under 16-bit addressing in 32-bit code wrap at 64 KiB (their handlers
 * run: the inline forms take 32-bit addresses only), though the TLB holds the page the
 * unwrapped address would name. */
START_TEST(test_cpu_block_16_bit_addresses_wrap_in_32_bit_code)
{
    T *t = t_new();
    static const uint8_t code[] = {
        0xbb, 0xf0, 0xff, 0x00, 0x00,        /* 1000: mov ebx, 0xfff0 */
        0xbe, 0x10, 0x30, 0x00, 0x00,        /* 1005: mov esi, 0x3010 */
        0x8b, 0x15, 0x00, 0x30, 0x01, 0x00,  /* 100a: mov edx, [0x13000] */
        0x89, 0x15, 0x00, 0x30, 0x01, 0x00,  /* 1010: mov [0x13000], edx */
        0x67, 0x8b, 0x00,                    /* 1016: mov eax, [bx + si] */
        0x67, 0x01, 0x00,                    /* 1019: add [bx + si], eax */
        0x67, 0x0f, 0xb7, 0x08,              /* 101c: movzx ecx, word [bx + si] */
        0xf4 };                              /* 1020: hlt */
    t_flat(t, 0x1000, code, sizeof code);
    t_wr32(t, 0x3000, 0x11223344);
    t_wr32(t, 0x13000, 0x55555555);
    ck_assert_int_eq(t_run(t, 100), -1);
    ck_assert_uint_eq(S(t)->regs[R_EAX], 0x11223344);
    ck_assert_uint_eq(t_rd32(t, 0x3000), 0x22446688);
    ck_assert_uint_eq(S(t)->regs[R_ECX], 0x6688);
    ck_assert_uint_eq(t_rd32(t, 0x13000), 0x55555555);
    t_free(t);
}
END_TEST

/* 32-bit PUSH, POP and RET on a 16-bit stack change SP only, which wraps (their handlers
 * run: the inline forms take a 32-bit stack only), though the TLB holds the stack's page. */
START_TEST(test_cpu_block_o32_stack_forms_on_a_16_bit_stack_wrap_sp)
{
    T *t = t_new();
    static const uint8_t code[] = {
        0x66, 0xbc, 0x00, 0x00, 0x01, 0x00,  /* 1000: mov esp, 0x10000 */
        0x66, 0xb8, 0xef, 0xbe, 0xad, 0xde,  /* 1006: mov eax, 0xdeadbeef */
        0x66, 0xa3, 0xf0, 0xff,              /* 100c: mov [0xfff0], eax */
        0x66, 0x8b, 0x16, 0xf0, 0xff,        /* 1010: mov edx, [0xfff0] */
        0x66, 0x50,                          /* 1015: push eax */
        0x66, 0x89, 0xe1,                    /* 1017: mov ecx, esp */
        0x66, 0x5b,                          /* 101a: pop ebx */
        0x66, 0x68, 0x25, 0x10, 0x00, 0x00,  /* 101c: push dword 0x1025 */
        0x66, 0xc3,                          /* 1022: ret */
        0xf4,                                /* 1024: hlt */
        0xf4 };                              /* 1025: hlt */
    t_real(t, 0x1000, code, sizeof code);
    ck_assert_int_eq(t_run(t, 100), -1);
    ck_assert_uint_eq(S(t)->eip, 0x1026);
    ck_assert_uint_eq(S(t)->regs[R_ECX], 0x1fffc);
    ck_assert_uint_eq(S(t)->regs[R_EBX], 0xdeadbeef);
    ck_assert_uint_eq(S(t)->regs[R_ESP], 0x10000);
    ck_assert_uint_eq(t_rd32(t, 0xfffc), 0x1025);
    t_free(t);
}
END_TEST

static Suite *cpu_block_suite(void)
{
    Suite *s = suite_create("cpu_block");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, test_cpu_block_loop_matches_one_instruction_per_run_at_every_budget);
    tcase_add_test(tc, test_cpu_block_budget_ends_do_not_depend_on_the_block_size);
    tcase_add_test(tc, test_cpu_block_flags_before_a_faulting_load_are_pushed);
    tcase_add_test(tc, test_cpu_block_loop_edge_after_a_store_into_its_block_runs_the_new_code);
    tcase_add_test(tc, test_cpu_block_16_bit_addresses_wrap_in_32_bit_code);
    tcase_add_test(tc, test_cpu_block_kernel_links_are_not_followed_at_cpl_3);
    tcase_add_test(tc, test_cpu_block_o32_stack_forms_on_a_16_bit_stack_wrap_sp);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *r = srunner_create(cpu_block_suite());
    srunner_run_all(r, CK_NORMAL);
    int failed = srunner_ntests_failed(r);
    srunner_free(r);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
