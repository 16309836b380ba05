/* hmp_qtree.c: HMP `info qtree`, QEMU 7.2's device tree of the pc machine (qdev_print and
 * qbus_print in monitor/qdev-monitor.c): each bus with its devices, newest first, each
 * device with its GPIO lines and properties, PCI functions with their identity and BARs.
 * The devices and their properties are QEMU's for the same command line; the values that
 * depend on it (drives, geometry, BARs, the machine's options) come from the machine.
 */
#include "emu/front/hmp-int.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>

#include "emu/dev/fdc/fdc.h"
#include "emu/dev/ide/ide.h"
#include "emu/hw/pci.h"
#include "emu/machine/machine.h"
#include "emu/remote/qmp.h"

#define PIIX4_SMBBA 0x90   /* PIIX4 function 3 configuration: the SMBus base address */

typedef struct Tree { MonOut *out; int level; } Tree;

static void PRINTF_LIKE(2, 3) line(const Tree *t, const char *fmt, ...)
{
    char buf[160];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    monout_printf(t->out, "%*s%s\n", 2 * t->level, "", buf);
}

/* Properties of QEMU's integer types print as "N (0xN)". */
static void prop_int(const Tree *t, const char *name, int64_t v)
{
    line(t, "%s = %" PRId64 " (0x%" PRIx64 ")", name, v, (uint64_t)v);
}

static void dev(Tree *t, const char *type)
{
    line(t, "dev: %s, id \"\"", type);
    t->level++;
}

static void bus(Tree *t, const char *name, const char *type)
{
    line(t, "bus: %s", name);
    t->level++;
    line(t, "type %s", type);
}

static void rows(const Tree *t, const char *const *r, size_t n)
{
    for (size_t i = 0; i < n; i++)
        line(t, "%s", r[i]);
}
#define ROWS(t, r) rows(t, r, ARRAY_SIZE(r))

static void ide_drive(Tree *t, Machine *m, const IdeState *ide, int index)
{
    char name[16];
    const MachineDrive *d = &machine_config(m)->drives[index];
    static const char *const common[] = {
        "backend_defaults = \"auto\"", "logical_block_size = 512 (512 B)",
        "physical_block_size = 512 (512 B)", "min_io_size = 0 (0 B)", "opt_io_size = 0 (0 B)",
        "discard_granularity = 512 (512 B)", "write-cache = \"auto\"", "share-rw = false",
        "account-invalid = \"auto\"", "account-failed = \"auto\"", "rerror = \"auto\"",
        "werror = \"auto\"", "ver = \"2.5+\"", "wwn = 0 (0x0)",
    };
    dev(t, d->cdrom ? "ide-cd" : "ide-hd");
    line(t, "drive = \"%s\"", qmp_drive_name(m, index, name));
    ROWS(t, common);
    line(t, "serial = \"QM%05d\"", index + 1);
    line(t, "model = \"\"");
    uint32_t cyls, heads, secs;
    int trans;
    if (!d->cdrom && ide && ide_get_geometry(ide, index, &cyls, &heads, &secs, &trans) == 0) {
        prop_int(t, "cyls", cyls);
        prop_int(t, "heads", heads);
        prop_int(t, "secs", secs);
        prop_int(t, "lcyls", 0);
        prop_int(t, "lheads", 0);
        prop_int(t, "lsecs", 0);
        line(t, "bios-chs-trans = \"%s\"", trans == 1 ? "lba" : trans == 2 ? "large" : "none");
        prop_int(t, "rotation_rate", 0);
    }
    prop_int(t, "unit", index % 2);
    t->level--;
}

