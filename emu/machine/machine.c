/* machine.c: the pc-i440fx-7.2 machine: RAM blocks, memory map, firmware, the virtual
 * clock, wiring of the CPU and devices, reset, the run loop and the section registry.
 * References: QEMU 7.2 hw/i386/pc.c, pc_piix.c, x86.c (memory map, firmware), hw/pci-host/
 * i440fx.c (PAM, SMRAM), softmmu/cpu-timers.c ('timer'), migration/global_state.c
 * ('globalstate'), ../shared/docs/seabios-hardware.md section 4 (what SeaBIOS needs).
 *
 * Memory map (physical):
 *   0x00000000-0x0009FFFF  pc.ram
 *   0x000A0000-0x000BFFFF  VGA window: pc.ram (no VGA; QEMU's empty PCI side shows the RAM
 *                          under it, i440fx.c)
 *   0x000C0000-0x000DFFFF  pc.rom, or pc.ram as the PAM registers say, per 16 KiB
 *   0x000E0000-0x000FFFFF  the last 128 KiB of pc.bios, or pc.ram, per PAM
 *   0x00100000-ram end     pc.ram
 *   4 GiB - pc.bios size   pc.bios, read only
 * Everything else is unassigned. The i440FX model (emu/dev/i440fx.c) owns 0xA0000-0xFFFFF:
 * it maps each PAM region and the SMRAM window from its registers, given pc.ram, pc.rom and
 * the firmware's top 128 KiB. Every remap bumps the bus generation, which drops the CPU's
 * TLB and decoded blocks.
 *
 * Time: the Clock counts retired instructions (the CPU adds them); each lasts 2^shift ns.
 * The run loop gives the CPU a budget that ends at the next timer deadline, runs due
 * timers after every cpu_run, and on HLT warps the clock to the next deadline, so idle
 * time costs nothing and every run of the same inputs is the same.
 *
 * Interrupts: ISA IRQ n is QEMU's GSI n: it drives 8259 input n and I/O APIC input n (the
 * I/O APIC takes input 0 as pin 2), as QEMU's gsi_handler; PIIX3 PIRQ routing reaches both
 * through the ISA IRQ it selects (QEMU 7.2's PIIX3 routes nothing to GSI 16-23). With
 * an APIC in the CPU model (-cpu pentium2,+apic) the 8259's INT reaches the CPU through the local APIC's
 * LINT0, and the I/O APIC's messages reach the local APIC, as on QEMU's pc.
 *
 * As QEMU's pc, on unless switched off (-machine acpi=off,hpet=off,vmport=off): the ACPI
 * hardware and tables (pc_acpi.c, pc_acpi_tables.c), the HPET (emu/dev/hpet.c) and the VMware
 * port with its vmmouse (emu/dev/vmport.c). With an APIC, QEMU's kvmvapic device and its
 * option ROM (pc_vapic.c). Not emulated: VGA. */
#include "emu/machine/machine.h"

#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "block/block.h"
#include "emu/cpu/cpu.h"
#include "emu/dev/debugcon.h"
#include "emu/dev/dma.h"
#include "emu/dev/fdc/fdc.h"
#include "emu/dev/fwcfg.h"
#include "emu/dev/hpet.h"
#include "emu/dev/i440fx.h"
#include "emu/dev/ide/ide.h"
#include "emu/dev/apic.h"
#include "emu/dev/ioapic.h"
#include "emu/dev/kbc.h"
#include "emu/dev/pic.h"
#include "emu/dev/piix3.h"
#include "emu/dev/pit.h"
#include "emu/dev/port92.h"
#include "emu/machine/pc_acpi.h"
#include "emu/machine/pc_mtree.h"
#include "emu/dev/rtc.h"
#include "emu/dev/uart.h"
#include "emu/dev/vmport.h"
#include "emu/hw/pci.h"
#include "emu/machine/pc_acpi_tables.h"
#include "emu/machine/pc_vapic.h"
#include "firmware/firmware.h"
#include "firmware/kernelboot.h"
#include "firmware/smbios.h"

#define MACHINE_SLICE 16384              /* longest cpu_run between timer checks */
#define MACHINE_MATCH_MAX 256            /* longest -run-until serial: text */
#define ISA_BIOS_SIZE 0x20000u           /* the low alias of the firmware's top */
#define EFLAGS_IF 0x200u

enum { RAM_PC, RAM_BIOS, RAM_ROM, RAM_ACPI, RAM_MAX = RAM_ACPI + PC_ACPI_BLOCKS };

struct Machine {
    MachineConfig cfg;             /* borrowed strings and Chardevs (machine.h) */
    Bus *bus;
    Clock clock;
    Cpu *cpu;
    RamBlock ram[RAM_MAX], ram_order[RAM_MAX];  /* creation order; QEMU's (machine_ram_blocks) */
    int nram;                      /* RAM_ACPI, or RAM_MAX with the ACPI blobs */
    uint32_t bios_fw_size;         /* bytes of the firmware file at the top of pc.bios */
    bool ram_used;                 /* pc.ram may have been written: run, loaded or moved into */
    uint64_t *ram_pending;         /* lazy pc.ram: one bit per page still to come from
                                      ram_src (machine_ram_lazy), or NULL */
    uint64_t ram_npending;         /* bits set in ram_pending */
    MachineRamSource ram_src;
    Err ram_err;                   /* a fill failed (code < 0): the machine is broken */
    BlockDev *drives[MACHINE_MAX_DRIVES];
    char *files[MACHINE_MAX_DRIVES];   /* cfg.drives[i].file, owned: a media change replaces it */
    SecList *registry;             /* every saved section (machine.h) */
    RamSection *ram_section;       /* its 'ram' entry, over ram[] */
    MachineTimers timers;          /* 'timer' */
    MachineGlobalState globalstate;
    bool reset_requested;          /* from 0xCF9, port 0x92, the 8042 or a triple fault */
    bool poweroff_requested;       /* the guest entered S5; until the next reset */
    bool init_requested;           /* the APIC got INIT: do it after this instruction */
    bool ide_resume_pending;       /* loaded: restart IDE requests at the next machine_run */
    /* devices */
    PciBus *pci;
    I440fxState *i440fx;
    Piix3State *piix3;
    IdeState *ide;
    FwCfgState *fwcfg;
    PcAcpiTables acpi_tables;            /* with cfg.acpi */
    PicState *pic;
    IoapicState *ioapic;
    HpetState *hpet;               /* only with cfg.hpet */
    VmportState *vmport;           /* only with cfg.vmport */
    ApicState *apic;               /* only when the CPU model has an APIC */
    PcVapic *vapic;                /* "kvm-tpr-opt", beside the APIC */
    PitState *pit;
    RtcState *rtc;
    DmaState *dma;
    UartState *uart;               /* COM1, only with cfg.serial */
    KbcState *kbc;
    Port92State *port92;
    FdcState *fdc;
    PcAcpi *acpi;                  /* PIIX4 PM, SMBus, SPD EEPROMs: only with cfg.acpi */
    DebugconState *debugcon[MACHINE_MAX_DEBUGCON];
    /* wiring: lines devices hold pointers to (a Machine never moves) */
    IrqLine isa_irq[16];           /* ISA IRQ n = GSI n -> the 8259 pair and the I/O APIC */
    IrqLine cpu_intr;              /* 8259 INT -> CPU INTR */
    IrqLine a20;                   /* port 0x92, 8042 output port -> CPU A20 gate */
    IrqLine reset;                 /* port 0x92, 8042 -> system reset */
    /* COM1 output passes through serial_tap to cfg.serial and is matched against the
     * -run-until serial: text of the current machine_run. */
    Chardev serial_tap;
    const char *match;             /* NULL = not looking */
    size_t match_len;
    uint8_t match_tail[MACHINE_MATCH_MAX];  /* the last match_len bytes of output */
    size_t tail_len;
    bool matched;
};

