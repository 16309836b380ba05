; bench_alu.asm: register arithmetic and logic in a counted loop.
%ifndef LOOPS
%define LOOPS 40000000           ; iterations (nasm -DLOOPS=n for a short profiling run)
%endif
%include "bench.inc"
bench_body:
    mov ecx, LOOPS
    mov eax, 1
    mov ebx, 3
    xor edx, edx
.l: add eax, ebx
    xor edx, eax
    shl ebx, 1
    or ebx, 1
    sub eax, edx
    and ebx, 0xffff
    lea esi, [eax + ebx * 2]
    imul edx, esi
    ror eax, 3
    adc edx, ecx
    dec ecx
    jnz .l
    ret
    times 0xfff0-($-$$) db 0
bits 16
    jmp 0xf000:start
    times 0x10000-($-$$) db 0xff
