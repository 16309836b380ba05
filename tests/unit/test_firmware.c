/* test_firmware.c: pc.bios block sizing and layout, firmware lookup, option ROM placement. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "firmware/firmware.h"

#define KIB 1024u

static char *write_temp(const void *data, size_t n)
{
    char *path = xstrdup("/tmp/pcemu-fw-XXXXXX");
    int fd = mkstemp(path);
    ck_assert_int_ge(fd, 0);
    ck_assert_int_eq(write(fd, data, n), (ssize_t)n);
    close(fd);
    return path;
}

START_TEST(test_firmware_block_is_the_file_in_64k_units_as_qemu)
{
    uint32_t b = 0;
    Err e = { 0 };
    ck_assert_int_eq(firmware_bios_block_size(128 * KIB, 0, FIRMWARE_MAX_BIOS, false, &b, &e), 0);
    ck_assert_uint_eq(b, 128 * KIB);                  /* Debian's bios.bin: QEMU's 0x20000 */
    ck_assert_int_eq(firmware_bios_block_size(256 * KIB, 0, FIRMWARE_MAX_BIOS, false, &b, &e), 0);
    ck_assert_uint_eq(b, 256 * KIB);
    ck_assert_int_eq(firmware_bios_block_size(192 * KIB, 0, FIRMWARE_MAX_BIOS, false, &b, &e), 0);
    ck_assert_uint_eq(b, 192 * KIB);                  /* no power of two */
    ck_assert_int_eq(firmware_bios_block_size(100, 0, FIRMWARE_MAX_BIOS, false, &b, &e), 0);
    ck_assert_uint_eq(b, 64 * KIB);                   /* QEMU refuses it; pcemu pads */
    ck_assert_int_eq(firmware_bios_block_size(200 * KIB, 128 * KIB, 256 * KIB, false, &b, &e), 0);
    ck_assert_uint_eq(b, 256 * KIB);
}
END_TEST

START_TEST(test_firmware_padded_block_is_pow2_at_least_the_minimum)
{
    uint32_t b = 0;
    Err e = { 0 };
    ck_assert_int_eq(firmware_bios_block_size(128 * KIB, 256 * KIB, FIRMWARE_MAX_BIOS, true, &b, &e), 0);
    ck_assert_uint_eq(b, 256 * KIB);
    ck_assert_int_eq(firmware_bios_block_size(256 * KIB, 256 * KIB, FIRMWARE_MAX_BIOS, true, &b, &e), 0);
    ck_assert_uint_eq(b, 256 * KIB);
    ck_assert_int_eq(firmware_bios_block_size(256 * KIB + 1, 256 * KIB, FIRMWARE_MAX_BIOS, true, &b, &e), 0);
    ck_assert_uint_eq(b, 512 * KIB);
    ck_assert_int_eq(firmware_bios_block_size(100, 0, FIRMWARE_MAX_BIOS, true, &b, &e), 0);
    ck_assert_uint_eq(b, 4 * KIB);
}
END_TEST

START_TEST(test_firmware_too_big_names_both_sizes)
{
    uint32_t b = 0;
    Err e = { 0 };
    ck_assert_int_eq(firmware_bios_block_size(300 * KIB, 256 * KIB, 256 * KIB, true, &b, &e), -EFBIG);
    ck_assert_ptr_nonnull(strstr(e.msg, "307200"));
    ck_assert_ptr_nonnull(strstr(e.msg, "262144"));
    err_clear(&e);
    ck_assert_int_eq(firmware_bios_block_size(0, 256 * KIB, 256 * KIB, true, &b, &e), -EINVAL);
    ck_assert_ptr_nonnull(strstr(e.msg, "empty"));
}
END_TEST

START_TEST(test_firmware_sits_at_the_top_of_the_block_with_zero_filler)
{
    uint8_t fw[5000];
    for (size_t i = 0; i < sizeof fw; i++)
        fw[i] = (uint8_t)(i * 7 + 1);
    char *path = write_temp(fw, sizeof fw);
    uint8_t *block = NULL;
    uint32_t size = 0, fw_size = 0;
    Err e = { 0 };
    ck_assert_int_eq(firmware_load_bios(path, 64 * KIB, FIRMWARE_MAX_BIOS, true, &block, &size, &fw_size, &e), 0);
    ck_assert_uint_eq(size, 64 * KIB);
    ck_assert_mem_eq(block + size - sizeof fw, fw, sizeof fw);
    for (uint32_t i = 0; i < size - sizeof fw; i++)
        ck_assert_uint_eq(block[i], 0);
    free(block);
    unlink(path);
    free(path);
}
END_TEST

