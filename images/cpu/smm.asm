; smm.asm: System Management Mode. An SMI raised through the APM control port (0xB2,
; enabled by PIIX4-PM's APMC_EN bit as SeaBIOS does it; the harness maps 0xB2 to the
; CPU's SMI input) enters SMM at SMBASE 0x30000 + 0x8000; the handler records the entry
; state, checks the revision, changes the saved EAX, relocates SMBASE to 0x50000 and
; leaves by RSM. A second SMI must then enter at 0x58000. Output compared with QEMU 7.2.
%include "lib.inc"
bits 16
start:
    cli
    xor ax, ax
    mov ss, ax
    mov ds, ax
    mov es, ax
    mov sp, 0x7000
    ; PIIX4-PM (bus 0, device 1, function 3) config 0x58 DEVACTB: set APMC_EN (bit 25)
    mov eax, 0x8000_0b58
    mov dx, 0xcf8
    out dx, eax
    mov dx, 0xcfc
    in eax, dx
    or eax, 1 << 25
    out dx, eax
    ; copy the handler to both SMBASE + 0x8000 locations
    mov ax, cs
    mov ds, ax
    mov ax, 0x3800
    mov es, ax
    mov si, handler
    xor di, di
    mov cx, handler_end - handler
    rep movsb
    mov ax, 0x5800
    mov es, ax
    mov si, handler
    xor di, di
    mov cx, handler_end - handler
    rep movsb
    xor ax, ax
    mov ds, ax
    mov es, ax
    mov dword [0x600], 0
    mov eax, 0x11111111
    mov ebx, 0x22222222
    out 0xb2, al              ; SMI
    nop
    jmp short $+2             ; QEMU takes the SMI at the end of its translation block
    call hex32_16             ; EAX as changed by the handler
    call nl16
    mov eax, ebx
    call hex32_16
    call nl16
    mov cx, 6
    mov si, 0x600
.p: mov eax, [si]
    call hex32_16
    call nl16
    add si, 4
    loop .p
    mov eax, 0x33333333
    out 0xb2, al              ; second SMI: SMBASE is 0x50000 now
    nop
    jmp short $+2
    mov eax, [0x600]
    call hex32_16
    call nl16
    mov eax, [0x604]
    call hex32_16
    call nl16
    PRINT16 "smm: done", 10
    mov al, 0
    call exit16

handler:                      ; runs at SMBASE + 0x8000, CS base SMBASE, DS base 0
    mov eax, cs
    mov [0x604], eax          ; CS selector in SMM
    mov eax, [0x600]
    inc eax
    mov [0x600], eax          ; SMI count
    mov eax, cr0
    mov [0x608], eax
    pushfd
    pop eax
    mov [0x60c], eax
    mov ebx, cs
    shl ebx, 4                ; SMBASE = CS base
    mov eax, [ebx + 0xfefc]   ; revision
    mov [0x610], eax
    mov eax, [ebx + 0xffd0]   ; saved EAX
    mov [0x614], eax
    mov dword [ebx + 0xffd0], 0xabcdef01
    mov dword [ebx + 0xfef8], 0x50000     ; relocate
    rsm
handler_end:

    times 0xfff0-($-$$) db 0
    jmp 0xf000:start
    times 0x10000-($-$$) db 0xff
