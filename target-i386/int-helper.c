/* SPDX-License-Identifier: MIT */
/*
 * The translator's own run-time helpers: division (raising #DE), the
 * rotates through carry, BCD adjustment, POPF's privilege rules,
 * CMPXCHG8B/16B, POPCNT and raising an exception with an error code.
 * They work on CPUX86State with the lazy flags current in env (the
 * translator syncs cc_op before calling those that read flags).
 */
#include "target-i386/translate.h"

/* ---- division ------------------------------------------------------- */

static void set_reg_sized(CPUX86State *env, int reg, uint64_t v, int size)
{
    switch (size) {
    case 1:
        env->regs[reg] = (env->regs[reg] & ~0xffull) | (v & 0xff);
        break;
    case 2:
        env->regs[reg] = (env->regs[reg] & ~0xffffull) | (v & 0xffff);
        break;
    case 4:
        env->regs[reg] = (uint32_t)v;
        break;
    default:
        env->regs[reg] = v;
        break;
    }
}

void helper_div(CPUX86State *env, uint64_t divisor, uint32_t size)
{
    unsigned bits = size * 8;
    uint64_t mask = bits == 64 ? ~0ull : (1ull << bits) - 1;
    unsigned __int128 num, q;
    uint64_t r;

    divisor &= mask;
    if (divisor == 0) {
        x86_raise_exception_ra(env, EXCP00_DIVZ, GETPC());
    }
    if (size == 1) {
        num = env->regs[R_EAX] & 0xffff;
    } else {
        num = ((unsigned __int128)(env->regs[R_EDX] & mask) << bits) |
              (env->regs[R_EAX] & mask);
    }
    q = num / divisor;
    r = num % divisor;
    if (q > mask) {
        x86_raise_exception_ra(env, EXCP00_DIVZ, GETPC());
    }
    if (size == 1) {
        set_reg_sized(env, R_EAX, ((r & 0xff) << 8) | (uint64_t)q, 2);
    } else {
        set_reg_sized(env, R_EAX, q, size);
        set_reg_sized(env, R_EDX, r, size);
    }
}

static __int128 sext128(uint64_t v, unsigned bits)
{
    return bits == 64 ? (__int128)(int64_t)v
                      : (__int128)((int64_t)(v << (64 - bits)) >> (64 - bits));
}

void helper_idiv(CPUX86State *env, uint64_t divisor, uint32_t size)
{
    unsigned bits = size * 8;
    __int128 num, d = sext128(divisor, bits), q, r;
    __int128 max = ((__int128)1 << (bits - 1)) - 1, min = -max - 1;

    if (d == 0) {
        x86_raise_exception_ra(env, EXCP00_DIVZ, GETPC());
    }
    if (size == 1) {
        num = (int16_t)env->regs[R_EAX];
    } else if (size == 8) {
        num = (__int128)(((unsigned __int128)env->regs[R_EDX] << 64) |
                         env->regs[R_EAX]);
    } else {
        uint64_t m = (1ull << bits) - 1;
        uint64_t raw = ((env->regs[R_EDX] & m) << bits) |
                       (env->regs[R_EAX] & m);

        num = sext128(raw, 2 * bits);
    }
    if (size == 8 && num == ((__int128)1 << 127) && d == -1) {
        x86_raise_exception_ra(env, EXCP00_DIVZ, GETPC());
    }
    q = num / d;
    r = num % d;
    if (q > max || q < min) {
        x86_raise_exception_ra(env, EXCP00_DIVZ, GETPC());
    }
    if (size == 1) {
        set_reg_sized(env, R_EAX, (((uint64_t)r & 0xff) << 8) |
                                  ((uint64_t)q & 0xff), 2);
    } else {
        set_reg_sized(env, R_EAX, (uint64_t)q, size);
        set_reg_sized(env, R_EDX, (uint64_t)r, size);
    }
}

/* ---- rotates through carry ------------------------------------------ */

static unsigned rc_count(uint64_t count, unsigned size)
{
    return size == 1 ? count % 9 : size == 2 ? count % 17 : count;
}

static uint64_t rc_rotate(uint64_t val, uint64_t count, uint64_t flags,
                          uint32_t size, bool left, uint64_t *nflags)
{
    unsigned bits = size * 8, n = rc_count(count, size);
    uint64_t mask = bits == 64 ? ~0ull : (1ull << bits) - 1;
    uint64_t cf = flags & EFLAGS_CF, msb, of;

    val &= mask;
    for (unsigned i = 0; i < n; i++) {
        uint64_t out;

        if (left) {
            out = (val >> (bits - 1)) & 1;
            val = ((val << 1) | cf) & mask;
        } else {
            out = val & 1;
            val = (val >> 1) | (cf << (bits - 1));
        }
        cf = out;
    }
    msb = (val >> (bits - 1)) & 1;
    of = left ? msb ^ cf : msb ^ ((val >> (bits - 2)) & 1);
    *nflags = (flags & ~(uint64_t)(EFLAGS_CF | EFLAGS_OF)) | cf |
              (of ? EFLAGS_OF : 0);
    return val;
}

