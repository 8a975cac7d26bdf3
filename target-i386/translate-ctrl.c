/* SPDX-License-Identifier: MIT */
/*
 * Emitters for control flow and the stack: near JMP/Jcc/JCXZ/LOOP/CALL/
 * RET (targets wrap to the operand size; direct ones chain through
 * goto_tb, indirect ones go through helper_lookup_tb_ptr), PUSH/POP and
 * their all-register and frame forms, PUSHF/POPF and the other flag
 * instructions, software interrupts, HLT, CLI/STI (with STI's interrupt
 * shadow) and the instructions that only raise an exception.
 */
#include "target-i386/translate.h"

static uint64_t wrap_eip(DisasContext *s, uint64_t eip, int size)
{
    return size == 2 ? (eip & 0xffff) : size == 4 ? (eip & 0xffffffff) : eip;
}

static uint64_t rel_target(DisasContext *s, const X86Operand *op)
{
    return wrap_eip(s, eip_of(s, s->next_pc) + op->imm, s->insn.osize);
}

static const TCGHelperInfo info_check_canonical = {
    "check_canonical", helper_check_canonical, TCG_CALL_READS_GLOBALS,
};

/*
 * 64-bit mode: a near branch to a non-canonical address faults on the
 * branch itself (#GP(0), SDM Vol. 1 3.3.7.1). The test is inline; the
 * helper, which restores the instruction's state from the host return
 * address, runs only when it fails. @eip must be a TB temp: it lives
 * across the test's branch.
 */
static void gen_canonical_test(DisasContext *s, TCGv eip)
{
    TCGLabel *ok = tcg_gen_new_label(s->s);
    TCGv c = tmp64(s);

    tcg_gen_sextract(s->s, c, eip, 0, 48);
    tcg_gen_brcond(s->s, TCG_COND_EQ, c, eip, ok);
    x86_gen_call(s, &info_check_canonical, NULL, 3, s->envv, eip,
                 tconst(s, EXCP0D_GPF));
    tcg_gen_set_label(s->s, ok);
}

/* The target, tested in 64-bit mode, in a TB temp. */
static TCGv check_target(DisasContext *s, TCGv eip)
{
    TCGv a;

    if (!s->code64) {
        return eip;
    }
    a = tcg_temp_new_tb(s->s, TCG_TYPE_I64);
    tcg_gen_mov(s->s, a, eip);
    gen_canonical_test(s, a);
    return a;
}

/*
 * RET and JMP r/m in 64-bit mode, the common case: the target's
 * canonical test moves to the jump-cache probe's miss path (a block's pc
 * is always canonical, so a non-canonical target never hits), and rSP
 * and RIP are written only after the probe decided, on each path, so
 * that the #GP there still sees the state before the branch.
 */
typedef struct DeferredJump {
    DisasContext *s;
    TCGv eip;               /* a TB temp */
    int64_t sp_delta;
} DeferredJump;

static void deferred_check(TCGContext *t, void *opaque)
{
    DeferredJump *j = opaque;

    gen_canonical_test(j->s, j->eip);
}

static void deferred_commit(TCGContext *t, void *opaque)
{
    DeferredJump *j = opaque;

    if (j->sp_delta) {
        gen_sp_add(j->s, j->sp_delta);
    }
    tcg_gen_st(t, j->eip, j->s->envv, offsetof(CPUX86State, rip));
}

/* True if it emitted the jump (64-bit code, no single-step, shadow or
 * interrupt window: those take the plain path). */
static bool gen_jmp_dyn_deferred(DisasContext *s, TCGv target,
                                 int64_t sp_delta)
{
    DeferredJump j = { s, NULL, sp_delta };
    TCGProbeHooks h = { deferred_check, deferred_commit, &j };

    if (!s->code64 || s->single_step || s->irq_window ||
        (s->flags & HF_INHIBIT_IRQ)) {
        return false;
    }
    j.eip = tcg_temp_new_tb(s->s, TCG_TYPE_I64);
    tcg_gen_mov(s->s, j.eip, target);
    gen_update_cc_op(s);
    tcg_gen_lookup_and_goto_ptr_hooks(s->cpu, s->s, j.eip, s->cs_base,
                                      s->flags, &h, gen_inline_probe(s));
    s->is_jmp = DISAS_NORETURN;
    return true;
}

