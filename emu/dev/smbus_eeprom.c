/* smbus_eeprom.c: a 256-byte SMBus EEPROM as QEMU 7.2 hw/i2c/smbus_eeprom.c: a write sets
 * the offset from its first byte and stores the rest; a read returns the byte at the
 * offset and advances it (wrapping at 256). QEMU's pc machine attaches eight, at 0x50 to
 * 0x57, with zeroed contents ("TODO: Populate SPD eeprom data" in pc_piix.c), so SPD
 * reads give 0. The section travels only once a transfer touched the EEPROM (or its
 * SMBus state is not idle), which is why QEMU's stream of a fresh machine has none of
 * their eight sections (ids registered after piix4_pm). A reset restores the contents of
 * power-on (QEMU's smbus_eeprom_reset) but not `accessed`. */
#include "emu/dev/smbus_eeprom.h"

#include <stdlib.h>
#include <string.h>

static bool smbus_eeprom_needed(void *opaque);
static int smbus_eeprom_post_load(void *opaque, int version, Err *err);

const VmsDesc smbus_eeprom_vms = {   /* QEMU vmstate_smbus_eeprom */
    .name = "smbus-eeprom", .version = 1, .min_version = 1,
    .needed = smbus_eeprom_needed, .post_load = smbus_eeprom_post_load,
    .fields = (const VmsField[]){
        VMSN_STRUCT("smbusdev", SmbusEeprom, dev, SmbusDev, &smbus_dev_vms),
        VMS_UINT8_ARRAY(SmbusEeprom, data, SMBUS_EEPROM_SIZE),
        VMS_UINT8(SmbusEeprom, offset),
        VMS_BOOL(SmbusEeprom, accessed),
        VMS_END,
    },
};

static bool smbus_eeprom_needed(void *opaque)
{
    SmbusEeprom *e = opaque;
    return e->accessed || e->dev.mode != SMBUS_IDLE;
}

static int smbus_eeprom_post_load(void *opaque, int version, Err *err)
{
    SmbusEeprom *e = opaque;
    return smbus_dev_check(&e->dev, e->home, err);
}

static uint8_t smbus_eeprom_receive_byte(SmbusDev *d)
{
    SmbusEeprom *e = (SmbusEeprom *)d;
    e->accessed = true;
    return e->data[e->offset++];
}

static void smbus_eeprom_write_data(SmbusDev *d, const uint8_t *buf, uint8_t len)
{
    SmbusEeprom *e = (SmbusEeprom *)d;
    e->accessed = true;
    e->offset = buf[0];
    for (uint8_t i = 1; i < len; i++)
        e->data[e->offset++] = buf[i];
}

static const SmbusOps smbus_eeprom_ops = {
    .write_data = smbus_eeprom_write_data, .receive_byte = smbus_eeprom_receive_byte,
};

void smbus_eeprom_reset(SmbusEeprom *e)
{
    memcpy(e->data, e->init, SMBUS_EEPROM_SIZE);
    e->offset = 0;
}

SmbusEeprom *smbus_eeprom_init(I2cBus *bus, uint8_t address, const uint8_t *init)
{
    SmbusEeprom *e = xzalloc(sizeof *e);
    memcpy(e->init, init, SMBUS_EEPROM_SIZE);
    e->home = address;
    i2c_bus_attach(bus, &e->dev, address, &smbus_eeprom_ops);
    smbus_eeprom_reset(e);
    return e;
}

void smbus_eeprom_free(SmbusEeprom *e) { free(e); }
