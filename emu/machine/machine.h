/* machine.h: the PC (QEMU 7.2's pc-i440fx-7.2): creates the CPU and every device, wires
 * them to the bus, the IRQ lines and the virtual clock, owns RAM and the list of saved
 * sections, resets, and runs the CPU until a stop condition.
 *
 * Ownership: a Machine owns its Bus, Cpu, devices, RAM blocks and block devices. It borrows
 * the strings and Chardevs of its MachineConfig for its whole life (the caller opens them
 * before machine_new and frees them after machine_free).
 *
 * Snapshots (snapshot/savevm, snapshot/loadvm): machine_registry() is the one registry of
 * saved sections (snapshot/format/sections.h), filled once by machine_new in QEMU's registration
 * order, so its section ids and instance ids are QEMU's (qemu-pc-devices-7.2.md section 1):
 * 'timer', 'ram' (machine_ram_section() over machine_ram_blocks()), then the devices.
 * savevm and loadvm walk it. loadvm builds a fresh Machine from the same config (with
 * bios_block set to the snapshot's pc.bios size, which must hold the firmware; the
 * snapshot's copy of the firmware is what runs), loads every section into it, calls
 * machine_post_load(), and only then replaces the running machine. */
#ifndef PCEMU_MACHINE_H
#define PCEMU_MACHINE_H

#include "emu/base/base.h"
#include "emu/hw/bus.h"
#include "emu/hw/chardev.h"
#include "emu/hw/clock.h"
#include "emu/cpu/cpu_model.h"
#include "snapshot/format/ram.h"
#include "snapshot/format/sections.h"
#include "snapshot/format/vmstate.h"

typedef struct Cpu Cpu;
typedef struct BlockDev BlockDev;
typedef struct Machine Machine;

/* ---- machine types: a table of properties (machine_types.c) ---- */
typedef struct MachineType {
    const char *name;         /* "pc-i440fx-7.2": written into the configuration section */
    const char *alias;        /* "pc", or NULL */
    const char *desc;         /* one line for -M help */
    uint32_t bios_min;        /* smallest pc.bios block, bytes (power of two) */
    uint64_t default_ram;     /* bytes when -m is not given (QEMU: 128 MiB) */
    uint64_t max_ram;         /* bytes; RAM lives below the PCI hole, nothing above 4 GiB */
    /* compat properties (QEMU's hw_compat_X_Y) */
    bool kbc_extended_state;  /* i8042 "extended-state": on from 7.0, off for 6.0 and older */
} MachineType;

extern const MachineType machine_types[];   /* ends with a { NULL } entry */
/* By name or alias; NULL when unknown. */
const MachineType *machine_type_find(const char *name);

/* ---- configuration (filled by the command line) ---- */
#define MACHINE_MAX_DRIVES 6       /* IDE: 0 = primary master, 1 = primary slave, 2, 3;
                                      floppy: 4 = drive A, 5 = drive B */
#define MACHINE_IDE_DRIVES 4
#define MACHINE_FLOPPY0 4          /* the index of floppy drive A */
#define MACHINE_MAX_OPTION_ROMS 8
#define MACHINE_MAX_DEBUGCON 4
#define MACHINE_DEFAULT_ICOUNT_SHIFT 3   /* 8 ns per instruction: a 125 MHz virtual CPU */

typedef struct MachineDrive {
    const char *file;         /* NULL = no drive at this index; "" = a CD-ROM or floppy
                                 drive without a medium */
    const char *format;       /* "qcow2", "raw" or NULL = probe */
    bool read_only;
    bool cdrom;               /* an ATAPI CD-ROM drive with file as its medium (read only) */
    bool snapshot;            /* -drive snapshot=on: writes go to a temporary overlay, the
                                 image is opened read-only (blk_open_snapshot) */
    BlockDev *bdev;           /* already open (loadvm hands a running machine's drives to the
                                 fresh one): used instead of opening file; NULL = open file */
    int order;                /* 1, 2, ...: its place on the command line, which orders QEMU's
                                 block device list (query-block) */
    uint8_t fd_type;          /* floppy: the drive's type (fdc.h's FdcDriveType), 0 = auto
                                 until a machine picked it: later machines (loadvm) keep it */
} MachineDrive;

typedef struct MachineDebugcon {
    uint16_t iobase;          /* QEMU's isa-debugcon default: 0xE9; SeaBIOS logs to 0x402 */
    Chardev *chr;
    const char *chardev_id;   /* the -chardev id chr came from, for `info qtree`; NULL = none */
} MachineDebugcon;

