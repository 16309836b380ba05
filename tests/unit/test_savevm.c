/* test_savevm.c: savevm and loadvm on real machines (Debian's SeaBIOS, qcow2 disks made
 * by the block layer): savevm leaves the machine as it was, a load continues exactly like
 * an uninterrupted run, save-load-save gives the same bytes, the section order is QEMU's,
 * and every refused load or save leaves the machine and the images untouched. */
#include <check.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "block/block.h"
#include "block/qcow2.h"
#include "emu/cpu/cpu.h"
#include "emu/dev/kbc.h"
#include "emu/machine/machine.h"
#include "snapshot/vm/loadvm.h"
#include "snapshot/format/ram.h"
#include "snapshot/vm/savevm.h"
#include "snapshot/format/stream.h"
#include "vm_test.h"

#define RUN_A 1500000u     /* SeaBIOS POST is well under way */
#define RUN_B 700000u

START_TEST(test_savevm_leaves_the_running_machine_as_it_was)
{
    vt_make_qcow2("a.qcow2");
    vt_make_qcow2("b.qcow2");
    Machine *a = vt_new_machine(8 * MIB, NULL, "a.qcow2", NULL);
    Machine *b = vt_new_machine(8 * MIB, NULL, "b.qcow2", NULL);
    vt_run(a, RUN_A);
    vt_run(b, RUN_A);
    vt_save(a, "s1");
    vt_assert_image_clean(a, 0);
    vt_run(a, RUN_B);
    vt_run(b, RUN_B);
    vt_assert_same_state(a, b);
    vt_free_machine(a);
    vt_free_machine(b);
}
END_TEST

START_TEST(test_loadvm_continues_like_an_uninterrupted_run_and_saves_the_same_bytes)
{
    vt_make_qcow2("a.qcow2");
    Machine *a = vt_new_machine(8 * MIB, NULL, "a.qcow2", NULL);
    vt_make_qcow2("r.qcow2");
    Machine *ref = vt_new_machine(8 * MIB, NULL, "r.qcow2", NULL);
    vt_run(a, RUN_A);
    vt_save(a, "s1");
    vt_run(a, RUN_B);
    size_t lx;
    uint8_t *x = vt_state(a, &lx);    /* state after N + M, no load */

    Machine *before = a;
    Err e = { 0 };
    ck_assert_msg(loadvm(&a, "s1", &e) == 0, "loadvm: %s", e.msg);
    ck_assert_ptr_ne(a, before);
    /* the virtual clock continues where it stopped */
    ck_assert_int_eq(clock_ns(machine_clock(a)), (int64_t)RUN_A << MACHINE_DEFAULT_ICOUNT_SHIFT);
    /* save, load, save: the same VM state bytes as the snapshot holds */
    Qcow2 *q = qcow2_of(machine_drive(a, 0));
    int idx = qcow2_snapshot_find(q, "s1", &e);
    ck_assert_int_ge(idx, 0);
    Qcow2SnapInfo info;
    ck_assert_int_eq(qcow2_snapshot_info(q, idx, &info), 0);
    ck_assert_uint_eq(info.icount, RUN_A);
    ck_assert_uint_eq(info.vm_clock_nsec, (uint64_t)RUN_A << MACHINE_DEFAULT_ICOUNT_SHIFT);
    uint8_t *saved = xmalloc(info.vm_state_size);
    ck_assert_int_eq(qcow2_vmstate_read(q, idx, 0, saved, info.vm_state_size, &e),
                     (long)info.vm_state_size);
    size_t ls;
    uint8_t *again = vt_state(a, &ls);
    ck_assert_uint_eq(ls, info.vm_state_size);
    ck_assert_msg(memcmp(saved, again, ls) == 0, "save-load-save changed the VM state");
    /* continuation */
    vt_run(a, RUN_B);
    size_t ly;
    uint8_t *y = vt_state(a, &ly);
    ck_assert_uint_eq(lx, ly);
    ck_assert_msg(memcmp(x, y, lx) == 0, "continuation after loadvm differs");
    /* and an uninterrupted N + M run in one go gives the same state */
    vt_run(ref, RUN_A + RUN_B);
    size_t lr;
    uint8_t *r = vt_state(ref, &lr);
    ck_assert_uint_eq(lr, lx);
    ck_assert_msg(memcmp(r, x, lr) == 0, "split run differs from the uninterrupted one");
    vt_assert_image_clean(a, 0);
    free(x), free(y), free(r), free(saved), free(again);
    vt_free_machine(a);
    vt_free_machine(ref);
}
END_TEST

