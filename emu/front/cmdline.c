/* cmdline.c: parsing the pcemu command line; see cmdline.h. Options are spelt as QEMU 7.2
 * spells them (qemu-options.hx), with one or two leading dashes; key=value lists follow
 * QEMU's QemuOpts rules (comma separated, ",," is a literal comma, a leading value without
 * a key belongs to the option's implied key). A key or value pcemu does not support is an
 * error, never silently ignored, except where the help text says it is accepted. */
#include "emu/front/cmdline.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <limits.h>
#include <time.h>

#define MAX_KV 16

typedef struct Kv {
    char *key;   /* NULL for a bare word */
    char *val;
} Kv;

typedef struct KvList {
    Kv kv[MAX_KV];
    int n;
    char *buf;   /* one allocation holding every key and value */
} KvList;

static const char *keep(Cmdline *c, const char *s)
{
    if (c->n_strings == CMDLINE_MAX_STRINGS)
        abort();   /* more than CMDLINE_MAX_STRINGS string options: argc is capped below */
    return c->strings[c->n_strings++] = xstrdup(s);
}

/* Splits "a=1,b=2,,x,word" into key/value pairs (QemuOpts). The first element may lack
 * "key=": it then gets implied (NULL = a bare word with key NULL). */
static int kv_parse(const char *opt, const char *s, const char *implied, KvList *l, Err *err)
{
    memset(l, 0, sizeof *l);
    size_t n = strlen(s);
    l->buf = xmalloc(n + 1);
    char *out = l->buf;
    const char *p = s;
    while (*p) {
        if (l->n == MAX_KV) {
            free(l->buf);
            return ERR(err, -EINVAL, "%s: more than %d options", opt, MAX_KV);
        }
        char *start = out, *eq = NULL;
        while (*p) {
            if (*p == ',' && p[1] == ',') {
                *out++ = ',';
                p += 2;
            } else if (*p == ',') {
                p++;
                break;
            } else {
                if (*p == '=' && !eq)
                    eq = out;
                *out++ = *p++;
            }
        }
        *out++ = 0;
        Kv *kv = &l->kv[l->n++];
        if (eq) {
            *eq = 0;
            kv->key = start;
            kv->val = eq + 1;
        } else if (l->n == 1 && implied) {
            kv->key = (char *)implied;
            kv->val = start;
        } else {
            kv->key = NULL;
            kv->val = start;
        }
    }
    return 0;
}

static int parse_bool(const char *opt, const char *key, const char *v, bool *b, Err *err)
{
    if (!strcmp(v, "on") || !strcmp(v, "yes") || !strcmp(v, "true"))
        *b = true;
    else if (!strcmp(v, "off") || !strcmp(v, "no") || !strcmp(v, "false"))
        *b = false;
    else
        return ERR(err, -EINVAL, "%s: %s=%s: expected on or off", opt, key, v);
    return 0;
}

/* A whole unsigned number in C syntax (0x.. hex, else decimal). */
static int parse_u64(const char *opt, const char *what, const char *v, uint64_t max, uint64_t *out,
                     Err *err)
{
    char *end;
    if (!*v || *v == '-' || *v == ' ')
        return ERR(err, -EINVAL, "%s: %s '%s' is not a number", opt, what, v);
    errno = 0;
    unsigned long long x = strtoull(v, &end, 0);
    if (errno || *end)
        return ERR(err, -EINVAL, "%s: %s '%s' is not a number", opt, what, v);
    if (x > max)
        return ERR(err, -EINVAL, "%s: %s %s is larger than %" PRIu64, opt, what, v, max);
    *out = x;
    return 0;
}

int cmdline_parse_size(const char *s, uint64_t *bytes, Err *err)
{
    char *end;
    if (!*s || *s == '-' || *s == ' ')
        return ERR(err, -EINVAL, "-m: '%s' is not a size", s);
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    if (errno || end == s)
        return ERR(err, -EINVAL, "-m: '%s' is not a size", s);
    unsigned shift = 20;   /* QEMU: a bare number is MiB */
    if (*end) {
        switch (*end) {
        case 'b': case 'B': shift = 0; break;
        case 'k': case 'K': shift = 10; break;
        case 'm': case 'M': shift = 20; break;
        case 'g': case 'G': shift = 30; break;
        case 't': case 'T': shift = 40; break;
        default: return ERR(err, -EINVAL, "-m: '%s': unknown unit '%c' (K, M, G, T)", s, *end);
        }
        if (end[1] && strcmp(end + 1, "iB") && strcmp(end + 1, "B"))
            return ERR(err, -EINVAL, "-m: '%s' is not a size", s);
    }
    if (v > (UINT64_MAX >> shift))
        return ERR(err, -EINVAL, "-m: '%s' is too large", s);
    *bytes = (uint64_t)v << shift;
    return 0;
}

int cmdline_parse_duration(const char *s, int64_t *ns, Err *err)
{
    const char *p = s;
    uint64_t whole = 0, frac = 0, frac_scale = 1;
    if (*p < '0' || *p > '9')
        return ERR(err, -EINVAL, "-run-for: '%s' is not a duration (e.g. 2s, 150ms, 10us)", s);
    while (*p >= '0' && *p <= '9') {
        if (whole > (UINT64_MAX - 9) / 10)
            return ERR(err, -EINVAL, "-run-for: '%s' is too long", s);
        whole = whole * 10 + (uint64_t)(*p++ - '0');
    }
    if (*p == '.') {
        p++;
        while (*p >= '0' && *p <= '9') {
            if (frac_scale < 1000000000ull) {
                frac = frac * 10 + (uint64_t)(*p - '0');
                frac_scale *= 10;
            }
            p++;
        }
    }
    uint64_t unit;
    if (!*p || !strcmp(p, "s"))
        unit = 1000000000ull;
    else if (!strcmp(p, "ms"))
        unit = 1000000ull;
    else if (!strcmp(p, "us"))
        unit = 1000ull;
    else if (!strcmp(p, "ns"))
        unit = 1;
    else
        return ERR(err, -EINVAL, "-run-for: '%s': unknown unit '%s' (s, ms, us, ns)", s, p);
    uint64_t total;
    if (MUL_OVERFLOWS(whole, unit, &total) || total > INT64_MAX / 2)
        return ERR(err, -EINVAL, "-run-for: '%s' is too long", s);
    total += frac * unit / frac_scale;
    if (total == 0)
        return ERR(err, -EINVAL, "-run-for: '%s' is zero", s);
    *ns = (int64_t)total;
    return 0;
}

