/* vmstate.h: declarative descriptions of saved state (QEMU's VMStateDescription, in C11).
 *
 * A device declares its saved state once, as a VmsDesc table beside its state struct; the
 * same table saves, loads (with every check of migration-stream.md sections 10-13) and
 * produces the vmdesc JSON (section 7). Field order, names, type names, versions and
 * subsections must equal QEMU 7.2's for a device QEMU also has
 * (../shared/docs/qemu-7.2-pc-i440fx-vmdesc.json).
 *
 * Each VMS_* macro checks the C type of the member it names with _Static_assert, so a table
 * cannot silently disagree with its struct. Every macro has a named form (VMSN_*, the JSON
 * name first) for QEMU names that are not the C member name: "env.regs", "config[0]",
 * "channels[0].irq_disabled".
 *
 * Example:
 *   const VmsDesc pic_vms = {
 *       .name = "i8259", .version = 1, .min_version = 1, .post_load = pic_post_load,
 *       .fields = (const VmsField[]){ VMS_UINT8(PicState, last_irr), ..., VMS_END },
 *   };
 */
#ifndef PCEMU_SNAPSHOT_VMSTATE_H
#define PCEMU_SNAPSHOT_VMSTATE_H

#include <stddef.h>

#include "emu/base/base.h"
#include "snapshot/format/stream.h"

typedef struct VmsField VmsField;
typedef struct VmsDesc VmsDesc;

/* How one element is put on and taken off the wire. `name` is the JSON type name.
 * get() reads into elem (for the 'equal' kinds: compares with *elem and fails on mismatch);
 * both return 0 or a negative errno with err filled (naming f->name). size is the element
 * size in host memory (VmsField.size). */
typedef struct VmsInfo {
    const char *name;
    int (*get)(Stream *s, void *elem, size_t size, const VmsField *f, Err *err);
    int (*put)(Stream *s, const void *elem, size_t size, const VmsField *f, Err *err);
} VmsInfo;

extern const VmsInfo vms_info_bool, vms_info_int8, vms_info_uint8, vms_info_int16,
    vms_info_uint16, vms_info_int32, vms_info_uint32, vms_info_int64, vms_info_uint64,
    vms_info_uint8_equal, vms_info_uint16_equal, vms_info_int32_equal, vms_info_uint32_equal,
    vms_info_uint64_equal,  /* JSON name "int64 equal", as QEMU spells it */
    vms_info_int32_le,      /* "int32 le": load accepts 0 <= v <= local value (less or equal) */
    vms_info_cpudouble,     /* "CPU_Double_U": be32 high half, be32 low half of a uint64 */
    vms_info_buffer,        /* "buffer": size raw bytes */
    vms_info_unused,        /* "unused_buffer": size zero bytes written, skipped on load */
    vms_info_timer;         /* "timer": the int64 deadline at the start of a Timer (clock.h),
                               -1 = not armed; machine_post_load re-arms */

typedef enum VmsKind {
    VMS_K_END = 0,       /* terminates a field list */
    VMS_K_ELEM,          /* num (or a counted number of) elements through info */
    VMS_K_STRUCT,        /* elements are nested VmsDesc bodies (with their subsections) */
    VMS_K_TMP,           /* QEMU's VMSTATE_WITH_TMP: a scratch object of `size` bytes whose first
                            member is a pointer to the parent, run through vmsd (pre_save fills
                            it; post_load copies back) */
    VMS_K_VALIDATE,      /* no bytes; on load test() must hold, else "Input validation failed" */
} VmsKind;

typedef enum VmsCount {  /* where the element count of a variable array lives */
    VMS_COUNT_FIXED = 0, /* num */
    VMS_COUNT_U8, VMS_COUNT_U16, VMS_COUNT_I32, VMS_COUNT_U32, /* a member at count_off */
} VmsCount;

struct VmsField {
    const char *name;        /* JSON name */
    VmsKind kind;
    const VmsInfo *info;     /* VMS_K_ELEM */
    const VmsDesc *vmsd;     /* VMS_K_STRUCT, VMS_K_TMP */
    size_t offset;           /* of the first element in the parent object */
    size_t size;             /* bytes of one element in host memory (= on the wire for ELEM) */
    uint32_t num;            /* fixed element count (>= 1) or the upper bound of a counted one */
    VmsCount count;          /* VMS_COUNT_FIXED or the width of the count member */
    size_t count_off;        /* offset of the count member in the parent object */
    int version;             /* present when version <= the description's version in use */
    bool (*test)(void *opaque, int version); /* if set, present only when true */
};

