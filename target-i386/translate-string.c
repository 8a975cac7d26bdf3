/* SPDX-License-Identifier: MIT */
/*
 * Emitters for the string instructions MOVS, STOS, LODS, SCAS, CMPS, INS
 * and OUTS, with REP/REPE/REPNE. rSI/rDI/rCX are used at the address size,
 * the step follows DF, the source segment can be overridden and the
 * destination is always ES.
 *
 * A repeated instruction is a loop inside the block: each iteration tests
 * rCX, does one element, updates rSI/rDI/rCX in env (so a fault in the
 * middle leaves them consistent and the instruction restarts where it
 * stopped), tests the REPE/REPNE condition, then env->exit_request: when
 * an interrupt or exit is pending the block leaves with rip still on the
 * instruction, which the next block resumes.
 */
#include "target-i386/translate.h"

enum { S_MOVS, S_STOS, S_LODS, S_SCAS, S_CMPS, S_INS, S_OUTS };

static int string_size(X86Insn *in, int kind)
{
    static const uint16_t first[] = {
        [S_MOVS] = X86_MOVSB, [S_STOS] = X86_STOSB, [S_LODS] = X86_LODSB,
        [S_SCAS] = X86_SCASB, [S_CMPS] = X86_CMPSB, [S_INS] = X86_INSB,
        [S_OUTS] = X86_OUTSB,
    };

    return 1 << (in->mnemonic - first[kind]);
}

/* Linear address of seg:rSI or ES:rDI at the address size. */
static TCGv string_addr(DisasContext *s, int reg, int seg)
{
    int as = s->insn.asize;

    return gen_add_seg(s, gen_ext(s, s->regs[reg], as, false), seg, as);
}

static void string_step(DisasContext *s, int reg, TCGv step)
{
    TCGv v = tmp64(s);

    tcg_gen_add(s->s, v, s->regs[reg], step);
    gen_st_reg(s, X86_RC_GPR, reg, s->insn.asize, v);
}

static const TCGHelperInfo info_in = {
    "in", helper_in, TCG_CALL_READS_GLOBALS,
};
static const TCGHelperInfo info_out = {
    "out", helper_out, TCG_CALL_READS_GLOBALS,
};
static const TCGHelperInfo info_check_io = {
    "check_io", helper_check_io, TCG_CALL_READS_GLOBALS,
};

void gen_io_check(DisasContext *s, TCGv port, int size)
{
    if (s->pe && (s->vm86 || s->cpl > s->iopl)) {
        gen_update_cc_op(s);
        gen_update_rip_cur(s);
        x86_gen_call(s, &info_check_io, NULL, 3, s->envv, port,
                     tconst(s, size));
    }
}

TCGv gen_io_in(DisasContext *s, TCGv port, int size)
{
    TCGv r32 = tcg_temp_new(s->s, TCG_TYPE_I32), r = tmp64(s);

    x86_gen_call(s, &info_in, r32, 3, s->envv, port, tconst(s, size));
    tcg_gen_extu_i32_i64(s->s, r, r32);
    return r;
}

void gen_io_out(DisasContext *s, TCGv port, TCGv v, int size)
{
    x86_gen_call(s, &info_out, NULL, 4, s->envv, port, v, tconst(s, size));
}

/*
 * One element. Returns the comparison result for SCAS/CMPS (flags are
 * recorded with gen_set_cc, or written straight to env inside a loop).
 */
static TCGv string_body(DisasContext *s, int kind, int size, TCGv step,
                        int src_seg, bool in_loop)
{
    TCGContext *t = s->s;
    TCGv a = tmp64(s), b, d, port;

    switch (kind) {
    case S_MOVS:
        gen_ld_mem(s, a, string_addr(s, R_ESI, src_seg), size, false);
        gen_st_mem(s, a, string_addr(s, R_EDI, X86_SEG_ES), size);
        string_step(s, R_ESI, step);
        string_step(s, R_EDI, step);
        return NULL;
    case S_STOS:
        gen_st_mem(s, s->regs[R_EAX], string_addr(s, R_EDI, X86_SEG_ES),
                   size);
        string_step(s, R_EDI, step);
        return NULL;
    case S_LODS:
        gen_ld_mem(s, a, string_addr(s, R_ESI, src_seg), size, false);
        gen_st_reg(s, X86_RC_GPR, R_EAX, size, a);
        string_step(s, R_ESI, step);
        return NULL;
    case S_INS:
        port = gen_ext(s, s->regs[R_EDX], 2, false);
        /* Probe the destination first so a fault does not lose input. */
        gen_ld_mem(s, a, string_addr(s, R_EDI, X86_SEG_ES), size, false);
        a = gen_io_in(s, port, size);
        gen_st_mem(s, a, string_addr(s, R_EDI, X86_SEG_ES), size);
        string_step(s, R_EDI, step);
        return NULL;
    case S_OUTS:
        port = gen_ext(s, s->regs[R_EDX], 2, false);
        gen_ld_mem(s, a, string_addr(s, R_ESI, src_seg), size, false);
        gen_io_out(s, port, a, size);
        string_step(s, R_ESI, step);
        return NULL;
    }
    /* SCAS: acc - [rDI]; CMPS: [rSI] - [rDI]. */
    b = tmp64(s);
    gen_ld_mem(s, b, string_addr(s, R_EDI, X86_SEG_ES), size, false);
    if (kind == S_SCAS) {
        a = gen_ext(s, s->regs[R_EAX], size, false);
    } else {
        gen_ld_mem(s, a, string_addr(s, R_ESI, src_seg), size, false);
        string_step(s, R_ESI, step);
    }
    string_step(s, R_EDI, step);
    d = tmp64(s);
    tcg_gen_sub(t, d, a, b);
    if (in_loop) {
        tcg_gen_mov(t, s->cc_dst, d);
        tcg_gen_mov(t, s->cc_src, b);
        tcg_gen_movi(t, s->cc_op_g, CC_OP_SUBB + size_ot(size));
    } else {
        gen_set_cc(s, CC_OP_SUBB + size_ot(size), d, b, NULL);
    }
    return d;
}

