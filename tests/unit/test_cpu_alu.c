/* test_cpu_alu.c: the integer instruction groups on a bare CPU + RAM machine (cpu_test.h):
 * BCD, shifts and rotates, multiply and divide with #DE, INTO/BOUND, bit test and scan,
 * BSWAP, XADD, CMPXCHG, CMPXCHG8B, LAHF/SAHF, SETcc and CMOVcc, and edge cases. Each program
 * runs in real mode and stores a record (EAX, EDX, EFLAGS) per case; the expected values
 * follow the SDM and were checked against QEMU 7.2 TCG running the same instructions as a
 * -bios image (equal in every bit the SDM defines; undefined flags are masked out, see each
 * table). CMPXCHG8B changes only ZF, per the SDM; QEMU 7.2 does the same here. */
#include "cpu_test.h"

/* BCD: DAA/DAS set CF and AF and SF ZF PF from the result; AAA/AAS define only AF and CF;
 * AAM/AAD with base 10 and other bases define SF ZF PF (SDM vol. 2A; same results as QEMU 7.2). */
START_TEST(test_cpu_bcd_adjusts_after_add_sub_mul_div)
{
    static const uint8_t code[] = {
        0xbf, 0x00, 0x30,                     /* mov di, 0x3000 */
        0xb0, 0x79,                           /* mov al, 0x79 */
        0x04, 0x35,                           /* add al, 0x35 */
        0x27,                                 /* daa */
        T_REC16,
        0xb0, 0x14,                           /* mov al, 0x14 */
        0x2c, 0x35,                           /* sub al, 0x35 */
        0x2f,                                 /* das */
        T_REC16,
        0xb0, 0x99,                           /* mov al, 0x99 */
        0x04, 0x01,                           /* add al, 0x01 */
        0x27,                                 /* daa */
        T_REC16,
        0xb8, 0x09, 0x00,                     /* mov ax, 0x0009 */
        0x04, 0x08,                           /* add al, 0x08 */
        0x37,                                 /* aaa */
        T_REC16,
        0xb8, 0x05, 0x01,                     /* mov ax, 0x0105 */
        0x04, 0x02,                           /* add al, 0x02 */
        0x37,                                 /* aaa */
        T_REC16,
        0xb8, 0x02, 0x01,                     /* mov ax, 0x0102 */
        0x2c, 0x05,                           /* sub al, 5 */
        0x3f,                                 /* aas */
        T_REC16,
        0xb0, 0x4d,                           /* mov al, 77 */
        0xd4, 0x0a,                           /* aam */
        T_REC16,
        0xb8, 0x05, 0x07,                     /* mov ax, 0x0705 */
        0xd5, 0x0a,                           /* aad */
        T_REC16,
        0xb0, 0x64,                           /* mov al, 100 */
        0xd4, 0x10,                           /* aam 16 */
        T_REC16,
        0xb8, 0x03, 0x02,                     /* mov ax, 0x0203 */
        0xd5, 0x10,                           /* aad 16 */
        T_REC16,
        0xb8, 0x00, 0x0a,                     /* mov ax, 0x0a00 */
        0xd5, 0x0a,                           /* aad */
        T_REC16,
        0xf4,                                 /* hlt */
    };
    static const TRec want[] = {
        { 0xff, 0x14, 0x0, 0x0, 0xd5, 0x15, "mov al, 0x79; add al, 0x35; daa" },
        { 0xff, 0x79, 0x0, 0x0, 0xd5, 0x11, "mov al, 0x14; sub al, 0x35; das" },
        { 0xff, 0x0, 0x0, 0x0, 0xd5, 0x55, "mov al, 0x99; add al, 0x01; daa" },
        { 0xffff, 0x107, 0x0, 0x0, 0x11, 0x11, "mov ax, 0x0009; add al, 0x08; aaa" },
        { 0xffff, 0x107, 0x0, 0x0, 0x11, 0x0, "mov ax, 0x0105; add al, 0x02; aaa" },
        { 0xffff, 0x7, 0x0, 0x0, 0x11, 0x11, "mov ax, 0x0102; sub al, 5; aas" },
        { 0xffff, 0x707, 0x0, 0x0, 0xc4, 0x0, "mov al, 77; aam" },
        { 0xffff, 0x4b, 0x0, 0x0, 0xc4, 0x4, "mov ax, 0x0705; aad" },
        { 0xffff, 0x604, 0x0, 0x0, 0xc4, 0x0, "mov al, 100; aam 16" },
        { 0xffff, 0x23, 0x0, 0x0, 0xc4, 0x0, "mov ax, 0x0203; aad 16" },
        { 0xffff, 0x64, 0x0, 0x0, 0xc4, 0x0, "mov ax, 0x0a00; aad" },
    };
    t_real_recs(code, sizeof code, want, sizeof want / sizeof want[0]);
}
END_TEST

/* Shifts and rotates: count 0 (and 32, masked to 0) leaves flags alone; count 1 defines OF;
 * counts are masked to 5 bits, not to the operand width; RCR of a byte by 9 is a no-op (mod 9);
 * SHLD/SHRD take bits from the second operand. CF and OF only where the SDM defines them
 * (QEMU 7.2 and pcemu differ in SHLD's undefined OF). */
