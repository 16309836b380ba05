/* test_cmdline.c: the pcemu command line: QEMU spellings, values, the snapshot and monitor
 * options, arguments that look like options, and one-line errors. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "emu/front/cmdline.h"

/* Parses a NULL-terminated list of arguments (argv[0] added here). */
static int parse(Cmdline *c, Err *e, const char *const *args)
{
    char *argv[64] = { "pcemu" };
    int argc = 1;
    for (; args[argc - 1]; argc++)
        argv[argc] = (char *)args[argc - 1];
    return cmdline_parse(argc, argv, c, e);
}
#define PARSE(c, e, ...) parse((c), (e), (const char *const[]){ __VA_ARGS__, NULL })

START_TEST(test_cmdline_defaults_are_qemus)
{
    Cmdline c;
    Err e = { 0 };
    ck_assert_int_eq(PARSE(&c, &e, "-display", "none"), 0);
    ck_assert_str_eq(c.mc.type->name, "pc-i440fx-7.2");
    ck_assert_uint_eq(c.mc.ram_size, 128u << 20);
    ck_assert_ptr_null(c.mc.bios);
    ck_assert_int_eq(c.mc.icount_shift, MACHINE_DEFAULT_ICOUNT_SHIFT);
    ck_assert_int_eq(c.mc.boot_reboot_timeout_ms, -1);
    /* QEMU's -M pc -nodefaults: qemu32 with its APIC, ACPI, HPET, vmport */
    ck_assert_str_eq(c.mc.cpu.name, "qemu32");
    ck_assert_uint_eq(c.mc.cpu.feat[CPU_FEAT_1_EDX], 0x0781abfd);
    ck_assert(machine_has_apic(&c.mc));
    ck_assert_int_eq(c.action, CMDLINE_RUN);
    ck_assert(!monitor_wanted(&c.mon));
    ck_assert(c.mc.acpi && c.mc.hpet && c.mc.vmport);
    cmdline_free(&c);
    ck_assert_int_eq(PARSE(&c, &e, "-M", "pc-i440fx-6.0"), 0);   /* the same for the older type */
    ck_assert(c.mc.acpi && c.mc.hpet && c.mc.vmport && machine_has_apic(&c.mc));
    cmdline_free(&c);
    /* the reduced PC: pcemu's CPU before models */
    ck_assert_int_eq(PARSE(&c, &e, "-M", "pc,acpi=off,hpet=off,vmport=off", "-cpu",
                           "pentium2,-mmx,-apic,-pae,-mce,-mca,-vme,-de,-fxsr,-pse36,-hypervisor"), 0);
    ck_assert(!c.mc.acpi && !c.mc.hpet && !c.mc.vmport && !machine_has_apic(&c.mc));
    ck_assert_uint_eq(c.mc.cpu.feat[CPU_FEAT_1_EDX], 0x0001b939);
    cmdline_free(&c);
    ck_assert_int_eq(PARSE(&c, &e, "-M", "pc,acpi=on,acpi=off"), 0);
    ck_assert(!c.mc.acpi);
    cmdline_free(&c);
}
END_TEST

#define P2_ABSENT ",-apic,-pae,-mce,-mca,-de,-fxsr,-pse36,-hypervisor"
START_TEST(test_cmdline_cpu_fpu_is_on_unless_turned_off)
{
    static const char *const on[] = { "pentium2" P2_ABSENT, "pentium2" P2_ABSENT ",fpu", "pentium2" P2_ABSENT ",+fpu",
                                      "pentium2" P2_ABSENT ",fpu=on", "pentium2" P2_ABSENT ",-fpu,fpu=on",
                                      "pentium2,-mmx,-apic,-pae,-mce,-mca,-vme,-de,-fxsr,-pse36,-hypervisor" };
    static const char *const off[] = { "pentium2" P2_ABSENT ",-fpu", "pentium2" P2_ABSENT ",fpu=off",
                                       "pentium2" P2_ABSENT ",+fpu,-fpu" };
    for (size_t k = 0; k < ARRAY_SIZE(on) + ARRAY_SIZE(off); k++) {
        Cmdline c;
        Err e = { 0 };
        const char *v = k < ARRAY_SIZE(on) ? on[k] : off[k - ARRAY_SIZE(on)];
        ck_assert_msg(PARSE(&c, &e, "-cpu", v) == 0, "%s: %s", v, e.msg);
        ck_assert_msg(!(c.mc.cpu.feat[CPU_FEAT_1_EDX] & CPUID_FPU) == (k >= ARRAY_SIZE(on)), "%s", v);
        cmdline_free(&c);
    }
}
END_TEST

/* The models are QEMU's: their identity and, with what pcemu lacks turned off, their
 * features; what pcemu lacks is refused by name while on, an unknown name always. */
