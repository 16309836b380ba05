/* test_machine.c: RAM blocks, the memory map and PAM, the run loop's stop conditions and
 * virtual time, the 'timer' and 'globalstate' sections. Tiny firmware images put a few
 * instructions at the reset vector (0xFFFFFFF0). */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "emu/hw/chardev.h"
#include "emu/cpu/cpu.h"
#include "emu/machine/machine.h"
#include "snapshot/format/stream.h"

/* A 4 KiB firmware whose last 16 bytes are code (the reset vector). */
static char *tiny_bios(const uint8_t *code, size_t n)
{
    uint8_t fw[4096] = { 0 };
    memcpy(fw + 4096 - 16, code, n);
    char *path = xstrdup("/tmp/pcemu-tbios-XXXXXX");
    int fd = mkstemp(path);
    ck_assert_int_ge(fd, 0);
    ck_assert_int_eq(write(fd, fw, sizeof fw), (ssize_t)sizeof fw);
    close(fd);
    return path;
}

static Machine *new_machine(const char *bios, uint64_t ram)
{
    MachineConfig cfg;
    machine_config_init(&cfg, NULL);
    machine_config_reduced(&cfg);   /* the block indexes below: pc.ram, pc.bios, pc.rom */
    cfg.bios = bios;
    cfg.ram_size = ram;
    Machine *m = NULL;
    Err e = { 0 };
    int r = machine_new(&cfg, &m, &e);
    ck_assert_msg(r == 0, "machine_new: %s", e.msg);
    return m;
}

START_TEST(test_machine_ram_blocks_are_named_and_sized_as_qemu)
{
    Machine *m = new_machine("bios.bin", 32u << 20);
    int n;
    RamBlock *rb = machine_ram_blocks(m, &n);
    ck_assert_int_eq(n, 3);
    ck_assert_str_eq(rb[0].name, "pc.ram");
    ck_assert_uint_eq(rb[0].size, 32u << 20);
    ck_assert_str_eq(rb[1].name, "pc.bios");
    ck_assert_uint_eq(rb[1].size, 128u << 10);   /* bios.bin's size, as QEMU 7.2's 0x20000 */
    ck_assert_str_eq(rb[2].name, "pc.rom");
    ck_assert_uint_eq(rb[2].size, 128u << 10);
    machine_free(m);
    /* -machine pcemu-bios-pad=on: the machine type's 256 KiB minimum */
    MachineConfig cfg;
    machine_config_init(&cfg, NULL);
    machine_config_reduced(&cfg);
    cfg.bios = "bios.bin";
    cfg.bios_pad = true;
    Err e = { 0 };
    ck_assert_msg(machine_new(&cfg, &m, &e) == 0, "machine_new: %s", e.msg);
    rb = machine_ram_blocks(m, &n);
    ck_assert_uint_eq(rb[1].size, 256u << 10);
    ck_assert_uint_eq(machine_bios_firmware_size(m), 128u << 10);
    machine_free(m);
}
END_TEST

START_TEST(test_machine_firmware_is_at_4g_and_its_top_below_1m)
{
    Machine *m = new_machine(NULL, 32u << 20);
    Bus *b = machine_bus(m);
    /* jmp far F000:E05B at the reset vector, seen at both addresses */
    ck_assert_uint_eq(bus_mem_read(b, 0xFFFFFFF0, 1), 0xEA);
    ck_assert_uint_eq(bus_mem_read(b, 0xFFFFFFF1, 4), 0xF000E05B);
    ck_assert_uint_eq(bus_mem_read(b, 0xFFFF0, 1), 0xEA);
    int n;
    RamBlock *rb = machine_ram_blocks(m, &n);
    ck_assert_uint_eq(rb[1].size, 256u << 10);      /* bios-256k.bin: QEMU's default */
    ck_assert_uint_eq(bus_mem_read(b, 0xE0000, 4), le32(rb[1].host + rb[1].size - 0x20000));
    ck_assert_uint_eq(bus_mem_read(b, 0xFFFC0000, 4), le32(rb[1].host));
    /* ROM: a write is lost */
    uint32_t before = bus_mem_read(b, 0xFFFFFFF0, 4);
    bus_mem_write(b, 0xFFFFFFF0, 0x12345678, 4);
    ck_assert_uint_eq(bus_mem_read(b, 0xFFFFFFF0, 4), before);
    machine_free(m);
}
END_TEST

