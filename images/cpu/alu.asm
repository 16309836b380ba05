; alu.asm: arithmetic, logic, shifts, multiply/divide, BCD and bit instructions in real
; mode with 8-, 16- and 32-bit operands. Every case prints its result and the flags the SDM
; defines for it, so the output can be compared with QEMU 7.2 TCG (tests/scripts/cpu_nasm.sh;
; expected output in alu.expected). Generated once by hand; edit freely.
%include "lib.inc"
bits 16
start:
    cli
    xor ax, ax
    mov ss, ax
    mov sp, 0x7000
    mov ax, cs
    mov ds, ax

    xor eax, eax
    xor edx, edx
    mov al, 0x7f
    mov bl, 0x0
    add al, bl
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0xff
    mov bl, 0xff
    add al, bl
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0xf
    mov bl, 0xff
    add al, bl
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x7f
    mov bl, 0xf
    add al, bl
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x1
    mov bl, 0x0
    add al, bl
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x78
    mov bl, 0x1
    add al, bl
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0xff
    mov bl, 0x0
    add al, bl
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x7f
    mov bl, 0x0
    sub al, bl
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0xff
    mov bl, 0xff
    sub al, bl
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0xf
    mov bl, 0xff
    sub al, bl
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x7f
    mov bl, 0xf
    sub al, bl
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x1
    mov bl, 0x0
    sub al, bl
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x78
    mov bl, 0x1
    sub al, bl
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0xff
    mov bl, 0x0
    sub al, bl
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x7f
    mov bl, 0x0
    clc
    adc al, bl
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x7f
    mov bl, 0x0
    stc
    adc al, bl
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0xff
    mov bl, 0xff
    clc
    adc al, bl
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0xff
    mov bl, 0xff
    stc
    adc al, bl
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0xf
    mov bl, 0xff
    clc
    adc al, bl
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0xf
    mov bl, 0xff
    stc
    adc al, bl
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x7f
    mov bl, 0xf
    clc
    adc al, bl
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x7f
    mov bl, 0xf
    stc
    adc al, bl
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x1
    mov bl, 0x0
    clc
    adc al, bl
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x1
    mov bl, 0x0
    stc
    adc al, bl
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x78
    mov bl, 0x1
    clc
    adc al, bl
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x78
    mov bl, 0x1
    stc
    adc al, bl
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0xff
    mov bl, 0x0
    clc
    adc al, bl
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0xff
    mov bl, 0x0
    stc
    adc al, bl
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x7f
    mov bl, 0x0
    clc
    sbb al, bl
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x7f
    mov bl, 0x0
    stc
    sbb al, bl
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0xff
    mov bl, 0xff
    clc
    sbb al, bl
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0xff
    mov bl, 0xff
    stc
    sbb al, bl
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0xf
    mov bl, 0xff
    clc
    sbb al, bl
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0xf
    mov bl, 0xff
    stc
    sbb al, bl
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x7f
    mov bl, 0xf
    clc
    sbb al, bl
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x7f
    mov bl, 0xf
    stc
    sbb al, bl
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x1
    mov bl, 0x0
    clc
    sbb al, bl
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x1
    mov bl, 0x0
    stc
    sbb al, bl
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x78
    mov bl, 0x1
    clc
    sbb al, bl
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x78
    mov bl, 0x1
    stc
    sbb al, bl
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0xff
    mov bl, 0x0
    clc
    sbb al, bl
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0xff
    mov bl, 0x0
    stc
    sbb al, bl
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x7f
    mov bl, 0x0
    and al, bl
    mov esi, 0x8c5
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0xff
    mov bl, 0xff
    and al, bl
    mov esi, 0x8c5
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0xf
    mov bl, 0xff
    and al, bl
    mov esi, 0x8c5
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x7f
    mov bl, 0xf
    and al, bl
    mov esi, 0x8c5
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x1
    mov bl, 0x0
    and al, bl
    mov esi, 0x8c5
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x78
    mov bl, 0x1
    and al, bl
    mov esi, 0x8c5
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0xff
    mov bl, 0x0
    and al, bl
    mov esi, 0x8c5
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x7f
    mov bl, 0x0
    or al, bl
    mov esi, 0x8c5
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0xff
    mov bl, 0xff
    or al, bl
    mov esi, 0x8c5
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0xf
    mov bl, 0xff
    or al, bl
    mov esi, 0x8c5
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x7f
    mov bl, 0xf
    or al, bl
    mov esi, 0x8c5
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x1
    mov bl, 0x0
    or al, bl
    mov esi, 0x8c5
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x78
    mov bl, 0x1
    or al, bl
    mov esi, 0x8c5
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0xff
    mov bl, 0x0
    or al, bl
    mov esi, 0x8c5
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x7f
    mov bl, 0x0
    xor al, bl
    mov esi, 0x8c5
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0xff
    mov bl, 0xff
    xor al, bl
    mov esi, 0x8c5
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0xf
    mov bl, 0xff
    xor al, bl
    mov esi, 0x8c5
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x7f
    mov bl, 0xf
    xor al, bl
    mov esi, 0x8c5
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x1
    mov bl, 0x0
    xor al, bl
    mov esi, 0x8c5
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x78
    mov bl, 0x1
    xor al, bl
    mov esi, 0x8c5
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0xff
    mov bl, 0x0
    xor al, bl
    mov esi, 0x8c5
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x7f
    mov bl, 0x0
    cmp al, bl
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0xff
    mov bl, 0xff
    cmp al, bl
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0xf
    mov bl, 0xff
    cmp al, bl
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x7f
    mov bl, 0xf
    cmp al, bl
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x1
    mov bl, 0x0
    cmp al, bl
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x78
    mov bl, 0x1
    cmp al, bl
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0xff
    mov bl, 0x0
    cmp al, bl
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x7f
    mov bl, 0x0
    test al, bl
    mov esi, 0x8c5
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0xff
    mov bl, 0xff
    test al, bl
    mov esi, 0x8c5
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0xf
    mov bl, 0xff
    test al, bl
    mov esi, 0x8c5
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x7f
    mov bl, 0xf
    test al, bl
    mov esi, 0x8c5
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x1
    mov bl, 0x0
    test al, bl
    mov esi, 0x8c5
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x78
    mov bl, 0x1
    test al, bl
    mov esi, 0x8c5
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0xff
    mov bl, 0x0
    test al, bl
    mov esi, 0x8c5
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x0
    clc
    inc al
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x0
    stc
    inc al
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x1
    clc
    inc al
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x1
    stc
    inc al
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x7f
    clc
    inc al
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x7f
    stc
    inc al
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x80
    clc
    inc al
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x80
    stc
    inc al
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0xff
    clc
    inc al
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0xff
    stc
    inc al
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0xff
    clc
    inc al
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0xff
    stc
    inc al
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x0
    clc
    inc al
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x0
    stc
    inc al
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0xff
    clc
    inc al
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0xff
    stc
    inc al
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x0
    clc
    dec al
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x0
    stc
    dec al
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x1
    clc
    dec al
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x1
    stc
    dec al
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x7f
    clc
    dec al
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x7f
    stc
    dec al
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x80
    clc
    dec al
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x80
    stc
    dec al
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0xff
    clc
    dec al
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0xff
    stc
    dec al
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0xff
    clc
    dec al
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0xff
    stc
    dec al
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x0
    clc
    dec al
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x0
    stc
    dec al
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0xff
    clc
    dec al
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0xff
    stc
    dec al
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x0
    clc
    neg al
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x0
    stc
    neg al
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x1
    clc
    neg al
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x1
    stc
    neg al
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x7f
    clc
    neg al
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x7f
    stc
    neg al
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x80
    clc
    neg al
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x80
    stc
    neg al
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0xff
    clc
    neg al
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0xff
    stc
    neg al
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0xff
    clc
    neg al
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0xff
    stc
    neg al
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x0
    clc
    neg al
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x0
    stc
    neg al
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0xff
    clc
    neg al
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0xff
    stc
    neg al
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x0
    clc
    not al
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x0
    stc
    not al
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x1
    clc
    not al
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x1
    stc
    not al
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x7f
    clc
    not al
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x7f
    stc
    not al
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x80
    clc
    not al
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x80
    stc
    not al
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0xff
    clc
    not al
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0xff
    stc
    not al
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0xff
    clc
    not al
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0xff
    stc
    not al
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x0
    clc
    not al
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x0
    stc
    not al
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0xff
    clc
    not al
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0xff
    stc
    not al
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x81
    mov cl, 0
    stc
    rol al, cl
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x81
    mov cl, 1
    stc
    rol al, cl
    mov esi, 0x801
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x81
    mov cl, 3
    stc
    rol al, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x81
    mov cl, 8
    stc
    rol al, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x81
    mov cl, 9
    stc
    rol al, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x81
    mov cl, 17
    stc
    rol al, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x81
    mov cl, 31
    stc
    rol al, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x0
    mov cl, 0
    stc
    rol al, cl
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x0
    mov cl, 1
    stc
    rol al, cl
    mov esi, 0x801
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x0
    mov cl, 3
    stc
    rol al, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x0
    mov cl, 8
    stc
    rol al, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x0
    mov cl, 9
    stc
    rol al, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x0
    mov cl, 17
    stc
    rol al, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x0
    mov cl, 31
    stc
    rol al, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x1
    mov cl, 0
    stc
    rol al, cl
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x1
    mov cl, 1
    stc
    rol al, cl
    mov esi, 0x801
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x1
    mov cl, 3
    stc
    rol al, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x1
    mov cl, 8
    stc
    rol al, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x1
    mov cl, 9
    stc
    rol al, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x1
    mov cl, 17
    stc
    rol al, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x1
    mov cl, 31
    stc
    rol al, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0xaa
    mov cl, 0
    stc
    rol al, cl
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0xaa
    mov cl, 1
    stc
    rol al, cl
    mov esi, 0x801
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0xaa
    mov cl, 3
    stc
    rol al, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0xaa
    mov cl, 8
    stc
    rol al, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0xaa
    mov cl, 9
    stc
    rol al, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0xaa
    mov cl, 17
    stc
    rol al, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0xaa
    mov cl, 31
    stc
    rol al, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x81
    mov cl, 0
    stc
    ror al, cl
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x81
    mov cl, 1
    stc
    ror al, cl
    mov esi, 0x801
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x81
    mov cl, 3
    stc
    ror al, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x81
    mov cl, 8
    stc
    ror al, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x81
    mov cl, 9
    stc
    ror al, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x81
    mov cl, 17
    stc
    ror al, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x81
    mov cl, 31
    stc
    ror al, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x0
    mov cl, 0
    stc
    ror al, cl
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x0
    mov cl, 1
    stc
    ror al, cl
    mov esi, 0x801
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x0
    mov cl, 3
    stc
    ror al, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x0
    mov cl, 8
    stc
    ror al, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x0
    mov cl, 9
    stc
    ror al, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x0
    mov cl, 17
    stc
    ror al, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x0
    mov cl, 31
    stc
    ror al, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x1
    mov cl, 0
    stc
    ror al, cl
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x1
    mov cl, 1
    stc
    ror al, cl
    mov esi, 0x801
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x1
    mov cl, 3
    stc
    ror al, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x1
    mov cl, 8
    stc
    ror al, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x1
    mov cl, 9
    stc
    ror al, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x1
    mov cl, 17
    stc
    ror al, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x1
    mov cl, 31
    stc
    ror al, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0xaa
    mov cl, 0
    stc
    ror al, cl
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0xaa
    mov cl, 1
    stc
    ror al, cl
    mov esi, 0x801
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0xaa
    mov cl, 3
    stc
    ror al, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0xaa
    mov cl, 8
    stc
    ror al, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0xaa
    mov cl, 9
    stc
    ror al, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0xaa
    mov cl, 17
    stc
    ror al, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0xaa
    mov cl, 31
    stc
    ror al, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x81
    mov cl, 0
    clc
    rcl al, cl
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x81
    mov cl, 0
    stc
    rcl al, cl
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x81
    mov cl, 1
    clc
    rcl al, cl
    mov esi, 0x801
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x81
    mov cl, 1
    stc
    rcl al, cl
    mov esi, 0x801
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x81
    mov cl, 3
    clc
    rcl al, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x81
    mov cl, 3
    stc
    rcl al, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x81
    mov cl, 8
    clc
    rcl al, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x81
    mov cl, 8
    stc
    rcl al, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x81
    mov cl, 9
    clc
    rcl al, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x81
    mov cl, 9
    stc
    rcl al, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x81
    mov cl, 17
    clc
    rcl al, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x81
    mov cl, 17
    stc
    rcl al, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x81
    mov cl, 31
    clc
    rcl al, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x81
    mov cl, 31
    stc
    rcl al, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x0
    mov cl, 0
    clc
    rcl al, cl
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x0
    mov cl, 0
    stc
    rcl al, cl
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x0
    mov cl, 1
    clc
    rcl al, cl
    mov esi, 0x801
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x0
    mov cl, 1
    stc
    rcl al, cl
    mov esi, 0x801
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x0
    mov cl, 3
    clc
    rcl al, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x0
    mov cl, 3
    stc
    rcl al, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x0
    mov cl, 8
    clc
    rcl al, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x0
    mov cl, 8
    stc
    rcl al, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x0
    mov cl, 9
    clc
    rcl al, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x0
    mov cl, 9
    stc
    rcl al, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x0
    mov cl, 17
    clc
    rcl al, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x0
    mov cl, 17
    stc
    rcl al, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x0
    mov cl, 31
    clc
    rcl al, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x0
    mov cl, 31
    stc
    rcl al, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x1
    mov cl, 0
    clc
    rcl al, cl
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x1
    mov cl, 0
    stc
    rcl al, cl
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x1
    mov cl, 1
    clc
    rcl al, cl
    mov esi, 0x801
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x1
    mov cl, 1
    stc
    rcl al, cl
    mov esi, 0x801
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x1
    mov cl, 3
    clc
    rcl al, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x1
    mov cl, 3
    stc
    rcl al, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x1
    mov cl, 8
    clc
    rcl al, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x1
    mov cl, 8
    stc
    rcl al, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x1
    mov cl, 9
    clc
    rcl al, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x1
    mov cl, 9
    stc
    rcl al, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x1
    mov cl, 17
    clc
    rcl al, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x1
    mov cl, 17
    stc
    rcl al, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x1
    mov cl, 31
    clc
    rcl al, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x1
    mov cl, 31
    stc
    rcl al, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0xaa
    mov cl, 0
    clc
    rcl al, cl
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0xaa
    mov cl, 0
    stc
    rcl al, cl
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0xaa
    mov cl, 1
    clc
    rcl al, cl
    mov esi, 0x801
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0xaa
    mov cl, 1
    stc
    rcl al, cl
    mov esi, 0x801
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0xaa
    mov cl, 3
    clc
    rcl al, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0xaa
    mov cl, 3
    stc
    rcl al, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0xaa
    mov cl, 8
    clc
    rcl al, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0xaa
    mov cl, 8
    stc
    rcl al, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0xaa
    mov cl, 9
    clc
    rcl al, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0xaa
    mov cl, 9
    stc
    rcl al, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0xaa
    mov cl, 17
    clc
    rcl al, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0xaa
    mov cl, 17
    stc
    rcl al, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0xaa
    mov cl, 31
    clc
    rcl al, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0xaa
    mov cl, 31
    stc
    rcl al, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x81
    mov cl, 0
    clc
    rcr al, cl
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x81
    mov cl, 0
    stc
    rcr al, cl
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x81
    mov cl, 1
    clc
    rcr al, cl
    mov esi, 0x801
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x81
    mov cl, 1
    stc
    rcr al, cl
    mov esi, 0x801
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x81
    mov cl, 3
    clc
    rcr al, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x81
    mov cl, 3
    stc
    rcr al, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x81
    mov cl, 8
    clc
    rcr al, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x81
    mov cl, 8
    stc
    rcr al, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x81
    mov cl, 9
    clc
    rcr al, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x81
    mov cl, 9
    stc
    rcr al, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x81
    mov cl, 17
    clc
    rcr al, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x81
    mov cl, 17
    stc
    rcr al, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x81
    mov cl, 31
    clc
    rcr al, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x81
    mov cl, 31
    stc
    rcr al, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x0
    mov cl, 0
    clc
    rcr al, cl
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x0
    mov cl, 0
    stc
    rcr al, cl
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x0
    mov cl, 1
    clc
    rcr al, cl
    mov esi, 0x801
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x0
    mov cl, 1
    stc
    rcr al, cl
    mov esi, 0x801
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x0
    mov cl, 3
    clc
    rcr al, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x0
    mov cl, 3
    stc
    rcr al, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x0
    mov cl, 8
    clc
    rcr al, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x0
    mov cl, 8
    stc
    rcr al, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x0
    mov cl, 9
    clc
    rcr al, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x0
    mov cl, 9
    stc
    rcr al, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x0
    mov cl, 17
    clc
    rcr al, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x0
    mov cl, 17
    stc
    rcr al, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x0
    mov cl, 31
    clc
    rcr al, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x0
    mov cl, 31
    stc
    rcr al, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x1
    mov cl, 0
    clc
    rcr al, cl
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x1
    mov cl, 0
    stc
    rcr al, cl
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x1
    mov cl, 1
    clc
    rcr al, cl
    mov esi, 0x801
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x1
    mov cl, 1
    stc
    rcr al, cl
    mov esi, 0x801
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x1
    mov cl, 3
    clc
    rcr al, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x1
    mov cl, 3
    stc
    rcr al, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x1
    mov cl, 8
    clc
    rcr al, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x1
    mov cl, 8
    stc
    rcr al, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x1
    mov cl, 9
    clc
    rcr al, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x1
    mov cl, 9
    stc
    rcr al, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x1
    mov cl, 17
    clc
    rcr al, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x1
    mov cl, 17
    stc
    rcr al, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x1
    mov cl, 31
    clc
    rcr al, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x1
    mov cl, 31
    stc
    rcr al, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0xaa
    mov cl, 0
    clc
    rcr al, cl
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0xaa
    mov cl, 0
    stc
    rcr al, cl
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0xaa
    mov cl, 1
    clc
    rcr al, cl
    mov esi, 0x801
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0xaa
    mov cl, 1
    stc
    rcr al, cl
    mov esi, 0x801
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0xaa
    mov cl, 3
    clc
    rcr al, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0xaa
    mov cl, 3
    stc
    rcr al, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0xaa
    mov cl, 8
    clc
    rcr al, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0xaa
    mov cl, 8
    stc
    rcr al, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0xaa
    mov cl, 9
    clc
    rcr al, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0xaa
    mov cl, 9
    stc
    rcr al, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0xaa
    mov cl, 17
    clc
    rcr al, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0xaa
    mov cl, 17
    stc
    rcr al, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0xaa
    mov cl, 31
    clc
    rcr al, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0xaa
    mov cl, 31
    stc
    rcr al, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x81
    mov cl, 0
    stc
    shl al, cl
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x81
    mov cl, 1
    stc
    shl al, cl
    mov esi, 0x8c5
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x81
    mov cl, 3
    stc
    shl al, cl
    mov esi, 0xc5
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x0
    mov cl, 0
    stc
    shl al, cl
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x0
    mov cl, 1
    stc
    shl al, cl
    mov esi, 0x8c5
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x0
    mov cl, 3
    stc
    shl al, cl
    mov esi, 0xc5
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x1
    mov cl, 0
    stc
    shl al, cl
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x1
    mov cl, 1
    stc
    shl al, cl
    mov esi, 0x8c5
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x1
    mov cl, 3
    stc
    shl al, cl
    mov esi, 0xc5
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0xaa
    mov cl, 0
    stc
    shl al, cl
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0xaa
    mov cl, 1
    stc
    shl al, cl
    mov esi, 0x8c5
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0xaa
    mov cl, 3
    stc
    shl al, cl
    mov esi, 0xc5
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x81
    mov cl, 0
    stc
    shr al, cl
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x81
    mov cl, 1
    stc
    shr al, cl
    mov esi, 0x8c5
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x81
    mov cl, 3
    stc
    shr al, cl
    mov esi, 0xc5
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x0
    mov cl, 0
    stc
    shr al, cl
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x0
    mov cl, 1
    stc
    shr al, cl
    mov esi, 0x8c5
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x0
    mov cl, 3
    stc
    shr al, cl
    mov esi, 0xc5
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x1
    mov cl, 0
    stc
    shr al, cl
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x1
    mov cl, 1
    stc
    shr al, cl
    mov esi, 0x8c5
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x1
    mov cl, 3
    stc
    shr al, cl
    mov esi, 0xc5
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0xaa
    mov cl, 0
    stc
    shr al, cl
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0xaa
    mov cl, 1
    stc
    shr al, cl
    mov esi, 0x8c5
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0xaa
    mov cl, 3
    stc
    shr al, cl
    mov esi, 0xc5
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x81
    mov cl, 0
    stc
    sar al, cl
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x81
    mov cl, 1
    stc
    sar al, cl
    mov esi, 0x8c5
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x81
    mov cl, 3
    stc
    sar al, cl
    mov esi, 0xc5
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x0
    mov cl, 0
    stc
    sar al, cl
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x0
    mov cl, 1
    stc
    sar al, cl
    mov esi, 0x8c5
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x0
    mov cl, 3
    stc
    sar al, cl
    mov esi, 0xc5
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x1
    mov cl, 0
    stc
    sar al, cl
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x1
    mov cl, 1
    stc
    sar al, cl
    mov esi, 0x8c5
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x1
    mov cl, 3
    stc
    sar al, cl
    mov esi, 0xc5
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0xaa
    mov cl, 0
    stc
    sar al, cl
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0xaa
    mov cl, 1
    stc
    sar al, cl
    mov esi, 0x8c5
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0xaa
    mov cl, 3
    stc
    sar al, cl
    mov esi, 0xc5
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x7f
    mov bl, 0x0
    mov edx, 0x11111111
    mul bl
    mov ebx, edx
    mov esi, 0x801
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0xff
    mov bl, 0xff
    mov edx, 0x11111111
    mul bl
    mov ebx, edx
    mov esi, 0x801
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0xf
    mov bl, 0xff
    mov edx, 0x11111111
    mul bl
    mov ebx, edx
    mov esi, 0x801
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x7f
    mov bl, 0xf
    mov edx, 0x11111111
    mul bl
    mov ebx, edx
    mov esi, 0x801
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x1
    mov bl, 0x0
    mov edx, 0x11111111
    mul bl
    mov ebx, edx
    mov esi, 0x801
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x78
    mov bl, 0x1
    mov edx, 0x11111111
    mul bl
    mov ebx, edx
    mov esi, 0x801
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0xff
    mov bl, 0x0
    mov edx, 0x11111111
    mul bl
    mov ebx, edx
    mov esi, 0x801
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x0
    mov bl, 0xff
    mov edx, 0x11111111
    mul bl
    mov ebx, edx
    mov esi, 0x801
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x7f
    mov bl, 0xff
    mov edx, 0x11111111
    mul bl
    mov ebx, edx
    mov esi, 0x801
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x80
    mov bl, 0x0
    mov edx, 0x11111111
    mul bl
    mov ebx, edx
    mov esi, 0x801
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0xf
    mov bl, 0x78
    mov edx, 0x11111111
    mul bl
    mov ebx, edx
    mov esi, 0x801
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0xff
    mov bl, 0x0
    mov edx, 0x11111111
    mul bl
    mov ebx, edx
    mov esi, 0x801
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x7f
    mov bl, 0xff
    mov edx, 0x11111111
    mul bl
    mov ebx, edx
    mov esi, 0x801
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0xf
    mov bl, 0x0
    mov edx, 0x11111111
    mul bl
    mov ebx, edx
    mov esi, 0x801
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0xff
    mov bl, 0x80
    mov edx, 0x11111111
    mul bl
    mov ebx, edx
    mov esi, 0x801
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0xff
    mov bl, 0xff
    mov edx, 0x11111111
    mul bl
    mov ebx, edx
    mov esi, 0x801
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x7f
    mov bl, 0x0
    mov edx, 0x11111111
    imul bl
    mov ebx, edx
    mov esi, 0x801
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0xff
    mov bl, 0xff
    mov edx, 0x11111111
    imul bl
    mov ebx, edx
    mov esi, 0x801
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0xf
    mov bl, 0xff
    mov edx, 0x11111111
    imul bl
    mov ebx, edx
    mov esi, 0x801
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x7f
    mov bl, 0xf
    mov edx, 0x11111111
    imul bl
    mov ebx, edx
    mov esi, 0x801
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x1
    mov bl, 0x0
    mov edx, 0x11111111
    imul bl
    mov ebx, edx
    mov esi, 0x801
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x78
    mov bl, 0x1
    mov edx, 0x11111111
    imul bl
    mov ebx, edx
    mov esi, 0x801
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0xff
    mov bl, 0x0
    mov edx, 0x11111111
    imul bl
    mov ebx, edx
    mov esi, 0x801
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x0
    mov bl, 0xff
    mov edx, 0x11111111
    imul bl
    mov ebx, edx
    mov esi, 0x801
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x7f
    mov bl, 0xff
    mov edx, 0x11111111
    imul bl
    mov ebx, edx
    mov esi, 0x801
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x80
    mov bl, 0x0
    mov edx, 0x11111111
    imul bl
    mov ebx, edx
    mov esi, 0x801
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0xf
    mov bl, 0x78
    mov edx, 0x11111111
    imul bl
    mov ebx, edx
    mov esi, 0x801
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0xff
    mov bl, 0x0
    mov edx, 0x11111111
    imul bl
    mov ebx, edx
    mov esi, 0x801
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0x7f
    mov bl, 0xff
    mov edx, 0x11111111
    imul bl
    mov ebx, edx
    mov esi, 0x801
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0xf
    mov bl, 0x0
    mov edx, 0x11111111
    imul bl
    mov ebx, edx
    mov esi, 0x801
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0xff
    mov bl, 0x80
    mov edx, 0x11111111
    imul bl
    mov ebx, edx
    mov esi, 0x801
    call show
    xor eax, eax
    xor edx, edx
    mov al, 0xff
    mov bl, 0xff
    mov edx, 0x11111111
    imul bl
    mov ebx, edx
    mov esi, 0x801
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x64
    mov bl, 0x7
    nop
    div bl
    mov ebx, edx
    mov esi, 0x0
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x1234
    mov bl, 0x56
    nop
    div bl
    mov ebx, edx
    mov esi, 0x0
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x7fff
    mov bl, 0xff
    nop
    div bl
    mov ebx, edx
    mov esi, 0x0
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x0
    mov bl, 0xff
    nop
    div bl
    mov ebx, edx
    mov esi, 0x0
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x5
    mov bl, 0xfb
    nop
    div bl
    mov ebx, edx
    mov esi, 0x0
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x64
    mov bl, 0x7
    nop
    idiv bl
    mov ebx, edx
    mov esi, 0x0
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0xffff
    mov bl, 0x10
    nop
    idiv bl
    mov ebx, edx
    mov esi, 0x0
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x1234
    mov bl, 0x56
    nop
    idiv bl
    mov ebx, edx
    mov esi, 0x0
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0xfff0
    mov bl, 0x3
    nop
    idiv bl
    mov ebx, edx
    mov esi, 0x0
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x0
    mov bl, 0xff
    nop
    idiv bl
    mov ebx, edx
    mov esi, 0x0
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x5
    mov bl, 0xfb
    nop
    idiv bl
    mov ebx, edx
    mov esi, 0x0
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x7f
    mov bx, 0x8000
    add ax, bx
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x7fff
    mov bx, 0xffff
    add ax, bx
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0xf0f
    mov bx, 0x7fff
    add ax, bx
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x7f
    mov bx, 0xf0f
    add ax, bx
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x1
    mov bx, 0x8000
    add ax, bx
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x5678
    mov bx, 0x1
    add ax, bx
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0xff
    mov bx, 0x0
    add ax, bx
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x7f
    mov bx, 0x8000
    sub ax, bx
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x7fff
    mov bx, 0xffff
    sub ax, bx
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0xf0f
    mov bx, 0x7fff
    sub ax, bx
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x7f
    mov bx, 0xf0f
    sub ax, bx
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x1
    mov bx, 0x8000
    sub ax, bx
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x5678
    mov bx, 0x1
    sub ax, bx
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0xff
    mov bx, 0x0
    sub ax, bx
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x7f
    mov bx, 0x8000
    clc
    adc ax, bx
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x7f
    mov bx, 0x8000
    stc
    adc ax, bx
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x7fff
    mov bx, 0xffff
    clc
    adc ax, bx
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x7fff
    mov bx, 0xffff
    stc
    adc ax, bx
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0xf0f
    mov bx, 0x7fff
    clc
    adc ax, bx
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0xf0f
    mov bx, 0x7fff
    stc
    adc ax, bx
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x7f
    mov bx, 0xf0f
    clc
    adc ax, bx
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x7f
    mov bx, 0xf0f
    stc
    adc ax, bx
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x1
    mov bx, 0x8000
    clc
    adc ax, bx
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x1
    mov bx, 0x8000
    stc
    adc ax, bx
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x5678
    mov bx, 0x1
    clc
    adc ax, bx
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x5678
    mov bx, 0x1
    stc
    adc ax, bx
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0xff
    mov bx, 0x0
    clc
    adc ax, bx
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0xff
    mov bx, 0x0
    stc
    adc ax, bx
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x7f
    mov bx, 0x8000
    clc
    sbb ax, bx
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x7f
    mov bx, 0x8000
    stc
    sbb ax, bx
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x7fff
    mov bx, 0xffff
    clc
    sbb ax, bx
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x7fff
    mov bx, 0xffff
    stc
    sbb ax, bx
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0xf0f
    mov bx, 0x7fff
    clc
    sbb ax, bx
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0xf0f
    mov bx, 0x7fff
    stc
    sbb ax, bx
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x7f
    mov bx, 0xf0f
    clc
    sbb ax, bx
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x7f
    mov bx, 0xf0f
    stc
    sbb ax, bx
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x1
    mov bx, 0x8000
    clc
    sbb ax, bx
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x1
    mov bx, 0x8000
    stc
    sbb ax, bx
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x5678
    mov bx, 0x1
    clc
    sbb ax, bx
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x5678
    mov bx, 0x1
    stc
    sbb ax, bx
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0xff
    mov bx, 0x0
    clc
    sbb ax, bx
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0xff
    mov bx, 0x0
    stc
    sbb ax, bx
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x7f
    mov bx, 0x8000
    and ax, bx
    mov esi, 0x8c5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x7fff
    mov bx, 0xffff
    and ax, bx
    mov esi, 0x8c5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0xf0f
    mov bx, 0x7fff
    and ax, bx
    mov esi, 0x8c5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x7f
    mov bx, 0xf0f
    and ax, bx
    mov esi, 0x8c5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x1
    mov bx, 0x8000
    and ax, bx
    mov esi, 0x8c5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x5678
    mov bx, 0x1
    and ax, bx
    mov esi, 0x8c5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0xff
    mov bx, 0x0
    and ax, bx
    mov esi, 0x8c5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x7f
    mov bx, 0x8000
    or ax, bx
    mov esi, 0x8c5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x7fff
    mov bx, 0xffff
    or ax, bx
    mov esi, 0x8c5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0xf0f
    mov bx, 0x7fff
    or ax, bx
    mov esi, 0x8c5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x7f
    mov bx, 0xf0f
    or ax, bx
    mov esi, 0x8c5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x1
    mov bx, 0x8000
    or ax, bx
    mov esi, 0x8c5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x5678
    mov bx, 0x1
    or ax, bx
    mov esi, 0x8c5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0xff
    mov bx, 0x0
    or ax, bx
    mov esi, 0x8c5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x7f
    mov bx, 0x8000
    xor ax, bx
    mov esi, 0x8c5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x7fff
    mov bx, 0xffff
    xor ax, bx
    mov esi, 0x8c5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0xf0f
    mov bx, 0x7fff
    xor ax, bx
    mov esi, 0x8c5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x7f
    mov bx, 0xf0f
    xor ax, bx
    mov esi, 0x8c5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x1
    mov bx, 0x8000
    xor ax, bx
    mov esi, 0x8c5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x5678
    mov bx, 0x1
    xor ax, bx
    mov esi, 0x8c5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0xff
    mov bx, 0x0
    xor ax, bx
    mov esi, 0x8c5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x7f
    mov bx, 0x8000
    cmp ax, bx
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x7fff
    mov bx, 0xffff
    cmp ax, bx
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0xf0f
    mov bx, 0x7fff
    cmp ax, bx
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x7f
    mov bx, 0xf0f
    cmp ax, bx
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x1
    mov bx, 0x8000
    cmp ax, bx
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x5678
    mov bx, 0x1
    cmp ax, bx
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0xff
    mov bx, 0x0
    cmp ax, bx
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x7f
    mov bx, 0x8000
    test ax, bx
    mov esi, 0x8c5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x7fff
    mov bx, 0xffff
    test ax, bx
    mov esi, 0x8c5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0xf0f
    mov bx, 0x7fff
    test ax, bx
    mov esi, 0x8c5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x7f
    mov bx, 0xf0f
    test ax, bx
    mov esi, 0x8c5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x1
    mov bx, 0x8000
    test ax, bx
    mov esi, 0x8c5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x5678
    mov bx, 0x1
    test ax, bx
    mov esi, 0x8c5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0xff
    mov bx, 0x0
    test ax, bx
    mov esi, 0x8c5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x0
    clc
    inc ax
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x0
    stc
    inc ax
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x1
    clc
    inc ax
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x1
    stc
    inc ax
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x7f
    clc
    inc ax
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x7f
    stc
    inc ax
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x80
    clc
    inc ax
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x80
    stc
    inc ax
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0xff
    clc
    inc ax
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0xff
    stc
    inc ax
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x7fff
    clc
    inc ax
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x7fff
    stc
    inc ax
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x8000
    clc
    inc ax
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x8000
    stc
    inc ax
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0xffff
    clc
    inc ax
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0xffff
    stc
    inc ax
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x0
    clc
    dec ax
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x0
    stc
    dec ax
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x1
    clc
    dec ax
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x1
    stc
    dec ax
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x7f
    clc
    dec ax
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x7f
    stc
    dec ax
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x80
    clc
    dec ax
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x80
    stc
    dec ax
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0xff
    clc
    dec ax
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0xff
    stc
    dec ax
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x7fff
    clc
    dec ax
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x7fff
    stc
    dec ax
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x8000
    clc
    dec ax
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x8000
    stc
    dec ax
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0xffff
    clc
    dec ax
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0xffff
    stc
    dec ax
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x0
    clc
    neg ax
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x0
    stc
    neg ax
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x1
    clc
    neg ax
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x1
    stc
    neg ax
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x7f
    clc
    neg ax
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x7f
    stc
    neg ax
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x80
    clc
    neg ax
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x80
    stc
    neg ax
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0xff
    clc
    neg ax
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0xff
    stc
    neg ax
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x7fff
    clc
    neg ax
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x7fff
    stc
    neg ax
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x8000
    clc
    neg ax
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x8000
    stc
    neg ax
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0xffff
    clc
    neg ax
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0xffff
    stc
    neg ax
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x0
    clc
    not ax
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x0
    stc
    not ax
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x1
    clc
    not ax
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x1
    stc
    not ax
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x7f
    clc
    not ax
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x7f
    stc
    not ax
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x80
    clc
    not ax
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x80
    stc
    not ax
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0xff
    clc
    not ax
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0xff
    stc
    not ax
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x7fff
    clc
    not ax
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x7fff
    stc
    not ax
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x8000
    clc
    not ax
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x8000
    stc
    not ax
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0xffff
    clc
    not ax
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0xffff
    stc
    not ax
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x81
    mov cl, 0
    stc
    rol ax, cl
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x81
    mov cl, 1
    stc
    rol ax, cl
    mov esi, 0x801
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x81
    mov cl, 3
    stc
    rol ax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x81
    mov cl, 8
    stc
    rol ax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x81
    mov cl, 9
    stc
    rol ax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x81
    mov cl, 17
    stc
    rol ax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x81
    mov cl, 31
    stc
    rol ax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x8000
    mov cl, 0
    stc
    rol ax, cl
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x8000
    mov cl, 1
    stc
    rol ax, cl
    mov esi, 0x801
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x8000
    mov cl, 3
    stc
    rol ax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x8000
    mov cl, 8
    stc
    rol ax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x8000
    mov cl, 9
    stc
    rol ax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x8000
    mov cl, 17
    stc
    rol ax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x8000
    mov cl, 31
    stc
    rol ax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x1
    mov cl, 0
    stc
    rol ax, cl
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x1
    mov cl, 1
    stc
    rol ax, cl
    mov esi, 0x801
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x1
    mov cl, 3
    stc
    rol ax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x1
    mov cl, 8
    stc
    rol ax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x1
    mov cl, 9
    stc
    rol ax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x1
    mov cl, 17
    stc
    rol ax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x1
    mov cl, 31
    stc
    rol ax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x55aa
    mov cl, 0
    stc
    rol ax, cl
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x55aa
    mov cl, 1
    stc
    rol ax, cl
    mov esi, 0x801
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x55aa
    mov cl, 3
    stc
    rol ax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x55aa
    mov cl, 8
    stc
    rol ax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x55aa
    mov cl, 9
    stc
    rol ax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x55aa
    mov cl, 17
    stc
    rol ax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x55aa
    mov cl, 31
    stc
    rol ax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x81
    mov cl, 0
    stc
    ror ax, cl
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x81
    mov cl, 1
    stc
    ror ax, cl
    mov esi, 0x801
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x81
    mov cl, 3
    stc
    ror ax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x81
    mov cl, 8
    stc
    ror ax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x81
    mov cl, 9
    stc
    ror ax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x81
    mov cl, 17
    stc
    ror ax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x81
    mov cl, 31
    stc
    ror ax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x8000
    mov cl, 0
    stc
    ror ax, cl
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x8000
    mov cl, 1
    stc
    ror ax, cl
    mov esi, 0x801
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x8000
    mov cl, 3
    stc
    ror ax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x8000
    mov cl, 8
    stc
    ror ax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x8000
    mov cl, 9
    stc
    ror ax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x8000
    mov cl, 17
    stc
    ror ax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x8000
    mov cl, 31
    stc
    ror ax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x1
    mov cl, 0
    stc
    ror ax, cl
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x1
    mov cl, 1
    stc
    ror ax, cl
    mov esi, 0x801
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x1
    mov cl, 3
    stc
    ror ax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x1
    mov cl, 8
    stc
    ror ax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x1
    mov cl, 9
    stc
    ror ax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x1
    mov cl, 17
    stc
    ror ax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x1
    mov cl, 31
    stc
    ror ax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x55aa
    mov cl, 0
    stc
    ror ax, cl
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x55aa
    mov cl, 1
    stc
    ror ax, cl
    mov esi, 0x801
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x55aa
    mov cl, 3
    stc
    ror ax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x55aa
    mov cl, 8
    stc
    ror ax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x55aa
    mov cl, 9
    stc
    ror ax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x55aa
    mov cl, 17
    stc
    ror ax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x55aa
    mov cl, 31
    stc
    ror ax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x81
    mov cl, 0
    clc
    rcl ax, cl
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x81
    mov cl, 0
    stc
    rcl ax, cl
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x81
    mov cl, 1
    clc
    rcl ax, cl
    mov esi, 0x801
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x81
    mov cl, 1
    stc
    rcl ax, cl
    mov esi, 0x801
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x81
    mov cl, 3
    clc
    rcl ax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x81
    mov cl, 3
    stc
    rcl ax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x81
    mov cl, 8
    clc
    rcl ax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x81
    mov cl, 8
    stc
    rcl ax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x81
    mov cl, 9
    clc
    rcl ax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x81
    mov cl, 9
    stc
    rcl ax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x81
    mov cl, 17
    clc
    rcl ax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x81
    mov cl, 17
    stc
    rcl ax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x81
    mov cl, 31
    clc
    rcl ax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x81
    mov cl, 31
    stc
    rcl ax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x8000
    mov cl, 0
    clc
    rcl ax, cl
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x8000
    mov cl, 0
    stc
    rcl ax, cl
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x8000
    mov cl, 1
    clc
    rcl ax, cl
    mov esi, 0x801
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x8000
    mov cl, 1
    stc
    rcl ax, cl
    mov esi, 0x801
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x8000
    mov cl, 3
    clc
    rcl ax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x8000
    mov cl, 3
    stc
    rcl ax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x8000
    mov cl, 8
    clc
    rcl ax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x8000
    mov cl, 8
    stc
    rcl ax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x8000
    mov cl, 9
    clc
    rcl ax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x8000
    mov cl, 9
    stc
    rcl ax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x8000
    mov cl, 17
    clc
    rcl ax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x8000
    mov cl, 17
    stc
    rcl ax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x8000
    mov cl, 31
    clc
    rcl ax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x8000
    mov cl, 31
    stc
    rcl ax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x1
    mov cl, 0
    clc
    rcl ax, cl
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x1
    mov cl, 0
    stc
    rcl ax, cl
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x1
    mov cl, 1
    clc
    rcl ax, cl
    mov esi, 0x801
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x1
    mov cl, 1
    stc
    rcl ax, cl
    mov esi, 0x801
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x1
    mov cl, 3
    clc
    rcl ax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x1
    mov cl, 3
    stc
    rcl ax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x1
    mov cl, 8
    clc
    rcl ax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x1
    mov cl, 8
    stc
    rcl ax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x1
    mov cl, 9
    clc
    rcl ax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x1
    mov cl, 9
    stc
    rcl ax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x1
    mov cl, 17
    clc
    rcl ax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x1
    mov cl, 17
    stc
    rcl ax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x1
    mov cl, 31
    clc
    rcl ax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x1
    mov cl, 31
    stc
    rcl ax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x55aa
    mov cl, 0
    clc
    rcl ax, cl
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x55aa
    mov cl, 0
    stc
    rcl ax, cl
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x55aa
    mov cl, 1
    clc
    rcl ax, cl
    mov esi, 0x801
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x55aa
    mov cl, 1
    stc
    rcl ax, cl
    mov esi, 0x801
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x55aa
    mov cl, 3
    clc
    rcl ax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x55aa
    mov cl, 3
    stc
    rcl ax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x55aa
    mov cl, 8
    clc
    rcl ax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x55aa
    mov cl, 8
    stc
    rcl ax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x55aa
    mov cl, 9
    clc
    rcl ax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x55aa
    mov cl, 9
    stc
    rcl ax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x55aa
    mov cl, 17
    clc
    rcl ax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x55aa
    mov cl, 17
    stc
    rcl ax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x55aa
    mov cl, 31
    clc
    rcl ax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x55aa
    mov cl, 31
    stc
    rcl ax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x81
    mov cl, 0
    clc
    rcr ax, cl
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x81
    mov cl, 0
    stc
    rcr ax, cl
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x81
    mov cl, 1
    clc
    rcr ax, cl
    mov esi, 0x801
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x81
    mov cl, 1
    stc
    rcr ax, cl
    mov esi, 0x801
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x81
    mov cl, 3
    clc
    rcr ax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x81
    mov cl, 3
    stc
    rcr ax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x81
    mov cl, 8
    clc
    rcr ax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x81
    mov cl, 8
    stc
    rcr ax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x81
    mov cl, 9
    clc
    rcr ax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x81
    mov cl, 9
    stc
    rcr ax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x81
    mov cl, 17
    clc
    rcr ax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x81
    mov cl, 17
    stc
    rcr ax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x81
    mov cl, 31
    clc
    rcr ax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x81
    mov cl, 31
    stc
    rcr ax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x8000
    mov cl, 0
    clc
    rcr ax, cl
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x8000
    mov cl, 0
    stc
    rcr ax, cl
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x8000
    mov cl, 1
    clc
    rcr ax, cl
    mov esi, 0x801
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x8000
    mov cl, 1
    stc
    rcr ax, cl
    mov esi, 0x801
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x8000
    mov cl, 3
    clc
    rcr ax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x8000
    mov cl, 3
    stc
    rcr ax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x8000
    mov cl, 8
    clc
    rcr ax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x8000
    mov cl, 8
    stc
    rcr ax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x8000
    mov cl, 9
    clc
    rcr ax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x8000
    mov cl, 9
    stc
    rcr ax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x8000
    mov cl, 17
    clc
    rcr ax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x8000
    mov cl, 17
    stc
    rcr ax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x8000
    mov cl, 31
    clc
    rcr ax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x8000
    mov cl, 31
    stc
    rcr ax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x1
    mov cl, 0
    clc
    rcr ax, cl
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x1
    mov cl, 0
    stc
    rcr ax, cl
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x1
    mov cl, 1
    clc
    rcr ax, cl
    mov esi, 0x801
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x1
    mov cl, 1
    stc
    rcr ax, cl
    mov esi, 0x801
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x1
    mov cl, 3
    clc
    rcr ax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x1
    mov cl, 3
    stc
    rcr ax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x1
    mov cl, 8
    clc
    rcr ax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x1
    mov cl, 8
    stc
    rcr ax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x1
    mov cl, 9
    clc
    rcr ax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x1
    mov cl, 9
    stc
    rcr ax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x1
    mov cl, 17
    clc
    rcr ax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x1
    mov cl, 17
    stc
    rcr ax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x1
    mov cl, 31
    clc
    rcr ax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x1
    mov cl, 31
    stc
    rcr ax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x55aa
    mov cl, 0
    clc
    rcr ax, cl
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x55aa
    mov cl, 0
    stc
    rcr ax, cl
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x55aa
    mov cl, 1
    clc
    rcr ax, cl
    mov esi, 0x801
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x55aa
    mov cl, 1
    stc
    rcr ax, cl
    mov esi, 0x801
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x55aa
    mov cl, 3
    clc
    rcr ax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x55aa
    mov cl, 3
    stc
    rcr ax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x55aa
    mov cl, 8
    clc
    rcr ax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x55aa
    mov cl, 8
    stc
    rcr ax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x55aa
    mov cl, 9
    clc
    rcr ax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x55aa
    mov cl, 9
    stc
    rcr ax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x55aa
    mov cl, 17
    clc
    rcr ax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x55aa
    mov cl, 17
    stc
    rcr ax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x55aa
    mov cl, 31
    clc
    rcr ax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x55aa
    mov cl, 31
    stc
    rcr ax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x81
    mov cl, 0
    stc
    shl ax, cl
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x81
    mov cl, 1
    stc
    shl ax, cl
    mov esi, 0x8c5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x81
    mov cl, 3
    stc
    shl ax, cl
    mov esi, 0xc5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x81
    mov cl, 8
    stc
    shl ax, cl
    mov esi, 0xc5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x81
    mov cl, 9
    stc
    shl ax, cl
    mov esi, 0xc5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x8000
    mov cl, 0
    stc
    shl ax, cl
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x8000
    mov cl, 1
    stc
    shl ax, cl
    mov esi, 0x8c5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x8000
    mov cl, 3
    stc
    shl ax, cl
    mov esi, 0xc5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x8000
    mov cl, 8
    stc
    shl ax, cl
    mov esi, 0xc5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x8000
    mov cl, 9
    stc
    shl ax, cl
    mov esi, 0xc5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x1
    mov cl, 0
    stc
    shl ax, cl
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x1
    mov cl, 1
    stc
    shl ax, cl
    mov esi, 0x8c5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x1
    mov cl, 3
    stc
    shl ax, cl
    mov esi, 0xc5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x1
    mov cl, 8
    stc
    shl ax, cl
    mov esi, 0xc5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x1
    mov cl, 9
    stc
    shl ax, cl
    mov esi, 0xc5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x55aa
    mov cl, 0
    stc
    shl ax, cl
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x55aa
    mov cl, 1
    stc
    shl ax, cl
    mov esi, 0x8c5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x55aa
    mov cl, 3
    stc
    shl ax, cl
    mov esi, 0xc5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x55aa
    mov cl, 8
    stc
    shl ax, cl
    mov esi, 0xc5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x55aa
    mov cl, 9
    stc
    shl ax, cl
    mov esi, 0xc5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x81
    mov cl, 0
    stc
    shr ax, cl
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x81
    mov cl, 1
    stc
    shr ax, cl
    mov esi, 0x8c5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x81
    mov cl, 3
    stc
    shr ax, cl
    mov esi, 0xc5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x81
    mov cl, 8
    stc
    shr ax, cl
    mov esi, 0xc5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x81
    mov cl, 9
    stc
    shr ax, cl
    mov esi, 0xc5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x8000
    mov cl, 0
    stc
    shr ax, cl
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x8000
    mov cl, 1
    stc
    shr ax, cl
    mov esi, 0x8c5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x8000
    mov cl, 3
    stc
    shr ax, cl
    mov esi, 0xc5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x8000
    mov cl, 8
    stc
    shr ax, cl
    mov esi, 0xc5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x8000
    mov cl, 9
    stc
    shr ax, cl
    mov esi, 0xc5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x1
    mov cl, 0
    stc
    shr ax, cl
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x1
    mov cl, 1
    stc
    shr ax, cl
    mov esi, 0x8c5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x1
    mov cl, 3
    stc
    shr ax, cl
    mov esi, 0xc5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x1
    mov cl, 8
    stc
    shr ax, cl
    mov esi, 0xc5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x1
    mov cl, 9
    stc
    shr ax, cl
    mov esi, 0xc5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x55aa
    mov cl, 0
    stc
    shr ax, cl
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x55aa
    mov cl, 1
    stc
    shr ax, cl
    mov esi, 0x8c5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x55aa
    mov cl, 3
    stc
    shr ax, cl
    mov esi, 0xc5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x55aa
    mov cl, 8
    stc
    shr ax, cl
    mov esi, 0xc5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x55aa
    mov cl, 9
    stc
    shr ax, cl
    mov esi, 0xc5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x81
    mov cl, 0
    stc
    sar ax, cl
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x81
    mov cl, 1
    stc
    sar ax, cl
    mov esi, 0x8c5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x81
    mov cl, 3
    stc
    sar ax, cl
    mov esi, 0xc5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x81
    mov cl, 8
    stc
    sar ax, cl
    mov esi, 0xc5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x81
    mov cl, 9
    stc
    sar ax, cl
    mov esi, 0xc5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x8000
    mov cl, 0
    stc
    sar ax, cl
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x8000
    mov cl, 1
    stc
    sar ax, cl
    mov esi, 0x8c5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x8000
    mov cl, 3
    stc
    sar ax, cl
    mov esi, 0xc5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x8000
    mov cl, 8
    stc
    sar ax, cl
    mov esi, 0xc5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x8000
    mov cl, 9
    stc
    sar ax, cl
    mov esi, 0xc5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x1
    mov cl, 0
    stc
    sar ax, cl
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x1
    mov cl, 1
    stc
    sar ax, cl
    mov esi, 0x8c5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x1
    mov cl, 3
    stc
    sar ax, cl
    mov esi, 0xc5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x1
    mov cl, 8
    stc
    sar ax, cl
    mov esi, 0xc5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x1
    mov cl, 9
    stc
    sar ax, cl
    mov esi, 0xc5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x55aa
    mov cl, 0
    stc
    sar ax, cl
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x55aa
    mov cl, 1
    stc
    sar ax, cl
    mov esi, 0x8c5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x55aa
    mov cl, 3
    stc
    sar ax, cl
    mov esi, 0xc5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x55aa
    mov cl, 8
    stc
    sar ax, cl
    mov esi, 0xc5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x55aa
    mov cl, 9
    stc
    sar ax, cl
    mov esi, 0xc5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x7f
    mov bx, 0x8000
    mov edx, 0x11111111
    mul bx
    mov ebx, edx
    mov esi, 0x801
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x7fff
    mov bx, 0xffff
    mov edx, 0x11111111
    mul bx
    mov ebx, edx
    mov esi, 0x801
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0xf0f
    mov bx, 0x7fff
    mov edx, 0x11111111
    mul bx
    mov ebx, edx
    mov esi, 0x801
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x7f
    mov bx, 0xf0f
    mov edx, 0x11111111
    mul bx
    mov ebx, edx
    mov esi, 0x801
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x1
    mov bx, 0x8000
    mov edx, 0x11111111
    mul bx
    mov ebx, edx
    mov esi, 0x801
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x5678
    mov bx, 0x1
    mov edx, 0x11111111
    mul bx
    mov ebx, edx
    mov esi, 0x801
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0xff
    mov bx, 0x0
    mov edx, 0x11111111
    mul bx
    mov ebx, edx
    mov esi, 0x801
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x0
    mov bx, 0xffff
    mov edx, 0x11111111
    mul bx
    mov ebx, edx
    mov esi, 0x801
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x7f
    mov bx, 0xffff
    mov edx, 0x11111111
    mul bx
    mov ebx, edx
    mov esi, 0x801
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x80
    mov bx, 0x0
    mov edx, 0x11111111
    mul bx
    mov ebx, edx
    mov esi, 0x801
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0xf0f
    mov bx, 0x5678
    mov edx, 0x11111111
    mul bx
    mov ebx, edx
    mov esi, 0x801
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0xffff
    mov bx, 0x0
    mov edx, 0x11111111
    mul bx
    mov ebx, edx
    mov esi, 0x801
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x7f
    mov bx, 0x7fff
    mov edx, 0x11111111
    mul bx
    mov ebx, edx
    mov esi, 0x801
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0xf0f
    mov bx, 0x0
    mov edx, 0x11111111
    mul bx
    mov ebx, edx
    mov esi, 0x801
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0xffff
    mov bx, 0x80
    mov edx, 0x11111111
    mul bx
    mov ebx, edx
    mov esi, 0x801
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0xffff
    mov bx, 0xffff
    mov edx, 0x11111111
    mul bx
    mov ebx, edx
    mov esi, 0x801
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x7f
    mov bx, 0x8000
    mov edx, 0x11111111
    imul bx
    mov ebx, edx
    mov esi, 0x801
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x7fff
    mov bx, 0xffff
    mov edx, 0x11111111
    imul bx
    mov ebx, edx
    mov esi, 0x801
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0xf0f
    mov bx, 0x7fff
    mov edx, 0x11111111
    imul bx
    mov ebx, edx
    mov esi, 0x801
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x7f
    mov bx, 0xf0f
    mov edx, 0x11111111
    imul bx
    mov ebx, edx
    mov esi, 0x801
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x1
    mov bx, 0x8000
    mov edx, 0x11111111
    imul bx
    mov ebx, edx
    mov esi, 0x801
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x5678
    mov bx, 0x1
    mov edx, 0x11111111
    imul bx
    mov ebx, edx
    mov esi, 0x801
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0xff
    mov bx, 0x0
    mov edx, 0x11111111
    imul bx
    mov ebx, edx
    mov esi, 0x801
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x0
    mov bx, 0xffff
    mov edx, 0x11111111
    imul bx
    mov ebx, edx
    mov esi, 0x801
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x7f
    mov bx, 0xffff
    mov edx, 0x11111111
    imul bx
    mov ebx, edx
    mov esi, 0x801
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x80
    mov bx, 0x0
    mov edx, 0x11111111
    imul bx
    mov ebx, edx
    mov esi, 0x801
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0xf0f
    mov bx, 0x5678
    mov edx, 0x11111111
    imul bx
    mov ebx, edx
    mov esi, 0x801
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0xffff
    mov bx, 0x0
    mov edx, 0x11111111
    imul bx
    mov ebx, edx
    mov esi, 0x801
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x7f
    mov bx, 0x7fff
    mov edx, 0x11111111
    imul bx
    mov ebx, edx
    mov esi, 0x801
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0xf0f
    mov bx, 0x0
    mov edx, 0x11111111
    imul bx
    mov ebx, edx
    mov esi, 0x801
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0xffff
    mov bx, 0x80
    mov edx, 0x11111111
    imul bx
    mov ebx, edx
    mov esi, 0x801
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0xffff
    mov bx, 0xffff
    mov edx, 0x11111111
    imul bx
    mov ebx, edx
    mov esi, 0x801
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x64
    mov bx, 0x7
    mov dx, 0
    div bx
    mov ebx, edx
    mov esi, 0x0
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0xffff
    mov bx, 0x10
    mov dx, 0
    div bx
    mov ebx, edx
    mov esi, 0x0
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x1234
    mov bx, 0x56
    mov dx, 0
    div bx
    mov ebx, edx
    mov esi, 0x0
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x7fff
    mov bx, 0xff
    mov dx, 0
    div bx
    mov ebx, edx
    mov esi, 0x0
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x80000000
    mov bx, 0xffff
    mov dx, 0
    div bx
    mov ebx, edx
    mov esi, 0x0
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x5
    mov bx, 0xfffb
    mov dx, 0
    div bx
    mov ebx, edx
    mov esi, 0x0
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x64
    mov bx, 0x7
    mov dx, 0
    idiv bx
    mov ebx, edx
    mov esi, 0x0
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0xffff
    mov bx, 0x10
    mov dx, 0
    idiv bx
    mov ebx, edx
    mov esi, 0x0
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x1234
    mov bx, 0x56
    mov dx, 0
    idiv bx
    mov ebx, edx
    mov esi, 0x0
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x7fff
    mov bx, 0xff
    mov dx, 0
    idiv bx
    mov ebx, edx
    mov esi, 0x0
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0xfffffff0
    mov bx, 0x3
    mov dx, 0
    idiv bx
    mov ebx, edx
    mov esi, 0x0
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x5
    mov bx, 0xfffb
    mov dx, 0
    idiv bx
    mov ebx, edx
    mov esi, 0x0
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x7f
    mov ebx, 0x8000
    add eax, ebx
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x7fff
    mov ebx, 0xffff
    add eax, ebx
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0xf0f0f0f
    mov ebx, 0x7fff
    add eax, ebx
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x7f
    mov ebx, 0xf0f0f0f
    add eax, ebx
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x1
    mov ebx, 0x8000
    add eax, ebx
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x12345678
    mov ebx, 0x1
    add eax, ebx
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0xff
    mov ebx, 0x80000000
    add eax, ebx
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x80000000
    mov ebx, 0xffff
    add eax, ebx
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x7f
    mov ebx, 0x7fffffff
    add eax, ebx
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x80
    mov ebx, 0x80000000
    add eax, ebx
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0xf0f0f0f
    mov ebx, 0x12345678
    add eax, ebx
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x7fffffff
    mov ebx, 0x80000000
    add eax, ebx
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x7f
    mov ebx, 0x8000
    sub eax, ebx
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x7fff
    mov ebx, 0xffff
    sub eax, ebx
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0xf0f0f0f
    mov ebx, 0x7fff
    sub eax, ebx
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x7f
    mov ebx, 0xf0f0f0f
    sub eax, ebx
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x1
    mov ebx, 0x8000
    sub eax, ebx
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x12345678
    mov ebx, 0x1
    sub eax, ebx
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0xff
    mov ebx, 0x80000000
    sub eax, ebx
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x80000000
    mov ebx, 0xffff
    sub eax, ebx
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x7f
    mov ebx, 0x7fffffff
    sub eax, ebx
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x80
    mov ebx, 0x80000000
    sub eax, ebx
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0xf0f0f0f
    mov ebx, 0x12345678
    sub eax, ebx
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x7fffffff
    mov ebx, 0x80000000
    sub eax, ebx
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x7f
    mov ebx, 0x8000
    clc
    adc eax, ebx
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x7f
    mov ebx, 0x8000
    stc
    adc eax, ebx
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x7fff
    mov ebx, 0xffff
    clc
    adc eax, ebx
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x7fff
    mov ebx, 0xffff
    stc
    adc eax, ebx
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0xf0f0f0f
    mov ebx, 0x7fff
    clc
    adc eax, ebx
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0xf0f0f0f
    mov ebx, 0x7fff
    stc
    adc eax, ebx
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x7f
    mov ebx, 0xf0f0f0f
    clc
    adc eax, ebx
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x7f
    mov ebx, 0xf0f0f0f
    stc
    adc eax, ebx
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x1
    mov ebx, 0x8000
    clc
    adc eax, ebx
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x1
    mov ebx, 0x8000
    stc
    adc eax, ebx
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x12345678
    mov ebx, 0x1
    clc
    adc eax, ebx
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x12345678
    mov ebx, 0x1
    stc
    adc eax, ebx
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0xff
    mov ebx, 0x80000000
    clc
    adc eax, ebx
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0xff
    mov ebx, 0x80000000
    stc
    adc eax, ebx
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x80000000
    mov ebx, 0xffff
    clc
    adc eax, ebx
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x80000000
    mov ebx, 0xffff
    stc
    adc eax, ebx
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x7f
    mov ebx, 0x7fffffff
    clc
    adc eax, ebx
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x7f
    mov ebx, 0x7fffffff
    stc
    adc eax, ebx
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x80
    mov ebx, 0x80000000
    clc
    adc eax, ebx
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x80
    mov ebx, 0x80000000
    stc
    adc eax, ebx
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0xf0f0f0f
    mov ebx, 0x12345678
    clc
    adc eax, ebx
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0xf0f0f0f
    mov ebx, 0x12345678
    stc
    adc eax, ebx
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x7fffffff
    mov ebx, 0x80000000
    clc
    adc eax, ebx
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x7fffffff
    mov ebx, 0x80000000
    stc
    adc eax, ebx
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x7f
    mov ebx, 0x8000
    clc
    sbb eax, ebx
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x7f
    mov ebx, 0x8000
    stc
    sbb eax, ebx
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x7fff
    mov ebx, 0xffff
    clc
    sbb eax, ebx
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x7fff
    mov ebx, 0xffff
    stc
    sbb eax, ebx
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0xf0f0f0f
    mov ebx, 0x7fff
    clc
    sbb eax, ebx
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0xf0f0f0f
    mov ebx, 0x7fff
    stc
    sbb eax, ebx
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x7f
    mov ebx, 0xf0f0f0f
    clc
    sbb eax, ebx
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x7f
    mov ebx, 0xf0f0f0f
    stc
    sbb eax, ebx
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x1
    mov ebx, 0x8000
    clc
    sbb eax, ebx
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x1
    mov ebx, 0x8000
    stc
    sbb eax, ebx
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x12345678
    mov ebx, 0x1
    clc
    sbb eax, ebx
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x12345678
    mov ebx, 0x1
    stc
    sbb eax, ebx
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0xff
    mov ebx, 0x80000000
    clc
    sbb eax, ebx
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0xff
    mov ebx, 0x80000000
    stc
    sbb eax, ebx
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x80000000
    mov ebx, 0xffff
    clc
    sbb eax, ebx
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x80000000
    mov ebx, 0xffff
    stc
    sbb eax, ebx
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x7f
    mov ebx, 0x7fffffff
    clc
    sbb eax, ebx
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x7f
    mov ebx, 0x7fffffff
    stc
    sbb eax, ebx
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x80
    mov ebx, 0x80000000
    clc
    sbb eax, ebx
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x80
    mov ebx, 0x80000000
    stc
    sbb eax, ebx
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0xf0f0f0f
    mov ebx, 0x12345678
    clc
    sbb eax, ebx
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0xf0f0f0f
    mov ebx, 0x12345678
    stc
    sbb eax, ebx
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x7fffffff
    mov ebx, 0x80000000
    clc
    sbb eax, ebx
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x7fffffff
    mov ebx, 0x80000000
    stc
    sbb eax, ebx
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x7f
    mov ebx, 0x8000
    and eax, ebx
    mov esi, 0x8c5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x7fff
    mov ebx, 0xffff
    and eax, ebx
    mov esi, 0x8c5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0xf0f0f0f
    mov ebx, 0x7fff
    and eax, ebx
    mov esi, 0x8c5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x7f
    mov ebx, 0xf0f0f0f
    and eax, ebx
    mov esi, 0x8c5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x1
    mov ebx, 0x8000
    and eax, ebx
    mov esi, 0x8c5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x12345678
    mov ebx, 0x1
    and eax, ebx
    mov esi, 0x8c5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0xff
    mov ebx, 0x80000000
    and eax, ebx
    mov esi, 0x8c5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x80000000
    mov ebx, 0xffff
    and eax, ebx
    mov esi, 0x8c5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x7f
    mov ebx, 0x7fffffff
    and eax, ebx
    mov esi, 0x8c5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x80
    mov ebx, 0x80000000
    and eax, ebx
    mov esi, 0x8c5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0xf0f0f0f
    mov ebx, 0x12345678
    and eax, ebx
    mov esi, 0x8c5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x7fffffff
    mov ebx, 0x80000000
    and eax, ebx
    mov esi, 0x8c5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x7f
    mov ebx, 0x8000
    or eax, ebx
    mov esi, 0x8c5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x7fff
    mov ebx, 0xffff
    or eax, ebx
    mov esi, 0x8c5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0xf0f0f0f
    mov ebx, 0x7fff
    or eax, ebx
    mov esi, 0x8c5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x7f
    mov ebx, 0xf0f0f0f
    or eax, ebx
    mov esi, 0x8c5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x1
    mov ebx, 0x8000
    or eax, ebx
    mov esi, 0x8c5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x12345678
    mov ebx, 0x1
    or eax, ebx
    mov esi, 0x8c5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0xff
    mov ebx, 0x80000000
    or eax, ebx
    mov esi, 0x8c5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x80000000
    mov ebx, 0xffff
    or eax, ebx
    mov esi, 0x8c5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x7f
    mov ebx, 0x7fffffff
    or eax, ebx
    mov esi, 0x8c5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x80
    mov ebx, 0x80000000
    or eax, ebx
    mov esi, 0x8c5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0xf0f0f0f
    mov ebx, 0x12345678
    or eax, ebx
    mov esi, 0x8c5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x7fffffff
    mov ebx, 0x80000000
    or eax, ebx
    mov esi, 0x8c5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x7f
    mov ebx, 0x8000
    xor eax, ebx
    mov esi, 0x8c5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x7fff
    mov ebx, 0xffff
    xor eax, ebx
    mov esi, 0x8c5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0xf0f0f0f
    mov ebx, 0x7fff
    xor eax, ebx
    mov esi, 0x8c5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x7f
    mov ebx, 0xf0f0f0f
    xor eax, ebx
    mov esi, 0x8c5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x1
    mov ebx, 0x8000
    xor eax, ebx
    mov esi, 0x8c5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x12345678
    mov ebx, 0x1
    xor eax, ebx
    mov esi, 0x8c5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0xff
    mov ebx, 0x80000000
    xor eax, ebx
    mov esi, 0x8c5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x80000000
    mov ebx, 0xffff
    xor eax, ebx
    mov esi, 0x8c5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x7f
    mov ebx, 0x7fffffff
    xor eax, ebx
    mov esi, 0x8c5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x80
    mov ebx, 0x80000000
    xor eax, ebx
    mov esi, 0x8c5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0xf0f0f0f
    mov ebx, 0x12345678
    xor eax, ebx
    mov esi, 0x8c5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x7fffffff
    mov ebx, 0x80000000
    xor eax, ebx
    mov esi, 0x8c5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x7f
    mov ebx, 0x8000
    cmp eax, ebx
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x7fff
    mov ebx, 0xffff
    cmp eax, ebx
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0xf0f0f0f
    mov ebx, 0x7fff
    cmp eax, ebx
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x7f
    mov ebx, 0xf0f0f0f
    cmp eax, ebx
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x1
    mov ebx, 0x8000
    cmp eax, ebx
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x12345678
    mov ebx, 0x1
    cmp eax, ebx
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0xff
    mov ebx, 0x80000000
    cmp eax, ebx
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x80000000
    mov ebx, 0xffff
    cmp eax, ebx
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x7f
    mov ebx, 0x7fffffff
    cmp eax, ebx
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x80
    mov ebx, 0x80000000
    cmp eax, ebx
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0xf0f0f0f
    mov ebx, 0x12345678
    cmp eax, ebx
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x7fffffff
    mov ebx, 0x80000000
    cmp eax, ebx
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x7f
    mov ebx, 0x8000
    test eax, ebx
    mov esi, 0x8c5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x7fff
    mov ebx, 0xffff
    test eax, ebx
    mov esi, 0x8c5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0xf0f0f0f
    mov ebx, 0x7fff
    test eax, ebx
    mov esi, 0x8c5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x7f
    mov ebx, 0xf0f0f0f
    test eax, ebx
    mov esi, 0x8c5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x1
    mov ebx, 0x8000
    test eax, ebx
    mov esi, 0x8c5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x12345678
    mov ebx, 0x1
    test eax, ebx
    mov esi, 0x8c5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0xff
    mov ebx, 0x80000000
    test eax, ebx
    mov esi, 0x8c5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x80000000
    mov ebx, 0xffff
    test eax, ebx
    mov esi, 0x8c5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x7f
    mov ebx, 0x7fffffff
    test eax, ebx
    mov esi, 0x8c5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x80
    mov ebx, 0x80000000
    test eax, ebx
    mov esi, 0x8c5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0xf0f0f0f
    mov ebx, 0x12345678
    test eax, ebx
    mov esi, 0x8c5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x7fffffff
    mov ebx, 0x80000000
    test eax, ebx
    mov esi, 0x8c5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x0
    clc
    inc eax
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x0
    stc
    inc eax
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x1
    clc
    inc eax
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x1
    stc
    inc eax
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x7f
    clc
    inc eax
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x7f
    stc
    inc eax
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x80
    clc
    inc eax
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x80
    stc
    inc eax
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0xff
    clc
    inc eax
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0xff
    stc
    inc eax
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x7fff
    clc
    inc eax
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x7fff
    stc
    inc eax
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x8000
    clc
    inc eax
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x8000
    stc
    inc eax
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0xffff
    clc
    inc eax
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0xffff
    stc
    inc eax
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x0
    clc
    dec eax
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x0
    stc
    dec eax
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x1
    clc
    dec eax
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x1
    stc
    dec eax
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x7f
    clc
    dec eax
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x7f
    stc
    dec eax
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x80
    clc
    dec eax
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x80
    stc
    dec eax
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0xff
    clc
    dec eax
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0xff
    stc
    dec eax
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x7fff
    clc
    dec eax
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x7fff
    stc
    dec eax
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x8000
    clc
    dec eax
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x8000
    stc
    dec eax
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0xffff
    clc
    dec eax
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0xffff
    stc
    dec eax
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x0
    clc
    neg eax
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x0
    stc
    neg eax
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x1
    clc
    neg eax
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x1
    stc
    neg eax
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x7f
    clc
    neg eax
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x7f
    stc
    neg eax
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x80
    clc
    neg eax
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x80
    stc
    neg eax
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0xff
    clc
    neg eax
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0xff
    stc
    neg eax
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x7fff
    clc
    neg eax
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x7fff
    stc
    neg eax
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x8000
    clc
    neg eax
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x8000
    stc
    neg eax
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0xffff
    clc
    neg eax
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0xffff
    stc
    neg eax
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x0
    clc
    not eax
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x0
    stc
    not eax
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x1
    clc
    not eax
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x1
    stc
    not eax
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x7f
    clc
    not eax
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x7f
    stc
    not eax
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x80
    clc
    not eax
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x80
    stc
    not eax
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0xff
    clc
    not eax
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0xff
    stc
    not eax
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x7fff
    clc
    not eax
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x7fff
    stc
    not eax
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x8000
    clc
    not eax
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x8000
    stc
    not eax
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0xffff
    clc
    not eax
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0xffff
    stc
    not eax
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x81
    mov cl, 0
    stc
    rol eax, cl
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x81
    mov cl, 1
    stc
    rol eax, cl
    mov esi, 0x801
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x81
    mov cl, 3
    stc
    rol eax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x81
    mov cl, 8
    stc
    rol eax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x81
    mov cl, 9
    stc
    rol eax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x81
    mov cl, 17
    stc
    rol eax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x81
    mov cl, 31
    stc
    rol eax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x8000
    mov cl, 0
    stc
    rol eax, cl
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x8000
    mov cl, 1
    stc
    rol eax, cl
    mov esi, 0x801
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x8000
    mov cl, 3
    stc
    rol eax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x8000
    mov cl, 8
    stc
    rol eax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x8000
    mov cl, 9
    stc
    rol eax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x8000
    mov cl, 17
    stc
    rol eax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x8000
    mov cl, 31
    stc
    rol eax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x80000001
    mov cl, 0
    stc
    rol eax, cl
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x80000001
    mov cl, 1
    stc
    rol eax, cl
    mov esi, 0x801
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x80000001
    mov cl, 3
    stc
    rol eax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x80000001
    mov cl, 8
    stc
    rol eax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x80000001
    mov cl, 9
    stc
    rol eax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x80000001
    mov cl, 17
    stc
    rol eax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x80000001
    mov cl, 31
    stc
    rol eax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x55aa55aa
    mov cl, 0
    stc
    rol eax, cl
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x55aa55aa
    mov cl, 1
    stc
    rol eax, cl
    mov esi, 0x801
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x55aa55aa
    mov cl, 3
    stc
    rol eax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x55aa55aa
    mov cl, 8
    stc
    rol eax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x55aa55aa
    mov cl, 9
    stc
    rol eax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x55aa55aa
    mov cl, 17
    stc
    rol eax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x55aa55aa
    mov cl, 31
    stc
    rol eax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x81
    mov cl, 0
    stc
    ror eax, cl
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x81
    mov cl, 1
    stc
    ror eax, cl
    mov esi, 0x801
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x81
    mov cl, 3
    stc
    ror eax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x81
    mov cl, 8
    stc
    ror eax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x81
    mov cl, 9
    stc
    ror eax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x81
    mov cl, 17
    stc
    ror eax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x81
    mov cl, 31
    stc
    ror eax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x8000
    mov cl, 0
    stc
    ror eax, cl
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x8000
    mov cl, 1
    stc
    ror eax, cl
    mov esi, 0x801
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x8000
    mov cl, 3
    stc
    ror eax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x8000
    mov cl, 8
    stc
    ror eax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x8000
    mov cl, 9
    stc
    ror eax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x8000
    mov cl, 17
    stc
    ror eax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x8000
    mov cl, 31
    stc
    ror eax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x80000001
    mov cl, 0
    stc
    ror eax, cl
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x80000001
    mov cl, 1
    stc
    ror eax, cl
    mov esi, 0x801
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x80000001
    mov cl, 3
    stc
    ror eax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x80000001
    mov cl, 8
    stc
    ror eax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x80000001
    mov cl, 9
    stc
    ror eax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x80000001
    mov cl, 17
    stc
    ror eax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x80000001
    mov cl, 31
    stc
    ror eax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x55aa55aa
    mov cl, 0
    stc
    ror eax, cl
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x55aa55aa
    mov cl, 1
    stc
    ror eax, cl
    mov esi, 0x801
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x55aa55aa
    mov cl, 3
    stc
    ror eax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x55aa55aa
    mov cl, 8
    stc
    ror eax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x55aa55aa
    mov cl, 9
    stc
    ror eax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x55aa55aa
    mov cl, 17
    stc
    ror eax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x55aa55aa
    mov cl, 31
    stc
    ror eax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x81
    mov cl, 0
    clc
    rcl eax, cl
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x81
    mov cl, 0
    stc
    rcl eax, cl
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x81
    mov cl, 1
    clc
    rcl eax, cl
    mov esi, 0x801
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x81
    mov cl, 1
    stc
    rcl eax, cl
    mov esi, 0x801
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x81
    mov cl, 3
    clc
    rcl eax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x81
    mov cl, 3
    stc
    rcl eax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x81
    mov cl, 8
    clc
    rcl eax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x81
    mov cl, 8
    stc
    rcl eax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x81
    mov cl, 9
    clc
    rcl eax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x81
    mov cl, 9
    stc
    rcl eax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x81
    mov cl, 17
    clc
    rcl eax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x81
    mov cl, 17
    stc
    rcl eax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x81
    mov cl, 31
    clc
    rcl eax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x81
    mov cl, 31
    stc
    rcl eax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x8000
    mov cl, 0
    clc
    rcl eax, cl
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x8000
    mov cl, 0
    stc
    rcl eax, cl
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x8000
    mov cl, 1
    clc
    rcl eax, cl
    mov esi, 0x801
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x8000
    mov cl, 1
    stc
    rcl eax, cl
    mov esi, 0x801
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x8000
    mov cl, 3
    clc
    rcl eax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x8000
    mov cl, 3
    stc
    rcl eax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x8000
    mov cl, 8
    clc
    rcl eax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x8000
    mov cl, 8
    stc
    rcl eax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x8000
    mov cl, 9
    clc
    rcl eax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x8000
    mov cl, 9
    stc
    rcl eax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x8000
    mov cl, 17
    clc
    rcl eax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x8000
    mov cl, 17
    stc
    rcl eax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x8000
    mov cl, 31
    clc
    rcl eax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x8000
    mov cl, 31
    stc
    rcl eax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x80000001
    mov cl, 0
    clc
    rcl eax, cl
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x80000001
    mov cl, 0
    stc
    rcl eax, cl
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x80000001
    mov cl, 1
    clc
    rcl eax, cl
    mov esi, 0x801
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x80000001
    mov cl, 1
    stc
    rcl eax, cl
    mov esi, 0x801
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x80000001
    mov cl, 3
    clc
    rcl eax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x80000001
    mov cl, 3
    stc
    rcl eax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x80000001
    mov cl, 8
    clc
    rcl eax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x80000001
    mov cl, 8
    stc
    rcl eax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x80000001
    mov cl, 9
    clc
    rcl eax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x80000001
    mov cl, 9
    stc
    rcl eax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x80000001
    mov cl, 17
    clc
    rcl eax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x80000001
    mov cl, 17
    stc
    rcl eax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x80000001
    mov cl, 31
    clc
    rcl eax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x80000001
    mov cl, 31
    stc
    rcl eax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x55aa55aa
    mov cl, 0
    clc
    rcl eax, cl
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x55aa55aa
    mov cl, 0
    stc
    rcl eax, cl
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x55aa55aa
    mov cl, 1
    clc
    rcl eax, cl
    mov esi, 0x801
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x55aa55aa
    mov cl, 1
    stc
    rcl eax, cl
    mov esi, 0x801
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x55aa55aa
    mov cl, 3
    clc
    rcl eax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x55aa55aa
    mov cl, 3
    stc
    rcl eax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x55aa55aa
    mov cl, 8
    clc
    rcl eax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x55aa55aa
    mov cl, 8
    stc
    rcl eax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x55aa55aa
    mov cl, 9
    clc
    rcl eax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x55aa55aa
    mov cl, 9
    stc
    rcl eax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x55aa55aa
    mov cl, 17
    clc
    rcl eax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x55aa55aa
    mov cl, 17
    stc
    rcl eax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x55aa55aa
    mov cl, 31
    clc
    rcl eax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x55aa55aa
    mov cl, 31
    stc
    rcl eax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x81
    mov cl, 0
    clc
    rcr eax, cl
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x81
    mov cl, 0
    stc
    rcr eax, cl
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x81
    mov cl, 1
    clc
    rcr eax, cl
    mov esi, 0x801
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x81
    mov cl, 1
    stc
    rcr eax, cl
    mov esi, 0x801
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x81
    mov cl, 3
    clc
    rcr eax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x81
    mov cl, 3
    stc
    rcr eax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x81
    mov cl, 8
    clc
    rcr eax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x81
    mov cl, 8
    stc
    rcr eax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x81
    mov cl, 9
    clc
    rcr eax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x81
    mov cl, 9
    stc
    rcr eax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x81
    mov cl, 17
    clc
    rcr eax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x81
    mov cl, 17
    stc
    rcr eax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x81
    mov cl, 31
    clc
    rcr eax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x81
    mov cl, 31
    stc
    rcr eax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x8000
    mov cl, 0
    clc
    rcr eax, cl
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x8000
    mov cl, 0
    stc
    rcr eax, cl
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x8000
    mov cl, 1
    clc
    rcr eax, cl
    mov esi, 0x801
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x8000
    mov cl, 1
    stc
    rcr eax, cl
    mov esi, 0x801
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x8000
    mov cl, 3
    clc
    rcr eax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x8000
    mov cl, 3
    stc
    rcr eax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x8000
    mov cl, 8
    clc
    rcr eax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x8000
    mov cl, 8
    stc
    rcr eax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x8000
    mov cl, 9
    clc
    rcr eax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x8000
    mov cl, 9
    stc
    rcr eax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x8000
    mov cl, 17
    clc
    rcr eax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x8000
    mov cl, 17
    stc
    rcr eax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x8000
    mov cl, 31
    clc
    rcr eax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x8000
    mov cl, 31
    stc
    rcr eax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x80000001
    mov cl, 0
    clc
    rcr eax, cl
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x80000001
    mov cl, 0
    stc
    rcr eax, cl
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x80000001
    mov cl, 1
    clc
    rcr eax, cl
    mov esi, 0x801
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x80000001
    mov cl, 1
    stc
    rcr eax, cl
    mov esi, 0x801
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x80000001
    mov cl, 3
    clc
    rcr eax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x80000001
    mov cl, 3
    stc
    rcr eax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x80000001
    mov cl, 8
    clc
    rcr eax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x80000001
    mov cl, 8
    stc
    rcr eax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x80000001
    mov cl, 9
    clc
    rcr eax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x80000001
    mov cl, 9
    stc
    rcr eax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x80000001
    mov cl, 17
    clc
    rcr eax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x80000001
    mov cl, 17
    stc
    rcr eax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x80000001
    mov cl, 31
    clc
    rcr eax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x80000001
    mov cl, 31
    stc
    rcr eax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x55aa55aa
    mov cl, 0
    clc
    rcr eax, cl
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x55aa55aa
    mov cl, 0
    stc
    rcr eax, cl
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x55aa55aa
    mov cl, 1
    clc
    rcr eax, cl
    mov esi, 0x801
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x55aa55aa
    mov cl, 1
    stc
    rcr eax, cl
    mov esi, 0x801
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x55aa55aa
    mov cl, 3
    clc
    rcr eax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x55aa55aa
    mov cl, 3
    stc
    rcr eax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x55aa55aa
    mov cl, 8
    clc
    rcr eax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x55aa55aa
    mov cl, 8
    stc
    rcr eax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x55aa55aa
    mov cl, 9
    clc
    rcr eax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x55aa55aa
    mov cl, 9
    stc
    rcr eax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x55aa55aa
    mov cl, 17
    clc
    rcr eax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x55aa55aa
    mov cl, 17
    stc
    rcr eax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x55aa55aa
    mov cl, 31
    clc
    rcr eax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x55aa55aa
    mov cl, 31
    stc
    rcr eax, cl
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x81
    mov cl, 0
    stc
    shl eax, cl
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x81
    mov cl, 1
    stc
    shl eax, cl
    mov esi, 0x8c5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x81
    mov cl, 3
    stc
    shl eax, cl
    mov esi, 0xc5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x81
    mov cl, 8
    stc
    shl eax, cl
    mov esi, 0xc5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x81
    mov cl, 9
    stc
    shl eax, cl
    mov esi, 0xc5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x81
    mov cl, 17
    stc
    shl eax, cl
    mov esi, 0xc5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x81
    mov cl, 31
    stc
    shl eax, cl
    mov esi, 0xc5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x8000
    mov cl, 0
    stc
    shl eax, cl
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x8000
    mov cl, 1
    stc
    shl eax, cl
    mov esi, 0x8c5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x8000
    mov cl, 3
    stc
    shl eax, cl
    mov esi, 0xc5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x8000
    mov cl, 8
    stc
    shl eax, cl
    mov esi, 0xc5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x8000
    mov cl, 9
    stc
    shl eax, cl
    mov esi, 0xc5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x8000
    mov cl, 17
    stc
    shl eax, cl
    mov esi, 0xc5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x8000
    mov cl, 31
    stc
    shl eax, cl
    mov esi, 0xc5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x80000001
    mov cl, 0
    stc
    shl eax, cl
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x80000001
    mov cl, 1
    stc
    shl eax, cl
    mov esi, 0x8c5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x80000001
    mov cl, 3
    stc
    shl eax, cl
    mov esi, 0xc5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x80000001
    mov cl, 8
    stc
    shl eax, cl
    mov esi, 0xc5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x80000001
    mov cl, 9
    stc
    shl eax, cl
    mov esi, 0xc5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x80000001
    mov cl, 17
    stc
    shl eax, cl
    mov esi, 0xc5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x80000001
    mov cl, 31
    stc
    shl eax, cl
    mov esi, 0xc5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x55aa55aa
    mov cl, 0
    stc
    shl eax, cl
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x55aa55aa
    mov cl, 1
    stc
    shl eax, cl
    mov esi, 0x8c5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x55aa55aa
    mov cl, 3
    stc
    shl eax, cl
    mov esi, 0xc5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x55aa55aa
    mov cl, 8
    stc
    shl eax, cl
    mov esi, 0xc5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x55aa55aa
    mov cl, 9
    stc
    shl eax, cl
    mov esi, 0xc5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x55aa55aa
    mov cl, 17
    stc
    shl eax, cl
    mov esi, 0xc5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x55aa55aa
    mov cl, 31
    stc
    shl eax, cl
    mov esi, 0xc5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x81
    mov cl, 0
    stc
    shr eax, cl
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x81
    mov cl, 1
    stc
    shr eax, cl
    mov esi, 0x8c5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x81
    mov cl, 3
    stc
    shr eax, cl
    mov esi, 0xc5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x81
    mov cl, 8
    stc
    shr eax, cl
    mov esi, 0xc5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x81
    mov cl, 9
    stc
    shr eax, cl
    mov esi, 0xc5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x81
    mov cl, 17
    stc
    shr eax, cl
    mov esi, 0xc5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x81
    mov cl, 31
    stc
    shr eax, cl
    mov esi, 0xc5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x8000
    mov cl, 0
    stc
    shr eax, cl
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x8000
    mov cl, 1
    stc
    shr eax, cl
    mov esi, 0x8c5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x8000
    mov cl, 3
    stc
    shr eax, cl
    mov esi, 0xc5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x8000
    mov cl, 8
    stc
    shr eax, cl
    mov esi, 0xc5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x8000
    mov cl, 9
    stc
    shr eax, cl
    mov esi, 0xc5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x8000
    mov cl, 17
    stc
    shr eax, cl
    mov esi, 0xc5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x8000
    mov cl, 31
    stc
    shr eax, cl
    mov esi, 0xc5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x80000001
    mov cl, 0
    stc
    shr eax, cl
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x80000001
    mov cl, 1
    stc
    shr eax, cl
    mov esi, 0x8c5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x80000001
    mov cl, 3
    stc
    shr eax, cl
    mov esi, 0xc5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x80000001
    mov cl, 8
    stc
    shr eax, cl
    mov esi, 0xc5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x80000001
    mov cl, 9
    stc
    shr eax, cl
    mov esi, 0xc5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x80000001
    mov cl, 17
    stc
    shr eax, cl
    mov esi, 0xc5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x80000001
    mov cl, 31
    stc
    shr eax, cl
    mov esi, 0xc5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x55aa55aa
    mov cl, 0
    stc
    shr eax, cl
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x55aa55aa
    mov cl, 1
    stc
    shr eax, cl
    mov esi, 0x8c5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x55aa55aa
    mov cl, 3
    stc
    shr eax, cl
    mov esi, 0xc5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x55aa55aa
    mov cl, 8
    stc
    shr eax, cl
    mov esi, 0xc5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x55aa55aa
    mov cl, 9
    stc
    shr eax, cl
    mov esi, 0xc5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x55aa55aa
    mov cl, 17
    stc
    shr eax, cl
    mov esi, 0xc5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x55aa55aa
    mov cl, 31
    stc
    shr eax, cl
    mov esi, 0xc5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x81
    mov cl, 0
    stc
    sar eax, cl
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x81
    mov cl, 1
    stc
    sar eax, cl
    mov esi, 0x8c5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x81
    mov cl, 3
    stc
    sar eax, cl
    mov esi, 0xc5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x81
    mov cl, 8
    stc
    sar eax, cl
    mov esi, 0xc5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x81
    mov cl, 9
    stc
    sar eax, cl
    mov esi, 0xc5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x81
    mov cl, 17
    stc
    sar eax, cl
    mov esi, 0xc5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x81
    mov cl, 31
    stc
    sar eax, cl
    mov esi, 0xc5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x8000
    mov cl, 0
    stc
    sar eax, cl
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x8000
    mov cl, 1
    stc
    sar eax, cl
    mov esi, 0x8c5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x8000
    mov cl, 3
    stc
    sar eax, cl
    mov esi, 0xc5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x8000
    mov cl, 8
    stc
    sar eax, cl
    mov esi, 0xc5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x8000
    mov cl, 9
    stc
    sar eax, cl
    mov esi, 0xc5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x8000
    mov cl, 17
    stc
    sar eax, cl
    mov esi, 0xc5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x8000
    mov cl, 31
    stc
    sar eax, cl
    mov esi, 0xc5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x80000001
    mov cl, 0
    stc
    sar eax, cl
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x80000001
    mov cl, 1
    stc
    sar eax, cl
    mov esi, 0x8c5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x80000001
    mov cl, 3
    stc
    sar eax, cl
    mov esi, 0xc5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x80000001
    mov cl, 8
    stc
    sar eax, cl
    mov esi, 0xc5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x80000001
    mov cl, 9
    stc
    sar eax, cl
    mov esi, 0xc5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x80000001
    mov cl, 17
    stc
    sar eax, cl
    mov esi, 0xc5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x80000001
    mov cl, 31
    stc
    sar eax, cl
    mov esi, 0xc5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x55aa55aa
    mov cl, 0
    stc
    sar eax, cl
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x55aa55aa
    mov cl, 1
    stc
    sar eax, cl
    mov esi, 0x8c5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x55aa55aa
    mov cl, 3
    stc
    sar eax, cl
    mov esi, 0xc5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x55aa55aa
    mov cl, 8
    stc
    sar eax, cl
    mov esi, 0xc5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x55aa55aa
    mov cl, 9
    stc
    sar eax, cl
    mov esi, 0xc5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x55aa55aa
    mov cl, 17
    stc
    sar eax, cl
    mov esi, 0xc5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x55aa55aa
    mov cl, 31
    stc
    sar eax, cl
    mov esi, 0xc5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x7f
    mov ebx, 0x8000
    mov edx, 0x11111111
    mul ebx
    mov ebx, edx
    mov esi, 0x801
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x7fff
    mov ebx, 0xffff
    mov edx, 0x11111111
    mul ebx
    mov ebx, edx
    mov esi, 0x801
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0xf0f0f0f
    mov ebx, 0x7fff
    mov edx, 0x11111111
    mul ebx
    mov ebx, edx
    mov esi, 0x801
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x7f
    mov ebx, 0xf0f0f0f
    mov edx, 0x11111111
    mul ebx
    mov ebx, edx
    mov esi, 0x801
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x1
    mov ebx, 0x8000
    mov edx, 0x11111111
    mul ebx
    mov ebx, edx
    mov esi, 0x801
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x12345678
    mov ebx, 0x1
    mov edx, 0x11111111
    mul ebx
    mov ebx, edx
    mov esi, 0x801
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0xff
    mov ebx, 0x80000000
    mov edx, 0x11111111
    mul ebx
    mov ebx, edx
    mov esi, 0x801
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x80000000
    mov ebx, 0xffff
    mov edx, 0x11111111
    mul ebx
    mov ebx, edx
    mov esi, 0x801
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x7f
    mov ebx, 0x7fffffff
    mov edx, 0x11111111
    mul ebx
    mov ebx, edx
    mov esi, 0x801
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x80
    mov ebx, 0x80000000
    mov edx, 0x11111111
    mul ebx
    mov ebx, edx
    mov esi, 0x801
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0xf0f0f0f
    mov ebx, 0x12345678
    mov edx, 0x11111111
    mul ebx
    mov ebx, edx
    mov esi, 0x801
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x7fffffff
    mov ebx, 0x80000000
    mov edx, 0x11111111
    mul ebx
    mov ebx, edx
    mov esi, 0x801
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x7f
    mov ebx, 0x7fff
    mov edx, 0x11111111
    mul ebx
    mov ebx, edx
    mov esi, 0x801
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0xf0f0f0f
    mov ebx, 0x80000000
    mov edx, 0x11111111
    mul ebx
    mov ebx, edx
    mov esi, 0x801
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x7fffffff
    mov ebx, 0x80
    mov edx, 0x11111111
    mul ebx
    mov ebx, edx
    mov esi, 0x801
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0xffff
    mov ebx, 0xffff
    mov edx, 0x11111111
    mul ebx
    mov ebx, edx
    mov esi, 0x801
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x7f
    mov ebx, 0x8000
    mov edx, 0x11111111
    imul ebx
    mov ebx, edx
    mov esi, 0x801
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x7fff
    mov ebx, 0xffff
    mov edx, 0x11111111
    imul ebx
    mov ebx, edx
    mov esi, 0x801
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0xf0f0f0f
    mov ebx, 0x7fff
    mov edx, 0x11111111
    imul ebx
    mov ebx, edx
    mov esi, 0x801
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x7f
    mov ebx, 0xf0f0f0f
    mov edx, 0x11111111
    imul ebx
    mov ebx, edx
    mov esi, 0x801
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x1
    mov ebx, 0x8000
    mov edx, 0x11111111
    imul ebx
    mov ebx, edx
    mov esi, 0x801
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x12345678
    mov ebx, 0x1
    mov edx, 0x11111111
    imul ebx
    mov ebx, edx
    mov esi, 0x801
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0xff
    mov ebx, 0x80000000
    mov edx, 0x11111111
    imul ebx
    mov ebx, edx
    mov esi, 0x801
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x80000000
    mov ebx, 0xffff
    mov edx, 0x11111111
    imul ebx
    mov ebx, edx
    mov esi, 0x801
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x7f
    mov ebx, 0x7fffffff
    mov edx, 0x11111111
    imul ebx
    mov ebx, edx
    mov esi, 0x801
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x80
    mov ebx, 0x80000000
    mov edx, 0x11111111
    imul ebx
    mov ebx, edx
    mov esi, 0x801
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0xf0f0f0f
    mov ebx, 0x12345678
    mov edx, 0x11111111
    imul ebx
    mov ebx, edx
    mov esi, 0x801
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x7fffffff
    mov ebx, 0x80000000
    mov edx, 0x11111111
    imul ebx
    mov ebx, edx
    mov esi, 0x801
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x7f
    mov ebx, 0x7fff
    mov edx, 0x11111111
    imul ebx
    mov ebx, edx
    mov esi, 0x801
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0xf0f0f0f
    mov ebx, 0x80000000
    mov edx, 0x11111111
    imul ebx
    mov ebx, edx
    mov esi, 0x801
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x7fffffff
    mov ebx, 0x80
    mov edx, 0x11111111
    imul ebx
    mov ebx, edx
    mov esi, 0x801
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0xffff
    mov ebx, 0xffff
    mov edx, 0x11111111
    imul ebx
    mov ebx, edx
    mov esi, 0x801
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x64
    mov ebx, 0x7
    xor edx, edx
    div ebx
    mov ebx, edx
    mov esi, 0x0
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0xffff
    mov ebx, 0x10
    xor edx, edx
    div ebx
    mov ebx, edx
    mov esi, 0x0
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x1234
    mov ebx, 0x56
    xor edx, edx
    div ebx
    mov ebx, edx
    mov esi, 0x0
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x7fff
    mov ebx, 0xff
    xor edx, edx
    div ebx
    mov ebx, edx
    mov esi, 0x0
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0xfffffff0
    mov ebx, 0x3
    xor edx, edx
    div ebx
    mov ebx, edx
    mov esi, 0x0
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x80000000
    mov ebx, 0x7fffffff
    xor edx, edx
    div ebx
    mov ebx, edx
    mov esi, 0x0
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x5
    mov ebx, 0xfffffffb
    xor edx, edx
    div ebx
    mov ebx, edx
    mov esi, 0x0
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x64
    mov ebx, 0x7
    xor edx, edx
    idiv ebx
    mov ebx, edx
    mov esi, 0x0
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0xffff
    mov ebx, 0x10
    xor edx, edx
    idiv ebx
    mov ebx, edx
    mov esi, 0x0
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x1234
    mov ebx, 0x56
    xor edx, edx
    idiv ebx
    mov ebx, edx
    mov esi, 0x0
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x7fff
    mov ebx, 0xff
    xor edx, edx
    idiv ebx
    mov ebx, edx
    mov esi, 0x0
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x5
    mov ebx, 0xfffffffb
    xor edx, edx
    idiv ebx
    mov ebx, edx
    mov esi, 0x0
    call show
    xor eax, eax
    xor edx, edx
    mov ebx, 0x7f
    imul eax, ebx, 0x8000
    mov esi, 0x801
    call show
    xor eax, eax
    xor edx, edx
    mov ebx, 0x7f
    imul ax, bx, 0x0
    mov esi, 0x801
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x7f
    mov ebx, 0x8000
    imul eax, ebx
    mov esi, 0x801
    call show
    xor eax, eax
    xor edx, edx
    mov ebx, 0x7fff
    imul eax, ebx, 0xffff
    mov esi, 0x801
    call show
    xor eax, eax
    xor edx, edx
    mov ebx, 0x7fff
    imul ax, bx, 0x7fff
    mov esi, 0x801
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x7fff
    mov ebx, 0xffff
    imul eax, ebx
    mov esi, 0x801
    call show
    xor eax, eax
    xor edx, edx
    mov ebx, 0xf0f0f0f
    imul eax, ebx, 0x7fff
    mov esi, 0x801
    call show
    xor eax, eax
    xor edx, edx
    mov ebx, 0xf0f
    imul ax, bx, 0x7fff
    mov esi, 0x801
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0xf0f0f0f
    mov ebx, 0x7fff
    imul eax, ebx
    mov esi, 0x801
    call show
    xor eax, eax
    xor edx, edx
    mov ebx, 0x7f
    imul eax, ebx, 0xf0f0f0f
    mov esi, 0x801
    call show
    xor eax, eax
    xor edx, edx
    mov ebx, 0x7f
    imul ax, bx, 0xf0f
    mov esi, 0x801
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x7f
    mov ebx, 0xf0f0f0f
    imul eax, ebx
    mov esi, 0x801
    call show
    xor eax, eax
    xor edx, edx
    mov ebx, 0x1
    imul eax, ebx, 0x8000
    mov esi, 0x801
    call show
    xor eax, eax
    xor edx, edx
    mov ebx, 0x1
    imul ax, bx, 0x0
    mov esi, 0x801
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x1
    mov ebx, 0x8000
    imul eax, ebx
    mov esi, 0x801
    call show
    xor eax, eax
    xor edx, edx
    mov ebx, 0x12345678
    imul eax, ebx, 0x1
    mov esi, 0x801
    call show
    xor eax, eax
    xor edx, edx
    mov ebx, 0x5678
    imul ax, bx, 0x1
    mov esi, 0x801
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x12345678
    mov ebx, 0x1
    imul eax, ebx
    mov esi, 0x801
    call show
    xor eax, eax
    xor edx, edx
    mov ebx, 0xff
    imul eax, ebx, 0x0
    mov esi, 0x801
    call show
    xor eax, eax
    xor edx, edx
    mov ebx, 0xff
    imul ax, bx, 0x0
    mov esi, 0x801
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0xff
    mov ebx, 0x80000000
    imul eax, ebx
    mov esi, 0x801
    call show
    xor eax, eax
    xor edx, edx
    mov ebx, 0x80000000
    imul eax, ebx, 0xffff
    mov esi, 0x801
    call show
    xor eax, eax
    xor edx, edx
    mov ebx, 0x0
    imul ax, bx, 0x7fff
    mov esi, 0x801
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x80000000
    mov ebx, 0xffff
    imul eax, ebx
    mov esi, 0x801
    call show
    xor eax, eax
    xor edx, edx
    mov ebx, 0x7f
    imul eax, ebx, 0x7fffffff
    mov esi, 0x801
    call show
    xor eax, eax
    xor edx, edx
    mov ebx, 0x7f
    imul ax, bx, 0x7fff
    mov esi, 0x801
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x7f
    mov ebx, 0x7fffffff
    imul eax, ebx
    mov esi, 0x801
    call show
    xor eax, eax
    xor edx, edx
    mov ebx, 0x80
    imul eax, ebx, 0x0
    mov esi, 0x801
    call show
    xor eax, eax
    xor edx, edx
    mov ebx, 0x80
    imul ax, bx, 0x0
    mov esi, 0x801
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x80
    mov ebx, 0x80000000
    imul eax, ebx
    mov esi, 0x801
    call show
    xor eax, eax
    xor edx, edx
    mov ebx, 0xf0f0f0f
    imul eax, ebx, 0x12345678
    mov esi, 0x801
    call show
    xor eax, eax
    xor edx, edx
    mov ebx, 0xf0f
    imul ax, bx, 0x5678
    mov esi, 0x801
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0xf0f0f0f
    mov ebx, 0x12345678
    imul eax, ebx
    mov esi, 0x801
    call show
    xor eax, eax
    xor edx, edx
    mov ebx, 0x7fffffff
    imul eax, ebx, 0x0
    mov esi, 0x801
    call show
    xor eax, eax
    xor edx, edx
    mov ebx, 0xffff
    imul ax, bx, 0x0
    mov esi, 0x801
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x7fffffff
    mov ebx, 0x80000000
    imul eax, ebx
    mov esi, 0x801
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x7f
    mov ebx, 0x8000
    mov cl, 1
    shld eax, ebx, cl
    mov esi, 0x8c5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x7f
    mov ebx, 0x8000
    mov cl, 4
    shld eax, ebx, cl
    mov esi, 0xc5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x7f
    mov ebx, 0x8000
    mov cl, 16
    shld eax, ebx, cl
    mov esi, 0xc5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x7f
    mov ebx, 0x8000
    mov cl, 31
    shld eax, ebx, cl
    mov esi, 0xc5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x7f
    mov bx, 0x8000
    mov cl, 1
    shld ax, bx, cl
    mov esi, 0x8c5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x7f
    mov bx, 0x8000
    mov cl, 5
    shld ax, bx, cl
    mov esi, 0xc5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x7f
    mov bx, 0x8000
    mov cl, 15
    shld ax, bx, cl
    mov esi, 0xc5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x7fff
    mov ebx, 0xffff
    mov cl, 1
    shld eax, ebx, cl
    mov esi, 0x8c5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x7fff
    mov ebx, 0xffff
    mov cl, 4
    shld eax, ebx, cl
    mov esi, 0xc5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x7fff
    mov ebx, 0xffff
    mov cl, 16
    shld eax, ebx, cl
    mov esi, 0xc5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x7fff
    mov ebx, 0xffff
    mov cl, 31
    shld eax, ebx, cl
    mov esi, 0xc5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x7fff
    mov bx, 0xffff
    mov cl, 1
    shld ax, bx, cl
    mov esi, 0x8c5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x7fff
    mov bx, 0xffff
    mov cl, 5
    shld ax, bx, cl
    mov esi, 0xc5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x7fff
    mov bx, 0xffff
    mov cl, 15
    shld ax, bx, cl
    mov esi, 0xc5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0xf0f0f0f
    mov ebx, 0x7fff
    mov cl, 1
    shld eax, ebx, cl
    mov esi, 0x8c5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0xf0f0f0f
    mov ebx, 0x7fff
    mov cl, 4
    shld eax, ebx, cl
    mov esi, 0xc5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0xf0f0f0f
    mov ebx, 0x7fff
    mov cl, 16
    shld eax, ebx, cl
    mov esi, 0xc5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0xf0f0f0f
    mov ebx, 0x7fff
    mov cl, 31
    shld eax, ebx, cl
    mov esi, 0xc5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0xf0f
    mov bx, 0x7fff
    mov cl, 1
    shld ax, bx, cl
    mov esi, 0x8c5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0xf0f
    mov bx, 0x7fff
    mov cl, 5
    shld ax, bx, cl
    mov esi, 0xc5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0xf0f
    mov bx, 0x7fff
    mov cl, 15
    shld ax, bx, cl
    mov esi, 0xc5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x7f
    mov ebx, 0xf0f0f0f
    mov cl, 1
    shld eax, ebx, cl
    mov esi, 0x8c5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x7f
    mov ebx, 0xf0f0f0f
    mov cl, 4
    shld eax, ebx, cl
    mov esi, 0xc5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x7f
    mov ebx, 0xf0f0f0f
    mov cl, 16
    shld eax, ebx, cl
    mov esi, 0xc5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x7f
    mov ebx, 0xf0f0f0f
    mov cl, 31
    shld eax, ebx, cl
    mov esi, 0xc5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x7f
    mov bx, 0xf0f
    mov cl, 1
    shld ax, bx, cl
    mov esi, 0x8c5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x7f
    mov bx, 0xf0f
    mov cl, 5
    shld ax, bx, cl
    mov esi, 0xc5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x7f
    mov bx, 0xf0f
    mov cl, 15
    shld ax, bx, cl
    mov esi, 0xc5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x1
    mov ebx, 0x8000
    mov cl, 1
    shld eax, ebx, cl
    mov esi, 0x8c5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x1
    mov ebx, 0x8000
    mov cl, 4
    shld eax, ebx, cl
    mov esi, 0xc5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x1
    mov ebx, 0x8000
    mov cl, 16
    shld eax, ebx, cl
    mov esi, 0xc5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x1
    mov ebx, 0x8000
    mov cl, 31
    shld eax, ebx, cl
    mov esi, 0xc5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x1
    mov bx, 0x8000
    mov cl, 1
    shld ax, bx, cl
    mov esi, 0x8c5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x1
    mov bx, 0x8000
    mov cl, 5
    shld ax, bx, cl
    mov esi, 0xc5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x1
    mov bx, 0x8000
    mov cl, 15
    shld ax, bx, cl
    mov esi, 0xc5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x12345678
    mov ebx, 0x1
    mov cl, 1
    shld eax, ebx, cl
    mov esi, 0x8c5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x12345678
    mov ebx, 0x1
    mov cl, 4
    shld eax, ebx, cl
    mov esi, 0xc5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x12345678
    mov ebx, 0x1
    mov cl, 16
    shld eax, ebx, cl
    mov esi, 0xc5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x12345678
    mov ebx, 0x1
    mov cl, 31
    shld eax, ebx, cl
    mov esi, 0xc5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x5678
    mov bx, 0x1
    mov cl, 1
    shld ax, bx, cl
    mov esi, 0x8c5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x5678
    mov bx, 0x1
    mov cl, 5
    shld ax, bx, cl
    mov esi, 0xc5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x5678
    mov bx, 0x1
    mov cl, 15
    shld ax, bx, cl
    mov esi, 0xc5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x7f
    mov ebx, 0x8000
    mov cl, 1
    shrd eax, ebx, cl
    mov esi, 0x8c5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x7f
    mov ebx, 0x8000
    mov cl, 4
    shrd eax, ebx, cl
    mov esi, 0xc5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x7f
    mov ebx, 0x8000
    mov cl, 16
    shrd eax, ebx, cl
    mov esi, 0xc5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x7f
    mov ebx, 0x8000
    mov cl, 31
    shrd eax, ebx, cl
    mov esi, 0xc5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x7f
    mov bx, 0x8000
    mov cl, 1
    shrd ax, bx, cl
    mov esi, 0x8c5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x7f
    mov bx, 0x8000
    mov cl, 5
    shrd ax, bx, cl
    mov esi, 0xc5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x7f
    mov bx, 0x8000
    mov cl, 15
    shrd ax, bx, cl
    mov esi, 0xc5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x7fff
    mov ebx, 0xffff
    mov cl, 1
    shrd eax, ebx, cl
    mov esi, 0x8c5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x7fff
    mov ebx, 0xffff
    mov cl, 4
    shrd eax, ebx, cl
    mov esi, 0xc5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x7fff
    mov ebx, 0xffff
    mov cl, 16
    shrd eax, ebx, cl
    mov esi, 0xc5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x7fff
    mov ebx, 0xffff
    mov cl, 31
    shrd eax, ebx, cl
    mov esi, 0xc5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x7fff
    mov bx, 0xffff
    mov cl, 1
    shrd ax, bx, cl
    mov esi, 0x8c5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x7fff
    mov bx, 0xffff
    mov cl, 5
    shrd ax, bx, cl
    mov esi, 0xc5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x7fff
    mov bx, 0xffff
    mov cl, 15
    shrd ax, bx, cl
    mov esi, 0xc5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0xf0f0f0f
    mov ebx, 0x7fff
    mov cl, 1
    shrd eax, ebx, cl
    mov esi, 0x8c5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0xf0f0f0f
    mov ebx, 0x7fff
    mov cl, 4
    shrd eax, ebx, cl
    mov esi, 0xc5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0xf0f0f0f
    mov ebx, 0x7fff
    mov cl, 16
    shrd eax, ebx, cl
    mov esi, 0xc5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0xf0f0f0f
    mov ebx, 0x7fff
    mov cl, 31
    shrd eax, ebx, cl
    mov esi, 0xc5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0xf0f
    mov bx, 0x7fff
    mov cl, 1
    shrd ax, bx, cl
    mov esi, 0x8c5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0xf0f
    mov bx, 0x7fff
    mov cl, 5
    shrd ax, bx, cl
    mov esi, 0xc5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0xf0f
    mov bx, 0x7fff
    mov cl, 15
    shrd ax, bx, cl
    mov esi, 0xc5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x7f
    mov ebx, 0xf0f0f0f
    mov cl, 1
    shrd eax, ebx, cl
    mov esi, 0x8c5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x7f
    mov ebx, 0xf0f0f0f
    mov cl, 4
    shrd eax, ebx, cl
    mov esi, 0xc5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x7f
    mov ebx, 0xf0f0f0f
    mov cl, 16
    shrd eax, ebx, cl
    mov esi, 0xc5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x7f
    mov ebx, 0xf0f0f0f
    mov cl, 31
    shrd eax, ebx, cl
    mov esi, 0xc5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x7f
    mov bx, 0xf0f
    mov cl, 1
    shrd ax, bx, cl
    mov esi, 0x8c5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x7f
    mov bx, 0xf0f
    mov cl, 5
    shrd ax, bx, cl
    mov esi, 0xc5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x7f
    mov bx, 0xf0f
    mov cl, 15
    shrd ax, bx, cl
    mov esi, 0xc5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x1
    mov ebx, 0x8000
    mov cl, 1
    shrd eax, ebx, cl
    mov esi, 0x8c5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x1
    mov ebx, 0x8000
    mov cl, 4
    shrd eax, ebx, cl
    mov esi, 0xc5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x1
    mov ebx, 0x8000
    mov cl, 16
    shrd eax, ebx, cl
    mov esi, 0xc5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x1
    mov ebx, 0x8000
    mov cl, 31
    shrd eax, ebx, cl
    mov esi, 0xc5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x1
    mov bx, 0x8000
    mov cl, 1
    shrd ax, bx, cl
    mov esi, 0x8c5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x1
    mov bx, 0x8000
    mov cl, 5
    shrd ax, bx, cl
    mov esi, 0xc5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x1
    mov bx, 0x8000
    mov cl, 15
    shrd ax, bx, cl
    mov esi, 0xc5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x12345678
    mov ebx, 0x1
    mov cl, 1
    shrd eax, ebx, cl
    mov esi, 0x8c5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x12345678
    mov ebx, 0x1
    mov cl, 4
    shrd eax, ebx, cl
    mov esi, 0xc5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x12345678
    mov ebx, 0x1
    mov cl, 16
    shrd eax, ebx, cl
    mov esi, 0xc5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x12345678
    mov ebx, 0x1
    mov cl, 31
    shrd eax, ebx, cl
    mov esi, 0xc5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x5678
    mov bx, 0x1
    mov cl, 1
    shrd ax, bx, cl
    mov esi, 0x8c5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x5678
    mov bx, 0x1
    mov cl, 5
    shrd ax, bx, cl
    mov esi, 0xc5
    call show
    xor eax, eax
    xor edx, edx
    mov ax, 0x5678
    mov bx, 0x1
    mov cl, 15
    shrd ax, bx, cl
    mov esi, 0xc5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x12345678
    mov ebx, 0
    bt eax, ebx
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x12345678
    mov ebx, 3
    bt eax, ebx
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x12345678
    mov ebx, 31
    bt eax, ebx
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x12345678
    mov ebx, 32
    bt eax, ebx
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x12345678
    mov ebx, 35
    bt eax, ebx
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x80000001
    mov ebx, 0
    bt eax, ebx
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x80000001
    mov ebx, 3
    bt eax, ebx
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x80000001
    mov ebx, 31
    bt eax, ebx
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x80000001
    mov ebx, 32
    bt eax, ebx
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x80000001
    mov ebx, 35
    bt eax, ebx
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x12345678
    mov ebx, 0
    bts eax, ebx
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x12345678
    mov ebx, 3
    bts eax, ebx
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x12345678
    mov ebx, 31
    bts eax, ebx
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x12345678
    mov ebx, 32
    bts eax, ebx
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x12345678
    mov ebx, 35
    bts eax, ebx
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x80000001
    mov ebx, 0
    bts eax, ebx
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x80000001
    mov ebx, 3
    bts eax, ebx
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x80000001
    mov ebx, 31
    bts eax, ebx
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x80000001
    mov ebx, 32
    bts eax, ebx
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x80000001
    mov ebx, 35
    bts eax, ebx
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x12345678
    mov ebx, 0
    btr eax, ebx
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x12345678
    mov ebx, 3
    btr eax, ebx
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x12345678
    mov ebx, 31
    btr eax, ebx
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x12345678
    mov ebx, 32
    btr eax, ebx
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x12345678
    mov ebx, 35
    btr eax, ebx
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x80000001
    mov ebx, 0
    btr eax, ebx
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x80000001
    mov ebx, 3
    btr eax, ebx
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x80000001
    mov ebx, 31
    btr eax, ebx
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x80000001
    mov ebx, 32
    btr eax, ebx
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x80000001
    mov ebx, 35
    btr eax, ebx
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x12345678
    mov ebx, 0
    btc eax, ebx
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x12345678
    mov ebx, 3
    btc eax, ebx
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x12345678
    mov ebx, 31
    btc eax, ebx
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x12345678
    mov ebx, 32
    btc eax, ebx
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x12345678
    mov ebx, 35
    btc eax, ebx
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x80000001
    mov ebx, 0
    btc eax, ebx
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x80000001
    mov ebx, 3
    btc eax, ebx
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x80000001
    mov ebx, 31
    btc eax, ebx
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x80000001
    mov ebx, 32
    btc eax, ebx
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x80000001
    mov ebx, 35
    btc eax, ebx
    mov esi, 0x1
    call show
    xor eax, eax
    xor edx, edx
    mov ebx, 0x0
    mov eax, 0xdeadbeef
    bsf eax, ebx
    mov esi, 0x40
    call show
    xor eax, eax
    xor edx, edx
    mov ebx, 0x1
    mov eax, 0xdeadbeef
    bsf eax, ebx
    mov esi, 0x40
    call show
    xor eax, eax
    xor edx, edx
    mov ebx, 0x80000000
    mov eax, 0xdeadbeef
    bsf eax, ebx
    mov esi, 0x40
    call show
    xor eax, eax
    xor edx, edx
    mov ebx, 0xf000f0
    mov eax, 0xdeadbeef
    bsf eax, ebx
    mov esi, 0x40
    call show
    xor eax, eax
    xor edx, edx
    mov ebx, 0x12345678
    mov eax, 0xdeadbeef
    bsf eax, ebx
    mov esi, 0x40
    call show
    xor eax, eax
    xor edx, edx
    mov ebx, 0x0
    mov eax, 0xdeadbeef
    bsr eax, ebx
    mov esi, 0x40
    call show
    xor eax, eax
    xor edx, edx
    mov ebx, 0x1
    mov eax, 0xdeadbeef
    bsr eax, ebx
    mov esi, 0x40
    call show
    xor eax, eax
    xor edx, edx
    mov ebx, 0x80000000
    mov eax, 0xdeadbeef
    bsr eax, ebx
    mov esi, 0x40
    call show
    xor eax, eax
    xor edx, edx
    mov ebx, 0xf000f0
    mov eax, 0xdeadbeef
    bsr eax, ebx
    mov esi, 0x40
    call show
    xor eax, eax
    xor edx, edx
    mov ebx, 0x12345678
    mov eax, 0xdeadbeef
    bsr eax, ebx
    mov esi, 0x40
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x0
    push word 0x2
    popf
    daa
    mov esi, 0xd5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x0
    push word 0x3
    popf
    daa
    mov esi, 0xd5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x0
    push word 0x12
    popf
    daa
    mov esi, 0xd5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x0
    push word 0x13
    popf
    daa
    mov esi, 0xd5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x9
    push word 0x2
    popf
    daa
    mov esi, 0xd5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x9
    push word 0x3
    popf
    daa
    mov esi, 0xd5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x9
    push word 0x12
    popf
    daa
    mov esi, 0xd5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x9
    push word 0x13
    popf
    daa
    mov esi, 0xd5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0xa
    push word 0x2
    popf
    daa
    mov esi, 0xd5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0xa
    push word 0x3
    popf
    daa
    mov esi, 0xd5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0xa
    push word 0x12
    popf
    daa
    mov esi, 0xd5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0xa
    push word 0x13
    popf
    daa
    mov esi, 0xd5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x19
    push word 0x2
    popf
    daa
    mov esi, 0xd5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x19
    push word 0x3
    popf
    daa
    mov esi, 0xd5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x19
    push word 0x12
    popf
    daa
    mov esi, 0xd5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x19
    push word 0x13
    popf
    daa
    mov esi, 0xd5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x99
    push word 0x2
    popf
    daa
    mov esi, 0xd5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x99
    push word 0x3
    popf
    daa
    mov esi, 0xd5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x99
    push word 0x12
    popf
    daa
    mov esi, 0xd5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x99
    push word 0x13
    popf
    daa
    mov esi, 0xd5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x9a
    push word 0x2
    popf
    daa
    mov esi, 0xd5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x9a
    push word 0x3
    popf
    daa
    mov esi, 0xd5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x9a
    push word 0x12
    popf
    daa
    mov esi, 0xd5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x9a
    push word 0x13
    popf
    daa
    mov esi, 0xd5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0xa0
    push word 0x2
    popf
    daa
    mov esi, 0xd5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0xa0
    push word 0x3
    popf
    daa
    mov esi, 0xd5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0xa0
    push word 0x12
    popf
    daa
    mov esi, 0xd5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0xa0
    push word 0x13
    popf
    daa
    mov esi, 0xd5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0xff
    push word 0x2
    popf
    daa
    mov esi, 0xd5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0xff
    push word 0x3
    popf
    daa
    mov esi, 0xd5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0xff
    push word 0x12
    popf
    daa
    mov esi, 0xd5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0xff
    push word 0x13
    popf
    daa
    mov esi, 0xd5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x45
    push word 0x2
    popf
    daa
    mov esi, 0xd5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x45
    push word 0x3
    popf
    daa
    mov esi, 0xd5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x45
    push word 0x12
    popf
    daa
    mov esi, 0xd5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x45
    push word 0x13
    popf
    daa
    mov esi, 0xd5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x0
    push word 0x2
    popf
    das
    mov esi, 0xd5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x0
    push word 0x3
    popf
    das
    mov esi, 0xd5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x0
    push word 0x12
    popf
    das
    mov esi, 0xd5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x0
    push word 0x13
    popf
    das
    mov esi, 0xd5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x9
    push word 0x2
    popf
    das
    mov esi, 0xd5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x9
    push word 0x3
    popf
    das
    mov esi, 0xd5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x9
    push word 0x12
    popf
    das
    mov esi, 0xd5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x9
    push word 0x13
    popf
    das
    mov esi, 0xd5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0xa
    push word 0x2
    popf
    das
    mov esi, 0xd5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0xa
    push word 0x3
    popf
    das
    mov esi, 0xd5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0xa
    push word 0x12
    popf
    das
    mov esi, 0xd5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0xa
    push word 0x13
    popf
    das
    mov esi, 0xd5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x19
    push word 0x2
    popf
    das
    mov esi, 0xd5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x19
    push word 0x3
    popf
    das
    mov esi, 0xd5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x19
    push word 0x12
    popf
    das
    mov esi, 0xd5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x19
    push word 0x13
    popf
    das
    mov esi, 0xd5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x99
    push word 0x2
    popf
    das
    mov esi, 0xd5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x99
    push word 0x3
    popf
    das
    mov esi, 0xd5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x99
    push word 0x12
    popf
    das
    mov esi, 0xd5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x99
    push word 0x13
    popf
    das
    mov esi, 0xd5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x9a
    push word 0x2
    popf
    das
    mov esi, 0xd5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x9a
    push word 0x3
    popf
    das
    mov esi, 0xd5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x9a
    push word 0x12
    popf
    das
    mov esi, 0xd5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x9a
    push word 0x13
    popf
    das
    mov esi, 0xd5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0xa0
    push word 0x2
    popf
    das
    mov esi, 0xd5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0xa0
    push word 0x3
    popf
    das
    mov esi, 0xd5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0xa0
    push word 0x12
    popf
    das
    mov esi, 0xd5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0xa0
    push word 0x13
    popf
    das
    mov esi, 0xd5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0xff
    push word 0x2
    popf
    das
    mov esi, 0xd5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0xff
    push word 0x3
    popf
    das
    mov esi, 0xd5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0xff
    push word 0x12
    popf
    das
    mov esi, 0xd5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0xff
    push word 0x13
    popf
    das
    mov esi, 0xd5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x45
    push word 0x2
    popf
    das
    mov esi, 0xd5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x45
    push word 0x3
    popf
    das
    mov esi, 0xd5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x45
    push word 0x12
    popf
    das
    mov esi, 0xd5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x45
    push word 0x13
    popf
    das
    mov esi, 0xd5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x9
    push word 0x2
    popf
    aaa
    mov esi, 0x11
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x9
    push word 0x12
    popf
    aaa
    mov esi, 0x11
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0xa
    push word 0x2
    popf
    aaa
    mov esi, 0x11
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0xa
    push word 0x12
    popf
    aaa
    mov esi, 0x11
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x1ff
    push word 0x2
    popf
    aaa
    mov esi, 0x11
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x1ff
    push word 0x12
    popf
    aaa
    mov esi, 0x11
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x105
    push word 0x2
    popf
    aaa
    mov esi, 0x11
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x105
    push word 0x12
    popf
    aaa
    mov esi, 0x11
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0xf0
    push word 0x2
    popf
    aaa
    mov esi, 0x11
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0xf0
    push word 0x12
    popf
    aaa
    mov esi, 0x11
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x9
    push word 0x2
    popf
    aas
    mov esi, 0x11
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x9
    push word 0x12
    popf
    aas
    mov esi, 0x11
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0xa
    push word 0x2
    popf
    aas
    mov esi, 0x11
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0xa
    push word 0x12
    popf
    aas
    mov esi, 0x11
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x1ff
    push word 0x2
    popf
    aas
    mov esi, 0x11
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x1ff
    push word 0x12
    popf
    aas
    mov esi, 0x11
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x105
    push word 0x2
    popf
    aas
    mov esi, 0x11
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x105
    push word 0x12
    popf
    aas
    mov esi, 0x11
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0xf0
    push word 0x2
    popf
    aas
    mov esi, 0x11
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0xf0
    push word 0x12
    popf
    aas
    mov esi, 0x11
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x909
    aam
    mov esi, 0xc4
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x909
    aad
    mov esi, 0xc4
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0xff
    aam
    mov esi, 0xc4
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0xff
    aad
    mov esi, 0xc4
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x1234
    aam
    mov esi, 0xc4
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x1234
    aad
    mov esi, 0xc4
    call show
    xor eax, eax
    xor edx, edx
    mov ebx, 0x8081
    movsx eax, bl
    movzx edx, bx
    xor eax, edx
    mov esi, 0x0
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x8000
    cwde
    cdq
    mov ebx, edx
    mov esi, 0x0
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 0x12345678
    bswap eax
    mov esi, 0x0
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 5
    mov ebx, 7
    mov ecx, 5
    cmp eax, ecx
    cmove eax, ebx
    setz dl
    movzx edx, dl
    add eax, edx
    mov esi, 0x0
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 1
    mov ebx, 2
    mov ecx, 1
    cmpxchg ecx, ebx
    mov eax, ecx
    mov esi, 0x8d5
    call show
    xor eax, eax
    xor edx, edx
    mov eax, 3
    mov ebx, 4
    xadd eax, ebx
    add eax, ebx
    mov esi, 0x8d5
    call show
    mov al, 0
    jmp done
show:                        ; EAX value, ESI flag mask: prints 'EAX FLAGS'
    pushfd
    pop edx
    and edx, esi
    call hex32_16
    call space16
    mov eax, edx
    call hex32_16
    call nl16
    ret
done:
    PRINT16 "alu: done", 10
    mov al, 0
    call exit16
    times 0xfff0-($-$$) db 0
    jmp 0xf000:start
    times 0x10000-($-$$) db 0xff