uint64_t helper_rcl(uint64_t val, uint64_t count, uint64_t flags,
                    uint32_t size)
{
    uint64_t f;

    return rc_rotate(val, count, flags, size, true, &f);
}

uint64_t helper_rcr(uint64_t val, uint64_t count, uint64_t flags,
                    uint32_t size)
{
    uint64_t f;

    return rc_rotate(val, count, flags, size, false, &f);
}

uint64_t helper_rcl_flags(uint64_t val, uint64_t count, uint64_t flags,
                          uint32_t size)
{
    uint64_t f;

    rc_rotate(val, count, flags, size, true, &f);
    return f;
}

uint64_t helper_rcr_flags(uint64_t val, uint64_t count, uint64_t flags,
                          uint32_t size)
{
    uint64_t f;

    rc_rotate(val, count, flags, size, false, &f);
    return f;
}

uint64_t helper_popcnt(uint64_t v)
{
    return __builtin_popcountll(v);
}

/* ---- BCD (SDM Vol. 2A, DAA/DAS/AAA/AAS/AAM/AAD) ---------------------- */

static uint64_t flags_now(CPUX86State *env)
{
    return helper_cc_compute_all(env->cc_dst, env->cc_src, env->cc_src2,
                                 env->cc_op);
}

static uint64_t szp8(uint8_t v)
{
    return (v == 0 ? EFLAGS_ZF : 0) | (v & 0x80 ? EFLAGS_SF : 0) |
           (__builtin_parity(v) ? 0 : EFLAGS_PF);
}

static void set_arith(CPUX86State *env, uint64_t f)
{
    env->cc_src = f & CC_ARITH_MASK;
    env->cc_op = CC_OP_EFLAGS;
}

static uint8_t get_al(CPUX86State *env)
{
    return env->regs[R_EAX] & 0xff;
}

static void set_al(CPUX86State *env, uint8_t v)
{
    set_reg_sized(env, R_EAX, v, 1);
}

void helper_daa(CPUX86State *env)
{
    uint64_t f = flags_now(env);
    uint8_t al = get_al(env), old = al;
    bool cf = f & EFLAGS_CF, af = false;

    if ((al & 0xf) > 9 || (f & EFLAGS_AF)) {
        cf = cf || al > 0xf9;
        al += 6;
        af = true;
    }
    if (old > 0x99 || (f & EFLAGS_CF)) {
        al += 0x60;
        cf = true;
    }
    set_al(env, al);
    set_arith(env, szp8(al) | (cf ? EFLAGS_CF : 0) | (af ? EFLAGS_AF : 0));
}

void helper_das(CPUX86State *env)
{
    uint64_t f = flags_now(env);
    uint8_t al = get_al(env), old = al;
    bool cf = false, af = false;

    if ((al & 0xf) > 9 || (f & EFLAGS_AF)) {
        cf = (f & EFLAGS_CF) || al < 6;
        al -= 6;
        af = true;
    }
    if (old > 0x99 || (f & EFLAGS_CF)) {
        al -= 0x60;
        cf = true;
    }
    set_al(env, al);
    set_arith(env, szp8(al) | (cf ? EFLAGS_CF : 0) | (af ? EFLAGS_AF : 0));
}

static void ascii_adjust(CPUX86State *env, bool add)
{
    uint64_t f = flags_now(env);
    uint16_t ax = env->regs[R_EAX] & 0xffff;
    bool adj = (ax & 0xf) > 9 || (f & EFLAGS_AF);

    if (adj) {
        ax = add ? ax + 0x106 : ax - 0x106;
    }
    ax &= 0xff0f;
    set_reg_sized(env, R_EAX, ax, 2);
    set_arith(env, szp8(ax & 0xff) |
                   (adj ? EFLAGS_CF | EFLAGS_AF : 0));
}

void helper_aaa(CPUX86State *env)
{
    ascii_adjust(env, true);
}

void helper_aas(CPUX86State *env)
{
    ascii_adjust(env, false);
}

void helper_aam(CPUX86State *env, uint32_t base)
{
    uint8_t al = get_al(env);

    if (base == 0) {
        x86_raise_exception_ra(env, EXCP00_DIVZ, GETPC());
    }
    set_reg_sized(env, R_EAX, ((al / base) << 8) | (al % base), 2);
    set_arith(env, szp8(al % base));
}

