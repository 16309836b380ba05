; sse_none.asm: on a pentium2 with MMX and FXSR but no SSE, in real mode, every SSE
; instruction is #UD: the packed and scalar singles, the moves, LDMXCSR/STMXCSR, the
; MMX-register conversions, the SSE integer forms on MMX registers (PSHUFW, PAVGB, PMINUB,
; PEXTRW, PMOVMSKB, MASKMOVQ, MOVNTQ) and SFENCE; MMX and FXSAVE still run ('.'); MOV CR4
; with OSXMMEXCPT is #GP (a reserved bit without SSE), with OSFXSR allowed (FXSR).
; Lines marked '!' in sse_none.expected hold the hardware's values where QEMU 7.2 differs:
; "sse", "sse int": QEMU 7.2's TCG checks no SSE feature bit there: it runs CVTPI2PS,
; CVTPS2PI and the SSE integer forms on MMX registers (the XMM forms fault only because it
; has cleared CR4.OSFXSR); "cr4": QEMU clears OSFXSR on a CPU without SSE (as fxsr.asm
; notes) and takes OSXMMEXCPT, which the hardware refuses with #GP.
; qemu-args: -cpu pentium2,-apic,-pae,-mce,-mca,-de,-pse36,-hypervisor
%include "sse.inc"
bits 16
IMG equ 0x1000
start:
    SSE_START 0x200
    PRINT16 "sse: "
    TRYD addps xmm0, xmm1
    TRYD mulss xmm0, [0x600]
    TRYD movaps xmm0, xmm1
    TRYD movups [0x600], xmm0
    TRYD xorps xmm0, xmm1
    TRYD comiss xmm0, xmm1
    TRYD cvtsi2ss xmm0, eax
    TRYD cvtpi2ps xmm0, mm1
    TRYD cvtps2pi mm0, xmm1
    TRYD movntps [0x600], xmm0
    call nl16
    PRINT16 "sse int: "
    TRYD pshufw mm0, mm1, 0
    TRYD pavgb mm0, mm1
    TRYD pminub mm0, [0x600]
    TRYD pextrw eax, mm1, 1
    TRYD pmovmskb eax, mm1
    TRYD maskmovq mm0, mm1
    TRYD movntq [0x600], mm0
    call nl16
    PRINT16 "sse other: "
    TRYD ldmxcsr [0x600]
    TRYD stmxcsr [0x600]
    TRYD sfence
    call nl16
    PRINT16 "mmx, fxsr: "
    TRYD paddb mm0, mm1
    TRYD fxsave [IMG]
    TRYD fxrstor [IMG]
    call nl16
    PRINT16 "cr4: "
    mov eax, cr4
    TRY mov cr4, eax
    PR eax
    or eax, 0x400
    TRY mov cr4, eax
    mov eax, cr4
    PR eax
    call nl16
    emms
    mov al, 0
    call exit16
    times 0xfff0-($-$$) db 0
    jmp 0xf000:start
    times 0x10000-($-$$) db 0xff
