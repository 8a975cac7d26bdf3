/* SPDX-License-Identifier: MIT */
/*
 * The one-byte opcode map (Intel SDM Vol. 2D, Table A-2) as decoder rows,
 * with its groups (Table A-6: 1, 1A, 2, 3, 4, 5, 11) and the opcodes whose
 * meaning depends on the mode or a prefix (63 ARPL/MOVSXD, 90 NOP/PAUSE,
 * C4/C5 LES/LDS or VEX, 62 BOUND or EVEX); D8-DF lead to the x87 rows of
 * decode-x87.c. Prefix bytes are listed for
 * completeness; the engine consumes them before it looks anything up.
 * Slots left empty are reserved and decode as #UD.
 */
#include "target-i386/decode-internal.h"

/* ---- group 1: 80-83 ---------------------------------------------------- */

static const X86OpRow group1_80[8] = {
    OP2(ADD, E_b, I_b, F_LOCK), OP2(OR, E_b, I_b, F_LOCK),
    OP2(ADC, E_b, I_b, F_LOCK), OP2(SBB, E_b, I_b, F_LOCK),
    OP2(AND, E_b, I_b, F_LOCK), OP2(SUB, E_b, I_b, F_LOCK),
    OP2(XOR, E_b, I_b, F_LOCK), OP2(CMP, E_b, I_b, 0),
};

static const X86OpRow group1_81[8] = {
    OP2(ADD, E_v, I_z, F_LOCK), OP2(OR, E_v, I_z, F_LOCK),
    OP2(ADC, E_v, I_z, F_LOCK), OP2(SBB, E_v, I_z, F_LOCK),
    OP2(AND, E_v, I_z, F_LOCK), OP2(SUB, E_v, I_z, F_LOCK),
    OP2(XOR, E_v, I_z, F_LOCK), OP2(CMP, E_v, I_z, 0),
};

/* 82 is an alias of 80, gone in 64-bit mode. */
static const X86OpRow group1_82[8] = {
    OP2(ADD, E_b, I_b, F_LOCK | F_I64), OP2(OR, E_b, I_b, F_LOCK | F_I64),
    OP2(ADC, E_b, I_b, F_LOCK | F_I64), OP2(SBB, E_b, I_b, F_LOCK | F_I64),
    OP2(AND, E_b, I_b, F_LOCK | F_I64), OP2(SUB, E_b, I_b, F_LOCK | F_I64),
    OP2(XOR, E_b, I_b, F_LOCK | F_I64), OP2(CMP, E_b, I_b, F_I64),
};

static const X86OpRow group1_83[8] = {
    OP2(ADD, E_v, I_bs, F_LOCK), OP2(OR, E_v, I_bs, F_LOCK),
    OP2(ADC, E_v, I_bs, F_LOCK), OP2(SBB, E_v, I_bs, F_LOCK),
    OP2(AND, E_v, I_bs, F_LOCK), OP2(SUB, E_v, I_bs, F_LOCK),
    OP2(XOR, E_v, I_bs, F_LOCK), OP2(CMP, E_v, I_bs, 0),
};

static const X86OpRow *group1_op80(const X86DecodeState *s)
{
    return &group1_80[s->reg];
}

static const X86OpRow *group1_op81(const X86DecodeState *s)
{
    return &group1_81[s->reg];
}

static const X86OpRow *group1_op82(const X86DecodeState *s)
{
    return &group1_82[s->reg];
}

static const X86OpRow *group1_op83(const X86DecodeState *s)
{
    return &group1_83[s->reg];
}

/* ---- group 1A: 8F (the rest is AMD's XOP escape) ----------------------- */

static const X86OpRow row_pop_ev = OP1(POP, E_v, F_D64);

static const X86OpRow *group1a_op8f(const X86DecodeState *s)
{
    return s->reg == 0 ? &row_pop_ev : &x86_row_invalid;
}

/* ---- group 2: shifts and rotates; /6 is SAL, an alias of SHL ----------- */

