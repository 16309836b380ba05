; fxsr.asm: FXSAVE and FXRSTOR in real mode on a pentium2 (FXSR, no SSE): the image's
; fields after a known x87 instruction (FDIV m32), with CR4.OSFXSR clear (MXCSR, its mask
; and the XMM area are left alone) and set (MXCSR 1F80, MXCSR_MASK FFFF, XMM 0); the
; reserved bytes stay as they were (the area is filled with A5 first); FXRSTOR of a changed
; image (FCW, FSW's TOP, the abridged tag byte, a register) read back by FNSTENV and FSTP;
; the gates: a misaligned image #GP, CR0.TS and CR0.EM #NM, a reserved MXCSR bit #GP
; with CR4.OSFXSR set. The handlers print the vector and step over the instruction.
; Lines marked '!' in fxsr.expected hold the hardware's values where QEMU 7.2 differs:
; - fop/fip/fdp: QEMU stores zeros for FIP, FCS, FDP, FDS and leaves FOP as it was; the
;   hardware stores the x87's last opcode and pointers (offsets and selectors: FXSAVE's
;   32-bit layout in every mode);
; - mxcsr, xmm (second image), the reserved MXCSR bit's #GP: QEMU clears CR4.OSFXSR on a
;   CPU without SSE (cpu_x86_update_cr4), so it saves neither; the SDM makes OSFXSR a
;   reserved bit only without FXSR, and pcemu keeps it (MXCSR, MXCSR_MASK and XMM 0 saved);
; - restored: QEMU's FXRSTOR does not load FOP (nor FIP, FDP), which FNSTENV then shows.
; qemu-args: -cpu pentium2,-apic,-pae,-mce,-mca,-de,-pse36,-hypervisor
%include "lib.inc"
SKIP equ 0x4f0
IMG equ 0x1000                 ; 512 bytes, 16-byte aligned
IMG2 equ 0x1200
ENV equ 0x600
TMP equ 0x700
bits 16
pd:                            ; the dword at [SI], space
    mov eax, [si]
    call hex32_16
    jmp space16
dumpd:                         ; CX dwords at [SI], newline
.l: call pd
    add si, 4
    loop .l
    jmp nl16
%macro HANDLER 2
%1:
    PRINT16 %2
    push bp
    mov bp, sp
    push ax
    mov al, [SKIP]
    xor ah, ah
    add [bp+2], ax
    pop ax
    pop bp
    iret
%endmacro
HANDLER gp_h, "#GP "
HANDLER nm_h, "#NM "
HANDLER ud_h, "#UD "
%macro TRY 1+
    mov byte [SKIP], %%e - %%s
%%s: %1
%%e:
%endmacro
fill:                          ; 512 bytes of A5 at DI
    push cx
    mov cx, 512
    mov al, 0xa5
    rep stosb
    pop cx
    ret
show:                          ; the image at BX: header fields, registers, XMM0/XMM7
    PRINT16 "cw/sw/tw: "
    lea si, [bx]
    call pd
    movzx eax, word [bx+4]
    call hex32_16
    call nl16
    PRINT16 "fop/fip/fdp: "
    movzx eax, word [bx+6]
    call hex32_16
    call space16
    lea si, [bx+8]
    mov cx, 4
    call dumpd
    PRINT16 "mxcsr: "
    lea si, [bx+24]
    mov cx, 2
    call dumpd
    PRINT16 "st: "
    lea si, [bx+32]
    mov cx, 32
    call dumpd
    PRINT16 "xmm: "
    lea si, [bx+160]
    mov cx, 4
    call dumpd
    PRINT16 "xmm7: "
    lea si, [bx+272]
    mov cx, 4
    call dumpd
    ret
start:
    cli
    xor ax, ax
    mov ds, ax
    mov es, ax
    mov ss, ax
    mov sp, 0x7000
    cld
    mov word [13*4], gp_h
    mov word [13*4+2], cs
    mov word [7*4], nm_h
    mov word [7*4+2], cs
    mov word [6*4], ud_h
    mov word [6*4+2], cs
    mov eax, cr0
    and eax, ~0xc
    or eax, 0x22
    mov cr0, eax
    fninit
    fld1
    fldpi
    fld dword [cs:three]
    fdiv dword [cs:three]      ; FOP, FIP, FDP
    ; CR4.OSFXSR clear
    mov di, IMG
    call fill
    fxsave [IMG]
    mov bx, IMG
    call show
    ; CR4.OSFXSR set
    mov eax, cr4
    or eax, 0x200
    mov cr4, eax
    mov di, IMG2
    call fill
    fxsave [IMG2]
    mov bx, IMG2
    call show
    ; FXRSTOR of a changed image: CW 027F, TOP 5, registers 0-4 empty... as the tag byte says
    mov word [IMG2], 0x027f
    mov word [IMG2+2], 0x2800
    mov byte [IMG2+4], 0xe0    ; physical 5, 6, 7 in use
    mov dword [IMG2+32], 0x89abcdef   ; ST0's low significand
    fxrstor [IMG2]
    PRINT16 "restored: "
    fnstenv [ENV]
    mov si, ENV
    mov cx, 3
    call dumpd
    fstp tword [TMP]
    mov si, TMP
    mov cx, 3
    call dumpd
    ; the gates
    PRINT16 "gates: "
    TRY fxsave [IMG+8]
    TRY fxrstor [IMG+4]
    mov dword [IMG2+24], 0x10000       ; a reserved MXCSR bit
    TRY fxrstor [IMG2]
    mov dword [IMG2+24], 0x1f80
    mov eax, cr0
    or eax, 8
    mov cr0, eax
    TRY fxsave [IMG]
    TRY fxrstor [IMG2]
    clts
    mov eax, cr0
    or eax, 4
    mov cr0, eax
    TRY fxsave [IMG]
    and eax, ~4
    mov cr0, eax
    TRY ldmxcsr [IMG2+24]              ; no SSE on this model
    TRY stmxcsr [TMP]
    call nl16
    mov al, 0
    call exit16
three: dd 3.0
    times 0xfff0-($-$$) db 0
    jmp 0xf000:start
    times 0x10000-($-$$) db 0xff
