; mmx_rand.asm: a 64 KiB -bios program for tests/scripts/mmx_qemu.sh: STEPS MMX operations
; drawn by a seeded xorshift32 from every two-operand MMX operation and the shifts by a
; register or memory count, each in its memory and its register form, on random operands
; (bytes pushed to the saturation edges 00, 7F, 80, FF half of the time; shift counts
; 0-127 three times in four, else any 64-bit value). After each, one line on the debug
; console: step, op, A, B and the result, as hex. Real mode. Defines: SEED, STEPS.
%ifndef SEED
%define SEED 1
%endif
%ifndef STEPS
%define STEPS 400
%endif
%include "lib.inc"
STATE equ 0x2000
A equ 0x2010
B equ 0x2018
RES equ 0x2020
bits 16
rand:                           ; EAX = next xorshift32
    mov eax, [STATE]
    mov edx, eax
    shl edx, 13
    xor eax, edx
    mov edx, eax
    shr edx, 17
    xor eax, edx
    mov edx, eax
    shl edx, 5
    xor eax, edx
    mov [STATE], eax
    ret
edges:                          ; the 8 bytes at [DI]: each pushed to an edge when its bit in a random byte says so
    call rand
    mov ebx, eax
    mov cx, 8
.l: shr ebx, 1
    jnc .n
    call rand
    and al, 3
    mov bx, ax                  ; (EBX's used bits are gone by now)
    movzx bx, al
    mov al, [cs:edgeb + bx]
    mov [di], al
.n: inc di
    loop .l
    ret
edgeb: db 0x00, 0x7f, 0x80, 0xff
pq:
    mov eax, [si+4]
    call hex32_16
    mov eax, [si]
    call hex32_16
    call space16
    ret
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
    mov dword [STATE], SEED
    xor bp, bp
.step:
    call rand
    mov [A], eax
    call rand
    mov [A+4], eax
    call rand
    mov [B], eax
    call rand
    mov [B+4], eax
    call rand
    test al, 1
    jz .noedge
    mov di, A
    call edges
    mov di, B
    call edges
.noedge:
    call rand
    xor edx, edx
    mov ecx, NOPS
    div ecx
    mov bx, dx
    shl bx, 1
    cmp dx, NBIN
    jb .go
    call rand                   ; a shift: a small count mostly
    test al, 3
    jz .go
    and dword [B], 0x7f
    mov dword [B+4], 0
.go:
    mov ax, bp
    shl eax, 16
    mov ax, bx
    shr ax, 1                   ; the op's index in optab
    call hex32_16
    call space16
    call [cs:optab + bx]
    movq [RES], mm0
    mov si, A
    call pq
    mov si, B
    call pq
    mov si, RES
    call pq
    call nl16
    inc bp
    cmp bp, STEPS
    jb .step
    mov al, 0
    call exit16
%macro OPS 1
%1_m: movq mm0, [A]
    %1 mm0, [B]
    ret
%1_r: movq mm0, [A]
    movq mm3, [B]
    %1 mm0, mm3
    ret
%endmacro

OPS punpcklbw
OPS punpcklwd
OPS punpckldq
OPS packsswb
OPS pcmpgtb
OPS pcmpgtw
OPS pcmpgtd
OPS packuswb
OPS punpckhbw
OPS punpckhwd
OPS punpckhdq
OPS packssdw
OPS pcmpeqb
OPS pcmpeqw
OPS pcmpeqd
OPS pmullw
OPS psubusb
OPS psubusw
OPS pand
OPS paddusb
OPS paddusw
OPS pandn
OPS pmulhw
OPS psubsb
OPS psubsw
OPS por
OPS paddsb
OPS paddsw
OPS pxor
OPS pmaddwd
OPS psubb
OPS psubw
OPS psubd
OPS paddb
OPS paddw
OPS paddd
OPS psrlw
OPS psrld
OPS psrlq
OPS psraw
OPS psrad
OPS psllw
OPS pslld
OPS psllq
optab:
    dw punpcklbw_m, punpcklbw_r
    dw punpcklwd_m, punpcklwd_r
    dw punpckldq_m, punpckldq_r
    dw packsswb_m, packsswb_r
    dw pcmpgtb_m, pcmpgtb_r
    dw pcmpgtw_m, pcmpgtw_r
    dw pcmpgtd_m, pcmpgtd_r
    dw packuswb_m, packuswb_r
    dw punpckhbw_m, punpckhbw_r
    dw punpckhwd_m, punpckhwd_r
    dw punpckhdq_m, punpckhdq_r
    dw packssdw_m, packssdw_r
    dw pcmpeqb_m, pcmpeqb_r
    dw pcmpeqw_m, pcmpeqw_r
    dw pcmpeqd_m, pcmpeqd_r
    dw pmullw_m, pmullw_r
    dw psubusb_m, psubusb_r
    dw psubusw_m, psubusw_r
    dw pand_m, pand_r
    dw paddusb_m, paddusb_r
    dw paddusw_m, paddusw_r
    dw pandn_m, pandn_r
    dw pmulhw_m, pmulhw_r
    dw psubsb_m, psubsb_r
    dw psubsw_m, psubsw_r
    dw por_m, por_r
    dw paddsb_m, paddsb_r
    dw paddsw_m, paddsw_r
    dw pxor_m, pxor_r
    dw pmaddwd_m, pmaddwd_r
    dw psubb_m, psubb_r
    dw psubw_m, psubw_r
    dw psubd_m, psubd_r
    dw paddb_m, paddb_r
    dw paddw_m, paddw_r
    dw paddd_m, paddd_r
NBIN equ ($ - optab) / 2
    dw psrlw_m, psrlw_r
    dw psrld_m, psrld_r
    dw psrlq_m, psrlq_r
    dw psraw_m, psraw_r
    dw psrad_m, psrad_r
    dw psllw_m, psllw_r
    dw pslld_m, pslld_r
    dw psllq_m, psllq_r
NOPS equ ($ - optab) / 2
    times 0xfff0-($-$$) db 0
    jmp 0xf000:start
    times 0x10000-($-$$) db 0xff