START_TEST(test_cpu_shifts_and_rotates_by_0_1_and_beyond_the_width)
{
    static const uint8_t code[] = {
        0xbf, 0x00, 0x30,                     /* mov di, 0x3000 */
        0x31, 0xd2,                           /* xor dx, dx */
        0xb8, 0x01, 0x80,                     /* mov ax, 0x8001 */
        0xf9,                                 /* stc */
        0xb1, 0x00,                           /* mov cl, 0 */
        0xd3, 0xe0,                           /* shl ax, cl */
        T_REC16,
        0xb8, 0x01, 0x80,                     /* mov ax, 0x8001 */
        0xd1, 0xe0,                           /* shl ax, 1 */
        T_REC16,
        0xb8, 0x00, 0x40,                     /* mov ax, 0x4000 */
        0xd1, 0xe0,                           /* shl ax, 1 */
        T_REC16,
        0xb8, 0x81, 0x00,                     /* mov ax, 0x0081 */
        0xb1, 0x09,                           /* mov cl, 9 */
        0xd2, 0xe0,                           /* shl al, cl */
        T_REC16,
        0xb8, 0x34, 0x12,                     /* mov ax, 0x1234 */
        0xb1, 0x21,                           /* mov cl, 33 */
        0xd3, 0xe0,                           /* shl ax, cl */
        T_REC16,
        0xb8, 0x81, 0x00,                     /* mov ax, 0x0081 */
        0xb1, 0x09,                           /* mov cl, 9 */
        0xd2, 0xc0,                           /* rol al, cl */
        T_REC16,
        0xb8, 0x00, 0x80,                     /* mov ax, 0x8000 */
        0xf8,                                 /* clc */
        0xd1, 0xd0,                           /* rcl ax, 1 */
        T_REC16,
        0xb8, 0x01, 0x00,                     /* mov ax, 0x0001 */
        0xf9,                                 /* stc */
        0xb1, 0x09,                           /* mov cl, 9 */
        0xd2, 0xd8,                           /* rcr al, cl */
        T_REC16,
        0xb8, 0x00, 0x80,                     /* mov ax, 0x8000 */
        0xb1, 0x0f,                           /* mov cl, 15 */
        0xd3, 0xf8,                           /* sar ax, cl */
        T_REC16,
        0xb8, 0x01, 0x80,                     /* mov ax, 0x8001 */
        0xd1, 0xe8,                           /* shr ax, 1 */
        T_REC16,
        0xb8, 0x34, 0x12,                     /* mov ax, 0x1234 */
        0xbb, 0xcd, 0xab,                     /* mov bx, 0xabcd */
        0x0f, 0xa4, 0xd8, 0x04,               /* shld ax, bx, 4 */
        T_REC16,
        0x66, 0xb8, 0x78, 0x56, 0x34, 0x12,   /* mov eax, 0x12345678 */
        0x66, 0xbb, 0xf0, 0xde, 0xbc, 0x9a,   /* mov ebx, 0x9abcdef0 */
        0xb1, 0x08,                           /* mov cl, 8 */
        0x66, 0x0f, 0xad, 0xd8,               /* shrd eax, ebx, cl */
        T_REC16,
        0x31, 0xd2,                           /* xor dx, dx */
        0x66, 0xb8, 0x78, 0x56, 0x34, 0x12,   /* mov eax, 0x12345678 */
        0xf9,                                 /* stc */
        0xb1, 0x20,                           /* mov cl, 32 */
        0x66, 0xd3, 0xe0,                     /* shl eax, cl */
        T_REC16,
        0x66, 0xb8, 0x00, 0x00, 0x00, 0x80,   /* mov eax, 0x80000000 */
        0xb1, 0x1f,                           /* mov cl, 31 */
        0x66, 0xd3, 0xc0,                     /* rol eax, cl */
        T_REC16,
        0xb8, 0xf0, 0x00,                     /* mov ax, 0x00f0 */
        0xb1, 0x04,                           /* mov cl, 4 */
        0xd3, 0xc8,                           /* ror ax, cl */
        T_REC16,
        0x66, 0xb8, 0x01, 0x00, 0x00, 0x80,   /* mov eax, 0x80000001 */
        0x66, 0xbb, 0x78, 0x56, 0x34, 0x12,   /* mov ebx, 0x12345678 */
        0x30, 0xc9,                           /* xor cl, cl */
        0xf9,                                 /* stc */
        0x66, 0x0f, 0xa5, 0xd8,               /* shld eax, ebx, cl */
        T_REC16,
        0xf4,                                 /* hlt */
    };
    static const TRec want[] = {
        { 0xffff, 0x8001, 0x0, 0x0, 0x8d5, 0x45, "xor dx, dx; mov ax, 0x8001; stc; mov cl, 0; shl ax, cl" },
        { 0xffff, 0x2, 0x0, 0x0, 0x8c5, 0x801, "mov ax, 0x8001; shl ax, 1" },
        { 0xffff, 0x8000, 0x0, 0x0, 0x8c5, 0x884, "mov ax, 0x4000; shl ax, 1" },
        { 0xffff, 0x0, 0x0, 0x0, 0xc4, 0x44, "mov ax, 0x0081; mov cl, 9; shl al, cl" },
        { 0xffff, 0x2468, 0x0, 0x0, 0x8c5, 0x0, "mov ax, 0x1234; mov cl, 33; shl ax, cl" },
        { 0xffff, 0x3, 0x0, 0x0, 0x1, 0x1, "mov ax, 0x0081; mov cl, 9; rol al, cl" },
        { 0xffff, 0x0, 0x0, 0x0, 0x801, 0x801, "mov ax, 0x8000; clc; rcl ax, 1" },
        { 0xffff, 0x1, 0x0, 0x0, 0x801, 0x801, "mov ax, 0x0001; stc; mov cl, 9; rcr al, cl" },
        { 0xffff, 0xffff, 0x0, 0x0, 0xc5, 0x84, "mov ax, 0x8000; mov cl, 15; sar ax, cl" },
        { 0xffff, 0x4000, 0x0, 0x0, 0x8c5, 0x805, "mov ax, 0x8001; shr ax, 1" },
        { 0xffff, 0x234a, 0x0, 0x0, 0xc5, 0x1, "mov ax, 0x1234; mov bx, 0xabcd; shld ax, bx, 4" },
        { 0xffffffff, 0xf0123456, 0x0, 0x0, 0xc5, 0x84, "mov eax, 0x12345678; mov ebx, 0x9abcdef0; mov cl, 8; shrd eax, ebx, cl" },
        { 0xffffffff, 0x12345678, 0x0, 0x0, 0x8d5, 0x45, "xor dx, dx; mov eax, 0x12345678; stc; mov cl, 32; shl eax, cl" },
        { 0xffffffff, 0x40000000, 0x0, 0x0, 0x1, 0x0, "mov eax, 0x80000000; mov cl, 31; rol eax, cl" },
        { 0xffff, 0xf, 0x0, 0x0, 0x1, 0x0, "mov ax, 0x00f0; mov cl, 4; ror ax, cl" },
        { 0xffffffff, 0x80000001, 0x0, 0x0, 0x1, 0x1, "mov eax, 0x80000001; mov ebx, 0x12345678; xor cl, cl; stc; shld eax, ebx, cl" },
    };
    t_real_recs(code, sizeof code, want, sizeof want / sizeof want[0]);
}
END_TEST

/* MUL/IMUL (one-, two- and three-operand, register and memory) set CF = OF when the high
 * half is significant; DIV/IDIV quotient and remainder, IDIV rounding toward zero and the
 * -128 quotient that still fits. SF ZF AF PF are undefined and not checked. */
