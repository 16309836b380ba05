; bench_mmx.asm: MMX in a counted loop: packed adds, multiplies, logic, shifts, unpacks
; and quadword loads and stores (a 32-byte buffer), ended by EMMS. Needs a CPU model with
; MMX (tests/bench/cpu.sh runs it under qemu32).
%ifndef LOOPS
%define LOOPS 10000000           ; iterations (nasm -DLOOPS=n for a short profiling run)
%endif
%include "bench.inc"
BUF equ 0x10000                  ; 32 bytes
bench_body:
    mov edi, BUF
    mov ecx, 8
.fill:
    mov [edi + 4 * ecx - 4], ecx
    loop .fill
    movq mm1, [BUF]
    movq mm2, [BUF + 8]
    mov ecx, LOOPS
.l: movq mm0, [BUF + 16]
    paddw mm0, mm1
    pmullw mm0, mm2
    pxor mm1, mm0
    psrlw mm1, 1
    punpcklbw mm3, mm0
    paddusb mm2, mm3
    pand mm2, mm1
    movq [BUF + 24], mm0
    psubd mm3, mm2
    dec ecx
    jnz .l
    emms
    ret
    times 0xfff0-($-$$) db 0
bits 16
    jmp 0xf000:start
    times 0x10000-($-$$) db 0xff
