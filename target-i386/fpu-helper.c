/* SPDX-License-Identifier: MIT */
/*
 * The x87 FPU under TCG: runtime helpers. Arithmetic, loads, stores,
 * compares and transcendentals run on the host's own x87 through the
 * stubs of x87-host.S, with the guest's registers, control word (so its
 * precision and rounding control) and status word loaded by FRSTOR and
 * read back by FNSAVE: the results, the exception flags, C0-C3, the tag
 * word and the masked and unmasked responses (SDM Vol. 1, 4.9 and 8.5)
 * are the real CPU's bit for bit. The guest's sticky exception flags are
 * kept out of the host (the host never sees a pending exception) and
 * merged back; ES and B follow from flags & ~FCW.
 *
 * The environment instructions (FLDCW, FLDENV, FRSTOR, FNSTENV, FNSAVE,
 * FNCLEX, FNINIT, FWAIT) are plain C on CPUX86State: env->fpregs are the
 * physical registers R0-R7, TOP is FSW bits 11-13, env->fptw the tag
 * word (only "empty" is state; the other tags are computed from the
 * contents whenever they are shown, as the hardware does).
 *
 * Guest memory goes through cpu_ld_mmu/cpu_st_mmu with GETPC(): loads
 * happen before anything changes, stores before the new state is
 * committed, so a fault leaves the FPU as it was. docs/devel/x87.md
 * describes the design and what a non-x86 host would need instead.
 */
#include "target-i386/translate.h"

#include <string.h>

/* FSW/FCW bits (SDM Vol. 1, 8.1.3 and 8.1.5). */
#define FSW_IE      0x0001
#define FSW_OE      0x0008
#define FSW_UE      0x0010
#define FSW_EXC     0x003f      /* IE DE ZE OE UE PE */
#define FSW_SF      0x0040
#define FSW_ES      0x0080
#define FSW_B       0x8000
#define FSW_TOP_SHIFT 11
#define FSW_CC_TOP  0x7f00      /* C0-C2, TOP, C3 */
#define FCW_MASKS   0x003f

/* The FNSAVE/FRSTOR image of the stubs: 32-bit protected-mode layout. */
typedef struct __attribute__((packed)) X87Image {
    uint32_t fcw, fsw, ftw, fip, fcs_fop, fdp, fds;
    uint8_t st[8][10];
} X87Image;

typedef uint64_t (*X87Stub)(X87Image *img, void *mem, uint64_t eflags);

extern const uint8_t x87_host_stubs[];

static unsigned x87_top(const CPUX86State *env)
{
    return (env->fpus >> FSW_TOP_SHIFT) & 7;
}

/* The tag of a non-empty register from its contents (SDM 8.1.7). */
static unsigned x87_tag_of(const FPReg *r)
{
    unsigned exp = (r->bytes[8] | r->bytes[9] << 8) & 0x7fff;
    uint64_t mant = r->q[0];

    if (exp == 0x7fff) {
        return 2;
    }
    if (exp == 0) {
        return mant ? 2 : 1;
    }
    return (mant >> 63) ? 0 : 2;
}

uint16_t x87_tag_word(const CPUX86State *env)
{
    uint16_t tw = 0;

    for (int i = 0; i < 8; i++) {
        unsigned t = (env->fptw >> (2 * i)) & 3;

        tw |= (t == 3 ? 3 : x87_tag_of(&env->fpregs[i])) << (2 * i);
    }
    return tw;
}

/* ES and B are set exactly when an unmasked exception flag is. */
static void x87_update_es(CPUX86State *env)
{
    if (env->fpus & ~env->fpuc & FSW_EXC) {
        env->fpus |= FSW_ES | FSW_B;
    } else {
        env->fpus &= ~(FSW_ES | FSW_B);
    }
}

/*
 * A waiting instruction with an unmasked exception pending raises #MF
 * when CR0.NE is set. With NE clear the PC would signal FERR# to the
 * 8259 (IRQ 13); Kestrel does not model that and goes on as if IGNNE#
 * were asserted (docs/devel/x87.md).
 */
static void x87_check_pending(CPUX86State *env, uintptr_t ra)
{
    if ((env->fpus & FSW_ES) && (env->cr[0] & CR0_NE)) {
        x86_raise_exception_ra(env, EXCP10_COPR, ra);
    }
}

/* ---- guest memory ----------------------------------------------------- */

