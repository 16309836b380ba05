/* gdbstub.c: the GDB remote serial protocol (gdb's "Remote Protocol" appendix) over a
 * monitor connection (monconn.h), for the i386 target gdbstub.h describes. Packets are
 * $data#xx with a two-digit checksum, acknowledged with + until QStartNoAckMode; a 0x03
 * byte outside a packet is an interrupt. Unknown packets get the empty reply, which tells
 * gdb the feature is missing.
 *
 * Registers: the set, order and types of QEMU 7.2's i386 target description (gdb_regs[]
 * below; the 'g' packet holds them in that order, little endian): eax..edi, eip, eflags,
 * cs ss ds es fs gs, fs_base gs_base k_gs_base, cr0 cr2 cr3 cr4 cr8 efer, st0-st7, the x87
 * control registers, xmm0-xmm7, mxcsr. Registers pcemu does not have read as QEMU's do
 * for this CPU (k_gs_base, cr8, ftag and the x87 pointers 0; st and xmm as saved). Writes
 * reach the general registers, EIP and EFLAGS, and in real mode the segment registers
 * (base = selector * 16); writing another register a different value is refused (E22),
 * where QEMU also takes the control registers. */
#include "emu/remote/gdbstub.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "emu/hw/bus.h"
#include "emu/vmctl/monconn.h"
#include "emu/cpu/cpu.h"

enum { GDB_MAX_PACKET = 4096, GDB_SIGINT = 2, GDB_SIGQUIT = 3, GDB_SIGTRAP = 5 };

struct GdbStub {
    MonConn conn;
    bool no_ack;              /* QStartNoAckMode */
    bool multiprocess;        /* gdb offered multiprocess+: thread ids are p1.1 */
    bool waiting;             /* a continue is waiting for its stop reply */
    bool last_trap;           /* the last stop was a breakpoint or step */
    int nbp;
    uint32_t bp[CPU_MAX_BREAKPOINTS];
    int nwp;
    CpuWatch wp[CPU_MAX_WATCHPOINTS];
};

/* ---- the target description ---- */

typedef struct GdbField { const char *name; int start, end; } GdbField;   /* end < 0: bool */
typedef struct GdbFlags { const char *id; const GdbField *f; } GdbFlags;

static const GdbField eflags_fields[] = {
    { "", 22, 31 }, { "ID", 21, -1 }, { "VIP", 20, -1 }, { "VIF", 19, -1 }, { "AC", 18, -1 },
    { "VM", 17, -1 }, { "RF", 16, -1 }, { "", 15, -1 }, { "NT", 14, -1 }, { "IOPL", 12, 13 },
    { "OF", 11, -1 }, { "DF", 10, -1 }, { "IF", 9, -1 }, { "TF", 8, -1 }, { "SF", 7, -1 },
    { "ZF", 6, -1 }, { "", 5, -1 }, { "AF", 4, -1 }, { "", 3, -1 }, { "PF", 2, -1 },
    { "", 1, -1 }, { "CF", 0, -1 }, { NULL, 0, 0 },
};
static const GdbField cr0_fields[] = {
    { "PG", 31, -1 }, { "CD", 30, -1 }, { "NW", 29, -1 }, { "AM", 18, -1 }, { "WP", 16, -1 },
    { "NE", 5, -1 }, { "ET", 4, -1 }, { "TS", 3, -1 }, { "EM", 2, -1 }, { "MP", 1, -1 },
    { "PE", 0, -1 }, { NULL, 0, 0 },
};
static const GdbField cr3_fields[] = { { "PDBR", 12, 31 }, { "PCID", 0, 11 }, { NULL, 0, 0 } };
static const GdbField cr4_fields[] = {
    { "VME", 0, -1 }, { "PVI", 1, -1 }, { "TSD", 2, -1 }, { "DE", 3, -1 }, { "PSE", 4, -1 },
    { "PAE", 5, -1 }, { "MCE", 6, -1 }, { "PGE", 7, -1 }, { "PCE", 8, -1 },
    { "OSFXSR", 9, -1 }, { "OSXMMEXCPT", 10, -1 }, { "UMIP", 11, -1 }, { "LA57", 12, -1 },
    { "VMXE", 13, -1 }, { "SMXE", 14, -1 }, { "FSGSBASE", 16, -1 }, { "PCIDE", 17, -1 },
    { "OSXSAVE", 18, -1 }, { "SMEP", 20, -1 }, { "SMAP", 21, -1 }, { "PKE", 22, -1 },
    { NULL, 0, 0 },
};
static const GdbField efer_fields[] = {
    { "TCE", 15, -1 }, { "FFXSR", 14, -1 }, { "LMSLE", 13, -1 }, { "SVME", 12, -1 },
    { "NXE", 11, -1 }, { "LMA", 10, -1 }, { "LME", 8, -1 }, { "SCE", 0, -1 }, { NULL, 0, 0 },
};
static const GdbField mxcsr_fields[] = {
    { "IE", 0, -1 }, { "DE", 1, -1 }, { "ZE", 2, -1 }, { "OE", 3, -1 }, { "UE", 4, -1 },
    { "PE", 5, -1 }, { "DAZ", 6, -1 }, { "IM", 7, -1 }, { "DM", 8, -1 }, { "ZM", 9, -1 },
    { "OM", 10, -1 }, { "UM", 11, -1 }, { "PM", 12, -1 }, { "FZ", 15, -1 }, { NULL, 0, 0 },
};
static const GdbFlags gdb_flags[] = {
    { "i386_eflags", eflags_fields }, { "i386_cr0", cr0_fields }, { "i386_cr3", cr3_fields },
    { "i386_cr4", cr4_fields }, { "i386_efer", efer_fields },
};

