/* SPDX-License-Identifier: MIT */
/*
 * RDMSR and WRMSR under TCG (SDM Vol. 2B; the MSRs of SDM Vol. 4): EFER
 * with LMA read-only, the SYSCALL/SYSENTER MSRs, FS/GS/KernelGS bases,
 * TSC (a write sets an offset), TSC_AUX, PAT, APIC_BASE, MTRRs (stored,
 * not enforced: Kestrel's memory has no cache types), AMD's SYSCFG (reads
 * 0: no fixed-MTRR DRAM bits, writes ignored; Linux reads it without a
 * fault handler on AMD family 0Fh+ when fixed MTRRs exist), the few
 * identification MSRs firmware and Linux read, and kvmclock's two MSRs
 * when the CPUID model offers it (kvmclock.c). Any other MSR raises
 * #GP(0) and is logged under -d unimp.
 */
#include "target-i386/seg.h"
#include "util/log.h"

enum {
    MSR_TSC = 0x10, MSR_PLATFORM_ID = 0x17, MSR_APIC_BASE = 0x1b,
    MSR_FEATURE_CONTROL = 0x3a, MSR_BIOS_SIGN_ID = 0x8b,
    MSR_MTRRCAP = 0xfe, MSR_TSC_DEADLINE = 0x6e0, MSR_SYSENTER_CS = 0x174, MSR_SYSENTER_ESP = 0x175,
    MSR_SYSENTER_EIP = 0x176, MSR_MCG_CAP = 0x179, MSR_MCG_STATUS = 0x17a,
    MSR_MISC_ENABLE = 0x1a0, MSR_MTRR_PHYS0 = 0x200,
    MSR_MTRR_FIX64K = 0x250, MSR_MTRR_FIX16K = 0x258,
    MSR_MTRR_FIX4K = 0x268, MSR_PAT = 0x277, MSR_MTRR_DEF = 0x2ff,
    MSR_EFER = 0xc0000080, MSR_STAR = 0xc0000081, MSR_LSTAR = 0xc0000082,
    MSR_CSTAR = 0xc0000083, MSR_FMASK = 0xc0000084,
    MSR_FS_BASE = 0xc0000100, MSR_GS_BASE = 0xc0000101,
    MSR_KERNEL_GS_BASE = 0xc0000102, MSR_TSC_AUX = 0xc0000103,
    MSR_AMD64_SYSCFG = 0xc0010010,
    MSR_KVM_WALL_CLOCK_NEW = 0x4b564d00, MSR_KVM_SYSTEM_TIME_NEW = 0x4b564d01,
};

/* The fixed-range MTRRs: 0x250, 0x258, 0x259, 0x268..0x26f. */
static int mtrr_fixed_index(uint32_t msr)
{
    if (msr == MSR_MTRR_FIX64K) {
        return 0;
    }
    if (msr == MSR_MTRR_FIX16K || msr == MSR_MTRR_FIX16K + 1) {
        return 1 + msr - MSR_MTRR_FIX16K;
    }
    if (msr >= MSR_MTRR_FIX4K && msr < MSR_MTRR_FIX4K + 8) {
        return 3 + msr - MSR_MTRR_FIX4K;
    }
    return -1;
}

static uint64_t *mtrr_slot(CPUX86State *env, uint32_t msr)
{
    int i = mtrr_fixed_index(msr);

    if (i >= 0) {
        return &env->mtrr_fixed[i];
    }
    if (msr >= MSR_MTRR_PHYS0 && msr < MSR_MTRR_PHYS0 + 16) {
        return &env->mtrr_var[msr - MSR_MTRR_PHYS0];
    }
    if (msr == MSR_MTRR_DEF) {
        return &env->mtrr_deftype;
    }
    return NULL;
}

static bool is_canonical(uint64_t v)
{
    return (uint64_t)(((int64_t)v << 16) >> 16) == v;
}

static bool cpuid_ext_edx(CPUX86State *env, unsigned bit)
{
    const X86CPUIDEntry *e = x86_cpuid_find(env, 0x80000001, 0);

    return e && ((e->edx >> bit) & 1);
}

