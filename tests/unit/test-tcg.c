/* SPDX-License-Identifier: MIT */
/*
 * Unit tests of tcg/: small functions built in IR over a fake env struct,
 * compiled by the x86-64 backend, run through the prologue and checked
 * in the env afterwards (arithmetic against C on many values, loops,
 * conditions, double-width multiply, extensions, host loads and stores,
 * helper calls and their global side effects, register pressure, TB
 * chaining, guest memory through slow-path helpers, random programs
 * against an interpreter of the op list, a full code buffer). The op
 * list itself (dumper, optimizer, liveness) is test-tcg-ir.c's.
 */
#include "tcg-fixture.h"

#include <string.h>

/* ---- arithmetic against C ----------------------------------------- */

typedef void GenBinFn(TCGContext *s, TCGv d, TCGv a, TCGv b);
typedef void GenBinImmFn(TCGContext *s, TCGv d, TCGv a, int64_t b);

typedef struct BinCase {
    const char *name;
    GenBinFn *gen;
    TCGOpcode opc;
} BinCase;

static uint64_t ref_rot(uint64_t x, unsigned n, unsigned bits)
{
    n &= bits - 1;
    return n ? (x << n) | (x >> (bits - n)) : x;
}

/* What the op must compute, at width @bits (32 or 64). */
static uint64_t ref_binop(TCGOpcode opc, unsigned bits, uint64_t x,
                          uint64_t y)
{
    uint64_t m = bits == 32 ? 0xffffffffull : ~0ull;
    int64_t sx = bits == 32 ? (int32_t)x : (int64_t)x;
    int64_t sy = bits == 32 ? (int32_t)y : (int64_t)y;
    unsigned n = y & (bits - 1);

    x &= m;
    y &= m;
    switch (opc) {
    case INDEX_op_add: return (x + y) & m;
    case INDEX_op_sub: return (x - y) & m;
    case INDEX_op_mul: return (x * y) & m;
    case INDEX_op_and: return x & y;
    case INDEX_op_or: return x | y;
    case INDEX_op_xor: return x ^ y;
    case INDEX_op_andc: return x & ~y & m;
    case INDEX_op_shl: return (x << n) & m;
    case INDEX_op_shr: return x >> n;
    case INDEX_op_sar: return (uint64_t)(sx >> n) & m;
    case INDEX_op_rotl: return ref_rot(x, n, bits) & m;
    case INDEX_op_rotr: return ref_rot(x, (bits - n) & (bits - 1), bits) & m;
    case INDEX_op_divs: return (uint64_t)(sx / sy) & m;
    case INDEX_op_divu: return x / y;
    case INDEX_op_rems: return (uint64_t)(sx % sy) & m;
    case INDEX_op_remu: return x % y;
    default: g_assert_not_reached();
    }
}

static const BinCase bin_cases[] = {
    { "add", tcg_gen_add, INDEX_op_add },
    { "sub", tcg_gen_sub, INDEX_op_sub },
    { "mul", tcg_gen_mul, INDEX_op_mul },
    { "and", tcg_gen_and, INDEX_op_and },
    { "or", tcg_gen_or, INDEX_op_or },
    { "xor", tcg_gen_xor, INDEX_op_xor },
    { "andc", tcg_gen_andc, INDEX_op_andc },
    { "shl", tcg_gen_shl, INDEX_op_shl },
    { "shr", tcg_gen_shr, INDEX_op_shr },
    { "sar", tcg_gen_sar, INDEX_op_sar },
    { "rotl", tcg_gen_rotl, INDEX_op_rotl },
    { "rotr", tcg_gen_rotr, INDEX_op_rotr },
    { "divs", tcg_gen_divs, INDEX_op_divs },
    { "divu", tcg_gen_divu, INDEX_op_divu },
    { "rems", tcg_gen_rems, INDEX_op_rems },
    { "remu", tcg_gen_remu, INDEX_op_remu },
};

static const uint64_t values[] = {
    0, 1, 2, 3, 7, 31, 32, 63, 64, 0x7f, 0x80, 0xff, 0x1234,
    0x7fffffff, 0x80000000, 0xffffffff, 0x100000000ull,
    0x123456789abcdef0ull, 0x7fffffffffffffffull, 0x8000000000000000ull,
    0xfffffffffffffffeull, 0xffffffffffffffffull,
};

static bool div_ok(TCGOpcode opc, unsigned bits, uint64_t x, uint64_t y)
{
    uint64_t m = bits == 32 ? 0xffffffffull : ~0ull;
    uint64_t min = bits == 32 ? 0x80000000ull : 0x8000000000000000ull;

    if (opc != INDEX_op_divs && opc != INDEX_op_divu &&
        opc != INDEX_op_rems && opc != INDEX_op_remu) {
        return true;
    }
    if ((y & m) == 0) {
        return false;
    }
    return !((opc == INDEX_op_divs || opc == INDEX_op_rems) &&
             (x & m) == min && (y & m) == m);
}

enum { IN_REGS, IN_IMM, IN_FOLDED };

/*
 * For one op at one width: a block computing the op on every pair of
 * values, with the operands in globals (IN_REGS), the second one a
 * constant the backend takes as an immediate (IN_IMM), or both constant
 * so the optimizer folds the op (IN_FOLDED).
 */
static void check_binop(const BinCase *bc, TCGType type, int mode)
{
    unsigned bits = type == TCG_TYPE_I32 ? 32 : 64;
    Fixture f;

    fx_init(&f);
    for (size_t i = 0; i < G_N_ELEMENTS(values); i++) {
        for (size_t j = 0; j < G_N_ELEMENTS(values); j++) {
            FakeEnv env = { 0 };
            uint64_t x = values[i], y = values[j], got;
            TCGv a = type == TCG_TYPE_I32 ? f.w[0] : f.r[0];
            TCGv d = type == TCG_TYPE_I32 ? f.w[2] : f.r[2];
            TCGv b;

            if (!div_ok(bc->opc, bits, x, y)) {
                continue;
            }
            if (mode == IN_FOLDED) {
                a = tcg_const(f.s, type, x);
            }
            b = mode != IN_REGS ? tcg_const(f.s, type, y)
                                : (type == TCG_TYPE_I32 ? f.w[1] : f.r[1]);
            bc->gen(f.s, d, a, b);
            tcg_gen_exit_tb(f.s, 0);
            env.r[0] = x;
            env.r[1] = y;
            env.w[0] = x;
            env.w[1] = y;
            fx_run(&f, &env);
            got = type == TCG_TYPE_I32 ? env.w[2] : env.r[2];
            if (got != ref_binop(bc->opc, bits, x, y)) {
                g_error("%s_i%u (mode %d) 0x%" G_GINT64_MODIFIER "x, 0x%"
                        G_GINT64_MODIFIER "x = 0x%" G_GINT64_MODIFIER
                        "x, want 0x%" G_GINT64_MODIFIER "x",
                        bc->name, bits, mode, x, y, got,
                        ref_binop(bc->opc, bits, x, y));
            }
        }
    }
    fx_free(&f);
}

static void test_binops(void)
{
    for (size_t i = 0; i < G_N_ELEMENTS(bin_cases); i++) {
        for (int mode = IN_REGS; mode <= IN_FOLDED; mode++) {
            check_binop(&bin_cases[i], TCG_TYPE_I64, mode);
            check_binop(&bin_cases[i], TCG_TYPE_I32, mode);
        }
    }
}

