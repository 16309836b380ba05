/* pci.c: PCI bus 0, configuration mechanism #1 and the generic PCI function; see pci.h.
 * Reference: PCI Local Bus Specification 2.1 section 3.2.2.3.2 and 6; QEMU 7.2
 * hw/pci/pci.c and pci_host.c, whose masks, reset and saved state this follows (numbers and
 * behaviour, measured against qemu-system-i386 -M pc through qtest in tests/scripts/pci_*).
 * Not emulated: memory and ROM BARs, capabilities, bridges and other bus numbers (no pc-i440fx
 * function here has them). XXX: an unmapped I/O BAR leaves its ports unclaimed even if a
 * fixed device decoded them before (QEMU's overlapping regions would show that device). */
#include "emu/hw/pci.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

/* ---- saved state ---- */

static int pci_config_get(Stream *s, void *elem, size_t size, const VmsField *f, Err *err);
static int pci_config_put(Stream *s, const void *elem, size_t size, const VmsField *f, Err *err);
static int pci_irq_state_get(Stream *s, void *elem, size_t size, const VmsField *f, Err *err);
static int pci_irq_state_put(Stream *s, const void *elem, size_t size, const VmsField *f, Err *err);

const VmsInfo pci_info_config = { "pci config", pci_config_get, pci_config_put };
const VmsInfo pci_info_irq_state = { "pci irq state", pci_irq_state_get, pci_irq_state_put };

const VmsDesc pci_dev_vms = {   /* QEMU vmstate_pci_device */
    .name = "PCIDevice", .version = 2, .min_version = 1,
    .fields = (const VmsField[]){
        VMSN_INT32_LE("version_id", PciDev, version_id),
        { .name = "config[0]", .kind = VMS_K_ELEM, .info = &pci_info_config,
          .offset = offsetof(PciDev, config) + VMS__CHECK_ARRAY(PciDev, config, uint8_t, 256),
          .size = PCI_CONFIG_SPACE_SIZE, .num = 1 },
        { .name = "irq_state", .kind = VMS_K_ELEM, .info = &pci_info_irq_state,
          .offset = offsetof(PciDev, irq_state) +
                    VMS__CHECK_ARRAY(PciDev, irq_state, int32_t, PCI_NUM_PINS),
          .size = sizeof(int32_t) * PCI_NUM_PINS, .num = 1, .version = 2 },
        VMS_END,
    },
};

const VmsDesc pci_host_vms = {  /* QEMU vmstate_pcihost */
    .name = "PCIHost", .version = 1, .min_version = 1,
    .fields = (const VmsField[]){ VMS_UINT32(PciBus, config_reg), VMS_END },
};

static int pci_bus_post_load(void *opaque, int version, Err *err);
const VmsDesc pci_bus_vms = {   /* QEMU vmstate_pcibus */
    .name = "PCIBUS", .version = 1, .min_version = 1, .post_load = pci_bus_post_load,
    .fields = (const VmsField[]){
        VMS_INT32_EQUAL(PciBus, nirq),
        VMS_INT32_ARRAY(PciBus, irq_count, PCI_NUM_PINS),
        VMS_END,
    },
};

/* ---- helpers ---- */

static bool ranges_overlap(uint32_t a, uint32_t alen, uint32_t b, uint32_t blen)
{
    return a < b + blen && b < a + alen;
}

static bool pci_irq_disabled(const PciDev *d)
{
    return pci_get_word(d->config + PCI_COMMAND) & PCI_COMMAND_INTX_DISABLE;
}

static bool pci_irq_any(const PciDev *d)
{
    for (int i = 0; i < PCI_NUM_PINS; i++)
        if (d->irq_state[i])
            return true;
    return false;
}

static void pci_update_irq_status(PciDev *d)
{
    if (pci_irq_any(d))
        d->config[PCI_STATUS] |= PCI_STATUS_INTERRUPT;
    else
        d->config[PCI_STATUS] &= (uint8_t)~PCI_STATUS_INTERRUPT;
}

/* PIIX3 swizzle (QEMU pci_slot_get_pirq): slot 1 INTA is PIRQA. */
static int pci_map_pirq(const PciDev *d, int pin)
{
    return ((d->devfn >> 3) - 1 + pin) & 3;
}