/* What a register reads from. */
typedef enum GdbSrc {
    SRC_GPR, SRC_EIP, SRC_EFLAGS, SRC_SEL, SRC_BASE, SRC_CR, SRC_EFER, SRC_ZERO, SRC_ST,
    SRC_FCTRL, SRC_FSTAT, SRC_XMM, SRC_MXCSR,
} GdbSrc;
typedef struct GdbReg {
    const char *name;
    int bits;
    const char *type, *group;
    GdbSrc src;
    int idx;               /* register, segment or CR number, st or xmm index */
} GdbReg;
#define R32(n, t, s, i) { n, 32, t, NULL, s, i }
static const GdbReg gdb_regs[] = {
    R32("eax", "int32", SRC_GPR, 0), R32("ecx", "int32", SRC_GPR, 1),
    R32("edx", "int32", SRC_GPR, 2), R32("ebx", "int32", SRC_GPR, 3),
    R32("esp", "data_ptr", SRC_GPR, 4), R32("ebp", "data_ptr", SRC_GPR, 5),
    R32("esi", "int32", SRC_GPR, 6), R32("edi", "int32", SRC_GPR, 7),
    R32("eip", "code_ptr", SRC_EIP, 0), R32("eflags", "i386_eflags", SRC_EFLAGS, 0),
    R32("cs", "int32", SRC_SEL, R_CS), R32("ss", "int32", SRC_SEL, R_SS),
    R32("ds", "int32", SRC_SEL, R_DS), R32("es", "int32", SRC_SEL, R_ES),
    R32("fs", "int32", SRC_SEL, R_FS), R32("gs", "int32", SRC_SEL, R_GS),
    R32("fs_base", "int32", SRC_BASE, R_FS), R32("gs_base", "int32", SRC_BASE, R_GS),
    R32("k_gs_base", "int32", SRC_ZERO, 0),
    R32("cr0", "i386_cr0", SRC_CR, 0), R32("cr2", "int32", SRC_CR, 2),
    R32("cr3", "i386_cr3", SRC_CR, 3), R32("cr4", "i386_cr4", SRC_CR, 4),
    R32("cr8", "int32", SRC_ZERO, 0), R32("efer", "i386_efer", SRC_EFER, 0),
    { "st0", 80, "i387_ext", NULL, SRC_ST, 0 }, { "st1", 80, "i387_ext", NULL, SRC_ST, 1 },
    { "st2", 80, "i387_ext", NULL, SRC_ST, 2 }, { "st3", 80, "i387_ext", NULL, SRC_ST, 3 },
    { "st4", 80, "i387_ext", NULL, SRC_ST, 4 }, { "st5", 80, "i387_ext", NULL, SRC_ST, 5 },
    { "st6", 80, "i387_ext", NULL, SRC_ST, 6 }, { "st7", 80, "i387_ext", NULL, SRC_ST, 7 },
    { "fctrl", 32, "int", "float", SRC_FCTRL, 0 }, { "fstat", 32, "int", "float", SRC_FSTAT, 0 },
    { "ftag", 32, "int", "float", SRC_ZERO, 0 }, { "fiseg", 32, "int", "float", SRC_ZERO, 0 },
    { "fioff", 32, "int", "float", SRC_ZERO, 0 }, { "foseg", 32, "int", "float", SRC_ZERO, 0 },
    { "fooff", 32, "int", "float", SRC_ZERO, 0 }, { "fop", 32, "int", "float", SRC_ZERO, 0 },
    { "xmm0", 128, "vec128", NULL, SRC_XMM, 0 }, { "xmm1", 128, "vec128", NULL, SRC_XMM, 1 },
    { "xmm2", 128, "vec128", NULL, SRC_XMM, 2 }, { "xmm3", 128, "vec128", NULL, SRC_XMM, 3 },
    { "xmm4", 128, "vec128", NULL, SRC_XMM, 4 }, { "xmm5", 128, "vec128", NULL, SRC_XMM, 5 },
    { "xmm6", 128, "vec128", NULL, SRC_XMM, 6 }, { "xmm7", 128, "vec128", NULL, SRC_XMM, 7 },
    { "mxcsr", 32, "i386_mxcsr", "vector", SRC_MXCSR, 0 },
};
#undef R32
enum { GDB_NREGS = sizeof gdb_regs / sizeof gdb_regs[0], GDB_REG_MAX = 16 };

