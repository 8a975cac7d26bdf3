/* SPDX-License-Identifier: MIT */
/*
 * Far transfers under TCG: JMP far, CALL far (real mode, direct to a code
 * segment, through 16/32-bit and 64-bit call gates with privilege change
 * and parameter copy), RET far and IRET (same level, outer level, to
 * virtual-8086 mode, IRETQ), after SDM Vol. 3A 5.8 and the JMP, CALL, RET
 * and IRET pseudocode of SDM Vol. 2. Task switches (TSS and task-gate
 * selectors, IRET with NT) are not modelled: they raise #GP(selector) and
 * log under -d unimp.
 */
#include "target-i386/seg.h"
#include "util/log.h"

static bool is_canonical(uint64_t addr)
{
    return (uint64_t)(((int64_t)addr << 16) >> 16) == addr;
}

/* A code segment whose descriptor says 64-bit code in IA-32e mode. */
static bool is_code64(CPUX86State *env, uint32_t attr)
{
    return x86_long_mode(env) && (attr & SEG_ATTR_L);
}

/* The new EIP must lie within the new CS limit, or be canonical. */
static void check_target_ip(CPUX86State *env, uint32_t lo, uint32_t hi,
                            uint64_t ip, uintptr_t ra)
{
    if (is_code64(env, desc_attr(hi)) ? !is_canonical(ip)
                                      : ip > desc_limit(lo, hi)) {
        x86_raise_exception_err_ra(env, EXCP0D_GPF, 0, ra);
    }
}

static void load_cs(CPUX86State *env, uint32_t sel, uint32_t lo, uint32_t hi,
                    unsigned cpl, uint64_t ip, uintptr_t ra)
{
    x86_set_accessed(env, sel, hi, ra);
    desc_to_cache(&env->segs[R_CS], (sel & 0xfffc) | cpl, lo,
                  hi | (DESC_A << 8));
    env->rip = ip;
}

/* The stack of the current SS (base 0, 64-bit SP in 64-bit mode). */
static void stack_current(X86Stack *s, CPUX86State *env, uintptr_t ra)
{
    if (x86_code64(env)) {
        x86_stack_init(s, env, 0, ~0ull, env->regs[R_ESP], x86_cpl(env), ra);
    } else {
        x86_stack_init(s, env, env->segs[R_SS].base,
                       x86_sp_mask(env->segs[R_SS].attr), env->regs[R_ESP],
                       x86_cpl(env), ra);
    }
}

/* A call gate (SDM Vol. 3A, 5.8.3, 5.8.3.1): the target code segment. */
typedef struct CallGate {
    uint32_t sel, lo, hi;       /* target code segment descriptor */
    uint64_t ip;
    unsigned size;              /* 2, 4 or 8: the gate's push size */
    unsigned params;            /* parameter count (32/16-bit gates) */
} CallGate;

