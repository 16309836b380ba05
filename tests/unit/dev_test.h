/* dev_test.h: helpers shared by the ISA chip tests (test_pic.c, test_pit.c, ...): run the
 * virtual clock with its timers, save a VMS table to bytes, load bytes back, check
 * truncations fail, and compare the JSON a table produces with QEMU 7.2's entry in
 * tests/data/devs-vmdesc.txt. */
#ifndef PCEMU_TESTS_DEV_TEST_H
#define PCEMU_TESTS_DEV_TEST_H

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "emu/hw/bus.h"
#include "emu/hw/clock.h"
#include "snapshot/format/stream.h"
#include "snapshot/format/vmstate.h"

/* Advances the virtual clock to ns, running each timer at its deadline on the way, as the
 * machine's run loop does while the CPU halts. */
static inline void dt_run_to(Clock *c, int64_t ns)
{
    for (int64_t d; (d = clock_deadline(c)) <= ns;) {
        clock_warp(c, d);
        clock_run_timers(c);
    }
    clock_warp(c, ns);
}

/* Saves desc for obj; returns a malloc'd copy of the bytes; JSON appended to json if set. */
static inline uint8_t *dt_save(const VmsDesc *desc, void *obj, size_t *len, JsonBuf *json)
{
    Stream *s = stream_open_membuf();
    Err e = { 0 };
    int r = vms_save(s, desc, obj, json, &e);
    ck_assert_msg(r == 0, "save %s failed: %s", desc->name, e.msg);
    const uint8_t *p = stream_membuf(s, len);
    uint8_t *copy = malloc(*len ? *len : 1);
    memcpy(copy, p, *len);
    ck_assert_int_eq(stream_close(s, NULL), 0);
    return copy;
}

/* Loads len bytes at desc->version; returns vms_load's result, or -EINVAL when bytes are
 * left over (what the section footer check does in a whole stream: a subsection header
 * cut short is not recognised as one and stays unread). */
static inline int dt_load(const VmsDesc *desc, void *obj, const uint8_t *p, size_t len, Err *e)
{
    Stream *s = stream_open_mem(p, len);
    int r = vms_load(s, desc, obj, desc->version, e);
    uint8_t b;
    if (r == 0 && stream_peek(s, &b, 1) != 0)
        r = ERR(e, -EINVAL, "%s: bytes left after load", desc->name);
    stream_close(s, NULL);
    return r;
}

/* save(obj) must equal want (want_len bytes). */
static inline void dt_check_bytes(const VmsDesc *desc, void *obj, const uint8_t *want, size_t want_len)
{
    size_t len;
    uint8_t *got = dt_save(desc, obj, &len, NULL);
    ck_assert_msg(len == want_len, "%s: saved %zu bytes, expected %zu", desc->name, len, want_len);
    for (size_t i = 0; i < len; i++)
        ck_assert_msg(got[i] == want[i], "%s: byte %zu is %#x, expected %#x", desc->name, i,
                      got[i], want[i]);
    free(got);
}

/* Loading bytes cut to 0, n/2 and n-1 bytes must fail with an error message. */
static inline void dt_check_truncations(const VmsDesc *desc, void *obj, const uint8_t *p, size_t n)
{
    size_t cuts[3] = { 0, n / 2, n - 1 };
    for (int i = 0; i < 3; i++) {
        Err e = { 0 };
        int r = dt_load(desc, obj, p, cuts[i], &e);
        ck_assert_msg(r < 0, "%s: load of %zu of %zu bytes succeeded", desc->name, cuts[i], n);
        ck_assert_msg(e.msg[0] != 0, "%s: failed load left no message", desc->name);
    }
}

/* Hostile input: every byte of a valid body set to 0x00, 0xFF, 0x80, 0x7F and flipped in
 * bit 0; each load must succeed or fail cleanly, and a device that accepted the bytes must
 * survive exercise(rig) (port accesses, timers), all under ASan/UBSan. */
static inline void dt_flip_every_byte(const VmsDesc *desc, void *obj, const uint8_t *p, size_t n,
                                      void (*exercise)(void *rig), void *rig)
{
    uint8_t *b = malloc(n);
    for (size_t i = 0; i < n; i++) {
        const uint8_t vals[5] = { 0x00, 0xff, 0x80, 0x7f, (uint8_t)(p[i] ^ 1) };
        for (int k = 0; k < 5; k++) {
            memcpy(b, p, n);
            b[i] = vals[k];
            Err e = { 0 };
            int r = dt_load(desc, obj, b, n, &e);
            if (r < 0)
                ck_assert_msg(e.msg[0] != 0, "%s: byte %zu = %#x: failure without message",
                              desc->name, i, vals[k]);
            else if (exercise)
                exercise(rig);
        }
    }
    free(b);
}

/* The JSON vms_save writes for obj must equal QEMU's entry for (idstr, instance). */
static inline void dt_check_vmdesc(const VmsDesc *desc, void *obj, const char *idstr, int instance)
{
    JsonBuf j = { 0 };
    size_t len;
    free(dt_save(desc, obj, &len, &j));
    const char *path = getenv("PCEMU_DEVS_VMDESC");
    FILE *f = fopen(path ? path : "tests/data/devs-vmdesc.txt", "r");
    ck_assert_msg(f != NULL, "cannot open tests/data/devs-vmdesc.txt (run from the repo root)");
    static char line[262144];   /* piix4_pm's entry alone is 70 KB */
    char key[128];
    snprintf(key, sizeof key, "%s %d ", idstr, instance);
    bool found = false;
    while (fgets(line, sizeof line, f)) {
        if (strncmp(line, key, strlen(key)) != 0)
            continue;
        found = true;
        char *want = line + strlen(key);
        want[strcspn(want, "\n")] = 0;
        ck_assert_msg(strcmp(j.buf, want) == 0, "%s %d vmdesc differs:\n got  %s\n want %s",
                      idstr, instance, j.buf, want);
    }
    fclose(f);
    ck_assert_msg(found, "no reference entry for %s %d", idstr, instance);
    json_free(&j);
}

#endif
