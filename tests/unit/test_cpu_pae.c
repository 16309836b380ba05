/* test_cpu_pae: the page walk of mmu.c (mmu_translate) against a reference model written
 * here from the SDM (vol. 3, 4.3 and 4.4), on random page tables from fixed seeds: PAE
 * paging, 32-bit paging with CR4.PSE (PSE-36 on pentium2), without it, and on a model
 * with neither PAE nor PSE-36 (MAXPHYADDR 32). Random entries point at other random
 * tables, at zeroed RAM, past the RAM and above 4 GiB, with random permissions, accessed
 * and dirty bits and reserved bits; each translation (read or write, CPL 0 or 3, CR0.WP
 * random) must give the model's physical address or its #PF error code and CR2, and leave
 * memory (the A and D bits) as the model does. Then MOV CR3's PDPTE checks (#GP(0)). */
#include <check.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>

#include "emu/cpu/cpu_int.h"
#include "emu/cpu/cpu_model.h"
#include "tests/unit/cpu_test.h"

#define POOL 0x100000u      /* random tables: the upper 1 MiB of the test RAM */
#define POOL_PAGES 256u

/* The bare machine of cpu_test.h with the CPU model spec. */
static T *t_new_model(const char *spec)
{
    T *t = t_new();
    CpuModel m;
    ck_assert_int_eq(cpu_model_parse(spec, &m, NULL), 0);
    cpu_set_model(t->cpu, &m);
    return t;
}
static void t_wr64(T *t, uint32_t a, uint64_t v)
{
    for (int k = 0; k < 8; k++)
        t->ram[a + (uint32_t)k] = (uint8_t)(v >> (8 * k));
}

static uint32_t rng;
static uint32_t next(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 17;
    rng ^= rng << 5;
    return rng;
}
static uint64_t next64(void) { return (uint64_t)next() << 32 | next(); }

/* ---- the reference model ---- */

typedef struct Ref {
    uint8_t *ram;           /* its own copy of the test RAM, where it sets A and D */
    uint32_t cr0, cr3, cr4;
    bool pae_model, pse36_model;
    uint64_t pdpte[4];      /* loaded when CR3 was */
} Ref;

/* What is at physical address pa: the RAM, then the bus's all-ones below 4 GiB, zeros
 * above (mmu.c's header). */
static uint64_t ref_rd(const Ref *r, uint64_t pa, int bytes)
{
    uint64_t v = 0;
    for (int k = bytes - 1; k >= 0; k--) {
        uint64_t a = pa + (uint64_t)k;
        v = v << 8 | (a < RAM_SIZE ? r->ram[a] : a < (1ull << 32) ? 0xff : 0);
    }
    return v;
}
static void ref_or(Ref *r, uint64_t pa, uint8_t bits)
{
    if (pa < RAM_SIZE)
        r->ram[pa] |= bits;
}

