/* test_apic.c: the local APIC as QEMU 7.2's TCG one: reset values, the timer in one-shot
 * and periodic mode for every divide value against the virtual clock, IRR/ISR/TMR with
 * EOI (level EOIs broadcast, edge ones and directed-EOI ones not), TPR/PPR/APR priorities
 * and the spurious vector, MSI messages (physical, flat and cluster logical, fixed,
 * lowest priority, ExtINT, NMI, SMI, INIT), IPIs through the ICR, the 8259 through LINT0,
 * MSR_APICBASE rules, hostile register writes, and the "apic" / "kvm-tpr-opt" sections:
 * QEMU's vmdesc, bytes, truncations, named refusals and every byte flipped. */
#include "dev_test.h"
#include "emu/dev/apic.h"
#include "emu/dev/kvmvapic.h"

typedef struct Rig {
    Bus *bus;
    Clock clock;
    ApicState *a;
    bool intr;                /* the CPU's INTR as the APIC drives it */
    int nmis, smis, inits, disables, eois, last_eoi;
    bool pic;                 /* the 8259's INT output */
} Rig;

static void h_intr(void *o, bool l) { ((Rig *)o)->intr = l; }
static void h_nmi(void *o) { ((Rig *)o)->nmis++; }
static void h_smi(void *o) { ((Rig *)o)->smis++; }
static void h_init(void *o) { ((Rig *)o)->inits++; }
static void h_disable(void *o) { ((Rig *)o)->disables++; }
static bool h_pic(void *o) { return ((Rig *)o)->pic; }
static void h_eoi(void *o, int v) { ((Rig *)o)->eois++; ((Rig *)o)->last_eoi = v; }

static Rig *rig_new(void)
{
    Rig *r = calloc(1, sizeof *r);
    r->bus = bus_new();
    clock_init(&r->clock, 3);
    ApicHost h = { h_intr, h_nmi, h_smi, h_init, h_disable, h_pic, h_eoi, r };
    r->a = apic_init(r->bus, &r->clock, &h);
    return r;
}
static void rig_free(Rig *r)
{
    apic_free(r->a);
    bus_free(r->bus);
    free(r);
}
static uint32_t rd(Rig *r, uint32_t reg) { return bus_mem_read(r->bus, APIC_BASE_DEFAULT + reg, 4); }
static void wr(Rig *r, uint32_t reg, uint32_t v) { bus_mem_write(r->bus, APIC_BASE_DEFAULT + reg, v, 4); }
static bool irr(Rig *r, int v) { return (rd(r, 0x200 + (v >> 5) * 0x10) >> (v & 31)) & 1; }
static bool isr(Rig *r, int v) { return (rd(r, 0x100 + (v >> 5) * 0x10) >> (v & 31)) & 1; }
static bool tmr(Rig *r, int v) { return (rd(r, 0x180 + (v >> 5) * 0x10) >> (v & 31)) & 1; }
/* An interrupt message as the I/O APIC writes it: destination in address bits 19:12. */
static void msi(Rig *r, uint8_t dest, bool logical, int mode, uint8_t vec, bool level)
{
    bus_mem_write(r->bus, APIC_BASE_DEFAULT | (uint32_t)dest << 12 | (uint32_t)logical << 2,
                  vec | (uint32_t)mode << 8 | (uint32_t)level << 15, 4);
}

START_TEST(test_apic_reset_values_are_qemus)
{
    Rig *r = rig_new();
    ck_assert_uint_eq(apic_get_base(r->a), 0xFEE00900u);
    ck_assert_uint_eq(rd(r, 0x20), 0);
    ck_assert_uint_eq(rd(r, 0x30), 0x00050014);           /* version 0x14, 6 LVTs */
    ck_assert_uint_eq(rd(r, 0xF0), 0xFF);                 /* SVR: disabled */
    ck_assert_uint_eq(rd(r, 0xE0), 0xFFFFFFFF);           /* DFR flat */
    for (int i = 0; i < 6; i++)
        ck_assert_uint_eq(rd(r, 0x320 + 0x10 * i), 0x10000);   /* LINT0 too, as QEMU */
    ck_assert_int_eq(apic_get_interrupt(r->a), -1);        /* software disabled */
    rig_free(r);
}
END_TEST

