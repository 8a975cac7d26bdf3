/* SPDX-License-Identifier: MIT */
/*
 * The MMX, SSE-SSE4.2, PCLMULQDQ and AES emitters, and MOVBE. Every
 * X86_FIRST_SSE ... X86_LAST_SSE mnemonic comes through gen_SSE, which
 * checks what the SDM checks before anything else (CR0.EM → #UD,
 * CR4.OSFXSR=0 with an XMM operand → #UD, CR0.TS → #NM; for MMX
 * registers the switch to MMX state), loads the source (16-byte memory
 * operands must be aligned except for the unaligned moves and the string
 * compares: #GP(0)) and hands over to the emitter in sse_emitters. Moves,
 * inserts, extracts and the bitwise operations are inline IR on 64-bit
 * halves of env->xmm[] / env->fpregs[]; scalar floating-point arithmetic
 * goes to helper_sse_scalar with the low quadwords, the rest of the
 * arithmetic to helper_sse_op (sse-helper*.c), which computes in place in
 * env, the string compares to helper_sse_pcmpstr.
 * Every guest load happens before the first register write.
 */
#include "target-i386/translate.h"
#include "target-i386/sse-helper.h"

static const TCGHelperInfo info_sse_op = {
    "sse_op", helper_sse_op, TCG_CALL_READS_GLOBALS,
};
static const TCGHelperInfo info_sse_scalar = {
    "sse_scalar", helper_sse_scalar, TCG_CALL_READS_GLOBALS,
};
static const TCGHelperInfo info_movmsk = {
    "sse_movmsk", helper_sse_movmsk, TCG_CALL_NO_SIDE_EFFECTS,
};
static const TCGHelperInfo info_comi = {
    "sse_comi", helper_sse_comi, TCG_CALL_READS_GLOBALS,
};
static const TCGHelperInfo info_ptest = {
    "sse_ptest", helper_sse_ptest, TCG_CALL_NO_SIDE_EFFECTS,
};
static const TCGHelperInfo info_cvt2si = {
    "sse_cvt2si", helper_sse_cvt2si, TCG_CALL_READS_GLOBALS,
};
static const TCGHelperInfo info_crc32 = {
    "crc32", helper_crc32, TCG_CALL_NO_SIDE_EFFECTS,
};
static const TCGHelperInfo info_pcmpstr = {
    "sse_pcmpstr", helper_sse_pcmpstr, TCG_CALL_READS_GLOBALS,
};
static const TCGHelperInfo info_ldmxcsr = {
    "ldmxcsr", helper_ldmxcsr, TCG_CALL_READS_GLOBALS,
};
static const TCGHelperInfo info_fxsave = {
    "fxsave", helper_fxsave, TCG_CALL_READS_GLOBALS,
};
static const TCGHelperInfo info_fxrstor = {
    "fxrstor", helper_fxrstor, TCG_CALL_READS_GLOBALS,
};
static const TCGHelperInfo info_enter_mmx = {
    "enter_mmx", helper_enter_mmx, TCG_CALL_READS_GLOBALS,
};
static const TCGHelperInfo info_emms = {
    "emms", helper_emms, TCG_CALL_READS_GLOBALS,
};

/* ---- operands ------------------------------------------------------- */

static bool is_vreg(const X86Operand *op)
{
    return op->kind == X86_OPK_REG &&
           (op->reg_class == X86_RC_XMM || op->reg_class == X86_RC_MMX);
}

static bool is_mmx(const X86Operand *op)
{
    return op->kind == X86_OPK_REG && op->reg_class == X86_RC_MMX;
}

/* env offset of an XMM or MMX register's low quadword. */
static intptr_t vreg_off(const X86Operand *op)
{
    if (op->reg_class == X86_RC_XMM) {
        return offsetof(CPUX86State, xmm) + sizeof(XMMReg) * op->reg;
    }
    return offsetof(CPUX86State, fpregs) + sizeof(FPReg) * op->reg;
}

static TCGv ld_env(DisasContext *s, intptr_t off)
{
    TCGv v = tmp64(s);

    tcg_gen_ld(s->s, v, s->envv, off);
    return v;
}

static void st_env(DisasContext *s, TCGv v, intptr_t off)
{
    tcg_gen_st(s->s, v, s->envv, off);
}

/* Writing an MMX register sets its exponent field to all ones. */
static void st_mmx(DisasContext *s, const X86Operand *op, TCGv v)
{
    st_env(s, v, vreg_off(op));
    tcg_gen_st16(s->s, tconst(s, 0xffff), s->envv, vreg_off(op) + 8);
}

/* 16-byte operands are aligned except for these (SDM Vol. 1, 11.6.7). */
static bool needs_align(const X86Insn *in)
{
    switch (in->mnemonic) {
    case X86_MOVUPS: case X86_MOVUPD: case X86_MOVDQU: case X86_LDDQU:
    case X86_PCMPESTRI: case X86_PCMPESTRM:
    case X86_PCMPISTRI: case X86_PCMPISTRM:
        return false;
    default:
        return true;
    }
}

