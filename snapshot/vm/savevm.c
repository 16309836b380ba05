/* savevm.c: savevm and delvm over a machine's qcow2 disks (savevm.h), after QEMU 7.2
 * migration/savevm.c save_snapshot() and block/snapshot.c bdrv_all_*().
 *
 * Sequence of a save (block/block.h gives the image side):
 *
 *   check_disks          every writable disk's format has internal snapshots (qcow2; else
 *        |               QEMU's "is writable but does not support snapshots"), at least
 *        |               one exists, names resolve
 *   blk_flush (all)      guest writes durable before the snapshot shares their clusters
 *   blk_vmstate_begin    on the VM-state disk; nothing visible in the image yet
 *   savevm_stream        through stream_open_vmstate_write: header, configuration, ram,
 *        |               sections, EOF, vmdesc
 *   blk_snapshot_create  on the VM-state disk (commits the VM state), then disk-only
 *                        snapshots on the others; a failure deletes the ones made so far
 *
 * Nothing here writes the machine: the sections' pre_save hooks fill only saved fields
 * (the 'timer' copy of the clock, the CPU's derived interrupt_request), so the guest goes
 * on as if no save had happened. */
#include "snapshot/vm/savevm.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "block/block.h"
#include "block/block.h"

const char *savevm_drive_name(int index, char buf[16])
{
    if (index >= MACHINE_FLOPPY0)
        snprintf(buf, 16, "floppy%d", (index - MACHINE_FLOPPY0) & 1);
    else
        snprintf(buf, 16, "ide%d-hd%d", (index / 2) & 1, index % 2);
    return buf;
}

int savevm_drive_index(const char *name)
{
    char buf[16];
    for (int i = 0; i < MACHINE_MAX_DRIVES; i++)
        if (!strcmp(name, savevm_drive_name(i, buf)))
            return i;
    return -1;
}

int savevm_stream(Machine *m, Stream *s, Err *err)
{
    /* pending pages of a lazy load are not in pc.ram yet (machine.h) */
    int r = machine_ram_finish(m, err);
    return r < 0 ? r : sec_save(machine_registry(m), s, err);
}

/* The drives a save or delete acts on (QEMU's bdrv_all_snapshots_includes_bs and
 * bdrv_all_can_snapshot): writable drives, all of a format with snapshots, optionally
 * filtered by the devices list. mask gets one bit per drive index. */
int savevm_pick_disks(Machine *m, const char *const *devices, unsigned *mask, Err *err)
{
    char nm[16];
    unsigned want = 0;
    bool filter = devices && devices[0];
    for (int k = 0; filter && k < SAVEVM_MAX_DEVICES && devices[k]; k++) {
        int i = savevm_drive_index(devices[k]);
        if (i < 0 || !machine_drive(m, i))
            return ERR(err, -ENOENT, "No block device node '%s'", devices[k]);
        want |= 1u << i;
    }
    *mask = 0;
    for (int i = 0; i < MACHINE_MAX_DRIVES; i++) {
        BlockDev *b = machine_drive(m, i);
        if (!b || blk_read_only(b) || (filter && !(want & 1u << i)))
            continue;
        if (!blk_driver(b)->snapshot_create)
            return ERR(err, -ENOTSUP, "Device '%s' is writable but does not support snapshots",
                       savevm_drive_name(i, nm));
        *mask |= 1u << i;
    }
    return 0;
}

static int find_vmstate_disk(Machine *m, unsigned mask, const char *vmstate, Err *err)
{
    if (vmstate) {
        int i = savevm_drive_index(vmstate);
        if (i < 0 || !machine_drive(m, i))
            return ERR(err, -ENOENT, "No block device node '%s'", vmstate);
        if (!(mask & 1u << i))
            return ERR(err, -EINVAL, "vmstate block device '%s' does not support snapshots",
                       vmstate);
        return i;
    }
    for (int i = 0; i < MACHINE_MAX_DRIVES; i++)
        if (mask & 1u << i)
            return i;
    return ERR(err, -ENOTSUP, "No block device can accept snapshots");
}

/* Removes snapshot `name` from the drives in mask (cleanup after a partial save). */
static void drop_snapshot(Machine *m, unsigned mask, const char *name)
{
    for (int i = 0; i < MACHINE_MAX_DRIVES; i++) {
        if (!(mask & 1u << i))
            continue;
        BlockDev *b = machine_drive(m, i);
        int idx = blk_snapshot_find(b, name, NULL);
        if (idx >= 0)
            blk_snapshot_delete(b, idx, NULL);
    }
}

