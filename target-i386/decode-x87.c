/* SPDX-License-Identifier: MIT */
/*
 * The x87 escape opcodes D8-DF (Intel SDM Vol. 2D, A.4 "Escape Opcode
 * Instructions", Tables) as decoder rows. The one-byte map
 * sends all eight bytes to x86_group_x87, which picks a row by ModRM:
 * with a memory operand by ModRM.reg alone (the operand's size comes
 * from the row: m32fp, m64fp, m80fp, m16/32/64int, m80bcd, the 14/28-byte
 * environment, the 94/108-byte state), with mod = 3 by reg and, in the
 * irregular slots (D9 /2 /4-/7, DA /5, DB /4, DE /3, DF /4), by rm too.
 *
 * Register operands are X86_RC_ST registers, ST(i) relative to TOP. The
 * reserved-but-real aliases decode as the instructions they behave as
 * (SDM A.4.2 footnotes; they run that way on every Intel CPU since the
 * 387): DC D0+i FCOM, DC D8+i and DE D0+i FCOMP, DD C8+i and DF C8+i
 * FXCH, D9 D8+i, DF D0+i and DF D8+i FSTP.
 */
#include "target-i386/decode-internal.h"

/* FNSTSW AX's one fixed register. */
#define AX_w OPS(AM_GPR0 + 0, SZ_w)

/* ---- memory forms, by escape and ModRM.reg (Tables A-7 ... A-21) ---- */

static const X86OpRow x87_mem[8][8] = {
    [0] = {     /* D8: m32fp */
        OP1(FADD, M_d, 0), OP1(FMUL, M_d, 0), OP1(FCOM, M_d, 0),
        OP1(FCOMP, M_d, 0), OP1(FSUB, M_d, 0), OP1(FSUBR, M_d, 0),
        OP1(FDIV, M_d, 0), OP1(FDIVR, M_d, 0),
    },
    [1] = {     /* D9 */
        OP1(FLD, M_d, 0), INVALID, OP1(FST, M_d, 0), OP1(FSTP, M_d, 0),
        OP1(FLDENV, M_fenv, 0), OP1(FLDCW, M_w, 0),
        OP1(FNSTENV, M_fenv, 0), OP1(FNSTCW, M_w, 0),
    },
    [2] = {     /* DA: m32int */
        OP1(FIADD, M_d, 0), OP1(FIMUL, M_d, 0), OP1(FICOM, M_d, 0),
        OP1(FICOMP, M_d, 0), OP1(FISUB, M_d, 0), OP1(FISUBR, M_d, 0),
        OP1(FIDIV, M_d, 0), OP1(FIDIVR, M_d, 0),
    },
    [3] = {     /* DB */
        OP1(FILD, M_d, 0), OP1C(FISTTP, M_d, 0, SSE3), OP1(FIST, M_d, 0),
        OP1(FISTP, M_d, 0), INVALID, OP1(FLD, M_t, 0), INVALID,
        OP1(FSTP, M_t, 0),
    },
    [4] = {     /* DC: m64fp */
        OP1(FADD, M_q, 0), OP1(FMUL, M_q, 0), OP1(FCOM, M_q, 0),
        OP1(FCOMP, M_q, 0), OP1(FSUB, M_q, 0), OP1(FSUBR, M_q, 0),
        OP1(FDIV, M_q, 0), OP1(FDIVR, M_q, 0),
    },
    [5] = {     /* DD */
        OP1(FLD, M_q, 0), OP1C(FISTTP, M_q, 0, SSE3), OP1(FST, M_q, 0),
        OP1(FSTP, M_q, 0), OP1(FRSTOR, M_fsave, 0), INVALID,
        OP1(FNSAVE, M_fsave, 0), OP1(FNSTSW, M_w, 0),
    },
    [6] = {     /* DE: m16int */
        OP1(FIADD, M_w, 0), OP1(FIMUL, M_w, 0), OP1(FICOM, M_w, 0),
        OP1(FICOMP, M_w, 0), OP1(FISUB, M_w, 0), OP1(FISUBR, M_w, 0),
        OP1(FIDIV, M_w, 0), OP1(FIDIVR, M_w, 0),
    },
    [7] = {     /* DF */
        OP1(FILD, M_w, 0), OP1C(FISTTP, M_w, 0, SSE3), OP1(FIST, M_w, 0),
        OP1(FISTP, M_w, 0), OP1(FBLD, M_t, 0), OP1(FILD, M_q, 0),
        OP1(FBSTP, M_t, 0), OP1(FISTP, M_q, 0),
    },
};

/*
 * ---- register forms (mod = 3) whose row depends on reg only ----------
 * The irregular slots are INVALID here and come from x87_reg_rm below.
 * Note the DC/DE forms: reg 4/5 are FSUBR/FSUB and 6/7 FDIVR/FDIV, the
 * reverse of D8 (SDM Table ).
 */
