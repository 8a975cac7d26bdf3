/* SPDX-License-Identifier: MIT */
/*
 * The TCG context: the op table built from tcg-opc.h, temps (globals
 * bound to env offsets, TB-lived and block-lived temps), labels and the
 * op list itself, a GArray of fixed-size TCGOp that passes rewrite in
 * place (a removed op becomes a nop; tcg_ops_compact drops them). The
 * passes live in optimize.c, liveness.c and regalloc.c.
 */
#include "tcg/tcg.h"
#include "tcg/tcg-code-buffer.h"
#include "tcg/tcg-internal.h"

#include <string.h>

const TCGOpDef tcg_op_defs[NB_OPS] = {
#define DEF(n, o, i, c, f) \
    [INDEX_op_##n] = { .name = #n, .nb_oargs = o, .nb_iargs = i, \
                       .nb_cargs = c, .flags = f },
#include "tcg/tcg-opc.h"
#undef DEF
};

TCGCond tcg_swap_cond(TCGCond c)
{
    switch (c) {
    case TCG_COND_LT: return TCG_COND_GT;
    case TCG_COND_GT: return TCG_COND_LT;
    case TCG_COND_LE: return TCG_COND_GE;
    case TCG_COND_GE: return TCG_COND_LE;
    case TCG_COND_LTU: return TCG_COND_GTU;
    case TCG_COND_GTU: return TCG_COND_LTU;
    case TCG_COND_LEU: return TCG_COND_GEU;
    case TCG_COND_GEU: return TCG_COND_LEU;
    default: return c;
    }
}

bool tcg_cond_eval(TCGType type, TCGCond c, uint64_t a, uint64_t b)
{
    int64_t sa = a, sb = b;

    if (type == TCG_TYPE_I32) {
        a = (uint32_t)a;
        b = (uint32_t)b;
        sa = (int32_t)a;
        sb = (int32_t)b;
    }
    switch (c) {
    case TCG_COND_NEVER: return false;
    case TCG_COND_ALWAYS: return true;
    case TCG_COND_EQ: return a == b;
    case TCG_COND_NE: return a != b;
    case TCG_COND_LT: return sa < sb;
    case TCG_COND_GE: return sa >= sb;
    case TCG_COND_LE: return sa <= sb;
    case TCG_COND_GT: return sa > sb;
    case TCG_COND_LTU: return a < b;
    case TCG_COND_GEU: return a >= b;
    case TCG_COND_LEU: return a <= b;
    case TCG_COND_GTU: return a > b;
    }
    g_assert_not_reached();
}

/* ---- context ------------------------------------------------------ */

static TCGTemp *temp_alloc(TCGContext *s)
{
    TCGTemp *ts;

    g_assert(s->nb_temps < TCG_MAX_TEMPS);
    ts = &s->temps[s->nb_temps++];
    memset(ts, 0, sizeof(*ts));
    ts->allocated = true;
    return ts;
}

TCGContext *tcg_context_new(TCGCodeBuffer *buf)
{
    TCGContext *s = g_new0(TCGContext, 1);

    s->ops = g_array_new(FALSE, FALSE, sizeof(TCGOp));
    s->labels = g_ptr_array_new();
    s->insns = g_array_new(FALSE, FALSE, sizeof(TCGInsnRecord));
    s->ldst_slow = g_array_new(FALSE, FALSE, sizeof(TCGLdstSlow));
    s->ldst_syncs = g_array_new(FALSE, FALSE, sizeof(TCGGlobalSync));
    s->buf = buf;

    s->env = temp_alloc(s);
    s->env->type = TCG_TYPE_I64;
    s->env->kind = TEMP_FIXED;
    s->env->name = "env";
    s->env->reg = TCG_TARGET_ENV_REG;
    s->env->val_type = TEMP_VAL_REG;
    s->nb_globals = s->nb_temps;

    tcg_target_gen_prologue(s);
    return s;
}

static void labels_free(TCGContext *s)
{
    for (guint i = 0; i < s->labels->len; i++) {
        TCGLabel *l = g_ptr_array_index(s->labels, i);

        g_array_free(l->relocs, TRUE);
        g_free(l);
    }
    g_ptr_array_set_size(s->labels, 0);
}

