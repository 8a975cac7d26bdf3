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

/*
 * The host MXCSR. An instruction that may raise a flag the guest's MXCSR
 * does not have yet runs exactly: the host MXCSR is loaded with the
 * guest's RC, DAZ and FTZ, every exception masked and the flags clear,
 * and read back afterwards (fp_begin/fp_end). Reading it (STMXCSR) waits
 * for the FP pipeline, about 6 ns on a Zen 5, and loading it is
 * serializing on Intel CPUs, so the common case skips both:
 *
 * With the guest's MXCSR in the default mode (round to nearest, no DAZ
 * or FTZ, every exception masked, as Linux gives user code) an
 * instruction whose operands and results are all normal numbers or
 * zeros can raise no flag but PE (fp_quiet): no NaN or infinity means no
 * IE, ZE or OE, no denormal means no DE or UE. Once the guest has PE
 * (sticky), such an instruction changes nothing in MXCSR and runs on the
 * host's MXCSR as it stands, which fp_host_mode says is in the default
 * mode (host code, such as GLib's hash tables, may set flags there but
 * never changes the mode). Otherwise the instruction runs again exactly;
 * it has no other effect. This is QEMU's "hardfloat" idea, on the host's
 * own SSE unit.
 */
#define FP_DEFAULT_MODE 0x1f80u

static __thread uint32_t fp_host_mode;  /* the mode last loaded; 0: unknown */

static void fp_begin(CPUX86State *env)
{
    uint32_t want = (env->mxcsr & ~MXCSR_FLAGS) | MXCSR_MASKS;

    asm volatile("ldmxcsr %0" : : "m"(want) : "memory");
    fp_host_mode = want;
}

static uint32_t fp_end(void)
{
    uint32_t m;

    asm volatile("stmxcsr %0" : "=m"(m) : : "memory");
    return m & MXCSR_FLAGS;
}

/* True when the guest's MXCSR lets fp_quiet decide (the default mode). */
static bool fp_fast_mode(CPUX86State *env)
{
    if ((env->mxcsr & ~MXCSR_FLAGS) != FP_DEFAULT_MODE) {
        return false;
    }
    if (fp_host_mode != FP_DEFAULT_MODE) {
        uint32_t m = FP_DEFAULT_MODE;

        asm volatile("ldmxcsr %0" : : "m"(m) : "memory");
        fp_host_mode = FP_DEFAULT_MODE;
    }
    return true;
}

/* Normal or zero (not denormal, infinite or NaN), of either width. */
static bool fp_plain(bool f64, uint64_t x)
{
    unsigned e = f64 ? (x >> 52) & 0x7ff : (x >> 23) & 0xff;
    unsigned max = f64 ? 0x7ff : 0xff;

    return (e != 0 && e != max) || !(x << (f64 ? 1 : 33));
}

static bool fp_zero(bool f64, uint64_t x)
{
    return !(x << (f64 ? 1 : 33));
}

/*
 * A result that cannot have underflowed or overflowed: zero (the callers
 * check how it came about) or normal above the smallest binade, since a
 * result rounded up to the smallest normal may count as tiny.
 */
static bool fp_result_ok(bool f64, uint64_t x)
{
    unsigned e = f64 ? (x >> 52) & 0x7ff : (x >> 23) & 0xff;
    unsigned max = f64 ? 0x7ff : 0xff;

    return (e > 1 && e != max) || fp_zero(f64, x);
}

/* How fp_quiet judges an instruction. */
typedef enum FpKind {
    FQ_EXACT,       /* always run exactly */
    FQ_NONE,        /* no flag from plain operands: MIN, MAX, CMP */
    FQ_WIDEN,       /* f32 -> f64: no flag from a plain source */
    FQ_NEVER,       /* never a flag: RCP, RSQRT, int32 -> f64 */
    FQ_ADD,         /* PE; a zero result of plain operands is exact */
    FQ_MUL,         /* PE; a zero result needs a zero operand */
    FQ_DIV,         /* PE; a zero result needs a zero dividend */
    FQ_SQRT,        /* PE */
    FQ_NARROW,      /* f64 -> f32: PE; a zero result needs a zero source */
    FQ_INT_INEXACT, /* integers -> floats: PE at most */
    FQ_TO_INT,      /* floats -> int32: PE; 0x80000000 may be IE */
} FpKind;

typedef struct FpShape {
    uint8_t kind;
    bool f64;       /* the floating-point source elements are doubles */
    uint8_t lanes;  /* elements that take part: 1 scalar, 2 or 4 packed */
} FpShape;

