; optrom.asm: a 512-byte legacy option ROM for pcemu's -option-rom test. SeaBIOS runs its
; init entry (offset 3) during POST; it prints "GUEST option rom" on COM1 and returns.
; The checksum byte (last) is set by images/images.mk so that all bytes sum to 0.
        bits 16
        org 0
        db 0x55, 0xAA               ; signature
        db 1                        ; size in 512-byte blocks
        jmp init
init:
        push ax
        push dx
        push si
        push ds
        push cs
        pop ds
        mov si, msg
.next:
        lodsb
        test al, al
        jz .done
        mov ah, al
        mov dx, 0x3F8 + 5
.wait:
        in al, dx
        test al, 0x20
        jz .wait
        mov al, ah
        mov dx, 0x3F8
        out dx, al
        jmp .next
.done:
        pop ds
        pop si
        pop dx
        pop ax
        retf
msg:    db "GUEST option rom", 13, 10, 0
        times 511 - ($ - $$) db 0
        db 0                        ; checksum
