/* test_cpu_sys.c: system instructions on a bare CPU + RAM machine (cpu_test.h), in flat
 * 32-bit protected mode: descriptor-table loads and stores, segment checks (LAR, LSL, VERR,
 * VERW, ARPL), CR0/CR2/CR4/DR access, LMSW/SMSW/CLTS, MSRs, CPUID, RDTSC from virtual time,
 * INVLPG; and at CPL 3, the I/O permission check (IOPL, then the TSS I/O bitmap) and #GP for
 * every privileged instruction. Expected values follow the SDM; CPUID's are QEMU 7.2's for
 * the -cpu string named in emu/cpu/cpu.h (the same as images/cpu/cpuid.expected). The two
 * record programs were run on QEMU 7.2 TCG as a -bios image that enters protected mode with
 * the same GDT and IDT: every record equal, except RDTSC's delta (QEMU counts host time). */
#include "cpu_test.h"

/* LGDT/SGDT, SIDT, LLDT/SLDT, LTR/STR (LTR marks the TSS busy), LAR/LSL on data, LDT and
 * invalid selectors (ZF = 0 leaves the destination), VERR/VERW, ARPL; flat 32-bit CPL 0.
 * LAR keeps bits 8-23 of the descriptor's high dword except the limit nibble.
 * GDT: 0x08 code, 0x10 data (4 GiB), 0x18 LDT at 0x4000 (limit 0xff), 0x20 TSS at 0x4100. */
START_TEST(test_cpu_descriptor_table_and_segment_check_instructions)
{
    T *t = t_new();
    static const uint8_t code[] = {
        0xbf, 0x00, 0x30, 0x00, 0x00,         /* mov edi, 0x3000 */
        0x66, 0xc7, 0x05, 0x00, 0x31, 0x00, 0x00, 0x27, 0x00, /* mov word [0x3100], 0x27 */
        0xc7, 0x05, 0x02, 0x31, 0x00, 0x00, 0x00, 0x05, 0x00, 0x00, /* mov dword [0x3102], 0x500 */
        0x0f, 0x01, 0x15, 0x00, 0x31, 0x00, 0x00, /* lgdt [0x3100] */
        0x0f, 0x01, 0x05, 0x00, 0x32, 0x00, 0x00, /* sgdt [0x3200] */
        0xa1, 0x02, 0x32, 0x00, 0x00,         /* mov eax, [0x3202] */
        0x0f, 0xb7, 0x15, 0x00, 0x32, 0x00, 0x00, /* movzx edx, word [0x3200] */
        T_REC32,
        0x0f, 0x01, 0x0d, 0x00, 0x32, 0x00, 0x00, /* sidt [0x3200] */
        0xa1, 0x02, 0x32, 0x00, 0x00,         /* mov eax, [0x3202] */
        0x0f, 0xb7, 0x15, 0x00, 0x32, 0x00, 0x00, /* movzx edx, word [0x3200] */
        T_REC32,
        0x66, 0xb8, 0x18, 0x00,               /* mov ax, 0x18 */
        0x0f, 0x00, 0xd0,                     /* lldt ax */
        0x31, 0xd2,                           /* xor edx, edx */
        0x66, 0x0f, 0x00, 0xc2,               /* sldt dx */
        0x89, 0xd0,                           /* mov eax, edx */
        T_REC32,
        0x66, 0xb8, 0x20, 0x00,               /* mov ax, 0x20 */
        0x0f, 0x00, 0xd8,                     /* ltr ax */
        0x31, 0xd2,                           /* xor edx, edx */
        0x66, 0x0f, 0x00, 0xca,               /* str dx */
        0x0f, 0xb6, 0x05, 0x25, 0x05, 0x00, 0x00, /* movzx eax, byte [0x525] */
        T_REC32,
        0x66, 0xb8, 0x10, 0x00,               /* mov ax, 0x10 */
        0x0f, 0x02, 0xc0,                     /* lar eax, ax */
        0x66, 0xba, 0x18, 0x00,               /* mov dx, 0x18 */
        0x0f, 0x02, 0xd2,                     /* lar edx, dx */
        T_REC32,
        0xb8, 0x11, 0x11, 0x11, 0x11,         /* mov eax, 0x11111111 */
        0x66, 0x31, 0xc9,                     /* xor cx, cx */
        0x0f, 0x02, 0xc1,                     /* lar eax, cx */
        T_REC32,
        0x66, 0xb9, 0x10, 0x00,               /* mov cx, 0x10 */
        0x0f, 0x03, 0xc1,                     /* lsl eax, cx */
        0x66, 0xb9, 0x18, 0x00,               /* mov cx, 0x18 */
        0x0f, 0x03, 0xd1,                     /* lsl edx, cx */
        T_REC32,
        0xb8, 0x07, 0x00, 0x00, 0x00,         /* mov eax, 7 */
        0x66, 0xb9, 0x00, 0x04,               /* mov cx, 0x400 */
        0x0f, 0x03, 0xc1,                     /* lsl eax, cx */
        T_REC32,
        0x31, 0xc0,                           /* xor eax, eax */
        0x31, 0xd2,                           /* xor edx, edx */
        0x66, 0xb9, 0x08, 0x00,               /* mov cx, 8 */
        0x0f, 0x00, 0xe1,                     /* verr cx */
        0x0f, 0x94, 0xc0,                     /* setz al */
        0x0f, 0x00, 0xe9,                     /* verw cx */
        0x0f, 0x94, 0xc4,                     /* setz ah */
        0x66, 0xb9, 0x10, 0x00,               /* mov cx, 0x10 */
        0x0f, 0x00, 0xe9,                     /* verw cx */
        0x0f, 0x94, 0xc2,                     /* setz dl */
        0x66, 0x31, 0xc9,                     /* xor cx, cx */
        0x0f, 0x00, 0xe1,                     /* verr cx */
        0x0f, 0x94, 0xc6,                     /* setz dh */
        T_REC32,
        0x31, 0xd2,                           /* xor edx, edx */
        0xb8, 0x10, 0x00, 0x00, 0x00,         /* mov eax, 0x10 */
        0x66, 0xbb, 0x03, 0x00,               /* mov bx, 3 */
        0x63, 0xd8,                           /* arpl ax, bx */
        0x0f, 0x94, 0xc2,                     /* setz dl */
        0x63, 0xd8,                           /* arpl ax, bx */
        0x0f, 0x94, 0xc6,                     /* setz dh */
        T_REC32,
        0xf4,                                 /* hlt */
    };
    static const TRec want[] = {
        { 0xffffffff, 0x500, 0xffffffff, 0x27, 0x0, 0x0, "mov word [0x3100], 0x27; mov dword [0x3102], 0x500; lgdt [0x3100]; sgdt [0x3200]; mov eax, [0x3202]; movzx edx, word [0x3200]" },
        { 0xffffffff, 0x600, 0xffffffff, 0xff, 0x0, 0x0, "sidt [0x3200]; mov eax, [0x3202]; movzx edx, word [0x3200]" },
        { 0xffffffff, 0x18, 0xffffffff, 0x18, 0x0, 0x0, "mov ax, 0x18; lldt ax; xor edx, edx; sldt dx; mov eax, edx" },
        { 0xffffffff, 0x8b, 0xffffffff, 0x20, 0x0, 0x0, "mov ax, 0x20; ltr ax; xor edx, edx; str dx; movzx eax, byte [0x525]" },
        { 0xffffffff, 0xc09300, 0xffffffff, 0x8200, 0x40, 0x40, "mov ax, 0x10; lar eax, ax; mov dx, 0x18; lar edx, dx" },
        { 0xffffffff, 0x11111111, 0x0, 0x0, 0x40, 0x0, "mov eax, 0x11111111; xor cx, cx; lar eax, cx" },
        { 0xffffffff, 0xffffffff, 0xffffffff, 0xff, 0x40, 0x40, "mov cx, 0x10; lsl eax, cx; mov cx, 0x18; lsl edx, cx" },
        { 0xffffffff, 0x7, 0x0, 0x0, 0x40, 0x0, "mov eax, 7; mov cx, 0x400; lsl eax, cx" },
        { 0xffffffff, 0x1, 0xffffffff, 0x1, 0x0, 0x0, "xor eax, eax; xor edx, edx; mov cx, 8; verr cx; setz al; verw cx; setz ah; mov cx, 0x10; verw cx; setz dl; xor cx, cx; verr cx; setz dh" },
        { 0xffffffff, 0x13, 0xffffffff, 0x1, 0x0, 0x0, "xor edx, edx; mov eax, 0x10; mov bx, 3; arpl ax, bx; setz dl; arpl ax, bx; setz dh" },
    };
    t_flat(t, 0x1000, code, sizeof code);
    t_vectors_flat(t);
    t_gdt_set(t, 0x18, 0x4000, 0xff, 0x82, 0x00);   /* LDT */
    t_gdt_set(t, 0x20, 0x4100, 0x67, 0x89, 0x00);   /* available 32-bit TSS */
    ck_assert_int_eq(t_run(t, 10000), -1);
    t_check_recs(t, 0x3000, want, sizeof want / sizeof want[0]);
    t_free(t);
}
END_TEST

