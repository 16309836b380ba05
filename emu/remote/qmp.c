/* qmp.c: the QMP monitor (qmp.h), after QEMU 7.2's monitor/qmp.c, qapi/qmp-dispatch.c,
 * migration/savevm.c (snapshot-save/-load/-delete jobs) and job.c (job states).
 *
 * Input is a byte stream of JSON objects; qmp_lines() cuts it into complete top-level
 * values (strings and escapes respected) and parses each with jansson. Every byte from the
 * client is hostile: a malformed value gets a GenericError reply, never more.
 *
 * Snapshot jobs run to the end at the boundary where their command arrived (QEMU runs them
 * in a bottom half of the main loop, also with the guest stopped). Job states, each
 * announced by a JOB_STATUS_CHANGE event (job_state_transition in job.c):
 *
 *   created -> running -> waiting -> pending -> concluded --job-dismiss--> null
 *                  \---(error)--> aborting --/
 *
 * qmp_job_run() performs the whole sequence; query-jobs shows concluded jobs until they
 * are dismissed (QEMU creates snapshot jobs with manual dismiss). */
#include "emu/remote/qmp.h"

#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "snapshot/vm/loadvm.h"
#include "snapshot/vm/savevm.h"

#define QMP_MAX_JOBS 16

typedef struct QmpJob {
    char id[128];
    const char *type;        /* "snapshot-save", "snapshot-load", "snapshot-delete" */
    char error[512];         /* "" = success */
} QmpJob;

struct Qmp {
    MonConn c;
    bool negotiated;
    QmpJob jobs[QMP_MAX_JOBS];   /* concluded, not yet dismissed */
    int njobs;
};

static void qmp_greet(Qmp *q);

Qmp *qmp_open(const char *spec, Err *err)
{
    Qmp *q = xzalloc(sizeof *q);
    if (monconn_open(&q->c, spec, err) < 0) {
        free(q);
        return NULL;
    }
    if (q->c.in_fd >= 0)
        qmp_greet(q);
    return q;
}

void qmp_close(Qmp *q)
{
    if (!q)
        return;
    monconn_close(&q->c);
    free(q);
}

int qmp_poll_fd(const Qmp *q)
{
    return monconn_poll_fd(&q->c);
}

/* Writes one JSON value and "\r\n" (QEMU's line ending); consumes v. */
static void send_json(Qmp *q, json_t *v)
{
    char *s = json_dumps(v, JSON_PRESERVE_ORDER);
    json_decref(v);
    if (!s)
        return;
    monconn_write(&q->c, s, strlen(s));
    monconn_write(&q->c, "\r\n", 2);
    free(s);
}

/* The greeting, sent to each new client. */
static void qmp_greet(Qmp *q)
{
    q->negotiated = false;
    send_json(q, json_pack("{s:{s:{s:{s:i,s:i,s:i},s:s},s:[s]}}", "QMP", "version", "qemu",
                           "micro", 0, "minor", 2, "major", 7, "package", "pcemu", "capabilities",
                           "oob"));
}

static void qmp_event(Qmp *q, const char *name, const char *data_json)
{
    if (q->c.out_fd < 0 || !q->negotiated)
        return;
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    json_t *ev = json_pack("{s:{s:I,s:I},s:s}", "timestamp", "seconds", (json_int_t)ts.tv_sec,
                           "microseconds", (json_int_t)(ts.tv_nsec / 1000), "event", name);
    if (data_json) {
        json_t *d = json_loads(data_json, 0, NULL);
        if (d)
            json_object_set_new(ev, "data", d);
    }
    send_json(q, ev);
}

void qmp_vm_event(void *q, const char *name, const char *data_json)
{
    qmp_event(q, name, data_json);
}

static void job_event(Qmp *q, const char *id, const char *status)
{
    json_t *d = json_pack("{s:s,s:s}", "status", status, "id", id);
    char *s = json_dumps(d, JSON_PRESERVE_ORDER);
    json_decref(d);
    qmp_event(q, "JOB_STATUS_CHANGE", s);
    free(s);
}

