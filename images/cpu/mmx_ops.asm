; mmx_ops.asm: every MMX instruction on edge operands, in real mode: the two-operand
; operations (unpacks, packs with saturation, compares, add/subtract plain and saturating,
; multiplies, PMADDWD's 8000*8000 wrap, logic) on 8 operand pairs, each with a memory and a
; register source; the shifts by a register/memory count (every count class: 0, inside,
; the width, past it, counts above 2^32) and by imm8; MOVD/MOVQ in every direction.
; Printed as quadwords (high dword first), memory form then register form for each pair.
; QEMU 7.2 writes only the 64 bits of an MMX register (the x87 exponent field stays), the
; hardware 0xFFFF there: this program does not print the exponents (mmx_state.asm looks at
; the tag word and TOP).
; qemu-args: -cpu pentium2,-apic,-pae,-mce,-mca,-de,-fxsr,-pse36,-hypervisor
%include "lib.inc"
RES equ 0x500
bits 16
pq:                            ; the quadword at [RES] (DS = 0), space
    push eax
    mov eax, [RES+4]
    call hex32_16
    mov eax, [RES]
    call hex32_16
    call space16
    pop eax
    ret
%macro BIN 1
    PRINT16 %str(%1), ":"
    mov si, pairs
    mov cx, NPAIRS
%%l:
    call space16
    movq mm0, [cs:si]
    %1 mm0, [cs:si+8]
    movq [RES], mm0
    call pq
    movq mm0, [cs:si]
    movq mm5, [cs:si+8]
    %1 mm0, mm5
    movq [RES], mm0
    call pq
    add si, 16
    loop %%l
    call nl16
%endmacro
%macro SHC 1                   ; by a count in memory and in a register
    PRINT16 %str(%1), " by m64/mm:"
    mov si, counts
    mov cx, NCOUNTS
%%l:
    movq mm2, [cs:shval]
    %1 mm2, [cs:si]
    movq [RES], mm2
    call pq
    movq mm2, [cs:shval]
    movq mm7, [cs:si]
    %1 mm2, mm7
    movq [RES], mm2
    call pq
    add si, 8
    loop %%l
    call nl16
%endmacro
%macro SHI 2-*                 ; by each imm8 given
    PRINT16 %str(%1), " by imm8:"
%define SHOP %1
%rep %0 - 1
%rotate 1
    movq mm6, [cs:shval]
    SHOP mm6, %1
    movq [RES], mm6
    call pq
%endrep
    call nl16
%undef SHOP
%endmacro
start:
    cli
    xor ax, ax
    mov ds, ax
    mov ss, ax
    mov sp, 0x7000
    mov eax, cr0
    and eax, ~0xc              ; EM, TS off
    or eax, 0x22               ; MP, NE
    mov cr0, eax
    fninit

    BIN punpcklbw
    BIN punpcklwd
    BIN punpckldq
    BIN packsswb
    BIN pcmpgtb
    BIN pcmpgtw
    BIN pcmpgtd
    BIN packuswb
    BIN punpckhbw
    BIN punpckhwd
    BIN punpckhdq
    BIN packssdw
    BIN pcmpeqb
    BIN pcmpeqw
    BIN pcmpeqd
    BIN pmullw
    BIN psubusb
    BIN psubusw
    BIN pand
    BIN paddusb
    BIN paddusw
    BIN pandn
    BIN pmulhw
    BIN psubsb
    BIN psubsw
    BIN por
    BIN paddsb
    BIN paddsw
    BIN pxor
    BIN pmaddwd
    BIN psubb
    BIN psubw
    BIN psubd
    BIN paddb
    BIN paddw
    BIN paddd
    SHC psrlw
    SHC psrld
    SHC psrlq
    SHC psraw
    SHC psrad
    SHC psllw
    SHC pslld
    SHC psllq
    SHI psrlw, 0, 1, 7, 8, 15, 16, 17, 31, 32, 33, 63, 64, 255
    SHI psrld, 0, 1, 7, 8, 15, 16, 17, 31, 32, 33, 63, 64, 255
    SHI psrlq, 0, 1, 7, 8, 15, 16, 17, 31, 32, 33, 63, 64, 255
    SHI psraw, 0, 1, 7, 8, 15, 16, 17, 31, 32, 33, 63, 64, 255
    SHI psrad, 0, 1, 7, 8, 15, 16, 17, 31, 32, 33, 63, 64, 255
    SHI psllw, 0, 1, 7, 8, 15, 16, 17, 31, 32, 33, 63, 64, 255
    SHI pslld, 0, 1, 7, 8, 15, 16, 17, 31, 32, 33, 63, 64, 255
    SHI psllq, 0, 1, 7, 8, 15, 16, 17, 31, 32, 33, 63, 64, 255
    ; MOVD and MOVQ in every direction; MOVD zero-extends
    PRINT16 "movd/movq:"
    movq mm1, [cs:pairs]
    mov eax, 0x89abcdef
    movd mm1, eax
    movq [RES], mm1
    call pq
    movq mm1, [cs:pairs]
    movd mm1, [cs:pairs+8]
    movq [RES], mm1
    call pq
    movq mm4, [cs:pairs+16]
    movd ebx, mm4
    mov eax, ebx
    call hex32_16
    call space16
    mov dword [RES], 0x11111111
    movd [RES], mm4
    mov eax, [RES]
    call hex32_16
    call space16
    movq mm3, mm4
    movq [RES], mm3
    call pq
    call nl16
    mov al, 0
    call exit16

align 8
pairs:
    dq 0x7F80FF0001807FFF, 0x0101010180808080
    dq 0x7FFF8000FFFF0001, 0x0001FFFF80008000
    dq 0x7FFFFFFF80000000, 0x00000001FFFFFFFF
    dq 0x123456789ABCDEF0, 0x0FEDCBA987654321
    dq 0xFFFFFFFFFFFFFFFF, 0x0000000000000001
    dq 0x8000800080008000, 0x8000800080008000
    dq 0x00FF00FF7F7F8080, 0xFF00FF0080807F7F
    dq 0x0000000000000000, 0xFFFFFFFFFFFFFFFF
NPAIRS equ ($ - pairs) / 16
shval: dq 0x80FF7F0180017FFF
counts: dq 0, 1, 7, 8, 15, 16, 17, 31, 32, 33, 63, 64, 65, 255, 0x100000000, 0x8000000000000000
NCOUNTS equ ($ - counts) / 8
    times 0xfff0-($-$$) db 0
    jmp 0xf000:start
    times 0x10000-($-$$) db 0xff
