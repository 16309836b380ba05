/* kvmvapic.h: QEMU 7.2's kvmvapic device (hw/i386/kvmvapic.c), which QEMU creates beside a
 * TCG local APIC: the option ROM kvmvapic.bin's I/O port 0x7E, the ROM's handshake, and
 * the TPR-access path that patches 32-bit Windows kernels. See kvmvapic.c. */
#ifndef PCEMU_DEV_KVMVAPIC_H
#define PCEMU_DEV_KVMVAPIC_H

#include "emu/hw/bus.h"
#include "snapshot/format/vmstate.h"

#define VAPIC_ROM_FILE "kvmvapic.bin"   /* fw_cfg genroms/kvmvapic.bin */
#define VAPIC_IO_PORT 0x7e

/* QEMU's VAPICMode (the saved "state" field). */
enum { VAPIC_INACTIVE = 0, VAPIC_ACTIVE = 1, VAPIC_STANDBY = 2 };

/* QEMU's VAPICHandlers and GuestROMState: the ROM's own table (at rom_state_paddr, little
 * endian in guest memory), copied here when QEMU reads it. Addresses are guest virtual. */
typedef struct VapicHandlers {
    uint32_t set_tpr, set_tpr_eax, get_tpr[8], get_tpr_stack;
} VapicHandlers;
typedef struct VapicRom {
    uint8_t signature[8];             /* "kvm aPiC" once read from the ROM; not saved */
    uint32_t vaddr;                   /* virtual address the ROM's code was linked for */
    uint32_t fixup_start, fixup_end;  /* table of offsets to relocate, in ROM vaddr terms */
    uint32_t vapic_vaddr;             /* the per-CPU VAPICState array, virtual */
    uint32_t vapic_size;              /* its size in bytes */
    uint32_t vcpu_shift;              /* log2 of one CPU's slot, written by QEMU (7) */
    uint32_t real_tpr_addr;           /* virtual address of the APIC's TPR, written by QEMU */
    VapicHandlers up, mp;             /* the ROM's replacement routines (uniprocessor, SMP) */
} VapicRom;
#define VAPIC_ROM_STATE_LEN 124u      /* sizeof QEMU's packed GuestROMState */

/* What the device asks of the CPU, the APIC and the memory map (wired by the machine). */
typedef struct VapicHost {
    /* the current instruction's EIP, CS base, ESP and FS base (QEMU's env) */
    void (*regs)(void *opaque, uint32_t *eip, uint32_t *cs_base, uint32_t *esp, uint32_t *fs_base);
    /* linear -> physical as the CPU's paging says now, without faulting (false: not mapped) */
    bool (*translate)(void *opaque, uint32_t lin, uint32_t *phys);
    /* pc.ram at [paddr, paddr + len) over whatever the PAM registers map there (QEMU's
       "kvmvapic-rom" alias at priority 1000); len 0 drops the window */
    void (*map_ram)(void *opaque, uint32_t paddr, uint32_t len);
    void (*enable_vapic)(void *opaque, uint32_t vapic_paddr);  /* apic_enable_vapic */
    void (*tpr_reporting)(void *opaque, bool on);   /* apic_enable_tpr_access_reporting */
    void (*poll_irq)(void *opaque);                 /* apic_poll_irq */
    void *opaque;
} VapicHost;

/* Field names and order are QEMU 7.2's "kvm-tpr-opt" v1. */
typedef struct VapicState {
    VapicRom rom_state;        /* QEMU's copy of the ROM's table */
    uint32_t state;            /* VAPIC_INACTIVE, _ACTIVE or _STANDBY (checked on load) */
    uint32_t real_tpr_addr;    /* virtual TPR address found in the guest (low 12 bits 0x80) */
    uint32_t rom_state_vaddr;  /* virtual address of the ROM's table in the patched kernel */
    uint32_t vapic_paddr;      /* physical address of CPU 0's VAPICState */
    uint32_t rom_state_paddr;  /* physical address of the ROM's table; 0 before the handshake */
    /* not saved */
    uint32_t rom_size;         /* bytes of the ROM (its byte 2 times 512), from vapic_prepare */
    bool run_pending;          /* loaded ACTIVE: re-enable when the machine runs (QEMU's
                                  vm state change handler) */
    Bus *mem;                  /* physical memory */
    uint64_t ram_size;         /* pc.ram bytes: the ROM must lie inside */
    VapicHost host;
} VapicState;

extern const VmsDesc vapic_vms;   /* "kvm-tpr-opt" v1, instance 0, before "apic" */

/* Maps port 0x7E-0x7F in io. */
VapicState *vapic_init(Bus *io, Bus *mem, uint64_t ram_size, const VapicHost *host);
void vapic_free(VapicState *s);
/* QEMU's vapic_reset: INACTIVE, no ROM, TPR reporting off. */
void vapic_reset(VapicState *s);
/* The APIC saw a TPR access (write: true for a store) by the current instruction: QEMU's
 * vapic_report_tpr_access, which may patch that instruction in guest memory. */
void vapic_report_tpr_access(VapicState *s, bool write);
/* After a load of every section, with the RAM in place (machine_post_load): QEMU's
 * vapic_post_load work that touches memory (the writable ROM window, the hypercall
 * patch). Returns 0 or -EINVAL when the loaded ROM address is unusable. */
int vapic_sync(VapicState *s, Err *err);
/* The machine starts running after a load: QEMU's kvmvapic_vm_state_change. */
void vapic_run(VapicState *s);

#endif
