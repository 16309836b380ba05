/* test_loadvm_lazy.c: the lazy load (snapshot/vm/loadvm.h): a machine that never ran,
 * loaded from a snapshot, gets its pc.ram pages from the snapshot when they are first
 * touched. Every case is compared with an eager load of the same bytes (loadvm_stream from
 * memory reads every page before the machine starts) on a twin machine whose disk is a
 * copy of the image: the continuation; DMA writes, debugger and slow-path reads of pages
 * not loaded yet; savevm (new and same name), delvm and disk writes while pages are
 * pending; refused streams (truncations, and bits flipped in page record headers and
 * anywhere, from a fixed seed: the lazy load accepts exactly what the eager one accepts;
 * the same deep in the ZERO records of a 3 GiB machine);
 * a read error after the start. And the other half of not touching idle RAM: a save
 * neither reads nor faults in a page the process never touched, and writes the same
 * bytes as a save that reads every page. */
#include <check.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "block/block.h"
#include "block/qcow2.h"
#include "emu/cpu/cpu.h"
#include "emu/machine/machine.h"
#include "snapshot/format/ram.h"
#include "snapshot/format/stream.h"
#include "snapshot/vm/loadvm.h"
#include "snapshot/vm/savevm.h"
#include "vm_test.h"

#define RUN_A 1500000u      /* SeaBIOS POST is well under way (its code runs from shadow RAM) */
#define RUN_B 700000u
#define RUN_BASE (4 * MIB)  /* a contiguous run of non-zero pages the guest never touches */
#define RUN_PAGES 512
#define MIX_BASE (6 * MIB)  /* non-zero pages with zero pages between them */
#define MIX_PAGES 256

static uint32_t xorshift(uint32_t *x)
{
    *x ^= *x << 13;
    *x ^= *x >> 17;
    *x ^= *x << 5;
    return *x;
}

/* disk: a new image whose snapshot "s1" is SeaBIOS after RUN_A instructions plus
 * RUN_PAGES random pages at RUN_BASE and every other of MIX_PAGES pages at MIX_BASE,
 * written into pc.ram as the guest could have; twin: a copy of the image. */
static void make_snapshot(const char *disk, const char *twin)
{
    vt_make_qcow2(disk);
    Machine *m = vt_new_machine(8 * MIB, NULL, disk, NULL);
    vt_run(m, RUN_A);
    int n;
    uint8_t *ram = machine_ram_blocks(m, &n)[0].host;
    uint32_t x = 0x2545f491;
    for (uint64_t i = 0; i < RUN_PAGES * RAM_PAGE_SIZE; i += 4)
        memcpy(ram + RUN_BASE + i, &(uint32_t){ xorshift(&x) | 1 }, 4);
    for (uint64_t pg = 0; pg < MIX_PAGES; pg += 2)
        for (uint64_t i = 0; i < RAM_PAGE_SIZE; i += 4)
            memcpy(ram + MIX_BASE + pg * RAM_PAGE_SIZE + i, &(uint32_t){ xorshift(&x) }, 4);
    vt_save(m, "s1");
    vt_free_machine(m);
    char cmd[300];
    snprintf(cmd, sizeof cmd, "cp %s %s", vt_path(disk), vt_path(twin));
    ck_assert_int_eq(system(cmd), 0);
}

/* A fresh machine on disk, loaded lazily from snapshot name. */
static Machine *lazy(const char *disk, const char *name)
{
    Machine *m = vt_new_machine(8 * MIB, NULL, disk, NULL);
    Err e = { 0 };
    ck_assert_msg(loadvm(&m, name, &e) == 0, "loadvm %s: %s", name, e.msg);
    return m;
}

/* A fresh machine of ram bytes on disk, loaded eagerly from the bytes of a stream; NULL
 * when refused. */
static Machine *eager_ram(const char *disk, uint64_t ram, const uint8_t *b, size_t n)
{
    Machine *m = vt_new_machine(ram, NULL, disk, NULL);
    Stream *s = stream_open_mem(b, n);
    Err e = { 0 };
    int r = loadvm_stream(m, s, &e);
    stream_close(s, NULL);
    if (r < 0) {
        vt_free_machine(m);
        return NULL;
    }
    ck_assert_uint_eq(machine_ram_pending(m), 0);
    return m;
}

