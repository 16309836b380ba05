/* kernelboot.c: -kernel/-initrd/-append laid out as QEMU 7.2 lays them out; see
 * kernelboot.h. References: QEMU 7.2 hw/i386/x86.c x86_load_linux, hw/i386/multiboot.c,
 * Linux Documentation/x86/boot.rst (setup header offsets), the Multiboot 0.6.96
 * specification (header and information structure). The checks, their order and their
 * messages are QEMU's, so that a bad command line fails the same way on both. */
#include "firmware/kernelboot.h"

#include <assert.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define HDR_LEN 8192u                 /* QEMU reads this much of the kernel as its header */
#define PAGE 4096u
/* setup header (boot.rst) */
#define SH_SETUP_SECTS 0x1f1
#define SH_VID_MODE 0x1fa
#define SH_MAGIC 0x202                /* "HdrS" */
#define SH_VERSION 0x206
#define SH_TYPE_OF_LOADER 0x210
#define SH_LOADFLAGS 0x211            /* bit 0 LOADED_HIGH, bit 7 CAN_USE_HEAP */
#define SH_RAMDISK_IMAGE 0x218
#define SH_RAMDISK_SIZE 0x21c
#define SH_HEAP_END_PTR 0x224
#define SH_CMD_LINE_PTR 0x228
#define SH_INITRD_ADDR_MAX 0x22c
#define SH_XLOADFLAGS 0x236           /* bit 1 XLF_CAN_BE_LOADED_ABOVE_4G */
#define SH_OLD_CL_MAGIC 0x20          /* protocol < 2.02: 0xA33F and the offset at 0x22 */
#define HDRS_MAGIC 0x53726448u
/* multiboot */
#define MB_MAGIC 0x1BADB002u
#define MB_FLAG_VIDEO 0x4u
#define MB_FLAG_ADDR 0x10000u         /* the a.out kludge: the header carries the addresses */
#define MB_MMAP_ADDR 0x9000u          /* QEMU's MULTIBOOT_STRUCT_ADDR: the ROM's memory map */
#define MB_MBI_ADDR (MB_MMAP_ADDR + 0x500)
#define MB_MBI_SIZE 88u
#define MB_MOD_SIZE 16u
#define MB_BOOTLOADER "qemu"          /* QEMU's bootloader_name: the guest sees the same MBI */
enum { MBI_FLAGS = 0, MBI_BOOT_DEVICE = 12, MBI_CMDLINE = 16, MBI_MODS_COUNT = 20,
       MBI_MODS_ADDR = 24, MBI_MMAP_ADDR = 48, MBI_BOOTLOADER = 64 };
/* memory, boot device, command line, modules, memory map, boot loader name */
#define MBI_FLAGS_SET (0x1u | 0x2u | 0x4u | 0x8u | 0x40u | 0x200u)

void kernelboot_free(KernelBoot *kb)
{
    free(kb->kernel.data);
    free(kb->initrd.data);
    free(kb->setup.data);
    free(kb->cmdline.data);
    *kb = (KernelBoot){ 0 };
}

/* Reads a whole regular file of at most max bytes (an empty one included) into out.
 * Returns 0, -EFBIG when larger than max, or another negative errno (errno's value). */
static int read_file(const char *path, uint32_t max, KernelBootBlob *out)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return -errno;
    struct stat st;
    int r = 0;
    if (fstat(fd, &st) != 0)
        r = -errno;
    else if (!S_ISREG(st.st_mode))
        r = -EINVAL;
    else if ((uint64_t)st.st_size > max)
        r = -EFBIG;
    uint32_t n = r ? 0 : (uint32_t)st.st_size, got = 0;
    uint8_t *buf = r ? NULL : xmalloc(n ? n : 1);
    while (!r && got < n) {
        ssize_t k = read(fd, buf + got, n - got);
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0)
            r = k < 0 ? -errno : -EIO;
        else
            got += (uint32_t)k;
    }
    close(fd);
    if (r) {
        free(buf);
        return r;
    }
    *out = (KernelBootBlob){ .data = n ? buf : NULL, .len = n };
    if (!n)
        free(buf);
    return 0;
}