static void xml_flags(MonOut *o, const char *id, const GdbField *f)
{
    monout_printf(o, "<flags id=\"%s\" size=\"4\">", id);
    for (; f->name; f++)
        monout_printf(o, "<field name=\"%s\" start=\"%d\" end=\"%d\" type=\"%s\"/>", f->name,
                      f->start, f->end < 0 ? f->start : f->end, f->end < 0 ? "bool" : "uint32");
    monout_printf(o, "</flags>");
}

/* The target description gdb reads with qXfer:features:read:target.xml. */
static void target_xml(MonOut *o)
{
    monout_printf(o, "<?xml version=\"1.0\"?><!DOCTYPE target SYSTEM \"gdb-target.dtd\">"
                  "<target><architecture>i386</architecture>"
                  "<feature name=\"org.gnu.gdb.i386.core\">");
    for (size_t k = 0; k < sizeof gdb_flags / sizeof gdb_flags[0]; k++)
        xml_flags(o, gdb_flags[k].id, gdb_flags[k].f);
    monout_printf(o, "<vector id=\"v4f\" type=\"ieee_single\" count=\"4\"/>"
                  "<vector id=\"v2d\" type=\"ieee_double\" count=\"2\"/>"
                  "<vector id=\"v16i8\" type=\"int8\" count=\"16\"/>"
                  "<vector id=\"v8i16\" type=\"int16\" count=\"8\"/>"
                  "<vector id=\"v4i32\" type=\"int32\" count=\"4\"/>"
                  "<vector id=\"v2i64\" type=\"int64\" count=\"2\"/>"
                  "<union id=\"vec128\"><field name=\"v4_float\" type=\"v4f\"/>"
                  "<field name=\"v2_double\" type=\"v2d\"/>"
                  "<field name=\"v16_int8\" type=\"v16i8\"/>"
                  "<field name=\"v8_int16\" type=\"v8i16\"/>"
                  "<field name=\"v4_int32\" type=\"v4i32\"/>"
                  "<field name=\"v2_int64\" type=\"v2i64\"/>"
                  "<field name=\"uint128\" type=\"uint128\"/></union>");
    xml_flags(o, "i386_mxcsr", mxcsr_fields);
    for (int n = 0; n < GDB_NREGS; n++) {
        const GdbReg *r = &gdb_regs[n];
        monout_printf(o, "<reg name=\"%s\" bitsize=\"%d\" type=\"%s\" regnum=\"%d\"", r->name,
                      r->bits, r->type, n);
        if (r->group)
            monout_printf(o, " group=\"%s\"", r->group);
        monout_printf(o, "/>");
    }
    monout_printf(o, "</feature></target>");
}

/* ---- packets ---- */

static void send_raw(GdbStub *g, const char *buf, size_t len)
{
    monconn_write(&g->conn, buf, len);
}

/* Sends $data#xx, escaping the bytes the protocol reserves. */
static void put_packet(GdbStub *g, const char *data, size_t len)
{
    char *out = xmalloc(2 * len + 5);   /* $, escaped data, #xx, NUL */
    size_t n = 0;
    uint8_t sum = 0;
    out[n++] = '$';
    for (size_t i = 0; i < len; i++) {
        char ch = data[i];
        if (ch == '$' || ch == '#' || ch == '}' || ch == '*') {
            out[n++] = '}';
            sum += '}';
            ch ^= 0x20;
        }
        out[n++] = ch;
        sum += (uint8_t)ch;
    }
    n += (size_t)snprintf(out + n, 4, "#%02x", sum);
    send_raw(g, out, n);
    free(out);
}

static void put_str(GdbStub *g, const char *s)
{
    put_packet(g, s, strlen(s));
}

static void put_hex(char *out, const void *buf, size_t len)
{
    const uint8_t *b = buf;
    for (size_t i = 0; i < len; i++)
        sprintf(out + 2 * i, "%02x", b[i]);
}

static int hexval(char ch)
{
    if (ch >= '0' && ch <= '9')
        return ch - '0';
    if (ch >= 'a' && ch <= 'f')
        return ch - 'a' + 10;
    if (ch >= 'A' && ch <= 'F')
        return ch - 'A' + 10;
    return -1;
}