/* MigrationPriority (migration-stream.md 8.2): higher saves and loads first. */
enum { VMS_PRI_DEFAULT = 0, VMS_PRI_IOMMU = 1, VMS_PRI_PCI_BUS = 2, VMS_PRI_MAX = 6 };

struct VmsDesc {
    const char *name;        /* vmsd_name: the section idstr without bus path; subsections
                                "parent/child" */
    int version, min_version;
    int priority;            /* VMS_PRI_* */
    bool (*needed)(void *opaque);                 /* subsections, optional sections */
    int (*pre_save)(void *opaque, Err *err);      /* normalise own fields only */
    void (*post_save)(void *opaque);              /* called even after a failed save */
    int (*pre_load)(void *opaque, Err *err);      /* set defaults for absent subsections */
    int (*post_load)(void *opaque, int version, Err *err); /* check indexes/modes; no other
                                                              device (style.md section 4) */
    const VmsField *fields;                       /* ends with VMS_END */
    const VmsDesc *const *subsections;            /* NULL-terminated, or NULL */
};

/* Save one description's body (fields, then subsections) for object opaque at `version`
 * (top level: desc->version). When json is non-NULL, the description's JSON object
 * (migration-stream.md 7.2: "vmsd_name", "version", "fields", "subsections") is appended
 * to it; JsonBuf is a growing text buffer owned by the caller. Returns 0 or -errno.
 * JSON detail: on an empty JsonBuf a whole object "{...}" is written (what a device test
 * compares with its entry in the reference vmdesc, minus "name" and "instance_id");
 * otherwise the members are appended to the object the caller has open (the section
 * writer opens it with "name" and "instance_id"). The text is always NUL-terminated. */
typedef struct JsonBuf { char *buf; size_t len, cap; } JsonBuf;
int vms_save(Stream *s, const VmsDesc *d, void *opaque, JsonBuf *json, Err *err);

/* QEMU's compact JSON writer (", " between members, ": " after keys), for the vmdesc and
 * the analyzer. key NULL = an array element. json_open/json_close take '{' / '[' and
 * '}' / ']'. json_quoted writes n bytes as a JSON string (bytes outside printable ASCII
 * as \u00XX). json_free releases the buffer and empties it. */
void json_str(JsonBuf *j, const char *key, const char *val);
void json_int(JsonBuf *j, const char *key, int64_t val);
void json_raw(JsonBuf *j, const char *key, const char *text);
void json_open(JsonBuf *j, const char *key, char bracket);
void json_close(JsonBuf *j, char bracket);
void json_quoted(JsonBuf *j, const char *s, size_t n);
void json_free(JsonBuf *j);
/* Load a body written at `version` (already checked against [min_version, version]). */
int vms_load(Stream *s, const VmsDesc *d, void *opaque, int version, Err *err);

