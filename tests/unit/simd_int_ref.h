/* simd_int_ref.h: the reference model of test_simd_int.c: the packed-integer operations
 * of MMX and SSE2 written once over a vector of 8 (an MMX register) or 16 bytes (an XMM
 * register), element by element through a generic loop with the element size and kind as
 * data. emu/cpu/ops_simd_int.c ran this code before it got one specialised vector function
 * per operation; the test runs both on random operands. The opcode's low byte (0F xx)
 * names the operation. */
#ifndef PCEMU_TESTS_SIMD_INT_REF_H
#define PCEMU_TESTS_SIMD_INT_REF_H

#include "emu/cpu/cpu_int.h"

static void ref_simd_shift(SimdVec *d, unsigned e, int kind, uint64_t count, unsigned n);

static uint64_t vget(const SimdVec *v, unsigned e, unsigned k)
{
    uint64_t x = 0;
    for (unsigned b = 0; b < e; b++)
        x |= (uint64_t)v->b[k * e + b] << (8 * b);
    return x;
}

static void vset(SimdVec *v, unsigned e, unsigned k, uint64_t x)
{
    for (unsigned b = 0; b < e; b++)
        v->b[k * e + b] = (uint8_t)(x >> (8 * b));
}

/* The element as a signed value. */
static int64_t sget(const SimdVec *v, unsigned e, unsigned k)
{
    unsigned sh = 64 - 8 * e;
    return (int64_t)(vget(v, e, k) << sh) >> sh;
}

static int64_t sat_s(int64_t x, unsigned e)
{
    int64_t hi = (INT64_C(1) << (8 * e - 1)) - 1, lo = -hi - 1;
    return x > hi ? hi : x < lo ? lo : x;
}

static int64_t sat_u(int64_t x, unsigned e)
{
    int64_t hi = (INT64_C(1) << (8 * e)) - 1;
    return x > hi ? hi : x < 0 ? 0 : x;
}

/* PACKSSWB, PACKSSDW, PACKUSWB: d's elements of size e, then s's, saturated to e/2. */
static void pack(SimdVec *d, const SimdVec *s, unsigned e, bool is_signed, unsigned n)
{
    SimdVec r = { 0 };
    unsigned half = n / e;
    for (unsigned k = 0; k < 2 * half; k++) {
        int64_t x = k < half ? sget(d, e, k) : sget(s, e, k - half);
        vset(&r, e / 2, k, (uint64_t)(is_signed ? sat_s(x, e / 2) : sat_u(x, e / 2)));
    }
    *d = r;
}

/* PUNPCKL* (high = false) and PUNPCKH*: d's and s's elements of size e interleaved, from
 * the low or the high half. */
static void unpack(SimdVec *d, const SimdVec *s, unsigned e, bool high, unsigned n)
{
    SimdVec r = { 0 };
    unsigned half = n / e / 2, base = high ? half : 0;
    for (unsigned k = 0; k < half; k++) {
        vset(&r, e, 2 * k, vget(d, e, base + k));
        vset(&r, e, 2 * k + 1, vget(s, e, base + k));
    }
    *d = r;
}

/* The operations on element pairs: op's element size and the result of one pair. */
static bool elementwise(unsigned op, unsigned *e, int *kind)
{
    static const struct { uint8_t op, e, kind; } t[] = {
        { 0x64, 1, 'g' }, { 0x65, 2, 'g' }, { 0x66, 4, 'g' },                        /* PCMPGT */
        { 0x74, 1, '=' }, { 0x75, 2, '=' }, { 0x76, 4, '=' },                        /* PCMPEQ */
        { 0xd4, 8, '+' }, { 0xd5, 2, 'l' }, { 0xd8, 1, 'u' }, { 0xd9, 2, 'u' },
        { 0xda, 1, 'n' }, { 0xdb, 8, '&' }, { 0xdc, 1, 'U' }, { 0xdd, 2, 'U' },
        { 0xde, 1, 'x' }, { 0xdf, 8, 'a' }, { 0xe0, 1, 'v' }, { 0xe3, 2, 'v' },
        { 0xe4, 2, 'h' }, { 0xe5, 2, 'H' }, { 0xe8, 1, 's' }, { 0xe9, 2, 's' },
        { 0xea, 2, 'N' }, { 0xeb, 8, '|' }, { 0xec, 1, 'S' }, { 0xed, 2, 'S' },
        { 0xee, 2, 'X' }, { 0xef, 8, '^' },
        { 0xf8, 1, '-' }, { 0xf9, 2, '-' }, { 0xfa, 4, '-' }, { 0xfb, 8, '-' },
        { 0xfc, 1, '+' }, { 0xfd, 2, '+' }, { 0xfe, 4, '+' },
    };
    for (size_t k = 0; k < ARRAY_SIZE(t); k++)
        if (t[k].op == op) {
            *e = t[k].e;
            *kind = t[k].kind;
            return true;
        }
    return false;
}