START_TEST(test_loadvm_refusals_leave_machine_and_image_untouched)
{
    vt_make_qcow2("a.qcow2");
    Machine *m = vt_new_machine(8 * MIB, NULL, "a.qcow2", NULL);
    vt_run(m, RUN_A);
    vt_save(m, "good");
    /* the disk changes after the snapshot: a refused load must not revert it */
    uint8_t ones[512];
    memset(ones, 0x5a, sizeof ones);
    Err e = { 0 };
    ck_assert_int_eq(blk_pwrite(machine_drive(m, 0), 0, ones, 512, &e), 0);
    vt_run(m, RUN_B);
    size_t n;
    uint8_t *good = vt_state(m, &n);

    vt_expect_load_fails(&m, "missing", "Snapshot 'missing' does not exist in one or more devices");
    vt_put_snapshot(m, "half", good, n / 2);                  /* truncated in the RAM pages */
    vt_expect_load_fails(&m, "half", "Error");
    uint8_t *bad = xmalloc(n);
    memcpy(bad, good, n);
    bad[0] ^= 0xff;                                        /* magic */
    vt_put_snapshot(m, "magic", bad, n);
    vt_expect_load_fails(&m, "magic", "not a migration stream");
    memcpy(bad, good, n);
    bad[14] ^= 0x01;                                       /* machine type "pc-i440fx-7.2" */
    vt_put_snapshot(m, "mtype", bad, n);
    vt_expect_load_fails(&m, "mtype", "machine type received is");
    memcpy(bad, good, n);
    /* the last section's footer id (globalstate), just before EOF 0x00 and the vmdesc */
    size_t eof = n - 6;
    while (eof > 6 && !(bad[eof] == 0x00 && bad[eof + 1] == 0x06 && bad[eof - 5] == 0x7e &&
                        be32(bad + eof + 2) == n - eof - 6))
        eof--;
    ck_assert_uint_gt(eof, 6);
    bad[eof - 1] ^= 0x01;
    vt_put_snapshot(m, "footer", bad, n);
    vt_expect_load_fails(&m, "footer", "footer");
    uint8_t empty[1] = { 0 };
    vt_put_snapshot(m, "tiny", empty, 1);
    vt_expect_load_fails(&m, "tiny", "snapshot stream");
    free(bad);
    free(good);
    vt_free_machine(m);

    /* RAM size mismatch: a 16 MiB machine on the 8 MiB machine's image */
    m = vt_new_machine(16 * MIB, NULL, "a.qcow2", NULL);
    vt_expect_load_fails(&m, "good", "RAM size mismatch: pc.ram is 8 MiB (0x800000) in the "
                      "snapshot and 16 MiB (0x1000000) here");
    vt_free_machine(m);
}
END_TEST

static void load_and_compare(Machine **m, const char *name)
{
    Err e = { 0 };
    ck_assert_msg(loadvm(m, name, &e) == 0, "loadvm %s: %s", name, e.msg);
    size_t ls, lw;
    uint8_t *want = vt_stored(*m, name, &lw), *got = vt_state(*m, &ls);
    ck_assert_uint_eq(ls, lw);
    ck_assert_msg(memcmp(want, got, ls) == 0, "loadvm %s: state differs from the snapshot", name);
    free(want);
    free(got);
}

