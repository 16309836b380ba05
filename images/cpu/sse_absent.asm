; sse_absent.asm: which SIMD instructions a pentium3 (SSE, no SSE2, SSE3, CLFLUSH or
; MONITOR) runs, in real mode: every SSE2 form tried here (packed and scalar doubles, the
; integer forms on XMM registers, SSE2's PADDQ/PSUBQ/PMULUDQ on MMX registers, the
; MMX-register conversions of doubles, MOVQ2DQ/MOVDQ2Q, MOVNTI, MASKMOVDQU, LFENCE and
; MFENCE) and every SSE3 one is #UD, as are CLFLUSH, MONITOR and MWAIT; the SSE forms run
; ('.'). Then the control-register gates on SSE forms, an SSE integer form on MMX
; registers, SFENCE, LDMXCSR and FXSAVE: CR0.EM (#UD; FXSAVE #NM; SFENCE runs), CR0.TS
; (#NM; SFENCE runs), CR4.OSFXSR clear (#UD for the XMM forms and LDMXCSR; the MMX-register
; form, SFENCE and FXSAVE run).
; Lines marked '!' in sse_absent.expected hold the hardware's values where QEMU 7.2
; differs: "sse2", "sse2 int": QEMU 7.2's TCG runs the SSE2 instructions whatever CPUID
; says (it checks the SSE3 bit, and SSE2's only for MOVNTI); "sse2 other": it runs LFENCE
; and MFENCE without SSE2; "em", "ts", "no osfxsr": it runs CVTPI2PS from memory under
; CR0.EM, under CR0.TS and without CR4.OSFXSR (#UD, #NM, #UD on the hardware).
; qemu-args: -cpu pentium3,-apic,-pae,-mce,-mca,-de,-pse36,-hypervisor
%include "sse.inc"
bits 16
IMG equ 0x1000
start:
    SSE_START 0x600
    PRINT16 "sse2: "
    TRYD addpd xmm0, xmm1
    TRYD addsd xmm0, [0x600]
    TRYD movapd xmm0, xmm1
    TRYD movupd xmm0, [0x600]
    TRYD movsd xmm0, xmm1
    TRYD andpd xmm0, xmm1
    TRYD xorpd xmm0, xmm1
    TRYD movlpd xmm0, [0x600]
    TRYD movhpd [0x600], xmm0
    TRYD unpcklpd xmm0, xmm1
    TRYD shufpd xmm0, xmm1, 1
    TRYD cmppd xmm0, xmm1, 0
    TRYD comisd xmm0, xmm1
    TRYD movmskpd eax, xmm0
    TRYD sqrtsd xmm0, xmm1
    TRYD cvtdq2ps xmm0, xmm1
    TRYD cvtps2dq xmm0, xmm1
    TRYD cvtps2pd xmm0, xmm1
    TRYD cvtss2sd xmm0, xmm1
    TRYD cvtsi2sd xmm0, eax
    TRYD cvttsd2si eax, xmm0
    TRYD cvtpi2pd xmm0, mm1
    TRYD cvtpd2pi mm0, xmm1
    TRYD movntpd [0x600], xmm0
    call nl16
    PRINT16 "sse2 int: "
    TRYD paddq xmm0, xmm1
    TRYD movdqa xmm0, xmm1
    TRYD movd xmm0, eax
    TRYD pshufd xmm0, xmm1, 0
    TRYD pslldq xmm0, 3
    TRYD paddq mm0, mm1
    TRYD psubq mm0, [0x600]
    TRYD pmuludq mm0, mm1
    TRYD movq2dq xmm0, mm1
    TRYD movdq2q mm0, xmm1
    TRYD maskmovdqu xmm0, xmm1
    TRYD movntdq [0x600], xmm0
    call nl16
    PRINT16 "sse2 other: "
    TRYD movnti [0x600], eax
    TRYD lfence
    TRYD mfence
    TRYD clflush [0x600]
    TRYD monitor
    TRYD mwait
    call nl16
    PRINT16 "sse3: "
    TRYD addsubps xmm0, xmm1
    TRYD addsubpd xmm0, xmm1
    TRYD haddps xmm0, xmm1
    TRYD hsubpd xmm0, xmm1
    TRYD movshdup xmm0, xmm1
    TRYD movsldup xmm0, xmm1
    TRYD movddup xmm0, xmm1
    TRYD lddqu xmm0, [0x600]
    call nl16
    PRINT16 "sse: "
    TRYD addps xmm0, xmm1
    TRYD movaps xmm0, xmm1
    TRYD cvtpi2ps xmm0, mm1
    TRYD cvttps2pi mm0, xmm1
    TRYD pshufw mm0, mm1, 0x1b
    TRYD pavgb mm0, mm1
    TRYD movntq [0x600], mm0
    TRYD sfence
    TRYD prefetchnta [0x600]
    TRYD stmxcsr [0x600]
    call nl16
    mov eax, cr0
    or eax, 4
    mov cr0, eax
    PRINT16 "em: "
    call gates
    mov eax, cr0
    and eax, ~4
    or eax, 8
    mov cr0, eax
    PRINT16 "ts: "
    call gates
    clts
    mov eax, cr4
    and eax, ~0x200
    mov cr4, eax
    PRINT16 "no osfxsr: "
    call gates
    mov eax, cr4
    or eax, 0x200
    mov cr4, eax
    emms
    mov al, 0
    call exit16
gates:
    TRYD addps xmm0, xmm1
    TRYD movss xmm0, [0x600]
    TRYD cvtpi2ps xmm0, [0x600]
    TRYD pshufw mm0, mm1, 0
    TRYD sfence
    TRYD ldmxcsr [0x600]
    TRYD fxsave [IMG]
    jmp nl16
    times 0xfff0-($-$$) db 0
    jmp 0xf000:start
    times 0x10000-($-$$) db 0xff
