/* smbios.h: the SMBIOS tables QEMU 7.2 hands the firmware through fw_cfg for the pc
 * machine (hw/smbios/smbios.c with its defaults, no -smbios options): the 2.1 (32-bit)
 * entry point for etc/smbios/smbios-anchor, version 2.8, its address and checksums left 0
 * for SeaBIOS to fill in, and types 1, 3, 4, 16, 17, 19, 32 and 127 for
 * etc/smbios/smbios-tables. There is no type 0: SeaBIOS adds its own. Reference: DMTF
 * DSP0134 2.8; tests/scripts/fwcfg_qemu.sh compares the files with QEMU's. Not built:
 * memory above 4 GiB (pcemu has at most 3 GiB) and more than one CPU. */
#ifndef PCEMU_FIRMWARE_SMBIOS_H
#define PCEMU_FIRMWARE_SMBIOS_H

#include "emu/base/base.h"

#define SMBIOS_ANCHOR_LEN 31        /* the 2.1 entry point structure */

typedef struct SmbiosConfig {
    const char *product;            /* type 1 product: QEMU's machine description */
    const char *version;            /* types 1, 3, 4 version: the machine type's name */
    uint64_t ram_size;              /* bytes, below 4 GiB */
    uint32_t cpuid_version;         /* CPUID.1 EAX, type 4's processor id */
    uint32_t cpuid_features;        /* CPUID.1 EDX */
} SmbiosConfig;

/* Builds the structures into a malloc'd buffer (*tables, *len; the caller frees) and the
 * entry point into anchor. The configuration is the machine's own (trusted). */
void smbios_build(const SmbiosConfig *cfg, uint8_t **tables, uint32_t *len,
                  uint8_t anchor[SMBIOS_ANCHOR_LEN]);

#endif
