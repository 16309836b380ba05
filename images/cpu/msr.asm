; msr.asm: RDMSR and WRMSR on every MSR QEMU 7.2's TCG handles for pcemu's CPU model and
; on MSRs Linux and memtest86+ touch on a P6 (microcode revision 0x8B, platform id,
; performance counters, machine check, MTRRs, PAT, the 64-bit-only and SVM MSRs, the
; x2APIC range, unassigned numbers). For each: the value read, then a write of the
; table's value (its #GP, if any), then the value read back. The TSC (0x10): a write does
; not move RDTSC and RDMSR reads 0, both as QEMU 7.2's TCG. Output compared with QEMU 7.2
; (cpu_nasm.sh).
; qemu-args: -cpu pentium2,-fpu,-mmx,-apic,-pae,-mce,-mca,-vme,-de,-fxsr,-pse36,-hypervisor
%include "lib.inc"
%include "pm.inc"
bits 16
start:
    jmp pm_enter

bits 32
pm_main:
    PRINT32 "msr: start", 10
    mov ebx, LIN(msrs)
.next:
    cmp dword [ebx], 0xdeadbeef
    je .tsc
    PRINT32 "msr "
    mov eax, [ebx]
    call hex32_32
    PRINT32 " rd "
    RECOVER .wr
    mov ecx, [ebx]
    rdmsr
    call show64
.wr:
    PRINT32 " wr "
    RECOVER .rd2
    mov ecx, [ebx]
    mov eax, [ebx + 4]
    mov edx, [ebx + 8]
    wrmsr
    PRINT32 "ok"
.rd2:
    PRINT32 " rd "
    RECOVER .end
    mov ecx, [ebx]
    rdmsr
    call show64
    call nl32
.end:
    add ebx, 12
    jmp .next

.tsc:
    ; the TSC: a WRMSR of a value far below the current count must not move RDTSC back
    rdtsc
    mov esi, eax
    mov edi, edx
    mov ecx, 0x10
    xor eax, eax
    xor edx, edx
    wrmsr
    rdtsc
    sub eax, esi
    sbb edx, edi
    mov eax, 0
    setns al
    PRINT32 "rdtsc after wrmsr 10 not below "
    call hex32_32
    call nl32
    PRINT32 "msr: done", 10
    mov al, 0
    call exit32

show64:                        ; EDX:EAX as 16 hex digits
    push eax
    mov eax, edx
    call hex32_32
    pop eax
    call hex32_32
    ret

%macro M 3                     ; MSR, value written (low, high)
    dd %1, %2, %3
