/* vmsreencode.c: vmsreencode IN OUT. Loads a QEMU savevm stream with pcemu's loader
 * (sections.c, vmstate.c, ram.c) into objects described by VmsDesc tables built at run time
 * from the vmdesc JSON the stream carries, then saves those objects with pcemu's writer.
 * The scripted test compares OUT with IN byte for byte: section headers, ids, field
 * encodings, subsections, RAM records, footers and the regenerated vmdesc JSON. The RAM
 * pages go out in as many PART records as the input had, split at the same pages
 * (split_save_iterate): where QEMU split them depends on its host's speed.
 *
 * How JSON becomes tables: each description (device, struct element, subsection, tmp)
 * becomes a VmsDesc whose fields are laid out in a generic object that starts with a
 * GenHdr. QEMU's per-object decisions that a table cannot express statically (a field's
 * test, a subsection's needed(), which tmp field a tmp hook serves) are replayed from
 * per-object bit lists taken from the JSON, consumed in call order. Equal / le kinds load
 * without their comparison (there is no local device to compare with); every other kind
 * goes through pcemu's own codecs. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "snapshot/format/analyze.h"
#include "snapshot/format/ram.h"
#include "snapshot/format/sections.h"

enum { MAXBITS = 512, MAXSUB = 64, MAXTMP = 32 };

typedef struct GenHdr {
    int tcur, scur, xcur;
    int nbits, nsub, ntmp;
    uint8_t bits[MAXBITS], sub[MAXSUB];
    uint8_t *tmp_data[MAXTMP];
    size_t tmp_size[MAXTMP];
} GenHdr;

typedef enum { MODE_OWNER, MODE_SUB, MODE_TMP } Mode;

typedef struct GenType GenType;
typedef struct GenField {
    const char *name;
    VmsKind kind;
    GenType *child;
    bool has_test;
    size_t off, size;
    uint32_t n;
} GenField;

struct GenType {
    VmsDesc d;
    VmsField *f;
    GenField *gf;
    int nf;
    GenType **subt;
    const VmsDesc **subs;
    int ns;
    size_t obj_size;   /* OWNER: object bytes; TMP: data bytes after the parent pointer */
};

static RamSectionBlock *g_blocks;   /* the RAM blocks of the last setup() (for --poke) */
static int g_nblocks;

static void die(const char *fmt, const char *a)
{
    fprintf(stderr, "vmsreencode: ");
    fprintf(stderr, fmt, a);
    fprintf(stderr, "\n");
    exit(1);
}

/* ---- hooks replaying per-object decisions ---- */
static int gen_pre(void *o, Err *e)
{
    GenHdr *h = o;
    h->tcur = h->scur = h->xcur = 0;
    return 0;
}
static int gen_pre_load(void *o, Err *e) { return gen_pre(o, e); }
static bool gen_test(void *o, int v)
{
    GenHdr *h = o;
    return h->tcur < h->nbits && h->bits[h->tcur++];
}
static bool gen_needed(void *o)
{
    GenHdr *h = o;
    return h->scur < h->nsub && h->sub[h->scur++];
}
static int gen_tmp_pre_save(void *o, Err *e)
{
    GenHdr *h = *(GenHdr **)o;
    if (h->xcur >= h->ntmp)
        return ERR(e, -EINVAL, "tmp cursor");
    memcpy((uint8_t *)o + 8, h->tmp_data[h->xcur], h->tmp_size[h->xcur]);
    h->xcur++;
    return 0;
}
static int gen_tmp_post_load(void *o, int v, Err *e)
{
    GenHdr *h = *(GenHdr **)o;
    if (h->xcur >= h->ntmp)
        return ERR(e, -EINVAL, "tmp cursor");
    memcpy(h->tmp_data[h->xcur], (uint8_t *)o + 8, h->tmp_size[h->xcur]);
    h->xcur++;
    return 0;
}

/* ---- lenient raw codec for kinds whose check needs a real device ---- */
static int raw_get(Stream *s, void *elem, size_t size, const VmsField *f, Err *err)
{
    stream_get_buf(s, elem, size);
    return stream_error(s) ? ERR(err, stream_error(s), "%s", stream_error_msg(s)) : 0;
}
static int raw_put(Stream *s, const void *elem, size_t size, const VmsField *f, Err *err)
{
    stream_put_buf(s, elem, size);
    return 0;
}