static void reply(Qmp *q, json_t *id, json_t *ret)
{
    json_t *r = json_pack("{s:o}", "return", ret);
    if (id)
        json_object_set(r, "id", id);
    send_json(q, r);
}

static void reply_error(Qmp *q, json_t *id, const char *cls, const char *fmt, ...) PRINTF_LIKE(4, 5);
static void reply_error(Qmp *q, json_t *id, const char *cls, const char *fmt, ...)
{
    char desc[640];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(desc, sizeof desc, fmt, ap);
    va_end(ap);
    json_t *r = json_pack("{s:{s:s,s:s}}", "error", "class", cls, "desc", desc);
    if (id)
        json_object_set(r, "id", id);
    send_json(q, r);
}

/* A required string argument; NULL (error sent) when missing or not a string. */
static const char *arg_str(Qmp *q, json_t *id, json_t *args, const char *name)
{
    json_t *v = args ? json_object_get(args, name) : NULL;
    if (!v) {
        reply_error(q, id, "GenericError", "Parameter '%s' is missing", name);
        return NULL;
    }
    if (!json_is_string(v)) {
        reply_error(q, id, "GenericError", "Invalid parameter type for '%s', expected: string",
                    name);
        return NULL;
    }
    return json_string_value(v);
}

/* 'devices': a required list of drive names; filled into out (NULL-terminated). */
static bool arg_devices(Qmp *q, json_t *id, json_t *args, const char *out[SAVEVM_MAX_DEVICES])
{
    json_t *v = args ? json_object_get(args, "devices") : NULL;
    memset(out, 0, sizeof(const char *) * SAVEVM_MAX_DEVICES);
    if (!v) {
        reply_error(q, id, "GenericError", "Parameter 'devices' is missing");
        return false;
    }
    if (!json_is_array(v)) {
        reply_error(q, id, "GenericError", "Invalid parameter type for 'devices', expected: array");
        return false;
    }
    size_t n = json_array_size(v);
    if (n > SAVEVM_MAX_DEVICES) {
        reply_error(q, id, "GenericError", "too many devices (%zu)", n);
        return false;
    }
    for (size_t i = 0; i < n; i++) {
        json_t *e = json_array_get(v, i);
        if (!json_is_string(e)) {
            reply_error(q, id, "GenericError", "Invalid parameter type for 'devices[%zu]', "
                        "expected: string", i);
            return false;
        }
        out[i] = json_string_value(e);
    }
    return true;
}

static QmpJob *job_find(Qmp *q, const char *id)
{
    for (int i = 0; i < q->njobs; i++)
        if (!strcmp(q->jobs[i].id, id))
            return &q->jobs[i];
    return NULL;
}

