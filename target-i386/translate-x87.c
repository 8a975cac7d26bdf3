/* SPDX-License-Identifier: MIT */
/*
 * The x87 emitters (D8-DF and WAIT). Every x87 instruction is one helper
 * call: arithmetic, loads, stores, compares and transcendentals go to
 * helper_x87_exec, which runs the same instruction on the host FPU
 * (fpu-helper.c, x87-host.S); the environment instructions have helpers
 * of their own, and FNSTCW/FNSTSW read env inline. What translation
 * decides is CR0 (SDM Vol. 3A, 2.5 and Table 12-8): EM or TS set makes
 * every escape instruction #NM, and WAIT is #NM when TS and MP are both
 * set. The pending-#MF check of waiting instructions is the helpers'.
 */
#include "target-i386/translate.h"

static const TCGHelperInfo info_x87_exec = {
    "x87_exec", helper_x87_exec, TCG_CALL_READS_GLOBALS,
};
static const TCGHelperInfo info_x87_exec_flags = {
    "x87_exec_flags", helper_x87_exec, TCG_CALL_WRITES_GLOBALS,
};
static const TCGHelperInfo info_fwait = {
    "fwait", helper_fwait, TCG_CALL_READS_GLOBALS,
};
static const TCGHelperInfo info_fldcw = {
    "fldcw", helper_fldcw, TCG_CALL_READS_GLOBALS,
};
static const TCGHelperInfo info_fnclex = {
    "fnclex", helper_fnclex, TCG_CALL_READS_GLOBALS,
};
static const TCGHelperInfo info_fninit = {
    "fninit", helper_fninit, TCG_CALL_READS_GLOBALS,
};
static const TCGHelperInfo info_fnstenv = {
    "fnstenv", helper_fnstenv, TCG_CALL_READS_GLOBALS,
};
static const TCGHelperInfo info_fldenv = {
    "fldenv", helper_fldenv, TCG_CALL_READS_GLOBALS,
};

/* CR0.EM or CR0.TS: #NM before anything else (SDM Vol. 3A, 2.5). */
static bool x87_available(DisasContext *s)
{
    if (s->flags & (HF_EM | HF_TS)) {
        gen_exception(s, EXCP07_PREX);
        return false;
    }
    return true;
}

static const X86Operand *x87_mem_operand(const X86Insn *in)
{
    for (int i = 0; i < in->nops; i++) {
        if (in->op[i].kind == X86_OPK_MEM) {
            return &in->op[i];
        }
    }
    return NULL;
}

static bool x87_real_layout(DisasContext *s)
{
    return !s->pe || s->vm86;
}

/* Run @in on the host FPU; @extra adds X87_INFO_* bits. */
static void gen_x87_exec(DisasContext *s, X86Insn *in, uint32_t extra)
{
    const X86Operand *m = x87_mem_operand(in);
    uint32_t info = ((in->opcode & 7) << 8 | in->modrm) | extra |
                    (uint32_t)s->mem_index << X87_INFO_MMU_SHIFT;
    TCGv addr, fdp;

    if (!x87_available(s)) {
        return;
    }
    if (m) {
        info |= (uint32_t)m->size << X87_INFO_SIZE_SHIFT;
        addr = s->A0;
        fdp = gen_ext(s, gen_ea_offset(s, &m->mem), m->mem.addr_size, false);
    } else {
        addr = fdp = tconst(s, 0);
    }
    gen_update_cc_op(s);
    x86_gen_call(s, (extra & X87_INFO_FLAGS_OUT) ? &info_x87_exec_flags
                                                 : &info_x87_exec,
                 NULL, 5, s->envv, tconst(s, info), addr, fdp,
                 tconst(s, eip_of(s, s->pc)));
    if (extra & X87_INFO_FLAGS_OUT) {
        s->cc_op = CC_OP_EFLAGS;
        s->cc_op_dirty = false;
    }
}

void gen_FADD(DisasContext *s, X86Insn *in)
{
    gen_x87_exec(s, in, 0);
}

void gen_FCOM(DisasContext *s, X86Insn *in)
{
    bool eflags = in->mnemonic >= X86_FCOMI && in->mnemonic <= X86_FUCOMIP;

    gen_x87_exec(s, in, eflags ? X87_INFO_FLAGS_OUT : 0);
}

