/* SPDX-License-Identifier: MIT */
/*
 * The x86-64 backend's ops: for each IR op, the operand constraints the
 * register allocator must meet and a small emitter. Two-address x86
 * arithmetic shows as an input constrained "0" (the output's register);
 * shift counts live in cl, mul/div results in rax:rdx.
 */
#include "tcg-target-enc.h"

void tcg_target_parse_constraint(TCGArgConstraint *ct, const char *str)
{
    *ct = (TCGArgConstraint){ .alias = -1 };
    for (const char *p = str ? str : ""; *p; p++) {
        switch (*p) {
        case 'r': ct->regs |= 0xffff; break;
        case 'a': ct->regs |= 1u << TCG_REG_RAX; break;
        case 'c': ct->regs |= 1u << TCG_REG_RCX; break;
        case 'd': ct->regs |= 1u << TCG_REG_RDX; break;
        case 'S': ct->regs |= 1u << TCG_REG_RSI; break;
        case 'D': ct->regs |= 1u << TCG_REG_RDI; break;
        case 'e': ct->consts |= TCG_CT_CONST_S32; break;
        case 'i': ct->consts |= TCG_CT_CONST_ANY; break;
        case '&': ct->newreg = true; break;
        case '0': case '1': case '2': case '3': ct->alias = *p - '0'; break;
        default: g_assert_not_reached();
        }
    }
}

bool tcg_target_const_match(uint64_t val, TCGType type, unsigned consts)
{
    if (consts & TCG_CT_CONST_ANY) {
        return true;
    }
    if (consts & TCG_CT_CONST_S32) {
        return type == TCG_TYPE_I32 || (int64_t)val == (int32_t)val;
    }
    return false;
}

static const uint8_t tcg_cond_to_jcc[] = {
    [TCG_COND_EQ] = JCC_JE, [TCG_COND_NE] = JCC_JNE,
    [TCG_COND_LT] = JCC_JL, [TCG_COND_GE] = JCC_JGE,
    [TCG_COND_LE] = JCC_JLE, [TCG_COND_GT] = JCC_JG,
    [TCG_COND_LTU] = JCC_JB, [TCG_COND_GEU] = JCC_JAE,
    [TCG_COND_LEU] = JCC_JBE, [TCG_COND_GTU] = JCC_JA,
};

#define R(i) ((TCGReg)a->a[i])

/* ---- arithmetic and logic ----------------------------------------- */

/* d = d OP b, where b is a register or an imm32. */
static void out_arith(TCGContext *s, const TCGOp *op, const TCGOpArgs *a,
                      int ext)
{
    if (a->is_const[2]) {
        tcg_out_arithi(s, op->type, ext, R(0), a->a[2]);
    } else {
        tcg_out_modrm(s, (OPC_ARITH_GvEv + (ext << 3)) | rexw(op->type),
                      R(0), R(2));
    }
}

/*
 * add and sub take three registers: in place when the output is the
 * first input, else LEA (base + index or base + disp32), which also
 * spares the copy a two-address form needs.
 */
static void emit_add(TCGContext *s, const TCGOp *op, const TCGOpArgs *a)
{
    int w = rexw(op->type);

    if (R(0) == R(1)) {
        out_arith(s, op, a, ARITH_ADD);
    } else if (a->is_const[2]) {
        tcg_out_modrm_offset(s, OPC_LEA | w, R(0), R(1), (int32_t)a->a[2]);
    } else if (R(2) == TCG_REG_RSP) {
        tcg_out_modrm_sib(s, OPC_LEA | w, R(0), R(2), R(1), 0);
    } else {
        tcg_out_modrm_sib(s, OPC_LEA | w, R(0), R(1), R(2), 0);
    }
}

