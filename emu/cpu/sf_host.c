/* sf_host.c: the sf.h operations on the host's SSE unit when the host is x86-64, else on
 * the integer-only sf_soft_* (sf.c). The host computes the same bits and flags as sf.c
 * (tests/unit/test_sf.c checks both against it) in a few instructions instead of a
 * hundred or more.
 *
 * NOTES ON THE DESIGN
 *  1. One asm statement per operation loads the guest's RC, DAZ and FTZ with every
 *     exception masked and no flag set, runs the instruction, reads the flags and loads
 *     the host's MXCSR back (host_mxcsr): pcemu's own floating point never runs in the
 *     guest's modes, and the host never traps.
 *  2. With every exception masked the host gives the masked response. When a flag it
 *     raised is unmasked in the guest's MXCSR, the result is dropped and sf_soft_* redoes
 *     the operation: it has the unmasked behaviour (SDM vol. 1 11.5.2: priority, UE for
 *     exact tiny results). The one unmasked case that raises no flag on the host, an exact
 *     tiny result under an unmasked UE, is a denormal result there, and goes to
 *     sf_soft_* too.
 *  3. sf_packed runs ADDPS and its like as one host instruction over every lane: with
 *     every exception masked, its flags are the OR of the lanes', as the lane-by-lane
 *     loop's; an unmasked one sends the caller back to that loop (invariant 2 per lane).
 *  4. RCPPS and RSQRTPS are no host operation here: the hardware approximates them
 *     differently on each vendor (ops_sse_fp.c computes them with sf_div and sf_sqrt). */
#include "emu/cpu/sf.h"

#if defined(__x86_64__) && defined(__SSE2__)
#include <emmintrin.h>

/* The host MXCSR for the guest's (invariant 1): its RC, DAZ and FTZ, all masks set. */
static uint32_t host_csr(uint32_t mxcsr)
{
    return (mxcsr & (3u << SF_RC_SHIFT | SF_DAZ | SF_FTZ)) | SF_FLAGS << SF_MASK_SHIFT;
}

/* The host's MXCSR whenever sf_* run: the x86-64 SysV ABI starts a process with it, its
 * control bits are callee-saved and pcemu never changes them (its flags are caller-saved
 * and nothing reads them). Restoring this constant spares reading the host's MXCSR first,
 * an STMXCSR that waits for every SSE instruction in flight. */
static const uint32_t host_mxcsr = 0x1F80;

/* Runs insn under csr (invariant 1), which then holds the flags it raised; outs: the
 * output operands in parentheses, then the inputs. */
#define HOST_LIST(...) __VA_ARGS__
#define HOST_RUN(insn, outs, ...)                                                          \
    __asm__ volatile("ldmxcsr %[csr]\n\t" insn "\n\tstmxcsr %[csr]\n\tldmxcsr %[host]"      \
                     : HOST_LIST outs, [csr] "+m"(csr)                                     \
                     : [host] "m"(host_mxcsr), __VA_ARGS__ : "cc")

/* A denormal of format f (low bits of r). */
static bool is_denormal(SfFmt f, uint64_t r)
{
    int fbits = f == SF_F32 ? 23 : 52, bits = f == SF_F32 ? 31 : 63;
    uint64_t mag = r & (((uint64_t)1 << bits) - 1);
    return mag && mag < (uint64_t)1 << fbits;
}

/* Invariant 2: accepts the host's answer, or leaves it to sf_soft_*. rounded: r is a
 * rounded result of format f, which can be tiny. */
static bool host_ok(SfFmt f, uint32_t csr, uint64_t r, bool rounded, uint32_t *mxcsr)
{
    uint32_t flags = csr & SF_FLAGS, unmasked = ~(*mxcsr >> SF_MASK_SHIFT) & SF_FLAGS;
    if ((flags & unmasked) || (rounded && (unmasked & SF_UE) && is_denormal(f, r)))
        return false;
    *mxcsr |= flags;
    return true;
}

static __m128i xmm(uint64_t v) { return _mm_cvtsi64_si128((long long)v); }

static uint64_t low(SfFmt f, __m128i v)
{
    uint64_t r = (uint64_t)_mm_cvtsi128_si64(v);
    return f == SF_F32 ? (uint32_t)r : r;
}

