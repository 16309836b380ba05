/* kbc.c: Intel 8042 keyboard controller at 0x60 (data) and 0x64 (status/command) with a
 * PS/2 keyboard on its first port (IRQ 1) and a PS/2 mouse on the auxiliary port
 * (IRQ 12). Behaviour and saved state follow QEMU 7.2 hw/input/pckbd.c (extended state
 * on, no throttle timer: sections "pckbd" v3 with "pckbd_outport" and
 * "pckbd/extended_state") and hw/input/ps2.c ("ps2kbd" v3, "ps2mouse" v2).
 *
 * Data path: each PS/2 device queues bytes in its 256-byte ring (at most 16 scan-code or
 * packet bytes; keyboard command replies are inserted ahead of them). A device with data
 * sets its bit in ctl.pending; whenever the output buffer is empty the controller takes
 * the first pending source in the order controller reply, keyboard, mouse
 * (kbc_update_irq), sets OBF (and AUX OBF for mouse data) and raises IRQ 1 or 12 per the
 * command byte. Reading port 0x60 takes the byte from its source (kbc_read_data).
 * Controller commands answered: 20/60 command byte, A7/A8/A9 aux disable/enable/test,
 * AA self-test (0x55), AB keyboard test (0x00), AD/AE keyboard disable/enable, C0 input
 * port, D0/D1 output port, D2/D3 write output buffer, D4 write to mouse, DD/DF A20,
 * F0-FF pulse (FE = reset). Keyboard: reset (FA AA), F5/F4 scanning, F0 scan-code set,
 * F2 identify, ED LEDs, F3 rate, EE echo. Mouse: the standard PS/2 command set with
 * IntelliMouse detection.
 * Reference: IBM PS/2 Hardware Interface Technical Reference (8042, keyboard, mouse).
 * Not emulated: host key and mouse input translation (kbc_put_kbd_bytes takes finished
 * scan-code bytes), typematic repeat, the 8042 password and test-input commands. */
#include "emu/dev/kbc.h"

#include <stdlib.h>

enum {
    KBC_CCMD_READ_MODE = 0x20, KBC_CCMD_WRITE_MODE = 0x60, KBC_CCMD_MOUSE_DISABLE = 0xa7,
    KBC_CCMD_MOUSE_ENABLE = 0xa8, KBC_CCMD_TEST_MOUSE = 0xa9, KBC_CCMD_SELF_TEST = 0xaa,
    KBC_CCMD_KBD_TEST = 0xab, KBC_CCMD_KBD_DISABLE = 0xad, KBC_CCMD_KBD_ENABLE = 0xae,
    KBC_CCMD_READ_INPORT = 0xc0, KBC_CCMD_READ_OUTPORT = 0xd0, KBC_CCMD_WRITE_OUTPORT = 0xd1,
    KBC_CCMD_WRITE_OBUF = 0xd2, KBC_CCMD_WRITE_AUX_OBUF = 0xd3, KBC_CCMD_WRITE_MOUSE = 0xd4,
    KBC_CCMD_DISABLE_A20 = 0xdd, KBC_CCMD_ENABLE_A20 = 0xdf, KBC_CCMD_PULSE_BITS_3_0 = 0xf0,
    KBC_CCMD_RESET = 0xfe, KBC_CCMD_NO_OP = 0xff,

    KBC_STAT_OBF = 0x01, KBC_STAT_SELFTEST = 0x04, KBC_STAT_CMD = 0x08,
    KBC_STAT_UNLOCKED = 0x10, KBC_STAT_MOUSE_OBF = 0x20,

    KBC_MODE_KBD_INT = 0x01, KBC_MODE_MOUSE_INT = 0x02, KBC_MODE_DISABLE_KBD = 0x10,
    KBC_MODE_DISABLE_MOUSE = 0x20, KBC_MODE_KCC = 0x40,

    KBC_OUT_RESET = 0x01, KBC_OUT_A20 = 0x02, KBC_OUT_OBF = 0x10, KBC_OUT_MOUSE_OBF = 0x20,
    KBC_OUT_ONES = 0xcc,          /* unused output-port lines read 1 (QEMU 7.2, hardware) */

    KBC_PENDING_KBD_COMPAT = 0x01, KBC_PENDING_AUX_COMPAT = 0x02,
    KBC_PENDING_CTRL_KBD = 0x04, KBC_PENDING_CTRL_AUX = 0x08,
    KBC_PENDING_KBD = KBC_MODE_DISABLE_KBD, KBC_PENDING_AUX = KBC_MODE_DISABLE_MOUSE,

    KBC_OBSRC_KBD = 0x01, KBC_OBSRC_MOUSE = 0x02, KBC_OBSRC_CTRL = 0x04,

    KBD_CMD_SET_LEDS = 0xed, KBD_CMD_ECHO = 0xee, KBD_CMD_SCANCODE = 0xf0,
    KBD_CMD_GET_ID = 0xf2, KBD_CMD_SET_RATE = 0xf3, KBD_CMD_ENABLE = 0xf4,
    KBD_CMD_RESET_DISABLE = 0xf5, KBD_CMD_RESET_ENABLE = 0xf6, KBD_CMD_SET_TYPEMATIC = 0xfa,
    KBD_CMD_SET_MAKE_BREAK = 0xfc, KBD_CMD_RESET = 0xff,
    KBD_REPLY_POR = 0xaa, KBD_REPLY_ID = 0xab, KBD_REPLY_ACK = 0xfa, KBD_REPLY_RESEND = 0xfe,

