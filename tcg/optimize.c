/* SPDX-License-Identifier: MIT */
/*
 * The optimizer: one forward walk over each basic block that tracks, per
 * temp, a known constant value or the temp it is a copy of. With that it
 * replaces inputs by the oldest copy (copy propagation), puts the
 * constant input of a commutative op second, tracks the bits of each
 * temp known to be zero (so that an extension or a mask that changes
 * nothing becomes a copy), evaluates pure
 * ops whose inputs are all constant (constant folding: the op becomes a
 * movi), simplifies ops with an identity operand (x + 0, x * 1, x & x),
 * resolves conditional branches on constants, and deletes code that no
 * path reaches (after br, exit_tb or goto_ptr until the next label that
 * some branch targets), a br to the label that follows it and labels
 * nothing branches to, so their blocks merge. Knowledge is dropped at labels and
 * after calls that write globals.
 */
#include "tcg/tcg.h"

typedef struct TempInfo {
    bool is_const;
    uint64_t val;
    TCGTemp *copy_of;       /* oldest known copy, NULL if none */
    uint64_t known_zero;    /* bits known to be 0 (0: nothing known) */
    unsigned nb_copies;     /* temps whose copy_of is this one */
} TempInfo;

typedef struct OptContext {
    TCGContext *s;
    TempInfo *info;
} OptContext;

static TempInfo *ti(OptContext *c, TCGTemp *ts)
{
    return &c->info[temp_idx(c->s, ts)];
}

static uint64_t mask_type(TCGType type, uint64_t v)
{
    return type == TCG_TYPE_I32 ? (uint32_t)v : v;
}

static void reset_all(OptContext *c)
{
    memset(c->info, 0, sizeof(TempInfo) * c->s->nb_temps);
}

/* @ts gets a new value: it and everything copied from it forget. */
static void reset_temp(OptContext *c, TCGTemp *ts)
{
    TempInfo *t = ti(c, ts);

    for (int i = 0; t->nb_copies && i < c->s->nb_temps; i++) {
        if (c->info[i].copy_of == ts) {
            c->info[i].copy_of = NULL;
            t->nb_copies--;
        }
    }
    if (t->copy_of) {
        ti(c, t->copy_of)->nb_copies--;
    }
    *t = (TempInfo){ 0 };
}

static void reset_globals(OptContext *c)
{
    for (int i = 0; i < c->s->nb_globals; i++) {
        reset_temp(c, &c->s->temps[i]);
    }
}

static bool arg_const(OptContext *c, const TCGOp *op, int i, uint64_t *v)
{
    TempInfo *t = ti(c, arg_temp(op->args[i]));

    *v = t->val;
    return t->is_const;
}

/* ---- rewriting ops ------------------------------------------------ */

static void make_movi(OptContext *c, TCGOp *op, uint64_t val)
{
    TCGTemp *d = arg_temp(op->args[0]);

    val = mask_type(op->type, val);
    op->opc = INDEX_op_movi;
    op->nb_oargs = 1;
    op->nb_iargs = 0;
    op->nb_cargs = 1;
    op->args[1] = val;
    reset_temp(c, d);
    ti(c, d)->is_const = true;
    ti(c, d)->val = val;
    ti(c, d)->known_zero = ~val;
}

static void make_mov(OptContext *c, TCGOp *op, TCGTemp *src)
{
    TCGTemp *d = arg_temp(op->args[0]);
    uint64_t v;

    if (d == src) {
        tcg_op_remove(c->s, op);
        return;
    }
    if (ti(c, src)->is_const) {
        v = ti(c, src)->val;
        make_movi(c, op, v);
        return;
    }
    op->opc = INDEX_op_mov;
    op->nb_oargs = 1;
    op->nb_iargs = 1;
    op->nb_cargs = 0;
    op->args[1] = temp_arg(src);
    reset_temp(c, d);
    ti(c, d)->known_zero = ti(c, src)->known_zero;
    if (d->type == src->type && op->type == d->type) {
        TCGTemp *orig = ti(c, src)->copy_of ? ti(c, src)->copy_of : src;

        ti(c, d)->copy_of = orig;
        ti(c, orig)->nb_copies++;
    }
}

/* Inputs that are copies read the original instead. */
static void propagate_copies(OptContext *c, TCGOp *op)
{
    for (int i = op->nb_oargs; i < op->nb_oargs + op->nb_iargs; i++) {
        TCGTemp *ts = arg_temp(op->args[i]);
        TCGTemp *orig = ti(c, ts)->copy_of;

        if (orig && orig->type == ts->type) {
            op->args[i] = temp_arg(orig);
        }
    }
}

