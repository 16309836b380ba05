/* decode.c: x86 instruction decoder (prefixes, opcode maps, ModRM/SIB, immediates) into
 * an Insn, driven by the rows of opcodes.def (invariant 1 of cpu_int.h). Reference: Intel
 * SDM vol. 2, chapter 2 and appendix A. Decoding never faults: bytes that do not form a
 * valid instruction decode to op_ud, which raises #UD when executed. An opcode with a
 * FORMS block costs a walk of its forms, at decode time only: decoded Insns are cached
 * (exec.c), and an X row is one table load as before. */
#include "emu/cpu/cpu_int.h"

#ifndef CPU_OPCODES_DEF
#define CPU_OPCODES_DEF "emu/cpu/opcodes.def"   /* tests/unit/test_cpu_decode.c has its own */
#endif

/* A row of opcodes.def: an X row (optab), a FORMS block's head (optab, forms set) or one
 * of its F rows (the forms arrays). Each forms array ends in a row that every key matches
 * and that has no name, flags or handler: the form of encodings the table lacks, #UD. */
typedef struct OpRow {
    OpFn h16, h32;
    const struct OpRow *forms;
    uint32_t sel;               /* F rows: S_* selector (cpu_int.h) */
    uint32_t fl;                /* D_* */
    const char *name;
} OpRow;

/* Insn.row: the opcode (map << 8 | byte) above ROW_FORM_BITS; below, 0 for an X row, k + 1
 * for forms[k] of a FORMS block. */
#define ROW_FORM_BITS 6

#define X(opc, nm, fl, a, b)
#define FORMS(opc, fl) static const OpRow forms_##opc[] = {
#define F(sel, nm, fl, a, b) { a, b, NULL, sel, fl, nm },
#define FORMS_END { .sel = S_ANY } };
#include CPU_OPCODES_DEF
#undef FORMS
#undef F
#undef FORMS_END

#define FORMS(opc, fl) _Static_assert(sizeof forms_##opc / sizeof forms_##opc[0] < 1u << ROW_FORM_BITS, \
                                      "more forms of " #opc " than Insn.row holds");
#define F(sel, nm, fl, a, b)
#define FORMS_END
#include CPU_OPCODES_DEF
#undef X
#undef FORMS

static const OpRow optab[0x400] = {
#define X(opc, nm, fl, a, b) [opc] = { a, b, NULL, 0, fl, nm },
#define FORMS(opc, fl) [opc] = { NULL, NULL, forms_##opc, 0, fl, NULL },
#include CPU_OPCODES_DEF
#undef X
#undef FORMS
};

/* The 0F 38 and 0F 3A maps take a third opcode byte only while the table has rows in them:
 * until then 0F 38 and 0F 3A are two-byte #UD opcodes, as they always were here. */
enum {
    MAP_0F38_ROWS = 0
#define X(opc, nm, fl, a, b) + ((opc) >> 8 == 2)
#define FORMS(opc, fl) + ((opc) >> 8 == 2)
#include CPU_OPCODES_DEF
#undef X
#undef FORMS
    , MAP_0F3A_ROWS = 0
#define X(opc, nm, fl, a, b) + ((opc) >> 8 == 3)
#define FORMS(opc, fl) + ((opc) >> 8 == 3)
#include CPU_OPCODES_DEF
#undef X
#undef FORMS
};
#undef F
#undef FORMS_END

/* 16-bit addressing: base and index register of each rm value. */
static const uint8_t ea16_base[8] = { R_EBX, R_EBX, R_EBP, R_EBP, EA_NONE, EA_NONE, R_EBP, R_EBX };
static const uint8_t ea16_index[8] = { R_ESI, R_EDI, R_ESI, R_EDI, R_ESI, R_EDI, EA_NONE, EA_NONE };

/* In the helpers below, p is the offset reached so far; they return the offset after
 * what they read, or cpu_decode's 0 (more bytes needed) or -1 (over 15 bytes). */
