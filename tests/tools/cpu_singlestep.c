/* cpu_singlestep: runs per-instruction tests in the layout of the public SingleStepTests
 * suites (8088/80286/80386 real-mode sets): a JSON array of objects with "name",
 * "initial" {"regs": {...}, "ram": [[address, byte], ...]} and "final" (same layout,
 * only what changed). Register names are the suites' own: ax bx cx dx sp bp si di ip
 * flags (16-bit sets) or eax ... eip eflags (32-bit sets), and cs ds es ss fs gs; the CPU
 * starts in real mode with base = selector * 16 and 64 KiB limits, executes one
 * instruction (all iterations of a REP string instruction) and is compared with "final".
 *
 *   cpu_singlestep [-m FLAGMASK] [-p] FILE.json ...     ("-" reads standard input)
 *     -m  only these EFLAGS bits are compared (the suites list undefined flags apart)
 *     -p  print each test's final state as {"name", "final": {"regs", "ram"}} instead
 * Exit status: 0 all passed (or -p), 1 a test failed, 2 bad input. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "emu/hw/bus.h"
#include "emu/hw/clock.h"
#include "emu/cpu/cpu.h"

#define RAM_SIZE (0x110000u)   /* 1 MiB and the HMA */

static const struct { const char *name; int kind, idx; } regnames[] = {
    { "eax", 4, R_EAX }, { "ecx", 4, R_ECX }, { "edx", 4, R_EDX }, { "ebx", 4, R_EBX },
    { "esp", 4, R_ESP }, { "ebp", 4, R_EBP }, { "esi", 4, R_ESI }, { "edi", 4, R_EDI },
    { "ax", 2, R_EAX }, { "cx", 2, R_ECX }, { "dx", 2, R_EDX }, { "bx", 2, R_EBX },
    { "sp", 2, R_ESP }, { "bp", 2, R_EBP }, { "si", 2, R_ESI }, { "di", 2, R_EDI },
    { "es", 10, R_ES }, { "cs", 10, R_CS }, { "ss", 10, R_SS }, { "ds", 10, R_DS },
    { "fs", 10, R_FS }, { "gs", 10, R_GS },
    { "eip", 20, 4 }, { "ip", 20, 2 }, { "eflags", 21, 4 }, { "flags", 21, 2 },
};

static int reg_find(const char *n)
{
    for (size_t k = 0; k < ARRAY_SIZE(regnames); k++)
        if (!strcmp(regnames[k].name, n))
            return (int)k;
    return -1;
}

static uint32_t reg_get(const CpuState *s, int k)
{
    int kind = regnames[k].kind, idx = regnames[k].idx;
    switch (kind) {
    case 4: return s->regs[idx];
    case 2: return s->regs[idx] & 0xffff;
    case 10: return s->segs[idx].selector & 0xffff;
    case 20: return idx == 4 ? s->eip : s->eip & 0xffff;
    default: return idx == 4 ? s->eflags : s->eflags & 0xffff;
    }
}

static void reg_set(CpuState *s, int k, uint32_t v)
{
    int kind = regnames[k].kind, idx = regnames[k].idx;
    switch (kind) {
    case 4: s->regs[idx] = v; break;
    case 2: s->regs[idx] = (s->regs[idx] & 0xffff0000u) | (v & 0xffff); break;
    case 10: s->segs[idx].selector = v & 0xffff; s->segs[idx].base = (v & 0xffff) << 4; break;
    case 20: s->eip = v; break;
    default: s->eflags = v | 2; break;
    }
}

typedef struct Env { Bus *bus; Clock clock; Cpu *cpu; uint8_t *ram; } Env;
static void hook(void *o, uint32_t pa, uint32_t len) { cpu_code_written(((Env *)o)->cpu, pa, len); }