static int too_big(const char *what, const char *path, uint32_t ram, Err *err)
{
    struct stat st;
    uint64_t size = stat(path, &st) == 0 ? (uint64_t)st.st_size : 0;
    return ERR(err, -EFBIG, "%s '%s' is %" PRIu64 " bytes, more than the guest's RAM (%" PRIu32
               " bytes)", what, path, size, ram);
}

/* ---- Linux ---- */

/* vga= as QEMU parses it (qemu_strtoui, base 0, then the end of the word). */
static int parse_vga(const char *v, uint16_t *mode, Err *err)
{
    if (!strncmp(v, "normal", 6)) {
        *mode = 0xffff;
    } else if (!strncmp(v, "ext", 3)) {
        *mode = 0xfffe;
    } else if (!strncmp(v, "ask", 3)) {
        *mode = 0xfffd;
    } else {
        char *end;
        errno = 0;
        unsigned long long n = strtoull(v, &end, 0);
        const char *p = v;
        while (*p == ' ' || (*p >= '\t' && *p <= '\r'))
            p++;
        /* a negative number wraps as unsigned int, within [-UINT_MAX, UINT_MAX] */
        bool neg_ok = *p == '-' && n > UINT32_MAX && -n <= UINT32_MAX;
        if (end == v || errno == ERANGE || (n > UINT32_MAX && !neg_ok) || (*end && *end != ' '))
            return ERR(err, -EINVAL, "invalid 'vga=' kernel parameter.");
        *mode = (uint16_t)n;
    }
    return 0;
}

static int load_linux(const KernelBootArgs *a, const char *cmdline, uint8_t *img, uint32_t size,
                      uint8_t *header, KernelBoot *kb, Err *err)
{
    uint32_t protocol = 0;
    if (le32(header + SH_MAGIC) == HDRS_MAGIC)
        protocol = le16(header + SH_VERSION);
    size_t cmdline_len = strlen(cmdline);
    uint32_t cmdline_size = (uint32_t)((cmdline_len + 16) & ~(size_t)15);
    uint32_t real_addr, cmdline_addr, prot_addr;
    if (protocol < 0x200 || !(header[SH_LOADFLAGS] & 0x01)) {      /* low kernel */
        real_addr = 0x90000;
        cmdline_addr = 0x9a000 - cmdline_size;
        prot_addr = 0x10000;
    } else if (protocol < 0x202) {                                  /* high, ancient */
        real_addr = 0x90000;
        cmdline_addr = 0x9a000 - cmdline_size;
        prot_addr = 0x100000;
    } else {                                                        /* high, recent */
        real_addr = 0x10000;
        cmdline_addr = 0x20000;
        prot_addr = 0x100000;
    }
    uint32_t initrd_max;
    if (protocol >= 0x20c && (le16(header + SH_XLOADFLAGS) & 0x2))
        initrd_max = UINT32_MAX;
    else if (protocol >= 0x203)
        initrd_max = le32(header + SH_INITRD_ADDR_MAX);
    else
        initrd_max = 0x37ffffff;
    uint32_t low = a->below_4g > KERNELBOOT_ACPI_DATA_SIZE ?
                   a->below_4g - KERNELBOOT_ACPI_DATA_SIZE : 1;   /* RAM below the reserve */
    if (initrd_max >= low)
        initrd_max = low - 1;

    kb->cmdline_addr = cmdline_addr;
    kb->cmdline.len = (uint32_t)cmdline_len + 1;
    kb->cmdline.data = (uint8_t *)xstrdup(cmdline);

    if (protocol >= 0x202) {
        put_le32(header + SH_CMD_LINE_PTR, cmdline_addr);
    } else {
        put_le16(header + SH_OLD_CL_MAGIC, 0xA33F);
        put_le16(header + SH_OLD_CL_MAGIC + 2, (uint16_t)(cmdline_addr - real_addr));
    }
    const char *vga = strstr(cmdline, "vga=");
    if (vga) {
        uint16_t mode = 0;
        if (parse_vga(vga + 4, &mode, err) < 0)
            return -EINVAL;
        put_le16(header + SH_VID_MODE, mode);
    }
    if (protocol >= 0x200)
        header[SH_TYPE_OF_LOADER] = 0xB0;       /* QEMU's loader id, revision 0 */
    if (protocol >= 0x201) {
        header[SH_LOADFLAGS] |= 0x80;           /* CAN_USE_HEAP */
        put_le16(header + SH_HEAP_END_PTR, (uint16_t)(cmdline_addr - real_addr - 0x200));
    }

    if (a->initrd) {
        if (protocol < 0x200)
            return ERR(err, -EINVAL, "linux kernel too old to load a ram disk");
        int r = read_file(a->initrd, a->below_4g, &kb->initrd);
        struct stat st;
        if (r == -EFBIG && stat(a->initrd, &st) == 0)
            return ERR(err, -EFBIG, "initrd is too large, cannot support.(max: %" PRIu32
                       ", need %" PRIu64 ")", initrd_max, (uint64_t)st.st_size);
        if (r < 0)
            return ERR(err, r, "error reading initrd %s: Failed to open file \u201c%s\u201d: "
                       "open() failed: %s", a->initrd, a->initrd, strerror(-r));
        if (kb->initrd.len >= initrd_max)
            return ERR(err, -EFBIG, "initrd is too large, cannot support.(max: %" PRIu32
                       ", need %" PRIu32 ")", initrd_max, kb->initrd.len);
        kb->has_initrd = true;
        kb->initrd_addr = (initrd_max - kb->initrd.len) & ~(PAGE - 1);
        put_le32(header + SH_RAMDISK_IMAGE, kb->initrd_addr);
        put_le32(header + SH_RAMDISK_SIZE, kb->initrd.len);
    }

    uint32_t setup_size = header[SH_SETUP_SECTS] ? header[SH_SETUP_SECTS] : 4;
    setup_size = (setup_size + 1) * 512;
    if (setup_size > size)
        return ERR(err, -EINVAL, "invalid kernel header");
    kb->setup.len = setup_size;
    kb->setup.data = xmalloc(setup_size);
    memcpy(kb->setup.data, img, setup_size);
    if (protocol > 0)         /* a file without "HdrS" goes in unpatched (QEMU 7.2.x stable) */
        memcpy(kb->setup.data, header, MIN(HDR_LEN, setup_size));
    kb->kernel.len = size - setup_size;
    if (kb->kernel.len) {
        kb->kernel.data = xmalloc(kb->kernel.len);
        memcpy(kb->kernel.data, img + setup_size, kb->kernel.len);
    }
    kb->kernel_addr = prot_addr;
    kb->setup_addr = real_addr;
    kb->rom = KERNELBOOT_LINUX_ROM;
    return 0;
}