static void pci_change_irq_level(PciDev *d, int pin, int change)
{
    PciBus *b = d->bus;
    int pirq = pci_map_pirq(d, pin);
    b->irq_count[pirq] += change;
    if (b->set_pirq)
        b->set_pirq(b->pirq_opaque, pirq, b->irq_count[pirq] != 0);
}

static uint32_t size_mask(unsigned len) { return len >= 4 ? 0xffffffffu : (1u << (8 * len)) - 1; }

/* ---- devices ---- */

void pci_dev_init(PciDev *d, PciBus *b, uint8_t devfn, const char *name, uint16_t vendor,
                  uint16_t device, uint8_t revision, uint32_t class_prog)
{
    assert(!b->devs[devfn]);
    memset(d, 0, sizeof *d);
    d->bus = b;
    d->devfn = devfn;
    d->name = name;
    d->version_id = 2;
    for (int i = 0; i < PCI_NUM_BARS; i++)
        d->bars[i].addr = PCI_BAR_UNMAPPED;
    pci_set_word(d->config + PCI_VENDOR_ID, vendor);
    pci_set_word(d->config + PCI_DEVICE_ID, device);
    d->config[PCI_REVISION_ID] = revision;
    d->config[PCI_CLASS_PROG] = (uint8_t)class_prog;
    pci_set_word(d->config + PCI_CLASS_DEVICE, (uint16_t)(class_prog >> 8));
    pci_set_word(d->config + PCI_SUBSYSTEM_VENDOR_ID, 0x1af4);   /* QEMU's default ids */
    pci_set_word(d->config + PCI_SUBSYSTEM_ID, 0x1100);
    /* QEMU pci_init_cmask / pci_init_wmask / pci_init_w1cmask */
    pci_set_word(d->cmask + PCI_VENDOR_ID, 0xffff);
    pci_set_word(d->cmask + PCI_DEVICE_ID, 0xffff);
    d->cmask[PCI_STATUS] = PCI_STATUS_CAP_LIST;
    d->cmask[PCI_REVISION_ID] = 0xff;
    d->cmask[PCI_CLASS_PROG] = 0xff;
    pci_set_word(d->cmask + PCI_CLASS_DEVICE, 0xffff);
    d->cmask[PCI_HEADER_TYPE] = 0xff;
    d->cmask[PCI_CAPABILITY_LIST] = 0xff;
    d->wmask[PCI_CACHE_LINE_SIZE] = 0xff;
    d->wmask[PCI_INTERRUPT_LINE] = 0xff;
    pci_set_word(d->wmask + PCI_COMMAND, PCI_COMMAND_IO | PCI_COMMAND_MEMORY | PCI_COMMAND_MASTER |
                                         PCI_COMMAND_INTX_DISABLE | PCI_COMMAND_SERR);
    memset(d->wmask + PCI_CONFIG_HEADER_SIZE, 0xff, PCI_CONFIG_SPACE_SIZE - PCI_CONFIG_HEADER_SIZE);
    pci_set_word(d->w1cmask + PCI_STATUS, 0xf900);  /* parity, target/master aborts, SERR */
    /* QEMU's do_pci_register_device: the device's DMA view is an address space of its own */
    Mtree *t = bus_mtree(b->io);
    MtreeRegion *container = mtree_region(t, "bus master container", MTREE_CONTAINER, MTREE_ALL);
    d->bus_master = mtree_alias(t, "bus master", bus_mem_root(b->io), 0, MTREE_ALL);
    mtree_set_enabled(d->bus_master, false);
    mtree_add(container, d->bus_master, 0, 0);
    mtree_add_as(t, name, container);
    b->devs[devfn] = d;
}

void pci_register_bar_io(PciDev *d, int n, uint32_t size, void *opaque, BusReadFn rd,
                         BusWriteFn wr, unsigned sizes)
{
    assert(n >= 0 && n < PCI_NUM_BARS && is_pow2(size) && size >= 4);
    PciBar *bar = &d->bars[n];
    *bar = (PciBar){ .size = size, .addr = PCI_BAR_UNMAPPED, .opaque = opaque, .rd = rd,
                     .wr = wr, .sizes = sizes };
    uint32_t reg = PCI_BASE_ADDRESS_0 + 4 * (uint32_t)n;
    pci_set_long(d->config + reg, PCI_BASE_ADDRESS_SPACE_IO);
    pci_set_long(d->wmask + reg, ~(size - 1));
    pci_set_long(d->cmask + reg, 0xffffffff);
}

