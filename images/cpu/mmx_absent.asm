; mmx_absent.asm: on a CPU without MMX (pcemu's default, QEMU's pentium2 with -mmx) every
; MMX opcode is #UD: PADDB, MOVD, MOVQ, EMMS, PSRLW by imm8; the handler prints the vector
; and steps over the instruction. The line is marked '!': QEMU 7.2 runs MMX opcodes whatever
; CPUID says (gen_sse checks no MMX feature bit); pcemu follows the hardware.
; qemu-args: -cpu pentium2,-mmx,-apic,-pae,-mce,-mca,-vme,-de,-fxsr,-pse36,-hypervisor
%include "lib.inc"
SKIP equ 0x4f0
bits 16
ud_h:
    PRINT16 "#UD "
    push bp
    mov bp, sp
    push ax
    mov al, [SKIP]
    xor ah, ah
    add [bp+2], ax
    pop ax
    pop bp
    iret
%macro TRY 1+
    mov byte [SKIP], %%e - %%s
%%s: %1
%%e:
%endmacro
start:
    cli
    xor ax, ax
    mov ds, ax
    mov ss, ax
    mov sp, 0x7000
    mov word [6*4], ud_h
    mov word [6*4+2], cs
    TRY paddb mm0, mm1
    TRY movd mm0, eax
    TRY movq [0x500], mm0
    TRY emms
    TRY psrlw mm2, 3
    TRY pcmpeqd mm1, [0x500]
    call nl16
    mov al, 0
    call exit16
    times 0xfff0-($-$$) db 0
    jmp 0xf000:start
    times 0x10000-($-$$) db 0xff
