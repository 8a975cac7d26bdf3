/* SPDX-License-Identifier: MIT */
/* The tcg/ unit tests' fixture (see tcg-fixture.h). */
#include "tcg-fixture.h"

#include <glib.h>

static const char *const reg_names[8] = {
    "r0", "r1", "r2", "r3", "r4", "r5", "r6", "r7",
};
static const char *const w_names[4] = { "w0", "w1", "w2", "w3" };

void fx_init_buf(Fixture *f, TCGCodeBuffer *buf)
{
    f->buf = buf;
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

void fx_init_size(Fixture *f, size_t size)
{
    g_autoptr(GError) err = NULL;
    TCGCodeBuffer *buf = tcg_code_buffer_new(size, &err);

    g_assert_no_error(err);
    fx_init_buf(f, buf);
}

void fx_init(Fixture *f)
{
    fx_init_size(f, 1 << 20);
}

void fx_free(Fixture *f)
{
    tcg_context_free(f->s);
    tcg_code_buffer_free(f->buf);
}

void fx_gen(Fixture *f)
{
    f->size = tcg_gen_code(f->s, &f->code);
    g_assert_cmpint(f->size, >, 0);
    tcg_code_buffer_commit(f->buf, f->size);
}

uintptr_t fx_run(Fixture *f, FakeEnv *env)
{
    uintptr_t ret;

    fx_gen(f);
    ret = tcg_exec(f->s, env, f->code);
    tcg_func_start(f->s);
    return ret;
}

char *fx_dump(Fixture *f)
{
    GString *out = g_string_new(NULL);

    tcg_dump_ops(f->s, out);
    return g_string_free(out, FALSE);
}

char *fx_optimize(Fixture *f)
{
    tcg_optimize(f->s);
    return fx_dump(f);
}
