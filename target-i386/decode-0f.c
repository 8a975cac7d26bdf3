/* SPDX-License-Identifier: MIT */
/*
 * The two-byte opcode map, 0F xx (Intel SDM Vol. 2D, Table A-3): the
 * general-purpose and system instructions, with groups 6, 7, 8, 9, 10, 15
 * and 16 (Table A-6) and the F3-selected POPCNT/TZCNT/LZCNT, and the
 * MMX, SSE, SSE2 and SSE3 slots, picked by mandatory prefix. VMX slots are
 * rows marked "not yet" that still say how long they are. The three-byte
 * maps live in decode-0f38.c and decode-0f3a.c.
 */
#include "target-i386/decode-internal.h"

/* ---- group 6: 0F 00 ----------------------------------------------------- */

static const X86OpRow group6_rows[8] = {
    OP1(SLDT, Mw_Rv, 0), OP1(STR, Mw_Rv, 0),
    OP1(LLDT, E_w, 0), OP1(LTR, E_w, 0),
    OP1(VERR, E_w, 0), OP1(VERW, E_w, 0),
};

static const X86OpRow *group6_op00(const X86DecodeState *s)
{
    return &group6_rows[s->reg];
}

/* ---- group 7: 0F 01, memory forms by reg, register forms by reg and rm -- */

static const X86OpRow group7_mem[8] = {
    OP1(SGDT, M_s, 0), OP1(SIDT, M_s, 0), OP1(LGDT, M_s, 0),
    OP1(LIDT, M_s, 0), OP1(SMSW, Mw_Rv, 0), INVALID,
    OP1(LMSW, E_w, 0), OP1(INVLPG, M_b, 0),
};

static const X86OpRow group7_vmx = NOTYET("VMX", F_MODRM);
static const X86OpRow group7_svm = NOTYET("SVM", F_MODRM);
static const X86OpRow group7_enclave = NOTYET("SGX", F_MODRM);

static const X86OpRow group7_reg1[8] = {
    OP0C(MONITOR, 0, MONITOR), OP0C(MWAIT, 0, MONITOR),
    OP0C(CLAC, 0, SMAP), OP0C(STAC, 0, SMAP),
};

static const X86OpRow group7_reg2[8] = {
    OP0C(XGETBV, 0, XSAVE), OP0C(XSETBV, 0, XSAVE),
    [5] = OP0C(XEND, 0, RTM), [6] = OP0C(XTEST, 0, RTM),
    [7] = NOTYET("SGX", F_MODRM),
};

static const X86OpRow group7_reg7[8] = {
    OP0(SWAPGS, F_O64), OP0C(RDTSCP, 0, RDTSCP),
};

static const X86OpRow *group7_op01(const X86DecodeState *s)
{
    if (s->mod != 3) {
        return &group7_mem[s->reg];
    }
    switch (s->reg) {
    case 0:
        return s->rm >= 1 && s->rm <= 4 ? &group7_vmx : &x86_row_invalid;
    case 1:
        return s->rm == 7 ? &group7_enclave : &group7_reg1[s->rm];
    case 2:
        return &group7_reg2[s->rm];
    case 3:
        return &group7_svm;
    case 4:
    case 6:
        return &group7_mem[s->reg];
    case 7:
        return &group7_reg7[s->rm];
    default:
        return &x86_row_invalid;
    }
}

/* ---- group 8: 0F BA ----------------------------------------------------- */

static const X86OpRow group8_rows[8] = {
    [4] = OP2(BT, E_v, I_b, 0), [5] = OP2(BTS, E_v, I_b, F_LOCK),
    [6] = OP2(BTR, E_v, I_b, F_LOCK), [7] = OP2(BTC, E_v, I_b, F_LOCK),
};

static const X86OpRow *group8_opba(const X86DecodeState *s)
{
    return &group8_rows[s->reg];
}

/* ---- group 9: 0F C7 ----------------------------------------------------- */

static const X86OpRow row_cmpxchg8b = OP1C(CMPXCHG8B, M_q, F_LOCK, CX8);
static const X86OpRow row_cmpxchg16b = OP1C(CMPXCHG16B, M_dq, F_LOCK, CX16);
static const X86OpRow row_rdrand = OP1C(RDRAND, R_v, 0, RDRAND);
static const X86OpRow row_rdseed = OP1C(RDSEED, R_v, 0, RDSEED);
static const X86OpRow row_rdpid = OP1C(RDPID, R_y, F_MODE, RDPID);
static const X86OpRow group9_vmx = NOTYET("VMX", F_MODRM);
static const X86OpRow group9_xsaves = NOTYET("XSAVEC/XSAVES", F_MODRM);

