; gates16.asm: 16-bit stacks and 286 gates at privilege changes (Intel SDM vol. 3 5.8,
; 6.12): INT from ring 3 to ring 0 whose TSS stack (SS0) is a 16-bit segment (ESP's upper
; word stays the ring-3 one's), IRETD back to ring 3 onto a 16-bit stack (ESP's upper word
; stays the ring-0 one's), a CALL through a 16-bit call gate (type 4) with two word
; parameters from a 16-bit ring-3 stack to ring 0 and o16 RETF 4 back (to the IP
; truncated to 16 bits), a #GP from virtual-8086 mode through a 16-bit interrupt gate
; (the error code a word), INT3 and INTO from virtual-8086 mode at IOPL 0 (delivered
; through DPL 3 gates, #GP(vector) through DPL 0 ones; INT n raises #GP(0)), an exception at ring 0 on a 16-bit stack at SP 8 (the frame
; wraps to 0xFFFC), RET imm16 and CALL on a 16-bit stack at its wrap, and in real mode
; PUSH SP and INT at SP 2 (the frame wraps).
; Output compared with QEMU 7.2.
%include "lib.inc"
%include "pm.inc"
bits 16
start:
    ; real mode: PUSH SP pushes the old SP (286 and later); INT at SP 2 wraps the frame
    xor ax, ax
    mov ss, ax
    mov sp, 0x7000
    push sp
    pop ax
    movzx eax, ax
    PRINT16 "real push sp: "
    call hex32_16
    call nl16
    xor ax, ax
    mov ds, ax
    mov word [0x86 * 4], int86_real - $$
    mov word [0x86 * 4 + 2], 0xf000
    mov ax, 0x1000
    mov ss, ax
    mov sp, 2
    int 0x86
    xor ax, ax
    mov ss, ax
    mov sp, 0x7000
    push cs
    pop ds
    jmp pm_enter
int86_real:                    ; FLAGS at SS:0, CS at 0xFFFE, IP at 0xFFFC
    mov bx, sp
    movzx eax, bx
    PRINT16 "real int at sp 2: sp "
    call hex32_16
    mov ax, 0x1000
    mov ds, ax
    PRINT16 " frame "
    movzx eax, word [0xfffc]
    call hex32_16
    call space16
    movzx eax, word [0xfffe]
    call hex32_16
    call space16
    movzx eax, word [0x0000]
    call hex32_16
    call nl16
    iret

bits 32
SEL_S16   equ 0x90              ; 16-bit data DPL 0, base 0x10000, limit 0xFFFF (SS0)
SEL_D16_3 equ 0x98 | 3          ; 16-bit data DPL 3, base 0, limit 0xFFFF
SEL_CG16  equ 0xa0 | 3          ; 16-bit call gate DPL 3, 2 word parameters, to cg16
gdtr_big:
    dw 0xa8 - 1
    dd GDT_RAM

%macro SHOW 2
    PRINT32 %1
    mov eax, %2
    call hex32_32
    call nl32
%endmacro
%macro STACK32 0
    mov ax, SEL_D32
    mov ss, ax
    mov esp, STACK0
%endmacro
%macro V86 2                  ; IRETD to F000:%1 in virtual-8086 mode with EFLAGS %2
    push dword 0
    push dword 0
    push dword 0xf000
    push dword 0
    push dword 0x0700
    push dword 0x0f00
    push dword %2
    push dword 0xf000
    push dword %1 - $$
    iretd
%endmacro
%macro RING3 3                ; IRETD to %1 at CPL 3 with SS %2, ESP %3
    push dword %2
    push dword %3
    push dword 0x3002
    push dword SEL_C3
    push dword LIN(%1)
    iretd
%endmacro

pm_main:
    PRINT32 "gates16: start", 10
    mov dword [GDT_RAM + 0x90], 0x0000ffff
    mov dword [GDT_RAM + 0x94], 0x00009201
    mov dword [GDT_RAM + 0x98], 0x0000ffff
    mov dword [GDT_RAM + 0x9c], 0x0000f200
    mov eax, cg16 - $$
    mov word [GDT_RAM + 0xa0], ax
    mov word [GDT_RAM + 0xa2], SEL_C16
    mov word [GDT_RAM + 0xa4], 0xe402
    mov word [GDT_RAM + 0xa6], 0
    lgdt [LIN(gdtr_big)]

    ; INT 0x88 from ring 3 (32-bit stack) to ring 0 with SS0 a 16-bit segment
    mov edi, IDT_RAM + 0x88 * 8
    mov eax, LIN(int88)
    mov [edi], ax
    mov word [edi + 2], SEL_C32
    mov word [edi + 4], 0xee00
    shr eax, 16
    mov [edi + 6], ax
    mov word [TSS1 + 8], SEL_S16
    mov dword [TSS1 + 4], 0x00020100
    RING3 r3_int88, SEL_D3, 0x00123400
back88:
    mov word [TSS1 + 8], SEL_D32
    mov dword [TSS1 + 4], STACK0
    SHOW "int from ring 3, 16-bit ss0: esp ", [scratch]
    SHOW "  eip ", [0x100ec]
    SHOW "  cs ", [0x100f0]
    SHOW "  esp3 ", [0x100f8]
    SHOW "  ss3 ", [0x100fc]
    ; IRETD to ring 3 onto a 16-bit stack: ESP's upper word is the ring-0 ESP's
    RECOVER back_i3
    mov esp, 0x00018000
    RING3 r3_iret16, SEL_D16_3, 0xabcd6000
back_i3:
    SHOW "iretd to a 16-bit ring-3 stack: esp ", [scratch + 4]

    ; CALL through a 16-bit call gate with two word parameters, o16 RETF 4 back
    ; the o16 CALL pushes IP 0x0A7F of EIP 0xF0A7F, so RETF lands there: a HLT (#GP)
    mov byte [(cg16_ret - $$) & 0xffff], 0xf4
    RECOVER back_cg
    RING3 r3_cg16, SEL_D3, 0x00125000
back_cg:
    mov ebx, [STACK0 - 8]         ; the ring-3 ESP of the #GP frame
    SHOW "16-bit call gate: sp ", [scratch]
    SHOW "  ip cs ", [scratch + 4]
    SHOW "  params ", [scratch + 8]
    SHOW "  sp ss ", [scratch + 12]
    SHOW "after o16 retf 4 to the truncated ip: esp ", ebx

    ; #GP from V86 (CLI at IOPL 0) through a 16-bit interrupt gate
    RECOVER unexpected
    mov edi, IDT_RAM + 13 * 8
    mov word [edi], v86_gp16 - $$
    mov word [edi + 2], SEL_C16
    mov word [edi + 4], 0x8600
    mov word [edi + 6], 0
    push dword 0
    push dword 0
    push dword 0xf000
    push dword 0
    push dword 0x0700
    push dword 0x0f00
    push dword 0x20002            ; VM, IOPL 0
    push dword 0xf000
    push dword v86_cli - $$
    iretd
v86_back:
    mov ax, SEL_D32
    mov ds, ax
    mov es, ax
    mov esp, 0x8f00
    SHOW "v86 #GP, 16-bit gate: esp ", ebx
    mov esi, 0x9000 - 20
    mov ecx, 10
.w: movzx eax, word [esi]
    PRINT32 " "
    call hex32_32
    add esi, 2
    loop .w
    call nl32
    mov eax, LIN(exc_stub0) + 13 * (exc_stub1 - exc_stub0)
    mov edi, IDT_RAM + 13 * 8
    mov [edi], ax
    mov word [edi + 2], SEL_C32
    mov word [edi + 4], 0x8e00
    shr eax, 16
    mov [edi + 6], ax

    ; INT3 and INTO in virtual-8086 mode at IOPL 0 are not IOPL-sensitive (INT n is):
    ; through the DPL 0 gate of vector 3 #GP(0x1A), through DPL 3 gates delivered
    RECOVER v86_i3a
    V86 v86_int3, 0x20002
v86_i3a:
    mov word [IDT_RAM + 3 * 8 + 4], 0xee00
    mov word [IDT_RAM + 4 * 8 + 4], 0xee00
    RECOVER v86_i3b
    V86 v86_int3, 0x20002
v86_i3b:
    RECOVER v86_i3c
    V86 v86_into, 0x20802         ; OF set
v86_i3c:
    RECOVER v86_i3d
    V86 v86_intn, 0x20002
v86_i3d:
    mov word [IDT_RAM + 3 * 8 + 4], 0x8e00
    mov word [IDT_RAM + 4 * 8 + 4], 0x8e00

    ; #UD at ring 0 on a 16-bit stack at SP 8: EFLAGS at 4, CS at 0, EIP at 0xFFFC
    mov edi, IDT_RAM + 6 * 8
    mov eax, LIN(ud16)
    mov [edi], ax
    shr eax, 16
    mov [edi + 6], ax
    mov ax, SEL_D16
    mov ss, ax
    mov esp, 0x00000008
    ud2
ud_back:
    STACK32
    SHOW "#UD on a 16-bit stack at sp 8: esp ", ebx
    SHOW "  eip at fffc ", [0xfffc]
    SHOW "  cs at 0 ", [0]
    mov eax, LIN(exc_stub0) + 6 * (exc_stub1 - exc_stub0)
    mov edi, IDT_RAM + 6 * 8
    mov [edi], ax
    shr eax, 16
    mov [edi + 6], ax

    ; RET imm16 and CALL at the wrap of a 16-bit stack
    mov ax, SEL_D16
    mov ss, ax
    mov esp, 0x0005fffc
    mov dword [0xfffc], LIN(.r1)
    ret 8
.r1:
    mov ebx, esp
    mov esp, 0x00070000
    call .c1
.c1:
    mov ecx, esp
    mov edx, [0xfffc]
    STACK32
    SHOW "ret 8 at sp fffc: esp ", ebx
    SHOW "call at sp 0: esp ", ecx
    SHOW "  pushed ", edx

    PRINT32 "gates16: done", 10
    mov al, 0
    jmp exit32

int88:                         ; ring 0, SS 16-bit (base 0x10000): EIP CS EFLAGS ESP SS
    mov ax, SEL_D32
    mov ds, ax
    mov [scratch], esp
    STACK32
    jmp back88
r3_int88:
    mov ax, SEL_D3
    mov ds, ax
    int 0x88
r3_iret16:
    mov ax, SEL_D3
    mov ds, ax
    mov [scratch + 4], esp
    hlt

r3_cg16:
    mov ax, SEL_D3
    mov ds, ax
    mov ax, SEL_D16_3
    mov ss, ax
    mov esp, 0xabcd6000
    push word 0x1111
    push word 0x2222
    db 0x66, 0x9a                 ; o16 call SEL_CG16:0 (ptr16:16)
    dw 0, SEL_CG16
cg16_ret:
    hlt

ud16:
    mov ebx, esp
    jmp ud_back

bits 16
v86_cli:
    cli
v86_int3:
    int3
v86_into:
    into
v86_intn:
    int 0x83
v86_gp16:                      ; 16-bit handler: ERR IP CS FLAGS SP SS ES DS FS GS
    mov ebx, esp
    jmp dword SEL_C32:LIN(v86_back)

cg16:                          ; 16-bit ring 0: IP CS P2 P1 SP SS on the new stack
    mov ax, SEL_D32
    mov ds, ax
    movzx eax, sp
    mov [dword scratch], eax
    mov eax, [esp]
    mov [dword scratch + 4], eax
    mov eax, [esp + 4]
    mov [dword scratch + 8], eax
    mov eax, [esp + 8]
    mov [dword scratch + 12], eax
    o16 retf 4

bits 32
ring_gate:
conf_code:
    retf
bits 16
    times 0xfff0-($-$$) db 0
    jmp 0xf000:start
    times 0x10000-($-$$) db 0xff