/* neg and not on every value, both widths. */
static void test_unops(void)
{
    Fixture f;

    fx_init(&f);
    for (size_t i = 0; i < G_N_ELEMENTS(values); i++) {
        FakeEnv env = { .r = { values[i] }, .w = { values[i] } };

        tcg_gen_neg(f.s, f.r[1], f.r[0]);
        tcg_gen_not(f.s, f.r[2], f.r[0]);
        tcg_gen_neg(f.s, f.w[1], f.w[0]);
        tcg_gen_not(f.s, f.w[2], f.w[0]);
        tcg_gen_exit_tb(f.s, 0);
        fx_run(&f, &env);
        g_assert_cmphex(env.r[1], ==, -values[i]);
        g_assert_cmphex(env.r[2], ==, ~values[i]);
        g_assert_cmphex(env.w[1], ==, (uint32_t)-values[i]);
        g_assert_cmphex(env.w[2], ==, (uint32_t)~values[i]);
    }
    fx_free(&f);
}

/* Leading / trailing zeros the slow way; @def for zero. */
static uint64_t ref_clz(uint64_t x, unsigned bits, uint64_t def)
{
    unsigned n = 0;

    if (x == 0) {
        return def;
    }
    while (!(x & (1ull << (bits - 1 - n)))) {
        n++;
    }
    return n;
}

static uint64_t ref_ctz(uint64_t x, uint64_t def)
{
    unsigned n = 0;

    if (x == 0) {
        return def;
    }
    while (!(x & (1ull << n))) {
        n++;
    }
    return n;
}

static uint64_t ref_bswap(uint64_t x, unsigned bytes)
{
    uint64_t r = 0;

    for (unsigned i = 0; i < bytes; i++) {
        r |= ((x >> (8 * i)) & 0xff) << (8 * (bytes - 1 - i));
    }
    return r;
}

static void test_bitops(void)
{
    Fixture f;

    fx_init(&f);
    for (size_t i = 0; i < G_N_ELEMENTS(values); i++) {
        uint64_t x = values[i];
        FakeEnv env = { .r = { x, 99 }, .w = { (uint32_t)x, 77 } };

        tcg_gen_bswap16(f.s, f.r[2], f.r[0]);
        tcg_gen_bswap32(f.s, f.r[3], f.r[0]);
        tcg_gen_bswap64(f.s, f.r[4], f.r[0]);
        tcg_gen_clz(f.s, f.r[5], f.r[0], f.r[1]);
        tcg_gen_ctzi(f.s, f.r[6], f.r[0], 64);
        tcg_gen_clzi(f.s, f.w[1], f.w[0], 32);
        tcg_gen_ctz(f.s, f.w[2], f.w[0], f.w[1]);
        tcg_gen_bswap32(f.s, f.w[3], f.w[0]);
        tcg_gen_exit_tb(f.s, 0);
        fx_run(&f, &env);
        g_assert_cmphex(env.r[2], ==, ref_bswap(x, 2));
        g_assert_cmphex(env.r[3], ==, ref_bswap(x, 4));
        g_assert_cmphex(env.r[4], ==, ref_bswap(x, 8));
        g_assert_cmpuint(env.r[5], ==, ref_clz(x, 64, 99));
        g_assert_cmpuint(env.r[6], ==, ref_ctz(x, 64));
        g_assert_cmpuint(env.w[1], ==, ref_clz((uint32_t)x, 32, 32));
        g_assert_cmpuint(env.w[2], ==, ref_ctz((uint32_t)x, env.w[1]));
        g_assert_cmphex(env.w[3], ==, ref_bswap(x, 4));
    }
    fx_free(&f);
}

/* extract, sextract and deposit for a spread of fields. */
static void test_bitfields(void)
{
    static const unsigned fields[][2] = {
        { 0, 1 }, { 0, 8 }, { 8, 8 }, { 0, 16 }, { 3, 13 }, { 0, 32 },
        { 32, 32 }, { 60, 4 }, { 1, 62 }, { 0, 64 }, { 63, 1 },
    };
    Fixture f;

    fx_init(&f);
    for (size_t k = 0; k < G_N_ELEMENTS(fields); k++) {
        unsigned ofs = fields[k][0], len = fields[k][1];
        uint64_t mask = len == 64 ? ~0ull : (1ull << len) - 1;

        for (size_t i = 0; i < G_N_ELEMENTS(values); i += 2) {
            uint64_t x = values[i] * 0x9e3779b97f4a7c15ull;
            uint64_t y = values[G_N_ELEMENTS(values) - 1 - i];
            FakeEnv env = { .r = { x, y } };
            uint64_t field = (x >> ofs) & mask;
            uint64_t sfield = len == 64 ? x :
                (uint64_t)((int64_t)(field << (64 - len)) >> (64 - len));

            tcg_gen_extract(f.s, f.r[2], f.r[0], ofs, len);
            tcg_gen_sextract(f.s, f.r[3], f.r[0], ofs, len);
            tcg_gen_deposit(f.s, f.r[4], f.r[0], f.r[1], ofs, len);
            tcg_gen_exit_tb(f.s, 0);
            fx_run(&f, &env);
            g_assert_cmphex(env.r[2], ==, field);
            g_assert_cmphex(env.r[3], ==, sfield);
            g_assert_cmphex(env.r[4], ==,
                            (x & ~(mask << ofs)) | ((y & mask) << ofs));
        }
    }
    fx_free(&f);
}

/* ---- control flow ------------------------------------------------- */

/* r1 = 1 + 2 + ... + r0 with a TB temp counter and a backward branch. */
static void test_loop_sum(void)
{
    Fixture f;
    FakeEnv env = { .r = { 1000 } };
    TCGLabel *top, *done;
    TCGv i;

    fx_init(&f);
    top = tcg_gen_new_label(f.s);
    done = tcg_gen_new_label(f.s);
    i = tcg_temp_new_tb(f.s, TCG_TYPE_I64);
    tcg_gen_movi(f.s, f.r[1], 0);
    tcg_gen_movi(f.s, i, 1);
    tcg_gen_set_label(f.s, top);
    tcg_gen_brcond(f.s, TCG_COND_GTU, i, f.r[0], done);
    tcg_gen_add(f.s, f.r[1], f.r[1], i);
    tcg_gen_addi(f.s, i, i, 1);
    tcg_gen_br(f.s, top);
    tcg_gen_set_label(f.s, done);
    tcg_gen_exit_tb(f.s, 7);
    g_assert_cmpuint(fx_run(&f, &env), ==, 7);
    g_assert_cmpuint(env.r[1], ==, 500500);
    fx_free(&f);
}

static const TCGCond all_conds[] = {
    TCG_COND_EQ, TCG_COND_NE, TCG_COND_LT, TCG_COND_GE, TCG_COND_LE,
    TCG_COND_GT, TCG_COND_LTU, TCG_COND_GEU, TCG_COND_LEU, TCG_COND_GTU,
};

