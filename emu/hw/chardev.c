/* chardev.c: character back ends for chardev.h: null, stdio, file and unix stream sockets.
 * Reference: QEMU 7.2 chardev/ (char-stdio.c, char-file.c, char-socket.c) for the option
 * spelling and behaviour, and the stdio multiplexer of -nographic and mon:stdio (its own
 * section at the end). Deliberately left out: telnet, and the terminal raw mode QEMU sets
 * on a plain -serial stdio tty (input from a tty arrives line by line there). */
#include "emu/hw/chardev.h"

#include <assert.h>
#include <fcntl.h>
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

static void write_all(int fd, bool sock, const uint8_t *buf, size_t len, bool *broken)
{
    while (len) {
        /* MSG_NOSIGNAL: a peer that went away is an error here, not a SIGPIPE */
        ssize_t n = sock ? send(fd, buf, len, MSG_NOSIGNAL) : write(fd, buf, len);
        if (n < 0 && errno == EINTR)
            continue;
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
    if (n == 0 || (errno != EAGAIN && errno != EINTR)) {
        if (b->kind == CHARDEV_SOCKET && b->listen_fd >= 0)
            socket_drop_client(b);
        else
            b->in_fd = -1;   /* end of input */
    }
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

static int open_socket(ChardevBackend *b, const ChardevOpts *o, Err *err)
{
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
    if (o->wait) {
        int c = accept4(fd, NULL, NULL, SOCK_CLOEXEC);
        if (c < 0)
            return ERR(err, -errno, "chardev socket %s: accept: %s", o->path, strerror(errno));
        fcntl(c, F_SETFL, fcntl(c, F_GETFL) | O_NONBLOCK);
        b->out_fd = b->in_fd = c;
    } else {
        fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
    }
    return 0;
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
    } else if (!strncmp(spec, "unix:", 5)) {
        o.kind = CHARDEV_SOCKET;
        const char *comma = strchr(spec + 5, ',');
        path = comma ? strndup(spec + 5, (size_t)(comma - spec - 5)) : xstrdup(spec + 5);
        o.path = path;
        if (socket_flags(comma ? comma + 1 : NULL, &o, err) < 0)
            goto out;
    } else {
        ERR(err, -EINVAL, "chardev '%s': expected stdio, null, file:PATH or unix:PATH", spec);
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
    bool escape;                /* the last byte was Ctrl-A */
    bool monitor;               /* the monitor has the input */
    bool eof;                   /* stdin ended */
    bool tty;                   /* stdin is a terminal; saved holds its modes */
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

static void mux_restore_tty(void)
{
    if (mux.tty)
        tcsetattr(STDIN_FILENO, TCSANOW, &mux.saved);
}

/* QEMU's qemu_chr_set_echo_stdio(false) with signal=off: no echo, no line editing, no
 * signals from the keyboard, no CR/NL translation; output keeps its NL -> CRNL. */
static void mux_raw_tty(void)
{
    struct termios t;
    if (!isatty(STDIN_FILENO) || tcgetattr(STDIN_FILENO, &mux.saved) < 0)
        return;
    mux.tty = true;
    atexit(mux_restore_tty);
    t = mux.saved;
    t.c_iflag &= ~(unsigned)(IGNBRK | BRKINT | PARMRK | ISTRIP | INLCR | IGNCR | ICRNL | IXON);
    t.c_oflag |= OPOST;
    t.c_lflag &= ~(unsigned)(ECHO | ECHONL | ICANON | IEXTEN | ISIG);
    t.c_cflag &= ~(unsigned)(CSIZE | PARENB);
    t.c_cflag |= CS8;
    t.c_cc[VMIN] = 1;
    t.c_cc[VTIME] = 0;
    tcsetattr(STDIN_FILENO, TCSANOW, &t);
}

/* One input byte: an escape command, or data for whoever has the input (dropped when that
 * one's buffer is full, as a UART drops what overruns its FIFO). */
static void mux_byte(uint8_t b)
{
    if (mux.escape) {
        mux.escape = false;
        switch (b) {
        case 'h': case '?':
            mux_out("\n\rC-a h    print this help\n\r"
                    "C-a x    exit emulator\n\r"
                    "C-a s    save disk data back to file (if -snapshot)\n\r"
                    "C-a t    toggle console timestamps\n\r"
                    "C-a b    send break (magic sysrq)\n\r"
                    "C-a c    switch between console and monitor\n\r"
                    "C-a C-a  sends C-a\n\r");
            return;
        case 'x':
            mux_out("QEMU: Terminated\n\r");
            exit(0);   /* QEMU's own end here; the disks hold every completed write */
        case 'c':
            mux.monitor = !mux.monitor;
            return;
        case MUX_ESCAPE:
            break;     /* one Ctrl-A for whoever has the input */
        default:
            return;    /* s, t, b: pcemu writes its disks at once, stamps nothing, has no break */
        }
    } else if (b == MUX_ESCAPE) {
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
        mux_raw_tty();
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