/* ---- field macros ---- */
#define VMS__MEMBER(S, f) (((S *)0)->f)
#define VMS__IS(S, f, T) _Generic(VMS__MEMBER(S, f), T: 1, default: 0)
#define VMS__CHECK(S, f, T) \
    (sizeof(struct { _Static_assert(VMS__IS(S, f, T), "VMS: " #S "." #f " is not " #T); int x; }) * 0)
#define VMS__ELEM_IS(S, f, T) _Generic(VMS__MEMBER(S, f)[0], T: 1, default: 0)
#define VMS__CHECK_ARRAY(S, f, T, n) \
    (sizeof(struct { _Static_assert(VMS__ELEM_IS(S, f, T) && \
        sizeof(VMS__MEMBER(S, f)) == sizeof(T) * (n), "VMS: " #S "." #f " is not " #T "[" #n "]"); int x; }) * 0)

/* One scalar of C type T through info. */
#define VMSN_SCALAR_V(nm, S, f, T, inf, v) \
    { .name = (nm), .kind = VMS_K_ELEM, .info = &(inf), .offset = offsetof(S, f) + VMS__CHECK(S, f, T), \
      .size = sizeof(T), .num = 1, .version = (v) }
/* A fixed array T f[n]. */
#define VMSN_ARRAY_V(nm, S, f, T, n, inf, v) \
    { .name = (nm), .kind = VMS_K_ELEM, .info = &(inf), \
      .offset = offsetof(S, f) + VMS__CHECK_ARRAY(S, f, T, n), .size = sizeof(T), .num = (n), .version = (v) }

#define VMSN_BOOL(nm, S, f)       VMSN_SCALAR_V(nm, S, f, bool, vms_info_bool, 0)
#define VMSN_INT8(nm, S, f)       VMSN_SCALAR_V(nm, S, f, int8_t, vms_info_int8, 0)
#define VMSN_UINT8(nm, S, f)      VMSN_SCALAR_V(nm, S, f, uint8_t, vms_info_uint8, 0)
#define VMSN_INT16(nm, S, f)      VMSN_SCALAR_V(nm, S, f, int16_t, vms_info_int16, 0)
#define VMSN_UINT16(nm, S, f)     VMSN_SCALAR_V(nm, S, f, uint16_t, vms_info_uint16, 0)
#define VMSN_INT32(nm, S, f)      VMSN_SCALAR_V(nm, S, f, int32_t, vms_info_int32, 0)
#define VMSN_UINT32(nm, S, f)     VMSN_SCALAR_V(nm, S, f, uint32_t, vms_info_uint32, 0)
#define VMSN_INT64(nm, S, f)      VMSN_SCALAR_V(nm, S, f, int64_t, vms_info_int64, 0)
#define VMSN_UINT64(nm, S, f)     VMSN_SCALAR_V(nm, S, f, uint64_t, vms_info_uint64, 0)
#define VMSN_UINT8_EQUAL(nm, S, f)  VMSN_SCALAR_V(nm, S, f, uint8_t, vms_info_uint8_equal, 0)
#define VMSN_UINT16_EQUAL(nm, S, f) VMSN_SCALAR_V(nm, S, f, uint16_t, vms_info_uint16_equal, 0)
#define VMSN_INT32_EQUAL(nm, S, f)  VMSN_SCALAR_V(nm, S, f, int32_t, vms_info_int32_equal, 0)
#define VMSN_UINT32_EQUAL(nm, S, f) VMSN_SCALAR_V(nm, S, f, uint32_t, vms_info_uint32_equal, 0)
#define VMSN_UINT64_EQUAL(nm, S, f) VMSN_SCALAR_V(nm, S, f, uint64_t, vms_info_uint64_equal, 0)
#define VMSN_INT32_LE(nm, S, f)     VMSN_SCALAR_V(nm, S, f, int32_t, vms_info_int32_le, 0)
#define VMSN_CPUDOUBLE(nm, S, f)    VMSN_SCALAR_V(nm, S, f, uint64_t, vms_info_cpudouble, 0)

#define VMS_BOOL(S, f)          VMSN_BOOL(#f, S, f)
#define VMS_INT8(S, f)          VMSN_INT8(#f, S, f)
#define VMS_UINT8(S, f)         VMSN_UINT8(#f, S, f)
#define VMS_INT16(S, f)         VMSN_INT16(#f, S, f)
#define VMS_UINT16(S, f)        VMSN_UINT16(#f, S, f)
#define VMS_INT32(S, f)         VMSN_INT32(#f, S, f)
#define VMS_UINT32(S, f)        VMSN_UINT32(#f, S, f)
#define VMS_INT64(S, f)         VMSN_INT64(#f, S, f)
#define VMS_UINT64(S, f)        VMSN_UINT64(#f, S, f)
#define VMS_UINT8_EQUAL(S, f)   VMSN_UINT8_EQUAL(#f, S, f)
#define VMS_UINT16_EQUAL(S, f)  VMSN_UINT16_EQUAL(#f, S, f)
#define VMS_INT32_EQUAL(S, f)   VMSN_INT32_EQUAL(#f, S, f)
#define VMS_UINT32_EQUAL(S, f)  VMSN_UINT32_EQUAL(#f, S, f)
#define VMS_INT32_LE(S, f)      VMSN_INT32_LE(#f, S, f)

/* Per-field version (QEMU's _V forms): present only when the version in use >= v. */
#define VMSN_UINT8_V(nm, S, f, v)   VMSN_SCALAR_V(nm, S, f, uint8_t, vms_info_uint8, v)
#define VMSN_UINT16_V(nm, S, f, v)  VMSN_SCALAR_V(nm, S, f, uint16_t, vms_info_uint16, v)
#define VMSN_UINT32_V(nm, S, f, v)  VMSN_SCALAR_V(nm, S, f, uint32_t, vms_info_uint32, v)
#define VMSN_INT32_V(nm, S, f, v)   VMSN_SCALAR_V(nm, S, f, int32_t, vms_info_int32, v)
#define VMSN_INT64_V(nm, S, f, v)   VMSN_SCALAR_V(nm, S, f, int64_t, vms_info_int64, v)
#define VMSN_UINT64_V(nm, S, f, v)  VMSN_SCALAR_V(nm, S, f, uint64_t, vms_info_uint64, v)
#define VMSN_BOOL_V(nm, S, f, v)    VMSN_SCALAR_V(nm, S, f, bool, vms_info_bool, v)
#define VMS_UINT8_V(S, f, v)        VMSN_UINT8_V(#f, S, f, v)
#define VMS_UINT16_V(S, f, v)       VMSN_UINT16_V(#f, S, f, v)
#define VMS_UINT32_V(S, f, v)       VMSN_UINT32_V(#f, S, f, v)
#define VMS_INT32_V(S, f, v)        VMSN_INT32_V(#f, S, f, v)
#define VMS_INT64_V(S, f, v)        VMSN_INT64_V(#f, S, f, v)
#define VMS_UINT64_V(S, f, v)       VMSN_UINT64_V(#f, S, f, v)
#define VMS_BOOL_V(S, f, v)         VMSN_BOOL_V(#f, S, f, v)

/* Fixed arrays. */
#define VMSN_UINT8_ARRAY(nm, S, f, n)  VMSN_ARRAY_V(nm, S, f, uint8_t, n, vms_info_uint8, 0)
#define VMSN_UINT16_ARRAY(nm, S, f, n) VMSN_ARRAY_V(nm, S, f, uint16_t, n, vms_info_uint16, 0)
#define VMSN_UINT32_ARRAY(nm, S, f, n) VMSN_ARRAY_V(nm, S, f, uint32_t, n, vms_info_uint32, 0)
#define VMSN_INT32_ARRAY(nm, S, f, n)  VMSN_ARRAY_V(nm, S, f, int32_t, n, vms_info_int32, 0)
#define VMSN_UINT64_ARRAY(nm, S, f, n) VMSN_ARRAY_V(nm, S, f, uint64_t, n, vms_info_uint64, 0)
#define VMSN_INT64_ARRAY(nm, S, f, n)  VMSN_ARRAY_V(nm, S, f, int64_t, n, vms_info_int64, 0)
#define VMSN_BOOL_ARRAY(nm, S, f, n)   VMSN_ARRAY_V(nm, S, f, bool, n, vms_info_bool, 0)
#define VMS_UINT8_ARRAY(S, f, n)   VMSN_UINT8_ARRAY(#f, S, f, n)
#define VMS_UINT16_ARRAY(S, f, n)  VMSN_UINT16_ARRAY(#f, S, f, n)
#define VMS_UINT32_ARRAY(S, f, n)  VMSN_UINT32_ARRAY(#f, S, f, n)
#define VMS_INT32_ARRAY(S, f, n)   VMSN_INT32_ARRAY(#f, S, f, n)
#define VMS_UINT64_ARRAY(S, f, n)  VMSN_UINT64_ARRAY(#f, S, f, n)
#define VMS_INT64_ARRAY(S, f, n)   VMSN_INT64_ARRAY(#f, S, f, n)

/* A fixed byte buffer uint8_t f[n], one "buffer" element of n bytes. */
#define VMSN_BUFFER_V(nm, S, f, v) \
    { .name = (nm), .kind = VMS_K_ELEM, .info = &vms_info_buffer, \
      .offset = offsetof(S, f) + VMS__CHECK_ARRAY(S, f, uint8_t, sizeof(VMS__MEMBER(S, f))), \
      .size = sizeof(VMS__MEMBER(S, f)), .num = 1, .version = (v) }
#define VMSN_BUFFER(nm, S, f) VMSN_BUFFER_V(nm, S, f, 0)
#define VMS_BUFFER(S, f)      VMSN_BUFFER(#f, S, f)
/* n zero bytes on the wire, no host storage ("unused"; QEMU's VMSTATE_UNUSED). */
#define VMSN_UNUSED_V(nm, n, v) \
    { .name = (nm), .kind = VMS_K_ELEM, .info = &vms_info_unused, .size = (n), .num = 1, .version = (v) }
#define VMS_UNUSED(n) VMSN_UNUSED_V("unused", n, 0)

/* A Timer (clock.h) member: its deadline, -1 when not armed. */
#define VMSN_TIMER(nm, S, f) \
    { .name = (nm), .kind = VMS_K_ELEM, .info = &vms_info_timer, \
      .offset = offsetof(S, f) + VMS__CHECK(S, f, Timer), .size = sizeof(int64_t), .num = 1 }
#define VMS_TIMER(S, f) VMSN_TIMER(#f, S, f)
#define VMSN_TIMER_V(nm, S, f, v) \
    { .name = (nm), .kind = VMS_K_ELEM, .info = &vms_info_timer, \
      .offset = offsetof(S, f) + VMS__CHECK(S, f, Timer), .size = sizeof(int64_t), .num = 1, \
      .version = (v) }
#define VMSN_TIMER_TEST(nm, S, f, fn) \
    { .name = (nm), .kind = VMS_K_ELEM, .info = &vms_info_timer, \
      .offset = offsetof(S, f) + VMS__CHECK(S, f, Timer), .size = sizeof(int64_t), .num = 1, \
      .test = (fn) }

/* A variable array T f[max] whose element count is the member cnt (QEMU's VARRAY_*):
 * the count is not on the wire; load checks it against max before reading. */
#define VMSN_VARRAY(nm, S, f, T, max, inf, cnt, CK, CT) \
    { .name = (nm), .kind = VMS_K_ELEM, .info = &(inf), \
      .offset = offsetof(S, f) + VMS__CHECK_ARRAY(S, f, T, max), .size = sizeof(T), .num = (max), \
      .count = (CK), .count_off = offsetof(S, cnt) + VMS__CHECK(S, cnt, CT) }
#define VMSN_VARRAY_I32(nm, S, f, T, max, inf, cnt) VMSN_VARRAY(nm, S, f, T, max, inf, cnt, VMS_COUNT_I32, int32_t)
#define VMSN_VARRAY_U32(nm, S, f, T, max, inf, cnt) VMSN_VARRAY(nm, S, f, T, max, inf, cnt, VMS_COUNT_U32, uint32_t)
#define VMSN_VARRAY_U16(nm, S, f, T, max, inf, cnt) VMSN_VARRAY(nm, S, f, T, max, inf, cnt, VMS_COUNT_U16, uint16_t)
#define VMSN_VARRAY_U8(nm, S, f, T, max, inf, cnt)  VMSN_VARRAY(nm, S, f, T, max, inf, cnt, VMS_COUNT_U8, uint8_t)

/* Nested structs: one T f, or T f[n], each element a body of desc (type "struct"). */
#define VMSN_STRUCT_V(nm, S, f, T, desc, v) \
    { .name = (nm), .kind = VMS_K_STRUCT, .vmsd = (desc), .offset = offsetof(S, f) + VMS__CHECK(S, f, T), \
      .size = sizeof(T), .num = 1, .version = (v) }
#define VMSN_STRUCT(nm, S, f, T, desc) VMSN_STRUCT_V(nm, S, f, T, desc, 0)
#define VMS_STRUCT(S, f, T, desc)      VMSN_STRUCT(#f, S, f, T, desc)
#define VMSN_STRUCT_ARRAY(nm, S, f, T, n, desc) \
    { .name = (nm), .kind = VMS_K_STRUCT, .vmsd = (desc), \
      .offset = offsetof(S, f) + VMS__CHECK_ARRAY(S, f, T, n), .size = sizeof(T), .num = (n) }
#define VMS_STRUCT_ARRAY(S, f, T, n, desc) VMSN_STRUCT_ARRAY(#f, S, f, T, n, desc)
/* ... with as many elements as the uint8_t member cnt says, at most n (QEMU's
 * VMSTATE_STRUCT_VARRAY_UINT8): the count is not on the wire; load checks it. */
#define VMSN_STRUCT_VARRAY_U8(nm, S, f, T, n, desc, cnt) \
    { .name = (nm), .kind = VMS_K_STRUCT, .vmsd = (desc), \
      .offset = offsetof(S, f) + VMS__CHECK_ARRAY(S, f, T, n), .size = sizeof(T), .num = (n), \
      .count = VMS_COUNT_U8, .count_off = offsetof(S, cnt) + VMS__CHECK(S, cnt, uint8_t) }
/* ... present only from version v on (QEMU's VMSTATE_STRUCT_ARRAY with a version). */
#define VMSN_STRUCT_ARRAY_V(nm, S, f, T, n, desc, v) \
    { .name = (nm), .kind = VMS_K_STRUCT, .vmsd = (desc), \
      .offset = offsetof(S, f) + VMS__CHECK_ARRAY(S, f, T, n), .size = sizeof(T), .num = (n), \
      .version = (v) }
/* ... present only when fn(opaque, version) holds. */
#define VMSN_STRUCT_ARRAY_TEST(nm, S, f, T, n, desc, fn) \
    { .name = (nm), .kind = VMS_K_STRUCT, .vmsd = (desc), \
      .offset = offsetof(S, f) + VMS__CHECK_ARRAY(S, f, T, n), .size = sizeof(T), .num = (n), \
      .test = (fn) }

/* QEMU's VMSTATE_WITH_TMP: scratch type TT whose first member is `S *parent`. */
#define VMSN_WITH_TMP(nm, S, TT, desc) \
    { .name = (nm), .kind = VMS_K_TMP, .vmsd = (desc), .size = sizeof(TT), .num = 1 }
#define VMSN_VALIDATE(nm, fn) { .name = (nm), .kind = VMS_K_VALIDATE, .test = (fn) }

/* Presence tests (QEMU's _TEST forms): the field travels only when fn(opaque, version)
 * is true; the test replaces the version check, as in QEMU. */
#define VMSN_SCALAR_TEST(nm, S, f, T, inf, fn) \
    { .name = (nm), .kind = VMS_K_ELEM, .info = &(inf), .offset = offsetof(S, f) + VMS__CHECK(S, f, T), \
      .size = sizeof(T), .num = 1, .test = (fn) }
#define VMSN_ARRAY_TEST(nm, S, f, T, n, inf, fn) \
    { .name = (nm), .kind = VMS_K_ELEM, .info = &(inf), \
      .offset = offsetof(S, f) + VMS__CHECK_ARRAY(S, f, T, n), .size = sizeof(T), .num = (n), .test = (fn) }
#define VMSN_BUFFER_TEST(nm, S, f, fn) \
    { .name = (nm), .kind = VMS_K_ELEM, .info = &vms_info_buffer, \
      .offset = offsetof(S, f) + VMS__CHECK_ARRAY(S, f, uint8_t, sizeof(VMS__MEMBER(S, f))), \
      .size = sizeof(VMS__MEMBER(S, f)), .num = 1, .test = (fn) }
#define VMSN_STRUCT_TEST(nm, S, f, T, desc, fn) \
    { .name = (nm), .kind = VMS_K_STRUCT, .vmsd = (desc), .offset = offsetof(S, f) + VMS__CHECK(S, f, T), \
      .size = sizeof(T), .num = 1, .test = (fn) }
#define VMS_UINT8_TEST(S, f, fn)  VMSN_SCALAR_TEST(#f, S, f, uint8_t, vms_info_uint8, fn)
#define VMS_UINT32_TEST(S, f, fn) VMSN_SCALAR_TEST(#f, S, f, uint32_t, vms_info_uint32, fn)
#define VMS_INT32_TEST(S, f, fn)  VMSN_SCALAR_TEST(#f, S, f, int32_t, vms_info_int32, fn)
#define VMS_UINT64_TEST(S, f, fn) VMSN_SCALAR_TEST(#f, S, f, uint64_t, vms_info_uint64, fn)
#define VMS_BUFFER_TEST(S, f, fn) VMSN_BUFFER_TEST(#f, S, f, fn)
#define VMS_END { .kind = VMS_K_END }

#endif
