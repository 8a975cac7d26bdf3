/* SPDX-License-Identifier: MIT */
/*
 * The IR builder: tcg_gen_* append ops to the context's list. A temp's
 * width is part of the temp (TCG_TYPE_I32 or TCG_TYPE_I64), so there is
 * one builder per operation rather than _i32/_i64 pairs; operands of one
 * op must have the same type except in the explicit conversions
 * (tcg_gen_extu_i32_i64, tcg_gen_exts_i32_i64, tcg_gen_extrl_i64_i32).
 * The builders fold trivial cases as they emit: adding 0 is a mov,
 * and-ing 0 a movi, a branch on TCG_COND_ALWAYS a br.
 *
 * A TCGv is a handle, not a pointer: it names the n-th temp of whatever
 * context it is used with, so globals created in the same order in every
 * context share their handles.
 */
#ifndef TCG_TCG_OP_H
#define TCG_TCG_OP_H

#include "tcg/tcg.h"

typedef struct TCGvHandle *TCGv;

static inline TCGTemp *tcgv_temp(TCGContext *s, TCGv v)
{
    size_t idx = (uintptr_t)v - 1;

    g_assert(idx < (size_t)s->nb_temps);
    return &s->temps[idx];
}

static inline TCGv temp_tcgv(TCGContext *s, TCGTemp *ts)
{
    return (TCGv)(uintptr_t)(temp_idx(s, ts) + 1);
}

static inline TCGType tcgv_type(TCGContext *s, TCGv v)
{
    return tcgv_temp(s, v)->type;
}

/* ---- temps -------------------------------------------------------- */

/* The env pointer (a fixed TCG_TYPE_I64 temp). */
TCGv tcg_env(TCGContext *s);
TCGv tcg_global_mem_new(TCGContext *s, TCGType type, intptr_t offset,
                        const char *name);
/* A temp that dies at the end of its basic block (label or branch). */
TCGv tcg_temp_new(TCGContext *s, TCGType type);
/* A temp that keeps its value across labels and branches in the TB. */
TCGv tcg_temp_new_tb(TCGContext *s, TCGType type);
/* A new temp holding @val. */
TCGv tcg_const(TCGContext *s, TCGType type, uint64_t val);
/* Give a temp back for reuse; its value is dead from here on. */
void tcg_temp_free(TCGContext *s, TCGv v);

/* ---- moves and arithmetic ----------------------------------------- */

void tcg_gen_mov(TCGContext *s, TCGv d, TCGv a);
void tcg_gen_movi(TCGContext *s, TCGv d, uint64_t val);
void tcg_gen_add(TCGContext *s, TCGv d, TCGv a, TCGv b);
void tcg_gen_addi(TCGContext *s, TCGv d, TCGv a, int64_t b);
void tcg_gen_sub(TCGContext *s, TCGv d, TCGv a, TCGv b);
void tcg_gen_subi(TCGContext *s, TCGv d, TCGv a, int64_t b);
void tcg_gen_mul(TCGContext *s, TCGv d, TCGv a, TCGv b);
void tcg_gen_muli(TCGContext *s, TCGv d, TCGv a, int64_t b);
void tcg_gen_neg(TCGContext *s, TCGv d, TCGv a);
void tcg_gen_mulu2(TCGContext *s, TCGv lo, TCGv hi, TCGv a, TCGv b);
void tcg_gen_muls2(TCGContext *s, TCGv lo, TCGv hi, TCGv a, TCGv b);
/* The caller guarantees b != 0 and, for signed, not MIN / -1. */
void tcg_gen_divs(TCGContext *s, TCGv d, TCGv a, TCGv b);
void tcg_gen_divu(TCGContext *s, TCGv d, TCGv a, TCGv b);
void tcg_gen_rems(TCGContext *s, TCGv d, TCGv a, TCGv b);
void tcg_gen_remu(TCGContext *s, TCGv d, TCGv a, TCGv b);

void tcg_gen_and(TCGContext *s, TCGv d, TCGv a, TCGv b);
void tcg_gen_andi(TCGContext *s, TCGv d, TCGv a, int64_t b);
void tcg_gen_or(TCGContext *s, TCGv d, TCGv a, TCGv b);
void tcg_gen_ori(TCGContext *s, TCGv d, TCGv a, int64_t b);
void tcg_gen_xor(TCGContext *s, TCGv d, TCGv a, TCGv b);
void tcg_gen_xori(TCGContext *s, TCGv d, TCGv a, int64_t b);
void tcg_gen_not(TCGContext *s, TCGv d, TCGv a);
void tcg_gen_andc(TCGContext *s, TCGv d, TCGv a, TCGv b);

void tcg_gen_shl(TCGContext *s, TCGv d, TCGv a, TCGv b);
void tcg_gen_shli(TCGContext *s, TCGv d, TCGv a, unsigned b);
void tcg_gen_shr(TCGContext *s, TCGv d, TCGv a, TCGv b);
void tcg_gen_shri(TCGContext *s, TCGv d, TCGv a, unsigned b);
void tcg_gen_sar(TCGContext *s, TCGv d, TCGv a, TCGv b);
void tcg_gen_sari(TCGContext *s, TCGv d, TCGv a, unsigned b);
void tcg_gen_rotl(TCGContext *s, TCGv d, TCGv a, TCGv b);
void tcg_gen_rotli(TCGContext *s, TCGv d, TCGv a, unsigned b);
void tcg_gen_rotr(TCGContext *s, TCGv d, TCGv a, TCGv b);
void tcg_gen_rotri(TCGContext *s, TCGv d, TCGv a, unsigned b);

