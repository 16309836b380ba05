; x87_env.asm: the x87 environment and state images (SDM vol. 1 figs. 8-9 to 8-12): after a
; known instruction (FDIV m32 through a data segment whose base is not 0, so FIP, FCS, FOP,
; FDP and FDS are all visible), FNSTENV and FNSAVE in 16- and 32-bit operand size, in real
; mode (FIP and FDP as 20-/32-bit linear addresses split around the opcode) and in 32-bit
; protected mode (offsets and selectors); FSTENV/FSAVE (the waiting forms) and FRSTOR/FLDENV
; round trips, FLDENV recomputing the tags from the registers, FNINIT's and FNCLEX's values,
; FLDCW with every bit set, FNSTSW AX/m16, FSTSW, FNSTCW/FSTCW. Images are printed as words
; (16-bit formats) or dwords (32-bit formats).
; Expected output: QEMU 7.2's, checked against the SDM's figures and, for the protected-mode
; 32- and 16-bit images, FNINIT, FNCLEX and FLDCW, against the host x87 (the same sequences in
; 64-bit mode); lines marked '!' hold the SDM's/hardware's value where QEMU 7.2 differs
; (cpu_nasm.sh leaves them out of the QEMU comparison):
; - the 32-bit images leave 0 in the reserved upper halves of CW, SW, TW (and of FIP and FDP
;   in real mode, of FDS in protected mode) where the hardware stores FFFF;
; - the 32-bit protected-mode image has no opcode (FOP) beside FCS;
; - real mode: QEMU writes the protected-mode layout (CS and DS as selectors, offsets) instead
;   of FIP and FDP as linear addresses with FIP[31:16] (or [19:16]) above the opcode;
; - FRSTOR and FLDENV do not load FIP, FCS, FOP, FDP and FDS from the image;
; - the stack fault of FADD ST0,ST5 (empty) is missing from FNSTSW (IE, SF);
; - FLDCW keeps every bit (FFFF reads back FFFF, 1A00 as 1A00): the hardware reads bits 13-15
;   and 7 as 0 and bit 6 as 1 (1F7F, 1A40).
; qemu-args: -cpu pentium2,-mmx,-apic,-pae,-mce,-mca,-vme,-de,-fxsr,-pse36,-hypervisor
%include "lib.inc"
%include "pm.inc"
%include "x87.inc"
ENV equ 0xb400                 ; the image under test (108 bytes)
OPND equ 0xb300                ; 3.0f, as DS 0B00:0300 in real mode
bits 16
dumpw16:                       ; CX words at [SI] (DS = 0), newline
    push eax
.l: mov ax, [si]
    call hex16_16
    call space16
    add si, 2
    loop .l
    call nl16
    pop eax
    ret
hex16_16:                      ; AX as 4 hex digits
    push eax
    push cx
    shl eax, 16
    mov cx, 4
.l: rol eax, 4
    push ax
    and al, 15
    add al, '0'
    cmp al, '9'
    jbe .o
    add al, 7
.o: out DBG, al
    pop ax
    loop .l
    pop cx
    pop eax
    ret
dumpd16:                       ; CX dwords at [SI], newline
    push eax
.l: mov eax, [si]
    call hex32_16
    call space16
    add si, 4
    loop .l
    call nl16
    pop eax
    ret
%macro OP16 0                  ; the instruction every image describes: FDIV m32 (3.0), DS 0B00:0300
    fninit
    mov word [ENV + 120], 0x027f
    fldcw [ENV + 120]
    fld1
    mov ax, 0x0b00
    mov ds, ax
    fdiv dword [0x300]
    xor ax, ax
    mov ds, ax
%endmacro
start:
    cli
    xor ax, ax
    mov ds, ax
    mov es, ax
    mov ss, ax
    mov sp, 0x7000
    mov eax, cr0
    and eax, ~0x0c
    or eax, 0x22
    mov cr0, eax
    PRINT16 "x87_env: start", 10
    mov dword [OPND], 0x40400000
    OP16
    o32 fnstenv [ENV]
    PRINT16 "real o32 fnstenv: "
    mov si, ENV
    mov cx, 7
    call dumpd16
    OP16
    o16 fnstenv [ENV]
    PRINT16 "real o16 fnstenv: "
    mov si, ENV
    mov cx, 7
    call dumpw16
    OP16
    o32 fnsave [ENV]
    PRINT16 "real o32 fnsave: "
    mov si, ENV
    mov cx, 12
    call dumpd16
    o32 frstor [ENV]
    o32 fstenv [ENV]
    PRINT16 "real o32 frstor, fstenv: "
    mov si, ENV
    mov cx, 7
    call dumpd16
    OP16
    o16 fnsave [ENV]
    PRINT16 "real o16 fnsave: "
    mov si, ENV
    mov cx, 12
    call dumpw16
    o16 frstor [ENV]
    o16 fstenv [ENV]
    PRINT16 "real o16 frstor, fstenv: "
    mov si, ENV
    mov cx, 7
    call dumpw16
    ; an image of our own: CW 0E7F, SW with TOP 5 and C3 C1, all tags valid, FIP 0x12345
    ; with opcode 0x5A5, FDP 0x6789A
    fninit
    fld1
    fldz
    mov si, ENV
    mov word [si], 0x0e7f
    mov word [si + 2], 0x4200 | (5 << 11)
    mov word [si + 4], 0x0000
    mov word [si + 6], 0x2345
    mov word [si + 8], 0x1000 | 0x5a5
    mov word [si + 10], 0x789a
    mov word [si + 12], 0x6000
    o16 fldenv [si]
    o16 fnstenv [ENV + 32]
    PRINT16 "real o16 fldenv, fnstenv: "
    mov si, ENV + 32
    mov cx, 7
    call dumpw16
    jmp pm_enter

