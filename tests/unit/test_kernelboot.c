/* test_kernelboot.c: -kernel/-initrd/-append laid out as QEMU 7.2's x86_load_linux and
 * load_multiboot lay them out (addresses, setup header patches, the multiboot buffer and
 * MBI), and every refusal in QEMU's words. tests/scripts/kernel_boot.sh compares the same
 * with QEMU itself. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "firmware/kernelboot.h"

#define MIB (1024u * 1024)
#define RAM (32 * MIB)

static char *write_temp(const void *data, size_t n)
{
    char *path = xstrdup("/tmp/pcemu-kb-XXXXXX");
    int fd = mkstemp(path);
    ck_assert_int_ge(fd, 0);
    ck_assert_int_eq(write(fd, data, n), (ssize_t)n);
    close(fd);
    return path;
}

static void drop(char *path)
{
    unlink(path);
    free(path);
}

/* A bzImage-like file: setup_sects, the "HdrS" header with protocol and load flags,
 * initrd_addr_max; every byte else i * 13 + 5. */
static uint8_t *bzimage(uint32_t size, uint8_t sects, uint16_t protocol, uint8_t loadflags)
{
    uint8_t *k = xmalloc(size);
    for (uint32_t i = 0; i < size; i++)
        k[i] = (uint8_t)(i * 13 + 5);
    k[0x1f1] = sects;
    memcpy(k + 0x202, "HdrS", 4);
    put_le16(k + 0x206, protocol);
    k[0x211] = loadflags;
    put_le32(k + 0x22c, 0x7fffffff);
    return k;
}

static int load(const char *kernel, const char *initrd, const char *append, KernelBoot *kb, Err *e)
{
    KernelBootArgs a = { .kernel = kernel, .initrd = initrd, .append = append, .below_4g = RAM };
    return kernelboot_load(&a, kb, e);
}

START_TEST(test_kernelboot_recent_bzimage_is_split_and_patched_as_qemu)
{
    uint8_t *img = bzimage(4 * 512 + 1000, 3, 0x20f, 0x01);
    char *k = write_temp(img, 4 * 512 + 1000);
    uint8_t rd[5000];
    memset(rd, 0x5a, sizeof rd);
    char *r = write_temp(rd, sizeof rd);
    KernelBoot kb;
    Err e = { 0 };
    ck_assert_int_eq(load(k, r, "console=ttyS0 vga=0x317", &kb, &e), 0);
    ck_assert(!kb.multiboot);
    ck_assert_str_eq(kb.rom, "linuxboot_dma.bin");
    ck_assert_uint_eq(kb.kernel_addr, 0x100000);
    ck_assert_uint_eq(kb.setup_addr, 0x10000);
    ck_assert_uint_eq(kb.cmdline_addr, 0x20000);
    ck_assert_uint_eq(kb.setup.len, 2048);
    ck_assert_uint_eq(kb.kernel.len, 1000);
    ck_assert_mem_eq(kb.kernel.data, img + 2048, 1000);
    ck_assert_uint_eq(kb.cmdline.len, 24);
    ck_assert_str_eq((const char *)kb.cmdline.data, "console=ttyS0 vga=0x317");
    /* below the ACPI reserve, page aligned */
    uint32_t initrd_max = RAM - KERNELBOOT_ACPI_DATA_SIZE - 1;
    ck_assert(kb.has_initrd);
    ck_assert_uint_eq(kb.initrd_addr, (initrd_max - 5000) & ~4095u);
    ck_assert_uint_eq(kb.initrd.len, 5000);
    const uint8_t *s = kb.setup.data;
    ck_assert_uint_eq(s[0x210], 0xB0);                          /* loader type */
    ck_assert_uint_eq(s[0x211], 0x81);                          /* CAN_USE_HEAP */
    ck_assert_uint_eq(le16(s + 0x224), 0x20000 - 0x10000 - 0x200);
    ck_assert_uint_eq(le32(s + 0x228), 0x20000);
    ck_assert_uint_eq(le16(s + 0x1fa), 0x317);
    ck_assert_uint_eq(le32(s + 0x218), kb.initrd_addr);
    ck_assert_uint_eq(le32(s + 0x21c), 5000);
    ck_assert_mem_eq(s + 0x240, img + 0x240, 2048 - 0x240);     /* the rest as in the file */
    kernelboot_free(&kb);
    free(img);
    drop(k);
    drop(r);
}
END_TEST

