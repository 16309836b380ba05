/* pci.h: the PCI bus of the pc machine (bus 0 only) and the device framework its functions
 * share (QEMU hw/pci/pci.c, pci_host.c).
 *
 * The host side is configuration mechanism #1: 0xCF8 holds config_reg (only a 32-bit write
 * at 0xCF8 changes it; any read returns it), 0xCFC-0xCFF reach the configuration space of the
 * function config_reg selects. With bit 31 clear the data ports read all-ones and ignore
 * writes; a devfn with no function reads all-ones.
 *
 * A PciDev carries QEMU's four 256-byte arrays: config (the saved bytes), wmask (bits a
 * guest write may change), w1cmask (bits a guest clears by writing 1) and cmask (identity
 * bits a loaded stream must match). Devices embed a PciDev, fill in identity bytes after
 * pci_dev_init(), register I/O BARs with pci_register_bar_io() and may hook config writes.
 *
 * INTx: pci_set_irq() drives a device pin; the bus maps slot and pin to PIRQ A-D with the
 * PIIX3 swizzle ((slot - 1 + pin) & 3), counts asserted inputs per PIRQ (irq_count, saved in
 * "PCIBUS") and reports each PIRQ level change to the set_pirq callback (piix3 routes it to an
 * ISA IRQ). Saved state: "PCIHost" (pci_host_vms), "PCIBUS" (pci_bus_vms) and the nested
 * "PCIDevice" (pci_dev_vms) every PCI function's section starts with. */
#ifndef PCEMU_PCI_H
#define PCEMU_PCI_H

#include "emu/base/base.h"
#include "emu/hw/bus.h"
#include "snapshot/format/vmstate.h"

/* Standard header registers. */
enum {
    PCI_VENDOR_ID = 0x00, PCI_DEVICE_ID = 0x02, PCI_COMMAND = 0x04, PCI_STATUS = 0x06,
    PCI_REVISION_ID = 0x08, PCI_CLASS_PROG = 0x09, PCI_CLASS_DEVICE = 0x0A,
    PCI_CACHE_LINE_SIZE = 0x0C, PCI_HEADER_TYPE = 0x0E, PCI_BASE_ADDRESS_0 = 0x10,
    PCI_SUBSYSTEM_VENDOR_ID = 0x2C, PCI_SUBSYSTEM_ID = 0x2E, PCI_ROM_ADDRESS = 0x30,
    PCI_CAPABILITY_LIST = 0x34, PCI_INTERRUPT_LINE = 0x3C, PCI_INTERRUPT_PIN = 0x3D,
    PCI_CONFIG_HEADER_SIZE = 0x40, PCI_CONFIG_SPACE_SIZE = 0x100,
};
enum {
    PCI_COMMAND_IO = 0x1, PCI_COMMAND_MEMORY = 0x2, PCI_COMMAND_MASTER = 0x4,
    PCI_COMMAND_SERR = 0x100, PCI_COMMAND_INTX_DISABLE = 0x400,
    PCI_STATUS_INTERRUPT = 0x08, PCI_STATUS_CAP_LIST = 0x10, PCI_STATUS_FAST_BACK = 0x80,
    PCI_STATUS_DEVSEL_MEDIUM = 0x200,
    PCI_HEADER_TYPE_MULTI_FUNCTION = 0x80,
    PCI_BASE_ADDRESS_SPACE_IO = 0x01,
};
#define PCI_NUM_PINS 4
#define PCI_NUM_BARS 6
#define PCI_DEVFN(slot, fn) ((uint8_t)(((slot) << 3) | (fn)))
#define PCI_BAR_UNMAPPED UINT32_MAX

typedef struct PciBus PciBus;
typedef struct PciDev PciDev;

/* An I/O BAR: size is a power of two >= 4; handlers get the offset inside the BAR. */
typedef struct PciBar {
    uint32_t size;       /* 0 = BAR not implemented (reads 0, not writable) */
    uint32_t addr;       /* where it is mapped now, or PCI_BAR_UNMAPPED */
    void *opaque;
    BusReadFn rd;
    BusWriteFn wr;
    unsigned sizes;      /* IO_SIZE* the handlers accept */
    MtreeRegion *region; /* optional: QEMU's region for `info mtree`, put in the I/O space
                            at addr (priority 1) while mapped; set by the device */
} PciBar;

