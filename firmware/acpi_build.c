/* acpi_build.c: the fixed-layout ACPI tables and the table-loader commands (acpi_build.h).
 * Table layouts: ACPI 6.4 chapter 5 (RSDP 5.2.5, RSDT 5.2.7, FADT 5.2.9 in its revision 1
 * form of 116 bytes, FACS 5.2.10, MADT 5.2.12), the IA-PC HPET specification 1.0a
 * section 3.2.4, Microsoft's WAET. The loader's command layout is SeaBIOS's
 * romfile_loader_entry_s (src/fw/romfile_loader.h). */
#include "firmware/acpi_build.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

enum { LOADER_ALLOCATE = 1, LOADER_ADD_POINTER = 2, LOADER_ADD_CHECKSUM = 3 };
enum { LOADER_ZONE_HIGH = 1, LOADER_ZONE_FSEG = 2 };
#define LOADER_ENTRY 128
#define LOADER_NAME 56
#define ACPI_OEM_ID "BOCHS "
#define ACPI_OEM_TABLE_ID "BXPC    "
#define ACPI_CREATOR "BXPC"
#define FACS_LEN 64
#define FADT_LEN 116
#define RSDP_LEN 20
#define MAX_TABLES 8

typedef struct Builder {
    uint8_t *t;                     /* etc/acpi/tables so far */
    uint32_t len, cap;
    uint8_t *cmd;                   /* etc/table-loader so far */
    uint32_t cmd_len, cmd_cap;
    uint32_t rsdt_entries[MAX_TABLES]; /* offsets of the tables the RSDT lists */
    int n_entries;
} Builder;

void acpi_header(uint8_t *p, const char *sig, uint32_t len, uint8_t rev)
{
    memcpy(p, sig, 4);
    put_le32(p + 4, len);
    p[8] = rev;
    p[9] = 0;                       /* checksum: ADD_CHECKSUM fills it in */
    memcpy(p + 10, ACPI_OEM_ID, 6);
    memcpy(p + 16, ACPI_OEM_TABLE_ID, 8);
    put_le32(p + 24, 1);
    memcpy(p + 28, ACPI_CREATOR, 4);
    put_le32(p + 32, 1);
}

/* Appends n zero bytes to the tables blob; returns their offset. */
static uint32_t tables_put(Builder *b, uint32_t n)
{
    if (b->len + n > b->cap) {
        b->cap = MAX(b->cap * 2, b->len + n);
        b->t = xrealloc(b->t, b->cap);
    }
    uint32_t off = b->len;
    memset(b->t + off, 0, n);
    b->len += n;
    return off;
}

static uint8_t *loader_cmd(Builder *b, uint32_t command)
{
    if (b->cmd_len + LOADER_ENTRY > b->cmd_cap) {
        b->cmd_cap = MAX(b->cmd_cap * 2, (uint32_t)LOADER_ENTRY * 16);
        b->cmd = xrealloc(b->cmd, b->cmd_cap);
    }
    uint8_t *e = b->cmd + b->cmd_len;
    memset(e, 0, LOADER_ENTRY);
    put_le32(e, command);
    b->cmd_len += LOADER_ENTRY;
    return e;
}

static void loader_allocate(Builder *b, const char *file, uint32_t align, uint8_t zone)
{
    uint8_t *e = loader_cmd(b, LOADER_ALLOCATE);
    memcpy(e + 4, file, strlen(file));
    put_le32(e + 4 + LOADER_NAME, align);
    e[8 + LOADER_NAME] = zone;
}

/* The size-byte field at off in dest holds an offset into src: add src's address. */
static void loader_pointer(Builder *b, const char *dest, const char *src, uint32_t off, uint8_t size)
{
    uint8_t *e = loader_cmd(b, LOADER_ADD_POINTER);
    memcpy(e + 4, dest, strlen(dest));
    memcpy(e + 4 + LOADER_NAME, src, strlen(src));
    put_le32(e + 4 + 2 * LOADER_NAME, off);
    e[8 + 2 * LOADER_NAME] = size;
}

