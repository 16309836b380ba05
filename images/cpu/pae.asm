; pae.asm: PAE paging (CR4.PAE) on a bare pentium2: 4 KiB pages and 2 MiB pages, the
; accessed and dirty bits (in PTEs, in a 2 MiB PDE, the PDE's A bit on the way to a
; not-present PTE), not-present faults at each of the three levels, reserved-bit faults
; (PFEC.RSVD) with their error codes and CR2, CR0.WP, CR4.PSE ignored under PAE, global
; pages (CR4.PGE; toggling it flushes them), a physical address above 4 GiB (nothing
; there: reads all-ones, writes dropped), the PDPTE registers and their reserved bits;
; then PSE-36 (a 4 MiB page above 4 GiB under 32-bit paging), CR4.DE (DR4/DR5 #UD), and
; the machine-check and PAT MSRs. Output compared with QEMU 7.2 (cpu_nasm.sh).
; Lines marked '!' in pae.expected hold what the SDM specifies where QEMU 7.2's TCG
; differs (mmu.c's header lists the cases); each such test prints one line either way:
; - the error code of a reserved-bit fault has P set (QEMU: RSVD alone);
; - the accessed bit of a PDPTE is not set by a walk (QEMU sets it);
; - the PDPTE with bit 1 set and the one with bit 40 set: MOV CR3 raises #GP(0); QEMU
;   loads CR3 ("cr3 loaded") and faults at the access with RSVD, or not at all;
; - a PDPTE changed in memory without a CR3 reload is not seen (QEMU reads memory on
;   every walk);
; - bit 52 of a PTE: reserved under PAE paging (QEMU ignores bits 52-62);
; - bit 17 of a 4 MiB PDE under PSE-36: reserved (QEMU makes it physical bit 36).
; qemu-args: -cpu pentium2,-hypervisor
%include "lib.inc"
%include "pm.inc"
PDPT  equ 0x20000             ; 32-byte aligned; PDPT_B and PDPT_C follow it
PDPT_B equ 0x20020
PDPT_C equ 0x20040
PD0   equ 0x21000             ; linear 0-1 GiB
PT0   equ 0x22000             ; linear 0-2 MiB, 4 KiB pages
PT1   equ 0x23000             ; linear 10-12 MiB, nothing present
PD2   equ 0x24000             ; linear 2-3 GiB (PDPTE 2)
PD32  equ 0x25000             ; 32-bit paging page directory (PSE-36)
bits 16
start:
    jmp pm_enter

bits 32
%macro SHOW 1                 ; print the dword at %1
    mov eax, [%1]
    call hex32_32
    call nl32
%endmacro
%macro SHOW64 1               ; print the qword at %1, high dword first
    mov eax, [%1 + 4]
    call hex32_32
    mov eax, [%1]
    call hex32_32
    call nl32
%endmacro
%macro ZERO 2                 ; zero %2 dwords at %1
    mov edi, %1
    xor eax, eax
    mov ecx, %2
    rep stosd
%endmacro

pm_main:
    PRINT32 "pae: start", 10
    ZERO 0x20000, 0x6000 / 4
    ; PT0: identity map of 0-2 MiB, user, writable
    mov edi, PT0
    mov eax, 0x7
    mov ecx, 512
.pt: mov [edi], eax
    add eax, 0x1000
    add edi, 8
    loop .pt
    mov dword [PT0 + 0x31 * 8], 0x31005       ; user, read-only
    mov dword [PT0 + 0x32 * 8], 0x32006       ; not present
    mov dword [PT0 + 0x34 * 8 + 4], 0x100     ; bit 40: reserved
    mov dword [PT0 + 0x35 * 8 + 4], 0x100000  ; bit 52: reserved under PAE ('!')
    mov dword [PT0 + 0x36 * 8], 0x7           ; physical 0x1_0000_0000
    mov dword [PT0 + 0x36 * 8 + 4], 1
    mov dword [PT0 + 0x37 * 8], 0x37107       ; global
    mov dword [PD0], PT0 | 7
    mov dword [PD0 + 1 * 8], 0x00000087       ; 2 MiB page at 0 (linear 2 MiB)
    mov dword [PD0 + 3 * 8], 0x00002087       ; bit 13 of a 2 MiB PDE: reserved
    mov dword [PD0 + 5 * 8], PT1 | 7          ; A clear, nothing present under it
    mov dword [PD0 + 6 * 8], 0x00000085       ; 2 MiB page, user, read-only
    mov dword [PDPT], PD0 | 1
    mov dword [PD2], 0x00000087               ; linear 2 GiB -> physical 0
    ; PDPT_B: PDPTE 0 with bit 1 set; PDPT_C: PDPTE 3 with bit 40 set
    mov dword [PDPT_B], PD0 | 3
    mov dword [PDPT_C], PD0 | 1
    mov dword [PDPT_C + 3 * 8], PD2 | 1
    mov dword [PDPT_C + 3 * 8 + 4], 0x100
    mov eax, cr4
    or eax, 0x30              ; PAE, PSE
    mov cr4, eax
    mov eax, PDPT
    mov cr3, eax
    mov eax, cr0
    or eax, 0x80000000
    mov cr0, eax
    jmp .on
.on:
    PRINT32 "pae on", 10
    ; 2 MiB alias of physical 0, its A then D bit
    mov dword [0x7000], 0xcafef00d
    SHOW 0x207000
    SHOW PD0 + 8
    mov dword [0x207004], 1
    SHOW PD0 + 8
    SHOW 0x7004
    ; PTE A and D bits
    mov eax, [PT0 + 0x33 * 8]
    call hex32_32
    call nl32
    mov eax, [0x33000]
    SHOW PT0 + 0x33 * 8
    mov dword [0x33000], 7
    SHOW PT0 + 0x33 * 8
    SHOW PD0
    SHOW PDPT                 ; QEMU sets A here too ('!')
    ; not present at each level
    RECOVER n1
    mov eax, [0x32010]
n1: RECOVER n2
    mov dword [0x800123], 5
n2: RECOVER n3
    mov eax, [0x40000000]
n3: RECOVER n4
    mov eax, [0xa01000]       ; PTE not present: the PDE's A bit is set on the way
n4: SHOW PD0 + 5 * 8
    ; reserved bits: bit 40 of a PTE, bit 13 of a 2 MiB PDE
    RECOVER r1
    mov eax, [0x34000]
r1: RECOVER r2
    mov dword [0x600010], 1
r2: RECOVER r3               ; bit 52 of a PTE ('!')
    mov eax, [0x35000]
    PRINT32 "bit 52 ignored", 10
r3: ; write protection: allowed at CPL 0 without WP, #PF with it; a read-only 2 MiB page
    RECOVER w1
    mov dword [0x31000], 0x11
    PRINT32 "ro write ok without WP", 10
    mov eax, cr0
    or eax, 0x10000
    mov cr0, eax
    mov dword [0x31004], 0x22
w1: RECOVER w2
    mov dword [0xc00000], 0x33
w2: mov eax, cr0
    and eax, ~0x10000
    mov cr0, eax
    ; CR4.PSE clear: PS still selects a 2 MiB page under PAE
    mov eax, cr4
    and eax, ~0x10
    mov cr4, eax
    SHOW 0x207000
    ; above 4 GiB: nothing there
    SHOW 0x36000
    mov dword [0x36000], 0x12345678
    SHOW 0x36000
    SHOW PT0 + 0x36 * 8
    ; a global page: remapped once CR4.PGE toggles (that flushes global entries too)
    mov dword [0x37000], 0x3737
    mov dword [0x38000], 0x3838
    mov eax, cr4
    or eax, 0x80
    mov cr4, eax
    SHOW 0x37000
    mov dword [PT0 + 0x37 * 8], 0x38107
    mov eax, cr4
    and eax, ~0x80
    mov cr4, eax
    SHOW 0x37000
    mov dword [PT0 + 0x37 * 8], 0x37107
    invlpg [0x37000]
    SHOW 0x37000
    ; PDPTEs are loaded by MOV CR3: a change in memory is not seen until then ('!')
    mov dword [PDPT + 2 * 8], PD2 | 1
    invlpg [0x80007000]
    RECOVER d1
    mov eax, [0x80007000]
    call hex32_32
    call nl32
d1: mov eax, cr3
    mov cr3, eax
    SHOW 0x80007000
    ; reserved PDPTE bits at MOV CR3 ('!' both)
    RECOVER d2
    mov eax, PDPT_B
    mov cr3, eax
    PRINT32 "cr3 loaded", 10
d2: mov eax, PDPT
    mov cr3, eax
    mov dword [PDPT + 2 * 8], 0
    RECOVER d3
    mov eax, PDPT_C
    mov cr3, eax
    PRINT32 "cr3 loaded", 10
d3: RECOVER d4
    mov eax, [0xc0000000]
    PRINT32 "read ok", 10
d4: mov eax, PDPT
    mov cr3, eax
    mov eax, cr3
    call hex32_32
    call nl32
    ; back to no paging, then PSE-36 under 32-bit paging
    mov eax, cr0
    and eax, 0x7fffffff
    mov cr0, eax
    ZERO PD32, 1024
    mov dword [PD32], 0x00000087              ; 4 MiB at 0
    mov dword [PD32 + 4], 0x00002087          ; 4 MiB at 4 GiB (PDE bit 13 = PA bit 32)
    mov dword [PD32 + 8], 0x00020087          ; PDE bit 17: reserved ('!')
    mov eax, cr4
    and eax, ~0x20
    or eax, 0x10
    mov cr4, eax
    mov eax, PD32
    mov cr3, eax
    mov eax, cr0
    or eax, 0x80000000
    mov cr0, eax
    jmp .pse36
.pse36:
    SHOW 0x400000
    RECOVER p1
    mov eax, [0x800000]
    call hex32_32
    call nl32
p1: mov eax, cr0
    and eax, 0x7fffffff
    mov cr0, eax
    ; CR4.DE: DR4 and DR5 alias DR6 and DR7 without it, #UD with it
    mov eax, dr4
    call hex32_32
    call nl32
    mov eax, cr4
    or eax, 0x8
    mov cr4, eax
    RECOVER e1
    mov eax, dr5
e1: mov eax, cr4
    and eax, ~0x8
    mov cr4, eax
    ; CR4.MCE and the machine-check MSRs; PAT
    mov eax, cr4
    or eax, 0x40
    mov cr4, eax
    mov eax, cr4
    call hex32_32
    call nl32
    mov ebx, LIN(msrs)
.m: mov ecx, [ebx]
    cmp ecx, -1
    je .wr
    call rdmsr_show
    add ebx, 4
    jmp .m
.wr:
    mov ecx, 0x400            ; MC0_CTL: only 0 or all-ones are taken
    mov eax, 5
    xor edx, edx
    wrmsr
    rdmsr
    call hex32_32
    call nl32
    xor eax, eax
    xor edx, edx
    wrmsr
    rdmsr
    call hex32_32
    call nl32
    mov ecx, 0x401            ; MC0_STATUS: any value
    mov eax, 0x123
    mov edx, 0x80000000
    wrmsr
    call rdmsr_show
    mov ecx, 0x277            ; PAT
    mov eax, 0x01040506
    mov edx, 0x00070406
    wrmsr
    rdmsr
    call hex32_32
    call nl32
    PRINT32 "pae: done", 10
    mov al, 0
    jmp exit32

rdmsr_show:                   ; RDMSR of ECX, printed as EDX:EAX
    rdmsr
    xchg eax, edx
    call hex32_32
    mov eax, edx
    call hex32_32
    jmp nl32

msrs: dd 0x179, 0x17a, 0x17b, 0x400, 0x401, 0x402, 0x403, 0x424, 0x427, 0x428, 0x277, -1

ring_gate:
conf_code:
    retf

bits 16
    times 0xfff0-($-$$) db 0
    jmp 0xf000:start
    times 0x10000-($-$$) db 0xff
