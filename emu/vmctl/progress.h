/* progress.h: the progress line of a long save or load, on a terminal only (QEMU shows
 * the same figures in 'info migrate': bytes transferred, of how many, throughput).
 * Display only: it reads the host clock to decide when to show itself (after a second of
 * host time) and for the rate, and never changes a byte of the stream or the machine.
 * On anything but a terminal (a pipe, a file) it prints nothing, so no test output
 * depends on host speed. PCEMU_PROGRESS_AFTER_MS in the environment sets the delay (a
 * test forces 0 on a pty). */
#ifndef PCEMU_PROGRESS_H
#define PCEMU_PROGRESS_H

#include "emu/base/base.h"
#include "emu/machine/machine.h"
#include "snapshot/format/stream.h"

typedef struct Progress {
    char what[300];          /* "savevm 's1'" */
    uint64_t total;          /* bytes expected; 0 = unknown (no percentage) */
    uint64_t bytes;          /* bytes so far (of the current pass) */
    int fd;                  /* stderr, or -1: not a terminal, nothing shown */
    int64_t after_ns;        /* show once this much host time has passed */
    int64_t t0_ns, drawn_ns; /* host monotonic ns at the start, at the last redraw */
    bool shown;              /* a line is on the terminal (progress_end ends it) */
} Progress;

/* what: printf-style. total: the bytes expected (progress_save_total, _load_total). */
void progress_start(Progress *p, uint64_t total, const char *what, ...) PRINTF_LIKE(3, 4);
/* A StreamProgressFn: opaque is the Progress. */
void progress_update(void *opaque, uint64_t bytes);
/* Ends the line if one was shown. */
void progress_end(Progress *p);

/* Expected bytes of a save of m (estimated from its RAM, the bulk of the stream), of a
 * load of snapshot name (its VM-state size on the first disk that has it; 0 if none). */
uint64_t progress_save_total(Machine *m);
uint64_t progress_load_total(Machine *m, const char *name);

#endif
