/* fuzz_loadvm_dump.c: libFuzzer target for the stream analyzer (snapshot/format/analyze.c): the
 * input is a whole stream with its vmdesc JSON, both hostile. Seeded with the stream of
 * fuzz_loadvm's registry (snapshot/snapshot.mk). */
#include <stdlib.h>

#include "snapshot/format/analyze.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *out = NULL;
    Err e = { 0 };
    int r = vms_dump(data, size, NULL, &out, &e);
    if ((r < 0 && (!e.msg[0] || out)) || (r == 0 && !out))
        abort();
    free(out);
    return 0;
}