typedef struct MachineConfig {
    const MachineType *type;  /* NULL = pc-i440fx-7.2 */
    uint64_t ram_size;        /* bytes; 0 = type->default_ram */
    const char *bios;         /* -bios: file name or path; NULL = FIRMWARE_DEFAULT_BIOS */
    uint32_t bios_block;      /* 0 = sized from the firmware; else exactly this (loadvm) */
    bool bios_pad;            /* -machine pcemu-bios-pad=on: pc.bios padded to a power of two
                                 of at least type->bios_min (firmware.h); off: QEMU's size */
    const char *option_roms[MACHINE_MAX_OPTION_ROMS];
    int n_option_roms;
    const char *kernel;       /* -kernel FILE, or NULL: booted by QEMU's option ROM through
                                 fw_cfg (firmware/kernelboot.h) */
    const char *initrd;       /* -initrd (multiboot: "FILE ARGS,FILE ARGS"), or NULL */
    const char *append;       /* -append, or NULL */
    MachineDrive drives[MACHINE_MAX_DRIVES];
    char boot_order[8];       /* -boot order=: letters a, c, d, n; "" = "cad" as QEMU */
    bool boot_menu;           /* -boot menu=on */
    int64_t boot_reboot_timeout_ms; /* -boot reboot-timeout=; -1 = never (QEMU default) */
    Chardev *serial;          /* COM1 (0x3F8, IRQ 4); NULL = no serial port */
    MachineDebugcon debugcon[MACHINE_MAX_DEBUGCON];
    int n_debugcon;
    int icount_shift;         /* each instruction lasts 2^shift ns; 0..10 */
    int64_t rtc_base;         /* RTC time at power-on, seconds since 1970-01-01 00:00 */
    bool snapshot;            /* -snapshot: snapshot=on for every writable drive */
    bool no_reboot;           /* a reset request (triple fault, 0xCF9, 8042) stops the run */
    bool no_fd_bootchk;       /* -no-fd-bootchk: SeaBIOS boots a floppy without the 0xAA55 signature */
    bool nographic;           /* fw_cfg "nographic": SeaBIOS's serial console on */
    CpuModel cpu;             /* -cpu (default: cpu_model_default) */
    bool acpi;                /* -machine acpi=on (default): PIIX4 PM (00:01.3), SMBus, SPD EEPROMs, ACPI tables */
    bool hpet;                /* -machine hpet=on (default): QEMU's HPET at 0xFED00000 */
    bool vmport;              /* -machine vmport=on (default): the VMware port and vmmouse */
} MachineConfig;

/* The machine has a local APIC exactly when its CPU model has one (-cpu ...,+apic). */
static inline bool machine_has_apic(const MachineConfig *cfg)
{
    return (cfg->cpu.feat[CPU_FEAT_1_EDX] & CPUID_APIC) != 0;
}

/* Fills c with QEMU's defaults for type (NULL = pc-i440fx-7.2): its -M pc -nodefaults. */
void machine_config_init(MachineConfig *c, const MachineType *type);
/* Makes c the reduced PC pcemu emulated before it had QEMU's whole pc machine: -machine
 * acpi=off,hpet=off,vmport=off with cpu_model_reduced() (tests of other parts keep it). */
void machine_config_reduced(MachineConfig *c);

/* ---- life cycle ---- */
/* Builds and resets a machine: loads the firmware, opens the drives, creates the devices.
 * Fails (one-line message in err) on a missing or oversized firmware, a bad image, etc. */
int machine_new(const MachineConfig *cfg, Machine **out, Err *err);
void machine_free(Machine *m);
/* Forgets the machine's drives without closing them (loadvm: after the swap the other
 * machine owns them). machine_drive() returns NULL afterwards. */
void machine_release_drives(Machine *m);
/* True while pc.ram has never been written: a machine from machine_new before its first
 * machine_run (a loadvm into it cannot lose anything; loadvm.h). */
bool machine_ram_pristine(const Machine *m);
/* Moves from's pc.ram pages (no copy) into to's pc.ram of the same size, whose contents are
 * dropped: loadvm loads over the running machine's memory, which is faulted in already.
 * from's pc.ram then reads as zeros. Keeps every host pointer valid. False, and nothing
 * moved, when the sizes differ or the kernel cannot (before Linux 5.13). */
bool machine_ram_move(Machine *to, Machine *from);

/* ---- lazy pc.ram (snapshot/vm/loadvm.h) ----
 * A machine started from a snapshot gets its pc.ram pages from it when the CPU, a device's
 * DMA, the monitor or the debugger first touches them (emu/hw/bus.h: bus_set_lazy). */
