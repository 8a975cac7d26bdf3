/* SPDX-License-Identifier: MIT */
/*
 * Segmentation under TCG: descriptor fetch from the GDT/LDT, segment
 * register loads in real, virtual-8086 and protected mode (MOV/POP Sreg,
 * LDS and friends), LLDT/LTR, LAR/LSL/VERR/VERW, and the pieces the
 * interrupt and far-transfer helpers share (TSS stacks, the stack cursor,
 * EFLAGS write masks). The type and privilege rules themselves are the
 * pure functions of desc.c.
 */
#include "target-i386/seg.h"
#include "util/log.h"

uint64_t x86_desc_addr(CPUX86State *env, uint32_t sel)
{
    uint64_t base = (sel & 4) ? env->ldt.base : env->gdt.base;
    uint64_t addr = base + (sel & ~7u);

    return x86_long_mode(env) ? addr : (uint32_t)addr;
}

bool x86_read_desc(CPUX86State *env, uint32_t sel, uint32_t *lo,
                   uint32_t *hi, uintptr_t ra)
{
    uint32_t limit;
    uint64_t addr;

    if (sel & 4) {
        if (env->ldt.attr & SEG_ATTR_UNUSABLE || !(env->ldt.selector & ~3)) {
            return false;
        }
        limit = env->ldt.limit;
    } else {
        limit = env->gdt.limit;
    }
    if ((sel & ~7u) + 7 > limit) {
        return false;
    }
    addr = x86_desc_addr(env, sel);
    *lo = cpu_ld_mmu(env->cpu, addr, MO_32, x86_mmu_sys(env), ra);
    *hi = cpu_ld_mmu(env->cpu, addr + 4, MO_32, x86_mmu_sys(env), ra);
    return true;
}

void x86_set_accessed(CPUX86State *env, uint32_t sel, uint32_t hi,
                      uintptr_t ra)
{
    if (!(hi & (DESC_A << 8))) {
        cpu_st_mmu(env->cpu, x86_desc_addr(env, sel) + 4, hi | (DESC_A << 8),
                   MO_32, x86_mmu_sys(env), ra);
    }
}

void x86_load_seg_real(CPUX86State *env, int reg, uint16_t sel)
{
    SegmentCache *sc = &env->segs[reg];

    sc->selector = sel;
    sc->base = (uint32_t)sel << 4;
    if (x86_vm86(env)) {
        /* SDM Vol. 3A, 20.1.1: 64 KiB segments at privilege 3. */
        sc->limit = 0xffff;
        sc->attr = SEG_ATTR_P | SEG_ATTR_S | (3 << SEG_ATTR_DPL_SHIFT) |
                   (reg == R_CS ? 0xb : 0x3);
    } else {
        /* Real mode keeps limit and attributes (SDM Vol. 3A, 20.1.1). */
        sc->attr = (sc->attr & ~SEG_ATTR_UNUSABLE) | SEG_ATTR_P | SEG_ATTR_S;
    }
}

void x86_load_seg_null(CPUX86State *env, int reg, uint16_t sel)
{
    uint32_t attr = SEG_ATTR_UNUSABLE;

    if (reg == R_SS) {
        attr |= (sel & 3) << SEG_ATTR_DPL_SHIFT;   /* keeps CPL */
    }
    x86_seg_set(env, reg, sel, 0, 0, attr);
}

void x86_load_seg_checked(CPUX86State *env, int reg, uint32_t sel,
                          uintptr_t ra)
{
    unsigned cpl = x86_cpl(env), rpl = sel & 3;
    uint32_t lo, hi;
    int fault;

    if (!(sel & ~3u)) {
        /* SDM Vol. 2B, MOV: a null SS only in 64-bit mode at CPL < 3
         * with RPL = CPL. */
        if (reg == R_SS && (!x86_code64(env) || cpl == 3 || rpl != cpl)) {
            x86_raise_exception_err_ra(env, EXCP0D_GPF, 0, ra);
        }
        x86_load_seg_null(env, reg, sel);
        return;
    }
    if (!x86_read_desc(env, sel, &lo, &hi, ra)) {
        raise_sel(env, EXCP0D_GPF, sel, ra);
    }
    fault = reg == R_SS ? desc_check_ss_load(desc_attr(hi), rpl, cpl)
                        : desc_check_data_load(desc_attr(hi), rpl, cpl);
    if (fault) {
        raise_sel(env, fault, sel, ra);
    }
    x86_set_accessed(env, sel, hi, ra);
    desc_to_cache(&env->segs[reg], sel, lo, hi | (DESC_A << 8));
}

