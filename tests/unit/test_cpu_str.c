/* test_cpu_str.c: string, stack and loop instructions and the 66/67 prefixes on a bare CPU
 * + RAM machine (cpu_test.h), in real mode and in flat 32-bit code. Each program stores a record (EAX, EDX, EFLAGS)
 * per case; expected values follow the SDM and were checked against QEMU 7.2 TCG running the
 * same instructions as a -bios image (with its stack at 0x7000 instead of 0xF000). */
#include "cpu_test.h"

/* String instructions: REP MOVSB backwards (DF = 1), REPE CMPSB stopping at the first
 * difference, REPNE SCASW backwards stopping at the match, REP with CX = 0 doing nothing,
 * LODSD with a 66 prefix, REP STOSD with a 67 prefix (ECX/EDI), and an a16 LOOP using CX only. */
START_TEST(test_cpu_string_instructions_with_rep_df_and_address_size)
{
    static const uint8_t code[] = {
        0xbf, 0x00, 0x30,                     /* mov di, 0x3000 */
        0x57,                                 /* push di */
        0x66, 0xc7, 0x06, 0x00, 0x31, 0x41, 0x42, 0x43, 0x44, /* mov dword [0x3100], 0x44434241 */
        0xbe, 0x03, 0x31,                     /* mov si, 0x3103 */
        0xbf, 0x03, 0x32,                     /* mov di, 0x3203 */
        0xb9, 0x04, 0x00,                     /* mov cx, 4 */
        0xfd,                                 /* std */
        0xf3, 0xa4,                           /* rep movsb */
        0xfc,                                 /* cld */
        0x89, 0xf0,                           /* mov ax, si */
        0x89, 0xfa,                           /* mov dx, di */
        0x5f,                                 /* pop di */
        T_REC16,
        0x66, 0xa1, 0x00, 0x32,               /* mov eax, [0x3200] */
        0x66, 0x8b, 0x16, 0x04, 0x32,         /* mov edx, [0x3204] */
        T_REC16,
        0x57,                                 /* push di */
        0x66, 0xc7, 0x06, 0x00, 0x31, 0x61, 0x62, 0x63, 0x64, /* mov dword [0x3100], 0x64636261 */
        0x66, 0xc7, 0x06, 0x00, 0x32, 0x61, 0x62, 0x58, 0x64, /* mov dword [0x3200], 0x64586261 */
        0xbe, 0x00, 0x31,                     /* mov si, 0x3100 */
        0xbf, 0x00, 0x32,                     /* mov di, 0x3200 */
        0xb9, 0x04, 0x00,                     /* mov cx, 4 */
        0xf3, 0xa6,                           /* repe cmpsb */
        0x89, 0xc8,                           /* mov ax, cx */
        0x89, 0xf2,                           /* mov dx, si */
        0x5f,                                 /* pop di */
        T_REC16,
        0x57,                                 /* push di */
        0x66, 0xc7, 0x06, 0x00, 0x31, 0x01, 0x00, 0x02, 0x00, /* mov dword [0x3100], 0x00020001 */
        0x66, 0xc7, 0x06, 0x04, 0x31, 0x03, 0x00, 0x04, 0x00, /* mov dword [0x3104], 0x00040003 */
        0xbf, 0x06, 0x31,                     /* mov di, 0x3106 */
        0xb8, 0x02, 0x00,                     /* mov ax, 2 */
        0xb9, 0x04, 0x00,                     /* mov cx, 4 */
        0xfd,                                 /* std */
        0xf2, 0xaf,                           /* repne scasw */
        0xfc,                                 /* cld */
        0x89, 0xc8,                           /* mov ax, cx */
        0x89, 0xfa,                           /* mov dx, di */
        0x5f,                                 /* pop di */
        T_REC16,
        0x57,                                 /* push di */
        0xbe, 0x00, 0x31,                     /* mov si, 0x3100 */
        0xbf, 0x00, 0x32,                     /* mov di, 0x3200 */
        0x31, 0xc9,                           /* xor cx, cx */
        0xf9,                                 /* stc */
        0xf3, 0xa4,                           /* rep movsb */
        0x89, 0xf0,                           /* mov ax, si */
        0x89, 0xfa,                           /* mov dx, di */
        0x5f,                                 /* pop di */
        T_REC16,
        0xbe, 0x00, 0x31,                     /* mov si, 0x3100 */
        0x66, 0xad,                           /* lodsd */
        0x89, 0xf2,                           /* mov dx, si */
        T_REC16,
        0x66, 0x57,                           /* push edi */
        0x66, 0xbf, 0x00, 0x33, 0x00, 0x00,   /* mov edi, 0x3300 */
        0x66, 0xb9, 0x03, 0x00, 0x00, 0x00,   /* mov ecx, 3 */
        0x66, 0xb8, 0xef, 0xbe, 0xad, 0xde,   /* mov eax, 0xdeadbeef */
        0xf3, 0x66, 0x67, 0xab,               /* a32 rep stosd */
        0x66, 0xa1, 0x08, 0x33,               /* mov eax, [0x3308] */
        0x66, 0x89, 0xfa,                     /* mov edx, edi */
        0x66, 0x5f,                           /* pop edi */
        T_REC16,
        0x66, 0xb9, 0x01, 0x00, 0x01, 0x00,   /* mov ecx, 0x00010001 */
        0xe2, 0xfe,                           /* l5: loop l5 */
        0x66, 0x89, 0xc8,                     /* mov eax, ecx */
        T_REC16,
        0xf4,                                 /* hlt */
    };
    static const TRec want[] = {
        { 0xffff, 0x30ff, 0xffff, 0x31ff, 0x0, 0x0, "push di; mov dword [0x3100], 0x44434241; mov si, 0x3103; mov di, 0x3203; mov cx, 4; std; rep movsb; cld; mov ax, si; mov dx, di; pop di" },
        { 0xffffffff, 0x44434241, 0xffffffff, 0x0, 0x0, 0x0, "mov eax, [0x3200]; mov edx, [0x3204]" },
        { 0xffff, 0x1, 0xffff, 0x3103, 0x8d5, 0x10, "push di; mov dword [0x3100], 0x64636261; mov dword [0x3200], 0x64586261; mov si, 0x3100; mov di, 0x3200; mov cx, 4; repe cmpsb; mov ax, cx; mov dx, si; pop di" },
        { 0xffff, 0x1, 0xffff, 0x3100, 0x41, 0x40, "push di; mov dword [0x3100], 0x00020001; mov dword [0x3104], 0x00040003; mov di, 0x3106; mov ax, 2; mov cx, 4; std; repne scasw; cld; mov ax, cx; mov dx, di; pop di" },
        { 0xffff, 0x3100, 0xffff, 0x3200, 0x1, 0x1, "push di; mov si, 0x3100; mov di, 0x3200; xor cx, cx; stc; rep movsb; mov ax, si; mov dx, di; pop di" },
        { 0xffffffff, 0x20001, 0xffff, 0x3104, 0x0, 0x0, "mov si, 0x3100; lodsd; mov dx, si" },
        { 0xffffffff, 0xdeadbeef, 0xffffffff, 0x330c, 0x0, 0x0, "push edi; mov edi, 0x3300; mov ecx, 3; mov eax, 0xdeadbeef; a32 rep stosd; mov eax, [0x3308]; mov edx, edi; pop edi" },
        { 0xffffffff, 0x10000, 0x0, 0x0, 0x0, 0x0, "mov ecx, 0x00010001; l5: loop l5; mov eax, ecx" },
    };
    t_real_recs(code, sizeof code, want, sizeof want / sizeof want[0]);
}
END_TEST

