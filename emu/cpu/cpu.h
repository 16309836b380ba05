/* cpu.h: the i686-class x86 interpreter, as the machine sees it.
 *
 * One Cpu per machine. It reaches memory and ports only through the Bus it was created
 * with, counts retired instructions into the Clock (clock->icount is exact whenever a
 * device handler runs, because devices read virtual time during IN/OUT and MMIO), and
 * gets interrupt vectors through an acknowledge callback the machine installs.
 *
 * The architectural state is the plain struct CpuState below, in QEMU 7.2's i386 'env'
 * terms, so that cpu_vms / cpu_common_vms (QEMU's 'cpu' v12 and 'cpu_common' v1 sections)
 * describe it field by field. Outside cpu_run() the state is canonical: EFLAGS holds every
 * flag, hflags/hflags2 hold what QEMU would hold.
 *
 * CPUID: the model cpu_set_model() gives (cpu_model.h; the machine's default is qemu32), and
 * before that, from cpu_new(), QEMU 7.2's `-cpu pentium2,-mmx,-apic,-pae,-mce,-mca,-vme,-de,
 * -fxsr,-pse36,-hypervisor` (cpu_model_reduced; cpu_set_apic() turns the APIC bit back on
 * when the machine has a local APIC). The x87
 * (ops_x87*.c) computes through fx80.h, in integers only. */
#ifndef PCEMU_CPU_CPU_H
#define PCEMU_CPU_CPU_H

#include "emu/base/base.h"
#include "emu/hw/bus.h"
#include "emu/hw/clock.h"
#include "emu/cpu/cpu_model.h"
#include "snapshot/format/vmstate.h"

typedef struct Cpu Cpu;

/* Register numbers in encoding order (QEMU's R_*). */
enum { R_EAX, R_ECX, R_EDX, R_EBX, R_ESP, R_EBP, R_ESI, R_EDI };
/* Segment register numbers in encoding order (QEMU's R_ES..R_GS). */
enum { R_ES, R_CS, R_SS, R_DS, R_FS, R_GS };

/* A segment register or descriptor-table register as QEMU keeps it (section 3.3 of
 * qemu-pc-devices-7.2.md): limit already expanded to bytes, flags = the descriptor's
 * high dword (type in bits 8-11, S 12, DPL 13-14, P 15, D/B 22, G 23). */
typedef struct CpuSeg {
    uint32_t selector;  /* low 16 bits used */
    uint32_t base;      /* linear base */
    uint32_t limit;     /* byte-granular effective limit */
    uint32_t flags;     /* descriptor high dword */
} CpuSeg;

typedef struct CpuFpReg { uint64_t mant; uint16_t exp; } CpuFpReg;  /* 80-bit: sign and exponent in exp */
typedef struct CpuXmm { uint64_t lo, hi; } CpuXmm;                   /* unused, saved as 0 */
typedef struct CpuMtrrVar { uint64_t base, mask; } CpuMtrrVar;

/* Architectural state: every field QEMU's 'cpu' v12 section has for qemu-system-i386,
 * zero where pcemu has no such state. Readable by the machine and the monitor. */
