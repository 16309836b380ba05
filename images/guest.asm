; guest.asm: pcemu's test guest, a boot sector and a second stage (NASM, flat binary).
;
; What it exercises, in order, each step reported on COM1 (0x3F8, 115200 8N1, polled):
;   1. boot sector (real mode, loaded by the BIOS at 0:7C00): reads the second stage with
;      int 13h AH=02h (CHS) from LBA 1..STAGE2_SECTORS;
;   2. stage 2, still in real mode: asks int 15h AX=E801h for the memory size, reads the
;      data area (LBA DATA_LBA, DATA_SECTORS sectors, a pattern built below) with int 13h
;      AH=42h (LBA packet) and prints its checksum;
;   3. switches to 32-bit protected mode (A20 through port 0x92, flat GDT), installs an IDT,
;      remaps the 8259 pair to vectors 0x20/0x28, masks everything but IRQ 0, programs PIT
;      channel 0 to mode 2 at 100 Hz;
;   4. loops: wait TICKS_PER_ITER timer interrupts with STI;HLT, checksum the RAM pattern of
;      the previous round and compare it with the sum computed while writing it (a RAM or
;      restore fault shows as BAD), fill FILL_BYTES at FILL_BASE with the next pattern,
;      print "GUEST iter N ticks T sum S ok". With MAX_ITER > 0 it stops after MAX_ITER
;      rounds with "GUEST done" and CLI;HLT (pcemu -run-until halt).
;   5. With DISK_WRITE (the guest-disk image), each round also reads back DISK_SECTORS
;      sectors from DISK_LBA by ATA PIO (primary master, polled), compares their checksum
;      with the one the previous round wrote (zeros before the first), prints
;      "GUEST disk S ok" (or BAD), and writes this round's pattern there. The sectors
;      straddle 4 KiB and 64 KiB boundaries, so a write is partial on both sides of one.
; Every line but "ticks" is fixed by the program alone; the tick count is the number of
; IRQ 0 interrupts taken so far, fixed under pcemu's virtual clock and usually equal to
; iter*TICKS_PER_ITER on QEMU too. A CPU exception prints "GUEST exception V" and halts.
;
; Build: nasm -f bin [-DMAX_ITER=n] -o guest.bin guest.asm; the result (boot sector, stage 2
; and data area) goes at the start of the disk image (images/images.mk).

%ifndef MAX_ITER
%define MAX_ITER 0
%endif

STAGE2_SEG      equ 0x0800          ; stage 2 at 0x8000
STAGE2_SECTORS  equ 8
DATA_LBA        equ 16
DATA_SECTORS    equ 16
DATA_BUF        equ 0x10000         ; data area read to 1000:0000
COM1            equ 0x3F8
FILL_BASE       equ 0x200000
FILL_BYTES      equ 0x100000
TICKS_PER_ITER  equ 5
PIT_DIVISOR     equ 11932           ; 1193182 Hz / 11932 = 100 Hz
STACK_TOP       equ 0x7000
DISK_LBA        equ 127                 ; bytes 0xFE00-0x103FF: across the 64 KiB mark
DISK_SECTORS    equ 3
DISK_BUF        equ 0x80000

        bits 16
        org 0x7C00

; ---------------------------------------------------------------- boot sector
boot:
        cli
        xor ax, ax
        mov ds, ax
        mov es, ax
        mov ss, ax
        mov sp, STACK_TOP
        sti
        mov [boot_drive], dl
        call serial_init16
        mov si, msg_boot
        call puts16
        mov al, [boot_drive]
        call puthex8_16
        call crlf16

        mov ax, STAGE2_SEG          ; int 13h AH=02h: CHS 0/0/2, STAGE2_SECTORS sectors
        mov es, ax
        xor bx, bx
        mov ax, 0x0200 | STAGE2_SECTORS
        mov cx, 0x0002
        xor dh, dh
        mov dl, [boot_drive]
        int 0x13
        jc .fail
        cmp al, STAGE2_SECTORS
        jne .fail
        jmp 0:stage2

.fail:
        mov si, msg_diskfail
        call puts16
.stop:
        cli
        hlt
        jmp .stop

serial_init16:                      ; 115200 8N1, FIFO on, interrupts off
        mov dx, COM1 + 1
        xor al, al
        out dx, al
        mov dx, COM1 + 3
        mov al, 0x80
        out dx, al
        mov dx, COM1
        mov al, 1
        out dx, al
        mov dx, COM1 + 1
        xor al, al
        out dx, al
        mov dx, COM1 + 3
        mov al, 0x03
        out dx, al
        mov dx, COM1 + 2
        mov al, 0x07
        out dx, al
        ret

