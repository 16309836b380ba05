; tsc_hlt.asm: a 64 KiB -bios program for tests/scripts/time_tsc.sh. In flat 32-bit
; protected mode, with the 8259 pair at 0x20/0x28 and only IRQ 0 unmasked, PIT channel 0
; in mode 2 at about 1 kHz (count 1193), it prints on COM1, for ever, one line per timer
; tick: "tick T tsc H:L after D", the TSC read right after the HLT that waited for tick T
; (EDX:EAX) and its difference D from the TSC read just before that HLT. Under -icount the
; TSC is the virtual clock in ns, so D is the time the HLT skipped plus the handler.
%include "bios_pm.inc"
        BIOS_PM_ENTRY
IDT     equ 0x1000
TICKS   equ 0x2000
        mov edi, IDT
        xor ecx, ecx
.idt:   mov eax, BASE + exc
        cmp ecx, 0x20
        jne .g
        mov eax, BASE + tick
.g:     mov word [edi], ax
        mov word [edi + 2], 0x08
        mov word [edi + 4], 0x8E00
        shr eax, 16
        mov word [edi + 6], ax
        add edi, 8
        inc ecx
        cmp ecx, 256
        jb .idt
        lidt [BASE + idtr]
        mov al, 0x11
        out 0x20, al
        out 0xA0, al
        mov al, 0x20
        out 0x21, al
        mov al, 0x28
        out 0xA1, al
        mov al, 4
        out 0x21, al
        mov al, 2
        out 0xA1, al
        mov al, 1
        out 0x21, al
        out 0xA1, al
        mov al, 0xFE
        out 0x21, al
        mov al, 0xFF
        out 0xA1, al
        mov al, 0x34
        out 0x43, al
        mov ax, 1193
        out 0x40, al
        mov al, ah
        out 0x40, al
        mov dword [TICKS], 0
.round: rdtsc
        mov esi, eax
        mov edi, edx
        sti
        hlt
        cli
        rdtsc
        mov ebx, eax
        mov ebp, edx
        push esi
        mov esi, BASE + msg_tick
        call puts
        pop esi
        mov eax, [TICKS]
        call puthex
        push esi
        mov esi, BASE + msg_tsc
        call puts
        pop esi
        mov eax, ebp
        call puthex
        mov al, ':'
        call putc
        mov eax, ebx
        call puthex
        push esi
        mov esi, BASE + msg_after
        call puts
        pop esi
        mov eax, ebx
        sub eax, esi
        call puthex
        mov al, 10
        call putc
        jmp .round

tick:   push eax
        inc dword [TICKS]
        mov al, 0x20
        out 0x20, al
        pop eax
        iretd

exc:    mov esi, BASE + msg_exc
        call puts
.halt:  cli
        hlt
        jmp .halt

putc:   push edx
        mov dx, 0x3F8
        out dx, al
        pop edx
        ret
puts:   push eax
.l:     mov al, [esi]
        test al, al
        jz .e
        call putc
        inc esi
        jmp .l
.e:     pop eax
        ret
puthex: push ecx
        push edx
        mov ecx, 8
.h:     rol eax, 4
        mov edx, eax
        and edx, 15
        push eax
        mov al, [BASE + hex + edx]
        call putc
        pop eax
        dec ecx
        jnz .h
        pop edx
        pop ecx
        ret

hex:       db "0123456789abcdef"
msg_tick:  db "tick ", 0
msg_tsc:   db " tsc ", 0
msg_after: db " after ", 0
msg_exc:   db "EXC", 10, 0
idtr:   dw 256 * 8 - 1
        dd IDT
        BIOS_PM_TAIL