START_TEST(test_loadvm_over_a_running_machine_overwrites_every_stale_byte)
{
    /* A load into a machine that has run goes over its RAM (machine_ram_move), after a
     * first pass that checks the stream. Fill the live RAM with junk: that junk is the
     * memory loaded into, and every page must be the snapshot's again. */
    vt_make_qcow2("a.qcow2");
    Machine *m = vt_new_machine(8 * MIB, NULL, "a.qcow2", NULL);
    vt_run(m, RUN_A);
    vt_save(m, "s1");
    vt_run(m, RUN_B);
    vt_save(m, "s2");
    load_and_compare(&m, "s1");
    int n;
    RamBlock *rb = machine_ram_blocks(m, &n);
    memset(rb[0].host, 0x5a, rb[0].size);
    load_and_compare(&m, "s2");
    load_and_compare(&m, "s1");
    /* a failed load (found in the checking pass) leaves the machine untouched; the next
     * load works */
    size_t len;
    uint8_t *good = vt_stored(m, "s2", &len);
    vt_put_snapshot(m, "half", good, len / 2);
    vt_expect_load_fails(&m, "half", "Error");
    load_and_compare(&m, "s2");
    vt_run(m, RUN_B);
    load_and_compare(&m, "s1");
    vt_assert_image_clean(m, 0);
    free(good);
    vt_free_machine(m);
}
END_TEST

START_TEST(test_loadvm_read_error_after_the_check_reverts_disks_and_resets_the_machine)
{
    /* loadvm.h step 6: once the first pass has checked the stream and the disks are
     * reverted, only a read error can fail the load over the running machine's RAM. An
     * injected one midway: the load fails saying so, the machine is the same one, reset,
     * its disk reverted, the image clean; it runs on, and the next load works. */
    vt_make_qcow2("a.qcow2");
    Machine *m = vt_new_machine(8 * MIB, NULL, "a.qcow2", NULL);
    vt_run(m, RUN_A);
    vt_save(m, "s1");
    vt_run(m, RUN_B);
    uint8_t sector[512], back[512], zero[512] = { 0 };
    memset(sector, 0xc3, sizeof sector);
    Err e = { 0 };
    ck_assert_int_eq(blk_pwrite(machine_drive(m, 0), 4096, sector, 512, &e), 0);
    Qcow2 *q = qcow2_of(machine_drive(m, 0));
    int idx = qcow2_snapshot_find(q, "s1", &e);
    Qcow2SnapInfo info;
    ck_assert_int_eq(qcow2_snapshot_info(q, idx, &info), 0);
    /* the head (one stream buffer at most) and the checking pass read, then half the
     * stream again */
    uint64_t size = info.vm_state_size;
    qcow2_set_vmstate_read_fail_after(q, (int64_t)(MIN(size, 256 << 10) + size + size / 2));
    Machine *before = m;
    ck_assert_int_lt(loadvm(&m, "s1", &e), 0);
    ck_assert_msg(strstr(e.msg, "after it was checked") && strstr(e.msg, "reset"),
                  "message: %s", e.msg);
    ck_assert_ptr_eq(m, before);
    CpuState *cs = cpu_state(machine_cpu(m));
    ck_assert_uint_eq(cs->eip, 0xfff0);
    ck_assert_uint_eq(cs->segs[1].selector, 0xf000);
    ck_assert_int_eq(blk_pread(machine_drive(m, 0), 4096, back, 512, &e), 0);
    ck_assert_mem_eq(back, zero, 512);
    vt_assert_image_clean(m, 0);
    vt_run(m, RUN_B);
    qcow2_set_vmstate_read_fail_after(q, -1);
    load_and_compare(&m, "s1");
    vt_free_machine(m);
}
END_TEST

