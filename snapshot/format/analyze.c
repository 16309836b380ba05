/* analyze.c: the savevm stream analyzer declared in analyze.h (QEMU's
 * scripts/analyze-migration.py in C, stricter; migration-stream.md sections 1-7, 10-14).
 *
 * Reading order: the vmdesc record is found first (it follows EOF at the end of the data:
 * the last offset p with buf[p] = 0x06 and a be32 length reaching exactly to the end;
 * JSON text never contains a raw 0x06). The stream is then parsed from the
 * start through a bounded Stream; each FULL section is decoded with the "devices" entry of
 * the same idstr and instance id. Parsed JSON (jansson) is hostile too: every member is
 * type-checked before use and nesting is limited to DUMP_MAX_DEPTH. */
#include "snapshot/format/analyze.h"

#include <fcntl.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "block/block.h"
#include "block/block.h"
#include "snapshot/format/ram.h"
#include "snapshot/format/sections.h"
#include "snapshot/format/stream.h"

enum { DUMP_MAX_DEPTH = 64, DUMP_MAX_FIELD = 1 << 24, DUMP_MAX_BLOCKS = 256 };

typedef struct DumpBlock {
    char name[256];
    uint64_t size, pages, zero;
    int fd;                   /* --extract: the block's file, else -1 */
} DumpBlock;

typedef struct Dump {
    Stream *s;
    json_t *desc;             /* the vmdesc, or NULL */
    json_t *out;              /* the result object */
    const VmsDumpOpts *o;
    DumpBlock blk[DUMP_MAX_BLOCKS];
    int nblk, cur;            /* RAM: current block for CONTINUE, -1 none */
    json_t *ram_out;          /* the 'ram' entry */
    uint32_t ram_id;
    bool ram_started;
    size_t ndesc_used;        /* FULL sections decoded through a "devices" entry */
    uint8_t page[RAM_PAGE_SIZE];
} Dump;

static void printable(char *out, const uint8_t *raw, size_t n)
{
    for (size_t i = 0; i < n; i++)
        out[i] = raw[i] >= 0x20 && raw[i] < 0x7f ? (char)raw[i] : '?';
    out[n] = 0;
}

static int sfail(Dump *d, Err *err)
{
    return ERR(err, stream_error(d->s), "%s", stream_error_msg(d->s));
}

/* Reads a str8 into out (printable, NUL-terminated). */
static int get_str8(Dump *d, char out[256], Err *err)
{
    uint8_t raw_n = stream_get_u8(d->s);
    uint8_t raw[256];
    stream_get_buf(d->s, raw, raw_n);
    if (stream_error(d->s))
        return sfail(d, err);
    printable(out, raw, raw_n);
    return raw_n;
}

/* ---- fields through the vmdesc ---- */
static const char *const int_types[] = { "int8", "int16", "int32", "int32 equal", "int32 le",
                                         "int64", "int64 equal", "uint8 equal", "uint16 equal" };
static const char *const uint_types[] = { "uint8", "uint16", "uint32", "uint32 equal", "uint64" };

static bool in_list(const char *t, const char *const *list, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!strcmp(t, list[i]))
            return true;
    return false;
}

static json_t *decode_body(Dump *d, json_t *desc, const char *where, int depth, Err *err);

