; x87_rand.asm: a 64 KiB -bios program for tests/scripts/x87_qemu.sh: N x87 operations
; drawn by a seeded xorshift32 from a table of basic ones (the arithmetic in its register
; and memory forms, loads and stores of integers and doubles, compares, FCOMI, FXCH, FCHS,
; FABS, FSQRT of |x|, FRNDINT, FPREM, FSCALE, FXAM, FTST, the constants, FINCSTP/FDECSTP
; pairs) on small random integers, under a random rounding mode from time to time. After
; each, one line on the debug console (port 0xE9): the step, the op, FSW without C1 and DE
; (QEMU 7.2 sets neither, see the README), the full tag word, EFLAGS' ZF PF CF after the
; last FCOMI, the last integer stored, then ST(0)..ST(depth-1) as sign/exponent:mantissa.
; The program keeps its own stack depth and draws only operations whose operands exist
; and whose pushes fit, since QEMU 7.2 has no stack faults. Ends through isa-debug-exit.
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
DEPTH   equ 0x2004
LASTF   equ 0x2008              ; ZF PF CF of the last FCOMI
LASTI   equ 0x200C              ; the last FIST result
IVAL    equ 0x2010              ; a random 16-bit integer operand
DVAL    equ 0x2018              ; a double operand
CWORD   equ 0x2020
IMG     equ 0x2100              ; FNSAVE image (108 bytes)
        mov dword [STATE], SEED
        mov dword [DEPTH], 0
        mov dword [LASTF], 0
        mov dword [LASTI], 0
        fninit
        xor ebp, ebp            ; step
.step:  call rand
        xor edx, edx
        mov ecx, NOPS
        div ecx                 ; edx = op
        lea esi, [BASE + ops + edx * 8]
        mov eax, [DEPTH]
        movzx ecx, byte [esi + 4]   ; needed depth
        cmp eax, ecx
        jb .step
        cmp al, [esi + 6]           ; depth the routine's own pushes allow
        ja .step
        movzx ecx, byte [esi + 5]   ; depth after
        movsx ecx, cl
        add ecx, eax
        cmp ecx, 8
        ja .step
        mov [DEPTH], ecx
        call rand
        and eax, 0x3ff
        sub eax, 0x200          ; -512..511
        mov [IVAL], ax
        push edx
        call dword [esi]
        pop edx
        call show
        inc ebp
        cmp ebp, STEPS
        jb .step
        mov eax, 0
        out 0xF4, eax
        hlt

; xorshift32 into eax
rand:   mov eax, [STATE]
        mov ecx, eax
        shl ecx, 13
        xor eax, ecx
        mov ecx, eax
        shr ecx, 17
        xor eax, ecx
        mov ecx, eax
        shl ecx, 5
        xor eax, ecx
        mov [STATE], eax
        ret

; prints eax as 8 hex digits
hex32:  mov ecx, 8
.d:     rol eax, 4
        push eax
        and al, 15
        add al, '0'
        cmp al, '9'
        jbe .o
        add al, 'A' - '0' - 10
.o:     out 0xE9, al
        pop eax
        loop .d
        ret
hex16:  rol eax, 16
        mov ecx, 4
        jmp .d4
.d4:    rol eax, 4
        push eax
        and al, 15
        add al, '0'
        cmp al, '9'
        jbe .o4
        add al, 'A' - '0' - 10
.o4:    out 0xE9, al
        pop eax
        loop .d4
        ret
space:  mov al, ' '
        out 0xE9, al
        ret

; one line: step op fsw tw flags int regs...
show:   push edx
        mov eax, ebp
        call hex16
        call space
        pop eax
        call hex16
        call space
        fnsave [IMG]
        mov eax, [IMG + 4]
        and eax, 0xFDFD         ; without C1 and DE
        call hex16
        call space
        mov eax, [IMG + 8]
        call hex16
        call space
        mov eax, [LASTF]
        call hex16
        call space
        mov eax, [LASTI]
        call hex32
        xor ebx, ebx
.r:     cmp ebx, [DEPTH]
        jae .e
        call space
        imul edi, ebx, 10
        movzx eax, word [IMG + 28 + edi + 8]
        call hex16
        mov al, ':'
        out 0xE9, al
        mov eax, [IMG + 28 + edi + 4]
        call hex32
        mov eax, [IMG + 28 + edi]
        call hex32
        inc ebx
        jmp .r
.e:     mov al, 10
        out 0xE9, al
        frstor [IMG]
        ret

