/* ops_simd_int.c: the packed-integer operations of MMX and its SSE/SSE2 extensions over a
 * vector of 8 (an MMX register) or 16 bytes (an XMM register). The opcode's low byte
 * (0F xx) names the operation: the same byte names it for the MMX form (no prefix) and
 * the XMM form (66). Integers only; elements are little-endian.
 *
 * NOTES ON THE DESIGN
 *  1. Each operation works on whole 128-bit vectors with GCC's vector extensions (which
 *     clang has too): one host operation per kind of lane, no loop over elements. The
 *     lanes of a vector are the guest's elements because the host is little-endian (the
 *     assertion below); nothing depends on the host's own SIMD instructions.
 *  2. An MMX operand has its high 8 bytes zero (mm_get); an operation that works lane by
 *     lane computes them too and the MMX handler drops them. Only the operations that move
 *     elements across the middle (PUNPCKH*, PACK*) have an 8-byte form of their own.
 *  3. tests/unit/simd_int_ref.h keeps the element-by-element model this file replaced;
 *     test_simd_int.c runs both (and the host's SSE2) on random operands.
 *  4. One switch (int_op) defines the operations. simd_int_op runs it for any opcode and
 *     width; simd_mmx_ops has it compiled once per opcode for 8 bytes, taking and giving
 *     the quadwords in registers, so an MMX instruction costs no switch and no copy
 *     through memory (simd_int.h). */
#include "emu/cpu/cpu_int.h"
#include "emu/cpu/simd_int.h"

_Static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__,
               "ops_simd_int.c: vector lanes are the guest's elements only on a little-endian host");

typedef uint8_t VUb __attribute__((vector_size(16)));
typedef int8_t VSb __attribute__((vector_size(16)));
typedef uint16_t VUw __attribute__((vector_size(16)));
typedef int16_t VSw __attribute__((vector_size(16)));
typedef uint32_t VUd __attribute__((vector_size(16)));
typedef int32_t VSd __attribute__((vector_size(16)));
typedef uint64_t VUq __attribute__((vector_size(16)));
typedef uint32_t VUd8 __attribute__((vector_size(32)));   /* 8 words widened */
typedef int32_t VSd8 __attribute__((vector_size(32)));

/* Lane by lane: m ? a : b, m all ones or zero in each lane (C has no vector ?:). */
#define SEL(m, a, b) (((a) & (m)) | ((b) & ~(m)))

/* PADDS/PSUBS: the wrapped result r, or where the operation overflowed (ov: all ones) the
 * bound of a's sign (0x7F... for a positive a, 0x80... for a negative one). */
static VUq padds_b(VUq x, VUq y)
{
    VSb a = (VSb)x, b = (VSb)y, r = (VSb)((VUb)a + (VUb)b), ov = ((a ^ r) & (b ^ r)) >> 7;
    return (VUq)SEL(ov, (a >> 7) ^ 0x7f, r);
}
static VUq padds_w(VUq x, VUq y)
{
    VSw a = (VSw)x, b = (VSw)y, r = (VSw)((VUw)a + (VUw)b), ov = ((a ^ r) & (b ^ r)) >> 15;
    return (VUq)SEL(ov, (a >> 15) ^ 0x7fff, r);
}
static VUq psubs_b(VUq x, VUq y)
{
    VSb a = (VSb)x, b = (VSb)y, r = (VSb)((VUb)a - (VUb)b), ov = ((a ^ b) & (a ^ r)) >> 7;
    return (VUq)SEL(ov, (a >> 7) ^ 0x7f, r);
}
static VUq psubs_w(VUq x, VUq y)
{
    VSw a = (VSw)x, b = (VSw)y, r = (VSw)((VUw)a - (VUw)b), ov = ((a ^ b) & (a ^ r)) >> 15;
    return (VUq)SEL(ov, (a >> 15) ^ 0x7fff, r);
}

/* PADDUS: a carry out saturates to all ones; PSUBUS: a borrow to zero. */
static VUq paddus_b(VUq x, VUq y) { VUb r = (VUb)x + (VUb)y; return (VUq)(r | (VUb)(r < (VUb)x)); }
static VUq paddus_w(VUq x, VUq y) { VUw r = (VUw)x + (VUw)y; return (VUq)(r | (VUw)(r < (VUw)x)); }
static VUq psubus_b(VUq x, VUq y) { return (VUq)(((VUb)x - (VUb)y) & (VUb)((VUb)x >= (VUb)y)); }
static VUq psubus_w(VUq x, VUq y) { return (VUq)(((VUw)x - (VUw)y) & (VUw)((VUw)x >= (VUw)y)); }