/* ---- sections ---- */

/* Instance ids are QEMU's auto-assigned ones: 0, 1, ... per idstr. */
static void add_section(Machine *m, const char *idstr, const VmsDesc *vmsd, void *opaque)
{
    int r = sec_register(m->registry, idstr, SEC_INSTANCE_ANY, vmsd, opaque, NULL);
    assert(r >= 0);   /* the machine's list is fixed and duplicate-free */
}

/* ---- memory map ---- */

static void map_memory(Machine *m)
{
    RamBlock *ram = &m->ram[RAM_PC];
    bus_map_ram(m->bus, 0, (uint32_t)MIN(ram->size, 0xA0000), ram->host);
    if (ram->size > 0x100000)
        bus_map_ram(m->bus, 0x100000, (uint32_t)(ram->size - 0x100000), ram->host + 0x100000);
    RamBlock *bios = &m->ram[RAM_BIOS];
    bus_map_rom(m->bus, (uint32_t)(0x100000000ull - bios->size), (uint32_t)bios->size, bios->host);
    pc_mtree_memory(m->bus, ram->size, bios->size, m->ram[RAM_ROM].size);
    /* 0xA0000-0xFFFFF: the i440FX maps it (create_devices) */
}

/* ---- CPU and device wiring ---- */

static void clock_kick(void *opaque) { cpu_request_exit(((Machine *)opaque)->cpu); }

static void code_written(void *opaque, uint32_t paddr, uint32_t len)
{
    Machine *m = opaque;
    cpu_code_written(m->cpu, paddr, len);
}

/* IrqLine receiver: a device asks for a system reset (level 1). */
static void reset_line(void *opaque, int n, int level)
{
    Machine *m = opaque;
    if (level) {
        m->reset_requested = true;
        cpu_request_exit(m->cpu);
    }
}

/* IrqLine receiver: the A20 gate (port 0x92 and the 8042; the last write wins, as QEMU). */
static void a20_line(void *opaque, int n, int level)
{
    Machine *m = opaque;
    cpu_set_a20(m->cpu, level != 0);
}

/* PIIX3 reset control register (0xCF9) asks for a system reset. */
static void reset_request(void *opaque)
{
    reset_line(opaque, 0, 1);
}

/* The 8259's INT: straight to the CPU, or with a local APIC through its LINT0 (QEMU's
 * pic_irq_request). */
static void cpu_intr_line(void *opaque, int n, int level)
{
    Machine *m = opaque;
    if (!m->apic)
        cpu_set_intr(m->cpu, level != 0);
    else if (apic_accept_pic_intr(m->apic))
        apic_deliver_pic_intr(m->apic, level != 0);
}

/* QEMU's cpu_get_pic_interrupt. With an APIC the acknowledge first drops INTR (QEMU clears
 * CPU_INTERRUPT_HARD), and the APIC and 8259 raise it again for what is left. */
static int cpu_intr_ack(void *opaque)
{
    Machine *m = opaque;
    if (m->apic) {
        cpu_set_intr(m->cpu, false);
        int v = apic_get_interrupt(m->apic);
        if (v >= 0)
            return v;
        if (!apic_accept_pic_intr(m->apic))
            return -1;
    }
    return pic_ack(m->pic);
}

static void apic_host_intr(void *opaque, bool level) { cpu_set_intr(((Machine *)opaque)->cpu, level); }
static void apic_host_nmi(void *opaque) { cpu_nmi(((Machine *)opaque)->cpu); }
static void apic_host_smi(void *opaque) { cpu_smi(((Machine *)opaque)->cpu); }
static void poweroff_request(void *opaque) { Machine *m = opaque; m->poweroff_requested = true; cpu_request_exit(m->cpu); }
static void apic_host_init(void *opaque) { Machine *m = opaque; m->init_requested = true; cpu_request_exit(m->cpu); }
static void apic_host_disable(void *opaque) { cpu_set_apic(((Machine *)opaque)->cpu, false); }
static bool apic_host_pic_output(void *opaque) { return pic_intr(((Machine *)opaque)->pic); }
static void apic_host_eoi(void *opaque, int vector) { ioapic_eoi_broadcast(((Machine *)opaque)->ioapic, vector); }
static uint64_t apicbase_get(void *opaque) { return apic_get_base(((Machine *)opaque)->apic); }
static void apicbase_set(void *opaque, uint64_t v) { apic_set_base(((Machine *)opaque)->apic, v); }

/* -cpu pentium2,+apic: the local APIC; its MMIO window also takes the I/O APIC's messages. */
static void create_apic(Machine *m)
{
    ApicHost h = { .set_intr = apic_host_intr, .nmi = apic_host_nmi, .smi = apic_host_smi,
                   .init = apic_host_init,
                   .disable = apic_host_disable, .pic_output = apic_host_pic_output,
                   .eoi_broadcast = apic_host_eoi, .opaque = m };
    m->apic = apic_init(m->bus, &m->clock, &h);
    cpu_set_apicbase_msr(m->cpu, apicbase_get, apicbase_set, m);
}

/* QEMU's gsi_handler: an ISA IRQ goes to the 8259s and to the I/O APIC. */
static void gsi_line(void *opaque, int n, int level)
{
    Machine *m = opaque;
    pic_set_irq(m->pic, n, level);
    ioapic_set_irq(m->ioapic, n, level);
}

/* FERR# drives ISA IRQ 13 (QEMU: cpu_set_ferr raises the line, pc's ferr_irq). */
static void cpu_ferr(void *opaque, bool level)
{
    Machine *m = opaque;
    irq_set(&m->isa_irq[13], level);
}

/* Port 0xF0 (the PC's coprocessor-error latch): a write asserts IGNNE#, which lowers
 * FERR#/IRQ 13 and lets waiting x87 instructions run over the pending exception until
 * FNCLEX or FNINIT (QEMU's ioportF0_write); reads float. */
static uint32_t ioport_f0_read(void *opaque, uint32_t off, unsigned size) { return 0xffffffffu; }
static void ioport_f0_write(void *opaque, uint32_t off, uint32_t v, unsigned size)
{
    Machine *m = opaque;
    cpu_ignne(m->cpu);
}

/* I/O APIC ExtINT entries acknowledge the 8259 for their vector (QEMU: pic_read_irq). */
static int ioapic_extint_ack(void *opaque)
{
    Machine *m = opaque;
    return pic_ack(m->pic);
}

static void serial_tap_write(void *opaque, const uint8_t *buf, size_t len)
{
    Machine *m = opaque;
    chardev_write(m->cfg.serial, buf, len);
    if (!m->match || m->matched)
        return;
    for (size_t i = 0; i < len && !m->matched; i++) {
        if (m->tail_len == m->match_len) {
            memmove(m->match_tail, m->match_tail + 1, m->tail_len - 1);
            m->tail_len--;
        }
        m->match_tail[m->tail_len++] = buf[i];
        if (m->tail_len == m->match_len && !memcmp(m->match_tail, m->match, m->match_len)) {
            m->matched = true;
            cpu_request_exit(m->cpu);   /* stop right after the OUT that completed it */
        }
    }
}

static size_t serial_tap_read(void *opaque, uint8_t *buf, size_t len)
{
    Machine *m = opaque;
    return chardev_read(m->cfg.serial, buf, len);
}

