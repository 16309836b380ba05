/* cmdline_chardev.c: opening the character devices a parsed command line names (-chardev,
 * -serial, -debugcon and the debug consoles) and listing them for the monitors' `info
 * chardev`, and -echr's escape byte; see cmdline.h (cmdline_open_chardevs). Split from
 * cmdline.c, which only parses. */
#include "emu/front/cmdline.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static Chardev *find_chardev(Cmdline *c, const char *id)
{
    for (int k = 0; k < c->n_chardevs; k++)
        if (!strcmp(c->chardevs[k].id, id))
            return c->chardevs[k].chr;
    return NULL;
}

/* QEMU's filename of a character device (qemu_chr_compute_filename and the backends). */
static void chardev_list_add(MonitorOpts *m, const char *label, const ChardevOpts *o)
{
    if (m->n_chardevs == VM_MAX_CHARDEVS)
        return;
    char *f = m->chardev_files[m->n_chardevs];
    size_t n = sizeof m->chardev_files[0];
    if (o->kind == CHARDEV_SOCKET)
        snprintf(f, n, "%s:%s%s", o->host_port ? "tcp" : "unix",
                 o->host_port ? o->host_port : o->path, o->server ? ",server=on" : "");
    else
        snprintf(f, n, "%s", o->kind == CHARDEV_FILE ? "file" : o->kind == CHARDEV_STDIO ? "stdio"
                             : o->kind == CHARDEV_PTY ? "pty" : "null");
    m->chardevs[m->n_chardevs++] = (VmChardev){ .label = label, .filename = f };
}

/* The -serial spec as ChardevOpts, for its name only (chardev_open_spec parses it again). */
static void serial_opts(const char *spec, ChardevOpts *o, char *path, size_t n)
{
    *o = (ChardevOpts){ .kind = CHARDEV_NULL };
    if (!strcmp(spec, "stdio")) {
        o->kind = CHARDEV_STDIO;
    } else if (!strncmp(spec, "file:", 5)) {
        o->kind = CHARDEV_FILE;
    } else if (!strcmp(spec, "pty")) {
        o->kind = CHARDEV_PTY;
    } else if (!strncmp(spec, "unix:", 5) || !strncmp(spec, "tcp:", 4)) {
        bool tcp = spec[0] == 't';
        const char *at = spec + (tcp ? 4 : 5);
        snprintf(path, n, "%.*s", (int)strcspn(at, ","), at);
        *o = (ChardevOpts){ .kind = CHARDEV_SOCKET, .path = tcp ? NULL : path,
                            .host_port = tcp ? path : NULL,
                            .server = strstr(spec, ",server") != NULL };
    }
}

int cmdline_opt_echr(Cmdline *c, const char *v, Err *err)
{
    char *end;
    long x = strtol(v, &end, 0);
    c->echr = x < INT_MIN ? INT_MIN : x > INT_MAX ? INT_MAX : (int)x;
    if (end == v) {
        printf("Bad argument to echr\n");   /* QEMU's words; it goes on */
        fflush(stdout);
    }
    return 0;
}

/* QEMU's -debugcon SPEC: a chardev labelled "debugcon" and an isa-debugcon at its default
 * port 0xE9 on it, after the -device ones. */
static int open_debugcon(Cmdline *c, char *path, size_t n, Err *err)
{
    for (int i = 0; i < c->mc.n_debugcon; i++)
        if (c->mc.debugcon[i].iobase == 0xE9)
            return ERR(err, -EINVAL, "-debugcon %s: port 0xe9 already has an isa-debugcon",
                       c->debugcon_spec);
    if (c->mc.n_debugcon == MACHINE_MAX_DEBUGCON)
        return ERR(err, -EINVAL, "-debugcon %s: more than %d debug consoles", c->debugcon_spec,
                   MACHINE_MAX_DEBUGCON);
    ChardevOpts o;
    serial_opts(c->debugcon_spec, &o, path, n);
    chardev_list_add(&c->mon, "debugcon", &o);
    if (!(c->debugcon_chr = chardev_open_spec(c->debugcon_spec, err))) {
        err_prefix(err, "-debugcon %s", c->debugcon_spec);
        return err && err->code ? err->code : -EINVAL;
    }
    c->mc.debugcon[c->mc.n_debugcon++] = (MachineDebugcon){ .iobase = 0xE9, .chr = c->debugcon_chr };
    return 0;
}

int cmdline_open_chardevs(Cmdline *c, Err *err)
{
    char spath[256];
    chardev_mux_set_escape(c->echr);
    for (int k = 0; k < c->n_chardevs; k++)
        chardev_list_add(&c->mon, c->chardevs[k].id, &c->chardevs[k].opts);
    if (c->debugcon_spec && open_debugcon(c, spath, sizeof spath, err) < 0)
        return err && err->code ? err->code : -EINVAL;
    for (int k = 0; k < c->n_chardevs; k++) {
        c->chardevs[k].chr = chardev_open(&c->chardevs[k].opts, err);
        if (!c->chardevs[k].chr) {
            err_prefix(err, "-chardev id=%s", c->chardevs[k].id);
            return err && err->code ? err->code : -EINVAL;
        }
    }
    const char *spec = c->serial;
    if (!spec && c->mc.nographic)
        spec = "stdio";   /* QEMU: -nographic puts the serial port on stdio */
    if (spec && !strcmp(spec, "mon:stdio")) {
        /* QEMU: the multiplexer is serial0, on a stdio chardev serial0-base */
        chardev_list_add(&c->mon, "serial0", &(ChardevOpts){ .kind = CHARDEV_NULL });
        snprintf(c->mon.chardev_files[c->mon.n_chardevs - 1], sizeof c->mon.chardev_files[0], "mux");
        chardev_list_add(&c->mon, "serial0-base", &(ChardevOpts){ .kind = CHARDEV_STDIO });
        if (!(c->mc.serial = chardev_mux_open(err)))
            return err && err->code ? err->code : -EINVAL;
    } else if (spec && !strncmp(spec, "chardev:", 8)) {
        c->mc.serial = find_chardev(c, spec + 8);
    } else if (spec && strcmp(spec, "none")) {
        ChardevOpts so;
        serial_opts(spec, &so, spath, sizeof spath);
        chardev_list_add(&c->mon, "serial0", &so);
        c->serial_chr = chardev_open_spec(spec, err);
        if (!c->serial_chr) {
            err_prefix(err, "-serial");
            return err && err->code ? err->code : -EINVAL;
        }
        c->mc.serial = c->serial_chr;
    }
    for (int i = 0; i < c->mc.n_debugcon; i++)
        if (c->debugcon_chardev[i])   /* a -device one; -debugcon's has its own */
            c->mc.debugcon[i].chr = find_chardev(c, c->debugcon_chardev[i]);
    return 0;
}
