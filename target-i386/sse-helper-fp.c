/* SPDX-License-Identifier: MIT */
/*
 * SSE-SSE4.1 floating point, run on the host. The helper loads the
 * guest's MXCSR into the host (rounding, DAZ, FTZ; every exception
 * masked and the flags clear), executes the same instruction, reads the
 * flags back and restores the host's MXCSR. The flags go into the
 * guest's MXCSR; if one of them is unmasked there, the instruction
 * raises #XM (CR4.OSXMMEXCPT=1) or #UD and writes no destination (SDM
 * Vol. 1, 11.5.1 and 11.5.3). Approximations (RCPPS, RSQRTPS) are the
 * host's, which is the CPU the guest would run on under KVM. Only an
 * x86-64 host can do this; docs/devel/sse.md has the portability note.
 */
#include "target-i386/sse-helper.h"

#include <string.h>

typedef struct HostMxcsr {
    uint32_t saved;
} HostMxcsr;

static void fp_begin(CPUX86State *env, HostMxcsr *h)
{
    uint32_t m = (env->mxcsr & ~MXCSR_FLAGS) | MXCSR_MASKS;

    asm volatile("stmxcsr %0" : "=m"(h->saved));
    asm volatile("ldmxcsr %0" : : "m"(m) : "memory");
}

static uint32_t fp_end(HostMxcsr *h)
{
    uint32_t m;

    asm volatile("stmxcsr %0" : "=m"(m) : : "memory");
    asm volatile("ldmxcsr %0" : : "m"(h->saved));
    return m & MXCSR_FLAGS;
}

/*
 * Merge @flags into MXCSR; an unmasked one raises #XM, or #UD when the
 * OS has not set CR4.OSXMMEXCPT (SDM Vol. 3A, 6.15 "Interrupt 19").
 */
static void fp_flags(CPUX86State *env, uint32_t flags, uintptr_t ra)
{
    uint32_t unmasked = flags & ~(env->mxcsr >> 7) & MXCSR_FLAGS;

    env->mxcsr |= flags;
    if (unmasked) {
        x86_raise_exception_ra(env, (env->cr[4] & CR4_OSXMMEXCPT)
                                    ? EXCP13_XMM : EXCP06_ILLOP, ra);
    }
}