/* One-shot: the count falls one every 2^shift ns and the interrupt comes (initial + 1)
 * ticks after the load; periodic: every (initial + 1) ticks, the count modulo that. A
 * register access sees the clock one instruction (IO ns) on, as QEMU's icount. */
#define IO 8
START_TEST(test_apic_timer_counts_every_divide_value_in_both_modes)
{
    static const uint32_t conf[8] = { 0x0, 0x1, 0x2, 0x3, 0x8, 0x9, 0xA, 0xB };
    static const int shift[8] = { 1, 2, 3, 4, 5, 6, 7, 0 };
    for (int periodic = 0; periodic < 2; periodic++)
        for (int k = 0; k < 8; k++) {
            Rig *r = rig_new();
            wr(r, 0xF0, 0x1FF);
            dt_run_to(&r->clock, 1000);
            wr(r, 0x3E0, conf[k] | 0xFFFFFFF4);           /* other bits dropped */
            ck_assert_uint_eq(rd(r, 0x3E0), conf[k]);
            wr(r, 0x320, 0x40 | (periodic ? 1u << 17 : 0));
            int64_t t0 = clock_ns(&r->clock) + IO, tick = 1ll << shift[k];
            wr(r, 0x380, 100);
            ck_assert_uint_eq(r->a->initial_count_load_time, t0);
            dt_run_to(&r->clock, t0 - IO + tick - 1);
            ck_assert_uint_eq(rd(r, 0x390), 100);                 /* t0 + tick - 1: not yet */
            dt_run_to(&r->clock, t0 + 30 * tick - IO);
            ck_assert_uint_eq(rd(r, 0x390), 70);
            dt_run_to(&r->clock, t0 + 101 * tick - 1);
            ck_assert(!irr(r, 0x40) && !r->intr);
            dt_run_to(&r->clock, t0 + 101 * tick);
            ck_assert(irr(r, 0x40) && r->intr);
            ck_assert_uint_eq(rd(r, 0x390), periodic ? 100 - (IO >> shift[k]) : 0);
            ck_assert_int_eq(apic_get_interrupt(r->a), 0x40);
            wr(r, 0xB0, 0);
            dt_run_to(&r->clock, t0 + 202 * tick - 1);
            ck_assert(!irr(r, 0x40));
            dt_run_to(&r->clock, t0 + 202 * tick);
            ck_assert_int_eq(irr(r, 0x40), periodic);
            ck_assert_int_eq(timer_pending(&r->a->timer), periodic);
            ck_assert_int_eq(r->a->timer_expiry, periodic ? t0 + 303 * tick : -1);
            wr(r, 0x320, 0x10040 | (periodic ? 1u << 17 : 0));   /* masked: stops */
            ck_assert(!timer_pending(&r->a->timer));
            ck_assert_int_eq(r->a->timer_expiry, -1);
            rig_free(r);
        }
}
END_TEST

START_TEST(test_apic_timer_zero_count_and_rewrite)
{
    Rig *r = rig_new();
    wr(r, 0xF0, 0x1FF);
    wr(r, 0x3E0, 0xB);                                    /* divide by 1 */
    wr(r, 0x320, 0x20000 | 0x41);
    wr(r, 0x380, 0);                                      /* periodic with 0: never */
    ck_assert(!timer_pending(&r->a->timer));
    wr(r, 0x320, 0x41);
    wr(r, 0x380, 0);                                      /* one-shot with 0: never */
    ck_assert(!timer_pending(&r->a->timer));
    wr(r, 0x380, 0xFFFFFFFF);                             /* the largest: 2^32 ns */
    ck_assert_int_eq(r->a->timer.expire, ((int64_t)1 << 32) + IO);
    wr(r, 0x380, 10);                                     /* a rewrite restarts it */
    dt_run_to(&r->clock, 10 + IO);
    ck_assert(!irr(r, 0x41));
    dt_run_to(&r->clock, 11 + IO);
    ck_assert(irr(r, 0x41));
    rig_free(r);
}
END_TEST

