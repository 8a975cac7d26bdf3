/* SPDX-License-Identifier: MIT */
/*
 * What the decoder's opcode tables are made of, shared by the engine
 * (decode.c) and the table files (decode-onebyte.c, decode-0f.c).
 *
 * A row describes one opcode in the letters of the Intel SDM's opcode map
 * (Vol. 2D, Appendix A.2): an addressing method (E, G, I, J, M, ...) and
 * a size (b, w, d, q, v, z, y, p, s, ...). E_b is "ModRM r/m, byte";
 * rAX_v is "AX/EAX/RAX by operand size". Flags say what is legal; the
 * engine does the fetching and checking, so a row is all an opcode needs.
 * Groups (the opcode extension in ModRM.reg) and prefix- or mode-selected
 * variants are small functions returning a row.
 */
#ifndef TARGET_I386_DECODE_INTERNAL_H
#define TARGET_I386_DECODE_INTERNAL_H

#include "target-i386/decode.h"

/* Addressing methods (SDM A.2.1), plus fixed registers. */
enum {
    AM_NONE,
    AM_E,       /* ModRM r/m: GPR or memory */
    AM_M,       /* ModRM r/m: memory only */
    AM_R,       /* ModRM r/m: GPR (the group checked mod == 3) */
    AM_RX,      /* ModRM r/m: GPR whatever mod says (MOV CR/DR) */
    AM_G,       /* ModRM reg: GPR */
    AM_S,       /* ModRM reg: segment register */
    AM_C,       /* ModRM reg: control register */
    AM_D,       /* ModRM reg: debug register */
    AM_V,       /* ModRM reg: XMM register */
    AM_W,       /* ModRM r/m: XMM register or memory */
    AM_U,       /* ModRM r/m: XMM register only */
    AM_P,       /* ModRM reg: MMX register */
    AM_Q,       /* ModRM r/m: MMX register or memory */
    AM_N,       /* ModRM r/m: MMX register only */
    AM_Z,       /* opcode bits 0-2 (+ REX.B): GPR */
    AM_I,       /* immediate */
    AM_IS,      /* immediate byte, sign-extended to the operand size */
    AM_ONE,     /* the constant 1 (shift by one) */
    AM_J,       /* relative offset */
    AM_A,       /* direct far address */
    AM_O,       /* memory offset of address size, no ModRM */
    AM_X,       /* DS:rSI */
    AM_Y,       /* ES:rDI */
    AM_GPR0,    /* a fixed GPR: AM_GPR0 + number */
    AM_SEG0 = AM_GPR0 + 8,  /* a fixed segment register */
    AM_ST0 = AM_SEG0 + 8,   /* x87: ST(0) */
    AM_STI,     /* x87: ST(i), i from ModRM r/m */
};

/* Operand sizes (SDM A.2.2). */
enum {
    SZ_NONE,
    SZ_b, SZ_w, SZ_d, SZ_q, SZ_dq,
    SZ_v,       /* operand size: 2, 4 or 8 */
    SZ_z,       /* 2 for 16-bit operand size, else 4 */
    SZ_y,       /* 8 for 64-bit operand size, else 4 */
    SZ_p,       /* far pointer: 2 + z (2 + 8 with REX.W) */
    SZ_s,       /* pseudo-descriptor: 6, or 10 in 64-bit mode */
    SZ_a,       /* BOUND pair: twice the operand size */
    SZ_wv,      /* Mw/Rv: 2 for memory, operand size for a register */
    SZ_t,       /* x87 80-bit: m80fp, m80bcd */
    SZ_fenv,    /* x87 environment: 14 (16-bit operand size) or 28 */
    SZ_fsave,   /* x87 state: 94 (16-bit operand size) or 108 */
    SZ_bd,      /* Mb/Rd: 1 for memory, 4 for a register */
    SZ_wd,      /* Mw/Rd: 2 for memory, 4 for a register */
};

#define OPS(am, sz) ((uint16_t)((am) << 8 | (sz)))
#define OPS_AM(spec) ((spec) >> 8)
#define OPS_SZ(spec) ((spec) & 0xff)

