/* SPDX-License-Identifier: MIT */
/*
 * Unit tests of tcg/ on the op list: the dumper, the optimizer's folds,
 * copy propagation and branch pruning, liveness's deletions and death
 * bits, the frontend-rule check of block temps, capstone disassembly of
 * a block and the -d op/op_opt/out_asm log. The generated code itself is
 * test-tcg.c's.
 */
#include "tcg-fixture.h"
#include "util/log.h"

#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

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

/* ---- optimizer and liveness -------------------------------------- */


/* 0 - x becomes one neg, and computes the same. */
static void test_opt_neg(void)
{
    Fixture f;
    FakeEnv env = { .r = { 0, 5 } };
    TCGv zero;
    g_autofree char *text = NULL;

    fx_init(&f);
    zero = tcg_const(f.s, TCG_TYPE_I64, 0);
    tcg_gen_sub(f.s, f.r[5], zero, f.r[1]);
    tcg_gen_exit_tb(f.s, 0);
    text = fx_optimize(&f);
    g_assert_nonnull(strstr(text, " neg_i64 r5, r1\n"));
    g_assert_null(strstr(text, "sub_i64"));
    fx_run(&f, &env);
    g_assert_cmphex(env.r[5], ==, (uint64_t)-5);
    fx_free(&f);
}

static void test_opt_fold(void)
{
    Fixture f;
    TCGv a, b, c;
    g_autofree char *text = NULL;

    fx_init(&f);
    a = tcg_const(f.s, TCG_TYPE_I64, 6);
    b = tcg_const(f.s, TCG_TYPE_I64, 7);
    c = tcg_temp_new(f.s, TCG_TYPE_I64);
    tcg_gen_mul(f.s, c, a, b);
    tcg_gen_shl(f.s, c, c, a);
    tcg_gen_add(f.s, f.r[0], c, f.r[1]);
    tcg_gen_setcond(f.s, TCG_COND_LT, f.r[2], a, b);
    tcg_gen_sub(f.s, f.r[3], f.r[1], a);
    tcg_gen_xor(f.s, c, c, c);
    tcg_gen_and(f.s, f.r[4], f.r[1], c);
    tcg_gen_exit_tb(f.s, 0);
    text = fx_optimize(&f);
    g_assert_cmpstr(text, ==,
        " movi_i64 tmp13, $0x6\n"
        " movi_i64 tmp14, $0x7\n"
        " movi_i64 tmp15, $0x2a\n"
        " movi_i64 tmp15, $0xa80\n"
        " add_i64 r0, r1, tmp15\n"
        " movi_i64 r2, $0x1\n"
        " sub_i64 r3, r1, tmp13\n"
        " movi_i64 tmp15, $0x0\n"
        " movi_i64 r4, $0x0\n"
        " exit_tb $0x0\n");
    fx_free(&f);
}

/* A commutative op with its constant first: swapped, then 0 + x is x. */
static void test_opt_commutative(void)
{
    Fixture f;
    TCGv z, k;
    g_autofree char *text = NULL;

    fx_init(&f);
    z = tcg_const(f.s, TCG_TYPE_I64, 0);
    k = tcg_const(f.s, TCG_TYPE_I64, 5);
    tcg_gen_add(f.s, f.r[0], z, f.r[1]);
    tcg_gen_and(f.s, f.r[2], k, f.r[3]);
    tcg_gen_exit_tb(f.s, 0);
    text = fx_optimize(&f);
    g_assert_cmpstr(text, ==,
        " movi_i64 tmp13, $0x0\n"
        " movi_i64 tmp14, $0x5\n"
        " mov_i64 r0, r1\n"
        " and_i64 r2, r3, tmp14\n"
        " exit_tb $0x0\n");
    fx_free(&f);
}

