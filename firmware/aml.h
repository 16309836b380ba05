/* aml.h: a writer of ACPI Machine Language (ACPI 6.4 chapter 20, "ACPI Machine Language
 * Specification"), for the DSDT pcemu builds (firmware/acpi_dsdt.c). AML is prefix code:
 * an operator's byte(s) come first, then its operands, each an AML term itself. So the
 * writer is a byte buffer with a few rules on top:
 *   - aml_open_*() starts an object whose length comes first (Scope, Device, Method, If,
 *     Else, While, Package, Buffer, Field, Processor: a PkgLength after the opcode);
 *     aml_close() ends the innermost one and inserts its PkgLength in the shortest
 *     encoding (20.2.4: one byte up to 63, else 2, 3 or 4 bytes with a 4-bit low nibble);
 *   - everything else is emitted in order: aml_op(AML_STORE) then the source then the
 *     target, as the grammar says.
 * Integers take the shortest encoding (Zero, One, Byte-, Word-, DWord-, QWordPrefix), as
 * QEMU's aml_int. Names are NameStrings: "\\_SB.PCI0", "^FOO", "LNKA"; each segment is
 * padded with '_' to four characters.
 *
 * Resource templates (6.4, "Resource Data Types for ACPI") are built in an AmlRes and
 * written as a Buffer with its end tag by aml_res_buffer().
 *
 * Input is the program's own (trusted): a malformed name, a close without an open or
 * more than AML_MAX_DEPTH open objects is a bug (assert). */
#ifndef PCEMU_FIRMWARE_AML_H
#define PCEMU_FIRMWARE_AML_H

#include "emu/base/base.h"

#define AML_MAX_DEPTH 32

typedef struct Aml {
    uint8_t *buf;               /* owned; len bytes written */
    size_t len, cap;
    size_t open[AML_MAX_DEPTH]; /* where each open object's PkgLength goes */
    int depth;
} Aml;

/* Opcodes (20.3, "AML Byte Stream Byte Values"). Two-byte ones (ExtOpPrefix 0x5B) are
 * 0x5Bxx. */
enum {
    AML_ZERO = 0x00, AML_ONE = 0x01, AML_ALIAS = 0x06, AML_NAME = 0x08,
    AML_BYTE_PREFIX = 0x0A, AML_WORD_PREFIX = 0x0B, AML_DWORD_PREFIX = 0x0C,
    AML_STRING_PREFIX = 0x0D, AML_QWORD_PREFIX = 0x0E,
    AML_SCOPE = 0x10, AML_BUFFER = 0x11, AML_PACKAGE = 0x12, AML_METHOD = 0x14,
    AML_DUAL_NAME_PREFIX = 0x2E, AML_MULTI_NAME_PREFIX = 0x2F,
    AML_ROOT_CHAR = 0x5C, AML_PARENT_PREFIX = 0x5E,
    AML_LOCAL0 = 0x60, AML_ARG0 = 0x68,
    AML_STORE = 0x70, AML_ADD = 0x72, AML_SUBTRACT = 0x74, AML_INCREMENT = 0x75,
    AML_DECREMENT = 0x76, AML_SHIFT_LEFT = 0x79, AML_SHIFT_RIGHT = 0x7A, AML_AND = 0x7B,
    AML_OR = 0x7D, AML_XOR = 0x7F, AML_DEREF_OF = 0x83, AML_NOTIFY = 0x86,
    AML_SIZE_OF = 0x87, AML_INDEX = 0x88, AML_CREATE_DWORD_FIELD = 0x8A,
    AML_CREATE_WORD_FIELD = 0x8B, AML_CREATE_BYTE_FIELD = 0x8C,
    AML_LAND = 0x90, AML_LOR = 0x91, AML_LNOT = 0x92, AML_LEQUAL = 0x93,
    AML_LGREATER = 0x94, AML_LLESS = 0x95, AML_TO_BUFFER = 0x96, AML_TO_HEX_STRING = 0x98,
    AML_IF = 0xA0, AML_ELSE = 0xA1, AML_WHILE = 0xA2, AML_RETURN = 0xA4, AML_BREAK = 0xA5,
    AML_ONES = 0xFF,
    AML_MUTEX = 0x5B01, AML_ACQUIRE = 0x5B23, AML_RELEASE = 0x5B27, AML_DEBUG = 0x5B31,
    AML_OP_REGION = 0x5B80, AML_FIELD = 0x5B81, AML_DEVICE = 0x5B82, AML_PROCESSOR = 0x5B83,
};

