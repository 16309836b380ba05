/* test_cpu.c: the x86 interpreter on a bare machine (RAM, no devices): instruction groups
 * with expected registers, flags, memory and exceptions; precise faults; interrupts and
 * the STI shadow; HLT; triple fault; paging; self-modifying code and DMA invalidation;
 * exact icount during I/O; and the 'cpu' / 'cpu_common' VMS tables against QEMU 7.2's
 * vmdesc JSON (qemu-7.2-pc-i440fx-vmdesc.json, copied below), round trip and truncation. */
#include "snapshot/format/stream.h"
#include "snapshot/format/vmstate.h"
#include "cpu_test.h"

/* ---- instruction groups ---- */

START_TEST(test_cpu_add_sub_set_every_arithmetic_flag)
{
    T *t = t_new();
    static const uint8_t code[] = {
        0x66, 0xb8, 0xff, 0xff, 0xff, 0x7f,   /* mov eax, 0x7fffffff */
        0x66, 0x83, 0xc0, 0x01,               /* add eax, 1: OF SF AF PF, no CF */
        0x9c, 0x5b,                           /* pushf; pop bx */
        0x66, 0x2d, 0x00, 0x00, 0x00, 0x80,   /* sub eax, 0x80000000: ZF PF */
        0x9c, 0x59,                           /* pushf; pop cx */
        0xf4 };
    t_real(t, 0x1000, code, sizeof code);
    ck_assert_int_eq(cpu_run(t->cpu, 100), CPU_EXIT_HALT);
    ck_assert_uint_eq(S(t)->regs[R_EAX], 0);
    ck_assert_uint_eq(S(t)->regs[R_EBX] & 0x8d5, 0x800 | 0x80 | 0x10 | 0x04);
    ck_assert_uint_eq(S(t)->regs[R_ECX] & 0x8d5, 0x40 | 0x04);
    t_free(t);
}
END_TEST

START_TEST(test_cpu_mul_div_and_divide_error_is_a_fault)
{
    T *t = t_new();
    /* IVT 0 -> 0:0x2000 (HLT) */
    t->ram[0] = 0x00; t->ram[1] = 0x20; t->ram[2] = 0; t->ram[3] = 0;
    t->ram[0x2000] = 0xf4;
    static const uint8_t code[] = {
        0x66, 0xb8, 0x00, 0x00, 0x01, 0x00,   /* mov eax, 0x10000 */
        0x66, 0xbb, 0x03, 0x00, 0x00, 0x00,   /* mov ebx, 3 */
        0x66, 0xf7, 0xe3,                     /* mul ebx: 0x30000 */
        0x66, 0x31, 0xd2,                     /* xor edx, edx */
        0x66, 0xf7, 0xf3,                     /* div ebx: 0x10000 */
        0x31, 0xdb,                           /* xor bx, bx */
        0xf6, 0xf3,                           /* div bl: #DE */
        0xf4 };
    t_real(t, 0x1000, code, sizeof code);
    ck_assert_int_eq(cpu_run(t->cpu, 100), CPU_EXIT_HALT);
    ck_assert_uint_eq(S(t)->regs[R_EAX], 0x10000);
    ck_assert_uint_eq(S(t)->eip, 0x2001);
    /* the pushed IP is the DIV itself */
    ck_assert_uint_eq(t->ram[0xf000 - 6] | t->ram[0xf000 - 5] << 8, 0x1000 + 23);
    t_free(t);
}
END_TEST

START_TEST(test_cpu_shifts_rotates_and_shld)
{
    T *t = t_new();
    static const uint8_t code[] = {
        0x66, 0xb8, 0x01, 0x00, 0x00, 0x80,   /* mov eax, 0x80000001 */
        0x66, 0xd1, 0xc0,                     /* rol eax, 1: 3, CF=1 */
        0x66, 0x89, 0xc3,                     /* mov ebx, eax */
        0x66, 0xc1, 0xf8, 0x1f,               /* sar eax, 31: 0 */
        0x66, 0xba, 0x78, 0x56, 0x34, 0x12,   /* mov edx, 0x12345678 */
        0x66, 0x0f, 0xa4, 0xd3, 0x08,         /* shld ebx, edx, 8: 0x312 */
        0xf4 };
    t_real(t, 0x1000, code, sizeof code);
    ck_assert_int_eq(cpu_run(t->cpu, 100), CPU_EXIT_HALT);
    ck_assert_uint_eq(S(t)->regs[R_EAX], 0);
    ck_assert_uint_eq(S(t)->regs[R_EBX], 0x312);
    t_free(t);
}
END_TEST

START_TEST(test_cpu_rep_movsb_and_scasb_with_32_bit_addresses)
{
    T *t = t_new();
    memcpy(t->ram + 0x3000, "hello, world", 12);
    static const uint8_t code[] = {
        0x66, 0xbe, 0x00, 0x30, 0x00, 0x00,   /* mov esi, 0x3000 */
        0x66, 0xbf, 0x00, 0x40, 0x00, 0x00,   /* mov edi, 0x4000 */
        0x66, 0xb9, 0x0c, 0x00, 0x00, 0x00,   /* mov ecx, 12 */
        0xfc, 0x67, 0xf3, 0xa4,               /* cld; rep movsb (a32) */
        0x66, 0xbf, 0x00, 0x40, 0x00, 0x00,   /* mov edi, 0x4000 */
        0xb0, 0x2c,                           /* mov al, ',' */
        0x66, 0xb9, 0x0c, 0x00, 0x00, 0x00,   /* mov ecx, 12 */
        0x67, 0xf2, 0xae,                     /* repne scasb */
        0xf4 };
    t_real(t, 0x1000, code, sizeof code);
    ck_assert_int_eq(cpu_run(t->cpu, 1000), CPU_EXIT_HALT);
    ck_assert_mem_eq(t->ram + 0x4000, "hello, world", 12);
    ck_assert_uint_eq(S(t)->regs[R_EDI], 0x4006);
    ck_assert_uint_eq(S(t)->regs[R_ECX], 6);
    t_free(t);
}
END_TEST

