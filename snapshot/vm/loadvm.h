/* loadvm.h: start a machine from a qcow2 internal snapshot (QEMU 7.2's loadvm,
 * migration/savevm.c load_snapshot). The loaded machine is a fresh Machine that replaces
 * the running one only when everything succeeded.
 *
 * Order of a load (nothing in the running machine or the images changes before step 5):
 *   1. the drives: every writable one qcow2 (QEMU's messages), snapshot NAME on each, the
 *      VM state on the first (a disk-only snapshot is refused, as QEMU does);
 *   2. the stream head: magic, version, machine type against the running machine's, and
 *      the 'ram' START record's block list: pc.ram must equal -m, pc.bios must equal the
 *      running firmware's padded block (a message names the block and both sizes);
 *   3. a fresh Machine from the same MachineConfig (pc.bios sized from the snapshot),
 *      sharing the running machine's open drives; at a process's start (loadvm_start) the
 *      machine just built from the command line serves, when its pc.bios is that size;
 *   4. sec_load of the whole stream into it, machine_post_load() (the 'timer' section
 *      restores the virtual clock; machine.c decides what the instruction count becomes).
 *      When the running machine has run (its RAM holds data), this pass only checks the
 *      pc.ram records and writes none of them (ram_section_check_only_block). When it
 *      never ran, the load is lazy (ram_section_lazy_block): every record is read and
 *      checked as in an eager load, but a pc.ram page's bytes stay in the snapshot, and
 *      the fresh machine gets them when the CPU, a device's DMA, the monitor or the
 *      debugger first touches the page (machine_ram_lazy, bus_set_lazy), so a machine of
 *      any RAM size starts after one pass over the record headers;
 *   5. blk_snapshot_goto on every disk;
 *   6. for a machine that has run: a second fresh Machine takes over the running machine's
 *      pc.ram pages (machine_ram_move, no copy: memory already faulted in, and the process
 *      never holds pc.ram twice) and the whole stream loads into it for good;
 *   7. the swap: the old machine is freed.
 * On failure in steps 1-5 the fresh machine is discarded, the running machine and the
 * images are untouched (but for the disk window of step 5, as in QEMU), and err says why.
 * Step 6 reads bytes that step 4 has checked, from an image this process holds locked, so
 * only a read error fails it; then the running machine gets its RAM back partly
 * overwritten and is reset, and err says so.
 *
 * A lazily loaded machine reads its pending pages from the snapshot's VM-state area for as
 * long as it runs. Those bytes cannot change under it: the image is locked against other
 * processes, guest disk writes go to the active table and never to a snapshot's VM-state
 * clusters, and savevm and delvm first bring every pending page in (machine_ram_finish)
 * before any snapshot table changes. A read error there stops the machine: machine_run
 * returns the message (naming the snapshot and the page) from then on, and savevm refuses;
 * the image is only read. */
#ifndef PCEMU_SNAPSHOT_LOADVM_H
#define PCEMU_SNAPSHOT_LOADVM_H

#include "emu/base/base.h"
#include "emu/machine/machine.h"
#include "snapshot/format/stream.h"

/* What the head of a stream says (step 2), for checks and for the monitor. */
typedef struct LoadvmHead {
    char machine[256];      /* machine type of the configuration record */
    uint64_t ram_size;      /* 'pc.ram' bytes, 0 when absent */
    uint64_t bios_size;     /* 'pc.bios' bytes, 0 when absent */
    uint64_t rom_size;      /* 'pc.rom' bytes, 0 when absent */
} LoadvmHead;
/* Reads the head from s (consumes it). Returns 0 or -errno with err. Hostile input. */
int loadvm_read_head(Stream *s, LoadvmHead *h, Err *err);

/* Loads a whole stream into m, which must be freshly built by machine_new and never run (it
 * is written as the stream goes, and its pc.ram is taken to be all zero and untouched, so
 * ZERO pages are skipped instead of faulted in), then runs machine_post_load. On failure m
 * is garbage: free it. */
int loadvm_stream(Machine *m, Stream *s, Err *err);

/* The loadvm command: *live is replaced by the loaded machine on success (the old one is
 * freed); on failure *live and the images are untouched (steps 1-5 above). */
int loadvm(Machine **live, const char *name, Err *err);
/* QMP snapshot-load's form: the VM state from drive `vmstate` (NULL = the first writable
 * qcow2 disk), and only the drives in `devices` (NULL or empty = every writable one) must
 * have the snapshot and are reverted. */
int loadvm_from(Machine **live, const char *name, const char *vmstate,
                const char *const *devices, Err *err);
/* The same, telling progress the bytes of VM state read so far (a load over a running
 * machine reads the stream twice: a check, then the load). */
int loadvm_watch(Machine **live, const char *name, const char *vmstate,
                 const char *const *devices, StreamProgressFn *progress, void *opaque, Err *err);
/* -loadvm NAME: loadvm_watch for a process's start, where *live was just built by
 * machine_new and is used for nothing else yet. When the snapshot's pc.bios block has the
 * size *live already has, the load goes straight into *live (steps 3 and 7 fall away:
 * one machine is built, not two). On failure the images are untouched as with
 * loadvm_watch, but *live may be partly loaded: the caller frees it and gives up. */
int loadvm_start(Machine **live, const char *name, StreamProgressFn *progress, void *opaque,
                 Err *err);

#endif
