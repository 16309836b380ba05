/* kvmvapic.c: QEMU 7.2's kvmvapic device (hw/i386/kvmvapic.c), the TPR optimisation QEMU
 * creates beside each TCG local APIC, with its option ROM (pc-bios/optionrom/kvmvapic.S,
 * Debian's /usr/share/qemu/kvmvapic.bin). The machine hands the ROM to SeaBIOS as fw_cfg
 * file genroms/kvmvapic.bin; SeaBIOS copies it into 0xC0000-0xEFFFF and calls it.
 *
 * Port 0x7E (and 0x7F; reads give all ones), by access size:
 *   2  the ROM's init: the value is the offset of its table (GuestROMState, "kvm aPiC")
 *      in the 512-byte ROM block that holds CS:EIP; then vapic_prepare.
 *   1  the ROM after a guest resume from hibernation: find the ROM's mapping and the
 *      APIC's virtual address, then vapic_enable.
 *   4  the patched code polls for interrupts: apic_poll_irq.
 *
 *   INACTIVE --port 0x7E, 16-bit (vapic_io_write)--> STANDBY
 *   STANDBY --TPR access by a patchable instruction, or an 8-bit write, in a kernel
 *             whose KPCR checks out (vapic_report_tpr_access, vapic_enable)--> ACTIVE
 *   any --reset (vapic_reset)--> INACTIVE
 *
 * vapic_prepare (the handshake, and a load of a STANDBY or ACTIVE state) maps the ROM's
 * pages as pc.ram above whatever PAM says (QEMU's "kvmvapic-rom" alias, which stays until
 * the next handshake, resets included), rewrites the ROM's vmcall hypercalls into 32-bit
 * writes to port 0x7E (QEMU's TCG choice) and turns on TPR-access reporting in the APIC.
 *
 * A reported TPR access (QEMU's vapic_report_tpr_access on TCG): the instruction at EIP,
 * in 0x80000000-0x8FFFFFFF or 0xE0000000-0xEFFFFFFF with ESP nonzero, must be one of
 * A1/A3 (MOV EAX from/to moffs32), 89/8B with a disp32 ModRM, FF /6 (PUSH m32) or C7 /0
 * (MOV m32, imm32) addressing an offset 0x80 in a page (the TPR); then the ROM's table
 * is found at the same offset in the kernel's 256 MiB range as its physical address, the
 * ROM's code relocated to that virtual address, the KPCR at FS base checked (its self
 * pointer at +0x1C equals FS base; the CPU number is at +0x51), CPU 0's VAPICState enabled
 * and the instruction replaced by a CALL to the ROM's handler (uniprocessor set).
 *
 * Memory is touched through the physical bus and, for guest-virtual bytes, the CPU's
 * page tables without faults (QEMU's cpu_memory_rw_debug): a byte that is not mapped
 * reads as nothing and the step that needed it gives up, as QEMU.
 * XXX: QEMU's alias may lie anywhere in pc.ram; pcemu's window only changes
 * 0xC0000-0xFFFFF (elsewhere pc.ram is writable already) and the ROM must lie in pc.ram.
 * XXX: the relocation loop stops after rom_size / 4 entries; QEMU walks whatever range
 * the guest's table gives. */
#include "emu/dev/kvmvapic.h"

#include <stdlib.h>
#include <string.h>

#define VAPIC_CPU_SHIFT 7
#define ROM_BLOCK_SIZE 512u
#define VAPIC_PAGE 4096u
#define VAPIC_ENABLED_OFF 4     /* QEMU's VAPICState: tpr, isr, zero, irr, enabled */
#define APIC_DEFAULT_ADDRESS 0xfee00000u
#define KPCR_SELF 0x1c
#define KPCR_NUMBER 0x51

static int vapic_post_load(void *opaque, int version, Err *err);