int cmdline_parse_date(const char *s, int64_t *secs, Err *err)
{
    struct tm tm = { 0 };
    int y, mo, d, h = 0, mi = 0, se = 0, n = 0;
    if (sscanf(s, "%4d-%2d-%2dT%2d:%2d:%2d%n", &y, &mo, &d, &h, &mi, &se, &n) == 6 && !s[n]) {
        /* full date and time */
    } else if (n = 0, sscanf(s, "%4d-%2d-%2d%n", &y, &mo, &d, &n) == 3 && !s[n]) {
        h = mi = se = 0;
    } else {
        return ERR(err, -EINVAL, "-rtc base=%s: expected utc, localtime, YYYY-MM-DD or "
                   "YYYY-MM-DDTHH:MM:SS", s);
    }
    if (y < 1970 || y > 2099 || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || se > 59)
        return ERR(err, -EINVAL, "-rtc base=%s: date out of range (1970..2099)", s);
    tm.tm_year = y - 1900;
    tm.tm_mon = mo - 1;
    tm.tm_mday = d;
    tm.tm_hour = h;
    tm.tm_min = mi;
    tm.tm_sec = se;
    time_t t = timegm(&tm);
    if (tm.tm_mday != d)
        return ERR(err, -EINVAL, "-rtc base=%s: no such day", s);
    *secs = (int64_t)t;
    return 0;
}

/* ---- one function per option with a value ---- */

static int opt_machine(Cmdline *c, const char *v, Err *err)
{
    KvList l;
    int r = kv_parse("-machine", v, "type", &l, err);
    if (r < 0)
        return r;
    for (int i = 0; i < l.n && r == 0; i++) {
        Kv *kv = &l.kv[i];
        if (kv->key && !strcmp(kv->key, "type")) {
            if (!strcmp(kv->val, "help") || !strcmp(kv->val, "?")) {
                c->action = CMDLINE_MACHINE_HELP;
                continue;
            }
            const MachineType *t = machine_type_find(kv->val);
            if (!t)
                r = ERR(err, -EINVAL, "-machine: unknown machine type '%s' (try -machine help)", kv->val);
            else
                c->mc.type = t;
        } else if (kv->key && !strcmp(kv->key, "accel")) {
            if (strcmp(kv->val, "tcg"))
                r = ERR(err, -EINVAL, "-machine accel=%s: pcemu is its own accelerator (only tcg "
                        "is accepted)", kv->val);
        } else if (kv->key && !strcmp(kv->key, "acpi")) {
            r = parse_bool("-machine", kv->key, kv->val, &c->mc.acpi, err);
        } else if (kv->key && !strcmp(kv->key, "hpet")) {
            r = parse_bool("-machine", kv->key, kv->val, &c->mc.hpet, err);
        } else if (kv->key && !strcmp(kv->key, "pcemu-bios-pad")) {   /* pcemu's own */
            r = parse_bool("-machine", kv->key, kv->val, &c->mc.bios_pad, err);
        } else if (kv->key && !strcmp(kv->key, "vmport")) {   /* QEMU's auto: on, not Xen */
            c->mc.vmport = true;
            if (strcmp(kv->val, "auto"))
                r = parse_bool("-machine", kv->key, kv->val, &c->mc.vmport, err);
        } else {
            r = ERR(err, -EINVAL, "-machine: unsupported property '%s'", kv->key ? kv->key : kv->val);
        }
    }
    free(l.buf);
    return r;
}

static int opt_memory(Cmdline *c, const char *v, Err *err)
{
    KvList l;
    int r = kv_parse("-m", v, "size", &l, err);
    if (r < 0)
        return r;
    for (int i = 0; i < l.n && r == 0; i++) {
        if (l.kv[i].key && !strcmp(l.kv[i].key, "size"))
            r = cmdline_parse_size(l.kv[i].val, &c->mc.ram_size, err);
        else
            r = ERR(err, -EINVAL, "-m: unsupported property '%s'", l.kv[i].key ? l.kv[i].key : l.kv[i].val);
    }
    free(l.buf);
    return r;
}

/* index: 0..3 on IDE, 0..1 on the floppy controller (drive index MACHINE_FLOPPY0 + index);
 * a CD (IDE only) is read-only. */
static int set_drive(Cmdline *c, bool floppy, int index, const char *file, const char *format, bool ro,
                     bool cdrom, Err *err)
{
    int n = floppy ? MACHINE_MAX_DRIVES - MACHINE_FLOPPY0 : MACHINE_IDE_DRIVES;
    const char *bus = floppy ? "floppy" : "IDE";
    if (index < 0 || index >= n)
        return ERR(err, -EINVAL, "-drive: index %d: %s has indexes 0 to %d", index, bus, n - 1);
    if (floppy && cdrom)
        return ERR(err, -EINVAL, "-drive: media=cdrom: pcemu's CD drives are on IDE (if=ide)");
    MachineDrive *d = &c->mc.drives[(floppy ? MACHINE_FLOPPY0 : 0) + index];
    if (d->file)
        return ERR(err, -EINVAL, "-drive: %s index %d is already used by %s", bus, index, d->file);
    int order = 1;
    for (int i = 0; i < MACHINE_MAX_DRIVES; i++)
        order += c->mc.drives[i].file != NULL;
    *d = (MachineDrive){ .file = keep(c, file), .format = format ? keep(c, format) : NULL,
                         .read_only = ro || cdrom, .cdrom = cdrom, .order = order };
    return 0;
}

static int opt_drive(Cmdline *c, const char *v, Err *err)
{
    KvList l;
    int r = kv_parse("-drive", v, NULL, &l, err);
    if (r < 0)
        return r;
    const char *file = NULL, *format = NULL, *node = NULL;
    bool ro = false, cdrom = false, floppy = false, snap = false;
    int64_t index = -1, bus = -1, unit = -1;
    for (int i = 0; i < l.n && r == 0; i++) {
        const char *k = l.kv[i].key, *val = l.kv[i].val;
        uint64_t u;
        if (!k)
            r = ERR(err, -EINVAL, "-drive: '%s' is not key=value", val);
        else if (!strcmp(k, "file"))
            file = val;
        else if (!strcmp(k, "format")) {
            if (strcmp(val, "qcow2") && strcmp(val, "raw"))
                r = ERR(err, -EINVAL, "-drive: format=%s: pcemu reads qcow2 and raw", val);
            format = val;
        } else if (!strcmp(k, "if")) {
            floppy = !strcmp(val, "floppy");
            if (!floppy && strcmp(val, "ide"))
                r = ERR(err, -EINVAL, "-drive: if=%s: pcemu has IDE and floppy drives only", val);
        } else if (!strcmp(k, "media")) {
            if (strcmp(val, "disk") && strcmp(val, "cdrom"))
                r = ERR(err, -EINVAL, "-drive: media=%s: expected disk or cdrom", val);
            cdrom = !strcmp(val, "cdrom");
        } else if (!strcmp(k, "readonly")) {
            r = parse_bool("-drive", k, val, &ro, err);
        } else if (!strcmp(k, "snapshot")) {
            r = parse_bool("-drive", k, val, &snap, err);
        } else if (!strcmp(k, "index")) {
            if ((r = parse_u64("-drive", "index", val, MACHINE_IDE_DRIVES - 1, &u, err)) == 0)
                index = (int64_t)u;
        } else if (!strcmp(k, "bus")) {
            if ((r = parse_u64("-drive", "bus", val, 1, &u, err)) == 0)
                bus = (int64_t)u;
        } else if (!strcmp(k, "unit")) {
            if ((r = parse_u64("-drive", "unit", val, 1, &u, err)) == 0)
                unit = (int64_t)u;
        } else if (!strcmp(k, "id")) {
            /* accepted: names nothing pcemu looks up */
        } else if (!strcmp(k, "node-name")) {
            node = val;   /* the name QMP's query-block reports and snapshot-save takes */
        } else {
            r = ERR(err, -EINVAL, "-drive: unsupported property '%s'", k);
        }
    }
    if (r == 0 && (cdrom || floppy) && !file)
        file = "";   /* QEMU's CD-ROM or floppy drive without a medium */
    if (r == 0 && (!file || (!file[0] && !cdrom && !floppy)))
        r = ERR(err, -EINVAL, "-drive: no file= given");
    if (r == 0 && floppy && bus > 0)
        r = ERR(err, -EINVAL, "-drive: bus=%" PRId64 ": if=floppy has bus 0 only", bus);
    if (r == 0 && (bus >= 0 || unit >= 0)) {
        int64_t bu = (bus < 0 || floppy ? 0 : bus) * 2 + (unit < 0 ? 0 : unit);
        if (index >= 0 && index != bu)
            r = ERR(err, -EINVAL, "-drive: index=%" PRId64 " disagrees with bus=%" PRId64 ",unit=%" PRId64,
                    index, bus, unit);
        index = bu;
    }
    if (r == 0 && index < 0) {   /* QEMU: the first free index */
        int first = floppy ? MACHINE_FLOPPY0 : 0;
        int n = floppy ? MACHINE_MAX_DRIVES - MACHINE_FLOPPY0 : MACHINE_IDE_DRIVES;
        for (int i = 0; i < n && index < 0; i++)
            if (!c->mc.drives[first + i].file)
                index = i;
        if (index < 0)
            r = ERR(err, -EINVAL, "-drive: all %d %s positions are used", n, floppy ? "floppy" : "IDE");
    }
    if (r == 0)
        r = set_drive(c, floppy, (int)index, file, format, ro, cdrom, err);
    if (r == 0)
        c->mc.drives[(floppy ? MACHINE_FLOPPY0 : 0) + index].snapshot = snap;
    if (r == 0 && node)
        c->mon.node_names[(floppy ? MACHINE_FLOPPY0 : 0) + index] = keep(c, node);
    free(l.buf);
    return r;
}

