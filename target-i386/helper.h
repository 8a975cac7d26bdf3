/* SPDX-License-Identifier: MIT */
/*
 * The x86 target's helpers under TCG: functions generated code calls (the
 * helper_* ones, env first) and the pieces the translator and the system
 * helpers share. Private to target-i386/.
 *
 * Who writes what:
 *   cc.c, translate*.c, tcg-cpu.c   lazy flags, the translator, tcg_cpu_ops
 *   excp.c                          raising exceptions, #DF/triple fault
 *   seg.c                           interrupt/exception delivery in every
 *                                   mode, segment loads, far transfers,
 *                                   iret, syscall/sysenter, lldt/ltr
 *   mmu.c                           the page walk (tlb_fill)
 *   misc.c                          CR/DR/MSR access, cpuid, rdtsc, I/O
 *                                   with permission checks, hlt
 *
 * The local APIC (for misc.c/msr.c; hw/intc/apic.c, include/hw/intc/apic.h):
 * with a userspace irqchip, env->apic_ops is set (vl/ installs it; NULL
 * under KVM's in-kernel irqchip). Then
 *   - RDMSR/WRMSR 0x1b (IA32_APIC_BASE) go through get_base/set_base
 *     (bit 11 disables the APIC globally; relocation is refused, logged);
 *   - RDMSR/WRMSR 0x6e0 (IA32_TSC_DEADLINE) go through get_tsc_deadline /
 *     set_tsc_deadline(..., x86_tsc_now(env)); without apic_ops: #GP;
 *   - MOV to/from CR8 goes through set_cr8/get_cr8 (TPR[7:4]).
 * The hooks take the big lock themselves. External interrupts arrive as
 * CPU_INTERRUPT_HARD and are acknowledged with cpu_ack_interrupt(cpu),
 * which asks this CPU's APIC first and the 8259 through it (ExtINT), and
 * may return -1 (nothing after all); NMI, INIT and SIPI come as
 * CPU_INTERRUPT_NMI/INIT/SIPI (env->sipi_vector set before SIPI), with the
 * APIC already reset on INIT.
 *
 * Conventions (SDM Vol. 3A):
 * - CPL is the DPL of SS (x86_cpl()); every helper that loads CS or SS
 *   keeps it right (real mode 0, virtual-8086 mode 3).
 * - A helper that may fault takes no retaddr argument but calls
 *   x86_raise_*_ra(..., GETPC()) from its own body, so the guest state of
 *   the faulting instruction is restored from the host return address.
 *   Generated code syncs env->rip (and cc state) before calling helpers
 *   that need the *next* instruction's address; those take
 *   next_eip_addend (the instruction length) explicitly.
 * - Mode changes (CR0, CR4, EFER, CS/SS loads, iret, syscall, ...) end
 *   the TB in the translator; helpers that change paging call tlb_flush.
 */
#ifndef TARGET_I386_HELPER_H
#define TARGET_I386_HELPER_H

#include "accel/tcg-cpu.h"
#include "target-i386/cpu.h"

enum {
    EXCP00_DIVZ = 0, EXCP01_DB = 1, EXCP02_NMI = 2, EXCP03_INT3 = 3,
    EXCP04_INTO = 4, EXCP05_BOUND = 5, EXCP06_ILLOP = 6, EXCP07_PREX = 7,
    EXCP08_DBLE = 8, EXCP0A_TSS = 10, EXCP0B_NOSEG = 11, EXCP0C_STACK = 12,
    EXCP0D_GPF = 13, EXCP0E_PAGE = 14, EXCP10_COPR = 16, EXCP11_ALGN = 17,
    EXCP12_MCHK = 18, EXCP13_XMM = 19,
};

/*
 * exception_index values above 0xff are Kestrel's own, never vectors:
 * x86_do_interrupt consumes them without delivering anything.
 * EXCP_HLT: the CPU entered HLT (cpu->halted set); the exec loop waits for
 * has_work. EXCP_SHUTDOWN: triple fault; the machine event is requested.
 */
enum {
    EXCP_HLT = 0x10001,
    EXCP_SHUTDOWN = 0x10002,
};

/* MMU indexes of the softmmu TLB. */
enum {
    X86_MMU_KERNEL = 0,     /* CPL 0-2 */
    X86_MMU_USER = 1,       /* CPL 3 */
    X86_MMU_PHYS = 2,       /* paging off (real mode, PE without PG) */
    X86_NB_MMU_MODES = 3,
};

static inline int x86_cpl(const CPUX86State *env)
{
    return (env->segs[R_SS].attr >> SEG_ATTR_DPL_SHIFT) & 3;
}

/* ---- cc.c (translator side) ---- */
/* The full EFLAGS value, lazy flags and DF folded in. */
uint64_t x86_eflags_get(CPUX86State *env);
/* Set the bits of @mask from @val (arithmetic flags and DF into the lazy
 * state, the rest into env->eflags). */
void x86_eflags_set(CPUX86State *env, uint64_t val, uint64_t mask);

/* ---- excp.c ---- */
G_NORETURN void x86_raise_exception(CPUX86State *env, int vector);
G_NORETURN void x86_raise_exception_err(CPUX86State *env, int vector,
                                        uint32_t error_code);