START_TEST(test_cpu_mul_imul_div_idiv_in_every_form)
{
    static const uint8_t code[] = {
        0xbf, 0x00, 0x30,                     /* mov di, 0x3000 */
        0xb8, 0xff, 0x00,                     /* mov ax, 0x00ff */
        0xb3, 0xff,                           /* mov bl, 0xff */
        0xf6, 0xe3,                           /* mul bl */
        T_REC16,
        0xb8, 0x02, 0x00,                     /* mov ax, 2 */
        0xb3, 0x03,                           /* mov bl, 3 */
        0xf6, 0xe3,                           /* mul bl */
        T_REC16,
        0xb8, 0x80, 0x00,                     /* mov ax, 0x0080 */
        0xb3, 0x02,                           /* mov bl, 2 */
        0xf6, 0xeb,                           /* imul bl */
        T_REC16,
        0xb8, 0xfe, 0x00,                     /* mov ax, 0x00fe */
        0xb3, 0x03,                           /* mov bl, 3 */
        0xf6, 0xeb,                           /* imul bl */
        T_REC16,
        0xb8, 0x34, 0x12,                     /* mov ax, 0x1234 */
        0xbb, 0x00, 0x01,                     /* mov bx, 0x100 */
        0xf7, 0xe3,                           /* mul bx */
        T_REC16,
        0xb8, 0x00, 0x40,                     /* mov ax, 0x4000 */
        0xbb, 0x02, 0x00,                     /* mov bx, 2 */
        0x0f, 0xaf, 0xc3,                     /* imul ax, bx */
        T_REC16,
        0x66, 0xbb, 0xfb, 0xff, 0xff, 0xff,   /* mov ebx, -5 */
        0x66, 0x6b, 0xc3, 0x07,               /* imul eax, ebx, 7 */
        T_REC16,
        0xbb, 0x10, 0x00,                     /* mov bx, 0x10 */
        0x69, 0xc3, 0x00, 0x10,               /* imul ax, bx, 0x1000 */
        T_REC16,
        0x66, 0xb8, 0xff, 0xff, 0xff, 0xff,   /* mov eax, 0xffffffff */
        0x66, 0xbb, 0xff, 0xff, 0xff, 0xff,   /* mov ebx, 0xffffffff */
        0x66, 0xf7, 0xe3,                     /* mul ebx */
        T_REC16,
        0x66, 0xb8, 0xff, 0xff, 0xff, 0xff,   /* mov eax, -1 */
        0x66, 0xbb, 0x05, 0x00, 0x00, 0x00,   /* mov ebx, 5 */
        0x66, 0xf7, 0xeb,                     /* imul ebx */
        T_REC16,
        0xba, 0x01, 0x00,                     /* mov dx, 1 */
        0xb8, 0x00, 0x00,                     /* mov ax, 0 */
        0xbb, 0x03, 0x00,                     /* mov bx, 3 */
        0xf7, 0xf3,                           /* div bx */
        T_REC16,
        0xb8, 0xf9, 0xff,                     /* mov ax, -7 */
        0xb3, 0x02,                           /* mov bl, 2 */
        0xf6, 0xfb,                           /* idiv bl */
        T_REC16,
        0x66, 0xba, 0xff, 0xff, 0xff, 0xff,   /* mov edx, -1 */
        0x66, 0xb8, 0x9c, 0xff, 0xff, 0xff,   /* mov eax, -100 */
        0x66, 0xbb, 0x07, 0x00, 0x00, 0x00,   /* mov ebx, 7 */
        0x66, 0xf7, 0xfb,                     /* idiv ebx */
        T_REC16,
        0xb8, 0x80, 0x00,                     /* mov ax, 0x0080 */
        0xb3, 0xff,                           /* mov bl, -1 */
        0xf6, 0xfb,                           /* idiv bl */
        T_REC16,
        0x66, 0xc7, 0x06, 0x00, 0x31, 0x00, 0x00, 0x01, 0x00, /* mov dword [0x3100], 0x10000 */
        0x66, 0xb8, 0x03, 0x00, 0x00, 0x00,   /* mov eax, 3 */
        0x66, 0x0f, 0xaf, 0x06, 0x00, 0x31,   /* imul eax, [0x3100] */
        T_REC16,
        0xc7, 0x06, 0x00, 0x31, 0x00, 0x80,   /* mov word [0x3100], 0x8000 */
        0xb8, 0x02, 0x00,                     /* mov ax, 2 */
        0xf7, 0x2e, 0x00, 0x31,               /* imul word [0x3100] */
        T_REC16,
        0xf4,                                 /* hlt */
    };
    static const TRec want[] = {
        { 0xffff, 0xfe01, 0x0, 0x0, 0x801, 0x801, "mov ax, 0x00ff; mov bl, 0xff; mul bl" },
        { 0xffff, 0x6, 0x0, 0x0, 0x801, 0x0, "mov ax, 2; mov bl, 3; mul bl" },
        { 0xffff, 0xff00, 0x0, 0x0, 0x801, 0x801, "mov ax, 0x0080; mov bl, 2; imul bl" },
        { 0xffff, 0xfffa, 0x0, 0x0, 0x801, 0x0, "mov ax, 0x00fe; mov bl, 3; imul bl" },
        { 0xffff, 0x3400, 0xffff, 0x12, 0x801, 0x801, "mov ax, 0x1234; mov bx, 0x100; mul bx" },
        { 0xffff, 0x8000, 0x0, 0x0, 0x801, 0x801, "mov ax, 0x4000; mov bx, 2; imul ax, bx" },
        { 0xffffffff, 0xffffffdd, 0x0, 0x0, 0x801, 0x0, "mov ebx, -5; imul eax, ebx, 7" },
        { 0xffff, 0x0, 0x0, 0x0, 0x801, 0x801, "mov bx, 0x10; imul ax, bx, 0x1000" },
        { 0xffffffff, 0x1, 0xffffffff, 0xfffffffe, 0x801, 0x801, "mov eax, 0xffffffff; mov ebx, 0xffffffff; mul ebx" },
        { 0xffffffff, 0xfffffffb, 0xffffffff, 0xffffffff, 0x801, 0x0, "mov eax, -1; mov ebx, 5; imul ebx" },
        { 0xffff, 0x5555, 0xffff, 0x1, 0x0, 0x0, "mov dx, 1; mov ax, 0; mov bx, 3; div bx" },
        { 0xffff, 0xfffd, 0x0, 0x0, 0x0, 0x0, "mov ax, -7; mov bl, 2; idiv bl" },
        { 0xffffffff, 0xfffffff2, 0xffffffff, 0xfffffffe, 0x0, 0x0, "mov edx, -1; mov eax, -100; mov ebx, 7; idiv ebx" },
        { 0xffff, 0x80, 0x0, 0x0, 0x0, 0x0, "mov ax, 0x0080; mov bl, -1; idiv bl" },
        { 0xffffffff, 0x30000, 0x0, 0x0, 0x801, 0x0, "mov dword [0x3100], 0x10000; mov eax, 3; imul eax, [0x3100]" },
        { 0xffff, 0x0, 0xffff, 0xffff, 0x801, 0x801, "mov word [0x3100], 0x8000; mov ax, 2; imul word [0x3100]" },
    };
    t_real_recs(code, sizeof code, want, sizeof want / sizeof want[0]);
}
END_TEST