/* setcond, movcond and brcond agree with tcg_cond_eval everywhere. */
static void test_conditions(void)
{
    Fixture f;

    fx_init(&f);
    for (size_t c = 0; c < G_N_ELEMENTS(all_conds); c++) {
        for (size_t i = 0; i < G_N_ELEMENTS(values); i += 3) {
            for (size_t j = 0; j < G_N_ELEMENTS(values); j += 2) {
                TCGCond cond = all_conds[c];
                uint64_t x = values[i], y = values[j];
                FakeEnv env = { .r = { x, y, 0, 0, 111, 222 },
                                .w = { x, y } };
                TCGLabel *l = tcg_gen_new_label(f.s);

                tcg_gen_setcond(f.s, cond, f.r[2], f.r[0], f.r[1]);
                tcg_gen_movcond(f.s, cond, f.r[3], f.r[0], f.r[1], f.r[4],
                                f.r[5]);
                tcg_gen_setcond(f.s, cond, f.w[2], f.w[0], f.w[1]);
                tcg_gen_movi(f.s, f.r[6], 1);
                tcg_gen_brcond(f.s, cond, f.r[0], f.r[1], l);
                tcg_gen_movi(f.s, f.r[6], 0);
                tcg_gen_set_label(f.s, l);
                tcg_gen_exit_tb(f.s, 0);
                fx_run(&f, &env);
                g_assert_cmpuint(env.r[2], ==,
                                 tcg_cond_eval(TCG_TYPE_I64, cond, x, y));
                g_assert_cmpuint(env.r[3], ==,
                                 tcg_cond_eval(TCG_TYPE_I64, cond, x, y)
                                 ? 111 : 222);
                g_assert_cmpuint(env.w[2], ==,
                                 tcg_cond_eval(TCG_TYPE_I32, cond, x, y));
                g_assert_cmpuint(env.r[6], ==, env.r[2]);
            }
        }
    }
    fx_free(&f);
}

/* ---- multiply, extend, load, store -------------------------------- */

static void test_mul2(void)
{
    Fixture f;

    fx_init(&f);
    for (size_t i = 0; i < G_N_ELEMENTS(values); i++) {
        for (size_t j = 0; j < G_N_ELEMENTS(values); j++) {
            uint64_t x = values[i], y = values[j];
            FakeEnv env = { .r = { x, y } };
            unsigned __int128 u = (unsigned __int128)x * y;
            __int128 sp = (__int128)(int64_t)x * (int64_t)y;

            tcg_gen_mulu2(f.s, f.r[2], f.r[3], f.r[0], f.r[1]);
            tcg_gen_muls2(f.s, f.r[4], f.r[5], f.r[0], f.r[1]);
            tcg_gen_exit_tb(f.s, 0);
            fx_run(&f, &env);
            g_assert_cmphex(env.r[2], ==, (uint64_t)u);
            g_assert_cmphex(env.r[3], ==, (uint64_t)(u >> 64));
            g_assert_cmphex(env.r[4], ==, (uint64_t)sp);
            g_assert_cmphex(env.r[5], ==, (uint64_t)((unsigned __int128)sp >> 64));
            g_assert_cmphex(env.r[0], ==, x);
            g_assert_cmphex(env.r[1], ==, y);
        }
    }
    fx_free(&f);
}

static void test_extensions(void)
{
    Fixture f;

    fx_init(&f);
    for (size_t i = 0; i < G_N_ELEMENTS(values); i++) {
        uint64_t x = values[i] ^ 0x8080808080808080ull;
        FakeEnv env = { .r = { x }, .w = { (uint32_t)x } };
        TCGv t32 = tcg_temp_new(f.s, TCG_TYPE_I32);

        tcg_gen_ext8s(f.s, f.r[1], f.r[0]);
        tcg_gen_ext8u(f.s, f.r[2], f.r[0]);
        tcg_gen_ext16s(f.s, f.r[3], f.r[0]);
        tcg_gen_ext16u(f.s, f.r[4], f.r[0]);
        tcg_gen_ext32s(f.s, f.r[5], f.r[0]);
        tcg_gen_ext32u(f.s, f.r[6], f.r[0]);
        tcg_gen_exts_i32_i64(f.s, f.r[7], f.w[0]);
        tcg_gen_extrl_i64_i32(f.s, t32, f.r[0]);
        tcg_gen_ext8s(f.s, f.w[1], t32);
        tcg_gen_ext16u(f.s, f.w[2], t32);
        tcg_gen_exit_tb(f.s, 0);
        tcg_temp_free(f.s, t32);
        fx_run(&f, &env);
        g_assert_cmphex(env.r[1], ==, (uint64_t)(int8_t)x);
        g_assert_cmphex(env.r[2], ==, (uint8_t)x);
        g_assert_cmphex(env.r[3], ==, (uint64_t)(int16_t)x);
        g_assert_cmphex(env.r[4], ==, (uint16_t)x);
        g_assert_cmphex(env.r[5], ==, (uint64_t)(int32_t)x);
        g_assert_cmphex(env.r[6], ==, (uint32_t)x);
        g_assert_cmphex(env.r[7], ==, (uint64_t)(int32_t)x);
        g_assert_cmphex(env.w[1], ==, (uint32_t)(int8_t)x);
        g_assert_cmphex(env.w[2], ==, (uint16_t)x);
    }
    fx_free(&f);
}

/* Host loads and stores of every size on env's byte array. */
static void test_ld_st(void)
{
    Fixture f;
    FakeEnv env = { 0 };
    const intptr_t b = offsetof(FakeEnv, b);

    memcpy(env.b, "\x81\x92\xa3\xb4\xc5\xd6\xe7\xf8", 8);
    fx_init(&f);
    tcg_gen_ld8u(f.s, f.r[0], f.env, b);
    tcg_gen_ld8s(f.s, f.r[1], f.env, b);
    tcg_gen_ld16u(f.s, f.r[2], f.env, b);
    tcg_gen_ld16s(f.s, f.r[3], f.env, b);
    tcg_gen_ld32u(f.s, f.r[4], f.env, b);
    tcg_gen_ld32s(f.s, f.r[5], f.env, b);
    tcg_gen_ld(f.s, f.r[6], f.env, b);
    tcg_gen_ld(f.s, f.w[0], f.env, b + 4);
    tcg_gen_st8(f.s, f.r[6], f.env, b + 8);
    tcg_gen_st16(f.s, f.r[6], f.env, b + 9);
    tcg_gen_st32(f.s, f.w[0], f.env, b + 11);
    tcg_gen_exit_tb(f.s, 0);
    fx_run(&f, &env);
    g_assert_cmphex(env.r[0], ==, 0x81);
    g_assert_cmphex(env.r[1], ==, 0xffffffffffffff81ull);
    g_assert_cmphex(env.r[2], ==, 0x9281);
    g_assert_cmphex(env.r[3], ==, 0xffffffffffff9281ull);
    g_assert_cmphex(env.r[4], ==, 0xb4a39281);
    g_assert_cmphex(env.r[5], ==, 0xffffffffb4a39281ull);
    g_assert_cmphex(env.r[6], ==, 0xf8e7d6c5b4a39281ull);
    g_assert_cmphex(env.w[0], ==, 0xf8e7d6c5);
    g_assert_cmpmem(env.b + 8, 7, "\x81\x81\x92\xc5\xd6\xe7\xf8", 7);
    fx_free(&f);
}

/* Constants stored without a register (mov [mem], imm) where the size
 * allows, through one where a 64-bit value needs all its bits; globals
 * holding constants are written back the same way at the exit. */
