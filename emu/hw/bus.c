/* bus.c: the I/O port space and the physical page map; see bus.h. The page map is two
 * levels (1024 directories of 1024 pages) so that a machine with little RAM costs little;
 * a directory whose 4 MiB map one target linearly (RAM, as most of them are) is one entry,
 * `whole`, and gets its 1024 pages only when part of it is mapped otherwise, so that a
 * machine of any RAM size is built without writing a page entry per 4 KiB. */
#include "emu/hw/bus.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

typedef struct IoRange {
    void *opaque;
    BusReadFn rd;
    BusWriteFn wr;
    uint16_t base;
    unsigned sizes;
} IoRange;

typedef struct Page {
    uint8_t *rd, *wr;      /* host page for reads / writes, or NULL */
    const IoRange *mmio;   /* handlers for the directions that have no host page */
    uint32_t mmio_base;    /* guest address of the MMIO range start */
} Page;

#define DIR_PAGES 1024
#define MAX_RANGES 256

struct Bus {
    uint16_t io_index[65536];         /* 0 = unclaimed, else index into ranges + 1 */
    IoRange ranges[MAX_RANGES];       /* port ranges and MMIO ranges */
    int nranges;
    Page *dir[1024];                  /* the pages of one 4 MiB; NULL = see whole[] */
    Page whole[1024];                 /* without dir[i]: the 4 MiB map as this entry says,
                                         rd/wr being the host bytes of its first page */
    uint64_t generation;
    void (*write_hook)(void *opaque, uint32_t paddr, uint32_t len);
    void *hook_opaque;
    uintptr_t lazy_base;              /* bus_set_lazy: host range with pending pages */
    uint64_t lazy_size;               /* bytes; 0 = none */
    const uint64_t *lazy_pending;     /* one bit per page of the range */
    BusFillFn lazy_fill;
    void *lazy_opaque;
    uint8_t *scratch;                 /* BUS_PAGE_SIZE bytes: where accesses to a page that
                                         could not be filled go */
    Mtree *mtree;                     /* the names `info mtree` prints */
    MtreeRegion *io_root, *mem_root;
};

Bus *bus_new(void)
{
    Bus *b = xzalloc(sizeof(Bus));
    b->mtree = mtree_new();
    b->io_root = mtree_region(b->mtree, "io", MTREE_IO, 0xffff);
    b->mem_root = mtree_region(b->mtree, "system", MTREE_CONTAINER, MTREE_ALL);
    return b;
}

Mtree *bus_mtree(Bus *b) { return b->mtree; }
MtreeRegion *bus_io_root(Bus *b) { return b->io_root; }
MtreeRegion *bus_mem_root(Bus *b) { return b->mem_root; }

void bus_free(Bus *b)
{
    if (!b)
        return;
    for (int i = 0; i < 1024; i++)
        free(b->dir[i]);
    free(b->scratch);
    mtree_free(b->mtree);
    free(b);
}

/* A range slot still referenced by a port or a page. */
static bool range_in_use(const Bus *b, const IoRange *r)
{
    uint16_t idx = (uint16_t)(r - b->ranges + 1);
    for (uint32_t p = 0; p < 65536; p++)
        if (b->io_index[p] == idx)
            return true;
    for (int d = 0; d < 1024; d++) {
        if (!b->dir[d] && b->whole[d].mmio == r)
            return true;
        for (int i = 0; b->dir[d] && i < DIR_PAGES; i++)
            if (b->dir[d][i].mmio == r)
                return true;
    }
    return false;
}

/* Guest-driven remapping (PCI BARs) maps the same handlers again and again: an identical
 * range (same handlers and base) is reused, and when the table is full a slot that no port
 * or page refers to any more is recycled. */
