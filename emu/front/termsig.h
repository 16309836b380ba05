/* termsig.h: SIGINT, SIGTERM and SIGHUP end pcemu as they end QEMU 7.2: the run stops at
 * the next slice boundary (or the monitor wait returns), the disks are closed, and pcemu
 * prints "pcemu: terminating on signal N[ from pid P (CMD)]" and exits with status 0.
 * The signal is recorded by a handler (the one process-wide state pcemu keeps, as a
 * signal is process-wide); the run loops in main.c and monitor.c look at it. */
#ifndef PCEMU_TERMSIG_H
#define PCEMU_TERMSIG_H

#include <poll.h>
#include <stdbool.h>

/* Installs the handlers (no SA_RESTART: a blocking read or poll returns EINTR). */
void termsig_install(void);
/* True once one of the signals arrived. */
bool termsig_pending(void);
/* poll() that a signal interrupts without a race: a signal that arrives before the wait
 * begins also makes it return -1 with errno EINTR. */
int termsig_poll(struct pollfd *p, nfds_t n, int timeout_ms);
/* Prints QEMU's line for the signal that arrived on stderr. */
void termsig_report(void);

#endif