START_TEST(test_apic_priorities_tpr_ppr_and_eoi_order)
{
    Rig *r = rig_new();
    wr(r, 0xF0, 0x1FF);
    msi(r, 0, false, 0, 0x51, false);
    msi(r, 0, false, 0, 0x92, false);
    ck_assert(r->intr);
    ck_assert_int_eq(apic_get_interrupt(r->a), 0x92);     /* highest first */
    ck_assert_uint_eq(rd(r, 0xA0), 0x90);                 /* PPR: class of ISR */
    ck_assert(!r->intr);                                  /* 0x51 is below class 9 */
    ck_assert_int_eq(apic_get_interrupt(r->a), 0xFF);     /* masked by PPR: spurious */
    ck_assert(irr(r, 0x51));
    msi(r, 0, false, 0, 0xA3, false);                     /* nests above */
    ck_assert_int_eq(apic_get_interrupt(r->a), 0xA3);
    ck_assert(isr(r, 0xA3) && isr(r, 0x92));
    wr(r, 0xB0, 0);                                       /* EOI: the highest ISR bit */
    ck_assert(!isr(r, 0xA3) && isr(r, 0x92));
    wr(r, 0xB0, 0);
    ck_assert(!isr(r, 0x92) && r->intr);
    wr(r, 0x80, 0x5F);                                    /* TPR class 5 masks 0x51 */
    ck_assert_uint_eq(rd(r, 0x80), 0x5F);
    ck_assert_uint_eq(rd(r, 0xA0), 0x5F);
    ck_assert(!r->intr);
    ck_assert_uint_eq(rd(r, 0x90), 0);                    /* APR: QEMU reads 0 */
    wr(r, 0x80, 0x40);
    ck_assert(r->intr);
    ck_assert_int_eq(apic_get_interrupt(r->a), 0x51);
    wr(r, 0xB0, 0);
    wr(r, 0xB0, 0);                                       /* EOI with nothing in service */
    ck_assert_int_eq(apic_get_interrupt(r->a), -1);
    ck_assert_int_eq(r->eois, 0);                         /* edge vectors: no broadcast */
    rig_free(r);
}
END_TEST

START_TEST(test_apic_level_eoi_broadcasts_unless_directed)
{
    Rig *r = rig_new();
    wr(r, 0xF0, 0x1FF);
    msi(r, 0, false, 0, 0x61, true);
    ck_assert(tmr(r, 0x61));
    ck_assert_int_eq(apic_get_interrupt(r->a), 0x61);
    wr(r, 0xB0, 0);
    ck_assert_int_eq(r->eois, 1);
    ck_assert_int_eq(r->last_eoi, 0x61);
    wr(r, 0xF0, 0x11FF);                                  /* directed EOI: the OS does it */
    ck_assert_uint_eq(rd(r, 0xF0), 0x1FF);                /* QEMU keeps bits 8:0 only */
    msi(r, 0, false, 0, 0x62, true);
    msi(r, 0, false, 0, 0x63, false);                     /* edge clears TMR */
    ck_assert(tmr(r, 0x62) && !tmr(r, 0x63));
    rig_free(r);
}
END_TEST