static void emit_sub(TCGContext *s, const TCGOp *op, const TCGOpArgs *a)
{
    int w = rexw(op->type);

    if (R(0) == R(1)) {
        out_arith(s, op, a, ARITH_SUB);
    } else if (a->is_const[2] && (int32_t)a->a[2] != INT32_MIN) {
        tcg_out_modrm_offset(s, OPC_LEA | w, R(0), R(1), -(int32_t)a->a[2]);
    } else if (a->is_const[2]) {
        tcg_out_mov(s, op->type, R(0), R(1));
        out_arith(s, op, a, ARITH_SUB);
    } else if (R(0) == R(2)) {
        /* d = a - d: -d + a */
        tcg_out_modrm(s, OPC_GRP3_Ev | w, EXT3_NEG, R(0));
        tcg_out_modrm(s, (OPC_ARITH_GvEv + (ARITH_ADD << 3)) | w, R(0), R(1));
    } else {
        tcg_out_mov(s, op->type, R(0), R(1));
        out_arith(s, op, a, ARITH_SUB);
    }
}

static void emit_and(TCGContext *s, const TCGOp *op, const TCGOpArgs *a)
{
    out_arith(s, op, a, ARITH_AND);
}

static void emit_or(TCGContext *s, const TCGOp *op, const TCGOpArgs *a)
{
    out_arith(s, op, a, ARITH_OR);
}

static void emit_xor(TCGContext *s, const TCGOp *op, const TCGOpArgs *a)
{
    out_arith(s, op, a, ARITH_XOR);
}

static void emit_andc(TCGContext *s, const TCGOp *op, const TCGOpArgs *a)
{
    tcg_out_mov(s, op->type, TCG_TARGET_TMP_REG, R(2));
    tcg_out_modrm(s, OPC_GRP3_Ev | rexw(op->type), EXT3_NOT,
                  TCG_TARGET_TMP_REG);
    tcg_out_modrm(s, (OPC_ARITH_GvEv + (ARITH_AND << 3)) | rexw(op->type),
                  R(0), TCG_TARGET_TMP_REG);
}

static void emit_mul(TCGContext *s, const TCGOp *op, const TCGOpArgs *a)
{
    if (!a->is_const[2]) {
        tcg_out_modrm(s, OPC_IMUL_GvEv | rexw(op->type), R(0), R(2));
    } else if ((int32_t)a->a[2] == (int8_t)a->a[2]) {
        tcg_out_modrm(s, OPC_IMUL_GvEvIb | rexw(op->type), R(0), R(0));
        tcg_out8(s, a->a[2]);
    } else {
        tcg_out_modrm(s, OPC_IMUL_GvEvIz | rexw(op->type), R(0), R(0));
        tcg_out32(s, a->a[2]);
    }
}

static void emit_neg(TCGContext *s, const TCGOp *op, const TCGOpArgs *a)
{
    tcg_out_modrm(s, OPC_GRP3_Ev | rexw(op->type), EXT3_NEG, R(0));
}

static void emit_not(TCGContext *s, const TCGOp *op, const TCGOpArgs *a)
{
    tcg_out_modrm(s, OPC_GRP3_Ev | rexw(op->type), EXT3_NOT, R(0));
}

/* lo:hi in rax:rdx, a in rax. */
static void emit_mulu2(TCGContext *s, const TCGOp *op, const TCGOpArgs *a)
{
    tcg_out_modrm(s, OPC_GRP3_Ev | rexw(op->type), EXT3_MUL, R(3));
}

static void emit_muls2(TCGContext *s, const TCGOp *op, const TCGOpArgs *a)
{
    tcg_out_modrm(s, OPC_GRP3_Ev | rexw(op->type), EXT3_IMUL, R(3));
}

/* rdx:rax / b: quotient in rax, remainder in rdx. */
static void out_div(TCGContext *s, const TCGOp *op, const TCGOpArgs *a,
                    bool is_signed)
{
    if (is_signed) {
        tcg_out_opc(s, op->type == TCG_TYPE_I64 ? OPC_CQO : OPC_CDQ, 0, 0, 0);
    } else {
        tcg_out_movi(s, TCG_TYPE_I32, TCG_REG_RDX, 0);
    }
    tcg_out_modrm(s, OPC_GRP3_Ev | rexw(op->type),
                  is_signed ? EXT3_IDIV : EXT3_DIV, R(2));
}

static void emit_divs(TCGContext *s, const TCGOp *op, const TCGOpArgs *a)
{
    out_div(s, op, a, true);
}

static void emit_divu(TCGContext *s, const TCGOp *op, const TCGOpArgs *a)
{
    out_div(s, op, a, false);
}