static void loader_checksum(Builder *b, const char *file, uint32_t csum, uint32_t start, uint32_t len)
{
    uint8_t *e = loader_cmd(b, LOADER_ADD_CHECKSUM);
    memcpy(e + 4, file, strlen(file));
    put_le32(e + 4 + LOADER_NAME, csum);
    put_le32(e + 8 + LOADER_NAME, start);
    put_le32(e + 12 + LOADER_NAME, len);
}

/* A table whose header starts at off, listed in the RSDT when listed is set. */
static void table_done(Builder *b, uint32_t off, bool listed)
{
    loader_checksum(b, ACPI_TABLES_FILE, off + 9, off, le32(b->t + off + 4));
    if (listed) {
        assert(b->n_entries < MAX_TABLES);
        b->rsdt_entries[b->n_entries++] = off;
    }
}

static uint32_t build_fadt(Builder *b, uint32_t facs, uint32_t dsdt)
{
    uint32_t off = tables_put(b, FADT_LEN);
    uint8_t *p = b->t + off;
    acpi_header(p, "FACP", FADT_LEN, 1);
    put_le32(p + 36, facs);
    put_le32(p + 40, dsdt);
    p[44] = 1;                      /* INT_MODEL: APIC (ACPI 1.0's field) */
    put_le16(p + 46, 9);            /* SCI_INT */
    put_le32(p + 48, 0xB2);         /* SMI_CMD, then ACPI_ENABLE and ACPI_DISABLE */
    p[52] = 0xF1;
    p[53] = 0xF0;
    put_le32(p + 56, 0x600);        /* PM1a_EVT_BLK */
    put_le32(p + 64, 0x604);        /* PM1a_CNT_BLK */
    put_le32(p + 76, 0x608);        /* PM_TMR_BLK */
    put_le32(p + 80, 0xAFE0);       /* GPE0_BLK */
    p[88] = 4;                      /* PM1_EVT_LEN */
    p[89] = 2;                      /* PM1_CNT_LEN */
    p[91] = 4;                      /* PM_TMR_LEN */
    p[92] = 4;                      /* GPE0_BLK_LEN */
    put_le16(p + 96, 0x0FFF);       /* P_LVL2_LAT, P_LVL3_LAT: > 100 and > 1000, no C2, C3 */
    put_le16(p + 98, 0x0FFF);
    p[108] = 0x32;                  /* CENTURY: the RTC's CMOS byte */
    /* WBINVD, PROC_C1, SLP_BUTTON (no fixed sleep button), RTC_S4, USE_PLATFORM_CLOCK */
    put_le32(p + 112, 1u << 0 | 1u << 2 | 1u << 5 | 1u << 7 | 1u << 15);
    loader_pointer(b, ACPI_TABLES_FILE, ACPI_TABLES_FILE, off + 36, 4);
    loader_pointer(b, ACPI_TABLES_FILE, ACPI_TABLES_FILE, off + 40, 4);
    return off;
}

static void build_madt(Builder *b)
{
    static const uint8_t level_irqs[] = { 5, 9, 10, 11 };   /* the PCI link IRQs */
    uint32_t len = ACPI_HEADER_LEN + 8 + 8 + 12 + 10 * (1 + sizeof level_irqs) + 6;
    uint32_t off = tables_put(b, len);
    uint8_t *p = b->t + off;
    acpi_header(p, "APIC", len, 1);
    put_le32(p + 36, 0xFEE00000);   /* local APIC address */
    put_le32(p + 40, 1);            /* PCAT_COMPAT: 8259s present */
    uint8_t *e = p + 44;
    e[0] = 0;                       /* Processor Local APIC: id 0, enabled */
    e[1] = 8;
    put_le32(e + 4, 1);
    e += 8;
    e[0] = 1;                       /* I/O APIC: id 0 at 0xFEC00000, GSI base 0 */
    e[1] = 12;
    put_le32(e + 4, 0xFEC00000);
    e += 12;
    e[0] = 2;                       /* Interrupt Source Override: IRQ 0 -> GSI 2 */
    e[1] = 10;
    put_le32(e + 4, 2);
    e += 10;
    for (size_t i = 0; i < sizeof level_irqs; i++) {
        e[0] = 2;
        e[1] = 10;
        e[3] = level_irqs[i];
        put_le32(e + 4, level_irqs[i]);
        put_le16(e + 8, 0x000D);    /* active high, level triggered */
        e += 10;
    }
    e[0] = 4;                       /* Local APIC NMI: all processors, LINT1 */
    e[1] = 6;
    e[2] = 0xFF;
    e[5] = 1;
    table_done(b, off, true);
}