START_TEST(test_cmdline_cpu_models)
{
    static const struct { const char *spec; uint32_t sig, edx, ecx; } ok[] = {
        { "pentium2" P2_ABSENT, 0x652, 0x0081b939, 0 },                  /* vme: dropped as TCG does */
        { "pentium2", 0x652, 0x0183fbfd, 0x80000000 },                        /* with PAE, MCE, ..., hypervisor */
        { "pentium3" P2_ABSENT ",-sse", 0x673, 0x0081b939, 0 },
        { "pentium3" P2_ABSENT, 0x673, 0x0281b939, 0 },                   /* sse */
        { "qemu32,-apic,-pae,-mce,-de,-hypervisor", 0x663, 0x0781a939, 1 },  /* sse sse2 pni */
        { "qemu32,-apic,-pae,-mce,-de,-fxsr,-sse,-sse2,-sse3,-hypervisor", 0x663, 0x0081a939, 0 },
        { "qemu32,-apic,-pae,-mce,-de,-fxsr,-sse,-sse2,pni=off,hypervisor=off,-mmx", 0x663, 0x0001a939, 0 },
    };
    for (size_t k = 0; k < ARRAY_SIZE(ok); k++) {
        Cmdline c;
        Err e = { 0 };
        ck_assert_msg(PARSE(&c, &e, "-cpu", ok[k].spec) == 0, "%s: %s", ok[k].spec, e.msg);
        ck_assert_uint_eq(c.mc.cpu.signature, ok[k].sig);
        ck_assert_uint_eq(c.mc.cpu.feat[CPU_FEAT_1_EDX], ok[k].edx);
        ck_assert_uint_eq(c.mc.cpu.feat[CPU_FEAT_1_ECX], ok[k].ecx);
        cmdline_free(&c);
    }
    static const struct { const char *spec, *msg; } bad[] = {
        { "pentium3" P2_ABSENT ",+ssse3", "(-ssse3)" },
        { "pentium2" P2_ABSENT ",+monitor", "(-monitor)" },
        { "pentium2" P2_ABSENT ",+frobnicate", "unknown feature '+frobnicate'" },
        { "pentium4", "unknown CPU model 'pentium4'" },
    };
    for (size_t k = 0; k < ARRAY_SIZE(bad); k++) {
        Cmdline c;
        Err e = { 0 };
        ck_assert_msg(PARSE(&c, &e, "-cpu", bad[k].spec) < 0, "%s", bad[k].spec);
        ck_assert_msg(strstr(e.msg, bad[k].msg), "%s: %s", bad[k].spec, e.msg);
        cmdline_free(&c);
    }
}
END_TEST

START_TEST(test_cmdline_cpu_apic_follows_the_model)
{
    /* QEMU's pentium2 has an APIC; the reduced PC's CPU (its -apic spelling) has none. */
#define P2 "pentium2,-de,-pae,-mce,-mca,-pse36,-hypervisor"
    static const char *const on[] = { P2, P2 ",+apic", P2 ",apic=on", P2 ",-apic,+apic,-mmx" };
    static const char *const off[] = { P2 ",-apic", P2 ",apic=off", P2 ",+apic,-apic",
                                       "pentium2,-mmx,-apic,-pae,-mce,-mca,-vme,-de,-fxsr,-pse36,-hypervisor" };
#undef P2
    for (size_t k = 0; k < ARRAY_SIZE(on) + ARRAY_SIZE(off); k++) {
        Cmdline c;
        Err e = { 0 };
        const char *v = k < ARRAY_SIZE(on) ? on[k] : off[k - ARRAY_SIZE(on)];
        ck_assert_msg(PARSE(&c, &e, "-cpu", v) == 0, "%s: %s", v, e.msg);
        ck_assert_msg(machine_has_apic(&c.mc) == (k < ARRAY_SIZE(on)), "%s", v);
        cmdline_free(&c);
    }
    Cmdline c;
    Err e = { 0 };
    ck_assert_msg(PARSE(&c, &e, "-m", "32") == 0, "%s", e.msg);
    ck_assert(machine_has_apic(&c.mc));   /* the default CPU, qemu32 */
    cmdline_free(&c);
}
END_TEST

/* acpi=on gives the PIIX4 power management function; -no-acpi and acpi=off take it away
 * (QEMU's spellings of a bool property). */
START_TEST(test_cmdline_machine_acpi_property)
{
    static const struct { const char *m, *extra; bool acpi; } cases[] = {
        { "pc", NULL, true }, { "pc,acpi=on", NULL, true }, { "pc,acpi=yes", NULL, true },
        { "pc-i440fx-7.2,acpi=on,hpet=off,vmport=off", NULL, true },
        { "pc,acpi=off", NULL, false }, { "pc,acpi=on", "-no-acpi", false },
    };
    for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
        Cmdline c;
        Err e = { 0 };
        int r = cases[i].extra ? PARSE(&c, &e, "-M", cases[i].m, cases[i].extra)
                               : PARSE(&c, &e, "-M", cases[i].m);
        ck_assert_msg(r == 0, "%s: %s", cases[i].m, e.msg);
        ck_assert_msg(c.mc.acpi == cases[i].acpi, "%s %s", cases[i].m,
                      cases[i].extra ? cases[i].extra : "");
        cmdline_free(&c);
    }
}
END_TEST