static bool bad_target(DisasContext *s, uint64_t eip)
{
    if (s->code64 && (uint64_t)((int64_t)(eip << 16) >> 16) != eip) {
        gen_exception_err(s, EXCP0D_GPF, 0);
        return true;
    }
    return false;
}

/* Branch to @target when @c holds, else fall through to the next insn. */
static void gen_branch(DisasContext *s, X86Cond c, uint64_t target)
{
    TCGLabel *taken = tcg_gen_new_label(s->s);

    gen_update_cc_op(s);
    tcg_gen_brcond(s->s, c.cond, c.a, c.b, taken);
    gen_jmp_eip(s, eip_of(s, s->next_pc), 1);
    tcg_gen_set_label(s->s, taken);
    gen_jmp_eip(s, target, 0);
}

void gen_JMP(DisasContext *s, X86Insn *in)
{
    TCGv dest;

    if (in->op[0].kind == X86_OPK_REL) {
        if (!bad_target(s, rel_target(s, &in->op[0]))) {
            gen_jmp_eip(s, rel_target(s, &in->op[0]), 0);
        }
        return;
    }
    dest = gen_ld_op(s, &in->op[0]);
    if (!gen_jmp_dyn_deferred(s, dest, 0)) {
        gen_jmp_dyn(s, check_target(s, dest));
    }
}

void gen_Jcc(DisasContext *s, X86Insn *in)
{
    gen_branch(s, gen_prepare_cc(s, in->mnemonic - X86_JO),
               rel_target(s, &in->op[0]));
}

void gen_JCXZ(DisasContext *s, X86Insn *in)
{
    TCGv cx = gen_ext(s, s->regs[R_ECX], in->asize, false);

    gen_branch(s, (X86Cond){ TCG_COND_EQ, cx, tconst(s, 0) },
               rel_target(s, &in->op[0]));
}

void gen_LOOP(DisasContext *s, X86Insn *in)
{
    TCGContext *t = s->s;
    TCGv cx = tmp64(s), nz = tmp64(s);

    tcg_gen_subi(t, cx, s->regs[R_ECX], 1);
    gen_st_reg(s, X86_RC_GPR, R_ECX, in->asize, cx);
    cx = gen_ext(s, cx, in->asize, false);
    tcg_gen_setcondi(t, TCG_COND_NE, nz, cx, 0);
    if (in->mnemonic != X86_LOOP) {
        TCGv z = tmp64(s);

        /* LOOPE: ZF=1 (cc E), LOOPNE: ZF=0 (cc NE). */
        gen_setcc(s, z, in->mnemonic == X86_LOOPE ? 4 : 5);
        tcg_gen_and(t, nz, nz, z);
    }
    gen_branch(s, (X86Cond){ TCG_COND_NE, nz, tconst(s, 0) },
               rel_target(s, &in->op[0]));
}

void gen_CALL(DisasContext *s, X86Insn *in)
{
    int size = in->osize;
    TCGv ret = tconst(s, eip_of(s, s->next_pc)), dest;

    if (in->op[0].kind == X86_OPK_REL) {
        if (!bad_target(s, rel_target(s, &in->op[0]))) {
            gen_push(s, ret, size);
            gen_jmp_eip(s, rel_target(s, &in->op[0]), 0);
        }
        return;
    }
    dest = check_target(s, gen_ld_op(s, &in->op[0]));
    ret = tconst(s, eip_of(s, s->next_pc));     /* after the test's branch */
    gen_push(s, ret, size);
    gen_jmp_dyn(s, dest);
}

void gen_RET(DisasContext *s, X86Insn *in)
{
    int size = in->osize;
    int64_t delta = size + (in->nops ? (in->op[0].imm & 0xffff) : 0);
    TCGv eip = gen_pop_peek(s, size, 0);

    if (gen_jmp_dyn_deferred(s, eip, delta)) {
        return;
    }
    eip = check_target(s, eip);
    gen_sp_add(s, delta);
    gen_jmp_dyn(s, eip);
}

/* ---- the stack ------------------------------------------------------ */

void gen_PUSH(DisasContext *s, X86Insn *in)
{
    gen_push(s, gen_ld_op(s, &in->op[0]), in->osize);
}