struct PciDev {
    int32_t version_id;                  /* saved ("int32 le"); always 2 */
    uint8_t config[PCI_CONFIG_SPACE_SIZE]; /* saved ("pci config") */
    int32_t irq_state[PCI_NUM_PINS];     /* saved ("pci irq state"): level 0/1 of INTA..INTD */
    uint8_t wmask[PCI_CONFIG_SPACE_SIZE];   /* guest-writable bits */
    uint8_t w1cmask[PCI_CONFIG_SPACE_SIZE]; /* write-1-to-clear bits */
    uint8_t cmask[PCI_CONFIG_SPACE_SIZE];   /* bits checked against a loaded stream */
    PciBar bars[PCI_NUM_BARS];
    /* wiring, set by pci_dev_init() and the device; never saved */
    PciBus *bus;
    uint8_t devfn;                       /* slot << 3 | function */
    const char *name;                    /* QEMU's type name: "i440FX", "PIIX3", "piix3-ide";
                                            also the name of its bus-master address space */
    MtreeRegion *bus_master;             /* the alias of system memory that address space
                                            shows while the command register's MASTER bit is set */
    /* Optional: replaces the default config write (call pci_default_write_config()
     * inside it); addr + len <= 256, len 1, 2 or 4. */
    void (*config_write)(PciDev *d, uint32_t addr, uint32_t val, unsigned len);
    /* Optional: called after a stream loaded config[] (BARs are remapped already). */
    void (*config_loaded)(PciDev *d);
};

/* Called with the PIRQ number 0-3 and its new level (irq_count != 0). */
typedef void (*PciSetPirqFn)(void *opaque, int pirq, int level);

struct PciBus {
    int32_t nirq;                        /* saved ("int32 equal"): always 4 */
    int32_t irq_count[PCI_NUM_PINS];     /* saved: asserted inputs per PIRQ A..D */
    uint32_t config_reg;                 /* saved in "PCIHost": last dword written to 0xCF8 */
    /* wiring */
    Bus *io;
    PciDev *devs[256];                   /* by devfn; NULL = no function */
    PciSetPirqFn set_pirq;
    void *pirq_opaque;
};

/* ---- bus and host bridge ports ---- */
/* Maps 0xCF8-0xCFF on io. The PIIX3 maps its reset control register at 0xCF9 over it. */
PciBus *pci_bus_new(Bus *io);
void pci_bus_free(PciBus *b);
void pci_bus_set_pirq_handler(PciBus *b, PciSetPirqFn fn, void *opaque);
/* There is no bus reset: QEMU 7.2 keeps config_reg across a system reset (measured), and
 * each function resets itself (its registers, then pci_dev_reset()). */
int pci_bus_irq_level(const PciBus *b, int pirq);  /* irq_count[pirq] != 0 */

/* Config accesses as the host bridge performs them: addr is the config_reg layout. */
uint32_t pci_data_read(PciBus *b, uint32_t addr, unsigned len);
void pci_data_write(PciBus *b, uint32_t addr, uint32_t val, unsigned len);

/* ---- devices ---- */
/* Zeroes d, sets QEMU's default masks and identity, subsystem 1AF4:1100 (header type 0),
 * and plugs it into devfn (asserts the slot is free). */
void pci_dev_init(PciDev *d, PciBus *b, uint8_t devfn, const char *name, uint16_t vendor,
                  uint16_t device, uint8_t revision, uint32_t class_prog);
/* Registers BAR n as an I/O BAR of size bytes (a power of two >= 4). */
void pci_register_bar_io(PciDev *d, int n, uint32_t size, void *opaque, BusReadFn rd,
                         BusWriteFn wr, unsigned sizes);
/* Generic reset of the PCI part (QEMU pci_do_device_reset): clears writable command/status
 * bits, interrupt line, cache line size, BAR addresses; drops INTx; unmaps BARs. */
void pci_dev_reset(PciDev *d);
uint32_t pci_default_read_config(PciDev *d, uint32_t addr, unsigned len);
void pci_default_write_config(PciDev *d, uint32_t addr, uint32_t val, unsigned len);
/* Recomputes the BAR mappings from config[] and the command register. */
void pci_update_mappings(PciDev *d);
/* Drives INTx pin (0 = INTA) to level 0 or 1. */
void pci_set_irq(PciDev *d, int pin, int level);

static inline uint16_t pci_get_word(const uint8_t *p) { return le16(p); }
static inline uint32_t pci_get_long(const uint8_t *p) { return le32(p); }
static inline void pci_set_word(uint8_t *p, uint16_t v) { put_le16(p, v); }
static inline void pci_set_long(uint8_t *p, uint32_t v) { put_le32(p, v); }

/* ---- saved state ---- */
extern const VmsInfo pci_info_config;     /* "pci config": 256 bytes, identity checked */
extern const VmsInfo pci_info_irq_state;  /* "pci irq state": 4 x be32, each 0 or 1 */
extern const VmsDesc pci_dev_vms;         /* "PCIDevice" v2, nested in every function */
extern const VmsDesc pci_host_vms;        /* "PCIHost" v1, opaque = PciBus */
extern const VmsDesc pci_bus_vms;         /* "PCIBUS" v1, opaque = PciBus */

/* The nested PCIDevice field of a device section, named as QEMU names it. */
#define VMSN_PCI_DEVICE(nm, S, f) VMSN_STRUCT(nm, S, f, PciDev, &pci_dev_vms)

#endif