static json_t *decode_field(Dump *d, json_t *f, const char *where, int depth, Err *err)
{
    const char *name = json_string_value(json_object_get(f, "name"));
    const char *type = json_string_value(json_object_get(f, "type"));
    json_t *jsize = json_object_get(f, "size");
    if (!name || !type || !json_is_integer(jsize)) {
        ERR(err, -EINVAL, "%s: vmdesc field without name, type or size", where);
        return NULL;
    }
    char here[512];
    snprintf(here, sizeof here, "%s.%s", where, name);
    if (!strcmp(type, "struct")) {
        json_t *sd = json_object_get(f, "struct");
        if (!json_is_object(sd)) {
            ERR(err, -EINVAL, "%s: struct field without a struct description", here);
            return NULL;
        }
        return decode_body(d, sd, here, depth + 1, err);
    }
    json_int_t raw_size = json_integer_value(jsize);
    if (raw_size < 0 || raw_size > DUMP_MAX_FIELD) {
        ERR(err, -EINVAL, "%s: field size %" JSON_INTEGER_FORMAT " out of range", here, raw_size);
        return NULL;
    }
    size_t size = (size_t)raw_size;
    bool is_int = in_list(type, int_types, ARRAY_SIZE(int_types));
    bool is_uint = in_list(type, uint_types, ARRAY_SIZE(uint_types));
    if ((is_int || is_uint) && size != 1 && size != 2 && size != 4 && size != 8) {
        ERR(err, -EINVAL, "%s: integer field of %zu bytes", here, size);
        return NULL;
    }
    if (!strcmp(type, "bool") && size != 1) {
        ERR(err, -EINVAL, "%s: bool field of %zu bytes", here, size);
        return NULL;
    }
    uint8_t *raw = xmalloc(size ? size : 1);
    stream_get_buf(d->s, raw, size);
    json_t *v = NULL;
    if (stream_error(d->s)) {
        sfail(d, err);
        err_prefix(err, "%s", here);
    } else if (!strcmp(type, "bool")) {
        v = json_boolean(raw[0] != 0);
    } else if (is_int || is_uint) {
        uint64_t u = 0;
        for (size_t i = 0; i < size; i++)
            u = u << 8 | raw[i];
        char text[64];
        int n = snprintf(text, sizeof text, "0x%0*" PRIx64, (int)size * 2, u);
        bool neg = is_int && (raw[0] & 0x80);
        if (neg) {
            int64_t sv = size == 8 ? (int64_t)u : (int64_t)u - ((int64_t)1 << (size * 8));
            snprintf(text + n, sizeof text - (size_t)n, " (%" PRId64 ")", sv);
        }
        v = json_string(text);
    } else {
        char *hex = xmalloc(size * 3 + 1);
        size_t w = 0;
        for (size_t i = 0; i < size; i++) {
            static const char digits[] = "0123456789abcdef";
            if (i)
                hex[w++] = ' ';
            hex[w++] = digits[raw[i] >> 4];
            hex[w++] = digits[raw[i] & 15];
        }
        hex[w] = 0;
        v = json_string(hex);
        free(hex);
    }
    free(raw);
    return v;
}

/* Adds v under name: the first value as it is, later ones make a list (the script's rule). */
static void add_member(json_t *obj, const char *name, json_t *v)
{
    json_t *old = json_object_get(obj, name);
    if (!old) {
        json_object_set_new(obj, name, v);
    } else if (json_is_array(old)) {
        json_array_append_new(old, v);
    } else {
        json_t *a = json_array();
        json_array_append(a, old);
        json_array_append_new(a, v);
        json_object_set_new(obj, name, a);
    }
}

static json_t *decode_body(Dump *d, json_t *desc, const char *where, int depth, Err *err)
{
    if (depth > DUMP_MAX_DEPTH) {
        ERR(err, -EINVAL, "%s: vmdesc nested too deeply", where);
        return NULL;
    }
    json_t *fields = json_object_get(desc, "fields");
    if (!json_is_array(fields)) {
        ERR(err, -EINVAL, "%s: vmdesc entry without fields", where);
        return NULL;
    }
    json_t *obj = json_object();
    size_t i;
    json_t *f;
    json_array_foreach(fields, i, f) {
        if (!json_is_object(f)) {
            ERR(err, -EINVAL, "%s: vmdesc field %zu is not an object", where, i);
            goto fail;
        }
        json_t *jlen = json_object_get(f, "array_len");
        json_int_t n = 1;
        if (jlen) {
            n = json_is_integer(jlen) ? json_integer_value(jlen) : -1;
            if (n < 0 || n > DUMP_MAX_FIELD) {
                ERR(err, -EINVAL, "%s: bad array_len", where);
                goto fail;
            }
        }
        const char *name = json_string_value(json_object_get(f, "name"));
        for (json_int_t k = 0; k < n; k++) {
            json_t *v = decode_field(d, f, where, depth, err);
            if (!v)
                goto fail;
            add_member(obj, name, v);
        }
    }
    json_t *subs = json_object_get(desc, "subsections");
    if (subs && !json_is_array(subs)) {
        ERR(err, -EINVAL, "%s: vmdesc subsections is not a list", where);
        goto fail;
    }
    json_array_foreach(subs, i, f) {
        const char *want = json_string_value(json_object_get(f, "vmsd_name"));
        uint64_t at = stream_tell(d->s);
        uint8_t raw_t = stream_get_u8(d->s);
        char name[256];
        if (stream_error(d->s) || get_str8(d, name, err) < 0) {
            sfail(d, err);
            err_prefix(err, "%s: subsection header", where);
            goto fail;
        }
        stream_get_be32(d->s);   /* version: informational here */
        if (stream_error(d->s)) {
            sfail(d, err);
            err_prefix(err, "%s: subsection header", where);
            goto fail;
        }
        if (raw_t != SEC_SUBSECTION || !want || strcmp(name, want) != 0) {
            ERR(err, -EINVAL, "%s: subsection %s not found at offset %#" PRIx64, where,
                want ? want : "(unnamed)", at);
            goto fail;
        }
        char here[512];
        snprintf(here, sizeof here, "%s", name);
        json_t *v = decode_body(d, f, here, depth + 1, err);
        if (!v)
            goto fail;
        json_object_set_new(obj, name, v);
    }
    return obj;
fail:
    json_decref(obj);
    return NULL;
}