typedef struct CpuState {
    union {
        uint32_t regs[9];      /* EAX..EDI; regs[8] is always 0, the register of an absent
                                  base or index (EA_NONE, emu/cpu/cpu_int.h), so that an
                                  effective address adds both without a test */
        uint32_t gprs[8];      /* EAX..EDI alone, as the savevm stream has them */
    };
    uint32_t eip;              /* offset in CS */
    uint32_t eflags;           /* canonical outside cpu_run (bit 1 set) */
    uint32_t hflags;           /* QEMU hidden flags, recomputed by cpu_hflags() */
    uint16_t fpuc;             /* x87 control word */
    uint16_t fpus;             /* x87 status word, TOP in bits 11-13 (QEMU's fpus_vmstate) */
    uint16_t fptag;            /* bit p: physical register p in use (QEMU's fptag_vmstate) */
    uint16_t fpregs_format;    /* 0: fpregs are 80-bit */
    CpuFpReg fpregs[8];        /* by physical register: ST(i) = fpregs[(TOP + i) & 7] */
    CpuSeg segs[6];            /* ES CS SS DS FS GS */
    CpuSeg ldt, tr, gdt, idt;  /* gdt/idt: base and limit only */
    uint32_t sysenter_cs, sysenter_esp, sysenter_eip;
    uint32_t cr[5];            /* CR0, (CR1 unused), CR2, CR3, CR4 */
    uint32_t dr[8];            /* DR0..DR7 (the breakpoints: exec.c); DR4/DR5 unused */
    int32_t a20_mask;          /* -1 (A20 on) or 0xFFEFFFFF */
    uint32_t mxcsr;            /* 0x1F80, no SSE */
    CpuXmm xmm[8], ymmh[8];    /* zero */
    uint32_t smbase;           /* 0x30000 at reset */
    uint64_t pat;              /* IA32_PAT storage */
    uint32_t hflags2;          /* GIF|VGIF (0x101), + NMI blocked 0x4 */
    uint64_t vm_hsave, vm_vmcb, tsc_offset, intercept;       /* SVM: 0 */
    uint16_t intercept_cr_read, intercept_cr_write, intercept_dr_read, intercept_dr_write;
    uint32_t intercept_exceptions;
    uint8_t v_tpr;
    uint64_t mtrr_fixed[11];   /* MTRRs: storage only */
    uint64_t mtrr_deftype;
    CpuMtrrVar mtrr_var[8];
    int32_t interrupt_injected;  /* -1 */
    uint32_t mp_state;
    uint64_t tsc;                /* KVM only: 0 */
    int32_t exception_nr;        /* -1 */
    uint8_t soft_interrupt, nmi_injected, nmi_pending, has_error_code;
    uint32_t sipi_vector;
    uint64_t mcg_cap, mcg_status, mcg_ctl, mce_banks[40];
    uint64_t tsc_aux, system_time_msr, wall_clock_msr;
    uint64_t xcr0, xstate_bv;    /* xcr0 = 1 */
    /* subsection state */
    uint64_t poll_control_msr;   /* always 0 (QEMU TCG sends it as 0) */
    uint16_t fpop;  uint64_t fpip, fpdp;   /* x87 FOP (11 bits), FIP and FDP offsets */
    uint64_t msr_ia32_misc_enable;  /* 1 */
    uint64_t msr_smi_count;
    uint64_t efer;
    /* MSRs QEMU's TCG stores but its i386 'cpu' section does not carry (a load resets
     * them to 0): STAR, PKRS (below 2^32), BNDCFGS */
    uint64_t star, pkrs, bndcfgs;
    /* 'cpu_common' */
    uint32_t halted;             /* 1 while in HLT */
    uint32_t interrupt_request;  /* QEMU CPU_INTERRUPT_* bits, derived in pre_save */
} CpuState;

/* cpu_run() results. */
enum {
    CPU_EXIT_BUDGET = 0,   /* max_insns retired */
    CPU_EXIT_HALT,         /* HLT (or still halted): waiting for an interrupt */
    CPU_EXIT_SHUTDOWN,     /* triple fault: the machine must reset */
    CPU_EXIT_REQUEST,      /* cpu_request_exit() was called */
    CPU_EXIT_BREAK,        /* the next instruction starts at a debugger breakpoint */
    CPU_EXIT_WATCH,        /* the last instruction touched a debugger watchpoint */
};

/* Creates a CPU in its reset state. The bus and clock are borrowed, not owned. */
Cpu *cpu_new(Bus *bus, Clock *clock);
void cpu_free(Cpu *c);
/* Power-on / RESET# state (P6): CS F000 base FFFF0000, EIP FFF0, CR0 60000010, EDX = CPUID.1 EAX. */
void cpu_reset(Cpu *c);
/* INIT (the local APIC's INIT message): a reset that keeps the x87/SSE state, SYSENTER,
 * PAT, SMBASE and the other MSRs QEMU's do_cpu_init keeps; the BSP starts again at the
 * reset vector. */
