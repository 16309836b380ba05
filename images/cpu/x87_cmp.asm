; x87_cmp.asm: x87 compares in 32-bit protected mode, all exceptions masked: FCOM, FCOMP,
; FCOMPP, FUCOM, FUCOMP, FUCOMPP (C3/C2/C0), FCOMI, FCOMIP, FUCOMI, FUCOMIP (ZF/PF/CF, OF/SF/AF
; cleared; m= is EFLAGS' low word) on pairs of every class (zeros, infinities, QNaN, SNaN,
; denormal, pseudo-denormal, unnormal, pseudo-infinity, pseudo-NaN), FTST and FXAM of each
; class and of an empty register, FICOM/FICOMP m16/m32, FCOM m32/m64, the eight FCMOVcc after
; each FUCOMI outcome, and compares and moves from an empty register.
; The expected output is the host x87's (every test replayed natively, the same instructions
; in 64-bit mode); lines marked '!' are where QEMU 7.2 differs (cpu_nasm.sh leaves them out
; of the QEMU comparison):
; - FCOMI, FCOMIP, FUCOMI, FUCOMIP leave OF, SF and AF as they were (the SDM clears them);
; - no DE for a denormal or pseudo-denormal operand of FCOM*, FUCOM*, FCOMI*, FTST, FICOM;
; - no stack underflow in FTST, FCOM, FCOMI or FCMOVcc on an empty register (the hardware
;   sets IE + SF, reports unordered, and FCMOVcc writes the QNaN indefinite whether or not
;   the condition holds).
; qemu-args: -cpu pentium2,-mmx,-apic,-pae,-mce,-mca,-vme,-de,-fxsr,-pse36,-hypervisor
%include "lib.inc"
%include "pm.inc"
%include "x87.inc"
bits 16
start:
    jmp pm_enter

