; x87_trans.asm: the x87 transcendentals in 32-bit protected mode, all exceptions masked:
; FSIN, FCOS, FSINCOS, FPTAN (C2 = 1 and the operand unchanged at 2^63 and above), F2XM1,
; FYL2X, FYL2XP1 and FPATAN (with ST1 = 1.5) on a table of operands (zeros, infinities,
; NaNs, a denormal, out-of-domain values), a few under each rounding mode, and the stack
; checks (FPTAN/FSINCOS on a full stack, an empty operand). F2XM1 and FYL2XP1 run only on
; operands where the SDM defines them (F2XM1: -1 <= x <= +1; FYL2XP1: |x| < 1 - sqrt(2)/2)
; and on zeros and NaNs: elsewhere their results are undefined (vol. 2, F2XM1 and FYL2XP1),
; so the hardware's value there is no reference.
; The expected output is the host x87's (an AMD EPYC; every test replayed natively, the same
; instructions in 64-bit mode; the SDM allows 1 ulp, and pcemu's emu/cpu/fx80_trans.c is
; within 1 ulp of the host x87, not always bit-identical). QEMU 7.2 computes FSIN, FCOS, FSINCOS and FPTAN in host double precision and the others with its
; own correctly rounded softfloat, so its results are compared only where they are the
; hardware's: lines marked '~' hold the hardware result where QEMU 7.2 differs (cpu_nasm.sh
; leaves them out of the QEMU comparison). Among them, where QEMU is wrong beyond precision:
; - FSIN, FCOS, FSINCOS and FPTAN never set PE, nor C1 on round-up;
; - at |x| >= 2^63 they return a result instead of setting C2 and leaving ST0 unchanged;
; - FSIN and FCOS of an infinity return it with C2 = 1 instead of IE and the QNaN indefinite;
; - of an SNaN they set no IE, and any NaN operand becomes the default NaN instead of the
;   (quieted) operand;
; - FPTAN and FSINCOS push onto a full stack without IE + SF + C1; FSIN and FYL2X read an
;   empty register without IE + SF;
; - FYL2X, FYL2XP1, FPATAN, F2XM1: QEMU rounds correctly where the hardware is 1 ulp off or
;   sets PE on an exact result (FYL2X 0.5).
; pcemu must print each '~' line within 1 ulp of the hardware in every register's 64-bit
; significand, C1 (the rounding direction) aside (cpu_nasm.sh); every other line exactly.
; qemu-args: -cpu pentium2,-mmx,-apic,-pae,-mce,-mca,-vme,-de,-fxsr,-pse36,-hypervisor
%include "lib.inc"
%include "pm.inc"
%include "x87.inc"
bits 16
start:
    jmp pm_enter

