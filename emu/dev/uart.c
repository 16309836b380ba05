/* uart.c: National Semiconductor PC16550D UART as QEMU 7.2 models it (hw/char/serial.c,
 * sections "serial" v3 around "serial" v3 with its subsections): 16-byte receive and
 * transmit FIFOs with the four trigger levels, the character-timeout interrupt, the
 * interrupt priority chain of IIR (line status, timeout, data, THR empty, modem status),
 * LSR/MSR, the divisor latch and loopback (MCR bit 4: transmitted bytes come back as
 * received, modem outputs read back on MSR).
 * Transmission is instantaneous: the Chardev contract is that output is always accepted,
 * so THR and TEMT are empty again before the OUT instruction completes, as with QEMU on a
 * non-blocking backend. Input arrives through uart_receive (uart_poll_input pulls it from
 * the Chardev). Reference: PC16550D datasheet. Not emulated: baud-rate pacing of the
 * output, break and parity errors on input, modem control lines of a host tty (MSR reads
 * CTS, DSR and DCD set), the FIFO DMA mode signals. */
#include "emu/dev/uart.h"

#include <stdlib.h>

enum {
    UART_LCR_DLAB = 0x80,
    UART_IER_MSI = 0x08, UART_IER_RLSI = 0x04, UART_IER_THRI = 0x02, UART_IER_RDI = 0x01,
    UART_IIR_NO_INT = 0x01, UART_IIR_ID = 0x06, UART_IIR_MSI = 0x00, UART_IIR_THRI = 0x02,
    UART_IIR_RDI = 0x04, UART_IIR_RLSI = 0x06, UART_IIR_CTI = 0x0c, UART_IIR_FE = 0xc0,
    UART_MCR_LOOP = 0x10, UART_MCR_OUT2 = 0x08,
    UART_MSR_DCD = 0x80, UART_MSR_DSR = 0x20, UART_MSR_CTS = 0x10, UART_MSR_ANY_DELTA = 0x0f,
    UART_LSR_TEMT = 0x40, UART_LSR_THRE = 0x20, UART_LSR_BI = 0x10, UART_LSR_OE = 0x02,
    UART_LSR_DR = 0x01, UART_LSR_INT_ANY = 0x1e,
    UART_FCR_ITL_MASK = 0xc0, UART_FCR_XFR = 0x04, UART_FCR_RFR = 0x02, UART_FCR_FE = 0x01,
    UART_FCR_STICKY = 0xc9,
};
#define UART_BAUDBASE 115200
#define UART_NS_PER_SEC 1000000000ll

static int uart_pre_save(void *opaque, Err *err);
static int uart_pre_load(void *opaque, Err *err);
static int uart_post_load(void *opaque, int version, Err *err);
static bool uart_thr_ipending_needed(void *opaque);
static bool uart_tsr_needed(void *opaque);
static bool uart_recv_fifo_needed(void *opaque);
static bool uart_xmit_fifo_needed(void *opaque);
static bool uart_fifo_timeout_needed(void *opaque);
static bool uart_timeout_ipending_needed(void *opaque);
static bool uart_poll_needed(void *opaque);

static const VmsDesc uart_fifo_vms = {
    .name = "Fifo8", .version = 1, .min_version = 1,
    .fields = (const VmsField[]){
        VMS_BUFFER(UartFifo, data),
        VMS_UINT32(UartFifo, head),
        VMS_UINT32(UartFifo, num),
        VMS_END,
    },
};