#define SHIFT_GROUP(dst, src) {                                              \
    OP2(ROL, dst, src, 0), OP2(ROR, dst, src, 0), OP2(RCL, dst, src, 0),     \
    OP2(RCR, dst, src, 0), OP2(SHL, dst, src, 0), OP2(SHR, dst, src, 0),     \
    OP2(SAL, dst, src, 0), OP2(SAR, dst, src, 0),                            \
}

static const X86OpRow group2_c0[8] = SHIFT_GROUP(E_b, I_b);
static const X86OpRow group2_c1[8] = SHIFT_GROUP(E_v, I_b);
static const X86OpRow group2_d0[8] = SHIFT_GROUP(E_b, I_1);
static const X86OpRow group2_d1[8] = SHIFT_GROUP(E_v, I_1);
static const X86OpRow group2_d2[8] = SHIFT_GROUP(E_b, CL);
static const X86OpRow group2_d3[8] = SHIFT_GROUP(E_v, CL);

static const X86OpRow *group2_opc0(const X86DecodeState *s)
{
    return &group2_c0[s->reg];
}

static const X86OpRow *group2_opc1(const X86DecodeState *s)
{
    return &group2_c1[s->reg];
}

static const X86OpRow *group2_opd0(const X86DecodeState *s)
{
    return &group2_d0[s->reg];
}

static const X86OpRow *group2_opd1(const X86DecodeState *s)
{
    return &group2_d1[s->reg];
}

static const X86OpRow *group2_opd2(const X86DecodeState *s)
{
    return &group2_d2[s->reg];
}

static const X86OpRow *group2_opd3(const X86DecodeState *s)
{
    return &group2_d3[s->reg];
}

/* ---- group 3: F6/F7; /1 is an undocumented alias of TEST ---------------- */

static const X86OpRow group3_f6[8] = {
    OP2(TEST, E_b, I_b, 0), OP2(TEST, E_b, I_b, 0),
    OP1(NOT, E_b, F_LOCK), OP1(NEG, E_b, F_LOCK),
    OP1(MUL, E_b, 0), OP1(IMUL, E_b, 0), OP1(DIV, E_b, 0), OP1(IDIV, E_b, 0),
};

static const X86OpRow group3_f7[8] = {
    OP2(TEST, E_v, I_z, 0), OP2(TEST, E_v, I_z, 0),
    OP1(NOT, E_v, F_LOCK), OP1(NEG, E_v, F_LOCK),
    OP1(MUL, E_v, 0), OP1(IMUL, E_v, 0), OP1(DIV, E_v, 0), OP1(IDIV, E_v, 0),
};

static const X86OpRow *group3_opf6(const X86DecodeState *s)
{
    return &group3_f6[s->reg];
}

static const X86OpRow *group3_opf7(const X86DecodeState *s)
{
    return &group3_f7[s->reg];
}

/* ---- groups 4 and 5: FE, FF --------------------------------------------- */

static const X86OpRow group4_fe[8] = {
    OP1(INC, E_b, F_LOCK), OP1(DEC, E_b, F_LOCK),
};

static const X86OpRow group5_ff[8] = {
    OP1(INC, E_v, F_LOCK), OP1(DEC, E_v, F_LOCK),
    OP1(CALL, E_v, F_F64 | F_BR), OP1(CALLF, M_p, F_BR),
    OP1(JMP, E_v, F_F64 | F_BR), OP1(JMPF, M_p, F_BR),
    OP1(PUSH, E_v, F_D64),
};

static const X86OpRow *group4_opfe(const X86DecodeState *s)
{
    return &group4_fe[s->reg];
}

static const X86OpRow *group5_opff(const X86DecodeState *s)
{
    return &group5_ff[s->reg];
}

/* ---- group 11: C6/C7 MOV, and RTM's XABORT/XBEGIN at /7 mod=3 rm=0 ------ */

static const X86OpRow row_mov_eb_ib = OP2(MOV, E_b, I_b, 0);
static const X86OpRow row_mov_ev_iz = OP2(MOV, E_v, I_z, 0);
static const X86OpRow row_xabort = OP1C(XABORT, I_b, 0, RTM);
static const X86OpRow row_xbegin = OP1C(XBEGIN, J_z, F_BR, RTM);

