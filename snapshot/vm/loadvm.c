/* loadvm.c: loadvm into a fresh machine, swapped in only on success (loadvm.h gives the
 * order of the steps). After QEMU 7.2 migration/savevm.c load_snapshot() and
 * qemu_loadvm_state(); the stream format is migration-stream.md.
 *
 * Invariants:
 *   1. Nothing writes the running machine or an image before step 5: steps 1-2 only read,
 *      step 3-4 write the fresh machine, which shares the running machine's BlockDevs but
 *      does not write them (reset and post_load touch no disk).
 *   2. The stream is read twice: once for its head (the RAM block sizes decide how the
 *      fresh machine is built), once in full by sec_load. Both reads are bounded. A lazy
 *      load then reads single pages again (LazySrc), only at offsets where the full pass
 *      found a PAGE record's bytes. */
#include "snapshot/vm/loadvm.h"

#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "block/block.h"
#include "firmware/firmware.h"
#include "snapshot/format/ram.h"
#include "snapshot/vm/savevm.h"
#include "snapshot/format/sections.h"

#define LOADVM_MAX_BLOCKS 64

static int head_fail(Stream *s, Err *err, const char *what)
{
    return ERR(err, stream_error(s), "snapshot stream: %s: %s", what, stream_error_msg(s));
}

int loadvm_read_head(Stream *s, LoadvmHead *h, Err *err)
{
    memset(h, 0, sizeof *h);
    uint32_t raw_magic = stream_get_be32(s);
    uint32_t raw_version = stream_get_be32(s);
    uint8_t raw_t = stream_get_u8(s);
    uint32_t raw_len = stream_get_be32(s);
    if (stream_error(s))
        return head_fail(s, err, "header");
    if (raw_magic != SEC_MAGIC)
        return ERR(err, -EINVAL, "snapshot stream: not a migration stream (magic %#" PRIx32 ")",
                   raw_magic);
    if (raw_version != SEC_VERSION)
        return ERR(err, -ENOTSUP, "snapshot stream: unsupported version %" PRIu32, raw_version);
    if (raw_t != SEC_CONFIGURATION || raw_len > 255)
        return ERR(err, -EINVAL, "snapshot stream: no configuration record (type %#x, name "
                   "length %" PRIu32 ")", raw_t, raw_len);
    stream_get_buf(s, h->machine, raw_len);
    if (stream_error(s))
        return head_fail(s, err, "configuration");
    for (uint32_t i = 0; i < raw_len; i++)
        if (h->machine[i] < 0x20 || h->machine[i] > 0x7e)
            h->machine[i] = '?';
    /* optional configuration subsections: 0x05, name, be32 version, be32 value */
    uint8_t pk[1];
    while (stream_peek(s, pk, 1) == 1 && pk[0] == SEC_SUBSECTION) {
        stream_skip(s, 1);
        uint8_t raw_n = stream_get_u8(s);
        stream_skip(s, raw_n + 8u);
        if (stream_error(s))
            return head_fail(s, err, "configuration subsection");
    }
    /* the 'ram' START record: type, section id, idstr, instance, version, block list */
    raw_t = stream_get_u8(s);
    stream_get_be32(s);
    uint8_t raw_idlen = stream_get_u8(s);
    char id[256] = { 0 };
    stream_get_buf(s, id, raw_idlen);
    stream_get_be32(s);
    uint32_t raw_ver = stream_get_be32(s);
    uint64_t raw_total = stream_get_be64(s);
    if (stream_error(s))
        return head_fail(s, err, "RAM section");
    if (raw_t != SEC_START || strcmp(id, "ram") != 0 || raw_ver != RAM_SECTION_VERSION ||
        (raw_total & (RAM_PAGE_SIZE - 1)) != RAM_FLAG_MEM_SIZE)
        return ERR(err, -EINVAL, "snapshot stream: the first section is not a 'ram' v4 block "
                   "list");
    uint64_t left = raw_total & ~(uint64_t)(RAM_PAGE_SIZE - 1);
    for (int n = 0; left; n++) {
        if (n == LOADVM_MAX_BLOCKS)
            return ERR(err, -EINVAL, "snapshot stream: more than %d RAM blocks",
                       LOADVM_MAX_BLOCKS);
        uint8_t raw_nl = stream_get_u8(s);
        char name[256] = { 0 };
        stream_get_buf(s, name, raw_nl);
        uint64_t raw_size = stream_get_be64(s);
        if (stream_error(s))
            return head_fail(s, err, "RAM block list");
        if (raw_size > left)
            return ERR(err, -EINVAL, "snapshot stream: RAM block lengths exceed the announced "
                       "total %#" PRIx64, raw_total & ~(uint64_t)(RAM_PAGE_SIZE - 1));
        left -= raw_size;
        if (!strcmp(name, "pc.ram"))
            h->ram_size = raw_size;
        else if (!strcmp(name, "pc.bios"))
            h->bios_size = raw_size;
        else if (!strcmp(name, "pc.rom"))
            h->rom_size = raw_size;
    }
    return 0;
}

