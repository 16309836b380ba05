/* decode.c: x86 instruction decoder (prefixes, opcode maps, ModRM/SIB, immediates) into
 * an Insn, driven by the rows of opcodes.def (invariant 1 of cpu_int.h). Reference: Intel
 * SDM vol. 2, chapter 2 and appendix A. Decoding never faults: bytes that do not form a
 * valid instruction decode to op_ud, which raises #UD when executed. */
#include "emu/cpu/cpu_int.h"

typedef struct OpEnt {
    OpFn h16, h32;
    uint32_t fl;
    const char *name;
} OpEnt;

static const OpEnt optab[512] = {
#define X(opc, nm, fl, a, b) [opc] = { a, b, fl, nm },
#define G(grp, opc, reg, nm, fl, a, b)
#include "emu/cpu/opcodes.def"
#undef X
#undef G
};

#define NGROUPS 21
static const OpEnt grptab[NGROUPS][8] = {
#define X(opc, nm, fl, a, b)
#define G(grp, opc, reg, nm, fl, a, b) [grp][reg] = { a, b, fl, nm },
#include "emu/cpu/opcodes.def"
#undef X
#undef G
};

/* 16-bit addressing: base and index register of each rm value. */
static const uint8_t ea16_base[8] = { R_EBX, R_EBX, R_EBP, R_EBP, EA_NONE, EA_NONE, R_EBP, R_EBX };
static const uint8_t ea16_index[8] = { R_ESI, R_EDI, R_ESI, R_EDI, R_ESI, R_EDI, EA_NONE, EA_NONE };

int cpu_decode(Insn *i, const uint8_t *b, unsigned avail, bool code32)
{
    unsigned p = 0;
    bool o32 = code32, a32 = code32, lock = false;
    int seg = -1;
    uint8_t fl_rep = 0;
#define NEED(n) do { if (p + (n) > 15) return -1; if (p + (n) > avail) return 0; } while (0)
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
    }
    const OpEnt *e = &optab[op];
    uint32_t fl = e->fl;
    bool mem = false, bad = false;
    int defseg = R_DS;
    if (fl & D_M) {
        NEED(1);
        uint8_t modrm = b[p++];
        unsigned mod = modrm >> 6, reg = (modrm >> 3) & 7, rm = modrm & 7;
        if (D_GRP_OF(fl) >= 0) {
            e = &grptab[D_GRP_OF(fl)][reg];
            fl = e->fl | D_M;
        }
        i->reg = (uint8_t)reg;
        i->rm = (uint8_t)rm;
        if (mod != 3 && !(fl & D_MODREG)) {
            mem = true;
            if (a32) {
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
                        defseg = R_SS;
                }
                if (mod == 1) {
                    NEED(1);
                    i->disp = (uint32_t)(int8_t)b[p++];
                } else if (mod == 2) {
                    NEED(4);
                    i->disp = le32(b + p);
                    p += 4;
                }
            } else {
                if (mod == 0 && rm == 6) {
                    NEED(2);
                    i->disp = le16(b + p);
                    p += 2;
                } else {
                    i->base = ea16_base[rm];
                    i->index = ea16_index[rm];
                    if (rm == 2 || rm == 3 || rm == 6)
                        defseg = R_SS;
                    if (mod == 1) {
                        NEED(1);
                        i->disp = (uint32_t)(int8_t)b[p++];
                    } else if (mod == 2) {
                        NEED(2);
                        i->disp = (uint32_t)(int16_t)le16(b + p);
                        p += 2;
                    }
                }
            }
        }
        if ((fl & D_MEM) && !mem)
            bad = true;
    }
    if (fl & D_R)
        i->reg = op & 7;
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
        mem = true;
    } else if (fl & D_IWB) {
        NEED(3);
        i->imm = le16(b + p);
        i->imm2 = b[p + 2];
        p += 3;
    }
    OpFn fn = o32 ? e->h32 : e->h16;
    if (!fn || bad || (lock && (!(fl & D_LK) || !mem)))
        fn = op_ud;
    i->fn = fn;
    i->flags = (uint8_t)((o32 ? I_O32 : 0) | (a32 ? I_A32 : 0) | (mem ? I_MEM : 0) | fl_rep |
                         (lock ? I_LOCK : 0) | (seg >= 0 ? I_SEGOVR : 0));
    i->seg = (uint8_t)(seg >= 0 ? seg : defseg);
    i->op = (uint8_t)op;
    i->len = (uint8_t)p;
    i->end = (fl & D_END) || fn == op_ud;
    return (int)p;
#undef NEED
}

const char *cpu_insn_name(const Insn *i)
{
    for (unsigned k = 0; k < 512; k++)
        if (optab[k].name && (optab[k].h16 == i->fn || optab[k].h32 == i->fn))
            return optab[k].name;
    for (unsigned g = 0; g < NGROUPS; g++)
        for (unsigned r = 0; r < 8; r++)
            if (grptab[g][r].name && (grptab[g][r].h16 == i->fn || grptab[g][r].h32 == i->fn))
                return grptab[g][r].name;
    return "(bad)";
}