/* i440FX config byte write through configuration mechanism #1 (00:00.0). */
static void i440fx_write(Bus *b, uint8_t reg, uint8_t v)
{
    bus_io_write(b, 0xCF8, 0x80000000u | (reg & 0xFCu), 4);
    bus_io_write(b, (uint16_t)(0xCFC + (reg & 3)), v, 1);
}

START_TEST(test_machine_pam_modes_route_reads_and_writes)
{
    Machine *m = new_machine("bios.bin", 32u << 20);
    Bus *b = machine_bus(m);
    int n;
    RamBlock *rb = machine_ram_blocks(m, &n);
    uint8_t rom_byte = rb[1].host[rb[1].size - 0x10000];   /* 0xF0000 in the ROM */

    bus_mem_write(b, 0xF0000, (uint8_t)~rom_byte, 1);      /* PAM0 = 0: ROM, write lost */
    ck_assert_uint_eq(bus_mem_read(b, 0xF0000, 1), rom_byte);
    ck_assert_uint_eq(rb[0].host[0xF0000], 0);

    i440fx_write(b, 0x59, 0x30);                           /* mode 3: RAM */
    bus_mem_write(b, 0xF0000, 0x5A, 1);
    ck_assert_uint_eq(bus_mem_read(b, 0xF0000, 1), 0x5A);
    ck_assert_uint_eq(rb[0].host[0xF0000], 0x5A);

    i440fx_write(b, 0x59, 0x10);                           /* mode 1: read RAM, write lost */
    ck_assert_uint_eq(bus_mem_read(b, 0xF0000, 1), 0x5A);
    bus_mem_write(b, 0xF0000, 0x77, 1);
    ck_assert_uint_eq(bus_mem_read(b, 0xF0000, 1), 0x5A);

    i440fx_write(b, 0x59, 0x30);
    i440fx_write(b, 0x5A, 0x03);                           /* PAM1 low nibble: 0xC0000-0xC3FFF */
    bus_mem_write(b, 0xF0000, 0x77, 1);
    ck_assert_uint_eq(bus_mem_read(b, 0xF0000, 1), 0x77);
    bus_mem_write(b, 0xC3FFF, 0x99, 1);
    ck_assert_uint_eq(bus_mem_read(b, 0xC3FFF, 1), 0x99);
    bus_mem_write(b, 0xC4000, 0x99, 1);                    /* PAM1 high nibble still 0: pc.rom */
    ck_assert_uint_eq(bus_mem_read(b, 0xC4000, 1), 0);

    i440fx_write(b, 0x59, 0x00);                           /* back to the ROM */
    ck_assert_uint_eq(bus_mem_read(b, 0xF0000, 1), rom_byte);
    /* beyond RAM: unassigned */
    ck_assert_uint_eq(bus_mem_read(b, 32u << 20, 4), 0xFFFFFFFF);
    machine_free(m);
}
END_TEST

START_TEST(test_machine_stops_at_halt_with_interrupts_off)
{
    static const uint8_t code[] = { 0xFA, 0xF4 };          /* cli; hlt */
    char *bios = tiny_bios(code, sizeof code);
    Machine *m = new_machine(bios, 1u << 20);
    MachineStop why = 0;
    Err e = { 0 };
    MachineLimits lim = { .until_halt = true };
    ck_assert_int_eq(machine_run(m, &lim, &why, &e), 0);
    ck_assert_int_eq(why, MACHINE_STOP_HALT);
    ck_assert_uint_eq(machine_clock(m)->icount, 2);
    MachineLimits none = { 0 };
    ck_assert_int_eq(machine_run(m, &none, &why, &e), 0);
    ck_assert_int_eq(why, MACHINE_STOP_DEAD);
    machine_free(m);
    unlink(bios);
    free(bios);
}
END_TEST

START_TEST(test_machine_icount_and_run_for_stop_exactly)
{
    static const uint8_t code[] = { 0xEB, 0xFE };          /* jmp $ */
    char *bios = tiny_bios(code, sizeof code);
    Machine *m = new_machine(bios, 1u << 20);
    MachineStop why = 0;
    Err e = { 0 };
    MachineLimits lim = { .until_icount = 100000 };
    ck_assert_int_eq(machine_run(m, &lim, &why, &e), 0);
    ck_assert_int_eq(why, MACHINE_STOP_ICOUNT);
    ck_assert_uint_eq(machine_clock(m)->icount, 100000);
    lim = (MachineLimits){ .run_for_ns = 1000000 };        /* 1 ms at 8 ns per instruction */
    ck_assert_int_eq(machine_run(m, &lim, &why, &e), 0);
    ck_assert_int_eq(why, MACHINE_STOP_TIME);
    ck_assert_uint_eq(machine_clock(m)->icount, 100000 + 125000);
    machine_free(m);
    unlink(bios);
    free(bios);
}
END_TEST

