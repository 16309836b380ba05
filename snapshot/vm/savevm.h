/* savevm.h: save the whole machine into qcow2 internal snapshots (QEMU 7.2's savevm,
 * migration/savevm.c save_snapshot) and delete them (delvm).
 *
 * What a snapshot is: on every writable qcow2 disk of the machine, an internal snapshot
 * named NAME (the disk contents of that instant); on the first of them (or the one named
 * by SavevmOpts.vmstate) also the VM state: the whole migration stream (configuration,
 * 'ram', every section of machine_registry() in MigrationPriority order, the vmdesc),
 * exactly as QEMU 7.2 writes it. The snapshot table gets the date the caller passes, the
 * virtual clock (ns) and the instruction count (ICOUNT column).
 *
 * Contract: savevm runs between two machine_run calls, so the machine is stopped at an
 * instruction boundary; it never changes the guest-visible state (pre_save hooks only
 * normalise saved fields), so the guest runs on exactly as if no save had happened.
 * A raw disk, or no writable qcow2 disk at all, fails before anything is written, with
 * QEMU's message; a failure while writing leaves every image as it was (the VM-state
 * clusters are released, snapshots created on earlier disks are deleted again). */
#ifndef PCEMU_SNAPSHOT_SAVEVM_H
#define PCEMU_SNAPSHOT_SAVEVM_H

#include "emu/base/base.h"
#include "emu/machine/machine.h"
#include "snapshot/format/stream.h"

#define SAVEVM_MAX_DEVICES MACHINE_MAX_DRIVES

typedef struct SavevmOpts {
    uint32_t date_sec, date_nsec;  /* table date: host UTC time, given by the caller (main
                                      or the monitor); the machine never reads host time */
    bool replace;                  /* HMP savevm: replace a same-named snapshot; false (QMP
                                      snapshot-save): a same-named one is an error */
    const char *vmstate;           /* drive name ("ide0-hd0") for the VM state; NULL = the
                                      first writable qcow2 disk */
    const char *devices[SAVEVM_MAX_DEVICES]; /* drives to snapshot; all NULL = every
                                                writable one */
    StreamProgressFn *progress;    /* told the bytes of VM state written so far, or NULL */
    void *progress_opaque;
} SavevmOpts;

typedef struct SavevmInfo {
    uint64_t vm_state_size;        /* bytes of VM state written */
    int ndisks;                    /* disks that got the snapshot */
    int vmstate_drive;             /* index of the drive holding the VM state */
    int64_t vm_clock_ns;           /* virtual clock at the save */
    uint64_t icount;               /* instructions retired since power-on */
} SavevmInfo;

/* QEMU's name of drive index 0..5: "ide0-hd0", "ide0-hd1", "ide1-hd0", "ide1-hd1", "floppy0",
 * "floppy1". */
const char *savevm_drive_name(int index, char buf[16]);
/* Index of a drive by that name, or -1. */
int savevm_drive_index(const char *name);

/* The drives a snapshot command acts on (QEMU's bdrv_all_can_snapshot): every writable
 * drive, or those named in devices (NULL or empty = all); each must be qcow2, else QEMU's
 * "Device '...' is writable but does not support snapshots". *mask gets a bit per index. */
int savevm_pick_disks(Machine *m, const char *const *devices, unsigned *mask, Err *err);

/* Writes the whole migration stream of m to s (any stream: a file, memory, a VM-state
 * area). Returns 0 or -errno with err; s's sticky error is included. */
int savevm_stream(Machine *m, Stream *s, Err *err);

/* The savevm command: see the header comment. o may be NULL (defaults, replace off). */
int savevm(Machine *m, const char *name, const SavevmOpts *o, SavevmInfo *out, Err *err);

/* delvm: deletes snapshot NAME from every writable qcow2 disk that has it, or from those
 * named in devices (NULL or empty = all; QMP snapshot-delete's list); a disk without it is
 * not an error (QEMU). *ndeleted gets how many disks had it (may be NULL). Fails like
 * savevm on a writable raw disk. */
int delvm(Machine *m, const char *name, const char *const *devices, int *ndeleted, Err *err);

#endif
