/* sections.c: the registry of saved entries and the stream-level savevm/loadvm declared in
 * sections.h (migration-stream.md sections 1-9, 16, 17).
 *
 * Invariants:
 *   1. l->vms.e[0..n) and l->iter.e[0..n) are each sorted by priority (higher first), ties in
 *      registration order: an entry is inserted before the first one of lower priority
 *      (QEMU's savevm_state_handler_insert, over the one list QEMU keeps; save writes the
 *      iterative entries before every FULL record, so only the order within a kind shows).
 *   2. During a load, each entry's `started` / `ended` / `loaded` flags make duplicate or
 *      out-of-order records errors; `load_id` of a started iterative entry is the id its
 *      START carried, the only key PART and END records are routed by.
 *   3. (idstr, instance id) is unique across both kinds. */
#include "snapshot/format/sections.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct SecArray {
    SecEntry *e;
    int n, cap;
} SecArray;

struct SecList {
    char machine[256];
    uint32_t page_size;
    uint32_t next_id;
    SecArray vms;              /* VmsDesc entries: FULL records */
    SecArray iter;             /* iterative entries: START, PART, END records */
};

SecList *sec_list_new(const char *machine, uint32_t page_size)
{
    SecList *l = xzalloc(sizeof *l);
    snprintf(l->machine, sizeof l->machine, "%s", machine);
    l->page_size = page_size;
    return l;
}

void sec_list_free(SecList *l)
{
    if (!l)
        return;
    free(l->vms.e);
    free(l->iter.e);
    free(l);
}

void sec_skip_id(SecList *l) { l->next_id++; }

const SecEntry *sec_entries(const SecList *l, int *n)
{
    *n = l->vms.n;
    return l->vms.e;
}

/* Entry i of both kinds together, i < l->vms.n + l->iter.n (lookups by name). */
static SecEntry *entry_at(SecList *l, int i)
{
    return i < l->vms.n ? &l->vms.e[i] : &l->iter.e[i - l->vms.n];
}

/* The entry (idstr, instance), of either kind, or NULL; idstr need not end in a NUL. */
static SecEntry *find_entry(SecList *l, const void *idstr, size_t len, uint32_t instance_id)
{
    for (int i = 0; i < l->vms.n + l->iter.n; i++) {
        SecEntry *e = entry_at(l, i);
        if ((uint32_t)e->instance_id == instance_id && strlen(e->idstr) == len &&
            !memcmp(e->idstr, idstr, len))
            return e;
    }
    return NULL;
}

static int add_entry(SecList *l, const char *idstr, int instance_id, SecEntry *ne, Err *err)
{
    size_t len = strlen(idstr);
    if (len == 0 || len > 255)
        return ERR(err, -EINVAL, "section name '%s' must have 1..255 bytes", idstr);
    if (instance_id == SEC_INSTANCE_ANY) {
        instance_id = 0;
        for (int i = 0; i < l->vms.n + l->iter.n; i++) {
            const SecEntry *e = entry_at(l, i);
            if (!strcmp(e->idstr, idstr) && e->instance_id >= instance_id)
                instance_id = e->instance_id + 1;
        }
    } else if (instance_id < 0) {
        return ERR(err, -EINVAL, "section %s: bad instance id %d", idstr, instance_id);
    }
    if (find_entry(l, idstr, len, (uint32_t)instance_id))   /* invariant 3 */
        return ERR(err, -EEXIST, "section %s instance %d registered twice", idstr, instance_id);
    SecArray *a = ne->it ? &l->iter : &l->vms;
    if (a->n == a->cap) {
        a->cap = a->cap ? 2 * a->cap : 32;
        a->e = xrealloc(a->e, (size_t)a->cap * sizeof *a->e);
    }
    memcpy(ne->idstr, idstr, len + 1);
    ne->instance_id = instance_id;
    ne->section_id = l->next_id++;
    int at = a->n;   /* invariant 1 */
    for (int i = 0; i < a->n; i++)
        if (a->e[i].priority < ne->priority) {
            at = i;
            break;
        }
    memmove(a->e + at + 1, a->e + at, (size_t)(a->n - at) * sizeof *a->e);
    a->e[at] = *ne;
    a->n++;
    return instance_id;
}

int sec_register(SecList *l, const char *idstr, int instance_id, const VmsDesc *d, void *opaque,
                 Err *err)
{
    SecEntry ne = { .version = d->version, .min_version = d->min_version,
                    .priority = d->priority, .vmsd = d, .opaque = opaque };
    return add_entry(l, idstr, instance_id, &ne, err);
}

