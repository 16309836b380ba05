; vmport.asm: a 64 KiB -bios program (tests/data/bios_pm.inc) for tests/scripts/vmport_qemu.sh
; that talks to the VMware backdoor (-machine vmport=on) at port 0x5658 and prints what it
; answers on COM1, one line per step:
;   V  GETVERSION (EAX, EBX, ECX), GETRAMSIZE (EAX, EBX), GETBIOSUUID (EAX..EDX), GETHZ
;      (EAX, EBX, ECX), GET_VCPU_INFO
;   X  a wrong magic and an unknown command (all-ones)
;   M  the vmmouse: status after reset, READ_ID, status, one word of data, status, absolute
;      mode, a read of more data than queued (the mouse turns itself off), status
; GETTIME and GETTIMEFULL are left out: QEMU answers them from the host's clock. Ends with
; CLI;HLT after "VMPORT done" (the test saves the machine there on both).
%include "bios_pm.inc"
        BIOS_PM_ENTRY
MAGIC   equ 0x564D5868
PORT    equ 0x5658

%macro BD 1                         ; backdoor command %1 with EBX = 0
        mov eax, MAGIC
        xor ebx, ebx
        mov ecx, %1
        xor edx, edx
        mov dx, PORT
        xor esi, esi
        xor edi, edi
        in eax, dx
%endmacro
%macro MOUSE 2                      ; vmmouse command %1 with EBX = %2
        mov eax, MAGIC
        mov ebx, %2
        mov ecx, %1
        mov edx, PORT
        xor esi, esi
        xor edi, edi
        in eax, dx
%endmacro

        mov al, 'V'
        call tag
        BD 10
        call p3
        BD 20
        call sphex
        mov eax, ebx
        call sphex
        BD 19
        call p3
        mov eax, edx
        call sphex
        BD 45
        call p3
        BD 68
        call sphex
        call nl

        mov al, 'X'
        call tag
        mov eax, 0x12345678
        mov ecx, 10
        mov edx, PORT
        in eax, dx
        call sphex
        BD 0x77
        call sphex
        call nl

        mov al, 'M'
        call tag
        MOUSE 40, 0
        call sphex
        MOUSE 41, 0x45414552        ; READ_ID
        MOUSE 40, 0
        call sphex
        MOUSE 39, 1                 ; one word
        call sphex
        MOUSE 40, 0
        call sphex
        MOUSE 41, 0x53424152        ; REQUEST_ABSOLUTE
        MOUSE 41, 0x45414552        ; READ_ID again: a word stays queued
        MOUSE 39, 2                 ; more than queued
        call sphex
        MOUSE 40, 0
        call sphex
        call nl
        mov esi, BASE + msg_done
        call puts
.halt:  cli
        hlt
        jmp .halt

p3:     call sphex                  ; EAX, EBX, ECX
        mov eax, ebx
        call sphex
        mov eax, ecx
        jmp sphex
PRINT_BASE equ BASE
%include "com1.inc"
msg_done: db "VMPORT done", 10, 0
        BIOS_PM_TAIL
