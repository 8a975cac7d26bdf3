/* SPDX-License-Identifier: MIT */
/*
 * Emitters for the integer arithmetic of the general-purpose ISA: the
 * eight ALU operations, INC/DEC/NEG/NOT, multiplication and division,
 * shifts and rotates (count masked to 5 or 6 bits, flags untouched when
 * it is zero), double shifts, BCD adjustment, sign extensions of the
 * accumulator, BSWAP, LEA, the MOV family and the exchanges.
 *
 * Operands arrive in s->T0/T1/T2 zero-extended from their size (see the
 * table in translate.c) and T0 is written back to operand 0 afterwards;
 * flags are recorded with gen_set_cc and committed after the write-back.
 */
#include "target-i386/translate.h"

static int osz(DisasContext *s)
{
    return 1 << s->ot;
}

/* ---- the eight ALU operations --------------------------------------- */

void gen_ADD(DisasContext *s, X86Insn *in)
{
    tcg_gen_add(s->s, s->T0, s->T0, s->T1);
    gen_set_cc(s, CC_OP_ADDB + s->ot, s->T0, s->T1, NULL);
}

void gen_ADC(DisasContext *s, X86Insn *in)
{
    TCGv cf = gen_compute_cf(s);

    tcg_gen_add(s->s, s->T0, s->T0, s->T1);
    tcg_gen_add(s->s, s->T0, s->T0, cf);
    gen_set_cc(s, CC_OP_ADCB + s->ot, s->T0, s->T1, cf);
}

void gen_SUB(DisasContext *s, X86Insn *in)
{
    TCGv a = tmp64(s);

    tcg_gen_mov(s->s, a, s->T0);
    tcg_gen_sub(s->s, s->T0, s->T0, s->T1);
    gen_set_cc_sub(s, CC_OP_SUBB + s->ot, s->T0, a, s->T1);
}

void gen_SBB(DisasContext *s, X86Insn *in)
{
    TCGv cf = gen_compute_cf(s);

    tcg_gen_sub(s->s, s->T0, s->T0, s->T1);
    tcg_gen_sub(s->s, s->T0, s->T0, cf);
    gen_set_cc(s, CC_OP_SBBB + s->ot, s->T0, s->T1, cf);
}

void gen_AND(DisasContext *s, X86Insn *in)
{
    tcg_gen_and(s->s, s->T0, s->T0, s->T1);
    gen_set_cc(s, CC_OP_LOGICB + s->ot, s->T0, NULL, NULL);
}

void gen_OR(DisasContext *s, X86Insn *in)
{
    tcg_gen_or(s->s, s->T0, s->T0, s->T1);
    gen_set_cc(s, CC_OP_LOGICB + s->ot, s->T0, NULL, NULL);
}

void gen_XOR(DisasContext *s, X86Insn *in)
{
    const X86Operand *a = &in->op[0], *b = &in->op[1];

    /* xor r, r: a zero idiom, no dependency on the register. */
    if (a->kind == X86_OPK_REG && b->kind == X86_OPK_REG &&
        a->reg == b->reg && a->reg_class == b->reg_class) {
        tcg_gen_movi(s->s, s->T0, 0);
    } else {
        tcg_gen_xor(s->s, s->T0, s->T0, s->T1);
    }
    gen_set_cc(s, CC_OP_LOGICB + s->ot, s->T0, NULL, NULL);
}

void gen_CMP(DisasContext *s, X86Insn *in)
{
    TCGv d = tmp64(s);

    tcg_gen_sub(s->s, d, s->T0, s->T1);
    gen_set_cc_sub(s, CC_OP_SUBB + s->ot, d, s->T0, s->T1);
}

void gen_TEST(DisasContext *s, X86Insn *in)
{
    TCGv d = tmp64(s);

    tcg_gen_and(s->s, d, s->T0, s->T1);
    gen_set_cc(s, CC_OP_LOGICB + s->ot, d, NULL, NULL);
}

