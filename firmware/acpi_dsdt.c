/* acpi_dsdt.c: the DSDT of QEMU 7.2's pc machine with PIIX4 power management, as
 * hw/i386/acpi-build.c builds it for one CPU, no PCI bridge and the devices pcemu has
 * (acpi_build.h), object for object in QEMU's order, so the bytes are QEMU's:
 *   \DBUG          writes a value in hex to the debug port 0x402;
 *   \_SB.PCI0      the host bridge (PNP0A03), its PCI hotplug registers (0xAE00: up/down
 *                  bitmaps, eject, bus select and the ACPI index of a slot, used by the
 *                  Device Labeling _DSM), its _CRS windows and _PRT;
 *   LNKA-LNKD      the PIIX3 PIRQ links (the routing bytes at PCI config 0x60 of 00:01.0),
 *   LNKS           the SCI's fixed link, IRQ 9;
 *   \_SB.HPET      when there is one;
 *   \_SB.CPUS      QEMU's CPU hotplug interface (0xAF00) with processor C000;
 *   GPE0, PHPR, FWCF  the I/O ranges of GPE0, PCI hotplug and fw_cfg;
 *   \_S3 \_S4 \_S5 the sleep states as QEMU (S3 and S4 offered, SLP_TYP 1, 2 and 0);
 *   S00-SF8        a device per PCI slot; S08 (the PIIX3) holds the ISA devices, slots
 *                  2-31 are hotplug slots with _SUN and _EJ0; \_GPE._E01 and _E02 scan
 *                  PCI and CPU hotplug events.
 * The floppy controller has a FLPA/FLPB device with _FDI for each drive present. */
#include "firmware/acpi_build.h"
#include "firmware/aml.h"

#include <stdio.h>
#include <string.h>

#define PCI_SLOTS 32
#define CPU_HP_IO 0xAF00
#define PCI_HP_IO 0xAE00
#define PCI_LINK_IRQS_MASK 0x0E20   /* IRQ 5, 9, 10, 11: what the PIIX3 links may route */

/* ---- small idioms ---- */

static void store_int(Aml *a, uint64_t v, const char *dst)
{
    aml_op(a, AML_STORE);
    aml_int(a, v);
    aml_namestring(a, dst);
}

static void store_int_local(Aml *a, uint64_t v, int dst)
{
    aml_op(a, AML_STORE);
    aml_int(a, v);
    aml_local(a, dst);
}

/* LEqual (LocalN, v) */
static void lequal_local(Aml *a, int n, uint64_t v)
{
    aml_op(a, AML_LEQUAL);
    aml_local(a, n);
    aml_int(a, v);
}

static void name_int(Aml *a, const char *name, uint64_t v)
{
    aml_name(a, name);
    aml_int(a, v);
}

static void name_string(Aml *a, const char *name, const char *s)
{
    aml_name(a, name);
    aml_string(a, s);
}

static void name_eisaid(Aml *a, const char *name, const char *id)
{
    aml_name(a, name);
    aml_eisaid(a, id);
}

static void name_res(Aml *a, const char *name, const AmlRes *r)
{
    aml_name(a, name);
    aml_res_buffer(a, r);
}

static void acquire(Aml *a, const char *mutex)
{
    aml_op(a, AML_ACQUIRE);
    aml_namestring(a, mutex);
    aml_bytes(a, (const uint8_t[]){ 0xFF, 0xFF }, 2);   /* Timeout: wait forever */
}

static void release(Aml *a, const char *mutex)
{
    aml_op(a, AML_RELEASE);
    aml_namestring(a, mutex);
}

/* Return (LocalN) */
static void return_local(Aml *a, int n)
{
    aml_op(a, AML_RETURN);
    aml_local(a, n);
}

static void return_int(Aml *a, uint64_t v)
{
    aml_op(a, AML_RETURN);
    aml_int(a, v);
}

/* DerefOf (Index (ArgN, i)) */
static void deref_arg(Aml *a, int arg, uint64_t i)
{
    aml_op(a, AML_DEREF_OF);
    aml_op(a, AML_INDEX);
    aml_arg(a, arg);
    aml_int(a, i);
    aml_op(a, AML_ZERO);
}

/* Index (LocalN, i): the target of a Store into a package or buffer element. */
static void index_local(Aml *a, int n, uint64_t i)
{
    aml_op(a, AML_INDEX);
    aml_local(a, n);
    aml_int(a, i);
    aml_op(a, AML_ZERO);
}

/* Device (NAME) { Name (_HID, "id") Name (_UID, "uid") Name (_STA, 0x0B) Name (_CRS,
 * an I/O range) }: QEMU's containers of I/O resources. */
static void io_container(Aml *a, const char *name, const char *uid, uint16_t base, uint8_t len)
{
    AmlRes r = { 0 };
    aml_res_io(&r, base, base, 1, len);
    aml_device(a, name);
    name_string(a, "_HID", "PNP0A06");
    name_string(a, "_UID", uid);
    name_int(a, "_STA", 0x0B);
    name_res(a, "_CRS", &r);
    aml_close(a);
}

/* ---- \DBUG ---- */

