/* bus.h: where the CPU and the devices meet. One Bus per machine holds the 64 KiB I/O port
 * space and the 4 GiB physical memory map.
 *
 * Ports: a device maps a range with read/write handlers that get the offset inside the
 * range and the access size. An access of a size the range does not accept (sizes mask) is
 * split into byte accesses, little-endian. Unclaimed ports read all-ones, writes vanish.
 *
 * Memory: 4 KiB pages. Each page has a read target and a write target, each either a host
 * pointer (RAM or ROM contents) or the page's MMIO handlers; a page with neither is
 * unassigned (reads all-ones, writes ignored). Separate targets model PAM shadowing (read
 * ROM, write RAM) and ROM (read host, writes ignored). Every map change increments the
 * generation so the CPU can drop its TLB and decoded-instruction caches.
 *
 * Writes that reach RAM through bus_mem_* (DMA, the CPU's slow path) call the write hook,
 * which the machine points at the CPU's code-cache invalidation.
 *
 * Lazy RAM (bus_set_lazy): a host range some of whose pages do not hold their bytes yet (a
 * machine started from a snapshot, snapshot/vm/loadvm.h). Every path that hands out or
 * uses a host pointer into the range (bus_read_ptr and bus_write_ptr, so the CPU's TLB
 * fill, the slow path and DMA alike) first has a pending page filled, so no pointer to an
 * unfilled page ever leaves the bus. */
#ifndef PCEMU_BUS_H
#define PCEMU_BUS_H

#include "emu/base/base.h"
#include "emu/hw/mtree.h"

typedef uint32_t (*BusReadFn)(void *opaque, uint32_t off, unsigned size);
typedef void (*BusWriteFn)(void *opaque, uint32_t off, uint32_t val, unsigned size);

enum { IO_SIZE8 = 1, IO_SIZE16 = 2, IO_SIZE32 = 4, IO_SIZE_ALL = 7 };
#define BUS_PAGE_BITS 12
#define BUS_PAGE_SIZE (1u << BUS_PAGE_BITS)

typedef struct Bus Bus;

Bus *bus_new(void);
void bus_free(Bus *b);

/* ---- I/O ports ---- */
void bus_map_io(Bus *b, uint16_t base, uint32_t len, void *opaque, BusReadFn rd, BusWriteFn wr,
                unsigned sizes);
void bus_unmap_io(Bus *b, uint16_t base, uint32_t len);
/* bus_map_io, and the range's region `name` (QEMU's name for it) in the I/O root of the
 * tree `info mtree` prints, priority 0. */
MtreeRegion *bus_map_io_named(Bus *b, const char *name, uint16_t base, uint32_t len, void *opaque,
                              BusReadFn rd, BusWriteFn wr, unsigned sizes);
/* Only the region: for a range whose handlers are mapped in other pieces than QEMU's
 * regions, or a port QEMU names whose unclaimed behaviour pcemu already has. */
MtreeRegion *bus_name_io(Bus *b, const char *name, uint16_t base, uint32_t len, int priority);
uint32_t bus_io_read(Bus *b, uint16_t port, unsigned size);
void bus_io_write(Bus *b, uint16_t port, uint32_t val, unsigned size);

/* ---- physical memory (addr and len page-aligned) ---- */
void bus_map_ram(Bus *b, uint32_t addr, uint32_t len, uint8_t *host);    /* read/write */
void bus_map_rom(Bus *b, uint32_t addr, uint32_t len, uint8_t *host);    /* read only */
/* Reads and writes with separate targets; NULL = unassigned for that direction. */
void bus_map_split(Bus *b, uint32_t addr, uint32_t len, uint8_t *rd_host, uint8_t *wr_host);
void bus_map_mmio(Bus *b, uint32_t addr, uint32_t len, void *opaque, BusReadFn rd, BusWriteFn wr,
                  unsigned sizes);
void bus_unmap_mem(Bus *b, uint32_t addr, uint32_t len);
/* An i/o region `name` at [addr, addr + len) of the memory root (bus_mtree): QEMU's name and
 * size for a device's MMIO, which pcemu maps in whole pages. */
MtreeRegion *bus_name_mmio(Bus *b, const char *name, uint32_t addr, uint32_t len, int priority);
uint64_t bus_generation(const Bus *b);

/* The machine's region tree (mtree.h): its roots are "io" (the port space, an i/o region
 * whose handlers answer what no device claims) and "system" (the memory space). */
Mtree *bus_mtree(Bus *b);
MtreeRegion *bus_io_root(Bus *b);
MtreeRegion *bus_mem_root(Bus *b);

/* Host pointer to the byte at paddr for reading / writing, valid up to the end of its page,
 * or NULL when that direction is MMIO or unassigned. The CPU's TLB caches these. */
uint8_t *bus_read_ptr(Bus *b, uint32_t paddr);
uint8_t *bus_write_ptr(Bus *b, uint32_t paddr);

/* Slow path for any target; size 1, 2 or 4; may cross a page. */
uint32_t bus_mem_read(Bus *b, uint32_t paddr, unsigned size);
void bus_mem_write(Bus *b, uint32_t paddr, uint32_t val, unsigned size);
/* Block copy for DMA and loaders; crosses pages and targets as needed. */
void bus_mem_rw(Bus *b, uint32_t paddr, void *buf, uint32_t len, bool write);

void bus_set_write_hook(Bus *b, void (*hook)(void *opaque, uint32_t paddr, uint32_t len), void *opaque);

/* Fills host page `page` (index into the lazy range) and returns true, or returns false when
 * it cannot: the access then goes to a scratch page (reads zeros, writes are dropped) and
 * the filler is expected to have stopped the machine. */
typedef bool (*BusFillFn)(void *opaque, uint64_t page);
/* [host, host + size) has pending pages: bit p of pending (borrowed; the filler clears it
 * once page p holds its bytes) set means fill(opaque, p) runs before any access to the
 * page. host == NULL ends lazy RAM. */
void bus_set_lazy(Bus *b, uint8_t *host, uint64_t size, const uint64_t *pending, BusFillFn fill,
                  void *opaque);

#endif
