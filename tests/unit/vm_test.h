/* vm_test.h: helpers shared by the tests of whole machines with snapshots (test_savevm.c,
 * test_loadvm_lazy.c): a scratch directory per test (vt_setup/vt_teardown as the checked
 * fixture), qcow2 disks in it, machines on Debian's SeaBIOS with a fixed RTC, runs of N
 * instructions, the whole migration stream of a machine, savevm, the VM state bytes a
 * snapshot holds, and a snapshot made of given bytes. */
#ifndef PCEMU_TESTS_VM_TEST_H
#define PCEMU_TESTS_VM_TEST_H

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "block/block.h"
#include "block/qcow2.h"
#include "emu/machine/machine.h"
#include "snapshot/format/stream.h"
#include "snapshot/vm/loadvm.h"
#include "snapshot/vm/savevm.h"

#define MIB (1ull << 20)

static char vt_dir[64];

static inline void vt_setup(void)
{
    snprintf(vt_dir, sizeof vt_dir, "/tmp/pcemu-tvm-XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(vt_dir));
}

static inline void vt_teardown(void)
{
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf %s", vt_dir);
    ck_assert_int_eq(system(cmd), 0);
}

static inline const char *vt_path(const char *name)
{
    static char buf[4][128];
    static int k;
    char *p = buf[k++ & 3];
    snprintf(p, 128, "%s/%s", vt_dir, name);
    return p;
}

static inline void vt_make_qcow2(const char *name)
{
    Qcow2CreateOpts o = { .size = 16 * MIB, .refcount_order = -1 };
    Err e = { 0 };
    ck_assert_msg(qcow2_create(vt_path(name), &o, &e) == 0, "qcow2_create: %s", e.msg);
}

/* The configuration vt_new_machine builds (a test may change it before machine_new). */
static inline void vt_config(MachineConfig *cfg, uint64_t ram, const char *bios,
                             const char *disk0, const char *disk1)
{
    machine_config_init(cfg, NULL);
    machine_config_reduced(cfg);   /* the machine these tests were written on */
    cfg->ram_size = ram;
    cfg->bios = bios;
    cfg->rtc_base = 1577836800;   /* 2020-01-01: no host time */
    if (disk0)
        cfg->drives[0] = (MachineDrive){ .file = xstrdup(vt_path(disk0)), .format = NULL };
    if (disk1)
        cfg->drives[1] = (MachineDrive){ .file = xstrdup(vt_path(disk1)), .format = NULL };
}

/* Frees the drive names vt_config allocated. */
static inline void vt_config_free(MachineConfig *cfg)
{
    free((char *)cfg->drives[0].file);
    free((char *)cfg->drives[1].file);
}

static inline Machine *vt_new_machine(uint64_t ram, const char *bios, const char *disk0,
                                      const char *disk1)
{
    MachineConfig cfg;
    vt_config(&cfg, ram, bios, disk0, disk1);
    Machine *m = NULL;
    Err e = { 0 };
    ck_assert_msg(machine_new(&cfg, &m, &e) == 0, "machine_new: %s", e.msg);
    vt_config_free(&cfg);   /* the machine keeps its own copies */
    return m;
}

static inline void vt_free_machine(Machine *m)
{
    machine_free(m);
}

static inline void vt_run(Machine *m, uint64_t n)
{
    MachineLimits l = { .until_icount = n };
    MachineStop why;
    Err e = { 0 };
    ck_assert_msg(machine_run(m, &l, &why, &e) == 0, "machine_run: %s", e.msg);
    ck_assert_int_eq(why, MACHINE_STOP_ICOUNT);
}

/* The whole migration stream of m, malloc'd. */
static inline uint8_t *vt_state(Machine *m, size_t *len)
{
    Stream *s = stream_open_membuf();
    Err e = { 0 };
    ck_assert_msg(savevm_stream(m, s, &e) == 0, "savevm_stream: %s", e.msg);
    const uint8_t *b = stream_membuf(s, len);
    uint8_t *copy = xmalloc(*len);
    memcpy(copy, b, *len);
    stream_close(s, NULL);
    return copy;
}

static inline void vt_assert_same_state(Machine *a, Machine *b)
{
    size_t la, lb;
    uint8_t *sa = vt_state(a, &la), *sb = vt_state(b, &lb);
    ck_assert_uint_eq(la, lb);
    ck_assert_msg(memcmp(sa, sb, la) == 0, "machine states differ");
    free(sa);
    free(sb);
}

static inline void vt_save(Machine *m, const char *name)
{
    SavevmOpts o = { .replace = true, .date_sec = 1600000000 };
    Err e = { 0 };
    ck_assert_msg(savevm(m, name, &o, NULL, &e) == 0, "savevm %s: %s", name, e.msg);
}

static inline void vt_assert_image_clean(Machine *m, int drive)
{
    Qcow2CheckResult res;
    Err e = { 0 };
    ck_assert_int_eq(qcow2_check(qcow2_of(machine_drive(m, drive)), QCOW2_REPAIR_NONE, &res, NULL, &e), 0);
    ck_assert_uint_eq(res.corruptions + res.leaks + res.check_errors, 0);
}

/* Writes `bytes` as the VM state of a new snapshot `name` on drive 0 of m. */
static inline void vt_put_snapshot(Machine *m, const char *name, const uint8_t *bytes, size_t n)
{
    Qcow2 *q = qcow2_of(machine_drive(m, 0));
    Qcow2VmWriter *w;
    Err e = { 0 };
    ck_assert_int_eq(qcow2_vmstate_begin(q, &w, &e), 0);
    ck_assert_int_eq(qcow2_vmstate_write(w, 0, bytes, n, &e), 0);
    Qcow2SnapNew sn = { .name = name, .icount = UINT64_MAX };
    ck_assert_msg(qcow2_snapshot_create(q, &sn, w, &e) == 0, "create: %s", e.msg);
}

/* The VM state bytes of snapshot name on drive 0, malloc'd. */
static inline uint8_t *vt_stored(Machine *m, const char *name, size_t *len)
{
    Qcow2 *q = qcow2_of(machine_drive(m, 0));
    Err e = { 0 };
    int idx = qcow2_snapshot_find(q, name, &e);
    ck_assert_int_ge(idx, 0);
    Qcow2SnapInfo info;
    ck_assert_int_eq(qcow2_snapshot_info(q, idx, &info), 0);
    uint8_t *b = xmalloc(info.vm_state_size);
    ck_assert_int_eq(qcow2_vmstate_read(q, idx, 0, b, info.vm_state_size, &e),
                     (long)info.vm_state_size);
    *len = info.vm_state_size;
    return b;
}

/* loadvm of snapshot name must fail with msg_part in its message and change nothing: the
 * machine (its whole stream), the snapshot table and the disk. */
static inline void vt_expect_load_fails(Machine **m, const char *name, const char *msg_part)
{
    size_t l0, l1;
    uint8_t *s0 = vt_state(*m, &l0);
    Machine *before = *m;
    Qcow2 *q = qcow2_of(machine_drive(*m, 0));
    int nsn = qcow2_snapshot_count(q);
    uint8_t sector[512], sector1[512];
    Err e = { 0 };
    ck_assert_int_eq(blk_pread(machine_drive(*m, 0), 0, sector, 512, &e), 0);
    ck_assert_msg(loadvm(m, name, &e) < 0, "loadvm %s succeeded", name);
    ck_assert_msg(strstr(e.msg, msg_part), "loadvm %s: message '%s' lacks '%s'", name, e.msg,
                  msg_part);
    ck_assert_ptr_eq(*m, before);
    uint8_t *s1 = vt_state(*m, &l1);
    ck_assert_uint_eq(l0, l1);
    ck_assert_msg(memcmp(s0, s1, l0) == 0, "a failed loadvm (%s) changed the machine", name);
    ck_assert_int_eq(qcow2_snapshot_count(q), nsn);
    ck_assert_int_eq(blk_pread(machine_drive(*m, 0), 0, sector1, 512, &e), 0);
    ck_assert_int_eq(memcmp(sector, sector1, 512), 0);
    vt_assert_image_clean(*m, 0);
    free(s0);
    free(s1);
}

#endif
