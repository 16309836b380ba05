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
X87_MAIN "x87_cmp"
    mov ebx, FPTMP
    X87CASE "fcom st1 1,2", {SET80 0, 0x3fff, 0x8000000000000000}, {SET80 16, 0x4000, 0x8000000000000000}, fninit, fld tword [ebx + 16], fld tword [ebx], fcom st1
    X87CASE "fucom st1 1,2", {SET80 0, 0x3fff, 0x8000000000000000}, {SET80 16, 0x4000, 0x8000000000000000}, fninit, fld tword [ebx + 16], fld tword [ebx], fucom st1
    X87CASE "fcomp st1 1,2", {SET80 0, 0x3fff, 0x8000000000000000}, {SET80 16, 0x4000, 0x8000000000000000}, fninit, fld tword [ebx + 16], fld tword [ebx], fcomp st1
    X87CASE "fucomp st1 1,2", {SET80 0, 0x3fff, 0x8000000000000000}, {SET80 16, 0x4000, 0x8000000000000000}, fninit, fld tword [ebx + 16], fld tword [ebx], fucomp st1
    X87CASE "fcompp 1,2", {SET80 0, 0x3fff, 0x8000000000000000}, {SET80 16, 0x4000, 0x8000000000000000}, fninit, fld tword [ebx + 16], fld tword [ebx], fcompp
    X87CASE "fucompp 1,2", {SET80 0, 0x3fff, 0x8000000000000000}, {SET80 16, 0x4000, 0x8000000000000000}, fninit, fld tword [ebx + 16], fld tword [ebx], fucompp
    X87CASEM "fcomi st0, st1 1,2", 48, 2, {SET80 0, 0x3fff, 0x8000000000000000}, {SET80 16, 0x4000, 0x8000000000000000}, fninit, fld tword [ebx + 16], fld tword [ebx], {EFLAGS48 fcomi st0, st1}
    X87CASEM "fucomi st0, st1 1,2", 48, 2, {SET80 0, 0x3fff, 0x8000000000000000}, {SET80 16, 0x4000, 0x8000000000000000}, fninit, fld tword [ebx + 16], fld tword [ebx], {EFLAGS48 fucomi st0, st1}
    X87CASEM "fcomip st0, st1 1,2", 48, 2, {SET80 0, 0x3fff, 0x8000000000000000}, {SET80 16, 0x4000, 0x8000000000000000}, fninit, fld tword [ebx + 16], fld tword [ebx], {EFLAGS48 fcomip st0, st1}
    X87CASEM "fucomip st0, st1 1,2", 48, 2, {SET80 0, 0x3fff, 0x8000000000000000}, {SET80 16, 0x4000, 0x8000000000000000}, fninit, fld tword [ebx + 16], fld tword [ebx], {EFLAGS48 fucomip st0, st1}
    X87CASE "fcom st1 2,1", {SET80 0, 0x4000, 0x8000000000000000}, {SET80 16, 0x3fff, 0x8000000000000000}, fninit, fld tword [ebx + 16], fld tword [ebx], fcom st1
    X87CASE "fucom st1 2,1", {SET80 0, 0x4000, 0x8000000000000000}, {SET80 16, 0x3fff, 0x8000000000000000}, fninit, fld tword [ebx + 16], fld tword [ebx], fucom st1
    X87CASE "fcomp st1 2,1", {SET80 0, 0x4000, 0x8000000000000000}, {SET80 16, 0x3fff, 0x8000000000000000}, fninit, fld tword [ebx + 16], fld tword [ebx], fcomp st1
    X87CASE "fucomp st1 2,1", {SET80 0, 0x4000, 0x8000000000000000}, {SET80 16, 0x3fff, 0x8000000000000000}, fninit, fld tword [ebx + 16], fld tword [ebx], fucomp st1
    X87CASE "fcompp 2,1", {SET80 0, 0x4000, 0x8000000000000000}, {SET80 16, 0x3fff, 0x8000000000000000}, fninit, fld tword [ebx + 16], fld tword [ebx], fcompp
    X87CASE "fucompp 2,1", {SET80 0, 0x4000, 0x8000000000000000}, {SET80 16, 0x3fff, 0x8000000000000000}, fninit, fld tword [ebx + 16], fld tword [ebx], fucompp
    X87CASEM "fcomi st0, st1 2,1", 48, 2, {SET80 0, 0x4000, 0x8000000000000000}, {SET80 16, 0x3fff, 0x8000000000000000}, fninit, fld tword [ebx + 16], fld tword [ebx], {EFLAGS48 fcomi st0, st1}
    X87CASEM "fucomi st0, st1 2,1", 48, 2, {SET80 0, 0x4000, 0x8000000000000000}, {SET80 16, 0x3fff, 0x8000000000000000}, fninit, fld tword [ebx + 16], fld tword [ebx], {EFLAGS48 fucomi st0, st1}
    X87CASEM "fcomip st0, st1 2,1", 48, 2, {SET80 0, 0x4000, 0x8000000000000000}, {SET80 16, 0x3fff, 0x8000000000000000}, fninit, fld tword [ebx + 16], fld tword [ebx], {EFLAGS48 fcomip st0, st1}
    X87CASEM "fucomip st0, st1 2,1", 48, 2, {SET80 0, 0x4000, 0x8000000000000000}, {SET80 16, 0x3fff, 0x8000000000000000}, fninit, fld tword [ebx + 16], fld tword [ebx], {EFLAGS48 fucomip st0, st1}
    X87CASE "fcom st1 1,1", {SET80 0, 0x3fff, 0x8000000000000000}, {SET80 16, 0x3fff, 0x8000000000000000}, fninit, fld tword [ebx + 16], fld tword [ebx], fcom st1
    X87CASE "fucom st1 1,1", {SET80 0, 0x3fff, 0x8000000000000000}, {SET80 16, 0x3fff, 0x8000000000000000}, fninit, fld tword [ebx + 16], fld tword [ebx], fucom st1
    X87CASE "fcomp st1 1,1", {SET80 0, 0x3fff, 0x8000000000000000}, {SET80 16, 0x3fff, 0x8000000000000000}, fninit, fld tword [ebx + 16], fld tword [ebx], fcomp st1
    X87CASE "fucomp st1 1,1", {SET80 0, 0x3fff, 0x8000000000000000}, {SET80 16, 0x3fff, 0x8000000000000000}, fninit, fld tword [ebx + 16], fld tword [ebx], fucomp st1
    X87CASE "fcompp 1,1", {SET80 0, 0x3fff, 0x8000000000000000}, {SET80 16, 0x3fff, 0x8000000000000000}, fninit, fld tword [ebx + 16], fld tword [ebx], fcompp
    X87CASE "fucompp 1,1", {SET80 0, 0x3fff, 0x8000000000000000}, {SET80 16, 0x3fff, 0x8000000000000000}, fninit, fld tword [ebx + 16], fld tword [ebx], fucompp
    X87CASEM "fcomi st0, st1 1,1", 48, 2, {SET80 0, 0x3fff, 0x8000000000000000}, {SET80 16, 0x3fff, 0x8000000000000000}, fninit, fld tword [ebx + 16], fld tword [ebx], {EFLAGS48 fcomi st0, st1}
    X87CASEM "fucomi st0, st1 1,1", 48, 2, {SET80 0, 0x3fff, 0x8000000000000000}, {SET80 16, 0x3fff, 0x8000000000000000}, fninit, fld tword [ebx + 16], fld tword [ebx], {EFLAGS48 fucomi st0, st1}
    X87CASEM "fcomip st0, st1 1,1", 48, 2, {SET80 0, 0x3fff, 0x8000000000000000}, {SET80 16, 0x3fff, 0x8000000000000000}, fninit, fld tword [ebx + 16], fld tword [ebx], {EFLAGS48 fcomip st0, st1}
    X87CASEM "fucomip st0, st1 1,1", 48, 2, {SET80 0, 0x3fff, 0x8000000000000000}, {SET80 16, 0x3fff, 0x8000000000000000}, fninit, fld tword [ebx + 16], fld tword [ebx], {EFLAGS48 fucomip st0, st1}
    X87CASE "fcom st1 +0,-0", {SET80 0, 0x0000, 0x0000000000000000}, {SET80 16, 0x8000, 0x0000000000000000}, fninit, fld tword [ebx + 16], fld tword [ebx], fcom st1
    X87CASE "fucom st1 +0,-0", {SET80 0, 0x0000, 0x0000000000000000}, {SET80 16, 0x8000, 0x0000000000000000}, fninit, fld tword [ebx + 16], fld tword [ebx], fucom st1
    X87CASE "fcomp st1 +0,-0", {SET80 0, 0x0000, 0x0000000000000000}, {SET80 16, 0x8000, 0x0000000000000000}, fninit, fld tword [ebx + 16], fld tword [ebx], fcomp st1
    X87CASE "fucomp st1 +0,-0", {SET80 0, 0x0000, 0x0000000000000000}, {SET80 16, 0x8000, 0x0000000000000000}, fninit, fld tword [ebx + 16], fld tword [ebx], fucomp st1
    X87CASE "fcompp +0,-0", {SET80 0, 0x0000, 0x0000000000000000}, {SET80 16, 0x8000, 0x0000000000000000}, fninit, fld tword [ebx + 16], fld tword [ebx], fcompp
    X87CASE "fucompp +0,-0", {SET80 0, 0x0000, 0x0000000000000000}, {SET80 16, 0x8000, 0x0000000000000000}, fninit, fld tword [ebx + 16], fld tword [ebx], fucompp
    X87CASEM "fcomi st0, st1 +0,-0", 48, 2, {SET80 0, 0x0000, 0x0000000000000000}, {SET80 16, 0x8000, 0x0000000000000000}, fninit, fld tword [ebx + 16], fld tword [ebx], {EFLAGS48 fcomi st0, st1}
    X87CASEM "fucomi st0, st1 +0,-0", 48, 2, {SET80 0, 0x0000, 0x0000000000000000}, {SET80 16, 0x8000, 0x0000000000000000}, fninit, fld tword [ebx + 16], fld tword [ebx], {EFLAGS48 fucomi st0, st1}
    X87CASEM "fcomip st0, st1 +0,-0", 48, 2, {SET80 0, 0x0000, 0x0000000000000000}, {SET80 16, 0x8000, 0x0000000000000000}, fninit, fld tword [ebx + 16], fld tword [ebx], {EFLAGS48 fcomip st0, st1}
    X87CASEM "fucomip st0, st1 +0,-0", 48, 2, {SET80 0, 0x0000, 0x0000000000000000}, {SET80 16, 0x8000, 0x0000000000000000}, fninit, fld tword [ebx + 16], fld tword [ebx], {EFLAGS48 fucomip st0, st1}
    X87CASE "fcom st1 +inf,1", {SET80 0, 0x7fff, 0x8000000000000000}, {SET80 16, 0x3fff, 0x8000000000000000}, fninit, fld tword [ebx + 16], fld tword [ebx], fcom st1
    X87CASE "fucom st1 +inf,1", {SET80 0, 0x7fff, 0x8000000000000000}, {SET80 16, 0x3fff, 0x8000000000000000}, fninit, fld tword [ebx + 16], fld tword [ebx], fucom st1
    X87CASE "fcomp st1 +inf,1", {SET80 0, 0x7fff, 0x8000000000000000}, {SET80 16, 0x3fff, 0x8000000000000000}, fninit, fld tword [ebx + 16], fld tword [ebx], fcomp st1
    X87CASE "fucomp st1 +inf,1", {SET80 0, 0x7fff, 0x8000000000000000}, {SET80 16, 0x3fff, 0x8000000000000000}, fninit, fld tword [ebx + 16], fld tword [ebx], fucomp st1
    X87CASE "fcompp +inf,1", {SET80 0, 0x7fff, 0x8000000000000000}, {SET80 16, 0x3fff, 0x8000000000000000}, fninit, fld tword [ebx + 16], fld tword [ebx], fcompp
    X87CASE "fucompp +inf,1", {SET80 0, 0x7fff, 0x8000000000000000}, {SET80 16, 0x3fff, 0x8000000000000000}, fninit, fld tword [ebx + 16], fld tword [ebx], fucompp
    X87CASEM "fcomi st0, st1 +inf,1", 48, 2, {SET80 0, 0x7fff, 0x8000000000000000}, {SET80 16, 0x3fff, 0x8000000000000000}, fninit, fld tword [ebx + 16], fld tword [ebx], {EFLAGS48 fcomi st0, st1}
    X87CASEM "fucomi st0, st1 +inf,1", 48, 2, {SET80 0, 0x7fff, 0x8000000000000000}, {SET80 16, 0x3fff, 0x8000000000000000}, fninit, fld tword [ebx + 16], fld tword [ebx], {EFLAGS48 fucomi st0, st1}
    X87CASEM "fcomip st0, st1 +inf,1", 48, 2, {SET80 0, 0x7fff, 0x8000000000000000}, {SET80 16, 0x3fff, 0x8000000000000000}, fninit, fld tword [ebx + 16], fld tword [ebx], {EFLAGS48 fcomip st0, st1}
    X87CASEM "fucomip st0, st1 +inf,1", 48, 2, {SET80 0, 0x7fff, 0x8000000000000000}, {SET80 16, 0x3fff, 0x8000000000000000}, fninit, fld tword [ebx + 16], fld tword [ebx], {EFLAGS48 fucomip st0, st1}
    X87CASE "fcom st1 -inf,-inf", {SET80 0, 0xffff, 0x8000000000000000}, {SET80 16, 0xffff, 0x8000000000000000}, fninit, fld tword [ebx + 16], fld tword [ebx], fcom st1
    X87CASE "fucom st1 -inf,-inf", {SET80 0, 0xffff, 0x8000000000000000}, {SET80 16, 0xffff, 0x8000000000000000}, fninit, fld tword [ebx + 16], fld tword [ebx], fucom st1
    X87CASE "fcomp st1 -inf,-inf", {SET80 0, 0xffff, 0x8000000000000000}, {SET80 16, 0xffff, 0x8000000000000000}, fninit, fld tword [ebx + 16], fld tword [ebx], fcomp st1
    X87CASE "fucomp st1 -inf,-inf", {SET80 0, 0xffff, 0x8000000000000000}, {SET80 16, 0xffff, 0x8000000000000000}, fninit, fld tword [ebx + 16], fld tword [ebx], fucomp st1
    X87CASE "fcompp -inf,-inf", {SET80 0, 0xffff, 0x8000000000000000}, {SET80 16, 0xffff, 0x8000000000000000}, fninit, fld tword [ebx + 16], fld tword [ebx], fcompp
    X87CASE "fucompp -inf,-inf", {SET80 0, 0xffff, 0x8000000000000000}, {SET80 16, 0xffff, 0x8000000000000000}, fninit, fld tword [ebx + 16], fld tword [ebx], fucompp
    X87CASEM "fcomi st0, st1 -inf,-inf", 48, 2, {SET80 0, 0xffff, 0x8000000000000000}, {SET80 16, 0xffff, 0x8000000000000000}, fninit, fld tword [ebx + 16], fld tword [ebx], {EFLAGS48 fcomi st0, st1}
    X87CASEM "fucomi st0, st1 -inf,-inf", 48, 2, {SET80 0, 0xffff, 0x8000000000000000}, {SET80 16, 0xffff, 0x8000000000000000}, fninit, fld tword [ebx + 16], fld tword [ebx], {EFLAGS48 fucomi st0, st1}
    X87CASEM "fcomip st0, st1 -inf,-inf", 48, 2, {SET80 0, 0xffff, 0x8000000000000000}, {SET80 16, 0xffff, 0x8000000000000000}, fninit, fld tword [ebx + 16], fld tword [ebx], {EFLAGS48 fcomip st0, st1}
    X87CASEM "fucomip st0, st1 -inf,-inf", 48, 2, {SET80 0, 0xffff, 0x8000000000000000}, {SET80 16, 0xffff, 0x8000000000000000}, fninit, fld tword [ebx + 16], fld tword [ebx], {EFLAGS48 fucomip st0, st1}
    X87CASE "fcom st1 qnan,1", {SET80 0, 0x7fff, 0xc000000000000000}, {SET80 16, 0x3fff, 0x8000000000000000}, fninit, fld tword [ebx + 16], fld tword [ebx], fcom st1
    X87CASE "fucom st1 qnan,1", {SET80 0, 0x7fff, 0xc000000000000000}, {SET80 16, 0x3fff, 0x8000000000000000}, fninit, fld tword [ebx + 16], fld tword [ebx], fucom st1
    X87CASE "fcomp st1 qnan,1", {SET80 0, 0x7fff, 0xc000000000000000}, {SET80 16, 0x3fff, 0x8000000000000000}, fninit, fld tword [ebx + 16], fld tword [ebx], fcomp st1
    X87CASE "fucomp st1 qnan,1", {SET80 0, 0x7fff, 0xc000000000000000}, {SET80 16, 0x3fff, 0x8000000000000000}, fninit, fld tword [ebx + 16], fld tword [ebx], fucomp st1
    X87CASE "fcompp qnan,1", {SET80 0, 0x7fff, 0xc000000000000000}, {SET80 16, 0x3fff, 0x8000000000000000}, fninit, fld tword [ebx + 16], fld tword [ebx], fcompp
    X87CASE "fucompp qnan,1", {SET80 0, 0x7fff, 0xc000000000000000}, {SET80 16, 0x3fff, 0x8000000000000000}, fninit, fld tword [ebx + 16], fld tword [ebx], fucompp
    X87CASEM "fcomi st0, st1 qnan,1", 48, 2, {SET80 0, 0x7fff, 0xc000000000000000}, {SET80 16, 0x3fff, 0x8000000000000000}, fninit, fld tword [ebx + 16], fld tword [ebx], {EFLAGS48 fcomi st0, st1}
    X87CASEM "fucomi st0, st1 qnan,1", 48, 2, {SET80 0, 0x7fff, 0xc000000000000000}, {SET80 16, 0x3fff, 0x8000000000000000}, fninit, fld tword [ebx + 16], fld tword [ebx], {EFLAGS48 fucomi st0, st1}
    X87CASEM "fcomip st0, st1 qnan,1", 48, 2, {SET80 0, 0x7fff, 0xc000000000000000}, {SET80 16, 0x3fff, 0x8000000000000000}, fninit, fld tword [ebx + 16], fld tword [ebx], {EFLAGS48 fcomip st0, st1}
    X87CASEM "fucomip st0, st1 qnan,1", 48, 2, {SET80 0, 0x7fff, 0xc000000000000000}, {SET80 16, 0x3fff, 0x8000000000000000}, fninit, fld tword [ebx + 16], fld tword [ebx], {EFLAGS48 fucomip st0, st1}
    X87CASE "fcom st1 1,qnan", {SET80 0, 0x3fff, 0x8000000000000000}, {SET80 16, 0x7fff, 0xc000000000000000}, fninit, fld tword [ebx + 16], fld tword [ebx], fcom st1
    X87CASE "fucom st1 1,qnan", {SET80 0, 0x3fff, 0x8000000000000000}, {SET80 16, 0x7fff, 0xc000000000000000}, fninit, fld tword [ebx + 16], fld tword [ebx], fucom st1
    X87CASE "fcomp st1 1,qnan", {SET80 0, 0x3fff, 0x8000000000000000}, {SET80 16, 0x7fff, 0xc000000000000000}, fninit, fld tword [ebx + 16], fld tword [ebx], fcomp st1
    X87CASE "fucomp st1 1,qnan", {SET80 0, 0x3fff, 0x8000000000000000}, {SET80 16, 0x7fff, 0xc000000000000000}, fninit, fld tword [ebx + 16], fld tword [ebx], fucomp st1
    X87CASE "fcompp 1,qnan", {SET80 0, 0x3fff, 0x8000000000000000}, {SET80 16, 0x7fff, 0xc000000000000000}, fninit, fld tword [ebx + 16], fld tword [ebx], fcompp
    X87CASE "fucompp 1,qnan", {SET80 0, 0x3fff, 0x8000000000000000}, {SET80 16, 0x7fff, 0xc000000000000000}, fninit, fld tword [ebx + 16], fld tword [ebx], fucompp
    X87CASEM "fcomi st0, st1 1,qnan", 48, 2, {SET80 0, 0x3fff, 0x8000000000000000}, {SET80 16, 0x7fff, 0xc000000000000000}, fninit, fld tword [ebx + 16], fld tword [ebx], {EFLAGS48 fcomi st0, st1}
    X87CASEM "fucomi st0, st1 1,qnan", 48, 2, {SET80 0, 0x3fff, 0x8000000000000000}, {SET80 16, 0x7fff, 0xc000000000000000}, fninit, fld tword [ebx + 16], fld tword [ebx], {EFLAGS48 fucomi st0, st1}
    X87CASEM "fcomip st0, st1 1,qnan", 48, 2, {SET80 0, 0x3fff, 0x8000000000000000}, {SET80 16, 0x7fff, 0xc000000000000000}, fninit, fld tword [ebx + 16], fld tword [ebx], {EFLAGS48 fcomip st0, st1}
    X87CASEM "fucomip st0, st1 1,qnan", 48, 2, {SET80 0, 0x3fff, 0x8000000000000000}, {SET80 16, 0x7fff, 0xc000000000000000}, fninit, fld tword [ebx + 16], fld tword [ebx], {EFLAGS48 fucomip st0, st1}
    X87CASE "fcom st1 snan,1", {SET80 0, 0x7fff, 0x8000000000000001}, {SET80 16, 0x3fff, 0x8000000000000000}, fninit, fld tword [ebx + 16], fld tword [ebx], fcom st1
    X87CASE "fucom st1 snan,1", {SET80 0, 0x7fff, 0x8000000000000001}, {SET80 16, 0x3fff, 0x8000000000000000}, fninit, fld tword [ebx + 16], fld tword [ebx], fucom st1
    X87CASE "fcomp st1 snan,1", {SET80 0, 0x7fff, 0x8000000000000001}, {SET80 16, 0x3fff, 0x8000000000000000}, fninit, fld tword [ebx + 16], fld tword [ebx], fcomp st1
    X87CASE "fucomp st1 snan,1", {SET80 0, 0x7fff, 0x8000000000000001}, {SET80 16, 0x3fff, 0x8000000000000000}, fninit, fld tword [ebx + 16], fld tword [ebx], fucomp st1
    X87CASE "fcompp snan,1", {SET80 0, 0x7fff, 0x8000000000000001}, {SET80 16, 0x3fff, 0x8000000000000000}, fninit, fld tword [ebx + 16], fld tword [ebx], fcompp
    X87CASE "fucompp snan,1", {SET80 0, 0x7fff, 0x8000000000000001}, {SET80 16, 0x3fff, 0x8000000000000000}, fninit, fld tword [ebx + 16], fld tword [ebx], fucompp
    X87CASEM "fcomi st0, st1 snan,1", 48, 2, {SET80 0, 0x7fff, 0x8000000000000001}, {SET80 16, 0x3fff, 0x8000000000000000}, fninit, fld tword [ebx + 16], fld tword [ebx], {EFLAGS48 fcomi st0, st1}
    X87CASEM "fucomi st0, st1 snan,1", 48, 2, {SET80 0, 0x7fff, 0x8000000000000001}, {SET80 16, 0x3fff, 0x8000000000000000}, fninit, fld tword [ebx + 16], fld tword [ebx], {EFLAGS48 fucomi st0, st1}
    X87CASEM "fcomip st0, st1 snan,1", 48, 2, {SET80 0, 0x7fff, 0x8000000000000001}, {SET80 16, 0x3fff, 0x8000000000000000}, fninit, fld tword [ebx + 16], fld tword [ebx], {EFLAGS48 fcomip st0, st1}
    X87CASEM "fucomip st0, st1 snan,1", 48, 2, {SET80 0, 0x7fff, 0x8000000000000001}, {SET80 16, 0x3fff, 0x8000000000000000}, fninit, fld tword [ebx + 16], fld tword [ebx], {EFLAGS48 fucomip st0, st1}
    X87CASE "fcom st1 denormal,+0", {SET80 0, 0x0000, 0x0000000000000001}, {SET80 16, 0x0000, 0x0000000000000000}, fninit, fld tword [ebx + 16], fld tword [ebx], fcom st1
    X87CASE "fucom st1 denormal,+0", {SET80 0, 0x0000, 0x0000000000000001}, {SET80 16, 0x0000, 0x0000000000000000}, fninit, fld tword [ebx + 16], fld tword [ebx], fucom st1
    X87CASE "fcomp st1 denormal,+0", {SET80 0, 0x0000, 0x0000000000000001}, {SET80 16, 0x0000, 0x0000000000000000}, fninit, fld tword [ebx + 16], fld tword [ebx], fcomp st1
    X87CASE "fucomp st1 denormal,+0", {SET80 0, 0x0000, 0x0000000000000001}, {SET80 16, 0x0000, 0x0000000000000000}, fninit, fld tword [ebx + 16], fld tword [ebx], fucomp st1
    X87CASE "fcompp denormal,+0", {SET80 0, 0x0000, 0x0000000000000001}, {SET80 16, 0x0000, 0x0000000000000000}, fninit, fld tword [ebx + 16], fld tword [ebx], fcompp
    X87CASE "fucompp denormal,+0", {SET80 0, 0x0000, 0x0000000000000001}, {SET80 16, 0x0000, 0x0000000000000000}, fninit, fld tword [ebx + 16], fld tword [ebx], fucompp
    X87CASEM "fcomi st0, st1 denormal,+0", 48, 2, {SET80 0, 0x0000, 0x0000000000000001}, {SET80 16, 0x0000, 0x0000000000000000}, fninit, fld tword [ebx + 16], fld tword [ebx], {EFLAGS48 fcomi st0, st1}
    X87CASEM "fucomi st0, st1 denormal,+0", 48, 2, {SET80 0, 0x0000, 0x0000000000000001}, {SET80 16, 0x0000, 0x0000000000000000}, fninit, fld tword [ebx + 16], fld tword [ebx], {EFLAGS48 fucomi st0, st1}
    X87CASEM "fcomip st0, st1 denormal,+0", 48, 2, {SET80 0, 0x0000, 0x0000000000000001}, {SET80 16, 0x0000, 0x0000000000000000}, fninit, fld tword [ebx + 16], fld tword [ebx], {EFLAGS48 fcomip st0, st1}
    X87CASEM "fucomip st0, st1 denormal,+0", 48, 2, {SET80 0, 0x0000, 0x0000000000000001}, {SET80 16, 0x0000, 0x0000000000000000}, fninit, fld tword [ebx + 16], fld tword [ebx], {EFLAGS48 fucomip st0, st1}
    X87CASE "fcom st1 pdenormal,denormal", {SET80 0, 0x0000, 0x8000000000000000}, {SET80 16, 0x0000, 0x0000000000000001}, fninit, fld tword [ebx + 16], fld tword [ebx], fcom st1
    X87CASE "fucom st1 pdenormal,denormal", {SET80 0, 0x0000, 0x8000000000000000}, {SET80 16, 0x0000, 0x0000000000000001}, fninit, fld tword [ebx + 16], fld tword [ebx], fucom st1
    X87CASE "fcomp st1 pdenormal,denormal", {SET80 0, 0x0000, 0x8000000000000000}, {SET80 16, 0x0000, 0x0000000000000001}, fninit, fld tword [ebx + 16], fld tword [ebx], fcomp st1
    X87CASE "fucomp st1 pdenormal,denormal", {SET80 0, 0x0000, 0x8000000000000000}, {SET80 16, 0x0000, 0x0000000000000001}, fninit, fld tword [ebx + 16], fld tword [ebx], fucomp st1
    X87CASE "fcompp pdenormal,denormal", {SET80 0, 0x0000, 0x8000000000000000}, {SET80 16, 0x0000, 0x0000000000000001}, fninit, fld tword [ebx + 16], fld tword [ebx], fcompp
    X87CASE "fucompp pdenormal,denormal", {SET80 0, 0x0000, 0x8000000000000000}, {SET80 16, 0x0000, 0x0000000000000001}, fninit, fld tword [ebx + 16], fld tword [ebx], fucompp
    X87CASEM "fcomi st0, st1 pdenormal,denormal", 48, 2, {SET80 0, 0x0000, 0x8000000000000000}, {SET80 16, 0x0000, 0x0000000000000001}, fninit, fld tword [ebx + 16], fld tword [ebx], {EFLAGS48 fcomi st0, st1}
    X87CASEM "fucomi st0, st1 pdenormal,denormal", 48, 2, {SET80 0, 0x0000, 0x8000000000000000}, {SET80 16, 0x0000, 0x0000000000000001}, fninit, fld tword [ebx + 16], fld tword [ebx], {EFLAGS48 fucomi st0, st1}
    X87CASEM "fcomip st0, st1 pdenormal,denormal", 48, 2, {SET80 0, 0x0000, 0x8000000000000000}, {SET80 16, 0x0000, 0x0000000000000001}, fninit, fld tword [ebx + 16], fld tword [ebx], {EFLAGS48 fcomip st0, st1}
    X87CASEM "fucomip st0, st1 pdenormal,denormal", 48, 2, {SET80 0, 0x0000, 0x8000000000000000}, {SET80 16, 0x0000, 0x0000000000000001}, fninit, fld tword [ebx + 16], fld tword [ebx], {EFLAGS48 fucomip st0, st1}
    X87CASE "fcom st1 unnormal,1", {SET80 0, 0x3fff, 0x4000000000000000}, {SET80 16, 0x3fff, 0x8000000000000000}, fninit, fld tword [ebx + 16], fld tword [ebx], fcom st1
    X87CASE "fucom st1 unnormal,1", {SET80 0, 0x3fff, 0x4000000000000000}, {SET80 16, 0x3fff, 0x8000000000000000}, fninit, fld tword [ebx + 16], fld tword [ebx], fucom st1
    X87CASE "fcomp st1 unnormal,1", {SET80 0, 0x3fff, 0x4000000000000000}, {SET80 16, 0x3fff, 0x8000000000000000}, fninit, fld tword [ebx + 16], fld tword [ebx], fcomp st1
    X87CASE "fucomp st1 unnormal,1", {SET80 0, 0x3fff, 0x4000000000000000}, {SET80 16, 0x3fff, 0x8000000000000000}, fninit, fld tword [ebx + 16], fld tword [ebx], fucomp st1
    X87CASE "fcompp unnormal,1", {SET80 0, 0x3fff, 0x4000000000000000}, {SET80 16, 0x3fff, 0x8000000000000000}, fninit, fld tword [ebx + 16], fld tword [ebx], fcompp
    X87CASE "fucompp unnormal,1", {SET80 0, 0x3fff, 0x4000000000000000}, {SET80 16, 0x3fff, 0x8000000000000000}, fninit, fld tword [ebx + 16], fld tword [ebx], fucompp
    X87CASEM "fcomi st0, st1 unnormal,1", 48, 2, {SET80 0, 0x3fff, 0x4000000000000000}, {SET80 16, 0x3fff, 0x8000000000000000}, fninit, fld tword [ebx + 16], fld tword [ebx], {EFLAGS48 fcomi st0, st1}
    X87CASEM "fucomi st0, st1 unnormal,1", 48, 2, {SET80 0, 0x3fff, 0x4000000000000000}, {SET80 16, 0x3fff, 0x8000000000000000}, fninit, fld tword [ebx + 16], fld tword [ebx], {EFLAGS48 fucomi st0, st1}
    X87CASEM "fcomip st0, st1 unnormal,1", 48, 2, {SET80 0, 0x3fff, 0x4000000000000000}, {SET80 16, 0x3fff, 0x8000000000000000}, fninit, fld tword [ebx + 16], fld tword [ebx], {EFLAGS48 fcomip st0, st1}
    X87CASEM "fucomip st0, st1 unnormal,1", 48, 2, {SET80 0, 0x3fff, 0x4000000000000000}, {SET80 16, 0x3fff, 0x8000000000000000}, fninit, fld tword [ebx + 16], fld tword [ebx], {EFLAGS48 fucomip st0, st1}
    X87CASE "fcom st1 pinf,1", {SET80 0, 0x7fff, 0x0000000000000000}, {SET80 16, 0x3fff, 0x8000000000000000}, fninit, fld tword [ebx + 16], fld tword [ebx], fcom st1
    X87CASE "fucom st1 pinf,1", {SET80 0, 0x7fff, 0x0000000000000000}, {SET80 16, 0x3fff, 0x8000000000000000}, fninit, fld tword [ebx + 16], fld tword [ebx], fucom st1
    X87CASE "fcomp st1 pinf,1", {SET80 0, 0x7fff, 0x0000000000000000}, {SET80 16, 0x3fff, 0x8000000000000000}, fninit, fld tword [ebx + 16], fld tword [ebx], fcomp st1
    X87CASE "fucomp st1 pinf,1", {SET80 0, 0x7fff, 0x0000000000000000}, {SET80 16, 0x3fff, 0x8000000000000000}, fninit, fld tword [ebx + 16], fld tword [ebx], fucomp st1
    X87CASE "fcompp pinf,1", {SET80 0, 0x7fff, 0x0000000000000000}, {SET80 16, 0x3fff, 0x8000000000000000}, fninit, fld tword [ebx + 16], fld tword [ebx], fcompp
    X87CASE "fucompp pinf,1", {SET80 0, 0x7fff, 0x0000000000000000}, {SET80 16, 0x3fff, 0x8000000000000000}, fninit, fld tword [ebx + 16], fld tword [ebx], fucompp
    X87CASEM "fcomi st0, st1 pinf,1", 48, 2, {SET80 0, 0x7fff, 0x0000000000000000}, {SET80 16, 0x3fff, 0x8000000000000000}, fninit, fld tword [ebx + 16], fld tword [ebx], {EFLAGS48 fcomi st0, st1}
    X87CASEM "fucomi st0, st1 pinf,1", 48, 2, {SET80 0, 0x7fff, 0x0000000000000000}, {SET80 16, 0x3fff, 0x8000000000000000}, fninit, fld tword [ebx + 16], fld tword [ebx], {EFLAGS48 fucomi st0, st1}
    X87CASEM "fcomip st0, st1 pinf,1", 48, 2, {SET80 0, 0x7fff, 0x0000000000000000}, {SET80 16, 0x3fff, 0x8000000000000000}, fninit, fld tword [ebx + 16], fld tword [ebx], {EFLAGS48 fcomip st0, st1}
    X87CASEM "fucomip st0, st1 pinf,1", 48, 2, {SET80 0, 0x7fff, 0x0000000000000000}, {SET80 16, 0x3fff, 0x8000000000000000}, fninit, fld tword [ebx + 16], fld tword [ebx], {EFLAGS48 fucomip st0, st1}
    X87CASE "fcom st1 pnan,1", {SET80 0, 0x7fff, 0x0000000000000001}, {SET80 16, 0x3fff, 0x8000000000000000}, fninit, fld tword [ebx + 16], fld tword [ebx], fcom st1
    X87CASE "fucom st1 pnan,1", {SET80 0, 0x7fff, 0x0000000000000001}, {SET80 16, 0x3fff, 0x8000000000000000}, fninit, fld tword [ebx + 16], fld tword [ebx], fucom st1
    X87CASE "fcomp st1 pnan,1", {SET80 0, 0x7fff, 0x0000000000000001}, {SET80 16, 0x3fff, 0x8000000000000000}, fninit, fld tword [ebx + 16], fld tword [ebx], fcomp st1
    X87CASE "fucomp st1 pnan,1", {SET80 0, 0x7fff, 0x0000000000000001}, {SET80 16, 0x3fff, 0x8000000000000000}, fninit, fld tword [ebx + 16], fld tword [ebx], fucomp st1
    X87CASE "fcompp pnan,1", {SET80 0, 0x7fff, 0x0000000000000001}, {SET80 16, 0x3fff, 0x8000000000000000}, fninit, fld tword [ebx + 16], fld tword [ebx], fcompp
    X87CASE "fucompp pnan,1", {SET80 0, 0x7fff, 0x0000000000000001}, {SET80 16, 0x3fff, 0x8000000000000000}, fninit, fld tword [ebx + 16], fld tword [ebx], fucompp
    X87CASEM "fcomi st0, st1 pnan,1", 48, 2, {SET80 0, 0x7fff, 0x0000000000000001}, {SET80 16, 0x3fff, 0x8000000000000000}, fninit, fld tword [ebx + 16], fld tword [ebx], {EFLAGS48 fcomi st0, st1}
    X87CASEM "fucomi st0, st1 pnan,1", 48, 2, {SET80 0, 0x7fff, 0x0000000000000001}, {SET80 16, 0x3fff, 0x8000000000000000}, fninit, fld tword [ebx + 16], fld tword [ebx], {EFLAGS48 fucomi st0, st1}
    X87CASEM "fcomip st0, st1 pnan,1", 48, 2, {SET80 0, 0x7fff, 0x0000000000000001}, {SET80 16, 0x3fff, 0x8000000000000000}, fninit, fld tword [ebx + 16], fld tword [ebx], {EFLAGS48 fcomip st0, st1}
    X87CASEM "fucomip st0, st1 pnan,1", 48, 2, {SET80 0, 0x7fff, 0x0000000000000001}, {SET80 16, 0x3fff, 0x8000000000000000}, fninit, fld tword [ebx + 16], fld tword [ebx], {EFLAGS48 fucomip st0, st1}
    X87CASE "ftst 1", {SET80 0, 0x3fff, 0x8000000000000000}, fninit, fld tword [ebx], ftst
    X87CASE "fxam 1", {SET80 0, 0x3fff, 0x8000000000000000}, fninit, fld tword [ebx], fxam
    X87CASE "ftst 2", {SET80 0, 0x4000, 0x8000000000000000}, fninit, fld tword [ebx], ftst
    X87CASE "fxam 2", {SET80 0, 0x4000, 0x8000000000000000}, fninit, fld tword [ebx], fxam
    X87CASE "ftst -0", {SET80 0, 0x8000, 0x0000000000000000}, fninit, fld tword [ebx], ftst
    X87CASE "fxam -0", {SET80 0, 0x8000, 0x0000000000000000}, fninit, fld tword [ebx], fxam
    X87CASE "ftst +0", {SET80 0, 0x0000, 0x0000000000000000}, fninit, fld tword [ebx], ftst
    X87CASE "fxam +0", {SET80 0, 0x0000, 0x0000000000000000}, fninit, fld tword [ebx], fxam
    X87CASE "ftst +inf", {SET80 0, 0x7fff, 0x8000000000000000}, fninit, fld tword [ebx], ftst
    X87CASE "fxam +inf", {SET80 0, 0x7fff, 0x8000000000000000}, fninit, fld tword [ebx], fxam
    X87CASE "ftst -inf", {SET80 0, 0xffff, 0x8000000000000000}, fninit, fld tword [ebx], ftst
    X87CASE "fxam -inf", {SET80 0, 0xffff, 0x8000000000000000}, fninit, fld tword [ebx], fxam
    X87CASE "ftst qnan", {SET80 0, 0x7fff, 0xc000000000000000}, fninit, fld tword [ebx], ftst
    X87CASE "fxam qnan", {SET80 0, 0x7fff, 0xc000000000000000}, fninit, fld tword [ebx], fxam
    X87CASE "ftst snan", {SET80 0, 0x7fff, 0x8000000000000001}, fninit, fld tword [ebx], ftst
    X87CASE "fxam snan", {SET80 0, 0x7fff, 0x8000000000000001}, fninit, fld tword [ebx], fxam
    X87CASE "ftst denormal", {SET80 0, 0x0000, 0x0000000000000001}, fninit, fld tword [ebx], ftst
    X87CASE "fxam denormal", {SET80 0, 0x0000, 0x0000000000000001}, fninit, fld tword [ebx], fxam
    X87CASE "ftst pdenormal", {SET80 0, 0x0000, 0x8000000000000000}, fninit, fld tword [ebx], ftst
    X87CASE "fxam pdenormal", {SET80 0, 0x0000, 0x8000000000000000}, fninit, fld tword [ebx], fxam
    X87CASE "ftst unnormal", {SET80 0, 0x3fff, 0x4000000000000000}, fninit, fld tword [ebx], ftst
    X87CASE "fxam unnormal", {SET80 0, 0x3fff, 0x4000000000000000}, fninit, fld tword [ebx], fxam
    X87CASE "ftst pinf", {SET80 0, 0x7fff, 0x0000000000000000}, fninit, fld tword [ebx], ftst
    X87CASE "fxam pinf", {SET80 0, 0x7fff, 0x0000000000000000}, fninit, fld tword [ebx], fxam
    X87CASE "ftst pnan", {SET80 0, 0x7fff, 0x0000000000000001}, fninit, fld tword [ebx], ftst
    X87CASE "fxam pnan", {SET80 0, 0x7fff, 0x0000000000000001}, fninit, fld tword [ebx], fxam
    X87CASE "ftst -1", {SET80 0, 0xbfff, 0x8000000000000000}, fninit, fld tword [ebx], ftst
    X87CASE "fxam -1", {SET80 0, 0xbfff, 0x8000000000000000}, fninit, fld tword [ebx], fxam
    X87CASE "ftst -denormal", {SET80 0, 0x8000, 0x0000000000000005}, fninit, fld tword [ebx], ftst
    X87CASE "fxam -denormal", {SET80 0, 0x8000, 0x0000000000000005}, fninit, fld tword [ebx], fxam
    X87CASE "fxam empty", fninit, fxam
    X87CASE "fxam empty after -1", {SET80 0, 0xbfff, 0x8000000000000000}, fninit, fld tword [ebx], ffree st0, fxam
    X87CASE "ftst empty", fninit, ftst
    X87CASE "fcom empty", fninit, fld1, fcom st3
    X87CASEM "fcomi empty", 48, 2, fninit, fld1, {EFLAGS48 fcomi st0, st3}
    X87CASE "ficom m16 1.0,1", {SET80 0, 0x3fff, 0x8000000000000000}, {SET16 16, 0x0001}, fninit, fld tword [ebx], ficom word [ebx + 16]
    X87CASE "ficom m16 1.0,2", {SET80 0, 0x3fff, 0x8000000000000000}, {SET16 16, 0x0002}, fninit, fld tword [ebx], ficom word [ebx + 16]
    X87CASE "ficomp m32 -1,-1", {SET80 0, 0xbfff, 0x8000000000000000}, {mov dword [ebx + 16], 0xffffffff}, fninit, fld tword [ebx], ficomp dword [ebx + 16]
    X87CASE "ficom m32 qnan,0", {SET80 0, 0x7fff, 0xc000000000000000}, {mov dword [ebx + 16], 0x00000000}, fninit, fld tword [ebx], ficom dword [ebx + 16]
    X87CASE "ficom m16 denormal,0", {SET80 0, 0x0000, 0x0000000000000001}, {SET16 16, 0x0000}, fninit, fld tword [ebx], ficom word [ebx + 16]
    X87CASE "fcom m32 1,snan", {SET80 0, 0x3fff, 0x8000000000000000}, {mov dword [ebx + 16], 0x7f800001}, fninit, fld tword [ebx], fcom dword [ebx + 16]
    X87CASE "fucom... fcomp m32 1,qnan", {SET80 0, 0x3fff, 0x8000000000000000}, {mov dword [ebx + 16], 0x7fc00000}, fninit, fld tword [ebx], fcomp dword [ebx + 16]
    X87CASE "fcom m64 -0,denormal", {SET80 0, 0x8000, 0x0000000000000000}, {mov dword [ebx + 16], 0x00000001}, {mov dword [ebx + 20], 0x00000000}, fninit, fld tword [ebx], fcom qword [ebx + 16]
    X87CASE "fcomp m64 2,2", {SET80 0, 0x4000, 0x8000000000000000}, {mov dword [ebx + 16], 0x00000000}, {mov dword [ebx + 20], 0x40000000}, fninit, fld tword [ebx], fcomp qword [ebx + 16]
    X87CASE "fcmovb after fucomi 1,2", {SET80 0, 0x3fff, 0x8000000000000000}, {SET80 16, 0x4000, 0x8000000000000000}, fninit, fldpi, fld tword [ebx + 16], fld tword [ebx], {fucomi st0, st1}, {fcmovb st0, st2}
    X87CASE "fcmove after fucomi 1,2", {SET80 0, 0x3fff, 0x8000000000000000}, {SET80 16, 0x4000, 0x8000000000000000}, fninit, fldpi, fld tword [ebx + 16], fld tword [ebx], {fucomi st0, st1}, {fcmove st0, st2}
    X87CASE "fcmovbe after fucomi 1,2", {SET80 0, 0x3fff, 0x8000000000000000}, {SET80 16, 0x4000, 0x8000000000000000}, fninit, fldpi, fld tword [ebx + 16], fld tword [ebx], {fucomi st0, st1}, {fcmovbe st0, st2}
    X87CASE "fcmovu after fucomi 1,2", {SET80 0, 0x3fff, 0x8000000000000000}, {SET80 16, 0x4000, 0x8000000000000000}, fninit, fldpi, fld tword [ebx + 16], fld tword [ebx], {fucomi st0, st1}, {fcmovu st0, st2}
    X87CASE "fcmovnb after fucomi 1,2", {SET80 0, 0x3fff, 0x8000000000000000}, {SET80 16, 0x4000, 0x8000000000000000}, fninit, fldpi, fld tword [ebx + 16], fld tword [ebx], {fucomi st0, st1}, {fcmovnb st0, st2}
    X87CASE "fcmovne after fucomi 1,2", {SET80 0, 0x3fff, 0x8000000000000000}, {SET80 16, 0x4000, 0x8000000000000000}, fninit, fldpi, fld tword [ebx + 16], fld tword [ebx], {fucomi st0, st1}, {fcmovne st0, st2}
    X87CASE "fcmovnbe after fucomi 1,2", {SET80 0, 0x3fff, 0x8000000000000000}, {SET80 16, 0x4000, 0x8000000000000000}, fninit, fldpi, fld tword [ebx + 16], fld tword [ebx], {fucomi st0, st1}, {fcmovnbe st0, st2}
    X87CASE "fcmovnu after fucomi 1,2", {SET80 0, 0x3fff, 0x8000000000000000}, {SET80 16, 0x4000, 0x8000000000000000}, fninit, fldpi, fld tword [ebx + 16], fld tword [ebx], {fucomi st0, st1}, {fcmovnu st0, st2}
    X87CASE "fcmovb after fucomi 1,1", {SET80 0, 0x3fff, 0x8000000000000000}, {SET80 16, 0x3fff, 0x8000000000000000}, fninit, fldpi, fld tword [ebx + 16], fld tword [ebx], {fucomi st0, st1}, {fcmovb st0, st2}
    X87CASE "fcmove after fucomi 1,1", {SET80 0, 0x3fff, 0x8000000000000000}, {SET80 16, 0x3fff, 0x8000000000000000}, fninit, fldpi, fld tword [ebx + 16], fld tword [ebx], {fucomi st0, st1}, {fcmove st0, st2}
    X87CASE "fcmovbe after fucomi 1,1", {SET80 0, 0x3fff, 0x8000000000000000}, {SET80 16, 0x3fff, 0x8000000000000000}, fninit, fldpi, fld tword [ebx + 16], fld tword [ebx], {fucomi st0, st1}, {fcmovbe st0, st2}
    X87CASE "fcmovu after fucomi 1,1", {SET80 0, 0x3fff, 0x8000000000000000}, {SET80 16, 0x3fff, 0x8000000000000000}, fninit, fldpi, fld tword [ebx + 16], fld tword [ebx], {fucomi st0, st1}, {fcmovu st0, st2}
    X87CASE "fcmovnb after fucomi 1,1", {SET80 0, 0x3fff, 0x8000000000000000}, {SET80 16, 0x3fff, 0x8000000000000000}, fninit, fldpi, fld tword [ebx + 16], fld tword [ebx], {fucomi st0, st1}, {fcmovnb st0, st2}
    X87CASE "fcmovne after fucomi 1,1", {SET80 0, 0x3fff, 0x8000000000000000}, {SET80 16, 0x3fff, 0x8000000000000000}, fninit, fldpi, fld tword [ebx + 16], fld tword [ebx], {fucomi st0, st1}, {fcmovne st0, st2}
    X87CASE "fcmovnbe after fucomi 1,1", {SET80 0, 0x3fff, 0x8000000000000000}, {SET80 16, 0x3fff, 0x8000000000000000}, fninit, fldpi, fld tword [ebx + 16], fld tword [ebx], {fucomi st0, st1}, {fcmovnbe st0, st2}
    X87CASE "fcmovnu after fucomi 1,1", {SET80 0, 0x3fff, 0x8000000000000000}, {SET80 16, 0x3fff, 0x8000000000000000}, fninit, fldpi, fld tword [ebx + 16], fld tword [ebx], {fucomi st0, st1}, {fcmovnu st0, st2}
    X87CASE "fcmovb after fucomi 2,1", {SET80 0, 0x4000, 0x8000000000000000}, {SET80 16, 0x3fff, 0x8000000000000000}, fninit, fldpi, fld tword [ebx + 16], fld tword [ebx], {fucomi st0, st1}, {fcmovb st0, st2}
    X87CASE "fcmove after fucomi 2,1", {SET80 0, 0x4000, 0x8000000000000000}, {SET80 16, 0x3fff, 0x8000000000000000}, fninit, fldpi, fld tword [ebx + 16], fld tword [ebx], {fucomi st0, st1}, {fcmove st0, st2}
    X87CASE "fcmovbe after fucomi 2,1", {SET80 0, 0x4000, 0x8000000000000000}, {SET80 16, 0x3fff, 0x8000000000000000}, fninit, fldpi, fld tword [ebx + 16], fld tword [ebx], {fucomi st0, st1}, {fcmovbe st0, st2}
    X87CASE "fcmovu after fucomi 2,1", {SET80 0, 0x4000, 0x8000000000000000}, {SET80 16, 0x3fff, 0x8000000000000000}, fninit, fldpi, fld tword [ebx + 16], fld tword [ebx], {fucomi st0, st1}, {fcmovu st0, st2}
    X87CASE "fcmovnb after fucomi 2,1", {SET80 0, 0x4000, 0x8000000000000000}, {SET80 16, 0x3fff, 0x8000000000000000}, fninit, fldpi, fld tword [ebx + 16], fld tword [ebx], {fucomi st0, st1}, {fcmovnb st0, st2}
    X87CASE "fcmovne after fucomi 2,1", {SET80 0, 0x4000, 0x8000000000000000}, {SET80 16, 0x3fff, 0x8000000000000000}, fninit, fldpi, fld tword [ebx + 16], fld tword [ebx], {fucomi st0, st1}, {fcmovne st0, st2}
    X87CASE "fcmovnbe after fucomi 2,1", {SET80 0, 0x4000, 0x8000000000000000}, {SET80 16, 0x3fff, 0x8000000000000000}, fninit, fldpi, fld tword [ebx + 16], fld tword [ebx], {fucomi st0, st1}, {fcmovnbe st0, st2}
    X87CASE "fcmovnu after fucomi 2,1", {SET80 0, 0x4000, 0x8000000000000000}, {SET80 16, 0x3fff, 0x8000000000000000}, fninit, fldpi, fld tword [ebx + 16], fld tword [ebx], {fucomi st0, st1}, {fcmovnu st0, st2}
    X87CASE "fcmovb after fucomi qnan,1", {SET80 0, 0x7fff, 0xc000000000000000}, {SET80 16, 0x3fff, 0x8000000000000000}, fninit, fldpi, fld tword [ebx + 16], fld tword [ebx], {fucomi st0, st1}, {fcmovb st0, st2}
    X87CASE "fcmove after fucomi qnan,1", {SET80 0, 0x7fff, 0xc000000000000000}, {SET80 16, 0x3fff, 0x8000000000000000}, fninit, fldpi, fld tword [ebx + 16], fld tword [ebx], {fucomi st0, st1}, {fcmove st0, st2}
    X87CASE "fcmovbe after fucomi qnan,1", {SET80 0, 0x7fff, 0xc000000000000000}, {SET80 16, 0x3fff, 0x8000000000000000}, fninit, fldpi, fld tword [ebx + 16], fld tword [ebx], {fucomi st0, st1}, {fcmovbe st0, st2}
    X87CASE "fcmovu after fucomi qnan,1", {SET80 0, 0x7fff, 0xc000000000000000}, {SET80 16, 0x3fff, 0x8000000000000000}, fninit, fldpi, fld tword [ebx + 16], fld tword [ebx], {fucomi st0, st1}, {fcmovu st0, st2}
    X87CASE "fcmovnb after fucomi qnan,1", {SET80 0, 0x7fff, 0xc000000000000000}, {SET80 16, 0x3fff, 0x8000000000000000}, fninit, fldpi, fld tword [ebx + 16], fld tword [ebx], {fucomi st0, st1}, {fcmovnb st0, st2}
    X87CASE "fcmovne after fucomi qnan,1", {SET80 0, 0x7fff, 0xc000000000000000}, {SET80 16, 0x3fff, 0x8000000000000000}, fninit, fldpi, fld tword [ebx + 16], fld tword [ebx], {fucomi st0, st1}, {fcmovne st0, st2}
    X87CASE "fcmovnbe after fucomi qnan,1", {SET80 0, 0x7fff, 0xc000000000000000}, {SET80 16, 0x3fff, 0x8000000000000000}, fninit, fldpi, fld tword [ebx + 16], fld tword [ebx], {fucomi st0, st1}, {fcmovnbe st0, st2}
    X87CASE "fcmovnu after fucomi qnan,1", {SET80 0, 0x7fff, 0xc000000000000000}, {SET80 16, 0x3fff, 0x8000000000000000}, fninit, fldpi, fld tword [ebx + 16], fld tword [ebx], {fucomi st0, st1}, {fcmovnu st0, st2}
    X87CASE "fcmove empty, taken", fninit, fldz, fldz, {fucomi st0, st1}, {fcmove st0, st4}
    X87CASE "fcmovne empty, not taken", fninit, fldz, fldz, {fucomi st0, st1}, {fcmovne st0, st4}
    PRINT32 "x87_cmp: done", 10
    mov al, 0
    call exit32

X87_END
