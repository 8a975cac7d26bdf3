/* SPDX-License-Identifier: MIT */
/*
 * The IR builder behind tcg-op.h. Each tcg_gen_* checks its operand
 * types, folds what is trivially foldable at emission time (x + 0 is a
 * mov, x & 0 a movi, a branch on a constant condition a br or nothing)
 * and appends one op. Immediate forms put the constant in a fresh temp
 * with movi; the optimizer and the backend turn it back into an
 * immediate operand.
 */
#include "tcg/tcg-op.h"

static TCGTemp *T(TCGContext *s, TCGv v)
{
    return tcgv_temp(s, v);
}

static uint64_t type_mask(TCGType type, uint64_t v)
{
    return type == TCG_TYPE_I32 ? (uint32_t)v : v;
}

static unsigned type_bits(TCGType type)
{
    return type == TCG_TYPE_I32 ? 32 : 64;
}

static TCGType same_type(TCGContext *s, int n, const TCGv *v)
{
    TCGType type = tcgv_type(s, v[0]);

    for (int i = 1; i < n; i++) {
        g_assert(tcgv_type(s, v[i]) == type);
    }
    return type;
}

/* Append opc on @n temps (outputs first), then @nc constants. */
static TCGOp *gen_op(TCGContext *s, TCGOpcode opc, TCGType type, int n,
                     const TCGv *v, int nc, const TCGArg *c)
{
    TCGOp *op = tcg_emit_op(s, opc, type);

    g_assert(n == op->nb_oargs + op->nb_iargs && nc == op->nb_cargs);
    for (int i = 0; i < n; i++) {
        op->args[i] = temp_arg(T(s, v[i]));
    }
    for (int i = 0; i < nc; i++) {
        op->args[n + i] = c[i];
    }
    return op;
}

static void gen_op2(TCGContext *s, TCGOpcode opc, TCGv d, TCGv a)
{
    TCGv v[2] = { d, a };

    gen_op(s, opc, same_type(s, 2, v), 2, v, 0, NULL);
}

static void gen_op3(TCGContext *s, TCGOpcode opc, TCGv d, TCGv a, TCGv b)
{
    TCGv v[3] = { d, a, b };

    gen_op(s, opc, same_type(s, 3, v), 3, v, 0, NULL);
}

/* d = a OP imm through a constant temp. */
static void gen_op3i(TCGContext *s, TCGOpcode opc, TCGv d, TCGv a,
                     int64_t imm)
{
    TCGv c = tcg_const(s, tcgv_type(s, a), imm);

    gen_op3(s, opc, d, a, c);
    tcg_temp_free(s, c);
}

/* ---- temps -------------------------------------------------------- */

TCGv tcg_env(TCGContext *s)
{
    return temp_tcgv(s, s->env);
}

TCGv tcg_global_mem_new(TCGContext *s, TCGType type, intptr_t offset,
                        const char *name)
{
    return temp_tcgv(s, tcg_global_mem_new_internal(s, type, offset, name));
}

TCGv tcg_temp_new(TCGContext *s, TCGType type)
{
    return temp_tcgv(s, tcg_temp_new_internal(s, type, TEMP_NORMAL));
}

TCGv tcg_temp_new_tb(TCGContext *s, TCGType type)
{
    return temp_tcgv(s, tcg_temp_new_internal(s, type, TEMP_TB));
}

TCGv tcg_const(TCGContext *s, TCGType type, uint64_t val)
{
    TCGv v = tcg_temp_new(s, type);

    tcg_gen_movi(s, v, val);
    return v;
}

void tcg_temp_free(TCGContext *s, TCGv v)
{
    tcg_temp_free_internal(s, T(s, v));
}

/* ---- moves and arithmetic ----------------------------------------- */

void tcg_gen_mov(TCGContext *s, TCGv d, TCGv a)
{
    if (d != a) {
        gen_op2(s, INDEX_op_mov, d, a);
    }
}

void tcg_gen_movi(TCGContext *s, TCGv d, uint64_t val)
{
    TCGType type = tcgv_type(s, d);
    TCGArg c = type_mask(type, val);
    TCGv v[1] = { d };

    gen_op(s, INDEX_op_movi, type, 1, v, 1, &c);
}

void tcg_gen_add(TCGContext *s, TCGv d, TCGv a, TCGv b)
{
    gen_op3(s, INDEX_op_add, d, a, b);
}