static const VmsDesc vapic_handlers_vms = {
    .name = "kvmvapic-handlers", .version = 1, .min_version = 1,
    .fields = (const VmsField[]){
        VMS_UINT32(VapicHandlers, set_tpr),
        VMS_UINT32(VapicHandlers, set_tpr_eax),
        VMS_UINT32_ARRAY(VapicHandlers, get_tpr, 8),
        VMS_UINT32(VapicHandlers, get_tpr_stack),
        VMS_END,
    },
};
static const VmsDesc vapic_rom_vms = {   /* QEMU's GuestROMState fields, inline */
    .name = "kvmvapic-guest-rom", .version = 1, .min_version = 1,
    .fields = (const VmsField[]){
        VMS_UNUSED(8),                  /* the signature: QEMU sends zeros */
        VMS_UINT32(VapicRom, vaddr),
        VMS_UINT32(VapicRom, fixup_start),
        VMS_UINT32(VapicRom, fixup_end),
        VMS_UINT32(VapicRom, vapic_vaddr),
        VMS_UINT32(VapicRom, vapic_size),
        VMS_UINT32(VapicRom, vcpu_shift),
        VMS_UINT32(VapicRom, real_tpr_addr),
        VMS_STRUCT(VapicRom, up, VapicHandlers, &vapic_handlers_vms),
        VMS_STRUCT(VapicRom, mp, VapicHandlers, &vapic_handlers_vms),
        VMS_END,
    },
};
const VmsDesc vapic_vms = {   /* QEMU vmstate_vapic */
    .name = "kvm-tpr-opt", .version = 1, .min_version = 1, .post_load = vapic_post_load,
    .fields = (const VmsField[]){
        VMS_STRUCT(VapicState, rom_state, VapicRom, &vapic_rom_vms),
        VMS_UINT32(VapicState, state),
        VMS_UINT32(VapicState, real_tpr_addr),
        VMS_UINT32(VapicState, rom_state_vaddr),
        VMS_UINT32(VapicState, vapic_paddr),
        VMS_UINT32(VapicState, rom_state_paddr),
        VMS_END,
    },
};

/* QEMU's tpr_instr[], shortest first: opcode, ModRM reg (when matched), whether the ModRM
 * must be disp32-only, the access, length, offset of the address. */
typedef struct VapicInsn {
    uint8_t opcode, modrm_reg;
    bool abs_modrm, match_reg, write;
    uint8_t len, addr_off;
} VapicInsn;
static const VapicInsn vapic_insns[] = {
    { 0xa1, 0, false, false, false, 5, 1 },   /* MOV EAX, [moffs32] */
    { 0xa3, 0, false, false, true, 5, 1 },    /* MOV [moffs32], EAX */
    { 0x89, 0, true, false, true, 6, 2 },     /* MOV [disp32], r32 */
    { 0x8b, 0, true, false, false, 6, 2 },    /* MOV r32, [disp32] */
    { 0xff, 6, true, true, false, 6, 2 },     /* PUSH [disp32] */
    { 0xc7, 0, true, true, true, 10, 2 },     /* MOV [disp32], imm32 */
};

/* ---- reset ---- */

void vapic_reset(VapicState *s)
{
    s->state = VAPIC_INACTIVE;
    s->rom_state_paddr = 0;
    s->run_pending = false;
    if (s->host.tpr_reporting)
        s->host.tpr_reporting(s->host.opaque, false);
}

/* ---- guest memory ---- */

static void phys_rw(VapicState *s, uint32_t paddr, void *buf, uint32_t len, bool write)
{
    bus_mem_rw(s->mem, paddr, buf, len, write);
}

/* QEMU's cpu_memory_rw_debug: linear bytes through the page tables; false (and nothing
 * more done) at the first page that is not mapped. */
static bool virt_rw(VapicState *s, uint32_t lin, void *buf, uint32_t len, bool write)
{
    uint8_t *p = buf;
    while (len) {
        uint32_t phys, n = VAPIC_PAGE - (lin & (VAPIC_PAGE - 1));
        if (n > len)
            n = len;
        if (!s->host.translate(s->host.opaque, lin, &phys))
            return false;
        phys_rw(s, phys, p, n, write);
        lin += n;
        p += n;
        len -= n;
    }
    return true;
}