    AUX_SET_SCALE11 = 0xe6, AUX_SET_SCALE21 = 0xe7, AUX_SET_RES = 0xe8, AUX_GET_SCALE = 0xe9,
    AUX_SET_STREAM = 0xea, AUX_POLL = 0xeb, AUX_RESET_WRAP = 0xec, AUX_SET_WRAP = 0xee,
    AUX_SET_REMOTE = 0xf0, AUX_GET_TYPE = 0xf2, AUX_SET_SAMPLE = 0xf3, AUX_ENABLE_DEV = 0xf4,
    AUX_DISABLE_DEV = 0xf5, AUX_SET_DEFAULT = 0xf6, AUX_RESET = 0xff, AUX_ACK = 0xfa,

    MOUSE_STATUS_REMOTE = 0x40, MOUSE_STATUS_ENABLED = 0x20, MOUSE_STATUS_SCALE21 = 0x10,

    KBC_PS2_QUEUE_SIZE = 16,      /* scan-code bytes the PS/2 protocol buffers */
    KBC_PS2_QUEUE_HEADROOM = 8,   /* room for command replies on top */
};

static int kbc_ctl_pre_save(void *opaque, Err *err);
static int kbc_ctl_pre_load(void *opaque, Err *err);
static int kbc_ctl_post_load(void *opaque, int version, Err *err);
static bool kbc_outport_needed(void *opaque);
static int kbc_outport_post_load(void *opaque, int version, Err *err);
static bool kbc_extended_needed(void *opaque);
static int kbc_extended_post_load(void *opaque, int version, Err *err);
static int kbc_kbd_pre_load(void *opaque, Err *err);
static int kbc_kbd_post_load(void *opaque, int version, Err *err);
static bool kbc_kbd_ledstate_needed(void *opaque);
static bool kbc_kbd_high_bit_needed(void *opaque);
static bool kbc_kbd_cqueue_needed(void *opaque);
static int kbc_mouse_pre_load(void *opaque, Err *err);
static int kbc_mouse_post_load(void *opaque, int version, Err *err);

static const VmsDesc kbc_outport_vms = {
    .name = "pckbd_outport", .version = 1, .min_version = 1,
    .needed = kbc_outport_needed, .post_load = kbc_outport_post_load,
    .fields = (const VmsField[]){ VMS_UINT8(KbcCtl, outport), VMS_END },
};

static const VmsDesc kbc_extended_vms = {
    .name = "pckbd/extended_state", .version = 0, .min_version = 0,
    .needed = kbc_extended_needed, .post_load = kbc_extended_post_load,
    .fields = (const VmsField[]){
        VMS_UINT32(KbcCtl, migration_flags),
        VMS_UINT32(KbcCtl, obsrc),
        VMS_UINT8(KbcCtl, obdata),
        VMS_UINT8(KbcCtl, cbdata),
        VMS_END,
    },
};

static const VmsDesc kbc_ctl_vms = {
    .name = "pckbd", .version = 3, .min_version = 3,
    .pre_save = kbc_ctl_pre_save, .pre_load = kbc_ctl_pre_load, .post_load = kbc_ctl_post_load,
    .fields = (const VmsField[]){
        VMS_UINT8(KbcCtl, write_cmd),
        VMS_UINT8(KbcCtl, status),
        VMS_UINT8(KbcCtl, mode),
        VMS_UINT8(KbcCtl, pending_tmp),
        VMS_END,
    },
    .subsections = (const VmsDesc *const[]){ &kbc_outport_vms, &kbc_extended_vms, NULL },
};

const VmsDesc kbc_vms = {
    .name = "pckbd", .version = 3, .min_version = 3,
    .fields = (const VmsField[]){ VMSN_STRUCT("kbd", KbcState, ctl, KbcCtl, &kbc_ctl_vms), VMS_END },
};

static const VmsDesc kbc_ps2_vms = {
    .name = "PS2 Common State", .version = 3, .min_version = 2,
    .fields = (const VmsField[]){
        VMS_INT32(KbcPs2, write_cmd),
        VMSN_INT32("queue.rptr", KbcPs2, rptr),
        VMSN_INT32("queue.wptr", KbcPs2, wptr),
        VMSN_INT32("queue.count", KbcPs2, count),
        VMSN_BUFFER("queue.data", KbcPs2, data),
        VMS_END,
    },
};

static const VmsDesc kbc_kbd_ledstate_vms = {
    .name = "ps2kbd/ledstate", .version = 3, .min_version = 2, .needed = kbc_kbd_ledstate_needed,
    .fields = (const VmsField[]){ VMS_INT32(KbcKbd, ledstate), VMS_END },
};
static const VmsDesc kbc_kbd_high_bit_vms = {
    .name = "ps2kbd/need_high_bit", .version = 1, .min_version = 1,
    .needed = kbc_kbd_high_bit_needed,
    .fields = (const VmsField[]){ VMS_BOOL(KbcKbd, need_high_bit), VMS_END },
};
static const VmsDesc kbc_kbd_cqueue_vms = {
    .name = "ps2kbd/command_reply_queue", .version = 0, .min_version = 0,
    .needed = kbc_kbd_cqueue_needed,
    .fields = (const VmsField[]){ VMSN_INT32("parent_obj.queue.cwptr", KbcKbd, ps2.cwptr), VMS_END },
};

