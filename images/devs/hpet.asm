; hpet.asm: a 64 KiB -bios program (tests/data/bios_pm.inc) for tests/scripts/hpet_qemu.sh
; that programs the HPET (-machine hpet=on) from the reset vector, through the 8259s, and
; prints what it observes on COM1, one line per step:
;   A  capabilities, period, configuration, timer 0's configuration and comparator after
;      reset
;   B  the main counter: written while halted and read back, read twice while running,
;      halted again (two equal reads)
;   C  legacy replacement routing, timer 0 periodic 64-bit (IRQ 0) while the PIT is
;      programmed fast: 5 interrupts, with the counter and comparator each handler saw
;   D  timer 1, legacy route (IRQ 8), 32-bit one-shot, level-triggered: the status
;      register in the handler and after writing its bit back
;   E  routing left: timer 2 on route 11, 32-bit one-shot whose comparator lies past the
;      counter's wrap: one interrupt at the wrap and one at the comparator; then the PIT's
;      IRQ 0 is back (3 interrupts)
;   G  timer 0 periodic 32-bit on legacy IRQ 0 again (40 ticks) with a checksum of the
;      counter reads: the part tests/scripts/hpet_qemu.sh saves in the middle of
; Every wait is busy, not HLT: QEMU 7.2 takes an 8259 interrupt that wakes a HLT about
; one HPET tick later than pcemu (a periodic timer's re-arm one tick after a comparator
; reached exactly then comes first and the two merge); running, both match exactly.
; All times are virtual (-icount), so QEMU 7.2 and pcemu must print the same numbers.
; Ends with a write to port 0xF4 (QEMU's isa-debug-exit) and CLI;HLT. Built with -DPARK,
; it prints "HPET parked" after G and runs timer 0 periodic for good, a P line every 16
; ticks: QEMU can savevm anywhere in it, with the timer armed.
%include "bios_pm.inc"
        BIOS_PM_ENTRY
IDT     equ 0x1000
VARS    equ 0x2000
TICKS   equ VARS            ; HPET handler count
CNT     equ VARS + 4        ; main counter (low) in the last handler
CMPV    equ VARS + 8        ; timer 0 comparator (low) in the last handler
ST      equ VARS + 12       ; status register in the last handler
SUM     equ VARS + 16
PTICKS  equ VARS + 20       ; PIT handler count (vector 0x20 outside legacy mode)
HPET    equ 0xFED00000
T0      equ HPET + 0x100
T1      equ HPET + 0x120
T2      equ HPET + 0x140

        mov edi, IDT
        xor ecx, ecx
.idt:   mov eax, BASE + exc
        cmp ecx, 0x20
        jne .n1
        mov eax, BASE + h_irq0
.n1:    cmp ecx, 0x28
        jne .n2
        mov eax, BASE + h_irq8
.n2:    cmp ecx, 0x2B
        jne .n3
        mov eax, BASE + h_irq11
.n3:    cmp ecx, 0x27
        jne .n4
        mov eax, BASE + h_spur
.n4:    cmp ecx, 0x2F
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
        ; 8259 pair remapped to 0x20/0x28; IRQ 0, 2 (cascade), 8 and 11 unmasked
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
        mov al, 0xFA
        out 0x21, al
        mov al, 0xF6
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
        mov eax, [HPET]
        call sphex
        mov eax, [HPET + 4]
        call sphex
        mov eax, [HPET + 0x10]
        call sphex
        mov eax, [T0]
        call sphex
        mov eax, [T0 + 4]
        call sphex
        mov eax, [T0 + 8]
        call sphex
        mov eax, [T2 + 0x20]                ; timer 3 does not exist: 0
        call sphex
        call nl

        ; ---- B ----
        mov al, 'B'
        call tag
        mov dword [HPET + 0xF0], 0x12345678
        mov dword [HPET + 0xF4], 0x9
        mov eax, [HPET + 0xF0]
        call sphex
        mov eax, [HPET + 0xF4]
        call sphex
        mov dword [HPET + 0xF0], 0
        mov dword [HPET + 0xF4], 0
        mov dword [HPET + 0x10], 1          ; ENABLE_CNF
        mov eax, [HPET + 0xF0]
        call sphex
        mov ecx, 1000
.b:     dec ecx
        jnz .b
        mov eax, [HPET + 0xF0]
        call sphex
        mov dword [HPET + 0x10], 0
        mov eax, [HPET + 0xF0]
        mov ebx, [HPET + 0xF0]
        sub ebx, eax
        call sphex
        mov eax, ebx
        call sphex
        call nl

        ; ---- C ----
        mov al, 'C'
        call tag
        mov al, 0x34                        ; PIT mode 2, count 100: would flood IRQ 0
        out 0x43, al
        mov al, 100
        out 0x40, al
        mov al, 0
        out 0x40, al
        mov dword [TICKS], 0
        mov dword [PTICKS], 0
        mov dword [T0], 0x4C                ; periodic, SETVAL, enabled, edge
        mov dword [T0 + 8], 20000           ; first expiry
        mov dword [T0 + 12], 0
        mov dword [T0 + 8], 30000           ; the period
        mov dword [HPET + 0x10], 3          ; ENABLE_CNF | LEG_RT_CNF
.c:     mov edx, [TICKS]
        sti
.c1:    cmp [TICKS], edx                    ; busy: see the header on HLT
        je .c1
        cli
        mov eax, [CNT]
        call sphex
        mov eax, [CMPV]
        call sphex
        cmp dword [TICKS], 5
        jb .c
        mov eax, [PTICKS]
        call sphex
        mov dword [T0], 0                   ; timer 0 off
        call nl

        ; ---- D ----
        mov al, 'D'
        call tag
        mov dword [TICKS], 0
        mov eax, [HPET + 0xF0]
        add eax, 7000
        mov dword [T1], 0x106               ; 32-bit, enabled, level
        mov [T1 + 8], eax
        sti
.d:     cmp dword [TICKS], 1
        jb .d
        cli
        mov eax, [ST]
        call sphex
        mov eax, [HPET + 0x20]
        call sphex
        mov dword [HPET + 0x20], 2
        mov eax, [HPET + 0x20]
        call sphex
        mov eax, [T1 + 8]
        call sphex
        mov dword [T1], 0
        call nl

        ; ---- E ----
        mov al, 'E'
        call tag
        mov dword [HPET + 0x10], 0          ; halted, routing left
        mov dword [HPET + 0xF0], 0xFFFFC000
        mov dword [HPET + 0xF4], 0
        mov dword [TICKS], 0
        mov dword [T2 + 8], 0x1000
        mov dword [T2], 0x1704              ; route 11, 32-bit, enabled, edge
        mov dword [HPET + 0x10], 1
        sti
.e:     cmp dword [TICKS], 2
        jb .e
        cli
        mov eax, [CNT]
        call sphex
        mov eax, [HPET + 0xF4]
        call sphex
        mov dword [T2], 0
        mov dword [PTICKS], 0               ; the PIT reaches IRQ 0 again
        sti
.e2:    cmp dword [PTICKS], 3
        jb .e2
        cli
        mov eax, [PTICKS]
        call sphex
        mov eax, [TICKS]
        call sphex
        mov al, 0x30                        ; PIT quiet again
        out 0x43, al
        call nl

        ; ---- G ----
        mov al, 'G'
        call tag
        mov dword [TICKS], 0
        mov dword [SUM], 0
        mov dword [T0], 0x14C               ; 32-bit, periodic, SETVAL, enabled
        mov eax, [HPET + 0xF0]
        add eax, 4000
        mov [T0 + 8], eax
        mov dword [T0 + 8], 9000
        mov dword [HPET + 0x10], 3
.gw:    mov edx, [TICKS]
        sti
.g1:    cmp [TICKS], edx
        je .g1
        cli
        mov eax, [SUM]
        rol eax, 3
        xor eax, [CNT]
        add eax, [TICKS]
        mov [SUM], eax
        cmp dword [TICKS], 40
        jb .gw
        mov dword [T0], 0
        mov eax, [TICKS]
        call sphex
        mov eax, [SUM]
        call sphex
        call nl
        mov esi, BASE + msg_done
        call puts
%ifdef PARK
        ; timer 0 periodic 64-bit on legacy IRQ 0 for good, a line every 16 ticks with
        ; a checksum of the counter reads: QEMU saves anywhere in here
        mov esi, BASE + msg_park
        call puts
        mov dword [TICKS], 0
        mov dword [SUM], 0
        mov dword [T0], 0x4C
        mov eax, [HPET + 0xF0]
        add eax, 3000
        mov [T0 + 8], eax
        mov dword [T0 + 12], 0
        mov dword [T0 + 8], 7001
.pw:    mov edx, [TICKS]
        sti
.p1:    cmp [TICKS], edx
        je .p1
        cli
        mov eax, [SUM]
        rol eax, 5
        xor eax, [CNT]
        mov [SUM], eax
        mov eax, [TICKS]
        test eax, 15
        jnz .pn
        mov al, 'P'
        call tag
        mov eax, [TICKS]
        call sphex
        mov eax, [SUM]
        call sphex
        call nl
.pn:    jmp .pw
%endif
        mov al, 0
        out 0xF4, al
.halt:  cli
        hlt
        jmp .halt

; IRQ 0: the HPET's timer 0 in legacy mode, else the PIT
h_irq0: push eax
        test dword [HPET + 0x10], 2
        jz .pit
        mov eax, [HPET + 0xF0]
        mov [CNT], eax
        mov eax, [T0 + 8]
        mov [CMPV], eax
        inc dword [TICKS]
        jmp .eoi
.pit:   inc dword [PTICKS]
.eoi:   mov al, 0x20
        out 0x20, al
        pop eax
        iretd

h_irq8: push eax                            ; timer 1, level: status bit 1 stays set
        mov eax, [HPET + 0x20]
        mov [ST], eax
        inc dword [TICKS]
        mov al, 0x20
        out 0xA0, al
        out 0x20, al
        pop eax
        iretd

h_irq11: push eax
        mov eax, [HPET + 0xF0]
        mov [CNT], eax
        inc dword [TICKS]
        mov al, 0x20
        out 0xA0, al
        out 0x20, al
        pop eax
        iretd

h_spur: iretd

exc:    mov esi, BASE + msg_exc
        call puts
.h:     cli
        hlt
        jmp .h

PRINT_BASE equ BASE
%include "com1.inc"

msg_done: db "HPET done", 10, 0
msg_exc:  db "HPET EXC", 10, 0
msg_park: db "HPET parked", 10, 0
idtr:   dw 256 * 8 - 1
        dd IDT
        BIOS_PM_TAIL