static void handlers_get(VapicHandlers *h, const uint8_t *b)
{
    h->set_tpr = le32(b);
    h->set_tpr_eax = le32(b + 4);
    for (int i = 0; i < 8; i++)
        h->get_tpr[i] = le32(b + 8 + 4 * i);
    h->get_tpr_stack = le32(b + 40);
}

static void handlers_put(uint8_t *b, const VapicHandlers *h)
{
    put_le32(b, h->set_tpr);
    put_le32(b + 4, h->set_tpr_eax);
    for (int i = 0; i < 8; i++)
        put_le32(b + 8 + 4 * i, h->get_tpr[i]);
    put_le32(b + 40, h->get_tpr_stack);
}

/* QEMU's read_guest_rom_state: the ROM's table into rom_state. */
static void rom_state_read(VapicState *s)
{
    uint8_t b[VAPIC_ROM_STATE_LEN];
    VapicRom *r = &s->rom_state;
    phys_rw(s, s->rom_state_paddr, b, sizeof b, false);
    memcpy(r->signature, b, 8);
    uint32_t *w[] = { &r->vaddr, &r->fixup_start, &r->fixup_end, &r->vapic_vaddr,
                      &r->vapic_size, &r->vcpu_shift, &r->real_tpr_addr };
    for (int i = 0; i < 7; i++)
        *w[i] = le32(b + 8 + 4 * i);
    handlers_get(&r->up, b + 36);
    handlers_get(&r->mp, b + 80);
}

/* QEMU's update_guest_rom_state: the table with QEMU's real_tpr_addr and vcpu_shift. */
static void rom_state_update(VapicState *s)
{
    rom_state_read(s);
    s->rom_state.real_tpr_addr = s->real_tpr_addr;
    s->rom_state.vcpu_shift = VAPIC_CPU_SHIFT;
    uint8_t b[VAPIC_ROM_STATE_LEN];
    const VapicRom *r = &s->rom_state;
    memcpy(b, r->signature, 8);
    const uint32_t w[] = { r->vaddr, r->fixup_start, r->fixup_end, r->vapic_vaddr,
                           r->vapic_size, r->vcpu_shift, r->real_tpr_addr };
    for (int i = 0; i < 7; i++)
        put_le32(b + 8 + 4 * i, w[i]);
    handlers_put(b + 36, &r->up);
    handlers_put(b + 80, &r->mp);
    phys_rw(s, s->rom_state_paddr, b, sizeof b, true);
}

/* ---- handshake ---- */

/* QEMU's vapic_map_rom_writable: the ROM's size from its header byte in pc.ram, and its
 * pages as RAM. -1 when the ROM cannot be there. */
static int vapic_map_rom(VapicState *s)
{
    uint32_t rom_paddr = s->rom_state_paddr & ~(ROM_BLOCK_SIZE - 1);
    s->host.map_ram(s->host.opaque, 0, 0);
    if ((uint64_t)rom_paddr + 2 >= s->ram_size)
        return -1;
    uint32_t page = rom_paddr & ~(VAPIC_PAGE - 1);
    uint8_t blocks;
    s->host.map_ram(s->host.opaque, page, VAPIC_PAGE);   /* the header byte, from pc.ram */
    phys_rw(s, rom_paddr + 2, &blocks, 1, false);
    uint32_t size = blocks * ROM_BLOCK_SIZE;
    uint64_t end = ((uint64_t)rom_paddr + size + VAPIC_PAGE - 1) & ~(uint64_t)(VAPIC_PAGE - 1);
    if (size == 0 || end > s->ram_size) {
        s->host.map_ram(s->host.opaque, 0, 0);
        return -1;
    }
    s->rom_size = size;
    s->host.map_ram(s->host.opaque, page, (uint32_t)(end - page));
    return 0;
}

/* QEMU's patch_hypercalls for TCG: "mov eax, 1; vmcall" (or AMD's vmmcall) becomes
 * "mov eax, 1; nop; out 0x7E, eax". */
