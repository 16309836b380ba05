/* mtree.c: the named region tree and its two listings; see mtree.h. Offsets are 64-bit and
 * wrap as QEMU's 128-bit ones never need to in a 32-bit pc machine: the tree is the
 * machine's own, never built from guest or stream bytes. */
#include "emu/hw/mtree.h"

#include <assert.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct MtreeRegion {
    const char *name;
    MtreeKind kind;
    uint64_t addr;             /* offset in the parent */
    uint64_t last;             /* size - 1 */
    int priority;
    bool enabled;
    bool readonly;             /* aliases only: the window is read-only */
    MtreeRegion *alias;        /* an alias's target, else NULL */
    uint64_t alias_offset;
    MtreeRegion *parent;
    MtreeRegion **sub;         /* children, priority descending, the newest first among
                                  equal priorities (QEMU's subregions list order) */
    size_t nsub, cap;
};

typedef struct MtreeAs { const char *name; MtreeRegion *root; } MtreeAs;

struct Mtree {
    MtreeRegion **all;         /* every region, in creation order (owned) */
    size_t nall, capall;
    MtreeAs *as;
    size_t nas, capas;
};

Mtree *mtree_new(void) { return xzalloc(sizeof(Mtree)); }

void mtree_free(Mtree *t)
{
    if (!t)
        return;
    for (size_t i = 0; i < t->nall; i++) {
        free(t->all[i]->sub);
        free(t->all[i]);
    }
    free(t->all);
    free(t->as);
    free(t);
}

/* Appends an element to a growing array of elements of size esz. */
static void *grow(void *arr, size_t *cap, size_t n, size_t esz)
{
    if (n < *cap)
        return arr;
    *cap = *cap ? *cap * 2 : 8;
    void *p = realloc(arr, *cap * esz);
    if (!p)
        abort();
    return p;
}

MtreeRegion *mtree_region(Mtree *t, const char *name, MtreeKind kind, uint64_t last)
{
    MtreeRegion *r = xzalloc(sizeof *r);
    *r = (MtreeRegion){ .name = name, .kind = kind, .last = last, .enabled = true };
    t->all = grow(t->all, &t->capall, t->nall, sizeof *t->all);
    t->all[t->nall++] = r;
    return r;
}

MtreeRegion *mtree_alias(Mtree *t, const char *name, MtreeRegion *target, uint64_t offset,
                         uint64_t last)
{
    MtreeRegion *r = mtree_region(t, name, MTREE_CONTAINER, last);
    r->alias = target;
    r->alias_offset = offset;
    return r;
}

void mtree_add(MtreeRegion *parent, MtreeRegion *child, uint64_t addr, int priority)
{
    assert(!child->parent);
    child->addr = addr;
    child->priority = priority;
    child->parent = parent;
    parent->sub = grow(parent->sub, &parent->cap, parent->nsub, sizeof *parent->sub);
    size_t i = 0;
    while (i < parent->nsub && parent->sub[i]->priority > priority)
        i++;
    memmove(parent->sub + i + 1, parent->sub + i, (parent->nsub - i) * sizeof *parent->sub);
    parent->sub[i] = child;
    parent->nsub++;
}

void mtree_del(MtreeRegion *r)
{
    MtreeRegion *p = r->parent;
    if (!p)
        return;
    for (size_t i = 0; i < p->nsub; i++)
        if (p->sub[i] == r) {
            memmove(p->sub + i, p->sub + i + 1, (p->nsub - i - 1) * sizeof *p->sub);
            p->nsub--;
            break;
        }
    r->parent = NULL;
}

void mtree_set_enabled(MtreeRegion *r, bool enabled) { r->enabled = enabled; }
void mtree_set_readonly(MtreeRegion *r, bool readonly) { r->readonly = readonly; }

MtreeRegion *mtree_find(const Mtree *t, const char *name)
{
    for (size_t i = 0; i < t->nall; i++)
        if (!strcmp(t->all[i]->name, name))
            return t->all[i];
    return NULL;
}

void mtree_add_as(Mtree *t, const char *name, MtreeRegion *root)
{
    t->as = grow(t->as, &t->capas, t->nas, sizeof *t->as);
    t->as[t->nas++] = (MtreeAs){ .name = name, .root = root };
}

/* ---- printing ---- */

typedef struct Out { MtreePutFn put; void *opaque; } Out;

