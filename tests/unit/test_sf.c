/* test_sf.c: the SSE soft-float (sf_soft_*, emu/cpu/sf.c) and the host path (sf_*,
 * sf_packed: emu/cpu/sf_host.c) against the host's SSE unit, the hardware reference: every
 * operation, single and double, on random operands biased to the edges (zeros, denormals,
 * the smallest and largest normals, infinities, QNaNs and SNaNs, exponents where products
 * and quotients overflow or underflow, sums that cancel, integers at the edge of a
 * format's precision and of int32), each case in a random rounding mode with DAZ and FTZ
 * randomly on or off. With exceptions masked, results and all six MXCSR flags of both
 * paths must be the host's; with some unmasked (the host would trap), the host path must
 * give the soft path's. Only this test uses the host's SSE as an oracle (inline assembly:
 * ldmxcsr, the instruction, stmxcsr); fixed seeds, so a run is repeatable. A few
 * hand-written cases pin down the SDM's special values. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>

#include "emu/cpu/sf.h"

#if !defined(__x86_64__)
#error "test_sf.c compares with the host's SSE unit: it needs an x86-64 host"
#endif

typedef enum {
    OP_ADD, OP_SUB, OP_MUL, OP_DIV, OP_SQRT, OP_MIN, OP_MAX, OP_CMP, OP_COMI, OP_UCOMI,
    OP_TO_I32, OP_TO_I32_TRUNC, OP_FROM_I32, OP_CONVERT, OP_N
} Op;
static const char *const op_names[OP_N] = {
    "add", "sub", "mul", "div", "sqrt", "min", "max", "cmp", "comi", "ucomi", "cvt2si",
    "cvtt2si", "cvtsi2", "convert",
};

typedef struct Rng { uint64_t s; } Rng;

static uint64_t rnd(Rng *r)          /* splitmix64 */
{
    uint64_t z = (r->s += 0x9E3779B97F4A7C15u);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
    return z ^ (z >> 31);
}

static uint64_t below(Rng *r, uint64_t n) { return rnd(r) % n; }

/* An operand of format f biased to the edges; near != NULL: an exponent close to *near's. */
static uint64_t gen(Rng *r, SfFmt f, const uint64_t *near)
{
    int fbits = f == SF_F32 ? 23 : 52, ebits = f == SF_F32 ? 8 : 11;
    int64_t emask = (1 << ebits) - 1, bias = emask >> 1, e;
    uint64_t fmask = ((uint64_t)1 << fbits) - 1, frac;
    if (near) {
        e = (int64_t)(*near >> fbits & (uint64_t)emask) + (int64_t)below(r, 5) - 2;
    } else {
        switch (below(r, 11)) {
        case 0: e = 0; break;
        case 1: e = emask; break;
        case 2: e = 1 + (int64_t)below(r, 2); break;
        case 3: e = emask - 1 - (int64_t)below(r, 2); break;
        case 4: e = bias + (int64_t)below(r, 7) - 3; break;
        case 5: e = bias / 2 + (int64_t)below(r, 61) - 30; break;
        case 6: e = bias + bias / 2 + (int64_t)below(r, 61) - 30; break;
        case 7: e = bias + (int64_t)below(r, 34); break;
        case 8: e = (int64_t)below(r, (uint64_t)fbits + 3); break;
        default: e = (int64_t)below(r, (uint64_t)emask + 1); break;
        }
    }
    if (e < 0 || e > emask)
        e = (int64_t)below(r, (uint64_t)emask + 1);
    switch (below(r, 9)) {
    case 0: frac = 0; break;
    case 1: frac = 1; break;
    case 2: frac = fmask; break;
    case 3: frac = fmask - below(r, 4); break;
    case 4: frac = (uint64_t)1 << below(r, (uint64_t)fbits); break;
    case 5: frac = rnd(r) & fmask & ~(fmask >> below(r, 6)); break;
    case 6: frac = (rnd(r) & fmask) | (uint64_t)1 << (fbits - 1); break;
    case 7: frac = rnd(r) & 0xFF; break;
    default: frac = rnd(r) & fmask; break;
    }
    uint64_t sign = rnd(r) & 1;
    return sign << (fbits + ebits) | (uint64_t)e << fbits | frac;
}

