/* test_gdbstub.c: the gdb stub's packets and commands (emu/remote/gdbstub.c) on a real machine
 * (Debian's SeaBIOS), through an unconnected stub whose replies go to a pipe: framing and
 * acknowledgements, registers, memory, breakpoints stopping machine_run, a step, the
 * target description, monitor commands, and hostile packets. tests/scripts/gdbstub.sh
 * drives it with the real gdb beside QEMU's stub. */
#include <check.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "emu/hw/bus.h"
#include "emu/cpu/cpu.h"
#include "emu/remote/gdbstub.h"
#include "emu/front/hmp.h"
#include "emu/machine/machine.h"

static Machine *m;
static VmCtl vm;
static GdbStub *g;
static int pfd[2];
static char got[65536];   /* everything the stub sent for the last input */

static void setup(void)
{
    MachineConfig cfg;
    machine_config_init(&cfg, NULL);
    cfg.ram_size = 2 << 20;
    cfg.rtc_base = 1577836800;
    Err e = { 0 };
    ck_assert_msg(machine_new(&cfg, &m, &e) == 0, "machine_new: %s", e.msg);
    vm = (VmCtl){ .m = m, .status = "paused" };
    ck_assert_int_eq(pipe(pfd), 0);
    fcntl(pfd[0], F_SETFL, O_NONBLOCK);
    g = gdb_new_unconnected(pfd[1]);
}

static void teardown(void)
{
    gdb_close(g);
    close(pfd[0]);
    close(pfd[1]);
    machine_free(vm.m);
}

/* Feeds raw bytes; got = what came back. */
static const char *feed(const char *raw, size_t len)
{
    gdb_input(g, &vm, raw, len);
    ssize_t n = read(pfd[0], got, sizeof got - 1);
    got[n > 0 ? n : 0] = 0;
    return got;
}

/* Sends one packet and returns the payload of the reply packet (checksum checked). */
static const char *ask(const char *payload)
{
    char buf[9000];
    unsigned sum = 0;
    for (const char *p = payload; *p; p++)
        sum += (uint8_t)*p;
    snprintf(buf, sizeof buf, "$%s#%02x", payload, sum & 0xff);
    feed(buf, strlen(buf));
    ck_assert_msg(got[0] == '+', "no ack for %s: '%s'", payload, got);
    char *d = strchr(got, '$'), *h = d ? strchr(d, '#') : NULL;
    ck_assert_msg(d && h && h[1] && h[2], "no reply to %s: '%s'", payload, got);
    unsigned rs = 0;
    for (char *p = d + 1; p < h; p++)
        rs += (uint8_t)*p;
    char want[3];
    snprintf(want, sizeof want, "%02x", rs & 0xff);
    ck_assert_msg(h[1] == want[0] && h[2] == want[1], "bad checksum in '%s'", got);
    *h = 0;
    return d + 1;
}

START_TEST(test_gdb_framing_acks_naks_and_waits_for_the_rest)
{
    ck_assert_str_eq(feed("$?#00", 5), "-");                 /* checksum wrong */
    ck_assert_str_eq(feed("$g#6", 4), "");                   /* incomplete: nothing yet */
    ck_assert_int_eq(feed("7", 1)[0], '+');                  /* the rest arrives */
    ck_assert_str_eq(ask(""), "");                           /* empty packet, empty reply */
    ck_assert_str_eq(ask("qNoSuchPacket"), "");
    ck_assert_str_eq(ask("?"), "T02thread:01;");
    ck_assert_str_eq(feed("+++-\x03", 5), "");               /* acks, noise, Ctrl-C when stopped */
    static char big[10000];
    memset(big, 'A', sizeof big);
    big[0] = '$';
    ck_assert_str_eq(feed(big, sizeof big), "");
    ck_assert_str_eq(feed("#00", 3), "-");                   /* too long: refused, no crash */
    ck_assert_str_eq(ask("QStartNoAckMode"), "OK");
    ck_assert_str_eq(feed("$?#3f", 5), "$T02thread:01;#04"); /* no '+' any more */
}
END_TEST