static void PRINTF_LIKE(2, 3) out_printf(const Out *o, const char *fmt, ...)
{
    char buf[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    o->put(o->opaque, buf);
}

static const char *kind_name(const MtreeRegion *r)
{
    while (r->alias)
        r = r->alias;
    return r->kind == MTREE_RAM ? "ram" : r->kind == MTREE_ROM ? "rom" : "i/o";
}

/* Regions an alias points at, in the order the listing meets them: each gets its own
 * "memory-region:" block after the address spaces. */
typedef struct AliasQueue { const MtreeRegion **r; size_t n, cap; } AliasQueue;

static void queue_alias(AliasQueue *q, const MtreeRegion *target)
{
    for (size_t i = 0; i < q->n; i++)
        if (q->r[i] == target)
            return;
    q->r = grow(q->r, &q->cap, q->n, sizeof *q->r);
    q->r[q->n++] = target;
}

/* QEMU's mtree_print_mr: a disabled region's line is left out (unless `-D`) but its
 * children still print, one level deeper; children go by address, then priority
 * descending, then their list order. */
static void print_region(const Out *o, const MtreeRegion *r, unsigned level, uint64_t base,
                         AliasQueue *q, bool disabled)
{
    uint64_t start = base + r->addr, end = start + r->last;
    if (r->alias)
        queue_alias(q, r->alias);
    if (r->enabled || disabled) {
        for (unsigned i = 0; i < level; i++)
            out_printf(o, "  ");
        out_printf(o, "%016" PRIx64 "-%016" PRIx64 " (prio %d, %s): ", start, end, r->priority,
                   kind_name(r));
        if (r->alias)
            out_printf(o, "alias %s @%s %016" PRIx64 "-%016" PRIx64, r->name, r->alias->name,
                       r->alias_offset, r->alias_offset + r->last);
        else
            out_printf(o, "%s", r->name);
        out_printf(o, "%s\n", r->enabled ? "" : " [disabled]");
    }
    const MtreeRegion **order = xzalloc((r->nsub + 1) * sizeof *order);
    for (size_t i = 0; i < r->nsub; i++) {
        const MtreeRegion *s = r->sub[i];
        size_t j = 0;
        while (j < i && !(s->addr < order[j]->addr ||
                          (s->addr == order[j]->addr && s->priority > order[j]->priority)))
            j++;
        memmove(order + j + 1, order + j, (i - j) * sizeof *order);
        order[j] = s;
    }
    for (size_t i = 0; i < r->nsub; i++)
        print_region(o, order[i], level + 1, start, q, disabled);
    free(order);
}

/* One piece of a rendered view: [start, last] shows region mr from offset `offset`. */
typedef struct FlatRange {
    uint64_t start, last, offset;
    const MtreeRegion *mr;
    bool readonly;
} FlatRange;
typedef struct FlatView { FlatRange *r; size_t n, cap; } FlatView;

static void flat_insert_at(FlatView *v, size_t i, FlatRange fr)
{
    v->r = grow(v->r, &v->cap, v->n, sizeof *v->r);
    memmove(v->r + i + 1, v->r + i, (v->n - i) * sizeof *v->r);
    v->r[i] = fr;
    v->n++;
}

/* Gives region mr the parts of [start, last] no range holds yet; offset is mr's offset at
 * start. The ranges stay sorted and disjoint. */
static void flat_fill(FlatView *v, const MtreeRegion *mr, uint64_t start, uint64_t last,
                      uint64_t offset, bool readonly)
{
    uint64_t pos = start;
    for (size_t i = 0; i < v->n; i++) {
        FlatRange *h = &v->r[i];
        if (h->last < pos)
            continue;
        if (pos < h->start) {
            uint64_t piece = MIN(last, h->start - 1);
            flat_insert_at(v, i, (FlatRange){ pos, piece, offset + (pos - start), mr, readonly });
            if (piece == last)
                return;
            h = &v->r[++i];
        }
        if (h->last >= last)
            return;
        pos = h->last + 1;
    }
    flat_insert_at(v, v->n, (FlatRange){ pos, last, offset + (pos - start), mr, readonly });
}

/* QEMU's render_memory_region: [clip_start, clip_last] is what the parents leave visible,
 * base the address of mr's parent's offset 0. */
static void render(FlatView *v, const MtreeRegion *mr, uint64_t base, uint64_t clip_start,
                   uint64_t clip_last, bool readonly)
{
    if (!mr->enabled)
        return;
    base += mr->addr;
    readonly |= mr->readonly;
    uint64_t last = base + mr->last < base ? UINT64_MAX : base + mr->last;
    if (base > clip_last || last < clip_start)
        return;
    clip_start = MAX(clip_start, base);
    clip_last = MIN(clip_last, last);
    if (mr->alias) {
        render(v, mr->alias, base - mr->alias->addr - mr->alias_offset, clip_start, clip_last,
               readonly);
        return;
    }
    for (size_t i = 0; i < mr->nsub; i++)
        render(v, mr->sub[i], base, clip_start, clip_last, readonly);
    if (mr->kind != MTREE_CONTAINER)
        flat_fill(v, mr, clip_start, clip_last, clip_start - base,
                  readonly || mr->kind == MTREE_ROM);
}

/* QEMU's memory_region_get_flatview_root: the region a view starts from, skipping aliases
 * and containers that only pass one child through; NULL when nothing shows. */
static const MtreeRegion *view_root(const MtreeRegion *mr)
{
    while (mr->enabled) {
        if (mr->alias) {
            if (!mr->alias_offset && mr->last >= mr->alias->last) {
                mr = mr->alias;
                continue;
            }
        } else if (mr->kind == MTREE_CONTAINER) {
            const MtreeRegion *next = NULL;
            size_t found = 0;
            for (size_t i = 0; i < mr->nsub; i++) {
                const MtreeRegion *c = mr->sub[i];
                if (!c->enabled)
                    continue;
                if (++found > 1) {
                    next = NULL;
                    break;
                }
                if (!c->addr && mr->last >= c->last)
                    next = c;
            }
            if (!found)
                return NULL;
            if (next) {
                mr = next;
                continue;
            }
        }
        return mr;
    }
    return NULL;
}

static void print_view(const Out *o, const Mtree *t, const MtreeRegion *root, int number)
{
    out_printf(o, "FlatView #%d\n", number);
    for (size_t i = 0; i < t->nas; i++) {
        const MtreeRegion *r = t->as[i].root;
        if (view_root(r) != root)
            continue;
        out_printf(o, " AS \"%s\", root: %s", t->as[i].name, r->name);
        if (r->alias)
            out_printf(o, ", alias %s", r->alias->name);
        out_printf(o, "\n");
    }
    out_printf(o, " Root memory region: %s\n", root ? root->name : "(none)");
    FlatView v = { 0 };
    if (root)
        render(&v, root, 0, 0, UINT64_MAX, false);
    /* QEMU's flatview_simplify: neighbours that continue one another become one */
    size_t n = 0;
    for (size_t i = 0; i < v.n; i++) {
        FlatRange *p = n ? &v.r[n - 1] : NULL, *c = &v.r[i];
        if (p && p->mr == c->mr && p->readonly == c->readonly && p->last + 1 == c->start &&
            p->offset + (p->last - p->start) + 1 == c->offset)
            p->last = c->last;
        else
            v.r[n++] = *c;
    }
    if (!n)
        out_printf(o, "  No rendered FlatView\n\n");
    for (size_t i = 0; i < n; i++) {
        const FlatRange *f = &v.r[i];
        out_printf(o, "  %016" PRIx64 "-%016" PRIx64 " (prio %d, %s): %s", f->start, f->last,
                   f->mr->priority, f->readonly ? "rom" : kind_name(f->mr), f->mr->name);
        if (f->offset)
            out_printf(o, " @%016" PRIx64, f->offset);
        out_printf(o, "\n");
    }
    if (n)
        out_printf(o, "\n");
    free(v.r);
}

static int as_by_name(const void *a, const void *b)
{
    return strcmp(((const MtreeAs *)a)->name, ((const MtreeAs *)b)->name);
}

void mtree_print(const Mtree *t, bool flat, bool disabled, MtreePutFn put, void *opaque)
{
    Out o = { put, opaque };
    if (flat) {
        /* one view per distinct root, in the order of the first address space showing it */
        int number = 0;
        for (size_t i = 0; i < t->nas; i++) {
            const MtreeRegion *root = view_root(t->as[i].root);
            bool seen = false;
            for (size_t j = 0; j < i; j++)
                seen |= view_root(t->as[j].root) == root;
            if (!seen)
                print_view(&o, t, root, number++);
        }
        return;
    }
    /* address spaces sharing a root: their names (sorted), then the tree once */
    AliasQueue q = { 0 };
    bool *done = xzalloc((t->nas + 1) * sizeof *done);
    MtreeAs *same = xzalloc((t->nas + 1) * sizeof *same);
    for (size_t i = 0; i < t->nas; i++) {
        if (done[i])
            continue;
        size_t n = 0;
        for (size_t j = i; j < t->nas; j++)
            if (!done[j] && t->as[j].root == t->as[i].root) {
                same[n++] = t->as[j];
                done[j] = true;
            }
        qsort(same, n, sizeof *same, as_by_name);
        for (size_t j = 0; j < n; j++)
            out_printf(&o, "address-space: %s\n", same[j].name);
        print_region(&o, t->as[i].root, 1, 0, &q, disabled);
        out_printf(&o, "\n");
    }
    for (size_t i = 0; i < q.n; i++) {
        out_printf(&o, "memory-region: %s\n", q.r[i]->name);
        print_region(&o, q.r[i], 1, 0, &q, disabled);
        out_printf(&o, "\n");
    }
    free(q.r);
    free(same);
    free(done);
}
