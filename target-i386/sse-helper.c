/* SPDX-License-Identifier: MIT */
/*
 * MMX and SSE-SSE4.2 integer helpers, and the dispatch of every vector
 * operation that needs more than a few IR ops. Operations without an
 * immediate run the very same instruction on the host (exact by
 * construction; the TCG backend is x86-64 only, see docs/devel/sse.md);
 * those with an imm8 (shuffles, blends, inserts, MPSADBW, byte shifts)
 * are plain C. The MMX forms run as the XMM form on the low quadword,
 * with the inputs arranged where the 64-bit form differs (PUNPCKH*,
 * PACK*, PHADD*, PHSUB*, PSHUFB). Floating point is sse-helper-fp.c.
 */
#include "target-i386/sse-helper.h"

#include <string.h>

/* One host instruction "insn src, dst" on @a with @b as the source. */
#define HOST2(insn) asm(insn " %1, %0" : "+x"(a) : "x"(b))

/* The integer operations without an immediate; false if @op is not one. */
static bool sse_int_host(uint32_t op, SseVec *pa, SseVec b)
{
    SseVec a = *pa;

    switch (op) {
    case X86_PADDB: HOST2("paddb"); break;
    case X86_PADDW: HOST2("paddw"); break;
    case X86_PADDD: HOST2("paddd"); break;
    case X86_PADDQ: HOST2("paddq"); break;
    case X86_PSUBB: HOST2("psubb"); break;
    case X86_PSUBW: HOST2("psubw"); break;
    case X86_PSUBD: HOST2("psubd"); break;
    case X86_PSUBQ: HOST2("psubq"); break;
    case X86_PADDSB: HOST2("paddsb"); break;
    case X86_PADDSW: HOST2("paddsw"); break;
    case X86_PADDUSB: HOST2("paddusb"); break;
    case X86_PADDUSW: HOST2("paddusw"); break;
    case X86_PSUBSB: HOST2("psubsb"); break;
    case X86_PSUBSW: HOST2("psubsw"); break;
    case X86_PSUBUSB: HOST2("psubusb"); break;
    case X86_PSUBUSW: HOST2("psubusw"); break;
    case X86_PMULLW: HOST2("pmullw"); break;
    case X86_PMULHW: HOST2("pmulhw"); break;
    case X86_PMULHUW: HOST2("pmulhuw"); break;
    case X86_PMULUDQ: HOST2("pmuludq"); break;
    case X86_PMADDWD: HOST2("pmaddwd"); break;
    case X86_PSADBW: HOST2("psadbw"); break;
    case X86_PAVGB: HOST2("pavgb"); break;
    case X86_PAVGW: HOST2("pavgw"); break;
    case X86_PMINUB: HOST2("pminub"); break;
    case X86_PMAXUB: HOST2("pmaxub"); break;
    case X86_PMINSW: HOST2("pminsw"); break;
    case X86_PMAXSW: HOST2("pmaxsw"); break;
    case X86_PCMPEQB: HOST2("pcmpeqb"); break;
    case X86_PCMPEQW: HOST2("pcmpeqw"); break;
    case X86_PCMPEQD: HOST2("pcmpeqd"); break;
    case X86_PCMPGTB: HOST2("pcmpgtb"); break;
    case X86_PCMPGTW: HOST2("pcmpgtw"); break;
    case X86_PCMPGTD: HOST2("pcmpgtd"); break;
    case X86_PAND: case X86_ANDPS: case X86_ANDPD: HOST2("pand"); break;
    case X86_PANDN: case X86_ANDNPS: case X86_ANDNPD: HOST2("pandn"); break;
    case X86_POR: case X86_ORPS: case X86_ORPD: HOST2("por"); break;
    case X86_PXOR: case X86_XORPS: case X86_XORPD: HOST2("pxor"); break;
    case X86_PSRLW: HOST2("psrlw"); break;
    case X86_PSRAW: HOST2("psraw"); break;
    case X86_PSLLW: HOST2("psllw"); break;
    case X86_PSRLD: HOST2("psrld"); break;
    case X86_PSRAD: HOST2("psrad"); break;
    case X86_PSLLD: HOST2("pslld"); break;
    case X86_PSRLQ: HOST2("psrlq"); break;
    case X86_PSLLQ: HOST2("psllq"); break;
    case X86_PACKSSWB: HOST2("packsswb"); break;
    case X86_PACKSSDW: HOST2("packssdw"); break;
    case X86_PACKUSWB: HOST2("packuswb"); break;
    case X86_PUNPCKLBW: HOST2("punpcklbw"); break;
    case X86_PUNPCKLWD: HOST2("punpcklwd"); break;
    case X86_PUNPCKLDQ: HOST2("punpckldq"); break;
    case X86_PUNPCKHBW: HOST2("punpckhbw"); break;
    case X86_PUNPCKHWD: HOST2("punpckhwd"); break;
    case X86_PUNPCKHDQ: HOST2("punpckhdq"); break;
    case X86_PUNPCKLQDQ: HOST2("punpcklqdq"); break;
    case X86_PUNPCKHQDQ: HOST2("punpckhqdq"); break;
    case X86_UNPCKLPS: HOST2("unpcklps"); break;
    case X86_UNPCKLPD: HOST2("unpcklpd"); break;
    case X86_UNPCKHPS: HOST2("unpckhps"); break;
    case X86_UNPCKHPD: HOST2("unpckhpd"); break;
    case X86_PSHUFB: HOST2("pshufb"); break;
    case X86_PHADDW: HOST2("phaddw"); break;
    case X86_PHADDD: HOST2("phaddd"); break;
    case X86_PHADDSW: HOST2("phaddsw"); break;
    case X86_PMADDUBSW: HOST2("pmaddubsw"); break;
    case X86_PHSUBW: HOST2("phsubw"); break;
    case X86_PHSUBD: HOST2("phsubd"); break;
    case X86_PHSUBSW: HOST2("phsubsw"); break;
    case X86_PSIGNB: HOST2("psignb"); break;
    case X86_PSIGNW: HOST2("psignw"); break;
    case X86_PSIGND: HOST2("psignd"); break;
    case X86_PMULHRSW: HOST2("pmulhrsw"); break;
    case X86_PABSB: HOST2("pabsb"); break;
    case X86_PABSW: HOST2("pabsw"); break;
    case X86_PABSD: HOST2("pabsd"); break;
    case X86_PMOVSXBW: HOST2("pmovsxbw"); break;
    case X86_PMOVSXBD: HOST2("pmovsxbd"); break;
    case X86_PMOVSXBQ: HOST2("pmovsxbq"); break;
    case X86_PMOVSXWD: HOST2("pmovsxwd"); break;
    case X86_PMOVSXWQ: HOST2("pmovsxwq"); break;
    case X86_PMOVSXDQ: HOST2("pmovsxdq"); break;
    case X86_PMOVZXBW: HOST2("pmovzxbw"); break;
    case X86_PMOVZXBD: HOST2("pmovzxbd"); break;
    case X86_PMOVZXBQ: HOST2("pmovzxbq"); break;
    case X86_PMOVZXWD: HOST2("pmovzxwd"); break;
    case X86_PMOVZXWQ: HOST2("pmovzxwq"); break;
    case X86_PMOVZXDQ: HOST2("pmovzxdq"); break;
    case X86_PMULDQ: HOST2("pmuldq"); break;
    case X86_PCMPEQQ: HOST2("pcmpeqq"); break;
    case X86_PACKUSDW: HOST2("packusdw"); break;
    case X86_PCMPGTQ: HOST2("pcmpgtq"); break;
    case X86_PMINSB: HOST2("pminsb"); break;
    case X86_PMINSD: HOST2("pminsd"); break;
    case X86_PMINUW: HOST2("pminuw"); break;
    case X86_PMINUD: HOST2("pminud"); break;
    case X86_PMAXSB: HOST2("pmaxsb"); break;
    case X86_PMAXSD: HOST2("pmaxsd"); break;
    case X86_PMAXUW: HOST2("pmaxuw"); break;
    case X86_PMAXUD: HOST2("pmaxud"); break;
    case X86_PMULLD: HOST2("pmulld"); break;
    case X86_PHMINPOSUW: HOST2("phminposuw"); break;
    default:
        return false;
    }
    *pa = a;
    return true;
}