START_TEST(test_loadvm_firmware_in_a_block_that_holds_it_runs_the_saved_one_else_refused)
{
    vt_make_qcow2("a.qcow2");
    Machine *m = vt_new_machine(8 * MIB, NULL, "a.qcow2", NULL);
    vt_run(m, RUN_A);
    vt_save(m, "s1");
    int nb;
    RamBlock *rb = machine_ram_blocks(m, &nb);
    uint64_t bios_size = rb[1].size;
    uint8_t *bios = xmalloc(bios_size);
    memcpy(bios, rb[1].host, bios_size);
    vt_free_machine(m);

    /* another, smaller firmware (bios.bin, one byte changed): the snapshot's 256 KiB block
     * holds it, so the load takes that block, and the saved firmware is what runs */
    FILE *in = fopen("/usr/share/seabios/bios.bin", "rb");
    ck_assert_ptr_nonnull(in);
    uint8_t fw[256 << 10];
    size_t fwn = fread(fw, 1, sizeof fw, in);
    fclose(in);
    ck_assert_uint_gt(fwn, 0);
    fw[0] ^= 0xff;
    FILE *out = fopen(vt_path("other.bin"), "wb");
    ck_assert_uint_eq(fwrite(fw, 1, fwn, out), fwn);
    fclose(out);
    m = vt_new_machine(8 * MIB, vt_path("other.bin"), "a.qcow2", NULL);
    rb = machine_ram_blocks(m, &nb);
    ck_assert_uint_eq(rb[1].size, fwn);                 /* QEMU's size: the file's */
    Err e = { 0 };
    ck_assert_msg(loadvm(&m, "s1", &e) == 0, "loadvm: %s", e.msg);
    rb = machine_ram_blocks(m, &nb);
    ck_assert_uint_eq(rb[1].size, bios_size);
    ck_assert_msg(memcmp(rb[1].host, bios, bios_size) == 0, "the saved firmware is not running");
    vt_free_machine(m);

    /* a firmware larger than the snapshot's block: refused, naming both sizes */
    uint8_t *big = xzalloc(300 << 10);
    memcpy(big + (300 << 10) - fwn, fw, fwn);
    out = fopen(vt_path("big.bin"), "wb");
    ck_assert_uint_eq(fwrite(big, 1, 300 << 10, out), 300u << 10);
    fclose(out);
    free(big);
    m = vt_new_machine(8 * MIB, vt_path("big.bin"), "a.qcow2", NULL);
    vt_expect_load_fails(&m, "s1", "pc.bios is 0x40000 bytes in the snapshot; this firmware needs 0x4b000");
    vt_free_machine(m);
    free(bios);
}
END_TEST

START_TEST(test_savevm_refuses_raw_and_needs_a_writable_qcow2)
{
    FILE *f = fopen(vt_path("r.raw"), "wb");
    ck_assert_int_eq(ftruncate(fileno(f), 1 << 20), 0);
    fclose(f);
    Machine *m = vt_new_machine(8 * MIB, NULL, "r.raw", NULL);
    Err e = { 0 };
    ck_assert_int_lt(savevm(m, "x", NULL, NULL, &e), 0);
    ck_assert_str_eq(e.msg, "Device 'ide0-hd0' is writable but does not support snapshots");
    err_clear(&e);
    ck_assert_int_lt(loadvm(&m, "x", &e), 0);
    ck_assert_str_eq(e.msg, "Device 'ide0-hd0' is writable but does not support snapshots");
    vt_free_machine(m);

    m = vt_new_machine(8 * MIB, NULL, NULL, NULL);
    err_clear(&e);
    ck_assert_int_lt(savevm(m, "x", NULL, NULL, &e), 0);
    ck_assert_str_eq(e.msg, "No block device can accept snapshots");
    vt_free_machine(m);

    vt_make_qcow2("ro.qcow2");
    MachineConfig cfg;
    machine_config_init(&cfg, NULL);
    cfg.ram_size = 8 * MIB;
    cfg.drives[0] = (MachineDrive){ .file = vt_path("ro.qcow2"), .read_only = true };
    ck_assert_int_eq(machine_new(&cfg, &m, &e), 0);
    err_clear(&e);
    ck_assert_int_lt(savevm(m, "x", NULL, NULL, &e), 0);
    ck_assert_str_eq(e.msg, "No block device can accept snapshots");
    machine_free(m);
}
END_TEST

