/* vmport.h: the VMware backdoor I/O port 0x5658 of QEMU 7.2's pc machine (hw/i386/vmport.c)
 * and the vmmouse behind it (hw/i386/vmmouse.c, section "vmmouse" v0). See vmport.c. */
#ifndef PCEMU_DEV_VMPORT_H
#define PCEMU_DEV_VMPORT_H

#include "emu/hw/bus.h"
#include "emu/hw/clock.h"
#include "snapshot/format/vmstate.h"

#define VMPORT_PORT 0x5658
#define VMPORT_MAGIC 0x564D5868u      /* "VMXh" in EAX */
#define VMMOUSE_QUEUE_SIZE 1024

/* The CPU's general registers, which the backdoor reads and writes beside EAX (wired by the
 * machine; indexes as the CPU's: 0 EAX, 1 ECX, 2 EDX, 3 EBX, 4 ESP, 5 EBP, 6 ESI, 7 EDI). */
typedef struct VmportCpu {
    uint32_t (*get)(void *opaque, int reg);
    void (*set)(void *opaque, int reg, uint32_t v);
    void *opaque;
} VmportCpu;

/* QEMU's VMMouseState: field names and order are the "vmmouse" section's. */
typedef struct VmmouseState {
    int32_t queue_size;                  /* always VMMOUSE_QUEUE_SIZE (an "equal" field) */
    uint32_t queue[VMMOUSE_QUEUE_SIZE];  /* words for the guest's VMMOUSE_DATA reads */
    uint16_t nb_queue;                   /* words queued, 0..VMMOUSE_QUEUE_SIZE; checked */
    uint16_t status;                     /* 0 enabled, 0xFFFF disabled or failed */
    uint8_t absolute;                    /* 1 absolute, 0 relative reports; 0 or 1 */
} VmmouseState;

typedef struct VmportState {
    VmmouseState mouse;                  /* saved as "vmmouse" */
    VmportCpu cpu;                       /* wiring, never saved */
    uint64_t ram_size;                   /* GETRAMSIZE's answer, bytes */
    int64_t rtc_base;                    /* GETTIME: seconds since 1970 at virtual time 0 */
    Clock *clock;
} VmportState;

extern const VmsDesc vmmouse_vms;        /* "vmmouse" v0, instance 0, opaque &s->mouse */

VmportState *vmport_init(Bus *io, Clock *clock, const VmportCpu *cpu, uint64_t ram_size,
                         int64_t rtc_base);
void vmport_free(VmportState *s);
void vmport_reset(VmportState *s);

#endif
