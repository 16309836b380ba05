; bench_copy.asm: a word-by-word memory copy loop over 64 KiB, repeated.
%ifndef LOOPS
%define LOOPS 4000           ; iterations (nasm -DLOOPS=n for a short profiling run)
%endif
%include "bench.inc"
bench_body:
    mov ebp, LOOPS
.outer:
    mov esi, 0x100000
    mov edi, 0x110000
    mov ecx, 0x4000
.l: mov eax, [esi]
    mov [edi], eax
    add esi, 4
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