%endmacro
msrs:
    M 0x00000000, 0x12345678, 0           ; P5 machine check address
    M 0x00000001, 0x12345678, 0           ; P5 machine check type
    M 0x00000010, 0x00000000, 0           ; TSC
    M 0x00000017, 0x12345678, 0           ; platform id
    M 0x0000001b, 0xfee00800, 0           ; APIC base (no APIC)
    M 0x0000002a, 0x12345678, 0           ; EBL_CR_POWERON
    M 0x00000034, 0x12345678, 0           ; SMI count
    M 0x00000035, 0x12345678, 0           ; core and thread count
    M 0x0000003a, 0x00000005, 0           ; feature control
    M 0x00000079, 0x00000000, 0           ; BIOS update trigger
    M 0x0000008b, 0x00000000, 0           ; BIOS_SIGN_ID (microcode revision)
    M 0x000000c1, 0x00001234, 0           ; PMC0
    M 0x000000c2, 0x00001234, 0           ; PMC1
    M 0x000000e7, 0x00001234, 0           ; MPERF
    M 0x000000e8, 0x00001234, 0           ; APERF
    M 0x000000fe, 0x00000000, 0           ; MTRRcap
    M 0x00000119, 0x00000001, 0           ; BBL_CR_CTL
    M 0x0000011e, 0x00000001, 0           ; BBL_CR_CTL3
    M 0x00000174, 0x12345678, 0x9abcdef0  ; SYSENTER_CS
    M 0x00000175, 0x12345678, 0x9abcdef0  ; SYSENTER_ESP
    M 0x00000176, 0x12345678, 0x9abcdef0  ; SYSENTER_EIP
    M 0x00000179, 0x00000001, 0           ; MCG_CAP
    M 0x0000017a, 0x00000005, 0x00000001  ; MCG_STATUS
    M 0x0000017b, 0xffffffff, 0xffffffff  ; MCG_CTL
    M 0x00000186, 0x00430076, 0           ; PERFEVTSEL0
    M 0x00000187, 0x00430076, 0           ; PERFEVTSEL1
    M 0x00000198, 0x12345678, 0           ; PERF_STATUS
    M 0x00000199, 0x00000600, 0           ; PERF_CTL
    M 0x0000019a, 0x00000000, 0           ; CLOCK_MODULATION
    M 0x0000019b, 0x00000000, 0           ; THERM_INTERRUPT
    M 0x0000019c, 0x00000000, 0           ; THERM_STATUS
    M 0x000001a0, 0x00000801, 0           ; MISC_ENABLE
    M 0x000001d9, 0x00000001, 0           ; DEBUGCTL
    M 0x000001db, 0x00000000, 0           ; LASTBRANCHFROMIP
    M 0x00000200, 0x00000006, 0x00000000  ; MTRRphysBase0
    M 0x00000201, 0xfc000800, 0x0000000f  ; MTRRphysMask0
    M 0x0000020e, 0x12345006, 0x00000000  ; MTRRphysBase7
    M 0x0000020f, 0xfff00800, 0x00000000  ; MTRRphysMask7
    M 0x00000210, 0x00000006, 0           ; past the variable MTRRs
    M 0x00000250, 0x06060606, 0x06060606  ; MTRRfix64K_00000
    M 0x00000258, 0x06060606, 0x06060606  ; MTRRfix16K_80000
    M 0x00000259, 0x00000000, 0x00000000  ; MTRRfix16K_A0000
    M 0x00000268, 0x05050505, 0x05050505  ; MTRRfix4K_C0000
    M 0x0000026f, 0x05050505, 0x05050505  ; MTRRfix4K_F8000
    M 0x00000277, 0x00010506, 0x00070104  ; PAT
    M 0x000002ff, 0x00000c06, 0           ; MTRRdefType
    M 0x00000400, 0xffffffff, 0xffffffff  ; MC0_CTL
    M 0x00000401, 0x00000000, 0           ; MC0_STATUS
    M 0x000006e1, 0x00000001, 0           ; PKRS
    M 0x000006e1, 0x00000000, 1           ; PKRS, high half set
    M 0x00000800, 0x00000000, 0           ; x2APIC range
    M 0x00000802, 0x00000000, 0           ; x2APIC id
    M 0x0000080f, 0x000001ff, 0           ; x2APIC SVR
    M 0x00000d90, 0x00001000, 0           ; BNDCFGS
    M 0x40000000, 0x00000000, 0           ; KVM / Hyper-V range
    M 0x4b564d00, 0x00000000, 0           ; KVM wall clock
    M 0xc0000080, 0x00000d01, 0           ; EFER
    M 0xc0000081, 0x12345678, 0x00230010  ; STAR
    M 0xc0000082, 0x12345678, 0           ; LSTAR
    M 0xc0000100, 0x12345678, 0           ; FS base
    M 0xc0000102, 0x12345678, 0           ; kernel GS base
    M 0xc0000103, 0x12345678, 0           ; TSC_AUX
    M 0xc0010015, 0x00000000, 0           ; AMD HWCR
    M 0xc0010117, 0x00012000, 0           ; VM_HSAVE_PA
    M 0xc0010117, 0x00012345, 0           ; VM_HSAVE_PA, not page-aligned
    M 0xc0010117, 0x00000000, 1           ; VM_HSAVE_PA, above 4 GiB
    M 0xffffffff, 0x00000000, 0           ; the last number
    dd 0xdeadbeef

ring_gate:                    ; pm.inc's gates point here; this program uses neither
conf_code:
    jmp unexpected
    times 0xfff0-($-$$) db 0
bits 16
    jmp 0xf000:start
    times 0x10000-($-$$) db 0xff
