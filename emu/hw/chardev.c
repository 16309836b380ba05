/* chardev.c: character back ends for chardev.h: null, stdio, file, unix and TCP stream
 * sockets, pseudo-terminals.
 * Reference: QEMU 7.2 chardev/ (char-stdio.c, char-file.c, char-socket.c) for the option
 * spelling and behaviour, and the stdio multiplexer of -nographic and mon:stdio (its own
 * section at the end; char-pty.c for the pty's message). Deliberately left out: telnet,
 * udp, websockets. */
#include "emu/hw/chardev.h"

#include <assert.h>
#include <fcntl.h>
#include <netdb.h>
#include <stdio.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <termios.h>
#include <unistd.h>

typedef struct ChardevBackend {
    Chardev cd;          /* first: chardev_close casts back */
    ChardevKind kind;
    int out_fd;          /* -1 = output dropped */
    int in_fd;           /* -1 = no input */
    int listen_fd;       /* socket server: the listening socket, else -1 */
    bool own_fds;        /* close out_fd/in_fd on chardev_close (not for stdio) */
    char *unlink_path;   /* socket server: the path to remove on close */
    bool mid_line;       /* stdio: the last byte written was not a newline */
} ChardevBackend;

static void stdio_raw_tty(bool signals);   /* with the multiplexer, which shares its state */

static void write_all(int fd, bool sock, const uint8_t *buf, size_t len, bool *broken)
{
    while (len) {
        /* MSG_NOSIGNAL: a peer that went away is an error here, not a SIGPIPE */
        ssize_t n = sock ? send(fd, buf, len, MSG_NOSIGNAL) : write(fd, buf, len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && errno == EAGAIN && sock) {
            /* A connected reader that is slow, not gone: wait until it takes more, as
             * QEMU's serial port holds its byte until the socket is writable. The guest's
             * time is virtual, so it sees no difference; a reader that leaves wakes the
             * poll with POLLHUP and the next send fails. */
            struct pollfd p = { .fd = fd, .events = POLLOUT };
            if (poll(&p, 1, -1) < 0 && errno != EINTR) {
                *broken = true;
                return;
            }
            continue;
        }
        if (n <= 0) {
            *broken = true;   /* a vanished reader: drop the rest, as QEMU does */
            return;
        }
        buf += n;
        len -= (size_t)n;
    }
}

/* A server socket takes a waiting client at the first access after it connects. */
static void socket_accept(ChardevBackend *b)
{
    if (b->listen_fd < 0 || b->out_fd >= 0)
        return;
    int fd = accept4(b->listen_fd, NULL, NULL, SOCK_CLOEXEC | SOCK_NONBLOCK);
    if (fd >= 0)
        b->out_fd = b->in_fd = fd;
}

static void socket_drop_client(ChardevBackend *b)
{
    if (b->out_fd >= 0)
        close(b->out_fd);
    b->out_fd = b->in_fd = -1;
}

static void backend_write(void *opaque, const uint8_t *buf, size_t len)
{
    ChardevBackend *b = opaque;
    socket_accept(b);
    if (b->out_fd < 0)
        return;
    bool broken = false;
    write_all(b->out_fd, b->kind == CHARDEV_SOCKET, buf, len, &broken);
    if (len)
        b->mid_line = buf[len - 1] != '\n';
    if (b->kind == CHARDEV_PTY)
        return;   /* nobody on the slave side, or it reads slowly: dropped, the pty stays */
    if (broken && b->kind == CHARDEV_SOCKET && b->listen_fd >= 0)
        socket_drop_client(b);
    else if (broken)
        b->out_fd = b->own_fds ? (close(b->out_fd), -1) : -1;
}

static size_t backend_read(void *opaque, uint8_t *buf, size_t len)
{
    ChardevBackend *b = opaque;
    socket_accept(b);
    if (b->in_fd < 0 || len == 0)
        return 0;
    struct pollfd p = { .fd = b->in_fd, .events = POLLIN };
    if (poll(&p, 1, 0) <= 0 || !(p.revents & (POLLIN | POLLHUP)))
        return 0;
    ssize_t n = read(b->in_fd, buf, len);
    if (n > 0)
        return (size_t)n;
    if (b->kind == CHARDEV_PTY)
        return 0;   /* EIO while no slave is open: one may open it later */
    if (n == 0 || (errno != EAGAIN && errno != EINTR)) {
        if (b->kind == CHARDEV_SOCKET && b->listen_fd >= 0)
            socket_drop_client(b);
        else
            b->in_fd = -1;   /* end of input */
    }
    return 0;
}

