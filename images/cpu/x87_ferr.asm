; x87_ferr.asm: x87 errors with CR0.NE = 0 (MS-DOS compatibility): an unmasked exception asserts
; FERR# at the next waiting instruction, which reaches the CPU as IRQ 13 through the slave
; 8259 (vector 0x75 here); the handler records the interrupted EIP and FSW, writes port 0xF0
; (clearing the FERR# latch, as DOS does), clears the exception (FNCLEX), sends the EOIs and
; returns. Two rounds show the latch re-arms. Needs a machine with the two 8259s and the FERR#
; wiring of a PC (QEMU's pc, pcemu's machine).
; qemu: no. QEMU 7.2 aborts at the first FERR# (FWAIT's helper raises IRQ 13 from the vCPU
; thread without the I/O thread lock: "tcg_handle_interrupt: assertion failed:
; (qemu_mutex_iothread_locked())", with MTTCG, thread=single and -icount alike), so the
; expected output is the SDM's (vol. 1 D.2.1: the P6 asserts FERR# when it reaches the next
; waiting instruction and freezes before it, so IRQ 13 returns to that instruction, which
; then runs with the exception cleared; FNINIT drops a pending exception).
; pcemu: machine (cpu_nasm.sh runs it on the full PC, not the CPU harness).
; qemu-args: -cpu pentium2,-mmx,-apic,-pae,-mce,-mca,-vme,-de,-fxsr,-pse36,-hypervisor
%include "lib.inc"
%include "pm.inc"
%include "x87.inc"
REC equ 0xb200                 ; count (4), EIP (4), FSW (4) per IRQ 13
bits 16
start:
    jmp pm_enter

bits 32
irq13:
    push eax
    inc dword [REC]
    mov eax, [esp + 4]
    mov [REC + 4], eax
    fnstsw ax
    mov [REC + 8], ax
    xor al, al
    out 0xf0, al
    fnclex
    mov al, 0x20
    out 0xa0, al
    out 0x20, al
    pop eax
    iretd
show:                          ; " irq13=N eip=... sw=...", newline
    PRINT32 " irq13="
    mov eax, REC
    call rec_show32
    PRINT32 " sw="
    mov ax, [REC + 8]
    call hex16_32
    call nl32
    mov dword [REC], 0
    mov dword [REC + 4], 0
    mov dword [REC + 8], 0
    ret
pm_main:
    PRINT32 "x87_ferr: start", 10
    mov eax, cr0
    and eax, ~0x2c             ; NE = EM = TS = 0
    or eax, 0x02               ; MP
    mov cr0, eax
    ; vector 0x75 (IRQ 13 below) to irq13
    mov edx, LIN(irq13)
    mov word [IDT_RAM + 0x75 * 8], dx
    mov word [IDT_RAM + 0x75 * 8 + 2], SEL_C32
    mov word [IDT_RAM + 0x75 * 8 + 4], 0x8e00
    shr edx, 16
    mov word [IDT_RAM + 0x75 * 8 + 6], dx
    ; the 8259s: master at vectors 0x68-0x6F, slave at 0x70-0x77, only IRQ 2 and IRQ 13 unmasked
    mov al, 0x11
    out 0x20, al
    out 0xa0, al
    mov al, 0x68
    out 0x21, al
    mov al, 0x70
    out 0xa1, al
    mov al, 0x04
    out 0x21, al
    mov al, 0x02
    out 0xa1, al
    mov al, 0x01
    out 0x21, al
    out 0xa1, al
    mov al, 0xfb
    out 0x21, al
    mov al, 0xdf
    out 0xa1, al
    mov dword [REC], 0
    mov dword [REC + 4], 0
    mov dword [REC + 8], 0
    mov word [FPTMP], 0x037b   ; ZE unmasked
    sti
    fninit
    fldcw [FPTMP]
    fldz
    fld1
    fdiv st0, st1
    nop
    nop
    PRINT32 "after fdiv, before fwait"
    call show
ferr1:
    fwait
    nop
    PRINT32 "fwait"
    call show
    fld1
    fdiv st0, st2
ferr2:
    fld1
    nop
    PRINT32 "again, fld1"
    call show
    fninit
    fldcw [FPTMP]
    fldz
    fld1
    fdiv st0, st1
    fninit
    fwait
    nop
    PRINT32 "fninit, fwait"
    call show
    cli
    PRINT32 "x87_ferr: done", 10
    mov al, 0
    call exit32
X87_END