static const VmsInfo *info_for(const char *type, size_t size)
{
    static const struct { const char *name; const VmsInfo *info; size_t size; } known[] = {
        { "bool", &vms_info_bool, 1 }, { "int8", &vms_info_int8, 1 },
        { "uint8", &vms_info_uint8, 1 }, { "int16", &vms_info_int16, 2 },
        { "uint16", &vms_info_uint16, 2 }, { "int32", &vms_info_int32, 4 },
        { "uint32", &vms_info_uint32, 4 }, { "int64", &vms_info_int64, 8 },
        { "uint64", &vms_info_uint64, 8 }, { "timer", &vms_info_timer, 8 },
        { "CPU_Double_U", &vms_info_cpudouble, 8 }, { "buffer", &vms_info_buffer, 0 },
        { "unused_buffer", &vms_info_unused, 0 },
    };
    for (size_t i = 0; i < ARRAY_SIZE(known); i++)
        if (!strcmp(type, known[i].name)) {
            if (known[i].size && known[i].size != size)
                die("type %s with an unexpected size", type);
            return known[i].info;
        }
    VmsInfo *vi = xzalloc(sizeof *vi);   /* equal, le, pci config, pci irq state, ... */
    vi->name = xstrdup(type);
    vi->get = raw_get;
    vi->put = raw_put;
    return vi;
}

/* ---- JSON field groups: consecutive "index" entries of one name form one group ---- */
typedef struct Group {
    const char *name, *type;
    uint32_t n;
    bool compressed;
    json_t **elem;   /* n field objects (the same one n times when compressed) */
} Group;

static int groups_of(json_t *desc, Group **out)
{
    json_t *fields = json_object_get(desc, "fields");
    size_t cnt = json_array_size(fields);
    Group *g = xzalloc((cnt + 1) * sizeof *g);
    int ng = 0;
    for (size_t i = 0; i < cnt; i++) {
        json_t *f = json_array_get(fields, i);
        const char *name = json_string_value(json_object_get(f, "name"));
        const char *type = json_string_value(json_object_get(f, "type"));
        if (!name || !type)
            die("%s", "field without name or type");
        json_t *idx = json_object_get(f, "index"), *alen = json_object_get(f, "array_len");
        if (idx && json_integer_value(idx) > 0) {
            Group *p = &g[ng - 1];
            if (ng == 0 || strcmp(p->name, name) || (json_int_t)p->n != json_integer_value(idx))
                die("index out of order at %s", name);
            p->elem = xrealloc(p->elem, (p->n + 1) * sizeof *p->elem);
            p->elem[p->n++] = f;
            continue;
        }
        Group *p = &g[ng++];
        p->name = name;
        p->type = type;
        p->n = alen ? (uint32_t)json_integer_value(alen) : 1;
        p->compressed = alen != NULL;
        p->elem = xzalloc(p->n * sizeof *p->elem);
        for (uint32_t k = 0; k < (alen ? p->n : 1); k++)
            p->elem[k] = f;
        if (!alen)
            p->n = 1;
    }
    *out = g;
    return ng;
}

static size_t align_to(size_t v, size_t a) { return (v + a - 1) / a * a; }

static GenType *build(json_t **descs, int nd, Mode mode, size_t *lay);

/* Merges the field groups of all descriptions, keeping declaration order: m[] (nm of them,
 * returned) with present[k] = how many descriptions have group k; per[di]/nper[di] are each
 * description's own groups. */
static int merge_groups(json_t **descs, int nd, const char *vname, json_t *ver, Group **m_out,
                        int **present_out, Group **per, int *nper)
{
    int nm = 0, cap = 16;
    Group *m = xzalloc((size_t)cap * sizeof *m);
    int *present = xzalloc((size_t)cap * sizeof *present);
    for (int di = 0; di < nd; di++) {
        if (json_integer_value(json_object_get(descs[di], "version")) != json_integer_value(ver))
            die("versions differ in %s", vname);
        nper[di] = groups_of(descs[di], &per[di]);
        int i = 0;
        for (int j = 0; j < nper[di]; j++) {
            Group *g = &per[di][j];
            int found = -1;
            for (int k = i; k < nm && found < 0; k++)
                if (!strcmp(m[k].name, g->name))
                    found = k;
            if (found < 0) {
                if (nm == cap) {
                    cap *= 2;
                    m = xrealloc(m, (size_t)cap * sizeof *m);
                    present = xrealloc(present, (size_t)cap * sizeof *present);
                }
                memmove(m + i + 1, m + i, (size_t)(nm - i) * sizeof *m);
                memmove(present + i + 1, present + i, (size_t)(nm - i) * sizeof *present);
                m[i] = *g;
                present[i] = 0;
                nm++;
                found = i;
            }
            if (strcmp(m[found].type, g->type) || m[found].n != g->n)
                die("field %s differs between elements", g->name);
            present[found]++;
            i = found + 1;
        }
    }
    *m_out = m;
    *present_out = present;
    return nm;
}

/* The subsection names of all descriptions, merged by name in declaration order. */
static int merge_subsection_names(json_t **descs, int nd, const char ***out)
{
    int ncap = 8;
    const char **snames = xzalloc((size_t)ncap * sizeof *snames);
    int nsn = 0;
    for (int di = 0; di < nd; di++) {
        json_t *subs = json_object_get(descs[di], "subsections");
        int i = 0;
        for (size_t j = 0; j < json_array_size(subs); j++) {
            const char *sn = json_string_value(json_object_get(json_array_get(subs, j), "vmsd_name"));
            if (!sn)
                die("%s", "subsection without vmsd_name");
            int found = -1;
            for (int k = i; k < nsn && found < 0; k++)
                if (!strcmp(snames[k], sn))
                    found = k;
            if (found < 0) {
                if (nsn == ncap)
                    snames = xrealloc(snames, (size_t)(ncap *= 2) * sizeof *snames);
                memmove(snames + i + 1, snames + i, (size_t)(nsn - i) * sizeof *snames);
                snames[i] = sn;
                nsn++;
                found = i;
            }
            i = found + 1;
        }
    }
    *out = snames;
    return nsn;
}

