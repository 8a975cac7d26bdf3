/* SPDX-License-Identifier: MIT */
/*
 * Register allocation and code emission: one forward walk over the op
 * list after liveness. Each temp is dead, in a register, in memory (its
 * env field or a spill slot of the frame) or a known constant that
 * needs no register until an op wants one. For each op the allocator
 * satisfies the backend's constraints (fixed registers, an input that
 * becomes the output, an immediate), spills when registers run out,
 * calls the op's emitter and records where the results are. Globals and
 * TB temps go back to memory at basic-block ends; globals are stored
 * before calls, and reloaded after calls that write them. The
 * call-clobbered registers are emptied around every call. Guest memory
 * ops get an inline fast path and an out-of-line slow path emitted after
 * the block, which alone stores globals and saves registers.
 */
#include "tcg/tcg.h"
#include "tcg/tcg-code-buffer.h"
#include "tcg/tcg-internal.h"
#include "util/log.h"

#define ALL_REGS ((1u << TCG_TARGET_NB_REGS) - 1)
/* Room one op may take at most; below it the buffer counts as full. */
#define TCG_CODE_MARGIN 4096

/* ---- temps and registers ------------------------------------------ */

static TCGReg temp_base(const TCGTemp *ts)
{
    return ts->kind == TEMP_GLOBAL ? TCG_TARGET_ENV_REG
                                   : TCG_TARGET_FRAME_REG;
}

static void temp_alloc_frame(TCGContext *s, TCGTemp *ts)
{
    g_assert(s->frame_used + 8 <= TCG_TARGET_FRAME_SIZE);
    ts->mem_offset = s->frame_used;
    ts->mem_allocated = true;
    s->frame_used += 8;
}

/* Make the memory copy of @ts current. */
static void temp_sync(TCGContext *s, TCGTemp *ts)
{
    if (ts->kind == TEMP_FIXED || ts->mem_coherent) {
        return;
    }
    if (!ts->mem_allocated) {
        temp_alloc_frame(s, ts);
    }
    switch (ts->val_type) {
    case TEMP_VAL_REG:
        tcg_out_st(s, ts->type, ts->reg, temp_base(ts), ts->mem_offset);
        break;
    case TEMP_VAL_CONST:
        if (!tcg_out_sti(s, ts->type, ts->val, temp_base(ts),
                         ts->mem_offset)) {
            tcg_out_movi(s, ts->type, TCG_TARGET_TMP_REG, ts->val);
            tcg_out_st(s, ts->type, TCG_TARGET_TMP_REG, temp_base(ts),
                       ts->mem_offset);
        }
        break;
    default:
        break;
    }
    ts->mem_coherent = true;
}

static void temp_unmap(TCGContext *s, TCGTemp *ts)
{
    if (ts->val_type == TEMP_VAL_REG) {
        s->reg_to_temp[ts->reg] = NULL;
    }
}

/* Leave @ts in memory only. */
static void temp_spill(TCGContext *s, TCGTemp *ts)
{
    if (ts->kind == TEMP_FIXED) {
        return;
    }
    if (ts->val_type == TEMP_VAL_DEAD) {
        if (!ts->mem_allocated) {
            temp_alloc_frame(s, ts);
        }
        ts->mem_coherent = true;
    }
    temp_sync(s, ts);
    temp_unmap(s, ts);
    ts->val_type = TEMP_VAL_MEM;
}

/* The value of @ts is no longer needed. */
static void temp_dead(TCGContext *s, TCGTemp *ts)
{
    if (ts->kind == TEMP_FIXED) {
        return;
    }
    temp_unmap(s, ts);
    if (ts->kind == TEMP_GLOBAL) {
        ts->val_type = TEMP_VAL_MEM;
        ts->mem_coherent = true;
    } else {
        ts->val_type = TEMP_VAL_DEAD;
        ts->mem_coherent = false;
    }
}

static void reg_evict(TCGContext *s, TCGReg reg)
{
    TCGTemp *ts = s->reg_to_temp[reg];

    if (ts) {
        temp_spill(s, ts);
    }
}