START_TEST(test_cmdline_machine_hpet_vmport_and_bios_pad_properties)
{
    Cmdline c;
    Err e = { 0 };
    ck_assert_msg(PARSE(&c, &e, "-M", "pc,hpet=on,pcemu-bios-pad=on") == 0, "%s", e.msg);
    ck_assert(c.mc.hpet && c.mc.bios_pad);
    cmdline_free(&c);
    ck_assert_msg(PARSE(&c, &e, "-M", "pc,hpet=on", "-no-hpet") == 0, "%s", e.msg);
    ck_assert(!c.mc.hpet && !c.mc.bios_pad && c.mc.vmport);   /* vmport on by default */
    cmdline_free(&c);
    ck_assert_msg(PARSE(&c, &e, "-M", "pc,vmport=auto") == 0, "%s", e.msg);
    ck_assert(c.mc.vmport);                    /* QEMU's auto: on */
    cmdline_free(&c);
    ck_assert_msg(PARSE(&c, &e, "-M", "pc,vmport=on,vmport=off") == 0, "%s", e.msg);
    ck_assert(!c.mc.vmport);
    cmdline_free(&c);
}
END_TEST

START_TEST(test_cmdline_reads_a_full_qemu_style_line)
{
    Cmdline c;
    Err e = { 0 };
    int r = PARSE(&c, &e, "-M", "pc,acpi=off,hpet=off,vmport=off", "--m", "32", "-cpu", "pentium2,-fpu,-mmx,-apic,-pae,-mce,-mca,-vme,-de,-fxsr,-pse36,-hypervisor,mmx=off", "-bios", "bios.bin",
                  "-drive", "file=a.qcow2,format=qcow2,if=ide,index=1,readonly=on",
                  "-hda", "b.img", "-boot", "order=c,menu=off", "-serial", "stdio",
                  "-chardev", "file,id=dbg,path=log.txt", "-device", "isa-debugcon,iobase=0x402,chardev=dbg",
                  "-nographic", "-icount", "shift=5,sleep=off", "-rtc", "base=2020-01-02T03:04:05",
                  "-S", "-d", "cpu,int", "-D", "trace.txt", "-run-until", "serial:GUEST iter",
                  "-run-until", "halt", "-run-until", "icount:1000000", "-run-for", "1.5s",
                  "-no-reboot", "-option-rom", "x.rom");
    ck_assert_msg(r == 0, "%s", e.msg);
    ck_assert_str_eq(c.mc.type->name, "pc-i440fx-7.2");
    ck_assert(!c.mc.acpi);
    ck_assert_uint_eq(c.mc.ram_size, 32u << 20);
    ck_assert(!(c.mc.cpu.feat[CPU_FEAT_1_EDX] & CPUID_FPU));
    ck_assert_str_eq(c.mc.bios, "bios.bin");
    ck_assert_str_eq(c.mc.drives[1].file, "a.qcow2");
    ck_assert_str_eq(c.mc.drives[1].format, "qcow2");
    ck_assert(c.mc.drives[1].read_only);
    ck_assert_str_eq(c.mc.drives[0].file, "b.img");
    ck_assert_ptr_null(c.mc.drives[0].format);
    ck_assert_str_eq(c.mc.boot_order, "c");
    ck_assert_str_eq(c.serial, "stdio");
    ck_assert_int_eq(c.mc.n_debugcon, 1);
    ck_assert_uint_eq(c.mc.debugcon[0].iobase, 0x402);
    ck_assert_str_eq(c.debugcon_chardev[0], "dbg");
    ck_assert_int_eq(c.chardevs[0].opts.kind, CHARDEV_FILE);
    ck_assert_str_eq(c.chardevs[0].opts.path, "log.txt");
    ck_assert(c.mc.nographic);
    ck_assert_int_eq(c.mc.icount_shift, 5);
    ck_assert_int_eq(c.rtc, CMDLINE_RTC_FIXED);
    ck_assert_int_eq(c.mc.rtc_base, 1577934245);
    ck_assert(c.paused);
    ck_assert_uint_eq(c.trace_mask, TRACE_CPU | TRACE_INT);
    ck_assert_str_eq(c.trace_file, "trace.txt");
    ck_assert_str_eq(c.limits.serial_text, "GUEST iter");
    ck_assert(c.limits.until_halt);
    ck_assert_uint_eq(c.limits.until_icount, 1000000);
    ck_assert_int_eq(c.limits.run_for_ns, 1500000000);
    ck_assert(c.mc.no_reboot);
    ck_assert_int_eq(c.mc.n_option_roms, 1);
    cmdline_free(&c);
}
END_TEST

START_TEST(test_cmdline_drive_takes_the_first_free_index_and_bus_unit)
{
    Cmdline c;
    Err e = { 0 };
    ck_assert_int_eq(PARSE(&c, &e, "-drive", "file=x", "-drive", "file=y,bus=1,unit=1",
                           "-drive", "file=a,,b"), 0);
    ck_assert_str_eq(c.mc.drives[0].file, "x");
    ck_assert_str_eq(c.mc.drives[3].file, "y");
    ck_assert_str_eq(c.mc.drives[1].file, "a,b");   /* ",," is a literal comma */
    ck_assert_int_eq(c.mc.drives[0].order, 1);       /* the command line's order */
    ck_assert_int_eq(c.mc.drives[3].order, 2);
    ck_assert_int_eq(c.mc.drives[1].order, 3);
    cmdline_free(&c);
}
END_TEST