/* Returns 0 pass, 1 fail, -1 bad test. */
static int run_test(Env *e, json_t *t, uint32_t fmask, bool print)
{
    json_t *ini = json_object_get(t, "initial"), *fin = json_object_get(t, "final");
    const char *name = json_string_value(json_object_get(t, "name"));
    json_t *iregs = json_object_get(ini, "regs"), *iram = json_object_get(ini, "ram");
    if (!json_is_object(iregs) || !json_is_array(iram)) {
        fprintf(stderr, "cpu_singlestep: test %s: no initial regs/ram\n", name ? name : "?");
        return -1;
    }
    memset(e->ram, 0, RAM_SIZE);
    cpu_reset(e->cpu);
    CpuState *s = cpu_state(e->cpu);
    for (int k = 0; k < 6; k++)
        s->segs[k] = (CpuSeg){ .limit = 0xffff, .flags = k == R_CS ? 0x9b00 : 0x9300 };
    const char *key;
    json_t *val;
    json_object_foreach(iregs, key, val) {
        int k = reg_find(key);
        if (k < 0 || !json_is_integer(val)) {
            fprintf(stderr, "cpu_singlestep: test %s: unknown register %s\n", name, key);
            return -1;
        }
        reg_set(s, k, (uint32_t)json_integer_value(val));
    }
    size_t i;
    json_array_foreach(iram, i, val) {
        json_int_t a = json_integer_value(json_array_get(val, 0)), b = json_integer_value(json_array_get(val, 1));
        if (a < 0 || a >= RAM_SIZE || b < 0 || b > 255) {
            fprintf(stderr, "cpu_singlestep: test %s: bad ram entry\n", name);
            return -1;
        }
        e->ram[a] = (uint8_t)b;
    }
    s->halted = 0;
    cpu_flush_all(e->cpu);
    uint32_t start = s->eip, cs = s->segs[R_CS].selector, before;
    int guard = 0;
    do {   /* a REP instruction runs one iteration per cpu_run(1): finish it */
        before = s->regs[R_ECX];
        cpu_run(e->cpu, 1);
    } while (s->eip == start && s->segs[R_CS].selector == cs && s->regs[R_ECX] != before &&
             !s->halted && ++guard < (1 << 20));
    if (print) {
        json_t *out = json_object(), *f = json_object(), *regs = json_object(), *ram = json_array();
        json_object_foreach(iregs, key, val)
            json_object_set_new(regs, key, json_integer(reg_get(s, reg_find(key))));
        json_array_foreach(iram, i, val) {
            json_int_t a = json_integer_value(json_array_get(val, 0));
            json_array_append_new(ram, json_pack("[I, i]", a, e->ram[a]));
        }
        json_object_set_new(f, "regs", regs);
        json_object_set_new(f, "ram", ram);
        json_object_set_new(out, "name", json_string(name ? name : ""));
        json_object_set_new(out, "final", f);
        char *txt = json_dumps(out, JSON_COMPACT);
        printf("%s\n", txt);
        free(txt);
        json_decref(out);
        return 0;
    }
    int bad = 0;
    json_object_foreach(json_object_get(fin, "regs"), key, val) {
        int k = reg_find(key);
        if (k < 0)
            continue;
        uint32_t want = (uint32_t)json_integer_value(val), got = reg_get(s, k);
        if (regnames[k].kind == 21) { want &= fmask; got &= fmask; }
        if (want != got) {
            fprintf(stderr, "FAIL %s: %s = %#x, expected %#x\n", name, key, got, want);
            bad = 1;
        }
    }
    json_array_foreach(json_object_get(fin, "ram"), i, val) {
        json_int_t a = json_integer_value(json_array_get(val, 0)), b = json_integer_value(json_array_get(val, 1));
        if (a >= 0 && a < RAM_SIZE && e->ram[a] != b) {
            fprintf(stderr, "FAIL %s: ram[%#llx] = %#x, expected %#llx\n", name, (long long)a, e->ram[a], (long long)b);
            bad = 1;
        }
    }
    return bad;
}

int main(int argc, char **argv)
{
    uint32_t fmask = 0xffffffffu;
    bool print = false;
    int opt;
    while ((opt = getopt(argc, argv, "m:p")) != -1) {
        if (opt == 'm') fmask = (uint32_t)strtoul(optarg, NULL, 0);
        else if (opt == 'p') print = true;
        else return 2;
    }
    if (optind >= argc) {
        fprintf(stderr, "usage: cpu_singlestep [-m FLAGMASK] [-p] FILE.json ...\n");
        return 2;
    }
    Env e = { 0 };
    e.bus = bus_new();
    clock_init(&e.clock, 0);
    e.ram = xzalloc(RAM_SIZE);
    bus_map_ram(e.bus, 0, RAM_SIZE, e.ram);
    e.cpu = cpu_new(e.bus, &e.clock);
    bus_set_write_hook(e.bus, hook, &e);
    int pass = 0, fail = 0, rc = 0;
    for (int a = optind; a < argc; a++) {
        json_error_t err;
        json_t *root = !strcmp(argv[a], "-") ? json_loadf(stdin, 0, &err) : json_load_file(argv[a], 0, &err);
        if (!json_is_array(root)) {
            fprintf(stderr, "cpu_singlestep: %s: %s (line %d)\n", argv[a], root ? "not a JSON array" : err.text, err.line);
            rc = 2;
            json_decref(root);
            continue;
        }
        size_t i;
        json_t *t;
        json_array_foreach(root, i, t) {
            int r = run_test(&e, t, fmask, print);
            if (r < 0) rc = 2;
            else if (r) fail++;
            else pass++;
        }
        json_decref(root);
    }
    if (!print)
        printf("cpu_singlestep: %d passed, %d failed\n", pass, fail);
    cpu_free(e.cpu);
    bus_free(e.bus);
    free(e.ram);
    return rc ? rc : fail ? 1 : 0;
}