START_TEST(test_cpu_rep_movsb_overlap_repeats_and_counts_each_iteration)
{
    T *t = t_new();
    t->ram[0x3000] = 0xab;
    static const uint8_t code[] = {
        0xbe, 0x00, 0x30,                     /* mov si, 0x3000 */
        0xbf, 0x01, 0x30,                     /* mov di, 0x3001 */
        0xb9, 0x00, 0x20,                     /* mov cx, 0x2000: crosses pages */
        0xfc, 0xf3, 0xa4,                     /* cld; rep movsb */
        0xf4 };
    t_real(t, 0x1000, code, sizeof code);
    uint64_t before = t->clock.icount;
    ck_assert_int_eq(cpu_run(t->cpu, 100000), CPU_EXIT_HALT);
    for (uint32_t a = 0x3000; a <= 0x5000; a++)
        ck_assert_uint_eq(t->ram[a], 0xab);
    ck_assert_uint_eq(t->ram[0x5001], 0);
    ck_assert_uint_eq(S(t)->regs[R_ECX] & 0xffff, 0);
    /* 4 instructions, 0x2000 iterations (each one retired instruction), HLT */
    ck_assert_uint_eq(t->clock.icount - before, 4 + 0x2000 + 1);
    t_free(t);
}
END_TEST

START_TEST(test_cpu_push_pop_enter_leave_pusha)
{
    T *t = t_new();
    static const uint8_t code[] = {
        0x66, 0xb8, 0x11, 0x11, 0x11, 0x11,   /* mov eax, 0x11111111 */
        0x66, 0x60,                           /* pushad */
        0x66, 0x31, 0xc0,                     /* xor eax, eax */
        0x66, 0x61,                           /* popad */
        0xc8, 0x08, 0x00, 0x00,               /* enter 8, 0 */
        0xc9,                                 /* leave */
        0xf4 };
    t_real(t, 0x1000, code, sizeof code);
    ck_assert_int_eq(cpu_run(t->cpu, 100), CPU_EXIT_HALT);
    ck_assert_uint_eq(S(t)->regs[R_EAX], 0x11111111);
    ck_assert_uint_eq(S(t)->regs[R_ESP], 0xf000);
    t_free(t);
}
END_TEST

START_TEST(test_cpu_lock_with_register_operand_is_ud)
{
    T *t = t_new();
    t->ram[6 * 4] = 0x00; t->ram[6 * 4 + 1] = 0x20;   /* #UD -> 0:0x2000 */
    t->ram[0x2000] = 0xf4;
    static const uint8_t code[] = { 0xf0, 0x01, 0xc0, 0xf4 };   /* lock add ax, ax */
    t_real(t, 0x1000, code, sizeof code);
    ck_assert_int_eq(cpu_run(t->cpu, 10), CPU_EXIT_HALT);
    ck_assert_uint_eq(S(t)->eip, 0x2001);
    t_free(t);
}
END_TEST

START_TEST(test_cpu_fpu_opcode_without_coprocessor)
{
    T *t = t_new();
    t->ram[7 * 4] = 0x00; t->ram[7 * 4 + 1] = 0x20;   /* #NM -> 0:0x2000 */
    t->ram[0x2000] = 0xf4;
    static const uint8_t code[] = {
        0xc7, 0x06, 0x00, 0x30, 0x5a, 0x5a,   /* mov word [0x3000], 0x5a5a */
        0xdb, 0xe3,                           /* fninit: nothing */
        0xdd, 0x3e, 0x00, 0x30,               /* fnstsw [0x3000]: leaves it */
        0x0f, 0x20, 0xc0, 0x0c, 0x04,         /* mov eax, cr0; or al, 4 (EM) */
        0x0f, 0x22, 0xc0,                     /* mov cr0, eax */
        0xdb, 0xe3,                           /* fninit: #NM */
        0xf4 };
    t_real(t, 0x1000, code, sizeof code);
    ck_assert_int_eq(cpu_run(t->cpu, 100), CPU_EXIT_HALT);
    ck_assert_uint_eq(t->ram[0x3000], 0x5a);
    ck_assert_uint_eq(S(t)->eip, 0x2001);
    t_free(t);
}
END_TEST

/* ---- interrupts, HLT, shutdown ---- */

START_TEST(test_cpu_sti_shadow_delays_interrupt_by_one_instruction)
{
    T *t = t_new();
    t->ram[0x20 * 4] = 0x00; t->ram[0x20 * 4 + 1] = 0x20;   /* vector 0x20 -> 0:0x2000 */
    t->ram[0x2000] = 0xf4;
    static const uint8_t code[] = { 0xfb, 0x40, 0x40, 0x40, 0xf4 };  /* sti; inc ax x3 */
    t_real(t, 0x1000, code, sizeof code);
    S(t)->regs[R_EAX] = 0;
    t->pending = 0x20;
    cpu_set_intr(t->cpu, true);
    ck_assert_int_eq(cpu_run(t->cpu, 100), CPU_EXIT_HALT);
    ck_assert_uint_eq(S(t)->regs[R_EAX], 1);   /* one INC ran in the shadow */
    ck_assert_uint_eq(S(t)->eip, 0x2001);
    t_free(t);
}
END_TEST