void tcg_gen_addi(TCGContext *s, TCGv d, TCGv a, int64_t b)
{
    if (type_mask(tcgv_type(s, a), b) == 0) {
        tcg_gen_mov(s, d, a);
    } else {
        gen_op3i(s, INDEX_op_add, d, a, b);
    }
}

void tcg_gen_sub(TCGContext *s, TCGv d, TCGv a, TCGv b)
{
    if (a == b) {
        tcg_gen_movi(s, d, 0);
    } else {
        gen_op3(s, INDEX_op_sub, d, a, b);
    }
}

void tcg_gen_subi(TCGContext *s, TCGv d, TCGv a, int64_t b)
{
    tcg_gen_addi(s, d, a, -(uint64_t)b);
}

void tcg_gen_mul(TCGContext *s, TCGv d, TCGv a, TCGv b)
{
    gen_op3(s, INDEX_op_mul, d, a, b);
}

void tcg_gen_muli(TCGContext *s, TCGv d, TCGv a, int64_t b)
{
    uint64_t m = type_mask(tcgv_type(s, a), b);

    if (m == 0) {
        tcg_gen_movi(s, d, 0);
    } else if (m == 1) {
        tcg_gen_mov(s, d, a);
    } else if ((m & (m - 1)) == 0) {
        tcg_gen_shli(s, d, a, __builtin_ctzll(m));
    } else {
        gen_op3i(s, INDEX_op_mul, d, a, b);
    }
}

void tcg_gen_neg(TCGContext *s, TCGv d, TCGv a)
{
    gen_op2(s, INDEX_op_neg, d, a);
}

static void gen_mul2(TCGContext *s, TCGOpcode opc, TCGv lo, TCGv hi,
                     TCGv a, TCGv b)
{
    TCGv v[4] = { lo, hi, a, b };

    g_assert(lo != hi);
    gen_op(s, opc, same_type(s, 4, v), 4, v, 0, NULL);
}

void tcg_gen_mulu2(TCGContext *s, TCGv lo, TCGv hi, TCGv a, TCGv b)
{
    gen_mul2(s, INDEX_op_mulu2, lo, hi, a, b);
}

void tcg_gen_muls2(TCGContext *s, TCGv lo, TCGv hi, TCGv a, TCGv b)
{
    gen_mul2(s, INDEX_op_muls2, lo, hi, a, b);
}

void tcg_gen_divs(TCGContext *s, TCGv d, TCGv a, TCGv b)
{
    gen_op3(s, INDEX_op_divs, d, a, b);
}

void tcg_gen_divu(TCGContext *s, TCGv d, TCGv a, TCGv b)
{
    gen_op3(s, INDEX_op_divu, d, a, b);
}

void tcg_gen_rems(TCGContext *s, TCGv d, TCGv a, TCGv b)
{
    gen_op3(s, INDEX_op_rems, d, a, b);
}

void tcg_gen_remu(TCGContext *s, TCGv d, TCGv a, TCGv b)
{
    gen_op3(s, INDEX_op_remu, d, a, b);
}

/* ---- logic -------------------------------------------------------- */

void tcg_gen_and(TCGContext *s, TCGv d, TCGv a, TCGv b)
{
    if (a == b) {
        tcg_gen_mov(s, d, a);
    } else {
        gen_op3(s, INDEX_op_and, d, a, b);
    }
}

void tcg_gen_andi(TCGContext *s, TCGv d, TCGv a, int64_t b)
{
    TCGType type = tcgv_type(s, a);

    if (type_mask(type, b) == 0) {
        tcg_gen_movi(s, d, 0);
    } else if (type_mask(type, b) == type_mask(type, -1)) {
        tcg_gen_mov(s, d, a);
    } else if (type_mask(type, b) == 0xff) {
        tcg_gen_ext8u(s, d, a);
    } else if (type_mask(type, b) == 0xffff) {
        tcg_gen_ext16u(s, d, a);
    } else if (type == TCG_TYPE_I64 && b == 0xffffffff) {
        tcg_gen_ext32u(s, d, a);
    } else {
        gen_op3i(s, INDEX_op_and, d, a, b);
    }
}

void tcg_gen_or(TCGContext *s, TCGv d, TCGv a, TCGv b)
{
    if (a == b) {
        tcg_gen_mov(s, d, a);
    } else {
        gen_op3(s, INDEX_op_or, d, a, b);
    }
}