static uint64_t block_size(Machine *m, const char *name)
{
    int n;
    RamBlock *b = machine_ram_blocks(m, &n);
    for (int i = 0; i < n; i++)
        if (!strcmp(b[i].name, name))
            return b[i].size;
    return 0;
}

/* What a load does with m's pc.ram. */
typedef enum RamMode {
    RAM_FRESH,   /* m's pc.ram is untouched zeros (machine_new): skip ZERO pages */
    RAM_STALE,   /* it holds the running machine's old bytes (machine_ram_move) */
    RAM_CHECK,   /* check the records only, write nothing there (the first pass) */
    RAM_LAZY,    /* fresh, and PAGE bytes stay in the snapshot until touched (LazySrc) */
} RamMode;

/* Where a lazily loaded machine's pending pages come from: the VM-state area of snapshot
 * `index` on b, at the stream offsets recorded by the load. The index stays valid because
 * savevm and delvm finish the load (machine_ram_finish) before any snapshot table changes,
 * and no other process can change the image while this one holds its lock. Guest disk
 * writes go to the active table and never to the snapshot's VM-state clusters. */
typedef struct LazySrc {
    BlockDev *b;          /* borrowed: the machine's VM-state drive */
    int index;
    uint64_t *off;        /* per pc.ram page: stream offset of its bytes; 0 = in place */
    char name[256];       /* the snapshot, for the message */
} LazySrc;

static int lazy_fill(void *opaque, uint64_t pg, uint8_t *host, Err *err)
{
    LazySrc *l = opaque;
    Err e = { 0 };
    long n = blk_vmstate_read(l->b, l->index, l->off[pg], host, RAM_PAGE_SIZE, &e);
    if (n == RAM_PAGE_SIZE)
        return 0;
    return ERR(err, n < 0 ? (int)n : -EIO, "loadvm '%s': reading guest RAM page %#" PRIx64
               " from the snapshot failed (%s); the machine is stopped", l->name,
               pg * RAM_PAGE_SIZE, n < 0 ? e.msg : "short read");
}

static void lazy_free(void *opaque)
{
    LazySrc *l = opaque;
    free(l->off);
    free(l);
}

/* After a lazy load: the pages the stream left in the snapshot come from it (machine.h's
 * machine_ram_lazy), before anything else can read the machine's RAM. */
static void lazy_install(Machine *m, BlockDev *b, int index, const char *name)
{
    uint64_t npending, *pending;
    uint64_t *off = ram_section_take_sources(machine_ram_section(m), "pc.ram", &pending,
                                             &npending);
    if (!off)
        return;
    LazySrc *l = xzalloc(sizeof *l);
    *l = (LazySrc){ .b = b, .index = index, .off = off };
    snprintf(l->name, sizeof l->name, "%s", name);
    machine_ram_lazy(m, pending, npending,
                     &(MachineRamSource){ .fill = lazy_fill, .free = lazy_free, .opaque = l });
}

/* Loads s into m as mode says; RAM_LAZY needs the snapshot s reads (b, index, name). */
static int load_stream(Machine *m, Stream *s, RamMode mode, BlockDev *b, int index,
                       const char *name, Err *err)
{
    RamSection *rs = machine_ram_section(m);
    if (mode == RAM_STALE)
        ram_section_stale_block(rs, "pc.ram");
    else if (mode == RAM_CHECK)
        ram_section_check_only_block(rs, "pc.ram");
    else if (mode == RAM_LAZY)
        ram_section_lazy_block(rs, "pc.ram");
    else
        ram_section_assume_zero_block(rs, "pc.ram");   /* m is fresh: see loadvm.h */
    int r = sec_load(machine_registry(m), s, err);
    if (r == 0)
        ram_section_clear_unwritten(rs);
    if (r < 0)
        return r;
    if (mode == RAM_LAZY)
        lazy_install(m, b, index, name);
    return machine_post_load(m, mode != RAM_CHECK, err);
}