static void test_st_const(void)
{
    Fixture f;
    FakeEnv env;
    const intptr_t b = offsetof(FakeEnv, b);
    TCGv c[5];
    static const uint64_t vals[5] = {
        0x1a5, 0x12345, 0xdeadbeef, (uint64_t)-2, 0x123456789aull,
    };

    memset(&env, 0x55, sizeof(env));
    env.tlb = NULL;
    fx_init(&f);
    for (int i = 0; i < 5; i++) {
        c[i] = tcg_temp_new(f.s, TCG_TYPE_I64);
        tcg_gen_movi(f.s, c[i], vals[i]);
    }
    tcg_gen_st8(f.s, c[0], f.env, b);
    tcg_gen_st16(f.s, c[1], f.env, b + 1);
    tcg_gen_st32(f.s, c[2], f.env, b + 3);
    tcg_gen_st(f.s, c[3], f.env, offsetof(FakeEnv, r[6]));
    tcg_gen_st(f.s, c[4], f.env, offsetof(FakeEnv, r[7]));
    tcg_gen_movi(f.s, f.r[0], 0x8000000000000001ull);
    tcg_gen_movi(f.s, f.r[1], (uint64_t)-5);
    tcg_gen_movi(f.s, f.w[0], 0xfedcba98);
    tcg_gen_exit_tb(f.s, 0);
    fx_run(&f, &env);
    g_assert_cmpmem(env.b, 8, "\xa5\x45\x23\xef\xbe\xad\xde\x55", 8);
    g_assert_cmphex(env.r[6], ==, (uint64_t)-2);
    g_assert_cmphex(env.r[7], ==, 0x123456789aull);
    g_assert_cmphex(env.r[0], ==, 0x8000000000000001ull);
    g_assert_cmphex(env.r[1], ==, (uint64_t)-5);
    g_assert_cmphex(env.w[0], ==, 0xfedcba98);
    g_assert_cmphex(env.w[1], ==, 0x55555555);
    fx_free(&f);
}

/* ---- helper calls ------------------------------------------------- */

static uint64_t helper_sum6(uint64_t a, uint64_t b, uint64_t c, uint64_t d,
                            uint64_t e, uint64_t f)
{
    return a + 2 * b + 3 * c + 4 * d + 5 * e + 6 * f;
}

static uint64_t helper_read_r0(FakeEnv *env)
{
    env->calls++;
    return env->r[0];
}

static void helper_write_r1(FakeEnv *env, uint64_t v)
{
    env->calls++;
    env->r[1] = v;
}

static uint32_t helper_add32(uint32_t a, uint32_t b)
{
    return a + b;
}

static const TCGHelperInfo info_sum6 = {
    "sum6", (const void *)helper_sum6, TCG_CALL_NO_SIDE_EFFECTS,
};
static const TCGHelperInfo info_read_r0 = {
    "read_r0", (const void *)helper_read_r0, TCG_CALL_READS_GLOBALS,
};
static const TCGHelperInfo info_write_r1 = {
    "write_r1", (const void *)helper_write_r1, TCG_CALL_WRITES_GLOBALS,
};
static const TCGHelperInfo info_add32 = {
    "add32", (const void *)helper_add32, TCG_CALL_NO_SIDE_EFFECTS,
};

/* Six arguments in the SysV registers, a result in rax, temps kept alive. */
static void test_call6(void)
{
    Fixture f;
    FakeEnv env = { .r = { 1, 10, 100, 1000, 10000, 100000, 7 },
                    .w = { 0xfffffff0, 0x20 } };
    TCGv args[6], keep;

    fx_init(&f);
    keep = tcg_temp_new(f.s, TCG_TYPE_I64);
    tcg_gen_addi(f.s, keep, f.r[6], 5);
    /* Reversed, so each argument register holds another's value. */
    for (int i = 0; i < 6; i++) {
        args[i] = f.r[5 - i];
    }
    tcg_gen_call(f.s, &info_sum6, f.r[7], 6, args);
    tcg_gen_add(f.s, f.r[6], keep, f.r[7]);
    args[0] = f.w[0];
    args[1] = f.w[1];
    tcg_gen_call(f.s, &info_add32, f.w[2], 2, args);
    tcg_gen_exit_tb(f.s, 0);
    fx_run(&f, &env);
    g_assert_cmpuint(env.r[7], ==, 100000 + 2 * 10000 + 3 * 1000 + 4 * 100 +
                     5 * 10 + 6 * 1);
    g_assert_cmpuint(env.r[6], ==, env.r[7] + 12);
    g_assert_cmphex(env.w[2], ==, 0x10);
    fx_free(&f);
}

/* Globals reach memory before a reading helper and come back after a write. */
static void test_call_globals(void)
{
    Fixture f;
    FakeEnv env = { 0 };
    TCGv args[2];

    fx_init(&f);
    args[0] = f.env;
    args[1] = f.r[3];
    tcg_gen_movi(f.s, f.r[0], 42);
    tcg_gen_addi(f.s, f.r[0], f.r[0], 1);
    tcg_gen_call(f.s, &info_read_r0, f.r[2], 1, args);
    tcg_gen_movi(f.s, f.r[1], 5);
    tcg_gen_addi(f.s, f.r[3], f.r[1], 900);
    tcg_gen_call(f.s, &info_write_r1, NULL, 2, args);
    tcg_gen_addi(f.s, f.r[4], f.r[1], 1);
    /* A pure helper whose result nobody reads disappears. */
    tcg_gen_call(f.s, &info_sum6, f.r[5], 6, (TCGv[]){ f.r[0], f.r[0],
                 f.r[0], f.r[0], f.r[0], f.r[0] });
    tcg_gen_movi(f.s, f.r[5], 9);
    tcg_gen_exit_tb(f.s, 0);
    fx_run(&f, &env);
    g_assert_cmpuint(env.r[2], ==, 43);
    g_assert_cmpuint(env.r[1], ==, 905);
    g_assert_cmpuint(env.r[4], ==, 906);
    g_assert_cmpuint(env.r[5], ==, 9);
    g_assert_cmpuint(env.calls, ==, 2);
    fx_free(&f);
}

static uintptr_t last_retaddr;

static void helper_note_retaddr(void)
{
    last_retaddr = (uintptr_t)__builtin_return_address(0);
}

static const TCGHelperInfo info_note_retaddr = {
    "note_retaddr", (const void *)helper_note_retaddr, TCG_CALL_READS_GLOBALS,
};

/* A helper's return address maps back to its guest instruction. */
static void test_insn_find(void)
{
    Fixture f;
    FakeEnv env = { 0 };
    const TCGInsnRecord *rec;
    TCGInsnRecord *recs;
    guint n;

    fx_init(&f);
    tcg_gen_insn_start(f.s, 0x100, 1);
    tcg_gen_addi(f.s, f.r[0], f.r[0], 1);
    tcg_gen_insn_start(f.s, 0x104, 2);
    tcg_gen_call(f.s, &info_note_retaddr, NULL, 0, NULL);
    tcg_gen_insn_start(f.s, 0x108, 3);
    tcg_gen_addi(f.s, f.r[0], f.r[0], 1);
    tcg_gen_exit_tb(f.s, 0);
    fx_gen(&f);
    n = f.s->insns->len;
    recs = (TCGInsnRecord *)f.s->insns->data;
    g_assert_cmpuint(n, ==, 3);
    tcg_exec(f.s, &env, f.code);
    rec = tcg_insn_find(recs, n, last_retaddr - (uintptr_t)f.code - 1);
    g_assert_nonnull(rec);
    g_assert_cmphex(rec->data[0], ==, 0x104);
    g_assert_cmpuint(rec->data[1], ==, 2);
    g_assert_true(tcg_insn_find(recs, n, f.size) == &recs[2]);
    g_assert_null(tcg_insn_find(recs, 0, 0));
    fx_free(&f);
}

/* ---- register pressure -------------------------------------------- */

#define NB_LIVE 24

