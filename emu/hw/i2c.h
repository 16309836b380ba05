/* i2c.h: the I2C bus a SMBus host drives (QEMU 7.2 hw/i2c/core.c), the SMBus slave
 * protocol devices on it speak (smbus_slave.c) and the SMBus transactions a host performs
 * (smbus_master.c).
 *
 * A transfer starts with i2c_start_send/recv to a 7-bit address: the slaves at that
 * address (every slave for the broadcast address 0) become the current set, which a
 * repeated start keeps; i2c_send/recv/nack talk to it and i2c_end_transfer sends FINISH
 * and empties it. A SmbusDev turns those events into SMBus commands: the bytes a host
 * writes are gathered in data_buf and handed to write_data() at a repeated start or at the
 * end; reads call receive_byte().
 *
 * Saved state: "i2c_bus" (the address of the transfer in progress, 0xFF none), and the
 * nested "smbus-device" / "I2CSlave" of each SMBus device. */
#ifndef PCEMU_I2C_H
#define PCEMU_I2C_H

#include "emu/base/base.h"
#include "snapshot/format/vmstate.h"

#define I2C_BROADCAST 0x00
#define I2C_MAX_SLAVES 16
#define SMBUS_DATA_MAX_LEN 34      /* command byte, length, 32 data bytes */

typedef enum I2cEvent { I2C_START_RECV, I2C_START_SEND, I2C_FINISH, I2C_NACK } I2cEvent;
/* SmbusDev.mode: QEMU's values (saved) */
enum { SMBUS_CONFUSED = -1, SMBUS_IDLE = 0, SMBUS_WRITE_DATA = 1, SMBUS_READ_DATA = 2,
       SMBUS_DONE = 3 };

typedef struct I2cBus I2cBus;
typedef struct SmbusDev SmbusDev;

/* The device side of an SMBus slave (QEMU's SMBusDeviceClass); any may be NULL. */
typedef struct SmbusOps {
    void (*quick_cmd)(SmbusDev *d, bool read);
    void (*write_data)(SmbusDev *d, const uint8_t *buf, uint8_t len);  /* len >= 1 */
    uint8_t (*receive_byte)(SmbusDev *d);
} SmbusOps;

typedef struct I2cSlave {
    uint8_t address;               /* saved: 7-bit address, fixed at init */
} I2cSlave;

struct SmbusDev {
    I2cSlave i2c;                  /* saved ("I2CSlave") */
    int32_t mode;                  /* saved: SMBUS_CONFUSED..SMBUS_DONE */
    int32_t data_len;              /* saved: 0..SMBUS_DATA_MAX_LEN bytes in data_buf */
    uint8_t data_buf[SMBUS_DATA_MAX_LEN]; /* saved: bytes written in this transfer */
    /* wiring, never saved */
    const SmbusOps *ops;
};

struct I2cBus {
    uint8_t saved_address;         /* saved ("i2c_bus"): filled by pre_save, 0xFF = none */
    uint32_t current;              /* bit i: slaves[i] is in the transfer; rebuilt from
                                      saved_address by i2c_bus_sync after a load */
    bool broadcast;                /* the transfer went to address 0 */
    /* wiring */
    SmbusDev *slaves[I2C_MAX_SLAVES];
    int nslaves;
};

extern const VmsDesc i2c_bus_vms;        /* "i2c_bus" v1 */
extern const VmsDesc smbus_dev_vms;      /* "smbus-device" v1, nested in each device */

I2cBus *i2c_bus_new(void);
void i2c_bus_free(I2cBus *b);
void i2c_bus_attach(I2cBus *b, SmbusDev *d, uint8_t address, const SmbusOps *ops);
/* After a load: the transfer in progress goes on with the slaves at saved_address. */
void i2c_bus_sync(I2cBus *b);
/* Checks a loaded SmbusDev (address unchanged, mode and data_len in range); 0 or -EINVAL. */
int smbus_dev_check(const SmbusDev *d, uint8_t address, Err *err);

/* 0 = some slave answered, 1 = none did. */
int i2c_start_send(I2cBus *b, uint8_t address);
int i2c_start_recv(I2cBus *b, uint8_t address);
void i2c_end_transfer(I2cBus *b);
int i2c_send(I2cBus *b, uint8_t data);   /* 0, or -1 when a slave refused */
uint8_t i2c_recv(I2cBus *b);             /* 0xFF from no one */
void i2c_nack(I2cBus *b);

/* SMBus host transactions: the result byte/word, 0, or -1 when no slave answered. */
int smbus_quick_command(I2cBus *b, uint8_t addr, bool read);
int smbus_receive_byte(I2cBus *b, uint8_t addr);
int smbus_send_byte(I2cBus *b, uint8_t addr, uint8_t data);
int smbus_read_byte(I2cBus *b, uint8_t addr, uint8_t cmd);
int smbus_write_byte(I2cBus *b, uint8_t addr, uint8_t cmd, uint8_t data);
int smbus_read_word(I2cBus *b, uint8_t addr, uint8_t cmd);
int smbus_write_word(I2cBus *b, uint8_t addr, uint8_t cmd, uint16_t data);
/* Reads up to len bytes (the first received byte is the count when recv_len); returns
 * the count read. */
int smbus_read_block(I2cBus *b, uint8_t addr, uint8_t cmd, uint8_t *data, int len,
                     bool recv_len, bool send_cmd);
int smbus_write_block(I2cBus *b, uint8_t addr, uint8_t cmd, const uint8_t *data, int len,
                      bool send_len);

#endif