/* ---- evaluation --------------------------------------------------- */

static uint64_t rot(uint64_t x, unsigned n, unsigned bits, bool left)
{
    n &= bits - 1;
    if (n == 0) {
        return x;
    }
    if (!left) {
        n = bits - n;
    }
    return (x << n) | (x >> (bits - n));
}

static bool fold_value(TCGOpcode opc, TCGType type, uint64_t x, uint64_t y,
                       uint64_t *r)
{
    unsigned bits = type == TCG_TYPE_I32 ? 32 : 64;
    int64_t sx = type == TCG_TYPE_I32 ? (int32_t)x : (int64_t)x;

    x = mask_type(type, x);
    switch (opc) {
    case INDEX_op_add: *r = x + y; break;
    case INDEX_op_sub: *r = x - y; break;
    case INDEX_op_mul: *r = x * y; break;
    case INDEX_op_neg: *r = -x; break;
    case INDEX_op_and: *r = x & y; break;
    case INDEX_op_or: *r = x | y; break;
    case INDEX_op_xor: *r = x ^ y; break;
    case INDEX_op_not: *r = ~x; break;
    case INDEX_op_andc: *r = x & ~y; break;
    case INDEX_op_shl: *r = x << (y & (bits - 1)); break;
    case INDEX_op_shr: *r = x >> (y & (bits - 1)); break;
    case INDEX_op_sar: *r = sx >> (y & (bits - 1)); break;
    case INDEX_op_rotl: *r = rot(x, y, bits, true); break;
    case INDEX_op_rotr: *r = rot(x, y, bits, false); break;
    case INDEX_op_ext8s: *r = (int8_t)x; break;
    case INDEX_op_ext8u: *r = (uint8_t)x; break;
    case INDEX_op_ext16s: *r = (int16_t)x; break;
    case INDEX_op_ext16u: *r = (uint16_t)x; break;
    case INDEX_op_ext32s: *r = (int32_t)x; break;
    case INDEX_op_ext32u: *r = (uint32_t)x; break;
    case INDEX_op_bswap16: *r = __builtin_bswap16(x); break;
    case INDEX_op_bswap32: *r = __builtin_bswap32(x); break;
    case INDEX_op_bswap64: *r = __builtin_bswap64(x); break;
    case INDEX_op_clz:
        *r = x == 0 ? y : (uint64_t)__builtin_clzll(x) - (64 - bits);
        break;
    case INDEX_op_ctz: *r = x == 0 ? y : (uint64_t)__builtin_ctzll(x); break;
    default: return false;  /* mul2, div: left to the host */
    }
    *r = mask_type(type, *r);
    return true;
}

/* x OP identity, x OP x, x OP absorbing: true if the op was rewritten. */
static bool fold_identity(OptContext *c, TCGOp *op)
{
    TCGTemp *x = arg_temp(op->args[1]), *y;
    uint64_t v, ones = mask_type(op->type, -1);
    bool yc;

    if (op->nb_oargs != 1 || op->nb_iargs != 2 || op->nb_cargs) {
        return false;
    }
    y = arg_temp(op->args[2]);
    yc = arg_const(c, op, 2, &v);
    switch (op->opc) {
    case INDEX_op_add: case INDEX_op_or: case INDEX_op_xor:
    case INDEX_op_shl: case INDEX_op_shr: case INDEX_op_sar:
    case INDEX_op_rotl: case INDEX_op_rotr:
        if (yc && v == 0) {
            make_mov(c, op, x);
            return true;
        }
        break;
    case INDEX_op_sub:
        if (yc && v == 0) {
            make_mov(c, op, x);
            return true;
        }
        if (arg_const(c, op, 1, &v) && v == 0) {
            /* 0 - y: one neg (SBB's -CF, NEG) */
            op->opc = INDEX_op_neg;
            op->args[1] = op->args[2];
            op->nb_iargs = 1;
            return false;
        }
        break;
    case INDEX_op_mul:
        if (yc && (v == 0 || v == 1)) {
            v == 0 ? make_movi(c, op, 0) : make_mov(c, op, x);
            return true;
        }
        break;
    case INDEX_op_and:
        if (yc && (v == 0 || v == ones)) {
            v == 0 ? make_movi(c, op, 0) : make_mov(c, op, x);
            return true;
        }
        break;
    default:
        return false;
    }
    if (x == y) {
        switch (op->opc) {
        case INDEX_op_sub: case INDEX_op_xor: case INDEX_op_andc:
            make_movi(c, op, 0);
            return true;
        case INDEX_op_and: case INDEX_op_or:
            make_mov(c, op, x);
            return true;
        default:
            break;
        }
    }
    return false;
}