/* More live values than registers, some across a call and a branch. */
static void test_pressure(void)
{
    Fixture f;
    FakeEnv env = { .r = { 3, 5 } };
    TCGv t[NB_LIVE];
    TCGLabel *l;
    uint64_t want = 0;

    fx_init(&f);
    l = tcg_gen_new_label(f.s);
    for (int i = 0; i < NB_LIVE; i++) {
        t[i] = tcg_temp_new_tb(f.s, TCG_TYPE_I64);
        tcg_gen_muli(f.s, t[i], f.r[0], i + 3);
        tcg_gen_add(f.s, t[i], t[i], f.r[1]);
        tcg_gen_xori(f.s, t[i], t[i], i << 4);
    }
    tcg_gen_call(f.s, &info_read_r0, f.r[3], 1, &f.env);
    tcg_gen_brcondi(f.s, TCG_COND_EQ, f.r[3], 0, l);
    tcg_gen_set_label(f.s, l);
    tcg_gen_movi(f.s, f.r[2], 0);
    for (int i = 0; i < NB_LIVE; i++) {
        tcg_gen_rotli(f.s, f.r[2], f.r[2], 7);
        tcg_gen_add(f.s, f.r[2], f.r[2], t[i]);
        want = ((want << 7) | (want >> 57)) + (((3ull * (i + 3)) + 5) ^
                                                (uint64_t)(i << 4));
    }
    tcg_gen_exit_tb(f.s, 0);
    fx_run(&f, &env);
    g_assert_cmphex(env.r[2], ==, want);
    fx_free(&f);
}

/* ---- leaving and chaining TBs ------------------------------------- */

static void test_goto_tb(void)
{
    Fixture f;
    FakeEnv env = { .r = { 10 } };
    uint8_t *tb1, *tb2;
    uint16_t jmp, reset;

    fx_init(&f);
    tcg_gen_addi(f.s, f.r[0], f.r[0], 1);
    tcg_gen_goto_tb(f.s, 0);
    tcg_gen_exit_tb(f.s, 1);
    fx_gen(&f);
    tb1 = f.code;
    jmp = f.s->goto_tb_jmp_offset[0];
    reset = f.s->goto_tb_reset_offset[0];
    g_assert_cmpuint(jmp, !=, TCG_NO_GOTO_TB);
    g_assert_cmpuint(((uintptr_t)tb1 + jmp) & 3, ==, 0);
    g_assert_cmpuint(reset, ==, jmp + 4);
    tcg_func_start(f.s);

    tcg_gen_muli(f.s, f.r[0], f.r[0], 3);
    tcg_gen_exit_tb(f.s, 2);
    fx_gen(&f);
    tb2 = f.code;

    g_assert_cmpuint(tcg_exec(f.s, &env, tb1), ==, 1);
    g_assert_cmpuint(env.r[0], ==, 11);
    tcg_patch_goto_tb(f.buf, (uintptr_t)tb1 + jmp, (uintptr_t)tb2);
    g_assert_cmpuint(tcg_exec(f.s, &env, tb1), ==, 2);
    g_assert_cmpuint(env.r[0], ==, 36);
    tcg_patch_goto_tb(f.buf, (uintptr_t)tb1 + jmp, (uintptr_t)tb1 + reset);
    g_assert_cmpuint(tcg_exec(f.s, &env, tb1), ==, 1);
    g_assert_cmpuint(env.r[0], ==, 37);
    fx_free(&f);
}

static void test_goto_ptr(void)
{
    Fixture f;
    FakeEnv env = { 0 };
    void *target, *jumper;

    fx_init(&f);
    tcg_gen_movi(f.s, f.r[1], 77);
    tcg_gen_exit_tb(f.s, 5);
    fx_gen(&f);
    target = f.code;
    tcg_func_start(f.s);
    tcg_gen_addi(f.s, f.r[2], f.r[2], 1);
    tcg_gen_goto_ptr(f.s, f.r[0]);
    fx_gen(&f);
    jumper = f.code;

    env.r[0] = (uintptr_t)target;
    g_assert_cmpuint(tcg_exec(f.s, &env, jumper), ==, 5);
    g_assert_cmpuint(env.r[1], ==, 77);
    env.r[0] = 0;
    env.r[1] = 0;
    g_assert_cmpuint(tcg_exec(f.s, &env, jumper), ==, 0);
    g_assert_cmpuint(env.r[1], ==, 0);
    g_assert_cmpuint(env.r[2], ==, 2);
    fx_free(&f);
}

/* Code written through one mapping runs through another. */
static void test_split_buffer(void)
{
    g_autoptr(GError) err = NULL;
    TCGCodeBuffer *buf = tcg_code_buffer_new_split(1 << 20, &err);
    FakeEnv env = { .r = { 100 } };
    TCGLabel *top;
    Fixture f;
    void *tb1, *tb2;
    uint16_t jmp;

    g_assert_no_error(err);
    g_assert_true(buf->rw != buf->rx);
    fx_init_buf(&f, buf);
    top = tcg_gen_new_label(f.s);
    tcg_gen_set_label(f.s, top);
    tcg_gen_add(f.s, f.r[1], f.r[1], f.r[0]);
    tcg_gen_subi(f.s, f.r[0], f.r[0], 1);
    tcg_gen_brcondi(f.s, TCG_COND_NE, f.r[0], 0, top);
    tcg_gen_goto_tb(f.s, 0);
    tcg_gen_exit_tb(f.s, 1);
    fx_gen(&f);
    tb1 = f.code;
    jmp = f.s->goto_tb_jmp_offset[0];
    g_assert_true((uint8_t *)tb1 >= buf->rx &&
                  (uint8_t *)tb1 < buf->rx + buf->size);
    tcg_func_start(f.s);
    tcg_gen_movi(f.s, f.r[2], 1);
    tcg_gen_exit_tb(f.s, 2);
    fx_gen(&f);
    tb2 = f.code;

    g_assert_cmpuint(tcg_exec(f.s, &env, tb1), ==, 1);
    g_assert_cmpuint(env.r[1], ==, 5050);
    tcg_patch_goto_tb(buf, (uintptr_t)tb1 + jmp, (uintptr_t)tb2);
    env.r[0] = 3;
    g_assert_cmpuint(tcg_exec(f.s, &env, tb1), ==, 2);
    g_assert_cmpuint(env.r[1], ==, 5056);
    g_assert_cmpuint(env.r[2], ==, 1);
    fx_free(&f);
}

/* ---- guest memory through the slow path --------------------------- */

static uint64_t fake_guest_load(void *opaque, uint64_t addr, uint32_t mop,
                                uint32_t mmu_idx, uintptr_t retaddr)
{
    FakeEnv *env = opaque;
    unsigned size = 1u << (mop & MO_SIZE);
    uint64_t v = 0;

    g_assert_cmpuint(mmu_idx, ==, 2);
    for (unsigned i = 0; i < size; i++) {
        unsigned k = (mop & MO_BSWAP) ? size - 1 - i : i;

        v |= (uint64_t)env->guest_ram[addr + k] << (8 * i);
    }
    if ((mop & MO_SIGN) && size < 8) {
        v = (uint64_t)((int64_t)(v << (64 - 8 * size)) >> (64 - 8 * size));
    }
    env->calls++;
    return v;
}

static void fake_guest_store(void *opaque, uint64_t addr, uint64_t val,
                             uint32_t mop, uint32_t mmu_idx, uintptr_t retaddr)
{
    FakeEnv *env = opaque;
    unsigned size = 1u << (mop & MO_SIZE);

    for (unsigned i = 0; i < size; i++) {
        unsigned k = (mop & MO_BSWAP) ? size - 1 - i : i;

        env->guest_ram[addr + k] = val >> (8 * i);
    }
    env->calls++;
}