/* A register from @allowed, spilling its occupant if none is free. */
static TCGReg reg_alloc(TCGContext *s, uint32_t allowed)
{
    allowed &= ~TCG_TARGET_RESERVED_REGS & ~s->locked_regs;
    g_assert(allowed != 0);
    for (int i = 0; i < tcg_target_nb_alloc_regs; i++) {
        TCGReg r = tcg_target_reg_alloc_order[i];

        if ((allowed & (1u << r)) && !s->reg_to_temp[r]) {
            return r;
        }
    }
    /* Cheapest to spill: a value memory already holds (no store). */
    for (int pass = 0; pass < 2; pass++) {
        for (int i = 0; i < tcg_target_nb_alloc_regs; i++) {
            TCGReg r = tcg_target_reg_alloc_order[i];

            if ((allowed & (1u << r)) &&
                (pass || s->reg_to_temp[r]->mem_coherent)) {
                reg_evict(s, r);
                return r;
            }
        }
    }
    g_assert_not_reached();
}

/* Copy the value of @ts into @reg without changing where @ts lives. */
static void temp_copy_to(TCGContext *s, TCGTemp *ts, TCGReg reg)
{
    switch (ts->val_type) {
    case TEMP_VAL_REG:
        if (ts->reg != reg) {
            tcg_out_mov(s, TCG_TYPE_I64, reg, ts->reg);
        }
        break;
    case TEMP_VAL_CONST:
        tcg_out_movi(s, ts->type, reg, ts->val);
        break;
    case TEMP_VAL_MEM:
        tcg_out_ld(s, ts->type, reg, temp_base(ts), ts->mem_offset);
        break;
    case TEMP_VAL_DEAD:
        break;
    }
}

static void temp_map(TCGContext *s, TCGTemp *ts, TCGReg reg)
{
    ts->val_type = TEMP_VAL_REG;
    ts->reg = reg;
    s->reg_to_temp[reg] = ts;
}

/* Bring @ts into a register of @allowed and keep it there. */
static TCGReg temp_load(TCGContext *s, TCGTemp *ts, uint32_t allowed)
{
    TCGReg reg;

    if (ts->val_type == TEMP_VAL_REG && (allowed & (1u << ts->reg))) {
        return ts->reg;
    }
    reg = reg_alloc(s, allowed);
    temp_copy_to(s, ts, reg);
    if (ts->kind == TEMP_FIXED) {
        return reg;
    }
    temp_unmap(s, ts);
    if (ts->val_type != TEMP_VAL_MEM && ts->val_type != TEMP_VAL_REG) {
        ts->mem_coherent = false;
    }
    temp_map(s, ts, reg);
    return reg;
}

/* The result of an op is in @reg. */
static void temp_set_reg(TCGContext *s, TCGTemp *ts, TCGReg reg)
{
    g_assert(ts->kind != TEMP_FIXED);
    temp_unmap(s, ts);
    temp_map(s, ts, reg);
    ts->mem_coherent = false;
}

static void temp_set_const(TCGContext *s, TCGTemp *ts, uint64_t val)
{
    g_assert(ts->kind != TEMP_FIXED);
    temp_unmap(s, ts);
    ts->val_type = TEMP_VAL_CONST;
    ts->val = ts->type == TCG_TYPE_I32 ? (uint32_t)val : val;
    ts->mem_coherent = false;
}

/* ---- basic blocks and calls --------------------------------------- */

/* Globals to memory; with @forget they are reloaded on next use. */
static void sync_globals(TCGContext *s, bool forget)
{
    for (int i = 0; i < s->nb_globals; i++) {
        TCGTemp *ts = &s->temps[i];

        if (forget) {
            temp_spill(s, ts);
        } else {
            temp_sync(s, ts);
        }
    }
}

/*
 * Everything that outlives the block goes to memory. At a label nothing
 * stays in a register, since other paths join there. At a conditional
 * branch (@fallthrough) the target sees memory as at any block end, but
 * the fall-through path goes on with the registers as they are, written
 * back and so coherent.
 */
