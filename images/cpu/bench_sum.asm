; bench_sum.asm: a memory checksum loop (32-bit loads added into a sum) over a 2 MiB
; buffer, repeated; tests/bench/cpu.sh reports it in MiB/s (LOOPS * 2 MiB read).
%ifndef LOOPS
%define LOOPS 128            ; passes (nasm -DLOOPS=n for a short profiling run)
%endif
%include "bench.inc"
bench_body:
    mov ebp, LOOPS
    xor eax, eax
    xor edx, edx
.outer:
    mov esi, 0x100000
    mov ecx, 0x80000
.l: add eax, [esi]
    adc edx, 0
    add esi, 4
    dec ecx
    jnz .l
    dec ebp
    jnz .outer
    ret
    times 0xfff0-($-$$) db 0
bits 16
    jmp 0xf000:start
    times 0x10000-($-$$) db 0xff
