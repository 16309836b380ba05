/* fdc_test.h: helpers shared by the floppy controller's tests (test_fdc.c, test_fdc_media.c,
 * test_fdc_change.c): a controller alone on a bus, and a command written and results read
 * through the FIFO as a driver does, each byte only once the main status register offers
 * it. */
#ifndef PCEMU_TESTS_FDC_TEST_H
#define PCEMU_TESTS_FDC_TEST_H

#include "dev_test.h"
#include "emu/dev/fdc/fdc.h"

/* A controller on its own bus and clock, its IRQ 6 level and rising edges kept. */
typedef struct FdcRig {
    Bus *bus;
    Clock clock;
    IrqLine irq6;
    int level, rises;
    FdcState *f;
} FdcRig;

static inline void fdc_rig_irq6(void *opaque, int n, int level)
{
    FdcRig *r = opaque;
    if (level && !r->level)
        r->rises++;
    r->level = level;
}

static inline void fdc_rig_init(FdcRig *r)
{
    r->bus = bus_new();
    clock_init(&r->clock, 3);
    r->irq6 = (IrqLine){ fdc_rig_irq6, r, 6 };
    r->f = fdc_init(r->bus, &r->irq6, &r->clock);
}

static inline void fdc_rig_fini(FdcRig *r)
{
    fdc_free(r->f);
    bus_free(r->bus);
}

static inline uint8_t fdc_test_msr(Bus *bus) { return (uint8_t)bus_io_read(bus, 0x3F4, 1); }

static inline void fdc_test_cmd(Bus *bus, const uint8_t *b, int n)
{
    for (int i = 0; i < n; i++) {
        ck_assert_msg((fdc_test_msr(bus) & 0xc0) == 0x80, "byte %d of command %#x: msr %#x", i,
                      b[0], fdc_test_msr(bus));
        bus_io_write(bus, 0x3F5, b[i], 1);
    }
}

/* The n result bytes (the controller must offer them), then back in the command phase. */
static inline void fdc_test_result(Bus *bus, uint8_t *out, int n)
{
    for (int i = 0; i < n; i++) {
        ck_assert_msg((fdc_test_msr(bus) & 0xc0) == 0xc0, "result byte %d: msr %#x", i,
                      fdc_test_msr(bus));
        out[i] = (uint8_t)bus_io_read(bus, 0x3F5, 1);
    }
    ck_assert_int_eq(fdc_test_msr(bus) & 0xd0, 0x80);
}

#endif