static GenType *build(json_t **descs, int nd, Mode mode, size_t *lay_in)
{
    GenType *t = xzalloc(sizeof *t);
    size_t own = mode == MODE_OWNER ? sizeof(GenHdr) : 8;
    size_t *lay = mode == MODE_SUB ? lay_in : &own;
    const char *vname = json_string_value(json_object_get(descs[0], "vmsd_name"));
    json_t *ver = json_object_get(descs[0], "version");
    if (!vname || !json_is_integer(ver))
        die("%s", "description without vmsd_name or version");
    Group **per = xzalloc((size_t)nd * sizeof *per);
    int *nper = xzalloc((size_t)nd * sizeof *nper);
    Group *m;
    int *present;
    int nm = merge_groups(descs, nd, vname, ver, &m, &present, per, nper);
    t->nf = nm;
    t->f = xzalloc((size_t)(nm + 1) * sizeof *t->f);
    t->gf = xzalloc((size_t)(nm + 1) * sizeof *t->gf);
    for (int k = 0; k < nm; k++) {
        Group *g = &m[k];
        GenField *gf = &t->gf[k];
        VmsField *f = &t->f[k];
        gf->name = g->name;
        gf->n = g->n;
        gf->has_test = present[k] < nd || (!g->compressed && g->n > 1);
        f->name = g->name;
        f->num = g->n;
        f->test = gf->has_test ? gen_test : NULL;
        json_t *f0 = g->elem[0];
        if (!strcmp(g->type, "struct") || (!strcmp(g->type, "tmp") && json_object_get(f0, "fields"))) {
            bool is_struct = !strcmp(g->type, "struct");
            /* Every element description of this field, from every parent description. */
            int ncd = 0;
            json_t **cd = xzalloc((size_t)nd * g->n * sizeof *cd);
            for (int di = 0; di < nd; di++)
                for (int j = 0; j < nper[di]; j++)
                    if (!strcmp(per[di][j].name, g->name))
                        for (uint32_t e = 0; e < per[di][j].n; e++)
                            cd[ncd++] = is_struct ? json_object_get(per[di][j].elem[e], "struct")
                                                  : per[di][j].elem[e];
            if (mode == MODE_TMP)
                die("nested %s inside a tmp", g->name);
            GenType *c = build(cd, ncd, is_struct ? MODE_OWNER : MODE_TMP, NULL);
            free(cd);
            gf->child = c;
            f->vmsd = &c->d;
            if (is_struct) {
                if (!g->compressed && g->n > 1 && !c->d.subsections) {
                    static const VmsDesc *const none[] = { NULL };
                    c->d.subsections = none;   /* QEMU: a subsection list makes it per element */
                }
                gf->kind = f->kind = VMS_K_STRUCT;
                gf->size = f->size = c->obj_size;
                gf->off = f->offset = *lay = align_to(*lay, 8);
                *lay += (size_t)g->n * c->obj_size;
            } else {
                gf->kind = f->kind = VMS_K_TMP;
                f->size = 8 + c->obj_size;
                gf->size = c->obj_size;
                gf->off = f->offset = 0;
                gf->off = *lay = align_to(*lay, 8);   /* the parent's copy of the tmp data */
                *lay += c->obj_size;
                if (g->n != 1)
                    die("tmp array %s", g->name);
            }
            continue;
        }
        json_int_t sz = json_integer_value(json_object_get(f0, "size"));
        if (sz < 0 || sz > (1 << 24))
            die("bad size of %s", g->name);
        gf->kind = f->kind = VMS_K_ELEM;
        f->info = info_for(g->type, (size_t)sz);
        gf->size = f->size = (size_t)sz;
        size_t al = sz == 2 || sz == 4 || sz == 8 ? (size_t)sz : 1;
        gf->off = f->offset = *lay = align_to(*lay, al);
        *lay += (size_t)g->n * (size_t)sz;
    }
    /* Subsections: merged by name in declaration order; they share the object. */
    const char **snames;
    int nsn = merge_subsection_names(descs, nd, &snames);
    if (nsn && mode == MODE_TMP)
        die("subsections inside tmp %s", vname);
    if (nsn) {
        t->ns = nsn;
        t->subt = xzalloc((size_t)nsn * sizeof *t->subt);
        t->subs = xzalloc((size_t)(nsn + 1) * sizeof *t->subs);
        for (int k = 0; k < nsn; k++) {
            json_t **sd = xzalloc((size_t)nd * sizeof *sd);
            int nsd = 0;
            for (int di = 0; di < nd; di++) {
                json_t *subs = json_object_get(descs[di], "subsections");
                for (size_t j = 0; j < json_array_size(subs); j++) {
                    json_t *s = json_array_get(subs, j);
                    if (!strcmp(json_string_value(json_object_get(s, "vmsd_name")), snames[k]))
                        sd[nsd++] = s;
                }
            }
            t->subt[k] = build(sd, nsd, MODE_SUB, lay);
            t->subt[k]->d.needed = gen_needed;
            t->subs[k] = &t->subt[k]->d;
            free(sd);
        }
        t->d.subsections = t->subs;
    }
    free(snames);
    t->d.name = vname;
    t->d.version = (int)json_integer_value(ver);
    t->d.min_version = 0;
    t->d.fields = t->f;
    if (mode == MODE_OWNER) {
        t->d.pre_save = gen_pre;
        t->d.pre_load = gen_pre_load;
        t->obj_size = align_to(*lay, 8);
    } else if (mode == MODE_TMP) {
        t->d.pre_save = gen_tmp_pre_save;
        t->d.post_load = gen_tmp_post_load;
        t->obj_size = *lay - 8;
    }
    return t;
}

