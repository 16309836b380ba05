/* kernelboot.h: -kernel/-initrd/-append as QEMU 7.2 does them (hw/i386/x86.c
 * x86_load_linux, hw/i386/multiboot.c load_multiboot): the kernel file is read and laid out
 * into the blobs and addresses QEMU hands over through fw_cfg, and the option ROM that boots
 * them is named (QEMU's linuxboot_dma.bin or multiboot_dma.bin, from qemu-system-data; the
 * machine adds it as fw_cfg file genroms/NAME, RAM block /rom@genroms/NAME, first in
 * bootorder).
 *
 * A Linux kernel (a bzImage: "HdrS" at 0x202) is split into its real-mode setup and its
 * protected-mode part; the setup header is patched as QEMU patches it (loader type 0xB0,
 * command line address, heap end, vga=, initrd address and size). A kernel without "HdrS"
 * but with a multiboot header in its first 8 KiB is a multiboot kernel: its image (the
 * a.out kludge, header flag 16), the modules (-initrd "FILE ARGS,FILE ARGS", ",," for a
 * comma) and their command lines go in one buffer at the kernel's load address, and the
 * multiboot information structure (MBI) is the "initrd" item at 0x9500; the ROM fills in
 * the memory fields and the memory map.
 *
 * Not supported (one-line errors): ELF kernels (QEMU's PVH boot, and multiboot kernels
 * without flag 16, which QEMU loads as ELF), -dtb. Errors are QEMU's words (QEMU prints
 * them after "qemu: "); a file larger than the guest's RAM is refused, where QEMU would go
 * on and fail in the guest. Files are input: every size and offset is checked. */
#ifndef PCEMU_FIRMWARE_KERNELBOOT_H
#define PCEMU_FIRMWARE_KERNELBOOT_H

#include "emu/base/base.h"

#define KERNELBOOT_LINUX_ROM "linuxboot_dma.bin"       /* QEMU's, with fw_cfg DMA */
#define KERNELBOOT_MULTIBOOT_ROM "multiboot_dma.bin"
/* RAM QEMU's pc machines keep free for ACPI tables below the top of low RAM, which the
 * initrd stays under (pc_piix.c acpi_data_size: 0x20000 + 0x8000 from 2.1 on, with or
 * without acpi=off) */
#define KERNELBOOT_ACPI_DATA_SIZE 0x28000u

typedef struct KernelBootArgs {
    const char *kernel;         /* -kernel FILE */
    const char *initrd;         /* -initrd, or NULL */
    const char *append;         /* -append, or NULL = "" */
    uint32_t below_4g;          /* guest RAM below 4 GiB, bytes (at least 1 MiB) */
} KernelBootArgs;

typedef struct KernelBootBlob {
    uint8_t *data;              /* malloc'd; NULL when len is 0 */
    uint32_t len;
} KernelBootBlob;

/* What the machine hands over through fw_cfg (keys in emu/dev/fwcfg.h). */
typedef struct KernelBoot {
    bool multiboot;
    bool has_initrd;            /* INITRD_* items (always for multiboot: the MBI) */
    uint32_t kernel_addr;       /* KERNEL_ADDR: protected-mode code / multiboot load address */
    uint32_t kernel_entry;      /* KERNEL_ENTRY: multiboot only */
    uint32_t initrd_addr;       /* INITRD_ADDR */
    uint32_t setup_addr;        /* SETUP_ADDR: Linux only */
    uint32_t cmdline_addr;      /* CMDLINE_ADDR: Linux only */
    KernelBootBlob kernel;      /* KERNEL_SIZE, KERNEL_DATA */
    KernelBootBlob initrd;      /* INITRD_SIZE, INITRD_DATA (multiboot: the MBI) */
    KernelBootBlob setup;       /* SETUP_SIZE, SETUP_DATA: Linux only */
    KernelBootBlob cmdline;     /* CMDLINE_SIZE, CMDLINE_DATA with its NUL: Linux only */
    const char *rom;            /* KERNELBOOT_LINUX_ROM or KERNELBOOT_MULTIBOOT_ROM */
} KernelBoot;

/* Reads args->kernel (and the initrd or modules) and fills kb, which the caller releases
 * with kernelboot_free (also after a failure). Returns 0 or a negative errno with err. */
int kernelboot_load(const KernelBootArgs *args, KernelBoot *kb, Err *err);
void kernelboot_free(KernelBoot *kb);

#endif