/* ---- RAM ---- */
static int extract_open(Dump *d, DumpBlock *b, Err *err)
{
    char path[4096];
    int n = snprintf(path, sizeof path, "%s/", d->o->extract_dir);
    const char *p = b->name;
    while (*p == '/')
        p++;
    /* Copy components, turning "", "." and ".." into "_" so nothing escapes the directory. */
    while (*p && n < (int)sizeof path - 2) {
        const char *slash = strchr(p, '/');
        size_t len = slash ? (size_t)(slash - p) : strlen(p);
        if (len == 0 || (len == 1 && p[0] == '.') || (len == 2 && p[0] == '.' && p[1] == '.'))
            n += snprintf(path + n, sizeof path - (size_t)n, "_");
        else
            n += snprintf(path + n, sizeof path - (size_t)n, "%.*s", (int)len, p);
        if (!slash)
            break;
        if (n < (int)sizeof path - 1) {
            path[n] = 0;
            mkdir(path, 0755);
            path[n++] = '/';
            path[n] = 0;
        }
        p = slash + 1;
    }
    if (n >= (int)sizeof path - 1)
        return ERR(err, -ENAMETOOLONG, "extract: path for block %s too long", b->name);
    b->fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (b->fd < 0 || ftruncate(b->fd, (off_t)b->size) < 0)
        return ERR(err, -errno, "extract: %s: %s", path, strerror(errno));
    printf("%s\n", path);
    return 0;
}

static int ram_block_list(Dump *d, uint64_t total, json_t *sizes, Err *err)
{
    while (total) {
        if (d->nblk == DUMP_MAX_BLOCKS)
            return ERR(err, -EINVAL, "ram: more than %d blocks", DUMP_MAX_BLOCKS);
        DumpBlock *b = &d->blk[d->nblk];
        *b = (DumpBlock){ .fd = -1 };
        if (get_str8(d, b->name, err) < 0)
            return err->code;
        uint64_t raw_len = stream_get_be64(d->s);
        if (stream_error(d->s))
            return sfail(d, err);
        if (raw_len > total || raw_len % RAM_PAGE_SIZE)
            return ERR(err, -EINVAL, "ram: block %s length %#" PRIx64 " (left of the total: %#"
                       PRIx64 ")", b->name, raw_len, total);
        for (int i = 0; i < d->nblk; i++)
            if (!strcmp(d->blk[i].name, b->name))
                return ERR(err, -EINVAL, "ram: block %s listed twice", b->name);
        b->size = raw_len;
        total -= raw_len;
        char text[32];
        snprintf(text, sizeof text, "0x%016" PRIx64, raw_len);
        json_object_set_new(sizes, b->name, json_string(text));
        d->nblk++;
        if (d->o->extract_dir && extract_open(d, b, err) < 0)
            return err->code;
    }
    return 0;
}