static int fired;
static void count_fired(void *opaque) { fired++; }

START_TEST(test_machine_hlt_warps_virtual_time_to_the_next_deadline)
{
    static const uint8_t code[] = { 0xFB, 0xF4, 0xEB, 0xFD };   /* sti; hlt; jmp hlt */
    char *bios = tiny_bios(code, sizeof code);
    Machine *m = new_machine(bios, 1u << 20);
    Timer t;
    timer_init(&t, machine_clock(m), count_fired, NULL);
    timer_mod(&t, 10000000);                                  /* 10 ms */
    fired = 0;
    MachineStop why = 0;
    Err e = { 0 };
    MachineLimits lim = { .run_for_ns = 15000000 };
    ck_assert_int_eq(machine_run(m, &lim, &why, &e), 0);
    ck_assert_int_eq(fired, 1);
    ck_assert_int_eq(why, MACHINE_STOP_TIME);                 /* halted, time jumped to the end */
    ck_assert_int_eq(clock_ns(machine_clock(m)), 15000000);
    ck_assert_uint_le(machine_clock(m)->icount, 3);           /* sti, hlt: no instruction ran idle */
    machine_free(m);
    unlink(bios);
    free(bios);
}
END_TEST

START_TEST(test_machine_triple_fault_resets_or_stops_with_no_reboot)
{
    /* lidt [cs:0xFFF8] (limit 0), int3: #GP, #DF, triple fault */
    static const uint8_t code[] = { 0x2E, 0x0F, 0x01, 0x1E, 0xF8, 0xFF, 0xCC };
    char *bios = tiny_bios(code, sizeof code);
    MachineConfig cfg;
    machine_config_init(&cfg, NULL);
    cfg.bios = bios;
    cfg.ram_size = 1u << 20;
    cfg.no_reboot = true;
    Machine *m = NULL;
    Err e = { 0 };
    ck_assert_int_eq(machine_new(&cfg, &m, &e), 0);
    MachineStop why = 0;
    ck_assert_int_eq(machine_run(m, NULL, &why, &e), 0);
    ck_assert_int_eq(why, MACHINE_STOP_RESET);
    machine_free(m);

    cfg.no_reboot = false;                                  /* resets and faults again */
    ck_assert_int_eq(machine_new(&cfg, &m, &e), 0);
    MachineLimits lim = { .until_icount = 50 };
    ck_assert_int_eq(machine_run(m, &lim, &why, &e), 0);
    ck_assert_int_eq(why, MACHINE_STOP_ICOUNT);
    uint32_t eip = cpu_state(machine_cpu(m))->eip;         /* still cycling at the reset vector */
    ck_assert_msg(eip == 0xFFF0 || eip == 0xFFF6, "eip %#x", eip);
    ck_assert_uint_eq(cpu_state(machine_cpu(m))->segs[R_CS].base, 0xFFFF0000);
    machine_free(m);
    unlink(bios);
    free(bios);
}
END_TEST

START_TEST(test_machine_stops_right_after_the_serial_text)
{
    /* mov dx, 0x3F8; mov al, 'O'; out dx, al; mov al, 'K'; out dx, al; jmp $ */
    static const uint8_t code[] = { 0xBA, 0xF8, 0x03, 0xB0, 'O', 0xEE, 0xB0, 'K', 0xEE, 0xEB, 0xFE };
    char *bios = tiny_bios(code, sizeof code);
    char out[64];
    snprintf(out, sizeof out, "/tmp/pcemu-tm-serial-%d", (int)getpid());
    char spec[80];
    snprintf(spec, sizeof spec, "file:%s", out);
    Err e = { 0 };
    Chardev *chr = chardev_open_spec(spec, &e);
    ck_assert_ptr_nonnull(chr);
    MachineConfig cfg;
    machine_config_init(&cfg, NULL);
    cfg.bios = bios;
    cfg.ram_size = 1u << 20;
    cfg.serial = chr;
    Machine *m = NULL;
    ck_assert_int_eq(machine_new(&cfg, &m, &e), 0);
    MachineStop why = 0;
    MachineLimits lim = { .serial_text = "OK", .run_for_ns = 1000000000 };
    ck_assert_int_eq(machine_run(m, &lim, &why, &e), 0);
    ck_assert_int_eq(why, MACHINE_STOP_SERIAL);
    ck_assert_uint_lt(machine_clock(m)->icount, 100000);   /* at the transmit, not the time limit */
    lim.serial_text = "never printed";
    lim.run_for_ns = 1000000;
    ck_assert_int_eq(machine_run(m, &lim, &why, &e), 0);
    ck_assert_int_eq(why, MACHINE_STOP_TIME);
    machine_free(m);
    chardev_close(chr);
    FILE *f = fopen(out, "rb");
    char buf[8] = { 0 };
    ck_assert_uint_eq(fread(buf, 1, sizeof buf, f), 2);
    fclose(f);
    ck_assert_str_eq(buf, "OK");
    unlink(out);
    unlink(bios);
    free(bios);
}
END_TEST

