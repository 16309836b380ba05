/* piix4_pm.h: Intel 82371AB PIIX4 power management function 00:01.3 of the pc machine
 * with ACPI (QEMU 7.2's piix4_pm): ACPI PM registers, PM timer, GPE0, the APM ports, the
 * SMBus host controller, and QEMU's PCI/CPU hotplug registers. */
#ifndef PCEMU_DEV_PIIX4_PM_H
#define PCEMU_DEV_PIIX4_PM_H

#include "emu/base/base.h"
#include "emu/hw/bus.h"
#include "emu/hw/clock.h"
#include "emu/hw/i2c.h"
#include "emu/hw/irq.h"
#include "emu/hw/pci.h"
#include "snapshot/format/vmstate.h"

enum {
    PIIX4_PM_DEVFN = 0x0b,            /* 00:01.3 */
    PIIX4_PM_SCI_IRQ = 9,
    PIIX4_PM_GPE_BASE = 0xafe0, PIIX4_PM_GPE_LEN = 4,
    PIIX4_PM_PCIHP_BASE = 0xae00, PIIX4_PM_PCIHP_LEN = 0x18,
    PIIX4_PM_CPUHP_BASE = 0xaf00, PIIX4_PM_CPUHP_LEN = 32,
    PIIX4_PM_SMB_BASE = 0xb100,       /* QEMU's smb_io_base before the BIOS moves it */
    PIIX4_PM_HOTPLUG_BUSES = 256,
    PIIX4_SMB_MAX_MSG = 32,
    ACPI_ENABLE_CMD = 0xf1, ACPI_DISABLE_CMD = 0xf0,
};
/* PM1 event and control bits (ACPI 4.7.3) */
enum {
    ACPI_TMR_STS = 0x0001, ACPI_PWRBTN_STS = 0x0100, ACPI_RTC_STS = 0x0400,
    ACPI_TMR_EN = 0x0001, ACPI_GBL_EN = 0x0020, ACPI_PWRBTN_EN = 0x0100, ACPI_RTC_EN = 0x0400,
    ACPI_SCI_EN = 0x0001, ACPI_SLP_EN = 0x2000,
};
#define PM_TIMER_FREQUENCY 3579545

typedef struct Piix4Smbus {            /* QEMU's PMSMBus, section field "smb" ("pmsmb") */
    uint8_t smb_stat, smb_ctl, smb_cmd, smb_addr, smb_data0, smb_data1; /* registers */
    uint32_t smb_index;                /* 0..32: position in smb_data of a block transfer */
    uint8_t smb_data[PIIX4_SMB_MAX_MSG]; /* block buffer */
    uint8_t smb_auxctl;                /* AUX_PEC | AUX_BLK (0..3) */
    uint8_t smb_blkdata;               /* byte-by-byte block data register */
    bool i2c_enable;                   /* always false on PIIX4 */
    bool op_done;                      /* no block transfer in progress */
    bool in_i2c_block_read;            /* an I2C block read holds the bus */
    bool start_transaction_on_status_read; /* started without INTREN: run at the status read */
} Piix4Smbus;

typedef struct Piix4PciHpStatus { uint32_t up, down; } Piix4PciHpStatus;
typedef struct Piix4Apm { uint8_t apmc, apms; } Piix4Apm;   /* ports 0xB2 and 0xB3 */
typedef struct Piix4Gpe { uint16_t sts, en; } Piix4Gpe;     /* GPE0: byte 0 = GPE 0-7 */
typedef struct Piix4MemHp { uint32_t selector; } Piix4MemHp; /* no DIMM slots: stays 0 */

typedef struct Piix4PmState {
    PciDev dev;                        /* saved ("parent_obj") */
    uint16_t pm1_sts;                  /* saved: PM1 status; TMR_STS also follows the clock */
    uint16_t pm1_en;                   /* saved: PM1 enable */
    uint16_t pm1_cnt;                  /* saved: PM1 control (SLP_EN always reads 0) */
    Piix4Apm apm;                      /* saved */
    Piix4Smbus smb;                    /* saved */
    Timer tmr_timer;                   /* saved: SCI at the next PM timer overflow, when
                                          TMR_EN is set and TMR_STS clear */
    int64_t overflow_time;             /* saved: PM timer ticks of the next bit-23 overflow */
    Piix4Gpe gpe;                      /* saved ("ar.gpe") */
    uint32_t hotplug_select;           /* saved: PCI hotplug bus selector (bsel) */
    Piix4PciHpStatus pcihp[PIIX4_PM_HOTPLUG_BUSES]; /* saved: per bus, slots up/down */
    uint32_t acpi_index;               /* saved: acpi-index of the selected slot */
    Piix4MemHp memhp;                  /* saved (subsection piix4_pm/memhp) */
    /* derived, never saved */
    uint32_t pm_base, smb_base;        /* where the PM and SMBus blocks are mapped, or
                                          UINT32_MAX when disabled */
    MtreeRegion *pm_region, *smb_region; /* QEMU's "piix4-pm" and "pm-smbus" for `info mtree`:
                                            always in the I/O space, at the base register,
                                            enabled as the block is mapped */
    /* wiring, set by piix4_pm_init; never saved */
    Bus *io;
    Clock *clock;
    I2cBus *i2c;
    const IrqLine *sci;                /* GSI 9 */
    void (*smi)(void *opaque);         /* SMI to the CPU (APM command with APMC_EN) */
    void (*poweroff)(void *opaque);    /* S5 entered */
    void *opaque;
} Piix4PmState;

extern const VmsDesc piix4_pm_vms;     /* "piix4_pm" v3: section 0000:00:01.3/piix4_pm */

typedef struct Piix4PmHost {
    void (*smi)(void *opaque);
    void (*poweroff)(void *opaque);
    void *opaque;
} Piix4PmHost;

/* Plugs the function into 00:01.3 and maps its fixed ports (APM 0xB2, GPE0, hotplug);
 * the PM and SMBus blocks follow the BIOS's PMBA/SMBBA. serial_com1: COM1 exists (QEMU
 * reports it in config 0x67 at machine-ready). */
Piix4PmState *piix4_pm_init(PciBus *pb, Bus *io, Clock *clock, I2cBus *i2c, const IrqLine *sci,
                            const Piix4PmHost *host, bool serial_com1);
void piix4_pm_reset(Piix4PmState *s);
/* The monitor's system_powerdown: PWRBTN_STS and an SCI when the guest enabled it. */
void piix4_pm_powerdown(Piix4PmState *s);
void piix4_pm_free(Piix4PmState *s);

#endif
