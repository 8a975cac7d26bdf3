/* SPDX-License-Identifier: MIT */
/*
 * The fast system-call instructions under TCG: SYSCALL/SYSRET (STAR,
 * LSTAR, CSTAR, FMASK; SDM Vol. 2B and AMD APM Vol. 3) and
 * SYSENTER/SYSEXIT (the SYSENTER_CS/ESP/EIP MSRs; SDM Vol. 2B). They load
 * CS and SS with fixed flat descriptors and never read the GDT. Where
 * Intel and AMD differ (SYSCALL outside 64-bit mode), the CPUID vendor of
 * the model decides.
 */
#include "target-i386/seg.h"

#define FLAT_CODE (SEG_ATTR_P | SEG_ATTR_S | SEG_ATTR_G | 0xb)
#define FLAT_DATA (SEG_ATTR_P | SEG_ATTR_S | SEG_ATTR_G | SEG_ATTR_DB | 0x3)
#define DPL(n)    ((n) << SEG_ATTR_DPL_SHIFT)

static void load_flat(CPUX86State *env, uint16_t cs, uint16_t ss,
                      unsigned dpl, bool code64)
{
    uint32_t code = FLAT_CODE | DPL(dpl) |
                    (code64 ? SEG_ATTR_L : SEG_ATTR_DB);

    x86_seg_set(env, R_CS, cs, 0, 0xffffffff, code);
    x86_seg_set(env, R_SS, ss, 0, 0xffffffff, FLAT_DATA | DPL(dpl));
}

void helper_syscall(CPUX86State *env, uint32_t next_eip_addend)
{
    uint64_t next = env->rip + next_eip_addend;
    uint16_t cs = (env->star >> 32) & 0xfffc;
    uint64_t rflags;

    /* Intel: #UD outside 64-bit mode; AMD: also legacy/compat mode. */
    if (!(env->efer & EFER_SCE) ||
        (x86_vendor_intel(env) && !x86_code64(env))) {
        x86_raise_exception_ra(env, EXCP06_ILLOP, GETPC());
    }
    rflags = x86_eflags_get(env) & ~(uint64_t)EFLAGS_RF;
    if (x86_long_mode(env)) {
        env->regs[R_ECX] = x86_code64(env) ? next : (uint32_t)next;
        env->regs[11] = rflags;
        load_flat(env, cs, cs + 8, 0, true);
        x86_eflags_set(env, rflags & ~env->fmask, ~0ull);
        env->rip = x86_code64(env) ? env->lstar : env->cstar;
        return;
    }
    /* Legacy mode (AMD APM Vol. 3, SYSCALL). */
    env->regs[R_ECX] = (uint32_t)next;
    load_flat(env, cs, cs + 8, 0, false);
    env->eflags &= ~(uint64_t)(EFLAGS_IF | EFLAGS_RF | EFLAGS_VM);
    env->rip = (uint32_t)env->star;
}

void helper_sysret(CPUX86State *env, uint32_t op_size)
{
    uintptr_t ra = GETPC();
    uint16_t base = (env->star >> 48) & 0xfffc;
    bool intel = x86_vendor_intel(env);

    if (!(env->efer & EFER_SCE) || (intel && !x86_code64(env))) {
        x86_raise_exception_ra(env, EXCP06_ILLOP, ra);
    }
    if (!x86_pe(env) || x86_cpl(env) != 0) {
        x86_raise_exception_err_ra(env, EXCP0D_GPF, 0, ra);
    }
    if (!x86_long_mode(env)) {
        load_flat(env, base | 3, (base + 8) | 3, 3, false);
        env->eflags |= EFLAGS_IF;
        env->rip = (uint32_t)env->regs[R_ECX];
        return;
    }
    /* SDM Vol. 2B, SYSRET: a non-canonical RCX faults at CPL 0 (Intel). */
    if (op_size == 8 && intel &&
        (uint64_t)(((int64_t)env->regs[R_ECX] << 16) >> 16) !=
        env->regs[R_ECX]) {
        x86_raise_exception_err_ra(env, EXCP0D_GPF, 0, ra);
    }
    if (op_size == 8) {
        load_flat(env, (base + 16) | 3, (base + 8) | 3, 3, true);
        env->rip = env->regs[R_ECX];
    } else {
        load_flat(env, base | 3, (base + 8) | 3, 3, false);
        env->rip = (uint32_t)env->regs[R_ECX];
    }
    x86_eflags_set(env, (env->regs[11] & 0x3c7fd7) | EFLAGS_FIXED, ~0ull);
}

void helper_sysenter(CPUX86State *env)
{
    uint16_t cs = env->sysenter_cs & 0xfffc;
    bool lma = x86_long_mode(env);

    if (!x86_pe(env) || !cs) {
        x86_raise_exception_err_ra(env, EXCP0D_GPF, 0, GETPC());
    }
    env->eflags &= ~(uint64_t)(EFLAGS_VM | EFLAGS_IF | EFLAGS_RF);
    load_flat(env, cs, cs + 8, 0, lma);
    env->regs[R_ESP] = lma ? env->sysenter_esp : (uint32_t)env->sysenter_esp;
    env->rip = lma ? env->sysenter_eip : (uint32_t)env->sysenter_eip;
}

void helper_sysexit(CPUX86State *env, uint32_t op_size)
{
    uint16_t cs = env->sysenter_cs & 0xfffc;

    if (!x86_pe(env) || !cs || x86_cpl(env) != 0) {
        x86_raise_exception_err_ra(env, EXCP0D_GPF, 0, GETPC());
    }
    if (op_size == 8) {
        load_flat(env, (cs + 32) | 3, (cs + 40) | 3, 3, true);
        env->regs[R_ESP] = env->regs[R_ECX];
        env->rip = env->regs[R_EDX];
    } else {
        load_flat(env, (cs + 16) | 3, (cs + 24) | 3, 3, false);
        env->regs[R_ESP] = (uint32_t)env->regs[R_ECX];
        env->rip = (uint32_t)env->regs[R_EDX];
    }
}