/* Stack and loop instructions: PUSH SP pushes the value before the push (286 and later);
 * PUSHA saves the original SP and POPA skips it; ENTER 4, 2 copies one outer frame pointer
 * from [BP - 2] and pushes the new frame pointer; LEAVE undoes it; PUSH with 66 moves SP
 * by 4; LOOP, LOOPNE, JCXZ and JECXZ. */
START_TEST(test_cpu_stack_push_sp_pusha_enter_leave_loop_jcxz)
{
    static const uint8_t code[] = {
        0xbf, 0x00, 0x30,                     /* mov di, 0x3000 */
        0x54,                                 /* push sp */
        0x58,                                 /* pop ax */
        0x89, 0xe2,                           /* mov dx, sp */
        T_REC16,
        0xbb, 0x04, 0x00,                     /* mov bx, 4 */
        0xbd, 0x06, 0x00,                     /* mov bp, 6 */
        0x60,                                 /* pusha */
        0x89, 0xe5,                           /* mov bp, sp */
        0x8b, 0x46, 0x06,                     /* mov ax, [bp+6] */
        0xa3, 0x10, 0x35,                     /* mov [0x3510], ax */
        0xbb, 0x99, 0x99,                     /* mov bx, 0x9999 */
        0xbd, 0x77, 0x77,                     /* mov bp, 0x7777 */
        0x61,                                 /* popa */
        0x89, 0xda,                           /* mov dx, bx */
        0x66, 0xc1, 0xe2, 0x10,               /* shl edx, 16 */
        0x89, 0xea,                           /* mov dx, bp */
        0xa1, 0x10, 0x35,                     /* mov ax, [0x3510] */
        T_REC16,
        0xc7, 0x06, 0x32, 0x34, 0xef, 0xbe,   /* mov word [0x3432], 0xbeef */
        0xbd, 0x34, 0x34,                     /* mov bp, 0x3434 */
        0xc8, 0x04, 0x00, 0x02,               /* enter 4, 2 */
        0x8b, 0x46, 0xfe,                     /* mov ax, [bp-2] */
        0x8b, 0x56, 0xfc,                     /* mov dx, [bp-4] */
        0x29, 0xea,                           /* sub dx, bp */
        0x89, 0x2e, 0x00, 0x35,               /* mov [0x3500], bp */
        0x89, 0x26, 0x02, 0x35,               /* mov [0x3502], sp */
        0xc7, 0x06, 0x04, 0x35, 0x00, 0x00,   /* mov [0x3504], word 0 */
        0xc9,                                 /* leave */
        0x89, 0x2e, 0x06, 0x35,               /* mov [0x3506], bp */
        0x89, 0x26, 0x08, 0x35,               /* mov [0x3508], sp */
        T_REC16,
        0xa1, 0x00, 0x35,                     /* mov ax, [0x3500] */
        0x8b, 0x16, 0x02, 0x35,               /* mov dx, [0x3502] */
        T_REC16,
        0xa1, 0x06, 0x35,                     /* mov ax, [0x3506] */
        0x8b, 0x16, 0x08, 0x35,               /* mov dx, [0x3508] */
        T_REC16,
        0x89, 0xe3,                           /* mov bx, sp */
        0x66, 0x68, 0x44, 0x33, 0x22, 0x11,   /* push dword 0x11223344 */
        0x89, 0xd8,                           /* mov ax, bx */
        0x29, 0xe0,                           /* sub ax, sp */
        0x66, 0x5a,                           /* pop edx */
        T_REC16,
        0x31, 0xc0,                           /* xor ax, ax */
        0xb9, 0x05, 0x00,                     /* mov cx, 5 */
        0x40,                                 /* l1: inc ax */
        0xe2, 0xfd,                           /* loop l1 */
        0x89, 0xca,                           /* mov dx, cx */
        T_REC16,
        0xb9, 0x0a, 0x00,                     /* mov cx, 10 */
        0x31, 0xc0,                           /* xor ax, ax */
        0x40,                                 /* l2: inc ax */
        0x83, 0xf8, 0x03,                     /* cmp ax, 3 */
        0xe0, 0xfa,                           /* loopne l2 */
        0x89, 0xca,                           /* mov dx, cx */
        T_REC16,
        0xb9, 0x00, 0x00,                     /* mov cx, 0 */
        0xb8, 0x01, 0x00,                     /* mov ax, 1 */
        0xe3, 0x03,                           /* jcxz l3 */
        0xb8, 0x02, 0x00,                     /* mov ax, 2 */
        0x66, 0xb9, 0x00, 0x00, 0x01, 0x00,   /* l3: mov ecx, 0x10000 */
        0xba, 0x07, 0x00,                     /* mov dx, 7 */
        0x67, 0xe3, 0x03,                     /* jecxz l4 */
        0xba, 0x08, 0x00,                     /* mov dx, 8 */
        0x90,                                 /* l4: nop */
        T_REC16,
        0xf4,                                 /* hlt */
    };
    static const TRec want[] = {
        { 0xffff, 0xf000, 0xffff, 0xf000, 0x0, 0x0, "push sp; pop ax; mov dx, sp" },
        { 0xffff, 0xf000, 0xffffffff, 0x40006, 0x0, 0x0, "mov bx, 4; mov bp, 6; pusha; mov bp, sp; mov ax, [bp+6]; mov [0x3510], ax; mov bx, 0x9999; mov bp, 0x7777; popa; mov dx, bx; shl edx, 16; mov dx, bp; mov ax, [0x3510]" },
        { 0xffff, 0xbeef, 0xffff, 0x0, 0x0, 0x0, "mov word [0x3432], 0xbeef; mov bp, 0x3434; enter 4, 2; mov ax, [bp-2]; mov dx, [bp-4]; sub dx, bp; mov [0x3500], bp; mov [0x3502], sp; mov [0x3504], word 0; leave; mov [0x3506], bp; mov [0x3508], sp" },
        { 0xffff, 0xeffe, 0xffff, 0xeff6, 0x0, 0x0, "mov ax, [0x3500]; mov dx, [0x3502]" },
        { 0xffff, 0x3434, 0xffff, 0xf000, 0x0, 0x0, "mov ax, [0x3506]; mov dx, [0x3508]" },
        { 0xffff, 0x4, 0xffffffff, 0x11223344, 0x0, 0x0, "mov bx, sp; push dword 0x11223344; mov ax, bx; sub ax, sp; pop edx" },
        { 0xffff, 0x5, 0xffff, 0x0, 0x0, 0x0, "xor ax, ax; mov cx, 5; l1: inc ax; loop l1; mov dx, cx" },
        { 0xffff, 0x3, 0xffff, 0x7, 0x40, 0x40, "mov cx, 10; xor ax, ax; l2: inc ax; cmp ax, 3; loopne l2; mov dx, cx" },
        { 0xffff, 0x1, 0xffff, 0x8, 0x0, 0x0, "mov cx, 0; mov ax, 1; jcxz l3; mov ax, 2; l3: mov ecx, 0x10000; mov dx, 7; jecxz l4; mov dx, 8; l4: nop" },
    };
    t_real_recs(code, sizeof code, want, sizeof want / sizeof want[0]);
}
END_TEST

