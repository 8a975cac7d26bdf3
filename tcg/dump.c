/* SPDX-License-Identifier: MIT */
/*
 * The op list as text, for -d op and -d op_opt and for tests. One op a
 * line: "name_type outputs, inputs, constants", temps by name (globals
 * by their own name, block temps tmpN, TB temps locN), labels as Ln and
 * their positions as "Ln:". After liveness, arguments whose value dies
 * at the op are listed at the end of the line as "dead: i j".
 */
#include "tcg/tcg.h"

#include <inttypes.h>

static const char *const cond_names[] = {
    [TCG_COND_NEVER] = "never", [TCG_COND_ALWAYS] = "always",
    [TCG_COND_EQ] = "eq", [TCG_COND_NE] = "ne",
    [TCG_COND_LT] = "lt", [TCG_COND_GE] = "ge",
    [TCG_COND_LE] = "le", [TCG_COND_GT] = "gt",
    [TCG_COND_LTU] = "ltu", [TCG_COND_GEU] = "geu",
    [TCG_COND_LEU] = "leu", [TCG_COND_GTU] = "gtu",
};

static void dump_temp(TCGContext *s, GString *out, TCGTemp *ts)
{
    switch (ts->kind) {
    case TEMP_GLOBAL:
    case TEMP_FIXED:
        g_string_append(out, ts->name);
        break;
    case TEMP_TB:
        g_string_append_printf(out, "loc%zu", temp_idx(s, ts));
        break;
    case TEMP_NORMAL:
        g_string_append_printf(out, "tmp%zu", temp_idx(s, ts));
        break;
    }
}

static void dump_memop(GString *out, unsigned mop)
{
    static const char *const sizes[] = { "8", "16", "32", "64" };

    g_string_append_printf(out, "%s%s%s", mop & MO_BSWAP ? "be" : "le",
                           mop & MO_SIGN ? "s" : "u", sizes[mop & MO_SIZE]);
}

/* The constant arguments, which mean something different per op. */
static void dump_consts(GString *out, const TCGOp *op, const TCGArg *c)
{
    switch (op->opc) {
    case INDEX_op_set_label:
    case INDEX_op_br:
        g_string_append_printf(out, "L%d", arg_label(c[0])->id);
        break;
    case INDEX_op_brcond:
        g_string_append_printf(out, "%s, L%d", cond_names[c[0]],
                               arg_label(c[1])->id);
        break;
    case INDEX_op_setcond:
    case INDEX_op_movcond:
        g_string_append(out, cond_names[c[0]]);
        break;
    case INDEX_op_guest_ld:
    case INDEX_op_guest_st:
        dump_memop(out, c[0]);
        g_string_append_printf(out, ", mmu%u", (unsigned)c[1]);
        break;
    default:
        for (int i = 0; i < op->nb_cargs; i++) {
            g_string_append_printf(out, "%s$0x%" PRIx64, i ? ", " : "",
                                   (uint64_t)c[i]);
        }
        break;
    }
}

static void dump_call(TCGContext *s, GString *out, const TCGOp *op)
{
    const TCGHelperInfo *info =
        (const TCGHelperInfo *)op->args[op->nb_oargs + op->nb_iargs];
    static const char *const flags[] = { "pure", "rg", "wg" };

    g_string_append(out, " call ");
    if (op->nb_oargs) {
        dump_temp(s, out, arg_temp(op->args[0]));
        g_string_append(out, " = ");
    }
    g_string_append_printf(out, "%s(", info->name);
    for (int i = 0; i < op->nb_iargs; i++) {
        if (i) {
            g_string_append(out, ", ");
        }
        dump_temp(s, out, arg_temp(op->args[op->nb_oargs + i]));
    }
    g_string_append_printf(out, ") %s", flags[info->flags]);
}

static void dump_op(TCGContext *s, GString *out, const TCGOp *op)
{
    const TCGOpDef *def = &tcg_op_defs[op->opc];
    int nt = op->nb_oargs + op->nb_iargs;

    if (op->opc == INDEX_op_set_label) {
        g_string_append_printf(out, "L%d:", arg_label(op->args[0])->id);
        return;
    }
    if (op->opc == INDEX_op_call) {
        dump_call(s, out, op);
        return;
    }
    g_string_append_printf(out, " %s", def->name);
    if (nt) {
        g_string_append(out, op->type == TCG_TYPE_I32 ? "_i32" : "_i64");
    }
    g_string_append_c(out, ' ');
    for (int i = 0; i < nt; i++) {
        if (i) {
            g_string_append(out, ", ");
        }
        dump_temp(s, out, arg_temp(op->args[i]));
    }
    if (op->nb_cargs) {
        g_string_append(out, nt ? ", " : "");
        dump_consts(out, op, &op->args[nt]);
    }
}

void tcg_dump_ops(TCGContext *s, GString *out)
{
    for (guint i = 0; i < s->ops->len; i++) {
        const TCGOp *op = tcg_op_at(s, i);

        if (op->opc == INDEX_op_nop) {
            continue;
        }
        dump_op(s, out, op);
        if (op->life) {
            g_string_append(out, "  dead:");
            for (int k = 0; k < op->nb_oargs + op->nb_iargs; k++) {
                if (op->life & DEAD_ARG(k)) {
                    g_string_append_printf(out, " %d", k);
                }
            }
        }
        g_string_append_c(out, '\n');
    }
}
