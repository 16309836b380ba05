/* hmp_info.c: the human monitor's commands that show the machine (hmp-int.h): x, xp and
 * print with QEMU's expression syntax ($reg), and the info subcommands that describe the
 * devices from their own state: pci (configuration space and BARs), pic (the 8259s and
 * the I/O APIC registers), roms, block, chardev, cpus, version, lapic. Formats are QEMU
 * 7.2's (monitor/hmp-cmds.c memory_dump and hmp_print, hw/pci/pci-hmp-cmds.c,
 * hw/intc/i8259.c and ioapic.c, hw/core/loader.c, block/monitor/block-hmp-cmds.c). */
#include "emu/front/hmp-int.h"

#include <ctype.h>
#include <setjmp.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "emu/cpu/cpu.h"
#include "emu/dev/ide/ide.h"
#include "emu/dev/ioapic.h"
#include "emu/dev/pic.h"
#include "emu/hw/pci.h"
#include "emu/remote/qmp.h"
#include "firmware/firmware.h"
#include "snapshot/vm/savevm.h"

/* ---- expressions (QEMU's expr_sum: + - * / % & | ^ ~, parentheses, 'c', $reg) ---- */

typedef struct Expr {
    const char *p;
    Cpu *cpu;
    jmp_buf fail;
    char msg[64];
} Expr;

static _Noreturn void expr_error(Expr *e, const char *msg)
{
    snprintf(e->msg, sizeof e->msg, "%s", msg);
    longjmp(e->fail, 1);
}

static void expr_ws(Expr *e)
{
    while (isspace((unsigned char)*e->p))
        e->p++;
}

/* QEMU's i386 monitor_defs: general registers and eip as signed 32-bit values (target_long),
 * pc = cs.base + eip, segment selectors, bases and limits. */
static int64_t expr_reg(Expr *e)
{
    char name[16];
    size_t n = 0;
    while ((isalnum((unsigned char)*e->p) || *e->p == '_' || *e->p == '.') && n < sizeof name - 1)
        name[n++] = *e->p++;
    name[n] = 0;
    CpuState *s = cpu_state(e->cpu);
    static const char *const gpr[] = { "eax", "ecx", "edx", "ebx", "esp", "ebp", "esi", "edi" };
    static const char *const seg[] = { "es", "cs", "ss", "ds", "fs", "gs" };
    for (int i = 0; i < 8; i++)
        if (!strcmp(name, gpr[i]))
            return (int32_t)s->regs[i];
    if (!strcmp(name, "eip"))
        return (int32_t)s->eip;
    if (!strcmp(name, "pc"))
        return (int32_t)(s->segs[R_CS].base + s->eip);
    if (!strcmp(name, "eflags"))
        return (int32_t)s->eflags;
    for (int i = 0; i < 6; i++) {
        size_t k = strlen(seg[i]);
        if (strncmp(name, seg[i], k) != 0)
            continue;
        if (!name[k])
            return s->segs[i].selector;
        if (!strcmp(name + k, ".base"))
            return (int32_t)s->segs[i].base;
        if (!strcmp(name + k, ".limit"))
            return (int32_t)s->segs[i].limit;
    }
    expr_error(e, "unknown register");
}

static int64_t expr_sum(Expr *e);

static int64_t expr_unary(Expr *e)
{
    expr_ws(e);
    char ch = *e->p;
    if (ch == '+' || ch == '-' || ch == '~') {
        e->p++;
        int64_t v = expr_unary(e);
        return ch == '+' ? v : ch == '-' ? (int64_t)(0 - (uint64_t)v) : ~v;
    }
    if (ch == '(') {
        e->p++;
        int64_t v = expr_sum(e);
        expr_ws(e);
        if (*e->p != ')')
            expr_error(e, "')' expected");
        e->p++;
        return v;
    }
    if (ch == '\'') {
        int64_t v = (unsigned char)e->p[1];
        if (!e->p[1] || e->p[2] != '\'')
            expr_error(e, "invalid char literal");
        e->p += 3;
        return v;
    }
    if (ch == '$') {
        e->p++;
        return expr_reg(e);
    }
    if (!ch)
        expr_error(e, "unexpected end of expression");
    char *end;
    errno = 0;
    uint64_t v = strtoull(e->p, &end, 0);
    if (end == e->p)
        expr_error(e, "invalid char in expression");
    if (errno == ERANGE)
        expr_error(e, "number too large");
    e->p = end;
    return (int64_t)v;
}

