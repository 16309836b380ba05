; stack.asm: stack-size and address-size corners (Intel SDM vol. 2 and vol. 3 chapter 6):
; o32 POP SS from a 16-bit stack to a 32-bit one and o16 POP SS the other way (ESP moves
; by the old stack's size), o32 POP DS on a 16-bit stack, LEAVE on 16- and 32-bit stacks,
; PUSH ESP / POP ESP and a wrapping PUSHAD/POPAD on a 16-bit stack (ESP's upper word
; stays), a ring-3 CALL through a call gate from a 16-bit stack (the parameter read at
; SS:SP, the full ESP pushed) and RETF 4 back, INT n from virtual-8086 mode through a
; 16-bit interrupt gate (GS, FS, DS, ES, SS, SP, FLAGS, CS, IP pushed as words; the data
; segments null afterwards), string instructions, LOOP and JCXZ with 16-bit addressing in
; 32-bit code (SI/DI/CX wrap, the upper words stay), and in real mode REP MOVSB across
; offset 0xFFFF. Then the rotates: RCL/RCR/ROL/ROR by an immediate 7 on bytes, words and
; dwords, and a differential run of 3000 random (value, count, flags) triples through ROL,
; ROR, RCL, RCR, SHL, SHR and SAR on each size by CL (LCG seed 0x13572468), folded into
; one hash per instruction and size, all arithmetic flags included (the SDM leaves OF
; undefined for counts above 1: these are QEMU 7.2's values, see emu/cpu/ops_int.c).
; Output compared with QEMU 7.2.
%include "lib.inc"
%include "pm.inc"
bits 16
start:
    ; real mode: REP MOVSB from DS:0xFFFF over the wrap to offset 0, 16-bit addressing
    mov ax, 0x2000
    mov ds, ax
    mov es, ax
    mov dword [0xfffc], 0x44332211
    mov dword [0x0000], 0x88776655
    mov si, 0xffff
    mov di, 0xfffd
    mov cx, 3
    cld
    rep movsb
    mov ax, cs
    mov ds, ax
    PRINT16 "real rep movsb wrap: "
    mov eax, esi
    call hex32_16
    call space16
    mov eax, edi
    call hex32_16
    call space16
    mov ax, 0x2000
    mov ds, ax
    mov eax, [0xfffc]
    mov dx, [0x0000]
    push cs
    pop ds
    call hex32_16
    call space16
    movzx eax, dx
    call hex32_16
    call nl16
    jmp pm_enter

bits 32
SEL_D16_3 equ 0x90 | 3        ; 16-bit data DPL 3, base 0, limit 0xFFFF (ring-3 16-bit stack)
SEL_CGP   equ 0x98 | 3        ; 32-bit call gate, DPL 3, 1 parameter, to gate_target
HASH      equ 0x700           ; 21 hashes
RV        equ 0x6f0           ; random value, count, flags
RC        equ 0x6f4
RF        equ 0x6f8

gdtr_big:
    dw 0xa0 - 1
    dd GDT_RAM

%macro SHOW 2                 ; label, register or memory (dword)
    PRINT32 %1
    mov eax, %2
    call hex32_32
    call nl32
%endmacro

%macro STACK16 1              ; SS = 16-bit flat data, ESP = %1
    mov ax, SEL_D16
    mov ss, ax
    mov esp, %1
%endmacro
%macro STACK32 0
    mov ax, SEL_D32
    mov ss, ax
    mov esp, STACK0
%endmacro

pm_main:
    PRINT32 "stack: start", 10
    mov edi, GDT_RAM + 0x90
    mov dword [edi], 0x0000ffff       ; 0x90: data16 DPL 3
    mov dword [edi + 4], 0x0000f200
    mov eax, LIN(gate_target)
    mov [edi + 8], ax                 ; 0x98: call gate DPL 3, 1 dword parameter
    mov word [edi + 10], SEL_C32
    mov word [edi + 12], 0xec01
    shr eax, 16
    mov [edi + 14], ax
    lgdt [LIN(gdtr_big)]

    ; o32 POP SS: 16-bit stack at SP 0xFFFC to a 32-bit SS: SP wraps to 0, upper word stays
    STACK16 0x0012fffc
    mov dword [0xfffc], SEL_D32
    pop ss
    mov ebx, esp
    STACK32
    SHOW "o32 pop ss, 16 to 32: esp ", ebx
    ; o16 POP SS: 32-bit stack at 0x1FFFE to a 16-bit SS: ESP = 0x20000
    mov esp, 0x0001fffe
    mov word [0x1fffe], SEL_D16
    o16 pop ss
    mov ebx, esp
    STACK32
    SHOW "o16 pop ss, 32 to 16: esp ", ebx
    ; o32 POP DS on a 16-bit stack: the selector is the low word of the dword read
    STACK16 0x0012fffc
    mov dword [0xfffc], 0xabcd0000 | SEL_D32
    pop ds
    mov ebx, esp
    mov cx, ds
    movzx ecx, cx
    STACK32
    SHOW "o32 pop ds, 16-bit stack: esp ", ebx
    SHOW "  ds ", ecx

    ; LEAVE on a 16-bit stack: SP = BP + size, ESP's and EBP's upper words stay (o16)
    mov dword [0xfff0], 0xaabbccdd
    STACK16 0x12340100
    mov ebp, 0x5678fff0
    o16 leave
    mov ebx, esp
    mov ecx, ebp
    STACK32
    SHOW "o16 leave, 16-bit stack: esp ", ebx
    SHOW "  ebp ", ecx
    STACK16 0x12340100
    mov ebp, 0x5678fff0
    leave
    mov ebx, esp
    mov ecx, ebp
    STACK32
    SHOW "o32 leave, 16-bit stack: esp ", ebx
    SHOW "  ebp ", ecx
    mov dword [0x1fff0], 0x01020304
    mov ebp, 0x0001fff0
    o16 leave
    mov ebx, esp
    mov ecx, ebp
    STACK32
    SHOW "o16 leave, 32-bit stack: esp ", ebx
    SHOW "  ebp ", ecx

    ; PUSH ESP / POP ESP and PUSHAD/POPAD wrapping on a 16-bit stack
    STACK16 0x12340100
    push esp
    mov ebx, esp
    mov ecx, [0xfc]
    pop esp
    mov edx, esp
    o16 push sp
    mov esi, esp
    movzx ebp, word [0xfe]
    STACK32
    SHOW "push esp, 16-bit stack: esp ", ebx
    SHOW "  pushed ", ecx
    SHOW "pop esp: esp ", edx
    SHOW "o16 push sp: esp ", esi
    SHOW "  pushed ", ebp
    STACK16 0x56780008
    mov eax, 0xa0a0a0a0
    mov ecx, 0xc1c1c1c1
    mov edx, 0xd2d2d2d2
    mov ebx, 0xb3b3b3b3
    mov ebp, 0xb5b5b5b5
    mov esi, 0x56565656
    mov edi, 0xd7d7d7d7
    pushad
    mov [scratch + 12], esp
    xor eax, eax
    xor ecx, ecx
    xor edi, edi
    popad
    mov edx, esp
    mov [scratch], eax
    mov [scratch + 4], ecx
    mov [scratch + 8], edi
    STACK32
    SHOW "pushad wrap: esp ", [scratch + 12]
    SHOW "  eax at 4 ", [0x4]
    SHOW "  ecx at 0 ", [0x0]
    SHOW "  esp at fff4 ", [0xfff4]
    SHOW "  edi at ffe8 ", [0xffe8]
    SHOW "popad wrap: esp ", edx
    SHOW "  eax ", [scratch]
    SHOW "  ecx ", [scratch + 4]
    SHOW "  edi ", [scratch + 8]

    ; string instructions, LOOP and JCXZ with 16-bit addressing in 32-bit code
    mov dword [0xfffc], 0x44332211
    mov dword [0x0000], 0x88776655
    mov esi, 0x1234ffff
    mov edi, 0x5678fffe
    mov ecx, 0x00010003
    cld
    a16 rep movsb
    mov [scratch], esi
    mov [scratch + 4], edi
    mov [scratch + 8], ecx
    SHOW "a16 rep movsb: esi ", [scratch]
    SHOW "  edi ", [scratch + 4]
    SHOW "  ecx ", [scratch + 8]
    SHOW "  [fffc] ", [0xfffc]
    SHOW "  [0] ", [0]
    mov esi, 0x12340000
    std
    a16 lodsb
    cld
    mov ebx, esi
    SHOW "a16 std lodsb: esi ", ebx
    mov ecx, 0x00020000
    xor ebx, ebx
.lp: inc ebx
    a16 loop .lp
    mov edx, ecx
    SHOW "a16 loop from cx 0: iterations ", ebx
    SHOW "  ecx ", edx
    mov ecx, 0x00030000
    xor ebx, ebx
    jcxz .z
    inc ebx
.z: SHOW "a16 jcxz, ecx 30000 (taken: 0): ", ebx

    ; ring 3 on a 16-bit stack, CALL through a 32-bit gate with one parameter, RETF 4 back
    RECOVER back_gate
    push dword SEL_D16_3
    push dword 0xabcd8000
    push dword 0x3002
    push dword SEL_C3
    push dword LIN(ring3_call)
    iretd
back_gate:
    SHOW "gate: eip ", [scratch]
    SHOW "  cs ", [scratch + 4]
    SHOW "  param ", [scratch + 8]
    SHOW "  esp ", [scratch + 12]
    SHOW "  ss ", [scratch + 16]
    SHOW "after retf 4: esp ", [scratch + 20]
    SHOW "  ss ", [scratch + 24]

    ; virtual-8086 INT 0x85 through a 16-bit interrupt gate, DPL 3, to SEL_C16
    mov edi, IDT_RAM + 0x85 * 8
    mov word [edi], v86_int16 - $$
    mov word [edi + 2], SEL_C16
    mov word [edi + 4], 0xe600
    mov word [edi + 6], 0
    push dword 0x0123             ; GS
    push dword 0x0456             ; FS
    push dword 0xf000             ; DS
    push dword 0x0789             ; ES
    push dword 0x0700             ; SS
    push dword 0x0f00             ; ESP
    push dword 0x23002            ; VM, IOPL 3
    push dword 0xf000             ; CS
    push dword v86_code - $$      ; EIP
    iretd
v86_back:
    mov ax, SEL_D32
    mov ds, ax
    mov es, ax
    mov esp, 0x8f00               ; below the frame
    SHOW "v86 int, 16-bit gate: esp ", ebx
    SHOW "  ds es fs gs ", ecx
    mov esi, 0x9000 - 18
    mov ecx, 9
.w: movzx eax, word [esi]
    PRINT32 " "
    call hex32_32
    add esi, 2
    loop .w
    call nl32

    ; rotates by an immediate 7
%macro ROT7 4                 ; insn, register, value, CF in
    mov eax, %3
    %if %4
    stc
    %else
    clc
    %endif
    %1 %2, 7
    pushfd
    PRINT32 %str(%1 %2), " 7 "
    call hex32_32
    call space32
    pop eax
    and eax, 0x801
    call hex32_32
    call nl32
%endmacro
    ROT7 rcr, al, 0x81, 0
    ROT7 rcr, al, 0x81, 1
    ROT7 rcr, al, 0x5a, 1
    ROT7 rcr, ax, 0x8001, 0
    ROT7 rcr, ax, 0x40c3, 1
    ROT7 rcr, eax, 0x80000001, 0
    ROT7 rcr, eax, 0x12345678, 1
    ROT7 rcl, al, 0x81, 0
    ROT7 rcl, al, 0x3c, 1
    ROT7 rcl, ax, 0x8001, 1
    ROT7 rcl, eax, 0x80000001, 0
    ROT7 rcl, eax, 0x02345678, 1
    ROT7 rol, al, 0x81, 0
    ROT7 rol, ax, 0x8301, 0
    ROT7 ror, eax, 0x80000041, 1
    ROT7 ror, al, 0xc1, 0

    ; random rotates and shifts by CL: 3000 rounds, one hash per instruction and size
    mov edi, HASH
    mov eax, 0x811c9dc5
    mov ecx, 21
    rep stosd
    mov esi, 0x13572468
    mov ebp, 3000
.round:
    imul esi, esi, 1103515245
    add esi, 12345
    mov [RV], esi
    imul esi, esi, 1103515245
    add esi, 12345
    mov eax, esi
    shr eax, 16
    mov [RC], eax                 ; CL: bits 16-23, all 256 counts
    imul esi, esi, 1103515245
    add esi, 12345
    mov eax, esi
    shr eax, 8
    and eax, 0x8d5
    or eax, 2
    mov [RF], eax
%macro RND 3                  ; insn, register, hash index
    mov eax, [RV]
    mov ecx, [RC]
    push dword [RF]
    popfd
    %1 %2, cl
    pushfd
    pop edx
    and edx, 0x8d5
    mov ebx, [HASH + %3 * 4]
    xor ebx, eax
    imul ebx, ebx, 0x01000193
    xor ebx, edx
    imul ebx, ebx, 0x01000193
    mov [HASH + %3 * 4], ebx
%endmacro
    RND rol, al, 0
    RND rol, ax, 1
    RND rol, eax, 2
    RND ror, al, 3
    RND ror, ax, 4
    RND ror, eax, 5
    RND rcl, al, 6
    RND rcl, ax, 7
    RND rcl, eax, 8
    RND rcr, al, 9
    RND rcr, ax, 10
    RND rcr, eax, 11
    RND shl, al, 12
    RND shl, ax, 13
    RND shl, eax, 14
    RND shr, al, 15
    RND shr, ax, 16
    RND shr, eax, 17
    RND sar, al, 18
    RND sar, ax, 19
    RND sar, eax, 20
    dec ebp
    jnz .round
    PRINT32 "random rol ror rcl rcr shl shr sar, b w d:", 10
    mov esi, HASH
    mov ecx, 21
.h: mov eax, [esi]
    call hex32_32
    add esi, 4
    mov eax, ecx
    dec eax
    xor edx, edx
    push ecx
    mov ecx, 3
    div ecx
    pop ecx
    test edx, edx
    jnz .sp
    call nl32
    jmp .nx
.sp: call space32
.nx: loop .h

    PRINT32 "stack: done", 10
    mov al, 0
    jmp exit32

ring3_call:                   ; CPL 3, SS = 16-bit: push the parameter, call the gate
    mov ax, SEL_D3
    mov ds, ax
    mov esp, 0xabcd8000           ; the upper word is kept by 16-bit pushes
    push dword 0x11223344
    call SEL_CGP:0
    mov [scratch + 20], esp
    mov [scratch + 24], ss
    hlt                           ; #GP: back to ring 0 through exc_common

gate_target:                  ; CPL 0: EIP CS param ESP SS on the new stack
    mov eax, [esp]
    mov [scratch], eax
    mov eax, [esp + 4]
    mov [scratch + 4], eax
    mov eax, [esp + 8]
    mov [scratch + 8], eax
    mov eax, [esp + 12]
    mov [scratch + 12], eax
    mov eax, [esp + 16]
    mov [scratch + 16], eax
    retf 4

bits 16
v86_code:
    int 0x85
v86_int16:                    ; 16-bit gate target (CS base 0xF0000): frame at SS:ESP
    mov ebx, esp
    mov cx, ds
    mov dx, es
    or cx, dx
    mov dx, fs
    or cx, dx
    mov dx, gs
    or cx, dx
    movzx ecx, cx
    jmp dword SEL_C32:LIN(v86_back)

bits 32
ring_gate:
conf_code:
    retf
bits 16
    times 0xfff0-($-$$) db 0
    jmp 0xf000:start
    times 0x10000-($-$$) db 0xff