/* Does @in access a 16-byte memory operand that must be aligned? */
static bool has_aligned_mem16(const X86Insn *in)
{
    for (unsigned i = 0; i < in->nops; i++) {
        if (in->op[i].kind == X86_OPK_MEM && in->op[i].size == 16) {
            return needs_align(in);
        }
    }
    return false;
}

/*
 * #GP(0) for a misaligned 16-byte operand, before the instruction loads
 * anything: the check ends a basic block, so the address is carried past
 * it in a TB temp, and no other block temp exists yet.
 */
static void gen_check_align(DisasContext *s)
{
    TCGv a = tcg_temp_new_tb(s->s, TCG_TYPE_I64), t = tmp64(s);

    tcg_gen_mov(s->s, a, s->A0);
    s->A0 = a;
    tcg_gen_andi(s->s, t, a, 15);
    gen_exception_if(s, TCG_COND_NE, t, tconst(s, 0), EXCP0D_GPF);
}

/* The value of @op as lo:hi, zero-extended from its size. */
static void ld_vec(DisasContext *s, X86Insn *in, const X86Operand *op,
                   TCGv *lo, TCGv *hi)
{
    *hi = tconst(s, 0);
    if (is_vreg(op)) {
        *lo = ld_env(s, vreg_off(op));
        if (op->reg_class == X86_RC_XMM) {
            *hi = ld_env(s, vreg_off(op) + 8);
        }
        return;
    }
    if (op->kind != X86_OPK_MEM) {
        *lo = gen_ld_op(s, op);
        return;
    }
    *lo = tmp64(s);
    if (op->size == 16) {
        TCGv a8 = tmp64(s);

        *hi = tmp64(s);
        tcg_gen_addi(s->s, a8, s->A0, 8);
        gen_ld_mem(s, *lo, s->A0, 8, false);
        gen_ld_mem(s, *hi, a8, 8, false);
    } else {
        gen_ld_mem(s, *lo, s->A0, op->size, false);
    }
}

/* Store lo:hi to @op: a whole register, or @op->size bytes of memory. */
static void st_vec(DisasContext *s, X86Insn *in, const X86Operand *op,
                   TCGv lo, TCGv hi)
{
    if (is_mmx(op)) {
        st_mmx(s, op, lo);
    } else if (is_vreg(op)) {
        st_env(s, lo, vreg_off(op));
        st_env(s, hi, vreg_off(op) + 8);
    } else if (op->kind == X86_OPK_REG) {
        gen_st_reg(s, op->reg_class, op->reg, op->size, lo);
    } else if (op->size == 16) {
        TCGv a8 = tmp64(s);

        tcg_gen_addi(s->s, a8, s->A0, 8);
        gen_st_mem(s, lo, s->A0, 8);
        gen_st_mem(s, hi, a8, 8);
    } else {
        gen_st_mem(s, lo, s->A0, op->size);
    }
}

/* ---- moves ---------------------------------------------------------- */

/* Whole-register moves and loads/stores of the register's width. */
static void gen_MOVAPS(DisasContext *s, X86Insn *in)
{
    TCGv lo, hi;

    ld_vec(s, in, &in->op[1], &lo, &hi);
    st_vec(s, in, &in->op[0], lo, hi);
}

/* MOVSS/MOVSD: register to register merges the low element; a load
 * clears the rest; a store writes the element. */
static void gen_MOVSS(DisasContext *s, X86Insn *in)
{
    X86Operand *d = &in->op[0], *src = &in->op[1];
    unsigned bits = in->mnemonic == X86_MOVSS ? 32 : 64;
    TCGv lo, hi;

    ld_vec(s, in, src, &lo, &hi);
    if (is_vreg(d) && is_vreg(src)) {
        TCGv old = ld_env(s, vreg_off(d));
        if (bits == 32) {
            tcg_gen_deposit(s->s, old, old, lo, 0, 32);
        } else {
            tcg_gen_mov(s->s, old, lo);
        }
        st_env(s, old, vreg_off(d));
        return;
    }
    if (!is_vreg(d)) {
        gen_st_mem(s, lo, s->A0, bits / 8);
        return;
    }
    st_vec(s, in, d, lo, tconst(s, 0));
}

/* MOVD/MOVQ with a GPR or memory, MOVQ xmm/mm forms, MOVQ2DQ, MOVDQ2Q:
 * a register destination is zero-extended, memory gets the size. */
static void gen_MOVD(DisasContext *s, X86Insn *in)
{
    X86Operand *d = &in->op[0];
    TCGv lo, hi;

    ld_vec(s, in, &in->op[1], &lo, &hi);
    if (in->op[1].size < 8 || (is_vreg(&in->op[1]) && d->size < 16 &&
                               !is_vreg(d))) {
        lo = gen_ext(s, lo, MIN(in->op[1].size, d->size), false);
    }
    if (is_vreg(d) || d->kind == X86_OPK_REG) {
        st_vec(s, in, d, lo, tconst(s, 0));
    } else {
        gen_st_mem(s, lo, s->A0, d->size);
    }
}