void gen_NOT(DisasContext *s, X86Insn *in)
{
    tcg_gen_not(s->s, s->T0, s->T0);
}

void gen_NEG(DisasContext *s, X86Insn *in)
{
    TCGv src = tmp64(s);

    tcg_gen_mov(s->s, src, s->T0);
    tcg_gen_neg(s->s, s->T0, s->T0);
    gen_set_cc(s, CC_OP_SUBB + s->ot, s->T0, src, NULL);
}

void gen_INC(DisasContext *s, X86Insn *in)
{
    TCGv cf = gen_compute_cf(s);

    tcg_gen_addi(s->s, s->T0, s->T0, 1);
    gen_set_cc(s, CC_OP_INCB + s->ot, s->T0, cf, NULL);
}

void gen_DEC(DisasContext *s, X86Insn *in)
{
    TCGv cf = gen_compute_cf(s);

    tcg_gen_subi(s->s, s->T0, s->T0, 1);
    gen_set_cc(s, CC_OP_DECB + s->ot, s->T0, cf, NULL);
}

/* ---- multiplication and division ------------------------------------ */

void gen_MUL(DisasContext *s, X86Insn *in)
{
    TCGContext *t = s->s;
    TCGv acc = gen_ld_reg(s, X86_RC_GPR, R_EAX, osz(s));
    TCGv lo = tmp64(s), hi = tmp64(s);

    switch (s->ot) {
    case 0:
        tcg_gen_mul(t, lo, acc, s->T0);
        gen_st_reg(s, X86_RC_GPR, R_EAX, 2, lo);
        tcg_gen_shri(t, hi, lo, 8);
        break;
    case 1:
    case 2:
        tcg_gen_mul(t, lo, acc, s->T0);
        tcg_gen_shri(t, hi, lo, 8 << s->ot);
        gen_st_reg(s, X86_RC_GPR, R_EAX, osz(s), lo);
        gen_st_reg(s, X86_RC_GPR, R_EDX, osz(s), hi);
        break;
    default:
        tcg_gen_mulu2(t, lo, hi, acc, s->T0);
        gen_st_reg(s, X86_RC_GPR, R_EAX, 8, lo);
        gen_st_reg(s, X86_RC_GPR, R_EDX, 8, hi);
        break;
    }
    gen_set_cc(s, CC_OP_MULB + s->ot, lo, hi, NULL);
}

/* lo = a * b signed at size 1 << ot; returns "high part is significant". */
static TCGv gen_imul(DisasContext *s, int ot, TCGv lo, TCGv hi, TCGv a,
                     TCGv b)
{
    TCGContext *t = s->s;
    TCGv over = tmp64(s);

    if (ot == 3) {
        TCGv sign = tmp64(s);

        tcg_gen_muls2(t, lo, hi, a, b);
        tcg_gen_sari(t, sign, lo, 63);
        tcg_gen_sub(t, over, hi, sign);
        return over;
    }
    tcg_gen_mul(t, lo, gen_ext(s, a, 1 << ot, true),
                gen_ext(s, b, 1 << ot, true));
    tcg_gen_sari(t, hi, lo, 8 << ot);
    tcg_gen_sub(t, over, lo, gen_ext(s, lo, 1 << ot, true));
    return over;
}

void gen_IMUL(DisasContext *s, X86Insn *in)
{
    TCGv lo = tmp64(s), hi = tmp64(s), over, a, b;

    if (in->nops == 1) {
        a = gen_ld_reg(s, X86_RC_GPR, R_EAX, osz(s));
        b = gen_ld_op(s, &in->op[0]);
        over = gen_imul(s, s->ot, lo, hi, a, b);
        if (s->ot == 0) {
            gen_st_reg(s, X86_RC_GPR, R_EAX, 2, lo);
        } else {
            gen_st_reg(s, X86_RC_GPR, R_EAX, osz(s), lo);
            gen_st_reg(s, X86_RC_GPR, R_EDX, osz(s), hi);
        }
    } else {
        a = gen_ld_op(s, &in->op[1]);
        b = gen_ld_op(s, &in->op[in->nops == 3 ? 2 : 0]);
        over = gen_imul(s, s->ot, lo, hi, a, b);
        gen_st_op(s, &in->op[0], lo);
    }
    gen_set_cc(s, CC_OP_MULB + s->ot, lo, over, NULL);
}

