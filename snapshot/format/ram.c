/* ram.c: the 'ram' section, version 4 (migration-stream.md section 14), declared in ram.h.
 *
 * Save writes what QEMU 7.2's savevm writes for a stopped VM: START = MEM_SIZE record with
 * the total and every block's name and size, then EOS; one PART with every page of every
 * block in ascending order (ZERO with fill 0 for all-zero pages, PAGE otherwise; the block
 * name only when the block changes, CONTINUE otherwise), then EOS; END = EOS.
 *
 * Load accepts exactly MEM_SIZE, PAGE, ZERO (any fill byte, as QEMU), CONTINUE with PAGE or
 * ZERO, and EOS; everything else (FULL, XBZRLE, HOOK, COMPRESS_PAGE, unknown bits, flag
 * combinations) is an error. Every listed block must exist with the same size and appear
 * once; the lengths must add up to the announced total; a page must lie inside its block;
 * CONTINUE needs a current block, which survives from one PART record to the next.
 * Load reads runs of consecutive PAGE records straight into the pages when the stream
 * allows it (load_direct: guessed, checked, then consumed), one copy from the page cache.
 * A lazy load (ram_section_lazy_block) checks the same records but keeps only where each
 * page's bytes lie in the stream; its runs are read with their payloads dropped into one
 * scratch page (lazy_direct), so that the headers can be checked without a read per record.
 *
 * Save does not read a page of an anonymous block that the process never touched
 * (untouched_map: neither present nor swapped in /proc/self/pagemap): it reads as zeros,
 * and reading it would fault it in. The stream is the same bytes either way.
 * A resizable block (max_size set, QEMU's '/rom@etc/...' blobs) takes the stream's size
 * when it is whole pages and at most max_size, as QEMU's qemu_ram_resize; a bigger one is
 * an error naming the block. The new size counts from the MEM_SIZE record on (pages
 * beyond it are outside the block); a load into a fresh target that fails leaves the
 * running machine's blocks as they were. */
#include "snapshot/format/ram.h"

#include <assert.h>
#include <pthread.h>
#include <stdatomic.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/uio.h>
#include <unistd.h>

typedef struct RamEntry {
    RamSectionBlock b;
    char *name;
    bool listed;          /* load: named in the MEM_SIZE record */
    uint64_t pages_loaded;
    uint64_t *written;    /* assume_zero or stale: one bit per page written by this load,
                             else NULL */
    bool stale;           /* load: the block holds stale bytes (ram_section_stale_block) */
    bool check_only;      /* load: records are checked, the block is not written */
    bool anon;            /* ram_section_anon_block: untouched pages read as zeros */
    uint64_t *src;        /* lazy load: per page, the stream offset of its PAGE bytes not
                             read yet, 0 = none (ram_section_lazy_block); else NULL */
    uint64_t *pending;    /* lazy load: one bit per page whose src is not 0 */
    uint64_t npending;    /* bits set in pending */
    uint64_t *zmap;       /* load of an anon block without `written`: untouched_map at its
                             first ZERO record, less the pages this load wrote; or NULL */
    bool zmap_taken;      /* zmap was taken in this load (it may be NULL: no pagemap) */
} RamEntry;

struct RamSection {
    int n;
    RamEntry *e;
    int last;             /* save and load: block of the previous page record, -1 = none */
    uint64_t next_off;    /* load: offset after the previous PAGE record, in block last */
    int streak;           /* load: PAGE records in a row, each right after the one before */
    uint8_t *scratch;     /* lazy load: RAM_PAGE_SIZE bytes where skipped payloads land */
    uint8_t zgroup[64 * 9];   /* be64(k << 12 | ZERO | CONTINUE), 0 for k = 0..63 (zero_run) */
};

enum { RAM_REC = 8 + RAM_PAGE_SIZE, RAM_DIRECT_PAGES = 256, RAM_LAZY_PAGES = 512,
       RAM_VIEW_PAGES = 65536 };

RamSection *ram_section_new(const RamSectionBlock *blocks, int n)
{
    RamSection *rs = xzalloc(sizeof *rs);
    rs->n = n;
    rs->e = xzalloc((size_t)(n ? n : 1) * sizeof *rs->e);
    for (int i = 0; i < n; i++) {
        size_t len = strlen(blocks[i].name);
        assert(len >= 1 && len <= 255 && blocks[i].size % RAM_PAGE_SIZE == 0 &&
               (uintptr_t)blocks[i].host % 8 == 0);
        rs->e[i].b = blocks[i];
        rs->e[i].name = xstrdup(blocks[i].name);
        rs->e[i].b.name = rs->e[i].name;
    }
    rs->last = -1;
    for (int k = 0; k < 64; k++)
        put_be64(rs->zgroup + 9 * k, (uint64_t)k << 12 | RAM_FLAG_ZERO | RAM_FLAG_CONTINUE);
    return rs;
}