/* XXX: QEMU 7.2 accepts ps2kbd version 2 (scancode_set absent, then 2); pcemu does not. */
const VmsDesc kbc_kbd_vms = {
    .name = "ps2kbd", .version = 3, .min_version = 3,
    .pre_load = kbc_kbd_pre_load, .post_load = kbc_kbd_post_load,
    .fields = (const VmsField[]){
        VMSN_STRUCT("parent_obj", KbcKbd, ps2, KbcPs2, &kbc_ps2_vms),
        VMS_INT32(KbcKbd, scan_enabled),
        VMS_INT32(KbcKbd, translate),
        VMS_INT32(KbcKbd, scancode_set),
        VMS_END,
    },
    .subsections = (const VmsDesc *const[]){
        &kbc_kbd_ledstate_vms, &kbc_kbd_high_bit_vms, &kbc_kbd_cqueue_vms, NULL,
    },
};

const VmsDesc kbc_mouse_vms = {
    .name = "ps2mouse", .version = 2, .min_version = 2,
    .pre_load = kbc_mouse_pre_load, .post_load = kbc_mouse_post_load,
    .fields = (const VmsField[]){
        VMSN_STRUCT("parent_obj", KbcMouse, ps2, KbcPs2, &kbc_ps2_vms),
        VMS_UINT8(KbcMouse, mouse_status),
        VMS_UINT8(KbcMouse, mouse_resolution),
        VMS_UINT8(KbcMouse, mouse_sample_rate),
        VMS_UINT8(KbcMouse, mouse_wrap),
        VMS_UINT8(KbcMouse, mouse_type),
        VMS_UINT8(KbcMouse, mouse_detect_state),
        VMS_INT32(KbcMouse, mouse_dx),
        VMS_INT32(KbcMouse, mouse_dy),
        VMS_INT32(KbcMouse, mouse_dz),
        VMS_UINT8(KbcMouse, mouse_buttons),
        VMS_END,
    },
};

/* ---- reset ---- */

static void kbc_deassert_irq(KbcState *s);

static void kbc_ps2_reset_queue(KbcPs2 *q)
{
    q->rptr = 0;
    q->wptr = 0;
    q->cwptr = -1;
    q->count = 0;
}

void kbc_reset(KbcState *s)
{
    KbcCtl *c = &s->ctl;
    c->write_cmd = 0;
    c->mode = KBC_MODE_KBD_INT | KBC_MODE_MOUSE_INT;
    c->status = KBC_STAT_CMD | KBC_STAT_UNLOCKED;
    c->outport = KBC_OUT_RESET | KBC_OUT_A20 | KBC_OUT_ONES;
    c->pending = 0;
    c->pending_tmp = 0;
    c->migration_flags = 0;
    kbc_deassert_irq(s);

    KbcKbd *k = &s->kbd;
    k->ps2.write_cmd = -1;
    kbc_ps2_reset_queue(&k->ps2);
    k->scan_enabled = 1;
    k->translate = 0;
    k->scancode_set = 2;
    k->ledstate = 0;
    k->need_high_bit = false;

    KbcMouse *m = &s->mouse;
    m->ps2.write_cmd = -1;
    kbc_ps2_reset_queue(&m->ps2);
    m->mouse_status = 0;
    m->mouse_resolution = 0;
    m->mouse_sample_rate = 0;
    m->mouse_wrap = 0;
    m->mouse_type = 0;
    m->mouse_detect_state = 0;
    m->mouse_dx = m->mouse_dy = m->mouse_dz = 0;
    m->mouse_buttons = 0;
}

/* ---- helpers: controller ---- */

/* IRQ 1 / 12 from OBF, AUX OBF and the command byte. */
static void kbc_update_irq_lines(KbcState *s)
{
    const KbcCtl *c = &s->ctl;
    int irq_kbd = 0, irq_mouse = 0;
    if (c->status & KBC_STAT_OBF) {
        if (c->status & KBC_STAT_MOUSE_OBF)
            irq_mouse = (c->mode & KBC_MODE_MOUSE_INT) != 0;
        else
            irq_kbd = (c->mode & KBC_MODE_KBD_INT) && !(c->mode & KBC_MODE_DISABLE_KBD);
    }
    irq_set(s->irq_kbd, irq_kbd);
    irq_set(s->irq_mouse, irq_mouse);
}

static void kbc_deassert_irq(KbcState *s)
{
    s->ctl.status &= ~(KBC_STAT_OBF | KBC_STAT_MOUSE_OBF);
    s->ctl.outport &= ~(KBC_OUT_OBF | KBC_OUT_MOUSE_OBF);
    kbc_update_irq_lines(s);
}

/* Pending sources whose port is not disabled in the command byte. */
static uint8_t kbc_pending(const KbcCtl *c)
{
    return c->pending & (~c->mode | ~(KBC_PENDING_KBD | KBC_PENDING_AUX));
}

/* Load the output buffer from the first pending source (reply, keyboard, mouse). */
static void kbc_update_irq(KbcState *s)
{
    KbcCtl *c = &s->ctl;
    uint8_t pending = kbc_pending(c);
    c->status &= ~(KBC_STAT_OBF | KBC_STAT_MOUSE_OBF);
    c->outport &= ~(KBC_OUT_OBF | KBC_OUT_MOUSE_OBF);
    if (pending) {
        c->status |= KBC_STAT_OBF;
        c->outport |= KBC_OUT_OBF;
        if (pending & KBC_PENDING_CTRL_KBD) {
            c->obsrc = KBC_OBSRC_CTRL;
        } else if (pending & KBC_PENDING_CTRL_AUX) {
            c->status |= KBC_STAT_MOUSE_OBF;
            c->outport |= KBC_OUT_MOUSE_OBF;
            c->obsrc = KBC_OBSRC_CTRL;
        } else if (pending & KBC_PENDING_KBD) {
            c->obsrc = KBC_OBSRC_KBD;
        } else {
            c->status |= KBC_STAT_MOUSE_OBF;
            c->outport |= KBC_OUT_MOUSE_OBF;
            c->obsrc = KBC_OBSRC_MOUSE;
        }
    }
    kbc_update_irq_lines(s);
}