/* Decodes 2 * len hex digits from s into buf; false on a bad digit or a short string. */
static bool get_hex(const char *s, size_t slen, uint8_t *buf, size_t len)
{
    if (slen < 2 * len)
        return false;
    for (size_t i = 0; i < len; i++) {
        int hi = hexval(s[2 * i]), lo = hexval(s[2 * i + 1]);
        if (hi < 0 || lo < 0)
            return false;
        buf[i] = (uint8_t)(hi << 4 | lo);
    }
    return true;
}

/* Parses a hex number at *p (advanced past it); false when there is none or it overflows. */
static bool get_num(const char **p, uint64_t *v)
{
    const char *s = *p;
    uint64_t x = 0;
    int d, n = 0;
    while ((d = hexval(*s)) >= 0) {
        if (x >> 60)
            return false;
        x = x << 4 | (uint64_t)d;
        s++;
        n++;
    }
    *p = s;
    *v = x;
    return n > 0;
}

/* ---- registers and memory ---- */

/* Register n (gdb_regs[]) as bytes; returns its size, 0 when n is no register. */
static size_t reg_get(Cpu *cpu, int n, uint8_t out[GDB_REG_MAX])
{
    const CpuState *s = cpu_state(cpu);
    memset(out, 0, GDB_REG_MAX);
    if (n < 0 || n >= GDB_NREGS)
        return 0;
    const GdbReg *r = &gdb_regs[n];
    uint32_t v = 0;
    switch (r->src) {
    case SRC_GPR: v = s->regs[r->idx]; break;
    case SRC_EIP: v = s->eip; break;
    case SRC_EFLAGS: v = s->eflags; break;
    case SRC_SEL: v = s->segs[r->idx].selector & 0xffff; break;
    case SRC_BASE: v = s->segs[r->idx].base; break;
    case SRC_CR: v = s->cr[r->idx]; break;
    case SRC_EFER: v = (uint32_t)s->efer; break;
    case SRC_ZERO: break;
    case SRC_ST:
        put_le32(out, (uint32_t)s->fpregs[r->idx].mant);
        put_le32(out + 4, (uint32_t)(s->fpregs[r->idx].mant >> 32));
        put_le16(out + 8, s->fpregs[r->idx].exp);
        return 10;
    case SRC_FCTRL: v = s->fpuc; break;
    case SRC_FSTAT: v = s->fpus; break;
    case SRC_XMM:
        put_le32(out, (uint32_t)s->xmm[r->idx].lo);
        put_le32(out + 4, (uint32_t)(s->xmm[r->idx].lo >> 32));
        put_le32(out + 8, (uint32_t)s->xmm[r->idx].hi);
        put_le32(out + 12, (uint32_t)(s->xmm[r->idx].hi >> 32));
        return 16;
    case SRC_MXCSR: v = s->mxcsr; break;
    }
    put_le32(out, v);
    return 4;
}

/* Writes register n from 4 bytes; false when that register cannot be written. */
static bool reg_set(Cpu *cpu, int n, const uint8_t in[4])
{
    CpuState *s = cpu_state(cpu);
    uint32_t v = le32(in);
    const GdbReg *r = &gdb_regs[n];
    switch (r->src) {
    case SRC_GPR:
        s->regs[r->idx] = v;
        return true;
    case SRC_EIP:
        s->eip = v;
        return true;
    case SRC_EFLAGS:
        s->eflags = (v & 0x003f7fd5u) | 2;   /* the defined flags; bit 1 reads 1 */
        return true;
    case SRC_SEL:
        if ((s->cr[0] & 1) && !(s->eflags & 0x20000))
            return false;   /* protected mode: a selector needs its descriptor */
        s->segs[r->idx].selector = v & 0xffff;
        s->segs[r->idx].base = (v & 0xffff) << 4;
        return true;
    default:
        return false;
    }
}

/* Copies len bytes at linear address lin to or from buf, page by page (paging applied, no
 * fault, no side effect on the page tables); false when a page is not mapped. */
static bool mem_rw(Machine *m, uint32_t lin, uint8_t *buf, size_t len, bool write)
{
    Cpu *cpu = machine_cpu(m);
    while (len) {
        uint32_t pa, n = (uint32_t)MIN(len, 0x1000u - (lin & 0xfff));
        if (!cpu_debug_translate(cpu, lin, &pa))
            return false;
        bus_mem_rw(machine_bus(m), pa, buf, n, write);   /* a write drops decoded code */
        lin += n;
        buf += n;
        len -= n;
    }
    return true;
}

/* ---- breakpoints (kept here and put into whichever CPU runs: loadvm replaces it) ---- */

static bool bp_insert(GdbStub *g, uint32_t lin)
{
    for (int j = 0; j < g->nbp; j++)
        if (g->bp[j] == lin)
            return true;
    if (g->nbp == CPU_MAX_BREAKPOINTS)
        return false;
    g->bp[g->nbp++] = lin;
    return true;
}

