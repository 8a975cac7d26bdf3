/* SPDX-License-Identifier: MIT */
/*
 * The two-byte opcode map, 0F xx (Intel SDM Vol. 2D, Table A-3): the
 * general-purpose and system instructions, with groups 6, 7, 8, 9, 10, 15
 * and 16 (Table A-6) and the F3-selected POPCNT/TZCNT/LZCNT. SSE, MMX and
 * VMX slots are rows marked "not yet" that still say how long they are,
 * and so are the three-byte maps 0F 38 and 0F 3A, which have no rows yet.
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

/* ---- the map ------------------------------------------------------------ */

#define SSE_M NOTYET("SSE", F_MODRM)
#define SSE_MI NOTYET("SSE", F_MODRM | F_IMM8)
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
    [0x70 ... 0x73] = SSE_MI,
    [0x74 ... 0x76] = SSE_M,
    [0x77] = NOTYET("MMX (EMMS)", 0),
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
    [0xc2] = SSE_MI,
    [0xc3] = SELECT(opc3_movnti),
    [0xc4 ... 0xc6] = SSE_MI,
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

/* The three-byte maps: every row has a ModRM; 0F 3A adds an imm8. */
const X86OpRow x86_map_0f38[256] = {
    [0x00 ... 0xff] = NOTYET("0F 38 map", F_MODRM),
};

const X86OpRow x86_map_0f3a[256] = {
    [0x00 ... 0xff] = NOTYET("0F 3A map", F_MODRM | F_IMM8),
};