/* Only an empty output buffer takes a new byte; a full one is reloaded on its read. */
static void kbc_safe_update_irq(KbcState *s)
{
    if (!(s->ctl.status & KBC_STAT_OBF))
        kbc_update_irq(s);
}

static void kbc_set_pending(KbcState *s, uint8_t bit, int level)
{
    if (level)
        s->ctl.pending |= bit;
    else
        s->ctl.pending &= ~bit;
    kbc_safe_update_irq(s);
}

/* A controller reply (to port 0x60), as keyboard or as aux data. */
static void kbc_queue(KbcState *s, uint8_t b, bool aux)
{
    s->ctl.cbdata = b;
    s->ctl.pending &= ~(KBC_PENDING_CTRL_KBD | KBC_PENDING_CTRL_AUX);
    s->ctl.pending |= aux ? KBC_PENDING_CTRL_AUX : KBC_PENDING_CTRL_KBD;
    kbc_safe_update_irq(s);
}

static uint8_t kbc_dequeue(KbcState *s)
{
    s->ctl.pending &= ~(KBC_PENDING_CTRL_KBD | KBC_PENDING_CTRL_AUX);
    if (kbc_pending(&s->ctl))
        kbc_update_irq(s);
    return s->ctl.cbdata;
}

static void kbc_outport_write(KbcState *s, uint8_t val)
{
    s->ctl.outport = val;
    irq_set(s->a20, (val & KBC_OUT_A20) != 0);
    if (!(val & KBC_OUT_RESET))
        irq_pulse(s->reset);
}

/* ---- helpers: PS/2 queues ---- */

static void kbc_ps2_irq(KbcState *s, KbcPs2 *q, int level)
{
    kbc_set_pending(s, q == &s->kbd.ps2 ? KBC_PENDING_KBD : KBC_PENDING_AUX, level);
}

static void kbc_ps2_queue_noirq(KbcPs2 *q, uint8_t b)
{
    if (q->count >= KBC_PS2_QUEUE_SIZE)
        return;
    q->data[q->wptr] = b;
    q->wptr = (q->wptr + 1) & (KBC_PS2_BUFFER_SIZE - 1);
    q->count++;
}

/* Queue n bytes as one unit (all or nothing), then signal data. */
static void kbc_ps2_queue(KbcState *s, KbcPs2 *q, const uint8_t *b, int n)
{
    if (KBC_PS2_QUEUE_SIZE - q->count < n)
        return;
    for (int i = 0; i < n; i++)
        kbc_ps2_queue_noirq(q, b[i]);
    kbc_ps2_irq(s, q, 1);
}

static void kbc_ps2_queue1(KbcState *s, KbcPs2 *q, uint8_t b) { kbc_ps2_queue(s, q, &b, 1); }

/* Command replies: inserted before the queued scan codes so they are read first. */
static void kbc_ps2_cqueue(KbcState *s, KbcPs2 *q, const uint8_t *b, int n)
{
    q->rptr = (q->rptr - n) & (KBC_PS2_BUFFER_SIZE - 1);
    q->cwptr = q->rptr;
    for (int i = 0; i < n; i++) {
        q->data[q->cwptr] = b[i];
        q->cwptr = (q->cwptr + 1) & (KBC_PS2_BUFFER_SIZE - 1);
        q->count++;
    }
    kbc_ps2_irq(s, q, 1);
}

static void kbc_ps2_cqueue1(KbcState *s, KbcPs2 *q, uint8_t b) { kbc_ps2_cqueue(s, q, &b, 1); }

/* Drop unread command replies (a new command supersedes them). */
static void kbc_ps2_cqueue_reset(KbcPs2 *q)
{
    if (q->cwptr == -1)
        return;
    q->count -= (q->cwptr - q->rptr) & (KBC_PS2_BUFFER_SIZE - 1);
    q->rptr = q->cwptr;
    q->cwptr = -1;
}

static uint8_t kbc_ps2_read(KbcState *s, KbcPs2 *q)
{
    if (q->count == 0) {
        /* nothing new: the last byte again (EMM386 depends on it) */
        return q->data[(q->rptr - 1) & (KBC_PS2_BUFFER_SIZE - 1)];
    }
    uint8_t val = q->data[q->rptr];
    if (q->cwptr == q->rptr)
        q->cwptr = -1;
    q->rptr = (q->rptr + 1) & (KBC_PS2_BUFFER_SIZE - 1);
    q->count--;
    if (q->rptr == q->cwptr)
        q->cwptr = -1;   /* command reply queue empty */
    kbc_ps2_irq(s, q, 0);
    if (q->count)
        kbc_ps2_irq(s, q, 1);
    return val;
}

/* QEMU's ps2_common_post_load: cap the counts and recompute wptr, cwptr from rptr. */
static void kbc_ps2_post_load(KbcPs2 *q)
{
    int ccount = 0;
    if (q->cwptr != -1)
        ccount = MIN((q->cwptr - q->rptr) & (KBC_PS2_BUFFER_SIZE - 1), KBC_PS2_QUEUE_HEADROOM);
    if (q->count < ccount)
        q->count = ccount;
    else if (q->count > ccount + KBC_PS2_QUEUE_SIZE)
        q->count = ccount + KBC_PS2_QUEUE_SIZE;
    q->rptr &= KBC_PS2_BUFFER_SIZE - 1;
    q->wptr = (q->rptr + q->count) & (KBC_PS2_BUFFER_SIZE - 1);
    q->cwptr = ccount ? (q->rptr + ccount) & (KBC_PS2_BUFFER_SIZE - 1) : -1;
}

