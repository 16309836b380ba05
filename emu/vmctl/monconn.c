/* monconn.c: the monitors' connections (monconn.h): stdio, or a listening unix or TCP
 * socket with one client at a time (QEMU's "server=on,wait=off" chardev socket: a new
 * client may connect after the last one left), and the MonOut text buffer. */
#include "emu/vmctl/monconn.h"

#include "emu/hw/chardev.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

/* ---- output buffer ---- */

void monout_printf(MonOut *o, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n > 0) {
        if (o->len + (size_t)n + 1 > o->cap) {
            o->cap = MAX(o->cap * 2, o->len + (size_t)n + 256);
            o->buf = xrealloc(o->buf, o->cap);
        }
        vsnprintf(o->buf + o->len, (size_t)n + 1, fmt, ap2);
        o->len += (size_t)n;
    }
    va_end(ap2);
}

void monout_free(MonOut *o)
{
    free(o->buf);
    *o = (MonOut){ 0 };
}

void monout_crlf(MonOut *out, const MonOut *in)
{
    for (size_t i = 0; i < in->len; i++)
        monout_printf(out, in->buf[i] == '\n' ? "\r\n" : "%c", in->buf[i]);
}

/* ---- transport ---- */

/* A listening unix socket at path (an old socket file there is replaced). */
static int listen_unix(const char *spec, const char *path, size_t len, Err *err)
{
    struct sockaddr_un sa = { .sun_family = AF_UNIX };
    if (len == 0 || len >= sizeof sa.sun_path)
        return ERR(err, -EINVAL, "'%s': bad socket path", spec);
    memcpy(sa.sun_path, path, len);
    sa.sun_path[len] = 0;
    int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    unlink(sa.sun_path);
    if (fd < 0 || bind(fd, (struct sockaddr *)&sa, sizeof sa) < 0 || listen(fd, 1) < 0) {
        int e = errno;
        if (fd >= 0)
            close(fd);
        return ERR(err, -e, "socket %s: %s", sa.sun_path, strerror(e));
    }
    return fd;
}

int monconn_open(MonConn *c, const char *spec, Err *err)
{
    memset(c, 0, sizeof *c);
    c->listen_fd = c->in_fd = c->out_fd = -1;
    if (!strcmp(spec, "stdio") || !strcmp(spec, "mon:stdio")) {
        c->in_fd = 0;
        c->out_fd = 1;
        c->mux = spec[0] == 'm';
        return c->mux && !chardev_mux_open(err) ? -EINVAL : 0;
    }
    bool tcp = !strncmp(spec, "tcp:", 4);
    if (!tcp && strncmp(spec, "unix:", 5) != 0)
        return ERR(err, -EINVAL, "'%s': expected stdio, unix:PATH,server=on,wait=off or "
                   "tcp:[HOST]:PORT,server=on,wait=off", spec);
    const char *p = spec + (tcp ? 4 : 5), *comma = strchr(p, ',');
    size_t plen = comma ? (size_t)(comma - p) : strlen(p);
    bool server = false, wait = true;
    for (const char *q = comma; q; q = strchr(q + 1, ',')) {
        const char *opt = q + 1;
        size_t ol = strcspn(opt, ",");
        if ((ol == 6 && !strncmp(opt, "server", 6)) || (ol == 9 && !strncmp(opt, "server=on", 9)))
            server = true;
        else if ((ol == 6 && !strncmp(opt, "nowait", 6)) || (ol == 8 && !strncmp(opt, "wait=off", 8)))
            wait = false;
        else if (ol == 7 && !strncmp(opt, "wait=on", 7))
            wait = true;
        else
            return ERR(err, -EINVAL, "'%s': unknown option '%.*s'", spec, (int)ol, opt);
    }
    if (!server)
        return ERR(err, -ENOTSUP, "'%s': only server sockets (server=on)", spec);
    int fd = tcp ? chardev_tcp_socket(p, plen, true, err) : listen_unix(spec, p, plen, err);
    if (fd < 0)
        return fd;
    c->listen_fd = fd;
    if (wait) {
        int cfd = accept(fd, NULL, NULL);
        if (cfd < 0)
            return ERR(err, -errno, "socket '%s': accept: %s", spec, strerror(errno));
        c->in_fd = c->out_fd = cfd;
    }
    return 0;
}

