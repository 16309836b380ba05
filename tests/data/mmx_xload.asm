; mmx_xload.asm: a 64 KiB -bios program for tests/scripts/mmx_xload.sh: in real mode, an
; MMX loop that keeps its whole state in MM0-MM7 (adds, multiplies, shifts, packs, XORs
; feeding each other) and in every round saves the x87/MMX state with FXSAVE, wipes the
; registers and the x87 control word, and restores it with FXRSTOR, so that a snapshot
; taken anywhere lands in an MMX sequence or between FXSAVE and FXRSTOR. Every 2048
; rounds it prints the round and MM0-MM7 on the debug console (port 0xE9); after LINES
; lines it prints "done", writes port 0xF4 (QEMU's isa-debug-exit) and halts.
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
    mov cr0, eax
    fninit
    movq mm0, [cs:seed]
    movq mm1, [cs:seed+8]
    movq mm2, mm0
    pxor mm3, mm3
    movq mm4, mm1
    psllq mm4, 7
    movq mm5, [cs:seed]
    movq mm6, [cs:seed+8]
    movq mm7, mm6
    xor esi, esi               ; round
    xor di, di                 ; lines printed
.round:
    paddw mm0, mm1
    pmullw mm1, mm2
    paddusb mm1, [cs:seed]
    psrlq mm2, 3
    pxor mm2, mm0
    paddd mm3, mm0
    pmaddwd mm4, mm1
    psubsw mm4, mm3
    movq mm5, mm4
    packsswb mm5, mm2
    punpcklbw mm6, mm5
    psraw mm6, 1
    pxor mm7, mm6
    pcmpgtw mm0, mm7           ; (keeps mm0 moving with mm7)
    paddb mm0, mm2
    fxsave [IMG]
    pxor mm0, mm0
    pxor mm1, mm1
    pxor mm2, mm2
    pxor mm3, mm3
    pxor mm4, mm4
    pxor mm5, mm5
    pxor mm6, mm6
    pxor mm7, mm7
    fninit
    fxrstor [IMG]
    inc esi
    test si, 2047
    jnz .round
    mov eax, esi
    call hex32_16
%assign k 0
%rep 8
    call space16
    movq [RES], mm %+ k
    mov eax, [RES+4]
    call hex32_16
    mov eax, [RES]
    call hex32_16
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
align 8
seed: dq 0x0123456789ABCDEF, 0x7F80FF0001807FFF
    times 0xfff0-($-$$) db 0
    jmp 0xf000:start
    times 0x10000-($-$$) db 0xff
