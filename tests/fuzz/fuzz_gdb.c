/* fuzz_gdb.c: libFuzzer target for the gdb stub's packet layer and commands (emu/remote/gdbstub.c):
 * the input is what a gdb client sends (packets with checksums, escapes, Ctrl-C bytes),
 * handed to an unconnected stub over a fresh 2 MiB machine running Debian's SeaBIOS.
 * Register and memory writes, steps, breakpoints and monitor commands all act on that
 * machine; nothing may crash or read out of bounds. A valid checksum is what lets the
 * fuzzer past the framing, so inputs whose packets end in "#??" get their checksum filled
 * in before they are fed. */
#include <stdlib.h>
#include <string.h>

#include "emu/remote/gdbstub.h"
#include "emu/front/hmp.h"
#include "emu/machine/machine.h"

static void fix_checksums(uint8_t *d, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (d[i] != '$')
            continue;
        uint8_t sum = 0;
        size_t j = i + 1;
        while (j < n && d[j] != '#')
            sum += d[j++];
        if (j + 2 < n && d[j + 1] == '?' && d[j + 2] == '?') {
            static const char hex[] = "0123456789abcdef";
            d[j + 1] = (uint8_t)hex[sum >> 4];
            d[j + 2] = (uint8_t)hex[sum & 15];
        }
        i = j;
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    MachineConfig cfg;
    machine_config_init(&cfg, NULL);
    cfg.ram_size = 2 << 20;
    cfg.rtc_base = 1577836800;
    Machine *m;
    Err e = { 0 };
    if (machine_new(&cfg, &m, &e) < 0)
        abort();   /* the firmware must be there */
    uint8_t *d = malloc(size ? size : 1);
    memcpy(d, data, size);
    fix_checksums(d, size);
    VmCtl vm = { .m = m, .status = "paused", .hmp = hmp_execute };
    GdbStub *g = gdb_new_unconnected(-1);
    gdb_input(g, &vm, d, size);
    gdb_close(g);
    free(d);
    machine_free(vm.m);
    return 0;
}
