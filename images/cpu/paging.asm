; paging.asm: two-level paging. 4 KiB and 4 MiB (CR4.PSE) pages, not-present faults at
; both levels, read-only pages with and without CR0.WP, user/supervisor checks from
; ring 3, #PF error codes and CR2, accessed and dirty bits in PTEs and in a 4 MiB PDE,
; INVLPG and CR3 reloads after changing a mapping. Output compared with QEMU 7.2.
%include "lib.inc"
%include "pm.inc"
PD  equ 0x20000
PT0 equ 0x21000
bits 16
start:
    jmp pm_enter

bits 32
%macro SHOWPTE 1              ; print the PTE of linear page %1
    mov eax, [PT0 + (%1 >> 12) * 4]
    call hex32_32
    call nl32
%endmacro

pm_main:
    PRINT32 "paging: start", 10
    ; page table 0: identity map of 0-4 MiB, user, writable
    mov edi, PT0
    mov eax, 0x7
    mov ecx, 1024
.pt: mov [edi], eax
    add eax, 0x1000
    add edi, 4
    loop .pt
    mov dword [PT0 + 0x30 * 4], 0x30003       ; supervisor only
    mov dword [PT0 + 0x31 * 4], 0x31005       ; user, read-only
    mov dword [PT0 + 0x32 * 4], 0x32006       ; not present
    mov dword [PT0 + 0x33 * 4], 0x33007       ; A/D test page
    ; page directory: PDE 0 -> PT0, PDE 1 = 4 MiB page at physical 0, rest not present
    mov edi, PD
    xor eax, eax
    mov ecx, 1024
    rep stosd
    mov dword [PD], PT0 | 7
    mov dword [PD + 4], 0x00000087
    mov eax, cr4
    or eax, 0x10
    mov cr4, eax
    mov eax, PD
    mov cr3, eax
    mov eax, cr0
    or eax, 0x80000000
    mov cr0, eax
    jmp .flush
.flush:
    PRINT32 "paging on", 10
    ; 4 MiB alias
    mov dword [0x7000], 0xcafef00d
    mov eax, [0x407000]
    call hex32_32
    call nl32
    mov eax, [PD + 4]         ; accessed bit set in the 4 MiB PDE
    call hex32_32
    call nl32
    mov dword [0x407004], 1
    mov eax, [PD + 4]         ; and dirty after a write
    call hex32_32
    call nl32
    ; not present at both levels
    RECOVER p1
    mov eax, [0x32010]
p1: RECOVER p2
    mov dword [0x800123], 5
p2: ; read-only page at CPL 0: allowed without WP, #PF with WP
    RECOVER p3
    mov dword [0x31000], 0x11
    PRINT32 "ro write ok without WP", 10
    mov eax, cr0
    or eax, 0x10000
    mov cr0, eax
    mov dword [0x31004], 0x22
p3: mov eax, cr0
    and eax, ~0x10000
    mov cr0, eax
    ; accessed and dirty bits
    SHOWPTE 0x33000
    mov eax, [0x33000]
    SHOWPTE 0x33000
    mov dword [0x33000], 7
    SHOWPTE 0x33000
    and dword [PT0 + 0x33 * 4], ~0x60
    invlpg [0x33000]
    mov dword [0x33008], 9    ; a write sets A and D together
    SHOWPTE 0x33000
    ; remap 0x34000 to 0x35000: INVLPG makes it visible
    mov dword [0x35000], 0x3535
    mov dword [0x34000], 0x3434
    mov eax, [0x34000]
    mov dword [PT0 + 0x34 * 4], 0x35007
    invlpg [0x34000]
    mov eax, [0x34000]
    call hex32_32
    call nl32
    mov dword [PT0 + 0x34 * 4], 0x34007
    mov eax, cr3
    mov cr3, eax              ; CR3 reload flushes too
    mov eax, [0x34000]
    call hex32_32
    call nl32
    ; ring 3
    RECOVER back0
    push dword SEL_D3
    push dword STACK3
    push dword 0x2
    push dword SEL_C3
    push dword LIN(ring3)
    iretd
back0:
    RECOVER back1
    push dword SEL_D3
    push dword STACK3
    push dword 0x2
    push dword SEL_C3
    push dword LIN(ring3b)
    iretd
back1:
    RECOVER back2
    push dword SEL_D3
    push dword STACK3
    push dword 0x2
    push dword SEL_C3
    push dword LIN(ring3c)
    iretd
back2:
    ; page fault while delivering through a not-present IDT page is a double fault: skip
    mov eax, cr0
    and eax, 0x7fffffff
    mov cr0, eax
    PRINT32 "paging: done", 10
    mov al, 0
    jmp exit32

ring3:
    mov ax, SEL_D3
    mov ds, ax
    mov es, ax
    mov eax, [0x7000]         ; user page: fine
    call hex32_32
    call nl32
    mov eax, [0x30000]        ; supervisor page: #PF err 5
ring3b:
    mov ax, SEL_D3
    mov ds, ax
    mov dword [0x31008], 1    ; read-only page: #PF err 7
ring3c:
    mov ax, SEL_D3
    mov ds, ax
    mov dword [0x32000], 1    ; not present: #PF err 6
ring_gate:
conf_code:
    retf

bits 16
    times 0xfff0-($-$$) db 0
    jmp 0xf000:start
    times 0x10000-($-$$) db 0xff