/* Records, for one object, the decisions its description shows, in QEMU's call order. */
static void walk(GenType *t, json_t *desc, GenHdr *h, uint8_t *obj)
{
    Group *g;
    int ng = groups_of(desc, &g);
    for (int k = 0; k < t->nf; k++) {
        GenField *gf = &t->gf[k];
        Group *mine = NULL;
        for (int j = 0; j < ng && !mine; j++)
            if (!strcmp(g[j].name, gf->name))
                mine = &g[j];
        if (gf->has_test) {
            if (h->nbits == MAXBITS)
                die("%s", "too many tests");
            h->bits[h->nbits++] = mine != NULL;
        }
        if (!mine)
            continue;
        if (gf->kind == VMS_K_STRUCT) {
            for (uint32_t e = 0; e < gf->n; e++) {
                uint8_t *child = obj + gf->off + e * gf->size;
                json_t *cd = json_object_get(mine->elem[e], "struct");
                walk(gf->child, cd, (GenHdr *)child, child);
            }
        } else if (gf->kind == VMS_K_TMP) {
            if (h->ntmp == MAXTMP)
                die("%s", "too many tmp fields");
            h->tmp_data[h->ntmp] = obj + gf->off;
            h->tmp_size[h->ntmp++] = gf->size;
        }
    }
    json_t *subs = json_object_get(desc, "subsections");
    for (int k = 0; k < t->ns; k++) {
        json_t *sd = NULL;
        for (size_t j = 0; j < json_array_size(subs) && !sd; j++)
            if (!strcmp(json_string_value(json_object_get(json_array_get(subs, j), "vmsd_name")),
                        t->subt[k]->d.name))
                sd = json_array_get(subs, j);
        if (h->nsub == MAXSUB)
            die("%s", "too many subsections");
        h->sub[h->nsub++] = sd != NULL;
        if (sd)
            walk(t->subt[k], sd, h, obj);
    }
}

/* ---- RAM records, and the PART boundaries of the input ---- */

/* The offset after the RAM record at p (EOS, MEM_SIZE with its block list, PAGE or ZERO)
 * of a stream pcemu's loader accepted. */
static size_t ram_record_end(const uint8_t *in, size_t p)
{
    uint64_t w = be64(in + p), fl = w & 0xfff;
    p += 8;
    if (fl == RAM_FLAG_EOS)
        return p;
    if (fl == RAM_FLAG_MEM_SIZE) {
        for (uint64_t total = w & ~0xfffull; total; p += 8) {
            p += 1 + in[p];
            total -= be64(in + p);
        }
        return p;
    }
    if (!(fl & RAM_FLAG_CONTINUE))
        p += 1 + in[p];
    return p + ((fl & RAM_FLAG_ZERO) ? 1 : RAM_PAGE_SIZE);
}

/* RAM records from p up to and including EOS; returns the offset after EOS. */
static size_t ram_skip(const uint8_t *in, size_t p)
{
    for (;;) {
        size_t next = ram_record_end(in, p);
        if ((be64(in + p) & 0xfff) == RAM_FLAG_EOS)
            return next;
        p = next;
    }
}

/* QEMU ends a 'ram' PART record when its iteration has run 50 ms (ram_save_iterate's
 * MAX_WAIT, checked every 64 pages), so on a busy host its pages come in several PARTs,
 * split wherever the clock said. pcemu's writer sends them all in one. To stay byte-exact
 * whatever QEMU's timing was, the re-encoder keeps the input's split: main counts the page
 * records of each PART it read (part_recs), and split_save_iterate cuts the writer's one
 * PART body after the same records, ending each piece with EOS as QEMU does. The records
 * themselves are the writer's: a piece that starts in the same block starts with CONTINUE,
 * as QEMU's does (its last sent block survives from one iteration to the next). */
