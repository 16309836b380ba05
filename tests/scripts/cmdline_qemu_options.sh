#!/bin/sh
# cmdline_qemu_options.sh: every option of QEMU 7.2's qemu-system-i386 either works on
# pcemu or is refused with one line naming what pcemu lacks (never "unknown option"), row
# by row from the table below; the table covers every option `qemu-system-i386 -help`
# lists, and each takes an argument exactly when QEMU's does ("requires an argument" on
# both). A misspelt option gets the closest real one. -smp 1, -accel tcg and the like work.
set -u
T=$TMPDIR_TEST
cd "$T" || exit 1
fails=0
command -v qemu-system-i386 >/dev/null || { echo "qemu-system-i386 not installed"; exit 77; }
# name | argument given ("-" for none) | work, refuse, or other (an option another part of
# issue 16 added, tested by their own scripts: -kernel, -initrd, -append (kernel_boot.sh),
# -cdrom (cdrom_boot.sh), -fda, -fdb (floppy.sh)); -debugcon and -echr work here and are
# compared with QEMU in console_debugcon_echr.sh
cat >table <<'TABLE'
D log.txt work
L /usr/share/qemu refuse
M pc work
S - work
accel tcg work
acpitable file=x refuse
action reboot=shutdown refuse
add-fd fd=3,set=1 refuse
append x other
async-teardown - refuse
audio model=sb16 refuse
audio-help - refuse
audiodev none,id=a refuse
bios bios-256k.bin work
blockdev driver=null-co refuse
boot c work
cdrom x.iso other
chardev null,id=c0 work
chroot / refuse
compat deprecated-input=reject refuse
cpu pentium2,-de,-pae,-mce,-mca,-pse36,-hypervisor work
d cpu work
daemonize - refuse
debugcon null work
device isa-debugcon,chardev=c9 refuse-chardev
dfilter 0x0..0x100 refuse
display none work
drive file=x.qcow2,format=qcow2 refuse-file
dtb x.dtb refuse
dump-vmstate vms.json work
echr 0x14 work
enable-kvm - refuse
enable-sync-profile - refuse
fda x.img other
fdb x.img other
fsdev local,id=f,path=/ refuse
full-screen - refuse
fw_cfg name=opt/x,string=y refuse
gdb tcp::0 work-S
global isa-fdc.driveA=x refuse
h - work
hda x.qcow2 refuse-file
hdb x.qcow2 refuse-file
hdc x.qcow2 refuse-file
hdd x.qcow2 refuse-file
help - work
icount shift=3 work
incoming defer refuse
initrd x other
iscsi initiator-name=x refuse
k en-us refuse
kernel x other
loadvm s1 refuse-loadvm
m 32 work
machine pc work
mem-path /tmp refuse
mem-prealloc - refuse
mon chardev=c0 refuse
monitor none work
msg timestamp=on refuse
mtdblock x.img refuse
name guest1 work
net none work
netdev user,id=n0 refuse
nic none work
no-acpi - work
no-fd-bootchk - work
no-hpet - work
no-reboot - work
no-shutdown - work
no-user-config - work
nodefaults - work
nographic - work-S
numa node refuse
object memory-backend-ram,id=r,size=1M refuse
only-migratable - work
option-rom x.rom refuse-file
overcommit mem-lock=on refuse
parallel none work
pflash x.img refuse
pidfile p.pid work
plugin file=x.so refuse
portrait - refuse
preconfig - refuse
qmp-pretty stdio refuse
qmp unix:q.sock,server=on,wait=off work-S
qtest stdio refuse
qtest-log x refuse
readconfig x.cfg refuse
rotate 90 refuse
rtc base=utc work
runas nobody refuse
s - work-S
sandbox on refuse
sd x.img refuse
seed 1 refuse
serial null work
set device.x.y=z refuse
singlestep - work
smbios type=0 refuse
smp 1 work
snapshot - work
spice port=5900 refuse
tpmdev passthrough,id=t refuse
trace x refuse
usb - refuse
usbdevice tablet refuse
uuid 12345678-1234-1234-1234-123456789abc refuse
version - work
vga none work
virtfs local,path=/,mount_tag=x refuse
vnc :0 refuse
watchdog-action pause refuse
win2k-hack - refuse
xen-attach - refuse
xen-domid 1 refuse
xen-domid-restrict - refuse
g 800x600 refuse
semihosting - refuse
semihosting-config enable=on refuse
old-param - refuse
prom-env x=y refuse
TABLE