/* QEMU's binary operators by precedence, loosest first (its expr_sum, expr_prod and
 * expr_logic), all left-associative, in 64-bit two's complement. */
static const char *const expr_levels[] = { "+-", "*/%", "&|^" };

static int64_t expr_binary(Expr *e, int level)
{
    if (level == (int)ARRAY_SIZE(expr_levels))
        return expr_unary(e);
    int64_t v = expr_binary(e, level + 1);
    for (;;) {
        expr_ws(e);
        char op = *e->p;
        if (!op || !strchr(expr_levels[level], op))
            return v;
        e->p++;
        int64_t w = expr_binary(e, level + 1);
        if ((op == '/' || op == '%') && w == 0)
            expr_error(e, "division by zero");
        uint64_t a = (uint64_t)v, b = (uint64_t)w;
        switch (op) {
        case '+': v = (int64_t)(a + b); break;
        case '-': v = (int64_t)(a - b); break;
        case '*': v = (int64_t)(a * b); break;
        case '/': v = w == -1 ? (int64_t)(0 - a) : v / w; break;
        case '%': v = w == -1 ? 0 : v % w; break;
        case '&': v = v & w; break;
        case '|': v = v | w; break;
        default: v = v ^ w; break;
        }
    }
}

static int64_t expr_sum(Expr *e)
{
    return expr_binary(e, 0);
}

/* ---- x, xp, print ---- */

/* QEMU's "/fmt" argument: count, format letter, size letter; the format and size given
 * become the defaults of later commands. Returns the rest of the line, or NULL after
 * printing the error. */
static const char *parse_fmt(VmCtl *vm, const char *p, int *count, char *format, int *size,
                             MonOut *out)
{
    while (isspace((unsigned char)*p))
        p++;
    if (!vm->fmt_format) {
        vm->fmt_format = 'x';
        vm->fmt_size = 4;
    }
    *count = 1;
    if (*p != '/') {
        *format = vm->fmt_format;
        *size = *format == 'i' ? -1 : vm->fmt_size;
        return p;
    }
    p++;
    if (isdigit((unsigned char)*p)) {
        *count = 0;
        while (isdigit((unsigned char)*p))
            *count = *count * 10 + (*p++ - '0');
    }
    int sz = -1, f = -1;
    for (;; p++) {
        if (strchr("oduxic", *p) && *p)
            f = *p;
        else if (*p == 'b')
            sz = 1;
        else if (*p == 'h')
            sz = 2;
        else if (*p == 'w')
            sz = 4;
        else if (*p == 'g' || *p == 'L')
            sz = 8;
        else
            break;
    }
    if (*p && !isspace((unsigned char)*p)) {
        monout_printf(out, "invalid char in format: '%c'\n", *p);
        vm->hmp_arg_error = true;
        return NULL;
    }
    if (f < 0)
        f = vm->fmt_format;
    if (f != 'i') {
        if (sz < 0)
            sz = vm->fmt_size;
        vm->fmt_size = sz;
    }
    vm->fmt_format = (char)f;
    *format = (char)f;
    *size = sz;
    return p;
}

/* Evaluates the expression of the rest of the line; false after printing the error. */
static bool parse_expr(VmCtl *vm, const char *p, int64_t *v, MonOut *out)
{
    Expr e = { .p = p, .cpu = machine_cpu(vm->m) };
    if (setjmp(e.fail)) {
        monout_printf(out, "%s\n", e.msg);
        vm->hmp_arg_error = true;
        return false;
    }
    expr_ws(&e);
    if (!*e.p)
        expr_error(&e, "unexpected end of expression");
    *v = expr_sum(&e);
    expr_ws(&e);
    if (*e.p)
        expr_error(&e, "invalid char in expression");
    return true;
}