static IoRange *add_range(Bus *b, uint32_t base, void *opaque, BusReadFn rd, BusWriteFn wr,
                          unsigned sizes)
{
    IoRange want = { .opaque = opaque, .rd = rd, .wr = wr, .sizes = sizes ? sizes : IO_SIZE_ALL,
                     .base = (uint16_t)base };
    for (int i = 0; i < b->nranges; i++) {
        IoRange *r = &b->ranges[i];
        if (r->opaque == want.opaque && r->rd == want.rd && r->wr == want.wr &&
            r->sizes == want.sizes && r->base == want.base)
            return r;
    }
    IoRange *r = NULL;
    if (b->nranges < MAX_RANGES) {
        r = &b->ranges[b->nranges++];
    } else {
        for (int i = 0; i < MAX_RANGES && !r; i++)
            if (!range_in_use(b, &b->ranges[i]))
                r = &b->ranges[i];
        assert(r);   /* a wiring bug: more live ranges than any machine maps */
    }
    *r = want;
    return r;
}

void bus_map_io(Bus *b, uint16_t base, uint32_t len, void *opaque, BusReadFn rd, BusWriteFn wr,
                unsigned sizes)
{
    IoRange *r = add_range(b, base, opaque, rd, wr, sizes);
    for (uint32_t p = base; p < (uint32_t)base + len && p < 65536; p++)
        b->io_index[p] = (uint16_t)(r - b->ranges + 1);
}

MtreeRegion *bus_name_io(Bus *b, const char *name, uint16_t base, uint32_t len, int priority)
{
    assert(len > 0);
    MtreeRegion *r = mtree_region(b->mtree, name, MTREE_IO, len - 1);
    mtree_add(b->io_root, r, base, priority);
    return r;
}

MtreeRegion *bus_name_mmio(Bus *b, const char *name, uint32_t addr, uint32_t len, int priority)
{
    assert(len > 0);
    MtreeRegion *r = mtree_region(b->mtree, name, MTREE_IO, len - 1);
    mtree_add(b->mem_root, r, addr, priority);
    return r;
}

MtreeRegion *bus_map_io_named(Bus *b, const char *name, uint16_t base, uint32_t len, void *opaque,
                              BusReadFn rd, BusWriteFn wr, unsigned sizes)
{
    bus_map_io(b, base, len, opaque, rd, wr, sizes);
    return bus_name_io(b, name, base, len, 0);
}

void bus_unmap_io(Bus *b, uint16_t base, uint32_t len)
{
    for (uint32_t p = base; p < (uint32_t)base + len && p < 65536; p++)
        b->io_index[p] = 0;
}

static uint32_t io_read1(Bus *b, uint16_t port, unsigned size)
{
    unsigned idx = b->io_index[port];
    if (!idx) {
        trace(TRACE_IO, "io: read%u from unclaimed port %#x", size * 8, port);
        return size == 4 ? 0xffffffffu : (1u << (size * 8)) - 1;
    }
    IoRange *r = &b->ranges[idx - 1];
    if (r->sizes & size)
        return r->rd ? r->rd(r->opaque, (uint16_t)(port - r->base), size)
                     : (size == 4 ? 0xffffffffu : (1u << (size * 8)) - 1);
    uint32_t v = 0;
    for (unsigned i = 0; i < size; i++)
        v |= (io_read1(b, (uint16_t)(port + i), 1) & 0xff) << (8 * i);
    return v;
}

uint32_t bus_io_read(Bus *b, uint16_t port, unsigned size) { return io_read1(b, port, size); }

void bus_io_write(Bus *b, uint16_t port, uint32_t val, unsigned size)
{
    unsigned idx = b->io_index[port];
    if (!idx) {
        trace(TRACE_IO, "io: write%u %#x to unclaimed port %#x", size * 8, val, port);
        return;
    }
    IoRange *r = &b->ranges[idx - 1];
    if (r->sizes & size) {
        if (r->wr)
            r->wr(r->opaque, (uint16_t)(port - r->base), val, size);
        return;
    }
    for (unsigned i = 0; i < size; i++)
        bus_io_write(b, (uint16_t)(port + i), (val >> (8 * i)) & 0xff, 1);
}

/* ---- memory ---- */

/* The entry of the page at paddr, by value (a whole directory's is made up); NULL targets
 * everywhere for unassigned memory. */
static Page page(const Bus *b, uint32_t paddr)
{
    const Page *d = b->dir[paddr >> 22];
    if (d)
        return d[(paddr >> BUS_PAGE_BITS) & (DIR_PAGES - 1)];
    const Page *w = &b->whole[paddr >> 22];
    uint32_t off = paddr & ((DIR_PAGES << BUS_PAGE_BITS) - BUS_PAGE_SIZE);
    return (Page){ .rd = w->rd ? w->rd + off : NULL, .wr = w->wr ? w->wr + off : NULL,
                   .mmio = w->mmio, .mmio_base = w->mmio_base };
}

