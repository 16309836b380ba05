/* hmp_media.c: the human monitor's eject and change, after QEMU 7.2's hmp_eject and
 * hmp_change (block/monitor/block-hmp-cmds.c, monitor/hmp-cmds.c): the argument parsing
 * and texts of QEMU's, the work done by the QMP commands (qmp_media.h), as QEMU's do.
 * Not provided: 'change vnc'. */
#include "emu/front/hmp-int.h"

#include <stdio.h>
#include <string.h>

#include "emu/remote/qmp_media.h"

#define HMP_MEDIA_WORDS 6

/* Splits arg (NULL: empty) into at most HMP_MEDIA_WORDS words in buf; returns the count. */
static int split(const char *arg, char buf[512], char *w[HMP_MEDIA_WORDS])
{
    int n = 0;
    snprintf(buf, 512, "%s", arg ? arg : "");
    for (char *save = NULL, *t = strtok_r(buf, " \t", &save); t && n < HMP_MEDIA_WORDS;
         t = strtok_r(NULL, " \t", &save))
        w[n++] = t;
    return n;
}

/* A missing argument, in QEMU's words ("eject: block device name expected"). */
static void missing(VmCtl *vm, MonOut *out, const char *cmd, const char *what)
{
    monout_printf(out, "%s: %s expected\n", cmd, what);
    vm->hmp_arg_error = true;
}

static void extraneous(VmCtl *vm, MonOut *out, const char *cmd)
{
    monout_printf(out, "%s: extraneous characters at the end of line\n", cmd);
    vm->hmp_arg_error = true;
}

/* eject [-f] device */
void hmp_eject(VmCtl *vm, const char *arg, MonOut *out)
{
    char buf[512];
    char *w[HMP_MEDIA_WORDS];
    int n = split(arg, buf, w), k = 0;
    bool force = n > 0 && !strcmp(w[0], "-f");
    k += force;
    if (k >= n) {
        missing(vm, out, "eject", "block device name");
        return;
    }
    if (k + 1 < n) {
        extraneous(vm, out, "eject");
        return;
    }
    Err e = { 0 };
    if (qmp_eject(vm, w[k], NULL, force, &e) < 0)
        monout_printf(out, "Error: %s\n", e.msg);
}

/* change device [-f] filename [format [read-only-mode]] */
void hmp_change(VmCtl *vm, const char *arg, MonOut *out)
{
    char buf[512];
    char *w[HMP_MEDIA_WORDS];
    int n = split(arg, buf, w), k = 1;
    if (n < 1) {
        missing(vm, out, "change", "block device name");
        return;
    }
    bool force = n > 1 && !strcmp(w[1], "-f");
    k += force;
    if (k >= n) {
        missing(vm, out, "change", "filename");
        return;
    }
    if (k + 3 < n) {
        extraneous(vm, out, "change");
        return;
    }
    const char *file = w[k], *format = k + 1 < n ? w[k + 1] : NULL;
    const char *mode = k + 2 < n ? w[k + 2] : NULL;
    QmpRoMode ro = QMP_RO_RETAIN;
    Err e = { 0 };
    if (mode && qmp_ro_mode(mode, &ro) < 0) {
        monout_printf(out, "Error: invalid parameter value: %s\n", mode);
        return;
    }
    if (qmp_change_medium(vm, w[0], NULL, file, format, force, ro, &e) < 0)
        monout_printf(out, "Error: %s\n", e.msg);
}