typedef struct MachineRamSource {
    /* Writes the bytes of pc.ram page pg (RAM_PAGE_SIZE bytes at host); 0 or -errno with
     * err, a message that names what failed. */
    int (*fill)(void *opaque, uint64_t pg, uint8_t *host, Err *err);
    void (*free)(void *opaque);   /* once every page is in, or at machine_free */
    void *opaque;
} MachineRamSource;
/* Makes the pages whose bit is set in pending (one per pc.ram page; ownership passes to
 * m) come from src; npending = the bits set. A fill that fails breaks the machine: the
 * access that needed the page goes to a scratch page of zeros, the CPU stops after the
 * instruction that made it, and machine_run and machine_ram_finish return the fill's error
 * from then on (savevm refuses, so no snapshot gets the zeros). XXX: that one instruction
 * completes on the zeros; a REP OUTS from the page to a disk's data port would pass them
 * on to the disk. */
void machine_ram_lazy(Machine *m, uint64_t *pending, uint64_t npending, const MachineRamSource *src);
/* Fills every pending page now (savevm and delvm call it before a snapshot table changes,
 * so no pending page can lose its bytes). 0, or -errno with err. */
int machine_ram_finish(Machine *m, Err *err);
/* pc.ram pages still pending (0 once the machine is not lazy). */
uint64_t machine_ram_pending(const Machine *m);
/* System reset (RESET#): CPU and every device; RAM contents stay, and so do the i440FX's
 * PAM registers (QEMU 7.2 keeps them; SeaBIOS's reboot path relies on its shadow copy). */
void machine_reset(Machine *m);

/* ---- running ---- */
typedef enum MachineStop {
    MACHINE_STOP_SERIAL = 1,  /* COM1 output contained the -run-until serial:TEXT */
    MACHINE_STOP_HALT,        /* HLT with EFLAGS.IF = 0 (-run-until halt) */
    MACHINE_STOP_ICOUNT,      /* the instruction count reached -run-until icount:N */
    MACHINE_STOP_TIME,        /* -run-for: the virtual clock advanced by the duration */
    MACHINE_STOP_RESET,       /* a reset was requested under -no-reboot */
    MACHINE_STOP_DEAD,        /* HLT with IF = 0, or IF = 1 and no timer armed: nothing can
                                 ever wake the CPU, and -run-until halt was not asked */
    MACHINE_STOP_BREAK,       /* a debugger breakpoint or watchpoint (cpu_set_breakpoints,
                                 cpu_set_watchpoints; cpu_watch_hit tells which) */
    MACHINE_STOP_POWEROFF,    /* the guest powered off (ACPI S5); again until a reset */
    MACHINE_STOP_SUSPEND,     /* the guest entered S3: the machine sleeps (machine_suspended)
                                 and further runs only advance the clock, until a wake-up */
    MACHINE_STOP_WAKEUP,      /* a wake-up from S3 reset the machine; it runs on from the
                                 reset vector (SeaBIOS resumes the OS) */
} MachineStop;

typedef struct MachineLimits {
    const char *serial_text;  /* stop once COM1 has printed this; NULL = no */
    bool until_halt;
    uint64_t until_icount;    /* stop after this many instructions from the start of
                                 machine_run; 0 = no */
    int64_t run_for_ns;       /* stop after this much virtual time from the start of
                                 machine_run; 0 = no */
    bool serial_continue;     /* this call goes on from the previous one with the same
                                 serial_text (a run split into slices): text that began in
                                 the previous call's output still matches */
} MachineLimits;

/* Runs until a limit is reached or the machine cannot go on. Deterministic: the same
 * machine, config and inputs stop at the same instruction. Returns 0 with *why set, or a
 * negative errno (a device's host-side failure, e.g. a disk write error). */
int machine_run(Machine *m, const MachineLimits *lim, MachineStop *why, Err *err);
const char *machine_stop_name(MachineStop why);

/* ---- parts, for snapshots, the monitor and tests ---- */
const MachineConfig *machine_config(const Machine *m);
/* A drive is configured at index (with a medium or, for a CD-ROM drive, without one). */
static inline bool machine_has_drive(const Machine *m, int index)
{
    return index >= 0 && index < MACHINE_MAX_DRIVES && machine_config(m)->drives[index].file;
}
Bus *machine_bus(Machine *m);
Clock *machine_clock(Machine *m);
Cpu *machine_cpu(Machine *m);
/* The power button (the monitor's system_powerdown): an ACPI event the guest may act on;
 * nothing without ACPI, as QEMU. */
void machine_powerdown(Machine *m);
/* In ACPI S3 (pc_acpi.h): from MACHINE_STOP_SUSPEND until a wake-up or a reset. */
bool machine_suspended(const Machine *m);
/* The monitor's system_wakeup: the next run resets the machine and the guest resumes.
 * False when the machine is not suspended (QEMU's "guest is not in suspended state"). */
