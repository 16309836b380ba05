/* fuzz_devs.c: libFuzzer target for the ISA chips' saved state. Byte 0 picks a table
 * (i8259, i8254, pcspk, mc146818rtc, serial, ps2kbd, ps2mouse, pckbd, dma, port92, ioapic,
 * fdc); the
 * rest is loaded into freshly created devices as a section body. When the load succeeds,
 * the after-load syncs run and the devices are driven through their ports and timers for
 * a few virtual milliseconds, so that every state a load accepts is also one the device
 * survives. The devices are fresh for every input, as loadvm requires.
 * Seed: PCEMU_FUZZ_SEED=DIR ./fuzz_devs writes one valid body per table into DIR. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "emu/hw/bus.h"
#include "emu/hw/clock.h"
#include "emu/dev/dma.h"
#include "emu/dev/fdc/fdc.h"
#include "emu/dev/ioapic.h"
#include "emu/dev/kbc.h"
#include "emu/dev/pic.h"
#include "emu/dev/pit.h"
#include "emu/dev/port92.h"
#include "emu/dev/rtc.h"
#include "emu/dev/uart.h"
#include "snapshot/format/stream.h"
#include "snapshot/format/vmstate.h"

typedef struct Rig {
    Bus *bus;
    Clock clock;
    PicState *pic;
    PitState *pit;
    RtcState *rtc;
    UartState *uart;
    KbcState *kbc;
    DmaState *dma;
    Port92State *p92;
    IoapicState *ioapic;
    FdcState *fdc;
    IrqLine irq[16], intr;
} Rig;

static void sink(void *opaque, const uint8_t *b, size_t n) { (void)opaque; (void)b; (void)n; }
static const Chardev null_chr = { sink, NULL, NULL };
static int dma_cb(void *opaque, int nchan, int pos, int size)
{
    uint8_t buf[16] = { 0 };
    int n = size - pos < 16 ? size - pos : 16;
    dma_write_memory(opaque, nchan, buf, pos, n);
    return pos + n;
}

static Rig *rig_new(void)
{
    Rig *r = calloc(1, sizeof *r);
    r->bus = bus_new();
    clock_init(&r->clock, 0);
    r->pic = pic_init(r->bus, &r->intr);
    for (int i = 0; i < 16; i++)
        r->irq[i] = (IrqLine){ pic_set_irq, r->pic, i };
    r->pit = pit_init(r->bus, &r->irq[0], &r->clock);
    r->rtc = rtc_init(r->bus, &r->irq[8], &r->clock, 1700000000);
    r->uart = uart_init(r->bus, 0x3f8, &r->irq[4], &r->clock, &null_chr);
    r->kbc = kbc_init(r->bus, &r->irq[1], &r->irq[12], NULL, NULL);
    r->dma = dma_init(r->bus, r->bus);
    r->p92 = port92_init(r->bus, NULL, NULL);
    r->ioapic = ioapic_init(r->bus, &r->clock);
    r->fdc = fdc_init(r->bus, &r->irq[6], &r->clock);
    for (int c = 0; c < 8; c++)
        dma_register_channel(r->dma, c, dma_cb, r->dma);
    return r;
}

static void rig_free(Rig *r)
{
    pic_free(r->pic); pit_free(r->pit); rtc_free(r->rtc); uart_free(r->uart);
    kbc_free(r->kbc); dma_free(r->dma); port92_free(r->p92); ioapic_free(r->ioapic);
    fdc_free(r->fdc);
    bus_free(r->bus);
    free(r);
}

static void *table_obj(Rig *r, int k)
{
    switch (k) {
    case 0: return &r->pic->chip[0];
    case 1: return &r->pic->chip[1];
    case 2: return r->pit;
    case 3: return &r->pit->spk;
    case 4: return r->rtc;
    case 5: return r->uart;
    case 6: return &r->kbc->kbd;
    case 7: return &r->kbc->mouse;
    case 8: return r->kbc;
    case 9: return &r->dma->ctl[0];
    case 10: return &r->dma->ctl[1];
    case 11: return r->p92;
    case 12: return r->ioapic;
    default: return r->fdc;
    }
}
#define NTABLES 14
static const VmsDesc *const tables[NTABLES] = {
    &pic_vms, &pic_vms, &pit_vms, &pit_spk_vms, &rtc_vms, &uart_isa_vms, &kbc_kbd_vms,
    &kbc_mouse_vms, &kbc_vms, &dma_vms, &dma_vms, &port92_vms, &ioapic_vms, &fdc_vms,
};

static void run_ms(Rig *r, int ms)
{
    int64_t end = clock_ns(&r->clock) + (int64_t)ms * 1000000;
    for (int guard = 0; guard < 100000; guard++) {
        int64_t d = clock_deadline(&r->clock);
        if (d > end)
            break;
        clock_warp(&r->clock, d);
        clock_run_timers(&r->clock);
    }
    clock_warp(&r->clock, end);
}

static void exercise(Rig *r)
{
    static const uint16_t ports[] = { 0x00, 0x04, 0x08, 0x20, 0x21, 0x40, 0x41, 0x42, 0x60, 0x61,
                                      0x64, 0x71, 0x81, 0x92, 0xa0, 0xa1, 0xc4, 0xd0, 0x3f8,
                                      0x3f9, 0x3fa, 0x3fb, 0x3fc, 0x3fd, 0x3fe, 0x4d0,
                                      0x3f1, 0x3f2, 0x3f3, 0x3f4, 0x3f5, 0x3f7 };
    pic_sync(r->pic);
    rtc_sync(r->rtc);
    for (size_t i = 0; i < sizeof ports / sizeof ports[0]; i++)
        bus_io_read(r->bus, ports[i], 1);
    bus_io_write(r->bus, 0x3f8, 'x', 1);
    uart_receive(r->uart, (const uint8_t *)"abc", 3);
    bus_io_write(r->bus, 0x60, 0xf2, 1);
    bus_io_write(r->bus, 0x64, 0xd4, 1);
    bus_io_write(r->bus, 0x60, 0xeb, 1);
    for (int c = 0; c < 8; c++)
        dma_hold_dreq(r->dma, c);
    bus_io_write(r->bus, 0x0f, 0, 1);
    bus_io_write(r->bus, 0xde, 0, 1);
    for (uint32_t reg = 0; reg < 0x40; reg++) {   /* every I/O APIC register, read back */
        bus_mem_write(r->bus, IOAPIC_BASE, reg, 4);
        bus_mem_read(r->bus, IOAPIC_BASE + 0x10, 4);
    }
    for (int pin = 0; pin < IOAPIC_NUM_PINS; pin++) {
        ioapic_set_irq(r->ioapic, pin, 1);
        ioapic_set_irq(r->ioapic, pin, 0);
    }
    static const uint8_t fdc_cmds[] = { 0x08, 0x4a, 0x00, 0x03, 0xdf, 0x02, 0x13, 0x00, 0x00 };
    for (size_t i = 0; i < sizeof fdc_cmds; i++)   /* SENSE INT, READ ID, SPECIFY, CONFIGURE */
        bus_io_write(r->bus, 0x3f5, fdc_cmds[i], 1);
    run_ms(r, 25);   /* READ ID's result timer */
    for (int i = 0; i < 8; i++)
        bus_io_read(r->bus, 0x3f5, 1);
    for (int i = 0; i < 16; i++)
        pic_ack(r->pic);
    for (size_t i = 0; i < sizeof ports / sizeof ports[0]; i++)
        bus_io_read(r->bus, ports[i], 1);
}