static int opt_boot(Cmdline *c, const char *v, Err *err)
{
    KvList l;
    int r = kv_parse("-boot", v, "order", &l, err);
    if (r < 0)
        return r;
    for (int i = 0; i < l.n && r == 0; i++) {
        const char *k = l.kv[i].key, *val = l.kv[i].val;
        if (!k) {
            r = ERR(err, -EINVAL, "-boot: '%s' is not key=value", val);
        } else if (!strcmp(k, "order")) {
            size_t n = strlen(val);
            if (n == 0 || n >= sizeof c->mc.boot_order || strspn(val, "acdn") != n)
                r = ERR(err, -EINVAL, "-boot order=%s: expected up to %zu of the letters a, c, d, n",
                        val, sizeof c->mc.boot_order - 1);
            else
                memcpy(c->mc.boot_order, val, n + 1);
        } else if (!strcmp(k, "menu")) {
            r = parse_bool("-boot", k, val, &c->mc.boot_menu, err);
        } else if (!strcmp(k, "reboot-timeout")) {
            if (!strcmp(val, "-1")) {
                c->mc.boot_reboot_timeout_ms = -1;
            } else {
                uint64_t u;
                if ((r = parse_u64("-boot", "reboot-timeout", val, 0xFFFF, &u, err)) == 0)
                    c->mc.boot_reboot_timeout_ms = (int64_t)u;
            }
        } else {
            r = ERR(err, -EINVAL, "-boot: unsupported property '%s'", k);
        }
    }
    free(l.buf);
    return r;
}

static int opt_chardev(Cmdline *c, const char *v, Err *err)
{
    KvList l;
    int r = kv_parse("-chardev", v, "backend", &l, err);
    if (r < 0)
        return r;
    if (c->n_chardevs == CMDLINE_MAX_CHARDEVS) {
        free(l.buf);
        return ERR(err, -EINVAL, "-chardev: more than %d", CMDLINE_MAX_CHARDEVS);
    }
    CmdlineChardev cd = { .opts.wait = true };
    const char *backend = NULL, *host = NULL, *port = NULL;
    for (int i = 0; i < l.n && r == 0; i++) {
        const char *k = l.kv[i].key, *val = l.kv[i].val;
        if (!k)
            r = ERR(err, -EINVAL, "-chardev: '%s' is not key=value", val);
        else if (!strcmp(k, "backend"))
            backend = val;
        else if (!strcmp(k, "id"))
            cd.id = val;
        else if (!strcmp(k, "path"))
            cd.opts.path = val;
        else if (!strcmp(k, "host"))
            host = val;
        else if (!strcmp(k, "port"))
            port = val;
        else if (!strcmp(k, "server"))
            r = parse_bool("-chardev", k, val, &cd.opts.server, err);
        else if (!strcmp(k, "wait"))
            r = parse_bool("-chardev", k, val, &cd.opts.wait, err);
        else if (!strcmp(k, "signal") || !strcmp(k, "mux") || !strcmp(k, "logfile"))
            r = ERR(err, -EINVAL, "-chardev: property '%s' is not supported", k);
        else
            r = ERR(err, -EINVAL, "-chardev: unsupported property '%s'", k);
    }
    if (r == 0) {
        if (!backend)
            r = ERR(err, -EINVAL, "-chardev: no backend (file, stdio, null or socket)");
        else if (!strcmp(backend, "file"))
            cd.opts.kind = CHARDEV_FILE;
        else if (!strcmp(backend, "stdio"))
            cd.opts.kind = CHARDEV_STDIO;
        else if (!strcmp(backend, "null"))
            cd.opts.kind = CHARDEV_NULL;
        else if (!strcmp(backend, "socket"))
            cd.opts.kind = CHARDEV_SOCKET;
        else if (!strcmp(backend, "pty"))
            cd.opts.kind = CHARDEV_PTY;
        else
            r = ERR(err, -EINVAL, "-chardev: backend '%s' (pcemu has file, stdio, null, socket, pty)", backend);
    }
    if (r == 0 && (!cd.id || !*cd.id))
        r = ERR(err, -EINVAL, "-chardev %s: no id=", backend);
    if (r == 0 && (host || port) && (cd.opts.kind != CHARDEV_SOCKET || cd.opts.path || !port))
        r = ERR(err, -EINVAL, "-chardev %s,id=%s: host= and port= go with a socket without path=, "
                "and port= is needed", backend, cd.id);
    if (r == 0 && (cd.opts.kind == CHARDEV_FILE || (cd.opts.kind == CHARDEV_SOCKET && !port)) && !cd.opts.path)
        r = ERR(err, -EINVAL, "-chardev %s,id=%s: no path=", backend, cd.id);
    for (int i = 0; r == 0 && i < c->n_chardevs; i++)
        if (!strcmp(c->chardevs[i].id, cd.id))
            r = ERR(err, -EINVAL, "-chardev: duplicate id '%s'", cd.id);
    if (r == 0) {
        cd.id = keep(c, cd.id);
        cd.opts.label = cd.id;
        if (cd.opts.path)
            cd.opts.path = keep(c, cd.opts.path);
        if (port) {
            char *hp = xmalloc(strlen(host ? host : "") + strlen(port) + 2);
            sprintf(hp, "%s:%s", host ? host : "", port);
            cd.opts.host_port = keep(c, hp);
            free(hp);
        }
        c->chardevs[c->n_chardevs++] = cd;
    }
    free(l.buf);
    return r;
}