static int ram_records(Dump *d, uint8_t type, Err *err)
{
    uint8_t *page = d->page;
    for (;;) {
        uint64_t at = stream_tell(d->s);
        uint64_t raw_word = stream_get_be64(d->s);
        if (stream_error(d->s))
            return sfail(d, err);
        uint64_t flags = raw_word & (RAM_PAGE_SIZE - 1), addr = raw_word & ~(uint64_t)(RAM_PAGE_SIZE - 1);
        if (flags == RAM_FLAG_EOS && !addr)
            return 0;
        if (flags == RAM_FLAG_MEM_SIZE && type == SEC_START) {
            json_t *sizes = json_object_get(d->ram_out, "section sizes");
            int r = ram_block_list(d, addr, sizes, err);
            if (r < 0)
                return r;
            continue;
        }
        uint64_t kind = flags & ~(uint64_t)RAM_FLAG_CONTINUE;
        if (kind != RAM_FLAG_ZERO && kind != RAM_FLAG_PAGE)
            return ERR(err, -EINVAL, "ram: unknown flags %#" PRIx64 " at offset %#" PRIx64, flags, at);
        int bi = d->cur;
        if (!(flags & RAM_FLAG_CONTINUE)) {
            char name[256];
            if (get_str8(d, name, err) < 0)
                return err->code;
            for (bi = 0; bi < d->nblk && strcmp(d->blk[bi].name, name); bi++)
                ;
            if (bi == d->nblk)
                return ERR(err, -EINVAL, "ram: page of unlisted block %s at offset %#" PRIx64, name, at);
        } else if (bi < 0) {
            return ERR(err, -EINVAL, "ram: CONTINUE with no current block at offset %#" PRIx64, at);
        }
        DumpBlock *b = &d->blk[bi];
        if (addr >= b->size)
            return ERR(err, -EINVAL, "ram: page %#" PRIx64 " outside block %s at offset %#" PRIx64,
                       addr, b->name, at);
        d->cur = bi;
        b->pages++;
        if (kind == RAM_FLAG_ZERO) {
            uint8_t fill = stream_get_u8(d->s);
            b->zero++;
            memset(page, fill, RAM_PAGE_SIZE);
        } else {
            stream_get_buf(d->s, page, RAM_PAGE_SIZE);
        }
        if (stream_error(d->s))
            return sfail(d, err);
        if (b->fd >= 0 && (kind == RAM_FLAG_PAGE || page[0]) &&
            pwrite(b->fd, page, RAM_PAGE_SIZE, (off_t)addr) != (ssize_t)RAM_PAGE_SIZE)
            return ERR(err, -EIO, "extract: writing block %s: %s", b->name, strerror(errno));
    }
}

/* ---- sections ---- */
static json_t *find_desc(Dump *d, const char *idstr, uint32_t instance)
{
    json_t *devs = json_object_get(d->desc, "devices");
    size_t i;
    json_t *dev;
    json_array_foreach(devs, i, dev) {
        const char *n = json_string_value(json_object_get(dev, "name"));
        json_t *inst = json_object_get(dev, "instance_id");
        if (n && !strcmp(n, idstr) && json_is_integer(inst) &&
            json_integer_value(inst) == (json_int_t)instance)
            return dev;
    }
    return NULL;
}

static int check_footer(Dump *d, uint32_t id, const char *what, Err *err)
{
    uint64_t at = stream_tell(d->s);
    uint8_t raw_t = stream_get_u8(d->s);
    uint32_t raw_id = stream_get_be32(d->s);
    if (stream_error(d->s)) {
        sfail(d, err);
        err_prefix(err, "%s: footer", what);
        return err->code;
    }
    if (raw_t != SEC_FOOTER || raw_id != id)
        return ERR(err, -EINVAL, "%s: bad footer at offset %#" PRIx64 " (type %#x id %" PRIu32
                   ", expected 0x7e id %" PRIu32 ")", what, at, raw_t, raw_id, id);
    return 0;
}

