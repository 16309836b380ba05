/* analyze.h: the savevm stream analyzer behind `pcemu-img vmstate dump`, after QEMU's
 * scripts/analyze-migration.py. It needs no device tables: FULL sections are decoded
 * through the vmdesc JSON the stream carries after EOF, 'ram' through its own format.
 *
 * Output: one JSON object, 4-space indented, keyed "<idstr> (<section id>)" in stream
 * order, like analyze-migration.py's `-d state`: integers as "0x%0*x" strings of the field
 * size (signed negative values add " (-N)"), bools as true/false, other types as hex bytes
 * "01 02 ...", structs as objects, repeated names (arrays) as lists, subsections as members
 * named after the subsection. The 'ram' entry has "section sizes" (block -> "0x%016x"),
 * and, beyond the Python script, "page counts" (block -> {"pages", "zero"}).
 *
 * Stricter than the script: footers, section ids, subsection names against the vmdesc,
 * EOF, the vmdesc record's position and length, and that no byte is left over are all
 * checked; the stream and its JSON are hostile input (bounded, depth-limited). */
#ifndef PCEMU_SNAPSHOT_ANALYZE_H
#define PCEMU_SNAPSHOT_ANALYZE_H

#include "emu/base/base.h"

typedef struct VmsDumpOpts {
    const char *extract_dir;  /* non-NULL: write desc.json, state.json and one file per RAM
                                 block (named as the block, leading '/' dropped) there */
} VmsDumpOpts;

/* Decodes the stream buf[0..len). On success *json_out is the malloc'd, NUL-terminated
 * dump (caller frees). Returns 0 or -errno with err naming the offset and section. */
int vms_dump(const uint8_t *buf, size_t len, const VmsDumpOpts *o, char **json_out, Err *err);

/* The stream's own vmdesc JSON (the record after EOF), 4-space indented, like
 * analyze-migration.py's `-d desc`. *json_out is malloc'd. */
int vms_dump_desc(const uint8_t *buf, size_t len, char **json_out, Err *err);

/* `pcemu-img vmstate ARGS...` (argv[0] = "vmstate"): dump [--extract DIR] IMAGE SNAPSHOT
 * or dump [--extract DIR] STREAMFILE; --desc instead prints the stream's vmdesc. Prints the dump to stdout, errors to stderr; returns
 * the process exit status (0, 1 on error, 2 on usage). */
int vms_dump_main(int argc, char **argv);

#endif