static int open_drives(Machine *m, Err *err)
{
    for (int i = 0; i < MACHINE_MAX_DRIVES; i++) {
        const MachineDrive *d = &m->cfg.drives[i];
        if (d->bdev) {           /* handed over by loadvm, already open */
            m->drives[i] = d->bdev;
            continue;
        }
        if (!d->file || !d->file[0])
            continue;            /* no drive, or a CD-ROM drive without a medium */
        bool ro = d->read_only || d->cdrom;
        int r = (d->snapshot || m->cfg.snapshot) && !ro
                    ? blk_open_snapshot(d->file, d->format, &m->drives[i], err)
                    : blk_open(d->file, d->format, ro, &m->drives[i], err);
        if (r < 0) {
            if (i >= MACHINE_FLOPPY0)
                err_prefix(err, "floppy drive %d", i - MACHINE_FLOPPY0);
            else
                err_prefix(err, "drive %d", i);
            return r;
        }
    }
    return 0;
}

static int load_firmware(Machine *m, Err *err)
{
    char *path = NULL;
    int r = firmware_find(m->cfg.bios, &path, err);
    if (r < 0)
        return r;
    /* a load's block is the snapshot's (it holds the firmware: loadvm checked) */
    uint32_t min = m->cfg.bios_block ? m->cfg.bios_block : m->cfg.bios_pad ? m->cfg.type->bios_min : 0;
    uint32_t max = m->cfg.bios_block ? m->cfg.bios_block : FIRMWARE_MAX_BIOS;
    uint8_t *block;
    uint32_t size;
    r = firmware_load_bios(path, min, max, m->cfg.bios_block || m->cfg.bios_pad, &block, &size,
                           &m->bios_fw_size, err);
    free(path);
    if (r < 0)
        return r;
    m->ram[RAM_BIOS] = (RamBlock){ .name = "pc.bios", .host = block, .size = size };

    m->ram[RAM_ROM] = (RamBlock){ .name = "pc.rom", .host = xzalloc(FIRMWARE_ROM_SIZE),
                                  .size = FIRMWARE_ROM_SIZE };
    uint32_t used = 0;
    for (int i = 0; i < m->cfg.n_option_roms; i++) {
        uint8_t *data;
        uint32_t n;
        r = firmware_read_file(m->cfg.option_roms[i], FIRMWARE_ROM_SIZE, &data, &n, err);
        if (r < 0) {
            err_prefix(err, "-option-rom");
            return r;
        }
        r = firmware_place_option_rom(m->ram[RAM_ROM].host, &used, m->cfg.option_roms[i], data, n, err);
        free(data);
        if (r < 0)
            return r;
    }
    return 0;
}

/* QEMU's boot_device2nibble: a -boot letter as the CMOS boot-order nibble. */
static uint8_t boot_nibble(char c)
{
    switch (c) {
    case 'a': return 1;   /* floppy */
    case 'c': return 2;   /* hard disk */
    case 'd': return 3;   /* CD-ROM */
    case 'n': return 4;   /* network */
    default: return 0;
    }
}

/* The CMOS bytes QEMU's pc_cmos_init and pc_cmos_init_late write and SeaBIOS reads:
 * memory sizes, equipment, boot order, hard disk types and geometry.  Disk geometry and
 * translation come from the IDE model, which guesses them as QEMU does. */
static void cmos_init(Machine *m)
{
    RtcState *r = m->rtc;
    uint64_t ram = m->cfg.ram_size;
    uint32_t v = (uint32_t)MIN(ram / 1024, 640);
    rtc_set_memory(r, 0x15, (uint8_t)v);
    rtc_set_memory(r, 0x16, (uint8_t)(v >> 8));
    v = (uint32_t)MIN(ram > 0x100000 ? (ram - 0x100000) / 1024 : 0, 65535);
    rtc_set_memory(r, 0x17, (uint8_t)v);
    rtc_set_memory(r, 0x18, (uint8_t)(v >> 8));
    rtc_set_memory(r, 0x30, (uint8_t)v);
    rtc_set_memory(r, 0x31, (uint8_t)(v >> 8));
    v = (uint32_t)MIN(ram > 0x1000000 ? (ram - 0x1000000) / 65536 : 0, 65535);
    rtc_set_memory(r, 0x34, (uint8_t)v);
    rtc_set_memory(r, 0x35, (uint8_t)(v >> 8));
    rtc_set_memory(r, 0x5b, 0);            /* nothing above 4 GiB */
    rtc_set_memory(r, 0x5c, 0);
    rtc_set_memory(r, 0x5d, 0);
    rtc_set_memory(r, 0x5f, 0);            /* CPUs - 1 */
    /* Bit 1: a math coprocessor (QEMU sets it whatever the CPU model, -fpu too, so the
     * CMOS matches QEMU's byte for byte). Bit 2: PS/2 mouse. Bits 0 and 6-7: floppy
     * drives present and their number - 1 (QEMU's pc_cmos_init_floppy). */
    int fda = fdc_drive_cmos_type(m->fdc, 0), fdb = fdc_drive_cmos_type(m->fdc, 1);
    int nfd = (fda != 0) + (fdb != 0);
    rtc_set_memory(r, 0x14, (uint8_t)(0x06 | (nfd == 1 ? 0x01 : nfd == 2 ? 0x41 : 0)));
    rtc_set_memory(r, 0x10, (uint8_t)(fda << 4 | fdb));
    const char *order = m->cfg.boot_order[0] ? m->cfg.boot_order : "cad";
    size_t n = strlen(order);
    rtc_set_memory(r, 0x3d, (uint8_t)(boot_nibble(n > 1 ? order[1] : 0) << 4 | boot_nibble(order[0])));
    /* bit 0 set: do not check the floppy boot signature (QEMU's -no-fd-bootchk) */
    rtc_set_memory(r, 0x38, (uint8_t)(boot_nibble(n > 2 ? order[2] : 0) << 4 | m->cfg.no_fd_bootchk));

    uint8_t hd_types = 0, trans = 0;
    for (int i = 0; i < MACHINE_IDE_DRIVES; i++) {
        uint32_t cyls, heads, secs;
        int t;
        if (ide_get_geometry(m->ide, i, &cyls, &heads, &secs, &t) < 0)
            continue;
        trans |= (uint8_t)((t & 3) << (i * 2));
        if (i >= 2)
            continue;
        int base = i == 0 ? 0x1b : 0x24;
        hd_types |= (uint8_t)(i == 0 ? 0xf0 : 0x0f);
        rtc_set_memory(r, i == 0 ? 0x19 : 0x1a, 47);        /* user-defined type */
        rtc_set_memory(r, base + 0, (uint8_t)cyls);
        rtc_set_memory(r, base + 1, (uint8_t)(cyls >> 8));
        rtc_set_memory(r, base + 2, (uint8_t)heads);
        rtc_set_memory(r, base + 3, 0xff);                  /* write precompensation */
        rtc_set_memory(r, base + 4, 0xff);
        rtc_set_memory(r, base + 5, (uint8_t)(0xc0 | ((heads > 8) << 3)));
        rtc_set_memory(r, base + 6, (uint8_t)cyls);         /* landing zone */
        rtc_set_memory(r, base + 7, (uint8_t)(cyls >> 8));
        rtc_set_memory(r, base + 8, (uint8_t)secs);
    }
    rtc_set_memory(r, 0x12, hd_types);
    rtc_set_memory(r, 0x39, trans);
}

/* -kernel (QEMU 7.2's x86_load_linux, then rom_add_option): the kernel's items, and the
 * option ROM that boots them as fw_cfg file genroms/NAME, first in bootorder. QEMU's pc
 * machine gives a fw_cfg option ROM no RAM block (MachineClass option_rom_has_mr is off):
 * the guest sees it only where SeaBIOS copies it, so snapshots carry it in pc.ram. */
