/* cpu_model.h: the CPU models of QEMU 7.2 (target/i386/cpu.c builtin_x86_defs) that pcemu
 * offers, their CPUID identity, and the -cpu MODEL,+feat,-feat,feat=on|off syntax over
 * QEMU's feature names. A feature is on in CPUID only when pcemu implements it; one that
 * QEMU 7.2's TCG drops with a warning (vme) is dropped silently; any other one pcemu
 * lacks is refused by name while it would be on, so a model whose defaults include such
 * features runs only with them turned off, and the -cpu string then runs on QEMU too. */
#ifndef PCEMU_CPU_CPU_MODEL_H
#define PCEMU_CPU_CPU_MODEL_H

#include <stdio.h>

#include "emu/base/base.h"

/* CPUID feature words, QEMU's FEAT_* order for the ones pcemu has. */
enum { CPU_FEAT_1_EDX, CPU_FEAT_1_ECX, CPU_FEAT_X1_EDX, CPU_FEAT_X1_ECX, CPU_FEAT_WORDS };

/* CPUID.1:EDX and ECX bits the interpreter tests. */
#define CPUID_FPU   (1u << 0)
#define CPUID_DE    (1u << 2)
#define CPUID_PAE   (1u << 6)
#define CPUID_MCE   (1u << 7)
#define CPUID_APIC  (1u << 9)
#define CPUID_MCA   (1u << 14)
#define CPUID_PSE36 (1u << 17)
#define CPUID_CLFLUSH (1u << 19)
#define CPUID_MMX   (1u << 23)
#define CPUID_FXSR  (1u << 24)
#define CPUID_SSE   (1u << 25)
#define CPUID_SSE2  (1u << 26)
#define CPUID_ECX_SSE3 (1u << 0)   /* CPUID.1:ECX.SSE3 (QEMU's "pni") */

typedef struct CpuModel {
    const char *name;              /* QEMU's model name */
    uint32_t level, xlevel;        /* highest basic and extended leaf */
    uint32_t signature;            /* CPUID.1:EAX: family, model, stepping */
    uint32_t feat[CPU_FEAT_WORDS]; /* what CPUID reports (pcemu's features only) */
    char brand[49];                /* leaves 0x80000002-4, NUL padded ("" without) */
} CpuModel;

/* pcemu's default CPU, QEMU 7.2's for the pc machine: qemu32 (with its APIC). */
void cpu_model_default(CpuModel *m);
/* The CPU pcemu had before it had models, that of the reduced machine (-M pc-i440fx-7.2,
 * acpi=off,hpet=off,vmport=off): QEMU's pentium2,-mmx,-apic,-pae,-mce,-mca,-vme,-de,-fxsr,
 * -pse36,-hypervisor. A Cpu starts with it (cpu_new), and the CPU harness (tests/tools) runs
 * it unless told otherwise. */
void cpu_model_reduced(CpuModel *m);
/* Parses a -cpu argument (MODEL[,FEATURE]...): 0, or -EINVAL with a one-line message. */
int cpu_model_parse(const char *spec, CpuModel *m, Err *err);
/* The model names with a description, one per line, for -cpu help. */
void cpu_model_print_list(FILE *f);

#endif