static void build_debug(Aml *a)
{
    aml_scope(a, "\\");
    aml_op_region(a, "DBG", AML_SYSTEM_IO, 0x402, 1);
    aml_field(a, "DBG", AML_BYTE_ACC | AML_NO_LOCK | AML_PRESERVE);
    aml_field_unit(a, "DBGB", 8);
    aml_close(a);
    aml_method(a, "DBUG", 1, false);
    aml_op(a, AML_TO_HEX_STRING);
    aml_arg(a, 0);
    aml_local(a, 0);
    aml_op(a, AML_TO_BUFFER);
    aml_local(a, 0);
    aml_local(a, 0);
    aml_op(a, AML_SUBTRACT);                   /* Local1 = SizeOf (Local0) - 1 */
    aml_op(a, AML_SIZE_OF);
    aml_local(a, 0);
    aml_int(a, 1);
    aml_local(a, 1);
    store_int_local(a, 0, 2);
    aml_open(a, AML_WHILE);
    aml_op(a, AML_LLESS);
    aml_local(a, 2);
    aml_local(a, 1);
    aml_op(a, AML_STORE);                      /* DBGB = DerefOf (Local0 [Local2]) */
    aml_op(a, AML_DEREF_OF);
    aml_op(a, AML_INDEX);
    aml_local(a, 0);
    aml_local(a, 2);
    aml_op(a, AML_ZERO);
    aml_namestring(a, "DBGB");
    aml_op(a, AML_INCREMENT);
    aml_local(a, 2);
    aml_close(a);
    store_int(a, 0x0A, "DBGB");
    aml_close(a);
    aml_close(a);
}

/* ---- PCI hotplug registers and the Device Labeling _DSM helper ---- */

static void build_pci_hotplug_regs(Aml *a)
{
    aml_scope(a, "_SB.PCI0");
    static const struct { const char *region, *f1, *f2; uint16_t off; uint8_t len; } regs[] = {
        { "PCST", "PCIU", "PCID", 0x00, 8 },
        { "SEJ", "B0EJ", NULL, 0x08, 4 },
        { "BNMR", "BNUM", "PIDX", 0x10, 8 },
    };
    for (size_t i = 0; i < sizeof regs / sizeof regs[0]; i++) {
        aml_op_region(a, regs[i].region, AML_SYSTEM_IO, PCI_HP_IO + regs[i].off, regs[i].len);
        aml_field(a, regs[i].region, AML_DWORD_ACC | AML_NO_LOCK | AML_WRITE_AS_ZEROS);
        aml_field_unit(a, regs[i].f1, 32);
        if (regs[i].f2)
            aml_field_unit(a, regs[i].f2, 32);
        aml_close(a);
    }
    aml_mutex(a, "BLCK", 0);
    /* PCEJ (bus, slot): eject; AIDX (bus, slot): the slot's ACPI index */
    for (int m = 0; m < 2; m++) {
        aml_method(a, m == 0 ? "PCEJ" : "AIDX", 2, false);
        acquire(a, "BLCK");
        aml_op(a, AML_STORE);
        aml_arg(a, 0);
        aml_namestring(a, "BNUM");
        aml_op(a, AML_STORE);
        aml_op(a, AML_SHIFT_LEFT);
        aml_int(a, 1);
        aml_arg(a, 1);
        aml_op(a, AML_ZERO);
        aml_namestring(a, m == 0 ? "B0EJ" : "PIDX");
        if (m == 1) {
            aml_op(a, AML_STORE);
            aml_namestring(a, "PIDX");
            aml_local(a, 0);
        }
        release(a, "BLCK");
        if (m == 0)
            return_int(a, 0);
        else
            return_local(a, 0);
        aml_close(a);
    }
}

/* If (!((Local2 == Zero) OP (Local2 == 0xFFFFFFFF))): the slot has an ACPI index. */
static void if_has_index(Aml *a, unsigned op)
{
    aml_open(a, AML_IF);
    aml_op(a, AML_LNOT);
    aml_op(a, op);
    lequal_local(a, 2, 0);
    lequal_local(a, 2, 0xFFFFFFFF);
    if (op == AML_OR)
        aml_op(a, AML_ZERO);
}

/* Local2 = AIDX (DerefOf (Arg4 [0]), DerefOf (Arg4 [1])) */
static void call_aidx(Aml *a)
{
    aml_op(a, AML_STORE);
    aml_namestring(a, "AIDX");
    deref_arg(a, 4, 0);
    deref_arg(a, 4, 1);
    aml_local(a, 2);
}

