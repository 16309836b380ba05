/* hmp_qtree.c: HMP `info qtree`, QEMU 7.2's device tree of the pc machine (qdev_print and
 * qbus_print in monitor/qdev-monitor.c): each bus with its devices, newest first, each
 * device with its GPIO lines and properties, PCI functions with their identity and BARs.
 * The devices and their properties are QEMU's for the same command line; the values that
 * depend on it (drives, geometry, BARs, the machine's options) come from the machine.
 * Not shown: QEMU's kvmvapic (pcemu has none) and floppy drives on floppy-bus.0. */
#include "emu/front/hmp-int.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>

#include "emu/dev/ide/ide.h"
#include "emu/hw/pci.h"
#include "emu/machine/machine.h"
#include "emu/remote/qmp.h"

#define PIIX4_SMBBA 0x90   /* PIIX4 PM configuration: SMBus base address (datasheet 3.4.2.9) */

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
    for (size_t i = 0; i < ARRAY_SIZE(common); i++)
        line(t, "%s", common[i]);
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

static void pc_isa(Tree *t, const MachineConfig *cfg)
{
    bus(t, "isa.0", "ISA");
    for (int i = cfg->n_debugcon - 1; i >= 0; i--) {
        dev(t, "isa-debugcon");
        prop_int(t, "iobase", cfg->debugcon[i].iobase);
        const char *id = cfg->debugcon[i].chardev_id;
        line(t, "chardev = \"%s\"", id ? id : "");
        prop_int(t, "readback", 0xe9);
        t->level--;
    }
    dev(t, "port92");
    line(t, "gpio-out \"a20\" 1");
    t->level--;
    if (cfg->vmport) {
        dev(t, "vmmouse");
        t->level--;
        dev(t, "vmport");
        line(t, "x-read-set-eax = true");
        line(t, "x-signal-unsupported-cmd = true");
        line(t, "x-report-vmx-type = true");
        line(t, "x-cmds-v2 = true");
        prop_int(t, "vmware-vmx-version", 6);
        prop_int(t, "vmware-vmx-type", 2);
        t->level--;
    }
    dev(t, "i8042");
    line(t, "gpio-in \"ps2-mouse-input-irq\" 1");
    line(t, "gpio-in \"ps2-kbd-input-irq\" 1");
    line(t, "gpio-out \"\" 2");
    line(t, "gpio-out \"a20\" 1");
    line(t, "extended-state = true");
    line(t, "kbd-throttle = false");
    prop_int(t, "kbd-irq", 1);
    prop_int(t, "mouse-irq", 12);
    t->level--;
    dev(t, "isa-fdc");
    prop_int(t, "iobase", 0x3f0);
    prop_int(t, "irq", 6);
    prop_int(t, "dma", 2);
    line(t, "fdtypeA = \"auto\"");
    line(t, "fdtypeB = \"auto\"");
    line(t, "fallback = \"288\"");
    bus(t, "floppy-bus.0", "floppy-bus");
    t->level -= 2;
    if (cfg->serial) {
        dev(t, "isa-serial");
        prop_int(t, "index", 0);
        prop_int(t, "iobase", 0x3f8);
        prop_int(t, "irq", 4);
        t->level--;
    }
    dev(t, "isa-pcspk");
    line(t, "audiodev = \"\"");
    prop_int(t, "iobase", 0x61);
    line(t, "migrate = true");
    t->level--;
    dev(t, "isa-pit");
    line(t, "gpio-in \"\" 1");
    line(t, "gpio-out \"\" 1");
    prop_int(t, "iobase", 0x40);
    t->level--;
    dev(t, "mc146818rtc");
    line(t, "gpio-out \"\" 1");
    prop_int(t, "base_year", 0);
    prop_int(t, "iobase", 0x70);
    prop_int(t, "irq", 8);
    line(t, "lost_tick_policy = \"discard\"");
    t->level--;
    static const struct { uint16_t base, elcr; uint8_t mask; } pic[2] = {
        { 0xa0, 0x4d1, 0xde }, { 0x20, 0x4d0, 0xf8 },
    };
    for (int i = 0; i < 2; i++) {
        dev(t, "isa-i8259");
        line(t, "gpio-in \"\" 8");
        line(t, "gpio-out \"\" 1");
        prop_int(t, "iobase", pic[i].base);
        prop_int(t, "elcr_addr", pic[i].elcr);
        prop_int(t, "elcr_mask", pic[i].mask);
        line(t, "master = %s", i ? "true" : "false");
        t->level--;
    }
    for (int i = 1; i >= 0; i--) {
        dev(t, "i8257");
        prop_int(t, "base", i ? 0xc0 : 0);
        prop_int(t, "page-base", i ? 0x88 : 0x80);
        prop_int(t, "pageh-base", -1);
        prop_int(t, "dshift", i);
        t->level--;
    }
    t->level--;
}

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
            line(t, "gpio-out \"smi-irq\" 1");
            line(t, "gpio-out \"\" 1");
            /* QEMU keeps the base the guest programmed in the property */
            prop_int(t, "smb_io_base", pci_get_long(d->config + PIIX4_SMBBA) & 0xffc0);
            prop_int(t, "disable_s3", 0);
            prop_int(t, "disable_s4", 0);
            prop_int(t, "s4_val", 2);
            line(t, "acpi-pci-hotplug-with-bridge-support = true");
            line(t, "acpi-root-pci-hotplug = true");
            line(t, "memory-hotplug-support = true");
            line(t, "smm-compat = false");
            line(t, "smm-enabled = true");
            line(t, "x-not-migrate-acpi-index = false");
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
            pc_isa(t, cfg);
        }
        t->level--;
    }
    t->level--;
}

void hmp_info_qtree(VmCtl *vm, const char *arg, MonOut *out)
{
    Machine *m = vm->m;
    const MachineConfig *cfg = machine_config(m);
    Tree t = { .out = out };
    bus(&t, "main-system-bus", "System");
    dev(&t, "ps2-mouse");
    line(&t, "gpio-out \"\" 1");
    t.level--;
    dev(&t, "ps2-kbd");
    line(&t, "gpio-out \"\" 1");
    t.level--;
    if (cfg->hpet) {
        dev(&t, "hpet");
        line(&t, "gpio-in \"\" 2");
        line(&t, "gpio-out \"\" 1");
        line(&t, "gpio-out \"sysbus-irq\" 32");
        prop_int(&t, "timers", 3);
        line(&t, "msi = false");
        prop_int(&t, "hpet-intcap", 4);
        line(&t, "hpet-offset-saved = true");
        line(&t, "mmio 00000000fed00000/0000000000000400");
        t.level--;
    }
    dev(&t, "ioapic");
    line(&t, "gpio-in \"\" 24");
    prop_int(&t, "version", 0x20);
    line(&t, "mmio 00000000fec00000/0000000000001000");
    t.level--;
    dev(&t, "i440FX-pcihost");
    line(&t, "pci-hole64-size = 2147483648 (2 GiB)");
    prop_int(&t, "short_root_bus", 0);
    line(&t, "x-pci-hole64-fix = true");
    line(&t, "x-config-reg-migration-enabled = true");
    line(&t, "bypass-iommu = false");
    const PciBus *b = machine_section_state(m, "PCIBUS", 0);
    if (b)
        pc_pci(&t, m, b);
    t.level--;
    dev(&t, "fw_cfg_io");
    line(&t, "dma_enabled = true");
    prop_int(&t, "x-file-slots", 32);
    line(&t, "acpi-mr-restore = true");
}
