/* apic.h: the local APIC of QEMU 7.2's TCG pc machine (one CPU, xAPIC at 0xFEE00000) and
 * the hooks of the kvmvapic device beside it (kvmvapic.h). See apic.c. */
#ifndef PCEMU_DEV_APIC_H
#define PCEMU_DEV_APIC_H

#include "emu/hw/bus.h"
#include "emu/hw/clock.h"
#include "snapshot/format/vmstate.h"

#define APIC_BASE_DEFAULT 0xFEE00000u
#define APIC_SPACE_SIZE 0x100000u          /* QEMU's region: registers and MSI writes */
#define APIC_MSR_BSP (1u << 8)
#define APIC_MSR_ENABLE (1u << 11)
#define APIC_LVT_NB 6
enum { APIC_LVT_TIMER, APIC_LVT_THERMAL, APIC_LVT_PERF, APIC_LVT_LINT0, APIC_LVT_LINT1,
       APIC_LVT_ERROR };

/* What the APIC asks of the CPU and the machine around it (wired by machine.c; any
 * member may be NULL). */
typedef struct ApicHost {
    void (*set_intr)(void *opaque, bool level);   /* QEMU's CPU_INTERRUPT_HARD */
    void (*nmi)(void *opaque);
    void (*smi)(void *opaque);
    void (*init)(void *opaque);                   /* INIT: CPU reset, then apic_init_reset;
                                                     NULL: traced and dropped */
    void (*disable)(void *opaque);                /* MSR write cleared the enable bit:
                                                     CPUID.1:EDX.APIC goes off */
    bool (*pic_output)(void *opaque);             /* the 8259's INT output now */
    void (*eoi_broadcast)(void *opaque, int vector); /* level EOI to the I/O APIC */
    void *opaque;
} ApicHost;

/* Field names and order are QEMU 7.2's "apic" v3 section (apic_common.c). */
typedef struct ApicState {
    uint32_t apicbase;       /* MSR 0x1B: base (bits 31:12), BSP (8), enable (11) */
    uint8_t id;              /* APIC ID register bits 31:24 */
    uint8_t arb_id;          /* arbitration id (INIT level de-assert copies id) */
    uint8_t tpr;             /* task priority, 0..255 */
    uint32_t spurious_vec;   /* SVR: vector (7:0), software enable (8); any value loaded */
    uint8_t log_dest;        /* LDR bits 31:24 */
    uint8_t dest_mode;       /* DFR bits 31:28: 0xF flat, 0 cluster */
    uint32_t isr[8], tmr[8], irr[8];   /* 256-bit registers, bit v = vector v */
    uint32_t lvt[APIC_LVT_NB];/* LVT entries: vector, mode (10:8), mask (16), timer mode (17) */
    uint32_t esr;            /* error status */
    uint32_t icr[2];         /* interrupt command, low and high */
    uint32_t divide_conf;    /* timer divide configuration, bits 0, 1 and 3 */
    int32_t count_shift;     /* log2 of the divide value, 0..7 (checked on load) */
    uint32_t initial_count;  /* timer initial count */
    int64_t initial_count_load_time; /* virtual ns of the last initial-count write */
    int64_t next_time;       /* virtual ns of the next timer expiry */
    int64_t timer_expiry;    /* next_time while armed, -1 when not (QEMU's open-coded timer) */
    int32_t sipi_vector;     /* "apic_sipi" subsection: vector of the last SIPI, 0..255 */
    int32_t wait_for_sipi;   /* 1 while an AP waits for a SIPI (never on the BSP) */
    /* not saved */
    Timer timer;             /* fires at next_time; rebuilt from timer_expiry on load */
    uint32_t vapic_paddr;    /* CPU 0's VAPICState in guest memory (kvmvapic.c), 0 = none:
                                the TPR, ISR and IRR are mirrored there (QEMU's
                                apic_sync_vapic); not in the stream, set again at run time */
    bool tpr_report;         /* report TPR accesses to tpr_access (QEMU's
                                apic_report_tpr_access) */
    void (*tpr_access)(void *opaque, bool write);   /* wiring: the kvmvapic device */
    void *tpr_opaque;
    Bus *mem;                /* wiring: physical memory, for the VAPICState */
    ApicHost host;           /* wiring */
} ApicState;

extern const VmsDesc apic_vms;        /* "apic" v3 (minimum 3), instance 0 */

/* Maps the APIC's 1 MiB window at APIC_BASE_DEFAULT in mem: registers at +0x000..+0xFF0,
 * and every 32-bit write with offset bits 11:4 zero or above +0xFFF is an MSI message
 * (the I/O APIC's, QEMU's apic_send_msi). */
ApicState *apic_init(Bus *mem, Clock *clock, const ApicHost *host);
void apic_free(ApicState *s);
/* RESET#: apicbase and id, then apic_init_reset (every LVT masked, LINT0 too, as QEMU
 * 7.2 has it after reset; the firmware programs LINT0 for the 8259). */
void apic_reset(ApicState *s);
/* INIT: registers to their INIT values; apicbase and id stay. */
void apic_init_reset(ApicState *s);
/* MSR_APICBASE (0x1B). Writes are QEMU's: base bits and enable-clear only; an APIC
 * disabled through the MSR stays disabled until reset. */
uint64_t apic_get_base(const ApicState *s);
void apic_set_base(ApicState *s, uint64_t val);
/* The CPU's interrupt acknowledge: the vector, or -1 when the 8259 must answer (ExtINT,
 * or nothing pending). */
int apic_get_interrupt(ApicState *s);
/* Whether the 8259's INT reaches the CPU through LINT0 (APIC disabled or LINT0 unmasked). */
bool apic_accept_pic_intr(const ApicState *s);
/* The 8259's INT output changed. */
void apic_deliver_pic_intr(ApicState *s, bool level);
/* An interrupt message (MSI format, as the I/O APIC writes it). */
void apic_send_msi(ApicState *s, uint32_t addr, uint32_t data);
/* The kvmvapic device's calls (QEMU's apic_enable_vapic, apic_enable_tpr_access_reporting,
 * apic_poll_irq): mirror into the VAPICState at paddr from now on; report TPR accesses
 * to tpr_access(opaque, write) or not; take the guest's TPR from the VAPICState. */
void apic_enable_vapic(ApicState *s, uint32_t paddr);
void apic_set_tpr_access(ApicState *s, void (*tpr_access)(void *opaque, bool write), void *opaque);
void apic_enable_tpr_reporting(ApicState *s, bool on);
void apic_poll_irq(ApicState *s);
/* After a load of every section: timer from timer_expiry, CPU INTR from the registers. */
void apic_sync(ApicState *s);

#endif