void gen_POP(DisasContext *s, X86Insn *in)
{
    const X86Operand *d = &in->op[0];
    int size = in->osize;
    TCGv v = gen_pop_peek(s, size, 0);

    if (d->kind == X86_OPK_REG && d->reg_class == X86_RC_SEG) {
        gen_mov_to_seg(s, d->reg, v);
        gen_sp_add(s, size);
        return;
    }
    /* POP r/m with rSP in the address uses the incremented rSP. */
    gen_sp_add(s, size);
    if (d->kind == X86_OPK_MEM) {
        s->A0 = gen_lea_mem(s, &d->mem);
    }
    gen_st_op(s, d, v);
}

void gen_PUSHA(DisasContext *s, X86Insn *in)
{
    int size = in->osize;
    TCGv sp = tmp64(s);

    tcg_gen_mov(s->s, sp, s->regs[R_ESP]);
    for (int r = R_EAX; r <= R_EDI; r++) {
        gen_push(s, r == R_ESP ? sp : s->regs[r], size);
    }
}

void gen_POPA(DisasContext *s, X86Insn *in)
{
    int size = in->osize;
    TCGv v[8];

    for (int i = 0; i < 8; i++) {
        v[i] = gen_pop_peek(s, size, i * size);
    }
    for (int i = 0; i < 8; i++) {
        if (R_EDI - i != R_ESP) {
            gen_st_reg(s, X86_RC_GPR, R_EDI - i, size, v[i]);
        }
    }
    gen_sp_add(s, 8 * size);
}

void gen_ENTER(DisasContext *s, X86Insn *in)
{
    TCGContext *t = s->s;
    int size = in->osize, sa = stack_asize(s);
    int alloc = in->op[0].imm & 0xffff, level = in->op[1].imm & 31;
    TCGv frame = tmp64(s), bp = tmp64(s);

    gen_push(s, s->regs[R_EBP], size);
    tcg_gen_mov(t, frame, s->regs[R_ESP]);
    tcg_gen_mov(t, bp, s->regs[R_EBP]);
    for (int i = 1; i < level; i++) {
        TCGv a = tmp64(s), v = tmp64(s);

        tcg_gen_subi(t, bp, bp, size);
        a = gen_add_seg(s, gen_ext(s, bp, sa, false), X86_SEG_SS, sa);
        gen_ld_mem(s, v, a, size, false);
        gen_push(s, v, size);
    }
    if (level) {
        gen_push(s, frame, size);
    }
    gen_st_reg(s, X86_RC_GPR, R_EBP, size, frame);
    gen_sp_add(s, -alloc);
}

void gen_LEAVE(DisasContext *s, X86Insn *in)
{
    int size = in->osize, sa = stack_asize(s);
    TCGv a = gen_add_seg(s, gen_ext(s, s->regs[R_EBP], sa, false),
                         X86_SEG_SS, sa);
    TCGv v = tmp64(s), sp = tmp64(s);

    gen_ld_mem(s, v, a, size, false);
    tcg_gen_addi(s->s, sp, s->regs[R_EBP], size);
    gen_st_reg(s, X86_RC_GPR, R_ESP, sa, sp);
    gen_st_reg(s, X86_RC_GPR, R_EBP, size, v);
}

/* ---- flags ---------------------------------------------------------- */

TCGv gen_get_eflags(DisasContext *s)
{
    TCGContext *t = s->s;
    TCGv f = gen_compute_eflags(s), e = tmp64(s), d = tmp64(s);

    tcg_gen_ld(t, e, s->envv, offsetof(CPUX86State, eflags));
    tcg_gen_andi(t, e, e, ~(uint64_t)(CC_ARITH_MASK | EFLAGS_DF));
    tcg_gen_or(t, f, f, e);
    tcg_gen_exts_i32_i64(t, d, s->df);
    tcg_gen_andi(t, d, d, EFLAGS_DF);
    tcg_gen_or(t, f, f, d);
    tcg_gen_ori(t, f, f, EFLAGS_FIXED);
    return f;
}

void gen_PUSHF(DisasContext *s, X86Insn *in)
{
    TCGv f;

    if (s->vm86 && s->iopl < 3) {
        gen_exception_err(s, EXCP0D_GPF, 0);
        return;
    }
    f = gen_get_eflags(s);
    /* The image has VM and RF clear (SDM Vol. 2B, PUSHF). */
    tcg_gen_andi(s->s, f, f, ~(uint64_t)(EFLAGS_VM | EFLAGS_RF));
    gen_push(s, f, in->osize);
}