static void bb_end(TCGContext *s, bool fallthrough)
{
    for (int i = 0; i < s->nb_temps; i++) {
        TCGTemp *ts = &s->temps[i];

        switch (ts->kind) {
        case TEMP_GLOBAL:
        case TEMP_TB:
            if (fallthrough && (ts->val_type == TEMP_VAL_REG ||
                                ts->val_type == TEMP_VAL_CONST)) {
                temp_sync(s, ts);
            } else {
                temp_spill(s, ts);
            }
            break;
        case TEMP_NORMAL:
            temp_dead(s, ts);
            break;
        case TEMP_FIXED:
            break;
        }
    }
}

/* An argument of a helper call: a temp or an immediate. */
typedef struct CallArg {
    TCGTemp *ts;
    uint64_t imm;
} CallArg;

/*
 * Call @func with @args; the result, if @ret, lands in @ret. @dead tells
 * which args (bit i) die here; @globals is the helper's TCGCallFlags.
 */
static void reg_alloc_call_common(TCGContext *s, const void *func,
                                  TCGTemp *ret, bool ret_dead,
                                  int nargs, const CallArg *args,
                                  uint32_t dead, TCGCallFlags globals)
{
    s->locked_regs = 0;
    for (int i = 0; i < nargs; i++) {
        TCGReg reg = tcg_target_call_iarg_regs[i];
        TCGTemp *ts = args[i].ts;

        if (!ts || ts->val_type != TEMP_VAL_REG || ts->reg != reg) {
            reg_evict(s, reg);
            if (ts) {
                temp_copy_to(s, ts, reg);
            } else {
                tcg_out_movi(s, TCG_TYPE_I64, reg, args[i].imm);
            }
        }
        s->locked_regs |= 1u << reg;
    }
    for (int i = 0; i < nargs; i++) {
        if (args[i].ts && (dead & (1u << i))) {
            temp_dead(s, args[i].ts);
        }
    }
    for (TCGReg r = 0; r < TCG_TARGET_NB_REGS; r++) {
        if (TCG_TARGET_CALL_CLOBBERS & (1u << r)) {
            reg_evict(s, r);
        }
    }
    if (globals != TCG_CALL_NO_SIDE_EFFECTS) {
        sync_globals(s, globals == TCG_CALL_WRITES_GLOBALS);
    }
    s->locked_regs = 0;
    tcg_out_call(s, func);
    if (ret) {
        temp_set_reg(s, ret, TCG_TARGET_CALL_RET_REG);
        if (ret_dead) {
            temp_dead(s, ret);
        }
    }
}

static void reg_alloc_call(TCGContext *s, const TCGOp *op)
{
    const TCGHelperInfo *info =
        (const TCGHelperInfo *)op->args[op->nb_oargs + op->nb_iargs];
    CallArg args[TCG_MAX_CALL_ARGS] = { 0 };
    uint32_t dead = op->life >> op->nb_oargs;

    for (int i = 0; i < op->nb_iargs; i++) {
        args[i].ts = arg_temp(op->args[op->nb_oargs + i]);
    }
    reg_alloc_call_common(s, info->func,
                          op->nb_oargs ? arg_temp(op->args[0]) : NULL,
                          op->life & DEAD_ARG(0), op->nb_iargs, args, dead,
                          info->flags);
}

/* ---- mov and movi ------------------------------------------------- */

static void reg_alloc_movi(TCGContext *s, const TCGOp *op)
{
    TCGTemp *ts = arg_temp(op->args[0]);

    temp_set_const(s, ts, op->args[1]);
    if (op->life & DEAD_ARG(0)) {
        temp_dead(s, ts);
    }
}

static void reg_alloc_mov(TCGContext *s, const TCGOp *op)
{
    TCGTemp *ots = arg_temp(op->args[0]);
    TCGTemp *ts = arg_temp(op->args[1]);
    TCGReg ireg, oreg;

    if (ts->val_type == TEMP_VAL_CONST) {
        temp_set_const(s, ots, ts->val);
    } else if ((op->life & DEAD_ARG(1)) && ts->val_type == TEMP_VAL_REG &&
               ts->kind != TEMP_FIXED) {
        ireg = ts->reg;
        temp_dead(s, ts);
        temp_set_reg(s, ots, ireg);
    } else {
        ireg = temp_load(s, ts, ALL_REGS);
        if (ots->val_type == TEMP_VAL_REG && ots->reg != ireg) {
            oreg = ots->reg;
        } else {
            s->locked_regs = 1u << ireg;
            oreg = reg_alloc(s, ALL_REGS);
            s->locked_regs = 0;
        }
        tcg_out_mov(s, op->type, oreg, ireg);
        temp_set_reg(s, ots, oreg);
        if (op->life & DEAD_ARG(1)) {
            temp_dead(s, ts);
        }
    }
    if (op->life & DEAD_ARG(0)) {
        temp_dead(s, ots);
    }
}