#define E_b OPS(AM_E, SZ_b)
#define E_w OPS(AM_E, SZ_w)
#define E_d OPS(AM_E, SZ_d)
#define E_v OPS(AM_E, SZ_v)
#define E_y OPS(AM_E, SZ_y)
#define Mw_Rv OPS(AM_E, SZ_wv)
#define M_none OPS(AM_M, SZ_NONE)
#define M_b OPS(AM_M, SZ_b)
#define M_w OPS(AM_M, SZ_w)
#define M_d OPS(AM_M, SZ_d)
#define M_q OPS(AM_M, SZ_q)
#define M_dq OPS(AM_M, SZ_dq)
#define M_y OPS(AM_M, SZ_y)
#define M_p OPS(AM_M, SZ_p)
#define M_s OPS(AM_M, SZ_s)
#define M_a OPS(AM_M, SZ_a)
#define R_v OPS(AM_R, SZ_v)
#define R_y OPS(AM_R, SZ_y)
#define Rx_y OPS(AM_RX, SZ_y)
#define G_b OPS(AM_G, SZ_b)
#define G_w OPS(AM_G, SZ_w)
#define G_d OPS(AM_G, SZ_d)
#define G_v OPS(AM_G, SZ_v)
#define G_y OPS(AM_G, SZ_y)
#define G_z OPS(AM_G, SZ_z)
#define S_w OPS(AM_S, SZ_w)
#define C_y OPS(AM_C, SZ_y)
#define D_y OPS(AM_D, SZ_y)
#define Z_b OPS(AM_Z, SZ_b)
#define Z_v OPS(AM_Z, SZ_v)
#define Z_y OPS(AM_Z, SZ_y)
#define I_b OPS(AM_I, SZ_b)
#define I_w OPS(AM_I, SZ_w)
#define I_z OPS(AM_I, SZ_z)
#define I_v OPS(AM_I, SZ_v)
#define I_bs OPS(AM_IS, SZ_v)
#define I_1 OPS(AM_ONE, SZ_b)
#define J_b OPS(AM_J, SZ_b)
#define J_z OPS(AM_J, SZ_z)
#define A_p OPS(AM_A, SZ_p)
#define O_b OPS(AM_O, SZ_b)
#define O_v OPS(AM_O, SZ_v)
#define X_b OPS(AM_X, SZ_b)
#define X_v OPS(AM_X, SZ_v)
#define X_z OPS(AM_X, SZ_z)
#define Y_b OPS(AM_Y, SZ_b)
#define Y_v OPS(AM_Y, SZ_v)
#define Y_z OPS(AM_Y, SZ_z)
#define AL OPS(AM_GPR0 + 0, SZ_b)
#define CL OPS(AM_GPR0 + 1, SZ_b)
#define DX OPS(AM_GPR0 + 2, SZ_w)
#define rAX_v OPS(AM_GPR0 + 0, SZ_v)
#define eAX_z OPS(AM_GPR0 + 0, SZ_z)
/* MMX and SSE: x is 16 bytes (SZ_dq); ss/sd memory operands are d/q. */
#define V_x OPS(AM_V, SZ_dq)
#define V_y OPS(AM_V, SZ_y)
#define W_x OPS(AM_W, SZ_dq)
#define W_q OPS(AM_W, SZ_q)
#define W_d OPS(AM_W, SZ_d)
#define W_w OPS(AM_W, SZ_w)
#define U_x OPS(AM_U, SZ_dq)
#define P_q OPS(AM_P, SZ_q)
#define P_y OPS(AM_P, SZ_y)
#define Q_q OPS(AM_Q, SZ_q)
#define Q_d OPS(AM_Q, SZ_d)
#define N_q OPS(AM_N, SZ_q)
#define M_v OPS(AM_M, SZ_v)
#define E_bd OPS(AM_E, SZ_bd)
#define E_wd OPS(AM_E, SZ_wd)
#define ST0 OPS(AM_ST0, SZ_t)
#define STi OPS(AM_STI, SZ_t)
#define M_t OPS(AM_M, SZ_t)
#define M_fenv OPS(AM_M, SZ_fenv)
#define M_fsave OPS(AM_M, SZ_fsave)
#define SEG_ES OPS(AM_SEG0 + X86_SEG_ES, SZ_w)
#define SEG_CS OPS(AM_SEG0 + X86_SEG_CS, SZ_w)
#define SEG_SS OPS(AM_SEG0 + X86_SEG_SS, SZ_w)
#define SEG_DS OPS(AM_SEG0 + X86_SEG_DS, SZ_w)
#define SEG_FS OPS(AM_SEG0 + X86_SEG_FS, SZ_w)
#define SEG_GS OPS(AM_SEG0 + X86_SEG_GS, SZ_w)

/* Short names for the tables. */
#define F_LOCK X86_F_LOCK
#define F_I64 X86_F_INV64
#define F_O64 X86_F_ONLY64
#define F_D64 X86_F_DEF64
#define F_F64 X86_F_FORCE64
#define F_REP X86_F_REP
#define F_REPC X86_F_REPC
#define F_OSZ X86_F_NAME_OSZ
#define F_ASZ X86_F_NAME_ASZ
#define F_WD X86_F_NAME_WD
#define F_MODRM X86_F_MODRM
#define F_MODE X86_F_OSZ_MODE
#define F_BR X86_F_BRANCH
#define F_IMM8 X86_F_IMM8
#define F_VEX X86_F_VEX

typedef enum X86RowKind {
    X86_ROW_INVALID,    /* reserved: #UD (also every unlisted slot) */
    X86_ROW_INSN,
    X86_ROW_GROUP,      /* fetch ModRM, then u.select picks the row */
    X86_ROW_SELECT,     /* u.select picks by prefix or mode, no ModRM */
    X86_ROW_ESCAPE,     /* u.map is the next opcode map */
    X86_ROW_PREFIX,     /* a prefix byte; the engine never looks it up */
    X86_ROW_NOTYET,     /* known but not decoded yet; u.why says what */
} X86RowKind;