static int fwcfg_add_kernel(Machine *m, Err *err)
{
    FwCfgState *f = m->fwcfg;
    KernelBoot k;
    KernelBootArgs a = { .kernel = m->cfg.kernel, .initrd = m->cfg.initrd,
                         .append = m->cfg.append, .below_4g = (uint32_t)m->cfg.ram_size };
    int r = kernelboot_load(&a, &k, err);
    if (k.multiboot && !r) r = fwcfg_add_i32(f, FW_CFG_KERNEL_ENTRY, k.kernel_entry, err);
    if (!r) r = fwcfg_add_i32(f, FW_CFG_KERNEL_ADDR, k.kernel_addr, err);
    if (!r) r = fwcfg_add_i32(f, FW_CFG_KERNEL_SIZE, k.kernel.len, err);
    if (!r) r = fwcfg_add_bytes(f, FW_CFG_KERNEL_DATA, k.kernel.data, k.kernel.len, err);
    if (k.has_initrd) {
        if (!r) r = fwcfg_add_i32(f, FW_CFG_INITRD_ADDR, k.initrd_addr, err);
        if (!r) r = fwcfg_add_i32(f, FW_CFG_INITRD_SIZE, k.initrd.len, err);
        if (!r) r = fwcfg_add_bytes(f, FW_CFG_INITRD_DATA, k.initrd.data, k.initrd.len, err);
    }
    if (!k.multiboot) {
        if (!r) r = fwcfg_add_i32(f, FW_CFG_SETUP_ADDR, k.setup_addr, err);
        if (!r) r = fwcfg_add_i32(f, FW_CFG_SETUP_SIZE, k.setup.len, err);
        if (!r) r = fwcfg_add_bytes(f, FW_CFG_SETUP_DATA, k.setup.data, k.setup.len, err);
        if (!r) r = fwcfg_add_i32(f, FW_CFG_CMDLINE_ADDR, k.cmdline_addr, err);
        if (!r) r = fwcfg_add_i32(f, FW_CFG_CMDLINE_SIZE, k.cmdline.len, err);
        if (!r) r = fwcfg_add_bytes(f, FW_CFG_CMDLINE_DATA, k.cmdline.data, k.cmdline.len, err);
    }
    char *path = NULL, name[FW_CFG_MAX_FILE_PATH], order[FW_CFG_MAX_FILE_PATH + 8];
    uint8_t *rom = NULL;
    uint32_t n;
    if (!r) r = firmware_find(k.rom, &path, err);
    if (!r) r = firmware_read_file(path, FIRMWARE_ROM_SIZE, &rom, &n, err);
    if (!r) {
        snprintf(name, sizeof name, "genroms/%s", k.rom);
        snprintf(order, sizeof order, "/rom@%s", name);   /* QEMU's device path */
        r = fwcfg_add_file(f, name, rom, n, err);
    }
    if (!r) r = fwcfg_add_file(f, "bootorder", order, (uint32_t)strlen(order) + 1, err);
    free(rom);
    free(path);
    kernelboot_free(&k);
    return r;
}

/* The fw_cfg items QEMU 7.2's pc machine offers and pcemu can stand behind (traced with
 * QEMU's fw_cfg_add_* events; tests/scripts/fwcfg_qemu.sh compares the file directory and
 * contents): the SMBIOS tables QEMU builds for this machine, the HPET item (QEMU's count
 * 0xFF without one), genroms/kvmvapic.bin with an APIC (the ACPI files: pc_acpi_tables_init,
 * with cfg.acpi). -option-rom files go in as genroms/NAME, as QEMU does. */
static int fwcfg_setup(Machine *m, Err *err)
{
    FwCfgState *f = m->fwcfg;
    static const uint8_t uuid[16], numa[16];
    uint8_t e820[20] = { 0 };
    put_le64(e820 + 8, m->cfg.ram_size);
    put_le32(e820 + 16, 1);                                  /* RAM */
    uint8_t fail_wait[4];
    put_le32(fail_wait, (uint32_t)m->cfg.boot_reboot_timeout_ms);  /* -1: never retry */
    int r = 0;
    if (!r) r = fwcfg_add_bytes(f, FW_CFG_UUID, uuid, sizeof uuid, err);
    if (!r) r = fwcfg_add_i16(f, FW_CFG_NOGRAPHIC, m->cfg.nographic, err);
    if (!r) r = fwcfg_add_i16(f, FW_CFG_BOOT_MENU, m->cfg.boot_menu, err);
    if (!r) r = fwcfg_add_file(f, "etc/boot-fail-wait", fail_wait, sizeof fail_wait, err);
    if (!r) r = fwcfg_add_i16(f, FW_CFG_NB_CPUS, 1, err);
    if (!r) r = fwcfg_add_i16(f, FW_CFG_MAX_CPUS, 1, err);
    if (!r) r = fwcfg_add_i64(f, FW_CFG_RAM_SIZE, m->cfg.ram_size, err);
    if (!r) r = fwcfg_add_i32(f, FW_CFG_IRQ0_OVERRIDE, 1, err);
    uint8_t hpet_cfg[HPET_FW_CONFIG_LEN];
    hpet_fw_config(m->hpet, hpet_cfg);
    if (!r) r = fwcfg_add_bytes(f, FW_CFG_HPET, hpet_cfg, sizeof hpet_cfg, err);
    if (!r) r = fwcfg_add_file(f, "etc/e820", e820, sizeof e820, err);
    if (!r) r = fwcfg_add_bytes(f, FW_CFG_NUMA, numa, sizeof numa, err);
    if (!r) r = fwcfg_add_file(f, "bootorder", "", 0, err);   /* -kernel replaces it */
    if (!r) r = fwcfg_add_file(f, "bios-geometry", "", 0, err);
    uint32_t id[4], smbios_len;
    uint8_t *smbios, anchor[SMBIOS_ANCHOR_LEN];
    cpu_cpuid(m->cpu, 1, id);
    smbios_build(&(SmbiosConfig){ .product = "Standard PC (i440FX + PIIX, 1996)",
                                  .version = m->cfg.type->name, .ram_size = m->cfg.ram_size,
                                  .cpuid_version = id[0], .cpuid_features = id[3] },
                 &smbios, &smbios_len, anchor);
    if (!r) r = fwcfg_add_file(f, "etc/smbios/smbios-tables", smbios, smbios_len, err);
    if (!r) r = fwcfg_add_file(f, "etc/smbios/smbios-anchor", anchor, sizeof anchor, err);
    free(smbios);
    if (!r && m->vapic)
        r = pc_vapic_add_rom(f, err);
    for (int i = 0; i < m->cfg.n_option_roms && !r; i++) {
        const char *path = m->cfg.option_roms[i], *base = strrchr(path, '/');
        char name[FW_CFG_MAX_FILE_PATH];
        snprintf(name, sizeof name, "genroms/%s", base ? base + 1 : path);
        uint8_t *data;
        uint32_t n;
        if ((r = firmware_read_file(path, FIRMWARE_ROM_SIZE, &data, &n, err)) == 0) {
            r = fwcfg_add_file(f, name, data, n, err);
            free(data);
        }
    }
    if (r < 0) {
        err_prefix(err, "fw_cfg");
        return r;
    }
    return m->cfg.kernel ? fwcfg_add_kernel(m, err) : 0;
}

/* The floppy controller's DMA channel 2 (QEMU's isa-fdc "dma" property). */
#define FDC_DMA_CHANNEL 2
static void fdc_dma_hold(void *opaque) { dma_hold_dreq(opaque, FDC_DMA_CHANNEL); }
static void fdc_dma_release(void *opaque) { dma_release_dreq(opaque, FDC_DMA_CHANNEL); }
static int fdc_dma_read(void *opaque, void *buf, int pos, int len)
{
    return dma_read_memory(opaque, FDC_DMA_CHANNEL, buf, pos, len);
}
static int fdc_dma_write(void *opaque, const void *buf, int pos, int len)
{
    return dma_write_memory(opaque, FDC_DMA_CHANNEL, buf, pos, len);
}

