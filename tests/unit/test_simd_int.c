/* test_simd_int: the packed-integer operations of ops_simd_int.c over 16 bytes (the XMM
 * forms) against the host's own SSE2 (an oracle in this test only: the emulator computes
 * in integers), and over 8 and 16 bytes against the element-by-element model they
 * replaced (simd_int_ref.h), on random operands from fixed seeds pushed to the saturation
 * edges; the 8-byte model also checks simd_mmx_ops, the MMX forms. */
#include <check.h>
#include <emmintrin.h>
#include <string.h>

#include "emu/cpu/cpu_int.h"
#include "emu/cpu/simd_int.h"
#include "tests/unit/simd_int_ref.h"

static uint32_t rng;
static uint32_t next(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 17;
    rng ^= rng << 5;
    return rng;
}

static void fill(SimdVec *v)
{
    static const uint8_t edge[4] = { 0x00, 0x7f, 0x80, 0xff };
    for (int k = 0; k < 16; k++)
        v->b[k] = (next() & 3) == 0 ? edge[next() & 3] : (uint8_t)next();
}

static __m128i host(unsigned op, __m128i a, __m128i b)
{
    switch (op) {
    case 0x60: return _mm_unpacklo_epi8(a, b);
    case 0x61: return _mm_unpacklo_epi16(a, b);
    case 0x62: return _mm_unpacklo_epi32(a, b);
    case 0x63: return _mm_packs_epi16(a, b);
    case 0x64: return _mm_cmpgt_epi8(a, b);
    case 0x65: return _mm_cmpgt_epi16(a, b);
    case 0x66: return _mm_cmpgt_epi32(a, b);
    case 0x67: return _mm_packus_epi16(a, b);
    case 0x68: return _mm_unpackhi_epi8(a, b);
    case 0x69: return _mm_unpackhi_epi16(a, b);
    case 0x6a: return _mm_unpackhi_epi32(a, b);
    case 0x6b: return _mm_packs_epi32(a, b);
    case 0x6c: return _mm_unpacklo_epi64(a, b);
    case 0x6d: return _mm_unpackhi_epi64(a, b);
    case 0x74: return _mm_cmpeq_epi8(a, b);
    case 0x75: return _mm_cmpeq_epi16(a, b);
    case 0x76: return _mm_cmpeq_epi32(a, b);
    case 0xd1: return _mm_srl_epi16(a, b);
    case 0xd2: return _mm_srl_epi32(a, b);
    case 0xd3: return _mm_srl_epi64(a, b);
    case 0xd4: return _mm_add_epi64(a, b);
    case 0xd5: return _mm_mullo_epi16(a, b);
    case 0xd8: return _mm_subs_epu8(a, b);
    case 0xd9: return _mm_subs_epu16(a, b);
    case 0xda: return _mm_min_epu8(a, b);
    case 0xdb: return _mm_and_si128(a, b);
    case 0xdc: return _mm_adds_epu8(a, b);
    case 0xdd: return _mm_adds_epu16(a, b);
    case 0xde: return _mm_max_epu8(a, b);
    case 0xdf: return _mm_andnot_si128(a, b);
    case 0xe0: return _mm_avg_epu8(a, b);
    case 0xe1: return _mm_sra_epi16(a, b);
    case 0xe2: return _mm_sra_epi32(a, b);
    case 0xe3: return _mm_avg_epu16(a, b);
    case 0xe4: return _mm_mulhi_epu16(a, b);
    case 0xe5: return _mm_mulhi_epi16(a, b);
    case 0xe8: return _mm_subs_epi8(a, b);
    case 0xe9: return _mm_subs_epi16(a, b);
    case 0xea: return _mm_min_epi16(a, b);
    case 0xeb: return _mm_or_si128(a, b);
    case 0xec: return _mm_adds_epi8(a, b);
    case 0xed: return _mm_adds_epi16(a, b);
    case 0xee: return _mm_max_epi16(a, b);
    case 0xef: return _mm_xor_si128(a, b);
    case 0xf1: return _mm_sll_epi16(a, b);
    case 0xf2: return _mm_sll_epi32(a, b);
    case 0xf3: return _mm_sll_epi64(a, b);
    case 0xf4: return _mm_mul_epu32(a, b);
    case 0xf5: return _mm_madd_epi16(a, b);
    case 0xf6: return _mm_sad_epu8(a, b);
    case 0xf8: return _mm_sub_epi8(a, b);
    case 0xf9: return _mm_sub_epi16(a, b);
    case 0xfa: return _mm_sub_epi32(a, b);
    case 0xfb: return _mm_sub_epi64(a, b);
    case 0xfc: return _mm_add_epi8(a, b);
    case 0xfd: return _mm_add_epi16(a, b);
    default:   return _mm_add_epi32(a, b);   /* 0xfe */
    }
}

static const uint8_t ops[] = {
    0x60, 0x61, 0x62, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68, 0x69, 0x6a, 0x6b, 0x6c, 0x6d,
    0x74, 0x75, 0x76, 0xd1, 0xd2, 0xd3, 0xd4, 0xd5, 0xd8, 0xd9, 0xda, 0xdb, 0xdc, 0xdd,
    0xde, 0xdf, 0xe0, 0xe1, 0xe2, 0xe3, 0xe4, 0xe5, 0xe8, 0xe9, 0xea, 0xeb, 0xec, 0xed,
    0xee, 0xef, 0xf1, 0xf2, 0xf3, 0xf4, 0xf5, 0xf6, 0xf8, 0xf9, 0xfa, 0xfb, 0xfc, 0xfd, 0xfe,
};