static int32_t gen_int(Rng *r)
{
    switch (below(r, 7)) {
    case 0: return (int32_t)below(r, 5) - 2;
    case 1: return below(r, 2) ? INT32_MIN : INT32_MAX;
    case 2: return (int32_t)((1u << below(r, 31)) + (uint32_t)below(r, 5) - 2) * (below(r, 2) ? -1 : 1);
    case 3: return (int32_t)(rnd(r) & ~(uint64_t)0xFF);
    default: return (int32_t)rnd(r);
    }
}

typedef struct Case {
    Op op;
    SfFmt f, to;
    uint32_t mxcsr;
    uint64_t a, b;
    unsigned pred;
    int32_t i;
} Case;

/* ---- the host ---- */
typedef float __attribute__((vector_size(16))) V4;

static V4 vec(uint64_t bits)
{
    V4 v;
    __builtin_memcpy(&v, (uint64_t[2]){ bits, 0 }, 16);
    return v;
}

static uint64_t bits_of(V4 v)
{
    uint64_t b[2];
    __builtin_memcpy(b, &v, 16);
    return b[0];
}

static const uint32_t host_default = 0x1F80;

#define HOST2(insn)                                                                        \
    __asm__ volatile("ldmxcsr %[c]\n\t" insn " %[b], %[a]\n\t stmxcsr %[c]\n\t ldmxcsr %[d]" \
                     : [a] "+x"(va), [c] "+m"(csr) : [b] "x"(vb), [d] "m"(host_default))