static const TCGHelperInfo info_div = {
    "div", helper_div, TCG_CALL_WRITES_GLOBALS,
};
static const TCGHelperInfo info_idiv = {
    "idiv", helper_idiv, TCG_CALL_WRITES_GLOBALS,
};

void gen_DIV(DisasContext *s, X86Insn *in)
{
    x86_gen_call(s, &info_div, NULL, 3, s->envv, s->T0, tconst(s, osz(s)));
}

void gen_IDIV(DisasContext *s, X86Insn *in)
{
    x86_gen_call(s, &info_idiv, NULL, 3, s->envv, s->T0, tconst(s, osz(s)));
}

/* ---- shifts --------------------------------------------------------- */

/* The masked count: a constant (*cnt >= 0) or a temp. */
static TCGv shift_count(DisasContext *s, const X86Operand *op, TCGv v,
                        int *cnt)
{
    int mask = s->ot == 3 ? 63 : 31;
    TCGv c;

    if (op->kind == X86_OPK_IMM) {
        *cnt = op->imm & mask;
        return tconst(s, *cnt);
    }
    *cnt = -1;
    c = tmp64(s);
    tcg_gen_andi(s->s, c, v, mask);
    return c;
}

/* Record flags for a shift by @count: none if 0, statically if known. */
static void shift_flags(DisasContext *s, int cnt, TCGv count, int op,
                        TCGv dst, TCGv src)
{
    if (cnt == 0) {
        return;
    }
    if (cnt > 0) {
        gen_set_cc(s, op, dst, src, NULL);
    } else {
        gen_set_cc_count(s, count, op, dst, src);
    }
}

static void gen_shift(DisasContext *s, X86Insn *in, int kind)
{
    TCGContext *t = s->s;
    int cnt, size = osz(s);
    TCGv count = shift_count(s, &in->op[1], s->T1, &cnt);
    TCGv val, res = tmp64(s), src = tmp64(s), cm1 = tmp64(s);

    if (cnt == 0) {
        return;
    }
    tcg_gen_subi(t, cm1, count, 1);
    switch (kind) {
    case 0: /* SHL */
        val = s->T0;
        tcg_gen_shl(t, res, val, count);
        tcg_gen_shl(t, src, val, cm1);
        break;
    case 1: /* SHR */
        val = gen_ext(s, s->T0, size, false);
        tcg_gen_shr(t, res, val, count);
        tcg_gen_shr(t, src, val, cm1);
        break;
    default: /* SAR */
        val = gen_ext(s, s->T0, size, true);
        tcg_gen_sar(t, res, val, count);
        tcg_gen_sar(t, src, val, cm1);
        break;
    }
    tcg_gen_mov(t, s->T0, res);
    shift_flags(s, cnt, count, (kind == 0 ? CC_OP_SHLB : CC_OP_SARB) + s->ot,
                res, src);
}

void gen_SHL(DisasContext *s, X86Insn *in)
{
    gen_shift(s, in, 0);
}

void gen_SHR(DisasContext *s, X86Insn *in)
{
    gen_shift(s, in, 1);
}

void gen_SAR(DisasContext *s, X86Insn *in)
{
    gen_shift(s, in, 2);
}