/* qdev_print's PCI part (pcibus_dev_print) after the properties every function has. */
static void pci_function(Tree *t, const PciDev *d, bool multifunction)
{
    const uint8_t *c = d->config;
    line(t, "addr = %02x.%x", d->devfn >> 3, d->devfn & 7);
    line(t, "romfile = \"\"");
    prop_int(t, "romsize", UINT32_MAX);
    prop_int(t, "rombar", 1);
    line(t, "multifunction = %s", multifunction ? "true" : "false");
    line(t, "x-pcie-lnksta-dllla = true");
    line(t, "x-pcie-extcap-init = true");
    line(t, "failover_pair_id = \"\"");
    prop_int(t, "acpi-index", 0);
    uint16_t cls = pci_get_word(c + PCI_CLASS_DEVICE);
    char desc[32];
    if (pci_class_desc(cls))
        snprintf(desc, sizeof desc, "%s", pci_class_desc(cls));
    else
        snprintf(desc, sizeof desc, "Class %04x", cls);
    line(t, "class %s, addr 00:%02x.%x, pci id %04x:%04x (sub %04x:%04x)", desc, d->devfn >> 3,
         d->devfn & 7, pci_get_word(c + PCI_VENDOR_ID), pci_get_word(c + PCI_DEVICE_ID),
         pci_get_word(c + PCI_SUBSYSTEM_VENDOR_ID), pci_get_word(c + PCI_SUBSYSTEM_ID));
    for (int n = 0; n < PCI_NUM_BARS; n++) {
        const PciBar *bar = &d->bars[n];
        if (!bar->size)
            continue;
        uint64_t addr = bar->addr == PCI_BAR_UNMAPPED ? UINT64_MAX : bar->addr;
        line(t, "bar %d: i/o at 0x%" PRIx64 " [0x%" PRIx64 "]", n, addr, addr + bar->size - 1);
    }
}

/* The ISA devices whose properties never change, in QEMU's words: rows are indented
 * relative to the bus's devices. */
static const char *const isa_port92[] = { "dev: port92, id \"\"", "  gpio-out \"a20\" 1" };
static const char *const isa_vmport[] = {
    "dev: vmmouse, id \"\"", "dev: vmport, id \"\"", "  x-read-set-eax = true",
    "  x-signal-unsupported-cmd = true", "  x-report-vmx-type = true", "  x-cmds-v2 = true",
    "  vmware-vmx-version = 6 (0x6)", "  vmware-vmx-type = 2 (0x2)",
};
static const char *const isa_kbc_fdc[] = {
    "dev: i8042, id \"\"", "  gpio-in \"ps2-mouse-input-irq\" 1",
    "  gpio-in \"ps2-kbd-input-irq\" 1", "  gpio-out \"\" 2", "  gpio-out \"a20\" 1",
    "  extended-state = true", "  kbd-throttle = false", "  kbd-irq = 1 (0x1)",
    "  mouse-irq = 12 (0xc)",
    "dev: isa-fdc, id \"\"", "  iobase = 1008 (0x3f0)", "  irq = 6 (0x6)", "  dma = 2 (0x2)",
    "  fdtypeA = \"auto\"", "  fdtypeB = \"auto\"", "  fallback = \"288\"",
    "  bus: floppy-bus.0", "    type floppy-bus",
};
static const char *const floppy_common[] = {
    "backend_defaults = \"auto\"", "logical_block_size = 512 (512 B)",
    "physical_block_size = 512 (512 B)", "min_io_size = 0 (0 B)", "opt_io_size = 0 (0 B)",
    "discard_granularity = 4294967295 (4 GiB)", "write-cache = \"auto\"", "share-rw = false",
    "account-invalid = \"auto\"", "account-failed = \"auto\"",
};
static const char *const isa_serial[] = {
    "dev: isa-serial, id \"\"", "  index = 0 (0x0)", "  iobase = 1016 (0x3f8)", "  irq = 4 (0x4)",
};
static const char *const isa_rest[] = {
    "dev: isa-pcspk, id \"\"", "  audiodev = \"\"", "  iobase = 97 (0x61)", "  migrate = true",
    "dev: isa-pit, id \"\"", "  gpio-in \"\" 1", "  gpio-out \"\" 1", "  iobase = 64 (0x40)",
    "dev: mc146818rtc, id \"\"", "  gpio-out \"\" 1", "  base_year = 0 (0x0)",
    "  iobase = 112 (0x70)", "  irq = 8 (0x8)", "  lost_tick_policy = \"discard\"",
    "dev: isa-i8259, id \"\"", "  gpio-in \"\" 8", "  gpio-out \"\" 1", "  iobase = 160 (0xa0)",
    "  elcr_addr = 1233 (0x4d1)", "  elcr_mask = 222 (0xde)", "  master = false",
    "dev: isa-i8259, id \"\"", "  gpio-in \"\" 8", "  gpio-out \"\" 1", "  iobase = 32 (0x20)",
    "  elcr_addr = 1232 (0x4d0)", "  elcr_mask = 248 (0xf8)", "  master = true",
    "dev: i8257, id \"\"", "  base = 192 (0xc0)", "  page-base = 136 (0x88)",
    "  pageh-base = -1 (0xffffffffffffffff)", "  dshift = 1 (0x1)",
    "dev: i8257, id \"\"", "  base = 0 (0x0)", "  page-base = 128 (0x80)",
    "  pageh-base = -1 (0xffffffffffffffff)", "  dshift = 0 (0x0)",
};

