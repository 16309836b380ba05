/* acpi_blobs.c: `acpi_blobs [--hpet] [--serial] MIB DIR` writes the three ACPI blobs that
 * firmware/acpi_build.c builds for a machine with MIB MiB of RAM (with an HPET, with COM1)
 * as DIR/tables, DIR/table-loader and DIR/rsdp, so that acpi_tables_qemu.sh can compare them with
 * QEMU 7.2's for machines pcemu cannot build yet (QEMU's -M pc with its HPET). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "firmware/acpi_build.h"

static int put(const char *dir, const char *name, const AcpiBlob *b)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    if (!f || fwrite(b->data, 1, b->len, f) != b->len || fclose(f) != 0) {
        perror(path);
        return 1;
    }
    return 0;
}

int main(int argc, char **argv)
{
    AcpiConfig cfg = { 0 };
    int i = 1;
    for (; i < argc && argv[i][0] == '-'; i++) {
        if (!strcmp(argv[i], "--hpet"))
            cfg.hpet = true;
        else if (!strcmp(argv[i], "--serial"))
            cfg.serial = true;
        else
            break;
    }
    if (argc - i != 2 || atoi(argv[i]) <= 0) {
        fprintf(stderr, "usage: acpi_blobs [--hpet] [--serial] MIB DIR\n");
        return 2;
    }
    cfg.ram_size = (uint64_t)atoi(argv[i]) << 20;
    AcpiTables t;
    acpi_build(&cfg, &t);
    int r = put(argv[i + 1], "tables", &t.tables) | put(argv[i + 1], "table-loader", &t.loader) |
            put(argv[i + 1], "rsdp", &t.rsdp);
    acpi_tables_free(&t);
    return r;
}