static const X86OpRow x87_reg[8][8] = {
    [0] = {     /* D8 */
        OP2(FADD, ST0, STi, 0), OP2(FMUL, ST0, STi, 0), OP1(FCOM, STi, 0),
        OP1(FCOMP, STi, 0), OP2(FSUB, ST0, STi, 0), OP2(FSUBR, ST0, STi, 0),
        OP2(FDIV, ST0, STi, 0), OP2(FDIVR, ST0, STi, 0),
    },
    [1] = {     /* D9 */
        OP1(FLD, STi, 0), OP1(FXCH, STi, 0), INVALID, OP1(FSTP, STi, 0),
    },
    [2] = {     /* DA */
        OP2(FCMOVB, ST0, STi, 0), OP2(FCMOVE, ST0, STi, 0),
        OP2(FCMOVBE, ST0, STi, 0), OP2(FCMOVU, ST0, STi, 0),
    },
    [3] = {     /* DB */
        OP2(FCMOVNB, ST0, STi, 0), OP2(FCMOVNE, ST0, STi, 0),
        OP2(FCMOVNBE, ST0, STi, 0), OP2(FCMOVNU, ST0, STi, 0),
        INVALID, OP2(FUCOMI, ST0, STi, 0), OP2(FCOMI, ST0, STi, 0),
    },
    [4] = {     /* DC */
        OP2(FADD, STi, ST0, 0), OP2(FMUL, STi, ST0, 0), OP1(FCOM, STi, 0),
        OP1(FCOMP, STi, 0), OP2(FSUBR, STi, ST0, 0), OP2(FSUB, STi, ST0, 0),
        OP2(FDIVR, STi, ST0, 0), OP2(FDIV, STi, ST0, 0),
    },
    [5] = {     /* DD */
        OP1(FFREE, STi, 0), OP1(FXCH, STi, 0), OP1(FST, STi, 0),
        OP1(FSTP, STi, 0), OP1(FUCOM, STi, 0), OP1(FUCOMP, STi, 0),
    },
    [6] = {     /* DE */
        OP2(FADDP, STi, ST0, 0), OP2(FMULP, STi, ST0, 0), OP1(FCOMP, STi, 0),
        INVALID, OP2(FSUBRP, STi, ST0, 0), OP2(FSUBP, STi, ST0, 0),
        OP2(FDIVRP, STi, ST0, 0), OP2(FDIVP, STi, ST0, 0),
    },
    [7] = {     /* DF */
        OP1(FFREEP, STi, 0), OP1(FXCH, STi, 0), OP1(FSTP, STi, 0),
        OP1(FSTP, STi, 0), INVALID, OP2(FUCOMIP, ST0, STi, 0),
        OP2(FCOMIP, ST0, STi, 0),
    },
};

/* D9 E0-FF (SDM Table A-10): one instruction per byte. */
static const X86OpRow x87_d9_e0[32] = {
    [0x00] = OP0(FCHS, 0), [0x01] = OP0(FABS, 0),
    [0x04] = OP0(FTST, 0), [0x05] = OP0(FXAM, 0),
    [0x08] = OP0(FLD1, 0), [0x09] = OP0(FLDL2T, 0), [0x0a] = OP0(FLDL2E, 0),
    [0x0b] = OP0(FLDPI, 0), [0x0c] = OP0(FLDLG2, 0), [0x0d] = OP0(FLDLN2, 0),
    [0x0e] = OP0(FLDZ, 0),
    [0x10] = OP0(F2XM1, 0), [0x11] = OP0(FYL2X, 0), [0x12] = OP0(FPTAN, 0),
    [0x13] = OP0(FPATAN, 0), [0x14] = OP0(FXTRACT, 0),
    [0x15] = OP0(FPREM1, 0), [0x16] = OP0(FDECSTP, 0),
    [0x17] = OP0(FINCSTP, 0),
    [0x18] = OP0(FPREM, 0), [0x19] = OP0(FYL2XP1, 0), [0x1a] = OP0(FSQRT, 0),
    [0x1b] = OP0(FSINCOS, 0), [0x1c] = OP0(FRNDINT, 0),
    [0x1d] = OP0(FSCALE, 0), [0x1e] = OP0(FSIN, 0), [0x1f] = OP0(FCOS, 0),
};

/*
 * DB E0-E7 (SDM Table A-12): FNCLEX, FNINIT, and the 8087/287 leftovers
 * FNENI, FNDISI, FNSETPM, which a 387 or later executes as no-ops.
 */
static const X86OpRow x87_db_e0[8] = {
    OP0(FNENI, 0), OP0(FNDISI, 0), OP0(FNCLEX, 0), OP0(FNINIT, 0),
    OP0(FNSETPM, 0),
};

static const X86OpRow row_fnop = OP0(FNOP, 0);
static const X86OpRow row_fucompp = OP0(FUCOMPP, 0);
static const X86OpRow row_fcompp = OP0(FCOMPP, 0);
static const X86OpRow row_fnstsw_ax = OP1(FNSTSW, AX_w, 0);

/* The register forms that depend on rm as well (mod = 3). */
static const X86OpRow *x87_reg_rm(unsigned esc, unsigned reg, unsigned rm)
{
    switch (esc << 3 | reg) {
    case 1 << 3 | 2:                        /* D9 D0 */
        return rm == 0 ? &row_fnop : &x86_row_invalid;
    case 1 << 3 | 4: case 1 << 3 | 5:       /* D9 E0-FF */
    case 1 << 3 | 6: case 1 << 3 | 7:
        return &x87_d9_e0[(reg - 4) << 3 | rm];
    case 2 << 3 | 5:                        /* DA E9 */
        return rm == 1 ? &row_fucompp : &x86_row_invalid;
    case 3 << 3 | 4:                        /* DB E0-E7 */
        return &x87_db_e0[rm];
    case 6 << 3 | 3:                        /* DE D9 */
        return rm == 1 ? &row_fcompp : &x86_row_invalid;
    case 7 << 3 | 4:                        /* DF E0 */
        return rm == 0 ? &row_fnstsw_ax : &x86_row_invalid;
    }
    return &x86_row_invalid;
}

const X86OpRow *x86_group_x87(const X86DecodeState *s)
{
    unsigned esc = s->insn->opcode - 0xd8;
    const X86OpRow *row;

    if (s->mod != 3) {
        return &x87_mem[esc][s->reg];
    }
    row = &x87_reg[esc][s->reg];
    return row->kind == X86_ROW_INSN ? row : x87_reg_rm(esc, s->reg, s->rm);
}