static void test_opt_copies(void)
{
    Fixture f;
    TCGv t, u;
    g_autofree char *text = NULL;

    fx_init(&f);
    t = tcg_temp_new(f.s, TCG_TYPE_I64);
    u = tcg_temp_new(f.s, TCG_TYPE_I64);
    tcg_gen_mov(f.s, t, f.r[0]);
    tcg_gen_mov(f.s, u, t);
    tcg_gen_add(f.s, f.r[1], u, t);
    tcg_gen_mov(f.s, f.r[0], f.r[2]);
    tcg_gen_add(f.s, f.r[3], u, f.r[0]);
    tcg_gen_mov(f.s, f.r[5], f.r[5]);
    tcg_gen_exit_tb(f.s, 0);
    text = fx_optimize(&f);
    /* After r0 changes, u is no longer a copy of it. */
    g_assert_cmpstr(text, ==,
        " mov_i64 tmp13, r0\n"
        " mov_i64 tmp14, r0\n"
        " add_i64 r1, r0, r0\n"
        " mov_i64 r0, r2\n"
        " add_i64 r3, tmp14, r2\n"
        " exit_tb $0x0\n");
    fx_free(&f);
}

static void test_opt_branches(void)
{
    Fixture f;
    TCGLabel *l1, *l2;
    TCGv k;
    g_autofree char *text = NULL;

    fx_init(&f);
    l1 = tcg_gen_new_label(f.s);
    l2 = tcg_gen_new_label(f.s);
    k = tcg_const(f.s, TCG_TYPE_I64, 3);
    tcg_gen_brcondi(f.s, TCG_COND_EQ, k, 4, l1);
    tcg_gen_brcondi(f.s, TCG_COND_LTU, k, 4, l2);
    tcg_gen_addi(f.s, f.r[0], f.r[0], 1);
    tcg_gen_exit_tb(f.s, 1);
    tcg_gen_set_label(f.s, l1);
    tcg_gen_addi(f.s, f.r[0], f.r[0], 2);
    tcg_gen_br(f.s, l2);
    tcg_gen_set_label(f.s, l2);
    tcg_gen_exit_tb(f.s, 2);
    tcg_gen_movi(f.s, f.r[1], 1);
    text = fx_optimize(&f);
    g_assert_cmpstr(text, ==,
        " movi_i64 tmp13, $0x3\n"
        " movi_i64 tmp14, $0x4\n"
        " movi_i64 tmp14, $0x4\n"
        " exit_tb $0x2\n");
    fx_free(&f);
}

/* A label nothing branches to merges its blocks; knowledge flows on. */
static void test_opt_labels(void)
{
    Fixture f;
    TCGLabel *l0, *unused;
    TCGv t;
    g_autofree char *text = NULL;

    fx_init(&f);
    l0 = tcg_gen_new_label(f.s);
    unused = tcg_gen_new_label(f.s);
    tcg_gen_brcond(f.s, TCG_COND_EQ, f.r[0], f.r[1], l0);
    t = tcg_const(f.s, TCG_TYPE_I64, 5);
    tcg_gen_set_label(f.s, unused);
    tcg_gen_addi(f.s, f.r[2], t, 1);
    tcg_gen_exit_tb(f.s, 0);
    tcg_gen_set_label(f.s, l0);
    tcg_gen_exit_tb(f.s, 1);
    text = fx_optimize(&f);
    g_assert_cmpstr(text, ==,
        " brcond_i64 r0, r1, eq, L0\n"
        " movi_i64 tmp13, $0x5\n"
        " movi_i64 tmp14, $0x1\n"
        " movi_i64 r2, $0x6\n"
        " exit_tb $0x0\n"
        "L0:\n"
        " exit_tb $0x1\n");
    fx_free(&f);
}