#define CMP_CASE(n)                                                                        \
    case n:                                                                                \
        if (c->f == SF_F32)                                                                \
            HOST2("cmpss $" #n ",");                                                       \
        else                                                                               \
            HOST2("cmpsd $" #n ",");                                                       \
        break

/* The host's result (low lane, or an int32, or ZF PF CF as bits 2 1 0) and MXCSR. */
static uint64_t host(const Case *c, uint32_t *mx)
{
    V4 va = vec(c->a), vb = vec(c->b);
    uint32_t csr = c->mxcsr;
    bool s = c->f == SF_F32;
    uint8_t zf = 0, pf = 0, cf = 0;
    int32_t i = c->i;
    switch (c->op) {
    case OP_ADD: if (s) HOST2("addss"); else HOST2("addsd"); break;
    case OP_SUB: if (s) HOST2("subss"); else HOST2("subsd"); break;
    case OP_MUL: if (s) HOST2("mulss"); else HOST2("mulsd"); break;
    case OP_DIV: if (s) HOST2("divss"); else HOST2("divsd"); break;
    case OP_SQRT: if (s) HOST2("sqrtss"); else HOST2("sqrtsd"); break;
    case OP_MIN: if (s) HOST2("minss"); else HOST2("minsd"); break;
    case OP_MAX: if (s) HOST2("maxss"); else HOST2("maxsd"); break;
    case OP_CMP:
        switch (c->pred) {
        CMP_CASE(0); CMP_CASE(1); CMP_CASE(2); CMP_CASE(3);
        CMP_CASE(4); CMP_CASE(5); CMP_CASE(6); CMP_CASE(7);
        }
        break;
    case OP_COMI:
    case OP_UCOMI:
        if (c->op == OP_COMI && s)
            __asm__ volatile("ldmxcsr %[c]\n\t comiss %[b], %[a]\n\t setz %[z]\n\t setp %[p]\n\t"
                             "setc %[y]\n\t stmxcsr %[c]\n\t ldmxcsr %[d]"
                             : [c] "+m"(csr), [z] "=r"(zf), [p] "=r"(pf), [y] "=r"(cf)
                             : [a] "x"(va), [b] "x"(vb), [d] "m"(host_default) : "cc");
        else if (c->op == OP_COMI)
            __asm__ volatile("ldmxcsr %[c]\n\t comisd %[b], %[a]\n\t setz %[z]\n\t setp %[p]\n\t"
                             "setc %[y]\n\t stmxcsr %[c]\n\t ldmxcsr %[d]"
                             : [c] "+m"(csr), [z] "=r"(zf), [p] "=r"(pf), [y] "=r"(cf)
                             : [a] "x"(va), [b] "x"(vb), [d] "m"(host_default) : "cc");
        else if (s)
            __asm__ volatile("ldmxcsr %[c]\n\t ucomiss %[b], %[a]\n\t setz %[z]\n\t setp %[p]\n\t"
                             "setc %[y]\n\t stmxcsr %[c]\n\t ldmxcsr %[d]"
                             : [c] "+m"(csr), [z] "=r"(zf), [p] "=r"(pf), [y] "=r"(cf)
                             : [a] "x"(va), [b] "x"(vb), [d] "m"(host_default) : "cc");
        else
            __asm__ volatile("ldmxcsr %[c]\n\t ucomisd %[b], %[a]\n\t setz %[z]\n\t setp %[p]\n\t"
                             "setc %[y]\n\t stmxcsr %[c]\n\t ldmxcsr %[d]"
                             : [c] "+m"(csr), [z] "=r"(zf), [p] "=r"(pf), [y] "=r"(cf)
                             : [a] "x"(va), [b] "x"(vb), [d] "m"(host_default) : "cc");
        *mx = csr;
        return (uint64_t)(zf << 2 | pf << 1 | cf);
    case OP_TO_I32:
    case OP_TO_I32_TRUNC:
#define TOI(insn) __asm__ volatile("ldmxcsr %[c]\n\t" insn " %[a], %[i]\n\t stmxcsr %[c]\n\t ldmxcsr %[d]" \
                                   : [i] "=r"(i), [c] "+m"(csr) : [a] "x"(va), [d] "m"(host_default))
        if (c->op == OP_TO_I32)
            if (s) TOI("cvtss2si"); else TOI("cvtsd2si");
        else if (s) TOI("cvttss2si"); else TOI("cvttsd2si");
        *mx = csr;
        return (uint32_t)i;
    case OP_FROM_I32:
#define FROMI(insn) __asm__ volatile("ldmxcsr %[c]\n\t" insn " %[i], %[a]\n\t stmxcsr %[c]\n\t ldmxcsr %[d]" \
                                     : [a] "+x"(va), [c] "+m"(csr) : [i] "r"(i), [d] "m"(host_default))
        if (s) FROMI("cvtsi2ss"); else FROMI("cvtsi2sd");
        break;
    case OP_CONVERT:
        if (s) HOST2("cvtss2sd"); else HOST2("cvtsd2ss");
        break;
    case OP_N:
        break;
    }
    *mx = csr;
    uint64_t r = bits_of(va);
    bool narrow = c->op == OP_CONVERT ? c->to == SF_F32 : s;
    return narrow ? (uint32_t)r : r;
}

/* sf.h's operations through fn: sf_* (host, when it may) or sf_soft_*. */
typedef struct SfPath {
    uint64_t (*bin[OP_SQRT])(SfFmt, uint64_t, uint64_t, uint32_t *);
    uint64_t (*sqrt)(SfFmt, uint64_t, uint32_t *);
    uint64_t (*min)(SfFmt, uint64_t, uint64_t, uint32_t *);
    uint64_t (*max)(SfFmt, uint64_t, uint64_t, uint32_t *);
    SfRel (*compare)(SfFmt, uint64_t, uint64_t, bool, uint32_t *);
    uint64_t (*from_i32)(SfFmt, int32_t, uint32_t *);
    int32_t (*to_i32)(SfFmt, uint64_t, bool, uint32_t *);
    uint64_t (*convert)(SfFmt, SfFmt, uint64_t, uint32_t *);
} SfPath;

static const SfPath path_fast = {
    { sf_add, sf_sub, sf_mul, sf_div }, sf_sqrt, sf_min, sf_max, sf_compare, sf_from_i32,
    sf_to_i32, sf_convert,
};
static const SfPath path_soft = {
    { sf_soft_add, sf_soft_sub, sf_soft_mul, sf_soft_div }, sf_soft_sqrt, sf_soft_min,
    sf_soft_max, sf_soft_compare, sf_soft_from_i32, sf_soft_to_i32, sf_soft_convert,
};

/* CMPSS's predicate from the relation (SDM vol. 2 CMPSS table), the soft path's: sf_cmp
 * itself runs on the fast path. */
