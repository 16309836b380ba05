; bench_empty.asm: the benchmark scaffolding with an empty body; tests/bench/cpu.sh runs it
; on each emulator to measure the start-up and exit time it subtracts from the loops.
%include "bench.inc"
bench_body:
    ret
    times 0xfff0-($-$$) db 0
bits 16
    jmp 0xf000:start
    times 0x10000-($-$$) db 0xff
