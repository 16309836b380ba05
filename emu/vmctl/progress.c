/* progress.c: the save/load progress line (progress.h). */
#include "emu/vmctl/progress.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "block/block.h"

#define PROGRESS_AFTER_NS 1000000000   /* a second, the "takes more than a second" */
#define PROGRESS_REDRAW_NS 100000000   /* at most ten redraws a second */

static int64_t host_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

void progress_start(Progress *p, uint64_t total, const char *what, ...)
{
    *p = (Progress){ .total = total, .fd = isatty(2) ? 2 : -1, .after_ns = PROGRESS_AFTER_NS };
    va_list ap;
    va_start(ap, what);
    vsnprintf(p->what, sizeof p->what, what, ap);
    va_end(ap);
    const char *env = getenv("PCEMU_PROGRESS_AFTER_MS");
    if (env && *env)
        p->after_ns = strtoll(env, NULL, 10) * 1000000;
    p->t0_ns = host_ns();
}

static void draw(Progress *p, int64_t now)
{
    char line[512];
    double secs = (double)(now - p->t0_ns) / 1e9;
    double mbps = secs > 0 ? (double)p->bytes * 8 / 1e6 / secs : 0;
    int n;
    if (p->total)
        n = snprintf(line, sizeof line, "\r%s: %3d%%, transferred %" PRIu64 " of %" PRIu64
                     " kbytes, throughput %.2f mbps\033[K", p->what,
                     (int)(MIN(p->bytes, p->total) * 100 / p->total), p->bytes / 1024,
                     p->total / 1024, mbps);
    else
        n = snprintf(line, sizeof line, "\r%s: transferred %" PRIu64 " kbytes, throughput "
                     "%.2f mbps\033[K", p->what, p->bytes / 1024, mbps);
    if (n > 0 && write(p->fd, line, MIN((size_t)n, sizeof line - 1)) < 0)
        p->fd = -1;   /* the terminal went away: stop drawing */
    p->shown = true;
    p->drawn_ns = now;
}

void progress_update(void *opaque, uint64_t bytes)
{
    Progress *p = opaque;
    p->bytes = bytes;
    if (p->fd < 0)
        return;
    int64_t now = host_ns();
    if (now - p->t0_ns >= p->after_ns && (!p->shown || now - p->drawn_ns >= PROGRESS_REDRAW_NS))
        draw(p, now);
}

void progress_end(Progress *p)
{
    if (p->fd < 0 || !p->shown)
        return;
    p->total = p->bytes;  /* done: the estimate gives way to the real size */
    draw(p, host_ns());
    if (write(p->fd, "\n", 1) < 0)
        p->fd = -1;
}

/* The stream's size, estimated from the RAM: a page of zeros is sent as its 8-byte header
 * and one byte, any other page as header and 4096 bytes (the 'ram' section's encoding);
 * the devices' sections are small beside it. */
uint64_t progress_save_total(Machine *m)
{
    int n;
    RamBlock *b = machine_ram_blocks(m, &n);
    uint64_t total = 0;
    for (int i = 0; i < n; i++) {
        for (uint64_t off = 0; off + 4096 <= b[i].size; off += 4096) {
            const uint8_t *pg = b[i].host + off;
            bool zero = !pg[0] && !memcmp(pg, pg + 1, 4095);
            total += zero ? 9 : 8 + 4096;
        }
    }
    return total;
}

uint64_t progress_load_total(Machine *m, const char *name)
{
    for (int i = 0; i < MACHINE_MAX_DRIVES; i++) {
        BlockDev *b = machine_drive(m, i);
        int k = b ? blk_snapshot_find(b, name, NULL) : -1;
        BlkSnapInfo sn;
        if (k >= 0 && blk_snapshot_info(b, k, &sn, NULL) == 0 && sn.vm_state_size)
            return sn.vm_state_size;
    }
    return 0;
}