static int dump_sections(Dump *d, Err *err)
{
    for (;;) {
        uint64_t at = stream_tell(d->s);
        uint8_t raw_t = stream_get_u8(d->s);
        if (stream_error(d->s))
            return sfail(d, err);
        if (raw_t == SEC_EOF)
            return 0;
        uint32_t id = stream_get_be32(d->s);
        if (raw_t == SEC_PART || raw_t == SEC_END) {
            if (stream_error(d->s))
                return sfail(d, err);
            if (!d->ram_started || id != d->ram_id)
                return ERR(err, -EINVAL, "section id %" PRIu32 " at offset %#" PRIx64
                           " was not started", id, at);
            int r = ram_records(d, raw_t, err);
            if (r < 0 || (r = check_footer(d, id, "ram", err)) < 0) {
                err_prefix(err, "section ram (%" PRIu32 ")", id);
                return r;
            }
            continue;
        }
        if (raw_t != SEC_START && raw_t != SEC_FULL)
            return ERR(err, -EINVAL, "unknown section type %u at offset %#" PRIx64, raw_t, at);
        char idstr[256];
        if (get_str8(d, idstr, err) < 0)
            return err->code;
        uint32_t inst = stream_get_be32(d->s);
        uint32_t ver = stream_get_be32(d->s);
        if (stream_error(d->s))
            return sfail(d, err);
        char key[300];
        snprintf(key, sizeof key, "%s (%" PRIu32 ")", idstr, id);
        if (json_object_get(d->out, key))
            return ERR(err, -EINVAL, "section %s appears twice", key);
        json_t *v;
        if (!strcmp(idstr, "ram") && inst == 0) {
            if (raw_t != SEC_START || d->ram_started)
                return ERR(err, -EINVAL, "section %s: unexpected record type %u", key, raw_t);
            if (ver != RAM_SECTION_VERSION)
                return ERR(err, -EINVAL, "section %s: unknown RAM version %" PRIu32, key, ver);
            d->ram_started = true;
            d->ram_id = id;
            d->ram_out = json_object();
            json_object_set_new(d->ram_out, "section sizes", json_object());
            json_object_set_new(d->out, key, d->ram_out);
            int r = ram_records(d, raw_t, err);
            if (r < 0 || (r = check_footer(d, id, "ram", err)) < 0) {
                err_prefix(err, "section %s", key);
                return r;
            }
            continue;
        }
        if (raw_t != SEC_FULL)
            return ERR(err, -EINVAL, "section %s: START record for a section without a decoder", key);
        json_t *desc = d->desc ? find_desc(d, idstr, inst) : NULL;
        d->ndesc_used++;
        if (!desc)
            return ERR(err, -EINVAL, "section %s instance %" PRIu32 " at offset %#" PRIx64
                       ": not described by the vmdesc", idstr, inst, at);
        /* An old-style section (QEMU's save_state handlers: slirp) is described by its size
         * and one "buffer" field, with neither vmsd_name nor version: any version decodes,
         * as the script does, which never compares versions. */
        json_t *dv = json_object_get(desc, "version");
        bool old_style = !dv && !json_object_get(desc, "vmsd_name");
        if (!old_style && (!json_is_integer(dv) || json_integer_value(dv) != (json_int_t)ver))
            return ERR(err, -EINVAL, "section %s: version %" PRIu32 " differs from the vmdesc's",
                       key, ver);
        v = decode_body(d, desc, idstr, 0, err);
        if (!v) {
            err_prefix(err, "section %s at offset %#" PRIx64, key, at);
            return err->code;
        }
        json_object_set_new(d->out, key, v);
        if (check_footer(d, id, key, err) < 0)
            return err->code;
    }
}

/* The offset of the vmdesc record, or len when there is none. Bytes between EOF and it are
 * then reported as left over by the caller. */
static size_t find_vmdesc(const uint8_t *buf, size_t len)
{
    for (size_t p = len >= 5 ? len - 5 : 0; p > 0 && len >= 6; p--)
        if (buf[p] == SEC_VMDESC && be32(buf + p + 1) == len - p - 5)
            return p;
    return len;
}

int vms_dump_desc(const uint8_t *buf, size_t len, char **json_out, Err *err)
{
    *json_out = NULL;
    size_t vd = find_vmdesc(buf, len);
    if (vd == len)
        return ERR(err, -EINVAL, "no vmdesc record at the end of the stream");
    json_error_t je;
    json_t *desc = json_loadb((const char *)buf + vd + 5, len - vd - 5, 0, &je);
    if (!json_is_object(desc)) {
        json_decref(desc);
        return ERR(err, -EINVAL, "vmdesc at offset %#zx: %s", vd,
                   desc ? "not a JSON object" : je.text);
    }
    *json_out = json_dumps(desc, JSON_INDENT(4) | JSON_PRESERVE_ORDER);
    json_decref(desc);
    return *json_out ? 0 : ERR(err, -ENOMEM, "vmdesc: cannot print");
}