START_TEST(test_cpu_hlt_waits_and_wakes_on_intr)
{
    T *t = t_new();
    t->ram[0x21 * 4] = 0x00; t->ram[0x21 * 4 + 1] = 0x20;
    t->ram[0x2000] = 0x43;   /* inc bx */
    t->ram[0x2001] = 0xcf;   /* iret */
    static const uint8_t code[] = { 0xfb, 0xf4, 0x40, 0xf4 };   /* sti; hlt; inc ax; hlt */
    t_real(t, 0x1000, code, sizeof code);
    ck_assert_int_eq(cpu_run(t->cpu, 100), CPU_EXIT_HALT);
    ck_assert_uint_eq(S(t)->halted, 1);
    ck_assert_int_eq(cpu_run(t->cpu, 100), CPU_EXIT_HALT);   /* still nothing to do */
    t->pending = 0x21;
    cpu_set_intr(t->cpu, true);
    ck_assert_int_eq(cpu_run(t->cpu, 100), CPU_EXIT_HALT);
    ck_assert_uint_eq(S(t)->regs[R_EBX] & 0xffff, 1);
    ck_assert_uint_eq(S(t)->regs[R_EAX] & 0xffff, 1);
    t_free(t);
}
END_TEST

START_TEST(test_cpu_budget_and_exit_request)
{
    T *t = t_new();
    static const uint8_t code[] = { 0x40, 0xeb, 0xfd };   /* inc ax; jmp $-1 */
    t_real(t, 0x1000, code, sizeof code);
    uint64_t before = t->clock.icount;
    ck_assert_int_eq(cpu_run(t->cpu, 1001), CPU_EXIT_BUDGET);
    ck_assert_uint_eq(t->clock.icount - before, 1001);
    ck_assert_uint_eq(S(t)->regs[R_EAX] & 0xffff, 501);
    cpu_request_exit(t->cpu);
    ck_assert_int_eq(cpu_run(t->cpu, 1000), CPU_EXIT_REQUEST);
    t_free(t);
}
END_TEST

START_TEST(test_cpu_icount_is_exact_inside_io_handlers)
{
    T *t = t_new();
    static const uint8_t code[] = { 0x90, 0x90, 0x90, 0xe6, 0x80, 0xf4 };  /* nop x3; out 0x80, al */
    t_real(t, 0x1000, code, sizeof code);
    uint64_t before = t->clock.icount;
    ck_assert_int_eq(cpu_run(t->cpu, 100), CPU_EXIT_HALT);
    ck_assert_uint_eq(t->io_icount - before, 3);
    ck_assert_uint_eq(t->clock.icount - before, 5);
    t_free(t);
}
END_TEST

START_TEST(test_cpu_triple_fault_returns_shutdown)
{
    T *t = t_new();
    static const uint8_t code[] = { 0xcc };   /* int3 with a zero-limit IDT */
    t_flat(t, 0x1000, code, sizeof code);
    S(t)->idt.limit = 0;
    ck_assert_int_eq(cpu_run(t->cpu, 100), CPU_EXIT_SHUTDOWN);
    t_free(t);
}
END_TEST

/* ---- precise exceptions, paging ---- */

START_TEST(test_cpu_page_fault_reports_cr2_error_code_and_leaves_no_side_effect)
{
    T *t = t_new();
    t_gdt_flat(t, 0x500);
    t_idt_gate(t, 0x600, 14, 0x2000);
    t->ram[0x2000] = 0xf4;
    /* PD at 0x10000: PDE 0 -> PT at 0x11000; PT maps 0-4 MiB except page 0x50 (not present) */
    uint32_t *pd = (uint32_t *)(t->ram + 0x10000), *pt = (uint32_t *)(t->ram + 0x11000);
    pd[0] = 0x11000 | 3;
    for (int k = 0; k < 1024; k++)
        pt[k] = (uint32_t)(k << 12) | 3;
    pt[0x50] = 0;
    static const uint8_t code[] = {
        0xb8, 0x00, 0x00, 0x01, 0x00,         /* mov eax, 0x10000 */
        0x0f, 0x22, 0xd8,                     /* mov cr3, eax */
        0x0f, 0x20, 0xc0,                     /* mov eax, cr0 */
        0x0d, 0x00, 0x00, 0x00, 0x80,         /* or eax, 0x80000000 */
        0x0f, 0x22, 0xc0,                     /* mov cr0, eax */
        0xbe, 0x34, 0x12, 0x00, 0x00,         /* mov esi, 0x1234 */
        0x56,                                 /* push esi */
        0x89, 0x25, 0xfc, 0x0f, 0x05, 0x00,   /* mov [0x50ffc], esp: #PF write, not present */
        0xf4 };
    t_flat(t, 0x1000, code, sizeof code);
    S(t)->idt.base = 0x600;
    S(t)->idt.limit = 0x7ff;
    ck_assert_int_eq(cpu_run(t->cpu, 100), CPU_EXIT_HALT);
    ck_assert_uint_eq(S(t)->cr[2], 0x50ffc);
    uint32_t *st = (uint32_t *)(t->ram + S(t)->regs[R_ESP]);
    ck_assert_uint_eq(st[0], 2);                 /* error code: write, not present */
    ck_assert_uint_eq(st[1], 0x1000 + 25);       /* EIP of the faulting MOV */
    ck_assert_uint_eq(S(t)->regs[R_ESP], 0x80000 - 4 - 16);   /* PUSH ESI, then the #PF frame */
    ck_assert_uint_eq(pt[1] & 0x60, 0x20);       /* code page accessed, not dirty */
    t_free(t);
}
END_TEST

START_TEST(test_cpu_faulting_far_call_changes_nothing)
{
    T *t = t_new();
    t_gdt_flat(t, 0x500);
    t_idt_gate(t, 0x600, 13, 0x2000);
    t->ram[0x2000] = 0xf4;
    static const uint8_t code[] = {
        0x9a, 0x00, 0x30, 0x00, 0x00, 0x48, 0x00, /* call 0x48:0x3000: beyond the GDT: #GP(0x48) */
        0xf4 };
    t_flat(t, 0x1000, code, sizeof code);
    S(t)->idt.base = 0x600;
    S(t)->idt.limit = 0x7ff;
    ck_assert_int_eq(cpu_run(t->cpu, 100), CPU_EXIT_HALT);
    uint32_t *st = (uint32_t *)(t->ram + S(t)->regs[R_ESP]);
    ck_assert_uint_eq(st[0], 0x48);
    ck_assert_uint_eq(st[1], 0x1000);
    ck_assert_uint_eq(S(t)->regs[R_ESP], 0x80000 - 16);   /* only the exception frame */
    t_free(t);
}
END_TEST