static void build_hpet(Builder *b)
{
    uint32_t off = tables_put(b, 56);
    uint8_t *p = b->t + off;
    acpi_header(p, "HPET", 56, 1);
    put_le32(p + 36, 0x8086A201);   /* the HPET's capabilities: Intel, 3 timers, legacy */
    put_le64(p + 44, 0xFED00000);   /* base address, system memory */
    table_done(b, off, true);
}

static void build_waet(Builder *b)
{
    uint32_t off = tables_put(b, 40);
    uint8_t *p = b->t + off;
    acpi_header(p, "WAET", 40, 1);
    put_le32(p + 36, 1u << 1);      /* ACPI PM timer good: one read suffices */
    table_done(b, off, true);
}

static uint32_t build_rsdt(Builder *b)
{
    uint32_t len = ACPI_HEADER_LEN + 4 * (uint32_t)b->n_entries;
    uint32_t off = tables_put(b, len);
    acpi_header(b->t + off, "RSDT", len, 1);
    for (int i = 0; i < b->n_entries; i++) {
        put_le32(b->t + off + ACPI_HEADER_LEN + 4 * i, b->rsdt_entries[i]);
        loader_pointer(b, ACPI_TABLES_FILE, ACPI_TABLES_FILE, off + ACPI_HEADER_LEN + 4 * i, 4);
    }
    table_done(b, off, false);
    return off;
}

/* The padding comes from a fresh zeroed allocation, not a memset: of a big blob's pages
 * only those holding data are ever touched. */
static void blob_pad(AcpiBlob *out, uint8_t *data, uint32_t len, uint32_t align)
{
    uint32_t padded = (uint32_t)align_up(len ? len : 1, align);
    out->data = xzalloc(padded);
    memcpy(out->data, data, len);
    free(data);
    out->len = padded;
    out->data_len = len;
}

void acpi_build(const AcpiConfig *cfg, AcpiTables *out)
{
    Builder b = { 0 };
    loader_allocate(&b, ACPI_RSDP_FILE, 16, LOADER_ZONE_FSEG);
    loader_allocate(&b, ACPI_TABLES_FILE, 64, LOADER_ZONE_HIGH);
    uint32_t facs = tables_put(&b, FACS_LEN);   /* first: it must be 64-byte aligned */
    memcpy(b.t + facs, "FACS", 4);
    put_le32(b.t + facs + 4, FACS_LEN);
    uint32_t dsdt_len;
    uint8_t *dsdt = acpi_build_dsdt(cfg, &dsdt_len);
    uint32_t dsdt_off = tables_put(&b, dsdt_len);
    memcpy(b.t + dsdt_off, dsdt, dsdt_len);
    free(dsdt);
    table_done(&b, dsdt_off, false);
    table_done(&b, build_fadt(&b, facs, dsdt_off), true);
    build_madt(&b);
    if (cfg->hpet)
        build_hpet(&b);
    build_waet(&b);
    uint32_t rsdt = build_rsdt(&b);

    uint8_t *rsdp = xzalloc(RSDP_LEN);
    memcpy(rsdp, "RSD PTR ", 8);
    memcpy(rsdp + 9, ACPI_OEM_ID, 6);
    put_le32(rsdp + 16, rsdt);      /* revision 0: no XSDT */
    loader_pointer(&b, ACPI_RSDP_FILE, ACPI_TABLES_FILE, 16, 4);
    loader_checksum(&b, ACPI_RSDP_FILE, 8, 0, RSDP_LEN);

    blob_pad(&out->tables, b.t, b.len, ACPI_TABLES_ALIGN);
    blob_pad(&out->loader, b.cmd, b.cmd_len, ACPI_LOADER_ALIGN);
    out->rsdp = (AcpiBlob){ .data = rsdp, .len = RSDP_LEN, .data_len = RSDP_LEN };
}

void acpi_tables_free(AcpiTables *t)
{
    free(t->tables.data);
    free(t->rsdp.data);
    free(t->loader.data);
    *t = (AcpiTables){ 0 };
}