/* PDSM (uuid, revision, function, args, {bus, slot}): the PCI Firmware spec's _DSM. */
static void build_pdsm(Aml *a)
{
    aml_method(a, "PDSM", 5, true);
    aml_open(a, AML_IF);                       /* function 0: which functions exist */
    aml_op(a, AML_LEQUAL);
    aml_arg(a, 2);
    aml_int(a, 0);
    aml_op(a, AML_STORE);
    aml_buffer(a, (const uint8_t[]){ 0 }, 1);
    aml_local(a, 0);
    store_int_local(a, 0, 1);
    aml_open(a, AML_IF);
    aml_op(a, AML_LNOT);
    aml_op(a, AML_LEQUAL);
    aml_arg(a, 0);
    aml_uuid(a, "e5c937d0-3553-4d7a-9117-ea4d19c3434d");
    return_local(a, 0);
    aml_close(a);
    aml_open(a, AML_IF);
    aml_op(a, AML_LLESS);
    aml_arg(a, 1);
    aml_int(a, 2);
    return_local(a, 0);
    aml_close(a);
    call_aidx(a);
    if_has_index(a, AML_OR);
    for (int bit = 0; bit <= 7; bit += 7) {    /* functions 0 and 7 */
        aml_op(a, AML_OR);
        aml_local(a, 1);
        if (bit == 0) {
            aml_int(a, 1);
        } else {
            aml_op(a, AML_SHIFT_LEFT);
            aml_int(a, 1);
            aml_int(a, 7);
            aml_op(a, AML_ZERO);
        }
        aml_local(a, 1);
    }
    aml_close(a);
    aml_op(a, AML_STORE);
    aml_local(a, 1);
    index_local(a, 0, 0);
    return_local(a, 0);
    aml_close(a);
    aml_open(a, AML_IF);                       /* function 7: the label */
    aml_op(a, AML_LEQUAL);
    aml_arg(a, 2);
    aml_int(a, 7);
    call_aidx(a);
    aml_op(a, AML_STORE);
    aml_package(a, 2);
    aml_close(a);
    aml_local(a, 0);
    if_has_index(a, AML_LOR);
    aml_op(a, AML_STORE);
    aml_local(a, 2);
    index_local(a, 0, 0);
    aml_op(a, AML_STORE);
    aml_string(a, "");
    index_local(a, 0, 1);
    aml_close(a);
    return_local(a, 0);
    aml_close(a);
    aml_close(a);
    aml_close(a);                              /* Scope (_SB.PCI0) */
}

/* ---- _PRT and the interrupt links ---- */

/* Local4 = Package (4) { Zero, Zero, LINK, Zero } */
static void prt_entry(Aml *a, const char *link)
{
    aml_op(a, AML_STORE);
    aml_package(a, 4);
    aml_int(a, 0);
    aml_int(a, 0);
    aml_namestring(a, link);
    aml_int(a, 0);
    aml_close(a);
    aml_local(a, 4);
}

/* Slot s, pin p goes to link (s + p) & 3 (the PIIX3's swizzle: A B C D from slot 0
 * rotated), except that slot 1 pin A (the PIIX4 PM function's SCI) is LNKS. */
static void build_prt(Aml *a)
{
    static const char *const links[4] = { "LNKD", "LNKA", "LNKB", "LNKC" };
    aml_scope(a, "PCI0");
    aml_method(a, "_PRT", 0, false);
    aml_op(a, AML_STORE);
    aml_package(a, 0x80);
    aml_close(a);
    aml_local(a, 0);
    store_int_local(a, 0, 1);
    aml_open(a, AML_WHILE);
    aml_op(a, AML_LLESS);
    aml_local(a, 1);
    aml_int(a, 0x80);
    aml_op(a, AML_STORE);                      /* Local2 = slot */
    aml_op(a, AML_SHIFT_RIGHT);
    aml_local(a, 1);
    aml_int(a, 2);
    aml_op(a, AML_ZERO);
    aml_local(a, 2);
    aml_op(a, AML_STORE);                      /* Local3 = (entry + slot) & 3 */
    aml_op(a, AML_AND);
    aml_op(a, AML_ADD);
    aml_local(a, 1);
    aml_local(a, 2);
    aml_op(a, AML_ZERO);
    aml_int(a, 3);
    aml_op(a, AML_ZERO);
    aml_local(a, 3);
    for (int i = 0; i < 4; i++) {
        aml_open(a, AML_IF);
        lequal_local(a, 3, (uint64_t)i);
        if (i == 1) {
            aml_open(a, AML_IF);
            lequal_local(a, 1, 4);
            prt_entry(a, "LNKS");
            aml_close(a);
            aml_open(a, AML_ELSE);
            prt_entry(a, links[i]);
            aml_close(a);
        } else {
            prt_entry(a, links[i]);
        }
        aml_close(a);
    }
    aml_op(a, AML_STORE);                      /* address = slot << 16 | 0xFFFF */
    aml_op(a, AML_OR);
    aml_op(a, AML_SHIFT_LEFT);
    aml_local(a, 2);
    aml_int(a, 0x10);
    aml_op(a, AML_ZERO);
    aml_int(a, 0xFFFF);
    aml_op(a, AML_ZERO);
    index_local(a, 4, 0);
    aml_op(a, AML_STORE);                      /* pin = entry & 3 */
    aml_op(a, AML_AND);
    aml_local(a, 1);
    aml_int(a, 3);
    aml_op(a, AML_ZERO);
    index_local(a, 4, 1);
    aml_op(a, AML_STORE);
    aml_local(a, 4);
    aml_op(a, AML_INDEX);
    aml_local(a, 0);
    aml_local(a, 1);
    aml_op(a, AML_ZERO);
    aml_op(a, AML_INCREMENT);
    aml_local(a, 1);
    aml_close(a);
    return_local(a, 0);
    aml_close(a);
    aml_close(a);
}

