/* SPDX-License-Identifier: MIT */
/*
 * Liveness: one backward walk over the op list. It deletes ops whose
 * results nobody reads (unless the op has side effects), and records in
 * op->life which arguments die at each op, so the register allocator
 * frees their registers and never stores a value that is dead.
 *
 * Where globals must be in memory follows from the same walk: a global
 * is live (needed in memory) at the end of every basic block and of the
 * TB, before a helper call that reads or writes globals and before guest
 * memory ops (which may fault). A write to a global that is overwritten
 * before any of those points is a dead computation and goes.
 * TB temps are live at basic-block ends if some op of the TB reads them
 * (one that nobody reads, like a cc_srcT the block never uses, is dead
 * everywhere and never stored to the frame); block temps die there. A block
 * temp still wanted at a block's end is read past it without having
 * been written there: the frontend broke the temp-kind rule of
 * docs/devel/tcg-ir.md, and the allocator would hand out a register whose
 * value is gone. That stops translation with the op named.
 */
#include "tcg/tcg.h"

enum { TS_DEAD = 0, TS_LIVE = 1 };

/* Globals are temps [0, nb_globals); the env pointer is fixed. */
static void la_globals_live(TCGContext *s)
{
    for (int i = 0; i < s->nb_globals; i++) {
        if (s->temps[i].kind == TEMP_GLOBAL) {
            s->temps[i].state = TS_LIVE;
        }
    }
}

/* State at a basic block boundary (a label, a branch, a TB exit). */
static void la_bb_end(TCGContext *s, bool tb_exit)
{
    la_globals_live(s);
    for (int i = s->nb_globals; i < s->nb_temps; i++) {
        TCGTemp *ts = &s->temps[i];

        if (ts->kind == TEMP_TB) {
            ts->state = tb_exit || !ts->read_in_tb ? TS_DEAD : TS_LIVE;
        } else if (ts->kind == TEMP_NORMAL) {
            ts->state = TS_DEAD;
        }
    }
}

/* Going backwards, at a basic-block end: no block temp may be live. */
static void la_check_block_temps(TCGContext *s, int op_index)
{
    for (int i = s->nb_globals; i < s->nb_temps; i++) {
        if (s->temps[i].kind == TEMP_NORMAL && s->temps[i].state != TS_DEAD) {
            g_error("tcg: tmp%d is read after the basic-block end at op %d "
                    "but written before it (a frontend bug: use a TB temp; "
                    "-d op shows the ops)", i, op_index);
        }
    }
}

static bool outputs_dead(const TCGOp *op)
{
    for (int i = 0; i < op->nb_oargs; i++) {
        if (arg_temp(op->args[i])->state != TS_DEAD) {
            return false;
        }
    }
    return true;
}

static bool op_removable(const TCGOp *op)
{
    const TCGOpDef *def = &tcg_op_defs[op->opc];

    if (op->opc == INDEX_op_call) {
        const TCGHelperInfo *info =
            (const TCGHelperInfo *)op->args[op->nb_oargs + op->nb_iargs];
        return info->flags == TCG_CALL_NO_SIDE_EFFECTS && outputs_dead(op);
    }
    if (def->flags & (TCG_OPF_SIDE_EFFECTS | TCG_OPF_BB_END)) {
        return false;
    }
    return op->nb_oargs > 0 && outputs_dead(op);
}

static bool op_syncs_globals(const TCGOp *op)
{
    if (op->opc == INDEX_op_call) {
        const TCGHelperInfo *info =
            (const TCGHelperInfo *)op->args[op->nb_oargs + op->nb_iargs];
        return info->flags != TCG_CALL_NO_SIDE_EFFECTS;
    }
    return tcg_op_defs[op->opc].flags & TCG_OPF_CALL_CLOBBER;
}

static void la_op(TCGContext *s, TCGOp *op, int op_index)
{
    const TCGOpDef *def = &tcg_op_defs[op->opc];
    uint16_t life = 0;

    for (int i = 0; i < op->nb_oargs; i++) {
        TCGTemp *ts = arg_temp(op->args[i]);

        if (ts->state == TS_DEAD) {
            life |= DEAD_ARG(i);
        }
        ts->state = TS_DEAD;
    }
    if (def->flags & TCG_OPF_BB_END) {
        la_check_block_temps(s, op_index);
        la_bb_end(s, def->flags & TCG_OPF_BB_EXIT);
    }
    if (op_syncs_globals(op)) {
        la_globals_live(s);
    }
    for (int i = op->nb_oargs; i < op->nb_oargs + op->nb_iargs; i++) {
        TCGTemp *ts = arg_temp(op->args[i]);

        if (ts->state == TS_DEAD && ts->kind != TEMP_FIXED) {
            life |= DEAD_ARG(i);
        }
        ts->state = TS_LIVE;
    }
    op->life = life;
}

/* Which TB temps are read at all (any op, any order: safe whatever the
 * branches do). */
static void la_find_tb_reads(TCGContext *s)
{
    for (int i = s->nb_globals; i < s->nb_temps; i++) {
        s->temps[i].read_in_tb = false;
    }
    for (unsigned i = 0; i < s->ops->len; i++) {
        TCGOp *op = tcg_op_at(s, i);

        if (op->opc == INDEX_op_insn_start || op->opc == INDEX_op_nop ||
            op->opc == INDEX_op_discard) {
            continue;
        }
        for (int a = op->nb_oargs; a < op->nb_oargs + op->nb_iargs; a++) {
            arg_temp(op->args[a])->read_in_tb = true;
        }
    }
}

void tcg_liveness(TCGContext *s)
{
    la_find_tb_reads(s);
    la_bb_end(s, true);
    s->env->state = TS_LIVE;

    for (int i = (int)s->ops->len - 1; i >= 0; i--) {
        TCGOp *op = tcg_op_at(s, i);

        switch (op->opc) {
        case INDEX_op_nop:
        case INDEX_op_insn_start:
            break;
        case INDEX_op_discard:
            arg_temp(op->args[0])->state = TS_DEAD;
            break;
        case INDEX_op_mulu2:
        case INDEX_op_muls2:
            /* Only the low half read (IMUL r, r/m with its flags dead):
             * a plain multiply, which leaves rAX and rDX to the
             * allocator. */
            if (arg_temp(op->args[1])->state == TS_DEAD &&
                arg_temp(op->args[0])->state != TS_DEAD) {
                op->opc = INDEX_op_mul;
                op->args[1] = op->args[2];
                op->args[2] = op->args[3];
                op->nb_oargs = 1;
            }
            /* fall through */
        default:
            if (op_removable(op)) {
                tcg_op_remove(s, op);
            } else {
                la_op(s, op, i);
            }
            break;
        }
    }
    tcg_ops_compact(s);
}