int sec_register_iter(SecList *l, const char *idstr, int instance_id, int version,
                      const SecIter *it, void *opaque, Err *err)
{
    SecEntry ne = { .version = version, .min_version = version, .priority = VMS_PRI_DEFAULT,
                    .it = it, .opaque = opaque };
    return add_entry(l, idstr, instance_id, &ne, err);
}

/* ---- save ---- */
static void put_header(Stream *s, uint8_t type, const SecEntry *e)
{
    stream_put_u8(s, type);
    stream_put_be32(s, e->section_id);
    if (type == SEC_START || type == SEC_FULL) {
        stream_put_str8(s, e->idstr);
        stream_put_be32(s, (uint32_t)e->instance_id);
        stream_put_be32(s, (uint32_t)e->version);
    }
}

static void put_footer(Stream *s, const SecEntry *e)
{
    stream_put_u8(s, SEC_FOOTER);
    stream_put_be32(s, e->section_id);
}

static int save_iter_phase(SecList *l, Stream *s, uint8_t type, Err *err)
{
    for (int i = 0; i < l->iter.n; i++) {
        SecEntry *e = &l->iter.e[i];
        put_header(s, type, e);
        int r = type == SEC_START ? e->it->save_setup(e->opaque, s, err)
                                  : e->it->save_complete(e->opaque, s, err);
        if (r < 0) {
            err_prefix(err, "saving section %s", e->idstr);
            return r;
        }
        put_footer(s, e);
    }
    return 0;
}

int sec_save(SecList *l, Stream *s, Err *err)
{
    Err local = { 0 };
    if (!err)
        err = &local;
    JsonBuf j = { 0 };
    int r;
    stream_put_be32(s, SEC_MAGIC);
    stream_put_be32(s, SEC_VERSION);
    stream_put_u8(s, SEC_CONFIGURATION);
    stream_put_be32(s, (uint32_t)strlen(l->machine));
    stream_put_buf(s, l->machine, strlen(l->machine));
    if ((r = save_iter_phase(l, s, SEC_START, err)) < 0)
        goto out;
    bool *done = xzalloc((size_t)l->iter.n + 1);
    for (bool all = false; !all && !stream_error(s);) {
        all = true;
        for (int i = 0; i < l->iter.n; i++) {
            SecEntry *e = &l->iter.e[i];
            if (done[i])
                continue;
            put_header(s, SEC_PART, e);
            r = e->it->save_iterate(e->opaque, s, err);
            if (r < 0) {
                err_prefix(err, "saving section %s", e->idstr);
                free(done);
                goto out;
            }
            put_footer(s, e);
            done[i] = r > 0;
            all = all && done[i];
        }
    }
    free(done);
    if ((r = save_iter_phase(l, s, SEC_END, err)) < 0)
        goto out;
    json_open(&j, NULL, '{');
    json_int(&j, "page_size", l->page_size);
    json_open(&j, "devices", '[');
    for (int i = 0; i < l->vms.n && !stream_error(s); i++) {
        SecEntry *e = &l->vms.e[i];
        if (e->vmsd->needed && !e->vmsd->needed(e->opaque))
            continue;
        put_header(s, SEC_FULL, e);
        json_open(&j, NULL, '{');
        json_str(&j, "name", e->idstr);
        json_int(&j, "instance_id", e->instance_id);
        if ((r = vms_save(s, e->vmsd, e->opaque, &j, err)) < 0) {
            err_prefix(err, "saving section %s instance %d", e->idstr, e->instance_id);
            goto out;
        }
        json_close(&j, '}');
        put_footer(s, e);
    }
    json_close(&j, ']');
    json_close(&j, '}');
    stream_put_u8(s, SEC_EOF);
    stream_put_u8(s, SEC_VMDESC);
    stream_put_be32(s, (uint32_t)j.len);
    stream_put_buf(s, j.buf, j.len);
    r = 0;
out:
    json_free(&j);
    if (!r && stream_error(s))
        r = ERR(err, stream_error(s), "%s", stream_error_msg(s));
    return r;
}

/* ---- load ---- */
static void printable(char *out, const uint8_t *raw, size_t n)
{
    for (size_t i = 0; i < n; i++)
        out[i] = raw[i] >= 0x20 && raw[i] < 0x7f ? (char)raw[i] : '?';
    out[n] = 0;
}

static int fail_stream(Stream *s, Err *err, const char *where)
{
    ERR(err, stream_error(s), "%s", stream_error_msg(s));
    err_prefix(err, "%s", where);
    return err->code;
}