static bool cmp_of(SfRel rel, unsigned pred)
{
    bool r = false;
    switch (pred & 3) {
    case 0: r = rel == SF_EQ; break;
    case 1: r = rel == SF_LT; break;
    case 2: r = rel == SF_LT || rel == SF_EQ; break;
    case 3: r = rel == SF_UNORDERED; break;
    }
    return (pred & 4) ? !r : r;
}

static uint64_t run(const SfPath *p, const Case *c, uint32_t *mx)
{
    *mx = c->mxcsr;
    switch (c->op) {
    case OP_ADD: case OP_SUB: case OP_MUL: case OP_DIV:
        return p->bin[c->op](c->f, c->a, c->b, mx);
    case OP_SQRT: return p->sqrt(c->f, c->b, mx);
    case OP_MIN: return p->min(c->f, c->a, c->b, mx);
    case OP_MAX: return p->max(c->f, c->a, c->b, mx);
    case OP_CMP: {
        bool t;
        if (p == &path_fast) {
            t = sf_cmp(c->f, c->a, c->b, c->pred, mx);
        } else {
            bool signaling = (c->pred & 3) == 1 || (c->pred & 3) == 2;
            t = cmp_of(p->compare(c->f, c->a, c->b, !signaling, mx), c->pred);
        }
        return t ? (c->f == SF_F32 ? 0xFFFFFFFFu : ~0ull) : 0;
    }
    case OP_COMI:
    case OP_UCOMI: {
        SfRel rel = p->compare(c->f, c->a, c->b, c->op == OP_UCOMI, mx);
        return rel == SF_UNORDERED ? 7 : rel == SF_LT ? 1 : rel == SF_EQ ? 4 : 0;
    }
    case OP_TO_I32:
    case OP_TO_I32_TRUNC:
        return (uint32_t)p->to_i32(c->f, c->a, c->op == OP_TO_I32_TRUNC, mx);
    case OP_FROM_I32: return p->from_i32(c->f, c->i, mx);
    case OP_CONVERT: return p->convert(c->to, c->f, c->b, mx);
    case OP_N: break;
    }
    return 0;
}

static void gen_case(Rng *r, Op op, SfFmt f, bool unmask, Case *c)
{
    *c = (Case){ .op = op, .f = f, .to = f == SF_F32 ? SF_F64 : SF_F32 };
    c->mxcsr = 0x1F80 | (uint32_t)below(r, 4) << 13;
    if (unmask && below(r, 2))       /* some exceptions unmasked: the host would trap */
        c->mxcsr &= ~((uint32_t)below(r, 64) << SF_MASK_SHIFT);
    if (below(r, 2))
        c->mxcsr |= SF_DAZ;
    if (below(r, 2))
        c->mxcsr |= SF_FTZ;
    c->a = gen(r, f, NULL);
    c->b = gen(r, f, below(r, 3) ? NULL : &c->a);
    c->pred = (unsigned)below(r, 8);
    c->i = gen_int(r);
}

static void report(const char *what, const Case *c, uint64_t want, uint32_t wm, uint64_t got,
                   uint32_t gm)
{
    fprintf(stderr, "%s %s%s mxcsr %04x a %016llx b %016llx pred %u i %d: %016llx %04x, "
            "%016llx %04x\n", what, op_names[c->op], c->f == SF_F32 ? "ss" : "sd", c->mxcsr,
            (unsigned long long)c->a, (unsigned long long)c->b, c->pred, c->i,
            (unsigned long long)want, wm, (unsigned long long)got, gm);
}

/* Every exception masked: the host, sf_soft_* and sf_* agree. */
static void check_op(Op op, SfFmt f, uint64_t seed, int n)
{
    Rng rng = { seed };
    int fails = 0;
    for (int k = 0; k < n; k++) {
        Case c;
        gen_case(&rng, op, f, false, &c);
        uint32_t hm, sm, fm;
        uint64_t want = host(&c, &hm), soft = run(&path_soft, &c, &sm);
        uint64_t fast = run(&path_fast, &c, &fm);
        if (want != soft || hm != sm || want != fast || hm != fm) {
            if (fails < 10)
                report(want != soft || hm != sm ? "host/soft" : "host/fast", &c, want, hm,
                       want != soft || hm != sm ? soft : fast, want != soft || hm != sm ? sm : fm);
            fails++;
        }
    }
    ck_assert_msg(fails == 0, "%s: %d of %d cases differ from the host", op_names[op], fails, n);
}