typedef struct SplitRam {
    RamSection *rs;
    uint64_t *part_recs;   /* page records of each PART read, in order; NULL: one PART */
    int nparts;
    uint8_t *body;         /* save: the writer's single PART body (records, then EOS) */
    size_t len, pos;       /* its length, and how much of it the PARTs so far sent */
    int sent;              /* PARTs written */
} SplitRam;

static SplitRam g_split;

static int split_save_setup(void *opaque, Stream *s, Err *err)
{
    SplitRam *r = opaque;
    r->sent = 0;
    r->pos = 0;
    return ram_sec_iter.save_setup(r->rs, s, err);
}

static int split_save_iterate(void *opaque, Stream *s, Err *err)
{
    SplitRam *r = opaque;
    if (r->sent == 0) {
        Stream *m = stream_open_membuf();
        int ret = ram_sec_iter.save_iterate(r->rs, m, err);
        if (ret < 0)
            return ret;
        if (ret == 0)
            return ERR(err, -EINVAL, "ram: the writer left pages for a second PART");
        const uint8_t *b = stream_membuf(m, &r->len);
        free(r->body);
        r->body = xmalloc(r->len);
        memcpy(r->body, b, r->len);
        stream_close(m, NULL);
    }
    r->sent++;
    if (r->sent >= r->nparts) {   /* the last PART: the rest, with the writer's EOS */
        stream_put_buf(s, r->body + r->pos, r->len - r->pos);
        r->pos = r->len;
        return 1;
    }
    size_t end = r->pos;
    for (uint64_t k = 0; k < r->part_recs[r->sent - 1]; k++) {
        if ((be64(r->body + end) & 0xfff) == RAM_FLAG_EOS)
            return ERR(err, -EINVAL, "ram: the writer has fewer page records than QEMU's PARTs");
        end = ram_record_end(r->body, end);
    }
    stream_put_buf(s, r->body + r->pos, end - r->pos);
    stream_put_be64(s, RAM_FLAG_EOS);
    r->pos = end;
    return 0;
}

static int split_save_complete(void *opaque, Stream *s, Err *err)
{
    return ram_sec_iter.save_complete(((SplitRam *)opaque)->rs, s, err);
}

static int split_load(void *opaque, Stream *s, int type, int version, Err *err)
{
    return ram_sec_iter.load(((SplitRam *)opaque)->rs, s, type, version, err);
}

static const SecIter split_iter = {
    .save_setup = split_save_setup, .save_iterate = split_save_iterate,
    .save_complete = split_save_complete, .load = split_load,
};

static uint8_t *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        die("cannot open %s", path);
    fseek(f, 0, SEEK_END);
    *len = (size_t)ftell(f);
    fseek(f, 0, SEEK_SET);
    uint8_t *b = xmalloc(*len + 1);
    if (fread(b, 1, *len, f) != *len)
        die("cannot read %s", path);
    fclose(f);
    return b;
}

/* Builds the registry for stream in[0..len): generated tables and the RAM blocks. */
static SecList *setup(const uint8_t *in, size_t len, size_t *vd_out)
{
    Err err = { 0 };
    char *dump;
    if (vms_dump(in, len, NULL, &dump, &err) < 0)
        die("analyzer: %s", err.msg);
    json_error_t je;
    json_t *state = json_loads(dump, 0, &je);
    /* The vmdesc: the record after EOF, as the analyzer finds it. */
    size_t vd = len;
    for (size_t p = len - 5; p > 0; p--)
        if (in[p] == SEC_VMDESC && in[p - 1] == 0 && be32(in + p + 1) == len - p - 5) {
            vd = p;
            break;
        }
    if (vd == len)
        die("%s", "no vmdesc");
    json_t *desc = json_loadb((const char *)in + vd + 5, len - vd - 5, 0, &je);
    json_t *devs = json_object_get(desc, "devices");
    /* Machine name from the configuration record. */
    char machine[256];
    uint32_t mlen = be32(in + 9);
    if (mlen > 255)
        die("%s", "bad configuration");
    memcpy(machine, in + 13, mlen);
    machine[mlen] = 0;

    /* Sections in stream order: "idstr (id)"; FULL ones pair with vmdesc devices in order. */
    typedef struct Sec { uint32_t id; const char *idstr; int inst; json_t *dev; } Sec;
    size_t nsec = json_object_size(state);
    Sec *secs = xzalloc(nsec * sizeof *secs);
    const char *key;
    json_t *val;
    size_t si = 0, di = 0;
    RamSection *rs = NULL;
    json_object_foreach(state, key, val) {
        const char *sp = strrchr(key, '(');
        secs[si].id = (uint32_t)strtoul(sp + 1, NULL, 10);
        secs[si].idstr = xstrdup(key);
        ((char *)secs[si].idstr)[sp - 1 - key] = 0;
        if (!strcmp(secs[si].idstr, "ram")) {
            json_t *sizes = json_object_get(val, "section sizes");
            int nb = (int)json_object_size(sizes), b = 0;
            RamSectionBlock *blocks = xzalloc((size_t)nb * sizeof *blocks);
            const char *bn;
            json_t *bv;
            json_object_foreach(sizes, bn, bv) {
                blocks[b].name = bn;
                blocks[b].size = strtoull(json_string_value(bv), NULL, 16);
                blocks[b].host = aligned_alloc(4096, blocks[b].size);
                memset(blocks[b].host, 0, blocks[b].size);
                b++;
            }
            rs = ram_section_new(blocks, nb);
            g_split = (SplitRam){ .rs = rs };
            g_blocks = blocks;
            g_nblocks = nb;
            secs[si].inst = 0;
        } else {
            json_t *dev = json_array_get(devs, di++);
            if (!dev || strcmp(json_string_value(json_object_get(dev, "name")), secs[si].idstr))
                die("vmdesc devices out of step at %s", key);
            secs[si].dev = dev;
            secs[si].inst = (int)json_integer_value(json_object_get(dev, "instance_id"));
        }
        si++;
    }
    /* Register in section id order (QEMU's registration order), skipping unused ids. */
    SecList *l = sec_list_new(machine, (uint32_t)json_integer_value(json_object_get(desc, "page_size")));
    uint32_t next = 0;
    for (;;) {
        Sec *best = NULL;
        for (size_t i = 0; i < nsec; i++)
            if (secs[i].id >= next && (!best || secs[i].id < best->id))
                best = &secs[i];
        if (!best)
            break;
        while (next < best->id) {
            sec_skip_id(l);
            next++;
        }
        int r;
        if (!best->dev) {
            r = sec_register_iter(l, "ram", 0, RAM_SECTION_VERSION, &split_iter, &g_split, &err);
        } else {
            GenType *t = build(&best->dev, 1, MODE_OWNER, NULL);
            uint8_t *obj = xzalloc(t->obj_size);
            walk(t, best->dev, (GenHdr *)obj, obj);
            r = sec_register(l, best->idstr, best->inst, &t->d, obj, &err);
        }
        if (r < 0)
            die("register: %s", err.msg);
        next++;
    }
    *vd_out = vd;
    return l;
}

