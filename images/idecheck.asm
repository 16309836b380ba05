; idecheck.asm: a 64 KiB -bios program for tests/scripts/ide_holes.sh that reads the primary
; master disk through the PIIX3 IDE controller the way a driver does, without SeaBIOS: it
; gives the controller's bus-master BAR (BAR4) the I/O base BM and enables I/O decoding and
; bus mastering in its PCI command register, sets nIEN (it polls, no interrupts), sets
; READ MULTIPLE's block to MULT sectors, then reads every (LBA, count) of the table `reads`
; three times: READ SECTORS (0x20, PIO, one sector per DRQ), READ MULTIPLE (0xC4, PIO, MULT
; sectors per DRQ) and READ DMA (0xC8, bus master, a PRD table whose first entry ends in
; the middle of a sector and whose 64 KiB entries are written as length 0). Before each read
; the buffer and the 512 bytes after it are filled with FILL, so a transfer that writes too
; little changes the sum and one that writes too much shows as OVER. Each read prints on
; COM1:
;   IDE pio|mul|dma lba LLLLLLLL n NNNNNNNN sum AAAAAAAA BBBBBBBB
; where, over the buffer's little-endian dwords d[0..n*128), A = sum d[i] and B = sum of
; the running values of A (both mod 2^32: B depends on where each dword landed), or
;   IDE pio|mul|dma lba LLLLLLLL n NNNNNNNN error status SS error EE bm SS
; when the drive or the bus master reports an error. "IDE done" ends the run, then a reset
; through port 0xCF9, which stops both pcemu and QEMU under -no-reboot. Every line is fixed
; by the disk's contents alone: the script computes them from qemu-img convert -O raw.
%include "bios_pm.inc"
        BIOS_PM_ENTRY
COM1    equ 0x3F8
ATA     equ 0x1F0               ; primary command block: data, error, count, LBA 0-23, device, status/command
ATA_CTL equ 0x3F6               ; device control (nIEN = 2)
BM      equ 0xC000              ; bus master of the primary channel: command, status, PRD table address
PRDT    equ 0x10000             ; the PRD table (4 entries at most: 255 sectors from BUF)
BUF     equ 0x100100            ; past 1 MiB, 256 bytes into a 64 KiB page: the first PRD is 0xFF00 bytes
FILL    equ 0xE5E5E5E5
MULT    equ 16
ST_BSY  equ 0x80
ST_DRQ  equ 0x08
ST_ERR  equ 0x01
VARS    equ 0xA000              ; in RAM: the read in progress
CUR_LBA equ VARS
CUR_N   equ VARS + 4
BLOCK   equ VARS + 8            ; PIO sectors per DRQ

        ; PCI 00:01.1 (PIIX3 IDE): BAR4 = BM, command = I/O space | bus master
        mov eax, 0x80000920
        mov dx, 0xCF8
        out dx, eax
        mov eax, BM | 1
        mov dx, 0xCFC
        out dx, eax
        mov eax, 0x80000904
        mov dx, 0xCF8
        out dx, eax
        mov ax, 5
        mov dx, 0xCFC
        out dx, ax
        mov dx, ATA_CTL
        mov al, 2
        out dx, al
        mov esi, BASE + msg_start
        call puts

        ; SET MULTIPLE MODE
        mov dword [CUR_LBA], 0
        mov dword [CUR_N], MULT
        mov al, 0xC6
        call command
        call wait_idle
        test al, ST_ERR | ST_DRQ
        jz .reads
        mov esi, BASE + msg_mult
        call puts
        jmp finish

.reads: mov ebp, BASE + reads
.next:  mov eax, [ebp]
        mov [CUR_LBA], eax
        mov eax, [ebp + 4]
        mov [CUR_N], eax
        test eax, eax
        jz finish
        mov esi, BASE + msg_pio
        mov dword [BLOCK], 1
        mov al, 0x20
        call read_pio
        mov esi, BASE + msg_mul
        mov dword [BLOCK], MULT
        mov al, 0xC4
        call read_pio
        mov esi, BASE + msg_dma
        call read_dma
        add ebp, 8
        jmp .next

finish: mov esi, BASE + msg_done
        call puts
        mov dx, 0xCF9
        mov al, 6
        out dx, al
.halt:  cli
        hlt
        jmp .halt

; Fills BUF for the read in progress and 512 bytes more with FILL.
fill:   push eax
        push ecx
        push edi
        mov ecx, [CUR_N]
        inc ecx
        shl ecx, 7
        mov edi, BUF
        mov eax, FILL
        rep stosd
        pop edi
        pop ecx
        pop eax
        ret

; Selects the master in LBA mode and writes CUR_LBA, CUR_N (as the 8-bit count) and the
; command in AL.
command:
        push eax
        call wait_idle
        mov eax, [CUR_LBA]
        shr eax, 24
        and al, 0x0F
        or al, 0xE0
        mov dx, ATA + 6
        out dx, al
        mov al, [CUR_N]
        mov dx, ATA + 2
        out dx, al
        mov eax, [CUR_LBA]
        mov dx, ATA + 3
        out dx, al
        shr eax, 8
        inc dx
        out dx, al
        shr eax, 8
        inc dx
        out dx, al
        pop eax
        mov dx, ATA + 7
        out dx, al
        ret

; Polls until BSY is clear; returns the status in AL.
wait_idle:
        mov dx, ATA + 7
.p:     in al, dx
        test al, ST_BSY
        jnz .p
        ret

; PIO read with command AL, BLOCK sectors per DRQ; ESI = the line's name.
read_pio:
        call fill
        call command
        mov edi, BUF
        mov ebx, [CUR_N]
