/* SPDX-License-Identifier: MIT */
/*
 * PCLMULQDQ and AES-NI (AESENC, AESENCLAST, AESDEC, AESDECLAST, AESIMC,
 * AESKEYGENASSIST) for helper_sse_op, run on the host like the rest of
 * sse-helper*.c. PCLMULQDQ reads imm8 bits 0 and 4 only, so four cases
 * name every multiplication; AESKEYGENASSIST uses the whole imm8 as its
 * round constant, so its switch has a case per value (SSE_IMM8_CASES).
 */
#include "target-i386/sse-helper.h"

#define HOST2(insn) asm(insn " %1, %0" : "+x"(a) : "x"(b))
#define HOST2I(insn, i) asm(insn " $" #i ", %1, %0" : "+x"(a) : "x"(b))

/* PCLMULQDQ: quadword imm[0] of a times quadword imm[4] of b. */
static SseVec host_pclmulqdq(SseVec a, SseVec b, unsigned imm)
{
    switch (imm & 0x11) {
    case 0x00: HOST2I("pclmulqdq", 0x00); break;
    case 0x01: HOST2I("pclmulqdq", 0x01); break;
    case 0x10: HOST2I("pclmulqdq", 0x10); break;
    default: HOST2I("pclmulqdq", 0x11); break;
    }
    return a;
}

#define AESKEYGEN_CASE(insn, imm) case imm: HOST2I(insn, imm); break;

static SseVec host_aeskeygenassist(SseVec a, SseVec b, unsigned imm)
{
    switch (imm & 0xff) {
    SSE_IMM8_CASES(AESKEYGEN_CASE, "aeskeygenassist")
    }
    return a;
}

bool sse_crypto_op(uint32_t op, SseVec *pa, SseVec b, uint32_t imm)
{
    SseVec a = *pa;

    switch (op) {
    case X86_PCLMULQDQ: a = host_pclmulqdq(a, b, imm); break;
    case X86_AESENC: HOST2("aesenc"); break;
    case X86_AESENCLAST: HOST2("aesenclast"); break;
    case X86_AESDEC: HOST2("aesdec"); break;
    case X86_AESDECLAST: HOST2("aesdeclast"); break;
    case X86_AESIMC: HOST2("aesimc"); break;
    case X86_AESKEYGENASSIST: a = host_aeskeygenassist(a, b, imm); break;
    default:
        return false;
    }
    *pa = a;
    return true;
}
