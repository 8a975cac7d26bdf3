/* SPDX-License-Identifier: MIT */
/*
 * FXSAVE and FXRSTOR (SDM Vol. 1, 10.5.1, Table 10-2/10-3): the 512-byte
 * image of the x87, MMX and SSE state. Offsets: FCW 0, FSW 2, abridged
 * FTW 4, FOP 6, FIP 8, FDP 16 (with REX.W 64-bit each; otherwise 32-bit
 * offsets with FCS at 12 and FDS at 20, zero where the host CPU
 * deprecates them; target-i386/impl.c), MXCSR 24, MXCSR_MASK 28, ST0-ST7 (MM0-MM7) from 32 in
 * 16-byte slots, XMM0-XMM7 (XMM0-XMM15 in 64-bit mode) from 160.
 *
 * env->fpregs[i] is the physical register Ri (MMi), so slot ST(i) holds
 * fpregs[(TOP + i) & 7]; the abridged tag bit i describes Ri (SDM Vol. 1,
 * 10.5.1.1), and FXRSTOR rebuilds the full tag word from the contents.
 * Both raise #GP(0) for an address not 16-byte aligned before any access;
 * @form has bit 0 for 64-bit mode (sixteen XMM registers) and bit 1 for
 * REX.W (64-bit FIP/FDP). FXRSTOR reads everything before it changes
 * anything, and MXCSR bits outside MXCSR_MASK are #GP(0).
 */
#include "target-i386/sse-helper.h"

#include <string.h>

#define FSW_ES 0x0080      /* the exception summary (SDM Vol. 1, 8.1.3) */

static void check_align(CPUX86State *env, uint64_t addr, uintptr_t ra)
{
    if (addr & 15) {
        x86_raise_exception_err_ra(env, EXCP0D_GPF, 0, ra);
    }
}

void helper_fxsave(CPUX86State *env, uint64_t addr, uint32_t mmu_idx,
                   uint32_t form)
{
    uintptr_t ra = GETPC();
    CPUState *cs = env->cpu;
    unsigned top = (env->fpus >> 11) & 7, nxmm = (form & 1) ? 16 : 8;
    uint8_t ftw = 0;
    bool ptrs;

    check_align(env, addr, ra);
    /* Touch the last byte first: a fault leaves memory as it was. */
    cpu_st_mmu(cs, addr + 511, cpu_ld_mmu(cs, addr + 511, MO_8, mmu_idx, ra),
               MO_8, mmu_idx, ra);
    for (unsigned i = 0; i < 8; i++) {
        if (((env->fptw >> (2 * i)) & 3) != 3) {
            ftw |= 1u << i;
        }
    }
    cpu_st_mmu(cs, addr + 0, env->fpuc, MO_16, mmu_idx, ra);
    cpu_st_mmu(cs, addr + 2, env->fpus, MO_16, mmu_idx, ra);
    cpu_st_mmu(cs, addr + 4, ftw, MO_8, mmu_idx, ra);
    cpu_st_mmu(cs, addr + 5, 0, MO_8, mmu_idx, ra);
    /* AMD's FXSAVE stores the pointers only with an exception pending. */
    ptrs = !x86_impl()->fxsave_pointers_if_es || (env->fpus & FSW_ES);
    cpu_st_mmu(cs, addr + 6, ptrs ? env->fop & 0x7ff : 0, MO_16, mmu_idx, ra);
    if (form & 2) {
        cpu_st_mmu(cs, addr + 8, ptrs ? env->fpip : 0, MO_64, mmu_idx, ra);
        cpu_st_mmu(cs, addr + 16, ptrs ? env->fpdp : 0, MO_64, mmu_idx, ra);
    } else {
        cpu_st_mmu(cs, addr + 8, ptrs ? (uint32_t)env->fpip : 0, MO_32,
                   mmu_idx, ra);
        cpu_st_mmu(cs, addr + 12, ptrs ? env->fpcs : 0, MO_32, mmu_idx, ra);
        cpu_st_mmu(cs, addr + 16, ptrs ? (uint32_t)env->fpdp : 0, MO_32,
                   mmu_idx, ra);
        cpu_st_mmu(cs, addr + 20, ptrs ? env->fpds : 0, MO_32, mmu_idx, ra);
    }
    cpu_st_mmu(cs, addr + 24, env->mxcsr, MO_32, mmu_idx, ra);
    cpu_st_mmu(cs, addr + 28, MXCSR_MASK, MO_32, mmu_idx, ra);
    for (unsigned i = 0; i < 8; i++) {
        const FPReg *r = &env->fpregs[(top + i) & 7];
        uint64_t slot = addr + 32 + 16 * i;

        cpu_st_mmu(cs, slot, r->q[0], MO_64, mmu_idx, ra);
        cpu_st_mmu(cs, slot + 8, r->q[1] & 0xffff, MO_64, mmu_idx, ra);
    }
    for (unsigned i = 0; i < nxmm; i++) {
        uint64_t slot = addr + 160 + 16 * i;

        cpu_st_mmu(cs, slot, env->xmm[i].q[0], MO_64, mmu_idx, ra);
        cpu_st_mmu(cs, slot + 8, env->xmm[i].q[1], MO_64, mmu_idx, ra);
    }
}

