/* mmu.c: linear-to-physical translation, the software TLB (invariant 7) and the slow paths
 * for MMIO and page-crossing accesses. Reference: Intel SDM vol. 3, chapter 4: 32-bit
 * paging (4.3) with 4 KiB and 4 MiB pages and PSE-36, PAE paging (4.4) with its four
 * PDPTE registers, 2 MiB and 4 KiB pages; U/S and R/W checks with CR0.WP, accessed and
 * dirty bits, reserved-bit faults (PFEC.RSVD), #PF error codes and CR2.
 *
 * MAXPHYADDR is 36 when the model has PAE, else 32 (the SDM's rule without CPUID leaf
 * 0x80000008, which these models lack; QEMU 7.2's TCG uses 36 for qemu-system-i386).
 * Nothing lies at or above 4 GiB on this machine: a translation that lands there reads
 * zeros and drops writes, as on QEMU 7.2 (images/cpu/pae.asm), and never enters the TLB.
 *
 * Where QEMU 7.2's TCG differs (images/cpu/pae.asm marks the lines), pcemu follows the SDM:
 *  - QEMU's error code for a reserved-bit fault lacks P (8 where the SDM gives 9: every
 *    entry on the way was present).
 *  - QEMU reads the PDPTEs from memory on every walk; pcemu loads them into registers
 *    when MOV CR3, MOV CR0 or MOV CR4 (4.4.1) enter or reload PAE paging, and a present
 *    PDPTE with a reserved bit (1, 2, 6-8, 36-63; see PDPTE_RSVD for bit 5) makes that
 *    MOV raise #GP(0). QEMU faults (#PF, RSVD) at the access instead, and only for bits
 *    36-63; it also sets the accessed bit of the PDPTEs it walks, pcemu does not.
 *  - QEMU takes bits 52-62 of a PAE PDE or PTE as ignored (the long-mode layout); they
 *    are reserved under PAE paging (RSVD fault).
 *  - A 4 MiB page under PSE-36: QEMU reserves bit 21 only and puts PDE bits 17-20 into
 *    physical bits 36-39; the SDM reserves bits 17-21 (21:13 without PSE-36).
 * Global pages (CR4.PGE) are flushed with the rest on every CR3 write, as QEMU's TCG does:
 * a TLB may always drop an entry. Not emulated: caching attributes (PAT, PCD, PWT select
 * no behaviour), NX (no model has it). */
#include "emu/cpu/cpu_int.h"

enum { PG_P = 1, PG_RW = 2, PG_US = 4, PG_A = 0x20, PG_D = 0x40, PG_PS = 0x80 };
enum { PFEC_P = 1, PFEC_W = 2, PFEC_U = 4, PFEC_RSVD = 8 };
/* Bits 1, 2 and 6-8 of a PAE PDPTE. XXX: the SDM reserves bit 5 (A) too, but QEMU 7.2's
 * TCG sets it in every PDPTE it walks, so the PDPTEs of a QEMU snapshot have it: pcemu
 * ignores it, or a Linux guest loaded from QEMU faults at its next MOV CR3. */
#define PDPTE_RSVD 0x1c6u

void tlb_flush(Cpu *c)
{
    chain_invalidate(c);    /* invariant 2 */
    for (int s = 0; s < 4; s++)
        for (int k = 0; k < TLB_SIZE; k++)
            c->tlb[s][k].tag = TLB_INVALID;
}

void tlb_flush_page(Cpu *c, uint32_t lin)
{
    chain_invalidate(c);    /* invariant 2 */
    for (int s = 0; s < 4; s++) {
        TlbEnt *e = &c->tlb[s][(lin >> 12) & (TLB_SIZE - 1)];
        if (e->tag == (lin & ~0xfffu))
            e->tag = TLB_INVALID;
    }
}

static _Noreturn void page_fault(Cpu *c, uint32_t lin, uint32_t err)
{
    c->s.cr[2] = lin;
    trace(TRACE_MMU, "mmu: #PF at %#x err %#x eip %#x", lin, err, c->s.eip);
    cpu_raise(c, EXC_PF, err);
}

static uint64_t a20(const Cpu *c, uint64_t pa) { return pa & (uint64_t)(int64_t)c->s.a20_mask; }

/* Physical reads and writes of the page walk and the slow paths, for any 64-bit
 * physical address (see the header for what lies above 4 GiB). */