/* Blend elements of @esize bytes of @b into @a where @mask has a bit. */
static SseVec blend(SseVec a, SseVec b, unsigned esize, unsigned mask)
{
    uint8_t *pa = (uint8_t *)&a, *pb = (uint8_t *)&b;

    for (unsigned i = 0; i < 16 / esize; i++) {
        if (mask & (1u << i)) {
            memcpy(pa + i * esize, pb + i * esize, esize);
        }
    }
    return a;
}

/* A mask bit per element from the sign bit of each element of XMM0. */
static unsigned xmm0_signs(CPUX86State *env, unsigned esize)
{
    unsigned m = 0;

    for (unsigned i = 0; i < 16 / esize; i++) {
        if (env->xmm[0].b[i * esize + esize - 1] & 0x80) {
            m |= 1u << i;
        }
    }
    return m;
}

static SseVec shuffle32(SseVec a, SseVec b, unsigned imm)
{
    uint32_t *x = (uint32_t *)&a, *y = (uint32_t *)&b, r[4];

    r[0] = x[imm & 3];
    r[1] = x[(imm >> 2) & 3];
    r[2] = y[(imm >> 4) & 3];
    r[3] = y[(imm >> 6) & 3];
    memcpy(&a, r, 16);
    return a;
}

static SseVec shuffle16(SseVec v, unsigned half, unsigned imm)
{
    uint16_t *w = (uint16_t *)&v + 4 * half, r[4];

    for (unsigned i = 0; i < 4; i++) {
        r[i] = w[(imm >> (2 * i)) & 3];
    }
    memcpy(w, r, 8);
    return v;
}

