/* SPDX-License-Identifier: MIT */
/*
 * Lazy flags. Under TCG the arithmetic flags are not computed when an
 * instruction runs: the translator records which operation set them
 * (cc_op, static inside a TB) and its operands (cc_dst/cc_src/cc_src2,
 * see the table in translate.h). This file has both halves:
 *
 * - at run time, helper_cc_compute_all / helper_cc_compute_c derive the
 *   flags from that record, and x86_eflags_get / x86_eflags_set convert
 *   between the lazy form and a full EFLAGS value for everyone else;
 * - at translation time, set_cc_op / gen_update_cc_op track whether
 *   env->cc_op is current (written only when leaving the TB or calling a
 *   helper that reads flags), and gen_prepare_cc turns a Jcc/SETcc/CMOVcc
 *   condition into a single TCG comparison of the recorded operands when
 *   the cc_op allows (JB after CMP is an unsigned compare, JZ after
 *   anything is dst == 0), calling the helper only otherwise.
 */
#include "target-i386/translate.h"

/* ---- run time ------------------------------------------------------- */

static inline int cc_op_bits(uint32_t op)
{
    return 8 << ((op - CC_OP_MULB) & 3);
}

static inline uint64_t cc_mask(int bits)
{
    return bits == 64 ? ~0ull : (1ull << bits) - 1;
}

static inline uint64_t cc_sign(uint64_t v, int bits)
{
    return (v >> (bits - 1)) & 1;
}

/* ZF, SF and PF of a result. */
static uint64_t flags_szp(uint64_t dst, int bits)
{
    uint64_t f = 0;

    dst &= cc_mask(bits);
    if (dst == 0) {
        f |= EFLAGS_ZF;
    }
    if (cc_sign(dst, bits)) {
        f |= EFLAGS_SF;
    }
    if (!__builtin_parity(dst & 0xff)) {
        f |= EFLAGS_PF;
    }
    return f;
}

uint64_t helper_cc_compute_all(uint64_t dst, uint64_t src, uint64_t src2,
                               uint32_t op)
{
    int bits;
    uint64_t m, a, f, cf = 0, of = 0, af = 0;

    if (op == CC_OP_EFLAGS) {
        return src & CC_ARITH_MASK;
    }
    if (op < CC_OP_MULB || op >= CC_OP_NB) {
        return 0;
    }
    bits = cc_op_bits(op);
    m = cc_mask(bits);
    f = flags_szp(dst, bits);
    switch ((op - CC_OP_MULB) >> 2) {
    case 0: /* MUL */
        cf = of = src != 0;
        break;
    case 1: /* ADD */
    case 2: /* ADC */
        a = dst - src - ((op >= CC_OP_ADCB) ? src2 : 0);
        if (op >= CC_OP_ADCB && src2) {
            cf = (dst & m) <= (src & m);
        } else {
            cf = (dst & m) < (src & m);
        }
        af = (a ^ src ^ dst) & 0x10;
        of = cc_sign((a ^ ~src) & (a ^ dst), bits);
        break;
    case 3: /* SUB */
    case 4: /* SBB */
        a = dst + src + ((op >= CC_OP_SBBB) ? src2 : 0);
        if (op >= CC_OP_SBBB && src2) {
            cf = (a & m) <= (src & m);
        } else {
            cf = (a & m) < (src & m);
        }
        af = (a ^ src ^ dst) & 0x10;
        of = cc_sign((a ^ src) & (a ^ dst), bits);
        break;
    case 5: /* LOGIC */
        break;
    case 6: /* INC */
        cf = src != 0;
        af = (dst ^ (dst - 1)) & 0x10;
        of = (dst & m) == (1ull << (bits - 1));
        break;
    case 7: /* DEC */
        cf = src != 0;
        af = (dst ^ (dst + 1)) & 0x10;
        of = (dst & m) == (1ull << (bits - 1)) - 1;
        break;
    case 8: /* SHL */
        cf = cc_sign(src, bits);
        of = cf ^ cc_sign(dst, bits);
        break;
    case 9: /* SAR, SHR */
        cf = src & 1;
        of = cc_sign(src ^ dst, bits);
        break;
    }
    return f | (cf ? EFLAGS_CF : 0) | (of ? EFLAGS_OF : 0) |
           (af ? EFLAGS_AF : 0);
}

