; mbinfo.asm: a multiboot kernel (Multiboot 0.6.96, the a.out kludge: header flag 16 with
; the load addresses) for tests/scripts/kernel_boot.sh. Booted with -kernel by QEMU's
; multiboot_dma.bin, it prints on COM1 what the boot loader handed over: the magic in EAX,
; the multiboot information structure (flags, mem_lower/mem_upper, boot device, command
; line, boot loader name), every module (start, end, string and its first 16 bytes) and
; the memory map, checks that its bss was zeroed, then "MBINFO done" and halts with
; interrupts off. Nothing here depends on time, so the output is the same on every run.
        bits 32
        org 0x100000
LOAD    equ 0x100000
COM1    equ 0x3F8
MB_FLAGS equ 0x00010003         ; modules page-aligned, memory info wanted, address fields

header: dd 0x1BADB002
        dd MB_FLAGS
        dd -(0x1BADB002 + MB_FLAGS)
        dd header               ; header_addr
        dd LOAD                 ; load_addr
        dd load_end             ; load_end_addr
        dd bss_end              ; bss_end_addr: the loader zeroes [load_end, bss_end)
        dd start                ; entry_addr

start:  mov esp, stack_top
        mov [magic], eax
        mov [mbi], ebx
        mov esi, s_magic
        call puts
        mov eax, [magic]
        call puthex
        mov esi, s_mbi
        call puts
        mov eax, [mbi]
        call puthex
        call nl

        mov ebx, [mbi]
        mov esi, s_flags
        call puts
        mov eax, [ebx]
        call puthex
        mov esi, s_mem
        call puts
        mov eax, [ebx + 4]
        call puthex
        mov al, ' '
        call putc
        mov eax, [ebx + 8]
        call puthex
        mov esi, s_bootdev
        call puts
        mov eax, [ebx + 12]
        call puthex
        call nl

        mov esi, s_cmdline
        call puts
        mov esi, [ebx + 16]
        call putq
        call nl
        mov esi, s_loader
        call puts
        mov esi, [ebx + 64]
        call putq
        call nl

        ; modules: count, then start, end, string and the first 16 bytes of each
        mov esi, s_mods
        call puts
        mov ecx, [ebx + 20]
        mov eax, ecx
        call puthex
        call nl
        mov edi, [ebx + 24]
.mod:   test ecx, ecx
        jz .mmap
        mov esi, s_mod
        call puts
        mov eax, [edi]
        call puthex
        mov al, '-'
        call putc
        mov eax, [edi + 4]
        call puthex
        mov al, ' '
        call putc
        mov esi, [edi + 8]
        call putq
        mov esi, s_data
        call puts
        mov esi, [edi]
        mov edx, [edi + 4]
        sub edx, esi
        cmp edx, 16
        jbe .few
        mov edx, 16
.few:   test edx, edx
        jz .modend
        lodsb
        call puthex8
        dec edx
        jmp .few
.modend: call nl
        add edi, 16
        dec ecx
        jmp .mod

        ; memory map: entries of size (not counted), base, length, type
.mmap:  mov esi, s_mmap
        call puts
        mov eax, [ebx + 44]
        call puthex
        call nl
        mov edi, [ebx + 48]
        mov ecx, edi
        add ecx, [ebx + 44]
.ent:   cmp edi, ecx
        jae .bss
        mov esi, s_ent
        call puts
        mov eax, [edi + 8]
        call puthex
        mov eax, [edi + 4]
        call puthex
        mov al, ' '
        call putc
        mov eax, [edi + 16]
        call puthex
        mov eax, [edi + 12]
        call puthex
        mov al, ' '
        call putc
        mov eax, [edi + 20]
        call puthex
        call nl
        mov eax, [edi]
        lea edi, [edi + eax + 4]
        jmp .ent

        ; bss: the 4 KiB nothing writes are all zero (the loader clears load_end..bss_end)
.bss:   mov esi, s_bss
        call puts
        mov edi, unused
        xor eax, eax
.bz:    cmp edi, unused_end
        jae .bsd
        or al, [edi]
        inc edi
        jmp .bz
.bsd:   test al, al
        mov esi, s_zero
        jz .bsp
        mov esi, s_dirty
.bsp:   call puts
        mov esi, s_done
        call puts
.halt:  cli
        hlt
        jmp .halt

putc:   push edx                ; AL to COM1, once its transmitter is empty
        push eax
        mov dx, COM1 + 5
.w:     in al, dx
        test al, 0x20
        jz .w
        pop eax
        mov dx, COM1
        out dx, al
        pop edx
        ret
PRINT_BASE equ 0
%include "print.inc"
putq:   push eax                ; the string at ESI in quotes, at most 200 bytes
        push ecx
        mov al, '"'
        call putc
        mov ecx, 200
.l:     lodsb
        test al, al
        jz .e
        call putc
        loop .l
.e:     mov al, '"'
        call putc
        pop ecx
        pop eax
        ret

s_magic:   db "MBINFO magic ", 0
s_mbi:     db " mbi ", 0
s_flags:   db "flags ", 0
s_mem:     db " mem ", 0
s_bootdev: db " boot_device ", 0
s_cmdline: db "cmdline ", 0
s_loader:  db "boot_loader ", 0
s_mods:    db "mods ", 0
s_mod:     db "mod ", 0
s_data:    db " data ", 0
s_mmap:    db "mmap_length ", 0
s_ent:     db "mmap ", 0
s_bss:     db "bss ", 0
s_zero:    db "zero", 10, 0
s_dirty:   db "NOT ZERO", 10, 0
s_done:    db "MBINFO done", 10, 0
        align 4
load_end:
        absolute load_end
magic:  resd 1
mbi:    resd 1
unused: resb 4096
unused_end:
        resb 4096
stack_top:
bss_end:
