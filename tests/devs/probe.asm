; probe.asm: a 64 KiB firmware image (-bios) that pokes the ISA chips from the reset
; vector and reports what it reads, as hex bytes, on the debug console (port 0x402).
; tests/scripts/devs_probe.sh runs it on QEMU 7.2 and on pcemu and compares the reports.
; Both are run at one instruction per virtual ns (QEMU -icount shift=0,sleep=off, RTC on
; the virtual clock, the same RTC base), so the "C:" line reports time-dependent values
; too; elsewhere values that depend on when the probe started are masked out. Ends with
; an exit write to port 0xF4 (QEMU's isa-debug-exit) and CLI; HLT (pcemu -run-until halt).
bits 16
cpu 686
org 0

%macro OUTB 2
    mov al, %2
    out %1, al
%endmacro
%macro OUTW 2            ; 16-bit port number
    mov dx, %1
    mov al, %2
    out dx, al
%endmacro
%macro INB 1             ; report the byte read from an 8-bit port
    in al, %1
    call put_hex
%endmacro
%macro INW 1             ; report the byte read from a 16-bit port
    mov dx, %1
    in al, dx
    call put_hex
%endmacro
%macro INM 2             ; report (byte read) & mask
    in al, %1
    and al, %2
    call put_hex
%endmacro
%macro TAG 1             ; start a report line: "X: "
    mov al, %1
    call put_char
    mov al, ':'
    call put_char
%endmacro

start:
    cli
    xor ax, ax
    mov ss, ax
    mov sp, 0x7000
    mov ax, cs
    mov ds, ax

    ; PIT channel 0 to a long mode-0 count, so IRQ 0 has no edge while we probe
    OUTB 0x43, 0x30
    OUTB 0x40, 0xff
    OUTB 0x40, 0xff

    ; ---- P: 8259 pair ----
    TAG 'P'
    OUTB 0x20, 0x11
    OUTB 0xa0, 0x11
    OUTB 0x21, 0x08
    OUTB 0xa1, 0x70
    OUTB 0x21, 0x04
    OUTB 0xa1, 0x02
    OUTB 0x21, 0x01
    OUTB 0xa1, 0x01
    OUTB 0x21, 0xb8
    OUTB 0xa1, 0x8e
    INB 0x21
    INB 0xa1
    OUTB 0x20, 0x0a          ; read IRR
    INM 0x20, 0xfe
    OUTB 0x20, 0x0b          ; read ISR
    INB 0x20
    OUTW 0x4d0, 0xff         ; ELCR masks
    OUTW 0x4d1, 0xff
    INW 0x4d0
    INW 0x4d1
    OUTW 0x4d0, 0x00
    OUTW 0x4d1, 0x0c
    INW 0x4d1
    call newline

    ; ---- K: 8042 ----
    TAG 'K'
    INB 0x64                 ; status after reset
    OUTB 0x64, 0x20          ; read command byte: IRQ 1 raised
    call kbc_read
    OUTB 0x20, 0x0a
    INM 0x20, 0xfe           ; IRR: the request is latched
    OUTB 0x20, 0x0c          ; poll: acknowledges IRQ 1
    INB 0x20
    OUTB 0x20, 0x20          ; EOI
    OUTB 0x64, 0xaa          ; self-test
    call kbc_read
    INB 0x64
    OUTB 0x64, 0xab          ; interface test
    call kbc_read
    OUTB 0x64, 0xc0          ; input port
    call kbc_read
    OUTB 0x64, 0xd0          ; output port
    call kbc_read
    OUTB 0x64, 0xd2          ; write output buffer
    OUTB 0x60, 0x5a
    call kbc_read
    OUTB 0x64, 0xd3          ; write aux output buffer
    OUTB 0x60, 0xa5
    INB 0x64
    call kbc_read
    OUTB 0x60, 0xff          ; keyboard reset
    call kbc_read
    call kbc_read
    OUTB 0x60, 0xf2          ; identify (no translation: command byte bit 6 clear)
    call kbc_read
    call kbc_read
    call kbc_read
    OUTB 0x60, 0xf0          ; get scan-code set
    call kbc_read
    OUTB 0x60, 0x00
    call kbc_read
    call kbc_read
    OUTB 0x60, 0xee          ; echo
    call kbc_read
    OUTB 0x60, 0x77          ; unknown: resend
    call kbc_read
    OUTB 0x64, 0x60          ; command byte: translation on, both ports enabled
    OUTB 0x60, 0x43
    OUTB 0x60, 0xf2
    call kbc_read
    call kbc_read
    call kbc_read
    OUTB 0x64, 0xd4          ; mouse reset
    OUTB 0x60, 0xff
    INB 0x64
    call kbc_read
    call kbc_read
    call kbc_read
    OUTB 0x64, 0xd4          ; mouse status request
    OUTB 0x60, 0xe9
    call kbc_read
    call kbc_read
    call kbc_read
    call kbc_read
    OUTB 0x64, 0xa9          ; aux interface test
    call kbc_read
    OUTB 0x64, 0x20
    call kbc_read
    INB 0x60                 ; nothing new: the last byte again
    INB 0x64
    call newline

    ; ---- U: 16550A at 0x3F8 ----
    TAG 'U'
    mov si, 0x3f8
    call uart_regs
    OUTW 0x3fb, 0x83         ; DLAB
    INW 0x3f8
    INW 0x3f9
    OUTW 0x3f8, 0x01
    OUTW 0x3fb, 0x03
    OUTW 0x3f9, 0x0f         ; all interrupts
    INW 0x3f9
    INW 0x3fa                ; THR empty pending
    INW 0x3fa                ; acknowledged by the first read
    OUTW 0x3fc, 0x1b         ; loopback
    INW 0x3fe
    OUTW 0x3f8, 0x41
    INW 0x3fd
    INW 0x3fa
    INW 0x3f8
    INW 0x3fd
    OUTW 0x3f8, 0x42
    OUTW 0x3f8, 0x43         ; overrun
    INW 0x3fa
    INW 0x3fd
    INW 0x3fd
    INW 0x3f8
    OUTW 0x3fa, 0xc7         ; FIFO on, trigger 14
    INW 0x3fa
    OUTW 0x3f8, 0x31
    OUTW 0x3f8, 0x32
    INW 0x3fd
    INW 0x3f8
    INW 0x3f8
    INW 0x3fd
    OUTW 0x3fa, 0x00
    INW 0x3fa
    OUTW 0x3ff, 0x5a
    INW 0x3ff
    OUTW 0x3fc, 0x00
    OUTW 0x3f9, 0x00
    call uart_regs
    INW 0x2f8                ; no COM2
    call newline

    ; ---- D: 8237 pair ----
    TAG 'D'
    OUTB 0x0d, 0x00
    OUTB 0xda, 0x00
    OUTB 0xd6, 0xc0
    OUTB 0xd4, 0x00
    OUTB 0x0c, 0x00
    OUTB 0x04, 0x34
    OUTB 0x04, 0x12
    OUTB 0x05, 0xff
    OUTB 0x05, 0x01
    OUTB 0x0c, 0x00
    INB 0x04
    INB 0x04
    INB 0x05
    INB 0x05
    OUTB 0x81, 0x05
    OUTB 0x82, 0x06
    OUTB 0x83, 0x07
    OUTB 0x87, 0x08
    OUTB 0x89, 0x09
    OUTB 0x8f, 0x0a
    INB 0x81
    INB 0x82
    INB 0x83
    INB 0x87
    INB 0x89
    INB 0x8f
    INB 0x80                 ; not a page register
    INB 0x08                 ; status
    OUTB 0x09, 0x06          ; request channel 2
    INB 0x08
    INB 0x08
    OUTB 0xd8, 0x00
    OUTB 0xc4, 0x00
    OUTB 0xc4, 0x08
    OUTB 0xd8, 0x00
    INB 0xc4
    INB 0xc4
    call newline

    ; ---- R: MC146818 (no time values) ----
    TAG 'R'
    INB 0x70
    mov al, 0x8a
    out 0x70, al
    INM 0x71, 0x7f
    mov al, 0x8b
    out 0x70, al
    INB 0x71
    mov al, 0x8d
    out 0x70, al
    INB 0x71
    mov al, 0x8c
    out 0x70, al
    in al, 0x71
    in al, 0x71
    call put_hex              ; C after a read: 0
    mov al, 0xc0
    out 0x70, al
    mov al, 0x3c
    out 0x71, al
    INB 0x71
    mov al, 0x8b              ; SET, binary, 24 h: freeze and set 12:34:56
    out 0x70, al
    mov al, 0x86
    out 0x71, al
    mov al, 0x84
    out 0x70, al
    mov al, 12
    out 0x71, al
    mov al, 0x82
    out 0x70, al
    mov al, 34
    out 0x71, al
    mov al, 0x80
    out 0x70, al
    mov al, 56
    out 0x71, al
    INB 0x71
    mov al, 0x82
    out 0x70, al
    INB 0x71
    mov al, 0x84
    out 0x70, al
    INB 0x71
    mov al, 0x8b
    out 0x70, al
    mov al, 0x02
    out 0x71, al
    INB 0x71
    call newline

    ; ---- T: 8254 and port 0x61 (no counter values) ----
    TAG 'T'
    INM 0x61, 0xcf            ; OUT2 and the refresh bit depend on time

    OUTB 0x61, 0x01
    OUTB 0x43, 0xb0
    OUTB 0x42, 0x00
    OUTB 0x42, 0x80
    INM 0x61, 0xef
    OUTB 0x43, 0xe8           ; read-back status of channel 2
    INB 0x42
    OUTB 0x43, 0xe2           ; and channel 0
    INB 0x40
    OUTB 0x43, 0x94           ; channel 2: LSB only, mode 2
    OUTB 0x43, 0xe8
    INB 0x42
    INB 0x43
    OUTB 0x61, 0x02
    INM 0x61, 0xef
    call newline

    ; ---- A: port 0x92 ----
    TAG 'A'
    INB 0x92
    OUTB 0x92, 0x02
    INB 0x92
    call newline

    ; ---- I: interrupt delivery through the PICs to the CPU ----
    ; A local APIC (QEMU's) passes the 8259's INTR only through LINT0 in ExtINT mode, which
    ; firmware sets up (QEMU 7.2 resets it masked): when CPUID reports an APIC, enable it
    ; and write LVT LINT0 = 0x700, through FS made flat in "unreal" mode.
    mov eax, 1
    cpuid
    test edx, 1 << 9
    jz .no_apic
    lgdt [cs:gdtr]
    mov eax, cr0
    or al, 1
    mov cr0, eax
    mov bx, 8
    mov fs, bx
    and al, 0xfe
    mov cr0, eax
    xor bx, bx
    mov fs, bx
    or dword [fs:dword 0xfee000f0], 0x100
    mov dword [fs:dword 0xfee00350], 0x700
.no_apic:
    TAG 'I'
    call irq_setup
    ; (a) IRQ 1 (8042 reply) and IRQ 4 (UART THR empty) pending with IF = 0: priority order
    OUTB 0x21, 0xed           ; unmask IRQ 1, 4
    call raise_kbd_uart
    call run_irqs
    ; (b) rotated priorities: IR1 lowest, so IR4 first
    OUTB 0x20, 0xc1
    call raise_kbd_uart
    call run_irqs
    OUTB 0x20, 0xc7           ; back to IR0 highest
    ; (c) automatic EOI: handlers send no EOI, ISR stays clear
    call pic_init_aeoi
    mov byte [es:AEOI], 1
    OUTB 0x21, 0xed
    call raise_kbd_uart
    call run_irqs
    mov byte [es:AEOI], 0
    call pic_init
    ; (d) poll mode instead of INTA
    OUTB 0x21, 0xed
    call raise_kbd_uart
    OUTB 0x20, 0x0c
    INB 0x20
    OUTB 0x20, 0x0c
    INB 0x20
    OUTB 0x20, 0x0b
    INB 0x20
    OUTB 0x20, 0x20
    OUTB 0x20, 0x20
    in al, 0x60
    OUTW 0x3f9, 0x00
    call newline
    TAG 'J'
    ; (e) PIT channel 0, mode 2: five IRQ 0 at 1 kHz, waited for with HLT
    OUTB 0x21, 0xfe
    OUTB 0x43, 0x34
    OUTB 0x40, 0xa9
    OUTB 0x40, 0x04
    mov cx, 5
    call wait_irqs
    OUTB 0x43, 0x30           ; stop: mode 0, long count
    OUTB 0x40, 0xff
    OUTB 0x40, 0xff
    ; (f) RTC periodic interrupt (1024 Hz): three IRQ 8 through the slave
    OUTB 0x21, 0xfb
    OUTB 0xa1, 0xfe
    mov al, 0x8b
    out 0x70, al
    mov al, 0x42
    out 0x71, al
    mov cx, 3
    call wait_irqs
    ; (g) RTC update-ended interrupt
    mov al, 0x8b
    out 0x70, al
    mov al, 0x12
    out 0x71, al
    mov cx, 1
    call wait_irqs
    ; (h) RTC alarm interrupt, every field "don't care": at the next update
    mov al, 0x81
    out 0x70, al
    mov al, 0xff
    out 0x71, al
    mov al, 0x83
    out 0x70, al
    mov al, 0xff
    out 0x71, al
    mov al, 0x85
    out 0x70, al
    mov al, 0xff
    out 0x71, al
    mov al, 0x8b
    out 0x70, al
    mov al, 0x22
    out 0x71, al
    mov cx, 1
    call wait_irqs
    mov al, 0x8b
    out 0x70, al
    mov al, 0x02
    out 0x71, al
    OUTB 0xa1, 0xff
    OUTB 0x21, 0xff
    call newline

    ; ---- X: more PIC, 8042 and UART corners, all through polls and register reads ----
    TAG 'X'
    call pic_init
    OUTB 0x21, 0x00
    ; two requests (IRQ 1 from the 8042, IRQ 4 from the UART), taken by polls
    call raise_kbd_uart
    OUTB 0x20, 0x0c
    INB 0x20                  ; 81: IRQ 1
    OUTB 0x20, 0x0c
    INB 0x20                  ; 00: IRQ 4 waits behind IRQ 1 in service
    OUTB 0x20, 0x68           ; special mask mode on
    OUTB 0x21, 0x02           ; mask IR1: IR4 may now nest
    OUTB 0x20, 0x0c
    INB 0x20
    OUTB 0x20, 0x0b
    INB 0x20                  ; ISR: 1 and 4
    OUTB 0x20, 0x48           ; special mask mode off
    OUTB 0x20, 0x61           ; specific EOI for IR1
    OUTB 0x20, 0x0b
    INB 0x20
    OUTB 0x20, 0xa0           ; rotate on non-specific EOI (IR4)
    OUTB 0x20, 0x0b
    INB 0x20
    OUTB 0x20, 0xc7           ; priorities back
    in al, 0x60
    OUTW 0x3f9, 0x00
    OUTB 0x21, 0xff
    ; 8042: output port, command byte, port disables
    OUTB 0x64, 0xd1
    OUTB 0x60, 0xdf
    OUTB 0x64, 0xd0
    call kbc_read
    OUTB 0x64, 0xad
    OUTB 0x64, 0x20
    call kbc_read
    OUTB 0x64, 0xa7
    OUTB 0x64, 0x20
    call kbc_read
    OUTB 0x64, 0xae
    OUTB 0x64, 0xa8
    OUTB 0x64, 0x20
    call kbc_read
    OUTB 0x64, 0xd4           ; mouse: set sample rate 200, 100, 80: IntelliMouse
    OUTB 0x60, 0xf3
    call kbc_read
    OUTB 0x64, 0xd4
    OUTB 0x60, 200
    call kbc_read
    OUTB 0x64, 0xd4
    OUTB 0x60, 0xf3
    call kbc_read
    OUTB 0x64, 0xd4
    OUTB 0x60, 100
    call kbc_read
    OUTB 0x64, 0xd4
    OUTB 0x60, 0xf3
    call kbc_read
    OUTB 0x64, 0xd4
    OUTB 0x60, 80
    call kbc_read
    OUTB 0x64, 0xd4
    OUTB 0x60, 0xf2
    call kbc_read
    call kbc_read
    OUTB 0x64, 0xd4           ; remote mode, poll: ACK and a 4-byte packet
    OUTB 0x60, 0xf0
    call kbc_read
    OUTB 0x64, 0xd4
    OUTB 0x60, 0xeb
    call kbc_read
    call kbc_read
    call kbc_read
    call kbc_read
    call kbc_read
    ; UART: interrupt priorities and modem status in loopback
    OUTW 0x3fa, 0x00
    OUTW 0x3fc, 0x10          ; loopback, all modem outputs low
    OUTW 0x3f9, 0x0f
    INW 0x3fa                 ; THR empty
    OUTW 0x3fc, 0x13          ; DTR, RTS: delta bits
    INW 0x3fe
    INW 0x3fe
    OUTW 0x3f8, 0x55
    OUTW 0x3f8, 0x66          ; overrun: line status outranks data
    INW 0x3fa
    INW 0x3fd
    INW 0x3fa
    INW 0x3f8
    INW 0x3fa
    OUTW 0x3f9, 0x00
    OUTW 0x3fc, 0x00
    call newline

    ; ---- C: time (both emulators at 1 instruction = 1 ns: QEMU -icount shift=0) ----
    TAG 'C'
    ; PIT channel 0, mode 2, count 1000: counter latched every ~5000 instructions
    OUTB 0x43, 0x34
    OUTB 0x40, 0xe8
    OUTB 0x40, 0x03
    mov cx, 4
.c0: OUTB 0x43, 0x00
    in al, 0x40
    mov ah, al
    in al, 0x40
    call put_hex
    mov al, ah
    call put_hex
    mov bx, 1200
.c0d: dec bx
    jnz .c0d
    loop .c0
    ; read-back of the count of channel 0 without latch command: LSB/MSB pairs
    OUTB 0x43, 0xd2
    INB 0x40
    INB 0x40
    ; SeaBIOS's TSC calibration: OUT2 polled until the mode-0 count of 2048 ends
    in al, 0x61
    and al, 0xfd
    or al, 0x01
    out 0x61, al
    OUTB 0x43, 0xb0
    OUTB 0x42, 0x00
    OUTB 0x42, 0x08
    xor ecx, ecx
.c1: inc ecx
    in al, 0x61
    test al, 0x20
    jz .c1
    mov eax, ecx
    call put_hex32
    ; channel 2 mode 3 (square wave), count 20: OUT2 sampled 16 times, ~3 us apart
    OUTB 0x43, 0xb6
    OUTB 0x42, 20
    OUTB 0x42, 0
    mov cx, 16
    xor dx, dx
.c2: in al, 0x61
    shr al, 5
    and al, 1
    shl dx, 1
    or dl, al
    mov bx, 1000
.c2d: dec bx
    jnz .c2d
    loop .c2
    mov ax, dx
    xchg al, ah
    call put_hex
    mov al, ah
    call put_hex
    ; channel 2 mode 1 (one-shot) triggered by the gate, count 500: OUT2 and the count
    OUTB 0x61, 0x00
    OUTB 0x43, 0xb2
    OUTB 0x42, 0xf4
    OUTB 0x42, 0x01
    OUTB 0x61, 0x01           ; trigger
    mov cx, 3
.c3: INM 0x61, 0x20
    OUTB 0x43, 0x80
    INB 0x42
    INB 0x42
    mov bx, 60000
.c3d: dec bx
    jnz .c3d
    loop .c3
    ; channel 2 mode 4 (software strobe), count 50: polls until OUT2 rises, then falls
    OUTB 0x43, 0xb8
    OUTB 0x42, 50
    OUTB 0x42, 0
    xor ecx, ecx
.c4: inc ecx
    in al, 0x61
    test al, 0x20
    jz .c4
    mov eax, ecx
    call put_hex32
    xor ecx, ecx
.c4b: inc ecx
    in al, 0x61
    test al, 0x20
    jnz .c4b
    mov eax, ecx
    call put_hex32
    OUTB 0x61, 0x00
    ; RTC: an update-ended interrupt (HLT) starts a second; 1023 periodic ticks at
    ; 1024 Hz (HLT) later, UIP is watched until it rises and falls
    OUTB 0x21, 0xfb
    OUTB 0xa1, 0xfe
    mov al, 0x8c
    out 0x70, al
    in al, 0x71
    mov al, 0x8a
    out 0x70, al
    mov al, 0x26
    out 0x71, al
    mov al, 0x8b
    out 0x70, al
    mov al, 0x12
    out 0x71, al
    mov cx, 1
    call wait_irqs_quiet
    mov al, 0x8b
    out 0x70, al
    mov al, 0x42
    out 0x71, al
    mov cx, 1023
    call wait_irqs_quiet
    mov al, 0x8b
    out 0x70, al
    mov al, 0x02
    out 0x71, al
    mov al, 0x80
    out 0x70, al
    INB 0x71                  ; seconds
    mov al, 0x8a
    out 0x70, al
    xor ecx, ecx
.c5: inc ecx
    in al, 0x71
    test al, 0x80
    jz .c5
    mov eax, ecx
    call put_hex32
    xor ecx, ecx
.c6: inc ecx
    in al, 0x71
    test al, 0x80
    jnz .c6
    mov eax, ecx
    call put_hex32
    mov al, 0x80
    out 0x70, al
    INB 0x71                  ; seconds, one later
    OUTB 0xa1, 0xff
    OUTB 0x21, 0xff
    ; UART character timeout: 2 bytes in the FIFO, loop until IIR says timeout
    OUTW 0x3fb, 0x83
    OUTW 0x3f8, 0x01
    OUTW 0x3fb, 0x03
    OUTW 0x3fa, 0xc7
    OUTW 0x3fc, 0x10
    OUTW 0x3f9, 0x01
    OUTW 0x3f8, 0x61
    OUTW 0x3f8, 0x62
    xor ecx, ecx
.c7: inc ecx
    mov dx, 0x3fa
    in al, dx
    cmp al, 0xcc
    jne .c7
    mov eax, ecx
    call put_hex32
    OUTW 0x3f9, 0x00
    OUTW 0x3fc, 0x00
    OUTW 0x3fa, 0x00
    call newline

    mov al, 0x01
    out 0xf4, al              ; QEMU isa-debug-exit
    cli
.halt:
    hlt
    jmp .halt

; kbc_read: wait (bounded) for OBF, report status bit 5 and the byte.
kbc_read:
    mov cx, 1000
.wait:
    in al, 0x64
    test al, 0x01
    jnz .full
    loop .wait
    mov al, '-'
    call put_char
    call put_char
    mov al, ' '
    jmp put_char
.full:
    and al, 0x20
    jz .kbd
    mov al, '*'
    call put_char
.kbd:
    in al, 0x60
    jmp put_hex

; uart_regs: report IER, IIR, LCR, MCR, LSR, MSR, SCR of the UART at SI.
uart_regs:
    mov dx, si
    inc dx
    mov bx, 1
.next:
    in al, dx
    call put_hex
    inc dx
    inc bx
    cmp bx, 8
    jb .next
    ret

; ---- interrupt helpers: IVT in RAM at 0, a log of (vector, ISR, extra) at LOG ----
LOG equ 0x600                 ; in segment 0
LOGN equ 0x5fe                ; bytes logged
AEOI equ 0x5fd                ; 1 = handlers send no EOI
irq_setup:
    xor ax, ax
    mov es, ax
    mov di, 8 * 4
    mov bx, irq_stub0
    mov cx, 8
.m: mov [es:di], bx
    mov word [es:di + 2], 0xf000
    add di, 4
    add bx, irq_stub1 - irq_stub0
    loop .m
    mov di, 0x70 * 4
    mov cx, 8
.s: mov [es:di], bx
    mov word [es:di + 2], 0xf000
    add di, 4
    add bx, irq_stub1 - irq_stub0
    loop .s
    mov word [es:LOGN], 0
    mov byte [es:AEOI], 0
    ret

pic_init:
    OUTB 0x20, 0x11
    OUTB 0x21, 0x08
    OUTB 0x21, 0x04
    OUTB 0x21, 0x01
    OUTB 0x21, 0xff
    ret
pic_init_aeoi:
    OUTB 0x20, 0x11
    OUTB 0x21, 0x08
    OUTB 0x21, 0x04
    OUTB 0x21, 0x03
    OUTB 0x21, 0xff
    ret

; IRQ 1 from an 8042 controller reply, IRQ 4 from the UART's THR-empty interrupt.
raise_kbd_uart:
    OUTB 0x64, 0x60
    OUTB 0x60, 0x01           ; command byte: keyboard IRQ on, no translation
    OUTB 0x64, 0xd2
    OUTB 0x60, 0x77
    OUTW 0x3f9, 0x02
    ret

; Take pending interrupts: STI, a short pause, CLI; then report the log.
run_irqs:
    mov word [es:LOGN], 0
    sti
    mov cx, 200
.p: loop .p
    cli
    jmp report_log

; Wait with HLT until CX more interrupts were logged; then report the log.
wait_irqs:
    mov word [es:LOGN], 0
    mov bx, cx
    add bx, bx
    add bx, cx                ; 3 bytes per entry
.w: cmp [es:LOGN], bx
    jae .done
    sti
    hlt
    cli
    jmp .w
.done:
    jmp report_log

; CX interrupts waited for with HLT, no report (the log is reset each time)
wait_irqs_quiet:
    mov word [es:LOGN], 0
.q: cmp word [es:LOGN], 0
    jne .got
    sti
    hlt
    cli
    jmp .q
.got:
    loop wait_irqs_quiet
    ret

report_log:
    mov cx, [es:LOGN]
    xor bx, bx
.r: cmp bx, cx
    jae .e
    mov al, [es:LOG + bx]
    call put_hex
    inc bx
    jmp .r
.e: mov al, '|'
    call put_char
    ret

%assign v 0
irq_stub0:
%rep 16
    push ax
    mov al, (v < 8 ? 8 + v : 0x70 + v - 8)
    jmp near irq_common
%if v == 0
irq_stub1:
%endif
%assign v v + 1
%endrep

irq_common:
    push bx
    push dx
    mov bx, [es:LOGN]
    cmp bx, 60
    jae .full
    mov [es:LOG + bx], al
    mov ah, al
    mov al, 0x0b
    out 0x20, al
    in al, 0x20
    mov [es:LOG + bx + 1], al ; master ISR on entry
    mov al, 0
    cmp ah, 0x09
    jne .n9
    in al, 0x60               ; 8042: take the byte
.n9:
    cmp ah, 0x0c
    jne .nc
    mov dx, 0x3fa
    in al, dx                 ; UART: IIR read acknowledges THR empty
    mov dx, 0x3f9
    push ax
    mov al, 0
    out dx, al
    pop ax
.nc:
    cmp ah, 0x70
    jne .n70
    mov al, 0x8c
    out 0x70, al
    in al, 0x71               ; RTC: register C
    and al, 0xf0              ; IRQF, PF, AF, UF
.n70:
    mov [es:LOG + bx + 2], al
    add word [es:LOGN], 3
.full:
    cmp byte [es:AEOI], 0
    jne .noeoi
    mov al, 0x20
    cmp ah, 0x70
    jb .m
    out 0xa0, al
.m: out 0x20, al
.noeoi:
    pop dx
    pop bx
    pop ax
    iret

    align 8
gdt:
    dq 0
    dq 0x00cf92000000ffff         ; flat 4 GiB data
gdtr:
    dw gdtr - gdt - 1
    dd 0xf0000 + gdt

put_hex32:                    ; EAX as eight hex digits and a space
    push eax
    push cx
    mov cx, 4
.b: rol eax, 8
    push eax
    call put_hex_nospace
    pop eax
    loop .b
    mov al, ' '
    call put_char
    pop cx
    pop eax
    ret
put_hex_nospace:
    push ax
    shr al, 4
    call put_hex.digit
    pop ax
    and al, 0x0f
    jmp put_hex.digit

put_hex:                      ; AL as two hex digits and a space
    push ax
    shr al, 4
    call .digit
    pop ax
    push ax
    and al, 0x0f
    call .digit
    mov al, ' '
    call put_char
    pop ax
    ret
.digit:
    add al, '0'
    cmp al, '9'
    jbe put_char
    add al, 'a' - '9' - 1
put_char:
    push dx
    mov dx, 0x402
    out dx, al
    pop dx
    ret
newline:
    mov al, 10
    jmp put_char

    times 0xfff0 - ($ - $$) db 0xff
reset:
    jmp 0xf000:start
    times 0x10000 - ($ - $$) db 0xff
