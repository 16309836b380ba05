/* i2c.c: the I2C bus, the SMBus slave protocol and the SMBus host transactions declared in
 * i2c.h, as QEMU 7.2 hw/i2c/core.c, smbus_slave.c and smbus_master.c behave (the order of
 * events each transaction sends decides the slaves' saved mode and data_buf).
 *
 * SMBus slave modes (smbus_event):
 *
 *   IDLE --START_SEND--> WRITE_DATA --START_RECV (data_len > 0: write_data())--> READ_DATA
 *     ^   --START_RECV-------------------------------------------------------->    |
 *     |                                                                         NACK
 *     +------------------- FINISH (from any mode; data_len = 0) <-------------- DONE
 *   An unexpected event gives CONFUSED, which FINISH also ends. */
#include "emu/hw/i2c.h"

#include <assert.h>
#include <stdlib.h>

static int i2c_bus_pre_save(void *opaque, Err *err);

const VmsDesc i2c_bus_vms = {   /* QEMU vmstate_i2c_bus */
    .name = "i2c_bus", .version = 1, .min_version = 1, .pre_save = i2c_bus_pre_save,
    .fields = (const VmsField[]){ VMS_UINT8(I2cBus, saved_address), VMS_END },
};

static const VmsDesc i2c_slave_vms = {   /* QEMU vmstate_i2c_slave */
    .name = "I2CSlave", .version = 1, .min_version = 1,
    .fields = (const VmsField[]){ VMS_UINT8(I2cSlave, address), VMS_END },
};

const VmsDesc smbus_dev_vms = {   /* QEMU vmstate_smbus_device */
    .name = "smbus-device", .version = 1, .min_version = 1,
    .fields = (const VmsField[]){
        VMS_STRUCT(SmbusDev, i2c, I2cSlave, &i2c_slave_vms),
        VMS_INT32(SmbusDev, mode),
        VMS_INT32(SmbusDev, data_len),
        VMS_UINT8_ARRAY(SmbusDev, data_buf, SMBUS_DATA_MAX_LEN),
        VMS_END,
    },
};

static int i2c_bus_pre_save(void *opaque, Err *err)
{
    I2cBus *b = opaque;
    b->saved_address = 0xff;
    if (b->current)
        b->saved_address = b->broadcast ? I2C_BROADCAST
                                        : b->slaves[__builtin_ctz(b->current)]->i2c.address;
    return 0;
}

I2cBus *i2c_bus_new(void)
{
    I2cBus *b = xzalloc(sizeof *b);
    b->saved_address = 0xff;
    return b;
}

void i2c_bus_free(I2cBus *b) { free(b); }

void i2c_bus_attach(I2cBus *b, SmbusDev *d, uint8_t address, const SmbusOps *ops)
{
    assert(b->nslaves < I2C_MAX_SLAVES);
    d->i2c.address = address;
    d->ops = ops;
    b->slaves[b->nslaves++] = d;
}

void i2c_bus_sync(I2cBus *b)
{
    b->current = 0;
    b->broadcast = b->saved_address == I2C_BROADCAST;
    if (b->saved_address == 0xff)
        return;
    for (int i = 0; i < b->nslaves; i++)
        if (b->broadcast || b->slaves[i]->i2c.address == b->saved_address)
            b->current |= 1u << i;
}

int smbus_dev_check(const SmbusDev *d, uint8_t address, Err *err)
{
    if (d->i2c.address != address)
        return ERR(err, -EINVAL, "I2CSlave address %#x, the device is at %#x", d->i2c.address,
                   address);
    if (d->mode < SMBUS_CONFUSED || d->mode > SMBUS_DONE)
        return ERR(err, -EINVAL, "smbus-device mode %" PRId32 " out of range (-1..3)", d->mode);
    if (d->data_len < 0 || d->data_len > SMBUS_DATA_MAX_LEN)
        return ERR(err, -EINVAL, "smbus-device data_len %" PRId32 " out of range (0..%d)",
                   d->data_len, SMBUS_DATA_MAX_LEN);
    return 0;
}