/* KVM_FEATURE_CLOCKSOURCE2 (CPUID 0x40000001 EAX[3]) behind KVM's leaf. */
static bool kvmclock_enabled(CPUX86State *env)
{
    const X86CPUIDEntry *e = x86_cpuid_find(env, 0x40000001, 0);

    return e && ((e->eax >> 3) & 1);
}

/* False for an MSR this model does not have. */
static bool read_msr(CPUX86State *env, uint32_t msr, uint64_t *val)
{
    uint64_t *mtrr = mtrr_slot(env, msr);

    switch (msr) {
    case MSR_TSC: *val = x86_tsc_now(env); return true;
    case MSR_PLATFORM_ID: case MSR_BIOS_SIGN_ID: case MSR_MCG_CAP:
    case MSR_MCG_STATUS:
        *val = 0;
        return true;
    case MSR_FEATURE_CONTROL: *val = 1; return true;     /* locked */
    case MSR_AMD64_SYSCFG: *val = 0; return true;
    case MSR_APIC_BASE:
        if (env->apic_ops) {
            env->apic_base = env->apic_ops->get_base(env->apic_opaque,
                                                     env->cpu_index);
        }
        *val = env->apic_base;
        return true;
    case MSR_TSC_DEADLINE:
        if (!env->apic_ops) {
            return false;
        }
        *val = env->apic_ops->get_tsc_deadline(env->apic_opaque,
                                               env->cpu_index);
        return true;
    case MSR_MTRRCAP: *val = 0x508; return true;    /* 8 var, fixed, WC */
    case MSR_SYSENTER_CS: *val = env->sysenter_cs; return true;
    case MSR_SYSENTER_ESP: *val = env->sysenter_esp; return true;
    case MSR_SYSENTER_EIP: *val = env->sysenter_eip; return true;
    case MSR_MISC_ENABLE: *val = env->misc_enable | 1; return true;
    case MSR_PAT: *val = env->pat; return true;
    case MSR_EFER: *val = env->efer; return true;
    case MSR_STAR: *val = env->star; return true;
    case MSR_LSTAR: *val = env->lstar; return true;
    case MSR_CSTAR: *val = env->cstar; return true;
    case MSR_FMASK: *val = env->fmask; return true;
    case MSR_FS_BASE: *val = env->segs[R_FS].base; return true;
    case MSR_GS_BASE: *val = env->segs[R_GS].base; return true;
    case MSR_KERNEL_GS_BASE: *val = env->kernel_gs_base; return true;
    case MSR_TSC_AUX: *val = env->tsc_aux; return true;
    case MSR_KVM_WALL_CLOCK_NEW: case MSR_KVM_SYSTEM_TIME_NEW:
        if (!kvmclock_enabled(env)) {
            return false;
        }
        *val = msr == MSR_KVM_WALL_CLOCK_NEW ? env->kvm_wall_clock
                                             : env->kvm_system_time;
        return true;
    }
    if (mtrr) {
        *val = *mtrr;
        return true;
    }
    return false;
}

/* IA32_EFER (SDM Vol. 3A, 2.2.1; Vol. 4, Table 2-2): false for #GP. */
static bool write_efer(CPUX86State *env, uint64_t val)
{
    uint64_t ok = EFER_LMA;

    ok |= cpuid_ext_edx(env, 11) ? EFER_SCE : 0;
    ok |= cpuid_ext_edx(env, 29) ? EFER_LME : 0;
    ok |= cpuid_ext_edx(env, 20) ? EFER_NXE : 0;
    if (val & ~ok) {
        return false;
    }
    /* LME may not change while paging is on (SDM Vol. 3A, 9.8.5). */
    if ((env->cr[0] & CR0_PG) && ((val ^ env->efer) & EFER_LME)) {
        return false;
    }
    if ((val ^ env->efer) & EFER_NXE) {
        tlb_flush(env->cpu);
    }
    env->efer = (val & ~(uint64_t)EFER_LMA) | (env->efer & EFER_LMA);
    return true;
}

/* Each PAT entry must be a memory type: 0, 1, 4, 5, 6 or 7. */
static bool pat_valid(uint64_t val)
{
    for (int i = 0; i < 8; i++) {
        unsigned t = (val >> (i * 8)) & 0xff;

        if (t == 2 || t == 3 || t > 7) {
            return false;
        }
    }
    return true;
}

