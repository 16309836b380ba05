/* simd_int.h: the MMX forms of the packed-integer operations (ops_simd_int.c), one
 * function per opcode byte, for ops_mmx.c's two-operand handler. */
#ifndef PCEMU_CPU_SIMD_INT_H
#define PCEMU_CPU_SIMD_INT_H

#include <stdint.h>

/* d OP s for the operation of opcode 0F op on an MMX register's 8 bytes. */
typedef uint64_t SimdMmxFn(uint64_t d, uint64_t s);

/* By opcode byte; NULL where the byte names no packed-integer operation. */
extern SimdMmxFn *const simd_mmx_ops[256];

#endif
