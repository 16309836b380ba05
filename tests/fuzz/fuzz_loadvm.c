/* fuzz_loadvm.c: libFuzzer target for the savevm loader (sections.c, vmstate.c, ram.c):
 * the input is a whole stream, loaded into a registry of synthetic devices that use every
 * field kind, subsections, a tmp field, counted arrays and a 'ram' section of two blocks.
 * The target is fresh for every input (zeroed state), as loadvm requires.
 * Seed: PCEMU_FUZZ_SEED=FILE ./fuzz_loadvm writes a valid stream of this registry to FILE
 * and exits (make fuzz does this before the first run). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "snapshot/format/ram.h"
#include "snapshot/format/sections.h"

typedef struct Pt { int16_t x; uint32_t y; } Pt;
static const VmsDesc pt_vms = {
    .name = "pt", .version = 1,
    .fields = (const VmsField[]){ VMS_INT16(Pt, x), VMS_UINT32(Pt, y), VMS_END },
};
typedef struct Dev {
    bool on; int8_t i8; uint16_t u16; int32_t n; uint8_t vals[8]; int64_t i64;
    uint32_t eq; int32_t le; uint8_t buf[5]; int64_t timer; uint64_t dbl;
    Pt pts[3]; uint16_t packed; uint8_t extra, extra2;
} Dev;
typedef struct DevTmp { Dev *parent; uint8_t lo, hi; } DevTmp;
static int tmp_pre_save(void *o, Err *e)
{
    DevTmp *t = o;
    t->lo = (uint8_t)t->parent->packed;
    t->hi = (uint8_t)(t->parent->packed >> 8);
    return 0;
}
static int tmp_post_load(void *o, int v, Err *e)
{
    DevTmp *t = o;
    t->parent->packed = (uint16_t)(t->lo | t->hi << 8);
    return 0;
}
static const VmsDesc tmp_vms = {
    .name = "dev_tmp", .pre_save = tmp_pre_save, .post_load = tmp_post_load,
    .fields = (const VmsField[]){ VMS_UINT8(DevTmp, lo), VMS_UINT8(DevTmp, hi), VMS_END },
};
static bool extra_needed(void *o) { return ((Dev *)o)->extra != 0; }
static const VmsDesc extra2_vms = {
    .name = "dev/extra/more", .version = 2, .min_version = 1,
    .fields = (const VmsField[]){ VMS_UINT8_V(Dev, extra2, 2), VMS_END },
};
static const VmsDesc extra_vms = {
    .name = "dev/extra", .version = 1, .min_version = 1, .needed = extra_needed,
    .fields = (const VmsField[]){ VMS_UINT8(Dev, extra), VMS_END },
    .subsections = (const VmsDesc *const[]){ &extra2_vms, NULL },
};
static bool has_i64(void *o, int v) { return ((Dev *)o)->on; }
static int dev_post_load(void *o, int v, Err *e)
{
    Dev *d = o;
    return d->i8 == 100 ? ERR(e, -EINVAL, "i8 100 refused") : 0;
}
static const VmsDesc dev_vms = {
    .name = "dev", .version = 3, .min_version = 1, .post_load = dev_post_load,
    .fields = (const VmsField[]){
        VMS_BOOL(Dev, on), VMS_INT8(Dev, i8), VMS_UINT16_V(Dev, u16, 2), VMS_INT32(Dev, n),
        VMSN_VARRAY_I32("vals", Dev, vals, uint8_t, 8, vms_info_uint8, n),
        VMSN_SCALAR_TEST("i64", Dev, i64, int64_t, vms_info_int64, has_i64),
        VMS_UINT32_EQUAL(Dev, eq), VMS_INT32_LE(Dev, le), VMS_BUFFER(Dev, buf),
        VMS_UNUSED(3), VMSN_SCALAR_V("timer", Dev, timer, int64_t, vms_info_timer, 0),
        VMSN_CPUDOUBLE("dbl", Dev, dbl), VMS_STRUCT_ARRAY(Dev, pts, Pt, 3, &pt_vms),
        VMSN_WITH_TMP("tmp", Dev, DevTmp, &tmp_vms), VMS_END },
    .subsections = (const VmsDesc *const[]){ &extra_vms, NULL },
};

typedef struct Target {
    Dev dev[2];
    uint8_t ram0[4 * RAM_PAGE_SIZE], ram1[RAM_PAGE_SIZE];
    RamSection *rs;
    SecList *l;
} Target;

static Target *target_new(void)
{
    Target *t = calloc(1, sizeof *t);   /* RAM blocks 8-aligned inside it */
    for (int i = 0; i < 2; i++) {
        t->dev[i].eq = 0x1234;
        t->dev[i].le = 7;
    }
    RamSectionBlock b[2] = { { "pc.ram", t->ram0, sizeof t->ram0, 0 }, { "pc.bios", t->ram1, sizeof t->ram1, 0 } };
    t->rs = ram_section_new(b, 2);
    t->l = sec_list_new("pc-i440fx-7.2", 4096);
    sec_register(t->l, "timer", 0, &dev_vms, &t->dev[0], NULL);
    sec_register_iter(t->l, "ram", 0, 4, &ram_sec_iter, t->rs, NULL);
    sec_register(t->l, "0000:00:01.0/dev", SEC_INSTANCE_ANY, &dev_vms, &t->dev[1], NULL);
    return t;
}

static void target_free(Target *t)
{
    sec_list_free(t->l);
    ram_section_free(t->rs);
    free(t);
}

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    const char *seed = getenv("PCEMU_FUZZ_SEED");
    if (!seed)
        return 0;
    Target *t = target_new();
    for (int i = 0; i < 2; i++) {
        Dev *d = &t->dev[i];
        *d = (Dev){ .on = true, .i8 = -3, .u16 = 0xbeef, .n = 3, .vals = { 1, 2, 3 },
                    .i64 = -1, .eq = 0x1234, .le = 5, .buf = "abcd", .timer = 5000, .dbl = 7,
                    .pts = { { 1, 2 }, { -3, 4 }, { 5, 6 } }, .packed = 0x1234,
                    .extra = (uint8_t)i, .extra2 = 9 };
    }
    t->ram0[RAM_PAGE_SIZE + 7] = 1;
    memset(t->ram1, 0x90, sizeof t->ram1);
    FILE *f = fopen(seed, "wb");
    Stream *s = stream_open_fd(fileno(f), true);
    int r = sec_save(t->l, s, NULL);
    r |= stream_close(s, NULL);
    fclose(f);
    target_free(t);
    exit(r ? 1 : 0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    Target *t = target_new();
    Stream *s = stream_open_mem(data, size);
    Err e = { 0 };
    int r = sec_load(t->l, s, &e);
    if (r < 0 && !e.msg[0])
        abort();   /* every failure must say what was wrong */
    stream_close(s, NULL);
    target_free(t);
    return 0;
}
