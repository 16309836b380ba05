; bench_movsd.asm: REP MOVSD copies of 1 MiB, repeated; tests/bench/cpu.sh reports it in
; MiB/s (LOOPS * 1 MiB copied).
%ifndef LOOPS
%define LOOPS 4096           ; copies (nasm -DLOOPS=n for a short profiling run)
%endif
%include "bench.inc"
bench_body:
    mov ebp, LOOPS
    cld
.outer:
    mov esi, 0x100000
    mov edi, 0x200000
    mov ecx, 0x40000
    rep movsd
    dec ebp
    jnz .outer
    ret
    times 0xfff0-($-$$) db 0
bits 16
    jmp 0xf000:start
    times 0x10000-($-$$) db 0xff