/* MOVLPS/MOVLPD/MOVHPS/MOVHPD/MOVHLPS/MOVLHPS: one quadword. */
static void gen_MOVLPS(DisasContext *s, X86Insn *in)
{
    X86Operand *d = &in->op[0], *src = &in->op[1];
    unsigned m = in->mnemonic;
    bool to_high = m == X86_MOVHPS || m == X86_MOVHPD || m == X86_MOVLHPS;
    bool from_high = m == X86_MOVHLPS ||
                     ((m == X86_MOVHPS || m == X86_MOVHPD) && !is_vreg(d));
    TCGv lo, hi;

    ld_vec(s, in, src, &lo, &hi);
    if (!is_vreg(d)) {
        gen_st_mem(s, from_high ? hi : lo, s->A0, 8);
        return;
    }
    st_env(s, from_high ? hi : lo, vreg_off(d) + (to_high ? 8 : 0));
}

/* MOVSLDUP, MOVSHDUP, MOVDDUP. */
static void gen_MOVSLDUP(DisasContext *s, X86Insn *in)
{
    TCGv lo, hi, rl = tmp64(s), rh = tmp64(s);

    ld_vec(s, in, &in->op[1], &lo, &hi);
    switch (in->mnemonic) {
    case X86_MOVDDUP:
        tcg_gen_mov(s->s, rl, lo);
        tcg_gen_mov(s->s, rh, lo);
        break;
    case X86_MOVSLDUP:
        tcg_gen_deposit(s->s, rl, lo, lo, 32, 32);
        tcg_gen_deposit(s->s, rh, hi, hi, 32, 32);
        break;
    default:
        tcg_gen_shri(s->s, rl, lo, 32);
        tcg_gen_deposit(s->s, rl, rl, rl, 32, 32);
        tcg_gen_shri(s->s, rh, hi, 32);
        tcg_gen_deposit(s->s, rh, rh, rh, 32, 32);
        break;
    }
    st_vec(s, in, &in->op[0], rl, rh);
}

/* MOVMSKPS, MOVMSKPD, PMOVMSKB into a 32-bit GPR (zero-extended). */
static void gen_MOVMSKPS(DisasContext *s, X86Insn *in)
{
    TCGv lo, hi, r = tmp64(s);

    ld_vec(s, in, &in->op[1], &lo, &hi);
    if (in->mnemonic == X86_PMOVMSKB) {
        /*
         * Inline: per quadword, the byte sign bits gathered to bits 0-7
         * by one multiply (bit 8i times 2^(56-7i) lands on 56+i, and no
         * two partial products share a bit, so nothing carries).
         */
        TCGv q[2] = { lo, hi }, m[2];

        for (int i = 0; i < 2; i++) {
            m[i] = tmp64(s);
            tcg_gen_shri(s->s, m[i], q[i], 7);
            tcg_gen_andi(s->s, m[i], m[i], 0x0101010101010101ull);
            tcg_gen_muli(s->s, m[i], m[i], 0x0102040810204080ull);
            tcg_gen_shri(s->s, m[i], m[i], 56);
        }
        tcg_gen_shli(s->s, m[1], m[1], 8);
        tcg_gen_or(s->s, r, m[0], m[1]);
    } else {
        x86_gen_call(s, &info_movmsk, r, 3, tconst(s, in->mnemonic), lo,
                     hi);
    }
    gen_st_reg(s, X86_RC_GPR, in->op[0].reg, 4, r);
}

/*
 * op0 = op0 OP op1 one quadword at a time (one for MMX, two for XMM),
 * @fn computing r from the destination's half a and the source's b.
 */
typedef void VecHalfFn(DisasContext *s, unsigned mnemonic, TCGv r, TCGv a,
                       TCGv b);

static void gen_vec_halves(DisasContext *s, X86Insn *in, VecHalfFn *fn)
{
    X86Operand *d = &in->op[0];
    unsigned n = is_mmx(d) ? 1 : 2;
    TCGv lo, hi, r[2];

    ld_vec(s, in, &in->op[1], &lo, &hi);
    for (unsigned i = 0; i < n; i++) {
        r[i] = tmp64(s);
        fn(s, in->mnemonic, r[i], ld_env(s, vreg_off(d) + 8 * i),
           i ? hi : lo);
    }
    st_vec(s, in, d, r[0], r[n - 1]);
}

/*
 * PMINUB/PMAXUB inline: per quadword, a per-byte a < b without borrows
 * crossing bytes: d = (a | 0x80..) - (b & 0x7f..) has a byte's top bit
 * clear iff a's low seven bits are below b's; a < b where the top bits
 * differ and b's is set, or they agree and the low bits say so. The
 * mask of those bytes picks a or b.
 */