/* A listening server socket: wait for the first client (wait=on), or take one later at
 * the first access (socket_accept). */
static int socket_wait(ChardevBackend *b, const char *name, bool wait, Err *err)
{
    if (wait) {
        int c = accept4(b->listen_fd, NULL, NULL, SOCK_CLOEXEC);
        if (c < 0)
            return ERR(err, -errno, "chardev socket %s: accept: %s", name, strerror(errno));
        fcntl(c, F_SETFL, fcntl(c, F_GETFL) | O_NONBLOCK);
        b->out_fd = b->in_fd = c;
    }
    /* a later client, after this one leaves, is taken without waiting for it */
    fcntl(b->listen_fd, F_SETFL, fcntl(b->listen_fd, F_GETFL) | O_NONBLOCK);
    return 0;
}

static int unix_addr(const char *path, struct sockaddr_un *sa, Err *err)
{
    if (!path || !*path)
        return ERR(err, -EINVAL, "chardev socket: no path");
    if (strlen(path) >= sizeof sa->sun_path)
        return ERR(err, -ENAMETOOLONG, "chardev socket: path longer than %zu bytes: %s",
                   sizeof sa->sun_path - 1, path);
    memset(sa, 0, sizeof *sa);
    sa->sun_family = AF_UNIX;
    strcpy(sa->sun_path, path);
    return 0;
}

int chardev_tcp_socket(const char *hp, size_t len, bool server, Err *err)
{
    char buf[300];
    if (len >= sizeof buf)
        return ERR(err, -EINVAL, "'%.*s': bad address", (int)MIN(len, 64u), hp);
    memcpy(buf, hp, len);
    buf[len] = 0;
    char *colon = strrchr(buf, ':');
    if (!colon || !colon[1])
        return ERR(err, -EINVAL, "'%s': expected [HOST]:PORT", buf);
    *colon = 0;
    struct addrinfo hints = { .ai_family = AF_UNSPEC, .ai_socktype = SOCK_STREAM,
                              .ai_flags = (server ? AI_PASSIVE : 0) | AI_NUMERICSERV }, *ai;
    int r = getaddrinfo(buf[0] ? buf : server ? NULL : "localhost", colon + 1, &hints, &ai);
    if (r != 0)
        return ERR(err, -EINVAL, "'%s:%s': %s", buf, colon + 1, gai_strerror(r));
    int fd = -1, e = 0;
    for (struct addrinfo *a = ai; a && fd < 0; a = a->ai_next) {
        fd = socket(a->ai_family, a->ai_socktype | SOCK_CLOEXEC, a->ai_protocol);
        int one = 1;
        bool ok = fd >= 0 && (server ? setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) == 0 &&
                                       bind(fd, a->ai_addr, a->ai_addrlen) == 0 && listen(fd, 1) == 0
                                     : connect(fd, a->ai_addr, a->ai_addrlen) == 0);
        if (fd >= 0 && !ok) {
            e = errno;
            close(fd);
            fd = -1;
        }
    }
    freeaddrinfo(ai);
    if (fd < 0)
        return ERR(err, -(e ? e : EINVAL), "socket %s:%s: %s", buf, colon + 1, strerror(e ? e : EINVAL));
    return fd;
}

/* QEMU's char-pty.c: a new pty in raw mode, its name on stdout. */
static int open_pty(ChardevBackend *b, const ChardevOpts *o, Err *err)
{
    int fd = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (fd < 0 || grantpt(fd) < 0 || unlockpt(fd) < 0) {
        int e = errno;
        if (fd >= 0)
            close(fd);
        return ERR(err, -e, "chardev pty: %s", strerror(e));
    }
    struct termios t;
    if (tcgetattr(fd, &t) == 0) {
        cfmakeraw(&t);
        tcsetattr(fd, TCSANOW, &t);
    }
    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
    b->out_fd = b->in_fd = fd;
    printf("char device redirected to %s (label %s)\n", ptsname(fd), o->label ? o->label : "serial0");
    fflush(stdout);
    return 0;
}

