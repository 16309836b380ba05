/* dma.c: the PC's two Intel 8237A DMA controllers as QEMU 7.2 models them
 * (hw/dma/i8257.c, two "dma" v1 sections): controller 0 has the 8-bit channels 0-3 at
 * 0x00-0x0F with page registers 0x87, 0x83, 0x81, 0x82; controller 1 the 16-bit
 * channels 4-7 at 0xC0-0xDF (every register on an even port, addresses and counts in
 * words) with pages 0x8F, 0x8B, 0x89, 0x8A. Registers: base/current address and count
 * through the byte flip-flop, command, request, single and all-channel mask, mode,
 * clear flip-flop, master clear, status (terminal count and request bits, cleared on
 * read). Transfers are done by the device's callback through dma_read_memory and
 * dma_write_memory, synchronously whenever a channel is requested and unmasked.
 * Reference: Intel 8237A datasheet (231466). Not emulated: memory-to-memory transfers,
 * the other command-register modes (refused as in QEMU), verify transfers, cascading
 * beyond channel 4 being a pass-through. */
#include "emu/dev/dma.h"

#include <stdlib.h>

enum {
    DMA_ADDR = 0,
    DMA_COUNT = 1,
    DMA_CMD_NOT_SUPPORTED = 0xfb,   /* every command bit but 2 (controller disable) */
    DMA_MODE_AUTOINIT = 0x10,
    DMA_MODE_DECREMENT = 0x20,
};

static int dma_post_load(void *opaque, int version, Err *err);

static const VmsDesc dma_regs_vms = {
    .name = "dma_regs", .version = 1, .min_version = 1,
    .fields = (const VmsField[]){
        VMS_INT32_ARRAY(DmaRegs, now, 2),
        VMS_UINT16_ARRAY(DmaRegs, base, 2),
        VMS_UINT8(DmaRegs, mode),
        VMS_UINT8(DmaRegs, page),
        VMS_UINT8(DmaRegs, pageh),
        VMS_UINT8(DmaRegs, dack),
        VMS_UINT8(DmaRegs, eop),
        VMS_END,
    },
};

const VmsDesc dma_vms = {
    .name = "dma", .version = 1, .min_version = 1, .post_load = dma_post_load,
    .fields = (const VmsField[]){
        VMS_UINT8(DmaCtl, command),
        VMS_UINT8(DmaCtl, mask),
        VMS_UINT8(DmaCtl, flip_flop),
        VMS_INT32(DmaCtl, dshift),
        VMS_STRUCT_ARRAY(DmaCtl, regs, DmaRegs, 4, &dma_regs_vms),
        VMS_END,
    },
};

/* ---- reset ---- */

/* Master clear (QEMU's reset writes it): everything masked, flip-flop and status clear. */
static void dma_master_clear(DmaCtl *d)
{
    d->flip_flop = 0;
    d->mask = 0xff;
    d->status = 0;
    d->command = 0;
}

void dma_reset(DmaState *s)
{
    for (int i = 0; i < 2; i++)
        dma_master_clear(&s->ctl[i]);
}

/* ---- helpers ---- */

static void dma_ctl_run(DmaCtl *d);

static DmaRegs *dma_chan(DmaState *s, int nchan) { return &s->ctl[(nchan >> 2) & 1].regs[nchan & 3]; }

static void dma_init_chan(DmaCtl *d, int ichan)
{
    DmaRegs *r = &d->regs[ichan];
    r->now[DMA_ADDR] = r->base[DMA_ADDR] << d->dshift;
    r->now[DMA_COUNT] = 0;
}

static int dma_getff(DmaCtl *d)
{
    int ff = d->flip_flop;
    d->flip_flop = !ff;
    return ff;
}

static void dma_channel_run(DmaCtl *d, int ichan)
{
    DmaRegs *r = &d->regs[ichan];
    int size = (r->base[DMA_COUNT] + 1) << d->dshift;
    int n = r->handler(r->handler_opaque, ichan + (d->dshift << 2), r->now[DMA_COUNT], size);
    r->now[DMA_COUNT] = n;
    if (n == size)
        d->status |= 1 << ichan;   /* terminal count */
}

/* Physical address of byte pos of the current transfer (QEMU's page << 16 | address,
 * also for 16-bit channels). */
static uint32_t dma_addr(const DmaRegs *r)
{
    return (uint32_t)(r->pageh & 0x7f) << 24 | (uint32_t)r->page << 16 | (uint32_t)r->now[DMA_ADDR];
}

/* ---- I/O handlers ---- */

