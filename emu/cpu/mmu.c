/* mmu.c: linear-to-physical translation (two-level paging with 4 KiB and 4 MiB pages,
 * U/S and R/W checks with CR0.WP, accessed and dirty bits, #PF error codes and CR2), the
 * software TLB (invariant 7) and the slow paths for MMIO and page-crossing accesses.
 * Reference: Intel SDM vol. 3, chapter 4.3 (32-bit paging). Not emulated: PAE, global
 * pages kept across CR3 writes (every CR3 write flushes everything), caching attributes. */
#include "emu/cpu/cpu_int.h"

void tlb_flush(Cpu *c)
{
    c->chain_gen++;         /* invariant 2 */
    for (int s = 0; s < 4; s++)
        for (int k = 0; k < TLB_SIZE; k++)
            c->tlb[s][k].tag = TLB_INVALID;
}

void tlb_flush_page(Cpu *c, uint32_t lin)
{
    c->chain_gen++;         /* invariant 2 */
    for (int s = 0; s < 4; s++) {
        TlbEnt *e = &c->tlb[s][(lin >> 12) & (TLB_SIZE - 1)];
        if (e->tag == (lin & ~0xfffu))
            e->tag = TLB_INVALID;
    }
}

static uint32_t phys_rd32(Cpu *c, uint32_t pa) { return bus_mem_read(c->bus, pa & (uint32_t)c->s.a20_mask, 4); }
static void phys_wr32(Cpu *c, uint32_t pa, uint32_t v)
{
    pa &= (uint32_t)c->s.a20_mask;
    bus_mem_write(c->bus, pa, v, 4);
    code_invalidate_page(c, pa >> 12);
}

static _Noreturn void page_fault(Cpu *c, uint32_t lin, uint32_t err)
{
    c->s.cr[2] = lin;
    trace(TRACE_MMU, "mmu: #PF at %#x err %#x eip %#x", lin, err, c->s.eip);
    cpu_raise(c, EXC_PF, err);
}

uint32_t mmu_translate(Cpu *c, uint32_t lin, int acc, bool user)
{
    bool write = acc == ACC_WRITE;
    uint32_t phys;
    if (!c->paging) {
        phys = lin;
    } else {
        uint32_t err = (write ? 2 : 0) | (user ? 4 : 0);
        uint32_t pde_a = (c->s.cr[3] & ~0xfffu) | ((lin >> 20) & 0xffc);
        uint32_t pde = phys_rd32(c, pde_a);
        if (!(pde & 1))
            page_fault(c, lin, err);
        uint32_t perm, pte_a = 0, pte = 0;
        bool big = (pde & 0x80) && (c->s.cr[4] & CR4_PSE);
        if (big) {
            perm = pde;
        } else {
            pte_a = (pde & ~0xfffu) | ((lin >> 10) & 0xffc);
            pte = phys_rd32(c, pte_a);
            if (!(pte & 1))
                page_fault(c, lin, err);
            perm = pde & pte;
        }
        if (user ? (!(perm & 4) || (write && !(perm & 2)))
                 : (write && !(perm & 2) && (c->s.cr[0] & CR0_WP)))
            page_fault(c, lin, err | 1);
        if (big) {
            uint32_t npde = pde | 0x20 | (write ? 0x40 : 0);
            if (npde != pde)
                phys_wr32(c, pde_a, npde);
            phys = (pde & 0xffc00000u) | (lin & 0x3fffff);
        } else {
            if (!(pde & 0x20))
                phys_wr32(c, pde_a, pde | 0x20);
            uint32_t npte = pte | 0x20 | (write ? 0x40 : 0);
            if (npte != pte)
                phys_wr32(c, pte_a, npte);
            phys = (pte & ~0xfffu) | (lin & 0xfff);
        }
    }
    phys &= (uint32_t)c->s.a20_mask;
    uint8_t *host = write ? bus_write_ptr(c->bus, phys) : bus_read_ptr(c->bus, phys);
    if (host && !(write && (c->code_bitmap[phys >> 15] & (1u << ((phys >> 12) & 7)))) &&
        !((c->nwp | c->dr_nwp) && watch_on_page(c, lin))) {
        TlbEnt *e = &c->tlb[(user ? 2 : 0) + (write ? 1 : 0)][(lin >> 12) & (TLB_SIZE - 1)];
        e->tag = lin & ~0xfffu;
        e->ppage = phys & ~0xfffu;
        e->addend = (uintptr_t)(host - (phys & 0xfff)) - (lin & ~0xfffu);
    }
    return phys;
}

bool cpu_debug_translate(Cpu *c, uint32_t lin, uint32_t *phys)
{
    uint32_t pa = lin;
    if (c->paging) {
        uint32_t pde = phys_rd32(c, (c->s.cr[3] & ~0xfffu) | ((lin >> 20) & 0xffc));
        if (!(pde & 1))
            return false;
        if ((pde & 0x80) && (c->s.cr[4] & CR4_PSE)) {
            pa = (pde & 0xffc00000u) | (lin & 0x3fffff);
        } else {
            uint32_t pte = phys_rd32(c, (pde & ~0xfffu) | ((lin >> 10) & 0xffc));
            if (!(pte & 1))
                return false;
            pa = (pte & ~0xfffu) | (lin & 0xfff);
        }
    }
    *phys = pa & (uint32_t)c->s.a20_mask;
    return true;
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
        uint32_t pa = mmu_translate(c, lin, ACC_READ, user);
        uint32_t v = bus_mem_read(c->bus, pa, size);
        cpu_bus_touched(c);
        return v;
    }
    uint32_t p1 = mmu_translate(c, lin, ACC_READ, user);
    uint32_t p2 = mmu_translate(c, lin + first, ACC_READ, user);
    uint32_t v = 0;
    for (unsigned k = 0; k < size; k++) {
        uint32_t pa = k < first ? p1 + k : p2 + (k - first);
        v |= (bus_mem_read(c->bus, pa & (uint32_t)c->s.a20_mask, 1) & 0xff) << (8 * k);
    }
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
        uint32_t pa = mmu_translate(c, lin, ACC_WRITE, user);
        bus_mem_write(c->bus, pa, val, size);
        code_invalidate_page(c, pa >> 12);
        cpu_bus_touched(c);
        return;
    }
    uint32_t p1 = mmu_translate(c, lin, ACC_WRITE, user);
    uint32_t p2 = mmu_translate(c, lin + first, ACC_WRITE, user);
    for (unsigned k = 0; k < size; k++) {
        uint32_t pa = (k < first ? p1 + k : p2 + (k - first)) & (uint32_t)c->s.a20_mask;
        bus_mem_write(c->bus, pa, (val >> (8 * k)) & 0xff, 1);
    }
    code_invalidate_page(c, p1 >> 12);
    code_invalidate_page(c, p2 >> 12);
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