void tcg_gen_ori(TCGContext *s, TCGv d, TCGv a, int64_t b)
{
    TCGType type = tcgv_type(s, a);

    if (type_mask(type, b) == 0) {
        tcg_gen_mov(s, d, a);
    } else if (type_mask(type, b) == type_mask(type, -1)) {
        tcg_gen_movi(s, d, -1);
    } else {
        gen_op3i(s, INDEX_op_or, d, a, b);
    }
}

void tcg_gen_xor(TCGContext *s, TCGv d, TCGv a, TCGv b)
{
    if (a == b) {
        tcg_gen_movi(s, d, 0);
    } else {
        gen_op3(s, INDEX_op_xor, d, a, b);
    }
}

void tcg_gen_xori(TCGContext *s, TCGv d, TCGv a, int64_t b)
{
    TCGType type = tcgv_type(s, a);

    if (type_mask(type, b) == 0) {
        tcg_gen_mov(s, d, a);
    } else if (type_mask(type, b) == type_mask(type, -1)) {
        tcg_gen_not(s, d, a);
    } else {
        gen_op3i(s, INDEX_op_xor, d, a, b);
    }
}

void tcg_gen_not(TCGContext *s, TCGv d, TCGv a)
{
    gen_op2(s, INDEX_op_not, d, a);
}

void tcg_gen_andc(TCGContext *s, TCGv d, TCGv a, TCGv b)
{
    if (a == b) {
        tcg_gen_movi(s, d, 0);
    } else {
        gen_op3(s, INDEX_op_andc, d, a, b);
    }
}

/* ---- shifts ------------------------------------------------------- */

void tcg_gen_shl(TCGContext *s, TCGv d, TCGv a, TCGv b)
{
    gen_op3(s, INDEX_op_shl, d, a, b);
}

void tcg_gen_shr(TCGContext *s, TCGv d, TCGv a, TCGv b)
{
    gen_op3(s, INDEX_op_shr, d, a, b);
}

void tcg_gen_sar(TCGContext *s, TCGv d, TCGv a, TCGv b)
{
    gen_op3(s, INDEX_op_sar, d, a, b);
}

void tcg_gen_rotl(TCGContext *s, TCGv d, TCGv a, TCGv b)
{
    gen_op3(s, INDEX_op_rotl, d, a, b);
}

void tcg_gen_rotr(TCGContext *s, TCGv d, TCGv a, TCGv b)
{
    gen_op3(s, INDEX_op_rotr, d, a, b);
}

static void gen_shifti(TCGContext *s, TCGOpcode opc, TCGv d, TCGv a,
                       unsigned b)
{
    b &= type_bits(tcgv_type(s, a)) - 1;
    if (b == 0) {
        tcg_gen_mov(s, d, a);
    } else {
        gen_op3i(s, opc, d, a, b);
    }
}

void tcg_gen_shli(TCGContext *s, TCGv d, TCGv a, unsigned b)
{
    gen_shifti(s, INDEX_op_shl, d, a, b);
}

void tcg_gen_shri(TCGContext *s, TCGv d, TCGv a, unsigned b)
{
    gen_shifti(s, INDEX_op_shr, d, a, b);
}

void tcg_gen_sari(TCGContext *s, TCGv d, TCGv a, unsigned b)
{
    gen_shifti(s, INDEX_op_sar, d, a, b);
}

void tcg_gen_rotli(TCGContext *s, TCGv d, TCGv a, unsigned b)
{
    gen_shifti(s, INDEX_op_rotl, d, a, b);
}

void tcg_gen_rotri(TCGContext *s, TCGv d, TCGv a, unsigned b)
{
    gen_shifti(s, INDEX_op_rotr, d, a, b);
}

/* ---- extensions --------------------------------------------------- */

void tcg_gen_ext8s(TCGContext *s, TCGv d, TCGv a)
{
    gen_op2(s, INDEX_op_ext8s, d, a);
}

void tcg_gen_ext8u(TCGContext *s, TCGv d, TCGv a)
{
    gen_op2(s, INDEX_op_ext8u, d, a);
}

void tcg_gen_ext16s(TCGContext *s, TCGv d, TCGv a)
{
    gen_op2(s, INDEX_op_ext16s, d, a);
}

void tcg_gen_ext16u(TCGContext *s, TCGv d, TCGv a)
{
    gen_op2(s, INDEX_op_ext16u, d, a);
}

void tcg_gen_ext32s(TCGContext *s, TCGv d, TCGv a)
{
    if (tcgv_type(s, d) == TCG_TYPE_I32) {
        tcg_gen_mov(s, d, a);
    } else {
        gen_op2(s, INDEX_op_ext32s, d, a);
    }
}