/* Exceptions unmasked too (the host would trap): sf_* gives sf_soft_*'s result and flags. */
static void check_fast_op(Op op, SfFmt f, uint64_t seed, int n)
{
    Rng rng = { seed };
    int fails = 0, unmasked = 0;
    for (int k = 0; k < n; k++) {
        Case c;
        gen_case(&rng, op, f, true, &c);
        unmasked += (c.mxcsr & 0x1F80) != 0x1F80;
        uint32_t sm, fm;
        uint64_t soft = run(&path_soft, &c, &sm), fast = run(&path_fast, &c, &fm);
        if (soft != fast || sm != fm) {
            if (fails < 10)
                report("soft/fast", &c, soft, sm, fast, fm);
            fails++;
        }
    }
    ck_assert_msg(unmasked > n / 3, "%s: only %d cases unmask an exception", op_names[op],
                  unmasked);
    ck_assert_msg(fails == 0, "%s: %d of %d cases differ from the soft path", op_names[op],
                  fails, n);
}

START_TEST(test_sf_matches_host_sse)
{
    Op op = (Op)(_i / 2);
    SfFmt f = (SfFmt)(_i % 2);
    check_op(op, f, 0x243F6A8885A308D3u + (uint64_t)_i, 300000);
}
END_TEST

START_TEST(test_sf_host_path_matches_soft_unmasked)
{
    check_fast_op((Op)(_i / 2), (SfFmt)(_i % 2), 0x13198A2E03707344u + (uint64_t)_i, 300000);
}
END_TEST

/* sf_packed against the soft path lane by lane: it declines exactly when a lane raises an
 * unmasked exception, else gives every lane's result and the flags of all. */
START_TEST(test_sf_packed_matches_soft_lanes)
{
    static const SfOp ops[] = { SF_OP_ADD, SF_OP_SUB, SF_OP_MUL, SF_OP_DIV, SF_OP_MIN,
                                SF_OP_MAX, SF_OP_SQRT };
    static const Op test_op[] = { OP_ADD, OP_SUB, OP_MUL, OP_DIV, OP_MIN, OP_MAX, OP_SQRT };
    SfOp op = ops[_i / 2];
    SfFmt f = (SfFmt)(_i % 2);
    Rng rng = { 0xA4093822299F31D0u + (uint64_t)_i };
    int n = 200000, done = 0, declined = 0, fails = 0;
    unsigned lanes = f == SF_F32 ? 4 : 2, w = f == SF_F32 ? 32 : 64;
    for (int k = 0; k < n; k++) {
        Case c;
        uint64_t d[2] = { 0, 0 }, s[2] = { 0, 0 }, want[2] = { 0, 0 };
        uint32_t mx = 0, soft_mx = 0;
        for (unsigned l = 0; l < lanes; l++) {
            gen_case(&rng, test_op[_i / 2], f, true, &c);
            if (l == 0)
                mx = soft_mx = c.mxcsr;
            c.mxcsr = soft_mx;
            uint32_t m;
            uint64_t r = run(&path_soft, &c, &m);
            soft_mx |= m & SF_FLAGS;
            unsigned q = l * w / 64, sh = l * w % 64;
            d[q] |= c.a << sh;
            s[q] |= c.b << sh;
            want[q] |= r << sh;
        }
        bool trap = soft_mx & ~(soft_mx >> SF_MASK_SHIFT) & SF_FLAGS;
        uint64_t sd[2] = { d[0], d[1] };
        bool ok = sf_packed(op, f, d, s, &mx);
        if (ok == trap || (ok && (d[0] != want[0] || d[1] != want[1] || mx != soft_mx)) ||
            (!ok && (d[0] != sd[0] || d[1] != sd[1]))) {
            if (fails++ < 10)
                fprintf(stderr, "packed %s%s: mxcsr %04x d %016llx %016llx s %016llx %016llx: "
                        "%d %016llx %016llx %04x, soft %016llx %016llx %04x\n", op_names[test_op[_i / 2]],
                        f == SF_F32 ? "ps" : "pd", soft_mx & ~SF_FLAGS, (unsigned long long)sd[0],
                        (unsigned long long)sd[1], (unsigned long long)s[0], (unsigned long long)s[1],
                        ok, (unsigned long long)d[0], (unsigned long long)d[1], mx,
                        (unsigned long long)want[0], (unsigned long long)want[1], soft_mx);
        }
        done += ok;
        declined += !ok;
    }
    ck_assert_msg(done > n / 4 && declined > n / 20, "%d host, %d declined", done, declined);
    ck_assert_msg(fails == 0, "%d of %d packed cases differ from the soft path", fails, n);
}
END_TEST

