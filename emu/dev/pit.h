/* pit.h: Intel 8254 programmable interval timer (ports 0x40-0x43) and the PC's port 0x61
 * (speaker gate and data, OUT2, refresh toggle). See pit.c. */
#ifndef PCEMU_DEV_PIT_H
#define PCEMU_DEV_PIT_H

#include "emu/hw/bus.h"
#include "emu/hw/clock.h"
#include "emu/hw/irq.h"
#include "snapshot/format/vmstate.h"

#define PIT_FREQ 1193182   /* Hz, input clock of every channel */

/* One counter; field names and order are QEMU 7.2's "pit channel" v2. */
typedef struct PitChan {
    int32_t count;           /* reload value, 1..0x10000 (0 written = 0x10000); checked on load */
    uint16_t latched_count;  /* value captured by a counter-latch command */
    uint8_t count_latched;   /* latch read state: 0 none, else PIT_RW_* of the next latched byte */
    uint8_t status_latched;  /* 1 = a read-back status byte is waiting */
    uint8_t status;          /* the latched status byte: OUT, RW, mode, BCD */
    uint8_t read_state;      /* PIT_RW_*: which byte the next count read returns; 0..4 */
    uint8_t write_state;     /* PIT_RW_*: which byte the next count write sets; 0..4 */
    uint8_t write_latch;     /* LSB held until the MSB of a word write arrives */
    uint8_t rw_mode;         /* access mode from the control word, 0..3 (0 only before use) */
    uint8_t mode;            /* counter mode 0..5 (6, 7 act as 2, 3); checked on load */
    uint8_t bcd;             /* BCD bit of the control word (counting is binary, see pit.c) */
    uint8_t gate;            /* gate input: 1 for channels 0 and 1, port 0x61 bit 0 for 2 */
    int64_t count_load_time; /* virtual ns when counting (re)started */
    int64_t next_transition_time; /* virtual ns of the next OUT edge of channel 0; -1 none */
    uint32_t irq_disabled;   /* channel 0 only: 1 = HPET legacy route owns IRQ 0; 0, 1 */
} PitChan;

/* QEMU's separate "pcspk" device: port 0x61 bits that are not the PIT's. */
typedef struct PitSpk {
    uint8_t data_on;             /* port 0x61 bit 1, speaker data enable */
    uint8_t dummy_refresh_clock; /* port 0x61 bit 4, toggled on every read: 0 or 0x10 */
} PitSpk;

typedef struct PitState {
    PitChan ch[3];           /* saved ("i8254") */
    PitSpk spk;              /* saved ("pcspk") */
    Timer irq_timer;         /* channel 0's next OUT edge; restored from next_transition_time */
    const IrqLine *irq0;     /* wiring, never saved */
    Clock *clock;
} PitState;

extern const VmsDesc pit_vms;      /* "i8254" v3, instance 0, opaque PitState */
extern const VmsDesc pit_spk_vms;  /* "pcspk" v1, instance 0, opaque &s->spk */

/* Maps 0x40-0x43 and 0x61; channel 0's OUT drives irq0. */
PitState *pit_init(Bus *io, const IrqLine *irq0, Clock *clock);
void pit_free(PitState *s);
void pit_reset(PitState *s);
/* OUT of channel ch (0..2) and the counter value now (for tests and the machine). */
int pit_get_out(PitState *s, int ch);
int pit_get_count(PitState *s, int ch);
/* IrqLine receiver (QEMU's pit_irq_control, the HPET's pit_enabled output): level 0 stops
 * channel 0 from driving IRQ 0 (irq_disabled), level 1 lets it drive it again from now. */
void pit_irq_control(void *opaque, int n, int level);
/* Gate input of channel ch. Port 0x61 drives channel 2's; 0 and 1 are tied high. */
void pit_set_gate(PitState *s, int ch, int level);

#endif