static FpShape fp_shape(uint32_t op)
{
    switch (op) {
    case X86_ADDPS: case X86_SUBPS: case X86_ADDSUBPS: case X86_HADDPS:
    case X86_HSUBPS:
        return (FpShape){ FQ_ADD, false, 4 };
    case X86_ADDPD: case X86_SUBPD: case X86_ADDSUBPD: case X86_HADDPD:
    case X86_HSUBPD:
        return (FpShape){ FQ_ADD, true, 2 };
    case X86_ADDSS: case X86_SUBSS: return (FpShape){ FQ_ADD, false, 1 };
    case X86_ADDSD: case X86_SUBSD: return (FpShape){ FQ_ADD, true, 1 };
    case X86_MULPS: return (FpShape){ FQ_MUL, false, 4 };
    case X86_MULPD: return (FpShape){ FQ_MUL, true, 2 };
    case X86_MULSS: return (FpShape){ FQ_MUL, false, 1 };
    case X86_MULSD: return (FpShape){ FQ_MUL, true, 1 };
    case X86_DIVPS: return (FpShape){ FQ_DIV, false, 4 };
    case X86_DIVPD: return (FpShape){ FQ_DIV, true, 2 };
    case X86_DIVSS: return (FpShape){ FQ_DIV, false, 1 };
    case X86_DIVSD: return (FpShape){ FQ_DIV, true, 1 };
    case X86_SQRTPS: return (FpShape){ FQ_SQRT, false, 4 };
    case X86_SQRTPD: return (FpShape){ FQ_SQRT, true, 2 };
    case X86_SQRTSS: return (FpShape){ FQ_SQRT, false, 1 };
    case X86_SQRTSD: return (FpShape){ FQ_SQRT, true, 1 };
    case X86_MINPS: case X86_MAXPS: case X86_CMPPS:
        return (FpShape){ FQ_NONE, false, 4 };
    case X86_MINPD: case X86_MAXPD: case X86_CMPPD:
        return (FpShape){ FQ_NONE, true, 2 };
    case X86_MINSS: case X86_MAXSS: case X86_CMPSS:
        return (FpShape){ FQ_NONE, false, 1 };
    case X86_MINSD: case X86_MAXSD: case X86_CMPSD_X:
        return (FpShape){ FQ_NONE, true, 1 };
    case X86_CVTSS2SD: return (FpShape){ FQ_WIDEN, false, 1 };
    case X86_CVTPS2PD: return (FpShape){ FQ_WIDEN, false, 2 };
    case X86_RCPPS: case X86_RCPSS: case X86_RSQRTPS: case X86_RSQRTSS:
    case X86_CVTDQ2PD:
        return (FpShape){ FQ_NEVER, false, 0 };
    case X86_CVTSD2SS: return (FpShape){ FQ_NARROW, true, 1 };
    case X86_CVTPD2PS: return (FpShape){ FQ_NARROW, true, 2 };
    case X86_CVTDQ2PS: case X86_CVTSI2SS: case X86_CVTSI2SD:
        return (FpShape){ FQ_INT_INEXACT, false, 0 };
    case X86_CVTPS2DQ: case X86_CVTTPS2DQ:
        return (FpShape){ FQ_TO_INT, false, 4 };
    case X86_CVTPD2DQ: case X86_CVTTPD2DQ:
        return (FpShape){ FQ_TO_INT, true, 2 };
    default:
        return (FpShape){ FQ_EXACT, false, 0 };
    }
}

/* Element @i of @v as raw bits, doubles or singles. */
static uint64_t fp_elem(SseVec v, bool f64, unsigned i)
{
    return f64 ? v[i] : (uint32_t)(v[i / 2] >> (32 * (i % 2)));
}

/*
 * Whether @op, which made @r from @a and @b, raised no flag that the
 * guest's MXCSR @mxcsr lacks (see the comment at fp_begin). Horizontal
 * and add-subtract forms combine other elements of both operands, which
 * the checks of every element cover. CVTSI2SD of 32 bits (@imm 4) is
 * exact.
 */
static bool fp_quiet(uint32_t op, SseVec a, SseVec b, SseVec r,
                     uint32_t imm, uint32_t mxcsr)
{
    FpShape sh = fp_shape(op);
    bool f = sh.f64;

    switch (sh.kind) {
    case FQ_EXACT:
        return false;
    case FQ_NEVER:
        return true;
    case FQ_INT_INEXACT:
        return (mxcsr & 0x20) || (op == X86_CVTSI2SD && imm != 8);
    case FQ_NONE: case FQ_WIDEN:
        break;
    default:
        if (!(mxcsr & 0x20)) {
            return false;
        }
    }
    for (unsigned i = 0; i < sh.lanes; i++) {
        uint64_t x = fp_elem(a, f, i), y = fp_elem(b, f, i);

        if (!fp_plain(f, y)) {
            return false;
        }
        switch (sh.kind) {
        case FQ_WIDEN: case FQ_SQRT:
            if (sh.kind == FQ_SQRT && !fp_result_ok(f, fp_elem(r, f, i))) {
                return false;
            }
            break;
        case FQ_NARROW: {
            uint64_t z = fp_elem(r, false, i);

            if (!fp_result_ok(false, z) ||
                (fp_zero(false, z) && !fp_zero(f, y))) {
                return false;
            }
            break;
        }
        case FQ_TO_INT:
            if ((uint32_t)fp_elem(r, false, i) == 0x80000000u) {
                return false;
            }
            break;
        case FQ_NONE:
            if (!fp_plain(f, x)) {
                return false;
            }
            break;
        default: {
            uint64_t z = fp_elem(r, f, i);

            if (!fp_plain(f, x) || !fp_result_ok(f, z)) {
                return false;
            }
            if (fp_zero(f, z) &&
                ((sh.kind == FQ_MUL && !fp_zero(f, x) && !fp_zero(f, y)) ||
                 (sh.kind == FQ_DIV && !fp_zero(f, x)))) {
                return false;
            }
        }
        }
    }
    return true;
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

    if (fp_fast_mode(env)) {
        if (!fp_host(op, &r, b, imm)) {
            return false;
        }
        if (fp_quiet(op, *a, b, r, imm, env->mxcsr)) {
            *a = r;
            return true;
        }
        r = *a;
    }
    fp_begin(env);
    if (!fp_host(op, &r, b, imm)) {
        return false;
    }
    fp_flags(env, fp_end(), ra);
    if (op == X86_ROUNDPS || op == X86_ROUNDPD || op == X86_ROUNDSS ||
        op == X86_ROUNDSD) {
        fp_host_mode = 0;       /* fp_round changed the host's RC */
    }
    *a = r;
    return true;
}

