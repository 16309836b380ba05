/* mtree.h: the named region tree that HMP `info mtree` prints, in QEMU 7.2's model
 * (softmmu/memory.c): regions with a name, a kind, a size, a priority and an offset in their
 * parent; aliases that show a window of another region; address spaces that name a root.
 * The bus (bus.h) owns one tree per machine with two roots, "io" (the 64 KiB port space)
 * and "system" (the 2^64 memory space); whoever maps a range into the bus also adds its
 * region here, under QEMU's name, and switches it as the mapping changes (PAM, SMRAM, PCI
 * BARs), so that the listing follows the same state as the page and port maps.
 *
 * Rendering (`info mtree -f`) follows QEMU's rules: a disabled region shows nothing; of
 * overlapping siblings the higher priority wins, and among equal priorities the one added
 * last; a region with contents (ram, rom, i/o) fills what its children leave free; a
 * container shows only its children; adjacent pieces of one region merge.
 *
 * Sizes are passed as the last offset (size - 1) so that 2^64 bytes fit. Names are borrowed:
 * string literals or storage that outlives the tree. */
#ifndef PCEMU_MTREE_H
#define PCEMU_MTREE_H

#include "emu/base/base.h"

typedef enum {
    MTREE_CONTAINER,   /* shows only its children; prints as "i/o" */
    MTREE_IO,          /* handlers ("i/o") */
    MTREE_RAM,         /* "ram" */
    MTREE_ROM,         /* "rom": host bytes, read-only */
} MtreeKind;

#define MTREE_ALL UINT64_MAX   /* last offset of a 2^64-byte region */

typedef struct Mtree Mtree;
typedef struct MtreeRegion MtreeRegion;

Mtree *mtree_new(void);
void mtree_free(Mtree *t);

/* A new region, not yet in any parent; enabled. */
MtreeRegion *mtree_region(Mtree *t, const char *name, MtreeKind kind, uint64_t last);
/* A new alias showing target's offsets [offset, offset + last]. */
MtreeRegion *mtree_alias(Mtree *t, const char *name, MtreeRegion *target, uint64_t offset,
                         uint64_t last);
/* Puts child (in no parent yet) at addr inside parent. */
void mtree_add(MtreeRegion *parent, MtreeRegion *child, uint64_t addr, int priority);
/* Takes r out of its parent (nothing when it has none). */
void mtree_del(MtreeRegion *r);
void mtree_set_enabled(MtreeRegion *r, bool enabled);
/* An alias that shows its target read-only (QEMU's memory_region_set_readonly). */
void mtree_set_readonly(MtreeRegion *r, bool readonly);
/* The first region created with this name, or NULL. */
MtreeRegion *mtree_find(const Mtree *t, const char *name);

/* An address space named name whose root is root (QEMU's address_space_init). */
void mtree_add_as(Mtree *t, const char *name, MtreeRegion *root);

/* Prints the tree as HMP `info mtree` (flat: `-f`, the rendered views; disabled: `-D`,
 * disabled regions too) through put, a piece of text at a time. */
typedef void (*MtreePutFn)(void *opaque, const char *text);
void mtree_print(const Mtree *t, bool flat, bool disabled, MtreePutFn put, void *opaque);

#endif