/* PMULHW, PMULHUW: the high words of the 32-bit products. */
static VUq pmulh_w(VUq x, VUq y)
{
    VSd8 p = __builtin_convertvector((VSw)x, VSd8) * __builtin_convertvector((VSw)y, VSd8);
    return (VUq)__builtin_convertvector(p >> 16, VSw);
}
static VUq pmulhu_w(VUq x, VUq y)
{
    VUd8 p = __builtin_convertvector((VUw)x, VUd8) * __builtin_convertvector((VUw)y, VUd8);
    return (VUq)__builtin_convertvector(p >> 16, VUw);
}

/* PMADDWD: the sum of each pair of 32-bit products; 0x8000 * 0x8000 twice wraps, as on
 * the hardware. */
static VUq pmadd_wd(VUq x, VUq y)
{
    VUd8 p = (VUd8)(__builtin_convertvector((VSw)x, VSd8) * __builtin_convertvector((VSw)y, VSd8));
    return (VUq)(__builtin_shufflevector(p, p, 0, 2, 4, 6) + __builtin_shufflevector(p, p, 1, 3, 5, 7));
}

/* PSADBW: per quadword, the sum of the byte differences in its low word. */
static VUq psad_bw(VUq x, VUq y)
{
    VUb a = (VUb)x, b = (VUb)y, m = (VUb)(a > b), d = SEL(m, a - b, b - a);
    VUq r = { 0, 0 };
    for (unsigned k = 0; k < 16; k++)
        r[k / 8] += d[k];
    return r;
}

/* PUNPCKL*: the low halves' elements interleaved (an MMX operand's low half is the low
 * half of the low quadword: its result is the low 8 bytes, note 2). */
static VUq punpckl_bw(VUq x, VUq y)
{
    return (VUq)__builtin_shufflevector((VUb)x, (VUb)y, 0, 16, 1, 17, 2, 18, 3, 19, 4, 20, 5, 21,
                                        6, 22, 7, 23);
}
static VUq punpckl_wd(VUq x, VUq y)
{
    return (VUq)__builtin_shufflevector((VUw)x, (VUw)y, 0, 8, 1, 9, 2, 10, 3, 11);
}
static VUq punpckl_dq(VUq x, VUq y) { return (VUq)__builtin_shufflevector((VUd)x, (VUd)y, 0, 4, 1, 5); }
static VUq punpckl_qdq(VUq x, VUq y) { return __builtin_shufflevector(x, y, 0, 2); }

/* PUNPCKH* of 16 bytes: the high halves interleaved. */
static VUq punpckh_bw(VUq x, VUq y)
{
    return (VUq)__builtin_shufflevector((VUb)x, (VUb)y, 8, 24, 9, 25, 10, 26, 11, 27, 12, 28, 13,
                                        29, 14, 30, 15, 31);
}
static VUq punpckh_wd(VUq x, VUq y)
{
    return (VUq)__builtin_shufflevector((VUw)x, (VUw)y, 4, 12, 5, 13, 6, 14, 7, 15);
}
static VUq punpckh_dq(VUq x, VUq y) { return (VUq)__builtin_shufflevector((VUd)x, (VUd)y, 2, 6, 3, 7); }
static VUq punpckh_qdq(VUq x, VUq y) { return __builtin_shufflevector(x, y, 1, 3); }

/* PACKSSWB, PACKUSWB, PACKSSDW of 16 bytes: x's elements then y's, each clamped to
 * [lo, hi] and narrowed to its low half. */
static VSw clamp_w(VSw v, int16_t lo, int16_t hi)
{
    VSw vlo = (VSw){ 0 } + lo, vhi = (VSw){ 0 } + hi;
    v = SEL(v < vlo, vlo, v);
    return SEL(v > vhi, vhi, v);
}
static VUq packss_wb(VUq x, VUq y)
{
    VUb a = (VUb)clamp_w((VSw)x, -128, 127), b = (VUb)clamp_w((VSw)y, -128, 127);
    return (VUq)__builtin_shufflevector(a, b, 0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26,
                                        28, 30);
}
static VUq packus_wb(VUq x, VUq y)
{
    VUb a = (VUb)clamp_w((VSw)x, 0, 255), b = (VUb)clamp_w((VSw)y, 0, 255);
    return (VUq)__builtin_shufflevector(a, b, 0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26,
                                        28, 30);
}
static VUq packss_dw(VUq x, VUq y)
{
    VSd a = (VSd)x, b = (VSd)y;
    VSd lo = (VSd){ 0 } - 32768, hi = (VSd){ 0 } + 32767;
    a = SEL(a < lo, lo, a);
    a = SEL(a > hi, hi, a);
    b = SEL(b < lo, lo, b);
    b = SEL(b > hi, hi, b);
    return (VUq)__builtin_shufflevector((VUw)a, (VUw)b, 0, 2, 4, 6, 8, 10, 12, 14);
}