int loadvm_stream(Machine *m, Stream *s, Err *err)
{
    return load_stream(m, s, RAM_FRESH, NULL, 0, NULL, err);
}

/* Step 2: the head against the running machine. */
static int check_head(Machine *m, BlockDev *b, int idx, uint32_t *bios_block, Err *err)
{
    LoadvmHead h;
    Stream *s = stream_open_vmstate_read(b, idx);
    int r = loadvm_read_head(s, &h, err);
    stream_close(s, NULL);
    if (r < 0)
        return r;
    const char *local = machine_config(m)->type->name;
    if (strcmp(h.machine, local) != 0)
        return ERR(err, -EINVAL, "machine type received is '%s' and local is '%s'", h.machine,
                   local);
    uint64_t here = block_size(m, "pc.ram");
    if (h.ram_size != here)
        return ERR(err, -EINVAL, "RAM size mismatch: pc.ram is %" PRIu64 " MiB (%#" PRIx64
                   ") in the snapshot and %" PRIu64 " MiB (%#" PRIx64 ") here (-m)",
                   h.ram_size >> 20, h.ram_size, here >> 20, here);
    /* any block that holds the firmware in use: the snapshot's own copy is what runs */
    uint32_t fw = machine_bios_firmware_size(m);
    if (h.bios_size < fw || h.bios_size > FIRMWARE_MAX_BIOS || h.bios_size % RAM_PAGE_SIZE)
        return ERR(err, -EINVAL, "firmware size mismatch: pc.bios is %#" PRIx64 " bytes in "
                   "the snapshot; this firmware needs %#" PRIx32 " to %#x bytes in 4 KiB pages",
                   h.bios_size, fw, FIRMWARE_MAX_BIOS);
    *bios_block = (uint32_t)h.bios_size;
    return 0;
}

/* Step 6: blk_snapshot_goto on every disk in mask. */
static int revert_disks(Machine *m, unsigned mask, const int *idx, const char *name, Err *err)
{
    char nm[16];
    for (int i = 0; i < MACHINE_MAX_DRIVES; i++) {
        if (!(mask & 1u << i))
            continue;
        int r = blk_snapshot_goto(machine_drive(m, i), idx[i], err);
        if (r < 0)
            /* XXX: an earlier disk may already be reverted; QEMU has the same window. */
            return err_prefix(err, "Could not revert '%s' to snapshot '%s'",
                              savevm_drive_name(i, nm), name), r;
    }
    return 0;
}

/* Step 7 for a running machine m: a fresh machine takes over m's RAM (machine_ram_move)
 * and the stream, already checked, loads into it. Only a read error (the image is locked)
 * or a kvmvapic state whose ROM is not in the loaded RAM (the check pass writes no RAM, so
 * it cannot see that) can fail here; then m gets its RAM back partly overwritten and is
 * reset. */
static int load_in_place(Machine *m, const MachineConfig *cfg, BlockDev *vb, int idx,
                         StreamProgressFn *progress, void *opaque, Machine **out, Err *err)
{
    Machine *fresh;
    int r = machine_new(cfg, &fresh, err);
    if (r < 0)
        return err_prefix(err, "loadvm: building the machine (the disks are reverted)"), r;
    bool moved = machine_ram_move(fresh, m);
    Stream *s = stream_open_vmstate_read(vb, idx);
    stream_set_progress(s, progress, opaque);
    r = load_stream(fresh, s, moved ? RAM_STALE : RAM_FRESH, NULL, 0, NULL, err);
    stream_close(s, NULL);
    if (r < 0) {
        if (moved)
            machine_ram_move(m, fresh);
        machine_release_drives(fresh);
        machine_free(fresh);
        if (moved)
            machine_reset(m);
        return err_prefix(err, "Error %d while loading VM state after it was checked (the "
                          "disks are reverted%s)", r, moved ? "; the machine's RAM is partly "
                          "overwritten, and the machine was reset" : ""), r;
    }
    *out = fresh;
    return 0;
}