static void bp_remove(GdbStub *g, uint32_t lin)
{
    for (int j = 0; j < g->nbp; j++)
        if (g->bp[j] == lin)
            g->bp[j] = g->bp[--g->nbp];
}

static bool wp_insert(GdbStub *g, CpuWatch w)
{
    for (int j = 0; j < g->nwp; j++)
        if (!memcmp(&g->wp[j], &w, sizeof w))
            return true;
    if (g->nwp == CPU_MAX_WATCHPOINTS)
        return false;
    g->wp[g->nwp++] = w;
    return true;
}

static void wp_remove(GdbStub *g, CpuWatch w)
{
    for (int j = 0; j < g->nwp; j++)
        if (!memcmp(&g->wp[j], &w, sizeof w))
            g->wp[j] = g->wp[--g->nwp];
}

/* ---- commands ---- */

/* "T05thread:01;", with "watch:ADDR;" (rwatch, awatch) after a watchpoint, as QEMU. */
static void stop_reply(GdbStub *g, VmCtl *vm, int sig)
{
    char r[64];
    int n = snprintf(r, sizeof r, "T%02xthread:%s;", sig, g->multiprocess ? "p01.01" : "01");
    CpuWatch w;
    uint32_t lin;
    if (sig == GDB_SIGTRAP && cpu_watch_hit(machine_cpu(vm->m), &w, &lin))
        snprintf(r + n, sizeof r - (size_t)n, "%swatch:%x;", w.kind == CPU_WATCH_WRITE ? ""
                 : w.kind == CPU_WATCH_READ ? "r" : "a", w.lin);
    put_str(g, r);
    g->last_trap = sig == GDB_SIGTRAP;
}

/* Runs exactly one instruction (interrupts as in any run), also when a breakpoint sits on
 * it (gdb's breakpoint always-inserted mode). */
static void step(GdbStub *g, VmCtl *vm)
{
    MachineLimits l = { .until_icount = 1 };
    MachineStop why;
    Err e = { 0 };
    Cpu *cpu = machine_cpu(vm->m);
    const CpuState *s = cpu_state(cpu);
    uint32_t pc = s->segs[R_CS].base + s->eip, bp[CPU_MAX_BREAKPOINTS];
    int n = 0;
    for (int j = 0; j < g->nbp; j++)
        if (g->bp[j] != pc)
            bp[n++] = g->bp[j];
    gdb_prepare(g, vm);
    cpu_set_breakpoints(cpu, bp, n);
    if (machine_run(vm->m, &l, &why, &e) < 0)
        fprintf(stderr, "pcemu: gdb step: %s\n", e.msg);
    vm_stop(vm, "debug");
    stop_reply(g, vm, GDB_SIGTRAP);
}

static void cmd_read_regs(GdbStub *g, Cpu *cpu)
{
    char out[GDB_NREGS * 2 * GDB_REG_MAX + 1];
    size_t n = 0;
    uint8_t b[GDB_REG_MAX];
    for (int r = 0; r < GDB_NREGS; r++) {
        size_t len = reg_get(cpu, r, b);
        put_hex(out + n, b, len);
        n += 2 * len;
    }
    put_packet(g, out, n);
}

static void cmd_write_regs(GdbStub *g, Cpu *cpu, const char *p, size_t len)
{
    uint8_t b[GDB_REG_MAX];
    bool ok = true;
    for (int r = 0; r < GDB_NREGS && len; r++) {
        size_t size = reg_get(cpu, r, b);
        uint8_t v[GDB_REG_MAX];
        if (!get_hex(p, len, v, size))
            break;
        if (memcmp(v, b, size) != 0)
            ok &= size == 4 && reg_set(cpu, r, v);
        p += 2 * size;
        len -= 2 * size;
    }
    cpu_flush_all(cpu);
    put_str(g, ok ? "OK" : "E22");
}

static void cmd_mem(GdbStub *g, Machine *m, const char *p, size_t plen, bool write)
{
    uint64_t addr, len;
    const char *end = p + plen;
    if (!get_num(&p, &addr) || *p++ != ',' || !get_num(&p, &len) || addr > UINT32_MAX ||
        len > GDB_MAX_PACKET / 2 || (write && *p++ != ':')) {
        put_str(g, "E22");
        return;
    }
    uint8_t buf[GDB_MAX_PACKET / 2];
    if (write) {
        if (!get_hex(p, (size_t)(end - p), buf, (size_t)len)) {
            put_str(g, "E22");
            return;
        }
        put_str(g, mem_rw(m, (uint32_t)addr, buf, (size_t)len, true) ? "OK" : "E14");
        return;
    }
    if (!mem_rw(m, (uint32_t)addr, buf, (size_t)len, false)) {
        put_str(g, "E14");
        return;
    }
    char out[GDB_MAX_PACKET + 1];
    put_hex(out, buf, (size_t)len);
    put_packet(g, out, 2 * (size_t)len);
}