bool machine_wakeup(Machine *m);
/* Drive at index 0..MACHINE_MAX_DRIVES-1 (IDE 0..3, floppy 4..5), or NULL. */
BlockDev *machine_drive(Machine *m, int index);
/* The host's medium change at index, a CD-ROM or floppy drive (emu/remote/qmp_media.c): b
 * (now the machine's, NULL: none) from file, opened read_only or not, replaces the medium,
 * unseen by a CD-ROM drive's guest until the tray moves (ide_cd_change), seen by a floppy
 * drive's at once (fdc_change_medium). The old medium's BlockDev is the caller's to close. */
void machine_set_medium(Machine *m, int index, BlockDev *b, const char *file, bool read_only);

typedef struct RamBlock {
    const char *name;         /* "pc.ram", "pc.bios", "pc.rom" (QEMU's idstr) */
    uint8_t *host;
    uint64_t size;            /* bytes, multiple of 4 KiB: the used size */
    uint64_t max_size;        /* 0, or a resizable block's maximum (the ACPI blobs) */
} RamBlock;
/* The size of the firmware file at the top of pc.bios (a load needs a block that holds it). */
uint32_t machine_bios_firmware_size(const Machine *m);
/* The RAM blocks in QEMU's order, largest maximum first (pc.ram, pc.bios, pc.rom; with
 * ACPI pc.ram, /rom@etc/acpi/tables, pc.bios, pc.rom, /rom@etc/table-loader,
 * /rom@etc/acpi/rsdp); *n gets the count. */
RamBlock *machine_ram_blocks(Machine *m, int *n);

/* The registry: every saved section, the 'ram' one included (see the header comment). */
SecList *machine_registry(Machine *m);
/* The registry's 'ram' entry (loadvm sets how a load treats pc.ram). */
RamSection *machine_ram_section(Machine *m);
/* The registry's VmsDesc sections ("timer", "i8259", "0000:00:01.1/ide", ...) in QEMU's
 * stream order, instance ids 0, 1, ... per idstr; *n gets the count. */
typedef SecEntry MachineSection;
const MachineSection *machine_sections(const Machine *m, int *n);
/* The state of section idstr, instance (a device's, for the monitors' reports: "PCIBUS",
 * "i8259" 1, "0000:00:01.1/ide"), or NULL when the machine has none. */
void *machine_section_state(const Machine *m, const char *idstr, int instance);

/* After the last section of a load: rebuild what no section carries (memory map from PAM,
 * IRQ levels, timer-derived state, the CPU's caches). ram_loaded is false for a load that
 * only checks the stream and leaves pc.ram unwritten: then what needs the guest's RAM (the
 * kvmvapic's ROM) is left to the real load. Returns 0 or -errno with err. */
int machine_post_load(Machine *m, bool ram_loaded, Err *err);

/* The 'timer' section's object (QEMU's timers_state): filled by its pre_save from the
 * clock; its post_load sets the clock. */
typedef struct MachineTimers {
    int64_t cpu_ticks_offset;  /* guest TSC at the stop (pcemu's TSC is its instruction count) */
    int64_t cpu_clock_offset;  /* virtual clock, ns, at the stop */
    /* "timer/icount" and its subsections: sent by QEMU run with -icount (then its virtual
     * clock is qemu_icount_bias + qemu_icount << shift, and its TSC that clock); pcemu
     * loads them, never sends them */
    int64_t qemu_icount_bias;  /* ns */
    int64_t qemu_icount;       /* instructions */
    int64_t vm_clock_warp_start, icount_warp_timer;   /* loaded and not used */
    int64_t icount_rt_timer, icount_vm_timer;         /* loaded and not used */
    int16_t icount_time_shift; /* -icount shift=auto's shift at the stop; -1 = not sent */
    int64_t last_delta;        /* loaded and not used */
    bool icount_loaded;        /* "timer/icount" was in the stream */
    Machine *m;                /* wiring; never saved */
} MachineTimers;
extern const VmsDesc machine_timer_vms;

/* The 'globalstate' section: the run state name, NUL-padded. */
typedef struct MachineGlobalState {
    uint32_t size;             /* strlen(runstate) + 1 */
    uint8_t runstate[100];     /* "running", or "suspended" in S3 (as QEMU's global_state_store) */
    bool suspended;            /* derived on load: runstate was "suspended" */
    Machine *m;                /* wiring; never saved (NULL: "running") */
} MachineGlobalState;
extern const VmsDesc machine_globalstate_vms;

#endif