static const X86OpRow *group11_opc6(const X86DecodeState *s)
{
    if (s->reg == 0) {
        return &row_mov_eb_ib;
    }
    return s->reg == 7 && s->mod == 3 && s->rm == 0 ? &row_xabort
                                                    : &x86_row_invalid;
}

static const X86OpRow *group11_opc7(const X86DecodeState *s)
{
    if (s->reg == 0) {
        return &row_mov_ev_iz;
    }
    return s->reg == 7 && s->mod == 3 && s->rm == 0 ? &row_xbegin
                                                    : &x86_row_invalid;
}

/* ---- opcodes that depend on the mode or a prefix ----------------------- */

static const X86OpRow row_evex = NOTYET("EVEX-encoded (AVX-512)", F_VEX);
static const X86OpRow row_vex = NOTYET("VEX-encoded (AVX)", F_VEX);
static const X86OpRow row_bound = OP2(BOUND, G_v, M_a, F_I64);
static const X86OpRow row_les = OP2(LES, G_z, M_p, F_I64);
static const X86OpRow row_lds = OP2(LDS, G_z, M_p, F_I64);

/* SDM 2.3 / 2.6: in 64-bit mode, or with mod=3, 62 and C4/C5 are escapes. */
static const X86OpRow *op62_bound(const X86DecodeState *s)
{
    if (s->mode == X86_MODE_64 || s->mod == 3) {
        return &row_evex;
    }
    return &row_bound;
}

static const X86OpRow *opc4_les(const X86DecodeState *s)
{
    if (s->mode == X86_MODE_64 || s->mod == 3) {
        return &row_vex;
    }
    return &row_les;
}

static const X86OpRow *opc5_lds(const X86DecodeState *s)
{
    if (s->mode == X86_MODE_64 || s->mod == 3) {
        return &row_vex;
    }
    return &row_lds;
}

static const X86OpRow row_arpl = OP2(ARPL, E_w, G_w, 0);
static const X86OpRow row_movsxd = OP2(MOVSXD, G_v, E_d, 0);

static const X86OpRow *op63_arpl(const X86DecodeState *s)
{
    return s->mode == X86_MODE_64 ? &row_movsxd : &row_arpl;
}

static const X86OpRow row_nop = OP0(NOP, 0);
static const X86OpRow row_pause = OP0(PAUSE, 0);
static const X86OpRow row_xchg_r8 = OP2(XCHG, Z_v, rAX_v, 0);

/* 90 is NOP, F3 90 PAUSE, and with REX.B an XCHG of R8 with rAX. */
static const X86OpRow *op90_nop(const X86DecodeState *s)
{
    if (s->insn->rex & 1) {
        return &row_xchg_r8;
    }
    return x86_pfx_f3(s) ? &row_pause : &row_nop;
}

/* MOV Sreg, Ew: loading CS this way is #UD (SDM Vol. 2B, MOV). */
static const X86OpRow row_mov_sw_ew = OP2(MOV, S_w, E_w, 0);

static const X86OpRow *op8e_mov_sreg(const X86DecodeState *s)
{
    return s->reg == X86_SEG_CS ? &x86_row_invalid : &row_mov_sw_ew;
}

/* LAHF/SAHF exist in 64-bit mode only with CPUID.80000001H:ECX.LAHF. */
static const X86OpRow row_sahf = OP0(SAHF, 0);
static const X86OpRow row_lahf = OP0(LAHF, 0);
static const X86OpRow row_sahf64 = OP0C(SAHF, 0, LAHF64);
static const X86OpRow row_lahf64 = OP0C(LAHF, 0, LAHF64);

static const X86OpRow *op9e_sahf(const X86DecodeState *s)
{
    return s->mode == X86_MODE_64 ? &row_sahf64 : &row_sahf;
}

static const X86OpRow *op9f_lahf(const X86DecodeState *s)
{
    return s->mode == X86_MODE_64 ? &row_lahf64 : &row_lahf;
}

/* ---- the map ------------------------------------------------------------ */

#define JCC_B(cc) OPCC1(X86_JO, cc, J_b, F_F64 | F_BR)