void helper_aad(CPUX86State *env, uint32_t base)
{
    uint16_t ax = env->regs[R_EAX] & 0xffff;
    uint8_t al = (ax & 0xff) + (ax >> 8) * base;

    set_reg_sized(env, R_EAX, al, 2);
    set_arith(env, szp8(al));
}

/* ---- POPF (SDM Vol. 2B, POPF: who may change IF and IOPL) ------------ */

void helper_write_eflags(CPUX86State *env, uint64_t val, uint32_t size)
{
    uint64_t mask = CC_ARITH_MASK | EFLAGS_TF | EFLAGS_DF | EFLAGS_NT;
    bool pe = env->cr[0] & CR0_PE;
    bool vm = env->eflags & EFLAGS_VM;
    int iopl = (env->eflags & EFLAGS_IOPL) >> 12;
    int cpl = x86_cpl(env);

    if (pe && vm && iopl < 3) {
        x86_raise_exception_err_ra(env, EXCP0D_GPF, 0, GETPC());
    }
    if (!pe || (!vm && cpl == 0)) {
        mask |= EFLAGS_IF | EFLAGS_IOPL;
    } else if (vm || cpl <= iopl) {
        mask |= EFLAGS_IF;
    }
    if (size > 2) {
        mask |= EFLAGS_AC | EFLAGS_ID;
    } else {
        mask &= 0xffff;
    }
    x86_eflags_set(env, val, mask);
    env->eflags &= ~(uint64_t)EFLAGS_RF;
}

/* ---- CMPXCHG8B / CMPXCHG16B ----------------------------------------- */

static void set_zf(CPUX86State *env, bool zf)
{
    x86_eflags_set(env, zf ? EFLAGS_ZF : 0, EFLAGS_ZF);
}

void helper_cmpxchg8b(CPUX86State *env, uint64_t addr, uint32_t mmu_idx)
{
    uintptr_t ra = GETPC();
    uint64_t old = cpu_ld_mmu(env->cpu, addr, MO_64, mmu_idx, ra);
    uint64_t cmp = ((env->regs[R_EDX] & 0xffffffff) << 32) |
                   (env->regs[R_EAX] & 0xffffffff);

    if (old == cmp) {
        cpu_st_mmu(env->cpu, addr, ((env->regs[R_ECX] & 0xffffffff) << 32) |
                   (env->regs[R_EBX] & 0xffffffff), MO_64, mmu_idx, ra);
        set_zf(env, true);
    } else {
        /* The destination is written back unchanged (a locked cycle). */
        cpu_st_mmu(env->cpu, addr, old, MO_64, mmu_idx, ra);
        env->regs[R_EAX] = (uint32_t)old;
        env->regs[R_EDX] = old >> 32;
        set_zf(env, false);
    }
}

void helper_cmpxchg16b(CPUX86State *env, uint64_t addr, uint32_t mmu_idx)
{
    uintptr_t ra = GETPC();
    uint64_t lo, hi;

    if (addr & 15) {
        x86_raise_exception_err_ra(env, EXCP0D_GPF, 0, ra);
    }
    lo = cpu_ld_mmu(env->cpu, addr, MO_64, mmu_idx, ra);
    hi = cpu_ld_mmu(env->cpu, addr + 8, MO_64, mmu_idx, ra);
    if (lo == env->regs[R_EAX] && hi == env->regs[R_EDX]) {
        cpu_st_mmu(env->cpu, addr, env->regs[R_EBX], MO_64, mmu_idx, ra);
        cpu_st_mmu(env->cpu, addr + 8, env->regs[R_ECX], MO_64, mmu_idx, ra);
        set_zf(env, true);
    } else {
        cpu_st_mmu(env->cpu, addr, lo, MO_64, mmu_idx, ra);
        cpu_st_mmu(env->cpu, addr + 8, hi, MO_64, mmu_idx, ra);
        env->regs[R_EAX] = lo;
        env->regs[R_EDX] = hi;
        set_zf(env, false);
    }
}

/* ---- exceptions ----------------------------------------------------- */

void helper_check_canonical(CPUX86State *env, uint64_t addr, uint32_t vector)
{
    if ((uint64_t)((int64_t)(addr << 16) >> 16) != addr) {
        x86_raise_exception_err_ra(env, vector, 0, GETPC());
    }
}

void helper_raise_exception_err(CPUX86State *env, uint32_t vector,
                                uint32_t err)
{
    x86_raise_exception_err(env, vector, err);
}