/* The VMware port's view of the CPU's general registers (inside the IN instruction). */
static uint32_t vmport_reg_get(void *opaque, int r) { return cpu_state(((Machine *)opaque)->cpu)->regs[r]; }
static void vmport_reg_set(void *opaque, int r, uint32_t v) { cpu_state(((Machine *)opaque)->cpu)->regs[r] = v; }

static int create_devices(Machine *m, Err *err)
{
    Bus *io = m->bus;
    m->cpu_intr = (IrqLine){ .set = cpu_intr_line, .opaque = m };
    m->a20 = (IrqLine){ .set = a20_line, .opaque = m };
    m->reset = (IrqLine){ .set = reset_line, .opaque = m };
    m->pic = pic_init(io, &m->cpu_intr);
    m->ioapic = ioapic_init(m->bus, &m->clock);
    ioapic_set_extint_ack(m->ioapic, ioapic_extint_ack, m);
    if (machine_has_apic(&m->cfg))
        create_apic(m);
    for (int i = 0; i < 16; i++)
        m->isa_irq[i] = (IrqLine){ .set = gsi_line, .opaque = m, .n = i };
    cpu_set_intr_ack(m->cpu, cpu_intr_ack, m);
    cpu_set_ferr(m->cpu, cpu_ferr, m);
    bus_map_io_named(io, "ioportF0", 0xf0, 1, m, ioport_f0_read, ioport_f0_write, IO_SIZE_ALL);

    RamBlock *bios = &m->ram[RAM_BIOS];
    m->pci = pci_bus_new(io);
    m->i440fx = i440fx_init(m->pci, m->bus, m->cfg.ram_size, m->ram[RAM_PC].host,
                            m->ram[RAM_ROM].host, bios->host + bios->size - ISA_BIOS_SIZE);
    if (m->apic)
        m->vapic = pc_vapic_new(io, m->bus, m->cfg.ram_size, m->cpu, m->apic, m->i440fx);
    m->piix3 = piix3_init(m->pci, io, m->isa_irq, reset_request, m);
    unsigned cd_mask = 0;
    for (int i = 0; i < MACHINE_MAX_DRIVES; i++)
        cd_mask |= (unsigned)m->cfg.drives[i].cdrom << i;
    m->ide = ide_init(m->pci, io, m->bus, m->drives, cd_mask, &m->isa_irq[14], &m->isa_irq[15]);
    m->fwcfg = fwcfg_init(io, m->bus, true);
    m->dma = dma_init(io, m->bus);
    if (m->cfg.hpet)   /* as QEMU's pc: the PIT and the RTC drive IRQ 0 and 8 through it */
        m->hpet = hpet_init(m->bus, &m->clock, m->isa_irq, 16);
    m->pit = pit_init(io, m->hpet ? hpet_legacy_in(m->hpet, HPET_LEGACY_PIT_IN) : &m->isa_irq[0], &m->clock);
    m->rtc = rtc_init(io, m->hpet ? hpet_legacy_in(m->hpet, HPET_LEGACY_RTC_IN) : &m->isa_irq[8],
                      &m->clock, m->cfg.rtc_base);
    if (m->hpet)
        hpet_connect_pit(m->hpet, (IrqLine){ .set = pit_irq_control, .opaque = m->pit });
    if (m->cfg.serial)
        m->uart = uart_init(io, 0x3F8, &m->isa_irq[4], &m->clock, &m->serial_tap);
    m->kbc = kbc_init(io, &m->isa_irq[1], &m->isa_irq[12], &m->a20, &m->reset);
    m->port92 = port92_init(io, &m->a20, &m->reset);
    m->fdc = fdc_init(io, &m->isa_irq[6], &m->clock);
    fdc_attach_dma(m->fdc, &(FdcDma){ .opaque = m->dma, .hold_dreq = fdc_dma_hold,
                                      .release_dreq = fdc_dma_release,
                                      .read_memory = fdc_dma_read, .write_memory = fdc_dma_write });
    dma_register_channel(m->dma, FDC_DMA_CHANNEL, fdc_dma_transfer, m->fdc);
    for (int i = 0; i < FDC_MAX_FD; i++) {   /* the type stays the first machine's (loadvm) */
        MachineDrive *d = &m->cfg.drives[MACHINE_FLOPPY0 + i];
        if (d->file)
            fdc_attach_drive(m->fdc, i, m->drives[MACHINE_FLOPPY0 + i], d->fd_type);
        d->fd_type = (uint8_t)fdc_drive_type(m->fdc, i);
    }
    kbc_set_extended_state(m->kbc, m->cfg.type->kbc_extended_state);
    if (m->cfg.vmport)
        m->vmport = vmport_init(io, &m->clock, &(VmportCpu){ vmport_reg_get, vmport_reg_set, m },
                                m->cfg.ram_size, m->cfg.rtc_base);
    for (int i = 0; i < m->cfg.n_debugcon; i++)
        m->debugcon[i] = debugcon_init(io, m->cfg.debugcon[i].iobase, m->cfg.debugcon[i].chr);
    if (m->cfg.acpi)   /* SMIs share the APIC's path to the CPU */
        m->acpi = pc_acpi_new(m->pci, io, &m->clock, &m->isa_irq[9], m->rtc, &(Piix4PmHost){
            .smi = apic_host_smi, .poweroff = poweroff_request, .suspend = clock_kick,
            .opaque = m }, m->uart != NULL);
    cmos_init(m);
    int r = fwcfg_setup(m, err), fd[2] = { fdc_drive_cmos_type(m->fdc, 0),
                                           fdc_drive_cmos_type(m->fdc, 1) };
    m->nram = m->cfg.acpi ? RAM_MAX : RAM_ACPI;
    if (r < 0 || !m->cfg.acpi)
        return r;
    return pc_acpi_tables_init(&m->acpi_tables, &m->cfg, fd, m->fwcfg, &m->ram[RAM_ACPI], err);
}

/* Guest RAM is its own page-aligned anonymous mapping: every guest page is one host page,
 * and untouched pages stay unallocated zeros (loadvm skips zero pages there). No
 * MADV_HUGEPAGE: measured on the project's host, a fresh machine's RAM faulted in as huge
 * pages (the first loadvm) took 4 to 10 times longer than as small pages, and loads into
 * RAM already faulted in (now a running machine's, machine_ram_move) cost the same either
 * way. Returns NULL on failure. */
static void *ram_map(uint64_t size)
{
    void *p = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    return p == MAP_FAILED ? NULL : p;
}

/* Moves the pages of [src, src + size) to dst (both from ram_map) without copying; src
 * stays mapped and reads as zeros (MREMAP_DONTUNMAP), so no other mapping can take its
 * place while a machine still points there. False when the kernel cannot (before 5.13). */
static bool ram_move(uint8_t *dst, uint8_t *src, uint64_t size)
{
    void *r = mremap(src, size, size, MREMAP_MAYMOVE | MREMAP_FIXED | MREMAP_DONTUNMAP, dst);
    return r != MAP_FAILED;
}

static void ram_lazy_end(Machine *m)
{
    bus_set_lazy(m->bus, NULL, 0, NULL, NULL, NULL);
    free(m->ram_pending);
    m->ram_pending = NULL;
    m->ram_npending = 0;
    if (m->ram_src.free)
        m->ram_src.free(m->ram_src.opaque);
    m->ram_src = (MachineRamSource){ 0 };
}