static uint32_t dma_chan_read(void *opaque, uint32_t nport, unsigned size)
{
    DmaCtl *d = opaque;
    int iport = (nport >> d->dshift) & 0x0f;
    DmaRegs *r = &d->regs[iport >> 1];
    int ff = dma_getff(d);
    uint32_t val;
    if (iport & 1)   /* count: remaining, in units */
        val = ((uint32_t)r->base[DMA_COUNT] << d->dshift) - (uint32_t)r->now[DMA_COUNT];
    else             /* address: current */
        val = (r->mode & DMA_MODE_DECREMENT) ? (uint32_t)r->now[DMA_ADDR] - (uint32_t)r->now[DMA_COUNT]
                                             : (uint32_t)r->now[DMA_ADDR] + (uint32_t)r->now[DMA_COUNT];
    return (val >> (d->dshift + (ff << 3))) & 0xff;
}

static void dma_chan_write(void *opaque, uint32_t nport, uint32_t data, unsigned size)
{
    DmaCtl *d = opaque;
    int iport = (nport >> d->dshift) & 0x0f, ichan = iport >> 1, nreg = iport & 1;
    DmaRegs *r = &d->regs[ichan];
    if (dma_getff(d)) {
        r->base[nreg] = (uint16_t)((r->base[nreg] & 0xff) | (data << 8 & 0xff00));
        dma_init_chan(d, ichan);
    } else {
        r->base[nreg] = (uint16_t)((r->base[nreg] & 0xff00) | (data & 0xff));
    }
}

static void dma_cont_write(void *opaque, uint32_t nport, uint32_t data, unsigned size)
{
    DmaCtl *d = opaque;
    int iport = (nport >> d->dshift) & 0x07, ichan;
    switch (iport) {
    case 0:   /* command */
        if (data != 0 && (data & DMA_CMD_NOT_SUPPORTED)) {
            trace(TRACE_DEV, "dma: command %#x not supported", data);
            return;
        }
        d->command = (uint8_t)data;
        break;
    case 1:   /* request */
        ichan = data & 3;
        if (data & 4)
            d->status |= 1 << (ichan + 4);
        else
            d->status &= ~(1 << (ichan + 4));
        d->status &= ~(1 << ichan);
        dma_ctl_run(d);
        break;
    case 2:   /* single mask */
        if (data & 4)
            d->mask |= 1 << (data & 3);
        else
            d->mask &= ~(1 << (data & 3));
        dma_ctl_run(d);
        break;
    case 3:   /* mode */
        d->regs[data & 3].mode = (uint8_t)data;
        break;
    case 4:   /* clear flip-flop */
        d->flip_flop = 0;
        break;
    case 5:   /* master clear */
        dma_master_clear(d);
        break;
    case 6:   /* clear all masks */
        d->mask = 0;
        dma_ctl_run(d);
        break;
    default:  /* write all masks */
        d->mask = (uint8_t)data;
        dma_ctl_run(d);
        break;
    }
}

static uint32_t dma_cont_read(void *opaque, uint32_t nport, unsigned size)
{
    DmaCtl *d = opaque;
    int iport = (nport >> d->dshift) & 0x07;
    uint32_t val;
    switch (iport) {
    case 0:   /* status; terminal-count bits clear on read */
        val = d->status;
        d->status &= 0xf0;
        break;
    case 1:   /* mask, as QEMU (the 8237A has no readable mask at this port) */
        val = d->mask;
        break;
    default:
        val = 0;
        break;
    }
    return val;
}

/* Page registers: 0x81 ch2, 0x82 ch3, 0x83 ch1 (range at +1), 0x87 ch0 (range at +7). */
static const int8_t dma_page_chan[3] = { 2, 3, 1 };

static uint32_t dma_page123_read(void *opaque, uint32_t off, unsigned size)
{
    DmaCtl *d = opaque;
    return d->regs[dma_page_chan[off]].page;
}
static void dma_page123_write(void *opaque, uint32_t off, uint32_t val, unsigned size)
{
    DmaCtl *d = opaque;
    d->regs[dma_page_chan[off]].page = (uint8_t)val;
}
static uint32_t dma_page7_read(void *opaque, uint32_t off, unsigned size)
{
    DmaCtl *d = opaque;
    return d->regs[0].page;
}
static void dma_page7_write(void *opaque, uint32_t off, uint32_t val, unsigned size)
{
    DmaCtl *d = opaque;
    d->regs[0].page = (uint8_t)val;
}

/* ---- interface ---- */

static void dma_ctl_run(DmaCtl *d)
{
    if (d->running)
        return;
    d->running = true;
    for (int ichan = 0; ichan < 4; ichan++) {
        int mask = 1 << ichan;
        if (!(d->mask & mask) && (d->status & (mask << 4)) && d->regs[ichan].handler)
            dma_channel_run(d, ichan);
    }
    d->running = false;
}

void dma_run(DmaState *s)
{
    dma_ctl_run(&s->ctl[0]);
    dma_ctl_run(&s->ctl[1]);
}

