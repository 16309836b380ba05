/* test_kvmvapic.c: the kvmvapic device as QEMU 7.2's TCG one, on a bus with 2 MiB of RAM
 * and a stand-in CPU: the ROM's handshake on port 0x7E (the table's address, the writable
 * window, the hypercalls rewritten), a ROM without size, the interrupt poll, reset, the
 * TPR patching of each instruction form for a Windows-like layout (and the cases QEMU
 * leaves alone: code outside the kernel ranges, ESP 0, no KPCR), and the "kvm-tpr-opt"
 * section: bytes, truncations, refusals and every byte flipped. tests/scripts/
 * kvmvapic_qemu.sh compares the same with QEMU 7.2 itself. */
#include "dev_test.h"
#include "emu/dev/kvmvapic.h"

#define RAM_SIZE (2u << 20)
#define ROM 0xC0000u                 /* where SeaBIOS would copy the ROM */
#define KBASE 0x80000000u            /* the kernel's mapping of the low 2 MiB */
#define KPCR 0x10000u
#define TPR_VADDR 0xFFFE0080u

typedef struct Rig {
    Bus *bus;
    uint8_t *ram;
    VapicState *v;
    uint32_t eip, cs_base, esp, fs_base;
    uint32_t win_base, win_len;      /* the last map_ram */
    uint32_t vapic_paddr;            /* the last enable_vapic */
    int enables, polls;
    bool reporting;
} Rig;

static void h_regs(void *o, uint32_t *eip, uint32_t *cs, uint32_t *esp, uint32_t *fs)
{
    Rig *r = o;
    *eip = r->eip;
    *cs = r->cs_base;
    *esp = r->esp;
    *fs = r->fs_base;
}
/* Paging as the Windows-like guest has it: identity and KBASE for RAM, the APIC page. */
static bool h_translate(void *o, uint32_t lin, uint32_t *phys)
{
    if (lin < RAM_SIZE || (lin >= KBASE && lin - KBASE < RAM_SIZE)) {
        *phys = lin & ~KBASE;
        return true;
    }
    if ((lin & ~0xFFFu) == (TPR_VADDR & ~0xFFFu)) {
        *phys = 0xFEE00000u | (lin & 0xFFF);
        return true;
    }
    return false;
}
static void h_map(void *o, uint32_t base, uint32_t len) { ((Rig *)o)->win_base = base; ((Rig *)o)->win_len = len; }
static void h_enable(void *o, uint32_t p) { ((Rig *)o)->vapic_paddr = p; ((Rig *)o)->enables++; }
static void h_report(void *o, bool on) { ((Rig *)o)->reporting = on; }
static void h_poll(void *o) { ((Rig *)o)->polls++; }

/* A 1 KiB ROM as kvmvapic.bin is laid out: header, init code, the table at 0x20 (linked at
 * 0x20), one relocation entry (for the word at 0x200), handlers, two hypercalls. */
static void put_rom(Rig *r, uint8_t size_blocks)
{
    uint8_t *p = r->ram + ROM;
    memset(p, 0, 1024);
    p[0] = 0x55, p[1] = 0xAA, p[2] = size_blocks;
    memcpy(p + 0x20, "kvm aPiC", 8);
    put_le32(p + 0x28, 0x20);            /* vaddr */
    put_le32(p + 0x2C, 0x100);           /* fixup_start */
    put_le32(p + 0x30, 0x104);           /* fixup_end: one entry */
    put_le32(p + 0x34, 0x300);           /* vapic_vaddr */
    put_le32(p + 0x38, 0x80);            /* vapic_size */
    for (int i = 0; i < 11; i++)         /* up: set_tpr, set_tpr_eax, get_tpr[8], stack */
        put_le32(p + 0x44 + 4 * i, 0x180 + 8 * i);
    put_le32(p + 0x100, 0x200 - 0x20);   /* the entry: an offset from the table */
    put_le32(p + 0x200 - 0x20 + 0x20, 0x300);   /* a linked address to relocate */
    static const uint8_t vmcall[] = { 0xb8, 1, 0, 0, 0, 0x0f, 0x01, 0xc1 };
    static const uint8_t vmmcall[] = { 0xb8, 1, 0, 0, 0, 0x0f, 0x01, 0xd9 };
    memcpy(p + 0x240, vmcall, 8);
    memcpy(p + 0x260, vmmcall, 8);
}

