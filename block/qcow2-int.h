/* qcow2-int.h: what the qcow2 driver's files (qcow2.c, qcow2-snap.c, qcow2-check.c) share:
 * the in-memory image, on-disk constants and the transaction machinery. Not for users of
 * the block layer (they use block.h and qcow2.h). */
#ifndef PCEMU_BLOCK_QCOW2_INT_H
#define PCEMU_BLOCK_QCOW2_INT_H

#include "block/qcow2.h"

#define QCOW2_MAGIC 0x514649fbu
#define QCOW2_L1E_OFFSET 0x00fffffffffffe00ull
#define QCOW2_L1E_RESERVED 0x7f000000000001ffull
#define QCOW2_L2E_OFFSET 0x00fffffffffffe00ull
#define QCOW2_L2E_STD_RESERVED 0x3f000000000001feull
#define QCOW2_RT_OFFSET 0xfffffffffffffe00ull
#define QCOW2_RT_RESERVED 0x1ffull
#define QCOW2_COPIED (1ull << 63)
#define QCOW2_COMPRESSED (1ull << 62)
#define QCOW2_ZERO 1ull
#define QCOW2_INCOMPAT_DIRTY 1ull
#define QCOW2_INCOMPAT_CORRUPT 2ull
#define QCOW2_INCOMPAT_DATA_FILE 4ull
#define QCOW2_INCOMPAT_COMPRESSION 8ull
#define QCOW2_INCOMPAT_EXTL2 16ull
#define QCOW2_INCOMPAT_KNOWN 0x1full
#define QCOW2_COMPAT_LAZY 1ull
#define QCOW2_AUTOCLEAR_BITMAPS 1ull
#define QCOW2_AUTOCLEAR_DATA_FILE_RAW 2ull
#define QCOW2_MAX_BITMAPS 65535u
#define QCOW2_MAX_BITMAP_DIR (1024ull * QCOW2_MAX_BITMAPS)
#define QCOW2_MAX_L1_ENTRIES (32u * 1024 * 1024 / 8)
#define QCOW2_MAX_REFTABLE (8u * 1024 * 1024)
#define QCOW2_MAX_SNAPSHOTS 65536
#define QCOW2_MAX_SNAP_EXTRA 1024
#define QCOW2_MAX_SNAP_TABLE (64u * 1024 * 1024)
#define QCOW2_SNAP_EXTRA_WRITE 24   /* vm_state_size_large, disk_size, icount */

/* A snapshot table entry (doc 7.2), byte offsets; big-endian. The fixed part is followed
 * by extra_data_size bytes of extra data, the ID, the name, and padding to 8 bytes. */
enum {
    QCOW2_SNAP_L1_OFFSET = 0,         /* u64 the snapshot's L1 table */
    QCOW2_SNAP_L1_SIZE = 8,           /* u32 its entries */
    QCOW2_SNAP_ID_LEN = 12,           /* u16 bytes of ID */
    QCOW2_SNAP_NAME_LEN = 14,         /* u16 bytes of name */
    QCOW2_SNAP_DATE_SEC = 16,         /* u32 host time of the save, seconds */
    QCOW2_SNAP_DATE_NSEC = 20,        /* u32 and nanoseconds */
    QCOW2_SNAP_VM_CLOCK = 24,         /* u64 guest virtual clock, ns */
    QCOW2_SNAP_VM_STATE_SIZE = 32,    /* u32 VM-state bytes; 0 when they need 64 bits */
    QCOW2_SNAP_EXTRA_SIZE = 36,       /* u32 bytes of extra data */
    QCOW2_SNAP_FIXED_LEN = 40,        /* the extra data starts here */
};
/* The extra data, offsets from its start; a field past extra_data_size is absent. */
enum {
    QCOW2_SNAPX_VM_STATE_SIZE = 0,    /* u64 VM-state bytes */
    QCOW2_SNAPX_DISK_SIZE = 8,        /* u64 virtual disk size when taken */
    QCOW2_SNAPX_ICOUNT = 16,          /* u64 instruction count; all-ones = none */
};

/* One snapshot table entry as read (raw values checked at open, qcow2-snap.c). */
typedef struct Qcow2Snap {
    uint64_t l1_off;
    uint32_t l1_size;
    char *id, *name;            /* NUL-terminated copies of the on-disk bytes */
    uint16_t id_len, name_len;
    uint32_t date_sec, date_nsec;
    uint64_t vm_clock;
    uint64_t vm_state_size;     /* 64-bit field when present, else the 32-bit one */
    uint64_t disk_size;
    uint64_t icount;
    uint32_t extra_size;        /* as read; written back as max(24, this) */
    uint8_t *extra_unknown;     /* extra bytes beyond the 24 known, preserved */
    uint32_t extra_unknown_len;
} Qcow2Snap;

enum { QCOW2_L2_CACHE = 16 };