/* BT/BTS/BTR/BTC with register and memory operands (the memory form addresses beyond the
 * operand by the signed bit offset: +34 reaches the next dword, -1 the previous one), BSF/BSR
 * (zero source: ZF = 1, destination kept, as Intel and AMD CPUs and QEMU do), BSWAP, XADD,
 * CMPXCHG both ways, CMPXCHG8B both ways (only ZF changes, per the SDM). */
START_TEST(test_cpu_bit_test_scan_and_exchange_instructions)
{
    static const uint8_t code[] = {
        0xbf, 0x00, 0x30,                     /* mov di, 0x3000 */
        0x31, 0xd2,                           /* xor dx, dx */
        0xb8, 0x34, 0x12,                     /* mov ax, 0x1234 */
        0xbb, 0x04, 0x00,                     /* mov bx, 0x0004 */
        0x0f, 0xa3, 0xd8,                     /* bt ax, bx */
        T_REC16,
        0xb8, 0x34, 0x12,                     /* mov ax, 0x1234 */
        0xbb, 0x13, 0x00,                     /* mov bx, 0x0013 */
        0x0f, 0xab, 0xd8,                     /* bts ax, bx */
        T_REC16,
        0x66, 0xb8, 0x01, 0x00, 0x00, 0x80,   /* mov eax, 0x80000001 */
        0x66, 0x0f, 0xba, 0xf0, 0x1f,         /* btr eax, 31 */
        T_REC16,
        0xb8, 0x34, 0x12,                     /* mov ax, 0x1234 */
        0x0f, 0xba, 0xf8, 0x00,               /* btc ax, 0 */
        T_REC16,
        0x66, 0xc7, 0x06, 0x00, 0x31, 0x00, 0x00, 0x00, 0x00, /* mov dword [0x3100], 0 */
        0x66, 0xc7, 0x06, 0x04, 0x31, 0x04, 0x00, 0x00, 0x00, /* mov dword [0x3104], 0x00000004 */
        0x66, 0xb8, 0x22, 0x00, 0x00, 0x00,   /* mov eax, 34 */
        0x66, 0x0f, 0xab, 0x06, 0x00, 0x31,   /* bts [0x3100], eax */
        0x66, 0xa1, 0x04, 0x31,               /* mov eax, [0x3104] */
        T_REC16,
        0x66, 0xc7, 0x06, 0xfc, 0x30, 0x00, 0x00, 0x00, 0x80, /* mov dword [0x30fc], 0x80000000 */
        0x66, 0xbb, 0xff, 0xff, 0xff, 0xff,   /* mov ebx, -1 */
        0x66, 0x0f, 0xb3, 0x1e, 0x00, 0x31,   /* btr [0x3100], ebx */
        0x66, 0xa1, 0xfc, 0x30,               /* mov eax, [0x30fc] */
        T_REC16,
        0xc7, 0x06, 0x00, 0x31, 0x00, 0x00,   /* mov word [0x3100], 0x0000 */
        0xc7, 0x06, 0x02, 0x31, 0x00, 0x80,   /* mov word [0x3102], 0x8000 */
        0xb8, 0x1f, 0x00,                     /* mov ax, 31 */
        0x0f, 0xbb, 0x06, 0x00, 0x31,         /* btc [0x3100], ax */
        0xa1, 0x02, 0x31,                     /* mov ax, [0x3102] */
        T_REC16,
        0xb8, 0x18, 0x00,                     /* mov ax, 0x0018 */
        0x0f, 0xbc, 0xc8,                     /* bsf cx, ax */
        0x89, 0xc8,                           /* mov ax, cx */
        T_REC16,
        0x66, 0xb8, 0x00, 0x00, 0xf0, 0x00,   /* mov eax, 0x00f00000 */
        0x66, 0x0f, 0xbd, 0xc8,               /* bsr ecx, eax */
        0x66, 0x89, 0xc8,                     /* mov eax, ecx */
        T_REC16,
        0x66, 0xb9, 0x11, 0x11, 0x11, 0x11,   /* mov ecx, 0x11111111 */
        0x66, 0x31, 0xc0,                     /* xor eax, eax */
        0x66, 0x0f, 0xbc, 0xc8,               /* bsf ecx, eax */
        0x66, 0x89, 0xc8,                     /* mov eax, ecx */
        T_REC16,
        0x66, 0xb9, 0x22, 0x22, 0x22, 0x22,   /* mov ecx, 0x22222222 */
        0x66, 0xb8, 0x00, 0x00, 0x00, 0x00,   /* mov eax, 0 */
        0x0f, 0xbd, 0xc8,                     /* bsr cx, ax */
        0x66, 0x89, 0xc8,                     /* mov eax, ecx */
        T_REC16,
        0x66, 0xb8, 0x78, 0x56, 0x34, 0x12,   /* mov eax, 0x12345678 */
        0x66, 0x0f, 0xc8,                     /* bswap eax */
        T_REC16,
        0x66, 0xb8, 0x03, 0x00, 0x00, 0x00,   /* mov eax, 3 */
        0x66, 0xbb, 0x04, 0x00, 0x00, 0x00,   /* mov ebx, 4 */
        0x66, 0x0f, 0xc1, 0xd8,               /* xadd eax, ebx */
        0x66, 0x89, 0xda,                     /* mov edx, ebx */
        T_REC16,
        0xc6, 0x06, 0x00, 0x31, 0x90,         /* mov byte [0x3100], 0x90 */
        0xb0, 0x80,                           /* mov al, 0x80 */
        0x0f, 0xc0, 0x06, 0x00, 0x31,         /* xadd [0x3100], al */
        0x88, 0xc2,                           /* mov dl, al */
        0xa0, 0x00, 0x31,                     /* mov al, [0x3100] */
        T_REC16,
        0x66, 0xb8, 0x05, 0x00, 0x00, 0x00,   /* mov eax, 5 */
        0x66, 0xbb, 0x05, 0x00, 0x00, 0x00,   /* mov ebx, 5 */
        0x66, 0xb9, 0x09, 0x00, 0x00, 0x00,   /* mov ecx, 9 */
        0x66, 0x0f, 0xb1, 0xcb,               /* cmpxchg ebx, ecx */
        0x66, 0x89, 0xda,                     /* mov edx, ebx */
        T_REC16,
        0x66, 0xb8, 0x05, 0x00, 0x00, 0x00,   /* mov eax, 5 */
        0xc7, 0x06, 0x00, 0x31, 0x07, 0x00,   /* mov word [0x3100], 7 */
        0xb9, 0x09, 0x00,                     /* mov cx, 9 */
        0x0f, 0xb1, 0x0e, 0x00, 0x31,         /* cmpxchg [0x3100], cx */
        0x8b, 0x16, 0x00, 0x31,               /* mov dx, [0x3100] */
        T_REC16,
        0x66, 0xc7, 0x06, 0x00, 0x31, 0x22, 0x22, 0x11, 0x11, /* mov dword [0x3100], 0x11112222 */
        0x66, 0xc7, 0x06, 0x04, 0x31, 0x44, 0x44, 0x33, 0x33, /* mov dword [0x3104], 0x33334444 */
        0x66, 0xb8, 0x22, 0x22, 0x11, 0x11,   /* mov eax, 0x11112222 */
        0x66, 0xba, 0x44, 0x44, 0x33, 0x33,   /* mov edx, 0x33334444 */
        0x66, 0xbb, 0xbb, 0xbb, 0xaa, 0xaa,   /* mov ebx, 0xaaaabbbb */
        0x66, 0xb9, 0xdd, 0xdd, 0xcc, 0xcc,   /* mov ecx, 0xccccdddd */
        0x0f, 0xc7, 0x0e, 0x00, 0x31,         /* cmpxchg8b [0x3100] */
        0x66, 0xa1, 0x00, 0x31,               /* mov eax, [0x3100] */
        0x66, 0x8b, 0x16, 0x04, 0x31,         /* mov edx, [0x3104] */
        T_REC16,
        0x66, 0xc7, 0x06, 0x00, 0x31, 0x22, 0x22, 0x11, 0x11, /* mov dword [0x3100], 0x11112222 */
        0x66, 0xc7, 0x06, 0x04, 0x31, 0x44, 0x44, 0x33, 0x33, /* mov dword [0x3104], 0x33334444 */
        0x66, 0xb8, 0x01, 0x00, 0x00, 0x00,   /* mov eax, 1 */
        0x66, 0xba, 0x02, 0x00, 0x00, 0x00,   /* mov edx, 2 */
        0x0f, 0xc7, 0x0e, 0x00, 0x31,         /* cmpxchg8b [0x3100] */
        T_REC16,
        0xf4,                                 /* hlt */
    };
    static const TRec want[] = {
        { 0xffffffff, 0x1234, 0x0, 0x0, 0x8d5, 0x45, "xor dx, dx; mov ax, 0x1234; mov bx, 0x0004; bt ax, bx" },
        { 0xffff, 0x123c, 0x0, 0x0, 0x1, 0x0, "mov ax, 0x1234; mov bx, 0x0013; bts ax, bx" },
        { 0xffffffff, 0x1, 0x0, 0x0, 0x1, 0x1, "mov eax, 0x80000001; btr eax, 31" },
        { 0xffff, 0x1235, 0x0, 0x0, 0x1, 0x0, "mov ax, 0x1234; btc ax, 0" },
        { 0xffffffff, 0x4, 0x0, 0x0, 0x1, 0x1, "mov dword [0x3100], 0; mov dword [0x3104], 0x00000004; mov eax, 34; bts [0x3100], eax; mov eax, [0x3104]" },
        { 0xffffffff, 0x0, 0x0, 0x0, 0x1, 0x1, "mov dword [0x30fc], 0x80000000; mov ebx, -1; btr [0x3100], ebx; mov eax, [0x30fc]" },
        { 0xffff, 0x0, 0x0, 0x0, 0x1, 0x1, "mov word [0x3100], 0x0000; mov word [0x3102], 0x8000; mov ax, 31; btc [0x3100], ax; mov ax, [0x3102]" },
        { 0xffff, 0x3, 0x0, 0x0, 0x40, 0x0, "mov ax, 0x0018; bsf cx, ax; mov ax, cx" },
        { 0xffffffff, 0x17, 0x0, 0x0, 0x40, 0x0, "mov eax, 0x00f00000; bsr ecx, eax; mov eax, ecx" },
        { 0xffffffff, 0x11111111, 0x0, 0x0, 0x40, 0x40, "mov ecx, 0x11111111; xor eax, eax; bsf ecx, eax; mov eax, ecx" },
        { 0xffffffff, 0x22222222, 0x0, 0x0, 0x40, 0x40, "mov ecx, 0x22222222; mov eax, 0; bsr cx, ax; mov eax, ecx" },
        { 0xffffffff, 0x78563412, 0x0, 0x0, 0x0, 0x0, "mov eax, 0x12345678; bswap eax" },
        { 0xffffffff, 0x7, 0xffffffff, 0x3, 0x8d5, 0x0, "mov eax, 3; mov ebx, 4; xadd eax, ebx; mov edx, ebx" },
        { 0xff, 0x10, 0xff, 0x90, 0x8d5, 0x801, "mov byte [0x3100], 0x90; mov al, 0x80; xadd [0x3100], al; mov dl, al; mov al, [0x3100]" },
        { 0xffffffff, 0x5, 0xffffffff, 0x9, 0x8d5, 0x44, "mov eax, 5; mov ebx, 5; mov ecx, 9; cmpxchg ebx, ecx; mov edx, ebx" },
        { 0xffff, 0x7, 0xffff, 0x7, 0x8d5, 0x91, "mov eax, 5; mov word [0x3100], 7; mov cx, 9; cmpxchg [0x3100], cx; mov dx, [0x3100]" },
        { 0xffffffff, 0xaaaabbbb, 0xffffffff, 0xccccdddd, 0x8d5, 0xd1, "mov dword [0x3100], 0x11112222; mov dword [0x3104], 0x33334444; mov eax, 0x11112222; mov edx, 0x33334444; mov ebx, 0xaaaabbbb; mov ecx, 0xccccdddd; cmpxchg8b [0x3100]; mov eax, [0x3100]; mov edx, [0x3104]" },
        { 0xffffffff, 0x11112222, 0xffffffff, 0x33334444, 0x8d5, 0x91, "mov dword [0x3100], 0x11112222; mov dword [0x3104], 0x33334444; mov eax, 1; mov edx, 2; cmpxchg8b [0x3100]" },
    };
    t_real_recs(code, sizeof code, want, sizeof want / sizeof want[0]);
}
END_TEST