/* QEMU pci_bar_address for an I/O BAR; the pc machine does not allow address 0. */
static uint32_t pci_bar_address(const PciDev *d, int n)
{
    const PciBar *bar = &d->bars[n];
    if (!(pci_get_word(d->config + PCI_COMMAND) & PCI_COMMAND_IO))
        return PCI_BAR_UNMAPPED;
    uint32_t addr = pci_get_long(d->config + PCI_BASE_ADDRESS_0 + 4 * n) & ~(bar->size - 1);
    uint64_t last = (uint64_t)addr + bar->size - 1;
    if (last <= addr || last >= UINT32_MAX || addr == 0)
        return PCI_BAR_UNMAPPED;
    return addr;
}

void pci_update_mappings(PciDev *d)
{
    Bus *io = d->bus->io;
    mtree_set_enabled(d->bus_master, pci_get_word(d->config + PCI_COMMAND) & PCI_COMMAND_MASTER);
    for (int n = 0; n < PCI_NUM_BARS; n++) {
        PciBar *bar = &d->bars[n];
        if (!bar->size)
            continue;
        uint32_t addr = pci_bar_address(d, n);
        if (addr == bar->addr)
            continue;
        /* Ports above 0xFFFF do not exist: such a BAR decodes nothing reachable. */
        if (bar->addr != PCI_BAR_UNMAPPED && bar->addr < 0x10000)
            bus_unmap_io(io, (uint16_t)bar->addr, bar->size);
        if (bar->region)
            mtree_del(bar->region);
        bar->addr = addr;
        if (addr != PCI_BAR_UNMAPPED && addr < 0x10000) {
            trace(TRACE_DEV, "pci: %s BAR%d at %#x", d->name, n, addr);
            bus_map_io(io, (uint16_t)addr, bar->size, bar->opaque, bar->rd, bar->wr, bar->sizes);
        }
        if (addr != PCI_BAR_UNMAPPED && bar->region)
            mtree_add(bus_io_root(io), bar->region, addr, 1);
    }
}

void pci_dev_reset(PciDev *d)
{
    for (int pin = 0; pin < PCI_NUM_PINS; pin++)
        pci_set_irq(d, pin, 0);
    uint16_t cmd_clear = pci_get_word(d->wmask + PCI_COMMAND) | pci_get_word(d->w1cmask + PCI_COMMAND);
    uint16_t sts_clear = pci_get_word(d->wmask + PCI_STATUS) | pci_get_word(d->w1cmask + PCI_STATUS);
    pci_set_word(d->config + PCI_COMMAND, pci_get_word(d->config + PCI_COMMAND) & ~cmd_clear);
    pci_set_word(d->config + PCI_STATUS, pci_get_word(d->config + PCI_STATUS) & ~sts_clear);
    d->config[PCI_INTERRUPT_LINE] &= (uint8_t)~(d->wmask[PCI_INTERRUPT_LINE] |
                                               d->w1cmask[PCI_INTERRUPT_LINE]);
    d->config[PCI_CACHE_LINE_SIZE] = 0;
    for (int n = 0; n < PCI_NUM_BARS; n++)
        if (d->bars[n].size)
            pci_set_long(d->config + PCI_BASE_ADDRESS_0 + 4 * n, PCI_BASE_ADDRESS_SPACE_IO);
    pci_update_mappings(d);
}

uint32_t pci_default_read_config(PciDev *d, uint32_t addr, unsigned len)
{
    assert(addr + len <= PCI_CONFIG_SPACE_SIZE && len >= 1 && len <= 4);
    uint32_t v = 0;
    for (unsigned i = 0; i < len; i++)
        v |= (uint32_t)d->config[addr + i] << (8 * i);
    return v;
}