START_TEST(test_apic_message_destinations_and_modes)
{
    Rig *r = rig_new();
    wr(r, 0xF0, 0x1FF);
    msi(r, 3, false, 0, 0x40, false);                     /* physical 3: not ours */
    ck_assert(!irr(r, 0x40));
    msi(r, 0xFF, false, 0, 0x41, false);                  /* broadcast */
    ck_assert(irr(r, 0x41));
    wr(r, 0x20, 0x03000000);                              /* id 3: physical 3 is ours now */
    msi(r, 0, false, 0, 0x46, false);
    ck_assert(!irr(r, 0x46));
    msi(r, 3, false, 0, 0x46, false);
    ck_assert(irr(r, 0x46));
    wr(r, 0x20, 0);
    msi(r, 0x01, true, 0, 0x42, false);                   /* flat, LDR 0: no match */
    ck_assert(!irr(r, 0x42));
    wr(r, 0xD0, 0x01000000);
    msi(r, 0x03, true, 1, 0x42, false);                   /* flat, lowest priority */
    ck_assert(irr(r, 0x42));
    wr(r, 0xE0, 0x0FFFFFFF);                              /* cluster model */
    wr(r, 0xD0, 0x21000000);
    msi(r, 0x11, true, 0, 0x43, false);                   /* cluster 1 != 2 */
    ck_assert(!irr(r, 0x43));
    msi(r, 0x21, true, 0, 0x43, false);
    ck_assert(irr(r, 0x43));
    msi(r, 0, false, 7, 0x44, false);                     /* ExtINT: vector as given */
    ck_assert(irr(r, 0x44));
    msi(r, 0, false, 4, 0, false);
    msi(r, 0, false, 2, 0, false);
    msi(r, 0, false, 5, 0, false);
    msi(r, 0, false, 3, 0x45, false);                     /* reserved mode: dropped */
    ck_assert(!irr(r, 0x45));
    ck_assert_int_eq(r->nmis, 1);
    ck_assert_int_eq(r->smis, 1);
    ck_assert_int_eq(r->inits, 1);
    rig_free(r);
}
END_TEST

START_TEST(test_apic_ipis_through_the_icr)
{
    Rig *r = rig_new();
    wr(r, 0xF0, 0x1FF);
    wr(r, 0x310, 0);
    wr(r, 0x300, 0x00040050);                             /* self */
    ck_assert(irr(r, 0x50));
    ck_assert_uint_eq(rd(r, 0x300), 0x00040050);
    wr(r, 0x300, 0x000C0051);                             /* all excluding self */
    ck_assert(!irr(r, 0x51));
    wr(r, 0x300, 0x00080052);                             /* all including self */
    ck_assert(irr(r, 0x52));
    wr(r, 0x310, 0x05000000);
    wr(r, 0x300, 0x00000053);                             /* physical 5 */
    ck_assert(!irr(r, 0x53));
    wr(r, 0x300, 0x00008500);                             /* INIT de-assert to 5: nobody */
    ck_assert_int_eq(r->inits, 0);
    wr(r, 0x20, 0x07000000);                              /* id 7 */
    wr(r, 0x310, 0xFF000000);
    wr(r, 0x300, 0x00008500);                             /* INIT level de-assert */
    ck_assert_int_eq(r->a->arb_id, 7);
    ck_assert_int_eq(r->inits, 0);
    wr(r, 0x300, 0x00044500);                             /* INIT to self (id 7: QEMU misses) */
    ck_assert_int_eq(r->inits, 0);
    wr(r, 0x20, 0);
    wr(r, 0x300, 0x00044500);
    ck_assert_int_eq(r->inits, 1);
    wr(r, 0x300, 0x00044610);                             /* SIPI: the BSP does not wait */
    ck_assert_int_eq(r->a->sipi_vector, 0);
    wr(r, 0x300, 0x00044400);                             /* NMI */
    ck_assert_int_eq(r->nmis, 1);
    rig_free(r);
}
END_TEST

START_TEST(test_apic_pic_through_lint0)
{
    Rig *r = rig_new();
    ck_assert(!apic_accept_pic_intr(r->a));               /* LINT0 masked at reset */
    wr(r, 0x350, 0x700);                                  /* ExtINT, as firmware sets it */
    ck_assert(apic_accept_pic_intr(r->a));
    r->pic = true;
    apic_deliver_pic_intr(r->a, true);
    ck_assert(r->intr);
    r->pic = false;
    apic_deliver_pic_intr(r->a, false);
    ck_assert(!r->intr);
    wr(r, 0xF0, 0x1FF);
    msi(r, 0, false, 0, 0x30, false);
    r->pic = true;                                        /* ExtINT goes first */
    ck_assert_int_eq(apic_get_interrupt(r->a), -1);
    ck_assert(irr(r, 0x30));
    r->pic = false;
    ck_assert_int_eq(apic_get_interrupt(r->a), 0x30);
    wr(r, 0x350, 0x10700);                                /* LINT0 masked: 8259 cut off */
    ck_assert(!apic_accept_pic_intr(r->a));
    wr(r, 0x350, 0x8035);                                 /* fixed, level: the 8259 line sets IRR */
    r->pic = true;
    apic_deliver_pic_intr(r->a, true);
    ck_assert(irr(r, 0x35) && tmr(r, 0x35));
    apic_deliver_pic_intr(r->a, false);
    ck_assert(!irr(r, 0x35));
    apic_set_base(r->a, 0xFEE00000);                      /* disabled: the 8259 direct */
    ck_assert(apic_accept_pic_intr(r->a));
    rig_free(r);
}
END_TEST

