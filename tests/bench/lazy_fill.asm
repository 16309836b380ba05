; lazy_fill.asm: a 64 KiB -bios program for tests/bench/lazy.sh. From the reset vector it
; enters flat 32-bit protected mode, fills FILL_MIB MiB from 1 MiB up with a different
; non-zero dword pattern per page (FILL_MIB is given to nasm with -D: 95 for a guest using
; 96 MiB, 0 for an idle one), prints "FILLED\n" on COM1, then forever sums the dwords of
; the first MiB above 1 MiB and prints the sum as a line of eight hex digits. A guest
; started from a snapshot taken at "FILLED" prints its next line after reading 1 MiB of
; its RAM, the same line on QEMU 7.2 and on pcemu.
%include "bios_pm.inc"
        BIOS_PM_ENTRY
        mov edi, 0x100000
        mov ebx, 0x100000 + FILL_MIB * 0x100000
        mov eax, 0x12345678
.page:  cmp edi, ebx
        jae .filled
        mov ecx, 1024
        rep stosd
        add eax, 0x9E3779B9
        jmp .page
.filled:
        mov esi, BASE + msg
        mov dx, 0x3F8
.out:   mov al, [esi]
        test al, al
        jz .loop
        out dx, al
        inc esi
        jmp .out
.loop:  xor eax, eax
        mov esi, 0x100000
        mov ecx, 0x40000        ; dwords in 1 MiB
.sum:   add eax, [esi]
        add esi, 4
        dec ecx
        jnz .sum
        mov ebx, eax
        mov ecx, 8
.hex:   rol ebx, 4
        mov al, bl
        and al, 15
        add al, '0'
        cmp al, '9'
        jbe .digit
        add al, 7
.digit: out dx, al
        dec ecx
        jnz .hex
        mov al, 10
        out dx, al
        jmp .loop
msg:    db "FILLED", 10, 0
        BIOS_PM_TAIL
