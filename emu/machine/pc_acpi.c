/* pc_acpi.c: creation, sections and reset of the pc machine's ACPI hardware (pc_acpi.h).
 * Every function accepts NULL (a machine with acpi=off) and does nothing then. */
#include "emu/machine/pc_acpi.h"

#include <assert.h>
#include <stdlib.h>

#define CMOS_SHUTDOWN_STATUS 0x0f
#define CMOS_SHUTDOWN_S3_RESUME 0xfe   /* SeaBIOS: resume through the FACS waking vector */

static void suspend_request(void *opaque)
{
    PcAcpi *a = opaque;
    a->suspend_requested = true;
    a->host.suspend(a->host.opaque);
}

static void smi_request(void *opaque) { PcAcpi *a = opaque; a->host.smi(a->host.opaque); }
static void poweroff_request(void *opaque) { PcAcpi *a = opaque; a->host.poweroff(a->host.opaque); }
static void wakeup_request(void *opaque, Piix4WakeReason why) { pc_acpi_wakeup(opaque, why); }
static void rtc_wake(void *opaque) { pc_acpi_wakeup(opaque, PIIX4_WAKE_RTC); }

PcAcpi *pc_acpi_new(PciBus *pci, Bus *io, Clock *clock, const IrqLine *sci, RtcState *rtc,
                    const Piix4PmHost *host, bool com1)
{
    static const uint8_t spd[SMBUS_EEPROM_SIZE];   /* QEMU 7.2 gives no SPD data */
    PcAcpi *a = xzalloc(sizeof *a);
    a->i2c = i2c_bus_new();
    a->rtc = rtc;
    a->host = *host;
    a->pm = piix4_pm_init(pci, io, clock, a->i2c, sci, &(Piix4PmHost){
        .smi = smi_request, .poweroff = poweroff_request, .suspend = suspend_request,
        .wakeup = wakeup_request, .opaque = a }, com1);
    rtc_set_wake(rtc, rtc_wake, a);
    for (int i = 0; i < SMBUS_EEPROM_COUNT; i++)
        a->eeprom[i] = smbus_eeprom_init(a->i2c, (uint8_t)(SMBUS_EEPROM_BASE + i), spd);
    return a;
}

static void reg(SecList *l, const char *idstr, const VmsDesc *vmsd, void *opaque)
{
    int r = sec_register(l, idstr, SEC_INSTANCE_ANY, vmsd, opaque, NULL);
    assert(r >= 0);   /* the machine's list is fixed and duplicate-free */
}

/* QEMU realizes the PM function after the IDE one: pm_smbus_init registers the bus, then
 * the function's own section follows, then smbus_eeprom_init's eight devices. */
void pc_acpi_register(PcAcpi *a, SecList *registry)
{
    if (!a)
        return;
    reg(registry, "i2c_bus", &i2c_bus_vms, a->i2c);
    reg(registry, "0000:00:01.3/piix4_pm", &piix4_pm_vms, a->pm);
    for (int i = 0; i < SMBUS_EEPROM_COUNT; i++)
        reg(registry, "smbus-eeprom", &smbus_eeprom_vms, a->eeprom[i]);
}

/* A reset ends S3 as well (the wake-up's own, or the monitor's system_reset). */
void pc_acpi_reset(PcAcpi *a)
{
    if (!a)
        return;
    a->suspend_requested = a->suspended = false;
    a->wake = 0;
    piix4_pm_reset(a->pm);
    for (int i = 0; i < SMBUS_EEPROM_COUNT; i++)
        smbus_eeprom_reset(a->eeprom[i]);
}

void pc_acpi_post_load(PcAcpi *a)
{
    if (a)
        i2c_bus_sync(a->i2c);
}

void pc_acpi_free(PcAcpi *a)
{
    if (!a)
        return;
    for (int i = 0; i < SMBUS_EEPROM_COUNT; i++)
        smbus_eeprom_free(a->eeprom[i]);
    piix4_pm_free(a->pm);
    i2c_bus_free(a->i2c);
    free(a);
}

bool pc_acpi_take_suspend(PcAcpi *a)
{
    if (!a || !a->suspend_requested)
        return false;
    a->suspend_requested = false;
    a->suspended = true;
    rtc_set_memory(a->rtc, CMOS_SHUTDOWN_STATUS, CMOS_SHUTDOWN_S3_RESUME);
    return true;
}

bool pc_acpi_suspended(const PcAcpi *a) { return a && a->suspended; }

bool pc_acpi_wakeup(PcAcpi *a, Piix4WakeReason why)
{
    if (!a || !a->suspended)
        return false;
    if (piix4_pm_wake_enabled(a->pm, why) && !a->wake) {
        a->wake = why;
        a->host.suspend(a->host.opaque);
    }
    return true;
}

Piix4WakeReason pc_acpi_wake_pending(const PcAcpi *a) { return a ? a->wake : 0; }

void pc_acpi_woken(PcAcpi *a, Piix4WakeReason why) { piix4_pm_woken(a->pm, why); }

void pc_acpi_set_suspended(PcAcpi *a)
{
    if (a)
        a->suspended = true;
}