/* Operation region spaces (19.6.100) and field flags (20.2.5.2 FieldFlags). */
enum { AML_SYSTEM_MEMORY = 0, AML_SYSTEM_IO = 1, AML_PCI_CONFIG = 2 };
enum { AML_ANY_ACC = 0, AML_BYTE_ACC = 1, AML_WORD_ACC = 2, AML_DWORD_ACC = 3 };
enum { AML_NO_LOCK = 0, AML_LOCK = 0x10 };
enum { AML_PRESERVE = 0, AML_WRITE_AS_ONES = 0x20, AML_WRITE_AS_ZEROS = 0x40 };

void aml_init(Aml *a);
void aml_free(Aml *a);
/* Hands the bytes over (the caller frees them); a is empty afterwards. */
uint8_t *aml_take(Aml *a, size_t *len);

void aml_bytes(Aml *a, const void *p, size_t n);
void aml_op(Aml *a, unsigned op);           /* one opcode, 1 or 2 bytes */
void aml_int(Aml *a, uint64_t v);           /* shortest integer encoding */
void aml_dword(Aml *a, uint32_t v);         /* always DWordPrefix (EisaId's form) */
void aml_string(Aml *a, const char *s);     /* String: 0x0D, ASCII, NUL */
void aml_namestring(Aml *a, const char *path);
void aml_local(Aml *a, int n);              /* Local0..Local7 */
void aml_arg(Aml *a, int n);                /* Arg0..Arg6 */
void aml_eisaid(Aml *a, const char *id);    /* "PNP0A03" as its compressed DWord */
void aml_uuid(Aml *a, const char *uuid);    /* ToUUID ("e5c937d0-3553-...") as a Buffer */

/* Objects with a PkgLength: each open is matched by one aml_close. */
void aml_open(Aml *a, unsigned op);
void aml_close(Aml *a);
void aml_scope(Aml *a, const char *name);
void aml_device(Aml *a, const char *name);
void aml_method(Aml *a, const char *name, int nargs, bool serialized);
void aml_package(Aml *a, uint8_t n);        /* then the elements, then aml_close */
void aml_processor(Aml *a, const char *name, uint8_t id, uint32_t pblk, uint8_t pblk_len);
void aml_buffer(Aml *a, const void *data, size_t n);   /* complete: open, bytes, close */

/* Name (NAME, ...): the value follows. */
void aml_name(Aml *a, const char *name);
void aml_op_region(Aml *a, const char *name, uint8_t space, uint64_t off, uint64_t len);
void aml_mutex(Aml *a, const char *name, uint8_t sync_level);

/* Field (REGION, flags) { ... }: aml_field, then per element aml_field_unit (name NULL
 * for an unnamed gap: Offset() in ASL is such a gap), then aml_close. */
void aml_field(Aml *a, const char *region, uint8_t flags);
void aml_field_unit(Aml *a, const char *name, uint32_t bits);

/* ---- resource templates ---- */
#define AML_RES_MAX 512

typedef struct AmlRes {
    uint8_t d[AML_RES_MAX];
    size_t len;
} AmlRes;

enum { AML_RES_CONSUMER = 1 };          /* Interrupt(): ResourceConsumer */
enum { AML_RES_EDGE = 2, AML_RES_ACTIVE_LOW = 4, AML_RES_SHARED = 8 };
enum { AML_RES_MIN_FIXED = 4, AML_RES_MAX_FIXED = 8 };

void aml_res_io(AmlRes *r, uint16_t min, uint16_t max, uint8_t align, uint8_t len);
void aml_res_irq_noflags(AmlRes *r, uint16_t mask);
void aml_res_dma(AmlRes *r, uint8_t flags, uint8_t mask);
void aml_res_memory32_fixed(AmlRes *r, bool rw, uint32_t base, uint32_t len);
/* Extended Interrupt: flags from AML_RES_CONSUMER/EDGE/ACTIVE_LOW/SHARED. */
void aml_res_interrupt(AmlRes *r, uint8_t flags, const uint32_t *irqs, int n);
/* Word/DWord/QWord Address Space descriptors: type 0 memory, 1 I/O, 2 bus number;
 * gflags the general flags (MIN_FIXED | MAX_FIXED, producer), tflags the type flags. */
void aml_res_word(AmlRes *r, uint8_t type, uint8_t gflags, uint8_t tflags, uint16_t min,
                  uint16_t max);
void aml_res_dword(AmlRes *r, uint8_t type, uint8_t gflags, uint8_t tflags, uint32_t min,
                   uint32_t max);
void aml_res_qword(AmlRes *r, uint8_t type, uint8_t gflags, uint8_t tflags, uint64_t min,
                   uint64_t max);
/* The template as a Buffer, with the end tag (checksum 0: "treated as correct"). */
void aml_res_buffer(Aml *a, const AmlRes *r);

#endif
