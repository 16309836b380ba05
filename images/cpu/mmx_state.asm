; mmx_state.asm: MMX and the x87 state it shares, in real mode: an MMX instruction sets
; TOP to 0 (FNSTSW after two pushes, then PADDB) and makes every register valid (FLD then
; overflows: IE|SF|C1, the indefinite), EMMS empties the tag word (FNSTENV: FFFF) and
; keeps TOP; the gates: CR0.EM #UD, CR0.TS #NM (PADDB, MOVD, EMMS), EM and TS together
; #UD, a pending unmasked x87 exception #MF with CR0.NE (cleared by the handler, the
; instruction then runs); MMX values survive FNSAVE/FRSTOR (the significands).
; Each fault prints its vector; the handler steps over the faulting instruction.
; Lines marked '!' in mmx_state.expected hold the SDM's behaviour where QEMU 7.2 differs:
; - top: QEMU has no x87 stack faults (FLD onto the valid registers MMX left);
; - em, ts: QEMU's EMMS checks neither CR0.EM (#UD) nor CR0.TS (#NM);
; - em+ts: QEMU checks TS before EM (#NM); with EM set an MMX instruction is #UD (SDM
;   vol. 3, 2.5 CR0.TS and table 12-1);
; - mf: QEMU raises no #MF for MMX instructions (SDM: #MF when an x87 exception is pending).
; qemu-args: -cpu pentium2,-apic,-pae,-mce,-mca,-de,-fxsr,-pse36,-hypervisor
%include "lib.inc"
RES equ 0x500
SKIP equ 0x4f0                 ; length of the instruction a handler steps over
ENV equ 0x600
bits 16
pq:                            ; the quadword at [RES] (DS = 0), space
    push eax
    mov eax, [RES+4]
    call hex32_16
    mov eax, [RES]
    call hex32_16
    call space16
    pop eax
    ret
pw:                            ; AX as 4 hex digits, space
    push eax
    shl eax, 16
    push cx
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
    call space16
    ret
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
HANDLER ud_h, "#UD "
HANDLER nm_h, "#NM "
mf_h:
    PRINT16 "#MF "
    fnclex                     ; the instruction is retried and now runs
    iret
%macro TRY 1+                  ; runs one instruction; a fault steps over it
    mov byte [SKIP], %%e - %%s
%%s: %1
%%e:
%endmacro
start:
    cli
    xor ax, ax
    mov ds, ax
    mov ss, ax
    mov sp, 0x7000
    mov word [6*4], ud_h
    mov word [6*4+2], cs
    mov word [7*4], nm_h
    mov word [7*4+2], cs
    mov word [16*4], mf_h
    mov word [16*4+2], cs
    mov eax, cr0
    and eax, ~0xc
    or eax, 0x22               ; MP, NE
    mov cr0, eax
    fninit
    ; TOP and the tags
    PRINT16 "top:"
    fld1
    fldz
    fnstsw ax
    call pw
    movq mm1, [cs:val]
    fnstsw ax
    call pw
    fnstenv [ENV]
    mov ax, [ENV+2]
    and ax, 0x3800             ; TOP only: the tags are computed from the exponents
    call pw
    fld1                       ; every register valid: stack overflow, masked
    fnstsw ax
    call pw
    fninit
    movq mm2, [cs:val]
    emms
    fnstenv [ENV]
    mov ax, [ENV+4]            ; tag word: empty
    call pw
    fnstsw ax
    call pw
    fld1                       ; no overflow after EMMS
    fnstsw ax
    call pw
    call nl16
    ; the values survive FNSAVE/FRSTOR
    PRINT16 "save:"
    fninit
    movq mm3, [cs:val]
    movq mm7, [cs:val+8]
    fnsave [ENV]
    pxor mm3, mm3
    pxor mm7, mm7
    frstor [ENV]
    movq [RES], mm3
    call pq
    movq [RES], mm7
    call pq
    call nl16
    ; the gates
    PRINT16 "em:"
    mov eax, cr0
    or eax, 4
    mov cr0, eax
    TRY paddb mm0, mm1
    TRY emms
    TRY movd eax, mm0
    or eax, eax                ; (EAX is CR0 still when MOVD faulted)
    call nl16
    PRINT16 "em+ts:"
    mov eax, cr0
    or eax, 8
    mov cr0, eax
    TRY paddb mm0, mm1
    call nl16
    PRINT16 "ts:"
    mov eax, cr0
    and eax, ~4
    mov cr0, eax
    TRY paddb mm0, mm1
    TRY emms
    TRY movq [RES], mm0
    clts
    TRY paddb mm0, mm1
    call nl16
    PRINT16 "mf:"
    fninit
    fldcw [cs:cw_zm]
    fld1
    fldz
    fdivp st1, st0             ; unmasked ZE: pending
    TRY paddw mm0, mm1
    fnstsw ax
    call pw
    fninit
    fldcw [cs:cw_zm]
    fld1
    fldz
    fdivp st1, st0
    TRY emms
    fnstsw ax
    call pw
    fnstenv [ENV]
    mov ax, [ENV+4]
    call pw
    fninit
    call nl16
    mov al, 0
    call exit16
align 8
val: dq 0x0123456789ABCDEF, 0xFEDCBA9876543210
cw_zm: dw 0x037b
    times 0xfff0-($-$$) db 0
    jmp 0xf000:start
    times 0x10000-($-$$) db 0xff