/* ---- helpers: keyboard ---- */

static void kbc_kbd_reset_device(KbcState *s)
{
    s->kbd.scan_enabled = 1;
    s->kbd.scancode_set = 2;
    kbc_ps2_reset_queue(&s->kbd.ps2);
    s->kbd.ledstate = 0;
}

static void kbc_kbd_write(KbcState *s, uint8_t val)
{
    KbcKbd *k = &s->kbd;
    KbcPs2 *q = &k->ps2;
    /* set-2 scan-code-set numbers as the translating controller reports them */
    static const uint8_t translated_set[4] = { 0xff, 0x43, 0x41, 0x3f };
    kbc_ps2_cqueue_reset(q);
    switch (q->write_cmd) {
    default:
        switch (val) {
        case 0x00:
            kbc_ps2_cqueue1(s, q, KBD_REPLY_ACK);
            break;
        case 0x05:
            kbc_ps2_cqueue1(s, q, KBD_REPLY_RESEND);
            break;
        case KBD_CMD_GET_ID: {
            uint8_t r[3] = { KBD_REPLY_ACK, KBD_REPLY_ID, k->translate ? 0x41 : 0x83 };
            kbc_ps2_cqueue(s, q, r, 3);   /* an MF2 AT keyboard */
            break;
        }
        case KBD_CMD_ECHO:
            kbc_ps2_cqueue1(s, q, KBD_CMD_ECHO);
            break;
        case KBD_CMD_ENABLE:
            k->scan_enabled = 1;
            kbc_ps2_cqueue1(s, q, KBD_REPLY_ACK);
            break;
        case KBD_CMD_SCANCODE:
        case KBD_CMD_SET_LEDS:
        case KBD_CMD_SET_RATE:
        case KBD_CMD_SET_MAKE_BREAK:
            q->write_cmd = val;
            kbc_ps2_cqueue1(s, q, KBD_REPLY_ACK);
            break;
        case KBD_CMD_RESET_DISABLE:
            kbc_kbd_reset_device(s);
            k->scan_enabled = 0;
            kbc_ps2_cqueue1(s, q, KBD_REPLY_ACK);
            break;
        case KBD_CMD_RESET_ENABLE:
            kbc_kbd_reset_device(s);
            k->scan_enabled = 1;
            kbc_ps2_cqueue1(s, q, KBD_REPLY_ACK);
            break;
        case KBD_CMD_RESET: {
            kbc_kbd_reset_device(s);
            uint8_t r[2] = { KBD_REPLY_ACK, KBD_REPLY_POR };   /* self-test passed */
            kbc_ps2_cqueue(s, q, r, 2);
            break;
        }
        case KBD_CMD_SET_TYPEMATIC:
            kbc_ps2_cqueue1(s, q, KBD_REPLY_ACK);
            break;
        default:
            kbc_ps2_cqueue1(s, q, KBD_REPLY_RESEND);
            break;
        }
        break;
    case KBD_CMD_SET_MAKE_BREAK:
        kbc_ps2_cqueue1(s, q, KBD_REPLY_ACK);
        q->write_cmd = -1;
        break;
    case KBD_CMD_SCANCODE:
        if (val == 0) {
            int set = k->scancode_set >= 1 && k->scancode_set <= 3 ? k->scancode_set : 0;
            uint8_t r[2] = { KBD_REPLY_ACK,
                             (uint8_t)(k->translate ? translated_set[set] : set) };
            kbc_ps2_cqueue(s, q, r, 2);
        } else if (val >= 1 && val <= 3) {
            k->scancode_set = val;
            kbc_ps2_cqueue1(s, q, KBD_REPLY_ACK);
        } else {
            kbc_ps2_cqueue1(s, q, KBD_REPLY_RESEND);
        }
        q->write_cmd = -1;
        break;
    case KBD_CMD_SET_LEDS:
        k->ledstate = val;
        kbc_ps2_cqueue1(s, q, KBD_REPLY_ACK);
        q->write_cmd = -1;
        break;
    case KBD_CMD_SET_RATE:
        kbc_ps2_cqueue1(s, q, KBD_REPLY_ACK);
        q->write_cmd = -1;
        break;
    }
}

/* ---- helpers: mouse ---- */

/* One movement packet (3 bytes, 4 for IntelliMouse types) from the accumulated motion. */
static void kbc_mouse_send_packet(KbcState *s)
{
    KbcMouse *m = &s->mouse;
    int n = m->mouse_type ? 4 : 3;
    if (KBC_PS2_QUEUE_SIZE - m->ps2.count < n)
        return;
    int dx = MAX(-127, MIN(127, m->mouse_dx));
    int dy = MAX(-127, MIN(127, m->mouse_dy));
    int dz = MAX(-7, MIN(7, m->mouse_dz));
    uint8_t p[4] = { (uint8_t)(0x08 | (dx < 0) << 4 | (dy < 0) << 5 | (m->mouse_buttons & 7)),
                     (uint8_t)dx, (uint8_t)dy, 0 };
    if (m->mouse_type == 3)
        p[3] = (uint8_t)dz;
    else if (m->mouse_type == 4)
        p[3] = (uint8_t)((dz & 0x0f) | (m->mouse_buttons & 0x18) << 1);
    else
        dz = 0;
    kbc_ps2_queue(s, &m->ps2, p, n);
    m->mouse_dx -= dx;
    m->mouse_dy -= dy;
    m->mouse_dz -= dz;
}