typedef struct X86DecodeState X86DecodeState;
typedef struct X86OpRow X86OpRow;
typedef const X86OpRow *(*X86RowSelect)(const X86DecodeState *s);

struct X86OpRow {
    uint16_t mnemonic;
    uint8_t kind;
    uint8_t feature;
    uint32_t flags;
    uint16_t spec[X86_MAX_OPERANDS];
    union {
        X86RowSelect select;
        const X86OpRow *map;
        const char *why;
    } u;
};

/* What a group or select function may look at. */
struct X86DecodeState {
    X86Insn *insn;
    X86Mode mode;
    uint64_t features;
    uint8_t mod, reg, rm;   /* ModRM fields, 3 bits each, no REX */
};

static inline bool x86_rex_w(const X86DecodeState *s)
{
    return s->insn->rex & 8;
}

/* The mandatory-prefix choice of SDM 2.1.2: F3, F2, 66 or none. */
static inline bool x86_pfx_f3(const X86DecodeState *s)
{
    return s->insn->rep == X86_PFX_REPZ;
}

static inline bool x86_pfx_f2(const X86DecodeState *s)
{
    return s->insn->rep == X86_PFX_REPNZ;
}

static inline bool x86_pfx_66(const X86DecodeState *s)
{
    return s->insn->prefixes & X86_PFX_OPSIZE;
}

/* Table builders: each expands to one row initializer. */
#define OP0(m, fl) \
    { .mnemonic = X86_##m, .kind = X86_ROW_INSN, .flags = (fl) }
#define OP1(m, a, fl) \
    { .mnemonic = X86_##m, .kind = X86_ROW_INSN, .flags = (fl), \
      .spec = { a } }
#define OP2(m, a, b, fl) \
    { .mnemonic = X86_##m, .kind = X86_ROW_INSN, .flags = (fl), \
      .spec = { a, b } }
#define OP3(m, a, b, c, fl) \
    { .mnemonic = X86_##m, .kind = X86_ROW_INSN, .flags = (fl), \
      .spec = { a, b, c } }
/* The same, gated on a CPUID feature. */
#define OP0C(m, fl, feat) \
    { .mnemonic = X86_##m, .kind = X86_ROW_INSN, .flags = (fl), \
      .feature = X86_FEAT_##feat }
#define OP1C(m, a, fl, feat) \
    { .mnemonic = X86_##m, .kind = X86_ROW_INSN, .flags = (fl), \
      .spec = { a }, .feature = X86_FEAT_##feat }
#define OP2C(m, a, b, fl, feat) \
    { .mnemonic = X86_##m, .kind = X86_ROW_INSN, .flags = (fl), \
      .spec = { a, b }, .feature = X86_FEAT_##feat }
/* A condition-coded row: mnemonic P##O + cc. */
#define OP3C(m, a, b, c, fl, feat) \
    { .mnemonic = X86_##m, .kind = X86_ROW_INSN, .flags = (fl), \
      .spec = { a, b, c }, .feature = X86_FEAT_##feat }
#define OP4C(m, a, b, c, d, fl, feat) \
    { .mnemonic = X86_##m, .kind = X86_ROW_INSN, .flags = (fl), \
      .spec = { a, b, c, d }, .feature = X86_FEAT_##feat }
#define OPCC1(first, cc, a, fl) \
    { .mnemonic = (first) + (cc), .kind = X86_ROW_INSN, .flags = (fl), \
      .spec = { a } }
#define OPCC2(first, cc, a, b, fl, feat) \
    { .mnemonic = (first) + (cc), .kind = X86_ROW_INSN, .flags = (fl), \
      .spec = { a, b }, .feature = X86_FEAT_##feat }
#define GROUP(fn) { .kind = X86_ROW_GROUP, .u.select = (fn) }
#define SELECT(fn) { .kind = X86_ROW_SELECT, .u.select = (fn) }
#define ESCAPE(m) { .kind = X86_ROW_ESCAPE, .u.map = (m) }
#define PREFIX { .kind = X86_ROW_PREFIX }
#define INVALID { .kind = X86_ROW_INVALID }
/* Not yet decoded; fl says whether its length is known (MODRM, IMM8). */
#define NOTYET(reason, fl) \
    { .kind = X86_ROW_NOTYET, .flags = (fl), .u.why = (reason) }

extern const X86OpRow x86_map_onebyte[256];
extern const X86OpRow x86_map_0f[256];
extern const X86OpRow x86_map_0f38[256];
extern const X86OpRow x86_map_0f3a[256];
/* D8-DF (decode-x87.c): the row for the ModRM byte of insn->opcode. */
const X86OpRow *x86_group_x87(const X86DecodeState *s);

/* The rows groups return for "no instruction here". */
extern const X86OpRow x86_row_invalid;

#endif