const X86OpRow x86_map_onebyte[256] = {
    [0x00] = OP2(ADD, E_b, G_b, F_LOCK),
    [0x01] = OP2(ADD, E_v, G_v, F_LOCK),
    [0x02] = OP2(ADD, G_b, E_b, 0),
    [0x03] = OP2(ADD, G_v, E_v, 0),
    [0x04] = OP2(ADD, AL, I_b, 0),
    [0x05] = OP2(ADD, rAX_v, I_z, 0),
    [0x06] = OP1(PUSH, SEG_ES, F_I64),
    [0x07] = OP1(POP, SEG_ES, F_I64),
    [0x08] = OP2(OR, E_b, G_b, F_LOCK),
    [0x09] = OP2(OR, E_v, G_v, F_LOCK),
    [0x0a] = OP2(OR, G_b, E_b, 0),
    [0x0b] = OP2(OR, G_v, E_v, 0),
    [0x0c] = OP2(OR, AL, I_b, 0),
    [0x0d] = OP2(OR, rAX_v, I_z, 0),
    [0x0e] = OP1(PUSH, SEG_CS, F_I64),
    [0x0f] = ESCAPE(x86_map_0f),
    [0x10] = OP2(ADC, E_b, G_b, F_LOCK),
    [0x11] = OP2(ADC, E_v, G_v, F_LOCK),
    [0x12] = OP2(ADC, G_b, E_b, 0),
    [0x13] = OP2(ADC, G_v, E_v, 0),
    [0x14] = OP2(ADC, AL, I_b, 0),
    [0x15] = OP2(ADC, rAX_v, I_z, 0),
    [0x16] = OP1(PUSH, SEG_SS, F_I64),
    [0x17] = OP1(POP, SEG_SS, F_I64),
    [0x18] = OP2(SBB, E_b, G_b, F_LOCK),
    [0x19] = OP2(SBB, E_v, G_v, F_LOCK),
    [0x1a] = OP2(SBB, G_b, E_b, 0),
    [0x1b] = OP2(SBB, G_v, E_v, 0),
    [0x1c] = OP2(SBB, AL, I_b, 0),
    [0x1d] = OP2(SBB, rAX_v, I_z, 0),
    [0x1e] = OP1(PUSH, SEG_DS, F_I64),
    [0x1f] = OP1(POP, SEG_DS, F_I64),
    [0x20] = OP2(AND, E_b, G_b, F_LOCK),
    [0x21] = OP2(AND, E_v, G_v, F_LOCK),
    [0x22] = OP2(AND, G_b, E_b, 0),
    [0x23] = OP2(AND, G_v, E_v, 0),
    [0x24] = OP2(AND, AL, I_b, 0),
    [0x25] = OP2(AND, rAX_v, I_z, 0),
    [0x26] = PREFIX,
    [0x27] = OP0(DAA, F_I64),
    [0x28] = OP2(SUB, E_b, G_b, F_LOCK),
    [0x29] = OP2(SUB, E_v, G_v, F_LOCK),
    [0x2a] = OP2(SUB, G_b, E_b, 0),
    [0x2b] = OP2(SUB, G_v, E_v, 0),
    [0x2c] = OP2(SUB, AL, I_b, 0),
    [0x2d] = OP2(SUB, rAX_v, I_z, 0),
    [0x2e] = PREFIX,
    [0x2f] = OP0(DAS, F_I64),
    [0x30] = OP2(XOR, E_b, G_b, F_LOCK),
    [0x31] = OP2(XOR, E_v, G_v, F_LOCK),
    [0x32] = OP2(XOR, G_b, E_b, 0),
    [0x33] = OP2(XOR, G_v, E_v, 0),
    [0x34] = OP2(XOR, AL, I_b, 0),
    [0x35] = OP2(XOR, rAX_v, I_z, 0),
    [0x36] = PREFIX,
    [0x37] = OP0(AAA, F_I64),
    [0x38] = OP2(CMP, E_b, G_b, 0),
    [0x39] = OP2(CMP, E_v, G_v, 0),
    [0x3a] = OP2(CMP, G_b, E_b, 0),
    [0x3b] = OP2(CMP, G_v, E_v, 0),
    [0x3c] = OP2(CMP, AL, I_b, 0),
    [0x3d] = OP2(CMP, rAX_v, I_z, 0),
    [0x3e] = PREFIX,
    [0x3f] = OP0(AAS, F_I64),
    /* 40-4F: REX in 64-bit mode, taken by the engine before lookup. */
    [0x40] = OP1(INC, Z_v, F_I64),
    [0x41] = OP1(INC, Z_v, F_I64),
    [0x42] = OP1(INC, Z_v, F_I64),
    [0x43] = OP1(INC, Z_v, F_I64),
    [0x44] = OP1(INC, Z_v, F_I64),
    [0x45] = OP1(INC, Z_v, F_I64),
    [0x46] = OP1(INC, Z_v, F_I64),
    [0x47] = OP1(INC, Z_v, F_I64),
    [0x48] = OP1(DEC, Z_v, F_I64),
    [0x49] = OP1(DEC, Z_v, F_I64),
    [0x4a] = OP1(DEC, Z_v, F_I64),
    [0x4b] = OP1(DEC, Z_v, F_I64),
    [0x4c] = OP1(DEC, Z_v, F_I64),
    [0x4d] = OP1(DEC, Z_v, F_I64),
    [0x4e] = OP1(DEC, Z_v, F_I64),
    [0x4f] = OP1(DEC, Z_v, F_I64),
    [0x50] = OP1(PUSH, Z_v, F_D64),
    [0x51] = OP1(PUSH, Z_v, F_D64),
    [0x52] = OP1(PUSH, Z_v, F_D64),
    [0x53] = OP1(PUSH, Z_v, F_D64),
    [0x54] = OP1(PUSH, Z_v, F_D64),
    [0x55] = OP1(PUSH, Z_v, F_D64),
    [0x56] = OP1(PUSH, Z_v, F_D64),
    [0x57] = OP1(PUSH, Z_v, F_D64),
    [0x58] = OP1(POP, Z_v, F_D64),
    [0x59] = OP1(POP, Z_v, F_D64),
    [0x5a] = OP1(POP, Z_v, F_D64),
    [0x5b] = OP1(POP, Z_v, F_D64),
    [0x5c] = OP1(POP, Z_v, F_D64),
    [0x5d] = OP1(POP, Z_v, F_D64),
    [0x5e] = OP1(POP, Z_v, F_D64),
    [0x5f] = OP1(POP, Z_v, F_D64),
    [0x60] = OP0(PUSHA, F_I64 | F_WD),
    [0x61] = OP0(POPA, F_I64 | F_WD),
    [0x62] = GROUP(op62_bound),
    [0x63] = SELECT(op63_arpl),
    [0x64] = PREFIX,
    [0x65] = PREFIX,
    [0x66] = PREFIX,
    [0x67] = PREFIX,
    [0x68] = OP1(PUSH, I_z, F_D64),
    [0x69] = OP3(IMUL, G_v, E_v, I_z, 0),
    [0x6a] = OP1(PUSH, I_bs, F_D64),
    [0x6b] = OP3(IMUL, G_v, E_v, I_bs, 0),
    [0x6c] = OP2(INSB, Y_b, DX, F_REP),
    [0x6d] = OP2(INSW, Y_z, DX, F_REP | F_WD),
    [0x6e] = OP2(OUTSB, DX, X_b, F_REP),
    [0x6f] = OP2(OUTSW, DX, X_z, F_REP | F_WD),
    [0x70] = JCC_B(0x0),
    [0x71] = JCC_B(0x1),
    [0x72] = JCC_B(0x2),
    [0x73] = JCC_B(0x3),
    [0x74] = JCC_B(0x4),
    [0x75] = JCC_B(0x5),
    [0x76] = JCC_B(0x6),
    [0x77] = JCC_B(0x7),
    [0x78] = JCC_B(0x8),
    [0x79] = JCC_B(0x9),
    [0x7a] = JCC_B(0xa),
    [0x7b] = JCC_B(0xb),
    [0x7c] = JCC_B(0xc),
    [0x7d] = JCC_B(0xd),
    [0x7e] = JCC_B(0xe),
    [0x7f] = JCC_B(0xf),
    [0x80] = GROUP(group1_op80),
    [0x81] = GROUP(group1_op81),
    [0x82] = GROUP(group1_op82),
    [0x83] = GROUP(group1_op83),
    [0x84] = OP2(TEST, E_b, G_b, 0),
    [0x85] = OP2(TEST, E_v, G_v, 0),
    [0x86] = OP2(XCHG, E_b, G_b, F_LOCK),
    [0x87] = OP2(XCHG, E_v, G_v, F_LOCK),
    [0x88] = OP2(MOV, E_b, G_b, 0),
    [0x89] = OP2(MOV, E_v, G_v, 0),
    [0x8a] = OP2(MOV, G_b, E_b, 0),
    [0x8b] = OP2(MOV, G_v, E_v, 0),
    [0x8c] = OP2(MOV, Mw_Rv, S_w, 0),
    [0x8d] = OP2(LEA, G_v, M_none, 0),
    [0x8e] = GROUP(op8e_mov_sreg),
    [0x8f] = GROUP(group1a_op8f),
    [0x90] = SELECT(op90_nop),
    [0x91] = OP2(XCHG, Z_v, rAX_v, 0),
    [0x92] = OP2(XCHG, Z_v, rAX_v, 0),
    [0x93] = OP2(XCHG, Z_v, rAX_v, 0),
    [0x94] = OP2(XCHG, Z_v, rAX_v, 0),
    [0x95] = OP2(XCHG, Z_v, rAX_v, 0),
    [0x96] = OP2(XCHG, Z_v, rAX_v, 0),
    [0x97] = OP2(XCHG, Z_v, rAX_v, 0),
    [0x98] = OP0(CBW, F_OSZ),
    [0x99] = OP0(CWD, F_OSZ),
    [0x9a] = OP1(CALLF, A_p, F_I64 | F_BR),
    [0x9b] = OP0(FWAIT, 0),
    [0x9c] = OP0(PUSHF, F_D64 | F_OSZ),
    [0x9d] = OP0(POPF, F_D64 | F_OSZ),
    [0x9e] = SELECT(op9e_sahf),
    [0x9f] = SELECT(op9f_lahf),
    [0xa0] = OP2(MOV, AL, O_b, 0),
    [0xa1] = OP2(MOV, rAX_v, O_v, 0),
    [0xa2] = OP2(MOV, O_b, AL, 0),
    [0xa3] = OP2(MOV, O_v, rAX_v, 0),
    [0xa4] = OP2(MOVSB, Y_b, X_b, F_REP),
    [0xa5] = OP2(MOVSW, Y_v, X_v, F_REP | F_OSZ),
    [0xa6] = OP2(CMPSB, X_b, Y_b, F_REPC),
    [0xa7] = OP2(CMPSW, X_v, Y_v, F_REPC | F_OSZ),
    [0xa8] = OP2(TEST, AL, I_b, 0),
    [0xa9] = OP2(TEST, rAX_v, I_z, 0),
    [0xaa] = OP2(STOSB, Y_b, AL, F_REP),
    [0xab] = OP2(STOSW, Y_v, rAX_v, F_REP | F_OSZ),
    [0xac] = OP2(LODSB, AL, X_b, F_REP),
    [0xad] = OP2(LODSW, rAX_v, X_v, F_REP | F_OSZ),
    [0xae] = OP2(SCASB, AL, Y_b, F_REPC),
    [0xaf] = OP2(SCASW, rAX_v, Y_v, F_REPC | F_OSZ),
    [0xb0] = OP2(MOV, Z_b, I_b, 0),
    [0xb1] = OP2(MOV, Z_b, I_b, 0),
    [0xb2] = OP2(MOV, Z_b, I_b, 0),
    [0xb3] = OP2(MOV, Z_b, I_b, 0),
    [0xb4] = OP2(MOV, Z_b, I_b, 0),
    [0xb5] = OP2(MOV, Z_b, I_b, 0),
    [0xb6] = OP2(MOV, Z_b, I_b, 0),
    [0xb7] = OP2(MOV, Z_b, I_b, 0),
    [0xb8] = OP2(MOV, Z_v, I_v, 0),
    [0xb9] = OP2(MOV, Z_v, I_v, 0),
    [0xba] = OP2(MOV, Z_v, I_v, 0),
    [0xbb] = OP2(MOV, Z_v, I_v, 0),
    [0xbc] = OP2(MOV, Z_v, I_v, 0),
    [0xbd] = OP2(MOV, Z_v, I_v, 0),
    [0xbe] = OP2(MOV, Z_v, I_v, 0),
    [0xbf] = OP2(MOV, Z_v, I_v, 0),
    [0xc0] = GROUP(group2_opc0),
    [0xc1] = GROUP(group2_opc1),
    [0xc2] = OP1(RET, I_w, F_F64 | F_BR),
    [0xc3] = OP0(RET, F_F64 | F_BR),
    [0xc4] = GROUP(opc4_les),
    [0xc5] = GROUP(opc5_lds),
    [0xc6] = GROUP(group11_opc6),
    [0xc7] = GROUP(group11_opc7),
    [0xc8] = OP2(ENTER, I_w, I_b, F_D64),
    [0xc9] = OP0(LEAVE, F_D64),
    [0xca] = OP1(RETF, I_w, F_BR),
    [0xcb] = OP0(RETF, F_BR),
    [0xcc] = OP0(INT3, F_BR),
    [0xcd] = OP1(INT, I_b, F_BR),
    [0xce] = OP0(INTO, F_I64 | F_BR),
    [0xcf] = OP0(IRET, F_OSZ | F_BR),
    [0xd0] = GROUP(group2_opd0),
    [0xd1] = GROUP(group2_opd1),
    [0xd2] = GROUP(group2_opd2),
    [0xd3] = GROUP(group2_opd3),
    [0xd4] = OP1(AAM, I_b, F_I64),
    [0xd5] = OP1(AAD, I_b, F_I64),
    [0xd6] = OP0(SALC, F_I64),
    [0xd7] = OP0(XLAT, 0),
    [0xd8] = GROUP(x86_group_x87),
    [0xd9] = GROUP(x86_group_x87),
    [0xda] = GROUP(x86_group_x87),
    [0xdb] = GROUP(x86_group_x87),
    [0xdc] = GROUP(x86_group_x87),
    [0xdd] = GROUP(x86_group_x87),
    [0xde] = GROUP(x86_group_x87),
    [0xdf] = GROUP(x86_group_x87),
    [0xe0] = OP1(LOOPNE, J_b, F_F64 | F_BR),
    [0xe1] = OP1(LOOPE, J_b, F_F64 | F_BR),
    [0xe2] = OP1(LOOP, J_b, F_F64 | F_BR),
    [0xe3] = OP1(JCXZ, J_b, F_F64 | F_BR | F_ASZ),
    [0xe4] = OP2(IN, AL, I_b, 0),
    [0xe5] = OP2(IN, eAX_z, I_b, 0),
    [0xe6] = OP2(OUT, I_b, AL, 0),
    [0xe7] = OP2(OUT, I_b, eAX_z, 0),
    [0xe8] = OP1(CALL, J_z, F_F64 | F_BR),
    [0xe9] = OP1(JMP, J_z, F_F64 | F_BR),
    [0xea] = OP1(JMPF, A_p, F_I64 | F_BR),
    [0xeb] = OP1(JMP, J_b, F_F64 | F_BR),
    [0xec] = OP2(IN, AL, DX, 0),
    [0xed] = OP2(IN, eAX_z, DX, 0),
    [0xee] = OP2(OUT, DX, AL, 0),
    [0xef] = OP2(OUT, DX, eAX_z, 0),
    [0xf0] = PREFIX,
    [0xf1] = OP0(INT1, F_BR),
    [0xf2] = PREFIX,
    [0xf3] = PREFIX,
    [0xf4] = OP0(HLT, 0),
    [0xf5] = OP0(CMC, 0),
    [0xf6] = GROUP(group3_opf6),
    [0xf7] = GROUP(group3_opf7),
    [0xf8] = OP0(CLC, 0),
    [0xf9] = OP0(STC, 0),
    [0xfa] = OP0(CLI, 0),
    [0xfb] = OP0(STI, 0),
    [0xfc] = OP0(CLD, 0),
    [0xfd] = OP0(STD, 0),
    [0xfe] = GROUP(group4_opfe),
    [0xff] = GROUP(group5_opff),
};