static void link_prs(AmlRes *r, uint16_t mask)
{
    uint32_t irqs[16];
    int n = 0;
    for (uint32_t i = 0; i < 16; i++)
        if (mask & (1u << i))
            irqs[n++] = i;
    aml_res_interrupt(r, AML_RES_CONSUMER | AML_RES_SHARED, irqs, n);
}

/* Method (NAME) { Return (FN (ARG)) } */
static void return_call(Aml *a, const char *name, const char *fn, const char *arg)
{
    aml_method(a, name, 0, false);
    aml_op(a, AML_RETURN);
    aml_namestring(a, fn);
    aml_namestring(a, arg);
    aml_close(a);
}

/* LNKA-LNKD read and write the PIIX3's PIRQ route bytes PRQ0-PRQ3 (bit 7: disabled). */
static void build_link(Aml *a, int i)
{
    char name[5] = { 'L', 'N', 'K', (char)('A' + i), 0 };
    char prq[5] = { 'P', 'R', 'Q', (char)('0' + i), 0 };
    AmlRes r = { 0 };
    link_prs(&r, PCI_LINK_IRQS_MASK & ~(1u << 9));
    aml_device(a, name);
    name_eisaid(a, "_HID", "PNP0C0F");
    name_int(a, "_UID", (uint64_t)i);
    name_res(a, "_PRS", &r);
    return_call(a, "_STA", "IQST", prq);
    aml_method(a, "_DIS", 0, false);
    aml_op(a, AML_OR);
    aml_namestring(a, prq);
    aml_int(a, 0x80);
    aml_namestring(a, prq);
    aml_close(a);
    return_call(a, "_CRS", "IQCR", prq);
    aml_method(a, "_SRS", 1, false);
    aml_op(a, AML_CREATE_DWORD_FIELD);
    aml_arg(a, 0);
    aml_int(a, 5);                             /* the Interrupt descriptor's first IRQ */
    aml_namestring(a, "PRRI");
    aml_op(a, AML_STORE);
    aml_namestring(a, "PRRI");
    aml_namestring(a, prq);
    aml_close(a);
    aml_close(a);
}

static void build_links(Aml *a)
{
    aml_method(a, "IQST", 1, false);           /* _STA from a route byte */
    aml_open(a, AML_IF);
    aml_op(a, AML_AND);
    aml_int(a, 0x80);
    aml_arg(a, 0);
    aml_op(a, AML_ZERO);
    return_int(a, 0x09);
    aml_close(a);
    return_int(a, 0x0B);
    aml_close(a);
    aml_method(a, "IQCR", 1, true);            /* _CRS from a route byte */
    AmlRes r = { 0 };
    aml_res_interrupt(&r, AML_RES_CONSUMER | AML_RES_SHARED, (const uint32_t[]){ 0 }, 1);
    name_res(a, "PRR0", &r);
    aml_op(a, AML_CREATE_DWORD_FIELD);
    aml_namestring(a, "PRR0");
    aml_int(a, 5);
    aml_namestring(a, "PRRI");
    aml_open(a, AML_IF);
    aml_op(a, AML_LLESS);
    aml_arg(a, 0);
    aml_int(a, 0x80);
    aml_op(a, AML_STORE);
    aml_arg(a, 0);
    aml_namestring(a, "PRRI");
    aml_close(a);
    aml_op(a, AML_RETURN);
    aml_namestring(a, "PRR0");
    aml_close(a);
    for (int i = 0; i < 4; i++)
        build_link(a, i);
    r = (AmlRes){ 0 };
    link_prs(&r, 1u << 9);
    aml_device(a, "LNKS");                     /* the SCI: IRQ 9, fixed */
    name_eisaid(a, "_HID", "PNP0C0F");
    name_int(a, "_UID", 4);
    name_res(a, "_PRS", &r);
    aml_method(a, "_STA", 0, false);
    return_int(a, 0x0B);
    aml_close(a);
    aml_method(a, "_DIS", 0, false);
    aml_close(a);
    aml_method(a, "_CRS", 0, false);
    aml_op(a, AML_RETURN);
    aml_namestring(a, "_PRS");
    aml_close(a);
    aml_method(a, "_SRS", 1, false);
    aml_close(a);
    aml_close(a);
}

/* ---- HPET ---- */

/* If ((LocalN == a) || (LocalN OP b)) { Return (Zero) } */
static void hpet_check(Aml *a, int local, uint64_t v1, unsigned op, uint64_t v2)
{
    aml_open(a, AML_IF);
    aml_op(a, AML_LOR);
    lequal_local(a, local, v1);
    aml_op(a, op);
    aml_local(a, local);
    aml_int(a, v2);
    return_int(a, 0);
    aml_close(a);
}

