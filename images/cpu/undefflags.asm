; undefflags.asm: the flags (and the register left alone) that the SDM leaves undefined,
; compared with QEMU 7.2's qemu-system-i386, which is what pcemu follows (lf_set in
; emu/cpu/cpu_int.h): SHLD/SHRD by CL, BSF/BSR (a zero source included), MUL and IMUL in
; every form, the decimal adjusts, AAM/AAD with bases 10, 16 and 7, DIV/IDIV, BT/BTS/BTC,
; and for reference some with defined flags (CMPXCHG, XADD, NEG, ADC, SBB, INC, DEC).
; 3000 rounds of random operands, CL and incoming arithmetic flags (LCG seed 0x2468ACE1;
; half the operands are sign-extended bytes, so products fit as often as not, and half
; the counts are below 256), each instruction's EAX, EFLAGS (arithmetic bits) and ECX
; folded into one hash.
; Output compared with QEMU 7.2.
%include "lib.inc"
%include "pm.inc"
bits 16
start:
    jmp pm_enter

bits 32
NH        equ 36
HASH      equ 0x700
RV        equ 0x6e0
RW        equ 0x6e4
RC        equ 0x6e8
RF        equ 0x6ec
%macro STEP 0
    imul esi, esi, 1103515245
    add esi, 12345
%endmacro
%macro LOAD 0                 ; EAX, EDX, ECX and EFLAGS of this round
    mov eax, [RV]
    mov edx, [RW]
    mov ecx, [RC]
    push dword [RF]
    popfd
%endmacro
%macro FOLD 1                 ; hash %1 takes EAX, EFLAGS' arithmetic bits and ECX
    pushfd
    pop edx
    and edx, 0x8d5
    mov ebx, [HASH + %1 * 4]
    xor ebx, eax
    imul ebx, ebx, 0x01000193
    xor ebx, edx
    imul ebx, ebx, 0x01000193
    xor ebx, ecx
    imul ebx, ebx, 0x01000193
    mov [HASH + %1 * 4], ebx
%endmacro

names:
    db "shld ax, dx, cl", 0
    db "shld eax, edx, cl", 0
    db "shrd ax, dx, cl", 0
    db "shrd eax, edx, cl", 0
    db "bsf ax, cx", 0
    db "bsr ax, cx", 0
    db "bsf eax, ecx", 0
    db "bsr eax, ecx", 0
    db "mul dl", 0
    db "mul dx", 0
    db "mul edx", 0
    db "imul dl", 0
    db "imul dx", 0
    db "imul edx", 0
    db "imul eax, edx", 0
    db "imul ax, dx, 0x1234", 0
    db "daa", 0
    db "das", 0
    db "aaa", 0
    db "aas", 0
    db "aam 10", 0
    db "aam 16", 0
    db "aad 10", 0
    db "aad 7", 0
    db "div ecx", 0
    db "idiv cx", 0
    db "bt eax, ecx", 0
    db "bts ax, cx", 0
    db "btc eax, 5", 0
    db "cmpxchg dl, cl", 0
    db "xadd dx, cx", 0
    db "neg al", 0
    db "adc dl, cl", 0
    db "sbb dx, cx", 0
    db "inc dl", 0
    db "dec cx", 0

pm_main:
    PRINT32 "undefflags: start", 10
    mov edi, HASH
    mov eax, 0x811c9dc5
    mov ecx, NH
    rep stosd
    mov esi, 0x2468ace1
    mov ebp, 3000
.round:
    STEP
    mov eax, esi
    test esi, 0x400
    jz .vwide
    movsx eax, ah
.vwide:
    mov [RV], eax
    STEP
    mov eax, esi
    test eax, 0x100
    jz .wide
    movsx eax, ah
.wide:
    mov [RW], eax
    STEP
    mov eax, esi
    shr eax, 16
    test esi, 0x200
    jz .cwide
    and eax, 0xff
.cwide:
    mov [RC], eax
    STEP
    mov eax, esi
    shr eax, 8
    and eax, 0x8d5
    or eax, 2
    mov [RF], eax
    LOAD
    shld ax, dx, cl
    FOLD 0
    LOAD
    shld eax, edx, cl
    FOLD 1
    LOAD
    shrd ax, dx, cl
    FOLD 2
    LOAD
    shrd eax, edx, cl
    FOLD 3
    LOAD
    bsf ax, cx
    FOLD 4
    LOAD
    bsr ax, cx
    FOLD 5
    LOAD
    and ecx, 0xff
    bsf eax, ecx
    FOLD 6
    LOAD
    and ecx, 0xff00
    bsr eax, ecx
    FOLD 7
    LOAD
    mul dl
    FOLD 8
    LOAD
    mul dx
    FOLD 9
    LOAD
    mul edx
    FOLD 10
    LOAD
    imul dl
    FOLD 11
    LOAD
    imul dx
    FOLD 12
    LOAD
    imul edx
    FOLD 13
    LOAD
    imul eax, edx
    FOLD 14
    LOAD
    imul ax, dx, 0x1234
    FOLD 15
    LOAD
    daa
    FOLD 16
    LOAD
    das
    FOLD 17
    LOAD
    aaa
    FOLD 18
    LOAD
    aas
    FOLD 19
    LOAD
    aam 10
    FOLD 20
    LOAD
    aam 16
    FOLD 21
    LOAD
    aad 10
    FOLD 22
    LOAD
    aad 7
    FOLD 23
    LOAD
    and edx, 0xffff
    or ecx, 0x10000
    div ecx
    FOLD 24
    LOAD
    movsx edx, ax
    sar edx, 16
    or cx, 1
    idiv cx
    FOLD 25
    LOAD
    bt eax, ecx
    FOLD 26
    LOAD
    bts ax, cx
    FOLD 27
    LOAD
    btc eax, 5
    FOLD 28
    LOAD
    cmpxchg dl, cl
    FOLD 29
    LOAD
    xadd dx, cx
    FOLD 30
    LOAD
    neg al
    FOLD 31
    LOAD
    adc dl, cl
    FOLD 32
    LOAD
    sbb dx, cx
    FOLD 33
    LOAD
    inc dl
    FOLD 34
    LOAD
    dec cx
    FOLD 35
    dec ebp
    jnz .round
    mov esi, HASH
    mov edi, LIN(names)
    mov ecx, NH
.h: mov eax, [esi]
    call hex32_32
    call space32
    push esi
    mov esi, edi
    call puts32
    pop esi
.skip:
    inc edi
    cmp byte [edi - 1], 0
    jne .skip
    call nl32
    add esi, 4
    loop .h
    PRINT32 "undefflags: done", 10
    mov al, 0
    jmp exit32

ring_gate:
conf_code:
    retf
bits 16
    times 0xfff0-($-$$) db 0
    jmp 0xf000:start
    times 0x10000-($-$$) db 0xff
