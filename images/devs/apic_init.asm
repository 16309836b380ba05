; apic_init.asm: a 64 KiB -bios program (tests/data/bios_pm.inc) for tests/scripts/apic_qemu.sh
; that sends INIT to its own local APIC and prints, on COM1, what the INIT kept and what it
; reset, as QEMU 7.2's do_cpu_init and apic_init_reset do on the BSP:
;   1  first pass (a marker in RAM is not set): x87 control word 0x027F with 1.0 loaded,
;      SYSENTER_CS/ESP/EIP, PAT, MTRRdefType, TPR 0x30, LVT LINT0 unmasked, EAX..EDI set;
;      an INIT level de-assert (ignored), a SIPI (ignored: the BSP waits for none), then
;      INIT (physical destination 0, its own id): the CPU starts again at the reset vector
;   2  second pass: EDX at the reset vector, the x87 control, status and tag words, the
;      MSRs, MSR_APICBASE, TPR, SVR, LVT LINT0, ICR low, CR0 without PE
; Ends with a write to port 0xF4 (QEMU's isa-debug-exit) and CLI;HLT.
%include "bios_pm.inc"
        BIOS_PM_ENTRY
MARK    equ 0x3000
EDX0    equ 0x3004
LAPIC   equ 0xFEE00000
        mov [EDX0], edx                     ; EDX as the reset left it (the signature)
        cmp dword [MARK], 0x494E4954
        je second
        mov dword [MARK], 0x494E4954
        mov al, '1'
        call tag
        fninit
        fldcw [BASE + cw]
        fld1
        mov ecx, 0x174                      ; SYSENTER_CS, ESP, EIP
        mov eax, 0x10
        xor edx, edx
        wrmsr
        inc ecx
        mov eax, 0x12345678
        wrmsr
        inc ecx
        mov eax, 0x9abcdef0
        wrmsr
        mov ecx, 0x277                      ; PAT
        mov eax, 0x01040506
        mov edx, 0x00070406
        wrmsr
        mov ecx, 0x2FF                      ; MTRRdefType
        mov eax, 0xC06
        xor edx, edx
        wrmsr
        mov dword [LAPIC + 0xF0], 0x1FF
        mov dword [LAPIC + 0x80], 0x30
        mov dword [LAPIC + 0x350], 0x700    ; ExtINT, unmasked
        mov eax, [LAPIC + 0x80]
        call sphex
        call nl
        mov dword [LAPIC + 0x310], 0
        mov dword [LAPIC + 0x300], 0x8500   ; INIT level de-assert: nothing happens
        mov dword [LAPIC + 0x300], 0x4612   ; SIPI: the BSP ignores it
        mov eax, 0x11111111
        mov ebx, 0x22222222
        mov ecx, 0x33333333
        mov edx, 0x44444444
        mov esi, 0x55555555
        mov edi, 0x66666666
        mov ebp, 0x77777777
        mov dword [LAPIC + 0x300], 0x4500   ; INIT, assert, physical destination 0
.lost:  mov al, '!'                         ; not reached: INIT takes the CPU away first
        call putc
        jmp .lost

second: mov al, '2'
        call tag
        mov eax, [EDX0]
        call sphex
        fnstcw [0x3010]
        fnstsw [0x3012]
        fnstenv [0x3020]
        movzx eax, word [0x3010]
        call sphex
        movzx eax, word [0x3012]
        call sphex
        movzx eax, word [0x3028]            ; tag word
        call sphex
        call nl
        mov al, '3'
        call tag
        mov ecx, 0x174
        call msr
        mov ecx, 0x175
        call msr
        mov ecx, 0x176
        call msr
        mov ecx, 0x277
        call msr
        mov ecx, 0x2FF
        call msr
        mov ecx, 0x1B
        call msr
        call nl
        mov al, '4'
        call tag
        mov eax, [LAPIC + 0x80]
        call sphex
        mov eax, [LAPIC + 0xF0]
        call sphex
        mov eax, [LAPIC + 0x350]
        call sphex
        mov eax, [LAPIC + 0x300]
        call sphex
        mov eax, cr0
        and eax, ~1
        call sphex
        call nl
        mov al, 0
        out 0xF4, al
.halt:  cli
        hlt
        jmp .halt

msr:    rdmsr                               ; MSR ECX as EDX:EAX
        xchg eax, edx
        call sphex
        xchg eax, edx
        jmp puthex

cw:     dw 0x027F
PRINT_BASE equ BASE
%include "com1.inc"
        BIOS_PM_TAIL