/* ---- hostile mode: mutations of a real stream must fail cleanly or load, never crash ---- */
typedef struct SecPos { size_t start, body, footer, end; uint8_t type; bool ram; } SecPos;

static size_t body_size(json_t *desc)
{
    size_t n = 0, i;
    json_t *f;
    json_array_foreach(json_object_get(desc, "fields"), i, f) {
        json_t *alen = json_object_get(f, "array_len");
        n += (size_t)json_integer_value(json_object_get(f, "size")) *
             (alen ? (size_t)json_integer_value(alen) : 1);
    }
    json_array_foreach(json_object_get(desc, "subsections"), i, f)
        n += 6 + strlen(json_string_value(json_object_get(f, "vmsd_name"))) + body_size(f);
    return n;
}

enum { MAX_SECTIONS = 1024 };   /* section records in a stream (sections and RAM PARTs) */

static int map_sections(const uint8_t *in, json_t *devs, SecPos *pos, size_t *eof)
{
    size_t p = 13 + be32(in + 9), di = 0;
    int n = 0;
    while (in[p] != SEC_EOF) {
        if (n == MAX_SECTIONS)
            die("%s", "more section records than the tool maps");
        SecPos *s = &pos[n++];
        s->start = p;
        s->type = in[p];
        if (s->type == SEC_START || s->type == SEC_FULL) {
            size_t l = in[p + 5];
            s->ram = l == 3 && !memcmp(in + p + 6, "ram", 3);
            s->body = p + 6 + l + 8;
        } else {
            s->ram = true;
            s->body = p + 5;
        }
        s->footer = s->ram ? ram_skip(in, s->body) : s->body + body_size(json_array_get(devs, di++));
        s->end = s->footer + 5;
        p = s->end;
    }
    *eof = p;
    return n;
}

static int load_once(SecList *l, const uint8_t *p, size_t n, Err *e)
{
    Stream *s = stream_open_mem(p, n);
    err_clear(e);
    int r = sec_load(l, s, e);
    stream_close(s, NULL);
    if (r < 0 && !e->msg[0])
        die("%s", "an error without a message");
    return r;
}

static int failures;
static void expect_fail(int r, const Err *e, const char *what, size_t at)
{
    if (r >= 0) {
        fprintf(stderr, "vmsreencode: %s at %zu was accepted\n", what, at);
        failures++;
    }
}

/* Cuts the stream at every section boundary and one byte either side: each cut is refused. */
static void hostile_truncations(SecList *l, const uint8_t *in, size_t len, const SecPos *pos, int n,
                                size_t eof, size_t vd)
{
    Err e;
    long tr = 0;
    for (int i = 0; i <= n; i++) {
        size_t b[4] = { i < n ? pos[i].start : eof, i < n ? pos[i].body : eof + 1,
                        i < n ? pos[i].footer : vd + 5, i < n ? pos[i].end : len - 1 };
        for (int k = 0; k < 4; k++)
            for (int d = -1; d <= 1; d++) {
                size_t cut = b[k] + (size_t)d;
                if (cut >= len || cut == eof + 1)
                    continue;   /* eof + 1: a stream without vmdesc is valid */
                expect_fail(load_once(l, in, cut, &e), &e, "truncation", cut);
                tr++;
            }
    }
    printf("truncations: %ld cuts at section boundaries rejected\n", tr);
}