START_TEST(test_gdb_registers_read_and_write)
{
    CpuState *s = cpu_state(machine_cpu(m));
    const char *r = ask("g");
    ck_assert_uint_eq(strlen(r), 2 * (25 * 4 + 8 * 10 + 8 * 4 + 8 * 16 + 4));
    ck_assert_mem_eq(r + 8 * 8, "f0ff0000", 8);              /* eip 0xfff0, little endian */
    ck_assert_mem_eq(r + 10 * 8, "00f00000", 8);             /* cs 0xf000 */
    ck_assert_str_eq(ask("P0=78563412"), "OK");
    ck_assert_uint_eq(s->regs[0], 0x12345678);
    ck_assert_str_eq(ask("p0"), "78563412");
    ck_assert_str_eq(ask("P9=c6080000"), "OK");              /* eflags: defined bits only */
    ck_assert_uint_eq(s->eflags, (0x8c6 & 0x003f7fd5u) | 2);
    ck_assert_str_eq(ask("Pd=00100000"), "OK");              /* es in real mode: base = sel*16 */
    ck_assert_uint_eq(s->segs[R_ES].selector, 0x1000);
    ck_assert_uint_eq(s->segs[R_ES].base, 0x10000);
    ck_assert_mem_eq(r + 2 * 76, "10000060", 8);             /* cr0 0x60000010 */
    ck_assert_mem_eq(r + 2 * 344 - 8, "801f0000", 8);        /* mxcsr, last */
    ck_assert_str_eq(ask("P19=00000000000000000000"), "OK"); /* st0 as it is */
    ck_assert_str_eq(ask("P19=01000000000000000000"), "E22");
    ck_assert_str_eq(ask("P13=00000000"), "E22");            /* cr0: not from the debugger */
    ck_assert_str_eq(ask("P8=12"), "E22");                   /* short */
    ck_assert_str_eq(ask("p13"), "10000060");                /* cr0 (register 19) */
    ck_assert_str_eq(ask("p32"), "E22");                     /* no register 0x32 */
}
END_TEST

START_TEST(test_gdb_memory_read_write_and_refusals)
{
    ck_assert_str_eq(ask("M7c00,4:deadbeef"), "OK");
    ck_assert_str_eq(ask("m7c00,4"), "deadbeef");
    uint8_t b[4];
    bus_mem_rw(machine_bus(m), 0x7c00, b, 4, false);
    ck_assert_mem_eq(b, "\xde\xad\xbe\xef", 4);
    ck_assert_str_eq(ask("X7c10,3:abc"), "OK");              /* binary, as gdb's load */
    ck_assert_str_eq(ask("X7c13,2:}]}\x03"), "OK");          /* escaped '}' and '#' */
    ck_assert_str_eq(ask("m7c10,5"), "6162637d23");
    ck_assert_str_eq(ask("X7c10,4:abc"), "E22");             /* length and data disagree */
    ck_assert_str_eq(ask("m7c00,801"), "E22");               /* more than a packet holds */
    ck_assert_str_eq(ask("m100000000,4"), "E22");            /* beyond 32 bits */
    ck_assert_str_eq(ask("M7c00,4:dead"), "E22");            /* data short */
    ck_assert_str_eq(ask("mzz"), "E22");
}
END_TEST

START_TEST(test_gdb_breakpoint_stops_machine_run_and_step_runs_one_instruction)
{
    /* SeaBIOS's reset vector jumps to F000:E05B (linear 0xFE05B) */
    ck_assert_str_eq(ask("Z0,fe05b,1"), "OK");
    ck_assert_str_eq(ask("Z5,fe05b,1"), "");                 /* no such type */
    ck_assert_str_eq(ask("Z2,7c00,0"), "E22");               /* watch length 1..4096 */
    ck_assert_str_eq(ask("Z2,7c00,1001"), "E22");
    gdb_prepare(g, &vm);
    MachineLimits l = { .until_icount = 1000 };
    MachineStop why;
    Err e = { 0 };
    Clock *clk = machine_clock(m);
    ck_assert_int_eq(machine_run(m, &l, &why, &e), 0);
    ck_assert_int_eq(why, MACHINE_STOP_BREAK);
    ck_assert_uint_eq(clk->icount, 1);
    CpuState *s = cpu_state(machine_cpu(m));
    ck_assert_uint_eq(s->segs[R_CS].base + s->eip, 0xfe05b);
    ck_assert_int_eq(machine_run(m, &l, &why, &e), 0);       /* still there: stops at once */
    ck_assert_int_eq(why, MACHINE_STOP_BREAK);
    ck_assert_uint_eq(clk->icount, 1);
    ck_assert_str_eq(ask("s"), "T05thread:01;");            /* steps off the breakpoint */
    ck_assert_uint_eq(clk->icount, 2);
    ck_assert_str_eq(ask("z0,fe05b,1"), "OK");
    ck_assert_str_eq(vm.status, "debug");
    gdb_prepare(g, &vm);
    ck_assert_int_eq(machine_run(m, &l, &why, &e), 0);
    ck_assert_int_eq(why, MACHINE_STOP_ICOUNT);
    for (int i = 0; i < CPU_MAX_BREAKPOINTS; i++) {
        char z[32];
        snprintf(z, sizeof z, "Z0,%x,1", 0x1000 + i);
        ck_assert_str_eq(ask(z), "OK");
    }
    ck_assert_str_eq(ask("Z0,fe05b,1"), "E28");              /* full */
    ck_assert_str_eq(feed("$c#63", 5), "+");                 /* no reply until it stops */
    ck_assert(vm.running);
}
END_TEST