/*
 * The double-precision ADDSD SUBSD MULSD DIVSD SQRTSD of fp_quiet's fast
 * path without its table: the guest's MXCSR is in the default mode with
 * PE set. False when the instruction must run exactly.
 */
static bool fp_scalar_quick(uint32_t op, uint64_t a, uint64_t b,
                            uint64_t *out)
{
    double x, y, z;
    uint64_t r;

    if (!fp_plain(true, a) || !fp_plain(true, b)) {
        return false;
    }
    memcpy(&x, &a, 8);
    memcpy(&y, &b, 8);
    switch (op) {
    case X86_ADDSD: asm("addsd %2, %0" : "=x"(z) : "0"(x), "x"(y)); break;
    case X86_SUBSD: asm("subsd %2, %0" : "=x"(z) : "0"(x), "x"(y)); break;
    case X86_MULSD: asm("mulsd %2, %0" : "=x"(z) : "0"(x), "x"(y)); break;
    case X86_DIVSD: asm("divsd %2, %0" : "=x"(z) : "0"(x), "x"(y)); break;
    case X86_SQRTSD: asm("sqrtsd %1, %0" : "=x"(z) : "x"(y)); break;
    default: return false;
    }
    memcpy(&r, &z, 8);
    if (!fp_result_ok(true, r)) {
        return false;
    }
    if (fp_zero(true, r) &&
        ((op == X86_MULSD && !fp_zero(true, a) && !fp_zero(true, b)) ||
         (op == X86_DIVSD && !fp_zero(true, a)))) {
        return false;
    }
    *out = r;
    return true;
}

uint64_t helper_sse_scalar(CPUX86State *env, uint32_t op, uint64_t a,
                           uint64_t b)
{
    SseVec va = { a, 0 };
    uint64_t r;

    if (fp_fast_mode(env) && (env->mxcsr & 0x20) &&
        fp_scalar_quick(op, a, b, &r)) {
        return r;
    }
    sse_fp_op(env, op, &va, (SseVec){ b, 0 }, 0, GETPC());
    return va[0];
}

uint64_t helper_sse_comi(CPUX86State *env, uint32_t op, uint64_t lo,
                         uint64_t blo)
{
    SseVec a = { lo, 0 }, b = { blo, 0 };
    bool f64 = op == X86_COMISD || op == X86_UCOMISD;
    bool fast = fp_fast_mode(env) && fp_plain(f64, lo) && fp_plain(f64, blo);
    uint64_t ah;

    /* Plain operands raise nothing (IE needs a NaN, DE a denormal). */
    if (!fast) {
        fp_begin(env);
    }
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
    if (!fast) {
        fp_flags(env, fp_end(), GETPC());
    }
    return (ah >> 8) & (EFLAGS_ZF | EFLAGS_PF | EFLAGS_CF);
}

static uint64_t cvt2si(uint32_t op, uint64_t src, uint32_t size)
{
    SseVec v = { src, 0 };
    uint64_t r = 0;
    uint32_t r32 = 0;

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
    return size == 8 ? r : r32;
}

/* A plain source raises PE at most, or IE with the indefinite result. */
uint64_t helper_sse_cvt2si(CPUX86State *env, uint32_t op, uint64_t src,
                           uint32_t size)
{
    bool f64 = op == X86_CVTSD2SI || op == X86_CVTTSD2SI;
    uint64_t indefinite = size == 8 ? 1ull << 63 : 1u << 31;
    uint64_t r;

    if (fp_fast_mode(env) && (env->mxcsr & 0x20) && fp_plain(f64, src)) {
        r = cvt2si(op, src, size);
        if (r != indefinite) {
            return r;
        }
    }
    fp_begin(env);
    r = cvt2si(op, src, size);
    fp_flags(env, fp_end(), GETPC());
    return r;
}

void helper_ldmxcsr(CPUX86State *env, uint64_t val)
{
    if (val & ~(uint64_t)MXCSR_MASK) {
        x86_raise_exception_err_ra(env, EXCP0D_GPF, 0, GETPC());
    }
    env->mxcsr = val;
}
