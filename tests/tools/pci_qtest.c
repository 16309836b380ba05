/* pci_qtest.c: pci_qtest [-hda FILE] [-hdb FILE] [-hdc FILE | -cdrom FILE] [-bios FILE]. The
 * PCI side of a pc machine (i440fx, piix3, ide, fw_cfg on one Bus with 32 MiB of RAM and
 * SeaBIOS's low alias) driven by QEMU's qtest protocol on stdin, answering as
 * qemu-system-i386 -qtest does: outb/outw/outl, inb/inw/inl, readb/readw/readl,
 * writeb/writew/writel, read, write, memset. tests/scripts/pci_qtest.sh (and, with -cdrom,
 * cdrom_qtest.sh) feeds the same commands to both and compares the answers. Interrupt lines are reported by the extra command "irqs" (OK and a bit mask of
 * the ISA lines 0-15 now high), which the script only sends to pcemu; the CD-ROM drive's
 * medium changes by the cd_* commands (cd_command), which stand for QEMU's QMP ones. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "block/block.h"
#include "emu/hw/bus.h"
#include "emu/dev/fwcfg.h"
#include "emu/dev/i440fx.h"
#include "emu/dev/ide/ide.h"
#include "emu/dev/piix3.h"
#include "emu/hw/pci.h"

#define RAM_SIZE (32u << 20)

static uint32_t irq_levels;
static void set_isa_irq(void *opaque, int n, int level)
{
    if (level)
        irq_levels |= 1u << n;
    else
        irq_levels &= ~(1u << n);
}

static int resets;
static void reset_request(void *opaque) { resets++; }

/* The guest's tray moves since cd_moves last asked: '1' opened, '0' closed. */
static char tray_moves[64];
static void tray_moved(void *opaque, int index, bool open)
{
    size_t n = strlen(tray_moves);
    if (n + 1 < sizeof tray_moves)
        tray_moves[n] = open ? '1' : '0';
}

static uint8_t *load_bios_alias(const char *path)
{
    uint8_t *alias = xzalloc(128 << 10);
    FILE *f = fopen(path, "rb");
    if (!f)
        return alias;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    if (n >= (128 << 10)) {
        fseek(f, n - (128 << 10), SEEK_SET);
        if (fread(alias, 1, 128 << 10, f) != 128 << 10)
            memset(alias, 0, 128 << 10);
    }
    fclose(f);
    return alias;
}

/* The host's side of the CD-ROM drive's medium, the steps of QEMU's blockdev.c as
 * qmp_media.c takes them: cd_open FORCE (OK 1: locked, the guest was asked), cd_close,
 * cd_remove (the tray must be open), cd_insert FILE; and cd_moves, the guest's tray moves
 * since the last cd_moves (OK, then 1 for open and 0 for closed, each, and '-'). */
static void cd_command(IdeState *ide, BlockDev **medium, const char *op, const char *line)
{
    unsigned long long force = 0;
    char file[512] = "";
    Err e = { 0 };
    if (!strcmp(op, "moves")) {
        printf("OK %s-\n", tray_moves);
        tray_moves[0] = 0;
    } else if (!strcmp(op, "open")) {
        sscanf(line, "%*s %lli", &force);
        bool locked = !ide_cd_tray_open(ide, 2) && ide_cd_locked(ide, 2);
        if (locked)
            ide_cd_eject_request(ide, 2, force);
        if (!ide_cd_tray_open(ide, 2) && (!locked || force))
            ide_cd_change(ide, 2, false);
        printf("OK %d\n", locked && !force);
    } else if (!strcmp(op, "close")) {
        if (ide_cd_tray_open(ide, 2))
            ide_cd_change(ide, 2, true);
        puts("OK");
    } else if (!strcmp(op, "remove") && ide_cd_tray_open(ide, 2)) {
        if (*medium)
            blk_close(*medium, NULL);
        *medium = NULL;
        ide_cd_set_medium(ide, 2, NULL);
        puts("OK");
    } else if (!strcmp(op, "insert") && ide_cd_tray_open(ide, 2) && !*medium &&
               sscanf(line, "%*s %511s", file) == 1 && blk_open(file, NULL, true, medium, &e) == 0) {
        ide_cd_set_medium(ide, 2, *medium);
        puts("OK");
    } else {
        printf("FAIL cd_%s %s\n", op, e.msg);
    }
}