static const TCGHelperInfo info_write_eflags = {
    "write_eflags", helper_write_eflags, TCG_CALL_WRITES_GLOBALS,
};

void gen_POPF(DisasContext *s, X86Insn *in)
{
    TCGv v = gen_pop_peek(s, in->osize, 0);

    gen_update_cc_op(s);
    gen_update_rip_cur(s);
    x86_gen_call(s, &info_write_eflags, NULL, 3, s->envv, v,
                 tconst(s, in->osize));
    s->cc_op = CC_OP_EFLAGS;
    s->cc_op_dirty = false;
    gen_sp_add(s, in->osize);
    s->is_jmp = DISAS_EOB_NEXT;
}

#define LAHF_MASK (EFLAGS_SF | EFLAGS_ZF | EFLAGS_AF | EFLAGS_PF | EFLAGS_CF)

void gen_LAHF(DisasContext *s, X86Insn *in)
{
    TCGv f = gen_compute_eflags(s);

    tcg_gen_andi(s->s, f, f, LAHF_MASK);
    tcg_gen_ori(s->s, f, f, EFLAGS_FIXED);
    gen_st_reg(s, X86_RC_GPR8_HIGH, R_EAX, 1, f);
}

void gen_SAHF(DisasContext *s, X86Insn *in)
{
    TCGContext *t = s->s;
    TCGv f = gen_compute_eflags(s), ah = tmp64(s);

    tcg_gen_extract(t, ah, s->regs[R_EAX], 8, 8);
    tcg_gen_andi(t, ah, ah, LAHF_MASK);
    tcg_gen_andi(t, f, f, EFLAGS_OF);
    tcg_gen_or(t, f, f, ah);
    gen_set_cc(s, CC_OP_EFLAGS, NULL, f, NULL);
}

static void gen_change_cf(DisasContext *s, int how)
{
    TCGv f = gen_compute_eflags(s);

    switch (how) {
    case 0: tcg_gen_andi(s->s, f, f, ~(uint64_t)EFLAGS_CF); break;
    case 1: tcg_gen_ori(s->s, f, f, EFLAGS_CF); break;
    default: tcg_gen_xori(s->s, f, f, EFLAGS_CF); break;
    }
    gen_set_cc(s, CC_OP_EFLAGS, NULL, f, NULL);
}

void gen_CLC(DisasContext *s, X86Insn *in)
{
    gen_change_cf(s, 0);
}

void gen_STC(DisasContext *s, X86Insn *in)
{
    gen_change_cf(s, 1);
}

void gen_CMC(DisasContext *s, X86Insn *in)
{
    gen_change_cf(s, 2);
}

void gen_CLD(DisasContext *s, X86Insn *in)
{
    tcg_gen_movi(s->s, s->df, 1);
}

void gen_STD(DisasContext *s, X86Insn *in)
{
    tcg_gen_movi(s->s, s->df, -1);
}

/* ---- exceptions and interrupts -------------------------------------- */

void gen_UD2(DisasContext *s, X86Insn *in)
{
    gen_exception(s, EXCP06_ILLOP);
}

static const TCGHelperInfo info_raise_interrupt = {
    "raise_interrupt", helper_raise_interrupt, TCG_CALL_READS_GLOBALS,
};

static void gen_interrupt(DisasContext *s, int vector)
{
    gen_update_cc_op(s);
    gen_update_rip_cur(s);
    x86_gen_call(s, &info_raise_interrupt, NULL, 3, s->envv,
                 tconst(s, vector), tconst(s, s->insn.length));
}

void gen_INT3(DisasContext *s, X86Insn *in)
{
    gen_interrupt(s, EXCP03_INT3);
    s->is_jmp = DISAS_NORETURN;
}

static const TCGHelperInfo info_raise_trap = {
    "raise_trap", helper_raise_trap, TCG_CALL_READS_GLOBALS,
};

void gen_INT1(DisasContext *s, X86Insn *in)
{
    gen_update_cc_op(s);
    gen_update_rip_cur(s);
    x86_gen_call(s, &info_raise_trap, NULL, 3, s->envv, tconst(s, EXCP01_DB),
                 tconst(s, in->length));
    s->is_jmp = DISAS_NORETURN;
}