static Rig *rig_new(void)
{
    Rig *r = calloc(1, sizeof *r);
    r->bus = bus_new();
    r->ram = calloc(1, RAM_SIZE);
    bus_map_ram(r->bus, 0, RAM_SIZE, r->ram);
    r->v = vapic_init(r->bus, r->bus, RAM_SIZE, &(VapicHost){ h_regs, h_translate, h_map,
                                                             h_enable, h_report, h_poll, r });
    put_rom(r, 2);
    return r;
}
static void rig_free(Rig *r)
{
    vapic_free(r->v);
    bus_free(r->bus);
    free(r->ram);
    free(r);
}
/* The ROM's init: "out 0x7E, ax" with AX = 0x20 at CS:IP = C000:0016. */
static void handshake(Rig *r)
{
    r->cs_base = ROM;
    r->eip = 0x16;
    bus_io_write(r->bus, VAPIC_IO_PORT, 0x20, 2);
}

START_TEST(test_kvmvapic_handshake_maps_the_rom_and_rewrites_hypercalls)
{
    Rig *r = rig_new();
    ck_assert_uint_eq(bus_io_read(r->bus, VAPIC_IO_PORT, 4), 0xFFFFFFFFu);
    ck_assert_uint_eq(r->v->state, VAPIC_INACTIVE);
    handshake(r);
    ck_assert_uint_eq(r->v->state, VAPIC_STANDBY);
    ck_assert_uint_eq(r->v->rom_state_paddr, ROM + 0x20);
    ck_assert_uint_eq(r->v->rom_size, 1024);
    ck_assert_uint_eq(r->win_base, ROM);
    ck_assert_uint_eq(r->win_len, 0x1000);
    ck_assert(r->reporting);
    static const uint8_t outl[] = { 0xb8, 1, 0, 0, 0, 0x90, 0xe7, 0x7e };
    ck_assert(memcmp(r->ram + ROM + 0x240, outl, 8) == 0);
    ck_assert(memcmp(r->ram + ROM + 0x260, outl, 8) == 0);
    ck_assert_uint_eq(r->v->rom_state.vaddr, 0);     /* QEMU reads the table only later */
    /* a second init (a reboot) keeps the table address */
    r->eip = 0x1000;
    bus_io_write(r->bus, VAPIC_IO_PORT, 0x40, 2);
    ck_assert_uint_eq(r->v->rom_state_paddr, ROM + 0x20);
    /* the 32-bit hypercall polls the APIC; reset forgets everything */
    bus_io_write(r->bus, VAPIC_IO_PORT, 1, 4);
    ck_assert_int_eq(r->polls, 1);
    vapic_reset(r->v);
    ck_assert_uint_eq(r->v->state, VAPIC_INACTIVE);
    ck_assert_uint_eq(r->v->rom_state_paddr, 0);
    ck_assert(!r->reporting);
    rig_free(r);
}
END_TEST

START_TEST(test_kvmvapic_rom_without_size_stays_inactive)
{
    Rig *r = rig_new();
    put_rom(r, 0);
    handshake(r);
    ck_assert_uint_eq(r->v->state, VAPIC_INACTIVE);
    ck_assert_uint_eq(r->v->rom_state_paddr, 0);
    ck_assert_uint_eq(r->win_len, 0);
    ck_assert(!r->reporting);
    rig_free(r);
}
END_TEST

/* Puts insn at kernel virtual 0x80001000 and a KPCR at FS base, then reports the access. */
static void tpr_access(Rig *r, const uint8_t *insn, size_t n, bool write)
{
    memcpy(r->ram + 0x1000, insn, n);
    r->eip = KBASE + 0x1000;
    r->cs_base = 0;
    vapic_report_tpr_access(r->v, write);
}
static void kpcr(Rig *r)
{
    r->esp = KBASE + 0x7000;
    r->fs_base = KBASE + KPCR;
    put_le32(r->ram + KPCR + 0x1C, KBASE + KPCR);
    r->ram[KPCR + 0x51] = 0;
}
static uint32_t call_target(Rig *r, uint32_t at)   /* E8 rel32 at kernel address at */
{
    ck_assert_uint_eq(r->ram[at - KBASE], 0xE8);
    return at + 5 + le32(r->ram + at - KBASE + 1);
}