static void build_hpet(Aml *a)
{
    aml_scope(a, "_SB");
    aml_device(a, "HPET");
    name_eisaid(a, "_HID", "PNP0103");
    name_int(a, "_UID", 0);
    aml_op_region(a, "HPTM", AML_SYSTEM_MEMORY, 0xFED00000, 0x400);
    aml_field(a, "HPTM", AML_DWORD_ACC | AML_LOCK | AML_PRESERVE);
    aml_field_unit(a, "VEND", 32);
    aml_field_unit(a, "PRD", 32);
    aml_close(a);
    aml_method(a, "_STA", 0, false);           /* present when vendor and period are sane */
    aml_op(a, AML_STORE);
    aml_namestring(a, "VEND");
    aml_local(a, 0);
    aml_op(a, AML_STORE);
    aml_namestring(a, "PRD");
    aml_local(a, 1);
    aml_op(a, AML_SHIFT_RIGHT);
    aml_local(a, 0);
    aml_int(a, 0x10);
    aml_local(a, 0);
    hpet_check(a, 0, 0, AML_LEQUAL, 0xFFFF);
    hpet_check(a, 1, 0, AML_LGREATER, 100000000);   /* femtoseconds: at most 100 ns */
    return_int(a, 0x0F);
    aml_close(a);
    AmlRes r = { 0 };
    aml_res_memory32_fixed(&r, false, 0xFED00000, 0x400);
    name_res(a, "_CRS", &r);
    aml_close(a);
    aml_close(a);
}

/* ---- CPU hotplug (QEMU's modern interface, docs/specs/acpi_cpu_hotplug.txt) ---- */

#define PRES "\\_SB.PCI0.PRES."

static void build_cpu_hotplug_regs(Aml *a)
{
    AmlRes r = { 0 };
    aml_res_io(&r, CPU_HP_IO, CPU_HP_IO, 1, 0x0C);
    aml_device(a, "\\_SB.PCI0.PRES");
    name_eisaid(a, "_HID", "PNP0A06");
    name_string(a, "_UID", "CPU Hotplug resources");
    aml_mutex(a, "CPLK", 0);
    name_res(a, "_CRS", &r);
    aml_op_region(a, "PRST", AML_SYSTEM_IO, CPU_HP_IO, 0x0C);
    aml_field(a, "PRST", AML_BYTE_ACC | AML_NO_LOCK | AML_WRITE_AS_ZEROS);
    aml_field_unit(a, NULL, 32);
    static const char *const flags[] = { "CPEN", "CINS", "CRMV", "CEJ0", "CEJF" };
    for (int i = 0; i < 5; i++)
        aml_field_unit(a, flags[i], 1);
    aml_field_unit(a, NULL, 3);
    aml_field_unit(a, "CCMD", 8);
    aml_close(a);
    aml_field(a, "PRST", AML_DWORD_ACC | AML_NO_LOCK | AML_PRESERVE);
    aml_field_unit(a, "CSEL", 32);
    aml_field_unit(a, NULL, 32);
    aml_field_unit(a, "CDAT", 32);
    aml_close(a);
    aml_method(a, "_INI", 0, true);
    store_int(a, 0, "CSEL");
    aml_close(a);
    aml_close(a);
}

static void store_arg(Aml *a, int arg, const char *dst)
{
    aml_op(a, AML_STORE);
    aml_arg(a, arg);
    aml_namestring(a, dst);
}

/* If (PRES.FLAG == One) { ... } left open */
static void if_flag(Aml *a, const char *flag)
{
    aml_open(a, AML_IF);
    aml_op(a, AML_LEQUAL);
    aml_namestring(a, flag);
    aml_int(a, 1);
}

/* CSCN: collect inserted CPUs (at most 255 a pass) and notify them, notify removals. */
static void build_cscn(Aml *a)
{
    aml_method(a, "CSCN", 0, true);
    acquire(a, PRES "CPLK");
    aml_name(a, "CNEW");
    aml_package(a, 0xFF);
    aml_close(a);
    store_int_local(a, 0, 3);
    store_int_local(a, 1, 4);
    aml_open(a, AML_WHILE);
    lequal_local(a, 4, 1);
    store_int_local(a, 0, 4);
    store_int_local(a, 1, 0);
    store_int_local(a, 0, 1);
    aml_open(a, AML_WHILE);
    aml_op(a, AML_LAND);
    lequal_local(a, 0, 1);
    aml_op(a, AML_LLESS);
    aml_local(a, 3);
    aml_int(a, 1);                             /* possible CPUs */
    store_int_local(a, 0, 0);
    aml_op(a, AML_STORE);
    aml_local(a, 3);
    aml_namestring(a, PRES "CSEL");
    store_int(a, 0, PRES "CCMD");
    aml_open(a, AML_IF);
    aml_op(a, AML_LLESS);
    aml_namestring(a, PRES "CDAT");
    aml_local(a, 3);
    aml_op(a, AML_BREAK);
    aml_close(a);
    aml_open(a, AML_IF);
    lequal_local(a, 1, 0xFF);
    store_int_local(a, 1, 4);
    aml_op(a, AML_BREAK);
    aml_close(a);
    aml_op(a, AML_STORE);
    aml_namestring(a, PRES "CDAT");
    aml_local(a, 3);
    if_flag(a, PRES "CINS");
    aml_op(a, AML_STORE);
    aml_local(a, 3);
    aml_op(a, AML_INDEX);
    aml_namestring(a, "CNEW");
    aml_local(a, 1);
    aml_op(a, AML_ZERO);
    aml_op(a, AML_INCREMENT);
    aml_local(a, 1);
    store_int_local(a, 1, 0);
    aml_close(a);
    aml_open(a, AML_ELSE);
    if_flag(a, PRES "CRMV");
    aml_namestring(a, "CTFY");
    aml_local(a, 3);
    aml_int(a, 3);                             /* eject request */
    store_int(a, 1, PRES "CRMV");
    store_int_local(a, 1, 0);
    aml_close(a);
    aml_close(a);
    aml_op(a, AML_INCREMENT);
    aml_local(a, 3);
    aml_close(a);
    store_int_local(a, 0, 2);
    aml_open(a, AML_WHILE);
    aml_op(a, AML_LLESS);
    aml_local(a, 2);
    aml_local(a, 1);
    aml_op(a, AML_STORE);
    aml_op(a, AML_DEREF_OF);
    aml_op(a, AML_INDEX);
    aml_namestring(a, "CNEW");
    aml_local(a, 2);
    aml_op(a, AML_ZERO);
    aml_local(a, 3);
    aml_namestring(a, "CTFY");
    aml_local(a, 3);
    aml_int(a, 1);                             /* device check */
    aml_op(a, AML_STORE);
    aml_local(a, 3);
    aml_op(a, AML_DEBUG);
    aml_op(a, AML_STORE);
    aml_local(a, 3);
    aml_namestring(a, PRES "CSEL");
    store_int(a, 1, PRES "CINS");
    aml_op(a, AML_INCREMENT);
    aml_local(a, 2);
    aml_close(a);
    aml_close(a);
    release(a, PRES "CPLK");
    aml_close(a);
}