/* ---- shifts ------------------------------------------------------- */

static void out_shift(TCGContext *s, const TCGOp *op, const TCGOpArgs *a,
                      int ext)
{
    if (a->is_const[2]) {
        unsigned mask = op->type == TCG_TYPE_I64 ? 63 : 31;

        tcg_out_modrm(s, OPC_SHIFT_Ib | rexw(op->type), ext, R(0));
        tcg_out8(s, a->a[2] & mask);
    } else {
        tcg_out_modrm(s, OPC_SHIFT_cl | rexw(op->type), ext, R(0));
    }
}

static void emit_shl(TCGContext *s, const TCGOp *op, const TCGOpArgs *a)
{
    out_shift(s, op, a, SHIFT_SHL);
}

static void emit_shr(TCGContext *s, const TCGOp *op, const TCGOpArgs *a)
{
    out_shift(s, op, a, SHIFT_SHR);
}

static void emit_sar(TCGContext *s, const TCGOp *op, const TCGOpArgs *a)
{
    out_shift(s, op, a, SHIFT_SAR);
}

static void emit_rotl(TCGContext *s, const TCGOp *op, const TCGOpArgs *a)
{
    out_shift(s, op, a, SHIFT_ROL);
}

static void emit_rotr(TCGContext *s, const TCGOp *op, const TCGOpArgs *a)
{
    out_shift(s, op, a, SHIFT_ROR);
}

/* ---- extensions --------------------------------------------------- */

static void emit_ext8s(TCGContext *s, const TCGOp *op, const TCGOpArgs *a)
{
    tcg_out_modrm(s, OPC_MOVSBL | P_REXB_RM | rexw(op->type), R(0), R(1));
}

static void emit_ext8u(TCGContext *s, const TCGOp *op, const TCGOpArgs *a)
{
    tcg_out_modrm(s, OPC_MOVZBL | P_REXB_RM, R(0), R(1));
}

static void emit_ext16s(TCGContext *s, const TCGOp *op, const TCGOpArgs *a)
{
    tcg_out_modrm(s, OPC_MOVSWL | rexw(op->type), R(0), R(1));
}

static void emit_ext16u(TCGContext *s, const TCGOp *op, const TCGOpArgs *a)
{
    tcg_out_modrm(s, OPC_MOVZWL, R(0), R(1));
}

static void emit_ext32s(TCGContext *s, const TCGOp *op, const TCGOpArgs *a)
{
    tcg_out_modrm(s, OPC_MOVSLQ, R(0), R(1));
}

/* A 32-bit mov zeroes bits 63:32, even onto itself. */
static void emit_ext32u(TCGContext *s, const TCGOp *op, const TCGOpArgs *a)
{
    tcg_out_modrm(s, OPC_MOVL_GvEv, R(0), R(1));
}

/* ---- byte swaps and bit counts ------------------------------------ */

static void emit_bswap16(TCGContext *s, const TCGOp *op, const TCGOpArgs *a)
{
    tcg_out_modrm(s, OPC_SHIFT_Ib | P_DATA16, SHIFT_ROL, R(0));
    tcg_out8(s, 8);
    tcg_out_modrm(s, OPC_MOVZWL, R(0), R(0));
}

/* A 32-bit bswap zeroes bits 63:32. */
static void emit_bswap32(TCGContext *s, const TCGOp *op, const TCGOpArgs *a)
{
    tcg_out_opc(s, OPC_BSWAP + (R(0) & 7), 0, R(0), 0);
}

static void emit_bswap64(TCGContext *s, const TCGOp *op, const TCGOpArgs *a)
{
    tcg_out_opc(s, (OPC_BSWAP + (R(0) & 7)) | P_REXW, 0, R(0), 0);
}

/* d holds the default b; bsf sets ZF for a zero input and leaves d. */
static void emit_ctz(TCGContext *s, const TCGOp *op, const TCGOpArgs *a)
{
    tcg_out_modrm(s, OPC_BSF | rexw(op->type), TCG_TARGET_TMP_REG, R(1));
    tcg_out_modrm(s, (OPC_CMOVCC + JCC_JNE) | rexw(op->type), R(0),
                  TCG_TARGET_TMP_REG);
}