static void gen_string(DisasContext *s, X86Insn *in, int kind)
{
    TCGContext *t = s->s;
    int size = string_size(in, kind), as = in->asize;
    int src_seg = in->seg_override != X86_SEG_NONE ? in->seg_override
                                                   : X86_SEG_DS;
    bool cmp = kind == S_SCAS || kind == S_CMPS;
    TCGv step = tmp64(s), d, cx, req;
    TCGLabel *top, *done, *leave;

    if (kind == S_INS || kind == S_OUTS) {
        gen_io_check(s, gen_ext(s, s->regs[R_EDX], 2, false), size);
    }
    if (!in->rep) {
        tcg_gen_exts_i32_i64(t, step, s->df);
        tcg_gen_shli(t, step, step, size_ot(size));
        string_body(s, kind, size, step, src_seg, false);
        return;
    }

    /* The loop: cc state lives in env, the insn restarts from env. */
    gen_update_cc_op(s);
    tcg_op_at(t, s->insn_start_idx)->args[1] = CC_OP_DYNAMIC;
    if (as == 4 && s->code64 && !x86_impl()->rep_a32_count0_keeps_rcx) {
        /* ECX is the count: on Intel its write clears RCX[63:32] even
         * for 0; on AMD a count of 0 leaves RCX alone (impl.c). */
        tcg_gen_ext32u(t, s->regs[R_ECX], s->regs[R_ECX]);
    }
    top = tcg_gen_new_label(t);
    done = tcg_gen_new_label(t);
    leave = tcg_gen_new_label(t);
    tcg_gen_set_label(t, top);
    cx = gen_ext(s, s->regs[R_ECX], as, false);
    tcg_gen_brcondi(t, TCG_COND_EQ, cx, 0, done);
    tcg_gen_exts_i32_i64(t, step, s->df);
    tcg_gen_shli(t, step, step, size_ot(size));
    d = string_body(s, kind, size, step, src_seg, true);
    cx = tmp64(s);
    tcg_gen_subi(t, cx, s->regs[R_ECX], 1);
    gen_st_reg(s, X86_RC_GPR, R_ECX, as, cx);
    if (cmp) {
        /* REPE stops when ZF=0 (d != 0), REPNE when ZF=1. */
        tcg_gen_brcondi(t, in->rep == X86_PFX_REPZ ? TCG_COND_NE
                                                   : TCG_COND_EQ,
                        gen_ext(s, d, size, false), 0, done);
    }
    req = tcg_temp_new(t, TCG_TYPE_I32);
    tcg_gen_ld32s(t, req, s->envv, tcg_cpu_ops.exit_request_offset);
    tcg_gen_brcondi(t, TCG_COND_NE, req, 0, leave);
    tcg_gen_br(t, top);

    tcg_gen_set_label(t, leave);
    gen_update_rip_cur(s);
    tcg_gen_exit_tb(t, (uintptr_t)s->tb | TB_EXIT_NOCHAIN);

    tcg_gen_set_label(t, done);
    if (cmp) {
        s->cc_op = CC_OP_DYNAMIC;
        s->cc_op_dirty = false;
    }
}

void gen_MOVS(DisasContext *s, X86Insn *in)
{
    gen_string(s, in, S_MOVS);
}

void gen_STOS(DisasContext *s, X86Insn *in)
{
    gen_string(s, in, S_STOS);
}

void gen_LODS(DisasContext *s, X86Insn *in)
{
    gen_string(s, in, S_LODS);
}

void gen_SCAS(DisasContext *s, X86Insn *in)
{
    gen_string(s, in, S_SCAS);
}

void gen_CMPS(DisasContext *s, X86Insn *in)
{
    gen_string(s, in, S_CMPS);
}

void gen_INS(DisasContext *s, X86Insn *in)
{
    gen_string(s, in, S_INS);
}

void gen_OUTS(DisasContext *s, X86Insn *in)
{
    gen_string(s, in, S_OUTS);
}