/* Steps 1-7 (loadvm.h). `start`: *live was just built and is disposable (loadvm_start). */
static int load_snapshot(Machine **live, const char *name, const char *vmstate,
                         const char *const *devices, StreamProgressFn *progress, void *opaque,
                         bool start, Err *err)
{
    Machine *m = *live;
    unsigned mask;
    char nm[16];
    int r = savevm_pick_disks(m, devices, &mask, err);
    if (r < 0)
        return r;
    if (!mask)
        return ERR(err, -ENOTSUP, "No block device can accept snapshots");
    int want = -1;
    if (vmstate) {
        want = savevm_drive_index(vmstate);
        if (want < 0 || !machine_drive(m, want))
            return ERR(err, -ENOENT, "No block device node '%s'", vmstate);
        if (!(mask & 1u << want))
            return ERR(err, -EINVAL, "vmstate block device '%s' does not support snapshots",
                       vmstate);
    }
    int idx[MACHINE_MAX_DRIVES];
    int vmi = -1;
    for (int i = 0; i < MACHINE_MAX_DRIVES; i++) {
        if (!(mask & 1u << i))
            continue;
        idx[i] = blk_snapshot_find(machine_drive(m, i), name, NULL);
        if (idx[i] < 0)
            return ERR(err, -ENOENT, "Snapshot '%s' does not exist in one or more devices", name);
        if (vmi < 0)
            vmi = i;
    }
    if (want >= 0)
        vmi = want;
    BlockDev *vb = machine_drive(m, vmi);
    BlkSnapInfo info;
    if ((r = blk_snapshot_info(vb, idx[vmi], &info, NULL)) < 0)
        return ERR(err, r, "snapshot '%s' on '%s': no table entry", name, savevm_drive_name(vmi, nm));
    if (info.vm_state_size == 0)
        return ERR(err, -EINVAL, "This is a disk-only snapshot. Revert to it  offline using "
                   "qemu-img");
    uint32_t bios_block = 0;
    if ((r = check_head(m, vb, idx[vmi], &bios_block, err)) < 0)
        return err_prefix(err, "loadvm '%s'", name), r;

    MachineConfig cfg = *machine_config(m);
    cfg.bios_block = bios_block;
    for (int i = 0; i < MACHINE_MAX_DRIVES; i++)
        cfg.drives[i].bdev = machine_drive(m, i);
    /* A machine that never ran loses nothing to a failed load: load into a fresh machine
     * (its untouched RAM is cheap to fill), then revert the disks. A running machine's RAM
     * is loaded over in place instead, so first the whole stream is checked, into a
     * machine whose pc.ram is not written; then the disks are reverted; then the load. */
    bool in_place = !machine_ram_pristine(m);
    /* At the start, the machine just built from the command line is the fresh machine
     * when its pc.bios block is the snapshot's (same config, same firmware, same block):
     * it is loaded into directly instead of building a second one. */
    Machine *fresh = m;
    if (!(start && block_size(m, "pc.bios") == bios_block) &&
        (r = machine_new(&cfg, &fresh, err)) < 0)
        return err_prefix(err, "loadvm '%s': building the machine", name), r;
    Stream *s = stream_open_vmstate_read(vb, idx[vmi]);
    stream_set_progress(s, progress, opaque);
    r = load_stream(fresh, s, in_place ? RAM_CHECK : RAM_LAZY, vb, idx[vmi], name, err);
    stream_close(s, NULL);
    if (r < 0)
        err_prefix(err, "Error %d while loading VM state", r);
    else
        r = revert_disks(m, mask, idx, name, err);
    if (fresh != m && (in_place || r < 0)) {
        machine_release_drives(fresh);
        machine_free(fresh);
        fresh = NULL;
    }
    if (r < 0)
        return r;   /* when fresh is *live (start), it is partly loaded: the caller frees it */
    if (in_place && (r = load_in_place(m, &cfg, vb, idx[vmi], progress, opaque, &fresh, err)) < 0)
        return r;
    if (fresh != m) {
        machine_release_drives(m);
        machine_free(m);
        *live = fresh;
    }
    trace(TRACE_SNAP, "loadvm %s: %" PRIu64 " bytes of VM state", name, info.vm_state_size);
    return 0;
}

int loadvm(Machine **live, const char *name, Err *err)
{
    return loadvm_from(live, name, NULL, NULL, err);
}

int loadvm_from(Machine **live, const char *name, const char *vmstate,
                const char *const *devices, Err *err)
{
    return loadvm_watch(live, name, vmstate, devices, NULL, NULL, err);
}

int loadvm_watch(Machine **live, const char *name, const char *vmstate,
                 const char *const *devices, StreamProgressFn *progress, void *opaque, Err *err)
{
    return load_snapshot(live, name, vmstate, devices, progress, opaque, false, err);
}

int loadvm_start(Machine **live, const char *name, StreamProgressFn *progress, void *opaque,
                 Err *err)
{
    assert(machine_ram_pristine(*live));
    return load_snapshot(live, name, NULL, NULL, progress, opaque, true, err);
}
