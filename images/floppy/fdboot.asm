; fdboot.asm: a boot floppy for tests/scripts/floppy.sh. Sector 0 is a FAT12 boot sector
; (floppy.sh keeps the BIOS parameter block mkfs.fat wrote at offsets 3-61 and puts this
; program's bytes around it); sectors 1-7 are the image's reserved sectors (mkfs.fat -R 8)
; and hold the second stage, which the boot sector loads through int 13h. Everything goes
; to COM1 (0x3F8), a line at a time:
;   FD boot dl=..                        the BIOS's boot drive
;   FD params ax=.. bx=.. cx=.. dx=..    int 13h AH=08 for drive 0 (the CMOS drive type)
;   FD bad ax=..                         int 13h read of a sector past the track (an error)
;   FD file NAME-EXT size SSSSSSSS sum AAAAAAAA BBBBBBBB
;                                        per root-directory file: its clusters read through
;                                        the FAT12 chain with int 13h, a byte sum (a) and a
;                                        sum of sums (b) over its size
;   FD write ax=.. sum ...               WRITE.TXT's first sector overwritten through
;                                        int 13h AH=03 with this program's pattern (or the
;                                        error status on a write-protected disk), read back
;   FD pio mid / FD pio sum ... st ...   sectors 1-3 of track 0 read by programming the
;                                        controller for non-DMA transfers (SPECIFY ND=1):
;                                        pio_mid is called after 700 of 1536 bytes (a
;                                        debugger's breakpoint there stops the machine in the
;                                        middle of the data phase), then the 7 result bytes
;   FD done                              then a keyboard-controller reset
        bits 16
        org 0x7c00
