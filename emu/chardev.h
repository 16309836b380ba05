/* chardev.h: a character back end for a device's output and input (QEMU's -chardev):
 * stdio, a file, null, a unix socket. Devices (uart, debugcon) hold a Chardev pointer given
 * by the machine and never know what is behind it. Backends live in chardev.c. */
#ifndef PCEMU_CHARDEV_H
#define PCEMU_CHARDEV_H

#include "emu/base.h"

typedef struct Chardev {
    /* Guest output; must accept everything (buffer or drop, never block the machine). */
    void (*write)(void *opaque, const uint8_t *buf, size_t len);
    /* Guest input: up to len bytes now, 0 when none (never blocks). May be NULL. */
    size_t (*read)(void *opaque, uint8_t *buf, size_t len);
    void *opaque;
} Chardev;

static inline void chardev_write(const Chardev *c, const uint8_t *buf, size_t len)
{
    if (c && c->write)
        c->write(c->opaque, buf, len);
}

#endif