/* X: "addr,len:" then len raw bytes. */
static void cmd_mem_binary(GdbStub *g, Machine *m, const char *p, size_t plen)
{
    uint64_t addr, len;
    const char *end = p + plen;
    if (!get_num(&p, &addr) || *p++ != ',' || !get_num(&p, &len) || addr > UINT32_MAX ||
        *p++ != ':' || (uint64_t)(end - p) != len) {
        put_str(g, "E22");
        return;
    }
    put_str(g, mem_rw(m, (uint32_t)addr, (uint8_t *)p, (size_t)len, true) ? "OK" : "E14");
}

/* Z and z: "type,addr,kind": 0/1 breakpoints (kind ignored), 2/3/4 write, read and
 * access watchpoints of kind bytes (1 to 4096). */
static void cmd_break(GdbStub *g, const char *p, bool insert)
{
    uint64_t type, addr, kind;
    if (!get_num(&p, &type) || *p++ != ',' || !get_num(&p, &addr) || addr > UINT32_MAX ||
        *p++ != ',' || !get_num(&p, &kind)) {
        put_str(g, "E22");
        return;
    }
    if (type > 4) {
        put_str(g, "");
        return;
    }
    if (type <= 1) {
        if (!insert)
            bp_remove(g, (uint32_t)addr);
        put_str(g, !insert || bp_insert(g, (uint32_t)addr) ? "OK" : "E28");
        return;
    }
    if (kind < 1 || kind > 4096) {
        put_str(g, "E22");
        return;
    }
    CpuWatch w = { .lin = (uint32_t)addr, .len = (uint32_t)kind,
                   .kind = type == 2 ? CPU_WATCH_WRITE : type == 3 ? CPU_WATCH_READ
                         : CPU_WATCH_ACCESS };
    if (!insert)
        wp_remove(g, w);
    put_str(g, !insert || wp_insert(g, w) ? "OK" : "E28");
}

/* qXfer:features:read:target.xml:OFFSET,LENGTH */
static void cmd_xfer(GdbStub *g, const char *p)
{
    static const char pre[] = "qXfer:features:read:target.xml:";
    uint64_t off, len;
    if (strncmp(p, pre, sizeof pre - 1) != 0) {
        put_str(g, "");
        return;
    }
    p += sizeof pre - 1;
    if (!get_num(&p, &off) || *p++ != ',' || !get_num(&p, &len)) {
        put_str(g, "E22");
        return;
    }
    MonOut xml = { 0 };
    target_xml(&xml);
    size_t total = xml.len;
    if (off >= total) {
        monout_free(&xml);
        put_str(g, "l");
        return;
    }
    size_t n = (size_t)MIN(len, MIN((uint64_t)(total - off), (uint64_t)GDB_MAX_PACKET - 1));
    char out[GDB_MAX_PACKET + 1];
    out[0] = off + n < total ? 'm' : 'l';
    memcpy(out + 1, xml.buf + off, n);
    monout_free(&xml);
    put_packet(g, out, n + 1);
}

/* qRcmd,HEX: a human monitor command; its output goes back as console output. */
static void cmd_monitor(GdbStub *g, VmCtl *vm, const char *p, size_t len)
{
    if (!vm->hmp) {
        put_str(g, "");
        return;
    }
    size_t n = len / 2;
    char *line = xzalloc(n + 1);
    if (!get_hex(p, len, (uint8_t *)line, n) || memchr(line, 0, n)) {
        free(line);
        put_str(g, "E22");
        return;
    }
    MonOut out = { 0 };
    vm->hmp(vm, line, &out);
    for (size_t o = 0; o < out.len;) {
        size_t k = MIN(out.len - o, (size_t)(GDB_MAX_PACKET / 2 - 1));
        char pkt[GDB_MAX_PACKET + 1];
        pkt[0] = 'O';
        put_hex(pkt + 1, out.buf + o, k);
        put_packet(g, pkt, 1 + 2 * k);
        o += k;
    }
    monout_free(&out);
    free(line);
    put_str(g, "OK");
}

/* p: "N" (hex register number). */
static void cmd_read_reg(GdbStub *g, Cpu *cpu, const char *p)
{
    uint8_t b[GDB_REG_MAX];
    uint64_t n;
    size_t size;
    if (!get_num(&p, &n) || n >= GDB_NREGS || !(size = reg_get(cpu, (int)n, b))) {
        put_str(g, "E22");
        return;
    }
    char out[2 * GDB_REG_MAX + 1];
    put_hex(out, b, size);
    put_packet(g, out, 2 * size);
}

/* P: "N=VALUE" (value in target byte order); another value than the register's is taken
 * only where reg_set can write it. */