START_TEST(test_kernelboot_old_and_headerless_kernels_load_low)
{
    /* protocol 2.01, not loaded high: the A33F command line magic, heap end */
    uint8_t *img = bzimage(5 * 512 + 64, 0, 0x201, 0x00);
    char *k = write_temp(img, 5 * 512 + 64);
    KernelBoot kb;
    Err e = { 0 };
    ck_assert_int_eq(load(k, NULL, "ro", &kb, &e), 0);
    uint32_t cl = 0x9a000 - 16;                                 /* "ro" + 16, rounded down */
    ck_assert_uint_eq(kb.kernel_addr, 0x10000);
    ck_assert_uint_eq(kb.setup_addr, 0x90000);
    ck_assert_uint_eq(kb.cmdline_addr, cl);
    ck_assert(!kb.has_initrd);
    ck_assert_uint_eq(le16(kb.setup.data + 0x20), 0xA33F);
    ck_assert_uint_eq(le16(kb.setup.data + 0x22), cl - 0x90000);
    ck_assert_uint_eq(le16(kb.setup.data + 0x224), cl - 0x90000 - 0x200);
    kernelboot_free(&kb);
    drop(k);
    /* no "HdrS" and no multiboot header: the setup goes in as the file has it */
    memcpy(img + 0x202, "none", 4);
    k = write_temp(img, 5 * 512 + 64);
    ck_assert_int_eq(load(k, NULL, "vga=ask", &kb, &e), 0);
    ck_assert_mem_eq(kb.setup.data, img, kb.setup.len);
    ck_assert_uint_eq(kb.kernel_addr, 0x10000);
    kernelboot_free(&kb);
    drop(k);
    free(img);
}
END_TEST

START_TEST(test_kernelboot_refusals_are_qemus)
{
    static const struct { const char *append; bool initrd; uint16_t protocol; uint8_t sects;
                          uint32_t size; const char *msg; } cases[] = {
        { "vga=foo", false, 0x20f, 4, 4096, "invalid 'vga=' kernel parameter." },
        { "vga=12 x", false, 0x20f, 4, 1000, "invalid kernel header" },
        { "", true, 0x1ff, 4, 4096, "linux kernel too old to load a ram disk" },
        { "vga=99999999999", false, 0x20f, 4, 4096, "invalid 'vga=' kernel parameter." },
    };
    uint8_t rd[16] = { 0 };
    char *r = write_temp(rd, sizeof rd);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        uint8_t *img = bzimage(cases[i].size, cases[i].sects, cases[i].protocol, 1);
        char *k = write_temp(img, cases[i].size);
        KernelBoot kb;
        Err e = { 0 };
        ck_assert_int_lt(load(k, cases[i].initrd ? r : NULL, cases[i].append, &kb, &e), 0);
        ck_assert_str_eq(e.msg, cases[i].msg);
        kernelboot_free(&kb);
        drop(k);
        free(img);
    }
    KernelBoot kb;
    Err e = { 0 };
    ck_assert_int_eq(load("/nonexistent/k", NULL, NULL, &kb, &e), -ENOENT);
    ck_assert_str_eq(e.msg, "could not open kernel file '/nonexistent/k': No such file or directory");
    kernelboot_free(&kb);
    char *empty = write_temp("", 0);
    err_clear(&e);
    ck_assert_int_lt(load(empty, NULL, NULL, &kb, &e), 0);
    ck_assert_ptr_nonnull(strstr(e.msg, "could not load kernel"));
    kernelboot_free(&kb);
    uint8_t *img = bzimage(4096, 4, 0x20f, 1);
    char *k = write_temp(img, 4096);
    err_clear(&e);
    ck_assert_int_eq(load(k, "/nonexistent/rd", NULL, &kb, &e), -ENOENT);
    ck_assert_ptr_nonnull(strstr(e.msg, "error reading initrd /nonexistent/rd"));
    kernelboot_free(&kb);
    /* an initrd at initrd_max: too large */
    size_t n = RAM - KERNELBOOT_ACPI_DATA_SIZE - 1;
    uint8_t *big = xzalloc(n);
    char *b = write_temp(big, n);
    free(big);
    err_clear(&e);
    ck_assert_int_eq(load(k, b, NULL, &kb, &e), -EFBIG);
    char want[128];
    snprintf(want, sizeof want, "initrd is too large, cannot support.(max: %zu, need %zu)", n, n);
    ck_assert_str_eq(e.msg, want);
    kernelboot_free(&kb);
    /* a kernel larger than the guest's RAM */
    KernelBootArgs a = { .kernel = k, .below_4g = 4095 };   /* the kernel file: 4096 bytes */
    err_clear(&e);
    ck_assert_int_eq(kernelboot_load(&a, &kb, &e), -EFBIG);
    ck_assert_ptr_nonnull(strstr(e.msg, "more than the guest's RAM"));
    kernelboot_free(&kb);
    free(img);
    drop(k);
    drop(b);
    drop(empty);
    drop(r);
}
END_TEST

/* A multiboot a.out kludge image: header at 0x40, loaded at 1 MiB from file offset 0. */
static uint8_t *mbimage(uint32_t size, uint32_t flags, uint32_t load_end, uint32_t bss_end)
{
    uint8_t *k = xzalloc(size);
    for (uint32_t i = 0x80; i < size; i++)
        k[i] = (uint8_t)(i ^ 0x3c);
    uint8_t *h = k + 0x40;
    put_le32(h, 0x1BADB002);
    put_le32(h + 4, flags);
    put_le32(h + 8, (uint32_t)-(0x1BADB002u + flags));
    put_le32(h + 12, 0x100040);         /* header_addr */
    put_le32(h + 16, 0x100000);         /* load_addr */
    put_le32(h + 20, load_end);
    put_le32(h + 24, bss_end);
    put_le32(h + 28, 0x100080);         /* entry */
    return k;
}

