/* cpu_harness: the minimal machine that runs the CPU alone (issue 4): RAM, a 64 KiB
 * ROM image at 0xF0000 and at 0xFFFF0000 (like a PC BIOS), QEMU's debug console on port
 * 0xE9 (bytes to stdout) and QEMU's isa-debug-exit on port 0xF4 (exit status (v << 1) | 1),
 * so the same image runs on `qemu-system-i386 -bios IMAGE -debugcon stdio -device
 * isa-debug-exit,iobase=0xf4,iosize=4`. Harness-only extras: a write to port 0xF8 raises
 * INTR with that vector until it is acknowledged; port 0xF9 raises NMI, port 0xFA and the
 * APM control port 0xB2 raise SMI (PCI configuration cycles go nowhere).
 *
 *   cpu_harness [-c CPU] [-d TRACE] [-F] [-m MIB] [-n MAX_INSNS] [-r] IMAGE
 *     -c  the CPU model and features, as pcemu's and QEMU's -cpu (default: pcemu's)
 *     -d  trace categories (cpu,int,mmu,io)
 *     -F  the CPU without its x87 (-cpu pentium2,-fpu); by default it has one
 *     -r  print `info registers` and the state hash at the end (stderr)
 * Exit status: the guest's debug-exit status; 2 usage or image error; 3 triple fault;
 * 4 halted with nothing to wake it; 5 instruction budget exhausted. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "emu/hw/bus.h"
#include "emu/hw/clock.h"
#include "emu/cpu/cpu.h"

typedef struct Harness {
    Cpu *cpu;
    int exit_code;       /* -1 until the guest writes port 0xF4 */
    int pending_vec;     /* -1 none */
} Harness;

static uint32_t port_rd(void *o, uint32_t off, unsigned size) { return off == 0 ? 0xe9 : 0xffffffffu; }
static void port_wr(void *o, uint32_t off, uint32_t v, unsigned size)
{
    Harness *h = o;
    switch (off) {
    case 0: putchar((int)(v & 0xff)); break;                      /* 0xE9 */
    case 0xf4 - 0xe9: h->exit_code = (int)((v << 1) | 1) & 0xff; cpu_request_exit(h->cpu); break;
    case 0xf8 - 0xe9: h->pending_vec = (int)(v & 0xff); cpu_set_intr(h->cpu, true); break;
    case 0xf9 - 0xe9: cpu_nmi(h->cpu); break;
    case 0xfa - 0xe9: cpu_smi(h->cpu); break;
    default: break;
    }
}
static uint32_t apm_rd(void *o, uint32_t off, unsigned size) { return 0; }
static void apm_wr(void *o, uint32_t off, uint32_t v, unsigned size) { cpu_smi(((Harness *)o)->cpu); }
static int ack(void *o)
{
    Harness *h = o;
    int v = h->pending_vec;
    h->pending_vec = -1;
    cpu_set_intr(h->cpu, false);
    return v;
}
static void write_hook(void *o, uint32_t pa, uint32_t len) { cpu_code_written(((Harness *)o)->cpu, pa, len); }

int main(int argc, char **argv)
{
    unsigned mib = 16;
    uint64_t max = 2000000000ull;
    bool regs = false, fpu = true;
    CpuModel model;
    cpu_model_reduced(&model);
    Err err = { 0 };
    int opt;
    while ((opt = getopt(argc, argv, "c:d:Fm:n:r")) != -1) {
        switch (opt) {
        case 'c':
            if (cpu_model_parse(optarg, &model, &err) < 0) { fprintf(stderr, "cpu_harness: %s\n", err.msg); return 2; }
            break;
        case 'm': mib = (unsigned)strtoul(optarg, NULL, 0); break;
        case 'n': max = strtoull(optarg, NULL, 0); break;
        case 'r': regs = true; break;
        case 'F': fpu = false; break;
        case 'd':
            if (trace_parse(optarg, &trace_mask) < 0) { fprintf(stderr, "cpu_harness: bad -d %s\n", optarg); return 2; }
            break;
        default: return 2;
        }
    }
    if (optind != argc - 1 || mib < 2 || mib > 1024) {
        fprintf(stderr, "usage: cpu_harness [-c CPU] [-d TRACE] [-F] [-m MIB] [-n MAX_INSNS] [-r] IMAGE\n");
        return 2;
    }
    FILE *f = fopen(argv[optind], "rb");
    if (!f) { perror(argv[optind]); return 2; }
    uint8_t *rom = xzalloc(0x40000);
    size_t n = fread(rom, 1, 0x40000, f);
    fclose(f);
    if (n == 0 || n % 0x10000) { fprintf(stderr, "cpu_harness: image size must be a multiple of 64 KiB\n"); return 2; }
    Bus *bus = bus_new();
    Clock clock;
    clock_init(&clock, 0);
    size_t ram_size = (size_t)mib << 20;
    uint8_t *ram = xzalloc(ram_size);
    bus_map_ram(bus, 0, 0xa0000, ram);
    bus_map_ram(bus, 0x100000, (uint32_t)(ram_size - 0x100000), ram + 0x100000);
    /* the image at the top of 4 GiB and also below 1 MiB: a 64 KiB image as ROM at
     * 0xF0000 (as QEMU maps a -bios image), larger ones (SeaBIOS) as writable shadow RAM
     * holding the whole image, the state SeaBIOS's make_bios_writable leaves behind */
    bus_map_rom(bus, (uint32_t)(0x100000000ull - n), (uint32_t)n, rom);
    uint8_t *shadow = xzalloc(n);
    memcpy(shadow, rom, n);
    if (n == 0x10000)
        bus_map_rom(bus, 0xf0000, 0x10000, shadow);
    else
        bus_map_ram(bus, (uint32_t)(0x100000 - n), (uint32_t)n, shadow);
    Harness h = { .exit_code = -1, .pending_vec = -1 };
    h.cpu = cpu_new(bus, &clock);
    cpu_set_model(h.cpu, &model);
    cpu_reset(h.cpu);   /* EDX: the model's signature */
    if (!fpu)
        cpu_set_fpu(h.cpu, false);
    bus_map_io(bus, 0xe9, 0x11, &h, port_rd, port_wr, IO_SIZE_ALL);
    bus_map_io(bus, 0x402, 1, &h, port_rd, port_wr, IO_SIZE_ALL);   /* SeaBIOS's debug port */
    bus_map_io(bus, 0xb2, 1, &h, apm_rd, apm_wr, IO_SIZE_ALL);      /* APM control: SMI */
    bus_set_write_hook(bus, write_hook, &h);
    cpu_set_intr_ack(h.cpu, ack, &h);
    int rc = 5;
    while (clock.icount < max) {
        int r = cpu_run(h.cpu, max - clock.icount);
        if (h.exit_code >= 0) { rc = h.exit_code; break; }
        if (r == CPU_EXIT_SHUTDOWN) { fprintf(stderr, "cpu_harness: triple fault\n"); rc = 3; break; }
        if (r == CPU_EXIT_HALT) { fprintf(stderr, "cpu_harness: halted\n"); rc = 4; break; }
    }
    fflush(stdout);
    if (regs) {
        char buf[4096];
        cpu_format_registers(h.cpu, buf, sizeof buf);
        fprintf(stderr, "%sinsns=%" PRIu64 " hash=%016" PRIx64 "\n", buf, clock.icount, cpu_state_hash(h.cpu));
    }
    cpu_free(h.cpu);
    bus_free(bus);
    free(ram);
    free(rom);
    free(shadow);
    return rc;
}
