; acpi.asm: a 64 KiB -bios program (tests/data/bios_pm.inc) for tests/scripts/acpi_qemu.sh
; that drives the PIIX4 power management function 00:01.3 of -machine acpi=on from the reset
; vector, with the 8259s programmed for the SCI alone (IRQ 9, level), and prints what it
; observes on COM1, one line per step:
;   A  identity and reset values of the config space (DEVACTB, PMBA, SMBBA, the values
;      QEMU sets at machine-ready), then PMBA 0x600 and SMBBA 0x700 as SeaBIOS sets them
;   B  PM1 status/enable/control with 8-, 16- and 32-bit accesses as QEMU's memory core
;      splits them, a byte of the PM timer (invalid: 0), the unassigned GLBCTL, and the
;      PM timer's advance over a fixed loop
;   C  APM: 0xB2/0xB3; a command with APMC_EN clear raises no SMI, with it set one SMI
;      (the SMM stub at SMBASE 0x30000 marks 0x30100 and resumes); 0xF1/0xF0 set and clear
;      SCI_EN
;   D  two SCIs from the PM timer's bit-23 overflow (TMR_EN): status and the timer's low
;      23 bits seen by the handler
;   F  SMBus: SPD byte and word reads at 0x50/0x51 (zeros, as QEMU's EEPROMs), a byte
;      written to the EEPROM and read back, a missing device (DEV_ERR), a transaction
;      started without INTREN (runs at the status read), AUXCTL
;   E  "E: wait": PWRBTN_EN and TMR_EN set, the program waits for the power button (the
;      monitor's system_powerdown); its SCI shows PWRBTN_STS, which the handler clears
; then "ACPI done" and S5 (SLP_TYP 0 + SLP_EN): the machine powers off. Times are virtual
; (-icount); the values printed do not depend on when the power button comes.
%include "bios_pm.inc"
        BIOS_PM_ENTRY
IDT     equ 0x1000
VARS    equ 0x2000
SCIS    equ VARS                ; SCIs taken
LSTS    equ VARS + 4            ; PM1 status at the last SCI
LTMR    equ VARS + 8            ; PM timer at the last SCI
PWR     equ VARS + 12           ; PM1 status of the SCI that had PWRBTN_STS, else 0
SMIMARK equ 0x30100
PM      equ 0x600
SMB     equ 0x700

        mov edi, IDT
        xor ecx, ecx
.idt:   mov eax, BASE + exc
        cmp ecx, 0x29
        jne .g
        mov eax, BASE + h_sci
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
        mov al, 0x11                    ; 8259s at 0x20/0x28; only the cascade and IRQ 9
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
        mov al, 0xFB
        out 0x21, al
        mov al, 0xFD
        out 0xA1, al
        mov dx, 0x4D1                   ; ELCR: IRQ 9 level-triggered, as the SCI is
        mov al, 0x02
        out dx, al
        mov al, 0x30                    ; PIT channel 0 quiet
        out 0x43, al
        mov al, 0xFF
        out 0x40, al
        out 0x40, al
        xor eax, eax
        mov [SCIS], eax
        mov [PWR], eax

        ; ---- A ----
        mov al, 'A'
        call tag
        mov esi, BASE + regs_a
.a:     movzx ebx, byte [esi]
        cmp bl, 0xFF
        je .a_end
        call pci_rd
        call sphex
        inc esi
        jmp .a
.a_end: call nl
        mov bl, 0x40
        mov eax, PM | 1
        call pci_wr
        mov bl, 0x80
        mov eax, 1
        call pci_wr
        mov bl, 0x90
        mov eax, SMB | 1
        call pci_wr

        ; ---- B ----
        mov al, 'B'
        call tag
        mov dx, PM
        in ax, dx
        call sphex16
        mov dx, PM + 2
        in ax, dx
        call sphex16
        mov dx, PM + 4
        in ax, dx
        call sphex16
        mov dx, PM
        in eax, dx
        call sphex
        mov dx, PM + 1
        in al, dx
        call sphex8
        mov dx, PM + 5
        in ax, dx
        call sphex16
        mov dx, PM + 8
        in al, dx
        call sphex8
        mov dx, PM + 0x28
        in eax, dx
        call sphex
        mov dx, PM + 8
        in eax, dx
        mov ebx, eax
        mov ecx, 1000
.b:     loop .b
        in eax, dx
        sub eax, ebx
        and eax, 0xFFFFFF
        call sphex
        call nl

        ; ---- C ----
        mov al, 'C'
        call tag
        mov esi, BASE + smm_stub
        mov edi, 0x38000
        mov ecx, smm_stub_end - smm_stub
        rep movsb
        mov byte [SMIMARK], 0
        mov al, 0x5A
        out 0xB3, al
        mov al, 0x55
        out 0xB2, al                    ; APMC_EN clear: no SMI
        in al, 0xB2
        call sphex8
        in al, 0xB3
        call sphex8
        mov al, [SMIMARK]
        call sphex8
        mov bl, 0x58
        call pci_rd
        or eax, 1 << 25                 ; APMC_EN
        call pci_wr
        mov al, 0x66
        out 0xB2, al                    ; one SMI
        mov al, [SMIMARK]
        call sphex8
        mov al, 0xF1                    ; ACPI enable
        out 0xB2, al
        mov dx, PM + 4
        in ax, dx
        call sphex16
        mov al, 0xF0                    ; ACPI disable
        out 0xB2, al
        in ax, dx
        call sphex16
        mov al, 0xF1
        out 0xB2, al
        in ax, dx
        call sphex16
        mov al, [SMIMARK]               ; F0/F1 raise no SMI either
        call sphex8
        call nl

        ; ---- D ----
        mov al, 'D'
        call tag
        mov dx, PM
        mov ax, 1                       ; clear TMR_STS: arms the next overflow
        out dx, ax
        mov dx, PM + 2
        mov ax, 1                       ; TMR_EN
        out dx, ax
.d:     sti
        hlt
        cli
        cmp dword [SCIS], 2
        jb .d
        mov eax, [SCIS]
        call sphex
        mov eax, [LSTS]
        call sphex16
        mov eax, [LTMR]
        and eax, 0x7FFFFF
        call sphex
        call nl

        ; ---- F ----
        mov al, 'F'
        call tag
        mov ah, 0xA1                    ; read byte 0x50[0]
        mov bl, 0
        mov ch, 0x49
        call smb_xfer
        mov ah, 0xA0                    ; write byte 0x50[5] = 0xA5
        mov bl, 5
        mov bh, 0xA5
        mov ch, 0x49
        call smb_xfer
        mov ah, 0xA1                    ; read it back
        mov bl, 5
        mov ch, 0x49
        call smb_xfer
        mov ah, 0xA3                    ; read word 0x51[0x10]
        mov bl, 0x10
        mov ch, 0x4D
        call smb_xfer
        mov dx, SMB + 6
        in al, dx
        call sphex8
        mov ah, 0xB1                    ; read byte from 0x58: nobody there
        mov bl, 0
        mov ch, 0x49
        call smb_xfer
        mov ah, 0xA3                    ; read byte 0x51[1] without INTREN
        mov bl, 1
        mov ch, 0x48
        call smb_xfer                   ; status before the transaction ran
        mov dx, SMB
        in al, dx
        call sphex8                     ; and after
        mov dx, SMB + 0xD
        in al, dx
        call sphex8
        call nl

        ; ---- E ----
        mov al, 'E'
        call tag
        mov dx, PM + 2
        mov ax, 0x0101                  ; PWRBTN_EN, TMR_EN
        out dx, ax
        mov esi, BASE + msg_wait
        call puts
.e:     sti
        hlt
        cli
        cmp dword [PWR], 0
        je .e
        mov al, 'E'
        call tag
        mov eax, [PWR]
        and eax, 0x0100
        call sphex16
        mov dx, PM
        in ax, dx
        and eax, 0x0100
        call sphex16
        call nl
        mov esi, BASE + msg_done
        call puts
        mov dx, PM + 4
        mov ax, 0x2000                  ; SLP_TYP 0 (QEMU's \_S5), SLP_EN
        out dx, ax
.off:   cli                             ; QEMU's vCPU may run on until its main loop
        hlt                             ; acts; nothing may print then
        jmp .off

h_sci:  push eax
        push edx
        mov dx, PM
        in ax, dx
        movzx eax, ax
        mov [LSTS], eax
        test eax, 0x0100
        jz .s1
        mov [PWR], eax
.s1:    out dx, ax                      ; clear what was seen: the SCI goes low
        mov dx, PM + 8
        in eax, dx
        mov [LTMR], eax
        inc dword [SCIS]
        mov al, 0x20
        out 0xA0, al
        out 0x20, al
        pop edx
        pop eax
        iretd

exc:    mov esi, BASE + msg_exc
        call puts
        mov al, 1
        out 0xF4, al
.x:     cli
        hlt
        jmp .x

; SMBus transaction: AH = address byte (bit 0 read), BL = command, BH = data 0, CH = the
; control byte that starts it. Prints the host status read after it (for CH without
; INTREN, the status before the transaction ran) and DATA0, then clears the status.
smb_xfer:
        mov dx, SMB
        mov al, 0xFF
        out dx, al
        mov dx, SMB + 4
        mov al, ah
        out dx, al
        mov dx, SMB + 3
        mov al, bl
        out dx, al
        mov dx, SMB + 5
        mov al, bh
        out dx, al
        mov dx, SMB + 2
        mov al, ch
        out dx, al
        mov dx, SMB
        in al, dx
        call sphex8
        mov dx, SMB + 5
        in al, dx
        call sphex8
        ret

pci_rd: push edx                        ; EAX = dword BL of 00:01.3
        mov eax, 0x80000B00
        or al, bl
        mov dx, 0xCF8
        out dx, eax
        mov dx, 0xCFC
        in eax, dx
        pop edx
        ret
pci_wr: push edx                        ; dword BL of 00:01.3 = EAX
        push eax
        mov eax, 0x80000B00
        or al, bl
        mov dx, 0xCF8
        out dx, eax
        pop eax
        mov dx, 0xCFC
        out dx, eax
        pop edx
        ret

PRINT_BASE equ BASE
%include "com1.inc"

        bits 16
smm_stub:                               ; at SMBASE + 0x8000: CS base 0x30000, 16-bit
        mov byte [cs:0x100], 1
        rsm
smm_stub_end:
        bits 32

regs_a: db 0x00, 0x04, 0x08, 0x3C, 0x40, 0x58, 0x5C, 0x60, 0x64, 0x80, 0x90, 0xD0, 0xFF
msg_wait: db " wait", 10, 0
msg_done: db "ACPI done", 10, 0
msg_exc:  db "ACPI EXC", 10, 0
        align 4
idtr:   dw 256 * 8 - 1
        dd IDT
        BIOS_PM_TAIL