static void x87_ld_bytes(CPUX86State *env, uint64_t addr, uint8_t *buf,
                         unsigned n, int mmu, uintptr_t ra)
{
    unsigned i = 0;

    while (i < n) {
        unsigned chunk = n - i >= 8 ? 8 : n - i >= 4 ? 4 : n - i >= 2 ? 2 : 1;
        MemOp op = chunk == 8 ? MO_64 : chunk == 4 ? MO_32
                 : chunk == 2 ? MO_16 : MO_8;
        uint64_t v = cpu_ld_mmu(env->cpu, addr + i, op, mmu, ra);

        for (unsigned k = 0; k < chunk; k++) {
            buf[i + k] = v >> (8 * k);
        }
        i += chunk;
    }
}

/*
 * Store @n bytes (n < 4 KiB). The last and the first byte go first: if
 * either page faults nothing else has been written, and after both
 * every other byte lies on one of their pages.
 */
static void x87_st_bytes(CPUX86State *env, uint64_t addr, const uint8_t *buf,
                         unsigned n, int mmu, uintptr_t ra)
{
    unsigned i = 0;

    cpu_st_mmu(env->cpu, addr + n - 1, buf[n - 1], MO_8, mmu, ra);
    cpu_st_mmu(env->cpu, addr, buf[0], MO_8, mmu, ra);
    while (i < n) {
        unsigned chunk = n - i >= 8 ? 8 : n - i >= 4 ? 4 : n - i >= 2 ? 2 : 1;
        MemOp op = chunk == 8 ? MO_64 : chunk == 4 ? MO_32
                 : chunk == 2 ? MO_16 : MO_8;
        uint64_t v = 0;

        for (unsigned k = 0; k < chunk; k++) {
            v |= (uint64_t)buf[i + k] << (8 * k);
        }
        cpu_st_mmu(env->cpu, addr + i, v, op, mmu, ra);
        i += chunk;
    }
}

/* ---- instructions on the host FPU ------------------------------------- */

static void x87_image_from_env(const CPUX86State *env, X87Image *img)
{
    unsigned top = x87_top(env);

    memset(img, 0, sizeof(*img));
    img->fcw = env->fpuc;
    /* No sticky flags, so the host sees no pending exception. */
    img->fsw = env->fpus & FSW_CC_TOP;
    img->ftw = x87_tag_word(env);
    for (int i = 0; i < 8; i++) {
        memcpy(img->st[i], env->fpregs[(top + i) & 7].bytes, 10);
    }
}

static void x87_env_from_image(CPUX86State *env, const X87Image *img)
{
    unsigned top = (img->fsw >> FSW_TOP_SHIFT) & 7;
    uint16_t flags = (env->fpus | img->fsw) & (FSW_EXC | FSW_SF);

    for (int i = 0; i < 8; i++) {
        FPReg *r = &env->fpregs[(top + i) & 7];

        memcpy(r->bytes, img->st[i], 10);
        memset(r->bytes + 10, 0, 6);
    }
    env->fptw = img->ftw;
    env->fpus = (img->fsw & FSW_CC_TOP) | flags;
    x87_update_es(env);
}

/*
 * The last non-control instruction's opcode and pointers (SDM Vol. 1,
 * 8.1.8 and 8.1.9.1), kept as the host CPU keeps them (impl.c). Current
 * Intel CPUs: FIP always; FOP only for an instruction that raised an
 * unmasked exception (fopcode compatibility mode off, the default); FDP
 * likewise only then (CPUID.(EAX=07H,ECX=0):EBX[bit 6], FDP_EXCPTN_ONLY);
 * FCS/FDS never. AMD's: FIP, FCS and FOP always; FDP and FDS (the DS
 * selector, whatever segment the operand used) for a memory operand.
 */
static void x87_set_pointers(CPUX86State *env, unsigned fop, bool has_mem,
                             uint64_t fdp, uint64_t fip, bool unmasked)
{
    bool always = x86_impl()->x87_pointers_always;

    env->fpip = fip;
    if (always) {
        env->fpcs = env->segs[R_CS].selector;
    }
    if (always || unmasked) {
        env->fop = fop;
        if (has_mem) {
            env->fpdp = fdp;
            if (always) {
                env->fpds = env->segs[R_DS].selector;
            }
        }
    }
}

