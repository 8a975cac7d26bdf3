/* SPDX-License-Identifier: MIT */
/*
 * What the target-independent passes and a host backend tell each other,
 * private to tcg/. A backend provides one TCGTargetOp per op it emits —
 * operand constraints (one short string per output and input) and an
 * emitter — plus the few primitives the register allocator needs to move
 * values around (mov, movi, load, store, call).
 *
 * Constraint letters: 'r' any register, 'a' 'c' 'd' 'S' 'D' rax rcx rdx
 * rsi rdi, '0'..'3' the same register as that output (inputs only),
 * 'e' an immediate the backend takes sign-extended to 64 bits, 'i' any
 * immediate, '&' an output that must not share an input's register.
 */
#ifndef TCG_TCG_INTERNAL_H
#define TCG_TCG_INTERNAL_H

#include "tcg/tcg.h"
#include "tcg/x86_64/tcg-target.h"

enum {
    TCG_CT_CONST_S32 = 1 << 0,
    TCG_CT_CONST_ANY = 1 << 1,
};

typedef struct TCGArgConstraint {
    uint32_t regs;
    int8_t alias;           /* input: index of the output it becomes */
    uint8_t consts;         /* TCG_CT_CONST_* accepted */
    bool newreg;            /* output: no overlap with inputs */
} TCGArgConstraint;

/*
 * A dirty global the slow path of a guest memory op stores to env before
 * its call (the access may fault); the fast path leaves it in place.
 */
typedef struct TCGGlobalSync {
    intptr_t offset;            /* in env */
    TCGType type;
    bool is_const;
    TCGReg reg;                 /* unless is_const */
    uint64_t val;               /* if is_const */
} TCGGlobalSync;

/*
 * The out-of-line slow path of one guest_ld / guest_st, emitted after
 * the block's last op. The allocator fills in everything but the two
 * code addresses, which the fast-path emitter sets; the slow path stores
 * the dirty globals, saves @save_regs, calls the TCGGuestMemOps helper
 * with @cont as the return address it reports, puts a load's result in
 * @val_reg, restores and jumps back to @cont.
 */
typedef struct TCGLdstSlow {
    bool is_ld;
    TCGType val_type;
    MemOp memop;
    unsigned mmu_idx;
    TCGReg addr_reg;            /* zero-extended to 64 bits by then */
    TCGReg val_reg;             /* load: result; store: value */
    uint32_t save_regs;         /* call-clobbered regs live across the op */
    unsigned first_sync, nb_syncs;  /* in s->ldst_syncs */
    uint8_t *jmp_patch;         /* rel32 of the fast path's branch here */
    uint8_t *cont;              /* where the main path goes on */
} TCGLdstSlow;

/* The allocated operands of one op, indexed like op->args. */
typedef struct TCGOpArgs {
    TCGArg a[TCG_MAX_OP_ARGS];      /* register, or constant value */
    bool is_const[TCG_MAX_OP_ARGS];
    TCGReg scratch;                 /* guest_ld/st: a free register */
    TCGLdstSlow *ldst;              /* guest_ld/st: its slow path */
} TCGOpArgs;

typedef void TCGEmitFn(TCGContext *s, const TCGOp *op, const TCGOpArgs *a);

typedef struct TCGTargetOp {
    const char *ct[TCG_MAX_OP_ARGS];    /* outputs, then inputs */
    uint32_t clobbers;
    TCGEmitFn *emit;
} TCGTargetOp;

/* The backend's op table, NULL emit for ops it does not implement. */
const TCGTargetOp *tcg_target_op(TCGOpcode opc);
void tcg_target_parse_constraint(TCGArgConstraint *ct, const char *str);
bool tcg_target_const_match(uint64_t val, TCGType type, unsigned consts);

void tcg_target_gen_prologue(TCGContext *s);
void tcg_out_mov(TCGContext *s, TCGType type, TCGReg d, TCGReg a);
void tcg_out_movi(TCGContext *s, TCGType type, TCGReg d, uint64_t val);
void tcg_out_ld(TCGContext *s, TCGType type, TCGReg d, TCGReg base,
                intptr_t off);
void tcg_out_st(TCGContext *s, TCGType type, TCGReg v, TCGReg base,
                intptr_t off);
bool tcg_out_sti(TCGContext *s, TCGType type, uint64_t val, TCGReg base,
                 intptr_t off);
void tcg_out_call(TCGContext *s, const void *func);
/* The slow path of a guest memory op, at s->code_ptr. */
void tcg_target_out_ldst_slow(TCGContext *s, TCGLdstSlow *l);
/* Point the rel32 field at @where to @target (both in the write view). */
void tcg_target_patch_rel32(uint8_t *where, const uint8_t *target);

/* Registers in the order the allocator tries them. */
extern const TCGReg tcg_target_reg_alloc_order[];
extern const int tcg_target_nb_alloc_regs;
extern const TCGReg tcg_target_call_iarg_regs[TCG_MAX_CALL_ARGS];

/* Record that the rel32 at @where jumps to @l (patched now or at set_label). */
void tcg_out_label_ref(TCGContext *s, uint8_t *where, TCGLabel *l);

static inline void tcg_out8(TCGContext *s, uint8_t v)
{
    *s->code_ptr++ = v;
}

static inline void tcg_out16(TCGContext *s, uint16_t v)
{
    memcpy(s->code_ptr, &v, 2);
    s->code_ptr += 2;
}

static inline void tcg_out32(TCGContext *s, uint32_t v)
{
    memcpy(s->code_ptr, &v, 4);
    s->code_ptr += 4;
}

static inline void tcg_out64(TCGContext *s, uint64_t v)
{
    memcpy(s->code_ptr, &v, 8);
    s->code_ptr += 8;
}

#endif
