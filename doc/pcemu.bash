# pcemu.bash: bash completion for pcemu and pcemu-img, installed as
# share/bash-completion/completions/pcemu and .../pcemu-img (the same file).

_pcemu()
{
    local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}
    case $prev in
        -M|-machine) COMPREPLY=($(compgen -W "pc pc-i440fx-7.2 pc-i440fx-6.0 help" -- "$cur")); return ;;
        -cpu) COMPREPLY=($(compgen -W "pentium2 pentium2,-fpu help" -- "$cur")); return ;;
        -serial) COMPREPLY=($(compgen -W "stdio mon:stdio null none file: pty unix: tcp: chardev:" -- "$cur")); return ;;
        -debugcon) COMPREPLY=($(compgen -W "stdio null file: pty unix: tcp:" -- "$cur")); return ;;
        -echr) COMPREPLY=($(compgen -W "0x01 0x14" -- "$cur")); return ;;
        -d) COMPREPLY=($(compgen -W "cpu int io dev block snap mmu help" -- "$cur")); return ;;
        -display|-vga|-net|-nic|-parallel) COMPREPLY=($(compgen -W "none" -- "$cur")); return ;;
        -smp) COMPREPLY=($(compgen -W "1" -- "$cur")); return ;;
        -accel) COMPREPLY=($(compgen -W "tcg" -- "$cur")); return ;;
        -run-until) COMPREPLY=($(compgen -W "serial: halt icount:" -- "$cur")); return ;;
        -monitor|-qmp) COMPREPLY=($(compgen -W "stdio unix:" -- "$cur")); return ;;
        -snapshot) [[ $cur == -* ]] || { COMPREPLY=($(compgen -W "save" -- "$cur")); return; } ;;
        -hda|-hdb|-hdc|-hdd|-bios|-option-rom|-kernel|-initrd|-cdrom|-fda|-fdb|-pidfile|-D|-dump-vmstate)
            COMPREPLY=($(compgen -f -- "$cur")); return ;;
        -drive) COMPREPLY=($(compgen -W "file=" -- "$cur")); return ;;
    esac
    if [[ $cur == -* ]]; then
        COMPREPLY=($(compgen -W "-M -machine -cpu -m -bios -option-rom -kernel -initrd -append -drive -cdrom -fda -fdb -hda -hdb -hdc
            -hdd -boot -serial -chardev -device -debugcon -echr -nographic -display -icount -rtc -S
            -no-reboot -no-shutdown -run-until -run-for -d -D -dump-vmstate -nodefaults
            -snapshot -loadvm -monitor -qmp -gdb -s -smp -accel -name -pidfile -vga -net
            -nic -parallel -no-acpi -no-hpet -no-user-config -only-migratable -singlestep
            -version -help" -- "$cur"))
    fi
}

_pcemu_img()
{
    local cur=${COMP_WORDS[COMP_CWORD]}
    if [[ $COMP_CWORD == 1 ]]; then
        COMPREPLY=($(compgen -W "create info check snapshot convert map compare resize
            measure amend vmstate vmstate-extract vmstate-save write read --version" -- "$cur"))
    elif [[ ${COMP_WORDS[1]} == vmstate && $COMP_CWORD == 2 ]]; then
        COMPREPLY=($(compgen -W "dump" -- "$cur"))
    elif [[ $cur == -* ]]; then
        COMPREPLY=($(compgen -W "-f -O -o -q -p -U --force-share --output=human --output=json
            -r -l -c -a -d -s -F --shrink --size --start-offset= --max-length= --desc
            --extract" -- "$cur"))
    else
        COMPREPLY=($(compgen -f -- "$cur"))
    fi
}

complete -F _pcemu pcemu
complete -F _pcemu_img pcemu-img