static void cmd_write_reg(GdbStub *g, Cpu *cpu, const char *p, size_t len)
{
    uint8_t b[GDB_REG_MAX], v[GDB_REG_MAX];
    uint64_t n;
    const char *q = p;
    if (!get_num(&q, &n) || *q++ != '=' || n >= GDB_NREGS) {
        put_str(g, "E22");
        return;
    }
    size_t size = reg_get(cpu, (int)n, b);
    bool ok = get_hex(q, len - (size_t)(q - p), v, size) &&
              (memcmp(v, b, size) == 0 || (size == 4 && reg_set(cpu, (int)n, v)));
    cpu_flush_all(cpu);
    put_str(g, ok ? "OK" : "E22");
}

/* q packets: the features, the one thread, target.xml, monitor commands. */
static void cmd_query(GdbStub *g, VmCtl *vm, const char *p, size_t len)
{
    if (!strncmp(p, "qSupported", 10)) {
        g->multiprocess = strstr(p, "multiprocess+") != NULL;
        put_str(g, g->multiprocess ? "PacketSize=1000;qXfer:features:read+;multiprocess+"
                                   : "PacketSize=1000;qXfer:features:read+");
    } else if (!strncmp(p, "qXfer:", 6)) {
        cmd_xfer(g, p);
    } else if (!strcmp(p, "qAttached")) {
        put_str(g, "1");
    } else if (!strcmp(p, "qC")) {
        put_str(g, g->multiprocess ? "QCp01.01" : "QC01");
    } else if (!strcmp(p, "qfThreadInfo")) {
        put_str(g, g->multiprocess ? "mp01.01" : "m01");
    } else if (!strcmp(p, "qsThreadInfo")) {
        put_str(g, "l");
    } else if (!strncmp(p, "qRcmd,", 6)) {
        cmd_monitor(g, vm, p + 6, len - 6);
    } else if (!strncmp(p, "qSymbol", 7)) {
        put_str(g, "OK");
    } else {
        put_str(g, "");
    }
}

static void resume(GdbStub *g, VmCtl *vm, const char *addr)
{
    uint64_t a;
    if (*addr && get_num(&addr, &a)) {
        cpu_state(machine_cpu(vm->m))->eip = (uint32_t)a;
        cpu_flush_all(machine_cpu(vm->m));
    }
    g->waiting = true;
    vm_cont(vm);
}

static void handle(GdbStub *g, VmCtl *vm, const char *p, size_t len)
{
    Machine *m = vm->m;
    Cpu *cpu = machine_cpu(m);
    const char *q;
    switch (p[0]) {
    case '?':
        stop_reply(g, vm, g->last_trap || !strcmp(vm->status, "debug") ? GDB_SIGTRAP : GDB_SIGINT);
        return;
    case 'g':
        cmd_read_regs(g, cpu);
        return;
    case 'G':
        cmd_write_regs(g, cpu, p + 1, len - 1);
        return;
    case 'p':
        cmd_read_reg(g, cpu, p + 1);
        return;
    case 'P':
        cmd_write_reg(g, cpu, p + 1, len - 1);
        return;
    case 'm':
    case 'M':
        cmd_mem(g, m, p + 1, len - 1, p[0] == 'M');
        return;
    case 'X':   /* X addr,len:binary (gdb's load): the data arrives unescaped */
        cmd_mem_binary(g, m, p + 1, len - 1);
        return;
    case 'c':
        resume(g, vm, p + 1);
        return;
    case 'C':   /* C sig[;addr]: the signal means nothing to a machine */
        q = strchr(p, ';');
        resume(g, vm, q ? q + 1 : "");
        return;
    case 's':
    case 'S':
        step(g, vm);
        return;
    case 'Z':
    case 'z':
        cmd_break(g, p + 1, p[0] == 'Z');
        return;
    case 'H':
    case 'T':
        put_str(g, "OK");
        return;
    case 'k':
        vm->quit = true;
        return;
    case 'v':   /* vKill;PID (multiprocess gdb's kill): quit, as QEMU does */
        if (!strncmp(p, "vKill;", 6)) {
            put_str(g, "OK");
            vm->quit = true;
        } else {
            put_str(g, "");
        }
        return;
    case 'D':   /* detach: breakpoints go, the machine runs on (QEMU's gdb_handle_detach) */
        g->nbp = g->nwp = 0;
        put_str(g, "OK");
        g->waiting = false;
        vm_cont(vm);
        return;
    case 'q':
        cmd_query(g, vm, p, len);
        return;
    case 'Q':
        if (!strcmp(p, "QStartNoAckMode")) {
            put_str(g, "OK");
            g->no_ack = true;
        } else {
            put_str(g, "");
        }
        return;
    default:
        put_str(g, "");
        return;
    }
}