static void test_guest_mem(void)
{
    Fixture f;
    FakeEnv env = { .r = { 8, 0x11223344aabbccddull } };

    fx_init(&f);
    f.s->guest_mem.load = fake_guest_load;
    f.s->guest_mem.store = fake_guest_store;
    tcg_gen_guest_st(f.s, f.r[1], f.r[0], MO_64 | MO_BE, 2);
    tcg_gen_guest_ld(f.s, f.r[2], f.r[0], MO_16 | MO_SIGN | MO_BE, 2);
    tcg_gen_guest_ld(f.s, f.w[0], f.r[0], MO_32 | MO_LE, 2);
    tcg_gen_addi(f.s, f.r[3], f.r[0], 6);
    tcg_gen_guest_ld(f.s, f.r[4], f.r[3], MO_8 | MO_SIGN, 2);
    tcg_gen_exit_tb(f.s, 0);
    fx_run(&f, &env);
    g_assert_cmpmem(env.guest_ram + 8, 8,
                    "\x11\x22\x33\x44\xaa\xbb\xcc\xdd", 8);
    g_assert_cmphex(env.r[2], ==, 0x1122);
    g_assert_cmphex(env.w[0], ==, 0x44332211);
    g_assert_cmphex(env.r[4], ==, 0xffffffffffffffccull);
    g_assert_cmpuint(env.calls, ==, 4);
    fx_free(&f);
}

/* ---- the inline TLB fast path on a fake TLB ------------------------ */

/* Two mmu indexes of four entries; 256-byte pages. */
typedef struct FakeTLBEntry {
    uint64_t rd, wr, pad;
    uintptr_t addend;
} FakeTLBEntry;

#define FAKE_PAGE_BITS 8
#define FAKE_FLAG 0x10              /* any bit below the page: slow path */

static uint64_t fake_slow_addr[8];
static unsigned fake_slow_n;

static uint64_t fake_slow_load(void *env, uint64_t addr, uint32_t mop,
                               uint32_t mmu_idx, uintptr_t retaddr)
{
    g_assert_cmpuint(fake_slow_n, <, 8);
    fake_slow_addr[fake_slow_n++] = addr;
    return 0x5100 + mmu_idx;
}

static void fake_slow_store(void *env, uint64_t addr, uint64_t val,
                            uint32_t mop, uint32_t mmu_idx, uintptr_t retaddr)
{
    g_assert_cmpuint(fake_slow_n, <, 8);
    fake_slow_addr[fake_slow_n++] = addr;
}

static void test_guest_mem_tlb(void)
{
    static uint8_t host[4][256];
    FakeTLBEntry tlb[2][4];
    FakeEnv env = { .r = { 0x10004, 0x8899aabbccddeeffull, 0, 0x123400010008ull,
                           0x10100, 0x100fe, 0x10200 } };
    Fixture f;
    TCGv t, w;

    memset(tlb, 0xff, sizeof(tlb));
    memset(host, 0, sizeof(host));
    /* mmu 0: page 0x10000 RAM, page 0x10100 read-only for the fast path
     * (a flag in the write tag), page 0x10200 invalid. mmu 1: page
     * 0x10000 elsewhere. */
    tlb[0][0] = (FakeTLBEntry){ 0x10000, 0x10000, 0,
                                (uintptr_t)host[0] - 0x10000 };
    tlb[0][1] = (FakeTLBEntry){ 0x10100, 0x10100 | FAKE_FLAG, 0,
                                (uintptr_t)host[1] - 0x10100 };
    tlb[1][0] = (FakeTLBEntry){ 0x10000, 0x10000, 0,
                                (uintptr_t)host[2] - 0x10000 };
    host[1][0] = 0x42;
    host[2][4] = 0x99;
    env.tlb = tlb;
    fake_slow_n = 0;

    fx_init(&f);
    f.s->guest_mem = (TCGGuestMemOps){ fake_slow_load, fake_slow_store };
    f.s->tlb = (TCGTLBDesc){
        .table_ptr_offset = offsetof(FakeEnv, tlb),
        .mmu_stride = sizeof(tlb[0]), .page_bits = FAKE_PAGE_BITS,
        .index_bits = 2, .entry_bits = 5,
        .read_offset = offsetof(FakeTLBEntry, rd),
        .write_offset = offsetof(FakeTLBEntry, wr),
        .addend_offset = offsetof(FakeTLBEntry, addend),
    };
    /* Hits. */
    tcg_gen_guest_st(f.s, f.r[1], f.r[0], MO_32, 0);
    tcg_gen_guest_ld(f.s, f.r[2], f.r[0], MO_16 | MO_SIGN | MO_BE, 0);
    tcg_gen_guest_ld(f.s, f.w[1], f.r[0], MO_8, 1);
    /* A 32-bit address in a register whose upper half is not zero. */
    t = tcg_temp_new(f.s, TCG_TYPE_I64);
    w = tcg_temp_new(f.s, TCG_TYPE_I32);
    tcg_gen_addi(f.s, t, f.r[3], 0x100000000ll);
    tcg_gen_extrl_i64_i32(f.s, w, t);
    tcg_gen_guest_st(f.s, f.w[0], w, MO_16, 0);
    tcg_gen_guest_ld(f.s, f.w[2], f.r[4], MO_8, 0);
    /* Misses: a flagged tag, a page-crossing load, an invalid entry. */
    tcg_gen_guest_st(f.s, f.r[1], f.r[4], MO_8, 0);
    tcg_gen_guest_ld(f.s, f.r[5], f.r[5], MO_32, 0);
    tcg_gen_guest_ld(f.s, f.r[6], f.r[6], MO_8, 1);
    tcg_gen_exit_tb(f.s, 0);
    env.w[0] = 0xbeef;
    fx_run(&f, &env);
    g_assert_cmpmem(&host[0][4], 4, "\xff\xee\xdd\xcc", 4);
    g_assert_cmphex(env.r[2], ==, 0xffffffffffffffeeull);
    g_assert_cmphex(env.w[1], ==, 0x99);
    g_assert_cmpmem(&host[0][8], 2, "\xef\xbe", 2);
    g_assert_cmphex(env.w[2], ==, 0x42);
    g_assert_cmphex(host[1][0], ==, 0x42);
    g_assert_cmphex(env.r[5], ==, 0x5100);
    g_assert_cmphex(env.r[6], ==, 0x5101);
    g_assert_cmpuint(fake_slow_n, ==, 3);
    g_assert_cmphex(fake_slow_addr[0], ==, 0x10100);
    g_assert_cmphex(fake_slow_addr[1], ==, 0x100fe);
    g_assert_cmphex(fake_slow_addr[2], ==, 0x10200);
    fx_free(&f);
}

/* ---- random programs against an interpreter of the op list -------- */

static uint64_t ref_ext(TCGOpcode opc, uint64_t x)
{
    switch (opc) {
    case INDEX_op_ext8s: return (int8_t)x;
    case INDEX_op_ext8u: return (uint8_t)x;
    case INDEX_op_ext16s: return (int16_t)x;
    case INDEX_op_ext16u: return (uint16_t)x;
    case INDEX_op_ext32s: return (int32_t)x;
    default: return (uint32_t)x;
    }
}