/* Drops what a previous load mode left (a fresh RamEntry is in the default mode: written
 * as it comes, every ZERO page tested). */
static void clear_mode(RamEntry *e)
{
    free(e->written);
    free(e->src);
    free(e->pending);
    free(e->zmap);
    e->written = e->src = e->pending = e->zmap = NULL;
    e->zmap_taken = false;
    e->npending = 0;
    e->stale = e->check_only = false;
}

void ram_section_free(RamSection *rs)
{
    if (!rs)
        return;
    for (int i = 0; i < rs->n; i++) {
        clear_mode(&rs->e[i]);
        free(rs->e[i].name);
    }
    free(rs->scratch);
    free(rs->e);
    free(rs);
}

/* The entry named name, or NULL. */
static RamEntry *entry(RamSection *rs, const char *name)
{
    for (int i = 0; i < rs->n; i++)
        if (!strcmp(rs->e[i].name, name))
            return &rs->e[i];
    return NULL;
}

/* Pages a block can have: per-page bitmaps cover a resizable block's maximum. */
static uint64_t cap_pages(const RamEntry *e)
{
    return (e->b.max_size ? e->b.max_size : e->b.size) / RAM_PAGE_SIZE;
}

static void assume_zero(RamEntry *e)
{
    clear_mode(e);
    e->written = xzalloc((size_t)((cap_pages(e) + 63) / 64) * 8);
}

void ram_section_assume_zero(RamSection *rs)
{
    for (int i = 0; i < rs->n; i++)
        assume_zero(&rs->e[i]);
}

bool ram_section_assume_zero_block(RamSection *rs, const char *name)
{
    RamEntry *e = entry(rs, name);
    if (e)
        assume_zero(e);
    return e != NULL;
}

bool ram_section_stale_block(RamSection *rs, const char *name)
{
    RamEntry *e = entry(rs, name);
    if (e) {
        assume_zero(e);
        e->stale = true;
    }
    return e != NULL;
}

bool ram_section_check_only_block(RamSection *rs, const char *name)
{
    RamEntry *e = entry(rs, name);
    if (e) {
        clear_mode(e);
        e->check_only = true;
    }
    return e != NULL;
}

bool ram_section_anon_block(RamSection *rs, const char *name)
{
    RamEntry *e = entry(rs, name);
    if (e)
        e->anon = true;
    return e != NULL;
}

bool ram_section_lazy_block(RamSection *rs, const char *name)
{
    RamEntry *e = entry(rs, name);
    if (!e)
        return false;
    uint64_t pages = cap_pages(e);
    assume_zero(e);
    e->src = xzalloc((size_t)pages * sizeof *e->src);
    e->pending = xzalloc((size_t)((pages + 63) / 64) * 8);
    if (!rs->scratch)
        rs->scratch = xmalloc(RAM_PAGE_SIZE);
    return true;
}

uint64_t *ram_section_take_sources(RamSection *rs, const char *name, uint64_t **pending,
                                   uint64_t *npending)
{
    RamEntry *e = entry(rs, name);
    uint64_t *src = e ? e->src : NULL;
    *pending = src ? e->pending : NULL;
    *npending = src ? e->npending : 0;
    if (src) {
        e->src = e->pending = NULL;
        e->npending = 0;
    }
    return src;
}

/* Lazy load: page pg's bytes are at stream offset off (0: in place already). */
static void set_source(RamEntry *e, uint64_t pg, uint64_t off)
{
    uint64_t bit = 1ull << (pg % 64), *w = &e->pending[pg / 64];
    e->npending += (off != 0) - ((*w & bit) != 0);
    *w = off ? *w | bit : *w & ~bit;
    e->src[pg] = off;
}

void ram_section_clear_unwritten(RamSection *rs)
{
    for (int i = 0; i < rs->n; i++) {
        RamEntry *e = &rs->e[i];
        if (!e->stale)
            continue;
        for (uint64_t pg = 0; pg < e->b.size / RAM_PAGE_SIZE; pg++)
            if (!(e->written[pg / 64] >> (pg % 64) & 1))
                memset(e->b.host + pg * RAM_PAGE_SIZE, 0, RAM_PAGE_SIZE);
    }
}

uint64_t ram_section_block_size(const RamSection *rs, const char *name)
{
    for (int i = 0; i < rs->n; i++)
        if (!strcmp(rs->e[i].name, name))
            return rs->e[i].b.size;
    return 0;
}

