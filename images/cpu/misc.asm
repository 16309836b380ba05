; misc.asm: instructions the other programs leave out, in 32-bit protected mode:
; CMPXCHG8B (equal, not equal, register operand), LAHF/SAHF, RDMSR/WRMSR on the SYSENTER
; MSRs, MTRRdefType and the APIC base (no APIC: QEMU's 0x100, writes ignored), RDTSC counting up, LMSW/SMSW/CLTS, WBINVD/INVD, the 0F 18 hints
; (NOPs as in QEMU 7.2, #UD for /0-/3 with a register operand), LSS, REP OUTSB, and
; a SYSEXIT to ring 3 and SYSENTER back. Output compared with QEMU 7.2 (cpu_nasm.sh).
; The other MSRs: msr.asm. Not here, as QEMU 7.2's TCG differs from the CPU (pcemu
; follows the SDM): the flags other than ZF after CMPXCHG8B (unchanged on the CPU; QEMU 7.2's helper computes
; them from a stale lazy-flags state, e.g. 0x91 where 0x04 was expected).
; qemu-args: -cpu pentium2,-mmx,-apic,-pae,-mce,-mca,-vme,-de,-fxsr,-pse36,-hypervisor
%include "lib.inc"
%include "pm.inc"
bits 16
start:
    jmp pm_enter

%macro SHOW 1                 ; print EAX under a label
    PRINT32 %1, " "
    call hex32_32
    call nl32
%endmacro

bits 32
pm_main:
    PRINT32 "misc: start", 10
    ; ---- CMPXCHG8B ----
    mov dword [scratch], 0x11111111
    mov dword [scratch + 4], 0x22222222
    mov eax, 0x11111111
    mov edx, 0x22222222
    mov ebx, 0x33333333
    mov ecx, 0x44444444
    cmpxchg8b [scratch]
    pushfd
    pop esi
    mov eax, [scratch]
    SHOW "cx8 equal lo"
    mov eax, [scratch + 4]
    SHOW "cx8 equal hi"
    mov eax, esi
    and eax, 0x40             ; ZF only: see the header
    SHOW "cx8 equal zf"
    xor eax, eax
    xor edx, edx
    cmpxchg8b [scratch]
    pushfd
    pop esi
    SHOW "cx8 differ eax"
    mov eax, edx
    SHOW "cx8 differ edx"
    mov eax, esi
    and eax, 0x40
    SHOW "cx8 differ zf"
    RECOVER t1
    db 0x0f, 0xc7, 0xc8       ; cmpxchg8b eax: #UD
t1:
    ; ---- LAHF/SAHF ----
    mov eax, 0x0000d700
    sahf
    mov eax, 0
    lahf
    SHOW "lahf after sahf d7"
    mov eax, 0x00000000
    sahf
    lahf
    SHOW "lahf after sahf 00"
    ; ---- MSRs ----
    mov ecx, 0x174
    mov eax, SEL_C32
    xor edx, edx
    wrmsr
    mov ecx, 0x175
    mov eax, STACK0 - 0x100
    wrmsr
    mov ecx, 0x176
    mov eax, LIN(sys_entry)
    wrmsr
    mov ecx, 0x2ff
    mov eax, 0x806
    wrmsr
    mov ecx, 0x174
    rdmsr
    SHOW "msr 174"
    mov ecx, 0x175
    rdmsr
    SHOW "msr 175"
    mov ecx, 0x176
    rdmsr
    sub eax, LIN(sys_entry)
    SHOW "msr 176 - sys_entry"
    mov ecx, 0x2ff
    rdmsr
    SHOW "msr 2ff"
    mov ecx, 0x1b           ; APIC base without an APIC: the BSP bit, writes ignored
    rdmsr
    SHOW "msr 1b"
    mov eax, 0xfee00900
    xor edx, edx
    wrmsr
    rdmsr
    SHOW "msr 1b after wrmsr"
    ; ---- RDTSC ----
    rdtsc
    mov esi, eax
    mov edi, edx
    mov ecx, 100
.spin:
    loop .spin
    rdtsc
    sub eax, esi
    sbb edx, edi
    mov eax, 0
    setg al                   ; later reading is larger (EDX:EAX difference > 0)
    jl .tsc_done
    jg .tsc_done
    ; equal high halves: compare low
    mov al, 1
.tsc_done:
    SHOW "rdtsc counts up"
    ; ---- LMSW/SMSW/CLTS ----
    mov eax, 0
    smsw ax
    SHOW "smsw"
    mov ax, 0x0009            ; PE and TS
    lmsw ax
    mov eax, 0
    smsw ax
    SHOW "smsw after lmsw ts"
    clts
    mov eax, 0
    smsw ax
    SHOW "smsw after clts"
    mov ax, 0x0000            ; LMSW cannot clear PE
    lmsw ax
    mov eax, cr0
    and eax, 0x8000001f
    SHOW "cr0 after lmsw 0"
    ; ---- WBINVD/INVD ----
    wbinvd
    invd
    PRINT32 "wbinvd invd ok", 10
    ; ---- 0F 18 hints (PREFETCHh on memory, reserved NOP otherwise) ----
    RECOVER t2
    db 0x0f, 0x18, 0x05       ; prefetchnta [disp32]
    dd scratch
    db 0x0f, 0x18, 0x1d       ; prefetcht2 [disp32]
    dd scratch
    db 0x0f, 0x18, 0xe0       ; 0F 18 /4, register form: NOP
    db 0x0f, 0x18, 0x38       ; 0F 18 /7 [eax]: NOP
    PRINT32 "hint nops ok", 10
t2:
    RECOVER t3
    db 0x0f, 0x18, 0xc0       ; 0F 18 /0, register form
    PRINT32 "0f 18 c0 no fault", 10
t3:
    ; ---- LSS ----
    mov dword [scratch + 8], 0x8ff0
    mov word [scratch + 12], SEL_D32
    mov ebp, esp
    lss esp, [scratch + 8]
    mov eax, esp
    mov esp, ebp
    SHOW "lss esp"
    ; ---- REP OUTSB ----
    mov esi, LIN(outs_text)
    mov ecx, outs_end - outs_text
    mov dx, DBG
    cld
    rep outsb
    mov eax, ecx
    SHOW "outs ecx"
    ; ---- SYSEXIT to ring 3, SYSENTER back ----
    mov ecx, STACK3
    mov edx, LIN(ring3)
    sysexit
ring3:
    mov eax, cs
    SHOW "ring 3 cs"
    mov eax, ss
    SHOW "ring 3 ss"
    mov eax, esp
    SHOW "ring 3 esp"
    sysenter
sys_entry:
    mov eax, cs
    SHOW "sysenter cs"
    mov eax, ss
    SHOW "sysenter ss"
    mov eax, esp
    SHOW "sysenter esp"
    pushfd
    pop eax
    and eax, 0x200
    SHOW "sysenter if"
    PRINT32 "misc: done", 10
    mov al, 0
    call exit32
outs_text:
    db "outs ok", 10
outs_end:
ring_gate:                    ; pm.inc's gates point here; this program uses neither
conf_code:
    jmp unexpected
    times 0xfff0-($-$$) db 0
bits 16
    jmp 0xf000:start
    times 0x10000-($-$$) db 0xff