void monconn_close(MonConn *c)
{
    monout_free(&c->mux_held);
    if (c->listen_fd >= 0) {
        close(c->listen_fd);
        if (c->in_fd >= 0)
            close(c->in_fd);
    }
    c->listen_fd = c->in_fd = c->out_fd = -1;
}

int monconn_poll_fd(const MonConn *c)
{
    if (c->in_fd >= 0 && !c->eof)
        return c->in_fd;
    return c->listen_fd;
}

/* The multiplexed terminal: the monitor's bytes, echoed as a terminal in raw mode does not
 * (Enter as CR LF, backspace erasing); a focus change shows the held output on the way in
 * and ends the line on the way out, as QEMU's monitor does. */
static int mux_service(MonConn *c)
{
    uint8_t got[256];
    size_t n = chardev_mux_read_monitor(got, MIN(sizeof got, sizeof c->in - c->in_len), &c->eof);
    bool focus = chardev_mux_monitor_focus();
    if (focus != c->mux_focus) {
        c->mux_focus = true;   /* these writes go out */
        if (focus) {
            monconn_write(c, c->mux_held.buf ? c->mux_held.buf : "", c->mux_held.len);
            monout_free(&c->mux_held);
        } else {
            monconn_write(c, "\r\n", 2);
        }
        c->mux_focus = focus;
    }
    MonOut echo = { 0 };
    for (size_t i = 0; i < n; i++) {
        if (got[i] == 0x7f || got[i] == '\b') {
            if (c->in_len > 0 && c->in[c->in_len - 1] != '\n') {
                c->in_len--;
                monout_printf(&echo, "\b \b");
            }
            continue;
        }
        monout_printf(&echo, got[i] == '\n' ? "\r\n" : "%c", got[i]);
        c->in[c->in_len++] = (char)got[i];
    }
    monconn_write(c, echo.buf ? echo.buf : "", echo.len);
    monout_free(&echo);
    return 0;
}

int monconn_service(MonConn *c)
{
    if (c->mux)
        return mux_service(c);
    if (c->in_fd < 0 && c->listen_fd >= 0) {
        int cfd = accept(c->listen_fd, NULL, NULL);
        if (cfd < 0)
            return 0;
        c->in_fd = c->out_fd = cfd;
        c->in_len = 0;
        return 1;
    }
    if (c->in_fd < 0 || c->eof)
        return 0;
    if (c->in_len == sizeof c->in)   /* a line longer than the buffer: drop it */
        c->in_len = 0;
    ssize_t n = read(c->in_fd, c->in + c->in_len, sizeof c->in - c->in_len);
    if (n > 0) {
        c->in_len += (size_t)n;
        return 0;
    }
    if (n < 0 && (errno == EINTR || errno == EAGAIN))
        return 0;
    if (c->listen_fd >= 0) {   /* client gone: wait for the next one */
        close(c->in_fd);
        c->in_fd = c->out_fd = -1;
        c->in_len = 0;
    } else {
        c->eof = true;
    }
    return 2;
}

void monconn_write(MonConn *c, const char *buf, size_t len)
{
    if (c->mux && !c->mux_focus) {
        monout_printf(&c->mux_held, "%.*s", (int)len, buf);
        return;
    }
    while (c->out_fd >= 0 && len) {
        ssize_t n = write(c->out_fd, buf, len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return;   /* the peer went away: output is dropped, as QEMU's chardevs do */
        buf += n;
        len -= (size_t)n;
    }
}