/* LAHF/SAHF move SF ZF AF PF CF (bit 1 reads 1, bits 3 and 5 read 0); SETcc and CMOVcc for
 * unsigned, signed (with overflow) and parity conditions; a CMOVcc not taken keeps the
 * destination, a 16-bit one keeps the upper half. */
START_TEST(test_cpu_lahf_sahf_setcc_and_cmovcc_follow_the_flags)
{
    static const uint8_t code[] = {
        0xbf, 0x00, 0x30,                     /* mov di, 0x3000 */
        0xb4, 0xd7,                           /* mov ah, 0xd7 */
        0x9e,                                 /* sahf */
        0xb4, 0x00,                           /* mov ah, 0 */
        0x9f,                                 /* lahf */
        0x88, 0xe0,                           /* mov al, ah */
        T_REC16,
        0xb4, 0x28,                           /* mov ah, 0x28 */
        0x9e,                                 /* sahf */
        0x9f,                                 /* lahf */
        0x88, 0xe0,                           /* mov al, ah */
        T_REC16,
        0x66, 0x31, 0xc0,                     /* xor eax, eax */
        0x66, 0x31, 0xd2,                     /* xor edx, edx */
        0xb3, 0x01,                           /* mov bl, 1 */
        0x80, 0xfb, 0x02,                     /* cmp bl, 2 */
        0x0f, 0x92, 0xc0,                     /* setb al */
        0x0f, 0x9c, 0xc4,                     /* setl ah */
        0x0f, 0x9f, 0xc2,                     /* setg dl */
        0x0f, 0x96, 0xc6,                     /* setbe dh */
        T_REC16,
        0x66, 0x31, 0xc0,                     /* xor eax, eax */
        0x66, 0x31, 0xd2,                     /* xor edx, edx */
        0xb3, 0x80,                           /* mov bl, 0x80 */
        0x80, 0xfb, 0x01,                     /* cmp bl, 1 */
        0x0f, 0x9c, 0xc0,                     /* setl al */
        0x0f, 0x92, 0xc4,                     /* setb ah */
        0x0f, 0x90, 0xc2,                     /* seto dl */
        0x0f, 0x9f, 0xc6,                     /* setg dh */
        T_REC16,
        0x66, 0x31, 0xc0,                     /* xor eax, eax */
        0x66, 0x31, 0xd2,                     /* xor edx, edx */
        0xb3, 0x03,                           /* mov bl, 3 */
        0x84, 0xdb,                           /* test bl, bl */
        0x0f, 0x9a, 0xc0,                     /* setp al */
        0x0f, 0x95, 0xc4,                     /* setnz ah */
        0x0f, 0x99, 0xc2,                     /* setns dl */
        0x0f, 0x94, 0xc6,                     /* setz dh */
        T_REC16,
        0x66, 0xb8, 0x01, 0x00, 0x00, 0x00,   /* mov eax, 1 */
        0x66, 0xb9, 0x02, 0x00, 0x00, 0x00,   /* mov ecx, 2 */
        0x66, 0x39, 0xc8,                     /* cmp eax, ecx */
        0x66, 0x0f, 0x42, 0xc1,               /* cmovb eax, ecx */
        0x66, 0xba, 0x05, 0x00, 0x00, 0x00,   /* mov edx, 5 */
        0x66, 0x0f, 0x47, 0xd1,               /* cmova edx, ecx */
        T_REC16,
        0x66, 0xb8, 0x11, 0x11, 0xff, 0xff,   /* mov eax, 0xffff1111 */
        0xb9, 0x22, 0x22,                     /* mov cx, 0x2222 */
        0xf9,                                 /* stc */
        0x0f, 0x42, 0xc1,                     /* cmovc ax, cx */
        0x66, 0xc7, 0x06, 0x00, 0x31, 0x07, 0x00, 0x00, 0x00, /* mov dword [0x3100], 7 */
        0x66, 0xba, 0x09, 0x00, 0x00, 0x00,   /* mov edx, 9 */
        0x66, 0x0f, 0x43, 0x16, 0x00, 0x31,   /* cmovnc edx, [0x3100] */
        T_REC16,
        0xf4,                                 /* hlt */
    };
    static const TRec want[] = {
        { 0xff, 0xd7, 0x0, 0x0, 0xd5, 0xd5, "mov ah, 0xd7; sahf; mov ah, 0; lahf; mov al, ah" },
        { 0xff, 0x2, 0x0, 0x0, 0xd5, 0x0, "mov ah, 0x28; sahf; lahf; mov al, ah" },
        { 0xffffffff, 0x101, 0xffffffff, 0x100, 0x8d5, 0x95, "xor eax, eax; xor edx, edx; mov bl, 1; cmp bl, 2; setb al; setl ah; setg dl; setbe dh" },
        { 0xffffffff, 0x1, 0xffffffff, 0x1, 0x8d5, 0x810, "xor eax, eax; xor edx, edx; mov bl, 0x80; cmp bl, 1; setl al; setb ah; seto dl; setg dh" },
        { 0xffffffff, 0x101, 0xffffffff, 0x1, 0x8d5, 0x4, "xor eax, eax; xor edx, edx; mov bl, 3; test bl, bl; setp al; setnz ah; setns dl; setz dh" },
        { 0xffffffff, 0x2, 0xffffffff, 0x5, 0x1, 0x1, "mov eax, 1; mov ecx, 2; cmp eax, ecx; cmovb eax, ecx; mov edx, 5; cmova edx, ecx" },
        { 0xffffffff, 0xffff2222, 0xffffffff, 0x9, 0x1, 0x1, "mov eax, 0xffff1111; mov cx, 0x2222; stc; cmovc ax, cx; mov dword [0x3100], 7; mov edx, 9; cmovnc edx, [0x3100]" },
    };
    t_real_recs(code, sizeof code, want, sizeof want / sizeof want[0]);
}
END_TEST