uint64_t helper_x87_exec(CPUX86State *env, uint32_t info, uint64_t addr,
                         uint64_t fdp, uint64_t fip)
{
    uintptr_t ra = GETPC();
    unsigned fop = info & X87_INFO_FOP;
    unsigned size = (info >> X87_INFO_SIZE_SHIFT) & 0xff;
    int mmu = (info >> X87_INFO_MMU_SHIFT) & 3;
    unsigned modrm = fop & 0xff;
    uint8_t mem[16] = { 0 };
    uint64_t flags_in = EFLAGS_FIXED, flags_out;
    uint16_t unmasked;
    X87Image img;
    X87Stub stub;

    x87_check_pending(env, ra);
    if (size && !(info & X87_INFO_STORE)) {
        x87_ld_bytes(env, addr, mem, size, mmu, ra);
    }
    if (info & (X87_INFO_FLAGS_IN | X87_INFO_FLAGS_OUT)) {
        flags_in |= x86_eflags_get(env) & CC_ARITH_MASK;
    }
    if (size) {
        modrm = (modrm & 0x38) | 0x06;      /* [rsi] */
    }
    x87_image_from_env(env, &img);
    stub = (X87Stub)(uintptr_t)(x87_host_stubs +
                                16 * ((fop >> 8) * 256 + modrm));
    flags_out = stub(&img, mem, flags_in);

    /* An unmasked IE, OE or UE leaves a memory destination alone. */
    unmasked = img.fsw & ~env->fpuc & FSW_EXC;
    if ((info & X87_INFO_STORE) &&
        !(unmasked & (FSW_IE | FSW_OE | FSW_UE))) {
        x87_st_bytes(env, addr, mem, size, mmu, ra);
    }
    x87_env_from_image(env, &img);
    x87_set_pointers(env, fop, size != 0, fdp, fip, unmasked != 0);
    if (info & X87_INFO_FLAGS_OUT) {
        x86_eflags_set(env, flags_out, CC_ARITH_MASK);
    }
    return flags_out;
}

/* ---- control instructions --------------------------------------------- */

void helper_fwait(CPUX86State *env)
{
    x87_check_pending(env, GETPC());
}

void helper_fldcw(CPUX86State *env, uint32_t cw)
{
    x87_check_pending(env, GETPC());
    /* Bit 6 reads as 1, bits 13-15 as 0 (SDM Figure 8-6). */
    env->fpuc = (cw & 0x1f3f) | 0x0040;
    x87_update_es(env);
}

void helper_fnclex(CPUX86State *env)
{
    env->fpus &= FSW_CC_TOP;
}

/* FNINIT (SDM Vol. 2A, FINIT/FNINIT): FCW 037FH, all empty, no pointers. */
void helper_fninit(CPUX86State *env)
{
    env->fpuc = 0x037f;
    env->fpus = 0;
    env->fptw = 0xffff;
    env->fop = 0;
    env->fpip = 0;
    env->fpdp = 0;
    env->fpcs = 0;
    env->fpds = 0;
}

/*
 * The environment in memory (SDM Vol. 1, Figures 8-9 to 8-12): 28 bytes
 * with a 32-bit operand size, 14 with 16; in real and virtual-8086 mode
 * the pointers are linear with the opcode beside them, in protected mode
 * offsets with the selectors (zero where FCS/FDS are deprecated, as on
 * current Intel CPUs: CPUID.(EAX=07H,ECX=0):EBX[bit 13]; see
 * x87_set_pointers).
 */
static void put16(uint8_t *p, uint16_t v)
{
    p[0] = v;
    p[1] = v >> 8;
}

static void put32(uint8_t *p, uint32_t v)
{
    put16(p, v);
    put16(p + 2, v >> 16);
}

static uint16_t get16(const uint8_t *p)
{
    return p[0] | p[1] << 8;
}

static uint32_t get32(const uint8_t *p)
{
    return get16(p) | (uint32_t)get16(p + 2) << 16;
}

static unsigned x87_env_store(CPUX86State *env, uint8_t *b, uint32_t info)
{
    bool real = info & X87_INFO_REAL, o16 = info & X87_INFO_O16;
    uint32_t fip = env->fpip, fdp = env->fpdp;
    uint16_t tw = x87_tag_word(env);

    if (real) {
        fip += env->segs[R_CS].base;
        fdp += env->segs[R_DS].base;
    }
    if (o16) {
        memset(b, 0, 14);
        put16(b, env->fpuc);
        put16(b + 2, env->fpus);
        put16(b + 4, tw);
        put16(b + 6, fip);
        put16(b + 10, fdp);
        if (real) {
            put16(b + 8, (env->fop & 0x7ff) | ((fip >> 16) & 0xf) << 12);
            put16(b + 12, ((fdp >> 16) & 0xf) << 12);
        } else {
            put16(b + 8, env->fpcs);
            put16(b + 12, env->fpds);
        }
        return 14;
    }
    /* The upper halves of the first three dwords read as ones. */
    memset(b, 0xff, 12);
    memset(b + 12, 0, 16);
    put16(b, env->fpuc);
    put16(b + 4, env->fpus);
    put16(b + 8, tw);
    if (real) {
        put32(b + 12, fip & 0xffff);
        put32(b + 16, (env->fop & 0x7ff) | (fip >> 16) << 12);
        put32(b + 20, fdp & 0xffff);
        put32(b + 24, (fdp >> 16) << 12);
    } else {
        put32(b + 12, fip);
        put32(b + 16, (uint32_t)(env->fop & 0x7ff) << 16 | env->fpcs);
        put32(b + 20, fdp);
        put32(b + 24, env->fpds);
    }
    return 28;
}

