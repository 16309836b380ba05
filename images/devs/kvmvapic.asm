; kvmvapic.asm: a disk image (boot sector plus what it loads) that looks to QEMU's kvmvapic
; device like a 32-bit Windows XP kernel, for tests/scripts/kvmvapic_qemu.sh. SeaBIOS has run
; kvmvapic.bin (at 0xC0000, its table at 0xC0020) before it boots this. The program:
;   - maps 0-4 MiB twice, at 0 and at 0x80000000 (the kernel range, where the device looks
;     for the ROM at 0x800C0020), and the APIC page at 0xFFFE0000; runs at 0x8000xxxx;
;   - points FS at a KPCR at 0x80010000 (self pointer at +0x1C, processor number 0 at +0x51);
;   - runs each TPR access form QEMU patches twice: the first run is an APIC access, which
;     the device answers by patching the instruction into a call to the ROM; the second
;     runs the ROM's handler. A line per run: the form, the value seen, the instruction's 10
;     bytes now, the VAPICState's 5 bytes (0xC0300) and the APIC's TPR read through an
;     unpatchable form;
;   - after the first form (the device ACTIVE), "VAPIC patched" and about 3 s of PIT ticks
;     (a save point for the test);
;   - prints the ROM's table (0xC0020, 124 bytes) and "VAPIC done", then stops.
; Both emulators must print the same lines.
        bits 16
        org 0x7C00
KBASE   equ 0x80000000
TPR     equ 0xFFFE0080          ; the APIC's TPR through the kernel's mapping
PD      equ 0x20000             ; page directory; 0x21000: 0-4 MiB; 0x22000: 0xFFC00000-
KPCR    equ 0x10000             ; physical; virtual KBASE + KPCR
VAPIC   equ 0xC0300             ; CPU 0's VAPICState in the ROM (kvmvapic.bin's vapic)
ROMTAB  equ 0xC0020
PRINT_BASE equ 0

start:  cli
        xor ax, ax
        mov ds, ax
        mov es, ax
        mov ss, ax
        mov sp, 0x7C00
        mov ax, 0x0208          ; the 8 sectors after this one to 0x7E00
        mov bx, 0x7E00
        mov cx, 0x0002
        xor dh, dh
        int 0x13
        jc $
        lgdt [gdtr]
        mov eax, cr0
        or al, 1
        mov cr0, eax
        jmp 0x08:pm

gdt:    dq 0
        dq 0x00CF9A000000FFFF   ; 0x08 code, flat
        dq 0x00CF92000000FFFF   ; 0x10 data, flat
        dw 0x0FFF, KPCR & 0xFFFF        ; 0x18 FS: the KPCR, base KBASE + KPCR
        db (KPCR >> 16) & 0xFF, 0x92, 0x40, (KBASE + KPCR) >> 24
gdtr:   dw gdtr - gdt - 1
        dd gdt

        times 510 - ($ - $$) db 0
        dw 0xAA55

        bits 32
pm:     mov ax, 0x10
        mov ds, ax
        mov es, ax
        mov ss, ax
        mov esp, 0x7000
        mov edi, PD             ; three zeroed pages
        mov ecx, 3 * 1024
        xor eax, eax
        rep stosd
        mov dword [PD], 0x21003                 ; 0-4 MiB
        mov dword [PD + (KBASE >> 22) * 4], 0x21003   ; again at KBASE
        mov dword [PD + 0x3FF * 4], 0x22003     ; the top 4 MiB
        mov dword [0x22000 + ((TPR >> 12) & 0x3FF) * 4], 0xFEE00013   ; the APIC, uncached
        mov edi, 0x21000
        mov eax, 0x003
.pt:    stosd
        add eax, 0x1000
        cmp edi, 0x22000
        jb .pt
        mov dword [KPCR + 0x1C], KBASE + KPCR   ; KPCR.self
        mov byte [KPCR + 0x51], 0               ; KPCR.number
        mov eax, PD
        mov cr3, eax
        mov eax, cr0
        or eax, 0x80000000
        mov cr0, eax
        jmp 0x08:KBASE + kernel