static int opt_device(Cmdline *c, const char *v, Err *err)
{
    KvList l;
    int r = kv_parse("-device", v, "driver", &l, err);
    if (r < 0)
        return r;
    const char *driver = NULL, *chardev = NULL;
    uint64_t iobase = 0xE9;   /* QEMU's isa-debugcon default */
    for (int i = 0; i < l.n && r == 0; i++) {
        const char *k = l.kv[i].key, *val = l.kv[i].val;
        if (!k)
            r = ERR(err, -EINVAL, "-device: '%s' is not key=value", val);
        else if (!strcmp(k, "driver"))
            driver = val;
        else if (!strcmp(k, "chardev"))
            chardev = val;
        else if (!strcmp(k, "iobase"))
            r = parse_u64("-device", "iobase", val, 0xFFFF, &iobase, err);
        else if (!strcmp(k, "id"))
            ;   /* accepted: names nothing pcemu looks up */
        else
            r = ERR(err, -EINVAL, "-device %s: unsupported property '%s'", driver ? driver : "", k);
    }
    if (r == 0 && (!driver || strcmp(driver, "isa-debugcon")))
        r = ERR(err, -EINVAL, "-device %s: pcemu's only pluggable device is isa-debugcon",
                driver ? driver : "(none)");
    if (r == 0 && !chardev)
        r = ERR(err, -EINVAL, "-device isa-debugcon: no chardev=");
    if (r == 0 && c->mc.n_debugcon == MACHINE_MAX_DEBUGCON)
        r = ERR(err, -EINVAL, "-device isa-debugcon: more than %d", MACHINE_MAX_DEBUGCON);
    if (r == 0) {
        int i = c->mc.n_debugcon++;
        c->mc.debugcon[i].iobase = (uint16_t)iobase;
        c->mc.debugcon[i].chardev_id = c->debugcon_chardev[i] = keep(c, chardev);
    }
    free(l.buf);
    return r;
}

static int opt_icount(Cmdline *c, const char *v, Err *err)
{
    KvList l;
    int r = kv_parse("-icount", v, "shift", &l, err);
    if (r < 0)
        return r;
    for (int i = 0; i < l.n && r == 0; i++) {
        const char *k = l.kv[i].key, *val = l.kv[i].val;
        bool b;
        if (k && !strcmp(k, "shift")) {
            uint64_t u;
            if (!strcmp(val, "auto"))
                r = ERR(err, -EINVAL, "-icount shift=auto: pcemu's clock is always fixed-rate "
                        "(give shift=0..10)");
            else if ((r = parse_u64("-icount", "shift", val, 10, &u, err)) == 0)
                c->mc.icount_shift = (int)u;
        } else if (k && (!strcmp(k, "sleep") || !strcmp(k, "align"))) {
            r = parse_bool("-icount", k, val, &b, err);   /* accepted: pcemu never sleeps */
        } else {
            r = ERR(err, -EINVAL, "-icount: unsupported property '%s'", k ? k : val);
        }
    }
    free(l.buf);
    return r;
}

static int opt_rtc(Cmdline *c, const char *v, Err *err)
{
    KvList l;
    int r = kv_parse("-rtc", v, NULL, &l, err);
    if (r < 0)
        return r;
    for (int i = 0; i < l.n && r == 0; i++) {
        const char *k = l.kv[i].key, *val = l.kv[i].val;
        if (k && !strcmp(k, "base")) {
            if (!strcmp(val, "utc")) {
                c->rtc = CMDLINE_RTC_UTC;
            } else if (!strcmp(val, "localtime")) {
                c->rtc = CMDLINE_RTC_LOCALTIME;
            } else if ((r = cmdline_parse_date(val, &c->mc.rtc_base, err)) == 0) {
                c->rtc = CMDLINE_RTC_FIXED;
            }
        } else if (k && !strcmp(k, "clock")) {
            if (strcmp(val, "vm"))
                r = ERR(err, -EINVAL, "-rtc clock=%s: pcemu's RTC runs on the virtual clock "
                        "(clock=vm)", val);
        } else if (k && !strcmp(k, "driftfix")) {
            if (strcmp(val, "none"))
                r = ERR(err, -EINVAL, "-rtc driftfix=%s: only none (there is no drift)", val);
        } else {
            r = ERR(err, -EINVAL, "-rtc: unsupported property '%s'", k ? k : val);
        }
    }
    free(l.buf);
    return r;
}

static int opt_run_until(Cmdline *c, const char *v, Err *err)
{
    if (!strncmp(v, "serial:", 7)) {
        if (!v[7])
            return ERR(err, -EINVAL, "-run-until serial: needs a text");
        if (c->limits.serial_text)
            return ERR(err, -EINVAL, "-run-until serial: given twice");
        c->limits.serial_text = keep(c, v + 7);
    } else if (!strcmp(v, "halt")) {
        c->limits.until_halt = true;
    } else if (!strncmp(v, "icount:", 7)) {
        uint64_t n;
        int r = parse_u64("-run-until", "icount", v + 7, UINT64_MAX, &n, err);
        if (r < 0)
            return r;
        if (n == 0)
            return ERR(err, -EINVAL, "-run-until icount:0: the count must be positive");
        c->limits.until_icount = n;
    } else {
        return ERR(err, -EINVAL, "-run-until %s: expected serial:TEXT, halt or icount:N", v);
    }
    return 0;
}

static int opt_display(Cmdline *c, const char *v, Err *err)
{
    if (strcmp(v, "none") && strncmp(v, "none,", 5))
        return ERR(err, -EINVAL, "-display %s: pcemu has no display (only -display none)", v);
    c->display_none = true;
    return 0;
}

static int opt_trace(Cmdline *c, const char *v, Err *err)
{
    unsigned m;
    if (!strcmp(v, "help")) {
        c->action = CMDLINE_TRACE_HELP;
        return 0;
    }
    if (trace_parse(v, &m) < 0)
        return ERR(err, -EINVAL, "-d %s: unknown category (cpu, int, io, dev, block, snap, mmu)", v);
    c->trace_mask |= m;
    return 0;
}

/* -cpu MODEL[,FEATURE]...: QEMU 7.2's models and feature names (emu/cpu/cpu_model.h). */
static int opt_cpu(Cmdline *c, const char *v, Err *err)
{
    if (!strcmp(v, "help") || !strcmp(v, "?")) {
        c->action = CMDLINE_CPU_HELP;
        return 0;
    }
    return cpu_model_parse(v, &c->mc.cpu, err);
}