static void pminub_half(DisasContext *s, unsigned m, TCGv r, TCGv a,
                        TCGv b)
{
    const uint64_t top = 0x8080808080808080ull;
    TCGv x = tmp64(s), t = tmp64(s), u = tmp64(s);

    tcg_gen_xor(s->s, x, a, b);
    tcg_gen_ori(s->s, t, a, top);
    tcg_gen_andi(s->s, u, b, ~top);
    tcg_gen_sub(s->s, t, t, u);             /* d */
    tcg_gen_or(s->s, t, t, x);
    tcg_gen_not(s->s, t, t);                /* ~x & ~d */
    tcg_gen_andc(s->s, u, b, a);            /* ~a & b */
    tcg_gen_or(s->s, t, t, u);
    tcg_gen_andi(s->s, t, t, top);          /* lt, top bits */
    tcg_gen_shri(s->s, t, t, 7);
    tcg_gen_muli(s->s, t, t, 0xff);         /* byte mask */
    tcg_gen_and(s->s, t, t, x);
    tcg_gen_xor(s->s, r, m == X86_PMAXUB ? a : b, t);
}

static void gen_PMINUB(DisasContext *s, X86Insn *in)
{
    gen_vec_halves(s, in, pminub_half);
}

/*
 * PCMPEQB inline: per quadword, x = a ^ b has a zero byte where they
 * are equal; ((x & 0x7f..) + 0x7f..) | x sets each byte's top bit iff
 * the byte is non-zero (no carry crosses a byte), and the equal bytes'
 * 0x80 becomes 0xff by (m >> 7) * 0xff.
 */
static void pcmpeqb_half(DisasContext *s, unsigned m, TCGv r, TCGv a,
                         TCGv b)
{
    const uint64_t low7 = 0x7f7f7f7f7f7f7f7full;
    TCGv t = tmp64(s);

    tcg_gen_xor(s->s, r, a, b);
    tcg_gen_andi(s->s, t, r, low7);
    tcg_gen_addi(s->s, t, t, low7);
    tcg_gen_or(s->s, t, t, r);
    tcg_gen_not(s->s, t, t);
    tcg_gen_andi(s->s, t, t, ~low7);
    tcg_gen_shri(s->s, t, t, 7);
    tcg_gen_muli(s->s, r, t, 0xff);
}

static void gen_PCMPEQB(DisasContext *s, X86Insn *in)
{
    gen_vec_halves(s, in, pcmpeqb_half);
}

/* Element size in bytes of the inserts and extracts. */
static unsigned elem_size(unsigned m)
{
    switch (m) {
    case X86_PINSRB: case X86_PEXTRB: return 1;
    case X86_PINSRW: case X86_PEXTRW: return 2;
    case X86_PINSRQ: case X86_PEXTRQ: return 8;
    default: return 4;
    }
}

/* PINSRB/W/D/Q: one element from a GPR or memory. */
static void gen_PINSRW(DisasContext *s, X86Insn *in)
{
    X86Operand *d = &in->op[0];
    unsigned es = elem_size(in->mnemonic), width = is_mmx(d) ? 8 : 16;
    unsigned idx = in->op[2].imm & (width / es - 1), bit = idx * es * 8;
    intptr_t off = vreg_off(d) + (bit / 64) * 8;
    TCGv v, q;

    if (in->op[1].kind == X86_OPK_MEM) {
        v = tmp64(s);
        gen_ld_mem(s, v, s->A0, es, false);
    } else {
        v = gen_ld_reg(s, X86_RC_GPR, in->op[1].reg, MAX(es, 4u));
    }
    q = ld_env(s, off);
    tcg_gen_deposit(s->s, q, q, v, bit % 64, es * 8);
    if (is_mmx(d)) {
        st_mmx(s, d, q);
    } else {
        st_env(s, q, off);
    }
}

/* PEXTRB/W/D/Q, EXTRACTPS: to a GPR (zero-extended) or memory. */
static void gen_PEXTRW(DisasContext *s, X86Insn *in)
{
    bool to_gpr_first = in->op[0].kind == X86_OPK_REG &&
                        in->op[0].reg_class == X86_RC_GPR;
    X86Operand *d = &in->op[0], *src = &in->op[1];
    unsigned es = elem_size(in->mnemonic);
    unsigned width = is_mmx(src) ? 8 : 16, idx, bit;
    TCGv v = tmp64(s);

    idx = in->op[2].imm & (width / es - 1);
    bit = idx * es * 8;
    tcg_gen_ld(s->s, v, s->envv, vreg_off(src) + (bit / 64) * 8);
    tcg_gen_extract(s->s, v, v, bit % 64, es * 8);
    if (to_gpr_first) {
        gen_st_reg(s, X86_RC_GPR, d->reg, es == 8 ? 8 : MAX(d->size, 4u), v);
    } else {
        gen_st_mem(s, v, s->A0, es);
    }
}

/* A TB temp holding @v, for a value used across labels. */
static TCGv tb_copy(DisasContext *s, TCGv v)
{
    TCGv t = tcg_temp_new_tb(s->s, TCG_TYPE_I64);

    tcg_gen_mov(s->s, t, v);
    return t;
}