putc16:                             ; AL = character
        push dx
        push ax
        mov dx, COM1 + 5
.wait:
        in al, dx
        test al, 0x20
        jz .wait
        pop ax
        mov dx, COM1
        out dx, al
        pop dx
        ret

puts16:                             ; DS:SI = NUL-terminated string
        lodsb
        test al, al
        jz .done
        call putc16
        jmp puts16
.done:
        ret

crlf16:
        mov al, 13
        call putc16
        mov al, 10
        jmp putc16

puthex8_16:                         ; AL as two hex digits
        push ax
        shr al, 4
        call .nib
        pop ax
.nib:
        and al, 0x0F
        add al, '0'
        cmp al, '9'
        jbe .out
        add al, 'a' - '9' - 1
.out:
        jmp putc16

msg_boot:     db "GUEST boot sector, drive ", 0
msg_diskfail: db "GUEST int 13h read of stage 2 failed", 13, 10, 0
boot_drive:   db 0

        times 510 - ($ - $$) db 0
        dw 0xAA55

; ---------------------------------------------------------------- stage 2 (0x8000)
        section stage2 vstart=0x8000 follows=.text
stage2:
        mov si, msg_stage2
        call puts16

        mov ax, 0xE801              ; memory size: AX/CX KiB 1-16 MiB, BX/DX 64 KiB above
        xor bx, bx
        xor cx, cx
        xor dx, dx
        int 0x15
        jc .no_e801
        test cx, cx
        jnz .have_cx
        mov cx, ax
        mov dx, bx
.have_cx:
        movzx eax, cx
        shr eax, 10                 ; KiB -> MiB
        movzx edx, dx
        shr edx, 4                  ; 64 KiB -> MiB
        lea eax, [eax + edx + 1]    ; plus the first MiB
        mov [ram_mib], eax
.no_e801:
        mov si, msg_ram
        call puts16
        mov eax, [ram_mib]
        call putdec16
        mov si, msg_mib
        call puts16

        mov si, dap                 ; int 13h AH=42h: the data area by LBA
        mov ah, 0x42
        mov dl, [boot_drive]
        int 0x13
        jc .datafail
        push ds
        mov ax, DATA_BUF >> 4
        mov ds, ax
        xor si, si
        xor ebx, ebx
        mov cx, DATA_SECTORS * 512 / 4
.sum:
        rol ebx, 1
        add ebx, [si]
        add si, 4
        loop .sum
        pop ds
        mov [data_sum], ebx
        mov si, msg_data
        call puts16
        mov eax, [data_sum]
        call puthex32_16
        call crlf16
        jmp enter_pm

.datafail:
        mov si, msg_datafail
        call puts16
.stop:
        cli
        hlt
        jmp .stop

puthex32_16:                        ; EAX as eight hex digits
        push eax
        shr eax, 16
        push ax
        mov al, ah
        call puthex8_16
        pop ax
        call puthex8_16
        pop eax
        push ax
        mov al, ah
        call puthex8_16
        pop ax
        jmp puthex8_16

putdec16:                           ; EAX as decimal
        mov ecx, 10
        xor bx, bx
.div:
        xor edx, edx
        div ecx
        push dx
        inc bx
        test eax, eax
        jnz .div
.pr:
        pop ax
        add al, '0'
        call putc16
        dec bx
        jnz .pr
        ret

enter_pm:
        cli
        in al, 0x92                 ; A20 on
        or al, 0x02
        and al, 0xFE
        out 0x92, al
        lgdt [gdt_desc]
        mov eax, cr0
        or eax, 1
        mov cr0, eax
        jmp dword 0x08:pm32

        align 8
gdt:
        dq 0
        dq 0x00CF9A000000FFFF       ; 0x08 flat 32-bit code
        dq 0x00CF92000000FFFF       ; 0x10 flat 32-bit data
gdt_desc:
        dw gdt_desc - gdt - 1
        dd gdt

dap:                                ; int 13h AH=42h disk address packet
        db 16, 0
        dw DATA_SECTORS
        dw 0, DATA_BUF >> 4
        dq DATA_LBA

ram_mib:  dd 0
data_sum: dd 0

msg_stage2:   db "GUEST stage 2 loaded by int 13h, real mode", 13, 10, 0
msg_ram:      db "GUEST int 15h e801: ", 0
msg_mib:      db " MiB", 13, 10, 0
msg_data:     db "GUEST int 13h lba read, data sum ", 0
msg_datafail: db "GUEST int 13h read of the data area failed", 13, 10, 0

; ---------------------------------------------------------------- 32-bit protected mode
        bits 32