/* PALIGNR: (a:b) >> 8*imm, of @n bytes each. */
static SseVec palignr(SseVec a, SseVec b, unsigned n, unsigned imm)
{
    uint8_t cat[32] = { 0 }, r[16] = { 0 };

    memcpy(cat, &b, n);
    memcpy(cat + n, &a, n);
    for (unsigned i = 0; i < n; i++) {
        r[i] = imm + i < 2 * n ? cat[imm + i] : 0;
    }
    memcpy(&a, r, 16);
    return a;
}

/* PSLLDQ/PSRLDQ by @imm bytes (16 and more clear it). */
static SseVec byte_shift(SseVec a, unsigned imm, bool left)
{
    uint8_t x[16], r[16] = { 0 };

    memcpy(x, &a, 16);
    for (unsigned i = 0; i < 16 && imm < 16; i++) {
        if (left && i >= imm) {
            r[i] = x[i - imm];
        } else if (!left && i + imm < 16) {
            r[i] = x[i + imm];
        }
    }
    memcpy(&a, r, 16);
    return a;
}

/* MPSADBW (SDM Vol. 2B): eight sums of absolute differences. */
static SseVec mpsadbw(SseVec a, SseVec b, unsigned imm)
{
    uint8_t x[16], y[16];
    uint16_t r[8];
    unsigned ao = (imm & 4) ? 4 : 0, bo = (imm & 3) * 4;

    memcpy(x, &a, 16);
    memcpy(y, &b, 16);
    for (unsigned i = 0; i < 8; i++) {
        unsigned sum = 0;
        for (unsigned j = 0; j < 4; j++) {
            int d = x[ao + i + j] - y[bo + j];
            sum += d < 0 ? -d : d;
        }
        r[i] = sum;
    }
    memcpy(&a, r, 16);
    return a;
}

/* INSERTPS: element imm[7:6] of b (or b's low one) to imm[5:4], zmask. */
static SseVec insertps(SseVec a, SseVec b, unsigned imm, bool reg)
{
    uint32_t *x = (uint32_t *)&a, *y = (uint32_t *)&b;

    x[(imm >> 4) & 3] = y[reg ? (imm >> 6) & 3 : 0];
    for (unsigned i = 0; i < 4; i++) {
        if (imm & (1u << i)) {
            x[i] = 0;
        }
    }
    return a;
}

/* The operations with an immediate and the blends; false if not one. */
static bool sse_int_imm(CPUX86State *env, uint32_t op, SseVec *a, SseVec b,
                        uint32_t imm, bool mmx)
{
    switch (op) {
    case X86_PSHUFD:
        *a = shuffle32(b, b, imm);
        return true;
    case X86_SHUFPS:
        *a = shuffle32(*a, b, imm);
        return true;
    case X86_SHUFPD:
        *a = (SseVec){ (*a)[imm & 1], b[(imm >> 1) & 1] };
        return true;
    case X86_PSHUFLW:
        *a = shuffle16(b, 0, imm);
        return true;
    case X86_PSHUFHW:
        *a = shuffle16(b, 1, imm);
        return true;
    case X86_PSHUFW:
        *a = shuffle16(b, 0, imm);
        return true;
    case X86_PALIGNR:
        *a = palignr(*a, b, mmx ? 8 : 16, imm);
        return true;
    case X86_PSRLDQ:
        *a = byte_shift(*a, imm, false);
        return true;
    case X86_PSLLDQ:
        *a = byte_shift(*a, imm, true);
        return true;
    case X86_PBLENDW:
        *a = blend(*a, b, 2, imm);
        return true;
    case X86_BLENDPS:
        *a = blend(*a, b, 4, imm & 15);
        return true;
    case X86_BLENDPD:
        *a = blend(*a, b, 8, imm & 3);
        return true;
    case X86_PBLENDVB:
        *a = blend(*a, b, 1, xmm0_signs(env, 1));
        return true;
    case X86_BLENDVPS:
        *a = blend(*a, b, 4, xmm0_signs(env, 4));
        return true;
    case X86_BLENDVPD:
        *a = blend(*a, b, 8, xmm0_signs(env, 8));
        return true;
    case X86_MPSADBW:
        *a = mpsadbw(*a, b, imm);
        return true;
    case X86_INSERTPS:
        *a = insertps(*a, b, imm, imm & 0x100);
        return true;
    default:
        return false;
    }
}