START_TEST(test_cpu_self_modifying_code_and_dma_are_seen)
{
    T *t = t_new();
    static const uint8_t code[] = {
        0xc6, 0x06, 0x07, 0x10, 0x43,         /* mov byte [0x1007], 0x43 (inc bx) */
        0xeb, 0x00,                           /* jmp $+2 */
        0x40,                                 /* inc ax, patched to inc bx */
        0xf4 };
    t_real(t, 0x1000, code, sizeof code);
    ck_assert_int_eq(cpu_run(t->cpu, 100), CPU_EXIT_HALT);
    ck_assert_uint_eq(S(t)->regs[R_EBX] & 0xffff, 1);
    ck_assert_uint_eq(S(t)->regs[R_EAX] & 0xffff, 0);
    /* run it again after a DMA write (bus_mem_rw) replaces the INC with INC CX */
    uint8_t inc_cx = 0x41;
    bus_mem_rw(t->bus, 0x1007, &inc_cx, 1, true);
    S(t)->eip = 0x1007;
    S(t)->halted = 0;
    ck_assert_int_eq(cpu_run(t->cpu, 100), CPU_EXIT_HALT);
    ck_assert_uint_eq(S(t)->regs[R_ECX] & 0xffff, 1);
    t_free(t);
}
END_TEST

/* Under a 4 GiB 32-bit CS a direct JMP/CALL to the same page goes on in the same block:
 * a budget that ends inside it stops at the exact EIP, and a write to the jump target
 * (already decoded into the block) is seen. */
START_TEST(test_cpu_direct_jump_and_call_continue_the_block)
{
    T *t = t_new();
    static const uint8_t code[] = {
        0xeb, 0x0e,                           /* 1000: jmp 0x1010 */
        0xf4, 0xf4, 0xf4, 0xf4, 0xf4, 0xf4, 0xf4, 0xf4, 0xf4, 0xf4, 0xf4, 0xf4, 0xf4, 0xf4,
        0x40,                                 /* 1010: inc eax */
        0xe8, 0x0a, 0x00, 0x00, 0x00,         /* 1011: call 0x1020 */
        0xc6, 0x05, 0x10, 0x10, 0x00, 0x00, 0x43, /* 1016: mov byte [0x1010], 0x43 (inc ebx) */
        0xeb, 0xf1,                           /* 101d: jmp 0x1010 */
        0xf4,                                 /* 101f: hlt */
        0x42,                                 /* 1020: inc edx */
        0x83, 0x3d, 0x00, 0x00, 0x01, 0x00, 0x00, /* 1021: cmp dword [0x10000], 0 */
        0x75, 0x01,                           /* 1028: jnz 0x102b */
        0xc3,                                 /* 102a: ret */
        0xf4 };                               /* 102b: hlt */
    t_flat(t, 0x1000, code, sizeof code);
    S(t)->regs[R_EDX] = 0;
    /* jmp, inc eax, call, inc edx: the budget ends inside the first block */
    ck_assert_int_eq(cpu_run(t->cpu, 4), CPU_EXIT_BUDGET);
    ck_assert_uint_eq(S(t)->eip, 0x1021);
    ck_assert_uint_eq(t->clock.icount, 4);
    ck_assert_uint_eq(S(t)->regs[R_EAX], 1);
    ck_assert_uint_eq(S(t)->regs[R_ESP], 0x80000 - 4);
    /* cmp, jnz, ret, mov (patches 0x1010), jmp 0x1010, inc ebx, call, inc edx, ... */
    t->ram[0x10000] = 0;
    ck_assert_int_eq(cpu_run(t->cpu, 8), CPU_EXIT_BUDGET);
    ck_assert_uint_eq(S(t)->regs[R_EBX], 1);
    ck_assert_uint_eq(S(t)->regs[R_EAX], 1);
    ck_assert_uint_eq(S(t)->regs[R_EDX], 2);
    ck_assert_uint_eq(S(t)->eip, 0x1021);
    /* the second return takes the JNZ to the HLT */
    t->ram[0x10000] = 1;
    ck_assert_int_eq(cpu_run(t->cpu, 100), CPU_EXIT_HALT);
    ck_assert_uint_eq(S(t)->eip, 0x102c);
    ck_assert_uint_eq(t->clock.icount, 4 + 8 + 3);
    t_free(t);
}
END_TEST

/* A register store to a page that holds decoded code never takes the store fast path:
 * the patched instruction (here behind a followed JMP of the same block) runs. */
START_TEST(test_cpu_register_store_into_code_is_seen)
{
    T *t = t_new();
    static const uint8_t code[] = {
        0xb3, 0x43,                           /* 1000: mov bl, 0x43 (inc ebx) */
        0x88, 0x1d, 0x10, 0x10, 0x00, 0x00,   /* 1002: mov [0x1010], bl */
        0xeb, 0x06,                           /* 1008: jmp 0x1010 */
        0xf4, 0xf4, 0xf4, 0xf4, 0xf4, 0xf4,
        0x40,                                 /* 1010: inc eax, patched to inc ebx */
        0xf4 };                               /* 1011: hlt */
    t_flat(t, 0x1000, code, sizeof code);
    S(t)->regs[R_EAX] = 0;
    S(t)->regs[R_EBX] = 0;
    ck_assert_int_eq(cpu_run(t->cpu, 100), CPU_EXIT_HALT);
    ck_assert_uint_eq(S(t)->regs[R_EBX], 0x44);
    ck_assert_uint_eq(S(t)->regs[R_EAX], 0);
    ck_assert_uint_eq(t->ram[0x1010], 0x43);
    t_free(t);
}
END_TEST

