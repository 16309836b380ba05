; x87_ldst.asm: x87 loads and stores in 32-bit protected mode, all exceptions masked: FLD
; m32/m64/m80 of every class (denormal, SNaN, QNaN, pseudo-NaN, pseudo-infinity, unnormal,
; pseudo-denormal), FST/FSTP m32/m64/m80 under the four rounding modes (overflow, underflow,
; denormal results, NaN conversion), FST/FSTP/FLD ST(i), FILD and FIST/FISTP m16/m32/m64
; (rounding, overflow to the integer indefinite), FBLD (digits above 9, the BCD indefinite) and
; FBSTP, FXCH, FFREE, FINCSTP/FDECSTP, stack overflow and underflow (IE, SF, C1) and the tag
; word. Each line: the test, the stored bytes (m=, as a little-endian number) and fpshow.
; The expected output is the host x87's (every test replayed natively, the same instructions
; in 64-bit mode); lines marked '!' are where QEMU 7.2 differs (cpu_nasm.sh leaves them out
; of the QEMU comparison):
; - FLD m32/m64 of a denormal does not set DE;
; - C1 is not set when FST/FSTP m32/m64, FIST or FBSTP rounded up (SDM vol. 1 8.1.3.1);
; - FST ST(i) into an empty register leaves its tag empty;
; - no stack underflow: FLD ST(i), FXCH, FADD, FST/FSTP m32/m80, FISTP, FBSTP on an empty
;   register use or store its stale contents without IE + SF (the hardware's masked response
;   is the QNaN, integer or BCD indefinite, C1 = 0);
; - no stack overflow: a push onto a full stack overwrites ST7 without IE + SF + C1 (the
;   hardware writes the QNaN indefinite).
; qemu-args: -cpu pentium2,-mmx,-apic,-pae,-mce,-mca,-vme,-de,-fxsr,-pse36,-hypervisor
%include "lib.inc"
%include "pm.inc"
%include "x87.inc"
X87_MAIN "x87_ldst"
; STORES "e:s", e, s, n: FST m32 and FSTP m64 of the 80-bit e:s under rounding control 0
; to n-1 (CW 037F, 077F, 0B7F, 0F7F), then FSTP m80; each shows the bytes stored
%macro STORES 4
%assign STORES_RC 0
%rep %4
    X87CASEM {"fst m32 ", %1, " rc", '0' + STORES_RC}, 48, 4, {SET80 0, %2, %3}, {SET16 32, 0x037f | STORES_RC << 10}, fninit, fldcw [ebx + 32], fld tword [ebx], fst dword [ebx + 48]
    X87CASEM {"fstp m64 ", %1, " rc", '0' + STORES_RC}, 48, 8, {SET80 0, %2, %3}, {SET16 32, 0x037f | STORES_RC << 10}, fninit, fldcw [ebx + 32], fld tword [ebx], fstp qword [ebx + 48]
%assign STORES_RC STORES_RC + 1
%endrep
    X87CASEM {"fstp m80 ", %1}, 48, 10, {SET80 0, %2, %3}, fninit, fld tword [ebx], fstp tword [ebx + 48]
%endmacro
; LOAD32 "label", op, dword and LOAD64 "label", op, qword: op (FLD or FILD) of that value,
; stored at [EBX]
%macro LOAD32 3
    X87CASE %1, {mov dword [ebx + 0], %3}, fninit, %2 dword [ebx]
%endmacro
%macro LOAD64 3
    X87CASE %1, {mov dword [ebx + 0], (%3) & 0xffffffff}, {mov dword [ebx + 4], (%3) >> 32}, fninit, %2 qword [ebx]