G_NORETURN void x86_raise_exception_ra(CPUX86State *env, int vector,
                                       uintptr_t retaddr);
G_NORETURN void x86_raise_exception_err_ra(CPUX86State *env, int vector,
                                           uint32_t error_code,
                                           uintptr_t retaddr);
/* INT n / INT3 / INTO from generated code: env->rip is the instruction's
 * address; the return address pushed is rip + next_eip_addend. */
G_NORETURN void helper_raise_interrupt(CPUX86State *env, uint32_t vector,
                                       uint32_t next_eip_addend);
G_NORETURN void helper_raise_exception(CPUX86State *env, uint32_t vector);
/* A trap-class exception that is not INT n: ICEBP (F1, #DB without the
 * gate DPL check) or a single-step #DB after an instruction. env->rip is
 * the instruction's address; the return address pushed is rip +
 * next_eip_addend. */
G_NORETURN void helper_raise_trap(CPUX86State *env, uint32_t vector,
                                  uint32_t next_eip_addend);

/* ---- tcg_cpu_ops hooks (seg.c, mmu.c) ---- */
bool x86_tlb_fill(CPUState *cpu, vaddr addr, MMUAccessType access,
                  int mmu_idx, bool probe, uintptr_t retaddr,
                  TLBFillResult *out);
/* MemOp flag of an access through SS in 64-bit mode: a non-canonical
 * address there is #SS(0), not #GP(0) (x86_mem_slow_check). */
#define MO_X86_SS MO_TGT0
void x86_mem_slow_check(CPUState *cpu, vaddr addr, MemOp op,
                        uintptr_t retaddr);
void x86_do_interrupt(CPUState *cpu);
bool x86_exec_interrupt(CPUState *cpu, uint32_t interrupt_request);
bool x86_has_work(CPUState *cpu, uint32_t interrupt_request);

/* ---- seg.c: helpers called from generated code ----
 * op_size is the operand size in bytes (2, 4 or 8). The far-transfer,
 * iret and sysret helpers set rip (and CS) themselves; the translator ends
 * the TB after them. */
void helper_load_seg(CPUX86State *env, uint32_t seg_reg, uint32_t selector);
void helper_ljmp_protected(CPUX86State *env, uint32_t selector,
                           uint64_t new_eip, uint32_t next_eip_addend);
void helper_lcall_real(CPUX86State *env, uint32_t selector,
                       uint64_t new_eip, uint32_t op_size,
                       uint64_t next_eip);
void helper_lcall_protected(CPUX86State *env, uint32_t selector,
                            uint64_t new_eip, uint32_t op_size,
                            uint32_t next_eip_addend);
void helper_lret_protected(CPUX86State *env, uint32_t op_size,
                           uint32_t imm16);
void helper_iret_real(CPUX86State *env, uint32_t op_size);
void helper_iret_protected(CPUX86State *env, uint32_t op_size,
                           uint32_t next_eip_addend);
void helper_syscall(CPUX86State *env, uint32_t next_eip_addend);
void helper_sysret(CPUX86State *env, uint32_t op_size);
void helper_sysenter(CPUX86State *env);
void helper_sysexit(CPUX86State *env, uint32_t op_size);
void helper_lldt(CPUX86State *env, uint32_t selector);
void helper_ltr(CPUX86State *env, uint32_t selector);
/* LAR/LSL/VERR/VERW: result, and ZF through x86_eflags_set. When ZF
 * ends up clear the result is meaningless and the translator keeps the
 * destination register. */
uint64_t helper_lar(CPUX86State *env, uint32_t selector);
uint64_t helper_lsl(CPUX86State *env, uint32_t selector);
void helper_verr(CPUX86State *env, uint32_t selector);
void helper_verw(CPUX86State *env, uint32_t selector);

/* ---- misc.c ---- */
void helper_write_cr(CPUX86State *env, uint32_t reg, uint64_t val);
uint64_t helper_read_cr(CPUX86State *env, uint32_t reg);
void helper_write_dr(CPUX86State *env, uint32_t reg, uint64_t val);
uint64_t helper_read_dr(CPUX86State *env, uint32_t reg);
void helper_lmsw(CPUX86State *env, uint32_t val);
void helper_clts(CPUX86State *env);
void helper_invlpg(CPUX86State *env, uint64_t addr);
void helper_rdmsr(CPUX86State *env);        /* ECX in, EDX:EAX out */
void helper_wrmsr(CPUX86State *env);
void helper_cpuid(CPUX86State *env);        /* EAX/ECX in, EAX-EDX out */
void helper_rdtsc(CPUX86State *env);
void helper_rdtscp(CPUX86State *env);
G_NORETURN void helper_hlt(CPUX86State *env, uint32_t next_eip_addend);
void helper_pause(CPUX86State *env, uint32_t next_eip_addend);
/* Port I/O; helper_check_io raises #GP unless IOPL or the TSS bitmap
 * allows @size bytes at @port. */
void helper_check_io(CPUX86State *env, uint32_t port, uint32_t size);
uint32_t helper_in(CPUX86State *env, uint32_t port, uint32_t size);
void helper_out(CPUX86State *env, uint32_t port, uint32_t val,
                uint32_t size);
void helper_swapgs(CPUX86State *env);

#endif