static int write_file(const char *dir, const char *name, const char *text, Err *err)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    if (!f || fputs(text, f) < 0 || fclose(f) != 0)
        return ERR(err, -errno, "extract: %s: %s", path, strerror(errno));
    printf("%s\n", path);
    return 0;
}

int vms_dump(const uint8_t *buf, size_t len, const VmsDumpOpts *o, char **json_out, Err *err)
{
    static const VmsDumpOpts none;
    Dump *d = xzalloc(sizeof *d);
    d->o = o ? o : &none;
    d->cur = -1;
    *json_out = NULL;
    int r = 0;
    size_t vd = find_vmdesc(buf, len);
    if (vd < len) {
        json_error_t je;
        d->desc = json_loadb((const char *)buf + vd + 5, len - vd - 5, 0, &je);
        if (!json_is_object(d->desc)) {
            r = ERR(err, -EINVAL, "vmdesc at offset %#zx: %s", vd,
                    d->desc ? "not a JSON object" : je.text);
            goto out;
        }
    }
    d->s = stream_open_mem(buf, vd);
    uint32_t raw_magic = stream_get_be32(d->s), raw_version = stream_get_be32(d->s);
    uint8_t raw_t = stream_get_u8(d->s);
    uint32_t raw_len = stream_get_be32(d->s);
    if (stream_error(d->s)) {
        r = sfail(d, err);
        goto out;
    }
    if (raw_magic != SEC_MAGIC || raw_version != SEC_VERSION) {
        r = ERR(err, -EINVAL, "not a QEMU savevm stream version 3 (magic %#" PRIx32 " version %"
                PRIu32 ")", raw_magic, raw_version);
        goto out;
    }
    if (raw_t != SEC_CONFIGURATION || raw_len > 255) {
        r = ERR(err, -EINVAL, "configuration section missing or malformed");
        goto out;
    }
    stream_skip(d->s, raw_len);
    d->out = json_object();
    if ((r = dump_sections(d, err)) < 0)
        goto out;
    if (stream_tell(d->s) != vd) {
        r = ERR(err, -EINVAL, "%zu bytes between EOF at offset %#" PRIx64 " and the %s",
                vd - (size_t)stream_tell(d->s), stream_tell(d->s) - 1,
                vd < len ? "vmdesc" : "end of the data");
        goto out;
    }
    size_t ndev = json_array_size(json_object_get(d->desc, "devices"));
    if (d->desc && ndev != d->ndesc_used) {
        r = ERR(err, -EINVAL, "the vmdesc describes %zu sections, the stream has %zu", ndev,
                d->ndesc_used);
        goto out;
    }
    json_t *ram = d->ram_out;
    if (ram) {
        json_t *pc = json_object();
        for (int i = 0; i < d->nblk; i++) {
            json_t *b = json_object();
            json_object_set_new(b, "pages", json_integer((json_int_t)d->blk[i].pages));
            json_object_set_new(b, "zero", json_integer((json_int_t)d->blk[i].zero));
            json_object_set_new(pc, d->blk[i].name, b);
        }
        json_object_set_new(ram, "page counts", pc);
    }
    *json_out = json_dumps(d->out, JSON_INDENT(4) | JSON_PRESERVE_ORDER);
    if (d->o->extract_dir) {
        char *desc_text = d->desc ? json_dumps(d->desc, JSON_INDENT(4) | JSON_PRESERVE_ORDER) : NULL;
        if (desc_text)
            r = write_file(d->o->extract_dir, "desc.json", desc_text, err);
        free(desc_text);
        if (!r)
            r = write_file(d->o->extract_dir, "state.json", *json_out, err);
    }
out:
    for (int i = 0; i < d->nblk; i++)
        if (d->blk[i].fd >= 0)
            close(d->blk[i].fd);
    if (r < 0) {
        free(*json_out);
        *json_out = NULL;
    }
    stream_close(d->s, NULL);
    json_decref(d->desc);
    json_decref(d->out);
    free(d);
    return r;
}