/* Rotate T0 within its size; flags CF and OF as the SDM's ROL/ROR. */
static void gen_rotate(DisasContext *s, X86Insn *in, bool left)
{
    TCGContext *t = s->s;
    int cnt, size = osz(s), bits = size * 8;
    TCGv count = shift_count(s, &in->op[1], s->T1, &cnt);
    TCGv x, c = tmp64(s), res = tmp64(s), a = tmp64(s), b = tmp64(s);
    TCGv flags, cf = tmp64(s), of = tmp64(s);

    if (cnt == 0) {
        return;
    }
    if (bits == 64) {
        left ? tcg_gen_rotl(t, res, s->T0, count)
             : tcg_gen_rotr(t, res, s->T0, count);
    } else {
        x = gen_ext(s, s->T0, size, false);
        tcg_gen_andi(t, c, count, bits - 1);
        if (left) {
            tcg_gen_shl(t, a, x, c);
            tcg_gen_subi(t, b, c, bits);
            tcg_gen_neg(t, b, b);
            tcg_gen_shr(t, b, x, b);
        } else {
            tcg_gen_shr(t, a, x, c);
            tcg_gen_subi(t, b, c, bits);
            tcg_gen_neg(t, b, b);
            tcg_gen_shl(t, b, x, b);
        }
        tcg_gen_or(t, res, a, b);
        res = gen_ext(s, res, size, false);
    }
    /* ROL: CF = bit 0, OF = CF ^ MSB; ROR: CF = MSB, OF = MSB ^ MSB-1. */
    if (left) {
        tcg_gen_andi(t, cf, res, 1);
        tcg_gen_shri(t, of, res, bits - 1);
        tcg_gen_xor(t, of, of, cf);
    } else {
        tcg_gen_shri(t, cf, res, bits - 1);
        tcg_gen_andi(t, cf, cf, 1);
        tcg_gen_shri(t, of, res, bits - 2);
        tcg_gen_xor(t, of, of, cf);
    }
    tcg_gen_andi(t, of, of, 1);
    tcg_gen_shli(t, of, of, 11);
    flags = gen_compute_eflags(s);
    tcg_gen_andi(t, flags, flags, ~(uint64_t)(EFLAGS_CF | EFLAGS_OF));
    tcg_gen_or(t, flags, flags, cf);
    tcg_gen_or(t, flags, flags, of);
    tcg_gen_mov(t, s->T0, res);
    shift_flags(s, cnt, count, CC_OP_EFLAGS, NULL, flags);
}

void gen_ROL(DisasContext *s, X86Insn *in)
{
    gen_rotate(s, in, true);
}

void gen_ROR(DisasContext *s, X86Insn *in)
{
    gen_rotate(s, in, false);
}

static const TCGHelperInfo info_rcl = {
    "rcl", helper_rcl, TCG_CALL_NO_SIDE_EFFECTS,
};
static const TCGHelperInfo info_rcr = {
    "rcr", helper_rcr, TCG_CALL_NO_SIDE_EFFECTS,
};
static const TCGHelperInfo info_rcl_flags = {
    "rcl_flags", helper_rcl_flags, TCG_CALL_NO_SIDE_EFFECTS,
};
static const TCGHelperInfo info_rcr_flags = {
    "rcr_flags", helper_rcr_flags, TCG_CALL_NO_SIDE_EFFECTS,
};

static void gen_rotate_carry(DisasContext *s, X86Insn *in, bool left)
{
    int cnt;
    TCGv count = shift_count(s, &in->op[1], s->T1, &cnt);
    TCGv flags, res = tmp64(s), nflags = tmp64(s), sz;

    if (cnt == 0) {
        return;
    }
    flags = gen_compute_eflags(s);
    sz = tconst(s, osz(s));
    x86_gen_call(s, left ? &info_rcl : &info_rcr, res, 4, s->T0, count,
                 flags, sz);
    x86_gen_call(s, left ? &info_rcl_flags : &info_rcr_flags, nflags, 4,
                 s->T0, count, flags, sz);
    tcg_gen_mov(s->s, s->T0, res);
    shift_flags(s, cnt, count, CC_OP_EFLAGS, NULL, nflags);
}

void gen_RCL(DisasContext *s, X86Insn *in)
{
    gen_rotate_carry(s, in, true);
}

void gen_RCR(DisasContext *s, X86Insn *in)
{
    gen_rotate_carry(s, in, false);
}