#define HOST2(insn) asm volatile(insn " %1, %0" : "+x"(a) : "x"(b))
#define HOST2I(insn, i) \
    asm volatile(insn " $" #i ", %1, %0" : "+x"(a) : "x"(b))

/* CMPPS & co.: the predicate must be an immediate of the instruction. */
static SseVec fp_cmp(uint32_t op, SseVec a, SseVec b, unsigned pred)
{
    switch (op * 8 + pred) {
    case X86_CMPPS * 8 + 0: HOST2I("cmpps", 0); break;
    case X86_CMPPS * 8 + 1: HOST2I("cmpps", 1); break;
    case X86_CMPPS * 8 + 2: HOST2I("cmpps", 2); break;
    case X86_CMPPS * 8 + 3: HOST2I("cmpps", 3); break;
    case X86_CMPPS * 8 + 4: HOST2I("cmpps", 4); break;
    case X86_CMPPS * 8 + 5: HOST2I("cmpps", 5); break;
    case X86_CMPPS * 8 + 6: HOST2I("cmpps", 6); break;
    case X86_CMPPS * 8 + 7: HOST2I("cmpps", 7); break;
    case X86_CMPPD * 8 + 0: HOST2I("cmppd", 0); break;
    case X86_CMPPD * 8 + 1: HOST2I("cmppd", 1); break;
    case X86_CMPPD * 8 + 2: HOST2I("cmppd", 2); break;
    case X86_CMPPD * 8 + 3: HOST2I("cmppd", 3); break;
    case X86_CMPPD * 8 + 4: HOST2I("cmppd", 4); break;
    case X86_CMPPD * 8 + 5: HOST2I("cmppd", 5); break;
    case X86_CMPPD * 8 + 6: HOST2I("cmppd", 6); break;
    case X86_CMPPD * 8 + 7: HOST2I("cmppd", 7); break;
    case X86_CMPSS * 8 + 0: HOST2I("cmpss", 0); break;
    case X86_CMPSS * 8 + 1: HOST2I("cmpss", 1); break;
    case X86_CMPSS * 8 + 2: HOST2I("cmpss", 2); break;
    case X86_CMPSS * 8 + 3: HOST2I("cmpss", 3); break;
    case X86_CMPSS * 8 + 4: HOST2I("cmpss", 4); break;
    case X86_CMPSS * 8 + 5: HOST2I("cmpss", 5); break;
    case X86_CMPSS * 8 + 6: HOST2I("cmpss", 6); break;
    case X86_CMPSS * 8 + 7: HOST2I("cmpss", 7); break;
    case X86_CMPSD_X * 8 + 0: HOST2I("cmpsd", 0); break;
    case X86_CMPSD_X * 8 + 1: HOST2I("cmpsd", 1); break;
    case X86_CMPSD_X * 8 + 2: HOST2I("cmpsd", 2); break;
    case X86_CMPSD_X * 8 + 3: HOST2I("cmpsd", 3); break;
    case X86_CMPSD_X * 8 + 4: HOST2I("cmpsd", 4); break;
    case X86_CMPSD_X * 8 + 5: HOST2I("cmpsd", 5); break;
    case X86_CMPSD_X * 8 + 6: HOST2I("cmpsd", 6); break;
    case X86_CMPSD_X * 8 + 7: HOST2I("cmpsd", 7); break;
    }
    return a;
}

/* ROUND*: imm bit 2 takes MXCSR.RC, else imm[1:0] is the rounding mode. */
static SseVec fp_round(uint32_t op, SseVec a, SseVec b, unsigned imm)
{
    uint32_t m;

    if (!(imm & 4)) {
        asm volatile("stmxcsr %0" : "=m"(m));
        m = (m & ~(3u << MXCSR_RC_SHIFT)) | (imm & 3) << MXCSR_RC_SHIFT;
        asm volatile("ldmxcsr %0" : : "m"(m) : "memory");
    }
    switch (op) {
    case X86_ROUNDPS: HOST2I("roundps", 4); break;
    case X86_ROUNDPD: HOST2I("roundpd", 4); break;
    case X86_ROUNDSS: HOST2I("roundss", 4); break;
    default: HOST2I("roundsd", 4); break;
    }
    if (imm & 8) {
        asm volatile("stmxcsr %0" : "=m"(m));
        m &= ~0x20u;
        asm volatile("ldmxcsr %0" : : "m"(m) : "memory");
    }
    return a;
}

/*
 * DPPS/DPPD (SDM Vol. 2A): products of the elements imm[7:4] selects,
 * summed, into the elements imm[3:0] selects. The host's DPPS with every
 * product selected, on inputs whose unselected elements are +0.0 (a +0.0
 * product, as the SDM's), then the result placed in C.
 */
static SseVec fp_dpps(SseVec a, SseVec b, unsigned imm)
{
    uint32_t x[4], y[4], r[4] = { 0 };
    SseVec lanes[4];

    memcpy(x, &a, 16);
    memcpy(y, &b, 16);
    for (unsigned i = 0; i < 4; i++) {
        if (!(imm & (16u << i))) {
            x[i] = y[i] = 0;
        }
    }
    memcpy(&a, x, 16);
    memcpy(&b, y, 16);
    /* Each lane's sum propagates NaNs in its own order: one per lane. */
    lanes[0] = lanes[1] = lanes[2] = lanes[3] = a;
    asm volatile("dpps $0xf1, %1, %0" : "+x"(lanes[0]) : "x"(b));
    asm volatile("dpps $0xf2, %1, %0" : "+x"(lanes[1]) : "x"(b));
    asm volatile("dpps $0xf4, %1, %0" : "+x"(lanes[2]) : "x"(b));
    asm volatile("dpps $0xf8, %1, %0" : "+x"(lanes[3]) : "x"(b));
    for (unsigned i = 0; i < 4; i++) {
        if (imm & (1u << i)) {
            memcpy(&r[i], (uint32_t *)&lanes[i] + i, 4);
        }
    }
    memcpy(&a, r, 16);
    return a;
}

static SseVec fp_dppd(SseVec a, SseVec b, unsigned imm)
{
    SseVec lo, hi;

    for (unsigned i = 0; i < 2; i++) {
        if (!(imm & (16u << i))) {
            a[i] = b[i] = 0;
        }
    }
    lo = hi = a;
    asm volatile("dppd $0x31, %1, %0" : "+x"(lo) : "x"(b));
    asm volatile("dppd $0x32, %1, %0" : "+x"(hi) : "x"(b));
    a[0] = (imm & 1) ? lo[0] : 0;
    a[1] = (imm & 2) ? hi[1] : 0;
    return a;
}

/* The operations themselves; false if @op is none of them. */
static bool fp_host(uint32_t op, SseVec *pa, SseVec b, uint32_t imm)
{
    SseVec a = *pa;

    switch (op) {
    case X86_ADDPS: HOST2("addps"); break;
    case X86_ADDPD: HOST2("addpd"); break;
    case X86_ADDSS: HOST2("addss"); break;
    case X86_ADDSD: HOST2("addsd"); break;
    case X86_SUBPS: HOST2("subps"); break;
    case X86_SUBPD: HOST2("subpd"); break;
    case X86_SUBSS: HOST2("subss"); break;
    case X86_SUBSD: HOST2("subsd"); break;
    case X86_MULPS: HOST2("mulps"); break;
    case X86_MULPD: HOST2("mulpd"); break;
    case X86_MULSS: HOST2("mulss"); break;
    case X86_MULSD: HOST2("mulsd"); break;
    case X86_DIVPS: HOST2("divps"); break;
    case X86_DIVPD: HOST2("divpd"); break;
    case X86_DIVSS: HOST2("divss"); break;
    case X86_DIVSD: HOST2("divsd"); break;
    case X86_MINPS: HOST2("minps"); break;
    case X86_MINPD: HOST2("minpd"); break;
    case X86_MINSS: HOST2("minss"); break;
    case X86_MINSD: HOST2("minsd"); break;
    case X86_MAXPS: HOST2("maxps"); break;
    case X86_MAXPD: HOST2("maxpd"); break;
    case X86_MAXSS: HOST2("maxss"); break;
    case X86_MAXSD: HOST2("maxsd"); break;
    case X86_SQRTPS: HOST2("sqrtps"); break;
    case X86_SQRTPD: HOST2("sqrtpd"); break;
    case X86_SQRTSS: HOST2("sqrtss"); break;
    case X86_SQRTSD: HOST2("sqrtsd"); break;
    case X86_RSQRTPS: HOST2("rsqrtps"); break;
    case X86_RSQRTSS: HOST2("rsqrtss"); break;
    case X86_RCPPS: HOST2("rcpps"); break;
    case X86_RCPSS: HOST2("rcpss"); break;
    case X86_ADDSUBPS: HOST2("addsubps"); break;
    case X86_ADDSUBPD: HOST2("addsubpd"); break;
    case X86_HADDPS: HOST2("haddps"); break;
    case X86_HADDPD: HOST2("haddpd"); break;
    case X86_HSUBPS: HOST2("hsubps"); break;
    case X86_HSUBPD: HOST2("hsubpd"); break;
    case X86_CVTPS2PD: HOST2("cvtps2pd"); break;
    case X86_CVTPD2PS: HOST2("cvtpd2ps"); break;
    case X86_CVTSS2SD: HOST2("cvtss2sd"); break;
    case X86_CVTSD2SS: HOST2("cvtsd2ss"); break;
    case X86_CVTDQ2PS: HOST2("cvtdq2ps"); break;
    case X86_CVTPS2DQ: HOST2("cvtps2dq"); break;
    case X86_CVTTPS2DQ: HOST2("cvttps2dq"); break;
    case X86_CVTDQ2PD: HOST2("cvtdq2pd"); break;
    case X86_CVTPD2DQ: HOST2("cvtpd2dq"); break;
    case X86_CVTTPD2DQ: HOST2("cvttpd2dq"); break;
    /* The MMX-register conversions are the XMM ones on a quadword. */
    case X86_CVTPI2PD: HOST2("cvtdq2pd"); break;
    case X86_CVTPS2PI: HOST2("cvtps2dq"); a[1] = 0; break;
    case X86_CVTTPS2PI: HOST2("cvttps2dq"); a[1] = 0; break;
    case X86_CVTPD2PI: HOST2("cvtpd2dq"); break;
    case X86_CVTTPD2PI: HOST2("cvttpd2dq"); break;
    case X86_CVTPI2PS: {
        uint64_t hi = a[1];
        b[1] = 0;
        HOST2("cvtdq2ps");
        a[1] = hi;
        break;
    }
    case X86_CVTSI2SS:
        if (imm == 8) {
            asm volatile("cvtsi2ssq %1, %0" : "+x"(a) : "r"(b[0]));
        } else {
            asm volatile("cvtsi2ssl %1, %0" : "+x"(a) : "r"((uint32_t)b[0]));
        }
        break;
    case X86_CVTSI2SD:
        if (imm == 8) {
            asm volatile("cvtsi2sdq %1, %0" : "+x"(a) : "r"(b[0]));
        } else {
            asm volatile("cvtsi2sdl %1, %0" : "+x"(a) : "r"((uint32_t)b[0]));
        }
        break;
    case X86_CMPPS: case X86_CMPPD: case X86_CMPSS: case X86_CMPSD_X:
        a = fp_cmp(op, a, b, imm & 7);
        break;
    case X86_ROUNDPS: case X86_ROUNDPD: case X86_ROUNDSS: case X86_ROUNDSD:
        a = fp_round(op, a, b, imm);
        break;
    case X86_DPPS:
        a = fp_dpps(a, b, imm);
        break;
    case X86_DPPD:
        a = fp_dppd(a, b, imm);
        break;
    default:
        return false;
    }
    *pa = a;
    return true;
}

bool sse_fp_op(CPUX86State *env, uint32_t op, SseVec *a, SseVec b,
               uint32_t imm, uintptr_t ra)
{
    SseVec r = *a;
    HostMxcsr h;
    uint32_t flags;
    bool ok;

    fp_begin(env, &h);
    ok = fp_host(op, &r, b, imm);
    flags = fp_end(&h);
    if (ok) {
        fp_flags(env, flags, ra);
        *a = r;
    }
    return ok;
}

uint64_t helper_sse_comi(CPUX86State *env, uint32_t op, uint64_t lo,
                         uint64_t blo)
{
    SseVec a = { lo, 0 }, b = { blo, 0 };
    HostMxcsr h;
    uint64_t ah;

    fp_begin(env, &h);
    switch (op) {
    case X86_COMISS:
        asm volatile("comiss %2, %1; lahf" : "=a"(ah) : "x"(a), "x"(b) : "cc");
        break;
    case X86_UCOMISS:
        asm volatile("ucomiss %2, %1; lahf" : "=a"(ah) : "x"(a), "x"(b) : "cc");
        break;
    case X86_COMISD:
        asm volatile("comisd %2, %1; lahf" : "=a"(ah) : "x"(a), "x"(b) : "cc");
        break;
    default:
        asm volatile("ucomisd %2, %1; lahf" : "=a"(ah) : "x"(a), "x"(b) : "cc");
        break;
    }
    fp_flags(env, fp_end(&h), GETPC());
    return (ah >> 8) & (EFLAGS_ZF | EFLAGS_PF | EFLAGS_CF);
}

uint64_t helper_sse_cvt2si(CPUX86State *env, uint32_t op, uint64_t src,
                           uint32_t size)
{
    SseVec v = { src, 0 };
    HostMxcsr h;
    uint64_t r = 0;
    uint32_t r32 = 0;

    fp_begin(env, &h);
    switch (op * 16 + size) {
    case X86_CVTSS2SI * 16 + 4: asm volatile("cvtss2si %1, %0" : "=r"(r32) : "x"(v)); break;
    case X86_CVTSS2SI * 16 + 8: asm volatile("cvtss2si %1, %0" : "=r"(r) : "x"(v)); break;
    case X86_CVTSD2SI * 16 + 4: asm volatile("cvtsd2si %1, %0" : "=r"(r32) : "x"(v)); break;
    case X86_CVTSD2SI * 16 + 8: asm volatile("cvtsd2si %1, %0" : "=r"(r) : "x"(v)); break;
    case X86_CVTTSS2SI * 16 + 4: asm volatile("cvttss2si %1, %0" : "=r"(r32) : "x"(v)); break;
    case X86_CVTTSS2SI * 16 + 8: asm volatile("cvttss2si %1, %0" : "=r"(r) : "x"(v)); break;
    case X86_CVTTSD2SI * 16 + 4: asm volatile("cvttsd2si %1, %0" : "=r"(r32) : "x"(v)); break;
    case X86_CVTTSD2SI * 16 + 8: asm volatile("cvttsd2si %1, %0" : "=r"(r) : "x"(v)); break;
    }
    fp_flags(env, fp_end(&h), GETPC());
    return size == 8 ? r : r32;
}

void helper_ldmxcsr(CPUX86State *env, uint64_t val)
{
    if (val & ~(uint64_t)MXCSR_MASK) {
        x86_raise_exception_err_ra(env, EXCP0D_GPF, 0, GETPC());
    }
    env->mxcsr = val;
}
