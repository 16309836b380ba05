/* firmware.c: locating, reading and laying out pc.bios and option ROMs; see firmware.h.
 * Reference: QEMU 7.2 hw/i386/x86.c x86_bios_rom_init (firmware at the top of 4 GiB, last
 * 128 KiB aliased below 1 MiB) and hw/core/loader.c (option ROMs). Deliberately left out:
 * pflash (-drive if=pflash) and QEMU's requirement that the file be a multiple of 64 KiB
 * (pcemu pads it to one instead). */
#include "firmware/firmware.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

const char *const firmware_dirs[] = { "/usr/share/seabios", "/usr/share/qemu", NULL };

int firmware_find(const char *name, char **path, Err *err)
{
    if (!name)
        name = FIRMWARE_DEFAULT_BIOS;
    if (!*name)
        return ERR(err, -EINVAL, "firmware: empty file name");
    if (strchr(name, '/')) {
        if (access(name, R_OK) != 0)
            return ERR(err, -errno, "firmware %s: %s", name, strerror(errno));
        *path = xstrdup(name);
        return 0;
    }
    for (int i = 0; firmware_dirs[i]; i++) {
        size_t n = strlen(firmware_dirs[i]) + 1 + strlen(name) + 1;
        char *p = xmalloc(n);
        snprintf(p, n, "%s/%s", firmware_dirs[i], name);
        if (access(p, R_OK) == 0) {
            *path = p;
            return 0;
        }
        free(p);
    }
    return ERR(err, -ENOENT, "firmware %s: not found in %s or %s", name, firmware_dirs[0],
               firmware_dirs[1]);
}

/* Opens path, a regular file of 1 to max bytes; returns the fd (size in *size) or -errno. */
static int open_file(const char *path, uint32_t max, uint32_t *size, Err *err)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return ERR(err, -errno, "%s: %s", path, strerror(errno));
    struct stat st;
    int r = 0;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode))
        r = ERR(err, -EINVAL, "%s: not a regular file", path);
    else if (st.st_size == 0)
        r = ERR(err, -EINVAL, "%s: file is empty (0 bytes)", path);
    else if ((uint64_t)st.st_size > max)
        r = ERR(err, -EFBIG, "%s: %" PRIu64 " bytes, more than the %" PRIu32 " allowed", path,
                (uint64_t)st.st_size, max);
    if (r < 0) {
        close(fd);
        return r;
    }
    *size = (uint32_t)st.st_size;
    return fd;
}

/* Reads n bytes of fd into buf and closes fd. */
static int read_all(int fd, const char *path, uint8_t *buf, uint32_t n, Err *err)
{
    uint32_t got = 0;
    while (got < n) {
        ssize_t r = read(fd, buf + got, n - got);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0) {
            int e = r < 0 ? -errno : -EIO;
            close(fd);
            return ERR(err, e, "%s: read failed after %" PRIu32 " of %" PRIu32 " bytes", path, got, n);
        }
        got += (uint32_t)r;
    }
    close(fd);
    return 0;
}

int firmware_read_file(const char *path, uint32_t max, uint8_t **data, uint32_t *size, Err *err)
{
    uint32_t n;
    int fd = open_file(path, max, &n, err);
    if (fd < 0)
        return fd;
    uint8_t *buf = xmalloc(n);
    int r = read_all(fd, path, buf, n, err);
    if (r < 0) {
        free(buf);
        return r;
    }
    *data = buf;
    *size = n;
    return 0;
}

int firmware_bios_block_size(uint32_t fw_size, uint32_t min_block, uint32_t max_block, bool pad,
                             uint32_t *block_size, Err *err)
{
    if (fw_size == 0)
        return ERR(err, -EINVAL, "firmware is empty (0 bytes); the pc.bios block needs 1 to %" PRIu32
                   " bytes", max_block);
    if (fw_size > max_block)
        return ERR(err, -EFBIG, "firmware is %" PRIu32 " bytes, larger than the %" PRIu32
                   "-byte pc.bios block", fw_size, max_block);
    uint64_t b = min_block ? min_block : 4096;
    if (!pad)
        b = MAX(b, align_up(fw_size, FIRMWARE_BIOS_ALIGN));
    while (b < fw_size)
        b <<= 1;
    if (b > max_block)
        return ERR(err, -EFBIG, "firmware is %" PRIu32 " bytes; its pc.bios block of %" PRIu64
                   " bytes is larger than the %" PRIu32 " allowed", fw_size, b, max_block);
    *block_size = (uint32_t)b;
    return 0;
}

int firmware_load_bios(const char *path, uint32_t min_block, uint32_t max_block, bool pad,
                       uint8_t **block, uint32_t *block_size, uint32_t *fw_size_out, Err *err)
{
    uint32_t fw_size, bsize;
    struct stat st0;
    if (stat(path, &st0) == 0 && S_ISREG(st0.st_mode) && st0.st_size == 0)
        return ERR(err, -EINVAL, "firmware %s is empty (0 bytes); the pc.bios block takes 1 to %"
                   PRIu32 " bytes", path, max_block);
    int fd = open_file(path, max_block, &fw_size, err);
    if (fd == -EFBIG) {
        struct stat st;
        uint64_t sz = stat(path, &st) == 0 ? (uint64_t)st.st_size : 0;
        err_clear(err);
        return ERR(err, -EFBIG, "firmware %s is %" PRIu64 " bytes, larger than the %" PRIu32
                   "-byte pc.bios block", path, sz, max_block);
    }
    if (fd < 0) {
        err_prefix(err, "firmware");
        return fd;
    }
    int r = firmware_bios_block_size(fw_size, min_block, max_block, pad, &bsize, err);
    if (r < 0) {
        close(fd);
        err_prefix(err, "%s", path);
        return r;
    }
    /* straight into the block's top: each page is written once, not copied from a buffer */
    uint8_t *b = xzalloc(bsize);
    if ((r = read_all(fd, path, b + (bsize - fw_size), fw_size, err)) < 0) {
        free(b);
        err_prefix(err, "firmware");
        return r;
    }
    *block = b;
    *block_size = bsize;
    *fw_size_out = fw_size;
    return 0;
}

int firmware_place_option_rom(uint8_t *rom, uint32_t *used, const char *name, const uint8_t *data,
                              uint32_t size, Err *err)
{
    if (size == 0)
        return ERR(err, -EINVAL, "option ROM %s is empty (0 bytes)", name);
    if (size < 3 || data[0] != 0x55 || data[1] != 0xAA)
        return ERR(err, -EINVAL, "option ROM %s: no 55 AA signature at its start", name);
    uint64_t at = align_up(*used, FIRMWARE_ROM_ALIGN);
    if (at > FIRMWARE_ROM_SIZE || size > FIRMWARE_ROM_SIZE - at)
        return ERR(err, -EFBIG, "option ROM %s is %" PRIu32 " bytes; only %" PRIu64
                   " of the %u-byte pc.rom block are left", name, size,
                   at > FIRMWARE_ROM_SIZE ? 0 : FIRMWARE_ROM_SIZE - at, FIRMWARE_ROM_SIZE);
    memcpy(rom + at, data, size);
    *used = (uint32_t)(at + size);
    return 0;
}
