/* ram.h: the 'ram' section (version 4) over a list of named RAM blocks, as QEMU 7.2 writes
 * it for savevm (migration-stream.md section 14): START = the block list (names and sizes),
 * PART = every page of every block in order (all-zero pages as ZERO with fill 0, the rest
 * as PAGE, CONTINUE while the block does not change), END = EOS only.
 *
 * Usage (machine side; emu/machine/machine.h's RamBlock has the same four members):
 *   RamSectionBlock blocks[] = { { "pc.ram", ram, 32 << 20 }, { "pc.bios", bios, 256 << 10 }, ... };
 *   RamSection *rs = ram_section_new(blocks, n);
 *   sec_register_iter(list, "ram", 0, RAM_SECTION_VERSION, &ram_sec_iter, rs, err);
 * Host memory is borrowed; block sizes must be multiples of RAM_PAGE_SIZE. Blocks are listed
 * in the order given (QEMU's: largest first). On load pages go straight into the blocks,
 * so load into a fresh target (sections.h). */
#ifndef PCEMU_SNAPSHOT_RAM_H
#define PCEMU_SNAPSHOT_RAM_H

#include "emu/base/base.h"
#include "snapshot/format/sections.h"

#define RAM_SECTION_VERSION 4
#define RAM_PAGE_SIZE 4096u

enum {  /* flags in the low 12 bits of a page record word */
    RAM_FLAG_FULL = 0x001, RAM_FLAG_ZERO = 0x002, RAM_FLAG_MEM_SIZE = 0x004,
    RAM_FLAG_PAGE = 0x008, RAM_FLAG_EOS = 0x010, RAM_FLAG_CONTINUE = 0x020,
    RAM_FLAG_XBZRLE = 0x040, RAM_FLAG_HOOK = 0x080, RAM_FLAG_COMPRESS_PAGE = 0x100,
};

typedef struct RamSectionBlock {
    const char *name;   /* QEMU's RAMBlock idstr: "pc.ram", "pc.bios", "/rom@etc/acpi/tables" */
    uint8_t *host;      /* borrowed */
    uint64_t size;      /* bytes, a multiple of RAM_PAGE_SIZE: the used size, saved */
    uint64_t max_size;  /* 0: fixed size; else a resizable block (QEMU's /rom@etc/... blobs):
                           host holds max_size bytes and a load takes any used size of whole
                           pages up to it (ram_section_block_size tells which) */
} RamSectionBlock;

typedef struct RamSection RamSection;

/* Copies the list (names too); asserts sizes are page multiples and names 1..255 bytes. */
RamSection *ram_section_new(const RamSectionBlock *blocks, int n);
void ram_section_free(RamSection *rs);
/* Declares that every block is all zero right now and untouched (a freshly created machine
 * before loadvm): load then skips ZERO pages with fill 0 that the stream has not written
 * before, instead of testing them, which would fault in (and on some hosts allocate) every
 * untouched page. Correct for any stream: a per-page bitmap records pages already written. */
void ram_section_assume_zero(RamSection *rs);
/* The same for one block (a fresh machine's "pc.ram", while "pc.bios" and "pc.rom" already
 * hold firmware). Returns false when no block has that name. */
bool ram_section_assume_zero_block(RamSection *rs, const char *name);
/* Declares that the block holds stale bytes (a fresh machine's "pc.ram" that took over the
 * running machine's memory, machine_ram_move): load writes every ZERO page, and after a
 * successful load ram_section_clear_unwritten zeroes the pages the stream did not mention,
 * so the result equals a load into zeroed memory. Returns false when no block has that
 * name. */
bool ram_section_stale_block(RamSection *rs, const char *name);
void ram_section_clear_unwritten(RamSection *rs);
/* Declares that load only checks the block's records (loadvm's first pass, loadvm.h): every
 * record is read and checked as usual, page contents are read and dropped, and the block is
 * not written. Returns false when no block has that name. */
bool ram_section_check_only_block(RamSection *rs, const char *name);
/* Declares that the block is private anonymous memory (mmap MAP_ANONYMOUS): a page this
 * process never touched reads as zeros, so save writes it as ZERO without reading it
 * (which would fault it in); /proc/self/pagemap tells which. Returns false when no block
 * has that name. */
bool ram_section_anon_block(RamSection *rs, const char *name);
/* Declares a lazy load of the block (a fresh machine's "pc.ram", loadvm.h): the block is
 * assumed zero as with ram_section_assume_zero_block, every record is read and checked,
 * but a PAGE record's bytes stay in the stream: load records their stream offset
 * (stream_tell) per page instead, for ram_section_take_sources. ZERO records are applied.
 * Returns false when no block has that name. */
bool ram_section_lazy_block(RamSection *rs, const char *name);
/* After a lazy load of block `name`: one entry per page, the stream offset of the bytes
 * the page still has to get (0: the page holds its bytes already); *pending gets a bitmap
 * of the non-zero entries (one bit per page) and *npending their count. The caller owns
 * both arrays (free()). NULL (and *pending NULL) when the block was not loaded lazily. */
uint64_t *ram_section_take_sources(RamSection *rs, const char *name, uint64_t **pending,
                                   uint64_t *npending);
/* A block's used size: its size, or for a resizable block what the last load set. 0 when
 * no block has that name. */
uint64_t ram_section_block_size(const RamSection *rs, const char *name);
/* Sets a resizable block's used size (QEMU's qemu_ram_resize: the ACPI blobs rebuilt after
 * a reset). False, and nothing changed, for another block, a size of no whole pages or
 * above the maximum. */
bool ram_section_resize_block(RamSection *rs, const char *name, uint64_t size);
/* After a load: pages written per block (for reports and tests). */
uint64_t ram_section_pages_loaded(const RamSection *rs, int block);

extern const SecIter ram_sec_iter;

/* True when the page (RAM_PAGE_SIZE bytes) is all zero; reads only, no copy. */
bool ram_page_is_zero(const uint8_t *p);

#endif