/* SHLD/SHRD: T0 = dest, T1 = source of the incoming bits, T2 = count. */
static void gen_double_shift(DisasContext *s, X86Insn *in, bool left)
{
    TCGContext *t = s->s;
    int cnt, size = osz(s), bits = size * 8;
    TCGv count = shift_count(s, &in->op[2], s->T2, &cnt);
    TCGv res = tmp64(s), src = tmp64(s), cm1 = tmp64(s), x = tmp64(s);
    TCGv y = tmp64(s);

    if (cnt == 0) {
        return;
    }
    tcg_gen_subi(t, cm1, count, 1);
    if (bits == 64) {
        TCGv inv = tmp64(s), part = tmp64(s);

        tcg_gen_movi(t, inv, 64);
        tcg_gen_sub(t, inv, inv, count);
        if (left) {
            tcg_gen_shl(t, res, s->T0, count);
            tcg_gen_shr(t, part, s->T1, inv);
            tcg_gen_shl(t, src, s->T0, cm1);
        } else {
            tcg_gen_shr(t, res, s->T0, count);
            tcg_gen_shl(t, part, s->T1, inv);
            tcg_gen_shr(t, src, s->T0, cm1);
        }
        tcg_gen_or(t, res, res, part);
        tcg_gen_movcond(t, TCG_COND_EQ, res, count, tconst(s, 0), s->T0, res);
    } else if (left) {
        /* x = dest:source in the top bits of 64, shifted left. */
        tcg_gen_shli(t, x, s->T0, 64 - bits);
        tcg_gen_shli(t, y, gen_ext(s, s->T1, size, false), 64 - 2 * bits);
        tcg_gen_or(t, x, x, y);
        tcg_gen_shl(t, res, x, count);
        tcg_gen_shri(t, res, res, 64 - bits);
        tcg_gen_shl(t, src, x, cm1);
        tcg_gen_shri(t, src, src, 64 - bits);
    } else {
        /* x = source:dest in the low 2 * bits, shifted right. */
        tcg_gen_shli(t, x, s->T1, bits);
        tcg_gen_or(t, x, x, gen_ext(s, s->T0, size, false));
        tcg_gen_shr(t, res, x, count);
        tcg_gen_shr(t, src, x, cm1);
    }
    tcg_gen_mov(t, s->T0, res);
    shift_flags(s, cnt, count, (left ? CC_OP_SHLB : CC_OP_SARB) + s->ot,
                res, src);
}

void gen_SHLD(DisasContext *s, X86Insn *in)
{
    gen_double_shift(s, in, true);
}

void gen_SHRD(DisasContext *s, X86Insn *in)
{
    gen_double_shift(s, in, false);
}

/* ---- BCD and accumulator extensions --------------------------------- */

static const TCGHelperInfo info_daa = {
    "daa", helper_daa, TCG_CALL_WRITES_GLOBALS,
};
static const TCGHelperInfo info_das = {
    "das", helper_das, TCG_CALL_WRITES_GLOBALS,
};
static const TCGHelperInfo info_aaa = {
    "aaa", helper_aaa, TCG_CALL_WRITES_GLOBALS,
};
static const TCGHelperInfo info_aas = {
    "aas", helper_aas, TCG_CALL_WRITES_GLOBALS,
};
static const TCGHelperInfo info_aam = {
    "aam", helper_aam, TCG_CALL_WRITES_GLOBALS,
};
static const TCGHelperInfo info_aad = {
    "aad", helper_aad, TCG_CALL_WRITES_GLOBALS,
};

/* A helper that reads and writes EFLAGS through env leaves CC_OP_EFLAGS. */
static void gen_flags_helper(DisasContext *s, const TCGHelperInfo *info,
                             TCGv arg)
{
    gen_update_cc_op(s);
    if (arg) {
        x86_gen_call(s, info, NULL, 2, s->envv, arg);
    } else {
        x86_gen_call(s, info, NULL, 1, s->envv);
    }
    s->cc_op = CC_OP_EFLAGS;
    s->cc_op_dirty = false;
}