pm32:
        mov ax, 0x10
        mov ds, ax
        mov es, ax
        mov fs, ax
        mov gs, ax
        mov ss, ax
        mov esp, 0x90000

        mov esi, msg_pm             ; build the IDT: 32 exception stubs, 16 IRQ vectors
        call puts
        mov edi, idt
        mov ebx, exc_stubs
        mov ecx, 32
.exc:
        mov eax, ebx
        call set_gate
        add ebx, EXC_STUB_SIZE
        add edi, 8
        loop .exc
        mov eax, irq0_handler
        call set_gate
        add edi, 8
        mov ecx, 15
.irq:
        mov eax, irq_other
        call set_gate
        add edi, 8
        loop .irq
        lidt [idt_desc]

        mov al, 0x11                ; 8259 pair: edge, cascade, vectors 0x20 / 0x28
        out 0x20, al
        out 0xA0, al
        mov al, 0x20
        out 0x21, al
        mov al, 0x28
        out 0xA1, al
        mov al, 0x04
        out 0x21, al
        mov al, 0x02
        out 0xA1, al
        mov al, 0x01
        out 0x21, al
        out 0xA1, al
        mov al, 0xFE                ; only IRQ 0
        out 0x21, al
        mov al, 0xFF
        out 0xA1, al

        mov al, 0x34                ; PIT channel 0, lobyte/hibyte, mode 2
        out 0x43, al
        mov ax, PIT_DIVISOR
        out 0x40, al
        mov al, ah
        out 0x40, al

        mov esi, msg_pit
        call puts
        mov eax, FILL_BASE
        call puthex32
        mov al, '-'
        call putc
        mov eax, FILL_BASE + FILL_BYTES
        call puthex32
        call crlf
        sti

main_loop:
        mov eax, [iter]
        inc eax
        mov [iter], eax
        imul eax, eax, TICKS_PER_ITER
.wait:
        cmp [ticks], eax
        jae .waited
        hlt
        jmp .wait
.waited:
        mov edi, FILL_BASE          ; checksum what the previous round wrote
        mov ecx, FILL_BYTES / 4
        xor ebx, ebx
.check:
        rol ebx, 1
        add ebx, [edi]
        add edi, 4
        dec ecx
        jnz .check
        mov [seen_sum], ebx

        mov eax, [iter]             ; fill with this round's pattern, summing it
        imul eax, eax, 0x9E3779B1
        xor eax, 0x5A5A5A5A
        mov edi, FILL_BASE
        mov ecx, FILL_BYTES / 4
        xor ebx, ebx
.fill:
        imul eax, eax, 1664525
        add eax, 1013904223
        mov [edi], eax
        rol ebx, 1
        add ebx, eax
        add edi, 4
        dec ecx
        jnz .fill

%ifdef DISK_WRITE
        call disk_round
%endif
        mov esi, msg_iter
        call puts
        mov eax, [iter]
        call puthex32
        mov esi, msg_ticks
        call puts
        mov eax, [ticks]
        call puthex32
        mov esi, msg_sum
        call puts
        mov eax, [seen_sum]
        call puthex32
        mov esi, msg_ok             ; first round: nothing written yet, RAM reads as zeros
        mov eax, [seen_sum]
        cmp eax, [want_sum]
        je .good
        mov esi, msg_bad
.good:
        call puts
        mov [want_sum], ebx
%if MAX_ITER > 0
        cmp dword [iter], MAX_ITER
        jb main_loop
        mov esi, msg_done
        call puts
        cli
.halt:
        hlt
        jmp .halt
%else
        jmp main_loop
%endif