%macro OP 3-4 8                 ; routine, depth needed, depth change, most depth before
        dd BASE + %1
        db %2, %3, %4, 0
%endmacro
        align 4
ops:    OP o_fild, 0, 1
        OP o_fild, 0, 1
        OP o_fld1, 0, 1
        OP o_fldpi, 0, 1
        OP o_fldz, 0, 1
        OP o_fld_st1, 2, 1
        OP o_fadd, 2, 0
        OP o_fsub, 2, 0
        OP o_fsubr, 2, 0
        OP o_fmul, 2, 0
        OP o_fdiv, 2, 0
        OP o_fdivr, 2, 0
        OP o_fadd_sti, 2, 0
        OP o_fsub_sti, 2, 0
        OP o_fdiv_sti, 2, 0
        OP o_faddp, 2, -1
        OP o_fsubrp, 2, -1
        OP o_fmulp, 2, -1
        OP o_fdivp, 2, -1
        OP o_fiadd, 1, 0
        OP o_fimul, 1, 0
        OP o_fisub, 1, 0
        OP o_fidivr, 1, 0
        OP o_fadd_m64, 1, 0, 7
        OP o_fdiv_m64, 1, 0, 7
        OP o_fchs, 1, 0
        OP o_fabs, 1, 0
        OP o_fsqrt, 1, 0
        OP o_frndint, 1, 0
        OP o_fxch, 2, 0
        OP o_fcom, 2, 0
        OP o_fcomp, 2, -1
        OP o_fucompp, 2, -2
        OP o_fcomi, 2, 0
        OP o_ftst, 1, 0
        OP o_fxam, 1, 0
        OP o_fprem, 2, 0
        OP o_fscale, 2, 0
        OP o_fist, 1, 0
        OP o_fistp, 1, -1
        OP o_fstp_m64, 1, -1
        OP o_fst_st2, 3, 0
        OP o_incdec, 1, 0
        OP o_rc, 0, 0
        OP o_fstp, 1, -1
NOPS    equ ($ - ops) / 8

o_fild:  fild word [IVAL]
         ret
o_fld1:  fld1
         ret
o_fldpi: fldpi
         ret
o_fldz:  fldz
         ret
o_fld_st1: fld st1
         ret
o_fadd:  fadd st0, st1
         ret
o_fsub:  fsub st0, st1
         ret
o_fsubr: fsubr st0, st1
         ret
o_fmul:  fmul st0, st1
         ret
o_fdiv:  fdiv st0, st1
         ret
o_fdivr: fdivr st0, st1
         ret
o_fadd_sti: fadd st1, st0
         ret
o_fsub_sti: fsub st1, st0
         ret
o_fdiv_sti: fdiv st1, st0
         ret
o_faddp: faddp st1, st0
         ret
o_fsubrp: fsubrp st1, st0
         ret
o_fmulp: fmulp st1, st0
         ret
o_fdivp: fdivp st1, st0
         ret
o_fiadd: fiadd word [IVAL]
         ret
o_fimul: fimul word [IVAL]
         ret
o_fisub: fisub word [IVAL]
         ret
o_fidivr: fidivr word [IVAL]
         ret
o_fadd_m64: fild word [IVAL]
         fstp qword [DVAL]
         fadd qword [DVAL]
         ret
o_fdiv_m64: fild word [IVAL]
         fstp qword [DVAL]
         fdiv qword [DVAL]
         ret
o_fchs:  fchs
         ret
o_fabs:  fabs
         ret
o_fsqrt: fabs
         fsqrt
         ret
o_frndint: frndint
         ret
o_fxch:  fxch st1
         ret
o_fcom:  fcom st1
         ret
o_fcomp: fcomp st1
         ret
o_fucompp: fucompp
         ret
o_fcomi: fcomi st0, st1
         pushf
         pop eax
         and eax, 0x45
         mov [LASTF], eax
         ret
o_ftst:  ftst
         ret
o_fxam:  fxam
         ret
o_fprem: fprem
         ret
o_fscale: fscale
         ret
o_fist:  fist dword [LASTI]
         ret
o_fistp: fistp dword [LASTI]
         ret
o_fstp_m64: fstp qword [DVAL]
         mov eax, [DVAL + 4]
         mov [LASTI], eax
         ret
o_fst_st2: fst st2
         ret
o_incdec: fincstp
         fdecstp
         ret
o_rc:    call rand
         and eax, 0x0C00
         or eax, 0x037F & ~0x0C00
         mov [CWORD], ax
         fldcw [CWORD]
         ret
o_fstp:  fstp st0
         ret
        BIOS_PM_TAIL
