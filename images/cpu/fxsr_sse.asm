; fxsr_sse.asm: FXSAVE and FXRSTOR of the SSE state in real mode on qemu32: with
; CR4.OSFXSR set the image holds MXCSR (RC down, DAZ, a flag), MXCSR_MASK (FFFF: DAZ
; included) and XMM0-XMM7 at 160 + 16k, and the bytes from 288 on stay as they were (the
; image is filled with A5 first); FXRSTOR loads a changed XMM3 and MXCSR, and refuses a
; reserved MXCSR bit (#GP, nothing loaded); with CR4.OSFXSR clear FXSAVE leaves MXCSR, its
; mask and the XMM area alone and FXRSTOR loads none of them; LDMXCSR takes DAZ and
; refuses bit 16 (#GP).
; The line marked '!' in fxsr_sse.expected ("reserved") holds the hardware's values where
; QEMU 7.2 differs: its FXRSTOR and LDMXCSR take a reserved MXCSR bit (FXRSTOR loads the
; whole image with it) where the SDM raises #GP(0) and loads nothing.
; qemu-args: -cpu qemu32,-apic,-pae,-mce,-de,-hypervisor
%include "sse.inc"
IMG equ 0x1000                 ; 512 bytes, 16-byte aligned
bits 16
align 16
pat:    dd 0x00010203, 0x04050607, 0x08090a0b, 0x0c0d0e0f
fill:                          ; 512 bytes of A5 at IMG
    mov di, IMG
    mov cx, 512
    mov al, 0xa5
    rep stosb
    ret
dumpimg:                       ; MXCSR, MXCSR_MASK, XMM0, XMM3, XMM7 (as dwords: no SSE
    mov bx, IMG+24             ; instruction, CR4.OSFXSR may be clear), the dwords at 288
    call pd                    ; and 508
    mov bx, IMG+28
    call pd
    mov bx, IMG+160
    call pxd
    mov bx, IMG+160+48
    call pxd
    mov bx, IMG+160+112
    call pxd
    mov bx, IMG+288
    call pd
    mov bx, IMG+508
    call pd
    jmp nl16
pd:                            ; the dword at [BX], space
    mov eax, [bx]
    PR eax
    ret
pxd:                           ; the 16 bytes at [BX], high dword first
    add bx, 12
%rep 4
    call pd
    sub bx, 4
%endrep
    ret
start:
    SSE_START 0x600
    movdqa xmm0, [cs:pat]
%assign k 1
%rep 7
    pshufd xmm %+ k, xmm0, k * 0x1b
    paddd xmm %+ k, xmm %+ k
%assign k k+1
%endrep
    mov dword [TMP], 0x3fc0 | 0x20   ; RC down, DAZ, PE
    ldmxcsr [TMP]
    call fill
    PRINT16 "saved: "
    fxsave [IMG]
    call dumpimg
    PRINT16 "restored: "
    mov dword [IMG+24], 0x9f81
    mov dword [IMG+160+48], 0xcafef00d
    fxrstor [IMG]
    stmxcsr [TMP]
    mov eax, [TMP]
    PR eax
    PX xmm3
    call nl16
    PRINT16 "reserved: "
    mov dword [IMG+24], 0x11f80
    mov dword [IMG+160+48], 0x12345678
    TRY fxrstor [IMG]
    stmxcsr [TMP]
    mov eax, [TMP]
    PR eax
    PX xmm3
    TRY ldmxcsr [IMG+24]
    mov dword [TMP], 0x1fc0
    ldmxcsr [TMP]
    stmxcsr [TMP]
    mov eax, [TMP]
    PR eax
    call nl16
    PRINT16 "no osfxsr: "
    mov eax, cr4
    and eax, ~0x200
    mov cr4, eax
    call fill
    fxsave [IMG]
    call dumpimg
    PRINT16 "no osfxsr restored: "
    mov dword [IMG+24], 0x1f80
    mov dword [IMG+160], 0x77777777
    mov dword [IMG+0], 0x037f        ; FCW: the x87 part is loaded
    fxrstor [IMG]
    mov eax, cr4
    or eax, 0x200
    mov cr4, eax
    stmxcsr [TMP]
    mov eax, [TMP]
    PR eax
    PX xmm0
    fnstcw [TMP]
    movzx eax, word [TMP]
    PR eax
    call nl16
    mov al, 0
    call exit16
    times 0xfff0-($-$$) db 0
    jmp 0xf000:start
    times 0x10000-($-$$) db 0xff