static const X86OpRow *group9_opc7(const X86DecodeState *s)
{
    if (s->mod != 3) {
        switch (s->reg) {
        case 1:
            return x86_rex_w(s) ? &row_cmpxchg16b : &row_cmpxchg8b;
        case 3: case 4: case 5:
            return &group9_xsaves;
        case 6: case 7:
            return &group9_vmx;
        default:
            return &x86_row_invalid;
        }
    }
    if (s->reg == 6) {
        return &row_rdrand;
    }
    if (s->reg == 7) {
        return x86_pfx_f3(s) ? &row_rdpid : &row_rdseed;
    }
    return &x86_row_invalid;
}

/* ---- group 10: 0F B9, UD1 takes a ModRM --------------------------------- */

static const X86OpRow row_ud1 = OP2(UD1, G_v, E_v, 0);

static const X86OpRow *group10_opb9(const X86DecodeState *s)
{
    return &row_ud1;
}

/* ---- group 15: 0F AE ---------------------------------------------------- */

static const X86OpRow group15_mem[8] = {
    OP1C(FXSAVE, M_none, 0, FXSR), OP1C(FXRSTOR, M_none, 0, FXSR),
    OP1C(LDMXCSR, M_d, 0, SSE), OP1C(STMXCSR, M_d, 0, SSE),
    OP1C(XSAVE, M_none, 0, XSAVE), OP1C(XRSTOR, M_none, 0, XSAVE),
    OP1C(XSAVEOPT, M_none, 0, XSAVEOPT), OP1C(CLFLUSH, M_b, 0, CLFLUSH),
};

static const X86OpRow group15_reg[8] = {
    [5] = OP0C(LFENCE, 0, SSE2), [6] = OP0C(MFENCE, 0, SSE2),
    [7] = OP0C(SFENCE, 0, SSE),
};

static const X86OpRow group15_f3_reg[8] = {
    OP1C(RDFSBASE, R_y, F_O64, FSGSBASE), OP1C(RDGSBASE, R_y, F_O64, FSGSBASE),
    OP1C(WRFSBASE, R_y, F_O64, FSGSBASE), OP1C(WRGSBASE, R_y, F_O64, FSGSBASE),
};

static const X86OpRow row_clflushopt = OP1C(CLFLUSHOPT, M_b, 0, CLFLUSHOPT);
static const X86OpRow group15_notyet =
    NOTYET("group 15 with a prefix", F_MODRM);

static const X86OpRow *group15_opae(const X86DecodeState *s)
{
    if (x86_pfx_f3(s)) {
        return s->mod == 3 ? &group15_f3_reg[s->reg] : &group15_notyet;
    }
    if (x86_pfx_f2(s)) {
        return &group15_notyet;
    }
    if (x86_pfx_66(s)) {
        if (s->mod != 3 && s->reg == 7) {
            return &row_clflushopt;
        }
        return &group15_notyet;
    }
    return s->mod == 3 ? &group15_reg[s->reg] : &group15_mem[s->reg];
}

/* ---- group 16: 0F 18, prefetch hints; the rest are hint NOPs ----------- */

static const X86OpRow group16_rows[8] = {
    OP1C(PREFETCHNTA, M_b, 0, SSE), OP1C(PREFETCHT0, M_b, 0, SSE),
    OP1C(PREFETCHT1, M_b, 0, SSE), OP1C(PREFETCHT2, M_b, 0, SSE),
    OP1(NOP, E_v, 0), OP1(NOP, E_v, 0), OP1(NOP, E_v, 0), OP1(NOP, E_v, 0),
};

static const X86OpRow row_nop_ev = OP1(NOP, E_v, 0);

static const X86OpRow *group16_op18(const X86DecodeState *s)
{
    return s->mod == 3 ? &row_nop_ev : &group16_rows[s->reg];
}

/* ---- 0F 0D: PREFETCHW; AMD treats the other reg values as PREFETCH ----- */

static const X86OpRow row_prefetch = OP1C(PREFETCH, M_b, 0, PREFETCHW);
static const X86OpRow row_prefetchw = OP1C(PREFETCHW, M_b, 0, PREFETCHW);

static const X86OpRow *groupp_op0d(const X86DecodeState *s)
{
    return s->reg == 1 ? &row_prefetchw : &row_prefetch;
}

/* ---- 0F 78: VMREAD, or AMD's SSE4a EXTRQ/INSERTQ with 66/F2 ---------- */

static const X86OpRow row_vmread = NOTYET("VMX", F_MODRM);
static const X86OpRow row_sse4a = NOTYET("SSE4a", 0);

static const X86OpRow *op78_vmread(const X86DecodeState *s)
{
    return x86_pfx_66(s) || x86_pfx_f2(s) ? &row_sse4a : &row_vmread;
}