bits 32
pm_main:
    PRINT32 "x87_cmp: start", 10
    mov eax, cr0
    and eax, ~0x0c             ; EM = TS = 0
    or eax, 0x22               ; MP, NE
    mov cr0, eax
    mov ebx, FPTMP
    ; ---- fcom st1 1,2 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0x3f
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0x80000000
    mov byte [ebx + 24], 0x00
    mov byte [ebx + 25], 0x40
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    fcom st1
    PRINT32 "fcom st1 1,2"
    call fpshow
    ; ---- fucom st1 1,2 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0x3f
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0x80000000
    mov byte [ebx + 24], 0x00
    mov byte [ebx + 25], 0x40
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    fucom st1
    PRINT32 "fucom st1 1,2"
    call fpshow
    ; ---- fcomp st1 1,2 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0x3f
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0x80000000
    mov byte [ebx + 24], 0x00
    mov byte [ebx + 25], 0x40
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    fcomp st1
    PRINT32 "fcomp st1 1,2"
    call fpshow
    ; ---- fucomp st1 1,2 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0x3f
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0x80000000
    mov byte [ebx + 24], 0x00
    mov byte [ebx + 25], 0x40
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    fucomp st1
    PRINT32 "fucomp st1 1,2"
    call fpshow
    ; ---- fcompp 1,2 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0x3f
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0x80000000
    mov byte [ebx + 24], 0x00
    mov byte [ebx + 25], 0x40
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    fcompp
    PRINT32 "fcompp 1,2"
    call fpshow
    ; ---- fucompp 1,2 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0x3f
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0x80000000
    mov byte [ebx + 24], 0x00
    mov byte [ebx + 25], 0x40
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    fucompp
    PRINT32 "fucompp 1,2"
    call fpshow
    ; ---- fcomi st0, st1 1,2 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0x3f
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0x80000000
    mov byte [ebx + 24], 0x00
    mov byte [ebx + 25], 0x40
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    mov al, 0x7f
    add al, 1
    fcomi st0, st1
    pushf
    pop eax
    and eax, 0x8d5
    mov [ebx + 48], eax
    PRINT32 "fcomi st0, st1 1,2"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 2
    call pmem_32
    call fpshow
    ; ---- fucomi st0, st1 1,2 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0x3f
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0x80000000
    mov byte [ebx + 24], 0x00
    mov byte [ebx + 25], 0x40
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    mov al, 0x7f
    add al, 1
    fucomi st0, st1
    pushf
    pop eax
    and eax, 0x8d5
    mov [ebx + 48], eax
    PRINT32 "fucomi st0, st1 1,2"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 2
    call pmem_32
    call fpshow
    ; ---- fcomip st0, st1 1,2 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0x3f
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0x80000000
    mov byte [ebx + 24], 0x00
    mov byte [ebx + 25], 0x40
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    mov al, 0x7f
    add al, 1
    fcomip st0, st1
    pushf
    pop eax
    and eax, 0x8d5
    mov [ebx + 48], eax
    PRINT32 "fcomip st0, st1 1,2"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 2
    call pmem_32
    call fpshow
    ; ---- fucomip st0, st1 1,2 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0x3f
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0x80000000
    mov byte [ebx + 24], 0x00
    mov byte [ebx + 25], 0x40
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    mov al, 0x7f
    add al, 1
    fucomip st0, st1
    pushf
    pop eax
    and eax, 0x8d5
    mov [ebx + 48], eax
    PRINT32 "fucomip st0, st1 1,2"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 2
    call pmem_32
    call fpshow
    ; ---- fcom st1 2,1 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0x00
    mov byte [ebx + 9], 0x40
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0x80000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    fcom st1
    PRINT32 "fcom st1 2,1"
    call fpshow
    ; ---- fucom st1 2,1 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0x00
    mov byte [ebx + 9], 0x40
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0x80000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    fucom st1
    PRINT32 "fucom st1 2,1"
    call fpshow
    ; ---- fcomp st1 2,1 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0x00
    mov byte [ebx + 9], 0x40
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0x80000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    fcomp st1
    PRINT32 "fcomp st1 2,1"
    call fpshow
    ; ---- fucomp st1 2,1 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0x00
    mov byte [ebx + 9], 0x40
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0x80000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    fucomp st1
    PRINT32 "fucomp st1 2,1"
    call fpshow
    ; ---- fcompp 2,1 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0x00
    mov byte [ebx + 9], 0x40
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0x80000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    fcompp
    PRINT32 "fcompp 2,1"
    call fpshow
    ; ---- fucompp 2,1 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0x00
    mov byte [ebx + 9], 0x40
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0x80000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    fucompp
    PRINT32 "fucompp 2,1"
    call fpshow
    ; ---- fcomi st0, st1 2,1 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0x00
    mov byte [ebx + 9], 0x40
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0x80000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    mov al, 0x7f
    add al, 1
    fcomi st0, st1
    pushf
    pop eax
    and eax, 0x8d5
    mov [ebx + 48], eax
    PRINT32 "fcomi st0, st1 2,1"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 2
    call pmem_32
    call fpshow
    ; ---- fucomi st0, st1 2,1 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0x00
    mov byte [ebx + 9], 0x40
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0x80000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    mov al, 0x7f
    add al, 1
    fucomi st0, st1
    pushf
    pop eax
    and eax, 0x8d5
    mov [ebx + 48], eax
    PRINT32 "fucomi st0, st1 2,1"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 2
    call pmem_32
    call fpshow
    ; ---- fcomip st0, st1 2,1 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0x00
    mov byte [ebx + 9], 0x40
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0x80000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    mov al, 0x7f
    add al, 1
    fcomip st0, st1
    pushf
    pop eax
    and eax, 0x8d5
    mov [ebx + 48], eax
    PRINT32 "fcomip st0, st1 2,1"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 2
    call pmem_32
    call fpshow
    ; ---- fucomip st0, st1 2,1 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0x00
    mov byte [ebx + 9], 0x40
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0x80000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    mov al, 0x7f
    add al, 1
    fucomip st0, st1
    pushf
    pop eax
    and eax, 0x8d5
    mov [ebx + 48], eax
    PRINT32 "fucomip st0, st1 2,1"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 2
    call pmem_32
    call fpshow
    ; ---- fcom st1 1,1 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0x3f
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0x80000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    fcom st1
    PRINT32 "fcom st1 1,1"
    call fpshow
    ; ---- fucom st1 1,1 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0x3f
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0x80000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    fucom st1
    PRINT32 "fucom st1 1,1"
    call fpshow
    ; ---- fcomp st1 1,1 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0x3f
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0x80000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    fcomp st1
    PRINT32 "fcomp st1 1,1"
    call fpshow
    ; ---- fucomp st1 1,1 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0x3f
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0x80000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    fucomp st1
    PRINT32 "fucomp st1 1,1"
    call fpshow
    ; ---- fcompp 1,1 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0x3f
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0x80000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    fcompp
    PRINT32 "fcompp 1,1"
    call fpshow
    ; ---- fucompp 1,1 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0x3f
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0x80000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    fucompp
    PRINT32 "fucompp 1,1"
    call fpshow
    ; ---- fcomi st0, st1 1,1 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0x3f
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0x80000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    mov al, 0x7f
    add al, 1
    fcomi st0, st1
    pushf
    pop eax
    and eax, 0x8d5
    mov [ebx + 48], eax
    PRINT32 "fcomi st0, st1 1,1"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 2
    call pmem_32
    call fpshow
    ; ---- fucomi st0, st1 1,1 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0x3f
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0x80000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    mov al, 0x7f
    add al, 1
    fucomi st0, st1
    pushf
    pop eax
    and eax, 0x8d5
    mov [ebx + 48], eax
    PRINT32 "fucomi st0, st1 1,1"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 2
    call pmem_32
    call fpshow
    ; ---- fcomip st0, st1 1,1 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0x3f
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0x80000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    mov al, 0x7f
    add al, 1
    fcomip st0, st1
    pushf
    pop eax
    and eax, 0x8d5
    mov [ebx + 48], eax
    PRINT32 "fcomip st0, st1 1,1"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 2
    call pmem_32
    call fpshow
    ; ---- fucomip st0, st1 1,1 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0x3f
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0x80000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    mov al, 0x7f
    add al, 1
    fucomip st0, st1
    pushf
    pop eax
    and eax, 0x8d5
    mov [ebx + 48], eax
    PRINT32 "fucomip st0, st1 1,1"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 2
    call pmem_32
    call fpshow
    ; ---- fcom st1 +0,-0 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x00000000
    mov byte [ebx + 8], 0x00
    mov byte [ebx + 9], 0x00
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0x00000000
    mov byte [ebx + 24], 0x00
    mov byte [ebx + 25], 0x80
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    fcom st1
    PRINT32 "fcom st1 +0,-0"
    call fpshow
    ; ---- fucom st1 +0,-0 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x00000000
    mov byte [ebx + 8], 0x00
    mov byte [ebx + 9], 0x00
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0x00000000
    mov byte [ebx + 24], 0x00
    mov byte [ebx + 25], 0x80
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    fucom st1
    PRINT32 "fucom st1 +0,-0"
    call fpshow
    ; ---- fcomp st1 +0,-0 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x00000000
    mov byte [ebx + 8], 0x00
    mov byte [ebx + 9], 0x00
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0x00000000
    mov byte [ebx + 24], 0x00
    mov byte [ebx + 25], 0x80
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    fcomp st1
    PRINT32 "fcomp st1 +0,-0"
    call fpshow
    ; ---- fucomp st1 +0,-0 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x00000000
    mov byte [ebx + 8], 0x00
    mov byte [ebx + 9], 0x00
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0x00000000
    mov byte [ebx + 24], 0x00
    mov byte [ebx + 25], 0x80
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    fucomp st1
    PRINT32 "fucomp st1 +0,-0"
    call fpshow
    ; ---- fcompp +0,-0 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x00000000
    mov byte [ebx + 8], 0x00
    mov byte [ebx + 9], 0x00
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0x00000000
    mov byte [ebx + 24], 0x00
    mov byte [ebx + 25], 0x80
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    fcompp
    PRINT32 "fcompp +0,-0"
    call fpshow
    ; ---- fucompp +0,-0 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x00000000
    mov byte [ebx + 8], 0x00
    mov byte [ebx + 9], 0x00
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0x00000000
    mov byte [ebx + 24], 0x00
    mov byte [ebx + 25], 0x80
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    fucompp
    PRINT32 "fucompp +0,-0"
    call fpshow
    ; ---- fcomi st0, st1 +0,-0 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x00000000
    mov byte [ebx + 8], 0x00
    mov byte [ebx + 9], 0x00
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0x00000000
    mov byte [ebx + 24], 0x00
    mov byte [ebx + 25], 0x80
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    mov al, 0x7f
    add al, 1
    fcomi st0, st1
    pushf
    pop eax
    and eax, 0x8d5
    mov [ebx + 48], eax
    PRINT32 "fcomi st0, st1 +0,-0"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 2
    call pmem_32
    call fpshow
    ; ---- fucomi st0, st1 +0,-0 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x00000000
    mov byte [ebx + 8], 0x00
    mov byte [ebx + 9], 0x00
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0x00000000
    mov byte [ebx + 24], 0x00
    mov byte [ebx + 25], 0x80
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    mov al, 0x7f
    add al, 1
    fucomi st0, st1
    pushf
    pop eax
    and eax, 0x8d5
    mov [ebx + 48], eax
    PRINT32 "fucomi st0, st1 +0,-0"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 2
    call pmem_32
    call fpshow
    ; ---- fcomip st0, st1 +0,-0 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x00000000
    mov byte [ebx + 8], 0x00
    mov byte [ebx + 9], 0x00
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0x00000000
    mov byte [ebx + 24], 0x00
    mov byte [ebx + 25], 0x80
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    mov al, 0x7f
    add al, 1
    fcomip st0, st1
    pushf
    pop eax
    and eax, 0x8d5
    mov [ebx + 48], eax
    PRINT32 "fcomip st0, st1 +0,-0"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 2
    call pmem_32
    call fpshow
    ; ---- fucomip st0, st1 +0,-0 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x00000000
    mov byte [ebx + 8], 0x00
    mov byte [ebx + 9], 0x00
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0x00000000
    mov byte [ebx + 24], 0x00
    mov byte [ebx + 25], 0x80
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    mov al, 0x7f
    add al, 1
    fucomip st0, st1
    pushf
    pop eax
    and eax, 0x8d5
    mov [ebx + 48], eax
    PRINT32 "fucomip st0, st1 +0,-0"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 2
    call pmem_32
    call fpshow
    ; ---- fcom st1 +inf,1 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0x7f
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0x80000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    fcom st1
    PRINT32 "fcom st1 +inf,1"
    call fpshow
    ; ---- fucom st1 +inf,1 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0x7f
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0x80000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    fucom st1
    PRINT32 "fucom st1 +inf,1"
    call fpshow
    ; ---- fcomp st1 +inf,1 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0x7f
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0x80000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    fcomp st1
    PRINT32 "fcomp st1 +inf,1"
    call fpshow
    ; ---- fucomp st1 +inf,1 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0x7f
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0x80000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    fucomp st1
    PRINT32 "fucomp st1 +inf,1"
    call fpshow
    ; ---- fcompp +inf,1 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0x7f
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0x80000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    fcompp
    PRINT32 "fcompp +inf,1"
    call fpshow
    ; ---- fucompp +inf,1 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0x7f
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0x80000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    fucompp
    PRINT32 "fucompp +inf,1"
    call fpshow
    ; ---- fcomi st0, st1 +inf,1 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0x7f
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0x80000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    mov al, 0x7f
    add al, 1
    fcomi st0, st1
    pushf
    pop eax
    and eax, 0x8d5
    mov [ebx + 48], eax
    PRINT32 "fcomi st0, st1 +inf,1"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 2
    call pmem_32
    call fpshow
    ; ---- fucomi st0, st1 +inf,1 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0x7f
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0x80000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    mov al, 0x7f
    add al, 1
    fucomi st0, st1
    pushf
    pop eax
    and eax, 0x8d5
    mov [ebx + 48], eax
    PRINT32 "fucomi st0, st1 +inf,1"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 2
    call pmem_32
    call fpshow
    ; ---- fcomip st0, st1 +inf,1 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0x7f
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0x80000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    mov al, 0x7f
    add al, 1
    fcomip st0, st1
    pushf
    pop eax
    and eax, 0x8d5
    mov [ebx + 48], eax
    PRINT32 "fcomip st0, st1 +inf,1"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 2
    call pmem_32
    call fpshow
    ; ---- fucomip st0, st1 +inf,1 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0x7f
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0x80000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    mov al, 0x7f
    add al, 1
    fucomip st0, st1
    pushf
    pop eax
    and eax, 0x8d5
    mov [ebx + 48], eax
    PRINT32 "fucomip st0, st1 +inf,1"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 2
    call pmem_32
    call fpshow
    ; ---- fcom st1 -inf,-inf ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0xff
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0x80000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0xff
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    fcom st1
    PRINT32 "fcom st1 -inf,-inf"
    call fpshow
    ; ---- fucom st1 -inf,-inf ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0xff
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0x80000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0xff
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    fucom st1
    PRINT32 "fucom st1 -inf,-inf"
    call fpshow
    ; ---- fcomp st1 -inf,-inf ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0xff
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0x80000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0xff
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    fcomp st1
    PRINT32 "fcomp st1 -inf,-inf"
    call fpshow
    ; ---- fucomp st1 -inf,-inf ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0xff
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0x80000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0xff
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    fucomp st1
    PRINT32 "fucomp st1 -inf,-inf"
    call fpshow
    ; ---- fcompp -inf,-inf ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0xff
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0x80000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0xff
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    fcompp
    PRINT32 "fcompp -inf,-inf"
    call fpshow
    ; ---- fucompp -inf,-inf ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0xff
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0x80000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0xff
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    fucompp
    PRINT32 "fucompp -inf,-inf"
    call fpshow
    ; ---- fcomi st0, st1 -inf,-inf ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0xff
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0x80000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0xff
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    mov al, 0x7f
    add al, 1
    fcomi st0, st1
    pushf
    pop eax
    and eax, 0x8d5
    mov [ebx + 48], eax
    PRINT32 "fcomi st0, st1 -inf,-inf"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 2
    call pmem_32
    call fpshow
    ; ---- fucomi st0, st1 -inf,-inf ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0xff
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0x80000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0xff
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    mov al, 0x7f
    add al, 1
    fucomi st0, st1
    pushf
    pop eax
    and eax, 0x8d5
    mov [ebx + 48], eax
    PRINT32 "fucomi st0, st1 -inf,-inf"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 2
    call pmem_32
    call fpshow
    ; ---- fcomip st0, st1 -inf,-inf ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0xff
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0x80000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0xff
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    mov al, 0x7f
    add al, 1
    fcomip st0, st1
    pushf
    pop eax
    and eax, 0x8d5
    mov [ebx + 48], eax
    PRINT32 "fcomip st0, st1 -inf,-inf"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 2
    call pmem_32
    call fpshow
    ; ---- fucomip st0, st1 -inf,-inf ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0xff
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0x80000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0xff
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    mov al, 0x7f
    add al, 1
    fucomip st0, st1
    pushf
    pop eax
    and eax, 0x8d5
    mov [ebx + 48], eax
    PRINT32 "fucomip st0, st1 -inf,-inf"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 2
    call pmem_32
    call fpshow
    ; ---- fcom st1 qnan,1 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0xc0000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0x7f
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0x80000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    fcom st1
    PRINT32 "fcom st1 qnan,1"
    call fpshow
    ; ---- fucom st1 qnan,1 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0xc0000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0x7f
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0x80000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    fucom st1
    PRINT32 "fucom st1 qnan,1"
    call fpshow
    ; ---- fcomp st1 qnan,1 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0xc0000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0x7f
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0x80000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    fcomp st1
    PRINT32 "fcomp st1 qnan,1"
    call fpshow
    ; ---- fucomp st1 qnan,1 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0xc0000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0x7f
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0x80000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    fucomp st1
    PRINT32 "fucomp st1 qnan,1"
    call fpshow
    ; ---- fcompp qnan,1 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0xc0000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0x7f
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0x80000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    fcompp
    PRINT32 "fcompp qnan,1"
    call fpshow
    ; ---- fucompp qnan,1 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0xc0000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0x7f
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0x80000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    fucompp
    PRINT32 "fucompp qnan,1"
    call fpshow
    ; ---- fcomi st0, st1 qnan,1 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0xc0000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0x7f
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0x80000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    mov al, 0x7f
    add al, 1
    fcomi st0, st1
    pushf
    pop eax
    and eax, 0x8d5
    mov [ebx + 48], eax
    PRINT32 "fcomi st0, st1 qnan,1"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 2
    call pmem_32
    call fpshow
    ; ---- fucomi st0, st1 qnan,1 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0xc0000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0x7f
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0x80000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    mov al, 0x7f
    add al, 1
    fucomi st0, st1
    pushf
    pop eax
    and eax, 0x8d5
    mov [ebx + 48], eax
    PRINT32 "fucomi st0, st1 qnan,1"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 2
    call pmem_32
    call fpshow
    ; ---- fcomip st0, st1 qnan,1 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0xc0000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0x7f
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0x80000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    mov al, 0x7f
    add al, 1
    fcomip st0, st1
    pushf
    pop eax
    and eax, 0x8d5
    mov [ebx + 48], eax
    PRINT32 "fcomip st0, st1 qnan,1"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 2
    call pmem_32
    call fpshow
    ; ---- fucomip st0, st1 qnan,1 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0xc0000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0x7f
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0x80000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    mov al, 0x7f
    add al, 1
    fucomip st0, st1
    pushf
    pop eax
    and eax, 0x8d5
    mov [ebx + 48], eax
    PRINT32 "fucomip st0, st1 qnan,1"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 2
    call pmem_32
    call fpshow
    ; ---- fcom st1 1,qnan ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0x3f
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0xc0000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x7f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    fcom st1
    PRINT32 "fcom st1 1,qnan"
    call fpshow
    ; ---- fucom st1 1,qnan ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0x3f
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0xc0000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x7f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    fucom st1
    PRINT32 "fucom st1 1,qnan"
    call fpshow
    ; ---- fcomp st1 1,qnan ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0x3f
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0xc0000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x7f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    fcomp st1
    PRINT32 "fcomp st1 1,qnan"
    call fpshow
    ; ---- fucomp st1 1,qnan ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0x3f
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0xc0000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x7f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    fucomp st1
    PRINT32 "fucomp st1 1,qnan"
    call fpshow
    ; ---- fcompp 1,qnan ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0x3f
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0xc0000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x7f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    fcompp
    PRINT32 "fcompp 1,qnan"
    call fpshow
    ; ---- fucompp 1,qnan ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0x3f
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0xc0000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x7f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    fucompp
    PRINT32 "fucompp 1,qnan"
    call fpshow
    ; ---- fcomi st0, st1 1,qnan ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0x3f
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0xc0000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x7f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    mov al, 0x7f
    add al, 1
    fcomi st0, st1
    pushf
    pop eax
    and eax, 0x8d5
    mov [ebx + 48], eax
    PRINT32 "fcomi st0, st1 1,qnan"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 2
    call pmem_32
    call fpshow
    ; ---- fucomi st0, st1 1,qnan ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0x3f
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0xc0000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x7f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    mov al, 0x7f
    add al, 1
    fucomi st0, st1
    pushf
    pop eax
    and eax, 0x8d5
    mov [ebx + 48], eax
    PRINT32 "fucomi st0, st1 1,qnan"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 2
    call pmem_32
    call fpshow
    ; ---- fcomip st0, st1 1,qnan ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0x3f
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0xc0000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x7f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    mov al, 0x7f
    add al, 1
    fcomip st0, st1
    pushf
    pop eax
    and eax, 0x8d5
    mov [ebx + 48], eax
    PRINT32 "fcomip st0, st1 1,qnan"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 2
    call pmem_32
    call fpshow
    ; ---- fucomip st0, st1 1,qnan ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0x3f
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0xc0000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x7f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    mov al, 0x7f
    add al, 1
    fucomip st0, st1
    pushf
    pop eax
    and eax, 0x8d5
    mov [ebx + 48], eax
    PRINT32 "fucomip st0, st1 1,qnan"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 2
    call pmem_32
    call fpshow
    ; ---- fcom st1 snan,1 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000001
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0x7f
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0x80000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    fcom st1
    PRINT32 "fcom st1 snan,1"
    call fpshow
    ; ---- fucom st1 snan,1 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000001
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0x7f
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0x80000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    fucom st1
    PRINT32 "fucom st1 snan,1"
    call fpshow
    ; ---- fcomp st1 snan,1 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000001
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0x7f
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0x80000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    fcomp st1
    PRINT32 "fcomp st1 snan,1"
    call fpshow
    ; ---- fucomp st1 snan,1 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000001
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0x7f
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0x80000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    fucomp st1
    PRINT32 "fucomp st1 snan,1"
    call fpshow
    ; ---- fcompp snan,1 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000001
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0x7f
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0x80000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    fcompp
    PRINT32 "fcompp snan,1"
    call fpshow
    ; ---- fucompp snan,1 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000001
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0x7f
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0x80000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    fucompp
    PRINT32 "fucompp snan,1"
    call fpshow
    ; ---- fcomi st0, st1 snan,1 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000001
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0x7f
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0x80000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    mov al, 0x7f
    add al, 1
    fcomi st0, st1
    pushf
    pop eax
    and eax, 0x8d5
    mov [ebx + 48], eax
    PRINT32 "fcomi st0, st1 snan,1"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 2
    call pmem_32
    call fpshow
    ; ---- fucomi st0, st1 snan,1 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000001
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0x7f
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0x80000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    mov al, 0x7f
    add al, 1
    fucomi st0, st1
    pushf
    pop eax
    and eax, 0x8d5
    mov [ebx + 48], eax
    PRINT32 "fucomi st0, st1 snan,1"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 2
    call pmem_32
    call fpshow
    ; ---- fcomip st0, st1 snan,1 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000001
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0x7f
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0x80000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    mov al, 0x7f
    add al, 1
    fcomip st0, st1
    pushf
    pop eax
    and eax, 0x8d5
    mov [ebx + 48], eax
    PRINT32 "fcomip st0, st1 snan,1"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 2
    call pmem_32
    call fpshow
    ; ---- fucomip st0, st1 snan,1 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000001
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0x7f
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0x80000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    mov al, 0x7f
    add al, 1
    fucomip st0, st1
    pushf
    pop eax
    and eax, 0x8d5
    mov [ebx + 48], eax
    PRINT32 "fucomip st0, st1 snan,1"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 2
    call pmem_32
    call fpshow
    ; ---- fcom st1 denormal,+0 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000001
    mov dword [ebx + 4], 0x00000000
    mov byte [ebx + 8], 0x00
    mov byte [ebx + 9], 0x00
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0x00000000
    mov byte [ebx + 24], 0x00
    mov byte [ebx + 25], 0x00
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    fcom st1
    PRINT32 "fcom st1 denormal,+0"
    call fpshow
    ; ---- fucom st1 denormal,+0 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000001
    mov dword [ebx + 4], 0x00000000
    mov byte [ebx + 8], 0x00
    mov byte [ebx + 9], 0x00
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0x00000000
    mov byte [ebx + 24], 0x00
    mov byte [ebx + 25], 0x00
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    fucom st1
    PRINT32 "fucom st1 denormal,+0"
    call fpshow
    ; ---- fcomp st1 denormal,+0 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000001
    mov dword [ebx + 4], 0x00000000
    mov byte [ebx + 8], 0x00
    mov byte [ebx + 9], 0x00
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0x00000000
    mov byte [ebx + 24], 0x00
    mov byte [ebx + 25], 0x00
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    fcomp st1
    PRINT32 "fcomp st1 denormal,+0"
    call fpshow
    ; ---- fucomp st1 denormal,+0 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000001
    mov dword [ebx + 4], 0x00000000
    mov byte [ebx + 8], 0x00
    mov byte [ebx + 9], 0x00
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0x00000000
    mov byte [ebx + 24], 0x00
    mov byte [ebx + 25], 0x00
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    fucomp st1
    PRINT32 "fucomp st1 denormal,+0"
    call fpshow
    ; ---- fcompp denormal,+0 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000001
    mov dword [ebx + 4], 0x00000000
    mov byte [ebx + 8], 0x00
    mov byte [ebx + 9], 0x00
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0x00000000
    mov byte [ebx + 24], 0x00
    mov byte [ebx + 25], 0x00
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    fcompp
    PRINT32 "fcompp denormal,+0"
    call fpshow
    ; ---- fucompp denormal,+0 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000001
    mov dword [ebx + 4], 0x00000000
    mov byte [ebx + 8], 0x00
    mov byte [ebx + 9], 0x00
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0x00000000
    mov byte [ebx + 24], 0x00
    mov byte [ebx + 25], 0x00
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    fucompp
    PRINT32 "fucompp denormal,+0"
    call fpshow
    ; ---- fcomi st0, st1 denormal,+0 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000001
    mov dword [ebx + 4], 0x00000000
    mov byte [ebx + 8], 0x00
    mov byte [ebx + 9], 0x00
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0x00000000
    mov byte [ebx + 24], 0x00
    mov byte [ebx + 25], 0x00
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    mov al, 0x7f
    add al, 1
    fcomi st0, st1
    pushf
    pop eax
    and eax, 0x8d5
    mov [ebx + 48], eax
    PRINT32 "fcomi st0, st1 denormal,+0"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 2
    call pmem_32
    call fpshow
    ; ---- fucomi st0, st1 denormal,+0 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000001
    mov dword [ebx + 4], 0x00000000
    mov byte [ebx + 8], 0x00
    mov byte [ebx + 9], 0x00
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0x00000000
    mov byte [ebx + 24], 0x00
    mov byte [ebx + 25], 0x00
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    mov al, 0x7f
    add al, 1
    fucomi st0, st1
    pushf
    pop eax
    and eax, 0x8d5
    mov [ebx + 48], eax
    PRINT32 "fucomi st0, st1 denormal,+0"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 2
    call pmem_32
    call fpshow
    ; ---- fcomip st0, st1 denormal,+0 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000001
    mov dword [ebx + 4], 0x00000000
    mov byte [ebx + 8], 0x00
    mov byte [ebx + 9], 0x00
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0x00000000
    mov byte [ebx + 24], 0x00
    mov byte [ebx + 25], 0x00
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    mov al, 0x7f
    add al, 1
    fcomip st0, st1
    pushf
    pop eax
    and eax, 0x8d5
    mov [ebx + 48], eax
    PRINT32 "fcomip st0, st1 denormal,+0"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 2
    call pmem_32
    call fpshow
    ; ---- fucomip st0, st1 denormal,+0 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000001
    mov dword [ebx + 4], 0x00000000
    mov byte [ebx + 8], 0x00
    mov byte [ebx + 9], 0x00
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0x00000000
    mov byte [ebx + 24], 0x00
    mov byte [ebx + 25], 0x00
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    mov al, 0x7f
    add al, 1
    fucomip st0, st1
    pushf
    pop eax
    and eax, 0x8d5
    mov [ebx + 48], eax
    PRINT32 "fucomip st0, st1 denormal,+0"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 2
    call pmem_32
    call fpshow
    ; ---- fcom st1 pdenormal,denormal ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0x00
    mov byte [ebx + 9], 0x00
    mov dword [ebx + 16], 0x00000001
    mov dword [ebx + 20], 0x00000000
    mov byte [ebx + 24], 0x00
    mov byte [ebx + 25], 0x00
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    fcom st1
    PRINT32 "fcom st1 pdenormal,denormal"
    call fpshow
    ; ---- fucom st1 pdenormal,denormal ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0x00
    mov byte [ebx + 9], 0x00
    mov dword [ebx + 16], 0x00000001
    mov dword [ebx + 20], 0x00000000
    mov byte [ebx + 24], 0x00
    mov byte [ebx + 25], 0x00
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    fucom st1
    PRINT32 "fucom st1 pdenormal,denormal"
    call fpshow
    ; ---- fcomp st1 pdenormal,denormal ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0x00
    mov byte [ebx + 9], 0x00
    mov dword [ebx + 16], 0x00000001
    mov dword [ebx + 20], 0x00000000
    mov byte [ebx + 24], 0x00
    mov byte [ebx + 25], 0x00
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    fcomp st1
    PRINT32 "fcomp st1 pdenormal,denormal"
    call fpshow
    ; ---- fucomp st1 pdenormal,denormal ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0x00
    mov byte [ebx + 9], 0x00
    mov dword [ebx + 16], 0x00000001
    mov dword [ebx + 20], 0x00000000
    mov byte [ebx + 24], 0x00
    mov byte [ebx + 25], 0x00
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    fucomp st1
    PRINT32 "fucomp st1 pdenormal,denormal"
    call fpshow
    ; ---- fcompp pdenormal,denormal ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0x00
    mov byte [ebx + 9], 0x00
    mov dword [ebx + 16], 0x00000001
    mov dword [ebx + 20], 0x00000000
    mov byte [ebx + 24], 0x00
    mov byte [ebx + 25], 0x00
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    fcompp
    PRINT32 "fcompp pdenormal,denormal"
    call fpshow
    ; ---- fucompp pdenormal,denormal ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0x00
    mov byte [ebx + 9], 0x00
    mov dword [ebx + 16], 0x00000001
    mov dword [ebx + 20], 0x00000000
    mov byte [ebx + 24], 0x00
    mov byte [ebx + 25], 0x00
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    fucompp
    PRINT32 "fucompp pdenormal,denormal"
    call fpshow
    ; ---- fcomi st0, st1 pdenormal,denormal ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0x00
    mov byte [ebx + 9], 0x00
    mov dword [ebx + 16], 0x00000001
    mov dword [ebx + 20], 0x00000000
    mov byte [ebx + 24], 0x00
    mov byte [ebx + 25], 0x00
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    mov al, 0x7f
    add al, 1
    fcomi st0, st1
    pushf
    pop eax
    and eax, 0x8d5
    mov [ebx + 48], eax
    PRINT32 "fcomi st0, st1 pdenormal,denormal"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 2
    call pmem_32
    call fpshow
    ; ---- fucomi st0, st1 pdenormal,denormal ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0x00
    mov byte [ebx + 9], 0x00
    mov dword [ebx + 16], 0x00000001
    mov dword [ebx + 20], 0x00000000
    mov byte [ebx + 24], 0x00
    mov byte [ebx + 25], 0x00
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    mov al, 0x7f
    add al, 1
    fucomi st0, st1
    pushf
    pop eax
    and eax, 0x8d5
    mov [ebx + 48], eax
    PRINT32 "fucomi st0, st1 pdenormal,denormal"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 2
    call pmem_32
    call fpshow
    ; ---- fcomip st0, st1 pdenormal,denormal ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0x00
    mov byte [ebx + 9], 0x00
    mov dword [ebx + 16], 0x00000001
    mov dword [ebx + 20], 0x00000000
    mov byte [ebx + 24], 0x00
    mov byte [ebx + 25], 0x00
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    mov al, 0x7f
    add al, 1
    fcomip st0, st1
    pushf
    pop eax
    and eax, 0x8d5
    mov [ebx + 48], eax
    PRINT32 "fcomip st0, st1 pdenormal,denormal"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 2
    call pmem_32
    call fpshow
    ; ---- fucomip st0, st1 pdenormal,denormal ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0x00
    mov byte [ebx + 9], 0x00
    mov dword [ebx + 16], 0x00000001
    mov dword [ebx + 20], 0x00000000
    mov byte [ebx + 24], 0x00
    mov byte [ebx + 25], 0x00
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    mov al, 0x7f
    add al, 1
    fucomip st0, st1
    pushf
    pop eax
    and eax, 0x8d5
    mov [ebx + 48], eax
    PRINT32 "fucomip st0, st1 pdenormal,denormal"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 2
    call pmem_32
    call fpshow
    ; ---- fcom st1 unnormal,1 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x40000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0x3f
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0x80000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    fcom st1
    PRINT32 "fcom st1 unnormal,1"
    call fpshow
    ; ---- fucom st1 unnormal,1 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x40000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0x3f
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0x80000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    fucom st1
    PRINT32 "fucom st1 unnormal,1"
    call fpshow
    ; ---- fcomp st1 unnormal,1 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x40000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0x3f
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0x80000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    fcomp st1
    PRINT32 "fcomp st1 unnormal,1"
    call fpshow
    ; ---- fucomp st1 unnormal,1 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x40000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0x3f
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0x80000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    fucomp st1
    PRINT32 "fucomp st1 unnormal,1"
    call fpshow
    ; ---- fcompp unnormal,1 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x40000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0x3f
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0x80000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    fcompp
    PRINT32 "fcompp unnormal,1"
    call fpshow
    ; ---- fucompp unnormal,1 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x40000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0x3f
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0x80000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    fucompp
    PRINT32 "fucompp unnormal,1"
    call fpshow
    ; ---- fcomi st0, st1 unnormal,1 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x40000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0x3f
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0x80000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    mov al, 0x7f
    add al, 1
    fcomi st0, st1
    pushf
    pop eax
    and eax, 0x8d5
    mov [ebx + 48], eax
    PRINT32 "fcomi st0, st1 unnormal,1"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 2
    call pmem_32
    call fpshow
    ; ---- fucomi st0, st1 unnormal,1 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x40000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0x3f
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0x80000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    mov al, 0x7f
    add al, 1
    fucomi st0, st1
    pushf
    pop eax
    and eax, 0x8d5
    mov [ebx + 48], eax
    PRINT32 "fucomi st0, st1 unnormal,1"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 2
    call pmem_32
    call fpshow
    ; ---- fcomip st0, st1 unnormal,1 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x40000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0x3f
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0x80000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    mov al, 0x7f
    add al, 1
    fcomip st0, st1
    pushf
    pop eax
    and eax, 0x8d5
    mov [ebx + 48], eax
    PRINT32 "fcomip st0, st1 unnormal,1"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 2
    call pmem_32
    call fpshow
    ; ---- fucomip st0, st1 unnormal,1 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x40000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0x3f
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0x80000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    mov al, 0x7f
    add al, 1
    fucomip st0, st1
    pushf
    pop eax
    and eax, 0x8d5
    mov [ebx + 48], eax
    PRINT32 "fucomip st0, st1 unnormal,1"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 2
    call pmem_32
    call fpshow
    ; ---- fcom st1 pinf,1 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x00000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0x7f
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0x80000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    fcom st1
    PRINT32 "fcom st1 pinf,1"
    call fpshow
    ; ---- fucom st1 pinf,1 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x00000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0x7f
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0x80000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    fucom st1
    PRINT32 "fucom st1 pinf,1"
    call fpshow
    ; ---- fcomp st1 pinf,1 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x00000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0x7f
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0x80000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    fcomp st1
    PRINT32 "fcomp st1 pinf,1"
    call fpshow
    ; ---- fucomp st1 pinf,1 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x00000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0x7f
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0x80000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    fucomp st1
    PRINT32 "fucomp st1 pinf,1"
    call fpshow
    ; ---- fcompp pinf,1 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x00000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0x7f
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0x80000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    fcompp
    PRINT32 "fcompp pinf,1"
    call fpshow
    ; ---- fucompp pinf,1 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x00000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0x7f
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0x80000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    fucompp
    PRINT32 "fucompp pinf,1"
    call fpshow
    ; ---- fcomi st0, st1 pinf,1 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x00000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0x7f
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0x80000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    mov al, 0x7f
    add al, 1
    fcomi st0, st1
    pushf
    pop eax
    and eax, 0x8d5
    mov [ebx + 48], eax
    PRINT32 "fcomi st0, st1 pinf,1"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 2
    call pmem_32
    call fpshow
    ; ---- fucomi st0, st1 pinf,1 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x00000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0x7f
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0x80000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    mov al, 0x7f
    add al, 1
    fucomi st0, st1
    pushf
    pop eax
    and eax, 0x8d5
    mov [ebx + 48], eax
    PRINT32 "fucomi st0, st1 pinf,1"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 2
    call pmem_32
    call fpshow
    ; ---- fcomip st0, st1 pinf,1 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x00000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0x7f
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0x80000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    mov al, 0x7f
    add al, 1
    fcomip st0, st1
    pushf
    pop eax
    and eax, 0x8d5
    mov [ebx + 48], eax
    PRINT32 "fcomip st0, st1 pinf,1"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 2
    call pmem_32
    call fpshow
    ; ---- fucomip st0, st1 pinf,1 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x00000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0x7f
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0x80000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    mov al, 0x7f
    add al, 1
    fucomip st0, st1
    pushf
    pop eax
    and eax, 0x8d5
    mov [ebx + 48], eax
    PRINT32 "fucomip st0, st1 pinf,1"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 2
    call pmem_32
    call fpshow
    ; ---- fcom st1 pnan,1 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000001
    mov dword [ebx + 4], 0x00000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0x7f
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0x80000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    fcom st1
    PRINT32 "fcom st1 pnan,1"
    call fpshow
    ; ---- fucom st1 pnan,1 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000001
    mov dword [ebx + 4], 0x00000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0x7f
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0x80000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    fucom st1
    PRINT32 "fucom st1 pnan,1"
    call fpshow
    ; ---- fcomp st1 pnan,1 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000001
    mov dword [ebx + 4], 0x00000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0x7f
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0x80000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    fcomp st1
    PRINT32 "fcomp st1 pnan,1"
    call fpshow
    ; ---- fucomp st1 pnan,1 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000001
    mov dword [ebx + 4], 0x00000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0x7f
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0x80000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    fucomp st1
    PRINT32 "fucomp st1 pnan,1"
    call fpshow
    ; ---- fcompp pnan,1 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000001
    mov dword [ebx + 4], 0x00000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0x7f
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0x80000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    fcompp
    PRINT32 "fcompp pnan,1"
    call fpshow
    ; ---- fucompp pnan,1 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000001
    mov dword [ebx + 4], 0x00000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0x7f
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0x80000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    fucompp
    PRINT32 "fucompp pnan,1"
    call fpshow
    ; ---- fcomi st0, st1 pnan,1 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000001
    mov dword [ebx + 4], 0x00000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0x7f
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0x80000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    mov al, 0x7f
    add al, 1
    fcomi st0, st1
    pushf
    pop eax
    and eax, 0x8d5
    mov [ebx + 48], eax
    PRINT32 "fcomi st0, st1 pnan,1"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 2
    call pmem_32
    call fpshow
    ; ---- fucomi st0, st1 pnan,1 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000001
    mov dword [ebx + 4], 0x00000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0x7f
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0x80000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    mov al, 0x7f
    add al, 1
    fucomi st0, st1
    pushf
    pop eax
    and eax, 0x8d5
    mov [ebx + 48], eax
    PRINT32 "fucomi st0, st1 pnan,1"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 2
    call pmem_32
    call fpshow
    ; ---- fcomip st0, st1 pnan,1 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000001
    mov dword [ebx + 4], 0x00000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0x7f
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0x80000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    mov al, 0x7f
    add al, 1
    fcomip st0, st1
    pushf
    pop eax
    and eax, 0x8d5
    mov [ebx + 48], eax
    PRINT32 "fcomip st0, st1 pnan,1"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 2
    call pmem_32
    call fpshow
    ; ---- fucomip st0, st1 pnan,1 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000001
    mov dword [ebx + 4], 0x00000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0x7f
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0x80000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fld tword [ebx + 16]
    fld tword [ebx]
    mov al, 0x7f
    add al, 1
    fucomip st0, st1
    pushf
    pop eax
    and eax, 0x8d5
    mov [ebx + 48], eax
    PRINT32 "fucomip st0, st1 pnan,1"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 2
    call pmem_32
    call fpshow
    ; ---- ftst 1 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0x3f
    fninit
    fld tword [ebx]
    ftst
    PRINT32 "ftst 1"
    call fpshow
    ; ---- fxam 1 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0x3f
    fninit
    fld tword [ebx]
    fxam
    PRINT32 "fxam 1"
    call fpshow
    ; ---- ftst 2 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0x00
    mov byte [ebx + 9], 0x40
    fninit
    fld tword [ebx]
    ftst
    PRINT32 "ftst 2"
    call fpshow
    ; ---- fxam 2 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0x00
    mov byte [ebx + 9], 0x40
    fninit
    fld tword [ebx]
    fxam
    PRINT32 "fxam 2"
    call fpshow
    ; ---- ftst -0 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x00000000
    mov byte [ebx + 8], 0x00
    mov byte [ebx + 9], 0x80
    fninit
    fld tword [ebx]
    ftst
    PRINT32 "ftst -0"
    call fpshow
    ; ---- fxam -0 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x00000000
    mov byte [ebx + 8], 0x00
    mov byte [ebx + 9], 0x80
    fninit
    fld tword [ebx]
    fxam
    PRINT32 "fxam -0"
    call fpshow
    ; ---- ftst +0 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x00000000
    mov byte [ebx + 8], 0x00
    mov byte [ebx + 9], 0x00
    fninit
    fld tword [ebx]
    ftst
    PRINT32 "ftst +0"
    call fpshow
    ; ---- fxam +0 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x00000000
    mov byte [ebx + 8], 0x00
    mov byte [ebx + 9], 0x00
    fninit
    fld tword [ebx]
    fxam
    PRINT32 "fxam +0"
    call fpshow
    ; ---- ftst +inf ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0x7f
    fninit
    fld tword [ebx]
    ftst
    PRINT32 "ftst +inf"
    call fpshow
    ; ---- fxam +inf ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0x7f
    fninit
    fld tword [ebx]
    fxam
    PRINT32 "fxam +inf"
    call fpshow
    ; ---- ftst -inf ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0xff
    fninit
    fld tword [ebx]
    ftst
    PRINT32 "ftst -inf"
    call fpshow
    ; ---- fxam -inf ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0xff
    fninit
    fld tword [ebx]
    fxam
    PRINT32 "fxam -inf"
    call fpshow
    ; ---- ftst qnan ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0xc0000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0x7f
    fninit
    fld tword [ebx]
    ftst
    PRINT32 "ftst qnan"
    call fpshow
    ; ---- fxam qnan ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0xc0000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0x7f
    fninit
    fld tword [ebx]
    fxam
    PRINT32 "fxam qnan"
    call fpshow
    ; ---- ftst snan ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000001
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0x7f
    fninit
    fld tword [ebx]
    ftst
    PRINT32 "ftst snan"
    call fpshow
    ; ---- fxam snan ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000001
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0x7f
    fninit
    fld tword [ebx]
    fxam
    PRINT32 "fxam snan"
    call fpshow
    ; ---- ftst denormal ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000001
    mov dword [ebx + 4], 0x00000000
    mov byte [ebx + 8], 0x00
    mov byte [ebx + 9], 0x00
    fninit
    fld tword [ebx]
    ftst
    PRINT32 "ftst denormal"
    call fpshow
    ; ---- fxam denormal ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000001
    mov dword [ebx + 4], 0x00000000
    mov byte [ebx + 8], 0x00
    mov byte [ebx + 9], 0x00
    fninit
    fld tword [ebx]
    fxam
    PRINT32 "fxam denormal"
    call fpshow
    ; ---- ftst pdenormal ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0x00
    mov byte [ebx + 9], 0x00
    fninit
    fld tword [ebx]
    ftst
    PRINT32 "ftst pdenormal"
    call fpshow
    ; ---- fxam pdenormal ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0x00
    mov byte [ebx + 9], 0x00
    fninit
    fld tword [ebx]
    fxam
    PRINT32 "fxam pdenormal"
    call fpshow
    ; ---- ftst unnormal ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x40000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0x3f
    fninit
    fld tword [ebx]
    ftst
    PRINT32 "ftst unnormal"
    call fpshow
    ; ---- fxam unnormal ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x40000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0x3f
    fninit
    fld tword [ebx]
    fxam
    PRINT32 "fxam unnormal"
    call fpshow
    ; ---- ftst pinf ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x00000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0x7f
    fninit
    fld tword [ebx]
    ftst
    PRINT32 "ftst pinf"
    call fpshow
    ; ---- fxam pinf ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x00000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0x7f
    fninit
    fld tword [ebx]
    fxam
    PRINT32 "fxam pinf"
    call fpshow
    ; ---- ftst pnan ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000001
    mov dword [ebx + 4], 0x00000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0x7f
    fninit
    fld tword [ebx]
    ftst
    PRINT32 "ftst pnan"
    call fpshow
    ; ---- fxam pnan ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000001
    mov dword [ebx + 4], 0x00000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0x7f
    fninit
    fld tword [ebx]
    fxam
    PRINT32 "fxam pnan"
    call fpshow
    ; ---- ftst -1 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0xbf
    fninit
    fld tword [ebx]
    ftst
    PRINT32 "ftst -1"
    call fpshow
    ; ---- fxam -1 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0xbf
    fninit
    fld tword [ebx]
    fxam
    PRINT32 "fxam -1"
    call fpshow
    ; ---- ftst -denormal ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000005
    mov dword [ebx + 4], 0x00000000
    mov byte [ebx + 8], 0x00
    mov byte [ebx + 9], 0x80
    fninit
    fld tword [ebx]
    ftst
    PRINT32 "ftst -denormal"
    call fpshow
    ; ---- fxam -denormal ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000005
    mov dword [ebx + 4], 0x00000000
    mov byte [ebx + 8], 0x00
    mov byte [ebx + 9], 0x80
    fninit
    fld tword [ebx]
    fxam
    PRINT32 "fxam -denormal"
    call fpshow
    ; ---- fxam empty ----
    call clear_tmp
    fninit
    fxam
    PRINT32 "fxam empty"
    call fpshow
    ; ---- fxam empty after -1 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0xbf
    fninit
    fld tword [ebx]
    ffree st0
    fxam
    PRINT32 "fxam empty after -1"
    call fpshow
    ; ---- ftst empty ----
    call clear_tmp
    fninit
    ftst
    PRINT32 "ftst empty"
    call fpshow
    ; ---- fcom empty ----
    call clear_tmp
    fninit
    fld1
    fcom st3
    PRINT32 "fcom empty"
    call fpshow
    ; ---- fcomi empty ----
    call clear_tmp
    fninit
    fld1
    mov al, 0x7f
    add al, 1
    fcomi st0, st3
    pushf
    pop eax
    and eax, 0x8d5
    mov [ebx + 48], eax
    PRINT32 "fcomi empty"
    PRINT32 " m="
    mov esi, FPTMP + 48
    mov ecx, 2
    call pmem_32
    call fpshow
    ; ---- ficom m16 1.0,1 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0x3f
    mov byte [ebx + 16], 0x01
    mov byte [ebx + 17], 0x00
    fninit
    fld tword [ebx]
    ficom word [ebx + 16]
    PRINT32 "ficom m16 1.0,1"
    call fpshow
    ; ---- ficom m16 1.0,2 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0x3f
    mov byte [ebx + 16], 0x02
    mov byte [ebx + 17], 0x00
    fninit
    fld tword [ebx]
    ficom word [ebx + 16]
    PRINT32 "ficom m16 1.0,2"
    call fpshow
    ; ---- ficomp m32 -1,-1 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0xbf
    mov dword [ebx + 16], 0xffffffff
    fninit
    fld tword [ebx]
    ficomp dword [ebx + 16]
    PRINT32 "ficomp m32 -1,-1"
    call fpshow
    ; ---- ficom m32 qnan,0 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0xc0000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0x7f
    mov dword [ebx + 16], 0x00000000
    fninit
    fld tword [ebx]
    ficom dword [ebx + 16]
    PRINT32 "ficom m32 qnan,0"
    call fpshow
    ; ---- ficom m16 denormal,0 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000001
    mov dword [ebx + 4], 0x00000000
    mov byte [ebx + 8], 0x00
    mov byte [ebx + 9], 0x00
    mov byte [ebx + 16], 0x00
    mov byte [ebx + 17], 0x00
    fninit
    fld tword [ebx]
    ficom word [ebx + 16]
    PRINT32 "ficom m16 denormal,0"
    call fpshow
    ; ---- fcom m32 1,snan ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0x3f
    mov dword [ebx + 16], 0x7f800001
    fninit
    fld tword [ebx]
    fcom dword [ebx + 16]
    PRINT32 "fcom m32 1,snan"
    call fpshow
    ; ---- fucom... fcomp m32 1,qnan ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0x3f
    mov dword [ebx + 16], 0x7fc00000
    fninit
    fld tword [ebx]
    fcomp dword [ebx + 16]
    PRINT32 "fucom... fcomp m32 1,qnan"
    call fpshow
    ; ---- fcom m64 -0,denormal ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x00000000
    mov byte [ebx + 8], 0x00
    mov byte [ebx + 9], 0x80
    mov dword [ebx + 16], 0x00000001
    mov dword [ebx + 20], 0x00000000
    fninit
    fld tword [ebx]
    fcom qword [ebx + 16]
    PRINT32 "fcom m64 -0,denormal"
    call fpshow
    ; ---- fcomp m64 2,2 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0x00
    mov byte [ebx + 9], 0x40
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0x40000000
    fninit
    fld tword [ebx]
    fcomp qword [ebx + 16]
    PRINT32 "fcomp m64 2,2"
    call fpshow
    ; ---- fcmovb after fucomi 1,2 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0x3f
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0x80000000
    mov byte [ebx + 24], 0x00
    mov byte [ebx + 25], 0x40
    fninit
    fldpi
    fld tword [ebx + 16]
    fld tword [ebx]
    fucomi st0, st1
    fcmovb st0, st2
    PRINT32 "fcmovb after fucomi 1,2"
    call fpshow
    ; ---- fcmove after fucomi 1,2 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0x3f
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0x80000000
    mov byte [ebx + 24], 0x00
    mov byte [ebx + 25], 0x40
    fninit
    fldpi
    fld tword [ebx + 16]
    fld tword [ebx]
    fucomi st0, st1
    fcmove st0, st2
    PRINT32 "fcmove after fucomi 1,2"
    call fpshow
    ; ---- fcmovbe after fucomi 1,2 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0x3f
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0x80000000
    mov byte [ebx + 24], 0x00
    mov byte [ebx + 25], 0x40
    fninit
    fldpi
    fld tword [ebx + 16]
    fld tword [ebx]
    fucomi st0, st1
    fcmovbe st0, st2
    PRINT32 "fcmovbe after fucomi 1,2"
    call fpshow
    ; ---- fcmovu after fucomi 1,2 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0x3f
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0x80000000
    mov byte [ebx + 24], 0x00
    mov byte [ebx + 25], 0x40
    fninit
    fldpi
    fld tword [ebx + 16]
    fld tword [ebx]
    fucomi st0, st1
    fcmovu st0, st2
    PRINT32 "fcmovu after fucomi 1,2"
    call fpshow
    ; ---- fcmovnb after fucomi 1,2 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0x3f
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0x80000000
    mov byte [ebx + 24], 0x00
    mov byte [ebx + 25], 0x40
    fninit
    fldpi
    fld tword [ebx + 16]
    fld tword [ebx]
    fucomi st0, st1
    fcmovnb st0, st2
    PRINT32 "fcmovnb after fucomi 1,2"
    call fpshow
    ; ---- fcmovne after fucomi 1,2 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0x3f
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0x80000000
    mov byte [ebx + 24], 0x00
    mov byte [ebx + 25], 0x40
    fninit
    fldpi
    fld tword [ebx + 16]
    fld tword [ebx]
    fucomi st0, st1
    fcmovne st0, st2
    PRINT32 "fcmovne after fucomi 1,2"
    call fpshow
    ; ---- fcmovnbe after fucomi 1,2 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0x3f
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0x80000000
    mov byte [ebx + 24], 0x00
    mov byte [ebx + 25], 0x40
    fninit
    fldpi
    fld tword [ebx + 16]
    fld tword [ebx]
    fucomi st0, st1
    fcmovnbe st0, st2
    PRINT32 "fcmovnbe after fucomi 1,2"
    call fpshow
    ; ---- fcmovnu after fucomi 1,2 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0x3f
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0x80000000
    mov byte [ebx + 24], 0x00
    mov byte [ebx + 25], 0x40
    fninit
    fldpi
    fld tword [ebx + 16]
    fld tword [ebx]
    fucomi st0, st1
    fcmovnu st0, st2
    PRINT32 "fcmovnu after fucomi 1,2"
    call fpshow
    ; ---- fcmovb after fucomi 1,1 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0x3f
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0x80000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fldpi
    fld tword [ebx + 16]
    fld tword [ebx]
    fucomi st0, st1
    fcmovb st0, st2
    PRINT32 "fcmovb after fucomi 1,1"
    call fpshow
    ; ---- fcmove after fucomi 1,1 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0x3f
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0x80000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fldpi
    fld tword [ebx + 16]
    fld tword [ebx]
    fucomi st0, st1
    fcmove st0, st2
    PRINT32 "fcmove after fucomi 1,1"
    call fpshow
    ; ---- fcmovbe after fucomi 1,1 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0x3f
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0x80000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fldpi
    fld tword [ebx + 16]
    fld tword [ebx]
    fucomi st0, st1
    fcmovbe st0, st2
    PRINT32 "fcmovbe after fucomi 1,1"
    call fpshow
    ; ---- fcmovu after fucomi 1,1 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0x3f
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0x80000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fldpi
    fld tword [ebx + 16]
    fld tword [ebx]
    fucomi st0, st1
    fcmovu st0, st2
    PRINT32 "fcmovu after fucomi 1,1"
    call fpshow
    ; ---- fcmovnb after fucomi 1,1 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0x3f
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0x80000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fldpi
    fld tword [ebx + 16]
    fld tword [ebx]
    fucomi st0, st1
    fcmovnb st0, st2
    PRINT32 "fcmovnb after fucomi 1,1"
    call fpshow
    ; ---- fcmovne after fucomi 1,1 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0x3f
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0x80000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fldpi
    fld tword [ebx + 16]
    fld tword [ebx]
    fucomi st0, st1
    fcmovne st0, st2
    PRINT32 "fcmovne after fucomi 1,1"
    call fpshow
    ; ---- fcmovnbe after fucomi 1,1 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0x3f
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0x80000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fldpi
    fld tword [ebx + 16]
    fld tword [ebx]
    fucomi st0, st1
    fcmovnbe st0, st2
    PRINT32 "fcmovnbe after fucomi 1,1"
    call fpshow
    ; ---- fcmovnu after fucomi 1,1 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0x3f
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0x80000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fldpi
    fld tword [ebx + 16]
    fld tword [ebx]
    fucomi st0, st1
    fcmovnu st0, st2
    PRINT32 "fcmovnu after fucomi 1,1"
    call fpshow
    ; ---- fcmovb after fucomi 2,1 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0x00
    mov byte [ebx + 9], 0x40
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0x80000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fldpi
    fld tword [ebx + 16]
    fld tword [ebx]
    fucomi st0, st1
    fcmovb st0, st2
    PRINT32 "fcmovb after fucomi 2,1"
    call fpshow
    ; ---- fcmove after fucomi 2,1 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0x00
    mov byte [ebx + 9], 0x40
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0x80000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fldpi
    fld tword [ebx + 16]
    fld tword [ebx]
    fucomi st0, st1
    fcmove st0, st2
    PRINT32 "fcmove after fucomi 2,1"
    call fpshow
    ; ---- fcmovbe after fucomi 2,1 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0x00
    mov byte [ebx + 9], 0x40
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0x80000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fldpi
    fld tword [ebx + 16]
    fld tword [ebx]
    fucomi st0, st1
    fcmovbe st0, st2
    PRINT32 "fcmovbe after fucomi 2,1"
    call fpshow
    ; ---- fcmovu after fucomi 2,1 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0x00
    mov byte [ebx + 9], 0x40
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0x80000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fldpi
    fld tword [ebx + 16]
    fld tword [ebx]
    fucomi st0, st1
    fcmovu st0, st2
    PRINT32 "fcmovu after fucomi 2,1"
    call fpshow
    ; ---- fcmovnb after fucomi 2,1 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0x00
    mov byte [ebx + 9], 0x40
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0x80000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fldpi
    fld tword [ebx + 16]
    fld tword [ebx]
    fucomi st0, st1
    fcmovnb st0, st2
    PRINT32 "fcmovnb after fucomi 2,1"
    call fpshow
    ; ---- fcmovne after fucomi 2,1 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0x00
    mov byte [ebx + 9], 0x40
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0x80000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fldpi
    fld tword [ebx + 16]
    fld tword [ebx]
    fucomi st0, st1
    fcmovne st0, st2
    PRINT32 "fcmovne after fucomi 2,1"
    call fpshow
    ; ---- fcmovnbe after fucomi 2,1 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0x00
    mov byte [ebx + 9], 0x40
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0x80000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fldpi
    fld tword [ebx + 16]
    fld tword [ebx]
    fucomi st0, st1
    fcmovnbe st0, st2
    PRINT32 "fcmovnbe after fucomi 2,1"
    call fpshow
    ; ---- fcmovnu after fucomi 2,1 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0x80000000
    mov byte [ebx + 8], 0x00
    mov byte [ebx + 9], 0x40
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0x80000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fldpi
    fld tword [ebx + 16]
    fld tword [ebx]
    fucomi st0, st1
    fcmovnu st0, st2
    PRINT32 "fcmovnu after fucomi 2,1"
    call fpshow
    ; ---- fcmovb after fucomi qnan,1 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0xc0000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0x7f
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0x80000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fldpi
    fld tword [ebx + 16]
    fld tword [ebx]
    fucomi st0, st1
    fcmovb st0, st2
    PRINT32 "fcmovb after fucomi qnan,1"
    call fpshow
    ; ---- fcmove after fucomi qnan,1 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0xc0000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0x7f
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0x80000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fldpi
    fld tword [ebx + 16]
    fld tword [ebx]
    fucomi st0, st1
    fcmove st0, st2
    PRINT32 "fcmove after fucomi qnan,1"
    call fpshow
    ; ---- fcmovbe after fucomi qnan,1 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0xc0000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0x7f
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0x80000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fldpi
    fld tword [ebx + 16]
    fld tword [ebx]
    fucomi st0, st1
    fcmovbe st0, st2
    PRINT32 "fcmovbe after fucomi qnan,1"
    call fpshow
    ; ---- fcmovu after fucomi qnan,1 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0xc0000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0x7f
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0x80000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fldpi
    fld tword [ebx + 16]
    fld tword [ebx]
    fucomi st0, st1
    fcmovu st0, st2
    PRINT32 "fcmovu after fucomi qnan,1"
    call fpshow
    ; ---- fcmovnb after fucomi qnan,1 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0xc0000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0x7f
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0x80000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fldpi
    fld tword [ebx + 16]
    fld tword [ebx]
    fucomi st0, st1
    fcmovnb st0, st2
    PRINT32 "fcmovnb after fucomi qnan,1"
    call fpshow
    ; ---- fcmovne after fucomi qnan,1 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0xc0000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0x7f
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0x80000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fldpi
    fld tword [ebx + 16]
    fld tword [ebx]
    fucomi st0, st1
    fcmovne st0, st2
    PRINT32 "fcmovne after fucomi qnan,1"
    call fpshow
    ; ---- fcmovnbe after fucomi qnan,1 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0xc0000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0x7f
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0x80000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fldpi
    fld tword [ebx + 16]
    fld tword [ebx]
    fucomi st0, st1
    fcmovnbe st0, st2
    PRINT32 "fcmovnbe after fucomi qnan,1"
    call fpshow
    ; ---- fcmovnu after fucomi qnan,1 ----
    call clear_tmp
    mov dword [ebx + 0], 0x00000000
    mov dword [ebx + 4], 0xc0000000
    mov byte [ebx + 8], 0xff
    mov byte [ebx + 9], 0x7f
    mov dword [ebx + 16], 0x00000000
    mov dword [ebx + 20], 0x80000000
    mov byte [ebx + 24], 0xff
    mov byte [ebx + 25], 0x3f
    fninit
    fldpi
    fld tword [ebx + 16]
    fld tword [ebx]
    fucomi st0, st1
    fcmovnu st0, st2
    PRINT32 "fcmovnu after fucomi qnan,1"
    call fpshow
    ; ---- fcmove empty, taken ----
    call clear_tmp
    fninit
    fldz
    fldz
    fucomi st0, st1
    fcmove st0, st4
    PRINT32 "fcmove empty, taken"
    call fpshow
    ; ---- fcmovne empty, not taken ----
    call clear_tmp
    fninit
    fldz
    fldz
    fucomi st0, st1
    fcmovne st0, st4
    PRINT32 "fcmovne empty, not taken"
    call fpshow
    PRINT32 "x87_cmp: done", 10
    mov al, 0
    call exit32

clear_tmp:                     ; zero the 256 scratch bytes at FPTMP (EBX)
    push eax
    push ecx
    push edi
    mov edi, FPTMP
    xor eax, eax
    mov ecx, 64
    rep stosd
    pop edi
    pop ecx
    pop eax
    ret
pmem_32:                       ; the ECX bytes at [ESI] as one little-endian number in hex
    push eax
.l: mov al, [esi + ecx - 1]
    call hex8_32
    loop .l
    pop eax
    ret
ring_gate:
conf_code:
    jmp unexpected
    times 0xfff0-($-$$) db 0
bits 16
    jmp 0xf000:start
    times 0x10000-($-$$) db 0xff