/* The drives on floppy-bus.0 (rows at the bus's own level + 1). */
static void floppies(Tree *t, Machine *m)
{
    const FdcState *fdc = machine_section_state(m, "fdc", 0);
    for (int u = 1; fdc && u >= 0; u--) {
        int type = fdc_drive_cmos_type(fdc, u);   /* QEMU's drive-type names */
        if (!type)
            continue;
        char name[16];
        dev(t, "floppy");
        prop_int(t, "unit", u);
        line(t, "drive = \"%s\"", qmp_drive_name(m, MACHINE_FLOPPY0 + u, name));
        ROWS(t, floppy_common);
        line(t, "drive-type = \"%s\"", type == 2 ? "120" : type == 4 ? "144" : "288");
        t->level--;
    }
}

static void pc_isa(Tree *t, Machine *m)
{
    const MachineConfig *cfg = machine_config(m);
    bus(t, "isa.0", "ISA");
    for (int i = cfg->n_debugcon - 1; i >= 0; i--) {
        dev(t, "isa-debugcon");
        prop_int(t, "iobase", cfg->debugcon[i].iobase);
        const char *id = cfg->debugcon[i].chardev_id;
        line(t, "chardev = \"%s\"", id ? id : "");
        prop_int(t, "readback", 0xe9);
        t->level--;
    }
    ROWS(t, isa_port92);
    if (cfg->vmport)
        ROWS(t, isa_vmport);
    ROWS(t, isa_kbc_fdc);
    t->level += 2;   /* under floppy-bus.0, the last row above */
    floppies(t, m);
    t->level -= 2;
    if (cfg->serial)
        ROWS(t, isa_serial);
    ROWS(t, isa_rest);
    t->level--;
}

static const char *const pm_head[] = { "gpio-out \"smi-irq\" 1", "gpio-out \"\" 1" };
static const char *const pm_tail[] = {
    "disable_s3 = 0 (0x0)", "disable_s4 = 0 (0x0)", "s4_val = 2 (0x2)",
    "acpi-pci-hotplug-with-bridge-support = true", "acpi-root-pci-hotplug = true",
    "memory-hotplug-support = true", "smm-compat = false", "smm-enabled = true",
    "x-not-migrate-acpi-index = false",
};