/* ---- F3-selected variants ---------------------------------------------- */

static const X86OpRow row_popcnt = OP2C(POPCNT, G_v, E_v, 0, POPCNT);
static const X86OpRow row_tzcnt = OP2C(TZCNT, G_v, E_v, 0, BMI1);
static const X86OpRow row_lzcnt = OP2C(LZCNT, G_v, E_v, 0, LZCNT);
static const X86OpRow row_bsf = OP2(BSF, G_v, E_v, 0);
static const X86OpRow row_bsr = OP2(BSR, G_v, E_v, 0);

/* 0F B8 without F3 is JMPE, an IA-64 leftover: #UD. */
static const X86OpRow *opb8_popcnt(const X86DecodeState *s)
{
    return x86_pfx_f3(s) ? &row_popcnt : &x86_row_invalid;
}

/* Without the feature, F3 0F BC/BD run as BSF/BSR with REP ignored. */
static const X86OpRow *opbc_tzcnt(const X86DecodeState *s)
{
    bool has = s->features & X86_FEATURE_BIT(X86_FEAT_BMI1);

    return x86_pfx_f3(s) && has ? &row_tzcnt : &row_bsf;
}

static const X86OpRow *opbd_lzcnt(const X86DecodeState *s)
{
    bool has = s->features & X86_FEATURE_BIT(X86_FEAT_LZCNT);

    return x86_pfx_f3(s) && has ? &row_lzcnt : &row_bsr;
}

/* MOVNTI is "NP 0F C3": a 66, F2 or F3 prefix makes it #UD (SDM Vol. 2B). */
static const X86OpRow row_movnti = OP2C(MOVNTI, M_y, G_y, 0, SSE2);

static const X86OpRow *opc3_movnti(const X86DecodeState *s)
{
    return x86_pfx_66(s) || s->insn->rep ? &x86_row_invalid : &row_movnti;
}

/* ---- MMX and SSE-SSE3: by mandatory prefix (SDM 2.1.2, Table A-3) ----- */

/*
 * Each SSE slot is a group (it always has a ModRM) whose row comes from
 * sse_0f_rows[opcode][prefix], prefix 0 none, 1 66, 2 F3, 3 F2; F3 and
 * F2 win over 66. A zeroed row is reserved (#UD).
 */