static int open_socket(ChardevBackend *b, const ChardevOpts *o, Err *err)
{
    if (o->host_port) {
        int fd = chardev_tcp_socket(o->host_port, strlen(o->host_port), o->server, err);
        if (fd < 0)
            return fd;
        if (!o->server) {
            fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
            b->out_fd = b->in_fd = fd;
            return 0;
        }
        b->listen_fd = fd;
        return socket_wait(b, o->host_port, o->wait, err);
    }
    struct sockaddr_un sa;
    int r = unix_addr(o->path, &sa, err);
    if (r < 0)
        return r;
    int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return ERR(err, -errno, "chardev socket %s: %s", o->path, strerror(errno));
    if (!o->server) {
        if (connect(fd, (struct sockaddr *)&sa, sizeof sa) != 0) {
            r = -errno;
            close(fd);
            return ERR(err, r, "chardev socket %s: connect: %s", o->path, strerror(-r));
        }
        fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
        b->out_fd = b->in_fd = fd;
        return 0;
    }
    unlink(o->path);   /* a stale socket from an earlier run, as QEMU does */
    if (bind(fd, (struct sockaddr *)&sa, sizeof sa) != 0 || listen(fd, 1) != 0) {
        r = -errno;
        close(fd);
        return ERR(err, r, "chardev socket %s: listen: %s", o->path, strerror(-r));
    }
    b->listen_fd = fd;
    b->unlink_path = xstrdup(o->path);
    return socket_wait(b, o->path, o->wait, err);
}

