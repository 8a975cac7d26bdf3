/* SPDX-License-Identifier: MIT */
/*
 * The three-byte opcode map 0F 38 (Intel SDM Vol. 2D, Table A-4): SSSE3
 * on MMX (no prefix) and XMM (66) registers, SSE4.1 and SSE4.2 (66), AES
 * (66), CRC32 (F2) and MOVBE (memory only; 66 makes it 16-bit). Every
 * slot has a ModRM. A slot is a group whose row comes from
 * sse_0f38_rows[opcode][prefix column] (none, 66, F3, F2; F2/F3 win over
 * 66). Slots this decoder does not know yet (SHA, ADCX/ADOX, INVEPT...)
 * stay "not yet" with their length.
 */
#include "target-i386/decode-internal.h"

#define SSSE3(m) OP2C(m, P_q, Q_q, 0, SSSE3), OP2C(m, V_x, W_x, 0, SSSE3)
#define SSE41(m) INVALID, OP2C(m, V_x, W_x, 0, SSE41)
#define PMOV(m, sz) INVALID, OP2C(m, V_x, sz, 0, SSE41)

static const X86OpRow sse_0f38_rows[256][4] = {
    [0x00] = { SSSE3(PSHUFB) },
    [0x01] = { SSSE3(PHADDW) },
    [0x02] = { SSSE3(PHADDD) },
    [0x03] = { SSSE3(PHADDSW) },
    [0x04] = { SSSE3(PMADDUBSW) },
    [0x05] = { SSSE3(PHSUBW) },
    [0x06] = { SSSE3(PHSUBD) },
    [0x07] = { SSSE3(PHSUBSW) },
    [0x08] = { SSSE3(PSIGNB) },
    [0x09] = { SSSE3(PSIGNW) },
    [0x0a] = { SSSE3(PSIGND) },
    [0x0b] = { SSSE3(PMULHRSW) },
    [0x10] = { SSE41(PBLENDVB) },
    [0x14] = { SSE41(BLENDVPS) },
    [0x15] = { SSE41(BLENDVPD) },
    [0x17] = { SSE41(PTEST) },
    [0x1c] = { SSSE3(PABSB) },
    [0x1d] = { SSSE3(PABSW) },
    [0x1e] = { SSSE3(PABSD) },
    [0x20] = { PMOV(PMOVSXBW, W_q) },
    [0x21] = { PMOV(PMOVSXBD, W_d) },
    [0x22] = { PMOV(PMOVSXBQ, W_w) },
    [0x23] = { PMOV(PMOVSXWD, W_q) },
    [0x24] = { PMOV(PMOVSXWQ, W_d) },
    [0x25] = { PMOV(PMOVSXDQ, W_q) },
    [0x28] = { SSE41(PMULDQ) },
    [0x29] = { SSE41(PCMPEQQ) },
    [0x2a] = { INVALID, OP2C(MOVNTDQA, V_x, M_dq, 0, SSE41) },
    [0x2b] = { SSE41(PACKUSDW) },
    [0x30] = { PMOV(PMOVZXBW, W_q) },
    [0x31] = { PMOV(PMOVZXBD, W_d) },
    [0x32] = { PMOV(PMOVZXBQ, W_w) },
    [0x33] = { PMOV(PMOVZXWD, W_q) },
    [0x34] = { PMOV(PMOVZXWQ, W_d) },
    [0x35] = { PMOV(PMOVZXDQ, W_q) },
    [0x37] = { INVALID, OP2C(PCMPGTQ, V_x, W_x, 0, SSE42) },
    [0x38] = { SSE41(PMINSB) },
    [0x39] = { SSE41(PMINSD) },
    [0x3a] = { SSE41(PMINUW) },
    [0x3b] = { SSE41(PMINUD) },
    [0x3c] = { SSE41(PMAXSB) },
    [0x3d] = { SSE41(PMAXSD) },
    [0x3e] = { SSE41(PMAXUW) },
    [0x3f] = { SSE41(PMAXUD) },
    [0x40] = { SSE41(PMULLD) },
    [0x41] = { SSE41(PHMINPOSUW) },
    [0xdb] = { INVALID, OP2C(AESIMC, V_x, W_x, 0, AES) },
    [0xdc] = { INVALID, OP2C(AESENC, V_x, W_x, 0, AES) },
    [0xdd] = { INVALID, OP2C(AESENCLAST, V_x, W_x, 0, AES) },
    [0xde] = { INVALID, OP2C(AESDEC, V_x, W_x, 0, AES) },
    [0xdf] = { INVALID, OP2C(AESDECLAST, V_x, W_x, 0, AES) },
    [0xf0] = { OP2C(MOVBE, G_v, M_v, 0, MOVBE),
               OP2C(MOVBE, G_v, M_v, 0, MOVBE),
               [3] = OP2C(CRC32, G_y, E_b, 0, SSE42) },
    [0xf1] = { OP2C(MOVBE, M_v, G_v, 0, MOVBE),
               OP2C(MOVBE, M_v, G_v, 0, MOVBE),
               [3] = OP2C(CRC32, G_y, E_v, 0, SSE42) },
};

static const X86OpRow row_notyet = NOTYET("0F 38 map", F_MODRM);

/* An opcode with no row in any column is one this decoder does not know. */
static bool known_0f38(unsigned op)
{
    for (unsigned i = 0; i < 4; i++) {
        if (sse_0f38_rows[op][i].kind != X86_ROW_INVALID) {
            return true;
        }
    }
    return false;
}

static const X86OpRow *sse_0f38_select(const X86DecodeState *s)
{
    unsigned op = s->insn->opcode;
    unsigned col = x86_pfx_f3(s) ? 2 : x86_pfx_f2(s) ? 3
                 : x86_pfx_66(s) ? 1 : 0;

    if (!known_0f38(op)) {
        return &row_notyet;
    }
    return &sse_0f38_rows[op][col];
}

const X86OpRow x86_map_0f38[256] = {
    [0x00 ... 0xff] = GROUP(sse_0f38_select),
};
