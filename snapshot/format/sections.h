/* sections.h: the registry of saved entries and the stream-level savevm/loadvm of a set of
 * entries, in QEMU 7.2's format (migration-stream.md sections 1-9, 16, 17). Knows no machine:
 * a caller registers (idstr, instance id, VmsDesc or iterative handlers, opaque) and calls
 * sec_save or sec_load with a Stream. A machine keeps one SecList for its whole life
 * (emu/machine/machine.c registers every section once, in QEMU's order), and savevm and loadvm
 * walk it.
 *
 * Order: entries are kept sorted by priority (VmsDesc.priority, higher first; iterative
 * entries have VMS_PRI_DEFAULT), ties in registration order, as QEMU's handler list. Save
 * writes the iterative entries' START records, their PART records until each reports done,
 * their END records, then one FULL record per VmsDesc entry whose needed() (if any) holds;
 * so the two kinds are kept apart, and sec_entries() shows the VmsDesc ones in that order.
 *
 * Section ids: handed out from 0 in registration order, like QEMU's global counter;
 * sec_skip_id() consumes one for a handler QEMU registers but that never writes (its
 * 'block' = 1 and 'dirty-bitmap' = 3 in the pc machine), so the ids equal QEMU's.
 *
 * Loading (the contract that keeps a failed load harmless): sec_load writes into the
 * registered objects as it goes, so the caller must register a freshly created and reset
 * target, load into it, and only on success swap it in for the live one; on failure the
 * fresh target is discarded and the live one was never touched. sec_load checks everything
 * of migration-stream.md section 17 that is not device-specific: magic, version,
 * configuration and machine type, section types, each START/FULL's idstr + instance id
 * against the registry, its version against [min_version, version], section kind (FULL
 * only for VmsDesc entries, START/PART/END only for iterative ones), PART/END routed by a
 * section id that a START introduced, duplicates, footers, EOF, the optional vmdesc record
 * and that nothing follows it. Errors name the section (idstr, instance id) and field. */
#ifndef PCEMU_SNAPSHOT_SECTIONS_H
#define PCEMU_SNAPSHOT_SECTIONS_H

#include "emu/base/base.h"
#include "snapshot/format/stream.h"
#include "snapshot/format/vmstate.h"

enum {
    SEC_EOF = 0x00, SEC_START = 0x01, SEC_PART = 0x02, SEC_END = 0x03, SEC_FULL = 0x04,
    SEC_SUBSECTION = 0x05, SEC_VMDESC = 0x06, SEC_CONFIGURATION = 0x07, SEC_FOOTER = 0x7e,
};
#define SEC_MAGIC 0x5145564Du     /* "QEVM" */
#define SEC_VERSION 3u
#define SEC_INSTANCE_ANY (-1)     /* auto: 1 + the highest instance id of the same idstr
                                     (QEMU's VMSTATE_INSTANCE_ID_ANY): 0, 1, ... */
#define SEC_MAX_VMDESC (64u << 20) /* largest vmdesc JSON accepted on load */

/* Handlers of an iterative entry (QEMU's SaveVMHandlers; 'ram'). Each writes or reads one
 * record body; the section header and footer are written and checked by sections.c. */
typedef struct SecIter {
    int (*save_setup)(void *opaque, Stream *s, Err *err);     /* START body */
    int (*save_iterate)(void *opaque, Stream *s, Err *err);   /* PART body: 1 = all sent,
                                                                 0 = call again, < 0 error */
    int (*save_complete)(void *opaque, Stream *s, Err *err);  /* END body */
    /* Body of a START, PART or END record (type SEC_START/SEC_PART/SEC_END) at `version`. */
    int (*load)(void *opaque, Stream *s, int type, int version, Err *err);
} SecIter;

/* A registered entry. Read only outside sections.c. */
typedef struct SecEntry {
    char idstr[256];           /* QEMU's, e.g. "i8259" or "0000:00:01.1/ide" */
    int instance_id;
    const VmsDesc *vmsd;       /* a VmsDesc entry, or */
    const SecIter *it;         /* an iterative one */
    void *opaque;
    int version, min_version;  /* of the VmsDesc, or the iterative entry's */
    int priority;
    uint32_t section_id;       /* written on save */
    /* load state (sections.c invariant 2) */
    bool started, ended, loaded;
    uint32_t load_id;
} SecEntry;

typedef struct SecList SecList;

/* machine: the machine type written into and required from the configuration record
 * (e.g. "pc-i440fx-7.2"); page_size goes into the vmdesc JSON. */
SecList *sec_list_new(const char *machine, uint32_t page_size);
void sec_list_free(SecList *l);
/* Consumes a section id without an entry: a handler QEMU registers at this point but that
 * never writes (see above). */
void sec_skip_id(SecList *l);
/* Register a VmsDesc entry (its version, min_version, priority, needed from d). idstr as
 * QEMU's, e.g. "i8259" or "0000:00:01.1/ide" (1..255 bytes). instance_id >= 0 or
 * SEC_INSTANCE_ANY. Returns the instance id used, or -errno (duplicate, bad name). */
int sec_register(SecList *l, const char *idstr, int instance_id, const VmsDesc *d, void *opaque,
                 Err *err);
int sec_register_iter(SecList *l, const char *idstr, int instance_id, int version,
                      const SecIter *it, void *opaque, Err *err);
/* The VmsDesc entries in stream order (-dump-vmstate, tests); *n gets the count. The array
 * lives until the next registration or sec_list_free. */
const SecEntry *sec_entries(const SecList *l, int *n);

/* The whole stream: header, configuration, sections, EOF, vmdesc. The stream's sticky
 * error is included in the result. */
int sec_save(SecList *l, Stream *s, Err *err);
/* Reads and checks a whole stream into the registered objects (see the contract above). */
int sec_load(SecList *l, Stream *s, Err *err);

#endif