void pci_default_write_config(PciDev *d, uint32_t addr, uint32_t val, unsigned len)
{
    assert(addr + len <= PCI_CONFIG_SPACE_SIZE && len >= 1 && len <= 4);
    bool was_disabled = pci_irq_disabled(d);
    for (unsigned i = 0; i < len; i++, val >>= 8) {
        uint8_t wm = d->wmask[addr + i], w1c = d->w1cmask[addr + i];
        uint8_t *c = &d->config[addr + i];
        *c = (uint8_t)((*c & ~wm) | (val & wm));
        *c &= (uint8_t)~(val & w1c);
    }
    bool cmd = ranges_overlap(addr, len, PCI_COMMAND, 1);
    if (ranges_overlap(addr, len, PCI_BASE_ADDRESS_0, 24) ||
        ranges_overlap(addr, len, PCI_ROM_ADDRESS, 4) || cmd)
        pci_update_mappings(d);
    if (cmd && was_disabled != pci_irq_disabled(d))
        for (int pin = 0; pin < PCI_NUM_PINS; pin++)
            if (d->irq_state[pin])
                pci_change_irq_level(d, pin, pci_irq_disabled(d) ? -1 : 1);
}

void pci_set_irq(PciDev *d, int pin, int level)
{
    assert(pin >= 0 && pin < PCI_NUM_PINS);
    level = level != 0;
    int change = level - d->irq_state[pin];
    if (!change)
        return;
    d->irq_state[pin] = level;
    pci_update_irq_status(d);
    if (!pci_irq_disabled(d))
        pci_change_irq_level(d, pin, change);
}

/* ---- config cycles ---- */

uint32_t pci_data_read(PciBus *b, uint32_t addr, unsigned len)
{
    uint8_t bus_num = (uint8_t)(addr >> 16), devfn = (uint8_t)(addr >> 8);
    uint32_t reg = addr & 0xff;
    PciDev *d = bus_num == 0 ? b->devs[devfn] : NULL;
    if (!d)
        return size_mask(len);
    len = MIN(len, PCI_CONFIG_SPACE_SIZE - reg);
    return pci_default_read_config(d, reg, len);
}

void pci_data_write(PciBus *b, uint32_t addr, uint32_t val, unsigned len)
{
    uint8_t bus_num = (uint8_t)(addr >> 16), devfn = (uint8_t)(addr >> 8);
    uint32_t reg = addr & 0xff;
    PciDev *d = bus_num == 0 ? b->devs[devfn] : NULL;
    if (!d) {
        trace(TRACE_DEV, "pci: config write %#x to absent %02x.%x", addr, devfn >> 3, devfn & 7);
        return;
    }
    len = MIN(len, PCI_CONFIG_SPACE_SIZE - reg);
    val &= size_mask(len);
    if (d->config_write)
        d->config_write(d, reg, val, len);
    else
        pci_default_write_config(d, reg, val, len);
}

/* 0xCF8-0xCFB: QEMU answers config_reg for any read there and takes only a dword write at
 * 0xCF8. */
static uint32_t pci_host_conf_read(void *opaque, uint32_t off, unsigned size)
{
    PciBus *b = opaque;
    return b->config_reg & size_mask(size);
}

static void pci_host_conf_write(void *opaque, uint32_t off, uint32_t val, unsigned size)
{
    PciBus *b = opaque;
    if (off == 0 && size == 4)
        b->config_reg = val;
    else
        trace(TRACE_DEV, "pci: ignored %u-byte write %#x to 0xcf8+%u", size, val, off);
}

static uint32_t pci_host_data_read(void *opaque, uint32_t off, unsigned size)
{
    PciBus *b = opaque;
    if (!(b->config_reg & 0x80000000u))
        return size_mask(size);
    return pci_data_read(b, b->config_reg | (off & 3), size) & size_mask(size);
}

static void pci_host_data_write(void *opaque, uint32_t off, uint32_t val, unsigned size)
{
    PciBus *b = opaque;
    if (b->config_reg & 0x80000000u)
        pci_data_write(b, b->config_reg | (off & 3), val, size);
}

/* ---- bus ---- */

PciBus *pci_bus_new(Bus *io)
{
    PciBus *b = xzalloc(sizeof *b);
    b->io = io;
    b->nirq = PCI_NUM_PINS;
    bus_map_io_named(io, "pci-conf-idx", 0xcf8, 4, b, pci_host_conf_read, pci_host_conf_write,
                     IO_SIZE_ALL);
    bus_map_io_named(io, "pci-conf-data", 0xcfc, 4, b, pci_host_data_read, pci_host_data_write,
                     IO_SIZE_ALL);
    return b;
}