bool ram_section_resize_block(RamSection *rs, const char *name, uint64_t size)
{
    for (int i = 0; i < rs->n; i++) {
        RamEntry *e = &rs->e[i];
        if (strcmp(e->name, name))
            continue;
        if (!e->b.max_size || size == 0 || size % RAM_PAGE_SIZE || size > e->b.max_size)
            return false;
        e->b.size = size;
        return true;
    }
    return false;
}

uint64_t ram_section_pages_loaded(const RamSection *rs, int block)
{
    return block >= 0 && block < rs->n ? rs->e[block].pages_loaded : 0;
}

/* With AVX2: OR eight 32-byte loads at a time, aligned (pages are); about 10% faster than
 * the memcmp below on the project's host, and the scan is half a save's memory traffic. */
__attribute__((target("avx2"))) static bool page_is_zero_avx2(const uint8_t *p)
{
    typedef long long v4 __attribute__((vector_size(32)));
    const v4 *v = (const v4 *)(const void *)p;
    for (unsigned i = 0; i < RAM_PAGE_SIZE / 32; i += 8) {
        v4 a = (v[i] | v[i + 1]) | (v[i + 2] | v[i + 3]);
        v4 b = (v[i + 4] | v[i + 5]) | (v[i + 6] | v[i + 7]);
        a |= b;
        if (a[0] | a[1] | a[2] | a[3])
            return false;
    }
    return true;
}

bool ram_page_is_zero(const uint8_t *p)
{
    /* Most non-zero pages differ in the first word and cost nothing more. Then: AVX2 when
     * the CPU has it and the page is 32-byte aligned, else every byte equals the next one
     * (one overlapping memcmp, which libc runs with wide vector loads). */
    uint64_t w0;
    memcpy(&w0, p, 8);
    if (w0 != 0)
        return false;
    if ((uintptr_t)p % 32 == 0 && __builtin_cpu_supports("avx2"))
        return page_is_zero_avx2(p);
    return memcmp(p, p + 1, RAM_PAGE_SIZE - 1) == 0;
}

/* ---- save ---- */
static int ram_save_setup(void *opaque, Stream *s, Err *err)
{
    RamSection *rs = opaque;
    uint64_t total = 0;
    for (int i = 0; i < rs->n; i++)
        total += rs->e[i].b.size;
    stream_put_be64(s, total | RAM_FLAG_MEM_SIZE);
    for (int i = 0; i < rs->n; i++) {
        stream_put_str8(s, rs->e[i].b.name);
        stream_put_be64(s, rs->e[i].b.size);
    }
    stream_put_be64(s, RAM_FLAG_EOS);
    rs->last = -1;
    return 0;
}

/* Zero-page scan ahead: saving a large block, a second thread tests its pages for zero a
 * chunk at a time into a bitmap, ahead of the writer, so that reading the zero pages (half
 * of a save's memory traffic when half the pages are zero) overlaps with the kernel copying
 * the data pages into the file. Chunks are taken in order from a shared counter; a writer
 * that reaches a chunk not yet scanned takes the next unclaimed chunk itself instead of
 * waiting (a long run of zero pages is scanned by both threads). The VM is stopped, so the
 * pages do not change and the stream is the same bytes as a scan on the writer's thread. */
enum { SCAN_CHUNK = 256, SCAN_MIN_PAGES = 4096 };   /* pages: 1 MiB chunks, blocks >= 16 MiB */

typedef struct ZeroScan {
    const uint8_t *host;
    const uint64_t *untouched; /* untouched_map's bits: zero without a look, or NULL */
    uint64_t pages, chunks;
    uint64_t *zero;            /* one bit per page; a chunk's words belong to its scanner */
    atomic_uchar *done;        /* per chunk: its bits are final */
    atomic_uint_fast64_t next; /* next chunk to claim */
    atomic_bool stop;          /* the writer gave up */
    pthread_mutex_t mu;        /* with cv: the writer waits for a chunk another thread has */
    pthread_cond_t cv;
    pthread_t th;
} ZeroScan;

/* Claims and scans the next chunk; false when none is left. */
static bool zero_scan_chunk(ZeroScan *z)
{
    uint64_t c = atomic_fetch_add(&z->next, 1);
    if (c >= z->chunks)
        return false;
    uint64_t end = MIN((c + 1) * SCAN_CHUNK, z->pages);
    for (uint64_t pg = c * SCAN_CHUNK; pg < end; pg++)
        if ((z->untouched && z->untouched[pg / 64] >> (pg % 64) & 1) ||
            ram_page_is_zero(z->host + pg * RAM_PAGE_SIZE))
            z->zero[pg / 64] |= 1ull << (pg % 64);
    atomic_store_explicit(&z->done[c], 1, memory_order_release);
    pthread_mutex_lock(&z->mu);
    pthread_cond_signal(&z->cv);
    pthread_mutex_unlock(&z->mu);
    return true;
}