void gen_DAA(DisasContext *s, X86Insn *in)
{
    gen_flags_helper(s, &info_daa, NULL);
}

void gen_DAS(DisasContext *s, X86Insn *in)
{
    gen_flags_helper(s, &info_das, NULL);
}

void gen_AAA(DisasContext *s, X86Insn *in)
{
    gen_flags_helper(s, &info_aaa, NULL);
}

void gen_AAS(DisasContext *s, X86Insn *in)
{
    gen_flags_helper(s, &info_aas, NULL);
}

void gen_AAM(DisasContext *s, X86Insn *in)
{
    gen_flags_helper(s, &info_aam, tconst(s, in->op[0].imm & 0xff));
}

void gen_AAD(DisasContext *s, X86Insn *in)
{
    gen_flags_helper(s, &info_aad, tconst(s, in->op[0].imm & 0xff));
}

void gen_SALC(DisasContext *s, X86Insn *in)
{
    TCGv v = tmp64(s);

    tcg_gen_neg(s->s, v, gen_compute_cf(s));
    gen_st_reg(s, X86_RC_GPR, R_EAX, 1, v);
}

void gen_CBW(DisasContext *s, X86Insn *in)
{
    int size = in->osize;
    TCGv v = gen_ext(s, s->regs[R_EAX], size / 2, true);

    gen_st_reg(s, X86_RC_GPR, R_EAX, size, v);
}

void gen_CWD(DisasContext *s, X86Insn *in)
{
    int size = in->osize;
    TCGv v = gen_ext(s, s->regs[R_EAX], size, true);

    tcg_gen_sari(s->s, v, v, 63);
    gen_st_reg(s, X86_RC_GPR, R_EDX, size, v);
}

void gen_BSWAP(DisasContext *s, X86Insn *in)
{
    switch (s->ot) {
    case 3:
        tcg_gen_bswap64(s->s, s->T0, s->T0);
        break;
    case 2:
        tcg_gen_bswap32(s->s, s->T0, s->T0);
        break;
    default:
        /* 16-bit BSWAP is undefined; processors clear the word. */
        tcg_gen_movi(s->s, s->T0, 0);
        break;
    }
}

/* ---- moves ---------------------------------------------------------- */

void gen_LEA(DisasContext *s, X86Insn *in)
{
    gen_st_op(s, &in->op[0], gen_ea_offset(s, &in->op[1].mem));
}

void gen_MOV(DisasContext *s, X86Insn *in)
{
    const X86Operand *d = &in->op[0], *a = &in->op[1];

    if (d->kind == X86_OPK_REG && d->reg_class == X86_RC_SEG) {
        gen_mov_to_seg(s, d->reg, gen_ld_op(s, a));
        return;
    }
    if ((d->kind == X86_OPK_REG && (d->reg_class == X86_RC_CR ||
                                    d->reg_class == X86_RC_DR)) ||
        (a->kind == X86_OPK_REG && (a->reg_class == X86_RC_CR ||
                                    a->reg_class == X86_RC_DR))) {
        gen_mov_crdr(s, in);
        return;
    }
    gen_st_op(s, d, gen_ld_op(s, a));
}

void gen_MOVZX(DisasContext *s, X86Insn *in)
{
    gen_st_op(s, &in->op[0], s->T1);
}

void gen_MOVSX(DisasContext *s, X86Insn *in)
{
    gen_st_op(s, &in->op[0], gen_ext(s, s->T1, in->op[1].size, true));
}

void gen_XCHG(DisasContext *s, X86Insn *in)
{
    /* A memory operand is always op[0]: store it first (restartable). */
    gen_st_op(s, &in->op[0], s->T1);
    gen_st_op(s, &in->op[1], s->T0);
}