START_TEST(test_gdb_watchpoints_stop_after_the_access_and_name_it)
{
    /* real mode at 0000:7C00: mov word [0x500], 0x1234; mov ax, [0x600]; hlt */
    ck_assert_str_eq(ask("M7c00,a:c70600053412a10006f4"), "OK");
    ck_assert_str_eq(ask("Pa=00000000"), "OK");              /* cs 0 */
    ck_assert_str_eq(ask("P8=007c0000"), "OK");              /* eip 0x7c00 */
    ck_assert_str_eq(ask("Z2,501,1"), "OK");                 /* the store's second byte */
    ck_assert_str_eq(ask("Z3,600,2"), "OK");
    ck_assert_str_eq(ask("Z4,700,4"), "OK");                 /* never touched */
    gdb_prepare(g, &vm);
    MachineLimits l = { .until_icount = 1000 };
    MachineStop why;
    Err e = { 0 };
    ck_assert_int_eq(machine_run(m, &l, &why, &e), 0);
    ck_assert_int_eq(why, MACHINE_STOP_BREAK);
    CpuState *s = cpu_state(machine_cpu(m));
    ck_assert_uint_eq(s->eip, 0x7c06);                       /* after the store */
    CpuWatch w;
    uint32_t lin;
    ck_assert(cpu_watch_hit(machine_cpu(m), &w, &lin));
    ck_assert_uint_eq(w.lin, 0x501);
    ck_assert_uint_eq(lin, 0x500);
    ck_assert_str_eq(ask("s"), "T05thread:01;rwatch:600;");  /* the load, stepped */
    ck_assert_uint_eq(s->eip, 0x7c09);
    ck_assert_str_eq(ask("z3,600,2"), "OK");
    ck_assert_str_eq(ask("z2,501,1"), "OK");
    gdb_prepare(g, &vm);
    ck_assert_int_eq(machine_run(m, &l, &why, &e), 0);
    ck_assert_int_ne(why, MACHINE_STOP_BREAK);               /* on to the HLT */
    ck_assert(!cpu_watch_hit(machine_cpu(m), &w, &lin));
    uint8_t b[2];
    bus_mem_rw(machine_bus(m), 0x500, b, 2, false);
    ck_assert_mem_eq(b, "\x34\x12", 2);
}
END_TEST

START_TEST(test_gdb_target_description_in_chunks)
{
    char xml[8192] = "";
    for (unsigned off = 0;;) {
        char q[64];
        snprintf(q, sizeof q, "qXfer:features:read:target.xml:%x,100", off);
        const char *r = ask(q);
        ck_assert(r[0] == 'm' || r[0] == 'l');
        ck_assert_uint_lt(strlen(xml) + strlen(r + 1), sizeof xml);
        strcat(xml, r + 1);
        off += (unsigned)strlen(r + 1);
        if (r[0] == 'l')
            break;
        ck_assert_uint_eq(strlen(r + 1), 0x100);
    }
    ck_assert_ptr_nonnull(strstr(xml, "<architecture>i386</architecture>"));
    ck_assert_ptr_nonnull(strstr(xml, "name=\"eflags\""));
    ck_assert_str_eq(xml + strlen(xml) - 9, "</target>");
    ck_assert_str_eq(ask("qXfer:features:read:target.xml:ffff,10"), "l");
    ck_assert_str_eq(ask("qXfer:features:read:other.xml:0,10"), "");
}
END_TEST

/* s as hex digits, NUL-terminated. */
static void hex(char *out, const char *s)
{
    for (; *s; s++, out += 2)
        sprintf(out, "%02x", (uint8_t)*s);
    *out = 0;
}

START_TEST(test_gdb_monitor_runs_a_human_monitor_command)
{
    char q[64] = "qRcmd,", want[64] = "O";
    hex(q + 6, "info status");
    ck_assert_str_eq(ask(q), "");                            /* no human monitor: unsupported */
    vm.hmp = hmp_execute;
    const char *r = ask(q);
    hex(want + 1, "VM status: paused\n");
    ck_assert_str_eq(r, want);                               /* console output, then OK */
    ck_assert_ptr_nonnull(strstr(r + strlen(r) + 1, "$OK#9a"));
    ck_assert_str_eq(ask("qRcmd,69zz"), "E22");              /* not hex */
    ck_assert_str_eq(ask("qRcmd,00"), "E22");                /* a NUL in the line */
    hex(q + 6, "quit");
    ck_assert_str_eq(ask(q), "OK");
    ck_assert(vm.quit);
}
END_TEST

static Suite *gdb_suite(void)
{
    Suite *s = suite_create("gdbstub");
    TCase *tc = tcase_create("core");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_gdb_framing_acks_naks_and_waits_for_the_rest);
    tcase_add_test(tc, test_gdb_registers_read_and_write);
    tcase_add_test(tc, test_gdb_memory_read_write_and_refusals);
    tcase_add_test(tc, test_gdb_breakpoint_stops_machine_run_and_step_runs_one_instruction);
    tcase_add_test(tc, test_gdb_watchpoints_stop_after_the_access_and_name_it);
    tcase_add_test(tc, test_gdb_target_description_in_chunks);
    tcase_add_test(tc, test_gdb_monitor_runs_a_human_monitor_command);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(gdb_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