# The table has every option QEMU's -help lists.
qemu-system-i386 -help | grep -oE '^-{1,2}[a-zA-Z0-9_-]+(/-[a-zA-Z0-9_-]+)*' | tr '/' '\n' |
    sed 's/^-*//' | sort -u >qemu-names
cut -d' ' -f1 table | sort -u >table-names
missing=$(comm -23 qemu-names table-names)
[ -z "$missing" ] || { echo "FAIL: QEMU options missing from the table: $missing"; fails=$((fails + 1)); }
echo "QEMU -help lists $(wc -l <qemu-names) options; the table has $(wc -l <table-names) rows"

rows=0
while read -r name arg want; do
    rows=$((rows + 1))
    # Same arity as QEMU: without its argument, both say it requires one (QEMU checks that
    # in its first pass, before -version acts).
    qemu-system-i386 -version "-$name" >qout 2>&1 </dev/null
    q_arg=no; grep -q "requires an argument" qout && q_arg=yes
    [ "$arg" = - ] && t_arg=no || t_arg=yes
    if [ "$q_arg" != "$t_arg" ] && ! grep -q "not compiled with xen" qout; then
        echo "FAIL: -$name: QEMU takes an argument: $q_arg, the table says $t_arg"; fails=$((fails + 1))
    fi
    if [ "$t_arg" = yes ] && [ "$want" != other ]; then
        "$PCEMU" "-$name" >out 2>err </dev/null
        if ! grep -q "requires an argument\|argument missing\|expected 'save NAME'" err; then
            echo "FAIL: pcemu -$name without its argument: $(cat err)"; fails=$((fails + 1))
        fi
    fi
    set -- "-$name"
    [ "$arg" = - ] || set -- "-$name" "$arg"
    case $want in
    work)
        # -S and a small RAM: the option is taken and pcemu builds the machine
        "$PCEMU" "$@" -S -m 32 >out 2>err </dev/null; rc=$?
        if [ $rc != 0 ] || [ -s err ]; then
            echo "FAIL: pcemu $* should work: exit $rc, $(cat err)"; fails=$((fails + 1))
        else
            echo "ok: pcemu $* works"
        fi ;;
    work-S)
        # options that start a server or take the terminal: parsed, then -version ends it
        "$PCEMU" "$@" -version >out 2>err </dev/null; rc=$?
        if [ $rc != 0 ] || [ -s err ]; then
            echo "FAIL: pcemu $* is not accepted: exit $rc, $(cat err)"; fails=$((fails + 1))
        else
            echo "ok: pcemu $* is accepted"
        fi ;;
    refuse*)
        # one line, exit 1, naming the option and what pcemu lacks; the -file/-chardev
        # rows exist in pcemu and fail on the missing file or chardev instead
        "$PCEMU" "$@" -S -m 32 >out 2>err </dev/null; rc=$?
        if [ $rc != 1 ] || [ "$(wc -l <err)" != 1 ] || grep -q "unknown option" err ||
           { [ "$want" = refuse ] && ! grep -qF -- "-$name" err; }; then
            echo "FAIL: pcemu $* should be refused in one line: exit $rc, $(cat err)"; fails=$((fails + 1))
        else
            echo "ok: pcemu $* -> $(cat err)"
        fi ;;
    other) echo "(-$name: tested by its own script)" ;;
    esac
done <table
echo "$rows rows"

# Misspelt options suggest the closest real one; a word far from all of them does not.
for pair in nographics:nographic machin:machine serail:serial pidfle:pidfile enable-kv:enable-kvm; do
    "$PCEMU" "-${pair%%:*}" >out 2>err </dev/null
    grep -qF "did you mean -${pair#*:}?" err || { echo "FAIL: -${pair%%:*}: $(cat err)"; fails=$((fails + 1)); }
done
"$PCEMU" -frobnicate 2>err
grep -q "did you mean" err && { echo "FAIL: -frobnicate: $(cat err)"; fails=$((fails + 1)); }
# Values pcemu cannot give are refused naming the value.
for bad in "-smp 2" "-smp cpus=1,cores=2" "-accel kvm" "-accel thread=multi" "-vga std" "-net user" "-nic user" "-parallel stdio"; do
    # shellcheck disable=SC2086
    "$PCEMU" $bad -S -m 32 >out 2>err </dev/null && { echo "FAIL: $bad accepted"; fails=$((fails + 1)); }
    grep -qF -- "${bad#* }" err || { echo "FAIL: $bad: $(cat err)"; fails=$((fails + 1)); }
done
[ $fails = 0 ] || { echo "$fails failures"; exit 1; }
echo "every QEMU option works or is refused in one line"