static void set_pages(Bus *b, uint32_t addr, uint32_t len, uint8_t *rd, uint8_t *wr,
                      const IoRange *mmio)
{
    const uint64_t dir_bytes = (uint64_t)DIR_PAGES << BUS_PAGE_BITS;
    for (uint64_t off = 0; off < len;) {
        uint64_t a = addr + off;
        int d = (int)(a >> 22);
        Page want = { .rd = rd ? rd + off : NULL, .wr = wr ? wr + off : NULL, .mmio = mmio,
                      .mmio_base = addr };
        if (a % dir_bytes == 0 && len - off >= dir_bytes) {
            free(b->dir[d]);
            b->dir[d] = NULL;
            b->whole[d] = want;
            off += dir_bytes;
            continue;
        }
        if (!b->dir[d]) {
            Page *pages = xmalloc(DIR_PAGES * sizeof(Page));
            for (uint32_t i = 0; i < DIR_PAGES; i++)
                pages[i] = page(b, (uint32_t)(((uint64_t)d << 22) + ((uint64_t)i << BUS_PAGE_BITS)));
            b->dir[d] = pages;
            b->whole[d] = (Page){ 0 };
        }
        b->dir[d][(a >> BUS_PAGE_BITS) & (DIR_PAGES - 1)] = want;
        off += BUS_PAGE_SIZE;
    }
    b->generation++;
}

void bus_map_ram(Bus *b, uint32_t addr, uint32_t len, uint8_t *host) { set_pages(b, addr, len, host, host, NULL); }
void bus_map_rom(Bus *b, uint32_t addr, uint32_t len, uint8_t *host) { set_pages(b, addr, len, host, NULL, NULL); }
void bus_map_split(Bus *b, uint32_t addr, uint32_t len, uint8_t *rd_host, uint8_t *wr_host)
{
    set_pages(b, addr, len, rd_host, wr_host, NULL);
}
void bus_map_mmio(Bus *b, uint32_t addr, uint32_t len, void *opaque, BusReadFn rd, BusWriteFn wr,
                  unsigned sizes)
{
    set_pages(b, addr, len, NULL, NULL, add_range(b, 0, opaque, rd, wr, sizes));
}
void bus_unmap_mem(Bus *b, uint32_t addr, uint32_t len) { set_pages(b, addr, len, NULL, NULL, NULL); }
uint64_t bus_generation(const Bus *b) { return b->generation; }

void bus_set_lazy(Bus *b, uint8_t *host, uint64_t size, const uint64_t *pending, BusFillFn fill,
                  void *opaque)
{
    b->lazy_base = (uintptr_t)host;
    b->lazy_size = host ? size : 0;
    b->lazy_pending = pending;
    b->lazy_fill = fill;
    b->lazy_opaque = opaque;
}

/* The host page h (a page's rd or wr pointer) ready for use: filled first when it is a
 * pending page of the lazy range; the scratch page when that fill failed. */
static uint8_t *ready(Bus *b, uint8_t *h)
{
    uint64_t off = (uintptr_t)h - b->lazy_base;
    if (off >= b->lazy_size)
        return h;
    uint64_t pg = off / BUS_PAGE_SIZE;
    if (!(b->lazy_pending[pg / 64] >> (pg % 64) & 1) || b->lazy_fill(b->lazy_opaque, pg))
        return h;
    if (!b->scratch)
        b->scratch = xzalloc(BUS_PAGE_SIZE);
    memset(b->scratch, 0, BUS_PAGE_SIZE);
    return b->scratch;
}

uint8_t *bus_read_ptr(Bus *b, uint32_t paddr)
{
    Page p = page(b, paddr);
    return p.rd ? ready(b, p.rd) + (paddr & (BUS_PAGE_SIZE - 1)) : NULL;
}

uint8_t *bus_write_ptr(Bus *b, uint32_t paddr)
{
    Page p = page(b, paddr);
    return p.wr ? ready(b, p.wr) + (paddr & (BUS_PAGE_SIZE - 1)) : NULL;
}

