; gdb_guest.asm: a 64 KiB -bios program for tests/scripts/gdbstub.sh. Flat 32-bit protected
; mode, then paging: the first 4 MiB identity-mapped with 4 KiB pages, and linear
; 0x40000000 mapped to physical 0x200000, where the program writes "pcemu-gdb". Then ten
; rounds of the loop at `count` (EBX counts 1..10, EAX sums them, ECX holds the round's
; EBX * 3, `stored` writes EBX to linear 0x40000010 for watchpoints), each printing
; "round N" on COM1 (N = EBX as a digit pair), then "done" and a halt with interrupts off. The script puts breakpoints at the linear addresses nasm's
; map file gives for `count` and `printed`.
%include "bios_pm.inc"
        BIOS_PM_ENTRY
PD      equ 0x10000
PT0     equ 0x11000
PT1     equ 0x12000
        ; page directory: entry 0 -> PT0 (identity 0-4 MiB), entry 256 (0x40000000) -> PT1
        mov edi, PD
        xor eax, eax
        mov ecx, 3 * 1024
        rep stosd
        mov dword [PD], PT0 | 3
        mov dword [PD + 256 * 4], PT1 | 3
        mov edi, PT0
        mov eax, 3
.pt:    mov [edi], eax
        add eax, 0x1000
        add edi, 4
        cmp edi, PT0 + 4096
        jb .pt
        mov dword [PT1], 0x200000 | 3
        mov eax, PD
        mov cr3, eax
        mov eax, cr0
        or eax, 0x80000000
        mov cr0, eax
        jmp paged
paged:  mov esi, BASE + marker
        mov edi, 0x40000000
        mov ecx, marker_end - marker
        rep movsb
        xor eax, eax
        xor ebx, ebx
count:  inc ebx
        add eax, ebx
        lea ecx, [ebx + ebx * 2]
stored: mov [0x40000010], ebx
        mov dl, 'r'
        call putc
        mov dl, 'o'
        call putc
        mov dl, 'u'
        call putc
        mov dl, 'n'
        call putc
        mov dl, 'd'
        call putc
        mov dl, ' '
        call putc
        push eax
        mov eax, ebx
        mov dl, 10
        div dl
        mov dl, al
        add dl, '0'
        call putc
        mov dl, ah
        add dl, '0'
        call putc
        pop eax
        mov dl, 10
        call putc
printed: cmp ebx, 10
        jne count
        mov dl, 'd'
        call putc
        mov dl, 'o'
        call putc
        mov dl, 'n'
        call putc
        mov dl, 'e'
        call putc
        mov dl, 10
        call putc
        cli
        hlt
putc:   push eax
        push edx
        mov dx, 0x3F8
        pop eax
        push eax
        out dx, al
        pop edx
        pop eax
        ret
marker: db "pcemu-gdb", 0
marker_end:
        BIOS_PM_TAIL