static uint64_t pair(int kind, unsigned e, uint64_t a, uint64_t b, int64_t sa, int64_t sb)
{
    uint64_t mask = e == 8 ? ~0ull : (1ull << (8 * e)) - 1;
    switch (kind) {
    case '+': return a + b;
    case '-': return a - b;
    case 'S': return (uint64_t)sat_s(sa + sb, e);                   /* PADDS */
    case 's': return (uint64_t)sat_s(sa - sb, e);                   /* PSUBS */
    case 'U': return (uint64_t)sat_u((int64_t)(a + b), e);          /* PADDUS */
    case 'u': return (uint64_t)sat_u((int64_t)a - (int64_t)b, e);   /* PSUBUS */
    case 'g': return sa > sb ? mask : 0;
    case '=': return a == b ? mask : 0;
    case '&': return a & b;
    case 'a': return ~a & b;                                        /* PANDN */
    case '|': return a | b;
    case '^': return a ^ b;
    case 'l': return (uint64_t)(sa * sb);                           /* PMULLW */
    case 'H': return (uint64_t)(sa * sb) >> 16;                     /* PMULHW */
    case 'h': return a * b >> 16;                                   /* PMULHUW */
    case 'v': return (a + b + 1) >> 1;                              /* PAVG */
    case 'n': return a < b ? a : b;                                 /* PMINUB */
    case 'x': return a > b ? a : b;                                 /* PMAXUB */
    case 'N': return (uint64_t)(sa < sb ? sa : sb);                 /* PMINSW */
    default:  return (uint64_t)(sa > sb ? sa : sb);                 /* PMAXSW */
    }
}

static void ref_simd_int_op(unsigned op, SimdVec *d, const SimdVec *s, unsigned n)
{
    unsigned e;
    int kind;
    if (elementwise(op, &e, &kind)) {
        for (unsigned k = 0; k < n / e; k++)
            vset(d, e, k, pair(kind, e, vget(d, e, k), vget(s, e, k), sget(d, e, k), sget(s, e, k)));
        return;
    }
    switch (op) {
    case 0x60: case 0x61: case 0x62: unpack(d, s, 1u << (op - 0x60), false, n); break;
    case 0x68: case 0x69: case 0x6a: unpack(d, s, 1u << (op - 0x68), true, n); break;
    case 0x6c: unpack(d, s, 8, false, n); break;
    case 0x6d: unpack(d, s, 8, true, n); break;
    case 0x63: pack(d, s, 2, true, n); break;
    case 0x6b: pack(d, s, 4, true, n); break;
    case 0x67: pack(d, s, 2, false, n); break;
    case 0xd1: case 0xd2: case 0xd3: ref_simd_shift(d, 1u << (op - 0xd0), 'r', vget(s, 8, 0), n); break;
    case 0xe1: case 0xe2: ref_simd_shift(d, 1u << (op - 0xe0), 'a', vget(s, 8, 0), n); break;
    case 0xf1: case 0xf2: case 0xf3: ref_simd_shift(d, 1u << (op - 0xf0), 'l', vget(s, 8, 0), n); break;
    case 0xf4:   /* PMULUDQ: the low doublewords of each quadword */
        for (unsigned k = 0; k < n / 8; k++)
            vset(d, 8, k, vget(d, 4, 2 * k) * vget(s, 4, 2 * k));
        break;
    case 0xf5:   /* PMADDWD: wraps for 0x8000 * 0x8000 twice, as the hardware */
        for (unsigned k = 0; k < n / 4; k++)
            vset(d, 4, k, (uint64_t)(sget(d, 2, 2 * k) * sget(s, 2, 2 * k) +
                                     sget(d, 2, 2 * k + 1) * sget(s, 2, 2 * k + 1)));
        break;
    case 0xf6:   /* PSADBW: per quadword, the sum of the byte differences in its low word */
        for (unsigned k = 0; k < n / 8; k++) {
            uint64_t sum = 0;
            for (unsigned b = 0; b < 8; b++) {
                unsigned x = d->b[8 * k + b], y = s->b[8 * k + b];
                sum += x > y ? x - y : y - x;
            }
            vset(d, 8, k, sum);
        }
        break;
    }
}

static void ref_simd_shift(SimdVec *d, unsigned e, int kind, uint64_t count, unsigned n)
{
    unsigned bits = 8 * e;
    for (unsigned k = 0; k < n / e; k++) {
        uint64_t x = vget(d, e, k);
        if (kind == 'a')
            x = (uint64_t)(sget(d, e, k) >> (count > bits - 1 ? bits - 1 : count));
        else if (count >= bits)
            x = 0;
        else
            x = kind == 'l' ? x << count : x >> count;
        vset(d, e, k, x);
    }
}

#endif