/* ---- SMBus slave protocol (QEMU smbus_slave.c) ---- */

static void smbus_do_write(SmbusDev *d)
{
    if (d->ops->write_data)
        d->ops->write_data(d, d->data_buf, (uint8_t)d->data_len);
}

static void smbus_event(SmbusDev *d, I2cEvent ev)
{
    switch (ev) {
    case I2C_START_SEND:
        if (d->mode == SMBUS_IDLE) {
            d->mode = SMBUS_WRITE_DATA;
            d->data_len = 0;
        } else {
            d->mode = SMBUS_CONFUSED;
        }
        break;
    case I2C_START_RECV:
        if (d->mode == SMBUS_IDLE) {
            d->mode = SMBUS_READ_DATA;
        } else if (d->mode == SMBUS_WRITE_DATA && d->data_len > 0) {
            smbus_do_write(d);
            d->mode = SMBUS_READ_DATA;
        } else {
            d->mode = SMBUS_CONFUSED;
        }
        break;
    case I2C_FINISH:
        if (d->data_len == 0) {
            if ((d->mode == SMBUS_WRITE_DATA || d->mode == SMBUS_READ_DATA) && d->ops->quick_cmd)
                d->ops->quick_cmd(d, d->mode == SMBUS_READ_DATA);
        } else if (d->mode == SMBUS_WRITE_DATA) {
            smbus_do_write(d);
        }
        d->mode = SMBUS_IDLE;
        d->data_len = 0;
        break;
    case I2C_NACK:
        if (d->mode == SMBUS_READ_DATA)
            d->mode = SMBUS_DONE;
        else if (d->mode != SMBUS_DONE)
            d->mode = SMBUS_CONFUSED;
        break;
    }
}

static uint8_t smbus_recv(SmbusDev *d)
{
    if (d->mode != SMBUS_READ_DATA) {
        d->mode = SMBUS_CONFUSED;
        return 0xff;
    }
    return d->ops->receive_byte ? d->ops->receive_byte(d) : 0xff;
}

static void smbus_send(SmbusDev *d, uint8_t data)
{
    if (d->mode == SMBUS_WRITE_DATA && d->data_len < SMBUS_DATA_MAX_LEN)
        d->data_buf[d->data_len++] = data;
    else
        d->mode = SMBUS_CONFUSED;
}

/* ---- bus (QEMU core.c) ---- */

/* A repeated start keeps the current set; a fresh one scans the bus. SMBus slaves never
 * refuse an event, so no transfer is cut short here. */
static int i2c_start(I2cBus *b, uint8_t address, I2cEvent ev)
{
    if (address == I2C_BROADCAST)
        b->broadcast = true;
    if (!b->current)
        for (int i = 0; i < b->nslaves; i++)
            if (b->broadcast || b->slaves[i]->i2c.address == address)
                b->current |= 1u << i;
    if (!b->current)
        return 1;
    for (int i = 0; i < b->nslaves; i++)
        if (b->current & (1u << i))
            smbus_event(b->slaves[i], ev);
    return 0;
}

int i2c_start_send(I2cBus *b, uint8_t address) { return i2c_start(b, address, I2C_START_SEND); }
int i2c_start_recv(I2cBus *b, uint8_t address) { return i2c_start(b, address, I2C_START_RECV); }

void i2c_end_transfer(I2cBus *b)
{
    for (int i = 0; i < b->nslaves; i++)
        if (b->current & (1u << i))
            smbus_event(b->slaves[i], I2C_FINISH);
    b->current = 0;
    b->broadcast = false;
}

int i2c_send(I2cBus *b, uint8_t data)
{
    for (int i = 0; i < b->nslaves; i++)
        if (b->current & (1u << i))
            smbus_send(b->slaves[i], data);
    return b->current ? 0 : -1;
}