static void kbc_mouse_write(KbcState *s, uint8_t val)
{
    KbcMouse *m = &s->mouse;
    KbcPs2 *q = &m->ps2;
    switch (q->write_cmd) {
    default:
        if (m->mouse_wrap) {   /* echo mode: everything but EC and FF comes back */
            if (val == AUX_RESET_WRAP) {
                m->mouse_wrap = 0;
                kbc_ps2_queue1(s, q, AUX_ACK);
                return;
            }
            if (val != AUX_RESET) {
                kbc_ps2_queue1(s, q, val);
                return;
            }
        }
        switch (val) {
        case AUX_SET_SCALE11:
            m->mouse_status &= ~MOUSE_STATUS_SCALE21;
            kbc_ps2_queue1(s, q, AUX_ACK);
            break;
        case AUX_SET_SCALE21:
            m->mouse_status |= MOUSE_STATUS_SCALE21;
            kbc_ps2_queue1(s, q, AUX_ACK);
            break;
        case AUX_SET_STREAM:
            m->mouse_status &= ~MOUSE_STATUS_REMOTE;
            kbc_ps2_queue1(s, q, AUX_ACK);
            break;
        case AUX_SET_WRAP:
            m->mouse_wrap = 1;
            kbc_ps2_queue1(s, q, AUX_ACK);
            break;
        case AUX_SET_REMOTE:
            m->mouse_status |= MOUSE_STATUS_REMOTE;
            kbc_ps2_queue1(s, q, AUX_ACK);
            break;
        case AUX_GET_TYPE: {
            uint8_t r[2] = { AUX_ACK, m->mouse_type };
            kbc_ps2_queue(s, q, r, 2);
            break;
        }
        case AUX_SET_RES:
        case AUX_SET_SAMPLE:
            q->write_cmd = val;
            kbc_ps2_queue1(s, q, AUX_ACK);
            break;
        case AUX_GET_SCALE: {
            uint8_t r[4] = { AUX_ACK, m->mouse_status, m->mouse_resolution, m->mouse_sample_rate };
            kbc_ps2_queue(s, q, r, 4);
            break;
        }
        case AUX_POLL:
            kbc_ps2_queue1(s, q, AUX_ACK);
            kbc_mouse_send_packet(s);
            break;
        case AUX_ENABLE_DEV:
            m->mouse_status |= MOUSE_STATUS_ENABLED;
            kbc_ps2_queue1(s, q, AUX_ACK);
            break;
        case AUX_DISABLE_DEV:
            m->mouse_status &= ~MOUSE_STATUS_ENABLED;
            kbc_ps2_queue1(s, q, AUX_ACK);
            break;
        case AUX_SET_DEFAULT:
            m->mouse_sample_rate = 100;
            m->mouse_resolution = 2;
            m->mouse_status = 0;
            kbc_ps2_queue1(s, q, AUX_ACK);
            break;
        case AUX_RESET: {
            m->mouse_sample_rate = 100;
            m->mouse_resolution = 2;
            m->mouse_status = 0;
            m->mouse_type = 0;
            kbc_ps2_reset_queue(q);
            uint8_t r[3] = { AUX_ACK, 0xaa, m->mouse_type };   /* self-test passed, ID 0 */
            kbc_ps2_queue(s, q, r, 3);
            break;
        }
        default:
            trace(TRACE_DEV, "kbc: unknown mouse command %#x", val);
            break;
        }
        break;
    case AUX_SET_SAMPLE:
        m->mouse_sample_rate = val;
        switch (m->mouse_detect_state) {   /* IntelliMouse knock: 200,100,80 or 200,200,80 */
        default:
            m->mouse_detect_state = val == 200 ? 1 : 0;
            break;
        case 1:
            m->mouse_detect_state = val == 100 ? 2 : val == 200 ? 3 : 0;
            break;
        case 2:
            if (val == 80)
                m->mouse_type = 3;
            m->mouse_detect_state = 0;
            break;
        case 3:
            if (val == 80)
                m->mouse_type = 4;
            m->mouse_detect_state = 0;
            break;
        }
        kbc_ps2_queue1(s, q, AUX_ACK);
        q->write_cmd = -1;
        break;
    case AUX_SET_RES:
        m->mouse_resolution = val;
        kbc_ps2_queue1(s, q, AUX_ACK);
        q->write_cmd = -1;
        break;
    }
}

/* ---- I/O handlers ---- */