static Machine *eager_bytes(const char *disk, const uint8_t *b, size_t n)
{
    return eager_ram(disk, 8 * MIB, b, n);
}

/* A fresh machine on twin loaded eagerly from snapshot name of m's disk. */
static Machine *eager(Machine *m, const char *name, const char *twin)
{
    size_t n;
    uint8_t *b = vt_stored(m, name, &n);
    Machine *e = eager_bytes(twin, b, n);
    ck_assert_ptr_nonnull(e);
    free(b);
    return e;
}

static void assert_same_ram(Machine *a, Machine *b)
{
    int n;
    RamBlock *ra = machine_ram_blocks(a, &n), *rb = machine_ram_blocks(b, &n);
    ck_assert_uint_eq(ra[0].size, rb[0].size);
    ck_assert_msg(memcmp(ra[0].host, rb[0].host, ra[0].size) == 0, "pc.ram differs");
}

START_TEST(test_lazy_load_continues_bit_identical_to_an_eager_load)
{
    make_snapshot("a.qcow2", "b.qcow2");
    Machine *l = lazy("a.qcow2", "s1");
    Machine *e = eager(l, "s1", "b.qcow2");
    uint64_t pending = machine_ram_pending(l);
    ck_assert_uint_ge(pending, RUN_PAGES + MIX_PAGES / 2);
    vt_run(l, RUN_B);
    vt_run(e, RUN_B);
    /* the guest ran on pages it fetched (SeaBIOS's shadow copy) and left the others */
    ck_assert_uint_lt(machine_ram_pending(l), pending);
    ck_assert_uint_ge(machine_ram_pending(l), RUN_PAGES + MIX_PAGES / 2);
    vt_assert_same_state(l, e);
    ck_assert_uint_eq(machine_ram_pending(l), 0);
    assert_same_ram(l, e);
    vt_run(l, RUN_B);
    vt_run(e, RUN_B);
    vt_assert_same_state(l, e);
    vt_assert_image_clean(l, 0);
    vt_free_machine(l);
    vt_free_machine(e);
}
END_TEST

START_TEST(test_lazy_pages_reached_by_dma_debugger_and_slow_path_first)
{
    make_snapshot("a.qcow2", "b.qcow2");
    Machine *l = lazy("a.qcow2", "s1");
    Machine *e = eager(l, "s1", "b.qcow2");
    Bus *bl = machine_bus(l), *be = machine_bus(e);
    uint64_t pending = machine_ram_pending(l);
    /* a DMA write of 16 bytes into the middle of a pending page: the rest of the page is
     * the snapshot's */
    uint8_t dma[16];
    memset(dma, 0xd3, sizeof dma);
    bus_mem_rw(bl, RUN_BASE + 5 * RAM_PAGE_SIZE + 100, dma, sizeof dma, true);
    bus_mem_rw(be, RUN_BASE + 5 * RAM_PAGE_SIZE + 100, dma, sizeof dma, true);
    ck_assert_uint_eq(machine_ram_pending(l), pending - 1);
    /* a debugger read across two pending pages (the gdb stub's path), a zero page of the
     * mixed region next to a data page, and the CPU's slow path on another page */
    uint8_t gl[64], ge[64];
    bus_mem_rw(bl, RUN_BASE + 10 * RAM_PAGE_SIZE - 32, gl, sizeof gl, false);
    bus_mem_rw(be, RUN_BASE + 10 * RAM_PAGE_SIZE - 32, ge, sizeof ge, false);
    ck_assert_mem_eq(gl, ge, sizeof gl);
    bus_mem_rw(bl, MIX_BASE + 2 * RAM_PAGE_SIZE - 32, gl, sizeof gl, false);
    bus_mem_rw(be, MIX_BASE + 2 * RAM_PAGE_SIZE - 32, ge, sizeof ge, false);
    ck_assert_mem_eq(gl, ge, sizeof gl);
    ck_assert_uint_eq(bus_mem_read(bl, RUN_BASE + 20 * RAM_PAGE_SIZE + 6, 4),
                      bus_mem_read(be, RUN_BASE + 20 * RAM_PAGE_SIZE + 6, 4));
    ck_assert_uint_eq(machine_ram_pending(l), pending - 5);   /* 1 + 2 + 1 + 1 pages */
    /* a page read through a host pointer (a TLB fill) is whole */
    const uint8_t *hl = bus_read_ptr(bl, RUN_BASE + 30 * RAM_PAGE_SIZE);
    const uint8_t *he = bus_read_ptr(be, RUN_BASE + 30 * RAM_PAGE_SIZE);
    ck_assert_mem_eq(hl, he, RAM_PAGE_SIZE);
    ck_assert_uint_eq(machine_ram_pending(l), pending - 6);
    vt_assert_same_state(l, e);
    vt_free_machine(l);
    vt_free_machine(e);
}
END_TEST

