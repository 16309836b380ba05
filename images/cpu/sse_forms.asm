; sse_forms.asm: register and memory forms of the SSE/SSE2 instructions that the other
; programs (sse_fp.asm, sse_int.asm, tests/data/sse_rand.asm) do not name, in real mode on
; qemu32: the packed and scalar single and double logic, MIN/MAX, SUB, DIV, SQRT, CMPSS and
; CMPSD under each predicate, CVTTPD2DQ, the half-register moves (MOVLPS, MOVHPS, MOVHLPS,
; MOVLHPS and their stores), MOVMSKPS, the unpacks, PUNPCKLQDQ/PUNPCKHQDQ, PSRLDQ by several
; counts, and RCPPS/RCPSS/RSQRTPS/RSQRTSS. Each line: the result of the memory form, then
; of the register form, then MXCSR.
; RCP* and RSQRT* are approximations on the hardware (relative error at most 1.5 * 2^-12):
; pcemu gives QEMU 7.2's values (1/x and 1/sqrt(x) rounded), so the lines are QEMU's.
; qemu-args: -cpu qemu32,-apic,-pae,-mce,-de,-hypervisor
%include "sse.inc"
bits 16
align 16
fa:     dd 1.5, -2.25, 3.0, 0.1
align 16
fb:     dd 2.0, 0.5, -4.0, 3.0
align 16
da:     dq 1.5, -0.1
align 16
db_:    dq 3.0, 7.0
align 16
dc:     dq 2.5e9, -3.75
align 16
ia:     dq 0x0123456789abcdef, 0xfedcba9876543210
%macro FORM 3                  ; op, first operand, second operand
    PRINT16 %str(%1), ": "
    movaps xmm0, [cs:%2]
    %1 xmm0, [cs:%3]
    PX xmm0
    movaps xmm0, [cs:%2]
    movaps xmm1, [cs:%3]
    %1 xmm0, xmm1
    PX xmm0
    PMX
    call nl16
%endmacro
%macro FORMI 4                 ; op with an imm8
    PRINT16 %str(%1), " ", %4 + '0', ": "
    movaps xmm0, [cs:%2]
    %1 xmm0, [cs:%3], %4
    PX xmm0
    movaps xmm0, [cs:%2]
    movaps xmm1, [cs:%3]
    %1 xmm0, xmm1, %4
    PX xmm0
    PMX
    call nl16
%endmacro
start:
    SSE_START 0x600
    FORM andps, fa, fb
    FORM andnps, fa, fb
    FORM orps, fa, fb
    FORM xorps, fa, fb
    FORM andpd, da, db_
    FORM andnpd, da, db_
    FORM orpd, da, db_
    FORM minps, fa, fb
    FORM minss, fb, fa
    FORM minpd, da, db_
    FORM maxsd, da, db_
    FORM subpd, da, db_
    FORM divsd, da, db_
    FORM sqrtpd, db_, db_
    FORM unpckhps, fa, fb
    FORM unpckhpd, da, db_
    FORM punpcklqdq, ia, fa
    FORM punpckhqdq, ia, fa
    FORM cvttpd2dq, dc, dc
    FORM rcpps, fa, fb
    FORM rcpss, fa, fb
    FORM rsqrtps, fb, fb
    FORM rsqrtss, fb, fa
%assign p 0
%rep 8
    FORMI cmpss, fa, fb, p
    FORMI cmpsd, da, db_, p
%assign p p+1
%endrep
    PRINT16 "halves: "
    movaps xmm0, [cs:fa]
    movlps xmm0, [cs:fb+8]
    PX xmm0
    movhps xmm0, [cs:da]
    PX xmm0
    movaps xmm1, [cs:fb]
    movhlps xmm0, xmm1
    PX xmm0
    movlhps xmm0, xmm1
    PX xmm0
    movlps [RES], xmm1
    movhps [RES+8], xmm0
    call px16
    call nl16
    PRINT16 "movmskps: "
    movaps xmm2, [cs:fa]
    movmskps eax, xmm2
    PR eax
    movaps xmm2, [cs:fb]
    movmskps eax, xmm2
    PR eax
    call nl16
    PRINT16 "psrldq: "
%assign n 0
%rep 5
    movdqa xmm3, [cs:ia]
    psrldq xmm3, n * 4 + 1
    PX xmm3
%assign n n+1
%endrep
    call nl16
    mov al, 0
    call exit16
    times 0xfff0-($-$$) db 0
    jmp 0xf000:start
    times 0x10000-($-$$) db 0xff