START_TEST(test_cmdline_a_cd_drive_may_have_no_disc_and_a_disk_may_not)
{
    Cmdline c;
    Err e = { 0 };
    ck_assert_int_eq(PARSE(&c, &e, "-drive", "if=ide,index=2,media=cdrom", "-drive",
                           "if=ide,index=3,media=cdrom,file="), 0);
    ck_assert_str_eq(c.mc.drives[2].file, "");    /* QEMU's drive without a medium */
    ck_assert_str_eq(c.mc.drives[3].file, "");
    ck_assert(c.mc.drives[2].cdrom && c.mc.drives[2].read_only);
    cmdline_free(&c);
    ck_assert_int_lt(PARSE(&c, &e, "-drive", "if=ide,file="), 0);
    ck_assert_str_eq(e.msg, "-drive: no file= given");
    ck_assert_int_lt(PARSE(&c, &e, "-drive", "if=ide,index=2"), 0);
    ck_assert_str_eq(e.msg, "-drive: no file= given");
}
END_TEST

START_TEST(test_cmdline_values_parse_with_units)
{
    uint64_t b;
    int64_t ns, s;
    Err e = { 0 };
    ck_assert_int_eq(cmdline_parse_size("64", &b, &e), 0);
    ck_assert_uint_eq(b, 64u << 20);
    ck_assert_int_eq(cmdline_parse_size("1G", &b, &e), 0);
    ck_assert_uint_eq(b, 1u << 30);
    ck_assert_int_eq(cmdline_parse_size("512K", &b, &e), 0);
    ck_assert_uint_eq(b, 512u << 10);
    ck_assert_int_eq(cmdline_parse_size("12Q", &b, &e), -EINVAL);
    ck_assert_int_eq(cmdline_parse_duration("150ms", &ns, &e), 0);
    ck_assert_int_eq(ns, 150000000);
    ck_assert_int_eq(cmdline_parse_duration("2", &ns, &e), 0);
    ck_assert_int_eq(ns, 2000000000);
    ck_assert_int_eq(cmdline_parse_duration("0.25us", &ns, &e), 0);
    ck_assert_int_eq(ns, 250);
    ck_assert_int_eq(cmdline_parse_duration("10h", &ns, &e), -EINVAL);
    ck_assert_int_eq(cmdline_parse_duration("0s", &ns, &e), -EINVAL);
    ck_assert_int_eq(cmdline_parse_date("1970-01-02", &s, &e), 0);
    ck_assert_int_eq(s, 86400);
    ck_assert_int_eq(cmdline_parse_date("2021-02-30", &s, &e), -EINVAL);
    ck_assert_int_eq(cmdline_parse_date("yesterday", &s, &e), -EINVAL);
}
END_TEST

START_TEST(test_cmdline_takes_the_snapshot_and_monitor_options)
{
    Cmdline c;
    Err e = { 0 };
    int r = PARSE(&c, &e, "-snapshot", "save", "s1", "--loadvm", "s0", "-monitor",
                  "unix:m.sock,server=on,wait=off", "-S", "-qmp", "stdio", "-gdb", "tcp::4321",
                  "-m", "32");
    ck_assert_msg(r == 0, "%s", e.msg);
    ck_assert_str_eq(c.mon.save_name, "s1");
    ck_assert_str_eq(c.mon.loadvm, "s0");
    ck_assert_str_eq(c.mon.hmp, "unix:m.sock,server=on,wait=off");
    ck_assert_str_eq(c.mon.qmp, "stdio");
    ck_assert_str_eq(c.mon.gdb, "tcp::4321");
    ck_assert(c.paused);
    ck_assert_uint_eq(c.mc.ram_size, 32u << 20);
    ck_assert(monitor_wanted(&c.mon));
    cmdline_free(&c);

    ck_assert_int_eq(PARSE(&c, &e, "-gdb", "unix:g.sock", "-s", "-S"), 0);   /* -s: no argument */
    ck_assert_str_eq(c.mon.gdb, "tcp::1234");                                /* the last wins */
    ck_assert(c.paused);
    cmdline_free(&c);
    ck_assert_int_eq(PARSE(&c, &e, "-s", "--gdb", "unix:g.sock"), 0);
    ck_assert_str_eq(c.mon.gdb, "unix:g.sock");
    cmdline_free(&c);

    /* QEMU's plain -snapshot (every drive) and a drive's snapshot=on */
    ck_assert_int_eq(PARSE(&c, &e, "-snapshot", "-loadvm", "s0", "-snapshot"), 0);
    ck_assert(c.mc.snapshot);
    ck_assert_str_eq(c.mon.loadvm, "s0");
    ck_assert_ptr_null(c.mon.save_name);
    cmdline_free(&c);
    ck_assert_int_eq(PARSE(&c, &e, "-drive", "file=a.qcow2,snapshot=on", "-drive",
                           "file=b.qcow2,snapshot=off"), 0);
    ck_assert(!c.mc.snapshot && c.mc.drives[0].snapshot && !c.mc.drives[1].snapshot);
    cmdline_free(&c);

    static char longest[256];
    memset(longest, 'n', 255);
    ck_assert_int_eq(PARSE(&c, &e, "-snapshot", "save", longest, "-S"), 0);
    ck_assert_uint_eq(strlen(c.mon.save_name), 255);
    cmdline_free(&c);
    /* one monitor on stdio is fine beside other back ends */
    ck_assert_int_eq(PARSE(&c, &e, "-monitor", "stdio", "-serial", "file:s.txt", "-chardev",
                           "null,id=n", "-qmp", "unix:q.sock,server=on,wait=off"), 0);
    cmdline_free(&c);
    ck_assert_int_eq(PARSE(&c, &e, "-serial", "stdio", "-chardev", "stdio,id=x"), 0);
    cmdline_free(&c);
}
END_TEST