/* clz = (width - 1) ^ bsr, skipped for a zero input (the xor sets flags). */
static void emit_clz(TCGContext *s, const TCGOp *op, const TCGOpArgs *a)
{
    uint8_t *skip;

    tcg_out_modrm(s, OPC_BSR | rexw(op->type), TCG_TARGET_TMP_REG, R(1));
    tcg_out8(s, OPC_JCC_short + JCC_JE);
    skip = s->code_ptr++;
    tcg_out_arithi(s, op->type, ARITH_XOR, TCG_TARGET_TMP_REG,
                   op->type == TCG_TYPE_I64 ? 63 : 31);
    tcg_out_mov(s, op->type, R(0), TCG_TARGET_TMP_REG);
    *skip = s->code_ptr - (skip + 1);
}

/* ---- comparisons and branches ------------------------------------- */

static void out_cmp(TCGContext *s, TCGType type, const TCGOpArgs *a, int i)
{
    if (a->is_const[i + 1]) {
        tcg_out_arithi(s, type, ARITH_CMP, R(i), a->a[i + 1]);
    } else {
        tcg_out_modrm(s, (OPC_ARITH_GvEv + (ARITH_CMP << 3)) | rexw(type),
                      R(i), R(i + 1));
    }
}

static void emit_setcond(TCGContext *s, const TCGOp *op, const TCGOpArgs *a)
{
    out_cmp(s, op->type, a, 1);
    tcg_out_modrm(s, OPC_SETCC + tcg_cond_to_jcc[a->a[3]], 0, R(0));
    tcg_out_modrm(s, OPC_MOVZBL | P_REXB_RM, R(0), R(0));
}

/* d (= v2) = cond ? v1 : d */
static void emit_movcond(TCGContext *s, const TCGOp *op, const TCGOpArgs *a)
{
    out_cmp(s, op->type, a, 1);
    tcg_out_modrm(s, (OPC_CMOVCC + tcg_cond_to_jcc[a->a[5]]) |
                  rexw(op->type), R(0), R(3));
}

static void emit_brcond(TCGContext *s, const TCGOp *op, const TCGOpArgs *a)
{
    out_cmp(s, op->type, a, 0);
    tcg_out_jxx_label(s, tcg_cond_to_jcc[a->a[2]], arg_label(a->a[3]));
}

static void emit_br(TCGContext *s, const TCGOp *op, const TCGOpArgs *a)
{
    tcg_out_jxx_label(s, -1, arg_label(a->a[0]));
}

static void emit_exit_tb(TCGContext *s, const TCGOp *op, const TCGOpArgs *a)
{
    if (a->a[0] == 0) {
        tcg_out_jxx_addr(s, -1, s->epilogue_ret0);
        return;
    }
    tcg_out_movi(s, TCG_TYPE_I64, TCG_REG_RAX, a->a[0]);
    tcg_out_jxx_addr(s, -1, s->epilogue);
}

/*
 * A jmp rel32 whose displacement is 4-byte aligned, so patching it is
 * one atomic store. Unpatched it jumps to the next instruction.
 */
static void emit_goto_tb(TCGContext *s, const TCGOp *op, const TCGOpArgs *a)
{
    unsigned n = a->a[0];

    while (((uintptr_t)s->code_ptr + 1) & 3) {
        tcg_out8(s, OPC_NOP);
    }
    tcg_out8(s, OPC_JMP_long);
    s->goto_tb_jmp_offset[n] = s->code_ptr - s->code_start;
    tcg_out32(s, 0);
    s->goto_tb_reset_offset[n] = s->code_ptr - s->code_start;
}

static void emit_goto_ptr(TCGContext *s, const TCGOp *op, const TCGOpArgs *a)
{
    tcg_out_modrm(s, OPC_TESTL | P_REXW, R(0), R(0));
    tcg_out_jxx_addr(s, JCC_JE, s->epilogue_ret0);
    tcg_out_modrm(s, OPC_GRP5, EXT5_JMPN_Ev, R(0));
}

/* ---- host loads and stores ---------------------------------------- */

