/* firmware.h: finding and loading the system firmware (pc.bios) and option ROMs (pc.rom).
 *
 * pc.bios: as QEMU 7.2 sizes it, the block is the firmware file, rounded up to a multiple of
 * FIRMWARE_BIOS_ALIGN (QEMU refuses other sizes; pcemu pads them), so that snapshots cross
 * to and from QEMU with any firmware (Debian's bios.bin gives 0x20000, bios-256k.bin
 * 0x40000). Padded (-machine pcemu-bios-pad=on), it is the next power of two of at least
 * the machine type's minimum (MachineType.bios_min) instead, so that firmware can shrink or
 * grow within it, as QEMU's documentation advises padding firmware files. The firmware
 * sits at the top of the block (its last byte at the block's last byte, which the machine
 * maps at 0xFFFFFFFF); the bytes below it are zero filler. A file that is empty or larger
 * than the largest block allowed is refused with a message naming both sizes.
 *
 * pc.rom: option ROMs (-option-rom) are placed one after another at 2 KiB boundaries from
 * the start of the 128 KiB block (0xC0000 in the guest). Each must carry the 0x55 0xAA
 * signature and fit what is left of the block.
 *
 * Files are input: every size is checked before use. All functions return 0 or a negative
 * errno with err filled. */
#ifndef PCEMU_FIRMWARE_FIRMWARE_H
#define PCEMU_FIRMWARE_FIRMWARE_H

#include "emu/base/base.h"

#define FIRMWARE_DEFAULT_BIOS "bios-256k.bin"   /* QEMU 7.2's default for the pc machine */
#define FIRMWARE_ROM_SIZE (128u * 1024)         /* pc.rom: 0xC0000-0xDFFFF */
#define FIRMWARE_ROM_ALIGN 2048u
#define FIRMWARE_MAX_BIOS (16u * 1024 * 1024)   /* the largest pc.bios block pcemu maps */
#define FIRMWARE_BIOS_ALIGN (64u * 1024)        /* QEMU's pc.bios granule */

/* Search path for firmware named without a '/': as QEMU's data directories on Debian. */
extern const char *const firmware_dirs[];

/* Resolves name (NULL = FIRMWARE_DEFAULT_BIOS) to a readable path: a name with a '/' is
 * taken as is, otherwise the first firmware_dirs entry holding it. On success *path is a
 * malloc'd string owned by the caller. */
int firmware_find(const char *name, char **path, Err *err);

/* Reads a whole file of at most max bytes into a malloc'd buffer (caller frees). An empty
 * file is an error. */
int firmware_read_file(const char *path, uint32_t max, uint8_t **data, uint32_t *size, Err *err);

/* The pc.bios block size for firmware of fw_size bytes, at least min_block: with pad, the
 * next power of two (min_block a power of two), else fw_size rounded up to
 * FIRMWARE_BIOS_ALIGN. Fails when fw_size is 0 or the result exceeds max_block. */
int firmware_bios_block_size(uint32_t fw_size, uint32_t min_block, uint32_t max_block, bool pad,
                             uint32_t *block_size, Err *err);

/* Loads firmware file path into a new pc.bios block (malloc'd, caller frees) of a size
 * chosen by firmware_bios_block_size; *fw_size gets the file's size. */
int firmware_load_bios(const char *path, uint32_t min_block, uint32_t max_block, bool pad,
                       uint8_t **block, uint32_t *block_size, uint32_t *fw_size, Err *err);

/* Places option ROM image data[0..size) into rom (FIRMWARE_ROM_SIZE bytes) at *used
 * (rounded up to FIRMWARE_ROM_ALIGN) and advances *used. name is for messages. */
int firmware_place_option_rom(uint8_t *rom, uint32_t *used, const char *name, const uint8_t *data,
                              uint32_t size, Err *err);

#endif