/* An option that takes an argument takes the next word whatever it looks like (the
 * monitor options were once pulled out of argv before the parser ran, so "-D -loadvm"
 * lost its argument to -loadvm). */
START_TEST(test_cmdline_an_argument_that_looks_like_an_option_is_the_argument)
{
    Cmdline c;
    Err e = { 0 };
    ck_assert_int_eq(PARSE(&c, &e, "-D", "-loadvm", "-loadvm", "snap"), 0);
    ck_assert_str_eq(c.trace_file, "-loadvm");
    ck_assert_str_eq(c.mon.loadvm, "snap");
    cmdline_free(&c);
    ck_assert_int_eq(PARSE(&c, &e, "-monitor", "-qmp"), 0);
    ck_assert_str_eq(c.mon.hmp, "-qmp");
    ck_assert_ptr_null(c.mon.qmp);
    cmdline_free(&c);
    ck_assert_int_eq(PARSE(&c, &e, "-loadvm", "-snapshot", "-bios", "-s"), 0);
    ck_assert_str_eq(c.mon.loadvm, "-snapshot");
    ck_assert_ptr_null(c.mon.save_name);
    ck_assert_str_eq(c.mc.bios, "-s");
    ck_assert_ptr_null(c.mon.gdb);
    cmdline_free(&c);
    ck_assert_int_eq(PARSE(&c, &e, "-snapshot", "save", "-gdb", "-serial", "-monitor", "-S"), 0);
    ck_assert_str_eq(c.mon.save_name, "-gdb");
    ck_assert_str_eq(c.serial, "-monitor");
    ck_assert_ptr_null(c.mon.gdb);
    ck_assert_ptr_null(c.mon.hmp);
    cmdline_free(&c);
    ck_assert_int_eq(PARSE(&c, &e, "-run-until", "serial:-qmp stdio"), 0);
    ck_assert_str_eq(c.limits.serial_text, "-qmp stdio");
    ck_assert_ptr_null(c.mon.qmp);
    cmdline_free(&c);
}
END_TEST

/* Each bad line fails with a message containing the given text. */
static void expect_error(const char *const *args, const char *text)
{
    Cmdline c;
    Err e = { 0 };
    ck_assert_int_lt(parse(&c, &e, args), 0);
    ck_assert_msg(strstr(e.msg, text) != NULL, "message '%s' lacks '%s'", e.msg, text);
    ck_assert_ptr_null(strchr(e.msg, '\n'));
    cmdline_free(&c);
}
#define EXPECT_ERROR(text, ...) expect_error((const char *const[]){ __VA_ARGS__, NULL }, text)

START_TEST(test_cmdline_floppy_drives_are_indexes_4_and_5)
{
    Cmdline c;
    Err e = { 0 };
    ck_assert_int_eq(PARSE(&c, &e, "-drive", "file=f1,if=floppy,format=raw,readonly=on",
                           "-drive", "file=f2,if=floppy", "-hda", "h"), 0);
    ck_assert_str_eq(c.mc.drives[MACHINE_FLOPPY0].file, "f1");
    ck_assert_str_eq(c.mc.drives[MACHINE_FLOPPY0].format, "raw");
    ck_assert(c.mc.drives[MACHINE_FLOPPY0].read_only);
    ck_assert_str_eq(c.mc.drives[MACHINE_FLOPPY0 + 1].file, "f2");
    ck_assert_str_eq(c.mc.drives[0].file, "h");
    cmdline_free(&c);
    ck_assert_int_eq(PARSE(&c, &e, "-fdb", "b", "-drive", "file=a,if=floppy,unit=0"), 0);
    ck_assert_str_eq(c.mc.drives[MACHINE_FLOPPY0].file, "a");
    ck_assert_str_eq(c.mc.drives[MACHINE_FLOPPY0 + 1].file, "b");
    cmdline_free(&c);
    /* QEMU's floppy drive without a disk: no file=, or an empty one */
    ck_assert_int_eq(PARSE(&c, &e, "-drive", "if=floppy", "-drive", "if=floppy,file="), 0);
    ck_assert_str_eq(c.mc.drives[MACHINE_FLOPPY0].file, "");
    ck_assert_str_eq(c.mc.drives[MACHINE_FLOPPY0 + 1].file, "");
    ck_assert(!c.mc.drives[MACHINE_FLOPPY0].read_only && !c.mc.drives[MACHINE_FLOPPY0].cdrom);
    cmdline_free(&c);
    EXPECT_ERROR("floppy has indexes 0 to 1", "-drive", "file=y,if=floppy,index=2");
    EXPECT_ERROR("floppy index 0 is already used by a", "-fda", "a", "-drive", "file=y,if=floppy,index=0");
    EXPECT_ERROR("all 2 floppy positions are used", "-fda", "a", "-fdb", "b", "-drive", "file=y,if=floppy");
    EXPECT_ERROR("if=floppy has bus 0 only", "-drive", "file=y,if=floppy,bus=1");
}
END_TEST