static void out_ld(TCGContext *s, const TCGOpArgs *a, int opc)
{
    tcg_out_modrm_offset(s, opc, R(0), R(1), (intptr_t)a->a[2]);
}

static void emit_ld8u(TCGContext *s, const TCGOp *op, const TCGOpArgs *a)
{
    out_ld(s, a, OPC_MOVZBL);
}

static void emit_ld8s(TCGContext *s, const TCGOp *op, const TCGOpArgs *a)
{
    out_ld(s, a, OPC_MOVSBL | rexw(op->type));
}

static void emit_ld16u(TCGContext *s, const TCGOp *op, const TCGOpArgs *a)
{
    out_ld(s, a, OPC_MOVZWL);
}

static void emit_ld16s(TCGContext *s, const TCGOp *op, const TCGOpArgs *a)
{
    out_ld(s, a, OPC_MOVSWL | rexw(op->type));
}

static void emit_ld32u(TCGContext *s, const TCGOp *op, const TCGOpArgs *a)
{
    out_ld(s, a, OPC_MOVL_GvEv);
}

static void emit_ld32s(TCGContext *s, const TCGOp *op, const TCGOpArgs *a)
{
    out_ld(s, a, OPC_MOVSLQ);
}

static void emit_ld(TCGContext *s, const TCGOp *op, const TCGOpArgs *a)
{
    out_ld(s, a, OPC_MOVL_GvEv | rexw(op->type));
}

/* A register, or a constant as the instruction's immediate (@opci, of
 * @isize bytes) with no register. */
static void out_st(TCGContext *s, const TCGOpArgs *a, int opc, int opci,
                   int isize)
{
    if (!a->is_const[0]) {
        tcg_out_modrm_offset(s, opc, R(0), R(1), (intptr_t)a->a[2]);
        return;
    }
    tcg_out_modrm_offset(s, opci, 0, R(1), (intptr_t)a->a[2]);
    if (isize == 1) {
        tcg_out8(s, a->a[0]);
    } else if (isize == 2) {
        tcg_out16(s, a->a[0]);
    } else {
        tcg_out32(s, a->a[0]);
    }
}

static void emit_st8(TCGContext *s, const TCGOp *op, const TCGOpArgs *a)
{
    out_st(s, a, OPC_MOVB_EvGv | P_REXB_R, OPC_MOVB_EvIb, 1);
}

static void emit_st16(TCGContext *s, const TCGOp *op, const TCGOpArgs *a)
{
    out_st(s, a, OPC_MOVL_EvGv | P_DATA16, OPC_MOVL_EvIz | P_DATA16, 2);
}

static void emit_st32(TCGContext *s, const TCGOp *op, const TCGOpArgs *a)
{
    out_st(s, a, OPC_MOVL_EvGv, OPC_MOVL_EvIz, 4);
}

/* A 64-bit constant only when it is a sign-extended imm32 ('e'). */
static void emit_st(TCGContext *s, const TCGOp *op, const TCGOpArgs *a)
{
    out_st(s, a, OPC_MOVL_EvGv | rexw(op->type),
           OPC_MOVL_EvIz | rexw(op->type), 4);
}

/* ---- the table ---------------------------------------------------- */

#define RAX_RDX ((1u << TCG_REG_RAX) | (1u << TCG_REG_RDX))

