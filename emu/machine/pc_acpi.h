/* pc_acpi.h: the ACPI hardware of the pc machine with -machine acpi=on, as QEMU 7.2's
 * pc_piix creates it: the PIIX4 power management function 00:01.3 (SCI on GSI 9, SMI to
 * the CPU), its SMBus with eight SPD EEPROMs at 0x50-0x57 (zeroed, as QEMU's), and their
 * sections in QEMU's registration order: i2c_bus, 0000:00:01.3/piix4_pm, then eight
 * smbus-eeprom (sent only once accessed). machine.c calls these with NULL when acpi=off.
 *
 * Sleep to RAM (S3), as QEMU 7.2's softmmu/runstate.c runs it:
 *
 *   awake --guest writes SLP_TYP 1 (pc_acpi_take_suspend)--> suspended
 *   suspended --wake-up request (pc_acpi_wakeup: the RTC alarm, a PM timer overflow, the
 *             monitor)--> wake pending --machine reset, then pc_acpi_woken--> awake
 *
 * Entering it writes 0xFE to CMOS 0x0F (QEMU's RTC suspend notifier): SeaBIOS's reset
 * path then resumes the OS through the FACS waking vector. While suspended the CPU does
 * not run and the virtual clock goes on from timer deadline to deadline (machine.c). */
#ifndef PCEMU_PC_ACPI_H
#define PCEMU_PC_ACPI_H

#include "emu/dev/piix4_pm.h"
#include "emu/dev/rtc.h"
#include "emu/dev/smbus_eeprom.h"
#include "snapshot/format/sections.h"

typedef struct PcAcpi {
    I2cBus *i2c;
    Piix4PmState *pm;
    SmbusEeprom *eeprom[SMBUS_EEPROM_COUNT];
    RtcState *rtc;                     /* borrowed: CMOS 0x0F, the alarm's wake-ups */
    bool suspend_requested;            /* the guest wrote SLP_TYP 1: suspend at the
                                          instruction boundary */
    bool suspended;                    /* in S3: the CPU does not run */
    Piix4WakeReason wake;              /* a wake-up is pending (0 = none) */
    Piix4PmHost host;                  /* the machine's: smi, poweroff, and in suspend's
                                          slot the CPU's stop after this instruction */
} PcAcpi;

/* host's smi and poweroff go to the PM function; host->suspend stops the CPU
 * when the guest enters S3 or a wake-up arrives. */
PcAcpi *pc_acpi_new(PciBus *pci, Bus *io, Clock *clock, const IrqLine *sci, RtcState *rtc,
                    const Piix4PmHost *host, bool com1);
void pc_acpi_register(PcAcpi *a, SecList *registry);   /* right after the IDE section */
void pc_acpi_reset(PcAcpi *a);
void pc_acpi_post_load(PcAcpi *a);   /* an I2C transfer in progress goes on */
void pc_acpi_free(PcAcpi *a);
/* S3 (the diagram above). pc_acpi_take_suspend: true once when the guest asked for S3,
 * which it enters then. */
bool pc_acpi_take_suspend(PcAcpi *a);
bool pc_acpi_suspended(const PcAcpi *a);
/* A wake-up request (QEMU's qemu_system_wakeup_request): false, and nothing done, when the
 * machine is not suspended; ignored (true) when PM1_EN does not enable why. */
bool pc_acpi_wakeup(PcAcpi *a, Piix4WakeReason why);
/* The pending wake-up's reason, or 0; the caller resets the machine, then calls
 * pc_acpi_woken with it. */
Piix4WakeReason pc_acpi_wake_pending(const PcAcpi *a);
void pc_acpi_woken(PcAcpi *a, Piix4WakeReason why);
/* A loaded stream's run state was "suspended": the machine stays in S3. */
void pc_acpi_set_suspended(PcAcpi *a);

#endif