static uint8_t mem_read8(Bus *b, uint32_t paddr)
{
    Page p = page(b, paddr);
    if (p.rd)
        return ready(b, p.rd)[paddr & (BUS_PAGE_SIZE - 1)];
    if (p.mmio && p.mmio->rd)
        return (uint8_t)p.mmio->rd(p.mmio->opaque, paddr - p.mmio_base, 1);
    return 0xff;
}

static void mem_write8(Bus *b, uint32_t paddr, uint8_t v)
{
    Page p = page(b, paddr);
    if (p.wr) {
        ready(b, p.wr)[paddr & (BUS_PAGE_SIZE - 1)] = v;
        if (b->write_hook)
            b->write_hook(b->hook_opaque, paddr, 1);
    } else if (!p.rd && p.mmio && p.mmio->wr) {
        p.mmio->wr(p.mmio->opaque, paddr - p.mmio_base, v, 1);
    }
}

uint32_t bus_mem_read(Bus *b, uint32_t paddr, unsigned size)
{
    Page p = page(b, paddr);
    bool in_page = (paddr & (BUS_PAGE_SIZE - 1)) + size <= BUS_PAGE_SIZE;
    if (in_page && p.rd) {   /* RAM or ROM (a page walk's entries): one look-up */
        const uint8_t *h = ready(b, p.rd) + (paddr & (BUS_PAGE_SIZE - 1));
        uint32_t v = 0;
        for (unsigned i = 0; i < size; i++)
            v |= (uint32_t)h[i] << (8 * i);
        return v;
    }
    if (in_page && !p.rd && p.mmio && p.mmio->rd && (p.mmio->sizes & size))
        return p.mmio->rd(p.mmio->opaque, paddr - p.mmio_base, size);
    uint32_t v = 0;
    for (unsigned i = 0; i < size; i++)
        v |= (uint32_t)mem_read8(b, paddr + i) << (8 * i);
    return v;
}

void bus_mem_write(Bus *b, uint32_t paddr, uint32_t val, unsigned size)
{
    Page p = page(b, paddr);
    bool in_page = (paddr & (BUS_PAGE_SIZE - 1)) + size <= BUS_PAGE_SIZE;
    if (in_page && p.wr) {   /* RAM: one look-up, one hook call */
        uint8_t *h = ready(b, p.wr) + (paddr & (BUS_PAGE_SIZE - 1));
        for (unsigned i = 0; i < size; i++)
            h[i] = (uint8_t)(val >> (8 * i));
        if (b->write_hook)
            b->write_hook(b->hook_opaque, paddr, size);
        return;
    }
    if (in_page && !p.wr && !p.rd && p.mmio && p.mmio->wr && (p.mmio->sizes & size)) {
        p.mmio->wr(p.mmio->opaque, paddr - p.mmio_base, val, size);
        return;
    }
    for (unsigned i = 0; i < size; i++)
        mem_write8(b, paddr + i, (uint8_t)(val >> (8 * i)));
}

void bus_mem_rw(Bus *b, uint32_t paddr, void *buf, uint32_t len, bool write)
{
    uint8_t *q = buf;
    while (len) {
        uint32_t in_page = BUS_PAGE_SIZE - (paddr & (BUS_PAGE_SIZE - 1));
        uint32_t n = MIN(len, in_page);
        uint8_t *h = write ? bus_write_ptr(b, paddr) : bus_read_ptr(b, paddr);
        if (h) {
            if (write) {
                memcpy(h, q, n);
                if (b->write_hook)
                    b->write_hook(b->hook_opaque, paddr, n);
            } else {
                memcpy(q, h, n);
            }
        } else {
            for (uint32_t i = 0; i < n; i++) {
                if (write)
                    mem_write8(b, paddr + i, q[i]);
                else
                    q[i] = mem_read8(b, paddr + i);
            }
        }
        paddr += n; q += n; len -= n;
    }
}

void bus_set_write_hook(Bus *b, void (*hook)(void *opaque, uint32_t paddr, uint32_t len), void *opaque)
{
    b->write_hook = hook;
    b->hook_opaque = opaque;
}