/* QEMU's monitor_printc(). */
static void print_char(MonOut *out, int c)
{
    monout_printf(out, "'");
    if (c == '\'' || c == '\\')
        monout_printf(out, "\\%c", c);
    else if (c == '\n')
        monout_printf(out, "\\n");
    else if (c == '\r')
        monout_printf(out, "\\r");
    else if (c >= 32 && c <= 126)
        monout_printf(out, "%c", c);
    else
        monout_printf(out, "\\x%02x", c);
    monout_printf(out, "'");
}

/* Reads len bytes at addr (linear when !phys: through the page tables, no side effect). */
static bool mem_read(VmCtl *vm, uint64_t addr, uint8_t *buf, int len, bool phys)
{
    Bus *bus = machine_bus(vm->m);
    for (int i = 0; i < len; i++) {
        uint32_t pa = (uint32_t)(addr + i);
        if ((addr + i) >> 32)
            return false;
        if (!phys && !cpu_debug_translate(machine_cpu(vm->m), pa, &pa))
            return false;
        bus_mem_rw(bus, pa, buf + i, 1, false);
    }
    return true;
}

/* QEMU's memory_dump(). */
static void memory_dump(VmCtl *vm, const char *arg, bool phys, MonOut *out)
{
    int count, wsize;
    char format;
    int64_t addr;
    const char *rest = parse_fmt(vm, arg ? arg : "", &count, &format, &wsize, out);
    if (!rest || !parse_expr(vm, rest, &addr, out))
        return;
    if (format == 'i') {
        monout_printf(out, "pcemu has no disassembler: use the formats o, d, u, x and c\n");
        return;
    }
    int len = wsize * count;
    int line_size = wsize == 1 ? 8 : 16, max_digits = 0;
    if (format == 'o')
        max_digits = (wsize * 8 + 2) / 3;
    else if (format == 'u' || format == 'd')
        max_digits = (wsize * 8 * 10 + 32) / 33;
    else if (format == 'c')
        wsize = 1;
    else
        max_digits = wsize * 8 / 4;
    /* XXX: QEMU 7.2 keeps x's address in a signed 32-bit target_long, so from 2 GiB up its
     * debug access (of the sign-extended address) fails; pcemu answers as it does. */
    bool unreadable = !phys && (int32_t)addr < 0;
    uint64_t a = phys ? (uint64_t)addr : (uint32_t)addr;
    while (len > 0) {
        if (phys)
            monout_printf(out, "%016" PRIx64 ":", a);
        else
            monout_printf(out, "%08" PRIx32 ":", (uint32_t)a);
        int l = MIN(len, line_size);
        uint8_t buf[16];
        if (unreadable || !mem_read(vm, a, buf, l, phys)) {
            monout_printf(out, " Cannot access memory\n");
            break;
        }
        for (int i = 0; i < l; i += wsize) {
            uint64_t v = wsize == 1 ? buf[i] : wsize == 2 ? le16(buf + i)
                         : wsize == 4 ? le32(buf + i) : le64(buf + i);
            monout_printf(out, " ");
            if (format == 'o')
                monout_printf(out, "%#*" PRIo64, max_digits, v);
            else if (format == 'u')
                monout_printf(out, "%*" PRIu64, max_digits, v);
            else if (format == 'd')
                monout_printf(out, "%*" PRId64, max_digits, (int64_t)v);
            else if (format == 'c')
                print_char(out, (int)v);
            else
                monout_printf(out, "0x%0*" PRIx64, max_digits, v);
        }
        monout_printf(out, "\n");
        a += (uint64_t)l;
        len -= l;
    }
}

void hmp_x(VmCtl *vm, const char *arg, MonOut *out) { memory_dump(vm, arg, false, out); }
void hmp_xp(VmCtl *vm, const char *arg, MonOut *out) { memory_dump(vm, arg, true, out); }

void hmp_print(VmCtl *vm, const char *arg, MonOut *out)
{
    int count, size;
    char format;
    int64_t v;
    const char *rest = parse_fmt(vm, arg ? arg : "", &count, &format, &size, out);
    if (!rest || !parse_expr(vm, rest, &v, out))
        return;
    if (format == 'o')
        monout_printf(out, "%#" PRIo64, (uint64_t)v);
    else if (format == 'x')
        monout_printf(out, "%#" PRIx64, (uint64_t)v);
    else if (format == 'u')
        monout_printf(out, "%" PRIu64, (uint64_t)v);
    else if (format == 'c')
        print_char(out, (int)v);
    else
        monout_printf(out, "%" PRId64, v);
    monout_printf(out, "\n");
}

