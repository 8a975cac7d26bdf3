/* SPDX-License-Identifier: MIT */
/*
 * The x86-64 instruction encoder shared by the backend's files: opcode
 * constants (Intel SDM vol. 2, chapter 2 and the instruction pages) and
 * the helpers that put out prefixes, REX, ModRM, SIB and displacements.
 */
#ifndef TCG_X86_64_TCG_TARGET_ENC_H
#define TCG_X86_64_TCG_TARGET_ENC_H

#include "tcg/tcg-internal.h"

/* Flags above the opcode byte. */
#define P_EXT       0x100   /* 0x0f escape */
#define P_REXW      0x200   /* 64-bit operand size */
#define P_DATA16    0x400   /* 0x66 operand-size prefix */
#define P_REXB_R    0x800   /* reg field is a byte register */
#define P_REXB_RM   0x1000  /* r/m field is a byte register */

#define OPC_ARITH_EvIz  0x81
#define OPC_ARITH_EvIb  0x83
#define OPC_ARITH_GvEv  0x03    /* + (ext << 3): reg = reg op r/m */
#define OPC_MOVB_EvGv   0x88
#define OPC_MOVL_EvGv   0x89
#define OPC_MOVL_GvEv   0x8b
#define OPC_MOVL_Iv     0xb8
#define OPC_MOVL_EvIz   0xc7
#define OPC_MOVB_EvIb   0xc6
#define OPC_MOVZBL      (0xb6 | P_EXT)
#define OPC_MOVZWL      (0xb7 | P_EXT)
#define OPC_MOVSBL      (0xbe | P_EXT)
#define OPC_MOVSWL      (0xbf | P_EXT)
#define OPC_MOVSLQ      (0x63 | P_REXW)
#define OPC_IMUL_GvEv   (0xaf | P_EXT)
#define OPC_IMUL_GvEvIb 0x6b
#define OPC_IMUL_GvEvIz 0x69
#define OPC_GRP3_Ev     0xf7
#define OPC_SHIFT_Ib    0xc1
#define OPC_SHIFT_cl    0xd3
#define OPC_SETCC       (0x90 | P_EXT | P_REXB_RM)
#define OPC_CMOVCC      (0x40 | P_EXT)
#define OPC_JCC_long    (0x80 | P_EXT)
#define OPC_JMP_long    0xe9
#define OPC_GRP5        0xff
#define OPC_TESTL       0x85
#define OPC_CQO         (0x99 | P_REXW)
#define OPC_CDQ         0x99
#define OPC_PUSH_r      0x50
#define OPC_POP_r       0x58
#define OPC_RET         0xc3
#define OPC_NOP         0x90
#define OPC_BSWAP       (0xc8 | P_EXT)
#define OPC_BSF         (0xbc | P_EXT)
#define OPC_BSR         (0xbd | P_EXT)
#define OPC_JCC_short   0x70
#define OPC_LEA         0x8d

/* ARITH group: the /ext of 0x81 / 0x83, the row of 0x03. */
enum { ARITH_ADD = 0, ARITH_OR = 1, ARITH_AND = 4, ARITH_SUB = 5,
       ARITH_XOR = 6, ARITH_CMP = 7 };
/* Group 3 (0xf7). */
enum { EXT3_NOT = 2, EXT3_NEG = 3, EXT3_MUL = 4, EXT3_IMUL = 5,
       EXT3_DIV = 6, EXT3_IDIV = 7 };
/* Group 2 shifts. */
enum { SHIFT_ROL = 0, SHIFT_ROR = 1, SHIFT_SHL = 4, SHIFT_SHR = 5,
       SHIFT_SAR = 7 };
/* Group 5 (0xff). */
enum { EXT5_CALLN_Ev = 2, EXT5_JMPN_Ev = 4 };

/* Condition codes of Jcc / SETcc / CMOVcc. */
enum { JCC_JO = 0, JCC_JB = 2, JCC_JAE = 3, JCC_JE = 4, JCC_JNE = 5,
       JCC_JBE = 6, JCC_JA = 7, JCC_JL = 0xc, JCC_JGE = 0xd, JCC_JLE = 0xe,
       JCC_JG = 0xf };

/* REX.W when the op is 64-bit. */
static inline int rexw(TCGType type)
{
    return type == TCG_TYPE_I64 ? P_REXW : 0;
}

void tcg_out_opc(TCGContext *s, int opc, int r, int rm, int x);
/* Register-direct ModRM: mod = 11. */
void tcg_out_modrm(TCGContext *s, int opc, int r, int rm);
/* [base + off] ModRM, with SIB for rsp/r12 and the shortest disp. */
void tcg_out_modrm_offset(TCGContext *s, int opc, int r, int base,
                          intptr_t off);
/* [base + index + off] ModRM with SIB, scale 1 (index is not rsp). */
void tcg_out_modrm_sib(TCGContext *s, int opc, int r, int base, int index,
                       intptr_t off);
/* op r, imm for ARITH_* (imm8 when it fits). */
void tcg_out_arithi(TCGContext *s, TCGType type, int ext, int r,
                    uint64_t imm);
/* Jcc / JMP rel32 (cc < 0: jmp) to be patched: returns the rel32 field. */
uint8_t *tcg_out_jxx(TCGContext *s, int cc);
/* Jcc / JMP rel32 to a label. */
void tcg_out_jxx_label(TCGContext *s, int cc, TCGLabel *l);
/* JMP / Jcc rel32 to a host address in the buffer (cc < 0: jmp). */
void tcg_out_jxx_addr(TCGContext *s, int cc, const uint8_t *target);

/* ldst.c: guest_ld / guest_st (inline TLB fast path). */
void emit_guest_ld(TCGContext *s, const TCGOp *op, const TCGOpArgs *a);
void emit_guest_st(TCGContext *s, const TCGOp *op, const TCGOpArgs *a);

#endif