static const TCGTargetOp x86_64_ops[NB_OPS] = {
    [INDEX_op_br] = { { NULL }, 0, emit_br },
    [INDEX_op_brcond] = { { "r", "re" }, 0, emit_brcond },
    [INDEX_op_exit_tb] = { { NULL }, 0, emit_exit_tb },
    [INDEX_op_goto_tb] = { { NULL }, 0, emit_goto_tb },
    [INDEX_op_goto_ptr] = { { "r" }, 0, emit_goto_ptr },
    [INDEX_op_setcond] = { { "r", "r", "re" }, 0, emit_setcond },
    [INDEX_op_movcond] = { { "r", "r", "re", "r", "0" }, 0, emit_movcond },

    [INDEX_op_ld8u] = { { "r", "r" }, 0, emit_ld8u },
    [INDEX_op_ld8s] = { { "r", "r" }, 0, emit_ld8s },
    [INDEX_op_ld16u] = { { "r", "r" }, 0, emit_ld16u },
    [INDEX_op_ld16s] = { { "r", "r" }, 0, emit_ld16s },
    [INDEX_op_ld32u] = { { "r", "r" }, 0, emit_ld32u },
    [INDEX_op_ld32s] = { { "r", "r" }, 0, emit_ld32s },
    [INDEX_op_ld] = { { "r", "r" }, 0, emit_ld },
    [INDEX_op_st8] = { { "ri", "r" }, 0, emit_st8 },
    [INDEX_op_st16] = { { "ri", "r" }, 0, emit_st16 },
    [INDEX_op_st32] = { { "ri", "r" }, 0, emit_st32 },
    [INDEX_op_st] = { { "re", "r" }, 0, emit_st },

    [INDEX_op_add] = { { "r", "r", "re" }, 0, emit_add },
    [INDEX_op_sub] = { { "r", "r", "re" }, 0, emit_sub },
    [INDEX_op_mul] = { { "r", "0", "re" }, 0, emit_mul },
    [INDEX_op_neg] = { { "r", "0" }, 0, emit_neg },
    [INDEX_op_mulu2] = { { "a", "d", "a", "r" }, 0, emit_mulu2 },
    [INDEX_op_muls2] = { { "a", "d", "a", "r" }, 0, emit_muls2 },
    [INDEX_op_divs] = { { "a", "a", "r" }, 1u << TCG_REG_RDX, emit_divs },
    [INDEX_op_divu] = { { "a", "a", "r" }, 1u << TCG_REG_RDX, emit_divu },
    [INDEX_op_rems] = { { "d", "a", "r" }, 1u << TCG_REG_RAX, emit_divs },
    [INDEX_op_remu] = { { "d", "a", "r" }, 1u << TCG_REG_RAX, emit_divu },

    [INDEX_op_and] = { { "r", "0", "re" }, 0, emit_and },
    [INDEX_op_or] = { { "r", "0", "re" }, 0, emit_or },
    [INDEX_op_xor] = { { "r", "0", "re" }, 0, emit_xor },
    [INDEX_op_not] = { { "r", "0" }, 0, emit_not },
    [INDEX_op_andc] = { { "r", "0", "r" }, 0, emit_andc },

    [INDEX_op_shl] = { { "r", "0", "ci" }, 0, emit_shl },
    [INDEX_op_shr] = { { "r", "0", "ci" }, 0, emit_shr },
    [INDEX_op_sar] = { { "r", "0", "ci" }, 0, emit_sar },
    [INDEX_op_rotl] = { { "r", "0", "ci" }, 0, emit_rotl },
    [INDEX_op_rotr] = { { "r", "0", "ci" }, 0, emit_rotr },

    [INDEX_op_bswap16] = { { "r", "0" }, 0, emit_bswap16 },
    [INDEX_op_bswap32] = { { "r", "0" }, 0, emit_bswap32 },
    [INDEX_op_bswap64] = { { "r", "0" }, 0, emit_bswap64 },
    [INDEX_op_clz] = { { "r", "r", "0" }, 0, emit_clz },
    [INDEX_op_ctz] = { { "r", "r", "0" }, 0, emit_ctz },

    [INDEX_op_ext8s] = { { "r", "r" }, 0, emit_ext8s },
    [INDEX_op_ext8u] = { { "r", "r" }, 0, emit_ext8u },
    [INDEX_op_ext16s] = { { "r", "r" }, 0, emit_ext16s },
    [INDEX_op_ext16u] = { { "r", "r" }, 0, emit_ext16u },
    [INDEX_op_ext32s] = { { "r", "r" }, 0, emit_ext32s },
    [INDEX_op_ext32u] = { { "r", "r" }, 0, emit_ext32u },

    /* The allocator adds a free register; see reg_alloc_guest_mem. */
    [INDEX_op_guest_ld] = { { "r", "r" }, 0, emit_guest_ld },
    [INDEX_op_guest_st] = { { "r", "r" }, 0, emit_guest_st },
};

const TCGTargetOp *tcg_target_op(TCGOpcode opc)
{
    return &x86_64_ops[opc];
}