.blk:   call wait_idle
        test al, ST_ERR
        jnz .err
        test al, ST_DRQ
        jz .err
        mov ecx, [BLOCK]
        cmp ecx, ebx
        jbe .n
        mov ecx, ebx
.n:     sub ebx, ecx
        shl ecx, 8
        mov dx, ATA
        rep insw
        test ebx, ebx
        jnz .blk
        call wait_idle
        test al, ST_ERR | ST_DRQ
        jnz .err
        jmp report
.err:   xor ah, ah
        jmp report_error

; READ DMA through the bus master; ESI = the line's name.
read_dma:
        call fill
        ; PRD table: entries end at 64 KiB boundaries of memory, the last one is marked
        mov edi, PRDT
        mov ebx, BUF
        mov ecx, [CUR_N]
        shl ecx, 9
.prd:   mov eax, ebx
        and eax, 0xFFFF
        neg eax
        add eax, 0x10000                ; bytes to the next 64 KiB boundary
        cmp eax, ecx
        jbe .len
        mov eax, ecx
.len:   mov [edi], ebx
        add ebx, eax
        sub ecx, eax
        and eax, 0xFFFF                 ; 64 KiB is written as 0
        test ecx, ecx
        jnz .more
        or eax, 0x80000000
.more:  mov [edi + 4], eax
        add edi, 8
        test ecx, ecx
        jnz .prd
        mov dx, BM
        xor al, al
        out dx, al                      ; stopped
        mov dx, BM + 2
        mov al, 6
        out dx, al                      ; clear interrupt and error
        mov dx, BM + 4
        mov eax, PRDT
        out dx, eax
        mov al, 0xC8
        call command
        mov dx, BM
        mov al, 9                       ; start, towards memory
        out dx, al
        mov dx, BM + 2
.p:     in al, dx
        test al, 1                      ; active
        jnz .p
        mov ah, al
        mov dx, BM
        xor al, al
        out dx, al
        mov dx, BM + 2
        mov al, 6
        out dx, al
        call wait_idle
        test al, ST_ERR | ST_DRQ
        jnz report_error
        test ah, 2
        jnz report_error
        jmp report

; Prints "IDE NAME lba L n N " for the read in progress; ESI = NAME.
head:   push esi
        mov esi, BASE + msg_ide
        call puts
        pop esi
        call puts
        mov esi, BASE + msg_lba
        call puts
        mov eax, [CUR_LBA]
        call puthex
        mov esi, BASE + msg_n
        call puts
        mov eax, [CUR_N]
        call puthex
        ret

; AL = drive status, AH = bus master status (0 for PIO); ESI = name.
report_error:
        push eax
        call head
        mov esi, BASE + msg_err
        call puts
        pop eax
        push eax
        movzx eax, al
        call puthex
        mov esi, BASE + msg_errreg
        call puts
        mov dx, ATA + 1
        in al, dx
        movzx eax, al
        call puthex
        mov esi, BASE + msg_bm
        call puts
        pop eax
        movzx eax, ah
        call puthex
        mov esi, BASE + msg_nl
        call puts
        ret

; The sums of the buffer, and OVER when the 512 bytes after it are not FILL; ESI = name.
report:
        call head
        mov esi, BASE + msg_sum
        call puts
        mov esi, BUF
        mov ecx, [CUR_N]
        shl ecx, 7
        xor eax, eax
        xor ebx, ebx
.s:     add eax, [esi]
        add ebx, eax
        add esi, 4
        dec ecx
        jnz .s
        call puthex
        mov al, ' '
        call putc
        mov eax, ebx
        call puthex
        mov ecx, 128
.o:     cmp dword [esi], FILL
        jne .over
        add esi, 4
        dec ecx
        jnz .o
        jmp .end
.over:  mov esi, BASE + msg_over
        call puts
.end:   mov esi, BASE + msg_nl
        call puts
        ret

putc:   push edx
        mov dx, COM1
        out dx, al
        pop edx
        ret

puts:   push eax
.l:     mov al, [esi]
        test al, al
        jz .e
        call putc
        inc esi
        jmp .l
.e:     pop eax
        ret

puthex: push ecx
        push edx
        mov ecx, 8
.h:     rol eax, 4
        mov edx, eax
        and edx, 15
        push eax
        mov al, [BASE + hex + edx]
        call putc
        pop eax
        dec ecx
        jnz .h
        pop edx
        pop ecx
        ret

; (LBA, sectors): across 512 B, 4 KiB and 64 KiB boundaries of the layouts ide_holes.sh
; builds in the first 400 KiB, lengths that are no multiple of a cluster, and the last
; sectors of the 1 MiB disk.
reads:  dd 0, 1
        dd 0, 3
        dd 1, 5
        dd 7, 9
        dd 6, 20
        dd 15, 40
        dd 0, 255
        dd 100, 200
        dd 120, 17
        dd 127, 2
        dd 250, 250
        dd 383, 130
        dd 500, 255
        dd 600, 100
        dd 2040, 8
        dd 0, 0

hex:        db "0123456789abcdef"
msg_start:  db "IDE start", 10, 0
msg_mult:   db "IDE set multiple failed", 10, 0
msg_done:   db "IDE done", 10, 0
msg_ide:    db "IDE ", 0
msg_pio:    db "pio", 0
msg_mul:    db "mul", 0
msg_dma:    db "dma", 0
msg_lba:    db " lba ", 0
msg_n:      db " n ", 0
msg_sum:    db " sum ", 0
msg_err:    db " error status ", 0
msg_errreg: db " error ", 0
msg_bm:     db " bm ", 0
msg_over:   db " OVER", 0
msg_nl:     db 10, 0
        BIOS_PM_TAIL