/* Returns -1 and *pa, or the #PF error code. */
static int64_t ref_translate(Ref *r, uint32_t lin, bool write, bool user, uint64_t *pa)
{
    int maxphy = r->pae_model ? 36 : 32;
    uint64_t addr_mask = ((1ull << maxphy) - 1) & ~0xfffull;
    uint32_t acc = (write ? 2u : 0) | (user ? 4u : 0);
    uint64_t e[2], ea[2];   /* PDE, PTE and their addresses */
    int n;                  /* entries used: 1 (large page) or 2 */
    uint64_t page;          /* page size */
    if (r->cr4 & 0x20) {
        uint64_t pdpte = r->pdpte[lin >> 30];
        if (!(pdpte & 1))
            return acc;
        /* reserved: bits 1, 2, 6-8 and MAXPHYADDR-63 (bit 5 too, but QEMU sets it: mmu.c) */
        if (pdpte & (0x1c6 | ~((1ull << maxphy) - 1)))
            return acc | 9;
        ea[0] = (pdpte & addr_mask) + ((lin >> 21) & 511) * 8;
        e[0] = ref_rd(r, ea[0], 8);
        if (!(e[0] & 1))
            return acc;
        if (e[0] & ~((1ull << maxphy) - 1))
            return acc | 9;
        if (e[0] & 0x80) {
            if (e[0] & 0x1fe000)
                return acc | 9;
            n = 1;
            page = 2u << 20;
            *pa = (e[0] & addr_mask & ~(page - 1)) + (lin & (page - 1));
        } else {
            ref_or(r, ea[0], 0x20);
            n = 2;
            page = 4096;
            ea[1] = (e[0] & addr_mask) + ((lin >> 12) & 511) * 8;
            e[1] = ref_rd(r, ea[1], 8);
            if (!(e[1] & 1))
                return acc;
            if (e[1] & ~((1ull << maxphy) - 1))
                return acc | 9;
            *pa = (e[1] & addr_mask) + (lin & 0xfff);
        }
    } else {
        ea[0] = (r->cr3 & 0xfffff000u) + (lin >> 22) * 4;
        e[0] = ref_rd(r, ea[0], 4);
        if (!(e[0] & 1))
            return acc;
        if ((e[0] & 0x80) && (r->cr4 & 0x10)) {
            /* PDE bits 13..13+(M-33) are PA bits 32..M-1 with PSE-36; the rest of 13-21
             * is reserved */
            int hi = r->pse36_model ? maxphy - 32 : 0;
            uint64_t rsvd = 0x3fe000 & ~(((1ull << hi) - 1) << 13);
            if (e[0] & rsvd)
                return acc | 9;
            n = 1;
            page = 4u << 20;
            *pa = (e[0] & 0xffc00000u) + (((e[0] >> 13) & ((1ull << hi) - 1)) << 32) +
                  (lin & (page - 1));
        } else {
            ref_or(r, ea[0], 0x20);
            n = 2;
            page = 4096;
            ea[1] = (e[0] & 0xfffff000u) + ((lin >> 12) & 1023) * 4;
            e[1] = ref_rd(r, ea[1], 4);
            if (!(e[1] & 1))
                return acc;
            *pa = (e[1] & 0xfffff000u) + (lin & 0xfff);
        }
    }
    uint64_t both = n == 1 ? e[0] : e[0] & e[1];
    bool ok = user ? (both & 4) && (!write || (both & 2))
                   : !write || (both & 2) || !(r->cr0 & 0x10000);
    if (!ok)
        return acc | 1;
    ref_or(r, ea[n - 1], (uint8_t)(0x20 | (write ? 0x40 : 0)));
    return -1;
}

/* ---- the test ---- */

/* A random entry: mostly present, pointing at a pool page (another table), sometimes at
 * zeroed RAM below the pool, past the RAM or above 4 GiB; random low flags; now and then
 * a high bit. */
static uint64_t random_entry(bool pae)
{
    uint64_t e;
    uint32_t k = next() % 16;
    if (k < 10)
        e = POOL + (next() % POOL_PAGES) * 4096u;
    else if (k < 12)
        e = (next() % 256) * 4096u;
    else if (k < 14)
        e = (uint64_t)(next() & 0xfffff000u);
    else
        e = next64() & 0xffffffffff000ull;   /* bits 12-51 */
    e |= next() & 0xfff;                     /* P, RW, US, PWT, PCD, A, D, PS, G, avail */
    if (next() % 8)
        e |= 1;
    if (pae && (e & 0x80) && next() % 2)
        e &= ~0x1fe000ull;                   /* a 2 MiB page's frame, if it is a PDE */
    if (pae && next() % 16 == 0)
        e |= 1ull << (32 + next() % 32);
    return pae ? e : (uint32_t)e;
}

/* Fills the pool with random entries, points CR3 at a pool page (32-byte aligned for
 * PAE), sets the CPU up and the model alike. */
static void setup(T *t, Ref *r, bool pae, bool pse)
{
    const CpuModel *m = &t->cpu->model;
    for (uint32_t a = POOL; a < RAM_SIZE; a += pae ? 8 : 4) {
        uint64_t e = random_entry(pae);
        for (int k = 0; k < (pae ? 8 : 4); k++)
            t->ram[a + (uint32_t)k] = (uint8_t)(e >> (8 * k));
    }
    uint32_t cr3 = POOL + (next() % POOL_PAGES) * 4096u + (pae ? (next() % 128) * 32 : 0);
    CpuState *s = &t->cpu->s;
    s->cr[0] = 0x80000011u | ((next() & 1) ? 0x10000u : 0);
    s->cr[3] = cr3;
    s->cr[4] = (pae ? 0x20u : 0) | (pse ? 0x10u : 0);
    for (int k = 0; k < 6; k++)
        s->segs[k] = (CpuSeg){ .selector = k == R_CS ? 8 : 0x10, .base = 0, .limit = 0xffffffffu,
                               .flags = k == R_CS ? 0xcf9b00 : 0xcf9300 };
    if (pae)                 /* PDPTEs: mostly without reserved bits */
        for (uint32_t k = 0; k < 4; k++)
            if (next() % 4)
                for (uint32_t b = 0; b < 8; b++)
                    t->ram[(cr3 & ~0x1fu) + 8 * k + b] &= (uint8_t)(b == 0 ? ~0xc6 : b == 1 ? ~0x01 : b < 4 ? 0xff : b == 4 ? 0x0f : 0);
    cpu_flush_all(t->cpu);   /* loads the PDPTEs under PAE */
    memcpy(r->ram, t->ram, RAM_SIZE);
    r->cr0 = s->cr[0];
    r->cr3 = cr3;
    r->cr4 = s->cr[4];
    r->pae_model = (m->feat[CPU_FEAT_1_EDX] & CPUID_PAE) != 0;
    r->pse36_model = (m->feat[CPU_FEAT_1_EDX] & CPUID_PSE36) != 0;
    for (int k = 0; k < 4; k++)
        r->pdpte[k] = ref_rd(r, (cr3 & ~0x1fu) + 8u * (uint32_t)k, 8);
}

