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
X87_MAIN "x87_trans"
; TRANS "x", e, s, cw, op...: X87CASE "op x" for each op, on ST0 = x (the 80-bit e:s) and
; ST1 = 1.5 (the second operand of FYL2X, FYL2XP1 and FPATAN), after FNINIT and, unless
; cw is 0, FLDCW cw
%macro TRANS 5-*
%xdefine TRANS_X %1
%xdefine TRANS_V {SET80 0, %2, %3}, {SET80 16, 0x3fff, 0xc000000000000000}
%assign TRANS_CW %4
%rotate 4
%rep %0 - 4
%if TRANS_CW
    X87CASE {%str(%1), " ", TRANS_X}, TRANS_V, {SET16 32, TRANS_CW}, fninit, fldcw [ebx + 32], fld tword [ebx + 16], fld tword [ebx], %1
%else
    X87CASE {%str(%1), " ", TRANS_X}, TRANS_V, fninit, fld tword [ebx + 16], fld tword [ebx], %1
%endif
%rotate 1
%endrep
%endmacro
    mov ebx, FPTMP
    TRANS "0.5", 0x3ffe, 0x8000000000000000, 0, fsin, fcos, fsincos, fptan, f2xm1, fyl2x, fpatan
    TRANS "-0.75", 0xbffe, 0xc000000000000000, 0, fsin, fcos, fsincos, fptan, f2xm1, fyl2x, fpatan
    TRANS "1", 0x3fff, 0x8000000000000000, 0, fsin, fcos, fsincos, fptan, f2xm1, fyl2x, fpatan
    TRANS "3", 0x4000, 0xc000000000000000, 0, fsin, fcos, fsincos, fptan, fyl2x, fpatan
    TRANS "100", 0x4005, 0xc800000000000000, 0, fsin, fcos, fsincos, fptan, fyl2x, fpatan
    TRANS "1e-10", 0x3fdd, 0xdbe6fecebdedd5bf, 0, fsin, fcos, fsincos, fptan, f2xm1, fyl2x, fyl2xp1, fpatan
    TRANS "pi/4", 0x3ffe, 0xc90fdaa22168c235, 0, fsin, fcos, fsincos, fptan, f2xm1, fyl2x, fpatan
    TRANS "2^62", 0x403d, 0x8000000000000000, 0, fsin, fcos, fsincos, fptan, fyl2x, fpatan
    TRANS "2^63", 0x403e, 0x8000000000000000, 0, fsin, fcos, fsincos, fptan, fyl2x, fpatan
    TRANS "+0", 0x0000, 0x0000000000000000, 0, fsin, fcos, fsincos, fptan, f2xm1, fyl2x, fyl2xp1, fpatan
    TRANS "-0", 0x8000, 0x0000000000000000, 0, fsin, fcos, fsincos, fptan, f2xm1, fyl2x, fyl2xp1, fpatan
    TRANS "+inf", 0x7fff, 0x8000000000000000, 0, fsin, fcos, fsincos, fptan, fyl2x, fpatan
    TRANS "qnan", 0x7fff, 0xc000000000000001, 0, fsin, fcos, fsincos, fptan, f2xm1, fyl2x, fyl2xp1, fpatan
    TRANS "snan", 0x7fff, 0x8000000000000001, 0, fsin, fcos, fsincos, fptan, f2xm1, fyl2x, fyl2xp1, fpatan
    TRANS "denormal", 0x0000, 0x0000000000000001, 0, fsin, fcos, fsincos, fptan, f2xm1, fyl2x, fyl2xp1, fpatan
    TRANS "-2", 0xc000, 0x8000000000000000, 0, fsin, fcos, fsincos, fptan, fyl2x, fpatan
    TRANS "0.25", 0x3ffd, 0x8000000000000000, 0, fsin, fcos, fsincos, fptan, f2xm1, fyl2x, fyl2xp1, fpatan
    TRANS "0.29", 0x3ffd, 0x947ae147ae147ae1, 0, fsin, fcos, fsincos, fptan, f2xm1, fyl2x, fyl2xp1, fpatan
    TRANS "0.5 rc1", 0x3ffe, 0x8000000000000000, 0x077f, fsin, f2xm1, fyl2x, fpatan
    TRANS "0.5 rc2", 0x3ffe, 0x8000000000000000, 0x0b7f, fsin, f2xm1, fyl2x, fpatan
    TRANS "0.5 rc3", 0x3ffe, 0x8000000000000000, 0x0f7f, fsin, f2xm1, fyl2x, fpatan
    X87CASE "fptan full stack", {SET80 0, 0x3ffe, 0x8000000000000000}, fninit, fld1, fld1, fld1, fld1, fld1, fld1, fld1, fld tword [ebx], fptan
    X87CASE "fsincos full stack", {SET80 0, 0x3ffe, 0x8000000000000000}, fninit, fld1, fld1, fld1, fld1, fld1, fld1, fld1, fld tword [ebx], fsincos
    X87CASE "fsin empty", fninit, fsin
    X87CASE "fyl2x empty st1", fninit, fld1, fyl2x
    PRINT32 "x87_trans: done", 10
    mov al, 0
    call exit32

X87_END
