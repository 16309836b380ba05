/* qcow2_model.h: a model-based differential test of the qcow2 driver, shared by the
 * scripted tool (tests/tools/qcow2_model.c, random sequences from a seed) and the fuzz
 * target (tests/fuzz/fuzz_qcow2_model.c, sequences decoded from the fuzz input).
 *
 * The model is the guest disk as the driver should show it: a sparse map of 4 KiB pages
 * (a missing page reads as zeros) plus, per snapshot, its ID, name, date, VM clock, disk
 * size, a copy of the disk taken at create (pages are shared copy-on-write between the
 * copies) and its VM-state bytes. An operation sequence drives the driver through block.h
 * and qcow2.h only (no look at its internals): writes of random, patterned, compressible
 * and all-zero data (the driver has no zero-write call) at unaligned offsets and lengths
 * that cross clusters, L2 tables and L1 entries; compressed cluster writes; reads;
 * snapshot create (with and without VM state, savevm's replace and qemu-img's duplicate
 * names), apply (revert) and delete; VM-state reads; close and reopen; the driver's own
 * check. Every read is compared with the model, the snapshot list after every change.
 * Refusals the driver must give (a duplicate name without replace; a refcount that would
 * overflow 1 or 2 bits) leave the model as it was; any other error is a failure.
 *
 * Everything is static so each program takes what it uses. */
#ifndef PCEMU_TESTS_TOOLS_QCOW2_MODEL_H
#define PCEMU_TESTS_TOOLS_QCOW2_MODEL_H

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/uio.h>

#include "block/block.h"
#include "block/qcow2.h"

#define MODEL_PAGE 4096u

/* ---------------------------------------------------------------- operation source */

/* The choices of a sequence: a seeded PRNG (splitmix64), or the bytes of a fuzz input,
 * taken as few at a time as a choice needs; past the end of the input every choice is 0
 * and model_src_done() says so. */
typedef struct ModelSrc {
    const uint8_t *data;   /* fuzz input, or NULL for the PRNG */
    size_t len, pos;
    uint64_t state;        /* PRNG state */
} ModelSrc;