static void kbc_write_command(KbcState *s, uint8_t val)
{
    KbcCtl *c = &s->ctl;
    /* F0-FF pulse output-port bits 3-0 low; only bit 0 (reset) does anything */
    if ((val & KBC_CCMD_PULSE_BITS_3_0) == KBC_CCMD_PULSE_BITS_3_0)
        val = (val & 1) ? KBC_CCMD_NO_OP : KBC_CCMD_RESET;
    switch (val) {
    case KBC_CCMD_READ_MODE:
        kbc_queue(s, c->mode, false);
        break;
    case KBC_CCMD_WRITE_MODE:
    case KBC_CCMD_WRITE_OBUF:
    case KBC_CCMD_WRITE_AUX_OBUF:
    case KBC_CCMD_WRITE_MOUSE:
    case KBC_CCMD_WRITE_OUTPORT:
        c->write_cmd = val;
        break;
    case KBC_CCMD_MOUSE_DISABLE:
        c->mode |= KBC_MODE_DISABLE_MOUSE;
        break;
    case KBC_CCMD_MOUSE_ENABLE:
        c->mode &= ~KBC_MODE_DISABLE_MOUSE;
        kbc_safe_update_irq(s);
        break;
    case KBC_CCMD_TEST_MOUSE:
        kbc_queue(s, 0x00, false);
        break;
    case KBC_CCMD_SELF_TEST:
        c->status |= KBC_STAT_SELFTEST;
        kbc_queue(s, 0x55, false);
        break;
    case KBC_CCMD_KBD_TEST:
        kbc_queue(s, 0x00, false);
        break;
    case KBC_CCMD_KBD_DISABLE:
        c->mode |= KBC_MODE_DISABLE_KBD;
        break;
    case KBC_CCMD_KBD_ENABLE:
        c->mode &= ~KBC_MODE_DISABLE_KBD;
        kbc_safe_update_irq(s);
        break;
    case KBC_CCMD_READ_INPORT:
        kbc_queue(s, 0x80, false);   /* keyboard not inhibited */
        break;
    case KBC_CCMD_READ_OUTPORT:
        kbc_queue(s, c->outport, false);
        break;
    case KBC_CCMD_ENABLE_A20:
        irq_raise(s->a20);
        c->outport |= KBC_OUT_A20;
        break;
    case KBC_CCMD_DISABLE_A20:
        irq_lower(s->a20);
        c->outport &= ~KBC_OUT_A20;
        break;
    case KBC_CCMD_RESET:
        irq_pulse(s->reset);
        break;
    case KBC_CCMD_NO_OP:
        break;
    default:
        trace(TRACE_DEV, "kbc: unsupported controller command %#x", val);
        break;
    }
}

static void kbc_write_data(KbcState *s, uint8_t val)
{
    KbcCtl *c = &s->ctl;
    switch (c->write_cmd) {
    case 0:
        kbc_kbd_write(s, val);
        c->mode &= ~KBC_MODE_DISABLE_KBD;   /* sending to the keyboard re-enables its port */
        kbc_safe_update_irq(s);
        break;
    case KBC_CCMD_WRITE_MODE:
        c->mode = val;
        s->kbd.translate = (val & KBC_MODE_KCC) != 0;
        kbc_update_irq_lines(s);   /* the IRQ enables act at once */
        kbc_safe_update_irq(s);    /* re-enabled ports may have data */
        break;
    case KBC_CCMD_WRITE_OBUF:
        kbc_queue(s, val, false);
        break;
    case KBC_CCMD_WRITE_AUX_OBUF:
        kbc_queue(s, val, true);
        break;
    case KBC_CCMD_WRITE_OUTPORT:
        kbc_outport_write(s, val);
        break;
    case KBC_CCMD_WRITE_MOUSE:
        kbc_mouse_write(s, val);
        c->mode &= ~KBC_MODE_DISABLE_MOUSE;
        kbc_safe_update_irq(s);
        break;
    default:
        break;
    }
    c->write_cmd = 0;
}

static uint8_t kbc_read_data(KbcState *s)
{
    KbcCtl *c = &s->ctl;
    if (c->status & KBC_STAT_OBF) {
        kbc_deassert_irq(s);
        if (c->obsrc & KBC_OBSRC_KBD)
            c->obdata = kbc_ps2_read(s, &s->kbd.ps2);
        else if (c->obsrc & KBC_OBSRC_MOUSE)
            c->obdata = kbc_ps2_read(s, &s->mouse.ps2);
        else if (c->obsrc & KBC_OBSRC_CTRL)
            c->obdata = kbc_dequeue(s);
    }
    return c->obdata;
}

static uint32_t kbc_data_read(void *opaque, uint32_t off, unsigned size)
{
    return kbc_read_data(opaque);
}

static void kbc_data_write(void *opaque, uint32_t off, uint32_t val, unsigned size)
{
    kbc_write_data(opaque, (uint8_t)val);
}

static uint32_t kbc_status_read(void *opaque, uint32_t off, unsigned size)
{
    KbcState *s = opaque;
    return s->ctl.status;
}

static void kbc_command_write(void *opaque, uint32_t off, uint32_t val, unsigned size)
{
    kbc_write_command(opaque, (uint8_t)val);
}

/* ---- interface ---- */

void kbc_put_kbd_bytes(KbcState *s, const uint8_t *buf, int len)
{
    if (!s->kbd.scan_enabled || len <= 0 || len > KBC_PS2_QUEUE_SIZE)
        return;
    kbc_ps2_queue(s, &s->kbd.ps2, buf, len);
}

/* ---- pre_save, pre_load, post_load ---- */

static uint8_t kbc_outport_default(const KbcCtl *c)
{
    return KBC_OUT_RESET | KBC_OUT_A20 | KBC_OUT_ONES | (c->status & KBC_STAT_OBF ? KBC_OUT_OBF : 0) |
           (c->status & KBC_STAT_MOUSE_OBF ? KBC_OUT_MOUSE_OBF : 0);
}

static bool kbc_outport_needed(void *opaque)
{
    const KbcCtl *c = opaque;
    return c->outport != kbc_outport_default(c);
}

static int kbc_outport_post_load(void *opaque, int version, Err *err)
{
    ((KbcCtl *)opaque)->outport_present = true;
    return 0;
}