/* An OUT whose handler remaps memory (as PAM does) takes effect for the very next block. */
static T *remap_t;
static uint8_t *remap_page;
static void remap_wr(void *o, uint32_t off, uint32_t v, unsigned size)
{
    bus_map_rom(remap_t->bus, 0x3000, 0x1000, remap_page);
}
START_TEST(test_cpu_memory_map_change_by_out_is_seen_at_once)
{
    T *t = t_new();
    remap_t = t;
    remap_page = calloc(1, 0x1000);
    remap_page[0] = 0x43;    /* inc bx */
    remap_page[1] = 0xf4;    /* hlt */
    t->ram[0x3000] = 0x40;   /* inc ax */
    t->ram[0x3001] = 0xf4;
    bus_map_io(t->bus, 0x90, 1, t, t_port_rd, remap_wr, IO_SIZE_ALL);
    static const uint8_t code[] = {
        0xe8, 0xfd, 0x1f,                     /* call 0x3000: runs inc ax from RAM, caches it */
        0xe6, 0x90,                           /* out 0x90, al: remap 0x3000 to the ROM page */
        0xe9, 0xf8, 0x1f };                   /* jmp 0x3000 */
    t->ram[0x3001] = 0xc3;   /* RAM version: inc ax; ret */
    t_real(t, 0x1000, code, sizeof code);
    ck_assert_int_eq(cpu_run(t->cpu, 100), CPU_EXIT_HALT);
    ck_assert_uint_eq(S(t)->regs[R_EAX] & 0xffff, 1);
    ck_assert_uint_eq(S(t)->regs[R_EBX] & 0xffff, 1);
    t_free(t);
    free(remap_page);
}
END_TEST

START_TEST(test_cpu_a20_gate_wraps_at_1_mib)
{
    T *t = t_new();
    t->ram[0x100010] = 0x77;
    t->ram[0x10] = 0x33;
    static const uint8_t code[] = {
        0xb8, 0xff, 0xff, 0x8e, 0xd8,         /* mov ax, 0xffff; mov ds, ax */
        0xa0, 0x20, 0x00,                     /* mov al, [0x20]: linear 0x100010 */
        0xf4 };
    t_real(t, 0x1000, code, sizeof code);
    cpu_set_a20(t->cpu, false);
    ck_assert_int_eq(cpu_run(t->cpu, 100), CPU_EXIT_HALT);
    ck_assert_uint_eq(S(t)->regs[R_EAX] & 0xff, 0x33);
    S(t)->eip = 0x1000;
    S(t)->halted = 0;
    cpu_set_a20(t->cpu, true);
    ck_assert_int_eq(cpu_run(t->cpu, 100), CPU_EXIT_HALT);
    ck_assert_uint_eq(S(t)->regs[R_EAX] & 0xff, 0x77);
    t_free(t);
}
END_TEST

/* ---- state: hflags, monitor text, VMS tables ---- */

START_TEST(test_cpu_hflags_match_qemu_derivation)
{
    T *t = t_new();
    ck_assert_uint_eq(cpu_hflags(S(t)), 0x40);   /* real mode: ADDSEG */
    t_flat(t, 0x1000, "\xf4", 1);
    ck_assert_uint_eq(cpu_hflags(S(t)), 0xb0);   /* flat 32-bit CPL 0 */
    /* `info registers` of QEMU 7.2 (-cpu as cpu.h names it) stopped at reset (-S) */
    static const char qemu_reset[] =
    "EAX=00000000 EBX=00000000 ECX=00000000 EDX=00000652\n"
    "ESI=00000000 EDI=00000000 EBP=00000000 ESP=00000000\n"
    "EIP=0000fff0 EFL=00000002 [-------] CPL=0 II=0 A20=1 SMM=0 HLT=0\n"
    "ES =0000 00000000 0000ffff 00009300\n"
    "CS =f000 ffff0000 0000ffff 00009b00\n"
    "SS =0000 00000000 0000ffff 00009300\n"
    "DS =0000 00000000 0000ffff 00009300\n"
    "FS =0000 00000000 0000ffff 00009300\n"
    "GS =0000 00000000 0000ffff 00009300\n"
    "LDT=0000 00000000 0000ffff 00008200\n"
    "TR =0000 00000000 0000ffff 00008b00\n"
    "GDT=     00000000 0000ffff\n"
    "IDT=     00000000 0000ffff\n"
    "CR0=60000010 CR2=00000000 CR3=00000000 CR4=00000000\n"
    "DR0=00000000 DR1=00000000 DR2=00000000 DR3=00000000 \n"
    "DR6=ffff0ff0 DR7=00000400\n"
    "EFER=0000000000000000\n"
    "FCW=037f FSW=0000 [ST=0] FTW=00 MXCSR=00001f80\n"
    "FPR0=0000000000000000 0000 FPR1=0000000000000000 0000\n"
    "FPR2=0000000000000000 0000 FPR3=0000000000000000 0000\n"
    "FPR4=0000000000000000 0000 FPR5=0000000000000000 0000\n"
    "FPR6=0000000000000000 0000 FPR7=0000000000000000 0000\n"
    "XMM00=0000000000000000 0000000000000000 XMM01=0000000000000000 0000000000000000\n"
    "XMM02=0000000000000000 0000000000000000 XMM03=0000000000000000 0000000000000000\n"
    "XMM04=0000000000000000 0000000000000000 XMM05=0000000000000000 0000000000000000\n"
    "XMM06=0000000000000000 0000000000000000 XMM07=0000000000000000 0000000000000000\n";
    char buf[4096];
    cpu_reset(t->cpu);
    size_t n = cpu_format_registers(t->cpu, buf, sizeof buf);
    ck_assert_uint_eq(n, strlen(qemu_reset));
    ck_assert_str_eq(buf, qemu_reset);
    t_free(t);
}
END_TEST