static void vapic_patch_hypercalls(VapicState *s)
{
    static const uint8_t vmcall[7] = { 0xb8, 0x01, 0, 0, 0, 0x0f, 0x01 };
    static const uint8_t outl[3] = { 0x90, 0xe7, 0x7e };
    uint32_t rom_paddr = s->rom_state_paddr & ~(ROM_BLOCK_SIZE - 1);
    uint8_t *rom = xzalloc(s->rom_size);
    phys_rw(s, rom_paddr, rom, s->rom_size, false);
    for (uint32_t pos = 0; pos + 8 < s->rom_size; pos++)
        if (!memcmp(rom + pos, vmcall, sizeof vmcall) && (rom[pos + 7] == 0xc1 || rom[pos + 7] == 0xd9))
            phys_rw(s, rom_paddr + pos + 5, (void *)outl, sizeof outl, true);
    free(rom);
}

static int vapic_prepare(VapicState *s)
{
    if (vapic_map_rom(s) < 0)
        return -1;
    vapic_patch_hypercalls(s);
    s->host.tpr_reporting(s->host.opaque, true);
    return 0;
}

/* QEMU's update_rom_mapping: where the kernel sees the ROM (same offset in ip's 256 MiB
 * range), relocating the ROM's code there once. */
static int vapic_update_rom_mapping(VapicState *s, uint32_t ip)
{
    if (s->state == VAPIC_ACTIVE)
        return 0;
    if (s->state == VAPIC_INACTIVE)
        return -1;
    uint32_t vaddr = s->rom_state_paddr + (ip & 0xf0000000u), paddr;
    if (!s->host.translate(s->host.opaque, vaddr, &paddr) || paddr != s->rom_state_paddr)
        return -1;
    rom_state_read(s);
    if (memcmp(s->rom_state.signature, "kvm aPiC", 8))
        return -1;
    s->rom_state_vaddr = vaddr;
    if (vaddr == s->rom_state.vaddr)
        return 0;
    uint32_t delta = vaddr - s->rom_state.vaddr, n = s->rom_size / 4;
    for (uint32_t pos = s->rom_state.fixup_start; pos < s->rom_state.fixup_end && n; pos += 4, n--) {
        uint8_t b[4];
        phys_rw(s, paddr + pos - s->rom_state.vaddr, b, 4, false);
        uint32_t at = paddr + le32(b);
        phys_rw(s, at, b, 4, false);
        put_le32(b, le32(b) + delta);
        phys_rw(s, at, b, 4, true);
        if (pos > UINT32_MAX - 4)
            break;
    }
    rom_state_read(s);
    s->vapic_paddr = paddr + s->rom_state.vapic_vaddr - s->rom_state.vaddr;
    return 0;
}

/* QEMU's get_kpcr_number: the processor number of a 32-bit Windows XP/2003 KPCR at FS
 * base, -1 when it is not there. */
static int vapic_kpcr_number(VapicState *s, uint32_t fs_base)
{
    uint8_t k[KPCR_NUMBER + 1];
    if (!virt_rw(s, fs_base, k, sizeof k, false) || le32(k + KPCR_SELF) != fs_base)
        return -1;
    return k[KPCR_NUMBER];
}

static int vapic_enable(VapicState *s)
{
    uint32_t eip, cs_base, esp, fs_base;
    s->host.regs(s->host.opaque, &eip, &cs_base, &esp, &fs_base);
    int cpu = vapic_kpcr_number(s, fs_base);
    if (cpu < 0)
        return -1;
    uint32_t paddr = s->vapic_paddr + ((uint32_t)cpu << VAPIC_CPU_SHIFT);
    uint8_t one = 1;
    phys_rw(s, paddr + VAPIC_ENABLED_OFF, &one, 1, true);
    s->host.enable_vapic(s->host.opaque, paddr);
    s->state = VAPIC_ACTIVE;
    return 0;
}

/* QEMU's find_real_tpr_addr: the highest kernel page that maps the APIC. */
static int vapic_find_tpr_addr(VapicState *s)
{
    if (s->state == VAPIC_ACTIVE)
        return 0;
    for (uint32_t a = 0xfffff000u; a >= 0x80000000u; a -= VAPIC_PAGE) {
        uint32_t paddr;
        if (s->host.translate(s->host.opaque, a, &paddr) && paddr == APIC_DEFAULT_ADDRESS) {
            s->real_tpr_addr = a + 0x80;
            rom_state_update(s);
            return 0;
        }
    }
    return -1;
}