static int load_configuration(SecList *l, Stream *s, Err *err)
{
    uint8_t raw_t = stream_get_u8(s);
    if (stream_error(s))
        return fail_stream(s, err, "configuration");
    if (raw_t != SEC_CONFIGURATION)
        return ERR(err, -EINVAL, "configuration section missing (type byte %#x at offset 8)", raw_t);
    uint32_t raw_len = stream_get_be32(s);
    if (stream_error(s))
        return fail_stream(s, err, "configuration");
    if (raw_len > 255)
        return ERR(err, -EINVAL, "configuration: machine type name of %" PRIu32 " bytes", raw_len);
    uint8_t name[256];
    stream_get_buf(s, name, raw_len);
    if (stream_error(s))
        return fail_stream(s, err, "configuration");
    char shown[256];
    printable(shown, name, raw_len);
    if (raw_len != strlen(l->machine) || memcmp(name, l->machine, raw_len) != 0)
        return ERR(err, -EINVAL, "machine type received is '%s' and local is '%s'", shown,
                   l->machine);
    /* Subsections of "configuration" (migration-stream.md 3): only target-page-bits = 12. */
    for (;;) {
        uint8_t pk[2 + 255];
        if (stream_peek(s, pk, 1) < 1 || pk[0] != SEC_SUBSECTION)
            return 0;
        size_t n = stream_peek(s, pk, 2);
        size_t len = n == 2 ? pk[1] : 0;
        if (n < 2 || stream_peek(s, pk, 2 + len) < 2 + len)
            return ERR(err, -EINVAL, "configuration: truncated subsection");
        printable(shown, pk + 2, len);
        static const char tpb[] = "configuration/target-page-bits";
        if (len != strlen(tpb) || memcmp(pk + 2, tpb, len) != 0)
            return ERR(err, -ENOTSUP, "configuration: unsupported subsection '%s'", shown);
        stream_skip(s, 2 + len);
        uint32_t raw_v = stream_get_be32(s);
        uint32_t raw_bits = stream_get_be32(s);
        if (stream_error(s))
            return fail_stream(s, err, "configuration/target-page-bits");
        if (raw_v != 1 || raw_bits != 12)
            return ERR(err, -EINVAL, "configuration/target-page-bits: version %" PRIu32
                       " value %" PRIu32 ", expected version 1 value 12", raw_v, raw_bits);
    }
}

static int check_footer(Stream *s, const SecEntry *e, uint32_t id, Err *err)
{
    uint8_t raw_t = stream_get_u8(s);
    uint32_t raw_id = stream_get_be32(s);
    if (stream_error(s))
        return ERR(err, stream_error(s), "section %s instance %d: footer: %s", e->idstr,
                   e->instance_id, stream_error_msg(s));
    if (raw_t != SEC_FOOTER)
        return ERR(err, -EINVAL, "section %s instance %d: missing section footer (byte %#x at "
                   "offset %" PRIu64 ")", e->idstr, e->instance_id, raw_t, stream_tell(s) - 5);
    if (raw_id != id)
        return ERR(err, -EINVAL, "section %s instance %d: mismatched section id in footer: read %#"
                   PRIx32 " expected %#" PRIx32, e->idstr, e->instance_id, raw_id, id);
    return 0;
}

/* The iterative entry whose START carried section id `id` (invariant 2), or NULL. */
static SecEntry *started_entry(SecList *l, uint32_t id)
{
    for (int i = 0; i < l->iter.n; i++)
        if (l->iter.e[i].started && l->iter.e[i].load_id == id)
            return &l->iter.e[i];
    return NULL;
}