/* BusFillFn over pc.ram: page pg from the source. A failure is kept and the CPU asked to
 * stop; later fills fail at once (no second read of a source that failed). */
static bool ram_fill(void *opaque, uint64_t pg)
{
    Machine *m = opaque;
    if (m->ram_err.code < 0)
        return false;
    int r = m->ram_src.fill(m->ram_src.opaque, pg, m->ram[RAM_PC].host + pg * RAM_PAGE_SIZE,
                            &m->ram_err);
    if (r < 0) {
        if (m->ram_err.code == 0)
            m->ram_err.code = r;
        if (m->cpu)
            cpu_request_exit(m->cpu);
        return false;
    }
    m->ram_pending[pg / 64] &= ~(1ull << (pg % 64));
    if (--m->ram_npending == 0)
        ram_lazy_end(m);
    return true;
}

void machine_ram_lazy(Machine *m, uint64_t *pending, uint64_t npending, const MachineRamSource *src)
{
    ram_lazy_end(m);
    m->ram_src = *src;
    if (!npending) {
        free(pending);
        ram_lazy_end(m);
        return;
    }
    m->ram_pending = pending;
    m->ram_npending = npending;
    bus_set_lazy(m->bus, m->ram[RAM_PC].host, m->ram[RAM_PC].size, pending, ram_fill, m);
}

int machine_ram_finish(Machine *m, Err *err)
{
    uint64_t words = (m->ram[RAM_PC].size / RAM_PAGE_SIZE + 63) / 64;
    for (uint64_t w = 0; m->ram_pending && w < words; w++)
        while (m->ram_pending && m->ram_pending[w])
            if (!ram_fill(m, w * 64 + (uint64_t)__builtin_ctzll(m->ram_pending[w])))
                break;
    if (m->ram_err.code < 0)
        return ERR(err, m->ram_err.code, "%s", m->ram_err.msg);
    return 0;
}

uint64_t machine_ram_pending(const Machine *m)
{
    return m->ram_npending;
}

bool machine_ram_pristine(const Machine *m)
{
    return !m->ram_used;
}

bool machine_ram_move(Machine *to, Machine *from)
{
    uint64_t size = to->ram[RAM_PC].size;
    if (size != from->ram[RAM_PC].size ||
        !ram_move(to->ram[RAM_PC].host, from->ram[RAM_PC].host, size))
        return false;
    to->ram_used = true;
    return true;
}

/* The registry, in QEMU's registration order (qemu-pc-devices-7.2.md section 1), so section
 * ids are QEMU's too: 'timer' (cpu_timers_init), the 'block' and 'ram' handlers and
 * 'dirty-bitmap' (migration_init: 'block' and 'dirty-bitmap' never write in a savevm, but
 * take ids 1 and 3), then the devices as they are realized. Devices pcemu does not have
 * (piix4_pm, ...) and those switched off are simply absent: the list equals QEMU 7.2's for
 * -M pc-i440fx-7.2,acpi=off,hpet=off,vmport=off with an APIC-less CPU, with kvm-tpr-opt and
 * apic after cpu when the CPU has one, hpet after ioapic and vmmouse after pckbd. */
static void register_sections(Machine *m)
{
    RamSectionBlock rb[RAM_MAX];
    int n;
    RamBlock *b = machine_ram_blocks(m, &n);
    for (int i = 0; i < n; i++)
        rb[i] = (RamSectionBlock){ .name = b[i].name, .host = b[i].host, .size = b[i].size,
                                   .max_size = b[i].max_size };
    m->ram_section = ram_section_new(rb, n);
    for (int i = 0; i < n; i++)   /* pc.ram from ram_map, the others from xzalloc */
        ram_section_anon_block(m->ram_section, b[i].name);
    m->registry = sec_list_new(m->cfg.type->name, RAM_PAGE_SIZE);
    add_section(m, "timer", &machine_timer_vms, &m->timers);
    sec_skip_id(m->registry);                                   /* 'block' */
    int r = sec_register_iter(m->registry, "ram", 0, RAM_SECTION_VERSION, &ram_sec_iter,
                              m->ram_section, NULL);
    assert(r >= 0);
    sec_skip_id(m->registry);                                   /* 'dirty-bitmap' */
    add_section(m, "cpu_common", &cpu_common_vms, m->cpu);
    add_section(m, "cpu", &cpu_vms, m->cpu);
    if (m->apic) {   /* QEMU's apic_common_realize registers the vapic first */
        add_section(m, "kvm-tpr-opt", &vapic_vms, m->vapic->dev);
        add_section(m, "apic", &apic_vms, m->apic);
    }
    add_section(m, "fw_cfg", &fwcfg_vms, m->fwcfg);
    add_section(m, "PCIHost", &pci_host_vms, m->pci);
    add_section(m, "PCIBUS", &pci_bus_vms, m->pci);
    add_section(m, "0000:00:00.0/I440FX", &i440fx_vms, m->i440fx);
    add_section(m, "dma", &dma_vms, &m->dma->ctl[0]);
    add_section(m, "dma", &dma_vms, &m->dma->ctl[1]);
    add_section(m, "0000:00:01.0/PIIX3", &piix3_vms, m->piix3);
    add_section(m, "i8259", &pic_vms, &m->pic->chip[0]);
    add_section(m, "i8259", &pic_vms, &m->pic->chip[1]);
    add_section(m, "ioapic", &ioapic_vms, m->ioapic);
    if (m->hpet)
        add_section(m, "hpet", &hpet_vms, m->hpet);
    add_section(m, "mc146818rtc", &rtc_vms, m->rtc);
    add_section(m, "i8254", &pit_vms, m->pit);
    add_section(m, "pcspk", &pit_spk_vms, &m->pit->spk);
    if (m->uart)
        add_section(m, "serial", &uart_isa_vms, m->uart);
    add_section(m, "fdc", &fdc_vms, m->fdc);
    add_section(m, "ps2kbd", &kbc_kbd_vms, &m->kbc->kbd);
    add_section(m, "ps2mouse", &kbc_mouse_vms, &m->kbc->mouse);
    add_section(m, "pckbd", &kbc_vms, m->kbc);
    if (m->vmport)
        add_section(m, "vmmouse", &vmmouse_vms, &m->vmport->mouse);
    add_section(m, "port92", &port92_vms, m->port92);
    add_section(m, "0000:00:01.1/ide", &ide_vms, m->ide);
    pc_acpi_register(m->acpi, m->registry);
    if (m->cfg.acpi)      /* after piix4_pm and the EEPROMs */
        add_section(m, "acpi_build", &pc_acpi_tables_vms, &m->acpi_tables);
    add_section(m, "globalstate", &machine_globalstate_vms, &m->globalstate);   /* last */
}