/* ---- the command ---- */
static int read_whole_file(const char *path, uint8_t **buf, size_t *len, Err *err)
{
    int fd = open(path, O_RDONLY);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) < 0)
        return ERR(err, -errno, "%s: %s", path, strerror(errno));
    if (!S_ISREG(st.st_mode)) {
        close(fd);
        return ERR(err, -EINVAL, "%s: not a regular file", path);
    }
    *len = (size_t)st.st_size;
    *buf = xmalloc(*len ? *len : 1);
    size_t got = 0;
    while (got < *len) {
        ssize_t n = read(fd, *buf + got, *len - got);
        if (n <= 0) {
            int e = n < 0 ? -errno : -EIO;
            close(fd);
            free(*buf);
            return ERR(err, e, "%s: read failed", path);
        }
        got += (size_t)n;
    }
    close(fd);
    return 0;
}

/* The whole VM state of snapshot `name` (by name, as loadvm finds it) in a qcow2 image. */
static int read_snapshot_vmstate(const char *path, const char *name, uint8_t **buf,
                                 size_t *len, Err *err)
{
    BlockDev *b;
    int r = blk_open(path, "qcow2", true, &b, err);
    if (r < 0)
        return r;
    BlkSnapInfo info;
    int i = blk_snapshot_find(b, name, err);
    if (i >= 0 && (r = blk_snapshot_info(b, i, &info, NULL)) < 0)
        ERR(err, r, "%s: snapshot %s: no information", path, name);
    if (i < 0 || r < 0) {
        blk_close(b, NULL);
        return i < 0 ? i : r;
    }
    if (info.vm_state_size == 0 || info.vm_state_size > SIZE_MAX / 2) {
        blk_close(b, NULL);
        return ERR(err, -EINVAL, "%s: snapshot %s has %s VM state", path, name,
                   info.vm_state_size ? "an oversized" : "no");
    }
    *len = (size_t)info.vm_state_size;
    *buf = xmalloc(*len);
    long n = blk_vmstate_read(b, i, 0, *buf, *len, err);
    blk_close(b, NULL);
    if (n < 0 || (size_t)n != *len) {
        free(*buf);
        return n < 0 ? (int)n : ERR(err, -EIO, "%s: snapshot %s: VM state short (%ld of %zu bytes)",
                                    path, name, n, *len);
    }
    return 0;
}

static int usage(void)
{
    fprintf(stderr, "usage: pcemu-img vmstate dump [--extract DIR | --desc] IMAGE SNAPSHOT\n"
                    "       pcemu-img vmstate dump [--extract DIR | --desc] STREAMFILE\n");
    return 2;
}

int vms_dump_main(int argc, char **argv)
{
    if (argc < 2 || strcmp(argv[1], "dump") != 0)
        return usage();
    VmsDumpOpts o = { 0 };
    bool desc_only = false;
    int i = 2;
    for (; i < argc && argv[i][0] == '-'; i++) {
        if ((!strcmp(argv[i], "--extract") || !strcmp(argv[i], "-x")) && i + 1 < argc)
            o.extract_dir = argv[++i];
        else if (!strcmp(argv[i], "--desc"))
            desc_only = true;
        else
            return usage();
    }
    if (desc_only && o.extract_dir)
        return usage();
    int nargs = argc - i;
    if (nargs < 1 || nargs > 2)
        return usage();
    Err err = { 0 };
    uint8_t *buf = NULL;
    size_t len = 0;
    int r = nargs == 2 ? read_snapshot_vmstate(argv[i], argv[i + 1], &buf, &len, &err)
                       : read_whole_file(argv[i], &buf, &len, &err);
    if (r == 0 && o.extract_dir && mkdir(o.extract_dir, 0755) < 0 && errno != EEXIST)
        r = ERR(&err, -errno, "%s: %s", o.extract_dir, strerror(errno));
    char *text = NULL;
    if (r == 0)
        r = desc_only ? vms_dump_desc(buf, len, &text, &err) : vms_dump(buf, len, &o, &text, &err);
    free(buf);
    if (r < 0) {
        fprintf(stderr, "pcemu-img: vmstate dump: %s\n", err.msg);
        return 1;
    }
    if (!o.extract_dir)
        printf("%s\n", text);
    free(text);
    return 0;
}