bits 32
%macro OP32 0                  ; FDIV m32 (3.0) through ES = SEL_D16
    fninit
    mov word [ENV + 120], 0x027f
    fldcw [ENV + 120]
    fld1
    mov ax, SEL_D16
    mov es, ax
    fdiv dword [es:OPND]
    mov ax, SEL_D32
    mov es, ax
%endmacro
%macro SHOWD 2                 ; label, dwords at ENV
    PRINT32 %1
    mov esi, ENV
    mov ecx, %2
    call dumpd32
%endmacro
%macro SHOWW 2
    PRINT32 %1
    mov esi, ENV
    mov ecx, %2
    call dumpw32
%endmacro
pm_main:
    OP32
    fnstenv [ENV]
    SHOWD "pm o32 fnstenv: ", 7
    OP32
    o16 fnstenv [ENV]
    SHOWW "pm o16 fnstenv: ", 7
    OP32
    fnsave [ENV]
    SHOWD "pm o32 fnsave: ", 12
    frstor [ENV]
    fstenv [ENV]
    SHOWD "pm o32 frstor, fstenv: ", 7
    OP32
    o16 fnsave [ENV]
    SHOWW "pm o16 fnsave: ", 12
    o16 frstor [ENV]
    o16 fstenv [ENV]
    SHOWW "pm o16 frstor, fstenv: ", 7
    ; FLDENV: tags come from the image only as empty / not empty; the rest from the registers
    fninit
    fld1
    fldz
    fldpi
    fnstenv [ENV]
    mov word [ENV + 8], 0x0000          ; every register "valid"
    fldenv [ENV]
    fnstenv [ENV]
    SHOWD "pm fldenv tags 0000: ", 3
    fninit
    fld1
    fldz
    fnstenv [ENV]
    mov word [ENV + 8], 0xffff          ; every register empty
    fldenv [ENV]
    fnstenv [ENV]
    SHOWD "pm fldenv tags ffff: ", 3
    ; an image of our own: FIP 0x12345678, FCS 0x1234, opcode 0x7A5, FDP 0x9ABCDEF0, FDS 0x5678
    fninit
    mov dword [ENV], 0xffff037f
    mov dword [ENV + 4], 0xffff0000
    mov dword [ENV + 8], 0xffffffff
    mov dword [ENV + 12], 0x12345678
    mov dword [ENV + 16], 0x07a51234
    mov dword [ENV + 20], 0x9abcdef0
    mov dword [ENV + 24], 0xffff5678
    fldenv [ENV]
    fnstenv [ENV + 32]
    PRINT32 "pm o32 fldenv, fnstenv: "
    mov esi, ENV + 32
    mov ecx, 7
    call dumpd32
    ; FNINIT, FNCLEX, FLDCW, FNSTSW, FSTSW, FNSTCW, FSTCW
    OP32
    fninit
    fnsave [ENV]
    SHOWD "pm fninit, fnsave: ", 7
    fninit
    fld1
    fldz
    fcom
    fld1
    fdiv st0, st1
    fnstsw ax
    PRINT32 "fnstsw ax: "
    call hex16_32
    fnclex
    fstsw ax
    PRINT32 " fnclex, fstsw ax: "
    call hex16_32
    fadd st0, st5
    fnstsw [ENV]
    PRINT32 " sf, fnstsw m16: "
    mov ax, [ENV]
    call hex16_32
    fnclex
    fstsw [ENV]
    PRINT32 " fnclex, fstsw m16: "
    mov ax, [ENV]
    call hex16_32
    call nl32
    fninit
    mov word [ENV], 0xffff
    fldcw [ENV]
    fnstcw [ENV + 2]
    mov word [ENV], 0x0040
    fldcw [ENV]
    fstcw [ENV + 4]
    fninit
    mov word [ENV], 0x1a00
    fldcw [ENV]
    fnstcw [ENV + 6]
    SHOWW "fldcw ffff, 0040, 1a00: ", 4
    PRINT32 "x87_env: done", 10
    mov al, 0
    call exit32
X87_END
