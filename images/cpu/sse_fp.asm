; sse_fp.asm: SSE, SSE2 and SSE3 floating point in real mode on qemu32: every rounding
; mode (RC 0-3) on divisions, square roots and the conversions (packed, scalar, to and
; from int32, truncating), register and memory operands; DAZ and FTZ; NaN propagation
; (two QNaNs, SNaN and QNaN in both orders, a number and an SNaN; MIN/MAX, CMPPS's eight
; predicates, COMISS/UCOMISS, CVTSS2SI); the default NaN; each exception masked (its flag),
; unmasked with CR4.OSXMMEXCPT (#XM, destination unchanged) and without it (#UD); #GP for
; misaligned operands of the aligned forms. MXCSR is printed after each line's work.
; Lines marked '!' in sse_fp.expected hold the hardware's values where QEMU 7.2 differs:
; - "nan rev": of two NaN operands QEMU returns the one with the larger significand (the
;   x87's rule), SSE the first source operand (SDM vol. 1 Table 4-7);
; - "den", "exc DE": QEMU never sets MXCSR.DE for a denormal operand;
; - "xm ..." and "ud ...": QEMU 7.2 raises no SIMD floating-point exception (neither #XM
;   nor #UD) and writes the destination; the hardware faults and leaves it;
; - "nan": of a QNaN and an SNaN QEMU returns the SNaN quieted, SSE the first source;
; - "align m128": QEMU 7.2 does not check the alignment of CVTPD2PS's, CVTDQ2PS's and the
;   SSE3 arithmetic's m128 operand; the SDM requires it as for every legacy m128 form.
; qemu-args: -cpu qemu32,-apic,-pae,-mce,-de,-hypervisor
%include "sse.inc"
bits 16
align 16
d_big:   dq 1.0e300
align 16
f_one:   dd 1.0, -1.0, 2.0, -2.0
align 16
f_div:   dd 3.0, 3.0, 7.0, 7.0
align 16
f_cvt:   dd 0.5, 1.5, -2.5, 2.75
align 16
d_one:   dq 1.0, -1.0
align 16
d_three: dq 3.0, 3.0
align 16
d_cvt:   dq 2.5, -3.5
align 16
d_third: dq 0.333333333333333314829616256247
align 16
f_two:   dd 2.0, 2.0, 2.0, 2.0
align 16
f_den:   dd 0x00400000, 0x80400001, 0x00000001, 0x007fffff
align 16
f_min1:  dd 0x00800001, 0x00800003, 0x80800001, 0x00800000
align 16
f_half:  dd 0.5, 0.5, 0.5, 0.5
align 16
f_nana:  dd 0x7fc12345, 0x7f812345, 0x7fc12345, 1.0       ; dest: Q, S, Q, number
align 16
f_nanb:  dd 0x7fc00001, 0x7fc00001, 0x7f800001, 0x7f800001 ; src: Q, Q, S, S (smaller)
align 16
f_nanc:  dd 0x7fc00001, 0x7f800001, 0x7fc00001, 1.0        ; dest, smaller significands
align 16
f_nand:  dd 0x7fc54321, 0x7fc54321, 0x7f854321, 0x7f854321 ; src, larger
align 16
f_mm1:   dd 0x7fc00001, 1.0, 0.0, 0x7f800001
align 16
f_mm2:   dd 1.0, 0x7fc00002, 0x80000000, 2.0
align 16
f_cmp:   dd 1.0, 0x7fc00000, 2.0, 0x7f800001
align 16
f_cmpb:  dd 2.0, 1.0, 2.0, 1.0
align 16
f_qnan:  dd 0x7fc00000
align 16
f_snan:  dd 0x7f800001
align 16
f_neg:   dd -1.0
align 16
f_zero:  dd 0.0
align 16
f_inf:   dd 0x7f800000
align 16
f_max:   dd 0x7f7fffff
align 16
f_tiny:  dd 0x00800000
align 16
f_3:     dd 3.0
align 16
f_dn:    dd 0x00000001
align 16
mis:     times 32 db 0x11
%macro RCLINE 1                ; the conversions and divisions under RC = %1
    PRINT16 "rc", %1 + '0', ": "
    mov dword [TMP], 0x1f80 | (%1 << 13)
    ldmxcsr [TMP]
    movaps xmm0, [cs:f_one]
    divps xmm0, [cs:f_div]
    PX xmm0
    movapd xmm1, [cs:d_one]
    movapd xmm2, [cs:d_three]
    divpd xmm1, xmm2
    PX xmm1
    movaps xmm2, [cs:f_two]
    sqrtss xmm2, xmm2
    sqrtsd xmm3, [cs:d_three]
    PX xmm2
    PX xmm3
    PMX
    call nl16
    PRINT16 "rc", %1 + '0', " cvt: "
    xorps xmm4, xmm4
    cvtsd2ss xmm4, [cs:d_third]
    PX xmm4
    cvtps2dq xmm5, [cs:f_cvt]
    PX xmm5
    cvttps2dq xmm5, [cs:f_cvt]
    PX xmm5
    movapd xmm6, [cs:d_cvt]
    cvtpd2dq xmm6, xmm6
    PX xmm6
    mov ecx, 0x7fffffff
    cvtsi2ss xmm7, ecx
    cvtsi2sd xmm0, ecx
    PX xmm7
    cvtss2si eax, [cs:f_cvt+8]
    PR eax
    cvttss2si eax, [cs:f_cvt+8]
    PR eax
    cvtsd2si eax, [cs:d_cvt]
    PR eax
    cvtpd2ps xmm1, [cs:d_one]
    cvtps2pd xmm2, [cs:f_one]
    PX xmm2
    PMX
    call nl16
%endmacro
%macro EXC 3+                  ; name, MXCSR, instruction: xmm0 = 1.0 first, then printed
    PRINT16 %1, " "
    mov dword [TMP], %2
    ldmxcsr [TMP]
    movss xmm0, [cs:f_one]
    TRY %3
    PX xmm0
    PMX
    call nl16
%endmacro
%macro EXC3 3+                 ; masked, unmasked with #XM, unmasked with #UD
    EXC {"exc ", %2}, 0x1f80, %3
    EXC {"xm ", %2}, 0x1f80 & ~(0x80 << EBIT_%1), %3
    mov eax, cr4
    and eax, ~0x400
    mov cr4, eax
    EXC {"ud ", %2}, 0x1f80 & ~(0x80 << EBIT_%1), %3
    mov eax, cr4
    or eax, 0x400
    mov cr4, eax
%endmacro
EBIT_IE equ 0
EBIT_DE equ 1
EBIT_ZE equ 2
EBIT_OE equ 3
EBIT_UE equ 4
EBIT_PE equ 5
start:
    SSE_START 0x600
    RCLINE 0
    RCLINE 1
    RCLINE 2
    RCLINE 3
    mov dword [TMP], 0x1f80
    ldmxcsr [TMP]
; ---- DAZ (bit 6) and FTZ (bit 15) ----
    PRINT16 "den: "
    movaps xmm0, [cs:f_den]
    mulps xmm0, [cs:f_one]
    PX xmm0
    PMX
    call nl16
    PRINT16 "daz: "
    mov dword [TMP], 0x1fc0
    ldmxcsr [TMP]
    movaps xmm0, [cs:f_den]
    mulps xmm0, [cs:f_one]
    PX xmm0
    movaps xmm1, [cs:f_one]
    addps xmm1, [cs:f_den]
    PX xmm1
    PMX
    call nl16
    PRINT16 "unf: "
    mov dword [TMP], 0x1f80
    ldmxcsr [TMP]
    movaps xmm0, [cs:f_min1]
    mulps xmm0, [cs:f_half]
    PX xmm0
    PMX
    call nl16
    PRINT16 "ftz: "
    mov dword [TMP], 0x9f80
    ldmxcsr [TMP]
    movaps xmm0, [cs:f_min1]
    mulps xmm0, [cs:f_half]
    PX xmm0
    PMX
    mov dword [TMP], 0x9fc0
    ldmxcsr [TMP]
    movaps xmm0, [cs:f_min1]
    mulps xmm0, [cs:f_half]
    PX xmm0
    PMX
    call nl16
    mov dword [TMP], 0x1f80
    ldmxcsr [TMP]
; ---- NaNs ----
    PRINT16 "nan: "
    movaps xmm0, [cs:f_nana]
    addps xmm0, [cs:f_nanb]
    PX xmm0
    PMX
    movaps xmm0, [cs:f_nana]
    movaps xmm1, [cs:f_nanb]
    mulps xmm0, xmm1
    PX xmm0
    PMX
    call nl16
    PRINT16 "nan rev: "
    movaps xmm0, [cs:f_nanc]
    addps xmm0, [cs:f_nand]
    PX xmm0
    PMX
    movaps xmm0, [cs:f_nanc]
    subps xmm0, [cs:f_nand]
    PX xmm0
    PMX
    call nl16
    PRINT16 "minmax: "
    movaps xmm0, [cs:f_mm1]
    minps xmm0, [cs:f_mm2]
    PX xmm0
    PMX
    movaps xmm0, [cs:f_mm1]
    maxps xmm0, [cs:f_mm2]
    PX xmm0
    PMX
    movaps xmm0, [cs:f_mm2]
    maxps xmm0, [cs:f_mm1]
    PX xmm0
    PMX
    call nl16
    PRINT16 "cmp: "
%assign p 0
%rep 8
    movaps xmm0, [cs:f_cmp]
    cmpps xmm0, [cs:f_cmpb], p
    PX xmm0
    PMX
%assign p p+1
%endrep
    call nl16
    PRINT16 "comi: "
    movss xmm0, [cs:f_qnan]
    movss xmm1, [cs:f_one]
    comiss xmm0, xmm1
    pushf
    pop ax
    and ax, 0x8d5
    PR eax
    PMX
    ucomiss xmm0, xmm1
    pushf
    pop ax
    and ax, 0x8d5
    PR eax
    PMX
    ucomiss xmm1, [cs:f_snan]
    pushf
    pop ax
    and ax, 0x8d5
    PR eax
    PMX
    comiss xmm1, [cs:f_one+8]
    pushf
    pop ax
    and ax, 0x8d5
    PR eax
    ucomisd xmm2, xmm2
    pushf
    pop ax
    and ax, 0x8d5
    PR eax
    cvtss2si eax, [cs:f_qnan]
    PR eax
    PMX
    call nl16
    PRINT16 "default nan: "
    movss xmm0, [cs:f_zero]
    divss xmm0, xmm0
    PX xmm0
    movss xmm0, [cs:f_inf]
    subss xmm0, [cs:f_inf]
    PX xmm0
    sqrtss xmm0, [cs:f_neg]
    PX xmm0
    PMX
    call nl16
; ---- exceptions, one at a time ----
    EXC3 IE, "IE", sqrtss xmm0, [cs:f_neg]
    EXC3 DE, "DE", addss xmm0, [cs:f_dn]
    EXC3 ZE, "ZE", divss xmm0, [cs:f_zero]
    EXC3 OE, "OE", cvtsd2ss xmm0, [cs:d_big]
    EXC3 UE, "UE", divss xmm0, [cs:f_max]
    EXC3 PE, "PE", divss xmm0, [cs:f_3]
    EXC "xm IE packed", 0x1f00, sqrtps xmm0, [cs:f_one]
    PRINT16 "xm OE sd "
    mov dword [TMP], 0x1f80 & ~0x400
    ldmxcsr [TMP]
    movsd xmm1, [cs:d_big]
    TRY mulsd xmm1, xmm1
    PX xmm1
    PMX
    call nl16
    mov dword [TMP], 0x1f80
    ldmxcsr [TMP]
; ---- alignment ----
    PRINT16 "align: "
    TRYD movaps xmm0, [cs:mis+4]
    TRYD addps xmm0, [cs:mis+8]
    TRYD movapd [mis+1], xmm0
    TRYD movntps [mis+2], xmm0
    TRYD movdqa xmm0, [cs:mis+12]
    TRYD cvtps2pd xmm0, [cs:mis+4]
    TRYD movups xmm0, [cs:mis+1]
    TRYD addss xmm0, [cs:mis+3]
    TRYD addsd xmm0, [cs:mis+5]
    TRYD lddqu xmm0, [cs:mis+7]
    TRYD movddup xmm0, [cs:mis+9]
    TRYD movdqu [mis+3], xmm0
    call nl16
    PRINT16 "align m128: "
    TRYD cvtpd2ps xmm0, [cs:mis+4]
    TRYD haddps xmm0, [cs:mis+4]
    TRYD cvtdq2ps xmm0, [cs:mis+8]
    TRYD addsubpd xmm0, [cs:mis+8]
    call nl16
    mov al, 0
    call exit16
    times 0xfff0-($-$$) db 0
    jmp 0xf000:start
    times 0x10000-($-$$) db 0xff
