/* SPDX-License-Identifier: MIT */
/*
 * The three-byte opcode map 0F 3A (Intel SDM Vol. 2D, Table A-5): every
 * row has a ModRM and an imm8. SSSE3's PALIGNR (MMX without a prefix,
 * XMM with 66), SSE4.1 (rounding, blends, inserts and extracts, dot
 * products, MPSADBW), SSE4.2's string compares, PCLMULQDQ and
 * AESKEYGENASSIST, all with 66. Slots not decoded yet (SHA1RNDS4, GFNI)
 * stay "not yet" with their length.
 */
#include "target-i386/decode-internal.h"

#define SSE41(m, w) INVALID, OP3C(m, V_x, w, I_b, 0, SSE41)

static const X86OpRow sse_0f3a_rows[256][2] = {
    [0x08] = { SSE41(ROUNDPS, W_x) },
    [0x09] = { SSE41(ROUNDPD, W_x) },
    [0x0a] = { SSE41(ROUNDSS, W_d) },
    [0x0b] = { SSE41(ROUNDSD, W_q) },
    [0x0c] = { SSE41(BLENDPS, W_x) },
    [0x0d] = { SSE41(BLENDPD, W_x) },
    [0x0e] = { SSE41(PBLENDW, W_x) },
    [0x0f] = { OP3C(PALIGNR, P_q, Q_q, I_b, 0, SSSE3),
               OP3C(PALIGNR, V_x, W_x, I_b, 0, SSSE3) },
    [0x14] = { INVALID, OP3C(PEXTRB, E_bd, V_x, I_b, 0, SSE41) },
    [0x15] = { INVALID, OP3C(PEXTRW, E_wd, V_x, I_b, 0, SSE41) },
    [0x16] = { INVALID, OP3C(PEXTRD, E_d, V_x, I_b, 0, SSE41) },
    [0x17] = { INVALID, OP3C(EXTRACTPS, E_d, V_x, I_b, 0, SSE41) },
    [0x20] = { INVALID, OP3C(PINSRB, V_x, E_bd, I_b, 0, SSE41) },
    [0x21] = { SSE41(INSERTPS, W_d) },
    [0x22] = { INVALID, OP3C(PINSRD, V_x, E_d, I_b, 0, SSE41) },
    [0x40] = { SSE41(DPPS, W_x) },
    [0x41] = { SSE41(DPPD, W_x) },
    [0x42] = { SSE41(MPSADBW, W_x) },
    [0x44] = { INVALID, OP3C(PCLMULQDQ, V_x, W_x, I_b, 0, PCLMULQDQ) },
    [0x60] = { INVALID, OP3C(PCMPESTRM, V_x, W_x, I_b, 0, SSE42) },
    [0x61] = { INVALID, OP3C(PCMPESTRI, V_x, W_x, I_b, 0, SSE42) },
    [0x62] = { INVALID, OP3C(PCMPISTRM, V_x, W_x, I_b, 0, SSE42) },
    [0x63] = { INVALID, OP3C(PCMPISTRI, V_x, W_x, I_b, 0, SSE42) },
    [0xdf] = { INVALID, OP3C(AESKEYGENASSIST, V_x, W_x, I_b, 0, AES) },
};

/* PEXTRD/PINSRD with REX.W are PEXTRQ/PINSRQ. */
static const X86OpRow row_pextrq = OP3C(PEXTRQ, E_y, V_x, I_b, 0, SSE41);
static const X86OpRow row_pinsrq = OP3C(PINSRQ, V_x, E_y, I_b, 0, SSE41);

static const X86OpRow row_notyet = NOTYET("0F 3A map", F_MODRM | F_IMM8);

static const X86OpRow *sse_0f3a_select(const X86DecodeState *s)
{
    unsigned op = s->insn->opcode;

    if (sse_0f3a_rows[op][1].kind == X86_ROW_INVALID) {
        return &row_notyet;
    }
    if (s->insn->rep) {
        return &x86_row_invalid;
    }
    if (x86_pfx_66(s) && x86_rex_w(s) && (op == 0x16 || op == 0x22)) {
        return op == 0x16 ? &row_pextrq : &row_pinsrq;
    }
    return &sse_0f3a_rows[op][x86_pfx_66(s) ? 1 : 0];
}

const X86OpRow x86_map_0f3a[256] = {
    [0x00 ... 0xff] = GROUP(sse_0f3a_select),
};