%endmacro
    mov ebx, FPTMP
    LOAD32 "fld m32 3FC00000", fld, 0x3fc00000
    LOAD32 "fld m32 00000001", fld, 0x00000001
    LOAD32 "fld m32 807FFFFF", fld, 0x807fffff
    LOAD32 "fld m32 80000000", fld, 0x80000000
    LOAD32 "fld m32 7F800000", fld, 0x7f800000
    LOAD32 "fld m32 7F800001", fld, 0x7f800001
    LOAD32 "fld m32 7FC00001", fld, 0x7fc00001
    LOAD32 "fld m32 FFBFFFFF", fld, 0xffbfffff
    LOAD64 "fld m64 3FD5555555555555", fld, 0x3fd5555555555555
    LOAD64 "fld m64 0000000000000001", fld, 0x0000000000000001
    LOAD64 "fld m64 800FFFFFFFFFFFFF", fld, 0x800fffffffffffff
    LOAD64 "fld m64 7FF0000000000001", fld, 0x7ff0000000000001
    LOAD64 "fld m64 7FF8000000000001", fld, 0x7ff8000000000001
    LOAD64 "fld m64 FFF0000000000000", fld, 0xfff0000000000000
    X87CASE "fld m80 3FFD:AAAAAAAAAAAAAAAB", {SET80 0, 0x3ffd, 0xaaaaaaaaaaaaaaab}, fninit, fld tword [ebx]
    X87CASE "fld m80 7FFE:FFFFFFFFFFFFFFFF", {SET80 0, 0x7ffe, 0xffffffffffffffff}, fninit, fld tword [ebx]
    X87CASE "fld m80 0001:8000000000000000", {SET80 0, 0x0001, 0x8000000000000000}, fninit, fld tword [ebx]
    X87CASE "fld m80 3F6A:8000000000000000", {SET80 0, 0x3f6a, 0x8000000000000000}, fninit, fld tword [ebx]
    X87CASE "fld m80 3F69:8000000000000000", {SET80 0, 0x3f69, 0x8000000000000000}, fninit, fld tword [ebx]
    X87CASE "fld m80 3F69:C000000000000000", {SET80 0, 0x3f69, 0xc000000000000000}, fninit, fld tword [ebx]
    X87CASE "fld m80 7FFF:C000000000000001", {SET80 0, 0x7fff, 0xc000000000000001}, fninit, fld tword [ebx]
    X87CASE "fld m80 7FFF:8000000000000001", {SET80 0, 0x7fff, 0x8000000000000001}, fninit, fld tword [ebx]
    X87CASE "fld m80 FFFF:8000000000000000", {SET80 0, 0xffff, 0x8000000000000000}, fninit, fld tword [ebx]
    X87CASE "fld m80 7FFF:0000000000000001", {SET80 0, 0x7fff, 0x0000000000000001}, fninit, fld tword [ebx]
    X87CASE "fld m80 7FFF:0000000000000000", {SET80 0, 0x7fff, 0x0000000000000000}, fninit, fld tword [ebx]
    X87CASE "fld m80 3FFF:4000000000000000", {SET80 0, 0x3fff, 0x4000000000000000}, fninit, fld tword [ebx]
    X87CASE "fld m80 0000:8000000000000000", {SET80 0, 0x0000, 0x8000000000000000}, fninit, fld tword [ebx]
    X87CASE "fld m80 0000:0000000000000001", {SET80 0, 0x0000, 0x0000000000000001}, fninit, fld tword [ebx]
    X87CASE "fld m80 8000:0000000000000000", {SET80 0, 0x8000, 0x0000000000000000}, fninit, fld tword [ebx]
    X87CASE "fld m80 43FE:FFFFFFFFFFFFFFFF", {SET80 0, 0x43fe, 0xffffffffffffffff}, fninit, fld tword [ebx]
    X87CASE "fld m80 407E:FFFFFF7FFFFFFFFF", {SET80 0, 0x407e, 0xffffff7fffffffff}, fninit, fld tword [ebx]
    X87CASE "fld m80 3C00:8000000000000800", {SET80 0, 0x3c00, 0x8000000000000800}, fninit, fld tword [ebx]
    STORES "3FFD:AAAAAAAAAAAAAAAB", 0x3ffd, 0xaaaaaaaaaaaaaaab, 4
    STORES "7FFE:FFFFFFFFFFFFFFFF", 0x7ffe, 0xffffffffffffffff, 4
    STORES "0001:8000000000000000", 0x0001, 0x8000000000000000, 1
    STORES "3F6A:8000000000000000", 0x3f6a, 0x8000000000000000, 1
    STORES "3F69:8000000000000000", 0x3f69, 0x8000000000000000, 1
    STORES "3F69:C000000000000000", 0x3f69, 0xc000000000000000, 4
    STORES "7FFF:C000000000000001", 0x7fff, 0xc000000000000001, 1
    STORES "7FFF:8000000000000001", 0x7fff, 0x8000000000000001, 1
    STORES "FFFF:8000000000000000", 0xffff, 0x8000000000000000, 1
    STORES "7FFF:0000000000000001", 0x7fff, 0x0000000000000001, 1
    STORES "7FFF:0000000000000000", 0x7fff, 0x0000000000000000, 1
    STORES "3FFF:4000000000000000", 0x3fff, 0x4000000000000000, 1
    STORES "0000:8000000000000000", 0x0000, 0x8000000000000000, 1
    STORES "0000:0000000000000001", 0x0000, 0x0000000000000001, 1
    STORES "8000:0000000000000000", 0x8000, 0x0000000000000000, 1
    STORES "43FE:FFFFFFFFFFFFFFFF", 0x43fe, 0xffffffffffffffff, 1
    STORES "407E:FFFFFF7FFFFFFFFF", 0x407e, 0xffffff7fffffffff, 4
    STORES "3C00:8000000000000800", 0x3c00, 0x8000000000000800, 4
    X87CASE "fst st2 (empty)", fninit, fld1, fldz, fst st2
    X87CASE "fstp st0", fninit, fld1, fldz, fstp st0
    X87CASE "fstp st1", fninit, fld1, fldz, fstp st1
    X87CASE "fld st1", fninit, fld1, fldz, fld st1
    X87CASE "fld st5 (empty)", fninit, fld1, fldz, fld st5
    X87CASE "fild m16 -1", {SET16 0, 0xffff}, fninit, fild word [ebx]
    X87CASE "fild m16 -32768", {SET16 0, 0x8000}, fninit, fild word [ebx]
    X87CASE "fild m16 12345", {SET16 0, 0x3039}, fninit, fild word [ebx]
    LOAD32 "fild m32 2147483647", fild, 0x7fffffff
    LOAD32 "fild m32 -2147483648", fild, 0x80000000
    LOAD32 "fild m32 -7", fild, 0xfffffff9
    LOAD64 "fild m64 -9223372036854775808", fild, 0x8000000000000000
    LOAD64 "fild m64 123456789012345678", fild, 0x01b69b4ba630f34e
    LOAD64 "fild m64 9223372036854775807", fild, 0x7fffffffffffffff
    LOAD64 "fild m64 -1", fild, 0xffffffffffffffff
    X87CASEM "fist m16 2.5 rc0", 48, 2, {SET80 0, 0x4000, 0xa000000000000000}, {SET16 32, 0x037f}, fninit, fldcw [ebx + 32], fld tword [ebx], fist word [ebx + 48]
    X87CASEM "fist m16 2.5 rc1", 48, 2, {SET80 0, 0x4000, 0xa000000000000000}, {SET16 32, 0x077f}, fninit, fldcw [ebx + 32], fld tword [ebx], fist word [ebx + 48]
    X87CASEM "fist m16 2.5 rc2", 48, 2, {SET80 0, 0x4000, 0xa000000000000000}, {SET16 32, 0x0b7f}, fninit, fldcw [ebx + 32], fld tword [ebx], fist word [ebx + 48]
    X87CASEM "fist m16 2.5 rc3", 48, 2, {SET80 0, 0x4000, 0xa000000000000000}, {SET16 32, 0x0f7f}, fninit, fldcw [ebx + 32], fld tword [ebx], fist word [ebx + 48]
    X87CASEM "fist m16 -2.5 rc0", 48, 2, {SET80 0, 0xc000, 0xa000000000000000}, {SET16 32, 0x037f}, fninit, fldcw [ebx + 32], fld tword [ebx], fist word [ebx + 48]
    X87CASEM "fist m16 -2.5 rc1", 48, 2, {SET80 0, 0xc000, 0xa000000000000000}, {SET16 32, 0x077f}, fninit, fldcw [ebx + 32], fld tword [ebx], fist word [ebx + 48]
    X87CASEM "fist m16 -2.5 rc2", 48, 2, {SET80 0, 0xc000, 0xa000000000000000}, {SET16 32, 0x0b7f}, fninit, fldcw [ebx + 32], fld tword [ebx], fist word [ebx + 48]
    X87CASEM "fist m16 -2.5 rc3", 48, 2, {SET80 0, 0xc000, 0xa000000000000000}, {SET16 32, 0x0f7f}, fninit, fldcw [ebx + 32], fld tword [ebx], fist word [ebx + 48]
    X87CASEM "fist m16 -0.5 rc0", 48, 2, {SET80 0, 0xbffe, 0x8000000000000000}, {SET16 32, 0x037f}, fninit, fldcw [ebx + 32], fld tword [ebx], fist word [ebx + 48]
    X87CASEM "fist m16 -0.5 rc1", 48, 2, {SET80 0, 0xbffe, 0x8000000000000000}, {SET16 32, 0x077f}, fninit, fldcw [ebx + 32], fld tword [ebx], fist word [ebx + 48]
    X87CASEM "fist m16 -0.5 rc2", 48, 2, {SET80 0, 0xbffe, 0x8000000000000000}, {SET16 32, 0x0b7f}, fninit, fldcw [ebx + 32], fld tword [ebx], fist word [ebx + 48]
    X87CASEM "fist m16 -0.5 rc3", 48, 2, {SET80 0, 0xbffe, 0x8000000000000000}, {SET16 32, 0x0f7f}, fninit, fldcw [ebx + 32], fld tword [ebx], fist word [ebx + 48]
    X87CASEM "fist m16 3.5 rc0", 48, 2, {SET80 0, 0x4000, 0xe000000000000000}, {SET16 32, 0x037f}, fninit, fldcw [ebx + 32], fld tword [ebx], fist word [ebx + 48]
    X87CASEM "fist m16 3.5 rc1", 48, 2, {SET80 0, 0x4000, 0xe000000000000000}, {SET16 32, 0x077f}, fninit, fldcw [ebx + 32], fld tword [ebx], fist word [ebx + 48]
    X87CASEM "fist m16 3.5 rc2", 48, 2, {SET80 0, 0x4000, 0xe000000000000000}, {SET16 32, 0x0b7f}, fninit, fldcw [ebx + 32], fld tword [ebx], fist word [ebx + 48]
    X87CASEM "fist m16 3.5 rc3", 48, 2, {SET80 0, 0x4000, 0xe000000000000000}, {SET16 32, 0x0f7f}, fninit, fldcw [ebx + 32], fld tword [ebx], fist word [ebx + 48]
    X87CASEM "fistp m16 32767.5", 48, 2, {SET80 0, 0x400d, 0xffff000000000000}, fninit, fld tword [ebx], fistp word [ebx + 48]
    X87CASEM "fistp m32 32767.5", 48, 4, {SET80 0, 0x400d, 0xffff000000000000}, fninit, fld tword [ebx], fistp dword [ebx + 48]
    X87CASEM "fistp m64 32767.5", 48, 8, {SET80 0, 0x400d, 0xffff000000000000}, fninit, fld tword [ebx], fistp qword [ebx + 48]
    X87CASEM "fistp m16 32768", 48, 2, {SET80 0, 0x400e, 0x8000000000000000}, fninit, fld tword [ebx], fistp word [ebx + 48]
    X87CASEM "fistp m32 32768", 48, 4, {SET80 0, 0x400e, 0x8000000000000000}, fninit, fld tword [ebx], fistp dword [ebx + 48]
    X87CASEM "fistp m64 32768", 48, 8, {SET80 0, 0x400e, 0x8000000000000000}, fninit, fld tword [ebx], fistp qword [ebx + 48]
    X87CASEM "fistp m16 -32768.5", 48, 2, {SET80 0, 0xc00e, 0x8000800000000000}, fninit, fld tword [ebx], fistp word [ebx + 48]
    X87CASEM "fistp m32 -32768.5", 48, 4, {SET80 0, 0xc00e, 0x8000800000000000}, fninit, fld tword [ebx], fistp dword [ebx + 48]
    X87CASEM "fistp m64 -32768.5", 48, 8, {SET80 0, 0xc00e, 0x8000800000000000}, fninit, fld tword [ebx], fistp qword [ebx + 48]
    X87CASEM "fistp m16 2^31", 48, 2, {SET80 0, 0x401e, 0x8000000000000000}, fninit, fld tword [ebx], fistp word [ebx + 48]
    X87CASEM "fistp m32 2^31", 48, 4, {SET80 0, 0x401e, 0x8000000000000000}, fninit, fld tword [ebx], fistp dword [ebx + 48]
    X87CASEM "fistp m64 2^31", 48, 8, {SET80 0, 0x401e, 0x8000000000000000}, fninit, fld tword [ebx], fistp qword [ebx + 48]
    X87CASEM "fistp m16 -2^31", 48, 2, {SET80 0, 0xc01e, 0x8000000000000000}, fninit, fld tword [ebx], fistp word [ebx + 48]
    X87CASEM "fistp m32 -2^31", 48, 4, {SET80 0, 0xc01e, 0x8000000000000000}, fninit, fld tword [ebx], fistp dword [ebx + 48]
    X87CASEM "fistp m64 -2^31", 48, 8, {SET80 0, 0xc01e, 0x8000000000000000}, fninit, fld tword [ebx], fistp qword [ebx + 48]
    X87CASEM "fistp m16 2^63", 48, 2, {SET80 0, 0x403e, 0x8000000000000000}, fninit, fld tword [ebx], fistp word [ebx + 48]
    X87CASEM "fistp m32 2^63", 48, 4, {SET80 0, 0x403e, 0x8000000000000000}, fninit, fld tword [ebx], fistp dword [ebx + 48]
    X87CASEM "fistp m64 2^63", 48, 8, {SET80 0, 0x403e, 0x8000000000000000}, fninit, fld tword [ebx], fistp qword [ebx + 48]
    X87CASEM "fistp m16 -2^63", 48, 2, {SET80 0, 0xc03e, 0x8000000000000000}, fninit, fld tword [ebx], fistp word [ebx + 48]
    X87CASEM "fistp m32 -2^63", 48, 4, {SET80 0, 0xc03e, 0x8000000000000000}, fninit, fld tword [ebx], fistp dword [ebx + 48]
    X87CASEM "fistp m64 -2^63", 48, 8, {SET80 0, 0xc03e, 0x8000000000000000}, fninit, fld tword [ebx], fistp qword [ebx + 48]
    X87CASEM "fistp m16 qnan", 48, 2, {SET80 0, 0x7fff, 0xc000000000000000}, fninit, fld tword [ebx], fistp word [ebx + 48]
    X87CASEM "fistp m32 qnan", 48, 4, {SET80 0, 0x7fff, 0xc000000000000000}, fninit, fld tword [ebx], fistp dword [ebx + 48]
    X87CASEM "fistp m64 qnan", 48, 8, {SET80 0, 0x7fff, 0xc000000000000000}, fninit, fld tword [ebx], fistp qword [ebx + 48]
    X87CASEM "fistp m16 -inf", 48, 2, {SET80 0, 0xffff, 0x8000000000000000}, fninit, fld tword [ebx], fistp word [ebx + 48]
    X87CASEM "fistp m32 -inf", 48, 4, {SET80 0, 0xffff, 0x8000000000000000}, fninit, fld tword [ebx], fistp dword [ebx + 48]
    X87CASEM "fistp m64 -inf", 48, 8, {SET80 0, 0xffff, 0x8000000000000000}, fninit, fld tword [ebx], fistp qword [ebx + 48]
    X87CASEM "fistp m16 denormal", 48, 2, {SET80 0, 0x0000, 0x0000000000000001}, fninit, fld tword [ebx], fistp word [ebx + 48]
    X87CASEM "fistp m32 denormal", 48, 4, {SET80 0, 0x0000, 0x0000000000000001}, fninit, fld tword [ebx], fistp dword [ebx + 48]
    X87CASEM "fistp m64 denormal", 48, 8, {SET80 0, 0x0000, 0x0000000000000001}, fninit, fld tword [ebx], fistp qword [ebx + 48]
    X87CASEM "fistp m16 unnormal", 48, 2, {SET80 0, 0x3fff, 0x4000000000000000}, fninit, fld tword [ebx], fistp word [ebx + 48]
    X87CASEM "fistp m32 unnormal", 48, 4, {SET80 0, 0x3fff, 0x4000000000000000}, fninit, fld tword [ebx], fistp dword [ebx + 48]
    X87CASEM "fistp m64 unnormal", 48, 8, {SET80 0, 0x3fff, 0x4000000000000000}, fninit, fld tword [ebx], fistp qword [ebx + 48]
    X87CASEM "fistp m16 snan", 48, 2, {SET80 0, 0x7fff, 0x8000000000000001}, fninit, fld tword [ebx], fistp word [ebx + 48]
    X87CASEM "fistp m32 snan", 48, 4, {SET80 0, 0x7fff, 0x8000000000000001}, fninit, fld tword [ebx], fistp dword [ebx + 48]
    X87CASEM "fistp m64 snan", 48, 8, {SET80 0, 0x7fff, 0x8000000000000001}, fninit, fld tword [ebx], fistp qword [ebx + 48]
    X87CASE "fbld 123456789012345678", {SET80 0, 0x0012, 0x3456789012345678}, fninit, fbld tword [ebx]
    X87CASE "fbld -987654321", {SET80 0, 0x8000, 0x0000000987654321}, fninit, fbld tword [ebx]
    X87CASE "fbld -0", {SET80 0, 0x8000, 0x0000000000000000}, fninit, fbld tword [ebx]
    X87CASE "fbld digits A-F", {SET80 0, 0x000f, 0x000000000012cbfa}, fninit, fbld tword [ebx]
    X87CASE "fbld indefinite", {SET80 0, 0xffff, 0xc000000000000000}, fninit, fbld tword [ebx]
    X87CASE "fbld sign 7F", {SET80 0, 0x7f00, 0x0000000000000099}, fninit, fbld tword [ebx]
    X87CASEM "fbstp 1234.5", 48, 10, {SET80 0, 0x4009, 0x9a50000000000000}, fninit, fld tword [ebx], fbstp tword [ebx + 48]
    X87CASEM "fbstp 1235.5", 48, 10, {SET80 0, 0x4009, 0x9a70000000000000}, fninit, fld tword [ebx], fbstp tword [ebx + 48]
    X87CASEM "fbstp -0", 48, 10, {SET80 0, 0x8000, 0x0000000000000000}, fninit, fld tword [ebx], fbstp tword [ebx + 48]
    X87CASEM "fbstp 10^18-1", 48, 10, {SET80 0, 0x403a, 0xde0b6b3a763ffff0}, fninit, fld tword [ebx], fbstp tword [ebx + 48]
    X87CASEM "fbstp 10^18", 48, 10, {SET80 0, 0x403a, 0xde0b6b3a76400000}, fninit, fld tword [ebx], fbstp tword [ebx + 48]
    X87CASEM "fbstp qnan", 48, 10, {SET80 0, 0x7fff, 0xc000000000000000}, fninit, fld tword [ebx], fbstp tword [ebx + 48]
    X87CASEM "fbstp -inf", 48, 10, {SET80 0, 0xffff, 0x8000000000000000}, fninit, fld tword [ebx], fbstp tword [ebx + 48]
    X87CASEM "fbstp -0.75", 48, 10, {SET80 0, 0xbffe, 0xc000000000000000}, fninit, fld tword [ebx], fbstp tword [ebx + 48]
    X87CASEM "fbstp denormal", 48, 10, {SET80 0, 0x0000, 0x0000000000000001}, fninit, fld tword [ebx], fbstp tword [ebx + 48]
    X87CASEM "fbstp 1234.5 rc0", 48, 10, {SET80 0, 0x4009, 0x9a50000000000000}, {SET16 32, 0x037f}, fninit, fldcw [ebx + 32], fld tword [ebx], fbstp tword [ebx + 48]
    X87CASEM "fbstp 1234.5 rc1", 48, 10, {SET80 0, 0x4009, 0x9a50000000000000}, {SET16 32, 0x077f}, fninit, fldcw [ebx + 32], fld tword [ebx], fbstp tword [ebx + 48]
    X87CASEM "fbstp 1234.5 rc2", 48, 10, {SET80 0, 0x4009, 0x9a50000000000000}, {SET16 32, 0x0b7f}, fninit, fldcw [ebx + 32], fld tword [ebx], fbstp tword [ebx + 48]
    X87CASEM "fbstp 1234.5 rc3", 48, 10, {SET80 0, 0x4009, 0x9a50000000000000}, {SET16 32, 0x0f7f}, fninit, fldcw [ebx + 32], fld tword [ebx], fbstp tword [ebx + 48]
    X87CASE "fxch", fninit, fld1, fldz, fxch
    X87CASE "fxch st3 (empty)", fninit, fld1, fldz, fxch st3
    X87CASE "fxch (all empty)", fninit, fxch
    X87CASE "ffree st1", fninit, fld1, fldz, ffree st1
    X87CASE "ffree st0 ffree st6", fninit, fld1, fldz, ffree st0, ffree st6
    X87CASE "fincstp", fninit, fld1, fldz, fincstp
    X87CASE "fdecstp x3", fninit, fld1, fdecstp, fdecstp, fdecstp
    X87CASE "fincstp (empty)", fninit, fincstp
    X87CASE "push 8", fninit, fld1, fldz, fldpi, fld1, fldz, fldpi, fld1, fldz
    X87CASE "push 9 (overflow)", fninit, fld1, fldz, fldpi, fld1, fldz, fldpi, fld1, fldz, fldl2e
    X87CASE "fild after overflow", {SET16 0, 0x0005}, fninit, fld1, fldz, fldpi, fld1, fldz, fldpi, fld1, fldz, fild word [ebx]
    X87CASE "fadd empty", fninit, {fadd st0, st1}
    X87CASE "fadd st0 empty st1", fninit, fldz, {fadd st0, st1}
    X87CASEM "fst m32 empty", 48, 4, fninit, fst dword [ebx + 48]
    X87CASEM "fistp m16 empty", 48, 2, fninit, fistp word [ebx + 48]
    X87CASEM "fbstp empty", 48, 10, fninit, fbstp tword [ebx + 48]
    X87CASEM "fstp m80 empty", 48, 10, fninit, fstp tword [ebx + 48]
    X87CASE "tags", {SET80 0, 0x7fff, 0xc000000000000000}, {SET80 16, 0x0000, 0x0000000000000001}, {SET80 32, 0x3fff, 0x4000000000000000}, fninit, fld tword [ebx], fld tword [ebx + 16], fld tword [ebx + 32], fldz, fld1, fchs, fld1, fldz, ffree st1
    PRINT32 "x87_ldst: done", 10
    mov al, 0
    call exit32

X87_END