START_TEST(test_kvmvapic_patches_each_form_as_qemu)
{
    static const struct { uint8_t insn[10]; size_t n; bool write; uint8_t first; uint32_t call_at, handler; } c[] = {
        { { 0xA1, 0x80, 0x00, 0xFE, 0xFF }, 5, false, 0xE8, 0, 0x190 },        /* get_tpr[0] */
        { { 0xA3, 0x80, 0x00, 0xFE, 0xFF }, 5, true, 0xE8, 0, 0x188 },         /* set_tpr_eax */
        { { 0x89, 0x15, 0x80, 0x00, 0xFE, 0xFF }, 6, true, 0x52, 1, 0x180 },   /* push edx; set_tpr */
        { { 0x8B, 0x0D, 0x80, 0x00, 0xFE, 0xFF }, 6, false, 0x90, 1, 0x198 },  /* get_tpr[1] (ECX) */
        { { 0xFF, 0x35, 0x80, 0x00, 0xFE, 0xFF }, 6, false, 0x50, 1, 0x1D0 },  /* get_tpr_stack */
        { { 0xC7, 0x05, 0x80, 0x00, 0xFE, 0xFF, 0x70, 0, 0, 0 }, 10, true, 0x68, 5, 0x180 },
    };
    for (size_t i = 0; i < sizeof c / sizeof c[0]; i++) {
        Rig *r = rig_new();
        handshake(r);
        kpcr(r);
        tpr_access(r, c[i].insn, c[i].n, c[i].write);
        ck_assert_uint_eq(r->v->state, VAPIC_ACTIVE);
        ck_assert_uint_eq(r->v->real_tpr_addr, TPR_VADDR);
        ck_assert_uint_eq(r->v->rom_state_vaddr, KBASE + ROM + 0x20);
        ck_assert_uint_eq(r->v->vapic_paddr, ROM + 0x300);
        ck_assert_uint_eq(r->vapic_paddr, ROM + 0x300);
        ck_assert_uint_eq(r->ram[ROM + 0x304], 1);                      /* enabled */
        ck_assert_uint_eq(le32(r->ram + ROM + 0x40), TPR_VADDR);        /* table: real_tpr_addr */
        ck_assert_uint_eq(le32(r->ram + ROM + 0x3C), 7);                /* table: vcpu_shift */
        ck_assert_uint_eq(le32(r->ram + ROM + 0x200), 0x300 + KBASE + ROM);   /* relocated */
        ck_assert_uint_eq(r->ram[0x1000], c[i].first);
        /* the ROM's handler addresses as its table has them (no fixup covers them here) */
        ck_assert_uint_eq(call_target(r, KBASE + 0x1000 + c[i].call_at), c[i].handler);
        if (c[i].insn[0] == 0xC7)
            ck_assert_uint_eq(le32(r->ram + 0x1001), 0x70);            /* push imm32 */
        rig_free(r);
    }
}
END_TEST

START_TEST(test_kvmvapic_leaves_non_windows_code_alone)
{
    static const uint8_t a1[] = { 0xA1, 0x80, 0x00, 0xFE, 0xFF };
    Rig *r = rig_new();
    handshake(r);
    kpcr(r);
    memcpy(r->ram + 0x1000, a1, sizeof a1);
    r->eip = 0xC0001000u;                 /* Linux's kernel range */
    vapic_report_tpr_access(r->v, false);
    r->eip = KBASE + 0x1000;
    r->esp = 0;                           /* early Windows 2003 SMP code */
    vapic_report_tpr_access(r->v, false);
    r->esp = KBASE + 0x7000;
    put_le32(r->ram + KPCR + 0x1C, 0);    /* no KPCR */
    vapic_report_tpr_access(r->v, false);
    ck_assert_uint_eq(r->v->state, VAPIC_STANDBY);
    ck_assert_uint_eq(r->ram[0x1000], 0xA1);
    ck_assert_int_eq(r->enables, 0);
    static const uint8_t not_tpr[] = { 0xA1, 0x84, 0x00, 0xFE, 0xFF };   /* offset 0x84 */
    kpcr(r);
    tpr_access(r, not_tpr, sizeof not_tpr, false);
    ck_assert_uint_eq(r->ram[0x1000], 0xA1);
    rig_free(r);
}
END_TEST

