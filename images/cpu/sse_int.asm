; sse_int.asm: the SSE integer instructions on MMX registers and their SSE2 forms on XMM
; registers, in real mode on qemu32 with clflush: PMINUB, PMAXUB, PMINSW, PMAXSW, PAVGB,
; PAVGW, PSADBW, PMULHUW on three operand pairs (memory and register source, MMX and XMM),
; PSHUFW/PSHUFD/PSHUFHW/PSHUFLW on several orders, PINSRW (register and memory), PEXTRW,
; PMOVMSKB, MASKMOVQ and MASKMOVDQU (a mask of every other byte, with a segment
; override), the non-temporal stores MOVNTQ, MOVNTDQ, MOVNTPS, MOVNTPD, MOVNTI, MOVDQ2Q and
; MOVQ2DQ, LDDQU; and the instructions that only order or hint: PREFETCHNTA/T0/T1/T2,
; SFENCE, LFENCE, MFENCE, CLFLUSH, PAUSE (each prints '.'; #UD would print first), with
; MONITOR/MWAIT's #UD (qemu32 has no monitor feature).
; qemu-args: -cpu qemu32,-apic,-pae,-mce,-de,-hypervisor,+clflush
%include "sse.inc"
bits 16
align 16
pairs:
    dq 0x807f0001fe02ff10, 0x7f80ff01fe03ff20, 0x8000fffe7fff0001, 0x0001fffe80007fff
    dq 0x0123456789abcdef, 0xfedcba9876543210, 0xfefefefe01010101, 0xff00ff00ff00ff00
    dq 0x0000000000000000, 0xffffffffffffffff, 0x7fff7fff80008000, 0x8001800180018001
NPAIRS equ 3
align 16
mask16: dq 0x8000ff007f80c001, 0x0180ff00ff00ff00
data16: dq 0x1122334455667788, 0x99aabbccddeeff00
%macro BIN 1                   ; MMX then XMM; memory source, then register source
    PRINT16 %str(%1), ":"
    mov si, pairs
    mov cx, NPAIRS
%%l:
    call space16
    movq mm0, [cs:si]
    %1 mm0, [cs:si+16]
    PM mm0
    movq mm0, [cs:si]
    movq mm5, [cs:si+16]
    %1 mm0, mm5
    PM mm0
    movdqa xmm0, [cs:si]
    %1 xmm0, [cs:si+16]
    PX xmm0
    movdqa xmm0, [cs:si]
    movdqa xmm6, [cs:si+16]
    %1 xmm0, xmm6
    PX xmm0
    add si, 32
    loop %%l
    call nl16
%endmacro
start:
    SSE_START 0x600
    BIN pminub
    BIN pmaxub
    BIN pminsw
    BIN pmaxsw
    BIN pavgb
    BIN pavgw
    BIN psadbw
    BIN pmulhuw
; ---- shuffles, insert/extract, masks ----
    PRINT16 "pshuf: "
    movq mm1, [cs:pairs+32]
    pshufw mm0, mm1, 0x1b
    PM mm0
    pshufw mm0, [cs:pairs+32], 0xe4
    PM mm0
    pshufw mm0, [cs:pairs+32], 0x00
    PM mm0
    movdqa xmm1, [cs:pairs+32]
    pshufd xmm0, xmm1, 0x1b
    PX xmm0
    pshufd xmm0, [cs:pairs], 0x4e
    PX xmm0
    pshufhw xmm0, [cs:pairs+32], 0x1b
    PX xmm0
    pshuflw xmm0, xmm1, 0xaa
    PX xmm0
    call nl16
    PRINT16 "pinsr/pextr: "
    movq mm0, [cs:pairs]
    mov eax, 0xdead1234
    pinsrw mm0, eax, 1
    pinsrw mm0, [cs:data16+2], 7
    PM mm0
    movdqa xmm0, [cs:pairs]
    pinsrw xmm0, eax, 5
    pinsrw xmm0, [cs:data16+6], 10
    PX xmm0
    pextrw eax, mm0, 2
    PR eax
    pextrw eax, mm0, 7
    PR eax
    pextrw eax, xmm0, 5
    PR eax
    pextrw eax, xmm0, 15
    PR eax
    movq mm3, [cs:mask16]
    pmovmskb eax, mm3
    PR eax
    movdqa xmm3, [cs:mask16]
    pmovmskb eax, xmm3
    PR eax
    call nl16
; ---- masked and non-temporal stores ----
    PRINT16 "maskmov: "
    mov di, RES
    mov dword [RES], 0x55555555
    mov dword [RES+4], 0x55555555
    movq mm1, [cs:data16]
    movq mm2, [cs:mask16]
    maskmovq mm1, mm2
    call pq16
    mov dword [RES+8], 0x66666666
    mov dword [RES+12], 0x66666666
    movdqa xmm1, [cs:data16]
    movdqa xmm2, [cs:mask16]
    maskmovdqu xmm1, xmm2
    call px16
    mov ax, 0x50               ; DS:DI overridden: FS:0 = RES
    mov fs, ax
    xor di, di
    pcmpeqb xmm2, xmm2
    fs maskmovdqu xmm3, xmm2
    call px16
    call nl16
    PRINT16 "movnt: "
    movq mm4, [cs:data16+8]
    movntq [RES], mm4
    call pq16
    movdqa xmm4, [cs:data16]
    movntdq [RES], xmm4
    call px16
    movaps xmm5, [cs:pairs]
    movntps [RES], xmm5
    call px16
    movapd xmm5, [cs:pairs+16]
    movntpd [RES], xmm5
    call px16
    mov ecx, 0xcafef00d
    movnti [RES+4], ecx
    call px16
    call nl16
    PRINT16 "mov*2*: "
    movdqa xmm6, [cs:data16]
    movdq2q mm6, xmm6
    PM mm6
    movq mm7, [cs:pairs+8]
    movq2dq xmm7, mm7
    PX xmm7
    lddqu xmm7, [cs:data16+3]
    PX xmm7
    call nl16
    PRINT16 "hints: "
    TRYD prefetchnta [0x600]
    TRYD prefetcht0 [0x600]
    TRYD prefetcht1 [bx+si]
    TRYD prefetcht2 [0xffff]
    TRYD sfence
    TRYD lfence
    TRYD mfence
    TRYD clflush [0x600]
    TRYD clflush [cs:0xfff0]
    TRYD pause
    TRYD monitor
    TRYD mwait
    call nl16
    emms
    mov al, 0
    call exit16
    times 0xfff0-($-$$) db 0
    jmp 0xf000:start
    times 0x10000-($-$$) db 0xff
