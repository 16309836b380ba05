; sse_xload.asm: a 64 KiB -bios program for tests/scripts/sse_xload.sh: in real mode, an
; SSE/SSE2 loop that keeps its whole state in XMM0-XMM7 and MXCSR (packed single and
; double arithmetic rounding up with flush-to-zero and denormals-are-zero, integer adds
; and shuffles, each register feeding the next) and in every round saves the state with FXSAVE, wipes the
; XMM registers and MXCSR, and restores it with FXRSTOR, so that a snapshot taken anywhere
; lands in SSE code or between FXSAVE and FXRSTOR. Every 1024 rounds it prints the round,
; MXCSR and XMM0-XMM7 on the debug console (port 0xE9); after LINES lines it prints
; "done", writes port 0xF4 (QEMU's isa-debug-exit) and halts.
%ifndef LINES
%define LINES 12
%endif
%include "lib.inc"
IMG equ 0x1000
RES equ 0x500
bits 16
start:
    cli
    xor ax, ax
    mov ds, ax
    mov ss, ax
    mov sp, 0x7000
    mov eax, cr0
    and eax, ~0xc
    or eax, 2
    mov cr0, eax
    mov eax, cr4
    or eax, 0x600
    mov cr4, eax
    mov dword [RES], 0xdfc0    ; RC up, FTZ, DAZ (QEMU 7.2 sets no DE), exceptions masked
    ldmxcsr [RES]
    movdqu xmm0, [cs:seed]
    movdqu xmm1, [cs:seed+16]
    movaps xmm2, xmm0
    xorps xmm3, xmm3
    movaps xmm4, xmm1
    movaps xmm5, xmm0
    cvtdq2pd xmm6, xmm1
    cvtdq2pd xmm7, xmm0
    xor esi, esi               ; round
    xor di, di                 ; lines printed
.round:
    addps xmm0, xmm1           ; floating point: XMM0, 1, 5, 6, 7 (no NaN payloads meet:
    mulps xmm1, [cs:scale]     ; QEMU 7.2 picks between two NaNs by the x87's rule)
    movaps xmm5, xmm0
    andps xmm5, [cs:absm]
    sqrtps xmm5, xmm5
    addpd xmm6, xmm7
    mulpd xmm7, [cs:dscale]
    addsubpd xmm6, xmm5
    paddd xmm2, xmm0           ; integers: XMM2, 3, 4
    pshufd xmm3, xmm2, 0x39
    pxor xmm3, xmm1
    shufps xmm4, xmm3, 0x4e
    psrld xmm4, 1
    fxsave [IMG]
    pxor xmm0, xmm0
    pxor xmm1, xmm1
    pxor xmm2, xmm2
    pxor xmm3, xmm3
    pxor xmm4, xmm4
    pxor xmm5, xmm5
    pxor xmm6, xmm6
    pxor xmm7, xmm7
    mov dword [RES], 0x1f80
    ldmxcsr [RES]
    fxrstor [IMG]
    inc esi
    test si, 1023
    jnz .round
    mov eax, esi
    call hex32_16
    call space16
    stmxcsr [RES]
    mov eax, [RES]
    call hex32_16
%assign k 0
%rep 8
    call space16
    movdqu [RES], xmm %+ k
%assign d 12
%rep 4
    mov eax, [RES+d]
    call hex32_16
%assign d d-4
%endrep
%assign k k+1
%endrep
    call nl16
    inc di
    cmp di, LINES
    jb .round
    PRINT16 "done", 10
    mov al, 0
    out EXITPORT, al
.h: hlt
    jmp .h
align 16
seed:   dd 1.5, -2.25, 3.0e-30, 7.0, 0x12345678, 0x3f800001, 0xc0000000, 1.0e20
align 16
scale:  dd 1.0001, 0.9999, 1.5, 0.75
align 16
dscale: dq 1.0000001, 0.999999
align 16
absm:   dd 0x7fffffff, 0x7fffffff, 0x7fffffff, 0x7fffffff
    times 0xfff0-($-$$) db 0
    jmp 0xf000:start
    times 0x10000-($-$$) db 0xff