/* ---- ops with backend constraints --------------------------------- */

static bool single_reg(uint32_t regs)
{
    return regs && !(regs & (regs - 1));
}

/* Inputs with a fixed register first, so the others work around them. */
static void input_order(const TCGOp *op, const TCGArgConstraint *ct,
                        int *order)
{
    int n = 0;

    for (int pass = 0; pass < 2; pass++) {
        for (int i = op->nb_oargs; i < op->nb_oargs + op->nb_iargs; i++) {
            bool fixed = single_reg(ct[i].regs) && ct[i].alias < 0;

            if (fixed == (pass == 0)) {
                order[n++] = i;
            }
        }
    }
}

static void alloc_input(TCGContext *s, const TCGOp *op,
                        const TCGArgConstraint *ct, int k, uint32_t written,
                        TCGOpArgs *a)
{
    TCGTemp *ts = arg_temp(op->args[k]);
    uint32_t allowed = ct[k].alias >= 0 ? ct[ct[k].alias].regs : ct[k].regs;
    bool consumed = ct[k].alias >= 0 || (single_reg(allowed) &&
                                         (allowed & written));
    TCGReg reg;

    if (ts->val_type == TEMP_VAL_CONST &&
        tcg_target_const_match(ts->val, op->type, ct[k].consts)) {
        a->is_const[k] = true;
        a->a[k] = ts->val;
        return;
    }
    if (!consumed && (allowed & ~written)) {
        allowed &= ~written;
    }
    if (!consumed) {
        reg = temp_load(s, ts, allowed);
    } else if ((op->life & DEAD_ARG(k)) && ts->val_type == TEMP_VAL_REG &&
               ts->kind != TEMP_FIXED && (allowed & (1u << ts->reg)) &&
               !(s->locked_regs & (1u << ts->reg))) {
        reg = ts->reg;
    } else {
        reg = reg_alloc(s, allowed);
        temp_copy_to(s, ts, reg);
    }
    s->locked_regs |= 1u << reg;
    a->a[k] = reg;
}

/*
 * On entry s->locked_regs holds the registers outputs must not take:
 * inputs that stay live, the registers of aliased inputs and the fixed
 * output registers. @in_regs are all input registers, for '&' outputs.
 */
static void alloc_output(TCGContext *s, const TCGOp *op,
                         const TCGArgConstraint *ct, int k, uint32_t in_regs,
                         TCGOpArgs *a)
{
    TCGTemp *ts = arg_temp(op->args[k]);
    TCGReg reg = -1;

    for (int i = op->nb_oargs; i < op->nb_oargs + op->nb_iargs; i++) {
        if (ct[i].alias == k && !a->is_const[i]) {
            reg = a->a[i];
        }
    }
    if (reg < 0 && single_reg(ct[k].regs)) {
        reg = __builtin_ctz(ct[k].regs);
        reg_evict(s, reg);
    } else if (reg < 0) {
        uint32_t saved = s->locked_regs;

        if (ct[k].newreg) {
            s->locked_regs |= in_regs;
        }
        reg = reg_alloc(s, ct[k].regs);
        s->locked_regs = saved;
    }
    temp_set_reg(s, ts, reg);
    s->locked_regs |= 1u << reg;
    a->a[k] = reg;
}