/* A random linear address whose walk starts at a present entry more often than not:
 * mostly anywhere, sometimes in the first 16 MiB. */
static uint32_t random_lin(void)
{
    return (next() % 4) ? next() : next() % (16u << 20);
}

/* mmu_translate, catching its #PF: false when it raised one (vector and code in c). */
static bool try_translate(Cpu *c, uint32_t lin, bool write, bool user, uint64_t *pa)
{
    if (setjmp(c->jb))
        return false;
    *pa = mmu_translate(c, lin, write ? ACC_WRITE : ACC_READ, user);
    return true;
}

/* One seed: n random accesses; counts the faults and the translations into *faults, *ok. */
static void run_seed(const char *cpu, bool pae, bool pse, uint32_t seed, int n, int *faults, int *ok)
{
    T *t = t_new_model(cpu);
    Ref r = { .ram = malloc(RAM_SIZE) };
    rng = seed;
    setup(t, &r, pae, pse);
    Cpu *c = t->cpu;
    for (int k = 0; k < n; k++) {
        uint32_t lin = random_lin();
        bool write = next() & 1, user = (next() % 4) == 0;
        uint64_t want_pa = 0;
        int64_t want = ref_translate(&r, lin, write, user, &want_pa);
        uint64_t got_pa = 0;
        bool fault = !try_translate(c, lin, write, user, &got_pa);
        if (want < 0) {
            ck_assert_msg(!fault, "seed %u #%d lin %#x %s%s: #PF %#x, model maps it to %#llx", seed, k,
                          lin, write ? "write" : "read", user ? " user" : "", c->exc_code,
                          (unsigned long long)want_pa);
            ck_assert_msg(got_pa == want_pa, "seed %u #%d lin %#x: PA %#llx, model %#llx", seed, k, lin,
                          (unsigned long long)got_pa, (unsigned long long)want_pa);
            (*ok)++;
        } else {
            ck_assert_msg(fault && c->exc_vec == EXC_PF && c->exc_code == (uint32_t)want,
                          "seed %u #%d lin %#x %s%s: %s %#x, model #PF %#x", seed, k, lin,
                          write ? "write" : "read", user ? " user" : "", fault ? "fault" : "PA",
                          fault ? c->exc_code : (uint32_t)got_pa, (uint32_t)want);
            ck_assert_uint_eq(c->s.cr[2], lin);
            (*faults)++;
        }
        /* only present entries are written, and only the pool holds any */
        ck_assert_msg(!memcmp(t->ram + POOL, r.ram + POOL, RAM_SIZE - POOL), "seed %u #%d lin %#x: A/D bits differ",
                      seed, k, lin);
    }
    free(r.ram);
    t_free(t);
}

static void run_config(const char *cpu, bool pae, bool pse)
{
    int faults = 0, ok = 0;
    for (uint32_t seed = 1; seed <= 12; seed++)
        run_seed(cpu, pae, pse, seed * 0x9e3779b9u, 2000, &faults, &ok);
    /* both outcomes well represented, or the comparison proves little */
    ck_assert_int_gt(faults, 2000);
    ck_assert_int_gt(ok, 2000);
}

START_TEST(test_cpu_pae_walk_matches_the_model)
{
    run_config("pentium2,-hypervisor", true, (_i & 1) != 0);
}
END_TEST

START_TEST(test_cpu_pae_32bit_walk_with_pse36_matches_the_model)
{
    run_config("pentium2,-hypervisor", false, true);
}
END_TEST