/* Hostile lengths, names and an unknown subsection, each refused with its message. */
static void hostile_edits(SecList *l, const uint8_t *in, size_t len, const SecPos *pos, int n,
                          size_t eof, size_t vd, uint8_t *q)
{
    Err e;
    /* 4. Hostile lengths and names. */
    struct { size_t at; int width; uint64_t val; const char *what; } edits[] = {
        { 9, 4, 0x80000000u, "configuration length 2^31" },
        { 9, 4, 0xffffffffu, "configuration length 2^32-1" },
        { vd + 1, 4, 0x80000000u, "vmdesc length 2^31" },
        { vd + 1, 4, 0xffffffffu, "vmdesc length 2^32-1" },
        { pos[0].body, 8, ~0xfffull | RAM_FLAG_MEM_SIZE, "RAM total 2^64-4096" },
        { pos[0].body + 8 + 1 + in[pos[0].body + 8], 8, 0x80000000u, "RAM block length 2^31" },
        { pos[0].body + 8 + 1 + in[pos[0].body + 8], 8, ~0ull, "RAM block length 2^64-1" },
        { 12 + be32(in + 9), 1, 'X', "wrong machine type" },
        { pos[n - 1].start, 1, 0x09, "unknown section type 9" },
        { pos[n - 1].start + 6, 1, '~', "unknown section name" },
        { pos[n - 1].footer, 1, 0x7d, "wrong footer byte" },
        { pos[n - 1].footer + 4, 1, in[pos[n - 1].footer + 4] ^ 1, "wrong footer id" },
        { eof, 1, 0x04, "missing EOF" },
    };
    for (size_t i = 0; i < ARRAY_SIZE(edits); i++) {
        memcpy(q, in, len);
        for (int k = 0; k < edits[i].width; k++)
            q[edits[i].at + (size_t)k] = (uint8_t)(edits[i].val >> (8 * (edits[i].width - 1 - k)));
        int r = load_once(l, q, len, &e);
        expect_fail(r, &e, edits[i].what, edits[i].at);
        printf("%s: %s\n", edits[i].what, r < 0 ? e.msg : "ACCEPTED");
    }
    /* 5. Unknown subsection: the last byte of the name of the first subsection found. */
    for (int i = 0; i < n; i++) {
        if (pos[i].ram)
            continue;
        size_t k;
        for (k = pos[i].body; k + 2 < pos[i].footer; k++) {
            size_t nl = in[k + 1];
            const char *sec = (const char *)in + pos[i].start + 6;
            if (in[k] == SEC_SUBSECTION && nl > 3 && k + 2 + nl < pos[i].footer &&
                in[k + 2 + nl - 1] >= 'a' && !memcmp(in + k + 2, sec, 3))
                break;
        }
        if (k + 2 >= pos[i].footer)
            continue;
        memcpy(q, in, len);
        q[k + 2 + in[k + 1] - 1] = '~';
        int r = load_once(l, q, len, &e);
        expect_fail(r, &e, "unknown subsection", k);
        printf("unknown subsection: %s\n", r < 0 ? e.msg : "ACCEPTED");
        break;
    }
}

