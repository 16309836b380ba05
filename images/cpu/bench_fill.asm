; bench_fill.asm: an xorshift32 generator filling an 8 MiB buffer with 32-bit words,
; repeated; the first pass touches every page for the first time. tests/bench/cpu.sh
; reports it in MiB/s (LOOPS * 8 MiB written).
%ifndef LOOPS
%define LOOPS 8              ; passes (nasm -DLOOPS=n for a short profiling run)
%endif
%include "bench.inc"
bench_body:
    mov ebp, LOOPS
    mov eax, 2463534242
.outer:
    mov edi, 0x100000
    mov ecx, 0x200000
.l: mov edx, eax
    shl edx, 13
    xor eax, edx
    mov edx, eax
    shr edx, 17
    xor eax, edx
    mov edx, eax
    shl edx, 5
    xor eax, edx
    mov [edi], eax
    add edi, 4
    dec ecx
    jnz .l
    dec ebp
    jnz .outer
    ret
    times 0xfff0-($-$$) db 0
bits 16
    jmp 0xf000:start
    times 0x10000-($-$$) db 0xff