void tcg_gen_ext32u(TCGContext *s, TCGv d, TCGv a)
{
    if (tcgv_type(s, d) == TCG_TYPE_I32) {
        tcg_gen_mov(s, d, a);
    } else {
        gen_op2(s, INDEX_op_ext32u, d, a);
    }
}

/* An I64 op reading an I32 temp: the backend reads the low 32 bits. */
static void gen_widen(TCGContext *s, TCGOpcode opc, TCGv d, TCGv a)
{
    TCGv v[2] = { d, a };

    g_assert(tcgv_type(s, d) == TCG_TYPE_I64);
    g_assert(tcgv_type(s, a) == TCG_TYPE_I32);
    gen_op(s, opc, TCG_TYPE_I64, 2, v, 0, NULL);
}

void tcg_gen_extu_i32_i64(TCGContext *s, TCGv d, TCGv a)
{
    gen_widen(s, INDEX_op_ext32u, d, a);
}

void tcg_gen_exts_i32_i64(TCGContext *s, TCGv d, TCGv a)
{
    gen_widen(s, INDEX_op_ext32s, d, a);
}

void tcg_gen_extrl_i64_i32(TCGContext *s, TCGv d, TCGv a)
{
    TCGv v[2] = { d, a };

    g_assert(tcgv_type(s, d) == TCG_TYPE_I32);
    g_assert(tcgv_type(s, a) == TCG_TYPE_I64);
    gen_op(s, INDEX_op_mov, TCG_TYPE_I32, 2, v, 0, NULL);
}

/* ---- bit manipulation --------------------------------------------- */

void tcg_gen_bswap16(TCGContext *s, TCGv d, TCGv a)
{
    gen_op2(s, INDEX_op_bswap16, d, a);
}

void tcg_gen_bswap32(TCGContext *s, TCGv d, TCGv a)
{
    gen_op2(s, INDEX_op_bswap32, d, a);
}

void tcg_gen_bswap64(TCGContext *s, TCGv d, TCGv a)
{
    g_assert(tcgv_type(s, d) == TCG_TYPE_I64);
    gen_op2(s, INDEX_op_bswap64, d, a);
}

void tcg_gen_clz(TCGContext *s, TCGv d, TCGv a, TCGv b)
{
    gen_op3(s, INDEX_op_clz, d, a, b);
}

void tcg_gen_clzi(TCGContext *s, TCGv d, TCGv a, uint64_t def)
{
    gen_op3i(s, INDEX_op_clz, d, a, def);
}

void tcg_gen_ctz(TCGContext *s, TCGv d, TCGv a, TCGv b)
{
    gen_op3(s, INDEX_op_ctz, d, a, b);
}

void tcg_gen_ctzi(TCGContext *s, TCGv d, TCGv a, uint64_t def)
{
    gen_op3i(s, INDEX_op_ctz, d, a, def);
}

static uint64_t field_mask(unsigned len)
{
    return len >= 64 ? ~0ull : (1ull << len) - 1;
}

void tcg_gen_extract(TCGContext *s, TCGv d, TCGv a, unsigned ofs,
                     unsigned len)
{
    unsigned bits = type_bits(tcgv_type(s, a));

    g_assert(len > 0 && ofs + len <= bits);
    if (ofs + len == bits) {
        tcg_gen_shri(s, d, a, ofs);
    } else if (ofs == 0) {
        tcg_gen_andi(s, d, a, field_mask(len));
    } else {
        tcg_gen_shri(s, d, a, ofs);
        tcg_gen_andi(s, d, d, field_mask(len));
    }
}

void tcg_gen_sextract(TCGContext *s, TCGv d, TCGv a, unsigned ofs,
                      unsigned len)
{
    unsigned bits = type_bits(tcgv_type(s, a));

    g_assert(len > 0 && ofs + len <= bits);
    if (ofs + len == bits) {
        tcg_gen_sari(s, d, a, ofs);
    } else if (ofs == 0 && len == 8) {
        tcg_gen_ext8s(s, d, a);
    } else if (ofs == 0 && len == 16) {
        tcg_gen_ext16s(s, d, a);
    } else {
        tcg_gen_shli(s, d, a, bits - ofs - len);
        tcg_gen_sari(s, d, d, bits - len);
    }
}