START_TEST(test_lazy_savevm_delvm_and_disk_writes_keep_pending_pages_whole)
{
    make_snapshot("a.qcow2", "b.qcow2");
    Machine *e = vt_new_machine(8 * MIB, NULL, "b.qcow2", NULL);
    Err err = { 0 };
    ck_assert_msg(loadvm(&e, "s1", &err) == 0, "loadvm: %s", err.msg);
    size_t ln;
    uint8_t *want = vt_state(e, &ln);   /* finishes e's load: the reference */

    /* savevm under a new name and under the loaded one's while pages are pending: both
     * snapshots hold the loaded state */
    Machine *l = lazy("a.qcow2", "s1");
    ck_assert_uint_gt(machine_ram_pending(l), 0);
    vt_save(l, "s2");
    ck_assert_uint_eq(machine_ram_pending(l), 0);
    size_t n;
    uint8_t *got = vt_stored(l, "s2", &n);
    ck_assert_uint_eq(n, ln);
    ck_assert_msg(memcmp(got, want, n) == 0, "savevm of a lazy machine differs");
    free(got);
    vt_free_machine(l);
    l = lazy("a.qcow2", "s1");
    vt_save(l, "s1");
    got = vt_stored(l, "s1", &n);
    ck_assert_uint_eq(n, ln);
    ck_assert_msg(memcmp(got, want, n) == 0, "savevm over the loaded snapshot differs");
    free(got);
    vt_assert_image_clean(l, 0);
    vt_free_machine(l);

    /* delvm of the loaded snapshot, then the whole disk written (new clusters may be the
     * freed ones): the RAM is the snapshot's */
    l = lazy("a.qcow2", "s1");
    ck_assert_uint_gt(machine_ram_pending(l), 0);
    int ndel = 0;
    ck_assert_msg(delvm(l, "s1", NULL, &ndel, &err) == 0, "delvm: %s", err.msg);
    ck_assert_int_eq(ndel, 1);
    uint8_t *junk = xmalloc(16 * MIB);
    memset(junk, 0xa5, 16 * MIB);
    ck_assert_int_eq(blk_pwrite(machine_drive(l, 0), 0, junk, 16 * MIB, &err), 0);
    got = vt_state(l, &n);
    ck_assert_uint_eq(n, ln);
    ck_assert_msg(memcmp(got, want, n) == 0, "delvm changed a pending page");
    free(got);
    vt_free_machine(l);

    /* guest disk writes over the whole disk while pages are pending (s2 still holds them) */
    l = lazy("a.qcow2", "s2");
    ck_assert_uint_gt(machine_ram_pending(l), 0);
    memset(junk, 0x3c, 16 * MIB);
    ck_assert_int_eq(blk_pwrite(machine_drive(l, 0), 0, junk, 16 * MIB, &err), 0);
    got = vt_state(l, &n);
    ck_assert_uint_eq(n, ln);
    ck_assert_msg(memcmp(got, want, n) == 0, "a disk write changed a pending page");
    free(got);
    vt_assert_image_clean(l, 0);
    vt_free_machine(l);
    free(junk);
    free(want);
    vt_free_machine(e);
}
END_TEST

/* Loads bytes as snapshot "t" lazily into a fresh machine on a.qcow2 and eagerly from
 * memory on b.qcow2: both refuse, or both accept the same state. Returns true when
 * accepted. A refused lazy load leaves the fresh machine as it was. */