static int opt_option_rom(Cmdline *c, const char *v, Err *err)
{
    KvList l;
    int r = kv_parse("-option-rom", v, "romfile", &l, err);
    if (r < 0)
        return r;
    const char *file = NULL;
    for (int i = 0; i < l.n && r == 0; i++) {
        if (l.kv[i].key && !strcmp(l.kv[i].key, "romfile"))
            file = l.kv[i].val;
        else
            r = ERR(err, -EINVAL, "-option-rom: unsupported property '%s'",
                    l.kv[i].key ? l.kv[i].key : l.kv[i].val);
    }
    if (r == 0 && (!file || !*file))
        r = ERR(err, -EINVAL, "-option-rom: no file");
    if (r == 0 && c->mc.n_option_roms == MACHINE_MAX_OPTION_ROMS)
        r = ERR(err, -EINVAL, "-option-rom: more than %d", MACHINE_MAX_OPTION_ROMS);
    if (r == 0)
        c->mc.option_roms[c->mc.n_option_roms++] = keep(c, file);
    free(l.buf);
    return r;
}

static int opt_bios(Cmdline *c, const char *v, Err *err)
{
    if (!*v)
        return ERR(err, -EINVAL, "-bios: empty file name");
    c->mc.bios = keep(c, v);
    return 0;
}
/* -kernel, -initrd, -append: as QEMU, the last one given counts; checked together at the
 * end of cmdline_parse, the files when the machine is built (firmware/kernelboot.h) */
static int opt_kernel(Cmdline *c, const char *v, Err *err) { c->mc.kernel = keep(c, v); return 0; }
static int opt_initrd(Cmdline *c, const char *v, Err *err) { c->mc.initrd = keep(c, v); return 0; }
static int opt_append(Cmdline *c, const char *v, Err *err) { c->mc.append = keep(c, v); return 0; }
static int opt_debugcon(Cmdline *c, const char *v, Err *err)
{
    return c->debugcon_spec ? ERR(err, -EINVAL, "-debugcon %s: there is already a debugcon "
                                  "device (QEMU takes one -debugcon)", v)
                            : (c->debugcon_spec = keep(c, v), 0);
}
static int opt_hd(Cmdline *c, int index, const char *v, Err *err)
{
    return set_drive(c, false, index, v, NULL, false, false, err);
}
static int opt_hda(Cmdline *c, const char *v, Err *err) { return opt_hd(c, 0, v, err); }
static int opt_hdb(Cmdline *c, const char *v, Err *err) { return opt_hd(c, 1, v, err); }
static int opt_hdc(Cmdline *c, const char *v, Err *err) { return opt_hd(c, 2, v, err); }
/* QEMU's -cdrom: -drive file=FILE,index=2,media=cdrom (secondary master, ide1-cd0) */
static int opt_cdrom(Cmdline *c, const char *v, Err *err)
{
    return set_drive(c, false, 2, v, NULL, true, true, err);
}
static int opt_hdd(Cmdline *c, const char *v, Err *err) { return opt_hd(c, 3, v, err); }
static int opt_fda(Cmdline *c, const char *v, Err *err) { return set_drive(c, true, 0, v, NULL, false, false, err); }
static int opt_fdb(Cmdline *c, const char *v, Err *err) { return set_drive(c, true, 1, v, NULL, false, false, err); }
static int opt_serial(Cmdline *c, const char *v, Err *err)
{
    if (c->serial)
        return ERR(err, -EINVAL, "-serial %s: pcemu has one serial port (COM1), already -serial %s",
                   v, c->serial);
    c->serial = keep(c, v);
    return 0;
}
static int opt_run_for(Cmdline *c, const char *v, Err *err)
{
    return cmdline_parse_duration(v, &c->limits.run_for_ns, err);
}
static int opt_logfile(Cmdline *c, const char *v, Err *err)
{
    c->trace_file = keep(c, v);
    return 0;
}
static int opt_dump_vmstate(Cmdline *c, const char *v, Err *err)
{
    c->action = CMDLINE_DUMP_VMSTATE;
    c->dump_vmstate = keep(c, v);
    return 0;
}
static int opt_nographic(Cmdline *c, const char *v, Err *err) { c->mc.nographic = true; return 0; }
static int opt_no_reboot(Cmdline *c, const char *v, Err *err) { c->mc.no_reboot = true; return 0; }
static int opt_no_fd_bootchk(Cmdline *c, const char *v, Err *err) { c->mc.no_fd_bootchk = true; return 0; }
static int opt_paused(Cmdline *c, const char *v, Err *err) { c->paused = true; return 0; }
/* -nodefaults: pcemu's defaults already are QEMU's -nodefaults set */
static int opt_nodefaults(Cmdline *c, const char *v, Err *err) { return 0; }
static int opt_version(Cmdline *c, const char *v, Err *err) { c->action = CMDLINE_VERSION; return 0; }
static int opt_help(Cmdline *c, const char *v, Err *err) { c->action = CMDLINE_HELP; return 0; }

/* ---- snapshots and monitors (monitor.h) ---- */

/* -snapshot save NAME (pcemu's), or without the keyword QEMU's plain -snapshot (v NULL) */
static int opt_snapshot(Cmdline *c, const char *v, Err *err)
{
    if (!v) {
        c->mc.snapshot = true;
        return 0;
    }
    size_t n = strlen(v);
    if (n == 0 || n > 255)
        return ERR(err, -EINVAL, "-snapshot save: the name must be 1 to 255 bytes");
    c->mon.save_name = keep(c, v);
    return 0;
}
static int opt_loadvm(Cmdline *c, const char *v, Err *err) { c->mon.loadvm = keep(c, v); return 0; }
static int opt_monitor(Cmdline *c, const char *v, Err *err)
{
    c->monitor_none = !strcmp(v, "none");
    c->mon.hmp = c->monitor_none ? NULL : keep(c, v);
    return 0;
}
static int opt_qmp(Cmdline *c, const char *v, Err *err) { c->mon.qmp = keep(c, v); return 0; }
static int opt_gdb(Cmdline *c, const char *v, Err *err) { c->mon.gdb = keep(c, v); return 0; }
static int opt_gdb_default(Cmdline *c, const char *v, Err *err)
{
    c->mon.gdb = "tcp::1234";   /* -s: QEMU's shorthand */
    return 0;
}

/* stdin can feed one reader only (QEMU refuses the same): a monitor on stdio excludes any
 * other stdio user. */
static int check_stdio(const Cmdline *c, Err *err)
{
    const MonitorOpts *o = &c->mon;
    int n = (o->hmp && !strcmp(o->hmp, "stdio")) + (o->qmp && !strcmp(o->qmp, "stdio"));
    if (n == 0)
        return 0;
    n += c->mc.nographic + (c->serial && !strncmp(c->serial, "stdio", 5));
    for (int k = 0; k < c->n_chardevs; k++)
        n += c->chardevs[k].opts.kind == CHARDEV_STDIO;
    if (n > 1)
        return ERR(err, -EINVAL, "cannot use stdio by multiple character devices");
    return 0;
}

/* ---- QEMU options that describe what pcemu is ---- */