void gen_INT(DisasContext *s, X86Insn *in)
{
    if (s->vm86 && s->iopl < 3) {
        gen_exception_err(s, EXCP0D_GPF, 0);
        return;
    }
    gen_interrupt(s, in->op[0].imm & 0xff);
    s->is_jmp = DISAS_NORETURN;
}

void gen_INTO(DisasContext *s, X86Insn *in)
{
    X86Cond c = gen_prepare_cc(s, 1);      /* NO: skip the interrupt */
    TCGLabel *skip = tcg_gen_new_label(s->s);

    gen_update_cc_op(s);
    tcg_gen_brcond(s->s, c.cond, c.a, c.b, skip);
    gen_interrupt(s, EXCP04_INTO);
    tcg_gen_set_label(s->s, skip);
}

void gen_BOUND(DisasContext *s, X86Insn *in)
{
    TCGContext *t = s->s;
    int size = in->osize;
    TCGv idx = gen_ext(s, gen_ld_op(s, &in->op[0]), size, true);
    TCGv lo = tmp64(s), hi = tmp64(s), a = tmp64(s);

    gen_ld_mem(s, lo, s->A0, size, true);
    tcg_gen_addi(t, a, s->A0, size);
    gen_ld_mem(s, hi, a, size, true);
    tcg_gen_setcond(t, TCG_COND_LT, lo, idx, lo);
    tcg_gen_setcond(t, TCG_COND_GT, hi, idx, hi);
    tcg_gen_or(t, lo, lo, hi);
    gen_exception_if(s, TCG_COND_NE, lo, tconst(s, 0), EXCP05_BOUND);
}

static const TCGHelperInfo info_hlt = {
    "hlt", helper_hlt, TCG_CALL_READS_GLOBALS,
};

void gen_HLT(DisasContext *s, X86Insn *in)
{
    gen_update_cc_op(s);
    gen_update_rip_cur(s);
    x86_gen_call(s, &info_hlt, NULL, 2, s->envv, tconst(s, in->length));
    s->is_jmp = DISAS_NORETURN;
}

static const TCGHelperInfo info_pause = {
    "pause", helper_pause, TCG_CALL_READS_GLOBALS,
};

/* PAUSE (F3 90): may give the turn to another vCPU (helper_pause). */
void gen_PAUSE(DisasContext *s, X86Insn *in)
{
    gen_update_cc_op(s);
    gen_update_rip_cur(s);
    x86_gen_call(s, &info_pause, NULL, 2, s->envv, tconst(s, in->length));
}

/* CLI/STI: IOPL-sensitive in protected mode (no VME/PVI yet). */
static bool if_change_allowed(DisasContext *s)
{
    if (!s->pe) {
        return true;
    }
    return s->vm86 ? s->iopl == 3 : s->cpl <= s->iopl;
}

static void gen_set_if(DisasContext *s, bool on)
{
    TCGv e = tmp64(s);

    tcg_gen_ld(s->s, e, s->envv, offsetof(CPUX86State, eflags));
    if (on) {
        tcg_gen_ori(s->s, e, e, EFLAGS_IF);
    } else {
        tcg_gen_andi(s->s, e, e, ~(uint64_t)EFLAGS_IF);
    }
    tcg_gen_st(s->s, e, s->envv, offsetof(CPUX86State, eflags));
}

void gen_CLI(DisasContext *s, X86Insn *in)
{
    if (!if_change_allowed(s)) {
        gen_exception_err(s, EXCP0D_GPF, 0);
        return;
    }
    gen_set_if(s, false);
    s->is_jmp = DISAS_EOB_NEXT;
}

void gen_STI(DisasContext *s, X86Insn *in)
{
    if (!if_change_allowed(s)) {
        gen_exception_err(s, EXCP0D_GPF, 0);
        return;
    }
    if (s->flags & HF_IF) {
        return;             /* IF stays set: no shadow, no new flags */
    }
    gen_set_if(s, true);
    /*
     * Setting IF opens a one-instruction shadow (SDM Vol. 2B, STI): the
     * next instruction joins this block, which ends after it where a
     * pending interrupt can be taken (gen_tb_end; gen_jmp_eip and
     * gen_jmp_dyn when it jumps). Single-stepping leaves at once with the
     * shadow in env->inhibit_irq.
     */
    if (s->single_step) {
        s->is_jmp = DISAS_EOB_INHIBIT;
    } else {
        s->shadow_pending = true;
    }
}