/*
 * MASKMOVQ/MASKMOVDQU: the bytes whose mask byte has bit 7 to DS:rDI.
 * One branch per byte, so the address, data and mask live in TB temps.
 */
static void gen_MASKMOVQ(DisasContext *s, X86Insn *in)
{
    unsigned n = is_mmx(&in->op[0]) ? 8 : 16;
    X86Mem m = {
        .seg = in->seg_override != X86_SEG_NONE ? in->seg_override
                                                : X86_SEG_DS,
        .base = X86_GPR_RDI, .index = X86_GPR_NONE, .scale = 1,
        .addr_size = in->asize,
    };
    TCGv addr = gen_lea_mem(s, &m), dl, dh, ml, mh;

    ld_vec(s, in, &in->op[0], &dl, &dh);
    ld_vec(s, in, &in->op[1], &ml, &mh);
    addr = tb_copy(s, addr);
    dl = tb_copy(s, dl);
    dh = tb_copy(s, dh);
    ml = tb_copy(s, ml);
    mh = tb_copy(s, mh);
    for (unsigned i = 0; i < n; i++) {
        TCGLabel *skip = tcg_gen_new_label(s->s);
        TCGv mk = tmp64(s), b = tmp64(s), a = tmp64(s);

        tcg_gen_extract(s->s, mk, i < 8 ? ml : mh, (i % 8) * 8 + 7, 1);
        tcg_gen_brcondi(s->s, TCG_COND_EQ, mk, 0, skip);
        tcg_gen_extract(s->s, b, i < 8 ? dl : dh, (i % 8) * 8, 8);
        tcg_gen_addi(s->s, a, addr, i);
        gen_st_mem(s, b, a, 1);
        tcg_gen_set_label(s->s, skip);
    }
}

/* ---- through the helpers -------------------------------------------- */

/* Shifts by an immediate name the shift by a register. */
static unsigned shift_by_reg(unsigned m)
{
    switch (m) {
    case X86_PSRLW_I: return X86_PSRLW;
    case X86_PSRAW_I: return X86_PSRAW;
    case X86_PSLLW_I: return X86_PSLLW;
    case X86_PSRLD_I: return X86_PSRLD;
    case X86_PSRAD_I: return X86_PSRAD;
    case X86_PSLLD_I: return X86_PSLLD;
    case X86_PSRLQ_I: return X86_PSRLQ;
    case X86_PSLLQ_I: return X86_PSLLQ;
    default: return 0;
    }
}

/*
 * op0 = op0 OP op1 (and imm8) in helper_sse_op: the arithmetic, logic,
 * compares, shuffles, blends, conversions between vector registers, and
 * the shifts by an immediate (op1 is then the count).
 */
static void gen_SSE_OP(DisasContext *s, X86Insn *in)
{
    X86Operand *d = &in->op[0];
    uint32_t op = in->mnemonic, imm = 0;
    TCGv lo, hi;

    if (shift_by_reg(op)) {
        op = shift_by_reg(op);
        lo = tconst(s, in->op[1].imm & 0xff);
        hi = tconst(s, 0);
    } else if (op == X86_PSRLDQ || op == X86_PSLLDQ) {
        imm = in->op[1].imm & 0xff;
        lo = hi = tconst(s, 0);
    } else {
        ld_vec(s, in, &in->op[1], &lo, &hi);
        if (in->nops > 2) {
            imm = in->op[2].imm & 0xff;
        }
        if (op == X86_CVTSI2SS || op == X86_CVTSI2SD) {
            imm = in->op[1].size;
        }
        if (op == X86_INSERTPS && is_vreg(&in->op[1])) {
            imm |= 0x100;
        }
    }
    if (is_mmx(d)) {
        op |= SSE_OP_MMX;
    }
    x86_gen_call(s, &info_sse_op, NULL, 6, s->envv, tconst(s, op),
                 tconst(s, vreg_off(d)), lo, hi, tconst(s, imm));
}

/*
 * PAND PANDN POR PXOR and the PS/PD forms: bitwise, inline on the two
 * halves (the low one for MMX). PXOR/XORPS/XORPD of a register with
 * itself, the zeroing idiom, stores zeros.
 */
static void pand_half(DisasContext *s, unsigned m, TCGv r, TCGv a, TCGv b)
{
    switch (m) {
    case X86_PAND: case X86_ANDPS: case X86_ANDPD:
        tcg_gen_and(s->s, r, a, b);
        break;
    case X86_PANDN: case X86_ANDNPS: case X86_ANDNPD:
        tcg_gen_andc(s->s, r, b, a);
        break;
    case X86_POR: case X86_ORPS: case X86_ORPD:
        tcg_gen_or(s->s, r, a, b);
        break;
    default:
        tcg_gen_xor(s->s, r, a, b);
        break;
    }
}