/* first op b in the low lane; op: the instruction's name without ss or sd. */
#define HOST_BIN(op, rounded, first)                                                       \
    do {                                                                                   \
        __m128i va = xmm(first), vb = xmm(b);                                              \
        uint32_t csr = host_csr(*mxcsr);                                             \
        if (f == SF_F32)                                                                   \
            HOST_RUN(op "ss %[b], %[a]", ([a] "+x"(va)), [b] "x"(vb));                     \
        else                                                                               \
            HOST_RUN(op "sd %[b], %[a]", ([a] "+x"(va)), [b] "x"(vb));                     \
        uint64_t r = low(f, va);                                                           \
        if (host_ok(f, csr, r, rounded, mxcsr))                                            \
            return r;                                                                      \
    } while (0)

/* COMISS and UCOMISS set ZF, PF and CF: 1 1 1 unordered, 0 0 1 less, 1 0 0 equal. */
static bool host_compare(SfFmt f, uint64_t a, uint64_t b, bool quiet, uint32_t *mxcsr,
                         SfRel *rel)
{
    __m128i va = xmm(a), vb = xmm(b);
    uint32_t csr = host_csr(*mxcsr);
    uint8_t z, p, y;
#define COMPARE(insn)                                                                      \
    HOST_RUN(insn " %[b], %[a]\n\tsetz %[z]\n\tsetp %[p]\n\tsetc %[y]",                    \
             ([z] "=r"(z), [p] "=r"(p), [y] "=r"(y)), [a] "x"(va), [b] "x"(vb))
    if (f == SF_F32) {
        if (quiet)
            COMPARE("ucomiss");
        else
            COMPARE("comiss");
    } else if (quiet) {
        COMPARE("ucomisd");
    } else {
        COMPARE("comisd");
    }
#undef COMPARE
    *rel = p ? SF_UNORDERED : z ? SF_EQ : y ? SF_LT : SF_GT;
    return host_ok(f, csr, 0, false, mxcsr);
}

#define HOST_FROM_I32()                                                                    \
    do {                                                                                   \
        __m128i va = xmm(0);                                                               \
        uint32_t csr = host_csr(*mxcsr);                                             \
        if (f == SF_F32)                                                                   \
            HOST_RUN("cvtsi2ss %[i], %[a]", ([a] "+x"(va)), [i] "r"(v));                     \
        else                                                                               \
            HOST_RUN("cvtsi2sd %[i], %[a]", ([a] "+x"(va)), [i] "r"(v));                     \
        uint64_t r = low(f, va);                                                           \
        if (host_ok(f, csr, r, false, mxcsr))                                              \
            return r;                                                                      \
    } while (0)

#define HOST_TO_I32()                                                                      \
    do {                                                                                   \
        __m128i va = xmm(a);                                                               \
        uint32_t csr = host_csr(*mxcsr);                                             \
        int32_t r;                                                                         \
        if (f == SF_F32 && truncate)                                                       \
            HOST_RUN("cvttss2si %[a], %[i]", ([i] "=r"(r)), [a] "x"(va));                    \
        else if (f == SF_F32)                                                              \
            HOST_RUN("cvtss2si %[a], %[i]", ([i] "=r"(r)), [a] "x"(va));                     \
        else if (truncate)                                                                 \
            HOST_RUN("cvttsd2si %[a], %[i]", ([i] "=r"(r)), [a] "x"(va));                    \
        else                                                                               \
            HOST_RUN("cvtsd2si %[a], %[i]", ([i] "=r"(r)), [a] "x"(va));                     \
        if (host_ok(f, csr, 0, false, mxcsr))                                              \
            return r;                                                                      \
    } while (0)

#define HOST_CONVERT()                                                                     \
    do {                                                                                   \
        __m128i va = xmm(0), vb = xmm(a);                                                  \
        uint32_t csr = host_csr(*mxcsr);                                             \
        if (from == SF_F32)                                                                \
            HOST_RUN("cvtss2sd %[b], %[a]", ([a] "+x"(va)), [b] "x"(vb));                    \
        else                                                                               \
            HOST_RUN("cvtsd2ss %[b], %[a]", ([a] "+x"(va)), [b] "x"(vb));                    \
        uint64_t r = low(to, va);                                                          \
        if (host_ok(to, csr, r, true, mxcsr))                                              \
            return r;                                                                      \
    } while (0)

/* ADDPS and the rest: first the single form, then the double one, as f counts them. */
#define PACKED(op, name)                                                                   \
    case 2 * op + SF_F32:                                                                  \
        HOST_RUN(name "ps %[b], %[a]", ([a] "+x"(va)), [b] "x"(vb));                       \
        break;                                                                             \
    case 2 * op + SF_F64:                                                                  \
        HOST_RUN(name "pd %[b], %[a]", ([a] "+x"(va)), [b] "x"(vb));                       \
        break