static void *zero_scan_run(void *opaque)
{
    ZeroScan *z = opaque;
    while (!atomic_load(&z->stop) && zero_scan_chunk(z))
        ;
    return NULL;
}

/* Starts a scanner over the block; false (scan on the writer's thread) when the block is
 * small or no thread can be had. */
static bool zero_scan_start(ZeroScan *z, const RamSectionBlock *b, const uint64_t *untouched)
{
    *z = (ZeroScan){ .host = b->host, .untouched = untouched, .pages = b->size / RAM_PAGE_SIZE };
    if (z->pages < SCAN_MIN_PAGES)
        return false;
    z->chunks = (z->pages + SCAN_CHUNK - 1) / SCAN_CHUNK;
    z->zero = xzalloc((size_t)((z->pages + 63) / 64) * 8);
    z->done = xzalloc((size_t)z->chunks);
    pthread_mutex_init(&z->mu, NULL);
    pthread_cond_init(&z->cv, NULL);
    if (pthread_create(&z->th, NULL, zero_scan_run, z) == 0)
        return true;
    pthread_cond_destroy(&z->cv);
    pthread_mutex_destroy(&z->mu);
    free(z->zero);
    free(z->done);
    return false;
}

/* Returns once the chunk of page pg is scanned, scanning chunks itself while any are left. */
static void zero_scan_wait(ZeroScan *z, uint64_t pg)
{
    uint64_t c = pg / SCAN_CHUNK;
    while (!atomic_load_explicit(&z->done[c], memory_order_acquire))
        if (!zero_scan_chunk(z)) {
            pthread_mutex_lock(&z->mu);
            while (!atomic_load_explicit(&z->done[c], memory_order_acquire))
                pthread_cond_wait(&z->cv, &z->mu);
            pthread_mutex_unlock(&z->mu);
        }
}

static void zero_scan_end(ZeroScan *z)
{
    atomic_store(&z->stop, true);
    pthread_join(z->th, NULL);
    pthread_cond_destroy(&z->cv);
    pthread_mutex_destroy(&z->mu);
    free(z->zero);
    free(z->done);
}

/* One bit per page of b that this process never touched: neither present nor swapped out
 * (/proc/self/pagemap bits 63 and 62; both are readable without privileges). Such a page
 * of anonymous memory reads as zeros. NULL when b is not anonymous memory or pagemap
 * cannot be read: then every page is looked at. Costs 8 bytes of pagemap per page, read
 * PAGEMAP_CHUNK entries at a time, and never touches b. */
enum { PAGEMAP_CHUNK = 2048 };

