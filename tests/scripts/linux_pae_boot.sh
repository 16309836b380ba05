#!/bin/sh
# linux_pae_boot.sh: Debian 12's 686-pae kernel ($O/images/linux/pae/linux.qcow2, the Linux
# test guest's build with linux-image-6.1.0-*-686-pae) boots on PAE paging to the shell
# prompt on each CPU model of MODELS that pcemu accepts, through linux_boot.sh's checks
# against QEMU 7.2 with the same -cpu: the log equal to QEMU's (clock readings aside), a
# mid-boot save continued bit-identically, and the mid-boot snapshots cross-loaded both
# ways (LINUX_CHECKS=short: one QEMU reference run, no mid-workload save). A model pcemu
# refuses (one with SSE before pcemu has it) is reported and skipped; one it accepts must
# boot. The kernel's own lines must show PAE at work: "pae" in /proc/cpuinfo's flags.
set -u
MODELS="pentium2 pentium3 qemu32"
IMG=$O/images/linux/pae/linux.qcow2
[ -f "$IMG" ] || { echo "no $IMG (make images)"; exit 1; }
fail=0
ran=0
for model in $MODELS; do
    if ! why=$("$PCEMU" -cpu "$model" -nodefaults -display none -run-for 1us 2>&1 >/dev/null); then
        echo "skip -cpu $model: pcemu refuses it: $why"
        continue
    fi
    ran=$((ran + 1))
    mkdir -p "$TMPDIR_TEST/$model"
    if ! out=$(TMPDIR_TEST=$TMPDIR_TEST/$model LINUX_IMG=$IMG LINUX_CPU=$model LINUX_CHECKS=short \
               sh tests/scripts/linux_boot.sh 2>&1); then
        echo "$out"
        echo "FAIL -cpu $model"
        fail=1
        continue
    fi
    echo "$out"
    if ! grep -q '^flags.* pae ' "$TMPDIR_TEST/$model/p1.log"; then
        echo "FAIL -cpu $model: /proc/cpuinfo's flags lack pae"
        fail=1
    fi
done
[ "$ran" -gt 0 ] || { echo "FAIL: pcemu accepts none of $MODELS"; exit 1; }
exit $fail