/* CLTS, SMSW, LMSW (sets MP EM TS, never clears PE), MOV to and from CR2/CR4/DR0/DR6,
 * RDMSR/WRMSR for SYSENTER_CS (16 bits kept, as QEMU), a variable MTRR and MTRRcap, CPUID
 * leaves 0, 1, 3 (above the maximum: leaf 2's data) and 0x80000000 as QEMU 7.2 gives them
 * for cpu.h's -cpu string (images/cpu/cpuid.expected), and RDTSC = the clock (shift 0 here:
 * retired instructions). */
START_TEST(test_cpu_control_debug_registers_msrs_cpuid_and_rdtsc)
{
    static const uint8_t code[] = {
        0xbf, 0x00, 0x30, 0x00, 0x00,         /* mov edi, 0x3000 */
        0x0f, 0x20, 0xc0,                     /* mov eax, cr0 */
        0x83, 0xc8, 0x08,                     /* or eax, 8 */
        0x0f, 0x22, 0xc0,                     /* mov cr0, eax */
        0x0f, 0x01, 0xe2,                     /* smsw edx */
        0x0f, 0x06,                           /* clts */
        0x0f, 0x20, 0xc0,                     /* mov eax, cr0 */
        T_REC32,
        0x66, 0xb8, 0x0e, 0x00,               /* mov ax, 0x000e */
        0x0f, 0x01, 0xf0,                     /* lmsw ax */
        0x0f, 0x20, 0xc0,                     /* mov eax, cr0 */
        0x89, 0xc2,                           /* mov edx, eax */
        0x66, 0xb8, 0x00, 0x00,               /* mov ax, 0x0000 */
        0x0f, 0x01, 0xf0,                     /* lmsw ax */
        0x0f, 0x20, 0xc0,                     /* mov eax, cr0 */
        T_REC32,
        0xb8, 0x10, 0x00, 0x00, 0x00,         /* mov eax, 0x10 */
        0x0f, 0x22, 0xe0,                     /* mov cr4, eax */
        0x0f, 0x20, 0xe2,                     /* mov edx, cr4 */
        0xb8, 0x78, 0x56, 0x34, 0x12,         /* mov eax, 0x12345678 */
        0x0f, 0x22, 0xd0,                     /* mov cr2, eax */
        0x0f, 0x20, 0xd0,                     /* mov eax, cr2 */
        T_REC32,
        0xb8, 0x00, 0x00, 0xfe, 0xca,         /* mov eax, 0xcafe0000 */
        0x0f, 0x23, 0xc0,                     /* mov dr0, eax */
        0x0f, 0x21, 0xc2,                     /* mov edx, dr0 */
        0x0f, 0x21, 0xf0,                     /* mov eax, dr6 */
        T_REC32,
        0xb9, 0x74, 0x01, 0x00, 0x00,         /* mov ecx, 0x174 */
        0xb8, 0x78, 0x56, 0x34, 0x12,         /* mov eax, 0x12345678 */
        0xba, 0xff, 0xff, 0xff, 0xff,         /* mov edx, 0xffffffff */
        0x0f, 0x30,                           /* wrmsr */
        0x31, 0xc0,                           /* xor eax, eax */
        0x31, 0xd2,                           /* xor edx, edx */
        0x0f, 0x32,                           /* rdmsr */
        T_REC32,
        0xb9, 0x00, 0x02, 0x00, 0x00,         /* mov ecx, 0x200 */
        0xb8, 0x06, 0x50, 0x34, 0x12,         /* mov eax, 0x12345006 */
        0xba, 0x0f, 0x00, 0x00, 0x00,         /* mov edx, 0xf */
        0x0f, 0x30,                           /* wrmsr */
        0x31, 0xc0,                           /* xor eax, eax */
        0x31, 0xd2,                           /* xor edx, edx */
        0x0f, 0x32,                           /* rdmsr */
        T_REC32,
        0xb9, 0xfe, 0x00, 0x00, 0x00,         /* mov ecx, 0xfe */
        0x0f, 0x32,                           /* rdmsr */
        T_REC32,
        0x31, 0xc0,                           /* xor eax, eax */
        0x0f, 0xa2,                           /* cpuid */
        0x89, 0xd8,                           /* mov eax, ebx */
        T_REC32,
        0xb8, 0x01, 0x00, 0x00, 0x00,         /* mov eax, 1 */
        0x0f, 0xa2,                           /* cpuid */
        T_REC32,
        0xb8, 0x03, 0x00, 0x00, 0x00,         /* mov eax, 3 */
        0x0f, 0xa2,                           /* cpuid */
        T_REC32,
        0xb8, 0x00, 0x00, 0x00, 0x80,         /* mov eax, 0x80000000 */
        0x0f, 0xa2,                           /* cpuid */
        0x89, 0xc8,                           /* mov eax, ecx */
        T_REC32,
        0x0f, 0x31,                           /* rdtsc */
        0x89, 0xc3,                           /* mov ebx, eax */
        0x90,                                 /* nop */
        0x90,                                 /* nop */
        0x0f, 0x31,                           /* rdtsc */
        0x29, 0xd8,                           /* sub eax, ebx */
        0x31, 0xd2,                           /* xor edx, edx */
        T_REC32,
        0xf4,                                 /* hlt */
    };
    static const TRec want[] = {
        { 0xffffffff, 0x60000011, 0xffff, 0x19, 0x0, 0x0, "mov eax, cr0; or eax, 8; mov cr0, eax; smsw edx; clts; mov eax, cr0" },
        { 0xffffffff, 0x60000011, 0xffffffff, 0x6000001f, 0x0, 0x0, "mov ax, 0x000e; lmsw ax; mov eax, cr0; mov edx, eax; mov ax, 0x0000; lmsw ax; mov eax, cr0" },
        { 0xffffffff, 0x12345678, 0xffffffff, 0x10, 0x0, 0x0, "mov eax, 0x10; mov cr4, eax; mov edx, cr4; mov eax, 0x12345678; mov cr2, eax; mov eax, cr2" },
        { 0xffffffff, 0xffff0ff0, 0xffffffff, 0xcafe0000, 0x0, 0x0, "mov eax, 0xcafe0000; mov dr0, eax; mov edx, dr0; mov eax, dr6" },
        { 0xffffffff, 0x5678, 0xffffffff, 0x0, 0x0, 0x0, "mov ecx, 0x174; mov eax, 0x12345678; mov edx, 0xffffffff; wrmsr; xor eax, eax; xor edx, edx; rdmsr" },
        { 0xffffffff, 0x12345006, 0xffffffff, 0xf, 0x0, 0x0, "mov ecx, 0x200; mov eax, 0x12345006; mov edx, 0xf; wrmsr; xor eax, eax; xor edx, edx; rdmsr" },
        { 0xffffffff, 0x508, 0xffffffff, 0x0, 0x0, 0x0, "mov ecx, 0xfe; rdmsr" },
        { 0xffffffff, 0x756e6547, 0xffffffff, 0x49656e69, 0x0, 0x0, "xor eax, eax; cpuid; mov eax, ebx" },
        { 0xffffffff, 0x652, 0xffffffff, 0x1b938, 0x0, 0x0, "mov eax, 1; cpuid" },
        { 0xffffffff, 0x1, 0xffffffff, 0x2c307d, 0x0, 0x0, "mov eax, 3; cpuid" },
        { 0xffffffff, 0x4d, 0xffffffff, 0x2c307d, 0x0, 0x0, "mov eax, 0x80000000; cpuid; mov eax, ecx" },
        { 0xffffffff, 0x4, 0xffffffff, 0x0, 0x0, 0x0, "rdtsc; mov ebx, eax; nop; nop; rdtsc; sub eax, ebx; xor edx, edx" },
    };
    t_flat_recs(code, sizeof code, want, sizeof want / sizeof want[0]);
}
END_TEST