void gen_XADD(DisasContext *s, X86Insn *in)
{
    TCGv sum = tmp64(s);

    tcg_gen_add(s->s, sum, s->T0, s->T1);
    if (in->op[0].kind == X86_OPK_MEM) {
        gen_st_op(s, &in->op[0], sum);
        gen_st_op(s, &in->op[1], s->T0);
    } else {
        gen_st_op(s, &in->op[1], s->T0);
        gen_st_op(s, &in->op[0], sum);
    }
    gen_set_cc(s, CC_OP_ADDB + s->ot, sum, s->T1, NULL);
}

void gen_CMPXCHG(DisasContext *s, X86Insn *in)
{
    TCGContext *t = s->s;
    int size = osz(s);
    TCGv acc = gen_ld_reg(s, X86_RC_GPR, R_EAX, size);
    TCGv diff = tmp64(s), nd = tmp64(s), na = tmp64(s);

    if (in->op[0].kind == X86_OPK_REG && size == 4) {
        /* A register destination is not written when the compare fails. */
        TCGv full = s->regs[in->op[0].reg], v = gen_ext(s, s->T1, 4, false);

        tcg_gen_movcond(t, TCG_COND_EQ, nd, acc, s->T0, v, full);
        tcg_gen_mov(t, full, nd);
    } else {
        tcg_gen_movcond(t, TCG_COND_EQ, nd, acc, s->T0, s->T1, s->T0);
        gen_st_op(s, &in->op[0], nd);
    }
    if (size == 4) {
        /* EAX is written (and RAX's top cleared) only on failure. */
        tcg_gen_movcond(t, TCG_COND_EQ, na, acc, s->T0, s->regs[R_EAX],
                        s->T0);
        tcg_gen_mov(t, s->regs[R_EAX], na);
    } else {
        tcg_gen_movcond(t, TCG_COND_EQ, na, acc, s->T0, acc, s->T0);
        gen_st_reg(s, X86_RC_GPR, R_EAX, size, na);
    }
    tcg_gen_sub(t, diff, acc, s->T0);
    gen_set_cc(s, CC_OP_SUBB + s->ot, diff, s->T0, NULL);
}

static const TCGHelperInfo info_cmpxchg8b = {
    "cmpxchg8b", helper_cmpxchg8b, TCG_CALL_WRITES_GLOBALS,
};
static const TCGHelperInfo info_cmpxchg16b = {
    "cmpxchg16b", helper_cmpxchg16b, TCG_CALL_WRITES_GLOBALS,
};

void gen_CMPXCHG8B(DisasContext *s, X86Insn *in)
{
    bool wide = in->mnemonic == X86_CMPXCHG16B;

    gen_flags_helper_addr(s, wide ? &info_cmpxchg16b : &info_cmpxchg8b);
}

void gen_XLAT(DisasContext *s, X86Insn *in)
{
    TCGv ea = tmp64(s), al = gen_ld_reg(s, X86_RC_GPR, R_EAX, 1), v;
    int seg = in->seg_override != X86_SEG_NONE ? in->seg_override
                                               : X86_SEG_DS;

    tcg_gen_add(s->s, ea, s->regs[R_EBX], al);
    ea = gen_ext(s, ea, in->asize, false);
    ea = gen_add_seg(s, ea, seg, in->asize);
    v = tmp64(s);
    gen_ld_mem(s, v, ea, 1, false);
    gen_st_reg(s, X86_RC_GPR, R_EAX, 1, v);
}

void gen_NOP(DisasContext *s, X86Insn *in)
{
}

void gen_CLFLUSH(DisasContext *s, X86Insn *in)
{
}

/* CMPXCHG8B/16B: the helper gets the address and the MMU index. */
void gen_flags_helper_addr(DisasContext *s, const TCGHelperInfo *info)
{
    gen_update_cc_op(s);
    gen_update_rip_cur(s);
    x86_gen_call(s, info, NULL, 3, s->envv, s->A0,
                 tconst(s, s->mem_index));
    s->cc_op = CC_OP_EFLAGS;
    s->cc_op_dirty = false;
}
