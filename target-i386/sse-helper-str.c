/* SPDX-License-Identifier: MIT */
/*
 * SSE4.2's packed string compares PCMPESTRI, PCMPESTRM, PCMPISTRI and
 * PCMPISTRM, run on the host like the rest of sse-helper*.c (the TCG
 * backend is x86-64 only; docs/devel/sse.md). The imm8 selects the
 * element type, the aggregation, the polarity and the output, and it must
 * be an immediate of the host instruction, so each instruction has a
 * switch of 256 cases, one per imm8, built by SSE_IMM8_CASES from a single
 * case body (grep for the mnemonic finds it). The explicit lengths always
 * run as the REX.W form: a 32-bit EAX/EDX sign-extended to 64 bits has the
 * same saturated absolute value (SDM Vol. 2B, 4.1.2 "Data Formats"), so
 * the host computes what the guest's form would.
 */
#include "target-i386/sse-helper.h"

#include <stdbool.h>
#include <string.h>

/* What the host instruction leaves: ECX or XMM0, and CF ZF SF OF. */
typedef struct PcmpstrOut {
    SseVec mask;
    uint32_t index;
    bool cf, zf, sf, of;
} PcmpstrOut;

/* The index forms: "insn $imm, b, a" with the lengths in RAX and RDX. */
#define PCMPSTR_INDEX_CASE(insn, imm)                                       \
    case imm:                                                               \
        asm(insn " $" #imm ", %[b], %[a]"                                   \
            : "=c"(o->index), "=@ccc"(o->cf), "=@ccz"(o->zf),               \
              "=@ccs"(o->sf), "=@cco"(o->of)                                \
            : [a] "x"(a), [b] "x"(b), "a"(la), "d"(lb));                    \
        break;

/* The mask forms: the result is XMM0 ("Yz"). */
#define PCMPSTR_MASK_CASE(insn, imm)                                        \
    case imm:                                                               \
        asm(insn " $" #imm ", %[b], %[a]"                                   \
            : "=Yz"(o->mask), "=@ccc"(o->cf), "=@ccz"(o->zf),               \
              "=@ccs"(o->sf), "=@cco"(o->of)                                \
            : [a] "x"(a), [b] "x"(b), "a"(la), "d"(lb));                    \
        break;

static void host_pcmpestri(PcmpstrOut *o, SseVec a, SseVec b, int64_t la,
                           int64_t lb, unsigned imm)
{
    switch (imm) {
    SSE_IMM8_CASES(PCMPSTR_INDEX_CASE, "pcmpestriq")
    }
}

static void host_pcmpestrm(PcmpstrOut *o, SseVec a, SseVec b, int64_t la,
                           int64_t lb, unsigned imm)
{
    switch (imm) {
    SSE_IMM8_CASES(PCMPSTR_MASK_CASE, "pcmpestrmq")
    }
}

static void host_pcmpistri(PcmpstrOut *o, SseVec a, SseVec b, int64_t la,
                           int64_t lb, unsigned imm)
{
    switch (imm) {
    SSE_IMM8_CASES(PCMPSTR_INDEX_CASE, "pcmpistri")
    }
}

static void host_pcmpistrm(PcmpstrOut *o, SseVec a, SseVec b, int64_t la,
                           int64_t lb, unsigned imm)
{
    switch (imm) {
    SSE_IMM8_CASES(PCMPSTR_MASK_CASE, "pcmpistrm")
    }
}

uint64_t helper_sse_pcmpstr(CPUX86State *env, uint32_t ctl, uint64_t lo,
                            uint64_t hi, uint64_t eax, uint64_t edx)
{
    unsigned op = ctl & 0xffff, imm = (ctl >> 16) & 0xff;
    unsigned reg = (ctl >> 24) & 15;
    bool wide = ctl & PCMPSTR_REX_W;
    SseVec a, b = { lo, hi };
    int64_t la = wide ? (int64_t)eax : (int32_t)eax;
    int64_t lb = wide ? (int64_t)edx : (int32_t)edx;
    PcmpstrOut o = { { 0, 0 }, 0, false, false, false, false };
    uint64_t flags;

    memcpy(&a, &env->xmm[reg], sizeof(a));
    switch (op) {
    case X86_PCMPESTRI:
        host_pcmpestri(&o, a, b, la, lb, imm);
        break;
    case X86_PCMPESTRM:
        host_pcmpestrm(&o, a, b, la, lb, imm);
        break;
    case X86_PCMPISTRI:
        host_pcmpistri(&o, a, b, la, lb, imm);
        break;
    default:
        host_pcmpistrm(&o, a, b, la, lb, imm);
        break;
    }
    if (op == X86_PCMPESTRM || op == X86_PCMPISTRM) {
        memcpy(&env->xmm[0], &o.mask, sizeof(o.mask));
    }
    flags = (o.cf ? EFLAGS_CF : 0) | (o.zf ? EFLAGS_ZF : 0) |
            (o.sf ? EFLAGS_SF : 0) | (o.of ? EFLAGS_OF : 0);
    return flags | (uint64_t)o.index << 32;
}