/* PSRL, PSRA, PSLL of the lanes by count: a count past the width clears, or fills with the
 * sign. */
static VUq shift(VUq x, unsigned e, int kind, uint64_t count)
{
    unsigned bits = 8 * e;
    if (kind == 'a') {
        int n = count > bits - 1 ? (int)bits - 1 : (int)count;
        return e == 2 ? (VUq)((VSw)x >> n) : (VUq)((VSd)x >> n);
    }
    if (count >= bits)
        return (VUq){ 0, 0 };
    int n = (int)count;
    switch (e) {
    case 2:  return kind == 'l' ? (VUq)((VUw)x << n) : (VUq)((VUw)x >> n);
    case 4:  return kind == 'l' ? (VUq)((VUd)x << n) : (VUq)((VUd)x >> n);
    default: return kind == 'l' ? x << n : x >> n;
    }
}

static VUq vload(const SimdVec *v) { return (VUq){ v->q[0], v->q[1] }; }
static void vstore(SimdVec *v, VUq x) { v->q[0] = x[0]; v->q[1] = x[1]; }

/* The 8-byte forms of the operations that move elements across the middle (note 2). */
static VUq mmx_cross(unsigned op, VUq x, VUq y)
{
    VUq both = { x[0], y[0] }, zero = { 0, 0 };
    switch (op) {
    case 0x63: return packss_wb(both, zero);
    case 0x67: return packus_wb(both, zero);
    case 0x6b: return packss_dw(both, zero);
    default:   /* PUNPCKH*: the high doublewords interleaved as PUNPCKL* does the low ones */
        x >>= 32;
        y >>= 32;
        return op == 0x68 ? punpckl_bw(x, y) : op == 0x69 ? punpckl_wd(x, y) : punpckl_dq(x, y);
    }
}

/* x OP y for the operation of opcode byte op on n bytes; x where op names none. Inlined
 * into simd_int_op and into each simd_mmx_ops entry (note 4). */