static const char cpu_vmdesc[] =
    "{\"vmsd_name\": \"cpu\", \"version\": 12, \"fields\": [{\"name\": \"env.regs\", \"array_len\": 8, \"type\": \"uint32\""
    ", \"size\": 4}, {\"name\": \"env.eip\", \"type\": \"uint32\", \"size\": 4}, {\"name\": \"env.eflags\", \"type\": \"uint"
    "32\", \"size\": 4}, {\"name\": \"env.hflags\", \"type\": \"uint32\", \"size\": 4}, {\"name\": \"env.fpuc\", \"type\": \""
    "uint16\", \"size\": 2}, {\"name\": \"env.fpus_vmstate\", \"type\": \"uint16\", \"size\": 2}, {\"name\": \"env.fptag_"
    "vmstate\", \"type\": \"uint16\", \"size\": 2}, {\"name\": \"env.fpregs_format_vmstate\", \"type\": \"uint16\", \"siz"
    "e\": 2}, {\"name\": \"env.fpregs\", \"array_len\": 8, \"type\": \"struct\", \"struct\": {\"vmsd_name\": \"fpreg\", \"v"
    "ersion\": 0, \"fields\": [{\"name\": \"tmp\", \"type\": \"tmp\", \"vmsd_name\": \"fpreg_tmp\", \"version\": 0, \"field"
    "s\": [{\"name\": \"tmp_mant\", \"type\": \"uint64\", \"size\": 8}, {\"name\": \"tmp_exp\", \"type\": \"uint16\", \"size\""
    ": 2}], \"size\": 10}]}, \"size\": 10}, {\"name\": \"env.segs\", \"array_len\": 6, \"type\": \"struct\", \"struct\": "
    "{\"vmsd_name\": \"segment\", \"version\": 1, \"fields\": [{\"name\": \"selector\", \"type\": \"uint32\", \"size\": 4},"
    " {\"name\": \"base\", \"type\": \"uint32\", \"size\": 4}, {\"name\": \"limit\", \"type\": \"uint32\", \"size\": 4}, {\"na"
    "me\": \"flags\", \"type\": \"uint32\", \"size\": 4}]}, \"size\": 16}, {\"name\": \"env.ldt\", \"type\": \"struct\", \"st"
    "ruct\": {\"vmsd_name\": \"segment\", \"version\": 1, \"fields\": [{\"name\": \"selector\", \"type\": \"uint32\", \"siz"
    "e\": 4}, {\"name\": \"base\", \"type\": \"uint32\", \"size\": 4}, {\"name\": \"limit\", \"type\": \"uint32\", \"size\": 4"
    "}, {\"name\": \"flags\", \"type\": \"uint32\", \"size\": 4}]}, \"size\": 16}, {\"name\": \"env.tr\", \"type\": \"struct"
    "\", \"struct\": {\"vmsd_name\": \"segment\", \"version\": 1, \"fields\": [{\"name\": \"selector\", \"type\": \"uint32\""
    ", \"size\": 4}, {\"name\": \"base\", \"type\": \"uint32\", \"size\": 4}, {\"name\": \"limit\", \"type\": \"uint32\", \"si"
    "ze\": 4}, {\"name\": \"flags\", \"type\": \"uint32\", \"size\": 4}]}, \"size\": 16}, {\"name\": \"env.gdt\", \"type\": "
    "\"struct\", \"struct\": {\"vmsd_name\": \"segment\", \"version\": 1, \"fields\": [{\"name\": \"selector\", \"type\": \""
    "uint32\", \"size\": 4}, {\"name\": \"base\", \"type\": \"uint32\", \"size\": 4}, {\"name\": \"limit\", \"type\": \"uint3"
    "2\", \"size\": 4}, {\"name\": \"flags\", \"type\": \"uint32\", \"size\": 4}]}, \"size\": 16}, {\"name\": \"env.idt\", \""
    "type\": \"struct\", \"struct\": {\"vmsd_name\": \"segment\", \"version\": 1, \"fields\": [{\"name\": \"selector\", \"t"
    "ype\": \"uint32\", \"size\": 4}, {\"name\": \"base\", \"type\": \"uint32\", \"size\": 4}, {\"name\": \"limit\", \"type\":"
    " \"uint32\", \"size\": 4}, {\"name\": \"flags\", \"type\": \"uint32\", \"size\": 4}]}, \"size\": 16}, {\"name\": \"env."
    "sysenter_cs\", \"type\": \"uint32\", \"size\": 4}, {\"name\": \"env.sysenter_esp\", \"type\": \"uint32\", \"size\": 4"
    "}, {\"name\": \"env.sysenter_eip\", \"type\": \"uint32\", \"size\": 4}, {\"name\": \"env.cr[0]\", \"type\": \"uint32\""
    ", \"size\": 4}, {\"name\": \"env.cr[2]\", \"type\": \"uint32\", \"size\": 4}, {\"name\": \"env.cr[3]\", \"type\": \"uin"
    "t32\", \"size\": 4}, {\"name\": \"env.cr[4]\", \"type\": \"uint32\", \"size\": 4}, {\"name\": \"env.dr\", \"array_len\""
    ": 8, \"type\": \"uint32\", \"size\": 4}, {\"name\": \"env.a20_mask\", \"type\": \"int32\", \"size\": 4}, {\"name\": \"e"
    "nv.mxcsr\", \"type\": \"uint32\", \"size\": 4}, {\"name\": \"env.xmm_regs[0]\", \"array_len\": 8, \"type\": \"struct"
    "\", \"struct\": {\"vmsd_name\": \"xmm_reg\", \"version\": 1, \"fields\": [{\"name\": \"_q_ZMMReg[0]\", \"type\": \"uin"
    "t64\", \"size\": 8}, {\"name\": \"_q_ZMMReg[1]\", \"type\": \"uint64\", \"size\": 8}]}, \"size\": 16}, {\"name\": \"en"
    "v.smbase\", \"type\": \"uint32\", \"size\": 4}, {\"name\": \"env.pat\", \"type\": \"uint64\", \"size\": 8}, {\"name\": "
    "\"env.hflags2\", \"type\": \"uint32\", \"size\": 4}, {\"name\": \"env.vm_hsave\", \"type\": \"uint64\", \"size\": 8}, "
    "{\"name\": \"env.vm_vmcb\", \"type\": \"uint64\", \"size\": 8}, {\"name\": \"env.tsc_offset\", \"type\": \"uint64\", \""
    "size\": 8}, {\"name\": \"env.intercept\", \"type\": \"uint64\", \"size\": 8}, {\"name\": \"env.intercept_cr_read\","
    " \"type\": \"uint16\", \"size\": 2}, {\"name\": \"env.intercept_cr_write\", \"type\": \"uint16\", \"size\": 2}, {\"na"
    "me\": \"env.intercept_dr_read\", \"type\": \"uint16\", \"size\": 2}, {\"name\": \"env.intercept_dr_write\", \"type"
    "\": \"uint16\", \"size\": 2}, {\"name\": \"env.intercept_exceptions\", \"type\": \"uint32\", \"size\": 4}, {\"name\":"
    " \"env.v_tpr\", \"type\": \"uint8\", \"size\": 1}, {\"name\": \"env.mtrr_fixed\", \"array_len\": 11, \"type\": \"uint"
    "64\", \"size\": 8}, {\"name\": \"env.mtrr_deftype\", \"type\": \"uint64\", \"size\": 8}, {\"name\": \"env.mtrr_var\","
    " \"array_len\": 8, \"type\": \"struct\", \"struct\": {\"vmsd_name\": \"mtrr_var\", \"version\": 1, \"fields\": [{\"na"
    "me\": \"base\", \"type\": \"uint64\", \"size\": 8}, {\"name\": \"mask\", \"type\": \"uint64\", \"size\": 8}]}, \"size\": "
    "16}, {\"name\": \"env.interrupt_injected\", \"type\": \"int32\", \"size\": 4}, {\"name\": \"env.mp_state\", \"type\""
    ": \"uint32\", \"size\": 4}, {\"name\": \"env.tsc\", \"type\": \"uint64\", \"size\": 8}, {\"name\": \"env.exception_nr"
    "\", \"type\": \"int32\", \"size\": 4}, {\"name\": \"env.soft_interrupt\", \"type\": \"uint8\", \"size\": 1}, {\"name\":"
    " \"env.nmi_injected\", \"type\": \"uint8\", \"size\": 1}, {\"name\": \"env.nmi_pending\", \"type\": \"uint8\", \"size"
    "\": 1}, {\"name\": \"env.has_error_code\", \"type\": \"uint8\", \"size\": 1}, {\"name\": \"env.sipi_vector\", \"type"
    "\": \"uint32\", \"size\": 4}, {\"name\": \"env.mcg_cap\", \"type\": \"uint64\", \"size\": 8}, {\"name\": \"env.mcg_sta"
    "tus\", \"type\": \"uint64\", \"size\": 8}, {\"name\": \"env.mcg_ctl\", \"type\": \"uint64\", \"size\": 8}, {\"name\": \""
    "env.mce_banks\", \"array_len\": 40, \"type\": \"uint64\", \"size\": 8}, {\"name\": \"env.tsc_aux\", \"type\": \"uint"
    "64\", \"size\": 8}, {\"name\": \"env.system_time_msr\", \"type\": \"uint64\", \"size\": 8}, {\"name\": \"env.wall_cl"
    "ock_msr\", \"type\": \"uint64\", \"size\": 8}, {\"name\": \"env.xcr0\", \"type\": \"uint64\", \"size\": 8}, {\"name\": "
    "\"env.xstate_bv\", \"type\": \"uint64\", \"size\": 8}, {\"name\": \"env.xmm_regs[1]\", \"array_len\": 8, \"type\": \""
    "struct\", \"struct\": {\"vmsd_name\": \"ymmh_reg\", \"version\": 1, \"fields\": [{\"name\": \"_q_ZMMReg[2]\", \"type"
    "\": \"uint64\", \"size\": 8}, {\"name\": \"_q_ZMMReg[3]\", \"type\": \"uint64\", \"size\": 8}]}, \"size\": 16}], \"sub"
    "sections\": [{\"vmsd_name\": \"cpu/poll_control_msr\", \"version\": 1, \"fields\": [{\"name\": \"env.poll_contro"
    "l_msr\", \"type\": \"uint64\", \"size\": 8}]}, {\"vmsd_name\": \"cpu/msr_smi_count\", \"version\": 1, \"fields\": ["
    "{\"name\": \"env.msr_smi_count\", \"type\": \"uint64\", \"size\": 8}]}]}";