struct Qcow2 {
    int fd;
    char *path;
    bool read_only;
    uint64_t file_size;           /* current length of the image file */
    uint64_t file_wr_highest;     /* end of the highest write to the file since open */
    long crash_after;             /* metadata writes left before exit(99); <0 = never */
    int64_t vm_read_budget;       /* VM-state bytes readable before EIO; <0 = no limit */
    void *view;                   /* the mapping qcow2_vmstate_view returned last, or NULL */
    size_t view_len;
    bool unsynced;                /* written since the last q_barrier: close syncs only then,
                                     as QEMU's flush skips a node with no new writes */
    /* header (validated) */
    uint32_t version;
    unsigned cluster_bits;
    uint64_t cluster_size;
    uint64_t size;                /* virtual disk size */
    uint32_t header_len;
    uint32_t l1_size;
    uint64_t l1_off;
    uint64_t rt_off;
    uint32_t rt_clusters;
    uint64_t incompat, compat, autoclear;
    unsigned refcount_order;
    uint8_t compression_type;
    uint8_t *feature_table;       /* the feature-name extension, for messages */
    uint32_t feature_table_len;
    /* derived geometry */
    bool ext_l2;
    unsigned l2_bits;             /* log2(entries per L2 table) */
    uint64_t l2_entries;
    unsigned l2_esize;            /* 8, or 16 with extended L2 */
    unsigned csize_shift;         /* compressed descriptor: sector count position */
    uint64_t csize_mask, coff_mask;
    uint64_t rb_entries;          /* refcounts per refcount block */
    uint64_t rc_max;              /* largest refcount value */
    /* tables */
    uint64_t *l1;                 /* active L1, l1_size entries, as on disk */
    Qcow2Snap *snaps;
    int nsnaps;
    uint64_t snaps_off, snaps_size;
    /* refcounts: loaded on first need; equal to the on-disk state between operations */
    bool rc_loaded;
    uint64_t *rc;                 /* refcount per host cluster, rc_n clusters (0 beyond) */
    uint64_t rc_n;
    uint64_t *rt;                 /* refcount table entries (block offsets), rt_n */
    uint64_t rt_n;
    uint64_t free_hint;           /* no free cluster below this index */
    const uint64_t *avoid;        /* repair: clusters still referenced, never allocated */
    uint64_t avoid_n;
    uint64_t comp_off;            /* next free byte of the current compressed cluster; 0 none */
    /* caches */
    struct { uint64_t off; uint8_t *data; uint64_t used; } l2c[QCOW2_L2_CACHE];
    uint64_t l2c_clock;
    uint8_t *zbuf;                /* compressed input, 2 clusters + 512 */
    uint8_t *dbuf;                /* last decompressed cluster */
    uint64_t dbuf_entry;          /* its L2 entry; 0 = none */
    uint8_t *tmp;                 /* one cluster of scratch for COW */
    uint64_t *snap_l1;            /* last snapshot L1 read (vmstate reads) */
    uint64_t snap_l1_off;
    uint32_t snap_l1_n;
};

/* The qcow2 header (doc 2), byte offsets; fields big-endian, widths in the comments.
 * Bytes QCOW2_HDR_COMMIT..+QCOW2_HDR_COMMIT_LEN are the transaction's one commit write
 * (qcow2.c design note 3). */
enum {
    QCOW2_HDR_MAGIC = 0,              /* u32 "QFI\xfb" */
    QCOW2_HDR_VERSION = 4,            /* u32 2 or 3 */
    QCOW2_HDR_BACKING_OFFSET = 8,     /* u64 backing file name; 0 = none */
    QCOW2_HDR_BACKING_SIZE = 16,      /* u32 its length in bytes */
    QCOW2_HDR_CLUSTER_BITS = 20,      /* u32 log2(cluster size), 9..21 */
    QCOW2_HDR_SIZE = 24,              /* u64 virtual disk size in bytes */
    QCOW2_HDR_CRYPT_METHOD = 32,      /* u32 0 = not encrypted (the only one supported) */
    QCOW2_HDR_L1_SIZE = 36,           /* u32 active L1 entries */
    QCOW2_HDR_L1_OFFSET = 40,         /* u64 active L1 table */
    QCOW2_HDR_RT_OFFSET = 48,         /* u64 refcount table */
    QCOW2_HDR_RT_CLUSTERS = 56,       /* u32 refcount table length in clusters */
    QCOW2_HDR_NB_SNAPSHOTS = 60,      /* u32 snapshot count */
    QCOW2_HDR_SNAPSHOTS_OFFSET = 64,  /* u64 snapshot table */
    QCOW2_HDR_V2_LEN = 72,            /* end of the version 2 header */
    QCOW2_HDR_INCOMPAT = 72,          /* u64 incompatible features (v3) */
    QCOW2_HDR_COMPAT = 80,            /* u64 compatible features */
    QCOW2_HDR_AUTOCLEAR = 88,         /* u64 autoclear features */
    QCOW2_HDR_REFCOUNT_ORDER = 96,    /* u32 log2(refcount bits), 0..6 */
    QCOW2_HDR_HEADER_LENGTH = 100,    /* u32 header length, extensions follow */
    QCOW2_HDR_V3_LEN = 104,           /* end of the version 3 header's mandatory part */
    QCOW2_HDR_COMPRESSION_TYPE = 104, /* u8 0 zlib, 1 zstd (when header_length > 104) */
    QCOW2_HDR_COMMIT = QCOW2_HDR_SIZE,
    QCOW2_HDR_COMMIT_LEN = QCOW2_HDR_V2_LEN - QCOW2_HDR_SIZE,
};

