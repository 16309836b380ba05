/* vmport.c: the VMware backdoor of QEMU 7.2's pc machine (hw/i386/vmport.c with its 7.2
 * defaults: vmx-version 6, vmx-type 2, the v2 commands) and the vmmouse it carries
 * (hw/i386/vmmouse.c). A 32-bit IN from port 0x5658 with EAX = "VMXh" runs the command in
 * ECX's low byte and returns its EAX; the commands also answer in EBX, ECX, EDX and ESI,
 * which the machine lets this file write (VmportCpu). Another magic or an unknown command
 * reads all-ones.
 *
 *   10 GETVERSION   EAX 6, EBX "VMXh", ECX 2          19 GETBIOSUUID  EAX..EDX the UUID (0)
 *   20 GETRAMSIZE   EAX RAM bytes, EBX 0x1177         23 GETTIME      EAX s, EBX us, ECX lag
 *   45 GETHZ        EAX kept, EBX ~0 (TCG: no TSC Hz) 46 GETTIMEFULL  ESI:EDX s, EBX us
 *   68 GET_VCPU_INFO  0 (no x2APIC)                   39-41 vmmouse DATA, STATUS, COMMAND
 *
 * XXX: GETTIME and GETTIMEFULL answer QEMU's host wall clock; pcemu answers the RTC's start
 * time plus the virtual clock, so that runs repeat. The vmmouse gets no host mouse events
 * (pcemu has no display); its queue only ever holds READ_ID's version word. XXX: a read
 * narrower than 32 bits reads 0 and runs nothing; QEMU widens it to 32 bits and runs the
 * command. */
#include "emu/dev/vmport.h"

#include <stdlib.h>
#include <string.h>

enum {
    VMPORT_CMD_GETVERSION = 10, VMPORT_CMD_GETBIOSUUID = 19, VMPORT_CMD_GETRAMSIZE = 20,
    VMPORT_CMD_GETTIME = 23, VMPORT_CMD_VMMOUSE_DATA = 39, VMPORT_CMD_VMMOUSE_STATUS = 40,
    VMPORT_CMD_VMMOUSE_COMMAND = 41, VMPORT_CMD_GETHZ = 45, VMPORT_CMD_GETTIMEFULL = 46,
    VMPORT_CMD_GET_VCPU_INFO = 68,
    VMMOUSE_READ_ID = 0x45414552, VMMOUSE_DISABLE = 0x000000f5,
    VMMOUSE_REQUEST_RELATIVE = 0x4c455252, VMMOUSE_REQUEST_ABSOLUTE = 0x53424152,
    VMMOUSE_VERSION = 0x3442554a,
};
enum { R_EAX, R_ECX, R_EDX, R_EBX, R_ESP, R_EBP, R_ESI, R_EDI };
#define VMPORT_VMX_VERSION 6
#define VMPORT_VMX_TYPE 2
#define VMPORT_MAX_TIME_LAG_US 1000000

static int vmmouse_post_load(void *opaque, int version, Err *err);

const VmsDesc vmmouse_vms = {
    .name = "vmmouse", .version = 0, .min_version = 0, .post_load = vmmouse_post_load,
    .fields = (const VmsField[]){
        VMS_INT32_EQUAL(VmmouseState, queue_size),
        VMS_UINT32_ARRAY(VmmouseState, queue, VMMOUSE_QUEUE_SIZE),
        VMS_UINT16(VmmouseState, nb_queue),
        VMS_UINT16(VmmouseState, status),
        VMS_UINT8(VmmouseState, absolute),
        VMS_END,
    },
};

/* ---- reset ---- */

void vmport_reset(VmportState *s)
{
    /* as QEMU's vmmouse_reset: disabled; the queue is left as it was */
    s->mouse.queue_size = VMMOUSE_QUEUE_SIZE;
    s->mouse.status = 0xffff;
}

/* ---- vmmouse ---- */

static void vmmouse_command(VmmouseState *m, uint32_t cmd)
{
    switch (cmd) {
    case VMMOUSE_DISABLE:
        m->status = 0xffff;
        break;
    case VMMOUSE_READ_ID:
        if (m->nb_queue == VMMOUSE_QUEUE_SIZE)
            break;
        m->queue[m->nb_queue++] = VMMOUSE_VERSION;
        m->status = 0;
        break;
    case VMMOUSE_REQUEST_RELATIVE: m->absolute = 0; break;
    case VMMOUSE_REQUEST_ABSOLUTE: m->absolute = 1; break;
    default: trace(TRACE_DEV, "vmmouse: unknown command %#x", cmd); break;
    }
}

/* VMMOUSE_DATA: the first size queued words into EAX.. (at most 6); asking for more than
 * is queued disables the mouse, as QEMU. */
static void vmmouse_data(VmmouseState *m, uint32_t *data, uint32_t size)
{
    if (size == 0 || size > 6 || size > m->nb_queue) {
        trace(TRACE_DEV, "vmmouse: driver requested too much data %u", size);
        m->status = 0xffff;
        return;
    }
    memcpy(data, m->queue, size * sizeof m->queue[0]);
    m->nb_queue = (uint16_t)(m->nb_queue - size);
    memmove(m->queue, m->queue + size, m->nb_queue * sizeof m->queue[0]);
}

