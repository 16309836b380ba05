/* kbc.h: Intel 8042 keyboard controller (ports 0x60, 0x64) with a PS/2 keyboard (IRQ 1)
 * and a PS/2 mouse (IRQ 12). See kbc.c. */
#ifndef PCEMU_DEV_KBC_H
#define PCEMU_DEV_KBC_H

#include "emu/hw/bus.h"
#include "emu/hw/irq.h"
#include "snapshot/format/vmstate.h"

#define KBC_PS2_BUFFER_SIZE 256

/* QEMU's PS2State ("PS2 Common State" v3): a device's output queue to the controller.
 * Scan codes and mouse packets go to data[wptr]; keyboard command replies are inserted
 * before rptr (cwptr marks their end) so that they overtake queued scan codes. */
typedef struct KbcPs2 {
    int32_t write_cmd;       /* command waiting for its parameter byte, -1 none */
    int32_t rptr;            /* "queue.rptr": next byte to read, 0..255 after load */
    int32_t wptr;            /* "queue.wptr": where the next byte goes; derived on load */
    int32_t count;           /* "queue.count": bytes queued, capped on load */
    uint8_t data[KBC_PS2_BUFFER_SIZE]; /* "queue.data": ring buffer */
    int32_t cwptr;           /* end of the command replies, -1 none (ps2kbd subsection) */
} KbcPs2;

typedef struct KbcKbd {
    KbcPs2 ps2;              /* "parent_obj" */
    int32_t scan_enabled;    /* 1 = scanning (F4), 0 after F5 */
    int32_t translate;       /* controller translation to set 1 (command byte bit 6) */
    int32_t scancode_set;    /* 1, 2 or 3 */
    int32_t ledstate;        /* LED bits from ED (subsection "ps2kbd/ledstate") */
    bool need_high_bit;      /* subsection "ps2kbd/need_high_bit"; never set here */
} KbcKbd;

typedef struct KbcMouse {
    KbcPs2 ps2;              /* "parent_obj" */
    uint8_t mouse_status;    /* 0x40 remote mode, 0x20 reporting enabled, 0x10 scaling 2:1 */
    uint8_t mouse_resolution; /* 0..3 (1, 2, 4, 8 counts/mm) */
    uint8_t mouse_sample_rate; /* reports per second */
    uint8_t mouse_wrap;      /* echo (wrap) mode, 0/1 */
    uint8_t mouse_type;      /* 0 PS/2, 3 IntelliMouse, 4 IntelliMouse Explorer */
    uint8_t mouse_detect_state; /* progress through the 200,100,80 / 200,200,80 knock, 0..3 */
    int32_t mouse_dx, mouse_dy, mouse_dz; /* accumulated motion not yet reported */
    uint8_t mouse_buttons;   /* button bits: 1 left, 2 right, 4 middle */
} KbcMouse;

/* The controller ("pckbd" v3, nested struct "kbd"). */
typedef struct KbcCtl {
    uint8_t write_cmd;       /* command awaiting its data byte on 0x60 (0x60, 0xD1-0xD4), 0 */
    uint8_t status;          /* status register (port 0x64) */
    uint8_t mode;            /* command byte: IRQ enables, port disables, translation */
    uint8_t pending_tmp;     /* pending as saved (pre_save copies, post_load applies) */
    uint8_t pending;         /* KBC_PENDING_*: sources with a byte for the output buffer */
    uint8_t outport;         /* output port: bit 0 reset line, bit 1 A20, bits 4/5 OBF, the
                                other lines 1 (0xCF after reset) */
    bool outport_present;    /* the "pckbd_outport" subsection arrived (load only) */
    bool extended_loaded;    /* the "pckbd/extended_state" subsection arrived (load only) */
    uint32_t migration_flags; /* extended state: bit 0 throttle timer (never here) */
    uint32_t obsrc;          /* source of the byte in the output buffer: 1 kbd, 2 aux, 4 ctl */
    uint8_t obdata;          /* byte in the output buffer (read again when nothing is new) */
    uint8_t cbdata;          /* controller reply waiting to enter the output buffer */
    bool extended_state;     /* property "extended-state" (QEMU 7.0+): send the
                                "pckbd/extended_state" subsection; off for machine types
                                pc-i440fx-6.0 and older (hw_compat_6_0). Never saved */
} KbcCtl;

typedef struct KbcState {
    KbcCtl ctl;              /* saved ("pckbd") */
    KbcKbd kbd;              /* saved ("ps2kbd") */
    KbcMouse mouse;          /* saved ("ps2mouse") */
    const IrqLine *irq_kbd, *irq_mouse; /* wiring, never saved: IRQ 1, IRQ 12 */
    const IrqLine *a20;      /* output port bit 1, to the CPU's A20 */
    const IrqLine *reset;    /* pulsed to request a machine reset (0xFE, output port bit 0) */
} KbcState;

extern const VmsDesc kbc_vms;        /* "pckbd" v3, instance 0, opaque KbcState */
extern const VmsDesc kbc_kbd_vms;    /* "ps2kbd" v3, instance 0, opaque &s->kbd */
extern const VmsDesc kbc_mouse_vms;  /* "ps2mouse" v2, instance 0, opaque &s->mouse */

/* Maps 0x60 and 0x64. */
KbcState *kbc_init(Bus *io, const IrqLine *irq_kbd, const IrqLine *irq_mouse,
                   const IrqLine *a20, const IrqLine *reset);
void kbc_free(KbcState *s);
/* The "extended-state" property (on after kbc_init); the machine type sets it. */
void kbc_set_extended_state(KbcState *s, bool on);
void kbc_reset(KbcState *s);
/* A key event from the host: bytes as the keyboard sends them in the current scan-code
 * set (the caller translates); dropped while scanning is disabled or the queue is full. */
void kbc_put_kbd_bytes(KbcState *s, const uint8_t *buf, int len);

#endif