bool sf_packed(SfOp op, SfFmt f, uint64_t d[2], const uint64_t s[2], uint32_t *mxcsr)
{
    __m128i va = _mm_loadu_si128((const __m128i *)d), vb = _mm_loadu_si128((const __m128i *)s);
    uint32_t csr = host_csr(*mxcsr);
    switch (2 * op + f) {
    PACKED(SF_OP_ADD, "add");
    PACKED(SF_OP_SUB, "sub");
    PACKED(SF_OP_MUL, "mul");
    PACKED(SF_OP_DIV, "div");
    PACKED(SF_OP_MIN, "min");
    PACKED(SF_OP_MAX, "max");
    PACKED(SF_OP_SQRT, "sqrt");
    default:
        return false;
    }
    uint64_t r[2];
    _mm_storeu_si128((__m128i *)r, va);
    uint32_t flags = csr & SF_FLAGS, unmasked = ~(*mxcsr >> SF_MASK_SHIFT) & SF_FLAGS;
    if (flags & unmasked)
        return false;
    if ((unmasked & SF_UE) && op != SF_OP_MIN && op != SF_OP_MAX)
        for (unsigned k = 0; k < (f == SF_F32 ? 4u : 2u); k++)
            if (is_denormal(f, f == SF_F32 ? r[k / 2] >> (k % 2 * 32) : r[k]))
                return false;
    d[0] = r[0];
    d[1] = r[1];
    *mxcsr |= flags;
    return true;
}
#else
bool sf_packed(SfOp op, SfFmt f, uint64_t d[2], const uint64_t s[2], uint32_t *mxcsr)
{
    (void)op, (void)f, (void)d, (void)s, (void)mxcsr;
    return false;
}
#define HOST_BIN(op, rounded, first) do { } while (0)
#define HOST_FROM_I32() do { } while (0)
#define HOST_TO_I32() do { } while (0)
#define HOST_CONVERT() do { } while (0)
static bool host_compare(SfFmt f, uint64_t a, uint64_t b, bool quiet, uint32_t *mxcsr,
                         SfRel *rel)
{
    (void)f, (void)a, (void)b, (void)quiet, (void)mxcsr, (void)rel;
    return false;
}
#endif

/* sf_add and the others of two operands: the host, else sf_soft_add and the like. */
#define BINARY(name, rounded)                                                              \
    uint64_t sf_##name(SfFmt f, uint64_t a, uint64_t b, uint32_t *mxcsr)                   \
    {                                                                                      \
        HOST_BIN(#name, rounded, a);                                                       \
        return sf_soft_##name(f, a, b, mxcsr);                                             \
    }
BINARY(add, true)
BINARY(sub, true)
BINARY(mul, true)
BINARY(div, true)
BINARY(min, false)
BINARY(max, false)

uint64_t sf_sqrt(SfFmt f, uint64_t b, uint32_t *mxcsr)
{
    HOST_BIN("sqrt", true, 0);
    return sf_soft_sqrt(f, b, mxcsr);
}

SfRel sf_compare(SfFmt f, uint64_t a, uint64_t b, bool quiet, uint32_t *mxcsr)
{
    SfRel rel;
    if (host_compare(f, a, b, quiet, mxcsr, &rel))
        return rel;
    return sf_soft_compare(f, a, b, quiet, mxcsr);
}

/* EQ, LT, LE and UNORD as relations of sf_compare (LT and LE signal QNaNs); 4-7 negate. */
bool sf_cmp(SfFmt f, uint64_t a, uint64_t b, unsigned pred, uint32_t *mxcsr)
{
    static const uint8_t holds[4] = {
        1 << SF_EQ, 1 << SF_LT, 1 << SF_LT | 1 << SF_EQ, 1 << SF_UNORDERED,
    };
    bool signaling = (pred & 3) == 1 || (pred & 3) == 2;
    bool r = holds[pred & 3] >> sf_compare(f, a, b, !signaling, mxcsr) & 1;
    return (pred & 4) ? !r : r;
}

uint64_t sf_from_i32(SfFmt f, int32_t v, uint32_t *mxcsr)
{
    HOST_FROM_I32();
    return sf_soft_from_i32(f, v, mxcsr);
}

int32_t sf_to_i32(SfFmt f, uint64_t a, bool truncate, uint32_t *mxcsr)
{
    HOST_TO_I32();
    return sf_soft_to_i32(f, a, truncate, mxcsr);
}

uint64_t sf_convert(SfFmt to, SfFmt from, uint64_t a, uint32_t *mxcsr)
{
    HOST_CONVERT();
    return sf_soft_convert(to, from, a, mxcsr);
}
