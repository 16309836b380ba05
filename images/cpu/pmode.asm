; pmode.asm: 32-bit protected mode. Descriptor checks at load time (rights, not present,
; table limit), exceptions with error codes, ring 3 through IRET with the I/O bitmap,
; a call gate with a parameter back to ring 0, INT through DPL 3 and DPL 0 gates,
; conforming code, task switches (CALL to a TSS, IRET with NT, task gate, JMP), a double
; fault (#GP -> #NP during delivery) taken through a task gate, and a
; return to real mode through 16-bit protected mode. Output compared with QEMU 7.2.
%include "lib.inc"
%include "pm.inc"
bits 16
start:
    jmp pm_enter

bits 32
pm_main:
    PRINT32 "pmode: start", 10
    ; ---- descriptor checks at load time ----
    RECOVER t4
    mov ax, SEL_XO
    mov ds, ax                ; execute-only code into DS: #GP(0x70)
t4:
    RECOVER t5
    mov ax, SEL_NP
    mov ds, ax                ; not present: #NP(0x68)
t5:
    RECOVER t6
    mov ax, SEL_D3
    mov ss, ax                ; DPL 3 data into SS at CPL 0: #GP(0x30)
t6:
    RECOVER t7
    mov ax, 0x1f8
    mov ds, ax                ; beyond the GDT limit: #GP(0x1f8)
t7:
    RECOVER t8
    ud2
t8:
    RECOVER t9
    xor edx, edx
    xor ecx, ecx
    div ecx                   ; #DE
t9:
    RECOVER t10
    mov eax, 5
    mov dword [scratch], 1
    mov dword [scratch + 4], 4
    bound eax, [scratch]      ; #BR
t10:
t11:
    mov ax, SEL_D32
    mov ds, ax
    ; ---- LAR, LSL, VERR, VERW, ARPL, SGDT, SIDT, SMSW, STR ----
    mov ecx, 0
.acc:
    movzx ebx, word [LIN(sel_list) + ecx * 2]
    mov eax, 0x5a5a5a5a
    lar eax, ebx
    call show_zf
    mov eax, 0x5a5a5a5a
    lsl eax, ebx
    call show_zf
    verr bx
    call show_zf
    verw bx
    call show_zf
    call nl32
    inc ecx
    cmp ecx, (sel_list_end - sel_list) / 2
    jb .acc
    mov ax, 0x0010
    mov bx, 0x0003
    arpl ax, bx
    call show_zf
    arpl ax, bx
    call show_zf
    call nl32
    sgdt [scratch]
    mov eax, [scratch + 2]
    call hex32_32
    movzx eax, word [scratch]
    call hex32_32
    sidt [scratch]
    mov eax, [scratch + 2]
    call hex32_32
    smsw eax
    call hex32_32
    str eax
    call hex32_32
    call nl32
    ; ---- INT3 and INTO return through their gates: install handlers ----
    mov eax, LIN(int3_handler)
    mov ebx, 3
    mov cl, 0xee              ; DPL 3 interrupt gate
    call set_gate
    mov eax, LIN(int80_handler)
    mov ebx, 0x80
    mov cl, 0xef              ; DPL 3 trap gate
    call set_gate
    int3
    mov eax, 0x7fffffff
    add eax, 1
    RECOVER t12
    into                      ; vector 4 goes to the generic stub
t12:
    ; ---- conforming code through a DPL 0 call gate ----
    call SEL_CGR:0
    ; ---- ring 3 ----
    RECOVER back0
    push dword SEL_D3
    push dword STACK3
    push dword 0x2
    push dword SEL_C3
    push dword LIN(ring3)
    iretd
back0:
    ; ---- task switches ----
    call setup_tss2
    call SEL_TSS2:0           ; runs task2, which IRETs back (NT)
    PRINT32 "back in task 1, NT="
    pushfd
    pop eax
    shr eax, 14
    and eax, 1
    call hex32_32
    call nl32
    mov eax, [TSS2]           ; back link
    call hex32_32
    call nl32
    call setup_tss2
    mov eax, LIN(task_gate_target)
    mov ebx, 0x82
    mov cl, 0xe5              ; task gate DPL 3 (selector patched below)
    call set_gate
    mov word [IDT_RAM + 0x82 * 8 + 2], SEL_TSS2
    mov word [IDT_RAM + 0x82 * 8], 0
    mov word [IDT_RAM + 0x82 * 8 + 6], 0
    int 0x82                  ; task gate: task2 again, IRET back
    PRINT32 "after task gate", 10
    call setup_tss2
    mov dword [TSS2 + 0x20], LIN(task2_jmp)
    jmp SEL_TSS2:0            ; JMP: no back link, task2 jumps back by JMP
    ; ---- back to real mode ----
jmp_back:
    PRINT32 "back by jmp, TR="
    str ax
    movzx eax, ax
    call hex32_32
    call nl32
    ; ---- double fault through a task gate: #GP whose gate is not present -> #DF ----
    call setup_tss2
    mov dword [TSS2 + 0x20], LIN(df_task)
    mov word [IDT_RAM + 8 * 8 + 2], SEL_TSS2
    mov word [IDT_RAM + 8 * 8 + 4], 0x8500      ; task gate, present
    and byte [IDT_RAM + 13 * 8 + 5], 0x7f       ; #GP gate not present
    mov ax, 0x1f8
    mov ds, ax                ; #GP(0x1f8) -> #NP(13*8+2+1) -> #DF in task 2
df_back:
    mov ax, SEL_D32
    mov ds, ax
    or byte [IDT_RAM + 13 * 8 + 5], 0x80
    PRINT32 "back from the #DF task", 10
    mov ax, SEL_D16
    mov ds, ax
    mov es, ax
    mov ss, ax
    jmp SEL_C16:to_real16
bits 16
to_real16:
    mov eax, cr0
    and al, 0xfe
    mov cr0, eax
    jmp 0xf000:real_again
real_again:
    xor ax, ax
    mov ss, ax
    mov ax, cs
    mov ds, ax
    mov esp, 0x7000
    PRINT16 "real mode again", 10
    mov al, 0
    call exit16

bits 32
; EAX = handler, EBX = vector, CL = type byte: interrupt/trap gate in the IDT
set_gate:
    push edi
    lea edi, [IDT_RAM + ebx * 8]
    mov [edi], ax
    mov word [edi + 2], SEL_C32
    mov byte [edi + 4], 0
    mov [edi + 5], cl
    shr eax, 16
    mov [edi + 6], ax
    pop edi
    ret

; EAX then ZF, as "EAX/Z "
show_zf:
    pushfd
    call hex32_32
    pop eax
    shr eax, 6
    and eax, 1
    push eax
    mov al, '/'
    out DBG, al
    pop eax
    add al, '0'
    out DBG, al
    mov al, ' '
    out DBG, al
    ret
sel_list:                     ; (not SEL_C32: loading CS sets its accessed bit on hardware and
                              ; in pcemu, but not in QEMU's TCG)
    dw SEL_C16, SEL_D3, SEL_TSS1, SEL_CG3, SEL_XO, SEL_NP, SEL_D0X | 3, 0x1f8, SEL_TG, SEL_CONF | 3
sel_list_end:

int3_handler:
    PRINT32 "int3 at "
    mov eax, [esp]
    call hex32_32
    call nl32
    iretd
int80_handler:
    PRINT32 "int80 from cs "
    mov eax, [esp + 4]
    call hex32_32
    PRINT32 " ss "
    mov eax, [esp + 16]
    call hex32_32
    PRINT32 " esp0 "
    mov eax, esp
    call hex32_32
    call nl32
    iretd

conf_code:
    PRINT32 "conforming cs "
    mov eax, cs
    call hex32_32
    call nl32
    retf

ring3:
    mov ax, SEL_D3           ; DPL 0 data segments were nulled by the IRET
    mov ds, ax
    mov es, ax
    PRINT32 "ring3 cs "
    mov eax, cs
    call hex32_32
    call nl32
    RECOVER r3a
    cli                       ; IOPL 0: #GP(0)
r3a:
    ; the handler returned us to ring 0: go back to ring 3 for the next tests
    push dword SEL_D3
    push dword STACK3
    push dword 0x2
    push dword SEL_C3
    push dword LIN(ring3b)
    iretd
ring3b:
    mov ax, SEL_D3           ; DPL 0 data segments were nulled by the IRET
    mov ds, ax
    mov es, ax
    RECOVER r3b
    in al, 0x60               ; not in the bitmap: #GP(0)
r3b:
    push dword SEL_D3
    push dword STACK3
    push dword 0x2
    push dword SEL_C3
    push dword LIN(ring3c)
    iretd
ring3c:
    mov ax, SEL_D3           ; DPL 0 data segments were nulled by the IRET
    mov ds, ax
    mov es, ax
    mov ax, SEL_D3
    mov ds, ax
    mov es, ax
    int 0x80                  ; DPL 3 trap gate: ring 0 and back
    push dword 0x11223344     ; the call gate copies one parameter
    call SEL_CG3:0
    PRINT32 "back in ring 3, param popped: esp "
    mov eax, esp
    call hex32_32
    call nl32
    RECOVER r3c
    int 0x81                  ; DPL 0 gate from ring 3: #GP(0x81*8+2)
r3c:
    push dword SEL_D3
    push dword STACK3
    push dword 0x2
    push dword SEL_C3
    push dword LIN(ring3d)
    iretd
ring3d:
    mov ax, SEL_D3           ; DPL 0 data segments were nulled by the IRET
    mov ds, ax
    mov es, ax
    RECOVER r3d
    mov ax, SEL_D0X
    mov ds, ax                ; DPL 0 data at CPL 3: #GP(0x78)
r3d:
    push dword SEL_D3
    push dword STACK3
    push dword 0x2
    push dword SEL_C3
    push dword LIN(ring3e)
    iretd
ring3e:
    mov ax, SEL_D3           ; DPL 0 data segments were nulled by the IRET
    mov ds, ax
    mov es, ax
    mov ax, SEL_D3
    mov ds, ax
    RECOVER back0
    mov dword [scratch], 0    ; user data ok
    hlt                       ; CPL 3: #GP(0), back to ring 0 at back0

ring_gate:                    ; ring 0 through the call gate
    PRINT32 "gate cs "
    mov eax, cs
    call hex32_32
    PRINT32 " ss "
    mov eax, ss
    call hex32_32
    PRINT32 " param "
    mov eax, [esp + 8]
    call hex32_32
    PRINT32 " old cs "
    mov eax, [esp + 4]
    call hex32_32
    PRINT32 " old ss "
    mov eax, [esp + 16]
    call hex32_32
    call nl32
    retf 4

setup_tss2:
    mov edi, TSS2
    xor eax, eax
    mov ecx, 0x68 / 4
    rep stosd
    mov dword [TSS2 + 0x20], LIN(task2)
    mov dword [TSS2 + 0x24], 0x2
    mov dword [TSS2 + 0x38], 0x7f00       ; ESP
    mov word [TSS2 + 0x48], SEL_D32       ; ES
    mov word [TSS2 + 0x4c], SEL_C32       ; CS
    mov word [TSS2 + 0x50], SEL_D32       ; SS
    mov word [TSS2 + 0x54], SEL_D32       ; DS
    mov word [TSS2 + 0x58], SEL_D32
    mov word [TSS2 + 0x5c], SEL_D32
    mov dword [TSS2 + 0x28], 0xaaaa       ; EAX
    mov byte [GDT_RAM + SEL_TSS2 + 5], 0x89   ; available again
    ret

task2:
    PRINT32 "task2 eax "
    call hex32_32
    PRINT32 " TR "
    str ax
    movzx eax, ax
    call hex32_32
    PRINT32 " NT "
    pushfd
    pop eax
    shr eax, 14
    and eax, 1
    call hex32_32
    call nl32
    iretd                     ; NT: back to task 1
    jmp task2                 ; the next switch into task2 resumes here
df_task:
    PRINT32 "#DF task: error code "
    pop eax
    call hex32_32
    PRINT32 " link "
    movzx eax, word [TSS2]
    call hex32_32
    PRINT32 " TR "
    str ax
    movzx eax, ax
    call hex32_32
    call nl32
    mov byte [GDT_RAM + SEL_TSS1 + 5], 0x89   ; task 1 stays busy (nested): free it for JMP
    mov dword [TSS1 + 0x20], LIN(df_back)
    jmp SEL_TSS1:0

task_gate_target:
task2_jmp:
    PRINT32 "task2 by jmp, link "
    movzx eax, word [TSS2]
    call hex32_32
    call nl32
    mov byte [GDT_RAM + SEL_TSS1 + 5], 0x89   ; task 1 is not busy after a JMP
    mov eax, [TSS1 + 0x20]
    call hex32_32
    call nl32
    mov dword [TSS1 + 0x20], LIN(jmp_back)
    jmp SEL_TSS1:0

bits 16
    times 0xfff0-($-$$) db 0
    jmp 0xf000:start
    times 0x10000-($-$$) db 0xff