void tcg_gen_deposit(TCGContext *s, TCGv d, TCGv a, TCGv b, unsigned ofs,
                     unsigned len)
{
    TCGType type = tcgv_type(s, a);
    unsigned bits = type_bits(type);
    uint64_t mask = field_mask(len);
    TCGv t;

    g_assert(len > 0 && ofs + len <= bits);
    if (len == bits) {
        tcg_gen_mov(s, d, b);
        return;
    }
    t = tcg_temp_new(s, type);
    if (ofs + len == bits) {
        tcg_gen_shli(s, t, b, ofs);
    } else {
        tcg_gen_andi(s, t, b, mask);
        tcg_gen_shli(s, t, t, ofs);
    }
    tcg_gen_andi(s, d, a, ~(mask << ofs));
    tcg_gen_or(s, d, d, t);
    tcg_temp_free(s, t);
}

/* ---- conditions and control flow ---------------------------------- */

void tcg_gen_setcond(TCGContext *s, TCGCond c, TCGv d, TCGv a, TCGv b)
{
    TCGv v[3] = { d, a, b };
    TCGArg ca = c;

    if (c == TCG_COND_ALWAYS || c == TCG_COND_NEVER) {
        tcg_gen_movi(s, d, c == TCG_COND_ALWAYS);
        return;
    }
    gen_op(s, INDEX_op_setcond, same_type(s, 3, v), 3, v, 1, &ca);
}

void tcg_gen_setcondi(TCGContext *s, TCGCond c, TCGv d, TCGv a, int64_t b)
{
    TCGv t = tcg_const(s, tcgv_type(s, a), b);

    tcg_gen_setcond(s, c, d, a, t);
    tcg_temp_free(s, t);
}

void tcg_gen_movcond(TCGContext *s, TCGCond c, TCGv d, TCGv a, TCGv b,
                     TCGv v1, TCGv v2)
{
    TCGv v[5] = { d, a, b, v1, v2 };
    TCGArg ca = c;

    if (c == TCG_COND_ALWAYS || v1 == v2) {
        tcg_gen_mov(s, d, v1);
    } else if (c == TCG_COND_NEVER) {
        tcg_gen_mov(s, d, v2);
    } else {
        gen_op(s, INDEX_op_movcond, same_type(s, 5, v), 5, v, 1, &ca);
    }
}

void tcg_gen_brcond(TCGContext *s, TCGCond c, TCGv a, TCGv b, TCGLabel *l)
{
    TCGv v[2] = { a, b };
    TCGArg ca[2] = { c, (TCGArg)l };

    if (c == TCG_COND_ALWAYS) {
        tcg_gen_br(s, l);
    } else if (c != TCG_COND_NEVER) {
        gen_op(s, INDEX_op_brcond, same_type(s, 2, v), 2, v, 2, ca);
        l->refs++;
    }
}

void tcg_gen_brcondi(TCGContext *s, TCGCond c, TCGv a, int64_t b,
                     TCGLabel *l)
{
    TCGv t = tcg_const(s, tcgv_type(s, a), b);

    tcg_gen_brcond(s, c, a, t, l);
    tcg_temp_free(s, t);
}

void tcg_gen_br(TCGContext *s, TCGLabel *l)
{
    TCGArg c = (TCGArg)l;

    gen_op(s, INDEX_op_br, TCG_TYPE_I64, 0, NULL, 1, &c);
    l->refs++;
}

void tcg_gen_set_label(TCGContext *s, TCGLabel *l)
{
    TCGArg c = (TCGArg)l;

    gen_op(s, INDEX_op_set_label, TCG_TYPE_I64, 0, NULL, 1, &c);
}

void tcg_gen_exit_tb(TCGContext *s, uintptr_t val)
{
    TCGArg c = val;

    gen_op(s, INDEX_op_exit_tb, TCG_TYPE_I64, 0, NULL, 1, &c);
}

void tcg_gen_goto_tb(TCGContext *s, unsigned n)
{
    TCGArg c = n;

    g_assert(n < 2);
    gen_op(s, INDEX_op_goto_tb, TCG_TYPE_I64, 0, NULL, 1, &c);
}

void tcg_gen_goto_ptr(TCGContext *s, TCGv ptr)
{
    g_assert(tcgv_type(s, ptr) == TCG_TYPE_I64);
    gen_op(s, INDEX_op_goto_ptr, TCG_TYPE_I64, 1, &ptr, 0, NULL);
}

void tcg_gen_insn_start(TCGContext *s, uint64_t d0, uint64_t d1)
{
    TCGArg c[2] = { d0, d1 };

    gen_op(s, INDEX_op_insn_start, TCG_TYPE_I64, 0, NULL, 2, c);
}