START_TEST(test_firmware_empty_or_oversized_file_is_refused)
{
    char *path = write_temp("", 0);
    uint8_t *block = NULL;
    uint32_t size = 0, fw_size = 0;
    Err e = { 0 };
    ck_assert_int_eq(firmware_load_bios(path, 256 * KIB, FIRMWARE_MAX_BIOS, true, &block, &size, &fw_size, &e), -EINVAL);
    ck_assert_ptr_nonnull(strstr(e.msg, "empty"));
    ck_assert_ptr_null(block);
    unlink(path);
    free(path);

    uint8_t big[8 * KIB] = { 1 };
    path = write_temp(big, sizeof big);
    err_clear(&e);
    ck_assert_int_eq(firmware_load_bios(path, 4 * KIB, 4 * KIB, true, &block, &size, &fw_size, &e), -EFBIG);
    ck_assert_ptr_nonnull(strstr(e.msg, "8192 bytes"));
    ck_assert_ptr_nonnull(strstr(e.msg, "4096-byte pc.bios block"));
    unlink(path);
    free(path);

    err_clear(&e);
    ck_assert_int_lt(firmware_load_bios("/nonexistent/bios.bin", 4 * KIB, 4 * KIB, true, &block, &size, &fw_size, &e), 0);
    ck_assert_ptr_nonnull(strstr(e.msg, "/nonexistent/bios.bin"));
}
END_TEST

START_TEST(test_firmware_finds_debian_seabios_and_reset_vector_is_at_the_top)
{
    char *path = NULL;
    Err e = { 0 };
    ck_assert_int_eq(firmware_find(NULL, &path, &e), 0);
    ck_assert_str_eq(path, "/usr/share/seabios/bios-256k.bin");
    free(path);
    ck_assert_int_eq(firmware_find("bios.bin", &path, &e), 0);
    ck_assert_str_eq(path, "/usr/share/seabios/bios.bin");
    uint8_t *block = NULL;
    uint32_t size = 0, fw_size = 0;
    ck_assert_int_eq(firmware_load_bios(path, 256 * KIB, FIRMWARE_MAX_BIOS, true, &block, &size, &fw_size, &e), 0);
    ck_assert_uint_eq(size, 256 * KIB);
    /* 0xFFFFFFF0: jmp far F000:E05B (seabios-hardware.md 2.1) */
    static const uint8_t jmp[5] = { 0xEA, 0x5B, 0xE0, 0x00, 0xF0 };
    ck_assert_mem_eq(block + size - 16, jmp, 5);
    ck_assert_uint_eq(block[0], 0);   /* filler below the 128 KiB image */
    free(block);
    free(path);
    ck_assert_int_eq(firmware_find("no-such-bios.bin", &path, &e), -ENOENT);
    ck_assert_ptr_nonnull(strstr(e.msg, "no-such-bios.bin"));
}
END_TEST

START_TEST(test_firmware_option_roms_are_placed_aligned_and_checked)
{
    uint8_t *rom = xzalloc(FIRMWARE_ROM_SIZE);
    uint8_t img[3000];
    memset(img, 0x11, sizeof img);
    img[0] = 0x55; img[1] = 0xAA; img[2] = 6;
    uint32_t used = 0;
    Err e = { 0 };
    ck_assert_int_eq(firmware_place_option_rom(rom, &used, "a.rom", img, sizeof img, &e), 0);
    ck_assert_uint_eq(used, 3000);
    ck_assert_int_eq(firmware_place_option_rom(rom, &used, "b.rom", img, sizeof img, &e), 0);
    ck_assert_uint_eq(used, 4096 + 3000);
    ck_assert_uint_eq(rom[4096], 0x55);
    ck_assert_uint_eq(rom[3000], 0);

    img[1] = 0xAB;
    ck_assert_int_eq(firmware_place_option_rom(rom, &used, "bad.rom", img, sizeof img, &e), -EINVAL);
    ck_assert_ptr_nonnull(strstr(e.msg, "bad.rom"));
    img[1] = 0xAA;
    used = FIRMWARE_ROM_SIZE - 2048;
    err_clear(&e);
    ck_assert_int_eq(firmware_place_option_rom(rom, &used, "big.rom", img, sizeof img, &e), -EFBIG);
    ck_assert_ptr_nonnull(strstr(e.msg, "3000 bytes"));
    used = FIRMWARE_ROM_SIZE;
    err_clear(&e);
    ck_assert_int_eq(firmware_place_option_rom(rom, &used, "big.rom", img, 3, &e), -EFBIG);
    free(rom);
}
END_TEST

static Suite *firmware_suite(void)
{
    Suite *s = suite_create("firmware");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, test_firmware_block_is_the_file_in_64k_units_as_qemu);
    tcase_add_test(tc, test_firmware_padded_block_is_pow2_at_least_the_minimum);
    tcase_add_test(tc, test_firmware_too_big_names_both_sizes);
    tcase_add_test(tc, test_firmware_sits_at_the_top_of_the_block_with_zero_filler);
    tcase_add_test(tc, test_firmware_empty_or_oversized_file_is_refused);
    tcase_add_test(tc, test_firmware_finds_debian_seabios_and_reset_vector_is_at_the_top);
    tcase_add_test(tc, test_firmware_option_roms_are_placed_aligned_and_checked);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(firmware_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