static bool write_msr(CPUX86State *env, uint32_t msr, uint64_t val)
{
    uint64_t *mtrr = mtrr_slot(env, msr);

    switch (msr) {
    case MSR_TSC:
        env->tsc_offset += val - x86_tsc_now(env);
        x86_kvmclock_update(env);
        return true;
    case MSR_KVM_WALL_CLOCK_NEW:
        if (!kvmclock_enabled(env)) {
            return false;
        }
        x86_kvmclock_set_wall_clock(env, val);
        return true;
    case MSR_KVM_SYSTEM_TIME_NEW:
        if (!kvmclock_enabled(env)) {
            return false;
        }
        x86_kvmclock_set_system_time(env, val);
        return true;
    case MSR_BIOS_SIGN_ID: case MSR_MCG_STATUS: case MSR_AMD64_SYSCFG:
        return true;
    case MSR_APIC_BASE:
        env->apic_base = val & ~0x6ffull;
        if (env->apic_ops) {
            env->apic_base = env->apic_ops->set_base(env->apic_opaque,
                                                     env->cpu_index, val);
        }
        return true;
    case MSR_TSC_DEADLINE:
        if (!env->apic_ops) {
            return false;
        }
        env->apic_ops->set_tsc_deadline(env->apic_opaque, env->cpu_index, val,
                                        x86_tsc_now(env));
        return true;
    case MSR_SYSENTER_CS: env->sysenter_cs = val & 0xffff; return true;
    case MSR_SYSENTER_ESP:
    case MSR_SYSENTER_EIP:
    case MSR_LSTAR: case MSR_CSTAR:
    case MSR_FS_BASE: case MSR_GS_BASE: case MSR_KERNEL_GS_BASE:
        if (!is_canonical(val)) {
            return false;
        }
        break;
    case MSR_MISC_ENABLE: env->misc_enable = val; return true;
    case MSR_PAT:
        if (!pat_valid(val)) {
            return false;
        }
        env->pat = val;
        return true;
    case MSR_EFER: return write_efer(env, val);
    case MSR_STAR: env->star = val; return true;
    case MSR_FMASK: env->fmask = (uint32_t)val; return true;
    case MSR_TSC_AUX: env->tsc_aux = (uint32_t)val; return true;
    default:
        if (mtrr) {
            *mtrr = val;
            return true;
        }
        return false;
    }
    switch (msr) {
    case MSR_SYSENTER_ESP: env->sysenter_esp = val; break;
    case MSR_SYSENTER_EIP: env->sysenter_eip = val; break;
    case MSR_LSTAR: env->lstar = val; break;
    case MSR_CSTAR: env->cstar = val; break;
    case MSR_FS_BASE: env->segs[R_FS].base = val; break;
    case MSR_GS_BASE: env->segs[R_GS].base = val; break;
    default: env->kernel_gs_base = val; break;
    }
    return true;
}

void helper_rdmsr(CPUX86State *env)
{
    uint32_t msr = env->regs[R_ECX];
    uint64_t val;

    if (x86_cpl(env) != 0 && x86_pe(env)) {
        x86_raise_exception_err_ra(env, EXCP0D_GPF, 0, GETPC());
    }
    if (!read_msr(env, msr, &val)) {
        log_mask_printf(LOG_UNIMP, "rdmsr 0x%x\n", msr);
        x86_raise_exception_err_ra(env, EXCP0D_GPF, 0, GETPC());
    }
    env->regs[R_EAX] = (uint32_t)val;
    env->regs[R_EDX] = val >> 32;
}

void helper_wrmsr(CPUX86State *env)
{
    uint32_t msr = env->regs[R_ECX];
    uint64_t val = (uint32_t)env->regs[R_EAX] |
                   ((uint64_t)(uint32_t)env->regs[R_EDX] << 32);

    if (x86_cpl(env) != 0 && x86_pe(env)) {
        x86_raise_exception_err_ra(env, EXCP0D_GPF, 0, GETPC());
    }
    if (!write_msr(env, msr, val)) {
        log_mask_printf(LOG_UNIMP | LOG_GUEST_ERROR,
                        "wrmsr 0x%x <- 0x%llx refused\n", msr,
                        (unsigned long long)val);
        x86_raise_exception_err_ra(env, EXCP0D_GPF, 0, GETPC());
    }
}