static void exercise(void *rig)
{
    Rig *r = rig;
    Err e = { 0 };
    (void)vapic_sync(r->v, &e);
    vapic_run(r->v);
    kpcr(r);
    static const uint8_t a1[] = { 0xA1, 0x80, 0x00, 0xFE, 0xFF };
    tpr_access(r, a1, sizeof a1, false);
    bus_io_write(r->bus, VAPIC_IO_PORT, 0, 1);
    put_rom(r, 2);
}

START_TEST(test_kvmvapic_section_bytes_refusals_and_flips)
{
    Rig *r = rig_new();
    handshake(r);
    dt_check_vmdesc(&vapic_vms, r->v, "kvm-tpr-opt", 0);
    size_t len;
    uint8_t *p = dt_save(&vapic_vms, r->v, &len, NULL);
    ck_assert_uint_eq(len, 144);                          /* 124 + 5 * 4 */
    static const uint8_t tail[] = { 0, 0, 0, 2,  0, 0, 0, 0,  0, 0, 0, 0,  0, 0, 0, 0,
                                    0, 0x0C, 0x00, 0x20 };   /* state .. rom_state_paddr */
    ck_assert(memcmp(p + 124, tail, sizeof tail) == 0);
    dt_check_truncations(&vapic_vms, r->v, p, len);
    Rig *q = rig_new();
    Err e = { 0 };
    ck_assert_int_eq(dt_load(&vapic_vms, q->v, p, len, &e), 0);
    ck_assert_int_eq(vapic_sync(q->v, &e), 0);
    ck_assert(q->reporting && q->win_len == 0x1000);
    uint8_t bad[144];
    memcpy(bad, p, len);
    bad[127] = 3;                                         /* state 3 */
    e = (Err){ 0 };
    ck_assert_int_lt(dt_load(&vapic_vms, q->v, bad, len, &e), 0);
    ck_assert_msg(strstr(e.msg, "state 3") != NULL, "%s", e.msg);
    memcpy(bad, p, len);
    bad[140] = 0x7F;                                      /* the table at 0x7F0C0020 */
    e = (Err){ 0 };
    ck_assert_int_lt(dt_load(&vapic_vms, q->v, bad, len, &e), 0);
    ck_assert_msg(strstr(e.msg, "outside") != NULL, "%s", e.msg);
    memcpy(bad, p, len);
    bad[127] = 0;                                         /* old qemu-kvm: INACTIVE + table */
    ck_assert_int_eq(dt_load(&vapic_vms, q->v, bad, len, &e), 0);
    ck_assert_uint_eq(q->v->state, VAPIC_STANDBY);
    put_rom(q, 0);                                        /* no ROM in the loaded RAM */
    e = (Err){ 0 };
    ck_assert_int_lt(vapic_sync(q->v, &e), 0);
    ck_assert_msg(strstr(e.msg, "no option ROM at 0xc0000") != NULL, "%s", e.msg);
    put_rom(q, 2);
    dt_flip_every_byte(&vapic_vms, q->v, p, len, exercise, q);
    free(p);
    rig_free(q);
    rig_free(r);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("kvmvapic");
    TCase *tc = tcase_create("kvmvapic");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, test_kvmvapic_handshake_maps_the_rom_and_rewrites_hypercalls);
    tcase_add_test(tc, test_kvmvapic_rom_without_size_stays_inactive);
    tcase_add_test(tc, test_kvmvapic_patches_each_form_as_qemu);
    tcase_add_test(tc, test_kvmvapic_leaves_non_windows_code_alone);
    tcase_add_test(tc, test_kvmvapic_section_bytes_refusals_and_flips);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? 1 : 0;
}
