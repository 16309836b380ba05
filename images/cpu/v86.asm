; v86.asm: virtual-8086 mode. Entry by IRETD with VM set, INT n with IOPL 3 through a
; DPL 3 gate to ring 0 (the handler sees GS/FS/DS/ES/SS/ESP pushed and null data
; segments), INT through a DPL 0 gate (#GP), IOPL-sensitive instructions with IOPL 0
; (#GP), the I/O bitmap in V86 mode, and a fault from V86 into the ring-0 handler.
; Output compared with QEMU 7.2.
%include "lib.inc"
%include "pm.inc"
bits 16
start:
    jmp pm_enter

bits 32
%macro ENTER_V86 2            ; EIP of the V86 code, EFLAGS
    push dword 0              ; GS
    push dword 0              ; FS
    push dword 0xf000         ; DS
    push dword 0x1234         ; ES
    push dword 0x0700         ; SS
    push dword 0x0f00         ; ESP
    push dword %2
    push dword 0xf000         ; CS
    push dword %1
    iretd
%endmacro

pm_main:
    PRINT32 "v86: start", 10
    mov eax, LIN(int83)
    lea edi, [IDT_RAM + 0x83 * 8]
    mov [edi], ax
    mov word [edi + 2], SEL_C32
    mov word [edi + 4], 0xee00     ; DPL 3 interrupt gate
    shr eax, 16
    mov [edi + 6], ax
    RECOVER back0
    ENTER_V86 v86a, 0x23002        ; VM, IOPL 3
back0:
    RECOVER back1
    ENTER_V86 v86b, 0x20002        ; VM, IOPL 0
back1:
    RECOVER back2
    ENTER_V86 v86c, 0x20002
back2:
    RECOVER back3
    ENTER_V86 v86d, 0x20002
back3:
    PRINT32 "v86: done", 10
    mov al, 0
    jmp exit32

int83:                         ; from V86: EIP CS EFLAGS ESP SS ES DS FS GS
    push ebp
    mov ebp, esp
    push ds
    mov ax, SEL_D32
    mov ds, ax
    PRINT32 "int83:"
    mov ecx, 9
    lea esi, [ebp + 4]
.l: call space32
    mov eax, [esi]
    call hex32_32
    add esi, 4
    loop .l
    PRINT32 " ds="
    mov eax, [ebp - 4]
    and eax, 0xffff
    call hex32_32
    call nl32
    pop ds
    pop ebp
    iretd

bits 16
v86a:
    PRINT16 "in v86, IOPL 3", 10
    mov ax, ss
    movzx eax, ax
    call hex32_16
    call nl16
    pushf
    pop ax
    cli
    sti
    int 0x83
    PRINT16 "back in v86", 10
    mov ax, 0x1111
    int 0x84                   ; DPL 0 gate: #GP(0x84*8+2)
v86b:
    PRINT16 "v86 IOPL 0", 10
    cli                        ; #GP(0)
v86c:
    int 0x83                   ; IOPL 0: #GP(0)
v86d:
    in al, 0x60                ; port not in the bitmap: #GP(0)

bits 32
ring_gate:
conf_code:
    retf
bits 16
    times 0xfff0-($-$$) db 0
    jmp 0xf000:start
    times 0x10000-($-$$) db 0xff