uint64_t helper_cc_compute_c(uint64_t dst, uint64_t src, uint64_t src2,
                             uint32_t op)
{
    uint64_t m;

    if (op >= CC_OP_MULB && op < CC_OP_NB) {
        m = cc_mask(cc_op_bits(op));
        switch ((op - CC_OP_MULB) >> 2) {
        case 1:
            return (dst & m) < (src & m);
        case 3:
            return ((dst + src) & m) < (src & m);
        case 5:
            return 0;
        case 6:
        case 7:
            return src != 0;
        }
    }
    return helper_cc_compute_all(dst, src, src2, op) & EFLAGS_CF;
}

uint64_t x86_eflags_get(CPUX86State *env)
{
    uint64_t f = env->eflags & ~(uint64_t)(CC_ARITH_MASK | EFLAGS_DF);

    f |= helper_cc_compute_all(env->cc_dst, env->cc_src, env->cc_src2,
                               env->cc_op);
    if (env->df < 0) {
        f |= EFLAGS_DF;
    }
    return f | EFLAGS_FIXED;
}

void x86_eflags_set(CPUX86State *env, uint64_t val, uint64_t mask)
{
    uint64_t arith;

    if (mask & CC_ARITH_MASK) {
        arith = helper_cc_compute_all(env->cc_dst, env->cc_src,
                                      env->cc_src2, env->cc_op);
        arith = (arith & ~mask) | (val & mask & CC_ARITH_MASK);
        env->cc_src = arith;
        env->cc_op = CC_OP_EFLAGS;
    }
    if (mask & EFLAGS_DF) {
        env->df = (val & EFLAGS_DF) ? -1 : 1;
    }
    mask &= ~(uint64_t)(CC_ARITH_MASK | EFLAGS_DF);
    env->eflags = (env->eflags & ~mask) | (val & mask) | EFLAGS_FIXED;
}

/* ---- translation time ----------------------------------------------- */

static const TCGHelperInfo info_cc_compute_all = {
    "cc_compute_all", helper_cc_compute_all, TCG_CALL_NO_SIDE_EFFECTS,
};
static const TCGHelperInfo info_cc_compute_c = {
    "cc_compute_c", helper_cc_compute_c, TCG_CALL_NO_SIDE_EFFECTS,
};

void set_cc_op(DisasContext *s, int op)
{
    if (s->cc_op == op) {
        return;
    }
    s->cc_op = op;
    s->cc_op_dirty = op != CC_OP_DYNAMIC;
}

void gen_update_cc_op(DisasContext *s)
{
    if (s->cc_op_dirty) {
        tcg_gen_movi(s->s, s->cc_op_g, s->cc_op);
        s->cc_op_dirty = false;
    }
}

void gen_set_cc(DisasContext *s, int op, TCGv dst, TCGv src, TCGv src2)
{
    s->pend_op = op;
    s->pend_dst = dst;
    s->pend_src = src;
    s->pend_src2 = src2;
    s->pend_srcT = NULL;
}

void gen_set_cc_sub(DisasContext *s, int op, TCGv dst, TCGv srcT, TCGv src)
{
    gen_set_cc(s, op, dst, src, NULL);
    s->pend_srcT = srcT;
}

void gen_set_cc_count(DisasContext *s, TCGv count, int op, TCGv dst,
                      TCGv src)
{
    TCGContext *t = s->s;
    TCGv zero = tconst(s, 0), nd = NULL, ns, c32, opv;

    gen_update_cc_op(s);
    if (dst) {
        nd = tmp64(s);
        tcg_gen_movcond(t, TCG_COND_NE, nd, count, zero, dst, s->cc_dst);
    }
    ns = tmp64(s);
    tcg_gen_movcond(t, TCG_COND_NE, ns, count, zero, src, s->cc_src);
    c32 = tcg_temp_new(t, TCG_TYPE_I32);
    tcg_gen_extrl_i64_i32(t, c32, count);
    opv = tcg_temp_new(t, TCG_TYPE_I32);
    tcg_gen_movcond(t, TCG_COND_NE, opv, c32,
                    tcg_const(t, TCG_TYPE_I32, 0),
                    tcg_const(t, TCG_TYPE_I32, op), s->cc_op_g);
    s->pend_opv = opv;
    gen_set_cc(s, CC_OP_DYNAMIC, nd, ns, NULL);
}