static const char cpu_common_vmdesc[] =
    "{\"vmsd_name\": \"cpu_common\", \"version\": 1, \"fields\": [{\"name\": \"halted\", \"type\": \"uint32\", \"size\": 4}"
    ", {\"name\": \"interrupt_request\", \"type\": \"uint32\", \"size\": 4}]}";

static uint8_t *save(const VmsDesc *d, void *o, size_t *len, JsonBuf *j)
{
    Stream *s = stream_open_membuf();
    Err e = { 0 };
    ck_assert_msg(vms_save(s, d, o, j, &e) == 0, "%s", e.msg);
    const uint8_t *p = stream_membuf(s, len);
    uint8_t *copy = malloc(*len);
    memcpy(copy, p, *len);
    stream_close(s, NULL);
    return copy;
}
static int load(const VmsDesc *d, void *o, const uint8_t *p, size_t len, Err *e)
{
    Stream *s = stream_open_mem(p, len);
    int r = vms_load(s, d, o, d->version, e);
    uint8_t b;
    if (r == 0 && stream_peek(s, &b, 1) != 0)
        r = ERR(e, -EINVAL, "bytes left");
    stream_close(s, NULL);
    return r;
}

START_TEST(test_cpu_vms_json_equals_qemu_7_2)
{
    T *t = t_new();
    S(t)->msr_smi_count = 1;   /* QEMU's sample had taken SeaBIOS's SMI */
    JsonBuf j = { 0 };
    size_t len;
    free(save(&cpu_vms, t->cpu, &len, &j));
    ck_assert_msg(strcmp(j.buf, cpu_vmdesc) == 0, "cpu vmdesc differs:\n got  %s\n want %s", j.buf, cpu_vmdesc);
    ck_assert_uint_eq(len, 1378);   /* the body size of QEMU's sample */
    free(j.buf);
    JsonBuf k = { 0 };
    free(save(&cpu_common_vms, t->cpu, &len, &k));
    ck_assert_str_eq(k.buf, cpu_common_vmdesc);
    ck_assert_uint_eq(len, 8);
    free(k.buf);
    t_free(t);
}
END_TEST