/* Run one op of a straight-line block on temp values @v. */
static void interp_op(const TCGOp *op, TCGContext *s, uint64_t *v)
{
    unsigned bits = op->type == TCG_TYPE_I32 ? 32 : 64;
    uint64_t m = bits == 32 ? 0xffffffffull : ~0ull;
    const TCGArg *a = op->args;
#define V(i) v[temp_idx(s, arg_temp(a[i]))]

    switch (op->opc) {
    case INDEX_op_movi: V(0) = a[1]; break;
    case INDEX_op_mov: V(0) = V(1) & m; break;
    case INDEX_op_neg: V(0) = -V(1) & m; break;
    case INDEX_op_not: V(0) = ~V(1) & m; break;
    case INDEX_op_ext8s: case INDEX_op_ext8u: case INDEX_op_ext16s:
    case INDEX_op_ext16u: case INDEX_op_ext32s: case INDEX_op_ext32u:
        V(0) = ref_ext(op->opc, V(1)) & m;
        break;
    case INDEX_op_bswap16: V(0) = ref_bswap(V(1), 2); break;
    case INDEX_op_bswap32: V(0) = ref_bswap(V(1), 4); break;
    case INDEX_op_bswap64: V(0) = ref_bswap(V(1), 8); break;
    case INDEX_op_clz: V(0) = ref_clz(V(1) & m, bits, V(2)) & m; break;
    case INDEX_op_ctz: V(0) = ref_ctz(V(1) & m, V(2)) & m; break;
    case INDEX_op_setcond:
        V(0) = tcg_cond_eval(op->type, a[3], V(1), V(2));
        break;
    case INDEX_op_movcond:
        V(0) = tcg_cond_eval(op->type, a[5], V(1), V(2)) ? V(3) : V(4);
        break;
    case INDEX_op_mulu2: {
        unsigned __int128 p = (unsigned __int128)V(2) * V(3);
        uint64_t lo = p, hi = p >> 64;
        V(0) = lo;
        V(1) = hi;
        break;
    }
    case INDEX_op_call:
        if (op->nb_oargs) {
            V(0) = helper_sum6(V(1), V(2), V(3), V(4), V(5), V(6));
        } else {
            /* write_r1(env, x): r1 is the second global. */
            v[2] = V(1);
            v[TCG_MAX_TEMPS - 1]++;
        }
        break;
    case INDEX_op_exit_tb: case INDEX_op_set_label: case INDEX_op_br:
    case INDEX_op_brcond:
        break;
    default:
        V(0) = ref_binop(op->opc, bits, V(1), V(2));
        break;
    }
#undef V
}

/* Interpret a block that may branch forward; the call count goes to @calls. */
static void interp_block(GArray *ops, TCGContext *s, uint64_t *v)
{
    for (guint i = 0; i < ops->len; i++) {
        const TCGOp *op = &g_array_index(ops, TCGOp, i);
        TCGLabel *target = NULL;

        if (op->opc == INDEX_op_br) {
            target = arg_label(op->args[0]);
        } else if (op->opc == INDEX_op_brcond &&
                   tcg_cond_eval(op->type, op->args[2],
                                 v[temp_idx(s, arg_temp(op->args[0]))],
                                 v[temp_idx(s, arg_temp(op->args[1]))])) {
            target = arg_label(op->args[3]);
        }
        while (target && ++i < ops->len) {
            op = &g_array_index(ops, TCGOp, i);
            if (op->opc == INDEX_op_set_label &&
                arg_label(op->args[0]) == target) {
                break;
            }
        }
        if (i < ops->len) {
            interp_op(op, s, v);
        }
    }
}

static uint64_t rnd_value(GRand *r)
{
    return values[g_rand_int_range(r, 0, G_N_ELEMENTS(values))] ^
           (g_rand_boolean(r) ? 0 : g_rand_int(r));
}

/* A random temp of @type from the pool (8 of 16 are I32). */
static TCGv rnd_temp(GRand *r, TCGv *pool, int n, TCGContext *s,
                     TCGType type)
{
    for (;;) {
        TCGv t = pool[g_rand_int_range(r, 0, n)];

        if (tcgv_type(s, t) == type) {
            return t;
        }
    }
}

static GenBinFn *const rnd_binops[] = {
    tcg_gen_add, tcg_gen_sub, tcg_gen_mul, tcg_gen_and, tcg_gen_or,
    tcg_gen_xor, tcg_gen_andc, tcg_gen_shl, tcg_gen_shr, tcg_gen_sar,
    tcg_gen_rotl, tcg_gen_rotr, tcg_gen_clz, tcg_gen_ctz,
};

typedef void GenUnFn(TCGContext *s, TCGv d, TCGv a);
static GenUnFn *const rnd_unops[] = {
    tcg_gen_neg, tcg_gen_not, tcg_gen_ext8s, tcg_gen_ext8u, tcg_gen_ext16s,
    tcg_gen_ext16u, tcg_gen_ext32s, tcg_gen_ext32u, tcg_gen_mov,
    tcg_gen_bswap16, tcg_gen_bswap32,
};

/* Labels of forward branches not yet placed. */
typedef struct RndLabels {
    TCGLabel *l[64];
    int n;
} RndLabels;

static void rnd_op(Fixture *f, GRand *r, TCGv *pool, int n, RndLabels *rl)
{
    TCGType type = g_rand_boolean(r) ? TCG_TYPE_I64 : TCG_TYPE_I32;
    TCGv d = rnd_temp(r, pool, n, f->s, type);
    TCGv x = rnd_temp(r, pool, n, f->s, type);
    TCGv y = rnd_temp(r, pool, n, f->s, type);
    TCGv args[6];

    switch (g_rand_int_range(r, 0, rl ? 11 : 8)) {
    case 8:
        if (rl->n < 64) {
            rl->l[rl->n] = tcg_gen_new_label(f->s);
            tcg_gen_brcond(f->s, all_conds[g_rand_int_range(r, 0, 10)], x, y,
                           rl->l[rl->n++]);
        }
        break;
    case 9:
        if (rl->n) {
            int k = g_rand_int_range(r, 0, rl->n);

            tcg_gen_set_label(f->s, rl->l[k]);
            rl->l[k] = rl->l[--rl->n];
        }
        break;
    case 10:
        args[0] = f->env;
        args[1] = rnd_temp(r, pool, n, f->s, TCG_TYPE_I64);
        tcg_gen_call(f->s, &info_write_r1, NULL, 2, args);
        break;
    case 0: case 1: case 2:
        rnd_binops[g_rand_int_range(r, 0, G_N_ELEMENTS(rnd_binops))](
            f->s, d, x, y);
        break;
    case 3:
        rnd_unops[g_rand_int_range(r, 0, G_N_ELEMENTS(rnd_unops))](
            f->s, d, x);
        break;
    case 4:
        tcg_gen_movi(f->s, d, rnd_value(r));
        break;
    case 5:
        tcg_gen_movcond(f->s, all_conds[g_rand_int_range(r, 0, 10)], d, x, y,
                        rnd_temp(r, pool, n, f->s, type),
                        rnd_temp(r, pool, n, f->s, type));
        break;
    case 6:
        if (type == TCG_TYPE_I64 && d != x) {
            tcg_gen_mulu2(f->s, d, x, y, rnd_temp(r, pool, n, f->s, type));
        } else {
            tcg_gen_setcond(f->s, all_conds[g_rand_int_range(r, 0, 10)], d,
                            x, y);
        }
        break;
    default:
        for (int i = 0; i < 6; i++) {
            args[i] = rnd_temp(r, pool, n, f->s, TCG_TYPE_I64);
        }
        tcg_gen_call(f->s, &info_sum6, rnd_temp(r, pool, n, f->s,
                                                TCG_TYPE_I64), 6, args);
        break;
    }
}

/*
 * Random blocks over globals and many temps: the op list as built,
 * interpreted, must leave env as the generated code does. This drives
 * the optimizer, liveness and the allocator (spills, fixed registers,
 * aliases, calls) through combinations no hand-written test reaches.
 * With @branches the temps are TB temps and the block has forward
 * brconds, labels and calls of a helper that writes a global.
 */