/* -smp: pcemu emulates one CPU, so every count QEMU takes must be 1. */
static int opt_smp(Cmdline *c, const char *v, Err *err)
{
    static const char *const keys[] = { "cpus", "maxcpus", "sockets", "dies", "clusters",
                                        "cores", "threads" };
    KvList l;
    int r = kv_parse("-smp", v, "cpus", &l, err);
    if (r < 0)
        return r;   /* l.buf is freed */
    for (int i = 0; r == 0 && i < l.n; i++) {
        bool known = false;
        for (size_t k = 0; l.kv[i].key && k < ARRAY_SIZE(keys); k++)
            known |= !strcmp(l.kv[i].key, keys[k]);
        if (!known)
            r = ERR(err, -EINVAL, "-smp: unsupported property '%s'", l.kv[i].key ? l.kv[i].key : l.kv[i].val);
        else if (strcmp(l.kv[i].val, "1"))
            r = ERR(err, -EINVAL, "-smp %s: pcemu emulates one CPU (only %s=1)", v, l.kv[i].key);
    }
    free(l.buf);
    return r;
}

/* -accel: pcemu interprets every instruction itself, which is QEMU's tcg in one thread. */
static int opt_accel(Cmdline *c, const char *v, Err *err)
{
    KvList l;
    int r = kv_parse("-accel", v, "accel", &l, err);
    if (r < 0)
        return r;   /* l.buf is freed */
    for (int i = 0; r == 0 && i < l.n; i++) {
        const char *k = l.kv[i].key, *val = l.kv[i].val;
        if (k && !strcmp(k, "accel") && strcmp(val, "tcg"))
            r = ERR(err, -EINVAL, "-accel %s: pcemu has no %s: it interprets the guest itself "
                    "(only -accel tcg)", val, val);
        else if (k && !strcmp(k, "thread") && strcmp(val, "single"))
            r = ERR(err, -EINVAL, "-accel thread=%s: pcemu runs the guest in one thread "
                    "(thread=single)", val);
        else if (!k || (strcmp(k, "accel") && strcmp(k, "thread")))
            r = ERR(err, -EINVAL, "-accel: unsupported property '%s' (pcemu takes tcg and "
                    "thread=single)", k ? k : val);
    }
    free(l.buf);
    return r;
}

/* -name [guest=]NAME[,process=P][,debug-threads=on|off]: pcemu has one thread, so
 * debug-threads names nothing. */
static int opt_name(Cmdline *c, const char *v, Err *err)
{
    KvList l;
    int r = kv_parse("-name", v, "guest", &l, err);
    if (r < 0)
        return r;   /* l.buf is freed */
    for (int i = 0; r == 0 && i < l.n; i++) {
        const char *k = l.kv[i].key, *val = l.kv[i].val;
        bool b;
        if (k && !strcmp(k, "guest"))
            c->name = keep(c, val);
        else if (k && !strcmp(k, "process"))
            c->process_name = keep(c, val);
        else if (k && !strcmp(k, "debug-threads"))
            r = parse_bool("-name", k, val, &b, err);
        else
            r = ERR(err, -EINVAL, "-name: unsupported property '%s'", k ? k : val);
    }
    free(l.buf);
    return r;
}

static int opt_pidfile(Cmdline *c, const char *v, Err *err)
{
    if (!*v)
        return ERR(err, -EINVAL, "-pidfile: empty file name");
    c->pidfile = keep(c, v);
    return 0;
}
static int opt_no_shutdown(Cmdline *c, const char *v, Err *err) { c->no_shutdown = c->mon.no_shutdown = true; return 0; }

/* An option whose only value pcemu can honour is "none" (QEMU's -vga none, -net none...). */
static int only_none(const char *opt, const char *v, const char *lacks, Err *err)
{
    if (strcmp(v, "none"))
        return ERR(err, -EINVAL, "-%s %s: pcemu has no %s (only -%s none)", opt, v, lacks, opt);
    return 0;
}
static int opt_vga(Cmdline *c, const char *v, Err *err) { return only_none("vga", v, "graphics card", err); }
static int opt_net(Cmdline *c, const char *v, Err *err) { return only_none("net", v, "network card", err); }
static int opt_nic(Cmdline *c, const char *v, Err *err) { return only_none("nic", v, "network card", err); }
static int opt_parallel(Cmdline *c, const char *v, Err *err) { return only_none("parallel", v, "parallel port", err); }
/* Flags that describe pcemu as it is: no ACPI, no HPET, no configuration files read,
 * every device migratable, one instruction at a time. */
static int opt_accepted(Cmdline *c, const char *v, Err *err) { return 0; }
static int opt_no_acpi(Cmdline *c, const char *v, Err *err) { c->mc.acpi = false; return 0; }
static int opt_no_hpet(Cmdline *c, const char *v, Err *err) { c->mc.hpet = false; return 0; }

/* QEMU 7.2's qemu-system-i386 options that pcemu does not offer, each with the one line
 * that says what pcemu lacks. nargs is QEMU's (the argument is taken, so that the error
 * names the option, not the argument). The options other parts of pcemu handle are in
 * options[] above; an option here is refused whatever its argument. */
typedef struct Absent {
    const char *name;
    int nargs;
    const char *lacks;
} Absent;
static const Absent absent[] = {
    { "enable-kvm", 0, "has no KVM: it interprets the guest itself (-accel tcg)" },
    { "L", 1, "looks for firmware in /usr/share/seabios and /usr/share/qemu only (give -bios a path)" },
    { "acpitable", 1, "has no ACPI" },
    { "action", 1, "has no configurable actions (-no-reboot and -no-shutdown are offered)" },
    { "add-fd", 1, "opens no file descriptor sets" },
    { "async-teardown", 0, "has no teardown process" },
    { "audio", 1, "has no sound card" },
    { "audio-help", 0, "has no sound card" },
    { "audiodev", 1, "has no sound card" },
    { "blockdev", 1, "configures disks with -drive only" },
    { "chroot", 1, "does not chroot" },
    { "compat", 1, "has no deprecated interfaces to select" },
    { "daemonize", 0, "does not daemonize (start it in the background from the shell)" },
    { "dfilter", 1, "has no address filter for -d" },
    { "dtb", 1, "has no device tree" },
    { "enable-sync-profile", 0, "has no lock profiler" },
    { "fsdev", 1, "has no file system passthrough" },
    { "full-screen", 0, "has no display" },
    { "fw_cfg", 1, "takes no user fw_cfg files" },
    { "global", 1, "has no device properties to set" },
    { "incoming", 1, "has no live migration (start from a snapshot with -loadvm)" },
    { "iscsi", 1, "has no iSCSI" },
    { "k", 1, "has no display (no keyboard layout)" },
    { "mem-path", 1, "keeps RAM in anonymous memory" },
    { "mem-prealloc", 0, "keeps RAM in anonymous memory" },
    { "mon", 1, "takes its monitors as -monitor and -qmp" },
    { "msg", 1, "has no message timestamps" },
    { "mtdblock", 1, "has no flash memory" },
    { "netdev", 1, "has no network card" },
    { "numa", 1, "has no NUMA (one CPU)" },
    { "object", 1, "has no user-creatable objects" },
    { "overcommit", 1, "has no memory locking or CPU power management options" },
    { "pflash", 1, "has no flash memory (the firmware is given with -bios)" },
    { "plugin", 1, "has no TCG plugins" },
    { "portrait", 0, "has no display" },
    { "preconfig", 0, "has no preconfiguration state" },
    { "qmp-pretty", 1, "prints QMP replies on one line (-qmp)" },
    { "qtest", 1, "has no qtest protocol" },
    { "qtest-log", 1, "has no qtest protocol" },
    { "readconfig", 1, "reads no configuration files" },
    { "rotate", 1, "has no display" },
    { "runas", 1, "does not change user" },
    { "sandbox", 1, "has no seccomp sandbox" },
    { "sd", 1, "has no SD card" },
    { "seed", 1, "has no random number source" },
    { "set", 1, "has no device properties to set" },
    { "smbios", 1, "has fixed SMBIOS tables" },
    { "spice", 1, "has no display" },
    { "tpmdev", 1, "has no TPM" },
    { "trace", 1, "has no trace events (-d CAT)" },
    { "usb", 0, "has no USB" },
    { "usbdevice", 1, "has no USB" },
    { "uuid", 1, "has no system UUID" },
    { "virtfs", 1, "has no file system passthrough" },
    { "vnc", 1, "has no display" },
    { "watchdog-action", 1, "has no watchdog" },
    { "win2k-hack", 0, "has no Windows 2000 installer workaround" },
    { "xen-attach", 0, "has no Xen" },
    { "xen-domid", 1, "has no Xen" },
    { "xen-domid-restrict", 0, "has no Xen" },
};