static void read_call_gate(CPUX86State *env, uint32_t sel, uint32_t glo,
                           uint32_t ghi, CallGate *cg, uintptr_t ra)
{
    unsigned type = attr_type(desc_attr(ghi)), cpl = x86_cpl(env);
    unsigned dpl = attr_dpl(desc_attr(ghi));
    bool lma = x86_long_mode(env);
    int fault;

    if (type == DESC_TASK || type == DESC_TSS16_AVAIL ||
        type == DESC_TSS32_AVAIL) {
        log_mask_printf(LOG_UNIMP, "far transfer to a task (sel %04x)\n",
                        sel);
        raise_sel(env, EXCP0D_GPF, sel, ra);
    }
    if (type != DESC_CALL32 && (type != DESC_CALL16 || lma)) {
        raise_sel(env, EXCP0D_GPF, sel, ra);
    }
    if (dpl < cpl || dpl < (sel & 3)) {
        raise_sel(env, EXCP0D_GPF, sel, ra);
    }
    if (!(ghi & (1u << 15))) {
        raise_sel(env, EXCP0B_NOSEG, sel, ra);
    }
    cg->sel = glo >> 16;
    cg->size = lma ? 8 : type == DESC_CALL32 ? 4 : 2;
    cg->params = lma ? 0 : ghi & 0x1f;
    cg->ip = cg->size == 2 ? glo & 0xffff : (glo & 0xffff) |
             (ghi & 0xffff0000);
    if (lma) {
        uint64_t addr = x86_desc_addr(env, sel);
        uint32_t hi2, dw3;

        if ((sel & ~7u) + 15 > ((sel & 4) ? env->ldt.limit
                                          : env->gdt.limit)) {
            raise_sel(env, EXCP0D_GPF, sel, ra);
        }
        hi2 = cpu_ld_mmu(env->cpu, addr + 8, MO_32, x86_mmu_sys(env), ra);
        dw3 = cpu_ld_mmu(env->cpu, addr + 12, MO_32, x86_mmu_sys(env), ra);
        if ((dw3 >> 8) & 0x1f) {
            raise_sel(env, EXCP0D_GPF, sel, ra);
        }
        cg->ip |= (uint64_t)hi2 << 32;
    }
    if (!(cg->sel & ~3u)) {
        x86_raise_exception_err_ra(env, EXCP0D_GPF, 0, ra);
    }
    if (!x86_read_desc(env, cg->sel, &cg->lo, &cg->hi, ra)) {
        raise_sel(env, EXCP0D_GPF, cg->sel, ra);
    }
    fault = desc_check_gate_target(desc_attr(cg->hi), cpl);
    if (!fault && lma && (!(desc_attr(cg->hi) & SEG_ATTR_L) ||
                          (desc_attr(cg->hi) & SEG_ATTR_DB))) {
        fault = EXCP0D_GPF;
    }
    if (fault) {
        raise_sel(env, fault, cg->sel, ra);
    }
}

void helper_ljmp_protected(CPUX86State *env, uint32_t selector,
                           uint64_t new_eip, uint32_t next_eip_addend)
{
    uintptr_t ra = GETPC();
    uint32_t sel = selector & 0xffff, lo, hi;
    unsigned cpl = x86_cpl(env);
    CallGate cg;
    int fault;

    if (!(sel & ~3u)) {
        x86_raise_exception_err_ra(env, EXCP0D_GPF, 0, ra);
    }
    if (!x86_read_desc(env, sel, &lo, &hi, ra)) {
        raise_sel(env, EXCP0D_GPF, sel, ra);
    }
    if (desc_attr(hi) & SEG_ATTR_S) {
        fault = desc_check_code_direct(desc_attr(hi), sel & 3, cpl,
                                       x86_long_mode(env));
        if (fault) {
            raise_sel(env, fault, sel, ra);
        }
        check_target_ip(env, lo, hi, new_eip, ra);
        load_cs(env, sel, lo, hi, cpl, new_eip, ra);
        return;
    }
    read_call_gate(env, sel, lo, hi, &cg, ra);
    /* JMP through a gate never changes privilege (SDM Vol. 2A, JMP). */
    if (!attr_is_conforming(desc_attr(cg.hi)) &&
        attr_dpl(desc_attr(cg.hi)) != cpl) {
        raise_sel(env, EXCP0D_GPF, cg.sel, ra);
    }
    check_target_ip(env, cg.lo, cg.hi, cg.ip, ra);
    load_cs(env, cg.sel, cg.lo, cg.hi, cpl, cg.ip, ra);
}

void helper_lcall_real(CPUX86State *env, uint32_t selector,
                       uint64_t new_eip, uint32_t op_size,
                       uint64_t next_eip)
{
    X86Stack s;

    stack_current(&s, env, GETPC());
    x86_push(&s, env->segs[R_CS].selector, op_size);
    x86_push(&s, next_eip, op_size);
    x86_stack_commit(&s);
    x86_load_seg_real(env, R_CS, selector & 0xffff);
    env->rip = new_eip;
}