/* snapshot-save / snapshot-load / snapshot-delete as one job (see the diagram). */
static void qmp_job_run(Qmp *q, VmCtl *vm, json_t *id, json_t *args, const char *type)
{
    const char *job_id = arg_str(q, id, args, "job-id");
    if (!job_id)
        return;
    const char *tag = arg_str(q, id, args, "tag");
    if (!tag)
        return;
    const char *vmstate = NULL;
    if (strcmp(type, "snapshot-delete") != 0 && !(vmstate = arg_str(q, id, args, "vmstate")))
        return;
    const char *devices[SAVEVM_MAX_DEVICES];
    if (!arg_devices(q, id, args, devices))
        return;
    if (job_find(q, job_id)) {
        reply_error(q, id, "GenericError", "Job ID '%s' already in use", job_id);
        return;
    }
    if (strlen(job_id) >= sizeof q->jobs[0].id || q->njobs == QMP_MAX_JOBS) {
        reply_error(q, id, "GenericError", "Job ID '%.64s': too long, or too many jobs not "
                    "dismissed", job_id);
        return;
    }
    QmpJob *j = &q->jobs[q->njobs++];
    /* type points into the request, which dies with it: keep a static copy */
    *j = (QmpJob){ .type = !strcmp(type, "snapshot-save") ? "snapshot-save"
                           : !strcmp(type, "snapshot-load") ? "snapshot-load" : "snapshot-delete" };
    snprintf(j->id, sizeof j->id, "%s", job_id);
    job_event(q, j->id, "created");
    job_event(q, j->id, "running");
    reply(q, id, json_object());

    Err e = { 0 };
    bool was = vm->running;
    const char *status = vm->status;
    int r;
    if (!strcmp(type, "snapshot-save")) {
        vm_stop(vm, "save-vm");
        SavevmOpts o = { .replace = false, .vmstate = vmstate };
        memcpy(o.devices, devices, sizeof o.devices);
        vm_host_time(&o.date_sec, &o.date_nsec);
        r = savevm(vm->m, tag, &o, NULL, &e);
    } else if (!strcmp(type, "snapshot-load")) {
        vm_stop(vm, "restore-vm");
        r = loadvm_from(&vm->m, tag, vmstate, devices, &e);
    } else {
        r = delvm(vm->m, tag, devices, NULL, &e);
    }
    vm->status = status;
    if (was)
        vm_cont(vm);
    if (r < 0) {
        snprintf(j->error, sizeof j->error, "%s", e.msg);
        job_event(q, j->id, "aborting");
    } else {
        job_event(q, j->id, "waiting");
        job_event(q, j->id, "pending");
    }
    job_event(q, j->id, "concluded");
}

static void dispatch(Qmp *q, VmCtl *vm, json_t *req)
{
    json_t *id = json_is_object(req) ? json_object_get(req, "id") : NULL;
    if (!json_is_object(req)) {
        reply_error(q, NULL, "GenericError", "QMP input must be a JSON object");
        return;
    }
    json_t *ex = json_object_get(req, "execute");
    if (!ex) {
        reply_error(q, id, "GenericError", "QMP input member 'execute' is missing");
        return;
    }
    if (!json_is_string(ex)) {
        reply_error(q, id, "GenericError", "QMP input member 'execute' must be a string");
        return;
    }
    json_t *args = json_object_get(req, "arguments");
    if (args && !json_is_object(args)) {
        reply_error(q, id, "GenericError", "QMP input member 'arguments' must be an object");
        return;
    }
    const char *cmd = json_string_value(ex);
    if (!q->negotiated) {
        if (!strcmp(cmd, "qmp_capabilities")) {
            q->negotiated = true;
            reply(q, id, json_object());
        } else {
            reply_error(q, id, "CommandNotFound",
                        "Expecting capabilities negotiation with 'qmp_capabilities'");
        }
        return;
    }
    if (!strcmp(cmd, "qmp_capabilities")) {
        reply_error(q, id, "CommandNotFound",
                    "Capabilities negotiation is already complete, command ignored");
    } else if (!strcmp(cmd, "query-status")) {
        reply(q, id, json_pack("{s:s,s:b,s:b}", "status", vm->status, "singlestep", 0, "running",
                               vm->running));
    } else if (!strcmp(cmd, "stop")) {
        vm_stop(vm, "paused");
        reply(q, id, json_object());
    } else if (!strcmp(cmd, "cont")) {
        vm_cont(vm);             /* QEMU: the RESUME event comes before the reply */
        reply(q, id, json_object());
    } else if (!strcmp(cmd, "system_reset")) {
        vm_system_reset(vm, true);
        reply(q, id, json_object());
    } else if (!strcmp(cmd, "quit")) {
        /* QEMU's order: SHUTDOWN, the jobs cancelled on exit, then the reply */
        qmp_event(q, "SHUTDOWN", "{\"guest\": false, \"reason\": \"host-qmp-quit\"}");
        for (int i = 0; i < q->njobs; i++)
            job_event(q, q->jobs[i].id, "null");
        q->njobs = 0;
        reply(q, id, json_object());
        vm->quit = true;
    } else if (!strcmp(cmd, "human-monitor-command")) {
        const char *line = arg_str(q, id, args, "command-line");
        if (!line)
            return;
        if (!vm->hmp) {
            reply_error(q, id, "CommandNotFound", "The command %s has not been found", cmd);
            return;
        }
        MonOut out = { 0 }, crlf = { 0 };
        vm->hmp(vm, line, &out);
        monout_crlf(&crlf, &out);
        reply(q, id, json_string(crlf.buf ? crlf.buf : ""));
        monout_free(&out);
        monout_free(&crlf);
    } else if (!strcmp(cmd, "snapshot-save") || !strcmp(cmd, "snapshot-load") ||
               !strcmp(cmd, "snapshot-delete")) {
        qmp_job_run(q, vm, id, args, cmd);
    } else if (!strcmp(cmd, "query-jobs")) {
        json_t *a = json_array();
        for (int i = 0; i < q->njobs; i++) {
            json_t *j = json_pack("{s:i,s:s,s:i,s:s,s:s}", "current-progress", 1, "status",
                                  "concluded", "total-progress", 1, "type", q->jobs[i].type, "id",
                                  q->jobs[i].id);
            if (q->jobs[i].error[0])
                json_object_set_new(j, "error", json_string(q->jobs[i].error));
            json_array_append_new(a, j);
        }
        reply(q, id, a);
    } else if (!strcmp(cmd, "job-dismiss")) {
        const char *jid = arg_str(q, id, args, "id");
        if (!jid)
            return;
        QmpJob *j = job_find(q, jid);
        if (!j) {
            reply_error(q, id, "GenericError", "Job not found");
            return;
        }
        char keep[128];
        snprintf(keep, sizeof keep, "%s", j->id);
        *j = q->jobs[--q->njobs];
        job_event(q, keep, "null");
        reply(q, id, json_object());
    } else {
        reply_error(q, id, "CommandNotFound", "The command %s has not been found", cmd);
    }
}

