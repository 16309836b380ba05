/* cpu_model.c: QEMU 7.2's pentium2, pentium3 and qemu32 models and the -cpu syntax
 * (cpu_model.h). The values are those qemu-system-i386 7.2 reports under TCG
 * (images/cpu/cpuid_dump.asm, tests/scripts/cpuid_models.sh): TCG drops vme from the
 * models' leaf 1 and adds hypervisor (CPUID.1:ECX bit 31) to every model. */
#include <assert.h>
#include <stdio.h>
#include <string.h>

#include "emu/cpu/cpu_model.h"

/* What pcemu does with a feature that is on. */
enum {
    FEAT_PCEMU,    /* implemented: reported in CPUID */
    FEAT_ABSENT,   /* not implemented: refused by name */
    FEAT_TCG_DROP, /* QEMU 7.2's TCG drops it (with a warning): dropped here too */
};

typedef struct CpuFeature {
    const char *name;   /* QEMU's property name */
    uint8_t word, bit;
    uint8_t state;      /* FEAT_*: implementing a feature flips this one field */
} CpuFeature;

/* QEMU 7.2's names (feature_word_info) for the bits of leaf 1 and 0x80000001 that its
 * TCG can give; "sse3" is QEMU's alias of "pni". */
static const CpuFeature features[] = {
    { "fpu", CPU_FEAT_1_EDX, 0, FEAT_PCEMU },
    { "vme", CPU_FEAT_1_EDX, 1, FEAT_TCG_DROP },
    { "de", CPU_FEAT_1_EDX, 2, FEAT_PCEMU },
    { "pse", CPU_FEAT_1_EDX, 3, FEAT_PCEMU },
    { "tsc", CPU_FEAT_1_EDX, 4, FEAT_PCEMU },
    { "msr", CPU_FEAT_1_EDX, 5, FEAT_PCEMU },
    { "pae", CPU_FEAT_1_EDX, 6, FEAT_PCEMU },
    { "mce", CPU_FEAT_1_EDX, 7, FEAT_PCEMU },
    { "cx8", CPU_FEAT_1_EDX, 8, FEAT_PCEMU },
    { "apic", CPU_FEAT_1_EDX, 9, FEAT_PCEMU },   /* the machine builds a local APIC (emu/dev/apic.h); CPUID follows cpu_set_apic */
    { "sep", CPU_FEAT_1_EDX, 11, FEAT_PCEMU },
    { "mtrr", CPU_FEAT_1_EDX, 12, FEAT_PCEMU },
    { "pge", CPU_FEAT_1_EDX, 13, FEAT_PCEMU },
    { "mca", CPU_FEAT_1_EDX, 14, FEAT_PCEMU },
    { "cmov", CPU_FEAT_1_EDX, 15, FEAT_PCEMU },
    { "pat", CPU_FEAT_1_EDX, 16, FEAT_PCEMU },
    { "pse36", CPU_FEAT_1_EDX, 17, FEAT_PCEMU },
    { "clflush", CPU_FEAT_1_EDX, 19, FEAT_PCEMU },
    { "acpi", CPU_FEAT_1_EDX, 22, FEAT_ABSENT },
    { "mmx", CPU_FEAT_1_EDX, 23, FEAT_PCEMU },
    { "fxsr", CPU_FEAT_1_EDX, 24, FEAT_PCEMU },
    { "sse", CPU_FEAT_1_EDX, 25, FEAT_PCEMU },
    { "sse2", CPU_FEAT_1_EDX, 26, FEAT_PCEMU },
    { "ss", CPU_FEAT_1_EDX, 27, FEAT_ABSENT },
    { "pni", CPU_FEAT_1_ECX, 0, FEAT_PCEMU },
    { "sse3", CPU_FEAT_1_ECX, 0, FEAT_PCEMU },
    { "pclmulqdq", CPU_FEAT_1_ECX, 1, FEAT_ABSENT },
    { "monitor", CPU_FEAT_1_ECX, 3, FEAT_ABSENT },
    { "ssse3", CPU_FEAT_1_ECX, 9, FEAT_ABSENT },
    { "cx16", CPU_FEAT_1_ECX, 13, FEAT_ABSENT },
    { "sse4.1", CPU_FEAT_1_ECX, 19, FEAT_ABSENT },
    { "sse4.2", CPU_FEAT_1_ECX, 20, FEAT_ABSENT },
    { "x2apic", CPU_FEAT_1_ECX, 21, FEAT_ABSENT },
    { "movbe", CPU_FEAT_1_ECX, 22, FEAT_ABSENT },
    { "popcnt", CPU_FEAT_1_ECX, 23, FEAT_ABSENT },
    { "aes", CPU_FEAT_1_ECX, 25, FEAT_ABSENT },
    { "xsave", CPU_FEAT_1_ECX, 26, FEAT_ABSENT },
    { "hypervisor", CPU_FEAT_1_ECX, 31, FEAT_PCEMU },   /* the bit; leaf 0x40000000: sysreg.c */
    { "syscall", CPU_FEAT_X1_EDX, 11, FEAT_ABSENT },
    { "nx", CPU_FEAT_X1_EDX, 20, FEAT_ABSENT },
    { "mmxext", CPU_FEAT_X1_EDX, 22, FEAT_ABSENT },
    { "rdtscp", CPU_FEAT_X1_EDX, 27, FEAT_ABSENT },
    { "lm", CPU_FEAT_X1_EDX, 29, FEAT_ABSENT },
    { "3dnowext", CPU_FEAT_X1_EDX, 30, FEAT_ABSENT },
    { "3dnow", CPU_FEAT_X1_EDX, 31, FEAT_ABSENT },
    { "lahf-lm", CPU_FEAT_X1_ECX, 0, FEAT_ABSENT },
    { "abm", CPU_FEAT_X1_ECX, 5, FEAT_ABSENT },
    { "sse4a", CPU_FEAT_X1_ECX, 6, FEAT_ABSENT },
};