kernel: mov esp, KBASE + 0x7000
        mov ax, 0x18
        mov fs, ax
        mov esi, msg_start
        call puts

        mov dword [form], 'a1'
        mov edi, 2
.a1:    mov eax, 0x11111111
.i_a1:   mov eax, [TPR]                  ; A1: read into EAX
        mov ebx, .i_a1
        call report
        dec edi
        jnz .a1

        ; the device is ACTIVE now: kvmvapic_qemu.sh saves here. About 3 s of PIT ticks
        ; (IRQ 0 only) give a QEMU monitor time to save before the rest runs.
        mov esi, msg_patched
        call puts
        lidt [idtr]
        mov al, 0xFE
        out 0x21, al
        mov al, 0xFF
        out 0xA1, al
        sti
.wait:  hlt
        cmp dword [ticks], 55
        jb .wait
        cli

        mov dword [form], 'a3'
        mov edi, 2
.a3:    lea eax, [edi * 8 + 0x20]       ; TPR 0x30 on the first run, 0x28 on the second
.i_a3:   mov [TPR], eax                  ; A3: write EAX
        mov ebx, .i_a3
        call report
        dec edi
        jnz .a3

        mov dword [form], '89'
        mov edi, 2
.m89:   lea edx, [edi * 8 + 0x50]
.i_89:   mov [TPR], edx                  ; 89 /r: write EDX
        mov eax, edx
        mov ebx, .i_89
        call report
        dec edi
        jnz .m89

        mov dword [form], '8b'
        mov edi, 2
.m8b:   mov ecx, 0x22222222
.i_8b:   mov ecx, [TPR]                  ; 8B /r: read into ECX
        mov eax, ecx
        mov ebx, .i_8b
        call report
        dec edi
        jnz .m8b

        mov dword [form], 'ff'
        mov edi, 2
.ff:    mov ebp, esp
.i_ff:   push dword [TPR]                ; FF /6: push
        pop eax
        mov ebx, .i_ff
        call report
        dec edi
        jnz .ff

        mov dword [form], 'c7'
        mov edi, 2
.c7:
.i_c7:   mov dword [TPR], 0x70           ; C7 /0: write an immediate
        mov eax, 0x70
        mov ebx, .i_c7
        call report
        dec edi
        jnz .c7

        mov esi, msg_table              ; the ROM's table after all this
        call puts
        mov esi, ROMTAB
        mov ecx, 124
.tab:   lodsb
        call sphex8
        loop .tab
        call nl
        mov esi, msg_done
        call puts
        cli
        hlt
        jmp $

; One line: the form, EAX, the 10 bytes at EBX, the VAPICState, the APIC's TPR.
report: pushad
        push eax
        mov eax, [form]
        call putc
        shr eax, 8
        call putc
        pop eax
        call sphex
        mov al, ' '
        call putc
        mov esi, ebx
        mov ecx, 10
.b:     lodsb
        call puthex8
        loop .b
        mov esi, VAPIC
        mov ecx, 5
.v:     lodsb
        call sphex8
        loop .v
        mov ebx, TPR                    ; not a form the device patches
        mov eax, [ebx]
        call sphex
        call nl
        popad
        ret

irq0:   inc dword [ticks]               ; the PIT, vector 8 (SeaBIOS's 8259 base)
        push eax
        mov al, 0x20
        out 0x20, al
        pop eax
        iret

%include "com1.inc"

form:       dd 0
ticks:      dd 0
idtr:       dw 9 * 8 - 1
            dd KBASE + idt
idt:        times 8 dq 0
            dw (irq0 - $$ + 0x7C00) & 0xFFFF, 0x08, 0x8E00, (KBASE + irq0 - $$ + 0x7C00) >> 16
msg_start:  db "VAPIC kernel at 0x8000xxxx", 10, 0
msg_patched: db "VAPIC patched", 10, 0
msg_table:  db "table", 0
msg_done:   db "VAPIC done", 10, 0

        times 9 * 512 - ($ - $$) db 0