static void test_liveness(void)
{
    Fixture f;
    TCGv t;
    g_autofree char *text = NULL;

    fx_init(&f);
    t = tcg_temp_new(f.s, TCG_TYPE_I64);
    tcg_gen_add(f.s, t, f.r[0], f.r[1]);
    tcg_gen_add(f.s, f.r[2], f.r[0], f.r[1]);
    tcg_gen_mov(f.s, f.r[2], f.r[3]);
    tcg_gen_sub(f.s, t, f.r[0], f.r[1]);
    tcg_gen_mul(f.s, f.r[4], t, t);
    tcg_gen_exit_tb(f.s, 0);
    tcg_liveness(f.s);
    text = fx_dump(&f);
    g_assert_cmpstr(text, ==,
        " mov_i64 r2, r3\n"
        " sub_i64 tmp13, r0, r1\n"
        " mul_i64 r4, tmp13, tmp13  dead: 1\n"
        " exit_tb $0x0\n");
    fx_free(&f);
}

/* A double-width multiply whose high half nobody reads becomes a plain
 * multiply (IMUL r, r/m with dead flags), and computes the same low
 * half; one whose high half is read stays. */
static void test_liveness_mul2(void)
{
    Fixture f;
    FakeEnv env = { .r = { 0, (uint64_t)-3, 0x100000001ull } };
    TCGv hi;
    g_autofree char *text = NULL;

    fx_init(&f);
    hi = tcg_temp_new(f.s, TCG_TYPE_I64);
    tcg_gen_muls2(f.s, f.r[3], hi, f.r[1], f.r[2]);
    tcg_gen_mulu2(f.s, f.r[4], f.r[5], f.r[1], f.r[2]);
    tcg_gen_exit_tb(f.s, 0);
    tcg_liveness(f.s);
    text = fx_dump(&f);
    g_assert_cmpstr(text, ==,
        " mul_i64 r3, r1, r2\n"
        " mulu2_i64 r4, r5, r1, r2\n"
        " exit_tb $0x0\n");
    fx_run(&f, &env);
    g_assert_cmphex(env.r[3], ==, (uint64_t)-3 * 0x100000001ull);
    g_assert_cmphex(env.r[4], ==, (uint64_t)-3 * 0x100000001ull);
    g_assert_cmphex(env.r[5], ==, 0x100000000ull);
    fx_free(&f);
}

/* TB temps across a branch: one read after the label stays (and its
 * computation with it); one nobody reads goes, with its computation,
 * instead of being kept for the label. */
static void test_liveness_tb_temps(void)
{
    Fixture f;
    TCGLabel *l;
    TCGv used, unused;
    g_autofree char *text = NULL;

    fx_init(&f);
    l = tcg_gen_new_label(f.s);
    used = tcg_temp_new_tb(f.s, TCG_TYPE_I64);
    unused = tcg_temp_new_tb(f.s, TCG_TYPE_I64);
    tcg_gen_add(f.s, used, f.r[0], f.r[1]);
    tcg_gen_sub(f.s, unused, f.r[0], f.r[1]);
    tcg_gen_brcond(f.s, TCG_COND_EQ, f.r[0], f.r[2], l);
    tcg_gen_set_label(f.s, l);
    tcg_gen_mov(f.s, f.r[3], used);
    tcg_gen_exit_tb(f.s, 0);
    tcg_liveness(f.s);
    text = fx_dump(&f);
    g_assert_cmpstr(text, ==,
        " add_i64 loc13, r0, r1\n"
        " brcond_i64 r0, r2, eq, L0\n"
        "L0:\n"
        " mov_i64 r3, loc13  dead: 1\n"
        " exit_tb $0x0\n");
    fx_free(&f);
}

/* A block temp written before a label and read after it: liveness stops
 * with the temp and the op named (the allocator would reuse its register:
 * the SSE alignment check once lost the store address this way). */
