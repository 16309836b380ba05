; floppy_media.asm: a 64 KiB -bios program (tests/data/bios_pm.inc) for
; tests/scripts/floppy_media_qemu.sh that looks at both floppy drives in rounds, while the
; test changes their media between rounds. It prints on port 0xE9 (-debugcon), per round
; "R<n>" then one line per drive:
;   U<unit> DIR (bit 7: disk changed), ST3 of SENSE DRIVE STATUS, ST0 and track after
;   RECALIBRATE, DIR, ST0 and track after a SEEK to track 40, DIR again; then READs by DMA
;   (the 7 result bytes and a checksum of the 512-byte buffer, filled with 0xEE first):
;   sector 1 of track 0 at data rates 0, 2, 3, 1 until one succeeds, then with that rate
;   track 79 head 1 sector 9, track 79 head 1 sector 18, track 80 sector 1; a WRITE of a
;   pattern to track 79 head 0 sector 5 and its READ back.
; then "E<n>" and it waits for the PS/2 key of round n ("1", "2", ...: set 2 make codes,
; with the 8042's translation off), which the test sends once it has changed the media.
; Interrupts stay off: SEEK and RECALIBRATE end at once on QEMU's controller, so their
; SENSE INTERRUPT STATUS follows without waiting. Polls the 8042 after "done" until the
; test quits.
%include "bios_pm.inc"
        BIOS_PM_ENTRY
PRINT_BASE equ BASE
BUF     equ 0x10000                 ; DMA target of the READs (page 1)
WBUF    equ 0x11000                 ; DMA source of the WRITE
ROUNDS  equ 7

        call kbc_wait
        mov al, 0x60                ; write the 8042's command byte: no IRQs, no translation
        out 0x64, al
        call kbc_wait
        xor al, al
        out 0x60, al
        mov edi, WBUF
        xor ecx, ecx
.fill:  lea eax, [ecx * 4 + ecx + 0x5A]
        mov [edi + ecx], al
        inc ecx
        cmp ecx, 512
        jb .fill
        mov al, 0x3C                ; DOR: both motors, DMA, out of reset, drive 0
        mov dx, 0x3F2
        out dx, al
        mov esi, BASE + specify
        call command
        xor ebx, ebx                ; the round
round:  mov al, 'R'
        call putc
        mov al, bl
        add al, '0'
        call putc
        call nl
        xor ebp, ebp
        call drive
        inc ebp
        call drive
        mov al, 'E'
        call putc
        mov al, bl
        add al, '0'
        call putc
        call nl
        inc ebx
        cmp ebx, ROUNDS
        jae .end
        movzx ecx, byte [BASE + keys + ebx - 1]
.key:   in al, 0x64                 ; the next byte from the keyboard: the round's key?
        test al, 1
        jz .key
        in al, 0x60
        cmp al, cl
        jne .key
        jmp round
.end:   mov esi, BASE + done
        call puts
.idle:  in al, 0x64                 ; polls until quit (a halt would stop pcemu's machine)
        jmp .idle

; One drive's line; EBP = unit.
drive:  mov eax, ebp                  ; DOR: select the drive, so that DIR is its
        or al, 0x3C
        mov dx, 0x3F2
        out dx, al
        mov al, 'U'
        call putc
        mov eax, ebp
        add al, '0'
        call putc
        call dir
        mov esi, cmd_sds
        call cmd_unit
        mov ecx, 1
        call results
        mov esi, cmd_recal
        call cmd_unit
        call sensei
        call dir
        mov esi, cmd_seek
        call cmd_unit
        call sensei
        call dir
        mov byte [rix], 0           ; the rates to try, in order
.rate:  movzx eax, byte [rix]
        mov al, [BASE + rates + eax]
        mov [rate], al
        mov dx, 0x3F7               ; CCR
        out dx, al
        mov al, ' '
        call putc
        mov al, 'r'
        call putc
        mov al, [rate]
        call puthex8
        mov al, 0x46                ; READ
        mov dword [chs], 0x00010000 ; C 0 H 0 R 1
        call transfer
        test byte [res0], 0xC0
        jz .ok
        inc byte [rix]
        cmp byte [rix], 4
        jb .rate
.ok:    mov al, 0x46
        mov dword [chs], 0x0009014F ; C 79 H 1 R 9
        call transfer
        mov al, 0x46
        mov dword [chs], 0x0012014F ; C 79 H 1 R 18
        call transfer
        mov al, 0x46
        mov dword [chs], 0x00010050 ; C 80 H 0 R 1
        call transfer
        mov al, 0x45                ; WRITE
        mov dword [chs], 0x0005004F ; C 79 H 0 R 5
        call transfer
        mov al, 0x46
        mov dword [chs], 0x0005004F
        call transfer
        jmp nl

; ' D' and the DIR register.
dir:    mov al, ' '
        call putc
        mov al, 'D'
        call putc
        mov dx, 0x3F7
        in al, dx
        jmp puthex8

; SENSE INTERRUPT STATUS: its two result bytes.
sensei: mov esi, BASE + cmd_sensei
        call command
        mov ecx, 2
        jmp results

; READ (AL = 0x46) or WRITE (0x45) of the one sector [chs] (bytes C, H, R, 0) of drive EBP
; by DMA channel 2; prints ' ' + the 7 result bytes + ':' + the buffer's checksum.
transfer:
        push eax
        mov edi, BUF                ; the READ buffer: 0xEE where nothing lands
        mov ecx, 128
        mov eax, 0xEEEEEEEE
        rep stosd
        pop eax
        push eax
        mov ah, 0x46                ; DMA mode: single, device to memory, channel 2
        mov esi, BUF
        cmp al, 0x45
        jne .dma
        mov ah, 0x4A                ; memory to device
        mov esi, WBUF
.dma:   mov al, 0x06                ; mask channel 2
        out 0x0A, al
        out 0x0C, al                ; clear the byte flip-flop
        mov al, ah
        out 0x0B, al
        mov eax, esi
        out 0x04, al
        mov al, ah
        out 0x04, al
        shr eax, 16
        out 0x81, al
        out 0x0C, al
        mov al, 0xFF                ; count - 1 = 511
        out 0x05, al
        mov al, 0x01
        out 0x05, al
        mov al, 0x02                ; unmask channel 2
        out 0x0A, al
        pop eax
        mov byte [cmdbuf], 9        ; length
        mov [cmdbuf + 1], al
        mov al, [chs + 1]           ; head
        shl al, 2
        or eax, ebp
        mov [cmdbuf + 2], al
        mov eax, [chs]
        mov [cmdbuf + 3], al        ; C
        mov [cmdbuf + 4], ah        ; H
        shr eax, 16
        mov [cmdbuf + 5], al        ; R
        mov byte [cmdbuf + 6], 2    ; N: 512 bytes
        mov [cmdbuf + 7], al        ; EOT = R: one sector
        mov byte [cmdbuf + 8], 0x1B ; GPL
        mov byte [cmdbuf + 9], 0xFF ; DTL
        mov esi, cmdbuf
        call command
        mov al, ' '
        call putc
        mov ecx, 7
        call results
        mov al, ':'
        call putc
        mov esi, BUF                ; checksum: a += byte, s += a
        xor eax, eax
        xor edx, edx
        mov ecx, 512
.sum:   movzx edi, byte [esi]
        add eax, edi
        add edx, eax
        inc esi
        loop .sum
        xor eax, edx
        jmp puthex

; The command at ESI (in the ROM) with its byte 1 ORed with the unit EBP.
cmd_unit:
        add esi, BASE
        mov edi, cmdbuf
        movzx ecx, byte [esi]
        inc ecx
        rep movsb
        mov eax, ebp
        or [cmdbuf + 2], al
        mov esi, cmdbuf
        ; fall through
; The command at ESI (a length byte, then the bytes) to the FIFO, each byte once the MSR
; asks for it.
command:
        push ebx
        movzx ebx, byte [esi]
        inc esi
.b:     dec ebx
        js .e
        lodsb
        mov ah, al
        mov ecx, 100000
        mov dx, 0x3F4
.w:     in al, dx
        and al, 0xC0
        cmp al, 0x80
        je .put
        loop .w
        mov al, '!'                 ; the controller never asked: noted, not waited for
        call putc
        jmp .e
.put:   mov al, ah
        inc dx
        out dx, al
        jmp .b
.e:     pop ebx
        ret

; ECX result bytes from the FIFO, each printed as ' ' + hex (the first also kept in res0);
; '?' for a byte the controller does not offer.
results:
        push ebx
        xor ebx, ebx
.r:     push ecx
        mov ecx, 100000
        mov dx, 0x3F4
.w:     in al, dx
        and al, 0xC0
        cmp al, 0xC0
        je .get
        loop .w
        pop ecx
        mov al, '?'
        call putc
        jmp .n
.get:   pop ecx
        inc dx
        in al, dx
        test ebx, ebx
        jnz .p
        mov [res0], al
.p:     push eax
        mov al, ' '
        call putc
        pop eax
        call puthex8
.n:     inc ebx
        loop .r
        pop ebx
        ret

kbc_wait:
        in al, 0x64
        test al, 2
        jnz kbc_wait
        ret

putc:   out 0xE9, al
        ret
%include "print.inc"

specify:    db 3, 0x03, 0xDF, 0x02                  ; SPECIFY: DMA mode
cmd_sds:    db 2, 0x04, 0x00                        ; SENSE DRIVE STATUS, head 0
cmd_recal:  db 2, 0x07, 0x00
cmd_seek:   db 3, 0x0F, 0x00, 40
cmd_sensei: db 1, 0x08
rates:      db 0, 2, 3, 1
keys:       db 0x16, 0x1E, 0x26, 0x25, 0x2E, 0x36   ; "1" .. "6", set 2
done:       db "done", 10, 0

; RAM variables (the ROM is not writable)
cmdbuf  equ 0x9000
chs     equ 0x9010
rate    equ 0x9014
res0    equ 0x9018
rix     equ 0x901C

        BIOS_PM_TAIL