/* ---- multiboot ---- */

/* Offset of a valid multiboot header (magic, flags, checksum summing to 0) in the first
 * 8 KiB, 4-aligned, or -1. */
static int find_multiboot(const uint8_t *header)
{
    for (uint32_t i = 0; i < HDR_LEN - 48; i += 4)
        if (le32(header + i) == MB_MAGIC &&
            (uint32_t)(MB_MAGIC + le32(header + i + 4) + le32(header + i + 8)) == 0)
            return (int)i;
    return -1;
}

/* QEMU's get_opt_value: the text up to a ',' that is not ",," (which stands for a comma),
 * unescaped into a malloc'd string; returns where it stopped (at the ',' or the NUL). */
static const char *next_module(const char *p, char **value)
{
    size_t n = 0;
    char *v = value ? xmalloc(strlen(p) + 1) : NULL;
    for (; *p; p++) {
        if (*p == ',') {
            if (p[1] != ',')
                break;
            p++;
        }
        if (v)
            v[n++] = *p;
    }
    if (v) {
        v[n] = 0;
        *value = v;
    }
    return p;
}

typedef struct MbBuf {
    uint8_t *buf;
    uint64_t size;                /* bytes allocated (page multiple) */
    uint32_t phys;                /* guest address of buf[0] */
    uint64_t cmdlines;            /* next command line goes here */
} MbBuf;

/* Appends a NUL-terminated string at the command line cursor; returns its guest address
 * (truncated to 32 bits as QEMU's stl_p does). */
