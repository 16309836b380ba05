; serial_span.asm: a 64 KiB -bios program for tests/scripts/monitor_run_until.sh. It prints
; "A" on COM1, spins for about 3 million instructions (three monitor slices), prints "B",
; a newline and halts with interrupts off: the text "AB" spans slices.
        bits 16
        org 0
start:
        cli
        mov dx, 0x3F8
        mov al, 'A'
        out dx, al
        mov ecx, 1500000
.spin:  dec ecx
        jnz .spin
        mov al, 'B'
        out dx, al
        mov al, 10
        out dx, al
        hlt
        jmp $ - 1
        times 0xFFF0 - ($ - $$) db 0
        jmp 0xF000:start
        times 0x10000 - ($ - $$) db 0
