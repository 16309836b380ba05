; bench_sse2.asm: SSE2 in a counted loop: packed double and single arithmetic, integer
; SIMD on XMM registers, aligned loads and stores (a 64-byte buffer), shuffles. Needs a
; CPU model with SSE2 (tests/bench/cpu.sh runs it under qemu32); CR4.OSFXSR is set first.
%ifndef LOOPS
%define LOOPS 10000000           ; iterations (nasm -DLOOPS=n for a short profiling run)
%endif
%include "bench.inc"
BUF equ 0x10000                  ; 64 bytes, 16-byte aligned
bench_body:
    mov eax, cr4
    or eax, 0x600                ; OSFXSR, OSXMMEXCPT
    mov cr4, eax
    mov edi, BUF
    mov ecx, 16
.fill:
    mov [edi + 4 * ecx - 4], ecx
    loop .fill
    cvtdq2pd xmm2, [BUF]          ; { 1.0, 2.0 }
    cvtdq2pd xmm3, [BUF + 8]      ; { 3.0, 4.0 }
    movapd xmm1, xmm2
    mov ecx, LOOPS
.l: movdqa xmm0, [BUF]
    paddd xmm0, xmm3
    pxor xmm0, xmm2
    addpd xmm1, xmm2
    mulpd xmm1, xmm3
    pshufd xmm4, xmm0, 0x1b
    psrlq xmm4, 3
    addps xmm2, xmm4
    movdqa [BUF + 32], xmm4
    andpd xmm1, xmm3
    dec ecx
    jnz .l
    ret
    times 0xfff0-($-$$) db 0
bits 16
    jmp 0xf000:start
    times 0x10000-($-$$) db 0xff