int machine_new(const MachineConfig *cfg, Machine **out, Err *err)
{
    Machine *m = xzalloc(sizeof *m);
    m->cfg = *cfg;
    if (!m->cfg.type)
        m->cfg.type = &machine_types[0];
    if (!m->cfg.ram_size)
        m->cfg.ram_size = m->cfg.type->default_ram;
    int r = 0;
    if (m->cfg.ram_size < 0x100000 || m->cfg.ram_size % BUS_PAGE_SIZE || m->cfg.ram_size > m->cfg.type->max_ram)
        r = ERR(err, -EINVAL, "RAM size %" PRIu64 " bytes: 1 MiB to %" PRIu64 " MiB in 4 KiB pages",
                m->cfg.ram_size, m->cfg.type->max_ram >> 20);
    else if (m->cfg.icount_shift < 0 || m->cfg.icount_shift > 10)
        r = ERR(err, -EINVAL, "icount shift %d: 0 to 10", m->cfg.icount_shift);
    if (r < 0) {
        free(m);
        return r;
    }
    void *ram = ram_map(m->cfg.ram_size);
    if (!ram) {
        r = ERR(err, -ENOMEM, "cannot allocate %" PRIu64 " MiB of guest RAM",
                m->cfg.ram_size >> 20);
        free(m);
        return r;
    }
    m->ram[RAM_PC] = (RamBlock){ .name = "pc.ram", .host = ram, .size = m->cfg.ram_size };
    clock_init(&m->clock, m->cfg.icount_shift);
    m->clock.horizon_cb = clock_kick;   /* a timer armed inside a run ends it (clock.h) */
    m->clock.horizon_opaque = m;
    m->bus = bus_new();
    for (int i = 0; i < MACHINE_MAX_DRIVES; i++)
        if (cfg->drives[i].file)
            m->cfg.drives[i].file = m->files[i] = xstrdup(cfg->drives[i].file);
    if ((r = load_firmware(m, err)) < 0 || (r = open_drives(m, err)) < 0) {
        for (int i = 0; i < MACHINE_MAX_DRIVES; i++)
            if (cfg->drives[i].bdev)
                m->drives[i] = NULL;   /* handed-over drives stay with their owner */
        machine_free(m);
        return r;
    }
    m->cpu = cpu_new(m->bus, &m->clock);
    cpu_set_model(m->cpu, &m->cfg.cpu);
    cpu_set_apic(m->cpu, machine_has_apic(&m->cfg));
    bus_set_write_hook(m->bus, code_written, m);
    map_memory(m);
    m->serial_tap = (Chardev){ .write = serial_tap_write, .read = serial_tap_read, .opaque = m };
    m->timers.m = m;
    m->globalstate.m = m;

    if ((r = create_devices(m, err)) < 0) {
        for (int i = 0; i < MACHINE_MAX_DRIVES; i++)
            if (cfg->drives[i].bdev)
                m->drives[i] = NULL;   /* handed-over drives stay with their owner */
        machine_free(m);
        return r;
    }

    pc_mtree_spaces(m->bus);
    register_sections(m);
    machine_reset(m);
    *out = m;
    return 0;
}

void machine_free(Machine *m)
{
    if (!m)
        return;
    for (int i = 0; i < MACHINE_MAX_DEBUGCON; i++)
        if (m->debugcon[i])
            debugcon_free(m->debugcon[i]);
    if (m->fdc)
        fdc_free(m->fdc);
    if (m->port92)
        port92_free(m->port92);
    pc_acpi_free(m->acpi);
    if (m->kbc)
        kbc_free(m->kbc);
    vmport_free(m->vmport);
    if (m->uart)
        uart_free(m->uart);
    if (m->rtc)
        rtc_free(m->rtc);
    if (m->pit)
        pit_free(m->pit);
    if (m->dma)
        dma_free(m->dma);
    if (m->ioapic)
        ioapic_free(m->ioapic);
    hpet_free(m->hpet);
    pc_vapic_free(m->vapic);
    if (m->apic)
        apic_free(m->apic);
    if (m->pic)
        pic_free(m->pic);
    if (m->fwcfg)
        fwcfg_free(m->fwcfg);
    if (m->ide)
        ide_free(m->ide);
    if (m->piix3)
        piix3_free(m->piix3);
    if (m->i440fx)
        i440fx_free(m->i440fx);
    if (m->pci)
        pci_bus_free(m->pci);
    if (m->cpu)
        cpu_free(m->cpu);
    for (int i = 0; i < MACHINE_MAX_DRIVES; i++) {
        if (m->drives[i])
            blk_close(m->drives[i], NULL);
        free(m->files[i]);
    }
    ram_lazy_end(m);
    sec_list_free(m->registry);
    ram_section_free(m->ram_section);
    munmap(m->ram[RAM_PC].host, m->ram[RAM_PC].size);
    for (int i = 0; i < RAM_MAX; i++)
        if (i != RAM_PC)
            free(m->ram[i].host);
    bus_free(m->bus);
    free(m);
}

void machine_release_drives(Machine *m)
{
    for (int i = 0; i < MACHINE_MAX_DRIVES; i++)
        m->drives[i] = NULL;
}

void machine_reset(Machine *m)
{
    m->reset_requested = m->poweroff_requested = m->init_requested = false;
    i440fx_reset(m->i440fx);      /* generic PCI bits; PAM and SMRAM stay, as on QEMU */
    piix3_reset(m->piix3);
    ide_reset(m->ide);
    fwcfg_reset(m->fwcfg);
    pc_acpi_tables_reset(&m->acpi_tables);
    if (m->hpet)   /* before the 8259s and the I/O APIC: as on QEMU, the PIT level it
                      passes on at reset is not left in them */
        hpet_reset(m->hpet);
    pic_reset(m->pic);
    ioapic_reset(m->ioapic);
    if (m->apic) {
        apic_reset(m->apic);
        vapic_reset(m->vapic->dev);
        cpu_set_apic(m->cpu, true);
    }
    dma_reset(m->dma);
    pit_reset(m->pit);
    rtc_reset(m->rtc);
    if (m->uart)
        uart_reset(m->uart);
    kbc_reset(m->kbc);
    if (m->vmport)
        vmport_reset(m->vmport);
    port92_reset(m->port92);
    fdc_reset(m->fdc);
    pc_acpi_reset(m->acpi);
    cpu_reset(m->cpu);
    cpu_set_a20(m->cpu, true);
    cpu_flush_all(m->cpu);
}

int machine_post_load(Machine *m, bool ram_loaded, Err *err)
{
    /* Not piix3_sync_irqs(): as QEMU's piix3_post_load, a load drives no ISA line; the
     * 8259s' own section holds their input levels (last_irr). */
    pic_sync(m->pic);        /* drives the CPU's INTR from the loaded 8259 registers */
    if (m->apic)
        apic_sync(m->apic);  /* timer deadline, and INTR from the APIC's own requests */
    rtc_sync(m->rtc);
    pc_acpi_post_load(m->acpi);
    if (m->globalstate.suspended)
        pc_acpi_set_suspended(m->acpi);
    m->ide_resume_pending = true;   /* as QEMU's ide_restart_bh: when the machine runs */
    m->ram_used = true;
    cpu_flush_all(m->cpu);
    int r = m->vapic && ram_loaded ? vapic_sync(m->vapic->dev, err) : 0;   /* RAM and PAM */
    if (r < 0)
        return r;
    return m->cfg.acpi ? pc_acpi_tables_post_load(&m->acpi_tables, m->ram_section, err) : 0;
}

/* ---- running ---- */

const char *machine_stop_name(MachineStop why)
{
    switch (why) {
    case MACHINE_STOP_SERIAL: return "serial text seen";
    case MACHINE_STOP_HALT: return "halted with interrupts off";
    case MACHINE_STOP_ICOUNT: return "instruction count reached";
    case MACHINE_STOP_TIME: return "run time elapsed";
    case MACHINE_STOP_RESET: return "reset requested (-no-reboot)";
    case MACHINE_STOP_DEAD: return "halted for good (nothing can wake the CPU)";
    case MACHINE_STOP_BREAK: return "breakpoint";
    case MACHINE_STOP_POWEROFF: return "guest powered off";
    case MACHINE_STOP_SUSPEND: return "guest suspended to RAM";
    case MACHINE_STOP_WAKEUP: return "guest woken up";
    }
    return "?";
}

/* S3 (pc_acpi.h): no CPU; the clock goes from deadline to deadline, at most as far as
 * the budget's instructions would take it, until a wake-up resets the machine. */
