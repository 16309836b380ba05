/* chardev.h: a character back end for a device's output and input (QEMU's -chardev):
 * stdio, a file, null, a unix socket. Devices (uart, debugcon) hold a Chardev pointer given
 * by the machine and never know what is behind it. Backends live in chardev.c. */
#ifndef PCEMU_CHARDEV_H
#define PCEMU_CHARDEV_H

#include "emu/base/base.h"

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

/* ---- backends (chardev.c) ----
 * Opened by the command line, handed to devices by the machine, closed by the owner of the
 * machine. Every failure (bad spec, missing file, refused connection) is an error, never an
 * exit. Output never blocks on a peer that is not there: a socket without a client drops. */
typedef enum ChardevKind {
    CHARDEV_NULL,      /* output dropped, no input */
    CHARDEV_STDIO,     /* output to fd 1, input from fd 0 when data is there */
    CHARDEV_FILE,      /* output to path (created or truncated), no input */
    CHARDEV_SOCKET,    /* unix stream socket at path: client, or server when server=on */
} ChardevKind;

typedef struct ChardevOpts {
    ChardevKind kind;
    const char *path;  /* CHARDEV_FILE, CHARDEV_SOCKET */
    bool server;       /* CHARDEV_SOCKET: listen at path instead of connecting */
    bool wait;         /* server: block in chardev_open until the first client connects */
} ChardevOpts;

Chardev *chardev_open(const ChardevOpts *o, Err *err);
/* QEMU's -serial spelling: "stdio", "null", "file:PATH", "unix:PATH[,server][,nowait]"
 * (also "server=on", "wait=off"). */
Chardev *chardev_open_spec(const char *spec, Err *err);
/* Frees a Chardev returned by chardev_open*; NULL is ignored. */
void chardev_close(Chardev *c);
static inline size_t chardev_read(const Chardev *c, uint8_t *buf, size_t len)
{
    return c && c->read ? c->read(c->opaque, buf, len) : 0;
}

#endif