BPB_SPC     equ 0x7c0d                  ; sectors per cluster (byte)
BPB_RES     equ 0x7c0e                  ; reserved sectors (word)
BPB_NFATS   equ 0x7c10                  ; FATs (byte)
BPB_ROOTENT equ 0x7c11                  ; root directory entries (word)
BPB_SPF     equ 0x7c16                  ; sectors per FAT (word)
BPB_SPT     equ 0x7c18                  ; sectors per track (word)
BPB_HEADS   equ 0x7c1a                  ; heads (word)
FAT_SEG     equ 0x1000                  ; the first FAT
ROOT_SEG    equ 0x2000                  ; the root directory
DATA_SEG    equ 0x3000                  ; one cluster of a file
CHECK_SEG   equ 0x4000                  ; the sector read back after the write
STAGE2      equ 0x7e00
COM1        equ 0x3f8
FDC         equ 0x3f0

        jmp short boot
        nop
        times 0x3e - ($ - $$) db 0      ; the BIOS parameter block (mkfs.fat's)
boot:   cli
        xor ax, ax
        mov ds, ax
        mov es, ax
        mov ss, ax
        mov sp, 0x7c00
        sti
        mov [boot_drive], dl
        mov ax, 0x0207                  ; read 7 sectors: C 0, H 0, S 2..8
        mov cx, 0x0002
        xor dh, dh
        mov bx, STAGE2
        int 0x13
        jc boot_fail
        jmp stage2
boot_fail:
        mov al, '!'
        mov dx, COM1
        out dx, al
        cli
        hlt
boot_drive: db 0
        times 510 - ($ - $$) db 0
        dw 0xaa55

; ---- stage 2 (sectors 1-7, at 0x7E00) ----
stage2:
        mov si, s_boot
        call puts
        mov al, [boot_drive]
        call hex8
        call crlf

        mov ah, 0x08                    ; drive parameters
        xor dl, dl
        xor di, di
        int 0x13
        push dx
        push cx
        push bx
        push ax
        mov si, s_params
        call puts
        pop ax
        call hex16
        mov si, s_bx
        call puts
        pop ax
        call hex16
        mov si, s_cx
        call puts
        pop ax
        call hex16
        mov si, s_dx
        call puts
        pop ax
        call hex16
        call crlf

        ; a sector past the end of track 0 (sector SPT + 1): the BIOS reports an error
        mov ax, DATA_SEG
        mov es, ax
        xor bx, bx
        mov cx, [BPB_SPT]
        inc cx                          ; cylinder 0, sector SPT + 1
        xor dx, dx
        mov ax, 0x0201
        int 0x13
        mov si, s_bad
        call puts
        call hex16
        call crlf

        ; layout: FAT at RES, root directory after NFATS FATs, data after it
        mov ax, [BPB_RES]
        mov [fat_lba], ax
        movzx ax, byte [BPB_NFATS]
        mul word [BPB_SPF]
        add ax, [BPB_RES]
        mov [root_lba], ax
        mov ax, [BPB_ROOTENT]
        add ax, 15
        shr ax, 4                       ; 16 entries per sector
        mov [root_secs], ax
        add ax, [root_lba]
        mov [data_lba], ax

        mov ax, [fat_lba]               ; the FAT (at most 12 sectors: 6 KiB)
        mov cx, [BPB_SPF]
        cmp cx, 12
        jbe .fatn
        mov cx, 12
.fatn:  mov dx, FAT_SEG
        call read_n
        mov ax, [root_lba]
        mov cx, [root_secs]
        mov dx, ROOT_SEG
        call read_n

        ; every file of the root directory
        xor di, di
        mov cx, [BPB_ROOTENT]
.entry: push cx
        push di
        mov ax, ROOT_SEG
        mov es, ax
        mov al, [es:di]
        test al, al
        jz .last
        cmp al, 0xe5                    ; deleted
        je .next
        test byte [es:di + 11], 0x18    ; volume label, directory (and long names)
        jnz .next
        call file
.next:  pop di
        pop cx
        add di, 32
        loop .entry
        jmp .files_done
.last:  pop di
        pop cx
.files_done:

        call write_test
        call pio_test
        mov si, s_done
        call puts
        mov al, 0xfe                    ; reset through the keyboard controller
        out 0x64, al
        cli
        hlt

; file: the directory entry at ROOT_SEG:DI -> "FD file NAME-EXT size .. sum .. .."
file:
        mov si, s_file
        call puts
        mov cx, 11
        mov bx, di
.name:  mov al, [es:bx]
        cmp cx, 3
        jne .ch
        push ax
        mov al, '-'
        call putc
        pop ax
.ch:    call putc
        inc bx
        loop .name
        mov si, s_size
        call puts
        mov eax, [es:di + 28]
        mov [remaining], eax
        call hex32
        xor eax, eax
        mov [sum_a], eax
        mov [sum_b], eax
        mov ax, [es:di + 26]            ; first cluster
        mov word [guard], 0
.cluster:
        cmp dword [remaining], 0
        je .done
        cmp ax, 2
        jb .done
        cmp ax, 0xff8
        jae .done
        inc word [guard]
        cmp word [guard], 3000          ; a loop in the chain
        ja .done
        push ax
        sub ax, 2
        movzx cx, byte [BPB_SPC]
        mul cx
        add ax, [data_lba]
        mov dx, DATA_SEG
        call read_n                     ; cx sectors
        movzx ecx, byte [BPB_SPC]
        shl ecx, 9
        cmp ecx, [remaining]
        jbe .sum
        mov ecx, [remaining]
.sum:   sub [remaining], ecx
        mov ax, DATA_SEG
        mov es, ax
        xor si, si
        mov eax, [sum_a]
        mov edx, [sum_b]
.byte:  movzx ebx, byte [es:si]
        add eax, ebx
        add edx, eax
        inc si
        dec ecx
        jnz .byte
        mov [sum_a], eax
        mov [sum_b], edx
        pop ax
        call fat_next
        jmp .cluster
.done:  mov si, s_sum
        call puts
        call put_sums
        jmp crlf

; put_sums: "AAAAAAAA BBBBBBBB", the two sums
put_sums:
        mov eax, [sum_a]
        call hex32
        mov al, ' '
        call putc
        mov eax, [sum_b]
        jmp hex32

; fat_next: AX = the cluster after cluster AX (FAT12)
fat_next:
        push es
        push bx
        mov bx, FAT_SEG
        mov es, bx
        mov bx, ax
        shr bx, 1
        add bx, ax                      ; cluster * 3 / 2
        test ax, 1
        mov ax, [es:bx]
        jz .even
        shr ax, 4
        jmp .out
.even:  and ax, 0x0fff
.out:   pop bx
        pop es
        ret

; write_test: the first sector of WRITE.TXT gets the pattern through int 13h AH=03, and
; is read back into CHECK_SEG
write_test:
        mov ax, ROOT_SEG
        mov es, ax
        xor di, di
        mov cx, [BPB_ROOTENT]
.find:  push cx
        push di
        mov si, n_write
        mov cx, 11
        repe cmpsb
        pop di
        pop cx
        je .found
        add di, 32
        loop .find
        ret
.found: mov ax, [es:di + 26]
        sub ax, 2
        movzx cx, byte [BPB_SPC]
        mul cx
        add ax, [data_lba]
        mov [write_lba], ax
        mov ax, DATA_SEG                ; the pattern: a line, then 'a'..'z' repeated
        mov es, ax
        mov si, s_pattern
        xor di, di
.copy:  lodsb
        test al, al
        jz .fill
        stosb
        jmp .copy
.fill:  mov ax, di
        xor dx, dx
        mov bx, 26
        div bx
        add dl, 'a'
        mov [es:di], dl
        inc di
        cmp di, 512
        jb .fill
        mov ax, [write_lba]
        call lba_chs
        mov ax, 0x0301
        xor bx, bx
        int 0x13
        mov si, s_write
        call puts
        call hex16
        mov ax, CHECK_SEG
        mov es, ax
        mov ax, [write_lba]
        call lba_chs
        mov ax, 0x0201
        xor bx, bx
        int 0x13
        mov si, s_back
        call puts
        call hex16
        mov si, s_sum
        call puts
        xor si, si
        xor eax, eax
        xor edx, edx
        mov cx, 512
.s:     movzx ebx, byte [es:si]
        add eax, ebx
        add edx, eax
        inc si
        loop .s
        mov [sum_a], eax
        mov [sum_b], edx
        call put_sums
        jmp crlf

; pio_test: READ of sectors 1-3 (C 0, H 0) with the controller in non-DMA mode
pio_test:
        mov dx, FDC + 2
        mov al, 0x1c                    ; DOR: motor A, DMA gate, not reset, drive 0
        out dx, al                      ; (the data rate stays the BIOS's, the medium's)
        mov si, c_specify_pio
        mov cx, 3
        call fdc_cmd
        mov si, c_read
        mov cx, 9
        call fdc_cmd
        xor eax, eax
        mov [sum_a], eax
        mov [sum_b], eax
        mov cx, 1536
.byte:  call fdc_wait_in
        jc .fail
        mov dx, FDC + 5
        in al, dx
        movzx ebx, al
        mov eax, [sum_a]
        add eax, ebx
        mov [sum_a], eax
        add [sum_b], eax
        cmp cx, 1536 - 700
        jne .go
        call pio_mid
.go:    loop .byte
        mov si, s_pio
        call puts
        call put_sums
        mov si, s_st
        call puts
        mov cx, 7
.res:   call fdc_wait_in
        jc .fail
        mov dx, FDC + 5
        in al, dx
        call hex8
        mov al, ' '
        call putc
        loop .res
        call crlf
        mov si, c_specify_dma           ; back to DMA for the BIOS
        mov cx, 3
        jmp fdc_cmd
.fail:  mov si, s_pio_fail
        call puts
        call hex8
        jmp crlf

; pio_mid: the middle of the data phase (floppy.sh's breakpoint)
pio_mid: push si
        mov si, s_mid
        call puts
        pop si
        ret

; fdc_wait_in: the next byte the controller offers (RQM and DIO); AL = MSR, CF on a
; controller that wants a byte instead
fdc_wait_in:
        push dx
        mov dx, FDC + 4
.w:     in al, dx
        test al, 0x80
        jz .w
        pop dx
        test al, 0x40
        jz .bad
        clc
        ret
.bad:   stc
        ret

; fdc_cmd: CX command bytes from DS:SI to the FIFO
fdc_cmd:
        mov dx, FDC + 4
.w:     in al, dx
        and al, 0xc0
        cmp al, 0x80
        jne .w
        lodsb
        mov dx, FDC + 5
        out dx, al
        loop fdc_cmd
        ret

; read_n: CX sectors from LBA AX to DX:0000, one int 13h call per sector
read_n:
        push es
        mov es, dx
        xor bx, bx
.next:  push ax
        push cx
        push bx
        call lba_chs
        pop bx
        mov ax, 0x0201
        int 0x13
        jc .err
        pop cx
        pop ax
        inc ax
        add bx, 512
        loop .next
        pop es
        ret
.err:   push ax
        mov si, s_rerr
        call puts
        pop ax
        call hex16
        call crlf
        cli
        hlt

; lba_chs: LBA AX -> CH cylinder, CL sector, DH head, DL drive 0 (AX, BX changed)
lba_chs:
        xor dx, dx
        div word [BPB_SPT]
        inc dl
        mov cl, dl                      ; sector
        xor dx, dx
        div word [BPB_HEADS]
        mov dh, dl                      ; head
        mov ch, al                      ; cylinder
        xor dl, dl
        ret

putc:   push dx
        push ax
        mov dx, COM1 + 5
.w:     in al, dx
        test al, 0x20
        jz .w
        pop ax
        mov dx, COM1
        out dx, al
        pop dx
        ret
puts:   lodsb
        test al, al
        jz .e
        call putc
        jmp puts
.e:     ret
crlf:   mov al, 13
        call putc
        mov al, 10
        jmp putc
hex32:  push eax
        shr eax, 16
        call hex16
        pop eax
hex16:  push ax
        mov al, ah
        call hex8
        pop ax
hex8:   push ax
        shr al, 4
        call .nib
        pop ax
.nib:   push ax
        and al, 15
        add al, '0'
        cmp al, '9'
        jbe .p
        add al, 7
.p:     call putc
        pop ax
        ret

s_boot:     db "FD boot dl=", 0
s_params:   db "FD params ax=", 0
s_bx:       db " bx=", 0
s_cx:       db " cx=", 0
s_dx:       db " dx=", 0
s_bad:      db "FD bad ax=", 0
s_file:     db "FD file ", 0
s_size:     db " size ", 0
s_sum:      db " sum ", 0
s_write:    db "FD write ax=", 0
s_back:     db " back ax=", 0
s_pio:      db "FD pio sum ", 0
s_st:       db " st ", 0
s_pio_fail: db "FD pio failed msr=", 0
s_mid:      db "FD pio mid", 13, 10, 0
s_rerr:     db "FD read error ax=", 0
s_done:     db "FD done", 13, 10, 0
s_pattern:  db "written by the guest through int 13h AH=03", 13, 10, 0
n_write:    db "WRITE   TXT"
c_specify_pio: db 0x03, 0xaf, 0x03    ; SPECIFY: step rate, head unload; ND = 1
c_specify_dma: db 0x03, 0xaf, 0x02    ; SPECIFY: ND = 0
c_read:     db 0x46, 0x00, 0, 0, 1, 2, 3, 0x1b, 0xff   ; READ MFM: C 0 H 0 R 1 N 2, EOT 3
fat_lba:    dw 0
root_lba:   dw 0
root_secs:  dw 0
data_lba:   dw 0
write_lba:  dw 0
guard:      dw 0
remaining:  dd 0
sum_a:      dd 0
sum_b:      dd 0
        times 8 * 512 - ($ - $$) db 0