/* CALL through a gate to a more privileged level (SDM Vol. 3A, 5.8.5). */
static void call_gate_inner(CPUX86State *env, const CallGate *cg,
                            uint64_t next_eip, uintptr_t ra)
{
    unsigned dpl = attr_dpl(desc_attr(cg->hi));
    uint32_t ss = 0, slo = 0, shi = 0;
    uint64_t sp;
    X86Stack s, old;

    if (x86_long_mode(env)) {
        sp = x86_tss_rsp64(env, dpl, 0, ra);
        x86_stack_init(&s, env, 0, ~0ull, sp, dpl, ra);
    } else {
        int fault;

        x86_tss_stack(env, dpl, &ss, &sp, ra);
        if (!(ss & ~3u)) {
            x86_raise_exception_err_ra(env, EXCP0A_TSS, 0, ra);
        }
        if (!x86_read_desc(env, ss, &slo, &shi, ra)) {
            raise_sel(env, EXCP0A_TSS, ss, ra);
        }
        fault = desc_check_ss_inner(desc_attr(shi), ss & 3, dpl);
        if (fault) {
            raise_sel(env, fault, ss, ra);
        }
        x86_stack_init(&s, env, desc_base(slo, shi),
                       x86_sp_mask(desc_attr(shi)), sp, dpl, ra);
    }
    x86_push(&s, env->segs[R_SS].selector, cg->size);
    x86_push(&s, env->regs[R_ESP], cg->size);
    stack_current(&old, env, ra);
    for (int i = cg->params - 1; i >= 0; i--) {
        old.sp = env->regs[R_ESP] + i * cg->size;
        x86_push(&s, x86_pop(&old, cg->size), cg->size);
    }
    x86_push(&s, env->segs[R_CS].selector, cg->size);
    x86_push(&s, next_eip, cg->size);
    if (x86_long_mode(env)) {
        x86_load_seg_null(env, R_SS, dpl);
    } else {
        x86_set_accessed(env, ss, shi, ra);
        desc_to_cache(&env->segs[R_SS], ss, slo, shi | (DESC_A << 8));
    }
    x86_stack_commit(&s);
    load_cs(env, cg->sel, cg->lo, cg->hi, dpl, cg->ip, ra);
}

void helper_lcall_protected(CPUX86State *env, uint32_t selector,
                            uint64_t new_eip, uint32_t op_size,
                            uint32_t next_eip_addend)
{
    uintptr_t ra = GETPC();
    uint64_t next_eip = env->rip + next_eip_addend;
    uint32_t sel = selector & 0xffff, lo, hi;
    unsigned cpl = x86_cpl(env);
    CallGate cg;
    X86Stack s;
    int fault;

    if (!x86_code64(env)) {
        next_eip = (uint32_t)next_eip;
    }
    if (!(sel & ~3u)) {
        x86_raise_exception_err_ra(env, EXCP0D_GPF, 0, ra);
    }
    if (!x86_read_desc(env, sel, &lo, &hi, ra)) {
        raise_sel(env, EXCP0D_GPF, sel, ra);
    }
    if (desc_attr(hi) & SEG_ATTR_S) {
        fault = desc_check_code_direct(desc_attr(hi), sel & 3, cpl,
                                       x86_long_mode(env));
        if (fault) {
            raise_sel(env, fault, sel, ra);
        }
        check_target_ip(env, lo, hi, new_eip, ra);
        cg = (CallGate){ .sel = sel, .lo = lo, .hi = hi, .ip = new_eip,
                         .size = op_size };
    } else {
        read_call_gate(env, sel, lo, hi, &cg, ra);
        check_target_ip(env, cg.lo, cg.hi, cg.ip, ra);
        if (!attr_is_conforming(desc_attr(cg.hi)) &&
            attr_dpl(desc_attr(cg.hi)) < cpl) {
            call_gate_inner(env, &cg, next_eip, ra);
            return;
        }
    }
    stack_current(&s, env, ra);
    x86_push(&s, env->segs[R_CS].selector, cg.size);
    x86_push(&s, next_eip, cg.size);
    x86_stack_commit(&s);
    load_cs(env, cg.sel, cg.lo, cg.hi, cpl, cg.ip, ra);
}