START_TEST(test_machine_sections_start_with_timer_and_end_with_globalstate_with_qemus_ids)
{
    Machine *m = new_machine("bios.bin", 1u << 20);
    int n;
    const MachineSection *s = machine_sections(m, &n);
    ck_assert_int_ge(n, 4);
    ck_assert_str_eq(s[0].idstr, "timer");
    ck_assert_str_eq(s[1].idstr, "cpu_common");
    ck_assert_str_eq(s[2].idstr, "cpu");
    ck_assert_str_eq(s[n - 1].idstr, "globalstate");
    /* QEMU's section ids: timer 0, then 'block' 1, 'ram' 2, 'dirty-bitmap' 3 */
    ck_assert_uint_eq(s[0].section_id, 0);
    ck_assert_uint_eq(s[1].section_id, 4);
    ck_assert_uint_eq(s[n - 1].section_id, (uint32_t)n + 2);
    for (int i = 0; i < n; i++)
        if (!strcmp(s[i].idstr, "dma") || !strcmp(s[i].idstr, "i8259")) {
            ck_assert_str_eq(s[i + 1].idstr, s[i].idstr);   /* instances 0, 1 in a row */
            ck_assert_int_eq(s[i].instance_id, 0);
            ck_assert_int_eq(s[i + 1].instance_id, 1);
            i++;
        }
    for (int i = 0; i < n; i++)
        for (int k = 0; k < i; k++)
            ck_assert(strcmp(s[i].idstr, s[k].idstr) || s[i].instance_id != s[k].instance_id);
    machine_free(m);
}
END_TEST

/* The 'timer' section as QEMU -icount shift=3,sleep=off writes it: the TSC (the clock) in
 * cpu_ticks_offset, the clock, then timer/icount with the bias and the instruction count,
 * from which a load continues both. */
START_TEST(test_machine_timer_section_wire_and_reload)
{
    static const uint8_t code[] = { 0xEB, 0xFE };
    char *bios = tiny_bios(code, sizeof code);
    Machine *m = new_machine(bios, 1u << 20);
    MachineStop why;
    Err e = { 0 };
    MachineLimits lim = { .until_icount = 1000 };
    ck_assert_int_eq(machine_run(m, &lim, &why, &e), 0);
    clock_warp(machine_clock(m), 8000 + 500);               /* as a HLT: bias 500 ns */
    int n;
    const MachineSection *s = machine_sections(m, &n);
    Stream *st = stream_open_membuf();
    ck_assert_int_eq(vms_save(st, s[0].vmsd, s[0].opaque, NULL, &e), 0);
    size_t len;
    const uint8_t *b = stream_membuf(st, &len);
    static const uint8_t want[58] = {
        0, 0, 0, 0, 0, 0, 0x21, 0x34,   /* cpu_ticks_offset: the TSC, 8500 ns */
        0, 0, 0, 0, 0, 0, 0, 0,         /* unused */
        0, 0, 0, 0, 0, 0, 0x21, 0x34,   /* cpu_clock_offset: 1000 insns x 8 ns + 500 */
        0x05, 12, 't', 'i', 'm', 'e', 'r', '/', 'i', 'c', 'o', 'u', 'n', 't',
        0, 0, 0, 1,                     /* subsection timer/icount, version 1 */
        0, 0, 0, 0, 0, 0, 0x01, 0xf4,   /* qemu_icount_bias: 500 ns */
        0, 0, 0, 0, 0, 0, 0x03, 0xe8,   /* qemu_icount: 1000 instructions */
    };
    ck_assert_uint_eq(len, sizeof want);
    ck_assert_mem_eq(b, want, sizeof want);

    Machine *m2 = new_machine(bios, 1u << 20);
    const MachineSection *s2 = machine_sections(m2, &n);
    Stream *in = stream_open_mem(b, len);
    ck_assert_int_eq(vms_load(in, s2[0].vmsd, s2[0].opaque, 2, &e), 0);
    ck_assert_int_eq(clock_ns(machine_clock(m2)), 8500);
    ck_assert_uint_eq(machine_clock(m2)->icount, 1000);     /* the count continues */
    ck_assert_uint_eq(cpu_tsc(machine_cpu(m2)), 8500);       /* the TSC: the clock, in ns */
    stream_close(in, NULL);
    for (size_t cut = 0; cut < len; cut++) {                /* truncated: a clean failure */
        Err e2 = { 0 };
        in = stream_open_mem(b, cut);
        /* cut inside the subsection's marker and name: QEMU's peek sees no subsection and
         * the section ends there (the section footer then fails in a whole stream) */
        int want_r = cut >= 24 && cut < 38 ? 0 : -1;
        ck_assert_int_eq(vms_load(in, s2[0].vmsd, s2[0].opaque, 2, &e2) < 0 ? -1 : 0, want_r);
        stream_close(in, NULL);
    }
    stream_close(st, NULL);
    machine_free(m);
    machine_free(m2);
    unlink(bios);
    free(bios);
}
END_TEST