static uint64_t *untouched_map(const RamEntry *e)
{
    const RamSectionBlock *b = &e->b;
    if (!e->anon || sysconf(_SC_PAGESIZE) != RAM_PAGE_SIZE)
        return NULL;
    int fd = open("/proc/self/pagemap", O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return NULL;
    uint64_t pages = b->size / RAM_PAGE_SIZE, first = (uintptr_t)b->host / RAM_PAGE_SIZE;
    /* a block not aligned to a page (from malloc) has each of its pages across two of the
     * process's: untouched when both are */
    size_t span = (uintptr_t)b->host % RAM_PAGE_SIZE ? 2 : 1;
    uint64_t *map = xzalloc((size_t)((pages + 63) / 64) * 8);
    uint64_t ent[PAGEMAP_CHUNK + 1];
    for (uint64_t pg = 0; pg < pages;) {
        size_t k = (size_t)MIN(pages - pg, (uint64_t)PAGEMAP_CHUNK), n = k + span - 1;
        if (pread(fd, ent, n * 8, (off_t)((first + pg) * 8)) != (ssize_t)(n * 8)) {
            free(map);
            map = NULL;
            break;
        }
        for (size_t j = 0; j < k; j++, pg++)
            if (!(ent[j] >> 62) && !(ent[j + span - 1] >> 62))
                map[pg / 64] |= 1ull << (pg % 64);
    }
    close(fd);
    return map;
}

/* Load: whether page pg of block e is known to be zero without reading it, which would
 * fault an untouched page in (a fresh machine's pc.rom and ACPI blocks are mostly such
 * pages, and the stream has a ZERO record for each). Only for an anonymous block loaded
 * record by record (no `written` bitmap); the map is taken at the first question. */
static bool known_zero(RamEntry *e, uint64_t pg)
{
    if (!e->anon || e->written)
        return false;
    if (!e->zmap_taken) {
        e->zmap = untouched_map(e);
        e->zmap_taken = true;
    }
    return e->zmap && (e->zmap[pg / 64] >> (pg % 64) & 1);
}

/* Load: page pg of e gets bytes: it is no longer known to be zero. */
static void written_now(RamEntry *e, uint64_t pg)
{
    if (e->zmap)
        e->zmap[pg / 64] &= ~(1ull << (pg % 64));
}

static void save_block(RamSection *rs, Stream *s, int i)
{
    const RamSectionBlock *b = &rs->e[i].b;
    uint64_t *untouched = untouched_map(&rs->e[i]);
    ZeroScan z;
    bool ahead = zero_scan_start(&z, b, untouched);
    for (uint64_t pg = 0; pg < z.pages && !stream_error(s); pg++) {
        const uint8_t *page = b->host + pg * RAM_PAGE_SIZE;
        if (ahead && pg % SCAN_CHUNK == 0)
            zero_scan_wait(&z, pg);
        bool zero;
        if (untouched && untouched[pg / 64] >> (pg % 64) & 1)
            zero = true;
        else if (ahead)
            zero = z.zero[pg / 64] >> (pg % 64) & 1;
        else
            zero = ram_page_is_zero(page);
        uint64_t word = pg * RAM_PAGE_SIZE | (zero ? RAM_FLAG_ZERO : RAM_FLAG_PAGE);
        if (rs->last == i) {
            stream_put_be64(s, word | RAM_FLAG_CONTINUE);
        } else {
            stream_put_be64(s, word);
            stream_put_str8(s, b->name);
            rs->last = i;
        }
        if (zero)
            stream_put_u8(s, 0);
        else
            stream_put_buf_ref(s, page, RAM_PAGE_SIZE);   /* the VM is stopped */
    }
    if (ahead)
        zero_scan_end(&z);
    free(untouched);
}

static int ram_save_iterate(void *opaque, Stream *s, Err *err)
{
    RamSection *rs = opaque;
    for (int i = 0; i < rs->n && !stream_error(s); i++)
        save_block(rs, s, i);
    stream_put_be64(s, RAM_FLAG_EOS);
    return stream_error(s) ? ERR(err, stream_error(s), "%s", stream_error_msg(s)) : 1;
}

static int ram_save_complete(void *opaque, Stream *s, Err *err)
{
    stream_put_be64(s, RAM_FLAG_EOS);
    return 0;
}

/* ---- load ---- */
static int find_block(RamSection *rs, const uint8_t *name, size_t len)
{
    for (int i = 0; i < rs->n; i++)
        if (strlen(rs->e[i].name) == len && !memcmp(rs->e[i].name, name, len))
            return i;
    return -1;
}

static void printable(char *out, const uint8_t *raw, size_t n)
{
    for (size_t i = 0; i < n; i++)
        out[i] = raw[i] >= 0x20 && raw[i] < 0x7f ? (char)raw[i] : '?';
    out[n] = 0;
}

/* Reads a str8 block name and finds the block; -errno when unknown. */
static int read_block(RamSection *rs, Stream *s, Err *err)
{
    uint8_t raw_len = stream_get_u8(s);
    uint8_t name[256];
    stream_get_buf(s, name, raw_len);
    if (stream_error(s))
        return ERR(err, stream_error(s), "ram: %s", stream_error_msg(s));
    int i = find_block(rs, name, raw_len);
    if (i < 0) {
        char shown[256];
        printable(shown, name, raw_len);
        return ERR(err, -EINVAL, "ram: unknown RAM block \"%s\"", shown);
    }
    return i;
}

static int load_mem_size(RamSection *rs, Stream *s, uint64_t raw_total, Err *err)
{
    uint64_t left = raw_total;
    for (int i = 0; i < rs->n; i++)
        rs->e[i].listed = false;
    while (left) {
        int i = read_block(rs, s, err);
        if (i < 0)
            return i;
        uint64_t raw_len = stream_get_be64(s);
        if (stream_error(s))
            return ERR(err, stream_error(s), "ram: %s", stream_error_msg(s));
        RamEntry *e = &rs->e[i];
        if (e->listed)
            return ERR(err, -EINVAL, "ram: block \"%s\" listed twice", e->name);
        if (e->b.max_size) {
            if (raw_len > e->b.max_size || raw_len % RAM_PAGE_SIZE || raw_len == 0)
                return ERR(err, -EINVAL, "ram: size mismatch: %s: %#" PRIx64 " in the stream, "
                           "a resizable block of whole pages up to %#" PRIx64 " here", e->name,
                           raw_len, e->b.max_size);
        } else if (raw_len != e->b.size) {
            return ERR(err, -EINVAL, "ram: size mismatch: %s: %#" PRIx64 " in the stream, %#"
                       PRIx64 " here", e->name, raw_len, e->b.size);
        }
        if (raw_len > left)
            return ERR(err, -EINVAL, "ram: block lengths exceed the announced total %#" PRIx64,
                       raw_total);
        e->listed = true;
        e->b.size = raw_len;
        left -= raw_len;
    }
    return 0;
}

/* The header of the PAGE record that continues a run at block offset off. */
static uint64_t run_header(uint64_t off) { return off | RAM_FLAG_PAGE | RAM_FLAG_CONTINUE; }

/* Direct load (the stream can read into our memory, stream_peek_direct): in a run of PAGE
 * records for consecutive pages, guess that the next records continue it and read the
 * guessed headers into a scratch array and the payloads straight into the pages (one copy,
 * from the page cache). The guesses are checked before anything is consumed; a payload slot
 * whose header did not match is zeroed again. Only pages that this load has not written yet
 * are guessed (the `written` bitmap: their bytes are zero or stale and still to come, so
 * a wrong guess loses nothing). Returns the pages loaded this way (0: none, read on
 * normally). */
static uint64_t load_direct(RamSection *rs, Stream *s)
{
    if (rs->last < 0 || rs->streak < 2 || stream_buffered(s) >= RAM_REC ||
        !stream_direct_ok(s))
        return 0;
    RamEntry *e = &rs->e[rs->last];
    uint64_t base = rs->next_off, pg0 = base / RAM_PAGE_SIZE;
    if (!e->written || e->src || base >= e->b.size)
        return 0;
    uint64_t k = MIN((uint64_t)RAM_DIRECT_PAGES, (e->b.size - base) / RAM_PAGE_SIZE), n = 0;
    while (n < k && !(e->written[(pg0 + n) / 64] >> ((pg0 + n) % 64) & 1))
        n++;
    if (n < 2)
        return 0;
    uint8_t hdr[RAM_DIRECT_PAGES][8];
    struct iovec v[2 * RAM_DIRECT_PAGES];
    for (uint64_t j = 0; j < n; j++) {
        v[2 * j] = (struct iovec){ hdr[j], 8 };
        v[2 * j + 1] = (struct iovec){ e->b.host + base + j * RAM_PAGE_SIZE, RAM_PAGE_SIZE };
    }
    size_t got = stream_peek_direct(s, v, (int)(2 * n));
    uint64_t c = 0;
    while (c < n && got >= (c + 1) * RAM_REC &&
           be64(hdr[c]) == run_header(base + c * RAM_PAGE_SIZE))
        c++;
    for (uint64_t j = c; j < n && got > j * RAM_REC + 8; j++)
        memset(e->b.host + base + j * RAM_PAGE_SIZE, 0, RAM_PAGE_SIZE);
    stream_consume_direct(s, c * RAM_REC);
    for (uint64_t j = 0; j < c; j++)
        e->written[(pg0 + j) / 64] |= 1ull << ((pg0 + j) % 64);
    e->pages_loaded += c;
    rs->next_off = base + c * RAM_PAGE_SIZE;
    if (c < n)
        rs->streak = 0;   /* the run ended: parse normally again for a while */
    return c;
}

/* load_direct for a lazy block: the headers of a run are checked in place where the stream
 * can show its bytes without a copy (stream_peek_view: a mapping of the image file, so
 * that the payloads are never read); else the headers go into a scratch array and all its
 * payloads into the one scratch page. Each record that continues the run leaves its
 * payload's stream offset in src. Nothing is written into the block, so every page of
 * the run may be guessed. Returns the records taken (0: none). */
static uint64_t lazy_direct(RamSection *rs, Stream *s)
{
    if (rs->last < 0 || rs->streak < 2 || stream_buffered(s) >= RAM_REC ||
        !stream_direct_ok(s))
        return 0;
    RamEntry *e = &rs->e[rs->last];
    uint64_t base = rs->next_off, pg0 = base / RAM_PAGE_SIZE;
    if (!e->src || base >= e->b.size)
        return 0;
    uint64_t left = (e->b.size - base) / RAM_PAGE_SIZE, n, c = 0;   /* guessed, taken */
    if (left < 2)
        return 0;
    size_t got;
    const uint8_t *view = stream_peek_view(s, MIN(left, (uint64_t)RAM_VIEW_PAGES) * RAM_REC, &got);
    if (view) {
        n = got / RAM_REC;
        while (c < n && be64(view + c * RAM_REC) == run_header(base + c * RAM_PAGE_SIZE))
            c++;
    } else {
        n = MIN((uint64_t)RAM_LAZY_PAGES, left);
        uint8_t hdr[RAM_LAZY_PAGES][8];
        struct iovec v[2 * RAM_LAZY_PAGES];
        for (uint64_t j = 0; j < n; j++) {
            v[2 * j] = (struct iovec){ hdr[j], 8 };
            v[2 * j + 1] = (struct iovec){ rs->scratch, RAM_PAGE_SIZE };
        }
        got = stream_peek_direct(s, v, (int)(2 * n));
        while (c < n && got >= (c + 1) * RAM_REC &&
               be64(hdr[c]) == run_header(base + c * RAM_PAGE_SIZE))
            c++;
    }
    uint64_t at = stream_tell(s);
    for (uint64_t j = 0; j < c; j++) {
        set_source(e, pg0 + j, at + j * RAM_REC + 8);
        e->written[(pg0 + j) / 64] |= 1ull << ((pg0 + j) % 64);
    }
    stream_consume_direct(s, c * RAM_REC);
    e->pages_loaded += c;
    rs->next_off = base + c * RAM_PAGE_SIZE;
    if (c < n)
        rs->streak = 0;
    return c;
}

/* A run of ZERO records with fill 0 (CONTINUE, consecutive pages) into pages of a fresh or
 * lazy block that this load has not written, or into a check-only block: such a record
 * writes nothing, so only its bytes are checked, in the stream's buffer (stream_view), and
 * skipped. An idle guest's stream is mostly these (one per page of a 3 GiB machine:
 * 786,432), so the loop is a compare of each record with the one expected.
 * Returns the records taken (0: none, parse normally). */
enum { RAM_ZREC = 9, RAM_ZERO_VIEW = 256 * 1024 };

/* Whether the 64 records at b are ZERO|CONTINUE records with fill 0 for the 64 pages from
 * off (a multiple of 64 pages). Record k is be64(off) ^ be64(k << 12 | flags), then 0: the
 * first term is the same 9 bytes for every record (its last two bytes zero), the second
 * the same for every group (rs->zgroup). 16 records are 144 bytes, 9 vectors of 16, so the
 * first term is laid out once for 16 records and each 16 bytes of the group are checked
 * with two XORs: under 5 instructions a record, where a compare per record costs 13 (an
 * idle 3 GiB guest's stream has 786,432 such records). */
static bool zero_group_ok(const RamSection *rs, const uint8_t *b, uint64_t off)
{
    typedef uint8_t V16 __attribute__((vector_size(16)));
    uint8_t rep[144] = { 0 };
    uint64_t be = __builtin_bswap64(off);
    for (int k = 0; k < 16; k++)
        memcpy(rep + 9 * k, &be, 8);
    V16 p[9], acc = { 0 };
    memcpy(p, rep, sizeof p);
    for (int g = 0; g < 64 * RAM_ZREC; g += sizeof rep) {
#pragma GCC unroll 9
        for (int j = 0; j < 9; j++) {
            V16 r, t;
            memcpy(&r, b + g + 16 * j, 16);
            memcpy(&t, rs->zgroup + g + 16 * j, 16);
            acc |= r ^ t ^ p[j];
        }
    }
    uint64_t lo, hi;
    memcpy(&lo, &acc, 8);
    memcpy(&hi, (const uint8_t *)&acc + 8, 8);
    return (lo | hi) == 0;
}

static uint64_t zero_run(RamSection *rs, Stream *s)
{
    if (rs->last < 0)
        return 0;
    RamEntry *e = &rs->e[rs->last];
    if (e->stale || (!e->written && !e->check_only))
        return 0;
    size_t got;
    uint64_t off = rs->next_off, c = 0, *w = e->written;
    const uint8_t *b = stream_view(s, RAM_ZREC, &got);   /* a run starts here? */
    if (got < RAM_ZREC || be64(b) != (off | RAM_FLAG_ZERO | RAM_FLAG_CONTINUE))
        return 0;
    b = stream_view(s, RAM_ZERO_VIEW, &got);
    uint64_t n = MIN(got / RAM_ZREC, off < e->b.size ? (e->b.size - off) / RAM_PAGE_SIZE : 0);
    while (c < n) {
        uint64_t pg = off / RAM_PAGE_SIZE, bit = 1ull << (pg % 64), k = 0;
        if (pg % 64 == 0 && n - c >= 64 && (!w || w[pg / 64] == 0) &&
            zero_group_ok(rs, b + c * RAM_ZREC, off)) {
            /* 64 pages of one bitmap word, none written yet: the records alone decide */
            k = 64;
            if (w)
                w[pg / 64] = ~0ull;
        }
        if (k < 64) {   /* one record; a partial word's records are taken one at a time */
            if (be64(b + c * RAM_ZREC) != (off | RAM_FLAG_ZERO | RAM_FLAG_CONTINUE) ||
                b[c * RAM_ZREC + 8] != 0 || (w && (w[pg / 64] & bit)))
                break;
            if (w)
                w[pg / 64] |= bit;
            k = 1;
        }
        c += k;
        off += k * RAM_PAGE_SIZE;
    }
    if (!c)
        return 0;
    stream_skip(s, c * RAM_ZREC);
    e->pages_loaded += c;
    rs->next_off = off;
    rs->streak = 0;
    return c;
}

static int ram_load(void *opaque, Stream *s, int type, int version, Err *err)
{
    RamSection *rs = opaque;
    if (version != RAM_SECTION_VERSION)
        return ERR(err, -EINVAL, "ram: version %d, expected 4", version);
    if (type == SEC_START) {
        rs->last = -1;
        for (int i = 0; i < rs->n; i++) {   /* a map is good for one load */
            free(rs->e[i].zmap);
            rs->e[i].zmap = NULL;
            rs->e[i].zmap_taken = false;
        }
    }
    rs->streak = 0;
    for (;;) {
        if (load_direct(rs, s) || lazy_direct(rs, s) || zero_run(rs, s))
            continue;
        uint64_t raw_word = stream_get_be64(s);
        if (stream_error(s))
            return ERR(err, stream_error(s), "ram: %s", stream_error_msg(s));
        uint64_t raw_flags = raw_word & (RAM_PAGE_SIZE - 1);
        uint64_t raw_addr = raw_word & ~(uint64_t)(RAM_PAGE_SIZE - 1);
        int r;
        switch (raw_flags) {
        case RAM_FLAG_EOS:
            if (raw_addr)
                return ERR(err, -EINVAL, "ram: EOS record with address bits %#" PRIx64, raw_addr);
            return 0;
        case RAM_FLAG_MEM_SIZE:
            if (type != SEC_START)
                return ERR(err, -EINVAL, "ram: block list outside the START record");
            if ((r = load_mem_size(rs, s, raw_addr, err)) < 0)
                return r;
            break;
        case RAM_FLAG_PAGE:
        case RAM_FLAG_ZERO:
        case RAM_FLAG_PAGE | RAM_FLAG_CONTINUE:
        case RAM_FLAG_ZERO | RAM_FLAG_CONTINUE: {
            int i = rs->last;
            if (raw_flags & RAM_FLAG_CONTINUE) {
                if (i < 0)
                    return ERR(err, -EINVAL, "ram: CONTINUE page record with no current block "
                               "(offset %#" PRIx64 ")", raw_addr);
            } else if ((i = read_block(rs, s, err)) < 0) {
                return i;
            }
            RamEntry *e = &rs->e[i];
            if (raw_addr >= e->b.size)
                return ERR(err, -EINVAL, "ram: page offset %#" PRIx64 " outside block %s (size %#"
                           PRIx64 ")", raw_addr, e->name, e->b.size);
            bool follows = rs->last == i && raw_addr == rs->next_off &&
                           raw_flags == (RAM_FLAG_PAGE | RAM_FLAG_CONTINUE);
            rs->streak = follows ? rs->streak + 1 : 0;
            rs->next_off = raw_addr + RAM_PAGE_SIZE;
            rs->last = i;
            uint64_t pg = raw_addr / RAM_PAGE_SIZE;
            bool untouched = e->written && !e->stale && !(e->written[pg / 64] >> (pg % 64) & 1);
            if (e->written)
                e->written[pg / 64] |= 1ull << (pg % 64);
            if (raw_flags & RAM_FLAG_ZERO) {
                uint8_t fill = stream_get_u8(s);
                if (stream_error(s))
                    return ERR(err, stream_error(s), "ram: %s", stream_error_msg(s));
                if (e->src)
                    set_source(e, pg, 0);   /* a later record wins, as in an eager load */
                /* Zero over zero needs no write: known untouched (assume_zero), or tested
                 * (reading is cheaper than dirtying the page). */
                if (!e->check_only &&
                    (fill != 0 || (!untouched && !known_zero(e, pg) &&
                                   !ram_page_is_zero(e->b.host + raw_addr)))) {
                    memset(e->b.host + raw_addr, fill, RAM_PAGE_SIZE);
                    written_now(e, pg);
                }
            } else {
                if (e->src)
                    set_source(e, pg, stream_tell(s));
                if (e->check_only || e->src) {
                    stream_skip(s, RAM_PAGE_SIZE);
                } else {
                    stream_get_buf(s, e->b.host + raw_addr, RAM_PAGE_SIZE);
                    written_now(e, pg);
                }
                if (stream_error(s))
                    return ERR(err, stream_error(s), "ram: %s", stream_error_msg(s));
            }
            e->pages_loaded++;
            break;
        }
        default:
            return ERR(err, -EINVAL, "ram: unknown combination of flags %#" PRIx64
                       " (record word %#" PRIx64 ")", raw_flags, raw_word);
        }
    }
}

const SecIter ram_sec_iter = {
    .save_setup = ram_save_setup,
    .save_iterate = ram_save_iterate,
    .save_complete = ram_save_complete,
    .load = ram_load,
};
