; savevm_pit.asm: a 64 KiB -bios program for tests/scripts/savevm_pit.sh, independent of
; SeaBIOS and the disk. From the reset vector: A20 on (port 0x92), 32-bit protected mode
; with a flat GDT, an IDT at 0x1000 (vector 0x20 = IRQ 0, every other vector prints
; "EXC" and halts), the 8259 pair remapped to 0x20/0x28 with only IRQ 0 unmasked, PIT
; channel 0 in mode 2 at 100 Hz. Then STI;HLT rounds: each timer tick the handler counts
; and rewrites a 64 KiB RAM window at 0x100000 with a pattern of the tick count; every 10
; ticks the main loop checks the window against the pattern it expects, folds it into a
; running sum and prints "PIT tick T sum S ok" (or "BAD") on COM1; after ROUNDS lines it
; prints "PIT done" and halts with interrupts off.
%ifndef ROUNDS
%define ROUNDS 40
%endif
%include "bios_pm.inc"
        BIOS_PM_ENTRY
IDT     equ 0x1000
TICKS   equ 0x2000
WIN     equ 0x100000
        ; IDT: 256 interrupt gates to exc, vector 0x20 to tick
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
        ; 8259 pair: vectors 0x20 and 0x28, only IRQ 0
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
        ; PIT channel 0, mode 2, 100 Hz
        mov al, 0x34
        out 0x43, al
        mov ax, 11932
        out 0x40, al
        mov al, ah
        out 0x40, al
        mov dword [TICKS], 0
        xor ebp, ebp            ; running sum
        xor ebx, ebx            ; lines printed
        mov esi, BASE + msg_start
        call puts
.round: mov edx, [TICKS]
        add edx, 10
.wait:  sti
        hlt
        cli
        cmp [TICKS], edx
        jb .wait
        ; the window holds the pattern of the tick count the handler last wrote
        mov eax, [TICKS]
        imul eax, eax, 0x9E3779B9
        mov edi, WIN
        mov ecx, 16384
        xor edx, edx
.chk:   cmp [edi], eax
        je .same
        inc edx
.same:  add ebp, [edi]
        rol ebp, 1
        add edi, 4
        dec ecx
        jnz .chk
        mov esi, BASE + msg_tick
        call puts
        mov eax, [TICKS]
        call puthex
        mov esi, BASE + msg_sum
        call puts
        mov eax, ebp
        call puthex
        mov esi, BASE + msg_ok
        test edx, edx
        jz .ok
        mov esi, BASE + msg_bad
.ok:    call puts
        inc ebx
        cmp ebx, ROUNDS
        jb .round
        mov esi, BASE + msg_done
        call puts
.halt:  cli
        hlt
        jmp .halt

tick:   push eax
        push ecx
        push edi
        mov eax, [TICKS]
        inc eax
        mov [TICKS], eax
        imul eax, eax, 0x9E3779B9
        mov edi, WIN
        mov ecx, 16384
        cld
        rep stosd
        mov al, 0x20
        out 0x20, al
        pop edi
        pop ecx
        pop eax
        iretd

exc:    mov esi, BASE + msg_exc
        call puts
        jmp .halt2
.halt2: cli
        hlt
        jmp .halt2

puts:   push eax
        push edx
.l:     mov al, [esi]
        test al, al
        jz .e
        mov dx, 0x3F8
        out dx, al
        inc esi
        jmp .l
.e:     pop edx
        pop eax
        ret

puthex: push ecx
        push edx
        mov ecx, 8
.h:     rol eax, 4
        mov edx, eax
        and edx, 15
        mov dl, [BASE + hex + edx]
        push eax
        mov al, dl
        mov dx, 0x3F8
        out dx, al
        pop eax
        dec ecx
        jnz .h
        pop edx
        pop ecx
        ret

hex:       db "0123456789abcdef"
msg_start: db "PIT protected mode, IRQ 0 at 100 Hz", 10, 0
msg_tick:  db "PIT tick ", 0
msg_sum:   db " sum ", 0
msg_ok:    db " ok", 10, 0
msg_bad:   db " BAD", 10, 0
msg_done:  db "PIT done", 10, 0
msg_exc:   db "PIT EXC", 10, 0
idtr:   dw 256 * 8 - 1
        dd IDT
        BIOS_PM_TAIL
