; x87_exc.asm: the x87 exceptions in 32-bit protected mode.
; 1. IE (invalid operations, SNaN loads and stores, integer overflow, FCOM of a QNaN), DE, ZE,
;    OE, UE (register results scaled by 2^-/+24576 when unmasked, memory left alone), PE and
;    the stack fault, each masked and unmasked (the state right after the instruction: ES
;    and B set, the destination as the unmasked response leaves it), FNCLEX, FLDCW
;    unmasking a pending flag. These lines are the host x87's (every test replayed
;    natively, the same instructions in 64-bit mode, the unmasked ones read with FNSAVE,
;    which does not wait); lines marked '!' are where QEMU 7.2 differs (cpu_nasm.sh leaves
;    them out of the QEMU comparison):
; - FSQRT of a negative operand sets C2 (also in x87_arith);
; - the unmasked responses: QEMU writes the masked result anyway (the QNaN indefinite for IE,
;   infinity for ZE, infinity or zero for OE and UE instead of the result scaled by
;   2^-/+24576, and the masked FIST/FST/FBSTP value into memory, popping), where the
;   hardware leaves the destination, the memory operand and the stack alone; no ES for an
;   unmasked DE, SF or for a flag FLDCW/FLDENV/FRSTOR unmasks; a PE beside an unmasked OE/UE
;   on a scaled result; C1 on round-up; DE, stack faults as in x87_ldst;
; 2. #MF with CR0.NE = 1: which instruction faults (the next waiting x87 instruction, FWAIT or
;    any other, and FLDCW itself; not FNSTSW, FNSTCW, FNINIT, FNCLEX, FNSTENV, FNSAVE) and
;    what FNSTENV then shows. Hardware lines written from the listing's addresses and the
;    host's behaviour (a SIGFPE handler reading the saved state); '!' where QEMU 7.2 differs:
; - only FWAIT and FNOP raise a pending exception: FLD1, FXCH and FLDCW run on without #MF;
; - FNSTSW AX updates FIP (QEMU's FIP is FNSTSW's address, not FDIV's);
; - FNSTENV/FNSAVE in 32-bit format store 0 in the reserved upper halves of CW, SW, TW and
;   FDS (the hardware stores FFFF) and no opcode (FOP) beside FCS;
; - FRSTOR/FLDENV do not load FIP, FCS, FOP, FDP, FDS from the image;
; - the tag word shows the infinity QEMU wrote on an unmasked ZE;
; 3. #NM (vector 7) for CR0.EM/TS/MP: FWAIT faults only with MP and TS, any x87 instruction
;    (FNINIT, FNSTSW too) with EM or TS; the handler clears TS and EM and the instruction
;    runs. Same as QEMU and the SDM.
; qemu-args: -cpu pentium2,-mmx,-apic,-pae,-mce,-mca,-vme,-de,-fxsr,-pse36,-hypervisor
%include "lib.inc"
%include "pm.inc"
%include "x87.inc"
X87_MAIN "x87_exc"
    mov ebx, FPTMP
    X87CASE "ie fsqrt -1 masked", {SET80 0, 0xbfff, 0x8000000000000000}, {SET16 32, 0x037f}, fninit, fldcw [ebx + 32], fld tword [ebx], fsqrt
    X87CASE "ie fsqrt -1 unmasked", {SET80 0, 0xbfff, 0x8000000000000000}, {SET16 32, 0x037e}, fninit, fldcw [ebx + 32], fld tword [ebx], fsqrt
    X87CASE "ie inf-inf masked", {SET80 0, 0x7fff, 0x8000000000000000}, {SET16 32, 0x037f}, fninit, fldcw [ebx + 32], fld tword [ebx], fld tword [ebx], {fsubp st1, st0}
    X87CASE "ie inf-inf unmasked", {SET80 0, 0x7fff, 0x8000000000000000}, {SET16 32, 0x037e}, fninit, fldcw [ebx + 32], fld tword [ebx], fld tword [ebx], {fsubp st1, st0}
    X87CASE "ie fld m32 snan masked", {mov dword [ebx + 0], 0x7f800001}, {SET16 32, 0x037f}, fninit, fldcw [ebx + 32], fld1, fld dword [ebx]
    X87CASE "ie fld m32 snan unmasked", {mov dword [ebx + 0], 0x7f800001}, {SET16 32, 0x037e}, fninit, fldcw [ebx + 32], fld1, fld dword [ebx]
    X87CASEM "ie fistp m16 70000 masked", 48, 2, {mov dword [ebx + 0], 0x00011170}, {SET16 32, 0x037f}, {SET16 48, 0x1234}, fninit, fldcw [ebx + 32], fild dword [ebx], fistp word [ebx + 48]
    X87CASEM "ie fistp m16 70000 unmasked", 48, 2, {mov dword [ebx + 0], 0x00011170}, {SET16 32, 0x037e}, {SET16 48, 0x1234}, fninit, fldcw [ebx + 32], fild dword [ebx], fistp word [ebx + 48]
    X87CASEM "ie fstp m32 snan masked", 48, 4, {SET80 0, 0x7fff, 0x8000000000000001}, {SET16 32, 0x037f}, {mov dword [ebx + 48], 0x12345678}, fninit, fldcw [ebx + 32], fld tword [ebx], fstp dword [ebx + 48]
    X87CASEM "ie fstp m32 snan unmasked", 48, 4, {SET80 0, 0x7fff, 0x8000000000000001}, {SET16 32, 0x037e}, {mov dword [ebx + 48], 0x12345678}, fninit, fldcw [ebx + 32], fld tword [ebx], fstp dword [ebx + 48]
    X87CASE "ie fcom qnan masked", {SET80 0, 0x7fff, 0xc000000000000000}, {SET16 32, 0x037f}, fninit, fldcw [ebx + 32], fld1, fld tword [ebx], fcom st1
    X87CASE "ie fcom qnan unmasked", {SET80 0, 0x7fff, 0xc000000000000000}, {SET16 32, 0x037e}, fninit, fldcw [ebx + 32], fld1, fld tword [ebx], fcom st1
    X87CASE "ie fucom qnan masked", {SET80 0, 0x7fff, 0xc000000000000000}, {SET16 32, 0x037f}, fninit, fldcw [ebx + 32], fld1, fld tword [ebx], fucom st1
    X87CASE "ie fucom qnan unmasked", {SET80 0, 0x7fff, 0xc000000000000000}, {SET16 32, 0x037e}, fninit, fldcw [ebx + 32], fld1, fld tword [ebx], fucom st1
    X87CASE "de fadd denormal masked", {SET80 0, 0x0000, 0x0000000000000001}, {SET16 32, 0x037f}, fninit, fldcw [ebx + 32], fld1, fld tword [ebx], {fadd st0, st1}
    X87CASE "de fadd denormal unmasked", {SET80 0, 0x0000, 0x0000000000000001}, {SET16 32, 0x037d}, fninit, fldcw [ebx + 32], fld1, fld tword [ebx], {fadd st0, st1}
    X87CASE "de fld m32 denormal masked", {mov dword [ebx + 0], 0x00000001}, {SET16 32, 0x037f}, fninit, fldcw [ebx + 32], fld1, fld dword [ebx]
    X87CASE "de fld m32 denormal unmasked", {mov dword [ebx + 0], 0x00000001}, {SET16 32, 0x037d}, fninit, fldcw [ebx + 32], fld1, fld dword [ebx]
    X87CASE "ze 1/0 masked", {SET16 32, 0x037f}, fninit, fldcw [ebx + 32], fldz, fld1, {fdiv st0, st1}
    X87CASE "ze 1/0 unmasked", {SET16 32, 0x037b}, fninit, fldcw [ebx + 32], fldz, fld1, {fdiv st0, st1}
    X87CASE "ze fyl2x 0 masked", {SET16 32, 0x037f}, fninit, fldcw [ebx + 32], fld1, fldz, fyl2x
    X87CASE "ze fyl2x 0 unmasked", {SET16 32, 0x037b}, fninit, fldcw [ebx + 32], fld1, fldz, fyl2x
    X87CASE "ze fxtract 0 masked", {SET16 32, 0x037f}, fninit, fldcw [ebx + 32], fldz, fxtract
    X87CASE "ze fxtract 0 unmasked", {SET16 32, 0x037b}, fninit, fldcw [ebx + 32], fldz, fxtract
    X87CASE "oe fmul max masked", {SET80 0, 0x7ffe, 0xffffffffffffffff}, {SET16 32, 0x037f}, fninit, fldcw [ebx + 32], fld tword [ebx], fld tword [ebx], {fmul st0, st1}
    X87CASE "oe fmul max unmasked", {SET80 0, 0x7ffe, 0xffffffffffffffff}, {SET16 32, 0x0377}, fninit, fldcw [ebx + 32], fld tword [ebx], fld tword [ebx], {fmul st0, st1}
    X87CASEM "oe fst m32 max masked", 48, 4, {SET80 0, 0x7ffe, 0xffffffffffffffff}, {SET16 32, 0x037f}, {mov dword [ebx + 48], 0x12345678}, fninit, fldcw [ebx + 32], fld tword [ebx], fst dword [ebx + 48]
    X87CASEM "oe fst m32 max unmasked", 48, 4, {SET80 0, 0x7ffe, 0xffffffffffffffff}, {SET16 32, 0x0377}, {mov dword [ebx + 48], 0x12345678}, fninit, fldcw [ebx + 32], fld tword [ebx], fst dword [ebx + 48]
    X87CASE "oe fscale masked", {SET80 0, 0x400d, 0xc000000000000000}, {SET16 32, 0x037f}, fninit, fldcw [ebx + 32], fld tword [ebx], fld1, fscale
    X87CASE "oe fscale unmasked", {SET80 0, 0x400d, 0xc000000000000000}, {SET16 32, 0x0377}, fninit, fldcw [ebx + 32], fld tword [ebx], fld1, fscale
    X87CASE "ue fmul min masked", {SET80 0, 0x0001, 0x8000000000000000}, {SET16 32, 0x037f}, fninit, fldcw [ebx + 32], fld tword [ebx], fld tword [ebx], {fmul st0, st1}
    X87CASE "ue fmul min unmasked", {SET80 0, 0x0001, 0x8000000000000000}, {SET16 32, 0x036f}, fninit, fldcw [ebx + 32], fld tword [ebx], fld tword [ebx], {fmul st0, st1}
    X87CASEM "ue fstp m64 min masked", 48, 8, {SET80 0, 0x0001, 0x8000000000000000}, {SET16 32, 0x037f}, {mov dword [ebx + 48], 0x55667788}, {mov dword [ebx + 52], 0x11223344}, fninit, fldcw [ebx + 32], fld tword [ebx], fstp qword [ebx + 48]
    X87CASEM "ue fstp m64 min unmasked", 48, 8, {SET80 0, 0x0001, 0x8000000000000000}, {SET16 32, 0x036f}, {mov dword [ebx + 48], 0x55667788}, {mov dword [ebx + 52], 0x11223344}, fninit, fldcw [ebx + 32], fld tword [ebx], fstp qword [ebx + 48]
    X87CASE "ue fdiv exact tiny masked", {SET80 0, 0x0002, 0x8000000000000000}, {SET16 32, 0x037f}, fninit, fldcw [ebx + 32], fld1, {fadd st0, st0}, fld tword [ebx], {fdiv st0, st1}
    X87CASE "ue fdiv exact tiny unmasked", {SET80 0, 0x0002, 0x8000000000000000}, {SET16 32, 0x036f}, fninit, fldcw [ebx + 32], fld1, {fadd st0, st0}, fld tword [ebx], {fdiv st0, st1}
    X87CASE "pe 1/3 masked", {SET16 32, 0x037f}, fninit, fldcw [ebx + 32], fld1, fld1, {fadd st0, st0}, {fadd st0, st1}, {fdivr st0, st1}
    X87CASE "pe 1/3 unmasked", {SET16 32, 0x035f}, fninit, fldcw [ebx + 32], fld1, fld1, {fadd st0, st0}, {fadd st0, st1}, {fdivr st0, st1}
    X87CASEM "pe fst m32 1/3 masked", 48, 4, {SET80 0, 0x3ffd, 0xaaaaaaaaaaaaaaab}, {SET16 32, 0x037f}, {mov dword [ebx + 48], 0x12345678}, fninit, fldcw [ebx + 32], fld tword [ebx], fstp dword [ebx + 48]
    X87CASEM "pe fst m32 1/3 unmasked", 48, 4, {SET80 0, 0x3ffd, 0xaaaaaaaaaaaaaaab}, {SET16 32, 0x035f}, {mov dword [ebx + 48], 0x12345678}, fninit, fldcw [ebx + 32], fld tword [ebx], fstp dword [ebx + 48]
    X87CASE "sf fadd empty masked", {SET16 32, 0x037f}, fninit, fldcw [ebx + 32], fld1, {fadd st0, st3}
    X87CASE "sf fadd empty unmasked", {SET16 32, 0x037e}, fninit, fldcw [ebx + 32], fld1, {fadd st0, st3}
    X87CASE "sf push full masked", {SET16 32, 0x037f}, fninit, fldcw [ebx + 32], fld1, fld1, fld1, fld1, fld1, fld1, fld1, fld1, fldz
    X87CASE "sf push full unmasked", {SET16 32, 0x037e}, fninit, fldcw [ebx + 32], fld1, fld1, fld1, fld1, fld1, fld1, fld1, fld1, fldz
    X87CASE "pe and oe unmasked fmul max", {SET80 0, 0x7ffe, 0xffffffffffffffff}, {SET16 32, 0x0357}, fninit, fldcw [ebx + 32], fld tword [ebx], fld tword [ebx], {fmul st0, st1}
    X87CASE "fnclex after ze", {SET16 32, 0x037b}, fninit, fldcw [ebx + 32], fldz, fld1, {fdiv st0, st1}, fnclex
    X87CASE "fldcw unmasking a pending flag", {SET16 32, 0x037f}, {SET16 34, 0x037b}, fninit, fldcw [ebx + 32], fldz, fld1, {fdiv st0, st1}, fldcw [ebx + 34]
    X87CASE "fldenv unmasking a pending flag", {SET16 32, 0x037f}, {SET16 34, 0x037b}, fninit, fldcw [ebx + 32], fldz, fld1, {fdiv st0, st1}, fnstenv [ebx + 64], {mov ax, [ebx + 34]}, {mov [ebx + 64], ax}, fldenv [ebx + 64]
    X87CASE "frstor unmasking a pending flag", {SET16 32, 0x037f}, {SET16 34, 0x037b}, fninit, fldcw [ebx + 32], fldz, fld1, {fdiv st0, st1}, fnsave [ebx + 64], {mov ax, [ebx + 34]}, {mov [ebx + 64], ax}, frstor [ebx + 64]
    ; ---- 2. #MF (CR0.NE = 1): the handler records the faulting EIP and the FNSTENV image
    ; (masking everything), clears the flags and returns to the waiting instruction, which
    ; then runs; each line shows how many faults came, the EIP and the image's CW, SW, TW,
    ; FIP, FCS with FOP above it, FDP, FDS ----
    jmp mf_tests
set_gate:                      ; vector ECX to handler EDX: 32-bit interrupt gate
    mov word [IDT_RAM + ecx * 8], dx
    mov word [IDT_RAM + ecx * 8 + 2], SEL_C32
    mov word [IDT_RAM + ecx * 8 + 4], 0x8e00
    shr edx, 16
    mov word [IDT_RAM + ecx * 8 + 6], dx
    ret
MFREC equ 0xb200               ; count (4), EIP (4), FNSTENV image (28)
NMREC equ 0xb240               ; count (4), EIP (4), CR0 at the fault (4)
mf_handler:
    inc dword [MFREC]
    push eax
    mov eax, [esp + 4]
    mov [MFREC + 4], eax
    pop eax
    fnstenv [MFREC + 8]
    fnclex
    iretd
nm_handler:                    ; clears TS and EM so that the instruction runs on return
    inc dword [NMREC]
    push eax
    mov eax, [esp + 4]
    mov [NMREC + 4], eax
    mov eax, cr0
    mov [NMREC + 8], eax
    and eax, ~0x0c
    mov cr0, eax
    pop eax
    iretd
mf_clear:
    push eax
    push ecx
    push edi
    mov edi, MFREC
    xor eax, eax
    mov ecx, 0x60 / 4
    rep stosd
    pop edi
    pop ecx
    pop eax
    ret
mf_show:                       ; " mf=N eip=... env=cw sw tw fip fcs fdp fds", newline
    pushad
    PRINT32 " mf="
    mov eax, MFREC
    call rec_show32
    PRINT32 " env="
    mov esi, MFREC + 8
    mov ecx, 7
    call dumpd32
    popad
    ret
nm_show:                       ; " nm=N eip=... cr0=...", newline
    PRINT32 " nm="
    mov eax, NMREC
    call rec_show32
    PRINT32 " cr0="
    mov eax, [NMREC + 8]
    call hex32_32
    call nl32
    ret
%macro MFBEGIN 0               ; a test: fninit, ZE unmasked (CW 037B), then the code up to MFEND
    call mf_clear
    fninit
    mov word [ebx], 0x037b
    fldcw [ebx]
%endmacro
%macro MFEND 1+
    PRINT32 %1
    call mf_show
%endmacro
mf_tests:
    mov ecx, 16
    mov edx, LIN(mf_handler)
    call set_gate
    mov ecx, 7
    mov edx, LIN(nm_handler)
    call set_gate
    mov dword [ebx + 4], 0
    MFBEGIN
    fldz
    fld1
    fdiv st0, st1
    fnstsw ax
    fnstcw [ebx + 8]
    fwait
    MFEND "mf fdiv st0,st1; fnstsw; fnstcw; fwait"
    MFBEGIN
    fld1
    fdiv dword [ebx + 4]
    fld1
    MFEND "mf fdiv m32; fld1"
    MFBEGIN
    fld1
    fidiv word [ebx + 4]
    fnsave [ebx + 16]
    frstor [ebx + 16]
    fwait
    MFEND "mf fidiv m16; fnsave; frstor; fwait"
    MFBEGIN
    fld1
    fdiv dword [ebx + 4]
    fninit
    fwait
    MFEND "mf fdiv; fninit; fwait"
    MFBEGIN
    fld1
    fdiv dword [ebx + 4]
    fnclex
    fld1
    MFEND "mf fdiv; fnclex; fld1"
    MFBEGIN
    mov word [ebx + 8], 0x037f
    fldcw [ebx + 8]
    fld1
    fdiv dword [ebx + 4]
    fldcw [ebx]
    fwait
    MFEND "mf fdiv (masked); fldcw 037B; fwait"
    MFBEGIN
    fld1
    fdiv dword [ebx + 4]
    mov word [ebx + 8], 0x037f
    fldcw [ebx + 8]
    fwait
    MFEND "mf fdiv; fldcw 037F; fwait"
    MFBEGIN
    fld1
    fdiv dword [ebx + 4]
    fnstenv [ebx + 16]
    fldenv [ebx + 16]
    fwait
    MFEND "mf fdiv; fnstenv; fldenv; fwait"
    MFBEGIN
    fld1
    fdiv dword [ebx + 4]
    fnop
    MFEND "mf fdiv; fnop"
    MFBEGIN
    fld1
    fld1
    fdiv dword [ebx + 4]
    fxch
    MFEND "mf fdiv; fxch"
    ; ---- 3. #NM: CR0.EM, TS, MP ----
%macro NMTEST 3+               ; name, CR0 bits (MP 2, EM 4, TS 8), instruction
    mov dword [NMREC], 0
    mov dword [NMREC + 4], 0
    mov dword [NMREC + 8], 0
    fninit
    mov eax, cr0
    and eax, ~0x0e
    or eax, %2
    mov cr0, eax
    %3
    mov eax, cr0
    and eax, ~0x0c
    or eax, 2
    mov cr0, eax
    PRINT32 %1
    call nm_show
%endmacro
    NMTEST "nm fwait ts mp", 0x0a, fwait
    NMTEST "nm fwait ts", 0x08, fwait
    NMTEST "nm fwait em", 0x04, fwait
    NMTEST "nm fwait em ts mp", 0x0e, fwait
    NMTEST "nm fld1 ts", 0x08, fld1
    NMTEST "nm fld1 em", 0x04, fld1
    NMTEST "nm fninit ts", 0x08, fninit
    NMTEST "nm fnstsw em", 0x04, fnstsw ax
    NMTEST "nm fld1 mp", 0x02, fld1
    NMTEST "nm fwait mp", 0x02, fwait
    PRINT32 "x87_exc: done", 10
    mov al, 0
    call exit32

X87_END