START_TEST(test_cpu_pae_32bit_walk_without_pse_matches_the_model)
{
    run_config("pentium2,-hypervisor", false, false);
}
END_TEST

START_TEST(test_cpu_pae_32bit_walk_on_a_model_without_pae_matches_the_model)
{
    run_config("pentium2,-pae,-pse36,-mce,-mca,-de,-hypervisor", false, true);
}
END_TEST

/* MOV CR3 under PAE paging: a present PDPTE with a reserved bit raises #GP(0) and leaves
 * CR3 and the PDPTE registers alone; a not-present one may hold anything. MOV CR4 and MOV
 * CR0 that enter PAE paging check them too. */
static int set_cr(Cpu *c, int n, uint32_t v)
{
    volatile int vec = -1;
    if (setjmp(c->jb) == 0) {
        if (n == 0) cpu_set_cr0(c, v);
        else if (n == 3) cpu_set_cr3(c, v);
        else cpu_set_cr4(c, v);
    } else {
        vec = c->exc_vec;
        ck_assert_uint_eq(c->exc_code, 0);
    }
    return vec;
}

START_TEST(test_cpu_pae_mov_crn_checks_the_pdptes)
{
    static const uint64_t bad[] = { 0x3, 0x5, 0x41, 0x81, 0x101, 1ull << 36 | 1, 1ull << 63 | 1 };
    for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++) {
        T *t = t_new_model("pentium2,-hypervisor");
        Cpu *c = t->cpu;
        t_wr64(t, 0x10000, 0x11001);             /* PDPT at 0x10000, valid */
        t_wr64(t, 0x10020, 0x11001);             /* PDPT at 0x10020: PDPTE 2 is bad[k] */
        t_wr64(t, 0x10030, bad[k] | 0x11000);
        t_wr64(t, 0x10038, ~1ull);               /* not present: anything goes */
        c->s.cr[0] = 0x80000011u;
        c->s.cr[3] = 0x10000;
        c->s.cr[4] = 0x20;
        cpu_flush_all(c);
        ck_assert_uint_eq(c->pdpte[0], 0x11001);
        ck_assert_msg(set_cr(c, 3, 0x10020) == EXC_GP, "PDPTE %#llx", (unsigned long long)bad[k]);
        ck_assert_uint_eq(c->s.cr[3], 0x10000);
        ck_assert_uint_eq(c->pdpte[2], 0);
        /* the valid one loads, the not-present PDPTE with every other bit set included */
        t_wr64(t, 0x10030, 0x11001);
        ck_assert_int_eq(set_cr(c, 3, 0x10020), -1);
        ck_assert_uint_eq(c->pdpte[3], ~1ull);
        /* CR4.PAE and CR0.PG: entering PAE paging loads them */
        t_wr64(t, 0x10030, bad[k] | 0x11000);
        ck_assert_int_eq(set_cr(c, 4, 0), -1);
        ck_assert_int_eq(set_cr(c, 4, 0x20), EXC_GP);
        ck_assert_uint_eq(c->s.cr[4], 0);
        ck_assert_int_eq(set_cr(c, 0, 0x11), -1);
        ck_assert_int_eq(set_cr(c, 4, 0x20), -1);
        ck_assert_int_eq(set_cr(c, 0, 0x80000011u), EXC_GP);
        ck_assert_uint_eq(c->s.cr[0], 0x11);
        t_wr64(t, 0x10030, 0x11001);
        ck_assert_int_eq(set_cr(c, 0, 0x80000011u), -1);
        ck_assert_uint_eq(c->pdpte[2], 0x11001);
        t_free(t);
    }
}
END_TEST

static Suite *pae_suite(void)
{
    Suite *s = suite_create("cpu_pae");
    TCase *tc = tcase_create("walk");
    tcase_set_timeout(tc, 0);
    tcase_add_loop_test(tc, test_cpu_pae_walk_matches_the_model, 0, 2);
    tcase_add_test(tc, test_cpu_pae_32bit_walk_with_pse36_matches_the_model);
    tcase_add_test(tc, test_cpu_pae_32bit_walk_without_pse_matches_the_model);
    tcase_add_test(tc, test_cpu_pae_32bit_walk_on_a_model_without_pae_matches_the_model);
    tcase_add_test(tc, test_cpu_pae_mov_crn_checks_the_pdptes);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *r = srunner_create(pae_suite());
    srunner_run_all(r, CK_NORMAL);
    int failed = srunner_ntests_failed(r);
    srunner_free(r);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