#define MMX2(m) OP2C(m, P_q, Q_q, 0, MMX), OP2C(m, V_x, W_x, 0, SSE2)
#define MMXL(m) OP2C(m, P_q, Q_d, 0, MMX), OP2C(m, V_x, W_x, 0, SSE2)
#define SSE2ONLY(m) INVALID, OP2C(m, V_x, W_x, 0, SSE2)
#define FP4(m) \
    OP2C(m##PS, V_x, W_x, 0, SSE), OP2C(m##PD, V_x, W_x, 0, SSE2), \
    OP2C(m##SS, V_x, W_d, 0, SSE), OP2C(m##SD, V_x, W_q, 0, SSE2)
#define FP2(ps, pd) OP2C(ps, V_x, W_x, 0, SSE), OP2C(pd, V_x, W_x, 0, SSE2)

static const X86OpRow sse_0f_rows[256][4] = {
    [0x10] = { OP2C(MOVUPS, V_x, W_x, 0, SSE), OP2C(MOVUPD, V_x, W_x, 0, SSE2),
               OP2C(MOVSS, V_x, W_d, 0, SSE), OP2C(MOVSD_X, V_x, W_q, 0, SSE2) },
    [0x11] = { OP2C(MOVUPS, W_x, V_x, 0, SSE), OP2C(MOVUPD, W_x, V_x, 0, SSE2),
               OP2C(MOVSS, W_d, V_x, 0, SSE), OP2C(MOVSD_X, W_q, V_x, 0, SSE2) },
    [0x12] = { OP2C(MOVLPS, V_x, M_q, 0, SSE), OP2C(MOVLPD, V_x, M_q, 0, SSE2),
               OP2C(MOVSLDUP, V_x, W_x, 0, SSE3),
               OP2C(MOVDDUP, V_x, W_q, 0, SSE3) },
    [0x13] = { OP2C(MOVLPS, M_q, V_x, 0, SSE), OP2C(MOVLPD, M_q, V_x, 0, SSE2) },
    [0x14] = { FP2(UNPCKLPS, UNPCKLPD) },
    [0x15] = { FP2(UNPCKHPS, UNPCKHPD) },
    [0x16] = { OP2C(MOVHPS, V_x, M_q, 0, SSE), OP2C(MOVHPD, V_x, M_q, 0, SSE2),
               OP2C(MOVSHDUP, V_x, W_x, 0, SSE3) },
    [0x17] = { OP2C(MOVHPS, M_q, V_x, 0, SSE), OP2C(MOVHPD, M_q, V_x, 0, SSE2) },
    [0x28] = { OP2C(MOVAPS, V_x, W_x, 0, SSE), OP2C(MOVAPD, V_x, W_x, 0, SSE2) },
    [0x29] = { OP2C(MOVAPS, W_x, V_x, 0, SSE), OP2C(MOVAPD, W_x, V_x, 0, SSE2) },
    [0x2a] = { OP2C(CVTPI2PS, V_x, Q_q, 0, SSE), OP2C(CVTPI2PD, V_x, Q_q, 0, SSE2),
               OP2C(CVTSI2SS, V_x, E_y, 0, SSE),
               OP2C(CVTSI2SD, V_x, E_y, 0, SSE2) },
    [0x2b] = { OP2C(MOVNTPS, M_dq, V_x, 0, SSE),
               OP2C(MOVNTPD, M_dq, V_x, 0, SSE2) },
    [0x2c] = { OP2C(CVTTPS2PI, P_q, W_q, 0, SSE),
               OP2C(CVTTPD2PI, P_q, W_x, 0, SSE2),
               OP2C(CVTTSS2SI, G_y, W_d, 0, SSE),
               OP2C(CVTTSD2SI, G_y, W_q, 0, SSE2) },
    [0x2d] = { OP2C(CVTPS2PI, P_q, W_q, 0, SSE), OP2C(CVTPD2PI, P_q, W_x, 0, SSE2),
               OP2C(CVTSS2SI, G_y, W_d, 0, SSE),
               OP2C(CVTSD2SI, G_y, W_q, 0, SSE2) },
    [0x2e] = { OP2C(UCOMISS, V_x, W_d, 0, SSE), OP2C(UCOMISD, V_x, W_q, 0, SSE2) },
    [0x2f] = { OP2C(COMISS, V_x, W_d, 0, SSE), OP2C(COMISD, V_x, W_q, 0, SSE2) },
    [0x50] = { OP2C(MOVMSKPS, G_d, U_x, 0, SSE),
               OP2C(MOVMSKPD, G_d, U_x, 0, SSE2) },
    [0x51] = { FP4(SQRT) },
    [0x52] = { OP2C(RSQRTPS, V_x, W_x, 0, SSE), INVALID,
               OP2C(RSQRTSS, V_x, W_d, 0, SSE) },
    [0x53] = { OP2C(RCPPS, V_x, W_x, 0, SSE), INVALID,
               OP2C(RCPSS, V_x, W_d, 0, SSE) },
    [0x54] = { FP2(ANDPS, ANDPD) },
    [0x55] = { FP2(ANDNPS, ANDNPD) },
    [0x56] = { FP2(ORPS, ORPD) },
    [0x57] = { FP2(XORPS, XORPD) },
    [0x58] = { FP4(ADD) },
    [0x59] = { FP4(MUL) },
    [0x5a] = { OP2C(CVTPS2PD, V_x, W_q, 0, SSE2),
               OP2C(CVTPD2PS, V_x, W_x, 0, SSE2),
               OP2C(CVTSS2SD, V_x, W_d, 0, SSE2),
               OP2C(CVTSD2SS, V_x, W_q, 0, SSE2) },
    [0x5b] = { OP2C(CVTDQ2PS, V_x, W_x, 0, SSE2),
               OP2C(CVTPS2DQ, V_x, W_x, 0, SSE2),
               OP2C(CVTTPS2DQ, V_x, W_x, 0, SSE2) },
    [0x5c] = { FP4(SUB) },
    [0x5d] = { FP4(MIN) },
    [0x5e] = { FP4(DIV) },
    [0x5f] = { FP4(MAX) },
    [0x60] = { MMXL(PUNPCKLBW) },
    [0x61] = { MMXL(PUNPCKLWD) },
    [0x62] = { MMXL(PUNPCKLDQ) },
    [0x63] = { MMX2(PACKSSWB) },
    [0x64] = { MMX2(PCMPGTB) },
    [0x65] = { MMX2(PCMPGTW) },
    [0x66] = { MMX2(PCMPGTD) },
    [0x67] = { MMX2(PACKUSWB) },
    [0x68] = { MMX2(PUNPCKHBW) },
    [0x69] = { MMX2(PUNPCKHWD) },
    [0x6a] = { MMX2(PUNPCKHDQ) },
    [0x6b] = { MMX2(PACKSSDW) },
    [0x6c] = { SSE2ONLY(PUNPCKLQDQ) },
    [0x6d] = { SSE2ONLY(PUNPCKHQDQ) },
    [0x6e] = { OP2C(MOVD, P_y, E_y, 0, MMX), OP2C(MOVD, V_y, E_y, 0, SSE2) },
    [0x6f] = { OP2C(MOVQ, P_q, Q_q, 0, MMX), OP2C(MOVDQA, V_x, W_x, 0, SSE2),
               OP2C(MOVDQU, V_x, W_x, 0, SSE2) },
    [0x70] = { OP3C(PSHUFW, P_q, Q_q, I_b, 0, SSE),
               OP3C(PSHUFD, V_x, W_x, I_b, 0, SSE2),
               OP3C(PSHUFHW, V_x, W_x, I_b, 0, SSE2),
               OP3C(PSHUFLW, V_x, W_x, I_b, 0, SSE2) },
    [0x74] = { MMX2(PCMPEQB) },
    [0x75] = { MMX2(PCMPEQW) },
    [0x76] = { MMX2(PCMPEQD) },
    [0x7c] = { INVALID, OP2C(HADDPD, V_x, W_x, 0, SSE3), INVALID,
               OP2C(HADDPS, V_x, W_x, 0, SSE3) },
    [0x7d] = { INVALID, OP2C(HSUBPD, V_x, W_x, 0, SSE3), INVALID,
               OP2C(HSUBPS, V_x, W_x, 0, SSE3) },
    [0x7e] = { OP2C(MOVD, E_y, P_y, 0, MMX), OP2C(MOVD, E_y, V_y, 0, SSE2),
               OP2C(MOVQ, V_x, W_q, 0, SSE2) },
    [0x7f] = { OP2C(MOVQ, Q_q, P_q, 0, MMX), OP2C(MOVDQA, W_x, V_x, 0, SSE2),
               OP2C(MOVDQU, W_x, V_x, 0, SSE2) },
    [0xc2] = { OP3C(CMPPS, V_x, W_x, I_b, 0, SSE),
               OP3C(CMPPD, V_x, W_x, I_b, 0, SSE2),
               OP3C(CMPSS, V_x, W_d, I_b, 0, SSE),
               OP3C(CMPSD_X, V_x, W_q, I_b, 0, SSE2) },
    [0xc4] = { OP3C(PINSRW, P_q, E_wd, I_b, 0, SSE),
               OP3C(PINSRW, V_x, E_wd, I_b, 0, SSE2) },
    [0xc5] = { OP3C(PEXTRW, G_d, N_q, I_b, 0, SSE),
               OP3C(PEXTRW, G_d, U_x, I_b, 0, SSE2) },
    [0xc6] = { OP3C(SHUFPS, V_x, W_x, I_b, 0, SSE),
               OP3C(SHUFPD, V_x, W_x, I_b, 0, SSE2) },
    [0xd0] = { INVALID, OP2C(ADDSUBPD, V_x, W_x, 0, SSE3), INVALID,
               OP2C(ADDSUBPS, V_x, W_x, 0, SSE3) },
    [0xd1] = { MMX2(PSRLW) },
    [0xd2] = { MMX2(PSRLD) },
    [0xd3] = { MMX2(PSRLQ) },
    [0xd4] = { MMX2(PADDQ) },
    [0xd5] = { MMX2(PMULLW) },
    [0xd6] = { INVALID, OP2C(MOVQ, W_q, V_x, 0, SSE2),
               OP2C(MOVQ2DQ, V_x, N_q, 0, SSE2),
               OP2C(MOVDQ2Q, P_q, U_x, 0, SSE2) },
    [0xd7] = { OP2C(PMOVMSKB, G_d, N_q, 0, SSE),
               OP2C(PMOVMSKB, G_d, U_x, 0, SSE2) },
    [0xd8] = { MMX2(PSUBUSB) },
    [0xd9] = { MMX2(PSUBUSW) },
    [0xda] = { MMX2(PMINUB) },
    [0xdb] = { MMX2(PAND) },
    [0xdc] = { MMX2(PADDUSB) },
    [0xdd] = { MMX2(PADDUSW) },
    [0xde] = { MMX2(PMAXUB) },
    [0xdf] = { MMX2(PANDN) },
    [0xe0] = { MMX2(PAVGB) },
    [0xe1] = { MMX2(PSRAW) },
    [0xe2] = { MMX2(PSRAD) },
    [0xe3] = { MMX2(PAVGW) },
    [0xe4] = { MMX2(PMULHUW) },
    [0xe5] = { MMX2(PMULHW) },
    [0xe6] = { INVALID, OP2C(CVTTPD2DQ, V_x, W_x, 0, SSE2),
               OP2C(CVTDQ2PD, V_x, W_q, 0, SSE2),
               OP2C(CVTPD2DQ, V_x, W_x, 0, SSE2) },
    [0xe7] = { OP2C(MOVNTQ, M_q, P_q, 0, SSE),
               OP2C(MOVNTDQ, M_dq, V_x, 0, SSE2) },
    [0xe8] = { MMX2(PSUBSB) },
    [0xe9] = { MMX2(PSUBSW) },
    [0xea] = { MMX2(PMINSW) },
    [0xeb] = { MMX2(POR) },
    [0xec] = { MMX2(PADDSB) },
    [0xed] = { MMX2(PADDSW) },
    [0xee] = { MMX2(PMAXSW) },
    [0xef] = { MMX2(PXOR) },
    [0xf0] = { INVALID, INVALID, INVALID, OP2C(LDDQU, V_x, M_dq, 0, SSE3) },
    [0xf1] = { MMX2(PSLLW) },
    [0xf2] = { MMX2(PSLLD) },
    [0xf3] = { MMX2(PSLLQ) },
    [0xf4] = { MMX2(PMULUDQ) },
    [0xf5] = { MMX2(PMADDWD) },
    [0xf6] = { MMX2(PSADBW) },
    [0xf7] = { OP2C(MASKMOVQ, P_q, N_q, 0, SSE),
               OP2C(MASKMOVDQU, V_x, U_x, 0, SSE2) },
    [0xf8] = { MMX2(PSUBB) },
    [0xf9] = { MMX2(PSUBW) },
    [0xfa] = { MMX2(PSUBD) },
    [0xfb] = { MMX2(PSUBQ) },
    [0xfc] = { MMX2(PADDB) },
    [0xfd] = { MMX2(PADDW) },
    [0xfe] = { MMX2(PADDD) },
};

/* MOVHLPS and MOVLHPS are the register forms of MOVLPS and MOVHPS. */
static const X86OpRow row_movhlps = OP2C(MOVHLPS, V_x, U_x, 0, SSE);
static const X86OpRow row_movlhps = OP2C(MOVLHPS, V_x, U_x, 0, SSE);

/* Groups 12, 13, 14 (0F 71-73): shifts by an immediate, register only. */
static const X86OpRow sse_shift_rows[3][8][2] = {
    { [2] = { OP2C(PSRLW_I, N_q, I_b, 0, MMX), OP2C(PSRLW_I, U_x, I_b, 0, SSE2) },
      [4] = { OP2C(PSRAW_I, N_q, I_b, 0, MMX), OP2C(PSRAW_I, U_x, I_b, 0, SSE2) },
      [6] = { OP2C(PSLLW_I, N_q, I_b, 0, MMX), OP2C(PSLLW_I, U_x, I_b, 0, SSE2) } },
    { [2] = { OP2C(PSRLD_I, N_q, I_b, 0, MMX), OP2C(PSRLD_I, U_x, I_b, 0, SSE2) },
      [4] = { OP2C(PSRAD_I, N_q, I_b, 0, MMX), OP2C(PSRAD_I, U_x, I_b, 0, SSE2) },
      [6] = { OP2C(PSLLD_I, N_q, I_b, 0, MMX), OP2C(PSLLD_I, U_x, I_b, 0, SSE2) } },
    { [2] = { OP2C(PSRLQ_I, N_q, I_b, 0, MMX), OP2C(PSRLQ_I, U_x, I_b, 0, SSE2) },
      [3] = { INVALID, OP2C(PSRLDQ, U_x, I_b, 0, SSE2) },
      [6] = { OP2C(PSLLQ_I, N_q, I_b, 0, MMX), OP2C(PSLLQ_I, U_x, I_b, 0, SSE2) },
      [7] = { INVALID, OP2C(PSLLDQ, U_x, I_b, 0, SSE2) } },
};

/* MOVD with REX.W is MOVQ (0F 6E/7E, no prefix or 66). */
static const X86OpRow sse_movq_rows[2][2] = {
    { OP2C(MOVQ, P_y, E_y, 0, MMX), OP2C(MOVQ, V_y, E_y, 0, SSE2) },
    { OP2C(MOVQ, E_y, P_y, 0, MMX), OP2C(MOVQ, E_y, V_y, 0, SSE2) },
};

/* Which of the four columns the mandatory prefixes pick. */
static unsigned sse_prefix_column(const X86DecodeState *s)
{
    return x86_pfx_f3(s) ? 2 : x86_pfx_f2(s) ? 3 : x86_pfx_66(s) ? 1 : 0;
}

static const X86OpRow *sse_0f_select(const X86DecodeState *s)
{
    unsigned op = s->insn->opcode, col = sse_prefix_column(s);

    if (op >= 0x71 && op <= 0x73) {
        /* An F2/F3 prefix makes the shift groups #UD. */
        if (col > 1 || s->mod != 3) {
            return &x86_row_invalid;
        }
        return &sse_shift_rows[op - 0x71][s->reg][col];
    }
    if ((op == 0x6e || op == 0x7e) && col < 2 && x86_rex_w(s)) {
        return &sse_movq_rows[op == 0x7e][col];
    }
    if (col == 0 && s->mod == 3 && (op == 0x12 || op == 0x16)) {
        return op == 0x12 ? &row_movhlps : &row_movlhps;
    }
    return &sse_0f_rows[op][col];
}

static const X86OpRow row_emms = OP0C(EMMS, 0, MMX);

/* EMMS is "NP 0F 77": any mandatory prefix makes it #UD. */
static const X86OpRow *op77_emms(const X86DecodeState *s)
{
    return x86_pfx_66(s) || s->insn->rep ? &x86_row_invalid : &row_emms;
}

/* ---- the map ------------------------------------------------------------ */

#define SSE_M GROUP(sse_0f_select)
#define JCC_Z(cc) OPCC1(X86_JO, cc, J_z, F_F64 | F_BR)
#define SETCC(cc) OPCC1(X86_SETO, cc, E_b, 0)
#define CMOVCC(cc) OPCC2(X86_CMOVO, cc, G_v, E_v, 0, CMOV)

const X86OpRow x86_map_0f[256] = {
    [0x00] = GROUP(group6_op00),
    [0x01] = GROUP(group7_op01),
    [0x02] = OP2(LAR, G_v, E_w, 0),
    [0x03] = OP2(LSL, G_v, E_w, 0),
    [0x05] = OP0C(SYSCALL, F_BR, SYSCALL),
    [0x06] = OP0(CLTS, 0),
    [0x07] = OP0C(SYSRET, F_BR, SYSCALL),
    [0x08] = OP0(INVD, 0),
    [0x09] = OP0(WBINVD, 0),
    [0x0b] = OP0(UD2, 0),
    [0x0d] = GROUP(groupp_op0d),
    [0x10 ... 0x17] = SSE_M,
    [0x18] = GROUP(group16_op18),
    [0x19] = OP1(NOP, E_v, 0),
    [0x1a] = OP1(NOP, E_v, 0),
    [0x1b] = OP1(NOP, E_v, 0),
    [0x1c] = OP1(NOP, E_v, 0),
    [0x1d] = OP1(NOP, E_v, 0),
    [0x1e] = OP1(NOP, E_v, 0),
    [0x1f] = OP1(NOP, E_v, 0),
    [0x20] = OP2(MOV, Rx_y, C_y, F_MODE),
    [0x21] = OP2(MOV, Rx_y, D_y, F_MODE),
    [0x22] = OP2(MOV, C_y, Rx_y, F_MODE),
    [0x23] = OP2(MOV, D_y, Rx_y, F_MODE),
    [0x28 ... 0x2f] = SSE_M,
    [0x30] = OP0(WRMSR, 0),
    [0x31] = OP0(RDTSC, 0),
    [0x32] = OP0(RDMSR, 0),
    [0x33] = OP0(RDPMC, 0),
    [0x34] = OP0C(SYSENTER, F_BR, SEP),
    [0x35] = OP0C(SYSEXIT, F_BR, SEP),
    [0x37] = NOTYET("GETSEC (SMX)", 0),
    [0x38] = ESCAPE(x86_map_0f38),
    [0x3a] = ESCAPE(x86_map_0f3a),
    [0x40] = CMOVCC(0x0),
    [0x41] = CMOVCC(0x1),
    [0x42] = CMOVCC(0x2),
    [0x43] = CMOVCC(0x3),
    [0x44] = CMOVCC(0x4),
    [0x45] = CMOVCC(0x5),
    [0x46] = CMOVCC(0x6),
    [0x47] = CMOVCC(0x7),
    [0x48] = CMOVCC(0x8),
    [0x49] = CMOVCC(0x9),
    [0x4a] = CMOVCC(0xa),
    [0x4b] = CMOVCC(0xb),
    [0x4c] = CMOVCC(0xc),
    [0x4d] = CMOVCC(0xd),
    [0x4e] = CMOVCC(0xe),
    [0x4f] = CMOVCC(0xf),
    [0x50 ... 0x6f] = SSE_M,
    [0x70 ... 0x73] = SSE_M,
    [0x74 ... 0x76] = SSE_M,
    [0x77] = SELECT(op77_emms),
    [0x78] = SELECT(op78_vmread),
    [0x79] = NOTYET("VMX", F_MODRM),
    [0x7c ... 0x7f] = SSE_M,
    [0x80] = JCC_Z(0x0),
    [0x81] = JCC_Z(0x1),
    [0x82] = JCC_Z(0x2),
    [0x83] = JCC_Z(0x3),
    [0x84] = JCC_Z(0x4),
    [0x85] = JCC_Z(0x5),
    [0x86] = JCC_Z(0x6),
    [0x87] = JCC_Z(0x7),
    [0x88] = JCC_Z(0x8),
    [0x89] = JCC_Z(0x9),
    [0x8a] = JCC_Z(0xa),
    [0x8b] = JCC_Z(0xb),
    [0x8c] = JCC_Z(0xc),
    [0x8d] = JCC_Z(0xd),
    [0x8e] = JCC_Z(0xe),
    [0x8f] = JCC_Z(0xf),
    [0x90] = SETCC(0x0),
    [0x91] = SETCC(0x1),
    [0x92] = SETCC(0x2),
    [0x93] = SETCC(0x3),
    [0x94] = SETCC(0x4),
    [0x95] = SETCC(0x5),
    [0x96] = SETCC(0x6),
    [0x97] = SETCC(0x7),
    [0x98] = SETCC(0x8),
    [0x99] = SETCC(0x9),
    [0x9a] = SETCC(0xa),
    [0x9b] = SETCC(0xb),
    [0x9c] = SETCC(0xc),
    [0x9d] = SETCC(0xd),
    [0x9e] = SETCC(0xe),
    [0x9f] = SETCC(0xf),
    [0xa0] = OP1(PUSH, SEG_FS, F_D64),
    [0xa1] = OP1(POP, SEG_FS, F_D64),
    [0xa2] = OP0(CPUID, 0),
    [0xa3] = OP2(BT, E_v, G_v, 0),
    [0xa4] = OP3(SHLD, E_v, G_v, I_b, 0),
    [0xa5] = OP3(SHLD, E_v, G_v, CL, 0),
    [0xa8] = OP1(PUSH, SEG_GS, F_D64),
    [0xa9] = OP1(POP, SEG_GS, F_D64),
    [0xaa] = OP0(RSM, F_BR),
    [0xab] = OP2(BTS, E_v, G_v, F_LOCK),
    [0xac] = OP3(SHRD, E_v, G_v, I_b, 0),
    [0xad] = OP3(SHRD, E_v, G_v, CL, 0),
    [0xae] = GROUP(group15_opae),
    [0xaf] = OP2(IMUL, G_v, E_v, 0),
    [0xb0] = OP2(CMPXCHG, E_b, G_b, F_LOCK),
    [0xb1] = OP2(CMPXCHG, E_v, G_v, F_LOCK),
    [0xb2] = OP2(LSS, G_v, M_p, 0),
    [0xb3] = OP2(BTR, E_v, G_v, F_LOCK),
    [0xb4] = OP2(LFS, G_v, M_p, 0),
    [0xb5] = OP2(LGS, G_v, M_p, 0),
    [0xb6] = OP2(MOVZX, G_v, E_b, 0),
    [0xb7] = OP2(MOVZX, G_v, E_w, 0),
    [0xb8] = SELECT(opb8_popcnt),
    [0xb9] = GROUP(group10_opb9),
    [0xba] = GROUP(group8_opba),
    [0xbb] = OP2(BTC, E_v, G_v, F_LOCK),
    [0xbc] = SELECT(opbc_tzcnt),
    [0xbd] = SELECT(opbd_lzcnt),
    [0xbe] = OP2(MOVSX, G_v, E_b, 0),
    [0xbf] = OP2(MOVSX, G_v, E_w, 0),
    [0xc0] = OP2(XADD, E_b, G_b, F_LOCK),
    [0xc1] = OP2(XADD, E_v, G_v, F_LOCK),
    [0xc2] = SSE_M,
    [0xc3] = SELECT(opc3_movnti),
    [0xc4 ... 0xc6] = SSE_M,
    [0xc7] = GROUP(group9_opc7),
    [0xc8] = OP1(BSWAP, Z_v, 0),
    [0xc9] = OP1(BSWAP, Z_v, 0),
    [0xca] = OP1(BSWAP, Z_v, 0),
    [0xcb] = OP1(BSWAP, Z_v, 0),
    [0xcc] = OP1(BSWAP, Z_v, 0),
    [0xcd] = OP1(BSWAP, Z_v, 0),
    [0xce] = OP1(BSWAP, Z_v, 0),
    [0xcf] = OP1(BSWAP, Z_v, 0),
    [0xd0 ... 0xfe] = SSE_M,
    [0xff] = OP2(UD0, G_d, E_d, 0),
};
