; real.asm: real mode. INT/IRET through the IVT, exceptions as interrupts (#UD, #DE, #BR
; via BOUND, INTO), TF single-step traps, LOOP/LOOPE/JCXZ, XLAT, ENTER/LEAVE, PUSHA/POPA,
; string instructions with segment overrides and REPE CMPS / REPNE SCAS, LDS/LES, and a
; far CALL/RETF. Output compared with QEMU 7.2.
%include "lib.inc"
bits 16
%macro SETVEC 2                ; vector, handler (in this segment)
    mov word [%1 * 4], %2
    mov word [%1 * 4 + 2], 0xf000
%endmacro
start:
    cli
    xor ax, ax
    mov ss, ax
    mov ds, ax
    mov es, ax
    mov sp, 0x7000
    SETVEC 1, step_handler
    SETVEC 4, into_handler
    SETVEC 5, bound_handler
    SETVEC 6, ud_handler
    SETVEC 0, de_handler
    SETVEC 0x40, int40
    ; ---- INT/IRET ----
    mov ax, 0x1234
    int 0x40
    call hex32_16
    call nl16
    ; ---- exceptions ----
    db 0x0f, 0x0b             ; ud2 -> handler skips 2 bytes
    mov ax, 7
    mov bl, 0
    div bl                    ; #DE -> handler skips 2 bytes
    mov word [0x600], 1
    mov word [0x602], 3
    mov ax, 9
    bound ax, [0x600]         ; #BR -> handler sets AX in range, BOUND reruns
    mov al, 0x7f
    add al, 1
    into
    ; ---- single step: three traps ----
    mov word [0x610], 0
    pushf
    pop ax
    or ax, 0x100
    push ax
    popf                      ; TF set: the trap comes after the next instruction
    nop
    inc bx
    inc bx
    nop
    mov ax, [0x610]
    call hex32_16
    call nl16
    ; ---- loops and XLAT ----
    mov cx, 5
    xor ax, ax
.l1: inc ax
    loop .l1
    mov cx, 5
    mov si, 0
.l2: inc si
    cmp si, 3
    loopne .l2
    mov dx, cx
    xor cx, cx
    jcxz .z
    mov ax, 0xdead
.z: shl eax, 16
    mov ax, dx
    call hex32_16
    call nl16
    mov bx, xtab
    mov al, 3
    push ds
    push cs
    pop ds
    xlat
    pop ds
    movzx eax, al
    call hex32_16
    call nl16
    ; ---- ENTER/LEAVE, PUSHA/POPA ----
    mov bp, 0x1111
    enter 8, 2
    mov ax, bp
    shl eax, 16
    mov ax, sp
    call hex32_16
    leave
    mov ax, bp
    call space16
    call hex32_16
    call nl16
    mov ax, 1
    mov cx, 2
    mov dx, 3
    mov bx, 4
    mov si, 6
    mov di, 7
    pusha
    xor ax, ax
    xor cx, cx
    popa
    add ax, cx
    add ax, dx
    add ax, di
    call hex32_16
    call nl16
    ; ---- strings ----
    push cs
    pop ds
    mov si, str1
    mov ax, 0x0800
    mov es, ax
    xor di, di
    mov cx, str1_end - str1
    cld
    rep movsb                 ; CS:str1 -> 0800:0000 (DS = CS)
    xor ax, ax
    mov ds, ax
    mov si, str1
    xor di, di
    mov cx, str1_end - str1
    cs repe cmpsb             ; CS override on the source
    mov ax, cx
    call hex32_16
    xor di, di
    mov al, 'l'
    mov cx, 20
    repne scasb
    mov ax, di
    call space16
    call hex32_16
    std
    mov di, 4
    mov al, '!'
    mov cx, 2
    rep stosb
    cld
    mov eax, [es:0]
    call space16
    call hex32_16
    call nl16
    ; ---- LDS/LES and far call ----
    mov word [0x620], 0x5678
    mov word [0x622], 0x0900
    lds si, [0x620]
    mov ax, ds
    shl eax, 16
    mov ax, si
    xor bx, bx
    mov ds, bx
    call hex32_16
    call nl16
    call 0xf000:far_proc
    call hex32_16
    call nl16
    PRINT16 "real: done", 10
    mov al, 0
    call exit16

far_proc:
    mov ax, 0x4242
    retf

int40:
    add ax, 1
    iret
ud_handler:
    PRINT16 "#UD", 10
    push bp
    mov bp, sp
    add word [bp + 2], 2
    pop bp
    iret
de_handler:
    PRINT16 "#DE", 10
    push bp
    mov bp, sp
    add word [bp + 2], 2
    pop bp
    iret
bound_handler:
    PRINT16 "#BR", 10
    mov ax, 2
    iret
into_handler:
    PRINT16 "INTO", 10
    iret
step_handler:
    push bp
    mov bp, sp
    push ax
    inc word [0x610]
    mov ax, [bp + 2]          ; IP after the stepped instruction
    call hex32_16
    call nl16
    cmp word [0x610], 3
    jb .keep
    and word [bp + 6], ~0x100 ; stop stepping
.keep:
    pop ax
    pop bp
    iret
xtab: db 10, 20, 30, 40, 50
str1: db "hello world"
str1_end:
    times 0xfff0-($-$$) db 0
    jmp 0xf000:start
    times 0x10000-($-$$) db 0xff