static uint32_t vapic_io_read(void *opaque, uint32_t off, unsigned size) { return 0xffffffffu; }

static void vapic_io_write(void *opaque, uint32_t off, uint32_t val, unsigned size)
{
    VapicState *s = opaque;
    uint32_t eip, cs_base, esp, fs_base;
    s->host.regs(s->host.opaque, &eip, &cs_base, &esp, &fs_base);
    switch (size) {
    case 2:
        if (s->state == VAPIC_INACTIVE) {
            s->rom_state_paddr = ((cs_base + eip) & ~(ROM_BLOCK_SIZE - 1)) + (val & 0xffff);
            s->state = VAPIC_STANDBY;
        }
        if (vapic_prepare(s) < 0) {
            trace(TRACE_DEV, "kvmvapic: no ROM at %#x", s->rom_state_paddr);
            s->state = VAPIC_INACTIVE;
            s->rom_state_paddr = 0;
        }
        break;
    case 1:   /* XXX: KVM also NOPs the triggering OUT; QEMU's TCG does not */
        if (s->state != VAPIC_ACTIVE && vapic_update_rom_mapping(s, eip) == 0 &&
            vapic_find_tpr_addr(s) == 0)
            vapic_enable(s);
        break;
    default:
        s->host.poll_irq(s->host.opaque);
        break;
    }
}

/* ---- TPR accesses ---- */

static bool insn_matches(const uint8_t *op, const VapicInsn *in)
{
    return op[0] == in->opcode && (!in->abs_modrm || (op[1] & 0xc7) == 0x05) &&
           (!in->match_reg || ((op[1] >> 3) & 7) == in->modrm_reg);
}

/* QEMU's evaluate_tpr_instruction for TCG (EIP is the accessing instruction). */
static const VapicInsn *vapic_evaluate(VapicState *s, uint32_t ip, uint32_t esp)
{
    if ((ip & 0xf0000000u) != 0x80000000u && (ip & 0xf0000000u) != 0xe0000000u)
        return NULL;
    if (esp == 0)   /* early Windows 2003 SMP code: the patched form would fault */
        return NULL;
    uint8_t op[2], a[4];
    if (!virt_rw(s, ip, op, sizeof op, false))
        return NULL;
    const VapicInsn *in = NULL;
    for (size_t i = 0; i < sizeof vapic_insns / sizeof vapic_insns[0] && !in; i++)
        if (insn_matches(op, &vapic_insns[i]))
            in = &vapic_insns[i];
    if (!in || !virt_rw(s, ip + in->addr_off, a, sizeof a, false) || (le32(a) & 0xfff) != 0x80)
        return NULL;
    s->real_tpr_addr = le32(a);
    rom_state_update(s);
    return in;
}

static void patch_call(VapicState *s, uint32_t ip, uint32_t target)
{
    uint8_t call[5] = { 0xe8 };
    put_le32(call + 1, target - ip - 5);
    virt_rw(s, ip, call, 1, true);
    virt_rw(s, ip + 1, call + 1, 4, true);
}

