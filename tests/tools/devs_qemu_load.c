/* devs_qemu_load.c: devs_qemu_load STREAM. Takes a savevm stream written by QEMU 7.2
 * (pc-i440fx-7.2) and, for every ISA chip section pcemu models (i8259 x2, i8254, pcspk,
 * mc146818rtc, serial when present, ps2kbd, ps2mouse, pckbd, dma x2, port92), loads the
 * section body into a freshly created pcemu device with that device's own VmsDesc, checks
 * the load ended exactly at the section footer, runs the device's after-load sync, saves
 * the device again and compares the bytes with QEMU's. The only bytes allowed to differ
 * are the RTC's clock-domain fields (QEMU saved host-clock times; pcemu re-bases them on
 * the saved clock registers, rtc.c), which are checked for sanity instead. Then it prints
 * one line per section, "idstr instance JSON", with the vmdesc pcemu writes, for the
 * script to compare with the JSON QEMU put at the end of the same stream.
 * The virtual clock is set to QEMU's (the 'timer' section's cpu_clock_offset) first.
 * Exit status 0 when everything matched, 1 otherwise (one line per problem on stderr). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "emu/hw/bus.h"
#include "emu/hw/clock.h"
#include "emu/dev/dma.h"
#include "emu/dev/kbc.h"
#include "emu/dev/pic.h"
#include "emu/dev/pit.h"
#include "emu/dev/port92.h"
#include "emu/dev/rtc.h"
#include "emu/dev/uart.h"
#include "snapshot/format/stream.h"
#include "snapshot/format/vmstate.h"

static int failures;

static void fail(const char *fmt, const char *a, int b)
{
    fprintf(stderr, "devs_qemu_load: ");
    fprintf(stderr, fmt, a, b);
    fprintf(stderr, "\n");
    failures++;
}

/* Finds the FULL section header of (idstr, instance); returns the body offset, or 0 when
 * absent. *version and *sec_id are taken from the header. */
static size_t find_section(const uint8_t *buf, size_t len, const char *idstr, int instance,
                           uint32_t *version, uint32_t *sec_id)
{
    size_t n = strlen(idstr), found = 0;
    for (size_t i = 6; i + n + 9 <= len; i++) {
        if (buf[i] != n || memcmp(buf + i + 1, idstr, n) != 0 || buf[i - 5] != 0x04)
            continue;
        if (be32(buf + i + 1 + n) != (uint32_t)instance)
            continue;
        if (found)
            fail("%s %d: header found twice", idstr, instance);
        *sec_id = be32(buf + i - 4);
        *version = be32(buf + i + 1 + n + 4);
        found = i + 1 + n + 8;
    }
    return found;
}

typedef struct Target {
    const char *idstr;
    int instance;
    const VmsDesc *desc;
    void *opaque;
    bool optional;         /* serial: only in streams of a machine with a serial port */
} Target;

/* Loads each target's section from QEMU's stream into pcemu's device; present[k], start[k]
 * and blen[k] say where target k's fields were and how many bytes the load took. */
static void load_targets(const uint8_t *buf, size_t len, Target *targets, size_t nt, bool *present,
                         size_t *start, size_t *blen)
{
    uint32_t ver, id;
    for (size_t k = 0; k < nt; k++) {
        Target *tg = &targets[k];
        present[k] = false;
        size_t b = find_section(buf, len, tg->idstr, tg->instance, &ver, &id);
        if (!b) {
            if (!tg->optional)
                fail("%s %d: section not in the stream", tg->idstr, tg->instance);
            continue;
        }
        if ((int)ver != tg->desc->version)
            fail("%s: QEMU wrote version %d", tg->idstr, (int)ver);
        Stream *s = stream_open_mem(buf + b, len - b);
        Err e = { 0 };
        int r = vms_load(s, tg->desc, tg->opaque, (int)ver, &e);
        size_t used = (size_t)stream_tell(s);
        stream_close(s, NULL);
        if (r < 0) {
            fprintf(stderr, "devs_qemu_load: %s %d: load failed: %s\n", tg->idstr, tg->instance, e.msg);
            failures++;
            continue;
        }
        if (b + used + 5 > len || buf[b + used] != 0x7e || be32(buf + b + used + 1) != id) {
            fail("%s %d: the load did not end at the section footer", tg->idstr, tg->instance);
            continue;
        }
        present[k] = true;
        start[k] = b;
        blen[k] = used;
    }
}

/* Saves each loaded target again and compares the bytes with what QEMU wrote, apart from
 * the RTC fields in QEMU's host-clock domain; prints each device's fields as JSON. */