START_TEST(test_cmdline_errors_are_one_clear_line)
{
    EXPECT_ERROR("unknown option", "-frobnicate");
    EXPECT_ERROR("requires an argument", "-m");
    EXPECT_ERROR("unknown machine type 'q35'", "-M", "q35");
    EXPECT_ERROR("-machine: acpi=maybe: expected on or off", "-M", "pc,acpi=maybe");
    EXPECT_ERROR("-machine: hpet=maybe: expected on or off", "-M", "pc,hpet=maybe");
    EXPECT_ERROR("-machine: pcemu-bios-pad=2: expected on or off", "-M", "pc,pcemu-bios-pad=2");
    EXPECT_ERROR("-machine: vmport=maybe: expected on or off", "-M", "pc,vmport=maybe");
    EXPECT_ERROR("unknown CPU model", "-cpu", "host");
    EXPECT_ERROR("unknown CPU model", "-cpu", "pentium23");
    EXPECT_ERROR("pcemu does not implement these features of the model: turn them off (-ssse3)",
                 "-cpu", "pentium2" P2_ABSENT ",+ssse3");
    EXPECT_ERROR("(-nx)", "-cpu", "pentium2" P2_ABSENT ",nx=on");
    EXPECT_ERROR("unknown feature 'mmx=maybe'", "-cpu", "pentium2" P2_ABSENT ",mmx=maybe");
    EXPECT_ERROR("unknown feature ''", "-cpu", "pentium2,");
    EXPECT_ERROR("format=vmdk", "-drive", "file=x,format=vmdk");
    EXPECT_ERROR("if=virtio", "-drive", "file=x,if=virtio");
    EXPECT_ERROR("no file=", "-drive", "format=raw");
    EXPECT_ERROR("index 0 is already used", "-hda", "x", "-drive", "file=y,index=0");
    EXPECT_ERROR("index 7 is larger than 3", "-drive", "file=y,index=7");
    EXPECT_ERROR("chardev 'nope' not found", "-device", "isa-debugcon,chardev=nope");
    EXPECT_ERROR("only pluggable device", "-device", "e1000");
    EXPECT_ERROR("duplicate id", "-chardev", "null,id=a", "-chardev", "null,id=a");
    EXPECT_ERROR("no path=", "-chardev", "file,id=a");
    EXPECT_ERROR("one serial port", "-serial", "null", "-serial", "stdio");
    EXPECT_ERROR("shift=auto", "-icount", "shift=auto");
    EXPECT_ERROR("expected serial:TEXT", "-run-until", "forever");
    EXPECT_ERROR("at most 3072 MiB", "-m", "4G");
    EXPECT_ERROR("at least 1 MiB", "-m", "100K");
    EXPECT_ERROR("not an option", "disk.img");
    EXPECT_ERROR("no display", "-display", "gtk");
    EXPECT_ERROR("unknown category", "-d", "everything");
    EXPECT_ERROR("clock=host", "-rtc", "clock=host");
}
END_TEST

START_TEST(test_cmdline_unknown_options_and_monitor_option_errors)
{
    EXPECT_ERROR("--frobnicate: unknown option (try -help)", "--frobnicate");
    EXPECT_ERROR("-snapshots: unknown option", "-snapshots");
    EXPECT_ERROR("-Loadvm: unknown option", "-Loadvm", "x");          /* case matters */
    EXPECT_ERROR("-ss: unknown option", "-ss");
    EXPECT_ERROR("-nosuch: unknown option", "-loadvm", "s0", "-nosuch", "-monitor", "stdio");
    EXPECT_ERROR("'s0': not an option", "-S", "s0");                    /* -S takes none */
    EXPECT_ERROR("'save': not an option", "-s", "save");
    EXPECT_ERROR("-loadvm: argument missing", "-loadvm");
    EXPECT_ERROR("--monitor: argument missing", "-S", "--monitor");
    EXPECT_ERROR("-qmp: argument missing", "-qmp");
    EXPECT_ERROR("-gdb: argument missing", "-m", "32", "-gdb");
    EXPECT_ERROR("-snapshot: expected 'save NAME'", "-snapshot", "save");
    EXPECT_ERROR("'load': not an option", "-snapshot", "load", "s1");   /* plain -snapshot */
    EXPECT_ERROR("-snapshot save s: -snapshot opens the images read-only", "-snapshot",
                 "-snapshot", "save", "s", "-S");
    EXPECT_ERROR("the name must be 1 to 255 bytes", "-snapshot", "save", "");
    static char too_long[257];
    memset(too_long, 'n', 256);
    EXPECT_ERROR("the name must be 1 to 255 bytes", "-snapshot", "save", too_long);
    const char *two = "cannot use stdio by multiple character devices";
    EXPECT_ERROR(two, "-monitor", "stdio", "-qmp", "stdio");
    EXPECT_ERROR(two, "-serial", "stdio", "-monitor", "stdio");
    EXPECT_ERROR(two, "-qmp", "stdio", "-nographic");
    EXPECT_ERROR(two, "-chardev", "stdio,id=c", "-monitor", "stdio");
    EXPECT_ERROR(two, "-monitor", "stdio", "-chardev", "backend=stdio,id=c");
    EXPECT_ERROR(two, "-monitor", "stdio", "-nographic", "-help");   /* checked before -help */
}
END_TEST