int main(int argc, char **argv)
{
    const char *bios = "/usr/share/seabios/bios-256k.bin";
    BlockDev *drives[4] = { 0 };
    unsigned cd_mask = 0;
    for (int i = 1; i + 1 < argc; i += 2) {
        bool cd = !strcmp(argv[i], "-cdrom");   /* QEMU's: a CD-ROM drive at index 2 */
        int idx = !strcmp(argv[i], "-hda") ? 0 : !strcmp(argv[i], "-hdb") ? 1 :
                  !strcmp(argv[i], "-hdc") || cd ? 2 : -1;
        cd_mask |= cd ? 1u << 2 : 0;
        if (!strcmp(argv[i], "-bios")) {
            bios = argv[i + 1];
            continue;
        }
        Err e = { 0 };
        if (idx < 0 || blk_open(argv[i + 1], NULL, cd, &drives[idx], &e) < 0) {
            fprintf(stderr, "pci_qtest: %s %s: %s\n", argv[i], argv[i + 1], idx < 0 ? "unknown option" : e.msg);
            return 2;
        }
    }
    Bus *bus = bus_new();
    uint8_t *ram = xzalloc(RAM_SIZE);
    uint8_t *pcrom = xzalloc(128 << 10);
    uint8_t *alias = load_bios_alias(bios);
    bus_map_ram(bus, 0, 0xa0000, ram);
    bus_map_ram(bus, 0x100000, RAM_SIZE - 0x100000, ram + 0x100000);
    PciBus *pb = pci_bus_new(bus);
    I440fxState *i440 = i440fx_init(pb, bus, RAM_SIZE, ram, pcrom, alias);
    IrqLine isa[16];
    for (int i = 0; i < 16; i++)
        isa[i] = (IrqLine){ set_isa_irq, NULL, i };
    Piix3State *piix = piix3_init(pb, bus, isa, reset_request, NULL);
    IdeState *ide = ide_init(pb, bus, bus, drives, cd_mask, &isa[14], &isa[15]);
    ide_cd_set_tray_fn(ide, tray_moved, NULL);
    FwCfgState *fw = fwcfg_init(bus, bus, true);

    char line[1 << 17];
    setvbuf(stdout, NULL, _IOLBF, 0);
    while (fgets(line, sizeof line, stdin)) {
        char cmd[32] = "";
        unsigned long long a = 0, b = 0;
        char hex[sizeof line];
        int n = sscanf(line, "%31s %lli %lli %s", cmd, &a, &b, hex);
        if (n < 1)
            continue;
        unsigned size = cmd[strlen(cmd) - 1] == 'b' ? 1 : cmd[strlen(cmd) - 1] == 'w' ? 2 :
                        cmd[strlen(cmd) - 1] == 'l' ? 4 : 8;
        if (!strncmp(cmd, "out", 3)) {
            bus_io_write(bus, (uint16_t)a, (uint32_t)b, size);
            puts("OK");
        } else if (!strncmp(cmd, "in", 2)) {
            printf("OK 0x%04x\n", bus_io_read(bus, (uint16_t)a, size));
        } else if (!strcmp(cmd, "readq") || !strcmp(cmd, "readl") || !strcmp(cmd, "readw") ||
                   !strcmp(cmd, "readb")) {
            uint8_t buf[8];
            bus_mem_rw(bus, (uint32_t)a, buf, size, false);
            uint64_t v = 0;
            for (unsigned i = 0; i < size; i++)
                v |= (uint64_t)buf[i] << (8 * i);
            printf("OK 0x%016llx\n", (unsigned long long)v);
        } else if (!strncmp(cmd, "write", 5) && strlen(cmd) == 6) {
            uint8_t buf[8];
            for (unsigned i = 0; i < size; i++)
                buf[i] = (uint8_t)(b >> (8 * i));
            bus_mem_rw(bus, (uint32_t)a, buf, size, true);
            puts("OK");
        } else if (!strcmp(cmd, "read")) {
            uint8_t *buf = xmalloc(b ? b : 1);
            bus_mem_rw(bus, (uint32_t)a, buf, (uint32_t)b, false);
            printf("OK 0x");
            for (unsigned long long i = 0; i < b; i++)
                printf("%02x", buf[i]);
            printf("\n");
            free(buf);
        } else if (!strcmp(cmd, "write") && n == 4) {
            uint8_t *buf = xzalloc(b ? b : 1);
            const char *h = hex + (hex[0] == '0' && hex[1] == 'x' ? 2 : 0);
            for (unsigned long long i = 0; i < b && h[2 * i] && h[2 * i + 1]; i++) {
                unsigned v;
                sscanf(h + 2 * i, "%2x", &v);
                buf[i] = (uint8_t)v;
            }
            bus_mem_rw(bus, (uint32_t)a, buf, (uint32_t)b, true);
            free(buf);
            puts("OK");
        } else if (!strcmp(cmd, "memset")) {
            unsigned long long v = 0;
            sscanf(line, "%*s %*i %*i %lli", &v);
            uint8_t *buf = xmalloc(b ? b : 1);
            memset(buf, (int)v, b);
            bus_mem_rw(bus, (uint32_t)a, buf, (uint32_t)b, true);
            free(buf);
            puts("OK");
        } else if (!strcmp(cmd, "irqs")) {
            printf("OK 0x%04x\n", irq_levels);
        } else if (!strcmp(cmd, "resets")) {
            printf("OK %d\n", resets);
        } else if (!strncmp(cmd, "cd_", 3) && ide_is_cd(ide, 2)) {
            cd_command(ide, &drives[2], cmd + 3, line);
        } else {
            printf("FAIL Unknown command '%s'\n", cmd);
        }
    }
    fwcfg_free(fw);
    ide_free(ide);
    piix3_free(piix);
    i440fx_free(i440);
    pci_bus_free(pb);
    bus_free(bus);
    for (int i = 0; i < 4; i++)
        if (drives[i])
            blk_close(drives[i], NULL);
    free(ram);
    free(pcrom);
    free(alias);
    return 0;
}
