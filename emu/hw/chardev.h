/* chardev.h: a character back end for a device's output and input (QEMU's -chardev):
 * stdio, a file, null, a unix socket. Devices (uart, debugcon) hold a Chardev pointer given
 * by the machine and never know what is behind it. Backends live in chardev.c. */
#ifndef PCEMU_CHARDEV_H
#define PCEMU_CHARDEV_H

#include "emu/base/base.h"

typedef struct Chardev {
    /* Guest output; must accept everything (buffer or drop; blocks only while a connected
     * socket reader is slow to take it). */
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
 * exit. Output never blocks on a peer that is not there: a socket without a client drops;
 * a connected client that reads slowly holds the machine until it has taken the bytes. */
typedef enum ChardevKind {
    CHARDEV_NULL,      /* output dropped, no input */
    CHARDEV_STDIO,     /* output to fd 1, input from fd 0 when data is there */
    CHARDEV_FILE,      /* output to path (created or truncated), no input */
    CHARDEV_SOCKET,    /* unix stream socket at path: client, or server when server=on;
                          a TCP one when host_port is set */
    CHARDEV_PTY,       /* a new pseudo-terminal; its name goes to stdout as QEMU prints it */
} ChardevKind;

typedef struct ChardevOpts {
    ChardevKind kind;
    const char *path;  /* CHARDEV_FILE, CHARDEV_SOCKET */
    bool server;       /* CHARDEV_SOCKET: listen at path instead of connecting */
    bool wait;         /* server: block in chardev_open until the first client connects */
    const char *host_port;  /* CHARDEV_SOCKET over TCP: "HOST:PORT" (HOST empty: every
                               address for a server, localhost for a client) */
    const char *label; /* CHARDEV_PTY: the name in its message ("serial0", the -chardev id) */
} ChardevOpts;

Chardev *chardev_open(const ChardevOpts *o, Err *err);
/* QEMU's -serial spelling: "stdio", "null", "file:PATH", "unix:PATH[,server][,nowait]"
 * (also "server=on", "wait=off"), "tcp:[HOST]:PORT[,server][,nowait]", "pty". */
Chardev *chardev_open_spec(const char *spec, Err *err);
/* Before pcemu's own message on a terminal: when c (NULL ignored) is stdio or the
 * multiplexer, its output is a terminal and the guest's last line there is unfinished
 * (a -run-until serial:TEXT stop in the middle of it), ends that line. */
void chardev_end_line(const Chardev *c);
/* A TCP stream socket for "HOST:PORT" (len bytes of hp): listening (HOST empty: every
 * address) or connected (HOST empty: localhost). Returns the fd or a negative errno with
 * err. Shared with the monitors' sockets (monconn.c). */
int chardev_tcp_socket(const char *hp, size_t len, bool server, Err *err);
/* Frees a Chardev returned by chardev_open*; NULL is ignored. */
void chardev_close(Chardev *c);
/* ---- the stdio multiplexer (chardev.c): QEMU's "mon:stdio", what -nographic gives ----
 * The serial port and the human monitor share the terminal; the escape character Ctrl-A
 * then h prints the help, x ends pcemu (QEMU's "QEMU: Terminated", status 0), c moves the
 * input between the serial port and the monitor, Ctrl-A again sends one Ctrl-A. A terminal
 * on stdin is put in raw mode (restored at exit): Ctrl-C goes to the guest, as in QEMU.
 * stdin is one per process, so there is one multiplexer, in chardev.c's only static state.
 * Opening it again returns the same serial back end. */
Chardev *chardev_mux_open(Err *err);
/* Reads what stdin has now and sorts it: bytes for the serial port are kept for its
 * chardev_read, monitor bytes go to buf (up to len; returns how many), Ctrl-A commands act.
 * *eof is set once stdin has ended. */
size_t chardev_mux_read_monitor(uint8_t *buf, size_t len, bool *eof);
/* QEMU's -echr: the escape byte instead of Ctrl-A (a value outside 0..255 matches no
 * byte, which leaves no escape, as in QEMU). */
void chardev_mux_set_escape(int ch);
/* True while the monitor has the input (after an odd number of Ctrl-A c). */
bool chardev_mux_monitor_focus(void);

static inline size_t chardev_read(const Chardev *c, uint8_t *buf, size_t len)
{
    return c && c->read ? c->read(c->opaque, buf, len) : 0;
}

#endif