/* XXX: QEMU 7.2's TCG does not model DR7.GD. The SDM's general detect: with GD set, a MOV
 * to or from any debug register faults with #DB before it executes, DR6.BD set and GD
 * cleared so that the handler can use them. (images/cpu/debug.asm compares the
 * breakpoints themselves with QEMU.) */
START_TEST(test_cpu_dr7_general_detect_faults_mov_dr_with_bd)
{
    T *t = t_new();
    static const uint8_t code[] = {
        0xb8, 0x00, 0x20, 0x00, 0x00,         /* mov eax, 0x2000 (GD) */
        0x0f, 0x23, 0xf8,                     /* mov dr7, eax */
        0x31, 0xc0,                           /* xor eax, eax */
        0x0f, 0x21, 0xf0,                     /* 0x100a: mov eax, dr6 -> #DB */
        0xf4,                                 /* hlt */
    };
    t_flat(t, 0x1000, code, sizeof code);
    t_vectors_flat(t);
    ck_assert_int_eq(t_run(t, 100), 1);
    ck_assert_uint_eq(S(t)->dr[6], 0xffff2ff0u);   /* BD */
    ck_assert_uint_eq(S(t)->dr[7], 0x400);         /* GD cleared */
    ck_assert_uint_eq(S(t)->regs[R_EAX], 0);       /* the MOV did not run */
    uint32_t esp = S(t)->regs[R_ESP];
    ck_assert_uint_eq(t->ram[esp] | t->ram[esp + 1] << 8, 0x100a);   /* a fault */
    t_free(t);
}
END_TEST