static uint32_t phys_read(Cpu *c, uint64_t pa, unsigned size)
{
    if (pa >> 32)
        return 0;
    return bus_mem_read(c->bus, (uint32_t)pa, size);
}
static void phys_write(Cpu *c, uint64_t pa, uint32_t v, unsigned size)
{
    if (pa >> 32)
        return;
    bus_mem_write(c->bus, (uint32_t)pa, v, size);
    code_invalidate_page(c, (uint32_t)(pa >> 12));
}
static uint64_t phys_rd64(Cpu *c, uint64_t pa)
{
    pa = a20(c, pa);
    return phys_read(c, pa, 4) | (uint64_t)phys_read(c, a20(c, pa + 4), 4) << 32;
}
static uint64_t ent_read(Cpu *c, uint64_t pa, bool pae)
{
    return pae ? phys_rd64(c, pa) : phys_read(c, a20(c, pa), 4);
}
/* Sets bits in an entry: they are all in its low dword, in both layouts. */
static void ent_set(Cpu *c, uint64_t pa, uint64_t old, uint32_t bits)
{
    if ((old | bits) != old)
        phys_write(c, a20(c, pa), (uint32_t)old | bits, 4);
}

/* Physical-address bits at and above MAXPHYADDR (header). */
static uint64_t phys_above(const Cpu *c)
{
    return ~0ull << ((c->model.feat[CPU_FEAT_1_EDX] & CPUID_PAE) ? 36 : 32);
}

static bool pdptes_read(Cpu *c, uint32_t cr3, uint64_t e[4])
{
    bool ok = true;
    for (uint32_t k = 0; k < 4; k++) {
        e[k] = phys_rd64(c, (cr3 & ~0x1fu) + 8 * k);
        if ((e[k] & PG_P) && (e[k] & (phys_above(c) | PDPTE_RSVD)))
            ok = false;
    }
    return ok;
}

bool mmu_pdptes_load(Cpu *c, uint32_t cr3)
{
    uint64_t e[4];
    if (!pdptes_read(c, cr3, e))
        return false;
    memcpy(c->pdpte, e, sizeof e);
    return true;
}

void mmu_cr_write(Cpu *c, uint32_t cr0, uint32_t cr3, uint32_t cr4, bool pdpte_event)
{
    if (pdpte_event && (cr0 & CR0_PG) && (cr4 & CR4_PAE) && !mmu_pdptes_load(c, cr3)) {
        trace(TRACE_MMU, "mmu: PDPTE with a reserved bit at CR3 %#x", cr3);
        GP0(c);
    }
}

void mmu_pdptes_reload(Cpu *c)
{
    if (c->paging && (c->s.cr[4] & CR4_PAE))
        pdptes_read(c, c->s.cr[3], c->pdpte);   /* reserved bits now fault at the walk */
}

/* A page walk: the entries it used and what they grant. */
typedef struct Walk {
    uint32_t pfec;          /* when the walk fails: 0 (not present) or PFEC_P | PFEC_RSVD */
    uint64_t pa;            /* the physical address of lin */
    uint64_t pde_a, pde;    /* the PDE: its physical address and value */
    uint64_t pte_a, pte;    /* the PTE, unless big */
    bool big;               /* a 4 MiB or 2 MiB page: the PDE maps it */
    uint32_t perm;          /* PG_RW and PG_US of every level, ANDed */
} Walk;

static bool walk_rsvd(Walk *w)
{
    w->pfec = PFEC_P | PFEC_RSVD;
    return false;
}

/* Walks the tables for lin: false, with w->pfec, at a not-present entry or a reserved
 * bit. Sets the PDE's accessed bit on the way to a PTE when set_a (QEMU and the
 * hardware set it before they look at the PTE). */
