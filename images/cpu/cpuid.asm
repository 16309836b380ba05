; cpuid.asm: CPUID leaves 0, 1, 2, 3 (above the maximum), 0x80000000 and 0x80000001, the
; EFLAGS.ID toggle and CR0 after reset, printed as EAX EBX ECX EDX. Compared with QEMU 7.2
; started with the -cpu model pcemu mirrors (emu/cpu/cpu.h):
; qemu-args: -cpu pentium2,-mmx,-apic,-pae,-mce,-mca,-vme,-de,-fxsr,-pse36,-hypervisor
%include "lib.inc"
bits 16
start:
    cli
    xor ax, ax
    mov ss, ax
    mov sp, 0x7000
    pushfd
    pop eax
    mov ebx, eax
    xor eax, 0x200000
    push eax
    popfd
    pushfd
    pop eax
    xor eax, ebx
    call hex32_16               ; the ID bit toggles
    call nl16
    mov eax, cr0
    call hex32_16
    call nl16
    mov esi, leaves
.l: mov eax, [cs:si]
    cmp eax, 0xffffffff
    je .done
    xor ebx, ebx
    xor ecx, ecx
    xor edx, edx
    cpuid
    call hex32_16
    call space16
    mov eax, ebx
    call hex32_16
    call space16
    mov eax, ecx
    call hex32_16
    call space16
    mov eax, edx
    call hex32_16
    call nl16
    add si, 4
    jmp .l
.done:
    mov al, 0
    call exit16
leaves: dd 0, 1, 2, 3, 0x80000000, 0x80000001, 0xffffffff
    times 0xfff0-($-$$) db 0
    jmp 0xf000:start
    times 0x10000-($-$$) db 0xff
