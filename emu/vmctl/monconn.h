/* monconn.h: the connections the monitors talk over (the human monitor, QMP, the gdb stub):
 * stdio, or a server socket (unix or TCP) that takes one client at a time; and MonOut, the
 * growing text buffer their replies are built in. Knows no command and no machine. */
#ifndef PCEMU_MONCONN_H
#define PCEMU_MONCONN_H

#include "emu/base/base.h"

/* A growing text buffer for command output. */
typedef struct MonOut { char *buf; size_t len, cap; } MonOut;
void monout_printf(MonOut *o, const char *fmt, ...) PRINTF_LIKE(2, 3);
void monout_free(MonOut *o);
/* Appends in to out with every "\n" as "\r\n" (QEMU's monitor_puts line ending). */
void monout_crlf(MonOut *out, const MonOut *in);

typedef struct MonConn {
    int listen_fd;           /* -1 for stdio */
    int in_fd, out_fd;       /* -1 while no client is connected */
    char in[65536];          /* received, not yet handled */
    size_t in_len;
    bool eof;                /* stdio: input ended */
    bool mux;                /* "mon:stdio": the terminal shared with the serial port */
    bool mux_focus;          /* mux: the monitor had the input at the last look */
    MonOut mux_held;         /* mux: output held while the serial port has the input */
} MonConn;
/* spec: "stdio", "mon:stdio" (through the stdio multiplexer of chardev.h: the monitor
 * reads and writes only while it has the input, Ctrl-A c; the end of stdin does not quit), "unix:PATH[,server=on|,server][,wait=off|,nowait]" or the same with
 * "tcp:[HOST]:PORT" (no HOST: every address) (server required). */
int monconn_open(MonConn *c, const char *spec, Err *err);
void monconn_close(MonConn *c);
/* The fd to poll for input (a client, or the listening socket), -1 none. */
int monconn_poll_fd(const MonConn *c);
/* After poll says readable: accepts a client (returns 1 = new client) or reads input
 * (0; a closed client returns 2). */
int monconn_service(MonConn *c);
/* Writes everything, or drops the rest when the peer has gone. */
void monconn_write(MonConn *c, const char *buf, size_t len);

#endif