static uint32_t mb_add_string(MbBuf *mb, uint64_t *at, const char *s)
{
    size_t n = strlen(s) + 1;
    assert(*at + n <= mb->size);
    memcpy(mb->buf + *at, s, n);
    uint32_t addr = (uint32_t)(mb->phys + *at);
    *at += n;
    return addr;
}

/* XXX: QEMU grows its buffer with g_realloc and leaves the new bytes (page padding after
 * the bss and after each module) uninitialised, so heap bytes reach the guest there; they
 * are zero here. */
static void mb_grow(MbBuf *mb, uint64_t size)
{
    mb->buf = xrealloc(mb->buf, size);
    memset(mb->buf + mb->size, 0, size - mb->size);
    mb->size = size;
}

static int load_multiboot(const KernelBootArgs *a, const char *cmdline, const uint8_t *img,
                          uint32_t size, const uint8_t *header, int i, KernelBoot *kb, Err *err)
{
    uint32_t flags = le32(header + i + 4);
    if (!(flags & MB_FLAG_ADDR))
        return ERR(err, -ENOTSUP, "multiboot kernel '%s' has no address fields (header flag 16): "
                   "pcemu does not load ELF kernels", a->kernel);
    uint32_t header_addr = le32(header + i + 12), load_addr = le32(header + i + 16);
    uint32_t load_end = le32(header + i + 20), bss_end = le32(header + i + 24);
    uint32_t entry = le32(header + i + 28);
    if (header_addr < load_addr)
        return ERR(err, -EINVAL, "invalid load_addr address");
    if (header_addr - load_addr > (uint32_t)i)
        return ERR(err, -EINVAL, "invalid header_addr address");
    uint32_t text_off = (uint32_t)i - (header_addr - load_addr), load_size;
    if (load_end) {
        if (load_end < load_addr)
            return ERR(err, -EINVAL, "invalid load_end_addr address");
        load_size = load_end - load_addr;
    } else {
        if (size < text_off)
            return ERR(err, -EINVAL, "invalid kernel_file_size");
        load_size = size - text_off;
    }
    if (load_size > UINT32_MAX - load_addr)
        return ERR(err, -EINVAL, "kernel does not fit in address space");
    uint32_t kernel_size = load_size;
    if (bss_end) {
        if (bss_end < load_addr + load_size)
            return ERR(err, -EINVAL, "invalid bss_end_addr address");
        kernel_size = bss_end - load_addr;
    }
    if (kernel_size > a->below_4g)
        return ERR(err, -EFBIG, "multiboot kernel '%s' takes %" PRIu32 " bytes, more than the "
                   "guest's RAM (%" PRIu32 " bytes)", a->kernel, kernel_size, a->below_4g);
    if (text_off > size || load_size > size - text_off)
        return ERR(err, -EIO, "fread() failed");

    MbBuf mb = { .phys = load_addr };
    mb_grow(&mb, align_up(kernel_size, PAGE));
    memcpy(mb.buf, img + text_off, load_size);
    uint64_t mbinfo = mb.size;

    /* room for the command lines, the module list and the boot loader name */
    uint64_t cmdline_len = strlen(a->kernel) + 1 + strlen(cmdline) + 1;
    uint32_t mods_avail = 0;
    if (a->initrd) {
        cmdline_len += strlen(a->initrd) + 1;
        mods_avail = 1;
        for (const char *r = next_module(a->initrd, NULL); *r; r = next_module(r + 1, NULL))
            mods_avail++;
    }
    mb_grow(&mb, align_up(mb.size + cmdline_len + (uint64_t)MB_MOD_SIZE * mods_avail +
                          sizeof MB_BOOTLOADER, PAGE));
    uint64_t cmdlines = mbinfo + (uint64_t)mods_avail * MB_MOD_SIZE;
    uint64_t bootloader = cmdlines + cmdline_len;

    uint32_t mods = 0;
    for (const char *p = a->initrd; p; ) {
        char *one;
        const char *next = next_module(p, &one);
        uint64_t offs = mb.size;
        uint32_t c = mb_add_string(&mb, &cmdlines, one);
        char *space = strchr(one, ' ');
        if (space)
            *space = 0;                    /* what follows the file name is its arguments */
        KernelBootBlob mod = { 0 };
        int r = read_file(one, a->below_4g, &mod);
        if (r == -EFBIG)
            r = too_big("multiboot module", one, a->below_4g, err);
        else if (r < 0)
            r = ERR(err, r, "Failed to open file '%s'", one);
        else if (offs + mod.len > a->below_4g)
            r = ERR(err, -EFBIG, "multiboot kernel and modules take more than the guest's RAM "
                    "(%" PRIu32 " bytes)", a->below_4g);
        free(one);
        if (r < 0) {
            free(mod.data);
            free(mb.buf);
            return r;
        }
        mb_grow(&mb, align_up(offs + mod.len, PAGE));
        if (mod.len)
            memcpy(mb.buf + offs, mod.data, mod.len);
        free(mod.data);
        uint8_t *m = mb.buf + mbinfo + (uint64_t)mods * MB_MOD_SIZE;
        put_le32(m + 0, (uint32_t)(mb.phys + offs));               /* mod_start */
        put_le32(m + 4, (uint32_t)(mb.phys + offs + mod.len));     /* mod_end */
        put_le32(m + 8, c);                                        /* string */
        mods++;
        p = *next ? next + 1 : NULL;
    }

    uint8_t *mbi = xzalloc(MB_MBI_SIZE);
    size_t kl = strlen(a->kernel) + 1 + strlen(cmdline) + 1;
    char *kcmd = xmalloc(kl);
    snprintf(kcmd, kl, "%s %s", a->kernel, cmdline);
    put_le32(mbi + MBI_CMDLINE, mb_add_string(&mb, &cmdlines, kcmd));
    free(kcmd);
    put_le32(mbi + MBI_BOOTLOADER, mb_add_string(&mb, &bootloader, MB_BOOTLOADER));
    put_le32(mbi + MBI_MODS_ADDR, (uint32_t)(mb.phys + mbinfo));
    put_le32(mbi + MBI_MODS_COUNT, mods);
    put_le32(mbi + MBI_FLAGS, MBI_FLAGS_SET);
    put_le32(mbi + MBI_BOOT_DEVICE, 0x8000ffff);      /* BIOS disk 0x80, no partition */
    put_le32(mbi + MBI_MMAP_ADDR, MB_MMAP_ADDR);

    kb->multiboot = true;
    kb->kernel_entry = entry;
    kb->kernel_addr = load_addr;
    kb->kernel = (KernelBootBlob){ .data = mb.buf, .len = (uint32_t)mb.size };
    kb->has_initrd = true;
    kb->initrd_addr = MB_MBI_ADDR;
    kb->initrd = (KernelBootBlob){ .data = mbi, .len = MB_MBI_SIZE };
    kb->rom = KERNELBOOT_MULTIBOOT_ROM;
    return 0;
}