static const VmsDesc uart_thr_ipending_vms = {
    .name = "serial/thr_ipending", .version = 1, .min_version = 1, .needed = uart_thr_ipending_needed,
    .fields = (const VmsField[]){ VMS_INT32(UartState, thr_ipending), VMS_END },
};
static const VmsDesc uart_tsr_vms = {
    .name = "serial/tsr", .version = 1, .min_version = 1, .needed = uart_tsr_needed,
    .fields = (const VmsField[]){
        VMS_UINT32(UartState, tsr_retry), VMS_UINT8(UartState, thr), VMS_UINT8(UartState, tsr),
        VMS_END,
    },
};
static const VmsDesc uart_recv_fifo_vms = {
    .name = "serial/recv_fifo", .version = 1, .min_version = 1, .needed = uart_recv_fifo_needed,
    .fields = (const VmsField[]){
        VMSN_STRUCT_V("recv_fifo", UartState, recv_fifo, UartFifo, &uart_fifo_vms, 1), VMS_END,
    },
};
static const VmsDesc uart_xmit_fifo_vms = {
    .name = "serial/xmit_fifo", .version = 1, .min_version = 1, .needed = uart_xmit_fifo_needed,
    .fields = (const VmsField[]){
        VMSN_STRUCT_V("xmit_fifo", UartState, xmit_fifo, UartFifo, &uart_fifo_vms, 1), VMS_END,
    },
};
static const VmsDesc uart_fifo_timeout_vms = {
    .name = "serial/fifo_timeout_timer", .version = 1, .min_version = 1,
    .needed = uart_fifo_timeout_needed,
    .fields = (const VmsField[]){ VMS_TIMER(UartState, fifo_timeout_timer), VMS_END },
};
static const VmsDesc uart_timeout_ipending_vms = {
    .name = "serial/timeout_ipending", .version = 1, .min_version = 1,
    .needed = uart_timeout_ipending_needed,
    .fields = (const VmsField[]){ VMS_INT32(UartState, timeout_ipending), VMS_END },
};
static const VmsDesc uart_poll_vms = {
    .name = "serial/poll", .version = 1, .min_version = 1, .needed = uart_poll_needed,
    .fields = (const VmsField[]){
        VMS_INT32(UartState, poll_msl), VMS_TIMER(UartState, modem_status_poll), VMS_END,
    },
};

/* XXX: QEMU 7.2 also accepts version 2 (no fcr_vmstate); pcemu only the layout it writes. */
const VmsDesc uart_vms = {
    .name = "serial", .version = 3, .min_version = 3,
    .pre_save = uart_pre_save, .pre_load = uart_pre_load, .post_load = uart_post_load,
    .fields = (const VmsField[]){
        VMS_UINT16(UartState, divider),
        VMS_UINT8(UartState, rbr),
        VMS_UINT8(UartState, ier),
        VMS_UINT8(UartState, iir),
        VMS_UINT8(UartState, lcr),
        VMS_UINT8(UartState, mcr),
        VMS_UINT8(UartState, lsr),
        VMS_UINT8(UartState, msr),
        VMS_UINT8(UartState, scr),
        VMS_UINT8(UartState, fcr_vmstate),
        VMS_END,
    },
    .subsections = (const VmsDesc *const[]){
        &uart_thr_ipending_vms, &uart_tsr_vms, &uart_recv_fifo_vms, &uart_xmit_fifo_vms,
        &uart_fifo_timeout_vms, &uart_timeout_ipending_vms, &uart_poll_vms, NULL,
    },
};

const VmsDesc uart_isa_vms = {
    .name = "serial", .version = 3, .min_version = 3,
    .fields = (const VmsField[]){ VMS_STRUCT(UartIsa, state, UartState, &uart_vms), VMS_END },
};

/* ---- reset ---- */

static void uart_update_irq(UartState *s);

void uart_reset(UartState *s)
{
    s->rbr = 0;
    s->ier = 0;
    s->iir = UART_IIR_NO_INT;
    s->lcr = 0;
    s->lsr = UART_LSR_TEMT | UART_LSR_THRE;
    s->msr = UART_MSR_DCD | UART_MSR_DSR | UART_MSR_CTS;
    s->divider = 0x0c;   /* 9600 baud, 8N1 */
    s->mcr = UART_MCR_OUT2;
    s->scr = 0;
    s->fcr = 0;
    s->fcr_vmstate = 0;
    s->thr = 0;
    s->tsr = 0;
    s->tsr_retry = 0;
    s->char_transmit_time = UART_NS_PER_SEC / 9600 * 10;
    s->poll_msl = -1;   /* no host modem lines to poll (QEMU: chardev without TIOCMGET) */
    s->timeout_ipending = 0;
    timer_del(&s->fifo_timeout_timer);
    timer_del(&s->modem_status_poll);
    s->recv_fifo = (UartFifo){ 0 };
    s->xmit_fifo = (UartFifo){ 0 };
    s->recv_fifo_itl = 1;
    s->thr_ipending = 0;
    irq_lower(s->irq);
}