void cpu_init_reset(Cpu *c);
/* Runs until max_insns instructions retired, HLT, a triple fault or an exit request.
 * Interrupts are sampled between instructions. Returns CPU_EXIT_*. */
int cpu_run(Cpu *c, uint64_t max_insns);
/* From a device handler inside cpu_run: return after the current instruction. */
void cpu_request_exit(Cpu *c);
/* The INTR input (level). When it is high and EFLAGS.IF allows, the CPU calls ack() to
 * fetch the vector (the 8259 INTA cycle); ack returns 0..255, or -1 for nothing (spurious:
 * no interrupt is taken). */
void cpu_set_intr(Cpu *c, bool level);
void cpu_set_intr_ack(Cpu *c, int (*ack)(void *opaque), void *opaque);
/* NMI edge: latched, delivered at the next instruction boundary unless an NMI handler runs. */
void cpu_nmi(Cpu *c);
/* A20 gate (port 0x92 / i8042): bit 20 of every physical address forced to 0 when off. */
void cpu_set_a20(Cpu *c, bool enabled);
/* Bus write hook target: RAM at [paddr, paddr+len) changed (DMA, loaders). */
void cpu_code_written(Cpu *c, uint32_t paddr, uint32_t len);
/* Drops the TLB and every decoded instruction (after a load or a memory map change). */
void cpu_flush_all(Cpu *c);
/* SMI: latched, taken at the next instruction boundary unless the CPU is in SMM. The
 * CPU enters System Management Mode as QEMU 7.2 does (IA-32 state-save map, revision
 * 0x20000 with SMBASE relocation, at SMBASE + 0xFE00..0xFFFF) and leaves it by RSM. The
 * notify callback runs on entry (smm = true) before the state is saved and on RSM (false)
 * after it is restored, so the machine can open and close SMRAM for the CPU's accesses. */
void cpu_smi(Cpu *c);
void cpu_set_smm_notify(Cpu *c, void (*notify)(void *opaque, bool smm), void *opaque);
bool cpu_in_smm(const Cpu *c);
/* The CPU model: CPUID's leaves and which instruction sets (MMX) exist. Before cpu_reset
 * (the reset EDX is the model's signature). */
void cpu_set_model(Cpu *c, const CpuModel *m);
/* CPUID.1:EDX.APIC (bit 9) and EBX APIC id: set when the machine has a local APIC. */
void cpu_set_apic(Cpu *c, bool present);
/* MSR_APICBASE (0x1B) of the machine's local APIC: RDMSR returns get(), WRMSR calls set()
 * with the 64-bit value, unchecked (QEMU's TCG raises no #GP for it). Without them the MSR
 * reads the BSP bit only and drops writes, as QEMU without an APIC. */
void cpu_set_apicbase_msr(Cpu *c, uint64_t (*get)(void *opaque), void (*set)(void *opaque, uint64_t v),
                          void *opaque);
/* The x87 FPU (CPUID.1:EDX.FPU): present by default on QEMU's pentium2; without it
 * (-cpu pentium2,-fpu) x87 opcodes raise #NM under CR0.EM or CR0.TS and otherwise do
 * nothing, as a CPU with an empty coprocessor socket. */
void cpu_set_fpu(Cpu *c, bool present);
/* Turns the model's sse, sse2 and pni (SSE3) features on (with fxsr) or off: the SSE
 * instructions and the CR4 bits that enable them. The -cpu models pentium3 (sse) and
 * qemu32 (all three) offer them; the unit tests and fuzz targets give them to a CPU
 * built without a model line. */
