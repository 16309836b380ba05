; sse_rand.asm: a 64 KiB -bios program for tests/scripts/sse_qemu.sh: N SSE/SSE2/SSE3
; floating-point operations drawn by a seeded xorshift32 from a table (packed and scalar
; arithmetic, MIN/MAX, compares, conversions, ADDSUB/HADD/HSUB, SHUFPS, UNPCKLPS) in
; MXCSR's reset state (round to nearest, exceptions masked: LDMXCSR and STMXCSR belong to
; the MMX/FXSR work, so rounding modes and flags are checked against the hardware by
; test_sf.c and test_cpu_sse.c instead). After each, one line on the debug console (port
; 0xE9): the step, the op and XMM0 (high dword first). Operands are finite, normal and of
; moderate exponent: QEMU 7.2 and the hardware disagree on NaNs (of two NaN operands QEMU
; returns the one with the larger significand, the x87's rule; SSE returns the first
; source's, SDM vol. 1 Table 4-7, and pcemu follows the SDM), and QEMU never sets DE for
; a denormal operand; denormals and underflow are left to test_sf.c. Ends through
; isa-debug-exit.
; Defines: SEED (nonzero), STEPS.
%ifndef SEED
%define SEED 1
%endif
%ifndef STEPS
%define STEPS 300
%endif
%include "bios_pm.inc"
        BIOS_PM_ENTRY
STATE   equ 0x2000              ; xorshift state
OPA     equ 0x2100              ; 16-byte operands
OPB     equ 0x2110
RES     equ 0x2120
PRINT_BASE equ BASE
        mov eax, cr0
        and eax, ~4             ; EM off
        or eax, 2               ; MP on
        mov cr0, eax
        mov eax, cr4
        or eax, 0x600           ; OSFXSR, OSXMMEXCPT
        mov cr4, eax
        mov dword [STATE], SEED
        xor ebp, ebp            ; step
.step:  mov edi, OPA
        mov ecx, 8
.fill:  call rand               ; a float of exponent 2^-20..2^19, any sign and fraction
        and eax, 0x807FFFFF
        push eax
        call rand
        xor edx, edx
        push ecx
        mov ecx, 40
        div ecx
        pop ecx
        add edx, 107
        shl edx, 23
        pop eax
        or eax, edx
        mov [edi], eax
        add edi, 4
        loop .fill
        call rand
        xor edx, edx
        mov ecx, NOPS
        div ecx                 ; edx = op
        push edx
        movups xmm0, [OPA]
        movups xmm1, [OPB]
        call dword [BASE + ops + edx * 4]
        movups [RES], xmm0
        pop edx
        mov eax, ebp
        call puthex
        mov al, ' '
        call putc
        mov eax, edx
        call puthex
        mov esi, RES + 16
.show:  sub esi, 4
        mov al, ' '
        call putc
        mov eax, [esi]
        call puthex
        cmp esi, RES
        jne .show
        call nl
        inc ebp
        cmp ebp, STEPS
        jb .step
        mov eax, 0
        out 0xF4, eax
        hlt

rand:   mov eax, [STATE]        ; xorshift32 (EBX clobbered)
        mov ebx, eax
        shl ebx, 13
        xor eax, ebx
        mov ebx, eax
        shr ebx, 17
        xor eax, ebx
        mov ebx, eax
        shl ebx, 5
        xor eax, ebx
        mov [STATE], eax
        ret

putc:   out 0xE9, al
        ret
%include "print.inc"

%macro OP 1
        %1
        ret
%endmacro
o_addps:    OP {addps xmm0, xmm1}
o_addss:    OP {addss xmm0, xmm1}
o_subps:    OP {subps xmm0, xmm1}
o_mulps:    OP {mulps xmm0, xmm1}
o_divps:    OP {divps xmm0, xmm1}
o_divss:    OP {divss xmm0, xmm1}
o_sqrtps:   OP {sqrtps xmm0, xmm1}
o_minps:    OP {minps xmm0, xmm1}
o_maxss:    OP {maxss xmm0, xmm1}
o_addpd:    OP {addpd xmm0, xmm1}
o_subsd:    OP {subsd xmm0, xmm1}
o_mulpd:    OP {mulpd xmm0, xmm1}
o_divpd:    OP {divpd xmm0, xmm1}
o_sqrtsd:   OP {sqrtsd xmm0, xmm1}
o_minsd:    OP {minsd xmm0, xmm1}
o_maxpd:    OP {maxpd xmm0, xmm1}
o_cmpltps:  OP {cmpltps xmm0, xmm1}
o_cmpnlepd: OP {cmpnlepd xmm0, xmm1}
o_cvtps2pd: OP {cvtps2pd xmm0, xmm1}
o_cvtpd2ps: OP {cvtpd2ps xmm0, xmm1}
o_cvtss2sd: OP {cvtss2sd xmm0, xmm1}
o_cvtdq2ps: OP {cvtdq2ps xmm0, xmm1}
o_cvtps2dq: OP {cvtps2dq xmm0, xmm1}
o_cvttps2dq: OP {cvttps2dq xmm0, xmm1}
o_cvtpd2dq: OP {cvtpd2dq xmm0, xmm1}
o_cvtdq2pd: OP {cvtdq2pd xmm0, xmm1}
o_addsubps: OP {addsubps xmm0, xmm1}
o_haddpd:   OP {haddpd xmm0, xmm1}
o_hsubps:   OP {hsubps xmm0, xmm1}
o_shufps:   OP {shufps xmm0, xmm1, 0x4E}
o_unpcklps: OP {unpcklps xmm0, xmm1}

        align 4
ops:    dd BASE + o_addps, BASE + o_addss, BASE + o_subps, BASE + o_mulps, BASE + o_divps
        dd BASE + o_divss, BASE + o_sqrtps, BASE + o_minps, BASE + o_maxss, BASE + o_addpd
        dd BASE + o_subsd, BASE + o_mulpd, BASE + o_divpd, BASE + o_sqrtsd, BASE + o_minsd
        dd BASE + o_maxpd, BASE + o_cmpltps, BASE + o_cmpnlepd, BASE + o_cvtps2pd
        dd BASE + o_cvtpd2ps, BASE + o_cvtss2sd, BASE + o_cvtdq2ps, BASE + o_cvtps2dq
        dd BASE + o_cvttps2dq, BASE + o_cvtpd2dq, BASE + o_cvtdq2pd, BASE + o_addsubps
        dd BASE + o_haddpd, BASE + o_hsubps, BASE + o_shufps, BASE + o_unpcklps
NOPS    equ ($ - ops) / 4

        BIOS_PM_TAIL