/* QEMU's feature groups (cpu.c): the models' leaf 1 EDX. */
#define F(name) (1u << name)
#define I486_FEATURES (F(0) | F(1) | F(3))                                   /* fpu vme pse */
#define PENTIUM_FEATURES (I486_FEATURES | F(2) | F(4) | F(5) | F(7) | F(8) | F(23) | F(9))
#define PENTIUM2_FEATURES (PENTIUM_FEATURES | F(6) | F(11) | F(12) | F(13) | F(14) | F(15) | \
                           F(16) | F(17) | F(24))
#define PENTIUM3_FEATURES (PENTIUM2_FEATURES | F(25))
#define PPRO_FEATURES (F(0) | F(2) | F(3) | F(4) | F(5) | F(7) | F(8) | F(13) | F(15) | F(16) | \
                       F(24) | F(23) | F(25) | F(26) | F(6) | F(11) | F(9))
#define HYPERVISOR (1u << 31)

/* The models with the features QEMU 7.2 starts them with (before TCG's filter). */
static const struct ModelDef {
    CpuModel m;
    const char *desc;   /* for -cpu help */
} models[] = {
    { { "pentium2", 2, 0, 0x652, { PENTIUM2_FEATURES, HYPERVISOR }, "" }, "Pentium II" },
    { { "pentium3", 3, 0, 0x673, { PENTIUM3_FEATURES, HYPERVISOR }, "" }, "Pentium III" },
    { { "qemu32", 4, 0x80000004, 0x663, { PPRO_FEATURES, 1 | HYPERVISOR },
        "QEMU Virtual CPU version 2.5+" }, "QEMU Virtual CPU version 2.5+" },
};

static const CpuFeature *feature_find(const char *name, size_t len)
{
    for (size_t i = 0; i < ARRAY_SIZE(features); i++)
        if (strlen(features[i].name) == len && !strncmp(features[i].name, name, len))
            return &features[i];
    return NULL;
}

/* Splits a feature into its name and state: "-x" and "x=off" are off, "x", "+x" and
 * "x=on" on (QEMU's legacy and property spellings). */