START_TEST(test_simd_int_matches_host_sse2)
{
    static const uint32_t seeds[] = { 1, 0x2545f491, 0xdeadbeef, 77 };
    unsigned n = 0;
    for (size_t sd = 0; sd < ARRAY_SIZE(seeds); sd++) {
        rng = seeds[sd];
        for (int round = 0; round < 500; round++)
            for (size_t k = 0; k < ARRAY_SIZE(ops); k++) {
                SimdVec d, s, want;
                fill(&d);
                fill(&s);
                if ((ops[k] & 0x0f) <= 3 && ops[k] >= 0xd1 && (next() & 3)) {   /* shift counts 0-127 */
                    memset(s.b, 0, 16);
                    s.b[0] = (uint8_t)(next() & 0x7f);
                }
                __m128i r = host(ops[k], _mm_loadu_si128((const __m128i *)d.b),
                                 _mm_loadu_si128((const __m128i *)s.b));
                _mm_storeu_si128((__m128i *)want.b, r);
                SimdVec got = d;
                simd_int_op(ops[k], &got, &s, 16);
                ck_assert_msg(!memcmp(got.b, want.b, 16), "op 0F %02X seed %u round %d", ops[k],
                              seeds[sd], round);
                n++;
            }
    }
    ck_assert_uint_eq(n, ARRAY_SIZE(seeds) * 500 * ARRAY_SIZE(ops));
}
END_TEST

/* An MMX operand: 8 random bytes, the high 8 zero (as ops_mmx.c's mm_get). */
static void fill_n(SimdVec *v, unsigned n)
{
    fill(v);
    memset(v->b + n, 0, 16 - n);
}

START_TEST(test_simd_int_matches_the_element_model)
{
    static const uint32_t seeds[] = { 3, 0x9e3779b9, 0x12345678 };
    unsigned cases = 0;
    for (size_t sd = 0; sd < ARRAY_SIZE(seeds); sd++) {
        rng = seeds[sd];
        for (int round = 0; round < 600; round++)
            for (unsigned n = 8; n <= 16; n += 8)
                for (size_t k = 0; k < ARRAY_SIZE(ops); k++) {
                    if (n == 8 && (ops[k] == 0x6c || ops[k] == 0x6d))
                        continue;   /* PUNPCKLQDQ, PUNPCKHQDQ: XMM only */
                    SimdVec d, s, want, got;
                    fill_n(&d, n);
                    fill_n(&s, n);
                    if ((ops[k] & 0x0f) <= 3 && ops[k] >= 0xd1 && (next() & 1)) {
                        memset(s.b, 0, 16);   /* shift counts 0-79, or huge */
                        s.b[0] = (uint8_t)(next() % 80);
                        if (next() % 8 == 0)
                            s.b[4 + next() % 4] = (uint8_t)next();
                    }
                    want = d;
                    got = d;
                    ref_simd_int_op(ops[k], &want, &s, n);
                    simd_int_op(ops[k], &got, &s, n);
                    ck_assert_msg(!memcmp(got.b, want.b, n), "op 0F %02X n %u seed %u round %d",
                                  ops[k], n, seeds[sd], round);
                    if (n == 8) {    /* the MMX form ops_mmx.c calls, on the quadwords */
                        SimdMmxFn *fn = simd_mmx_ops[ops[k]];
                        ck_assert_msg(fn && fn(d.q[0], s.q[0]) == want.q[0],
                                      "simd_mmx_ops 0F %02X seed %u round %d", ops[k],
                                      seeds[sd], round);
                    }
                    cases++;
                }
    }
    ck_assert_uint_eq(cases, ARRAY_SIZE(seeds) * 600 * (2 * ARRAY_SIZE(ops) - 2));
}
END_TEST

/* The immediate shifts (0F 71-73): every element size, kind and count 0-255. */
START_TEST(test_simd_shift_matches_the_element_model)
{
    static const struct { unsigned e; int kind; } forms[] = {
        { 2, 'r' }, { 2, 'a' }, { 2, 'l' }, { 4, 'r' }, { 4, 'a' }, { 4, 'l' }, { 8, 'r' }, { 8, 'l' },
    };
    rng = 0x5eed;
    unsigned cases = 0;
    for (size_t f = 0; f < ARRAY_SIZE(forms); f++)
        for (unsigned count = 0; count < 256; count++)
            for (unsigned n = 8; n <= 16; n += 8)
                for (int round = 0; round < 4; round++) {
                    SimdVec want, got;
                    fill_n(&want, n);
                    got = want;
                    ref_simd_shift(&want, forms[f].e, forms[f].kind, count, n);
                    simd_shift(&got, forms[f].e, forms[f].kind, count, n);
                    ck_assert_msg(!memcmp(got.b, want.b, n), "e %u kind %c count %u n %u",
                                  forms[f].e, forms[f].kind, count, n);
                    cases++;
                }
    ck_assert_uint_eq(cases, ARRAY_SIZE(forms) * 256 * 2 * 4);
}
END_TEST

static Suite *simd_suite(void)
{
    Suite *s = suite_create("simd_int");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, test_simd_int_matches_host_sse2);
    tcase_add_test(tc, test_simd_int_matches_the_element_model);
    tcase_add_test(tc, test_simd_shift_matches_the_element_model);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *r = srunner_create(simd_suite());
    srunner_run_all(r, CK_NORMAL);
    int failed = srunner_ntests_failed(r);
    srunner_free(r);
    return failed ? 1 : 0;
}