void helper_load_seg(CPUX86State *env, uint32_t seg_reg, uint32_t selector)
{
    selector &= 0xffff;
    if (!x86_pe(env) || x86_vm86(env)) {
        x86_load_seg_real(env, seg_reg, selector);
        return;
    }
    if (seg_reg == R_CS || seg_reg >= X86_NR_SEGS) {
        x86_raise_exception_ra(env, EXCP06_ILLOP, GETPC());
    }
    x86_load_seg_checked(env, seg_reg, selector, GETPC());
}

void x86_validate_data_segs(CPUX86State *env, unsigned cpl)
{
    static const int regs[] = { R_ES, R_DS, R_FS, R_GS };

    for (unsigned i = 0; i < G_N_ELEMENTS(regs); i++) {
        if (!desc_data_valid_for_cpl(env->segs[regs[i]].attr, cpl)) {
            x86_load_seg_null(env, regs[i], 0);
        }
    }
}

/* ---- TSS stacks (SDM Vol. 3A, 7.2.1 Figure 7-2, 7.6, 7.7) ---- */

void x86_tss_stack(CPUX86State *env, unsigned dpl, uint32_t *ss,
                   uint64_t *sp, uintptr_t ra)
{
    bool tss32 = (env->tr.attr & 8) != 0;
    unsigned off = tss32 ? 4 + dpl * 8 : 2 + dpl * 4;
    unsigned size = tss32 ? 8 : 4;
    uint64_t base = env->tr.base;
    int mmu = x86_mmu_sys(env);

    if (!(env->tr.attr & SEG_ATTR_P) || off + size - 1 > env->tr.limit) {
        raise_sel(env, EXCP0A_TSS, env->tr.selector, ra);
    }
    if (tss32) {
        *sp = cpu_ld_mmu(env->cpu, (uint32_t)(base + off), MO_32, mmu, ra);
        *ss = cpu_ld_mmu(env->cpu, (uint32_t)(base + off + 4), MO_16, mmu,
                         ra);
    } else {
        *sp = cpu_ld_mmu(env->cpu, (uint32_t)(base + off), MO_16, mmu, ra);
        *ss = cpu_ld_mmu(env->cpu, (uint32_t)(base + off + 2), MO_16, mmu,
                         ra);
    }
}

uint64_t x86_tss_rsp64(CPUX86State *env, unsigned dpl, unsigned ist,
                       uintptr_t ra)
{
    unsigned off = ist ? 36 + (ist - 1) * 8 : 4 + dpl * 8;

    if (!(env->tr.attr & SEG_ATTR_P) || off + 7 > env->tr.limit) {
        raise_sel(env, EXCP0A_TSS, env->tr.selector, ra);
    }
    return cpu_ld_mmu(env->cpu, env->tr.base + off, MO_64, x86_mmu_sys(env),
                      ra);
}

/* ---- The stack cursor ---- */

void x86_stack_init(X86Stack *s, CPUX86State *env, uint64_t base,
                    uint64_t mask, uint64_t sp, unsigned cpl, uintptr_t ra)
{
    s->env = env;
    s->base = base;
    s->mask = mask;
    s->sp = sp;
    s->mmu_idx = x86_mmu_idx_for(env, cpl);
    s->wrap32 = !x86_long_mode(env);
    s->ra = ra;
}

static uint64_t stack_addr(const X86Stack *s)
{
    uint64_t addr = s->base + (s->sp & s->mask);

    return s->wrap32 ? (uint32_t)addr : addr;
}