static void gen_PAND(DisasContext *s, X86Insn *in)
{
    X86Operand *d = &in->op[0];
    unsigned m = in->mnemonic;

    if ((m == X86_PXOR || m == X86_XORPS || m == X86_XORPD) &&
        is_vreg(&in->op[1]) && in->op[1].reg == d->reg) {
        TCGv zero = tconst(s, 0);

        st_vec(s, in, d, zero, zero);
        return;
    }
    gen_vec_halves(s, in, pand_half);
}

/*
 * PALIGNR xmm: the 32 bytes src:dst (src low) shifted right by imm8
 * bytes, low 16 kept; bytes past the 32 are zeros. Inline as two funnel
 * shifts of the four quadwords (glibc's SSSE3 memmove runs it on every
 * misaligned 16 bytes). The MMX form goes to the helper.
 */
static void gen_PALIGNR(DisasContext *s, X86Insn *in)
{
    X86Operand *d = &in->op[0];
    unsigned imm = in->op[2].imm & 0xff;
    TCGv q[6], r[2], lo, hi;

    if (is_mmx(d)) {
        gen_SSE_OP(s, in);
        return;
    }
    ld_vec(s, in, &in->op[1], &lo, &hi);
    q[0] = lo;
    q[1] = hi;
    q[2] = ld_env(s, vreg_off(d));
    q[3] = ld_env(s, vreg_off(d) + 8);
    q[4] = q[5] = tconst(s, 0);
    for (unsigned k = 0; k < 2; k++) {
        unsigned start = imm + 8 * k, w = start / 8, b = start % 8;

        r[k] = tmp64(s);
        if (w >= 5) {
            tcg_gen_movi(s->s, r[k], 0);
        } else if (b == 0) {
            tcg_gen_mov(s->s, r[k], q[w]);
        } else {
            TCGv t = tmp64(s);

            tcg_gen_shri(s->s, r[k], q[w], 8 * b);
            tcg_gen_shli(s->s, t, q[w + 1], 64 - 8 * b);
            tcg_gen_or(s->s, r[k], r[k], t);
        }
    }
    st_vec(s, in, d, r[0], r[1]);
}

/*
 * The scalar floating-point arithmetic (ADD SUB MUL DIV SQRT MIN MAX, SS
 * and SD): only the destination's low quadword changes, so it goes to
 * helper_sse_scalar and back as one 64-bit value.
 */
static void gen_SSE_SCALAR(DisasContext *s, X86Insn *in)
{
    intptr_t off = vreg_off(&in->op[0]);
    TCGv lo, hi, r = tmp64(s);

    ld_vec(s, in, &in->op[1], &lo, &hi);
    x86_gen_call(s, &info_sse_scalar, r, 4, s->envv,
                 tconst(s, in->mnemonic), ld_env(s, off), lo);
    st_env(s, r, off);
}

/* COMISS/UCOMISS/COMISD/UCOMISD: ZF PF CF, the others cleared. */
static void gen_COMISS(DisasContext *s, X86Insn *in)
{
    TCGv lo, hi, f = tmp64(s);

    ld_vec(s, in, &in->op[1], &lo, &hi);
    gen_update_cc_op(s);
    x86_gen_call(s, &info_comi, f, 4, s->envv, tconst(s, in->mnemonic),
                 ld_env(s, vreg_off(&in->op[0])), lo);
    gen_set_cc(s, CC_OP_EFLAGS, NULL, f, NULL);
}

/* PTEST: ZF if op0 AND op1 is zero, CF if NOT op0 AND op1 is. */
static void gen_PTEST(DisasContext *s, X86Insn *in)
{
    TCGv lo, hi, f = tmp64(s);

    ld_vec(s, in, &in->op[1], &lo, &hi);
    x86_gen_call(s, &info_ptest, f, 4, ld_env(s, vreg_off(&in->op[0])),
                 ld_env(s, vreg_off(&in->op[0]) + 8), lo, hi);
    gen_set_cc(s, CC_OP_EFLAGS, NULL, f, NULL);
}

/* CVT(T)SS2SI, CVT(T)SD2SI. */
static void gen_CVTSS2SI(DisasContext *s, X86Insn *in)
{
    TCGv lo, hi, r = tmp64(s);

    ld_vec(s, in, &in->op[1], &lo, &hi);
    x86_gen_call(s, &info_cvt2si, r, 4, s->envv, tconst(s, in->mnemonic), lo,
                 tconst(s, in->op[0].size));
    gen_st_reg(s, X86_RC_GPR, in->op[0].reg, in->op[0].size, r);
}

/* CRC32 r32/r64, r/m8/16/32/64: the 64-bit form zero-extends. */
static void gen_CRC32(DisasContext *s, X86Insn *in)
{
    TCGv v = gen_ld_op(s, &in->op[1]), r = tmp64(s);
    TCGv crc = gen_ld_reg(s, X86_RC_GPR, in->op[0].reg, 4);

    x86_gen_call(s, &info_crc32, r, 3, crc, v, tconst(s, in->op[1].size));
    gen_st_reg(s, X86_RC_GPR, in->op[0].reg, in->op[0].size, r);
}

