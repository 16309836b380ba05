/* termsig.c: see termsig.h. Reference: QEMU 7.2 softmmu/runstate.c (qemu_kill_report:
 * the sender's pid and the first word of its /proc/PID/cmdline, nothing for a signal
 * from the terminal, whose si_pid is 0) and os-posix.c (the three signals). */
#include "emu/front/termsig.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

static volatile sig_atomic_t term_signo;   /* 0 until a signal arrives */
static volatile sig_atomic_t term_pid;     /* its sender, 0 = the kernel or the terminal */
static char term_cmd[256];                 /* the sender's argv[0], read at once: the sender
                                              (kill(1)) may be gone when the run stops */

/* open, read and close are async-signal-safe. */
static void on_signal(int signo, siginfo_t *si, void *uc)
{
    int e = errno;
    term_pid = si ? si->si_pid : 0;
    term_cmd[0] = 0;
    if (term_pid > 0) {
        char path[32] = "/proc/", *p = path + 6;
        char digits[12];
        int n = 0;
        for (unsigned v = (unsigned)term_pid; v; v /= 10)
            digits[n++] = (char)('0' + v % 10);
        while (n)
            *p++ = digits[--n];
        memcpy(p, "/cmdline", 9);
        int fd = open(path, O_RDONLY | O_CLOEXEC);
        ssize_t r = fd >= 0 ? read(fd, term_cmd, sizeof term_cmd - 1) : -1;
        if (fd >= 0)
            close(fd);
        term_cmd[r > 0 ? r : 0] = 0;   /* argv[0]: the bytes up to the first NUL */
    }
    term_signo = signo;
    errno = e;
}

void termsig_install(void)
{
    struct sigaction sa = { .sa_sigaction = on_signal, .sa_flags = SA_SIGINFO };
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
}

bool termsig_pending(void)
{
    return term_signo != 0;
}

int termsig_poll(struct pollfd *p, nfds_t n, int timeout_ms)
{
    sigset_t term, old;
    sigemptyset(&term);
    sigaddset(&term, SIGINT);
    sigaddset(&term, SIGTERM);
    sigaddset(&term, SIGHUP);
    sigprocmask(SIG_BLOCK, &term, &old);
    int r;
    if (term_signo) {
        errno = EINTR;
        r = -1;
    } else {
        struct timespec ts = { timeout_ms / 1000, (long)(timeout_ms % 1000) * 1000000 };
        r = ppoll(p, n, timeout_ms < 0 ? NULL : &ts, &old);   /* unblocks them atomically */
    }
    int e = errno;
    sigprocmask(SIG_SETMASK, &old, NULL);
    errno = e;
    return r;
}

void termsig_report(void)
{
    if (term_pid == 0)
        fprintf(stderr, "pcemu: terminating on signal %d\n", (int)term_signo);
    else
        fprintf(stderr, "pcemu: terminating on signal %d from pid %d (%s)\n", (int)term_signo,
                (int)term_pid, term_cmd[0] ? term_cmd : "<unknown process>");
}
