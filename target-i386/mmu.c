/* SPDX-License-Identifier: MIT */
/*
 * x86_tlb_fill: the softmmu TLB's miss handler. Paging off (or the PHYS
 * mmu index) maps linear to physical through the A20 mask; paging on runs
 * the page walk of pagewalk.c over guest physical memory (cpu_ld_phys /
 * cpu_st_phys) at the privilege the mmu index names, and turns a failed
 * walk into #PF with CR2 set (SDM Vol. 3A, 4.7), a non-canonical address
 * into #GP(0) (SDM Vol. 3A, 3.3.7.1).
 */
#include "target-i386/helper.h"
#include "target-i386/pagewalk.h"
#include "util/log.h"

static uint64_t walk_ld(void *opaque, uint64_t paddr, unsigned size)
{
    return cpu_ld_phys(opaque, paddr, size == 8 ? MO_64 : MO_32);
}

static void walk_st(void *opaque, uint64_t paddr, uint64_t val, unsigned size)
{
    cpu_st_phys(opaque, paddr, val, size == 8 ? MO_64 : MO_32);
}

static void walk_setup(CPUX86State *env, X86PageWalk *w)
{
    const X86CPUIDEntry *e8 = x86_cpuid_find(env, 0x80000008, 0);
    const X86CPUIDEntry *e1 = x86_cpuid_find(env, 0x80000001, 0);

    *w = (X86PageWalk){
        .cr0 = env->cr[0], .cr3 = env->cr[3], .cr4 = env->cr[4],
        .efer = env->efer, .a20_mask = env->a20_mask,
        .maxphyaddr = e8 && (e8->eax & 0xff) ? e8->eax & 0xff : 36,
        .pdpe1gb = e1 && (e1->edx & (1u << 26)),
        .ld = walk_ld, .st = walk_st, .opaque = env->cpu,
    };
}

static bool is_canonical(uint64_t addr)
{
    return (uint64_t)(((int64_t)addr << 16) >> 16) == addr;
}

/*
 * A stack-segment access (MO_X86_SS) in 64-bit mode whose first or last
 * byte is non-canonical: #SS(0) (SDM Vol. 3A, 6.15, interrupt 12). The
 * inline fast path never hits for such an address (the TLB holds only
 * canonical pages in long mode), so every one of them comes here.
 */
void x86_mem_slow_check(CPUState *cpu, vaddr addr, MemOp op,
                        uintptr_t retaddr)
{
    CPUX86State *env = (CPUX86State *)cpu->env;
    uint64_t last = addr + (1u << (op & MO_SIZE)) - 1;

    if ((op & MO_X86_SS) && (env->efer & EFER_LMA) &&
        (!is_canonical(addr) || !is_canonical(last))) {
        x86_raise_exception_err_ra(env, EXCP0C_STACK, 0, retaddr);
    }
}

bool x86_tlb_fill(CPUState *cpu, vaddr addr, MMUAccessType access,
                  int mmu_idx, bool probe, uintptr_t retaddr,
                  TLBFillResult *out)
{
    CPUX86State *env = (CPUX86State *)cpu->env;
    static const X86WalkAccess acc[] = {
        [MMU_DATA_LOAD] = X86_WALK_READ,
        [MMU_DATA_STORE] = X86_WALK_WRITE,
        [MMU_INST_FETCH] = X86_WALK_FETCH,
    };
    X86PageWalk w;
    X86WalkResult r;

    if (mmu_idx == X86_MMU_PHYS || !(env->cr[0] & CR0_PG)) {
        out->phys = addr & env->a20_mask;
        out->prot = PAGE_READ | PAGE_WRITE | PAGE_EXEC;
        out->page_size = TARGET_PAGE_SIZE;
        return true;
    }
    if (env->efer & EFER_LMA) {
        if (!is_canonical(addr)) {
            if (probe) {
                return false;
            }
            x86_raise_exception_err_ra(env, EXCP0D_GPF, 0, retaddr);
        }
    } else {
        addr = (uint32_t)addr;
    }
    walk_setup(env, &w);
    if (x86_page_walk(&w, addr, acc[access], mmu_idx == X86_MMU_USER, &r)) {
        out->phys = r.phys | (addr & (TARGET_PAGE_SIZE - 1));
        out->prot = r.prot;
        /* accel/tcg rebuilds large-page addresses from the linear one,
         * which would undo a closed A20 gate: report 4 KiB pages then. */
        out->page_size = env->a20_mask == ~0ull ? r.page_size
                                                : TARGET_PAGE_SIZE;
        out->global = r.global;
        return true;
    }
    if (probe) {
        return false;
    }
    log_mask_printf(LOG_MMU, "#PF addr=%016llx err=%x\n",
                    (unsigned long long)addr, r.error_code);
    env->cr[2] = addr;
    x86_raise_exception_err_ra(env, EXCP0E_PAGE, r.error_code, retaddr);
}