START_TEST(test_apic_msr_base_rules)
{
    Rig *r = rig_new();
    wr(r, 0xF0, 0x1FF);
    apic_set_base(r->a, 0xFFFFFFFF00001A34ull);           /* high bits, BSP: not writable */
    ck_assert_uint_eq(apic_get_base(r->a), 0x00001900);
    ck_assert_int_eq(r->disables, 0);
    apic_set_base(r->a, 0xFEE00000);                      /* enable off */
    ck_assert_uint_eq(apic_get_base(r->a), 0xFEE00100);
    ck_assert_int_eq(r->disables, 1);
    ck_assert_uint_eq(rd(r, 0xF0), 0xFF);                 /* SVR enable cleared too */
    apic_set_base(r->a, 0xFEE00800);                      /* cannot come back */
    ck_assert_uint_eq(apic_get_base(r->a), 0xFEE00100);
    apic_reset(r->a);
    ck_assert_uint_eq(apic_get_base(r->a), 0xFEE00900);
    rig_free(r);
}
END_TEST

START_TEST(test_apic_hostile_register_accesses)
{
    Rig *r = rig_new();
    wr(r, 0xF0, 0x1FF);
    uint32_t before[64];
    for (int i = 0; i < 64; i++)
        before[i] = rd(r, (uint32_t)i << 4);
    ck_assert_uint_eq(rd(r, 0x280), 0x80);                /* the reads of 0x000, 0x010, ... */
    wr(r, 0x280, 0);
    ck_assert_uint_eq(rd(r, 0x280), 0x80);                /* ESR: read only here */
    for (uint32_t reg = 0x100; reg < 0x280; reg += 0x10)  /* ISR/TMR/IRR: read only */
        wr(r, reg, 0xFFFFFFFF);
    ck_assert_int_eq(apic_get_interrupt(r->a), -1);
    wr(r, 0x30, 0);
    wr(r, 0xA0, 0xFF);
    wr(r, 0x390, 5);
    ck_assert_uint_eq(rd(r, 0x30), before[3]);
    ck_assert_uint_eq(rd(r, 0x390), 0);
    bus_mem_write(r->bus, APIC_BASE_DEFAULT + 0x80, 0xFF, 1);   /* 8-bit: dropped */
    ck_assert_uint_eq(bus_mem_read(r->bus, APIC_BASE_DEFAULT + 0x80, 2), 0);
    ck_assert_uint_eq(rd(r, 0x80), 0);
    wr(r, 0x3F0, 1);                                      /* past the LVTs: ESR bit 7 */
    ck_assert_uint_eq(rd(r, 0x1080), 0);                  /* offsets wrap in the window */
    wr(r, 0x80, 0x1234);
    ck_assert_uint_eq(rd(r, 0x80), 0x34);
    wr(r, 0x20, 0xFFFFFFFF);
    ck_assert_uint_eq(rd(r, 0x20), 0xFF000000);
    rig_free(r);
}
END_TEST

static void exercise(void *rig)
{
    Rig *r = rig;
    for (uint32_t reg = 0; reg < 0x400; reg += 0x10)
        (void)rd(r, reg);
    (void)apic_get_interrupt(r->a);
    wr(r, 0xB0, 0);
    apic_sync(r->a);
    dt_run_to(&r->clock, clock_ns(&r->clock) + 100000);
}