void pci_bus_free(PciBus *b) { free(b); }

void pci_bus_set_pirq_handler(PciBus *b, PciSetPirqFn fn, void *opaque)
{
    b->set_pirq = fn;
    b->pirq_opaque = opaque;
}

int pci_bus_irq_level(const PciBus *b, int pirq)
{
    assert(pirq >= 0 && pirq < PCI_NUM_PINS);
    return b->irq_count[pirq] != 0;
}

static int pci_bus_post_load(void *opaque, int version, Err *err)
{
    PciBus *b = opaque;
    for (int i = 0; i < PCI_NUM_PINS; i++)
        if (b->irq_count[i] < 0 || b->irq_count[i] > 256 * PCI_NUM_PINS)
            return ERR(err, -EINVAL, "PCIBUS: irq_count[%d] = %d out of range", i, b->irq_count[i]);
    return 0;
}

/* ---- codecs ---- */

static PciDev *pci_dev_of_config(const void *elem)
{
    return (PciDev *)((uint8_t *)(uintptr_t)elem - offsetof(PciDev, config));
}

static PciDev *pci_dev_of_irq_state(const void *elem)
{
    return (PciDev *)((uint8_t *)(uintptr_t)elem - offsetof(PciDev, irq_state));
}

/* QEMU get_pci_config_device: bytes that are identity (cmask) and neither writable nor
 * write-1-to-clear must equal this device's; then the whole space is taken and the BARs
 * remapped. */
static int pci_config_get(Stream *s, void *elem, size_t size, const VmsField *f, Err *err)
{
    assert(size == PCI_CONFIG_SPACE_SIZE);
    PciDev *d = pci_dev_of_config(elem);
    uint8_t raw[PCI_CONFIG_SPACE_SIZE];
    stream_get_buf(s, raw, sizeof raw);
    if (stream_error(s))
        return ERR(err, stream_error(s), "%s: %s: %s", d->name, f->name, stream_error_msg(s));
    for (int i = 0; i < PCI_CONFIG_SPACE_SIZE; i++) {
        uint8_t fixed = d->cmask[i] & (uint8_t)~d->wmask[i] & (uint8_t)~d->w1cmask[i];
        if ((raw[i] ^ d->config[i]) & fixed)
            return ERR(err, -EINVAL, "%s: bad config data at %#x: read %#x, device %#x, cmask %#x",
                       d->name, i, raw[i], d->config[i], d->cmask[i]);
    }
    memcpy(d->config, raw, sizeof raw);
    pci_update_mappings(d);
    if (d->config_loaded)
        d->config_loaded(d);
    return 0;
}

static int pci_config_put(Stream *s, const void *elem, size_t size, const VmsField *f, Err *err)
{
    stream_put_buf(s, elem, size);
    return stream_error(s) ? ERR(err, stream_error(s), "%s: %s", f->name, stream_error_msg(s)) : 0;
}

static int pci_irq_state_get(Stream *s, void *elem, size_t size, const VmsField *f, Err *err)
{
    PciDev *d = pci_dev_of_irq_state(elem);
    uint32_t raw[PCI_NUM_PINS];
    for (int i = 0; i < PCI_NUM_PINS; i++)
        raw[i] = stream_get_be32(s);
    if (stream_error(s))
        return ERR(err, stream_error(s), "%s: %s: %s", d->name, f->name, stream_error_msg(s));
    for (int i = 0; i < PCI_NUM_PINS; i++)
        if (raw[i] > 1)
            return ERR(err, -EINVAL, "%s: irq state %d is %u, must be 0 or 1", d->name, i, raw[i]);
    for (int i = 0; i < PCI_NUM_PINS; i++)
        d->irq_state[i] = (int32_t)raw[i];
    return 0;
}

static int pci_irq_state_put(Stream *s, const void *elem, size_t size, const VmsField *f, Err *err)
{
    const int32_t *st = elem;
    for (int i = 0; i < PCI_NUM_PINS; i++)
        stream_put_be32(s, (uint32_t)st[i]);
    return stream_error(s) ? ERR(err, stream_error(s), "%s: %s", f->name, stream_error_msg(s)) : 0;
}