/* #DE is a fault: the pushed IP is the dividing instruction's and AX/DX are unchanged.
 * Each program: mov ax, AX0; mov dx, DX0; mov bx, BX0; <divide>; hlt. */
static void check_divide_error(const uint8_t *div, size_t n, uint16_t ax, uint16_t dx, uint16_t bx)
{
    T *t = t_new();
    t_vectors_real(t);
    uint8_t code[32] = { 0xb8, (uint8_t)ax, (uint8_t)(ax >> 8), 0xba, (uint8_t)dx, (uint8_t)(dx >> 8),
                         0xbb, (uint8_t)bx, (uint8_t)(bx >> 8) };
    ck_assert_uint_lt(n, sizeof code - 10);
    memcpy(code + 9, div, n);
    code[9 + n] = 0xf4;
    t_real(t, 0x1000, code, 10 + n);
    ck_assert_int_eq(t_run(t, 100), 0);
    ck_assert_uint_eq(S(t)->regs[R_EAX] & 0xffff, ax);
    ck_assert_uint_eq(S(t)->regs[R_EDX] & 0xffff, dx);
    ck_assert_uint_eq(t_rd16(t, 0xf000 - 6), 0x1009);   /* IP of the divide */
    ck_assert_uint_eq(t_rd16(t, 0xf000 - 4), 0);        /* CS */
    t_free(t);
}