%ifdef DISK_WRITE
disk_round:                         ; step 5; keeps EBX (the RAM pattern's sum)
        push ebx
        mov bl, 0x20                ; READ SECTORS
        call disk_io
        mov esi, DISK_BUF
        mov ecx, DISK_SECTORS * 128
        xor ebx, ebx
.sum:
        rol ebx, 1
        add ebx, [esi]
        add esi, 4
        loop .sum
        mov esi, msg_disk
        call puts
        mov eax, ebx
        call puthex32
        mov esi, msg_ok
        cmp ebx, [disk_want]
        je .good
        mov esi, msg_bad
.good:
        call puts
        mov eax, [iter]             ; this round's sectors: dword k = iter*0x9E3779B1 ^ k*0x01000193
        imul eax, eax, 0x9E3779B1
        mov edi, DISK_BUF
        xor ecx, ecx
        xor ebx, ebx
.gen:
        mov edx, ecx
        imul edx, edx, 0x01000193
        xor edx, eax
        mov [edi + ecx * 4], edx
        rol ebx, 1
        add ebx, edx
        inc ecx
        cmp ecx, DISK_SECTORS * 128
        jb .gen
        mov [disk_want], ebx
        mov bl, 0x30                ; WRITE SECTORS
        call disk_io
        pop ebx
        ret

disk_io:                            ; BL = ATA command; DISK_SECTORS sectors at DISK_BUF
        call ide_ready
        mov dx, 0x1F6
        mov al, 0xE0 | (DISK_LBA >> 24)
        out dx, al
        mov dx, 0x1F2
        mov al, DISK_SECTORS
        out dx, al
        inc dx
        mov al, DISK_LBA & 0xFF
        out dx, al
        inc dx
        mov al, (DISK_LBA >> 8) & 0xFF
        out dx, al
        inc dx
        mov al, (DISK_LBA >> 16) & 0xFF
        out dx, al
        mov dx, 0x1F7
        mov al, bl
        out dx, al
        mov edi, DISK_BUF
        mov esi, DISK_BUF
        mov ecx, DISK_SECTORS
.sector:
        mov dx, 0x1F7
.drq:
        in al, dx
        test al, 0x80
        jnz .drq
        test al, 0x08
        jz .drq
        push ecx
        mov ecx, 256
        mov dx, 0x1F0
        cmp bl, 0x30
        je .out
        rep insw
        jmp .next
.out:
        rep outsw
.next:
        pop ecx
        loop .sector
ide_ready:                          ; BSY clear
        mov dx, 0x1F7
.busy:
        in al, dx
        test al, 0x80
        jnz .busy
        ret
%endif

set_gate:                           ; EDI = gate, EAX = handler: 32-bit interrupt gate, DPL 0
        mov [edi], ax
        mov word [edi + 2], 0x08
        mov word [edi + 4], 0x8E00
        shr eax, 16
        mov [edi + 6], ax
        ret

irq0_handler:
        push eax
        inc dword [ticks]
        mov al, 0x20
        out 0x20, al
        pop eax
        iret

irq_other:                          ; masked IRQs can still arrive as spurious IRQ 7
        push eax
        mov al, 0x20
        out 0x20, al
        pop eax
        iret

exc_common:                         ; [esp] = vector
        mov esi, msg_exc
        call puts
        pop eax
        call puthex32
        call crlf
        cli
.halt:
        hlt
        jmp .halt

EXC_STUB_SIZE equ 10
exc_stubs:                          ; one 10-byte stub per vector 0..31
%assign v 0
%rep 32
        push strict dword v
        jmp strict near exc_common
%assign v v + 1
%endrep

putc:                               ; AL
        push edx
        push eax
        mov dx, COM1 + 5
.wait:
        in al, dx
        test al, 0x20
        jz .wait
        pop eax
        mov dx, COM1
        out dx, al
        pop edx
        ret

puts:                               ; ESI
        lodsb
        test al, al
        jz .done
        call putc
        jmp puts
.done:
        ret

crlf:
        mov al, 13
        call putc
        mov al, 10
        jmp putc

puthex32:                           ; EAX
        push ecx
        mov ecx, 8
.dig:
        rol eax, 4
        push eax
        and al, 0x0F
        add al, '0'
        cmp al, '9'
        jbe .out
        add al, 'a' - '9' - 1
.out:
        call putc
        pop eax
        loop .dig
        pop ecx
        ret

idt_desc:
        dw 48 * 8 - 1
        dd idt

iter:     dd 0
ticks:    dd 0
seen_sum: dd 0
want_sum: dd 0
%ifdef DISK_WRITE
disk_want: dd 0
msg_disk:  db "GUEST disk ", 0
%endif

msg_pm:    db "GUEST protected mode, IDT at 0x20, PIC remapped", 13, 10, 0
msg_pit:   db "GUEST PIT 100 Hz on IRQ 0; RAM pattern at ", 0
msg_iter:  db "GUEST iter ", 0
msg_ticks: db " ticks ", 0
msg_sum:   db " sum ", 0
msg_ok:    db " ok", 13, 10, 0
msg_bad:   db " BAD", 13, 10, 0
msg_done:  db "GUEST done", 13, 10, 0
msg_exc:   db "GUEST exception ", 0

        align 16
idt:
        times STAGE2_SECTORS * 512 - ($ - $$) db 0

; ---------------------------------------------------------------- data area (LBA 16..31)
        section data vstart=0 follows=stage2
        times (DATA_LBA - 1 - STAGE2_SECTORS) * 512 db 0
%assign i 0
%rep DATA_SECTORS * 512 / 4
        dd (i * 2654435761 + 12345) & 0xFFFFFFFF
%assign i i + 1
%endrep