/* ---- helpers ---- */

static bool uart_fifo_full(const UartFifo *f) { return f->num == UART_FIFO_LENGTH; }

static void uart_fifo_push(UartFifo *f, uint8_t b)
{
    f->data[(f->head + f->num) % UART_FIFO_LENGTH] = b;
    f->num++;
}

static uint8_t uart_fifo_pop(UartFifo *f)
{
    uint8_t b = f->data[f->head];
    f->head = (f->head + 1) % UART_FIFO_LENGTH;
    f->num--;
    return b;
}

/* IIR from the highest-priority pending condition; IRQ follows. */
static void uart_update_irq(UartState *s)
{
    uint8_t id = UART_IIR_NO_INT;
    if ((s->ier & UART_IER_RLSI) && (s->lsr & UART_LSR_INT_ANY))
        id = UART_IIR_RLSI;
    else if ((s->ier & UART_IER_RDI) && s->timeout_ipending)
        id = UART_IIR_CTI;   /* masked by IER.RDI as on real parts (QEMU's observation) */
    else if ((s->ier & UART_IER_RDI) && (s->lsr & UART_LSR_DR) &&
             (!(s->fcr & UART_FCR_FE) || s->recv_fifo.num >= s->recv_fifo_itl))
        id = UART_IIR_RDI;
    else if ((s->ier & UART_IER_THRI) && s->thr_ipending)
        id = UART_IIR_THRI;
    else if ((s->ier & UART_IER_MSI) && (s->msr & UART_MSR_ANY_DELTA))
        id = UART_IIR_MSI;
    s->iir = id | (s->iir & 0xf0);
    irq_set(s->irq, id != UART_IIR_NO_INT);
}

static void uart_update_parameters(UartState *s)
{
    int frame = 1 + ((s->lcr & 0x08) ? 1 : 0) + (s->lcr & 0x03) + 5 + ((s->lcr & 0x04) ? 2 : 1);
    /* In single precision as QEMU computes it, so timeout deadlines match its streams;
     * divider 0 gives about 3500 baud. */
    float speed = s->divider ? (float)UART_BAUDBASE / s->divider : 3500.0f;
    s->char_transmit_time = (int64_t)(((float)UART_NS_PER_SEC / speed) * (float)frame);
}

static void uart_write_fcr(UartState *s, uint8_t val)
{
    s->fcr = val;
    if (val & UART_FCR_FE) {
        s->iir |= UART_IIR_FE;
        static const uint8_t itl[4] = { 1, 4, 8, 14 };
        s->recv_fifo_itl = itl[(val & UART_FCR_ITL_MASK) >> 6];
    } else {
        s->iir &= ~UART_IIR_FE;
    }
}

static void uart_receive1(UartState *s, uint8_t b)
{
    if (s->fcr & UART_FCR_FE) {
        if (!uart_fifo_full(&s->recv_fifo))
            uart_fifo_push(&s->recv_fifo, b);
        else
            s->lsr |= UART_LSR_OE;   /* receive overruns do not overwrite the FIFO */
        s->lsr |= UART_LSR_DR;
        timer_mod(&s->fifo_timeout_timer, clock_ns(s->clock) + s->char_transmit_time * 4);
    } else {
        if (s->lsr & UART_LSR_DR)
            s->lsr |= UART_LSR_OE;
        s->rbr = b;
        s->lsr |= UART_LSR_DR;
    }
    uart_update_irq(s);
}

/* Move THR or the transmit FIFO through TSR to the Chardev (or back in, in loopback)
 * until nothing is left; then THRE and TEMT are set. */