Chardev *chardev_open(const ChardevOpts *o, Err *err)
{
    ChardevBackend *b = xzalloc(sizeof *b);
    *b = (ChardevBackend){ .cd = { .write = backend_write, .read = backend_read, .opaque = b },
                           .kind = o->kind, .out_fd = -1, .in_fd = -1, .listen_fd = -1,
                           .own_fds = true };
    int r = 0;
    switch (o->kind) {
    case CHARDEV_NULL:
        break;
    case CHARDEV_STDIO:
        b->out_fd = STDOUT_FILENO;
        b->in_fd = STDIN_FILENO;
        b->own_fds = false;
        stdio_raw_tty(true);
        break;
    case CHARDEV_FILE:
        if (!o->path || !*o->path) {
            r = ERR(err, -EINVAL, "chardev file: no path");
            break;
        }
        b->out_fd = open(o->path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
        if (b->out_fd < 0)
            r = ERR(err, -errno, "chardev file %s: %s", o->path, strerror(errno));
        break;
    case CHARDEV_PTY:
        r = open_pty(b, o, err);
        break;
    default:
        assert(o->kind == CHARDEV_SOCKET);   /* the program's own enum, not input */
        r = open_socket(b, o, err);
        break;
    }
    if (r < 0) {
        chardev_close(&b->cd);
        return NULL;
    }
    return &b->cd;
}

/* Socket flags after "unix:PATH": server, nowait, server=on|off, wait=on|off. */
static int socket_flags(const char *s, ChardevOpts *o, Err *err)
{
    o->wait = true;   /* QEMU's default for a server */
    while (s && *s) {
        const char *end = strchr(s, ',');
        size_t n = end ? (size_t)(end - s) : strlen(s);
        if (n == 6 && !memcmp(s, "server", 6))
            o->server = true;
        else if (n == 9 && !memcmp(s, "server=on", 9))
            o->server = true;
        else if (n == 10 && !memcmp(s, "server=off", 10))
            o->server = false;
        else if ((n == 6 && !memcmp(s, "nowait", 6)) || (n == 8 && !memcmp(s, "wait=off", 8)))
            o->wait = false;
        else if (n == 7 && !memcmp(s, "wait=on", 7))
            o->wait = true;
        else
            return ERR(err, -EINVAL, "chardev: unknown socket option '%.*s'", (int)n, s);
        s = end ? end + 1 : NULL;
    }
    return 0;
}

Chardev *chardev_open_spec(const char *spec, Err *err)
{
    ChardevOpts o = { 0 };
    char *path = NULL;
    Chardev *c = NULL;
    if (!strcmp(spec, "null") || !strcmp(spec, "none")) {
        o.kind = CHARDEV_NULL;
    } else if (!strcmp(spec, "stdio")) {
        o.kind = CHARDEV_STDIO;
    } else if (!strncmp(spec, "file:", 5)) {
        o.kind = CHARDEV_FILE;
        o.path = spec + 5;
    } else if (!strcmp(spec, "pty")) {
        o.kind = CHARDEV_PTY;
    } else if (!strncmp(spec, "unix:", 5) || !strncmp(spec, "tcp:", 4)) {
        o.kind = CHARDEV_SOCKET;
        const char *addr = spec + (spec[0] == 'u' ? 5 : 4), *comma = strchr(addr, ',');
        path = comma ? strndup(addr, (size_t)(comma - addr)) : xstrdup(addr);
        if (spec[0] == 'u')
            o.path = path;
        else
            o.host_port = path;
        if (socket_flags(comma ? comma + 1 : NULL, &o, err) < 0)
            goto out;
    } else {
        ERR(err, -EINVAL, "chardev '%s': expected stdio, mon:stdio, null, file:PATH, pty, "
            "unix:PATH or tcp:[HOST]:PORT", spec);
        goto out;
    }
    c = chardev_open(&o, err);
out:
    free(path);
    return c;
}

void chardev_close(Chardev *c)
{
    if (!c)
        return;
    ChardevBackend *b = (ChardevBackend *)c;
    if (b->own_fds) {
        if (b->out_fd >= 0)
            close(b->out_fd);
        if (b->in_fd >= 0 && b->in_fd != b->out_fd)
            close(b->in_fd);
    }
    if (b->listen_fd >= 0)
        close(b->listen_fd);
    if (b->unlink_path) {
        unlink(b->unlink_path);
        free(b->unlink_path);
    }
    free(b);
}

/* ---- the stdio multiplexer (chardev.h). Reference: QEMU 7.2 chardev/char-mux.c
 * (mux_proc_byte, mux_print_help) and char-stdio.c (the terminal modes). ---- */

#define MUX_ESCAPE 0x01   /* Ctrl-A */

typedef struct Mux {
    Chardev cd;                 /* the serial port's back end */
    bool open;
    bool escape;                /* the last byte was the escape byte */
    int escape_char;            /* -echr: QEMU's term_escape_char, when escape_set */
    bool escape_set;            /* else the escape is Ctrl-A */
    bool monitor;               /* the monitor has the input */
    bool eof;                   /* stdin ended */
    bool tty;                   /* stdin is a terminal; saved holds its modes (also for a
                                   plain stdio back end: stdio_raw_tty) */
    struct termios saved;
    uint8_t ser[4096];          /* input for the serial port, not read yet */
    size_t ser_len;
    uint8_t mon[4096];          /* input for the monitor, not read yet */
    size_t mon_len;
    bool mid_line;              /* the serial port's last byte out was not a newline */
} Mux;
static Mux mux;                 /* see chardev.h: stdin is one per process */

static void mux_out(const char *s)
{
    bool broken = false;
    write_all(STDOUT_FILENO, false, (const uint8_t *)s, strlen(s), &broken);
}

static void stdio_restore_tty(void)
{
    if (mux.tty)
        tcsetattr(STDIN_FILENO, TCSANOW, &mux.saved);
}

/* QEMU's qemu_chr_set_echo_stdio(false): no echo, no line editing, no CR/NL translation on
 * input, output keeps its NL -> CRNL; the keyboard's signals (Ctrl-C) stay with a plain
 * stdio back end and go to the guest through the multiplexer (QEMU's signal=off for
 * mon:stdio). The terminal's modes come back at exit. */
static void stdio_raw_tty(bool signals)
{
    struct termios t;
    if (!isatty(STDIN_FILENO))
        return;
    if (!mux.tty) {
        if (tcgetattr(STDIN_FILENO, &mux.saved) < 0)
            return;
        mux.tty = true;
        atexit(stdio_restore_tty);
    }
    t = mux.saved;
    t.c_iflag &= ~(unsigned)(IGNBRK | BRKINT | PARMRK | ISTRIP | INLCR | IGNCR | ICRNL | IXON);
    t.c_oflag |= OPOST;
    t.c_lflag &= ~(unsigned)(ECHO | ECHONL | ICANON | IEXTEN | (signals ? 0 : ISIG));
    t.c_cflag &= ~(unsigned)(CSIZE | PARENB);
    t.c_cflag |= CS8;
    t.c_cc[VMIN] = 1;
    t.c_cc[VTIME] = 0;
    tcsetattr(STDIN_FILENO, TCSANOW, &t);
}

void chardev_mux_set_escape(int ch)
{
    mux.escape_char = ch;
    mux.escape_set = true;
}

static int mux_escape_char(void)
{
    return mux.escape_set ? mux.escape_char : MUX_ESCAPE;
}

/* QEMU's mux_print_help: the escape as C-x for a control letter, else "Escape-Char" after
 * a line with its code. */
static void mux_help(void)
{
    static const char *const lines[] = {
        "%s h    print this help\n\r", "%s x    exit emulator\n\r",
        "%s s    save disk data back to file (if -snapshot)\n\r",
        "%s t    toggle console timestamps\n\r", "%s b    send break (magic sysrq)\n\r",
        "%s c    switch between console and monitor\n\r",
    };
    char esc[16], line[160];
    int e = mux_escape_char();
    if (e > 0 && e < 26) {
        snprintf(esc, sizeof esc, "C-%c", 'a' + e - 1);
        mux_out("\n\r");
    } else {
        snprintf(esc, sizeof esc, "Escape-Char");
        snprintf(line, sizeof line, "\n\rEscape-Char set to Ascii: 0x%02x\n\r\n\r", e);
        mux_out(line);
    }
    for (size_t i = 0; i < ARRAY_SIZE(lines); i++) {
        snprintf(line, sizeof line, lines[i], esc);
        mux_out(line);
    }
    snprintf(line, sizeof line, "%s %s  sends %s\n\r", esc, esc, esc);
    mux_out(line);
}

/* One input byte: an escape command, or data for whoever has the input (dropped when that
 * one's buffer is full, as a UART drops what overruns its FIFO). */
static void mux_byte(uint8_t b)
{
    if (mux.escape) {
        mux.escape = false;
        if (b != mux_escape_char()) {   /* the escape twice: one of it for whoever has the input */
            if (b == 'h' || b == '?') {
                mux_help();
            } else if (b == 'x') {
                mux_out("QEMU: Terminated\n\r");
                exit(0);   /* QEMU's own end here; the disks hold every completed write */
            } else if (b == 'c') {
                mux.monitor = !mux.monitor;
            }
            return;        /* s, t, b: pcemu writes its disks at once, stamps nothing, has no break */
        }
    } else if (b == mux_escape_char()) {
        mux.escape = true;
        return;
    }
    if (mux.monitor && mux.mon_len < sizeof mux.mon)
        mux.mon[mux.mon_len++] = b == '\r' ? '\n' : b;   /* raw mode: Enter is CR */
    else if (!mux.monitor && mux.ser_len < sizeof mux.ser)
        mux.ser[mux.ser_len++] = b;
}

/* Takes up to len bytes from the front of q (of *qlen). */
static size_t mux_take(uint8_t *q, size_t *qlen, uint8_t *buf, size_t len)
{
    size_t n = MIN(len, *qlen);
    memcpy(buf, q, n);
    memmove(q, q + n, *qlen - n);
    *qlen -= n;
    return n;
}

/* Sorts what stdin has now. */
static void mux_pump(void)
{
    while (mux.open && !mux.eof) {
        struct pollfd p = { .fd = STDIN_FILENO, .events = POLLIN };
        if (poll(&p, 1, 0) <= 0 || !(p.revents & (POLLIN | POLLHUP)))
            break;
        uint8_t in[256];
        ssize_t r = read(STDIN_FILENO, in, sizeof in);
        if (r <= 0) {
            if (r == 0 || (errno != EAGAIN && errno != EINTR))
                mux.eof = true;
            break;
        }
        for (ssize_t i = 0; i < r; i++)
            mux_byte(in[i]);
    }
}

size_t chardev_mux_read_monitor(uint8_t *buf, size_t len, bool *eof)
{
    mux_pump();
    *eof = mux.eof && mux.mon_len == 0;
    return mux_take(mux.mon, &mux.mon_len, buf, len);
}

bool chardev_mux_monitor_focus(void)
{
    return mux.monitor;
}

static void mux_write(void *opaque, const uint8_t *buf, size_t len)
{
    bool broken = false;
    write_all(STDOUT_FILENO, false, buf, len, &broken);
    if (len)
        mux.mid_line = buf[len - 1] != '\n';
}

/* The serial port's input: what the multiplexer kept for it. stdin is read only by the
 * monitor's side (chardev_mux_read_monitor, between run slices), so that a Ctrl-A c is
 * seen there at once, whoever reads next. */
static size_t mux_read(void *opaque, uint8_t *buf, size_t len)
{
    return mux_take(mux.ser, &mux.ser_len, buf, len);
}

Chardev *chardev_mux_open(Err *err)
{
    if (!mux.open) {
        mux.cd = (Chardev){ .write = mux_write, .read = mux_read, .opaque = &mux };
        mux.open = true;
        stdio_raw_tty(false);
    }
    return &mux.cd;
}

void chardev_end_line(const Chardev *c)
{
    bool mid = c && c == &mux.cd ? mux.mid_line
             : c && c->write == backend_write && ((const ChardevBackend *)c)->kind == CHARDEV_STDIO
             ? ((const ChardevBackend *)c)->mid_line : false;
    if (mid && isatty(STDOUT_FILENO))
        mux_out("\n");
}