/* XXX: as QEMU 7.2's TCG (images/cpu/msr.asm compares the whole list with it), RDMSR of
 * an MSR it does not know reads 0 and WRMSR to it or to a read-only one (MTRRcap 0xFE,
 * BIOS_SIGN_ID 0x8B) is dropped; the SDM and hardware raise #GP(0). WRMSR #GP(0)s only
 * for PKRS (0x6E1) with its high half set and a VM_HSAVE_PA (0xC0010117) that is not
 * page-aligned or lies above 4 GiB. */
static const struct MsrCase {
    uint32_t msr, lo, hi;   /* WRMSR of hi:lo, then RDMSR */
    int vec;                /* 13: the WRMSR faults; -1: it does not */
    uint32_t rd_lo, rd_hi;  /* what the RDMSR after it reads */
} msr_cases[] = {
    { 0x12345, 0xaaaa5555, 0x5555aaaa, -1, 0, 0 },
    { 0x8b, 0x1, 0x0, -1, 0x0, 0x1 },                   /* microcode revision 1 << 32 */
    { 0xfe, 0x0, 0x0, -1, 0x508, 0x0 },                 /* MTRRcap */
    { 0x10, 0x0, 0x0, -1, 0x0, 0x0 },                   /* TSC: QEMU reads 0 */
    { 0x35, 0x0, 0x0, -1, 0x10001, 0x0 },               /* one core, one thread */
    { 0x198, 0x0, 0x0, -1, 1000, 0x400 },               /* PERF_STATUS */
    { 0x17a, 0x5, 0x1, -1, 0x5, 0x1 },                  /* MCG_STATUS stored */
    { 0x17b, 0xffffffff, 0xffffffff, -1, 0x0, 0x0 },    /* MCG_CTL: no MCG_CTL_P */
    { 0x400, 0xffffffff, 0xffffffff, -1, 0x0, 0x0 },    /* MC0_CTL: no banks */
    { 0xc0000080, 0xd01, 0x0, -1, 0x0, 0x0 },           /* EFER: nothing writable */
    { 0xc0000081, 0x12345678, 0x230010, -1, 0x12345678, 0x230010 },   /* STAR */
    { 0xc0000103, 0x1234, 0x0, -1, 0x0, 0x0 },          /* TSC_AUX: stored, reads 0 */
    { 0x6e1, 0x1, 0x0, -1, 0x1, 0x0 },                  /* PKRS */
    { 0x6e1, 0x0, 0x1, 13, 0x0, 0x0 },
    { 0xc0010117, 0x12000, 0x0, -1, 0x12000, 0x0 },     /* VM_HSAVE_PA */
    { 0xc0010117, 0x12345, 0x0, 13, 0x0, 0x0 },
    { 0xc0010117, 0x0, 0x1, 13, 0x0, 0x0 },
};
START_TEST(test_cpu_msrs_answer_as_qemu_and_gp_only_where_it_does)
{
    static const uint8_t code[] = {
        0x0f, 0x30,                           /* 0x1000: wrmsr */
        0x31, 0xc0,                           /* xor eax, eax */
        0x31, 0xd2,                           /* xor edx, edx */
        0x0f, 0x32,                           /* rdmsr */
        0xf4 };
    const struct MsrCase *m = &msr_cases[_i];
    T *t = t_new();
    t_vectors_flat(t);
    t_flat(t, 0x1000, code, sizeof code);
    S(t)->regs[R_ECX] = m->msr;
    S(t)->regs[R_EAX] = m->lo;
    S(t)->regs[R_EDX] = m->hi;
    ck_assert_int_eq(t_run(t, 100), m->vec);
    if (m->vec == 13) {
        uint32_t esp = S(t)->regs[R_ESP];
        ck_assert_uint_eq(t_rd32(t, esp), 0);            /* error code */
        ck_assert_uint_eq(t_rd32(t, esp + 4), 0x1000);   /* EIP of the WRMSR */
        ck_assert_uint_eq(S(t)->regs[R_EAX], m->lo);     /* nothing changed */
        ck_assert_uint_eq(S(t)->regs[R_EDX], m->hi);
    } else {
        ck_assert_uint_eq(S(t)->regs[R_EAX], m->rd_lo);
        ck_assert_uint_eq(S(t)->regs[R_EDX], m->rd_hi);
    }
    t_free(t);
}
END_TEST