static bool kbc_extended_needed(void *opaque) { return ((const KbcCtl *)opaque)->extended_state; }

static int kbc_extended_post_load(void *opaque, int version, Err *err)
{
    ((KbcCtl *)opaque)->extended_loaded = true;
    return 0;
}

static int kbc_ctl_pre_save(void *opaque, Err *err)
{
    KbcCtl *c = opaque;
    c->pending_tmp = c->pending;
    if (!c->extended_state)   /* QEMU's kbd_pre_save: the old format's compat bits */
        c->pending_tmp = (c->pending & KBC_PENDING_KBD ? KBC_PENDING_KBD_COMPAT : 0) |
                         (c->pending & KBC_PENDING_AUX ? KBC_PENDING_AUX_COMPAT : 0);
    c->migration_flags = 0;   /* no throttle timer */
    return 0;
}

static int kbc_ctl_pre_load(void *opaque, Err *err)
{
    KbcCtl *c = opaque;
    c->outport_present = false;
    c->extended_loaded = false;
    return 0;
}

static int kbc_ctl_post_load(void *opaque, int version, Err *err)
{
    KbcCtl *c = opaque;
    if (!c->outport_present)
        c->outport = kbc_outport_default(c);
    c->pending = c->pending_tmp;
    if (!c->extended_loaded) {   /* old format: derive the source, map compat bits */
        c->obsrc = c->status & KBC_STAT_OBF ?
            (c->status & KBC_STAT_MOUSE_OBF ? KBC_OBSRC_MOUSE : KBC_OBSRC_KBD) : 0;
        if (c->pending & KBC_PENDING_KBD_COMPAT)
            c->pending |= KBC_PENDING_KBD;
        if (c->pending & KBC_PENDING_AUX_COMPAT)
            c->pending |= KBC_PENDING_AUX;
    }
    c->pending &= KBC_PENDING_CTRL_KBD | KBC_PENDING_CTRL_AUX | KBC_PENDING_KBD | KBC_PENDING_AUX;
    if (c->obsrc & ~(uint32_t)(KBC_OBSRC_KBD | KBC_OBSRC_MOUSE | KBC_OBSRC_CTRL))
        return ERR(err, -EINVAL, "pckbd: obsrc %#" PRIx32 " is not a data source", c->obsrc);
    if (c->migration_flags & 1)
        trace(TRACE_SNAP, "pckbd: throttle timer pending in the stream; not modelled");
    return 0;
}

static bool kbc_kbd_ledstate_needed(void *opaque) { return ((KbcKbd *)opaque)->ledstate != 0; }
static bool kbc_kbd_high_bit_needed(void *opaque) { return ((KbcKbd *)opaque)->need_high_bit; }
static bool kbc_kbd_cqueue_needed(void *opaque) { return ((KbcKbd *)opaque)->ps2.cwptr != -1; }

static int kbc_kbd_pre_load(void *opaque, Err *err)
{
    KbcKbd *k = opaque;
    k->ps2.cwptr = -1;
    k->ledstate = 0;
    k->need_high_bit = false;
    return 0;
}

static int kbc_ps2_check(const KbcPs2 *q, const char *dev, Err *err)
{
    if (q->cwptr < -1 || q->cwptr >= KBC_PS2_BUFFER_SIZE)
        return ERR(err, -EINVAL, "%s: queue.cwptr %" PRId32 " out of range", dev, q->cwptr);
    return 0;
}

static int kbc_kbd_post_load(void *opaque, int version, Err *err)
{
    KbcKbd *k = opaque;
    int r = kbc_ps2_check(&k->ps2, "ps2kbd", err);
    if (r < 0)
        return r;
    if (k->scancode_set < 1 || k->scancode_set > 3)
        return ERR(err, -EINVAL, "ps2kbd: scancode_set %" PRId32 " is not 1, 2 or 3", k->scancode_set);
    kbc_ps2_post_load(&k->ps2);   /* caps count, recomputes wptr/cwptr: every index in range */
    return 0;
}

static int kbc_mouse_pre_load(void *opaque, Err *err)
{
    ((KbcMouse *)opaque)->ps2.cwptr = -1;
    return 0;
}

static int kbc_mouse_post_load(void *opaque, int version, Err *err)
{
    KbcMouse *m = opaque;
    int r = kbc_ps2_check(&m->ps2, "ps2mouse", err);
    if (r < 0)
        return r;
    kbc_ps2_post_load(&m->ps2);
    return 0;
}

/* ---- init ---- */

KbcState *kbc_init(Bus *io, const IrqLine *irq_kbd, const IrqLine *irq_mouse,
                   const IrqLine *a20, const IrqLine *reset)
{
    KbcState *s = xzalloc(sizeof *s);
    s->irq_kbd = irq_kbd;
    s->irq_mouse = irq_mouse;
    s->a20 = a20;
    s->reset = reset;
    bus_map_io_named(io, "i8042-data", 0x60, 1, s, kbc_data_read, kbc_data_write, IO_SIZE8);
    bus_map_io_named(io, "i8042-cmd", 0x64, 1, s, kbc_status_read, kbc_command_write, IO_SIZE8);
    kbc_reset(s);
    s->ctl.extended_state = true;
    return s;   /* machine.c: kbc_vms for s, kbc_kbd_vms for &s->kbd, kbc_mouse_vms for
                   &s->mouse; instance 0 each, in QEMU's order ps2kbd, ps2mouse, pckbd */
}

void kbc_free(KbcState *s) { free(s); }

void kbc_set_extended_state(KbcState *s, bool on) { s->ctl.extended_state = on; }
