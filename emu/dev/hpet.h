/* hpet.h: the HPET of QEMU 7.2's pc machine (hw/timer/hpet.c, section "hpet" v2). See hpet.c. */
#ifndef PCEMU_DEV_HPET_H
#define PCEMU_DEV_HPET_H

#include "emu/hw/bus.h"
#include "emu/hw/clock.h"
#include "emu/hw/irq.h"
#include "snapshot/format/vmstate.h"

#define HPET_BASE 0xFED00000u
#define HPET_NUM_TIMERS 3          /* QEMU's default "timers" property */
#define HPET_CLK_PERIOD_NS 10      /* 100 MHz main counter */
#define HPET_INTCAP_PIIX 0x4u      /* pc-i440fx: every timer may route to I/O APIC pin 2 only */
enum { HPET_LEGACY_PIT_IN, HPET_LEGACY_RTC_IN };

typedef struct HpetState HpetState;

/* One comparator; field names and order are QEMU 7.2's "hpet_timer" v1. */
typedef struct HpetTimer {
    uint8_t tn;              /* timer number 0..2; checked on load */
    uint64_t config;         /* Tn_CONF_CAP: bits 31:0 configuration, 63:32 route capability */
    uint64_t cmp;            /* comparator, in main counter ticks; ~0 = never written */
    uint64_t fsb;            /* FSB route: address (63:32), data (31:0); FSB delivery is off */
    uint64_t period;         /* periodic mode: the last value written to the comparator */
    uint8_t wrap_flag;       /* 32-bit one-shot: the pending expiry is the counter's wrap; 0, 1 */
    Timer timer;             /* "qemu_timer": the next expiry, virtual ns; -1 not armed */
    HpetState *s;            /* wiring, never saved */
} HpetTimer;

struct HpetState {
    uint64_t config;         /* general configuration: ENABLE_CNF (bit 0), LEG_RT_CNF (1) */
    uint64_t isr;            /* general interrupt status, bit n = level timer n asserted */
    uint64_t hpet_counter;   /* main counter while halted (and at a save), ticks */
    uint8_t num_timers;      /* always HPET_NUM_TIMERS; checked on load */
    HpetTimer timer[HPET_NUM_TIMERS];
    uint8_t rtc_irq_level;   /* "hpet/rtc_irq_level": the RTC's IRQ output, 0 or 1 */
    uint64_t hpet_offset;    /* "hpet/offset": counter = (virtual ns + offset) / 10, mod 2^64 */
    /* not saved */
    bool offset_loaded;      /* the load being read had "hpet/offset" */
    uint64_t capability;     /* general capabilities and ID register (read only) */
    const IrqLine *gsi;      /* wiring: the machine's GSI lines 0..ngsi-1 */
    int ngsi;
    IrqLine pit_enabled;     /* wiring: level 1 lets the PIT drive IRQ 0 (QEMU's gpio out) */
    IrqLine legacy_in[2];    /* what the PIT and the RTC drive instead of IRQ 0 and 8 */
    Clock *clock;
};

extern const VmsDesc hpet_vms;   /* "hpet" v2 (minimum 1), instance 0 */

/* Maps the registers at HPET_BASE in mem; timer interrupts go to gsi[route] (routes at or
 * above ngsi are not connected). */
HpetState *hpet_init(Bus *mem, Clock *clock, const IrqLine *gsi, int ngsi);
/* The PIT's enable input (pit_irq_control): raised at reset, lowered while legacy
 * replacement routing owns IRQ 0. Unconnected until this is called. */
void hpet_connect_pit(HpetState *s, IrqLine pit_enabled);
void hpet_free(HpetState *s);
void hpet_reset(HpetState *s);
/* The input (HPET_LEGACY_PIT_IN or HPET_LEGACY_RTC_IN) to give the PIT or the RTC as its
 * IRQ line: passed on to GSI 0 or 8 unless legacy replacement routing owns them. */
const IrqLine *hpet_legacy_in(HpetState *s, int n);
/* QEMU's fw_cfg item FW_CFG_HPET (struct hpet_fw_config, packed, little-endian): the
 * count of HPET blocks (QEMU's 0xFF when there is none, s == NULL), then 8 entries of
 * event timer block id (le32), address (le64), min_tick (le16), page_prot (u8). */
#define HPET_FW_CONFIG_LEN (1 + 8 * 15)
void hpet_fw_config(const HpetState *s, uint8_t out[HPET_FW_CONFIG_LEN]);
/* The main counter now, in ticks (for tests). */
uint64_t hpet_counter_now(HpetState *s);

#endif