static void test_liveness_block_temp(void)
{
    Fixture f;
    TCGLabel *l;
    TCGv t;

    if (g_test_subprocess()) {
        fx_init(&f);
        l = tcg_gen_new_label(f.s);
        t = tcg_temp_new(f.s, TCG_TYPE_I64);
        tcg_gen_add(f.s, t, f.r[0], f.r[1]);
        tcg_gen_brcond(f.s, TCG_COND_EQ, f.r[0], f.r[2], l);
        tcg_gen_set_label(f.s, l);
        tcg_gen_mov(f.s, f.r[3], t);
        tcg_gen_exit_tb(f.s, 0);
        tcg_liveness(f.s);
        fx_free(&f);
        return;
    }
    g_test_trap_subprocess(NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
    g_test_trap_assert_failed();
    g_test_trap_assert_stderr("*tmp13 is read after the basic-block end at "
                              "op 2 but written before it*");
}

/* ---- disassembly and the code buffer ------------------------------ */

static void test_disas(void)
{
    Fixture f;
    GString *out = g_string_new(NULL);

    fx_init(&f);
    tcg_gen_addi(f.s, f.r[0], f.r[0], 0x1234);
    tcg_gen_shli(f.s, f.r[1], f.r[0], 3);
    tcg_gen_exit_tb(f.s, 0x55);
    fx_gen(&f);
    tcg_disas(out, f.code, f.size);
    g_test_message("%d bytes:\n%s", f.size, out->str);
    g_assert_nonnull(strstr(out->str, "add rbx, 0x1234"));
    g_assert_nonnull(strstr(out->str, "shl "));
    g_assert_nonnull(strstr(out->str, "mov eax, 0x55"));
    g_assert_nonnull(strstr(out->str, "jmp "));
    g_string_free(out, TRUE);
    fx_free(&f);
}

/* -d op,op_opt,out_asm write the three views of one block. */
static void test_log(void)
{
    g_autoptr(GError) err = NULL;
    g_autofree char *path = NULL, *text = NULL;
    Fixture f;
    int fd = g_file_open_tmp("tcg-log-XXXXXX", &path, &err);

    g_assert_no_error(err);
    close(fd);
    g_assert_true(log_set_file(path, &err));
    log_mask = LOG_OP | LOG_OP_OPT | LOG_OUT_ASM;
    fx_init(&f);
    tcg_gen_addi(f.s, f.r[0], f.r[0], 0);
    tcg_gen_addi(f.s, f.r[1], f.r[0], 2);
    tcg_gen_exit_tb(f.s, 0);
    fx_gen(&f);
    log_mask = 0;
    g_assert_true(log_set_file(NULL, &err));
    g_assert_true(g_file_get_contents(path, &text, NULL, &err));
    g_assert_nonnull(strstr(text, "OP:\n movi_i64 tmp13, $0x2\n"));
    g_assert_nonnull(strstr(text, "OP after optimization and liveness:\n"
                                  " movi_i64 tmp13, $0x2\n"
                                  " add_i64 r1, r0, tmp13  dead: 2\n"));
    g_assert_nonnull(strstr(text, "OUT: [size="));
    g_assert_nonnull(strstr(text, "lea rbp, [rbx + 2]"));
    g_unlink(path);
    fx_free(&f);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/tcg/dump", test_dump);
    g_test_add_func("/tcg/optimize/fold", test_opt_fold);
    g_test_add_func("/tcg/optimize/neg", test_opt_neg);
    g_test_add_func("/tcg/optimize/commutative", test_opt_commutative);
    g_test_add_func("/tcg/optimize/copies", test_opt_copies);
    g_test_add_func("/tcg/optimize/branches", test_opt_branches);
    g_test_add_func("/tcg/optimize/labels", test_opt_labels);
    g_test_add_func("/tcg/liveness", test_liveness);
    g_test_add_func("/tcg/liveness/tb-temps", test_liveness_tb_temps);
    g_test_add_func("/tcg/liveness/mul2", test_liveness_mul2);
    g_test_add_func("/tcg/liveness/block-temp", test_liveness_block_temp);
    g_test_add_func("/tcg/disas", test_disas);
    g_test_add_func("/tcg/log", test_log);
    return g_test_run();
}