/* Takes every complete packet and interrupt byte out of the input buffer. */
static void handle_input(GdbStub *g, VmCtl *vm)
{
    MonConn *c = &g->conn;
    size_t i = 0;
    while (i < c->in_len && !vm->quit) {
        char ch = c->in[i];
        if (ch == 0x03) {   /* Ctrl-C */
            i++;
            if (vm->running) {
                vm_stop(vm, "paused");
                g->waiting = false;
                stop_reply(g, vm, GDB_SIGINT);
            }
            continue;
        }
        if (ch != '$') {    /* '+', '-' and noise between packets */
            i++;
            continue;
        }
        char *hash = memchr(c->in + i, '#', c->in_len - i);
        if (!hash || (size_t)(hash - c->in) + 3 > c->in_len)
            break;          /* incomplete: wait for the rest */
        char data[GDB_MAX_PACKET * 2 + 1];
        size_t n = 0;
        uint8_t sum = 0;
        bool fits = true;
        for (char *s = c->in + i + 1; s < hash; s++) {
            sum += (uint8_t)*s;
            char b = *s;
            if (b == '}' && s + 1 < hash) {
                sum += (uint8_t)s[1];
                b = (char)(*++s ^ 0x20);
            }
            if (n < sizeof data - 1)
                data[n++] = b;
            else
                fits = false;
        }
        data[n] = 0;
        int hi = hexval(hash[1]), lo = hexval(hash[2]);
        i = (size_t)(hash - c->in) + 3;
        if (hi < 0 || lo < 0 || (uint8_t)(hi << 4 | lo) != sum || !fits) {
            if (!g->no_ack)
                send_raw(g, "-", 1);
            continue;
        }
        if (!g->no_ack)
            send_raw(g, "+", 1);
        if (n == 0)
            put_str(g, "");
        else
            handle(g, vm, data, n);
    }
    memmove(c->in, c->in + i, c->in_len - i);
    c->in_len -= i;
}

/* ---- public ---- */

GdbStub *gdb_open(const char *spec, Err *err)
{
    char full[400];
    if (strncmp(spec, "tcp:", 4) != 0 && strncmp(spec, "unix:", 5) != 0) {
        ERR(err, -EINVAL, "-gdb '%s': expected tcp::PORT, tcp:HOST:PORT or unix:PATH", spec);
        return NULL;
    }
    if ((size_t)snprintf(full, sizeof full, "%s,server=on,wait=off", spec) >= sizeof full) {
        ERR(err, -EINVAL, "-gdb '%s': too long", spec);
        return NULL;
    }
    GdbStub *g = xzalloc(sizeof *g);
    if (monconn_open(&g->conn, full, err) < 0) {
        free(g);
        return NULL;
    }
    return g;
}

GdbStub *gdb_new_unconnected(int out_fd)
{
    GdbStub *g = xzalloc(sizeof *g);
    g->conn.listen_fd = g->conn.in_fd = -1;
    g->conn.out_fd = out_fd;
    return g;
}

void gdb_input(GdbStub *g, VmCtl *vm, const void *buf, size_t len)
{
    const uint8_t *p = buf;
    while (len && !vm->quit) {
        MonConn *c = &g->conn;
        if (c->in_len == sizeof c->in)   /* a packet longer than the buffer: dropped */
            c->in_len = 0;
        size_t n = MIN(len, sizeof c->in - c->in_len);
        memcpy(c->in + c->in_len, p, n);
        c->in_len += n;
        p += n;
        len -= n;
        handle_input(g, vm);
    }
}

void gdb_close(GdbStub *g)
{
    if (!g)
        return;
    monconn_close(&g->conn);
    free(g);
}

int gdb_poll_fd(const GdbStub *g)
{
    return monconn_poll_fd(&g->conn);
}

void gdb_service(GdbStub *g, VmCtl *vm)
{
    int s = monconn_service(&g->conn);
    if (s == 1) {   /* gdb attached: the machine stops (QEMU's gdb_chr_event) */
        g->no_ack = false;
        g->multiprocess = false;
        g->waiting = false;
        g->last_trap = false;
        vm_stop(vm, "paused");
    } else if (s == 2) {   /* gdb went away: its breakpoints go with it */
        g->nbp = g->nwp = 0;
        g->waiting = false;
    }
    handle_input(g, vm);
}

void gdb_prepare(GdbStub *g, VmCtl *vm)
{
    cpu_set_breakpoints(machine_cpu(vm->m), g->bp, g->nbp);
    cpu_set_watchpoints(machine_cpu(vm->m), g->wp, g->nwp);
}

void gdb_stopped(GdbStub *g, VmCtl *vm)
{
    if (!g->waiting)
        return;
    g->waiting = false;
    /* QEMU's gdb_vm_state_change: debug SIGTRAP, shutdown SIGQUIT, else SIGINT */
    stop_reply(g, vm, !strcmp(vm->status, "debug") ? GDB_SIGTRAP
                      : !strcmp(vm->status, "shutdown") ? GDB_SIGQUIT : GDB_SIGINT);
}