static int load_section(SecList *l, Stream *s, uint8_t type, Err *err)
{
    uint64_t at = stream_tell(s) - 1;
    uint32_t raw_id = stream_get_be32(s);
    SecEntry *e = NULL;
    int version = 0;
    if (type == SEC_START || type == SEC_FULL) {
        uint8_t raw_len = stream_get_u8(s);
        uint8_t name[256];
        stream_get_buf(s, name, raw_len);
        uint32_t raw_inst = stream_get_be32(s);
        uint32_t raw_ver = stream_get_be32(s);
        if (stream_error(s))
            return fail_stream(s, err, "section header");
        char shown[256];
        printable(shown, name, raw_len);
        e = find_entry(l, name, raw_len, raw_inst);
        if (!e)
            return ERR(err, -EINVAL, "unknown savevm section or instance '%s' %" PRIu32
                       " (at offset %" PRIu64 ")", shown, raw_inst, at);
        if (type == SEC_FULL && !e->vmsd)
            return ERR(err, -EINVAL, "section %s: FULL record for an iterative section", shown);
        if (type == SEC_START && !e->it)
            return ERR(err, -EINVAL, "section %s: START record for a non-iterative section", shown);
        if (raw_ver > (uint32_t)e->version)
            return ERR(err, -EINVAL, "section %s instance %d: unsupported version %" PRIu32
                       " (this machine has %d)", shown, e->instance_id, raw_ver, e->version);
        if (raw_ver < (uint32_t)e->min_version)
            return ERR(err, -EINVAL, "section %s instance %d: version %" PRIu32
                       " is too old (oldest accepted %d)", shown, e->instance_id, raw_ver,
                       e->min_version);
        if (e->loaded || e->started)
            return ERR(err, -EINVAL, "section %s instance %d appears twice", shown,
                       e->instance_id);
        if (type == SEC_START) {
            const SecEntry *other = started_entry(l, raw_id);
            if (other)
                return ERR(err, -EINVAL, "section %s: section id %" PRIu32
                           " already used by %s", shown, raw_id, other->idstr);
            e->started = true;
            e->load_id = raw_id;
        } else {
            e->loaded = true;
        }
        version = (int)raw_ver;
    } else {
        if (stream_error(s))
            return fail_stream(s, err, "section header");
        e = started_entry(l, raw_id);
        if (!e)
            return ERR(err, -EINVAL, "%s record for section id %" PRIu32 " that no START "
                       "introduced (at offset %" PRIu64 ")", type == SEC_PART ? "PART" : "END",
                       raw_id, at);
        if (e->ended)
            return ERR(err, -EINVAL, "section %s: %s record after its END", e->idstr,
                       type == SEC_PART ? "PART" : "END");
        if (type == SEC_END)
            e->ended = true;
        version = e->version;
    }
    int r = e->vmsd ? vms_load(s, e->vmsd, e->opaque, version, err)
                 : e->it->load(e->opaque, s, type, version, err);
    if (r == 0 && stream_error(s))
        r = ERR(err, stream_error(s), "%s", stream_error_msg(s));
    if (r < 0) {
        err_prefix(err, "section %s instance %d", e->idstr, e->instance_id);
        return r;
    }
    return check_footer(s, e, raw_id, err);
}

int sec_load(SecList *l, Stream *s, Err *err)
{
    Err local = { 0 };
    if (!err)
        err = &local;
    for (int i = 0; i < l->vms.n + l->iter.n; i++) {
        SecEntry *e = entry_at(l, i);
        e->started = e->ended = e->loaded = false;
    }
    uint32_t raw_magic = stream_get_be32(s);
    uint32_t raw_version = stream_get_be32(s);
    if (stream_error(s))
        return fail_stream(s, err, "stream header");
    if (raw_magic != SEC_MAGIC)
        return ERR(err, -EINVAL, "not a migration stream (magic %#" PRIx32 ")", raw_magic);
    if (raw_version != SEC_VERSION)
        return ERR(err, -ENOTSUP, "unsupported migration stream version %" PRIu32, raw_version);
    int r = load_configuration(l, s, err);
    if (r < 0)
        return r;
    for (;;) {
        uint8_t raw_t = stream_get_u8(s);
        if (stream_error(s))
            return fail_stream(s, err, "section list (no EOF byte)");
        if (raw_t == SEC_EOF)
            break;
        if (raw_t < SEC_START || raw_t > SEC_FULL)
            return ERR(err, -EINVAL, "unknown savevm section type %u at offset %" PRIu64, raw_t,
                       stream_tell(s) - 1);
        if ((r = load_section(l, s, raw_t, err)) < 0)
            return r;
    }
    uint8_t pk[1];
    if (stream_peek(s, pk, 1) == 0)
        return stream_error(s) ? fail_stream(s, err, "after EOF") : 0;
    if (pk[0] != SEC_VMDESC)
        return ERR(err, -EINVAL, "data after EOF at offset %" PRIu64 " (byte %#x, expected the "
                   "vmdesc record 0x06)", stream_tell(s), pk[0]);
    stream_skip(s, 1);
    uint32_t raw_len = stream_get_be32(s);
    if (stream_error(s))
        return fail_stream(s, err, "vmdesc");
    if (raw_len > SEC_MAX_VMDESC)
        return ERR(err, -EINVAL, "vmdesc: length %" PRIu32 " is too large", raw_len);
    stream_skip(s, raw_len);
    if (stream_error(s))
        return fail_stream(s, err, "vmdesc");
    if (stream_peek(s, pk, 1) != 0)
        return ERR(err, -EINVAL, "data after the vmdesc record at offset %" PRIu64,
                   stream_tell(s));
    return stream_error(s) ? fail_stream(s, err, "after vmdesc") : 0;
}