void gen_FLD(DisasContext *s, X86Insn *in)
{
    gen_x87_exec(s, in, 0);
}

void gen_FST(DisasContext *s, X86Insn *in)
{
    gen_x87_exec(s, in, x87_mem_operand(in) ? X87_INFO_STORE : 0);
}

void gen_FXCH(DisasContext *s, X86Insn *in)
{
    gen_x87_exec(s, in, 0);
}

void gen_FSIN(DisasContext *s, X86Insn *in)
{
    gen_x87_exec(s, in, 0);
}

void gen_FCMOVcc(DisasContext *s, X86Insn *in)
{
    gen_x87_exec(s, in, X87_INFO_FLAGS_IN);
}

/* ---- control instructions ------------------------------------------- */

void gen_FLDCW(DisasContext *s, X86Insn *in)
{
    TCGv cw;

    if (!x87_available(s)) {
        return;
    }
    cw = tmp64(s);
    gen_ld_mem(s, cw, s->A0, 2, false);
    gen_update_cc_op(s);
    x86_gen_call(s, &info_fldcw, NULL, 2, s->envv, cw);
}

void gen_FNSTCW(DisasContext *s, X86Insn *in)
{
    TCGv cw;

    if (!x87_available(s)) {
        return;
    }
    cw = tmp64(s);
    tcg_gen_ld16u(s->s, cw, s->envv, offsetof(CPUX86State, fpuc));
    gen_st_mem(s, cw, s->A0, 2);
}

/* FNSTSW m16 or AX. */
void gen_FNSTSW(DisasContext *s, X86Insn *in)
{
    TCGv sw;

    if (!x87_available(s)) {
        return;
    }
    sw = tmp64(s);
    tcg_gen_ld16u(s->s, sw, s->envv, offsetof(CPUX86State, fpus));
    gen_st_op(s, &in->op[0], sw);
}

static uint32_t x87_env_info(DisasContext *s, X86Insn *in, bool save)
{
    uint32_t info = (uint32_t)s->mem_index << X87_INFO_MMU_SHIFT;

    if (in->osize == 2) {
        info |= X87_INFO_O16;
    }
    if (x87_real_layout(s)) {
        info |= X87_INFO_REAL;
    }
    return save ? info | X87_INFO_SAVE : info;
}

/* FLDENV and FRSTOR. */
void gen_FLDENV(DisasContext *s, X86Insn *in)
{
    uint32_t info = x87_env_info(s, in, in->mnemonic == X86_FRSTOR);

    if (!x87_available(s)) {
        return;
    }
    gen_update_cc_op(s);
    x86_gen_call(s, &info_fldenv, NULL, 3, s->envv, s->A0,
                 tconst(s, info));
}

/* FNSTENV and FNSAVE. */
void gen_FNSTENV(DisasContext *s, X86Insn *in)
{
    uint32_t info = x87_env_info(s, in, in->mnemonic == X86_FNSAVE);

    if (!x87_available(s)) {
        return;
    }
    gen_update_cc_op(s);
    x86_gen_call(s, &info_fnstenv, NULL, 3, s->envv, s->A0,
                 tconst(s, info));
}

void gen_FNCLEX(DisasContext *s, X86Insn *in)
{
    if (x87_available(s)) {
        x86_gen_call(s, &info_fnclex, NULL, 1, s->envv);
    }
}

void gen_FNINIT(DisasContext *s, X86Insn *in)
{
    if (x87_available(s)) {
        x86_gen_call(s, &info_fninit, NULL, 1, s->envv);
    }
}

/* The 8087/287 FNENI, FNDISI and FNSETPM do nothing on a 387 or later. */
void gen_FNENI(DisasContext *s, X86Insn *in)
{
    x87_available(s);
}

/* WAIT: #NM when CR0.MP and CR0.TS are both set, then a pending #MF. */
void gen_FWAIT(DisasContext *s, X86Insn *in)
{
    if ((s->flags & (HF_MP | HF_TS)) == (HF_MP | HF_TS)) {
        gen_exception(s, EXCP07_PREX);
        return;
    }
    gen_update_cc_op(s);
    x86_gen_call(s, &info_fwait, NULL, 1, s->envv);
}
