; bench_branch.asm: data-dependent branches, calls and returns driven by an LCG.
%ifndef LOOPS
%define LOOPS 40000000           ; iterations (nasm -DLOOPS=n for a short profiling run)
%endif
%include "bench.inc"
bench_body:
    mov ecx, LOOPS
    mov eax, 12345
    xor ebx, ebx
.l: imul eax, eax, 1103515245
    add eax, 12345
    test eax, 0x10000
    jz .a
    inc ebx
    test eax, 0x20000
    jnz .b
    call .f
    jmp .c
.a: dec ebx
    cmp ebx, -100
    jg .c
.b: add ebx, 7
.c: dec ecx
    jnz .l
    ret
.f: xor ebx, eax
    ret
    times 0xfff0-($-$$) db 0
bits 16
    jmp 0xf000:start
    times 0x10000-($-$$) db 0xff