bits 32
pm_main:
    PRINT32 "x87_trans: start", 10
    mov eax, cr0
    and eax, ~0x0c             ; EM = TS = 0
    or eax, 0x22               ; MP, NE
    mov cr0, eax
    mov ebx, FPTMP
    ; ---- fsin 0.5 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0xfe
    mov byte [ebx + 9], 0x3f
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0xc0000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    fsin
    PRINT32 "fsin 0.5"
    call fpshow
    ; ---- fcos 0.5 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0xfe
    mov byte [ebx + 9], 0x3f
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0xc0000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    fcos
    PRINT32 "fcos 0.5"
    call fpshow
    ; ---- fsincos 0.5 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0xfe
    mov byte [ebx + 9], 0x3f
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0xc0000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    fsincos
    PRINT32 "fsincos 0.5"
    call fpshow
    ; ---- fptan 0.5 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0xfe
    mov byte [ebx + 9], 0x3f
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0xc0000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    fptan
    PRINT32 "fptan 0.5"
    call fpshow
    ; ---- f2xm1 0.5 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0xfe
    mov byte [ebx + 9], 0x3f
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0xc0000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    f2xm1
    PRINT32 "f2xm1 0.5"
    call fpshow
    ; ---- fyl2x 0.5 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0xfe
    mov byte [ebx + 9], 0x3f
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0xc0000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    fyl2x
    PRINT32 "fyl2x 0.5"
    call fpshow
    ; ---- fpatan 0.5 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0xfe
    mov byte [ebx + 9], 0x3f
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0xc0000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    fpatan
    PRINT32 "fpatan 0.5"
    call fpshow
    ; ---- fsin -0.75 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0xc0000000
    mov byte [ebx + 8], 0xfe
    mov byte [ebx + 9], 0xbf
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0xc0000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    fsin
    PRINT32 "fsin -0.75"
    call fpshow
    ; ---- fcos -0.75 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0xc0000000
    mov byte [ebx + 8], 0xfe
    mov byte [ebx + 9], 0xbf
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0xc0000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    fcos
    PRINT32 "fcos -0.75"
    call fpshow
    ; ---- fsincos -0.75 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0xc0000000
    mov byte [ebx + 8], 0xfe
    mov byte [ebx + 9], 0xbf
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0xc0000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    fsincos
    PRINT32 "fsincos -0.75"
    call fpshow
    ; ---- fptan -0.75 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0xc0000000
    mov byte [ebx + 8], 0xfe
    mov byte [ebx + 9], 0xbf
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0xc0000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    fptan
    PRINT32 "fptan -0.75"
    call fpshow
    ; ---- f2xm1 -0.75 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0xc0000000
    mov byte [ebx + 8], 0xfe
    mov byte [ebx + 9], 0xbf
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0xc0000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    f2xm1
    PRINT32 "f2xm1 -0.75"
    call fpshow
    ; ---- fyl2x -0.75 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0xc0000000
    mov byte [ebx + 8], 0xfe
    mov byte [ebx + 9], 0xbf
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0xc0000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    fyl2x
    PRINT32 "fyl2x -0.75"
    call fpshow
    ; ---- fpatan -0.75 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0xc0000000
    mov byte [ebx + 8], 0xfe
    mov byte [ebx + 9], 0xbf
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0xc0000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    fpatan
    PRINT32 "fpatan -0.75"
    call fpshow
    ; ---- fsin 1 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0x3f
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0xc0000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    fsin
    PRINT32 "fsin 1"
    call fpshow
    ; ---- fcos 1 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0x3f
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0xc0000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    fcos
    PRINT32 "fcos 1"
    call fpshow
    ; ---- fsincos 1 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0x3f
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0xc0000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    fsincos
    PRINT32 "fsincos 1"
    call fpshow
    ; ---- fptan 1 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0x3f
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0xc0000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    fptan
    PRINT32 "fptan 1"
    call fpshow
    ; ---- f2xm1 1 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0x3f
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0xc0000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    f2xm1
    PRINT32 "f2xm1 1"
    call fpshow
    ; ---- fyl2x 1 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0x3f
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0xc0000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    fyl2x
    PRINT32 "fyl2x 1"
    call fpshow
    ; ---- fpatan 1 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0x3f
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0xc0000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    fpatan
    PRINT32 "fpatan 1"
    call fpshow
    ; ---- fsin 3 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0xc0000000
    mov byte [ebx + 8], 0x00
    mov byte [ebx + 9], 0x40
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0xc0000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    fsin
    PRINT32 "fsin 3"
    call fpshow
    ; ---- fcos 3 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0xc0000000
    mov byte [ebx + 8], 0x00
    mov byte [ebx + 9], 0x40
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0xc0000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    fcos
    PRINT32 "fcos 3"
    call fpshow
    ; ---- fsincos 3 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0xc0000000
    mov byte [ebx + 8], 0x00
    mov byte [ebx + 9], 0x40
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0xc0000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    fsincos
    PRINT32 "fsincos 3"
    call fpshow
    ; ---- fptan 3 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0xc0000000
    mov byte [ebx + 8], 0x00
    mov byte [ebx + 9], 0x40
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0xc0000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    fptan
    PRINT32 "fptan 3"
    call fpshow
    ; ---- fyl2x 3 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0xc0000000
    mov byte [ebx + 8], 0x00
    mov byte [ebx + 9], 0x40
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0xc0000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    fyl2x
    PRINT32 "fyl2x 3"
    call fpshow
    ; ---- fpatan 3 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0xc0000000
    mov byte [ebx + 8], 0x00
    mov byte [ebx + 9], 0x40
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0xc0000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    fpatan
    PRINT32 "fpatan 3"
    call fpshow
    ; ---- fsin 100 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0xc8000000
    mov byte [ebx + 8], 0x05
    mov byte [ebx + 9], 0x40
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0xc0000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    fsin
    PRINT32 "fsin 100"
    call fpshow
    ; ---- fcos 100 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0xc8000000
    mov byte [ebx + 8], 0x05
    mov byte [ebx + 9], 0x40
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0xc0000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    fcos
    PRINT32 "fcos 100"
    call fpshow
    ; ---- fsincos 100 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0xc8000000
    mov byte [ebx + 8], 0x05
    mov byte [ebx + 9], 0x40
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0xc0000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    fsincos
    PRINT32 "fsincos 100"
    call fpshow
    ; ---- fptan 100 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0xc8000000
    mov byte [ebx + 8], 0x05
    mov byte [ebx + 9], 0x40
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0xc0000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    fptan
    PRINT32 "fptan 100"
    call fpshow
    ; ---- fyl2x 100 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0xc8000000
    mov byte [ebx + 8], 0x05
    mov byte [ebx + 9], 0x40
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0xc0000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    fyl2x
    PRINT32 "fyl2x 100"
    call fpshow
    ; ---- fpatan 100 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0xc8000000
    mov byte [ebx + 8], 0x05
    mov byte [ebx + 9], 0x40
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0xc0000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    fpatan
    PRINT32 "fpatan 100"
    call fpshow
    ; ---- fsin 1e-10 ----
    call clear_tmp
    mov dword [ebx + 0], 0xbdedd5bf
    mov dword [ebx + 4], 0xdbe6fece
    mov byte [ebx + 8], 0xdd
    mov byte [ebx + 9], 0x3f
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0xc0000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    fsin
    PRINT32 "fsin 1e-10"
    call fpshow
    ; ---- fcos 1e-10 ----
    call clear_tmp
    mov dword [ebx + 0], 0xbdedd5bf
    mov dword [ebx + 4], 0xdbe6fece
    mov byte [ebx + 8], 0xdd
    mov byte [ebx + 9], 0x3f
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0xc0000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    fcos
    PRINT32 "fcos 1e-10"
    call fpshow
    ; ---- fsincos 1e-10 ----
    call clear_tmp
    mov dword [ebx + 0], 0xbdedd5bf
    mov dword [ebx + 4], 0xdbe6fece
    mov byte [ebx + 8], 0xdd
    mov byte [ebx + 9], 0x3f
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0xc0000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    fsincos
    PRINT32 "fsincos 1e-10"
    call fpshow
    ; ---- fptan 1e-10 ----
    call clear_tmp
    mov dword [ebx + 0], 0xbdedd5bf
    mov dword [ebx + 4], 0xdbe6fece
    mov byte [ebx + 8], 0xdd
    mov byte [ebx + 9], 0x3f
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0xc0000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    fptan
    PRINT32 "fptan 1e-10"
    call fpshow
    ; ---- f2xm1 1e-10 ----
    call clear_tmp
    mov dword [ebx + 0], 0xbdedd5bf
    mov dword [ebx + 4], 0xdbe6fece
    mov byte [ebx + 8], 0xdd
    mov byte [ebx + 9], 0x3f
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0xc0000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    f2xm1
    PRINT32 "f2xm1 1e-10"
    call fpshow
    ; ---- fyl2x 1e-10 ----
    call clear_tmp
    mov dword [ebx + 0], 0xbdedd5bf
    mov dword [ebx + 4], 0xdbe6fece
    mov byte [ebx + 8], 0xdd
    mov byte [ebx + 9], 0x3f
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0xc0000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    fyl2x
    PRINT32 "fyl2x 1e-10"
    call fpshow
    ; ---- fyl2xp1 1e-10 ----
    call clear_tmp
    mov dword [ebx + 0], 0xbdedd5bf
    mov dword [ebx + 4], 0xdbe6fece
    mov byte [ebx + 8], 0xdd
    mov byte [ebx + 9], 0x3f
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0xc0000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    fyl2xp1
    PRINT32 "fyl2xp1 1e-10"
    call fpshow
    ; ---- fpatan 1e-10 ----
    call clear_tmp
    mov dword [ebx + 0], 0xbdedd5bf
    mov dword [ebx + 4], 0xdbe6fece
    mov byte [ebx + 8], 0xdd
    mov byte [ebx + 9], 0x3f
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0xc0000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    fpatan
    PRINT32 "fpatan 1e-10"
    call fpshow
    ; ---- fsin pi/4 ----
    call clear_tmp
    mov dword [ebx + 0], 0x2168c235
    mov dword [ebx + 4], 0xc90fdaa2
    mov byte [ebx + 8], 0xfe
    mov byte [ebx + 9], 0x3f
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0xc0000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    fsin
    PRINT32 "fsin pi/4"
    call fpshow
    ; ---- fcos pi/4 ----
    call clear_tmp
    mov dword [ebx + 0], 0x2168c235
    mov dword [ebx + 4], 0xc90fdaa2
    mov byte [ebx + 8], 0xfe
    mov byte [ebx + 9], 0x3f
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0xc0000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    fcos
    PRINT32 "fcos pi/4"
    call fpshow
    ; ---- fsincos pi/4 ----
    call clear_tmp
    mov dword [ebx + 0], 0x2168c235
    mov dword [ebx + 4], 0xc90fdaa2
    mov byte [ebx + 8], 0xfe
    mov byte [ebx + 9], 0x3f
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0xc0000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    fsincos
    PRINT32 "fsincos pi/4"
    call fpshow
    ; ---- fptan pi/4 ----
    call clear_tmp
    mov dword [ebx + 0], 0x2168c235
    mov dword [ebx + 4], 0xc90fdaa2
    mov byte [ebx + 8], 0xfe
    mov byte [ebx + 9], 0x3f
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0xc0000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    fptan
    PRINT32 "fptan pi/4"
    call fpshow
    ; ---- f2xm1 pi/4 ----
    call clear_tmp
    mov dword [ebx + 0], 0x2168c235
    mov dword [ebx + 4], 0xc90fdaa2
    mov byte [ebx + 8], 0xfe
    mov byte [ebx + 9], 0x3f
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0xc0000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    f2xm1
    PRINT32 "f2xm1 pi/4"
    call fpshow
    ; ---- fyl2x pi/4 ----
    call clear_tmp
    mov dword [ebx + 0], 0x2168c235
    mov dword [ebx + 4], 0xc90fdaa2
    mov byte [ebx + 8], 0xfe
    mov byte [ebx + 9], 0x3f
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0xc0000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    fyl2x
    PRINT32 "fyl2x pi/4"
    call fpshow
    ; ---- fpatan pi/4 ----
    call clear_tmp
    mov dword [ebx + 0], 0x2168c235
    mov dword [ebx + 4], 0xc90fdaa2
    mov byte [ebx + 8], 0xfe
    mov byte [ebx + 9], 0x3f
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0xc0000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    fpatan
    PRINT32 "fpatan pi/4"
    call fpshow
    ; ---- fsin 2^62 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0x3d
    mov byte [ebx + 9], 0x40
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0xc0000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    fsin
    PRINT32 "fsin 2^62"
    call fpshow
    ; ---- fcos 2^62 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0x3d
    mov byte [ebx + 9], 0x40
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0xc0000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    fcos
    PRINT32 "fcos 2^62"
    call fpshow
    ; ---- fsincos 2^62 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0x3d
    mov byte [ebx + 9], 0x40
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0xc0000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    fsincos
    PRINT32 "fsincos 2^62"
    call fpshow
    ; ---- fptan 2^62 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0x3d
    mov byte [ebx + 9], 0x40
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0xc0000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    fptan
    PRINT32 "fptan 2^62"
    call fpshow
    ; ---- fyl2x 2^62 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0x3d
    mov byte [ebx + 9], 0x40
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0xc0000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    fyl2x
    PRINT32 "fyl2x 2^62"
    call fpshow
    ; ---- fpatan 2^62 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0x3d
    mov byte [ebx + 9], 0x40
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0xc0000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    fpatan
    PRINT32 "fpatan 2^62"
    call fpshow
    ; ---- fsin 2^63 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0x3e
    mov byte [ebx + 9], 0x40
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0xc0000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    fsin
    PRINT32 "fsin 2^63"
    call fpshow
    ; ---- fcos 2^63 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0x3e
    mov byte [ebx + 9], 0x40
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0xc0000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    fcos
    PRINT32 "fcos 2^63"
    call fpshow
    ; ---- fsincos 2^63 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0x3e
    mov byte [ebx + 9], 0x40
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0xc0000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    fsincos
    PRINT32 "fsincos 2^63"
    call fpshow
    ; ---- fptan 2^63 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0x3e
    mov byte [ebx + 9], 0x40
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0xc0000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    fptan
    PRINT32 "fptan 2^63"
    call fpshow
    ; ---- fyl2x 2^63 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0x3e
    mov byte [ebx + 9], 0x40
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0xc0000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    fyl2x
    PRINT32 "fyl2x 2^63"
    call fpshow
    ; ---- fpatan 2^63 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0x3e
    mov byte [ebx + 9], 0x40
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0xc0000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    fpatan
    PRINT32 "fpatan 2^63"
    call fpshow
    ; ---- fsin +0 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x00000000
    mov byte [ebx + 8], 0x00
    mov byte [ebx + 9], 0x00
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0xc0000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    fsin
    PRINT32 "fsin +0"
    call fpshow
    ; ---- fcos +0 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x00000000
    mov byte [ebx + 8], 0x00
    mov byte [ebx + 9], 0x00
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0xc0000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    fcos
    PRINT32 "fcos +0"
    call fpshow
    ; ---- fsincos +0 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x00000000
    mov byte [ebx + 8], 0x00
    mov byte [ebx + 9], 0x00
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0xc0000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    fsincos
    PRINT32 "fsincos +0"
    call fpshow
    ; ---- fptan +0 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x00000000
    mov byte [ebx + 8], 0x00
    mov byte [ebx + 9], 0x00
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0xc0000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    fptan
    PRINT32 "fptan +0"
    call fpshow
    ; ---- f2xm1 +0 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x00000000
    mov byte [ebx + 8], 0x00
    mov byte [ebx + 9], 0x00
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0xc0000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    f2xm1
    PRINT32 "f2xm1 +0"
    call fpshow
    ; ---- fyl2x +0 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x00000000
    mov byte [ebx + 8], 0x00
    mov byte [ebx + 9], 0x00
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0xc0000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    fyl2x
    PRINT32 "fyl2x +0"
    call fpshow
    ; ---- fyl2xp1 +0 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x00000000
    mov byte [ebx + 8], 0x00
    mov byte [ebx + 9], 0x00
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0xc0000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    fyl2xp1
    PRINT32 "fyl2xp1 +0"
    call fpshow
    ; ---- fpatan +0 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x00000000
    mov byte [ebx + 8], 0x00
    mov byte [ebx + 9], 0x00
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0xc0000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    fpatan
    PRINT32 "fpatan +0"
    call fpshow
    ; ---- fsin -0 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x00000000
    mov byte [ebx + 8], 0x00
    mov byte [ebx + 9], 0x80
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0xc0000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    fsin
    PRINT32 "fsin -0"
    call fpshow
    ; ---- fcos -0 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x00000000
    mov byte [ebx + 8], 0x00
    mov byte [ebx + 9], 0x80
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0xc0000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    fcos
    PRINT32 "fcos -0"
    call fpshow
    ; ---- fsincos -0 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x00000000
    mov byte [ebx + 8], 0x00
    mov byte [ebx + 9], 0x80
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0xc0000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    fsincos
    PRINT32 "fsincos -0"
    call fpshow
    ; ---- fptan -0 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x00000000
    mov byte [ebx + 8], 0x00
    mov byte [ebx + 9], 0x80
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0xc0000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    fptan
    PRINT32 "fptan -0"
    call fpshow
    ; ---- f2xm1 -0 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x00000000
    mov byte [ebx + 8], 0x00
    mov byte [ebx + 9], 0x80
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0xc0000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    f2xm1
    PRINT32 "f2xm1 -0"
    call fpshow
    ; ---- fyl2x -0 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x00000000
    mov byte [ebx + 8], 0x00
    mov byte [ebx + 9], 0x80
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0xc0000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    fyl2x
    PRINT32 "fyl2x -0"
    call fpshow
    ; ---- fyl2xp1 -0 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x00000000
    mov byte [ebx + 8], 0x00
    mov byte [ebx + 9], 0x80
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0xc0000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    fyl2xp1
    PRINT32 "fyl2xp1 -0"
    call fpshow
    ; ---- fpatan -0 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x00000000
    mov byte [ebx + 8], 0x00
    mov byte [ebx + 9], 0x80
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0xc0000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    fpatan
    PRINT32 "fpatan -0"
    call fpshow
    ; ---- fsin +inf ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0x7f
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0xc0000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    fsin
    PRINT32 "fsin +inf"
    call fpshow
    ; ---- fcos +inf ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0x7f
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0xc0000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    fcos
    PRINT32 "fcos +inf"
    call fpshow
    ; ---- fsincos +inf ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0x7f
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0xc0000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    fsincos
    PRINT32 "fsincos +inf"
    call fpshow
    ; ---- fptan +inf ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0x7f
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0xc0000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    fptan
    PRINT32 "fptan +inf"
    call fpshow
    ; ---- fyl2x +inf ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0x7f
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0xc0000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    fyl2x
    PRINT32 "fyl2x +inf"
    call fpshow
    ; ---- fpatan +inf ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0x7f
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0xc0000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    fpatan
    PRINT32 "fpatan +inf"
    call fpshow
    ; ---- fsin qnan ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000001
    mov dword [ebx + 4], 0xc0000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0x7f
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0xc0000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    fsin
    PRINT32 "fsin qnan"
    call fpshow
    ; ---- fcos qnan ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000001
    mov dword [ebx + 4], 0xc0000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0x7f
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0xc0000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    fcos
    PRINT32 "fcos qnan"
    call fpshow
    ; ---- fsincos qnan ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000001
    mov dword [ebx + 4], 0xc0000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0x7f
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0xc0000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    fsincos
    PRINT32 "fsincos qnan"
    call fpshow
    ; ---- fptan qnan ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000001
    mov dword [ebx + 4], 0xc0000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0x7f
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0xc0000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    fptan
    PRINT32 "fptan qnan"
    call fpshow
    ; ---- f2xm1 qnan ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000001
    mov dword [ebx + 4], 0xc0000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0x7f
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0xc0000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    f2xm1
    PRINT32 "f2xm1 qnan"
    call fpshow
    ; ---- fyl2x qnan ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000001
    mov dword [ebx + 4], 0xc0000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0x7f
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0xc0000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    fyl2x
    PRINT32 "fyl2x qnan"
    call fpshow
    ; ---- fyl2xp1 qnan ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000001
    mov dword [ebx + 4], 0xc0000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0x7f
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0xc0000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    fyl2xp1
    PRINT32 "fyl2xp1 qnan"
    call fpshow
    ; ---- fpatan qnan ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000001
    mov dword [ebx + 4], 0xc0000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0x7f
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0xc0000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    fpatan
    PRINT32 "fpatan qnan"
    call fpshow
    ; ---- fsin snan ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000001
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0x7f
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0xc0000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    fsin
    PRINT32 "fsin snan"
    call fpshow
    ; ---- fcos snan ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000001
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0x7f
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0xc0000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    fcos
    PRINT32 "fcos snan"
    call fpshow
    ; ---- fsincos snan ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000001
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0x7f
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0xc0000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    fsincos
    PRINT32 "fsincos snan"
    call fpshow
    ; ---- fptan snan ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000001
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0x7f
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0xc0000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    fptan
    PRINT32 "fptan snan"
    call fpshow
    ; ---- f2xm1 snan ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000001
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0x7f
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0xc0000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    f2xm1
    PRINT32 "f2xm1 snan"
    call fpshow
    ; ---- fyl2x snan ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000001
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0x7f
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0xc0000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    fyl2x
    PRINT32 "fyl2x snan"
    call fpshow
    ; ---- fyl2xp1 snan ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000001
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0x7f
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0xc0000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    fyl2xp1
    PRINT32 "fyl2xp1 snan"
    call fpshow
    ; ---- fpatan snan ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000001
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0x7f
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0xc0000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    fpatan
    PRINT32 "fpatan snan"
    call fpshow
    ; ---- fsin denormal ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000001
    mov dword [ebx + 4], 0x00000000
    mov byte [ebx + 8], 0x00
    mov byte [ebx + 9], 0x00
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0xc0000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    fsin
    PRINT32 "fsin denormal"
    call fpshow
    ; ---- fcos denormal ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000001
    mov dword [ebx + 4], 0x00000000
    mov byte [ebx + 8], 0x00
    mov byte [ebx + 9], 0x00
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0xc0000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    fcos
    PRINT32 "fcos denormal"
    call fpshow
    ; ---- fsincos denormal ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000001
    mov dword [ebx + 4], 0x00000000
    mov byte [ebx + 8], 0x00
    mov byte [ebx + 9], 0x00
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0xc0000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    fsincos
    PRINT32 "fsincos denormal"
    call fpshow
    ; ---- fptan denormal ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000001
    mov dword [ebx + 4], 0x00000000
    mov byte [ebx + 8], 0x00
    mov byte [ebx + 9], 0x00
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0xc0000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    fptan
    PRINT32 "fptan denormal"
    call fpshow
    ; ---- f2xm1 denormal ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000001
    mov dword [ebx + 4], 0x00000000
    mov byte [ebx + 8], 0x00
    mov byte [ebx + 9], 0x00
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0xc0000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    f2xm1
    PRINT32 "f2xm1 denormal"
    call fpshow
    ; ---- fyl2x denormal ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000001
    mov dword [ebx + 4], 0x00000000
    mov byte [ebx + 8], 0x00
    mov byte [ebx + 9], 0x00
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0xc0000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    fyl2x
    PRINT32 "fyl2x denormal"
    call fpshow
    ; ---- fyl2xp1 denormal ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000001
    mov dword [ebx + 4], 0x00000000
    mov byte [ebx + 8], 0x00
    mov byte [ebx + 9], 0x00
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0xc0000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    fyl2xp1
    PRINT32 "fyl2xp1 denormal"
    call fpshow
    ; ---- fpatan denormal ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000001
    mov dword [ebx + 4], 0x00000000
    mov byte [ebx + 8], 0x00
    mov byte [ebx + 9], 0x00
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0xc0000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    fpatan
    PRINT32 "fpatan denormal"
    call fpshow
    ; ---- fsin -2 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0x00
    mov byte [ebx + 9], 0xc0
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0xc0000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    fsin
    PRINT32 "fsin -2"
    call fpshow
    ; ---- fcos -2 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0x00
    mov byte [ebx + 9], 0xc0
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0xc0000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    fcos
    PRINT32 "fcos -2"
    call fpshow
    ; ---- fsincos -2 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0x00
    mov byte [ebx + 9], 0xc0
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0xc0000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    fsincos
    PRINT32 "fsincos -2"
    call fpshow
    ; ---- fptan -2 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0x00
    mov byte [ebx + 9], 0xc0
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0xc0000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    fptan
    PRINT32 "fptan -2"
    call fpshow
    ; ---- fyl2x -2 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0x00
    mov byte [ebx + 9], 0xc0
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0xc0000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    fyl2x
    PRINT32 "fyl2x -2"
    call fpshow
    ; ---- fpatan -2 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0x00
    mov byte [ebx + 9], 0xc0
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0xc0000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    fpatan
    PRINT32 "fpatan -2"
    call fpshow
    ; ---- fsin 0.25 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0xfd
    mov byte [ebx + 9], 0x3f
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0xc0000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    fsin
    PRINT32 "fsin 0.25"
    call fpshow
    ; ---- fcos 0.25 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0xfd
    mov byte [ebx + 9], 0x3f
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0xc0000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    fcos
    PRINT32 "fcos 0.25"
    call fpshow
    ; ---- fsincos 0.25 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0xfd
    mov byte [ebx + 9], 0x3f
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0xc0000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    fsincos
    PRINT32 "fsincos 0.25"
    call fpshow
    ; ---- fptan 0.25 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0xfd
    mov byte [ebx + 9], 0x3f
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0xc0000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    fptan
    PRINT32 "fptan 0.25"
    call fpshow
    ; ---- f2xm1 0.25 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0xfd
    mov byte [ebx + 9], 0x3f
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0xc0000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    f2xm1
    PRINT32 "f2xm1 0.25"
    call fpshow
    ; ---- fyl2x 0.25 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0xfd
    mov byte [ebx + 9], 0x3f
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0xc0000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    fyl2x
    PRINT32 "fyl2x 0.25"
    call fpshow
    ; ---- fyl2xp1 0.25 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0xfd
    mov byte [ebx + 9], 0x3f
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0xc0000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    fyl2xp1
    PRINT32 "fyl2xp1 0.25"
    call fpshow
    ; ---- fpatan 0.25 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0xfd
    mov byte [ebx + 9], 0x3f
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0xc0000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    fpatan
    PRINT32 "fpatan 0.25"
    call fpshow
    ; ---- fsin 0.29 ----
    call clear_tmp
    mov dword [ebx + 0], 0xae147ae1
    mov dword [ebx + 4], 0x947ae147
    mov byte [ebx + 8], 0xfd
    mov byte [ebx + 9], 0x3f
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0xc0000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    fsin
    PRINT32 "fsin 0.29"
    call fpshow
    ; ---- fcos 0.29 ----
    call clear_tmp
    mov dword [ebx + 0], 0xae147ae1
    mov dword [ebx + 4], 0x947ae147
    mov byte [ebx + 8], 0xfd
    mov byte [ebx + 9], 0x3f
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0xc0000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    fcos
    PRINT32 "fcos 0.29"
    call fpshow
    ; ---- fsincos 0.29 ----
    call clear_tmp
    mov dword [ebx + 0], 0xae147ae1
    mov dword [ebx + 4], 0x947ae147
    mov byte [ebx + 8], 0xfd
    mov byte [ebx + 9], 0x3f
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0xc0000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    fsincos
    PRINT32 "fsincos 0.29"
    call fpshow
    ; ---- fptan 0.29 ----
    call clear_tmp
    mov dword [ebx + 0], 0xae147ae1
    mov dword [ebx + 4], 0x947ae147
    mov byte [ebx + 8], 0xfd
    mov byte [ebx + 9], 0x3f
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0xc0000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    fptan
    PRINT32 "fptan 0.29"
    call fpshow
    ; ---- f2xm1 0.29 ----
    call clear_tmp
    mov dword [ebx + 0], 0xae147ae1
    mov dword [ebx + 4], 0x947ae147
    mov byte [ebx + 8], 0xfd
    mov byte [ebx + 9], 0x3f
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0xc0000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    f2xm1
    PRINT32 "f2xm1 0.29"
    call fpshow
    ; ---- fyl2x 0.29 ----
    call clear_tmp
    mov dword [ebx + 0], 0xae147ae1
    mov dword [ebx + 4], 0x947ae147
    mov byte [ebx + 8], 0xfd
    mov byte [ebx + 9], 0x3f
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0xc0000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    fyl2x
    PRINT32 "fyl2x 0.29"
    call fpshow
    ; ---- fyl2xp1 0.29 ----
    call clear_tmp
    mov dword [ebx + 0], 0xae147ae1
    mov dword [ebx + 4], 0x947ae147
    mov byte [ebx + 8], 0xfd
    mov byte [ebx + 9], 0x3f
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0xc0000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    fyl2xp1
    PRINT32 "fyl2xp1 0.29"
    call fpshow
    ; ---- fpatan 0.29 ----
    call clear_tmp
    mov dword [ebx + 0], 0xae147ae1
    mov dword [ebx + 4], 0x947ae147
    mov byte [ebx + 8], 0xfd
    mov byte [ebx + 9], 0x3f
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0xc0000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    fpatan
    PRINT32 "fpatan 0.29"
    call fpshow
    ; ---- fsin 0.5 rc1 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0xfe
    mov byte [ebx + 9], 0x3f
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0xc0000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    mov byte [ebx + 32], 0x7f
    mov byte [ebx + 33], 0x07
    fninit
    fldcw [ebx + 32]
    fld tword [ebx + 16]
    fld tword [ebx]
    fsin
    PRINT32 "fsin 0.5 rc1"
    call fpshow
    ; ---- f2xm1 0.5 rc1 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0xfe
    mov byte [ebx + 9], 0x3f
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0xc0000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    mov byte [ebx + 32], 0x7f
    mov byte [ebx + 33], 0x07
    fninit
    fldcw [ebx + 32]
    fld tword [ebx + 16]
    fld tword [ebx]
    f2xm1
    PRINT32 "f2xm1 0.5 rc1"
    call fpshow
    ; ---- fyl2x 0.5 rc1 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0xfe
    mov byte [ebx + 9], 0x3f
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0xc0000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    mov byte [ebx + 32], 0x7f
    mov byte [ebx + 33], 0x07
    fninit
    fldcw [ebx + 32]
    fld tword [ebx + 16]
    fld tword [ebx]
    fyl2x
    PRINT32 "fyl2x 0.5 rc1"
    call fpshow
    ; ---- fpatan 0.5 rc1 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0xfe
    mov byte [ebx + 9], 0x3f
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0xc0000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    mov byte [ebx + 32], 0x7f
    mov byte [ebx + 33], 0x07
    fninit
    fldcw [ebx + 32]
    fld tword [ebx + 16]
    fld tword [ebx]
    fpatan
    PRINT32 "fpatan 0.5 rc1"
    call fpshow
    ; ---- fsin 0.5 rc2 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0xfe
    mov byte [ebx + 9], 0x3f
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0xc0000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    mov byte [ebx + 32], 0x7f
    mov byte [ebx + 33], 0x0b
    fninit
    fldcw [ebx + 32]
    fld tword [ebx + 16]
    fld tword [ebx]
    fsin
    PRINT32 "fsin 0.5 rc2"
    call fpshow
    ; ---- f2xm1 0.5 rc2 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0xfe
    mov byte [ebx + 9], 0x3f
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0xc0000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    mov byte [ebx + 32], 0x7f
    mov byte [ebx + 33], 0x0b
    fninit
    fldcw [ebx + 32]
    fld tword [ebx + 16]
    fld tword [ebx]
    f2xm1
    PRINT32 "f2xm1 0.5 rc2"
    call fpshow
    ; ---- fyl2x 0.5 rc2 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0xfe
    mov byte [ebx + 9], 0x3f
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0xc0000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    mov byte [ebx + 32], 0x7f
    mov byte [ebx + 33], 0x0b
    fninit
    fldcw [ebx + 32]
    fld tword [ebx + 16]
    fld tword [ebx]
    fyl2x
    PRINT32 "fyl2x 0.5 rc2"
    call fpshow
    ; ---- fpatan 0.5 rc2 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0xfe
    mov byte [ebx + 9], 0x3f
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0xc0000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    mov byte [ebx + 32], 0x7f
    mov byte [ebx + 33], 0x0b
    fninit
    fldcw [ebx + 32]
    fld tword [ebx + 16]
    fld tword [ebx]
    fpatan
    PRINT32 "fpatan 0.5 rc2"
    call fpshow
    ; ---- fsin 0.5 rc3 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0xfe
    mov byte [ebx + 9], 0x3f
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0xc0000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    mov byte [ebx + 32], 0x7f
    mov byte [ebx + 33], 0x0f
    fninit
    fldcw [ebx + 32]
    fld tword [ebx + 16]
    fld tword [ebx]
    fsin
    PRINT32 "fsin 0.5 rc3"
    call fpshow
    ; ---- f2xm1 0.5 rc3 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0xfe
    mov byte [ebx + 9], 0x3f
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0xc0000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    mov byte [ebx + 32], 0x7f
    mov byte [ebx + 33], 0x0f
    fninit
    fldcw [ebx + 32]
    fld tword [ebx + 16]
    fld tword [ebx]
    f2xm1
    PRINT32 "f2xm1 0.5 rc3"
    call fpshow
    ; ---- fyl2x 0.5 rc3 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0xfe
    mov byte [ebx + 9], 0x3f
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0xc0000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    mov byte [ebx + 32], 0x7f
    mov byte [ebx + 33], 0x0f
    fninit
    fldcw [ebx + 32]
    fld tword [ebx + 16]
    fld tword [ebx]
    fyl2x
    PRINT32 "fyl2x 0.5 rc3"
    call fpshow
    ; ---- fpatan 0.5 rc3 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0xfe
    mov byte [ebx + 9], 0x3f
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0xc0000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    mov byte [ebx + 32], 0x7f
    mov byte [ebx + 33], 0x0f
    fninit
    fldcw [ebx + 32]
    fld tword [ebx + 16]
    fld tword [ebx]
    fpatan
    PRINT32 "fpatan 0.5 rc3"
    call fpshow
    ; ---- fptan full stack ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0xfe
    mov byte [ebx + 9], 0x3f
    fninit
    fld1
    fld1
    fld1
    fld1
    fld1
    fld1
    fld1
    fld tword [ebx]
    fptan
    PRINT32 "fptan full stack"
    call fpshow
    ; ---- fsincos full stack ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0xfe
    mov byte [ebx + 9], 0x3f
    fninit
    fld1
    fld1
    fld1
    fld1
    fld1
    fld1
    fld1
    fld tword [ebx]
    fsincos
    PRINT32 "fsincos full stack"
    call fpshow
    ; ---- fsin empty ----
    call clear_tmp
    fninit
    fsin
    PRINT32 "fsin empty"
    call fpshow
    ; ---- fyl2x empty st1 ----
    call clear_tmp
    fninit
    fld1
    fyl2x
    PRINT32 "fyl2x empty st1"
    call fpshow
    PRINT32 "x87_trans: done", 10
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