void cpu_set_sse(Cpu *c, bool present);
/* FERR#: raised when a waiting x87 instruction finds an unmasked exception pending while
 * CR0.NE = 0 and IGNNE# is off (the PC wires it to IRQ 13); the instruction then waits,
 * retried until the exception is cleared or IGNNE# comes. cpu_ignne asserts IGNNE# (the
 * PC's port 0xF0 write) and drops FERR#; FNINIT and FNCLEX release IGNNE#. */
void cpu_set_ferr(Cpu *c, void (*ferr)(void *opaque, bool level), void *opaque);
void cpu_ignne(Cpu *c);

/* ---- debugger (the gdb stub, emu/remote/gdbstub.h) ---- */
/* Breakpoints on linear addresses (CS base + EIP): cpu_run returns CPU_EXIT_BREAK before it
 * executes an instruction that starts at one, also as the first instruction of a run. The
 * guest sees nothing of them (no #DB, no memory change, the same instructions and timing). */
#define CPU_MAX_BREAKPOINTS 64
void cpu_set_breakpoints(Cpu *c, const uint32_t *lin, int n);   /* replaces the list; n <= max */
/* Watchpoints on linear ranges: an instruction whose data access touches one (a write for
 * CPU_WATCH_WRITE, a read for CPU_WATCH_READ) completes, a REP string instruction its
 * current iteration, and then cpu_run returns CPU_EXIT_WATCH; cpu_watch_hit tells which.
 * Instruction fetches and device DMA do not count. Accesses to a watched page take the
 * slow path (no TLB entry), so the guest runs as before, only slower there. */
enum { CPU_WATCH_WRITE = 1, CPU_WATCH_READ = 2, CPU_WATCH_ACCESS = 3 };
typedef struct CpuWatch {
    uint32_t lin, len;     /* len 1..4096 */
    int kind;              /* CPU_WATCH_* */
} CpuWatch;
#define CPU_MAX_WATCHPOINTS 16
void cpu_set_watchpoints(Cpu *c, const CpuWatch *w, int n);   /* replaces the list; n <= max */
/* After CPU_EXIT_WATCH (until the next cpu_run): the first watchpoint touched and the
 * linear address of the access. False when the last run stopped otherwise. */
bool cpu_watch_hit(const Cpu *c, CpuWatch *w, uint32_t *lin);
/* The physical address of linear address lin under the current paging mode and A20 gate,
 * with no side effect (no accessed or dirty bit, no fault): false when lin is not mapped. */
bool cpu_debug_translate(Cpu *c, uint32_t lin, uint32_t *phys);

/* ---- monitor and tests ---- */
CpuState *cpu_state(Cpu *c);   /* canonical outside cpu_run; writes take effect after cpu_flush_all */
/* QEMU's `info registers` text for an i386 target (the lines EAX= ... DR6/DR7), into buf.
 * Returns the length written (truncated to n-1 bytes, NUL terminated). */
size_t cpu_format_registers(Cpu *c, char *buf, size_t n);
/* FNV-1a hash over the architectural state (registers, segments, control registers,
 * EFLAGS, MSR storage); identical for identical states. */
uint64_t cpu_state_hash(Cpu *c);
/* Recomputes hflags (and the CPL) from the state, as QEMU derives them. */
uint32_t cpu_hflags(const CpuState *s);
/* The time-stamp counter now (RDTSC): the virtual clock in ns plus SVM's tsc_offset, as
 * QEMU's -icount TSC; neither reset nor WRMSR 0x10 moves it. It is saved as the clock
 * ('timer' section). */
uint64_t cpu_tsc(Cpu *c);
/* What CPUID returns for leaf (EAX in): r = EAX, EBX, ECX, EDX (SMBIOS's processor id). */
void cpu_cpuid(Cpu *c, uint32_t leaf, uint32_t r[4]);

/* QEMU 7.2's 'cpu' (version 12) and 'cpu_common' (version 1) sections; opaque = Cpu *. */
extern const VmsDesc cpu_vms, cpu_common_vms;

#endif