static void check_random_blocks(bool branches, guint32 seed)
{
    GRand *r = g_rand_new_with_seed(seed);

    for (int round = 0; round < 300; round++) {
        RndLabels rl = { .n = 0 };
        Fixture f;
        TCGv pool[28];
        FakeEnv env = { 0 }, want;
        uint64_t v[TCG_MAX_TEMPS] = { 0 };
        GArray *ops;

        fx_init(&f);
        for (int i = 0; i < 8; i++) {
            pool[i] = f.r[i];
            env.r[i] = rnd_value(r);
        }
        for (int i = 0; i < 4; i++) {
            pool[8 + i] = f.w[i];
            env.w[i] = rnd_value(r);
        }
        for (int i = 12; i < 28; i++) {
            TCGType type = i < 20 ? TCG_TYPE_I64 : TCG_TYPE_I32;

            pool[i] = branches ? tcg_temp_new_tb(f.s, type)
                               : tcg_temp_new(f.s, type);
            tcg_gen_movi(f.s, pool[i], rnd_value(r));
        }
        for (int i = 0; i < 60; i++) {
            rnd_op(&f, r, pool, 28, branches ? &rl : NULL);
        }
        while (rl.n) {
            tcg_gen_set_label(f.s, rl.l[--rl.n]);
        }
        tcg_gen_exit_tb(f.s, 0);

        ops = g_array_copy(f.s->ops);
        want = env;
        for (int i = 0; i < 8; i++) {
            v[temp_idx(f.s, tcgv_temp(f.s, f.r[i]))] = env.r[i];
        }
        for (int i = 0; i < 4; i++) {
            v[temp_idx(f.s, tcgv_temp(f.s, f.w[i]))] = env.w[i];
        }
        interp_block(ops, f.s, v);
        want.calls = v[TCG_MAX_TEMPS - 1];
        for (int i = 0; i < 8; i++) {
            want.r[i] = v[temp_idx(f.s, tcgv_temp(f.s, f.r[i]))];
        }
        for (int i = 0; i < 4; i++) {
            want.w[i] = v[temp_idx(f.s, tcgv_temp(f.s, f.w[i]))];
        }
        fx_run(&f, &env);
        if (memcmp(&env, &want, sizeof(env))) {
            g_autofree char *text = NULL;

            f.s->ops = ops;
            text = fx_dump(&f);
            g_error("round %d: env differs; ops:\n%s", round, text);
        }
        g_array_free(ops, TRUE);
        fx_free(&f);
    }
    g_rand_free(r);
}

static void test_random_blocks(void)
{
    check_random_blocks(false, 0x6b657374);
}

static void test_random_branches(void)
{
    check_random_blocks(true, 0x72656c21);
}

/*
 * Values in registers across a conditional branch: a TB temp and a dirty
 * global computed before it are used on the fall-through path (kept in
 * registers) and after the label (reloaded), for both outcomes.
 */
static void test_branch_fallthrough_regs(void)
{
    for (int taken = 0; taken < 2; taken++) {
        Fixture f;
        FakeEnv env = { .r = { 5, 7, (uint64_t)taken, 0, 0, 0 } };
        TCGLabel *l;
        TCGv t;

        fx_init(&f);
        l = tcg_gen_new_label(f.s);
        t = tcg_temp_new_tb(f.s, TCG_TYPE_I64);
        tcg_gen_add(f.s, t, f.r[0], f.r[1]);          /* 12 */
        tcg_gen_addi(f.s, f.r[5], f.r[0], 100);       /* dirty global */
        tcg_gen_brcondi(f.s, TCG_COND_NE, f.r[2], 0, l);
        tcg_gen_add(f.s, f.r[3], t, t);               /* 24, not taken */
        tcg_gen_add(f.s, f.r[5], f.r[5], t);          /* 117 */
        tcg_gen_set_label(f.s, l);
        tcg_gen_addi(f.s, f.r[4], t, 1);              /* 13 */
        tcg_gen_add(f.s, f.r[4], f.r[4], f.r[5]);
        tcg_gen_exit_tb(f.s, 0);
        fx_run(&f, &env);
        g_assert_cmphex(env.r[3], ==, taken ? 0 : 24);
        g_assert_cmphex(env.r[5], ==, taken ? 105 : 117);
        g_assert_cmphex(env.r[4], ==, taken ? 13 + 105 : 13 + 117);
        fx_free(&f);
    }
}

/* Fill the buffer until it reports full; after a reset the same ops fit. */
static void test_buffer_full(void)
{
    Fixture f;
    FakeEnv env = { .r = { 0, 1, 2, 3, 4, 5, 6, 7 } };
    TCGLabel *l;
    uint64_t want = 0;
    void *code;
    int size, blocks = 0;

    fx_init_size(&f, 64 * 1024);
    l = tcg_gen_new_label(f.s);
    tcg_gen_brcondi(f.s, TCG_COND_EQ, f.r[7], 0, l);
    for (int i = 0; i < 2000; i++) {
        tcg_gen_add(f.s, f.r[0], f.r[0], f.r[1 + i % 7]);
        want += 1 + i % 7;
    }
    tcg_gen_set_label(f.s, l);
    tcg_gen_exit_tb(f.s, 0);
    while ((size = tcg_gen_code(f.s, &code)) > 0) {
        tcg_code_buffer_commit(f.buf, size);
        blocks++;
    }
    g_assert_cmpint(size, ==, -1);
    g_assert_cmpint(blocks, >, 3);
    tcg_code_buffer_reset(f.buf);
    size = tcg_gen_code(f.s, &code);
    g_assert_cmpint(size, >, 0);
    tcg_code_buffer_commit(f.buf, size);
    tcg_exec(f.s, &env, code);
    g_assert_cmpuint(env.r[0], ==, want);
    g_test_message("%d blocks of %d bytes filled 64 KiB", blocks, size);
    fx_free(&f);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/tcg/backend/binops", test_binops);
    g_test_add_func("/tcg/backend/unops", test_unops);
    g_test_add_func("/tcg/backend/bitops", test_bitops);
    g_test_add_func("/tcg/backend/bitfields", test_bitfields);
    g_test_add_func("/tcg/backend/loop-sum", test_loop_sum);
    g_test_add_func("/tcg/backend/conditions", test_conditions);
    g_test_add_func("/tcg/backend/mul2", test_mul2);
    g_test_add_func("/tcg/backend/extensions", test_extensions);
    g_test_add_func("/tcg/backend/ld-st", test_ld_st);
    g_test_add_func("/tcg/backend/st-const", test_st_const);
    g_test_add_func("/tcg/backend/call6", test_call6);
    g_test_add_func("/tcg/backend/call-globals", test_call_globals);
    g_test_add_func("/tcg/backend/insn-find", test_insn_find);
    g_test_add_func("/tcg/backend/pressure", test_pressure);
    g_test_add_func("/tcg/backend/goto-tb", test_goto_tb);
    g_test_add_func("/tcg/backend/goto-ptr", test_goto_ptr);
    g_test_add_func("/tcg/backend/split-buffer", test_split_buffer);
    g_test_add_func("/tcg/backend/guest-mem", test_guest_mem);
    g_test_add_func("/tcg/backend/guest-mem-tlb", test_guest_mem_tlb);
    g_test_add_func("/tcg/backend/random-blocks", test_random_blocks);
    g_test_add_func("/tcg/backend/random-branches", test_random_branches);
    g_test_add_func("/tcg/backend/branch-fallthrough-regs",
                    test_branch_fallthrough_regs);
    g_test_add_func("/tcg/buffer-full", test_buffer_full);
    return g_test_run();
}