START_TEST(test_sf_special_values_follow_the_sdm)
{
    uint32_t mx = 0x1F80;
    ck_assert_uint_eq(sf_sub(SF_F32, 0x7F800000, 0x7F800000, &mx), SF_F32_INDEFINITE);
    ck_assert_uint_eq(mx, 0x1F80 | SF_IE);
    mx = 0x1F80;         /* two NaNs: the first source's, quieted */
    ck_assert_uint_eq(sf_add(SF_F32, 0x7F800001, 0xFFC00002, &mx), 0x7FC00001);
    ck_assert_uint_eq(mx, 0x1F80 | SF_IE);
    mx = 0x1F80;         /* MIN: the second operand for a NaN or two zeros */
    ck_assert_uint_eq(sf_min(SF_F64, 0x7FF8000000000000u, 0x3FF0000000000000u, &mx),
                      0x3FF0000000000000u);
    ck_assert_uint_eq(sf_min(SF_F32, 0x80000000, 0, &mx), 0);
    mx = 0x1F80;
    ck_assert_int_eq(sf_to_i32(SF_F64, 0x41E0000000000000u, false, &mx), SF_INT_INDEFINITE);
    ck_assert_uint_eq(mx, 0x1F80 | SF_IE);
    mx = 0x1F80 | SF_FTZ;        /* FTZ: the smallest normal / 2 flushes, UE and PE */
    ck_assert_uint_eq(sf_mul(SF_F32, 0x00800000, 0x3F000000, &mx), 0);
    ck_assert_uint_eq(mx, 0x1F80 | SF_FTZ | SF_UE | SF_PE);
    mx = 0x1F80 & ~(SF_UE << SF_MASK_SHIFT);    /* UE unmasked: an exact tiny result */
    sf_mul(SF_F32, 0x00800000, 0x3F000000, &mx);
    ck_assert_uint_eq(mx & SF_FLAGS, SF_UE);
    mx = 0x1F80 & ~(SF_UE << SF_MASK_SHIFT);    /* an inexact one: PE too (SDM vol. 1 4.9.1.6) */
    sf_mul(SF_F32, 0x00800001, 0x3F000001, &mx);
    ck_assert_uint_eq(mx & SF_FLAGS, SF_UE | SF_PE);
    mx = 0x1F80 & ~(SF_OE << SF_MASK_SHIFT);    /* OE unmasked: exact, then inexact */
    sf_mul(SF_F64, 0x7FE0000000000000u, 0x4000000000000000u, &mx);
    ck_assert_uint_eq(mx & SF_FLAGS, SF_OE);
    mx = 0x1F80 & ~(SF_OE << SF_MASK_SHIFT);
    sf_mul(SF_F64, 0x7FE0000000000001u, 0x4000000000000001u, &mx);
    ck_assert_uint_eq(mx & SF_FLAGS, SF_OE | SF_PE);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("sf");
    TCase *tc = tcase_create("sf");
    tcase_set_timeout(tc, 600);
    tcase_add_test(tc, test_sf_special_values_follow_the_sdm);
    tcase_add_loop_test(tc, test_sf_matches_host_sse, 0, 2 * OP_N);
    tcase_add_loop_test(tc, test_sf_host_path_matches_soft_unmasked, 0, 2 * OP_N);
    tcase_add_loop_test(tc, test_sf_packed_matches_soft_lanes, 0, 14);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