static void build_cpus(Aml *a)
{
    aml_device(a, "\\_SB.CPUS");
    name_string(a, "_HID", "ACPI0010");
    name_eisaid(a, "_CID", "PNP0A05");
    aml_method(a, "CTFY", 2, false);
    aml_open(a, AML_IF);
    aml_op(a, AML_LEQUAL);
    aml_arg(a, 0);
    aml_int(a, 0);
    aml_op(a, AML_NOTIFY);
    aml_namestring(a, "C000");
    aml_arg(a, 1);
    aml_close(a);
    aml_close(a);
    aml_method(a, "CSTA", 1, true);
    acquire(a, PRES "CPLK");
    store_arg(a, 0, PRES "CSEL");
    store_int_local(a, 0, 0);
    if_flag(a, PRES "CPEN");
    store_int_local(a, 0x0F, 0);
    aml_close(a);
    release(a, PRES "CPLK");
    return_local(a, 0);
    aml_close(a);
    aml_method(a, "CEJ0", 1, true);
    acquire(a, PRES "CPLK");
    store_arg(a, 0, PRES "CSEL");
    store_int(a, 1, PRES "CEJ0");
    release(a, PRES "CPLK");
    aml_close(a);
    build_cscn(a);
    aml_method(a, "COST", 4, true);
    acquire(a, PRES "CPLK");
    store_arg(a, 0, PRES "CSEL");
    store_int(a, 1, PRES "CCMD");
    store_arg(a, 1, PRES "CDAT");
    store_int(a, 2, PRES "CCMD");
    store_arg(a, 2, PRES "CDAT");
    release(a, PRES "CPLK");
    aml_close(a);
    aml_processor(a, "C000", 0, 0, 0);
    aml_method(a, "_STA", 0, true);
    aml_op(a, AML_RETURN);
    aml_namestring(a, "CSTA");
    aml_int(a, 0);
    aml_close(a);
    aml_name(a, "_MAT");                       /* the MADT's Local APIC entry */
    aml_buffer(a, (const uint8_t[]){ 0x00, 0x08, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00 }, 8);
    aml_method(a, "_OST", 3, true);
    aml_namestring(a, "COST");
    aml_int(a, 0);
    aml_arg(a, 0);
    aml_arg(a, 1);
    aml_arg(a, 2);
    aml_close(a);
    aml_close(a);
    aml_close(a);
}

/* ---- PCI0's resources, the sleep states, fw_cfg ---- */

static void build_pci_crs(Aml *a, const AcpiConfig *cfg)
{
    enum { MEM = 0, IO = 1, BUS = 2 };
    const uint8_t fixed = AML_RES_MIN_FIXED | AML_RES_MAX_FIXED;
    AmlRes r = { 0 };
    aml_res_word(&r, BUS, fixed, 0, 0x0000, 0x00FF);
    aml_res_io(&r, 0xCF8, 0xCF8, 1, 8);
    aml_res_word(&r, IO, fixed, 3, 0x0000, 0x0CF7);          /* EntireRange */
    aml_res_word(&r, IO, fixed, 3, 0x0D00, 0xFFFF);
    aml_res_dword(&r, MEM, fixed, 3, 0x000A0000, 0x000BFFFF); /* Cacheable, ReadWrite */
    aml_res_dword(&r, MEM, fixed, 1, (uint32_t)cfg->ram_size, 0xFEBFFFFF); /* NonCacheable */
    aml_res_qword(&r, MEM, fixed, 3, 0x100000000ull, 0x17FFFFFFFull);  /* 2 GiB window */
    aml_scope(a, "\\_SB.PCI0");
    name_res(a, "_CRS", &r);
    io_container(a, "GPE0", "GPE0 resources", 0xAFE0, 4);
    io_container(a, "PHPR", "PCI Hotplug resources", PCI_HP_IO, 0x18);
    aml_close(a);

    aml_scope(a, "\\");
    static const uint8_t slp_typ[3] = { 1, 2, 0 };
    for (int i = 0; i < 3; i++) {
        char name[5] = { '_', 'S', (char)('3' + i), 0 };
        aml_name(a, name);
        aml_package(a, 4);
        aml_int(a, slp_typ[i]);
        aml_int(a, slp_typ[i]);
        aml_int(a, 0);
        aml_int(a, 0);
        aml_close(a);
    }
    aml_close(a);

    AmlRes fw = { 0 };
    aml_res_io(&fw, 0x510, 0x510, 1, 0x0C);
    aml_scope(a, "\\_SB.PCI0");
    aml_device(a, "FWCF");
    name_string(a, "_HID", "QEMU0002");
    name_int(a, "_STA", 0x0B);
    name_res(a, "_CRS", &fw);
    aml_close(a);
    aml_close(a);
}