/* ---- info ---- */

void hmp_info_version(VmCtl *vm, const char *arg, MonOut *out)
{
    json_t *v = qmp_query(vm, "query-version"), *q = json_object_get(v, "qemu");
    monout_printf(out, "%d.%d.%d%s\n", (int)json_integer_value(json_object_get(q, "major")),
                  (int)json_integer_value(json_object_get(q, "minor")),
                  (int)json_integer_value(json_object_get(q, "micro")),
                  json_string_value(json_object_get(v, "package")));
    json_decref(v);
}

void hmp_info_cpus(VmCtl *vm, const char *arg, MonOut *out)
{
    json_t *a = qmp_query(vm, "query-cpus-fast");
    for (size_t i = 0; i < json_array_size(a); i++) {
        json_t *c = json_array_get(a, i);
        monout_printf(out, "%c CPU #%d: thread_id=%" JSON_INTEGER_FORMAT "\n", i == 0 ? '*' : ' ',
                      (int)json_integer_value(json_object_get(c, "cpu-index")),
                      json_integer_value(json_object_get(c, "thread-id")));
    }
    json_decref(a);
}

void hmp_info_chardev(VmCtl *vm, const char *arg, MonOut *out)
{
    json_t *a = qmp_query(vm, "query-chardev");
    for (size_t i = 0; i < json_array_size(a); i++) {
        json_t *c = json_array_get(a, i);
        monout_printf(out, "%s: filename=%s\n", json_string_value(json_object_get(c, "label")),
                      json_string_value(json_object_get(c, "filename")));
    }
    json_decref(a);
}

/* QEMU's print_block_info() for each query-block entry. */
void hmp_info_block(VmCtl *vm, const char *arg, MonOut *out)
{
    json_t *a = qmp_query(vm, "query-block");
    for (size_t i = 0; i < json_array_size(a); i++) {
        json_t *d = json_array_get(a, i), *ins = json_object_get(d, "inserted");
        if (i > 0)
            monout_printf(out, "\n");
        monout_printf(out, "%s (%s): %s (%s%s)\n", json_string_value(json_object_get(d, "device")),
                      json_string_value(json_object_get(ins, "node-name")),
                      json_string_value(json_object_get(ins, "file")),
                      json_string_value(json_object_get(ins, "drv")),
                      json_is_true(json_object_get(ins, "ro")) ? ", read-only" : "");
        monout_printf(out, "    Attached to:      %s\n", json_string_value(json_object_get(d, "qdev")));
        if (json_is_true(json_object_get(d, "removable")))
            monout_printf(out, "    Removable device: not locked, tray closed\n");
        monout_printf(out, "    Cache mode:       writeback%s\n",
                      json_is_true(json_object_get(json_object_get(ins, "cache"), "no-flush"))
                          ? ", ignore flushes" : "");
        if (json_object_get(ins, "backing_file"))   /* -snapshot */
            monout_printf(out, "    Backing file:     %s (chain depth: 1)\n",
                          json_string_value(json_object_get(ins, "backing_file")));
    }
    json_decref(a);
}

/* QEMU's hmp_info_blockstats: print_block_stats for each query-blockstats entry. */
void hmp_info_blockstats(VmCtl *vm, const char *arg, MonOut *out)
{
    static const char *const keys[] = {
        "rd_bytes", "wr_bytes", "rd_operations", "wr_operations", "flush_operations",
        "wr_total_time_ns", "rd_total_time_ns", "flush_total_time_ns", "rd_merged", "wr_merged",
        "idle_time_ns",
    };
    json_t *a = qmp_query(vm, "query-blockstats");
    for (size_t i = 0; i < json_array_size(a); i++) {
        json_t *d = json_array_get(a, i), *st = json_object_get(d, "stats");
        monout_printf(out, "%s:", json_string_value(json_object_get(d, "device")));
        for (size_t k = 0; k < ARRAY_SIZE(keys); k++)
            monout_printf(out, " %s=%" JSON_INTEGER_FORMAT, keys[k],
                          json_integer_value(json_object_get(st, keys[k])));
        monout_printf(out, "\n");
    }
    json_decref(a);
}

