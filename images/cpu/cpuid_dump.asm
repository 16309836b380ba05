; cpuid_dump.asm: CPUID leaves 0-4 (leaf 4 with ECX 0..3), 0x80000000-0x80000004,
; 0x80000005 (above QEMU's xlevel for every model pcemu has) and the hypervisor leaves
; 0x40000000-0x40000002 (QEMU's TCG has the first two), printed as "LEAF.SUB: EAX
; EBX ECX EDX". tests/scripts/cpuid_models.sh runs it on QEMU 7.2 and pcemu under each
; -cpu model and a few feature combinations and requires the same lines.
; qemu-args: -cpu pentium2,-mmx,-apic,-pae,-mce,-mca,-vme,-de,-fxsr,-pse36,-hypervisor
%include "lib.inc"
bits 16
start:
    cli
    xor ax, ax
    mov ss, ax
    mov sp, 0x7000
    mov si, leaves
.l: mov eax, [cs:si]
    cmp eax, 0xffffffff
    je .done
    call hex32_16
    mov al, '.'
    out 0xe9, al
    mov eax, [cs:si+4]
    call hex32_16
    mov al, ':'
    out 0xe9, al
    call space16
    mov eax, [cs:si]
    mov ecx, [cs:si+4]
    xor ebx, ebx
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
    add si, 8
    jmp .l
.done:
    mov al, 0
    call exit16
leaves: dd 0,0, 1,0, 2,0, 3,0, 4,0, 4,1, 4,2, 4,3, 0x80000000,0, 0x80000001,0
    dd 0x80000002,0, 0x80000003,0, 0x80000004,0, 0x80000005,0
    dd 0x40000000,0, 0x40000001,0, 0x40000002,0, 0xffffffff
    times 0xfff0-($-$$) db 0
    jmp 0xf000:start
    times 0x10000-($-$$) db 0xff