START_TEST(test_savevm_two_disks_both_get_it_vm_state_on_the_first)
{
    vt_make_qcow2("a.qcow2");
    vt_make_qcow2("b.qcow2");
    Machine *m = vt_new_machine(8 * MIB, NULL, "a.qcow2", "b.qcow2");
    vt_run(m, RUN_A);
    SavevmInfo info;
    SavevmOpts o = { .date_sec = 1600000000 };
    Err e = { 0 };
    ck_assert_msg(savevm(m, "both", &o, &info, &e) == 0, "savevm: %s", e.msg);
    ck_assert_int_eq(info.ndisks, 2);
    ck_assert_int_eq(info.vmstate_drive, 0);
    Qcow2SnapInfo a, b;
    Qcow2 *qa = qcow2_of(machine_drive(m, 0)), *qb = qcow2_of(machine_drive(m, 1));
    ck_assert_int_eq(qcow2_snapshot_info(qa, qcow2_snapshot_find(qa, "both", &e), &a), 0);
    ck_assert_int_eq(qcow2_snapshot_info(qb, qcow2_snapshot_find(qb, "both", &e), &b), 0);
    ck_assert_uint_eq(a.vm_state_size, info.vm_state_size);
    ck_assert_uint_eq(b.vm_state_size, 0);
    ck_assert_uint_eq(a.date_sec, 1600000000);
    ck_assert_uint_eq(b.vm_clock_nsec, a.vm_clock_nsec);
    /* without replace, the same name again is refused and nothing changes */
    ck_assert_int_lt(savevm(m, "both", &o, NULL, &e), 0);
    ck_assert_str_eq(e.msg, "Snapshot 'both' already exists in one or more devices");
    ck_assert_int_eq(qcow2_snapshot_count(qa), 1);
    /* the VM state only on the second disk: loadvm still takes it from the first */
    o.vmstate = "ide0-hd1";
    ck_assert_msg(savevm(m, "second", &o, &info, &e) == 0, "savevm: %s", e.msg);
    ck_assert_int_eq(info.vmstate_drive, 1);
    /* loadvm looks on the first disk, where 'second' is disk-only; naming the VM-state
     * disk (QMP snapshot-load's vmstate) finds it */
    err_clear(&e);
    ck_assert_int_lt(loadvm(&m, "second", &e), 0);
    ck_assert_str_eq(e.msg, "This is a disk-only snapshot. Revert to it  offline using qemu-img");
    err_clear(&e);
    ck_assert_msg(loadvm_from(&m, "second", "ide0-hd1", NULL, &e) == 0, "loadvm_from: %s", e.msg);
    err_clear(&e);
    ck_assert_int_lt(loadvm_from(&m, "second", "ide1-hd0", NULL, &e), 0);
    ck_assert_str_eq(e.msg, "No block device node 'ide1-hd0'");
    int nd;
    const char *only_b[SAVEVM_MAX_DEVICES] = { "ide0-hd1" };
    ck_assert_int_eq(delvm(m, "both", only_b, &nd, &e), 0);   /* QMP's devices list */
    ck_assert_int_eq(nd, 1);
    ck_assert_int_ge(qcow2_snapshot_find(qa, "both", NULL), 0);
    ck_assert_int_eq(delvm(m, "both", NULL, &nd, &e), 0);
    ck_assert_int_eq(nd, 1);
    ck_assert_int_eq(qcow2_snapshot_count(qa), 1);
    ck_assert_int_eq(qcow2_snapshot_count(qb), 1);
    vt_assert_image_clean(m, 0);
    vt_assert_image_clean(m, 1);
    vt_free_machine(m);
}
END_TEST