/* The CS popped by RET far or IRET (SDM Vol. 2B, RET and IRET). */
static void check_return_cs(CPUX86State *env, uint32_t cs, uint32_t *lo,
                            uint32_t *hi, uintptr_t ra)
{
    int fault;

    if (!(cs & ~3u)) {
        x86_raise_exception_err_ra(env, EXCP0D_GPF, 0, ra);
    }
    if (!x86_read_desc(env, cs, lo, hi, ra)) {
        raise_sel(env, EXCP0D_GPF, cs, ra);
    }
    fault = desc_check_code_return(desc_attr(*hi), cs & 3, x86_cpl(env));
    if (!fault && x86_long_mode(env) && (desc_attr(*hi) & SEG_ATTR_L) &&
        (desc_attr(*hi) & SEG_ATTR_DB)) {
        fault = EXCP0D_GPF;
    }
    if (fault) {
        raise_sel(env, fault, cs, ra);
    }
}

/*
 * The SS popped on a return to CS @cs (@lo/@hi); a null SS is allowed
 * only for a return to 64-bit code at CPL < 3. Loads SS; RSP is the
 * caller's.
 */
static void return_load_ss(CPUX86State *env, uint32_t ss, uint32_t cs,
                           uint32_t cs_hi, uintptr_t ra)
{
    unsigned rpl = cs & 3;
    uint32_t lo, hi;
    int fault;

    if (!(ss & ~3u)) {
        if (!is_code64(env, desc_attr(cs_hi)) || rpl == 3) {
            x86_raise_exception_err_ra(env, EXCP0D_GPF, 0, ra);
        }
        x86_load_seg_null(env, R_SS, (ss & ~3u) | rpl);
        return;
    }
    if (!x86_read_desc(env, ss, &lo, &hi, ra)) {
        raise_sel(env, EXCP0D_GPF, ss, ra);
    }
    fault = desc_check_ss_return(desc_attr(hi), ss & 3, rpl);
    if (fault) {
        raise_sel(env, fault, ss, ra);
    }
    x86_set_accessed(env, ss, hi, ra);
    desc_to_cache(&env->segs[R_SS], ss, lo, hi | (DESC_A << 8));
}

/* RSP after a return that popped SS:RSP, sized by the new SS. */
static void return_set_sp(CPUX86State *env, uint64_t sp, bool code64)
{
    uint64_t mask = code64 ? ~0ull : x86_sp_mask(env->segs[R_SS].attr);

    env->regs[R_ESP] = (env->regs[R_ESP] & ~mask) | (sp & mask);
}

void helper_lret_protected(CPUX86State *env, uint32_t op_size,
                           uint32_t imm16)
{
    uintptr_t ra = GETPC();
    unsigned cpl = x86_cpl(env), rpl;
    uint32_t cs, ss, lo, hi;
    uint64_t ip, sp;
    bool code64;
    X86Stack s;

    stack_current(&s, env, ra);
    ip = x86_pop(&s, op_size);
    cs = x86_pop(&s, op_size) & 0xffff;
    check_return_cs(env, cs, &lo, &hi, ra);
    rpl = cs & 3;
    code64 = is_code64(env, desc_attr(hi));
    check_target_ip(env, lo, hi, ip, ra);
    s.sp = (s.sp & ~s.mask) | ((s.sp + imm16) & s.mask);
    if (rpl == cpl) {
        x86_stack_commit(&s);
        load_cs(env, cs, lo, hi, cpl, ip, ra);
        return;
    }
    sp = x86_pop(&s, op_size);
    ss = x86_pop(&s, op_size) & 0xffff;
    return_load_ss(env, ss, cs, hi, ra);
    load_cs(env, cs, lo, hi, rpl, ip, ra);
    return_set_sp(env, sp + imm16, code64);
    x86_validate_data_segs(env, rpl);
}

/* IRET in real mode or virtual-8086 mode with IOPL 3 (SDM Vol. 2A). */
static void iret_real(CPUX86State *env, unsigned op_size, uintptr_t ra)
{
    uint64_t mask = op_size == 4 ? 0x257fd5 : 0x7fd5;
    uint64_t ip, cs, flags;
    X86Stack s;

    stack_current(&s, env, ra);
    ip = x86_pop(&s, op_size);
    cs = x86_pop(&s, op_size) & 0xffff;
    flags = x86_pop(&s, op_size);
    if (x86_vm86(env)) {
        mask &= ~(uint64_t)EFLAGS_IOPL;
    }
    if (op_size == 4 && ip > 0xffff && x86_vm86(env)) {
        x86_raise_exception_err_ra(env, EXCP0D_GPF, 0, ra);
    }
    x86_stack_commit(&s);
    x86_load_seg_real(env, R_CS, cs);
    env->rip = ip;
    x86_eflags_set(env, flags, mask);
    env->nmi_blocked = false;
}