/*
 * MMX forms that are not simply the XMM form's low quadword: arrange the
 * inputs so that they are, or name the operation that is.
 */
static uint32_t mmx_arrange(uint32_t op, SseVec *a, SseVec *b)
{
    switch (op) {
    case X86_PUNPCKHBW:
    case X86_PUNPCKHWD:
    case X86_PUNPCKHDQ:
        (*a)[0] >>= 32;
        (*b)[0] >>= 32;
        return op - X86_PUNPCKHBW + X86_PUNPCKLBW;
    case X86_PACKSSWB: case X86_PACKSSDW: case X86_PACKUSWB:
    case X86_PHADDW: case X86_PHADDD: case X86_PHADDSW:
    case X86_PHSUBW: case X86_PHSUBD: case X86_PHSUBSW:
        (*a)[1] = (*b)[0];
        return op;
    case X86_PSHUFB:
        (*a)[1] = (*a)[0];
        (*b)[0] &= 0x8787878787878787ull;
        return op;
    default:
        return op;
    }
}

void helper_sse_op(CPUX86State *env, uint32_t op, uint64_t dst, uint64_t lo,
                   uint64_t hi, uint32_t imm)
{
    uintptr_t ra = GETPC();
    bool mmx = op & SSE_OP_MMX;
    uint8_t *d = (uint8_t *)env + dst;
    SseVec a = { 0, 0 }, b = { lo, hi };

    op &= ~SSE_OP_MMX;
    memcpy(&a, d, mmx ? 8 : 16);
    if (mmx) {
        op = mmx_arrange(op, &a, &b);
    }
    if (!sse_int_host(op, &a, b) && !sse_int_imm(env, op, &a, b, imm, mmx) &&
        !sse_crypto_op(op, &a, b, imm) && !sse_fp_op(env, op, &a, b, imm, ra)) {
        g_assert_not_reached();
    }
    memcpy(d, &a, mmx ? 8 : 16);
    if (mmx) {
        d[8] = d[9] = 0xff;
    }
}

uint64_t helper_sse_movmsk(uint32_t op, uint64_t lo, uint64_t hi)
{
    SseVec v = { lo, hi };
    uint32_t r;

    switch (op) {
    case X86_MOVMSKPS:
        asm("movmskps %1, %0" : "=r"(r) : "x"(v));
        break;
    case X86_MOVMSKPD:
        asm("movmskpd %1, %0" : "=r"(r) : "x"(v));
        break;
    default:
        asm("pmovmskb %1, %0" : "=r"(r) : "x"(v));
        break;
    }
    return r;
}

uint64_t helper_sse_ptest(uint64_t alo, uint64_t ahi, uint64_t blo,
                          uint64_t bhi)
{
    uint64_t f = 0;

    if (!((alo & blo) | (ahi & bhi))) {
        f |= EFLAGS_ZF;
    }
    if (!((~alo & blo) | (~ahi & bhi))) {
        f |= EFLAGS_CF;
    }
    return f;
}

uint64_t helper_crc32(uint64_t crc, uint64_t v, uint32_t size)
{
    uint32_t c = crc;

    switch (size) {
    case 1:
        asm("crc32b %1, %0" : "+r"(c) : "r"((uint8_t)v));
        break;
    case 2:
        asm("crc32w %1, %0" : "+r"(c) : "r"((uint16_t)v));
        break;
    case 4:
        asm("crc32l %1, %0" : "+r"(c) : "r"((uint32_t)v));
        break;
    default: {
        uint64_t c64 = c;
        asm("crc32q %1, %0" : "+r"(c64) : "r"(v));
        c = c64;
        break;
    }
    }
    return c;
}

void helper_enter_mmx(CPUX86State *env)
{
    if (env->fpus & 0x80) {
        x86_raise_exception_ra(env, EXCP10_COPR, GETPC());
    }
    env->fpus &= ~0x3800;
    env->fptw = 0;
}

void helper_emms(CPUX86State *env)
{
    env->fptw = 0xffff;
}
