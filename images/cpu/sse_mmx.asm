; sse_mmx.asm: the conversions between XMM and MMX registers in real mode on qemu32:
; CVTPS2PI, CVTTPS2PI, CVTPD2PI, CVTTPD2PI, CVTPI2PS, CVTPI2PD under every rounding mode,
; with memory and register operands, out-of-range values and NaNs (the integer
; indefinite 80000000 and IE), and CVTPI2PS keeping the destination's high half; then the
; x87-to-MMX transition they make (TOP and the tag word after each, from FNSTENV) and the
; pending x87 exception they take (#MF with CR0.NE).
; Lines marked '!' in sse_mmx.expected hold the hardware's values where QEMU 7.2 differs:
; - "tx m64" and "mf m64": CVTPI2PS and CVTPI2PD from memory make no x87-to-MMX transition
;   and take no pending x87 exception (SDM vol. 2 CVTPI2PS); QEMU 7.2 makes the transition
;   for every form and never raises #MF for MMX state;
; - "mf": QEMU 7.2 raises no #MF for a pending x87 exception before an MMX instruction.
; The x87 exponent field of an MMX register written here (0xFFFF on the hardware, left as
; it was by QEMU 7.2) is not printed.
; qemu-args: -cpu qemu32,-apic,-pae,-mce,-de,-hypervisor
%include "sse.inc"
ENV equ 0x600
bits 16
align 16
f_cvt:  dd 0.5, 1.5, -2.5, 2.75
align 16
f_big:  dd 3.0e9, 0x7fc00000, -2147483648.0, -2147483904.0
align 16
d_cvt:  dq 2.5, -3.5
align 16
d_big:  dq -2147483648.5, 2147483647.5
align 16
i_src:  dd 0x7fffffff, -3, 0x01000001, 0x7ffffff1
align 16
hi_pat: dd 0x11111111, 0x22222222, 0x33333333, 0x44444444
%macro RCLINE 1
    PRINT16 "rc", %1 + '0', ": "
    mov dword [TMP], 0x1f80 | (%1 << 13)
    ldmxcsr [TMP]
    cvtps2pi mm0, [cs:f_cvt]
    PM mm0
    movaps xmm1, [cs:f_cvt]
    shufps xmm1, xmm1, 0x0e
    cvtps2pi mm1, xmm1
    PM mm1
    cvttps2pi mm2, [cs:f_cvt+8]
    PM mm2
    cvtpd2pi mm3, [cs:d_cvt]
    PM mm3
    movapd xmm3, [cs:d_cvt]
    cvttpd2pi mm4, xmm3
    PM mm4
    movaps xmm0, [cs:hi_pat]
    cvtpi2ps xmm0, [cs:i_src]
    PX xmm0
    movq mm5, [cs:i_src+8]
    movaps xmm1, [cs:hi_pat]
    cvtpi2ps xmm1, mm5
    PX xmm1
    cvtpi2pd xmm2, [cs:i_src]
    PX xmm2
    cvtpi2pd xmm3, mm5
    PX xmm3
    PMX
    call nl16
%endmacro
tx:                            ; TOP and the tag word (16-bit FNSTENV), then FNINIT
    fnstenv [ENV]
    movzx eax, word [ENV+2]
    shr eax, 11
    and eax, 7
    PR eax
    movzx eax, word [ENV+4]
    PR eax
    fninit
    ret
start:
    SSE_START 0x600
    RCLINE 0
    RCLINE 1
    RCLINE 2
    RCLINE 3
    mov dword [TMP], 0x1f80
    ldmxcsr [TMP]
    PRINT16 "big: "
    cvtps2pi mm0, [cs:f_big]
    PM mm0
    PMX
    cvttps2pi mm0, [cs:f_big+8]
    PM mm0
    PMX
    cvtpd2pi mm0, [cs:d_big]
    PM mm0
    PMX
    cvttpd2pi mm0, [cs:d_big]
    PM mm0
    PMX
    call nl16
    PRINT16 "tx mm: "
    fninit
    fld1
    fld1
    movq mm1, [cs:i_src]       ; an MMX instruction: the transition
    call tx
    fld1
    fld1
    cvtpi2ps xmm0, mm1
    call tx
    fld1
    cvtpi2pd xmm0, mm1
    call tx
    fld1
    cvtps2pi mm2, xmm0
    call tx
    fld1
    cvttps2pi mm2, [cs:f_cvt]
    call tx
    fld1
    cvtpd2pi mm2, xmm0
    call tx
    fld1
    cvttpd2pi mm2, [cs:d_cvt]
    call tx
    call nl16
    PRINT16 "tx m64: "
    fld1
    fld1
    cvtpi2ps xmm0, [cs:i_src]
    call tx
    fld1
    cvtpi2pd xmm0, [cs:i_src]
    call tx
    call nl16
    PRINT16 "mf: "
    mov word [TMP], 0x037b     ; ZE unmasked
    fldcw [TMP]
    fldz
    fld1
    fdiv st0, st1              ; ZE pending: the next waiting instruction takes it
    TRY cvtps2pi mm0, xmm0
    TRY cvtpi2pd xmm0, mm1
    fnstsw ax
    PR eax
    fninit
    call nl16
    PRINT16 "mf m64: "
    mov word [TMP], 0x037b
    fldcw [TMP]
    fldz
    fld1
    fdiv st0, st1
    TRY cvtpi2ps xmm0, [cs:i_src]
    TRY cvtpi2pd xmm0, [cs:i_src]
    PX xmm0
    fnstsw ax
    PR eax
    fninit
    call nl16
    emms
    mov al, 0
    call exit16
    times 0xfff0-($-$$) db 0
    jmp 0xf000:start
    times 0x10000-($-$$) db 0xff