void helper_iret_real(CPUX86State *env, uint32_t op_size)
{
    uintptr_t ra = GETPC();

    if (x86_vm86(env) && (env->eflags & EFLAGS_IOPL) != EFLAGS_IOPL) {
        x86_raise_exception_err_ra(env, EXCP0D_GPF, 0, ra);
    }
    iret_real(env, op_size, ra);
}

/* IRET from CPL 0 with VM set in the popped EFLAGS (SDM Vol. 2A, IRET
 * RETURN-TO-VIRTUAL-8086-MODE). */
static void iret_to_vm86(CPUX86State *env, X86Stack *s, uint64_t ip,
                         uint32_t cs, uint64_t flags)
{
    uint64_t sp = x86_pop(s, 4);
    uint32_t ss = x86_pop(s, 4), es = x86_pop(s, 4), ds = x86_pop(s, 4);
    uint32_t fs = x86_pop(s, 4), gs = x86_pop(s, 4);

    x86_eflags_set(env, flags, 0x3f7fd5);
    x86_load_seg_real(env, R_CS, cs);
    x86_load_seg_real(env, R_SS, ss);
    x86_load_seg_real(env, R_ES, es);
    x86_load_seg_real(env, R_DS, ds);
    x86_load_seg_real(env, R_FS, fs);
    x86_load_seg_real(env, R_GS, gs);
    env->regs[R_ESP] = (uint32_t)sp;
    env->rip = ip & 0xffff;
}

void helper_iret_protected(CPUX86State *env, uint32_t op_size,
                           uint32_t next_eip_addend)
{
    uintptr_t ra = GETPC();
    unsigned cpl = x86_cpl(env), rpl;
    uint64_t ip, flags, sp = 0, mask;
    uint32_t cs, ss = 0, lo, hi;
    bool code64 = x86_code64(env), pop_ss;
    X86Stack s;

    if (x86_vm86(env)) {
        if ((env->eflags & EFLAGS_IOPL) != EFLAGS_IOPL) {
            x86_raise_exception_err_ra(env, EXCP0D_GPF, 0, ra);
        }
        iret_real(env, op_size, ra);
        return;
    }
    if (env->eflags & EFLAGS_NT) {
        if (!x86_long_mode(env)) {
            log_mask_printf(LOG_UNIMP, "iret with NT: task return\n");
        }
        x86_raise_exception_err_ra(env, EXCP0D_GPF, 0, ra);
    }
    stack_current(&s, env, ra);
    ip = x86_pop(&s, op_size);
    cs = x86_pop(&s, op_size) & 0xffff;
    flags = x86_pop(&s, op_size);
    if (op_size == 4 && (flags & EFLAGS_VM) && cpl == 0 &&
        !x86_long_mode(env)) {
        iret_to_vm86(env, &s, ip, cs, flags);
        env->nmi_blocked = false;
        return;
    }
    check_return_cs(env, cs, &lo, &hi, ra);
    rpl = cs & 3;
    check_target_ip(env, lo, hi, ip, ra);
    /* IRET in 64-bit mode always pops SS:RSP (SDM Vol. 3A, 6.14.3). */
    pop_ss = code64 || rpl != cpl;
    if (pop_ss) {
        sp = x86_pop(&s, op_size);
        ss = x86_pop(&s, op_size) & 0xffff;
    }
    mask = x86_eflags_write_mask(env, cpl, op_size);
    if (pop_ss) {
        return_load_ss(env, ss, cs, hi, ra);
    }
    load_cs(env, cs, lo, hi, rpl, ip, ra);
    if (pop_ss) {
        return_set_sp(env, sp, is_code64(env, desc_attr(hi)) ||
                      op_size == 8);
    } else {
        x86_stack_commit(&s);
    }
    x86_eflags_set(env, flags, mask);
    if (rpl > cpl) {
        x86_validate_data_segs(env, rpl);
    }
    env->nmi_blocked = false;
}