static void uart_xmit(UartState *s)
{
    do {
        if (s->fcr & UART_FCR_FE) {
            s->tsr = s->xmit_fifo.num ? uart_fifo_pop(&s->xmit_fifo) : 0;
            if (!s->xmit_fifo.num)
                s->lsr |= UART_LSR_THRE;
        } else {
            s->tsr = s->thr;
            s->lsr |= UART_LSR_THRE;
        }
        if ((s->lsr & UART_LSR_THRE) && !s->thr_ipending) {
            s->thr_ipending = 1;
            uart_update_irq(s);
        }
        if (s->mcr & UART_MCR_LOOP)
            uart_receive1(s, s->tsr);
        else
            chardev_write(s->chr, &s->tsr, 1);
    } while (!(s->lsr & UART_LSR_THRE));
    s->tsr_retry = 0;
    s->lsr |= UART_LSR_TEMT;
}

static void uart_fifo_timeout_cb(void *opaque)
{
    UartState *s = opaque;
    if (s->recv_fifo.num) {
        s->timeout_ipending = 1;
        uart_update_irq(s);
    }
}

/* Host modem lines are never polled here; a loaded QEMU poll deadline just lapses. */
static void uart_modem_poll_cb(void *opaque)
{
    UartState *s = opaque;
    s->poll_msl = -1;
}

/* ---- I/O handlers ---- */

static void uart_io_write(void *opaque, uint32_t off, uint32_t val, unsigned size)
{
    UartState *s = opaque;
    uint8_t v = (uint8_t)val, changed;
    switch (off) {
    case 0:
        if (s->lcr & UART_LCR_DLAB) {
            s->divider = (s->divider & 0xff00) | v;
            uart_update_parameters(s);
            break;
        }
        s->thr = v;
        if (s->fcr & UART_FCR_FE) {
            if (uart_fifo_full(&s->xmit_fifo))   /* transmit overruns overwrite */
                uart_fifo_pop(&s->xmit_fifo);
            uart_fifo_push(&s->xmit_fifo, v);
        }
        s->thr_ipending = 0;
        s->lsr &= ~(UART_LSR_THRE | UART_LSR_TEMT);
        uart_update_irq(s);
        uart_xmit(s);
        break;
    case 1:
        if (s->lcr & UART_LCR_DLAB) {
            s->divider = (uint16_t)((s->divider & 0x00ff) | v << 8);
            uart_update_parameters(s);
            break;
        }
        changed = (s->ier ^ v) & 0x0f;
        s->ier = v & 0x0f;
        /* Enabling THRI with THR empty raises the interrupt again (Windows relies on it);
         * with THRI off, thr_ipending is unused and kept 0 so it is not saved. */
        if (changed & UART_IER_THRI)
            s->thr_ipending = (s->ier & UART_IER_THRI) && (s->lsr & UART_LSR_THRE);
        if (changed)
            uart_update_irq(s);
        break;
    case 2:
        if ((v ^ s->fcr) & UART_FCR_FE)   /* toggling FE flushes both FIFOs */
            v |= UART_FCR_XFR | UART_FCR_RFR;
        if (v & UART_FCR_RFR) {
            s->lsr &= ~(UART_LSR_DR | UART_LSR_BI);
            timer_del(&s->fifo_timeout_timer);
            s->timeout_ipending = 0;
            s->recv_fifo.head = s->recv_fifo.num = 0;
        }
        if (v & UART_FCR_XFR) {
            s->lsr |= UART_LSR_THRE;
            s->thr_ipending = 1;
            s->xmit_fifo.head = s->xmit_fifo.num = 0;
        }
        uart_write_fcr(s, v & UART_FCR_STICKY);
        uart_update_irq(s);
        break;
    case 3:
        s->lcr = v;
        uart_update_parameters(s);
        break;
    case 4:
        s->mcr = v & 0x1f;
        break;
    case 7:
        s->scr = v;
        break;
    default:   /* LSR and MSR are read-only */
        trace(TRACE_DEV, "uart: write %#x to read-only register %u", v, off);
        break;
    }
}