void dma_register_channel(DmaState *s, int nchan, DmaTransferFn fn, void *opaque)
{
    DmaRegs *r = dma_chan(s, nchan);
    r->handler = fn;
    r->handler_opaque = opaque;
}

void dma_hold_dreq(DmaState *s, int nchan)
{
    DmaCtl *d = &s->ctl[(nchan >> 2) & 1];
    d->status |= 1 << ((nchan & 3) + 4);
    dma_ctl_run(d);
}

void dma_release_dreq(DmaState *s, int nchan)
{
    DmaCtl *d = &s->ctl[(nchan >> 2) & 1];
    d->status &= ~(1 << ((nchan & 3) + 4));
    dma_ctl_run(d);
}

bool dma_has_autoinit(const DmaState *s, int nchan)
{
    return s->ctl[(nchan >> 2) & 1].regs[nchan & 3].mode & DMA_MODE_AUTOINIT;
}

/* XXX: in decrement mode byte i of the transfer is at address - pos - i (hardware order);
 * QEMU copies the block below the address and reverses it, one byte lower. */
static void dma_copy(DmaState *s, int nchan, uint8_t *buf, int pos, int len, bool write)
{
    const DmaRegs *r = dma_chan(s, nchan);
    Bus *mem = s->ctl[(nchan >> 2) & 1].mem;
    uint32_t addr = dma_addr(r);
    if (len <= 0 || pos < 0)
        return;
    if (!(r->mode & DMA_MODE_DECREMENT)) {
        bus_mem_rw(mem, addr + (uint32_t)pos, buf, (uint32_t)len, write);
        return;
    }
    for (int i = 0; i < len; i++)
        bus_mem_rw(mem, addr - (uint32_t)pos - (uint32_t)i, buf + i, 1, write);
}

int dma_read_memory(DmaState *s, int nchan, void *buf, int pos, int len)
{
    dma_copy(s, nchan, buf, pos, len, false);
    return len;
}

int dma_write_memory(DmaState *s, int nchan, const void *buf, int pos, int len)
{
    /* bus_mem_rw takes a non-const buffer for both directions; a write only reads it */
    dma_copy(s, nchan, (uint8_t *)(uintptr_t)buf, pos, len, true);
    return len;
}

/* ---- post_load ---- */

static int dma_post_load(void *opaque, int version, Err *err)
{
    DmaCtl *d = opaque;
    if (d->flip_flop > 1)
        return ERR(err, -EINVAL, "dma: flip_flop %u is not 0 or 1", d->flip_flop);
    if (d->dshift != d->dshift_cfg)
        return ERR(err, -EINVAL, "dma: dshift %" PRId32 " but this controller has %" PRId32,
                   d->dshift, d->dshift_cfg);
    for (int i = 0; i < 4; i++) {
        const DmaRegs *r = &d->regs[i];
        /* the largest values programming can produce: a 16-bit base shifted, a full count */
        if (r->now[DMA_ADDR] < 0 || r->now[DMA_ADDR] > (0xffff << d->dshift) ||
            r->now[DMA_COUNT] < 0 || r->now[DMA_COUNT] > (0x10000 << d->dshift))
            return ERR(err, -EINVAL, "dma: channel %d address %" PRId32 " count %" PRId32
                       " out of range", i + 4 * d->dshift, r->now[DMA_ADDR], r->now[DMA_COUNT]);
    }
    return 0;
}

/* ---- init ---- */

DmaState *dma_init(Bus *io, Bus *mem)
{
    DmaState *s = xzalloc(sizeof *s);
    static const uint16_t base[2] = { 0x00, 0xc0 }, page[2] = { 0x80, 0x88 };
    for (int i = 0; i < 2; i++) {
        DmaCtl *d = &s->ctl[i];
        d->dshift = d->dshift_cfg = i;
        d->mem = mem;
        uint16_t cont = (uint16_t)(base[i] + (8u << i)), p = page[i];
        bus_map_io_named(io, "dma-chan", base[i], 8u << i, d, dma_chan_read, dma_chan_write,
                         IO_SIZE8);
        bus_map_io_named(io, "dma-cont", cont, 8u << i, d, dma_cont_read, dma_cont_write, IO_SIZE8);
        bus_map_io_named(io, "dma-page", (uint16_t)(p + 1), 3, d, dma_page123_read,
                         dma_page123_write, IO_SIZE8);
        bus_map_io_named(io, "dma-page", (uint16_t)(p + 7), 1, d, dma_page7_read, dma_page7_write,
                         IO_SIZE8);
    }
    dma_reset(s);
    return s;   /* machine.c: dma_vms for &s->ctl[0] (instance 0) and &s->ctl[1] (1) */
}

void dma_free(DmaState *s) { free(s); }