static void pc_pci(Tree *t, Machine *m, const PciBus *b)
{
    const MachineConfig *cfg = machine_config(m);
    bus(t, "pci.0", "PCI");
    for (int devfn = 255; devfn >= 0; devfn--) {
        const PciDev *d = b->devs[devfn];
        if (!d)
            continue;
        dev(t, d->name);
        if (devfn == PCI_DEVFN(1, 3)) {   /* PIIX4_PM's own properties, then its SMBus */
            ROWS(t, pm_head);
            /* QEMU keeps the base the guest programmed in the property */
            prop_int(t, "smb_io_base", pci_get_long(d->config + PIIX4_SMBBA) & 0xffc0);
            ROWS(t, pm_tail);
        }
        pci_function(t, d, devfn == PCI_DEVFN(1, 0));
        if (devfn == PCI_DEVFN(1, 3)) {
            bus(t, "i2c", "i2c-bus");
            for (int a = 0x57; a >= 0x50; a--) {
                dev(t, "smbus-eeprom");
                prop_int(t, "address", a);
                t->level--;
            }
            t->level--;
        } else if (devfn == PCI_DEVFN(1, 1)) {
            const IdeState *ide = machine_section_state(m, "0000:00:01.1/ide", 0);
            for (int ch = 1; ch >= 0; ch--) {
                char name[16];
                snprintf(name, sizeof name, "ide.%d", ch);
                bus(t, name, "IDE");
                for (int u = 1; u >= 0; u--)
                    if (machine_drive(m, 2 * ch + u) || cfg->drives[2 * ch + u].file)
                        ide_drive(t, m, ide, 2 * ch + u);
                t->level--;
            }
        } else if (devfn == PCI_DEVFN(1, 0)) {
            pc_isa(t, m);
        }
        t->level--;
    }
    t->level--;
}

/* The system bus's devices, in QEMU's words (rows as for the ISA ones above). */
static const char *const sys_ps2[] = {
    "dev: ps2-mouse, id \"\"", "  gpio-out \"\" 1", "dev: ps2-kbd, id \"\"", "  gpio-out \"\" 1",
};
static const char *const sys_hpet[] = {
    "dev: hpet, id \"\"", "  gpio-in \"\" 2", "  gpio-out \"\" 1", "  gpio-out \"sysbus-irq\" 32",
    "  timers = 3 (0x3)", "  msi = false", "  hpet-intcap = 4 (0x4)", "  hpet-offset-saved = true",
    "  mmio 00000000fed00000/0000000000000400",
};
static const char *const sys_host[] = {
    "dev: ioapic, id \"\"", "  gpio-in \"\" 24", "  version = 32 (0x20)",
    "  mmio 00000000fec00000/0000000000001000",
    "dev: i440FX-pcihost, id \"\"", "  pci-hole64-size = 2147483648 (2 GiB)",
    "  short_root_bus = 0 (0x0)", "  x-pci-hole64-fix = true",
    "  x-config-reg-migration-enabled = true", "  bypass-iommu = false",
};
static const char *const sys_fwcfg[] = {
    "dev: fw_cfg_io, id \"\"", "  dma_enabled = true", "  x-file-slots = 32 (0x20)",
    "  acpi-mr-restore = true",
};

static const char *const sys_vapic[] = { "dev: kvmvapic, id \"\"" };

void hmp_info_qtree(VmCtl *vm, const char *arg, MonOut *out)
{
    Machine *m = vm->m;
    const MachineConfig *cfg = machine_config(m);
    Tree t = { .out = out };
    bus(&t, "main-system-bus", "System");
    ROWS(&t, sys_ps2);
    if (cfg->hpet)
        ROWS(&t, sys_hpet);
    ROWS(&t, sys_host);
    const PciBus *b = machine_section_state(m, "PCIBUS", 0);
    t.level++;   /* the PCI bus hangs off the host bridge, the last row above */
    if (b)
        pc_pci(&t, m, b);
    t.level--;
    ROWS(&t, sys_fwcfg);
    if (machine_has_apic(cfg))   /* QEMU's kvmvapic, created with the APIC, has no properties */
        ROWS(&t, sys_vapic);
}
