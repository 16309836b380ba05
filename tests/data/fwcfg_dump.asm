; fwcfg_dump.asm: a 64 KiB -bios program for tests/scripts/fwcfg_qemu.sh: prints QEMU's
; fw_cfg as a guest reads it through ports 0x510/0x511, on the debug console (port 0x402):
; the signature and ID items, then the file directory (key 0x19), one line per file
; ("file KEY SIZE NAME"), each followed by its contents in hex, 32 bytes a line (files in
; genroms/ and larger than 64 KiB: the size only), then the items of -kernel/-initrd/-append
; (QEMU's x86_load_linux and load_multiboot): the 32-bit values ("key KK VVVVVVVV", 0 when
; absent) and the data items, whose size is another item's value, as "key KK size SSSSSSSS
; sum HHHHHHHH" (h = h * 31 + byte over the item, read through 0x511), then "end".
%include "bios_pm.inc"
        BIOS_PM_ENTRY
DBG     equ 0x402
DIR     equ 0x10000             ; the directory, copied here
        mov ax, 0               ; signature
        call select
        mov esi, BASE + msg_sig
        call puts
        mov ecx, 4
        call dump_n
        mov ax, 1               ; ID
        call select
        mov esi, BASE + msg_id
        call puts
        mov ecx, 4
        call dump_n
        mov ax, 0x19
        call select
        call rd32be
        mov ebp, eax            ; file count
        mov esi, BASE + msg_count
        call puts
        call puthex
        call nl
        cmp ebp, 64
        jbe .cnt_ok
        mov ebp, 64
.cnt_ok:
        mov edi, DIR
        mov ecx, ebp
        shl ecx, 6              ; 64 bytes an entry
        jz .files
.cp:    mov dx, 0x511
        in al, dx
        mov [edi], al
        inc edi
        dec ecx
        jnz .cp
.files: mov ebx, DIR
.file:  test ebp, ebp
        jz .end
        mov esi, BASE + msg_file
        call puts
        movzx eax, word [ebx + 4]
        xchg al, ah
        call puthex
        mov al, ' '
        call putc
        mov eax, [ebx]
        bswap eax
        call puthex
        mov al, ' '
        call putc
        lea esi, [ebx + 8]
        call puts
        call nl
        mov eax, [ebx]
        bswap eax
        cmp eax, 0x10000
        ja .next
        cmp dword [ebx + 8], 'genr'
        je .next
        mov ecx, eax
        movzx eax, word [ebx + 4]
        xchg al, ah
        call select
        call dump_n
.next:  add ebx, 64
        dec ebp
        jmp .file
.end:   mov esi, BASE + keys
.key:   movzx eax, word [esi]   ; key
        test eax, eax
        jz .fin
        push esi
        mov ebx, eax
        mov esi, BASE + msg_key
        call puts
        mov al, bl
        call puthex8
        mov al, ' '
        call putc
        pop esi
        movzx eax, word [esi + 2] ; the key of its size, or 0 for a value
        test eax, eax
        jnz .sized
        mov eax, ebx
        call select
        call rd32le
        call puthex
        call nl
        add esi, 4
        jmp .key
.sized: call select
        call rd32le
        mov ecx, eax
        push esi
        mov esi, BASE + msg_size
        call puts
        call puthex
        mov esi, BASE + msg_sum
        call puts
        pop esi
        mov eax, ebx
        call select
        xor ebx, ebx
        mov dx, 0x511
.sum:   test ecx, ecx
        jz .sumd
        imul ebx, ebx, 31
        in al, dx
        movzx eax, al
        add ebx, eax
        dec ecx
        jmp .sum
.sumd:  mov eax, ebx
        call puthex
        call nl
        add esi, 4
        jmp .key
.fin:   mov esi, BASE + msg_end
        call puts
.halt:  cli
        hlt
        jmp .halt

select: mov dx, 0x510           ; AX = key
        out dx, ax
        ret
rd32be: push ecx                ; EAX = the next 4 data bytes, big-endian
        push edx
        mov dx, 0x511
        mov ecx, 4
.l:     shl eax, 8
        in al, dx
        dec ecx
        jnz .l
        pop edx
        pop ecx
        ret
rd32le: push ecx                ; EAX = the next 4 data bytes, little-endian
        push edx
        mov dx, 0x511
        mov ecx, 4
.l:     in al, dx
        ror eax, 8
        dec ecx
        jnz .l
        pop edx
        pop ecx
        ret
dump_n: push ebx                ; ECX data bytes in hex, 32 a line
        xor ebx, ebx
.l:     test ecx, ecx
        jz .d
        mov dx, 0x511
        in al, dx
        call puthex8
        inc ebx
        dec ecx
        test ebx, 31
        jnz .l
        call nl
        jmp .l
.d:     test ebx, 31
        jz .x
        call nl
.x:     pop ebx
        ret
putc:   push edx
        mov dx, DBG
        out dx, al
        pop edx
        ret
PRINT_BASE equ BASE
%include "print.inc"

msg_sig:   db "signature ", 0
msg_id:    db "id ", 0
msg_count: db "files ", 0
msg_file:  db "file ", 0
msg_end:   db "end", 10, 0
msg_key:   db "key ", 0
msg_size:  db "size ", 0
msg_sum:   db " sum ", 0
; fw_cfg keys: KERNEL_ADDR/SIZE, INITRD_ADDR/SIZE, KERNEL_ENTRY, CMDLINE_ADDR/SIZE,
; SETUP_ADDR/SIZE as values; KERNEL_DATA, INITRD_DATA, CMDLINE_DATA, SETUP_DATA with the
; key of their size
keys:      dw 0x07, 0, 0x08, 0, 0x0a, 0, 0x0b, 0, 0x10, 0, 0x13, 0, 0x14, 0, 0x16, 0, 0x17, 0
           dw 0x11, 0x08, 0x12, 0x0b, 0x15, 0x14, 0x18, 0x17, 0, 0
        BIOS_PM_TAIL