void tcg_gen_discard(TCGContext *s, TCGv v)
{
    gen_op(s, INDEX_op_discard, tcgv_type(s, v), 1, &v, 0, NULL);
}

/* ---- memory ------------------------------------------------------- */

static void gen_ldst(TCGContext *s, TCGOpcode opc, TCGv v, TCGv base,
                     intptr_t off)
{
    TCGv a[2] = { v, base };
    TCGArg c = off;

    g_assert(tcgv_type(s, base) == TCG_TYPE_I64);
    g_assert(off == (int32_t)off);
    gen_op(s, opc, tcgv_type(s, v), 2, a, 1, &c);
}

void tcg_gen_ld(TCGContext *s, TCGv d, TCGv base, intptr_t off)
{
    gen_ldst(s, INDEX_op_ld, d, base, off);
}

void tcg_gen_ld8u(TCGContext *s, TCGv d, TCGv base, intptr_t off)
{
    gen_ldst(s, INDEX_op_ld8u, d, base, off);
}

void tcg_gen_ld8s(TCGContext *s, TCGv d, TCGv base, intptr_t off)
{
    gen_ldst(s, INDEX_op_ld8s, d, base, off);
}

void tcg_gen_ld16u(TCGContext *s, TCGv d, TCGv base, intptr_t off)
{
    gen_ldst(s, INDEX_op_ld16u, d, base, off);
}

void tcg_gen_ld16s(TCGContext *s, TCGv d, TCGv base, intptr_t off)
{
    gen_ldst(s, INDEX_op_ld16s, d, base, off);
}

void tcg_gen_ld32u(TCGContext *s, TCGv d, TCGv base, intptr_t off)
{
    gen_ldst(s, tcgv_type(s, d) == TCG_TYPE_I32 ? INDEX_op_ld
                                                : INDEX_op_ld32u,
             d, base, off);
}

void tcg_gen_ld32s(TCGContext *s, TCGv d, TCGv base, intptr_t off)
{
    gen_ldst(s, tcgv_type(s, d) == TCG_TYPE_I32 ? INDEX_op_ld
                                                : INDEX_op_ld32s,
             d, base, off);
}

void tcg_gen_st(TCGContext *s, TCGv v, TCGv base, intptr_t off)
{
    gen_ldst(s, INDEX_op_st, v, base, off);
}

void tcg_gen_st8(TCGContext *s, TCGv v, TCGv base, intptr_t off)
{
    gen_ldst(s, INDEX_op_st8, v, base, off);
}

void tcg_gen_st16(TCGContext *s, TCGv v, TCGv base, intptr_t off)
{
    gen_ldst(s, INDEX_op_st16, v, base, off);
}

void tcg_gen_st32(TCGContext *s, TCGv v, TCGv base, intptr_t off)
{
    gen_ldst(s, tcgv_type(s, v) == TCG_TYPE_I32 ? INDEX_op_st
                                                : INDEX_op_st32,
             v, base, off);
}

void tcg_gen_guest_ld(TCGContext *s, TCGv d, TCGv addr, MemOp mop,
                      unsigned mmu_idx)
{
    TCGv v[2] = { d, addr };
    TCGArg c[2] = { mop, mmu_idx };

    gen_op(s, INDEX_op_guest_ld, tcgv_type(s, d), 2, v, 2, c);
}

void tcg_gen_guest_st(TCGContext *s, TCGv val, TCGv addr, MemOp mop,
                      unsigned mmu_idx)
{
    TCGv v[2] = { val, addr };
    TCGArg c[2] = { mop, mmu_idx };

    gen_op(s, INDEX_op_guest_st, tcgv_type(s, val), 2, v, 2, c);
}

/* ---- helper calls ------------------------------------------------- */

void tcg_gen_call(TCGContext *s, const TCGHelperInfo *info, TCGv ret,
                  int nargs, const TCGv *args)
{
    TCGOp *op = tcg_emit_op(s, INDEX_op_call,
                            ret ? tcgv_type(s, ret) : TCG_TYPE_I64);
    int n = 0;

    g_assert(nargs >= 0 && nargs <= TCG_MAX_CALL_ARGS);
    op->nb_oargs = ret ? 1 : 0;
    op->nb_iargs = nargs;
    if (ret) {
        op->args[n++] = temp_arg(T(s, ret));
    }
    for (int i = 0; i < nargs; i++) {
        op->args[n++] = temp_arg(T(s, args[i]));
    }
    op->args[n] = (TCGArg)info;
}
