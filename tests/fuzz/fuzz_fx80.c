/* fuzz_fx80: any operation of emu/cpu/fx80 on any operands and control word must give the
 * host x87's result, exception flags and condition codes (tests/unit/fx80_ref.h runs both),
 * a transcendental one within one ulp (F2XM1 and FYL2XP1 inside their domains); a
 * difference aborts with the case. Input: byte 0 the operation, bytes 1-2 the control
 * word, 3-12 ST(0), 13-22 ST(1), 23-30 a memory source, 31-40 a BCD source; missing bytes
 * are zero. */
#include <stdlib.h>

#include "tests/unit/fx80_ref.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    uint8_t in[41] = { 0 };
    memcpy(in, data, size < sizeof in ? size : sizeof in);
    FxCase c;
    memset(&c, 0, sizeof c);
    c.op = (FxOp)(in[0] % FX_OP_N);
    c.cw = (uint16_t)((in[1] | in[2] << 8) & 0x0F3F) | 0x40;
    memcpy(&c.a.mant, in + 3, 8);
    memcpy(&c.a.sign_exp, in + 11, 2);
    memcpy(&c.b.mant, in + 13, 8);
    memcpy(&c.b.sign_exp, in + 21, 2);
    memcpy(&c.mem, in + 23, 8);
    memcpy(c.bcd, in + 31, 10);
    if ((c.op == FX_F2XM1 || c.op == FX_YL2XP1) && fx_out_of_domain(&c))
        return 0;
    FxOut want, got;
    fx_host(&c, &want);
    fx_soft(&c, &got);
    char why[400];
    uint64_t ulps = 0;
    if (c.op >= FX_EXACT_N ? !fx_close(&c, &want, &got, &ulps, why, sizeof why)
                           : !fx_same(&c, &want, &got, why, sizeof why)) {
        fprintf(stderr, "fuzz_fx80: %s\n", why);
        abort();
    }
    return 0;
}