#define NEED(n) do { if (p + (n) > 15) return -1; if (p + (n) > avail) return 0; } while (0)

/* SIB, base and displacement of a 32-bit address (mod != 3). */
static int decode_ea32(Insn *i, const uint8_t *b, unsigned p, unsigned avail, unsigned mod,
                       unsigned rm, int *defseg)
{
    unsigned base = rm;
    if (rm == 4) {
        NEED(1);
        uint8_t sib = b[p++];
        i->scale = sib >> 6;
        unsigned idx = (sib >> 3) & 7;
        i->index = idx == 4 ? EA_NONE : (uint8_t)idx;
        base = sib & 7;
    }
    if (base == 5 && mod == 0) {
        i->base = EA_NONE;
        NEED(4);
        i->disp = le32(b + p);
        p += 4;
    } else {
        i->base = (uint8_t)base;
        if (base == R_ESP || base == R_EBP)
            *defseg = R_SS;
    }
    if (mod == 1) {
        NEED(1);
        i->disp = (uint32_t)(int8_t)b[p++];
    } else if (mod == 2) {
        NEED(4);
        i->disp = le32(b + p);
        p += 4;
    }
    return (int)p;
}

/* Base, index and displacement of a 16-bit address (mod != 3). */
static int decode_ea16(Insn *i, const uint8_t *b, unsigned p, unsigned avail, unsigned mod,
                       unsigned rm, int *defseg)
{
    if (mod == 0 && rm == 6) {
        NEED(2);
        i->disp = le16(b + p);
        return (int)p + 2;
    }
    i->base = ea16_base[rm];
    i->index = ea16_index[rm];
    if (rm == 2 || rm == 3 || rm == 6)
        *defseg = R_SS;
    if (mod == 1) {
        NEED(1);
        i->disp = (uint32_t)(int8_t)b[p++];
    } else if (mod == 2) {
        NEED(2);
        i->disp = (uint32_t)(int16_t)le16(b + p);
        p += 2;
    }
    return (int)p;
}

/* The immediates (and moffs, which sets *mem) that the flags fl ask for. */
static int decode_imm(Insn *i, const uint8_t *b, unsigned p, unsigned avail, uint32_t fl,
                      bool o32, bool a32, bool *mem)
{
    if (fl & D_IB) {
        NEED(1);
        i->imm = b[p++];
    } else if (fl & (D_IBS | D_JB)) {
        NEED(1);
        i->imm = (uint32_t)(int8_t)b[p++];
    } else if (fl & D_IW) {
        NEED(2);
        i->imm = le16(b + p);
        p += 2;
    } else if (fl & (D_IZ | D_JZ)) {
        if (o32) {
            NEED(4);
            i->imm = le32(b + p);
            p += 4;
        } else {
            NEED(2);
            i->imm = (fl & D_JZ) ? (uint32_t)(int16_t)le16(b + p) : le16(b + p);
            p += 2;
        }
    } else if (fl & D_IA) {
        unsigned n = o32 ? 4 : 2;
        NEED(n + 2);
        i->imm = o32 ? le32(b + p) : le16(b + p);
        i->imm2 = le16(b + p + n);
        p += n + 2;
    } else if (fl & D_IO) {
        unsigned n = a32 ? 4 : 2;
        NEED(n);
        i->disp = a32 ? le32(b + p) : le16(b + p);
        p += n;
        *mem = true;
    } else if (fl & D_IWB) {
        NEED(3);
        i->imm = le16(b + p);
        i->imm2 = b[p + 2];
        p += 3;
    }
    return (int)p;
}

/* The index of the first of forms that the decode key selects (the last row matches all). */
static unsigned form_find(const OpRow *forms, unsigned key)
{
    unsigned k = 0;
    while ((key ^ forms[k].sel) & (forms[k].sel >> 16))
        k++;
    return k;
}

