; stack_sdm.asm: stack and rights corners where QEMU 7.2's TCG departs from the SDM, so
; this program is compared only with its expected output, written from the SDM (vol. 2
; ARPL, ENTER, LEAVE, POP; vol. 3 6.12.1 and 20.3.1.1 for gates). Where QEMU differs:
;  - ARPL with a memory operand in a read-only data segment or on a read-only page: no
;    fault when the RPL already suffices (no write is needed); #GP(0) / #PF when it must
;    write. QEMU skips the segment's write check and stores even when nothing changes,
;    so it never faults on the segment and faults on the page in both cases.
;  - 32-bit ENTER on a 16-bit stack with ESP = 0x10000: FrameTemp is ESP after the push,
;    0x1FFFC (SP wraps, ESP's upper word stays), and goes into EBP and, with a nesting
;    level, onto the stack. QEMU computes it from the full ESP (0xFFFC).
;  - ENTER at CPL 3 whose final stack slot (the new ESP, one operand) is on a supervisor
;    page: #PF (error 7, CR2 the slot), EBP and ESP unchanged. QEMU writes only the
;    pushed EBP and does not check the final slot.
;  - INT n through a 16-bit interrupt gate whose reserved high word is not zero: the
;    offset is the gate's low word. QEMU takes the high word as offset bits 16-31.
;  - o32 LEAVE and o32 POP on a 16-bit stack at SP 0xFFFE (limit 0xFFFF): #SS(0), as the
;    dword would cross the limit. QEMU makes no segment limit checks.
; The other cases (o16 ENTER on a 16-bit stack, the ENTER at CPL 3 whose slot is on a user
; page, a PUSH straddling into a supervisor page) are QEMU's too.
; qemu: no
%include "lib.inc"
%include "pm.inc"
PD  equ 0x20000
PT0 equ 0x21000
bits 16
start:
    jmp pm_enter

bits 32
SEL_RO  equ 0x90              ; read-only data, DPL 0, flat
gdtr_big:
    dw 0x98 - 1
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
%macro RING3 1                ; IRETD to %1 at CPL 3, flat 32-bit stack at 0x200010
    push dword SEL_D3
    push dword 0x200010
    push dword 0x3002
    push dword SEL_C3
    push dword LIN(%1)
    iretd
%endmacro

pm_main:
    PRINT32 "stack_sdm: start", 10
    mov dword [GDT_RAM + 0x90], 0x0000ffff
    mov dword [GDT_RAM + 0x94], 0x00cf9000
    lgdt [LIN(gdtr_big)]

    ; ARPL through a read-only data segment
    mov dword [0x600], 0x13
    RECOVER .a1                   ; before DS is read-only
    mov ax, SEL_RO
    mov ds, ax
    mov bx, 1
    arpl [0x600], bx              ; RPL 3 >= 1: ZF = 0, nothing written
    pushfd
    pop ecx
    and ecx, 0x40
    mov ax, SEL_D32
    mov ds, ax
    SHOW "arpl, read-only segment, no write: zf ", ecx
.a1:
    mov ax, SEL_D32
    mov ds, ax
    mov dword [0x600], 0x10
    RECOVER .a2
    mov ax, SEL_RO
    mov ds, ax
    mov bx, 3
    arpl [0x600], bx              ; RPL 0 < 3: the write faults, #GP(0)
    mov ax, SEL_D32
    mov ds, ax
    PRINT32 "arpl, read-only segment, write: no fault", 10
.a2:
    mov ax, SEL_D32
    mov ds, ax
    SHOW "  memory ", [0x600]

    ; ENTER on a 16-bit stack at ESP 0x10000
    mov dword [0xc], 0x5555aaaa
    STACK16 0x00010000
    mov ebp, 0x11112222
    enter 8, 0
    mov ebx, esp
    mov ecx, ebp
    STACK32
    SHOW "o32 enter 8,0, 16-bit stack: esp ", ebx
    SHOW "  ebp ", ecx
    SHOW "  [fffc] ", [0xfffc]
    STACK16 0x00010000
    mov ebp, 0x00030010
    enter 4, 2
    mov ebx, esp
    mov ecx, ebp
    STACK32
    SHOW "o32 enter 4,2, 16-bit stack: esp ", ebx
    SHOW "  ebp ", ecx
    SHOW "  [fff8] ", [0xfff8]
    SHOW "  [fff4] ", [0xfff4]
    STACK16 0x00010000
    mov ebp, 0x11112222
    o16 enter 8, 0
    mov ebx, esp
    mov ecx, ebp
    STACK32
    SHOW "o16 enter 8,0, 16-bit stack: esp ", ebx
    SHOW "  ebp ", ecx

    ; limit checks of dword stack reads at SP 0xFFFE of a 16-bit stack
    RECOVER .l1
    STACK16 0x0000fffe
    mov ebp, 0x0000fffe
    leave
    STACK32
    PRINT32 "o32 leave at bp fffe: no fault", 10
.l1:
    RECOVER .l2
    STACK16 0x0000fffe
    pop eax
    STACK32
    PRINT32 "o32 pop at sp fffe: no fault", 10
.l2:

    ; INT through a 16-bit interrupt gate with the reserved high word 0x0001
    RECOVER back87
    mov ebx, 0xdead
    mov edi, IDT_RAM + 0x87 * 8
    mov word [edi], int87 - $$
    mov word [edi + 2], SEL_C16
    mov word [edi + 4], 0x8600
    mov word [edi + 6], 0x0001
    int 0x87
back87:
    STACK32
    SHOW "int through a 286 gate, high word 1: ip ", ebx

    ; paging: identity 0-4 MiB, user and writable, but page 0x1FF supervisor and page
    ; 0x40 read-only; CR0.WP on
    mov edi, PT0
    mov eax, 0x7
    mov ecx, 1024
.pt: mov [edi], eax
    add eax, 0x1000
    add edi, 4
    loop .pt
    mov dword [PT0 + 0x1ff * 4], 0x1ff003
    mov dword [PT0 + 0x40 * 4], 0x40005
    mov edi, PD
    xor eax, eax
    mov ecx, 1024
    rep stosd
    mov dword [PD], PT0 | 7
    mov word [0x40000], 0x13
    mov word [0x40002], 0x10
    mov eax, PD
    mov cr3, eax
    mov eax, cr0
    or eax, 0x80010000
    mov cr0, eax
    jmp .pg
.pg:
    ; ARPL on a read-only page at CPL 0 (WP): no write needed, then a write needed
    mov bx, 1
    RECOVER .p1
    arpl [0x40000], bx
    PRINT32 "arpl, read-only page, no write: no fault", 10
.p1:
    mov bx, 3
    RECOVER .p2
    arpl [0x40002], bx
    PRINT32 "arpl, read-only page, write: no fault", 10
.p2:

    ; ENTER at CPL 3: the final slot on the supervisor page 0x1FF000-0x1FFFFF
    RECOVER .e1
    RING3 r3_enter_fault
.e1:
    mov ebx, [STACK0 - 8]         ; the ring-3 ESP of the fault frame
    mov ecx, ebp
    SHOW "  ring-3 esp ", ebx
    SHOW "  ebp ", ecx
    RECOVER .e2
    RING3 r3_enter_ok
.e2:
    SHOW "enter 8,0 at cpl 3, slot on a user page: esp ", [scratch]
    SHOW "  ebp ", [scratch + 4]
    RECOVER .e3
    RING3 r3_push_straddle
.e3:
    mov ebx, [STACK0 - 8]
    SHOW "  ring-3 esp ", ebx

    PRINT32 "stack_sdm: done", 10
    mov al, 0
    jmp exit32

r3_enter_fault:
    mov ax, SEL_D3
    mov ds, ax
    mov ebp, 0x12345678
    enter 0x20, 0                 ; EBP at 0x20000C, final slot 0x1FFFEC: #PF 7
    PRINT32 "enter at cpl 3: no fault", 10
    hlt
r3_enter_ok:
    mov ax, SEL_D3
    mov ds, ax
    mov ebp, 0x12345678
    enter 8, 0
    mov [scratch], esp
    mov [scratch + 4], ebp
    hlt                           ; #GP: back to ring 0
r3_push_straddle:
    mov esp, 0x200002
    push eax                      ; 0x1FFFFE-0x200001: #PF 7 at 0x1FFFFE
    hlt

bits 16
int87:                        ; CS base 0xF0000: reached at offset int87 - $$
    mov bx, int87 - $$
    movzx ebx, bx
    jmp dword SEL_C32:LIN(back87)

bits 32
ring_gate:
conf_code:
    retf
bits 16
    times 0xfff0-($-$$) db 0
    jmp 0xf000:start
    times 0x10000-($-$$) db 0xff