static bool walk(Cpu *c, uint32_t lin, Walk *w, bool set_a)
{
    bool pae = c->s.cr[4] & CR4_PAE;
    uint64_t above = phys_above(c), big_rsvd;
    w->pfec = 0;
    if (pae) {
        uint64_t pdpte = c->pdpte[lin >> 30];
        if (!(pdpte & PG_P))
            return false;
        if (pdpte & (above | PDPTE_RSVD))
            return walk_rsvd(w);
        w->pde_a = (pdpte & ~above & ~0xfffull) | ((lin >> 18) & 0xff8);
        big_rsvd = 0x1fe000;                          /* 2 MiB page: bits 20:13 */
    } else {
        w->pde_a = (c->s.cr[3] & ~0xfffu) | ((lin >> 20) & 0xffc);
        /* 4 MiB page: bits 21:13 less those PSE-36 takes for physical bits 32 and up */
        big_rsvd = (c->model.feat[CPU_FEAT_1_EDX] & CPUID_PSE36) ? 0x3fe000 & ~(~above >> 32 << 13)
                                                                 : 0x3fe000;
        above = 0;                                    /* 32-bit entries have no such bits */
    }
    w->pde = ent_read(c, w->pde_a, pae);
    if (!(w->pde & PG_P))
        return false;
    w->big = (w->pde & PG_PS) && (pae || (c->s.cr[4] & CR4_PSE));
    if (w->pde & (above | (w->big ? big_rsvd : 0)))
        return walk_rsvd(w);
    if (w->big) {
        w->perm = (uint32_t)w->pde;
        uint64_t base = pae ? w->pde & ~above & ~0x1fffffull
                            : (w->pde & 0xffc00000u) | (w->pde & 0x1fe000) << 19;
        w->pa = base | (lin & (pae ? 0x1fffff : 0x3fffff));
        return true;
    }
    if (set_a)
        ent_set(c, w->pde_a, w->pde, PG_A);
    w->pte_a = pae ? (w->pde & ~above & ~0xfffull) | ((lin >> 9) & 0xff8)
                   : (w->pde & ~0xfffull) | ((lin >> 10) & 0xffc);
    w->pte = ent_read(c, w->pte_a, pae);
    if (!(w->pte & PG_P))
        return false;
    if (w->pte & above)
        return walk_rsvd(w);
    w->perm = (uint32_t)(w->pde & w->pte);
    w->pa = (w->pte & ~above & ~0xfffull) | (lin & 0xfff);
    return true;
}

uint64_t mmu_translate(Cpu *c, uint32_t lin, int acc, bool user)
{
    bool write = acc == ACC_WRITE;
    uint64_t phys = lin;
    if (c->paging) {
        uint32_t err = (write ? PFEC_W : 0) | (user ? PFEC_U : 0);
        Walk w;
        if (!walk(c, lin, &w, true))
            page_fault(c, lin, err | w.pfec);
        if (user ? (!(w.perm & PG_US) || (write && !(w.perm & PG_RW)))
                 : (write && !(w.perm & PG_RW) && (c->s.cr[0] & CR0_WP)))
            page_fault(c, lin, err | PFEC_P);
        uint32_t ad = PG_A | (write ? PG_D : 0);
        if (w.big)
            ent_set(c, w.pde_a, w.pde, ad);
        else
            ent_set(c, w.pte_a, w.pte, ad);
        phys = w.pa;
    }
    phys = a20(c, phys);
    if (phys >> 32)
        return phys;
    uint8_t *host = write ? bus_write_ptr(c->bus, (uint32_t)phys) : bus_read_ptr(c->bus, (uint32_t)phys);
    if (host && !(write && (c->code_bitmap[phys >> 15] & (1u << ((phys >> 12) & 7)))) &&
        !((c->nwp | c->dr_nwp) && watch_on_page(c, lin))) {
        TlbEnt *e = &c->tlb[(user ? 2 : 0) + (write ? 1 : 0)][(lin >> 12) & (TLB_SIZE - 1)];
        e->tag = lin & ~0xfffu;
        e->ppage = (uint32_t)phys & ~0xfffu;
        e->addend = (uintptr_t)(host - (phys & 0xfff)) - (lin & ~0xfffu);
    }
    return phys;
}

bool cpu_debug_translate(Cpu *c, uint32_t lin, uint32_t *phys)
{
    uint64_t pa = lin;
    if (c->paging) {
        Walk w;
        if (!walk(c, lin, &w, false))
            return false;
        pa = w.pa;
    }
    pa = a20(c, pa);
    *phys = (uint32_t)pa;
    return !(pa >> 32);
}

static bool overlaps(const CpuWatch *w, uint64_t lin, uint64_t size)
{
    return w->lin < lin + size && lin < (uint64_t)w->lin + w->len;
}

bool watch_on_page(const Cpu *c, uint32_t lin)
{
    uint64_t page = lin & ~0xfffu;
    for (int j = 0; j < c->nwp; j++)
        if (overlaps(&c->wp[j], page, 0x1000))
            return true;
    for (int j = 0; j < c->dr_nwp; j++)
        if (overlaps(&c->dr_wp[j], page, 0x1000))
            return true;
    return false;
}