static bool lazy_agrees_with_eager_ram(uint64_t ram, const uint8_t *bytes, size_t n,
                                       const char *what)
{
    Machine *l = vt_new_machine(ram, NULL, "a.qcow2", NULL);
    vt_put_snapshot(l, "t", bytes, n);
    size_t l0;
    uint8_t *s0 = vt_state(l, &l0);
    Machine *before = l;
    Err err = { 0 };
    int r = loadvm(&l, "t", &err);
    Machine *e = eager_ram("b.qcow2", ram, bytes, n);
    ck_assert_msg((r == 0) == (e != NULL), "%s: lazy %s, eager %s (%s)", what,
                  r == 0 ? "accepted" : "refused", e ? "accepted" : "refused", err.msg);
    if (r < 0) {
        ck_assert_ptr_eq(l, before);
        size_t l1;
        uint8_t *s1 = vt_state(l, &l1);
        ck_assert_msg(l0 == l1 && memcmp(s0, s1, l0) == 0, "%s: a refused load changed the "
                      "machine", what);
        free(s1);
    } else {
        vt_assert_same_state(l, e);
        vt_free_machine(e);
    }
    Qcow2 *q = qcow2_of(machine_drive(l, 0));
    ck_assert_int_eq(qcow2_snapshot_delete(q, qcow2_snapshot_find(q, "t", NULL), &err), 0);
    free(s0);
    vt_free_machine(l);
    return r == 0;
}

static bool lazy_agrees_with_eager(const uint8_t *bytes, size_t n, const char *what)
{
    return lazy_agrees_with_eager_ram(8 * MIB, bytes, n, what);
}

/* The offset of the first record whose header word is word (not found: fails). */
static size_t find_word(const uint8_t *b, size_t n, uint64_t word)
{
    uint8_t w[8];
    put_be64(w, word);
    size_t at = 0;
    while (at + 8 <= n && memcmp(b + at, w, 8) != 0)
        at++;
    ck_assert_uint_lt(at + 8, n);
    return at;
}

/* -m 3072: the stream is mostly ZERO records (786,432, checked in place, zero_run) with a
 * run of PAGE records at 2 GiB. A bad header deep in it (a flag the loader refuses on the
 * last ZERO record, FULL instead of PAGE, an offset past the block), a truncation among
 * the last ZERO records and bit flips in them from a fixed seed all get the eager load's
 * verdict before the machine starts; a refused load changes nothing. */
