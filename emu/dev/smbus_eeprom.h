/* smbus_eeprom.h: the 256-byte SMBus EEPROMs (SPD) on the PIIX4 SMBus of the pc machine. */
#ifndef PCEMU_DEV_SMBUS_EEPROM_H
#define PCEMU_DEV_SMBUS_EEPROM_H

#include "emu/base/base.h"
#include "emu/hw/i2c.h"
#include "snapshot/format/vmstate.h"

#define SMBUS_EEPROM_SIZE 256
#define SMBUS_EEPROM_COUNT 8        /* QEMU 7.2's pc_piix: addresses 0x50..0x57 */
#define SMBUS_EEPROM_BASE 0x50

typedef struct SmbusEeprom {
    SmbusDev dev;                          /* saved ("smbusdev") */
    uint8_t data[SMBUS_EEPROM_SIZE];       /* saved: contents; the guest may write them */
    uint8_t offset;                        /* saved: next byte to read or write, wraps */
    bool accessed;                         /* saved: a transfer touched it since power-on;
                                              until then the section is not sent */
    /* wiring, set by smbus_eeprom_init; never saved */
    uint8_t init[SMBUS_EEPROM_SIZE];       /* power-on contents, restored by a reset */
    uint8_t home;                          /* the address it was attached at */
} SmbusEeprom;

extern const VmsDesc smbus_eeprom_vms;     /* "smbus-eeprom" v1, sent only once accessed */

/* Attaches one EEPROM at address (0x50 + i) with contents init (SMBUS_EEPROM_SIZE bytes,
 * copied; QEMU 7.2's pc machine gives zeros). */
SmbusEeprom *smbus_eeprom_init(I2cBus *bus, uint8_t address, const uint8_t *init);
void smbus_eeprom_reset(SmbusEeprom *e);
void smbus_eeprom_free(SmbusEeprom *e);

#endif