/* The constraints of @op's temps, aliases resolved to their output's set. */
static uint32_t parse_constraints(const TCGOp *op, const TCGTargetOp *to,
                                  TCGArgConstraint *ct)
{
    int nb_t = op->nb_oargs + op->nb_iargs;
    uint32_t fixed_out = 0;

    for (int i = 0; i < nb_t; i++) {
        tcg_target_parse_constraint(&ct[i], to->ct[i]);
        if (i < op->nb_oargs && single_reg(ct[i].regs)) {
            fixed_out |= ct[i].regs;
        }
    }
    for (int i = op->nb_oargs; i < nb_t; i++) {
        if (ct[i].alias >= 0) {
            ct[i].regs = ct[ct[i].alias].regs;
        }
    }
    return fixed_out;
}

/*
 * Inputs into registers; empty the registers the op writes; free inputs
 * that die. Returns the registers outputs must leave alone.
 */
static uint32_t alloc_inputs(TCGContext *s, const TCGOp *op,
                             const TCGArgConstraint *ct, uint32_t written,
                             TCGOpArgs *a)
{
    int nb_o = op->nb_oargs, nb_t = op->nb_oargs + op->nb_iargs;
    int order[TCG_MAX_OP_ARGS];
    uint32_t keep = 0;

    s->locked_regs = 0;
    input_order(op, ct, order);
    for (int i = 0; i < op->nb_iargs; i++) {
        alloc_input(s, op, ct, order[i], written, a);
    }
    for (TCGReg r = 0; r < TCG_TARGET_NB_REGS; r++) {
        if ((written & (1u << r)) && !(s->locked_regs & (1u << r))) {
            reg_evict(s, r);
        }
    }
    for (int i = nb_o; i < nb_t; i++) {
        if (op->life & DEAD_ARG(i)) {
            temp_dead(s, arg_temp(op->args[i]));
        }
    }
    for (int i = nb_o; i < nb_t; i++) {
        if (!a->is_const[i] &&
            (ct[i].alias >= 0 || s->reg_to_temp[a->a[i]])) {
            keep |= 1u << a->a[i];
        }
    }
    return keep;
}

static void reg_alloc_op(TCGContext *s, const TCGOp *op)
{
    const TCGTargetOp *to = tcg_target_op(op->opc);
    TCGArgConstraint ct[TCG_MAX_OP_ARGS];
    int nb_o = op->nb_oargs, nb_t = op->nb_oargs + op->nb_iargs;
    uint32_t fixed_out, keep, in_regs;
    TCGOpArgs a = { 0 };

    g_assert(to->emit != NULL);
    fixed_out = parse_constraints(op, to, ct);
    keep = alloc_inputs(s, op, ct, to->clobbers | fixed_out, &a);
    in_regs = s->locked_regs;
    if (tcg_op_defs[op->opc].flags & TCG_OPF_BB_END) {
        bb_end(s, tcg_op_defs[op->opc].flags & TCG_OPF_COND_BRANCH);
    }
    s->locked_regs = keep | fixed_out | to->clobbers;
    for (int k = 0; k < nb_o; k++) {
        alloc_output(s, op, ct, k, in_regs, &a);
    }
    for (int i = nb_t; i < nb_t + op->nb_cargs; i++) {
        a.a[i] = op->args[i];
        a.is_const[i] = true;
    }
    to->emit(s, op, &a);
    s->locked_regs = 0;
    for (int k = 0; k < nb_o; k++) {
        if (op->life & DEAD_ARG(k)) {
            temp_dead(s, arg_temp(op->args[k]));
        }
    }
}

/* ---- guest memory ------------------------------------------------- */

/* The dirty globals, for the slow path to store (it may fault). */
static void ldst_note_syncs(TCGContext *s, TCGLdstSlow *l)
{
    l->first_sync = s->ldst_syncs->len;
    for (int i = 0; i < s->nb_globals; i++) {
        TCGTemp *ts = &s->temps[i];
        TCGGlobalSync g = { ts->mem_offset, ts->type, false, 0, ts->val };

        if (ts->kind == TEMP_FIXED || ts->mem_coherent) {
            continue;
        }
        if (ts->val_type == TEMP_VAL_REG) {
            g.reg = ts->reg;
        } else if (ts->val_type == TEMP_VAL_CONST) {
            g.is_const = true;
        } else {
            continue;
        }
        g_array_append_val(s->ldst_syncs, g);
    }
    l->nb_syncs = s->ldst_syncs->len - l->first_sync;
}