START_TEST(test_machine_globalstate_writes_running_and_rejects_unknown)
{
    MachineGlobalState g = { 0 };
    Stream *st = stream_open_membuf();
    Err e = { 0 };
    ck_assert_int_eq(vms_save(st, &machine_globalstate_vms, &g, NULL, &e), 0);
    size_t len;
    const uint8_t *b = stream_membuf(st, &len);
    ck_assert_uint_eq(len, 104);
    ck_assert_uint_eq(be32(b), 8);
    ck_assert_mem_eq(b + 4, "running\0", 8);
    for (size_t i = 12; i < 104; i++)
        ck_assert_uint_eq(b[i], 0);
    uint8_t bad[104];
    memcpy(bad, b, 104);
    memcpy(bad + 4, "runnin2", 7);
    Stream *in = stream_open_mem(bad, sizeof bad);
    MachineGlobalState g2;
    ck_assert_int_lt(vms_load(in, &machine_globalstate_vms, &g2, 1, &e), 0);
    ck_assert_ptr_nonnull(strstr(e.msg, "runnin2"));
    stream_close(in, NULL);
    stream_close(st, NULL);
}
END_TEST

START_TEST(test_machine_bad_config_fails_with_a_message)
{
    MachineConfig cfg;
    machine_config_init(&cfg, NULL);
    Machine *m = NULL;
    Err e = { 0 };
    cfg.bios = "/nonexistent/bios.bin";
    ck_assert_int_lt(machine_new(&cfg, &m, &e), 0);
    ck_assert_ptr_nonnull(strstr(e.msg, "/nonexistent/bios.bin"));
    machine_config_init(&cfg, NULL);
    cfg.drives[0].file = "/nonexistent/disk.qcow2";
    err_clear(&e);
    ck_assert_int_lt(machine_new(&cfg, &m, &e), 0);
    ck_assert_ptr_nonnull(strstr(e.msg, "drive 0"));
    machine_config_init(&cfg, NULL);
    cfg.ram_size = 12345;
    err_clear(&e);
    ck_assert_int_lt(machine_new(&cfg, &m, &e), 0);
    ck_assert_ptr_null(m);
}
END_TEST

static Suite *machine_suite(void)
{
    Suite *s = suite_create("machine");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 30);
    tcase_add_test(tc, test_machine_ram_blocks_are_named_and_sized_as_qemu);
    tcase_add_test(tc, test_machine_firmware_is_at_4g_and_its_top_below_1m);
    tcase_add_test(tc, test_machine_pam_modes_route_reads_and_writes);
    tcase_add_test(tc, test_machine_stops_at_halt_with_interrupts_off);
    tcase_add_test(tc, test_machine_icount_and_run_for_stop_exactly);
    tcase_add_test(tc, test_machine_hlt_warps_virtual_time_to_the_next_deadline);
    tcase_add_test(tc, test_machine_triple_fault_resets_or_stops_with_no_reboot);
    tcase_add_test(tc, test_machine_stops_right_after_the_serial_text);
    tcase_add_test(tc, test_machine_sections_start_with_timer_and_end_with_globalstate_with_qemus_ids);
    tcase_add_test(tc, test_machine_timer_section_wire_and_reload);
    tcase_add_test(tc, test_machine_globalstate_writes_running_and_rejects_unknown);
    tcase_add_test(tc, test_machine_bad_config_fails_with_a_message);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(machine_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