/* ---- PCI slots and the ISA devices ---- */

static void isa_device(Aml *a, const char *name, const char *hid, int uid, bool sta,
                       const AmlRes *crs)
{
    aml_device(a, name);
    name_eisaid(a, "_HID", hid);
    if (uid >= 0)
        name_int(a, "_UID", (uint64_t)uid);
    if (sta)
        name_int(a, "_STA", 0x0F);
    name_res(a, "_CRS", crs);
    aml_close(a);
}

/* Device (FLPA/FLPB) with _ADR and _FDI (QEMU's build_fdinfo_aml): the drive's largest
 * cylinder, sector and head over every medium QEMU's fd_formats lists for its type (so
 * they do not depend on the medium), then the fixed bytes SeaBIOS's INT 13h AH=08h
 * returns for any drive. */
static void build_fdi(Aml *a, int idx, uint8_t cmos_type)
{
    static const struct { uint8_t type, maxc, maxs, maxh; } chs[] = {
        { 2, 82, 20, 1 },                      /* 1.2 MB: up to 83 tracks, 20 sectors */
        { 4, 82, 24, 1 },                      /* 1.44 MB: up to 83 tracks, 24 sectors */
        { 5, 79, 48, 1 },                      /* 2.88 MB: 80 tracks, up to 48 sectors */
    };
    static const uint8_t bios[] = { 0xAF, 0x02, 0x25, 0x02, 0x12, 0x1B, 0xFF, 0x6C, 0xF6,
                                    0x0F, 0x08 };
    char name[5] = { 'F', 'L', 'P', (char)('A' + idx), 0 };
    size_t k = 0;
    while (k < ARRAY_SIZE(chs) - 1 && chs[k].type != cmos_type)
        k++;
    aml_device(a, name);
    aml_name(a, "_ADR");
    aml_int(a, (uint64_t)idx);
    aml_name(a, "_FDI");
    aml_package(a, 16);
    aml_int(a, (uint64_t)idx);
    aml_int(a, cmos_type);
    aml_int(a, chs[k].maxc);
    aml_int(a, chs[k].maxs);
    aml_int(a, chs[k].maxh);
    for (size_t i = 0; i < sizeof bios; i++)
        aml_int(a, bios[i]);
    aml_close(a);
    aml_close(a);
}

static void build_isa(Aml *a, const AcpiConfig *cfg)
{
    aml_op_region(a, "P40C", AML_PCI_CONFIG, 0x60, 4);   /* the PIIX3's PIRQ routes */
    aml_scope(a, "\\_SB");
    aml_field(a, "PCI0.S08.P40C", AML_BYTE_ACC | AML_NO_LOCK | AML_PRESERVE);
    for (int i = 0; i < 4; i++) {
        char prq[5] = { 'P', 'R', 'Q', (char)('0' + i), 0 };
        aml_field_unit(a, prq, 8);
    }
    aml_close(a);
    aml_close(a);
    AmlRes r = { 0 };
    aml_res_io(&r, 0x60, 0x60, 1, 1);
    aml_res_io(&r, 0x64, 0x64, 1, 1);
    aml_res_irq_noflags(&r, 1u << 1);
    isa_device(a, "KBD", "PNP0303", -1, true, &r);
    r = (AmlRes){ 0 };
    aml_res_irq_noflags(&r, 1u << 12);
    isa_device(a, "MOU", "PNP0F13", -1, true, &r);
    r = (AmlRes){ 0 };
    aml_res_io(&r, 0x3F2, 0x3F2, 0, 4);
    aml_res_io(&r, 0x3F7, 0x3F7, 0, 1);
    aml_res_irq_noflags(&r, 1u << 6);
    aml_res_dma(&r, 0, 1u << 2);
    aml_device(a, "FDC0");
    name_eisaid(a, "_HID", "PNP0700");
    name_res(a, "_CRS", &r);
    uint8_t fde[20] = { 0 };                   /* drives 0-3 present, then the tape: 2 = none */
    for (int i = 0; i < 2; i++) {
        fde[i * 4] = cfg->floppy[i] != 0;
        if (cfg->floppy[i])
            build_fdi(a, i, cfg->floppy[i]);
    }
    fde[16] = 2;
    aml_name(a, "_FDE");
    aml_buffer(a, fde, sizeof fde);
    aml_close(a);
    if (cfg->serial) {
        r = (AmlRes){ 0 };
        aml_res_io(&r, 0x3F8, 0x3F8, 0, 8);
        aml_res_irq_noflags(&r, 1u << 4);
        isa_device(a, "COM1", "PNP0501", 1, true, &r);
    }
    r = (AmlRes){ 0 };
    aml_res_io(&r, 0x70, 0x70, 1, 8);
    aml_res_irq_noflags(&r, 1u << 8);
    isa_device(a, "RTC", "PNP0B00", -1, false, &r);
}