static void feature_split(const char *f, size_t n, const char **name, size_t *len, bool *on)
{
    *name = f;
    *len = n;
    *on = true;
    if (n > 1 && (f[0] == '-' || f[0] == '+')) {
        *name = f + 1;
        *len = n - 1;
        *on = f[0] == '+';
    } else if (n > 4 && !strncmp(f + n - 4, "=off", 4)) {
        *len = n - 4;
        *on = false;
    } else if (n > 3 && !strncmp(f + n - 3, "=on", 3)) {
        *len = n - 3;
    }
}

int cpu_model_parse(const char *spec, CpuModel *m, Err *err)
{
    size_t n = strcspn(spec, ",");
    const struct ModelDef *d = NULL;
    for (size_t i = 0; i < ARRAY_SIZE(models); i++)
        if (strlen(models[i].m.name) == n && !strncmp(models[i].m.name, spec, n))
            d = &models[i];
    if (!d)
        return ERR(err, -EINVAL, "-cpu %s: unknown CPU model '%.*s' (-cpu help lists them)",
                   spec, (int)n, spec);
    *m = d->m;
    /* QEMU applies the features in order: the last mention of a bit wins */
    for (const char *f = spec + n; *f; f += n) {
        f++;   /* the comma */
        n = strcspn(f, ",");
        const char *name;
        size_t len;
        bool on;
        feature_split(f, n, &name, &len, &on);
        const CpuFeature *ft = feature_find(name, len);
        if (!ft)
            return ERR(err, -EINVAL, "-cpu %s: unknown feature '%.*s'", spec, (int)n, f);
        if (on)
            m->feat[ft->word] |= 1u << ft->bit;
        else
            m->feat[ft->word] &= ~(1u << ft->bit);
    }
    char absent[256] = "";
    size_t used = 0;
    for (size_t i = 0; i < ARRAY_SIZE(features); i++) {
        const CpuFeature *ft = &features[i];
        if (!(m->feat[ft->word] & (1u << ft->bit)) || ft->state == FEAT_PCEMU)
            continue;
        if (ft->state == FEAT_TCG_DROP) {
            m->feat[ft->word] &= ~(1u << ft->bit);
            continue;
        }
        if (ft + 1 < features + ARRAY_SIZE(features) && ft[1].word == ft->word && ft[1].bit == ft->bit)
            continue;   /* an alias: named once, by its last spelling */
        used += (size_t)snprintf(absent + used, used < sizeof absent ? sizeof absent - used : 0,
                                 "%s-%s", used ? "," : "", ft->name);
    }
    if (used)
        return ERR(err, -EINVAL, "-cpu %s: pcemu does not implement these features of the "
                   "model: turn them off (%s)", spec, absent);
    return 0;
}

#define REDUCED_SPEC "pentium2,-mmx,-apic,-pae,-mce,-mca,-vme,-de,-fxsr,-pse36,-hypervisor"

void cpu_model_default(CpuModel *m)
{
    int r = cpu_model_parse("qemu32", m, NULL);
    assert(r == 0);
}

void cpu_model_reduced(CpuModel *m)
{
    int r = cpu_model_parse(REDUCED_SPEC, m, NULL);
    assert(r == 0);
}

void cpu_model_print_list(FILE *f)
{
    fprintf(f, "Available CPUs (QEMU 7.2's; MODEL,-feat,+feat,feat=on|off over QEMU's feature names):\n");
    for (size_t i = 0; i < ARRAY_SIZE(models); i++)
        fprintf(f, "  %-10s %s\n", models[i].m.name, models[i].desc);
    fprintf(f, "The default is qemu32 (with its local APIC), as QEMU's. The reduced machine's CPU,\n"
               "before pcemu had models, is " REDUCED_SPEC ".\n"
               "Features pcemu implements:");
    for (size_t i = 0; i < ARRAY_SIZE(features); i++)
        if (features[i].state == FEAT_PCEMU)
            fprintf(f, " %s", features[i].name);
    fprintf(f, "\n");
}