static uint32_t uart_io_read(void *opaque, uint32_t off, unsigned size)
{
    UartState *s = opaque;
    uint32_t ret = 0;
    switch (off) {
    case 0:
        if (s->lcr & UART_LCR_DLAB)
            return s->divider & 0xff;
        if (s->fcr & UART_FCR_FE) {
            ret = s->recv_fifo.num ? uart_fifo_pop(&s->recv_fifo) : 0;
            if (s->recv_fifo.num == 0)
                s->lsr &= ~(UART_LSR_DR | UART_LSR_BI);
            else
                timer_mod(&s->fifo_timeout_timer, clock_ns(s->clock) + s->char_transmit_time * 4);
            s->timeout_ipending = 0;
        } else {
            ret = s->rbr;
            s->lsr &= ~(UART_LSR_DR | UART_LSR_BI);
        }
        uart_update_irq(s);
        break;
    case 1:
        ret = (s->lcr & UART_LCR_DLAB) ? (uint32_t)(s->divider >> 8) : s->ier;
        break;
    case 2:
        ret = s->iir;
        if ((ret & UART_IIR_ID) == UART_IIR_THRI) {   /* reading IIR acknowledges THRE */
            s->thr_ipending = 0;
            uart_update_irq(s);
        }
        break;
    case 3:
        ret = s->lcr;
        break;
    case 4:
        ret = s->mcr;
        break;
    case 5:
        ret = s->lsr;
        if (s->lsr & (UART_LSR_BI | UART_LSR_OE)) {   /* reading LSR clears BI and OE */
            s->lsr &= ~(UART_LSR_BI | UART_LSR_OE);
            uart_update_irq(s);
        }
        break;
    case 6:
        if (s->mcr & UART_MCR_LOOP) {
            /* loopback: RTS->CTS, DTR->DSR, OUT1->RI, OUT2->DCD */
            ret = (s->mcr & 0x0c) << 4 | (s->mcr & 0x02) << 3 | (s->mcr & 0x01) << 5;
        } else {
            ret = s->msr;
            if (s->msr & UART_MSR_ANY_DELTA) {
                s->msr &= 0xf0;
                uart_update_irq(s);
            }
        }
        break;
    default:
        ret = s->scr;
        break;
    }
    return ret;
}

/* ---- interface ---- */

size_t uart_can_receive(const UartState *s)
{
    if (s->mcr & UART_MCR_LOOP)
        return 0;   /* in loopback the receiver hears only the transmitter */
    if (s->fcr & UART_FCR_FE) {
        if (s->recv_fifo.num >= UART_FIFO_LENGTH)
            return 0;
        /* offer up to the trigger level, then one at a time, so the guest sees the ITL */
        return s->recv_fifo.num <= s->recv_fifo_itl ? s->recv_fifo_itl - s->recv_fifo.num : 1;
    }
    return !(s->lsr & UART_LSR_DR);
}

void uart_receive(UartState *s, const uint8_t *buf, size_t len)
{
    for (size_t i = 0; i < len; i++)   /* more than can_receive() overruns, as on hardware */
        uart_receive1(s, buf[i]);
}

size_t uart_poll_input(UartState *s)
{
    size_t n = uart_can_receive(s);
    uint8_t buf[UART_FIFO_LENGTH];
    if (!n || !s->chr || !s->chr->read)
        return 0;
    n = s->chr->read(s->chr->opaque, buf, MIN(n, sizeof buf));
    if (n)
        uart_receive(s, buf, n);
    return n;
}

/* ---- pre_save, pre_load, post_load ---- */

