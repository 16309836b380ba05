; apic.asm: a 64 KiB -bios program (tests/data/bios_pm.inc) for tests/scripts/apic_qemu.sh
; that programs the local APIC and the I/O APIC from the reset vector, with the 8259s
; masked, and prints what it observes on COM1, one line per step:
;   A  MSR_APICBASE, version, LINT0, SVR and DFR after reset
;   B  one-shot timer, divide by 1: the count read back at once, the count and ISR word 2
;      in the handler, ISR word 2 after its EOI
;   C  periodic timer, divide by 16: 6 ticks through STI;HLT, the current count and PPR
;      seen by each handler
;   D  TPR 0x50 holds the timer (vector 0x40) in IRR while a loop runs; TPR 0 lets it in
;   E  PIT IRQ 0 through I/O APIC pin 2 (edge, vector 0x41), 4 interrupts
;   F  pin 2 level-triggered (vector 0x42): remote IRR before and after the handler's EOI
;      (it masks the pin first), TMR word 2
;   H  the PIT's IRQ 0 raised while I/O APIC pin 2 is masked (edge, vector 0x41): the pin
;      holds it; unmasked, it reaches the local APIC's IRR (word 2 printed) and, after
;      STI, its handler (the count printed). tests/scripts/apic_qemu.sh saves right after
;      "H:", with the interrupt pending in the I/O APIC: the load order test
;   G  the periodic timer again (divide by 2, 40 ticks), with a checksum of the counts: the
;      part tests/scripts/apic_qemu.sh saves in the middle of
; All times are virtual (-icount), so QEMU 7.2 and pcemu must print the same numbers.
; Ends with a write to port 0xF4 (QEMU's isa-debug-exit) and CLI;HLT. Built with -DPARK,
; it ends instead inside the handler of a one-shot timer interrupt (vector 0x43, left in
; service) after printing "APIC parked": a state QEMU can savevm at a fixed point.
%include "bios_pm.inc"
        BIOS_PM_ENTRY
IDT     equ 0x1000
VARS    equ 0x2000
TICKS   equ VARS            ; handler count
CC      equ VARS + 4        ; current count in the last handler
PPR     equ VARS + 8
ISR2    equ VARS + 12
SUM     equ VARS + 16
RIRR    equ VARS + 20
LAPIC   equ 0xFEE00000
IOAPIC  equ 0xFEC00000

        mov edi, IDT
        xor ecx, ecx
.idt:   mov eax, BASE + exc
        cmp ecx, 0x40
        jne .n1
        mov eax, BASE + h_timer
.n1:    cmp ecx, 0x41
        jne .n2
        mov eax, BASE + h_edge
.n2:    cmp ecx, 0x42
        jne .n3
        mov eax, BASE + h_level
.n3:    cmp ecx, 0x43
        jne .n4
        mov eax, BASE + h_park
.n4:    cmp ecx, 0xFF
        jne .g
        mov eax, BASE + h_spur
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
        ; 8259 pair remapped to 0x20/0x28, all masked
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
        mov al, 0xFF
        out 0x21, al
        out 0xA1, al
        ; PIT channel 0 quiet: mode 0 with the longest count
        mov al, 0x30
        out 0x43, al
        mov al, 0xFF
        out 0x40, al
        out 0x40, al

        ; ---- A ----
        mov al, 'A'
        call tag
        mov ecx, 0x1B
        rdmsr
        call sphex
        mov eax, [LAPIC + 0x30]
        call sphex
        mov eax, [LAPIC + 0x350]
        call sphex
        mov eax, [LAPIC + 0xF0]
        call sphex
        mov eax, [LAPIC + 0xE0]
        call sphex
        call nl
        mov dword [LAPIC + 0xF0], 0x1FF     ; software enable, spurious 0xFF
        mov dword [LAPIC + 0x350], 0x10700  ; LINT0 masked: the 8259 is not used

        ; ---- B ----
        mov al, 'B'
        call tag
        mov dword [TICKS], 0
        mov dword [LAPIC + 0x3E0], 0xB      ; divide by 1
        mov dword [LAPIC + 0x320], 0x40     ; one-shot, vector 0x40
        mov dword [LAPIC + 0x380], 5000
        mov eax, [LAPIC + 0x390]
        call sphex
.b:     sti
        hlt
        cli
        cmp dword [TICKS], 1
        jb .b
        mov eax, [CC]
        call sphex
        mov eax, [ISR2]
        call sphex
        mov eax, [LAPIC + 0x120]
        call sphex
        mov eax, [LAPIC + 0x390]
        call sphex
        call nl

        ; ---- C ----
        mov al, 'C'
        call tag
        mov dword [TICKS], 0
        mov dword [LAPIC + 0x3E0], 0x3      ; divide by 16
        mov dword [LAPIC + 0x320], 0x20040  ; periodic
        mov dword [LAPIC + 0x380], 300
.c:     mov edx, [TICKS]
.c1:    sti
        hlt
        cli
        cmp [TICKS], edx
        je .c1
        mov eax, [CC]
        call sphex
        mov eax, [PPR]
        call sphex
        cmp dword [TICKS], 6
        jb .c
        call nl

        ; ---- D ----
        mov al, 'D'
        call tag
        mov dword [LAPIC + 0x80], 0x50      ; TPR class 5 above the timer's 4
        mov edx, [TICKS]
        mov ecx, 20000
        sti
.d:     dec ecx
        jnz .d
        cli
        mov eax, [TICKS]
        sub eax, edx                        ; 0: held back
        call sphex
        mov eax, [LAPIC + 0x220]            ; IRR word 2: vector 0x40 waiting
        call sphex
        mov eax, [LAPIC + 0xA0]
        call sphex
        mov dword [LAPIC + 0x80], 0
        sti
        nop
        cli
        mov eax, [TICKS]
        sub eax, edx                        ; 1: let in at once
        call sphex
        mov dword [LAPIC + 0x320], 0x10040  ; timer masked: stops
        call nl

        ; ---- E ----
        mov al, 'E'
        call tag
        mov dword [IOAPIC], 0x14            ; pin 2 low: vector 0x41, edge, physical 0
        mov dword [IOAPIC + 0x10], 0x41
        mov dword [IOAPIC], 0x15
        mov dword [IOAPIC + 0x10], 0
        mov dword [TICKS], 0
        mov al, 0x34                        ; PIT channel 0 mode 2, count 5000
        out 0x43, al
        mov ax, 5000
        out 0x40, al
        mov al, ah
        out 0x40, al
.e:     sti
        hlt
        cli
        cmp dword [TICKS], 4
        jb .e
        mov eax, [TICKS]
        call sphex
        mov dword [IOAPIC], 0x14
        mov eax, [IOAPIC + 0x10]
        call sphex
        call nl

        ; ---- F ----
        mov al, 'F'
        call tag
        mov dword [TICKS], 0
        mov dword [IOAPIC], 0x14
        mov dword [IOAPIC + 0x10], 0x8042   ; level, vector 0x42 (the PIT output is high)
.f:     sti
        hlt
        cli
        cmp dword [TICKS], 1
        jb .f
        mov eax, [RIRR]
        call sphex
        mov eax, [ISR2]
        call sphex
        mov dword [IOAPIC], 0x14
        mov eax, [IOAPIC + 0x10]
        call sphex
        mov eax, [LAPIC + 0x1A0]            ; TMR word 2: 0x42 was level
        call sphex
        mov al, 0x30                        ; PIT quiet again
        out 0x43, al
        call nl

        ; ---- H ----
        mov dword [TICKS], 0
        mov dword [IOAPIC], 0x14
        mov dword [IOAPIC + 0x10], 0x10041  ; masked, edge, vector 0x41
        mov al, 0x30                        ; PIT channel 0 mode 0, count 1000: IRQ 0 rises
        out 0x43, al                        ; after 838 us
        mov ax, 1000
        out 0x40, al
        mov al, ah
        out 0x40, al
        mov ecx, 150000                     ; 2.4 ms of virtual time: the edge has come
.h:     dec ecx
        jnz .h
        mov al, 'H'
        call tag
        mov eax, [LAPIC + 0x220]            ; IRR word 2: nothing yet
        call sphex
        mov dword [IOAPIC], 0x14
        mov dword [IOAPIC + 0x10], 0x41     ; unmasked: the held edge goes out
        mov eax, [LAPIC + 0x220]            ; 0x41 waiting
        call sphex
        sti
        nop
        cli
        mov eax, [TICKS]                    ; 1: taken
        call sphex
        mov al, 0x30                        ; PIT quiet again
        out 0x43, al
        call nl

        ; ---- G ----
        mov al, 'G'
        call tag
        mov dword [TICKS], 0
        mov dword [SUM], 0
        mov dword [LAPIC + 0x3E0], 0x0      ; divide by 2
        mov dword [LAPIC + 0x320], 0x20040
        mov dword [LAPIC + 0x380], 2000
.gw:    sti
        hlt
        cli
        mov eax, [SUM]
        rol eax, 3
        xor eax, [CC]
        add eax, [TICKS]
        mov [SUM], eax
        cmp dword [TICKS], 40
        jb .gw
        mov dword [LAPIC + 0x320], 0x10040
        mov eax, [TICKS]
        call sphex
        mov eax, [SUM]
        call sphex
        call nl
        mov esi, BASE + msg_done
        call puts
%ifdef PARK
        mov dword [LAPIC + 0x3E0], 0x8      ; divide by 32
        mov dword [LAPIC + 0x320], 0x43     ; one-shot, vector 0x43
        mov dword [LAPIC + 0x380], 777
        sti
.park:  hlt
        jmp .park
%endif
        mov al, 0
        out 0xF4, al
.halt:  cli
        hlt
        jmp .halt

h_timer:
        push eax
        mov eax, [LAPIC + 0x390]
        mov [CC], eax
        mov eax, [LAPIC + 0xA0]
        mov [PPR], eax
        mov eax, [LAPIC + 0x120]
        mov [ISR2], eax
        inc dword [TICKS]
        mov dword [LAPIC + 0xB0], 0
        pop eax
        iretd

h_edge: inc dword [TICKS]
        mov dword [LAPIC + 0xB0], 0
        iretd

h_level:
        push eax
        mov dword [IOAPIC], 0x14
        mov eax, [IOAPIC + 0x10]
        mov [RIRR], eax                     ; remote IRR (bit 14) set
        or eax, 0x10000
        mov [IOAPIC + 0x10], eax            ; mask the pin
        mov eax, [LAPIC + 0x120]
        mov [ISR2], eax
        inc dword [TICKS]
        mov dword [LAPIC + 0xB0], 0         ; EOI: broadcast clears remote IRR
        pop eax
        iretd

h_park: mov esi, BASE + msg_park            ; no EOI: 0x43 stays in service
        call puts
.p:     cli
        hlt
        jmp .p

h_spur: iretd                               ; the spurious vector needs no EOI

exc:    mov esi, BASE + msg_exc
        call puts
.h:     cli
        hlt
        jmp .h

PRINT_BASE equ BASE
%include "com1.inc"

msg_done: db "APIC done", 10, 0
msg_exc:  db "APIC EXC", 10, 0
msg_park: db "APIC parked", 10, 0
idtr:   dw 256 * 8 - 1
        dd IDT
        BIOS_PM_TAIL