static void build_slot(Aml *a, const AcpiConfig *cfg, int slot)
{
    char name[5];
    snprintf(name, sizeof name, "S%.2X", slot * 8);
    aml_device(a, name);
    name_int(a, "_ADR", (uint64_t)slot << 16);
    name_int(a, "ASUN", (uint64_t)slot);
    aml_method(a, "_DSM", 4, true);
    aml_op(a, AML_STORE);
    aml_package(a, 2);
    aml_namestring(a, "BSEL");
    aml_namestring(a, "ASUN");
    aml_close(a);
    aml_local(a, 0);
    aml_op(a, AML_RETURN);
    aml_namestring(a, "PDSM");
    for (int i = 0; i < 4; i++)
        aml_arg(a, i);
    aml_local(a, 0);
    aml_close(a);
    if (slot == 1) {
        build_isa(a, cfg);
    } else if (slot > 1) {                     /* empty: a hotplug slot */
        name_int(a, "_SUN", (uint64_t)slot);
        aml_method(a, "_EJ0", 1, false);
        aml_namestring(a, "PCEJ");
        aml_namestring(a, "BSEL");
        aml_namestring(a, "_SUN");
        aml_close(a);
    }
    aml_close(a);
}

static void build_slots(Aml *a, const AcpiConfig *cfg)
{
    aml_scope(a, "\\_SB");
    aml_scope(a, "PCI0");
    name_int(a, "BSEL", 0);
    for (int s = 0; s < PCI_SLOTS; s++)
        build_slot(a, cfg, s);
    aml_method(a, "DVNT", 2, false);           /* notify the slots whose bit is set */
    for (int s = 2; s < PCI_SLOTS; s++) {
        char name[5];
        snprintf(name, sizeof name, "S%.2X", s * 8);
        aml_open(a, AML_IF);
        aml_op(a, AML_AND);
        aml_arg(a, 0);
        aml_int(a, 1ull << s);
        aml_op(a, AML_ZERO);
        aml_op(a, AML_NOTIFY);
        aml_namestring(a, name);
        aml_arg(a, 1);
        aml_close(a);
    }
    aml_close(a);
    aml_method(a, "PCNT", 0, false);
    store_int(a, 0, "BNUM");
    static const char *const regs[2] = { "PCIU", "PCID" };
    for (int i = 0; i < 2; i++) {
        aml_namestring(a, "DVNT");
        aml_namestring(a, regs[i]);
        aml_int(a, i == 0 ? 1 : 3);            /* device check, eject request */
    }
    aml_close(a);
    aml_close(a);
    aml_close(a);
}

uint8_t *acpi_build_dsdt(const AcpiConfig *cfg, uint32_t *len)
{
    Aml a;
    aml_init(&a);
    aml_bytes(&a, (uint8_t[ACPI_HEADER_LEN]){ 0 }, ACPI_HEADER_LEN);
    build_debug(&a);
    aml_scope(&a, "_SB");
    aml_device(&a, "PCI0");
    name_eisaid(&a, "_HID", "PNP0A03");
    name_int(&a, "_ADR", 0);
    name_int(&a, "_UID", 0);
    aml_close(&a);
    aml_close(&a);
    build_pci_hotplug_regs(&a);
    build_pdsm(&a);
    aml_scope(&a, "_SB");
    build_prt(&a);
    build_links(&a);
    aml_close(&a);
    if (cfg->hpet)
        build_hpet(&a);
    aml_scope(&a, "_GPE");
    name_string(&a, "_HID", "ACPI0006");
    aml_close(&a);
    aml_scope(&a, "_SB");
    build_cpu_hotplug_regs(&a);
    build_cpus(&a);
    aml_close(&a);
    aml_method(&a, "\\_GPE._E02", 0, false);
    aml_namestring(&a, "\\_SB.CPUS.CSCN");
    aml_close(&a);
    build_pci_crs(&a, cfg);
    build_slots(&a, cfg);
    aml_scope(&a, "_GPE");
    aml_method(&a, "_E01", 0, false);          /* PCI hotplug */
    acquire(&a, "\\_SB.PCI0.BLCK");
    aml_namestring(&a, "\\_SB.PCI0.PCNT");
    release(&a, "\\_SB.PCI0.BLCK");
    aml_close(&a);
    aml_close(&a);
    size_t n;
    uint8_t *p = aml_take(&a, &n);
    *len = (uint32_t)n;
    acpi_header(p, "DSDT", *len, 1);
    return p;
}