static void compare_targets(const uint8_t *buf, const Target *targets, size_t nt,
                            const bool *present, const size_t *start, const size_t *blen)
{
    for (size_t k = 0; k < nt; k++) {
        if (!present[k])
            continue;
        const Target *tg = &targets[k];
        Stream *s = stream_open_membuf();
        JsonBuf j = { 0 };
        Err e = { 0 };
        if (vms_save(s, tg->desc, tg->opaque, &j, &e) < 0) {
            fprintf(stderr, "devs_qemu_load: %s: save failed: %s\n", tg->idstr, e.msg);
            failures++;
            stream_close(s, NULL);
            continue;
        }
        size_t n;
        const uint8_t *p = stream_membuf(s, &n);
        const uint8_t *q = buf + start[k];
        if (n != blen[k]) {
            fail("%s: pcemu saves %d bytes", tg->idstr, (int)n);
        } else {
            for (size_t i = 0; i < n; i++) {
                /* mc146818rtc: periodic_timer, next_periodic_time (157-172) and base_rtc
                 * .. next_alarm_time (205-244) are in QEMU's host-clock domain */
                bool clockdom = tg->desc == &rtc_vms && ((i >= 157 && i < 173) || (i >= 205 && i < 245));
                if (p[i] != q[i] && !clockdom) {
                    fprintf(stderr, "devs_qemu_load: %s %d: byte %zu is %#x, QEMU wrote %#x\n",
                            tg->idstr, tg->instance, i, p[i], q[i]);
                    failures++;
                    break;
                }
            }
        }
        printf("%s %d %s\n", tg->idstr, tg->instance, j.buf);
        json_free(&j);
        stream_close(s, NULL);
    }

}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: devs_qemu_load STREAM\n");
        return 2;
    }
    FILE *f = fopen(argv[1], "rb");
    if (!f) {
        perror(argv[1]);
        return 2;
    }
    static uint8_t buf[64 << 20];
    size_t len = fread(buf, 1, sizeof buf, f);
    fclose(f);

    Bus *io = bus_new(), *mem = bus_new();
    Clock clock;
    clock_init(&clock, 3);
    uint32_t ver, id;
    size_t t = find_section(buf, len, "timer", 0, &ver, &id);
    if (!t || t + 24 > len) {
        fail("%s %d: no timer section", "timer", 0);
        return 1;
    }
    clock_warp(&clock, (int64_t)be64(buf + t + 16));   /* cpu_clock_offset */

    static const IrqLine none = { 0 };
    PicState *pic = pic_init(io, &none);
    PitState *pit = pit_init(io, &none, &clock);
    RtcState *rtc = rtc_init(io, &none, &clock, 0);
    UartState *uart = uart_init(io, 0x3f8, &none, &clock, NULL);
    KbcState *kbc = kbc_init(io, &none, &none, &none, &none);
    DmaState *dma = dma_init(io, mem);
    Port92State *p92 = port92_init(io, &none, &none);
    Target targets[] = {
        { "dma", 0, &dma_vms, &dma->ctl[0], false },
        { "dma", 1, &dma_vms, &dma->ctl[1], false },
        { "i8259", 0, &pic_vms, &pic->chip[0], false },
        { "i8259", 1, &pic_vms, &pic->chip[1], false },
        { "mc146818rtc", 0, &rtc_vms, rtc, false },
        { "i8254", 0, &pit_vms, pit, false },
        { "pcspk", 0, &pit_spk_vms, &pit->spk, false },
        { "serial", 0, &uart_isa_vms, uart, true },
        { "ps2kbd", 0, &kbc_kbd_vms, &kbc->kbd, false },
        { "ps2mouse", 0, &kbc_mouse_vms, &kbc->mouse, false },
        { "pckbd", 0, &kbc_vms, kbc, false },
        { "port92", 0, &port92_vms, p92, false },
    };
    size_t start[ARRAY_SIZE(targets)], blen[ARRAY_SIZE(targets)];
    bool present[ARRAY_SIZE(targets)];
    load_targets(buf, len, targets, ARRAY_SIZE(targets), present, start, blen);

    /* What machine_post_load does for these chips. */
    pic_sync(pic);
    rtc_sync(rtc);

    compare_targets(buf, targets, ARRAY_SIZE(targets), present, start, blen);

    /* The RTC continues from QEMU's saved registers on pcemu's clock. */
    int64_t now = clock_ns(&clock);
    if (rtc->last_update != (uint64_t)now || rtc->offset != 0)
        fail("%s: not re-based (last_update vs now %d)", "mc146818rtc", (int)(rtc->last_update != (uint64_t)now));
    if (rtc->update_timer.expire >= 0 && rtc->update_timer.expire > now + 86401ll * 1000000000)
        fail("%s: update timer %d s away", "mc146818rtc", (int)((rtc->update_timer.expire - now) / 1000000000));
    fprintf(stderr, "devs_qemu_load: PIC bases %#x/%#x masks %#x/%#x, PIT ch0 mode %d, "
            "pckbd mode %#x status %#x, RTC %02x:%02x:%02x\n",
            pic->chip[0].irq_base, pic->chip[1].irq_base, pic->chip[0].imr, pic->chip[1].imr,
            pit->ch[0].mode, kbc->ctl.mode, kbc->ctl.status, rtc->cmos_data[4],
            rtc->cmos_data[2], rtc->cmos_data[0]);
    return failures ? 1 : 0;
}