static MachineStop sleep_run(Machine *m, uint64_t icount_end, int64_t t_end)
{
    uint64_t budget = MIN(icount_end - m->clock.icount, (uint64_t)1 << 40);
    int64_t end = MIN(t_end, clock_ns(&m->clock) + (int64_t)(budget << m->clock.shift));
    for (;;) {
        Piix4WakeReason w = pc_acpi_wake_pending(m->acpi);
        if (w) {   /* QEMU's qemu_system_wakeup: a reset without a RESET event */
            machine_reset(m);
            pc_acpi_woken(m->acpi, w);
            return MACHINE_STOP_WAKEUP;
        }
        if (clock_ns(&m->clock) >= end)
            return end == t_end ? MACHINE_STOP_TIME : MACHINE_STOP_ICOUNT;
        clock_warp(&m->clock, MIN(clock_deadline(&m->clock), end));
        clock_run_timers(&m->clock);
    }
}

static uint64_t insns_until_ns(const Clock *c, int64_t ns)
{
    int64_t now = clock_ns(c);
    if (ns <= now)
        return 0;
    return (((uint64_t)(ns - now)) + (1ull << c->shift) - 1) >> c->shift;
}

int machine_run(Machine *m, const MachineLimits *lim, MachineStop *why, Err *err)
{
    static const MachineLimits none;
    if (!lim)
        lim = &none;
    size_t mlen = lim->serial_text ? strlen(lim->serial_text) : 0;
    if (mlen > MACHINE_MATCH_MAX)
        return ERR(err, -EINVAL, "-run-until serial: text longer than %d bytes", MACHINE_MATCH_MAX);
    m->match = mlen ? lim->serial_text : NULL;
    m->match_len = mlen;
    if (!lim->serial_continue)
        m->tail_len = 0;
    m->matched = false;
    if (m->ram_err.code < 0)
        return ERR(err, m->ram_err.code, "%s", m->ram_err.msg);
    m->ram_used = true;
    if (m->ide_resume_pending) {
        m->ide_resume_pending = false;
        ide_resume(m->ide);
    }
    if (m->vapic)
        vapic_run(m->vapic->dev);
    uint64_t icount_end = lim->until_icount ? m->clock.icount + lim->until_icount : UINT64_MAX;
    int64_t t_end = lim->run_for_ns ? clock_ns(&m->clock) + lim->run_for_ns : CLOCK_NEVER;
    /* a loaded stream can stop exactly at a deadline whose timer has not run (QEMU stops
     * between its warp and the timer's callback): it runs before the CPU, so a HLT sees
     * its interrupt instead of warping past it to the next deadline */
    clock_run_timers(&m->clock);

    for (;;) {
        if (m->matched || m->poweroff_requested) {
            *why = m->matched ? MACHINE_STOP_SERIAL : MACHINE_STOP_POWEROFF;
            break;
        }
        if (pc_acpi_take_suspend(m->acpi)) {
            *why = MACHINE_STOP_SUSPEND;
            break;
        }
        if (pc_acpi_suspended(m->acpi)) {
            *why = sleep_run(m, icount_end, t_end);
            break;
        }
        if (m->reset_requested) {
            if (m->cfg.no_reboot) {
                *why = MACHINE_STOP_RESET;
                break;
            }
            machine_reset(m);
        }
        if (m->clock.icount >= icount_end) {
            *why = MACHINE_STOP_ICOUNT;
            break;
        }
        if (clock_ns(&m->clock) >= t_end) {
            *why = MACHINE_STOP_TIME;
            break;
        }
        uint64_t budget = MIN(clock_insns_to_deadline(&m->clock), (uint64_t)MACHINE_SLICE);
        budget = MIN(budget, icount_end - m->clock.icount);
        if (t_end != CLOCK_NEVER)
            budget = MIN(budget, MAX(insns_until_ns(&m->clock, t_end), 1));
        if (m->uart)
            uart_poll_input(m->uart);
        m->clock.horizon = clock_ns(&m->clock) + (int64_t)(budget << m->clock.shift);
        int r = cpu_run(m->cpu, budget);
        m->clock.horizon = 0;
        if (m->ram_err.code < 0) {
            m->match = NULL;
            return ERR(err, m->ram_err.code, "%s", m->ram_err.msg);
        }
        clock_run_timers(&m->clock);
        if (r == CPU_EXIT_BREAK || r == CPU_EXIT_WATCH) {
            *why = MACHINE_STOP_BREAK;
            break;
        } else if (m->init_requested) {   /* QEMU's CPU_INTERRUPT_INIT: do_cpu_init */
            m->init_requested = false;
            cpu_init_reset(m->cpu);
            apic_init_reset(m->apic);
        } else if (r == CPU_EXIT_SHUTDOWN) {
            trace(TRACE_CPU, "machine: triple fault, reset");
            m->reset_requested = true;
        } else if (r == CPU_EXIT_HALT) {
            bool intr_on = cpu_state(m->cpu)->eflags & EFLAGS_IF;
            int64_t d = clock_deadline(&m->clock);
            if (!intr_on && lim->until_halt) {
                *why = MACHINE_STOP_HALT;
                break;
            }
            if (!intr_on || d == CLOCK_NEVER) {
                *why = MACHINE_STOP_DEAD;
                break;
            }
            if (d > t_end) {
                clock_warp(&m->clock, t_end);
                *why = MACHINE_STOP_TIME;
                break;
            }
            clock_warp(&m->clock, d);
            clock_run_timers(&m->clock);
        }
    }
    m->match = NULL;
    return 0;
}

/* ---- parts ---- */

const MachineConfig *machine_config(const Machine *m) { return &m->cfg; }
Bus *machine_bus(Machine *m) { return m->bus; }
Clock *machine_clock(Machine *m) { return &m->clock; }
Cpu *machine_cpu(Machine *m) { return m->cpu; }
void machine_powerdown(Machine *m) { if (m->acpi) piix4_pm_powerdown(m->acpi->pm); }
bool machine_suspended(const Machine *m) { return pc_acpi_suspended(m->acpi); }
bool machine_wakeup(Machine *m) { return pc_acpi_wakeup(m->acpi, PIIX4_WAKE_OTHER); }
BlockDev *machine_drive(Machine *m, int index)
{
    return index >= 0 && index < MACHINE_MAX_DRIVES ? m->drives[index] : NULL;
}
void machine_set_medium(Machine *m, int index, BlockDev *b, const char *file, bool read_only)
{
    bool floppy = index >= MACHINE_FLOPPY0;
    assert(machine_has_drive(m, index) && (floppy || m->cfg.drives[index].cdrom));
    free(m->files[index]);
    m->drives[index] = b;
    m->cfg.drives[index].file = m->files[index] = xstrdup(b ? file : "");
    m->cfg.drives[index].format = b ? blk_format(b) : NULL;
    m->cfg.drives[index].read_only = read_only;
    if (floppy)   /* no tray: the drive sees the change now */
        fdc_change_medium(m->fdc, index - MACHINE_FLOPPY0, b);
    else
        ide_cd_set_medium(m->ide, index, b);
}
uint32_t machine_bios_firmware_size(const Machine *m) { return m->bios_fw_size; }
RamBlock *machine_ram_blocks(Machine *m, int *n)
{
    *n = pc_ram_order(m->ram, m->nram, m->ram_order);
    return m->ram_order;
}
SecList *machine_registry(Machine *m) { return m->registry; }
RamSection *machine_ram_section(Machine *m) { return m->ram_section; }
const MachineSection *machine_sections(const Machine *m, int *n)
{
    return sec_entries(m->registry, n);
}

void *machine_section_state(const Machine *m, const char *idstr, int instance)
{
    int n;
    const MachineSection *s = machine_sections(m, &n);
    for (int i = 0; i < n; i++)
        if (!strcmp(s[i].idstr, idstr) && s[i].instance_id == instance)
            return s[i].opaque;
    return NULL;
}