void gen_commit_cc(DisasContext *s)
{
    TCGContext *t = s->s;
    int op = s->pend_op;

    if (op < 0) {
        return;
    }
    s->pend_op = -1;
    if (s->pend_opv) {
        tcg_gen_mov(t, s->cc_op_g, s->pend_opv);
        s->pend_opv = NULL;
    }
    if (s->pend_dst) {
        tcg_gen_mov(t, s->cc_dst, s->pend_dst);
    } else if (op != CC_OP_DYNAMIC) {
        tcg_gen_discard(t, s->cc_dst);
    }
    if (s->pend_src) {
        tcg_gen_mov(t, s->cc_src, s->pend_src);
    } else if (op != CC_OP_DYNAMIC) {
        tcg_gen_discard(t, s->cc_src);
    }
    if (s->pend_src2) {
        tcg_gen_mov(t, s->cc_src2, s->pend_src2);
    } else if (op != CC_OP_DYNAMIC) {
        tcg_gen_discard(t, s->cc_src2);
    }
    s->srcT_op = -1;
    if (s->pend_srcT) {
        if (!s->cc_srcT) {
            s->cc_srcT = tcg_temp_new_tb(t, TCG_TYPE_I64);
        }
        tcg_gen_mov(t, s->cc_srcT, s->pend_srcT);
        s->pend_srcT = NULL;
        s->srcT_op = op;
    }
    set_cc_op(s, op);
}

static TCGv cc_op_value(DisasContext *s)
{
    if (s->cc_op == CC_OP_DYNAMIC) {
        return s->cc_op_g;
    }
    return tcg_const(s->s, TCG_TYPE_I32, s->cc_op);
}

TCGv gen_compute_eflags(DisasContext *s)
{
    TCGv r = tmp64(s);

    if (s->cc_op == CC_OP_EFLAGS) {
        tcg_gen_andi(s->s, r, s->cc_src, CC_ARITH_MASK);
        return r;
    }
    x86_gen_call(s, &info_cc_compute_all, r, 4, s->cc_dst, s->cc_src,
                 s->cc_src2, cc_op_value(s));
    return r;
}

static int cc_family(int op)
{
    return op >= CC_OP_MULB && op < CC_OP_NB ? (op - CC_OP_MULB) >> 2 : -1;
}

enum { FAM_MUL, FAM_ADD, FAM_ADC, FAM_SUB, FAM_SBB, FAM_LOGIC, FAM_INC,
       FAM_DEC, FAM_SHL, FAM_SAR };

TCGv gen_compute_cf(DisasContext *s)
{
    TCGContext *t = s->s;
    TCGv r = tmp64(s);
    int ot = (s->cc_op - CC_OP_MULB) & 3;
    TCGv a, b;

    switch (cc_family(s->cc_op)) {
    case FAM_ADD:
        a = gen_ext(s, s->cc_dst, 1 << ot, false);
        b = gen_ext(s, s->cc_src, 1 << ot, false);
        tcg_gen_setcond(t, TCG_COND_LTU, r, a, b);
        return r;
    case FAM_SUB:
        if (s->srcT_op == s->cc_op) {
            a = s->cc_srcT;     /* the minuend, kept by this block */
        } else {
            a = tmp64(s);
            tcg_gen_add(t, a, s->cc_dst, s->cc_src);
        }
        a = gen_ext(s, a, 1 << ot, false);
        b = gen_ext(s, s->cc_src, 1 << ot, false);
        tcg_gen_setcond(t, TCG_COND_LTU, r, a, b);
        return r;
    case FAM_LOGIC:
        tcg_gen_movi(t, r, 0);
        return r;
    case FAM_INC:
    case FAM_DEC:
        tcg_gen_mov(t, r, s->cc_src);
        return r;
    }
    if (s->cc_op == CC_OP_EFLAGS) {
        tcg_gen_andi(t, r, s->cc_src, EFLAGS_CF);
        return r;
    }
    x86_gen_call(s, &info_cc_compute_c, r, 4, s->cc_dst, s->cc_src,
                 s->cc_src2, cc_op_value(s));
    return r;
}

static X86Cond mkcond(TCGCond c, TCGv a, TCGv b)
{
    return (X86Cond){ c, a, b };
}