/* A metadata transaction (qcow2.c, design note 3): the new state is built in memory, new
 * structures go to clusters free before and after, and one header write commits. */
typedef struct Qcow2Write { uint64_t off; uint8_t *buf; size_t len; } Qcow2Write;
typedef struct Qcow2Txn {
    uint64_t *rc;                 /* refcounts after the commit */
    uint64_t rc_n;
    uint64_t *l1;                 /* active L1 after the commit */
    uint32_t l1_size;
    bool l1_dirty;
    Qcow2Snap *snaps;             /* snapshot list after the commit (deep copy) */
    int nsnaps;
    bool snaps_dirty;
    uint64_t size;                /* virtual size after the commit */
    Qcow2Write *writes;           /* new clusters to write before the commit */
    int nwrites;
} Qcow2Txn;

/* qcow2.c */
int q_read(Qcow2 *q, uint64_t off, void *buf, size_t len, bool zero_past_eof, Err *err);
int q_write(Qcow2 *q, uint64_t off, const void *buf, size_t len, Err *err);
int q_meta_write(Qcow2 *q, uint64_t off, const void *buf, size_t len, Err *err);
int q_barrier(Qcow2 *q, Err *err);
int q_load_refcounts(Qcow2 *q, bool tolerant, Err *err);
int q_l2_get(Qcow2 *q, uint64_t off, uint8_t **out, Err *err);
void q_cache_drop(Qcow2 *q);
int q_read_l1(Qcow2 *q, const uint64_t *l1, uint32_t l1_size, uint64_t goff, uint8_t *buf,
              size_t len, Err *err);
int q_alloc_run(Qcow2 *q, uint64_t n, uint64_t *off, Err *err);
int q_rc_add_in_place(Qcow2 *q, uint64_t cluster, int64_t delta, Err *err);
uint64_t q_vm_state_index(const Qcow2 *q, uint64_t disk_size);
void q_snap_free(Qcow2Snap *s);
int q_mark_corrupt(Qcow2 *q, Err *err);
static inline uint64_t q_rc_at(const uint64_t *rc, uint64_t n, uint64_t i)
{
    return i < n ? rc[i] : 0;   /* refcount i of an in-memory array; 0 past its end */
}
uint64_t q_clusters_for(const Qcow2 *q, uint64_t bytes);
void q_geometry(Qcow2 *q);                 /* derived fields from cluster_bits, ext_l2, ... */
uint64_t q_l1_entries_for(const Qcow2 *q, uint64_t size);
void q_rb_put(uint8_t *blk, uint64_t i, unsigned order, uint64_t v);
void q_rc_grow(uint64_t **rc, uint64_t *n, uint64_t need);
uint64_t q_find_free_run(const Qcow2 *q, const uint64_t *other, uint64_t other_n, uint64_t n);
/* qcow2-txn.c */
int txn_begin(Qcow2 *q, Qcow2Txn *t);
void txn_abort(Qcow2Txn *t);
int txn_commit(Qcow2 *q, Qcow2Txn *t, Err *err);
int txn_rc_add(Qcow2 *q, Qcow2Txn *t, uint64_t cluster, int64_t delta, Err *err);
int txn_alloc(Qcow2 *q, Qcow2Txn *t, uint64_t n, uint64_t *off, Err *err);
void txn_write(Qcow2Txn *t, uint64_t off, uint8_t *buf, size_t len);
int txn_ref_l1(Qcow2 *q, Qcow2Txn *t, const uint64_t *l1, uint32_t n, int delta, Err *err);
int txn_ref_l2(Qcow2 *q, Qcow2Txn *t, const uint8_t *l2, int delta, Err *err);
int txn_fix_copied(Qcow2 *q, Qcow2Txn *t, Err *err);
void q_compressed_range(const Qcow2 *q, uint64_t entry, uint64_t *coff, uint64_t *csize);
/* qcow2-check.c: 0 when a full repair would fix every finding; else -EIO and why, having
 * written nothing */
int q_check_repairable(Qcow2 *q, Err *err);
/* qcow2-snap.c */
int q_read_snapshots(Qcow2 *q, Err *err);
uint8_t *q_snapshot_table(const Qcow2 *q, const Qcow2Snap *s, int n, size_t *len);

#endif