/* QEMU's do_patch_instruction with the uniprocessor handlers (one CPU). */
static void vapic_patch(VapicState *s, uint32_t ip)
{
    const VapicHandlers *h = &s->rom_state.up;
    uint8_t op[2], b;
    uint8_t imm[4] = { 0 };
    virt_rw(s, ip, op, sizeof op, false);
    switch (op[0]) {
    case 0x89:   /* PUSH r32; CALL set_tpr */
        b = 0x50 + ((op[1] >> 3) & 7);
        virt_rw(s, ip, &b, 1, true);
        patch_call(s, ip + 1, h->set_tpr);
        break;
    case 0x8b:   /* NOP; CALL get_tpr[reg] */
        b = 0x90;
        virt_rw(s, ip, &b, 1, true);
        patch_call(s, ip + 1, h->get_tpr[(op[1] >> 3) & 7]);
        break;
    case 0xa1: patch_call(s, ip, h->get_tpr[0]); break;
    case 0xa3: patch_call(s, ip, h->set_tpr_eax); break;
    case 0xc7:   /* PUSH imm32; CALL set_tpr */
        b = 0x68;
        virt_rw(s, ip, &b, 1, true);
        virt_rw(s, ip + 6, imm, 4, false);
        virt_rw(s, ip + 1, imm, 4, true);
        patch_call(s, ip + 5, h->set_tpr);
        break;
    case 0xff:   /* PUSH EAX; CALL get_tpr_stack */
        b = 0x50;
        virt_rw(s, ip, &b, 1, true);
        patch_call(s, ip + 1, h->get_tpr_stack);
        break;
    default:     /* the bytes changed under us (QEMU aborts; nothing to patch) */
        trace(TRACE_DEV, "kvmvapic: %#x no longer holds a TPR access", ip);
        break;
    }
}

void vapic_report_tpr_access(VapicState *s, bool write)
{
    uint32_t eip, cs_base, esp, fs_base;
    s->host.regs(s->host.opaque, &eip, &cs_base, &esp, &fs_base);
    if (!vapic_evaluate(s, eip, esp)) {
        if (s->state == VAPIC_ACTIVE)
            vapic_enable(s);
        return;
    }
    if (vapic_update_rom_mapping(s, eip) < 0 || vapic_enable(s) < 0)
        return;
    vapic_patch(s, eip);
}

/* ---- after a load ---- */

static int vapic_post_load(void *opaque, int version, Err *err)
{
    VapicState *s = opaque;
    if (s->state > VAPIC_STANDBY)
        return ERR(err, -EINVAL, "state %u is not 0..2", s->state);
    if (s->state == VAPIC_INACTIVE && s->rom_state_paddr != 0)
        s->state = VAPIC_STANDBY;   /* old qemu-kvm streams had no STANDBY */
    uint32_t rom_paddr = s->rom_state_paddr & ~(ROM_BLOCK_SIZE - 1);
    if (s->state != VAPIC_INACTIVE && (uint64_t)rom_paddr + 2 >= s->ram_size)
        return ERR(err, -EINVAL, "ROM table at %#x is outside the %" PRIu64
                   " MiB of RAM", s->rom_state_paddr, s->ram_size >> 20);
    return 0;   /* the ROM window and its hypercalls: vapic_sync, with the RAM in place */
}

int vapic_sync(VapicState *s, Err *err)
{
    s->run_pending = false;
    if (s->state == VAPIC_INACTIVE) {
        s->host.tpr_reporting(s->host.opaque, false);
        return 0;
    }
    if (vapic_prepare(s) < 0)
        return ERR(err, -EINVAL, "kvm-tpr-opt: no option ROM at %#x (its size byte is 0 "
                   "or it runs past the end of RAM)", s->rom_state_paddr & ~(ROM_BLOCK_SIZE - 1));
    s->run_pending = s->state == VAPIC_ACTIVE;
    return 0;
}

void vapic_run(VapicState *s)
{
    if (!s->run_pending)
        return;
    s->run_pending = false;
    uint8_t one = 1;
    phys_rw(s, s->vapic_paddr + VAPIC_ENABLED_OFF, &one, 1, true);
    s->host.enable_vapic(s->host.opaque, s->vapic_paddr);
}

/* ---- init ---- */

VapicState *vapic_init(Bus *io, Bus *mem, uint64_t ram_size, const VapicHost *host)
{
    VapicState *s = xzalloc(sizeof *s);
    s->mem = mem;
    s->ram_size = ram_size;
    s->host = *host;
    bus_map_io_named(io, "kvmvapic", VAPIC_IO_PORT, 2, s, vapic_io_read, vapic_io_write,
                     IO_SIZE_ALL);
    vapic_reset(s);
    return s;   /* machine: section "kvm-tpr-opt" before "apic", instance 0 */
}

void vapic_free(VapicState *s) { free(s); }