static int hostile(uint8_t *in, size_t len)
{
    size_t vd;
    SecList *l = setup(in, len, &vd);
    json_error_t je;
    json_t *desc = json_loadb((const char *)in + vd + 5, len - vd - 5, 0, &je);
    static SecPos pos[MAX_SECTIONS];
    size_t eof;
    int n = map_sections(in, json_object_get(desc, "devices"), pos, &eof);
    if (eof + 1 != vd)
        die("%s", "section map does not reach the vmdesc");
    Err e;
    if (load_once(l, in, len, &e) < 0)
        die("the unmodified stream fails: %s", e.msg);
    /* 1. A copy without the RAM PART records; every byte flipped in turn. */
    uint8_t *v = xmalloc(len), *q = xmalloc(len);
    size_t vl = 0, last = 0;
    bool *structural = xzalloc(len);
    for (int i = 0; i < n; i++) {
        if (pos[i].type == SEC_PART) {
            memcpy(v + vl, in + last, pos[i].start - last);
            vl += pos[i].start - last;
            last = pos[i].end;
        }
    }
    memcpy(v + vl, in + last, len - last);
    vl += len - last;
    static SecPos vpos[MAX_SECTIONS];
    size_t veof;
    int vn = map_sections(v, json_object_get(desc, "devices"), vpos, &veof);
    for (size_t i = 0; i < 13 + be32(v + 9); i++)
        structural[i] = true;
    for (int i = 0; i < vn; i++) {
        for (size_t k = vpos[i].start; k < vpos[i].body; k++)
            structural[k] = true;
        for (size_t k = vpos[i].footer; k < vpos[i].end; k++)
            structural[k] = true;
        if (vpos[i].ram)
            for (size_t k = vpos[i].body; k < vpos[i].footer; k++)
                structural[k] = true;
    }
    structural[veof] = true;
    if (load_once(l, v, vl, &e) < 0)
        die("the stream without RAM pages fails: %s", e.msg);
    long rejected = 0, accepted = 0;
    for (size_t i = 0; i < veof + 1; i++) {
        memcpy(q, v, vl);
        q[i] ^= 0xff;
        int r = load_once(l, q, vl, &e);
        if (structural[i])
            expect_fail(r, &e, "flip of a structural byte", i);
        r < 0 ? rejected++ : accepted++;
    }
    printf("flips: %zu bytes of sections and headers flipped: %ld rejected, %ld accepted "
           "(field values)\n", veof + 1, rejected, accepted);
    /* 2. The page records of the full stream: the first and last 256 bytes of each PART. */
    long pf = 0;
    for (int i = 0; i < n; i++) {
        if (pos[i].type != SEC_PART)
            continue;
        for (size_t k = pos[i].start; k < pos[i].end; k++) {
            if (k > pos[i].start + 256 && k + 256 < pos[i].end)
                continue;
            memcpy(q, in, len);
            q[k] ^= 0xff;
            load_once(l, q, len, &e);
            pf++;
        }
    }
    printf("flips: %ld bytes of RAM page records flipped, no crash\n", pf);
    hostile_truncations(l, in, len, pos, n, eof, vd);
    hostile_edits(l, in, len, pos, n, eof, vd, q);
    printf("hostile: %s\n", failures ? "FAILED" : "ok");
    return failures ? 1 : 0;
}

/* Counts the page records of each 'ram' PART of in[0..len) (a stream the loader accepted,
 * its vmdesc at vd) for split_save_iterate. */
static void note_parts(const uint8_t *in, size_t len, size_t vd)
{
    json_error_t je;
    json_t *desc = json_loadb((const char *)in + vd + 5, len - vd - 5, 0, &je);
    static SecPos pos[MAX_SECTIONS];
    size_t eof;
    int n = map_sections(in, json_object_get(desc, "devices"), pos, &eof);
    g_split.part_recs = xzalloc((size_t)n * sizeof *g_split.part_recs);
    g_split.nparts = 0;
    for (int i = 0; i < n; i++) {
        if (pos[i].type != SEC_PART)
            continue;
        uint64_t recs = 0;
        for (size_t p = pos[i].body; (be64(in + p) & 0xfff) != RAM_FLAG_EOS; p = ram_record_end(in, p))
            recs++;
        g_split.part_recs[g_split.nparts++] = recs;
    }
    json_decref(desc);
}

int main(int argc, char **argv)
{
    if (argc == 3 && !strcmp(argv[1], "--hostile")) {
        size_t len;
        uint8_t *in = read_file(argv[2], &len);
        return hostile(in, len);
    }
    /* --poke NAME:OFFSET:BYTE changes one RAM byte between load and save, so a test can
     * show that QEMU loads a stream whose content pcemu's writer produced. */
    const char *poke = NULL;
    if (argc == 5 && !strcmp(argv[1], "--poke")) {
        poke = argv[2];
        argv += 2;
        argc -= 2;
    }
    if (argc != 3)
        die("%s", "usage: vmsreencode [--poke BLOCK:OFFSET:BYTE] IN OUT | --hostile IN");
    size_t len, vd;
    uint8_t *in = read_file(argv[1], &len);
    Err err = { 0 };
    SecList *l = setup(in, len, &vd);
    Stream *s = stream_open_mem(in, len);
    if (sec_load(l, s, &err) < 0)
        die("load: %s", err.msg);
    stream_close(s, NULL);
    note_parts(in, len, vd);
    if (poke) {
        char name[256];
        unsigned long long off;
        unsigned val;
        const char *c1 = strchr(poke, ':');
        if (!c1 || c1 - poke > 255 || sscanf(c1 + 1, "%lli:%i", (long long *)&off, (int *)&val) != 2)
            die("bad --poke %s", poke);
        memcpy(name, poke, (size_t)(c1 - poke));
        name[c1 - poke] = 0;
        int b = 0;
        while (b < g_nblocks && strcmp(g_blocks[b].name, name))
            b++;
        if (b == g_nblocks || off >= g_blocks[b].size)
            die("--poke: no such block or offset: %s", poke);
        g_blocks[b].host[off] = (uint8_t)val;
    }
    FILE *out = fopen(argv[2], "wb");
    if (!out)
        die("cannot create %s", argv[2]);
    Stream *w = stream_open_fd(fileno(out), true);
    if (sec_save(l, w, &err) < 0 || stream_close(w, &err) < 0)
        die("save: %s", err.msg);
    fclose(out);
    printf("vmsreencode: %zu bytes re-encoded, RAM pages in %d PART records\n", len,
           g_split.nparts);
    return 0;
}