/* From a full EFLAGS value: the base condition (cc >> 1) as flags != 0. */
static X86Cond cond_from_flags(DisasContext *s, TCGv flags, int jcc)
{
    TCGContext *t = s->s;
    TCGv r = tmp64(s), u;

    switch (jcc) {
    case 0: tcg_gen_andi(t, r, flags, EFLAGS_OF); break;
    case 1: tcg_gen_andi(t, r, flags, EFLAGS_CF); break;
    case 2: tcg_gen_andi(t, r, flags, EFLAGS_ZF); break;
    case 3: tcg_gen_andi(t, r, flags, EFLAGS_CF | EFLAGS_ZF); break;
    case 4: tcg_gen_andi(t, r, flags, EFLAGS_SF); break;
    case 5: tcg_gen_andi(t, r, flags, EFLAGS_PF); break;
    case 6:
    case 7:
        /* SF != OF (| ZF): OF is bit 11, SF bit 7. */
        tcg_gen_shri(t, r, flags, 4);
        tcg_gen_xor(t, r, r, flags);
        tcg_gen_andi(t, r, r, EFLAGS_SF);
        if (jcc == 7) {
            u = tmp64(s);
            tcg_gen_andi(t, u, flags, EFLAGS_ZF);
            tcg_gen_or(t, r, r, u);
        }
        break;
    }
    return mkcond(TCG_COND_NE, r, tconst(s, 0));
}

/* The base condition (cc >> 1) without its inversion. */
static X86Cond prepare_base(DisasContext *s, int jcc)
{
    TCGContext *t = s->s;
    int fam = cc_family(s->cc_op);
    int size = 1 << ((s->cc_op - CC_OP_MULB) & 3);
    TCGv a, zero = NULL;

    if (fam >= 0 && (jcc == 2 || jcc == 4)) {
        zero = tconst(s, 0);
        if (jcc == 2) {
            return mkcond(TCG_COND_EQ, gen_ext(s, s->cc_dst, size, false),
                          zero);
        }
        return mkcond(TCG_COND_LT, gen_ext(s, s->cc_dst, size, true), zero);
    }
    switch (fam) {
    case FAM_SUB:
        if (jcc == 0 || jcc == 5) {
            break;
        }
        if (s->srcT_op == s->cc_op) {
            a = s->cc_srcT;
        } else {
            a = tmp64(s);
            tcg_gen_add(t, a, s->cc_dst, s->cc_src);
        }
        if (jcc == 1 || jcc == 3) {
            return mkcond(jcc == 1 ? TCG_COND_LTU : TCG_COND_LEU,
                          gen_ext(s, a, size, false),
                          gen_ext(s, s->cc_src, size, false));
        }
        return mkcond(jcc == 6 ? TCG_COND_LT : TCG_COND_LE,
                      gen_ext(s, a, size, true),
                      gen_ext(s, s->cc_src, size, true));
    case FAM_ADD:
        if (jcc == 1) {
            return mkcond(TCG_COND_LTU, gen_ext(s, s->cc_dst, size, false),
                          gen_ext(s, s->cc_src, size, false));
        }
        break;
    case FAM_LOGIC:
        zero = tconst(s, 0);
        switch (jcc) {
        case 0:
        case 1:
            return mkcond(TCG_COND_NEVER, zero, zero);
        case 3:
            return mkcond(TCG_COND_EQ, gen_ext(s, s->cc_dst, size, false),
                          zero);
        case 6:
            return mkcond(TCG_COND_LT, gen_ext(s, s->cc_dst, size, true),
                          zero);
        case 7:
            return mkcond(TCG_COND_LE, gen_ext(s, s->cc_dst, size, true),
                          zero);
        }
        break;
    case FAM_INC:
    case FAM_DEC:
        if (jcc == 1) {
            return mkcond(TCG_COND_NE, s->cc_src, tconst(s, 0));
        }
        break;
    }
    if (jcc == 1) {
        return mkcond(TCG_COND_NE, gen_compute_cf(s), tconst(s, 0));
    }
    return cond_from_flags(s, gen_compute_eflags(s), jcc);
}

X86Cond gen_prepare_cc(DisasContext *s, int cc)
{
    X86Cond c = prepare_base(s, cc >> 1);

    if (cc & 1) {
        c.cond = tcg_invert_cond(c.cond);
    }
    return c;
}

void gen_setcc(DisasContext *s, TCGv d, int cc)
{
    X86Cond c = gen_prepare_cc(s, cc);

    tcg_gen_setcond(s->s, c.cond, d, c.a, c.b);
}