/*
 * guest_ld d, addr / guest_st v, addr: the backend's emitter puts out
 * the inline TLB fast path and a branch to a slow path that the walk
 * emits after the block's last op. The main path neither syncs globals
 * nor empties call-clobbered registers: the slow path stores the dirty
 * globals and saves the live call-clobbered registers around its call,
 * so allocator state is the same whichever path ran. The emitter gets
 * one free register besides the operands (a load's own output).
 */
static void reg_alloc_guest_mem(TCGContext *s, const TCGOp *op)
{
    const TCGTargetOp *to = tcg_target_op(op->opc);
    bool is_ld = op->opc == INDEX_op_guest_ld;
    TCGArgConstraint ct[TCG_MAX_OP_ARGS];
    TCGLdstSlow l = {
        .is_ld = is_ld, .val_type = op->type,
        .memop = op->args[2], .mmu_idx = op->args[3],
    };
    TCGOpArgs a = { 0 };
    TCGReg scratch;

    g_assert(to->emit != NULL && s->guest_mem.load && s->guest_mem.store);
    parse_constraints(op, to, ct);
    s->locked_regs = 0;
    for (int i = is_ld ? 1 : 0; i < 2; i++) {
        alloc_input(s, op, ct, i, 0, &a);
    }
    scratch = reg_alloc(s, ct[0].regs);
    s->locked_regs |= 1u << scratch;
    ldst_note_syncs(s, &l);
    for (int i = is_ld ? 1 : 0; i < 2; i++) {
        if (op->life & DEAD_ARG(i)) {
            temp_dead(s, arg_temp(op->args[i]));
        }
    }
    if (is_ld) {
        temp_set_reg(s, arg_temp(op->args[0]), scratch);
        a.a[0] = scratch;
    }
    l.addr_reg = a.a[1];
    l.val_reg = a.a[0];
    for (TCGReg r = 0; r < TCG_TARGET_NB_REGS; r++) {
        if ((TCG_TARGET_CALL_CLOBBERS & (1u << r)) && s->reg_to_temp[r] &&
            !(is_ld && r == scratch)) {
            l.save_regs |= 1u << r;
        }
    }
    a.a[2] = op->args[2];
    a.a[3] = op->args[3];
    a.is_const[2] = a.is_const[3] = true;
    a.scratch = scratch;
    g_array_append_val(s->ldst_slow, l);
    a.ldst = &g_array_index(s->ldst_slow, TCGLdstSlow, s->ldst_slow->len - 1);
    to->emit(s, op, &a);
    s->locked_regs = 0;
    if (is_ld && (op->life & DEAD_ARG(0))) {
        temp_dead(s, arg_temp(op->args[0]));
    }
}

/* ---- labels and the walk ------------------------------------------ */

void tcg_out_label_ref(TCGContext *s, uint8_t *where, TCGLabel *l)
{
    if (l->has_value) {
        tcg_target_patch_rel32(where, (const uint8_t *)l->value);
    } else {
        g_array_append_val(l->relocs, where);
    }
}

static void reg_alloc_label(TCGContext *s, TCGLabel *l)
{
    bb_end(s, false);
    l->has_value = true;
    l->value = (uintptr_t)s->code_ptr;
    for (guint i = 0; i < l->relocs->len; i++) {
        tcg_target_patch_rel32(g_array_index(l->relocs, uint8_t *, i),
                               s->code_ptr);
    }
    g_array_set_size(l->relocs, 0);
}

static void reg_alloc_insn_start(TCGContext *s, const TCGOp *op)
{
    TCGInsnRecord r = {
        .host_offset = s->code_ptr - s->code_start,
        .data = { op->args[0], op->args[1] },
    };

    g_array_append_val(s->insns, r);
}