/*
 * PCMPESTRI/PCMPESTRM/PCMPISTRI/PCMPISTRM (SDM Vol. 2B, 4.1): lengths in
 * EAX/EDX (RAX/RDX with REX.W) for the explicit forms, the index to ECX
 * (zero-extended) or the mask to XMM0; CF ZF SF OF, AF and PF cleared.
 */
static void gen_PCMPESTRI(DisasContext *s, X86Insn *in)
{
    unsigned m = in->mnemonic;
    uint32_t ctl = m | (in->op[2].imm & 0xff) << 16 | in->op[0].reg << 24;
    TCGv lo, hi, r = tmp64(s), f = tmp64(s);

    if (in->rex & 8) {
        ctl |= PCMPSTR_REX_W;
    }
    ld_vec(s, in, &in->op[1], &lo, &hi);
    x86_gen_call(s, &info_pcmpstr, r, 6, s->envv, tconst(s, ctl), lo, hi,
                 gen_ld_reg(s, X86_RC_GPR, X86_GPR_RAX, 8),
                 gen_ld_reg(s, X86_RC_GPR, X86_GPR_RDX, 8));
    if (m == X86_PCMPESTRI || m == X86_PCMPISTRI) {
        TCGv idx = tmp64(s);

        tcg_gen_shri(s->s, idx, r, 32);
        gen_st_reg(s, X86_RC_GPR, X86_GPR_RCX, 4, idx);
    }
    tcg_gen_andi(s->s, f, r, 0xffffffff);
    gen_set_cc(s, CC_OP_EFLAGS, NULL, f, NULL);
}

/* MOVBE (SDM Vol. 2B): a load or a store with the bytes reversed. */
static void gen_MOVBE(DisasContext *s, X86Insn *in)
{
    TCGv v = tmp64(s);

    tcg_gen_bswap64(s->s, v, gen_ld_op(s, &in->op[1]));
    tcg_gen_shri(s->s, v, v, 64 - 8 * in->op[0].size);
    gen_st_op(s, &in->op[0], v);
}

static void gen_EMMS(DisasContext *s, X86Insn *in)
{
    x86_gen_call(s, &info_emms, NULL, 1, s->envv);
}

static void gen_LDMXCSR(DisasContext *s, X86Insn *in)
{
    TCGv v = tmp64(s);

    gen_ld_mem(s, v, s->A0, 4, false);
    gen_update_cc_op(s);
    gen_update_rip_cur(s);
    x86_gen_call(s, &info_ldmxcsr, NULL, 2, s->envv, v);
}

static void gen_STMXCSR(DisasContext *s, X86Insn *in)
{
    TCGv v = tmp64(s);

    tcg_gen_ld32u(s->s, v, s->envv, offsetof(CPUX86State, mxcsr));
    gen_st_mem(s, v, s->A0, 4);
}

/* FXSAVE/FXRSTOR (and their REX.W forms): fxsave.c. */
static void gen_FXSAVE(DisasContext *s, X86Insn *in)
{
    uint32_t form = (s->code64 ? 1 : 0) | ((in->rex & 8) ? 2 : 0);

    gen_update_cc_op(s);
    gen_update_rip_cur(s);
    x86_gen_call(s, in->mnemonic == X86_FXSAVE ? &info_fxsave : &info_fxrstor,
                 NULL, 4, s->envv, s->A0, tconst(s, s->mem_index),
                 tconst(s, form));
}

/* ---- the dispatch --------------------------------------------------- */