static uint64_t model_mix(uint64_t *state)
{
    uint64_t z = (*state += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

static bool model_src_done(const ModelSrc *s) { return s->data && s->pos >= s->len; }

/* A value in [0, n); n == 0 gives 0. */
static uint64_t model_below(ModelSrc *s, uint64_t n)
{
    if (n <= 1)
        return 0;
    uint64_t v = 0;
    if (!s->data) {
        v = model_mix(&s->state);
    } else {
        for (uint64_t m = n - 1; m; m >>= 8)
            v = (v << 8) | (s->pos < s->len ? s->data[s->pos++] : (s->pos++, 0));
    }
    return v % n;
}

static void model_fill(uint8_t *buf, size_t len, uint64_t seed)
{
    for (size_t i = 0; i < len; i += 8) {
        uint64_t v = model_mix(&seed);
        memcpy(buf + i, &v, MIN((size_t)8, len - i));
    }
}

/* ---------------------------------------------------------------- sparse disk */

typedef struct ModelPage {
    uint32_t refs;         /* disks sharing this page; written only when 1 */
    uint8_t d[MODEL_PAGE];
} ModelPage;

/* Open addressing from page index to page; key 0 = empty slot, else index + 1. */
typedef struct ModelDisk {
    uint64_t *key;
    ModelPage **page;
    size_t cap, n;
} ModelDisk;

static size_t model_slot(const ModelDisk *d, uint64_t idx)
{
    uint64_t h = idx + 1;
    size_t i = (size_t)(model_mix(&h) & (d->cap - 1));
    while (d->key[i] && d->key[i] != idx + 1)
        i = (i + 1) & (d->cap - 1);
    return i;
}

static ModelPage *model_page(const ModelDisk *d, uint64_t idx)
{
    if (!d->cap)
        return NULL;
    size_t i = model_slot(d, idx);
    return d->key[i] ? d->page[i] : NULL;
}

static void model_disk_put(ModelDisk *d, uint64_t idx, ModelPage *p);

static void model_disk_grow(ModelDisk *d)
{
    ModelDisk nd = { .cap = d->cap ? 2 * d->cap : 64 };
    nd.key = xzalloc(nd.cap * sizeof *nd.key);
    nd.page = xzalloc(nd.cap * sizeof *nd.page);
    for (size_t i = 0; i < d->cap; i++)
        if (d->key[i])
            model_disk_put(&nd, d->key[i] - 1, d->page[i]);
    free(d->key);
    free(d->page);
    *d = nd;
}

/* Sets page idx to p (taking the caller's reference), dropping a page it replaces. */
static void model_disk_put(ModelDisk *d, uint64_t idx, ModelPage *p)
{
    if (2 * (d->n + 1) > d->cap)
        model_disk_grow(d);
    size_t i = model_slot(d, idx);
    if (d->key[i]) {
        if (--d->page[i]->refs == 0)
            free(d->page[i]);
    } else {
        d->key[i] = idx + 1;
        d->n++;
    }
    d->page[i] = p;
}

static void model_disk_free(ModelDisk *d)
{
    for (size_t i = 0; i < d->cap; i++)
        if (d->key[i] && --d->page[i]->refs == 0)
            free(d->page[i]);
    free(d->key);
    free(d->page);
    *d = (ModelDisk){ 0 };
}

static void model_disk_copy(ModelDisk *dst, const ModelDisk *src)
{
    *dst = (ModelDisk){ .cap = src->cap, .n = src->n };
    if (!src->cap)
        return;
    dst->key = xmalloc(src->cap * sizeof *dst->key);
    dst->page = xmalloc(src->cap * sizeof *dst->page);
    memcpy(dst->key, src->key, src->cap * sizeof *dst->key);
    memcpy(dst->page, src->page, src->cap * sizeof *dst->page);
    for (size_t i = 0; i < src->cap; i++)
        if (src->key[i])
            src->page[i]->refs++;
}

static void model_disk_write(ModelDisk *d, uint64_t off, const uint8_t *buf, size_t len)
{
    while (len) {
        uint64_t idx = off / MODEL_PAGE, in = off % MODEL_PAGE;
        size_t n = (size_t)MIN((uint64_t)len, MODEL_PAGE - in);
        ModelPage *p = model_page(d, idx);
        if (!p || p->refs > 1) {
            ModelPage *np = xzalloc(sizeof *np);
            np->refs = 1;
            if (p)
                memcpy(np->d, p->d, MODEL_PAGE);
            model_disk_put(d, idx, np);
            p = np;
        }
        memcpy(p->d + in, buf, n);
        off += n; buf += n; len -= n;
    }
}

static void model_disk_read(const ModelDisk *d, uint64_t off, uint8_t *buf, size_t len)
{
    while (len) {
        uint64_t idx = off / MODEL_PAGE, in = off % MODEL_PAGE;
        size_t n = (size_t)MIN((uint64_t)len, MODEL_PAGE - in);
        const ModelPage *p = model_page(d, idx);
        if (p)
            memcpy(buf, p->d + in, n);
        else
            memset(buf, 0, n);
        off += n; buf += n; len -= n;
    }
}

/* ---------------------------------------------------------------- the run */

typedef struct ModelSnap {
    char id[128], name[256];   /* as Qcow2SnapInfo */
    uint32_t date_sec;
    uint64_t vm_clock;
    uint64_t size;         /* disk size at create */
    ModelDisk disk;
    uint8_t *vm;           /* VM-state bytes */
    uint64_t vm_len;
} ModelSnap;

typedef struct ModelStats {
    uint64_t ops, reads, writes, zero_writes, compressed, compressed_skipped;
    uint64_t creates, applies, deletes, refusals, reopens, vm_reads, checks;
    uint64_t bytes_written, bytes_read;
} ModelStats;

typedef struct ModelRun {
    const char *path;
    BlockDev *b;
    Qcow2 *q;
    bool read_only;        /* reads only (extended L2 images) */
    Qcow2Info info;        /* as opened */
    uint64_t size;         /* guest disk bytes */
    uint64_t cs;           /* cluster bytes */
    uint64_t cover;        /* guest bytes one L2 table maps: one L1 entry */
    uint64_t max_len;      /* longest single read or write */
    ModelDisk disk;
    ModelSnap *snaps;
    int nsnaps;
    uint32_t date;         /* date_sec of the next snapshot */
    uint64_t hot[8];       /* offsets of recent writes: later operations overlap them */
    uint8_t *buf, *buf2;   /* max_len + a cluster each */
    ModelStats st;
    char msg[1024];        /* the first failure */
} ModelRun;

static bool model_fail(ModelRun *r, const char *fmt, ...) PRINTF_LIKE(2, 3);
static bool model_fail(ModelRun *r, const char *fmt, ...)
{
    if (r->msg[0])
        return false;
    int n = snprintf(r->msg, sizeof r->msg, "op %" PRIu64 ": ", r->st.ops);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(r->msg + n, sizeof r->msg - (size_t)n, fmt, ap);
    va_end(ap);
    return false;
}

static const char *model_err(Err *e) { return e->msg[0] ? e->msg : "(no message)"; }

/* Compares driver bytes got with the model at guest offset off. */
static bool model_same(ModelRun *r, const char *what, uint64_t off, const uint8_t *got,
                       const uint8_t *want, size_t len)
{
    if (memcmp(got, want, len) == 0)
        return true;
    size_t i = 0;
    while (got[i] == want[i])
        i++;
    return model_fail(r, "%s [%#" PRIx64 ", +%#zx): byte %#" PRIx64 " is %02x, model %02x",
                      what, off, len, off + i, got[i], want[i]);
}

static bool model_open(ModelRun *r)
{
    Err err = { 0 };
    if (blk_open(r->path, "qcow2", r->read_only, &r->b, &err) < 0)
        return model_fail(r, "open: %s", model_err(&err));
    r->q = qcow2_of(r->b);
    return true;
}

static bool model_close(ModelRun *r)
{
    Err err = { 0 };
    if (!r->b)
        return false;   /* a reopen failed: already reported */
    int ret = blk_close(r->b, &err);
    r->b = NULL;
    r->q = NULL;
    return ret < 0 ? model_fail(r, "close: %s", model_err(&err)) : true;
}

/* The driver's snapshot list must be the model's: IDs, names, dates, clocks, sizes. */
static bool model_check_snaps(ModelRun *r)
{
    int n = qcow2_snapshot_count(r->q);
    if (n != r->nsnaps)
        return model_fail(r, "%d snapshots, model %d", n, r->nsnaps);
    for (int i = 0; i < n; i++) {
        Qcow2SnapInfo si;
        const ModelSnap *m = &r->snaps[i];
        if (qcow2_snapshot_info(r->q, i, &si) < 0)
            return model_fail(r, "snapshot %d: no info", i);
        if (strcmp(si.id, m->id) || strcmp(si.name, m->name) || si.date_sec != m->date_sec ||
            si.vm_clock_nsec != m->vm_clock || si.vm_state_size != m->vm_len ||
            si.disk_size != m->size)
            return model_fail(r, "snapshot %d is %s '%s' date %u clock %" PRIu64 " vm %" PRIu64
                              " size %" PRIu64 ", model %s '%s' %u %" PRIu64 " %" PRIu64 " %"
                              PRIu64, i, si.id, si.name, si.date_sec, si.vm_clock_nsec,
                              si.vm_state_size, si.disk_size, m->id, m->name, m->date_sec,
                              m->vm_clock, m->vm_len, m->size);
    }
    if (qcow2_size(r->q) != r->size)
        return model_fail(r, "disk size %" PRIu64 ", model %" PRIu64, qcow2_size(r->q), r->size);
    return true;
}

/* The driver's own consistency check: no corruption, no leak. */
static bool model_check_image(ModelRun *r)
{
    Qcow2CheckResult res;
    Err err = { 0 };
    r->st.checks++;
    if (qcow2_check(r->q, QCOW2_REPAIR_NONE, &res, NULL, &err) < 0)
        return model_fail(r, "check: %s", model_err(&err));
    if (res.corruptions || res.leaks || res.check_errors)
        return model_fail(r, "check: %" PRIu64 " corruptions, %" PRIu64 " leaks, %" PRIu64
                          " errors", res.corruptions, res.leaks, res.check_errors);
    return true;
}

static bool model_read(ModelRun *r, uint64_t off, size_t len)
{
    Err err = { 0 };
    r->st.reads++;
    r->st.bytes_read += len;
    if (blk_pread(r->b, off, r->buf, len, &err) < 0)
        return model_fail(r, "read [%#" PRIx64 ", +%#zx): %s", off, len, model_err(&err));
    model_disk_read(&r->disk, off, r->buf2, len);
    return model_same(r, "read", off, r->buf, r->buf2, len);
}

static int model_cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

/* The indices of the pages d holds, ascending (caller frees). */
static uint64_t *model_sorted_pages(const ModelDisk *d)
{
    uint64_t *idx = xmalloc((d->n + 1) * sizeof *idx);
    size_t n = 0;
    for (size_t i = 0; i < d->cap; i++)
        if (d->key[i])
            idx[n++] = d->key[i] - 1;
    qsort(idx, n, sizeof *idx, model_cmp_u64);
    return idx;
}

/* Every page the model holds read back; pages less than two clusters apart in one read
 * with the holes between them (a read must keep each chunk at its guest place). */
static bool model_verify_all(ModelRun *r)
{
    uint64_t *idx = model_sorted_pages(&r->disk);
    uint64_t gap = MAX(2 * r->cs / MODEL_PAGE, 2);
    bool ok = true;
    for (size_t i = 0; ok && i < r->disk.n;) {
        size_t j = i + 1;
        while (j < r->disk.n && idx[j] - idx[j - 1] <= gap &&
               (idx[j] + 1 - idx[i]) * MODEL_PAGE <= r->max_len)
            j++;
        uint64_t off = idx[i] * MODEL_PAGE;
        if (off < r->size)
            ok = model_read(r, off, (size_t)MIN((idx[j - 1] + 1 - idx[i]) * MODEL_PAGE,
                                                r->size - off));
        i = j;
    }
    free(idx);
    return ok;
}

/* Write data of one of several kinds; returns the kind's name. */
static const char *model_data(ModelSrc *s, uint8_t *buf, size_t len)
{
    switch (model_below(s, 8)) {
    case 0:
    case 1:
        memset(buf, 0, len);
        return "zero";
    case 2:
        memset(buf, (int)(1 + model_below(s, 255)), len);
        return "byte";
    case 3: {   /* compressible but position-dependent: a 24-byte motif and a counter */
        uint8_t motif[24];
        model_fill(motif, sizeof motif, model_below(s, UINT32_MAX));
        for (size_t i = 0; i < len; i++)
            buf[i] = (uint8_t)(motif[i % 24] + (i / 512));
        return "motif";
    }
    default:
        model_fill(buf, len, model_below(s, UINT64_MAX) ^ 0x5eed);
        return "random";
    }
}

/* A guest offset: near an L1-entry boundary, a cluster boundary, a recent write, the
 * end, or anywhere. */
static uint64_t model_pick_off(ModelRun *r, ModelSrc *s)
{
    uint64_t off;
    switch (model_below(s, 6)) {
    case 0: {   /* around the start of an L2 table's range */
        uint64_t b = r->cover * model_below(s, r->size / r->cover + 1);
        off = b + model_below(s, 8 * r->cs);
        off = off > 4 * r->cs ? off - 4 * r->cs : 0;
        break;
    }
    case 1:
        off = r->cs * model_below(s, r->size / r->cs);
        break;
    case 2:
    case 3: {
        uint64_t h = r->hot[model_below(s, 8)];
        off = h + model_below(s, 3 * r->cs);
        off = off > r->cs ? off - r->cs : 0;
        break;
    }
    case 4:
        off = r->size - 1 - MIN(r->size - 1, model_below(s, 4 * r->cs));
        break;
    default:
        off = model_below(s, r->size);
        break;
    }
    return MIN(off, r->size - 1);
}

static size_t model_pick_len(ModelRun *r, ModelSrc *s, uint64_t off)
{
    uint64_t len;
    switch (model_below(s, 5)) {
    case 0: len = 1 + model_below(s, 600); break;
    case 1: len = 1 + model_below(s, 2 * r->cs); break;
    case 2: len = r->cs * (1 + model_below(s, 3)); break;
    case 3: len = 1 + model_below(s, 6 * r->cs); break;
    default: len = 1 + model_below(s, r->max_len); break;   /* across L2 tables when small */
    }
    return (size_t)MIN(MIN(len, r->max_len), r->size - off);
}

static bool model_op_write(ModelRun *r, ModelSrc *s)
{
    uint64_t off = model_pick_off(r, s);
    size_t len = model_pick_len(r, s, off);
    const char *kind = model_data(s, r->buf, len);
    Err err = { 0 };
    if (blk_pwrite(r->b, off, r->buf, len, &err) < 0)
        return model_fail(r, "write %s [%#" PRIx64 ", +%#zx): %s", kind, off, len,
                          model_err(&err));
    model_disk_write(&r->disk, off, r->buf, len);
    r->hot[r->st.writes % 8] = off;
    r->st.writes++;
    r->st.zero_writes += kind[0] == 'z';
    r->st.bytes_written += len;
    /* read back a window around it: both neighbours and the bytes themselves */
    uint64_t a = off > r->cs ? off - r->cs : 0;
    return model_read(r, a, (size_t)MIN(MIN(off + len + r->cs, r->size) - a, r->max_len));
}

/* Two new clusters with one between them: allocated in turn they are adjacent in the
 * file while the guest has a hole (or older data) between them; read back in one go. */
static bool model_op_write_pair(ModelRun *r, ModelSrc *s)
{
    if (r->size / r->cs < 3)
        return true;
    uint64_t off = r->cs * model_below(s, r->size / r->cs - 2);
    Err err = { 0 };
    for (int k = 0; k < 2; k++) {
        model_fill(r->buf, r->cs, model_below(s, UINT64_MAX));
        uint64_t o = off + 2 * (uint64_t)k * r->cs;
        if (blk_pwrite(r->b, o, r->buf, r->cs, &err) < 0)
            return model_fail(r, "write [%#" PRIx64 ", +%#" PRIx64 "): %s", o, r->cs,
                              model_err(&err));
        model_disk_write(&r->disk, o, r->buf, r->cs);
        r->st.writes++;
        r->st.bytes_written += r->cs;
    }
    r->hot[r->st.writes % 8] = off;
    return model_read(r, off, (size_t)MIN(3 * r->cs, r->max_len));
}

static bool model_op_compressed(ModelRun *r, ModelSrc *s)
{
    uint64_t off = r->cs * model_below(s, r->size / r->cs);
    bool alloc, zero;
    Err err = { 0 };
    if (qcow2_cluster_status(r->q, off, &alloc, &zero, &err) < 0)
        return model_fail(r, "cluster status %#" PRIx64 ": %s", off, model_err(&err));
    if (alloc) {
        r->st.compressed_skipped++;
        return true;
    }
    model_data(s, r->buf, r->cs);
    if (qcow2_write_compressed(r->q, off, r->buf, &err) < 0)
        return model_fail(r, "compressed write %#" PRIx64 ": %s", off, model_err(&err));
    model_disk_write(&r->disk, off, r->buf, r->cs);
    r->hot[r->st.writes % 8] = off;
    r->st.compressed++;
    uint64_t a = off > r->cs ? off - r->cs : 0;
    return model_read(r, a, (size_t)MIN(MIN(off + 2 * r->cs, r->size) - a, r->max_len));
}

static bool model_op_read(ModelRun *r, ModelSrc *s)
{
    uint64_t off = model_pick_off(r, s);
    return model_read(r, off, model_pick_len(r, s, off));
}

/* May the driver refuse this with err? A refcount past 1 or 2 bits (order 0 or 1) is a
 * refusal, the image untouched; nothing else is. */
static bool model_refusal_ok(ModelRun *r, int ret)
{
    return ret == -ERANGE && r->info.refcount_bits <= 2;
}

static const char *const model_names[] = { "s0", "s1", "s2", "s3", "s4", "first" };

static bool model_op_create(ModelRun *r, ModelSrc *s)
{
    const char *name = model_names[model_below(s, ARRAY_SIZE(model_names))];
    int mode = (int)model_below(s, 4);   /* 0, 1: savevm (replace); 2: duplicate; 3: plain */
    Qcow2SnapNew sn = { .name = name, .date_sec = r->date, .date_nsec = 0,
                        .vm_clock_nsec = model_below(s, 1ull << 40), .icount = UINT64_MAX,
                        .replace = mode < 2, .allow_duplicate = mode == 2 };
    int dup = -1;
    for (int i = 0; i < r->nsnaps; i++)
        if (strcmp(r->snaps[i].name, name) == 0)
            dup = i;
    Err err = { 0 };
    Qcow2VmWriter *w = NULL;
    uint8_t *vm = NULL;
    uint64_t vm_len = 0;
    if (model_below(s, 3) == 0) {
        vm_len = model_below(s, MIN(3 * r->cs + 5000, r->max_len));
        vm = xmalloc(vm_len + 1);
        model_fill(vm, vm_len, model_below(s, UINT64_MAX));
        if (qcow2_vmstate_begin(r->q, &w, &err) < 0) {
            free(vm);
            return model_fail(r, "vmstate begin: %s", model_err(&err));
        }
        for (uint64_t pos = 0; pos < vm_len;) {
            size_t n = (size_t)(1 + model_below(s, MIN(vm_len - pos, 3 * r->cs)));
            int ret;
            if (model_below(s, 2)) {
                size_t h = (size_t)model_below(s, n + 1);
                struct iovec iov[2] = { { vm + pos, h }, { vm + pos + h, n - h } };
                ret = qcow2_vmstate_writev(w, pos, iov, 2, &err);
            } else {
                ret = qcow2_vmstate_write(w, pos, vm + pos, n, &err);
            }
            if (ret < 0) {
                qcow2_vmstate_abort(w);
                free(vm);
                return model_fail(r, "vmstate write at %#" PRIx64 ": %s", pos, model_err(&err));
            }
            pos += n;
        }
    }
    int ret = qcow2_snapshot_create(r->q, &sn, w, &err);
    if (mode == 3 && dup >= 0) {
        free(vm);
        r->st.refusals++;
        return ret == -EEXIST ? model_check_snaps(r)
                              : model_fail(r, "duplicate name '%s' not refused (%d)", name, ret);
    }
    if (ret < 0) {
        free(vm);
        if (!model_refusal_ok(r, ret))
            return model_fail(r, "snapshot create '%s': %s", name, model_err(&err));
        r->st.refusals++;
        return model_check_snaps(r);
    }
    uint64_t next_id = 0;
    for (int i = 0; i < r->nsnaps; i++)
        next_id = MAX(next_id, strtoull(r->snaps[i].id, NULL, 10));
    if (sn.replace && dup >= 0) {
        ModelSnap *d = &r->snaps[dup];
        model_disk_free(&d->disk);
        free(d->vm);
        memmove(d, d + 1, (size_t)(r->nsnaps - dup - 1) * sizeof *d);
        r->nsnaps--;
    }
    r->snaps = xrealloc(r->snaps, (size_t)(r->nsnaps + 1) * sizeof *r->snaps);
    ModelSnap *m = &r->snaps[r->nsnaps++];
    *m = (ModelSnap){ .date_sec = r->date++, .vm_clock = sn.vm_clock_nsec, .size = r->size,
                      .vm = vm, .vm_len = vm_len };
    snprintf(m->id, sizeof m->id, "%" PRIu64, next_id + 1);
    snprintf(m->name, sizeof m->name, "%s", name);
    model_disk_copy(&m->disk, &r->disk);
    r->st.creates++;
    return model_check_snaps(r);
}

static bool model_op_apply(ModelRun *r, ModelSrc *s)
{
    if (!r->nsnaps)
        return true;
    int i = (int)model_below(s, (uint64_t)r->nsnaps);
    Err err = { 0 };
    int ret = qcow2_snapshot_apply(r->q, i, &err);
    if (ret < 0) {
        if (!model_refusal_ok(r, ret))
            return model_fail(r, "apply '%s': %s", r->snaps[i].name, model_err(&err));
        r->st.refusals++;
        return model_check_snaps(r);
    }
    model_disk_free(&r->disk);
    model_disk_copy(&r->disk, &r->snaps[i].disk);
    r->size = r->snaps[i].size;
    r->st.applies++;
    return model_check_snaps(r);
}

static bool model_op_delete(ModelRun *r, ModelSrc *s)
{
    if (!r->nsnaps)
        return true;
    int i = (int)model_below(s, (uint64_t)r->nsnaps);
    Err err = { 0 };
    if (qcow2_snapshot_delete(r->q, i, &err) < 0)
        return model_fail(r, "delete '%s': %s", r->snaps[i].name, model_err(&err));
    ModelSnap *d = &r->snaps[i];
    model_disk_free(&d->disk);
    free(d->vm);
    memmove(d, d + 1, (size_t)(r->nsnaps - i - 1) * sizeof *d);
    r->nsnaps--;
    r->st.deletes++;
    return model_check_snaps(r);
}

static bool model_op_vm_read(ModelRun *r, ModelSrc *s)
{
    if (!r->nsnaps)
        return true;
    int i = (int)model_below(s, (uint64_t)r->nsnaps);
    const ModelSnap *m = &r->snaps[i];
    uint64_t off = model_below(s, m->vm_len + r->cs);
    size_t len = (size_t)(1 + model_below(s, MIN(2 * r->cs + 3000, r->max_len)));
    Err err = { 0 };
    long got = qcow2_vmstate_read(r->q, i, off, r->buf, len, &err);
    long want = off >= m->vm_len ? 0 : (long)MIN((uint64_t)len, m->vm_len - off);
    r->st.vm_reads++;
    if (got != want)
        return model_fail(r, "VM state of '%s' at %#" PRIx64 " +%#zx: %ld bytes, model %ld (%s)",
                          m->name, off, len, got, want, got < 0 ? model_err(&err) : "");
    return want == 0 || model_same(r, "VM-state read", off, r->buf, m->vm + off, (size_t)want);
}

static bool model_op_reopen(ModelRun *r)
{
    r->st.reopens++;
    if (!model_check_image(r) || !model_close(r) || !model_open(r))
        return false;
    return model_check_snaps(r);
}

/* Opens the image of a run and takes its geometry. Before model_run, the caller puts the
 * guest disk the image starts with into r->disk and its snapshots, in the image's order,
 * into r->snaps (an image pcemu just created has neither). */
static bool model_start(ModelRun *r, const char *path, bool read_only)
{
    r->path = path;
    r->read_only = read_only;
    if (!model_open(r))
        return false;
    qcow2_info(r->q, &r->info);
    r->size = qcow2_size(r->q);
    r->cs = r->info.cluster_size;
    uint64_t l2_bytes = r->info.extended_l2 ? 16 : 8;
    r->cover = r->cs * (r->cs / l2_bytes);
    /* a few clusters; where L2 tables map little (clusters up to 4 KiB), long enough to
     * cross two of them in one request */
    r->max_len = MIN(MAX(r->cover <= (2u << 20) ? 3 * r->cover : 0, 4 * r->cs),
                     (uint64_t)8 << 20);
    r->buf = xmalloc(r->max_len + r->cs);
    r->buf2 = xmalloc(r->max_len + r->cs);
    r->date = 1700000000;
    for (int i = 0; i < 8; i++)
        r->hot[i] = r->cs * 2 * (uint64_t)i % MAX(r->size, 1);
    return r->size ? true : model_fail(r, "empty disk");
}

/* Runs operations from s until nops are done (or the fuzz input ends); then verifies
 * everything once more, checks and closes the image. false: r->msg says why. */
static bool model_run(ModelRun *r, ModelSrc *s, uint64_t nops)
{
    bool ok = model_check_snaps(r) && model_check_image(r) && model_verify_all(r);
    for (uint64_t k = 0; ok && k < nops && !model_src_done(s); k++) {
        r->st.ops++;
        uint64_t op = model_below(s, 100);
        if (r->read_only)
            op = op < 85 ? 40 : op < 92 ? 96 : 99;   /* read, reopen, verify */
        if (op < 33)
            ok = model_op_write(r, s);
        else if (op < 36)
            ok = model_op_write_pair(r, s);
        else if (op < 66)
            ok = model_op_read(r, s);
        else if (op < 72)
            ok = model_op_compressed(r, s);
        else if (op < 81)
            ok = model_op_create(r, s);
        else if (op < 86)
            ok = model_op_apply(r, s);
        else if (op < 91)
            ok = model_op_delete(r, s);
        else if (op < 95)
            ok = model_op_vm_read(r, s);
        else if (op < 98)
            ok = model_op_reopen(r);
        else
            ok = model_verify_all(r);
    }
    ok = ok && model_verify_all(r) && model_check_snaps(r) && model_check_image(r);
    return model_close(r) && ok;
}

static void model_free(ModelRun *r)
{
    if (r->b)
        blk_close(r->b, NULL);
    model_disk_free(&r->disk);
    for (int i = 0; i < r->nsnaps; i++) {
        model_disk_free(&r->snaps[i].disk);
        free(r->snaps[i].vm);
    }
    free(r->snaps);
    free(r->buf);
    free(r->buf2);
    *r = (ModelRun){ 0 };
}

#endif