/* RDTSC is the virtual clock in ns plus tsc_offset: bias + (icount << shift) + offset
 * (QEMU's icount_get() + env.tsc_offset), the RDTSC counted, and it moves with a warp
 * over idle time. */
START_TEST(test_cpu_rdtsc_is_the_virtual_clock_in_ns)
{
    static const uint8_t code[] = {
        0x0f, 0x31,                           /* rdtsc */
        0xf4 };
    static const struct { int shift; uint64_t icount; int64_t bias; uint64_t offset; } tc[] = {
        { 0, 0, 0, 0 },
        { 3, 1000, 0, 0 },
        { 3, 1000, 123456789, 0 },
        { 7, 0x12345678, 0x7fff00000000ll, 5 },
        { 3, 1ull << 40, -(1ll << 42), 0xffffffff00000000ull },   /* offset wraps */
    };
    for (size_t k = 0; k < sizeof tc / sizeof tc[0]; k++) {
        T *t = t_new();
        t->clock.shift = tc[k].shift;
        t->clock.icount = tc[k].icount;
        t->clock.bias = tc[k].bias;
        S(t)->tsc_offset = tc[k].offset;
        t_flat(t, 0x1000, code, sizeof code);
        ck_assert_int_eq(t_run(t, 100), -1);
        /* the clock counting the RDTSC itself, as QEMU's -icount reads it */
        uint64_t want = (uint64_t)(tc[k].bias + (int64_t)(tc[k].icount << tc[k].shift)) +
                        tc[k].offset;
        uint64_t got = (uint64_t)S(t)->regs[R_EDX] << 32 | S(t)->regs[R_EAX];
        ck_assert_uint_eq(got, want + (1ull << tc[k].shift));
        ck_assert_uint_eq(cpu_tsc(t->cpu), want + (2ull << tc[k].shift));   /* + RDTSC, HLT */
        clock_warp(&t->clock, clock_ns(&t->clock) + 1000000);
        ck_assert_uint_eq(cpu_tsc(t->cpu), want + (2ull << tc[k].shift) + 1000000);
        t_free(t);
    }
}
END_TEST

/* After a PTE changes, INVLPG of the page, or a CR3 reload, makes the new mapping visible. */
START_TEST(test_cpu_invlpg_and_cr3_reload_pick_up_a_changed_pte)
{
    T *t = t_new();
    t_vectors_flat(t);
    t_map_identity(t, 3, false);
    t_wr32(t, 0x50000, 0x1111);
    t_wr32(t, 0x60000, 0x2222);
    static const uint8_t code[] = {
        0xb8, 0x00, 0x00, 0x01, 0x00,         /* mov eax, 0x10000 */
        0x0f, 0x22, 0xd8,                     /* mov cr3, eax */
        0x0f, 0x20, 0xc0,                     /* mov eax, cr0 */
        0x0d, 0x00, 0x00, 0x00, 0x80,         /* or eax, 0x80000000 */
        0x0f, 0x22, 0xc0,                     /* mov cr0, eax */
        0xa1, 0x00, 0x00, 0x05, 0x00,         /* mov eax, [0x50000] */
        0xc7, 0x05, 0x40, 0x11, 0x01, 0x00, 0x03, 0x00, 0x06, 0x00, /* mov dword [0x11000 + 0x50 * 4], 0x60003 */
        0x0f, 0x01, 0x3d, 0x00, 0x00, 0x05, 0x00, /* invlpg [0x50000] */
        0x8b, 0x1d, 0x00, 0x00, 0x05, 0x00,   /* mov ebx, [0x50000] */
        0xc7, 0x05, 0x40, 0x11, 0x01, 0x00, 0x03, 0x00, 0x05, 0x00, /* mov dword [0x11000 + 0x50 * 4], 0x50003 */
        0x0f, 0x20, 0xda,                     /* mov edx, cr3 */
        0x0f, 0x22, 0xda,                     /* mov cr3, edx */
        0x8b, 0x0d, 0x00, 0x00, 0x05, 0x00,   /* mov ecx, [0x50000] */
        0xf4 };
    t_flat(t, 0x1000, code, sizeof code);
    ck_assert_int_eq(t_run(t, 100), -1);
    ck_assert_uint_eq(S(t)->regs[R_EAX], 0x1111);
    ck_assert_uint_eq(S(t)->regs[R_EBX], 0x2222);
    ck_assert_uint_eq(S(t)->regs[R_ECX], 0x1111);
    t_free(t);
}
END_TEST

