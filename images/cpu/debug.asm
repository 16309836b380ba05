; debug.asm: the debug registers in 32-bit protected mode: an instruction breakpoint (DR0,
; a fault before the instruction; the handler sets RF in the saved EFLAGS and the
; instruction then runs once), a disabled breakpoint that must not fire, a data write
; breakpoint (DR1, 4 bytes; a trap after the writing instruction, also for a write that
; only overlaps it, none for one just past it), a read/write breakpoint
; (DR2, 2 bytes) hit by a read, a write breakpoint inside a REP STOSD (the trap comes after
; the iteration that wrote there, the REP instruction resumes). The #DB handler prints
; DR6, the saved EIP, the saved EFLAGS.RF and ECX, then clears DR6. Output compared with
; QEMU 7.2 (cpu_nasm.sh). Not here: DR7.GD (general detect), which QEMU 7.2's TCG does not
; model (test_cpu_sys.c checks pcemu's, after the SDM).
; qemu-args: -cpu pentium2,-mmx,-apic,-pae,-mce,-mca,-vme,-de,-fxsr,-pse36,-hypervisor
%include "lib.inc"
%include "pm.inc"
bits 16
start:
    jmp pm_enter

WVAR   equ 0x800
RVAR   equ 0x810
BUF    equ 0x900
COUNT  equ 0x7f0              ; #DB entries

bits 32
pm_main:
    PRINT32 "debug: start", 10
    mov eax, LIN(db_handler)  ; vector 1: the handler below (interrupt gate)
    mov word [IDT_RAM + 8], ax
    shr eax, 16
    mov word [IDT_RAM + 8 + 6], ax
    mov dword [COUNT], 0

    ; ---- instruction breakpoint, DR0 ----
    PRINT32 "ibp", 10
    mov eax, LIN(ibp_target)
    mov dr0, eax
    mov eax, 0x00000001       ; L0, RW0 = 00 (execute), LEN0 = 00
    mov dr7, eax
    xor ebx, ebx
ibp_target:
    inc ebx
    inc ebx
    mov eax, ebx
    PRINT32 "ibp ebx "
    call hex32_32
    call nl32

    ; ---- disabled: DR3 set, L3 = G3 = 0 ----
    mov eax, LIN(off_target)
    mov dr3, eax
    xor eax, eax
    mov dr7, eax
off_target:
    nop
    mov eax, dr6
    PRINT32 "disabled dr6 "
    call hex32_32
    call nl32

    ; ---- data write breakpoint, DR1, 4 bytes ----
    PRINT32 "wbp", 10
    mov eax, WVAR
    mov dr1, eax
    mov eax, 0x00d00004       ; L1, RW1 = 01 (write), LEN1 = 11 (4 bytes)
    mov dr7, eax
    mov eax, [WVAR]           ; a read: nothing
    mov dword [WVAR], 0x1234  ; the write: trap after it
wbp_after:
    nop
    mov word [WVAR + 2], 7    ; overlapping write: trap
wbp_after2:
    nop
    mov byte [WVAR + 4], 9    ; just past it: nothing
    nop

    ; ---- read/write breakpoint, DR2, 2 bytes ----
    PRINT32 "rbp", 10
    mov eax, RVAR
    mov dr2, eax
    mov eax, 0x07000010       ; L2, RW2 = 11 (read or write), LEN2 = 01 (2 bytes)
    mov dr7, eax
    mov eax, [RVAR - 4]       ; before it: nothing
    movzx eax, byte [RVAR + 1] ; a read of its second byte: trap
rbp_after:
    nop

    ; ---- a REP STOSD across the write breakpoint ----
    PRINT32 "rep", 10
    mov eax, BUF + 0x20
    mov dr1, eax
    mov eax, 0x00d00004       ; L1, write, 4 bytes
    mov dr7, eax
    mov edi, BUF
    mov ecx, 16
    mov eax, 0x5a5a5a5a
    cld
rep_insn:
    rep stosd
rep_after:
    mov eax, ecx
    PRINT32 "rep done ecx "
    call hex32_32
    call nl32
    mov eax, edi
    PRINT32 "rep done edi "
    call hex32_32
    call nl32

    xor eax, eax
    mov dr7, eax
    mov eax, [COUNT]
    PRINT32 "db entries "
    call hex32_32
    call nl32
    PRINT32 "debug: done", 10
    mov al, 0
    call exit32

; #DB: print DR6, the saved EIP relative to the labels above, RF of the saved EFLAGS, ECX
db_handler:
    push eax
    inc dword [COUNT]
    cmp dword [COUNT], 20
    jb .ok
    xor eax, eax              ; runaway: breakpoints off
    mov dr7, eax
    PRINT32 "too many #DB", 10
    mov al, 1
    call exit32
.ok:
    mov eax, dr6
    PRINT32 "DB dr6 "
    call hex32_32
    PRINT32 " eip "
    mov eax, [esp + 4]
    call hex32_32
    PRINT32 " rf "
    mov eax, [esp + 12]
    shr eax, 16
    and eax, 1
    call hex32_32
    PRINT32 " ecx "
    mov eax, ecx
    call hex32_32
    call nl32
    xor eax, eax
    mov dr6, eax
    mov eax, [esp + 4]        ; an instruction breakpoint would fire again: set RF
    cmp eax, LIN(ibp_target)
    jne .iret
    or dword [esp + 12], 0x10000
.iret:
    pop eax
    iretd

ring_gate:                    ; pm.inc's gates point here; this program uses neither
conf_code:
    jmp unexpected
    times 0xfff0-($-$$) db 0
bits 16
    jmp 0xf000:start
    times 0x10000-($-$$) db 0xff