/* QEMU's vmmouse_ioport_read: data[] is EAX, EBX, ECX, EDX, ESI, EDI in and out. */
static uint32_t vmmouse_io(VmportState *s)
{
    static const int regs[6] = { R_EAX, R_EBX, R_ECX, R_EDX, R_ESI, R_EDI };
    uint32_t data[6];
    for (int i = 0; i < 6; i++)
        data[i] = s->cpu.get(s->cpu.opaque, regs[i]);
    switch (data[2] & 0xffff) {
    case VMPORT_CMD_VMMOUSE_STATUS:
        data[0] = (uint32_t)s->mouse.status << 16 | s->mouse.nb_queue;
        break;
    case VMPORT_CMD_VMMOUSE_COMMAND:
        vmmouse_command(&s->mouse, data[1]);
        break;
    default:
        vmmouse_data(&s->mouse, data, data[1]);
        break;
    }
    for (int i = 1; i < 6; i++)
        s->cpu.set(s->cpu.opaque, regs[i], data[i]);
    return data[0];
}

static int vmmouse_post_load(void *opaque, int version, Err *err)
{
    const VmmouseState *m = opaque;
    if (m->nb_queue > VMMOUSE_QUEUE_SIZE || m->absolute > 1)
        return ERR(err, -EINVAL, "vmmouse: nb_queue %u absolute %u out of range", m->nb_queue,
                   m->absolute);
    return 0;
}

/* ---- the port ---- */

static uint32_t vmport_time(VmportState *s, uint32_t *usec)
{
    int64_t ns = clock_ns(s->clock);
    *usec = (uint32_t)(ns / 1000 % 1000000);
    return (uint32_t)(s->rtc_base + ns / 1000000000);
}

static uint32_t vmport_io_read(void *opaque, uint32_t off, unsigned size)
{
    VmportState *s = opaque;
    if (size != 4) {
        trace(TRACE_DEV, "vmport: %u-byte read reads 0", size);
        return 0;
    }
    void *o = s->cpu.opaque;
    uint32_t eax = s->cpu.get(o, R_EAX), usec;
    if (eax != VMPORT_MAGIC)
        return UINT32_MAX;
    uint8_t cmd = (uint8_t)s->cpu.get(o, R_ECX);
    switch (cmd) {
    case VMPORT_CMD_GETVERSION:
        s->cpu.set(o, R_EBX, VMPORT_MAGIC);
        s->cpu.set(o, R_ECX, VMPORT_VMX_TYPE);
        return VMPORT_VMX_VERSION;
    case VMPORT_CMD_GETBIOSUUID:   /* QEMU's default UUID is all zeros */
        s->cpu.set(o, R_EBX, 0);
        s->cpu.set(o, R_ECX, 0);
        s->cpu.set(o, R_EDX, 0);
        return 0;
    case VMPORT_CMD_GETRAMSIZE:
        s->cpu.set(o, R_EBX, 0x1177);
        return (uint32_t)s->ram_size;
    case VMPORT_CMD_GETTIME: {
        uint32_t sec = vmport_time(s, &usec);
        s->cpu.set(o, R_EBX, usec);
        s->cpu.set(o, R_ECX, VMPORT_MAX_TIME_LAG_US);
        return sec;
    }
    case VMPORT_CMD_GETTIMEFULL: {
        uint32_t sec = vmport_time(s, &usec);
        s->cpu.set(o, R_ESI, 0);
        s->cpu.set(o, R_EDX, sec);
        s->cpu.set(o, R_EBX, usec);
        s->cpu.set(o, R_ECX, VMPORT_MAX_TIME_LAG_US);
        return VMPORT_MAGIC;
    }
    case VMPORT_CMD_GETHZ:         /* TCG knows no TSC frequency: EBX all-ones says so */
        s->cpu.set(o, R_EBX, UINT32_MAX);
        return eax;
    case VMPORT_CMD_GET_VCPU_INFO:
        return 0;
    case VMPORT_CMD_VMMOUSE_DATA:
    case VMPORT_CMD_VMMOUSE_STATUS:
    case VMPORT_CMD_VMMOUSE_COMMAND:
        return vmmouse_io(s);
    default:
        trace(TRACE_DEV, "vmport: unknown command %#x", cmd);
        return UINT32_MAX;
    }
}

static void vmport_io_write(void *opaque, uint32_t off, uint32_t val, unsigned size)
{
    trace(TRACE_DEV, "vmport: write %#x ignored", val);
}

/* ---- init ---- */

VmportState *vmport_init(Bus *io, Clock *clock, const VmportCpu *cpu, uint64_t ram_size,
                         int64_t rtc_base)
{
    VmportState *s = xzalloc(sizeof *s);
    s->cpu = *cpu;
    s->clock = clock;
    s->ram_size = ram_size;
    s->rtc_base = rtc_base;
    bus_map_io_named(io, "vmport", VMPORT_PORT, 1, s, vmport_io_read, vmport_io_write, IO_SIZE_ALL);
    vmport_reset(s);
    return s;   /* machine: vmmouse_vms for &s->mouse, instance 0, after "pckbd" */
}

void vmport_free(VmportState *s) { free(s); }