static MemOp size_op(unsigned size)
{
    return size == 8 ? MO_64 : size == 4 ? MO_32 : MO_16;
}

void x86_push(X86Stack *s, uint64_t val, unsigned size)
{
    s->sp = (s->sp & ~s->mask) | ((s->sp - size) & s->mask);
    cpu_st_mmu(s->env->cpu, stack_addr(s), val, size_op(size), s->mmu_idx,
               s->ra);
}

uint64_t x86_pop(X86Stack *s, unsigned size)
{
    uint64_t val = cpu_ld_mmu(s->env->cpu, stack_addr(s), size_op(size),
                              s->mmu_idx, s->ra);

    s->sp = (s->sp & ~s->mask) | ((s->sp + size) & s->mask);
    return val;
}

void x86_stack_commit(X86Stack *s)
{
    s->env->regs[R_ESP] = s->sp;
}

uint64_t x86_eflags_write_mask(CPUX86State *env, unsigned cpl,
                               unsigned op_size)
{
    uint64_t mask = EFLAGS_CF | EFLAGS_PF | EFLAGS_AF | EFLAGS_ZF |
                    EFLAGS_SF | EFLAGS_TF | EFLAGS_DF | EFLAGS_OF |
                    EFLAGS_NT | EFLAGS_RF | EFLAGS_AC | EFLAGS_ID;
    unsigned iopl = (env->eflags & EFLAGS_IOPL) >> 12;

    if (cpl == 0) {
        mask |= EFLAGS_IOPL | EFLAGS_VIF | EFLAGS_VIP;
    }
    if (cpl <= iopl) {
        mask |= EFLAGS_IF;
    }
    return op_size == 2 ? mask & 0xffff : mask;
}

/* ---- LLDT, LTR (SDM Vol. 2A) ---- */

/*
 * The system descriptor of @sel in the GDT for LLDT/LTR: 16 bytes in
 * IA-32e mode (base 63:32 in the third dword, type 0 in the fourth).
 */
static void read_sys_desc(CPUX86State *env, uint32_t sel, uint32_t *lo,
                          uint32_t *hi, uint64_t *base, uintptr_t ra)
{
    unsigned size = x86_long_mode(env) ? 16 : 8;
    uint64_t addr = x86_desc_addr(env, sel);

    if ((sel & 4) || (sel & ~7u) + size - 1 > env->gdt.limit ||
        !x86_read_desc(env, sel, lo, hi, ra)) {
        raise_sel(env, EXCP0D_GPF, sel, ra);
    }
    *base = desc_base(*lo, *hi);
    if (size == 16) {
        uint32_t b_hi = cpu_ld_mmu(env->cpu, addr + 8, MO_32,
                                   x86_mmu_sys(env), ra);
        uint32_t dw3 = cpu_ld_mmu(env->cpu, addr + 12, MO_32,
                                  x86_mmu_sys(env), ra);
        if ((dw3 >> 8) & 0x1f) {
            raise_sel(env, EXCP0D_GPF, sel, ra);
        }
        *base |= (uint64_t)b_hi << 32;
    }
}

void helper_lldt(CPUX86State *env, uint32_t selector)
{
    uintptr_t ra = GETPC();
    uint32_t lo, hi, sel = selector & 0xffff;
    uint64_t base;

    if (x86_cpl(env) != 0) {
        x86_raise_exception_err_ra(env, EXCP0D_GPF, 0, ra);
    }
    if (!(sel & ~3u)) {
        env->ldt = (SegmentCache){ .selector = sel,
                                   .attr = SEG_ATTR_UNUSABLE };
        return;
    }
    read_sys_desc(env, sel, &lo, &hi, &base, ra);
    if ((desc_attr(hi) & SEG_ATTR_S) ||
        attr_type(desc_attr(hi)) != DESC_LDT) {
        raise_sel(env, EXCP0D_GPF, sel, ra);
    }
    if (!(desc_attr(hi) & SEG_ATTR_P)) {
        raise_sel(env, EXCP0B_NOSEG, sel, ra);
    }
    desc_to_cache(&env->ldt, sel, lo, hi);
    env->ldt.base = base;
}