static bool fold_const(OptContext *c, TCGOp *op)
{
    uint64_t x = 0, y = 0, r;

    if (op->nb_oargs != 1 || op->nb_iargs > 2) {
        return false;
    }
    if (!arg_const(c, op, 1, &x) ||
        (op->nb_iargs == 2 && !arg_const(c, op, 2, &y))) {
        return false;
    }
    if (op->opc == INDEX_op_setcond) {
        make_movi(c, op, tcg_cond_eval(op->type, op->args[3], x, y));
        return true;
    }
    if (!fold_value(op->opc, op->type, x, y, &r)) {
        return false;
    }
    make_movi(c, op, r);
    return true;
}

static void fold_movcond(OptContext *c, TCGOp *op)
{
    uint64_t x, y;

    if (arg_const(c, op, 1, &x) && arg_const(c, op, 2, &y)) {
        bool t = tcg_cond_eval(op->type, op->args[5], x, y);

        make_mov(c, op, arg_temp(op->args[t ? 3 : 4]));
    }
}

/* A constant condition makes brcond a br or nothing. True if it is a br. */
static bool fold_brcond(OptContext *c, TCGOp *op)
{
    uint64_t x, y;
    TCGLabel *l = arg_label(op->args[3]);

    if (!arg_const(c, op, 0, &x) || !arg_const(c, op, 1, &y)) {
        return false;
    }
    if (!tcg_cond_eval(op->type, op->args[2], x, y)) {
        tcg_op_remove(c->s, op);
        return false;
    }
    op->opc = INDEX_op_br;
    op->nb_iargs = 0;
    op->nb_cargs = 1;
    op->args[0] = (TCGArg)l;
    return true;
}

/* ---- known zero bits --------------------------------------------- */

/* Bits of input @i that may be non-zero. */
static uint64_t arg_nz(OptContext *c, const TCGOp *op, int i)
{
    return ~ti(c, arg_temp(op->args[i]))->known_zero &
           mask_type(op->type, ~0ull);
}

/* The smallest all-ones mask covering @v. */
static uint64_t cover(uint64_t v)
{
    return v ? ~0ull >> __builtin_clzll(v) : 0;
}

/*
 * An extension or AND that keeps every bit its input may have is a copy
 * (the frontend extends operands it has already extended, often). True
 * if the op was rewritten.
 */
static bool fold_known_bits(OptContext *c, TCGOp *op)
{
    uint64_t keep, v;

    switch (op->opc) {
    case INDEX_op_ext8u: keep = 0xff; break;
    case INDEX_op_ext16u: keep = 0xffff; break;
    case INDEX_op_ext32u: keep = 0xffffffffull; break;
    case INDEX_op_ext8s: keep = 0x7f; break;
    case INDEX_op_ext16s: keep = 0x7fff; break;
    case INDEX_op_ext32s: keep = 0x7fffffffull; break;
    case INDEX_op_and:
        if (!arg_const(c, op, 2, &v)) {
            return false;
        }
        keep = v;
        break;
    default:
        return false;
    }
    if (arg_nz(c, op, 1) & ~keep) {
        return false;
    }
    make_mov(c, op, arg_temp(op->args[1]));
    return true;
}

/* What bits of @op's (first) output may be non-zero. */
static uint64_t op_nz(OptContext *c, const TCGOp *op)
{
    uint64_t all = mask_type(op->type, ~0ull), a, b, v;

    switch (op->opc) {
    case INDEX_op_ext8u: case INDEX_op_ld8u: return 0xff;
    case INDEX_op_ext16u: case INDEX_op_ld16u: return 0xffff;
    case INDEX_op_ext32u: case INDEX_op_ld32u: return 0xffffffffull;
    case INDEX_op_setcond: return 1;
    case INDEX_op_guest_ld:
        if (!(op->args[2] & MO_SIGN)) {
            return all & (~0ull >> (64 - (8 << (op->args[2] & MO_SIZE))));
        }
        return all;
    case INDEX_op_and:
        return arg_nz(c, op, 1) & arg_nz(c, op, 2);
    case INDEX_op_or: case INDEX_op_xor:
        return arg_nz(c, op, 1) | arg_nz(c, op, 2);
    case INDEX_op_shr:
        return arg_const(c, op, 2, &v) ? arg_nz(c, op, 1) >> (v & 63) : all;
    case INDEX_op_shl:
        return arg_const(c, op, 2, &v) ? (arg_nz(c, op, 1) << (v & 63)) & all
                                       : all;
    case INDEX_op_add:
        a = arg_nz(c, op, 1);
        b = arg_nz(c, op, 2);
        return cover(a | b) == all ? all : (cover(a | b) << 1 | 1) & all;
    default:
        return all;
    }
}