START_TEST(test_cpu_divide_by_zero_and_quotient_overflow_raise_de)
{
    static const uint8_t div_bl[] = { 0xf6, 0xf3 }, idiv_bl[] = { 0xf6, 0xfb },
                         div_bx[] = { 0xf7, 0xf3 }, idiv_bx[] = { 0xf7, 0xfb },
                         div_ebx[] = { 0x66, 0xf7, 0xf3 }, aam0[] = { 0xd4, 0x00 };
    check_divide_error(div_bl, sizeof div_bl, 0x1234, 0, 0);          /* div bl, bl = 0 */
    check_divide_error(div_bl, sizeof div_bl, 0x1000, 0, 0x10);       /* 0x100 > 0xff */
    check_divide_error(idiv_bl, sizeof idiv_bl, 0x8000, 0, 0xff);     /* -32768 / -1 */
    check_divide_error(idiv_bl, sizeof idiv_bl, 0x0100, 0, 0x02);     /* +128 > 127 */
    check_divide_error(div_bx, sizeof div_bx, 0, 0x0003, 0x0003);     /* 0x30000 / 3 > 0xffff */
    check_divide_error(idiv_bx, sizeof idiv_bx, 0, 0x8000, 0xffff);   /* -2^31 / -1 */
    check_divide_error(div_ebx, sizeof div_ebx, 5, 0, 0);             /* div ebx, ebx = 0 */
    check_divide_error(aam0, sizeof aam0, 0x1205, 0, 0);              /* aam 0 */
}
END_TEST

/* Edge cases: AAA/AAS carry into AH as a 16-bit add/subtract (386 and later), DAS
 * with AF set, RCL by 17 (mod 17: nothing) and by 16, SAR by 31 of a word, CBW/CWD/CWDE/CDQ,
 * XLAT, BT with negative offsets (-1 and -32) on a word in memory, LES, IMUL sign cases,
 * NEG (CF = source != 0), INC (CF kept), ADC/SBB with carry in. Same as QEMU 7.2 except
 * the OF that the SDM leaves undefined for RCL by 16 (masked). */
START_TEST(test_cpu_adjust_rotate_extend_and_negate_edge_cases)
{
    static const uint8_t code[] = {
        0xbf, 0x00, 0x30,                     /* mov di, 0x3000 */
        0xb8, 0xfa, 0x00,                     /* mov ax, 0x00fa */
        0x37,                                 /* aaa */
        T_REC16,
        0xb8, 0x05, 0x02,                     /* mov ax, 0x0205 */
        0xb4, 0x02,                           /* mov ah, 2 */
        0xf9,                                 /* stc */
        0xb0, 0xff,                           /* mov al, 0xff */
        0x3f,                                 /* aas */
        T_REC16,
        0xb0, 0x9a,                           /* mov al, 0x9a */
        0xf8,                                 /* clc */
        0x2f,                                 /* das */
        T_REC16,
        0xb8, 0x00, 0x80,                     /* mov ax, 0x8000 */
        0xb1, 0x11,                           /* mov cl, 17 */
        0xd3, 0xd0,                           /* rcl ax, cl */
        T_REC16,
        0xb8, 0x00, 0x80,                     /* mov ax, 0x8000 */
        0xf9,                                 /* stc */
        0xb1, 0x10,                           /* mov cl, 16 */
        0xd3, 0xd0,                           /* rcl ax, cl */
        T_REC16,
        0xb8, 0x80, 0xff,                     /* mov ax, 0xff80 */
        0x98,                                 /* cbw */
        0xba, 0x34, 0x12,                     /* mov dx, 0x1234 */
        0x99,                                 /* cwd */
        T_REC16,
        0x66, 0xb8, 0x80, 0x00, 0x00, 0x00,   /* mov eax, 0x80 */
        0x66, 0x98,                           /* cwde */
        0x66, 0x99,                           /* cdq */
        T_REC16,
        0x66, 0xc7, 0x06, 0x00, 0x31, 0x11, 0x22, 0x33, 0x44, /* mov dword [0x3100], 0x44332211 */
        0xbb, 0x00, 0x31,                     /* mov bx, 0x3100 */
        0xb0, 0x02,                           /* mov al, 2 */
        0xd7,                                 /* xlatb */
        T_REC16,
        0xc7, 0x06, 0x00, 0x32, 0x00, 0x80,   /* mov word [0x3200], 0x8000 */
        0xc7, 0x06, 0xfe, 0x31, 0x01, 0x00,   /* mov word [0x31fe], 0x0001 */
        0xb8, 0xff, 0xff,                     /* mov ax, -1 */
        0x0f, 0xa3, 0x06, 0x02, 0x32,         /* bt word [0x3202], ax */
        0x0f, 0x92, 0xc0,                     /* setc al */
        0xbb, 0x02, 0x32,                     /* mov bx, 0x3202 */
        0xba, 0xe0, 0xff,                     /* mov dx, -32 */
        0x0f, 0xa3, 0x17,                     /* bt [bx], dx */
        0x0f, 0x92, 0xc4,                     /* setc ah */
        T_REC16,
        0xc7, 0x06, 0x00, 0x31, 0x34, 0x12,   /* mov word [0x3100], 0x1234 */
        0xc7, 0x06, 0x02, 0x31, 0x78, 0x56,   /* mov word [0x3102], 0x5678 */
        0xc4, 0x1e, 0x00, 0x31,               /* les bx, [0x3100] */
        0x8c, 0xc0,                           /* mov ax, es */
        0x89, 0xda,                           /* mov dx, bx */
        0x31, 0xdb,                           /* xor bx, bx */
        0x8e, 0xc3,                           /* mov es, bx */
        T_REC16,
        0xb8, 0x00, 0x80,                     /* mov ax, 0x8000 */
        0xb1, 0x1f,                           /* mov cl, 31 */
        0xd3, 0xf8,                           /* sar ax, cl */
        T_REC16,
        0xb0, 0x80,                           /* mov al, 0x80 */
        0xb3, 0x80,                           /* mov bl, 0x80 */
        0xf6, 0xeb,                           /* imul bl */
        T_REC16,
        0xb8, 0x01, 0x00,                     /* mov ax, 0x0001 */
        0xbb, 0xff, 0xff,                     /* mov bx, 0xffff */
        0xf7, 0xeb,                           /* imul bx */
        T_REC16,
        0xb0, 0x81,                           /* mov al, 0x81 */
        0xf6, 0xd8,                           /* neg al */
        T_REC16,
        0xb0, 0x80,                           /* mov al, 0x80 */
        0xf6, 0xd8,                           /* neg al */
        T_REC16,
        0x30, 0xc0,                           /* xor al, al */
        0xf6, 0xd8,                           /* neg al */
        T_REC16,
        0xb8, 0xff, 0xff,                     /* mov ax, 0xffff */
        0x40,                                 /* inc ax */
        T_REC16,
        0xf9,                                 /* stc */
        0xb0, 0xff,                           /* mov al, 0xff */
        0x14, 0x00,                           /* adc al, 0 */
        T_REC16,
        0xf9,                                 /* stc */
        0xb0, 0x00,                           /* mov al, 0 */
        0x1c, 0x00,                           /* sbb al, 0 */
        T_REC16,
        0xf4,                                 /* hlt */
    };
    static const TRec want[] = {
        { 0xffff, 0x200, 0x0, 0x0, 0x11, 0x11, "mov ax, 0x00fa; aaa" },
        { 0xffff, 0x109, 0x0, 0x0, 0x11, 0x11, "mov ax, 0x0205; mov ah, 2; stc; mov al, 0xff; aas" },
        { 0xff, 0x34, 0x0, 0x0, 0xd5, 0x11, "mov al, 0x9a; clc; das" },
        { 0xffff, 0x8000, 0x0, 0x0, 0x1, 0x1, "mov ax, 0x8000; mov cl, 17; rcl ax, cl" },
        { 0xffff, 0xc000, 0x0, 0x0, 0x1, 0x0, "mov ax, 0x8000; stc; mov cl, 16; rcl ax, cl" },
        { 0xffff, 0xff80, 0xffff, 0xffff, 0x0, 0x0, "mov ax, 0xff80; cbw; mov dx, 0x1234; cwd" },
        { 0xffffffff, 0x80, 0xffffffff, 0x0, 0x0, 0x0, "mov eax, 0x80; cwde; cdq" },
        { 0xff, 0x33, 0x0, 0x0, 0x0, 0x0, "mov dword [0x3100], 0x44332211; mov bx, 0x3100; mov al, 2; xlatb" },
        { 0xffff, 0x101, 0x0, 0x0, 0x0, 0x0, "mov word [0x3200], 0x8000; mov word [0x31fe], 0x0001; mov ax, -1; bt word [0x3202], ax; setc al; mov bx, 0x3202; mov dx, -32; bt [bx], dx; setc ah" },
        { 0xffff, 0x5678, 0xffff, 0x1234, 0x0, 0x0, "mov word [0x3100], 0x1234; mov word [0x3102], 0x5678; les bx, [0x3100]; mov ax, es; mov dx, bx; xor bx, bx; mov es, bx" },
        { 0xffff, 0xffff, 0x0, 0x0, 0xc5, 0x85, "mov ax, 0x8000; mov cl, 31; sar ax, cl" },
        { 0xffff, 0x4000, 0x0, 0x0, 0x801, 0x801, "mov al, 0x80; mov bl, 0x80; imul bl" },
        { 0xffff, 0xffff, 0xffff, 0xffff, 0x801, 0x0, "mov ax, 0x0001; mov bx, 0xffff; imul bx" },
        { 0xff, 0x7f, 0x0, 0x0, 0x8d5, 0x11, "mov al, 0x81; neg al" },
        { 0xff, 0x80, 0x0, 0x0, 0x8d5, 0x881, "mov al, 0x80; neg al" },
        { 0xff, 0x0, 0x0, 0x0, 0x8d5, 0x44, "xor al, al; neg al" },
        { 0xffff, 0x0, 0x0, 0x0, 0x8d4, 0x54, "mov ax, 0xffff; inc ax" },
        { 0xff, 0x0, 0x0, 0x0, 0x8d5, 0x55, "stc; mov al, 0xff; adc al, 0" },
        { 0xff, 0xff, 0x0, 0x0, 0x8d5, 0x95, "stc; mov al, 0; sbb al, 0" },
    };
    t_real_recs(code, sizeof code, want, sizeof want / sizeof want[0]);
}
END_TEST