START_TEST(test_lazy_checks_every_record_of_3_gib_before_start)
{
    const uint64_t ram = 3072 * MIB, deep = 2048 * MIB;
    vt_make_qcow2("a.qcow2");
    vt_make_qcow2("b.qcow2");
    Machine *m = vt_new_machine(ram, NULL, "a.qcow2", NULL);
    int nb;
    uint8_t *host = machine_ram_blocks(m, &nb)[0].host;
    uint32_t x = 0x51ed270b;
    for (uint64_t i = 0; i < 64 * RAM_PAGE_SIZE; i += 4)
        memcpy(host + deep + i, &(uint32_t){ xorshift(&x) | 1 }, 4);
    vt_save(m, "s1");
    size_t n;
    uint8_t *good = vt_stored(m, "s1", &n);
    vt_free_machine(m);
    ck_assert(lazy_agrees_with_eager_ram(ram, good, n, "the stream as saved"));
    size_t page = find_word(good, n, deep | RAM_FLAG_PAGE | RAM_FLAG_CONTINUE);
    size_t last = find_word(good, n, (ram - RAM_PAGE_SIZE) | RAM_FLAG_ZERO | RAM_FLAG_CONTINUE);
    uint8_t *bad = xmalloc(n);
    struct { size_t at; uint64_t word; const char *what; } cases[] = {
        { last, (ram - RAM_PAGE_SIZE) | RAM_FLAG_ZERO | RAM_FLAG_CONTINUE | RAM_FLAG_XBZRLE,
          "XBZRLE on the last ZERO record" },
        { page, deep | RAM_FLAG_FULL | RAM_FLAG_CONTINUE, "FULL on the PAGE record at 2 GiB" },
        { page, ram | RAM_FLAG_PAGE | RAM_FLAG_CONTINUE, "a PAGE record past the block" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        memcpy(bad, good, n);
        put_be64(bad + cases[i].at, cases[i].word);
        ck_assert_msg(!lazy_agrees_with_eager_ram(ram, bad, n, cases[i].what), "%s: accepted",
                      cases[i].what);
    }
    ck_assert(!lazy_agrees_with_eager_ram(ram, good, last - 1000 * 9 + 4, "truncated"));
    /* 8 bit flips among the last 100,000 ZERO records: a flag or high offset bit is
     * refused, a fill byte or a low offset bit gives another valid stream */
    int refused = 0;
    char what[96];
    for (int k = 0; k < 8; k++) {
        memcpy(bad, good, n);
        size_t at = last - (size_t)(xorshift(&x) % 100000) * 9 + xorshift(&x) % 9;
        bad[at] ^= (uint8_t)(1u << (xorshift(&x) % 8));
        snprintf(what, sizeof what, "bit flipped at %zu (case %d)", at, k);
        refused += !lazy_agrees_with_eager_ram(ram, bad, n, what);
    }
    ck_assert_int_ge(refused, 2);   /* this seed: 4 */
    ck_assert_int_le(refused, 6);
    free(bad);
    free(good);
}
END_TEST

START_TEST(test_lazy_refuses_what_an_eager_load_refuses_before_start)
{
    make_snapshot("a.qcow2", "b.qcow2");
    Machine *m = vt_new_machine(8 * MIB, NULL, "a.qcow2", NULL);
    size_t n;
    uint8_t *good = vt_stored(m, "s1", &n);
    vt_free_machine(m);
    /* the first record of the run at RUN_BASE: its header word, then a record every
     * 8 + 4096 bytes */
    uint8_t word[8];
    put_be64(word, RUN_BASE | RAM_FLAG_PAGE | RAM_FLAG_CONTINUE);
    size_t run0 = 0;
    while (run0 + 8 <= n && memcmp(good + run0, word, 8) != 0)
        run0++;
    ck_assert_uint_lt(run0 + 8, n);
    /* truncations: in the middle of the run, just after a header, in the zero-page
     * records, one byte short */
    size_t cuts[] = { run0 + 200 * 4104, run0 + 300 * 4104 + 8, run0 + RUN_PAGES * 4104 + 4000,
                      n / 2, n - 1 };
    char what[96];
    for (size_t i = 0; i < sizeof cuts / sizeof cuts[0]; i++) {
        snprintf(what, sizeof what, "truncated at %zu of %zu", cuts[i], n);
        ck_assert_msg(!lazy_agrees_with_eager(good, cuts[i], what), "%s: accepted", what);
    }
    /* 24 bit flips in record headers of the run (flags, offsets, beyond the block) and
     * 8 anywhere in the stream: the same verdict and state as the eager load. A flipped
     * offset bit inside the block is a valid stream that loads that page elsewhere; this
     * seed gives both kinds. */
    uint8_t *bad = xmalloc(n);
    uint32_t x = 0x9e3779b9;
    int refused = 0;
    for (int k = 0; k < 32; k++) {
        memcpy(bad, good, n);
        size_t at;
        if (k < 24)
            at = run0 + (size_t)(xorshift(&x) % (RUN_PAGES - 1)) * 4104 + 4 + xorshift(&x) % 4;
        else
            at = xorshift(&x) % n;
        bad[at] ^= (uint8_t)(1u << (xorshift(&x) % 8));
        snprintf(what, sizeof what, "bit flipped at %zu (case %d)", at, k);
        refused += !lazy_agrees_with_eager(bad, n, what);
    }
    ck_assert_int_ge(refused, 10);
    ck_assert_int_le(refused, 27);
    free(bad);
    free(good);
}
END_TEST

START_TEST(test_lazy_read_error_after_start_stops_the_machine_with_a_message)
{
    make_snapshot("a.qcow2", "b.qcow2");
    Machine *l = lazy("a.qcow2", "s1");
    Qcow2 *q = qcow2_of(machine_drive(l, 0));
    int nsn = qcow2_snapshot_count(q);
    qcow2_set_vmstate_read_fail_after(q, 0);
    MachineLimits lim = { .until_icount = RUN_B };
    MachineStop why;
    Err e = { 0 };
    ck_assert_int_lt(machine_run(l, &lim, &why, &e), 0);
    ck_assert_msg(strstr(e.msg, "loadvm 's1': reading guest RAM page") &&
                  strstr(e.msg, "the machine is stopped"), "message: %s", e.msg);
    /* it stays stopped, and a save refuses rather than write pages it does not have */
    Err e2 = { 0 };
    ck_assert_int_lt(machine_run(l, &lim, &why, &e2), 0);
    ck_assert_str_eq(e2.msg, e.msg);
    SavevmOpts o = { .replace = true };
    ck_assert_int_lt(savevm(l, "s3", &o, NULL, &e2), 0);
    ck_assert_int_eq(qcow2_snapshot_count(q), nsn);
    qcow2_set_vmstate_read_fail_after(q, -1);
    vt_assert_image_clean(l, 0);
    vt_free_machine(l);
}
END_TEST

/* Pages of [p, p + pages * 4 KiB) that are present or swapped out (/proc/self/pagemap). */
static uint64_t resident_pages(const uint8_t *p, uint64_t pages)
{
    int fd = open("/proc/self/pagemap", O_RDONLY);
    ck_assert_int_ge(fd, 0);
    uint64_t n = 0, ent;
    for (uint64_t i = 0; i < pages; i++) {
        ck_assert_int_eq(pread(fd, &ent, 8, (off_t)(((uintptr_t)p / RAM_PAGE_SIZE + i) * 8)), 8);
        n += (ent >> 62) != 0;
    }
    close(fd);
    return n;
}

START_TEST(test_save_reads_no_page_the_guest_never_touched)
{
    vt_make_qcow2("a.qcow2");
    Machine *m = vt_new_machine(64 * MIB, NULL, "a.qcow2", NULL);
    vt_run(m, RUN_A);
    int nb;
    RamBlock *rb = machine_ram_blocks(m, &nb);
    uint64_t pages = rb[0].size / RAM_PAGE_SIZE;
    uint64_t before = resident_pages(rb[0].host, pages);
    ck_assert_uint_lt(before, pages / 2);   /* SeaBIOS leaves most of 64 MiB alone */
    size_t l1, l2;
    uint8_t *s1 = vt_state(m, &l1);
    ck_assert_uint_eq(resident_pages(rb[0].host, pages), before);
    /* read every page (an untouched one maps the kernel's zero page, which pagemap shows
     * as present): now the save looks at every page, and must write the same bytes */
    volatile uint8_t sink = 0;
    for (uint64_t i = 0; i < pages; i++)
        sink ^= rb[0].host[i * RAM_PAGE_SIZE];
    ck_assert_uint_eq(resident_pages(rb[0].host, pages), pages);
    uint8_t *s2 = vt_state(m, &l2);
    ck_assert_uint_eq(l1, l2);
    ck_assert_msg(memcmp(s1, s2, l1) == 0, "skipping untouched pages changed the stream");
    free(s1);
    free(s2);
    vt_free_machine(m);
}
END_TEST

static Suite *loadvm_lazy_suite(void)
{
    Suite *s = suite_create("loadvm_lazy");
    TCase *tc = tcase_create("core");
    tcase_add_checked_fixture(tc, vt_setup, vt_teardown);
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, test_lazy_load_continues_bit_identical_to_an_eager_load);
    tcase_add_test(tc, test_lazy_pages_reached_by_dma_debugger_and_slow_path_first);
    tcase_add_test(tc, test_lazy_savevm_delvm_and_disk_writes_keep_pending_pages_whole);
    tcase_add_test(tc, test_lazy_refuses_what_an_eager_load_refuses_before_start);
    tcase_add_test(tc, test_lazy_checks_every_record_of_3_gib_before_start);
    tcase_add_test(tc, test_lazy_read_error_after_start_stops_the_machine_with_a_message);
    tcase_add_test(tc, test_save_reads_no_page_the_guest_never_touched);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(loadvm_lazy_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