/* ---- the walk ----------------------------------------------------- */

static void opt_outputs(OptContext *c, TCGOp *op)
{
    for (int i = 0; i < op->nb_oargs; i++) {
        reset_temp(c, arg_temp(op->args[i]));
    }
}

static void opt_call(OptContext *c, TCGOp *op)
{
    const TCGHelperInfo *info =
        (const TCGHelperInfo *)op->args[op->nb_oargs + op->nb_iargs];

    if (info->flags == TCG_CALL_WRITES_GLOBALS) {
        reset_globals(c);
    }
    opt_outputs(c, op);
}

/*
 * A commutative op takes its constant input second, where the identity
 * folds look for it and where backends accept an immediate.
 */
static void canonicalize_commutative(OptContext *c, TCGOp *op)
{
    uint64_t v;

    switch (op->opc) {
    case INDEX_op_add: case INDEX_op_mul: case INDEX_op_and:
    case INDEX_op_or: case INDEX_op_xor:
        if (arg_const(c, op, 1, &v) && !arg_const(c, op, 2, &v)) {
            TCGArg t = op->args[1];

            op->args[1] = op->args[2];
            op->args[2] = t;
        }
        break;
    default:
        break;
    }
}

/* Returns true when the op ends reachable code (br, exit_tb, goto_ptr). */
static bool opt_op(OptContext *c, TCGOp *op)
{
    propagate_copies(c, op);
    canonicalize_commutative(c, op);
    switch (op->opc) {
    case INDEX_op_movi:
        make_movi(c, op, op->args[1]);
        return false;
    case INDEX_op_mov:
        make_mov(c, op, arg_temp(op->args[1]));
        return false;
    case INDEX_op_call:
        opt_call(c, op);
        return false;
    case INDEX_op_discard:
        reset_temp(c, arg_temp(op->args[0]));
        return false;
    case INDEX_op_movcond:
        fold_movcond(c, op);
        break;
    case INDEX_op_brcond:
        if (fold_brcond(c, op)) {
            return true;
        }
        break;
    case INDEX_op_br:
    case INDEX_op_exit_tb:
    case INDEX_op_goto_ptr:
        return true;
    default:
        if ((tcg_op_defs[op->opc].flags & TCG_OPF_PURE) &&
            (fold_const(c, op) || fold_identity(c, op) ||
             fold_known_bits(c, op))) {
            return false;
        }
        break;
    }
    if (op->opc != INDEX_op_nop && op->opc != INDEX_op_mov &&
        op->opc != INDEX_op_movi) {
        uint64_t nz = op->nb_oargs ? op_nz(c, op) : 0;

        opt_outputs(c, op);
        if (op->nb_oargs) {
            ti(c, arg_temp(op->args[0]))->known_zero = ~nz;
        }
    }
    if (op->opc != INDEX_op_nop &&
        (tcg_op_defs[op->opc].flags & TCG_OPF_BB_END)) {
        reset_all(c);
    }
    return false;
}

/*
 * A br straight to the label after it goes. A label no branch targets
 * goes too: the block simply continues (or stays unreachable). Returns
 * true if code after the label is reachable.
 */
static bool opt_label(OptContext *c, TCGOp *op, TCGOp *last,
                      bool unreachable)
{
    TCGLabel *l = arg_label(op->args[0]);

    if (last && last->opc == INDEX_op_br && arg_label(last->args[0]) == l) {
        tcg_op_remove(c->s, last);
        unreachable = false;
    }
    if (l->refs == 0) {
        tcg_op_remove(c->s, op);
        return !unreachable;
    }
    reset_all(c);
    return true;
}

void tcg_optimize(TCGContext *s)
{
    OptContext c = { .s = s, .info = g_new0(TempInfo, s->nb_temps) };
    bool unreachable = false;
    TCGOp *last = NULL;

    for (guint i = 0; i < s->ops->len; i++) {
        TCGOp *op = tcg_op_at(s, i);

        if (op->opc == INDEX_op_set_label) {
            unreachable = !opt_label(&c, op, last, unreachable);
        } else if (unreachable) {
            if (op->opc != INDEX_op_insn_start) {
                tcg_op_remove(s, op);
            }
            continue;
        } else {
            unreachable = opt_op(&c, op);
        }
        if (op->opc != INDEX_op_nop && op->opc != INDEX_op_insn_start) {
            last = op;
        }
    }
    tcg_ops_compact(s);
    g_free(c.info);
}