START_TEST(test_apic_section_bytes_vmdesc_and_hostile_fields)
{
    Rig *r = rig_new();
    dt_check_vmdesc(&apic_vms, r->a, "apic", 0);
    VapicState v = { 0 };
    dt_check_vmdesc(&vapic_vms, &v, "kvm-tpr-opt", 0);
    size_t len;
    free(dt_save(&vapic_vms, &v, &len, NULL));
    ck_assert_uint_eq(len, 144);                          /* 124 + 5 * 4 */
    wr(r, 0xF0, 0x1FF);
    wr(r, 0x3E0, 0x9);                                    /* shift 6 */
    wr(r, 0x320, 0x20041);
    dt_run_to(&r->clock, 800);
    wr(r, 0x380, 50);
    msi(r, 0, false, 0, 0x61, true);
    ck_assert_int_eq(apic_get_interrupt(r->a), 0x61);
    uint8_t *p = dt_save(&apic_vms, r->a, &len, NULL);
    ck_assert_uint_eq(len, 4 + 3 + 4 + 2 + 96 + 24 + 4 + 8 + 4 + 4 + 4 + 24);
    static const uint8_t head[] = { 0xFE, 0xE0, 0x09, 0x00,  0, 0, 0,  0, 0, 0x01, 0xFF,  0, 0x0F };
    ck_assert(memcmp(p, head, sizeof head) == 0);
    ck_assert_uint_eq(p[13 + 3 * 4 - 1 + 0], 0);          /* isr[2] bit 1 (0x41): byte 3 of word 3 is 0 */
    ck_assert_uint_eq(p[13 + 3 * 4 + 3], 0x02);           /* isr[3] = 1 << 1 (vector 0x61) */
    ck_assert_uint_eq(p[13 + 32 + 3 * 4 + 3], 0x02);      /* tmr[3] */
    int64_t exp = 800 + IO + (51 << 6);
    ck_assert_uint_eq(p[len - 1], (uint8_t)exp);          /* timer_expiry, big endian */
    ck_assert_uint_eq(p[len - 9], (uint8_t)exp);          /* next_time */
    dt_check_truncations(&apic_vms, r->a, p, len);
    Rig *q = rig_new();
    Err e = { 0 };
    ck_assert_int_eq(dt_load(&apic_vms, q->a, p, len, &e), 0);
    apic_sync(q->a);
    ck_assert_int_eq(q->a->timer.expire, exp);
    ck_assert(isr(q, 0x61) && tmr(q, 0x61));
    wr(q, 0xB0, 0);
    ck_assert_int_eq(q->last_eoi, 0x61);
    uint8_t bad[sizeof *p * 256];
    memcpy(bad, p, len);
    bad[len - 24 - 4 - 1] = 8;                          /* count_shift 8 */
    e = (Err){ 0 };
    ck_assert_int_lt(dt_load(&apic_vms, q->a, bad, len, &e), 0);
    ck_assert_msg(strstr(e.msg, "count_shift") != NULL, "%s", e.msg);
    memcpy(bad, p, len);
    memset(bad + len - 8, 0x80, 8);                       /* timer_expiry far negative */
    e = (Err){ 0 };
    ck_assert_int_lt(dt_load(&apic_vms, q->a, bad, len, &e), 0);
    ck_assert_msg(strstr(e.msg, "timer_expiry") != NULL, "%s", e.msg);
    dt_flip_every_byte(&apic_vms, q->a, p, len, exercise, q);
    free(p);
    rig_free(q);
    rig_free(r);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("apic");
    TCase *tc = tcase_create("apic");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, test_apic_reset_values_are_qemus);
    tcase_add_test(tc, test_apic_timer_counts_every_divide_value_in_both_modes);
    tcase_add_test(tc, test_apic_timer_zero_count_and_rewrite);
    tcase_add_test(tc, test_apic_priorities_tpr_ppr_and_eoi_order);
    tcase_add_test(tc, test_apic_level_eoi_broadcasts_unless_directed);
    tcase_add_test(tc, test_apic_message_destinations_and_modes);
    tcase_add_test(tc, test_apic_ipis_through_the_icr);
    tcase_add_test(tc, test_apic_pic_through_lint0);
    tcase_add_test(tc, test_apic_msr_base_rules);
    tcase_add_test(tc, test_apic_hostile_register_accesses);
    tcase_add_test(tc, test_apic_section_bytes_vmdesc_and_hostile_fields);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