/* QEMU options for other targets than i386: refused as qemu-system-i386 refuses them. */
static const Absent other_targets[] = {
    { "g", 1, NULL }, { "old-param", 0, NULL }, { "prom-env", 1, NULL },
    { "semihosting", 0, NULL }, { "semihosting-config", 1, NULL },
};

/* ---- the option table ---- */

typedef struct Option {
    const char *name;        /* without the leading dash */
    int (*fn)(Cmdline *c, const char *v, Err *err);   /* v: the argument, NULL for none */
    int nargs;               /* words after the option: 0, 1, or 2 = keyword then argument */
    const char *keyword;     /* nargs 2: the first word; without it the option is a flag */
    const char *missing;     /* the error, after "-name: ", when words are missing or the
                                keyword is wrong; NULL: "requires an argument" */
} Option;

/* An option with one argument, and one without. */
#define OPT_ARG(n, f) { .name = (n), .fn = (f), .nargs = 1 }
#define OPT_FLAG(n, f) { .name = (n), .fn = (f) }
static const Option options[] = {
    OPT_ARG("M", opt_machine),            OPT_ARG("machine", opt_machine),
    OPT_ARG("cpu", opt_cpu),              OPT_ARG("m", opt_memory),
    OPT_ARG("bios", opt_bios),            OPT_ARG("option-rom", opt_option_rom),
    OPT_ARG("drive", opt_drive),          OPT_ARG("hda", opt_hda),
    OPT_ARG("hdb", opt_hdb),              OPT_ARG("hdc", opt_hdc),
    OPT_ARG("hdd", opt_hdd),              OPT_ARG("boot", opt_boot),
    OPT_ARG("cdrom", opt_cdrom),
    OPT_ARG("serial", opt_serial),        OPT_ARG("chardev", opt_chardev),
    OPT_ARG("device", opt_device),        OPT_ARG("display", opt_display),
    OPT_ARG("icount", opt_icount),        OPT_ARG("rtc", opt_rtc),
    OPT_ARG("d", opt_trace),              OPT_ARG("D", opt_logfile),
    OPT_ARG("run-until", opt_run_until),  OPT_ARG("run-for", opt_run_for),
    OPT_ARG("dump-vmstate", opt_dump_vmstate),
    OPT_ARG("kernel", opt_kernel),        OPT_ARG("initrd", opt_initrd),
    OPT_ARG("append", opt_append),        OPT_ARG("debugcon", opt_debugcon),
    OPT_ARG("echr", cmdline_opt_echr),
    OPT_FLAG("nographic", opt_nographic), OPT_FLAG("no-reboot", opt_no_reboot),
    OPT_FLAG("no-fd-bootchk", opt_no_fd_bootchk),
    OPT_FLAG("S", opt_paused),            OPT_FLAG("nodefaults", opt_nodefaults),
    OPT_FLAG("version", opt_version),     OPT_FLAG("help", opt_help),
    OPT_FLAG("h", opt_help),
    OPT_ARG("fda", opt_fda),              OPT_ARG("fdb", opt_fdb),
    { .name = "snapshot", .fn = opt_snapshot, .nargs = 2, .keyword = "save",
      .missing = "expected 'save NAME' (-snapshot save NAME saves snapshot NAME at the stop)" },
    { .name = "loadvm", .fn = opt_loadvm, .nargs = 1, .missing = "argument missing" },
    { .name = "monitor", .fn = opt_monitor, .nargs = 1, .missing = "argument missing" },
    { .name = "qmp", .fn = opt_qmp, .nargs = 1, .missing = "argument missing" },
    { .name = "gdb", .fn = opt_gdb, .nargs = 1, .missing = "argument missing" },
    OPT_FLAG("s", opt_gdb_default),
    OPT_ARG("smp", opt_smp),              OPT_ARG("accel", opt_accel),
    OPT_ARG("name", opt_name),            OPT_ARG("pidfile", opt_pidfile),
    OPT_FLAG("no-shutdown", opt_no_shutdown),
    OPT_ARG("vga", opt_vga),              OPT_ARG("net", opt_net),
    OPT_ARG("nic", opt_nic),              OPT_ARG("parallel", opt_parallel),
    OPT_FLAG("no-acpi", opt_no_acpi),    OPT_FLAG("no-hpet", opt_no_hpet),
    OPT_FLAG("no-user-config", opt_accepted), OPT_FLAG("only-migratable", opt_accepted),
    OPT_FLAG("singlestep", opt_accepted),
};
#undef OPT_ARG
#undef OPT_FLAG


/* The edit distance between a and b (both shorter than 32 bytes; longer ones are far). */
static unsigned edit_distance(const char *a, const char *b)
{
    size_t na = strlen(a), nb = strlen(b);
    unsigned row[32];
    if (na >= ARRAY_SIZE(row) || nb >= ARRAY_SIZE(row))
        return UINT_MAX;
    for (size_t j = 0; j <= nb; j++)
        row[j] = (unsigned)j;
    for (size_t i = 1; i <= na; i++) {
        unsigned diag = row[0];
        row[0] = (unsigned)i;
        for (size_t j = 1; j <= nb; j++) {
            unsigned up = row[j];
            row[j] = MIN(MIN(row[j] + 1, row[j - 1] + 1), diag + (a[i - 1] != b[j - 1]));
            diag = up;
        }
    }
    return row[nb];
}

/* The closest option name, QEMU's or pcemu's, to a misspelt one; NULL when none is near
 * (a third of the name's letters, at least one and at most three, may differ). */
