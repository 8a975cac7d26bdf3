/* SPDX-License-Identifier: MIT */
/*
 * Emitters for bit operations: BT/BTS/BTR/BTC (with the bit-string
 * addressing of a register offset into memory, SDM Vol. 2A 3.1.1.9), the
 * bit scans BSF/BSR and their counting cousins TZCNT/LZCNT/POPCNT (the
 * decoder already gated them on CPUID), and the condition users SETcc and
 * CMOVcc, whose conditions come from gen_prepare_cc in cc.c.
 */
#include "target-i386/translate.h"

/* EFLAGS with CF replaced by @cf (0/1): ZF and the rest stay. */
static TCGv flags_with_cf(DisasContext *s, TCGv cf)
{
    TCGv f = gen_compute_eflags(s);

    tcg_gen_andi(s->s, f, f, ~(uint64_t)EFLAGS_CF);
    tcg_gen_or(s->s, f, f, cf);
    return f;
}

void gen_BT(DisasContext *s, X86Insn *in)
{
    TCGContext *t = s->s;
    const X86Operand *dst = &in->op[0], *off = &in->op[1];
    int size = dst->size, bits = size * 8;
    TCGv bit = tmp64(s), val, addr = NULL, cf = tmp64(s), m = tmp64(s);

    if (off->kind == X86_OPK_IMM) {
        tcg_gen_movi(t, bit, off->imm & (bits - 1));
    } else {
        TCGv o = gen_ld_reg(s, off->reg_class, off->reg, off->size);

        tcg_gen_andi(t, bit, o, bits - 1);
        if (dst->kind == X86_OPK_MEM) {
            /* The offset is signed and selects a unit of @size bytes. */
            TCGv ea = gen_ea_offset(s, &dst->mem), d = tmp64(s);

            tcg_gen_sari(t, d, gen_ext(s, o, off->size, true),
                         3 + size_ot(size));
            tcg_gen_shli(t, d, d, size_ot(size));
            tcg_gen_add(t, ea, ea, d);
            ea = gen_ext(s, ea, dst->mem.addr_size, false);
            addr = gen_add_seg(s, ea, dst->mem.seg, dst->mem.addr_size);
        }
    }
    if (dst->kind == X86_OPK_MEM && !addr) {
        addr = gen_lea_mem(s, &dst->mem);
    }
    s->A0 = addr;
    val = gen_ld_op(s, dst);
    tcg_gen_shr(t, cf, val, bit);
    tcg_gen_andi(t, cf, cf, 1);
    if (in->mnemonic != X86_BT) {
        tcg_gen_movi(t, m, 1);
        tcg_gen_shl(t, m, m, bit);
        switch (in->mnemonic) {
        case X86_BTS:
            tcg_gen_or(t, val, val, m);
            break;
        case X86_BTR:
            tcg_gen_andc(t, val, val, m);
            break;
        default:
            tcg_gen_xor(t, val, val, m);
            break;
        }
        gen_st_op(s, dst, val);
    }
    gen_set_cc(s, CC_OP_EFLAGS, NULL, flags_with_cf(s, cf), NULL);
}

/* Write @v to the destination register only when @src is non-zero. */
static void st_unless_zero(DisasContext *s, X86Insn *in, TCGv src, TCGv v)
{
    const X86Operand *d = &in->op[0];
    TCGv old = gen_ld_op(s, d), r = tmp64(s);

    if (d->size == 4) {
        /* A zero source leaves all 64 bits; otherwise 32-bit write rules. */
        TCGv full = s->regs[d->reg];

        tcg_gen_ext32u(s->s, v, v);
        tcg_gen_movcond(s->s, TCG_COND_NE, r, src, tconst(s, 0), v, full);
        tcg_gen_mov(s->s, full, r);
        return;
    }
    tcg_gen_movcond(s->s, TCG_COND_NE, r, src, tconst(s, 0), v, old);
    gen_st_op(s, d, r);
}

void gen_BSF(DisasContext *s, X86Insn *in)
{
    TCGv r = tmp64(s);

    tcg_gen_ctzi(s->s, r, s->T1, 0);
    st_unless_zero(s, in, s->T1, r);
    gen_set_cc(s, CC_OP_LOGICB + s->ot, s->T1, NULL, NULL);
}

void gen_BSR(DisasContext *s, X86Insn *in)
{
    TCGv r = tmp64(s);

    tcg_gen_clzi(s->s, r, s->T1, 64);
    tcg_gen_xori(s->s, r, r, 63);
    st_unless_zero(s, in, s->T1, r);
    gen_set_cc(s, CC_OP_LOGICB + s->ot, s->T1, NULL, NULL);
}

/* TZCNT/LZCNT flags: CF = source was 0, ZF = result is 0. */
static void count_flags(DisasContext *s, TCGv src, TCGv res)
{
    TCGContext *t = s->s;
    TCGv cf = tmp64(s), zf = tmp64(s);

    tcg_gen_setcondi(t, TCG_COND_EQ, cf, src, 0);
    tcg_gen_setcondi(t, TCG_COND_EQ, zf, res, 0);
    tcg_gen_shli(t, zf, zf, 6);
    tcg_gen_or(t, cf, cf, zf);
    gen_set_cc(s, CC_OP_EFLAGS, NULL, cf, NULL);
}

void gen_TZCNT(DisasContext *s, X86Insn *in)
{
    TCGv r = tmp64(s);

    tcg_gen_ctzi(s->s, r, s->T1, 8 << s->ot);
    gen_st_op(s, &in->op[0], r);
    count_flags(s, s->T1, r);
}

void gen_LZCNT(DisasContext *s, X86Insn *in)
{
    TCGv r = tmp64(s);

    tcg_gen_clzi(s->s, r, s->T1, 64);
    tcg_gen_subi(s->s, r, r, 64 - (8 << s->ot));
    gen_st_op(s, &in->op[0], r);
    count_flags(s, s->T1, r);
}

static const TCGHelperInfo info_popcnt = {
    "popcnt", helper_popcnt, TCG_CALL_NO_SIDE_EFFECTS,
};

void gen_POPCNT(DisasContext *s, X86Insn *in)
{
    TCGv r = tmp64(s), zf = tmp64(s);

    x86_gen_call(s, &info_popcnt, r, 1, s->T1);
    gen_st_op(s, &in->op[0], r);
    tcg_gen_setcondi(s->s, TCG_COND_EQ, zf, s->T1, 0);
    tcg_gen_shli(s->s, zf, zf, 6);
    gen_set_cc(s, CC_OP_EFLAGS, NULL, zf, NULL);
}

void gen_SETcc(DisasContext *s, X86Insn *in)
{
    s->T0 = tmp64(s);
    gen_setcc(s, s->T0, in->mnemonic - X86_SETO);
}

void gen_CMOVcc(DisasContext *s, X86Insn *in)
{
    X86Cond c = gen_prepare_cc(s, in->mnemonic - X86_CMOVO);
    TCGv old = gen_ld_op(s, &in->op[0]), r = tmp64(s);

    tcg_gen_movcond(s->s, c.cond, r, c.a, c.b, s->T1, old);
    gen_st_op(s, &in->op[0], r);
}