/* The 66 and 67 prefixes in 32-bit code (flat, CPL 0): 16-bit operations keep the upper half
 * and set flags at bit 15; 16-bit addressing ([bx+si], wrap at 64 KiB); a16 REP MOVSB and
 * LOOP use CX/SI/DI only; o16 PUSH/POP move ESP by 2; ENTER 8, 3 with 32-bit
 * frames; MOVZX/MOVSX. Checked against QEMU 7.2 (same program, -bios image in protected mode). */
START_TEST(test_cpu_operand_and_address_size_prefixes_in_32_bit_code)
{
    static const uint8_t code[] = {
        0xbf, 0x00, 0x30, 0x00, 0x00,         /* mov edi, 0x3000 */
        0xb8, 0xff, 0xff, 0x34, 0x12,         /* mov eax, 0x1234ffff */
        0xbb, 0x01, 0x00, 0x00, 0x00,         /* mov ebx, 1 */
        0x66, 0x01, 0xd8,                     /* add ax, bx */
        T_REC32,
        0xb8, 0xff, 0x7f, 0x34, 0x12,         /* mov eax, 0x12347fff */
        0xbb, 0x01, 0x00, 0x00, 0x00,         /* mov ebx, 1 */
        0x66, 0x01, 0xd8,                     /* add ax, bx */
        T_REC32,
        0xc7, 0x05, 0x00, 0x35, 0x00, 0x00, 0xbe, 0xba, 0xfe, 0xca, /* mov dword [0x3500], 0xcafebabe */
        0xbb, 0x00, 0x34, 0xff, 0xff,         /* mov ebx, 0xffff3400 */
        0xbe, 0x00, 0x01, 0x00, 0x00,         /* mov esi, 0x100 */
        0x67, 0x8b, 0x00,                     /* a16 mov eax, [bx+si] */
        T_REC32,
        0xc6, 0x05, 0x02, 0x00, 0x00, 0x00, 0x77, /* mov byte [0x0002], 0x77 */
        0xbb, 0xff, 0xff, 0x00, 0x00,         /* mov ebx, 0xffff */
        0x31, 0xc0,                           /* xor eax, eax */
        0x67, 0x8a, 0x47, 0x03,               /* a16 mov al, [bx+3] */
        0xc6, 0x05, 0x02, 0x00, 0x00, 0x00, 0x00, /* mov byte [0x0002], 0 */
        T_REC32,
        0x57,                                 /* push edi */
        0xc7, 0x05, 0x00, 0x36, 0x00, 0x00, 0x41, 0x42, 0x43, 0x44, /* mov dword [0x3600], 0x44434241 */
        0xbe, 0x00, 0x36, 0x00, 0x10,         /* mov esi, 0x10003600 */
        0xbf, 0x00, 0x37, 0x00, 0x20,         /* mov edi, 0x20003700 */
        0xb9, 0x04, 0x00, 0x00, 0x30,         /* mov ecx, 0x30000004 */
        0xf3, 0x67, 0xa4,                     /* a16 rep movsb */
        0x89, 0xc8,                           /* mov eax, ecx */
        0x89, 0xf2,                           /* mov edx, esi */
        0x8b, 0x3d, 0x00, 0x37, 0x00, 0x00,   /* mov edi, [0x3700] */
        0x89, 0x3d, 0x04, 0x37, 0x00, 0x00,   /* mov [0x3704], edi */
        0x5f,                                 /* pop edi */
        T_REC32,
        0xa1, 0x04, 0x37, 0x00, 0x00,         /* mov eax, [0x3704] */
        T_REC32,
        0xb9, 0x02, 0x00, 0x01, 0x00,         /* mov ecx, 0x00010002 */
        0x31, 0xc0,                           /* xor eax, eax */
        0x40,                                 /* l1: inc eax */
        0x67, 0xe2, 0xfc,                     /* a16 loop l1 */
        0x89, 0xca,                           /* mov edx, ecx */
        T_REC32,
        0x89, 0xe3,                           /* mov ebx, esp */
        0x66, 0x68, 0x34, 0x12,               /* push word 0x1234 */
        0x89, 0xd8,                           /* mov eax, ebx */
        0x29, 0xe0,                           /* sub eax, esp */
        0x31, 0xd2,                           /* xor edx, edx */
        0x66, 0x5a,                           /* o16 pop dx */
        T_REC32,
        0xbd, 0x00, 0x38, 0x00, 0x00,         /* mov ebp, 0x3800 */
        0xc7, 0x05, 0xfc, 0x37, 0x00, 0x00, 0x11, 0x11, 0x11, 0x11, /* mov dword [0x37fc], 0x11111111 */
        0xc7, 0x05, 0xf8, 0x37, 0x00, 0x00, 0x22, 0x22, 0x22, 0x22, /* mov dword [0x37f8], 0x22222222 */
        0x89, 0xe3,                           /* mov ebx, esp */
        0xc8, 0x08, 0x00, 0x03,               /* enter 8, 3 */
        0x89, 0xd8,                           /* mov eax, ebx */
        0x29, 0xe0,                           /* sub eax, esp */
        0x8b, 0x55, 0xf8,                     /* mov edx, [ebp-8] */
        0xc9,                                 /* leave */
        T_REC32,
        0xbd, 0x00, 0x38, 0x00, 0x00,         /* mov ebp, 0x3800 */
        0x89, 0xe3,                           /* mov ebx, esp */
        0xc8, 0x08, 0x00, 0x03,               /* enter 8, 3 */
        0x8b, 0x45, 0xf4,                     /* mov eax, [ebp-12] */
        0x29, 0xe8,                           /* sub eax, ebp */
        0x8b, 0x55, 0x00,                     /* mov edx, [ebp] */
        0xc9,                                 /* leave */
        T_REC32,
        0xb8, 0x80, 0xff, 0xff, 0xff,         /* mov eax, 0xffffff80 */
        0x0f, 0xbe, 0xd0,                     /* movsx edx, al */
        0x0f, 0xb6, 0xc0,                     /* movzx eax, al */
        T_REC32,
        0xb8, 0x78, 0x56, 0x34, 0x12,         /* mov eax, 0x12345678 */
        0xba, 0xbc, 0x9a, 0x00, 0x00,         /* mov edx, 0x9abc */
        0x66, 0x0f, 0xbe, 0xc2,               /* movsx ax, dl */
        0x0f, 0xbf, 0xd2,                     /* movsx edx, dx */
        T_REC32,
        0xf4,                                 /* hlt */
    };
    static const TRec want[] = {
        { 0xffffffff, 0x12340000, 0x0, 0x0, 0x8d5, 0x55, "mov eax, 0x1234ffff; mov ebx, 1; add ax, bx" },
        { 0xffffffff, 0x12348000, 0x0, 0x0, 0x8d5, 0x894, "mov eax, 0x12347fff; mov ebx, 1; add ax, bx" },
        { 0xffffffff, 0xcafebabe, 0x0, 0x0, 0x0, 0x0, "mov dword [0x3500], 0xcafebabe; mov ebx, 0xffff3400; mov esi, 0x100; a16 mov eax, [bx+si]" },
        { 0xffffffff, 0x77, 0x0, 0x0, 0x0, 0x0, "mov byte [0x0002], 0x77; mov ebx, 0xffff; xor eax, eax; a16 mov al, [bx+3]; mov byte [0x0002], 0" },
        { 0xffffffff, 0x30000000, 0xffffffff, 0x10003604, 0x0, 0x0, "push edi; mov dword [0x3600], 0x44434241; mov esi, 0x10003600; mov edi, 0x20003700; mov ecx, 0x30000004; a16 rep movsb; mov eax, ecx; mov edx, esi; mov edi, [0x3700]; mov [0x3704], edi; pop edi" },
        { 0xffffffff, 0x44434241, 0x0, 0x0, 0x0, 0x0, "mov eax, [0x3704]" },
        { 0xffffffff, 0x2, 0xffffffff, 0x10000, 0x0, 0x0, "mov ecx, 0x00010002; xor eax, eax; l1: inc eax; a16 loop l1; mov edx, ecx" },
        { 0xffffffff, 0x2, 0xffffffff, 0x1234, 0x0, 0x0, "mov ebx, esp; push word 0x1234; mov eax, ebx; sub eax, esp; xor edx, edx; o16 pop dx" },
        { 0xffffffff, 0x18, 0xffffffff, 0x22222222, 0x0, 0x0, "mov ebp, 0x3800; mov dword [0x37fc], 0x11111111; mov dword [0x37f8], 0x22222222; mov ebx, esp; enter 8, 3; mov eax, ebx; sub eax, esp; mov edx, [ebp-8]; leave" },
        { 0xffffffff, 0x0, 0xffffffff, 0x3800, 0x0, 0x0, "mov ebp, 0x3800; mov ebx, esp; enter 8, 3; mov eax, [ebp-12]; sub eax, ebp; mov edx, [ebp]; leave" },
        { 0xffffffff, 0x80, 0xffffffff, 0xffffff80, 0x0, 0x0, "mov eax, 0xffffff80; movsx edx, al; movzx eax, al" },
        { 0xffffffff, 0x1234ffbc, 0xffffffff, 0xffff9abc, 0x0, 0x0, "mov eax, 0x12345678; mov edx, 0x9abc; movsx ax, dl; movsx edx, dx" },
    };
    t_flat_recs(code, sizeof code, want, sizeof want / sizeof want[0]);
}
END_TEST