/* The full tag of a register from its contents (SDM Vol. 1, 8.1.7). */
static unsigned tag_of(const FPReg *r)
{
    unsigned exp = (r->q[1] & 0x7fff);
    uint64_t mant = r->q[0];

    if (exp == 0x7fff) {
        return 2;
    }
    if (exp == 0) {
        return mant ? 2 : 1;
    }
    return mant >> 63 ? 0 : 2;
}

void helper_fxrstor(CPUX86State *env, uint64_t addr, uint32_t mmu_idx,
                    uint32_t form)
{
    uintptr_t ra = GETPC();
    CPUState *cs = env->cpu;
    unsigned nxmm = (form & 1) ? 16 : 8, top;
    uint64_t st[8][2], xmm[16][2];
    uint32_t mxcsr;
    uint16_t fcw, fsw, fop, tw = 0, fcs = 0, fds = 0;
    uint8_t ftw;
    uint64_t fip, fdp;

    check_align(env, addr, ra);
    mxcsr = cpu_ld_mmu(cs, addr + 24, MO_32, mmu_idx, ra);
    if (mxcsr & ~(uint32_t)MXCSR_MASK) {
        x86_raise_exception_err_ra(env, EXCP0D_GPF, 0, ra);
    }
    fcw = cpu_ld_mmu(cs, addr + 0, MO_16, mmu_idx, ra);
    fsw = cpu_ld_mmu(cs, addr + 2, MO_16, mmu_idx, ra);
    ftw = cpu_ld_mmu(cs, addr + 4, MO_8, mmu_idx, ra);
    fop = cpu_ld_mmu(cs, addr + 6, MO_16, mmu_idx, ra) & 0x7ff;
    if (form & 2) {
        fip = cpu_ld_mmu(cs, addr + 8, MO_64, mmu_idx, ra);
        fdp = cpu_ld_mmu(cs, addr + 16, MO_64, mmu_idx, ra);
    } else {
        fip = cpu_ld_mmu(cs, addr + 8, MO_32, mmu_idx, ra);
        fdp = cpu_ld_mmu(cs, addr + 16, MO_32, mmu_idx, ra);
        if (x86_impl()->x87_pointers_always) {
            fcs = cpu_ld_mmu(cs, addr + 12, MO_16, mmu_idx, ra);
            fds = cpu_ld_mmu(cs, addr + 20, MO_16, mmu_idx, ra);
        }
    }
    for (unsigned i = 0; i < 8; i++) {
        st[i][0] = cpu_ld_mmu(cs, addr + 32 + 16 * i, MO_64, mmu_idx, ra);
        st[i][1] = cpu_ld_mmu(cs, addr + 40 + 16 * i, MO_16, mmu_idx, ra);
    }
    for (unsigned i = 0; i < nxmm; i++) {
        xmm[i][0] = cpu_ld_mmu(cs, addr + 160 + 16 * i, MO_64, mmu_idx, ra);
        xmm[i][1] = cpu_ld_mmu(cs, addr + 168 + 16 * i, MO_64, mmu_idx, ra);
    }

    env->fpuc = fcw;
    env->fpus = fsw;
    env->fop = fop;
    env->fpip = fip;
    env->fpdp = fdp;
    env->fpcs = fcs;
    env->fpds = fds;
    env->mxcsr = mxcsr;
    top = (fsw >> 11) & 7;
    for (unsigned i = 0; i < 8; i++) {
        FPReg *r = &env->fpregs[(top + i) & 7];

        memset(r, 0, sizeof(*r));
        r->q[0] = st[i][0];
        r->q[1] = st[i][1];
    }
    for (unsigned i = 0; i < 8; i++) {
        tw |= (ftw & (1u << i) ? tag_of(&env->fpregs[i]) : 3) << (2 * i);
    }
    env->fptw = tw;
    for (unsigned i = 0; i < nxmm; i++) {
        env->xmm[i].q[0] = xmm[i][0];
        env->xmm[i].q[1] = xmm[i][1];
    }
}