/* QEMU options that state what pcemu is work; the ones naming what it lacks are refused in
 * one line; a misspelt option gets the nearest name; -snapshot save without a way to stop
 * is refused instead of running forever. */
START_TEST(test_cmdline_qemu_options_work_or_say_what_pcemu_lacks)
{
    Cmdline c;
    Err e = { 0 };
    ck_assert_int_eq(PARSE(&c, &e, "-smp", "1", "-accel", "tcg", "-smp", "cpus=1,sockets=1,cores=1,threads=1,maxcpus=1",
                           "-accel", "accel=tcg,thread=single", "-vga", "none", "-net", "none", "-no-acpi",
                           "-name", "g1,process=p1,debug-threads=on", "-pidfile", "x.pid", "-no-shutdown"), 0);
    ck_assert_str_eq(c.name, "g1");
    ck_assert_str_eq(c.process_name, "p1");
    ck_assert_str_eq(c.pidfile, "x.pid");
    ck_assert(c.no_shutdown);
    cmdline_free(&c);
    ck_assert_int_eq(PARSE(&c, &e, "-d", "help"), 0);
    ck_assert_int_eq(c.action, CMDLINE_TRACE_HELP);
    cmdline_free(&c);
    /* -nographic: COM1 and the monitor on the shared terminal unless either is given */
    ck_assert_int_eq(PARSE(&c, &e, "-nographic"), 0);
    ck_assert_str_eq(c.serial, "mon:stdio");
    ck_assert_str_eq(c.mon.hmp, "mon:stdio");
    cmdline_free(&c);
    ck_assert_int_eq(PARSE(&c, &e, "-nographic", "-monitor", "unix:m.sock,server=on,wait=off"), 0);
    ck_assert_ptr_null(c.serial);   /* plain stdio, as QEMU */
    cmdline_free(&c);
    ck_assert_int_eq(PARSE(&c, &e, "-nographic", "-monitor", "none"), 0);
    ck_assert_ptr_null(c.serial);
    ck_assert_ptr_null(c.mon.hmp);
    cmdline_free(&c);
    ck_assert_int_eq(PARSE(&c, &e, "-chardev", "socket,id=t,host=127.0.0.1,port=4444,server=on,wait=off",
                           "-chardev", "pty,id=p"), 0);
    ck_assert_str_eq(c.chardevs[0].opts.host_port, "127.0.0.1:4444");
    ck_assert_int_eq(c.chardevs[1].opts.kind, CHARDEV_PTY);
    ck_assert_str_eq(c.chardevs[1].opts.label, "p");
    cmdline_free(&c);
    EXPECT_ERROR("-smp 2: pcemu emulates one CPU", "-smp", "2");
    EXPECT_ERROR("-smp cores=4: pcemu emulates one CPU", "-smp", "cores=4");
    EXPECT_ERROR("-accel kvm: pcemu has no kvm", "-accel", "kvm");
    EXPECT_ERROR("-enable-kvm: pcemu has no KVM", "-enable-kvm");
    EXPECT_ERROR("-vga std: pcemu has no graphics card", "-vga", "std");
    EXPECT_ERROR("-netdev user,id=n: pcemu has no network card", "-netdev", "user,id=n");
    EXPECT_ERROR("-usb: pcemu has no USB", "-usb");
    EXPECT_ERROR("more than 16 options", "-smp", "1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1");
    EXPECT_ERROR("more than 16 options", "-name", "a,b,c,d,e,f,g,h,i,j,k,l,m,n,o,p,q");
    EXPECT_ERROR("-serial mon:stdio: pcemu has one human monitor", "-serial", "mon:stdio", "-monitor", "stdio");
    EXPECT_ERROR("host= and port=", "-chardev", "file,id=f,path=x,port=4");
    EXPECT_ERROR("-audiodev: requires an argument", "-audiodev");
    EXPECT_ERROR("-g: Option not supported for this target", "-g", "640x480");
    EXPECT_ERROR("-nographc: unknown option; did you mean -nographic?", "-nographc");
    EXPECT_ERROR("--smpp: unknown option; did you mean -smp?", "--smpp");
    EXPECT_ERROR("-snapshot save s: no stop condition", "-snapshot", "save", "s");
    ck_assert_int_eq(PARSE(&c, &e, "-snapshot", "save", "s", "-run-for", "1s"), 0);
    cmdline_free(&c);
    ck_assert_int_eq(PARSE(&c, &e, "-snapshot", "save", "s", "-monitor", "stdio"), 0);
    cmdline_free(&c);
}
END_TEST