int kernelboot_load(const KernelBootArgs *a, KernelBoot *kb, Err *err)
{
    *kb = (KernelBoot){ 0 };
    const char *cmdline = a->append ? a->append : "";
    KernelBootBlob file = { 0 };
    int r = read_file(a->kernel, a->below_4g, &file);
    if (r == -EFBIG)
        return too_big("kernel", a->kernel, a->below_4g, err);
    if (r < 0)
        return ERR(err, r, "could not open kernel file '%s': %s", a->kernel, strerror(-r));
    /* XXX: QEMU prints a stale errno here, ENOENT from its start-up */
    if (file.len == 0)
        return ERR(err, -EINVAL, "could not load kernel '%s': %s", a->kernel, strerror(ENOENT));
    uint8_t *header = xzalloc(HDR_LEN);
    memcpy(header, file.data, MIN(HDR_LEN, file.len));
    int mb = le32(header + SH_MAGIC) == HDRS_MAGIC ? -1 : find_multiboot(header);
    if (mb >= 0) {
        r = load_multiboot(a, cmdline, file.data, file.len, header, mb, kb, err);
    } else if (file.len >= 4 && !memcmp(file.data, "\177ELF", 4)) {
        r = ERR(err, -ENOTSUP, "kernel '%s' is an ELF file: pcemu does not load ELF kernels "
                "(QEMU's PVH boot)", a->kernel);
    } else {
        r = load_linux(a, cmdline, file.data, file.len, header, kb, err);
    }
    free(header);
    free(file.data);
    return r;
}