START_TEST(test_cpu_vms_round_trip_reproduces_state_and_truncation_fails)
{
    T *a = t_new(), *b = t_new();
    static const uint8_t code[] = { 0x66, 0xb8, 0x78, 0x56, 0x34, 0x12, 0x66, 0x01, 0xc0, 0xf4 };
    t_real(a, 0x1000, code, sizeof code);
    ck_assert_int_eq(cpu_run(a->cpu, 100), CPU_EXIT_HALT);
    S(a)->cr[2] = 0xdeadbeef;
    S(a)->mtrr_var[3].mask = 0x123456789ull;
    size_t len, clen;
    uint8_t *p = save(&cpu_vms, a->cpu, &len, NULL);
    uint8_t *q = save(&cpu_common_vms, a->cpu, &clen, NULL);
    ck_assert_uint_eq(len, 1347);   /* 1313 + cpu/poll_control_msr */
    Err e = { 0 };
    ck_assert_msg(load(&cpu_vms, b->cpu, p, len, &e) == 0, "%s", e.msg);
    ck_assert_msg(load(&cpu_common_vms, b->cpu, q, clen, &e) == 0, "%s", e.msg);
    cpu_flush_all(b->cpu);
    ck_assert_uint_eq(cpu_state_hash(a->cpu), cpu_state_hash(b->cpu));
    ck_assert_uint_eq(S(b)->halted, 1);
    size_t cuts[3] = { 0, len / 2, len - 1 };
    for (int k = 0; k < 3; k++) {
        Err e2 = { 0 };
        ck_assert_int_lt(load(&cpu_vms, b->cpu, p, cuts[k], &e2), 0);
        ck_assert(e2.msg[0] != 0);
    }
    /* a bad a20_mask is refused */
    p[352] = 0x12;
    Err e3 = { 0 };
    ck_assert_int_lt(load(&cpu_vms, b->cpu, p, len, &e3), 0);
    free(p);
    free(q);
    t_free(a);
    t_free(b);
}
END_TEST

static Suite *cpu_suite(void)
{
    Suite *s = suite_create("cpu");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, test_cpu_add_sub_set_every_arithmetic_flag);
    tcase_add_test(tc, test_cpu_mul_div_and_divide_error_is_a_fault);
    tcase_add_test(tc, test_cpu_shifts_rotates_and_shld);
    tcase_add_test(tc, test_cpu_rep_movsb_and_scasb_with_32_bit_addresses);
    tcase_add_test(tc, test_cpu_rep_movsb_overlap_repeats_and_counts_each_iteration);
    tcase_add_test(tc, test_cpu_push_pop_enter_leave_pusha);
    tcase_add_test(tc, test_cpu_lock_with_register_operand_is_ud);
    tcase_add_test(tc, test_cpu_fpu_opcode_without_coprocessor);
    tcase_add_test(tc, test_cpu_sti_shadow_delays_interrupt_by_one_instruction);
    tcase_add_test(tc, test_cpu_hlt_waits_and_wakes_on_intr);
    tcase_add_test(tc, test_cpu_budget_and_exit_request);
    tcase_add_test(tc, test_cpu_icount_is_exact_inside_io_handlers);
    tcase_add_test(tc, test_cpu_triple_fault_returns_shutdown);
    tcase_add_test(tc, test_cpu_page_fault_reports_cr2_error_code_and_leaves_no_side_effect);
    tcase_add_test(tc, test_cpu_faulting_far_call_changes_nothing);
    tcase_add_test(tc, test_cpu_self_modifying_code_and_dma_are_seen);
    tcase_add_test(tc, test_cpu_direct_jump_and_call_continue_the_block);
    tcase_add_test(tc, test_cpu_register_store_into_code_is_seen);
    tcase_add_test(tc, test_cpu_memory_map_change_by_out_is_seen_at_once);
    tcase_add_test(tc, test_cpu_a20_gate_wraps_at_1_mib);
    tcase_add_test(tc, test_cpu_hflags_match_qemu_derivation);
    tcase_add_test(tc, test_cpu_vms_json_equals_qemu_7_2);
    tcase_add_test(tc, test_cpu_vms_round_trip_reproduces_state_and_truncation_fails);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *r = srunner_create(cpu_suite());
    srunner_run_all(r, CK_NORMAL);
    int failed = srunner_ntests_failed(r);
    srunner_free(r);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