static inline __attribute__((always_inline)) VUq int_op(unsigned op, VUq x, VUq y, unsigned n)
{
    VUq r;
    VUb bx = (VUb)x, by = (VUb)y;
    VSb sbx = (VSb)x, sby = (VSb)y;
    VUw wx = (VUw)x, wy = (VUw)y;
    VSw swx = (VSw)x, swy = (VSw)y;
    VUd dx = (VUd)x, dy = (VUd)y;
    if (n == 8 && (op == 0x63 || op == 0x67 || op == 0x6b || (op >= 0x68 && op <= 0x6a)))
        return mmx_cross(op, x, y);
    switch (op) {
    case 0x60: r = punpckl_bw(x, y); break;
    case 0x61: r = punpckl_wd(x, y); break;
    case 0x62: r = punpckl_dq(x, y); break;
    case 0x63: r = packss_wb(x, y); break;
    case 0x64: r = (VUq)(sbx > sby); break;                            /* PCMPGT */
    case 0x65: r = (VUq)(swx > swy); break;
    case 0x66: r = (VUq)((VSd)x > (VSd)y); break;
    case 0x67: r = packus_wb(x, y); break;
    case 0x68: r = punpckh_bw(x, y); break;
    case 0x69: r = punpckh_wd(x, y); break;
    case 0x6a: r = punpckh_dq(x, y); break;
    case 0x6b: r = packss_dw(x, y); break;
    case 0x6c: r = punpckl_qdq(x, y); break;
    case 0x6d: r = punpckh_qdq(x, y); break;
    case 0x74: r = (VUq)(bx == by); break;                             /* PCMPEQ */
    case 0x75: r = (VUq)(wx == wy); break;
    case 0x76: r = (VUq)(dx == dy); break;
    case 0xd1: case 0xd2: case 0xd3: r = shift(x, 1u << (op - 0xd0), 'r', y[0]); break;
    case 0xe1: case 0xe2: r = shift(x, 1u << (op - 0xe0), 'a', y[0]); break;
    case 0xf1: case 0xf2: case 0xf3: r = shift(x, 1u << (op - 0xf0), 'l', y[0]); break;
    case 0xd4: r = x + y; break;                                        /* PADDQ */
    case 0xd5: r = (VUq)(wx * wy); break;                               /* PMULLW */
    case 0xd8: r = psubus_b(x, y); break;
    case 0xd9: r = psubus_w(x, y); break;
    case 0xda: r = (VUq)SEL((VUb)(bx < by), bx, by); break;             /* PMINUB */
    case 0xdb: r = x & y; break;
    case 0xdc: r = paddus_b(x, y); break;
    case 0xdd: r = paddus_w(x, y); break;
    case 0xde: r = (VUq)SEL((VUb)(bx > by), bx, by); break;             /* PMAXUB */
    case 0xdf: r = ~x & y; break;                                       /* PANDN */
    case 0xe0: r = (VUq)((bx | by) - ((bx ^ by) >> 1)); break;          /* PAVGB: (a+b+1)/2 */
    case 0xe3: r = (VUq)((wx | wy) - ((wx ^ wy) >> 1)); break;
    case 0xe4: r = pmulhu_w(x, y); break;
    case 0xe5: r = pmulh_w(x, y); break;
    case 0xe8: r = psubs_b(x, y); break;
    case 0xe9: r = psubs_w(x, y); break;
    case 0xea: r = (VUq)SEL(swx < swy, swx, swy); break;                /* PMINSW */
    case 0xeb: r = x | y; break;
    case 0xec: r = padds_b(x, y); break;
    case 0xed: r = padds_w(x, y); break;
    case 0xee: r = (VUq)SEL(swx > swy, swx, swy); break;                /* PMAXSW */
    case 0xef: r = x ^ y; break;
    case 0xf4: r = (x & 0xffffffffu) * (y & 0xffffffffu); break;        /* PMULUDQ */
    case 0xf5: r = pmadd_wd(x, y); break;
    case 0xf6: r = psad_bw(x, y); break;
    case 0xf8: r = (VUq)(bx - by); break;
    case 0xf9: r = (VUq)(wx - wy); break;
    case 0xfa: r = (VUq)(dx - dy); break;
    case 0xfb: r = x - y; break;
    case 0xfc: r = (VUq)(bx + by); break;
    case 0xfd: r = (VUq)(wx + wy); break;
    case 0xfe: r = (VUq)(dx + dy); break;
    default:   return x;
    }
    return r;
}

void simd_int_op(unsigned op, SimdVec *d, const SimdVec *s, unsigned n)
{
    vstore(d, int_op(op, vload(d), vload(s), n));
}

/* Every opcode byte int_op knows, in hex. */
#define INT_OPS(X)                                                                         \
    X(60) X(61) X(62) X(63) X(64) X(65) X(66) X(67) X(68) X(69) X(6a) X(6b) X(6c) X(6d)    \
    X(74) X(75) X(76) X(d1) X(d2) X(d3) X(d4) X(d5) X(d8) X(d9) X(da) X(db) X(dc) X(dd)    \
    X(de) X(df) X(e0) X(e1) X(e2) X(e3) X(e4) X(e5) X(e8) X(e9) X(ea) X(eb) X(ec) X(ed)    \
    X(ee) X(ef) X(f1) X(f2) X(f3) X(f4) X(f5) X(f6) X(f8) X(f9) X(fa) X(fb) X(fc) X(fd)    \
    X(fe)
#define MMX_FN(h)                                                                          \
    static uint64_t mmx_op_##h(uint64_t d, uint64_t s)                                     \
    {                                                                                      \
        return int_op(0x##h, (VUq){ d, 0 }, (VUq){ s, 0 }, 8)[0];                         \
    }
INT_OPS(MMX_FN)
#define MMX_ENTRY(h) [0x##h] = mmx_op_##h,
SimdMmxFn *const simd_mmx_ops[256] = { INT_OPS(MMX_ENTRY) };

void simd_shift(SimdVec *d, unsigned e, int kind, uint64_t count, unsigned n)
{
    (void)n;   /* lane by lane: an MMX operand's high half is dropped (note 2) */
    vstore(d, shift(vload(d), e, kind, count));
}
