; savevm_fill.asm: a 64 KiB -bios program for tests/bench/savevm.sh. From the reset vector
; it enables A20 (port 0x92), enters 32-bit protected mode with a flat GDT, reads the RAM
; size from CMOS (0x34/0x35: 64 KiB units above 16 MiB), fills every page from 1 MiB up
; with a different non-zero dword pattern (rep stosd per page), prints "FILLED\n" on COM1
; and halts with interrupts off. The same file runs on QEMU 7.2 and on pcemu.
%include "bios_pm.inc"
        BIOS_PM_ENTRY
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
        BIOS_PM_TAIL