int savevm(Machine *m, const char *name, const SavevmOpts *o, SavevmInfo *out, Err *err)
{
    static const SavevmOpts none;
    if (!o)
        o = &none;
    char nm[16];
    size_t len = strlen(name);
    if (len == 0 || len > 255)
        return ERR(err, -EINVAL, "snapshot name must be 1 to 255 bytes, not %zu", len);
    unsigned mask;
    int r = savevm_pick_disks(m, o->devices, &mask, err);
    if (r < 0)
        return r;
    /* Before any snapshot table changes (a same-named snapshot is replaced), every page a
     * lazy load still reads from a snapshot is brought in: no pending page can lose its
     * bytes (machine.h, loadvm.h). */
    if ((r = machine_ram_finish(m, err)) < 0)
        return r;
    int vmi = find_vmstate_disk(m, mask, o->vmstate, err);
    if (vmi < 0)
        return vmi;
    if (!o->replace) {
        for (int i = 0; i < MACHINE_MAX_DRIVES; i++)
            if ((mask & 1u << i) && blk_snapshot_find(machine_drive(m, i), name, NULL) >= 0)
                return ERR(err, -EEXIST, "Snapshot '%s' already exists in one or more devices",
                           name);
    }
    for (int i = 0; i < MACHINE_MAX_DRIVES; i++)
        if ((mask & 1u << i) && (r = blk_flush(machine_drive(m, i), err)) < 0)
            return err_prefix(err, "%s", savevm_drive_name(i, nm)), r;

    const Clock *clk = machine_clock(m);
    BlkSnapNew sn = {
        .name = name, .date_sec = o->date_sec, .date_nsec = o->date_nsec,
        .vm_clock_nsec = (uint64_t)clock_ns(clk), .icount = clk->icount, .replace = o->replace,
    };
    BlockDev *vb = machine_drive(m, vmi);
    BlkVmWriter *w;
    if ((r = blk_vmstate_begin(vb, &w, err)) < 0)
        return err_prefix(err, "%s", savevm_drive_name(vmi, nm)), r;
    Stream *s = stream_open_vmstate_write(w);
    stream_set_progress(s, o->progress, o->progress_opaque);
    r = savevm_stream(m, s, err);
    uint64_t size = stream_tell(s);
    int rc = stream_close(s, r < 0 ? NULL : err);
    if (r == 0)
        r = rc;
    if (r < 0) {
        blk_vmstate_abort(w);
        err_prefix(err, "Error while writing VM state");
        return r;
    }
    if ((r = blk_snapshot_create(vb, &sn, w, err)) < 0)
        return err_prefix(err, "Error while creating snapshot on '%s'", savevm_drive_name(vmi, nm)), r;
    unsigned done = 1u << vmi;
    int ndisks = 1;
    for (int i = 0; i < MACHINE_MAX_DRIVES; i++) {
        if (!(mask & 1u << i) || i == vmi)
            continue;
        if ((r = blk_snapshot_create(machine_drive(m, i), &sn, NULL, err)) < 0) {
            err_prefix(err, "Error while creating snapshot on '%s'", savevm_drive_name(i, nm));
            drop_snapshot(m, done, name);
            return r;
        }
        done |= 1u << i;
        ndisks++;
    }
    if (out)
        *out = (SavevmInfo){ .vm_state_size = size, .ndisks = ndisks, .vmstate_drive = vmi,
                             .vm_clock_ns = clock_ns(clk), .icount = clk->icount };
    trace(TRACE_SNAP, "savevm %s: %" PRIu64 " bytes of VM state on %s, %d disk(s)", name, size,
          savevm_drive_name(vmi, nm), ndisks);
    return 0;
}

int delvm(Machine *m, const char *name, const char *const *devices, int *ndeleted, Err *err)
{
    unsigned mask;
    char nm[16];
    int r = savevm_pick_disks(m, devices, &mask, err);
    if (r < 0 || (r = machine_ram_finish(m, err)) < 0)   /* as in savevm */
        return r;
    int n = 0;
    for (int i = 0; i < MACHINE_MAX_DRIVES; i++) {
        if (!(mask & 1u << i))
            continue;
        BlockDev *b = machine_drive(m, i);
        int idx;
        bool had = false;
        /* QEMU deletes every snapshot of that name (bdrv_all_delete_snapshot loops). */
        while ((idx = blk_snapshot_find(b, name, NULL)) >= 0) {
            if ((r = blk_snapshot_delete(b, idx, err)) < 0)
                return err_prefix(err, "Could not delete snapshot '%s' on '%s'", name,
                                  savevm_drive_name(i, nm)), r;
            had = true;
        }
        n += had;
    }
    if (ndeleted)
        *ndeleted = n;
    return 0;
}
