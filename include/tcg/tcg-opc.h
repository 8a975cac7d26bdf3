/* SPDX-License-Identifier: MIT */
/*
 * The list of IR ops: one DEF(name, outputs, inputs, consts, flags) row
 * per op. This file has no include guard on purpose: tcg.h includes it
 * to build the opcode enum and the TCGOpDef table, and the dumper, the
 * optimizer, liveness and the register allocator read that table, so an
 * op is added here once. Ops are not split by width: each op carries the
 * type of its operation (TCG_TYPE_I32 or TCG_TYPE_I64), set by the
 * builder from the types of its temps.
 *
 * Argument order in an op: outputs, then inputs, then constants.
 */

/* Bookkeeping; handled by the core, never by a backend emitter. */
DEF(nop, 0, 0, 0, TCG_OPF_NOT_PRESENT)
DEF(discard, 1, 0, 0, TCG_OPF_NOT_PRESENT)
DEF(insn_start, 0, 0, 2, TCG_OPF_NOT_PRESENT)
DEF(set_label, 0, 0, 1, TCG_OPF_BB_END | TCG_OPF_NOT_PRESENT)
DEF(mov, 1, 1, 0, TCG_OPF_NOT_PRESENT)
DEF(movi, 1, 0, 1, TCG_OPF_NOT_PRESENT)
/* call: outputs 0..1, inputs 0..6 set per op; const = TCGHelperInfo *. */
DEF(call, 0, 0, 1, TCG_OPF_CALL_CLOBBER | TCG_OPF_NOT_PRESENT)

/* Control flow. brcond: a, b; cond, label. */
DEF(br, 0, 0, 1, TCG_OPF_BB_END)
DEF(brcond, 0, 2, 2, TCG_OPF_BB_END | TCG_OPF_COND_BRANCH)
DEF(exit_tb, 0, 0, 1, TCG_OPF_BB_END | TCG_OPF_BB_EXIT)
DEF(goto_tb, 0, 0, 1, TCG_OPF_BB_END | TCG_OPF_BB_EXIT)
DEF(goto_ptr, 0, 1, 0, TCG_OPF_BB_END | TCG_OPF_BB_EXIT)

/* Comparisons. setcond: d = a cond b. movcond: d = (a cond b) ? v1 : v2. */
DEF(setcond, 1, 2, 1, TCG_OPF_PURE)
DEF(movcond, 1, 4, 1, TCG_OPF_PURE)

/* Host memory: base temp + constant offset (env fields, host structs). */
DEF(ld8u, 1, 1, 1, 0)
DEF(ld8s, 1, 1, 1, 0)
DEF(ld16u, 1, 1, 1, 0)
DEF(ld16s, 1, 1, 1, 0)
DEF(ld32u, 1, 1, 1, 0)
DEF(ld32s, 1, 1, 1, 0)
DEF(ld, 1, 1, 1, 0)
/* Stores: value, base; offset. */
DEF(st8, 0, 2, 1, TCG_OPF_SIDE_EFFECTS)
DEF(st16, 0, 2, 1, TCG_OPF_SIDE_EFFECTS)
DEF(st32, 0, 2, 1, TCG_OPF_SIDE_EFFECTS)
DEF(st, 0, 2, 1, TCG_OPF_SIDE_EFFECTS)

/* Arithmetic. */
DEF(add, 1, 2, 0, TCG_OPF_PURE)
DEF(sub, 1, 2, 0, TCG_OPF_PURE)
DEF(mul, 1, 2, 0, TCG_OPF_PURE)
DEF(neg, 1, 1, 0, TCG_OPF_PURE)
/* Double-width multiply: lo, hi = a * b. */
DEF(mulu2, 2, 2, 0, TCG_OPF_PURE)
DEF(muls2, 2, 2, 0, TCG_OPF_PURE)
/* Division: the generator guarantees a nonzero divisor and no overflow. */
DEF(divs, 1, 2, 0, TCG_OPF_PURE)
DEF(divu, 1, 2, 0, TCG_OPF_PURE)
DEF(rems, 1, 2, 0, TCG_OPF_PURE)
DEF(remu, 1, 2, 0, TCG_OPF_PURE)

/* Logic. andc: d = a & ~b. */
DEF(and, 1, 2, 0, TCG_OPF_PURE)
DEF(or, 1, 2, 0, TCG_OPF_PURE)
DEF(xor, 1, 2, 0, TCG_OPF_PURE)
DEF(not, 1, 1, 0, TCG_OPF_PURE)
DEF(andc, 1, 2, 0, TCG_OPF_PURE)

/* Shifts and rotates; the count is taken modulo the width. */
DEF(shl, 1, 2, 0, TCG_OPF_PURE)
DEF(shr, 1, 2, 0, TCG_OPF_PURE)
DEF(sar, 1, 2, 0, TCG_OPF_PURE)
DEF(rotl, 1, 2, 0, TCG_OPF_PURE)
DEF(rotr, 1, 2, 0, TCG_OPF_PURE)

/* Extensions of the low bits to the op's width. */
DEF(ext8s, 1, 1, 0, TCG_OPF_PURE)
DEF(ext8u, 1, 1, 0, TCG_OPF_PURE)
DEF(ext16s, 1, 1, 0, TCG_OPF_PURE)
DEF(ext16u, 1, 1, 0, TCG_OPF_PURE)
DEF(ext32s, 1, 1, 0, TCG_OPF_PURE)
DEF(ext32u, 1, 1, 0, TCG_OPF_PURE)

/* Byte swaps of the low 2/4/8 bytes, zero-extended to the op's width. */
DEF(bswap16, 1, 1, 0, TCG_OPF_PURE)
DEF(bswap32, 1, 1, 0, TCG_OPF_PURE)
DEF(bswap64, 1, 1, 0, TCG_OPF_PURE)
/* Leading / trailing zero count of a; b if a is zero. */
DEF(clz, 1, 2, 0, TCG_OPF_PURE)
DEF(ctz, 1, 2, 0, TCG_OPF_PURE)

/*
 * Guest memory: value, address; MemOp, mmu index. The backend emits the
 * inline TLB fast path (TCGTLBDesc) and an out-of-line call of
 * TCGGuestMemOps on a miss (reg_alloc_guest_mem in tcg/regalloc.c).
 * CALL_CLOBBER here only tells liveness that globals must be current in
 * env (the slow path may fault); the fast path clobbers nothing.
 */
DEF(guest_ld, 1, 1, 2, TCG_OPF_CALL_CLOBBER | TCG_OPF_SIDE_EFFECTS)
DEF(guest_st, 0, 2, 2, TCG_OPF_CALL_CLOBBER | TCG_OPF_SIDE_EFFECTS)