static X86GenFn sse_emitter(unsigned m)
{
    switch (m) {
    case X86_MOVUPS: case X86_MOVUPD: case X86_MOVAPS: case X86_MOVAPD:
    case X86_MOVDQA: case X86_MOVDQU: case X86_LDDQU: case X86_MOVNTPS:
    case X86_MOVNTPD: case X86_MOVNTDQ: case X86_MOVNTQ: case X86_MOVNTDQA:
        return gen_MOVAPS;
    case X86_MOVSS: case X86_MOVSD_X:
        return gen_MOVSS;
    case X86_MOVD: case X86_MOVQ: case X86_MOVQ2DQ: case X86_MOVDQ2Q:
        return gen_MOVD;
    case X86_MOVLPS: case X86_MOVLPD: case X86_MOVHPS: case X86_MOVHPD:
    case X86_MOVHLPS: case X86_MOVLHPS:
        return gen_MOVLPS;
    case X86_MOVSLDUP: case X86_MOVSHDUP: case X86_MOVDDUP:
        return gen_MOVSLDUP;
    case X86_MOVMSKPS: case X86_MOVMSKPD: case X86_PMOVMSKB:
        return gen_MOVMSKPS;
    case X86_PINSRW: case X86_PINSRB: case X86_PINSRD: case X86_PINSRQ:
        return gen_PINSRW;
    case X86_PEXTRW: case X86_PEXTRB: case X86_PEXTRD: case X86_PEXTRQ:
    case X86_EXTRACTPS:
        return gen_PEXTRW;
    case X86_MASKMOVQ: case X86_MASKMOVDQU:
        return gen_MASKMOVQ;
    case X86_COMISS: case X86_UCOMISS: case X86_COMISD: case X86_UCOMISD:
        return gen_COMISS;
    case X86_PAND: case X86_PANDN: case X86_POR: case X86_PXOR:
    case X86_ANDPS: case X86_ANDPD: case X86_ANDNPS: case X86_ANDNPD:
    case X86_ORPS: case X86_ORPD: case X86_XORPS: case X86_XORPD:
        return gen_PAND;
    case X86_ADDSS: case X86_ADDSD: case X86_SUBSS: case X86_SUBSD:
    case X86_MULSS: case X86_MULSD: case X86_DIVSS: case X86_DIVSD:
    case X86_SQRTSS: case X86_SQRTSD: case X86_MINSS: case X86_MINSD:
    case X86_MAXSS: case X86_MAXSD:
        return gen_SSE_SCALAR;
    case X86_PTEST:
        return gen_PTEST;
    case X86_PALIGNR:
        return gen_PALIGNR;
    case X86_PCMPEQB:
        return gen_PCMPEQB;
    case X86_PMINUB: case X86_PMAXUB:
        return gen_PMINUB;
    case X86_CVTSS2SI: case X86_CVTSD2SI: case X86_CVTTSS2SI:
    case X86_CVTTSD2SI:
        return gen_CVTSS2SI;
    case X86_CRC32:
        return gen_CRC32;
    case X86_EMMS:
        return gen_EMMS;
    case X86_PCMPESTRM: case X86_PCMPESTRI: case X86_PCMPISTRM:
    case X86_PCMPISTRI:
        return gen_PCMPESTRI;
    case X86_MOVBE:
        return gen_MOVBE;
    default:
        return gen_SSE_OP;
    }
}

/* Whether the instruction names an MMX or an XMM register. */
static void vreg_kinds(const X86Insn *in, bool *mmx, bool *xmm)
{
    *mmx = in->mnemonic == X86_EMMS;
    *xmm = false;
    for (unsigned i = 0; i < in->nops; i++) {
        *mmx |= is_mmx(&in->op[i]);
        *xmm |= is_vreg(&in->op[i]) && !is_mmx(&in->op[i]);
    }
}

/*
 * The checks every MMX/SSE instruction makes first (SDM Vol. 3A, 13.1
 * and Vol. 2 "SIMD Floating-Point Exceptions" tables): CR0.EM → #UD;
 * an XMM operand with CR4.OSFXSR clear → #UD; CR0.TS → #NM. CRC32 and
 * MOVBE are general-purpose instructions and check none of them.
 */
void gen_SSE(DisasContext *s, X86Insn *in)
{
    X86GenFn gen = sse_emitter(in->mnemonic);
    bool mmx, xmm;

    if (!gen) {
        gen_unimplemented(s, x86_mnemonic_name(in->mnemonic));
        return;
    }
    if (in->mnemonic != X86_CRC32 && in->mnemonic != X86_MOVBE) {
        vreg_kinds(in, &mmx, &xmm);
        if (s->flags & HF_EM) {
            gen_exception(s, EXCP06_ILLOP);
            return;
        }
        if (xmm && !(s->flags & HF_OSFXSR)) {
            gen_exception(s, EXCP06_ILLOP);
            return;
        }
        if (s->flags & HF_TS) {
            gen_exception(s, EXCP07_PREX);
            return;
        }
        if (mmx) {
            gen_update_cc_op(s);
            gen_update_rip_cur(s);
            x86_gen_call(s, &info_enter_mmx, NULL, 1, s->envv);
        }
        if (has_aligned_mem16(in)) {
            gen_check_align(s);
        }
    }
    gen(s, in);
}

/*
 * LDMXCSR/STMXCSR: CR0.EM or CR4.OSFXSR clear → #UD, CR0.TS → #NM.
 * FXSAVE/FXRSTOR: CR0.EM or CR0.TS → #NM (SDM Vol. 2A, FXSAVE).
 */
void gen_MXCSR(DisasContext *s, X86Insn *in)
{
    bool fx = in->mnemonic == X86_FXSAVE || in->mnemonic == X86_FXRSTOR;

    if (!fx && ((s->flags & HF_EM) || !(s->flags & HF_OSFXSR))) {
        gen_exception(s, EXCP06_ILLOP);
        return;
    }
    if ((s->flags & HF_TS) || (fx && (s->flags & HF_EM))) {
        gen_exception(s, EXCP07_PREX);
        return;
    }
    switch (in->mnemonic) {
    case X86_LDMXCSR:
        gen_LDMXCSR(s, in);
        break;
    case X86_STMXCSR:
        gen_STMXCSR(s, in);
        break;
    default:
        gen_FXSAVE(s, in);
        break;
    }
}