/* QEMU 7.2's stream order for pc-i440fx-7.2 (qemu-pc-devices-7.2.md section 1). */
static const char *const qemu_order[] = {
    "timer", "cpu_common", "cpu", "kvm-tpr-opt", "apic", "fw_cfg", "PCIHost", "PCIBUS",
    "0000:00:00.0/I440FX", "dma", "dma", "0000:00:01.0/PIIX3", "i8259", "i8259", "ioapic",
    "hpet", "mc146818rtc", "i8254", "pcspk", "serial", "fdc", "ps2kbd", "ps2mouse", "pckbd",
    "vmmouse", "port92", "0000:00:01.1/ide", "i2c_bus", "0000:00:01.3/piix4_pm", "acpi_build",
    "globalstate", NULL,
};

START_TEST(test_savevm_section_order_is_qemus_interrupt_controllers_first)
{
    Machine *m = vt_new_machine(8 * MIB, NULL, NULL, NULL);
    size_t n;
    uint8_t *s = vt_state(m, &n);
    /* the vmdesc record: 0x06, be32 length, JSON to the end */
    size_t at = n;
    while (at >= 5 && !(s[at - 5] == 0x06 && be32(s + at - 4) == n - at))
        at--;
    ck_assert_uint_ge(at, 5);
    json_error_t je;
    json_t *root = json_loadb((const char *)s + at, n - at, 0, &je);
    ck_assert_ptr_nonnull(root);
    json_t *devs = json_object_get(root, "devices");
    ck_assert_uint_gt(json_array_size(devs), 5);
    int k = 0, pic_seen = 0;
    static const char *const raisers[] = { "mc146818rtc", "i8254", "serial", "ps2kbd",
                                           "ps2mouse", "pckbd", "0000:00:01.1/ide", NULL };
    for (size_t i = 0; i < json_array_size(devs); i++) {
        const char *name = json_string_value(json_object_get(json_array_get(devs, i), "name"));
        ck_assert_ptr_nonnull(name);
        while (qemu_order[k] && strcmp(qemu_order[k], name) != 0)
            k++;
        ck_assert_msg(qemu_order[k], "section %s is out of QEMU's order", name);
        k++;
        pic_seen += !strcmp(name, "i8259");
        for (int r = 0; raisers[r]; r++)
            ck_assert_msg(strcmp(name, raisers[r]) != 0 || pic_seen == 2,
                          "%s loads before both 8259s", name);
    }
    ck_assert_int_eq(pic_seen, 2);
    json_decref(root);
    free(s);
    vt_free_machine(m);
}
END_TEST

/* Stress (style.md section 8): save and restore into a fresh machine every K instructions;
 * the end state equals one uninterrupted run. */
START_TEST(test_savevm_stress_save_and_restore_every_k_instructions)
{
    enum { K = 100000, ROUNDS = 15 };
    Machine *a = vt_new_machine(8 * MIB, NULL, NULL, NULL);
    Machine *ref = vt_new_machine(8 * MIB, NULL, NULL, NULL);
    Err e = { 0 };
    for (int i = 0; i < ROUNDS; i++) {
        vt_run(a, K);
        size_t n;
        uint8_t *b = vt_state(a, &n);
        MachineConfig cfg = *machine_config(a);
        Machine *f;
        ck_assert_msg(machine_new(&cfg, &f, &e) == 0, "machine_new: %s", e.msg);
        Stream *s = stream_open_mem(b, n);
        ck_assert_msg(loadvm_stream(f, s, &e) == 0, "round %d: %s", i, e.msg);
        stream_close(s, NULL);
        free(b);
        machine_free(a);
        a = f;
    }
    vt_run(ref, (uint64_t)K * ROUNDS);
    vt_assert_same_state(a, ref);
    machine_free(a);
    machine_free(ref);
}
END_TEST