/* FCS/FDS from an environment image, where this CPU keeps them. */
static void x87_load_selectors(CPUX86State *env, uint16_t fcs, uint16_t fds)
{
    bool kept = x86_impl()->x87_pointers_always;

    env->fpcs = kept ? fcs : 0;
    env->fpds = kept ? fds : 0;
}

static unsigned x87_env_load(CPUX86State *env, const uint8_t *b,
                             uint32_t info)
{
    bool real = info & X87_INFO_REAL, o16 = info & X87_INFO_O16;
    uint16_t tw;

    if (o16) {
        env->fpuc = get16(b);
        env->fpus = get16(b + 2);
        tw = get16(b + 4);
        env->fpip = get16(b + 6);
        env->fpdp = get16(b + 10);
        if (real) {
            env->fop = get16(b + 8) & 0x7ff;
            env->fpip |= (uint32_t)(get16(b + 8) >> 12) << 16;
            env->fpdp |= (uint32_t)(get16(b + 12) >> 12) << 16;
        } else {
            x87_load_selectors(env, get16(b + 8), get16(b + 12));
        }
    } else {
        env->fpuc = get16(b);
        env->fpus = get16(b + 4);
        tw = get16(b + 8);
        if (real) {
            env->fpip = (get32(b + 12) & 0xffff) |
                        ((get32(b + 16) >> 12) & 0xffff) << 16;
            env->fop = get32(b + 16) & 0x7ff;
            env->fpdp = (get32(b + 20) & 0xffff) |
                        ((get32(b + 24) >> 12) & 0xffff) << 16;
        } else {
            env->fpip = get32(b + 12);
            env->fop = (get32(b + 16) >> 16) & 0x7ff;
            env->fpdp = get32(b + 20);
            x87_load_selectors(env, get16(b + 16), get16(b + 24));
        }
    }
    if (real) {
        env->fpip -= env->segs[R_CS].base;
        env->fpdp -= env->segs[R_DS].base;
    }
    env->fpuc = (env->fpuc & 0x1f3f) | 0x0040;
    /* Only "empty" is kept; the other tags follow the contents. */
    env->fptw = 0;
    for (int i = 0; i < 8; i++) {
        if (((tw >> (2 * i)) & 3) == 3) {
            env->fptw |= 3u << (2 * i);
        }
    }
    x87_update_es(env);
    return o16 ? 14 : 28;
}

void helper_fnstenv(CPUX86State *env, uint64_t addr, uint32_t info)
{
    uintptr_t ra = GETPC();
    int mmu = (info >> X87_INFO_MMU_SHIFT) & 3;
    uint8_t b[108];
    unsigned n = x87_env_store(env, b, info), top = x87_top(env);

    if (info & X87_INFO_SAVE) {
        for (int i = 0; i < 8; i++) {
            memcpy(b + n + 10 * i, env->fpregs[(top + i) & 7].bytes, 10);
        }
        x87_st_bytes(env, addr, b, n + 80, mmu, ra);
        helper_fninit(env);
        return;
    }
    x87_st_bytes(env, addr, b, n, mmu, ra);
    /* FNSTENV masks every exception after storing (SDM Vol. 2A). */
    env->fpuc |= FCW_MASKS;
    x87_update_es(env);
}

void helper_fldenv(CPUX86State *env, uint64_t addr, uint32_t info)
{
    uintptr_t ra = GETPC();
    int mmu = (info >> X87_INFO_MMU_SHIFT) & 3;
    unsigned n = info & X87_INFO_O16 ? 14 : 28;
    uint8_t b[108];

    x87_check_pending(env, ra);
    x87_ld_bytes(env, addr, b, (info & X87_INFO_SAVE) ? n + 80 : n, mmu, ra);
    x87_env_load(env, b, info);
    if (info & X87_INFO_SAVE) {
        unsigned top = x87_top(env);

        for (int i = 0; i < 8; i++) {
            FPReg *r = &env->fpregs[(top + i) & 7];

            memcpy(r->bytes, b + n + 10 * i, 10);
            memset(r->bytes + 10, 0, 6);
        }
    }
}
