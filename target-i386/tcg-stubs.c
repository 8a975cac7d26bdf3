/* SPDX-License-Identifier: MIT */
/*
 * Temporary weak stand-ins for the system helpers (excp.c, seg.c, mmu.c,
 * misc.c) that the translator calls, so the tree links while those land.
 * Each one stops Kestrel with a message naming itself; the real, strong
 * definitions replace them at link time. Delete this file once every
 * helper is in.
 */
#include "target-i386/translate.h"

static G_NORETURN void stub_missing(const char *name)
{
    g_error("target-i386: %s is not linked in yet", name);
}

__attribute__((weak)) void helper_check_io(CPUX86State *env, uint32_t port, uint32_t size)
{
    stub_missing("helper_check_io");
}

__attribute__((weak)) void helper_clts(CPUX86State *env)
{
    stub_missing("helper_clts");
}

__attribute__((weak)) void helper_cpuid(CPUX86State *env)
{
    stub_missing("helper_cpuid");
}

__attribute__((weak)) G_NORETURN void helper_hlt(CPUX86State *env, uint32_t next_eip_addend)
{
    stub_missing("helper_hlt");
    g_assert_not_reached();
}

__attribute__((weak)) uint32_t helper_in(CPUX86State *env, uint32_t port, uint32_t size)
{
    stub_missing("helper_in");
    return 0;
}

__attribute__((weak)) void helper_invlpg(CPUX86State *env, uint64_t addr)
{
    stub_missing("helper_invlpg");
}

__attribute__((weak)) void helper_iret_protected(CPUX86State *env, uint32_t op_size, uint32_t next_eip_addend)
{
    stub_missing("helper_iret_protected");
}

__attribute__((weak)) void helper_iret_real(CPUX86State *env, uint32_t op_size)
{
    stub_missing("helper_iret_real");
}

__attribute__((weak)) uint64_t helper_lar(CPUX86State *env, uint32_t selector)
{
    stub_missing("helper_lar");
    return 0;
}

__attribute__((weak)) void helper_lcall_protected(CPUX86State *env, uint32_t selector, uint64_t new_eip, uint32_t op_size, uint32_t next_eip_addend)
{
    stub_missing("helper_lcall_protected");
}

__attribute__((weak)) void helper_lcall_real(CPUX86State *env, uint32_t selector, uint64_t new_eip, uint32_t op_size, uint64_t next_eip)
{
    stub_missing("helper_lcall_real");
}

__attribute__((weak)) void helper_ljmp_protected(CPUX86State *env, uint32_t selector, uint64_t new_eip, uint32_t next_eip_addend)
{
    stub_missing("helper_ljmp_protected");
}

__attribute__((weak)) void helper_lldt(CPUX86State *env, uint32_t selector)
{
    stub_missing("helper_lldt");
}

__attribute__((weak)) void helper_lmsw(CPUX86State *env, uint32_t val)
{
    stub_missing("helper_lmsw");
}

__attribute__((weak)) void helper_load_seg(CPUX86State *env, uint32_t seg_reg, uint32_t selector)
{
    stub_missing("helper_load_seg");
}

__attribute__((weak)) void helper_lret_protected(CPUX86State *env, uint32_t op_size, uint32_t imm16)
{
    stub_missing("helper_lret_protected");
}

__attribute__((weak)) uint64_t helper_lsl(CPUX86State *env, uint32_t selector)
{
    stub_missing("helper_lsl");
    return 0;
}

__attribute__((weak)) void helper_ltr(CPUX86State *env, uint32_t selector)
{
    stub_missing("helper_ltr");
}

__attribute__((weak)) void helper_out(CPUX86State *env, uint32_t port, uint32_t val, uint32_t size)
{
    stub_missing("helper_out");
}

__attribute__((weak)) G_NORETURN void helper_raise_exception(CPUX86State *env, uint32_t vector)
{
    stub_missing("helper_raise_exception");
    g_assert_not_reached();
}