static bool uart_thr_ipending_needed(void *opaque)
{
    const UartState *s = opaque;
    if (!(s->ier & UART_IER_THRI))
        return false;
    return s->thr_ipending != ((s->iir & UART_IIR_ID) == UART_IIR_THRI);
}
static bool uart_tsr_needed(void *opaque) { return ((UartState *)opaque)->tsr_retry != 0; }
static bool uart_recv_fifo_needed(void *opaque) { return ((UartState *)opaque)->recv_fifo.num != 0; }
static bool uart_xmit_fifo_needed(void *opaque) { return ((UartState *)opaque)->xmit_fifo.num != 0; }
static bool uart_fifo_timeout_needed(void *opaque)
{
    return timer_pending(&((UartState *)opaque)->fifo_timeout_timer);
}
static bool uart_timeout_ipending_needed(void *opaque)
{
    return ((UartState *)opaque)->timeout_ipending != 0;
}
static bool uart_poll_needed(void *opaque) { return ((UartState *)opaque)->poll_msl >= 0; }

static int uart_pre_save(void *opaque, Err *err)
{
    UartState *s = opaque;
    s->fcr_vmstate = s->fcr;
    return 0;
}

/* Absent subsections mean: derive thr_ipending, no modem polling, empty FIFOs. */
static int uart_pre_load(void *opaque, Err *err)
{
    UartState *s = opaque;
    s->thr_ipending = -1;
    s->poll_msl = -1;
    s->tsr_retry = 0;
    s->timeout_ipending = 0;
    s->recv_fifo = (UartFifo){ 0 };
    s->xmit_fifo = (UartFifo){ 0 };
    timer_del(&s->fifo_timeout_timer);
    timer_del(&s->modem_status_poll);
    return 0;
}

static int uart_post_load(void *opaque, int version, Err *err)
{
    UartState *s = opaque;
    const UartFifo *f[2] = { &s->recv_fifo, &s->xmit_fifo };
    for (int i = 0; i < 2; i++)
        if (f[i]->head >= UART_FIFO_LENGTH || f[i]->num > UART_FIFO_LENGTH)
            return ERR(err, -EINVAL, "serial: %s_fifo head %" PRIu32 " num %" PRIu32 " out of range",
                       i ? "xmit" : "recv", f[i]->head, f[i]->num);
    if (s->thr_ipending == -1)
        s->thr_ipending = (s->iir & UART_IIR_ID) == UART_IIR_THRI;
    if (s->thr_ipending != 0 && s->thr_ipending != 1)
        return ERR(err, -EINVAL, "serial: thr_ipending %" PRId32, s->thr_ipending);
    if (s->tsr_retry > 0 ? (s->lsr & UART_LSR_TEMT) != 0 : !(s->lsr & UART_LSR_TEMT))
        return ERR(err, -EINVAL, "serial: inconsistent state (tsr_retry %" PRIu32 ", lsr %#x)",
                   s->tsr_retry, s->lsr);
    if (s->tsr_retry > 0) {
        /* QEMU's backend refused a byte; ours never does. XXX: the pending byte in tsr
         * is dropped instead of retried; transmission restarts from THR/FIFO. */
        s->tsr_retry = 0;
        s->lsr |= UART_LSR_TEMT;
    }
    if (s->poll_msl >= 0) {   /* QEMU polled a host tty's lines; there is none here */
        s->poll_msl = -1;
        timer_del(&s->modem_status_poll);
    }
    s->timeout_ipending = s->timeout_ipending != 0;
    uart_write_fcr(s, s->fcr_vmstate);
    uart_update_parameters(s);
    return 0;
}

/* ---- init ---- */

UartState *uart_init(Bus *io, uint16_t base, const IrqLine *irq, Clock *clock, const Chardev *chr)
{
    UartIsa *isa = xzalloc(sizeof *isa);
    UartState *s = &isa->state;
    s->irq = irq;
    s->clock = clock;
    s->chr = chr;
    timer_init(&s->fifo_timeout_timer, clock, uart_fifo_timeout_cb, s);
    timer_init(&s->modem_status_poll, clock, uart_modem_poll_cb, s);
    bus_map_io_named(io, "serial", base, 8, s, uart_io_read, uart_io_write, IO_SIZE8);
    uart_reset(s);
    return s;   /* machine.c: uart_isa_vms for s, instance 0 */
}

void uart_free(UartState *s) { free((UartIsa *)s); }