void tcg_context_free(TCGContext *s)
{
    if (!s) {
        return;
    }
    labels_free(s);
    g_ptr_array_free(s->labels, TRUE);
    g_array_free(s->ops, TRUE);
    g_array_free(s->insns, TRUE);
    g_array_free(s->ldst_slow, TRUE);
    g_array_free(s->ldst_syncs, TRUE);
    g_free(s);
}

void tcg_func_start(TCGContext *s)
{
    s->nb_temps = s->nb_globals;
    g_array_set_size(s->ops, 0);
    g_array_set_size(s->insns, 0);
    labels_free(s);
}

TCGTemp *tcg_global_mem_new_internal(TCGContext *s, TCGType type,
                                     intptr_t offset, const char *name)
{
    TCGTemp *ts;

    g_assert(s->nb_temps == s->nb_globals);
    ts = temp_alloc(s);
    ts->type = type;
    ts->kind = TEMP_GLOBAL;
    ts->name = name;
    ts->mem_offset = offset;
    ts->mem_allocated = true;
    ts->val_type = TEMP_VAL_MEM;
    ts->mem_coherent = true;
    s->nb_globals = s->nb_temps;
    return ts;
}

TCGTemp *tcg_temp_new_internal(TCGContext *s, TCGType type, TCGTempKind kind)
{
    TCGTemp *ts;

    g_assert(kind == TEMP_NORMAL || kind == TEMP_TB);
    for (int i = s->nb_globals; i < s->nb_temps; i++) {
        ts = &s->temps[i];
        if (!ts->allocated && ts->type == type && ts->kind == kind) {
            ts->allocated = true;
            return ts;
        }
    }
    ts = temp_alloc(s);
    ts->type = type;
    ts->kind = kind;
    ts->val_type = TEMP_VAL_DEAD;
    return ts;
}

void tcg_temp_free_internal(TCGContext *s, TCGTemp *ts)
{
    g_assert(ts->kind == TEMP_NORMAL || ts->kind == TEMP_TB);
    g_assert(ts->allocated);
    ts->allocated = false;
}

TCGLabel *tcg_gen_new_label(TCGContext *s)
{
    TCGLabel *l = g_new0(TCGLabel, 1);

    l->id = s->labels->len;
    l->relocs = g_array_new(FALSE, FALSE, sizeof(uint8_t *));
    g_ptr_array_add(s->labels, l);
    return l;
}

/* ---- the op list -------------------------------------------------- */

TCGOp *tcg_emit_op(TCGContext *s, TCGOpcode opc, TCGType type)
{
    const TCGOpDef *def = &tcg_op_defs[opc];
    TCGOp op = {
        .opc = opc,
        .type = type,
        .nb_oargs = def->nb_oargs,
        .nb_iargs = def->nb_iargs,
        .nb_cargs = def->nb_cargs,
    };

    g_array_append_val(s->ops, op);
    return tcg_op_at(s, s->ops->len - 1);
}

void tcg_op_remove(TCGContext *s, TCGOp *op)
{
    if (op->opc == INDEX_op_br || op->opc == INDEX_op_brcond) {
        arg_label(op->args[op->nb_oargs + op->nb_iargs + op->nb_cargs - 1])
            ->refs--;
    }
    memset(op, 0, sizeof(*op));
    op->opc = INDEX_op_nop;
}

void tcg_ops_compact(TCGContext *s)
{
    guint j = 0;

    for (guint i = 0; i < s->ops->len; i++) {
        TCGOp *op = tcg_op_at(s, i);

        if (op->opc != INDEX_op_nop) {
            if (i != j) {
                *tcg_op_at(s, j) = *op;
            }
            j++;
        }
    }
    g_array_set_size(s->ops, j);
}

const TCGInsnRecord *tcg_insn_find(const TCGInsnRecord *recs, size_t n,
                                   uint32_t off)
{
    size_t lo = 0, hi = n;

    /* The last record starting at or before @off. */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;

        if (recs[mid].host_offset <= off) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    return lo ? &recs[lo - 1] : NULL;
}

/* ---- running generated code --------------------------------------- */

uintptr_t tcg_exec(TCGContext *s, void *env, const void *code)
{
    uintptr_t (*entry)(void *, const void *);

    entry = (uintptr_t (*)(void *, const void *))
            tcg_code_buffer_rx(s->buf, s->prologue);
    return entry(env, code);
}