START_TEST(test_kernelboot_multiboot_buffer_and_mbi_are_qemus)
{
    uint8_t *img = mbimage(0x800, 0x10002, 0, 0x103000);
    char *k = write_temp(img, 0x800);
    char *m = write_temp("0123456789", 10);
    char initrd[200];
    snprintf(initrd, sizeof initrd, "%s arg1 arg2", m);
    KernelBoot kb;
    Err e = { 0 };
    ck_assert_int_eq(load(k, initrd, "hello", &kb, &e), 0);
    ck_assert(kb.multiboot);
    ck_assert_str_eq(kb.rom, "multiboot_dma.bin");
    ck_assert_uint_eq(kb.kernel_entry, 0x100080);
    ck_assert_uint_eq(kb.kernel_addr, 0x100000);
    ck_assert_uint_eq(kb.initrd_addr, 0x9500);
    ck_assert_uint_eq(kb.initrd.len, 88);
    /* image + bss to 0x3000, a page of module list and strings, the module's page */
    ck_assert_uint_eq(kb.kernel.len, 0x5000);
    ck_assert_mem_eq(kb.kernel.data, img, 0x800);
    for (uint32_t i = 0x800; i < 0x3000; i++)
        ck_assert_uint_eq(kb.kernel.data[i], 0);
    const uint8_t *mbi = kb.initrd.data;
    ck_assert_uint_eq(le32(mbi + 0), 0x24f);
    ck_assert_uint_eq(le32(mbi + 12), 0x8000ffff);
    ck_assert_uint_eq(le32(mbi + 20), 1);                       /* mods_count */
    ck_assert_uint_eq(le32(mbi + 24), 0x103000);                /* mods_addr */
    ck_assert_uint_eq(le32(mbi + 48), 0x9000);                  /* mmap_addr */
    const uint8_t *mod = kb.kernel.data + 0x3000;
    ck_assert_uint_eq(le32(mod + 0), 0x104000);
    ck_assert_uint_eq(le32(mod + 4), 0x10400a);
    ck_assert_uint_eq(le32(mod + 8), 0x103010);                 /* after the module list */
    ck_assert_str_eq((const char *)kb.kernel.data + 0x3010, initrd);
    ck_assert_mem_eq(kb.kernel.data + 0x4000, "0123456789", 10);
    char want[200];
    snprintf(want, sizeof want, "%s hello", k);
    ck_assert_uint_eq(le32(mbi + 16), 0x103010 + strlen(initrd) + 1);
    ck_assert_str_eq((const char *)kb.kernel.data + 0x3010 + strlen(initrd) + 1, want);
    uint32_t loader = le32(mbi + 64) - 0x100000;
    ck_assert_str_eq((const char *)kb.kernel.data + loader, "qemu");
    kernelboot_free(&kb);
    free(img);
    drop(k);
    drop(m);
}
END_TEST

START_TEST(test_kernelboot_multiboot_refusals_are_qemus)
{
    static const struct { uint32_t flags, load_end, bss_end; const char *msg; } cases[] = {
        { 0x10000, 0xfffff, 0, "invalid load_end_addr address" },
        { 0x10000, 0, 0x100010, "invalid bss_end_addr address" },
        { 0x10000, 0x100900, 0, "fread() failed" },
        { 0x00002, 0, 0, "multiboot kernel '%s' has no address fields (header flag 16): pcemu "
                         "does not load ELF kernels" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        uint8_t *img = mbimage(0x800, cases[i].flags, cases[i].load_end, cases[i].bss_end);
        char *k = write_temp(img, 0x800);
        KernelBoot kb;
        Err e = { 0 };
        ck_assert_int_lt(load(k, NULL, NULL, &kb, &e), 0);
        char want[256];
        snprintf(want, sizeof want, cases[i].msg, k);
        ck_assert_str_eq(e.msg, want);
        kernelboot_free(&kb);
        free(img);
        drop(k);
    }
    uint8_t *img = mbimage(0x800, 0x10000, 0, 0);
    char *k = write_temp(img, 0x800);
    KernelBoot kb;
    Err e = { 0 };
    ck_assert_int_lt(load(k, "/nonexistent/mod a,b", NULL, &kb, &e), 0);
    ck_assert_str_eq(e.msg, "Failed to open file '/nonexistent/mod'");
    kernelboot_free(&kb);
    free(img);
    drop(k);
}
END_TEST

static Suite *kernelboot_suite(void)
{
    Suite *s = suite_create("kernelboot");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, test_kernelboot_recent_bzimage_is_split_and_patched_as_qemu);
    tcase_add_test(tc, test_kernelboot_old_and_headerless_kernels_load_low);
    tcase_add_test(tc, test_kernelboot_refusals_are_qemus);
    tcase_add_test(tc, test_kernelboot_multiboot_buffer_and_mbi_are_qemus);
    tcase_add_test(tc, test_kernelboot_multiboot_refusals_are_qemus);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(kernelboot_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