START_TEST(test_cpu_io_at_cpl3_follows_iopl_and_the_tss_bitmap)
{
    static const struct { uint8_t insn[8]; uint8_t n; uint32_t eflags; int vec; uint32_t fault_at; } c[] = {
        { { 0xe4, 0x80 }, 2, 0x2, 6, 0x1802 },                 /* in al, 0x80: bit clear */
        { { 0xe6, 0x80 }, 2, 0x2, 6, 0x1802 },                 /* out 0x80, al */
        { { 0xe4, 0x81 }, 2, 0x2, 13, 0x1800 },                /* in al, 0x81: bit set */
        { { 0x66, 0xe5, 0x80 }, 3, 0x2, 13, 0x1800 },          /* in ax, 0x80: 0x81 denied */
        { { 0x66, 0xba, 0xf8, 0x03, 0xec }, 5, 0x2, 13, 0x1804 },  /* in al, 0x3f8: past the map */
        { { 0xe4, 0x81 }, 2, 0x3002, 6, 0x1802 },              /* IOPL 3: no bitmap check */
        { { 0x66, 0xba, 0xf8, 0x03, 0xec }, 5, 0x3002, 6, 0x1805 },
    };
    for (size_t k = 0; k < sizeof c / sizeof c[0]; k++) {
        T *t = t_new();
        S(t)->regs[R_EAX] = 0x1234;
        ck_assert_msg(t_ring3_run(t, c[k].insn, c[k].n, c[k].eflags) == c[k].vec, "case %zu", k);
        if (c[k].vec == 13) {
            t_check_ring3_fault(t, 0, c[k].fault_at, 0x60000);
            ck_assert_uint_eq(S(t)->regs[R_EAX] & 0xffff, 0x1234);   /* nothing read */
        } else {
            ck_assert_uint_eq(t_rd32(t, S(t)->regs[R_ESP]), c[k].fault_at);   /* #UD: no code */
        }
        t_free(t);
    }
    T *t = t_new();
    static const uint8_t out_in[] = { 0xe6, 0x80, 0xe4, 0x80 };   /* out 0x80, al; in al, 0x80 */
    S(t)->regs[R_EAX] = 0x77;
    ck_assert_int_eq(t_ring3_run(t, out_in, sizeof out_in, 0x2), 6);
    ck_assert_uint_eq(t->io_last, 0x77);
    ck_assert_uint_eq(S(t)->regs[R_EAX] & 0xff, 0x5a);
    t_free(t);
}
END_TEST

/* INS/OUTS at CPL 3 go through the same check; a refused REP INSB changes nothing. */
START_TEST(test_cpu_string_io_at_cpl3_is_checked_before_any_transfer)
{
    for (int port = 0x80; port <= 0x81; port++) {
        uint8_t outs[] = {
            0x66, 0xba, (uint8_t)port, 0x00,      /* mov dx, port */
            0xbe, 0x00, 0x30, 0x00, 0x00,         /* mov esi, 0x3000 */
            0x36, 0x6e };                         /* 1809: ss outsb */
        T *t = t_new();
        t->ram[0x3000] = 0x42;
        int v = t_ring3_run(t, outs, sizeof outs, 0x2);
        if (port == 0x80) {
            ck_assert_int_eq(v, 6);
            ck_assert_uint_eq(t->io_last, 0x42);
            ck_assert_uint_eq(S(t)->regs[R_ESI], 0x3001);
        } else {
            ck_assert_int_eq(v, 13);
            t_check_ring3_fault(t, 0, 0x1809, 0x60000);
            ck_assert_uint_eq(S(t)->regs[R_ESI], 0x3000);
        }
        t_free(t);
        uint8_t ins[] = {
            0x16, 0x07,                           /* push ss; pop es */
            0xbf, 0x00, 0x31, 0x00, 0x00,         /* mov edi, 0x3100 */
            0x66, 0xba, (uint8_t)port, 0x00,      /* mov dx, port */
            0xb9, 0x03, 0x00, 0x00, 0x00,         /* mov ecx, 3 */
            0xf3, 0x6c };                         /* 1810: rep insb */
        t = t_new();
        v = t_ring3_run(t, ins, sizeof ins, 0x2);
        if (port == 0x80) {
            ck_assert_int_eq(v, 6);
            ck_assert_uint_eq(S(t)->regs[R_ECX], 0);
            ck_assert_uint_eq(S(t)->regs[R_EDI], 0x3103);
            ck_assert_uint_eq(t_rd32(t, 0x3100), 0x5a5a5a);
        } else {
            ck_assert_int_eq(v, 13);
            t_check_ring3_fault(t, 0, 0x1810, 0x60000);
            ck_assert_uint_eq(S(t)->regs[R_ECX], 3);
            ck_assert_uint_eq(S(t)->regs[R_EDI], 0x3100);
            ck_assert_uint_eq(t_rd32(t, 0x3100), 0);
        }
        t_free(t);
    }
}
END_TEST