__attribute__((weak)) G_NORETURN void helper_raise_interrupt(CPUX86State *env, uint32_t vector, uint32_t next_eip_addend)
{
    stub_missing("helper_raise_interrupt");
    g_assert_not_reached();
}

__attribute__((weak)) void helper_rdmsr(CPUX86State *env)
{
    stub_missing("helper_rdmsr");
}

__attribute__((weak)) void helper_rdtsc(CPUX86State *env)
{
    stub_missing("helper_rdtsc");
}

__attribute__((weak)) void helper_rdtscp(CPUX86State *env)
{
    stub_missing("helper_rdtscp");
}

__attribute__((weak)) uint64_t helper_read_cr(CPUX86State *env, uint32_t reg)
{
    stub_missing("helper_read_cr");
    return 0;
}

__attribute__((weak)) uint64_t helper_read_dr(CPUX86State *env, uint32_t reg)
{
    stub_missing("helper_read_dr");
    return 0;
}

__attribute__((weak)) void helper_swapgs(CPUX86State *env)
{
    stub_missing("helper_swapgs");
}

__attribute__((weak)) void helper_syscall(CPUX86State *env, uint32_t next_eip_addend)
{
    stub_missing("helper_syscall");
}

__attribute__((weak)) void helper_sysenter(CPUX86State *env)
{
    stub_missing("helper_sysenter");
}

__attribute__((weak)) void helper_sysexit(CPUX86State *env, uint32_t op_size)
{
    stub_missing("helper_sysexit");
}

__attribute__((weak)) void helper_sysret(CPUX86State *env, uint32_t op_size)
{
    stub_missing("helper_sysret");
}

__attribute__((weak)) void helper_verr(CPUX86State *env, uint32_t selector)
{
    stub_missing("helper_verr");
}

__attribute__((weak)) void helper_verw(CPUX86State *env, uint32_t selector)
{
    stub_missing("helper_verw");
}

__attribute__((weak)) void helper_write_cr(CPUX86State *env, uint32_t reg, uint64_t val)
{
    stub_missing("helper_write_cr");
}

__attribute__((weak)) void helper_write_dr(CPUX86State *env, uint32_t reg, uint64_t val)
{
    stub_missing("helper_write_dr");
}

__attribute__((weak)) void helper_wrmsr(CPUX86State *env)
{
    stub_missing("helper_wrmsr");
}

__attribute__((weak)) void x86_do_interrupt(CPUState *cpu)
{
    stub_missing("x86_do_interrupt");
}

__attribute__((weak)) bool x86_exec_interrupt(CPUState *cpu, uint32_t interrupt_request)
{
    stub_missing("x86_exec_interrupt");
    return 0;
}

__attribute__((weak)) bool x86_has_work(CPUState *cpu, uint32_t interrupt_request)
{
    stub_missing("x86_has_work");
    return 0;
}

__attribute__((weak)) G_NORETURN void x86_raise_exception(CPUX86State *env, int vector)
{
    stub_missing("x86_raise_exception");
    g_assert_not_reached();
}

__attribute__((weak)) G_NORETURN void x86_raise_exception_err(CPUX86State *env, int vector, uint32_t error_code)
{
    stub_missing("x86_raise_exception_err");
    g_assert_not_reached();
}

__attribute__((weak)) G_NORETURN void x86_raise_exception_err_ra(CPUX86State *env, int vector, uint32_t error_code, uintptr_t retaddr)
{
    stub_missing("x86_raise_exception_err_ra");
    g_assert_not_reached();
}

__attribute__((weak)) G_NORETURN void x86_raise_exception_ra(CPUX86State *env, int vector, uintptr_t retaddr)
{
    stub_missing("x86_raise_exception_ra");
    g_assert_not_reached();
}

__attribute__((weak)) bool x86_tlb_fill(CPUState *cpu, vaddr addr, MMUAccessType access, int mmu_idx, bool probe, uintptr_t retaddr, TLBFillResult *out)
{
    stub_missing("x86_tlb_fill");
    return 0;
}
