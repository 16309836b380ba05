; savevm_fill.asm: a 64 KiB -bios program for tests/bench/savevm.sh. From the reset vector
; it enables A20 (port 0x92), enters 32-bit protected mode with a flat GDT, reads the RAM
; size from CMOS (0x34/0x35: 64 KiB units above 16 MiB), fills every page from 1 MiB up
; with a different non-zero dword pattern (rep stosd per page), prints "FILLED\n" on COM1
; and halts with interrupts off. The same file runs on QEMU 7.2 and on pcemu.
        bits 16
        org 0
BASE    equ 0xF0000
start:
        cli
        in al, 0x92
        or al, 2
        out 0x92, al
        mov ax, 0xF000
        mov ds, ax
        lgdt [gdtr]
        mov eax, cr0
        or eax, 1
        mov cr0, eax
        jmp dword 0x08:(BASE + pm)
        bits 32
pm:
        mov ax, 0x10
        mov ds, ax
        mov es, ax
        mov ss, ax
        mov al, 0x35            ; CMOS: extended memory above 16 MiB, 64 KiB units
        out 0x70, al
        in al, 0x71
        movzx ebx, al
        shl ebx, 8
        mov al, 0x34
        out 0x70, al
        in al, 0x71
        mov bl, al
        shl ebx, 16             ; bytes
        add ebx, 0x1000000      ; end of RAM
        mov edi, 0x100000
        mov eax, 0x12345678
.page:  mov ecx, 1024
        rep stosd
        add eax, 0x9E3779B9
        cmp edi, ebx
        jb .page
        mov esi, BASE + msg
.out:   mov al, [esi]
        test al, al
        jz .done
        mov dx, 0x3F8
        out dx, al
        inc esi
        jmp .out
.done:  cli
        hlt
        jmp .done
msg:    db "FILLED", 10, 0
        align 8
gdt:    dq 0
        dq 0x00CF9A000000FFFF   ; 0x08 code, flat
        dq 0x00CF92000000FFFF   ; 0x10 data, flat
gdtr:   dw 23
        dd BASE + gdt
        times 0xFFF0 - ($ - $$) db 0
        bits 16
reset:  jmp 0xF000:start
        times 0x10000 - ($ - $$) db 0