/* Length of the first complete top-level JSON value in buf (leading whitespace included),
 * 0 when incomplete. */
static size_t json_value_len(const char *buf, size_t n)
{
    int depth = 0;
    bool str = false, esc = false, started = false;
    for (size_t i = 0; i < n; i++) {
        char ch = buf[i];
        if (str) {
            if (esc)
                esc = false;
            else if (ch == '\\')
                esc = true;
            else if (ch == '"')
                str = false;
            continue;
        }
        if (ch == '"') {
            str = started = true;
        } else if (ch == '{' || ch == '[') {
            depth++;
            started = true;
        } else if (ch == '}' || ch == ']') {
            depth--;
            if (depth <= 0)
                return i + 1;
        } else if (ch == '\n' && started && depth == 0) {
            return i + 1;   /* a bare scalar line: let the parser reject it */
        } else if (ch != ' ' && ch != '\t' && ch != '\r' && ch != '\n') {
            started = true;
        }
    }
    return 0;
}

void qmp_lines(Qmp *q, VmCtl *vm)
{
    size_t len;
    bool was = vm->running;
    /* as the human monitor: after a command that starts the machine, it runs a slice */
    while (!vm->quit && !(!was && vm->running) && (len = json_value_len(q->c.in, q->c.in_len)) > 0) {
        json_error_t jerr;
        json_t *req = json_loadb(q->c.in, len, JSON_DECODE_ANY, &jerr);
        memmove(q->c.in, q->c.in + len, q->c.in_len - len);
        q->c.in_len -= len;
        if (!req) {
            reply_error(q, NULL, "GenericError", "JSON parse error, %s", jerr.text);
            continue;
        }
        dispatch(q, vm, req);
        json_decref(req);
    }
}

void qmp_service(Qmp *q, VmCtl *vm)
{
    if (monconn_service(&q->c) == 1)
        qmp_greet(q);
    qmp_lines(q, vm);
}
