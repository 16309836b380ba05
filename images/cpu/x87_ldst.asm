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
bits 16
start:
    jmp pm_enter

bits 32
pm_main:
    PRINT32 "x87_ldst: start", 10
    mov eax, cr0
    and eax, ~0x0c             ; EM = TS = 0
    or eax, 0x22               ; MP, NE
    mov cr0, eax
    mov ebx, FPTMP
    ; ---- fld m32 3FC00000 ----
    call clear_tmp
    mov dword [ebx + 0], 0x3fc00000
    fninit
    fld dword [ebx]
    PRINT32 "fld m32 3FC00000"
    call fpshow
    ; ---- fld m32 00000001 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000001
    fninit
    fld dword [ebx]
    PRINT32 "fld m32 00000001"
    call fpshow
    ; ---- fld m32 807FFFFF ----
    call clear_tmp
    mov dword [ebx + 0], 0x807fffff
    fninit
    fld dword [ebx]
    PRINT32 "fld m32 807FFFFF"
    call fpshow
    ; ---- fld m32 80000000 ----
    call clear_tmp
    mov dword [ebx + 0], 0x80000000
    fninit
    fld dword [ebx]
    PRINT32 "fld m32 80000000"
    call fpshow
    ; ---- fld m32 7F800000 ----
    call clear_tmp
    mov dword [ebx + 0], 0x7f800000
    fninit
    fld dword [ebx]
    PRINT32 "fld m32 7F800000"
    call fpshow
    ; ---- fld m32 7F800001 ----
    call clear_tmp
    mov dword [ebx + 0], 0x7f800001
    fninit
    fld dword [ebx]
    PRINT32 "fld m32 7F800001"
    call fpshow
    ; ---- fld m32 7FC00001 ----
    call clear_tmp
    mov dword [ebx + 0], 0x7fc00001
    fninit
    fld dword [ebx]
    PRINT32 "fld m32 7FC00001"
    call fpshow
    ; ---- fld m32 FFBFFFFF ----
    call clear_tmp
    mov dword [ebx + 0], 0xffbfffff
    fninit
    fld dword [ebx]
    PRINT32 "fld m32 FFBFFFFF"
    call fpshow
    ; ---- fld m64 3FD5555555555555 ----
    call clear_tmp
    mov dword [ebx + 0], 0x55555555
    mov dword [ebx + 4], 0x3fd55555
    fninit
    fld qword [ebx]
    PRINT32 "fld m64 3FD5555555555555"
    call fpshow
    ; ---- fld m64 0000000000000001 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000001
    mov dword [ebx + 4], 0x00000000
    fninit
    fld qword [ebx]
    PRINT32 "fld m64 0000000000000001"
    call fpshow
    ; ---- fld m64 800FFFFFFFFFFFFF ----
    call clear_tmp
    mov dword [ebx + 0], 0xffffffff
    mov dword [ebx + 4], 0x800fffff
    fninit
    fld qword [ebx]
    PRINT32 "fld m64 800FFFFFFFFFFFFF"
    call fpshow
    ; ---- fld m64 7FF0000000000001 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000001
    mov dword [ebx + 4], 0x7ff00000
    fninit
    fld qword [ebx]
    PRINT32 "fld m64 7FF0000000000001"
    call fpshow
    ; ---- fld m64 7FF8000000000001 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000001
    mov dword [ebx + 4], 0x7ff80000
    fninit
    fld qword [ebx]
    PRINT32 "fld m64 7FF8000000000001"
    call fpshow
    ; ---- fld m64 FFF0000000000000 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0xfff00000
    fninit
    fld qword [ebx]
    PRINT32 "fld m64 FFF0000000000000"
    call fpshow
    ; ---- fld m80 3FFD:AAAAAAAAAAAAAAAB ----
    call clear_tmp
    mov dword [ebx + 0], 0xaaaaaaab
    mov dword [ebx + 4], 0xaaaaaaaa
    mov byte [ebx + 8], 0xfd
    mov byte [ebx + 9], 0x3f
    fninit
    fld tword [ebx]
    PRINT32 "fld m80 3FFD:AAAAAAAAAAAAAAAB"
    call fpshow
    ; ---- fld m80 7FFE:FFFFFFFFFFFFFFFF ----
    call clear_tmp
    mov dword [ebx + 0], 0xffffffff
    mov dword [ebx + 4], 0xffffffff
    mov byte [ebx + 8], 0xfe
    mov byte [ebx + 9], 0x7f
    fninit
    fld tword [ebx]
    PRINT32 "fld m80 7FFE:FFFFFFFFFFFFFFFF"
    call fpshow
    ; ---- fld m80 0001:8000000000000000 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0x01
    mov byte [ebx + 9], 0x00
    fninit
    fld tword [ebx]
    PRINT32 "fld m80 0001:8000000000000000"
    call fpshow
    ; ---- fld m80 3F6A:8000000000000000 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0x6a
    mov byte [ebx + 9], 0x3f
    fninit
    fld tword [ebx]
    PRINT32 "fld m80 3F6A:8000000000000000"
    call fpshow
    ; ---- fld m80 3F69:8000000000000000 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0x69
    mov byte [ebx + 9], 0x3f
    fninit
    fld tword [ebx]
    PRINT32 "fld m80 3F69:8000000000000000"
    call fpshow
    ; ---- fld m80 3F69:C000000000000000 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0xc0000000
    mov byte [ebx + 8], 0x69
    mov byte [ebx + 9], 0x3f
    fninit
    fld tword [ebx]
    PRINT32 "fld m80 3F69:C000000000000000"
    call fpshow
    ; ---- fld m80 7FFF:C000000000000001 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000001
    mov dword [ebx + 4], 0xc0000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0x7f
    fninit
    fld tword [ebx]
    PRINT32 "fld m80 7FFF:C000000000000001"
    call fpshow
    ; ---- fld m80 7FFF:8000000000000001 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000001
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0x7f
    fninit
    fld tword [ebx]
    PRINT32 "fld m80 7FFF:8000000000000001"
    call fpshow
    ; ---- fld m80 FFFF:8000000000000000 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0xff
    fninit
    fld tword [ebx]
    PRINT32 "fld m80 FFFF:8000000000000000"
    call fpshow
    ; ---- fld m80 7FFF:0000000000000001 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000001
    mov dword [ebx + 4], 0x00000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0x7f
    fninit
    fld tword [ebx]
    PRINT32 "fld m80 7FFF:0000000000000001"
    call fpshow
    ; ---- fld m80 7FFF:0000000000000000 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x00000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0x7f
    fninit
    fld tword [ebx]
    PRINT32 "fld m80 7FFF:0000000000000000"
    call fpshow
    ; ---- fld m80 3FFF:4000000000000000 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x40000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0x3f
    fninit
    fld tword [ebx]
    PRINT32 "fld m80 3FFF:4000000000000000"
    call fpshow
    ; ---- fld m80 0000:8000000000000000 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0x00
    mov byte [ebx + 9], 0x00
    fninit
    fld tword [ebx]
    PRINT32 "fld m80 0000:8000000000000000"
    call fpshow
    ; ---- fld m80 0000:0000000000000001 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000001
    mov dword [ebx + 4], 0x00000000
    mov byte [ebx + 8], 0x00
    mov byte [ebx + 9], 0x00
    fninit
    fld tword [ebx]
    PRINT32 "fld m80 0000:0000000000000001"
    call fpshow
    ; ---- fld m80 8000:0000000000000000 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x00000000
    mov byte [ebx + 8], 0x00
    mov byte [ebx + 9], 0x80
    fninit
    fld tword [ebx]
    PRINT32 "fld m80 8000:0000000000000000"
    call fpshow
    ; ---- fld m80 43FE:FFFFFFFFFFFFFFFF ----
    call clear_tmp
    mov dword [ebx + 0], 0xffffffff
    mov dword [ebx + 4], 0xffffffff
    mov byte [ebx + 8], 0xfe
    mov byte [ebx + 9], 0x43
    fninit
    fld tword [ebx]
    PRINT32 "fld m80 43FE:FFFFFFFFFFFFFFFF"
    call fpshow
    ; ---- fld m80 407E:FFFFFF7FFFFFFFFF ----
    call clear_tmp
    mov dword [ebx + 0], 0xffffffff
    mov dword [ebx + 4], 0xffffff7f
    mov byte [ebx + 8], 0x7e
    mov byte [ebx + 9], 0x40
    fninit
    fld tword [ebx]
    PRINT32 "fld m80 407E:FFFFFF7FFFFFFFFF"
    call fpshow
    ; ---- fld m80 3C00:8000000000000800 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000800
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0x00
    mov byte [ebx + 9], 0x3c
    fninit
    fld tword [ebx]
    PRINT32 "fld m80 3C00:8000000000000800"
    call fpshow
    ; ---- fst m32 3FFD:AAAAAAAAAAAAAAAB rc0 ----
    call clear_tmp
    mov dword [ebx + 0], 0xaaaaaaab
    mov dword [ebx + 4], 0xaaaaaaaa
    mov byte [ebx + 8], 0xfd
    mov byte [ebx + 9], 0x3f
    mov byte [ebx + 32], 0x7f
    mov byte [ebx + 33], 0x03
    fninit
    fldcw [ebx + 32]
    fld tword [ebx]
    fst dword [ebx + 48]
    PRINT32 "fst m32 3FFD:AAAAAAAAAAAAAAAB rc0"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 4
    call pmem_32
    call fpshow
    ; ---- fstp m64 3FFD:AAAAAAAAAAAAAAAB rc0 ----
    call clear_tmp
    mov dword [ebx + 0], 0xaaaaaaab
    mov dword [ebx + 4], 0xaaaaaaaa
    mov byte [ebx + 8], 0xfd
    mov byte [ebx + 9], 0x3f
    mov byte [ebx + 32], 0x7f
    mov byte [ebx + 33], 0x03
    fninit
    fldcw [ebx + 32]
    fld tword [ebx]
    fstp qword [ebx + 48]
    PRINT32 "fstp m64 3FFD:AAAAAAAAAAAAAAAB rc0"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 8
    call pmem_32
    call fpshow
    ; ---- fst m32 3FFD:AAAAAAAAAAAAAAAB rc1 ----
    call clear_tmp
    mov dword [ebx + 0], 0xaaaaaaab
    mov dword [ebx + 4], 0xaaaaaaaa
    mov byte [ebx + 8], 0xfd
    mov byte [ebx + 9], 0x3f
    mov byte [ebx + 32], 0x7f
    mov byte [ebx + 33], 0x07
    fninit
    fldcw [ebx + 32]
    fld tword [ebx]
    fst dword [ebx + 48]
    PRINT32 "fst m32 3FFD:AAAAAAAAAAAAAAAB rc1"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 4
    call pmem_32
    call fpshow
    ; ---- fstp m64 3FFD:AAAAAAAAAAAAAAAB rc1 ----
    call clear_tmp
    mov dword [ebx + 0], 0xaaaaaaab
    mov dword [ebx + 4], 0xaaaaaaaa
    mov byte [ebx + 8], 0xfd
    mov byte [ebx + 9], 0x3f
    mov byte [ebx + 32], 0x7f
    mov byte [ebx + 33], 0x07
    fninit
    fldcw [ebx + 32]
    fld tword [ebx]
    fstp qword [ebx + 48]
    PRINT32 "fstp m64 3FFD:AAAAAAAAAAAAAAAB rc1"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 8
    call pmem_32
    call fpshow
    ; ---- fst m32 3FFD:AAAAAAAAAAAAAAAB rc2 ----
    call clear_tmp
    mov dword [ebx + 0], 0xaaaaaaab
    mov dword [ebx + 4], 0xaaaaaaaa
    mov byte [ebx + 8], 0xfd
    mov byte [ebx + 9], 0x3f
    mov byte [ebx + 32], 0x7f
    mov byte [ebx + 33], 0x0b
    fninit
    fldcw [ebx + 32]
    fld tword [ebx]
    fst dword [ebx + 48]
    PRINT32 "fst m32 3FFD:AAAAAAAAAAAAAAAB rc2"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 4
    call pmem_32
    call fpshow
    ; ---- fstp m64 3FFD:AAAAAAAAAAAAAAAB rc2 ----
    call clear_tmp
    mov dword [ebx + 0], 0xaaaaaaab
    mov dword [ebx + 4], 0xaaaaaaaa
    mov byte [ebx + 8], 0xfd
    mov byte [ebx + 9], 0x3f
    mov byte [ebx + 32], 0x7f
    mov byte [ebx + 33], 0x0b
    fninit
    fldcw [ebx + 32]
    fld tword [ebx]
    fstp qword [ebx + 48]
    PRINT32 "fstp m64 3FFD:AAAAAAAAAAAAAAAB rc2"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 8
    call pmem_32
    call fpshow
    ; ---- fst m32 3FFD:AAAAAAAAAAAAAAAB rc3 ----
    call clear_tmp
    mov dword [ebx + 0], 0xaaaaaaab
    mov dword [ebx + 4], 0xaaaaaaaa
    mov byte [ebx + 8], 0xfd
    mov byte [ebx + 9], 0x3f
    mov byte [ebx + 32], 0x7f
    mov byte [ebx + 33], 0x0f
    fninit
    fldcw [ebx + 32]
    fld tword [ebx]
    fst dword [ebx + 48]
    PRINT32 "fst m32 3FFD:AAAAAAAAAAAAAAAB rc3"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 4
    call pmem_32
    call fpshow
    ; ---- fstp m64 3FFD:AAAAAAAAAAAAAAAB rc3 ----
    call clear_tmp
    mov dword [ebx + 0], 0xaaaaaaab
    mov dword [ebx + 4], 0xaaaaaaaa
    mov byte [ebx + 8], 0xfd
    mov byte [ebx + 9], 0x3f
    mov byte [ebx + 32], 0x7f
    mov byte [ebx + 33], 0x0f
    fninit
    fldcw [ebx + 32]
    fld tword [ebx]
    fstp qword [ebx + 48]
    PRINT32 "fstp m64 3FFD:AAAAAAAAAAAAAAAB rc3"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 8
    call pmem_32
    call fpshow
    ; ---- fstp m80 3FFD:AAAAAAAAAAAAAAAB ----
    call clear_tmp
    mov dword [ebx + 0], 0xaaaaaaab
    mov dword [ebx + 4], 0xaaaaaaaa
    mov byte [ebx + 8], 0xfd
    mov byte [ebx + 9], 0x3f
    fninit
    fld tword [ebx]
    fstp tword [ebx + 48]
    PRINT32 "fstp m80 3FFD:AAAAAAAAAAAAAAAB"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 10
    call pmem_32
    call fpshow
    ; ---- fst m32 7FFE:FFFFFFFFFFFFFFFF rc0 ----
    call clear_tmp
    mov dword [ebx + 0], 0xffffffff
    mov dword [ebx + 4], 0xffffffff
    mov byte [ebx + 8], 0xfe
    mov byte [ebx + 9], 0x7f
    mov byte [ebx + 32], 0x7f
    mov byte [ebx + 33], 0x03
    fninit
    fldcw [ebx + 32]
    fld tword [ebx]
    fst dword [ebx + 48]
    PRINT32 "fst m32 7FFE:FFFFFFFFFFFFFFFF rc0"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 4
    call pmem_32
    call fpshow
    ; ---- fstp m64 7FFE:FFFFFFFFFFFFFFFF rc0 ----
    call clear_tmp
    mov dword [ebx + 0], 0xffffffff
    mov dword [ebx + 4], 0xffffffff
    mov byte [ebx + 8], 0xfe
    mov byte [ebx + 9], 0x7f
    mov byte [ebx + 32], 0x7f
    mov byte [ebx + 33], 0x03
    fninit
    fldcw [ebx + 32]
    fld tword [ebx]
    fstp qword [ebx + 48]
    PRINT32 "fstp m64 7FFE:FFFFFFFFFFFFFFFF rc0"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 8
    call pmem_32
    call fpshow
    ; ---- fst m32 7FFE:FFFFFFFFFFFFFFFF rc1 ----
    call clear_tmp
    mov dword [ebx + 0], 0xffffffff
    mov dword [ebx + 4], 0xffffffff
    mov byte [ebx + 8], 0xfe
    mov byte [ebx + 9], 0x7f
    mov byte [ebx + 32], 0x7f
    mov byte [ebx + 33], 0x07
    fninit
    fldcw [ebx + 32]
    fld tword [ebx]
    fst dword [ebx + 48]
    PRINT32 "fst m32 7FFE:FFFFFFFFFFFFFFFF rc1"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 4
    call pmem_32
    call fpshow
    ; ---- fstp m64 7FFE:FFFFFFFFFFFFFFFF rc1 ----
    call clear_tmp
    mov dword [ebx + 0], 0xffffffff
    mov dword [ebx + 4], 0xffffffff
    mov byte [ebx + 8], 0xfe
    mov byte [ebx + 9], 0x7f
    mov byte [ebx + 32], 0x7f
    mov byte [ebx + 33], 0x07
    fninit
    fldcw [ebx + 32]
    fld tword [ebx]
    fstp qword [ebx + 48]
    PRINT32 "fstp m64 7FFE:FFFFFFFFFFFFFFFF rc1"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 8
    call pmem_32
    call fpshow
    ; ---- fst m32 7FFE:FFFFFFFFFFFFFFFF rc2 ----
    call clear_tmp
    mov dword [ebx + 0], 0xffffffff
    mov dword [ebx + 4], 0xffffffff
    mov byte [ebx + 8], 0xfe
    mov byte [ebx + 9], 0x7f
    mov byte [ebx + 32], 0x7f
    mov byte [ebx + 33], 0x0b
    fninit
    fldcw [ebx + 32]
    fld tword [ebx]
    fst dword [ebx + 48]
    PRINT32 "fst m32 7FFE:FFFFFFFFFFFFFFFF rc2"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 4
    call pmem_32
    call fpshow
    ; ---- fstp m64 7FFE:FFFFFFFFFFFFFFFF rc2 ----
    call clear_tmp
    mov dword [ebx + 0], 0xffffffff
    mov dword [ebx + 4], 0xffffffff
    mov byte [ebx + 8], 0xfe
    mov byte [ebx + 9], 0x7f
    mov byte [ebx + 32], 0x7f
    mov byte [ebx + 33], 0x0b
    fninit
    fldcw [ebx + 32]
    fld tword [ebx]
    fstp qword [ebx + 48]
    PRINT32 "fstp m64 7FFE:FFFFFFFFFFFFFFFF rc2"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 8
    call pmem_32
    call fpshow
    ; ---- fst m32 7FFE:FFFFFFFFFFFFFFFF rc3 ----
    call clear_tmp
    mov dword [ebx + 0], 0xffffffff
    mov dword [ebx + 4], 0xffffffff
    mov byte [ebx + 8], 0xfe
    mov byte [ebx + 9], 0x7f
    mov byte [ebx + 32], 0x7f
    mov byte [ebx + 33], 0x0f
    fninit
    fldcw [ebx + 32]
    fld tword [ebx]
    fst dword [ebx + 48]
    PRINT32 "fst m32 7FFE:FFFFFFFFFFFFFFFF rc3"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 4
    call pmem_32
    call fpshow
    ; ---- fstp m64 7FFE:FFFFFFFFFFFFFFFF rc3 ----
    call clear_tmp
    mov dword [ebx + 0], 0xffffffff
    mov dword [ebx + 4], 0xffffffff
    mov byte [ebx + 8], 0xfe
    mov byte [ebx + 9], 0x7f
    mov byte [ebx + 32], 0x7f
    mov byte [ebx + 33], 0x0f
    fninit
    fldcw [ebx + 32]
    fld tword [ebx]
    fstp qword [ebx + 48]
    PRINT32 "fstp m64 7FFE:FFFFFFFFFFFFFFFF rc3"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 8
    call pmem_32
    call fpshow
    ; ---- fstp m80 7FFE:FFFFFFFFFFFFFFFF ----
    call clear_tmp
    mov dword [ebx + 0], 0xffffffff
    mov dword [ebx + 4], 0xffffffff
    mov byte [ebx + 8], 0xfe
    mov byte [ebx + 9], 0x7f
    fninit
    fld tword [ebx]
    fstp tword [ebx + 48]
    PRINT32 "fstp m80 7FFE:FFFFFFFFFFFFFFFF"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 10
    call pmem_32
    call fpshow
    ; ---- fst m32 0001:8000000000000000 rc0 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0x01
    mov byte [ebx + 9], 0x00
    mov byte [ebx + 32], 0x7f
    mov byte [ebx + 33], 0x03
    fninit
    fldcw [ebx + 32]
    fld tword [ebx]
    fst dword [ebx + 48]
    PRINT32 "fst m32 0001:8000000000000000 rc0"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 4
    call pmem_32
    call fpshow
    ; ---- fstp m64 0001:8000000000000000 rc0 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0x01
    mov byte [ebx + 9], 0x00
    mov byte [ebx + 32], 0x7f
    mov byte [ebx + 33], 0x03
    fninit
    fldcw [ebx + 32]
    fld tword [ebx]
    fstp qword [ebx + 48]
    PRINT32 "fstp m64 0001:8000000000000000 rc0"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 8
    call pmem_32
    call fpshow
    ; ---- fstp m80 0001:8000000000000000 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0x01
    mov byte [ebx + 9], 0x00
    fninit
    fld tword [ebx]
    fstp tword [ebx + 48]
    PRINT32 "fstp m80 0001:8000000000000000"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 10
    call pmem_32
    call fpshow
    ; ---- fst m32 3F6A:8000000000000000 rc0 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0x6a
    mov byte [ebx + 9], 0x3f
    mov byte [ebx + 32], 0x7f
    mov byte [ebx + 33], 0x03
    fninit
    fldcw [ebx + 32]
    fld tword [ebx]
    fst dword [ebx + 48]
    PRINT32 "fst m32 3F6A:8000000000000000 rc0"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 4
    call pmem_32
    call fpshow
    ; ---- fstp m64 3F6A:8000000000000000 rc0 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0x6a
    mov byte [ebx + 9], 0x3f
    mov byte [ebx + 32], 0x7f
    mov byte [ebx + 33], 0x03
    fninit
    fldcw [ebx + 32]
    fld tword [ebx]
    fstp qword [ebx + 48]
    PRINT32 "fstp m64 3F6A:8000000000000000 rc0"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 8
    call pmem_32
    call fpshow
    ; ---- fstp m80 3F6A:8000000000000000 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0x6a
    mov byte [ebx + 9], 0x3f
    fninit
    fld tword [ebx]
    fstp tword [ebx + 48]
    PRINT32 "fstp m80 3F6A:8000000000000000"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 10
    call pmem_32
    call fpshow
    ; ---- fst m32 3F69:8000000000000000 rc0 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0x69
    mov byte [ebx + 9], 0x3f
    mov byte [ebx + 32], 0x7f
    mov byte [ebx + 33], 0x03
    fninit
    fldcw [ebx + 32]
    fld tword [ebx]
    fst dword [ebx + 48]
    PRINT32 "fst m32 3F69:8000000000000000 rc0"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 4
    call pmem_32
    call fpshow
    ; ---- fstp m64 3F69:8000000000000000 rc0 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0x69
    mov byte [ebx + 9], 0x3f
    mov byte [ebx + 32], 0x7f
    mov byte [ebx + 33], 0x03
    fninit
    fldcw [ebx + 32]
    fld tword [ebx]
    fstp qword [ebx + 48]
    PRINT32 "fstp m64 3F69:8000000000000000 rc0"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 8
    call pmem_32
    call fpshow
    ; ---- fstp m80 3F69:8000000000000000 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0x69
    mov byte [ebx + 9], 0x3f
    fninit
    fld tword [ebx]
    fstp tword [ebx + 48]
    PRINT32 "fstp m80 3F69:8000000000000000"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 10
    call pmem_32
    call fpshow
    ; ---- fst m32 3F69:C000000000000000 rc0 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0xc0000000
    mov byte [ebx + 8], 0x69
    mov byte [ebx + 9], 0x3f
    mov byte [ebx + 32], 0x7f
    mov byte [ebx + 33], 0x03
    fninit
    fldcw [ebx + 32]
    fld tword [ebx]
    fst dword [ebx + 48]
    PRINT32 "fst m32 3F69:C000000000000000 rc0"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 4
    call pmem_32
    call fpshow
    ; ---- fstp m64 3F69:C000000000000000 rc0 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0xc0000000
    mov byte [ebx + 8], 0x69
    mov byte [ebx + 9], 0x3f
    mov byte [ebx + 32], 0x7f
    mov byte [ebx + 33], 0x03
    fninit
    fldcw [ebx + 32]
    fld tword [ebx]
    fstp qword [ebx + 48]
    PRINT32 "fstp m64 3F69:C000000000000000 rc0"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 8
    call pmem_32
    call fpshow
    ; ---- fst m32 3F69:C000000000000000 rc1 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0xc0000000
    mov byte [ebx + 8], 0x69
    mov byte [ebx + 9], 0x3f
    mov byte [ebx + 32], 0x7f
    mov byte [ebx + 33], 0x07
    fninit
    fldcw [ebx + 32]
    fld tword [ebx]
    fst dword [ebx + 48]
    PRINT32 "fst m32 3F69:C000000000000000 rc1"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 4
    call pmem_32
    call fpshow
    ; ---- fstp m64 3F69:C000000000000000 rc1 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0xc0000000
    mov byte [ebx + 8], 0x69
    mov byte [ebx + 9], 0x3f
    mov byte [ebx + 32], 0x7f
    mov byte [ebx + 33], 0x07
    fninit
    fldcw [ebx + 32]
    fld tword [ebx]
    fstp qword [ebx + 48]
    PRINT32 "fstp m64 3F69:C000000000000000 rc1"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 8
    call pmem_32
    call fpshow
    ; ---- fst m32 3F69:C000000000000000 rc2 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0xc0000000
    mov byte [ebx + 8], 0x69
    mov byte [ebx + 9], 0x3f
    mov byte [ebx + 32], 0x7f
    mov byte [ebx + 33], 0x0b
    fninit
    fldcw [ebx + 32]
    fld tword [ebx]
    fst dword [ebx + 48]
    PRINT32 "fst m32 3F69:C000000000000000 rc2"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 4
    call pmem_32
    call fpshow
    ; ---- fstp m64 3F69:C000000000000000 rc2 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0xc0000000
    mov byte [ebx + 8], 0x69
    mov byte [ebx + 9], 0x3f
    mov byte [ebx + 32], 0x7f
    mov byte [ebx + 33], 0x0b
    fninit
    fldcw [ebx + 32]
    fld tword [ebx]
    fstp qword [ebx + 48]
    PRINT32 "fstp m64 3F69:C000000000000000 rc2"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 8
    call pmem_32
    call fpshow
    ; ---- fst m32 3F69:C000000000000000 rc3 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0xc0000000
    mov byte [ebx + 8], 0x69
    mov byte [ebx + 9], 0x3f
    mov byte [ebx + 32], 0x7f
    mov byte [ebx + 33], 0x0f
    fninit
    fldcw [ebx + 32]
    fld tword [ebx]
    fst dword [ebx + 48]
    PRINT32 "fst m32 3F69:C000000000000000 rc3"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 4
    call pmem_32
    call fpshow
    ; ---- fstp m64 3F69:C000000000000000 rc3 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0xc0000000
    mov byte [ebx + 8], 0x69
    mov byte [ebx + 9], 0x3f
    mov byte [ebx + 32], 0x7f
    mov byte [ebx + 33], 0x0f
    fninit
    fldcw [ebx + 32]
    fld tword [ebx]
    fstp qword [ebx + 48]
    PRINT32 "fstp m64 3F69:C000000000000000 rc3"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 8
    call pmem_32
    call fpshow
    ; ---- fstp m80 3F69:C000000000000000 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0xc0000000
    mov byte [ebx + 8], 0x69
    mov byte [ebx + 9], 0x3f
    fninit
    fld tword [ebx]
    fstp tword [ebx + 48]
    PRINT32 "fstp m80 3F69:C000000000000000"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 10
    call pmem_32
    call fpshow
    ; ---- fst m32 7FFF:C000000000000001 rc0 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000001
    mov dword [ebx + 4], 0xc0000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0x7f
    mov byte [ebx + 32], 0x7f
    mov byte [ebx + 33], 0x03
    fninit
    fldcw [ebx + 32]
    fld tword [ebx]
    fst dword [ebx + 48]
    PRINT32 "fst m32 7FFF:C000000000000001 rc0"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 4
    call pmem_32
    call fpshow
    ; ---- fstp m64 7FFF:C000000000000001 rc0 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000001
    mov dword [ebx + 4], 0xc0000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0x7f
    mov byte [ebx + 32], 0x7f
    mov byte [ebx + 33], 0x03
    fninit
    fldcw [ebx + 32]
    fld tword [ebx]
    fstp qword [ebx + 48]
    PRINT32 "fstp m64 7FFF:C000000000000001 rc0"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 8
    call pmem_32
    call fpshow
    ; ---- fstp m80 7FFF:C000000000000001 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000001
    mov dword [ebx + 4], 0xc0000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0x7f
    fninit
    fld tword [ebx]
    fstp tword [ebx + 48]
    PRINT32 "fstp m80 7FFF:C000000000000001"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 10
    call pmem_32
    call fpshow
    ; ---- fst m32 7FFF:8000000000000001 rc0 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000001
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0x7f
    mov byte [ebx + 32], 0x7f
    mov byte [ebx + 33], 0x03
    fninit
    fldcw [ebx + 32]
    fld tword [ebx]
    fst dword [ebx + 48]
    PRINT32 "fst m32 7FFF:8000000000000001 rc0"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 4
    call pmem_32
    call fpshow
    ; ---- fstp m64 7FFF:8000000000000001 rc0 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000001
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0x7f
    mov byte [ebx + 32], 0x7f
    mov byte [ebx + 33], 0x03
    fninit
    fldcw [ebx + 32]
    fld tword [ebx]
    fstp qword [ebx + 48]
    PRINT32 "fstp m64 7FFF:8000000000000001 rc0"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 8
    call pmem_32
    call fpshow
    ; ---- fstp m80 7FFF:8000000000000001 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000001
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0x7f
    fninit
    fld tword [ebx]
    fstp tword [ebx + 48]
    PRINT32 "fstp m80 7FFF:8000000000000001"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 10
    call pmem_32
    call fpshow
    ; ---- fst m32 FFFF:8000000000000000 rc0 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0xff
    mov byte [ebx + 32], 0x7f
    mov byte [ebx + 33], 0x03
    fninit
    fldcw [ebx + 32]
    fld tword [ebx]
    fst dword [ebx + 48]
    PRINT32 "fst m32 FFFF:8000000000000000 rc0"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 4
    call pmem_32
    call fpshow
    ; ---- fstp m64 FFFF:8000000000000000 rc0 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0xff
    mov byte [ebx + 32], 0x7f
    mov byte [ebx + 33], 0x03
    fninit
    fldcw [ebx + 32]
    fld tword [ebx]
    fstp qword [ebx + 48]
    PRINT32 "fstp m64 FFFF:8000000000000000 rc0"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 8
    call pmem_32
    call fpshow
    ; ---- fstp m80 FFFF:8000000000000000 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0xff
    fninit
    fld tword [ebx]
    fstp tword [ebx + 48]
    PRINT32 "fstp m80 FFFF:8000000000000000"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 10
    call pmem_32
    call fpshow
    ; ---- fst m32 7FFF:0000000000000001 rc0 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000001
    mov dword [ebx + 4], 0x00000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0x7f
    mov byte [ebx + 32], 0x7f
    mov byte [ebx + 33], 0x03
    fninit
    fldcw [ebx + 32]
    fld tword [ebx]
    fst dword [ebx + 48]
    PRINT32 "fst m32 7FFF:0000000000000001 rc0"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 4
    call pmem_32
    call fpshow
    ; ---- fstp m64 7FFF:0000000000000001 rc0 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000001
    mov dword [ebx + 4], 0x00000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0x7f
    mov byte [ebx + 32], 0x7f
    mov byte [ebx + 33], 0x03
    fninit
    fldcw [ebx + 32]
    fld tword [ebx]
    fstp qword [ebx + 48]
    PRINT32 "fstp m64 7FFF:0000000000000001 rc0"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 8
    call pmem_32
    call fpshow
    ; ---- fstp m80 7FFF:0000000000000001 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000001
    mov dword [ebx + 4], 0x00000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0x7f
    fninit
    fld tword [ebx]
    fstp tword [ebx + 48]
    PRINT32 "fstp m80 7FFF:0000000000000001"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 10
    call pmem_32
    call fpshow
    ; ---- fst m32 7FFF:0000000000000000 rc0 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x00000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0x7f
    mov byte [ebx + 32], 0x7f
    mov byte [ebx + 33], 0x03
    fninit
    fldcw [ebx + 32]
    fld tword [ebx]
    fst dword [ebx + 48]
    PRINT32 "fst m32 7FFF:0000000000000000 rc0"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 4
    call pmem_32
    call fpshow
    ; ---- fstp m64 7FFF:0000000000000000 rc0 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x00000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0x7f
    mov byte [ebx + 32], 0x7f
    mov byte [ebx + 33], 0x03
    fninit
    fldcw [ebx + 32]
    fld tword [ebx]
    fstp qword [ebx + 48]
    PRINT32 "fstp m64 7FFF:0000000000000000 rc0"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 8
    call pmem_32
    call fpshow
    ; ---- fstp m80 7FFF:0000000000000000 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x00000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0x7f
    fninit
    fld tword [ebx]
    fstp tword [ebx + 48]
    PRINT32 "fstp m80 7FFF:0000000000000000"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 10
    call pmem_32
    call fpshow
    ; ---- fst m32 3FFF:4000000000000000 rc0 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x40000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0x3f
    mov byte [ebx + 32], 0x7f
    mov byte [ebx + 33], 0x03
    fninit
    fldcw [ebx + 32]
    fld tword [ebx]
    fst dword [ebx + 48]
    PRINT32 "fst m32 3FFF:4000000000000000 rc0"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 4
    call pmem_32
    call fpshow
    ; ---- fstp m64 3FFF:4000000000000000 rc0 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x40000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0x3f
    mov byte [ebx + 32], 0x7f
    mov byte [ebx + 33], 0x03
    fninit
    fldcw [ebx + 32]
    fld tword [ebx]
    fstp qword [ebx + 48]
    PRINT32 "fstp m64 3FFF:4000000000000000 rc0"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 8
    call pmem_32
    call fpshow
    ; ---- fstp m80 3FFF:4000000000000000 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x40000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0x3f
    fninit
    fld tword [ebx]
    fstp tword [ebx + 48]
    PRINT32 "fstp m80 3FFF:4000000000000000"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 10
    call pmem_32
    call fpshow
    ; ---- fst m32 0000:8000000000000000 rc0 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0x00
    mov byte [ebx + 9], 0x00
    mov byte [ebx + 32], 0x7f
    mov byte [ebx + 33], 0x03
    fninit
    fldcw [ebx + 32]
    fld tword [ebx]
    fst dword [ebx + 48]
    PRINT32 "fst m32 0000:8000000000000000 rc0"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 4
    call pmem_32
    call fpshow
    ; ---- fstp m64 0000:8000000000000000 rc0 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0x00
    mov byte [ebx + 9], 0x00
    mov byte [ebx + 32], 0x7f
    mov byte [ebx + 33], 0x03
    fninit
    fldcw [ebx + 32]
    fld tword [ebx]
    fstp qword [ebx + 48]
    PRINT32 "fstp m64 0000:8000000000000000 rc0"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 8
    call pmem_32
    call fpshow
    ; ---- fstp m80 0000:8000000000000000 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0x00
    mov byte [ebx + 9], 0x00
    fninit
    fld tword [ebx]
    fstp tword [ebx + 48]
    PRINT32 "fstp m80 0000:8000000000000000"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 10
    call pmem_32
    call fpshow
    ; ---- fst m32 0000:0000000000000001 rc0 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000001
    mov dword [ebx + 4], 0x00000000
    mov byte [ebx + 8], 0x00
    mov byte [ebx + 9], 0x00
    mov byte [ebx + 32], 0x7f
    mov byte [ebx + 33], 0x03
    fninit
    fldcw [ebx + 32]
    fld tword [ebx]
    fst dword [ebx + 48]
    PRINT32 "fst m32 0000:0000000000000001 rc0"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 4
    call pmem_32
    call fpshow
    ; ---- fstp m64 0000:0000000000000001 rc0 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000001
    mov dword [ebx + 4], 0x00000000
    mov byte [ebx + 8], 0x00
    mov byte [ebx + 9], 0x00
    mov byte [ebx + 32], 0x7f
    mov byte [ebx + 33], 0x03
    fninit
    fldcw [ebx + 32]
    fld tword [ebx]
    fstp qword [ebx + 48]
    PRINT32 "fstp m64 0000:0000000000000001 rc0"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 8
    call pmem_32
    call fpshow
    ; ---- fstp m80 0000:0000000000000001 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000001
    mov dword [ebx + 4], 0x00000000
    mov byte [ebx + 8], 0x00
    mov byte [ebx + 9], 0x00
    fninit
    fld tword [ebx]
    fstp tword [ebx + 48]
    PRINT32 "fstp m80 0000:0000000000000001"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 10
    call pmem_32
    call fpshow
    ; ---- fst m32 8000:0000000000000000 rc0 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x00000000
    mov byte [ebx + 8], 0x00
    mov byte [ebx + 9], 0x80
    mov byte [ebx + 32], 0x7f
    mov byte [ebx + 33], 0x03
    fninit
    fldcw [ebx + 32]
    fld tword [ebx]
    fst dword [ebx + 48]
    PRINT32 "fst m32 8000:0000000000000000 rc0"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 4
    call pmem_32
    call fpshow
    ; ---- fstp m64 8000:0000000000000000 rc0 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x00000000
    mov byte [ebx + 8], 0x00
    mov byte [ebx + 9], 0x80
    mov byte [ebx + 32], 0x7f
    mov byte [ebx + 33], 0x03
    fninit
    fldcw [ebx + 32]
    fld tword [ebx]
    fstp qword [ebx + 48]
    PRINT32 "fstp m64 8000:0000000000000000 rc0"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 8
    call pmem_32
    call fpshow
    ; ---- fstp m80 8000:0000000000000000 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x00000000
    mov byte [ebx + 8], 0x00
    mov byte [ebx + 9], 0x80
    fninit
    fld tword [ebx]
    fstp tword [ebx + 48]
    PRINT32 "fstp m80 8000:0000000000000000"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 10
    call pmem_32
    call fpshow
    ; ---- fst m32 43FE:FFFFFFFFFFFFFFFF rc0 ----
    call clear_tmp
    mov dword [ebx + 0], 0xffffffff
    mov dword [ebx + 4], 0xffffffff
    mov byte [ebx + 8], 0xfe
    mov byte [ebx + 9], 0x43
    mov byte [ebx + 32], 0x7f
    mov byte [ebx + 33], 0x03
    fninit
    fldcw [ebx + 32]
    fld tword [ebx]
    fst dword [ebx + 48]
    PRINT32 "fst m32 43FE:FFFFFFFFFFFFFFFF rc0"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 4
    call pmem_32
    call fpshow
    ; ---- fstp m64 43FE:FFFFFFFFFFFFFFFF rc0 ----
    call clear_tmp
    mov dword [ebx + 0], 0xffffffff
    mov dword [ebx + 4], 0xffffffff
    mov byte [ebx + 8], 0xfe
    mov byte [ebx + 9], 0x43
    mov byte [ebx + 32], 0x7f
    mov byte [ebx + 33], 0x03
    fninit
    fldcw [ebx + 32]
    fld tword [ebx]
    fstp qword [ebx + 48]
    PRINT32 "fstp m64 43FE:FFFFFFFFFFFFFFFF rc0"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 8
    call pmem_32
    call fpshow
    ; ---- fstp m80 43FE:FFFFFFFFFFFFFFFF ----
    call clear_tmp
    mov dword [ebx + 0], 0xffffffff
    mov dword [ebx + 4], 0xffffffff
    mov byte [ebx + 8], 0xfe
    mov byte [ebx + 9], 0x43
    fninit
    fld tword [ebx]
    fstp tword [ebx + 48]
    PRINT32 "fstp m80 43FE:FFFFFFFFFFFFFFFF"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 10
    call pmem_32
    call fpshow
    ; ---- fst m32 407E:FFFFFF7FFFFFFFFF rc0 ----
    call clear_tmp
    mov dword [ebx + 0], 0xffffffff
    mov dword [ebx + 4], 0xffffff7f
    mov byte [ebx + 8], 0x7e
    mov byte [ebx + 9], 0x40
    mov byte [ebx + 32], 0x7f
    mov byte [ebx + 33], 0x03
    fninit
    fldcw [ebx + 32]
    fld tword [ebx]
    fst dword [ebx + 48]
    PRINT32 "fst m32 407E:FFFFFF7FFFFFFFFF rc0"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 4
    call pmem_32
    call fpshow
    ; ---- fstp m64 407E:FFFFFF7FFFFFFFFF rc0 ----
    call clear_tmp
    mov dword [ebx + 0], 0xffffffff
    mov dword [ebx + 4], 0xffffff7f
    mov byte [ebx + 8], 0x7e
    mov byte [ebx + 9], 0x40
    mov byte [ebx + 32], 0x7f
    mov byte [ebx + 33], 0x03
    fninit
    fldcw [ebx + 32]
    fld tword [ebx]
    fstp qword [ebx + 48]
    PRINT32 "fstp m64 407E:FFFFFF7FFFFFFFFF rc0"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 8
    call pmem_32
    call fpshow
    ; ---- fst m32 407E:FFFFFF7FFFFFFFFF rc1 ----
    call clear_tmp
    mov dword [ebx + 0], 0xffffffff
    mov dword [ebx + 4], 0xffffff7f
    mov byte [ebx + 8], 0x7e
    mov byte [ebx + 9], 0x40
    mov byte [ebx + 32], 0x7f
    mov byte [ebx + 33], 0x07
    fninit
    fldcw [ebx + 32]
    fld tword [ebx]
    fst dword [ebx + 48]
    PRINT32 "fst m32 407E:FFFFFF7FFFFFFFFF rc1"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 4
    call pmem_32
    call fpshow
    ; ---- fstp m64 407E:FFFFFF7FFFFFFFFF rc1 ----
    call clear_tmp
    mov dword [ebx + 0], 0xffffffff
    mov dword [ebx + 4], 0xffffff7f
    mov byte [ebx + 8], 0x7e
    mov byte [ebx + 9], 0x40
    mov byte [ebx + 32], 0x7f
    mov byte [ebx + 33], 0x07
    fninit
    fldcw [ebx + 32]
    fld tword [ebx]
    fstp qword [ebx + 48]
    PRINT32 "fstp m64 407E:FFFFFF7FFFFFFFFF rc1"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 8
    call pmem_32
    call fpshow
    ; ---- fst m32 407E:FFFFFF7FFFFFFFFF rc2 ----
    call clear_tmp
    mov dword [ebx + 0], 0xffffffff
    mov dword [ebx + 4], 0xffffff7f
    mov byte [ebx + 8], 0x7e
    mov byte [ebx + 9], 0x40
    mov byte [ebx + 32], 0x7f
    mov byte [ebx + 33], 0x0b
    fninit
    fldcw [ebx + 32]
    fld tword [ebx]
    fst dword [ebx + 48]
    PRINT32 "fst m32 407E:FFFFFF7FFFFFFFFF rc2"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 4
    call pmem_32
    call fpshow
    ; ---- fstp m64 407E:FFFFFF7FFFFFFFFF rc2 ----
    call clear_tmp
    mov dword [ebx + 0], 0xffffffff
    mov dword [ebx + 4], 0xffffff7f
    mov byte [ebx + 8], 0x7e
    mov byte [ebx + 9], 0x40
    mov byte [ebx + 32], 0x7f
    mov byte [ebx + 33], 0x0b
    fninit
    fldcw [ebx + 32]
    fld tword [ebx]
    fstp qword [ebx + 48]
    PRINT32 "fstp m64 407E:FFFFFF7FFFFFFFFF rc2"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 8
    call pmem_32
    call fpshow
    ; ---- fst m32 407E:FFFFFF7FFFFFFFFF rc3 ----
    call clear_tmp
    mov dword [ebx + 0], 0xffffffff
    mov dword [ebx + 4], 0xffffff7f
    mov byte [ebx + 8], 0x7e
    mov byte [ebx + 9], 0x40
    mov byte [ebx + 32], 0x7f
    mov byte [ebx + 33], 0x0f
    fninit
    fldcw [ebx + 32]
    fld tword [ebx]
    fst dword [ebx + 48]
    PRINT32 "fst m32 407E:FFFFFF7FFFFFFFFF rc3"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 4
    call pmem_32
    call fpshow
    ; ---- fstp m64 407E:FFFFFF7FFFFFFFFF rc3 ----
    call clear_tmp
    mov dword [ebx + 0], 0xffffffff
    mov dword [ebx + 4], 0xffffff7f
    mov byte [ebx + 8], 0x7e
    mov byte [ebx + 9], 0x40
    mov byte [ebx + 32], 0x7f
    mov byte [ebx + 33], 0x0f
    fninit
    fldcw [ebx + 32]
    fld tword [ebx]
    fstp qword [ebx + 48]
    PRINT32 "fstp m64 407E:FFFFFF7FFFFFFFFF rc3"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 8
    call pmem_32
    call fpshow
    ; ---- fstp m80 407E:FFFFFF7FFFFFFFFF ----
    call clear_tmp
    mov dword [ebx + 0], 0xffffffff
    mov dword [ebx + 4], 0xffffff7f
    mov byte [ebx + 8], 0x7e
    mov byte [ebx + 9], 0x40
    fninit
    fld tword [ebx]
    fstp tword [ebx + 48]
    PRINT32 "fstp m80 407E:FFFFFF7FFFFFFFFF"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 10
    call pmem_32
    call fpshow
    ; ---- fst m32 3C00:8000000000000800 rc0 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000800
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0x00
    mov byte [ebx + 9], 0x3c
    mov byte [ebx + 32], 0x7f
    mov byte [ebx + 33], 0x03
    fninit
    fldcw [ebx + 32]
    fld tword [ebx]
    fst dword [ebx + 48]
    PRINT32 "fst m32 3C00:8000000000000800 rc0"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 4
    call pmem_32
    call fpshow
    ; ---- fstp m64 3C00:8000000000000800 rc0 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000800
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0x00
    mov byte [ebx + 9], 0x3c
    mov byte [ebx + 32], 0x7f
    mov byte [ebx + 33], 0x03
    fninit
    fldcw [ebx + 32]
    fld tword [ebx]
    fstp qword [ebx + 48]
    PRINT32 "fstp m64 3C00:8000000000000800 rc0"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 8
    call pmem_32
    call fpshow
    ; ---- fst m32 3C00:8000000000000800 rc1 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000800
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0x00
    mov byte [ebx + 9], 0x3c
    mov byte [ebx + 32], 0x7f
    mov byte [ebx + 33], 0x07
    fninit
    fldcw [ebx + 32]
    fld tword [ebx]
    fst dword [ebx + 48]
    PRINT32 "fst m32 3C00:8000000000000800 rc1"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 4
    call pmem_32
    call fpshow
    ; ---- fstp m64 3C00:8000000000000800 rc1 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000800
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0x00
    mov byte [ebx + 9], 0x3c
    mov byte [ebx + 32], 0x7f
    mov byte [ebx + 33], 0x07
    fninit
    fldcw [ebx + 32]
    fld tword [ebx]
    fstp qword [ebx + 48]
    PRINT32 "fstp m64 3C00:8000000000000800 rc1"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 8
    call pmem_32
    call fpshow
    ; ---- fst m32 3C00:8000000000000800 rc2 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000800
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0x00
    mov byte [ebx + 9], 0x3c
    mov byte [ebx + 32], 0x7f
    mov byte [ebx + 33], 0x0b
    fninit
    fldcw [ebx + 32]
    fld tword [ebx]
    fst dword [ebx + 48]
    PRINT32 "fst m32 3C00:8000000000000800 rc2"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 4
    call pmem_32
    call fpshow
    ; ---- fstp m64 3C00:8000000000000800 rc2 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000800
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0x00
    mov byte [ebx + 9], 0x3c
    mov byte [ebx + 32], 0x7f
    mov byte [ebx + 33], 0x0b
    fninit
    fldcw [ebx + 32]
    fld tword [ebx]
    fstp qword [ebx + 48]
    PRINT32 "fstp m64 3C00:8000000000000800 rc2"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 8
    call pmem_32
    call fpshow
    ; ---- fst m32 3C00:8000000000000800 rc3 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000800
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0x00
    mov byte [ebx + 9], 0x3c
    mov byte [ebx + 32], 0x7f
    mov byte [ebx + 33], 0x0f
    fninit
    fldcw [ebx + 32]
    fld tword [ebx]
    fst dword [ebx + 48]
    PRINT32 "fst m32 3C00:8000000000000800 rc3"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 4
    call pmem_32
    call fpshow
    ; ---- fstp m64 3C00:8000000000000800 rc3 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000800
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0x00
    mov byte [ebx + 9], 0x3c
    mov byte [ebx + 32], 0x7f
    mov byte [ebx + 33], 0x0f
    fninit
    fldcw [ebx + 32]
    fld tword [ebx]
    fstp qword [ebx + 48]
    PRINT32 "fstp m64 3C00:8000000000000800 rc3"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 8
    call pmem_32
    call fpshow
    ; ---- fstp m80 3C00:8000000000000800 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000800
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0x00
    mov byte [ebx + 9], 0x3c
    fninit
    fld tword [ebx]
    fstp tword [ebx + 48]
    PRINT32 "fstp m80 3C00:8000000000000800"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 10
    call pmem_32
    call fpshow
    ; ---- fst st2 (empty) ----
    call clear_tmp
    fninit
    fld1
    fldz
    fst st2
    PRINT32 "fst st2 (empty)"
    call fpshow
    ; ---- fstp st0 ----
    call clear_tmp
    fninit
    fld1
    fldz
    fstp st0
    PRINT32 "fstp st0"
    call fpshow
    ; ---- fstp st1 ----
    call clear_tmp
    fninit
    fld1
    fldz
    fstp st1
    PRINT32 "fstp st1"
    call fpshow
    ; ---- fld st1 ----
    call clear_tmp
    fninit
    fld1
    fldz
    fld st1
    PRINT32 "fld st1"
    call fpshow
    ; ---- fld st5 (empty) ----
    call clear_tmp
    fninit
    fld1
    fldz
    fld st5
    PRINT32 "fld st5 (empty)"
    call fpshow
    ; ---- fild m16 -1 ----
    call clear_tmp
    mov byte [ebx + 0], 0xff
    mov byte [ebx + 1], 0xff
    fninit
    fild word [ebx]
    PRINT32 "fild m16 -1"
    call fpshow
    ; ---- fild m16 -32768 ----
    call clear_tmp
    mov byte [ebx + 0], 0x00
    mov byte [ebx + 1], 0x80
    fninit
    fild word [ebx]
    PRINT32 "fild m16 -32768"
    call fpshow
    ; ---- fild m16 12345 ----
    call clear_tmp
    mov byte [ebx + 0], 0x39
    mov byte [ebx + 1], 0x30
    fninit
    fild word [ebx]
    PRINT32 "fild m16 12345"
    call fpshow
    ; ---- fild m32 2147483647 ----
    call clear_tmp
    mov dword [ebx + 0], 0x7fffffff
    fninit
    fild dword [ebx]
    PRINT32 "fild m32 2147483647"
    call fpshow
    ; ---- fild m32 -2147483648 ----
    call clear_tmp
    mov dword [ebx + 0], 0x80000000
    fninit
    fild dword [ebx]
    PRINT32 "fild m32 -2147483648"
    call fpshow
    ; ---- fild m32 -7 ----
    call clear_tmp
    mov dword [ebx + 0], 0xfffffff9
    fninit
    fild dword [ebx]
    PRINT32 "fild m32 -7"
    call fpshow
    ; ---- fild m64 -9223372036854775808 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    fninit
    fild qword [ebx]
    PRINT32 "fild m64 -9223372036854775808"
    call fpshow
    ; ---- fild m64 123456789012345678 ----
    call clear_tmp
    mov dword [ebx + 0], 0xa630f34e
    mov dword [ebx + 4], 0x01b69b4b
    fninit
    fild qword [ebx]
    PRINT32 "fild m64 123456789012345678"
    call fpshow
    ; ---- fild m64 9223372036854775807 ----
    call clear_tmp
    mov dword [ebx + 0], 0xffffffff
    mov dword [ebx + 4], 0x7fffffff
    fninit
    fild qword [ebx]
    PRINT32 "fild m64 9223372036854775807"
    call fpshow
    ; ---- fild m64 -1 ----
    call clear_tmp
    mov dword [ebx + 0], 0xffffffff
    mov dword [ebx + 4], 0xffffffff
    fninit
    fild qword [ebx]
    PRINT32 "fild m64 -1"
    call fpshow
    ; ---- fist m16 2.5 rc0 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0xa0000000
    mov byte [ebx + 8], 0x00
    mov byte [ebx + 9], 0x40
    mov byte [ebx + 32], 0x7f
    mov byte [ebx + 33], 0x03
    fninit
    fldcw [ebx + 32]
    fld tword [ebx]
    fist word [ebx + 48]
    PRINT32 "fist m16 2.5 rc0"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 2
    call pmem_32
    call fpshow
    ; ---- fist m16 2.5 rc1 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0xa0000000
    mov byte [ebx + 8], 0x00
    mov byte [ebx + 9], 0x40
    mov byte [ebx + 32], 0x7f
    mov byte [ebx + 33], 0x07
    fninit
    fldcw [ebx + 32]
    fld tword [ebx]
    fist word [ebx + 48]
    PRINT32 "fist m16 2.5 rc1"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 2
    call pmem_32
    call fpshow
    ; ---- fist m16 2.5 rc2 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0xa0000000
    mov byte [ebx + 8], 0x00
    mov byte [ebx + 9], 0x40
    mov byte [ebx + 32], 0x7f
    mov byte [ebx + 33], 0x0b
    fninit
    fldcw [ebx + 32]
    fld tword [ebx]
    fist word [ebx + 48]
    PRINT32 "fist m16 2.5 rc2"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 2
    call pmem_32
    call fpshow
    ; ---- fist m16 2.5 rc3 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0xa0000000
    mov byte [ebx + 8], 0x00
    mov byte [ebx + 9], 0x40
    mov byte [ebx + 32], 0x7f
    mov byte [ebx + 33], 0x0f
    fninit
    fldcw [ebx + 32]
    fld tword [ebx]
    fist word [ebx + 48]
    PRINT32 "fist m16 2.5 rc3"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 2
    call pmem_32
    call fpshow
    ; ---- fist m16 -2.5 rc0 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0xa0000000
    mov byte [ebx + 8], 0x00
    mov byte [ebx + 9], 0xc0
    mov byte [ebx + 32], 0x7f
    mov byte [ebx + 33], 0x03
    fninit
    fldcw [ebx + 32]
    fld tword [ebx]
    fist word [ebx + 48]
    PRINT32 "fist m16 -2.5 rc0"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 2
    call pmem_32
    call fpshow
    ; ---- fist m16 -2.5 rc1 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0xa0000000
    mov byte [ebx + 8], 0x00
    mov byte [ebx + 9], 0xc0
    mov byte [ebx + 32], 0x7f
    mov byte [ebx + 33], 0x07
    fninit
    fldcw [ebx + 32]
    fld tword [ebx]
    fist word [ebx + 48]
    PRINT32 "fist m16 -2.5 rc1"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 2
    call pmem_32
    call fpshow
    ; ---- fist m16 -2.5 rc2 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0xa0000000
    mov byte [ebx + 8], 0x00
    mov byte [ebx + 9], 0xc0
    mov byte [ebx + 32], 0x7f
    mov byte [ebx + 33], 0x0b
    fninit
    fldcw [ebx + 32]
    fld tword [ebx]
    fist word [ebx + 48]
    PRINT32 "fist m16 -2.5 rc2"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 2
    call pmem_32
    call fpshow
    ; ---- fist m16 -2.5 rc3 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0xa0000000
    mov byte [ebx + 8], 0x00
    mov byte [ebx + 9], 0xc0
    mov byte [ebx + 32], 0x7f
    mov byte [ebx + 33], 0x0f
    fninit
    fldcw [ebx + 32]
    fld tword [ebx]
    fist word [ebx + 48]
    PRINT32 "fist m16 -2.5 rc3"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 2
    call pmem_32
    call fpshow
    ; ---- fist m16 -0.5 rc0 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0xfe
    mov byte [ebx + 9], 0xbf
    mov byte [ebx + 32], 0x7f
    mov byte [ebx + 33], 0x03
    fninit
    fldcw [ebx + 32]
    fld tword [ebx]
    fist word [ebx + 48]
    PRINT32 "fist m16 -0.5 rc0"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 2
    call pmem_32
    call fpshow
    ; ---- fist m16 -0.5 rc1 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0xfe
    mov byte [ebx + 9], 0xbf
    mov byte [ebx + 32], 0x7f
    mov byte [ebx + 33], 0x07
    fninit
    fldcw [ebx + 32]
    fld tword [ebx]
    fist word [ebx + 48]
    PRINT32 "fist m16 -0.5 rc1"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 2
    call pmem_32
    call fpshow
    ; ---- fist m16 -0.5 rc2 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0xfe
    mov byte [ebx + 9], 0xbf
    mov byte [ebx + 32], 0x7f
    mov byte [ebx + 33], 0x0b
    fninit
    fldcw [ebx + 32]
    fld tword [ebx]
    fist word [ebx + 48]
    PRINT32 "fist m16 -0.5 rc2"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 2
    call pmem_32
    call fpshow
    ; ---- fist m16 -0.5 rc3 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0xfe
    mov byte [ebx + 9], 0xbf
    mov byte [ebx + 32], 0x7f
    mov byte [ebx + 33], 0x0f
    fninit
    fldcw [ebx + 32]
    fld tword [ebx]
    fist word [ebx + 48]
    PRINT32 "fist m16 -0.5 rc3"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 2
    call pmem_32
    call fpshow
    ; ---- fist m16 3.5 rc0 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0xe0000000
    mov byte [ebx + 8], 0x00
    mov byte [ebx + 9], 0x40
    mov byte [ebx + 32], 0x7f
    mov byte [ebx + 33], 0x03
    fninit
    fldcw [ebx + 32]
    fld tword [ebx]
    fist word [ebx + 48]
    PRINT32 "fist m16 3.5 rc0"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 2
    call pmem_32
    call fpshow
    ; ---- fist m16 3.5 rc1 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0xe0000000
    mov byte [ebx + 8], 0x00
    mov byte [ebx + 9], 0x40
    mov byte [ebx + 32], 0x7f
    mov byte [ebx + 33], 0x07
    fninit
    fldcw [ebx + 32]
    fld tword [ebx]
    fist word [ebx + 48]
    PRINT32 "fist m16 3.5 rc1"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 2
    call pmem_32
    call fpshow
    ; ---- fist m16 3.5 rc2 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0xe0000000
    mov byte [ebx + 8], 0x00
    mov byte [ebx + 9], 0x40
    mov byte [ebx + 32], 0x7f
    mov byte [ebx + 33], 0x0b
    fninit
    fldcw [ebx + 32]
    fld tword [ebx]
    fist word [ebx + 48]
    PRINT32 "fist m16 3.5 rc2"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 2
    call pmem_32
    call fpshow
    ; ---- fist m16 3.5 rc3 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0xe0000000
    mov byte [ebx + 8], 0x00
    mov byte [ebx + 9], 0x40
    mov byte [ebx + 32], 0x7f
    mov byte [ebx + 33], 0x0f
    fninit
    fldcw [ebx + 32]
    fld tword [ebx]
    fist word [ebx + 48]
    PRINT32 "fist m16 3.5 rc3"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 2
    call pmem_32
    call fpshow
    ; ---- fistp m16 32767.5 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0xffff0000
    mov byte [ebx + 8], 0x0d
    mov byte [ebx + 9], 0x40
    fninit
    fld tword [ebx]
    fistp word [ebx + 48]
    PRINT32 "fistp m16 32767.5"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 2
    call pmem_32
    call fpshow
    ; ---- fistp m32 32767.5 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0xffff0000
    mov byte [ebx + 8], 0x0d
    mov byte [ebx + 9], 0x40
    fninit
    fld tword [ebx]
    fistp dword [ebx + 48]
    PRINT32 "fistp m32 32767.5"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 4
    call pmem_32
    call fpshow
    ; ---- fistp m64 32767.5 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0xffff0000
    mov byte [ebx + 8], 0x0d
    mov byte [ebx + 9], 0x40
    fninit
    fld tword [ebx]
    fistp qword [ebx + 48]
    PRINT32 "fistp m64 32767.5"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 8
    call pmem_32
    call fpshow
    ; ---- fistp m16 32768 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0x0e
    mov byte [ebx + 9], 0x40
    fninit
    fld tword [ebx]
    fistp word [ebx + 48]
    PRINT32 "fistp m16 32768"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 2
    call pmem_32
    call fpshow
    ; ---- fistp m32 32768 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0x0e
    mov byte [ebx + 9], 0x40
    fninit
    fld tword [ebx]
    fistp dword [ebx + 48]
    PRINT32 "fistp m32 32768"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 4
    call pmem_32
    call fpshow
    ; ---- fistp m64 32768 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0x0e
    mov byte [ebx + 9], 0x40
    fninit
    fld tword [ebx]
    fistp qword [ebx + 48]
    PRINT32 "fistp m64 32768"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 8
    call pmem_32
    call fpshow
    ; ---- fistp m16 -32768.5 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80008000
    mov byte [ebx + 8], 0x0e
    mov byte [ebx + 9], 0xc0
    fninit
    fld tword [ebx]
    fistp word [ebx + 48]
    PRINT32 "fistp m16 -32768.5"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 2
    call pmem_32
    call fpshow
    ; ---- fistp m32 -32768.5 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80008000
    mov byte [ebx + 8], 0x0e
    mov byte [ebx + 9], 0xc0
    fninit
    fld tword [ebx]
    fistp dword [ebx + 48]
    PRINT32 "fistp m32 -32768.5"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 4
    call pmem_32
    call fpshow
    ; ---- fistp m64 -32768.5 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80008000
    mov byte [ebx + 8], 0x0e
    mov byte [ebx + 9], 0xc0
    fninit
    fld tword [ebx]
    fistp qword [ebx + 48]
    PRINT32 "fistp m64 -32768.5"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 8
    call pmem_32
    call fpshow
    ; ---- fistp m16 2^31 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0x1e
    mov byte [ebx + 9], 0x40
    fninit
    fld tword [ebx]
    fistp word [ebx + 48]
    PRINT32 "fistp m16 2^31"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 2
    call pmem_32
    call fpshow
    ; ---- fistp m32 2^31 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0x1e
    mov byte [ebx + 9], 0x40
    fninit
    fld tword [ebx]
    fistp dword [ebx + 48]
    PRINT32 "fistp m32 2^31"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 4
    call pmem_32
    call fpshow
    ; ---- fistp m64 2^31 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0x1e
    mov byte [ebx + 9], 0x40
    fninit
    fld tword [ebx]
    fistp qword [ebx + 48]
    PRINT32 "fistp m64 2^31"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 8
    call pmem_32
    call fpshow
    ; ---- fistp m16 -2^31 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0x1e
    mov byte [ebx + 9], 0xc0
    fninit
    fld tword [ebx]
    fistp word [ebx + 48]
    PRINT32 "fistp m16 -2^31"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 2
    call pmem_32
    call fpshow
    ; ---- fistp m32 -2^31 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0x1e
    mov byte [ebx + 9], 0xc0
    fninit
    fld tword [ebx]
    fistp dword [ebx + 48]
    PRINT32 "fistp m32 -2^31"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 4
    call pmem_32
    call fpshow
    ; ---- fistp m64 -2^31 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0x1e
    mov byte [ebx + 9], 0xc0
    fninit
    fld tword [ebx]
    fistp qword [ebx + 48]
    PRINT32 "fistp m64 -2^31"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 8
    call pmem_32
    call fpshow
    ; ---- fistp m16 2^63 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0x3e
    mov byte [ebx + 9], 0x40
    fninit
    fld tword [ebx]
    fistp word [ebx + 48]
    PRINT32 "fistp m16 2^63"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 2
    call pmem_32
    call fpshow
    ; ---- fistp m32 2^63 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0x3e
    mov byte [ebx + 9], 0x40
    fninit
    fld tword [ebx]
    fistp dword [ebx + 48]
    PRINT32 "fistp m32 2^63"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 4
    call pmem_32
    call fpshow
    ; ---- fistp m64 2^63 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0x3e
    mov byte [ebx + 9], 0x40
    fninit
    fld tword [ebx]
    fistp qword [ebx + 48]
    PRINT32 "fistp m64 2^63"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 8
    call pmem_32
    call fpshow
    ; ---- fistp m16 -2^63 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0x3e
    mov byte [ebx + 9], 0xc0
    fninit
    fld tword [ebx]
    fistp word [ebx + 48]
    PRINT32 "fistp m16 -2^63"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 2
    call pmem_32
    call fpshow
    ; ---- fistp m32 -2^63 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0x3e
    mov byte [ebx + 9], 0xc0
    fninit
    fld tword [ebx]
    fistp dword [ebx + 48]
    PRINT32 "fistp m32 -2^63"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 4
    call pmem_32
    call fpshow
    ; ---- fistp m64 -2^63 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0x3e
    mov byte [ebx + 9], 0xc0
    fninit
    fld tword [ebx]
    fistp qword [ebx + 48]
    PRINT32 "fistp m64 -2^63"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 8
    call pmem_32
    call fpshow
    ; ---- fistp m16 qnan ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0xc0000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0x7f
    fninit
    fld tword [ebx]
    fistp word [ebx + 48]
    PRINT32 "fistp m16 qnan"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 2
    call pmem_32
    call fpshow
    ; ---- fistp m32 qnan ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0xc0000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0x7f
    fninit
    fld tword [ebx]
    fistp dword [ebx + 48]
    PRINT32 "fistp m32 qnan"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 4
    call pmem_32
    call fpshow
    ; ---- fistp m64 qnan ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0xc0000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0x7f
    fninit
    fld tword [ebx]
    fistp qword [ebx + 48]
    PRINT32 "fistp m64 qnan"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 8
    call pmem_32
    call fpshow
    ; ---- fistp m16 -inf ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0xff
    fninit
    fld tword [ebx]
    fistp word [ebx + 48]
    PRINT32 "fistp m16 -inf"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 2
    call pmem_32
    call fpshow
    ; ---- fistp m32 -inf ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0xff
    fninit
    fld tword [ebx]
    fistp dword [ebx + 48]
    PRINT32 "fistp m32 -inf"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 4
    call pmem_32
    call fpshow
    ; ---- fistp m64 -inf ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0xff
    fninit
    fld tword [ebx]
    fistp qword [ebx + 48]
    PRINT32 "fistp m64 -inf"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 8
    call pmem_32
    call fpshow
    ; ---- fistp m16 denormal ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000001
    mov dword [ebx + 4], 0x00000000
    mov byte [ebx + 8], 0x00
    mov byte [ebx + 9], 0x00
    fninit
    fld tword [ebx]
    fistp word [ebx + 48]
    PRINT32 "fistp m16 denormal"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 2
    call pmem_32
    call fpshow
    ; ---- fistp m32 denormal ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000001
    mov dword [ebx + 4], 0x00000000
    mov byte [ebx + 8], 0x00
    mov byte [ebx + 9], 0x00
    fninit
    fld tword [ebx]
    fistp dword [ebx + 48]
    PRINT32 "fistp m32 denormal"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 4
    call pmem_32
    call fpshow
    ; ---- fistp m64 denormal ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000001
    mov dword [ebx + 4], 0x00000000
    mov byte [ebx + 8], 0x00
    mov byte [ebx + 9], 0x00
    fninit
    fld tword [ebx]
    fistp qword [ebx + 48]
    PRINT32 "fistp m64 denormal"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 8
    call pmem_32
    call fpshow
    ; ---- fistp m16 unnormal ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x40000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0x3f
    fninit
    fld tword [ebx]
    fistp word [ebx + 48]
    PRINT32 "fistp m16 unnormal"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 2
    call pmem_32
    call fpshow
    ; ---- fistp m32 unnormal ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x40000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0x3f
    fninit
    fld tword [ebx]
    fistp dword [ebx + 48]
    PRINT32 "fistp m32 unnormal"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 4
    call pmem_32
    call fpshow
    ; ---- fistp m64 unnormal ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x40000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0x3f
    fninit
    fld tword [ebx]
    fistp qword [ebx + 48]
    PRINT32 "fistp m64 unnormal"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 8
    call pmem_32
    call fpshow
    ; ---- fistp m16 snan ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000001
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0x7f
    fninit
    fld tword [ebx]
    fistp word [ebx + 48]
    PRINT32 "fistp m16 snan"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 2
    call pmem_32
    call fpshow
    ; ---- fistp m32 snan ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000001
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0x7f
    fninit
    fld tword [ebx]
    fistp dword [ebx + 48]
    PRINT32 "fistp m32 snan"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 4
    call pmem_32
    call fpshow
    ; ---- fistp m64 snan ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000001
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0x7f
    fninit
    fld tword [ebx]
    fistp qword [ebx + 48]
    PRINT32 "fistp m64 snan"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 8
    call pmem_32
    call fpshow
    ; ---- fbld 123456789012345678 ----
    call clear_tmp
    mov dword [ebx + 0], 0x12345678
    mov dword [ebx + 4], 0x34567890
    mov byte [ebx + 8], 0x12
    mov byte [ebx + 9], 0x00
    fninit
    fbld tword [ebx]
    PRINT32 "fbld 123456789012345678"
    call fpshow
    ; ---- fbld -987654321 ----
    call clear_tmp
    mov dword [ebx + 0], 0x87654321
    mov dword [ebx + 4], 0x00000009
    mov byte [ebx + 8], 0x00
    mov byte [ebx + 9], 0x80
    fninit
    fbld tword [ebx]
    PRINT32 "fbld -987654321"
    call fpshow
    ; ---- fbld -0 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x00000000
    mov byte [ebx + 8], 0x00
    mov byte [ebx + 9], 0x80
    fninit
    fbld tword [ebx]
    PRINT32 "fbld -0"
    call fpshow
    ; ---- fbld digits A-F ----
    call clear_tmp
    mov dword [ebx + 0], 0x0012cbfa
    mov dword [ebx + 4], 0x00000000
    mov byte [ebx + 8], 0x0f
    mov byte [ebx + 9], 0x00
    fninit
    fbld tword [ebx]
    PRINT32 "fbld digits A-F"
    call fpshow
    ; ---- fbld indefinite ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0xc0000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0xff
    fninit
    fbld tword [ebx]
    PRINT32 "fbld indefinite"
    call fpshow
    ; ---- fbld sign 7F ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000099
    mov dword [ebx + 4], 0x00000000
    mov byte [ebx + 8], 0x00
    mov byte [ebx + 9], 0x7f
    fninit
    fbld tword [ebx]
    PRINT32 "fbld sign 7F"
    call fpshow
    ; ---- fbstp 1234.5 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x9a500000
    mov byte [ebx + 8], 0x09
    mov byte [ebx + 9], 0x40
    fninit
    fld tword [ebx]
    fbstp tword [ebx + 48]
    PRINT32 "fbstp 1234.5"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 10
    call pmem_32
    call fpshow
    ; ---- fbstp 1235.5 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x9a700000
    mov byte [ebx + 8], 0x09
    mov byte [ebx + 9], 0x40
    fninit
    fld tword [ebx]
    fbstp tword [ebx + 48]
    PRINT32 "fbstp 1235.5"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 10
    call pmem_32
    call fpshow
    ; ---- fbstp -0 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x00000000
    mov byte [ebx + 8], 0x00
    mov byte [ebx + 9], 0x80
    fninit
    fld tword [ebx]
    fbstp tword [ebx + 48]
    PRINT32 "fbstp -0"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 10
    call pmem_32
    call fpshow
    ; ---- fbstp 10^18-1 ----
    call clear_tmp
    mov dword [ebx + 0], 0x763ffff0
    mov dword [ebx + 4], 0xde0b6b3a
    mov byte [ebx + 8], 0x3a
    mov byte [ebx + 9], 0x40
    fninit
    fld tword [ebx]
    fbstp tword [ebx + 48]
    PRINT32 "fbstp 10^18-1"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 10
    call pmem_32
    call fpshow
    ; ---- fbstp 10^18 ----
    call clear_tmp
    mov dword [ebx + 0], 0x76400000
    mov dword [ebx + 4], 0xde0b6b3a
    mov byte [ebx + 8], 0x3a
    mov byte [ebx + 9], 0x40
    fninit
    fld tword [ebx]
    fbstp tword [ebx + 48]
    PRINT32 "fbstp 10^18"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 10
    call pmem_32
    call fpshow
    ; ---- fbstp qnan ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0xc0000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0x7f
    fninit
    fld tword [ebx]
    fbstp tword [ebx + 48]
    PRINT32 "fbstp qnan"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 10
    call pmem_32
    call fpshow
    ; ---- fbstp -inf ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0xff
    fninit
    fld tword [ebx]
    fbstp tword [ebx + 48]
    PRINT32 "fbstp -inf"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 10
    call pmem_32
    call fpshow
    ; ---- fbstp -0.75 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0xc0000000
    mov byte [ebx + 8], 0xfe
    mov byte [ebx + 9], 0xbf
    fninit
    fld tword [ebx]
    fbstp tword [ebx + 48]
    PRINT32 "fbstp -0.75"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 10
    call pmem_32
    call fpshow
    ; ---- fbstp denormal ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000001
    mov dword [ebx + 4], 0x00000000
    mov byte [ebx + 8], 0x00
    mov byte [ebx + 9], 0x00
    fninit
    fld tword [ebx]
    fbstp tword [ebx + 48]
    PRINT32 "fbstp denormal"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 10
    call pmem_32
    call fpshow
    ; ---- fbstp 1234.5 rc0 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x9a500000
    mov byte [ebx + 8], 0x09
    mov byte [ebx + 9], 0x40
    mov byte [ebx + 32], 0x7f
    mov byte [ebx + 33], 0x03
    fninit
    fldcw [ebx + 32]
    fld tword [ebx]
    fbstp tword [ebx + 48]
    PRINT32 "fbstp 1234.5 rc0"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 10
    call pmem_32
    call fpshow
    ; ---- fbstp 1234.5 rc1 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x9a500000
    mov byte [ebx + 8], 0x09
    mov byte [ebx + 9], 0x40
    mov byte [ebx + 32], 0x7f
    mov byte [ebx + 33], 0x07
    fninit
    fldcw [ebx + 32]
    fld tword [ebx]
    fbstp tword [ebx + 48]
    PRINT32 "fbstp 1234.5 rc1"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 10
    call pmem_32
    call fpshow
    ; ---- fbstp 1234.5 rc2 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x9a500000
    mov byte [ebx + 8], 0x09
    mov byte [ebx + 9], 0x40
    mov byte [ebx + 32], 0x7f
    mov byte [ebx + 33], 0x0b
    fninit
    fldcw [ebx + 32]
    fld tword [ebx]
    fbstp tword [ebx + 48]
    PRINT32 "fbstp 1234.5 rc2"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 10
    call pmem_32
    call fpshow
    ; ---- fbstp 1234.5 rc3 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x9a500000
    mov byte [ebx + 8], 0x09
    mov byte [ebx + 9], 0x40
    mov byte [ebx + 32], 0x7f
    mov byte [ebx + 33], 0x0f
    fninit
    fldcw [ebx + 32]
    fld tword [ebx]
    fbstp tword [ebx + 48]
    PRINT32 "fbstp 1234.5 rc3"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 10
    call pmem_32
    call fpshow
    ; ---- fxch ----
    call clear_tmp
    fninit
    fld1
    fldz
    fxch
    PRINT32 "fxch"
    call fpshow
    ; ---- fxch st3 (empty) ----
    call clear_tmp
    fninit
    fld1
    fldz
    fxch st3
    PRINT32 "fxch st3 (empty)"
    call fpshow
    ; ---- fxch (all empty) ----
    call clear_tmp
    fninit
    fxch
    PRINT32 "fxch (all empty)"
    call fpshow
    ; ---- ffree st1 ----
    call clear_tmp
    fninit
    fld1
    fldz
    ffree st1
    PRINT32 "ffree st1"
    call fpshow
    ; ---- ffree st0 ffree st6 ----
    call clear_tmp
    fninit
    fld1
    fldz
    ffree st0
    ffree st6
    PRINT32 "ffree st0 ffree st6"
    call fpshow
    ; ---- fincstp ----
    call clear_tmp
    fninit
    fld1
    fldz
    fincstp
    PRINT32 "fincstp"
    call fpshow
    ; ---- fdecstp x3 ----
    call clear_tmp
    fninit
    fld1
    fdecstp
    fdecstp
    fdecstp
    PRINT32 "fdecstp x3"
    call fpshow
    ; ---- fincstp (empty) ----
    call clear_tmp
    fninit
    fincstp
    PRINT32 "fincstp (empty)"
    call fpshow
    ; ---- push 8 ----
    call clear_tmp
    fninit
    fld1
    fldz
    fldpi
    fld1
    fldz
    fldpi
    fld1
    fldz
    PRINT32 "push 8"
    call fpshow
    ; ---- push 9 (overflow) ----
    call clear_tmp
    fninit
    fld1
    fldz
    fldpi
    fld1
    fldz
    fldpi
    fld1
    fldz
    fldl2e
    PRINT32 "push 9 (overflow)"
    call fpshow
    ; ---- fild after overflow ----
    call clear_tmp
    mov byte [ebx + 0], 0x05
    mov byte [ebx + 1], 0x00
    fninit
    fld1
    fldz
    fldpi
    fld1
    fldz
    fldpi
    fld1
    fldz
    fild word [ebx]
    PRINT32 "fild after overflow"
    call fpshow
    ; ---- fadd empty ----
    call clear_tmp
    fninit
    fadd st0, st1
    PRINT32 "fadd empty"
    call fpshow
    ; ---- fadd st0 empty st1 ----
    call clear_tmp
    fninit
    fldz
    fadd st0, st1
    PRINT32 "fadd st0 empty st1"
    call fpshow
    ; ---- fst m32 empty ----
    call clear_tmp
    fninit
    fst dword [ebx + 48]
    PRINT32 "fst m32 empty"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 4
    call pmem_32
    call fpshow
    ; ---- fistp m16 empty ----
    call clear_tmp
    fninit
    fistp word [ebx + 48]
    PRINT32 "fistp m16 empty"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 2
    call pmem_32
    call fpshow
    ; ---- fbstp empty ----
    call clear_tmp
    fninit
    fbstp tword [ebx + 48]
    PRINT32 "fbstp empty"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 10
    call pmem_32
    call fpshow
    ; ---- fstp m80 empty ----
    call clear_tmp
    fninit
    fstp tword [ebx + 48]
    PRINT32 "fstp m80 empty"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 10
    call pmem_32
    call fpshow
    ; ---- tags ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0xc0000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0x7f
    mov dword [ebx + 16], 0x00000001
    mov dword [ebx + 20], 0x00000000
    mov byte [ebx + 24], 0x00
    mov byte [ebx + 25], 0x00
    mov dword [ebx + 32], 0x00000000
    mov dword [ebx + 36], 0x40000000
    mov byte [ebx + 40], 0xff
    mov byte [ebx + 41], 0x3f
    fninit
    fld tword [ebx]
    fld tword [ebx + 16]
    fld tword [ebx + 32]
    fldz
    fld1
    fchs
    fld1
    fldz
    ffree st1
    PRINT32 "tags"
    call fpshow
    PRINT32 "x87_ldst: done", 10
    mov al, 0
    call exit32

clear_tmp:                     ; zero the 256 scratch bytes at FPTMP (EBX)
    push eax
    push ecx
    push edi
    mov edi, FPTMP
    xor eax, eax
    mov ecx, 64
    rep stosd
    pop edi
    pop ecx
    pop eax
    ret
pmem_32:                       ; the ECX bytes at [ESI] as one little-endian number in hex
    push eax
.l: mov al, [esi + ecx - 1]
    call hex8_32
    loop .l
    pop eax
    ret
ring_gate:
conf_code:
    jmp unexpected
    times 0xfff0-($-$$) db 0
bits 16
    jmp 0xf000:start
    times 0x10000-($-$$) db 0xff