uint8_t i2c_recv(I2cBus *b)
{
    if (b->broadcast || !b->current)
        return 0xff;
    return smbus_recv(b->slaves[__builtin_ctz(b->current)]);
}

void i2c_nack(I2cBus *b)
{
    if (b->broadcast)
        return;
    for (int i = 0; i < b->nslaves; i++)
        if (b->current & (1u << i))
            smbus_event(b->slaves[i], I2C_NACK);
}

/* ---- host transactions (QEMU smbus_master.c) ---- */

int smbus_quick_command(I2cBus *b, uint8_t addr, bool read)
{
    if (i2c_start(b, addr, read ? I2C_START_RECV : I2C_START_SEND))
        return -1;
    i2c_end_transfer(b);
    return 0;
}

int smbus_receive_byte(I2cBus *b, uint8_t addr)
{
    if (i2c_start_recv(b, addr))
        return -1;
    uint8_t data = i2c_recv(b);
    i2c_nack(b);
    i2c_end_transfer(b);
    return data;
}

int smbus_send_byte(I2cBus *b, uint8_t addr, uint8_t data)
{
    if (i2c_start_send(b, addr))
        return -1;
    i2c_send(b, data);
    i2c_end_transfer(b);
    return 0;
}

/* Sends cmd, then reads n bytes (1 or 2, little-endian) after a repeated start. */
static int smbus_read_cmd(I2cBus *b, uint8_t addr, uint8_t cmd, int n)
{
    if (i2c_start_send(b, addr))
        return -1;
    i2c_send(b, cmd);
    if (i2c_start_recv(b, addr)) {
        i2c_end_transfer(b);
        return -1;
    }
    int data = 0;
    for (int i = 0; i < n; i++)
        data |= i2c_recv(b) << (8 * i);
    i2c_nack(b);
    i2c_end_transfer(b);
    return data;
}

int smbus_read_byte(I2cBus *b, uint8_t addr, uint8_t cmd) { return smbus_read_cmd(b, addr, cmd, 1); }

int smbus_write_byte(I2cBus *b, uint8_t addr, uint8_t cmd, uint8_t data)
{
    if (i2c_start_send(b, addr))
        return -1;
    i2c_send(b, cmd);
    i2c_send(b, data);
    i2c_end_transfer(b);
    return 0;
}

int smbus_read_word(I2cBus *b, uint8_t addr, uint8_t cmd) { return smbus_read_cmd(b, addr, cmd, 2); }

int smbus_write_word(I2cBus *b, uint8_t addr, uint8_t cmd, uint16_t data)
{
    if (i2c_start_send(b, addr))
        return -1;
    i2c_send(b, cmd);
    i2c_send(b, (uint8_t)data);
    i2c_send(b, (uint8_t)(data >> 8));
    i2c_end_transfer(b);
    return 0;
}

int smbus_read_block(I2cBus *b, uint8_t addr, uint8_t cmd, uint8_t *data, int len,
                     bool recv_len, bool send_cmd)
{
    if (send_cmd) {
        if (i2c_start_send(b, addr))
            return -1;
        i2c_send(b, cmd);
    }
    if (i2c_start_recv(b, addr)) {
        if (send_cmd)
            i2c_end_transfer(b);
        return -1;
    }
    int rlen = recv_len ? i2c_recv(b) : len;
    if (rlen > len)
        rlen = 0;
    for (int i = 0; i < rlen; i++)
        data[i] = i2c_recv(b);
    i2c_nack(b);
    i2c_end_transfer(b);
    return rlen;
}

int smbus_write_block(I2cBus *b, uint8_t addr, uint8_t cmd, const uint8_t *data, int len,
                      bool send_len)
{
    if (len > 32)
        len = 32;
    if (i2c_start_send(b, addr))
        return -1;
    i2c_send(b, cmd);
    if (send_len)
        i2c_send(b, (uint8_t)len);
    for (int i = 0; i < len; i++)
        i2c_send(b, data[i]);
    i2c_end_transfer(b);
    return 0;
}
