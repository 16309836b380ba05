/* sf.h: IEEE single and double precision as the SSE/SSE2 unit computes them. sf_soft_*
 * (sf.c) use integers only, so a result never depends on the host; sf_* (sf_host.c) are
 * the same operations, run on an x86-64 host's SSE unit when that gives the same result
 * and flags, else on sf_soft_*. Values travel as raw bits in a
 * uint64_t (a single in the low 32 bits); the format is an argument, so one packed or
 * scalar handler serves both widths.
 *
 * Every operation takes the guest's MXCSR through *mxcsr: it reads RC, DAZ, FTZ and the
 * masks and ORs the exception flags it raises into bits 0-5 (sticky). The masks change
 * nothing else: with OE or UE unmasked the returned value is meaningless (the instruction
 * writes no result, SDM vol. 1 11.5.2), and UE is then raised for every tiny result, exact
 * or not. The caller computes into a copy of MXCSR and raises #XM or #UD from it. */
#ifndef PCEMU_CPU_SF_H
#define PCEMU_CPU_SF_H

#include <stdbool.h>
#include <stdint.h>

typedef enum { SF_F32, SF_F64 } SfFmt;

/* MXCSR bits: the flags sit at the x87's positions, the masks 7 bits above them. */
enum {
    SF_IE = 1 << 0, SF_DE = 1 << 1, SF_ZE = 1 << 2, SF_OE = 1 << 3, SF_UE = 1 << 4,
    SF_PE = 1 << 5, SF_DAZ = 1 << 6, SF_FTZ = 1 << 15,
};
#define SF_FLAGS 0x3Fu
#define SF_MASK_SHIFT 7
#define SF_RC_SHIFT 13      /* RC: 0 nearest, 1 down, 2 up, 3 toward zero, as the x87's */

/* The default QNaN ("real indefinite") and the integer indefinite. */
#define SF_F32_INDEFINITE 0xFFC00000u
#define SF_F64_INDEFINITE 0xFFF8000000000000u
#define SF_INT_INDEFINITE ((int32_t)0x80000000u)

/* ADD, SUB (a - b), MUL, DIV (a / b), SQRT. a is the first source (the destination
 * register): of two NaNs, a's is returned, quieted. */
uint64_t sf_add(SfFmt f, uint64_t a, uint64_t b, uint32_t *mxcsr);
uint64_t sf_sub(SfFmt f, uint64_t a, uint64_t b, uint32_t *mxcsr);
uint64_t sf_mul(SfFmt f, uint64_t a, uint64_t b, uint32_t *mxcsr);
uint64_t sf_div(SfFmt f, uint64_t a, uint64_t b, uint32_t *mxcsr);
uint64_t sf_sqrt(SfFmt f, uint64_t a, uint32_t *mxcsr);

/* MIN and MAX: b, unchanged, when either is a NaN (IE for QNaNs too) or both are zeros. */
uint64_t sf_min(SfFmt f, uint64_t a, uint64_t b, uint32_t *mxcsr);
uint64_t sf_max(SfFmt f, uint64_t a, uint64_t b, uint32_t *mxcsr);

/* CMPPS's predicate pred (0 EQ, 1 LT, 2 LE, 3 UNORD, 4 NEQ, 5 NLT, 6 NLE, 7 ORD) of a
 * with b; LT, LE, NLT and NLE raise IE for QNaNs too, the others for SNaNs only. */
bool sf_cmp(SfFmt f, uint64_t a, uint64_t b, unsigned pred, uint32_t *mxcsr);

/* COMISS (quiet = false: IE for any NaN) and UCOMISS (IE for SNaNs only). */
typedef enum { SF_LT, SF_EQ, SF_GT, SF_UNORDERED } SfRel;
SfRel sf_compare(SfFmt f, uint64_t a, uint64_t b, bool quiet, uint32_t *mxcsr);

/* Conversions: int32 to either format (rounded in RC), either format to int32 (in RC, or
 * toward zero when truncate; NaN, infinity and out-of-range values raise IE and give
 * SF_INT_INDEFINITE), and between the formats (a NaN keeps its sign and the top of its
 * payload, quieted). */
uint64_t sf_from_i32(SfFmt f, int32_t v, uint32_t *mxcsr);
int32_t sf_to_i32(SfFmt f, uint64_t a, bool truncate, uint32_t *mxcsr);
uint64_t sf_convert(SfFmt to, SfFmt from, uint64_t a, uint32_t *mxcsr);

/* The packed forms of ADD, SUB, MUL, DIV, MIN, MAX and SQRT (of s): d = d op s in every
 * lane of the two quadwords (four singles or two doubles) at once on the host, the raised
 * flags ORed into *mxcsr as the lane-by-lane sf_* would. False, with nothing changed, when
 * the caller must run sf_* lane by lane: a host other than x86-64, or an unmasked
 * exception in a lane. */
typedef enum { SF_OP_ADD, SF_OP_SUB, SF_OP_MUL, SF_OP_DIV, SF_OP_MIN, SF_OP_MAX, SF_OP_SQRT,
               SF_OP_NONE } SfOp;
bool sf_packed(SfOp op, SfFmt f, uint64_t d[2], const uint64_t s[2], uint32_t *mxcsr);

/* The integer-only operations, with the same contracts: sf_* fall back to them, and
 * tests/unit/test_sf.c checks them on their own. sf_cmp is sf_compare's relation tested,
 * on either path. */
uint64_t sf_soft_add(SfFmt f, uint64_t a, uint64_t b, uint32_t *mxcsr);
uint64_t sf_soft_sub(SfFmt f, uint64_t a, uint64_t b, uint32_t *mxcsr);
uint64_t sf_soft_mul(SfFmt f, uint64_t a, uint64_t b, uint32_t *mxcsr);
uint64_t sf_soft_div(SfFmt f, uint64_t a, uint64_t b, uint32_t *mxcsr);
uint64_t sf_soft_sqrt(SfFmt f, uint64_t a, uint32_t *mxcsr);
uint64_t sf_soft_min(SfFmt f, uint64_t a, uint64_t b, uint32_t *mxcsr);
uint64_t sf_soft_max(SfFmt f, uint64_t a, uint64_t b, uint32_t *mxcsr);
SfRel sf_soft_compare(SfFmt f, uint64_t a, uint64_t b, bool quiet, uint32_t *mxcsr);
uint64_t sf_soft_from_i32(SfFmt f, int32_t v, uint32_t *mxcsr);
int32_t sf_soft_to_i32(SfFmt f, uint64_t a, bool truncate, uint32_t *mxcsr);
uint64_t sf_soft_convert(SfFmt to, SfFmt from, uint64_t a, uint32_t *mxcsr);

#endif