/* INTO traps (the pushed IP is the next instruction) only when OF = 1; BOUND faults (the
 * pushed IP is the BOUND) only when the index is outside [lower, upper]. */
START_TEST(test_cpu_into_and_bound_raise_of_and_br)
{
    static const uint8_t code[] = {
        0xc7, 0x06, 0x00, 0x31, 0x0a, 0x00,   /* mov word [0x3100], 10 */
        0xc7, 0x06, 0x02, 0x31, 0x14, 0x00,   /* mov word [0x3102], 20 */
        0xb8, 0x14, 0x00,                     /* mov ax, 20 */
        0x62, 0x06, 0x00, 0x31,               /* bound ax, [0x3100]: inside */
        0xce,                                 /* into: OF = 0 (MOV left it clear) */
        0x40,                                 /* inc ax */
        0x62, 0x06, 0x00, 0x31,               /* 1015: bound ax, [0x3100]: 21 > 20 */
        0xf4 };
    T *t = t_new();
    t_vectors_real(t);
    t_real(t, 0x1000, code, sizeof code);
    S(t)->eflags = 2;
    ck_assert_int_eq(t_run(t, 100), 5);
    ck_assert_uint_eq(t_rd16(t, 0xf000 - 6), 0x1015);
    ck_assert_uint_eq(S(t)->regs[R_EAX] & 0xffff, 21);
    t_free(t);
    static const uint8_t into[] = {
        0xb0, 0x7f,                           /* mov al, 0x7f */
        0x04, 0x01,                           /* add al, 1: OF */
        0xce,                                 /* into */
        0xf4 };                               /* 1005 */
    t = t_new();
    t_vectors_real(t);
    t_real(t, 0x1000, into, sizeof into);
    ck_assert_int_eq(t_run(t, 100), 4);
    ck_assert_uint_eq(t_rd16(t, 0xf000 - 6), 0x1005);
    t_free(t);
}
END_TEST

static Suite *alu_suite(void)
{
    Suite *s = suite_create("cpu_alu");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, test_cpu_bcd_adjusts_after_add_sub_mul_div);
    tcase_add_test(tc, test_cpu_shifts_and_rotates_by_0_1_and_beyond_the_width);
    tcase_add_test(tc, test_cpu_mul_imul_div_idiv_in_every_form);
    tcase_add_test(tc, test_cpu_bit_test_scan_and_exchange_instructions);
    tcase_add_test(tc, test_cpu_lahf_sahf_setcc_and_cmovcc_follow_the_flags);
    tcase_add_test(tc, test_cpu_divide_by_zero_and_quotient_overflow_raise_de);
    tcase_add_test(tc, test_cpu_adjust_rotate_extend_and_negate_edge_cases);
    tcase_add_test(tc, test_cpu_into_and_bound_raise_of_and_br);
    suite_add_tcase(s, tc);
    return s;
}

int main(void) { return t_main(alu_suite()); }