START_TEST(test_cmdline_help_version_and_dump_actions)
{
    Cmdline c;
    Err e = { 0 };
    ck_assert_int_eq(PARSE(&c, &e, "-version"), 0);
    ck_assert_int_eq(c.action, CMDLINE_VERSION);
    cmdline_free(&c);
    ck_assert_int_eq(PARSE(&c, &e, "--help"), 0);
    ck_assert_int_eq(c.action, CMDLINE_HELP);
    cmdline_free(&c);
    ck_assert_int_eq(PARSE(&c, &e, "-M", "help"), 0);
    ck_assert_int_eq(c.action, CMDLINE_MACHINE_HELP);
    cmdline_free(&c);
    ck_assert_int_eq(PARSE(&c, &e, "--dump-vmstate"), 0);
    ck_assert_int_eq(c.action, CMDLINE_DUMP_VMSTATE);
    ck_assert_str_eq(c.dump_vmstate, "-");
    cmdline_free(&c);
    ck_assert_int_eq(PARSE(&c, &e, "-dump-vmstate", "out.json", "-serial", "null"), 0);
    ck_assert_str_eq(c.dump_vmstate, "out.json");
    cmdline_free(&c);
    ck_assert_ptr_nonnull(strstr(cmdline_usage(), "-run-until"));
}
END_TEST

START_TEST(test_cmdline_opens_serial_and_debugcon_chardevs)
{
    Cmdline c;
    Err e = { 0 };
    ck_assert_int_eq(PARSE(&c, &e, "-chardev", "null,id=d", "-device", "isa-debugcon,chardev=d",
                           "-serial", "chardev:d"), 0);
    ck_assert_int_eq(cmdline_open_chardevs(&c, &e), 0);
    ck_assert_ptr_nonnull(c.mc.serial);
    ck_assert_ptr_eq(c.mc.serial, c.mc.debugcon[0].chr);
    ck_assert_uint_eq(c.mc.debugcon[0].iobase, 0xE9);
    cmdline_free(&c);

    ck_assert_int_eq(PARSE(&c, &e, "-serial", "file:/nonexistent-dir/s.txt"), 0);
    ck_assert_int_lt(cmdline_open_chardevs(&c, &e), 0);
    ck_assert_ptr_nonnull(strstr(e.msg, "-serial"));
    cmdline_free(&c);
}
END_TEST

START_TEST(test_cmdline_kernel_initrd_append_need_kernel_as_in_qemu)
{
    Cmdline c;
    Err e = { 0 };
    ck_assert_int_eq(PARSE(&c, &e, "-kernel", "k0", "-kernel", "vmlinuz", "-initrd", "a,,b,c x",
                           "-append", "console=ttyS0 -x"), 0);
    ck_assert_str_eq(c.mc.kernel, "vmlinuz");               /* the last one counts */
    ck_assert_str_eq(c.mc.initrd, "a,,b,c x");              /* split by the loader */
    ck_assert_str_eq(c.mc.append, "console=ttyS0 -x");
    cmdline_free(&c);
    ck_assert_int_eq(PARSE(&c, &e, "-append", ""), 0);      /* empty: allowed, as QEMU */
    cmdline_free(&c);
    ck_assert_int_eq(PARSE(&c, &e, "-initrd", "rd", "-append", "x"), -EINVAL);
    ck_assert_str_eq(e.msg, "-append only allowed with -kernel option");
    cmdline_free(&c);
    err_clear(&e);
    ck_assert_int_eq(PARSE(&c, &e, "-initrd", "rd"), -EINVAL);
    ck_assert_str_eq(e.msg, "-initrd only allowed with -kernel option");
    cmdline_free(&c);
}
END_TEST

static Suite *cmdline_suite(void)
{
    Suite *s = suite_create("cmdline");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, test_cmdline_defaults_are_qemus);
    tcase_add_test(tc, test_cmdline_machine_acpi_property);
    tcase_add_test(tc, test_cmdline_cpu_fpu_is_on_unless_turned_off);
    tcase_add_test(tc, test_cmdline_cpu_apic_follows_the_model);
    tcase_add_test(tc, test_cmdline_cpu_models);
    tcase_add_test(tc, test_cmdline_machine_hpet_vmport_and_bios_pad_properties);
    tcase_add_test(tc, test_cmdline_reads_a_full_qemu_style_line);
    tcase_add_test(tc, test_cmdline_drive_takes_the_first_free_index_and_bus_unit);
    tcase_add_test(tc, test_cmdline_a_cd_drive_may_have_no_disc_and_a_disk_may_not);
    tcase_add_test(tc, test_cmdline_floppy_drives_are_indexes_4_and_5);
    tcase_add_test(tc, test_cmdline_values_parse_with_units);
    tcase_add_test(tc, test_cmdline_takes_the_snapshot_and_monitor_options);
    tcase_add_test(tc, test_cmdline_an_argument_that_looks_like_an_option_is_the_argument);
    tcase_add_test(tc, test_cmdline_errors_are_one_clear_line);
    tcase_add_test(tc, test_cmdline_kernel_initrd_append_need_kernel_as_in_qemu);
    tcase_add_test(tc, test_cmdline_unknown_options_and_monitor_option_errors);
    tcase_add_test(tc, test_cmdline_help_version_and_dump_actions);
    tcase_add_test(tc, test_cmdline_qemu_options_work_or_say_what_pcemu_lacks);
    tcase_add_test(tc, test_cmdline_opens_serial_and_debugcon_chardevs);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(cmdline_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