/* loadvm_read_head on hostile bytes: every truncation of a real head and every byte of it
 * flipped either parses or fails with a message, never reads outside (ASan). */
START_TEST(test_loadvm_head_truncations_and_flips_fail_cleanly)
{
    Machine *m = vt_new_machine(8 * MIB, NULL, NULL, NULL);
    size_t n;
    uint8_t *b = vt_state(m, &n);
    LoadvmHead h;
    Err e = { 0 };
    Stream *s = stream_open_mem(b, n);
    ck_assert_int_eq(loadvm_read_head(s, &h, &e), 0);
    size_t head = (size_t)stream_tell(s);
    stream_close(s, NULL);
    ck_assert_str_eq(h.machine, "pc-i440fx-7.2");
    ck_assert_uint_eq(h.ram_size, 8 * MIB);
    ck_assert_uint_eq(h.bios_size, 256 << 10);
    ck_assert_uint_eq(h.rom_size, 128 << 10);
    for (size_t len = 0; len < head; len++) {
        uint8_t *t = xmalloc(len + 1);
        memcpy(t, b, len);
        s = stream_open_mem(t, len);
        err_clear(&e);
        ck_assert_msg(loadvm_read_head(s, &h, &e) < 0 && e.msg[0], "truncated to %zu", len);
        stream_close(s, NULL);
        free(t);
    }
    int refused = 0;
    for (size_t i = 0; i < head; i++) {
        for (int bit = 0; bit < 8; bit += 7) {
            b[i] ^= (uint8_t)(1u << bit);
            s = stream_open_mem(b, head);
            err_clear(&e);
            int r = loadvm_read_head(s, &h, &e);
            ck_assert(r == 0 || (r < 0 && e.msg[0]));
            refused += r < 0;
            stream_close(s, NULL);
            b[i] ^= (uint8_t)(1u << bit);
        }
    }
    ck_assert_int_gt(refused, 0);
    free(b);
    machine_free(m);
}
END_TEST

static Machine *typed_machine(const char *type)
{
    MachineConfig cfg;
    machine_config_init(&cfg, machine_type_find(type));
    ck_assert_ptr_nonnull(cfg.type);
    cfg.ram_size = 8 * MIB;
    cfg.rtc_base = 1577836800;
    Machine *m = NULL;
    Err e = { 0 };
    ck_assert_msg(machine_new(&cfg, &m, &e) == 0, "machine_new: %s", e.msg);
    return m;
}

/* Loads stream b into m through a copy of its registry in which `pckbd` is described by
 * `kbc` (a pcemu built with another 8042 table). Section ids need not be the machine's:
 * a load matches records by idstr and instance id. */
static int load_with_kbc(Machine *m, const uint8_t *b, size_t n, const VmsDesc *kbc, Err *e)
{
    int ns;
    const MachineSection *sec = machine_sections(m, &ns);
    SecList *l = sec_list_new(machine_config(m)->type->name, RAM_PAGE_SIZE);
    sec_register_iter(l, "ram", 0, RAM_SECTION_VERSION, &ram_sec_iter, machine_ram_section(m), e);
    for (int i = 0; i < ns; i++)
        sec_register(l, sec[i].idstr, sec[i].instance_id,
                     !strcmp(sec[i].idstr, "pckbd") ? kbc : sec[i].vmsd, sec[i].opaque, e);
    Stream *s = stream_open_mem(b, n);
    int r = sec_load(l, s, e);
    stream_close(s, NULL);
    sec_list_free(l);
    return r;
}