/* No local APIC: QEMU's words for a CPU without one. */
void hmp_info_lapic(VmCtl *vm, const char *arg, MonOut *out)
{
    monout_printf(out, "local apic state not available\n");
}

/* The size of firmware file name (looked up as -bios and -option-rom do; NULL: the default
 * BIOS), 0 when it cannot be read. */
static uint32_t rom_file_size(const char *name)
{
    char *found = NULL;
    uint8_t *data = NULL;
    uint32_t size = 0;
    Err e = { 0 };
    if (firmware_find(name, &found, &e) < 0 ||
        firmware_read_file(found, 1u << 24, &data, &size, &e) < 0)
        size = 0;
    free(data);
    free(found);
    return size;
}

/* QEMU's rom list: option ROMs (fw_cfg files) before the BIOS at the top of the 4 GiB
 * space, each named as the command line did; sizes are the files'. */
void hmp_info_roms(VmCtl *vm, const char *arg, MonOut *out)
{
    const MachineConfig *cfg = machine_config(vm->m);
    for (int i = 0; i < cfg->n_option_roms; i++)
        monout_printf(out, "fw=genroms/%s size=0x%06x name=\"%s\"\n", cfg->option_roms[i],
                      rom_file_size(cfg->option_roms[i]), cfg->option_roms[i]);
    uint32_t size = rom_file_size(cfg->bios);
    if (size)
        monout_printf(out, "addr=%016" PRIx64 " size=0x%06x mem=rom name=\"%s\"\n",
                      (uint64_t)0x100000000ull - size, size,
                      cfg->bios ? cfg->bios : FIRMWARE_DEFAULT_BIOS);
}

/* ---- info pic ---- */

static void irr_dump(MonOut *out, const char *name, uint32_t bits)
{
    monout_printf(out, "%-10s ", name);
    if (!bits) {
        monout_printf(out, "(none)\n");
        return;
    }
    for (int i = 0; i < IOAPIC_NUM_PINS; i++)
        if (bits & 1u << i)
            monout_printf(out, "%-2u ", i);
    monout_printf(out, "\n");
}

/* The I/O APIC's registers, then the slave and the master 8259 (QEMU's device order). */
void hmp_info_pic(VmCtl *vm, const char *arg, MonOut *out)
{
    static const char *const delm[] = { "fixed", "lowest", "SMI", "...", "NMI", "INIT", "...",
                                        "extINT" };
    const IoapicState *io = machine_section_state(vm->m, "ioapic", 0);
    if (io) {
        uint32_t remote = 0;
        monout_printf(out, "ioapic0: ver=0x%x id=0x%02x sel=0x%02x", io->version, io->id,
                      io->ioregsel);
        if (io->ioregsel >= 0x10)
            monout_printf(out, " (redir[%u])\n", (io->ioregsel - 0x10u) >> 1);
        else
            monout_printf(out, "\n");
        for (int i = 0; i < IOAPIC_NUM_PINS; i++) {
            uint64_t e = io->ioredtbl[i];
            monout_printf(out, "  pin %-2u 0x%016" PRIx64 " dest=%" PRIx64 " vec=%-3" PRIu64
                          " %s %-5s %-6s %-6s %s\n", i, e,
                          (e >> 56) & (e & 0x800 ? 0xff : 0xf), e & 0xff,
                          e & 0x2000 ? "active-lo" : "active-hi", e & 0x8000 ? "level" : "edge",
                          e & 0x10000 ? "masked" : "", delm[(e >> 8) & 7],
                          e & 0x800 ? "logical" : "physical");
            if ((e & 0x8000) && (e & 0x4000))
                remote |= 1u << i;
        }
        irr_dump(out, "  IRR", io->irr);
        irr_dump(out, "  Remote IRR", remote);
    }
    for (int k = 1; k >= 0; k--) {
        const PicChip *s = machine_section_state(vm->m, "i8259", k);
        if (s)
            monout_printf(out, "pic%d: irr=%02x imr=%02x isr=%02x hprio=%d irq_base=%02x "
                          "rr_sel=%d elcr=%02x fnm=%d\n", k, s->irr, s->imr, s->isr,
                          s->priority_add, s->irq_base, s->read_reg_select, s->elcr,
                          s->special_fully_nested_mode);
    }
}