static void write_seeds(const char *dir)
{
    Rig *r = rig_new();
    for (int k = 0; k < NTABLES; k++) {
        Stream *s = stream_open_membuf();
        vms_save(s, tables[k], table_obj(r, k), NULL, NULL);
        size_t n;
        const uint8_t *p = stream_membuf(s, &n);
        char path[512];
        snprintf(path, sizeof path, "%s/seed%02d", dir, k);
        FILE *f = fopen(path, "wb");
        if (f) {
            fputc(k, f);
            fwrite(p, 1, n, f);
            fclose(f);
        }
        stream_close(s, NULL);
    }
    rig_free(r);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static int seeded;
    if (!seeded) {
        seeded = 1;
        const char *dir = getenv("PCEMU_FUZZ_SEED");
        if (dir) {
            write_seeds(dir);
            _exit(0);   /* not exit(): libFuzzer reports an exit from the target as a crash */
        }
    }
    if (size < 1)
        return 0;
    Rig *r = rig_new();
    int k = data[0] % NTABLES;
    Stream *s = stream_open_mem(data + 1, size - 1);
    Err e = { 0 };
    int rc = vms_load(s, tables[k], table_obj(r, k), tables[k]->version, &e);
    stream_close(s, NULL);
    if (rc == 0)
        exercise(r);
    rig_free(r);
    return 0;
}