/* Extend the low 8/16/32 bits of a to d's width; a and d same type. */
void tcg_gen_ext8s(TCGContext *s, TCGv d, TCGv a);
void tcg_gen_ext8u(TCGContext *s, TCGv d, TCGv a);
void tcg_gen_ext16s(TCGContext *s, TCGv d, TCGv a);
void tcg_gen_ext16u(TCGContext *s, TCGv d, TCGv a);
void tcg_gen_ext32s(TCGContext *s, TCGv d, TCGv a);
void tcg_gen_ext32u(TCGContext *s, TCGv d, TCGv a);
/* Width conversions: d is I64 and a I32, or d I32 and a I64. */
void tcg_gen_extu_i32_i64(TCGContext *s, TCGv d, TCGv a);
void tcg_gen_exts_i32_i64(TCGContext *s, TCGv d, TCGv a);
void tcg_gen_extrl_i64_i32(TCGContext *s, TCGv d, TCGv a);

/* Swap the low 2/4/8 bytes; the result is zero-extended. */
void tcg_gen_bswap16(TCGContext *s, TCGv d, TCGv a);
void tcg_gen_bswap32(TCGContext *s, TCGv d, TCGv a);
void tcg_gen_bswap64(TCGContext *s, TCGv d, TCGv a);
/* Count leading / trailing zeros; b (or @def) when a is 0. */
void tcg_gen_clz(TCGContext *s, TCGv d, TCGv a, TCGv b);
void tcg_gen_clzi(TCGContext *s, TCGv d, TCGv a, uint64_t def);
void tcg_gen_ctz(TCGContext *s, TCGv d, TCGv a, TCGv b);
void tcg_gen_ctzi(TCGContext *s, TCGv d, TCGv a, uint64_t def);

/* Bit fields: d = a[ofs, ofs + len), zero- or sign-extended. */
void tcg_gen_extract(TCGContext *s, TCGv d, TCGv a, unsigned ofs,
                     unsigned len);
void tcg_gen_sextract(TCGContext *s, TCGv d, TCGv a, unsigned ofs,
                      unsigned len);
/* d = a with bits [ofs, ofs + len) replaced by the low bits of b. */
void tcg_gen_deposit(TCGContext *s, TCGv d, TCGv a, TCGv b, unsigned ofs,
                     unsigned len);

/* ---- conditions and control flow ---------------------------------- */

void tcg_gen_setcond(TCGContext *s, TCGCond c, TCGv d, TCGv a, TCGv b);
void tcg_gen_setcondi(TCGContext *s, TCGCond c, TCGv d, TCGv a, int64_t b);
/* d = (a c b) ? v1 : v2 */
void tcg_gen_movcond(TCGContext *s, TCGCond c, TCGv d, TCGv a, TCGv b,
                     TCGv v1, TCGv v2);
void tcg_gen_brcond(TCGContext *s, TCGCond c, TCGv a, TCGv b, TCGLabel *l);
void tcg_gen_brcondi(TCGContext *s, TCGCond c, TCGv a, int64_t b,
                     TCGLabel *l);
void tcg_gen_br(TCGContext *s, TCGLabel *l);
void tcg_gen_set_label(TCGContext *s, TCGLabel *l);

/* Leave the TB; tcg_exec returns @val. */
void tcg_gen_exit_tb(TCGContext *s, uintptr_t val);
/* Jump slot @n (0 or 1), patched to chain to another TB. */
void tcg_gen_goto_tb(TCGContext *s, unsigned n);
/* Jump to host code at @ptr, or return 0 from tcg_exec if it is 0. */
void tcg_gen_goto_ptr(TCGContext *s, TCGv ptr);
/* Start of a guest instruction; the data comes back in s->insns. */
void tcg_gen_insn_start(TCGContext *s, uint64_t d0, uint64_t d1);
/* The value of @v is no longer needed. */
void tcg_gen_discard(TCGContext *s, TCGv v);

/* ---- memory ------------------------------------------------------- */

/* Host loads/stores at base + offset; @size is 8, 16, 32 or 64. */
void tcg_gen_ld(TCGContext *s, TCGv d, TCGv base, intptr_t off);
void tcg_gen_ld8u(TCGContext *s, TCGv d, TCGv base, intptr_t off);
void tcg_gen_ld8s(TCGContext *s, TCGv d, TCGv base, intptr_t off);
void tcg_gen_ld16u(TCGContext *s, TCGv d, TCGv base, intptr_t off);
void tcg_gen_ld16s(TCGContext *s, TCGv d, TCGv base, intptr_t off);
void tcg_gen_ld32u(TCGContext *s, TCGv d, TCGv base, intptr_t off);
void tcg_gen_ld32s(TCGContext *s, TCGv d, TCGv base, intptr_t off);
void tcg_gen_st(TCGContext *s, TCGv v, TCGv base, intptr_t off);
void tcg_gen_st8(TCGContext *s, TCGv v, TCGv base, intptr_t off);
void tcg_gen_st16(TCGContext *s, TCGv v, TCGv base, intptr_t off);
void tcg_gen_st32(TCGContext *s, TCGv v, TCGv base, intptr_t off);

/* Guest memory through TCGGuestMemOps; d's type is the result width. */
void tcg_gen_guest_ld(TCGContext *s, TCGv d, TCGv addr, MemOp mop,
                      unsigned mmu_idx);
void tcg_gen_guest_st(TCGContext *s, TCGv v, TCGv addr, MemOp mop,
                      unsigned mmu_idx);

/* ---- helper calls ------------------------------------------------- */

/*
 * Call info->func with @nargs (≤ 6) integer arguments; @ret receives
 * its return value, or is NULL. Arguments of type I32 reach the helper
 * as 32-bit values (uint32_t / int32_t parameters).
 */
void tcg_gen_call(TCGContext *s, const TCGHelperInfo *info, TCGv ret,
                  int nargs, const TCGv *args);

#endif