START_TEST(test_cpu_privileged_instructions_at_cpl3_raise_gp)
{
    static const struct { uint8_t insn[8]; uint8_t n; uint32_t eflags; } c[] = {
        { { 0xfa }, 1, 0x2 },                                  /* cli (IOPL 0) */
        { { 0xfb }, 1, 0x2 },                                  /* sti (IOPL 0) */
        { { 0xf4 }, 1, 0x3002 },                               /* hlt */
        { { 0x0f, 0x32 }, 2, 0x3002 },                         /* rdmsr */
        { { 0x0f, 0x30 }, 2, 0x3002 },                         /* wrmsr */
        { { 0x0f, 0x20, 0xc0 }, 3, 0x3002 },                   /* mov eax, cr0 */
        { { 0x0f, 0x22, 0xd8 }, 3, 0x3002 },                   /* mov cr3, eax */
        { { 0x0f, 0x21, 0xc0 }, 3, 0x3002 },                   /* mov eax, dr0 */
        { { 0x0f, 0x06 }, 2, 0x3002 },                         /* clts */
        { { 0x0f, 0x01, 0xf0 }, 3, 0x3002 },                   /* lmsw ax */
        { { 0x36, 0x0f, 0x01, 0x15, 0, 0x30, 0, 0 }, 8, 0x3002 }, /* lgdt [ss:0x3000] */
        { { 0x36, 0x0f, 0x01, 0x1d, 0, 0x30, 0, 0 }, 8, 0x3002 }, /* lidt [ss:0x3000] */
        { { 0x0f, 0x00, 0xd0 }, 3, 0x3002 },                   /* lldt ax */
        { { 0x0f, 0x00, 0xd8 }, 3, 0x3002 },                   /* ltr ax */
        { { 0x36, 0x0f, 0x01, 0x3d, 0, 0x30, 0, 0 }, 8, 0x3002 }, /* invlpg [ss:0x3000] */
        { { 0x0f, 0x09 }, 2, 0x3002 },                         /* wbinvd */
        { { 0x0f, 0x08 }, 2, 0x3002 },                         /* invd */
    };
    for (size_t k = 0; k < sizeof c / sizeof c[0]; k++) {
        T *t = t_new();
        uint32_t cr0 = S(t)->cr[0];
        ck_assert_msg(t_ring3_run(t, c[k].insn, c[k].n, c[k].eflags) == 13, "case %zu", k);
        t_check_ring3_fault(t, 0, 0x1800, 0x60000);
        ck_assert_uint_eq(S(t)->cr[0], cr0 | 1);
        ck_assert_uint_eq(S(t)->gdt.base, T_GDT);
        t_free(t);
    }
    /* what CPL 3 may do: SMSW, SGDT, STR, CLI with IOPL 3 (memory through SS: the IRET to
     * CPL 3 nulled DS, which held a DPL 0 segment) */
    static const uint8_t ok[] = {
        0x0f, 0x01, 0xe0,                     /* smsw eax */
        0x36, 0x0f, 0x01, 0x05, 0, 0x30, 0, 0, /* sgdt [ss:0x3000] */
        0x0f, 0x00, 0xcb,                     /* str bx */
        0xfa };                               /* cli */
    T *t = t_new();
    int v = t_ring3_run(t, ok, sizeof ok, 0x3202);
    ck_assert_msg(v == 6, "vec %d at %x err %x", v, t_rd32(t, S(t)->regs[R_ESP] + 4), t_rd32(t, S(t)->regs[R_ESP]));
    ck_assert_uint_eq(S(t)->regs[R_EAX] & 0xffff, 0x0011);
    ck_assert_uint_eq(t_rd32(t, 0x3002), T_GDT);
    ck_assert_uint_eq(S(t)->regs[R_EBX] & 0xffff, 0x28);
    ck_assert_uint_eq(t_rd32(t, S(t)->regs[R_ESP] + 8) & F_IF, 0);   /* CLI took effect */
    t_free(t);
}
END_TEST

/* CR4.TSD makes RDTSC privileged; without it CPL 3 may read the counter. */
START_TEST(test_cpu_rdtsc_at_cpl3_faults_only_with_cr4_tsd)
{
    static const uint8_t rdtsc[] = { 0x0f, 0x31 };
    T *t = t_new();
    S(t)->cr[4] = 4;   /* TSD */
    ck_assert_int_eq(t_ring3_run(t, rdtsc, sizeof rdtsc, 0x2), 13);
    t_check_ring3_fault(t, 0, 0x1800, 0x60000);
    t_free(t);
    t = t_new();
    ck_assert_int_eq(t_ring3_run(t, rdtsc, sizeof rdtsc, 0x2), 6);
    ck_assert_uint_eq(S(t)->regs[R_EAX], 9);   /* 8 instructions before it and itself, 1 ns each */
    ck_assert_uint_eq(S(t)->regs[R_EDX], 0);
    t_free(t);
}
END_TEST

/* t_ring3_run with call gates: GDT slots 0x30.. get the descriptors in gd (8 bytes each)
 * before the run; the code under test runs at CPL 3 from 0x1800 and a UD2 waits at 0x1900,
 * where every gate below leads. Returns the vector taken. */
static int gate_run(T *t, const uint8_t (*gd)[8], int ngd, const uint8_t *insn, size_t n)
{
    static const uint8_t ring0[] = {
        0x66, 0xb9, 0x28, 0x00,               /* mov cx, 0x28 */
        0x0f, 0x00, 0xd9,                     /* ltr cx */
        0x6a, 0x23,                           /* push dword 0x23 */
        0x68, 0x00, 0x00, 0x06, 0x00,         /* push dword 0x60000 */
        0x6a, 0x02,                           /* push dword 2 (EFLAGS) */
        0x6a, 0x1b,                           /* push dword 0x1b */
        0x68, 0x00, 0x18, 0x00, 0x00,         /* push dword 0x1800 */
        0xcf };                               /* iretd */
    t_ring3_tables(t, 0x67);
    memcpy(t->ram + T_GDT + 0x30, gd, (size_t)ngd * 8);
    S(t)->gdt.limit = (uint16_t)(0x30 + 8 * ngd - 1);
    memcpy(t->ram + 0x1800, insn, n);
    t->ram[0x1800 + n] = 0x0f;
    t->ram[0x1800 + n + 1] = 0x0b;
    t->ram[0x1900] = 0x0f;
    t->ram[0x1901] = 0x0b;
    t_flat(t, 0x1000, ring0, sizeof ring0);
    return t_run(t, 1000);
}

/* Far JMP and far CALL through call gates share their checks, but a JMP keeps CPL: from
 * CPL 3 through a DPL 3 gate, a JMP reaches a DPL 3 or conforming DPL 0 code segment and
 * faults on a non-conforming DPL 0 one, which a CALL enters with a stack switch. The gate
 * itself: DPL below CPL, not present, a null or non-code target, a target not present. */