START_TEST(test_machine_types_old_loads_new_refused_without_the_subsection)
{
    Machine *m72 = typed_machine("pc-i440fx-7.2"), *m62 = typed_machine("pc-i440fx-6.0");
    vt_run(m72, 300000);
    vt_run(m62, 300000);
    size_t n72, n62;
    uint8_t *s72 = vt_state(m72, &n72), *s62 = vt_state(m62, &n62);
    ck_assert_ptr_nonnull(memmem(s72, n72, "pckbd/extended_state", 20));
    ck_assert_ptr_null(memmem(s62, n62, "pckbd/extended_state", 20));

    /* a pcemu whose 8042 table has no "pckbd/extended_state" (as before QEMU 7.0) */
    const VmsDesc *ctl = kbc_vms.fields[0].vmsd;
    ck_assert_str_eq(ctl->subsections[0]->name, "pckbd_outport");
    ck_assert_str_eq(ctl->subsections[1]->name, "pckbd/extended_state");
    const VmsDesc *subs[] = { ctl->subsections[0], NULL };
    VmsDesc ctl_old = *ctl;
    ctl_old.subsections = subs;
    VmsField f[2] = { kbc_vms.fields[0], VMS_END };
    f[0].vmsd = &ctl_old;
    VmsDesc kbc_old = kbc_vms;
    kbc_old.fields = f;

    Machine *t = typed_machine("pc-i440fx-7.2");
    Err e = { 0 };
    ck_assert_int_lt(load_with_kbc(t, s72, n72, &kbc_old, &e), 0);
    ck_assert_msg(strstr(e.msg, "pckbd") && strstr(e.msg, "unknown subsection 'pckbd/extended_state'"),
                  "message: %s", e.msg);
    vt_free_machine(t);
    /* the old type's stream loads with the old table and with the current one */
    t = typed_machine("pc-i440fx-6.0");
    err_clear(&e);
    ck_assert_msg(load_with_kbc(t, s62, n62, &kbc_old, &e) == 0, "old table: %s", e.msg);
    vt_free_machine(t);
    t = typed_machine("pc-i440fx-6.0");
    Stream *s = stream_open_mem(s62, n62);
    ck_assert_msg(loadvm_stream(t, s, &e) == 0, "current table: %s", e.msg);
    stream_close(s, NULL);
    vt_run(t, 200000);
    vt_run(m62, 200000);
    vt_assert_same_state(t, m62);
    vt_free_machine(t);
    free(s72);
    free(s62);
    vt_free_machine(m72);
    vt_free_machine(m62);
}
END_TEST

static Suite *savevm_suite(void)
{
    Suite *s = suite_create("savevm");
    TCase *tc = tcase_create("savevm");
    tcase_add_checked_fixture(tc, vt_setup, vt_teardown);
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, test_savevm_leaves_the_running_machine_as_it_was);
    tcase_add_test(tc, test_loadvm_continues_like_an_uninterrupted_run_and_saves_the_same_bytes);
    tcase_add_test(tc, test_loadvm_refusals_leave_machine_and_image_untouched);
    tcase_add_test(tc, test_loadvm_over_a_running_machine_overwrites_every_stale_byte);
    tcase_add_test(tc, test_loadvm_read_error_after_the_check_reverts_disks_and_resets_the_machine);
    tcase_add_test(tc, test_loadvm_firmware_in_a_block_that_holds_it_runs_the_saved_one_else_refused);
    tcase_add_test(tc, test_savevm_refuses_raw_and_needs_a_writable_qcow2);
    tcase_add_test(tc, test_savevm_two_disks_both_get_it_vm_state_on_the_first);
    tcase_add_test(tc, test_savevm_section_order_is_qemus_interrupt_controllers_first);
    tcase_add_test(tc, test_machine_types_old_loads_new_refused_without_the_subsection);
    tcase_add_test(tc, test_savevm_stress_save_and_restore_every_k_instructions);
    tcase_add_test(tc, test_loadvm_head_truncations_and_flips_fail_cleanly);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(savevm_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