static void reg_alloc_one(TCGContext *s, const TCGOp *op)
{
    switch (op->opc) {
    case INDEX_op_nop:
        break;
    case INDEX_op_discard:
        temp_dead(s, arg_temp(op->args[0]));
        break;
    case INDEX_op_insn_start:
        reg_alloc_insn_start(s, op);
        break;
    case INDEX_op_set_label:
        reg_alloc_label(s, arg_label(op->args[0]));
        break;
    case INDEX_op_mov:
        reg_alloc_mov(s, op);
        break;
    case INDEX_op_movi:
        reg_alloc_movi(s, op);
        break;
    case INDEX_op_call:
        reg_alloc_call(s, op);
        break;
    case INDEX_op_guest_ld:
    case INDEX_op_guest_st:
        reg_alloc_guest_mem(s, op);
        break;
    default:
        reg_alloc_op(s, op);
        break;
    }
}

/* Every temp starts where it lives between blocks. */
static void reg_alloc_start(TCGContext *s)
{
    memset(s->reg_to_temp, 0, sizeof(s->reg_to_temp));
    s->locked_regs = 0;
    s->frame_used = 0;
    for (int i = 0; i < s->nb_temps; i++) {
        TCGTemp *ts = &s->temps[i];

        switch (ts->kind) {
        case TEMP_FIXED:
            temp_map(s, ts, ts->reg);
            break;
        case TEMP_GLOBAL:
            ts->val_type = TEMP_VAL_MEM;
            ts->mem_coherent = true;
            break;
        default:
            ts->val_type = TEMP_VAL_DEAD;
            ts->mem_allocated = false;
            ts->mem_coherent = false;
            break;
        }
    }
    for (guint i = 0; i < s->labels->len; i++) {
        TCGLabel *l = g_ptr_array_index(s->labels, i);

        l->has_value = false;
        g_array_set_size(l->relocs, 0);
    }
    for (int n = 0; n < 2; n++) {
        s->goto_tb_jmp_offset[n] = TCG_NO_GOTO_TB;
        s->goto_tb_reset_offset[n] = TCG_NO_GOTO_TB;
    }
    g_array_set_size(s->insns, 0);
    g_array_set_size(s->ldst_slow, 0);
    g_array_set_size(s->ldst_syncs, 0);
}

/* -d op, -d op_opt: the op list under a heading. */
static void log_ops(TCGContext *s, unsigned item, const char *title)
{
    g_autoptr(GString) out = NULL;

    if (!log_enabled(item)) {
        return;
    }
    out = g_string_new(NULL);
    tcg_dump_ops(s, out);
    log_printf("%s:\n%s\n", title, out->str);
}

static void log_out_asm(TCGContext *s, const void *code, size_t size)
{
    g_autoptr(GString) out = NULL;

    if (!log_enabled(LOG_OUT_ASM)) {
        return;
    }
    out = g_string_new(NULL);
    tcg_disas(out, code, size);
    log_printf("OUT: [size=%zu]\n%s\n", size, out->str);
}

int tcg_gen_code(TCGContext *s, void **code)
{
    TCGCodeBuffer *b = s->buf;

    log_ops(s, LOG_OP, "OP");
    tcg_optimize(s);
    tcg_liveness(s);
    log_ops(s, LOG_OP_OPT, "OP after optimization and liveness");

    s->code_start = s->code_ptr = tcg_code_buffer_free_ptr(b);
    if (tcg_code_buffer_avail(b) < TCG_CODE_MARGIN) {
        return -1;
    }
    s->code_limit = b->rw + b->size - TCG_CODE_MARGIN;
    reg_alloc_start(s);
    for (guint i = 0; i < s->ops->len; i++) {
        reg_alloc_one(s, tcg_op_at(s, i));
        if (s->code_ptr > s->code_limit) {
            return -1;
        }
    }
    for (guint i = 0; i < s->ldst_slow->len; i++) {
        tcg_target_out_ldst_slow(s, &g_array_index(s->ldst_slow,
                                                   TCGLdstSlow, i));
        if (s->code_ptr > s->code_limit) {
            return -1;
        }
    }
    for (guint i = 0; i < s->labels->len; i++) {
        TCGLabel *l = g_ptr_array_index(s->labels, i);

        g_assert(l->relocs->len == 0);
    }
    *code = (void *)tcg_code_buffer_rx(b, s->code_start);
    log_out_asm(s, *code, s->code_ptr - s->code_start);
    return s->code_ptr - s->code_start;
}