/* QEMU's hmp_info_irq: the interrupt controllers that count (the I/O APIC, the master
 * 8259 for all 16 ISA inputs), each input that rose at least once. */
void hmp_info_irq(VmCtl *vm, const char *arg, MonOut *out)
{
    const IoapicState *io = machine_section_state(vm->m, "ioapic", 0);
    const PicChip *master = machine_section_state(vm->m, "i8259", 0);
    if (io) {
        monout_printf(out, "IRQ statistics for ioapic:\n");
        for (int i = 0; i < IOAPIC_NUM_PINS; i++)
            if (io->irq_count[i])
                monout_printf(out, "%2d: %" PRIu64 "\n", i, io->irq_count[i]);
    }
    if (master) {
        /* the section is chip[0] of the PicState that holds the counts */
        const PicState *s = (const PicState *)((const char *)master - offsetof(PicState, chip));
        monout_printf(out, "IRQ statistics for isa-i8259:\n");
        for (int i = 0; i < 16; i++)
            if (s->irq_count[i])
                monout_printf(out, "%2d: %" PRIu64 "\n", i, s->irq_count[i]);
    }
}

/* ---- info pci ---- */

const char *pci_class_desc(uint16_t cls)
{
    static const struct { uint16_t cls; const char *desc; } t[] = {
        { 0x0100, "SCSI controller" }, { 0x0101, "IDE controller" },
        { 0x0102, "Floppy controller" }, { 0x0106, "SATA controller" },
        { 0x0200, "Ethernet controller" }, { 0x0300, "VGA controller" },
        { 0x0401, "Audio controller" }, { 0x0600, "Host bridge" }, { 0x0601, "ISA bridge" },
        { 0x0604, "PCI bridge" }, { 0x0680, "Bridge" }, { 0x0c03, "USB controller" },
    };
    for (size_t i = 0; i < ARRAY_SIZE(t); i++)
        if (t[i].cls == cls)
            return t[i].desc;
    return NULL;
}

/* Every function on bus 0 from its configuration space, in QEMU's order (devfn). */
void hmp_info_pci(VmCtl *vm, const char *arg, MonOut *out)
{
    PciBus *b = machine_section_state(vm->m, "PCIBUS", 0);
    for (int devfn = 0; b && devfn < 256; devfn++) {
        PciDev *d = b->devs[devfn];
        if (!d)
            continue;
        const uint8_t *c = d->config;
        uint16_t cls = pci_get_word(c + PCI_CLASS_DEVICE);
        monout_printf(out, "  Bus %2d, device %3d, function %d:\n    ", 0, devfn >> 3, devfn & 7);
        if (pci_class_desc(cls))
            monout_printf(out, "%s", pci_class_desc(cls));
        else
            monout_printf(out, "Class %04x", cls);
        monout_printf(out, ": PCI device %04x:%04x\n", pci_get_word(c + PCI_VENDOR_ID),
                      pci_get_word(c + PCI_DEVICE_ID));
        monout_printf(out, "      PCI subsystem %04x:%04x\n",
                      pci_get_word(c + PCI_SUBSYSTEM_VENDOR_ID), pci_get_word(c + PCI_SUBSYSTEM_ID));
        if (c[PCI_INTERRUPT_PIN])
            monout_printf(out, "      IRQ %d, pin %c\n", c[PCI_INTERRUPT_LINE],
                          c[PCI_INTERRUPT_PIN] + 'A' - 1);
        for (int n = 0; n < PCI_NUM_BARS; n++) {
            const PciBar *bar = &d->bars[n];
            if (!bar->size)
                continue;
            uint64_t addr = bar->addr == PCI_BAR_UNMAPPED ? UINT64_MAX : bar->addr;
            monout_printf(out, "      BAR%d: I/O at 0x%04" PRIx64 " [0x%04" PRIx64 "].\n", n,
                          addr, addr + bar->size - 1);
        }
        monout_printf(out, "      id \"\"\n");
    }
}