void watch_access(Cpu *c, uint32_t lin, unsigned size, int kind)
{
    for (int j = 0; j < c->nwp; j++) {
        const CpuWatch *w = &c->wp[j];
        if ((w->kind & kind) && overlaps(w, lin, size)) {
            if (!c->wp_hit) {
                c->wp_hit = true;
                c->wp_hit_w = *w;
                c->wp_hit_lin = lin;
            }
            c->exit_flags |= EXIT_WATCH;
        }
    }
    for (int j = 0; j < c->dr_nwp; j++)   /* the guest's: a #DB trap after the instruction */
        if ((c->dr_wp[j].kind & kind) && overlaps(&c->dr_wp[j], lin, size)) {
            c->dbg_after |= 1u << c->dr_wp_reg[j];
            c->exit_flags |= EXIT_AGAIN;   /* end the block after this instruction */
        }
}

uint32_t mmu_read_slow(Cpu *c, uint32_t lin, unsigned size, bool user)
{
    if (UNLIKELY(c->nwp | c->dr_nwp))
        watch_access(c, lin, size, CPU_WATCH_READ);
    unsigned first = 0x1000 - (lin & 0xfff);
    if (first >= size) {
        uint32_t v = phys_read(c, mmu_translate(c, lin, ACC_READ, user), size);
        cpu_bus_touched(c);
        return v;
    }
    uint64_t p1 = mmu_translate(c, lin, ACC_READ, user);
    uint64_t p2 = mmu_translate(c, lin + first, ACC_READ, user);
    uint32_t v = 0;
    for (unsigned k = 0; k < size; k++)
        v |= (phys_read(c, a20(c, k < first ? p1 + k : p2 + (k - first)), 1) & 0xff) << (8 * k);
    cpu_bus_touched(c);
    return v;
}

void mmu_probe_write(Cpu *c, uint32_t lin, unsigned size, bool user)
{
    unsigned first = 0x1000 - (lin & 0xfff);
    mmu_translate(c, lin, ACC_WRITE, user);
    if (first < size)
        mmu_translate(c, lin + first, ACC_WRITE, user);
}

void mmu_write_slow(Cpu *c, uint32_t lin, uint32_t val, unsigned size, bool user)
{
    if (UNLIKELY(c->nwp | c->dr_nwp))
        watch_access(c, lin, size, CPU_WATCH_WRITE);
    unsigned first = 0x1000 - (lin & 0xfff);
    if (first >= size) {
        phys_write(c, mmu_translate(c, lin, ACC_WRITE, user), val, size);
        cpu_bus_touched(c);
        return;
    }
    uint64_t p1 = mmu_translate(c, lin, ACC_WRITE, user);
    uint64_t p2 = mmu_translate(c, lin + first, ACC_WRITE, user);
    for (unsigned k = 0; k < size; k++)
        phys_write(c, a20(c, k < first ? p1 + k : p2 + (k - first)), (val >> (8 * k)) & 0xff, 1);
    cpu_bus_touched(c);
}

uint32_t sys_read(Cpu *c, uint32_t lin, unsigned size)
{
    const TlbEnt *e = &c->tlb[0][(lin >> 12) & (TLB_SIZE - 1)];
    if (e->tag == (lin & ~0xfffu) && (lin & 0xfff) <= 0x1000 - size) {
        const uint8_t *p = (const uint8_t *)(e->addend + lin);
        return size == 1 ? *p : size == 2 ? le16(p) : le32(p);
    }
    return mmu_read_slow(c, lin, size, false);
}

void sys_write(Cpu *c, uint32_t lin, uint32_t val, unsigned size)
{
    const TlbEnt *e = &c->tlb[1][(lin >> 12) & (TLB_SIZE - 1)];
    if (e->tag == (lin & ~0xfffu) && (lin & 0xfff) <= 0x1000 - size) {
        uint8_t *p = (uint8_t *)(e->addend + lin);
        if (size == 1) *p = (uint8_t)val; else if (size == 2) put_le16(p, (uint16_t)val); else put_le32(p, val);
        return;
    }
    mmu_write_slow(c, lin, val, size, false);
}

void seg_fault(Cpu *c, int seg, uint32_t off, unsigned size, bool write)
{
    trace(TRACE_CPU, "cpu: segment %d limit/rights fault off %#x size %u %s", seg, off, size,
          write ? "write" : "read");
    if (seg == R_SS)
        cpu_raise(c, EXC_SS, 0);
    GP0(c);
}
