/* fuzz_qcow2_model.c: libFuzzer target for the model-based test of the qcow2 driver
 * (tests/tools/qcow2_model.h, also run by tests/scripts/block_model.sh from fixed seeds).
 * The input's first bytes choose the image (cluster size 512 B .. 2 MiB, v2 or v3,
 * refcount width, zlib or zstd, a disk of one to three L1 entries and some clusters);
 * pcemu creates it on tmpfs, and the rest of the input, taken a few bytes per choice, is
 * the operation sequence run against the model. A read that differs from the model, a
 * snapshot list that differs, an unexpected error or refusal, a failed check (corruption
 * or leak), a crash or a sanitizer report is a bug: the target aborts with the reason. */
#include <unistd.h>

#include "tests/tools/qcow2_model.h"

enum { FUZZ_MODEL_OPS = 64 };

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 4096)
        return 0;
    ModelSrc s = { .data = data, .len = size };
    /* mostly 512 B .. 4 KiB clusters: many L2 tables and fast runs; else any size */
    unsigned cb = 9 + (unsigned)(model_below(&s, 4) ? model_below(&s, 4) : model_below(&s, 13));
    int version = 2 + (int)model_below(&s, 2);
    Qcow2CreateOpts o = {
        .version = version, .cluster_size = 1u << cb,
        .refcount_order = version == 3 ? (int)model_below(&s, 7) : 4,
        .compression_type = version == 3 ? (int)model_below(&s, 2) : 0,
    };
    uint64_t cs = o.cluster_size, cover = cs * (cs / 8);
    o.size = cover * model_below(&s, 3) + cs * (3 + model_below(&s, 64));
    char path[64];
    /* tmpfs: the driver flushes at every ordering point */
    snprintf(path, sizeof path, "/dev/shm/fuzz_qcow2_model.%d", (int)getpid());
    Err err = { 0 };
    if (qcow2_create(path, &o, &err) < 0) {
        fprintf(stderr, "fuzz_qcow2_model: create: %s\n", err.msg);
        abort();
    }
    ModelRun r = { 0 };
    if (!model_start(&r, path, false) || !model_run(&r, &s, FUZZ_MODEL_OPS)) {
        fprintf(stderr, "fuzz_qcow2_model: v%d, %u-byte clusters, %d-bit refcounts, %s, "
                "%" PRIu64 " bytes: %s\n", version, o.cluster_size, 1 << o.refcount_order,
                o.compression_type ? "zstd" : "zlib", o.size, r.msg);
        abort();
    }
    model_free(&r);
    unlink(path);
    return 0;
}