int cpu_decode(Insn *i, const uint8_t *b, unsigned avail, bool code32)
{
    unsigned p = 0;
    bool o32 = code32, a32 = code32, lock = false;
    int seg = -1, n;
    uint8_t fl_rep = 0;
    memset(i, 0, sizeof *i);
    i->base = i->index = EA_NONE;
    for (;;) {
        NEED(1);
        switch (b[p]) {
        case 0x26: seg = R_ES; break;
        case 0x2e: seg = R_CS; break;
        case 0x36: seg = R_SS; break;
        case 0x3e: seg = R_DS; break;
        case 0x64: seg = R_FS; break;
        case 0x65: seg = R_GS; break;
        case 0x66: o32 = !code32; break;
        case 0x67: a32 = !code32; break;
        case 0xf0: lock = true; break;
        case 0xf2: fl_rep = I_REPNE; break;
        case 0xf3: fl_rep = I_REP; break;
        default: goto opcode;
        }
        p++;
    }
opcode:;
    unsigned op = b[p++];
    if (op == 0x0f) {
        NEED(1);
        op = 0x100 | b[p++];
        if ((op == 0x138 && MAP_0F38_ROWS) || (op == 0x13a && MAP_0F3A_ROWS)) {
            NEED(1);
            op = (op == 0x138 ? 0x200 : 0x300) | b[p++];
        }
    }
    const OpRow *e = &optab[op];
    uint32_t fl = e->fl;
    unsigned modrm = 0, mod = 0, slot = 0;
    bool mem = false;
    int defseg = R_DS;
    if (fl & D_M) {
        NEED(1);
        modrm = b[p++];
        mod = modrm >> 6;
        i->reg = (modrm >> 3) & 7;
        i->rm = modrm & 7;
    }
    if (e->forms) {
        /* the opcode says whether a ModRM byte follows; the form, everything else */
        unsigned pfx = fl_rep == I_REPNE ? 3 : fl_rep == I_REP ? 2 : o32 != code32 ? 1 : 0;
        unsigned k = form_find(e->forms, pfx << 7 | (mod == 3 ? 0x40 : 0) | (modrm & 0x3f));
        e = &e->forms[k];
        fl = (e->fl & ~(uint32_t)D_M) | (fl & D_M);
        slot = k + 1;
    }
    if ((fl & D_M) && mod != 3 && !(fl & D_MODREG)) {
        mem = true;
        n = a32 ? decode_ea32(i, b, p, avail, mod, i->rm, &defseg)
                : decode_ea16(i, b, p, avail, mod, i->rm, &defseg);
        if (n <= 0)
            return n;
        p = (unsigned)n;
    }
    if (fl & D_R)
        i->reg = op & 7;
    n = decode_imm(i, b, p, avail, fl, o32, a32, &mem);
    if (n <= 0)
        return n;
    p = (unsigned)n;
    OpFn fn = o32 ? e->h32 : e->h16;
    bool bad = (fl & D_MEM) && !mem;
    if (!fn || bad || (lock && (!(fl & D_LK) || !mem)))
        fn = op_ud;
    i->fn = fn;
    bool end = (fl & D_END) || fn == op_ud;
    i->flags = (uint8_t)((o32 ? I_O32 : 0) | (a32 ? I_A32 : 0) | (mem ? I_MEM : 0) | fl_rep |
                         (lock ? I_LOCK : 0) | (seg >= 0 ? I_SEGOVR : 0) | (end ? I_END : 0));
    i->seg = (uint8_t)(seg >= 0 ? seg : defseg);
    i->op = (uint8_t)op;
    i->row = (uint16_t)(op << ROW_FORM_BITS | slot);
    i->len = (uint8_t)p;
    return (int)p;
}
#undef NEED

const char *cpu_insn_name(const Insn *i)
{
    const OpRow *e = &optab[i->row >> ROW_FORM_BITS];
    unsigned slot = i->row & ((1u << ROW_FORM_BITS) - 1);
    if (slot)
        e = &e->forms[slot - 1];
    return e->name ? e->name : "(bad)";
}