/* ESP as an operand (flat 32-bit): POP ESP loads the popped value; POP [ESP] computes the
 * address after the increment; PUSH ESP pushes the value before the push; RET 8 releases
 * the arguments; POP into memory through an ESP-relative address. Same as QEMU 7.2. */
START_TEST(test_cpu_stack_pointer_as_operand_in_32_bit_code)
{
    static const uint8_t code[] = {
        0xbf, 0x00, 0x30, 0x00, 0x00,         /* mov edi, 0x3000 */
        0x68, 0x56, 0x34, 0x00, 0x00,         /* push dword 0x3456 */
        0x5c,                                 /* pop esp */
        0x89, 0xe0,                           /* mov eax, esp */
        0xbc, 0x00, 0x00, 0x08, 0x00,         /* mov esp, 0x80000 */
        T_REC32,
        0x68, 0x11, 0x11, 0x11, 0x11,         /* push dword 0x11111111 */
        0x68, 0x22, 0x22, 0x22, 0x22,         /* push dword 0x22222222 */
        0x8f, 0x04, 0x24,                     /* pop dword [esp] */
        0x8b, 0x04, 0x24,                     /* mov eax, [esp] */
        0x5a,                                 /* pop edx */
        T_REC32,
        0x54,                                 /* push esp */
        0x58,                                 /* pop eax; stosd */
        0x89, 0xe2,                           /* mov edx, esp */
        T_REC32,
        0x6a, 0x01,                           /* push dword 1 */
        0x6a, 0x02,                           /* push dword 2 */
        0xe8, 0x02, 0x00, 0x00, 0x00,         /* call l9 */
        0xeb, 0x03,                           /* jmp l10 */
        0xc2, 0x08, 0x00,                     /* l9: ret 8 */
        0x89, 0xe0,                           /* l10: mov eax, esp */
        0x31, 0xd2,                           /* xor edx, edx */
        T_REC32,
        0x68, 0x33, 0x33, 0x33, 0x33,         /* push dword 0x33333333 */
        0x68, 0x44, 0x44, 0x44, 0x44,         /* push dword 0x44444444 */
        0x8f, 0x44, 0x24, 0x04,               /* pop dword [esp+4] */
        0x8b, 0x04, 0x24,                     /* mov eax, [esp] */
        0x89, 0xe2,                           /* mov edx, esp */
        0x83, 0xc4, 0x04,                     /* add esp, 4 */
        T_REC32,
        0xf4,                                 /* hlt */
    };
    static const TRec want[] = {
        { 0xffffffff, 0x3456, 0x0, 0x0, 0x0, 0x0, "push dword 0x3456; pop esp; mov eax, esp; mov esp, 0x80000" },
        { 0xffffffff, 0x22222222, 0xffffffff, 0x22222222, 0x0, 0x0, "push dword 0x11111111; push dword 0x22222222; pop dword [esp]; mov eax, [esp]; pop edx" },
        { 0xffffffff, 0x80000, 0xffffffff, 0x80000, 0x0, 0x0, "push esp; pop eax; mov edx, esp" },
        { 0xffffffff, 0x80000, 0xffffffff, 0x0, 0x0, 0x0, "push dword 1; push dword 2; call l9; jmp l10; l9: ret 8; l10: mov eax, esp; xor edx, edx" },
        { 0xffffffff, 0x33333333, 0xffffffff, 0x7fffc, 0x0, 0x0, "push dword 0x33333333; push dword 0x44444444; pop dword [esp+4]; mov eax, [esp]; mov edx, esp; add esp, 4" },
    };
    t_flat_recs(code, sizeof code, want, sizeof want / sizeof want[0]);
}
END_TEST

static Suite *str_suite(void)
{
    Suite *s = suite_create("cpu_str");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, test_cpu_string_instructions_with_rep_df_and_address_size);
    tcase_add_test(tc, test_cpu_stack_push_sp_pusha_enter_leave_loop_jcxz);
    tcase_add_test(tc, test_cpu_operand_and_address_size_prefixes_in_32_bit_code);
    tcase_add_test(tc, test_cpu_stack_pointer_as_operand_in_32_bit_code);
    suite_add_tcase(s, tc);
    return s;
}

int main(void) { return t_main(str_suite()); }
