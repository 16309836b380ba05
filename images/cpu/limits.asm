; limits.asm: segment limit checks that QEMU's TCG does not make (it ignores segment
; limits and null data segments on access), so this program is compared only with its
; expected output, written from the SDM: limit of a small segment, expand-down segments,
; use of a null selector, 16-bit wrap at 64 KiB, stack limit (#SS) and CS limit on a jump.
; qemu: no
%include "lib.inc"
%include "pm.inc"
bits 16
start:
    jmp pm_enter

bits 32
pm_main:
    PRINT32 "limits: start", 10
    RECOVER t1
    mov ax, SEL_SMALL
    mov ds, ax
    mov eax, [0xc]            ; last dword inside the limit
    mov eax, [0xd]            ; crosses the limit: #GP(0)
t1:
    mov ax, SEL_D32
    mov ds, ax
    RECOVER t2
    mov ax, SEL_EDN
    mov es, ax
    mov dword [es:0x1000], 0x1234   ; above the limit: valid for expand-down
    mov eax, [es:0x1000]
    call hex32_32
    call nl32
    mov eax, [es:0xffc]       ; last dword below the limit boundary: #GP(0)
t2:
    RECOVER t3
    xor eax, eax
    mov fs, ax
    mov eax, [fs:0]           ; null selector used: #GP(0)
t3:
    RECOVER t4
    mov eax, [0xfffffffe]     ; crosses 4 GiB in a 4 GiB segment: wraps, no fault
    PRINT32 "wrap ok", 10
    mov ax, SEL_D16
    mov ds, ax
    mov eax, [0xfffe]         ; 16-bit data segment, crosses 64 KiB: #GP(0)
t4:
    mov ax, SEL_D32
    mov ds, ax
    RECOVER t5
    mov ax, SEL_D16
    mov ss, ax
    mov esp, 0x8000
    push eax                  ; inside the limit: fine
    mov eax, [ss:0xfffe]      ; crosses the 64 KiB limit: #SS(0)
t5:
    RECOVER t6
    mov ax, SEL_EDN
    mov ds, ax
    mov eax, [0x2000]         ; expand-down: offsets above the limit are valid
    PRINT32 "edn read", 10    ; the string is above 0x1000 too
t6:
    mov ax, SEL_D32
    mov ds, ax
    RECOVER t7
    jmp dword SEL_C16:0x10000 ; beyond the 16-bit code segment's limit: #GP(0)
t7:
    PRINT32 "limits: done", 10
    mov al, 0
    jmp exit32
ring_gate:                    ; the GDT's gates need targets; unused here
conf_code:
    retf

bits 16
    times 0xfff0-($-$$) db 0
    jmp 0xf000:start
    times 0x10000-($-$$) db 0xff