START_TEST(test_cpu_far_jmp_and_call_through_call_gates)
{
    enum { G3 = 0x33, G0 = 0x3b, GC = 0x43, GLOW = 0x48, GNP = 0x53, GNULL = 0x5b, GDATA = 0x63,
           GCNP = 0x6b };
    static const uint8_t gd[][8] = {
        { 0x00, 0x19, 0x1b, 0, 0, 0xec, 0, 0 },   /* 0x30: gate -> 0x1b:0x1900 (ring 3) */
        { 0x00, 0x19, 0x08, 0, 0, 0xec, 0, 0 },   /* 0x38: gate -> 0x08:0x1900 (ring 0) */
        { 0x00, 0x19, 0x78, 0, 0, 0xec, 0, 0 },   /* 0x40: gate -> 0x78 (conforming DPL 0) */
        { 0x00, 0x19, 0x1b, 0, 0, 0x8c, 0, 0 },   /* 0x48: DPL 0 gate */
        { 0x00, 0x19, 0x1b, 0, 0, 0x6c, 0, 0 },   /* 0x50: gate not present */
        { 0x00, 0x19, 0x00, 0, 0, 0xec, 0, 0 },   /* 0x58: gate -> null selector */
        { 0x00, 0x19, 0x23, 0, 0, 0xec, 0, 0 },   /* 0x60: gate -> a data segment */
        { 0x00, 0x19, 0x70, 0, 0, 0xec, 0, 0 },   /* 0x68: gate -> 0x70 (not present) */
        { 0xff, 0xff, 0, 0, 0, 0x1b, 0xcf, 0 },   /* 0x70: code DPL 0, not present */
        { 0xff, 0xff, 0, 0, 0, 0x9f, 0xcf, 0 },   /* 0x78: conforming code DPL 0 */
    };
    static const struct { uint8_t op; uint16_t sel; int vec; uint32_t err, cs; } c[] = {
        { 0xea, G3, 6, 0, 0x1b },        /* JMP: same privilege */
        { 0x9a, G3, 6, 0, 0x1b },        /* CALL: same privilege */
        { 0xea, G0, 13, 0x08, 0 },       /* JMP may not raise privilege */
        { 0x9a, G0, 6, 0, 0x08 },        /* CALL does, through the ring-0 stack */
        { 0xea, GC, 6, 0, 0x7b },        /* conforming: CPL stays 3 */
        { 0x9a, GC, 6, 0, 0x7b },
        { 0xea, GLOW, 13, GLOW, 0 },     /* gate DPL 0 < CPL 3 */
        { 0x9a, GLOW, 13, GLOW, 0 },
        { 0xea, GNP, 11, GNP & ~3u, 0 },
        { 0xea, GNULL, 13, 0, 0 },
        { 0x9a, GDATA, 13, 0x20, 0 },
        { 0xea, GCNP, 13, 0x70, 0 },     /* JMP: DPL 0 != CPL 3 comes first */
        { 0x9a, GCNP, 11, 0x70, 0 },     /* CALL: DPL 0 is fine, then not present */
    };
    for (size_t k = 0; k < sizeof c / sizeof c[0]; k++) {
        uint8_t insn[7] = { c[k].op, 0x44, 0x33, 0x22, 0x11, (uint8_t)c[k].sel, 0 };
        T *t = t_new();
        int v = gate_run(t, gd, (int)(sizeof gd / sizeof gd[0]), insn, sizeof insn);
        ck_assert_msg(v == c[k].vec, "case %zu: vector %d", k, v);
        uint32_t esp = S(t)->regs[R_ESP];
        if (v != 6) {
            t_check_ring3_fault(t, c[k].err, 0x1800, 0x60000);
        } else {
            ck_assert_msg(t_rd32(t, esp) == 0x1900 && t_rd32(t, esp + 4) == c[k].cs,
                          "case %zu: #UD at %x:%x", k, t_rd32(t, esp + 4), t_rd32(t, esp));
            /* a CALL pushed CS:EIP of the next instruction: on the ring-3 stack, or (from
             * the gate to ring 0) on the TSS's ring-0 stack above the #UD frame, with SS:ESP */
            if (c[k].op == 0x9a && c[k].cs == 0x08) {
                ck_assert_uint_eq(esp, 0x70000 - 16 - 12);
                ck_assert_uint_eq(t_rd32(t, esp + 12), 0x1807);
                ck_assert_uint_eq(t_rd32(t, esp + 16), 0x1b);
                ck_assert_uint_eq(t_rd32(t, esp + 20), 0x60000);
                ck_assert_uint_eq(t_rd32(t, esp + 24), 0x23);
            } else if (c[k].op == 0x9a) {
                ck_assert_uint_eq(t_rd32(t, 0x60000 - 8), 0x1807);
                ck_assert_uint_eq(t_rd32(t, 0x60000 - 4), 0x1b);
            }
        }
        t_free(t);
    }
}
END_TEST

static Suite *sys_suite(void)
{
    Suite *s = suite_create("cpu_sys");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, test_cpu_descriptor_table_and_segment_check_instructions);
    tcase_add_test(tc, test_cpu_control_debug_registers_msrs_cpuid_and_rdtsc);
    tcase_add_test(tc, test_cpu_dr7_general_detect_faults_mov_dr_with_bd);
    tcase_add_loop_test(tc, test_cpu_msrs_answer_as_qemu_and_gp_only_where_it_does, 0,
                        sizeof msr_cases / sizeof msr_cases[0]);
    tcase_add_test(tc, test_cpu_rdtsc_is_the_virtual_clock_in_ns);
    tcase_add_test(tc, test_cpu_invlpg_and_cr3_reload_pick_up_a_changed_pte);
    tcase_add_test(tc, test_cpu_io_at_cpl3_follows_iopl_and_the_tss_bitmap);
    tcase_add_test(tc, test_cpu_string_io_at_cpl3_is_checked_before_any_transfer);
    tcase_add_test(tc, test_cpu_privileged_instructions_at_cpl3_raise_gp);
    tcase_add_test(tc, test_cpu_rdtsc_at_cpl3_faults_only_with_cr4_tsd);
    tcase_add_test(tc, test_cpu_far_jmp_and_call_through_call_gates);
    suite_add_tcase(s, tc);
    return s;
}

int main(void) { return t_main(sys_suite()); }