void helper_ltr(CPUX86State *env, uint32_t selector)
{
    uintptr_t ra = GETPC();
    uint32_t lo, hi, sel = selector & 0xffff;
    uint32_t attr;
    uint64_t base;
    unsigned type;

    if (x86_cpl(env) != 0 || !(sel & ~3u)) {
        x86_raise_exception_err_ra(env, EXCP0D_GPF, 0, ra);
    }
    read_sys_desc(env, sel, &lo, &hi, &base, ra);
    attr = desc_attr(hi);
    type = attr_type(attr);
    if ((attr & SEG_ATTR_S) ||
        (type != DESC_TSS32_AVAIL &&
         (type != DESC_TSS16_AVAIL || x86_long_mode(env)))) {
        raise_sel(env, EXCP0D_GPF, sel, ra);
    }
    if (!(attr & SEG_ATTR_P)) {
        raise_sel(env, EXCP0B_NOSEG, sel, ra);
    }
    /* Mark the TSS busy (SDM Vol. 3A, 7.2.2). */
    hi |= 2u << 8;
    cpu_st_mmu(env->cpu, x86_desc_addr(env, sel) + 4, hi, MO_32,
               x86_mmu_sys(env), ra);
    desc_to_cache(&env->tr, sel, lo, hi);
    env->tr.base = base;
}

/* ---- LAR, LSL, VERR, VERW (SDM Vol. 2A/2B): ZF says whether ---- */

static void set_zf(CPUX86State *env, bool zf)
{
    x86_eflags_set(env, zf ? EFLAGS_ZF : 0, EFLAGS_ZF);
}

/* The descriptor of @sel if it exists and is not null. */
static bool probe_desc(CPUX86State *env, uint32_t sel, uint32_t *lo,
                       uint32_t *hi, uintptr_t ra)
{
    return (sel & ~3u) && x86_read_desc(env, sel, lo, hi, ra);
}

uint64_t helper_lar(CPUX86State *env, uint32_t selector)
{
    uint32_t lo, hi, attr, sel = selector & 0xffff;
    bool ok;

    ok = probe_desc(env, sel, &lo, &hi, GETPC());
    attr = ok ? desc_attr(hi) : 0;
    ok = ok && desc_lar_type_ok(attr, x86_long_mode(env)) &&
         (attr_is_conforming(attr) ||
          (attr_dpl(attr) >= x86_cpl(env) && attr_dpl(attr) >= (sel & 3)));
    set_zf(env, ok);
    return ok ? hi & 0x00f0ff00 : 0;
}

uint64_t helper_lsl(CPUX86State *env, uint32_t selector)
{
    uint32_t lo, hi, attr, sel = selector & 0xffff;
    bool ok;

    ok = probe_desc(env, sel, &lo, &hi, GETPC());
    attr = ok ? desc_attr(hi) : 0;
    ok = ok && desc_lsl_type_ok(attr, x86_long_mode(env)) &&
         (attr_is_conforming(attr) ||
          (attr_dpl(attr) >= x86_cpl(env) && attr_dpl(attr) >= (sel & 3)));
    set_zf(env, ok);
    return ok ? desc_limit(lo, hi) : 0;
}

void helper_verr(CPUX86State *env, uint32_t selector)
{
    uint32_t lo, hi, sel = selector & 0xffff;
    bool ok = probe_desc(env, sel, &lo, &hi, GETPC());

    set_zf(env, ok && desc_verr_ok(desc_attr(hi), sel & 3, x86_cpl(env)));
}

void helper_verw(CPUX86State *env, uint32_t selector)
{
    uint32_t lo, hi, sel = selector & 0xffff;
    bool ok = probe_desc(env, sel, &lo, &hi, GETPC());

    set_zf(env, ok && desc_verw_ok(desc_attr(hi), sel & 3, x86_cpl(env)));
}