static const char *closest_option(const char *name)
{
    const char *best = NULL;
    unsigned best_d = MIN(MAX(strlen(name) / 3, 1u), 3u) + 1;
    for (size_t k = 0; k < ARRAY_SIZE(options) + ARRAY_SIZE(absent); k++) {
        const char *cand = k < ARRAY_SIZE(options) ? options[k].name : absent[k - ARRAY_SIZE(options)].name;
        unsigned d = edit_distance(name, cand);
        if (d < best_d) {
            best_d = d;
            best = cand;
        }
    }
    return best;
}

/* argv[i], named name (dashes dropped), is not in options[]: one line saying what pcemu
 * lacks for a QEMU option, or the closest real option to a misspelt one. */
static int refuse(int argc, char **argv, int i, const char *name, Err *err)
{
    const char *a = argv[i];
    for (size_t k = 0; k < ARRAY_SIZE(absent) + ARRAY_SIZE(other_targets); k++) {
        const Absent *o = k < ARRAY_SIZE(absent) ? &absent[k] : &other_targets[k - ARRAY_SIZE(absent)];
        if (strcmp(name, o->name))
            continue;
        if (o->nargs && i + 1 == argc)   /* QEMU checks this first too */
            return ERR(err, -EINVAL, "%s: requires an argument", a);
        if (!o->lacks)
            return ERR(err, -EINVAL, "%s: Option not supported for this target (QEMU offers "
                       "it for other targets than i386)", a);
        if (o->nargs)
            return ERR(err, -EINVAL, "%s %s: pcemu %s", a, argv[i + 1], o->lacks);
        return ERR(err, -EINVAL, "%s: pcemu %s", a, o->lacks);
    }
    const char *near = closest_option(name);
    if (near)
        return ERR(err, -EINVAL, "%s: unknown option; did you mean -%s? (try -help)", a, near);
    return ERR(err, -EINVAL, "%s: unknown option (try -help)", a);
}

int cmdline_parse(int argc, char **argv, Cmdline *c, Err *err)
{
    memset(c, 0, sizeof *c);
    c->echr = 1;   /* Ctrl-A */
    machine_config_init(&c->mc, NULL);
    if (argc > CMDLINE_MAX_STRINGS / 2)
        return ERR(err, -EINVAL, "too many arguments (%d)", argc);
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (a[0] != '-' || !a[1])
            return ERR(err, -EINVAL, "'%s': not an option (a disk image is given with -drive or -hda)", a);
        const char *name = a + 1 + (a[1] == '-');
        if (!strcmp(a, "--dump-vmstate") && (i + 1 == argc || argv[i + 1][0] == '-')) {
            c->action = CMDLINE_DUMP_VMSTATE;   /* no file: stdout */
            c->dump_vmstate = keep(c, "-");
            continue;
        }
        const Option *o = NULL;
        for (size_t k = 0; k < ARRAY_SIZE(options); k++)
            if (!strcmp(name, options[k].name))
                o = &options[k];
        if (!o)
            return refuse(argc, argv, i, name, err);
        int nargs = o->keyword && (i + 1 == argc || strcmp(argv[i + 1], o->keyword)) ? 0 : o->nargs;
        if (argc - 1 - i < nargs)
            return ERR(err, -EINVAL, "%s: %s", a, o->missing ? o->missing : "requires an argument");
        i += nargs;
        int r = o->fn(c, nargs ? argv[i] : NULL, err);
        if (r < 0)
            return r;
    }
    /* QEMU's -nographic: with neither -serial nor -monitor given, COM1 and the human
     * monitor share the terminal (mon:stdio); with one given, the serial port alone. */
    if (c->mc.nographic && !c->serial && !c->mon.hmp && !c->monitor_none &&
        !(c->mon.qmp && !strcmp(c->mon.qmp, "stdio")))
        c->serial = keep(c, "mon:stdio");
    if (c->serial && !strcmp(c->serial, "mon:stdio")) {
        if (c->mon.hmp)
            return ERR(err, -EINVAL, "-serial mon:stdio: pcemu has one human monitor, already "
                       "-monitor %s", c->mon.hmp);
        c->mon.hmp = keep(c, "mon:stdio");
    }
    if (check_stdio(c, err) < 0)
        return -EINVAL;
    if (c->action != CMDLINE_RUN)
        return 0;
    if (!c->mc.kernel && c->mc.append && *c->mc.append)   /* QEMU's words and order */
        return ERR(err, -EINVAL, "-append only allowed with -kernel option");
    if (!c->mc.kernel && c->mc.initrd)
        return ERR(err, -EINVAL, "-initrd only allowed with -kernel option");
    if (c->mon.save_name && c->mc.snapshot)
        return ERR(err, -EINVAL, "-snapshot save %s: -snapshot opens the images read-only, so "
                   "there is nowhere to save", c->mon.save_name);
    const MachineLimits *lim = &c->limits;
    if (c->mon.save_name && !c->paused && !lim->serial_text && !lim->until_halt &&
        !lim->until_icount && !lim->run_for_ns && !c->mon.hmp && !c->mon.qmp && !c->mon.gdb)
        return ERR(err, -EINVAL, "-snapshot save %s: no stop condition, so the run would never "
                   "end and never save (give -run-until, -run-for or -S, or a -monitor or -qmp "
                   "to quit from)", c->mon.save_name);
    if (c->mc.ram_size < (1u << 20) || c->mc.ram_size % BUS_PAGE_SIZE)
        return ERR(err, -EINVAL, "-m: %" PRIu64 " bytes: at least 1 MiB, in whole 4 KiB pages",
                   c->mc.ram_size);
    if (c->mc.ram_size > c->mc.type->max_ram)
        return ERR(err, -EINVAL, "-m: %" PRIu64 " MiB: machine %s takes at most %" PRIu64 " MiB",
                   c->mc.ram_size >> 20, c->mc.type->name, c->mc.type->max_ram >> 20);
    for (int i = 0; i < c->mc.n_debugcon; i++) {
        bool found = false;
        for (int k = 0; k < c->n_chardevs; k++)
            found |= !strcmp(c->chardevs[k].id, c->debugcon_chardev[i]);
        if (!found)
            return ERR(err, -EINVAL, "-device isa-debugcon: chardev '%s' not found (define it "
                       "with -chardev ...,id=%s)", c->debugcon_chardev[i], c->debugcon_chardev[i]);
        for (int k = 0; k < i; k++)
            if (c->mc.debugcon[k].iobase == c->mc.debugcon[i].iobase)
                return ERR(err, -EINVAL, "-device isa-debugcon: iobase %#x used twice",
                           c->mc.debugcon[i].iobase);
    }
    if (c->serial && !strncmp(c->serial, "chardev:", 8)) {
        bool found = false;
        for (int k = 0; k < c->n_chardevs; k++)
            found |= !strcmp(c->chardevs[k].id, c->serial + 8);
        if (!found)
            return ERR(err, -EINVAL, "-serial %s: chardev '%s' not found", c->serial, c->serial + 8);
    }
    return 0;
}

void cmdline_free(Cmdline *c)
{
    for (int k = 0; k < c->n_chardevs; k++)
        chardev_close(c->chardevs[k].chr);
    chardev_close(c->serial_chr);
    chardev_close(c->debugcon_chr);
    for (int i = 0; i < c->n_strings; i++)
        free(c->strings[i]);
    memset(c, 0, sizeof *c);
}
