/* test_vmport.c: the VMware backdoor's commands through a stand-in CPU register file, the
 * vmmouse queue, the "vmmouse" wire format and vmdesc against QEMU 7.2's, and hostile loads
 * (a queue count beyond the queue, a queue size other than 1024). */
#include "dev_test.h"
#include "emu/dev/vmport.h"

typedef struct Rig { Bus *bus; Clock clock; uint32_t regs[8]; VmportState *v; } Rig;
static uint32_t reg_get(void *o, int r) { return ((Rig *)o)->regs[r]; }
static void reg_set(void *o, int r, uint32_t v) { ((Rig *)o)->regs[r] = v; }

static Rig *rig_new(void)
{
    Rig *r = calloc(1, sizeof *r);
    r->bus = bus_new();
    clock_init(&r->clock, 3);
    r->v = vmport_init(r->bus, &r->clock, &(VmportCpu){ reg_get, reg_set, r }, 32u << 20, 0);
    return r;
}

static void rig_free(Rig *r)
{
    vmport_free(r->v);
    bus_free(r->bus);
    free(r);
}

/* IN EAX, DX with EAX = magic, ECX = cmd, EBX = ebx; returns the new EAX. */
static uint32_t bd(Rig *r, uint32_t cmd, uint32_t ebx)
{
    r->regs[0] = VMPORT_MAGIC;
    r->regs[1] = cmd;
    r->regs[3] = ebx;
    r->regs[0] = bus_io_read(r->bus, VMPORT_PORT, 4);
    return r->regs[0];
}

START_TEST(test_vmport_commands_answer_as_qemu)
{
    Rig *r = rig_new();
    ck_assert_uint_eq(bd(r, 10, 0), 6);
    ck_assert_uint_eq(r->regs[3], VMPORT_MAGIC);
    ck_assert_uint_eq(r->regs[1], 2);
    ck_assert_uint_eq(bd(r, 20, 0), 32u << 20);
    ck_assert_uint_eq(r->regs[3], 0x1177);
    ck_assert_uint_eq(bd(r, 45, 0), VMPORT_MAGIC);      /* GETHZ: unknown frequency */
    ck_assert_uint_eq(r->regs[3], 0xffffffff);
    ck_assert_uint_eq(bd(r, 0x77, 0), 0xffffffff);      /* unknown command */
    r->regs[0] = 1;
    ck_assert_uint_eq(bus_io_read(r->bus, VMPORT_PORT, 4), 0xffffffff);   /* no magic */
    /* the mouse: disabled at reset; READ_ID queues the version and enables it */
    ck_assert_uint_eq(bd(r, 40, 0), 0xffff0000);
    bd(r, 41, 0x45414552);
    ck_assert_uint_eq(bd(r, 40, 0), 1);
    ck_assert_uint_eq(bd(r, 39, 1), 0x3442554a);
    ck_assert_uint_eq(bd(r, 40, 0), 0);
    bd(r, 39, 1);                                       /* nothing queued: disabled */
    ck_assert_uint_eq(bd(r, 40, 0), 0xffff0000);
    rig_free(r);
}
END_TEST

START_TEST(test_vmmouse_wire_format_vmdesc_and_hostile_loads)
{
    Rig *r = rig_new(), *r2 = rig_new();
    bd(r, 41, 0x45414552);
    bd(r, 41, 0x53424152);                              /* absolute */
    size_t len;
    uint8_t *b = dt_save(&vmmouse_vms, &r->v->mouse, &len, NULL);
    ck_assert_uint_eq(len, 4105);
    ck_assert_uint_eq(be32(b), 1024);                   /* queue_size */
    ck_assert_uint_eq(be32(b + 4), 0x3442554a);         /* queue[0] */
    ck_assert_uint_eq(be16(b + 4100), 1);               /* nb_queue */
    ck_assert_uint_eq(be16(b + 4102), 0);               /* status */
    ck_assert_uint_eq(b[4104], 1);                      /* absolute */
    Err e = { 0 };
    ck_assert_int_eq(dt_load(&vmmouse_vms, &r2->v->mouse, b, len, &e), 0);
    ck_assert_uint_eq(bd(r2, 39, 1), 0x3442554a);
    dt_check_truncations(&vmmouse_vms, &r2->v->mouse, b, len);
    dt_check_vmdesc(&vmmouse_vms, &r->v->mouse, "vmmouse", 0);
    b[4100] = 0x04;                                     /* nb_queue 1025 */
    b[4101] = 0x01;
    ck_assert_int_lt(dt_load(&vmmouse_vms, &r2->v->mouse, b, len, &e), 0);
    ck_assert_ptr_nonnull(strstr(e.msg, "nb_queue"));
    b[4100] = 0;
    b[2] = 0x05;                                        /* queue_size 1280 */
    ck_assert_int_lt(dt_load(&vmmouse_vms, &r2->v->mouse, b, len, &e), 0);
    ck_assert_ptr_nonnull(strstr(e.msg, "queue_size"));
    free(b);
    rig_free(r);
    rig_free(r2);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("vmport");
    TCase *tc = tcase_create("vmport");
    tcase_add_test(tc, test_vmport_commands_answer_as_qemu);
    tcase_add_test(tc, test_vmmouse_wire_format_vmdesc_and_hostile_loads);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
